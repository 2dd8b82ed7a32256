//! Unit tests of pymalloc's structures: pool states, usedpools order, arena ordering and release.

use super::*;

/// A small deterministic generator (xorshift64*), so the tests need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn alloc(p: &mut Pymalloc, n: usize) -> NonNull<u8> {
    p.alloc(n).expect("alloc")
}

#[test]
fn first_block_of_fresh_pool() {
    let mut p = Pymalloc::new();
    let a = alloc(&mut p, 24);
    let b = alloc(&mut p, 24);
    // Same pool, consecutive 32-byte blocks right after the 48-byte header.
    assert_eq!(a.as_ptr() as usize % POOL_SIZE, POOL_OVERHEAD);
    assert_eq!(b.as_ptr() as usize - a.as_ptr() as usize, 32);
    assert_eq!(p.arenas_current(), 1);
    assert_eq!(p.stats().footprint, ARENA_SIZE as u64);
    p.check_invariants().unwrap();
    // SAFETY: both blocks are live with 24 bytes.
    unsafe {
        p.free(b, 24);
        // LIFO: the block just freed comes back first.
        assert_eq!(alloc(&mut p, 20), b);
        p.free(b, 20);
        p.free(a, 24);
    }
    p.check_invariants().unwrap();
    // The only arena is kept even though it is wholly free.
    assert_eq!(p.arenas_current(), 1);
}

#[test]
fn pool_goes_used_full_used_empty() {
    let mut p = Pymalloc::new();
    let szidx = 31; // 512-byte blocks: 31 per pool
    let cap = size_class::blocks_per_pool(szidx);
    let blocks: Vec<_> = (0..cap).map(|_| alloc(&mut p, 512)).collect();
    let pool = pool_addr(blocks[0].as_ptr());
    assert!(
        blocks.iter().all(|b| pool_addr(b.as_ptr()) == pool),
        "one pool holds them all"
    );
    assert!(
        p.usedpools.head(szidx).is_null(),
        "a full pool is in no list"
    );
    p.check_invariants().unwrap();
    // SAFETY: every block is live with 512 bytes and freed once.
    unsafe {
        p.free(blocks[5], 512);
        assert_eq!(
            p.usedpools.head(szidx),
            pool,
            "full -> used: back at the front"
        );
        p.check_invariants().unwrap();
        for (i, &b) in blocks.iter().enumerate() {
            if i != 5 {
                p.free(b, 512);
            }
        }
    }
    assert!(
        p.usedpools.head(szidx).is_null(),
        "an empty pool leaves usedpools"
    );
    let a = &p.arenas.allarenas[0];
    assert_eq!(a.freepools, pool, "and goes to its arena's freepools");
    p.check_invariants().unwrap();
    // An empty pool can serve another class.
    let small = alloc(&mut p, 8);
    assert_eq!(pool_addr(small.as_ptr()), pool);
    p.check_invariants().unwrap();
    // SAFETY: live with 8 bytes.
    unsafe { p.free(small, 8) };
}

#[test]
fn realloc_in_place_within_class_and_moves_across() {
    let mut p = Pymalloc::new();
    let a = alloc(&mut p, 20);
    // SAFETY: `a` is live with 20 bytes; each realloc result is live with its new size.
    unsafe {
        a.as_ptr().write_bytes(0x5A, 20);
        let b = p.realloc(a, 20, 32).unwrap();
        assert_eq!(a, b, "20 and 32 share class 1");
        let c = p.realloc(b, 32, 33).unwrap();
        assert_ne!(b, c, "33 is class 2");
        assert_eq!(std::slice::from_raw_parts(c.as_ptr(), 20), &[0x5A; 20]);
        let d = p.realloc(c, 33, 5000).unwrap();
        assert!(!p.address_in_range(d.as_ptr()));
        assert_eq!(p.large_blocks(), 1);
        let e = p.realloc(d, 5000, 9000).unwrap();
        assert_eq!(std::slice::from_raw_parts(e.as_ptr(), 20), &[0x5A; 20]);
        let f = p.realloc(e, 9000, 1).unwrap();
        assert!(p.address_in_range(f.as_ptr()));
        assert_eq!(*f.as_ptr(), 0x5A);
        p.free(f, 1);
    }
    assert_eq!(p.large_blocks(), 0);
    let st = p.stats();
    assert_eq!(
        (st.allocations, st.frees, st.live_blocks, st.peak_live_bytes),
        (6, 6, 0, 9000)
    );
    p.check_invariants().unwrap();
}

#[test]
fn large_blocks_go_to_the_system() {
    let mut p = Pymalloc::new();
    let big = alloc(&mut p, 513);
    assert!(!p.address_in_range(big.as_ptr()));
    assert_eq!(p.arenas_current(), 0);
    assert!(p.stats().footprint >= 513);
    // SAFETY: live with 513 bytes.
    unsafe { p.free(big, 513) };
    assert_eq!(p.stats().footprint, 0);
}

/// Blocks of 512 bytes fill an arena in 64 × 31 = 1984 allocations, so a few thousand reach
/// several arenas. Random frees and refills then exercise every case of `insert_to_freepool`
/// and the `nfp2lasta` bookkeeping; the invariants are checked along the way.
#[test]
fn usable_arenas_stay_sorted_under_random_churn() {
    let mut p = Pymalloc::new();
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut live: Vec<(NonNull<u8>, usize)> = Vec::new();
    let per_arena = POOLS_PER_ARENA * size_class::blocks_per_pool(31);
    for _ in 0..4 * per_arena {
        live.push((alloc(&mut p, 512), 512));
    }
    assert!(p.arenas_current() >= 4, "reached the multi-arena case");
    p.check_invariants().unwrap();
    let mut seen_release = false;
    for step in 0..30_000 {
        let arenas_before = p.arenas_current();
        if live.is_empty() || rng.below(100) < 45 {
            let n = [512, 500, 16, 100, 260][rng.below(5)];
            live.push((alloc(&mut p, n), n));
        } else {
            let (b, n) = live.swap_remove(rng.below(live.len()));
            // SAFETY: each entry of `live` is a live block with its size, removed once.
            unsafe { p.free(b, n) };
        }
        seen_release |= p.arenas_current() < arenas_before;
        if step % 97 == 0 {
            p.check_invariants_at(CheckLevel::Cheap).unwrap();
        }
    }
    p.check_invariants().unwrap();
    // Drain in random order: arenas empty out one by one, mid-list, and are given back.
    while !live.is_empty() {
        let arenas_before = p.arenas_current();
        let (b, n) = live.swap_remove(rng.below(live.len()));
        // SAFETY: as above.
        unsafe { p.free(b, n) };
        seen_release |= p.arenas_current() < arenas_before;
        if live.len().is_multiple_of(101) {
            p.check_invariants_at(CheckLevel::Cheap).unwrap();
        }
    }
    p.check_invariants().unwrap();
    assert!(seen_release, "some arena was given back");
    assert!(p.arenas_highwater() >= 4);
    assert_eq!(p.arenas_current(), 1, "one wholly free arena is kept");
    assert_eq!(p.stats().footprint, ARENA_SIZE as u64);
}

#[test]
fn report_accounts_for_every_arena_byte() {
    let mut p = Pymalloc::new();
    let blocks: Vec<_> = (1..=512).map(|n| (alloc(&mut p, n), n)).collect();
    let big = alloc(&mut p, 2000);
    let mut s = String::new();
    RawAllocator::report(&p, &mut s).unwrap();
    assert!(
        s.starts_with("Small block threshold = 512, in 32 size classes.\n"),
        "{s}"
    );
    assert!(s.contains("class   size   num pools   blocks in use  avail blocks\n"));
    assert!(
        s.contains("    0     16           1              16          1005\n"),
        "{s}"
    );
    assert!(
        s.contains("# arenas allocated current         =                    1\n"),
        "{s}"
    );
    assert!(
        s.contains("1 arenas * 1048576 bytes/arena     =            1,048,576\n"),
        "{s}"
    );
    assert!(
        s.contains("Total                              =            1,048,576\n"),
        "{s}"
    );
    assert!(
        s.contains("# large blocks (system allocator)  =                    1\n"),
        "{s}"
    );
    // SAFETY: each block is live with its size, freed once.
    unsafe {
        for (b, n) in blocks {
            p.free(b, n);
        }
        p.free(big, 2000);
    }
}

#[test]
fn invariant_checker_catches_corruption() {
    let mut p = Pymalloc::new();
    let a = alloc(&mut p, 64);
    let _b = alloc(&mut p, 64);
    p.check_invariants().unwrap();
    let pool = pool_addr(a.as_ptr());
    // SAFETY: deliberately corrupt the header of a live pool, then restore it.
    unsafe {
        (*pool).count += 1;
        assert!(matches!(
            p.check_invariants(),
            Err(InvariantError::PoolBlockCount { .. })
        ));
        (*pool).count -= 1;
        let saved = (*pool).freeblock;
        (*pool).freeblock = a.as_ptr().add(8);
        assert!(matches!(
            p.check_invariants(),
            Err(InvariantError::FreeBlockOutOfPlace { .. })
        ));
        (*pool).freeblock = saved;
    }
    p.arenas.last_arena_with[3] = 0;
    assert!(matches!(
        p.check_invariants(),
        Err(InvariantError::Nfp2lasta { nfreepools: 3, .. })
    ));
    p.arenas.last_arena_with[3] = arena::NIL;
    p.check_invariants().unwrap();
    let err = InvariantError::UsedPoolsCount { listed: 1, used: 2 };
    assert_eq!(
        err.to_string(),
        "usedpools lists hold 1 pools but 2 pools are used"
    );
}
