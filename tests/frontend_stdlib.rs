//! The standard-library verdict check (issue 4's measure), as an ignored test: it compiles
//! ~1800 files, too slow for every `cargo test`. Run it with
//! `cargo test --release --test frontend_stdlib -- --ignored`; it is skipped (passes) when
//! python3 or its standard library is missing. The same figure comes from
//! `python3 scripts/stdlib_verdicts.py`.

use std::process::Command;

#[test]
#[ignore = "compiles the whole CPython standard library; run with --ignored"]
fn stdlib_verdicts_agree_with_cpython() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/stdlib_verdicts.py");
    let out = Command::new("python3")
        .args([
            script,
            "--arenapy",
            env!("CARGO_BIN_EXE_arenapy"),
            "--min",
            "99.5",
        ])
        .output();
    let Ok(out) = out else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{text}");
    if text.contains("no .py files") {
        return;
    }
    assert!(out.status.success(), "below 99.5%:\n{text}");
}
