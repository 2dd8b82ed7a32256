//! `_io`: the names of the native file layer (`UnsupportedOperation`, which file objects
//! raise, and their types); the module's classes are Python source run in the same namespace
//! (`src/modules/pylib/_io.py`), and `io` (`src/modules/pylib/io.py`) re-exports them.

use crate::object::ObjRef;
use crate::objects::fileobj::{
    BUFFERED_RANDOM_TYPE, BUFFERED_READER_TYPE, BUFFERED_WRITER_TYPE, TEXT_IO_WRAPPER_TYPE,
    UNSUPPORTED_OPERATION,
};
use crate::objects::{module, stream, tuple};
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
    // The types of the interpreter's own file objects (what `open()` and `sys.stdout` are), for
    // `io` to register with its ABCs.
    let text = tuple::new_tuple(
        vm,
        vec![
            ObjRef::from_type(&TEXT_IO_WRAPPER_TYPE),
            ObjRef::from_type(&stream::TEXT_IO_TYPE),
        ],
    )?;
    module::set_attr(vm, &m, "_native_text_types", text)?;
    let binary = tuple::new_tuple(
        vm,
        vec![
            ObjRef::from_type(&BUFFERED_READER_TYPE),
            ObjRef::from_type(&BUFFERED_WRITER_TYPE),
            ObjRef::from_type(&BUFFERED_RANDOM_TYPE),
        ],
    )?;
    module::set_attr(vm, &m, "_native_buffered_types", binary)?;
    Ok(m)
}
