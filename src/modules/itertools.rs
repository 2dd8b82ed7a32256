//! The `itertools` module: lazy iterator types, as CPython's `Modules/itertoolsmodule.c`
//! defines them.
//!
//! Every type shares one payload, [`IterState`]: up to four references in [`ObjCell`]s, a
//! pool of references in an [`ObjVec`], index arrays in heap storage and a few counters.
//! Each type documents which fields it uses. Inputs are dropped once an iterator is exhausted.
//! This file holds the simple types; [`super::itertools_more`] has `islice`, `groupby`, `tee`
//! and `zip_longest`, [`super::itertools_comb`] the combinatoric ones.

use super::itertools_pickle as P;
use crate::object::BinaryOp;
use crate::object::{
    new_object, HeapAlloc, MethodDef, ObjCell, ObjHeader, ObjRef, ObjVec, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use allocator_api2::vec::Vec as HVec;
use std::cell::{Cell, RefCell};

/// The payload of every itertools iterator.
pub struct IterState {
    /// First reference (usually the source iterator).
    pub a: ObjCell,
    /// Second reference (a function, a step, ...).
    pub b: ObjCell,
    /// Third reference.
    pub c: ObjCell,
    /// Fourth reference.
    pub d: ObjCell,
    /// Saved items (`cycle`'s copy, the combinatoric pools).
    pub pool: ObjVec,
    /// Index arrays (combinatoric indices, `permutations`' cycles).
    pub idx: RefCell<HVec<usize, HeapAlloc>>,
    /// Second index array.
    pub idx2: RefCell<HVec<usize, HeapAlloc>>,
    /// Counter.
    pub n: Cell<i64>,
    /// Counter.
    pub m: Cell<i64>,
    /// Counter.
    pub k: Cell<i64>,
    /// State bits (first call done, exhausted, ...).
    pub flag: Cell<u8>,
}

impl IterState {
    /// An empty state holding `a` and `b`.
    pub fn new(a: Option<ObjRef>, b: Option<ObjRef>) -> IterState {
        IterState {
            a: ObjCell::new(a),
            b: ObjCell::new(b),
            c: ObjCell::new(None),
            d: ObjCell::new(None),
            pool: ObjVec::new(),
            idx: RefCell::new(HVec::new_in(HeapAlloc)),
            idx2: RefCell::new(HVec::new_in(HeapAlloc)),
            n: Cell::new(0),
            m: Cell::new(0),
            k: Cell::new(0),
            flag: Cell::new(0),
        }
    }
}

impl PyPayload for IterState {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = [&self.a, &self.b, &self.c, &self.d]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect();
        out.extend(self.pool.take_all());
        out
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`a`, `b`, `c`, `d`, `pool`), each once, and
// does nothing else.
unsafe impl crate::object::Traverse for IterState {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in [&self.a, &self.b, &self.c, &self.d] {
            c.traverse(visit);
        }
        self.pool.traverse(visit);
    }
}

/// The vtable of [`IterState`].
pub static ITER_STATE_VTABLE: PayloadVTable = PayloadVTable::of::<IterState>();

/// Allocates an iterator of type `ty`.
pub fn new_iter(vm: &Vm, ty: &TypeObject, st: IterState) -> PyResult<ObjRef> {
    new_object(ty, st).or_mem(vm)
}

/// The state of an itertools iterator.
pub fn state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a IterState> {
    obj.downcast::<IterState>()
        .ok_or_else(|| vm.type_error("expected an itertools iterator"))
}

/// `iter(x)` returns `x`.
pub fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

/// Defines an itertools iterator type.
macro_rules! itertools_type {
    ($name:ident, $text:literal, $next:expr, $new:expr, $repr:expr, $methods:expr, $doc:literal) => {
        #[doc = concat!("`itertools.", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &[],
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: concat!("itertools.", $text),
            base: Some(&OBJECT_TYPE),
            flags: crate::object::typeobj::tpflags::BASETYPE,
            payload: &$crate::modules::itertools::ITER_STATE_VTABLE,
            slots: Slots {
                iter: Some($crate::modules::itertools::self_iter),
                next: Some($next),
                new: Some($new),
                repr: $repr,
                ..Slots::EMPTY
            },
            methods: $methods,
            doc: $doc,
        };
    };
}
pub(crate) use itertools_type;

/// The positional arguments of a constructor of type `ty`, checked as CPython's
/// `_PyArg_CheckPositional`; keywords are refused unless a subclass's `__init__` takes them.
pub fn positional<'a>(
    vm: &Vm,
    ty: &TypeObject,
    name: &str,
    args: &'a [ObjRef],
    kw: Option<&'a ObjRef>,
    min: usize,
    max: usize,
) -> PyResult<&'a [ObjRef]> {
    let args = crate::vm::args::new_positional(vm, ty, &OBJECT_TYPE, name, args, kw)?;
    if min == max && args.len() != min {
        return Err(vm.type_error(&format!(
            "{name} expected {min} argument{}, got {}",
            if min == 1 { "" } else { "s" },
            args.len()
        )));
    }
    crate::vm::args::check_count(vm, name, args, min, max)?;
    Ok(args)
}

/// The name of `obj`'s type without its module (CPython's `_PyType_Name`), for reprs.
pub fn short_name(obj: &ObjRef) -> String {
    let name = obj.ob_type().name();
    name.rsplit('.').next().unwrap_or(name).to_string()
}

fn add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    ops::binary_op(vm, a, b, BinaryOp::Add, false)
}

// ----- count: a = current value, b = step -----

fn count_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [start, step] = parse::<2>(
        vm,
        "count",
        Sig::Kw {
            names: &["start", "step"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let start = start.map_or_else(|| int::new_int(vm, 0), Ok)?;
    let step = step.map_or_else(|| int::new_int(vm, 1), Ok)?;
    for v in [&start, &step] {
        let n = &v.ob_type().slots.number;
        let complex = v.is_instance(&crate::objects::complex::COMPLEX_TYPE);
        if n.float.is_none() && n.index.is_none() && n.int.is_none() && !complex {
            return Err(vm.type_error("a number is required"));
        }
    }
    new_iter(vm, ty, IterState::new(Some(start), Some(step)))
}

fn count_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(cur), Some(step)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    let next = add(vm, &cur, &step)?;
    drop(st.a.replace(Some(next)));
    Ok(Some(cur))
}

fn count_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    let cur = st.a.get().unwrap_or_else(none::none);
    let step = st.b.get().unwrap_or_else(none::none);
    let name = short_name(obj);
    let text = if int::is_int(&step) && int::as_i64(&step) == Some(1) {
        format!("{name}({})", ops::repr_string(vm, &cur)?)
    } else {
        format!(
            "{name}({}, {})",
            ops::repr_string(vm, &cur)?,
            ops::repr_string(vm, &step)?
        )
    };
    pystr::new_str_vm(vm, &text)
}

static COUNT_METHODS: [MethodDef; 1] = [P::method("__reduce__", P::count_reduce)];

itertools_type!(
    COUNT_TYPE,
    "count",
    count_next,
    count_new,
    Some(count_repr),
    &COUNT_METHODS,
    "Return a count object whose .__next__() method returns consecutive values."
);

// ----- cycle: a = source iterator (None once exhausted), pool = saved items, n = position of
// the next replayed item, flag bit `CYCLE_FIRSTPASS` = the input's items are saved already -----

fn cycle_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "cycle", args, kw, 1, 1)?;
    let it = ops::iter(vm, &args[0])?;
    new_iter(vm, ty, IterState::new(Some(it), None))
}

fn cycle_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    if let Some(it) = st.a.get() {
        if let Some(x) = ops::next(vm, &it)? {
            if st.flag.get() & P::CYCLE_FIRSTPASS == 0 {
                st.pool.push(x.clone()).map_err(|(e, _)| vm.alloc_err(e))?;
            }
            return Ok(Some(x));
        }
        drop(st.a.replace(None));
    }
    let len = st.pool.len();
    if len == 0 {
        return Ok(None);
    }
    let i = st.n.get().max(0) as usize % len;
    st.n.set(((i + 1) % len) as i64);
    Ok(st.pool.get(i))
}

static CYCLE_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::cycle_reduce),
    P::method("__setstate__", P::cycle_setstate),
];

itertools_type!(
    CYCLE_TYPE,
    "cycle",
    cycle_next,
    cycle_new,
    None,
    &CYCLE_METHODS,
    "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely."
);

// ----- repeat: a = object, n = times left (-1: forever) -----

fn repeat_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [obj, times] = parse::<2>(
        vm,
        "repeat",
        Sig::Kw {
            names: &["object", "times"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let st = IterState::new(obj, None);
    st.n.set(match times {
        Some(t) => crate::vm::argparse::index_arg(vm, &t)?.max(0),
        None => -1,
    });
    new_iter(vm, ty, st)
}

fn repeat_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    match st.n.get() {
        0 => Ok(None),
        n => {
            if n > 0 {
                st.n.set(n - 1);
            }
            Ok(st.a.get())
        }
    }
}

fn repeat_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    let o = ops::repr_string(vm, &st.a.get().unwrap_or_else(none::none))?;
    let name = short_name(obj);
    let text = match st.n.get() {
        n if n < 0 => format!("{name}({o})"),
        n => format!("{name}({o}, {n})"),
    };
    pystr::new_str_vm(vm, &text)
}

fn repeat_length_hint(
    vm: &Vm,
    this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let n = state(vm, this)?.n.get();
    if n < 0 {
        return Err(vm.type_error("len() of unsized object"));
    }
    int::new_int(vm, n)
}

static REPEAT_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__length_hint__",
        func: repeat_length_hint,
        flags: 0,
    },
    P::method("__reduce__", P::repeat_reduce),
];

itertools_type!(
    REPEAT_TYPE,
    "repeat",
    repeat_next,
    repeat_new,
    Some(repeat_repr),
    &REPEAT_METHODS,
    "repeat(object [,times]) -> create an iterator which returns the object for the specified number of times."
);

// ----- accumulate: a = iterator, b = func, c = total, d = initial (until emitted) -----

fn accumulate_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let npos = args.len() - kw.and_then(tuple::items).map_or(0, <[ObjRef]>::len);
    if npos > 2 {
        return Err(vm.type_error(&format!(
            "accumulate() takes at most 2 positional arguments ({npos} given)"
        )));
    }
    let [iterable, func, initial] = parse::<3>(
        vm,
        "accumulate",
        Sig::Kw {
            names: &["iterable", "func", "initial"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let it = ops::iter(
        vm,
        &iterable.ok_or_else(|| vm.type_error("missing iterable"))?,
    )?;
    let st = IterState::new(Some(it), func.filter(|f| !none::is_none(f)));
    drop(st.d.replace(initial.filter(|i| !none::is_none(i))));
    new_iter(vm, ty, st)
}

fn accumulate_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    if let Some(init) = st.d.replace(None) {
        drop(st.c.replace(Some(init.clone())));
        return Ok(Some(init));
    }
    let Some(it) = st.a.get() else {
        return Ok(None);
    };
    let Some(x) = ops::next(vm, &it)? else {
        drop(st.a.replace(None));
        return Ok(None);
    };
    let total = match st.c.get() {
        None => x,
        Some(t) => match st.b.get() {
            Some(f) => ops::call(vm, &f, &[t, x], None)?,
            None => add(vm, &t, &x)?,
        },
    };
    drop(st.c.replace(Some(total.clone())));
    Ok(Some(total))
}

static ACCUMULATE_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::accumulate_reduce),
    P::method("__setstate__", P::accumulate_setstate),
];

itertools_type!(
    ACCUMULATE_TYPE,
    "accumulate",
    accumulate_next,
    accumulate_new,
    None,
    &ACCUMULATE_METHODS,
    "Return series of accumulated sums (or other binary function results)."
);

// ----- chain: a = iterator over the iterables, b = current iterator -----

fn chain_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = crate::vm::args::new_positional(vm, ty, &OBJECT_TYPE, "chain", args, kw)?;
    let sources = ops::iter(vm, &tuple::new_tuple(vm, args.to_vec())?)?;
    new_iter(vm, ty, IterState::new(Some(sources), None))
}

fn chain_from_iterable(
    vm: &Vm,
    cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [it] = parse::<1>(vm, "chain.from_iterable", Sig::One, args, kw)?;
    let sources = ops::iter(vm, &it.ok_or_else(|| vm.type_error("missing argument"))?)?;
    let ty = cls.as_type().unwrap_or(&CHAIN_TYPE);
    new_iter(vm, ty, IterState::new(Some(sources), None))
}

fn chain_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    loop {
        if let Some(cur) = st.b.get() {
            if let Some(x) = ops::next(vm, &cur)? {
                return Ok(Some(x));
            }
            drop(st.b.replace(None));
        }
        let Some(sources) = st.a.get() else {
            return Ok(None);
        };
        match ops::next(vm, &sources)? {
            Some(src) => {
                let it = ops::iter(vm, &src)?;
                drop(st.b.replace(Some(it)));
            }
            None => {
                drop(st.a.replace(None));
                return Ok(None);
            }
        }
    }
}

static CHAIN_METHODS: [MethodDef; 4] = [
    P::method("__reduce__", P::chain_reduce),
    P::method("__setstate__", P::chain_setstate),
    crate::class_getitem_def!("chain"),
    MethodDef {
        name: "from_iterable",
        func: chain_from_iterable,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
];

itertools_type!(
    CHAIN_TYPE,
    "chain",
    chain_next,
    chain_new,
    None,
    &CHAIN_METHODS,
    "Return a chain object whose .__next__() method returns elements from the first iterable until it is exhausted, then elements from the next iterable, until all of the iterables are exhausted."
);

// ----- compress: a = data iterator, b = selector iterator -----

fn compress_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [data, selectors] = parse::<2>(
        vm,
        "compress",
        Sig::Kw {
            names: &["data", "selectors"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(data), Some(selectors)) = (data, selectors) else {
        return Err(vm.type_error("compress() missing an argument"));
    };
    let (d, s) = (ops::iter(vm, &data)?, ops::iter(vm, &selectors)?);
    new_iter(vm, ty, IterState::new(Some(d), Some(s)))
}

fn compress_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(d), Some(s)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    loop {
        let Some(x) = ops::next(vm, &d)? else {
            return Ok(None);
        };
        let Some(sel) = ops::next(vm, &s)? else {
            return Ok(None);
        };
        if ops::truthy(vm, &sel)? {
            return Ok(Some(x));
        }
    }
}

static COMPRESS_METHODS: [MethodDef; 1] = [P::method("__reduce__", P::compress_reduce)];

itertools_type!(
    COMPRESS_TYPE,
    "compress",
    compress_next,
    compress_new,
    None,
    &COMPRESS_METHODS,
    "Return data elements corresponding to true selector elements."
);

// ----- dropwhile / takewhile / filterfalse / starmap: a = predicate, b = iterator -----

fn pred_new(
    vm: &Vm,
    ty: &TypeObject,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = positional(vm, ty, name, args, kw, 2, 2)?;
    let it = ops::iter(vm, &args[1])?;
    new_iter(vm, ty, IterState::new(Some(args[0].clone()), Some(it)))
}

fn test(vm: &Vm, pred: &ObjRef, x: &ObjRef) -> PyResult<bool> {
    if none::is_none(pred) {
        return ops::truthy(vm, x);
    }
    let r = ops::call(vm, pred, std::slice::from_ref(x), None)?;
    ops::truthy(vm, &r)
}

fn dropwhile_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    pred_new(vm, ty, "dropwhile", args, kw)
}

fn dropwhile_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(pred), Some(it)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    loop {
        let Some(x) = ops::next(vm, &it)? else {
            return Ok(None);
        };
        if st.flag.get() == 1 || !test(vm, &pred, &x)? {
            st.flag.set(1);
            return Ok(Some(x));
        }
    }
}

itertools_type!(
    DROPWHILE_TYPE,
    "dropwhile",
    dropwhile_next,
    dropwhile_new,
    None,
    &FLAGGED_METHODS,
    "Drop items from the iterable while predicate(item) is true."
);

fn takewhile_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    pred_new(vm, ty, "takewhile", args, kw)
}

fn takewhile_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(pred), Some(it)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    if st.flag.get() == 1 {
        return Ok(None);
    }
    let Some(x) = ops::next(vm, &it)? else {
        return Ok(None);
    };
    if test(vm, &pred, &x)? {
        return Ok(Some(x));
    }
    st.flag.set(1);
    Ok(None)
}

itertools_type!(
    TAKEWHILE_TYPE,
    "takewhile",
    takewhile_next,
    takewhile_new,
    None,
    &FLAGGED_METHODS,
    "Return successive entries from an iterable as long as the predicate evaluates to true for each entry."
);

fn filterfalse_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    pred_new(vm, ty, "filterfalse", args, kw)
}

fn filterfalse_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(pred), Some(it)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    loop {
        let Some(x) = ops::next(vm, &it)? else {
            return Ok(None);
        };
        if !test(vm, &pred, &x)? {
            return Ok(Some(x));
        }
    }
}

itertools_type!(
    FILTERFALSE_TYPE,
    "filterfalse",
    filterfalse_next,
    filterfalse_new,
    None,
    &FUNC_METHODS,
    "Return those items of iterable for which function(item) is false."
);

fn starmap_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    pred_new(vm, ty, "starmap", args, kw)
}

fn starmap_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (Some(func), Some(it)) = (st.a.get(), st.b.get()) else {
        return Ok(None);
    };
    let Some(x) = ops::next(vm, &it)? else {
        return Ok(None);
    };
    let args = ops::collect_iterable(vm, &x)?;
    Ok(Some(ops::call(vm, &func, &args, None)?))
}

itertools_type!(
    STARMAP_TYPE,
    "starmap",
    starmap_next,
    starmap_new,
    None,
    &FUNC_METHODS,
    "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence."
);

static FLAGGED_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::flagged_reduce),
    P::method("__setstate__", P::flagged_setstate),
];

static FUNC_METHODS: [MethodDef; 1] = [P::method("__reduce__", P::func_reduce)];

// ----- pairwise: a = iterator, b = previous item -----

fn pairwise_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "pairwise", args, kw, 1, 1)?;
    let it = ops::iter(vm, &args[0])?;
    new_iter(vm, ty, IterState::new(Some(it), None))
}

fn pairwise_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let Some(it) = st.a.get() else {
        return Ok(None);
    };
    let old = match st.b.get() {
        Some(o) => o,
        None => {
            // Kept at once: a re-entrant call (the source advancing this pairwise) pairs it.
            let first = ops::next(vm, &it)?;
            drop(st.b.replace(first.clone()));
            let Some(o) = first else {
                drop(st.a.replace(None));
                return Ok(None);
            };
            if st.a.get().is_none() {
                drop(st.b.replace(None));
                return Ok(None);
            }
            o
        }
    };
    let Some(new) = ops::next(vm, &it)? else {
        drop(st.a.replace(None));
        drop(st.b.replace(None));
        return Ok(None);
    };
    drop(st.b.replace(Some(new.clone())));
    Ok(Some(tuple::new_tuple(vm, vec![old, new])?))
}

itertools_type!(
    PAIRWISE_TYPE,
    "pairwise",
    pairwise_next,
    pairwise_new,
    None,
    &[],
    "Return an iterator of overlapping pairs taken from the input iterator."
);

/// Builds `itertools`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    use super::itertools_comb as c;
    use super::itertools_more as m;
    let mo = module::new_module(vm, "itertools")?;
    let types: [&'static TypeObject; 19] = [
        &COUNT_TYPE,
        &CYCLE_TYPE,
        &REPEAT_TYPE,
        &ACCUMULATE_TYPE,
        &CHAIN_TYPE,
        &COMPRESS_TYPE,
        &DROPWHILE_TYPE,
        &TAKEWHILE_TYPE,
        &FILTERFALSE_TYPE,
        &STARMAP_TYPE,
        &PAIRWISE_TYPE,
        &m::ISLICE_TYPE,
        &m::GROUPBY_TYPE,
        &m::ZIP_LONGEST_TYPE,
        &m::TEE_TYPE,
        &c::PRODUCT_TYPE,
        &c::PERMUTATIONS_TYPE,
        &c::COMBINATIONS_TYPE,
        &c::CWR_TYPE,
    ];
    for ty in types {
        let name = ty.name.rsplit('.').next().unwrap_or(ty.name);
        module::set_attr(vm, &mo, name, ObjRef::from_type(ty))?;
    }
    m::add_functions(vm, &mo)?;
    Ok(mo)
}
