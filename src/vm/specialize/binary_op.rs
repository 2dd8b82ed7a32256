//! The `BINARY_OP` family (CPython 3.11's `_Py_Specialize_BinaryOp`): `+`, `-` and `*` of two
//! exact ints (`BINARY_OP_ADD_INT`, ...), of two exact floats (`BINARY_OP_ADD_FLOAT`, ...), and
//! `+` of two exact strs (`BINARY_OP_ADD_UNICODE`, or `BINARY_OP_INPLACE_ADD_UNICODE` when the
//! `STORE_FAST` after it puts the result back into the local holding the left operand).
//!
//! An instance of a class whose method for the operator is a Python function takes
//! `BINARY_OP_PY` (`binary_py.rs`), which calls it directly.
//!
//! A form's guard is the two operands' exact types; anything else (a subclass, a mixed
//! `int`/`float` pair) is a miss and runs the generic path, which keeps the type fast paths of
//! `fast_ops::arith`. The int forms compute in a machine word and, on overflow, through the
//! int type's own operation, so results past 64 bits are the same bigints.

use super::stats::Failure;
use super::{adopt, entry, fail, form, hit, miss, specialize_to, CacheEntry, Family, Form};
use crate::bytecode::Opcode;
use crate::object::{BinaryOp, ObjRef};
use crate::objects::code::CodeObject;
use crate::objects::{float, int, str as pystr};
use crate::vm::fast_ops::{self, exact_float, exact_str};
use crate::vm::frame::Frame;
use crate::vm::{ops, PyResult, Vm};

const FAMILY: Family = Family::BinaryOp;

/// What a specialized form did.
enum Done {
    /// The result, which replaces the two operands.
    Value(ObjRef),
    /// The result went into a local (`BINARY_OP_INPLACE_ADD_UNICODE`); the operands are gone.
    Stored,
}

/// `BINARY_OP op` at instruction `pc` (`inplace`: the augmented form, `+=`): the result
/// replaces the two topmost stack entries.
#[inline]
pub fn binary_op(
    vm: &Vm,
    frame: &mut Frame,
    code: &CodeObject,
    pc: usize,
    op: BinaryOp,
    inplace: bool,
) -> PyResult<()> {
    if let Some(e) = entry(code, pc) {
        let mut f = form(e);
        if f == Form::Adaptive {
            if !super::due(e) {
                return generic(vm, frame, op, inplace);
            }
            f = choose(vm, e, frame, code, pc, op, inplace);
            if f == Form::Adaptive {
                return generic(vm, frame, op, inplace);
            }
        }
        match fast(vm, frame, code, pc, f, inplace) {
            Some(done) => {
                hit(FAMILY, f);
                match done? {
                    Done::Value(r) => replace_top2(frame, r),
                    Done::Stored => {}
                }
                return Ok(());
            }
            // Off the value forms' path: a class's Python method.
            None if f == Form::BinaryOpPy => return python_method(vm, frame, e, op, inplace),
            None => miss(e, FAMILY),
        }
    }
    generic(vm, frame, op, inplace)
}

/// `BINARY_OP_PY` (`binary_py.rs`): the class's method called directly, or on a miss the
/// generic path.
#[inline(never)]
fn python_method(
    vm: &Vm,
    frame: &mut Frame,
    e: &CacheEntry,
    op: BinaryOp,
    inplace: bool,
) -> PyResult<()> {
    match super::binary_py::call(vm, frame, e.a.get(), e.b.get(), op, inplace) {
        Some(r) => {
            hit(FAMILY, Form::BinaryOpPy);
            replace_top2(frame, r?);
            Ok(())
        }
        None => {
            miss(e, FAMILY);
            generic(vm, frame, op, inplace)
        }
    }
}

/// Replaces the two topmost stack entries by `r`.
#[inline(always)]
fn replace_top2(frame: &mut Frame, r: ObjRef) {
    drop(frame.stack.pop());
    if let Some(slot) = frame.stack.last_mut() {
        *slot = Some(r);
    }
}

/// A specialized form's guard and operation; `None` when the guard fails.
#[inline(always)]
fn fast(
    vm: &Vm,
    frame: &mut Frame,
    code: &CodeObject,
    pc: usize,
    f: Form,
    inplace: bool,
) -> Option<PyResult<Done>> {
    let (a, b) = frame.top2()?;
    let value = |r: PyResult<ObjRef>| Some(r.map(Done::Value));
    match f {
        Form::BinaryAddFloat | Form::BinarySubtractFloat | Form::BinaryMultiplyFloat => {
            let (x, y) = (exact_float(a)?, exact_float(b)?);
            let r = match f {
                Form::BinaryAddFloat => x + y,
                Form::BinarySubtractFloat => x - y,
                _ => x * y,
            };
            value(float::new_float(vm, r))
        }
        Form::BinaryAddInt | Form::BinarySubtractInt | Form::BinaryMultiplyInt => {
            if !(is_int(a) && is_int(b)) {
                return None;
            }
            let (small, op) = match f {
                Form::BinaryAddInt => (fast_ops::arith::add_int(vm, a, b), BinaryOp::Add),
                Form::BinarySubtractInt => (fast_ops::arith::sub_int(vm, a, b), BinaryOp::Subtract),
                _ => (fast_ops::arith::mul_int(vm, a, b), BinaryOp::Multiply),
            };
            // Past a machine word: the int type's own arithmetic (exact ints have no hooks).
            value(small.unwrap_or_else(|| ops::binary_op(vm, a, b, op, inplace)))
        }
        Form::BinaryAddUnicode => {
            if !(exact_str(a) && exact_str(b)) {
                return None;
            }
            value(pystr::concat(vm, a, b))
        }
        Form::BinaryInplaceAddUnicode => {
            if !(exact_str(a) && exact_str(b)) {
                return None;
            }
            let slot = store_target(frame, code, pc, a)?;
            let r = match pystr::concat(vm, a, b) {
                Ok(r) => r,
                Err(e) => return Some(Err(e)),
            };
            drop(frame.stack.pop());
            drop(frame.stack.pop());
            // The `STORE_FAST` runs here, as the loop head would dispatch it.
            vm.cur_pc.set(frame.pc);
            frame.pc += 1;
            drop(frame.fast[slot].replace(r));
            Some(Ok(Done::Stored))
        }
        _ => None,
    }
}

/// Whether `o` is an exact int.
#[inline(always)]
fn is_int(o: &ObjRef) -> bool {
    std::ptr::eq(o.ob_type(), &int::INT_TYPE)
}

/// The local that the `STORE_FAST` after instruction `pc` stores into, when it holds `left`.
#[inline(always)]
fn store_target(frame: &Frame, code: &CodeObject, pc: usize, left: &ObjRef) -> Option<usize> {
    let next = code.instructions.get(pc + 1)?;
    if next.op != Opcode::STORE_FAST {
        return None;
    }
    let slot = next.arg as usize;
    match frame.fast.get(slot) {
        Some(Some(v)) if v.is(left) => Some(slot),
        _ => None,
    }
}

/// Adaptive and due: the form for these operands (recorded), or `Adaptive` after a failure.
#[cold]
#[inline(never)]
fn choose(
    vm: &Vm,
    e: &CacheEntry,
    frame: &Frame,
    code: &CodeObject,
    pc: usize,
    op: BinaryOp,
    inplace: bool,
) -> Form {
    let Some((a, b)) = frame.top2() else {
        fail(e, FAMILY, Failure::OtherType);
        return Form::Adaptive;
    };
    if a.ob_type().is_heap_type() {
        return match super::binary_py::choose(vm, a, b, op, inplace) {
            Ok((version, fversion)) => {
                specialize_to(e, FAMILY, Form::BinaryOpPy, version, fversion, 0);
                Form::BinaryOpPy
            }
            Err(why) => {
                fail(e, FAMILY, why);
                Form::Adaptive
            }
        };
    }
    let ints = is_int(a) && is_int(b);
    let floats = exact_float(a).is_some() && exact_float(b).is_some();
    let strs = exact_str(a) && exact_str(b);
    let chosen = match op {
        BinaryOp::Add if ints => Ok(Form::BinaryAddInt),
        BinaryOp::Add if floats => Ok(Form::BinaryAddFloat),
        BinaryOp::Add if strs => Ok(if store_target(frame, code, pc, a).is_some() {
            Form::BinaryInplaceAddUnicode
        } else {
            Form::BinaryAddUnicode
        }),
        BinaryOp::Subtract if ints => Ok(Form::BinarySubtractInt),
        BinaryOp::Subtract if floats => Ok(Form::BinarySubtractFloat),
        BinaryOp::Multiply if ints => Ok(Form::BinaryMultiplyInt),
        BinaryOp::Multiply if floats => Ok(Form::BinaryMultiplyFloat),
        BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply => Err(Failure::OtherType),
        _ => Err(Failure::Operator),
    };
    adopt(e, FAMILY, chosen)
}

/// The unspecialized instruction: the type fast paths, then the protocol.
#[inline(always)]
fn generic(vm: &Vm, frame: &mut Frame, op: BinaryOp, inplace: bool) -> PyResult<()> {
    let quick = frame
        .top2()
        .and_then(|(a, b)| fast_ops::arith::binary(vm, a, b, op));
    match quick {
        Some(r) => replace_top2(frame, r?),
        None => {
            let b = pop(frame);
            let a = pop(frame);
            frame.push(Some(ops::binary_op(vm, &a, &b, op, inplace)?));
        }
    }
    Ok(())
}

/// Pops the top of the value stack (a NULL marker reads as `None`, as the loop's `pop`).
#[inline(always)]
pub(super) fn pop(frame: &mut Frame) -> ObjRef {
    frame
        .stack
        .pop()
        .flatten()
        .unwrap_or_else(crate::objects::none::none)
}
