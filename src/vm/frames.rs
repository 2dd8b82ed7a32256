//! The stack of active Python frames, as seen from outside the evaluation loop: which code
//! objects are running and where, for tracebacks of allocations (`tracemalloc`, heap
//! profiles), `sys._getframe` and `warnings`.
//!
//! Each active frame contributes its code object (in an [`ObjVec`], so references are owned
//! and visible to the collector) and the instruction index its caller was at when it was
//! called; the innermost frame's position is `Vm::cur_pc`, which the loop updates on every
//! instruction.

use super::Vm;
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::str as pystr;

/// Registers a frame for as long as it runs.
pub struct ActiveFrame<'a> {
    vm: &'a Vm,
}

impl<'a> ActiveFrame<'a> {
    /// Pushes `code` as the innermost frame, remembering where the caller was.
    pub fn enter(vm: &'a Vm, code: &ObjRef) -> ActiveFrame<'a> {
        let caller_pc = vm.cur_pc.get();
        if vm.frame_codes.push(code.clone()).is_ok() {
            vm.frame_pcs.borrow_mut().push(caller_pc);
        }
        vm.cur_pc.set(0);
        ActiveFrame { vm }
    }
}

impl Drop for ActiveFrame<'_> {
    fn drop(&mut self) {
        let pc = self.vm.frame_pcs.borrow_mut().pop().unwrap_or(0);
        let code = self.vm.frame_codes.pop();
        self.vm.cur_pc.set(pc);
        drop(code);
    }
}

/// One Python frame of the current stack.
pub struct FrameInfo {
    /// `co_filename`.
    pub filename: String,
    /// `co_name`.
    pub name: String,
    /// The current source line.
    pub line: u32,
    /// The code object.
    pub code: ObjRef,
}

/// The active frames, innermost first, at most `limit` of them.
pub fn stack(vm: &Vm, limit: usize) -> Vec<FrameInfo> {
    let n = vm.frame_codes.len();
    let pcs = vm.frame_pcs.borrow().clone();
    let mut out = Vec::new();
    let mut pc = vm.cur_pc.get();
    for i in (0..n).rev() {
        if out.len() >= limit {
            break;
        }
        let Some(code) = vm.frame_codes.get(i) else {
            break;
        };
        if let Some(c) = code.downcast::<CodeObject>() {
            out.push(FrameInfo {
                filename: pystr::as_str(&c.filename).unwrap_or("?").to_string(),
                name: pystr::as_str(&c.name).unwrap_or("?").to_string(),
                line: c.line_of(pc).unwrap_or(c.firstlineno),
                code: code.clone(),
            });
        }
        pc = pcs.get(i).copied().unwrap_or(0);
    }
    out
}
