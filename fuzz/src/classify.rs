//! Deciding whether an arenapy run crashed, and naming the crash.
//!
//! A crash is anything a Python program must never cause, whatever CPython does with it: a
//! signal, an abort, a Rust panic, a fatal heap-verification or allocator error, an "internal
//! error", blocks left live after teardown (with `--stats`), or a hang. Each crash gets a
//! *signature* — its class plus the detail that tells one bug from another (a panic's source
//! location, the verifier's complaint) with addresses and numbers removed — so minimization can
//! keep "the same crash" and reports can count duplicates.

use crate::exec::RunResult;
use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

/// The kinds of crash, from the most specific evidence to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CrashClass {
    /// A Rust panic (exit 101 or "panicked at").
    Panic,
    /// The Rust runtime's stack-overflow abort.
    StackOverflow,
    /// `--gc-verify` found a broken heap invariant.
    HeapVerify,
    /// The debug allocator caught a double free, overrun or write after free.
    AllocatorError,
    /// Another fatal error printed by arenapy.
    FatalError,
    /// Rust could not get memory and aborted (CPython raises `MemoryError` instead).
    OutOfMemoryAbort,
    /// An abort (SIGABRT, exit 134) with none of the messages above.
    Abort,
    /// Killed by another signal (SIGSEGV, SIGBUS, SIGILL, ...).
    Signal,
    /// An "internal error" message on stderr.
    InternalError,
    /// Live blocks after teardown (`--stats`).
    TeardownLeak,
    /// Still running at the timeout.
    Hang,
}

impl CrashClass {
    /// Short lowercase name used in reports and file names.
    pub fn name(self) -> &'static str {
        match self {
            CrashClass::Panic => "panic",
            CrashClass::StackOverflow => "stack-overflow",
            CrashClass::HeapVerify => "heap-verify",
            CrashClass::AllocatorError => "allocator-error",
            CrashClass::FatalError => "fatal-error",
            CrashClass::OutOfMemoryAbort => "oom-abort",
            CrashClass::Abort => "abort",
            CrashClass::Signal => "signal",
            CrashClass::InternalError => "internal-error",
            CrashClass::TeardownLeak => "teardown-leak",
            CrashClass::Hang => "hang",
        }
    }
}

/// A crash's class and the detail that identifies the bug.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Signature {
    /// What kind of crash.
    pub class: CrashClass,
    /// Normalized detail (panic location, verifier message, signal number), maybe empty.
    pub detail: String,
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail.is_empty() {
            f.write_str(self.class.name())
        } else {
            write!(f, "{}: {}", self.class.name(), self.detail)
        }
    }
}

const SIGABRT: i32 = 6;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// Numbers and addresses out of a message, so two runs of one bug agree.
pub fn normalize_detail(text: &str) -> String {
    static HEX: OnceLock<Regex> = OnceLock::new();
    static NUM: OnceLock<Regex> = OnceLock::new();
    let t = regex(&HEX, r"0x[0-9a-fA-F]+").replace_all(text, "0x?");
    let t = regex(&NUM, r"\d+").replace_all(&t, "N");
    let t = t.trim();
    t.chars().take(160).collect()
}

/// The crash a run shows, if any. `hang` says the run timed out past the hang threshold.
pub fn classify(run: &RunResult) -> Option<Signature> {
    let err = &run.stderr;
    let sig = |class, detail: String| Some(Signature { class, detail });
    if run.timed_out {
        return sig(CrashClass::Hang, String::new());
    }
    if let Some(loc) = panic_location(err) {
        return sig(CrashClass::Panic, loc);
    }
    if run.code == Some(101) {
        return sig(CrashClass::Panic, String::new());
    }
    if err.contains("has overflowed its stack") {
        return sig(CrashClass::StackOverflow, String::new());
    }
    if let Some(line) = line_after(err, "arenapy: fatal heap verification error") {
        return sig(CrashClass::HeapVerify, verify_detail(line));
    }
    if let Some(line) = line_after(err, "arenapy: fatal allocator error: ") {
        let what = line.split(':').next().unwrap_or(line);
        return sig(CrashClass::AllocatorError, normalize_detail(what));
    }
    if let Some(line) = line_after(err, "arenapy: fatal error: ") {
        return sig(CrashClass::FatalError, normalize_detail(line));
    }
    if err.contains("memory allocation of ") {
        return sig(CrashClass::OutOfMemoryAbort, String::new());
    }
    if run.signal == Some(SIGABRT) || run.code == Some(134) {
        return sig(CrashClass::Abort, String::new());
    }
    if let Some(s) = run.signal {
        return sig(
            CrashClass::Signal,
            format!("signal {s} ({})", signal_name(s)),
        );
    }
    if run.code.is_some_and(|c| c > 128) {
        let s = run.code.unwrap_or(0) - 128;
        return sig(
            CrashClass::Signal,
            format!("signal {s} ({})", signal_name(s)),
        );
    }
    if let Some(line) = err
        .lines()
        .find(|l| l.to_ascii_lowercase().contains("internal error"))
    {
        return sig(CrashClass::InternalError, normalize_detail(line));
    }
    if let Some(n) = teardown_live_blocks(err) {
        if n > 0 {
            return sig(CrashClass::TeardownLeak, String::new());
        }
    }
    None
}

/// `SRC:LINE` of the first "panicked at SRC:LINE:COL".
fn panic_location(stderr: &str) -> Option<String> {
    static PANIC: OnceLock<Regex> = OnceLock::new();
    let re = regex(&PANIC, r"panicked at ([^:\s]+):(\d+)");
    re.captures(stderr).map(|c| format!("{}:{}", &c[1], &c[2]))
}

/// The rest of the first line that starts with `prefix` (after the prefix).
fn line_after<'a>(stderr: &'a str, prefix: &str) -> Option<&'a str> {
    stderr
        .lines()
        .find_map(|l| l.find(prefix).map(|i| &l[i + prefix.len()..]))
}

/// The verifier's complaint without the object's address or counts: "(when): what: type".
fn verify_detail(rest: &str) -> String {
    let cut = rest.find(" object at ").or_else(|| rest.find(" at 0x"));
    let head = cut.map_or(rest, |i| &rest[..i]);
    normalize_detail(head)
}

/// "live blocks after teardown N" from `--stats`.
pub fn teardown_live_blocks(stderr: &str) -> Option<u64> {
    let line = line_after(stderr, "live blocks after teardown")?;
    line.trim().parse().ok()
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        _ => "signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn run(code: Option<i32>, signal: Option<i32>, stderr: &str) -> RunResult {
        RunResult {
            code,
            signal,
            stdout: String::new(),
            stderr: stderr.into(),
            elapsed: Duration::ZERO,
            timed_out: false,
        }
    }

    #[test]
    fn a_clean_exit_or_a_python_error_is_no_crash() {
        assert_eq!(classify(&run(Some(0), None, "")), None);
        let tb = "Traceback (most recent call last):\nValueError: x\n";
        assert_eq!(classify(&run(Some(1), None, tb)), None);
    }

    #[test]
    fn panics_are_told_apart_by_location() {
        let err =
            "thread 'main' panicked at src/objects/format.rs:120:9:\nindex 70000 out of range\n";
        let s = classify(&run(Some(101), None, err)).unwrap();
        assert_eq!(s.class, CrashClass::Panic);
        assert_eq!(s.detail, "src/objects/format.rs:120");
    }

    #[test]
    fn verifier_messages_lose_their_addresses() {
        let err = "arenapy: fatal heap verification error (after collection): refcount below \
                   references: dict object at 0x7f00 (refcount 1)\n";
        let s = classify(&run(None, Some(6), err)).unwrap();
        assert_eq!(s.class, CrashClass::HeapVerify);
        assert_eq!(
            s.detail,
            "(after collection): refcount below references: dict"
        );
    }

    #[test]
    fn signals_and_stack_overflows() {
        let s = classify(&run(None, Some(11), "")).unwrap();
        assert_eq!(s.to_string(), "signal: signal 11 (SIGSEGV)");
        let err = "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n";
        let s = classify(&run(None, Some(6), err)).unwrap();
        assert_eq!(s.class, CrashClass::StackOverflow);
    }

    #[test]
    fn teardown_leaks_need_live_blocks() {
        let ok = "live blocks after teardown        0\n";
        assert_eq!(classify(&run(Some(0), None, ok)), None);
        let bad = "live blocks after teardown        3\n";
        assert_eq!(
            classify(&run(Some(0), None, bad)).unwrap().class,
            CrashClass::TeardownLeak
        );
    }
}
