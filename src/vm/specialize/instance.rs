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
