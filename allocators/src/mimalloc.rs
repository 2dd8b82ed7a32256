//! mimalloc: Microsoft's allocator, with a heap of its own per [`Mimalloc`].
//!
//! Each strategy owns one `mi_heap_t` made by `mi_heap_new()`. Blocks come from
//! `mi_heap_malloc_aligned(heap, size, 16)` and go back with `mi_free`; dropping the strategy
//! calls `mi_heap_destroy`, which releases every block of the heap in one call, including any
//! the caller did not free. The bundled mimalloc is version 3, whose heaps are first-class: one
//! can allocate from any thread, so moving a `Mimalloc` to another thread is fine.
//!
//! Footprint is the sum of `mi_usable_size` of the live blocks: the size classes mimalloc rounds
//! to, without its pages' unused tails or metadata.

use std::fmt;
use std::ptr::NonNull;

use libmimalloc_sys as ffi;

use crate::{AllocError, AllocStats, RawAllocator, ALIGNMENT};

/// A private mimalloc heap, destroyed with everything in it when dropped.
pub struct Mimalloc {
    /// Invariant: a live heap made by `mi_heap_new`, owned by this value alone.
    heap: NonNull<ffi::mi_heap_t>,
    stats: AllocStats,
}

// SAFETY: the heap is owned exclusively by this value, and mimalloc 3 heaps may be used from
// any thread (its header: "Heaps: first-class. Can allocate from any thread"); `&mut self` on
// every operation keeps uses from two threads at once out.
unsafe impl Send for Mimalloc {}

impl fmt::Debug for Mimalloc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mimalloc")
            .field("heap", &self.heap)
            .field("stats", &self.stats)
            .finish()
    }
}

impl Default for Mimalloc {
    fn default() -> Self {
        Mimalloc::new()
    }
}

impl Mimalloc {
    /// A fresh, empty heap.
    ///
    /// # Panics
    /// If mimalloc cannot create a heap (it is out of memory for its own metadata).
    pub fn new() -> Mimalloc {
        // SAFETY: `mi_heap_new` has no precondition.
        let heap = unsafe { ffi::mi_heap_new() };
        let heap = NonNull::new(heap).expect("mimalloc: mi_heap_new failed");
        Mimalloc {
            heap,
            stats: AllocStats::default(),
        }
    }
}

/// # Safety
/// `p` must be a live mimalloc block.
#[inline]
unsafe fn usable(p: NonNull<u8>) -> usize {
    // SAFETY: caller contract.
    unsafe { ffi::mi_usable_size(p.as_ptr().cast()) }
}

impl RawAllocator for Mimalloc {
    #[inline]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: `heap` is live (field invariant); alignment 16 is a power of two.
        let p = unsafe { ffi::mi_heap_malloc_aligned(self.heap.as_ptr(), size.max(1), ALIGNMENT) };
        let p = NonNull::new(p.cast::<u8>()).ok_or(AllocError { size })?;
        self.stats.on_alloc(size);
        // SAFETY: `p` was just allocated.
        self.stats.grow_footprint(unsafe { usable(p) });
        Ok(p)
    }

    #[inline]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: a live block of this heap.
        unsafe {
            self.stats.shrink_footprint(usable(ptr));
            ffi::mi_free(ptr.as_ptr().cast());
        }
        self.stats.on_free(size);
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: caller contract: a live block of this heap.
        let old_usable = unsafe { usable(ptr) };
        // SAFETY: `heap` is live and `ptr` is one of its blocks; on failure mimalloc leaves
        // `ptr` untouched and returns null.
        let q = unsafe {
            ffi::mi_heap_realloc_aligned(
                self.heap.as_ptr(),
                ptr.as_ptr().cast(),
                new_size.max(1),
                ALIGNMENT,
            )
        };
        let q = NonNull::new(q.cast::<u8>()).ok_or(AllocError { size: new_size })?;
        self.stats.shrink_footprint(old_usable);
        // SAFETY: `q` is live.
        self.stats.grow_footprint(unsafe { usable(q) });
        self.stats.on_free(old_size);
        self.stats.on_alloc(new_size);
        Ok(q)
    }

    fn stats(&self) -> AllocStats {
        self.stats
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        crate::write_summary(
            out,
            "mimalloc (a private mi_heap, destroyed at teardown)",
            &self.stats,
        )
    }
}

impl Drop for Mimalloc {
    fn drop(&mut self) {
        // SAFETY: the heap is live and ours; destroying it frees its remaining blocks, which the
        // `RawAllocator` contract says nobody may use after the allocator is gone.
        unsafe { ffi::mi_heap_destroy(self.heap.as_ptr()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_serves_and_destroys() {
        let mut m = Mimalloc::new();
        let blocks: Vec<_> = (1..200).map(|n| m.alloc(n * 7).unwrap()).collect();
        assert!(blocks
            .iter()
            .all(|p| (p.as_ptr() as usize).is_multiple_of(ALIGNMENT)));
        assert!(m.stats().footprint >= (1..200).map(|n| n * 7).sum::<usize>() as u64);
        // SAFETY: the first block is live with 7 bytes.
        unsafe { m.free(blocks[0], 7) };
        assert_eq!(m.stats().live_blocks, 198);
        // The other 198 blocks go with the heap.
        drop(m);
    }

    #[test]
    fn usable_from_another_thread() {
        let mut m = Mimalloc::new();
        let p = m.alloc(64).unwrap().as_ptr() as usize;
        let handle = std::thread::spawn(move || {
            let p = NonNull::new(p as *mut u8).unwrap();
            let q = m.alloc(128).unwrap();
            // SAFETY: both blocks are live blocks of `m` with these sizes.
            unsafe {
                m.free(p, 64);
                m.free(q, 128);
            }
            m.stats()
        });
        let st = handle.join().unwrap();
        assert_eq!((st.live_blocks, st.footprint), (0, 0));
    }
}
