//! A short, deterministic fuzzing run in `cargo test`: a fixed seed and a fixed number of
//! programs (not a time limit, so every run tries the same programs), under this build's
//! arenapy. Any crash fails the test and prints the minimized programs, except crashes that an
//! open regression (`tests/fuzz_regressions`, `# status: open`) already records. Output differences
//! from CPython are only listed: many are known missing features. Without `python3` the crash
//! check still runs, with fixed timeouts.
//!
//! The long campaign is `cargo run --release -p arenapy-fuzz -- --time 3600` (README, "Fuzzing").

use arenapy_fuzz::regressions::open_families;
use arenapy_fuzz::{run, Options};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Programs tried: about 40 s on two idle cores with a debug build.
const PROGRAMS: u64 = 48;
const SEED: u64 = 20240611;

#[test]
fn a_short_fuzzing_run_finds_no_crash() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-smoke");
    let _ = std::fs::remove_dir_all(&out);
    let mut opts = Options::new(PathBuf::from(env!("CARGO_BIN_EXE_arenapy")), out);
    opts.seed = SEED;
    opts.programs = Some(PROGRAMS);
    opts.jobs = 2;
    // The standard library differs from machine to machine: the project's programs only.
    opts.stdlib = false;
    // A debug build is several times slower than CPython.
    opts.slowdown = 5.0;
    opts.stress_timeout_cap = Duration::from_secs(8);
    opts.minimize_tests = 80;
    opts.progress = false;
    opts.known =
        open_families(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions"));
    let summary = run(opts).expect("the fuzzer runs");
    println!("{summary}");
    assert_eq!(summary.executed + summary.skipped, PROGRAMS);
    let crashes: Vec<String> = summary
        .new_crashes()
        .iter()
        .map(|c| {
            let program = c
                .file
                .as_ref()
                .and_then(|f| std::fs::read_to_string(f).ok())
                .unwrap_or_default();
            format!(
                "{} ({}x)\n$ {}\n{program}\n{}",
                c.signature, c.count, c.command, c.stderr_tail
            )
        })
        .collect();
    assert!(
        crashes.is_empty(),
        "the fuzzer found crashes:\n\n{}",
        crashes.join("\n\n")
    );
}
