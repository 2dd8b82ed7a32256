//! Runs the Python programs in `tests/programs/` with the `arenapy` binary under every allocator
//! strategy (and under the debug allocator) and compares stdout and the exit status with what
//! CPython 3.11 gives (`NAME.out`, `NAME.rc`, recorded with `python3 -S NAME.py`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STRATEGIES: [&str; 5] = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"];

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

fn run(args: &[&str], script: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(args)
        .arg(script)
        .current_dir(programs_dir())
        .output()
        .expect("arenapy runs")
}

fn programs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(programs_dir())
        .expect("tests/programs exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "expected the test programs, found {v:?}");
    v
}

fn check(args: &[&str], script: &Path) {
    let out = run(args, script);
    let expected_out = std::fs::read_to_string(script.with_extension("out")).unwrap();
    let expected_rc: i32 = std::fs::read_to_string(script.with_extension("rc"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected_out,
        "stdout of {} with {:?}; stderr:\n{}",
        script.display(),
        args,
        stderr
    );
    assert_eq!(
        out.status.code(),
        Some(expected_rc),
        "exit status of {} with {:?}; stderr:\n{}",
        script.display(),
        args,
        stderr
    );
    assert!(
        !stderr.contains("panicked"),
        "panic in {}: {stderr}",
        script.display()
    );
}

#[test]
fn programs_match_cpython_under_every_strategy() {
    for script in programs() {
        for s in STRATEGIES {
            check(&["--allocator", s], &script);
        }
    }
}

#[test]
fn programs_match_cpython_under_the_debug_allocator() {
    for script in programs() {
        for s in STRATEGIES {
            check(&["--allocator", s, "--debug-alloc"], &script);
        }
    }
}

/// Class-level access to builtin types' data attributes (`'errno' in OSError.__dict__`,
/// `OSError.errno.__get__(e)`, `dir(OSError)`, a data attribute shadowing a subclass instance's
/// `__dict__`): the programs in `tests/programs_pending/` need each static type's own `__dict__`
/// with its getset entries (type readiness), which is not in yet.
#[test]
#[ignore = "needs static types' __dict__ built from their getset tables"]
fn class_level_attributes_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs_pending");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/programs_pending exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    scripts.sort();
    for script in scripts {
        check(&[], &script);
    }
}

#[test]
fn uncaught_exception_prints_a_cpython_traceback() {
    let out = run(&[], Path::new("uncaught.py"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = [
        "Traceback (most recent call last):",
        "  File \"uncaught.py\", line 10, in <module>",
        "    outer()",
        "  File \"uncaught.py\", line 6, in outer",
        "    return divide(1, 0)",
        "  File \"uncaught.py\", line 2, in divide",
        "    return a / b",
        "ZeroDivisionError: division by zero",
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines, expected, "stderr was:\n{stderr}");
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let out = run(&[], Path::new("recursion.py"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr
            .trim_end()
            .ends_with("RecursionError: maximum recursion depth exceeded"),
        "{stderr}"
    );
}

#[test]
fn stats_report_each_strategy() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/primes_and_fib.py");
    for s in STRATEGIES {
        let out = run(&["--allocator", s, "--stats"], &script);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("arenapy allocator statistics ({s})")),
            "{stderr}"
        );
        assert!(
            stderr.contains("live blocks after teardown        0"),
            "{s}: {stderr}"
        );
    }
    let out = run(&["--stats"], &script);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("arenas"),
        "pymalloc's report names its arenas: {stderr}"
    );
}

#[test]
fn command_line_errors() {
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["--allocator", "nope", "x.py"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("valid: pymalloc, system, mimalloc, bump, typed-arena"),
        "{stderr}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg("does-not-exist.py")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("can't open file"));

    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["-c", "print(6 * 7)"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");

    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .env("ARENAPY_ALLOCATOR", "bump")
        .args(["--stats", "-c", "x = 1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("statistics (bump)"));
}

#[test]
fn syntax_errors_exit_1_with_a_caret() {
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["-c", "x = (1,"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("SyntaxError: '(' was never closed"),
        "{stderr}"
    );
    assert!(stderr.contains('^'), "{stderr}");
}
