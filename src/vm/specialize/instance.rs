//! Instance attributes as the caches see them: the one place that knows instances keep their
//! attributes in a `__dict__` (CPython 3.11's `LOAD_ATTR_WITH_HINT` / `STORE_ATTR_WITH_HINT`:
//! an entry index into that dict, checked by key identity). When instances get inline values
//! with shared keys, these functions become `LOAD_ATTR_INSTANCE_VALUE`'s (a keys version and
//! a value index) and the families above them stay as they are.

use crate::object::ObjRef;
use crate::objects::{dict, str as pystr};
use crate::vm::attr::instance_dict;

/// The attribute `key` of `obj` when its instance dict holds it at entry `hint`.
#[inline]
pub fn load_hint(obj: &ObjRef, hint: u32, key: &ObjRef) -> Option<ObjRef> {
    let d = instance_dict(obj)?;
    dict::table(&d)?.value_at_hint(hint as usize, key)
}

/// Where `obj`'s instance dict holds `key` (by identity), for a hint.
pub fn find_hint(obj: &ObjRef, key: &ObjRef) -> Option<u32> {
    let d = instance_dict(obj)?;
    let pos = dict::table(&d)?.position_by_identity(pystr::str_hash_value(key), key)??;
    super::index(pos)
}

/// Whether `obj`'s instance dict surely lacks `key` (no dict, or no entry with its hash);
/// `false` when it has it or only a comparison could tell.
#[inline]
pub fn lacks(obj: &ObjRef, key: &ObjRef) -> bool {
    let Some(d) = instance_dict(obj) else {
        return true;
    };
    dict::table(&d).is_some_and(|t| {
        t.is_empty() || t.position_by_identity(pystr::str_hash_value(key), key) == Some(None)
    })
}

/// Stores `value` as attribute `key` of `obj` when entry `hint` of its instance dict holds
/// `key`: `Ok(old value)` for the caller to drop, or `Err(value)` given back.
#[inline]
pub fn store_hint(obj: &ObjRef, hint: u32, key: &ObjRef, value: ObjRef) -> Result<ObjRef, ObjRef> {
    match instance_dict(obj) {
        Some(d) => dict::replace_at_hint(&d, hint as usize, key, value),
        None => Err(value),
    }
}
