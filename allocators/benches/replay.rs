//! Every strategy on a real program's sequence of requests: a heap trace recorded by
//! `arenapy trace record`, replayed with no interpreter (see `arenapy_allocators::trace`).
//!
//! The trace is `ARENAPY_TRACE` if set, else `benches/traces/alloc_churn_small.trace` (recorded
//! from benches/python/alloc_churn.py at a small size; benches/traces/README.md says how).
//! Throughput is per heap event, so criterion's time per element is the mean cost of one
//! allocation, free or realloc on that program's mix of sizes and lifetimes. Each iteration
//! replays the whole trace on a fresh allocator (creation and teardown of the allocator are
//! not timed).
//!
//! Run: `cargo bench -p arenapy-allocators --bench replay`
//! (`ARENAPY_TRACE=/tmp/prog.trace cargo bench -p arenapy-allocators --bench replay` for your own).

use std::path::PathBuf;
use std::time::Duration;

use arenapy_allocators::trace::replay::time_once;
use arenapy_allocators::trace::Ops;
use arenapy_allocators::{AllocatorOptions, StrategyKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn trace_path() -> PathBuf {
    match std::env::var_os("ARENAPY_TRACE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("benches")
            .join("traces")
            .join("alloc_churn_small.trace"),
    }
}

fn replay(c: &mut Criterion) {
    let path = trace_path();
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("cannot read the trace {}: {e}", path.display()));
    let ops = Ops::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .file_stem()
        .map_or("trace".to_string(), |s| s.to_string_lossy().to_string());
    let mut group = c.benchmark_group(format!("replay/{name}"));
    group.throughput(Throughput::Elements(ops.ops.len() as u64));
    group.sample_size(10);
    for kind in StrategyKind::ALL {
        group.bench_with_input(BenchmarkId::from_parameter(kind), &ops, |b, ops| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += time_once(ops, kind, AllocatorOptions::default())
                        .unwrap_or_else(|e| panic!("{kind}: {e}"));
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
