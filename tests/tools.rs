//! The user's tools, end to end through the `arenapy` binary: the Python-level heap profile in
//! DHAT's format, tracemalloc against CPython's output, `arenapy compare`, the heap limit, the
//! REPL, `-m MODULE`, `--help`/`--version`.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const STRATEGIES: [&str; 5] = ["pymalloc", "system", "mimalloc", "bump", "typed-arena"];

mod support;
use support::{arenapy, root, text};

fn scratch(name: &str) -> PathBuf {
    support::scratch("tools-tests", name)
}

fn profile(allocator: &str, path: &Path) -> Value {
    let out = arenapy(&[
        "--allocator",
        allocator,
        "--heap-profile",
        path.to_str().unwrap(),
        "examples/heap_demo.py",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The structure DHAT's viewer (dh_view.js) requires of a file with block lifetimes.
fn check_dhat_structure(d: &Value) {
    assert_eq!(d["dhatFileVersion"], 2);
    assert_eq!(d["verb"], "Allocated");
    assert!(d["mode"].is_string());
    assert_eq!(d["bklt"], true);
    assert_eq!(d["bkacc"], false);
    assert_eq!(d["tu"], "instrs");
    assert_eq!(d["Mtu"], "Minstr");
    assert!(d["tuth"].as_u64().unwrap() > 0);
    assert!(d["cmd"].is_string() && d["pid"].is_u64());
    let te = d["te"].as_u64().unwrap();
    assert!(d["tg"].as_u64().unwrap() <= te);
    let ftbl = d["ftbl"].as_array().unwrap();
    assert_eq!(ftbl[0], "[root]");
    let pps = d["pps"].as_array().unwrap();
    assert!(pps.len() > 5);
    let mut seen = HashSet::new();
    let (mut gb, mut eb) = (0, 0);
    for p in pps {
        for k in ["tb", "tbk", "tl", "mb", "mbk", "gb", "gbk", "eb", "ebk"] {
            assert!(p[k].is_u64(), "program point without {k}: {p}");
        }
        let fs: Vec<u64> = p["fs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_u64().unwrap())
            .collect();
        assert!(!fs.is_empty());
        assert!(fs.iter().all(|&f| f > 0 && (f as usize) < ftbl.len()));
        assert!(seen.insert(fs.clone()), "two program points share {fs:?}");
        assert!(p["mb"].as_u64() <= p["tb"].as_u64());
        assert!(p["gb"].as_u64() <= p["mb"].as_u64());
        assert!(p["eb"].as_u64() <= p["mb"].as_u64());
        gb += p["gb"].as_u64().unwrap();
        eb += p["eb"].as_u64().unwrap();
    }
    assert!(
        gb >= eb,
        "the global peak ({gb}) is below what is live at the end ({eb})"
    );
}

#[test]
fn heap_profile_is_dhat_json_with_python_frames() {
    let dir = scratch("heap_profile");
    let d = profile("pymalloc", &dir.join("pymalloc.json"));
    check_dhat_structure(&d);
    let ftbl = d["ftbl"].as_array().unwrap();
    // Bytes and blocks by innermost frame.
    let mut by_site: HashMap<String, (u64, u64)> = HashMap::new();
    for p in d["pps"].as_array().unwrap() {
        let f = ftbl[p["fs"][0].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        let e = by_site.entry(f.to_string()).or_default();
        e.0 += p["tb"].as_u64().unwrap();
        e.1 += p["tbk"].as_u64().unwrap();
    }
    // `[Record(i, [i] * 8) for i in range(n)]` on line 14 makes 5000 lists of 8 items.
    let (bytes, blocks) = by_site
        .iter()
        .find(|(k, _)| k.ends_with("<listcomp> (examples/heap_demo.py:14)"))
        .map(|(_, v)| *v)
        .unwrap_or_else(|| panic!("no allocation attributed to line 14: {by_site:?}"));
    assert!(
        blocks >= 5000 && bytes >= 5000 * 64,
        "{blocks} blocks, {bytes} bytes"
    );
    assert!(by_site.contains_key("Record.__init__ (examples/heap_demo.py:7)"));
    // Frames list the callers too: the listcomp was called by build_table, by the module.
    let names: Vec<&str> = ftbl.iter().map(|f| f.as_str().unwrap()).collect();
    assert!(names.contains(&"build_table (examples/heap_demo.py:14)"));
    assert!(names.contains(&"<module> (examples/heap_demo.py:36)"));
}

#[test]
fn heap_profile_is_the_same_under_every_strategy() {
    let dir = scratch("heap_profile_same");
    let base = profile("pymalloc", &dir.join("pymalloc.json"));
    for s in &STRATEGIES[1..] {
        let other = profile(s, &dir.join(format!("{s}.json")));
        check_dhat_structure(&other);
        assert!(
            base == other,
            "the profile under {s} differs from pymalloc's"
        );
    }
}

fn check_program(script: &str, expected: &str, allocator: &str) {
    let out = arenapy(&["--allocator", allocator, script]);
    let want = std::fs::read_to_string(root().join(expected)).unwrap();
    assert_eq!(
        text(&out.stdout),
        want,
        "{script} under {allocator}: {}",
        text(&out.stderr)
    );
    assert!(out.status.success());
}

#[test]
fn tracemalloc_matches_cpython_under_every_strategy() {
    // tm_basic.out was recorded with CPython 3.11 (`python3 tests/tools/tm_basic.py`).
    for s in STRATEGIES {
        check_program("tests/tools/tm_basic.py", "tests/tools/tm_basic.out", s);
    }
}

#[test]
fn tracemalloc_object_traceback_and_x_option() {
    let out = arenapy(&["tests/tools/tm_object.py"]);
    assert_eq!(
        text(&out.stdout),
        "3 [9, 8, 6]\nreturn Box()\nTrue\n",
        "{}",
        text(&out.stderr)
    );
    let out = arenapy(&[
        "-X",
        "tracemalloc=3",
        "-c",
        "import tracemalloc\nx = [0] * 1000\nprint(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit(), tracemalloc.get_traced_memory()[0] > 8000)",
    ]);
    assert_eq!(text(&out.stdout), "True 3 True\n", "{}", text(&out.stderr));
}

#[test]
fn max_heap_raises_a_catchable_memory_error() {
    let prog = "import sys\nl = []\ntry:\n    while True:\n        l.append('x' * 1000)\nexcept MemoryError:\n    n = len(l)\n    l = None\n    print('caught', n > 100)\nprint(sys.getallocatedblocks() > 0)\nsys._debugmallocstats()\n";
    for s in STRATEGIES {
        let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
            .args(["--allocator", s, "-c", prog])
            .env("ARENAPY_MAX_HEAP", "4M")
            .output()
            .unwrap();
        assert_eq!(
            text(&out.stdout),
            "caught True\nTrue\n",
            "{s}: {}",
            text(&out.stderr)
        );
        assert!(out.status.success());
        assert!(!text(&out.stderr).contains("panicked"));
        assert!(
            text(&out.stderr).contains(&format!("allocator: {s}")),
            "{s}: no report"
        );
    }
}

fn repl(input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn repl_echoes_values_runs_blocks_and_survives_errors() {
    let out = repl(
        "1 + 2\nx = 'a' * 3\nx\nNone\nfor i in range(2):\n    print(i)\n\n1 / 0\n[x, 2]\ndef f(n):\n    return n * 2\n\nf(21)\n",
    );
    assert_eq!(text(&out.stdout), "3\n'aaa'\n0\n1\n['aaa', 2]\n42\n");
    let err = text(&out.stderr);
    assert!(err.contains(">>> ") && err.contains("... "), "{err}");
    assert!(err.contains("ZeroDivisionError: division by zero"), "{err}");
    assert!(out.status.success());
    let out = repl("raise SystemExit(3)\nprint('not reached')\n");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn dash_m_runs_a_module_as_main() {
    let dir = scratch("dash_m");
    std::fs::write(
        dir.join("greet.py"),
        "import sys\nprint('hello from', __name__, sys.argv[1:])\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(["-m", "greet", "a", "b"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout),
        "hello from __main__ ['a', 'b']\n",
        "{}",
        text(&out.stderr)
    );
    let out = arenapy(&["-m", "no_such_module_here"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("No module named no_such_module_here"));
}

#[test]
fn help_and_version() {
    let out = arenapy(&["--version"]);
    assert_eq!(
        text(&out.stdout),
        format!("arenapy {} (Python 3.11)\n", env!("CARGO_PKG_VERSION"))
    );
    let out = arenapy(&["--help"]);
    let help = text(&out.stdout);
    for flag in [
        "--allocator",
        "--max-heap",
        "--heap-profile",
        "--dhat",
        "--tracemalloc",
        "-X",
        "arenapy compare",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
    assert!(!help.contains("--stats-json"), "hidden flags are shown");
    let out = arenapy(&["compare", "--help"]);
    assert!(text(&out.stdout).contains("--allocators"));
}

#[test]
fn compare_json_table_html_svg() {
    let dir = scratch("compare");
    let html = dir.join("r.html");
    let svg = dir.join("r.svg");
    let prog_out = dir.join("out.txt");
    let out = arenapy(&[
        "compare",
        "-q",
        "--json",
        "--allocators",
        "pymalloc,system,bump",
        "--repeat",
        "2",
        "--html",
        html.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
        "--output",
        prog_out.to_str().unwrap(),
        "examples/heap_demo.py",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["output_identical"], true);
    let rows = j["strategies"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["allocator"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["pymalloc", "system", "bump"]);
    for r in rows {
        assert_eq!(r["wall_ms_runs"].as_array().unwrap().len(), 2);
        // heap_demo makes ~89,000 allocations (instances keep attributes inline: no dict each).
        assert!(r["allocations"].as_u64().unwrap() > 50_000);
        assert_eq!(r["allocations"], rows[0]["allocations"]);
        assert_eq!(r["peak_live_bytes"], rows[0]["peak_live_bytes"]);
        assert!(r["peak_footprint"].as_u64() >= r["peak_live_bytes"].as_u64());
        assert!(r["gc_collections"].as_u64().unwrap() > 0);
        assert!(r["peak_rss_bytes"].as_u64().unwrap() > 0);
        assert!(r["samples"].as_array().unwrap().len() > 10);
    }
    // bump never reuses memory: its footprint at exit is its peak.
    assert_eq!(rows[2]["footprint_at_exit"], rows[2]["peak_footprint"]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<table id=\"results\">") && page.contains("<svg"));
    assert!(!page.contains("http://") || page.matches("http://").count() == 1); // the SVG namespace only
    assert!(!page.contains("<script"));
    assert_eq!(page.matches("<polyline").count(), 6);
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    assert_eq!(
        std::fs::read_to_string(&prog_out).unwrap(),
        "kept 500 records; big list of 20000 strings\nchecksum 1336390\n"
    );
    // The table: a header and one row per strategy, no program output mixed in.
    let out = arenapy(&[
        "compare",
        "-q",
        "--allocators",
        "system,typed-arena",
        "examples/heap_demo.py",
    ]);
    let t = text(&out.stdout);
    assert!(t.contains("peak footprint") && t.contains("frag") && t.contains("GC runs"));
    assert!(t.lines().any(|l| l.starts_with("typed-arena")));
    assert!(!t.contains("checksum"));
}

#[test]
fn compare_reports_different_output_loudly() {
    let dir = scratch("compare_mismatch");
    let script = dir.join("ids.py");
    std::fs::write(&script, "print(id([]))\n").unwrap();
    let out = arenapy(&[
        "compare",
        "-q",
        "--allocators",
        "pymalloc,system",
        script.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("OUTPUT DIFFERS"), "{err}");
    assert!(
        err.contains("output under system differs from pymalloc at line 1"),
        "{err}"
    );
}

#[test]
fn compare_goes_on_when_a_run_crashes_or_times_out() {
    use arenapy::tools::compare::{self, CompareOptions};
    use arenapy_allocators::StrategyKind;
    let dir = scratch("compare_crash");
    let script = dir.join("hello.py");
    std::fs::write(&script, "print('hello')\n").unwrap();
    // A stand-in for the arenapy executable: the bump run dies by SIGSEGV after writing to
    // stderr, the system run hangs, the others run arenapy itself.
    let exe = dir.join("flaky-arenapy");
    std::fs::write(
        &exe,
        format!(
            "#!/bin/sh\ncase \"$*\" in\n  *bump*) echo 'about to crash' >&2; kill -SEGV $$ ;;\n  \
             *system*) exec sleep 30 ;;\nesac\nexec '{}' \"$@\"\n",
            env!("CARGO_BIN_EXE_arenapy")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let c = compare::run(&CompareOptions {
        exe,
        allocators: vec![
            StrategyKind::Pymalloc,
            StrategyKind::Bump,
            StrategyKind::System,
            StrategyKind::Mimalloc,
        ],
        repeat: 2,
        sample_every: 1000,
        script_args: vec![script.to_string_lossy().to_string()],
        output: None,
        progress: false,
        timeout: Some(std::time::Duration::from_secs(2)),
    })
    .expect("the comparison itself succeeds");
    let finished: Vec<&str> = c.strategies.iter().map(|r| r.allocator.as_str()).collect();
    assert_eq!(finished, ["pymalloc", "mimalloc"]);
    assert!(c.output_identical, "{:?}", c.mismatches);
    assert_eq!(c.failures.len(), 2);
    assert_eq!(c.failures[0].allocator, "bump");
    assert_eq!(c.failures[0].reason, "killed by signal 11 (SIGSEGV)");
    assert_eq!(c.failures[0].stderr_tail, ["about to crash"]);
    assert_eq!(c.failures[1].allocator, "system");
    assert_eq!(c.failures[1].reason, "timed out after 2 s");
    let report = compare::mismatch_report(&c);
    assert!(
        report.contains("under bump: killed by signal 11 (SIGSEGV)"),
        "{report}"
    );
    assert!(report.contains("!!!   | about to crash"), "{report}");
}

#[test]
fn compare_rejects_a_bad_timeout() {
    let out = arenapy(&["compare", "--timeout", "soon", "x.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid timeout 'soon'"));
}

/// The interpreter's own threads (a tracer's counting thread, the trace writer) block every
/// signal, so that the signals a program handles reach the interpreter's thread.
#[test]
fn the_interpreters_helper_threads_block_signals() {
    let dir = scratch("thread_masks");
    let script = dir.join("masks.py");
    std::fs::write(
        &script,
        "import os\n\
         keep = [object() for _ in range(400_000)]\n\
         for t in sorted(os.listdir('/proc/self/task')):\n\
         \x20   with open('/proc/self/task/%s/status' % t) as f:\n\
         \x20       fields = dict(l.split(':', 1) for l in f if ':' in l)\n\
         \x20   print(fields['Name'].strip(), fields['SigBlk'].strip())\n",
    )
    .unwrap();
    let trace = dir.join("masks.trace");
    let runs = [
        (
            vec!["-X", "tracemalloc", script.to_str().unwrap()],
            "arenapy-tracer",
        ),
        (
            vec![
                "trace",
                "record",
                trace.to_str().unwrap(),
                script.to_str().unwrap(),
            ],
            "arenapy-trace",
        ),
    ];
    for (args, name) in runs {
        let out = arenapy(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let masks: Vec<u64> = stdout
            .lines()
            .filter_map(|l| l.strip_prefix(name))
            .map(|m| u64::from_str_radix(m.trim(), 16).unwrap())
            .collect();
        assert_eq!(masks.len(), 1, "one {name} thread:\n{stdout}");
        for sig in [libc::SIGINT, libc::SIGALRM, libc::SIGTERM, libc::SIGCHLD] {
            assert_ne!(masks[0] & (1 << (sig - 1)), 0, "{name} takes signal {sig}");
        }
    }
}
