//! Alloc + free throughput of every strategy on an object-like mix of sizes.
//!
//! One round allocates `N` blocks (10 000, or `ARENAPY_BENCH_N`) whose sizes follow a fixed pseudo-random sequence weighted
//! to small objects (16 to 512 bytes), then frees them all, either in reverse order (`lifo`)
//! or in a fixed random order (`random`). Throughput is reported per element, so criterion's
//! time per element is the cost of one alloc + free pair.
//!
//! The allocator is created once per sample and kept across rounds, so the figures are steady
//! state (pymalloc's arenas, mimalloc's pages and the typed arenas are warm). `bump` never
//! reuses memory, so its allocator is replaced, untimed, every 16 rounds to bound its growth.
//!
//! Run: `cargo bench -p arenapy-allocators --bench alloc_free` (see benches/README.md).

use std::hint::black_box;
use std::ptr::NonNull;
use std::time::{Duration, Instant};

use arenapy_allocators::{Allocator, AllocatorOptions, StrategyKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Blocks per round, unless `ARENAPY_BENCH_N` says otherwise.
const DEFAULT_N: usize = 10_000;

fn round_len() -> usize {
    std::env::var("ARENAPY_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_N)
}
/// Rounds between two fresh `bump` allocators.
const BUMP_ROUNDS: u64 = 16;

/// xorshift64*: deterministic, so every run and every strategy sees the same sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

/// Object-like sizes: half 16-64 bytes, 30% 65-128, 15% 129-256, 5% 257-512.
fn sizes(n: usize) -> Vec<usize> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| match rng.next() % 100 {
            0..=49 => rng.range(16, 64),
            50..=79 => rng.range(65, 128),
            80..=94 => rng.range(129, 256),
            _ => rng.range(257, 512),
        })
        .collect()
}

/// The order in which a round frees its blocks.
fn free_order(n: usize, random: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).rev().collect();
    if random {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        for i in (1..n).rev() {
            let j = rng.range(0, i);
            order.swap(i, j);
        }
    }
    order
}

/// One round: allocate every size, then free in `order`.
fn round(a: &mut Allocator, sizes: &[usize], order: &[usize], ptrs: &mut Vec<NonNull<u8>>) {
    ptrs.clear();
    for &n in sizes {
        ptrs.push(black_box(a.alloc(n).expect("alloc")));
    }
    for &i in order {
        // SAFETY: `ptrs[i]` was allocated above with `sizes[i]` bytes, and `order` is a
        // permutation, so each block is freed exactly once.
        unsafe { a.free(ptrs[i], sizes[i]) };
    }
}

fn alloc_free(c: &mut Criterion) {
    let n = round_len();
    let sizes = sizes(n);
    let mut configs: Vec<(StrategyKind, bool)> =
        StrategyKind::ALL.iter().map(|&k| (k, false)).collect();
    configs.push((StrategyKind::Pymalloc, true));

    let mut group = c.benchmark_group("alloc_free");
    group.throughput(Throughput::Elements(n as u64));
    for (order_name, random) in [("lifo", false), ("random", true)] {
        let order = free_order(n, random);
        for &(kind, debug) in &configs {
            let name = if debug {
                format!("{kind}+debug")
            } else {
                kind.to_string()
            };
            let options = AllocatorOptions { debug, limit: None };
            group.bench_function(BenchmarkId::new(name, order_name), |b| {
                b.iter_custom(|iters| {
                    let mut a = Allocator::new(kind, options);
                    let mut ptrs = Vec::with_capacity(n);
                    round(&mut a, &sizes, &order, &mut ptrs); // warm up, untimed
                    let mut total = Duration::ZERO;
                    for i in 0..iters {
                        if kind == StrategyKind::Bump && i % BUMP_ROUNDS == BUMP_ROUNDS - 1 {
                            a = Allocator::new(kind, options);
                        }
                        let start = Instant::now();
                        round(&mut a, &sizes, &order, &mut ptrs);
                        total += start.elapsed();
                    }
                    total
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, alloc_free);
criterion_main!(benches);
