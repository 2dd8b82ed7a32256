//! The singletons `None`, `NotImplemented` and `Ellipsis`.

use crate::object::{ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, StaticObj, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::{PyResult, Vm};

/// Payload of the singletons (they carry no data).
pub struct Singleton;
impl PyPayload for Singleton {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(Singleton);
static SINGLETON_VTABLE: PayloadVTable = PayloadVTable::of::<Singleton>();

fn none_repr(vm: &Vm, _: &ObjRef) -> PyResult<ObjRef> {
    vm.intern("None")
}
fn none_bool(_: &Vm, _: &ObjRef) -> PyResult<bool> {
    Ok(false)
}
fn notimpl_repr(vm: &Vm, _: &ObjRef) -> PyResult<ObjRef> {
    vm.intern("NotImplemented")
}
fn notimpl_bool(vm: &Vm, _: &ObjRef) -> PyResult<bool> {
    crate::modules::sys_hooks::warn(
        vm,
        &crate::objects::exceptions::DEPRECATION_WARNING,
        "NotImplemented should not be used in a boolean context",
    )?;
    Ok(true)
}
fn ellipsis_repr(vm: &Vm, _: &ObjRef) -> PyResult<ObjRef> {
    vm.intern("Ellipsis")
}
/// `__reduce__` of `NotImplemented` and `Ellipsis`: their names, so pickle saves them as globals.
fn notimpl_reduce(vm: &Vm, _: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(vm, "__reduce__", crate::vm::argparse::Sig::NoArgs, args, kw)?;
    vm.intern("NotImplemented")
}
fn ellipsis_reduce(vm: &Vm, _: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(vm, "__reduce__", crate::vm::argparse::Sig::NoArgs, args, kw)?;
    vm.intern("Ellipsis")
}
static NOTIMPL_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "__reduce__",
    func: notimpl_reduce,
    flags: 0,
}];
static ELLIPSIS_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "__reduce__",
    func: ellipsis_reduce,
    flags: 0,
}];
fn singleton_hash(_: &Vm, obj: &ObjRef) -> PyResult<i64> {
    Ok(obj.addr().rotate_right(4) as i64)
}

/// `NoneType`.
pub static NONE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "NoneType",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SINGLETON_VTABLE,
    slots: Slots {
        repr: Some(none_repr),
        hash: Some(singleton_hash),
        number: crate::object::NumberSlots {
            bool: Some(none_bool),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

/// `NotImplementedType`.
pub static NOT_IMPLEMENTED_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "NotImplementedType",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SINGLETON_VTABLE,
    slots: Slots {
        repr: Some(notimpl_repr),
        hash: Some(singleton_hash),
        number: crate::object::NumberSlots {
            bool: Some(notimpl_bool),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &NOTIMPL_METHODS,
    doc: "",
};

/// `ellipsis`.
pub static ELLIPSIS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "ellipsis",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SINGLETON_VTABLE,
    slots: Slots {
        repr: Some(ellipsis_repr),
        hash: Some(singleton_hash),
        ..Slots::EMPTY
    },
    methods: &ELLIPSIS_METHODS,
    doc: "",
};

static NONE: StaticObj<Singleton> = StaticObj::new(&NONE_TYPE, Singleton);
static NOT_IMPLEMENTED: StaticObj<Singleton> = StaticObj::new(&NOT_IMPLEMENTED_TYPE, Singleton);
static ELLIPSIS: StaticObj<Singleton> = StaticObj::new(&ELLIPSIS_TYPE, Singleton);

/// `None`.
#[inline]
pub fn none() -> ObjRef {
    ObjRef::from_static(&NONE)
}

/// `NotImplemented`.
#[inline]
pub fn not_implemented() -> ObjRef {
    ObjRef::from_static(&NOT_IMPLEMENTED)
}

/// `Ellipsis`.
pub fn ellipsis() -> ObjRef {
    ObjRef::from_static(&ELLIPSIS)
}

/// Whether `obj` is `None`.
#[inline]
pub fn is_none(obj: &ObjRef) -> bool {
    std::ptr::eq(obj.ob_type(), &NONE_TYPE)
}

/// Whether `obj` is `NotImplemented`.
#[inline]
pub fn is_not_implemented(obj: &ObjRef) -> bool {
    std::ptr::eq(obj.ob_type(), &NOT_IMPLEMENTED_TYPE)
}
