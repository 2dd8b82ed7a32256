//! The collector's stress suite: the programs in `tests/gc_stress/` build and drop cycles
//! through instances, closures, bound methods, generators, tracebacks, classes, containers,
//! weak reference callbacks and finalizers (resurrecting ones, collecting ones), deep
//! structures and `gc.freeze`.
//!
//! Each program runs once normally and then under `--gc-stress N --gc-verify --debug-alloc`
//! with every allocator strategy: a full collection every N container allocations (N = 1
//! unless the program's first line says `# stress: N`), the heap's invariants checked around
//! every collection, freed blocks filled with 0xDD. Every run's stdout must equal CPython's
//! (`NAME.out`, recorded with `python3 -S NAME.py`), the exit status must be `NAME.rc`, stderr
//! must hold no "fatal" or "panicked", and teardown must leave zero live blocks.
//!
//! The programs print only what does not depend on *when* a collection happens (events are
//! collected in lists and printed sorted after an explicit `gc.collect()`), so a stress run and
//! a normal run agree.
//!
//! Also here: the soak test (millions of cycles, bounded peak footprint, zero live blocks at
//! the end), `#[ignore]`d, and a bounded version that runs by default.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STRATEGIES: [&str; 5] = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc_stress")
}

fn arenapy(args: &[&str], script: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(args)
        .arg(script)
        .current_dir(suite_dir())
        .env_remove("ARENAPY_GC_STRESS")
        .env_remove("ARENAPY_GC_VERIFY")
        .env_remove("ARENAPY_ALLOCATOR")
        .output()
        .expect("arenapy runs")
}

/// The stress interval a program asks for on its first line (`# stress: N`), else 1.
fn stress_interval(source: &str) -> u64 {
    source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# stress:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(1)
}

/// A `--stats` line's number, e.g. "live blocks after teardown".
fn stat(stderr: &str, name: &str) -> Option<u64> {
    stderr
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l[name.len()..].trim().parse().ok())
}

fn check_run(args: &[&str], script: &Path, expected_out: &str, expected_rc: i32) {
    let mut all = args.to_vec();
    all.push("--stats");
    let out = arenapy(&all, script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = script.file_name().unwrap().to_string_lossy();
    assert_eq!(
        stdout, expected_out,
        "stdout of {name} with {args:?}; stderr:\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(expected_rc),
        "exit status of {name} with {args:?}; stderr:\n{stderr}"
    );
    assert!(
        !stderr.contains("fatal") && !stderr.contains("panicked"),
        "{name} with {args:?}:\n{stderr}"
    );
    assert_eq!(
        stat(&stderr, "live blocks after teardown"),
        Some(0),
        "{name} with {args:?} leaked:\n{stderr}"
    );
}

/// Runs one program normally and then stressed under every strategy.
fn check_program(name: &str) {
    let script = suite_dir().join(format!("{name}.py"));
    let source = std::fs::read_to_string(&script).expect("program exists");
    let expected_out = std::fs::read_to_string(script.with_extension("out")).unwrap();
    let expected_rc: i32 = std::fs::read_to_string(script.with_extension("rc"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    check_run(&[], &script, &expected_out, expected_rc);
    let n = stress_interval(&source).to_string();
    for s in STRATEGIES {
        let args = [
            "--allocator",
            s,
            "--gc-stress",
            &n,
            "--gc-verify",
            "--debug-alloc",
        ];
        check_run(&args, &script, &expected_out, expected_rc);
    }
}

macro_rules! stress_programs {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_program(stringify!($name));
            }
        )*

        /// Every program in the folder has a test above.
        #[test]
        fn every_program_is_listed() {
            let listed = [$(stringify!($name)),*];
            for e in std::fs::read_dir(suite_dir()).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "py") {
                    let stem = p.file_stem().unwrap().to_string_lossy().to_string();
                    assert!(listed.contains(&stem.as_str()), "{stem}.py has no test");
                }
            }
        }
    };
}

stress_programs!(
    cycles,
    generators,
    tracebacks,
    weakref_callbacks,
    method_cache,
    del_resurrect,
    deep,
    freeze,
    mixed,
    dealloc_collect,
    gc_callbacks,
    core_natives,
    trashcan_weakrefs,
    inline_values,
    inline_values_overflow,
);

#[test]
fn environment_variables_turn_stress_and_verify_on() {
    let script = suite_dir().join("cycles.py");
    let expected_out = std::fs::read_to_string(script.with_extension("out")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg("-c")
        .arg("import gc\nprint(gc._collections_total() > 50)")
        .env("ARENAPY_GC_STRESS", "1")
        .env("ARENAPY_GC_VERIFY", "1")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "True\n");
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg(&script)
        .env("ARENAPY_GC_STRESS", "7")
        .env("ARENAPY_GC_VERIFY", "true")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected_out);
    assert!(out.status.success());
}

/// Parses the peak footprint the soak program prints (`peak footprint N`) and the `--stats`
/// lines, and checks them.
fn soak(cycles: u64, allocator: &str) {
    let script = suite_dir().join("soak").join("cycles_loop.py");
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["--allocator", allocator, "--stats"])
        .arg(&script)
        .arg(cycles.to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    // The program itself checks that allocated blocks stay bounded while it runs.
    assert!(stdout.contains("bounded True"), "{stdout}\n{stderr}");
    assert_eq!(
        stat(&stderr, "live blocks after teardown"),
        Some(0),
        "{stderr}"
    );
    assert_eq!(
        stat(&stderr, "live bytes after teardown"),
        Some(0),
        "{stderr}"
    );
    // Peak footprint stays far below what keeping every cycle would take (each two-instance
    // cycle holds at least 2 * 64 bytes plus two instance dicts).
    let peak = stat(&stderr, "peak footprint").expect("--stats prints the peak footprint");
    assert!(
        peak < 64 << 20,
        "peak footprint {peak} bytes for {cycles} cycles:\n{stdout}\n{stderr}"
    );
}

/// A few seconds: 100,000 two-instance cycles.
#[test]
fn soak_bounded() {
    soak(100_000, "pymalloc");
}

/// Millions of cycles under every strategy but bump (which never reuses memory). Minutes in a
/// debug build: `cargo test --release --test gc_stress -- --ignored`.
#[test]
#[ignore]
fn soak_millions() {
    for s in ["pymalloc", "system", "mimalloc", "typed-arena"] {
        soak(2_000_000, s);
    }
}
