//! `math`'s integer functions (`factorial`, `gcd`, `lcm`, `comb`, `perm`, `isqrt`), `prod` and
//! the exactly rounded `fsum`.

use super::math::{index_arg, real_arg};
use crate::object::BinaryOp;
use crate::object::ObjRef;
use crate::objects::{float, int};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn one(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, &format!("math.{name}"), Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

/// The product `lo * (lo+1) * ... * (hi-1)`, by binary splitting so that the big
/// multiplications are balanced.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut r = BigInt::one();
        for i in lo..hi {
            r *= i;
        }
        return r;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// `math.factorial(n)`.
pub fn m_factorial(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "factorial", args, kw)?;
    let n = index_arg(vm, &a)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    // n! >= (n/e)^n: refused before it is computed when the heap could not hold it.
    check_result_bits(vm, n as f64 * (n as f64 / std::f64::consts::E).log2())?;
    int::new_bigint(vm, &range_product(1, n + 1))
}

/// `math.gcd(*integers)`.
pub fn m_gcd(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "gcd", kw)?;
    let mut g = BigInt::zero();
    for a in args {
        let v = index_arg(vm, a)?;
        g = g.gcd(&v);
    }
    int::new_bigint(vm, &g)
}

/// `math.lcm(*integers)`.
pub fn m_lcm(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "lcm", kw)?;
    let mut l = BigInt::one();
    for a in args {
        let v = index_arg(vm, a)?;
        if l.is_zero() || v.is_zero() {
            l = BigInt::zero();
            continue;
        }
        l = (&l / l.gcd(&v) * &v).abs();
    }
    int::new_bigint(vm, &l)
}

/// `n * (n-1) * ... * (n-k+1) / k!` when `divide`, else without the division.
fn falling(n: &BigInt, k: u64, divide: bool) -> BigInt {
    let mut r = BigInt::one();
    for i in 0..k {
        r *= n - i;
        if divide {
            r /= i + 1;
        }
    }
    r
}

fn n_and_k(vm: &Vm, n: &ObjRef, k: &ObjRef) -> PyResult<(BigInt, BigInt)> {
    let n = index_arg(vm, n)?;
    let k = index_arg(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

/// `math.comb(n, k)`.
pub fn m_comb(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n, k] = parse::<2>(vm, "comb", Sig::Clinic(2, 2), args, kw)?;
    let (Some(n), Some(k)) = (n, k) else {
        return Err(vm.type_error("comb expected 2 arguments"));
    };
    let (n, k) = n_and_k(vm, &n, &k)?;
    if k > n {
        return int::new_int(vm, 0);
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error("min(n - k, k) must not exceed 9223372036854775807"));
    };
    // comb(n, k) >= (n/k)^k.
    if k > 0 {
        check_result_bits(vm, k as f64 * (bits_f64(&n) - (k as f64).log2()))?;
    }
    int::new_bigint(vm, &falling(&n, k, true))
}

/// `math.perm(n, k=None)`.
pub fn m_perm(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n, k] = parse::<2>(vm, "perm", Sig::Clinic(1, 2), args, kw)?;
    let Some(n) = n else {
        return Err(vm.type_error("perm expected at least 1 argument"));
    };
    let k = match k.filter(|k| !crate::objects::none::is_none(k)) {
        Some(k) => k,
        None => return m_factorial(vm, &[n], None),
    };
    let (n, k) = n_and_k(vm, &n, &k)?;
    if k > n {
        return int::new_int(vm, 0);
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error("k must not exceed 9223372036854775807"));
    };
    // perm(n, k) >= (n - k + 1)^k.
    if k > 0 {
        let low = &n - BigInt::from(k) + BigInt::one();
        check_result_bits(vm, k as f64 * bits_f64(&low))?;
    }
    int::new_bigint(vm, &falling(&n, k, false))
}

/// About `log2(n)` for `n >= 1` (from below: the bit length less one).
fn bits_f64(n: &BigInt) -> f64 {
    match n.to_u64() {
        Some(v) => (v.max(1) as f64).log2(),
        None => (n.bits() - 1) as f64,
    }
}

/// `MemoryError` when a result of at least `bits` bits could not be held by the heap.
fn check_result_bits(vm: &Vm, bits: f64) -> PyResult<()> {
    if bits > 64.0 {
        vm.check_bytes((bits / 8.0) as usize)?;
    }
    Ok(())
}

/// `math.isqrt(n)`.
pub fn m_isqrt(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "isqrt", args, kw)?;
    let n = index_arg(vm, &a)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    int::new_bigint(vm, &n.sqrt())
}

/// `math.prod(iterable, /, *, start=1)`.
pub fn m_prod(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    if pos.len() != 1 {
        return Err(vm.type_error(&format!(
            "prod() takes exactly 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let mut acc = int::new_int(vm, 1)?;
    for (k, v) in kws {
        if k != "start" {
            return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for prod()")));
        }
        acc = v.clone();
    }
    let it = ops::iter(vm, &pos[0])?;
    while let Some(x) = ops::next(vm, &it)? {
        acc = ops::binary_op(vm, &acc, &x, BinaryOp::Multiply, false)?;
    }
    Ok(acc)
}

/// `math.fsum(iterable)`: Shewchuk's algorithm keeps the running sum exactly as a list of
/// non-overlapping partials (smallest first); the result is then rounded once, with the
/// half-way correction CPython applies.
pub fn m_fsum(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "fsum", args, kw)?;
    let it = ops::iter(vm, &a)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = ops::next(vm, &it)? {
        let mut x = real_arg(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return float::new_float(vm, special_sum);
    }
    let mut hi = 0.0f64;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    float::new_float(vm, hi)
}
