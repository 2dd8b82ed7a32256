//! `arenapy trace record`: a heap tracer that writes every event of the run to a trace file
//! (format: `arenapy_allocators::trace::format`, ARCHITECTURE.md "Heap traces").
//!
//! The recorder is installed on the heap before the interpreter's first allocation and taken
//! out after its teardown, so the trace holds the whole life of the heap: start-up, the
//! program, the final collections and the frees of teardown. A block is known by its address
//! while it lives; the trace names it by the implicit id the writer gave it. With sites, each
//! allocation carries the innermost Python frame as `qualname (file.py:line)` (or
//! `[interpreter]` outside Python code), each text written once.

use crate::object::heap::{self, AllocTracer};
use crate::objects::str as pystr;
use crate::tools::addr_map::AddrMap;
use crate::tools::position_memo::{self, PositionMemo};
use crate::vm::frames::SiteCache;
use anyhow::Context;
use arenapy_allocators::trace::{Totals, TraceWriter};
use hashbrown::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// What `arenapy trace record` asks of a run.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The trace file to write.
    pub path: PathBuf,
    /// Record the allocating site of each allocation.
    pub frames: bool,
}

/// The tracer that writes a trace.
pub struct Recorder {
    writer: TraceWriter<File>,
    live: AddrMap,
    frames: bool,
    positions: SiteCache<u32>,
    site_numbers: HashMap<String, u32>,
    outside: Option<u32>,
    /// The sites of recent stack positions: the same position, the same site.
    memo: PositionMemo<u32>,
}

impl Recorder {
    /// A recorder writing to `recording.path` (created or truncated).
    ///
    /// # Errors
    /// The file cannot be created or its header written.
    pub fn create(recording: &Recording) -> anyhow::Result<Recorder> {
        let file = File::create(&recording.path)
            .with_context(|| format!("creating trace {}", recording.path.display()))?;
        let writer = TraceWriter::new(file, recording.frames)
            .with_context(|| format!("writing trace {}", recording.path.display()))?;
        Ok(Recorder {
            writer,
            live: AddrMap::new(),
            frames: recording.frames,
            positions: SiteCache::default(),
            site_numbers: HashMap::new(),
            outside: None,
            memo: PositionMemo::default(),
        })
    }

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
        let writer = &mut self.writer;
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
                        &mut self.writer,
                        &mut self.site_numbers,
                        "[interpreter]".to_string(),
                    );
                    self.outside = Some(n);
                    n
                }
            },
        }
    }

    /// Writes the end of the trace; returns its totals and size in bytes.
    ///
    /// # Errors
    /// Writing the file failed (at any point of the run).
    pub fn finish(self) -> std::io::Result<(Totals, u64)> {
        let (totals, len, _) = self.writer.finish()?;
        Ok((totals, len))
    }
}

impl AllocTracer for Recorder {
    #[inline]
    fn on_alloc(&mut self, addr: usize, size: usize) {
        let site = self.frames.then(|| self.current_site());
        let id = self.writer.alloc(size as u64, site);
        self.live.insert(addr, id);
    }

    #[inline]
    fn on_free(&mut self, addr: usize, _size: usize) {
        if let Some(id) = self.live.remove(addr) {
            self.writer.free(id);
        }
    }

    fn on_realloc(&mut self, old_addr: usize, _old: usize, new_addr: usize, new_size: usize) {
        match self.live.remove(old_addr) {
            Some(id) => {
                self.writer.realloc(id, new_size as u64);
                self.live.insert(new_addr, id);
            }
            None => self.on_alloc(new_addr, new_size),
        }
    }

    fn on_collect(&mut self, generation: usize) {
        self.writer.collect(generation.min(2) as u8);
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// Finishes the recorder among `tracers` (taken from the heap after teardown) and returns
/// the line `arenapy trace record` prints; checks the trace's peak against the heap's.
///
/// # Errors
/// No recorder among the tracers, or writing the trace failed.
pub fn finish(
    tracers: Vec<Box<dyn AllocTracer>>,
    heap_peak_live_bytes: u64,
    path: &Path,
) -> anyhow::Result<String> {
    let recorder = tracers
        .into_iter()
        .find_map(|t| t.into_any().downcast::<Recorder>().ok())
        .context("no trace recorder was installed")?;
    let (totals, len) = recorder
        .finish()
        .with_context(|| format!("writing trace {}", path.display()))?;
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
