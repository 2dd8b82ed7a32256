//! The debug wrapper's fatal errors, each provoked in a child process.
//!
//! A violation aborts the process, so each scenario runs in a copy of this test binary started
//! with `--exact <test> ` and `ARENAPY_ALLOC_CHILD=<scenario>`. The child prints the address of
//! the block it corrupts, then commits the error; the parent checks that the child died of
//! SIGABRT and that stderr names the problem, the address and the size.

use std::process::Command;
use std::ptr::NonNull;

use arenapy_allocators::debug::QUARANTINE_BLOCKS;
use arenapy_allocators::{Allocator, AllocatorOptions, StrategyKind};

const CHILD_VAR: &str = "ARENAPY_ALLOC_CHILD";

fn debug_allocator(kind: StrategyKind) -> Allocator {
    Allocator::new(
        kind,
        AllocatorOptions {
            debug: true,
            limit: None,
        },
    )
}

fn announce(p: NonNull<u8>) {
    eprintln!("CHILD_BLOCK={:#x}", p.as_ptr() as usize);
}

/// Run one scenario in this process. Only ever called in a child; should not return.
fn scenario(name: &str) {
    let (what, kind) = name.split_once(':').unwrap_or((name, "pymalloc"));
    let kind: StrategyKind = kind.parse().expect("strategy name");
    let mut a = debug_allocator(kind);
    let p = a.alloc(24).unwrap();
    announce(p);
    // SAFETY: (all arms) every access stays inside the inner block the debug wrapper holds
    // (guards included) or inside quarantined memory not yet given back: the errors are
    // deliberate, but the memory touched is still owned by the allocator.
    unsafe {
        match what {
            "double_free" => {
                a.free(p, 24);
                a.free(p, 24);
            }
            "overrun" => {
                p.as_ptr().add(24 + 2).write(0x41);
                a.free(p, 24);
            }
            "underrun" => {
                p.as_ptr().sub(1).write(0x41);
                a.free(p, 24);
            }
            "write_after_free" => {
                a.free(p, 24);
                p.as_ptr().add(3).write(0x41);
                // Push the block out of quarantine, which checks it.
                for _ in 0..QUARANTINE_BLOCKS {
                    let q = a.alloc(8).unwrap();
                    a.free(q, 8);
                }
            }
            "write_after_free_at_drop" => {
                a.free(p, 24);
                p.as_ptr().add(3).write(0x41);
                drop(a);
            }
            "wrong_size" => a.free(p, 32),
            "unknown_pointer" => a.free(NonNull::new_unchecked(p.as_ptr().add(64)), 24),
            other => panic!("unknown scenario {other}"),
        }
    }
}

/// Run `test` again in a child with `scenario`, and return its stderr after checking it aborted.
fn run_child(test: &str, scenario: &str) -> (String, String) {
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new(exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_VAR, scenario)
        .output()
        .expect("spawn child");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "child {scenario} did not fail: {stderr}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            out.status.signal(),
            Some(libc_sigabrt()),
            "child {scenario} did not abort: {stderr}"
        );
    }
    let block = stderr
        .lines()
        .find_map(|l| l.strip_prefix("CHILD_BLOCK="))
        .unwrap_or_else(|| panic!("child {scenario} printed no block: {stderr}"))
        .to_string();
    (stderr, block)
}

#[cfg(unix)]
fn libc_sigabrt() -> i32 {
    6
}

/// Child side: if this process is a child, run its scenario and never reach the parent side.
fn child_dispatch() {
    if let Ok(name) = std::env::var(CHILD_VAR) {
        scenario(&name);
        eprintln!("scenario {name} returned without a fatal error");
        std::process::exit(0);
    }
}

fn expect(test: &str, scenario: &str, needles: &[&str]) {
    let (stderr, block) = run_child(test, scenario);
    // The message and the hex dump line after it.
    let at = stderr
        .find("arenapy: fatal allocator error: ")
        .unwrap_or_else(|| panic!("no fatal message from {scenario}: {stderr}"));
    let fatal = &stderr[at..];
    assert!(
        fatal.contains(&format!("block {block} ")),
        "address missing: {fatal}"
    );
    for needle in needles {
        assert!(
            fatal.contains(needle),
            "{scenario}: {needle:?} missing from {fatal:?}"
        );
    }
}

#[test]
fn catches_double_free() {
    child_dispatch();
    expect(
        "catches_double_free",
        "double_free",
        &["double free:", "of 24 bytes", "already freed"],
    );
}

#[test]
fn catches_buffer_overrun() {
    child_dispatch();
    expect(
        "catches_buffer_overrun",
        "overrun",
        &[
            "buffer overrun:",
            "of 24 bytes",
            "trailing guard byte 2 is 0x41, expected 0xFD",
        ],
    );
}

#[test]
fn catches_buffer_overrun_on_every_strategy() {
    child_dispatch();
    for kind in StrategyKind::ALL {
        expect(
            "catches_buffer_overrun_on_every_strategy",
            &format!("overrun:{kind}"),
            &[
                "buffer overrun:",
                "of 24 bytes",
                "trailing guard byte 2 is 0x41",
            ],
        );
    }
}

#[test]
fn catches_buffer_underrun() {
    child_dispatch();
    expect(
        "catches_buffer_underrun",
        "underrun",
        &[
            "buffer underrun:",
            "of 24 bytes",
            "leading guard byte 15 is 0x41, expected 0xFD",
        ],
    );
}

#[test]
fn catches_write_after_free() {
    child_dispatch();
    expect(
        "catches_write_after_free",
        "write_after_free",
        &[
            "write after free:",
            "of 24 bytes",
            "byte 3 is 0x41, expected 0xDD",
            "DD DD DD 41 DD",
        ],
    );
}

#[test]
fn catches_write_after_free_at_teardown() {
    child_dispatch();
    expect(
        "catches_write_after_free_at_teardown",
        "write_after_free_at_drop:mimalloc",
        &["write after free:", "byte 3 is 0x41"],
    );
}

#[test]
fn catches_free_with_wrong_size() {
    child_dispatch();
    expect(
        "catches_free_with_wrong_size",
        "wrong_size",
        &["free with wrong size:", "of 24 bytes freed with size 32"],
    );
}

#[test]
fn catches_free_of_unknown_pointer() {
    child_dispatch();
    let (stderr, block) = run_child("catches_free_of_unknown_pointer", "unknown_pointer");
    let bogus = format!(
        "{:#x}",
        usize::from_str_radix(&block[2..], 16).unwrap() + 64
    );
    assert!(
        stderr.contains(&format!(
            "free of unknown pointer: block {bogus} (freed with size 24)"
        )),
        "{stderr}"
    );
}
