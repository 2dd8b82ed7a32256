//! `except*` instructions (CPython 3.11's `CHECK_EG_MATCH` and `PREP_RERAISE_STAR`); the
//! splitting itself is in [`crate::objects::exception_group`].
//!
//! | opcode | stack before | stack after |
//! |---|---|---|
//! | `CHECK_EG_MATCH` | `exc, type` | `rest, match` (`match` None: `exc, None`) |
//! | `PREP_RERAISE_STAR` | `orig, list` | `exception to re-raise, or None` |

use super::frame::Frame;
use super::{PyResult, Vm};
use crate::compiler::opcode::Opcode;
use crate::object::ObjRef;
use crate::objects::{exception_group, none};

fn pop(frame: &mut Frame) -> ObjRef {
    frame.stack.pop().flatten().unwrap_or_else(none::none)
}

/// Runs `CHECK_EG_MATCH` or `PREP_RERAISE_STAR` on `frame`'s stack.
pub fn execute(vm: &Vm, frame: &mut Frame, op: Opcode) -> PyResult<()> {
    if op == Opcode::CHECK_EG_MATCH {
        let match_type = pop(frame);
        let exc = pop(frame);
        let (rest, matched) = exception_group::check_eg_match(vm, &exc, &match_type)?;
        if !none::is_none(&matched) {
            // The handler runs with the matching part as the exception being handled.
            drop(vm.exc_info.replace(Some(matched.clone())));
        }
        frame.push(Some(rest));
        frame.push(Some(matched));
    } else {
        let excs = pop(frame);
        let orig = pop(frame);
        let result = exception_group::prep_reraise_star(vm, &orig, &excs)?;
        frame.push(Some(result));
    }
    Ok(())
}
