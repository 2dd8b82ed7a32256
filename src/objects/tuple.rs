//! `tuple`: an immutable sequence with its items inline.

use crate::object::CompareOp;
use crate::object::{
    new_var_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a tuple (the items follow inline).
pub struct TupleObject;

impl PyPayload for TupleObject {
    const IS_CONTAINER: bool = true;
}

crate::object::traverse_nothing!(TupleObject);

static TUPLE_VTABLE: PayloadVTable = PayloadVTable::of_var::<TupleObject, ObjRef>();

/// A new tuple.
pub fn new_tuple(vm: &Vm, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    new_var_object(&TUPLE_TYPE, TupleObject, items).or_mem(vm)
}

/// A new tuple of `N` items given as an array (no vector is allocated on the way).
#[inline]
pub fn new_tuple_array<const N: usize>(vm: &Vm, items: [ObjRef; N]) -> PyResult<ObjRef> {
    crate::object::new_var_object_array(&TUPLE_TYPE, TupleObject, items).or_mem(vm)
}

/// The items of a tuple.
#[inline]
pub fn items(obj: &ObjRef) -> Option<&[ObjRef]> {
    obj.downcast_var::<TupleObject, ObjRef>()
        .map(|(_, items)| items)
}

fn tuple_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let items = items(obj).unwrap_or(&[]);
    if items.is_empty() {
        return crate::objects::str::new_str_vm(vm, "()");
    }
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return crate::objects::str::new_str_vm(vm, "(...)");
    }
    let mut out = String::from("(");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, item)?)?;
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
    crate::objects::str::new_str_vm(vm, &out)
}

fn tuple_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    // CPython's xxHash-based tuple hash.
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let items = items(obj).unwrap_or(&[]);
    // Tuples nest to any depth, and hashing recurses into the items.
    vm.check_native_stack()?;
    let mut acc: u64 = P5;
    for item in items {
        let lane = ops::hash(vm, item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(items(obj).map_or(0, |i| i.len()))
}

fn tuple_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let items = items(obj).unwrap_or(&[]);
    if let Some(indices) = ops::slice_indices(vm, key, items.len())? {
        return new_tuple(vm, indices.iter().map(|i| items[i].clone()).collect());
    }
    let i = ops::sequence_index(vm, key, items.len(), "tuple")?;
    Ok(items[i].clone())
}

fn tuple_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    for x in items(obj).unwrap_or(&[]) {
        if ops::eq(vm, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn tuple_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (items(a), items(b)) else {
        return Ok(not_implemented());
    };
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(new_bool(op == CompareOp::Ne));
    }
    if op == CompareOp::AlmostEq {
        return Ok(not_implemented());
    }
    ops::compare_sequences(vm, x, y, op)
}

fn tuple_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (items(a), items(b)) else {
        return Ok(not_implemented());
    };
    new_tuple(vm, crate::objects::list::concat_items(vm, x, y)?)
}

fn tuple_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (x, n, this) = match (items(a), items(b)) {
        (Some(x), None) => (x, b, a),
        (None, Some(x)) => (x, a, b),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    // A subclass instance is never returned as it is: the result is an exact tuple.
    if (n == 1 || x.is_empty()) && std::ptr::eq(this.ob_type(), &TUPLE_TYPE) {
        return Ok(this.clone());
    }
    new_tuple(vm, crate::objects::list::repeat_items(vm, x, n)?)
}

/// `tuple.count(x)`.
fn m_count(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "tuple.count", kw)?;
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "tuple.count() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let mut n = 0;
    for x in items(this).unwrap_or(&[]) {
        if ops::eq(vm, x, value)? {
            n += 1;
        }
    }
    crate::objects::int::new_int(vm, n)
}

/// `tuple.index(x[, start[, stop]])`.
fn m_index(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "index", kw)?;
    let xs = items(this).unwrap_or(&[]);
    let (start, stop) = crate::objects::list_methods::search_range(vm, "index", args, xs.len())?;
    for (i, x) in xs.iter().enumerate().take(stop.min(xs.len())).skip(start) {
        if ops::eq(vm, x, &args[0])? {
            return crate::objects::int::new_int(vm, i as i64);
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

/// `tuple.__getnewargs__()`: the items as an exact tuple.
fn m_getnewargs(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "tuple.__getnewargs__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let copy = new_tuple(vm, items(this).unwrap_or(&[]).to_vec())?;
    new_tuple(vm, vec![copy])
}

static TUPLE_METHODS: [MethodDef; 4] = [
    crate::class_getitem_def!("tuple"),
    MethodDef {
        name: "count",
        func: m_count,
        flags: 0,
    },
    MethodDef {
        name: "index",
        func: m_index,
        flags: 0,
    },
    MethodDef {
        name: "__getnewargs__",
        func: m_getnewargs,
        flags: 0,
    },
];

fn tuple_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

/// `tuple`.
pub static TUPLE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "tuple",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &TUPLE_VTABLE,
    slots: Slots {
        repr: Some(tuple_repr),
        hash: Some(tuple_hash),
        richcompare: Some(tuple_richcompare),
        len: Some(tuple_len),
        getitem: Some(tuple_getitem),
        contains: Some(tuple_contains),
        iter: Some(tuple_iter),
        new: Some(tuple_new),
        number: crate::object::NumberSlots {
            add: Some(tuple_add),
            multiply: Some(tuple_mul),
            ..crate::object::NumberSlots::EMPTY
        },
        untrack_atomic: Some(crate::object::typeobj::AtomicUntrack::Immutable),
        ..Slots::EMPTY
    },
    methods: &TUPLE_METHODS,
    doc: "Built-in immutable sequence.",
};

fn tuple_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = crate::vm::args::new_positional(vm, ty, &TUPLE_TYPE, "tuple", args, kwnames)?;
    crate::vm::args::check_count(vm, "tuple", args, 0, 1)?;
    // `tuple(t)` of an exact tuple is `t` itself.
    if let Some(x) = args.first() {
        if std::ptr::eq(ty, &TUPLE_TYPE) && std::ptr::eq(x.ob_type(), &TUPLE_TYPE) {
            return Ok(x.clone());
        }
    }
    let items = match args.first() {
        None => Vec::new(),
        Some(x) => ops::collect_iterable(vm, x)?,
    };
    new_var_object(ty, TupleObject, items).or_mem(vm)
}
