//! Pools: 16 KiB pieces of an arena, each holding blocks of one size class.
//!
//! ```text
//!   pool (16 KiB, aligned to 16 KiB inside its arena)
//!   ┌──────────────┬─────────┬─────────┬─────┬─────────┬─────────────────────┬───────┐
//!   │ header (48)  │ block 0 │ block 1 │ ... │ block k │ never carved yet    │ waste │
//!   └──────────────┴─────────┴─────────┴─────┴─────────┴─────────────────────┴───────┘
//!   ^ pool         ^ POOL_OVERHEAD               ^ nextoffset   maxnextoffset ^
//! ```
//!
//! A pool hands out blocks from two sources, in this order:
//! 1. `freeblock`: a LIFO list of blocks that were handed out and freed, linked through the first
//!    word of each free block (a freed block's first 8 bytes hold the next free block, or null);
//! 2. the never-carved tail: `nextoffset` is the offset of the next block never handed out, and
//!    carving stops once `nextoffset > maxnextoffset` (`maxnextoffset = POOL_SIZE - size`, the
//!    offset of the last block that still fits). Carving lazily means a fresh pool touches only
//!    the memory it actually uses.
//!
//! Invariant (a *used* pool): `freeblock` is never null. When the last listed free block is
//! popped, the next block is carved at once and becomes the list; if none is left the pool is
//! *full* and `freeblock` is null. So "freeblock is null" means exactly "full".
//!
//! Blocks carved so far = `(nextoffset - POOL_OVERHEAD) / size`, and
//! `count + len(freeblock list) == blocks carved so far`.
//!
//! CPython: `Objects/obmalloc.c`, `struct pool_header`, `pymalloc_pool_extend`,
//! `insert_to_usedpool`.

use std::ptr;

use super::size_class::{blocks_per_pool, class_size, NB_SMALL_SIZE_CLASSES};

/// `log2(POOL_SIZE)`.
pub const POOL_BITS: u32 = 14;
/// The size of a pool: 16 KiB, as in CPython 3.10 and later on 64-bit platforms.
pub const POOL_SIZE: usize = 1 << POOL_BITS;
/// Mask that takes an address inside a pool to the pool's offset.
pub(crate) const POOL_SIZE_MASK: usize = POOL_SIZE - 1;
/// Bytes at the start of every pool taken by its header, rounded up to [`super::ALIGNMENT`].
pub const POOL_OVERHEAD: usize = 48;

/// The header at the start of every pool.
///
/// Laid out like CPython's `struct pool_header` (48 bytes on 64-bit platforms).
#[doc(alias = "pool_header")]
#[repr(C)]
pub(crate) struct PoolHeader {
    /// Blocks currently handed out from this pool (CPython's `ref.count`).
    pub count: u32,
    /// Keeps `freeblock` on an 8-byte boundary, as CPython's `ref` union does.
    _padding: u32,
    /// Head of the LIFO list of free blocks; null exactly when the pool is full.
    pub freeblock: *mut u8,
    /// Next pool in the same list: `usedpools[szidx]` for a used pool, the arena's `freepools` for
    /// an empty one.
    pub nextpool: *mut PoolHeader,
    /// Previous pool in `usedpools[szidx]`, or null at the head (unused for empty pools).
    pub prevpool: *mut PoolHeader,
    /// Index of the owning arena in the arena table.
    pub arenaindex: u32,
    /// Size class of the blocks in this pool.
    pub szidx: u32,
    /// Offset of the next block never handed out.
    pub nextoffset: u32,
    /// Largest offset at which a whole block still fits.
    pub maxnextoffset: u32,
}

const _: () = assert!(std::mem::size_of::<PoolHeader>() == POOL_OVERHEAD);
const _: () = assert!(std::mem::offset_of!(PoolHeader, freeblock) == 8);
const _: () = assert!(std::mem::offset_of!(PoolHeader, arenaindex) == 32);
const _: () = assert!(std::mem::offset_of!(PoolHeader, maxnextoffset) == 44);
const _: () = assert!(POOL_OVERHEAD.is_multiple_of(crate::ALIGNMENT));

/// The pool that contains the block at `p` (pools are aligned to their size).
#[doc(alias = "POOL_ADDR")]
#[inline(always)]
pub(crate) fn pool_addr(p: *mut u8) -> *mut PoolHeader {
    p.map_addr(|a| a & !POOL_SIZE_MASK).cast()
}

/// Turn a never-used or empty pool into a used pool of class `szidx` and hand out its first block.
///
/// The first block is returned, the second becomes the free list, and the rest is left to be
/// carved lazily.
///
/// # Safety
/// `pool` must point to `POOL_SIZE` writable bytes of a mapped arena that no live block uses.
#[inline]
pub(crate) unsafe fn init_pool(pool: *mut PoolHeader, arenaindex: u32, szidx: usize) -> *mut u8 {
    let size = class_size(szidx);
    debug_assert!(
        blocks_per_pool(szidx) >= 2,
        "every class fits two blocks in a pool"
    );
    let base = pool.cast::<u8>();
    // SAFETY: the caller gives us a whole pool; the header and the first two blocks lie inside
    // it because every class fits at least two blocks after the header.
    unsafe {
        let first = base.add(POOL_OVERHEAD);
        let second = first.add(size);
        second.cast::<*mut u8>().write(ptr::null_mut());
        pool.write(PoolHeader {
            count: 1,
            _padding: 0,
            freeblock: second,
            nextpool: ptr::null_mut(),
            prevpool: ptr::null_mut(),
            arenaindex,
            szidx: szidx as u32,
            nextoffset: (POOL_OVERHEAD + 2 * size) as u32,
            maxnextoffset: (POOL_SIZE - size) as u32,
        });
        first
    }
}

/// Pop a block from a used pool: from its free list, and if that empties, carve the next one.
///
/// After the call `(*pool).freeblock` is null if and only if the pool has become full.
///
/// # Safety
/// `pool` must be a used pool (initialised, `freeblock` not null) of a mapped arena.
#[inline(always)]
pub(crate) unsafe fn pop_block(pool: *mut PoolHeader) -> *mut u8 {
    // SAFETY: a used pool's `freeblock` points at a free block inside the pool, whose first word
    // holds the next free block or null (the pool invariant in the module docs).
    unsafe {
        let bp = (*pool).freeblock;
        debug_assert!(!bp.is_null(), "pop from a full pool {pool:p}");
        (*pool).count += 1;
        let next = bp.cast::<*mut u8>().read();
        (*pool).freeblock = next;
        if next.is_null() {
            extend(pool);
        }
        bp
    }
}

/// The free list just ran dry: carve the next never-used block, if any is left.
///
/// CPython: `pymalloc_pool_extend`.
///
/// # Safety
/// `pool` must be an initialised pool whose `freeblock` is null.
#[inline]
unsafe fn extend(pool: *mut PoolHeader) {
    // SAFETY: `nextoffset <= maxnextoffset` means a whole block fits at `nextoffset` inside the
    // pool, so the write of its first word stays in bounds.
    unsafe {
        let p = &mut *pool;
        if p.nextoffset <= p.maxnextoffset {
            let block = pool.cast::<u8>().add(p.nextoffset as usize);
            p.nextoffset += class_size(p.szidx as usize) as u32;
            block.cast::<*mut u8>().write(ptr::null_mut());
            p.freeblock = block;
        }
    }
}

/// Push a freed block on its pool's free list. Returns true if the pool was full before.
///
/// # Safety
/// `p` must be a block handed out from `pool` and not freed since.
#[inline(always)]
pub(crate) unsafe fn push_block(pool: *mut PoolHeader, p: *mut u8) -> bool {
    // SAFETY: `p` is a live block of `pool`, so it is ours to overwrite; the header is in bounds.
    unsafe {
        let lastfree = (*pool).freeblock;
        p.cast::<*mut u8>().write(lastfree);
        (*pool).freeblock = p;
        debug_assert!(
            (*pool).count > 0,
            "free into pool {pool:p} with no block in use"
        );
        (*pool).count -= 1;
        lastfree.is_null()
    }
}

/// Number of blocks carved from `pool` so far.
///
/// # Safety
/// `pool` must be an initialised pool.
pub(crate) unsafe fn carved_blocks(pool: *const PoolHeader) -> usize {
    // SAFETY: reading the header of an initialised pool.
    let (nextoffset, szidx) = unsafe { ((*pool).nextoffset as usize, (*pool).szidx as usize) };
    (nextoffset.min(POOL_SIZE) - POOL_OVERHEAD) / class_size(szidx)
}

/// `usedpools`: for each size class, a doubly linked list of the pools that have both blocks in
/// use and blocks free. Allocation takes from the head, so allocating from a class that has such
/// a pool is O(1).
///
/// CPython indexes a table of fake pool headers (`usedpools[2 * szidx]`, "major obscurity" in its
/// own words); here it is a plain array of list heads.
pub(crate) struct UsedPools {
    heads: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
}

impl UsedPools {
    /// Every list empty.
    pub fn new() -> UsedPools {
        UsedPools {
            heads: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
        }
    }

    /// The first used pool of class `szidx`, or null.
    #[inline(always)]
    pub fn head(&self, szidx: usize) -> *mut PoolHeader {
        self.heads[szidx]
    }

    /// Link `pool` at the front of its class list (a fresh pool, or a full pool that just had a
    /// block freed: CPython's `insert_to_usedpool`).
    ///
    /// # Safety
    /// `pool` must be an initialised pool of class `szidx` that is in no list.
    #[inline]
    pub unsafe fn push_front(&mut self, szidx: usize, pool: *mut PoolHeader) {
        let next = self.heads[szidx];
        // SAFETY: `pool` is initialised, and `next` is null or the current head, also initialised.
        unsafe {
            (*pool).nextpool = next;
            (*pool).prevpool = ptr::null_mut();
            if !next.is_null() {
                (*next).prevpool = pool;
            }
        }
        self.heads[szidx] = pool;
    }

    /// Unlink `pool` from its class list (it became full or empty).
    ///
    /// # Safety
    /// `pool` must be in the list of class `szidx`.
    #[inline]
    pub unsafe fn unlink(&mut self, szidx: usize, pool: *mut PoolHeader) {
        // SAFETY: `pool` and its neighbours are initialised pools of this list, whose links are
        // consistent (checked by `check_invariants`).
        unsafe {
            let next = (*pool).nextpool;
            let prev = (*pool).prevpool;
            if prev.is_null() {
                debug_assert!(self.heads[szidx] == pool, "pool {pool:p} is not the head");
                self.heads[szidx] = next;
            } else {
                (*prev).nextpool = next;
            }
            if !next.is_null() {
                (*next).prevpool = prev;
            }
            (*pool).nextpool = ptr::null_mut();
            (*pool).prevpool = ptr::null_mut();
        }
    }
}
