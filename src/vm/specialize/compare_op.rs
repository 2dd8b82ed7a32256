//! The `COMPARE_OP` family (CPython 3.11's `_Py_Specialize_CompareOp`): a comparison followed
//! by `POP_JUMP_IF_FALSE`/`POP_JUMP_IF_TRUE` compares and jumps in one dispatch, no bool made,
//! for two exact ints that fit a machine word (`COMPARE_OP_INT_JUMP`), two exact floats
//! (`COMPARE_OP_FLOAT_JUMP`, NaN unordered as IEEE says) and `==`/`!=` of two exact strs
//! (`COMPARE_OP_STR_JUMP`). A subclass (whose `__eq__` may say anything) is a miss: the
//! generic path runs the protocol. The jump stays in the code, so a jump to it runs it alone.

use super::stats::Failure;
use super::{adopt, entry, form, hit, miss, CacheEntry, Family, Form};
use crate::bytecode::Opcode;
use crate::object::CompareOp;
use crate::objects::boolobj;
use crate::objects::code::CodeObject;
use crate::vm::fast_ops::{self, exact_float, exact_int, exact_str};
use crate::vm::frame::Frame;
use crate::vm::{ops, PyResult, Vm};

const FAMILY: Family = Family::CompareOp;

/// `COMPARE_OP op` at instruction `pc` on the two topmost stack entries: a bool replaces them,
/// or, fused with a conditional jump after it, the jump is taken or not.
#[inline]
pub fn compare_op(
    vm: &Vm,
    frame: &mut Frame,
    code: &CodeObject,
    pc: usize,
    op: CompareOp,
) -> PyResult<()> {
    if let Some(e) = entry(code, pc) {
        let mut f = form(e);
        if f == Form::Adaptive {
            if !super::due(e) {
                return generic(vm, frame, code, op);
            }
            f = choose(e, frame, code, pc, op);
            if f == Form::Adaptive {
                return generic(vm, frame, code, op);
            }
        }
        if let Some(r) = fast(frame, f, op) {
            hit(FAMILY, f);
            let n = frame.stack.len();
            frame.stack.truncate(n - 2);
            branch(frame, code, r);
            return Ok(());
        }
        miss(e, FAMILY);
    }
    generic(vm, frame, code, op)
}

/// A specialized form's guard and comparison; `None` when the guard fails.
#[inline(always)]
fn fast(frame: &Frame, f: Form, op: CompareOp) -> Option<bool> {
    let (a, b) = frame.top2()?;
    match f {
        Form::CompareIntJump => {
            let (x, y) = (exact_int(a)?, exact_int(b)?);
            op.holds_for(Some(x.cmp(&y)))
        }
        Form::CompareFloatJump => {
            let (x, y) = (exact_float(a)?, exact_float(b)?);
            op.holds_for(x.partial_cmp(&y))
        }
        Form::CompareStrJump => fast_ops::compare::compare_str(a, b, op),
        _ => None,
    }
}

/// The comparison's outcome `r` with the operands gone: the conditional jump after it runs
/// (skipped over), or a bool is pushed when no jump follows.
#[inline(always)]
fn branch(frame: &mut Frame, code: &CodeObject, r: bool) {
    match code.instructions.get(frame.pc) {
        Some(next) if is_cond_jump(next.op) => {
            frame.pc += 1;
            if r == (next.op == Opcode::POP_JUMP_IF_TRUE) {
                frame.pc = next.arg as usize;
            }
        }
        _ => frame.push(Some(boolobj::new_bool(r))),
    }
}

#[inline(always)]
fn is_cond_jump(op: Opcode) -> bool {
    matches!(op, Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE)
}

/// Adaptive and due: the form for these operands (recorded), or `Adaptive` after a failure.
#[cold]
#[inline(never)]
fn choose(e: &CacheEntry, frame: &Frame, code: &CodeObject, pc: usize, op: CompareOp) -> Form {
    let jumps = code
        .instructions
        .get(pc + 1)
        .is_some_and(|n| is_cond_jump(n.op));
    let chosen = match frame.top2() {
        _ if !jumps => Err(Failure::NoJump),
        Some((a, b)) if exact_int(a).is_some() && exact_int(b).is_some() => {
            Ok(Form::CompareIntJump)
        }
        Some((a, b)) if exact_float(a).is_some() && exact_float(b).is_some() => {
            Ok(Form::CompareFloatJump)
        }
        Some((a, b)) if exact_str(a) && exact_str(b) => match op {
            CompareOp::Eq | CompareOp::Ne => Ok(Form::CompareStrJump),
            _ => Err(Failure::Operator),
        },
        _ => Err(Failure::OtherType),
    };
    adopt(e, FAMILY, chosen)
}

/// The unspecialized instruction: the type fast paths (fused with a jump after it), then the
/// protocol.
#[inline(always)]
fn generic(vm: &Vm, frame: &mut Frame, code: &CodeObject, op: CompareOp) -> PyResult<()> {
    match frame
        .top2()
        .and_then(|(a, b)| fast_ops::compare::compare(a, b, op))
    {
        Some(r) => {
            let n = frame.stack.len();
            frame.stack.truncate(n - 2);
            branch(frame, code, r);
        }
        None => {
            let b = super::binary_op::pop(frame);
            let a = super::binary_op::pop(frame);
            frame.push(Some(ops::richcompare(vm, &a, &b, op)?));
        }
    }
    Ok(())
}
