//! Runs every command the README shows (lines `$ ...` in its ```sh blocks), in order, from the
//! repository root, with this build's `arenapy`, and checks what each should leave behind.
//!
//! The dhat commands need the `dhat-heap` build:
//! `cargo test --release --features dhat-heap --test readme`; without it they must fail with a
//! message naming the feature. The HTML screenshot check runs when `chromium` is installed
//! (`scripts/check_html_report.sh` installs it with apt-get when run by hand).

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme_commands() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut in_sh = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh {
            if let Some(cmd) = line.strip_prefix("$ ") {
                out.push(cmd.to_string());
            }
        }
    }
    out
}

fn run(words: &[&str]) -> Output {
    let (prog, args) = words.split_first().unwrap();
    let prog = if *prog == "arenapy" {
        env!("CARGO_BIN_EXE_arenapy").to_string()
    } else {
        root().join(prog).to_string_lossy().to_string()
    };
    Command::new(prog)
        .args(args)
        .current_dir(root())
        .env_remove("ARENAPY_ALLOCATOR")
        .output()
        .expect("the command runs")
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

fn has_chromium() -> bool {
    Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_readme_command_runs() {
    let cmds = readme_commands();
    assert!(
        cmds.len() >= 7,
        "the README walkthroughs are missing: {cmds:?}"
    );
    for cmd in &cmds {
        let words: Vec<&str> = cmd.split_whitespace().collect();
        if words[0] == "cargo" {
            // The build step: this test runs on the binary cargo built for it.
            continue;
        }
        if words[0].starts_with("scripts/") && !has_chromium() {
            eprintln!("skipped (no chromium on PATH): {cmd}");
            continue;
        }
        let out = run(&words);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        if cmd.contains("--dhat") && !cfg!(feature = "dhat-heap") {
            assert_eq!(out.status.code(), Some(2), "{cmd}");
            assert!(stderr.contains("dhat-heap"), "{cmd}: {stderr}");
            continue;
        }
        assert!(out.status.success(), "{cmd} failed: {stderr}");
        assert!(!stderr.contains("panicked"), "{cmd}: {stderr}");
        check_effects(cmd, &out);
    }
}

fn check_effects(cmd: &str, out: &Output) {
    if cmd.contains("--gc-stress") {
        // A stress run prints what a normal run of the same script prints.
        let script = cmd.split_whitespace().last().unwrap();
        let normal = run(&["arenapy", script]);
        assert!(!out.stdout.is_empty(), "{cmd} printed nothing");
        assert_eq!(out.stdout, normal.stdout, "{cmd}");
    }
    if cmd.contains("--heap-profile target/heap_demo.heap.json") {
        let d = json("target/heap_demo.heap.json");
        assert_eq!(d["dhatFileVersion"], 2);
        assert_eq!(d["ftbl"][0], "[root]");
    }
    if cmd.contains("--dhat target/dhat-pymalloc.json") {
        // Arenas: at least one program point whose blocks are 1 MiB each.
        let d = json("target/dhat-pymalloc.json");
        let arenas = d["pps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| {
                let (tb, tbk) = (p["tb"].as_u64().unwrap(), p["tbk"].as_u64().unwrap());
                tbk > 0 && tb / tbk == 1 << 20
            })
            .count();
        assert!(arenas >= 1, "dhat saw no 1 MiB arena under pymalloc");
    }
    if cmd.contains("--dhat target/dhat-system.json") {
        // Blocks live at the global peak: pymalloc's arenas hold the objects, under system
        // every object is a block of its own.
        let at_peak = |p: &str| -> u64 {
            json(p)["pps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["gbk"].as_u64().unwrap())
                .sum()
        };
        let (sys, pym) = (
            at_peak("target/dhat-system.json"),
            at_peak("target/dhat-pymalloc.json"),
        );
        assert!(
            sys > 10_000,
            "dhat saw {sys} blocks at the peak under system"
        );
        assert!(
            sys > 20 * pym,
            "system {sys} blocks at the peak vs pymalloc {pym}"
        );
    }
    if cmd.contains("--html target/heap_demo.html") {
        let page = std::fs::read_to_string(root().join("target/heap_demo.html")).unwrap();
        assert_eq!(page.matches("<polyline").count(), 10);
        // Every strategy runs the same program, so each row counts the same allocations.
        let table = String::from_utf8_lossy(&out.stdout);
        let allocs: Vec<&str> = table
            .lines()
            .filter(|l| {
                ["pymalloc", "system", "mimalloc", "bump", "typed-arena"]
                    .iter()
                    .any(|s| l.starts_with(&format!("{s} ")))
            })
            .filter_map(|l| l.split_whitespace().nth(2))
            .collect();
        assert_eq!(allocs.len(), 5, "{table}");
        assert!(allocs.iter().all(|a| *a == allocs[0]), "{table}");
        assert!(allocs[0].parse::<u64>().unwrap() > 10_000, "{table}");
    }
    if cmd.contains("--svg target/heap_demo.svg") {
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j["strategies"].as_array().unwrap().len(), 2);
        assert!(std::fs::read_to_string(root().join("target/heap_demo.svg"))
            .unwrap()
            .starts_with("<svg"));
    }
    if cmd.contains("trace replay --repeat 3 --html target/heap_demo.replay.html") {
        let page = std::fs::read_to_string(root().join("target/heap_demo.replay.html")).unwrap();
        assert_eq!(page.matches("<svg").count(), 2);
        assert_eq!(page.matches("<tr><td>").count(), 5);
        let table = String::from_utf8_lossy(&out.stdout);
        assert!(table.contains("every strategy reproduced it"), "{table}");
    }
    if cmd.contains("trace stats --top 5 target/heap_demo.trace") {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("top 5 sites by bytes"), "{text}");
        assert!(text.contains("heap_demo.py:"), "{text}");
    }
    if cmd.starts_with("scripts/check_html_report.sh") {
        assert!(String::from_utf8_lossy(&out.stdout).contains("OK: the chart is drawn"));
    }
}
