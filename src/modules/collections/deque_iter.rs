//! The iterators of `collections.deque` (`_collections._deque_iterator` and
//! `_collections._deque_reverse_iterator`): a position, the number of items left and the
//! deque's change counter when iteration began, so a deque changed meanwhile raises
//! "deque mutated during iteration".

use super::deque::{deque, mutated, DEQUE_TYPE};
use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

/// Payload of both iterator types.
pub struct DequeIter {
    deque: ObjCell,
    /// Items produced so far.
    index: Cell<usize>,
    /// Items left.
    counter: Cell<usize>,
    state: Cell<u64>,
}

impl PyPayload for DequeIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.deque.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference the payload holds (the deque) and does nothing else.
unsafe impl crate::object::Traverse for DequeIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.deque.traverse(visit)
    }
}

static DEQUE_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<DequeIter>();

fn new_iter(vm: &Vm, ty: &TypeObject, d: &ObjRef, skip: usize) -> PyResult<ObjRef> {
    let dq = deque(vm, d)?;
    let len = dq.items.len();
    let skip = skip.min(len);
    new_object(
        ty,
        DequeIter {
            deque: ObjCell::new(Some(d.clone())),
            index: Cell::new(skip),
            counter: Cell::new(len - skip),
            state: Cell::new(dq.state.get()),
        },
    )
    .or_mem(vm)
}

/// `iter(deque)`.
pub fn iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    new_iter(vm, &DEQUE_ITER_TYPE, obj, 0)
}

/// `deque.__reversed__()`.
pub fn reversed(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.__reversed__", Sig::NoArgs, args, kw)?;
    new_iter(vm, &DEQUE_REVITER_TYPE, obj, 0)
}

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a DequeIter> {
    obj.downcast::<DequeIter>()
        .ok_or_else(|| vm.type_error("expected a deque iterator"))
}

fn next_item(vm: &Vm, obj: &ObjRef, reverse: bool) -> PyResult<Option<ObjRef>> {
    let it = payload(vm, obj)?;
    let Some(d) = it.deque.get() else {
        return Ok(None);
    };
    let dq = deque(vm, &d)?;
    if dq.state.get() != it.state.get() {
        it.counter.set(0);
        return Err(mutated(vm));
    }
    if it.counter.get() == 0 {
        return Ok(None);
    }
    let len = dq.items.len();
    let i = it.index.get();
    let pos = if reverse {
        len.checked_sub(i + 1)
    } else {
        Some(i)
    };
    let Some(item) = pos.and_then(|p| dq.items.get(p)) else {
        return Ok(None);
    };
    it.index.set(i + 1);
    it.counter.set(it.counter.get() - 1);
    Ok(Some(item))
}

fn forward_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    next_item(vm, obj, false)
}

fn reverse_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    next_item(vm, obj, true)
}

fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn length_hint(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__length_hint__", Sig::NoArgs, args, kw)?;
    int::new_int(vm, payload(vm, obj)?.counter.get() as i64)
}

fn reduce(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__reduce__", Sig::NoArgs, args, kw)?;
    let it = payload(vm, obj)?;
    let cls = ObjRef::from_type_ref(obj.ob_type());
    let Some(d) = it.deque.get() else {
        return tuple::new_tuple(vm, vec![cls, tuple::new_tuple(vm, vec![])?]);
    };
    let len = deque(vm, &d)?.items.len();
    let done = len.saturating_sub(it.counter.get());
    let args = tuple::new_tuple(vm, vec![d, int::new_int(vm, done as i64)?])?;
    tuple::new_tuple(vm, vec![cls, args])
}

fn iter_new_common(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    name: &str,
) -> PyResult<ObjRef> {
    let [d, index] = parse::<2>(vm, name, Sig::VarArgs(1, 2), args, kw)?;
    let d = d.ok_or_else(|| vm.type_error("missing argument"))?;
    if !d.ob_type().is_subtype(&DEQUE_TYPE) {
        return Err(vm.type_error(&format!(
            "{name}() argument 1 must be collections.deque, not {}",
            d.ob_type().name()
        )));
    }
    let skip = match index {
        Some(i) => crate::vm::argparse::index_arg(vm, &i)?.max(0) as usize,
        None => 0,
    };
    new_iter(vm, ty, &d, skip)
}

fn forward_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    iter_new_common(vm, ty, args, kw, "_deque_iterator")
}

fn reverse_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    iter_new_common(vm, ty, args, kw, "_deque_reverse_iterator")
}

static ITER_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__length_hint__",
        func: length_hint,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: reduce,
        flags: 0,
    },
];

/// `_collections._deque_iterator`.
pub static DEQUE_ITER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_collections._deque_iterator",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &DEQUE_ITER_VTABLE,
    slots: Slots {
        iter: Some(self_iter),
        next: Some(forward_next),
        new: Some(forward_new),
        ..Slots::EMPTY
    },
    methods: &ITER_METHODS,
    doc: "",
};

/// `_collections._deque_reverse_iterator`.
pub static DEQUE_REVITER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_collections._deque_reverse_iterator",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &DEQUE_ITER_VTABLE,
    slots: Slots {
        iter: Some(self_iter),
        next: Some(reverse_next),
        new: Some(reverse_new),
        ..Slots::EMPTY
    },
    methods: &ITER_METHODS,
    doc: "",
};
