//! `--heap-profile FILE`: a Python-level heap profile written in DHAT's own JSON format, so that
//! DHAT's viewer (`dh_view.html`) shows which Python lines allocate how many bytes, how long
//! the blocks live and what is live at the peak.
//!
//! A [`HeapProfiler`] is an allocation tracer (see `object::heap::AllocTracer`). On each
//! allocation it walks the active Python frames (innermost first, at most [`MAX_FRAMES`]) and
//! finds the *program point* for that exact frame list; blocks remember their point and
//! allocation time until they are freed. The file follows DHAT's format version 2:
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

use crate::object::heap::{self, AllocTracer};
use crate::objects::str as pystr;
use crate::tools::addr_map::AddrTable;
use crate::tools::position_memo::{self, PositionMemo};
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
    frames: Vec<u32>,
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

/// The Python-level heap profiler (an allocation tracer).
///
/// Per allocation it reads the frame positions of the stack and finds each one's frame string
/// in `sites` (formatted and interned once per position); the point is the previous
/// allocation's when the frames are the same, else an interned one.
#[derive(Default)]
pub struct HeapProfiler {
    time: u64,
    points: Vec<Point>,
    point_of: HashMap<Vec<u32>, u32>,
    frames: FrameTable,
    sites: SiteCache<u32>,
    last_point: Option<u32>,
    /// The points of recent stack positions (`frames::stack_position`): an allocation at the
    /// same position has the same point.
    memo: PositionMemo<u32>,
    live: AddrTable<Block>,
    curr_bytes: u64,
    curr_blocks: u64,
    max_bytes: u64,
    max_blocks: u64,
    peak_time: u64,
    peak_pending: bool,
    total_bytes: u64,
    total_blocks: u64,
    scratch: Vec<u32>,
    command: String,
}

impl HeapProfiler {
    /// A profiler with nothing recorded; `command` is written as the file's `cmd`.
    pub fn new(command: &str) -> HeapProfiler {
        let mut p = HeapProfiler {
            command: command.to_string(),
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

    /// The point for the current Python stack.
    #[inline]
    fn current_point(&mut self) -> u32 {
        position_memo::memoized(self, |s| &mut s.memo, Self::find_point)
    }

    /// The point for the current Python stack, from its frames.
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
            if self.points[last as usize].frames == frames {
                self.scratch = frames;
                return last;
            }
        }
        let point = match self.point_of.get(&frames) {
            Some(&p) => p,
            None => {
                let p = self.points.len() as u32;
                self.points.push(Point {
                    frames: frames.clone(),
                    ..Point::default()
                });
                self.point_of.insert(frames.clone(), p);
                p
            }
        };
        self.scratch = frames;
        self.last_point = Some(point);
        point
    }

    /// Copies every point's live figures into its at-peak figures if a new peak was reached
    /// since the last copy.
    fn settle_peak(&mut self) {
        if self.peak_pending {
            for p in self.points.iter_mut() {
                p.at_peak_bytes = p.curr_bytes;
                p.at_peak_blocks = p.curr_blocks;
            }
            self.peak_pending = false;
        }
    }

    fn record_alloc(&mut self, addr: usize, size: u64) {
        self.time += 1;
        let point = self.current_point();
        let p = &mut self.points[point as usize];
        p.total_bytes += size;
        p.total_blocks += 1;
        p.curr_bytes += size;
        p.curr_blocks += 1;
        if p.curr_bytes >= p.max_bytes {
            p.max_bytes = p.curr_bytes;
            p.max_blocks = p.curr_blocks;
        }
        self.total_bytes += size;
        self.total_blocks += 1;
        self.curr_bytes += size;
        self.curr_blocks += 1;
        if self.curr_bytes > self.max_bytes {
            self.max_bytes = self.curr_bytes;
            self.max_blocks = self.curr_blocks;
            self.peak_time = self.time;
            self.peak_pending = true;
        }
        self.live.insert(
            addr,
            Block {
                size,
                point,
                born: self.time,
            },
        );
    }

    fn record_free(&mut self, addr: usize) {
        // Blocks allocated before the profiler was installed are not followed.
        let Some(b) = self.live.remove(addr) else {
            return;
        };
        self.settle_peak();
        self.time += 1;
        let p = &mut self.points[b.point as usize];
        p.curr_bytes -= b.size;
        p.curr_blocks -= 1;
        p.total_lifetime += self.time - b.born;
        self.curr_bytes -= b.size;
        self.curr_blocks -= 1;
    }

    fn into_json(mut self) -> DhatJson {
        self.settle_peak();
        for (_, b) in self.live.iter() {
            self.points[b.point as usize].total_lifetime += self.time - b.born;
        }
        let pps = self
            .points
            .iter()
            .map(|p| PointJson {
                tb: p.total_bytes,
                tbk: p.total_blocks,
                tl: p.total_lifetime,
                mb: p.max_bytes,
                mbk: p.max_blocks,
                gb: p.at_peak_bytes,
                gbk: p.at_peak_blocks,
                eb: p.curr_bytes,
                ebk: p.curr_blocks,
                fs: p.frames.clone(),
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
            tg: self.peak_time,
            te: self.time,
            pps,
            ftbl: self.frames.ftbl,
        }
    }
}

impl AllocTracer for HeapProfiler {
    fn on_alloc(&mut self, addr: usize, size: usize) {
        self.record_alloc(addr, size as u64);
    }

    fn on_free(&mut self, addr: usize, _size: usize) {
        self.record_free(addr);
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
