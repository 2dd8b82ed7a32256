//! The `_contextvars` module (CPython's `Python/context.c`, which `Lib/contextvars.py`
//! re-exports): [`context::CONTEXT_TYPE`], [`var::CONTEXT_VAR_TYPE`], [`var::TOKEN_TYPE`] and
//! `copy_context`.

pub mod context;
pub mod var;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::module;
use crate::vm::{PyResult, Vm};

fn copy_context(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "copy_context", args, kw)?;
    context::copy_of(vm, &context::current(vm)?)
}

static COPY_CONTEXT: BuiltinDef = BuiltinDef {
    name: "copy_context",
    func: copy_context,
};

/// Builds `_contextvars`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_contextvars")?;
    module::set_attr(
        vm,
        &m,
        "copy_context",
        new_module_builtin(vm, &COPY_CONTEXT, m.clone())?,
    )?;
    var::install_missing(vm)?;
    module::set_attr(vm, &m, "Context", ObjRef::from_type(&context::CONTEXT_TYPE))?;
    module::set_attr(
        vm,
        &m,
        "ContextVar",
        ObjRef::from_type(&var::CONTEXT_VAR_TYPE),
    )?;
    module::set_attr(vm, &m, "Token", ObjRef::from_type(&var::TOKEN_TYPE))?;
    Ok(m)
}
