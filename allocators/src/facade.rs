//! The facade: one [`Allocator`] type over every strategy, with the debug wrapper and the limit.
//!
//! Dispatch is a `match` over an enum (no `dyn` call on `alloc`/`free`): the strategy is chosen
//! once, so the branch is perfectly predictable and each arm's fast path inlines.

use std::fmt;
use std::ptr::NonNull;

use crate::bump::Bump;
use crate::debug::DebugAllocator;
use crate::mimalloc::Mimalloc;
use crate::pymalloc::{InvariantError, Pymalloc};
use crate::system::System;
use crate::typed_arena::TypedArena;
use crate::{AllocError, AllocStats, RawAllocator, StrategyKind};

/// How an [`Allocator`] is set up, besides its strategy.
#[derive(Debug, Clone, Copy, Default)]
pub struct AllocatorOptions {
    /// Wrap the strategy in the [debug wrapper](crate::debug) (`PYTHONMALLOC=debug`).
    pub debug: bool,
    /// Refuse any request that would take live bytes (requested sizes) above this many bytes.
    pub limit: Option<usize>,
}

/// One strategy, unwrapped.
///
/// The variants differ in size (pymalloc's list heads and typed-arena's 32 arenas sit inline),
/// but an `Allocator` is made once and never moved on a hot path, while boxing the variants
/// would put a pointer chase in front of every `alloc` and `free`.
#[allow(clippy::large_enum_variant)]
enum Strategy {
    Pymalloc(Pymalloc),
    System(System),
    Mimalloc(Mimalloc),
    Bump(Bump),
    TypedArena(TypedArena),
}

/// Run `$body` with `$s` bound to the strategy inside `$strategy`, whichever it is.
macro_rules! dispatch {
    ($strategy:expr, $s:ident => $body:expr) => {
        match $strategy {
            Strategy::Pymalloc($s) => $body,
            Strategy::System($s) => $body,
            Strategy::Mimalloc($s) => $body,
            Strategy::Bump($s) => $body,
            Strategy::TypedArena($s) => $body,
        }
    };
}

impl Strategy {
    fn new(kind: StrategyKind) -> Strategy {
        match kind {
            StrategyKind::Pymalloc => Strategy::Pymalloc(Pymalloc::new()),
            StrategyKind::System => Strategy::System(System::new()),
            StrategyKind::Mimalloc => Strategy::Mimalloc(Mimalloc::new()),
            StrategyKind::Bump => Strategy::Bump(Bump::new()),
            StrategyKind::TypedArena => Strategy::TypedArena(TypedArena::new()),
        }
    }
}

impl RawAllocator for Strategy {
    #[inline(always)]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        dispatch!(self, s => RawAllocator::alloc(s, size))
    }

    #[inline(always)]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded caller contract.
        dispatch!(self, s => unsafe { RawAllocator::free(s, ptr, size) })
    }

    #[inline]
    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old: usize,
        new: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: forwarded caller contract.
        dispatch!(self, s => unsafe { RawAllocator::realloc(s, ptr, old, new) })
    }

    #[inline]
    fn stats(&self) -> AllocStats {
        dispatch!(self, s => RawAllocator::stats(s))
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        dispatch!(self, s => RawAllocator::report(s, out))
    }
}

/// The strategy, with or without the debug wrapper.
enum Layer {
    Plain(Strategy),
    Debug(DebugAllocator<Strategy>),
}

/// The allocator an interpreter uses: one strategy chosen at run time, optionally wrapped in the
/// debug checks, optionally limited.
///
/// Blocks are 16-byte aligned. Dropping an `Allocator` releases what the strategy holds in bulk
/// (pymalloc's arenas, the mimalloc heap, bump chunks, typed arenas). Blocks that the system
/// allocator served one by one (every block under `system`, blocks over 512 bytes under
/// pymalloc and typed-arena) are not recorded and must be freed before the drop, as the
/// interpreter does; under the debug wrapper, which records every block, leftovers are freed too.
///
/// # Example
///
/// ```
/// use arenapy_allocators::{Allocator, AllocatorOptions, StrategyKind};
///
/// let mut a = Allocator::new(StrategyKind::Pymalloc, AllocatorOptions::default());
/// let p = a.alloc(24).unwrap();
/// assert_eq!(p.as_ptr() as usize % 16, 0);
/// // SAFETY: `p` came from `a` with size 24 and is freed once.
/// unsafe { a.free(p, 24) };
/// assert_eq!(a.stats().live_blocks, 0);
/// ```
pub struct Allocator {
    layer: Layer,
    kind: StrategyKind,
    limit: Option<usize>,
}

const _: () = {
    const fn assert_send<T: Send>() {}
    assert_send::<Allocator>();
};

impl fmt::Debug for Allocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Allocator")
            .field("kind", &self.kind)
            .field("debug", &self.is_debug())
            .field("limit", &self.limit)
            .field("stats", &self.stats())
            .finish()
    }
}

impl Allocator {
    /// A fresh allocator of the given strategy.
    ///
    /// # Panics
    /// If mimalloc cannot create a heap (only for [`StrategyKind::Mimalloc`]).
    pub fn new(kind: StrategyKind, options: AllocatorOptions) -> Allocator {
        let strategy = Strategy::new(kind);
        let layer = if options.debug {
            Layer::Debug(DebugAllocator::new(strategy))
        } else {
            Layer::Plain(strategy)
        };
        Allocator {
            layer,
            kind,
            limit: options.limit,
        }
    }

    /// The strategy.
    pub fn kind(&self) -> StrategyKind {
        self.kind
    }

    /// Whether the debug wrapper is on.
    pub fn is_debug(&self) -> bool {
        matches!(self.layer, Layer::Debug(_))
    }

    /// The limit on live bytes, if any.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Whether a block of `size` bytes may be asked for now, without allocating anything:
    /// refused when live bytes would pass the limit, or when no allocator could serve the size
    /// (over `isize::MAX`). Builders of large objects ask first, so that a request the limit
    /// refuses costs no memory at all; a request allowed here can still fail later if the
    /// memory beneath is exhausted.
    ///
    /// # Errors
    /// [`AllocError`] for `size` when the request would be refused.
    pub fn check_request(&self, size: usize) -> Result<(), AllocError> {
        if size > isize::MAX as usize {
            return Err(AllocError { size });
        }
        if self.limit.is_some() {
            self.check_limit(0, size)?;
        }
        Ok(())
    }

    /// Hand out a block of at least `size` bytes, 16-byte aligned.
    ///
    /// The plain strategy without a limit is the one branch taken inline; the debug wrapper and
    /// the limit check live out of line, so that the hot path stays small where it is inlined
    /// (every object allocation of the interpreter).
    ///
    /// # Errors
    /// [`AllocError`] if the strategy cannot get memory, or if live bytes would exceed the limit.
    #[inline(always)]
    pub fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        match &mut self.layer {
            Layer::Plain(s) if self.limit.is_none() => s.alloc(size),
            _ => self.alloc_checked(size),
        }
    }

    /// `alloc` under a limit or the debug wrapper.
    #[inline(never)]
    fn alloc_checked(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        if self.limit.is_some() {
            self.check_limit(0, size)?;
        }
        match &mut self.layer {
            Layer::Plain(s) => s.alloc(size),
            Layer::Debug(d) => d.alloc(size),
        }
    }

    /// Take back a block.
    ///
    /// # Safety
    /// `ptr` must have come from `alloc` or `realloc` of this allocator with requested size
    /// `size`, and must not have been freed since.
    #[inline(always)]
    pub unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        match &mut self.layer {
            // SAFETY: forwarded caller contract.
            Layer::Plain(s) => unsafe { s.free(ptr, size) },
            // SAFETY: forwarded caller contract.
            Layer::Debug(d) => unsafe { Self::free_debug(d, ptr, size) },
        }
    }

    /// `free` under the debug wrapper.
    ///
    /// # Safety
    /// As for [`Allocator::free`].
    #[inline(never)]
    unsafe fn free_debug(d: &mut DebugAllocator<Strategy>, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded caller contract.
        unsafe { d.free(ptr, size) }
    }

    /// Resize a block, keeping its first `min(old, new)` bytes.
    ///
    /// # Errors
    /// [`AllocError`] as for [`Allocator::alloc`]; the old block is then untouched.
    ///
    /// # Safety
    /// As for [`Allocator::free`], with `old` the size requested for `ptr`.
    pub unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old: usize,
        new: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        if self.limit.is_some() {
            self.check_limit(old, new)?;
        }
        // SAFETY: forwarded caller contract.
        unsafe {
            match &mut self.layer {
                Layer::Plain(s) => s.realloc(ptr, old, new),
                Layer::Debug(d) => d.realloc(ptr, old, new),
            }
        }
    }

    /// Fail if replacing `release` live bytes with `size` would pass the limit.
    #[cold]
    fn check_limit(&self, release: usize, size: usize) -> Result<(), AllocError> {
        let limit = self.limit.unwrap_or(usize::MAX) as u64;
        let live = self.stats().live_bytes - release as u64;
        if live.saturating_add(size as u64) > limit {
            return Err(AllocError { size });
        }
        Ok(())
    }

    /// The statistics: requested sizes as the caller sees them; footprint of the strategy.
    pub fn stats(&self) -> AllocStats {
        match &self.layer {
            Layer::Plain(s) => s.stats(),
            Layer::Debug(d) => d.stats(),
        }
    }

    /// A human report: pymalloc's follows `sys._debugmallocstats()`; the others give a summary.
    pub fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        writeln!(
            out,
            "allocator: {}{}",
            self.kind,
            if self.is_debug() { " (debug)" } else { "" }
        )?;
        if let Some(limit) = self.limit {
            writeln!(out, "limit: {limit} live bytes")?;
        }
        match &self.layer {
            Layer::Plain(s) => s.report(out),
            Layer::Debug(d) => d.report(out),
        }
    }

    /// The pymalloc strategy inside, debug-wrapped or not; `None` for other strategies.
    pub fn as_pymalloc(&self) -> Option<&Pymalloc> {
        let strategy = match &self.layer {
            Layer::Plain(s) => s,
            Layer::Debug(d) => d.inner(),
        };
        match strategy {
            Strategy::Pymalloc(p) => Some(p),
            _ => None,
        }
    }

    /// Check the strategy's structural invariants (pymalloc's; the others have none to check).
    ///
    /// # Errors
    /// The first broken invariant.
    pub fn check_invariants(&self) -> Result<(), InvariantError> {
        self.as_pymalloc()
            .map_or(Ok(()), Pymalloc::check_invariants)
    }
}

impl RawAllocator for Allocator {
    #[inline]
    fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, AllocError> {
        Allocator::alloc(self, size)
    }

    #[inline]
    unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: forwarded caller contract.
        unsafe { Allocator::free(self, ptr, size) }
    }

    unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old: usize,
        new: usize,
    ) -> Result<NonNull<u8>, AllocError> {
        // SAFETY: forwarded caller contract.
        unsafe { Allocator::realloc(self, ptr, old, new) }
    }

    fn stats(&self) -> AllocStats {
        Allocator::stats(self)
    }

    fn report(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        Allocator::report(self, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_strategy_with_and_without_debug() {
        for kind in StrategyKind::ALL {
            for debug in [false, true] {
                let mut a = Allocator::new(kind, AllocatorOptions { debug, limit: None });
                assert_eq!((a.kind(), a.is_debug()), (kind, debug));
                let sizes = [0, 1, 16, 17, 100, 512, 513, 3000];
                let blocks: Vec<_> = sizes.iter().map(|&n| (a.alloc(n).unwrap(), n)).collect();
                for &(p, n) in &blocks {
                    assert_eq!(p.as_ptr() as usize % crate::ALIGNMENT, 0, "{kind} {n}");
                }
                a.check_invariants().unwrap();
                for (p, n) in blocks {
                    // SAFETY: each block is live with its size, freed once.
                    unsafe { a.free(p, n) };
                }
                let st = a.stats();
                assert_eq!((st.live_blocks, st.live_bytes), (0, 0), "{kind}");
                let mut report = String::new();
                a.report(&mut report).unwrap();
                assert!(
                    report.starts_with(&format!("allocator: {kind}")),
                    "{report}"
                );
            }
        }
    }

    #[test]
    fn limit_refuses_with_alloc_error() {
        for kind in StrategyKind::ALL {
            for debug in [false, true] {
                let mut a = Allocator::new(
                    kind,
                    AllocatorOptions {
                        debug,
                        limit: Some(1000),
                    },
                );
                let p = a.alloc(600).unwrap();
                assert_eq!(a.alloc(401), Err(AllocError { size: 401 }));
                let q = a.alloc(400).unwrap();
                // SAFETY: `p` is live with 600 bytes; `q` with 400.
                unsafe {
                    assert_eq!(a.realloc(p, 600, 601), Err(AllocError { size: 601 }));
                    let p = a.realloc(p, 600, 100).unwrap();
                    a.free(p, 100);
                    a.free(q, 400);
                }
                assert_eq!(a.stats().live_bytes, 0);
            }
        }
    }

    #[test]
    fn check_request_allocates_nothing() {
        for kind in StrategyKind::ALL {
            let mut a = Allocator::new(
                kind,
                AllocatorOptions {
                    debug: false,
                    limit: Some(1000),
                },
            );
            assert_eq!(a.check_request(1000), Ok(()));
            assert_eq!(a.check_request(1001), Err(AllocError { size: 1001 }));
            let p = a.alloc(600).unwrap();
            assert_eq!(a.check_request(400), Ok(()));
            assert_eq!(a.check_request(401), Err(AllocError { size: 401 }));
            assert_eq!(a.stats().allocations, 1);
            // SAFETY: `p` is live with 600 bytes.
            unsafe { a.free(p, 600) };
            let free = Allocator::new(kind, AllocatorOptions::default());
            assert_eq!(free.check_request(1 << 40), Ok(()));
            let huge = isize::MAX as usize + 1;
            assert_eq!(free.check_request(huge), Err(AllocError { size: huge }));
        }
    }
}
