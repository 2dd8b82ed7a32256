//! Crashes the fuzzer found, minimized (`tests/fuzz_regressions/*.py`), run under arenapy with
//! the options they crashed with: none may crash again.
//!
//! Each file starts with the header the fuzzer writes (`# fuzz crash: SIGNATURE`,
//! `# flags: OPTIONS`). A file with a `# status: open` line is a crash not fixed yet: it runs
//! and its state is printed, but it does not fail the test; delete the line with the fix.

use arenapy_fuzz::classify;
use arenapy_fuzz::exec::Invocation;
use arenapy_fuzz::regressions::load;
use std::path::Path;
use std::time::Duration;

#[test]
fn fuzz_regressions_do_not_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut failures = Vec::new();
    for r in load(&dir) {
        let mut args = r.flags.clone();
        args.push(r.path.display().to_string());
        let inv = Invocation {
            program: env!("CARGO_BIN_EXE_arenapy").into(),
            args,
            env: vec![],
            env_remove: [
                "ARENAPY_ALLOCATOR",
                "ARENAPY_GC_STRESS",
                "ARENAPY_GC_VERIFY",
            ]
            .map(String::from)
            .to_vec(),
        };
        let run = inv
            .run(&dir, Duration::from_secs(20))
            .expect("arenapy runs");
        let name = r.path.file_name().unwrap().to_string_lossy().into_owned();
        match (classify(&run), r.open) {
            (Some(sig), true) => println!("{name}: still crashes (open): {sig}"),
            (None, true) => println!("{name}: no longer crashes: remove its `# status: open`"),
            (Some(sig), false) => failures.push(format!(
                "{name}: {sig}\n$ {}\n{}",
                inv.shell_line(),
                run.stderr
            )),
            (None, false) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
