//! Runs `scripts/api_surface.py` with the `arenapy` binary against the names recorded from
//! CPython 3.11 (`tests/api_surface/cpython311.txt`) and fails when arenapy lacks a name that
//! `tests/api_surface/missing.txt` does not list as known-missing (an API surface regression).
//! Works from the recorded data alone: CPython is only needed to record it again.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn api_surface_has_no_regressions() {
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args([
            "scripts/api_surface.py",
            "--expected",
            "tests/api_surface/cpython311.txt",
            "--check",
            "tests/api_surface/missing.txt",
        ])
        .current_dir(root())
        .env_remove("ARENAPY_ALLOCATOR")
        .output()
        .expect("arenapy runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The verdict comes last in the output; show it first.
    let verdict = stdout.find("REGRESSION").map_or("", |at| &stdout[at..]);
    assert!(
        out.status.success(),
        "scripts/api_surface.py exited with {:?}\n{verdict}\n(if the loss is meant, record it with \
         `target/debug/arenapy scripts/api_surface.py --update-missing tests/api_surface/missing.txt`)\n\
         full stdout:\n{stdout}\nstderr:\n{stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let last = stdout.lines().last().unwrap_or("");
    assert!(
        last.starts_with("missing ") && last.contains(" of "),
        "the script did not finish with its summary line:\n{stdout}\nstderr:\n{stderr}"
    );
}
