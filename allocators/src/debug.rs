//! debug: a checking wrapper over any strategy, like CPython's `PYTHONMALLOC=debug`.
//!
//! # Block layout
//!
//! Each user block of `n` bytes is carved from an inner block of `n + 48` bytes:
//!
//! ```text
//!   inner block (16-byte aligned)
//!   ┌──────────┬──────────┬───────────────┬──────────────────────┬───────────────┐
//!   │ serial 8 │ size 8   │ 16 × 0xFD     │ n user bytes         │ 16 × 0xFD     │
//!   └──────────┴──────────┴───────────────┴──────────────────────┴───────────────┘
//!   0          8          16              32 ◀── user pointer     32 + n
//! ```
//!
//! * The user pointer is 32 bytes in, so it stays 16-byte aligned.
//! * Word 0 is the allocation's serial number. The size sits in word 1, out of reach of the
//!   inner strategy's free list (pymalloc and typed-arena link free blocks through word 0).
//!   CPython keeps its size in word 0, so its dump of a double-freed block can read a free-list
//!   pointer as a size; here the size is also kept in the table below, which is what the checks
//!   trust, and word 1 is cross-checked against it.
//! * Fresh user bytes are 0xCD ("clean"), freed ones 0xDD ("dead"), guards 0xFD ("fence"):
//!   CPython's `PYMEM_CLEANBYTE`, `PYMEM_DEADBYTE`, `PYMEM_FORBIDDENBYTE`.
//!
//! # Checks
//!
//! A table (a `HashMap` keyed by user address, bookkeeping not counted in any statistic) holds
//! every live and every quarantined block, so these are detected reliably, before any block
//! memory is read:
//! * **double free**: the block is in quarantine;
//! * **free of an unknown pointer**: the block is in neither state;
//! * **free with the wrong size**: the size differs from the one requested.
//!
//! Then the block's memory is checked: the size word, the leading guard (**buffer underrun**)
//! and the trailing guard (**buffer overrun**). A freed block is filled with 0xDD and kept in a
//! FIFO **quarantine** of at most [`QUARANTINE_BLOCKS`] blocks or [`QUARANTINE_BYTES`] bytes; when
//! it leaves (or when the wrapper is dropped) it must still be all 0xDD with intact guards,
//! else a **write after free** happened. Only then does the inner strategy get it back.
//!
//! Every violation is fatal: a message naming the problem, the block's address (the user
//! pointer), its requested size and the bytes found goes to stderr, then the process aborts.
//!
//! # Statistics
//!
//! Allocation counts and live bytes are the user's view (requested sizes, a quarantined block
//! is freed); footprint is the inner strategy's, so it includes the guards and the quarantine.

use std::collections::{HashMap, VecDeque};
use std::fmt::{self, Write as _};
use std::hash::{BuildHasherDefault, Hasher};
use std::ptr::NonNull;

use crate::{AllocError, AllocStats, RawAllocator};

/// Byte written over fresh memory (`PYMEM_CLEANBYTE`).
pub const CLEAN_BYTE: u8 = 0xCD;
/// Byte written over freed memory (`PYMEM_DEADBYTE`).
pub const DEAD_BYTE: u8 = 0xDD;
/// Byte of the guards around each block (`PYMEM_FORBIDDENBYTE`).
pub const FORBIDDEN_BYTE: u8 = 0xFD;
/// Guard bytes on each side of a user block.
pub const GUARD: usize = 16;
/// Bytes before the user pointer: serial, size, leading guard.
const HEADER: usize = 16 + GUARD;
/// Bytes the wrapper adds to each block.
pub const OVERHEAD: usize = HEADER + GUARD;
/// Most blocks held in quarantine.
pub const QUARANTINE_BLOCKS: usize = 1024;
/// Most user bytes held in quarantine.
pub const QUARANTINE_BYTES: usize = 4 << 20;

const _: () = assert!(HEADER.is_multiple_of(crate::ALIGNMENT));

/// A hasher for 16-byte aligned addresses: one multiply.
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Live,
    Quarantined,
}

#[derive(Clone, Copy)]
struct Entry {
    size: usize,
    serial: u64,
    state: State,
}

/// The checking wrapper. `A` is any strategy.
pub struct DebugAllocator<A: RawAllocator> {
    inner: A,
    /// Every live or quarantined block, by user address.
    blocks: HashMap<usize, Entry, BuildHasherDefault<AddrHasher>>,
    /// Quarantined blocks, oldest first: (user address, requested size).
    quarantine: VecDeque<(usize, usize)>,
    /// User bytes in quarantine.
    quarantine_bytes: usize,
    /// Serial number of the next allocation.
    serial: u64,
    /// The user's view; `footprint` fields are taken from the inner strategy.
    stats: AllocStats,
}

impl<A: RawAllocator> fmt::Debug for DebugAllocator<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DebugAllocator")
            .field("live_and_quarantined", &self.blocks.len())
            .field("quarantined", &self.quarantine.len())
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// What went wrong, for the fatal message.
enum Violation {
    DoubleFree,
    UnknownPointer,
    WrongSize { freed_with: usize },
    SizeWord { found: u64 },
    Underrun { index: usize },
    Overrun { index: usize },
    WriteAfterFree { index: usize },
}

/// Print the fatal message and abort. Never returns.
#[cold]
#[inline(never)]
fn fatal(v: Violation, user: usize, size: usize, bytes: &[u8], expected: u8) -> ! {
    let mut msg = String::from("arenapy: fatal allocator error: ");
    let _ = match v {
        Violation::DoubleFree => write!(msg, "double free: block {user:#x} of {size} bytes was already freed"),
        Violation::UnknownPointer => write!(
            msg,
            "free of unknown pointer: block {user:#x} (freed with size {size}) was not allocated here, or was freed long ago"
        ),
        Violation::WrongSize { freed_with } => write!(
            msg,
            "free with wrong size: block {user:#x} of {size} bytes freed with size {freed_with}"
        ),
        Violation::SizeWord { found } => write!(
            msg,
            "buffer underrun: block {user:#x} of {size} bytes: size word is {found:#x}, expected {size:#x}"
        ),
        Violation::Underrun { index } => write!(
            msg,
            "buffer underrun: block {user:#x} of {size} bytes: leading guard byte {index} is {:#04x}, expected {expected:#04X}",
            bytes[index]
        ),
        Violation::Overrun { index } => write!(
            msg,
            "buffer overrun: block {user:#x} of {size} bytes: trailing guard byte {index} is {:#04x}, expected {expected:#04X}",
            bytes[index]
        ),
        Violation::WriteAfterFree { index } => write!(
            msg,
            "write after free: block {user:#x} of {size} bytes: byte {index} is {:#04x}, expected {expected:#04X}",
            bytes[index]
        ),
    };
    if !bytes.is_empty() {
        let _ = write!(msg, "\n    bytes found:");
        for b in bytes.iter().take(64) {
            let _ = write!(msg, " {b:02X}");
        }
        if bytes.len() > 64 {
            let _ = write!(msg, " ...");
        }
    }
    eprintln!("{msg}");
    std::process::abort();
}

/// The inner block of a user pointer.
#[inline]
fn base_of(user: NonNull<u8>) -> NonNull<u8> {
    // SAFETY: every user pointer is HEADER bytes into its inner block.
    unsafe { user.sub(HEADER) }
}

/// # Safety
/// `p..p + len` must be readable.
unsafe fn bytes<'a>(p: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: caller contract; the bytes are initialised (guards and fills are always written).
    unsafe { std::slice::from_raw_parts(p, len) }
}

impl<A: RawAllocator> DebugAllocator<A> {
    /// Wrap `inner`.
    pub fn new(inner: A) -> DebugAllocator<A> {
        DebugAllocator {
            inner,
            blocks: HashMap::default(),
            quarantine: VecDeque::new(),
            quarantine_bytes: 0,
            serial: 0,
            stats: AllocStats::default(),
        }
    }

    /// The wrapped strategy.
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Blocks in quarantine (freed by the user, not yet given back to the inner strategy).
    pub fn quarantined(&self) -> usize {
        self.quarantine.len()
    }

    /// Allocate and lay out a block; no user statistics.
    fn alloc_block(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let total = size.checked_add(OVERHEAD).ok_or(AllocError { size })?;
        let base = self.inner.alloc(total).map_err(|_| AllocError { size })?;
        self.serial += 1;
        // SAFETY: the inner block holds `size + OVERHEAD` bytes; every write is inside it.
        let user = unsafe {
            let b = base.as_ptr();
            b.cast::<u64>().write(self.serial);
            b.add(8).cast::<u64>().write(size as u64);
            b.add(16).write_bytes(FORBIDDEN_BYTE, GUARD);
            b.add(HEADER).write_bytes(CLEAN_BYTE, size);
            b.add(HEADER + size).write_bytes(FORBIDDEN_BYTE, GUARD);
            NonNull::new_unchecked(b.add(HEADER))
        };
        self.blocks.insert(
            user.as_ptr() as usize,
            Entry {
                size,
                serial: self.serial,
                state: State::Live,
            },
        );
        Ok(user)
    }

    /// Check a block being freed: the table first, then its size word and guards.
    /// Returns its table entry.
    fn check_free(&self, user: NonNull<u8>, size: usize) -> Entry {
        let addr = user.as_ptr() as usize;
        let entry = match self.blocks.get(&addr) {
            None => fatal(Violation::UnknownPointer, addr, size, &[], 0),
            Some(e) if e.state == State::Quarantined => {
                fatal(Violation::DoubleFree, addr, e.size, &[], 0)
            }
            Some(e) => *e,
        };
        if entry.size != size {
            fatal(
                Violation::WrongSize { freed_with: size },
                addr,
                entry.size,
                &[],
                0,
            );
        }
        // SAFETY: the table says the block is live, so its inner block of `size + OVERHEAD`
        // bytes is ours to read.
        unsafe { check_guards(user, size) };
        entry
    }

    /// Fill a checked block with dead bytes and quarantine it, evicting the oldest if full.
    fn quarantine(&mut self, user: NonNull<u8>, size: usize) {
        let addr = user.as_ptr() as usize;
        // SAFETY: the block is live (checked by `check_free`), `size` bytes at `user`.
        unsafe { user.as_ptr().write_bytes(DEAD_BYTE, size) };
        if let Some(e) = self.blocks.get_mut(&addr) {
            e.state = State::Quarantined;
        }
        self.quarantine.push_back((addr, size));
        self.quarantine_bytes += size;
        while self.quarantine.len() > QUARANTINE_BLOCKS || self.quarantine_bytes > QUARANTINE_BYTES
        {
            self.evict_oldest();
        }
    }

    /// Give the oldest quarantined block back to the inner strategy, after checking that nobody
    /// wrote to it since it was freed.
    fn evict_oldest(&mut self) {
        let Some((addr, size)) = self.quarantine.pop_front() else {
            return;
        };
        self.quarantine_bytes -= size;
        self.blocks.remove(&addr);
        // SAFETY: a quarantined address is a non-null user pointer of a block still held from
        // the inner strategy.
        let user = unsafe { NonNull::new_unchecked(addr as *mut u8) };
        // SAFETY: the inner block is still allocated, so all of it is readable.
        unsafe {
            let data = bytes(user.as_ptr(), size);
            if let Some(index) = data.iter().position(|&b| b != DEAD_BYTE) {
                fatal(
                    Violation::WriteAfterFree { index },
                    addr,
                    size,
                    data,
                    DEAD_BYTE,
                );
            }
            check_guards(user, size);
            self.inner.free(base_of(user), size + OVERHEAD);
        }
    }

    fn sync_footprint(&mut self) {
        let inner = self.inner.stats();
        self.stats.footprint = inner.footprint;
        self.stats.peak_footprint = inner.peak_footprint;
    }
}

/// Check the size word and both guards of a block.
///
/// # Safety
/// `user` must be the user pointer of a block still held from the inner strategy, of `size` bytes.
unsafe fn check_guards(user: NonNull<u8>, size: usize) {
    let addr = user.as_ptr() as usize;
    // SAFETY: caller contract: the whole inner block is readable.
    unsafe {
        let base = base_of(user).as_ptr();
        let lead = bytes(base.add(16), GUARD);
        if let Some(index) = lead.iter().position(|&b| b != FORBIDDEN_BYTE) {
            fatal(
                Violation::Underrun { index },
                addr,
                size,
                lead,
                FORBIDDEN_BYTE,
            );
        }
        let word = base.add(8).cast::<u64>().read();
        if word != size as u64 {
            fatal(
                Violation::SizeWord { found: word },
                addr,
                size,
                bytes(base.add(8), 8),
                0,
            );
        }
        let trail = bytes(user.as_ptr().add(size), GUARD);
        if let Some(index) = trail.iter().position(|&b| b != FORBIDDEN_BYTE) {
            fatal(
                Violation::Overrun { index },
                addr,
                size,
                trail,
                FORBIDDEN_BYTE,
            );
        }
    }
}

impl<A: RawAllocator> RawAllocator for DebugAllocator<A> {
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        let user = self.alloc_block(size)?;
        self.stats.on_alloc(size);
        self.sync_footprint();
        Ok(user)
    }

    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        self.check_free(ptr, size);
        self.quarantine(ptr, size);
        self.stats.on_free(size);
        self.sync_footprint();
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        self.check_free(ptr, old_size);
        let q = self.alloc_block(new_size)?;
        // SAFETY: both blocks are live and distinct, each holding the bytes copied.
        unsafe { std::ptr::copy_nonoverlapping(ptr.as_ptr(), q.as_ptr(), old_size.min(new_size)) };
        self.quarantine(ptr, old_size);
        self.stats.on_free(old_size);
        self.stats.on_alloc(new_size);
        self.sync_footprint();
        Ok(q)
    }

    fn stats(&self) -> AllocStats {
        let inner = self.inner.stats();
        AllocStats {
            footprint: inner.footprint,
            peak_footprint: inner.peak_footprint,
            ..self.stats
        }
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.inner.report(out)?;
        writeln!(out)?;
        writeln!(
            out,
            "debug wrapper (0xCD fresh, 0xDD freed, 0xFD guards, {OVERHEAD} bytes per block)"
        )?;
        let live = self
            .blocks
            .values()
            .filter(|e| e.state == State::Live)
            .count();
        writeln!(out, "live blocks (user view)            = {live}")?;
        writeln!(
            out,
            "live bytes (user view)             = {}",
            self.stats.live_bytes
        )?;
        writeln!(
            out,
            "quarantined blocks                 = {}",
            self.quarantine.len()
        )?;
        writeln!(
            out,
            "quarantined bytes                  = {}",
            self.quarantine_bytes
        )?;
        let newest = self.blocks.values().map(|e| e.serial).max().unwrap_or(0);
        writeln!(
            out,
            "allocation serial numbers          = 1..={} (newest held: {newest})",
            self.serial
        )
    }
}

impl<A: RawAllocator> Drop for DebugAllocator<A> {
    /// Check and release the quarantine, then give back blocks the user never freed.
    fn drop(&mut self) {
        while !self.quarantine.is_empty() {
            self.evict_oldest();
        }
        let leftovers: Vec<(usize, usize)> =
            self.blocks.iter().map(|(&a, e)| (a, e.size)).collect();
        for (addr, size) in leftovers {
            // SAFETY: the table holds only live blocks now, each a user pointer of an inner block
            // of `size + OVERHEAD` bytes that nobody may use once the allocator is dropped.
            unsafe {
                self.inner.free(
                    base_of(NonNull::new_unchecked(addr as *mut u8)),
                    size + OVERHEAD,
                )
            };
        }
        self.blocks.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::System;

    #[test]
    fn fills_and_guards() {
        let mut d = DebugAllocator::new(System::new());
        let p = d.alloc(24).unwrap();
        assert_eq!(p.as_ptr() as usize % 16, 0);
        // SAFETY: `p` is live with 24 bytes, its guards just around it.
        unsafe {
            assert_eq!(bytes(p.as_ptr(), 24), &[CLEAN_BYTE; 24]);
            assert_eq!(bytes(p.as_ptr().add(24), GUARD), &[FORBIDDEN_BYTE; GUARD]);
            assert_eq!(
                bytes(p.as_ptr().sub(GUARD), GUARD),
                &[FORBIDDEN_BYTE; GUARD]
            );
            d.free(p, 24);
            // Still in quarantine, so still readable: dead bytes.
            assert_eq!(bytes(p.as_ptr(), 24), &[DEAD_BYTE; 24]);
        }
        assert_eq!(d.quarantined(), 1);
        let st = d.stats();
        assert_eq!(
            (st.live_blocks, st.live_bytes, st.peak_live_bytes),
            (0, 0, 24)
        );
        assert_eq!(st.footprint, d.inner().stats().footprint);
    }

    #[test]
    fn quarantine_is_bounded() {
        let mut d = DebugAllocator::new(System::new());
        for _ in 0..QUARANTINE_BLOCKS + 10 {
            let p = d.alloc(8).unwrap();
            // SAFETY: `p` is live with 8 bytes.
            unsafe { d.free(p, 8) };
        }
        assert_eq!(d.quarantined(), QUARANTINE_BLOCKS);
        assert_eq!(d.inner().stats().live_blocks, QUARANTINE_BLOCKS as u64);
        let big = d.alloc(QUARANTINE_BYTES).unwrap();
        // SAFETY: `big` is live with that many bytes.
        unsafe { d.free(big, QUARANTINE_BYTES) };
        assert!(d.quarantine_bytes <= QUARANTINE_BYTES);
    }

    #[test]
    fn leftovers_are_released_at_drop() {
        let mut d = DebugAllocator::new(System::new());
        let _leaked = d.alloc(1000).unwrap();
        drop(d); // frees it through the inner strategy; Miri or ASan would flag a leak otherwise
    }
}
