//! [`DictTable`]: the hash table of `dict`. It lives beside the other cells and follows their
//! rule: no borrow of the contents escapes a method, and no Python code runs (nor is a reference
//! dropped) while one is held.
//!
//! The entries sit in insertion order in an array with holes where keys were deleted (CPython's
//! compact dict); a hashbrown table indexes their positions. The array's geometry is CPython
//! 3.11's keys object, followed step by step: its size, the appends left before a resize
//! (`dk_usable`), whether it holds only exact str keys, and when it is compacted. The index
//! is free to differ, but positions are observable: an iterator holds a position, and after
//! the dict changed what it finds there (or whether it finds anything) is what CPython finds.

use crate::object::handle::ObjRef;
use crate::object::heap::HeapAlloc;
use allocator_api2::vec::Vec as HVec;
use arenapy_allocators::AllocError;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU32, Ordering};

/// The last keys version handed out (process-wide, so no two tables ever share one; see
/// [`DictTable::keys_version`]).
static LAST_KEYS_VERSION: AtomicU32 = AtomicU32::new(0);

/// The native equality of two keys, if their type has one: both of the same static type
/// whose `native_eq` slot decides equality without running Python code (exact str, exact int).
#[inline]
fn native_eq_of(a: &ObjRef, b: &ObjRef) -> Option<crate::object::typeobj::NativeEqFn> {
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

/// Empty entry and index storage with room for `capacity` entries, from the interpreter's heap.
fn empty_storage(capacity: usize) -> Result<(Entries, Indices), AllocError> {
    let mut entries = HVec::new_in(HeapAlloc);
    entries
        .try_reserve_exact(capacity)
        .map_err(|_| AllocError {
            size: capacity.saturating_mul(std::mem::size_of::<Option<DictEntry>>()),
        })?;
    let mut indices = hashbrown::HashTable::new_in(HeapAlloc);
    indices
        .try_reserve(capacity, |_: &usize| 0)
        .map_err(|_| AllocError {
            size: capacity.saturating_mul(16),
        })?;
    Ok((entries, indices))
}

/// A dict's entries in insertion order (`None`: deleted).
type Entries = HVec<Option<DictEntry>, HeapAlloc>;
/// Positions into the entries, hashed.
type Indices = hashbrown::HashTable<usize, HeapAlloc>;

struct DictInner {
    /// Hash index: positions into `entries`.
    indices: Indices,
    /// Entries in insertion order; `None` where one was deleted (CPython's `dk_entries`, of
    /// which this holds the first `dk_nentries`).
    entries: Entries,
    /// Live entries.
    used: usize,
    /// Bumped by every mutation, so lookups that ran Python code can notice a change.
    version: u64,
    /// The keys version (CPython's `dk_version`): a number standing for the current set and
    /// positions of the keys, assigned on demand; 0 when none was assigned since they last
    /// changed (a key added or deleted, a resize). Overwriting a value keeps it.
    keys_version: u32,
    /// log2 of CPython's keys size; 0 for the shared empty keys of a new or cleared dict.
    log2_size: u8,
    /// Entries that can still be appended before the next resize (`dk_usable`).
    usable: usize,
    /// Every key so far an exact str (`DICT_KEYS_UNICODE`); the first other key resizes.
    unicode: bool,
}

/// CPython's `PyDict_LOG_MINSIZE`: a new keys object has at least 8 slots.
const LOG_MINSIZE: u8 = 3;
/// CPython's `log2_max_presize`: the most a dict display reserves up front.
const LOG_MAX_PRESIZE: u8 = 17;
/// Sizes from here on are refused (as CPython refuses `log2 >= 64`), before any arithmetic
/// on them could overflow.
const LOG_TOO_BIG: u8 = (usize::BITS - 2) as u8;

/// The entries a keys object of `2**log2` slots holds (CPython's `USABLE_FRACTION`); the
/// shared empty keys of a new dict (`log2` 0) holds none.
fn usable_fraction(log2: u8) -> usize {
    ((1usize << log2) << 1) / 3
}

/// CPython's `calculate_log2_keysize` (its 64-bit form), with its rounding: any `minsize` from
/// 1 to 7 gives 16 slots, 0 and 8 give 8, a power of two from 16 on twice itself, any other
/// the next power of two. (`dict.fromkeys` of a 21-item set has 64 slots in CPython 3.11.)
fn log2_keysize(minsize: usize) -> u8 {
    let m = (minsize | 8) - 1;
    (usize::BITS - (m | 7).leading_zeros()) as u8
}

/// CPython's `estimate_log2_keysize`: a size with room for `n` entries.
fn estimate_log2_keysize(n: usize) -> u8 {
    log2_keysize(n.saturating_mul(3).saturating_add(1) / 2)
}

/// Whether a key is an exact str (what keeps a table str-only, CPython's
/// `PyUnicode_CheckExact`): str text in a static type, so no subclass.
fn is_exact_str(key: &ObjRef) -> bool {
    !key.ob_type().is_heap_type() && key.utf8_text().is_some()
}

impl DictInner {
    fn empty() -> DictInner {
        DictInner {
            indices: hashbrown::HashTable::new_in(HeapAlloc),
            entries: HVec::new_in(HeapAlloc),
            used: 0,
            version: 0,
            keys_version: 0,
            log2_size: 0,
            usable: 0,
            unicode: true,
        }
    }

    /// CPython's `dictresize`: a keys object of `2**log2` slots holding the live entries in
    /// order, without holes. A table that holds other keys than str stays general. On failure
    /// the table is left as it was.
    fn resize(&mut self, log2: u8, unicode: bool) -> Result<(), AllocError> {
        if log2 >= LOG_TOO_BIG {
            return Err(AllocError { size: usize::MAX });
        }
        let capacity = usable_fraction(log2).max(self.used);
        let (mut entries, mut indices) = empty_storage(capacity)?;
        entries.extend(self.entries.drain(..).flatten().map(Some));
        let live = &entries;
        for (pos, e) in live.iter().enumerate() {
            if let Some(e) = e {
                indices.insert_unique(index_hash(e.hash), pos, |&p| {
                    live[p].as_ref().map_or(0, |e| index_hash(e.hash))
                });
            }
        }
        self.usable = capacity - entries.len();
        self.entries = entries;
        self.indices = indices;
        self.log2_size = log2;
        self.unicode = unicode && self.unicode;
        self.version += 1;
        self.keys_version = 0;
        Ok(())
    }

    /// CPython's `insertion_resize`: room to grow, sized from the live entries.
    fn grow(&mut self, unicode: bool) -> Result<(), AllocError> {
        self.resize(log2_keysize(self.used.saturating_mul(3)), unicode)
    }

    /// Before storing `key`: a key other than an exact str turns a str-only table into a
    /// general one, which CPython does by a resize (even if the key is already there).
    fn admit(&mut self, str_key: bool) -> Result<(), AllocError> {
        if self.unicode && !str_key && self.log2_size != 0 {
            self.grow(false)?;
        }
        Ok(())
    }

    /// Appends a new entry, resizing first as CPython does: the empty keys become 8 slots
    /// (str-only if this key is a str), a full table grows.
    fn append(&mut self, hash: i64, key: ObjRef, value: ObjRef) -> Result<(), AllocError> {
        let str_key = is_exact_str(&key);
        if self.log2_size == 0 {
            self.resize(LOG_MINSIZE, str_key)?;
        } else {
            self.admit(str_key)?;
            if self.usable == 0 {
                self.grow(true)?;
            }
        }
        if self.entries.len() == self.entries.capacity() && self.entries.try_reserve(1).is_err() {
            return Err(AllocError { size: 24 });
        }
        let entries = &self.entries;
        if self
            .indices
            .try_reserve(1, |&p| {
                entries[p].as_ref().map_or(0, |e| index_hash(e.hash))
            })
            .is_err()
        {
            return Err(AllocError {
                size: self.indices.len().saturating_mul(16),
            });
        }
        let pos = self.entries.len();
        self.entries.push(Some(DictEntry { hash, key, value }));
        let entries = &self.entries;
        self.indices.insert_unique(index_hash(hash), pos, |&p| {
            entries[p].as_ref().map_or(0, |e| index_hash(e.hash))
        });
        self.used += 1;
        self.usable = self.usable.saturating_sub(1);
        self.version += 1;
        self.keys_version = 0;
        Ok(())
    }
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
    /// An empty table (no storage allocated: CPython's shared empty keys).
    pub fn new() -> DictTable {
        DictTable(UnsafeCell::new(DictInner::empty()))
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

    /// Positions in the entry array, holes included (CPython's `dk_nentries`): where a
    /// reverse iterator starts.
    pub fn entry_count(&self) -> usize {
        self.with(|d| d.entries.len())
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
            Native(usize, ObjRef, crate::object::typeobj::NativeEqFn, u64),
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
        // Candidates already compared unequal, by position and key: a restart after the
        // table changed does not compare them again (CPython restarts a probe only when the
        // entry it compared was replaced, so an `__eq__` that deletes other keys runs once).
        let mut unequal: Vec<(usize, ObjRef)> = Vec::new();
        'restart: loop {
            let (candidates, version) = self.with(|d| {
                let mut c: Vec<(usize, ObjRef)> = Vec::new();
                for &pos in d.indices.iter_hash(index_hash(hash)) {
                    if let Some(Some(e)) = d.entries.get(pos) {
                        if e.hash == hash {
                            if e.key.is(key) {
                                return (vec![(pos, e.key.clone())], u64::MAX);
                            }
                            if !unequal.iter().any(|(p, k)| *p == pos && k.is(&e.key)) {
                                c.push((pos, e.key.clone()));
                            }
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
                    // Still where it was: the comparison stands.
                    let in_place = self.with(
                        |d| matches!(d.entries.get(pos), Some(Some(e)) if e.key.is(&candidate)),
                    );
                    if equal && in_place {
                        return Ok(Probe::Found(pos));
                    }
                    if in_place {
                        unequal.push((pos, candidate));
                    }
                    continue 'restart;
                }
                if equal {
                    return Ok(Probe::Found(pos));
                }
                unequal.push((pos, candidate));
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
        let str_key = is_exact_str(&key);
        if let Err(e) = self.with(|d| d.admit(str_key)) {
            return Err(oom(e));
        }
        match self.probe(hash, &key, eq)? {
            Probe::Found(pos) => Ok(self.with(|d| {
                d.version += 1;
                d.entries[pos]
                    .as_mut()
                    .map(|e| std::mem::replace(&mut e.value, value))
            })),
            Probe::Missing => {
                // The table takes references of its own: if appending fails they are dropped
                // inside the borrow, which frees nothing while `key` and `value` are held here.
                let result = self.with(|d| {
                    let (k, v) = (key.clone(), value.clone());
                    d.append(hash, k, v)
                });
                match result {
                    Ok(()) => Ok(None),
                    Err(e) => Err(oom(e)),
                }
            }
        }
    }

    /// `dict.setdefault`: the value stored under `key`, else `default`, stored under it. One
    /// lookup, so the key's `__eq__` runs once per colliding entry, as in CPython.
    pub fn setdefault<E>(
        &self,
        hash: i64,
        key: ObjRef,
        default: ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
        oom: impl FnOnce(AllocError) -> E,
    ) -> Result<ObjRef, E> {
        let str_key = is_exact_str(&key);
        if let Err(e) = self.with(|d| d.admit(str_key)) {
            return Err(oom(e));
        }
        match self.probe(hash, &key, eq)? {
            Probe::Found(pos) => {
                let found = self.with(|d| d.entries[pos].as_ref().map(|e| e.value.clone()));
                Ok(found.unwrap_or(default))
            }
            Probe::Missing => {
                let result = self.with(|d| d.append(hash, key.clone(), default.clone()));
                match result {
                    Ok(()) => Ok(default),
                    Err(e) => Err(oom(e)),
                }
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
                let removed = d.entries[pos].take().map(|e| (e.key, e.value));
                if removed.is_some() {
                    d.used -= 1;
                }
                d.version += 1;
                d.keys_version = 0;
                removed
            })),
            Probe::Missing => Ok(None),
        }
    }

    /// Removes the last entry (`dict.popitem()`), returning its key and value for the caller
    /// to drop. As in CPython the array ends where it was, so the next entry takes its place.
    pub fn pop_last(&self) -> Option<(ObjRef, ObjRef)> {
        self.with(|d| {
            let pos = d.entries.iter().rposition(Option::is_some)?;
            let e = d.entries[pos].take()?;
            if let Ok(entry) = d.indices.find_entry(index_hash(e.hash), |&p| p == pos) {
                entry.remove();
            }
            d.entries.truncate(pos);
            d.used -= 1;
            d.version += 1;
            d.keys_version = 0;
            Some((e.key, e.value))
        })
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

    /// The entry at position `pos` or the nearest live one before it: `(its_pos, key, value)`.
    /// Positions past the end of the array hold nothing.
    pub fn prev_entry(&self, pos: usize) -> Option<(usize, ObjRef, ObjRef)> {
        self.with(|d| {
            let last = pos.min(d.entries.len().checked_sub(1)?);
            (0..=last).rev().find_map(|p| {
                d.entries[p]
                    .as_ref()
                    .map(|e| (p, e.key.clone(), e.value.clone()))
            })
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

    /// Removes every entry, returning the references for the caller to drop. The table is
    /// the empty keys of a new dict again.
    pub fn take_all(&self) -> Vec<ObjRef> {
        self.with(|d| {
            let mut out = Vec::with_capacity(d.used * 2);
            for e in d.entries.drain(..).flatten() {
                out.push(e.key);
                out.push(e.value);
            }
            let version = d.version + 1;
            *d = DictInner::empty();
            d.version = version;
            out
        })
    }

    /// Whether every key is an exact str (CPython's `DK_IS_UNICODE`).
    pub fn is_str_only(&self) -> bool {
        self.with(|d| d.unicode)
    }

    /// Whether `dict.copy()` copies this layout as it is, holes included (CPython's fast copy:
    /// a non-empty table at most a third of whose entries are holes).
    pub fn copies_as_is(&self) -> bool {
        self.with(|d| d.used > 0 && d.used >= d.entries.len() * 2 / 3)
    }

    /// Whether merging this table into an empty dict copies its layout (CPython's
    /// `dict_merge`: no holes, and either the smallest size or more than a third full).
    pub fn merges_as_is(&self) -> bool {
        self.with(|d| {
            d.used > 0
                && d.used == d.entries.len()
                && (d.log2_size == LOG_MINSIZE || usable_fraction(d.log2_size - 1) < d.used)
        })
    }

    /// Makes this table, which must be empty, a copy of `other`: the same entries at the same
    /// positions and the same geometry (CPython's `clone_combined_dict_keys`). Does nothing
    /// if this table is not empty or is `other`.
    pub fn copy_layout(&self, other: &DictTable) -> Result<(), AllocError> {
        if std::ptr::eq(self, other) || !self.is_empty() {
            return Ok(());
        }
        // Built from `other` first (cloning references only), then moved in.
        let fresh = other.with(|o| -> Result<DictInner, AllocError> {
            let capacity = usable_fraction(o.log2_size).max(o.entries.len());
            let (mut entries, mut indices) = empty_storage(capacity)?;
            entries.extend(o.entries.iter().map(|e| {
                e.as_ref().map(|e| DictEntry {
                    hash: e.hash,
                    key: e.key.clone(),
                    value: e.value.clone(),
                })
            }));
            let live = &entries;
            for (pos, e) in live.iter().enumerate() {
                if let Some(e) = e {
                    indices.insert_unique(index_hash(e.hash), pos, |&p| {
                        live[p].as_ref().map_or(0, |e| index_hash(e.hash))
                    });
                }
            }
            Ok(DictInner {
                indices,
                entries,
                used: o.used,
                version: 0,
                keys_version: 0,
                log2_size: o.log2_size,
                usable: o.usable,
                unicode: o.unicode,
            })
        })?;
        // The old storage holds no references (the table is empty), so dropping it here is
        // safe.
        self.with(|d| {
            let version = d.version + 1;
            *d = fresh;
            d.version = version;
        });
        Ok(())
    }

    /// Before merging `n` more entries in: CPython's one resize up front when this table's
    /// size could not hold them (`unicode`: whether the incoming keys are all str).
    pub fn reserve_for_merge(&self, n: usize, unicode: bool) -> Result<(), AllocError> {
        self.with(|d| {
            if usable_fraction(d.log2_size) < n {
                d.resize(estimate_log2_keysize(d.used.saturating_add(n)), unicode)
            } else {
                Ok(())
            }
        })
    }

    /// Resizes for `n` entries (CPython's `dict.fromkeys` of a dict or set).
    pub fn reserve_exact(&self, n: usize, unicode: bool) -> Result<(), AllocError> {
        self.with(|d| d.resize(estimate_log2_keysize(n), unicode))
    }

    /// Sizes a new, empty table for the `n` entries of a dict display (CPython's
    /// `dict_new_presized`: nothing up to 5, at most `2**17` slots).
    pub fn reserve_display(&self, n: usize, unicode: bool) -> Result<(), AllocError> {
        if n <= usable_fraction(LOG_MINSIZE) || !self.is_empty() {
            return Ok(());
        }
        let log2 = if n > usable_fraction(LOG_MAX_PRESIZE) {
            LOG_MAX_PRESIZE
        } else {
            estimate_log2_keysize(n)
        };
        self.with(|d| d.resize(log2, unicode))
    }

    /// The keys version of the table as it is now, assigning one if it has none (what an
    /// inline cache records); 0 when the versions are exhausted (do not cache).
    pub fn keys_version(&self) -> u32 {
        self.with(|d| {
            if d.keys_version == 0 {
                let last = LAST_KEYS_VERSION.fetch_add(1, Ordering::Relaxed);
                if last == u32::MAX - 1 {
                    LAST_KEYS_VERSION.store(u32::MAX - 1, Ordering::Relaxed);
                    return 0;
                }
                d.keys_version = last + 1;
            }
            d.keys_version
        })
    }

    /// The keys version without assigning one (0: none since the keys last changed), for
    /// guards: a nonzero version recorded earlier and read again proves the keys unchanged.
    #[inline]
    pub fn current_keys_version(&self) -> u32 {
        self.with(|d| d.keys_version)
    }

    /// Where `key` is, decided by identity alone: `Some(Some(pos))` it is the key at `pos`,
    /// `Some(None)` no entry has its hash (so no key equals it), `None` undecided (another key
    /// with the same hash would need a comparison).
    pub fn position_by_identity(&self, hash: i64, key: &ObjRef) -> Option<Option<usize>> {
        self.with(|d| {
            for &pos in d.indices.iter_hash(index_hash(hash)) {
                if let Some(Some(e)) = d.entries.get(pos) {
                    if e.hash == hash {
                        return e.key.is(key).then_some(Some(pos));
                    }
                }
            }
            Some(None)
        })
    }

    /// The value at entry `pos` while the keys version is still `keys_version` (nonzero).
    #[inline]
    pub fn value_at(&self, keys_version: u32, pos: usize) -> Option<ObjRef> {
        self.with(|d| {
            if keys_version == 0 || d.keys_version != keys_version {
                return None;
            }
            d.entries.get(pos)?.as_ref().map(|e| e.value.clone())
        })
    }

    /// The value at entry `pos` if its key is `key` itself (a position hint).
    #[inline]
    pub fn value_at_hint(&self, pos: usize, key: &ObjRef) -> Option<ObjRef> {
        self.with(|d| match d.entries.get(pos) {
            Some(Some(e)) if e.key.is(key) => Some(e.value.clone()),
            _ => None,
        })
    }

    /// Replaces the value at entry `pos` if its key is `key` itself: `Ok(old value)` for the
    /// caller to drop, or `Err(value)` given back when the hint is stale.
    pub fn replace_at_hint(
        &self,
        pos: usize,
        key: &ObjRef,
        value: ObjRef,
    ) -> Result<ObjRef, ObjRef> {
        self.with(|d| match d.entries.get_mut(pos) {
            Some(Some(e)) if e.key.is(key) => {
                d.version += 1;
                Ok(std::mem::replace(&mut e.value, value))
            }
            _ => Err(value),
        })
    }

    /// Visits every key and value.
    pub fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        for e in unsafe { &*self.0.get() }.entries.iter().flatten() {
            visit(&e.key);
            visit(&e.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{estimate_log2_keysize, log2_keysize, usable_fraction};

    #[test]
    fn geometry_is_cpythons() {
        // CPython 3.11's sizes, quirks included (what `sys.getsizeof` shows of its dicts).
        let sizes: Vec<u32> = [0, 1, 3, 7, 8, 9, 15, 16, 17, 30, 32, 33]
            .iter()
            .map(|&n| 1 << log2_keysize(n))
            .collect();
        assert_eq!(sizes, [8, 16, 16, 16, 8, 16, 16, 32, 32, 32, 64, 64]);
        let presized: Vec<u32> = [0, 4, 5, 6, 10, 11, 21, 22]
            .iter()
            .map(|&n| 1 << estimate_log2_keysize(n))
            .collect();
        assert_eq!(presized, [8, 16, 8, 16, 16, 32, 64, 64]);
        assert_eq!(
            [0, 3, 4, 5].map(|l| usable_fraction(l as u8)),
            [0, 5, 10, 21]
        );
        // No size overflows: the largest ones are refused before use.
        assert!(log2_keysize(usize::MAX) as u32 >= super::LOG_TOO_BIG as u32);
        assert!(estimate_log2_keysize(usize::MAX) as u32 >= super::LOG_TOO_BIG as u32);
    }
}
