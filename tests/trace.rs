//! `arenapy trace record/replay/stats` end to end through the binary: a recorded trace agrees
//! with the allocator's own statistics, is the same under every strategy, replays to the
//! recorded peak under every strategy (with the debug allocator too), and a damaged trace is
//! a clear error naming the byte offset.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod support;
use support::{arenapy, text};

fn scratch(name: &str) -> PathBuf {
    support::scratch("trace-tests", name)
}

/// A program with containers, cycles (so collections happen), strings, a growing list.
const PROGRAM: &str = "\
import gc
class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt
        self.me = self
def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head
total = 0
grow = []
for r in range(12):
    h = build(800)
    words = [str(i) * 3 for i in range(300)]
    grow.extend(words)
    total += len({w: len(w) for w in words})
    del h
    gc.collect(r % 3)
print(total, len(grow))
";

fn write_program(dir: &Path) -> String {
    let p = dir.join("prog.py");
    std::fs::write(&p, PROGRAM).unwrap();
    p.to_str().unwrap().to_string()
}

fn record(dir: &Path, name: &str, extra: &[&str], script: &str) -> (PathBuf, String) {
    let trace = dir.join(name);
    let mut args = vec!["trace", "record"];
    args.extend_from_slice(extra);
    args.push(trace.to_str().unwrap());
    args.push(script);
    let out = arenapy(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "3600 3600\n");
    (trace, text(&out.stderr))
}

fn stats_json(trace: &Path) -> Value {
    let out = arenapy(&["trace", "stats", "--json", trace.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The `--stats` figure named `label` (after teardown).
fn stat(stderr: &str, label: &str) -> u64 {
    stderr
        .lines()
        .find(|l| l.starts_with(label))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {label} in {stderr}"))
}

#[test]
fn a_trace_agrees_with_the_allocators_statistics() {
    let dir = scratch("agree");
    let script = write_program(&dir);
    let (trace, err) = record(
        &dir,
        "t.trace",
        &["--allocator", "system", "--stats"],
        &script,
    );
    assert!(err.contains("bytes/event"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let st = stats_json(&trace);
    // The allocator's own statistics of the same run: a realloc counts as one allocation and
    // one free there.
    let allocs = st["allocations"].as_u64().unwrap();
    let reallocs = st["reallocs"].as_u64().unwrap();
    assert_eq!(allocs + reallocs, stat(&err, "allocations"));
    assert_eq!(
        st["frees"].as_u64().unwrap() + reallocs,
        stat(&err, "frees")
    );
    assert_eq!(
        st["peak_live_bytes"].as_u64().unwrap(),
        stat(&err, "peak live bytes")
    );
    // Teardown frees everything, and the trace saw it.
    assert_eq!(st["end_live_bytes"], 0);
    assert_eq!(st["end_live_blocks"], 0);
    // Collections: the program's 12 plus teardown's.
    let collections: u64 = st["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(collections >= 12, "{st}");
    assert!(st["bytes_per_event"].as_f64().unwrap() <= 4.0, "{st}");
}

#[test]
fn the_trace_is_the_same_under_every_strategy() {
    let dir = scratch("same");
    let script = write_program(&dir);
    // Strategy names of one length, so the command line (`sys.orig_argv`) is the same size.
    let (a, _) = record(&dir, "a.trace", &["--allocator", "pymalloc"], &script);
    let (b, _) = record(&dir, "b.trace", &["--allocator", "mimalloc"], &script);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn replay_reproduces_the_peak_under_every_strategy_and_the_debug_allocator() {
    let dir = scratch("replay");
    let script = write_program(&dir);
    let (trace, _) = record(&dir, "t.trace", &[], &script);
    let peak = stats_json(&trace)["peak_live_bytes"].as_u64().unwrap();
    for debug in [false, true] {
        let html = dir.join("r.html");
        let mut args = vec!["trace", "replay", "--json", "--repeat", "2"];
        if debug {
            args.push("--debug-alloc");
        }
        args.extend_from_slice(&["--html", html.to_str().unwrap(), trace.to_str().unwrap()]);
        let out = arenapy(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let r: Value = serde_json::from_slice(&out.stdout).unwrap();
        let strategies = r["strategies"].as_array().unwrap();
        assert_eq!(strategies.len(), 5);
        for s in strategies {
            assert_eq!(s["peak_live_bytes"].as_u64(), Some(peak), "{s}");
            assert_eq!(s["runs_ns_per_event"].as_array().unwrap().len(), 2);
            assert!(s["ns_per_event"].as_f64().unwrap() > 0.0);
            assert!(!s["samples"].as_array().unwrap().is_empty());
            let pymalloc = s["strategy"] == "pymalloc";
            assert_eq!(s["arenas_allocated"].is_u64(), pymalloc, "{s}");
        }
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("<table id=\"results\">"));
        assert_eq!(page.matches("<svg").count(), 2);
        assert_eq!(page.matches("<tr><td>").count(), 5);
    }
    let out = arenapy(&[
        "trace",
        "replay",
        "--allocators",
        "bump,system",
        trace.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("bump") && table.contains("system") && !table.contains("mimalloc"));
}

#[test]
fn sites_name_python_lines() {
    let dir = scratch("sites");
    let script = write_program(&dir);
    let (trace, _) = record(&dir, "t.trace", &["--frames"], &script);
    let out = arenapy(&["trace", "stats", "--top", "3", trace.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("top 3 sites by bytes"), "{s}");
    assert!(s.contains("build (") && s.contains("prog.py:10)"), "{s}");
    let st = stats_json(&trace);
    let sites = st["sites"].as_array().unwrap();
    let counted: u64 = sites.iter().map(|s| s[2].as_u64().unwrap()).sum();
    assert_eq!(counted, st["allocations"].as_u64().unwrap());
    assert!(sites.iter().any(|s| s[0] == "[interpreter]"), "{st}");
}

#[test]
fn both_recording_paths_agree_with_the_allocators_statistics() {
    // Without sites the heap logs events for the recorder's writing thread; with sites each
    // is written as it happens. Each trace holds exactly the allocator's own events.
    let dir = scratch("paths");
    let script = write_program(&dir);
    for (name, extra) in [("plain.trace", &[][..]), ("sited.trace", &["--frames"][..])] {
        let mut args = vec!["--allocator", "typed-arena", "--stats"];
        args.extend_from_slice(extra);
        let (trace, err) = record(&dir, name, &args, &script);
        let st = stats_json(&trace);
        let reallocs = st["reallocs"].as_u64().unwrap();
        assert_eq!(
            st["allocations"].as_u64().unwrap() + reallocs,
            stat(&err, "allocations"),
            "{name}"
        );
        assert_eq!(
            st["frees"].as_u64().unwrap() + reallocs,
            stat(&err, "frees"),
            "{name}"
        );
        assert_eq!(
            st["peak_live_bytes"].as_u64().unwrap(),
            stat(&err, "peak live bytes"),
            "{name}"
        );
    }
}

#[test]
fn a_forked_child_leaves_the_trace_to_its_parent() {
    let dir = scratch("fork");
    let script = dir.join("fork.py");
    std::fs::write(
        &script,
        "import os, sys\n\
         xs = []\n\
         pid = os.fork()\n\
         if pid == 0:\n\
         \x20   xs.extend((i, float(i)) for i in range(50000))\n\
         \x20   print('child', len(xs), flush=True)\n\
         \x20   sys.exit(0)\n\
         os.waitpid(pid, 0)\n\
         xs.extend(str(i) for i in range(50000))\n\
         print('parent', len(xs))\n",
    )
    .unwrap();
    let trace = dir.join("t.trace");
    let out = arenapy(&[
        "trace",
        "record",
        trace.to_str().unwrap(),
        script.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "child 50000\nparent 50000\n");
    // One summary line: the parent's; the child finished nothing.
    assert_eq!(text(&out.stderr).matches("arenapy trace:").count(), 1);
    let st = stats_json(&trace);
    assert_eq!(st["end_live_bytes"], 0, "{st}");
    assert!(st["allocations"].as_u64().unwrap() >= 50000, "{st}");
}

fn refused(bytes: &[u8], dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    for cmd in ["replay", "stats"] {
        let out = arenapy(&["trace", cmd, p.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{cmd} {name}: {}",
            text(&out.stderr)
        );
    }
    let out = arenapy(&["trace", "stats", p.to_str().unwrap()]);
    text(&out.stderr)
}

#[test]
fn damaged_traces_are_clear_errors() {
    let dir = scratch("damaged");
    let script = write_program(&dir);
    let (trace, _) = record(&dir, "t.trace", &[], &script);
    let good = std::fs::read(&trace).unwrap();
    let cut = refused(&good[..good.len() / 2], &dir, "cut.trace");
    assert!(
        cut.contains("byte offset") && cut.contains("truncated"),
        "{cut}"
    );
    let mut flipped = good.clone();
    flipped[good.len() / 3] ^= 0x5a;
    flipped[good.len() / 3 + 1] ^= 0x33;
    let bad = refused(&flipped, &dir, "flipped.trace");
    assert!(bad.contains("byte offset"), "{bad}");
    let mut newer = b"APYTRACE".to_vec();
    newer.extend_from_slice(&[9, 0]);
    let v = refused(&newer, &dir, "newer.trace");
    assert!(v.contains("version 9 is newer"), "{v}");
    let none = refused(b"", &dir, "empty.trace");
    assert!(none.contains("not an arenapy trace"), "{none}");
}
