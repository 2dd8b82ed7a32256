//! The algorithms of `set` and `frozenset` (CPython's `Objects/setobject.c`): updates, the
//! four set operations and their in-place forms, and the subset order.
//!
//! They follow CPython's choices of which operand to iterate and which table to build first,
//! because those choices decide the iteration order of the result: `a & b` iterates the smaller
//! set, `a ^ b` starts from a copy of `b`, `a - b` either filters `a` or copies it and discards
//! `b`'s keys (then compacts), as CPython does.

use crate::object::{ObjRef, SetTable, TypeObject};
use crate::objects::set::{new_set_of_type, result_type, table, FROZENSET_TYPE};
use crate::objects::{dict, none};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// Equality for table probes.
pub(crate) fn eq_fn(vm: &Vm) -> impl FnMut(&ObjRef, &ObjRef) -> Result<bool, PyErr> + '_ {
    move |a, b| ops::eq(vm, a, b)
}

fn t<'a>(vm: &Vm, so: &'a ObjRef) -> PyResult<&'a SetTable> {
    table(so).ok_or_else(|| vm.type_error("descriptor requires a 'set' object"))
}

/// Adds a key (hashing it).
pub fn add_key(vm: &Vm, so: &ObjRef, key: ObjRef) -> PyResult<()> {
    let h = ops::hash(vm, &key)?;
    t(vm, so)?.add(h, key, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
    Ok(())
}

/// Hashes a key for lookup; an unhashable `set` is looked up as the equal frozenset, as CPython
/// does for `in`, `remove` and `discard`. Returns the (possibly replaced) key and its hash.
pub(crate) fn lookup_key(vm: &Vm, key: &ObjRef) -> PyResult<(ObjRef, i64)> {
    match ops::hash(vm, key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e)
            if key.ob_type().is_subtype(&crate::objects::set::SET_TYPE)
                && e.matches(&crate::objects::exceptions::TYPE_ERROR) =>
        {
            let frozen = new_set_of_type(vm, &FROZENSET_TYPE, Some(key))?;
            let h = ops::hash(vm, &frozen)?;
            Ok((frozen, h))
        }
        Err(e) => Err(e),
    }
}

/// `key in so`.
pub fn contains(vm: &Vm, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    let (key, h) = lookup_key(vm, key)?;
    t(vm, so)?.contains(h, &key, &mut eq_fn(vm))
}

/// Removes `key` if present; returns whether it was.
pub fn discard_key(vm: &Vm, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    let (key, h) = lookup_key(vm, key)?;
    let removed = t(vm, so)?.discard(h, &key, &mut eq_fn(vm))?;
    Ok(removed.is_some())
}

/// CPython's `set_update_internal`: adds every key of a set (merging tables), a dict (its keys)
/// or any iterable.
pub fn update_internal(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
    let st = t(vm, so)?;
    if let Some(ot) = table(other) {
        return st.merge(ot, &mut eq_fn(vm), |e| vm.alloc_err(e));
    }
    if std::ptr::eq(other.ob_type(), &dict::DICT_TYPE) {
        let items = dict::items(other);
        st.presize(items.len()).map_err(|e| vm.alloc_err(e))?;
        for (k, _) in items {
            add_key(vm, so, k)?;
        }
        return Ok(());
    }
    let it = ops::iter(vm, other)?;
    while let Some(k) = ops::next(vm, &it)? {
        add_key(vm, so, k)?;
    }
    Ok(())
}

/// A copy of `so` of the same type (CPython's `set_copy`).
pub fn copy(vm: &Vm, so: &ObjRef) -> PyResult<ObjRef> {
    new_set_of_type(vm, result_type(so), Some(so))
}

/// The keys of `so` that are also in `other` (CPython's `set_intersection`).
pub fn intersection(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
    if so.is(other) {
        return copy(vm, so);
    }
    let result = new_set_of_type(vm, result_type(so), None)?;
    let rt = t(vm, &result)?;
    if let Some(ot) = table(other) {
        let st = t(vm, so)?;
        // Iterate over the smaller set, look up in the larger.
        let (small, large) = if ot.len() > st.len() {
            (st, ot)
        } else {
            (ot, st)
        };
        for (h, key) in small.entries() {
            if large.contains(h, &key, &mut eq_fn(vm))? {
                rt.add(h, key, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
            }
        }
        return Ok(result);
    }
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        let h = ops::hash(vm, &key)?;
        if t(vm, so)?.contains(h, &key, &mut eq_fn(vm))? {
            rt.add(h, key, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
        }
    }
    Ok(result)
}

/// `so.intersection(*others)`.
pub fn intersection_multi(vm: &Vm, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
    let mut result = copy(vm, so)?;
    for other in others {
        result = intersection(vm, &result, other)?;
    }
    Ok(result)
}

/// Replaces the contents of `so` with those of `tmp` (CPython's `set_swap_bodies`).
pub fn replace_contents(vm: &Vm, so: &ObjRef, tmp: &ObjRef) -> PyResult<()> {
    t(vm, so)?.swap(t(vm, tmp)?);
    // `tmp` now holds the old keys; they go when it is dropped, after every borrow ended.
    let old = t(vm, tmp)?.take_all();
    drop(old);
    Ok(())
}

/// CPython's `set_difference_update_internal`: discards every key of `other` from `so`.
pub fn difference_update_internal(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
    let st = t(vm, so)?;
    if so.is(other) {
        drop(st.take_all());
        return Ok(());
    }
    if let Some(ot) = table(other) {
        // When `other` is much larger, only the common keys matter.
        let common;
        let keys = if ot.len() >> 3 > st.len() {
            common = intersection(vm, so, other)?;
            t(vm, &common)?.entries()
        } else {
            ot.entries()
        };
        for (h, key) in keys {
            drop(st.discard(h, &key, &mut eq_fn(vm))?);
        }
    } else {
        let it = ops::iter(vm, other)?;
        while let Some(key) = ops::next(vm, &it)? {
            let h = ops::hash(vm, &key)?;
            drop(st.discard(h, &key, &mut eq_fn(vm))?);
        }
    }
    st.compact().map_err(|e| vm.alloc_err(e))
}

/// The keys of `so` not in `other` (CPython's `set_difference`).
pub fn difference(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
    let st = t(vm, so)?;
    let other_size = if let Some(ot) = table(other) {
        Some(ot.len())
    } else if std::ptr::eq(other.ob_type(), &dict::DICT_TYPE) {
        Some(dict::table(other).map_or(0, |d| d.len()))
    } else {
        None
    };
    let copy_and_difference = |vm: &Vm| -> PyResult<ObjRef> {
        let result = copy(vm, so)?;
        difference_update_internal(vm, &result, other)?;
        Ok(result)
    };
    let Some(other_size) = other_size else {
        return copy_and_difference(vm);
    };
    if st.len() >> 2 > other_size {
        return copy_and_difference(vm);
    }
    let result = new_set_of_type(vm, result_type(so), None)?;
    let rt = t(vm, &result)?;
    for (h, key) in st.entries() {
        let present = match table(other) {
            Some(ot) => ot.contains(h, &key, &mut eq_fn(vm))?,
            None => dict::get_item(vm, other, &key)?.is_some(),
        };
        if !present {
            rt.add(h, key, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
        }
    }
    Ok(result)
}

/// `so.difference(*others)`.
pub fn difference_multi(vm: &Vm, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
    let Some((first, rest)) = others.split_first() else {
        return copy(vm, so);
    };
    let result = difference(vm, so, first)?;
    for other in rest {
        difference_update_internal(vm, &result, other)?;
    }
    Ok(result)
}

/// CPython's `set_symmetric_difference_update`: toggles the membership of every key of `other`.
pub fn symmetric_difference_update(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
    let st = t(vm, so)?;
    if so.is(other) {
        drop(st.take_all());
        return Ok(());
    }
    let keys: Vec<(i64, ObjRef)> = if std::ptr::eq(other.ob_type(), &dict::DICT_TYPE) {
        let mut v = Vec::new();
        for (k, _) in dict::items(other) {
            v.push((ops::hash(vm, &k)?, k));
        }
        v
    } else if let Some(ot) = table(other) {
        ot.entries()
    } else {
        let tmp = new_set_of_type(vm, result_type(so), Some(other))?;
        let entries = t(vm, &tmp)?.entries();
        entries
    };
    for (h, key) in keys {
        if st.discard(h, &key, &mut eq_fn(vm))?.is_none() {
            st.add(h, key, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
        }
    }
    Ok(())
}

/// `so ^ other` (CPython builds a copy of `other` and updates it with `so`).
pub fn symmetric_difference(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
    let result = new_set_of_type(vm, result_type(so), Some(other))?;
    symmetric_difference_update(vm, &result, so)?;
    Ok(result)
}

/// `so.union(*others)`.
pub fn union_multi(vm: &Vm, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
    let result = copy(vm, so)?;
    for other in others {
        if !other.is(so) {
            update_internal(vm, &result, other)?;
        }
    }
    Ok(result)
}

/// `so <= other` for any iterable `other`.
pub fn issubset(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
    let st = t(vm, so)?;
    let Some(ot) = table(other) else {
        let tmp = intersection(vm, so, other)?;
        return Ok(t(vm, &tmp)?.len() == t(vm, so)?.len());
    };
    if st.len() > ot.len() {
        return Ok(false);
    }
    for (h, key) in st.entries() {
        if !ot.contains(h, &key, &mut eq_fn(vm))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `so >= other` for any iterable `other`.
pub fn issuperset(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
    if table(other).is_some() {
        return issubset(vm, other, so);
    }
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        if !contains(vm, so, &key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `so.isdisjoint(other)`.
pub fn isdisjoint(vm: &Vm, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
    let st = t(vm, so)?;
    if so.is(other) {
        return Ok(st.is_empty());
    }
    if let Some(ot) = table(other) {
        let (small, large) = if ot.len() > st.len() {
            (st, ot)
        } else {
            (ot, st)
        };
        for (h, key) in small.entries() {
            if large.contains(h, &key, &mut eq_fn(vm))? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = ops::iter(vm, other)?;
    while let Some(key) = ops::next(vm, &it)? {
        let h = ops::hash(vm, &key)?;
        if st.contains(h, &key, &mut eq_fn(vm))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Both operands must be sets or frozensets for the operators.
fn both_sets(a: &ObjRef, b: &ObjRef) -> bool {
    table(a).is_some() && table(b).is_some()
}

/// `a | b`.
pub(crate) fn set_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    let result = copy(vm, a)?;
    if !a.is(b) {
        update_internal(vm, &result, b)?;
    }
    Ok(result)
}

/// `a & b`.
pub(crate) fn set_and(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    intersection(vm, a, b)
}

/// `a - b`.
pub(crate) fn set_sub(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    difference(vm, a, b)
}

/// `a ^ b`.
pub(crate) fn set_xor(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) {
        return Ok(none::not_implemented());
    }
    symmetric_difference(vm, a, b)
}

fn is_mutable_set(a: &ObjRef) -> bool {
    std::ptr::eq(a.ob_type(), &crate::objects::set::SET_TYPE)
}

/// `a |= b` (sets only; frozensets fall back to `|`).
pub(crate) fn set_ior(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) || !is_mutable_set(a) {
        return Ok(none::not_implemented());
    }
    update_internal(vm, a, b)?;
    Ok(a.clone())
}

/// `a &= b`.
pub(crate) fn set_iand(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) || !is_mutable_set(a) {
        return Ok(none::not_implemented());
    }
    let tmp = intersection(vm, a, b)?;
    replace_contents(vm, a, &tmp)?;
    Ok(a.clone())
}

/// `a -= b`.
pub(crate) fn set_isub(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) || !is_mutable_set(a) {
        return Ok(none::not_implemented());
    }
    difference_update_internal(vm, a, b)?;
    Ok(a.clone())
}

/// `a ^= b`.
pub(crate) fn set_ixor(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !both_sets(a, b) || !is_mutable_set(a) {
        return Ok(none::not_implemented());
    }
    symmetric_difference_update(vm, a, b)?;
    Ok(a.clone())
}

/// The type of new sets made from `ty`'s instances (sets stay sets, frozensets frozensets).
pub(crate) fn base_type(ty: &TypeObject) -> &'static TypeObject {
    if ty.is_subtype(&crate::objects::set::SET_TYPE) {
        &crate::objects::set::SET_TYPE
    } else {
        &FROZENSET_TYPE
    }
}
