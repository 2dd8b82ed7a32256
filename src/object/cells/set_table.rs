//! [`SetTable`]: the hash table of `set` and `frozenset`, a port of CPython's
//! `Objects/setobject.c` table. It lives beside the other cells and follows their rule: no
//! borrow of the contents escapes a method, and no Python code runs (nor is a reference dropped)
//! while one is held.

use crate::object::handle::ObjRef;
use crate::object::heap::HeapAlloc;
use allocator_api2::vec::Vec as HVec;
use arenapy_allocators::AllocError;
use std::cell::UnsafeCell;

/// One slot of a [`SetTable`] (CPython's `setentry`): empty (`key` `None`, `hash` 0), a dummy
/// left by a deletion (`key` `None`, `hash` -1; real hashes are never -1), or active.
struct SetSlot {
    hash: i64,
    key: Option<ObjRef>,
}

impl SetSlot {
    const EMPTY: SetSlot = SetSlot { hash: 0, key: None };
    const DUMMY_HASH: i64 = -1;

    fn is_empty(&self) -> bool {
        self.key.is_none() && self.hash != Self::DUMMY_HASH
    }
}

/// CPython's `PySet_MINSIZE`.
const SET_MINSIZE: usize = 8;
/// CPython's `LINEAR_PROBES`: slots tried next to the home slot before perturbing.
const LINEAR_PROBES: usize = 9;
/// CPython's `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

struct SetInner {
    /// The slots; `mask + 1` of them, a power of two. Empty (no storage) until the first insert,
    /// which behaves as CPython's 8-slot small table.
    table: HVec<SetSlot, HeapAlloc>,
    /// Active plus dummy slots. Invariant: `fill < table.len()` (some slot stays empty, so every
    /// probe sequence ends), kept by resizing when `fill * 5 >= mask * 3`.
    fill: usize,
    /// Active slots (the set's length).
    used: usize,
    /// Where `pop` starts looking (CPython's `finger`).
    finger: usize,
    /// Bumped by every mutation, so a probe that ran Python code can notice a change.
    version: u64,
}

impl SetInner {
    fn mask(&self) -> usize {
        self.table.len().max(SET_MINSIZE) - 1
    }

    fn ensure_table(&mut self) -> Result<(), AllocError> {
        if self.table.is_empty() {
            self.table = new_set_slots(SET_MINSIZE)?;
        }
        Ok(())
    }

    /// CPython's `set_table_resize`: a table of the smallest power of two above `minused`
    /// (at least 8), with the active entries reinserted in table order and dummies dropped.
    fn resize(&mut self, minused: usize) -> Result<(), AllocError> {
        let mut newsize = SET_MINSIZE;
        while newsize <= minused {
            newsize = newsize
                .checked_mul(2)
                .ok_or(AllocError { size: usize::MAX })?;
        }
        if newsize == SET_MINSIZE && self.table.len() <= SET_MINSIZE && self.fill == self.used {
            return Ok(()); // the small table has no dummies: nothing to do
        }
        let mut fresh = new_set_slots(newsize)?;
        let old = std::mem::replace(&mut self.table, HVec::new_in(HeapAlloc));
        let mask = newsize - 1;
        for slot in old {
            if let Some(key) = slot.key {
                insert_clean(&mut fresh, mask, key, slot.hash);
            }
        }
        self.table = fresh;
        self.fill = self.used;
        Ok(())
    }
}

fn new_set_slots(n: usize) -> Result<HVec<SetSlot, HeapAlloc>, AllocError> {
    let mut v = HVec::new_in(HeapAlloc);
    v.try_reserve_exact(n).map_err(|_| AllocError {
        size: n * std::mem::size_of::<SetSlot>(),
    })?;
    v.extend((0..n).map(|_| SetSlot::EMPTY));
    Ok(v)
}

/// CPython's `set_insert_clean`: places a key known to be absent into a table without dummies.
fn insert_clean(table: &mut [SetSlot], mask: usize, key: ObjRef, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        if table[i].key.is_none() {
            table[i] = SetSlot {
                hash,
                key: Some(key),
            };
            return;
        }
        if i + LINEAR_PROBES <= mask {
            if let Some(slot) = table[i + 1..=i + LINEAR_PROBES]
                .iter_mut()
                .find(|s| s.key.is_none())
            {
                *slot = SetSlot {
                    hash,
                    key: Some(key),
                };
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
    }
}

/// What a set probe found.
enum SetProbe {
    /// The key is at this slot.
    Found(usize),
    /// The key is absent; the search ended at the empty slot `empty`, and `freeslot` is the last
    /// dummy passed on the way (reused by an insert, as in CPython's `set_add_entry`).
    Absent {
        empty: usize,
        freeslot: Option<usize>,
    },
    /// The table has no storage yet.
    Unallocated,
}

/// The hash table of a set or frozenset: CPython's open addressing (`Objects/setobject.c`:
/// linear probes, then perturbation; dummies for deletions; the same growth rule), so that
/// iteration order, `pop()` and `frozenset` hashes match CPython's for the same insertions.
/// Keys are compared by a caller-supplied equality that may run Python code; it is called with
/// no borrow held, and the probe restarts if the table changed meanwhile.
pub struct SetTable(UnsafeCell<SetInner>);

impl Default for SetTable {
    fn default() -> Self {
        SetTable::new()
    }
}

impl SetTable {
    /// An empty table (no storage allocated).
    pub fn new() -> SetTable {
        SetTable(UnsafeCell::new(SetInner {
            table: HVec::new_in(HeapAlloc),
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
        }))
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut SetInner) -> R) -> R {
        // SAFETY: as for `ObjVec::with`: callers' closures run no Python code, drop no
        // references and do not re-enter the table, so this is the only live borrow.
        f(unsafe { &mut *self.0.get() })
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.with(|s| s.used)
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The mutation counter.
    pub fn version(&self) -> u64 {
        self.with(|s| s.version)
    }

    /// Bytes of slot storage reserved.
    pub fn storage_bytes(&self) -> usize {
        self.with(|s| s.table.capacity() * std::mem::size_of::<SetSlot>())
    }

    /// Number of slots (CPython's `mask + 1`; 8 before the first insert).
    pub fn slots(&self) -> usize {
        self.with(|s| s.mask() + 1)
    }

    fn probe<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<SetProbe, E> {
        enum Step {
            Empty,
            Dummy,
            Same,
            Candidate(ObjRef),
            Other,
        }
        'restart: loop {
            let (allocated, mask, version) =
                self.with(|s| (!s.table.is_empty(), s.mask(), s.version));
            if !allocated {
                return Ok(SetProbe::Unallocated);
            }
            let mut perturb = hash as u64;
            let mut i = hash as u64 as usize & mask;
            let mut freeslot = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in i..=i + probes {
                    let step = self.with(|s| {
                        let slot = &s.table[j];
                        match &slot.key {
                            None if slot.hash == SetSlot::DUMMY_HASH => Step::Dummy,
                            None => Step::Empty,
                            Some(k) if slot.hash == hash && k.is(key) => Step::Same,
                            Some(k) if slot.hash == hash => Step::Candidate(k.clone()),
                            Some(_) => Step::Other,
                        }
                    });
                    match step {
                        Step::Empty => return Ok(SetProbe::Absent { empty: j, freeslot }),
                        Step::Same => return Ok(SetProbe::Found(j)),
                        Step::Dummy => freeslot = Some(j),
                        Step::Other => {}
                        Step::Candidate(k) => {
                            let equal = eq(&k, key)?;
                            drop(k);
                            if self.version() != version {
                                continue 'restart;
                            }
                            if equal {
                                return Ok(SetProbe::Found(j));
                            }
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize)
                    & mask;
            }
        }
    }

    /// Whether `key` is in the set.
    pub fn contains<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<bool, E> {
        Ok(matches!(self.probe(hash, key, eq)?, SetProbe::Found(_)))
    }

    /// Adds `key` (CPython's `set_add_entry`); returns whether it was absent. An equal key
    /// already present is kept.
    pub fn add<E>(
        &self,
        hash: i64,
        key: ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
        oom: impl FnOnce(AllocError) -> E,
    ) -> Result<bool, E> {
        let (empty, freeslot) = match self.probe(hash, &key, eq)? {
            SetProbe::Found(_) => return Ok(false),
            SetProbe::Absent { empty, freeslot } => (empty, freeslot),
            SetProbe::Unallocated => {
                self.with(|s| s.ensure_table()).map_err(oom)?;
                let mask = SET_MINSIZE - 1;
                self.with(|s| {
                    // A fresh table: the probe would end at the first empty slot of the sequence.
                    insert_clean(&mut s.table, mask, key, hash);
                    s.fill += 1;
                    s.used += 1;
                    s.version += 1;
                });
                return Ok(true);
            }
        };
        self.with(|s| {
            s.version += 1;
            s.used += 1;
            if let Some(f) = freeslot {
                s.table[f] = SetSlot {
                    hash,
                    key: Some(key),
                };
                return Ok(true);
            }
            s.table[empty] = SetSlot {
                hash,
                key: Some(key),
            };
            s.fill += 1;
            if s.fill * 5 < s.mask() * 3 {
                return Ok(true);
            }
            let minused = if s.used > 50000 {
                s.used * 2
            } else {
                s.used * 4
            };
            s.resize(minused).map(|()| true)
        })
        .map_err(oom)
    }

    /// Removes `key`, returning it for the caller to drop (CPython's `set_discard_entry`).
    pub fn discard<E>(
        &self,
        hash: i64,
        key: &ObjRef,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
    ) -> Result<Option<ObjRef>, E> {
        match self.probe(hash, key, eq)? {
            SetProbe::Found(j) => Ok(self.with(|s| {
                let slot = &mut s.table[j];
                slot.hash = SetSlot::DUMMY_HASH;
                s.used -= 1;
                s.version += 1;
                s.table[j].key.take()
            })),
            _ => Ok(None),
        }
    }

    /// Removes and returns an arbitrary key, scanning from the finger as CPython's `set.pop`.
    pub fn pop(&self) -> Option<ObjRef> {
        self.with(|s| {
            if s.used == 0 || s.table.is_empty() {
                return None;
            }
            let mask = s.mask();
            let mut i = s.finger & mask;
            while s.table[i].key.is_none() {
                i = (i + 1) & mask;
            }
            s.table[i].hash = SetSlot::DUMMY_HASH;
            s.used -= 1;
            s.version += 1;
            s.finger = i + 1;
            s.table[i].key.take()
        })
    }

    /// CPython's resize after a difference update: rebuilds the table when more than a quarter
    /// of the slots are dummies.
    pub fn compact(&self) -> Result<(), AllocError> {
        self.with(|s| {
            if s.fill - s.used <= s.mask() / 4 {
                return Ok(());
            }
            s.version += 1;
            let minused = if s.used > 50000 {
                s.used * 2
            } else {
                s.used * 4
            };
            s.resize(minused)
        })
    }

    /// Grows the table ahead of inserting about `n` keys (the presizing of CPython's
    /// `set_merge` and of updates from a dict).
    pub fn presize(&self, n: usize) -> Result<(), AllocError> {
        self.with(|s| {
            if (s.fill + n) * 5 >= s.mask() * 3 {
                s.version += 1;
                s.ensure_table()?;
                s.resize((s.used + n) * 2)
            } else {
                Ok(())
            }
        })
    }

    /// CPython's `set_merge`: adds every key of `other`, copying its layout when this table is
    /// empty and of the same size, and skipping comparisons when this table is empty.
    pub fn merge<E>(
        &self,
        other: &SetTable,
        eq: &mut dyn FnMut(&ObjRef, &ObjRef) -> Result<bool, E>,
        oom: impl Fn(AllocError) -> E,
    ) -> Result<(), E> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (o_mask, o_fill, o_used, slots) = other.with(|o| {
            let slots: Vec<(i64, Option<ObjRef>)> =
                o.table.iter().map(|e| (e.hash, e.key.clone())).collect();
            (o.mask(), o.fill, o.used, slots)
        });
        if o_used == 0 {
            return Ok(());
        }
        self.presize(o_used).map_err(&oom)?;
        let fast = self.with(|s| s.fill == 0 && s.mask() == o_mask && o_fill == o_used);
        if fast || self.with(|s| s.fill == 0) {
            self.with(|s| s.ensure_table()).map_err(&oom)?;
            self.with(|s| {
                let mask = s.mask();
                for (i, (hash, key)) in slots.into_iter().enumerate() {
                    let Some(key) = key else { continue };
                    if fast {
                        s.table[i] = SetSlot {
                            hash,
                            key: Some(key),
                        };
                    } else {
                        insert_clean(&mut s.table, mask, key, hash);
                    }
                }
                s.fill = if fast { o_fill } else { o_used };
                s.used = o_used;
                s.version += 1;
            });
            return Ok(());
        }
        for (hash, key) in slots {
            if let Some(key) = key {
                self.add(hash, key, eq, &oom)?;
            }
        }
        Ok(())
    }

    /// The active slot at `pos` or the next one after it: `(next_pos, hash, key)`. Iteration
    /// goes `pos = 0, next_pos, ...` until `None` (CPython's `set_next`).
    pub fn next_entry(&self, pos: usize) -> Option<(usize, i64, ObjRef)> {
        self.with(|s| {
            let mut p = pos;
            while p < s.table.len() {
                if let Some(k) = &s.table[p].key {
                    return Some((p + 1, s.table[p].hash, k.clone()));
                }
                p += 1;
            }
            None
        })
    }

    /// New references to every `(hash, key)`, in table order.
    pub fn entries(&self) -> Vec<(i64, ObjRef)> {
        self.with(|s| {
            s.table
                .iter()
                .filter_map(|e| e.key.clone().map(|k| (e.hash, k)))
                .collect()
        })
    }

    /// Exchanges the contents of two tables (CPython's `set_swap_bodies`).
    pub fn swap(&self, other: &SetTable) {
        if std::ptr::eq(self, other) {
            return;
        }
        self.with(|a| {
            other.with(|b| {
                std::mem::swap(a, b);
                a.version = a.version.max(b.version) + 1;
                b.version = a.version;
            })
        })
    }

    /// Removes every key, returning the references for the caller to drop; the table goes back
    /// to the small empty state.
    pub fn take_all(&self) -> Vec<ObjRef> {
        self.with(|s| {
            let old = std::mem::replace(&mut s.table, HVec::new_in(HeapAlloc));
            s.fill = 0;
            s.used = 0;
            s.finger = 0;
            s.version += 1;
            old.into_iter().filter_map(|e| e.key).collect()
        })
    }

    /// Visits every key.
    pub fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        for e in unsafe { &*self.0.get() }.table.iter() {
            if let Some(k) = &e.key {
                visit(k);
            }
        }
    }

    /// Checks the table's invariants: a power-of-two size, `used`/`fill` matching the slots,
    /// and at least one empty slot. Returns a description of the first violation.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.with(|s| {
            if s.table.is_empty() {
                return if s.used == 0 && s.fill == 0 {
                    Ok(())
                } else {
                    Err(format!("no table but used={} fill={}", s.used, s.fill))
                };
            }
            let n = s.table.len();
            let active = s.table.iter().filter(|e| e.key.is_some()).count();
            let dummies = s
                .table
                .iter()
                .filter(|e| e.key.is_none() && !e.is_empty())
                .count();
            if !n.is_power_of_two() || active != s.used || active + dummies != s.fill || s.fill >= n
            {
                return Err(format!(
                    "size {n}: used {} (active {active}), fill {} (dummies {dummies})",
                    s.used, s.fill
                ));
            }
            Ok(())
        })
    }
}
