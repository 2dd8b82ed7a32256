//! The interpreter at its limits: programs in `tests/limits/` that recurse past the native
//! stack, build data deeper than it, nest iterators without end, and similar inputs where the
//! promise is "a Python exception, never a crash or a hang".
//!
//! A program's first line may give extra command-line options (`# args: --stack-size 2M`).
//! Each runs once as is and once under `--debug-alloc --allocator system`; stdout must equal
//! `NAME.out` and the exit status `NAME.rc`, the process must not end by a signal, and stderr
//! must hold no "panicked", "fatal" or "overflowed".
//!
//! The expected outputs of the stack programs are arenapy's own (CPython 3.11 itself crashes on
//! most of them with its recursion limit raised that far): every line names the exception the
//! recursion ended with, which is what is being checked.

use std::path::{Path, PathBuf};
use std::process::Command;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limits")
}

/// The options a program asks for on its first line (`# args: ...`).
fn extra_args(source: &str) -> Vec<String> {
    source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# args:"))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

fn run_program(name: &str) {
    let script = suite_dir().join(format!("{name}.py"));
    let source = std::fs::read_to_string(&script).expect("program exists");
    let expected_out = std::fs::read_to_string(script.with_extension("out")).expect(".out");
    let expected_rc: i32 = std::fs::read_to_string(script.with_extension("rc"))
        .expect(".rc")
        .trim()
        .parse()
        .expect(".rc holds a number");
    for variant in [&[][..], &["--debug-alloc", "--allocator", "system"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
            .args(extra_args(&source))
            .args(variant)
            .arg(&script)
            .current_dir(suite_dir())
            .env_remove("ARENAPY_GC_STRESS")
            .env_remove("ARENAPY_ALLOCATOR")
            .env_remove("ARENAPY_STACK_SIZE")
            .output()
            .expect("arenapy runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let what = format!("{name} {variant:?}");
        assert!(
            out.status.code().is_some(),
            "{what}: ended by a signal ({:?})\n{stderr}",
            out.status
        );
        for bad in ["panicked", "fatal", "overflowed"] {
            assert!(
                !stderr.contains(bad),
                "{what}: stderr says {bad:?}\n{stderr}"
            );
        }
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected_out, "{what}");
        assert_eq!(out.status.code(), Some(expected_rc), "{what}\n{stderr}");
    }
}

macro_rules! limit_programs {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run_program(stringify!($name));
            }
        )*
    };
}

limit_programs!(stack_exhaustion, deep_data, recursion_limit_above_stack);

#[test]
fn a_stack_size_below_the_minimum_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["--stack-size", "64k", "-c", "pass"])
        .output()
        .expect("arenapy runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 1M"));
}

/// Runs `code` with standard output on `/dev/full`, `PYTHONUNBUFFERED` as given.
fn run_to_full_device(code: &str, unbuffered: bool) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_arenapy"));
    cmd.args(["-c", code])
        .stdout(std::fs::File::create("/dev/full").expect("/dev/full opens"))
        .env_remove("PYTHONUNBUFFERED");
    if unbuffered {
        cmd.env("PYTHONUNBUFFERED", "1");
    }
    cmd.output().expect("arenapy runs")
}

#[test]
fn output_that_cannot_be_flushed_at_exit_is_reported_with_status_120() {
    let out = run_to_full_device("print('hi')", false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(120), "{stderr}");
    assert_eq!(
        stderr,
        "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n\
         OSError: [Errno 28] No space left on device\n"
    );
}

#[test]
fn unbuffered_output_fails_at_the_print() {
    let out = run_to_full_device("print('hi')", true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("OSError: [Errno 28] No space left on device\n"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_is_a_broken_pipe_error() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["-c", "i = 0\nwhile True:\n    print(i)\n    i += 1\n"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("arenapy runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut first)
        .expect("a line arrives");
    assert_eq!(first, "0\n");
    // The reader is dropped here: the pipe closes, as `| head -1` closes it.
    let out = child.wait_with_output().expect("arenapy ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.ends_with("BrokenPipeError: [Errno 32] Broken pipe\n"),
        "{stderr}"
    );
}
