//! Type-specialized fast paths of the value instructions (CPython 3.11's specialized
//! instructions `BINARY_OP_ADD_INT`, `COMPARE_OP_FLOAT_JUMP`, `BINARY_SUBSCR_LIST_INT`,
//! `FOR_ITER_LIST`, `UNPACK_SEQUENCE_TWO_TUPLE`, ... and their relatives).
//!
//! Each fast path is a small function taking the instruction's operands and answering
//! `None` when they are not its case, so the caller takes the generic path (`vm::ops`), which
//! gives the same result or raises CPython's exception. The evaluation loop calls the
//! dispatching functions ([`arith::binary`], [`compare::compare`], [`seq::getitem`], ...); a
//! specializing interpreter can call the individual ones ([`arith::add_int`],
//! [`compare::compare_float`], ...) from specialized instructions.
//!
//! Only exact builtin types qualify: an instance of a subclass may override any special
//! method. No fast path runs Python code, except the dict ones, which hash and compare keys
//! exactly once, as the generic path would. Every result object is allocated through the
//! heap as usual (small ints -5..256 come from the interpreter's table, as in CPython).

pub mod arith;
pub mod compare;
pub mod seq;
#[cfg(test)]
mod tests;

use crate::object::ObjRef;
use crate::objects::{float, int, str as pystr};

/// The value of an exact `int` (not `bool`, not a subclass) that fits a machine word.
#[inline(always)]
pub fn exact_int(obj: &ObjRef) -> Option<i64> {
    if std::ptr::eq(obj.ob_type(), &int::INT_TYPE) {
        int::as_i64(obj)
    } else {
        None
    }
}

/// The value of an exact `float` (not a subclass).
#[inline]
pub fn exact_float(obj: &ObjRef) -> Option<f64> {
    if std::ptr::eq(obj.ob_type(), &float::FLOAT_TYPE) {
        float::as_f64(obj)
    } else {
        None
    }
}

/// Whether `obj` is an exact `str` (not a subclass).
#[inline]
pub fn exact_str(obj: &ObjRef) -> bool {
    std::ptr::eq(obj.ob_type(), &pystr::STR_TYPE)
}
