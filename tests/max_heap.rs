//! `--max-heap` refuses a large request before touching memory, and an impossible request is
//! an exception, never an abort.
//!
//! Each expression runs in its own `arenapy --max-heap 4M` child (room for the prelude's imports:
//! CPython's `random` imports `os`, about 1.3 MB of live objects), under a shell `ulimit -v`
//! so that a regression that builds the buffer first fails loudly instead of paging gigabytes
//! in. The child measures its own peak resident memory (`VmHWM` of `/proc/self/status`) around
//! the expression and prints how much it grew: building even one of the 100 MB results would
//! show, refusing it up front does not. The exception is then re-raised, so the test also sees
//! how it is reported (the last line of stderr, exit status 1). Nothing here is timed.

#![cfg(target_os = "linux")]

use std::process::{Command, Output};

/// Address-space cap of each child, in KiB: the interpreter reserves about 1 GiB of thread
/// stacks up front; this leaves about 1.5 GiB more, far below what the expressions ask for.
const ADDRESS_SPACE_KIB: u64 = 2_500_000;

/// The heap limit of the refusing runs.
const LIMIT: &str = "4M";

/// How much the peak resident set may grow while an expression is refused, in KiB.
const GROWTH_KIB: i64 = 8 * 1024;

const PRELUDE: &str = "\
import sys, itertools, math, random
def hwm():
    for line in open('/proc/self/status').read().splitlines():
        if line.startswith('VmHWM:'):
            return int(line.split()[1])
before = hwm()
try:
";

const EPILOGUE: &str = "
except BaseException as e:
    print(type(e).__name__, hwm() - before)
    raise
print('no error', hwm() - before)
";

fn run(args: &[&str], statement: &str) -> Output {
    let program = format!("{PRELUDE}    {statement}{EPILOGUE}");
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_arenapy"))
        .args(args)
        .arg("-c")
        .arg(program)
        .output()
        .expect("sh runs arenapy")
}

/// Runs `statement` and checks it raised `exc` (reported as stderr's last line `report`),
/// with the peak resident set grown by less than [`GROWTH_KIB`].
fn check(args: &[&str], statement: &str, exc: &str, report: &str) {
    let out = run(args, statement);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let what = format!("`{statement}` with {args:?}:\nstdout: {stdout}\nstderr: {stderr}");
    let mut words = stdout.split_whitespace();
    assert_eq!(words.next(), Some(exc), "{what}");
    let grown: i64 = words
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no growth figure: {what}"));
    assert!(grown < GROWTH_KIB, "peak RSS grew by {grown} KiB: {what}");
    assert_eq!(stderr.lines().last(), Some(report), "{what}");
    assert_eq!(out.status.code(), Some(1), "{what}");
    assert!(!stderr.contains("panicked"), "{what}");
}

/// Requests the 4 MB limit refuses: each would build 80 MB to 10 GB.
const REFUSED: &[&str] = &[
    // Repetition.
    "[0] * 10**8",
    "[None] * 10**7",
    "(0,) * 10**7",
    "[0, 1] * (sys.maxsize // 2 + 1)",
    "[0] * 2**62",
    "(0,) * 2**62",
    "'x' * 10**9",
    "'x' * 10**8",
    "'x' * sys.maxsize",
    "'ab' * 10**8",
    "b'x' * 10**8",
    "b'x' * sys.maxsize",
    "bytearray(b'x') * 10**8",
    "bytearray(b'ab') * (sys.maxsize // 2 + 1)",
    "x = [0] * 10; x *= 10**7",
    "x = bytearray(10); x *= 10**7",
    // Sized constructors.
    "bytes(10**9)",
    "bytes(10**8)",
    "bytes(2**62)",
    "bytearray(10**10)",
    "bytearray(10**8)",
    "bytearray(2**62)",
    "(0).to_bytes(10**8, 'big')",
    "list(range(10**8))",
    "tuple(range(10**8))",
    "list(range(2**62))",
    "x = []; x.extend(range(10**8))",
    "list(itertools.repeat(0, 10**8))",
    "tuple(itertools.repeat(None, 10**8))",
    "bytes(itertools.repeat(0, 10**8))",
    "sorted(itertools.repeat(0, 10**8))",
    "random.randbytes(10**8)",
    "random.getrandbits(10**9)",
    "random.choices([1], k=10**8)",
    // Concatenation and joining.
    "'a' * 10**4 + 'b' * 10**8",
    "[0] * 10**3 + [1] * 10**7",
    "'-'.join(['a' * 10**4] * 10**4)",
    "b'-'.join([b'a' * 10**4] * 10**4)",
    "''.join(itertools.repeat('', 10**8))",
    "s = 'x' * 10**5; f'{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}'",
    "repr(['x' * 10**5] * 10**3)",
    // Padding and rewriting.
    "' '.ljust(10**8)",
    "' '.rjust(2**62)",
    "'a'.center(10**8)",
    "'1'.zfill(10**8)",
    "'\\t'.expandtabs(10**8)",
    "('a' * 1000).replace('a', 'b' * 10**5)",
    "('a' * 1000).translate({97: 'b' * 10**5})",
    "b' '.ljust(10**8)",
    "b'a'.center(2**62)",
    "b'1'.zfill(10**8)",
    "bytearray(b'1').zfill(10**8)",
    "b'\\t'.expandtabs(10**8)",
    "(b'a' * 1000).replace(b'a', b'b' * 10**5)",
    // Formatting.
    "format(1, '>100000000')",
    "format(1, '>10000000000')",
    "'{:>100000000}'.format(1)",
    "f'{1:>{10**8}}'",
    "'%100000000d' % 1",
    "'%*d' % (10**8, 1)",
    "'%.100000000d' % 1",
    "b'%*d' % (10**8, 1)",
    "format(1.5, '.100000000f')",
    "('%100000d' * 1000) % tuple(range(1000))",
    "('{:100000}' * 1000).format(*range(1000))",
    // Big integers.
    "1 << 10**8",
    "2 ** 10**9",
    "3 ** 10**7",
    "math.factorial(10**7)",
    "math.comb(10**8, 5 * 10**7)",
];

#[test]
fn max_heap_refuses_large_requests_before_touching_memory() {
    for statement in REFUSED {
        check(
            &["--max-heap", LIMIT],
            statement,
            "MemoryError",
            "MemoryError",
        );
    }
}

#[test]
fn impossible_sizes_raise_cpythons_errors() {
    let cases = [
        (
            "bytes(2**63)",
            "OverflowError",
            "OverflowError: cannot fit 'int' into an index-sized integer",
        ),
        (
            "[0] * 2**63",
            "OverflowError",
            "OverflowError: cannot fit 'int' into an index-sized integer",
        ),
        (
            "'ab' * (sys.maxsize // 2 + 1)",
            "OverflowError",
            "OverflowError: repeated string is too long",
        ),
        (
            "b'ab' * (sys.maxsize // 2 + 1)",
            "OverflowError",
            "OverflowError: repeated bytes are too long",
        ),
        (
            "bytes(sys.maxsize)",
            "OverflowError",
            "OverflowError: byte string is too large",
        ),
        (
            "b' '.ljust(sys.maxsize)",
            "OverflowError",
            "OverflowError: byte string is too large",
        ),
        (
            "'\\t'.expandtabs(2**62)",
            "OverflowError",
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            "random.getrandbits(10**11)",
            "OverflowError",
            "OverflowError: Python int too large to convert to C int",
        ),
        (
            "'%.10000000000d' % 1",
            "ValueError",
            "ValueError: precision too big",
        ),
        (
            "format(1.5, '.10000000000f')",
            "ValueError",
            "ValueError: precision too big",
        ),
    ];
    for args in [&["--max-heap", LIMIT][..], &[]] {
        for (statement, exc, report) in cases {
            check(args, statement, exc, report);
        }
    }
}

/// Without a limit, a request the system cannot serve is `MemoryError` too, not an abort
/// (the address-space cap stands in for a machine with less memory).
#[test]
fn unlimited_requests_the_system_refuses_are_memory_errors() {
    for statement in [
        "bytearray(10**10)",
        "bytes(10**10)",
        "'x' * 10**10",
        "[0] * 10**10",
        "(0).to_bytes(10**10, 'big')",
        "format(1, '>10000000000')",
        "'%10000000000d' % 1",
        "list(range(10**10))",
        "' '.ljust(10**10)",
        "'-'.join(['a' * 10**5] * 10**5)",
    ] {
        check(&[], statement, "MemoryError", "MemoryError");
    }
}

#[test]
fn requests_under_the_limit_still_succeed() {
    let out = run(
        &["--max-heap", "64M"],
        "assert len('x' * 10**6) == 10**6 and len([0] * 10**5) == 10**5 and \
         len(bytes(10**6)) == 10**6 and len(' '.ljust(10**6)) == 10**6 and \
         len(format(1, '>1000000')) == 10**6 and len(b'-'.join([b'ab'] * 1000)) == 2999",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("no error"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}
