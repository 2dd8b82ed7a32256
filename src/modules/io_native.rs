//! `_io`: the names of the native file layer that the Python-source `io` module re-exports
//! (`src/modules/pylib/io.py`), so that `except io.UnsupportedOperation` catches what file
//! objects raise.

use crate::object::ObjRef;
use crate::objects::fileobj::UNSUPPORTED_OPERATION;
use crate::objects::module;
use crate::vm::{PyResult, Vm};

/// Builds the `_io` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_io")?;
    module::set_attr(
        vm,
        &m,
        "UnsupportedOperation",
        ObjRef::from_type(&UNSUPPORTED_OPERATION),
    )?;
    Ok(m)
}
