//! Interior-mutable storage for object payloads: [`ObjCell`] (one reference), [`ObjVec`] (list
//! items), [`DictTable`] (dict entries), [`SetTable`] (set and frozenset keys) and [`ByteVec`]
//! (bytearray contents).
//!
//! Objects are shared through handles, so mutable payload state sits in `UnsafeCell`s. The rule
//! that makes this sound is that **no borrow of the contents ever escapes a method**, and no
//! method runs Python code or drops a reference while it holds one: dropping a reference can
//! free an object, and later a finalizer can run arbitrary code that reaches this same cell.
//! Methods therefore clone references out and hand removed references back to the caller, which
//! drops them after the borrow has ended. Comparisons that may run Python code (dict key
//! equality) are called with no borrow held, and the table's version is rechecked after them.

use super::handle::ObjRef;
use super::heap::HeapAlloc;
use super::traverse::{Traverse, Visitor};
use allocator_api2::vec::Vec as HVec;
use arenapy_allocators::AllocError;
use std::cell::UnsafeCell;

mod byte_vec;
mod set_table;
pub use byte_vec::ByteVec;
pub use set_table::SetTable;

/// One optional strong reference that can be replaced (cells, function globals, ...).
pub struct ObjCell(UnsafeCell<Option<ObjRef>>);

impl ObjCell {
    /// A cell holding `value`.
    pub fn new(value: Option<ObjRef>) -> ObjCell {
        ObjCell(UnsafeCell::new(value))
    }

    /// A new reference to the contents.
    pub fn get(&self) -> Option<ObjRef> {
        // SAFETY: no borrow of the contents escapes this module and cloning runs no Python code.
        unsafe { (*self.0.get()).clone() }
    }

    /// Replaces the contents, returning the old value for the caller to drop.
    #[must_use = "drop the old value after any borrow of the owner ends"]
    pub fn replace(&self, value: Option<ObjRef>) -> Option<ObjRef> {
        // SAFETY: as in `get`; the old value is moved out, not dropped here.
        unsafe { std::mem::replace(&mut *self.0.get(), value) }
    }

    /// Whether the cell holds `obj` (identity), without taking a reference.
    #[inline]
    pub fn holds(&self, obj: &ObjRef) -> bool {
        // SAFETY: the borrow ends within this expression and compares addresses only.
        unsafe { (*self.0.get()).as_ref().is_some_and(|r| r.is(obj)) }
    }

    /// Visits the reference, if any.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors mutate no object (`Visitor::new`), so this is the only borrow of the
        // cell while it lives; it ends here.
        if let Some(r) = unsafe { &*self.0.get() } {
            visit(r)
        }
    }
}

/// The items of a list, in heap storage.
pub struct ObjVec(UnsafeCell<HVec<ObjRef, HeapAlloc>>);

impl Default for ObjVec {
    fn default() -> Self {
        ObjVec::new()
    }
}

impl ObjVec {
    /// An empty vector (no storage allocated).
    pub fn new() -> ObjVec {
        ObjVec(UnsafeCell::new(HVec::new_in(HeapAlloc)))
    }

    /// A vector holding `items`.
    pub fn from_vec(items: Vec<ObjRef>) -> Result<ObjVec, AllocError> {
        let mut v = HVec::new_in(HeapAlloc);
        v.try_reserve_exact(items.len()).map_err(|_| AllocError {
            size: items.len() * 8,
        })?;
        v.extend(items);
        Ok(ObjVec(UnsafeCell::new(v)))
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut HVec<ObjRef, HeapAlloc>) -> R) -> R {
        // SAFETY: every caller is a method of this type whose closure neither runs Python code
        // nor drops a reference nor re-enters this vector, so this is the only live borrow.
        f(unsafe { &mut *self.0.get() })
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.with(|v| v.len())
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of item storage reserved.
    pub fn capacity_bytes(&self) -> usize {
        self.with(|v| v.capacity() * std::mem::size_of::<ObjRef>())
    }

    /// A new reference to item `i`.
    pub fn get(&self, i: usize) -> Option<ObjRef> {
        self.with(|v| v.get(i).cloned())
    }

    /// The text of the last item (a str), borrowed for as long as `self` is.
    ///
    /// # Safety
    /// The caller guarantees that the last item's object stays alive while `self` is borrowed:
    /// nothing removes or replaces items of this vector in that time (pushing is fine: the text
    /// lives in the str object, not in the vector's storage).
    pub unsafe fn last_text(&self) -> Option<&str> {
        self.with(|v| {
            v.last().and_then(ObjRef::utf8_text).map(|t| {
                // SAFETY: the text is in the str object's own block, alive for the borrow of
                // `self` (the caller's guarantee), not in the vector's storage.
                unsafe { &*(t as *const str) }
            })
        })
    }

    /// Replaces item `i`, returning the old item (or gives `value` back if `i` is out of range).
    pub fn set(&self, i: usize, value: ObjRef) -> Result<ObjRef, ObjRef> {
        self.with(|v| match v.get_mut(i) {
            Some(slot) => Ok(std::mem::replace(slot, value)),
            None => Err(value),
        })
    }

    /// Appends an item.
    pub fn push(&self, value: ObjRef) -> Result<(), (AllocError, ObjRef)> {
        self.with(|v| {
            if v.len() == v.capacity() {
                // CPython's list over-allocation: about 1/8 more, plus a little.
                let want = (v.len() >> 3) + if v.len() < 9 { 3 } else { 6 };
                if v.try_reserve_exact(want).is_err() {
                    let size = (v.len() + want) * std::mem::size_of::<ObjRef>();
                    return Err((AllocError { size }, value));
                }
            }
            v.push(value);
            Ok(())
        })
    }

    /// Inserts an item at `i` (clamped to the length).
    pub fn insert(&self, i: usize, value: ObjRef) -> Result<(), (AllocError, ObjRef)> {
        self.with(|v| {
            if v.try_reserve(1).is_err() {
                return Err((
                    AllocError {
                        size: (v.len() + 1) * 8,
                    },
                    value,
                ));
            }
            let i = i.min(v.len());
            v.insert(i, value);
            Ok(())
        })
    }

    /// Removes and returns item `i`.
    pub fn remove(&self, i: usize) -> Option<ObjRef> {
        self.with(|v| if i < v.len() { Some(v.remove(i)) } else { None })
    }

    /// Removes and returns the last item.
    pub fn pop(&self) -> Option<ObjRef> {
        self.with(|v| v.pop())
    }

    /// New references to all items.
    pub fn snapshot(&self) -> Vec<ObjRef> {
        self.with(|v| v.iter().cloned().collect())
    }

    /// Takes every item out, leaving the vector empty (and its storage freed).
    pub fn take_all(&self) -> Vec<ObjRef> {
        self.with(|v| {
            let out: Vec<ObjRef> = v.drain(..).collect();
            v.shrink_to_fit();
            out
        })
    }

    /// Replaces all items, returning the old ones.
    pub fn replace_all(
        &self,
        items: Vec<ObjRef>,
    ) -> Result<Vec<ObjRef>, (AllocError, Vec<ObjRef>)> {
        self.with(|v| {
            let mut fresh = HVec::new_in(HeapAlloc);
            if fresh.try_reserve_exact(items.len()).is_err() {
                let size = items.len() * 8;
                return Err((AllocError { size }, items));
            }
            fresh.extend(items);
            let old = std::mem::replace(v, fresh);
            Ok(old.into_iter().collect())
        })
    }

    /// Visits every item.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        for r in unsafe { &*self.0.get() }.iter() {
            visit(r)
        }
    }
}

/// The native equality of two keys, if their type has one: both of the same static type
/// whose `native_eq` slot decides equality without running Python code (exact str, exact int).
#[inline]
fn native_eq_of(a: &ObjRef, b: &ObjRef) -> Option<super::typeobj::NativeEqFn> {
    let t = a.ob_type();
    if !std::ptr::eq(t, b.ob_type()) || t.is_heap_type() {
        return None;
    }
    t.slots.native_eq
}

/// The hash a dict's index is keyed by: the Python hash with its bits mixed upwards.
///
/// hashbrown picks the bucket from the low bits and keeps the top 7 bits as the tag it
/// compares first. Python's hash of an int is the int itself, so for every key below 2**57 the
/// top bits are all zero: every entry would carry the same tag and each lookup would compare
/// a whole group of candidates. Multiplying by an odd constant (a bijection) keeps the low
/// bits as distinct as the Python hash made them and spreads them into the top ones.
#[inline]
fn index_hash(hash: i64) -> u64 {
    (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// One live entry of a [`DictTable`].
struct DictEntry {
    hash: i64,
    key: ObjRef,
    value: ObjRef,
}

struct DictInner {
    /// Hash index: positions into `entries`.
    indices: hashbrown::HashTable<usize, HeapAlloc>,
    /// Entries in insertion order; `None` where one was deleted (CPython's compact dict).
    entries: HVec<Option<DictEntry>, HeapAlloc>,
    /// Live entries.
    used: usize,
    /// Bumped by every mutation, so lookups that ran Python code can notice a change.
    version: u64,
}

/// The hash table of a dict: insertion-ordered, keys compared by a caller-supplied equality that
/// may run Python code.
pub struct DictTable(UnsafeCell<DictInner>);

impl Default for DictTable {
    fn default() -> Self {
        DictTable::new()
    }
}

/// What a lookup found.
enum Probe {
    Found(usize),
    Missing,
}

impl DictTable {
    /// An empty table (no storage allocated).
    pub fn new() -> DictTable {
        DictTable(UnsafeCell::new(DictInner {
            indices: hashbrown::HashTable::new_in(HeapAlloc),
            entries: HVec::new_in(HeapAlloc),
            used: 0,
            version: 0,
        }))
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut DictInner) -> R) -> R {
        // SAFETY: as for `ObjVec::with`: callers' closures run no Python code, drop no
        // references and do not re-enter the table.
        f(unsafe { &mut *self.0.get() })
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.with(|d| d.used)
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mutation counter.
    pub fn version(&self) -> u64 {
        self.with(|d| d.version)
    }

    /// Bytes of storage reserved (index and entries).
    pub fn storage_bytes(&self) -> usize {
        self.with(|d| {
            d.indices.allocation_size()
                + d.entries.capacity() * std::mem::size_of::<Option<DictEntry>>()
        })
    }

    fn probe<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<Probe, E> {
        // Fast path: identical keys, and keys whose equality is decided natively (exact str,
        // exact int), need no candidate list. The native comparison is a type's slot, so it
        // runs with no borrow held, on its own reference to the candidate, and the version is
        // re-checked after it.
        enum Fast {
            Found(usize),
            Missing,
            Native(usize, ObjRef, super::typeobj::NativeEqFn, u64),
            Slow,
        }
        let fast = self.with(|d| {
            for &pos in d.indices.iter_hash(index_hash(hash)) {
                let Some(Some(e)) = d.entries.get(pos) else {
                    continue;
                };
                if e.hash != hash {
                    continue;
                }
                if e.key.is(key) {
                    return Fast::Found(pos);
                }
                return match native_eq_of(&e.key, key) {
                    Some(f) => Fast::Native(pos, e.key.clone(), f, d.version),
                    None => Fast::Slow,
                };
            }
            Fast::Missing
        });
        match fast {
            Fast::Found(pos) => return Ok(Probe::Found(pos)),
            Fast::Missing => return Ok(Probe::Missing),
            Fast::Native(pos, candidate, native_eq, version) => {
                let equal = native_eq(&candidate, key);
                drop(candidate);
                if equal == Some(true) && self.version() == version {
                    return Ok(Probe::Found(pos));
                }
                // Not equal (another entry with the same hash may be), undecided, or the table
                // changed: the general path below decides.
            }
            Fast::Slow => {}
        }
        'restart: loop {
            let (candidates, version) = self.with(|d| {
                let mut c: Vec<(usize, ObjRef)> = Vec::new();
                for &pos in d.indices.iter_hash(index_hash(hash)) {
                    if let Some(Some(e)) = d.entries.get(pos) {
                        if e.hash == hash {
                            if e.key.is(key) {
                                return (vec![(pos, e.key.clone())], u64::MAX);
                            }
                            c.push((pos, e.key.clone()));
                        }
                    }
                }
                (c, d.version)
            });
            if version == u64::MAX {
                return Ok(Probe::Found(candidates[0].0));
            }
            for (pos, candidate) in candidates {
                let equal = eq(&candidate, key)?;
                if self.version() != version {
                    continue 'restart;
                }
                if equal {
                    return Ok(Probe::Found(pos));
                }
            }
            return Ok(Probe::Missing);
        }
    }

    /// The key and value of the first entry with this hash whose key is a str with this text
    /// (looking up a str by its Rust text, without making a str object). The comparison is the
    /// core's own, so it runs while the table is borrowed.
    pub fn find_text(&self, hash: i64, text: &str) -> Option<(ObjRef, ObjRef)> {
        self.with(|d| {
            for &pos in d.indices.iter_hash(index_hash(hash)) {
                if let Some(Some(e)) = d.entries.get(pos) {
                    if e.hash == hash && e.key.utf8_text() == Some(text) {
                        return Some((e.key.clone(), e.value.clone()));
                    }
                }
            }
            None
        })
    }

    /// The value stored under `key`.
    pub fn get<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<Option<ObjRef>, E> {
        match self.probe(hash, key, eq)? {
            Probe::Found(pos) => {
                Ok(self.with(|d| d.entries[pos].as_ref().map(|e| e.value.clone())))
            }
            Probe::Missing => Ok(None),
        }
    }

    /// Stores `value` under `key`. Returns the replaced value, if any, for the caller to drop.
    /// An existing key keeps its original key object and position, as in CPython.
    pub fn insert<E>(
        &self,
        hash: i64,
        key: ObjRef,
        value: ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
        oom: impl FnOnce(AllocError) -> E,
    ) -> Result<Option<ObjRef>, E> {
        match self.probe(hash, &key, eq)? {
            Probe::Found(pos) => Ok(self.with(|d| {
                d.version += 1;
                d.entries[pos]
                    .as_mut()
                    .map(|e| std::mem::replace(&mut e.value, value))
            })),
            Probe::Missing => {
                let result = self.with(|d| {
                    if d.entries.len() == d.entries.capacity() {
                        let want = (d.entries.len() / 2).max(4);
                        if d.entries.try_reserve(want).is_err() {
                            return Err(AllocError { size: want * 24 });
                        }
                    }
                    let entries = &d.entries;
                    if d.indices
                        .try_reserve(1, |&p| {
                            entries[p].as_ref().map_or(0, |e| index_hash(e.hash))
                        })
                        .is_err()
                    {
                        return Err(AllocError {
                            size: d.indices.len() * 16,
                        });
                    }
                    let pos = d.entries.len();
                    d.entries.push(Some(DictEntry { hash, key, value }));
                    let entries = &d.entries;
                    d.indices.insert_unique(index_hash(hash), pos, |&p| {
                        entries[p].as_ref().map_or(0, |e| index_hash(e.hash))
                    });
                    d.used += 1;
                    d.version += 1;
                    Ok(())
                });
                result.map_err(oom)?;
                Ok(None)
            }
        }
    }

    /// Removes `key`, returning its key and value for the caller to drop.
    pub fn remove<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<Option<(ObjRef, ObjRef)>, E> {
        match self.probe(hash, key, eq)? {
            Probe::Found(pos) => Ok(self.with(|d| {
                if let Ok(entry) = d.indices.find_entry(index_hash(hash), |&p| p == pos) {
                    entry.remove();
                }
                d.used -= 1;
                d.version += 1;
                let removed = d.entries[pos].take().map(|e| (e.key, e.value));
                if d.used == 0 {
                    d.entries.clear();
                }
                removed
            })),
            Probe::Missing => Ok(None),
        }
    }

    /// The entry at position `pos` or the next live one after it: `(next_pos, key, value)`.
    /// Iteration goes `pos = 0, next_pos, ...` until `None`.
    pub fn next_entry(&self, pos: usize) -> Option<(usize, ObjRef, ObjRef)> {
        self.with(|d| {
            let mut p = pos;
            while p < d.entries.len() {
                if let Some(e) = &d.entries[p] {
                    return Some((p + 1, e.key.clone(), e.value.clone()));
                }
                p += 1;
            }
            None
        })
    }

    /// New references to every (key, value), in insertion order.
    pub fn items(&self) -> Vec<(ObjRef, ObjRef)> {
        self.with(|d| {
            d.entries
                .iter()
                .flatten()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect()
        })
    }

    /// Removes every entry, returning the references for the caller to drop.
    pub fn take_all(&self) -> Vec<ObjRef> {
        self.with(|d| {
            let mut out = Vec::with_capacity(d.used * 2);
            for e in d.entries.drain(..).flatten() {
                out.push(e.key);
                out.push(e.value);
            }
            d.indices = hashbrown::HashTable::new_in(HeapAlloc);
            d.entries = HVec::new_in(HeapAlloc);
            d.used = 0;
            d.version += 1;
            out
        })
    }

    /// Visits every key and value.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        for e in unsafe { &*self.0.get() }.entries.iter().flatten() {
            visit(&e.key);
            visit(&e.value);
        }
    }
}

/// A slot holding one value that is moved out to be used and moved back afterwards (a suspended
/// generator's frame). While the value is out, its references live on the Rust stack of whoever
/// took it, where the collector treats them as external (the objects stay reachable).
pub struct TakeCell<T>(UnsafeCell<Option<T>>);

impl<T: Traverse> TakeCell<T> {
    /// A cell holding `value`.
    pub fn new(value: Option<T>) -> TakeCell<T> {
        TakeCell(UnsafeCell::new(value))
    }

    /// Moves the value out (`None` if it is already out or was never put).
    pub fn take(&self) -> Option<T> {
        // SAFETY: no borrow of the contents escapes a method, and moving out runs no code.
        unsafe { (*self.0.get()).take() }
    }

    /// Moves a value in, returning what was there for the caller to drop.
    #[must_use = "drop the old value after any borrow of the owner ends"]
    pub fn put(&self, value: Option<T>) -> Option<T> {
        // SAFETY: as in `take`; the old value is moved out, not dropped here.
        unsafe { std::mem::replace(&mut *self.0.get(), value) }
    }

    /// Whether a value is in the cell.
    pub fn is_present(&self) -> bool {
        // SAFETY: a momentary shared read; no borrow escapes.
        unsafe { (*self.0.get()).is_some() }
    }

    /// Runs `f` on the contents (for reading plain fields such as an instruction index). The
    /// value is moved out while `f` runs, so no borrow of the cell is held: `f` sees the cell
    /// empty if it looks, and whatever it puts there is dropped when the value goes back.
    pub fn peek<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        let value = self.take();
        let r = f(value.as_ref());
        drop(self.put(value));
        r
    }

    /// Visits the references of the contents, if present.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        if let Some(v) = unsafe { &*self.0.get() } {
            v.traverse(visit)
        }
    }
}
