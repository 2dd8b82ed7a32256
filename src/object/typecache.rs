//! Per-interpreter type state: the `__dict__`, MRO and version tag of each static type, and the
//! method cache (CPython's `type_cache`, `Objects/typeobject.c`).
//!
//! **Static types** are `static`s shared by every interpreter thread, so what readiness builds
//! for them — a `__dict__` of descriptors and slot wrappers, the MRO tuple — lives here, in a
//! [`StaticTypeTable`] indexed by the type's process-wide [`super::typeobj::StaticIndex`]. A
//! static type's dict never changes after readiness (its attributes cannot be assigned), so its
//! version tag is fixed.
//!
//! **Version tags.** Every type has a version tag: a number, unique within the interpreter and
//! never reused, that stands for "this type's MRO and the dicts along it, as they are now". `0`
//! means no tag (not assigned yet, or invalidated). A heap type's tag is assigned on its first
//! lookup and reset to 0, with its subclasses', whenever a class attribute along its MRO is
//! assigned or deleted, or the type is cleared (`HeapTypeObject::modified`).
//!
//! **The method cache** maps `(version tag, interned name)` to the result of the MRO walk —
//! found or not found — in [`METHOD_CACHE_SIZE`] direct-mapped entries, so a repeated lookup
//! costs one probe. Entries hold *strong* references (so nothing here needs the caller's
//! promises to stay sound), and three rules keep them from changing what Python observes:
//! * a type's entries are dropped when its tag is reset (`drop_version`, through the type's list
//!   of the entries it filled), before the dict changes — so assigning or deleting a class
//!   attribute frees the old value exactly when CPython would;
//! * the whole cache is emptied at the start of every collection (`clear`), so the collector
//!   never sees a reference it cannot account for: a class and the functions in its dict form a
//!   cycle that the cache must not keep alive;
//! * teardown empties it before the heap is checked for leaks.

use super::cells::ObjCell;
use super::handle::ObjRef;
use std::cell::{Cell, UnsafeCell};

/// Number of method cache entries (CPython: `1 << MCACHE_SIZE_EXP` = 4096).
pub const METHOD_CACHE_SIZE: usize = 4096;

/// One cache entry: a version tag, the interned name, and what the walk found.
struct Entry {
    version: Cell<u32>,
    name: ObjCell,
    value: ObjCell,
}

/// The method cache: `(version tag, name)` → the attribute found along the MRO (or none).
pub struct MethodCache {
    entries: Box<[Entry]>,
    /// Indexes of entries filled since the last `clear`, so clearing touches only those.
    filled: UnsafeCell<Vec<u16>>,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache::new()
    }
}

#[inline]
fn slot_of(version: u32, name: &ObjRef) -> usize {
    // Interned names are distinct objects; their addresses are 16-byte aligned.
    ((version as usize) ^ (name.addr() >> 4)) & (METHOD_CACHE_SIZE - 1)
}

impl MethodCache {
    /// An empty cache.
    pub fn new() -> MethodCache {
        let entries = (0..METHOD_CACHE_SIZE)
            .map(|_| Entry {
                version: Cell::new(0),
                name: ObjCell::new(None),
                value: ObjCell::new(None),
            })
            .collect();
        MethodCache {
            entries,
            filled: UnsafeCell::new(Vec::new()),
        }
    }

    /// The cached result of looking `name` up in the type whose tag is `version`:
    /// `Some(Some(v))` found, `Some(None)` known absent, `None` not cached. One probe: the
    /// entry's index is computed from the tag and the name's address, and the entry is checked
    /// to hold that tag and that very name.
    #[inline]
    pub fn get(&self, version: u32, name: &ObjRef) -> Option<Option<ObjRef>> {
        if version == 0 {
            return None;
        }
        let e = &self.entries[slot_of(version, name)];
        if e.version.get() == version && e.name.holds(name) {
            return Some(e.value.get());
        }
        None
    }

    /// Whether the cache knows that the type whose tag is `version` has nothing named
    /// `name` along its MRO (no reference is taken).
    #[inline]
    pub fn knows_absent(&self, version: u32, name: &ObjRef) -> bool {
        if version == 0 {
            return false;
        }
        let e = &self.entries[slot_of(version, name)];
        e.version.get() == version && e.name.holds(name) && !e.value.is_set()
    }

    /// Records the result of a lookup. Returns the entry's index (for the type's list of the
    /// entries it filled) and the references it replaced, for the caller to drop.
    #[must_use = "drop the replaced references after the cache is consistent"]
    pub fn put(
        &self,
        version: u32,
        name: &ObjRef,
        value: Option<&ObjRef>,
    ) -> (u16, [Option<ObjRef>; 2]) {
        let i = slot_of(version, name);
        let e = &self.entries[i];
        let was_empty = e.version.get() == 0;
        e.version.set(version);
        let old_name = e.name.replace(Some(name.clone()));
        let old_value = e.value.replace(value.cloned());
        if was_empty {
            // SAFETY: `filled` is only borrowed inside these methods, none of which re-enters.
            unsafe { (*self.filled.get()).push(i as u16) };
        }
        (i as u16, [old_name, old_value])
    }

    /// Forgets the entries `slots` that still belong to `version` (a type whose tag is being
    /// reset). Returns the references released, for the caller to drop.
    #[must_use = "drop the released references after the cache is consistent"]
    pub fn drop_version(&self, version: u32, slots: &[u16]) -> Vec<ObjRef> {
        let mut out = Vec::new();
        for &i in slots {
            let e = &self.entries[i as usize];
            if e.version.get() == version {
                e.version.set(0);
                out.extend(e.name.replace(None));
                out.extend(e.value.replace(None));
            }
        }
        out
    }

    /// Empties the cache (before a collection, at teardown). Returns the references released.
    #[must_use = "drop the released references after the cache is consistent"]
    pub fn clear(&self) -> Vec<ObjRef> {
        // SAFETY: as in `put`.
        let filled = std::mem::take(unsafe { &mut *self.filled.get() });
        let mut out = Vec::with_capacity(filled.len() * 2);
        for i in filled {
            let e = &self.entries[i as usize];
            e.version.set(0);
            out.extend(e.name.replace(None));
            out.extend(e.value.replace(None));
        }
        out
    }
}

/// What readiness built for one static type in one interpreter.
pub struct StaticState {
    /// The type's `__dict__` (a dict; exposed read-only through a mappingproxy).
    pub dict: ObjRef,
    /// `__mro__` (a tuple of types, the type itself first).
    pub mro: ObjRef,
    /// The version tag (fixed: static types' dicts do not change after readiness).
    pub version: u32,
}

/// The states of the static types made ready in this interpreter, by static index.
#[derive(Default)]
pub struct StaticTypeTable {
    states: UnsafeCell<Vec<Option<StaticState>>>,
}

impl StaticTypeTable {
    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut Vec<Option<StaticState>>) -> R) -> R {
        // SAFETY: no borrow escapes these methods, and none of them runs Python code or drops a
        // reference while the vector is borrowed (replaced states are handed back to the caller).
        f(unsafe { &mut *self.states.get() })
    }

    /// Whether the type at `index` is ready.
    #[inline]
    pub fn is_ready(&self, index: usize) -> bool {
        self.with(|s| s.get(index).is_some_and(Option::is_some))
    }

    /// The version tag of the type at `index` (0: not ready).
    #[inline]
    pub fn version(&self, index: usize) -> u32 {
        self.with(|s| {
            s.get(index)
                .and_then(Option::as_ref)
                .map_or(0, |st| st.version)
        })
    }

    /// A new reference to the `__dict__` of the type at `index`.
    #[inline]
    pub fn dict(&self, index: usize) -> Option<ObjRef> {
        self.with(|s| {
            s.get(index)
                .and_then(Option::as_ref)
                .map(|st| st.dict.clone())
        })
    }

    /// A new reference to the `__mro__` of the type at `index`.
    #[inline]
    pub fn mro(&self, index: usize) -> Option<ObjRef> {
        self.with(|s| {
            s.get(index)
                .and_then(Option::as_ref)
                .map(|st| st.mro.clone())
        })
    }

    /// Installs the state of the type at `index`; returns a previous one for the caller to drop.
    #[must_use = "drop the old state after the table is consistent"]
    pub fn set(&self, index: usize, state: StaticState) -> Option<StaticState> {
        self.with(|s| {
            if s.len() <= index {
                s.resize_with(index + 1, || None);
            }
            s[index].replace(state)
        })
    }

    /// Removes every state (teardown), returning them for the caller to drop.
    #[must_use = "drop the states after the table is consistent"]
    pub fn take_all(&self) -> Vec<StaticState> {
        self.with(|s| s.drain(..).flatten().collect())
    }
}
