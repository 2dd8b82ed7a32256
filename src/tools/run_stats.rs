//! What one run measured, written by the child of `arenapy compare` (`--stats-json FILE`), and
//! the sampler behind `--samples FILE`: live bytes and footprint every N allocations.

use crate::object::heap::{self, AllocTracer, TracedEvent};
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The figures of one run of a program under one strategy.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RunStats {
    /// The strategy's name.
    pub allocator: String,
    /// Allocations during the run (up to the end of the program, before teardown).
    pub allocations: u64,
    /// Frees during the run.
    pub frees: u64,
    /// The highest sum of requested sizes of live blocks.
    pub peak_live_bytes: u64,
    /// The highest footprint (bytes held from the OS or the allocator beneath).
    pub peak_footprint: u64,
    /// The footprint when the program ended (before teardown).
    pub footprint_at_exit: u64,
    /// Live bytes when the program ended (before teardown).
    pub live_bytes_at_exit: u64,
    /// The process's peak resident set size as the OS reports it (`VmHWM`), 0 if unknown.
    pub peak_rss_bytes: u64,
    /// Cycle-collector runs, all generations.
    pub gc_collections: u64,
    /// Seconds spent in the cycle collector.
    pub gc_seconds: f64,
    /// The program's exit status.
    pub exit_code: i32,
}

impl RunStats {
    /// Reads a file written with [`RunStats::write`].
    pub fn read(path: &Path) -> anyhow::Result<RunStats> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading run statistics {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// Writes the figures as JSON.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(self)?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
    }

    /// Footprint over live bytes at the peak (`peak_footprint / peak_live_bytes`).
    pub fn fragmentation(&self) -> f64 {
        if self.peak_live_bytes == 0 {
            0.0
        } else {
            self.peak_footprint as f64 / self.peak_live_bytes as f64
        }
    }
}

/// The process's peak resident set size in bytes, from `/proc/self/status` (0 elsewhere).
pub fn peak_rss_bytes() -> u64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// One sample of the heap.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Sample {
    /// Allocations so far (the x axis: the same program makes the same requests under every
    /// strategy, so samples line up across strategies).
    pub allocations: u64,
    /// Milliseconds since sampling started.
    pub ms: f64,
    /// Live (requested) bytes.
    pub live: u64,
    /// Footprint.
    pub footprint: u64,
}

/// A heap tracer that records a [`Sample`] every `every` allocations (a countdown per
/// allocation, nothing per free).
pub struct Sampler {
    every: u64,
    countdown: u64,
    start: std::time::Instant,
    samples: Vec<Sample>,
}

impl Sampler {
    /// A sampler taking one sample every `every` allocations (at least 1).
    pub fn new(every: u64) -> Sampler {
        let every = every.max(1);
        Sampler {
            every,
            countdown: every,
            start: std::time::Instant::now(),
            samples: Vec::new(),
        }
    }

    /// Installs a sampler on the current heap, with a first sample now.
    pub fn install(every: u64) {
        let mut s = Sampler::new(every);
        s.take();
        heap::add_tracer(Box::new(s));
    }

    /// Removes the installed sampler, takes a last sample and returns every sample.
    pub fn finish() -> Vec<Sample> {
        match heap::remove_tracer::<Sampler>() {
            Some(mut s) => {
                s.take();
                s.samples
            }
            None => Vec::new(),
        }
    }

    fn take(&mut self) {
        let st = heap::with_current(|h| h.stats());
        self.samples.push(Sample {
            allocations: st.allocations,
            ms: self.start.elapsed().as_secs_f64() * 1000.0,
            live: st.live_bytes,
            footprint: st.footprint,
        });
    }
}

impl AllocTracer for Sampler {
    /// Reads the heap's figures as the events happen, so it takes them one by one.
    fn on_events(&mut self, events: &[TracedEvent]) {
        for _ in events.iter().filter(|e| e.alloc) {
            self.countdown -= 1;
            if self.countdown == 0 {
                self.countdown = self.every;
                self.take();
            }
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// Writes samples as a JSON array.
pub fn write_samples(path: &Path, samples: &[Sample]) -> anyhow::Result<()> {
    std::fs::write(path, serde_json::to_string(samples)?)
        .with_context(|| format!("writing {}", path.display()))
}

/// Reads samples written by [`write_samples`].
pub fn read_samples(path: &Path) -> anyhow::Result<Vec<Sample>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading samples {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}
