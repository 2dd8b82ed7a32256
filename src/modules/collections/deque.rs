//! `collections.deque`: the payload, the slots (indexing, comparison, `+`, `*`, repr) and the
//! type object. The named methods are in [`super::deque_methods`], the iterators in
//! [`super::deque_iter`].
//!
//! `state` counts structural changes (CPython's `deque->state`): iterators and the searching
//! methods compare it before and after running Python code, and raise "deque mutated during
//! iteration" when it moved.

use super::deque_methods as m;
use super::store::DequeStore;
use crate::object::CompareOp;
use crate::object::{
    new_object, GetSetDef, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a deque.
pub struct DequeObject {
    /// The items.
    pub items: DequeStore,
    /// The bound on the length (`None`: unbounded).
    pub maxlen: Cell<Option<usize>>,
    /// Structural change counter.
    pub state: Cell<u64>,
}

impl DequeObject {
    /// Records a structural change.
    pub fn bump(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }
}

impl PyPayload for DequeObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.bump();
        self.items.take_all()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (the items), each once, and does nothing else.
unsafe impl crate::object::Traverse for DequeObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.items.traverse(visit)
    }
}

static DEQUE_VTABLE: PayloadVTable = PayloadVTable::of::<DequeObject>();

/// The payload of a deque, or `TypeError`.
pub fn deque<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a DequeObject> {
    obj.downcast::<DequeObject>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a 'collections.deque' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// A new empty deque of type `ty`.
pub fn new_deque(vm: &Vm, ty: &TypeObject, maxlen: Option<usize>) -> PyResult<ObjRef> {
    new_object(
        ty,
        DequeObject {
            items: DequeStore::default(),
            maxlen: Cell::new(maxlen),
            state: Cell::new(0),
        },
    )
    .or_mem(vm)
}

/// Parses a `maxlen` argument: `None` or a non-negative int.
pub fn maxlen_arg(vm: &Vm, v: Option<ObjRef>) -> PyResult<Option<usize>> {
    let Some(v) = v.filter(|v| !none::is_none(v)) else {
        return Ok(None);
    };
    let Some(i) = ops::index(vm, &v)? else {
        return Err(vm.type_error("an integer is required"));
    };
    match int::as_i64(&i) {
        Some(n) if n < 0 => Err(vm.value_error("maxlen must be non-negative")),
        Some(n) => Ok(Some(n as usize)),
        None if int::as_bigint(&i).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) => {
            Err(vm.value_error("maxlen must be non-negative"))
        }
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// `deque(iterable=(), maxlen=None)` / `deque.__init__`: (re)initializes `obj`.
pub fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [iterable, maxlen] = parse::<2>(
        vm,
        "deque",
        Sig::Kw {
            names: &["iterable", "maxlen"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let maxlen = maxlen_arg(vm, maxlen)?;
    let d = deque(vm, obj)?;
    d.maxlen.set(maxlen);
    if !d.items.is_empty() {
        d.bump();
        drop(d.items.take_all());
    }
    if let Some(it) = iterable {
        m::extend_with(vm, obj, &it, false)?;
    }
    Ok(none::none())
}

fn deque_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_deque(vm, ty, None)?;
    init(vm, &obj, args, kw)?;
    Ok(obj)
}

fn deque_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let d = deque(vm, obj)?;
    let name = short_type_name(obj);
    let Some(_guard) = ops::ReprGuard::enter(vm, obj) else {
        return pystr::new_str_vm(vm, "[...]");
    };
    let mut out = format!("{name}([");
    for (i, item) in d.items.snapshot().iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, item)?)?;
    }
    out.push(']');
    if let Some(n) = d.maxlen.get() {
        out.push_str(&format!(", maxlen={n}"));
    }
    out.push(')');
    pystr::new_str_vm(vm, &out)
}

/// The type's name without its module (CPython's `_PyType_Name`).
pub fn short_type_name(obj: &ObjRef) -> String {
    let name = obj.ob_type().name();
    name.rsplit('.').next().unwrap_or(name).to_string()
}

fn deque_len(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(deque(vm, obj)?.items.len())
}

/// The position `key` names in a deque of `len` items (CPython's `deque_item` checks).
fn position(vm: &Vm, key: &ObjRef, len: usize) -> PyResult<usize> {
    let Some(i) = ops::index(vm, key)? else {
        return Err(vm.type_error(&format!(
            "sequence index must be integer, not '{}'",
            key.ob_type().name()
        )));
    };
    let Some(i) = int::as_i64(&i) else {
        return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
    };
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i >= len as i64 {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(i as usize)
}

fn deque_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let d = deque(vm, obj)?;
    let i = position(vm, key, d.items.len())?;
    d.items
        .get(i)
        .ok_or_else(|| vm.index_error("deque index out of range"))
}

fn deque_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let d = deque(vm, obj)?;
    let i = position(vm, key, d.items.len())?;
    match value {
        Some(v) => match d.items.set(i, v.clone()) {
            Ok(old) => drop(old),
            Err(_) => return Err(vm.index_error("deque index out of range")),
        },
        None => m::delete_at(vm, d, i)?,
    }
    Ok(())
}

fn deque_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let d = deque(vm, obj)?;
    let start = d.state.get();
    let mut i = 0;
    while let Some(x) = d.items.get(i) {
        let found = x.is(item) || ops::eq(vm, &x, item)?;
        if d.state.get() != start {
            return Err(mutated(vm));
        }
        if found {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// "deque mutated during iteration".
pub fn mutated(vm: &Vm) -> crate::vm::PyErr {
    vm.new_error(
        &crate::objects::exceptions::RUNTIME_ERROR,
        "deque mutated during iteration",
    )
}

fn deque_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (a.downcast::<DequeObject>(), b.downcast::<DequeObject>()) else {
        return Ok(not_implemented());
    };
    if op == CompareOp::AlmostEq {
        return Ok(not_implemented());
    }
    if x.items.len() != y.items.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(boolobj::new_bool(op == CompareOp::Ne));
    }
    ops::compare_sequences(vm, &x.items.snapshot(), &y.items.snapshot(), op)
}

fn deque_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(_) = a.downcast::<DequeObject>() else {
        return Ok(not_implemented());
    };
    if b.downcast::<DequeObject>().is_none() {
        return Err(vm.type_error(&format!(
            "can only concatenate deque (not \"{}\") to deque",
            b.ob_type().name()
        )));
    }
    let new = m::copy_of(vm, a)?;
    m::extend_with(vm, &new, b, false)?;
    Ok(new)
}

fn deque_iadd(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    m::extend_with(vm, a, b, false)?;
    Ok(a.clone())
}

/// `d * n` as the items it would hold (at most `maxlen`, the rightmost ones).
fn repeated(vm: &Vm, d: &DequeObject, n: &ObjRef) -> PyResult<Option<Vec<ObjRef>>> {
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(None);
    };
    let items = d.items.snapshot();
    let total = items.len().checked_mul(n);
    let keep = match (d.maxlen.get(), total) {
        (Some(m), Some(t)) => m.min(t),
        (Some(m), None) => m,
        (None, Some(t)) => t,
        (None, None) => return Err(vm.memory_error_err()),
    };
    if items.is_empty() || keep == 0 {
        return Ok(Some(Vec::new()));
    }
    // The last `keep` items of the repetition.
    let mut out = crate::vm::storage::vec_with_capacity(vm, keep)?;
    let len = items.len();
    let skip = match total {
        Some(t) => t - keep,
        None => (len - keep % len) % len,
    };
    for k in 0..keep {
        out.push(items[(skip + k) % len].clone());
    }
    Ok(Some(out))
}

fn deque_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (obj, n) = match (a.downcast::<DequeObject>(), b.downcast::<DequeObject>()) {
        (Some(_), _) => (a, b),
        (None, Some(_)) => (b, a),
        _ => return Ok(not_implemented()),
    };
    let d = deque(vm, obj)?;
    let Some(items) = repeated(vm, d, n)? else {
        return Ok(not_implemented());
    };
    let new = m::copy_of(vm, obj)?;
    let nd = deque(vm, &new)?;
    drop(nd.items.replace_all(vm, items)?);
    Ok(new)
}

fn deque_imul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let d = deque(vm, a)?;
    let Some(items) = repeated(vm, d, b)? else {
        return Ok(not_implemented());
    };
    d.bump();
    drop(d.items.replace_all(vm, items)?);
    Ok(a.clone())
}

fn deque_bool(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(!deque(vm, obj)?.items.is_empty())
}

fn get_maxlen(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(match deque(vm, obj)?.maxlen.get() {
        Some(n) => int::new_int(vm, n as i64)?,
        None => none::none(),
    }))
}

static DEQUE_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "maxlen",
    get: get_maxlen,
    set: None,
}];

const fn method(name: &'static str, func: crate::object::typeobj::MethodFn) -> MethodDef {
    MethodDef {
        name,
        func,
        flags: 0,
    }
}

static DEQUE_METHODS: [MethodDef; 20] = [
    crate::class_getitem_def!("collections.deque"),
    method("__init__", init),
    method("append", m::append),
    method("appendleft", m::appendleft),
    method("pop", m::pop),
    method("popleft", m::popleft),
    method("extend", m::extend),
    method("extendleft", m::extendleft),
    method("clear", m::clear),
    method("copy", m::copy),
    method("__copy__", m::copy),
    method("count", m::count),
    method("index", m::index),
    method("insert", m::insert),
    method("remove", m::remove),
    method("reverse", m::reverse),
    method("rotate", m::rotate),
    method("__reversed__", super::deque_iter::reversed),
    method("__reduce__", m::reduce),
    method("__sizeof__", m::sizeof),
];

/// `collections.deque`.
pub static DEQUE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &DEQUE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "collections.deque",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &DEQUE_VTABLE,
    slots: Slots {
        repr: Some(deque_repr),
        richcompare: Some(deque_richcompare),
        number: NumberSlots {
            add: Some(deque_add),
            multiply: Some(deque_mul),
            inplace_add: Some(deque_iadd),
            inplace_multiply: Some(deque_imul),
            bool: Some(deque_bool),
            ..NumberSlots::EMPTY
        },
        len: Some(deque_len),
        getitem: Some(deque_getitem),
        setitem: Some(deque_setitem),
        contains: Some(deque_contains),
        iter: Some(super::deque_iter::iter),
        new: Some(deque_new),
        ..Slots::EMPTY
    },
    methods: &DEQUE_METHODS,
    doc: "A list-like sequence optimized for data accesses near its endpoints.",
};
