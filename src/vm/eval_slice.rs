//! `BUILD_SLICE` fused with the subscript after it (CPython 3.12's `BINARY_SLICE` and
//! `STORE_SLICE`, which 3.11 approaches with its one cached slice object): `l[a:b]`,
//! `l[a:b:c]` and `l[a:b] = m` on an exact list with bounds that are `None` or ints of one
//! machine word run without making the slice object.
//!
//! Nothing here is observable: an exact list's subscript is `list`'s own, which only unpacks
//! the slice (no `__index__` runs for such bounds, and nothing can raise but a failed
//! allocation); the subscript instruction is stepped into as the loop head would (`pc`,
//! `cur_pc`), so a traceback or a finalizer run by a removed item sees the frame at it; it
//! counts its warm-up, countdown and misses as when it runs alone
//! (`specialize::subscr::slice_key`), and stays in the code, so a jump to it runs it alone.
//! Anything else — another container, a subclass, other bounds, a zero step, an extended slice
//! or a value that is not an exact list in a store — builds the slice and runs as before.

use super::frame::Frame;
use super::specialize::{self, Family};
use super::{PyResult, Vm};
use crate::compiler::opcode::{Instr, Opcode};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::{list, slice};

/// `BUILD_SLICE n` (`n` bounds on the stack) at the instruction before `frame.pc`, when the
/// next instruction is a subscript it can run with: does both and returns `true`; `false`
/// (nothing done) otherwise.
#[inline]
pub fn build_slice_fused(
    vm: &Vm,
    frame: &mut Frame,
    code: &CodeObject,
    instructions: &[Instr],
    n: usize,
) -> PyResult<bool> {
    match instructions.get(frame.pc).map(|i| i.op) {
        Some(Opcode::BINARY_SUBSCR) => get_slice(vm, frame, code, n),
        Some(Opcode::STORE_SUBSCR) => store_slice(vm, frame, code, n),
        _ => Ok(false),
    }
}

/// The value stack.
type Stack = [Option<ObjRef>];

/// The stack entry `depth` below the top (0 is the top), if it holds an object.
#[inline(always)]
fn at(stack: &Stack, depth: usize) -> Option<&ObjRef> {
    stack.get(stack.len().checked_sub(depth + 1)?)?.as_ref()
}

/// The bounds of the `n` topmost entries unpacked, if they need no slice object.
#[inline(always)]
fn bounds(stack: &Stack, n: usize) -> Option<(i64, i64, i64)> {
    match n {
        2 => slice::unpack_words(at(stack, 1)?, at(stack, 0)?, None),
        3 => slice::unpack_words(at(stack, 2)?, at(stack, 1)?, Some(at(stack, 0)?)),
        _ => None,
    }
}

/// The storage of `obj` if it is an exact list.
#[inline(always)]
fn exact_list(obj: &ObjRef) -> Option<&crate::object::ObjVec> {
    if std::ptr::eq(obj.ob_type(), &list::LIST_TYPE) {
        list::storage(obj)
    } else {
        None
    }
}

/// `obj[start:stop(:step)]` of an exact list: the new list replaces `obj` and the bounds.
#[inline(always)]
fn get_slice(vm: &Vm, frame: &mut Frame, code: &CodeObject, n: usize) -> PyResult<bool> {
    let stack = frame.stack.as_slice();
    let Some(bounds) = bounds(stack, n) else {
        return Ok(false);
    };
    let Some(v) = at(stack, n).and_then(exact_list) else {
        return Ok(false);
    };
    // Into the subscript, as the loop head would.
    vm.cur_pc.set(frame.pc);
    frame.pc += 1;
    specialize::subscr::slice_key(code, frame.pc - 1, Family::BinarySubscr);
    let r = list::get_slice(vm, v, bounds)?;
    let len = frame.stack.len();
    frame.stack.truncate(len - n);
    if let Some(slot) = frame.stack.last_mut() {
        *slot = Some(r);
    }
    Ok(true)
}

/// `obj[start:stop] = value` into an exact list from an exact list (or `obj` itself): the
/// items are spliced in and `value`, `obj` and the bounds leave the stack.
#[inline(always)]
fn store_slice(vm: &Vm, frame: &mut Frame, code: &CodeObject, n: usize) -> PyResult<bool> {
    let stack = frame.stack.as_slice();
    let Some(bounds @ (_, _, 1)) = bounds(stack, n) else {
        return Ok(false);
    };
    let (Some(obj), Some(value)) = (at(stack, n), at(stack, n + 1)) else {
        return Ok(false);
    };
    let Some(v) = exact_list(obj) else {
        return Ok(false);
    };
    if !(value.is(obj) || exact_list(value).is_some()) {
        return Ok(false);
    }
    // Into the subscript, as the loop head would.
    vm.cur_pc.set(frame.pc);
    frame.pc += 1;
    specialize::subscr::slice_key(code, frame.pc - 1, Family::StoreSubscr);
    match list::splice_list(vm, obj, v, bounds, value) {
        Some(done) => done?,
        None => refused(),
    }
    let len = frame.stack.len();
    frame.stack.truncate(len - n - 2);
    Ok(true)
}

/// The loud internal error of a splice refused after its conditions were checked.
#[cold]
#[inline(never)]
fn refused() -> ! {
    panic!("internal error: a list slice store refused an exact list")
}
