//! The builtins that compile and run code or read input: `exec`, `eval`, `compile`,
//! `__import__`, `input` (implemented in [`crate::vm::eval_builtins`]), and the `builtins`
//! module itself.

use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::vm::eval_builtins as eb;
use crate::vm::{PyResult, Vm};

/// The functions of this file, for the builtins namespace.
pub static FUNCTIONS: [BuiltinDef; 7] = [
    BuiltinDef {
        name: "open",
        func: crate::modules::io::open::b_open,
    },
    BuiltinDef {
        name: "exec",
        func: eb::b_exec,
    },
    BuiltinDef {
        name: "eval",
        func: eb::b_eval,
    },
    BuiltinDef {
        name: "compile",
        func: eb::b_compile,
    },
    BuiltinDef {
        name: "__import__",
        func: eb::b_import,
    },
    BuiltinDef {
        name: "input",
        func: eb::b_input,
    },
    BuiltinDef {
        name: "breakpoint",
        func: crate::modules::sys_hooks::b_breakpoint,
    },
];

/// `sys.displayhook`'s default.
pub static DISPLAYHOOK: BuiltinDef = BuiltinDef {
    name: "displayhook",
    func: eb::s_displayhook,
};

/// `import builtins`: the module over the interpreter's builtins namespace.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    eb::builtins_module(vm)
}
