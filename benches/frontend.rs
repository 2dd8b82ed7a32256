//! Front-end throughput: tokenize + parse + symbol table + code generation (`compiler::compile`)
//! over every `.py` file of the installed CPython standard library (tests included,
//! `site-packages` excluded), the same files `benches/cpython_compile.py` feeds to CPython's
//! `compile()`.
//!
//! The files are read at bench time from the directory `python3 -c "import sysconfig;
//! print(sysconfig.get_paths()['stdlib'])"` prints (or `ARENAPY_STDLIB`); without one the
//! bench prints a note and measures nothing. `ARENAPY_BENCH_FILES=N` caps the number of files.
//! See `benches/README.md` for the command and figures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn stdlib_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("ARENAPY_STDLIB") {
        return Some(PathBuf::from(dir));
    }
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!dir.is_empty()).then(|| PathBuf::from(dir))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "site-packages" && name != "__pycache__" {
                collect(&p, out);
            }
        } else if name.ends_with(".py") {
            out.push(p);
        }
    }
}

/// The decoded sources (files that cannot be decoded are skipped: nothing to compile).
fn sources() -> Vec<(String, String)> {
    let Some(dir) = stdlib_dir().filter(|d| d.is_dir()) else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    if let Some(n) = std::env::var("ARENAPY_BENCH_FILES")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        paths.truncate(n);
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let name = p.display().to_string();
            let text = arenapy::parser::source::decode_source(&bytes, &name).ok()?;
            Some((name, text))
        })
        .collect()
}

fn frontend(c: &mut Criterion) {
    let files = sources();
    if files.is_empty() {
        eprintln!("frontend bench: no CPython standard library found; nothing measured");
        return;
    }
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    eprintln!(
        "frontend bench: {} files, {:.1} MB of source",
        files.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("frontend");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("compile_stdlib", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for (name, text) in &files {
                let unit = arenapy::compiler::compile(text, name, arenapy::compiler::Mode::Exec);
                ok += unit.is_ok() as usize;
            }
            std::hint::black_box(ok)
        })
    });
    group.finish();
}

criterion_group!(benches, frontend);
criterion_main!(benches);
