//! pymalloc gives wholly free arenas back to the operating system.

use std::ptr::NonNull;

use arenapy_allocators::pymalloc::{ARENA_SIZE, POOLS_PER_ARENA};
use arenapy_allocators::{Allocator, AllocatorOptions, Pymalloc, RawAllocator, StrategyKind};

/// Fill several arenas, free everything, and watch arenas and footprint go down.
#[test]
fn empty_arenas_are_unmapped() {
    let mut p = Pymalloc::new();
    // 64-byte blocks: 255 per pool, 64 pools per arena.
    let per_arena = POOLS_PER_ARENA * ((16 * 1024 - 48) / 64);
    let blocks: Vec<NonNull<u8>> = (0..3 * per_arena + 10)
        .map(|_| p.alloc(64).unwrap())
        .collect();
    let arenas_full = p.arenas_current();
    assert!(
        arenas_full >= 2,
        "reached the multi-arena case ({arenas_full} arenas)"
    );
    assert_eq!(arenas_full, 4);
    let footprint_full = p.stats().footprint;
    assert_eq!(footprint_full, (arenas_full * ARENA_SIZE) as u64);
    p.check_invariants().unwrap();

    for b in blocks {
        // SAFETY: each block is live with 64 bytes and freed once.
        unsafe { p.free(b, 64) };
    }
    p.check_invariants().unwrap();
    assert!(p.arenas_current() < arenas_full, "arenas were unmapped");
    assert_eq!(p.arenas_current(), 1, "only one wholly free arena is kept");
    assert!(p.stats().footprint < footprint_full);
    assert_eq!(p.stats().footprint, ARENA_SIZE as u64);
    assert_eq!(p.stats().peak_footprint, footprint_full);
    assert_eq!(p.arenas_allocated_total(), 4);
    assert_eq!(p.arenas_highwater(), 4);

    let mut report = String::new();
    p.report(&mut report).unwrap();
    assert!(
        report.contains("# arenas reclaimed                 =                    3\n"),
        "{report}"
    );
}

/// The same through the facade, which is what the interpreter sees.
#[test]
fn facade_exposes_arena_counts() {
    let mut a = Allocator::new(StrategyKind::Pymalloc, AllocatorOptions::default());
    let blocks: Vec<_> = (0..5000).map(|_| a.alloc(512).unwrap()).collect();
    let arenas = a.as_pymalloc().unwrap().arenas_current();
    assert!(
        arenas >= 2,
        "reached the multi-arena case ({arenas} arenas)"
    );
    for b in blocks {
        // SAFETY: each block is live with 512 bytes and freed once.
        unsafe { a.free(b, 512) };
    }
    assert_eq!(a.as_pymalloc().unwrap().arenas_current(), 1);
    a.check_invariants().unwrap();
}
