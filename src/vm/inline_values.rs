//! Instance attributes kept inline: PEP 412's shared keys with CPython 3.11's inline values.
//!
//! A class whose instances have a `__dict__` holds up to [`MAX_SHARED_KEYS`] (30, CPython's
//! limit) *shared keys* (`HeapTypeExt::shared_keys`, interned str, only ever appended). Each
//! instance has [`INLINE_VALUES`] value slots in its preheader (`HeapTypeExt::values_start`) and,
//! once its class has more keys than that and it sets one of them, an *overflow array* (an
//! object of `objects::values_array`, 4, 10 or 26 cells) in its otherwise empty dict slot; value
//! `i` is preheader slot `i`, then array cell `i - INLINE_VALUES` ([`Values`]). So a plain
//! instance with two attributes stays one 80-byte block, and one with eight is that block and a
//! 64-byte array, with no dict. While the instance's dict slot holds no dict its attributes are
//! the values: attribute `shared_keys[i]` is value `i`, set only in increasing index order past
//! the highest set value (or overwritten in place), so the set values in index order are the
//! instance's insertion order; a hole is a key it never set or an attribute it deleted.
//! Anything that would break that — setting a key before the highest set one (refilling a hole),
//! a name that is not an exact str, a class with all its shared keys taken, `__dict__` asked
//! for — *materializes* a real dict (the values in order, then the change) in the dict slot and
//! empties the value slots; from then on the instance uses its dict, and `vars(obj)`,
//! `obj.__dict__` and attribute access all see the same storage. An instance outgrowing its
//! array moves to a larger one (`grow`).
//!
//! The API for the specializing interpreter: [`shared_key_index`] (stable for the class's
//! lifetime), [`load_value`] and [`store_value`].

use super::{PyResult, Vm};
use crate::object::heaptype::{HeapTypeExt, INLINE_VALUES, MAX_SHARED_KEYS};
use crate::object::{ObjCell, ObjRef};
use crate::objects::values_array;
use crate::objects::{dict, str as pystr};

/// An instance's value slots: the preheader's [`INLINE_VALUES`], then its overflow array's
/// (taken from the dict slot on first use and held here, so its cells stay valid while
/// borrowed).
pub struct Values<'a> {
    pre: &'a [ObjCell],
    dict_slot: &'a ObjCell,
    more: std::cell::OnceCell<Option<ObjRef>>,
}

impl Values<'_> {
    /// The overflow array's cells (empty when there is none).
    #[inline]
    fn more(&self) -> &[ObjCell] {
        self.more
            .get_or_init(|| self.dict_slot.get())
            .as_ref()
            .and_then(values_array::cells)
            .unwrap_or(&[])
    }

    /// Value slot `i`, if the instance has that many.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&ObjCell> {
        if i < INLINE_VALUES {
            return self.pre.get(i);
        }
        self.more().get(i - INLINE_VALUES)
    }

    /// Every value slot, in index order.
    pub fn iter(&self) -> impl Iterator<Item = &ObjCell> {
        self.pre.iter().chain(self.more().iter())
    }

    /// How many value slots the instance has.
    fn capacity(&self) -> usize {
        INLINE_VALUES + self.more().len()
    }
}

/// The value slots of `obj` while it keeps its attributes inline (its class has shared keys and
/// its dict slot holds no dict: nothing, or its overflow array), with its class data.
#[inline]
pub fn inline_values(obj: &ObjRef) -> Option<(&HeapTypeExt, Values<'_>)> {
    let h = &obj.ob_type().heap()?.ext;
    let (Some(vs), Some(ds)) = (h.values_start, h.dict_slot) else {
        return None;
    };
    let slots = obj.preheader_slots();
    let dict_slot = slots.get(ds)?;
    if dict_slot.is_set() && !values_array::holds_values(dict_slot) {
        return None;
    }
    let pre = slots.get(vs..vs + INLINE_VALUES)?;
    let more = std::cell::OnceCell::new();
    Some((
        h,
        Values {
            pre,
            dict_slot,
            more,
        },
    ))
}

/// One past the highest set value (0: no attributes). Values are only ever set in increasing
/// index order past this end (or overwritten in place), so the set values in index order are
/// the instance's insertion order; holes are deleted attributes or keys it never set. Only the
/// first `keys` (the class's shared key count) can be set.
#[inline]
fn end(values: &Values<'_>, keys: usize) -> usize {
    (0..keys)
        .rev()
        .find(|&i| values.get(i).is_some_and(ObjCell::is_set))
        .map_or(0, |i| i + 1)
}

/// Whether value `i` can be set inline keeping the insertion order: it is set (an overwrite),
/// or nothing is set after it.
#[inline]
fn settable(values: &Values<'_>, keys: usize, i: usize) -> bool {
    values.get(i).is_some_and(|c| c.is_set()) || i >= end(values, keys)
}

/// Whether the instance has no attribute.
#[inline]
pub fn is_empty(values: &Values<'_>) -> bool {
    values.iter().all(|c| !c.is_set())
}

#[inline]
fn is_exact_str(key: &ObjRef) -> bool {
    std::ptr::eq(key.ob_type(), &pystr::STR_TYPE)
}

/// The index of `key` (a str) among the shared keys of a class, if it is one: the same object
/// first, then equal text. The index never changes while the class lives.
#[inline]
pub fn shared_key_index(h: &HeapTypeExt, key: &ObjRef) -> Option<usize> {
    let n = h.shared_len.get();
    let hash = pystr::str_hash_value(key);
    // One pass over the hashes; a key with the same hash is the same object (interned names)
    // or, rarely, a str to compare by text.
    (0..n).find(|&i| {
        h.shared_hashes[i].get() == hash
            && (h.shared_keys[i].holds(key)
                || h.shared_keys[i].get().is_some_and(|k| {
                    pystr::as_text(&k)
                        .zip(pystr::as_text(key))
                        .is_some_and(|(a, b)| a.as_bytes() == b.as_bytes())
                }))
    })
}

/// The index of the shared key whose text is `name`.
fn shared_name_index(h: &HeapTypeExt, name: &str) -> Option<usize> {
    (0..h.shared_len.get()).find(|&i| {
        h.shared_keys[i]
            .get()
            .is_some_and(|k| pystr::as_str(&k) == Some(name))
    })
}

/// Preheader value slot `i` (below [`INLINE_VALUES`]) of `obj`, whatever its dict slot holds.
/// A set one is the attribute: materializing a dict, or assigning `__dict__`, empties them.
#[inline]
fn preheader_value(obj: &ObjRef, i: usize) -> Option<&ObjCell> {
    let vs = obj.ob_type().heap()?.ext.values_start?;
    obj.preheader_slots().get(vs + i)
}

/// Value `i` of `obj` (`None`: absent, or the instance has a dict — take the general path).
#[inline]
pub fn load_value(obj: &ObjRef, i: usize) -> Option<ObjRef> {
    if i < INLINE_VALUES {
        return preheader_value(obj, i)?.get();
    }
    inline_values(obj)?.1.get(i)?.get()
}

/// Stores `value` as value `i` of `obj` when that is exactly `obj.<shared key i> = value`:
/// the instance keeps its attributes inline, has a slot `i`, and `i` is a set attribute or the
/// next one. Returns `value` back otherwise (take the general path).
pub fn store_value(obj: &ObjRef, i: usize, value: ObjRef) -> Result<(), ObjRef> {
    if i < INLINE_VALUES {
        // Overwriting a set preheader value keeps the insertion order.
        if let Some(c) = preheader_value(obj, i).filter(|c| c.is_set()) {
            drop(c.replace(Some(value)));
            return Ok(());
        }
    }
    let Some((h, values)) = inline_values(obj) else {
        return Err(value);
    };
    let keys = h.shared_len.get();
    if i >= keys || !settable(&values, keys, i) {
        return Err(value);
    }
    match values.get(i) {
        Some(c) => {
            drop(c.replace(Some(value)));
            Ok(())
        }
        None => Err(value),
    }
}

/// The inline attribute `key` of `obj`. `None`: the instance does not keep its attributes inline
/// (look in its dict); `Some(None)`: no such attribute.
#[inline]
pub fn lookup(obj: &ObjRef, key: &ObjRef) -> Option<Option<ObjRef>> {
    let (h, values) = inline_values(obj)?;
    if !is_exact_str(key) {
        return None;
    }
    Some(shared_key_index(h, key).and_then(|i| values.get(i)?.get()))
}

/// [`lookup`] by name.
pub fn lookup_name(obj: &ObjRef, name: &str) -> Option<Option<ObjRef>> {
    let (h, values) = inline_values(obj)?;
    Some(shared_name_index(h, name).and_then(|i| values.get(i)?.get()))
}

/// What [`store`] did.
pub enum Stored {
    /// The attribute was set or deleted inline.
    Done,
    /// Deleting an attribute the instance does not have.
    Absent,
    /// The change needs the instance's dict (materialize it, then change it there).
    NeedsDict,
}

/// Sets (`Some`) or deletes (`None`) the attribute `key` of `obj` inline, when that keeps the
/// set values in insertion order.
pub fn store(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<ObjRef>) -> PyResult<Stored> {
    if !is_exact_str(key) {
        return Ok(Stored::NeedsDict);
    }
    let mut interned: Option<ObjRef> = None;
    loop {
        let Some((h, values)) = inline_values(obj) else {
            return Ok(Stored::NeedsDict);
        };
        let k = h.shared_len.get();
        let idx = shared_key_index(h, key);
        match (&value, idx) {
            (Some(_), Some(i)) if settable(&values, k, i) => {
                let Some(cell) = values.get(i) else {
                    // A key other instances set, past this one's slots.
                    grow(vm, obj, i + 1)?;
                    continue;
                };
                drop(cell.replace(value));
                return Ok(Stored::Done);
            }
            (Some(_), None) if k < MAX_SHARED_KEYS => {
                // A new shared key. Interning and growing the overflow may allocate (and so
                // run a collection, and finalizers): the state is read again afterwards.
                let Some(ik) = interned.take() else {
                    let Some(text) = pystr::as_str(key) else {
                        return Ok(Stored::NeedsDict);
                    };
                    interned = Some(vm.intern(text)?);
                    continue;
                };
                let Some(cell) = values.get(k) else {
                    interned = Some(ik);
                    grow(vm, obj, k + 1)?;
                    continue;
                };
                drop(h.shared_keys[k].replace(Some(ik.clone())));
                h.shared_hashes[k].set(pystr::str_hash_value(&ik));
                h.shared_len.set(k + 1);
                drop(cell.replace(value));
                return Ok(Stored::Done);
            }
            (Some(_), _) => return Ok(Stored::NeedsDict),
            (None, Some(i)) if values.get(i).is_some_and(ObjCell::is_set) => {
                if let Some(cell) = values.get(i) {
                    drop(cell.replace(None));
                }
                return Ok(Stored::Done);
            }
            (None, _) => return Ok(Stored::Absent),
        }
    }
}

/// Gives `obj` (keeping its attributes inline) at least `n` value slots: a larger overflow array
/// in its dict slot, the values moved over. Allocating may run code that changes the instance:
/// the caller reads its state again.
fn grow(vm: &Vm, obj: &ObjRef, n: usize) -> PyResult<()> {
    let new = values_array::new_values(vm, n.saturating_sub(INLINE_VALUES))?;
    let Some((h, values)) = inline_values(obj) else {
        return Ok(());
    };
    let (Some(ds), Some(cells)) = (h.dict_slot, values_array::cells(&new)) else {
        return Ok(());
    };
    if values.capacity() >= n {
        return Ok(());
    }
    // Moving references between cells changes no count, so nothing runs meanwhile.
    for (i, c) in cells.iter().enumerate() {
        if let Some(old) = values.get(INLINE_VALUES + i) {
            drop(c.replace(old.replace(None)));
        }
    }
    let old = obj.preheader_slots()[ds].replace(Some(new));
    drop(values);
    drop(old);
    Ok(())
}

/// Moves `obj`'s inline values into a new dict in its dict slot, and returns the dict; `None`
/// when the instance does not keep its attributes inline.
pub fn materialize(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    loop {
        let Some((h, values)) = inline_values(obj) else {
            return Ok(None);
        };
        let k = end(&values, h.shared_len.get());
        let items: Vec<(usize, ObjRef, ObjRef)> = (0..k)
            .filter_map(|i| Some((i, h.shared_keys[i].get()?, values.get(i)?.get()?)))
            .collect();
        drop(values);
        // Building the dict allocates, which may run a collection and finalizers that change
        // the instance: the copy is installed only if the values are still the same.
        let d = dict::new_dict_vm(vm)?;
        for (_, key, v) in &items {
            dict::set_item(vm, &d, key.clone(), v.clone())?;
        }
        let Some((h, values)) = inline_values(obj) else {
            continue;
        };
        let unchanged = end(&values, h.shared_len.get()) == k
            && (0..k)
                .filter(|&i| values.get(i).is_some_and(ObjCell::is_set))
                .count()
                == items.len()
            && items
                .iter()
                .all(|(i, _, v)| values.get(*i).is_some_and(|c| c.holds(v)));
        if !unchanged {
            continue;
        }
        let Some(ds) = h.dict_slot else {
            return Ok(None);
        };
        // The overflow array is taken before the dict replaces it in the slot.
        let _ = values.capacity();
        let old = obj.preheader_slots()[ds].replace(Some(d.clone()));
        // The dict holds every value now: emptying the slots (the overflow array's too, which
        // `values` keeps alive) frees nothing.
        for c in values.iter() {
            drop(c.replace(None));
        }
        drop(values);
        drop(old);
        return Ok(Some(d));
    }
}

/// Empties the preheader value slots of `obj` (its dict is being replaced: `obj.__dict__ = d`;
/// an overflow array went with the dict slot's old contents), returning the values for the
/// caller to drop.
pub fn take_values(obj: &ObjRef) -> Vec<ObjRef> {
    let Some(h) = obj.ob_type().heap() else {
        return Vec::new();
    };
    let Some(vs) = h.ext.values_start else {
        return Vec::new();
    };
    let slots = obj.preheader_slots();
    slots
        .get(vs..vs + INLINE_VALUES)
        .unwrap_or(&[])
        .iter()
        .filter_map(|c| c.replace(None))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::objects::testutil::run_ok;

    #[test]
    fn two_attributes_fit_one_block() {
        // Values slots, dict slot, weak list slot, GC head, header: no dict is allocated.
        let out = run_ok(
            "import sys\n\
             class P:\n    def __init__(self): self.a = 1; self.b = 2\n\
             p = P()\n\
             print(sys.getsizeof(p), p.a + p.b)\n",
        );
        assert_eq!(out, "80 3\n");
    }

    #[test]
    fn order_deletion_and_materialization() {
        let out = run_ok(
            "class P: pass\n\
             a = P(); a.x = 1; a.y = 2\n\
             b = P(); b.y = 1; b.x = 2\n\
             c = P(); c.x = 1; c.y = 2; del c.x\n\
             d = P(); d.x = 1; d.y = 2; del d.y; d.z = 3\n\
             print(list(vars(a)), list(vars(b)), list(vars(c)), list(vars(d)))\n\
             e = P(); e.x = 1; v = vars(e); e.y = 2; v['w'] = 3\n\
             print(v is e.__dict__, v, e.w)\n",
        );
        assert_eq!(
            out,
            "['x', 'y'] ['y', 'x'] ['y'] ['x', 'z']\n\
             True {'x': 1, 'y': 2, 'w': 3} 3\n"
        );
    }
}
