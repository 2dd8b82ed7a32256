//! `--heap-profile FILE`: a Python-level heap profile written in DHAT's own JSON format, so that
//! DHAT's viewer (`dh_view.html`) shows which Python lines allocate how many bytes, how long
//! the blocks live and what is live at the peak.
//!
//! A [`HeapProfiler`] is an allocation tracer (see `object::heap::AllocTracer`) that takes
//! events in batches. An allocation's site is its *program point*: the profiler walks the
//! active Python frames (innermost first, at most [`MAX_FRAMES`]) when the heap meets a new
//! stack position, and finds the point for that exact frame list. Its `Counts` (which may run
//! on a thread of their own) keep each live block's point and allocation time until it is
//! freed. The file follows DHAT's format version 2:
//!
//! * `dhatFileVersion: 2`, `mode: "arenapy-python-heap"`, `verb: "Allocated"`, `bklt: true`
//!   (block lifetimes are recorded), `bkacc: false` (no access counts);
//! * time is counted in allocation events (one per allocation, one per free), so the file is
//!   the same on every run and under every strategy; DHAT wants a unit and the unit a million
//!   times larger, hence `tu: "instrs"`, `Mtu: "Minstr"`; `tuth` is the short-lived threshold,
//!   `tg` the time of the global peak and `te` the end;
//! * `pps`: one entry per distinct frame list (`fs`, indexes into `ftbl`, innermost first; the
//!   viewer rejects two entries with the same list) with total bytes/blocks (`tb`, `tbk`),
//!   total lifetime (`tl`), the point's own maximum (`mb`, `mbk`), its share of the global peak
//!   (`gb`, `gbk`) and what is still live at the end (`eb`, `ebk`);
//! * `ftbl[0]` is `"[root]"`; the others read `function (file.py:line)`.
//!
//! The global peak is found lazily, as DHAT does: reaching a new maximum only sets a flag, and
//! before the next free (or at the end) every point's current bytes are copied into `gb`/`gbk`.
//! Allocations made while no Python frame runs (interpreter start-up) go to the frame
//! `[interpreter]`.

use crate::object::heap::{self, AllocTracer, EventSink, TracedEvent};
use crate::objects::str as pystr;
use crate::tools::addr_map::AddrTable;
use crate::vm::frames::SiteCache;
use anyhow::Context;
use hashbrown::HashMap;
use serde::Serialize;
use std::path::Path;

/// The deepest stack recorded per allocation (outer frames are cut off).
pub const MAX_FRAMES: usize = 64;

/// The short-lived threshold written as `tuth`, in allocation events.
pub const SHORT_LIVED: u64 = 500;

/// Per-point figures.
#[derive(Default, Clone)]
struct Point {
    total_bytes: u64,
    total_blocks: u64,
    total_lifetime: u64,
    max_bytes: u64,
    max_blocks: u64,
    at_peak_bytes: u64,
    at_peak_blocks: u64,
    curr_bytes: u64,
    curr_blocks: u64,
}

/// The whole heap's figures (copied into locals for a batch of events, so that the loop keeps
/// them in registers).
#[derive(Default, Clone, Copy)]
struct Totals {
    /// Events so far.
    time: u64,
    curr_bytes: u64,
    curr_blocks: u64,
    max_bytes: u64,
    max_blocks: u64,
    peak_time: u64,
    /// A new peak was reached since the points' at-peak figures were last set.
    peak_pending: bool,
    total_bytes: u64,
    total_blocks: u64,
}

/// A live block: its size, point and allocation time.
#[derive(Clone, Copy, Default)]
struct Block {
    size: u64,
    point: u32,
    born: u64,
}

/// The frame strings (`ftbl`), interned.
#[derive(Default)]
struct FrameTable {
    ftbl: Vec<String>,
    index: HashMap<String, u32>,
}

impl FrameTable {
    fn intern(&mut self, s: String) -> u32 {
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        let i = self.ftbl.len() as u32;
        self.ftbl.push(s.clone());
        self.index.insert(s, i);
        i
    }
}

/// What the profiler counts from the events alone: the points' and the heap's figures and the
/// live blocks (the profiler's `EventSink`, which may run on a thread of its own).
#[derive(Default)]
struct Counts {
    /// By point number (grown as points appear).
    points: Vec<Point>,
    live: AddrTable<Block>,
    totals: Totals,
}

/// The Python-level heap profiler (an allocation tracer).
///
/// At a new stack position the heap asks it for the point (`find_point`): it reads the frame
/// positions of the stack and finds each one's frame string in `sites` (formatted and interned
/// once per position); the point is the previous one when the frames are the same, else an
/// interned one. Its [`Counts`] count the events.
#[derive(Default)]
pub struct HeapProfiler {
    /// Each point's frames (indexes into the frame table, innermost first).
    point_frames: Vec<Vec<u32>>,
    point_of: HashMap<Vec<u32>, u32>,
    frames: FrameTable,
    sites: SiteCache<u32>,
    last_point: Option<u32>,
    /// `None` while a thread counts with them.
    counts: Option<Box<Counts>>,
    scratch: Vec<u32>,
    command: String,
}

impl HeapProfiler {
    /// A profiler with nothing recorded; `command` is written as the file's `cmd`.
    pub fn new(command: &str) -> HeapProfiler {
        let mut p = HeapProfiler {
            command: command.to_string(),
            counts: Some(Box::default()),
            ..HeapProfiler::default()
        };
        p.frames.intern("[root]".to_string());
        p
    }

    /// Installs a profiler on the current heap.
    pub fn install(command: &str) {
        heap::add_tracer(Box::new(HeapProfiler::new(command)));
    }

    /// Removes the installed profiler and writes its file.
    pub fn finish(path: &Path) -> anyhow::Result<()> {
        let p = heap::remove_tracer::<HeapProfiler>()
            .context("no heap profiler is installed on this heap")?;
        let json = p.into_json();
        let text = serde_json::to_string(&json)?;
        std::fs::write(path, text)
            .with_context(|| format!("writing heap profile {}", path.display()))
    }

    /// The point for the current Python stack, from its frames (the heap remembers it per
    /// stack position: see `AllocTracer::find_site`).
    #[inline(never)]
    fn find_point(&mut self) -> u32 {
        let mut frames = std::mem::take(&mut self.scratch);
        frames.clear();
        let table = &mut self.frames;
        heap::with_vm(|vm| {
            crate::vm::frames::visit_cached(
                vm,
                MAX_FRAMES,
                &mut self.sites,
                |code, line| {
                    let name = pystr::as_str(&code.qualname).unwrap_or("?");
                    let filename = pystr::as_str(&code.filename).unwrap_or("?");
                    table.intern(format!("{name} ({filename}:{line})"))
                },
                |i| frames.push(i),
            )
        });
        if frames.is_empty() {
            let i = self.frames.intern("[interpreter]".to_string());
            frames.push(i);
        }
        if let Some(last) = self.last_point {
            if self.point_frames[last as usize] == frames {
                self.scratch = frames;
                return last;
            }
        }
        let point = match self.point_of.get(&frames) {
            Some(&p) => p,
            None => {
                let p = self.point_frames.len() as u32;
                self.point_frames.push(frames.clone());
                self.point_of.insert(frames.clone(), p);
                p
            }
        };
        self.scratch = frames;
        self.last_point = Some(point);
        point
    }

    fn into_json(self) -> DhatJson {
        let Some(mut c) = self.counts else {
            unreachable!("heap profile: the counts were not given back")
        };
        c.points.resize(self.point_frames.len(), Point::default());
        let t = &mut c.totals;
        Counts::settle_peak(&mut c.points, t);
        for (_, b) in c.live.iter() {
            c.points[b.point as usize].total_lifetime += t.time - b.born;
        }
        let pps = c
            .points
            .iter()
            .zip(self.point_frames)
            .map(|(p, frames)| PointJson {
                tb: p.total_bytes,
                tbk: p.total_blocks,
                tl: p.total_lifetime,
                mb: p.max_bytes,
                mbk: p.max_blocks,
                gb: p.at_peak_bytes,
                gbk: p.at_peak_blocks,
                eb: p.curr_bytes,
                ebk: p.curr_blocks,
                fs: frames,
            })
            .collect();
        DhatJson {
            dhat_file_version: 2,
            mode: "arenapy-python-heap",
            verb: "Allocated",
            bklt: true,
            bkacc: false,
            tu: "instrs",
            mtu: "Minstr",
            tuth: SHORT_LIVED,
            cmd: self.command,
            pid: 0,
            tg: t.peak_time,
            te: t.time,
            pps,
            ftbl: self.frames.ftbl,
        }
    }
}

impl Counts {
    /// Copies every point's live figures into its at-peak figures if a new peak was reached
    /// since the last copy.
    fn settle_peak(points: &mut [Point], t: &mut Totals) {
        if t.peak_pending {
            for p in points.iter_mut() {
                p.at_peak_bytes = p.curr_bytes;
                p.at_peak_blocks = p.curr_blocks;
            }
            t.peak_pending = false;
        }
    }

    /// Counts the allocation of `size` bytes at `addr`, at `point`.
    #[inline(always)]
    fn record_alloc(&mut self, t: &mut Totals, addr: usize, size: u64, point: u32) {
        t.time += 1;
        if point as usize >= self.points.len() {
            self.points.resize(point as usize + 1, Point::default());
        }
        let p = &mut self.points[point as usize];
        p.total_bytes += size;
        p.total_blocks += 1;
        p.curr_bytes += size;
        p.curr_blocks += 1;
        if p.curr_bytes >= p.max_bytes {
            p.max_bytes = p.curr_bytes;
            p.max_blocks = p.curr_blocks;
        }
        t.total_bytes += size;
        t.total_blocks += 1;
        t.curr_bytes += size;
        t.curr_blocks += 1;
        if t.curr_bytes > t.max_bytes {
            t.max_bytes = t.curr_bytes;
            t.max_blocks = t.curr_blocks;
            t.peak_time = t.time;
            t.peak_pending = true;
        }
        let born = t.time;
        self.live.insert(addr, Block { size, point, born });
    }

    /// Counts the free of the block at `addr`.
    #[inline(always)]
    fn record_free(&mut self, t: &mut Totals, addr: usize) {
        // Blocks allocated before the profiler was installed are not followed.
        let Some(b) = self.live.remove(addr) else {
            return;
        };
        Self::settle_peak(&mut self.points, t);
        t.time += 1;
        let p = &mut self.points[b.point as usize];
        p.curr_bytes -= b.size;
        p.curr_blocks -= 1;
        p.total_lifetime += t.time - b.born;
        t.curr_bytes -= b.size;
        t.curr_blocks -= 1;
    }
}

impl EventSink for Counts {
    fn on_events(&mut self, events: &[TracedEvent]) {
        let mut t = self.totals;
        for e in events {
            if e.alloc {
                self.record_alloc(&mut t, e.addr, e.size as u64, e.site);
            } else {
                self.record_free(&mut t, e.addr);
            }
        }
        self.totals = t;
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

impl AllocTracer for HeapProfiler {
    fn takes_batches(&self) -> bool {
        true
    }

    fn wants_sites(&self) -> bool {
        true
    }

    /// A site is a program point.
    fn find_site(&mut self) -> u32 {
        self.find_point()
    }

    fn on_events(&mut self, events: &[TracedEvent]) {
        match self.counts.as_deref_mut() {
            Some(c) => c.on_events(events),
            None => unreachable!("heap profile: events given while the counts are out"),
        }
    }

    fn take_sink(&mut self) -> Option<Box<dyn EventSink>> {
        self.counts.take().map(|c| c as Box<dyn EventSink>)
    }

    fn put_sink(&mut self, sink: Box<dyn EventSink>) {
        match sink.into_any().downcast::<Counts>() {
            Ok(c) => self.counts = Some(c),
            Err(_) => unreachable!("heap profile: another tracer's sink given back"),
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// DHAT's file, version 2 (the field names are DHAT's).
#[derive(Serialize)]
struct DhatJson {
    #[serde(rename = "dhatFileVersion")]
    dhat_file_version: u32,
    mode: &'static str,
    verb: &'static str,
    bklt: bool,
    bkacc: bool,
    tu: &'static str,
    #[serde(rename = "Mtu")]
    mtu: &'static str,
    tuth: u64,
    cmd: String,
    pid: u32,
    tg: u64,
    te: u64,
    pps: Vec<PointJson>,
    ftbl: Vec<String>,
}

/// One program point in DHAT's file.
#[derive(Serialize)]
struct PointJson {
    tb: u64,
    tbk: u64,
    tl: u64,
    mb: u64,
    mbk: u64,
    gb: u64,
    gbk: u64,
    eb: u64,
    ebk: u64,
    fs: Vec<u32>,
}
