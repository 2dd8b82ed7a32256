//! `float` methods and conversions: text parsing (`float("1_0.5")`), `hex`/`fromhex`,
//! `as_integer_ratio`, `is_integer`, rounding (`__round__`, `__trunc__`, `__floor__`,
//! `__ceil__`) and the `real`/`imag` attributes.

use crate::object::ObjRef;
use crate::objects::float::{as_f64, new_float};
use crate::objects::{boolobj, int, none, str as pystr, tuple, unicode};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

/// Replaces decimal digits of any script by ASCII ones; `None` if other non-ASCII characters
/// remain (CPython accepts `float('١.٥')`).
pub fn normalize_digits(s: &str) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_string());
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else {
                unicode::decimal_value(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// Reads digits with single underscores between them; returns the end offset (`start` if none).
fn scan_digits(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < b.len() {
        let underscore = b[i] == b'_'
            && i > start
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(b[i].is_ascii_digit() || underscore) {
            break;
        }
        i += 1;
    }
    i
}

/// Scans the longest float literal at the start of ASCII text (sign, digits with underscores,
/// point, exponent, or `inf`/`infinity`/`nan`): its value and length.
pub fn scan_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let lower = s[i..].to_ascii_lowercase();
    for (word, v) in [
        ("infinity", f64::INFINITY),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        if lower.starts_with(word) {
            let v = if negative { -v } else { v };
            return Some((v, i + word.len()));
        }
    }
    let int_end = scan_digits(b, i);
    let mut end = int_end;
    let mut frac_digits = 0;
    if b.get(end) == Some(&b'.') {
        let frac_end = scan_digits(b, end + 1);
        frac_digits = frac_end - (end + 1);
        end = frac_end;
    }
    if int_end == i && frac_digits == 0 {
        return None;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let mut j = end + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_end = scan_digits(b, j);
        if exp_end > j {
            end = exp_end;
        }
    }
    let text: String = s[..end].chars().filter(|c| *c != '_').collect();
    text.parse::<f64>().ok().map(|v| (v, end))
}

/// `float(text)`: surrounding whitespace, underscores between digits, any script's digits.
pub fn parse_float_text(s: &str) -> Option<f64> {
    let t = normalize_digits(s.trim_matches(unicode::is_space))?;
    match scan_float(&t) {
        Some((v, n)) if n == t.len() => Some(v),
        _ => None,
    }
}

fn this_f64(this: &ObjRef) -> f64 {
    as_f64(this).unwrap_or(0.0)
}

/// The exact value of a finite double as `mantissa * 2**exponent` (mantissa odd or zero).
fn decompose(x: f64) -> (BigInt, i64) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp_bits - 1075)
    };
    if m != 0 {
        let tz = m.trailing_zeros();
        m >>= tz;
        e += tz as i64;
    }
    let m = BigInt::from(m);
    (if x < 0.0 { -m } else { m }, e)
}

/// `x * 2**e` without intermediate overflow or double rounding for exact results.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// `x.as_integer_ratio()`.
pub fn as_integer_ratio(vm: &Vm, x: f64) -> PyResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (m, e) = decompose(x);
    if m.is_zero() {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    Ok(if e >= 0 {
        (m << e as usize, BigInt::one())
    } else {
        (m, BigInt::one() << (-e) as usize)
    })
}

/// `x.hex()`: `0x1.8000000000000p+0`.
pub fn float_hex_text(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp_bits == 0 {
        (0, -1022)
    } else {
        (1, exp_bits - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{e:+}")
}

/// `float.fromhex(text)`, correctly rounded.
pub fn float_from_hex(vm: &Vm, s: &str) -> PyResult<f64> {
    let invalid = || vm.value_error("invalid hexadecimal floating-point string");
    let t = s.trim_matches(unicode::is_space);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity") {
        return Ok(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let rest = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match rest.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (rest, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let hex_ok = |p: &str| p.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex_ok(int_part) || !hex_ok(frac_part) {
        return Err(invalid());
    }
    let mut e: i64 = match exp {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            // Huge exponents saturate: the value is then zero or too large anyway.
            e.parse::<i64>().unwrap_or(if e.starts_with('-') {
                -(1 << 40)
            } else {
                1 << 40
            })
        }
    };
    let digits = format!("{int_part}{frac_part}");
    let m = BigInt::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    e = e.saturating_sub(4 * frac_part.len() as i64);
    let value = if m.is_zero() {
        0.0
    } else {
        let top = m.bits() as i64 - 1 + e;
        if top > 1023 {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"));
        }
        let lsb = (top - 52).max(-1074);
        let shift = lsb - e;
        let q = if shift <= 0 {
            m << (-shift) as usize
        } else if shift as u64 > m.bits() + 1 {
            // Far below the smallest subnormal: rounds to zero (and `1 << (shift - 1)` would
            // not fit in memory).
            BigInt::zero()
        } else {
            let q = &m >> shift as usize;
            let rem = &m - (&q << shift as usize);
            let half = BigInt::one() << (shift - 1) as usize;
            if rem > half || (rem == half && q.is_odd()) {
                q + 1
            } else {
                q
            }
        };
        let v = ldexp(q.to_f64().unwrap_or(f64::INFINITY), lsb);
        if v.is_infinite() {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"));
        }
        v
    };
    Ok(if negative { -value } else { value })
}

/// `round(x, ndigits)` for a double, correctly rounded (half to even on the exact value).
pub fn round_f64(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0f64.copysign(x));
    }
    let r = if ndigits >= 0 {
        format!("{x:.prec$}", prec = ndigits as usize)
            .parse::<f64>()
            .unwrap_or(x)
    } else {
        let (m, e) = decompose(x);
        let pow10 = num_traits::pow(BigInt::from(10), (-ndigits) as usize);
        // x = m * 2**e; round x / 10**k to an integer, half to even.
        let (num, den) = if e >= 0 {
            (m << e as usize, pow10.clone())
        } else {
            (m, &pow10 << (-e) as usize)
        };
        let q = round_half_even(&num, &den);
        (q * pow10).to_f64().unwrap_or(f64::INFINITY)
    };
    if r.is_infinite() {
        return Err(vm.overflow_error("rounded value too large to represent"));
    }
    Ok(if r == 0.0 { 0.0f64.copysign(x) } else { r })
}

/// `num / den` rounded to the nearest integer, ties to even (`den > 0`).
pub fn round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice = &r * 2;
    if twice > *den || (twice == *den && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

/// `math.floor(x)` / `x.__floor__()` as an int object.
pub fn floor_to_int(vm: &Vm, x: f64) -> PyResult<ObjRef> {
    crate::objects::float::float_to_int(vm, x.floor())
}

/// `math.ceil(x)` / `x.__ceil__()` as an int object.
pub fn ceil_to_int(vm: &Vm, x: f64) -> PyResult<ObjRef> {
    crate::objects::float::float_to_int(vm, x.ceil())
}

/// `math.trunc(x)` / `x.__trunc__()` as an int object.
pub fn trunc_to_int(vm: &Vm, x: f64) -> PyResult<ObjRef> {
    crate::objects::float::float_to_int(vm, x.trunc())
}

/// `round(x[, ndigits])` for a float object.
pub fn float_round_obj(vm: &Vm, x: f64, ndigits: Option<&ObjRef>) -> PyResult<ObjRef> {
    match ndigits.filter(|n| !none::is_none(n)) {
        None => crate::objects::float::float_to_int(vm, x.round_ties_even()),
        Some(n) => {
            let nd = match int::value(n) {
                Some(int::IntValue::Small(v)) => v,
                Some(int::IntValue::Big(b)) => {
                    if b.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
                None => index_arg(vm, n)?,
            };
            new_float(vm, round_f64(vm, x, nd)?)
        }
    }
}

macro_rules! float_method {
    ($fn:ident, $name:literal, |$vm:ident, $x:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            parse::<0>(vm, $name, Sig::NoArgs, args, kw)?;
            let $x = this_f64(this);
            let $vm = vm;
            $body
        }
    };
}

float_method!(float_is_integer, "float.is_integer", |_vm, x| Ok(
    boolobj::new_bool(x.is_finite() && x.fract() == 0.0)
));
float_method!(float_conjugate, "float.conjugate", |vm, x| new_float(vm, x));
float_method!(float_hex, "float.hex", |vm, x| pystr::new_str_vm(
    vm,
    &float_hex_text(x)
));
float_method!(float_trunc, "float.__trunc__", |vm, x| trunc_to_int(vm, x));
float_method!(float_floor, "float.__floor__", |vm, x| floor_to_int(vm, x));
float_method!(float_ceil, "float.__ceil__", |vm, x| ceil_to_int(vm, x));
float_method!(float_int, "float.__int__", |vm, x| trunc_to_int(vm, x));
float_method!(float_as_integer_ratio, "float.as_integer_ratio", |vm, x| {
    let (n, d) = as_integer_ratio(vm, x)?;
    let items = vec![int::new_bigint(vm, &n)?, int::new_bigint(vm, &d)?];
    tuple::new_tuple(vm, items)
});

pub(crate) fn float_round(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [nd] = parse::<1>(vm, "float.__round__", Sig::Clinic(0, 1), args, kw)?;
    float_round_obj(vm, this_f64(this), nd.as_ref())
}

/// `float.fromhex(s)` (bound to the type or an instance: `this` is ignored).
/// `float.fromhex(s)` (a class method: a subclass is called with the float, as in CPython).
pub(crate) fn float_fromhex(
    vm: &Vm,
    cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [s] = parse::<1>(vm, "float.fromhex", Sig::One, args, kw)?;
    let s = s.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = pystr::as_str(&s)
        .ok_or_else(|| vm.type_error("bad argument type for built-in operation"))?;
    let f = new_float(vm, float_from_hex(vm, text)?)?;
    match cls.as_type() {
        Some(t) if !std::ptr::eq(t, &crate::objects::float::FLOAT_TYPE) => {
            crate::vm::ops::call(vm, cls, &[f], None)
        }
        _ => Ok(f),
    }
}

pub(crate) fn float_format(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [spec] = parse::<1>(vm, "float.__format__", Sig::One, args, kw)?;
    let spec = spec.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = pystr::as_str(&spec).ok_or_else(|| {
        vm.type_error(&format!(
            "__format__() argument must be str, not {}",
            spec.ob_type().name()
        ))
    })?;
    crate::objects::format::format_builtin(vm, this, text)
}

/// `real` and `imag`.
pub(crate) fn float_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(x) = as_f64(obj) else {
        return Ok(None);
    };
    match name {
        "real" => Ok(Some(new_float(vm, x)?)),
        "imag" => Ok(Some(new_float(vm, 0.0)?)),
        _ => Ok(None),
    }
}

/// `BigInt` from an integral double (for callers that already checked finiteness).
pub fn bigint_of(x: f64) -> BigInt {
    BigInt::from_f64(x).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_float_text_like_cpython() {
        assert_eq!(parse_float_text(" 1_0.5 "), Some(10.5));
        assert_eq!(parse_float_text("١.٥"), Some(1.5));
        assert_eq!(parse_float_text("-iNF"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float_text(".5"), Some(0.5));
        assert_eq!(parse_float_text("5."), Some(5.0));
        assert_eq!(parse_float_text("1e500"), Some(f64::INFINITY));
        for bad in ["1__0", "1_e5", ".", "0x10", "", "1_", "_1", "1e", "infinit"] {
            assert_eq!(parse_float_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hex_round_trips_like_cpython() {
        assert_eq!(float_hex_text(1.5), "0x1.8000000000000p+0");
        assert_eq!(float_hex_text(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex_text(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex_text(0.1), "0x1.999999999999ap-4");
    }

    #[test]
    fn rounding_matches_cpython() {
        assert_eq!(format!("{:.2}", 0.125), "0.12");
        assert_eq!(
            round_half_even(&BigInt::from(5), &BigInt::from(2)),
            BigInt::from(2)
        );
        assert_eq!(
            round_half_even(&BigInt::from(-5), &BigInt::from(2)),
            BigInt::from(-2)
        );
        assert_eq!(
            round_half_even(&BigInt::from(7), &BigInt::from(2)),
            BigInt::from(4)
        );
    }
}
