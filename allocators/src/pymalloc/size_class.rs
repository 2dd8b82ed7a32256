//! Size classes: how a request size maps to a block size.
//!
//! Requests of 1 to [`SMALL_REQUEST_THRESHOLD`] bytes are rounded up to a multiple of
//! [`ALIGNMENT`] (16 bytes); each multiple is one *size class*, numbered by `szidx`:
//!
//! ```text
//!   request (bytes)   block size   szidx
//!       1 -  16           16          0
//!      17 -  32           32          1
//!      33 -  48           48          2
//!          ...           ...        ...
//!     497 - 512          512         31
//!   over 512        (the system allocator)
//! ```
//!
//! The class of `n` is `(n - 1) >> 4`, the block size of class `i` is `(i + 1) << 4`.
//!
//! CPython: `Objects/obmalloc.c`, `ALIGNMENT_SHIFT`, `SMALL_REQUEST_THRESHOLD`,
//! `NB_SMALL_SIZE_CLASSES`, `INDEX2SIZE`.

use super::pool::{POOL_OVERHEAD, POOL_SIZE};

/// Block sizes are multiples of this; it is also every block's alignment.
pub const ALIGNMENT: usize = crate::ALIGNMENT;

/// `log2(ALIGNMENT)`: the shift that turns a request size into its class.
pub const ALIGNMENT_SHIFT: u32 = ALIGNMENT.trailing_zeros();

/// The largest request served from pools; anything larger goes to the system allocator.
pub const SMALL_REQUEST_THRESHOLD: usize = 512;

/// How many size classes there are (32).
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

const _: () = assert!(ALIGNMENT == 16 && ALIGNMENT_SHIFT == 4);
const _: () = assert!(NB_SMALL_SIZE_CLASSES == 32);

/// The size class of a request of `nbytes` bytes, `1 <= nbytes <= SMALL_REQUEST_THRESHOLD`.
///
/// CPython: `pymalloc_alloc`, `size = (uint)(nbytes - 1) >> ALIGNMENT_SHIFT`.
#[inline(always)]
pub const fn size_class_index(nbytes: usize) -> usize {
    debug_assert!(nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD);
    (nbytes - 1) >> ALIGNMENT_SHIFT
}

/// The block size of class `szidx`.
#[doc(alias = "INDEX2SIZE")]
#[inline(always)]
pub const fn class_size(szidx: usize) -> usize {
    (szidx + 1) << ALIGNMENT_SHIFT
}

/// How many blocks of class `szidx` fit in one pool, after the pool header.
#[inline]
pub const fn blocks_per_pool(szidx: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / class_size(szidx)
}

/// Bytes at the end of a pool of class `szidx` too small for one more block.
#[inline]
pub const fn quantization_per_pool(szidx: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) % class_size(szidx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_boundaries() {
        assert_eq!(size_class_index(1), 0);
        assert_eq!(size_class_index(16), 0);
        assert_eq!(size_class_index(17), 1);
        assert_eq!(size_class_index(512), 31);
        for n in 1..=SMALL_REQUEST_THRESHOLD {
            let i = size_class_index(n);
            assert!(
                class_size(i) >= n && class_size(i) - n < ALIGNMENT,
                "n = {n}"
            );
        }
    }

    #[test]
    fn blocks_per_pool_matches_cpython() {
        // 16 KiB pools with a 48-byte header: (16384 - 48) / size.
        assert_eq!(blocks_per_pool(0), 1021);
        assert_eq!(blocks_per_pool(31), 31);
        for i in 0..NB_SMALL_SIZE_CLASSES {
            assert_eq!(
                blocks_per_pool(i) * class_size(i) + quantization_per_pool(i) + POOL_OVERHEAD,
                POOL_SIZE
            );
        }
    }
}
