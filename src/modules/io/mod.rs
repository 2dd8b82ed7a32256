//! `_io`: the I/O class hierarchy that `Lib/io.py` builds its ABCs on.
//!
//! Native here: `UnsupportedOperation` (a class made at import, `(OSError, ValueError)`, so
//! that `io.py` can set its `__module__`), `DEFAULT_BUFFER_SIZE`, `BlockingIOError`, and the
//! types of the interpreter's own file objects (what `open()` and `sys.stdout` are), which
//! the base classes recognise through `__subclasshook__` so that `io.IOBase` and its kinds
//! accept them. The classes themselves are Python source run in this module's namespace
//! (`src/modules/pylib/_io.py`).

use crate::object::ObjRef;
use crate::objects::fileobj::{
    BUFFERED_RANDOM_TYPE, BUFFERED_READER_TYPE, BUFFERED_WRITER_TYPE, TEXT_IO_WRAPPER_TYPE,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, exceptions, int, module, str as pystr, stream, tuple};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: i64 = 8192;

/// `UnsupportedOperation(msg)`, of the class `_io` made.
pub fn unsupported(vm: &Vm, msg: &str) -> PyErr {
    let made = (|| -> PyResult<ObjRef> {
        let m = crate::vm::import::import_dotted(vm, "_io")?;
        let cls = ops::getattr(vm, &m, "UnsupportedOperation")?;
        ops::call(vm, &cls, &[pystr::new_str_vm(vm, msg)?], None)
    })();
    match made {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

/// `class UnsupportedOperation(OSError, ValueError)`.
fn new_unsupported_operation(vm: &Vm) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, "io")?)?;
    let bases = tuple::new_tuple(
        vm,
        vec![
            ObjRef::from_type(&exceptions::OS_ERROR),
            ObjRef::from_type(&exceptions::VALUE_ERROR),
        ],
    )?;
    let name = pystr::new_str_vm(vm, "UnsupportedOperation")?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// Builds the `_io` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_io")?;
    module::set_attr(vm, &m, "UnsupportedOperation", new_unsupported_operation(vm)?)?;
    module::set_attr(
        vm,
        &m,
        "DEFAULT_BUFFER_SIZE",
        int::new_int(vm, DEFAULT_BUFFER_SIZE)?,
    )?;
    module::set_attr(
        vm,
        &m,
        "BlockingIOError",
        ObjRef::from_type(&exceptions::BLOCKING_IO_ERROR),
    )?;
    // The types of the interpreter's own file objects, which the base classes recognise.
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
