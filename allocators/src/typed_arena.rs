//! typed-arena: one `typed_arena::Arena` of fixed-size blocks per size class, plus a free list
//! per class.
//!
//! The size classes are pymalloc's (16-byte steps up to 512 bytes; see
//! [`crate::pymalloc::size_class`]). Class `i` has an `Arena<Block<{16 * (i + 1)}>>`, where
//! [`Block<N>`] is `N` bytes aligned to 16. A request pops the class's free list (a LIFO list
//! through the first word of each free block, as in pymalloc) or, when that is empty, carves a
//! new block from the arena. Blocks never go back to their arena; freed blocks wait on the free
//! list for the next request of the same class. Requests over 512 bytes go to the system
//! allocator.
//!
//! Footprint is the bytes of blocks carved from the arenas so far, plus the usable sizes of the
//! large blocks held. (The arenas' chunks, which `typed_arena` grows by doubling, can hold a few
//! more blocks not yet carved; those are not counted.) Dropping the strategy drops the arenas
//! and with them every small block; large blocks are not recorded and must be freed first.

use std::fmt;
use std::mem::MaybeUninit;
use std::ptr::{self, NonNull};

use typed_arena::Arena;

use crate::pymalloc::size_class::{
    class_size, size_class_index, NB_SMALL_SIZE_CLASSES, SMALL_REQUEST_THRESHOLD,
};
use crate::system;
use crate::{AllocError, AllocStats, RawAllocator};

/// A block of `N` bytes aligned to 16: the element type of one size class's arena.
///
/// Its bytes are `MaybeUninit`, so an uninitialised `Block` is valid and dropping one does nothing.
#[repr(C, align(16))]
pub struct Block<const N: usize>([MaybeUninit<u8>; N]);

/// Carve one block from a class arena.
#[inline]
fn carve<const N: usize>(arena: &Arena<Block<N>>) -> *mut u8 {
    // SAFETY: `Block<N>` consists only of `MaybeUninit<u8>`, so uninitialised memory is a valid
    // `Block<N>` and the arena may drop it without it ever being written.
    let slot = unsafe { arena.alloc_uninitialized(1) };
    slot.as_mut_ptr().cast()
}

/// Declares the struct of the 32 class arenas and the `match` that picks one by class index.
macro_rules! class_arenas {
    ($($szidx:literal => $field:ident : $size:literal),* $(,)?) => {
        /// One arena per size class.
        struct ClassArenas {
            $($field: Arena<Block<$size>>,)*
        }

        impl ClassArenas {
            fn new() -> ClassArenas {
                ClassArenas { $($field: Arena::new(),)* }
            }

            /// Carve a fresh block of class `szidx`.
            fn carve(&self, szidx: usize) -> *mut u8 {
                $(const _: () = assert!($size == class_size($szidx));)*
                match szidx {
                    $($szidx => carve(&self.$field),)*
                    _ => unreachable!("size class {szidx} out of range"),
                }
            }
        }
    };
}

class_arenas! {
    0 => c16: 16, 1 => c32: 32, 2 => c48: 48, 3 => c64: 64,
    4 => c80: 80, 5 => c96: 96, 6 => c112: 112, 7 => c128: 128,
    8 => c144: 144, 9 => c160: 160, 10 => c176: 176, 11 => c192: 192,
    12 => c208: 208, 13 => c224: 224, 14 => c240: 240, 15 => c256: 256,
    16 => c272: 272, 17 => c288: 288, 18 => c304: 304, 19 => c320: 320,
    20 => c336: 336, 21 => c352: 352, 22 => c368: 368, 23 => c384: 384,
    24 => c400: 400, 25 => c416: 416, 26 => c432: 432, 27 => c448: 448,
    28 => c464: 464, 29 => c480: 480, 30 => c496: 496, 31 => c512: 512,
}

/// Typed arenas per size class with free lists.
pub struct TypedArena {
    arenas: ClassArenas,
    /// Per class, the head of a LIFO list of freed blocks linked through their first word.
    /// Invariant: every entry is a block carved from that class's arena and not in use.
    freelists: [*mut u8; NB_SMALL_SIZE_CLASSES],
    /// Blocks carved per class (for the report).
    carved: [u64; NB_SMALL_SIZE_CLASSES],
    stats: AllocStats,
}

// SAFETY: the free-list pointers point into this value's own arenas; `typed_arena::Arena<T>` is
// `Send` for `T: Send`, and nothing is shared with other values or threads.
unsafe impl Send for TypedArena {}

impl fmt::Debug for TypedArena {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedArena")
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl Default for TypedArena {
    fn default() -> Self {
        TypedArena::new()
    }
}

impl TypedArena {
    /// Empty arenas (each with its first small chunk) and empty free lists.
    pub fn new() -> TypedArena {
        TypedArena {
            arenas: ClassArenas::new(),
            freelists: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
            carved: [0; NB_SMALL_SIZE_CLASSES],
            stats: AllocStats::default(),
        }
    }

    #[inline(always)]
    fn alloc_raw(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        if size > SMALL_REQUEST_THRESHOLD {
            return self.alloc_large(size);
        }
        let szidx = size_class_index(size.max(1));
        let head = self.freelists[szidx];
        let p = if head.is_null() {
            self.carve_new(szidx)
        } else {
            // SAFETY: free-list entries are free blocks of this class whose first word links on.
            self.freelists[szidx] = unsafe { head.cast::<*mut u8>().read() };
            head
        };
        // SAFETY: blocks come from arena chunks, never null.
        Ok(unsafe { NonNull::new_unchecked(p) })
    }

    #[cold]
    #[inline(never)]
    fn carve_new(&mut self, szidx: usize) -> *mut u8 {
        self.carved[szidx] += 1;
        self.stats.grow_footprint(class_size(szidx));
        self.arenas.carve(szidx)
    }

    #[cold]
    fn alloc_large(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let (p, usable) = system::sys_alloc(size).ok_or(AllocError { size })?;
        self.stats.grow_footprint(usable);
        Ok(p)
    }

    /// # Safety
    /// `ptr` must be a live block of this strategy requested with `size` bytes.
    #[inline(always)]
    unsafe fn free_raw(&mut self, ptr: NonNull<u8>, size: usize) {
        if size > SMALL_REQUEST_THRESHOLD {
            // SAFETY: large blocks come from the system allocator (caller contract).
            let usable = unsafe { system::sys_free(ptr, size) };
            self.stats.shrink_footprint(usable);
            return;
        }
        let szidx = size_class_index(size.max(1));
        // SAFETY: the block is ours to overwrite now (caller contract), and at least 16 bytes.
        unsafe { ptr.as_ptr().cast::<*mut u8>().write(self.freelists[szidx]) };
        self.freelists[szidx] = ptr.as_ptr();
    }
}

impl RawAllocator for TypedArena {
    #[inline]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let p = self.alloc_raw(size)?;
        self.stats.on_alloc(size);
        Ok(p)
    }

    #[inline]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: caller contract.
        unsafe { self.free_raw(ptr, size) };
        self.stats.on_free(size);
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        let same_class = old_size <= SMALL_REQUEST_THRESHOLD
            && new_size <= SMALL_REQUEST_THRESHOLD
            && size_class_index(old_size.max(1)) == size_class_index(new_size.max(1));
        let q = if same_class {
            ptr
        } else if old_size > SMALL_REQUEST_THRESHOLD && new_size > SMALL_REQUEST_THRESHOLD {
            // SAFETY: a live large block (caller contract).
            let (q, old_usable, new_usable) =
                unsafe { system::sys_realloc(ptr, old_size, new_size) }
                    .ok_or(AllocError { size: new_size })?;
            self.stats.shrink_footprint(old_usable);
            self.stats.grow_footprint(new_usable);
            q
        } else {
            let q = self.alloc_raw(new_size)?;
            // SAFETY: distinct live blocks holding at least the bytes copied; then `ptr` is freed
            // once, as the caller gave it up.
            unsafe {
                ptr::copy_nonoverlapping(ptr.as_ptr(), q.as_ptr(), old_size.min(new_size));
                self.free_raw(ptr, old_size);
            }
            q
        };
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
            "typed-arena (one typed_arena::Arena per size class, free lists)",
            &self.stats,
        )?;
        writeln!(out, "class   size   blocks carved")?;
        for (i, &n) in self.carved.iter().enumerate().filter(|(_, &n)| n > 0) {
            writeln!(out, "{i:>5} {:>6} {n:>15}", class_size(i))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_layout() {
        assert_eq!(std::mem::size_of::<Block<48>>(), 48);
        assert_eq!(std::mem::align_of::<Block<48>>(), 16);
        assert_eq!(std::mem::size_of::<Block<512>>(), 512);
    }

    #[test]
    fn freed_blocks_are_reused_per_class() {
        let mut t = TypedArena::new();
        let a = t.alloc(40).unwrap();
        let b = t.alloc(40).unwrap();
        assert_eq!(a.as_ptr() as usize % 16, 0);
        assert_eq!(t.stats().footprint, 96);
        // SAFETY: `b` is live with 40 bytes.
        unsafe { t.free(b, 40) };
        assert_eq!(t.alloc(33).unwrap(), b, "same class: LIFO reuse");
        assert_ne!(t.alloc(16).unwrap(), b, "another class never gets it");
        assert_eq!(t.stats().footprint, 96 + 16);
        let big = t.alloc(4096).unwrap();
        // SAFETY: `big` is live with 4096 bytes.
        unsafe { t.free(big, 4096) };
        assert_eq!(t.stats().footprint, 96 + 16);
    }
}
