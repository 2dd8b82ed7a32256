//! `getset_descriptor`: a data attribute of a builtin type's instances (`OSError.errno`,
//! `range.start`), made by readiness from the type's `GetSetDef` table.

use crate::object::{new_object, GetSetDef, ObjHeader, ObjRef, PayloadVTable, PyPayload};
use crate::object::{GetSetDef as Def, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a getset descriptor: the definition and the type that owns it.
pub struct GetSetDescriptor {
    def: &'static Def,
    owner: ObjRef,
}

impl PyPayload for GetSetDescriptor {
    const IS_CONTAINER: bool = false;
}

static GETSET_VTABLE: PayloadVTable = PayloadVTable::of::<GetSetDescriptor>();

/// The descriptor of `def`, a data attribute of the static type `owner`.
pub fn new_getset(vm: &Vm, def: &'static GetSetDef, owner: &TypeObject) -> PyResult<ObjRef> {
    new_object(
        &GETSET_DESCRIPTOR_TYPE,
        GetSetDescriptor {
            def,
            owner: ObjRef::from_type_ref(owner),
        },
    )
    .or_mem(vm)
}

fn parts<'a>(vm: &Vm, d: &'a ObjRef) -> PyResult<(&'a GetSetDescriptor, &'a TypeObject)> {
    let g = d
        .downcast::<GetSetDescriptor>()
        .ok_or_else(|| vm.type_error("expected a getset descriptor"))?;
    let owner = g
        .owner
        .as_type()
        .ok_or_else(|| vm.type_error("getset descriptor without a type"))?;
    Ok((g, owner))
}

/// CPython's error for a descriptor applied to an object of the wrong type.
fn wrong_type(vm: &Vm, name: &str, owner: &TypeObject, obj: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        name,
        owner.name(),
        obj.ob_type().name()
    ))
}

fn getset_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let Some(obj) = obj else {
        return Ok(d.clone());
    };
    let (g, owner) = parts(vm, d)?;
    if !obj.is_instance(owner) {
        return Err(wrong_type(vm, g.def.name, owner, obj));
    }
    match (g.def.get)(vm, obj, g.def.name)? {
        Some(v) => Ok(v),
        None => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "'{}' object has no attribute '{}'",
                obj.ob_type().name(),
                g.def.name
            ),
        )),
    }
}

fn getset_set(vm: &Vm, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let (g, owner) = parts(vm, d)?;
    if !obj.is_instance(owner) {
        return Err(wrong_type(vm, g.def.name, owner, obj));
    }
    match g.def.set {
        Some(set) => set(vm, obj, &vm.intern(g.def.name)?, value),
        None => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "attribute '{}' of '{}' objects is not writable",
                g.def.name,
                owner.name()
            ),
        )),
    }
}

fn getset_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let (g, owner) = parts(vm, d)?;
    pystr::new_str_vm(
        vm,
        &format!("<attribute '{}' of '{}' objects>", g.def.name, owner.name()),
    )
}

fn descr_attr(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let (g, _) = parts(vm, d)?;
    Ok(match name {
        "__name__" | "__qualname__" => Some(pystr::new_str_vm(vm, g.def.name)?),
        "__objclass__" => Some(g.owner.clone()),
        "__doc__" => Some(crate::objects::none::none()),
        _ => None,
    })
}

static GETSET_ATTRS: [GetSetDef; 4] = [
    GetSetDef {
        name: "__name__",
        get: descr_attr,
        set: None,
    },
    GetSetDef {
        name: "__qualname__",
        get: descr_attr,
        set: None,
    },
    GetSetDef {
        name: "__objclass__",
        get: descr_attr,
        set: None,
    },
    GetSetDef {
        name: "__doc__",
        get: descr_attr,
        set: None,
    },
];

/// `getset_descriptor`.
pub static GETSET_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GETSET_ATTRS,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "getset_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &GETSET_VTABLE,
    slots: Slots {
        repr: Some(getset_repr),
        descr_get: Some(getset_get),
        descr_set: Some(getset_set),
        hash: Some(crate::objects::typetype::object_hash),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};
