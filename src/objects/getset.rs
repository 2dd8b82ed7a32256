//! `getset_descriptor`: a data attribute of a builtin type's instances (`OSError.errno`,
//! `range.start`), made by readiness from the type's `GetSetDef` table; and the helpers that let
//! a type's `getattr`/`setattr` slots reach the same entries along its static bases.

use crate::object::typeobj::second_base;
use crate::object::{new_object, GetSetDef, ObjHeader, ObjRef, PayloadVTable, PyPayload};
use crate::object::{Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a getset descriptor: the definition and the type that owns it.
pub struct GetSetDescriptor {
    def: &'static GetSetDef,
    owner: ObjRef,
}

impl PyPayload for GetSetDescriptor {
    // A heap class's `__dict__` and `__weakref__` descriptors live in the class's own dict
    // and refer back to it: the collector must see that edge.
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference the payload holds (`owner`), once, and does nothing else.
unsafe impl crate::object::Traverse for GetSetDescriptor {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.owner);
    }
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

/// The entry for `name` declared by `ty`'s nearest static type or one of its bases (a second
/// base right after the type that has it, as in the MRO), with the type that declares it.
pub fn find<'a>(ty: &'a TypeObject, name: &str) -> Option<(&'static GetSetDef, &'a TypeObject)> {
    let mut t = Some(ty);
    while let Some(cur) = t {
        if !cur.is_heap_type() {
            if let Some(def) = cur.getset.iter().find(|d| d.name == name) {
                return Some((def, cur));
            }
            if let Some(second) = second_base(cur) {
                if let Some(def) = second.getset.iter().find(|d| d.name == name) {
                    return Some((def, second));
                }
            }
        }
        t = cur.base;
    }
    None
}

/// Reads attribute `name` of `obj` through its type's getset entries. `Ok(None)`: no entry, or
/// the entry's getter reports the attribute unset.
pub fn get(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match find(obj.ob_type(), name) {
        Some((def, _)) => (def.get)(vm, obj, name),
        None => Ok(None),
    }
}

/// Writes (`Some`) or deletes (`None`) attribute `name` of `obj` through its type's getset
/// entries; `None` when no entry declares the name.
pub fn set(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> Option<PyResult<()>> {
    let n = pystr::as_str(name)?;
    let (def, owner) = find(obj.ob_type(), n)?;
    Some(match def.set {
        Some(f) => f(vm, obj, name, value),
        None => Err(not_writable(vm, n, owner)),
    })
}

/// CPython's error for assigning an attribute whose getset entry has no setter.
pub fn not_writable(vm: &Vm, name: &str, owner: &TypeObject) -> crate::vm::PyErr {
    vm.new_error(
        &exceptions::ATTRIBUTE_ERROR,
        &format!(
            "attribute '{name}' of '{}' objects is not writable",
            owner.name()
        ),
    )
}

/// The setter of a read-only member (CPython's `READONLY` `PyMemberDef`): always fails.
pub fn readonly(vm: &Vm, _obj: &ObjRef, _name: &ObjRef, _value: Option<ObjRef>) -> PyResult<()> {
    Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute"))
}

/// The name an entry's setter receives, as text.
pub fn name_str(name: &ObjRef) -> &str {
    pystr::as_str(name).unwrap_or("?")
}
