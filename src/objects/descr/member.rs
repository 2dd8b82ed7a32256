//! `member_descriptor`: one `__slots__` entry, or a read-only field of a struct sequence.

use crate::object::{
    new_object, GetSetDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, getset, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// One `__slots__` entry: reads and writes preheader slot `index` of instances of `owner`; or
/// a read-only field of a struct sequence (item `index` of the tuple).
pub struct MemberDescriptor {
    name: ObjRef,
    owner_name: ObjRef,
    index: usize,
    tuple_item: bool,
}

impl PyPayload for MemberDescriptor {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(MemberDescriptor);

static MEMBER_VTABLE: PayloadVTable = PayloadVTable::of::<MemberDescriptor>();

/// The descriptor for slot `index` named `name` of class `owner_name`.
pub fn new_member(vm: &Vm, name: ObjRef, owner_name: ObjRef, index: usize) -> PyResult<ObjRef> {
    new_object(
        &MEMBER_DESCRIPTOR_TYPE,
        MemberDescriptor {
            name,
            owner_name,
            index,
            tuple_item: false,
        },
    )
    .or_mem(vm)
}

/// The read-only descriptor of a struct sequence field: item `index` of the instance (a tuple).
pub fn new_item_member(
    vm: &Vm,
    name: ObjRef,
    owner_name: ObjRef,
    index: usize,
) -> PyResult<ObjRef> {
    new_object(
        &MEMBER_DESCRIPTOR_TYPE,
        MemberDescriptor {
            name,
            owner_name,
            index,
            tuple_item: true,
        },
    )
    .or_mem(vm)
}

/// The preheader slot a `__slots__` descriptor reads and writes (`None` for other members).
pub fn slot_index(d: &ObjRef) -> Option<usize> {
    d.downcast::<MemberDescriptor>()
        .filter(|m| !m.tuple_item)
        .map(|m| m.index)
}

fn member_not_applicable(vm: &Vm, m: &MemberDescriptor, obj: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        pystr::as_str(&m.name).unwrap_or("?"),
        pystr::as_str(&m.owner_name).unwrap_or("?"),
        obj.ob_type().name()
    ))
}

/// Whether slot descriptor `d` belongs to a class along the MRO of `obj`'s type (it is in that
/// class's dict under its name): otherwise its slot index means nothing for `obj`, whose slot
/// at that index may even be its `__dict__`. CPython checks the descriptor's class.
fn member_applies(vm: &Vm, d: &ObjRef, m: &MemberDescriptor, obj: &ObjRef) -> PyResult<bool> {
    let Some(name) = pystr::as_str(&m.name) else {
        return Ok(false);
    };
    // The usual case, through the method cache: the class finds this very descriptor.
    if crate::vm::attr::type_lookup(vm, obj.ob_type(), name)?.is_some_and(|v| v.is(d)) {
        return Ok(true);
    }
    let mro = crate::vm::typeready::type_mro(vm, obj.ob_type())?;
    for t in crate::objects::tuple::items(&mro).unwrap_or(&[]) {
        let Some(t) = t.as_type().filter(|t| t.is_heap_type()) else {
            continue;
        };
        if crate::vm::attr::lookup_in_class(vm, t, name)?.is_some_and(|v| v.is(d)) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn member_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    let Some(obj) = obj else {
        return Ok(d.clone());
    };
    if m.tuple_item {
        return crate::objects::tuple::items(obj)
            .and_then(|items| items.get(m.index).cloned())
            .ok_or_else(|| member_not_applicable(vm, m, obj));
    }
    if !member_applies(vm, d, m, obj)? {
        return Err(member_not_applicable(vm, m, obj));
    }
    let n = pystr::as_str(&m.name).unwrap_or("?");
    match obj.preheader_slots().get(m.index).and_then(|c| c.get()) {
        Some(v) => Ok(v),
        None => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("'{}' object has no attribute '{}'", obj.ob_type().name(), n),
        )),
    }
}

fn member_set(vm: &Vm, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    if m.tuple_item {
        return Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute"));
    }
    if !member_applies(vm, d, m, obj)? {
        return Err(member_not_applicable(vm, m, obj));
    }
    let n = pystr::as_str(&m.name).unwrap_or("?");
    let Some(cell) = obj.preheader_slots().get(m.index) else {
        return Err(member_not_applicable(vm, m, obj));
    };
    let deleting = value.is_none();
    let old = cell.replace(value);
    if deleting && old.is_none() {
        // CPython 3.11's message is the bare name.
        return Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, n));
    }
    drop(old);
    Ok(())
}

fn member_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    pystr::new_str_vm(
        vm,
        &format!(
            "<member '{}' of '{}' objects>",
            pystr::as_str(&m.name).unwrap_or("?"),
            pystr::as_str(&m.owner_name).unwrap_or("?")
        ),
    )
}

/// `__name__` of a member descriptor.
fn member_getattr(_vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(m) = d.downcast::<MemberDescriptor>() else {
        return Ok(None);
    };
    Ok((name == "__name__").then(|| m.name.clone()))
}

/// The data attributes of `member_descriptor` (CPython's `__objclass__` and `__qualname__` need
/// the owning class, of which only the name is kept).
static MEMBER_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "__name__",
    get: member_getattr,
    set: Some(getset::readonly),
}];

/// `member_descriptor`.
pub static MEMBER_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &MEMBER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "member_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MEMBER_VTABLE,
    slots: Slots {
        repr: Some(member_repr),
        getattr: Some(member_getattr),
        descr_get: Some(member_get),
        descr_set: Some(member_set),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};
