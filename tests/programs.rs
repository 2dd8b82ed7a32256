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
    programs_in(&programs_dir())
}

fn programs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/programs exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    v.sort();
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
    let programs = programs();
    assert!(
        programs.len() >= 5,
        "expected the test programs, found {programs:?}"
    );
    for script in programs {
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

/// The programs of `tests/programs/large/` build code objects or data big enough that one
/// run is what they are worth (70,000 names in one code object take seconds in a debug
/// build): they run once, with the default strategy.
#[test]
fn large_programs_match_cpython() {
    let large = programs_in(&programs_dir().join("large"));
    assert!(
        large.len() >= 2,
        "expected the large programs, found {large:?}"
    );
    for script in large {
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
