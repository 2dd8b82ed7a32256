//! Helpers the tool tests share: the repository root, a scratch folder per test, and running
//! this build's `arenapy` from the root without the environment's allocator settings.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An empty folder `target/GROUP/NAME` (emptied if it exists).
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let d = root().join("target").join(group).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `arenapy ARGS` from the root.
pub fn arenapy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(args)
        .current_dir(root())
        .env_remove("ARENAPY_ALLOCATOR")
        .env_remove("ARENAPY_MAX_HEAP")
        .output()
        .expect("arenapy runs")
}

/// Bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}
