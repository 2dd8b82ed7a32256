//! Raw memory strategies for arenapy, behind one boundary.
//!
//! This crate knows nothing about Python. It hands out 16-byte aligned blocks of memory and takes
//! them back, in the shape of CPython's raw allocator API (`PyMem_RawMalloc` and friends) with one
//! change that CPython's object allocator also relies on: **the caller passes the size back on
//! `free` and `realloc`**, so no strategy needs a per-block size header.
//!
//! ```text
//!   interpreter (objects, list/dict/str storage)
//!          │ alloc(size) / free(ptr, size) / realloc(ptr, old, new)
//!          ▼
//!   ┌──────────────────────── Allocator (this crate's facade) ─────────────────────────┐
//!   │ optional limit (heap exhaustion => AllocError => MemoryError)                      │
//!   │ optional debug wrapper (0xCD fresh, 0xDD freed, 0xFD guards; PYTHONMALLOC=debug)   │
//!   │ one strategy, chosen at run time, dispatched through an enum (no `dyn` call)       │
//!   │   pymalloc │ system │ mimalloc │ bump │ typed-arena                                │
//!   └────────────────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! Every strategy keeps the same [`AllocStats`], so that heap profiles of the same program
//! under different strategies can be compared figure by figure.
//!
//! | module | strategy | footprint counts |
//! |---|---|---|
//! | [`pymalloc`] | CPython's arenas (1 MiB, mmap) → pools (16 KiB) → blocks, 32 size classes | mapped arenas × 1 MiB + large blocks |
//! | [`system`] | one `malloc`/`free` per block | `malloc_usable_size` of live blocks |
//! | [`mimalloc`] | a private `mi_heap` per allocator, destroyed at drop | `mi_usable_size` of live blocks |
//! | [`bump`] | `bumpalo`; free does nothing | `Bump::allocated_bytes()` |
//! | [`typed_arena`] | a `typed_arena::Arena` per size class + free lists | blocks carved + large blocks |
//! | [`debug`] | wrapper: fills, guards, live-block table, quarantine | the inner strategy's |
//!
//! [`Allocator`] is the facade the interpreter holds; [`RawAllocator`] is the trait each
//! strategy implements.

pub mod bump;
pub mod debug;
pub mod mimalloc;
pub mod pymalloc;
pub mod system;
pub mod trace;
pub mod typed_arena;

use std::fmt;
use std::ptr::NonNull;
use std::str::FromStr;

pub use debug::DebugAllocator;
pub use pymalloc::{InvariantError, Pymalloc};

/// The alignment of every block any strategy hands out.
pub const ALIGNMENT: usize = 16;

/// A request could not be served: the backing allocator or the operating system refused, or the
/// configured limit would be exceeded. The interpreter turns this into `MemoryError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError {
    /// The number of bytes that was asked for.
    pub size: usize,
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot allocate {} bytes", self.size)
    }
}

impl std::error::Error for AllocError {}

/// The statistics every strategy keeps, with the same meaning everywhere.
///
/// * A `realloc` counts as one allocation of the new block and one free of the old one, whether or
///   not the block moved, so `live_blocks` does not change across a `realloc`.
/// * "Requested" bytes are the sizes callers asked for, before any rounding to a size class.
/// * `footprint` is what the strategy holds from the operating system or from the allocator
///   beneath it: whole arenas for pymalloc, whole chunks for bump and typed-arena, usable sizes of
///   the blocks for system and mimalloc. Bookkeeping of the strategy itself (free lists kept in a
///   Rust `Vec`, the debug wrapper's table) is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AllocStats {
    /// Successful allocations since the strategy was created.
    pub allocations: u64,
    /// Frees since the strategy was created.
    pub frees: u64,
    /// Blocks handed out and not yet freed (`allocations - frees`).
    pub live_blocks: u64,
    /// Sum of the requested sizes of the live blocks.
    pub live_bytes: u64,
    /// The highest `live_bytes` ever reached.
    pub peak_live_bytes: u64,
    /// Bytes currently reserved from the operating system or the backing allocator.
    pub footprint: u64,
    /// The highest `footprint` ever reached.
    pub peak_footprint: u64,
}

impl AllocStats {
    /// Record a successful allocation of `size` requested bytes.
    #[inline]
    pub fn on_alloc(&mut self, size: usize) {
        self.allocations += 1;
        self.live_blocks += 1;
        self.live_bytes += size as u64;
        if self.live_bytes > self.peak_live_bytes {
            self.peak_live_bytes = self.live_bytes;
        }
    }

    /// Record the free of a block of `size` requested bytes.
    #[inline]
    pub fn on_free(&mut self, size: usize) {
        debug_assert!(self.live_blocks > 0, "free with no live block");
        debug_assert!(
            self.live_bytes >= size as u64,
            "free of more bytes than are live"
        );
        self.frees += 1;
        self.live_blocks -= 1;
        self.live_bytes -= size as u64;
    }

    /// Record that `bytes` more are held from the layer beneath.
    #[inline]
    pub fn grow_footprint(&mut self, bytes: usize) {
        self.footprint += bytes as u64;
        if self.footprint > self.peak_footprint {
            self.peak_footprint = self.footprint;
        }
    }

    /// Record that `bytes` were given back to the layer beneath.
    #[inline]
    pub fn shrink_footprint(&mut self, bytes: usize) {
        debug_assert!(
            self.footprint >= bytes as u64,
            "footprint would go negative"
        );
        self.footprint -= bytes as u64;
    }
}

/// The boundary every strategy implements.
///
/// Blocks are 16-byte aligned. A request of 0 bytes is served as a request of 1 byte (a unique,
/// freeable pointer), but counted as 0 requested bytes.
pub trait RawAllocator {
    /// Hand out a block of at least `size` bytes, aligned to [`ALIGNMENT`].
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError>;

    /// Take back a block.
    ///
    /// # Safety
    /// `ptr` must have come from `alloc` or `realloc` of this same allocator, with the same `size`
    /// that was requested, and must not have been freed since.
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize);

    /// Resize a block, keeping the first `min(old_size, new_size)` bytes. On failure the old block
    /// is left untouched and still owned by the caller.
    ///
    /// # Safety
    /// As for [`RawAllocator::free`], with `old_size` the size that was requested for `ptr`.
    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Result<NonNull<u8>, AllocError>;

    /// The strategy's statistics.
    fn stats(&self) -> AllocStats;

    /// A human-readable report of the strategy's internal state.
    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result;
}

/// The strategies that can be chosen at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StrategyKind {
    /// CPython's obmalloc design: arenas, pools, size classes.
    Pymalloc,
    /// The C library's `malloc`/`free`.
    System,
    /// Microsoft's mimalloc.
    Mimalloc,
    /// `bumpalo`: a pointer bump, nothing reused until teardown.
    Bump,
    /// `typed-arena` slabs per size class with free lists.
    TypedArena,
}

impl StrategyKind {
    /// Every strategy, in the order reports list them.
    pub const ALL: [StrategyKind; 5] = [
        StrategyKind::Pymalloc,
        StrategyKind::System,
        StrategyKind::Mimalloc,
        StrategyKind::Bump,
        StrategyKind::TypedArena,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            StrategyKind::Pymalloc => "pymalloc",
            StrategyKind::System => "system",
            StrategyKind::Mimalloc => "mimalloc",
            StrategyKind::Bump => "bump",
            StrategyKind::TypedArena => "typed-arena",
        }
    }
}

impl fmt::Display for StrategyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An allocator name that is not one of [`StrategyKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrategy(pub String);

impl fmt::Display for UnknownStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown allocator '{}' (valid: ", self.0)?;
        for (i, kind) in StrategyKind::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(kind.name())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownStrategy {}

impl FromStr for StrategyKind {
    type Err = UnknownStrategy;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StrategyKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownStrategy(s.to_string()))
    }
}

/// Write the short report shared by the strategies other than pymalloc.
pub(crate) fn write_summary(out: &mut dyn fmt::Write, title: &str, s: &AllocStats) -> fmt::Result {
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "# allocations                      = {}",
        s.allocations
    )?;
    writeln!(out, "# frees                            = {}", s.frees)?;
    writeln!(
        out,
        "# live blocks                      = {}",
        s.live_blocks
    )?;
    writeln!(out, "# live bytes (requested)           = {}", s.live_bytes)?;
    writeln!(
        out,
        "# peak live bytes                  = {}",
        s.peak_live_bytes
    )?;
    writeln!(out, "# footprint bytes                  = {}", s.footprint)?;
    writeln!(
        out,
        "# peak footprint bytes             = {}",
        s.peak_footprint
    )
}

mod facade;
pub use facade::{Allocator, AllocatorOptions};
