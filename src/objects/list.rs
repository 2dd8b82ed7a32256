//! `list`: a mutable sequence; its item storage comes from the interpreter's heap.
//!
//! The methods live in `list_methods.rs` and the sort in `list_sort.rs`; this file holds the
//! payload, the slots (subscripts with slices, comparison, `+`, `*` and their in-place forms)
//! and the type object.
//!
//! Every operation that may run Python code (comparisons, iteration of an argument) works on a
//! snapshot of the items or re-reads the length at each step, so a list mutated meanwhile never
//! makes us read out of bounds; writes go through [`ObjVec`], which hands removed references
//! back to be dropped after its borrow ends.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, ObjVec, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::list_methods as m;
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, slice, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a list.
pub struct ListObject {
    items: ObjVec,
}

impl PyPayload for ListObject {
    const IS_CONTAINER: bool = true;

    fn clear(&self) -> Vec<ObjRef> {
        self.items.take_all()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`items`), each once, and does nothing else.
unsafe impl crate::object::Traverse for ListObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.items.traverse(visit)
    }
}

static LIST_VTABLE: PayloadVTable = PayloadVTable::of::<ListObject>();

/// A new list holding `items`.
pub fn new_list(vm: &Vm, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    let items = ObjVec::from_vec(items).or_mem(vm)?;
    new_object(&LIST_TYPE, ListObject { items }).or_mem(vm)
}

/// The items of a list.
#[inline]
pub fn storage(obj: &ObjRef) -> Option<&ObjVec> {
    obj.downcast::<ListObject>().map(|l| &l.items)
}

/// The items of `obj`, or `TypeError` if it is not a list.
pub(crate) fn storage_or_err<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a ObjVec> {
    storage(obj).ok_or_else(|| vm.type_error("descriptor requires a 'list' object"))
}

/// Appends to a list.
pub fn append(vm: &Vm, list: &ObjRef, item: ObjRef) -> PyResult<()> {
    let v = storage_or_err(vm, list)?;
    v.push(item).map_err(|(e, _)| vm.alloc_err(e))
}

/// Replaces every item of `v` with `items`; the old items are dropped after the swap.
pub(crate) fn set_all(vm: &Vm, v: &ObjVec, items: Vec<ObjRef>) -> PyResult<()> {
    match v.replace_all(items) {
        Ok(old) => {
            drop(old);
            Ok(())
        }
        Err((e, items)) => {
            drop(items);
            Err(vm.alloc_err(e))
        }
    }
}

/// CPython's `PySequence_Fast`: the items of an exact list or tuple as they are, otherwise of
/// any iterable (a subclass's `__iter__` included), or `TypeError(msg)` if `obj` is not
/// iterable.
pub(crate) fn sequence_fast(vm: &Vm, obj: &ObjRef, msg: &str) -> PyResult<Vec<ObjRef>> {
    let ty = obj.ob_type();
    if std::ptr::eq(ty, &LIST_TYPE) {
        if let Some(v) = storage(obj) {
            return Ok(v.snapshot());
        }
    }
    if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        if let Some(items) = tuple::items(obj) {
            return Ok(items.to_vec());
        }
    }
    if obj.ob_type().slots.iter.is_none() {
        return Err(vm.type_error(msg));
    }
    ops::collect_iterable(vm, obj)
}

fn list_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let v = storage_or_err(vm, obj)?;
    if v.is_empty() {
        return crate::objects::str::new_str_vm(vm, "[]");
    }
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return crate::objects::str::new_str_vm(vm, "[...]");
    }
    let mut out = String::from("[");
    let mut i = 0;
    while let Some(item) = v.get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, &item)?)?;
        i += 1;
    }
    out.push(']');
    crate::objects::str::new_str_vm(vm, &out)
}

fn list_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(storage(obj).map_or(0, |v| v.len()))
}

fn list_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let v = storage_or_err(vm, obj)?;
    if let Some(s) = slice::as_slice(key) {
        // The bounds' `__index__` may change the list: its length is read afterwards, as
        // CPython's, and the items are copied straight into the new list's storage (reading
        // items runs no Python code).
        let bounds = slice::unpack(vm, s)?;
        return get_slice(vm, v, bounds);
    }
    let i = ops::sequence_index(vm, key, v.len(), "list")?;
    v.get(i)
        .ok_or_else(|| vm.index_error("list index out of range"))
}

fn list_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let v = storage_or_err(vm, obj)?;
    if let Some(s) = slice::as_slice(key) {
        return assign_slice(vm, obj, v, s, value);
    }
    let i = ops::sequence_index(vm, key, v.len(), "list assignment")?;
    match value {
        Some(value) => match v.set(i, value.clone()) {
            Ok(old) => drop(old),
            Err(_) => return Err(vm.index_error("list assignment index out of range")),
        },
        None => drop(v.remove(i)),
    }
    Ok(())
}

/// `l[start:stop:step]` of the list with storage `v`, for bounds as [`slice::unpack`] gives
/// them: the items are copied straight into the new list's storage (reading items runs no
/// Python code).
#[inline]
pub(crate) fn get_slice(vm: &Vm, v: &ObjVec, bounds: (i64, i64, i64)) -> PyResult<ObjRef> {
    let (mut start, mut stop, step) = bounds;
    let n = slice::adjust(v.len() as i64, &mut start, &mut stop, step);
    let items = v.slice(start as usize, step as isize, n).or_mem(vm)?;
    new_object(&LIST_TYPE, ListObject { items }).or_mem(vm)
}

/// `l[start:stop] = value` for the list `obj` with storage `v` and unpacked bounds of step 1,
/// when `value` is an exact list or `obj` itself (a subclass's `__iter__` is not asked then,
/// as in CPython): its items are spliced straight in, no Python code runs until the removed
/// items are dropped, once the list is whole again. `None` (nothing done) for another step or
/// value.
#[inline]
pub(crate) fn splice_list(
    vm: &Vm,
    obj: &ObjRef,
    v: &ObjVec,
    bounds: (i64, i64, i64),
    value: &ObjRef,
) -> Option<PyResult<()>> {
    let (mut start, mut stop, step) = bounds;
    if step != 1 || !(value.is(obj) || std::ptr::eq(value.ob_type(), &LIST_TYPE)) {
        return None;
    }
    let src = storage(value)?;
    slice::adjust(v.len() as i64, &mut start, &mut stop, step);
    let lo = start.max(0) as usize;
    let hi = stop.max(start).max(0) as usize;
    Some(match v.splice_from(lo, hi, src) {
        Ok(removed) => {
            drop(removed);
            Ok(())
        }
        Err(e) => Err(vm.alloc_err(e)),
    })
}

/// `a[s] = value` / `del a[s]` for a slice `s` (CPython's `list_ass_subscript`).
fn assign_slice(
    vm: &Vm,
    obj: &ObjRef,
    v: &ObjVec,
    s: &slice::SliceObject,
    value: Option<&ObjRef>,
) -> PyResult<()> {
    let (start0, stop0, step) = slice::unpack(vm, s)?;
    if let Some(done) = value.and_then(|val| splice_list(vm, obj, v, (start0, stop0, step), val)) {
        return done;
    }
    // Converting the value may run Python code, so it happens before the items are read.
    let new_items = match value {
        None => None,
        Some(val) if val.is(obj) => Some(v.snapshot()),
        Some(val) if step == 1 => Some(sequence_fast(vm, val, "can only assign an iterable")?),
        Some(val) => Some(sequence_fast(
            vm,
            val,
            "must assign iterable to extended slice",
        )?),
    };
    let (mut start, mut stop) = (start0, stop0);
    if step == 1 {
        // In place: the removed items are dropped once the list is whole again.
        slice::adjust(v.len() as i64, &mut start, &mut stop, step);
        let lo = start.max(0) as usize;
        let hi = stop.max(start).max(0) as usize;
        let removed = v
            .splice(lo, hi, new_items.unwrap_or_default())
            .map_err(|(e, _)| vm.alloc_err(e))?;
        drop(removed);
        return Ok(());
    }
    let n = slice::adjust(v.len() as i64, &mut start, &mut stop, step);
    let positions = ops::SliceIndices {
        start,
        stop,
        step,
        len: n,
    };
    match new_items {
        Some(new_items) => {
            if new_items.len() != n {
                return Err(vm.value_error(&format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new_items.len(),
                    n
                )));
            }
            // In place (the positions are within the length just read; nothing runs Python
            // code until the old items are dropped, after the last store).
            let mut old = Vec::with_capacity(n);
            for (pos, item) in positions.iter().zip(new_items) {
                match v.set(pos, item) {
                    Ok(prev) => old.push(prev),
                    Err(item) => old.push(item),
                }
            }
            drop(old);
        }
        None => {
            let items = v.snapshot();
            let mut doomed = vec![false; items.len()];
            for pos in positions.iter() {
                doomed[pos] = true;
            }
            let mut kept = Vec::with_capacity(items.len() - n);
            let mut removed = Vec::with_capacity(n);
            for (item, gone) in items.into_iter().zip(doomed) {
                if gone {
                    removed.push(item);
                } else {
                    kept.push(item);
                }
            }
            set_all(vm, v, kept)?;
            drop(removed);
        }
    }
    Ok(())
}

fn list_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let v = storage_or_err(vm, obj)?;
    let mut i = 0;
    while let Some(x) = v.get(i) {
        if ops::eq(vm, &x, item)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn list_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (storage(a), storage(b)) else {
        return Ok(not_implemented());
    };
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(new_bool(op == CompareOp::Ne));
    }
    if op == CompareOp::AlmostEq {
        return Ok(not_implemented());
    }
    // CPython's loop over the live lists: an item's `__eq__` may change either list, and the
    // sizes are compared as they are when the items run out.
    let mut i = 0;
    while let (Some(p), Some(q)) = (x.get(i), y.get(i)) {
        if !ops::eq(vm, &p, &q)? {
            if i < x.len() && i < y.len() {
                return match op {
                    CompareOp::Eq => Ok(new_bool(false)),
                    CompareOp::Ne => Ok(new_bool(true)),
                    _ => ops::richcompare(vm, &p, &q, op),
                };
            }
            break;
        }
        i += 1;
    }
    let (lx, ly) = (x.len(), y.len());
    Ok(new_bool(match op {
        CompareOp::Lt => lx < ly,
        CompareOp::Le => lx <= ly,
        CompareOp::Eq => lx == ly,
        CompareOp::Ne => lx != ly,
        CompareOp::Gt => lx > ly,
        CompareOp::Ge => lx >= ly,
        CompareOp::AlmostEq => false,
    }))
}

fn list_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (storage(a), storage(b)) else {
        return Ok(not_implemented());
    };
    new_list(vm, concat_items(vm, &x.snapshot(), &y.snapshot())?)
}

/// `x + y` as a new vector, its size checked against the heap first.
pub(crate) fn concat_items(vm: &Vm, x: &[ObjRef], y: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    let total = x
        .len()
        .checked_add(y.len())
        .ok_or_else(|| vm.memory_error_err())?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, total)?;
    out.extend_from_slice(x);
    out.extend_from_slice(y);
    Ok(out)
}

/// The repeat count of `seq * n`: `None` when `n` is not an int (the operator then reports
/// CPython's "can't multiply sequence by non-int"), negative counts as zero, and an
/// `OverflowError` for ints beyond the machine word.
pub(crate) fn repeat_count(vm: &Vm, n: &ObjRef) -> PyResult<Option<usize>> {
    if !int::is_int(n) {
        return Ok(None);
    }
    match int::as_i64(n) {
        Some(n) => Ok(Some(n.max(0) as usize)),
        None if int::as_bigint(n).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) => {
            Ok(Some(0))
        }
        None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// `items * n` as a new vector, with `MemoryError` when the result cannot exist.
pub(crate) fn repeat_items(vm: &Vm, items: &[ObjRef], n: usize) -> PyResult<Vec<ObjRef>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let total = items
        .len()
        .checked_mul(n)
        .ok_or_else(|| vm.memory_error_err())?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, total)?;
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

fn list_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (v, n) = match (storage(a), storage(b)) {
        (Some(v), None) => (v, b),
        (None, Some(v)) => (v, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    new_list(vm, repeat_items(vm, &v.snapshot(), n)?)
}

/// `a += iterable`: extends in place and returns the list itself.
fn list_iadd(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(v) = storage(a) else {
        return Ok(not_implemented());
    };
    for item in ops::collect_iterable(vm, b)? {
        v.push(item).map_err(|(e, _)| vm.alloc_err(e))?;
    }
    Ok(a.clone())
}

/// `a *= n`: repeats in place and returns the list itself.
fn list_imul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(v) = storage(a) else {
        return Ok(not_implemented());
    };
    let Some(n) = repeat_count(vm, b)? else {
        return Ok(not_implemented());
    };
    if n != 1 {
        let items = repeat_items(vm, &v.snapshot(), n)?;
        set_all(vm, v, items)?;
    }
    Ok(a.clone())
}

fn list_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

static LIST_METHODS: [MethodDef; 14] = [
    crate::class_getitem_def!("list"),
    MethodDef {
        name: "__init__",
        func: list_init,
        flags: 0,
    },
    MethodDef {
        name: "append",
        func: m::m_append,
        flags: 0,
    },
    MethodDef {
        name: "clear",
        func: m::m_clear,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: m::m_copy,
        flags: 0,
    },
    MethodDef {
        name: "count",
        func: m::m_count,
        flags: 0,
    },
    MethodDef {
        name: "extend",
        func: m::m_extend,
        flags: 0,
    },
    MethodDef {
        name: "index",
        func: m::m_index,
        flags: 0,
    },
    MethodDef {
        name: "insert",
        func: m::m_insert,
        flags: 0,
    },
    MethodDef {
        name: "pop",
        func: m::m_pop,
        flags: 0,
    },
    MethodDef {
        name: "remove",
        func: m::m_remove,
        flags: 0,
    },
    MethodDef {
        name: "reverse",
        func: m::m_reverse,
        flags: 0,
    },
    MethodDef {
        name: "sort",
        func: crate::objects::list_sort::m_sort,
        flags: 0,
    },
    MethodDef {
        name: "__reversed__",
        func: m::m_reversed,
        flags: 0,
    },
];

/// `list`.
pub static LIST_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "list",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &LIST_VTABLE,
    slots: Slots {
        repr: Some(list_repr),
        richcompare: Some(list_richcompare),
        len: Some(list_len),
        getitem: Some(list_getitem),
        setitem: Some(list_setitem),
        contains: Some(list_contains),
        iter: Some(list_iter),
        new: Some(list_new),
        number: crate::object::NumberSlots {
            add: Some(list_add),
            multiply: Some(list_mul),
            inplace_add: Some(list_iadd),
            inplace_multiply: Some(list_imul),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &LIST_METHODS,
    doc: "Built-in mutable sequence.",
};

/// `list.__init__(iterable=(), /)`: empties the list, then extends it.
fn list_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "list", kw)?;
    crate::vm::args::check_count(vm, "list", args, 0, 1)?;
    let v = storage_or_err(vm, this)?;
    drop(v.take_all());
    if let Some(x) = args.first() {
        let items = ops::collect_iterable(vm, x)?;
        set_all(vm, v, items)?;
    }
    Ok(crate::objects::none::none())
}

fn list_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "list", kwnames)?;
    crate::vm::args::check_count(vm, "list", args, 0, 1)?;
    let items = match args.first() {
        None => Vec::new(),
        Some(x) => ops::collect_iterable(vm, x)?,
    };
    let items = ObjVec::from_vec(items).or_mem(vm)?;
    new_object(ty, ListObject { items }).or_mem(vm)
}
