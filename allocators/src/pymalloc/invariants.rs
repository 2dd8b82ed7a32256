//! `check_invariants`: walk every structure and report the first broken invariant.
//!
//! The numbering follows the invariants listed in the [module documentation](super).

use std::collections::HashSet;
use std::fmt;

use super::arena::{ArenaObject, NIL, POOLS_PER_ARENA};
use super::pool::{carved_blocks, PoolHeader, POOL_OVERHEAD, POOL_SIZE};
use super::size_class::{blocks_per_pool, class_size, NB_SMALL_SIZE_CLASSES};
use super::{Pymalloc, ARENA_SIZE};

/// How much of the structure [`Pymalloc::check_invariants_at`] walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckLevel {
    /// Headers, lists and counters; pool free lists are not walked. O(pools).
    Cheap,
    /// Everything, including every free block of every pool. O(blocks).
    Full,
}

/// A broken invariant, with the addresses and counts that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvariantError {
    /// A pool header names another arena, an impossible size class or impossible offsets.
    PoolHeader {
        /// Address of the pool.
        pool: usize,
        /// `arenaindex` found in the header.
        arenaindex: u32,
        /// `szidx` found in the header.
        szidx: u32,
        /// `nextoffset` found in the header.
        nextoffset: u32,
    },
    /// Invariant 1: `count + len(free list) != blocks carved`.
    PoolBlockCount {
        /// Address of the pool.
        pool: usize,
        /// Blocks in use according to the header.
        count: usize,
        /// Blocks found on the free list (the walk stops past `carved`, so a cycle shows here).
        free: usize,
        /// Blocks carved so far.
        carved: usize,
    },
    /// Invariant 1: a free-list entry outside the carved area or off a block boundary.
    FreeBlockOutOfPlace {
        /// Address of the pool.
        pool: usize,
        /// The stray address.
        block: usize,
    },
    /// Invariant 1: `freeblock` is null but the pool is not full, or a pool with no block in use
    /// is not on its arena's `freepools`.
    PoolState {
        /// Address of the pool.
        pool: usize,
        /// Blocks in use.
        count: usize,
        /// Blocks the pool can hold.
        capacity: usize,
    },
    /// Invariant 2: a pool in `usedpools[szidx]` that is not a used pool of that class, or whose
    /// back link is wrong.
    UsedPoolsEntry {
        /// The list's size class.
        szidx: usize,
        /// The offending pool.
        pool: usize,
    },
    /// Invariant 2: the lists hold a different number of pools than there are used pools.
    UsedPoolsCount {
        /// Pools found in the lists.
        listed: usize,
        /// Used pools found by walking the arenas.
        used: usize,
    },
    /// Invariant 3: `nfreepools` disagrees with `freepools` plus never-carved pools.
    ArenaFreePools {
        /// Arena index.
        arena: u32,
        /// The arena's `nfreepools`.
        nfreepools: usize,
        /// Free pools actually found.
        counted: usize,
    },
    /// Invariant 3: a pool on `freepools` is outside its arena, or has blocks in use.
    FreePoolInUse {
        /// Arena index.
        arena: u32,
        /// Address of the pool.
        pool: usize,
    },
    /// Invariant 3: the address map does not hold exactly the mapped arenas.
    AddressMap {
        /// Arenas recorded in the map.
        recorded: usize,
        /// Arenas mapped according to the arena table.
        mapped: usize,
    },
    /// Invariant 4: a broken link, an unmapped or exhausted arena in `usable_arenas`, or a
    /// mapped arena with free pools missing from it.
    UsableArenasEntry {
        /// Arena index.
        arena: u32,
        /// Its `nfreepools`.
        nfreepools: usize,
    },
    /// Invariant 4: `usable_arenas` is not sorted by `nfreepools` ascending.
    UsableArenasUnsorted {
        /// Arena index.
        arena: u32,
        /// Its `nfreepools`.
        nfreepools: usize,
        /// The arena after it.
        next: u32,
        /// That arena's `nfreepools`, smaller.
        next_nfreepools: usize,
    },
    /// Invariant 4: `nfp2lasta[nfreepools]` is not the rightmost arena of that count.
    Nfp2lasta {
        /// The count.
        nfreepools: usize,
        /// The rightmost arena with that count ([`u32::MAX`] for none).
        expected: u32,
        /// What the table holds.
        found: u32,
    },
    /// The footprint statistic is not arenas × 1 MiB + large-block bytes.
    Footprint {
        /// What the structures add up to.
        expected: u64,
        /// What the statistics say.
        found: u64,
    },
}

impl fmt::Display for InvariantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use InvariantError::*;
        match *self {
            PoolHeader { pool, arenaindex, szidx, nextoffset } => write!(
                f,
                "pool {pool:#x}: bad header (arenaindex {arenaindex}, szidx {szidx}, nextoffset {nextoffset})"
            ),
            PoolBlockCount { pool, count, free, carved } => write!(
                f,
                "pool {pool:#x}: {count} blocks in use + {free} free != {carved} carved"
            ),
            FreeBlockOutOfPlace { pool, block } => {
                write!(f, "pool {pool:#x}: free block {block:#x} is not a carved block of the pool")
            }
            PoolState { pool, count, capacity } => write!(
                f,
                "pool {pool:#x}: state does not match {count} of {capacity} blocks in use"
            ),
            UsedPoolsEntry { szidx, pool } => {
                write!(f, "usedpools[{szidx}]: pool {pool:#x} does not belong there or is badly linked")
            }
            UsedPoolsCount { listed, used } => {
                write!(f, "usedpools lists hold {listed} pools but {used} pools are used")
            }
            ArenaFreePools { arena, nfreepools, counted } => {
                write!(f, "arena {arena}: nfreepools is {nfreepools} but {counted} pools are free")
            }
            FreePoolInUse { arena, pool } => {
                write!(f, "arena {arena}: pool {pool:#x} on freepools is not an empty pool of the arena")
            }
            AddressMap { recorded, mapped } => {
                write!(f, "address map records {recorded} arenas but {mapped} are mapped")
            }
            UsableArenasEntry { arena, nfreepools } => write!(
                f,
                "usable_arenas: arena {arena} ({nfreepools} free pools) is misplaced or badly linked"
            ),
            UsableArenasUnsorted { arena, nfreepools, next, next_nfreepools } => write!(
                f,
                "usable_arenas unsorted: arena {arena} ({nfreepools} free pools) before arena {next} ({next_nfreepools})"
            ),
            Nfp2lasta { nfreepools, expected, found } => write!(
                f,
                "nfp2lasta[{nfreepools}] is {found} but the rightmost arena of that count is {expected}"
            ),
            Footprint { expected, found } => {
                write!(f, "footprint is {found} bytes but arenas and large blocks add up to {expected}")
            }
        }
    }
}

impl std::error::Error for InvariantError {}

/// The state of a carved pool that is not on `freepools`.
enum PoolKind {
    Used,
    Full,
}

impl Pymalloc {
    /// Check every invariant of the module documentation, walking every free list.
    ///
    /// # Errors
    /// The first broken invariant found.
    pub fn check_invariants(&self) -> Result<(), InvariantError> {
        self.check_invariants_at(CheckLevel::Full)
    }

    /// Check the invariants at the given level (see [`CheckLevel`]).
    ///
    /// # Errors
    /// The first broken invariant found.
    pub fn check_invariants_at(&self, level: CheckLevel) -> Result<(), InvariantError> {
        let mut used = 0usize;
        let mut mapped = 0usize;
        for (a, ao) in self.arenas.allarenas.iter().enumerate() {
            if ao.address.is_null() {
                continue;
            }
            mapped += 1;
            used += self.check_arena(a as u32, ao, level)?;
        }
        let recorded = self.arenas.map.arenas();
        if recorded != mapped || self.arenas.narenas_currently_allocated != mapped {
            return Err(InvariantError::AddressMap { recorded, mapped });
        }
        self.check_usedpools(used)?;
        self.check_usable_arenas()?;
        let expected = (mapped * ARENA_SIZE) as u64 + self.large_bytes;
        if self.stats.footprint != expected {
            return Err(InvariantError::Footprint {
                expected,
                found: self.stats.footprint,
            });
        }
        Ok(())
    }

    /// Invariant 3 for one arena, and invariant 1 for each of its pools. Returns its used pools.
    fn check_arena(
        &self,
        a: u32,
        ao: &ArenaObject,
        level: CheckLevel,
    ) -> Result<usize, InvariantError> {
        let base = ao.address as usize;
        let carved_end = ao.pool_address as usize;
        let counted_err = |counted| InvariantError::ArenaFreePools {
            arena: a,
            nfreepools: ao.nfreepools as usize,
            counted,
        };
        if !self.arenas.map.contains(base) || carved_end < base || carved_end > base + ARENA_SIZE {
            return Err(InvariantError::AddressMap {
                recorded: self.arenas.map.arenas(),
                mapped: 0,
            });
        }
        let mut free_pools = HashSet::new();
        let mut p = ao.freepools;
        while !p.is_null() {
            let addr = p as usize;
            if addr < base
                || addr >= carved_end
                || !addr.is_multiple_of(POOL_SIZE)
                || free_pools.len() > POOLS_PER_ARENA
            {
                return Err(InvariantError::FreePoolInUse {
                    arena: a,
                    pool: addr,
                });
            }
            // SAFETY: `p` is a carved pool boundary inside this mapped arena, so its header is
            // readable (it was initialised when the pool was first used).
            let header = unsafe { &*p };
            if header.count != 0 || header.arenaindex != a || !free_pools.insert(addr) {
                return Err(InvariantError::FreePoolInUse {
                    arena: a,
                    pool: addr,
                });
            }
            p = header.nextpool;
        }
        let counted = free_pools.len() + ao.untouched_pools();
        if counted != ao.nfreepools as usize {
            return Err(counted_err(counted));
        }
        let mut used = 0;
        for addr in (base..carved_end).step_by(POOL_SIZE) {
            if free_pools.contains(&addr) {
                continue;
            }
            // SAFETY: every pool below `pool_address` has been initialised.
            match unsafe { check_pool(addr as *const PoolHeader, a, level) }? {
                PoolKind::Used => used += 1,
                PoolKind::Full => {}
            }
        }
        Ok(used)
    }

    /// Invariant 2: `usedpools[i]` holds exactly the used pools of class `i`.
    fn check_usedpools(&self, used: usize) -> Result<(), InvariantError> {
        let mut listed = 0usize;
        for szidx in 0..NB_SMALL_SIZE_CLASSES {
            let mut prev: *mut PoolHeader = std::ptr::null_mut();
            let mut p = self.usedpools.head(szidx);
            while !p.is_null() {
                let bad = InvariantError::UsedPoolsEntry {
                    szidx,
                    pool: p as usize,
                };
                if listed > used
                    || !(p as usize).is_multiple_of(POOL_SIZE)
                    || !self.arenas.map.contains(p as usize)
                {
                    return Err(bad);
                }
                // SAFETY: `p` is a pool boundary inside a mapped arena, hence an initialised or
                // never-used pool header; never-used pools hold zeroes and fail the checks below.
                let h = unsafe { &*p };
                if h.prevpool != prev
                    || h.szidx as usize != szidx
                    || h.count == 0
                    || h.freeblock.is_null()
                {
                    return Err(bad);
                }
                listed += 1;
                prev = p;
                p = h.nextpool;
            }
        }
        if listed != used {
            return Err(InvariantError::UsedPoolsCount { listed, used });
        }
        Ok(())
    }

    /// Invariant 4: `usable_arenas` is sorted and complete, `nfp2lasta` points at the rightmost.
    fn check_usable_arenas(&self) -> Result<(), InvariantError> {
        let arenas = &self.arenas;
        let mut expected = [NIL; POOLS_PER_ARENA + 1];
        let mut listed = 0usize;
        let mut prev = NIL;
        let mut a = arenas.usable_arenas;
        while a != NIL {
            let Some(ao) = arenas.allarenas.get(a as usize) else {
                return Err(InvariantError::UsableArenasEntry {
                    arena: a,
                    nfreepools: 0,
                });
            };
            let nf = ao.nfreepools as usize;
            let bad = InvariantError::UsableArenasEntry {
                arena: a,
                nfreepools: nf,
            };
            if ao.address.is_null() || nf == 0 || nf > POOLS_PER_ARENA || ao.prevarena != prev {
                return Err(bad);
            }
            if listed > arenas.allarenas.len() {
                return Err(bad);
            }
            if prev != NIL {
                let prev_nf = arenas.allarenas[prev as usize].nfreepools as usize;
                if prev_nf > nf {
                    return Err(InvariantError::UsableArenasUnsorted {
                        arena: prev,
                        nfreepools: prev_nf,
                        next: a,
                        next_nfreepools: nf,
                    });
                }
            }
            expected[nf] = a;
            listed += 1;
            prev = a;
            a = ao.nextarena;
        }
        let with_free = arenas.allarenas.iter().enumerate().find(|(i, ao)| {
            !ao.address.is_null()
                && ao.nfreepools > 0
                && !is_in_usable(arenas.usable_arenas, &arenas.allarenas, *i as u32)
        });
        if let Some((i, ao)) = with_free {
            return Err(InvariantError::UsableArenasEntry {
                arena: i as u32,
                nfreepools: ao.nfreepools as usize,
            });
        }
        for (n, (&want, &found)) in expected
            .iter()
            .zip(arenas.last_arena_with.iter())
            .enumerate()
        {
            if want != found {
                return Err(InvariantError::Nfp2lasta {
                    nfreepools: n,
                    expected: want,
                    found,
                });
            }
        }
        Ok(())
    }
}

fn is_in_usable(head: u32, all: &[ArenaObject], target: u32) -> bool {
    let mut a = head;
    while a != NIL {
        if a == target {
            return true;
        }
        a = all[a as usize].nextarena;
    }
    false
}

/// Invariant 1 for one carved pool that is not on `freepools`.
///
/// # Safety
/// `pool` must be a carved (initialised) pool of the mapped arena `a`.
unsafe fn check_pool(
    pool: *const PoolHeader,
    a: u32,
    level: CheckLevel,
) -> Result<PoolKind, InvariantError> {
    let addr = pool as usize;
    // SAFETY: caller contract: an initialised header.
    let h = unsafe { &*pool };
    let szidx = h.szidx as usize;
    let bad_header = InvariantError::PoolHeader {
        pool: addr,
        arenaindex: h.arenaindex,
        szidx: h.szidx,
        nextoffset: h.nextoffset,
    };
    if h.arenaindex != a || szidx >= NB_SMALL_SIZE_CLASSES {
        return Err(bad_header);
    }
    let size = class_size(szidx);
    let nextoffset = h.nextoffset as usize;
    if nextoffset < POOL_OVERHEAD + size
        || nextoffset > POOL_SIZE
        || !(nextoffset - POOL_OVERHEAD).is_multiple_of(size)
        || h.maxnextoffset as usize != POOL_SIZE - size
    {
        return Err(bad_header);
    }
    // SAFETY: caller contract.
    let carved = unsafe { carved_blocks(pool) };
    let count = h.count as usize;
    let capacity = blocks_per_pool(szidx);
    if count == 0 || (h.freeblock.is_null() && count != capacity) {
        return Err(InvariantError::PoolState {
            pool: addr,
            count,
            capacity,
        });
    }
    if level == CheckLevel::Cheap {
        return Ok(if h.freeblock.is_null() {
            PoolKind::Full
        } else {
            PoolKind::Used
        });
    }
    let lo = addr + POOL_OVERHEAD;
    let hi = addr + nextoffset;
    let mut free = 0usize;
    let mut b = h.freeblock;
    while !b.is_null() {
        let block = b as usize;
        if block < lo || block >= hi || !(block - lo).is_multiple_of(size) {
            return Err(InvariantError::FreeBlockOutOfPlace { pool: addr, block });
        }
        free += 1;
        if count + free > carved {
            break;
        }
        // SAFETY: `b` is a carved block of this pool, on the free list, whose first word links on.
        b = unsafe { b.cast::<*mut u8>().read() };
    }
    if count + free != carved {
        return Err(InvariantError::PoolBlockCount {
            pool: addr,
            count,
            free,
            carved,
        });
    }
    Ok(if h.freeblock.is_null() {
        PoolKind::Full
    } else {
        PoolKind::Used
    })
}
