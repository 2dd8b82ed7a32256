//! The trace file format: a header, then one varint-coded record per heap event.
//!
//! ```text
//!   header   "APYTRACE" (8 bytes), version (varint), flags (varint: bit 0 = allocation sites)
//!   record   head (varint) = payload << 3 | kind, then the kind's extra varints
//!
//!   kind 0  ALLOC    payload = requested size
//!   kind 1  FREE     payload = zigzag(id - reference)
//!   kind 2  REALLOC  payload = zigzag(id - reference); then the new size
//!   kind 3  COLLECT  payload = generation (a collection starts)
//!   kind 4  SITE     payload = byte length; then the UTF-8 text (defines the next site number)
//!   kind 5  ALLOC_AT payload = requested size; then the site number (sites traces only)
//!   kind 6  END      payload = 0; then events, peak live bytes, live bytes at the end
//! ```
//!
//! **Block ids are implicit.** An allocation takes the most recently released id, or the next
//! unused one when none is released; a free releases its block's id; a realloc keeps it. So
//! ids are reused as the program reuses memory, the table a replay keeps is as large as the
//! program's peak block count, and the ids depend only on the order of events — the same
//! program writes the same trace under every strategy. A free or realloc names its block by
//! the difference from the *reference*, the id of the latest allocation, because most blocks
//! die young: the difference is usually a small number and its varint one byte.
//!
//! In a sites trace an `ALLOC` (kind 0) allocates at the same site as the allocation before
//! it, and `ALLOC_AT` names a new one; site texts are defined by `SITE` records before their
//! first use. `END` carries totals that a reader checks, so a trace cut short is told apart
//! from a finished one. Every varint is LEB128 (7 bits per byte, low bits first), at most 10
//! bytes.

use std::fmt;

/// The first bytes of every trace.
pub const MAGIC: &[u8; 8] = b"APYTRACE";
/// The format version this build writes and reads.
pub const VERSION: u64 = 1;
/// Header flag: allocations carry sites (`--frames`).
pub const FLAG_SITES: u64 = 1;

/// Record kinds (the low three bits of a record's head).
pub mod kind {
    /// An allocation at the previous site.
    pub const ALLOC: u64 = 0;
    /// A free.
    pub const FREE: u64 = 1;
    /// A resize.
    pub const REALLOC: u64 = 2;
    /// A collection of a generation starts.
    pub const COLLECT: u64 = 3;
    /// A site's text.
    pub const SITE: u64 = 4;
    /// An allocation at a named site.
    pub const ALLOC_AT: u64 = 5;
    /// The end of the trace, with totals.
    pub const END: u64 = 6;
}

/// Bits of a record head holding the kind.
pub const KIND_BITS: u32 = 3;

/// One heap event, with its block id made explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Block `id` of `size` requested bytes was allocated (at site `site` in a sites trace).
    Alloc {
        /// The block's id.
        id: u32,
        /// Requested bytes.
        size: u64,
        /// The allocating site, if the trace has sites.
        site: Option<u32>,
    },
    /// Block `id` (of `size` bytes) was freed.
    Free {
        /// The block's id.
        id: u32,
        /// Its requested size.
        size: u64,
    },
    /// Block `id` was resized from `old` to `new` requested bytes; it keeps its id.
    Realloc {
        /// The block's id.
        id: u32,
        /// The size before.
        old: u64,
        /// The size after.
        new: u64,
    },
    /// A collection of generation `generation` started.
    Collect {
        /// The generation collected (0 to 2).
        generation: u8,
    },
}

/// What went wrong reading a trace, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceError {
    /// Byte offset in the file of the record (or header field) at fault.
    pub offset: u64,
    /// What is wrong there.
    pub what: String,
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad trace at byte offset {}: {}", self.offset, self.what)
    }
}

impl std::error::Error for TraceError {}

/// Appends `v` as a LEB128 varint.
#[inline]
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*pos`, advancing it; `None` when the bytes end first or the value
/// does not fit 64 bits.
#[inline]
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift == 63 && b > 1 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Signed to unsigned so small magnitudes are small numbers.
#[inline]
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// The inverse of [`zigzag`].
#[inline]
pub fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The implicit block ids: the latest released id first, else the next unused one.
#[derive(Default, Debug, Clone)]
pub struct IdPool {
    released: Vec<u32>,
    next: u32,
}

impl IdPool {
    /// The id of a new block.
    #[inline(always)]
    pub fn take(&mut self) -> u32 {
        match self.released.pop() {
            Some(id) => id,
            None => {
                let id = self.next;
                self.next += 1;
                id
            }
        }
    }

    /// Gives a freed block's id back.
    #[inline(always)]
    pub fn release(&mut self, id: u32) {
        self.released.push(id);
    }

    /// One past the highest id handed out.
    pub fn bound(&self) -> u32 {
        self.next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut pos = 0;
            assert_eq!(get_varint(&b, &mut pos), Some(v));
            assert_eq!(pos, b.len());
        }
        let mut pos = 0;
        assert_eq!(get_varint(&[0x80, 0x80], &mut pos), None);
        let mut pos = 0;
        assert_eq!(get_varint(&[0xff; 11], &mut pos), None);
    }

    #[test]
    fn zigzag_is_a_bijection_on_small_values() {
        for v in [-3i64, -2, -1, 0, 1, 2, 3, i64::MIN, i64::MAX] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn ids_are_reused_latest_first() {
        let mut p = IdPool::default();
        assert_eq!((p.take(), p.take(), p.take()), (0, 1, 2));
        p.release(0);
        p.release(2);
        assert_eq!(p.take(), 2);
        assert_eq!(p.take(), 0);
        assert_eq!(p.take(), 3);
        assert_eq!(p.bound(), 4);
    }
}
