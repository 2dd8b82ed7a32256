//! Replaying a trace against a strategy, with no interpreter: the allocator's own cost on a
//! program's real sequence of requests.
//!
//! A trace is first decoded into [`Ops`] (16 bytes per event), so a timed run spends its time
//! in the allocator, not in the decoder. Each replay run creates a fresh [`Allocator`], plays
//! every event, and frees what the trace leaves live (untimed). Blocks are *used*: an
//! allocation writes a tag derived from the block id into its first and last byte, and a free
//! or realloc checks them first (a realloc also checks that the first byte moved with the
//! data), so a strategy that hands out overlapping blocks, or loses data on a resize, is
//! caught — the check the allocators' property tests make, on real sequences.
//!
//! [`replay`] runs once untimed with samples (live bytes, footprint, resident memory every
//! `sample_every` events) and the peak-live check, then `repeat` timed runs; the time per event
//! reported is the median.

use super::format::{Event, TraceError};
use super::reader::{Header, TraceReader};
use super::writer::Totals;
use crate::{AllocError, Allocator, AllocatorOptions, StrategyKind};
use std::fmt;
use std::ptr::NonNull;
use std::time::Instant;

/// What an event does, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum OpKind {
    /// Allocate block `id` of `size` bytes.
    Alloc,
    /// Free block `id`.
    Free,
    /// Resize block `id` to `size` bytes.
    Realloc,
}

/// One decoded event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// The new size (allocations and reallocs; the freed size for frees).
    pub size: u64,
    /// The block.
    pub id: u32,
    /// What happens.
    pub kind: OpKind,
}

/// A decoded trace.
#[derive(Debug, Clone)]
pub struct Ops {
    /// The header.
    pub header: Header,
    /// The totals of its `END` record (checked against the records).
    pub totals: Totals,
    /// The events.
    pub ops: Vec<Op>,
    /// One past the highest block id.
    pub id_bound: u32,
    /// Collections: (index of the next event, generation).
    pub collections: Vec<(u64, u8)>,
}

impl Ops {
    /// Decodes a whole trace.
    ///
    /// # Errors
    /// A damaged, cut or unknown-version trace ([`TraceError`], with the byte offset).
    pub fn decode(bytes: &[u8]) -> Result<Ops, TraceError> {
        let mut r = TraceReader::new(bytes)?;
        let mut ops = Vec::new();
        let mut collections = Vec::new();
        while let Some(e) = r.next_event()? {
            let op = match e {
                Event::Alloc { id, size, .. } => Op {
                    size,
                    id,
                    kind: OpKind::Alloc,
                },
                Event::Free { id, size } => Op {
                    size,
                    id,
                    kind: OpKind::Free,
                },
                Event::Realloc { id, new, .. } => Op {
                    size: new,
                    id,
                    kind: OpKind::Realloc,
                },
                Event::Collect { generation } => {
                    collections.push((ops.len() as u64, generation));
                    continue;
                }
            };
            ops.push(op);
        }
        let totals = r.totals().ok_or_else(|| TraceError {
            offset: r.offset(),
            what: "no END record".into(),
        })?;
        Ok(Ops {
            header: r.header(),
            totals,
            id_bound: r.id_bound(),
            ops,
            collections,
        })
    }
}

/// How to replay.
#[derive(Debug, Clone, Copy)]
pub struct ReplayOptions {
    /// Timed runs (the median is reported; none: `ns_per_event` is 0).
    pub repeat: usize,
    /// Events between two samples of the untimed run (0: 1000 samples over the trace).
    pub sample_every: u64,
    /// Wrap the strategy in the debug allocator.
    pub debug: bool,
    /// Make the untimed run (samples, footprints, resident memory, arenas, the peak check)
    /// before the timed ones; without it those figures are zero.
    pub profile: bool,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        ReplayOptions {
            repeat: 3,
            sample_every: 0,
            debug: false,
            profile: true,
        }
    }
}

/// One sample of the untimed run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Events played.
    pub event: u64,
    /// Live requested bytes.
    pub live_bytes: u64,
    /// The strategy's footprint.
    pub footprint: u64,
    /// The process's resident memory above what it was before the run.
    pub rss_growth: u64,
}

/// pymalloc's arena figures after a replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArenaFigures {
    /// Arenas mapped over the run.
    pub allocated: u64,
    /// Of them, given back to the system during the run.
    pub reclaimed: u64,
    /// The most arenas mapped at once.
    pub highwater: u64,
}

/// One strategy's figures on a trace.
#[derive(Debug, Clone)]
pub struct ReplayReport {
    /// The strategy.
    pub strategy: StrategyKind,
    /// Heap events played per run.
    pub events: u64,
    /// Median nanoseconds per event over the timed runs.
    pub ns_per_event: f64,
    /// Each timed run's nanoseconds per event.
    pub runs: Vec<f64>,
    /// Peak live requested bytes (equal to the trace's: checked).
    pub peak_live_bytes: u64,
    /// Peak footprint.
    pub peak_footprint: u64,
    /// Footprint when the last event was played.
    pub end_footprint: u64,
    /// The highest resident-memory growth seen at a sample (pages touched).
    pub rss_growth: u64,
    /// The untimed run's samples.
    pub samples: Vec<Sample>,
    /// pymalloc's arenas.
    pub arenas: Option<ArenaFigures>,
}

impl ReplayReport {
    /// Peak footprint over peak live bytes.
    pub fn fragmentation(&self) -> f64 {
        if self.peak_live_bytes == 0 {
            return 1.0;
        }
        self.peak_footprint as f64 / self.peak_live_bytes as f64
    }
}

/// Why a replay stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayError {
    /// The strategy refused a request.
    Alloc {
        /// Index of the event.
        event: u64,
        /// The refusal.
        error: AllocError,
    },
    /// A block's tag bytes changed while it was live: blocks overlap, or a realloc lost data.
    Corrupted {
        /// Index of the event that found it.
        event: u64,
        /// The block.
        id: u32,
    },
    /// The run's peak live bytes differ from the trace's.
    PeakMismatch {
        /// The trace's.
        recorded: u64,
        /// The replay's.
        replayed: u64,
    },
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayError::Alloc { event, error } => write!(f, "event {event}: {error}"),
            ReplayError::Corrupted { event, id } => write!(
                f,
                "event {event}: block {id}'s bytes changed while it was live \
                 (overlapping blocks, or data lost by a realloc)"
            ),
            ReplayError::PeakMismatch { recorded, replayed } => write!(
                f,
                "peak live bytes {replayed} differ from the recorded {recorded}"
            ),
        }
    }
}

impl std::error::Error for ReplayError {}

/// A live block of a replay.
#[derive(Clone, Copy)]
struct Block {
    ptr: Option<NonNull<u8>>,
    size: u64,
}

/// The tag byte of block `id`.
#[inline]
fn tag(id: u32) -> u8 {
    (id.wrapping_mul(0x9E37_79B1) >> 24) as u8
}

/// Writes the tag into the first and last byte of a fresh block.
///
/// # Safety
/// `p` points at a live block of at least `size` bytes.
#[inline]
unsafe fn mark(p: NonNull<u8>, size: u64, id: u32) {
    if size > 0 {
        // SAFETY: the block has `size` bytes, so offsets 0 and size-1 are inside it.
        unsafe {
            p.as_ptr().write(tag(id));
            p.as_ptr().add(size as usize - 1).write(tag(id));
        }
    }
}

/// Whether the block's first and last byte still hold its tag.
///
/// # Safety
/// As for [`mark`].
#[inline]
unsafe fn marked(p: NonNull<u8>, size: u64, id: u32) -> bool {
    if size == 0 {
        return true;
    }
    // SAFETY: as in `mark`.
    unsafe { p.as_ptr().read() == tag(id) && p.as_ptr().add(size as usize - 1).read() == tag(id) }
}

/// Resident memory of the process, in bytes (0 where `/proc` is missing).
pub fn resident_bytes() -> u64 {
    let Ok(text) = std::fs::read_to_string("/proc/self/statm") else {
        return 0;
    };
    let pages: u64 = text
        .split_whitespace()
        .nth(1)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    // SAFETY: sysconf only reads a configuration value.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages * u64::try_from(page).unwrap_or(4096)
}

/// Plays every op on `a`; calls `probe` after op `i` when `(i + 1) % every == 0` and after the
/// last. Returns the time the ops took; on any outcome, the blocks still live are freed
/// afterwards (not timed).
fn play(
    ops: &[Op],
    a: &mut Allocator,
    table: &mut [Block],
    every: u64,
    mut probe: impl FnMut(u64, &Allocator),
) -> Result<std::time::Duration, ReplayError> {
    let start = Instant::now();
    let outcome = play_inner(ops, a, table, every, &mut probe);
    let elapsed = start.elapsed();
    for b in table.iter_mut() {
        if let Some(p) = b.ptr.take() {
            // SAFETY: `p` is a live block of `a` with this requested size (the table holds
            // exactly the blocks handed out and not yet freed).
            unsafe { a.free(p, b.size as usize) };
        }
    }
    outcome.map(|()| elapsed)
}

#[inline]
fn play_inner(
    ops: &[Op],
    a: &mut Allocator,
    table: &mut [Block],
    every: u64,
    probe: &mut impl FnMut(u64, &Allocator),
) -> Result<(), ReplayError> {
    for (i, op) in ops.iter().enumerate() {
        let slot = &mut table[op.id as usize];
        let event = i as u64;
        match op.kind {
            OpKind::Alloc => {
                let p = a
                    .alloc(op.size as usize)
                    .map_err(|error| ReplayError::Alloc { event, error })?;
                // SAFETY: `p` was just handed out with `op.size` bytes.
                unsafe { mark(p, op.size, op.id) };
                *slot = Block {
                    ptr: Some(p),
                    size: op.size,
                };
            }
            OpKind::Free => {
                let Some(p) = slot.ptr.take() else {
                    return Err(ReplayError::Corrupted { event, id: op.id });
                };
                // SAFETY: `p` is live with `slot.size` bytes (from the table).
                if !unsafe { marked(p, slot.size, op.id) } {
                    return Err(ReplayError::Corrupted { event, id: op.id });
                }
                // SAFETY: as above; it is taken out of the table, so freed once.
                unsafe { a.free(p, slot.size as usize) };
            }
            OpKind::Realloc => {
                let Some(p) = slot.ptr else {
                    return Err(ReplayError::Corrupted { event, id: op.id });
                };
                // SAFETY: `p` is live with `slot.size` bytes.
                if !unsafe { marked(p, slot.size, op.id) } {
                    return Err(ReplayError::Corrupted { event, id: op.id });
                }
                // SAFETY: `p` came from `a` with `slot.size` requested bytes.
                let q = unsafe { a.realloc(p, slot.size as usize, op.size as usize) }
                    .map_err(|error| ReplayError::Alloc { event, error })?;
                let kept = slot.size.min(op.size);
                // SAFETY: `q` is live with `op.size` bytes; the first byte moved with the data.
                let ok = kept == 0 || unsafe { q.as_ptr().read() } == tag(op.id);
                if !ok {
                    return Err(ReplayError::Corrupted { event, id: op.id });
                }
                // SAFETY: as above.
                unsafe { mark(q, op.size, op.id) };
                *slot = Block {
                    ptr: Some(q),
                    size: op.size,
                };
            }
        }
        if (event + 1).is_multiple_of(every) || i + 1 == ops.len() {
            probe(event + 1, a);
        }
    }
    Ok(())
}

/// One timed run of `ops` on a fresh allocator of `strategy`, without samples: the time the
/// events took (for benchmarks; [`replay`] checks the peak and gathers the figures).
///
/// # Errors
/// The strategy refused a request, or blocks were corrupted.
pub fn time_once(
    ops: &Ops,
    strategy: StrategyKind,
    options: AllocatorOptions,
) -> Result<std::time::Duration, ReplayError> {
    let empty = Block { ptr: None, size: 0 };
    let mut table = vec![empty; ops.id_bound as usize];
    let mut a = Allocator::new(strategy, options);
    play(&ops.ops, &mut a, &mut table, u64::MAX, |_, _| {})
}

/// Replays `ops` on `strategy`: an untimed run with samples and checks, then the timed runs.
///
/// # Errors
/// The strategy refused a request, blocks were corrupted, or the peak live bytes differ from
/// the trace's.
pub fn replay(
    ops: &Ops,
    strategy: StrategyKind,
    options: ReplayOptions,
) -> Result<ReplayReport, ReplayError> {
    let events = ops.ops.len() as u64;
    let every = match options.sample_every {
        0 => (events / 1000).max(1),
        n => n,
    };
    let alloc_options = AllocatorOptions {
        debug: options.debug,
        limit: None,
    };
    let empty = Block { ptr: None, size: 0 };
    let mut table = vec![empty; ops.id_bound as usize];

    // The untimed run: samples, footprint, resident memory, arenas, the peak check.
    let mut samples = Vec::new();
    let mut rss_growth = 0;
    let mut stats = crate::AllocStats::default();
    let mut arenas = None;
    if options.profile {
        let rss_before = resident_bytes();
        let mut a = Allocator::new(strategy, alloc_options);
        play(&ops.ops, &mut a, &mut table, every, |event, a| {
            let s = a.stats();
            let growth = resident_bytes().saturating_sub(rss_before);
            rss_growth = rss_growth.max(growth);
            samples.push(Sample {
                event,
                live_bytes: s.live_bytes,
                footprint: s.footprint,
                rss_growth: growth,
            });
        })?;
        stats = a.stats();
        arenas = a.as_pymalloc().map(|p| ArenaFigures {
            allocated: p.arenas_allocated_total(),
            reclaimed: p.arenas_allocated_total() - p.arenas_current() as u64,
            highwater: p.arenas_highwater() as u64,
        });
        drop(a);
        if stats.peak_live_bytes != ops.totals.peak_live_bytes {
            return Err(ReplayError::PeakMismatch {
                recorded: ops.totals.peak_live_bytes,
                replayed: stats.peak_live_bytes,
            });
        }
    }
    let end_footprint = samples.last().map_or(0, |s| s.footprint);

    let mut runs = Vec::with_capacity(options.repeat);
    for _ in 0..options.repeat {
        let mut a = Allocator::new(strategy, alloc_options);
        let ns = play(&ops.ops, &mut a, &mut table, u64::MAX, |_, _| {})?.as_nanos() as f64;
        runs.push(if events == 0 { 0.0 } else { ns / events as f64 });
    }
    let mut sorted = runs.clone();
    sorted.sort_by(f64::total_cmp);
    Ok(ReplayReport {
        strategy,
        events,
        ns_per_event: sorted.get(sorted.len() / 2).copied().unwrap_or(0.0),
        runs,
        peak_live_bytes: stats.peak_live_bytes,
        peak_footprint: stats.peak_footprint,
        end_footprint,
        rss_growth,
        samples,
        arenas,
    })
}
