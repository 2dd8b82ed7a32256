//! The iterator types behind builtins: `enumerate`, `zip`, `map`, `filter`, `reversed` (over
//! any sequence) and `callable_iterator` (`iter(f, sentinel)`), as CPython's
//! `Objects/enumobject.c` and `Python/bltinmodule.c` define them.
//!
//! Each holds its inputs in [`ObjCell`]s, so `clear` can break cycles, and drops them once
//! exhausted, as CPython's do.

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, iter, none, tuple};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn cells_traverse(cells: &[&ObjCell], visit: &mut crate::object::Visitor<'_>) {
    for c in cells {
        c.traverse(visit);
    }
}

fn cells_clear(cells: &[&ObjCell]) -> Vec<ObjRef> {
    cells.iter().filter_map(|c| c.replace(None)).collect()
}

macro_rules! iterator_type {
    ($name:ident, $text:literal, $vtable:expr, $next:expr, $new:expr, $doc:literal) => {
        iterator_type!($name, $text, $vtable, $next, $new, $doc, &[]);
    };
    ($name:ident, $text:literal, $vtable:expr, $next:expr, $new:expr, $doc:literal, $methods:expr) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &[],
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&OBJECT_TYPE),
            flags: crate::object::typeobj::tpflags::BASETYPE,
            payload: $vtable,
            slots: Slots {
                iter: Some(self_iter),
                next: Some($next),
                new: $new,
                ..Slots::EMPTY
            },
            methods: $methods,
            doc: $doc,
        };
    };
}

// ----- enumerate -----

/// Payload of `enumerate`: the iterator and the next count.
pub struct Enumerate {
    iter: ObjCell,
    count: ObjCell,
}

impl PyPayload for Enumerate {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.iter, &self.count])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`iter`, `count`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for Enumerate {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        cells_traverse(&[&self.iter, &self.count], visit)
    }
}

static ENUMERATE_VTABLE: PayloadVTable = PayloadVTable::of::<Enumerate>();

fn enumerate_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    if pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "enumerate() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let (mut iterable, mut start) = (pos.first(), pos.get(1));
    for (k, v) in kw {
        match k {
            "iterable" if iterable.is_none() => iterable = Some(v),
            "start" if start.is_none() => start = Some(v),
            _ => {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for enumerate()"
                )))
            }
        }
    }
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match start {
        Some(s) if int::is_int(s) => s.clone(),
        Some(s) => match s.ob_type().slots.number.index {
            Some(f) => f(vm, s)?,
            None => {
                return Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    s.ob_type().name()
                )))
            }
        },
        None => int::new_int(vm, 0)?,
    };
    // An exact int, as CPython's `PyNumber_Index` gives (`True` counts from 1, a subclass's
    // value is copied).
    let count = if std::ptr::eq(count.ob_type(), &int::INT_TYPE) {
        count
    } else {
        match int::as_bigint(&count) {
            Some(b) => int::new_bigint(vm, &b)?,
            None => count,
        }
    };
    let it = ops::iter(vm, iterable)?;
    new_object(
        ty,
        Enumerate {
            iter: ObjCell::new(Some(it)),
            count: ObjCell::new(Some(count)),
        },
    )
    .or_mem(vm)
}

fn enumerate_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(e) = obj.downcast::<Enumerate>() else {
        return Ok(None);
    };
    let (Some(it), Some(count)) = (e.iter.get(), e.count.get()) else {
        return Ok(None);
    };
    // A list or tuple iterator steps without the protocol; others through it.
    let step = match crate::objects::iter::next_list_or_tuple(&it) {
        Some(step) => step,
        None => ops::next(vm, &it)?,
    };
    let Some(item) = step else {
        return Ok(None);
    };
    let next = match crate::vm::fast_ops::exact_int(&count).and_then(|c| c.checked_add(1)) {
        Some(n) => int::new_int(vm, n)?,
        None => {
            let one = int::new_int(vm, 1)?;
            ops::binary_op(vm, &count, &one, crate::object::BinaryOp::Add, false)?
        }
    };
    drop(e.count.replace(Some(next)));
    Ok(Some(tuple::new_tuple_array(vm, [count, item])?))
}

/// The type object of `this` (a subclass instance names its class, as CPython's `Py_TYPE`).
fn type_of(this: &ObjRef) -> ObjRef {
    ObjRef::from_type_ref(this.ob_type())
}

const fn reduce_method(name: &'static str, func: crate::object::typeobj::MethodFn) -> MethodDef {
    MethodDef {
        name,
        func,
        flags: 0,
    }
}

/// `enumerate.__reduce__()`: `(type, (iterator, count))`.
fn enumerate_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let e = this
        .downcast::<Enumerate>()
        .ok_or_else(|| vm.type_error("expected enumerate"))?;
    let items: Vec<ObjRef> = [e.iter.get(), e.count.get()]
        .into_iter()
        .flatten()
        .collect();
    iter::reduce_value(vm, type_of(this), items, None)
}

static ENUMERATE_METHODS: [MethodDef; 2] = [
    reduce_method("__reduce__", enumerate_reduce),
    crate::class_getitem_def!("enumerate"),
];

iterator_type!(
    ENUMERATE_TYPE,
    "enumerate",
    &ENUMERATE_VTABLE,
    enumerate_next,
    Some(enumerate_new),
    "Return an enumerate object.",
    &ENUMERATE_METHODS
);

// ----- zip -----

/// Payload of `zip`: a tuple of iterators.
pub struct Zip {
    iters: ObjCell,
    strict: Cell<bool>,
}

impl PyPayload for Zip {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.iters])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`iters`), each once, and does nothing else.
unsafe impl crate::object::Traverse for Zip {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.iters.traverse(visit)
    }
}

static ZIP_VTABLE: PayloadVTable = PayloadVTable::of::<Zip>();

fn iter_tuple(vm: &Vm, iterables: &[ObjRef]) -> PyResult<ObjRef> {
    let iters: PyResult<Vec<ObjRef>> = iterables.iter().map(|x| ops::iter(vm, x)).collect();
    tuple::new_tuple(vm, iters?)
}

fn zip_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let mut strict = false;
    for (k, v) in kw {
        match k {
            "strict" => strict = ops::truthy(vm, v)?,
            _ => {
                return Err(
                    vm.type_error(&format!("'{k}' is an invalid keyword argument for zip()"))
                )
            }
        }
    }
    let iters = iter_tuple(vm, pos)?;
    new_object(
        ty,
        Zip {
            iters: ObjCell::new(Some(iters)),
            strict: Cell::new(strict),
        },
    )
    .or_mem(vm)
}

fn zip_mismatch(vm: &Vm, i: usize, what: &str) -> crate::vm::PyErr {
    let plural = if i == 1 {
        " ".to_string()
    } else {
        "s 1-".to_string()
    };
    vm.value_error(&format!(
        "zip() argument {} is {what} than argument{plural}{i}",
        i + 1
    ))
}

fn zip_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(z) = obj.downcast::<Zip>() else {
        return Ok(None);
    };
    let Some(iters) = z.iters.get() else {
        return Ok(None);
    };
    let its = tuple::items(&iters).unwrap_or(&[]);
    if its.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(its.len());
    for (i, it) in its.iter().enumerate() {
        match ops::next(vm, it)? {
            Some(x) => out.push(x),
            None => {
                if !z.strict.get() {
                    return Ok(None);
                }
                if i > 0 {
                    return Err(zip_mismatch(vm, i, "shorter"));
                }
                for (j, other) in its.iter().enumerate().skip(1) {
                    if ops::next(vm, other)?.is_some() {
                        return Err(zip_mismatch(vm, j, "longer"));
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(tuple::new_tuple(vm, out)?))
}

/// `zip.__reduce__()`: `(type, iterators)`, plus `True` as the state when strict.
fn zip_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let z = this
        .downcast::<Zip>()
        .ok_or_else(|| vm.type_error("expected zip"))?;
    let iters = match z.iters.get() {
        Some(t) => t,
        None => tuple::new_tuple(vm, Vec::new())?,
    };
    let mut out = vec![type_of(this), iters];
    if z.strict.get() {
        out.push(crate::objects::boolobj::new_bool(true));
    }
    tuple::new_tuple(vm, out)
}

/// `zip.__setstate__(strict)`: the truth of the state.
fn zip_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let state = iter::setstate_arg(vm, this, args, kw)?;
    let strict = ops::truthy(vm, &state)?;
    if let Some(z) = this.downcast::<Zip>() {
        z.strict.set(strict);
    }
    Ok(none::none())
}

static ZIP_METHODS: [MethodDef; 2] = [
    reduce_method("__reduce__", zip_reduce),
    reduce_method("__setstate__", zip_setstate),
];

iterator_type!(
    ZIP_TYPE,
    "zip",
    &ZIP_VTABLE,
    zip_next,
    Some(zip_new),
    "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
    &ZIP_METHODS
);

// ----- map -----

/// Payload of `map`: the function and a tuple of iterators.
pub struct Map {
    func: ObjCell,
    iters: ObjCell,
}

impl PyPayload for Map {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.func, &self.iters])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `iters`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for Map {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        cells_traverse(&[&self.func, &self.iters], visit)
    }
}

static MAP_VTABLE: PayloadVTable = PayloadVTable::of::<Map>();

fn map_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = crate::vm::args::new_positional(vm, ty, &MAP_TYPE, "map", args, kwnames)?;
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let iters = iter_tuple(vm, &args[1..])?;
    let m = Map {
        func: ObjCell::new(Some(args[0].clone())),
        iters: ObjCell::new(Some(iters)),
    };
    new_object(ty, m).or_mem(vm)
}

fn map_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(m) = obj.downcast::<Map>() else {
        return Ok(None);
    };
    let (Some(func), Some(iters)) = (m.func.get(), m.iters.get()) else {
        return Ok(None);
    };
    let mut args = Vec::new();
    for it in tuple::items(&iters).unwrap_or(&[]) {
        match ops::next(vm, it)? {
            Some(x) => args.push(x),
            None => return Ok(None),
        }
    }
    Ok(Some(ops::call(vm, &func, &args, None)?))
}

/// `map.__reduce__()`: `(type, (func, *iterators))`.
fn map_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let m = this
        .downcast::<Map>()
        .ok_or_else(|| vm.type_error("expected map"))?;
    let mut items: Vec<ObjRef> = m.func.get().into_iter().collect();
    if let Some(t) = m.iters.get() {
        items.extend(tuple::items(&t).unwrap_or(&[]).iter().cloned());
    }
    iter::reduce_value(vm, type_of(this), items, None)
}

static MAP_METHODS: [MethodDef; 1] = [reduce_method("__reduce__", map_reduce)];

iterator_type!(
    MAP_TYPE,
    "map",
    &MAP_VTABLE,
    map_next,
    Some(map_new),
    "map(func, *iterables) --> map object",
    &MAP_METHODS
);

// ----- filter -----

/// Payload of `filter`: the predicate (`None`: truthiness) and the iterator.
pub struct Filter {
    func: ObjCell,
    iter: ObjCell,
}

impl PyPayload for Filter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.func, &self.iter])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `iter`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for Filter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        cells_traverse(&[&self.func, &self.iter], visit)
    }
}

static FILTER_VTABLE: PayloadVTable = PayloadVTable::of::<Filter>();

fn filter_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = crate::vm::args::new_positional(vm, ty, &FILTER_TYPE, "filter", args, kwnames)?;
    let [func, iterable] = args else {
        return Err(vm.type_error(&format!("filter expected 2 arguments, got {}", args.len())));
    };
    let it = ops::iter(vm, iterable)?;
    let f = Filter {
        func: ObjCell::new(Some(func.clone())),
        iter: ObjCell::new(Some(it)),
    };
    new_object(ty, f).or_mem(vm)
}

fn filter_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(f) = obj.downcast::<Filter>() else {
        return Ok(None);
    };
    let (Some(func), Some(it)) = (f.func.get(), f.iter.get()) else {
        return Ok(None);
    };
    while let Some(x) = ops::next(vm, &it)? {
        let keep = if none::is_none(&func)
            || std::ptr::eq(
                func.as_type().unwrap_or(&OBJECT_TYPE),
                &crate::objects::boolobj::BOOL_TYPE,
            ) {
            ops::truthy(vm, &x)?
        } else {
            let r = ops::call(vm, &func, std::slice::from_ref(&x), None)?;
            ops::truthy(vm, &r)?
        };
        if keep {
            return Ok(Some(x));
        }
    }
    Ok(None)
}

/// `filter.__reduce__()`: `(type, (func, iterator))`.
fn filter_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let f = this
        .downcast::<Filter>()
        .ok_or_else(|| vm.type_error("expected filter"))?;
    let items: Vec<ObjRef> = [f.func.get(), f.iter.get()].into_iter().flatten().collect();
    iter::reduce_value(vm, type_of(this), items, None)
}

static FILTER_METHODS: [MethodDef; 1] = [reduce_method("__reduce__", filter_reduce)];

iterator_type!(
    FILTER_TYPE,
    "filter",
    &FILTER_VTABLE,
    filter_next,
    Some(filter_new),
    "filter(function or None, iterable) --> filter object",
    &FILTER_METHODS
);

// ----- reversed -----

/// Payload of `reversed` over a sequence: walks indexes down from `len - 1` with `__getitem__`.
pub struct Reversed {
    seq: ObjCell,
    /// The next index, or -1 when exhausted.
    index: Cell<i64>,
}

impl PyPayload for Reversed {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.seq])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`seq`), each once, and does nothing else.
unsafe impl crate::object::Traverse for Reversed {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.seq.traverse(visit)
    }
}

static REVERSED_VTABLE: PayloadVTable = PayloadVTable::of::<Reversed>();

/// `reversed(seq)`: the type's `__reversed__` if it has one, else the sequence protocol.
pub fn reversed(vm: &Vm, seq: &ObjRef) -> PyResult<ObjRef> {
    let t = seq.ob_type();
    let not_reversible = || vm.type_error(&format!("'{}' object is not reversible", t.name()));
    if t.is_heap_type() {
        // A class: its `__reversed__` (`None` opts out), else the sequence protocol.
        use crate::vm::attr::type_lookup;
        match type_lookup(vm, t, "__reversed__")? {
            Some(v) if crate::objects::none::is_none(&v) => return Err(not_reversible()),
            Some(_) => {
                return crate::vm::attr::call_special(vm, seq, "__reversed__", &[])?
                    .ok_or_else(not_reversible)
            }
            None => {}
        }
        let has = |name| type_lookup(vm, t, name).map(|f| f.is_some());
        if !has("__getitem__")? || !has("__len__")? || crate::objects::dict::table(seq).is_some() {
            return Err(not_reversible());
        }
    } else if let Some(def) = t.find_method("__reversed__") {
        return (def.func)(vm, seq, &[], None);
    }
    let is_sequence = t.slots.getitem.is_some()
        && t.slots.len.is_some()
        && crate::objects::dict::table(seq).is_none();
    let Some(len) = t.slots.len.filter(|_| is_sequence) else {
        return Err(vm.type_error(&format!("'{}' object is not reversible", t.name())));
    };
    let n = len(vm, seq)? as i64;
    let r = Reversed {
        seq: ObjCell::new(Some(seq.clone())),
        index: Cell::new(n - 1),
    };
    new_object(&REVERSED_TYPE, r).or_mem(vm)
}

fn reversed_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "reversed", kwnames)?;
    let [seq] = args else {
        return Err(vm.type_error(&format!("reversed expected 1 argument, got {}", args.len())));
    };
    reversed(vm, seq)
}

fn reversed_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(r) = obj.downcast::<Reversed>() else {
        return Ok(None);
    };
    let Some(seq) = r.seq.get() else {
        return Ok(None);
    };
    let i = r.index.get();
    if i >= 0 {
        let key = int::new_int(vm, i)?;
        match ops::getitem(vm, &seq, &key) {
            Ok(x) => {
                r.index.set(i - 1);
                return Ok(Some(x));
            }
            Err(e)
                if e.matches(&crate::objects::exceptions::INDEX_ERROR)
                    || e.matches(&crate::objects::exceptions::STOP_ITERATION) => {}
            Err(e) => return Err(e),
        }
    }
    r.index.set(-1);
    drop(r.seq.replace(None));
    Ok(None)
}

fn reversed_length_hint(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "__length_hint__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let Some(r) = this.downcast::<Reversed>() else {
        return int::new_int(vm, 0);
    };
    let Some(seq) = r.seq.get() else {
        return int::new_int(vm, 0);
    };
    let len = match seq.ob_type().slots.len {
        Some(f) => f(vm, &seq)? as i64,
        None => 0,
    };
    let i = r.index.get();
    int::new_int(vm, if i >= 0 && i < len { i + 1 } else { 0 })
}

/// `reversed.__reduce__()`: `(type, (seq,), index)`, or `(type, ((),))` once exhausted.
fn reversed_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let r = this
        .downcast::<Reversed>()
        .ok_or_else(|| vm.type_error("expected reversed"))?;
    match r.seq.get() {
        Some(seq) => {
            let pos = int::new_int(vm, r.index.get())?;
            iter::reduce_value(vm, type_of(this), vec![seq], Some(pos))
        }
        None => iter::reduce_value(
            vm,
            type_of(this),
            vec![tuple::new_tuple(vm, Vec::new())?],
            None,
        ),
    }
}

/// `reversed.__setstate__(index)`: clamped to `-1..=len(seq) - 1`.
fn reversed_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let state = iter::setstate_arg(vm, this, args, kw)?;
    let n = iter::state_index(vm, &state)?;
    if let Some(r) = this.downcast::<Reversed>() {
        if let Some(seq) = r.seq.get() {
            let len = crate::vm::eval_match::length(vm, &seq)? as i64;
            r.index.set(n.clamp(-1, len - 1));
        }
    }
    Ok(none::none())
}

static REVERSED_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "__length_hint__",
        func: reversed_length_hint,
        flags: 0,
    },
    reduce_method("__reduce__", reversed_reduce),
    reduce_method("__setstate__", reversed_setstate),
];

iterator_type!(
    REVERSED_TYPE,
    "reversed",
    &REVERSED_VTABLE,
    reversed_next,
    Some(reversed_new),
    "Return a reverse iterator over the values of the given sequence.",
    &REVERSED_METHODS
);

// ----- callable_iterator -----

/// Payload of `iter(callable, sentinel)`.
pub struct CallableIter {
    func: ObjCell,
    sentinel: ObjCell,
}

impl PyPayload for CallableIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        cells_clear(&[&self.func, &self.sentinel])
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `sentinel`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for CallableIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        cells_traverse(&[&self.func, &self.sentinel], visit)
    }
}

static CALLABLE_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<CallableIter>();

/// `iter(callable, sentinel)`: calls `callable()` until it returns `sentinel`.
pub fn new_callable_iter(vm: &Vm, func: &ObjRef, sentinel: &ObjRef) -> PyResult<ObjRef> {
    if func.ob_type().slots.call.is_none() {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    let it = CallableIter {
        func: ObjCell::new(Some(func.clone())),
        sentinel: ObjCell::new(Some(sentinel.clone())),
    };
    new_object(&CALLABLE_ITER_TYPE, it).or_mem(vm)
}

fn callable_iter_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(c) = obj.downcast::<CallableIter>() else {
        return Ok(None);
    };
    let (Some(func), Some(sentinel)) = (c.func.get(), c.sentinel.get()) else {
        return Ok(None);
    };
    let v = match ops::call(vm, &func, &[], None) {
        Ok(v) => v,
        Err(e) if e.matches(&crate::objects::exceptions::STOP_ITERATION) => {
            drop(cells_clear(&[&c.func, &c.sentinel]));
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if ops::eq(vm, &v, &sentinel)? {
        drop(cells_clear(&[&c.func, &c.sentinel]));
        return Ok(None);
    }
    Ok(Some(v))
}

/// `callable_iterator.__reduce__()`: `(iter, (callable, sentinel))`, or `(iter, ((),))` once
/// exhausted.
fn callable_iter_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    iter::reduce_args(vm, this, args, kw)?;
    let c = this
        .downcast::<CallableIter>()
        .ok_or_else(|| vm.type_error("expected callable_iterator"))?;
    let items = match (c.func.get(), c.sentinel.get()) {
        (Some(f), Some(s)) => vec![f, s],
        _ => vec![tuple::new_tuple(vm, Vec::new())?],
    };
    iter::reduce_value(vm, iter::builtin_iter(vm)?, items, None)
}

static CALLABLE_ITER_METHODS: [MethodDef; 1] = [reduce_method("__reduce__", callable_iter_reduce)];

iterator_type!(
    CALLABLE_ITER_TYPE,
    "callable_iterator",
    &CALLABLE_ITER_VTABLE,
    callable_iter_next,
    None,
    "",
    &CALLABLE_ITER_METHODS
);

/// `range.__reversed__`: a range iterator from the last value down (the `reversed` object when
/// the reversed bounds do not fit a machine word).
pub(crate) fn range_reversed(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__reversed__", kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "__reversed__() takes no arguments ({} given)",
            args.len()
        )));
    }
    let r = this
        .downcast::<crate::objects::range::RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    if r.big.is_some() || r.len() > isize::MAX as usize {
        return crate::objects::range_big::reversed(vm, &crate::objects::range_big::bounds(r));
    }
    let n = r.len() as i128;
    let (start, step) = (r.start as i128, r.step as i128);
    let last = start + (n - 1).max(0) * step;
    let stop = if n == 0 { start } else { start - step };
    match (
        i64::try_from(last),
        i64::try_from(stop),
        i64::try_from(-step),
    ) {
        (Ok(a), Ok(b), Ok(c)) => {
            let rev = crate::objects::range::new_range(vm, if n == 0 { r.start } else { a }, b, c)?;
            crate::objects::iter::new_range_iter(vm, &rev)
        }
        _ => {
            let rv = Reversed {
                seq: ObjCell::new(Some(this.clone())),
                index: Cell::new(n as i64 - 1),
            };
            new_object(&REVERSED_TYPE, rv).or_mem(vm)
        }
    }
}
