//! `BINARY_OP` on exact `int`, `float` and `str` operands.
//!
//! Each function answers `None` when its operands are not its case (a subclass, a big int, a
//! zero divisor, an overflowing machine word): the caller then runs the generic protocol
//! (`ops::binary_op`), which gives the same result or raises CPython's exception. `Some(Err)`
//! is only ever a `MemoryError` from allocating the result.
//!
//! The exact builtin types have no in-place slots and call no Python code, so `a += b` takes
//! the same path as `a + b`.

use super::{exact_float, exact_int, exact_str};
use crate::object::{BinaryOp, ObjRef};
use crate::objects::{float, int, str as pystr};
use crate::vm::{PyResult, Vm};

/// The largest magnitude whose conversion to a double is exact (2**53).
const EXACT_DOUBLE: u64 = 1 << 53;

/// An exact int operand as a double, when the conversion is exact.
#[inline]
fn int_as_exact_f64(obj: &ObjRef) -> Option<f64> {
    let v = exact_int(obj)?;
    (v.unsigned_abs() <= EXACT_DOUBLE).then_some(v as f64)
}

/// Both operands as doubles: a float with a float, or a float with an int that converts
/// exactly (CPython's float slots convert the int operand the same way).
#[inline]
fn float_operands(a: &ObjRef, b: &ObjRef) -> Option<(f64, f64)> {
    match (exact_float(a), exact_float(b)) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) => Some((x, int_as_exact_f64(b)?)),
        (None, Some(y)) => Some((int_as_exact_f64(a)?, y)),
        (None, None) => None,
    }
}

/// `a + b` for two exact ints whose sum fits a machine word.
#[inline]
pub fn add_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let r = exact_int(a)?.checked_add(exact_int(b)?)?;
    Some(int::new_int(vm, r))
}

/// `a - b` for two exact ints whose difference fits a machine word.
#[inline]
pub fn sub_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let r = exact_int(a)?.checked_sub(exact_int(b)?)?;
    Some(int::new_int(vm, r))
}

/// `a * b` for two exact ints whose product fits a machine word.
#[inline]
pub fn mul_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let r = exact_int(a)?.checked_mul(exact_int(b)?)?;
    Some(int::new_int(vm, r))
}

/// `a // b` for two exact ints (floor division; a zero divisor takes the generic path).
#[inline]
pub fn floordiv_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    let q = x.checked_div(y)?;
    let q = if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    };
    Some(int::new_int(vm, q))
}

/// `a % b` for two exact ints (the result has the divisor's sign).
#[inline]
pub fn mod_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    let r = x.checked_rem(y)?;
    let r = if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    };
    Some(int::new_int(vm, r))
}

/// `a / b` for two exact ints small enough that both convert to doubles exactly (then one
/// division is correctly rounded, as CPython's `long_true_divide` does in that case).
#[inline]
pub fn truediv_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let (x, y) = (int_as_exact_f64(a)?, int_as_exact_f64(b)?);
    if y == 0.0 {
        return None;
    }
    Some(float::new_float(vm, x / y))
}

/// `a & b`, `a | b`, `a ^ b` for two exact ints.
#[inline]
pub fn bitwise_int(vm: &Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> Option<PyResult<ObjRef>> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    let r = match op {
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        _ => return None,
    };
    Some(int::new_int(vm, r))
}

/// `a >> b` for two exact ints, `b` not negative.
#[inline]
pub fn rshift_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    if y < 0 {
        return None;
    }
    Some(int::new_int(vm, x >> y.min(63)))
}

/// `a << b` for two exact ints, `b` not negative and the result fitting a machine word.
#[inline]
pub fn lshift_int(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    if !(0..63).contains(&y) {
        return None;
    }
    let r = x << y;
    (r >> y == x).then(|| int::new_int(vm, r))
}

/// `a + b`, `a - b`, `a * b`, `a / b` (nonzero divisor), `a // b`, `a % b` (nonzero divisor)
/// and `a ** b` with a float operand and a float or small int one.
#[inline]
pub fn float_op(vm: &Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> Option<PyResult<ObjRef>> {
    let (x, y) = float_operands(a, b)?;
    let r = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::TrueDivide if y != 0.0 => x / y,
        BinaryOp::FloorDivide if y != 0.0 => float::divmod(x, y).0,
        BinaryOp::Remainder if y != 0.0 => float::divmod(x, y).1,
        BinaryOp::Power => return Some(float::float_pow_values(vm, x, y)),
        _ => return None,
    };
    Some(float::new_float(vm, r))
}

/// `a + b` for two exact strs (also `a += b`: a str has no in-place slot).
#[inline]
pub fn add_str(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<PyResult<ObjRef>> {
    if !(exact_str(a) && exact_str(b)) {
        return None;
    }
    Some(pystr::concat(vm, a, b))
}

/// `a op b` for the cases above; `None` for everything else.
#[inline]
pub fn binary(vm: &Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> Option<PyResult<ObjRef>> {
    match op {
        BinaryOp::Add => add_int(vm, a, b)
            .or_else(|| float_op(vm, a, b, op))
            .or_else(|| add_str(vm, a, b)),
        BinaryOp::Subtract => sub_int(vm, a, b).or_else(|| float_op(vm, a, b, op)),
        BinaryOp::Multiply => mul_int(vm, a, b).or_else(|| float_op(vm, a, b, op)),
        BinaryOp::TrueDivide => truediv_int(vm, a, b).or_else(|| float_op(vm, a, b, op)),
        BinaryOp::FloorDivide => floordiv_int(vm, a, b).or_else(|| float_op(vm, a, b, op)),
        BinaryOp::Remainder => mod_int(vm, a, b).or_else(|| float_op(vm, a, b, op)),
        BinaryOp::Power => float_op(vm, a, b, op),
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => bitwise_int(vm, a, b, op),
        BinaryOp::Rshift => rshift_int(vm, a, b),
        BinaryOp::Lshift => lshift_int(vm, a, b),
        BinaryOp::MatrixMultiply => None,
    }
}
