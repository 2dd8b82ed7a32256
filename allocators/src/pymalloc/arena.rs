//! Arenas: 1 MiB mappings from the operating system, cut into 64 pools.
//!
//! The arena *objects* (CPython's `struct arena_object`) live in a table, `allarenas`, indexed
//! by `arenaindex` (the index every pool header records). An object whose `address` is null
//! is unused and sits on the `unused_arena_objects` list, ready for the next mapping.
//!
//! # `usable_arenas` and `nfp2lasta`
//!
//! `usable_arenas` is a doubly linked list of the arenas that have at least one free pool,
//! **sorted by `nfreepools` ascending**: new pools are taken from the head, the fullest arena,
//! so that allocation piles up in a few arenas and the nearly empty ones can drain and be given
//! back to the system. (CPython's comment calls the benefit "un-scientific" but real; it is what
//! makes arena release possible at all under fragmentation.)
//!
//! Keeping the list sorted when a pool is freed used to mean walking right past every arena
//! with the same count. CPython 3.8 (bpo-37257) added `nfp2lasta`, here `last_arena_with`: for
//! each count `n`, the *last* (rightmost) arena in `usable_arenas` with `nfreepools == n`, or
//! none. An arena whose count grows from `n` to `n + 1` moves to just after
//! `last_arena_with[n]`, in O(1).
//!
//! Invariants (checked by [`super::Pymalloc::check_invariants`]):
//! * an arena is in `usable_arenas` iff it is mapped and `nfreepools > 0`;
//! * the list is sorted by `nfreepools` ascending and its back links mirror its forward links;
//! * `last_arena_with[n]` (`nfp2lasta`) is the rightmost arena of count `n` in the list, or none;
//! * `nfreepools` = length of `freepools` + pools never carved (`pool_address` to the end).
//!
//! # Giving arenas back
//!
//! When all 64 pools of an arena are free it is unmapped, unless it is the last arena in
//! `usable_arenas`: one wholly free arena is kept so that a loop allocating and freeing one
//! object does not map and unmap an arena on every turn (bpo-37257). Since a wholly free arena
//! has the largest possible count, at most one such arena is ever kept.
//!
//! CPython: `Objects/obmalloc.c`, `new_arena`, `allocate_from_new_pool`, `insert_to_freepool`.

use std::ptr;

use super::address_map::AddressMap;
use super::pool::{PoolHeader, POOL_SIZE};

/// `log2(ARENA_SIZE)`.
pub const ARENA_BITS: u32 = 20;
/// The size of an arena: 1 MiB, as in CPython 3.10 and later on 64-bit platforms.
pub const ARENA_SIZE: usize = 1 << ARENA_BITS;
/// Pools in one arena (64). Arenas are aligned to their size, so none is lost to alignment.
pub const POOLS_PER_ARENA: usize = ARENA_SIZE / POOL_SIZE;

/// "No arena": the null index of the arena lists.
pub(crate) const NIL: u32 = u32::MAX;

/// One entry of the arena table.
#[doc(alias = "arena_object")]
pub(crate) struct ArenaObject {
    /// Base of the 1 MiB mapping, or null while the object is unused.
    pub address: *mut u8,
    /// Next pool never handed out; pools at and above it are carved lazily.
    /// Invariant: `address <= pool_address <= address + ARENA_SIZE`, on a pool boundary.
    pub pool_address: *mut u8,
    /// Pools that are free: on `freepools` or never carved.
    pub nfreepools: u32,
    /// Singly linked list (through `nextpool`) of pools that were used and became empty.
    pub freepools: *mut PoolHeader,
    /// Next arena in `usable_arenas`, or in `unused_arena_objects` for an unused object.
    pub nextarena: u32,
    /// Previous arena in `usable_arenas`.
    pub prevarena: u32,
}

impl ArenaObject {
    fn unused(next: u32) -> ArenaObject {
        ArenaObject {
            address: ptr::null_mut(),
            pool_address: ptr::null_mut(),
            nfreepools: 0,
            freepools: ptr::null_mut(),
            nextarena: next,
            prevarena: NIL,
        }
    }

    /// Pools never carved from this arena.
    pub fn untouched_pools(&self) -> usize {
        (self.address as usize + ARENA_SIZE - self.pool_address as usize) / POOL_SIZE
    }
}

/// The arena table, the usable-arena list and their counters.
pub(crate) struct Arenas {
    /// Every arena object ever created, indexed by `arenaindex`.
    #[doc(alias = "arenas")]
    pub allarenas: Vec<ArenaObject>,
    /// Head of the list of unused arena objects, linked through `nextarena`.
    pub unused_arena_objects: u32,
    /// Head of the sorted list of arenas with free pools.
    pub usable_arenas: u32,
    /// For each free-pool count `n`, the rightmost arena in `usable_arenas` with
    /// `nfreepools == n`, or `NIL`. CPython: `nfp2lasta` ("number of free pools to last arena").
    #[doc(alias = "nfp2lasta")]
    pub last_arena_with: [u32; POOLS_PER_ARENA + 1],
    /// Arenas currently mapped.
    pub narenas_currently_allocated: usize,
    /// Arenas ever mapped.
    pub ntimes_arena_allocated: u64,
    /// The most arenas mapped at once.
    pub narenas_highwater: usize,
    /// Which addresses are inside a mapped arena.
    pub map: AddressMap,
}

impl Arenas {
    pub fn new() -> Arenas {
        Arenas {
            allarenas: Vec::new(),
            unused_arena_objects: NIL,
            usable_arenas: NIL,
            last_arena_with: [NIL; POOLS_PER_ARENA + 1],
            narenas_currently_allocated: 0,
            ntimes_arena_allocated: 0,
            narenas_highwater: 0,
            map: AddressMap::new(),
        }
    }

    /// Map a fresh arena and give it an arena object. It is not linked into `usable_arenas`.
    ///
    /// CPython: `new_arena`.
    fn new_arena(&mut self) -> Option<u32> {
        let base = map_arena()?;
        if !AddressMap::covers(base as usize) {
            // SAFETY: `base` is the mapping `map_arena` just made, used by nothing.
            unsafe { unmap_arena(base) };
            return None;
        }
        let index = if self.unused_arena_objects != NIL {
            let index = self.unused_arena_objects;
            self.unused_arena_objects = self.allarenas[index as usize].nextarena;
            index
        } else {
            let index = u32::try_from(self.allarenas.len())
                .ok()
                .filter(|&i| i != NIL)?;
            self.allarenas.push(ArenaObject::unused(NIL));
            index
        };
        let ao = &mut self.allarenas[index as usize];
        debug_assert!(
            ao.address.is_null(),
            "arena object {index} reused while in use"
        );
        *ao = ArenaObject {
            address: base,
            pool_address: base,
            nfreepools: POOLS_PER_ARENA as u32,
            freepools: ptr::null_mut(),
            nextarena: NIL,
            prevarena: NIL,
        };
        self.map.insert(base as usize);
        self.narenas_currently_allocated += 1;
        self.ntimes_arena_allocated += 1;
        self.narenas_highwater = self.narenas_highwater.max(self.narenas_currently_allocated);
        Some(index)
    }

    /// Take a free pool from the fullest usable arena, mapping a new arena if none has one.
    ///
    /// Returns the pool (its header not yet initialised), its arena index, and whether an arena
    /// was mapped. `None` if the system refused a new arena.
    ///
    /// CPython: the arena half of `allocate_from_new_pool`.
    pub fn take_pool(&mut self) -> Option<(*mut PoolHeader, u32, bool)> {
        let mut mapped = false;
        if self.usable_arenas == NIL {
            let a = self.new_arena()?;
            mapped = true;
            self.usable_arenas = a;
            debug_assert!(
                self.last_arena_with[POOLS_PER_ARENA] == NIL,
                "nfp2lasta[64] set with no usable arena"
            );
            self.last_arena_with[POOLS_PER_ARENA] = a;
        }
        let a = self.usable_arenas;
        let ao = &mut self.allarenas[a as usize];
        let nf = ao.nfreepools as usize;
        debug_assert!(
            nf > 0 && ao.prevarena == NIL,
            "head arena {a} has {nf} free pools"
        );

        // The head is the only arena of its count that can be leftmost, so if it is also the
        // rightmost of its count it is the only one; after the take it becomes the new (only)
        // rightmost of count nf - 1, since no arena had fewer free pools than the head.
        if self.last_arena_with[nf] == a {
            self.last_arena_with[nf] = NIL;
        }
        if nf > 1 {
            debug_assert!(
                self.last_arena_with[nf - 1] == NIL,
                "an arena left of the head"
            );
            self.last_arena_with[nf - 1] = a;
        }

        let pool = if !ao.freepools.is_null() {
            let pool = ao.freepools;
            // SAFETY: pools on `freepools` are initialised headers inside this mapped arena,
            // linked through `nextpool`.
            ao.freepools = unsafe { (*pool).nextpool };
            pool
        } else {
            debug_assert!(
                ao.untouched_pools() > 0,
                "arena {a} counts free pools it does not have"
            );
            let pool = ao.pool_address;
            // SAFETY: an untouched pool exists, so `pool_address + POOL_SIZE` is at most the end
            // of the mapping.
            ao.pool_address = unsafe { pool.add(POOL_SIZE) };
            pool.cast()
        };
        ao.nfreepools -= 1;
        if ao.nfreepools == 0 {
            // The arena is used up: it leaves usable_arenas (it is the head).
            let next = ao.nextarena;
            ao.nextarena = NIL;
            self.usable_arenas = next;
            if next != NIL {
                self.allarenas[next as usize].prevarena = NIL;
            }
        }
        Some((pool, a, mapped))
    }

    /// A pool became empty (it has already left `usedpools`): put it on its arena's `freepools`,
    /// keep `usable_arenas` sorted, and unmap the arena if it is wholly free and not the last.
    /// Returns true if the arena was unmapped.
    ///
    /// CPython: `insert_to_freepool`, whose four cases are numbered the same way here.
    ///
    /// # Safety
    /// `pool` must be an initialised pool, of a mapped arena, with no block in use and in no list.
    pub unsafe fn insert_to_freepool(&mut self, pool: *mut PoolHeader) -> bool {
        // SAFETY: the caller gives an initialised pool; its `arenaindex` names its mapped arena.
        let a = unsafe { (*pool).arenaindex };
        let ao = &mut self.allarenas[a as usize];
        // SAFETY: as above; the header is ours to relink.
        unsafe { (*pool).nextpool = ao.freepools };
        ao.freepools = pool;
        let nf = ao.nfreepools as usize;
        let prev = ao.prevarena;
        // If this arena is the rightmost of count nf, that role passes to its left neighbour if
        // the neighbour has the same count. (An arena of count 0 is in no list.)
        let lastnf = self.last_arena_with[nf];
        debug_assert!((nf == 0) == (lastnf == NIL), "nfp2lasta[{nf}] = {lastnf}");
        if lastnf == a {
            self.last_arena_with[nf] =
                if prev != NIL && self.allarenas[prev as usize].nfreepools as usize == nf {
                    prev
                } else {
                    NIL
                };
        }
        let nf = nf + 1;
        let ao = &mut self.allarenas[a as usize];
        ao.nfreepools = nf as u32;
        let next = ao.nextarena;

        // Case 1: every pool is free and the arena is not the last in the list: give it back.
        if nf == POOLS_PER_ARENA && next != NIL {
            self.unlink_usable(a);
            let ao = &mut self.allarenas[a as usize];
            let base = ao.address;
            *ao = ArenaObject::unused(self.unused_arena_objects);
            self.unused_arena_objects = a;
            self.map.remove(base as usize);
            // SAFETY: every pool of the arena is free, so no block points into the mapping, and
            // nothing refers to it any more: the object is unused and the map forgot it.
            unsafe { unmap_arena(base) };
            self.narenas_currently_allocated -= 1;
            return true;
        }

        // Case 2: the arena had no free pool, so it was in no list: it now has the fewest free
        // pools of all, and goes to the head.
        if nf == 1 {
            let head = self.usable_arenas;
            let ao = &mut self.allarenas[a as usize];
            ao.nextarena = head;
            ao.prevarena = NIL;
            if head != NIL {
                self.allarenas[head as usize].prevarena = a;
            }
            self.usable_arenas = a;
            if self.last_arena_with[1] == NIL {
                self.last_arena_with[1] = a;
            }
            return false;
        }

        if self.last_arena_with[nf] == NIL {
            self.last_arena_with[nf] = a;
        }
        // Case 4: the arena was the rightmost of its old count, so everything to its right has
        // at least the new count: the list is still sorted.
        if lastnf == a {
            return false;
        }
        // Case 3: arenas of the old count lie to its right; move it just after the last of them.
        debug_assert!(
            next != NIL && lastnf != NIL,
            "arena {a} is out of order with no right side"
        );
        self.unlink_usable(a);
        let after = self.allarenas[lastnf as usize].nextarena;
        {
            let ao = &mut self.allarenas[a as usize];
            ao.prevarena = lastnf;
            ao.nextarena = after;
        }
        if after != NIL {
            self.allarenas[after as usize].prevarena = a;
        }
        self.allarenas[lastnf as usize].nextarena = a;
        debug_assert!(
            after == NIL || self.allarenas[after as usize].nfreepools as usize >= nf,
            "arena {a} placed before arena {after} with fewer free pools"
        );
        false
    }

    /// Take arena `a` out of `usable_arenas`.
    fn unlink_usable(&mut self, a: u32) {
        let (prev, next) = {
            let ao = &self.allarenas[a as usize];
            (ao.prevarena, ao.nextarena)
        };
        if prev != NIL {
            self.allarenas[prev as usize].nextarena = next;
        } else {
            debug_assert!(
                self.usable_arenas == a,
                "arena {a} has no predecessor but is not the head"
            );
            self.usable_arenas = next;
        }
        if next != NIL {
            self.allarenas[next as usize].prevarena = prev;
        }
        let ao = &mut self.allarenas[a as usize];
        ao.prevarena = NIL;
        ao.nextarena = NIL;
    }
}

impl Drop for Arenas {
    fn drop(&mut self) {
        for ao in &mut self.allarenas {
            if !ao.address.is_null() {
                // SAFETY: the arena is mapped and owned by this table; the allocator is going
                // away, so no block from it may be used any more (the `RawAllocator` contract).
                unsafe { unmap_arena(ao.address) };
                ao.address = ptr::null_mut();
            }
        }
    }
}

/// Map `ARENA_SIZE` bytes aligned to `ARENA_SIZE`, or `None` if the system refuses.
///
/// The kernel usually places consecutive mappings next to each other, so the first try is often
/// aligned; otherwise map twice the size and trim both ends.
fn map_arena() -> Option<*mut u8> {
    if cfg!(feature = "global-alloc") {
        // SAFETY: the layout (1 MiB aligned to 1 MiB) has a non-zero size.
        let p = unsafe { std::alloc::alloc(arena_layout()) };
        return (!p.is_null()).then_some(p);
    }
    // SAFETY: an anonymous private mapping with no address hint has no preconditions.
    let p = unsafe { mmap_anon(ARENA_SIZE) }?;
    if (p as usize).is_multiple_of(ARENA_SIZE) {
        return Some(p);
    }
    // SAFETY: `p` is the mapping of ARENA_SIZE bytes made just above, used by nothing.
    unsafe { libc::munmap(p.cast(), ARENA_SIZE) };
    // SAFETY: as for the first mapping.
    let p = unsafe { mmap_anon(2 * ARENA_SIZE) }?;
    let head = (ARENA_SIZE - p as usize % ARENA_SIZE) % ARENA_SIZE;
    let tail = ARENA_SIZE - head;
    // SAFETY: `[p, p + head)` and `[p + head + ARENA_SIZE, p + 2 * ARENA_SIZE)` are the two ends
    // of the mapping just made; what stays is the aligned middle.
    unsafe {
        if head > 0 {
            libc::munmap(p.cast(), head);
        }
        if tail > 0 {
            libc::munmap(p.add(head + ARENA_SIZE).cast(), tail);
        }
        Some(p.add(head))
    }
}

/// An arena's layout when it comes from the global allocator (the `global-alloc` feature, so
/// that dhat sees arenas).
fn arena_layout() -> std::alloc::Layout {
    std::alloc::Layout::from_size_align(ARENA_SIZE, ARENA_SIZE)
        .unwrap_or(std::alloc::Layout::new::<u8>())
}

/// # Safety
/// None beyond those of `mmap` itself; the result is a fresh mapping of `len` bytes.
unsafe fn mmap_anon(len: usize) -> Option<*mut u8> {
    // SAFETY: no hint, no file: the kernel picks an unused range.
    let p = unsafe {
        libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    (p != libc::MAP_FAILED).then_some(p.cast())
}

/// # Safety
/// `base` must be an arena mapped by `map_arena` that nothing uses any more.
unsafe fn unmap_arena(base: *mut u8) {
    if cfg!(feature = "global-alloc") {
        // SAFETY: under `global-alloc` arenas come from the global allocator with this layout.
        unsafe { std::alloc::dealloc(base, arena_layout()) };
        return;
    }
    // SAFETY: the caller promises `base` is a whole arena mapping nobody uses.
    let rc = unsafe { libc::munmap(base.cast(), ARENA_SIZE) };
    debug_assert!(rc == 0, "munmap of arena {base:p} failed");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arenas_are_aligned_and_recorded() {
        let mut arenas = Arenas::new();
        let (pool, a, mapped) = arenas.take_pool().expect("mmap");
        assert!(mapped);
        let base = arenas.allarenas[a as usize].address as usize;
        assert_eq!(base % ARENA_SIZE, 0);
        assert_eq!(pool as usize, base);
        assert!(arenas.map.contains(base + 12345));
        assert_eq!(
            arenas.allarenas[a as usize].nfreepools as usize,
            POOLS_PER_ARENA - 1
        );
        assert_eq!(arenas.last_arena_with[POOLS_PER_ARENA - 1], a);
        assert_eq!(arenas.last_arena_with[POOLS_PER_ARENA], NIL);
    }
}
