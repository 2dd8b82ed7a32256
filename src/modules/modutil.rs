//! Helpers shared by native modules that define their own exception classes (`struct.error`,
//! `binascii.Error`, `zlib.error`): making such a class, and raising it by module and name.

use crate::object::{ObjRef, TypeObject};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, module, str as pystr, tuple};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// Makes the class `module.name` deriving from `bases` and stores it in `m` under `name`.
pub fn add_exception_class(
    vm: &Vm,
    m: &ObjRef,
    module_name: &str,
    name: &str,
    bases: &[ObjRef],
) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, module_name)?)?;
    let bases = tuple::new_tuple(vm, bases.to_vec())?;
    let cls = crate::objects::classobj::new_class(
        vm,
        &TYPE_TYPE,
        &pystr::new_str_vm(vm, name)?,
        &bases,
        &ns,
        &[],
    )?;
    module::set_attr(vm, m, name, cls.clone())?;
    Ok(cls)
}

/// A builtin exception type as a base for [`add_exception_class`].
pub fn base(ty: &'static TypeObject) -> ObjRef {
    ObjRef::from_type(ty)
}

/// An instance of the class `module_name.name` with the message `msg`, ready to raise. If the
/// module or class cannot be found (someone deleted it), the lookup's error is raised instead.
pub fn module_error(vm: &Vm, module_name: &str, name: &str, msg: &str) -> PyErr {
    let make = || -> PyResult<ObjRef> {
        let m = crate::vm::import::import_dotted(vm, module_name)?;
        let cls = ops::getattr(vm, &m, name)?;
        ops::call(vm, &cls, &[pystr::new_str_vm(vm, msg)?], None)
    };
    match make() {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}
