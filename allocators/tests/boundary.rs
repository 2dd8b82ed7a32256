//! The boundary itself: strategy names and the live-bytes limit.

use arenapy_allocators::{AllocError, Allocator, AllocatorOptions, StrategyKind};

#[test]
fn strategy_names_round_trip() {
    for kind in StrategyKind::ALL {
        assert_eq!(kind.name().parse::<StrategyKind>(), Ok(kind));
        assert_eq!(kind.to_string(), kind.name());
    }
}

#[test]
fn unknown_strategy_lists_the_valid_names() {
    let err = "jemalloc".parse::<StrategyKind>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown allocator 'jemalloc' (valid: pymalloc, system, mimalloc, bump, typed-arena)"
    );
    assert!(
        "Pymalloc".parse::<StrategyKind>().is_err(),
        "names are case-sensitive"
    );
}

#[test]
fn limit_turns_into_alloc_error() {
    for kind in StrategyKind::ALL {
        for debug in [false, true] {
            let mut a = Allocator::new(
                kind,
                AllocatorOptions {
                    debug,
                    limit: Some(4096),
                },
            );
            assert_eq!(a.limit(), Some(4096));
            let blocks: Vec<_> = (0..64).map(|_| a.alloc(64).unwrap()).collect();
            assert_eq!(
                a.alloc(1),
                Err(AllocError { size: 1 }),
                "{kind} debug={debug}"
            );
            assert_eq!(
                a.stats().allocations,
                64,
                "a refused request is not counted"
            );
            for b in blocks {
                // SAFETY: each block is live with 64 bytes.
                unsafe { a.free(b, 64) };
            }
            let big = a.alloc(4096).unwrap();
            // SAFETY: `big` is live with 4096 bytes.
            unsafe { a.free(big, 4096) };
        }
    }
}

#[test]
fn impossible_request_is_an_error_not_a_crash() {
    for kind in StrategyKind::ALL {
        let mut a = Allocator::new(kind, AllocatorOptions::default());
        assert!(a.alloc(usize::MAX / 2).is_err(), "{kind}");
        assert_eq!(a.stats().allocations, 0);
    }
}

#[test]
fn allocators_live_on_many_threads_at_once() {
    let handles: Vec<_> = StrategyKind::ALL
        .into_iter()
        .map(|kind| {
            let mut a = Allocator::new(
                kind,
                AllocatorOptions {
                    debug: kind == StrategyKind::System,
                    limit: None,
                },
            );
            std::thread::spawn(move || {
                for round in 0..50 {
                    let blocks: Vec<_> = (0..200)
                        .map(|i| (a.alloc(i * 3 + round).unwrap(), i * 3 + round))
                        .collect();
                    for (b, n) in blocks {
                        // SAFETY: each block is live with its size.
                        unsafe { a.free(b, n) };
                    }
                }
                a.check_invariants().unwrap();
                a.stats().live_blocks
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 0);
    }
}
