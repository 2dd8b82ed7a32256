//! bump: `bumpalo`, where `free` does nothing.
//!
//! Every block is cut from the current chunk by moving a pointer; chunks come from the Rust
//! global allocator and only go back when the strategy is dropped. Freed memory is never
//! reused (bumpalo could reclaim the most recent block, but this strategy deliberately does
//! not), so the footprint only grows: comparing it with the others shows what "never reuse"
//! costs a real program.
//!
//! Footprint is `Bump::allocated_bytes()`: the bytes of all chunks, without bumpalo's chunk
//! footers. `realloc` grows or shrinks in place when bumpalo can (the block is the most recent
//! one and the chunk has room), otherwise it allocates anew and copies.

use std::alloc::Layout;
use std::fmt;
use std::ptr::NonNull;

use allocator_api2::alloc::Allocator as _;
use bumpalo::Bump as BumpArena;

use crate::{AllocError, AllocStats, RawAllocator, ALIGNMENT};

/// A bump allocator that never reuses memory until it is dropped.
pub struct Bump {
    /// The arena, with every block aligned to 16 bytes.
    bump: BumpArena<ALIGNMENT>,
    stats: AllocStats,
}

impl fmt::Debug for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bump")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl Default for Bump {
    fn default() -> Self {
        Bump::new()
    }
}

#[inline]
fn layout(size: usize) -> Result<Layout, AllocError> {
    Layout::from_size_align(size.max(1), ALIGNMENT).map_err(|_| AllocError { size })
}

impl Bump {
    /// An empty arena (no chunk yet).
    pub fn new() -> Bump {
        Bump {
            bump: BumpArena::with_min_align(),
            stats: AllocStats::default(),
        }
    }

    /// Resynchronise the footprint with the bytes bumpalo holds (it only ever grows).
    #[inline]
    fn sync_footprint(&mut self) {
        let held = self.bump.allocated_bytes() as u64;
        if held > self.stats.footprint {
            self.stats
                .grow_footprint((held - self.stats.footprint) as usize);
        }
    }
}

impl RawAllocator for Bump {
    #[inline]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let p = self
            .bump
            .try_alloc_layout(layout(size)?)
            .map_err(|_| AllocError { size })?;
        self.stats.on_alloc(size);
        self.sync_footprint();
        Ok(p)
    }

    #[inline]
    unsafe fn free(&mut self, _ptr: NonNull<u8>, size: usize) {
        // Nothing is reclaimed: the block stays in its chunk until the arena is dropped.
        self.stats.on_free(size);
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        let old = layout(old_size)?;
        let new = layout(new_size)?;
        let arena = &self.bump;
        // SAFETY: `ptr` is a live block of this arena allocated with layout `old` (the caller
        // contract, and `layout` is the same function for both); `new` has the same alignment,
        // and `grow`/`shrink` are called only in the direction their contracts require.
        let q = unsafe {
            match new.size().cmp(&old.size()) {
                std::cmp::Ordering::Greater => arena.grow(ptr, old, new),
                std::cmp::Ordering::Less => arena.shrink(ptr, old, new),
                std::cmp::Ordering::Equal => return self.finish_realloc(ptr, old_size, new_size),
            }
        }
        .map_err(|_| AllocError { size: new_size })?;
        self.finish_realloc(q.cast(), old_size, new_size)
    }

    fn stats(&self) -> AllocStats {
        self.stats
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        crate::write_summary(
            out,
            "bump (bumpalo; free does nothing, memory grows until teardown)",
            &self.stats,
        )?;
        writeln!(
            out,
            "bytes including chunk footers: {}",
            self.bump.allocated_bytes_including_metadata()
        )
    }
}

impl Bump {
    fn finish_realloc(
        &mut self,
        q: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        self.stats.on_free(old_size);
        self.stats.on_alloc(new_size);
        self.sync_footprint();
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_does_not_reuse() {
        let mut b = Bump::new();
        let p = b.alloc(32).unwrap();
        // SAFETY: `p` is live with 32 bytes.
        unsafe { b.free(p, 32) };
        let q = b.alloc(32).unwrap();
        assert_ne!(p, q);
        assert_eq!(q.as_ptr() as usize % ALIGNMENT, 0);
        let footprint = b.stats().footprint;
        assert!(footprint >= 64);
        for _ in 0..10_000 {
            let r = b.alloc(100).unwrap();
            // SAFETY: `r` is live with 100 bytes.
            unsafe { b.free(r, 100) };
        }
        assert!(
            b.stats().footprint >= footprint + 1_000_000,
            "memory only grows"
        );
        assert_eq!(b.stats().live_blocks, 1);
    }

    #[test]
    fn realloc_keeps_contents() {
        let mut b = Bump::new();
        let p = b.alloc(10).unwrap();
        // SAFETY: `p` is live with 10 bytes; each realloc returns a live block of the new size.
        unsafe {
            p.as_ptr().write_bytes(0xAB, 10);
            let q = b.realloc(p, 10, 3000).unwrap();
            assert_eq!(std::slice::from_raw_parts(q.as_ptr(), 10), &[0xAB; 10]);
            let r = b.realloc(q, 3000, 5).unwrap();
            assert_eq!(std::slice::from_raw_parts(r.as_ptr(), 5), &[0xAB; 5]);
            b.free(r, 5);
        }
        assert_eq!(b.stats().peak_live_bytes, 3000);
    }
}
