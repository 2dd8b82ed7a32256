//! `type` and `object`: the roots of the type hierarchy.

use crate::object::{ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::vm::{PyResult, Vm};

/// Marker payload of type objects (they are statics, never allocated through `new_object`).
pub struct TypePayload;
impl PyPayload for TypePayload {
    const IS_CONTAINER: bool = false;
}
static TYPE_VTABLE: PayloadVTable = PayloadVTable::of::<TypePayload>();

/// Payload of plain `object()` instances.
pub struct ObjectPayload;
impl PyPayload for ObjectPayload {
    const IS_CONTAINER: bool = false;
}
static OBJECT_VTABLE: PayloadVTable = PayloadVTable::of::<ObjectPayload>();

fn type_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let name = obj.as_type().map_or("?", |t| t.name());
    crate::objects::str::new_str_vm(vm, &format!("<class '{name}'>"))
}

fn type_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let ty = obj.as_type().ok_or_else(|| vm.type_error("not a type"))?;
    crate::modules::builtins::construct(vm, ty, args, kwnames)
}

fn type_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(ty) = obj.as_type() else { return Ok(None) };
    match name {
        "__name__" | "__qualname__" => Ok(Some(crate::objects::str::new_str_vm(vm, ty.name())?)),
        "__doc__" => Ok(Some(crate::objects::str::new_str_vm(vm, ty.doc)?)),
        "__module__" => Ok(Some(vm.intern("builtins")?)),
        // Class and static methods reached through the type (`str.maketrans`,
        // `float.fromhex`), bound to the type object, which they ignore.
        _ if CLASS_METHODS.contains(&name) => match ty.find_method(name) {
            Some(def) => Ok(Some(crate::objects::function::new_bound_builtin(vm, def, obj.clone())?)),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

/// Methods that may be called on the type itself. (A method-kind field in `MethodDef` would
/// replace this list; see the numbers-and-text report.)
const CLASS_METHODS: [&str; 2] = ["maketrans", "fromhex"];

fn object_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::str::new_str_vm(
        vm,
        &format!("<{} object at {:#x}>", obj.ob_type().name(), obj.addr()),
    )
}

fn object_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    // CPython: the address rotated right by 4 bits.
    let a = obj.addr();
    Ok(a.rotate_right(4) as i64)
}

/// `type`.
pub static TYPE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    name: "type",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &TYPE_VTABLE,
    slots: Slots {
        repr: Some(type_repr),
        hash: Some(object_hash),
        call: Some(type_call),
        getattr: Some(type_getattr),
        new: Some(type_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

/// `object`.
pub static OBJECT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    name: "object",
    base: None,
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &OBJECT_VTABLE,
    slots: Slots {
        repr: Some(object_repr),
        hash: Some(object_hash),
        new: Some(object_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "The base class of the class hierarchy.",
};

/// A new plain `object()`.
pub fn new_object_instance(vm: &Vm) -> PyResult<ObjRef> {
    use crate::vm::error::AllocResultExt;
    crate::object::new_object(&OBJECT_TYPE, ObjectPayload).or_mem(vm)
}

fn type_new(vm: &Vm, _ty: &TypeObject, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "type", kwnames)?;
    match args {
        [x] => Ok(x.type_object()),
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn object_new(vm: &Vm, _ty: &TypeObject, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    if !args.is_empty() {
        return Err(vm.type_error("object() takes no arguments"));
    }
    let _ = kwnames;
    new_object_instance(vm)
}
