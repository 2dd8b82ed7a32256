//! system: one `malloc`/`free` of the C library per block (CPython's `PYTHONMALLOC=malloc`).
//!
//! Blocks must be 16-byte aligned. glibc's `malloc` guarantees that on 64-bit x86 and ARM
//! (`MALLOC_ALIGNMENT` is 16 there), so it is used directly; elsewhere `posix_memalign` asks for
//! 16 explicitly. Footprint is the sum of `malloc_usable_size` of the live blocks: what the C
//! library really set aside for them, rounding and all, but not its own chunk headers.
//!
//! The helpers here also serve pymalloc and typed-arena for their large (over 512 bytes) blocks.
//!
//! Blocks are not recorded, so dropping a [`System`] frees nothing: the caller frees every block
//! first (blocks still live are leaked, never freed twice).

use std::fmt;
use std::ptr::NonNull;

use crate::{AllocError, AllocStats, RawAllocator, ALIGNMENT};

/// Whether plain `malloc` already returns 16-byte aligned blocks on this target.
const MALLOC_ALIGNS_16: bool = cfg!(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
));

/// `malloc` a block of `size` bytes (at least 1), 16-byte aligned. Returns it and its usable size.
#[inline]
pub(crate) fn sys_alloc(size: usize) -> Option<(NonNull<u8>, usize)> {
    let size = size.max(1);
    let p = if cfg!(feature = "global-alloc") {
        let layout = global_layout(size)?;
        // SAFETY: the layout has a non-zero size (`size >= 1`).
        unsafe { std::alloc::alloc(layout) }.cast()
    } else if MALLOC_ALIGNS_16 {
        // SAFETY: `malloc` has no precondition; a null result is handled below.
        unsafe { libc::malloc(size) }
    } else {
        let mut p = std::ptr::null_mut();
        // SAFETY: `p` is a valid out-pointer and the alignment is a power of two that is a
        // multiple of `size_of::<*mut c_void>()`.
        let rc = unsafe { libc::posix_memalign(&mut p, ALIGNMENT, size) };
        if rc != 0 {
            return None;
        }
        p
    };
    let p = NonNull::new(p.cast::<u8>())?;
    debug_assert!(
        (p.as_ptr() as usize).is_multiple_of(ALIGNMENT),
        "malloc returned {p:p}, not 16-byte aligned"
    );
    // SAFETY: `p` was just returned by the C allocator.
    let usable = unsafe { usable_size(p, size) };
    Some((p, usable))
}

/// The layout of a block of `size` requested bytes under the `global-alloc` feature, where
/// blocks come from Rust's global allocator (which sits on the C allocator, so
/// `malloc_usable_size` still applies to them).
/// `None` when no block of that size can exist (it would exceed `isize::MAX` once aligned).
fn global_layout(size: usize) -> Option<std::alloc::Layout> {
    std::alloc::Layout::from_size_align(size.max(1), ALIGNMENT).ok()
}

/// Gives a block back to the C allocator (or the global allocator under `global-alloc`).
///
/// # Safety
/// `p` must be a live block from [`sys_alloc`] or [`sys_realloc`] requested with `size` bytes.
unsafe fn release(p: NonNull<u8>, size: usize) {
    if cfg!(feature = "global-alloc") {
        // A live block's size always has a layout (it was allocated with it).
        if let Some(layout) = global_layout(size) {
            // SAFETY: caller contract: `p` came from the global allocator with this layout.
            unsafe { std::alloc::dealloc(p.as_ptr(), layout) }
        }
    } else {
        // SAFETY: caller contract: `p` came from `malloc`/`posix_memalign`.
        unsafe { libc::free(p.as_ptr().cast()) }
    }
}

/// The usable size of a live C-allocator block (`size` where the C library cannot tell).
///
/// # Safety
/// `p` must be a live block of the C allocator.
#[inline]
pub(crate) unsafe fn usable_size(p: NonNull<u8>, size: usize) -> usize {
    #[cfg(target_os = "linux")]
    {
        let _ = size;
        // SAFETY: caller contract: a live block of this C library's allocator.
        unsafe { libc::malloc_usable_size(p.as_ptr().cast()) }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = p;
        size.max(1)
    }
}

/// `free` a block, returning its usable size.
///
/// # Safety
/// `p` must be a live block from [`sys_alloc`] or [`sys_realloc`], requested with `size` bytes.
#[inline]
pub(crate) unsafe fn sys_free(p: NonNull<u8>, size: usize) -> usize {
    // SAFETY: caller contract.
    unsafe {
        let usable = usable_size(p, size);
        release(p, size);
        usable
    }
}

/// `realloc` a block, keeping 16-byte alignment. Returns the block and its old and new usable
/// sizes; on failure the old block is untouched.
///
/// # Safety
/// `p` must be a live block from [`sys_alloc`] or [`sys_realloc`], requested with `old_size` bytes.
pub(crate) unsafe fn sys_realloc(
    p: NonNull<u8>,
    old_size: usize,
    new_size: usize,
) -> Option<(NonNull<u8>, usize, usize)> {
    // SAFETY: caller contract: a live block.
    let old_usable = unsafe { usable_size(p, old_size) };
    if cfg!(feature = "global-alloc") {
        let old_layout = global_layout(old_size)?;
        global_layout(new_size)?;
        // SAFETY: `p` is live with `old_layout`; the new size is non-zero and, aligned, does
        // not exceed `isize::MAX` (checked just above); the global allocator leaves `p` alone
        // on failure.
        let q =
            NonNull::new(unsafe { std::alloc::realloc(p.as_ptr(), old_layout, new_size.max(1)) })?;
        // SAFETY: `q` is live.
        Some((q, old_usable, unsafe { usable_size(q, new_size) }))
    } else if MALLOC_ALIGNS_16 {
        // SAFETY: `p` is live; `realloc` keeps `malloc`'s alignment and leaves `p` alone on failure.
        let q = NonNull::new(
            unsafe { libc::realloc(p.as_ptr().cast(), new_size.max(1)) }.cast::<u8>(),
        )?;
        // SAFETY: `q` is live.
        Some((q, old_usable, unsafe { usable_size(q, new_size) }))
    } else {
        let (q, new_usable) = sys_alloc(new_size)?;
        // SAFETY: both blocks are live and distinct; each holds the bytes copied.
        unsafe {
            std::ptr::copy_nonoverlapping(p.as_ptr(), q.as_ptr(), old_size.min(new_size));
            release(p, old_size);
        }
        Some((q, old_usable, new_usable))
    }
}

/// The C library's allocator, one call per block.
#[derive(Debug, Default)]
pub struct System {
    stats: AllocStats,
}

impl System {
    /// A strategy holding nothing.
    pub fn new() -> System {
        System::default()
    }
}

impl RawAllocator for System {
    #[inline]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let (p, usable) = sys_alloc(size).ok_or(AllocError { size })?;
        self.stats.on_alloc(size);
        self.stats.grow_footprint(usable);
        Ok(p)
    }

    #[inline]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract: a live block of this strategy, i.e. of the C allocator.
        let usable = unsafe { sys_free(ptr, size) };
        self.stats.shrink_footprint(usable);
        self.stats.on_free(size);
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: caller contract.
        let (q, old_usable, new_usable) =
            unsafe { sys_realloc(ptr, old_size, new_size) }.ok_or(AllocError { size: new_size })?;
        self.stats.shrink_footprint(old_usable);
        self.stats.grow_footprint(new_usable);
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
            "system (C library malloc, one call per block)",
            &self.stats,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_free_realloc_keep_stats() {
        let mut s = System::new();
        let p = s.alloc(24).unwrap();
        assert_eq!(p.as_ptr() as usize % ALIGNMENT, 0);
        assert!(s.stats().footprint >= 24);
        // SAFETY: `p` is a live block of 24 bytes of `s`.
        let q = unsafe {
            p.as_ptr().write_bytes(7, 24);
            s.realloc(p, 24, 4000).unwrap()
        };
        // SAFETY: `q` holds 4000 bytes, the first 24 copied.
        unsafe {
            assert_eq!(*q.as_ptr().add(23), 7);
            s.free(q, 4000);
        }
        let st = s.stats();
        assert_eq!(
            (
                st.allocations,
                st.frees,
                st.live_blocks,
                st.live_bytes,
                st.footprint
            ),
            (2, 2, 0, 0, 0)
        );
        assert_eq!(st.peak_live_bytes, 4000);
    }
}
