//! pymalloc: CPython's small-object allocator (`Objects/obmalloc.c`), rebuilt in Rust.
//!
//! # Layers
//!
//! ```text
//!   operating system ──mmap, 1 MiB──▶ arena ──64 × 16 KiB──▶ pool ──(16 KiB - 48) / size──▶ block
//!
//!   arena: 1 MiB, aligned to 1 MiB                     (arena.rs: ArenaObject, usable_arenas)
//!   ┌─────────┬─────────┬─────────┬─────┬──────────┐
//!   │ pool 0  │ pool 1  │ pool 2  │ ... │ pool 63  │   pools at and past `pool_address`
//!   └─────────┴─────────┴─────────┴─────┴──────────┘   have never been used
//!        │
//!        ▼  pool: 16 KiB, one size class               (pool.rs: PoolHeader, usedpools)
//!   ┌────────────┬───────┬───────┬─────┬───────┬──────────────────┬──────┐
//!   │ header (48)│ block │ block │ ... │ block │ not carved yet   │ waste│
//!   └────────────┴───────┴───────┴─────┴───────┴──────────────────┴──────┘
//!                    │
//!                    ▼  block: `size` bytes; while free, its first word links the free list
//! ```
//!
//! Requests of more than [`SMALL_REQUEST_THRESHOLD`] (512) bytes skip all of this and go to the
//! system allocator (`malloc`, 16-byte aligned). `free` tells the two apart by address, with the
//! radix-tree [address map](address_map) (`address_in_range`), never by reading the block.
//!
//! # Size classes
//!
//! | request (bytes) | block size | `szidx` | blocks per pool | bytes lost per pool |
//! |-----------------|-----------:|--------:|----------------:|--------------------:|
//! | 1 - 16          | 16         | 0       | 1021            | 48 + 0              |
//! | 17 - 32         | 32         | 1       | 510             | 48 + 16             |
//! | 33 - 48         | 48         | 2       | 340             | 48 + 16             |
//! | ...             | ...        | ...     | ...             | ...                 |
//! | 497 - 512       | 512        | 31      | 31              | 48 + 496            |
//!
//! `szidx = (n - 1) >> 4`; see [`size_class`] for the table's code.
//!
//! # Pool states
//!
//! * **used**: some blocks handed out, some available (listed or not yet carved). A used pool is
//!   linked in `usedpools[szidx]`, the list allocation takes from.
//! * **full**: every block handed out. In no list; `freeblock` is null.
//! * **empty**: no block handed out. On its arena's `freepools` list, ready for any size class.
//!
//! ```text
//!   never used / empty ──alloc: allocate_from_new_pool (cold)──▶ used (front of usedpools)
//!   used ──alloc takes the last available block──▶ full (unlinked)
//!   full ──free──▶ used (relinked at the FRONT of usedpools: the next allocation fills it)
//!   used ──free of the last block in use──▶ empty (unlinked, pushed on arena.freepools)
//! ```
//!
//! # Invariants
//!
//! Checked in full by [`Pymalloc::check_invariants`], in part by `debug_assert!`s at each
//! transition:
//! 1. pool: `count + len(free list) == blocks carved`, every free block lies inside the pool's
//!    carved area on a block boundary, `freeblock` is null iff the pool is full;
//! 2. `usedpools[i]` holds exactly the used pools of class `i`, with consistent back links;
//! 3. arena: `nfreepools == len(freepools) + pools never carved`; every pool on `freepools` is
//!    empty; the address map holds exactly the mapped arenas;
//! 4. `usable_arenas` holds exactly the mapped arenas with a free pool, sorted by `nfreepools`
//!    ascending, and `nfp2lasta[n]` is its rightmost arena of count `n` (see [`arena`]).
//!
//! # Statistics
//!
//! `live_bytes` counts requested sizes. `footprint` = mapped arenas × [`ARENA_SIZE`] + the
//! usable sizes (`malloc_usable_size`) of the large blocks currently held. [`Pymalloc::report`]
//! (via [`RawAllocator::report`]) breaks the arenas down the way `sys._debugmallocstats()` does.
//!
//! # Teardown
//!
//! Dropping a `Pymalloc` unmaps every arena, live blocks or not. Large blocks come from
//! `malloc` one by one and are not recorded, so the caller must free them first; any still
//! live at drop are leaked (never freed twice). The interpreter frees everything before it
//! drops its allocator; the debug wrapper frees what is left itself.

pub mod address_map;
pub mod arena;
mod invariants;
pub mod pool;
mod report;
pub mod size_class;

use std::fmt;
use std::ptr::NonNull;

use crate::system;
use crate::{AllocError, AllocStats, RawAllocator};

pub use arena::{ARENA_SIZE, POOLS_PER_ARENA};
pub use invariants::{CheckLevel, InvariantError};
pub use pool::{POOL_OVERHEAD, POOL_SIZE};
pub use size_class::{ALIGNMENT, NB_SMALL_SIZE_CLASSES, SMALL_REQUEST_THRESHOLD};

use arena::Arenas;
use pool::{pool_addr, PoolHeader, UsedPools};
use size_class::{class_size, size_class_index};

/// CPython's object allocator: arenas of pools of fixed-size blocks, one pool per size class.
///
/// See the [module documentation](self) for the structures, states and invariants.
pub struct Pymalloc {
    /// For each size class, the pools with blocks both in use and available.
    usedpools: UsedPools,
    /// The arena table, `usable_arenas`, `nfp2lasta` and the address map.
    arenas: Arenas,
    /// Requested-size statistics and footprint.
    stats: AllocStats,
    /// Large blocks (over 512 bytes) currently held from the system allocator.
    large_blocks: u64,
    /// Sum of `malloc_usable_size` of those blocks; part of the footprint.
    large_bytes: u64,
}

// SAFETY: every raw pointer in a `Pymalloc` points into arenas it mapped itself and owns
// exclusively; no state is shared with another `Pymalloc` or kept per thread, so moving the whole
// structure to another thread is sound. It is not `Sync`: `&Pymalloc` gives no mutation anyway.
unsafe impl Send for Pymalloc {}

impl Default for Pymalloc {
    fn default() -> Self {
        Pymalloc::new()
    }
}

impl fmt::Debug for Pymalloc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pymalloc")
            .field("arenas_current", &self.arenas_current())
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl Pymalloc {
    /// An allocator holding no arena yet.
    pub fn new() -> Pymalloc {
        Pymalloc {
            usedpools: UsedPools::new(),
            arenas: Arenas::new(),
            stats: AllocStats::default(),
            large_blocks: 0,
            large_bytes: 0,
        }
    }

    /// Arenas currently mapped.
    #[doc(alias = "narenas_currently_allocated")]
    pub fn arenas_current(&self) -> usize {
        self.arenas.narenas_currently_allocated
    }

    /// Arenas mapped since creation, including those given back.
    #[doc(alias = "ntimes_arena_allocated")]
    pub fn arenas_allocated_total(&self) -> u64 {
        self.arenas.ntimes_arena_allocated
    }

    /// The most arenas mapped at once.
    #[doc(alias = "narenas_highwater")]
    pub fn arenas_highwater(&self) -> usize {
        self.arenas.narenas_highwater
    }

    /// Whether `ptr` lies inside one of this allocator's arenas (O(1), reads no block memory).
    #[inline(always)]
    pub fn address_in_range(&self, ptr: *const u8) -> bool {
        self.arenas.map.contains(ptr as usize)
    }

    /// Hand out a block of at least `size` bytes, 16-byte aligned.
    ///
    /// # Errors
    /// [`AllocError`] if a new arena or a large block cannot be had from the system.
    #[inline(always)]
    pub fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let p = self.alloc_raw(size)?;
        self.stats.on_alloc(size);
        Ok(p)
    }

    /// Allocation without statistics (shared by `alloc` and a moving `realloc`).
    #[inline(always)]
    fn alloc_raw(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        if size <= SMALL_REQUEST_THRESHOLD {
            let szidx = size_class_index(size.max(1));
            let pool = self.usedpools.head(szidx);
            if pool.is_null() {
                return self
                    .allocate_from_new_pool(szidx)
                    .ok_or(AllocError { size });
            }
            // SAFETY: pools in `usedpools` are used pools of mapped arenas (invariant 2), so
            // their `freeblock` is a free block of the pool.
            let bp = unsafe { pool::pop_block(pool) };
            // SAFETY: `pool` is still a valid header; null `freeblock` means it just became full.
            if unsafe { (*pool).freeblock.is_null() } {
                // SAFETY: `pool` is the head of `usedpools[szidx]`.
                unsafe { self.usedpools.unlink(szidx, pool) };
            }
            // SAFETY: a block address is inside a mapped arena, never null.
            Ok(unsafe { NonNull::new_unchecked(bp) })
        } else {
            self.alloc_large(size)
        }
    }

    /// No used pool of this class: take an empty pool (mapping an arena if needed), make it the
    /// class's only used pool, and return its first block.
    ///
    /// CPython: `allocate_from_new_pool`.
    #[cold]
    #[inline(never)]
    fn allocate_from_new_pool(&mut self, szidx: usize) -> Option<NonNull<u8>> {
        let (pool, arenaindex, mapped) = self.arenas.take_pool()?;
        if mapped {
            self.stats.grow_footprint(ARENA_SIZE);
        }
        // SAFETY: `take_pool` hands out a pool of a mapped arena that no block uses.
        let bp = unsafe { pool::init_pool(pool, arenaindex, szidx) };
        // SAFETY: the pool is initialised and in no list; `usedpools[szidx]` is empty, since we
        // only get here when it is.
        unsafe { self.usedpools.push_front(szidx, pool) };
        NonNull::new(bp)
    }

    #[cold]
    fn alloc_large(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let (p, usable) = system::sys_alloc(size).ok_or(AllocError { size })?;
        self.large_blocks += 1;
        self.large_bytes += usable as u64;
        self.stats.grow_footprint(usable);
        Ok(p)
    }

    /// Take back a block.
    ///
    /// # Safety
    /// `ptr` must come from this allocator's `alloc`/`realloc` with requested size `size`, and
    /// must not have been freed since.
    #[inline(always)]
    pub unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded caller contract.
        unsafe { self.free_raw(ptr, size) };
        self.stats.on_free(size);
    }

    /// `free` without statistics.
    ///
    /// # Safety
    /// As for [`Pymalloc::free`].
    #[inline(always)]
    unsafe fn free_raw(&mut self, ptr: NonNull<u8>, size: usize) {
        let p = ptr.as_ptr();
        // The block's requested size says where it came from: a request of at most
        // SMALL_REQUEST_THRESHOLD bytes is always served from a pool (the small path never
        // falls back to the system, and a resize keeps a block small or large by its new
        // size), a larger one never is. CPython's free has no size and must ask the address
        // map (`address_in_range`); here that is only a debug check.
        debug_assert_eq!(
            size <= SMALL_REQUEST_THRESHOLD,
            self.address_in_range(p),
            "free of block {p:p} with size {size}: the size and the arenas disagree"
        );
        if size > SMALL_REQUEST_THRESHOLD {
            // SAFETY: a large request, so a live large block from `alloc_large` (caller
            // contract).
            unsafe { self.free_large(ptr, size) };
            return;
        }
        let pool = pool_addr(p);
        // SAFETY: `p` is a small block, so it is in a mapped arena and `pool` is the initialised
        // header of the pool that handed it out, and `p` is live (caller contract).
        let (szidx, was_full, now_empty) = unsafe {
            debug_assert!(
                size <= SMALL_REQUEST_THRESHOLD
                    && (*pool).szidx as usize == size_class_index(size.max(1)),
                "free of block {p:p} with size {size}, but its pool {pool:p} has class {}",
                (*pool).szidx
            );
            let was_full = pool::push_block(pool, p);
            ((*pool).szidx as usize, was_full, (*pool).count == 0)
        };
        if was_full {
            // Full -> used. Every class has at least two blocks per pool, so it cannot also
            // have become empty.
            debug_assert!(!now_empty);
            // SAFETY: a full pool is in no list.
            unsafe { self.usedpools.push_front(szidx, pool) };
        } else if now_empty {
            // SAFETY: an empty pool is not full, so it was used, hence in `usedpools[szidx]`.
            unsafe { self.pool_became_empty(szidx, pool) };
        }
    }

    /// Used -> empty: the pool leaves its class list and goes to its arena's free pools.
    ///
    /// # Safety
    /// `pool` must be in `usedpools[szidx]` with no block in use.
    #[cold]
    unsafe fn pool_became_empty(&mut self, szidx: usize, pool: *mut PoolHeader) {
        // SAFETY: caller contract.
        unsafe { self.usedpools.unlink(szidx, pool) };
        // SAFETY: the pool is initialised, empty and now in no list.
        if unsafe { self.arenas.insert_to_freepool(pool) } {
            self.stats.shrink_footprint(ARENA_SIZE);
        }
    }

    /// # Safety
    /// `ptr` must be a live large block from `alloc_large` (or a large `realloc`).
    #[cold]
    unsafe fn free_large(&mut self, ptr: NonNull<u8>, size: usize) {
        debug_assert!(
            size > SMALL_REQUEST_THRESHOLD,
            "block {ptr:p} of {size} bytes is not in any arena"
        );
        // SAFETY: caller contract: a live block of the system allocator.
        let usable = unsafe { system::sys_free(ptr, size) };
        self.large_blocks -= 1;
        self.large_bytes -= usable as u64;
        self.stats.shrink_footprint(usable);
    }

    /// Resize a block. In place if the new size has the same size class (or both sizes are large
    /// and `realloc(3)` manages); otherwise allocate, copy and free.
    ///
    /// # Errors
    /// [`AllocError`] if the new block cannot be had; the old block is then untouched.
    ///
    /// # Safety
    /// As for [`Pymalloc::free`], with `old_size` the size requested for `ptr`.
    pub unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        let p = ptr.as_ptr();
        let new_ptr = if self.address_in_range(p) {
            // SAFETY: `p` is a live block of a mapped arena, so its pool header is valid.
            let szidx = unsafe { (*pool_addr(p)).szidx as usize };
            if new_size <= SMALL_REQUEST_THRESHOLD && size_class_index(new_size.max(1)) == szidx {
                ptr
            } else {
                // SAFETY: forwarded caller contract.
                unsafe { self.realloc_move(ptr, old_size, new_size)? }
            }
        } else if new_size > SMALL_REQUEST_THRESHOLD {
            // SAFETY: a large block, live (caller contract).
            let (q, old_usable, new_usable) =
                unsafe { system::sys_realloc(ptr, old_size, new_size) }
                    .ok_or(AllocError { size: new_size })?;
            self.large_bytes = self.large_bytes - old_usable as u64 + new_usable as u64;
            self.stats.shrink_footprint(old_usable);
            self.stats.grow_footprint(new_usable);
            q
        } else {
            // SAFETY: forwarded caller contract.
            unsafe { self.realloc_move(ptr, old_size, new_size)? }
        };
        self.stats.on_free(old_size);
        self.stats.on_alloc(new_size);
        Ok(new_ptr)
    }

    /// # Safety
    /// As for [`Pymalloc::realloc`].
    unsafe fn realloc_move(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        let q = self.alloc_raw(new_size)?;
        // SAFETY: `ptr` holds at least `old_size` bytes, `q` at least `new_size`, and they are
        // distinct live blocks, so they do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(ptr.as_ptr(), q.as_ptr(), old_size.min(new_size));
            self.free_raw(ptr, old_size);
        }
        Ok(q)
    }

    /// The statistics (requested sizes; footprint = arenas + large blocks).
    pub fn stats(&self) -> AllocStats {
        self.stats
    }

    /// Number of large blocks (over 512 bytes) currently held from the system allocator.
    pub fn large_blocks(&self) -> u64 {
        self.large_blocks
    }

    /// Block size of class `szidx` (for reports and tests).
    pub fn class_size(szidx: usize) -> usize {
        class_size(szidx)
    }
}

impl RawAllocator for Pymalloc {
    #[inline(always)]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        Pymalloc::alloc(self, size)
    }

    #[inline(always)]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded caller contract.
        unsafe { Pymalloc::free(self, ptr, size) }
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: forwarded caller contract.
        unsafe { Pymalloc::realloc(self, ptr, old_size, new_size) }
    }

    fn stats(&self) -> AllocStats {
        self.stats
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        report::write_report(self, out)
    }
}

#[cfg(test)]
mod tests;
