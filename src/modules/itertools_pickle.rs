//! `__reduce__` and `__setstate__` of the itertools iterators: how `pickle` and `copy` take
//! them apart and rebuild them (CPython 3.11 still supports this; 3.12 deprecates it).
//!
//! Each `__reduce__` gives CPython's tuple (the constructor, its arguments, and a state
//! where one is needed), so pickles move between CPython and arenapy; each `__setstate__`
//! checks its state as CPython does. The field layout of [`IterState`] per type is documented
//! beside each type.

use super::itertools::{state, IterState};
use crate::object::{MethodDef, ObjRef};
use crate::objects::iter::{builtin_iter, reduce_args, reduce_value, setstate_arg, state_index};
use crate::objects::{boolobj, list, none, tuple};
use crate::vm::{ops, PyResult, Vm};

/// A method entry of the tables below.
pub const fn method(name: &'static str, func: crate::object::typeobj::MethodFn) -> MethodDef {
    MethodDef {
        name,
        func,
        flags: 0,
    }
}

fn type_of(this: &ObjRef) -> ObjRef {
    ObjRef::from_type_ref(this.ob_type())
}

fn tup(vm: &Vm, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    tuple::new_tuple(vm, items)
}

fn int(vm: &Vm, v: i64) -> PyResult<ObjRef> {
    crate::objects::int::new_int(vm, v)
}

/// `iter(())`: what an exhausted input is pickled as.
fn empty_iter(vm: &Vm) -> PyResult<ObjRef> {
    ops::iter(vm, &tup(vm, Vec::new())?)
}

fn or_none(v: Option<ObjRef>) -> ObjRef {
    v.unwrap_or_else(none::none)
}

/// The state of a `__setstate__` that must be a tuple.
fn state_tuple(vm: &Vm, st: &ObjRef) -> PyResult<Vec<ObjRef>> {
    tuple::items(st)
        .map(<[ObjRef]>::to_vec)
        .ok_or_else(|| vm.type_error("state is not a tuple"))
}

/// A tuple of exactly `n` items, else `ValueError("invalid arguments")` (the combinatorics).
fn state_indices(vm: &Vm, st: &ObjRef, n: usize) -> PyResult<Vec<i64>> {
    match tuple::items(st) {
        Some(items) if items.len() == n => items.iter().map(|x| state_index(vm, x)).collect(),
        _ => Err(vm.value_error("invalid arguments")),
    }
}

fn ints(vm: &Vm, v: &[usize]) -> PyResult<ObjRef> {
    let items = v
        .iter()
        .map(|&i| int(vm, i as i64))
        .collect::<PyResult<Vec<_>>>()?;
    tup(vm, items)
}

fn none_result() -> PyResult<ObjRef> {
    Ok(none::none())
}

/// `count`: `(type, (current,))` or, with a step other than the int 1, `(type, (current, step))`.
pub fn count_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let cur = or_none(st.a.get());
    let step = or_none(st.b.get());
    let unit = crate::objects::int::is_int(&step)
        && !step.is_instance(&boolobj::BOOL_TYPE)
        && crate::objects::int::as_i64(&step) == Some(1)
        && crate::objects::int::is_int(&cur);
    let args = if unit { vec![cur] } else { vec![cur, step] };
    reduce_value(vm, type_of(this), args, None)
}

/// `repeat`: `(type, (object, times))`, or `(type, (object,))` when endless.
pub fn repeat_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let mut items = vec![or_none(st.a.get())];
    if st.n.get() >= 0 {
        items.push(int(vm, st.n.get())?);
    }
    reduce_value(vm, type_of(this), items, None)
}

/// Bit of `cycle`'s flag: the saved items already hold what the input still yields.
pub const CYCLE_FIRSTPASS: u8 = 2;

/// `cycle`: `(type, (input,), (saved, firstpass))`; once the input is exhausted, the input is
/// an iterator over the saved items positioned at the next one.
pub fn cycle_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let saved = list::new_list(vm, st.pool.snapshot())?;
    match st.a.get() {
        Some(it) => {
            let first = boolobj::new_bool(st.flag.get() & CYCLE_FIRSTPASS != 0);
            let state = tup(vm, vec![saved, first])?;
            reduce_value(vm, type_of(this), vec![it], Some(state))
        }
        None => {
            let it = ops::iter(vm, &saved)?;
            if st.n.get() != 0 {
                let set = ops::getattr(vm, &it, "__setstate__")?;
                ops::call(vm, &set, &[int(vm, st.n.get())?], None)?;
            }
            let state = tup(vm, vec![saved, boolobj::new_bool(true)])?;
            reduce_value(vm, type_of(this), vec![it], Some(state))
        }
    }
}

/// `cycle.__setstate__((saved, firstpass))`: `saved` a list, `firstpass` an int.
pub fn cycle_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let items = state_tuple(vm, &arg)?;
    let [saved, first] = items.as_slice() else {
        return Err(vm.type_error(&format!(
            "function takes exactly 2 arguments ({} given)",
            items.len()
        )));
    };
    let Some(values) = list::storage(saved) else {
        return Err(vm.type_error(&format!(
            "argument 1 must be list, not {}",
            saved.ob_type().name()
        )));
    };
    let first = state_index(vm, first)? != 0;
    let st = state(vm, this)?;
    let values = values.snapshot();
    drop(st.pool.take_all());
    for v in values {
        st.pool.push(v).map_err(|(e, _)| vm.alloc_err(e))?;
    }
    let flag = st.flag.get() & !CYCLE_FIRSTPASS;
    st.flag
        .set(if first { flag | CYCLE_FIRSTPASS } else { flag });
    st.n.set(0);
    none_result()
}

/// `accumulate`: `(type, (input, func), total)`; a pending initial value is chained in front of
/// the input, and a total of None is rebuilt through `islice(accumulate(chain((None,), input),
/// func), 1, None)`.
pub fn accumulate_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let it = match st.a.get() {
        Some(it) => it,
        None => empty_iter(vm)?,
    };
    let func = or_none(st.b.get());
    let chained = |first: ObjRef| -> PyResult<ObjRef> {
        let chain = ObjRef::from_type(&super::itertools::CHAIN_TYPE);
        ops::call(vm, &chain, &[tup(vm, vec![first])?, it.clone()], None)
    };
    if let Some(initial) = st.d.get() {
        let src = chained(initial)?;
        return reduce_value(vm, type_of(this), vec![src, func], Some(none::none()));
    }
    match st.c.get() {
        Some(total) if none::is_none(&total) => {
            let src = chained(total)?;
            let acc = ops::call(vm, &type_of(this), &[src, func], None)?;
            let islice = ObjRef::from_type(&super::itertools_more::ISLICE_TYPE);
            reduce_value(vm, islice, vec![acc, int(vm, 1)?, none::none()], None)
        }
        total => reduce_value(vm, type_of(this), vec![it, func], Some(or_none(total))),
    }
}

/// `accumulate.__setstate__(total)`.
pub fn accumulate_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let total = setstate_arg(vm, this, args, kw)?;
    drop(state(vm, this)?.c.replace(Some(total)));
    none_result()
}

/// `chain`: `(type, (), (source, active))`, `(type, (), (source,))`, or `(type, ())` once
/// exhausted.
pub fn chain_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let state = match (st.a.get(), st.b.get()) {
        (Some(src), Some(active)) => Some(tup(vm, vec![src, active])?),
        (Some(src), None) => Some(tup(vm, vec![src])?),
        (None, _) => None,
    };
    reduce_value(vm, type_of(this), Vec::new(), state)
}

/// `chain.__setstate__((source[, active]))`: both must be iterators.
pub fn chain_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let items = state_tuple(vm, &arg)?;
    if items.is_empty() || items.len() > 2 {
        return Err(vm.type_error(&format!(
            "function takes {} 2 arguments ({} given)",
            if items.is_empty() {
                "at least"
            } else {
                "at most"
            },
            items.len()
        )));
    }
    for it in &items {
        if !crate::vm::dunder::is_iterator(vm, it)? {
            return Err(vm.type_error("Arguments must be iterators."));
        }
    }
    let st = state(vm, this)?;
    drop(st.a.replace(Some(items[0].clone())));
    drop(st.b.replace(items.get(1).cloned()));
    none_result()
}

/// `compress`: `(type, (data, selectors))`.
pub fn compress_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let d = match st.a.get() {
        Some(d) => d,
        None => empty_iter(vm)?,
    };
    let s = match st.b.get() {
        Some(s) => s,
        None => empty_iter(vm)?,
    };
    reduce_value(vm, type_of(this), vec![d, s], None)
}

/// `dropwhile`, `takewhile`, `filterfalse`, `starmap`: `(type, (func, input))`, with the
/// flag as the state for the first two.
fn pred_reduce(vm: &Vm, this: &ObjRef, with_flag: bool) -> PyResult<ObjRef> {
    let st = state(vm, this)?;
    let it = match st.b.get() {
        Some(it) => it,
        None => empty_iter(vm)?,
    };
    let flag = if with_flag {
        Some(int(vm, i64::from(st.flag.get()))?)
    } else {
        None
    };
    reduce_value(vm, type_of(this), vec![or_none(st.a.get()), it], flag)
}

/// `dropwhile.__reduce__` / `takewhile.__reduce__`.
pub fn flagged_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    pred_reduce(vm, this, true)
}

/// `dropwhile.__setstate__` / `takewhile.__setstate__`: the truth of the state.
pub fn flagged_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let on = ops::truthy(vm, &arg)?;
    state(vm, this)?.flag.set(u8::from(on));
    none_result()
}

/// `filterfalse.__reduce__` / `starmap.__reduce__`.
pub fn func_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    pred_reduce(vm, this, false)
}

// ----- the combinatorics (see `itertools_comb` for the fields) -----

const FIRST: u8 = 0;
const RUNNING: u8 = 1;
const DONE: u8 = 2;

fn pool_tuple(vm: &Vm, st: &IterState) -> PyResult<ObjRef> {
    tup(vm, st.pool.snapshot())
}

/// `product`: `(type, pools)`, with the indices as the state once started, or `(type, ((),))`
/// once exhausted.
pub fn product_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let ty = type_of(this);
    match st.flag.get() {
        DONE => reduce_value(vm, ty, vec![tup(vm, Vec::new())?], None),
        FIRST => tup(vm, vec![ty, pool_tuple(vm, st)?]),
        _ => {
            let idx = ints(vm, &st.idx.borrow())?;
            tup(vm, vec![ty, pool_tuple(vm, st)?, idx])
        }
    }
}

/// `product.__setstate__(indices)`: one index per pool, clamped to the pool.
pub fn product_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let pools = st.pool.snapshot();
    let wanted = state_indices(vm, &arg, pools.len())?;
    let mut idx = Vec::with_capacity(pools.len());
    for (pool, want) in pools.iter().zip(wanted) {
        let size = tuple::items(pool).map_or(0, <[ObjRef]>::len);
        if size == 0 {
            st.flag.set(DONE);
            drop(st.pool.take_all());
            return none_result();
        }
        idx.push(want.clamp(0, size as i64 - 1) as usize);
    }
    let mut cur = st.idx.borrow_mut();
    cur.clear();
    cur.extend(idx);
    st.flag.set(RUNNING);
    none_result()
}

/// `combinations` and `combinations_with_replacement`: `(type, (pool, r))`, with the indices as
/// the state once started, or `(type, ((), r))` once exhausted.
pub fn comb_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let r = st.k.get();
    let ty = type_of(this);
    match st.flag.get() {
        DONE => reduce_value(vm, ty, vec![tup(vm, Vec::new())?, int(vm, r)?], None),
        FIRST => reduce_value(vm, ty, vec![pool_tuple(vm, st)?, int(vm, r)?], None),
        _ => {
            let idx = ints(vm, &st.idx.borrow()[..r as usize])?;
            reduce_value(vm, ty, vec![pool_tuple(vm, st)?, int(vm, r)?], Some(idx))
        }
    }
}

/// Sets the indices of a combinatoric iterator from `__setstate__`; `max(i)` is the largest
/// index allowed at position `i`. An empty pool leaves nothing to pick from: exhausted.
fn comb_set(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    max: impl Fn(usize, i64, i64) -> i64,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let (n, r) = (st.pool.len() as i64, st.k.get());
    let wanted = state_indices(vm, &arg, r as usize)?;
    if n == 0 && r > 0 {
        st.flag.set(DONE);
        return none_result();
    }
    let mut idx = st.idx.borrow_mut();
    idx.clear();
    idx.extend(
        wanted
            .iter()
            .enumerate()
            .map(|(i, &w)| w.min(max(i, n, r)).max(0) as usize),
    );
    st.flag.set(RUNNING);
    none_result()
}

/// `combinations.__setstate__(indices)`: index `i` clamped to `0..=i + n - r`.
pub fn combinations_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    comb_set(vm, this, args, kw, |i, n, r| i as i64 + n - r)
}

/// `combinations_with_replacement.__setstate__(indices)`: each clamped to `0..n`.
pub fn cwr_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    comb_set(vm, this, args, kw, |_, n, _| n - 1)
}

/// `permutations`: `(type, (pool, r))`, with `(indices, cycles)` as the state once started.
pub fn permutations_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let r = st.k.get();
    let ty = type_of(this);
    match st.flag.get() {
        DONE => reduce_value(vm, ty, vec![tup(vm, Vec::new())?, int(vm, r)?], None),
        FIRST => reduce_value(vm, ty, vec![pool_tuple(vm, st)?, int(vm, r)?], None),
        _ => {
            let idx = ints(vm, &st.idx.borrow())?;
            let cycles = ints(vm, &st.idx2.borrow())?;
            let state = tup(vm, vec![idx, cycles])?;
            reduce_value(vm, ty, vec![pool_tuple(vm, st)?, int(vm, r)?], Some(state))
        }
    }
}

/// `permutations.__setstate__((indices, cycles))`: tuples of `n` and `r` ints, clamped.
pub fn permutations_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let items = state_tuple(vm, &arg)?;
    let [indices, cycles] = items.as_slice() else {
        return Err(vm.type_error(&format!(
            "function takes exactly 2 arguments ({} given)",
            items.len()
        )));
    };
    for (i, t) in [indices, cycles].into_iter().enumerate() {
        if tuple::items(t).is_none() {
            return Err(vm.type_error(&format!(
                "argument {} must be tuple, not {}",
                i + 1,
                t.ob_type().name()
            )));
        }
    }
    let st = state(vm, this)?;
    let (n, r) = (st.pool.len() as i64, st.k.get());
    let (Some(ix), Some(cy)) = (tuple::items(indices), tuple::items(cycles)) else {
        return Err(vm.value_error("invalid arguments"));
    };
    if ix.len() as i64 != n || cy.len() as i64 != r {
        return Err(vm.value_error("invalid arguments"));
    }
    let ix = ix
        .iter()
        .map(|x| Ok(state_index(vm, x)?.clamp(0, (n - 1).max(0)) as usize))
        .collect::<PyResult<Vec<_>>>()?;
    let cy = cy
        .iter()
        .enumerate()
        .map(|(i, x)| Ok(state_index(vm, x)?.min(n - i as i64).max(1) as usize))
        .collect::<PyResult<Vec<_>>>()?;
    if r > n {
        st.flag.set(DONE);
        return none_result();
    }
    *st.idx.borrow_mut() = {
        let mut v = allocator_api2::vec::Vec::new_in(crate::object::HeapAlloc);
        v.extend(ix);
        v
    };
    *st.idx2.borrow_mut() = {
        let mut v = allocator_api2::vec::Vec::new_in(crate::object::HeapAlloc);
        v.extend(cy);
        v
    };
    st.flag.set(RUNNING);
    none_result()
}

// ----- islice, groupby, zip_longest, tee (see `itertools_more` for the fields) -----

/// `islice`: `(type, (input, next, stop, step), count)`, or `(type, (iter([]), 0), 0)` once
/// exhausted.
pub fn islice_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let ty = type_of(this);
    let Some(it) = st.a.get() else {
        let empty = ops::iter(vm, &list::new_list(vm, Vec::new())?)?;
        return reduce_value(vm, ty, vec![empty, int(vm, 0)?], Some(int(vm, 0)?));
    };
    let stop = match st.m.get() {
        -1 => none::none(),
        s => int(vm, s)?,
    };
    let cnt = st.idx.borrow().first().copied().unwrap_or(0) as i64;
    let args = vec![it, int(vm, st.n.get())?, stop, int(vm, st.k.get())?];
    reduce_value(vm, ty, args, Some(int(vm, cnt)?))
}

/// `islice.__setstate__(count)`: how many items were consumed.
pub fn islice_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let cnt = state_index(vm, &arg)?;
    let st = state(vm, this)?;
    let mut idx = st.idx.borrow_mut();
    match idx.first_mut() {
        Some(slot) => *slot = cnt as usize,
        None => idx.push(cnt as usize),
    }
    none_result()
}

/// `groupby`: `(type, (input, key))`, with `(current key, current value, target key)` as the
/// state once grouping started.
pub fn groupby_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let it = match st.a.get() {
        Some(it) => it,
        None => empty_iter(vm)?,
    };
    let args = vec![it, or_none(st.b.get())];
    let state = match (st.c.get(), st.d.get(), st.pool.get(0)) {
        (Some(tgt), Some(cur), Some(value)) => Some(tup(vm, vec![cur, value, tgt])?),
        _ => None,
    };
    reduce_value(vm, type_of(this), args, state)
}

/// `groupby.__setstate__((current key, current value, target key))`.
pub fn groupby_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let items = state_tuple(vm, &arg)?;
    let [cur, value, tgt] = items.as_slice() else {
        return Err(vm.type_error(&format!(
            "function takes exactly 3 arguments ({} given)",
            items.len()
        )));
    };
    let st = state(vm, this)?;
    drop(st.d.replace(Some(cur.clone())));
    drop(st.pool.take_all());
    st.pool
        .push(value.clone())
        .map_err(|(e, _)| vm.alloc_err(e))?;
    drop(st.c.replace(Some(tgt.clone())));
    none_result()
}

/// `zip_longest`: `(type, inputs, fillvalue)`, an exhausted input pickled as `()`.
pub fn zip_longest_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let mut its = Vec::with_capacity(st.pool.len());
    for it in st.pool.snapshot() {
        its.push(if none::is_none(&it) {
            tup(vm, Vec::new())?
        } else {
            it
        });
    }
    tup(vm, vec![type_of(this), tup(vm, its)?, or_none(st.a.get())])
}

/// `zip_longest.__setstate__(fillvalue)`.
pub fn zip_longest_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let fill = setstate_arg(vm, this, args, kw)?;
    drop(state(vm, this)?.a.replace(Some(fill)));
    none_result()
}

/// `iter(())`-style reduction of a `_grouper` that is no longer its groupby's current one:
/// `(iter, ((),))`; else `(type, (groupby, target key))`.
pub fn grouper_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let g = state(vm, this)?;
    let parent = g.a.get();
    let current = match &parent {
        Some(p) => state(vm, p)?.n.get() == g.n.get(),
        None => false,
    };
    match (parent, current) {
        (Some(p), true) => reduce_value(vm, type_of(this), vec![p, or_none(g.b.get())], None),
        _ => reduce_value(vm, builtin_iter(vm)?, vec![tup(vm, Vec::new())?], None),
    }
}

/// `_tee_dataobject`: `(type, (input, values, next block or None))`.
pub fn teedata_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let it = match st.a.get() {
        Some(it) => it,
        None => empty_iter(vm)?,
    };
    let values = list::new_list(vm, st.pool.snapshot())?;
    reduce_value(
        vm,
        type_of(this),
        vec![it, values, or_none(st.b.get())],
        None,
    )
}

/// `_tee`: `(type, ((),), (block, index))`.
pub fn tee_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let st = state(vm, this)?;
    let state = tup(vm, vec![or_none(st.a.get()), int(vm, st.n.get())?])?;
    reduce_value(vm, type_of(this), vec![tup(vm, Vec::new())?], Some(state))
}

/// `_tee.__setstate__((block, index))`: a `_tee_dataobject` and an index within a block.
pub fn tee_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let arg = setstate_arg(vm, this, args, kw)?;
    let items = state_tuple(vm, &arg)?;
    let [block, index] = items.as_slice() else {
        return Err(vm.type_error(&format!(
            "function takes exactly 2 arguments ({} given)",
            items.len()
        )));
    };
    if !block.is_instance(&super::itertools_more::TEE_DATA_TYPE) {
        return Err(vm.type_error(&format!(
            "argument 1 must be itertools._tee_dataobject, not {}",
            block.ob_type().name()
        )));
    }
    let index = state_index(vm, index)?;
    if !(0..=super::itertools_more::TEE_BLOCK as i64).contains(&index) {
        return Err(vm.value_error("Index out of range"));
    }
    let st = state(vm, this)?;
    drop(st.a.replace(Some(block.clone())));
    st.n.set(index);
    none_result()
}
