//! Instance attributes as the caches see them: the one place that knows where instances keep
//! their attributes. An instance keeps them either inline (`vm::inline_values`: value `i` is
//! the class's shared key `i`, CPython 3.11's `LOAD_ATTR_INSTANCE_VALUE`) or, once its dict was
//! built, in a `__dict__` (`LOAD_ATTR_WITH_HINT` / `STORE_ATTR_WITH_HINT`: an entry index into
//! that dict, checked by key identity). A hint says which: [`INLINE`] set, an index into the
//! inline values; clear, a dict entry. Both are valid only under the type version guard the
//! families check first: the version names one class, and a class's shared keys only grow, so
//! value index `i` always stands for the same name.

use crate::object::ObjRef;
use crate::objects::{dict, str as pystr};
use crate::vm::attr::existing_dict as instance_dict;
use crate::vm::inline_values;

/// The bit of a hint that marks an inline value index.
pub const INLINE: u32 = 1 << 31;

/// Whether `hint` indexes the inline values (else a dict entry).
#[inline]
pub fn is_inline(hint: u32) -> bool {
    hint & INLINE != 0
}

/// The attribute `key` of `obj` when its instance dict holds it at entry `hint`.
#[inline]
pub fn load_hint(obj: &ObjRef, hint: u32, key: &ObjRef) -> Option<ObjRef> {
    if is_inline(hint) {
        return inline_values::load_value(obj, (hint & !INLINE) as usize);
    }
    let d = instance_dict(obj)?;
    dict::table(&d)?.value_at_hint(hint as usize, key)
}

/// [`load_hint`] for an instance whose type the entry does not name (`poly.rs`): an inline
/// index must also be `key`'s index in the instance's own class.
#[inline]
pub fn load_hint_checked(obj: &ObjRef, hint: u32, key: &ObjRef) -> Option<ObjRef> {
    if is_inline(hint) {
        let (h, values) = inline_values::inline_values(obj)?;
        let i = (hint & !INLINE) as usize;
        if !h.shared_keys.get(i)?.holds(key) {
            return None;
        }
        return values.get(i)?.get();
    }
    load_hint(obj, hint, key)
}

/// [`store_hint`] for an instance whose type the entry does not name: an inline index must
/// also be `key`'s index in the instance's own class.
#[inline]
pub fn store_hint_checked(
    obj: &ObjRef,
    hint: u32,
    key: &ObjRef,
    value: ObjRef,
) -> Result<Option<ObjRef>, ObjRef> {
    if is_inline(hint) {
        let Some((h, _)) = inline_values::inline_values(obj) else {
            return Err(value);
        };
        if !h
            .shared_keys
            .get((hint & !INLINE) as usize)
            .is_some_and(|k| k.holds(key))
        {
            return Err(value);
        }
    }
    store_hint(obj, hint, key, value)
}

/// A method entry's word saying the name was not among the instance's class's shared keys
/// when the entry was made: their count then (keys are only appended, so while the count is
/// the same the name is still not one, and no instance keeping its values inline has it), or
/// [`NO_KEYS`] when that could not be said.
pub fn keys_without(obj: &ObjRef, key: &ObjRef) -> u32 {
    match inline_values::inline_values(obj) {
        Some((h, _)) if inline_values::shared_key_index(h, key).is_none() => {
            super::index(h.shared_len.get()).unwrap_or(NO_KEYS)
        }
        _ => NO_KEYS,
    }
}

/// See [`keys_without`].
pub const NO_KEYS: u32 = u32::MAX;

/// [`lacks`], answered at once for an instance keeping its values inline whose class still has
/// `keys` shared keys (a [`keys_without`] word made under the same type version).
#[inline]
pub fn lacks_with(obj: &ObjRef, key: &ObjRef, keys: u32) -> bool {
    if keys != NO_KEYS {
        if let Some((h, _)) = inline_values::inline_values(obj) {
            if h.shared_len.get() == keys as usize {
                return true;
            }
        }
    }
    lacks(obj, key)
}

/// Where `obj`'s instance dict holds `key` (by identity), for a hint.
pub fn find_hint(obj: &ObjRef, key: &ObjRef) -> Option<u32> {
    if let Some((h, values)) = inline_values::inline_values(obj) {
        let i = inline_values::shared_key_index(h, key)?;
        values.get(i)?.is_set().then_some(())?;
        return super::index(i).filter(|&i| i < INLINE).map(|i| i | INLINE);
    }
    let d = instance_dict(obj)?;
    let pos = dict::table(&d)?.position_by_identity(pystr::str_hash_value(key), key)??;
    super::index(pos)
}

/// Whether `obj`'s instance dict surely lacks `key` (no dict, or no entry with its hash);
/// `false` when it has it or only a comparison could tell.
#[inline]
pub fn lacks(obj: &ObjRef, key: &ObjRef) -> bool {
    if let Some(found) = inline_values::lookup(obj, key) {
        return found.is_none();
    }
    let Some(d) = instance_dict(obj) else {
        return true;
    };
    dict::table(&d).is_some_and(|t| {
        t.is_empty() || t.position_by_identity(pystr::str_hash_value(key), key) == Some(None)
    })
}

/// Stores `value` as attribute `key` of `obj` when `hint` is its inline value (set, or the next
/// one to set) or an entry of its instance dict holding `key`: `Ok(old value)` for the caller
/// to drop, or `Err(value)` given back.
#[inline]
pub fn store_hint(
    obj: &ObjRef,
    hint: u32,
    key: &ObjRef,
    value: ObjRef,
) -> Result<Option<ObjRef>, ObjRef> {
    if is_inline(hint) {
        return inline_values::store_value(obj, (hint & !INLINE) as usize, value).map(|()| None);
    }
    match instance_dict(obj) {
        Some(d) => dict::replace_at_hint(&d, hint as usize, key, value).map(Some),
        None => Err(value),
    }
}
