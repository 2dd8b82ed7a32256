//! `COMPARE_OP` on exact `int`, `float` and `str` operands, answered as a Rust `bool` so that a
//! comparison followed by `POP_JUMP_IF_FALSE`/`TRUE` branches without making a bool object.
//!
//! `None` means "not this case": the caller runs `ops::richcompare`. None of these comparisons
//! can run Python code or fail.

use super::{exact_float, exact_int, exact_str};
use crate::object::{CompareOp, ObjRef};
use crate::objects::str as pystr;
use std::cmp::Ordering;

/// The largest magnitude whose conversion to a double is exact (2**53).
const EXACT_DOUBLE: u64 = 1 << 53;

/// `a op b` for two exact machine-word ints.
#[inline]
pub fn compare_int(a: &ObjRef, b: &ObjRef, op: CompareOp) -> Option<bool> {
    let (x, y) = (exact_int(a)?, exact_int(b)?);
    op.holds_for(Some(x.cmp(&y)))
}

/// `a op b` for two exact floats, or an exact float and an exact int that converts to a
/// double exactly (a larger int is compared exactly by the generic path).
#[inline]
pub fn compare_float(a: &ObjRef, b: &ObjRef, op: CompareOp) -> Option<bool> {
    let small = |o: &ObjRef| {
        exact_int(o)
            .filter(|v| v.unsigned_abs() <= EXACT_DOUBLE)
            .map(|v| v as f64)
    };
    let (x, y) = match (exact_float(a), exact_float(b)) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) => (x, small(b)?),
        (None, Some(y)) => (small(a)?, y),
        (None, None) => return None,
    };
    op.holds_for(x.partial_cmp(&y))
}

/// `a op b` for two exact strs: by code point (the byte order of their generalized UTF-8).
#[inline]
pub fn compare_str(a: &ObjRef, b: &ObjRef, op: CompareOp) -> Option<bool> {
    if !(exact_str(a) && exact_str(b)) {
        return None;
    }
    if a.is(b) {
        return op.holds_for(Some(Ordering::Equal));
    }
    let (x, y) = (pystr::as_text(a)?, pystr::as_text(b)?);
    let ord = match op {
        CompareOp::Eq | CompareOp::Ne => {
            if x.as_bytes() == y.as_bytes() {
                Ordering::Equal
            } else {
                Ordering::Less
            }
        }
        _ => x.as_bytes().cmp(y.as_bytes()),
    };
    op.holds_for(Some(ord))
}

/// `a op b` for the cases above; `None` for everything else.
#[inline]
pub fn compare(a: &ObjRef, b: &ObjRef, op: CompareOp) -> Option<bool> {
    compare_int(a, b, op)
        .or_else(|| compare_float(a, b, op))
        .or_else(|| compare_str(a, b, op))
}
