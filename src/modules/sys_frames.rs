//! `sys._getframe([depth])`: the frame object of a caller (`objects::frameobj`).

use crate::object::ObjRef;
use crate::vm::{PyResult, Vm};

/// `sys._getframe(depth=0)`.
pub fn s_getframe(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "_getframe", kw)?;
    crate::vm::args::check_count(vm, "_getframe", args, 0, 1)?;
    let depth = match args.first() {
        Some(a) => {
            let d = crate::objects::slice::as_ssize(vm, a)?;
            d.max(0) as usize
        }
        None => 0,
    };
    getframe(vm, depth, None)
}

/// The frame `depth` levels out, with `innermost` the running frame when the caller has it.
pub fn getframe(
    vm: &Vm,
    depth: usize,
    innermost: Option<&crate::vm::frame::Frame>,
) -> PyResult<ObjRef> {
    crate::vm::frames::frame_object(vm, depth, innermost)?
        .ok_or_else(|| vm.value_error("call stack is not deep enough"))
}

/// `sys._getframe` is a builtin like any other, found by name here.
pub const GETFRAME: crate::objects::function::BuiltinDef = crate::objects::function::BuiltinDef {
    name: "_getframe",
    func: s_getframe,
};
