//! `arenapy trace record`: a heap tracer that writes every event of the run to a trace file
//! (format: `arenapy_allocators::trace::format`, ARCHITECTURE.md "Heap traces").
//!
//! The recorder is installed on the heap before the interpreter's first allocation and taken
//! out after its teardown, so the trace holds the whole life of the heap: start-up, the
//! program, the final collections and the frees of teardown. A block is known by its address
//! while it lives; the trace names it by the implicit id the writer gave it. With sites, each
//! allocation carries the innermost Python frame as `qualname (file.py:line)` (or
//! `[interpreter]` outside Python code), each text written once.
//!
//! Without sites the heap logs its events into a buffer (`object::event_log`) and hands full
//! buffers over; a thread of the recorder's own turns them into the trace while the program
//! goes on (a few buffers circulate between the two, so memory stays bounded and a program
//! that allocates faster than the trace is written waits for a buffer). With sites each
//! event is written as it happens, on the interpreter's thread, which knows the stack.

use crate::object::event_log::{EventLog, Logged, LoggedEvent};
use crate::object::heap::{self, HeapRecorder};
use crate::objects::str as pystr;
use crate::tools::addr_map::AddrMap;
use crate::tools::position_memo::{self, PositionMemo};
use crate::vm::frames::SiteCache;
use anyhow::Context;
use arenapy_allocators::trace::{Totals, TraceWriter};
use hashbrown::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Log buffers circulating between the heap and the writing thread.
const BUFFERS: usize = 4;

/// What `arenapy trace record` asks of a run.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The trace file to write.
    pub path: PathBuf,
    /// Record the allocating site of each allocation.
    pub frames: bool,
}

/// The part of a recorder that writes: the trace and the ids of the live blocks.
struct Core {
    writer: TraceWriter<File>,
    live: AddrMap,
    /// The old address and new size of a resize whose new address is the next logged entry.
    resizing: Option<(usize, usize)>,
}

impl Core {
    #[inline(always)]
    fn alloc(&mut self, addr: usize, size: usize, site: Option<u32>) {
        let id = self.writer.alloc(size as u64, site);
        self.live.insert(addr, id);
    }

    #[inline(always)]
    fn free(&mut self, addr: usize) {
        if let Some(id) = self.live.remove(addr) {
            self.writer.free(id);
        }
    }

    fn realloc(&mut self, old_addr: usize, new_addr: usize, new_size: usize) {
        match self.live.remove(old_addr) {
            Some(id) => {
                self.writer.realloc(id, new_size as u64);
                self.live.insert(new_addr, id);
            }
            None => self.alloc(new_addr, new_size, None),
        }
    }

    fn collect(&mut self, generation: usize) {
        self.writer.collect(generation.min(2) as u8);
    }

    /// Writes logged events, in order.
    fn logged(&mut self, entries: &[LoggedEvent]) {
        for &e in entries {
            match Logged::decode(e) {
                Logged::Alloc { addr, size } => self.alloc(addr, size, None),
                Logged::Free { addr } => self.free(addr),
                Logged::ReallocFrom { addr, size } => self.resizing = Some((addr, size)),
                Logged::ReallocTo { addr } => match self.resizing.take() {
                    Some((old, size)) => self.realloc(old, addr, size),
                    None => unreachable!("heap event log: a resize's second half alone"),
                },
                Logged::Collect { generation } => self.collect(generation),
            }
        }
    }
}

/// A recording with sites: events written as they happen, with the innermost frame's site.
struct Direct {
    core: Core,
    positions: SiteCache<u32>,
    site_numbers: HashMap<String, u32>,
    outside: Option<u32>,
    /// The sites of recent stack positions: the same position, the same site.
    memo: PositionMemo<u32>,
}

/// A recording without sites: logged events written by a thread of the recorder's own.
struct Worker {
    /// Full buffers (and how many entries each holds) to the thread.
    full: SyncSender<(Box<[LoggedEvent]>, usize)>,
    /// Empty buffers back from the thread.
    empty: Receiver<Box<[LoggedEvent]>>,
    thread: JoinHandle<Core>,
    /// The process the thread runs in: a child made by `os.fork()` has the recorder but not
    /// its thread, and records nothing.
    pid: u32,
    /// The thread has gone (it can only have panicked) or this is a forked child: events are
    /// dropped, and [`Recorder::finish`] reports the failure.
    lost: bool,
}

enum Mode {
    Direct(Box<Direct>),
    Threaded(Worker),
}

/// The tracer that writes a trace.
pub struct Recorder {
    mode: Mode,
}

impl Recorder {
    /// A recorder writing to `recording.path` (created or truncated).
    ///
    /// # Errors
    /// The file cannot be created or its header written, or the writing thread not started.
    pub fn create(recording: &Recording) -> anyhow::Result<Recorder> {
        let file = File::create(&recording.path)
            .with_context(|| format!("creating trace {}", recording.path.display()))?;
        let writer = TraceWriter::new(file, recording.frames)
            .with_context(|| format!("writing trace {}", recording.path.display()))?;
        let core = Core {
            writer,
            live: AddrMap::new(),
            resizing: None,
        };
        let mode = if recording.frames {
            Mode::Direct(Box::new(Direct {
                core,
                positions: SiteCache::default(),
                site_numbers: HashMap::new(),
                outside: None,
                memo: PositionMemo::default(),
            }))
        } else {
            Mode::Threaded(Worker::start(core).context("starting the trace writer")?)
        };
        Ok(Recorder { mode })
    }

    /// The recorder of a recording with sites, to which the heap reports each event.
    #[inline(always)]
    fn direct(&mut self) -> &mut Direct {
        match &mut self.mode {
            Mode::Direct(d) => d,
            Mode::Threaded(_) => {
                unreachable!("an unlogged event for a recorder that takes batches")
            }
        }
    }

    /// Writes the end of the trace; returns its totals and size in bytes.
    ///
    /// # Errors
    /// Writing the file failed (at any point of the run), or the writing thread failed.
    /// `None` in a child made by `os.fork()`: the trace is its parent's to finish.
    pub fn finish(self) -> anyhow::Result<Option<(Totals, u64)>> {
        let core = match self.mode {
            Mode::Direct(d) => d.core,
            Mode::Threaded(w) => match w.finish()? {
                Some(core) => core,
                None => return Ok(None),
            },
        };
        let (totals, len, _) = core.writer.finish()?;
        Ok(Some((totals, len)))
    }
}

impl HeapRecorder for Recorder {
    fn takes_batches(&self) -> bool {
        matches!(self.mode, Mode::Threaded(_))
    }

    fn hand_over(&mut self, entries: Box<[LoggedEvent]>, len: usize) -> Box<[LoggedEvent]> {
        match &mut self.mode {
            Mode::Threaded(w) => w.hand_over(entries, len),
            Mode::Direct(d) => {
                d.core.logged(&entries[..len]);
                entries
            }
        }
    }

    fn on_alloc(&mut self, addr: usize, size: usize) {
        let d = self.direct();
        let site = d.current_site();
        d.core.alloc(addr, size, Some(site));
    }

    fn on_free(&mut self, addr: usize) {
        self.direct().core.free(addr);
    }

    fn on_realloc(&mut self, old_addr: usize, new_addr: usize, new_size: usize) {
        self.direct().core.realloc(old_addr, new_addr, new_size);
    }

    fn on_collect(&mut self, generation: usize) {
        self.direct().core.collect(generation);
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

impl Worker {
    fn start(mut core: Core) -> std::io::Result<Worker> {
        let (full, full_rx) = mpsc::sync_channel::<(Box<[LoggedEvent]>, usize)>(BUFFERS);
        let (empty_tx, empty) = mpsc::sync_channel(BUFFERS);
        for _ in 1..BUFFERS {
            // The heap holds one buffer; the others wait here. The channel has room for all.
            if empty_tx.send(EventLog::buffer()).is_err() {
                unreachable!("the receiving end is held here");
            }
        }
        let thread = heap::spawn_quiet("arenapy-trace", move || {
            for (entries, len) in full_rx {
                core.logged(&entries[..len]);
                // The interpreter may be done with buffers (its last one came).
                let _ = empty_tx.send(entries);
            }
            core
        })?;
        Ok(Worker {
            full,
            empty,
            thread,
            pid: std::process::id(),
            lost: false,
        })
    }

    fn hand_over(&mut self, entries: Box<[LoggedEvent]>, len: usize) -> Box<[LoggedEvent]> {
        if std::process::id() != self.pid {
            self.lost = true;
        }
        if !self.lost && self.full.send((entries, len)).is_ok() {
            if let Ok(back) = self.empty.recv() {
                return back;
            }
        }
        self.lost = true;
        EventLog::buffer()
    }

    /// The writer back from the thread; `None` in a forked child, which has no such thread.
    fn finish(self) -> anyhow::Result<Option<Core>> {
        let Worker {
            full, thread, pid, ..
        } = self;
        if std::process::id() != pid {
            // Dropping the handle detaches a thread this process does not have.
            std::mem::forget(thread);
            return Ok(None);
        }
        drop(full);
        match thread.join() {
            Ok(core) => Ok(Some(core)),
            Err(_) => anyhow::bail!("the trace writer failed (its thread panicked)"),
        }
    }
}

impl Direct {
    fn site_number(
        writer: &mut TraceWriter<File>,
        numbers: &mut HashMap<String, u32>,
        text: String,
    ) -> u32 {
        if let Some(&n) = numbers.get(&text) {
            return n;
        }
        let n = writer.site(&text);
        numbers.insert(text, n);
        n
    }

    /// The site of the allocation being made: the innermost Python frame's.
    #[inline]
    fn current_site(&mut self) -> u32 {
        position_memo::memoized(self, |s| &mut s.memo, Self::find_site)
    }

    /// The innermost Python frame's site, found through the site cache.
    #[inline(never)]
    fn find_site(&mut self) -> u32 {
        let writer = &mut self.core.writer;
        let numbers = &mut self.site_numbers;
        let mut found = None;
        heap::with_vm(|vm| {
            crate::vm::frames::visit_cached(
                vm,
                1,
                &mut self.positions,
                |code, line| {
                    let name = pystr::as_str(&code.qualname).unwrap_or("?");
                    let file = pystr::as_str(&code.filename).unwrap_or("?");
                    Self::site_number(writer, numbers, format!("{name} ({file}:{line})"))
                },
                |n| found = Some(n),
            )
        });
        match found {
            Some(n) => n,
            None => match self.outside {
                Some(n) => n,
                None => {
                    let n = Self::site_number(
                        &mut self.core.writer,
                        &mut self.site_numbers,
                        "[interpreter]".to_string(),
                    );
                    self.outside = Some(n);
                    n
                }
            },
        }
    }
}

/// Finishes the recorder (taken from the heap after teardown) and returns the line
/// `arenapy trace record` prints; checks the trace's peak against the heap's.
///
/// # Errors
/// No recorder was installed, or writing the trace failed.
pub fn finish(
    recorder: Option<Box<dyn HeapRecorder>>,
    heap_peak_live_bytes: u64,
    path: &Path,
) -> anyhow::Result<String> {
    let recorder = recorder
        .and_then(|r| r.into_any().downcast::<Recorder>().ok())
        .context("no trace recorder was installed")?;
    let Some((totals, len)) = recorder
        .finish()
        .with_context(|| format!("writing trace {}", path.display()))?
    else {
        return Ok(String::new());
    };
    let per_event = if totals.events == 0 {
        0.0
    } else {
        len as f64 / totals.events as f64
    };
    let mut line = format!(
        "arenapy trace: {} events, {} bytes ({per_event:.2} bytes/event), peak live bytes {} -> {}\n",
        totals.events,
        len,
        totals.peak_live_bytes,
        path.display()
    );
    if totals.peak_live_bytes != heap_peak_live_bytes {
        line.push_str(&format!(
            "arenapy trace: warning: the heap's peak live bytes were {heap_peak_live_bytes}: \
             some allocations were made while another tracer ran and are not in the trace\n"
        ));
    }
    Ok(line)
}
