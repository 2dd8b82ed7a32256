//! The inline caches of a code object (CPython 3.11's cache entries after each specializable
//! instruction, here an array beside the instructions, indexed alike).
//!
//! A code object starts cold: its family instructions run the generic path and count down
//! [`WARMUP`]. The caches — one [`CacheEntry`] (16 bytes) per instruction, each in the adaptive
//! form — are allocated at the first of those executions, when the code starts running, and
//! kept aside until the count reaches zero; then the code is *quickened* and its family
//! instructions use them. CPython's caches are part of the code object; allocating them at the
//! code's first execution instead of in the middle of its warm-up keeps that property where a
//! program can see it (a program measuring its own allocations with `tracemalloc` around code
//! that ran before sees none from quickening), while code that never runs a family instruction
//! (a module body of plain assignments) never pays for caches. Entries are plain numbers in `Cell`s — versions, indexes, counters — and
//! never an object: what they name is found again under a version that proves it unchanged.
//!
//! The counter follows CPython 3.11 (`pycore_code.h`): an adaptive instruction keeps a
//! 12-bit countdown and a 4-bit back-off exponent. It starts at 31 (exponent 5); at zero it
//! tries to specialize; a failure restarts the countdown at `2**(e+1) - 1` (exponent at most
//! 12). A specialized instruction instead counts its guard misses down from [`MISS_BUDGET`]
//! (53); at zero it goes back to the adaptive form with the starting countdown.

use crate::object::HeapAlloc;
use allocator_api2::vec::Vec as HVec;
use std::cell::{Cell, OnceCell};

/// Executions of family instructions in a cold code object before it is quickened
/// (CPython's `QUICKENING_WARMUP_DELAY` counts calls and back edges; 8 as there).
pub const WARMUP: u16 = 8;
/// Bits of the counter holding the back-off exponent.
const BACKOFF_BITS: u16 = 4;
/// The exponent of the first countdown (31 = `2**5 - 1`).
const BACKOFF_START: u16 = 5;
/// The largest exponent (a countdown of 4095).
const MAX_BACKOFF: u16 = 16 - BACKOFF_BITS;
/// Guard misses a specialized instruction tolerates before de-specializing (a prime near
/// 50, as CPython 3.11's).
pub const MISS_BUDGET: u16 = 53;

/// A countdown `value` with back-off exponent `backoff`.
#[inline]
const fn counter_bits(value: u16, backoff: u16) -> u16 {
    (value << BACKOFF_BITS) | (backoff & ((1 << BACKOFF_BITS) - 1))
}

/// The counter of a freshly adaptive instruction.
pub const fn counter_start() -> u16 {
    counter_bits((1 << BACKOFF_START) - 1, BACKOFF_START)
}

/// The counter after a failed specialization: a countdown twice as long (plus one).
pub const fn counter_backoff(counter: u16) -> u16 {
    let mut backoff = (counter & ((1 << BACKOFF_BITS) - 1)) + 1;
    if backoff > MAX_BACKOFF {
        backoff = MAX_BACKOFF;
    }
    counter_bits((1 << backoff) - 1, backoff)
}

/// Whether an adaptive counter has run down.
#[inline]
pub const fn counter_is_zero(counter: u16) -> bool {
    counter >> BACKOFF_BITS == 0
}

/// One count down of an adaptive counter.
#[inline]
pub const fn counter_decrement(counter: u16) -> u16 {
    counter - (1 << BACKOFF_BITS)
}

/// The inline cache of one instruction. What the words mean depends on `form` (see
/// [`super::Form`]); `counter` is the adaptive countdown or the specialized miss budget.
pub struct CacheEntry {
    /// The instruction's current form ([`super::Form`] as a byte).
    pub form: Cell<u8>,
    /// Adaptive countdown (with back-off bits) or remaining misses.
    pub counter: Cell<u16>,
    /// First word: a type version tag or a dict keys version.
    pub a: Cell<u32>,
    /// Second word: an entry index, a slot, or a second keys version.
    pub b: Cell<u32>,
    /// Third word: an entry index.
    pub c: Cell<u32>,
}

impl CacheEntry {
    fn adaptive() -> CacheEntry {
        CacheEntry {
            form: Cell::new(super::Form::Adaptive as u8),
            counter: Cell::new(counter_start()),
            a: Cell::new(0),
            b: Cell::new(0),
            c: Cell::new(0),
        }
    }
}

/// The cache array of a code object.
type Entries = HVec<CacheEntry, HeapAlloc>;

/// A code object's quickening state: its warm-up count and its caches (allocated at the first
/// execution of a family instruction, in use once warm).
pub struct Quickened {
    warmup: Cell<u16>,
    /// The caches while the code warms up (taken into `entries` at the end of the warm-up).
    reserved: Cell<Option<Entries>>,
    entries: OnceCell<Entries>,
}

impl Default for Quickened {
    fn default() -> Self {
        Quickened::new()
    }
}

impl Quickened {
    /// A cold code object's state.
    pub const fn new() -> Quickened {
        Quickened {
            warmup: Cell::new(WARMUP),
            reserved: Cell::new(None),
            entries: OnceCell::new(),
        }
    }

    /// The caches, when the code is quickened.
    #[inline]
    pub fn entries(&self) -> Option<&[CacheEntry]> {
        self.entries.get().map(|v| v.as_slice())
    }

    /// Counts one execution of a family instruction in cold code (the first allocates the
    /// caches); at the end of the warm-up, the caches come into use (if the heap refused them,
    /// the code stays cold and generic). Returns the caches when they are in use now.
    #[inline(always)]
    pub fn tick(&self, len: usize) -> Option<&[CacheEntry]> {
        match self.entries.get() {
            Some(e) => Some(e.as_slice()),
            None => self.tick_cold(len),
        }
    }

    /// [`Quickened::tick`] while the code is cold (out of line: once warm, never called).
    #[cold]
    #[inline(never)]
    fn tick_cold(&self, len: usize) -> Option<&[CacheEntry]> {
        let left = self.warmup.get();
        if left == WARMUP && super::stats::quickening_on() {
            // The code's first family instruction: its caches are allocated now, with the
            // code's first frame, not later in the middle of whatever the program does.
            let mut reserved = self.reserved.take();
            if reserved.is_none() {
                reserved = new_entries(len);
            }
            self.reserved.set(reserved);
        }
        if left > 1 {
            self.warmup.set(left - 1);
            return None;
        }
        self.warmup.set(WARMUP);
        if !super::stats::quickening_on() {
            return None;
        }
        let entries = match self.reserved.take() {
            Some(v) if v.len() == len => v,
            _ => new_entries(len)?,
        };
        let _ = self.entries.set(entries);
        self.entries()
    }

    /// Bytes of cache storage (0 before the code first ran a family instruction).
    pub fn storage_bytes(&self) -> usize {
        let reserved = self.reserved.take();
        let held = reserved.as_ref().or(self.entries.get());
        let bytes = held.map_or(0, |v| v.capacity() * std::mem::size_of::<CacheEntry>());
        self.reserved.set(reserved);
        bytes
    }
}

/// `len` caches in the adaptive form (`None`: the heap refused them).
fn new_entries(len: usize) -> Option<Entries> {
    let mut v = HVec::new_in(HeapAlloc);
    v.try_reserve_exact(len).ok()?;
    v.extend((0..len).map(|_| CacheEntry::adaptive()));
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_follow_cpython() {
        // 31 executions then a try; each failure doubles the countdown, up to 4095.
        let c = counter_start();
        assert_eq!(c >> BACKOFF_BITS, 31);
        assert_eq!(c & 0xf, 5);
        let mut c = c;
        let mut steps = 0;
        while !counter_is_zero(c) {
            c = counter_decrement(c);
            steps += 1;
        }
        assert_eq!(steps, 31);
        let b1 = counter_backoff(c);
        assert_eq!((b1 >> BACKOFF_BITS, b1 & 0xf), (63, 6));
        let b2 = counter_backoff(b1);
        assert_eq!((b2 >> BACKOFF_BITS, b2 & 0xf), (127, 7));
        let mut b = b2;
        for _ in 0..20 {
            b = counter_backoff(b);
        }
        assert_eq!((b >> BACKOFF_BITS, b & 0xf), (4095, 12));
    }
}
