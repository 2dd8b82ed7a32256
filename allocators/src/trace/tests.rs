use super::format::{put_varint, MAGIC};
use super::*;
use crate::StrategyKind;
use proptest::prelude::*;

/// A small trace: allocations of mixed sizes, frees out of order, a realloc, collections,
/// with or without sites.
fn sample(sites: bool) -> (Vec<u8>, Totals) {
    let mut w = TraceWriter::new(Vec::new(), sites).unwrap();
    let s0 = w.site("f (a.py:1)");
    let s1 = w.site("g (b.py:2)");
    let mut ids = Vec::new();
    for i in 0..200u64 {
        let site = if i % 3 == 0 { s0 } else { s1 };
        ids.push(w.alloc(8 + (i * 37) % 700, Some(site)));
        if i % 5 == 4 {
            let id = ids.remove((i as usize * 7) % ids.len());
            w.free(id);
        }
        if i % 50 == 0 {
            w.collect((i / 50 % 3) as u8);
        }
    }
    w.realloc(ids[3], 2000);
    w.realloc(ids[4], 3);
    for id in ids.drain(..).rev() {
        w.free(id);
    }
    let (totals, len, bytes) = w.finish().unwrap();
    assert_eq!(len, bytes.len() as u64);
    (bytes, totals)
}

#[test]
fn a_trace_reads_back_as_written() {
    for sites in [false, true] {
        let (bytes, totals) = sample(sites);
        let (header, read, texts) = reader::for_each_event(&bytes, |_| {}).unwrap();
        assert_eq!(header.sites, sites);
        assert_eq!(read, totals);
        assert_eq!(totals.events, 200 + 40 + 2 + 160);
        assert_eq!(totals.end_live_bytes, 0);
        assert_eq!(texts.len(), 2);
        assert!(bytes.len() as f64 / (totals.events as f64) < 4.0);
    }
}

#[test]
fn ids_are_implicit_and_reused_latest_first() {
    let mut w = TraceWriter::new(Vec::new(), false).unwrap();
    let a = w.alloc(16, None);
    let b = w.alloc(32, None);
    w.free(a);
    let c = w.alloc(48, None);
    assert_eq!((a, b, c), (0, 1, 0));
    w.free(b);
    w.free(c);
    let (_, _, bytes) = w.finish().unwrap();
    let mut events = Vec::new();
    reader::for_each_event(&bytes, |e| events.push(*e)).unwrap();
    assert_eq!(
        events,
        vec![
            Event::Alloc {
                id: 0,
                size: 16,
                site: None
            },
            Event::Alloc {
                id: 1,
                size: 32,
                site: None
            },
            Event::Free { id: 0, size: 16 },
            Event::Alloc {
                id: 0,
                size: 48,
                site: None
            },
            Event::Free { id: 1, size: 32 },
            Event::Free { id: 0, size: 48 },
        ]
    );
}

#[test]
fn stats_count_sizes_lifetimes_and_sites() {
    let (bytes, totals) = sample(true);
    let st = trace_stats(&bytes).unwrap();
    assert_eq!(st.allocs, 200);
    assert_eq!(st.frees, 200);
    assert_eq!(st.reallocs, 2);
    assert_eq!(st.collections.iter().sum::<u64>(), 4);
    assert_eq!(
        st.small.iter().sum::<u64>() + st.large.iter().sum::<u64>(),
        202
    );
    assert_eq!(st.lifetimes.iter().sum::<u64>(), 200);
    assert_eq!(st.totals, totals);
    assert_eq!(st.sites.len(), 2);
    assert_eq!(st.sites.iter().map(|s| s.count).sum::<u64>(), 200);
    assert!(st.sites[0].bytes >= st.sites[1].bytes);
}

#[test]
fn every_strategy_replays_to_the_recorded_peak() {
    let (bytes, totals) = sample(false);
    let ops = Ops::decode(&bytes).unwrap();
    for kind in StrategyKind::ALL {
        for debug in [false, true] {
            let opts = ReplayOptions {
                repeat: 2,
                sample_every: 7,
                debug,
                profile: true,
            };
            let r = replay(&ops, kind, opts).unwrap();
            assert_eq!(r.peak_live_bytes, totals.peak_live_bytes, "{kind}");
            assert_eq!(r.events, totals.events);
            assert_eq!(r.runs.len(), 2);
            assert!(r.peak_footprint >= r.peak_live_bytes || kind == StrategyKind::System);
            assert_eq!(r.samples.last().map(|s| s.event), Some(totals.events));
            assert_eq!(r.arenas.is_some(), kind == StrategyKind::Pymalloc);
        }
    }
}

fn error_of(bytes: &[u8]) -> TraceError {
    match Ops::decode(bytes) {
        Err(e) => e,
        Ok(_) => panic!("a damaged trace was accepted"),
    }
}

#[test]
fn a_cut_trace_is_an_error_naming_the_offset() {
    let (bytes, _) = sample(true);
    for cut in 0..bytes.len() {
        let e = error_of(&bytes[..cut]);
        assert!(e.offset <= cut as u64, "cut at {cut}: {e}");
    }
    let e = error_of(&bytes[..bytes.len() - 5]);
    assert!(
        e.to_string().contains("truncated") || e.to_string().contains("END"),
        "{e}"
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(error_of(&longer)
        .to_string()
        .contains("after the END record"));
}

#[test]
fn a_newer_version_is_refused() {
    let mut bytes = MAGIC.to_vec();
    put_varint(&mut bytes, format::VERSION + 1);
    put_varint(&mut bytes, 0);
    let e = error_of(&bytes);
    assert_eq!(e.offset, 8);
    assert!(e.to_string().contains("newer"), "{e}");
    assert!(error_of(b"NOTATRACE")
        .to_string()
        .contains("not an arenapy trace"));
}

#[test]
fn a_free_of_a_block_not_live_is_an_error() {
    let mut bytes = MAGIC.to_vec();
    put_varint(&mut bytes, format::VERSION);
    put_varint(&mut bytes, 0);
    let at = bytes.len() as u64;
    put_varint(&mut bytes, (format::zigzag(5) << 3) | format::kind::FREE);
    let e = error_of(&bytes);
    assert_eq!(e.offset, at);
    assert!(e.to_string().contains("not live"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any damage to a valid trace is either an error or still a valid trace: never a panic.
    #[test]
    fn damaged_traces_never_panic(pos in 0usize..4096, byte in any::<u8>(), cut in 0usize..4096) {
        let (mut bytes, _) = sample(true);
        let p = pos % bytes.len();
        bytes[p] = byte;
        let cut = cut % (bytes.len() + 1);
        let _ = Ops::decode(&bytes[..cut]);
        let _ = trace_stats(&bytes);
    }

    /// Random programs: what is written reads back event for event, and replays to its peak.
    #[test]
    fn random_programs_round_trip(steps in proptest::collection::vec((0u8..4, 0u64..3000), 1..300)) {
        let mut w = TraceWriter::new(Vec::new(), true).unwrap();
        let site = w.site("s");
        let mut live = Vec::new();
        let mut written = Vec::new();
        for (what, n) in steps {
            match what {
                0 | 1 => {
                    let id = w.alloc(n, Some(site));
                    live.push(id);
                    written.push(Event::Alloc { id, size: n, site: Some(site) });
                }
                2 if !live.is_empty() => {
                    let id = live.swap_remove(n as usize % live.len());
                    written.push(Event::Free { id, size: 0 });
                    w.free(id);
                }
                3 if !live.is_empty() => {
                    let id = live[n as usize % live.len()];
                    w.realloc(id, n / 2);
                    written.push(Event::Realloc { id, old: 0, new: n / 2 });
                }
                _ => {}
            }
        }
        let (totals, _, bytes) = w.finish().unwrap();
        let mut read = Vec::new();
        reader::for_each_event(&bytes, |e| read.push(*e)).unwrap();
        prop_assert_eq!(read.len(), written.len());
        for (r, w) in read.iter().zip(&written) {
            match (r, w) {
                (Event::Free { id: a, .. }, Event::Free { id: b, .. }) => prop_assert_eq!(a, b),
                (Event::Realloc { id: a, new: x, .. }, Event::Realloc { id: b, new: y, .. }) => {
                    prop_assert_eq!((a, x), (b, y))
                }
                _ => prop_assert_eq!(r, w),
            }
        }
        let ops = Ops::decode(&bytes).unwrap();
        let r = replay(&ops, StrategyKind::Pymalloc, ReplayOptions { repeat: 1, sample_every: 0, debug: true, profile: true }).unwrap();
        prop_assert_eq!(r.peak_live_bytes, totals.peak_live_bytes);
    }
}

/// The trace committed for the replay benchmark decodes and replays (it is what
/// `cargo bench --bench replay` reads by default).
#[test]
fn the_committed_benchmark_trace_replays() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../benches/traces/alloc_churn_small.trace");
    let bytes = std::fs::read(path).unwrap();
    let ops = Ops::decode(&bytes).unwrap();
    assert!(ops.ops.len() > 100_000);
    let opts = ReplayOptions {
        repeat: 1,
        sample_every: 0,
        debug: false,
        profile: true,
    };
    let r = replay(&ops, StrategyKind::Pymalloc, opts).unwrap();
    assert_eq!(r.peak_live_bytes, ops.totals.peak_live_bytes);
}

/// The bytes `format::put_varint` gives for a run of records, written by hand: the writer's
/// buffer (a fixed array, flushed past its mark) must give the same bytes, across flushes and
/// for site texts longer than the buffer.
#[test]
fn buffered_records_are_the_plain_encoding() {
    let long = "x".repeat(150_000);
    let mut w = TraceWriter::new(Vec::new(), true).unwrap();
    let mut expect = MAGIC.to_vec();
    put_varint(&mut expect, 1);
    put_varint(&mut expect, 1);
    let mut site_count = 0u64;
    let mut push_site = |w: &mut TraceWriter<Vec<u8>>, expect: &mut Vec<u8>, text: &str| {
        let n = w.site(text);
        assert_eq!(u64::from(n), site_count);
        site_count += 1;
        put_varint(expect, ((text.len() as u64) << 3) | 4);
        expect.extend_from_slice(text.as_bytes());
        n
    };
    let mut live = Vec::new();
    for i in 0..40_000u64 {
        if i % 9_000 == 0 {
            let text = if i == 18_000 {
                long.as_str()
            } else {
                "f (a.py:1)"
            };
            let s = push_site(&mut w, &mut expect, text);
            let size = 1 + i * 1_000_003 % (1 << 40);
            let id = w.alloc(size, Some(s));
            put_varint(&mut expect, (size << 3) | 5);
            put_varint(&mut expect, u64::from(s));
            live.push(id);
            continue;
        }
        let size = 1 + (i * 7919) % 5000;
        let id = w.alloc(size, None);
        put_varint(&mut expect, size << 3);
        if i % 3 == 0 {
            w.free(id);
            put_varint(&mut expect, 1);
        } else {
            live.push(id);
        }
    }
    for id in live {
        w.free(id);
    }
    let (totals, len, bytes) = w.finish().unwrap();
    assert_eq!(len, bytes.len() as u64);
    assert_eq!(bytes[..expect.len()], expect[..]);
    let (_, read, texts) = reader::for_each_event(&bytes, |_| {}).unwrap();
    assert_eq!(read, totals);
    assert_eq!(texts.len(), site_count as usize);
    assert_eq!(texts[2].len(), long.len());
}
