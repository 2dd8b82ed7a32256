//! The `BINARY_SUBSCR` and `STORE_SUBSCR` families (CPython 3.11's
//! `_Py_Specialize_BinarySubscr` and `_Py_Specialize_StoreSubscr`): an exact list or tuple
//! indexed by an exact int (`BINARY_SUBSCR_LIST_INT`, `BINARY_SUBSCR_TUPLE_INT`,
//! `STORE_SUBSCR_LIST_INT`) and an exact dict (`BINARY_SUBSCR_DICT`, `STORE_SUBSCR_DICT`).
//!
//! The guards are exact types: a dict subclass (with `__missing__`, say) or a list subclass
//! with its own `__getitem__` never takes a form. A negative index counts from the end as
//! the generic path does; an index out of range is a miss, so the generic path raises the
//! `IndexError` with its message. A missing dict key raises `KeyError(key)` as `dict` does.

use super::stats::Failure;
use super::{adopt, entry, form, hit, miss, CacheEntry, Family, Form};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::{dict, list, tuple};
use crate::vm::fast_ops::{self, exact_int};
use crate::vm::{ops, PyResult, Vm};

/// `BINARY_SUBSCR` of `obj[key]` at instruction `pc`. The list and tuple forms' guards and
/// lookups are inline here (they are the hot ones); everything else — the other forms, the
/// adaptive countdown, a miss — is out of line.
#[cfg_attr(debug_assertions, inline)]
#[cfg_attr(not(debug_assertions), inline(always))]
pub fn binary_subscr(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    obj: &ObjRef,
    key: &ObjRef,
) -> PyResult<ObjRef> {
    let Some(e) = entry(code, pc) else {
        return getitem_generic(vm, obj, key);
    };
    let byte = e.form.get();
    if byte == Form::SubscrListInt as u8 {
        if let Some(item) = list_item(obj, key) {
            hit(Family::BinarySubscr, Form::SubscrListInt);
            return Ok(item);
        }
    } else if byte == Form::SubscrTupleInt as u8 {
        if let Some(item) = tuple_item(obj, key) {
            hit(Family::BinarySubscr, Form::SubscrTupleInt);
            return Ok(item);
        }
    }
    binary_subscr_rest(vm, e, obj, key)
}

/// `BINARY_SUBSCR` with its entry `e` once the inline list and tuple forms did not answer.
#[inline(never)]
fn binary_subscr_rest(vm: &Vm, e: &CacheEntry, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    const FAMILY: Family = Family::BinarySubscr;
    let mut f = form(e);
    if f == Form::Adaptive {
        if !super::due(e) {
            return getitem_generic(vm, obj, key);
        }
        f = choose(e, FAMILY, obj, key, false);
    }
    if f != Form::Adaptive {
        if let Some(r) = getitem_fast(vm, f, obj, key) {
            hit(FAMILY, f);
            return r;
        }
        miss(e, FAMILY);
    }
    getitem_generic(vm, obj, key)
}

/// `BINARY_SUBSCR_LIST_INT`'s guard and lookup.
#[inline(always)]
fn list_item(obj: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
    if !std::ptr::eq(obj.ob_type(), &list::LIST_TYPE) {
        return None;
    }
    let v = list::storage(obj)?;
    v.get(position(key, v.len())?)
}

/// `BINARY_SUBSCR_TUPLE_INT`'s guard and lookup.
#[inline(always)]
fn tuple_item(obj: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
    if !std::ptr::eq(obj.ob_type(), &tuple::TUPLE_TYPE) {
        return None;
    }
    let items = tuple::items(obj)?;
    items.get(position(key, items.len())?).cloned()
}

/// A `BINARY_SUBSCR` or `STORE_SUBSCR` (`family`) at instruction `pc` whose container is an
/// exact list and whose key is a slice, run by the loop fused with the `BUILD_SLICE` before it
/// (no slice object is made): counts what the instruction would — the warm-up, and since a
/// slice key fits no form, a miss of a specialized form or, adaptive, the countdown and a
/// failed try when due.
#[inline]
pub fn slice_key(code: &CodeObject, pc: usize, family: Family) {
    if let Some(e) = entry(code, pc) {
        if e.form.get() != Form::Adaptive as u8 {
            miss(e, family);
        } else if super::due(e) {
            super::fail(e, family, Failure::OtherType);
        }
    }
}

/// A `BINARY_SUBSCR` form's guard and lookup; `None` when the guard fails.
#[inline(always)]
fn getitem_fast(vm: &Vm, f: Form, obj: &ObjRef, key: &ObjRef) -> Option<PyResult<ObjRef>> {
    match f {
        Form::SubscrListInt => list_item(obj, key).map(Ok),
        Form::SubscrTupleInt => tuple_item(obj, key).map(Ok),
        Form::SubscrDict => fast_ops::seq::getitem_dict(vm, obj, key),
        _ => None,
    }
}

/// The unspecialized `BINARY_SUBSCR`: the type fast paths, then the protocol.
#[inline(always)]
fn getitem_generic(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    match fast_ops::seq::getitem(vm, obj, key) {
        Some(item) => item,
        None => ops::getitem(vm, obj, key),
    }
}

/// `STORE_SUBSCR` of `obj[key] = value` at instruction `pc`. The list form's guard and store
/// are inline here; the other forms, the adaptive countdown and a miss are out of line.
#[cfg_attr(debug_assertions, inline)]
#[cfg_attr(not(debug_assertions), inline(always))]
pub fn store_subscr(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    obj: &ObjRef,
    key: ObjRef,
    value: ObjRef,
) -> PyResult<()> {
    let Some(e) = entry(code, pc) else {
        return setitem_generic(vm, obj, key, value);
    };
    if e.form.get() == Form::StoreSubscrListInt as u8
        && std::ptr::eq(obj.ob_type(), &list::LIST_TYPE)
    {
        if let Some(v) = list::storage(obj) {
            if let Some(i) = position(&key, v.len()) {
                hit(Family::StoreSubscr, Form::StoreSubscrListInt);
                // The old item is released after the store, as `list` does.
                match v.set(i, value) {
                    Ok(old) => drop(old),
                    Err(value) => return setitem_generic(vm, obj, key, value),
                }
                return Ok(());
            }
        }
    }
    store_subscr_rest(vm, e, obj, key, value)
}

/// `STORE_SUBSCR` with its entry `e` once the inline list form did not take the store.
#[inline(never)]
fn store_subscr_rest(
    vm: &Vm,
    e: &CacheEntry,
    obj: &ObjRef,
    key: ObjRef,
    value: ObjRef,
) -> PyResult<()> {
    const FAMILY: Family = Family::StoreSubscr;
    let mut f = form(e);
    if f == Form::Adaptive {
        if !super::due(e) {
            return setitem_generic(vm, obj, key, value);
        }
        f = choose(e, FAMILY, obj, &key, true);
    }
    let ty = obj.ob_type();
    match f {
        Form::StoreSubscrListInt if std::ptr::eq(ty, &list::LIST_TYPE) => {
            if let Some(v) = list::storage(obj) {
                if let Some(i) = position(&key, v.len()) {
                    hit(FAMILY, f);
                    match v.set(i, value) {
                        Ok(old) => drop(old),
                        Err(value) => return setitem_generic(vm, obj, key, value),
                    }
                    return Ok(());
                }
            }
            miss(e, FAMILY);
        }
        Form::StoreSubscrDict if std::ptr::eq(ty, &dict::DICT_TYPE) => {
            hit(FAMILY, f);
            return dict::set_item(vm, obj, key, value);
        }
        Form::Adaptive => {}
        _ => miss(e, FAMILY),
    }
    setitem_generic(vm, obj, key, value)
}

/// The unspecialized `STORE_SUBSCR`: the type fast paths, then the protocol.
#[inline(always)]
fn setitem_generic(vm: &Vm, obj: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
    match fast_ops::seq::setitem_list(obj, &key, value) {
        Ok(old) => {
            drop(old);
            Ok(())
        }
        Err(value) => match fast_ops::seq::setitem_dict(vm, obj, key, value) {
            Ok(r) => r,
            Err((key, value)) => ops::setitem(vm, obj, &key, Some(&value)),
        },
    }
}

/// The position an exact int `key` names in a sequence of `len` items (negative ones count
/// from the end), when it is in range.
#[inline(always)]
fn position(key: &ObjRef, len: usize) -> Option<usize> {
    let i = exact_int(key)?;
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// Adaptive and due: the form for this container and key (recorded), or `Adaptive` after a
/// failure. `store`: the `STORE_SUBSCR` family.
#[cold]
#[inline(never)]
fn choose(e: &CacheEntry, family: Family, obj: &ObjRef, key: &ObjRef, store: bool) -> Form {
    let ty = obj.ob_type();
    let int_key = exact_int(key).is_some();
    let chosen = if std::ptr::eq(ty, &dict::DICT_TYPE) {
        Some(if store {
            Form::StoreSubscrDict
        } else {
            Form::SubscrDict
        })
    } else if std::ptr::eq(ty, &list::LIST_TYPE) && int_key {
        Some(if store {
            Form::StoreSubscrListInt
        } else {
            Form::SubscrListInt
        })
    } else if std::ptr::eq(ty, &tuple::TUPLE_TYPE) && int_key && !store {
        Some(Form::SubscrTupleInt)
    } else {
        None
    };
    adopt(e, family, chosen.ok_or(Failure::OtherType))
}
