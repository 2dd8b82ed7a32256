//! `arenapy trace`: record a program's heap events once, then replay them on every strategy
//! with no interpreter, or look at what they are.
//!
//! | file | what |
//! |---|---|
//! | [`cli`] | the command line: `record`, `replay`, `stats` |
//! | [`record`] | the recorder (a heap tracer writing the trace file) |
//! | [`report`] | the replay table, JSON and HTML page; the stats text and JSON |
//!
//! The format, the reader, the replay engine and the statistics live in the allocators crate
//! (`arenapy_allocators::trace`): they know nothing about Python.

pub mod cli;
pub mod record;
pub mod report;

pub use record::{Recorder, Recording};

use anyhow::Context;
use arenapy_allocators::trace::{self as tr, Ops, ReplayOptions};
use arenapy_allocators::StrategyKind;
use std::path::{Path, PathBuf};

/// What `arenapy trace replay` was asked.
#[derive(Debug, Clone)]
pub struct ReplayArgs {
    /// The trace.
    pub trace: PathBuf,
    /// The strategies, in order.
    pub allocators: Vec<StrategyKind>,
    /// Timed runs per strategy.
    pub repeat: usize,
    /// Wrap each strategy in the debug allocator.
    pub debug: bool,
    /// Replay in this process instead of in child processes.
    pub in_process: bool,
    /// Make the untimed profiling run (samples, footprints, the peak check).
    pub profile: bool,
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading trace {}", path.display()))
}

/// Replays a trace on each strategy asked for.
///
/// # Errors
/// The trace cannot be read or is damaged (the message names the byte offset), or a strategy
/// failed the replay's checks.
pub fn replay(args: &ReplayArgs) -> anyhow::Result<report::Replays> {
    let bytes = read(&args.trace)?;
    let ops = Ops::decode(&bytes).with_context(|| format!("{}", args.trace.display()))?;
    let options = ReplayOptions {
        repeat: args.repeat,
        sample_every: 0,
        debug: args.debug,
        profile: args.profile,
    };
    let mut reports = Vec::new();
    for &kind in &args.allocators {
        let r = if args.in_process {
            tr::replay(&ops, kind, options)
                .with_context(|| format!("replaying {} on {kind}", args.trace.display()))?
        } else {
            replay_in_child(args, kind)?
        };
        reports.push(r);
    }
    Ok(report::Replays {
        trace: args.trace.display().to_string(),
        totals: ops.totals,
        file_bytes: bytes.len() as u64,
        repeat: options.repeat,
        reports,
    })
}

/// Replays on `kind` in child processes (`arenapy trace replay --child`): one for the untimed
/// profiling run and one per timed run. Each starts from a fresh process, so every strategy's
/// timed run begins cold (memory an earlier run gave back to the C library would make the
/// `system` strategy's pages look free) and resident-memory growth is its own.
fn replay_in_child(args: &ReplayArgs, kind: StrategyKind) -> anyhow::Result<tr::ReplayReport> {
    let mut report = child(args, kind, true, 0)?;
    for _ in 0..args.repeat.max(1) {
        let timed = child(args, kind, false, 1)?;
        report.runs.extend(timed.runs);
    }
    let mut sorted = report.runs.clone();
    sorted.sort_by(f64::total_cmp);
    report.ns_per_event = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    Ok(report)
}

/// One child process's report.
fn child(
    args: &ReplayArgs,
    kind: StrategyKind,
    profile: bool,
    repeat: usize,
) -> anyhow::Result<tr::ReplayReport> {
    let exe = std::env::current_exe().context("cannot find the arenapy executable")?;
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["trace", "replay", "--child", "--allocators", kind.name()])
        .arg("--repeat")
        .arg(repeat.to_string());
    if args.debug {
        cmd.arg("--debug-alloc");
    }
    if !profile {
        cmd.arg("--no-profile");
    }
    let out = cmd
        .arg(&args.trace)
        .output()
        .context("starting a replay process")?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!(
            "{}",
            err.trim()
                .strip_prefix("arenapy trace: ")
                .unwrap_or(err.trim())
        );
    }
    let mut reports: Vec<report::StrategyJson> =
        serde_json::from_slice(&out.stdout).context("reading the replay process's report")?;
    match reports.pop() {
        Some(r) if reports.is_empty() => r.into_report().map_err(|e| anyhow::anyhow!(e)),
        _ => anyhow::bail!("the replay process sent no single report"),
    }
}

/// `arenapy trace replay --child`: the reports as JSON, for the parent.
///
/// # Errors
/// As [`replay`].
pub fn child_json(args: &ReplayArgs) -> anyhow::Result<String> {
    let r = replay(args)?;
    let v: Vec<report::StrategyJson> = r
        .reports
        .iter()
        .map(report::StrategyJson::from_report)
        .collect();
    Ok(serde_json::to_string(&v)? + "\n")
}

/// `arenapy trace stats`: the text (or JSON) of a trace's figures.
///
/// # Errors
/// The trace cannot be read or is damaged.
pub fn stats(path: &Path, top: usize, json: bool) -> anyhow::Result<String> {
    let bytes = read(path)?;
    let st = tr::trace_stats(&bytes).with_context(|| format!("{}", path.display()))?;
    if json {
        Ok(report::stats_json(&st)? + "\n")
    } else {
        Ok(report::stats_text(&st, top))
    }
}
