//! The `FOR_ITER` family (CPython 3.12's `FOR_ITER_LIST`, `FOR_ITER_TUPLE`, `FOR_ITER_RANGE`;
//! 3.11 has no specialized `FOR_ITER`, so `dis` shows these as `FOR_ITER`) and the
//! `UNPACK_SEQUENCE` family (3.11's `UNPACK_SEQUENCE_TWO_TUPLE`, `_TUPLE`, `_LIST`).
//!
//! A `FOR_ITER` form's guard is the iterator's type; its step reads the sequence's length
//! each time, so a list changed during the loop behaves as with the protocol. An
//! `UNPACK_SEQUENCE` form's guard is the exact type and the item count: another length is a
//! miss, and the generic path raises its `ValueError`.

use super::stats::Failure;
use super::{entry, fail, form, hit, miss, specialize_to, CacheEntry, Family, Form};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::{iter, list, tuple};
use crate::vm::fast_ops;
use crate::vm::{PyResult, Vm};

/// `FOR_ITER` at instruction `pc`: the next item of `it` (`Ok(None)` when exhausted), or
/// `None` when the iterator protocol must run. The specialized forms' guards and steps are
/// inline here; the adaptive countdown and a miss are out of line.
#[cfg_attr(debug_assertions, inline)]
#[cfg_attr(not(debug_assertions), inline(always))]
pub fn for_iter(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    it: &ObjRef,
) -> Option<PyResult<Option<ObjRef>>> {
    let Some(e) = entry(code, pc) else {
        return fast_ops::seq::for_iter(vm, it);
    };
    let byte = e.form.get();
    let ty = it.ob_type();
    let step = if byte == Form::ForIterList as u8 && iter::is_list_iter(ty) {
        iter::next_list_or_tuple(it).map(Ok)
    } else if byte == Form::ForIterRange as u8 && iter::is_range_iter(ty) {
        iter::next_range(vm, it)
    } else if byte == Form::ForIterTuple as u8 && iter::is_tuple_iter(ty) {
        iter::next_list_or_tuple(it).map(Ok)
    } else {
        None
    };
    match step {
        Some(step) => {
            hit(Family::ForIter, Form::from_byte(byte));
            Some(step)
        }
        None => for_iter_rest(vm, e, it),
    }
}

/// `FOR_ITER` with its entry `e` once the inline forms did not take the step.
#[inline(never)]
fn for_iter_rest(vm: &Vm, e: &CacheEntry, it: &ObjRef) -> Option<PyResult<Option<ObjRef>>> {
    const FAMILY: Family = Family::ForIter;
    let mut f = form(e);
    if f == Form::Adaptive {
        if !super::due(e) {
            return fast_ops::seq::for_iter(vm, it);
        }
        f = choose_iter(e, it);
    }
    let ty = it.ob_type();
    let step = match f {
        Form::ForIterList if iter::is_list_iter(ty) => iter::next_list_or_tuple(it).map(Ok),
        Form::ForIterTuple if iter::is_tuple_iter(ty) => iter::next_list_or_tuple(it).map(Ok),
        Form::ForIterRange => iter::next_range(vm, it),
        _ => None,
    };
    match step {
        Some(step) => {
            hit(FAMILY, f);
            return Some(step);
        }
        None if f != Form::Adaptive => miss(e, FAMILY),
        None => {}
    }
    fast_ops::seq::for_iter(vm, it)
}

/// Adaptive and due: the form for this iterator (recorded), or `Adaptive` after a failure.
#[cold]
#[inline(never)]
fn choose_iter(e: &CacheEntry, it: &ObjRef) -> Form {
    let ty = it.ob_type();
    let f = if iter::is_list_iter(ty) {
        Form::ForIterList
    } else if iter::is_tuple_iter(ty) {
        Form::ForIterTuple
    } else if iter::is_range_iter(ty) {
        Form::ForIterRange
    } else {
        fail(e, Family::ForIter, Failure::OtherType);
        return Form::Adaptive;
    };
    specialize_to(e, Family::ForIter, f, 0, 0, 0);
    f
}

/// `UNPACK_SEQUENCE n` of `seq` at instruction `pc`: whether `seq` is an exact tuple or list
/// of exactly `n` items, whose items the loop then takes directly (otherwise the generic
/// path runs).
#[inline]
pub fn unpack_sequence(code: &CodeObject, pc: usize, seq: &ObjRef, n: usize) -> bool {
    const FAMILY: Family = Family::UnpackSequence;
    if let Some(e) = entry(code, pc) {
        let mut f = form(e);
        if f == Form::Adaptive {
            if !super::due(e) {
                return exact_of_len(seq, n);
            }
            f = choose_unpack(e, seq, n);
        }
        let ty = seq.ob_type();
        let fits = match f {
            Form::UnpackTwoTuple | Form::UnpackTuple => {
                std::ptr::eq(ty, &tuple::TUPLE_TYPE)
                    && tuple::items(seq).is_some_and(|t| t.len() == n)
            }
            Form::UnpackList => {
                std::ptr::eq(ty, &list::LIST_TYPE)
                    && list::storage(seq).is_some_and(|v| v.len() == n)
            }
            _ => return exact_of_len(seq, n),
        };
        if fits {
            hit(FAMILY, f);
            return true;
        }
        miss(e, FAMILY);
    }
    exact_of_len(seq, n)
}

/// Whether `seq` is an exact tuple or list of `n` items.
#[inline(always)]
fn exact_of_len(seq: &ObjRef, n: usize) -> bool {
    let ty = seq.ob_type();
    if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        tuple::items(seq).is_some_and(|t| t.len() == n)
    } else if std::ptr::eq(ty, &list::LIST_TYPE) {
        list::storage(seq).is_some_and(|v| v.len() == n)
    } else {
        false
    }
}

/// Adaptive and due: the form for this sequence (recorded), or `Adaptive` after a failure.
#[cold]
#[inline(never)]
fn choose_unpack(e: &CacheEntry, seq: &ObjRef, n: usize) -> Form {
    let ty = seq.ob_type();
    let f = if !exact_of_len(seq, n) {
        None
    } else if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        Some(if n == 2 {
            Form::UnpackTwoTuple
        } else {
            Form::UnpackTuple
        })
    } else {
        Some(Form::UnpackList)
    };
    match f {
        Some(f) => {
            specialize_to(e, Family::UnpackSequence, f, 0, 0, 0);
            f
        }
        None => {
            fail(e, Family::UnpackSequence, Failure::OtherType);
            Form::Adaptive
        }
    }
}
