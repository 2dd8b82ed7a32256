//! `math.gamma` and `math.lgamma`, computed as CPython computes them (its own Lanczos
//! approximation, not the C library's), so results agree bit for bit.
//!
//! The approximation is Lanczos' with `N = 13` and `g = 6.024680040776729583740234375`, the
//! sum written as a ratio of two polynomials whose coefficients are exact in double precision
//! (the denominator's are those of `x (x+1) ... (x+11)`). The constants keep all the digits of
//! their published values; they round to the same doubles.
#![allow(clippy::excessive_precision)]

use super::math::{domain_error, range_error, real_arg};
use crate::object::ObjRef;
use crate::objects::float;
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};
use std::f64::consts::PI;

const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;

const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// `(n-1)!` for `n` in `1..=23`: exact doubles for integral arguments.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// `ln(pi)`.
const LOG_PI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;

/// The Lanczos sum for `x >= 0`, evaluated so that it cannot overflow (Horner's rule in `x`
/// below 5, in `1/x` above).
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)`, accurate for large `x` (reduced modulo 2 first).
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i64;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

/// Why a gamma evaluation failed.
enum GammaErr {
    Domain,
    Range,
}

fn tgamma(x: f64) -> Result<f64, GammaErr> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(GammaErr::Domain);
    }
    if x == 0.0 {
        return Err(GammaErr::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(GammaErr::Domain);
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(GammaErr::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        return if x < 0.0 {
            Ok(0.0 / sinpi(x))
        } else {
            Err(GammaErr::Range)
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        return Err(GammaErr::Range);
    }
    Ok(r)
}

fn lgamma(x: f64) -> Result<f64, GammaErr> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(GammaErr::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(GammaErr::Range);
    }
    Ok(r)
}

fn apply(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    f: fn(f64) -> Result<f64, GammaErr>,
) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let a = a.ok_or_else(|| vm.type_error("missing argument"))?;
    let x = real_arg(vm, &a)?;
    match f(x) {
        Ok(r) => float::new_float(vm, r),
        Err(GammaErr::Domain) => Err(domain_error(vm)),
        Err(GammaErr::Range) => Err(range_error(vm)),
    }
}

/// `math.gamma(x)`.
pub fn m_gamma(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    apply(vm, "math.gamma", args, kw, tgamma)
}

/// `math.lgamma(x)`.
pub fn m_lgamma(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    apply(vm, "math.lgamma", args, kw, lgamma)
}
