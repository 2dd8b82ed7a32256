//! `bool`: a subclass of `int` with two immortal instances.

use crate::object::CompareOp;
use crate::object::{ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, StaticObj, TypeObject};
use crate::objects::int::INT_TYPE;
use crate::objects::typetype::TYPE_TYPE;
use crate::vm::{PyResult, Vm};

/// Payload of `True` and `False`.
pub struct BoolPayload(bool);
impl PyPayload for BoolPayload {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(BoolPayload);
static BOOL_VTABLE: PayloadVTable = PayloadVTable::of::<BoolPayload>();

static TRUE: StaticObj<BoolPayload> = StaticObj::new(&BOOL_TYPE, BoolPayload(true));
static FALSE: StaticObj<BoolPayload> = StaticObj::new(&BOOL_TYPE, BoolPayload(false));

/// `True` or `False`.
#[inline]
pub fn new_bool(b: bool) -> ObjRef {
    ObjRef::from_static(if b { &TRUE } else { &FALSE })
}

/// The value of a bool object.
#[inline]
pub fn as_bool(obj: &ObjRef) -> Option<bool> {
    obj.downcast::<BoolPayload>().map(|p| p.0)
}

fn bool_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    vm.intern(if as_bool(obj) == Some(true) {
        "True"
    } else {
        "False"
    })
}

fn bool_bool(_: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(as_bool(obj) == Some(true))
}

fn logical(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    f: fn(bool, bool) -> bool,
    int_op: crate::object::typeobj::BinaryFn,
) -> PyResult<ObjRef> {
    match (as_bool(a), as_bool(b)) {
        (Some(x), Some(y)) => Ok(new_bool(f(x, y))),
        _ => int_op(vm, a, b),
    }
}

fn bool_and(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    logical(vm, a, b, |x, y| x & y, crate::objects::int::int_and)
}
fn bool_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    logical(vm, a, b, |x, y| x | y, crate::objects::int::int_or)
}
fn bool_xor(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    logical(vm, a, b, |x, y| x ^ y, crate::objects::int::int_xor)
}

fn bool_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    crate::objects::int::int_richcompare(vm, a, b, op)
}

/// `bool`.
pub static BOOL_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "bool",
    base: Some(&INT_TYPE),
    flags: 0,
    payload: &BOOL_VTABLE,
    slots: Slots {
        repr: Some(bool_repr),
        richcompare: Some(bool_richcompare),
        number: crate::object::NumberSlots {
            and: Some(bool_and),
            or: Some(bool_or),
            xor: Some(bool_xor),
            bool: Some(bool_bool),
            ..crate::objects::int::INT_NUMBER_SLOTS
        },
        hash: Some(crate::objects::int::int_hash),
        getattr: Some(crate::objects::int_methods::int_getattr),
        new: Some(bool_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "bool(x) -> bool",
};

fn bool_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "bool", kwnames)?;
    crate::vm::args::check_count(vm, "bool", args, 0, 1)?;
    match args.first() {
        None => Ok(new_bool(false)),
        Some(x) => Ok(new_bool(crate::vm::ops::truthy(vm, x)?)),
    }
}
