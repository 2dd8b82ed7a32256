//! CPython 3.11's own regression tests, run under arenapy by `scripts/cpython_tests.py`: the
//! short list of modules that pass completely must keep passing (the full table is the
//! script's default list; see README). Skipped when no CPython 3.11 test package is installed.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_short_list_of_cpython_test_modules_passes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let stdlib = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["--version", "--verbose"])
        .output()
        .expect("arenapy runs");
    let text = String::from_utf8_lossy(&stdlib.stdout).to_string();
    let Some(dir) = text
        .lines()
        .find_map(|l| l.strip_prefix("standard library: "))
        .and_then(|l| l.split(" (found by").next())
        .map(PathBuf::from)
        .filter(|d| d.join("test").join("support").is_dir())
    else {
        eprintln!("no CPython 3.11 test package found ({text}): skipped");
        return;
    };
    let out = Command::new("python3")
        .arg("-S")
        .arg(root.join("scripts/cpython_tests.py"))
        .args([
            "--list",
            "short",
            "--jobs",
            "2",
            "--timeout",
            "600",
            "--verbose",
        ])
        .arg("--arenapy")
        .arg(env!("CARGO_BIN_EXE_arenapy"))
        .env_remove("ARENAPY_ALLOCATOR")
        .output()
        .expect("python3 runs the script");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "CPython tests failed under arenapy (stdlib {}):\n{report}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.trim_end().ends_with(" 0 failed"), "{report}");
}
