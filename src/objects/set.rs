//! `set` and `frozenset`: hash sets whose table ([`SetTable`]) lives in the heap and follows
//! CPython's layout, so iteration order, `pop()` and `hash(frozenset(...))` match CPython's.
//!
//! Both types share one payload; `frozenset` adds a hash (cached) and drops the mutating
//! methods. The algorithms are in `set_ops.rs`.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, NumberSlots, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    SetTable, Slots, TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::none::{none, not_implemented};
use crate::objects::set_ops as so;
use crate::objects::str as pystr;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a set or frozenset.
pub struct SetObject {
    table: SetTable,
    /// The cached hash of a frozenset (-1: not computed).
    hash: Cell<i64>,
}

impl PyPayload for SetObject {
    const IS_CONTAINER: bool = true;

    fn clear(&self) -> Vec<ObjRef> {
        self.table.take_all()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`table`), each once, and does nothing else.
unsafe impl crate::object::Traverse for SetObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.table.traverse(visit)
    }
}

static SET_VTABLE: PayloadVTable = PayloadVTable::of::<SetObject>();

/// The table of a set or frozenset.
#[inline]
pub fn table(obj: &ObjRef) -> Option<&SetTable> {
    obj.downcast::<SetObject>().map(|s| &s.table)
}

/// Whether `obj` is a frozenset.
pub fn is_frozenset(obj: &ObjRef) -> bool {
    obj.is_instance(&FROZENSET_TYPE)
}

/// The type of results computed from `obj` (CPython's `make_new_set_basetype`).
pub(crate) fn result_type(obj: &ObjRef) -> &'static TypeObject {
    so::base_type(obj.ob_type())
}

/// A new set or frozenset of type `ty`, filled from `iterable` (CPython's `make_new_set`).
pub fn new_set_of_type(vm: &Vm, ty: &TypeObject, iterable: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = new_object(
        ty,
        SetObject {
            table: SetTable::new(),
            hash: Cell::new(-1),
        },
    )
    .or_mem(vm)?;
    if let Some(it) = iterable {
        so::update_internal(vm, &s, it)?;
    }
    Ok(s)
}

/// A new empty set.
pub fn new_set(vm: &Vm) -> PyResult<ObjRef> {
    new_set_of_type(vm, &SET_TYPE, None)
}

/// Every key, in iteration order.
pub fn keys(obj: &ObjRef) -> Vec<ObjRef> {
    table(obj)
        .map(|t| t.entries().into_iter().map(|(_, k)| k).collect())
        .unwrap_or_default()
}

fn set_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let name = obj.ob_type().name();
    let keys = keys(obj);
    let exact_set = std::ptr::eq(obj.ob_type(), &SET_TYPE);
    if keys.is_empty() {
        return pystr::new_str_vm(vm, &format!("{name}()"));
    }
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return pystr::new_str_vm(vm, &format!("{name}(...)"));
    }
    let mut out = String::new();
    if !exact_set {
        out.push_str(name);
        out.push('(');
    }
    out.push('{');
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, k)?)?;
    }
    out.push('}');
    if !exact_set {
        out.push(')');
    }
    pystr::new_str_vm(vm, &out)
}

fn set_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(table(obj).map_or(0, |t| t.len()))
}

fn set_contains(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    so::contains(vm, obj, key)
}

/// CPython's `_shuffle_bits`: spreads a key hash before it is xored into a frozenset hash.
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// The hash of a frozenset's keys (CPython's `frozenset_hash`, independent of order).
pub fn frozenset_hash_value(t: &SetTable) -> i64 {
    let entries = t.entries();
    let mut hash: u64 = 0;
    for (h, _) in &entries {
        hash ^= shuffle_bits(*h as u64);
    }
    hash ^= (entries.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

fn frozenset_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let s = obj
        .downcast::<SetObject>()
        .ok_or_else(|| vm.type_error("expected a frozenset"))?;
    if s.hash.get() == -1 {
        s.hash.set(frozenset_hash_value(&s.table));
    }
    Ok(s.hash.get())
}

fn set_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (table(a), table(b)) else {
        return Ok(not_implemented());
    };
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let mut equal = x.len() == y.len();
            if equal
                && is_frozenset(a)
                && is_frozenset(b)
                && frozenset_hash(vm, a)? != frozenset_hash(vm, b)?
            {
                equal = false;
            }
            if equal {
                equal = so::issubset(vm, a, b)?;
            }
            equal == (op == CompareOp::Eq)
        }
        CompareOp::Le => so::issubset(vm, a, b)?,
        CompareOp::Ge => so::issuperset(vm, a, b)?,
        CompareOp::Lt => x.len() < y.len() && so::issubset(vm, a, b)?,
        CompareOp::Gt => x.len() > y.len() && so::issuperset(vm, a, b)?,
        CompareOp::AlmostEq => return Ok(not_implemented()),
    };
    Ok(new_bool(r))
}

fn set_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    new_set_iter(vm, obj)
}

// ----- methods -----

fn one_arg<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

fn m_add(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    so::add_key(vm, this, one_arg(vm, "set.add", args, kw)?.clone())?;
    Ok(none())
}

fn m_clear(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "set.clear", args, kw)?;
    drop(table(this).map(|t| t.take_all()));
    Ok(none())
}

fn m_copy(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, &format!("{}.copy", this.ob_type().name()), args, kw)?;
    if std::ptr::eq(this.ob_type(), &FROZENSET_TYPE) {
        return Ok(this.clone());
    }
    so::copy(vm, this)
}

/// `set.__reduce__()` / `frozenset.__reduce__()`: `(type, (list_of_items,), state)`.
fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__reduce__", args, kw)?;
    let items = crate::objects::list::new_list(vm, ops::collect_iterable(vm, this)?)?;
    let args = crate::objects::tuple::new_tuple(vm, vec![items])?;
    let state = crate::objects::reduce::object_getstate(vm, this)?;
    crate::objects::tuple::new_tuple(vm, vec![this.type_object(), args, state])
}

fn m_discard(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    so::discard_key(vm, this, one_arg(vm, "set.discard", args, kw)?)?;
    Ok(none())
}

fn m_remove(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let key = one_arg(vm, "set.remove", args, kw)?;
    if !so::discard_key(vm, this, key)? {
        return Err(vm.key_error(key.clone()));
    }
    Ok(none())
}

fn m_pop(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "set.pop", args, kw)?;
    let t = table(this).ok_or_else(|| vm.type_error("expected a set"))?;
    match t.pop() {
        Some(k) => Ok(k),
        None => Err(vm.key_error(pystr::new_str_vm(vm, "pop from an empty set")?)),
    }
}

fn m_update(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "set.update", kw)?;
    for other in args {
        so::update_internal(vm, this, other)?;
    }
    Ok(none())
}

fn m_union(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "union", kw)?;
    so::union_multi(vm, this, args)
}

fn m_intersection(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "intersection", kw)?;
    so::intersection_multi(vm, this, args)
}

fn m_intersection_update(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "intersection_update", kw)?;
    let tmp = so::intersection_multi(vm, this, args)?;
    so::replace_contents(vm, this, &tmp)?;
    Ok(none())
}

fn m_difference(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "difference", kw)?;
    so::difference_multi(vm, this, args)
}

fn m_difference_update(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "difference_update", kw)?;
    for other in args {
        so::difference_update_internal(vm, this, other)?;
    }
    Ok(none())
}

fn m_symmetric_difference(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let other = one_arg(vm, "symmetric_difference", args, kw)?;
    so::symmetric_difference(vm, this, other)
}

fn m_symmetric_difference_update(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let other = one_arg(vm, "symmetric_difference_update", args, kw)?;
    so::symmetric_difference_update(vm, this, other)?;
    Ok(none())
}

fn m_issubset(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let other = one_arg(vm, "issubset", args, kw)?;
    Ok(new_bool(so::issubset(vm, this, other)?))
}

fn m_issuperset(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let other = one_arg(vm, "issuperset", args, kw)?;
    Ok(new_bool(so::issuperset(vm, this, other)?))
}

fn m_isdisjoint(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let other = one_arg(vm, "isdisjoint", args, kw)?;
    Ok(new_bool(so::isdisjoint(vm, this, other)?))
}

fn m_contains(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let key = one_arg(vm, "__contains__", args, kw)?;
    Ok(new_bool(so::contains(vm, this, key)?))
}

static SET_METHODS: [MethodDef; 21] = [
    MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    crate::class_getitem_def!("set"),
    MethodDef {
        name: "__init__",
        func: m_init,
        flags: 0,
    },
    MethodDef {
        name: "add",
        func: m_add,
        flags: 0,
    },
    MethodDef {
        name: "clear",
        func: m_clear,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: m_copy,
        flags: 0,
    },
    MethodDef {
        name: "difference",
        func: m_difference,
        flags: 0,
    },
    MethodDef {
        name: "difference_update",
        func: m_difference_update,
        flags: 0,
    },
    MethodDef {
        name: "discard",
        func: m_discard,
        flags: 0,
    },
    MethodDef {
        name: "intersection",
        func: m_intersection,
        flags: 0,
    },
    MethodDef {
        name: "intersection_update",
        func: m_intersection_update,
        flags: 0,
    },
    MethodDef {
        name: "isdisjoint",
        func: m_isdisjoint,
        flags: 0,
    },
    MethodDef {
        name: "issubset",
        func: m_issubset,
        flags: 0,
    },
    MethodDef {
        name: "issuperset",
        func: m_issuperset,
        flags: 0,
    },
    MethodDef {
        name: "pop",
        func: m_pop,
        flags: 0,
    },
    MethodDef {
        name: "remove",
        func: m_remove,
        flags: 0,
    },
    MethodDef {
        name: "symmetric_difference",
        func: m_symmetric_difference,
        flags: 0,
    },
    MethodDef {
        name: "symmetric_difference_update",
        func: m_symmetric_difference_update,
        flags: 0,
    },
    MethodDef {
        name: "union",
        func: m_union,
        flags: 0,
    },
    MethodDef {
        name: "update",
        func: m_update,
        flags: 0,
    },
    MethodDef {
        name: "__contains__",
        func: m_contains,
        flags: 0,
    },
];

static FROZENSET_METHODS: [MethodDef; 11] = [
    MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    crate::class_getitem_def!("frozenset"),
    MethodDef {
        name: "copy",
        func: m_copy,
        flags: 0,
    },
    MethodDef {
        name: "difference",
        func: m_difference,
        flags: 0,
    },
    MethodDef {
        name: "intersection",
        func: m_intersection,
        flags: 0,
    },
    MethodDef {
        name: "isdisjoint",
        func: m_isdisjoint,
        flags: 0,
    },
    MethodDef {
        name: "issubset",
        func: m_issubset,
        flags: 0,
    },
    MethodDef {
        name: "issuperset",
        func: m_issuperset,
        flags: 0,
    },
    MethodDef {
        name: "symmetric_difference",
        func: m_symmetric_difference,
        flags: 0,
    },
    MethodDef {
        name: "union",
        func: m_union,
        flags: 0,
    },
    MethodDef {
        name: "__contains__",
        func: m_contains,
        flags: 0,
    },
];

const SET_NUMBER: NumberSlots = NumberSlots {
    or: Some(so::set_or),
    and: Some(so::set_and),
    subtract: Some(so::set_sub),
    xor: Some(so::set_xor),
    inplace_or: Some(so::set_ior),
    inplace_and: Some(so::set_iand),
    inplace_subtract: Some(so::set_isub),
    inplace_xor: Some(so::set_ixor),
    ..NumberSlots::EMPTY
};

/// `set`.
pub static SET_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "set",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &SET_VTABLE,
    slots: Slots {
        repr: Some(set_repr),
        richcompare: Some(set_richcompare),
        len: Some(set_len),
        contains: Some(set_contains),
        iter: Some(set_iter),
        new: Some(set_new),
        number: SET_NUMBER,
        ..Slots::EMPTY
    },
    methods: &SET_METHODS,
    doc: "set() -> new empty set object\nset(iterable) -> new set object",
};

/// `frozenset`.
pub static FROZENSET_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "frozenset",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &SET_VTABLE,
    slots: Slots {
        repr: Some(set_repr),
        hash: Some(frozenset_hash),
        richcompare: Some(set_richcompare),
        len: Some(set_len),
        contains: Some(set_contains),
        iter: Some(set_iter),
        new: Some(frozenset_new),
        number: NumberSlots {
            inplace_or: None,
            inplace_and: None,
            inplace_subtract: None,
            inplace_xor: None,
            ..SET_NUMBER
        },
        ..Slots::EMPTY
    },
    methods: &FROZENSET_METHODS,
    doc: "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
};

fn set_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = crate::vm::args::new_positional(vm, ty, &SET_TYPE, "set", args, kwnames)?;
    crate::vm::args::check_count(vm, "set", args, 0, 1)?;
    new_set_of_type(vm, ty, args.first())
}

/// `set.__init__(iterable=(), /)`: empties the set, then adds the items.
fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "set", kw)?;
    crate::vm::args::check_count(vm, "set", args, 0, 1)?;
    drop(table(this).map(|t| t.take_all()));
    if let Some(it) = args.first() {
        so::update_internal(vm, this, it)?;
    }
    Ok(none())
}

fn frozenset_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args =
        crate::vm::args::new_positional(vm, ty, &FROZENSET_TYPE, "frozenset", args, kwnames)?;
    crate::vm::args::check_count(vm, "frozenset", args, 0, 1)?;
    if let Some(x) = args.first() {
        if std::ptr::eq(x.ob_type(), &FROZENSET_TYPE) && std::ptr::eq(ty, &FROZENSET_TYPE) {
            return Ok(x.clone());
        }
    }
    new_set_of_type(vm, ty, args.first())
}

// ----- iterator -----

/// Iterator over a set (`set_iterator`); raises if the set changes size meanwhile.
pub struct SetIter {
    set: ObjCell,
    pos: Cell<usize>,
    /// The set's length when the iterator was made (-1 once a size change was reported).
    used: Cell<isize>,
    /// How many keys it has given.
    given: Cell<usize>,
}

impl PyPayload for SetIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.set.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`set`), each once, and does nothing else.
unsafe impl crate::object::Traverse for SetIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.set.traverse(visit)
    }
}

static SET_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<SetIter>();

/// A new iterator over a set or frozenset.
pub fn new_set_iter(vm: &Vm, s: &ObjRef) -> PyResult<ObjRef> {
    let used = table(s).map_or(0, |t| t.len()) as isize;
    let it = SetIter {
        set: ObjCell::new(Some(s.clone())),
        pos: Cell::new(0),
        used: Cell::new(used),
        given: Cell::new(0),
    };
    new_object(&SET_ITER_TYPE, it).or_mem(vm)
}

fn set_iter_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<SetIter>() else {
        return Ok(None);
    };
    let Some(s) = it.set.get() else {
        return Ok(None);
    };
    let Some(t) = table(&s) else { return Ok(None) };
    if it.used.get() != t.len() as isize {
        it.used.set(-1);
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "Set changed size during iteration",
        ));
    }
    match t.next_entry(it.pos.get()) {
        Some((next, _, key)) => {
            it.pos.set(next);
            it.given.set(it.given.get() + 1);
            Ok(Some(key))
        }
        None => {
            drop(it.set.replace(None));
            Ok(None)
        }
    }
}

/// `set_iterator.__length_hint__()`: the keys still to come (0 once the set changed size).
fn set_iter_length_hint(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "__length_hint__", args, kw)?;
    let left = this.downcast::<SetIter>().map_or(0, |it| {
        match (it.set.get().as_ref().and_then(table), it.used.get()) {
            (Some(t), used) if used == t.len() as isize => t.len().saturating_sub(it.given.get()),
            _ => 0,
        }
    });
    crate::objects::int::new_int(vm, left as i64)
}

/// `set_iterator.__reduce__()`: `(iter, ([keys still to come],))`, read from a copy of the
/// iterator, so a size change raises here as it does in CPython.
fn set_iter_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::objects::iter::reduce_args(vm, this, args, kw)?;
    let it = this
        .downcast::<SetIter>()
        .ok_or_else(|| vm.type_error("expected set_iterator"))?;
    let copy = SetIter {
        set: ObjCell::new(it.set.get()),
        pos: Cell::new(it.pos.get()),
        used: Cell::new(it.used.get()),
        given: Cell::new(it.given.get()),
    };
    let copy = new_object(&SET_ITER_TYPE, copy).or_mem(vm)?;
    let mut keys = Vec::new();
    while let Some(k) = set_iter_next(vm, &copy)? {
        keys.push(k);
    }
    let keys = crate::objects::list::new_list(vm, keys)?;
    let iter_fn = crate::objects::iter::builtin_iter(vm)?;
    crate::objects::iter::reduce_value(vm, iter_fn, vec![keys], None)
}

static SET_ITER_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__length_hint__",
        func: set_iter_length_hint,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: set_iter_reduce,
        flags: 0,
    },
];

fn set_iter_self(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

/// `set_iterator`.
pub static SET_ITER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "set_iterator",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SET_ITER_VTABLE,
    slots: Slots {
        iter: Some(set_iter_self),
        next: Some(set_iter_next),
        ..Slots::EMPTY
    },
    methods: &SET_ITER_METHODS,
    doc: "",
};

/// Adds `key` to a set (used by `BUILD_SET` and `SET_ADD`).
pub fn add(vm: &Vm, s: &ObjRef, key: ObjRef) -> PyResult<()> {
    so::add_key(vm, s, key)
}

/// Adds every item of `iterable` to a set (used by `SET_UPDATE`).
pub fn update(vm: &Vm, s: &ObjRef, iterable: &ObjRef) -> PyResult<()> {
    so::update_internal(vm, s, iterable)
}
