//! `_warnings`: the native half CPython's `importlib._bootstrap` loads as a built-in module.
//! arenapy keeps the filters in Python (`Lib/warnings.py` falls back to its pure-Python
//! implementation when `_warnings` lacks `filters`), so `warn` here hands over to
//! `warnings.warn`.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::module;
use crate::vm::{ops, PyResult, Vm};

/// `_warnings.warn(message, category=None, stacklevel=1, source=None)`.
fn w_warn(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let warnings = crate::vm::import::import_dotted(vm, "warnings")?;
    let warn = ops::getattr(vm, &warnings, "warn")?;
    // A native call adds no Python frame: `stacklevel` means the same to `warnings.warn`.
    ops::call(vm, &warn, args, kw)
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "warn",
    func: w_warn,
}];

/// Builds the `_warnings` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_warnings")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
