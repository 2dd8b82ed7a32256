//! The `math` module (CPython's `Modules/mathmodule.c`): floating-point functions with
//! CPython's error conventions, plus the integer functions of [`super::math_int`] and the special
//! functions of [`super::math_special`].
//!
//! Errors follow CPython's `math_1`/`math_2`: a NaN result from non-NaN arguments is
//! `ValueError("math domain error")`; an infinite result from finite arguments is
//! `OverflowError("math range error")` for functions that can overflow (`exp`, `cosh`, ...) and
//! a domain error for the others (`atanh(1)`, `log(0)`).

use super::{math_int, math_special};
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, float, float_methods, int, module, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::{ops, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// `ValueError("math domain error")`.
pub(crate) fn domain_error(vm: &Vm) -> PyErr {
    vm.value_error("math domain error")
}

/// `OverflowError("math range error")`.
pub(crate) fn range_error(vm: &Vm) -> PyErr {
    vm.overflow_error("math range error")
}

/// An argument as a double (CPython's `PyFloat_AsDouble`): floats, ints, then `__float__` and
/// `__index__`; `TypeError("must be real number, not T")` otherwise.
pub(crate) fn real_arg(vm: &Vm, obj: &ObjRef) -> PyResult<f64> {
    if let Some(v) = float::as_f64(obj) {
        return Ok(v);
    }
    if let Some(v) = int::value(obj) {
        return int::to_f64(vm, &v);
    }
    let n = &obj.ob_type().slots.number;
    if let Some(f) = n.float {
        let r = f(vm, obj)?;
        if !none::is_not_implemented(&r) {
            return float::as_f64(&r).ok_or_else(|| {
                vm.type_error(&format!(
                    "{}.__float__ returned non-float (type {})",
                    obj.ob_type().name(),
                    r.ob_type().name()
                ))
            });
        }
    }
    if let Some(f) = n.index {
        let r = f(vm, obj)?;
        if let Some(v) = int::value(&r) {
            return int::to_f64(vm, &v);
        }
    }
    Err(vm.type_error(&format!(
        "must be real number, not {}",
        obj.ob_type().name()
    )))
}

/// An argument as an integer through `__index__` (CPython's `PyNumber_Index`).
pub(crate) fn index_arg(vm: &Vm, obj: &ObjRef) -> PyResult<BigInt> {
    if let Some(v) = int::value(obj) {
        return Ok(v.to_bigint());
    }
    if let Some(f) = obj.ob_type().slots.number.index {
        let r = f(vm, obj)?;
        if !none::is_not_implemented(&r) {
            return int::as_bigint(&r).ok_or_else(|| {
                vm.type_error(&format!(
                    "__index__ returned non-int (type {})",
                    r.ob_type().name()
                ))
            });
        }
    }
    Err(vm.type_error(&format!(
        "'{}' object cannot be interpreted as an integer",
        obj.ob_type().name()
    )))
}

fn one_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, &format!("math.{name}"), Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

fn two_args(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ObjRef, ObjRef)> {
    let [a, b] = parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)?;
    match (a, b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(vm.type_error("missing argument")),
    }
}

/// CPython's `math_1`: applies `f` and turns NaN/infinite results into errors.
fn math_1(vm: &Vm, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<f64> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(r)
}

/// CPython's `math_2`: the same for two-argument functions.
fn math_2(vm: &Vm, x: f64, y: f64, f: fn(f64, f64) -> f64) -> PyResult<f64> {
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error(vm));
    }
    Ok(r)
}

macro_rules! func1 {
    ($name:ident, $text:literal, $f:expr, $over:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let a = one_arg(vm, $text, args, kw)?;
            let x = real_arg(vm, &a)?;
            float::new_float(vm, math_1(vm, x, $f, $over)?)
        }
    };
}

func1!(m_sqrt, "sqrt", f64::sqrt, false);
func1!(m_exp, "exp", f64::exp, true);
func1!(m_expm1, "expm1", f64::exp_m1, true);
func1!(m_log1p, "log1p", f64::ln_1p, false);
func1!(m_sin, "sin", f64::sin, false);
func1!(m_cos, "cos", f64::cos, false);
func1!(m_tan, "tan", f64::tan, false);
func1!(m_asin, "asin", f64::asin, false);
func1!(m_acos, "acos", f64::acos, false);
func1!(m_atan, "atan", f64::atan, false);
func1!(m_sinh, "sinh", f64::sinh, true);
func1!(m_cosh, "cosh", f64::cosh, true);
func1!(m_tanh, "tanh", f64::tanh, false);
func1!(m_asinh, "asinh", libm::asinh, false);
func1!(m_acosh, "acosh", libm::acosh, false);
func1!(m_atanh, "atanh", libm::atanh, false);
func1!(m_fabs, "fabs", f64::abs, false);
func1!(m_cbrt, "cbrt", libm::cbrt, false);
func1!(m_exp2, "exp2", f64::exp2, true);
func1!(m_erf, "erf", libm::erf, false);
func1!(m_erfc, "erfc", libm::erfc, false);
func1!(
    m_degrees,
    "degrees",
    |x| x * (180.0 / std::f64::consts::PI),
    false
);
func1!(
    m_radians,
    "radians",
    |x| x * (std::f64::consts::PI / 180.0),
    false
);

/// `log`-family argument: ints too large for a double go through their binary exponent.
fn log_helper(vm: &Vm, x: &ObjRef, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(v) = int::value(x) {
        let b = v.to_bigint();
        if !b.is_positive() {
            return Err(domain_error(vm));
        }
        if let Ok(d) = int::to_f64(vm, &v) {
            return math_1(vm, d, f, false);
        }
        let bits = b.bits() as i64;
        let shift = bits - 60;
        let top = (&b >> shift as usize).to_f64().unwrap_or(1.0);
        // top * 2**shift == x (up to truncation); frexp form: m in [0.5, 1), e = bits.
        let m = top / (1u64 << 60) as f64;
        return Ok(f(m) + f(2.0) * bits as f64);
    }
    let d = real_arg(vm, x)?;
    if d <= 0.0 && !d.is_nan() {
        return Err(domain_error(vm));
    }
    math_1(vm, d, f, false)
}

fn m_log(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "log", kw)?;
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = log_helper(vm, &args[0], f64::ln)?;
    match args.get(1) {
        None => float::new_float(vm, num),
        Some(base) => {
            let den = log_helper(vm, base, f64::ln)?;
            if den == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            float::new_float(vm, num / den)
        }
    }
}

fn m_log2(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "log2", args, kw)?;
    float::new_float(vm, log_helper(vm, &a, f64::log2)?)
}

fn m_log10(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "log10", args, kw)?;
    float::new_float(vm, log_helper(vm, &a, f64::log10)?)
}

macro_rules! func2 {
    ($name:ident, $text:literal, $body:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let (a, b) = two_args(vm, $text, args, kw)?;
            let (x, y) = (real_arg(vm, &a)?, real_arg(vm, &b)?);
            let f: fn(&Vm, f64, f64) -> PyResult<f64> = $body;
            float::new_float(vm, f(vm, x, y)?)
        }
    };
}

func2!(m_atan2, "atan2", |vm, x, y| math_2(vm, x, y, f64::atan2));
func2!(m_copysign, "copysign", |_vm, x, y| Ok(x.copysign(y)));
func2!(m_fmod, "fmod", |vm, x, y| {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    math_2(vm, x, y, |a, b| a % b)
});
func2!(m_remainder, "remainder", |vm, x, y| math_2(
    vm,
    x,
    y,
    ieee_remainder
));
func2!(m_pow, "pow", pow_values);
func2!(m_nextafter, "nextafter", |_vm, x, y| Ok(next_after(x, y)));

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y`, ties to even.
fn ieee_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (ax, ay) = (x.abs(), y.abs());
        let m = ax % ay;
        let c = ay - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Half-way: choose the even multiple.
            m - 2.0 * ((0.5 * (ax - m)) % ay)
        };
        return 1f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// `math.pow` with C99's special cases for infinities and NaNs.
fn pow_values(vm: &Vm, x: f64, y: f64) -> PyResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            // Infinities of either sign: a zero exponent gives 1.
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0) == (x.abs() > 1.0) {
            y.abs()
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            domain_error(vm)
        } else {
            range_error(vm)
        });
    }
    Ok(r)
}

/// The next double after `x` towards `y` (C's `nextafter`).
pub(crate) fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn m_ulp(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "ulp", args, kw)?;
    let x = real_arg(vm, &a)?.abs();
    let r = if x.is_nan() || x.is_infinite() {
        x
    } else {
        let x2 = next_after(x, f64::INFINITY);
        if x2.is_infinite() {
            x - next_after(x, f64::NEG_INFINITY)
        } else {
            x2 - x
        }
    };
    float::new_float(vm, r)
}

/// `math.floor`/`ceil`: floats directly, then the special method, then via a double.
fn rounding(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    dunder: &str,
    f: fn(&Vm, f64) -> PyResult<ObjRef>,
) -> PyResult<ObjRef> {
    let a = one_arg(vm, name, args, kw)?;
    if let Some(x) = float::as_f64(&a).filter(|_| !a.ob_type().is_heap_type()) {
        return f(vm, x);
    }
    if let Some(r) = crate::vm::attr::call_special(vm, &a, dunder, &[])? {
        return Ok(r);
    }
    f(vm, real_arg(vm, &a)?)
}

fn m_floor(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    rounding(
        vm,
        "floor",
        args,
        kw,
        "__floor__",
        float_methods::floor_to_int,
    )
}

fn m_ceil(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    rounding(vm, "ceil", args, kw, "__ceil__", float_methods::ceil_to_int)
}

fn m_trunc(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "trunc", args, kw)?;
    if let Some(r) = crate::vm::attr::call_special(vm, &a, "__trunc__", &[])? {
        return Ok(r);
    }
    Err(vm.type_error(&format!(
        "type {} doesn't define __trunc__ method",
        a.ob_type().name()
    )))
}

macro_rules! predicate {
    ($name:ident, $text:literal, $f:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let a = one_arg(vm, $text, args, kw)?;
            let x = real_arg(vm, &a)?;
            let f: fn(f64) -> bool = $f;
            Ok(boolobj::new_bool(f(x)))
        }
    };
}

predicate!(m_isfinite, "isfinite", f64::is_finite);
predicate!(m_isinf, "isinf", f64::is_infinite);
predicate!(m_isnan, "isnan", f64::is_nan);

fn m_frexp(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "frexp", args, kw)?;
    let x = real_arg(vm, &a)?;
    let (m, e) = frexp(x);
    tuple::new_tuple(vm, vec![float::new_float(vm, m)?, int::new_int(vm, e)?])
}

/// C's `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (or `m == x` for 0, inf, nan).
pub(crate) fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (mut x, mut adj) = (x, 0);
    if x.abs() < f64::MIN_POSITIVE {
        x *= 2f64.powi(64);
        adj = -64;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e + adj)
}

/// C's `ldexp` for an exponent that fits an `i64`.
pub(crate) fn ldexp(x: f64, e: i64) -> f64 {
    let mut r = x;
    let mut e = e.clamp(-2200, 2200) as i32;
    // Scale in steps that cannot overflow the intermediate exponent.
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        // Two steps so that subnormal results round once, at the end.
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    if e < -1022 {
        r *= 2f64.powi(-1022);
        e += 1022;
    }
    r * 2f64.powi(e)
}

fn m_ldexp(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, "ldexp", args, kw)?;
    let x = real_arg(vm, &a)?;
    let Some(e) = int::value(&b) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    if x == 0.0 || !x.is_finite() {
        return float::new_float(vm, x);
    }
    let e = match e.to_bigint().to_i64() {
        Some(e) => e,
        None if e.to_bigint().is_positive() => return Err(range_error(vm)),
        None => return float::new_float(vm, 0f64.copysign(x)),
    };
    let r = ldexp(x, e);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    float::new_float(vm, r)
}

fn m_modf(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "modf", args, kw)?;
    let x = real_arg(vm, &a)?;
    let (frac, whole) = if x.is_infinite() {
        (0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let w = x.trunc();
        ((x - w).copysign(x), w)
    };
    tuple::new_tuple(
        vm,
        vec![float::new_float(vm, frac)?, float::new_float(vm, whole)?],
    )
}

fn m_isclose(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    if pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let [a, b, rel, abs] = parse::<4>(
        vm,
        "isclose",
        Sig::Kw {
            names: &["a", "b", "rel_tol", "abs_tol"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let _ = kws;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(vm.type_error("isclose() missing required argument"));
    };
    let (a, b) = (real_arg(vm, &a)?, real_arg(vm, &b)?);
    let rel = rel.map_or(Ok(1e-9), |r| real_arg(vm, &r))?;
    let abs = abs.map_or(Ok(0.0), |r| real_arg(vm, &r))?;
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(boolobj::new_bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(boolobj::new_bool(false));
    }
    let diff = (b - a).abs();
    let close = (diff <= (rel * b).abs()) || (diff <= (rel * a).abs()) || diff <= abs;
    Ok(boolobj::new_bool(close))
}

/// CPython 3.11's `vector_norm`: the Euclidean norm of non-negative finite values whose
/// maximum is `max`, accurate to within one ulp (lossless scaling, squaring by exact products
/// and compensated summation, then a differential correction of the square root).
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    let mul = |x: f64, y: f64| {
        let z = x * y;
        (z, x.mul_add(y, -z))
    };
    let fast_sum = |a: f64, b: f64| {
        let x = a + b;
        (x, b - (x - a))
    };
    for v in vec.iter() {
        let x = v * scale;
        let (hi, lo) = mul(x, x);
        let (s, slo) = fast_sum(csum, hi);
        csum = s;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = mul(-h, h);
    let (s, slo) = fast_sum(csum, hi);
    csum = s;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn m_hypot(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "hypot", kw)?;
    let mut vec = Vec::with_capacity(args.len());
    let (mut max, mut nan) = (0.0f64, false);
    for a in args {
        let x = real_arg(vm, a)?.abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    float::new_float(vm, vector_norm(&mut vec, max, nan))
}

fn m_dist(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (p, q) = two_args(vm, "dist", args, kw)?;
    let p = ops::collect_iterable(vm, &p)?;
    let q = ops::collect_iterable(vm, &q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut vec = Vec::with_capacity(p.len());
    let (mut max, mut nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(&q) {
        let x = (real_arg(vm, a)? - real_arg(vm, b)?).abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    float::new_float(vm, vector_norm(&mut vec, max, nan))
}

/// A table of `BuiltinDef`s from `"name" => function` pairs.
macro_rules! builtin_table {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

/// Every function of the module.
static MATH_FUNCTIONS: &[BuiltinDef] = builtin_table![
    "sqrt" => m_sqrt,
    "exp" => m_exp,
    "expm1" => m_expm1,
    "exp2" => m_exp2,
    "log" => m_log,
    "log2" => m_log2,
    "log10" => m_log10,
    "log1p" => m_log1p,
    "pow" => m_pow,
    "sin" => m_sin,
    "cos" => m_cos,
    "tan" => m_tan,
    "asin" => m_asin,
    "acos" => m_acos,
    "atan" => m_atan,
    "atan2" => m_atan2,
    "sinh" => m_sinh,
    "cosh" => m_cosh,
    "tanh" => m_tanh,
    "asinh" => m_asinh,
    "acosh" => m_acosh,
    "atanh" => m_atanh,
    "degrees" => m_degrees,
    "radians" => m_radians,
    "hypot" => m_hypot,
    "dist" => m_dist,
    "floor" => m_floor,
    "ceil" => m_ceil,
    "trunc" => m_trunc,
    "fabs" => m_fabs,
    "cbrt" => m_cbrt,
    "fmod" => m_fmod,
    "modf" => m_modf,
    "frexp" => m_frexp,
    "ldexp" => m_ldexp,
    "copysign" => m_copysign,
    "isfinite" => m_isfinite,
    "isinf" => m_isinf,
    "isnan" => m_isnan,
    "isclose" => m_isclose,
    "nextafter" => m_nextafter,
    "ulp" => m_ulp,
    "remainder" => m_remainder,
    "erf" => m_erf,
    "erfc" => m_erfc,
    "gamma" => math_special::m_gamma,
    "lgamma" => math_special::m_lgamma,
    "factorial" => math_int::m_factorial,
    "gcd" => math_int::m_gcd,
    "lcm" => math_int::m_lcm,
    "comb" => math_int::m_comb,
    "perm" => math_int::m_perm,
    "isqrt" => math_int::m_isqrt,
    "prod" => math_int::m_prod,
    "fsum" => math_int::m_fsum,
];

/// Builds `math`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "math")?;
    for def in MATH_FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let consts = [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ];
    for (name, v) in consts {
        module::set_attr(vm, &m, name, float::new_float(vm, v)?)?;
    }
    Ok(m)
}
