//! The combinatoric iterators: `product`, `permutations`, `combinations` and
//! `combinations_with_replacement`, producing tuples in CPython's order.
//!
//! State: `pool` holds the input items (for `product`, one tuple per input pool), `idx` the
//! current indices, `idx2` `permutations`' cycle counters, `k` the tuple length `r`, and
//! `flag` is 0 before the first tuple, 1 while running and 2 once exhausted.

use super::itertools::{itertools_type, new_iter, state, IterState};
use super::itertools_pickle as P;
use crate::object::MethodDef;
use crate::object::{ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::{ops, PyResult, Vm};

const FIRST: u8 = 0;
const RUNNING: u8 = 1;
const DONE: u8 = 2;

fn push_all(vm: &Vm, st: &IterState, items: Vec<ObjRef>) -> PyResult<()> {
    for x in items {
        st.pool.push(x).map_err(|(e, _)| vm.alloc_err(e))?;
    }
    Ok(())
}

/// The tuple of pool items at the current indices (the first `r` of them).
fn pick(vm: &Vm, st: &IterState, r: usize) -> PyResult<ObjRef> {
    let items: Vec<ObjRef> = st
        .idx
        .borrow()
        .iter()
        .take(r)
        .filter_map(|&i| st.pool.get(i))
        .collect();
    tuple::new_tuple(vm, items)
}

fn finish(st: &IterState) -> Option<ObjRef> {
    st.flag.set(DONE);
    drop(st.pool.take_all());
    None
}

// ----- product -----

fn product_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let mut repeat = 1i64;
    for (k, v) in kws {
        if k != "repeat" {
            return Err(vm.type_error(&format!(
                "'{k}' is an invalid keyword argument for product()"
            )));
        }
        repeat = crate::vm::argparse::index_arg(vm, v)?;
    }
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let mut pools = Vec::with_capacity(pos.len());
    for p in pos {
        pools.push(tuple::new_tuple(vm, ops::collect_iterable(vm, p)?)?);
    }
    let st = IterState::new(None, None);
    let total = pools
        .len()
        .checked_mul(repeat as usize)
        .ok_or_else(|| vm.memory_error_err())?;
    vm.check_storage(total, std::mem::size_of::<ObjRef>())?;
    if !pools.is_empty() {
        for _ in 0..repeat {
            push_all(vm, &st, pools.clone())?;
        }
    }
    new_iter(vm, ty, st)
}

fn product_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let pools = st.pool.snapshot();
    let lens: Vec<usize> = pools
        .iter()
        .map(|p| tuple::items(p).map_or(0, |i| i.len()))
        .collect();
    match st.flag.get() {
        DONE => return Ok(None),
        FIRST => {
            if lens.contains(&0) {
                return Ok(finish(st));
            }
            st.idx.borrow_mut().resize(pools.len(), 0);
            st.flag.set(RUNNING);
        }
        _ => {
            let mut advanced = false;
            {
                let mut idx = st.idx.borrow_mut();
                for i in (0..pools.len()).rev() {
                    idx[i] += 1;
                    if idx[i] < lens[i] {
                        advanced = true;
                        break;
                    }
                    idx[i] = 0;
                }
            }
            if !advanced {
                return Ok(finish(st));
            }
        }
    }
    let idx = st.idx.borrow().to_vec();
    let items: Vec<ObjRef> = pools
        .iter()
        .zip(idx)
        .filter_map(|(p, i)| tuple::items(p).and_then(|t| t.get(i).cloned()))
        .collect();
    Ok(Some(tuple::new_tuple(vm, items)?))
}

itertools_type!(
    PRODUCT_TYPE,
    "product",
    product_next,
    product_new,
    None,
    &PRODUCT_METHODS,
    "Cartesian product of input iterables.  Equivalent to nested for-loops."
);

/// Parses `(iterable, r)` and fills the pool; `r` defaults to the pool's length when
/// `r_required` is false.
fn pool_and_r(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    r_required: bool,
) -> PyResult<(IterState, usize, usize)> {
    let [iterable, r] = parse::<2>(
        vm,
        name,
        Sig::Kw {
            names: &["iterable", "r"],
            required: if r_required { 2 } else { 1 },
            posonly: 0,
        },
        args,
        kw,
    )?;
    let items = ops::collect_iterable(
        vm,
        &iterable.ok_or_else(|| vm.type_error("missing iterable"))?,
    )?;
    let n = items.len();
    let r = match r.filter(|r| !none::is_none(r)) {
        Some(r) => {
            let r = crate::vm::argparse::index_arg(vm, &r)?;
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            r as usize
        }
        None => n,
    };
    let st = IterState::new(None, None);
    push_all(vm, &st, items)?;
    st.k.set(r as i64);
    // The index arrays hold up to `max(n, r)` entries: refused up front, as CPython's
    // allocation of them fails.
    let most = n.max(r);
    vm.check_storage(most, std::mem::size_of::<usize>())?;
    st.idx
        .borrow_mut()
        .try_reserve_exact(most)
        .map_err(|_| vm.memory_error_err())?;
    Ok((st, n, r))
}

// ----- combinations -----

fn combinations_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (st, _, r) = pool_and_r(vm, "combinations", args, kw, true)?;
    st.idx.borrow_mut().extend(0..r);
    new_iter(vm, ty, st)
}

fn combinations_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (n, r) = (st.pool.len(), st.k.get() as usize);
    match st.flag.get() {
        DONE => return Ok(None),
        FIRST => {
            if r > n {
                return Ok(finish(st));
            }
            st.flag.set(RUNNING);
        }
        _ => {
            let mut idx = st.idx.borrow_mut();
            let Some(i) = (0..r).rev().find(|&i| idx[i] != i + n - r) else {
                drop(idx);
                return Ok(finish(st));
            };
            idx[i] += 1;
            for j in i + 1..r {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }
    Ok(Some(pick(vm, st, r)?))
}

itertools_type!(
    COMBINATIONS_TYPE,
    "combinations",
    combinations_next,
    combinations_new,
    None,
    &COMBINATIONS_METHODS,
    "Return successive r-length combinations of elements in the iterable."
);

// ----- combinations_with_replacement -----

fn cwr_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (st, _, r) = pool_and_r(vm, "combinations_with_replacement", args, kw, true)?;
    st.idx.borrow_mut().resize(r, 0);
    new_iter(vm, ty, st)
}

fn cwr_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (n, r) = (st.pool.len(), st.k.get() as usize);
    match st.flag.get() {
        DONE => return Ok(None),
        FIRST => {
            if n == 0 && r > 0 {
                return Ok(finish(st));
            }
            st.flag.set(RUNNING);
        }
        _ => {
            let mut idx = st.idx.borrow_mut();
            let Some(i) = (0..r).rev().find(|&i| idx[i] != n - 1) else {
                drop(idx);
                return Ok(finish(st));
            };
            let v = idx[i] + 1;
            for slot in idx[i..r].iter_mut() {
                *slot = v;
            }
        }
    }
    Ok(Some(pick(vm, st, r)?))
}

itertools_type!(
    CWR_TYPE,
    "combinations_with_replacement",
    cwr_next,
    cwr_new,
    None,
    &CWR_METHODS,
    "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats."
);

// ----- permutations -----

fn permutations_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (st, n, r) = pool_and_r(vm, "permutations", args, kw, false)?;
    st.idx.borrow_mut().extend(0..n);
    if r <= n {
        st.idx2.borrow_mut().extend((n - r + 1..=n).rev());
    }
    new_iter(vm, ty, st)
}

fn permutations_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = state(vm, obj)?;
    let (n, r) = (st.pool.len(), st.k.get() as usize);
    match st.flag.get() {
        DONE => return Ok(None),
        FIRST => {
            if r > n {
                return Ok(finish(st));
            }
            st.flag.set(RUNNING);
        }
        _ => {
            let mut found = false;
            {
                let mut idx = st.idx.borrow_mut();
                let mut cycles = st.idx2.borrow_mut();
                for i in (0..r).rev() {
                    cycles[i] -= 1;
                    if cycles[i] == 0 {
                        let first = idx[i];
                        idx.copy_within(i + 1..n, i);
                        idx[n - 1] = first;
                        cycles[i] = n - i;
                    } else {
                        let j = cycles[i];
                        idx.swap(i, n - j);
                        found = true;
                        break;
                    }
                }
            }
            if !found {
                return Ok(finish(st));
            }
        }
    }
    Ok(Some(pick(vm, st, r)?))
}

itertools_type!(
    PERMUTATIONS_TYPE,
    "permutations",
    permutations_next,
    permutations_new,
    None,
    &PERMUTATIONS_METHODS,
    "Return successive r-length permutations of elements in the iterable."
);

static PRODUCT_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::product_reduce),
    P::method("__setstate__", P::product_setstate),
];

static COMBINATIONS_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::comb_reduce),
    P::method("__setstate__", P::combinations_setstate),
];

static CWR_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::comb_reduce),
    P::method("__setstate__", P::cwr_setstate),
];

static PERMUTATIONS_METHODS: [MethodDef; 2] = [
    P::method("__reduce__", P::permutations_reduce),
    P::method("__setstate__", P::permutations_setstate),
];
