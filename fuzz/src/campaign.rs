//! A fuzzing campaign: workers take case indices from a shared counter, run each case under
//! CPython (when there is one) and arenapy, minimize every new crash and bucket output
//! differences, until the time or program budget is spent.

use crate::case::{build_case, flag_value, has_flag, Case};
use crate::classify::{classify, CrashClass, Signature};
use crate::corpus::Corpus;
use crate::diff::{depends_on_collection_timing, difference};
use crate::exec::{Invocation, RunResult};
use crate::minimize::{minimize, minimize_options, Budget};
use crate::regressions::is_known;
use crate::report::{CrashRecord, DiffBucket, Summary};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How a campaign runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The arenapy executable.
    pub arenapy: PathBuf,
    /// CPython (`python3`) for the differential part; `None` checks crashes only.
    pub python: Option<String>,
    /// The campaign seed: with it and a case index every case can be rebuilt.
    pub seed: u64,
    /// Parallel workers.
    pub jobs: usize,
    /// Stop after this long (checked between cases).
    pub time: Option<Duration>,
    /// Stop after this many cases.
    pub programs: Option<u64>,
    /// Output directory (crashes/, diffs/, work/).
    pub out: PathBuf,
    /// The repository root, for the project's programs.
    pub project_root: PathBuf,
    /// Also mutate CPython's standard library (needs `python`).
    pub stdlib: bool,
    /// Share of generated programs (the rest are mutations).
    pub generated_share: f64,
    /// A hang is a run past `hang_factor` times CPython's time...
    pub hang_factor: f64,
    /// ...and past this floor.
    pub hang_floor: Duration,
    /// How slow this arenapy build is (a debug build: about 5); scales the timeouts.
    pub slowdown: f64,
    /// A run under collector stress or heap checks gets at most this long (or the plain
    /// timeout, if that is longer) before it is retried without them.
    pub stress_timeout_cap: Duration,
    /// Candidate programs tried per minimization.
    pub minimize_tests: usize,
    /// Address-space limit for both interpreters (through `prlimit`, when installed).
    pub memory_limit: Option<u64>,
    /// Crash families already known (open regressions): counted, not minimized again.
    pub known: Vec<String>,
    /// Print progress to stderr.
    pub progress: bool,
}

impl Options {
    /// Defaults for a run of `arenapy` writing into `out`.
    pub fn new(arenapy: PathBuf, out: PathBuf) -> Options {
        Options {
            arenapy,
            python: Some("python3".into()),
            seed: 1,
            jobs: 1,
            time: None,
            programs: None,
            out,
            project_root: Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .map_or_else(|| PathBuf::from(".."), Path::to_path_buf),
            stdlib: true,
            generated_share: 0.6,
            hang_factor: 10.0,
            hang_floor: Duration::from_secs(2),
            slowdown: 1.0,
            stress_timeout_cap: Duration::from_secs(15),
            minimize_tests: 300,
            memory_limit: Some(4 << 30),
            known: Vec::new(),
            progress: true,
        }
    }
}

/// CPython gets this long; a program that needs more is skipped.
const CPYTHON_TIMEOUT: Duration = Duration::from_secs(10);

struct Shared {
    opts: Options,
    corpus: Corpus,
    prlimit: bool,
    next: AtomicU64,
    start: Instant,
    summary: Mutex<Summary>,
}

/// Runs a campaign and returns its summary (also written to `OUT/summary.txt`).
pub fn run(opts: Options) -> std::io::Result<Summary> {
    for d in ["crashes", "diffs", "work"] {
        std::fs::create_dir_all(opts.out.join(d))?;
    }
    let python = opts.python.as_deref().and_then(resolve_python);
    // The children run in work directories: the executable's path must not be relative.
    let arenapy = std::fs::canonicalize(&opts.arenapy)?;
    let out = std::fs::canonicalize(&opts.out)?;
    let opts = Options {
        python,
        arenapy,
        out,
        ..opts
    };
    let corpus = Corpus::load(
        &opts.project_root,
        opts.python.as_deref().filter(|_| opts.stdlib),
    );
    let shared = Shared {
        prlimit: opts.memory_limit.is_some() && prlimit_works(),
        corpus,
        next: AtomicU64::new(0),
        start: Instant::now(),
        summary: Mutex::new(Summary::new(opts.seed, opts.python.is_some())),
        opts,
    };
    std::thread::scope(|s| {
        for job in 0..shared.opts.jobs.max(1) {
            let shared = &shared;
            s.spawn(move || worker(shared, job));
        }
    });
    let _ = std::fs::remove_dir_all(shared.opts.out.join("work"));
    let mut summary = shared
        .summary
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    summary.elapsed = shared.start.elapsed();
    std::fs::write(shared.opts.out.join("summary.txt"), summary.to_string())?;
    Ok(summary)
}

/// The interpreter's own executable (`sys.executable`), so that each run skips launchers
/// such as pyenv's shims; `None` when `python` does not run.
fn resolve_python(python: &str) -> Option<String> {
    let out = std::process::Command::new(python)
        .args(["-S", "-c", "import sys; print(sys.executable)"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let exe = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Some(if exe.is_empty() {
        python.to_string()
    } else {
        exe
    })
}

fn prlimit_works() -> bool {
    std::process::Command::new("prlimit")
        .args(["--as=1073741824", "--", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn worker(shared: &Shared, job: usize) {
    let dir = shared.opts.out.join("work").join(format!("job{job}"));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut last_progress = Instant::now();
    loop {
        if shared
            .opts
            .time
            .is_some_and(|t| shared.start.elapsed() >= t)
        {
            return;
        }
        let index = shared.next.fetch_add(1, Ordering::Relaxed);
        if shared.opts.programs.is_some_and(|n| index >= n) {
            return;
        }
        let case = build_case(
            shared.opts.seed,
            index,
            &shared.corpus,
            shared.opts.generated_share,
        );
        if let Err(e) = run_case(shared, &dir, &case) {
            eprintln!("arenapy-fuzz: case {index}: {e}");
        }
        if shared.opts.progress && job == 0 && last_progress.elapsed() > Duration::from_secs(30) {
            last_progress = Instant::now();
            if let Ok(s) = shared.summary.lock() {
                eprintln!("{}", s.progress_line(shared.start.elapsed()));
            }
        }
    }
}

/// The arenapy command for `script`, under `prlimit` when limiting memory.
fn arenapy_invocation(shared: &Shared, flags: &[String], script: &Path) -> Invocation {
    let mut args: Vec<String> = flags.to_vec();
    args.push(script.display().to_string());
    let remove = [
        "ARENAPY_ALLOCATOR",
        "ARENAPY_DEBUG_ALLOC",
        "ARENAPY_GC_STRESS",
        "ARENAPY_GC_VERIFY",
        "ARENAPY_MAX_HEAP",
        "ARENAPY_STATS",
        "ARENAPY_TRACEMALLOC",
        "PYTHONPATH",
    ];
    limited(
        shared,
        Invocation {
            program: shared.opts.arenapy.display().to_string(),
            args,
            env: vec![],
            env_remove: remove.iter().map(|s| s.to_string()).collect(),
        },
    )
}

fn python_invocation(shared: &Shared, python: &str, script: &Path) -> Invocation {
    limited(
        shared,
        Invocation {
            program: python.to_string(),
            args: vec!["-S".into(), script.display().to_string()],
            env: vec![
                ("PYTHONHASHSEED".into(), "0".into()),
                ("PYTHONDONTWRITEBYTECODE".into(), "1".into()),
            ],
            env_remove: vec!["PYTHONPATH".into(), "PYTHONSTARTUP".into()],
        },
    )
}

fn limited(shared: &Shared, inv: Invocation) -> Invocation {
    match shared.opts.memory_limit.filter(|_| shared.prlimit) {
        Some(bytes) => {
            let mut args = vec![format!("--as={bytes}"), "--".into(), inv.program];
            args.extend(inv.args);
            Invocation {
                program: "prlimit".into(),
                args,
                ..inv
            }
        }
        None => inv,
    }
}

/// How much slower than CPython arenapy may be under these options before it counts as hung.
fn stress_multiplier(flags: &[String]) -> f64 {
    let mut m = 1.0;
    if let Some(n) = flag_value(flags, "--gc-stress").and_then(|n| n.parse::<f64>().ok()) {
        m *= 1.0 + 10.0 / n.max(1.0);
    }
    if has_flag(flags, "--gc-verify") {
        m *= 5.0;
    }
    if has_flag(flags, "--debug-alloc") {
        m *= 2.0;
    }
    m
}

fn run_case(shared: &Shared, dir: &Path, case: &Case) -> std::io::Result<()> {
    let script = dir.join("prog.py");
    std::fs::write(&script, &case.source)?;
    let opts = &shared.opts;
    let reference = match &opts.python {
        Some(py) => {
            let r = python_invocation(shared, py, &script).run(dir, CPYTHON_TIMEOUT)?;
            if r.timed_out {
                shared
                    .summary
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .skipped += 1;
                return Ok(());
            }
            Some(r)
        }
        None => None,
    };
    let base = reference
        .as_ref()
        .map_or(CPYTHON_TIMEOUT, |r| r.elapsed.mul_f64(opts.hang_factor));
    let plain_timeout = base.max(opts.hang_floor).mul_f64(opts.slowdown);
    let timeout = plain_timeout
        .mul_f64(stress_multiplier(&case.flags))
        .min(opts.stress_timeout_cap.max(plain_timeout));
    {
        let mut s = shared.summary.lock().unwrap_or_else(|e| e.into_inner());
        s.executed += 1;
        s.generated += u64::from(case.generated);
    }
    let mut result = arenapy_invocation(shared, &case.flags, &script).run(dir, timeout)?;
    let mut case = Cow::Borrowed(case);
    let mut timeout = timeout;
    if result.timed_out {
        // Collector stress and heap checks make some programs (deep structures) quadratic,
        // and the machine may be busy: a hang must also be one without them, given twice the
        // time.
        let plain = without_stress(&case.flags);
        let longer = plain_timeout * 2;
        let second = arenapy_invocation(shared, &plain, &script).run(dir, longer)?;
        if !second.timed_out && classify(&second).is_none() {
            shared
                .summary
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .slow_under_stress += 1;
            return Ok(());
        }
        case.to_mut().flags = plain;
        result = second;
        timeout = longer;
    }
    let case = case.as_ref();
    let crash = classify(&result);
    match crash {
        Some(sig) => record_crash(shared, dir, case, sig, &result, timeout),
        None => {
            if let Some(r) = &reference {
                record_difference(shared, case, &result, r);
            }
            Ok(())
        }
    }
}

/// Records a crash: a new signature is minimized and written out; a known one is counted.
fn record_crash(
    shared: &Shared,
    dir: &Path,
    case: &Case,
    sig: Signature,
    result: &RunResult,
    timeout: Duration,
) -> std::io::Result<()> {
    {
        let mut s = shared.summary.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = s.crashes.get_mut(&sig) {
            known.count += 1;
            return Ok(());
        }
        // Reserve the signature so other workers only count it.
        let mut record = CrashRecord::pending(case, &sig);
        record.known = is_known(&sig, &shared.opts.known);
        s.crashes.insert(sig.clone(), record);
        if is_known(&sig, &shared.opts.known) {
            return Ok(());
        }
    }
    let cand = dir.join("min.py");
    let inv = arenapy_invocation(shared, &case.flags, &cand);
    let max_tests = if sig.class == CrashClass::Hang {
        shared.opts.minimize_tests / 8
    } else {
        shared.opts.minimize_tests
    };
    let lines: Vec<String> = case.source.lines().map(str::to_string).collect();
    let mut last_stderr = result.stderr.clone();
    let minimized = minimize(lines, Budget { max_tests }, |candidate| {
        let mut text = candidate.join("\n");
        text.push('\n');
        if std::fs::write(&cand, text).is_err() {
            return false;
        }
        match inv.run(dir, timeout) {
            Ok(r) if classify(&r).as_ref() == Some(&sig) => {
                last_stderr = r.stderr;
                true
            }
            _ => false,
        }
    });
    let mut text = minimized.join("\n");
    text.push('\n');
    std::fs::write(&cand, text)?;
    let flags = minimize_options(&case.flags, |flags| {
        arenapy_invocation(shared, flags, &cand)
            .run(dir, timeout)
            .is_ok_and(|r| classify(&r).as_ref() == Some(&sig))
    });
    let inv = arenapy_invocation(shared, &flags, &cand);
    let mut s = shared.summary.lock().unwrap_or_else(|e| e.into_inner());
    let record = s.crashes.get_mut(&sig).expect("the signature was reserved");
    record.flags = flags;
    record.finish(&shared.opts.out, case, &minimized, &last_stderr, &inv)
}

fn record_difference(shared: &Shared, case: &Case, a: &RunResult, c: &RunResult) {
    let a = without_stats(a);
    if has_flag(&case.flags, "--max-heap")
        && (a.stderr.contains("MemoryError") || a.stdout.contains("MemoryError"))
    {
        return;
    }
    if has_flag(&case.flags, "--gc-stress") && depends_on_collection_timing(&case.source) {
        return;
    }
    let Some(bucket) = difference(&a, c) else {
        return;
    };
    let mut s = shared.summary.lock().unwrap_or_else(|e| e.into_inner());
    s.diff_programs += 1;
    let out = shared.opts.out.clone();
    let entry = s
        .diffs
        .entry(bucket.clone())
        .or_insert_with(|| DiffBucket::first(&out, &bucket, case, &a, c));
    entry.count += 1;
}

/// `flags` without the collector stress, heap verification, debug allocator and statistics.
fn without_stress(flags: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = flags.iter();
    while let Some(f) = it.next() {
        match f.as_str() {
            "--gc-stress" => {
                it.next();
            }
            "--gc-verify" | "--debug-alloc" | "--stats" => {}
            _ => out.push(f.clone()),
        }
    }
    out
}

/// A run's stderr without the `--stats` report that follows the program's own output.
fn without_stats(r: &RunResult) -> RunResult {
    let mut r = r.clone();
    if let Some(i) = r.stderr.find("arenapy allocator statistics") {
        r.stderr.truncate(i);
    }
    r
}

/// Crash signatures with their records, ordered for reports.
pub type CrashMap = HashMap<Signature, CrashRecord>;
