//! Converting one value to and from its packed bytes, with CPython 3.11's conversion rules and
//! messages: integers through `__index__`, range checks worded per code and size mode, floats
//! through `__float__`, IEEE 754 half precision (`e`) with round-half-even, `?` by truth.

use super::format::{Field, Order};
use crate::object::ObjRef;
use crate::objects::{boolobj, bytearray, bytes, float, int};
use crate::vm::{ops, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// A `struct.error` with `msg`.
pub fn error(vm: &Vm, msg: &str) -> PyErr {
    crate::modules::modutil::module_error(vm, "_struct", "error", msg)
}

fn out_of_range(vm: &Vm) -> PyErr {
    error(vm, "argument out of range")
}

/// The integer value of a pack argument (CPython's `get_pylong`).
fn int_value(vm: &Vm, v: &ObjRef) -> PyResult<BigInt> {
    if let Some(b) = int::as_bigint(v) {
        return Ok(b);
    }
    if v.ob_type().slots.number.index.is_none() {
        return Err(error(vm, "required argument is not an integer"));
    }
    let i = ops::index(vm, v)?.ok_or_else(|| error(vm, "required argument is not an integer"))?;
    int::as_bigint(&i).ok_or_else(|| error(vm, "required argument is not an integer"))
}

/// The float value of a pack argument, or "required argument is not a float".
fn float_value(vm: &Vm, v: &ObjRef) -> PyResult<f64> {
    if let Some(f) = float::as_f64(v) {
        return Ok(f);
    }
    crate::modules::math::real_arg(vm, v).map_err(|_| error(vm, "required argument is not a float"))
}

fn range_msg(vm: &Vm, code: u8, lo: i128, hi: i128) -> PyErr {
    error(
        vm,
        &format!("'{}' format requires {lo} <= number <= {hi}", code as char),
    )
}

/// Converts an integer for `code` (size `len`) to its two's-complement value, checking range.
fn int_bits(vm: &Vm, f: &Field, native: bool, v: &ObjRef) -> PyResult<u64> {
    let n = int_value(vm, v)?;
    let code = f.code;
    if code == b'P' {
        return match (n.to_i64(), n.to_u64()) {
            (Some(s), _) => Ok(s as u64),
            (_, Some(u)) => Ok(u),
            _ => Err(error(vm, "int too large to convert")),
        };
    }
    let signed_long = || n.to_i64().map(i128::from).ok_or_else(|| out_of_range(vm));
    let unsigned_long = || n.to_u64().map(i128::from).ok_or_else(|| out_of_range(vm));
    let named = |lo: i128, hi: i128, what: &str| -> PyResult<u64> {
        let x = signed_long()?;
        if x < lo || x > hi {
            return Err(error(
                vm,
                &format!("{what} format requires {lo} <= number <= {hi}"),
            ));
        }
        Ok(x as u64)
    };
    match code {
        b'b' => return named(-128, 127, "byte"),
        b'B' => return named(0, 255, "ubyte"),
        b'h' if native => return named(-32768, 32767, "short"),
        b'H' if native => return named(0, 65535, "ushort"),
        _ => {}
    }
    let bits = (f.len * 8) as u32;
    let signed = code.is_ascii_lowercase();
    if signed {
        let x = signed_long()?;
        if bits < 64 {
            let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
            if x < lo || x > hi {
                return Err(range_msg(vm, code, lo, hi));
            }
        }
        Ok(x as u64)
    } else {
        let x = unsigned_long()?;
        if bits < 64 && x > (1i128 << bits) - 1 {
            return Err(range_msg(vm, code, 0, (1i128 << bits) - 1));
        }
        Ok(x as u64)
    }
}

/// Writes the low `out.len()` bytes of `v` in `order`.
fn put_uint(out: &mut [u8], v: u64, order: Order) {
    let le = v.to_le_bytes();
    let n = out.len();
    for (i, b) in out.iter_mut().enumerate() {
        *b = match order {
            Order::Little => le[i],
            Order::Big => le[n - 1 - i],
        };
    }
}

fn get_uint(data: &[u8], order: Order) -> u64 {
    let mut v: u64 = 0;
    let n = data.len();
    for i in 0..n {
        let b = match order {
            Order::Little => data[n - 1 - i],
            Order::Big => data[i],
        };
        v = (v << 8) | u64::from(b);
    }
    v
}

/// IEEE 754 binary16 bits of `x`, or `None` when `x` is finite but too large.
pub fn half_bits(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let a = x.abs();
    if a == 0.0 {
        return Some(sign);
    }
    // a = m * 2^e with 1 <= m < 2.
    let mut e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    if e == -1023 {
        // A double subnormal: far below half precision's range, so it rounds to zero.
        return Some(sign);
    }
    if e < -14 {
        let q = (a * 2f64.powi(24)).round_ties_even() as u16;
        return Some(sign | q);
    }
    let m = a / 2f64.powi(e) - 1.0;
    let mut q = (m * 1024.0).round_ties_even() as u32;
    if q == 1024 {
        q = 0;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | q as u16)
}

/// The value of IEEE 754 binary16 bits.
pub fn half_value(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = i32::from((bits >> 10) & 0x1f);
    let f = f64::from(bits & 0x3ff);
    let v = match e {
        0x1f if f == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        0 => f * 2f64.powi(-24),
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    };
    sign * v
}

/// The bytes of an `s`/`p` argument.
fn string_arg<'a>(vm: &Vm, code: u8, v: &'a ObjRef) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    if let Some(b) = bytes::as_bytes(v) {
        return Ok(std::borrow::Cow::Borrowed(b));
    }
    if let Some(s) = bytearray::storage(v) {
        return Ok(std::borrow::Cow::Owned(s.to_vec()));
    }
    Err(error(
        vm,
        &format!("argument for '{}' must be a bytes object", code as char),
    ))
}

/// Packs `v` as one value of `f` into `out` (exactly `f.len` bytes, zeroed).
pub fn pack_one(
    vm: &Vm,
    f: &Field,
    order: Order,
    native: bool,
    v: &ObjRef,
    out: &mut [u8],
) -> PyResult<()> {
    match f.code {
        b's' => {
            let data = string_arg(vm, b's', v)?;
            let n = data.len().min(out.len());
            out[..n].copy_from_slice(&data[..n]);
        }
        b'p' => {
            let data = string_arg(vm, b'p', v)?;
            if out.is_empty() {
                return Ok(());
            }
            let n = data.len().min(out.len() - 1);
            out[1..1 + n].copy_from_slice(&data[..n]);
            out[0] = n.min(255) as u8;
        }
        b'c' => match bytes::as_bytes(v) {
            Some([b]) => out[0] = *b,
            _ => return Err(error(vm, "char format requires a bytes object of length 1")),
        },
        b'?' => out[0] = u8::from(ops::truthy(vm, v)?),
        b'e' => {
            let x = float_value(vm, v)?;
            let bits = half_bits(x)
                .ok_or_else(|| vm.overflow_error("float too large to pack with e format"))?;
            put_uint(out, u64::from(bits), order);
        }
        b'f' => {
            let x = float_value(vm, v)?;
            let y = x as f32;
            if !native && y.is_infinite() && x.is_finite() {
                return Err(vm.overflow_error("float too large to pack with f format"));
            }
            put_uint(out, u64::from(y.to_bits()), order);
        }
        b'd' => {
            let x = float_value(vm, v)?;
            put_uint(out, x.to_bits(), order);
        }
        _ => {
            let bits = int_bits(vm, f, native, v)?;
            put_uint(out, bits, order);
        }
    }
    Ok(())
}

/// Unpacks one value of `f` from `data` (exactly `f.len` bytes).
pub fn unpack_one(vm: &Vm, f: &Field, order: Order, data: &[u8]) -> PyResult<ObjRef> {
    match f.code {
        b's' => bytes::new_bytes(vm, data),
        b'p' => {
            let n = data.first().map_or(0, |n| usize::from(*n));
            let n = n.min(data.len().saturating_sub(1));
            bytes::new_bytes(vm, &data[1.min(data.len())..1.min(data.len()) + n])
        }
        b'c' => bytes::new_bytes(vm, data),
        b'?' => Ok(boolobj::new_bool(data[0] != 0)),
        b'e' => float::new_float(vm, half_value(get_uint(data, order) as u16)),
        b'f' => float::new_float(vm, f64::from(f32::from_bits(get_uint(data, order) as u32))),
        b'd' => float::new_float(vm, f64::from_bits(get_uint(data, order))),
        code => {
            let raw = get_uint(data, order);
            let bits = data.len() as u32 * 8;
            if code.is_ascii_lowercase() {
                let shift = 64 - bits;
                int::new_int(vm, ((raw << shift) as i64) >> shift)
            } else {
                int::new_bigint(vm, &BigInt::from(raw))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_rounding() {
        assert_eq!(half_bits(65504.0), Some(0x7bff));
        assert_eq!(half_bits(65519.99), Some(0x7bff));
        assert_eq!(half_bits(65520.0), None);
        assert_eq!(half_bits(5.960464477539063e-08), Some(1));
        assert_eq!(half_bits(2.9802322387695312e-08), Some(0));
        assert_eq!(half_bits(f64::NAN), Some(0x7e00));
        assert_eq!(half_value(0x7c00), f64::INFINITY);
        assert_eq!(half_value(1), 5.960464477539063e-08);
        assert_eq!(half_value(0x3c00), 1.0);
    }

    #[test]
    fn byte_orders() {
        let mut b = [0u8; 4];
        put_uint(&mut b, 0x0102_0304, Order::Big);
        assert_eq!(b, [1, 2, 3, 4]);
        assert_eq!(get_uint(&b, Order::Little), 0x0403_0201);
    }
}
