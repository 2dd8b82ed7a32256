//! The table of native modules (written in Rust), by import name.

use crate::object::ObjRef;
use crate::vm::{PyResult, Vm};

/// Builds a native module.
pub type InitFn = fn(&Vm) -> PyResult<ObjRef>;

/// Every native module.
static NATIVE_MODULES: &[(&str, InitFn)] = &[
    ("sys", super::sys::init),
    ("builtins", super::builtins_exec::init),
    ("gc", super::gc::init),
    ("_weakref", super::weakref_native::init),
    ("_io", super::io_native::init),
    ("math", super::math::init),
    ("random", super::random::init),
    ("operator", super::operator::init),
    ("itertools", super::itertools::init),
    ("time", super::time::init),
    ("_tracemalloc", super::tracemalloc::init),
    ("_imp", super::imp::init),
    ("_warnings", super::warnings_native::init),
    ("marshal", super::marshal::init),
    ("_csv", super::csv::init),
];

/// The initialiser of the native module `name`.
pub fn find(name: &str) -> Option<InitFn> {
    NATIVE_MODULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

/// The names of every native module (`sys.builtin_module_names`).
pub fn names() -> impl Iterator<Item = &'static str> {
    NATIVE_MODULES.iter().map(|(n, _)| *n)
}
