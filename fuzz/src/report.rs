//! What a campaign found: crash records (with their minimized programs on disk), output
//! difference buckets (with one example each), and the summary printed at the end.

use crate::campaign::CrashMap;
use crate::case::Case;
use crate::classify::Signature;
use crate::exec::{Invocation, RunResult};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// FNV-1a, 64 bits, as 16 hex digits: stable file names for signatures and buckets.
pub fn stable_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn head(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

fn tail_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// One crash signature: how often it was seen and where its minimized program is.
#[derive(Clone, Debug)]
pub struct CrashRecord {
    /// The crash.
    pub signature: Signature,
    /// How many cases showed it.
    pub count: u64,
    /// The first case's origin (seed, or seed file and mutations).
    pub origin: String,
    /// The first case's arenapy options.
    pub flags: Vec<String>,
    /// The minimized program, once written.
    pub file: Option<PathBuf>,
    /// Lines before and after minimization.
    pub lines: (usize, usize),
    /// The command that reproduces it.
    pub command: String,
    /// The end of arenapy's stderr on the minimized program.
    pub stderr_tail: String,
    /// An open regression already has it: counted, not minimized.
    pub known: bool,
}

impl CrashRecord {
    /// A record whose minimization is still running.
    pub fn pending(case: &Case, sig: &Signature) -> CrashRecord {
        CrashRecord {
            signature: sig.clone(),
            count: 1,
            origin: case.origin.clone(),
            flags: case.flags.clone(),
            file: None,
            lines: (case.source.lines().count(), 0),
            command: String::new(),
            stderr_tail: String::new(),
            known: false,
        }
    }

    /// Writes `crashes/HASH.py` (a header naming the crash and its flags, then the minimized
    /// program), `.cmd`, `.stderr` and `.orig.py` (the program before minimization).
    pub fn finish(
        &mut self,
        out: &Path,
        case: &Case,
        minimized: &[String],
        stderr: &str,
        inv: &Invocation,
    ) -> std::io::Result<()> {
        let dir = out.join("crashes");
        let stem = dir.join(stable_hash(&self.signature.to_string()));
        let file = stem.with_extension("py");
        let mut text = format!(
            "# fuzz crash: {}\n# flags: {}\n# found by: {}\n",
            self.signature,
            self.flags.join(" "),
            head(&self.origin, 300).replace('\n', " ")
        );
        for l in minimized {
            text.push_str(l);
            text.push('\n');
        }
        std::fs::write(&file, text)?;
        std::fs::write(stem.with_extension("orig.py"), &case.source)?;
        let mut inv = inv.clone();
        if let Some(last) = inv.args.last_mut() {
            *last = file.display().to_string();
        }
        self.command = inv.shell_line();
        std::fs::write(stem.with_extension("cmd"), format!("{}\n", self.command))?;
        self.stderr_tail = tail_lines(stderr, 12);
        std::fs::write(stem.with_extension("stderr"), stderr)?;
        self.lines.1 = minimized.len();
        self.file = Some(file);
        Ok(())
    }
}

/// One bucket of output differences.
#[derive(Clone, Debug)]
pub struct DiffBucket {
    /// Programs in it.
    pub count: u64,
    /// The first program's file (`diffs/HASH.py`, with `HASH.txt` beside it).
    pub example: Option<PathBuf>,
}

impl DiffBucket {
    /// A bucket's first program: writes it and both interpreters' outputs.
    pub fn first(out: &Path, bucket: &str, case: &Case, a: &RunResult, c: &RunResult) -> Self {
        let stem = out.join("diffs").join(stable_hash(bucket));
        let file = stem.with_extension("py");
        let notes = format!(
            "bucket: {bucket}\norigin: {}\nflags: {}\n\n--- arenapy (exit {:?}, signal {:?}) stdout:\n{}\n--- arenapy stderr:\n{}\n--- cpython (exit {:?}) stdout:\n{}\n--- cpython stderr:\n{}\n",
            head(&case.origin, 400),
            case.flags.join(" "),
            a.code,
            a.signal,
            head(&a.stdout, 4000),
            tail_lines(&a.stderr, 30),
            c.code,
            head(&c.stdout, 4000),
            tail_lines(&c.stderr, 30),
        );
        let written = std::fs::write(&file, &case.source)
            .and_then(|_| std::fs::write(stem.with_extension("txt"), notes));
        DiffBucket {
            count: 0,
            example: written.is_ok().then_some(file),
        }
    }
}

/// Everything a campaign counted.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// The campaign seed.
    pub seed: u64,
    /// Whether CPython was there to compare with.
    pub differential: bool,
    /// Programs run under arenapy.
    pub executed: u64,
    /// Of which generated (the rest were mutations).
    pub generated: u64,
    /// Programs skipped because CPython itself timed out.
    pub skipped: u64,
    /// Programs that timed out only under collector stress or heap checks (not hangs).
    pub slow_under_stress: u64,
    /// Programs whose output differed from CPython's.
    pub diff_programs: u64,
    /// Crashes by signature.
    pub crashes: CrashMap,
    /// Output differences by bucket.
    pub diffs: HashMap<String, DiffBucket>,
    /// Wall time of the campaign.
    pub elapsed: Duration,
}

impl Summary {
    /// An empty summary.
    pub fn new(seed: u64, differential: bool) -> Summary {
        Summary {
            seed,
            differential,
            ..Default::default()
        }
    }

    /// Crashes that no open regression accounts for.
    pub fn new_crashes(&self) -> Vec<&CrashRecord> {
        self.crash_list().into_iter().filter(|c| !c.known).collect()
    }

    /// Crash records, most frequent first.
    pub fn crash_list(&self) -> Vec<&CrashRecord> {
        let mut v: Vec<&CrashRecord> = self.crashes.values().collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.signature.cmp(&b.signature)));
        v
    }

    /// Difference buckets, largest first.
    pub fn diff_list(&self) -> Vec<(&String, &DiffBucket)> {
        let mut v: Vec<(&String, &DiffBucket)> = self.diffs.iter().collect();
        v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        v
    }

    /// One line for progress reports.
    pub fn progress_line(&self, elapsed: Duration) -> String {
        format!(
            "[{:>5} s] {} programs, {} crash signatures, {} programs differ ({} buckets)",
            elapsed.as_secs(),
            self.executed,
            self.crashes.len(),
            self.diff_programs,
            self.diffs.len()
        )
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "arenapy-fuzz: seed {}, {:.0} s, {} programs ({} generated, {} mutated), {} skipped \
             (CPython timed out), {} too slow only under --gc-stress/--gc-verify",
            self.seed,
            self.elapsed.as_secs_f64(),
            self.executed,
            self.generated,
            self.executed - self.generated,
            self.skipped,
            self.slow_under_stress
        )?;
        writeln!(f, "\ncrashes: {} signature(s)", self.crashes.len())?;
        for c in self.crash_list() {
            writeln!(f, "  [{}x] {}", c.count, c.signature)?;
            if c.known {
                writeln!(
                    f,
                    "        known: an open regression in tests/fuzz_regressions"
                )?;
                continue;
            }
            match &c.file {
                Some(p) => writeln!(
                    f,
                    "        {} ({} -> {} lines)\n        $ {}",
                    p.display(),
                    c.lines.0,
                    c.lines.1,
                    c.command
                )?,
                None => writeln!(f, "        (not written)")?,
            }
        }
        if !self.differential {
            return writeln!(f, "\noutput differences: not checked (no python3)");
        }
        writeln!(
            f,
            "\noutput differences: {} program(s) in {} bucket(s)",
            self.diff_programs,
            self.diffs.len()
        )?;
        for (bucket, b) in self.diff_list() {
            let example = b
                .example
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            writeln!(f, "  [{}x] {bucket}\n        {example}", b.count)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        assert_eq!(stable_hash(""), "cbf29ce484222325");
        assert_eq!(stable_hash("panic"), stable_hash("panic"));
        assert_ne!(stable_hash("panic"), stable_hash("hang"));
    }
}
