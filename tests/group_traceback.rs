//! The uncaught-exception report of an exception group: CPython 3.11's boxed layout
//! (`+-+---------------- 1 ----------------`), recorded from `python3 -S` in
//! `tests/programs/uncaught_group.err` (paths made relative).

use std::path::Path;
use std::process::Command;

#[test]
fn exception_group_traceback_matches_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg("uncaught_group.py")
        .current_dir(&dir)
        .output()
        .expect("arenapy runs");
    let expected = std::fs::read_to_string(dir.join("uncaught_group.err")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
    assert_eq!(out.status.code(), Some(1));
}
