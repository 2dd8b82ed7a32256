//! Methods reached through a builtin type rather than an instance: `str.lower`,
//! `list.append(l, x)` (a `method_descriptor`, CPython's `PyMethodDescr_Type`), and the class
//! methods `dict.fromkeys`, `bytes.fromhex`, `bytearray.fromhex`, bound to the type itself.

use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{function, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Methods that take the type, not an instance, as their first argument (CPython's
/// `METH_CLASS`), by owning type name and method name.
static CLASS_METHODS: [(&str, &str); 3] = [
    ("dict", "fromkeys"),
    ("bytes", "fromhex"),
    ("bytearray", "fromhex"),
];

/// Payload of a method descriptor: a builtin method not bound to an instance.
pub struct MethodDescr {
    def: &'static MethodDef,
    owner: &'static TypeObject,
}

impl PyPayload for MethodDescr {
    const IS_CONTAINER: bool = false;
}

static DESCR_VTABLE: PayloadVTable = PayloadVTable::of::<MethodDescr>();

/// `ty.name` for a builtin type: a class method bound to `ty`, a method descriptor, or `None`.
pub fn type_attribute(vm: &Vm, ty: &'static TypeObject, name: &str) -> PyResult<Option<ObjRef>> {
    let mut owner = Some(ty);
    while let Some(t) = owner {
        if let Some(def) = t.methods.iter().find(|m| m.name == name) {
            if CLASS_METHODS.contains(&(t.name(), name)) {
                return function::new_bound_builtin(vm, def, ObjRef::from_type(ty)).map(Some);
            }
            return new_object(&METHOD_DESCR_TYPE, MethodDescr { def, owner: t })
                .or_mem(vm)
                .map(Some);
        }
        owner = t.base;
    }
    Ok(None)
}

fn descr_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let d = obj
        .downcast::<MethodDescr>()
        .ok_or_else(|| vm.type_error("expected a method descriptor"))?;
    let nkw = kwnames
        .and_then(crate::objects::tuple::items)
        .map_or(0, |k| k.len());
    let Some(this) = args.first().filter(|_| args.len() > nkw) else {
        return Err(vm.type_error(&format!(
            "unbound method {}.{}() needs an argument",
            d.owner.name(),
            d.def.name
        )));
    };
    if !this.is_instance(d.owner) {
        return Err(vm.type_error(&format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            d.def.name,
            d.owner.name(),
            this.ob_type().name()
        )));
    }
    (d.def.func)(vm, this, &args[1..], kwnames)
}

fn descr_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let d = obj
        .downcast::<MethodDescr>()
        .ok_or_else(|| vm.type_error("expected a method descriptor"))?;
    pystr::new_str_vm(
        vm,
        &format!("<method '{}' of '{}' objects>", d.def.name, d.owner.name()),
    )
}

/// `method_descriptor`.
pub static METHOD_DESCR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    name: "method_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &DESCR_VTABLE,
    slots: Slots {
        repr: Some(descr_repr),
        call: Some(descr_call),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};
