//! `int / int`, correctly rounded (CPython's `long_true_divide`).
//!
//! Converting both operands to floats first rounds twice (each operand, then the quotient) and
//! overflows for operands beyond 2**1024 even when their quotient is small. Instead the quotient
//! is computed as an integer with two or three bits beyond a double's 53, its remainder folded
//! into a sticky bit, and rounded once, half to even; the scale is applied exactly at the end.
//! Results below the smallest subnormal round to (signed) zero; results past the largest double
//! are an overflow.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// Bits in a double's significand (`DBL_MANT_DIG`).
const MANT_DIG: i64 = 53;
/// `DBL_MAX_EXP`: 2**MAX_EXP overflows.
const MAX_EXP: i64 = 1024;
/// `DBL_MIN_EXP`: the smallest normal double is 2**(MIN_EXP - 1).
const MIN_EXP: i64 = -1021;

/// The quotient did not fit in a double.
#[derive(Debug, PartialEq, Eq)]
pub struct Overflow;

/// `2**k` for `k` in the normal exponent range.
fn pow2(k: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&k));
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// `x * 2**k`, exact whenever the result is representable (`x` is an integer below 2**55).
fn ldexp(x: f64, k: i64) -> f64 {
    if k >= -1022 {
        let mut r = x;
        let mut k = k;
        while k > 1023 {
            r *= pow2(1023);
            k -= 1023;
        }
        r * pow2(k)
    } else {
        // Two exact steps: the intermediate value stays normal.
        x * pow2(-1022) * pow2(k + 1022)
    }
}

/// `a / b` as a correctly rounded double. `b` must not be zero.
pub fn true_divide(a: &BigInt, b: &BigInt) -> Result<f64, Overflow> {
    debug_assert!(!b.is_zero());
    let negative = (a.sign() == num_bigint::Sign::Minus) != (b.sign() == num_bigint::Sign::Minus);
    let signed = |v: f64| if negative { -v } else { v };
    let (a, b) = (a.magnitude(), b.magnitude());
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    // Both exactly representable: one rounding, by the hardware.
    if a.bits() <= MANT_DIG as u64 && b.bits() <= MANT_DIG as u64 {
        let (x, y) = (a.to_f64().unwrap_or(0.0), b.to_f64().unwrap_or(1.0));
        return Ok(signed(x / y));
    }
    // a / b lies in [2**(diff-1), 2**(diff+1)).
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP {
        return Err(Overflow);
    }
    if diff < MIN_EXP - MANT_DIG - 1 {
        return Ok(signed(0.0));
    }
    // Scale so that the integer quotient has MANT_DIG + 2 or + 3 bits (fewer for subnormals).
    let shift = diff.max(MIN_EXP) - MANT_DIG - 2;
    let (num, den): (BigUint, BigUint) = if shift >= 0 {
        (a.clone(), b << shift as usize)
    } else {
        (a << (-shift) as usize, b.clone())
    };
    let (q, r) = num.div_rem(&den);
    let inexact = !r.is_zero();
    let q_bits = q.bits() as i64;
    // Bits of q below the result's last significant bit.
    let extra = q_bits.max(MIN_EXP - shift) - MANT_DIG;
    debug_assert!((2..=8).contains(&extra));
    let mask: u64 = 1 << (extra - 1);
    let low_digit = q.iter_u64_digits().next().unwrap_or(0);
    let low = low_digit | u64::from(inexact);
    let mut rounded = q.clone();
    // Clear the extra bits, then round half to even using the sticky low bits.
    let keep_mask = !(2 * mask - 1);
    rounded -= BigUint::from(low_digit & !keep_mask);
    if low & mask != 0 && low & (3 * mask - 1) != 0 {
        rounded += BigUint::from(2 * mask);
    }
    let dx = rounded.to_f64().unwrap_or(f64::INFINITY);
    // dx is exact (at most MANT_DIG significant bits, or a power of two after a carry).
    if shift + q_bits >= MAX_EXP && (shift + q_bits > MAX_EXP || dx == 2f64.powi(q_bits as i32)) {
        return Err(Overflow);
    }
    Ok(signed(ldexp(dx, shift)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::One;

    fn div(a: &str, b: &str) -> Result<f64, Overflow> {
        true_divide(&a.parse().unwrap(), &b.parse().unwrap())
    }

    #[test]
    fn small_operands_divide_as_floats() {
        assert_eq!(div("1", "3"), Ok(1.0 / 3.0));
        assert_eq!(div("-7", "2"), Ok(-3.5));
        assert_eq!(div("0", "-5").map(|v| v.is_sign_negative()), Ok(true));
    }

    #[test]
    fn huge_operands_with_a_small_quotient() {
        let a = format!("1{}", "0".repeat(400));
        let b = format!("1{}1", "0".repeat(398));
        assert_eq!(div(&a, &b), Ok(10.0));
        assert_eq!(div("1", &a), Ok(0.0));
    }

    #[test]
    fn rounding_is_single_and_half_even() {
        // 2**53 + 1 is not a double: one rounding gives 2**53 (ties to even).
        assert_eq!(div("9007199254740993", "1"), Ok(9007199254740992.0));
        // (2**64 + 1) / 3 rounded once.
        assert_eq!(div("-18446744073709551617", "3"), Ok(-6.148914691236517e18));
    }

    #[test]
    fn overflow_and_the_largest_double() {
        let two_1024 = BigInt::one() << 1024usize;
        assert_eq!(true_divide(&two_1024, &BigInt::one()), Err(Overflow));
        let near_max = (BigInt::one() << 1023usize) * 3;
        assert_eq!(
            true_divide(&near_max, &BigInt::from(2)),
            Ok(1.348269851146737e308)
        );
    }

    #[test]
    fn subnormal_results() {
        let big = BigInt::one() << 1074usize;
        assert_eq!(true_divide(&BigInt::one(), &big), Ok(f64::from_bits(1)));
        let bigger = BigInt::one() << 1076usize;
        assert_eq!(true_divide(&BigInt::one(), &bigger), Ok(0.0));
    }
}
