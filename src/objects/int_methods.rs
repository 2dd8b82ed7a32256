//! `int` construction from text (`int(s, base)` with prefixes and underscores, CPython's
//! 4300-digit limit), the methods (`bit_length`, `bit_count`, `as_integer_ratio`, `__round__`,
//! ...) and the `real`/`imag`/`numerator`/`denominator` attributes.

use crate::object::{ObjRef, TypeObject};
use crate::objects::int::{self, new_bigint, new_int, value, IntValue};
use crate::objects::{none, str as pystr, tuple, unicode};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

/// Parses the text of `int(s, base)` (`base` 0 or 2..=36); `Ok(None)` for an invalid literal.
pub fn parse_int_text(vm: &Vm, s: &str, base: u32) -> PyResult<Option<BigInt>> {
    // As CPython, decimal digits of any script count as ASCII digits, prefixes included.
    let ascii: String;
    let s = if s.is_ascii() {
        s
    } else {
        ascii = s
            .chars()
            .map(|c| match unicode::decimal_value(c) {
                Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
                _ => c,
            })
            .collect();
        &ascii
    };
    let t = s.trim_matches(unicode::is_space);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower_prefix = body.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match lower_prefix.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let base0 = base == 0;
    let (base, digits, after_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &body[2..], true),
        (0, None) => (10, body, false),
        (b, Some(p)) if b == p => (b, &body[2..], true),
        (b, _) => (b, body, false),
    };
    // Underscores: single, between digits, or right after a base prefix.
    let mut ascii = String::with_capacity(digits.len());
    let mut prev_digit = after_prefix;
    let mut count = 0usize;
    for c in digits.chars() {
        if c == '_' {
            if !prev_digit {
                return Ok(None);
            }
            prev_digit = false;
            continue;
        }
        let d = match unicode::decimal_value(c) {
            Some(d) => d,
            None if c.is_ascii_alphabetic() => c.to_ascii_lowercase() as u32 - 'a' as u32 + 10,
            None => return Ok(None),
        };
        if d >= base {
            return Ok(None);
        }
        ascii.push(char::from_digit(d, base).unwrap_or('0'));
        prev_digit = true;
        count += 1;
    }
    if count == 0 || !prev_digit {
        return Ok(None);
    }
    // Base 0 without prefix: no leading zeros unless the value is zero.
    if base0 && prefix_base.is_none() {
        let nonzero = ascii.bytes().any(|b| b != b'0');
        if nonzero && ascii.starts_with('0') {
            return Ok(None);
        }
    }
    if !base.is_power_of_two() && int::exceeds_str_digits(vm, count) {
        return Err(vm.value_error(&format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {count} digits; use sys.set_int_max_str_digits() to increase the limit",
            int::max_str_digits(vm)
        )));
    }
    let v = BigInt::parse_bytes(ascii.as_bytes(), base).unwrap_or_default();
    Ok(Some(if negative { -v } else { v }))
}

/// `int(text, base)` as an int object, with CPython's error for invalid literals.
pub fn int_from_text(vm: &Vm, arg: &ObjRef, s: &str, base: u32) -> PyResult<ObjRef> {
    match parse_int_text(vm, s, base)? {
        Some(v) => new_bigint(vm, &v),
        None => Err(vm.value_error(&format!(
            "invalid literal for int() with base {base}: {}",
            crate::vm::ops::repr_string(vm, arg)?
        ))),
    }
}

/// `int(x=0, /, base=10)`.
pub fn int_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let v = int_new_exact(vm, args, kwnames)?;
    if std::ptr::eq(ty, &int::INT_TYPE) {
        return Ok(v);
    }
    // A subclass (`class Color(int, Enum)`): the same value in an instance of `ty`.
    int::new_int_of_type(vm, ty, &int::as_bigint(&v).unwrap_or_default())
}

fn int_new_exact(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["x", "base"],
        required: 0,
        posonly: 1,
    };
    let [x, base] = parse::<2>(vm, "int", sig, args, kwnames)?;
    let Some(base) = base else {
        return match x {
            None => new_int(vm, 0),
            Some(x) => int::to_int(vm, &x),
        };
    };
    let Some(x) = x else {
        return Err(vm.type_error("int() missing string argument"));
    };
    let b = match value(&base) {
        Some(IntValue::Small(b)) => b,
        Some(IntValue::Big(_)) => -1,
        None => index_arg(vm, &base)?,
    };
    if b != 0 && !(2..=36).contains(&b) {
        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    if let Some(s) = pystr::as_text(&x) {
        // A lone surrogate is no digit: the lossy text fails alike, and the error shows `x`.
        return int_from_text(vm, &x, &s.to_lossy(), b as u32);
    }
    // bytes and bytearray are parsed as ASCII text (CPython's `_PyLong_FromBytes`).
    let raw = crate::objects::bytes::as_bytes(&x)
        .map(<[u8]>::to_vec)
        .or_else(|| crate::objects::bytearray::storage(&x).map(|v| v.to_vec()));
    match raw {
        Some(raw) => {
            let text = String::from_utf8(raw).unwrap_or_else(|_| "\u{0}".to_string());
            int_from_text(vm, &x, &text, b as u32)
        }
        None => Err(vm.type_error("int() can't convert non-string with explicit base")),
    }
}

fn this_big(this: &ObjRef) -> BigInt {
    int::as_bigint(this).unwrap_or_default()
}

macro_rules! int_method {
    ($fn:ident, $name:literal, |$vm:ident, $v:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            parse::<0>(vm, $name, Sig::NoArgs, args, kw)?;
            let $v = this_big(this);
            let $vm = vm;
            $body
        }
    };
}

int_method!(int_bit_length, "int.bit_length", |vm, v| new_int(
    vm,
    v.bits() as i64
));
int_method!(int_bit_count, "int.bit_count", |vm, v| {
    let ones: u64 = v
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    new_int(vm, ones as i64)
});
int_method!(int_conjugate, "int.conjugate", |vm, v| new_bigint(vm, &v));
int_method!(int_index, "int.__index__", |vm, v| new_bigint(vm, &v));
int_method!(int_trunc, "int.__trunc__", |vm, v| new_bigint(vm, &v));
int_method!(int_floor, "int.__floor__", |vm, v| new_bigint(vm, &v));
int_method!(int_ceil, "int.__ceil__", |vm, v| new_bigint(vm, &v));
int_method!(int_as_integer_ratio, "int.as_integer_ratio", |vm, v| {
    let items = vec![new_bigint(vm, &v)?, new_int(vm, 1)?];
    tuple::new_tuple(vm, items)
});

/// `round(n, ndigits)` for an int: itself for `ndigits >= 0`, otherwise the nearest multiple of
/// `10**-ndigits`, ties to even.
pub fn int_round_value(v: &BigInt, ndigits: &BigInt) -> BigInt {
    if !ndigits.is_negative() {
        return v.clone();
    }
    let Ok(k) = usize::try_from(-ndigits) else {
        return BigInt::zero();
    };
    if k as u64 > v.bits() {
        return BigInt::zero();
    }
    let pow10 = num_traits::pow(BigInt::from(10), k);
    crate::objects::float_methods::round_half_even(v, &pow10) * pow10
}

/// `round(n[, ndigits])` for an int object.
pub fn int_round_obj(vm: &Vm, this: &ObjRef, ndigits: Option<&ObjRef>) -> PyResult<ObjRef> {
    let v = this_big(this);
    match ndigits.filter(|n| !none::is_none(n)) {
        None => new_bigint(vm, &v),
        Some(n) => {
            let nd = match int::as_bigint(n) {
                Some(nd) => nd,
                None => BigInt::from(index_arg(vm, n)?),
            };
            new_bigint(vm, &int_round_value(&v, &nd))
        }
    }
}

pub(crate) fn int_round(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [nd] = parse::<1>(vm, "int.__round__", Sig::Clinic(0, 1), args, kw)?;
    int_round_obj(vm, this, nd.as_ref())
}

pub(crate) fn int_format(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [spec] = parse::<1>(vm, "int.__format__", Sig::One, args, kw)?;
    let spec = spec.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = pystr::as_str(&spec).ok_or_else(|| {
        vm.type_error(&format!(
            "__format__() argument must be str, not {}",
            spec.ob_type().name()
        ))
    })?;
    crate::objects::format::format_builtin(vm, this, text)
}

/// `real`, `imag`, `numerator`, `denominator`.
pub(crate) fn int_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(v) = int::as_bigint(obj) else {
        return Ok(None);
    };
    match name {
        "real" | "numerator" => Ok(Some(new_bigint(vm, &v)?)),
        "imag" => Ok(Some(new_int(vm, 0)?)),
        "denominator" => Ok(Some(new_int(vm, 1)?)),
        _ => Ok(None),
    }
}

/// `pow(base, exp, mod)` for ints, with a modular inverse for negative exponents.
pub fn int_pow_mod(vm: &Vm, base: &BigInt, exp: &BigInt, modulus: &BigInt) -> PyResult<BigInt> {
    if modulus.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = modulus.abs();
    let mut b = base.mod_floor_big(&m);
    let mut e = exp.clone();
    if e.is_negative() {
        b = mod_inverse(&b, &m)
            .ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = if m.is_one() {
        BigInt::zero()
    } else {
        b.modpow(&e, &m)
    };
    if modulus.is_negative() && !r.is_zero() {
        r -= &m;
    }
    Ok(r)
}

trait ModFloor {
    fn mod_floor_big(&self, m: &BigInt) -> BigInt;
}

impl ModFloor for BigInt {
    fn mod_floor_big(&self, m: &BigInt) -> BigInt {
        num_integer::Integer::mod_floor(self, m)
    }
}

/// The inverse of `a` modulo `m` (`m > 0`), by the extended Euclidean algorithm.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    old_r
        .is_one()
        .then(|| num_integer::Integer::mod_floor(&old_s, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_even_multiples() {
        let r = |v: i64, nd: i64| int_round_value(&BigInt::from(v), &BigInt::from(nd));
        assert_eq!(r(15, -1), BigInt::from(20));
        assert_eq!(r(25, -1), BigInt::from(20));
        assert_eq!(r(-25, -1), BigInt::from(-20));
        assert_eq!(r(1234, 2), BigInt::from(1234));
        assert_eq!(r(5, -1), BigInt::from(0));
        assert_eq!(r(1234, -10), BigInt::from(0));
    }

    #[test]
    fn modular_inverse() {
        assert_eq!(
            mod_inverse(&BigInt::from(3), &BigInt::from(7)),
            Some(BigInt::from(5))
        );
        assert_eq!(mod_inverse(&BigInt::from(2), &BigInt::from(4)), None);
    }
}
