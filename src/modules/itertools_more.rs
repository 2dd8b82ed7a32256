//! `itertools.islice`, `groupby`, `zip_longest` and `tee`.

use super::itertools::{itertools_type, new_iter, positional, state, IterState};
use super::itertools_pickle as P;
use crate::object::MethodDef;
use crate::object::{ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, module, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::{ops, PyResult, Vm};

// ----- islice: a = iterator; n = next index to yield, m = stop (-1: none), k = step;
// the count of items consumed is kept in `idx[0]`. -----

/// An islice bound: `None` when the argument is `None`; `Some(-1)` when it is not an integer
/// (nor has `__index__`), as CPython's `PyNumber_AsSsize_t` with its error cleared.
fn islice_arg(vm: &Vm, v: &ObjRef) -> PyResult<Option<i64>> {
    if none::is_none(v) {
        return Ok(None);
    }
    let converted = if int::is_int(v) {
        None
    } else {
        match ops::index(vm, v) {
            Ok(i) => i,
            Err(_) => return Ok(Some(-1)),
        }
    };
    let v = converted.as_ref().unwrap_or(v);
    Ok(Some(match int::value(v) {
        Some(int::IntValue::Small(x)) => x,
        Some(int::IntValue::Big(b)) if b.sign() != num_bigint::Sign::Minus => i64::MAX,
        Some(int::IntValue::Big(_)) => i64::MIN,
        None => -1,
    }))
}

fn islice_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "islice", args, kw, 2, 4)?;
    let (start_arg, stop_arg) = if args.len() == 2 {
        (None, &args[1])
    } else {
        (Some(&args[1]), &args[2])
    };
    let start = match start_arg {
        Some(a) => islice_arg(vm, a)?.unwrap_or(0),
        None => 0,
    };
    let stop = islice_arg(vm, stop_arg)?;
    if stop == Some(-1) {
        return Err(vm.value_error(
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let stop = stop.unwrap_or(-1);
    if start < 0 || stop < -1 {
        return Err(vm.value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let step = match args.get(3) {
        Some(s) => match islice_arg(vm, s)? {
            Some(s) if s >= 1 => s,
            None => 1,
            _ => {
                return Err(vm.value_error("Step for islice() must be a positive integer or None."))
            }
        },
        None => 1,
    };
    let it = ops::iter(vm, &args[0])?;
    let st = IterState::new(Some(it), None);
    st.n.set(start);
    st.m.set(stop);
    st.k.set(step);
    st.idx.borrow_mut().push(0);
    new_iter(vm, ty, st)
}

fn islice_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let Some(it) = st.a.get() else {
        return Ok(None);
    };
    let stop = st.m.get();
    let mut cnt = st.idx.borrow().first().copied().unwrap_or(0) as i64;
    let set_cnt = |c: i64| {
        if let Some(slot) = st.idx.borrow_mut().first_mut() {
            *slot = c as usize;
        }
    };
    while cnt < st.n.get() {
        if ops::next(vm, &it)?.is_none() {
            drop(st.a.replace(None));
            return Ok(None);
        }
        cnt += 1;
        set_cnt(cnt);
    }
    if stop != -1 && cnt >= stop {
        drop(st.a.replace(None));
        return Ok(None);
    }
    let Some(item) = ops::next(vm, &it)? else {
        drop(st.a.replace(None));
        return Ok(None);
    };
    set_cnt(cnt + 1);
    let old = st.n.get();
    let mut next = old.saturating_add(st.k.get());
    if next < old || (stop != -1 && next > stop) {
        next = stop;
    }
    st.n.set(next);
    Ok(Some(item))
}

itertools_type!(
    ISLICE_TYPE,
    "islice",
    islice_next,
    islice_new,
    None,
    &ISLICE_METHODS,
    "Return an iterator whose next() method returns selected values from an iterable."
);

// ----- groupby: a = iterator, b = key function, c = target key, d = current key,
// pool[0] = current value (empty: none); n = id of the current group. -----
// A _grouper: a = its groupby, b = its target key, n = the group id it belongs to.

fn groupby_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [iterable, key] = parse::<2>(
        vm,
        "groupby",
        Sig::Kw {
            names: &["iterable", "key"],
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
    new_iter(
        vm,
        ty,
        IterState::new(Some(it), key.filter(|k| !none::is_none(k))),
    )
}

/// Advances the groupby to the next item: `false` at the end.
fn groupby_step(vm: &Vm, gb: &IterState) -> PyResult<bool> {
    let Some(it) = gb.a.get() else {
        return Ok(false);
    };
    let Some(value) = ops::next(vm, &it)? else {
        return Ok(false);
    };
    let key = match gb.b.get() {
        Some(f) => ops::call(vm, &f, std::slice::from_ref(&value), None)?,
        None => value.clone(),
    };
    drop(gb.pool.take_all());
    gb.pool.push(value).map_err(|(e, _)| vm.alloc_err(e))?;
    drop(gb.d.replace(Some(key)));
    Ok(true)
}

fn groupby_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let gb = state(vm, obj)?;
    gb.n.set(gb.n.get() + 1);
    loop {
        match (gb.d.get(), gb.c.get()) {
            (None, _) => {
                if !groupby_step(vm, gb)? {
                    return Ok(None);
                }
            }
            (Some(_), None) => break,
            (Some(cur), Some(tgt)) => {
                if !ops::eq(vm, &tgt, &cur)? {
                    break;
                }
                if !groupby_step(vm, gb)? {
                    return Ok(None);
                }
            }
        }
    }
    let key = gb.d.get().unwrap_or_else(none::none);
    drop(gb.c.replace(Some(key.clone())));
    let g = IterState::new(Some(obj.clone()), Some(key.clone()));
    g.n.set(gb.n.get());
    let grouper = new_iter(vm, &GROUPER_TYPE, g)?;
    Ok(Some(tuple::new_tuple(vm, vec![key, grouper])?))
}

itertools_type!(
    GROUPBY_TYPE,
    "groupby",
    groupby_next,
    groupby_new,
    None,
    &GROUPBY_METHODS,
    "make an iterator that returns consecutive keys and groups from the iterable"
);

/// `_grouper(parent, tgtkey)` (what unpickling calls): the new grouper becomes the parent's
/// current one.
fn grouper_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "_grouper", args, kw, 2, 2)?;
    if !args[0].is_instance(&GROUPBY_TYPE) {
        return Err(vm.type_error(&format!(
            "_grouper() argument 1 must be itertools.groupby, not {}",
            args[0].ob_type().name()
        )));
    }
    let gb = state(vm, &args[0])?;
    gb.n.set(gb.n.get() + 1);
    let g = IterState::new(Some(args[0].clone()), Some(args[1].clone()));
    g.n.set(gb.n.get());
    new_iter(vm, &GROUPER_TYPE, g)
}

fn grouper_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let g = state(vm, obj)?;
    let (Some(parent), Some(tgt)) = (g.a.get(), g.b.get()) else {
        return Ok(None);
    };
    let gb = state(vm, &parent)?;
    if gb.n.get() != g.n.get() {
        return Ok(None);
    }
    if gb.pool.is_empty() && !groupby_step(vm, gb)? {
        return Ok(None);
    }
    let cur = gb.d.get().unwrap_or_else(none::none);
    if !ops::eq(vm, &tgt, &cur)? {
        return Ok(None);
    }
    Ok(gb.pool.take_all().into_iter().next())
}

itertools_type!(
    GROUPER_TYPE,
    "_grouper",
    grouper_next,
    grouper_new,
    None,
    &GROUPER_METHODS,
    ""
);

// ----- zip_longest: pool = iterators (None once exhausted), a = fill value,
// n = number still active -----

fn zip_longest_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let mut fill = none::none();
    for (k, v) in kws {
        if k != "fillvalue" {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let st = IterState::new(Some(fill), None);
    for p in pos {
        let it = ops::iter(vm, p)?;
        st.pool.push(it).map_err(|(e, _)| vm.alloc_err(e))?;
    }
    st.n.set(pos.len() as i64);
    new_iter(vm, ty, st)
}

fn zip_longest_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let len = st.pool.len();
    if len == 0 || st.n.get() == 0 {
        return Ok(None);
    }
    let fill = st.a.get().unwrap_or_else(none::none);
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let Some(it) = st.pool.get(i) else {
            continue;
        };
        if none::is_none(&it) {
            out.push(fill.clone());
            continue;
        }
        match ops::next(vm, &it)? {
            Some(x) => out.push(x),
            None => {
                st.n.set(st.n.get() - 1);
                if st.n.get() == 0 {
                    drop(st.pool.take_all());
                    return Ok(None);
                }
                drop(st.pool.set(i, none::none()));
                out.push(fill.clone());
            }
        }
    }
    Ok(Some(tuple::new_tuple(vm, out)?))
}

itertools_type!(
    ZIP_LONGEST_TYPE,
    "zip_longest",
    zip_longest_next,
    zip_longest_new,
    None,
    &ZIP_LONGEST_METHODS,
    "Return a zip_longest object whose .__next__() method returns a tuple of items from each iterable, filling missing values with fillvalue."
);

// ----- tee: CPython's linked list of blocks. A data block (_tee_dataobject): a = the shared
// source iterator, b = the next block, pool = up to TEE_BLOCK values, flag 1 while it is
// fetching from the source. A tee: a = its current block, n = its index in that block. Blocks
// no tee can reach any more are freed. -----

/// The number of values one `_tee_dataobject` holds (CPython's `LINKCELLS`).
pub const TEE_BLOCK: usize = 57;

fn no_next(_vm: &Vm, _obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    Ok(None)
}

/// `_tee_dataobject(iterable, values, next)` (what unpickling calls): `values` a list of at
/// most `TEE_BLOCK` items, `next` a block only when `values` is full, else None.
fn teedata_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "_tee_dataobject", args, kw, 3, 3)?;
    let Some(values) = crate::objects::list::storage(&args[1]) else {
        return Err(vm.type_error(&format!(
            "_tee_dataobject() argument 2 must be list, not {}",
            args[1].ob_type().name()
        )));
    };
    let values = values.snapshot();
    let next = &args[2];
    let ok = match values.len() {
        n if n > TEE_BLOCK => false,
        TEE_BLOCK => none::is_none(next) || std::ptr::eq(next.ob_type(), &TEE_DATA_TYPE),
        _ => none::is_none(next),
    };
    if !ok {
        return Err(vm.value_error("Invalid arguments"));
    }
    let st = IterState::new(Some(args[0].clone()), None);
    if !none::is_none(next) {
        drop(st.b.replace(Some(next.clone())));
    }
    for v in values {
        st.pool.push(v).map_err(|(e, _)| vm.alloc_err(e))?;
    }
    new_iter(vm, &TEE_DATA_TYPE, st)
}

static TEE_DATA_METHODS: [MethodDef; 1] = [P::method("__reduce__", P::teedata_reduce)];

/// `itertools._tee_dataobject` (a block of buffered values).
pub static TEE_DATA_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "itertools._tee_dataobject",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &super::itertools::ITER_STATE_VTABLE,
    slots: Slots {
        next: Some(no_next),
        new: Some(teedata_new),
        ..Slots::EMPTY
    },
    methods: &TEE_DATA_METHODS,
    doc: "Data container common to multiple tee objects.",
};

fn new_tee(vm: &Vm, block: ObjRef, index: i64) -> PyResult<ObjRef> {
    let st = IterState::new(Some(block), None);
    st.n.set(index);
    new_iter(vm, &TEE_TYPE, st)
}

fn tee_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let Some(mut block) = st.a.get() else {
        return Ok(None);
    };
    if st.n.get() as usize >= TEE_BLOCK {
        let data = state(vm, &block)?;
        let next = match data.b.get() {
            Some(n) => n,
            None => {
                let n = new_iter(vm, &TEE_DATA_TYPE, IterState::new(data.a.get(), None))?;
                drop(data.b.replace(Some(n.clone())));
                n
            }
        };
        drop(st.a.replace(Some(next.clone())));
        st.n.set(0);
        block = next;
    }
    let data = state(vm, &block)?;
    let i = st.n.get() as usize;
    if i < data.pool.len() {
        st.n.set(i as i64 + 1);
        return Ok(data.pool.get(i));
    }
    let Some(it) = data.a.get() else {
        return Ok(None);
    };
    if data.flag.get() == 1 {
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "cannot re-enter the tee iterator",
        ));
    }
    data.flag.set(1);
    let got = ops::next(vm, &it);
    data.flag.set(0);
    let Some(x) = got? else {
        return Ok(None);
    };
    // A nested call (the source iterating this tee) may have filled the slot meanwhile.
    if data.pool.len() == i {
        data.pool
            .push(x.clone())
            .map_err(|(e, _)| vm.alloc_err(e))?;
    }
    st.n.set(i as i64 + 1);
    Ok(Some(x))
}

fn tee_copy(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let st = state(vm, this)?;
    let block = st.a.get().ok_or_else(|| vm.value_error("tee is empty"))?;
    new_tee(vm, block, st.n.get())
}

/// A tee over `iterable` (CPython's `tee_fromiterable`): a copy when its iterator is a tee.
fn tee_from_iterable(vm: &Vm, iterable: &ObjRef) -> PyResult<ObjRef> {
    let it = ops::iter(vm, iterable)?;
    if it.is_instance(&TEE_TYPE) {
        return tee_copy(vm, &it, &[], None);
    }
    let block = new_iter(vm, &TEE_DATA_TYPE, IterState::new(Some(it), None))?;
    new_tee(vm, block, 0)
}

/// `_tee(iterable)`.
fn tee_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, ty, "_tee", args, kw, 1, 1)?;
    tee_from_iterable(vm, &args[0])
}

static TEE_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "__copy__",
        func: tee_copy,
        flags: 0,
    },
    P::method("__reduce__", P::tee_reduce),
    P::method("__setstate__", P::tee_setstate),
];

itertools_type!(
    TEE_TYPE,
    "_tee",
    tee_next,
    tee_new,
    None,
    &TEE_METHODS,
    "Iterator wrapped to make it copyable."
);

/// `itertools.tee(iterable, n=2)`.
fn f_tee(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = positional(vm, &TEE_TYPE, "tee", args, kw, 1, 2)?;
    let n = match args.get(1) {
        Some(n) => crate::vm::argparse::index_arg(vm, n)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return tuple::new_tuple(vm, Vec::new());
    }
    let it = ops::iter(vm, &args[0])?;
    // An iterator with a `__copy__` is copied by it; any other is wrapped in a tee.
    let (first, copy) = match crate::vm::attr::lookup_special(vm, &it, "__copy__")? {
        Some(copy) => (it, copy),
        None => {
            let first = tee_from_iterable(vm, &it)?;
            let copy = ops::getattr(vm, &first, "__copy__")?;
            (first, copy)
        }
    };
    let mut out = vec![first];
    for _ in 1..n {
        out.push(ops::call(vm, &copy, &[], None)?);
    }
    tuple::new_tuple(vm, out)
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "tee",
    func: f_tee,
}];

/// Adds the module-level functions (`tee`) and the helper types.
pub fn add_functions(vm: &Vm, m: &ObjRef) -> PyResult<()> {
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, m, "_grouper", ObjRef::from_type(&GROUPER_TYPE))?;
    module::set_attr(vm, m, "_tee", ObjRef::from_type(&TEE_TYPE))?;
    module::set_attr(vm, m, "_tee_dataobject", ObjRef::from_type(&TEE_DATA_TYPE))?;
    Ok(())
}

static ISLICE_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::islice_reduce),
    P::method("__setstate__", P::islice_setstate),
];

static GROUPBY_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::groupby_reduce),
    P::method("__setstate__", P::groupby_setstate),
];

static GROUPER_METHODS: [MethodDef; 1] = [P::method("__reduce__", P::grouper_reduce)];

static ZIP_LONGEST_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::zip_longest_reduce),
    P::method("__setstate__", P::zip_longest_setstate),
];
