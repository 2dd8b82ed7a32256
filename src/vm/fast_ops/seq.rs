//! Subscripts, `for` steps, unpacking and truth tests on the exact builtin containers.
//!
//! `None` means "not this case" and sends the caller to the generic protocol, which also
//! raises every error (an index out of range, a wrong length to unpack) with CPython's message.

use super::exact_int;
use crate::object::{HeapAlloc, ObjRef};
use crate::objects::{boolobj, dict, float, int, iter, list, none, str as pystr, tuple};
use crate::vm::{PyResult, Vm};
use allocator_api2::vec::Vec as HVec;

/// An index into a sequence of `len` items (negative counts from the end); `None` when out of
/// range. An int subclass indexes by its value, as CPython's `PyNumber_AsSsize_t` does.
#[inline]
fn position(key: &ObjRef, len: usize) -> Option<usize> {
    let i = int::as_i64(key)?;
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// `obj[key]` for an exact list or tuple and an int index in range.
#[inline]
pub fn getitem_seq(obj: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
    let ty = obj.ob_type();
    if std::ptr::eq(ty, &list::LIST_TYPE) {
        let v = list::storage(obj)?;
        return v.get(position(key, v.len())?);
    }
    if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        let items = tuple::items(obj)?;
        return items.get(position(key, items.len())?).cloned();
    }
    None
}

/// `obj[key]` for an exact dict: the stored value, or `KeyError(key)` (an exact dict has no
/// `__missing__`). The key's `__hash__`/`__eq__` run once, as in the generic path.
#[inline]
pub fn getitem_dict(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> Option<PyResult<ObjRef>> {
    if !std::ptr::eq(obj.ob_type(), &dict::DICT_TYPE) {
        return None;
    }
    Some(match dict::get_item(vm, obj, key) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(vm.key_error(key.clone())),
        Err(e) => Err(e),
    })
}

/// `obj[key]` for the cases above.
#[inline]
pub fn getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> Option<PyResult<ObjRef>> {
    match getitem_seq(obj, key) {
        Some(v) => Some(Ok(v)),
        None => getitem_dict(vm, obj, key),
    }
}

/// `obj[key] = value` for an exact list and an int index in range: `Ok(old item)` for the
/// caller to drop, or `Err(value)` given back when this is not the case.
#[inline]
pub fn setitem_list(obj: &ObjRef, key: &ObjRef, value: ObjRef) -> Result<ObjRef, ObjRef> {
    if !std::ptr::eq(obj.ob_type(), &list::LIST_TYPE) {
        return Err(value);
    }
    let Some(v) = list::storage(obj) else {
        return Err(value);
    };
    match position(key, v.len()) {
        Some(i) => v.set(i, value),
        None => Err(value),
    }
}

/// `obj[key] = value` for an exact dict, taking the key and value over; `Err` gives them back
/// for other objects.
#[inline]
pub fn setitem_dict(
    vm: &Vm,
    obj: &ObjRef,
    key: ObjRef,
    value: ObjRef,
) -> Result<PyResult<()>, (ObjRef, ObjRef)> {
    if !std::ptr::eq(obj.ob_type(), &dict::DICT_TYPE) {
        return Err((key, value));
    }
    Ok(dict::set_item(vm, obj, key, value))
}

/// One `FOR_ITER` step over a list, tuple or range iterator: `None` for other iterators,
/// `Some(Ok(None))` when exhausted.
#[inline]
pub fn for_iter(vm: &Vm, it: &ObjRef) -> Option<PyResult<Option<ObjRef>>> {
    if let Some(step) = iter::next_list_or_tuple(it) {
        return Some(Ok(step));
    }
    iter::next_range(vm, it)
}

/// The items of an exact tuple or list of exactly `n` items, pushed onto the value stack
/// `stack` last first (the order `UNPACK_SEQUENCE n` leaves them in). `false` (nothing pushed)
/// for other objects and other lengths. A plain loop, no callback: this runs once per
/// unpacked item and must inline into the evaluation loop.
#[inline]
pub fn unpack_onto(seq: &ObjRef, n: usize, stack: &mut HVec<Option<ObjRef>, HeapAlloc>) -> bool {
    let ty = seq.ob_type();
    if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        match tuple::items(seq) {
            Some(items) if items.len() == n => {
                for x in items.iter().rev() {
                    stack.push(Some(x.clone()));
                }
                true
            }
            _ => false,
        }
    } else if std::ptr::eq(ty, &list::LIST_TYPE) {
        match list::storage(seq) {
            Some(v) if v.len() == n => {
                // Reading items runs no Python code, so the length cannot change meanwhile.
                for i in (0..n).rev() {
                    stack.push(v.get(i));
                }
                true
            }
            _ => false,
        }
    } else {
        false
    }
}

/// `bool(v)` for `True`, `False`, `None`, an exact int, float, str, list, tuple or dict;
/// `None` for everything else (`ops::truthy` then asks the type).
#[inline]
pub fn truth(v: &ObjRef) -> Option<bool> {
    if let Some(b) = boolobj::as_bool(v) {
        return Some(b);
    }
    if none::is_none(v) {
        return Some(false);
    }
    let ty = v.ob_type();
    if let Some(i) = exact_int(v) {
        return Some(i != 0);
    }
    if std::ptr::eq(ty, &float::FLOAT_TYPE) {
        return float::as_f64(v).map(|x| x != 0.0);
    }
    if std::ptr::eq(ty, &pystr::STR_TYPE) {
        return pystr::as_text(v).map(|t| !t.as_bytes().is_empty());
    }
    if std::ptr::eq(ty, &list::LIST_TYPE) {
        return list::storage(v).map(|s| !s.is_empty());
    }
    if std::ptr::eq(ty, &tuple::TUPLE_TYPE) {
        return tuple::items(v).map(|t| !t.is_empty());
    }
    if std::ptr::eq(ty, &dict::DICT_TYPE) {
        return dict::table(v).map(|t| !t.is_empty());
    }
    None
}
