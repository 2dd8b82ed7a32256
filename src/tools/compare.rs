//! `arenapy compare`: runs one program once per allocator strategy, each run in its own child
//! process, and tabulates what each strategy cost.
//!
//! Each child is `arenapy --allocator X --stats-json FILE --samples FILE SCRIPT ARGS` (the two
//! hidden flags write [`RunStats`] and the live/footprint samples). The program's standard
//! output goes to a file per run; the outputs of every strategy must be identical (a
//! difference is reported loudly and the command fails), and the first one is copied where the
//! user asked (`--output`) or dropped. Wall time is measured by the parent around each child
//! and the median of `--repeat N` runs is reported; the other figures come from the first run.

use super::run_stats::{read_samples, RunStats, Sample};
use super::svg::human_bytes;
use anyhow::{bail, Context};
use arenapy_allocators::StrategyKind;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// What to compare and where the results go.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// The `arenapy` executable to run the children with.
    pub exe: PathBuf,
    /// The strategies, in table order.
    pub allocators: Vec<StrategyKind>,
    /// Runs per strategy (wall time is their median).
    pub repeat: usize,
    /// Take a sample every this many allocations.
    pub sample_every: u64,
    /// The script, then its arguments.
    pub script_args: Vec<String>,
    /// Where the program's standard output goes (None: dropped).
    pub output: Option<PathBuf>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// A run still going after this long is killed and reported as failed.
    pub timeout: Option<Duration>,
}

/// A strategy whose run did not finish: it crashed, was killed, timed out or wrote no
/// statistics. The comparison goes on with the other strategies.
#[derive(Debug, Clone, Serialize)]
pub struct RunFailure {
    /// The strategy's name.
    pub allocator: String,
    /// How the run ended: "killed by signal 11 (SIGSEGV)", "timed out after 10 s", ...
    pub reason: String,
    /// The last lines of the run's standard error.
    pub stderr_tail: Vec<String>,
}

/// Lines of a failed run's standard error shown in the report.
const STDERR_TAIL_LINES: usize = 12;

/// The result for one strategy.
#[derive(Debug, Clone, Serialize)]
pub struct StrategyResult {
    /// The strategy's name (also in `stats`, which is where JSON shows it).
    #[serde(skip)]
    pub allocator: String,
    /// Median wall time of the runs, milliseconds.
    pub wall_ms: f64,
    /// Every run's wall time, milliseconds.
    pub wall_ms_runs: Vec<f64>,
    /// The child's figures (first run).
    #[serde(flatten)]
    pub stats: RunStats,
    /// `peak_footprint / peak_live_bytes`.
    pub fragmentation: f64,
    /// Live bytes and footprint over the run (first run).
    pub samples: Vec<Sample>,
    /// The program's standard output (first run).
    #[serde(skip)]
    pub stdout: Vec<u8>,
}

/// The outcome of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The script and its arguments.
    pub command: Vec<String>,
    /// Runs per strategy.
    pub repeat: usize,
    /// Whether every strategy's output and exit status matched the first's.
    pub output_identical: bool,
    /// One line per mismatch, naming the strategies and the first difference.
    pub mismatches: Vec<String>,
    /// One entry per strategy whose runs finished, in the order asked.
    pub strategies: Vec<StrategyResult>,
    /// The strategies whose run did not finish.
    pub failures: Vec<RunFailure>,
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// Runs the comparison.
pub fn run(opts: &CompareOptions) -> anyhow::Result<Comparison> {
    if opts.script_args.is_empty() {
        bail!("no script given (usage: arenapy compare [OPTIONS] SCRIPT [ARGS...])");
    }
    if opts.allocators.is_empty() {
        bail!("no allocator to compare");
    }
    let script = Path::new(&opts.script_args[0]);
    if !script.is_file() {
        bail!("can't open file '{}'", script.display());
    }
    let dir = std::env::temp_dir().join(format!("arenapy-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let scratch = Scratch(dir);
    let repeat = opts.repeat.max(1);
    let bar = progress_bar(opts, (opts.allocators.len() * repeat) as u64);
    let mut results = Vec::new();
    let mut failures = Vec::new();
    'strategies: for kind in &opts.allocators {
        let mut walls = Vec::new();
        let mut first: Option<(RunStats, Vec<Sample>, Vec<u8>)> = None;
        for i in 0..repeat {
            if let Some(b) = &bar {
                b.set_message(format!("{kind} (run {}/{repeat})", i + 1));
            }
            let run = run_child(opts, *kind, &scratch.0, i == 0)?;
            if let Some(b) = &bar {
                b.inc(1);
            }
            match run {
                ChildRun::Finished(wall, outcome) => {
                    walls.push(wall);
                    if first.is_none() {
                        first = outcome;
                    }
                }
                ChildRun::Failed(failure) => {
                    if let Some(b) = &bar {
                        b.inc((repeat - i - 1) as u64);
                    }
                    failures.push(failure);
                    continue 'strategies;
                }
            }
        }
        let (stats, samples, stdout) = first.context("no run of the program finished")?;
        results.push(StrategyResult {
            allocator: kind.name().to_string(),
            wall_ms: median(&walls),
            wall_ms_runs: walls,
            fragmentation: stats.fragmentation(),
            stats,
            samples,
            stdout,
        });
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mismatches = find_mismatches(&results);
    if let (Some(path), Some(first)) = (&opts.output, results.first()) {
        std::fs::write(path, &first.stdout)
            .with_context(|| format!("writing the program's output to {}", path.display()))?;
    }
    Ok(Comparison {
        command: opts.script_args.clone(),
        repeat,
        output_identical: mismatches.is_empty(),
        mismatches,
        strategies: results,
        failures,
    })
}

fn progress_bar(opts: &CompareOptions, total: u64) -> Option<indicatif::ProgressBar> {
    if !opts.progress {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30.cyan/blue} {pos}/{len} {msg}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// How one child run ended.
enum ChildRun {
    /// Its wall time in ms and, for a recorded run, its figures, samples and output.
    Finished(f64, Option<(RunStats, Vec<Sample>, Vec<u8>)>),
    /// It did not finish.
    Failed(RunFailure),
}

/// Runs one child. `Err` only when the child cannot be started or its files cannot be made.
fn run_child(
    opts: &CompareOptions,
    kind: StrategyKind,
    dir: &Path,
    record: bool,
) -> anyhow::Result<ChildRun> {
    let stats_path = dir.join(format!("{kind}.stats.json"));
    let samples_path = dir.join(format!("{kind}.samples.json"));
    let out_path = dir.join(format!("{kind}.out"));
    let err_path = dir.join(format!("{kind}.err"));
    let mut cmd = Command::new(&opts.exe);
    cmd.arg("--allocator")
        .arg(kind.name())
        .arg("--stats-json")
        .arg(&stats_path);
    if record {
        cmd.arg("--samples")
            .arg(&samples_path)
            .arg("--sample-every")
            .arg(opts.sample_every.to_string());
    }
    cmd.args(&opts.script_args)
        .env_remove("ARENAPY_ALLOCATOR")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path)?)
        .stderr(std::fs::File::create(&err_path)?);
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", opts.exe.display()))?;
    let status = match opts.timeout {
        None => Some(child.wait()?),
        Some(limit) => child.wait_timeout(limit)?,
    };
    let wall = start.elapsed().as_secs_f64() * 1000.0;
    let failed = |reason: String| {
        let err = std::fs::read_to_string(&err_path).unwrap_or_default();
        ChildRun::Failed(RunFailure {
            allocator: kind.name().to_string(),
            reason,
            stderr_tail: tail_lines(&err, STDERR_TAIL_LINES),
        })
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        let limit = opts.timeout.unwrap_or_default().as_secs_f64();
        return Ok(failed(format!("timed out after {limit} s")));
    };
    let stats = match (abnormal_end(status), RunStats::read(&stats_path)) {
        (None, Ok(stats)) => stats,
        (Some(reason), _) => return Ok(failed(reason)),
        (None, Err(e)) => return Ok(failed(format!("{} ({e:#})", exit_reason(status)))),
    };
    if !record {
        return Ok(ChildRun::Finished(wall, None));
    }
    let samples = read_samples(&samples_path).unwrap_or_default();
    let stdout = std::fs::read(&out_path)?;
    Ok(ChildRun::Finished(wall, Some((stats, samples, stdout))))
}

/// Why a run's status means it crashed, if it does: it ended by a signal.
fn abnormal_end(status: std::process::ExitStatus) -> Option<String> {
    use std::os::unix::process::ExitStatusExt;
    let sig = status.signal()?;
    let core = if status.core_dumped() {
        ", core dumped"
    } else {
        ""
    };
    Some(format!(
        "killed by signal {sig} ({}{core})",
        signal_name(sig)
    ))
}

/// How a run that wrote no statistics ended: its exit status, and what the statuses of a Rust
/// panic (101) and an abort (134) mean.
fn exit_reason(status: std::process::ExitStatus) -> String {
    match status.code() {
        Some(101) => "exit status 101 (an internal panic)".to_string(),
        Some(134) => "exit status 134 (aborted)".to_string(),
        Some(code) => format!("exit status {code}"),
        None => format!("{status}"),
    }
}

/// The name of the signals a crashed or killed run ends with.
fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGPIPE => "SIGPIPE",
        _ => "a signal",
    }
}

/// The last `n` lines of `text`.
fn tail_lines(text: &str, n: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

/// Differences of output or exit status against the first strategy.
fn find_mismatches(results: &[StrategyResult]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(base) = results.first() else {
        return out;
    };
    for r in &results[1..] {
        if r.stdout != base.stdout {
            let a = String::from_utf8_lossy(&base.stdout);
            let b = String::from_utf8_lossy(&r.stdout);
            let (line, la, lb) = a
                .lines()
                .map(Some)
                .chain(std::iter::repeat(None))
                .zip(b.lines().map(Some).chain(std::iter::repeat(None)))
                .take(a.lines().count().max(b.lines().count()))
                .enumerate()
                .find(|(_, (x, y))| x != y)
                .map(|(i, (x, y))| (i + 1, x.unwrap_or("<end>"), y.unwrap_or("<end>")))
                .unwrap_or((0, "", ""));
            out.push(format!(
                "output under {} differs from {} at line {line}: {:?} vs {:?}",
                r.allocator, base.allocator, la, lb
            ));
        }
        if r.stats.exit_code != base.stats.exit_code {
            out.push(format!(
                "exit status under {} is {}, under {} {}",
                r.allocator, r.stats.exit_code, base.allocator, base.stats.exit_code
            ));
        }
    }
    out
}

/// The comparison as a text table (one row per strategy).
pub fn table(c: &Comparison) -> String {
    let headers = [
        "strategy",
        "wall ms",
        "allocs",
        "frees",
        "peak live",
        "peak footprint",
        "footprint@exit",
        "frag",
        "peak RSS",
        "GC runs",
        "GC ms",
    ];
    let rows: Vec<Vec<String>> = c
        .strategies
        .iter()
        .map(|r| {
            vec![
                r.allocator.clone(),
                format!("{:.1}", r.wall_ms),
                r.stats.allocations.to_string(),
                r.stats.frees.to_string(),
                human_bytes(r.stats.peak_live_bytes),
                human_bytes(r.stats.peak_footprint),
                human_bytes(r.stats.footprint_at_exit),
                format!("{:.2}", r.fragmentation),
                human_bytes(r.stats.peak_rss_bytes),
                r.stats.gc_collections.to_string(),
                format!("{:.1}", r.stats.gc_seconds * 1000.0),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    format!("{c:<w$}", w = widths[i])
                } else {
                    format!("{c:>w$}", w = widths[i])
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut s = format!(
        "arenapy compare: {} (wall time: median of {} run{})\n",
        c.command.join(" "),
        c.repeat,
        if c.repeat == 1 { "" } else { "s" }
    );
    s.push_str(&line(
        &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    ));
    s.push('\n');
    for row in &rows {
        s.push_str(&line(row));
        s.push('\n');
    }
    if c.output_identical && c.failures.is_empty() {
        s.push_str("output: identical under every strategy\n");
    } else if c.output_identical && c.strategies.len() > 1 {
        s.push_str("output: identical under every strategy that finished\n");
    }
    s
}

/// The comparison as JSON (samples included).
pub fn to_json(c: &Comparison) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(c)?)
}

/// The loud report of runs that did not finish and of output mismatches (empty when every run
/// finished and the outputs agree).
pub fn mismatch_report(c: &Comparison) -> String {
    let rule = "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
    let mut s = String::new();
    if !c.failures.is_empty() {
        s.push_str(rule);
        s.push_str("!!! arenapy compare: THE PROGRAM DID NOT FINISH UNDER EVERY STRATEGY\n");
        for f in &c.failures {
            s.push_str(&format!("!!! under {}: {}\n", f.allocator, f.reason));
            if !f.stderr_tail.is_empty() {
                s.push_str("!!!   last lines of its stderr:\n");
            }
            for line in &f.stderr_tail {
                s.push_str(&format!("!!!   | {line}\n"));
            }
        }
        s.push_str(rule);
    }
    if !c.mismatches.is_empty() {
        s.push_str(rule);
        s.push_str("!!! arenapy compare: THE PROGRAM'S OUTPUT DIFFERS BETWEEN STRATEGIES !!!\n");
        for m in &c.mismatches {
            s.push_str(&format!("!!! {m}\n"));
        }
        s.push_str(rule);
    }
    s
}

/// The chart's series: (strategy, samples).
pub fn series(c: &Comparison) -> Vec<(String, Vec<Sample>)> {
    c.strategies
        .iter()
        .map(|r| (r.allocator.clone(), r.samples.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    fn result(name: &str, out: &str, code: i32) -> StrategyResult {
        StrategyResult {
            allocator: name.into(),
            wall_ms: 1.0,
            wall_ms_runs: vec![1.0],
            stats: RunStats {
                exit_code: code,
                ..RunStats::default()
            },
            fragmentation: 0.0,
            samples: Vec::new(),
            stdout: out.as_bytes().to_vec(),
        }
    }

    #[test]
    fn mismatches_name_the_first_differing_line() {
        let r = vec![
            result("pymalloc", "a\nb\n", 0),
            result("bump", "a\nc\n", 0),
            result("system", "a\nb\n", 1),
        ];
        let m = find_mismatches(&r);
        assert_eq!(m.len(), 2);
        assert!(m[0].contains("bump") && m[0].contains("line 2"), "{m:?}");
        assert!(m[1].contains("exit status under system"), "{m:?}");
    }
}
