//! Running a program with the tools the command line asks for: `-X` options, `-m MODULE`,
//! the heap profile, the compare child's statistics and samples, `-X tracemalloc`.

use super::heap_profile::HeapProfiler;
use super::run_stats::{peak_rss_bytes, write_samples, RunStats, Sampler};
use crate::object::heap::HeapRecorder;
use crate::vm::{Config, Interpreter};
use anyhow::{bail, Context};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Parses a byte count: a number with an optional `k`, `M` or `G` suffix (powers of 1024).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1usize << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("invalid size '{s}' (a number of bytes, optionally with k, M or G)"))
}

/// What the tools do around one program run.
#[derive(Debug, Clone, Default)]
pub struct ToolOptions {
    /// `--heap-profile FILE`.
    pub heap_profile: Option<PathBuf>,
    /// `--stats-json FILE` (hidden; `arenapy compare`'s child).
    pub stats_json: Option<PathBuf>,
    /// `--samples FILE` (hidden; `arenapy compare`'s child).
    pub samples: Option<PathBuf>,
    /// `--sample-every N`.
    pub sample_every: u64,
    /// `-X tracemalloc=N`: trace from the start with N frames.
    pub tracemalloc: Option<usize>,
    /// `--stats`: print the allocator's statistics and report at exit.
    pub print_stats: bool,
    /// `arenapy trace record`: the trace to write.
    pub trace: Option<super::trace::Recording>,
}

/// Applies one `-X NAME[=VALUE]` option to the configuration and tool options.
pub fn apply_x_option(
    opt: &str,
    config: &mut Config,
    tools: &mut ToolOptions,
) -> Result<(), String> {
    let (name, value) = match opt.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (opt, None),
    };
    let missing = || format!("-X {name} needs a value (-X {name}=VALUE)");
    match name {
        "allocator" => {
            config.allocator = value
                .ok_or_else(missing)?
                .parse()
                .map_err(|e| format!("{e}"))?;
        }
        "debug_alloc" => config.debug_alloc = true,
        "stats" => tools.print_stats = true,
        "max_heap" => config.limit = Some(parse_size(value.ok_or_else(missing)?)?),
        "heap_profile" => tools.heap_profile = Some(PathBuf::from(value.ok_or_else(missing)?)),
        "gc_stress" => {
            let v = value.ok_or_else(missing)?;
            config.gc_stress = v
                .parse()
                .map_err(|_| format!("-X gc_stress: invalid number of allocations '{v}'"))?;
        }
        "gc_verify" => config.gc_verify = true,
        "specialization_stats" | "specialization-stats" => crate::vm::specialize::stats::enable(),
        "tracemalloc" => {
            tools.tracemalloc = match value {
                None => Some(1),
                Some(v) => tracemalloc_frames(v, "-X tracemalloc=NFRAME")?,
            };
        }
        // CPython's own options (what `test.support.script_helper` passes): accepted, and
        // without effect here (UTF-8 mode is how arenapy always runs).
        "faulthandler"
        | "utf8"
        | "dev"
        | "importtime"
        | "showrefcount"
        | "no_debug_ranges"
        | "frozen_modules"
        | "warn_default_encoding"
        | "pycache_prefix"
        | "int_max_str_digits" => {}
        _ => {
            return Err(format!(
                "unknown -X option '{name}' (known: allocator=NAME, debug_alloc, stats, \
                 max_heap=BYTES, gc_stress=N, gc_verify, heap_profile=FILE, tracemalloc[=N], \
                 dhat=FILE)"
            ))
        }
    }
    Ok(())
}

/// The number of frames `-X tracemalloc=N` or `PYTHONTRACEMALLOC=N` asks for, with CPython's
/// errors: `0` means no tracing, a negative or non-number is refused as `what`, and more than
/// `tracemalloc.start` takes is its `ValueError`.
pub fn tracemalloc_frames(value: &str, what: &str) -> Result<Option<usize>, String> {
    let n: i64 = value
        .trim()
        .parse()
        .map_err(|_| format!("{what}: invalid number of frames"))?;
    if n < 0 {
        return Err(format!("{what}: invalid number of frames"));
    }
    if n as u64 > crate::modules::tracemalloc::MAX_NFRAME as u64 {
        return Err(format!(
            "ValueError: the number of frames must be in range [1; {}]",
            crate::modules::tracemalloc::MAX_NFRAME
        ));
    }
    Ok((n > 0).then_some(n as usize))
}

/// `PYTHONTRACEMALLOC`, unless `-E`/`-I` said to ignore the environment.
pub fn tracemalloc_from_env(ignore_environment: bool) -> Result<Option<usize>, String> {
    if ignore_environment {
        return Ok(None);
    }
    match std::env::var("PYTHONTRACEMALLOC") {
        Ok(v) if !v.is_empty() => tracemalloc_frames(&v, "PYTHONTRACEMALLOC"),
        _ => Ok(None),
    }
}

/// A module found for `-m`: its source, file name and full module name (`pkg.__main__` for a
/// package).
pub struct MainModule {
    /// The decoded source.
    pub source: String,
    /// The file it was read from (`<arenapy NAME>` for a shipped module).
    pub filename: String,
    /// The module's full name.
    pub name: String,
}

/// Finds module `name` to run as `__main__` (`-m`) as the import system would: `NAME.py` or
/// `NAME/__main__.py` under the current folder, a `PYTHONPATH` entry, arenapy's shipped
/// modules, then CPython's standard library.
pub fn find_module(name: &str) -> anyhow::Result<MainModule> {
    let rel = name.replace('.', "/");
    let mut dirs = vec![PathBuf::from(".")];
    if let Ok(extra) = std::env::var("PYTHONPATH") {
        dirs.extend(
            extra
                .split(':')
                .filter(|p| !p.is_empty())
                .map(PathBuf::from),
        );
    }
    let shipped_at = dirs.len();
    if let Some(lib) = crate::modules::stdlib_dir::stdlib_dir() {
        dirs.push(lib.path.clone());
    }
    for (i, d) in dirs.iter().enumerate() {
        if i == shipped_at {
            if let Some(m) = crate::modules::pylib::find(name) {
                return Ok(MainModule {
                    source: m.source.to_string(),
                    filename: format!("<arenapy {name}>"),
                    name: name.to_string(),
                });
            }
        }
        for (cand, modname) in [
            (d.join(format!("{rel}.py")), name.to_string()),
            (d.join(&rel).join("__main__.py"), format!("{name}.__main__")),
        ] {
            if cand.is_file() {
                let bytes = std::fs::read(&cand)?;
                let path = cand
                    .strip_prefix("./")
                    .unwrap_or(&cand)
                    .to_string_lossy()
                    .to_string();
                let path = std::path::absolute(&path)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or(path);
                let source = crate::parser::source::decode_source(&bytes, &path)
                    .map_err(|e| anyhow::anyhow!("{}", e.render()))?;
                return Ok(MainModule {
                    source,
                    filename: path,
                    name: modname,
                });
            }
        }
    }
    if let Some(m) = crate::modules::pylib::find(name) {
        return Ok(MainModule {
            source: m.source.to_string(),
            filename: format!("<arenapy {name}>"),
            name: name.to_string(),
        });
    }
    match crate::modules::stdlib_dir::stdlib_dir() {
        Some(_) => bail!("No module named {name}"),
        None => bail!(
            "No module named {name} ({})",
            crate::modules::stdlib_dir::HINT
        ),
    }
}

/// Runs `source` as `__main__` on a fresh interpreter with the tools asked for; returns the
/// exit status.
pub fn run_program(
    config: Config,
    tools: &ToolOptions,
    source: &str,
    filename: &str,
    argv: &[String],
    main_module: Option<&str>,
) -> anyhow::Result<u8> {
    let stdout = Box::new(crate::vm::stdout::ProgramStdout::for_process());
    let recorder = match &tools.trace {
        Some(r) => Some(Box::new(super::trace::Recorder::create(r)?) as Box<dyn HeapRecorder>),
        None => None,
    };
    let mut interp =
        Interpreter::with_recorder(config, stdout, recorder).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(n) = tools.tracemalloc {
        crate::modules::tracemalloc::start_tracing(n);
    }
    if tools.samples.is_some() {
        Sampler::install(tools.sample_every);
    }
    if tools.heap_profile.is_some() {
        HeapProfiler::install(&format!("arenapy {}", argv.join(" ")));
    }
    crate::vm::specialize::stats::enable_from_env();
    let outcome = interp.run_main_as(source, filename, argv, main_module, &mut std::io::stderr());
    let flushed = interp.flush_std_streams();
    if crate::vm::specialize::stats::enabled() {
        eprint!("{}", crate::vm::specialize::stats::report());
    }
    let at_exit = interp.stats();
    if let Some(path) = &tools.heap_profile {
        HeapProfiler::finish(path)?;
    }
    if let Some(path) = &tools.samples {
        write_samples(path, &Sampler::finish())?;
    }
    let (collections, gc_time) = interp.gc_totals();
    let report = tools.print_stats.then(|| interp.report());
    let (after, recorder) = interp.shutdown_with_recorder();
    if let Some(r) = &tools.trace {
        eprint!(
            "{}",
            super::trace::record::finish(recorder, after.peak_live_bytes, &r.path)?
        );
    }
    // CPython's status when standard output cannot be flushed at exit.
    let code = if flushed {
        outcome.exit_code().clamp(0, 255) as u8
    } else {
        120
    };
    if let Some(path) = &tools.stats_json {
        RunStats {
            allocator: config.allocator.name().to_string(),
            allocations: at_exit.allocations,
            frees: at_exit.frees,
            peak_live_bytes: at_exit.peak_live_bytes,
            peak_footprint: at_exit.peak_footprint,
            footprint_at_exit: at_exit.footprint,
            live_bytes_at_exit: at_exit.live_bytes,
            peak_rss_bytes: peak_rss_bytes(),
            gc_collections: collections,
            gc_seconds: gc_time.as_secs_f64(),
            exit_code: code as i32,
        }
        .write(path)?;
    }
    if let Some(report) = report {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}", stats_text(&config, &at_exit, &after));
        let _ = writeln!(err, "{report}");
    }
    Ok(code)
}

/// The `--stats` summary.
pub fn stats_text(
    config: &Config,
    at_exit: &crate::AllocStats,
    after: &crate::AllocStats,
) -> String {
    format!(
        "arenapy allocator statistics ({}{})\n\
         allocations          {:>14}\n\
         frees                {:>14}\n\
         live blocks at exit  {:>14}\n\
         live bytes at exit   {:>14}\n\
         peak live bytes      {:>14}\n\
         footprint at exit    {:>14}\n\
         peak footprint       {:>14}\n\
         live blocks after teardown {:>8}\n\
         live bytes after teardown  {:>8}",
        config.allocator,
        if config.debug_alloc { ", debug" } else { "" },
        after.allocations,
        after.frees,
        at_exit.live_blocks,
        at_exit.live_bytes,
        after.peak_live_bytes,
        at_exit.footprint,
        after.peak_footprint,
        after.live_blocks,
        after.live_bytes,
    )
}

/// Reads a script for running: PEP 263 decoding; errors as python3 words them.
pub fn read_script(path: &str) -> Result<String, (u8, String)> {
    match std::fs::read(path).map(|b| crate::parser::source::decode_source(&b, path)) {
        Ok(Ok(s)) => Ok(s),
        Ok(Err(e)) => match e.kind {
            // A script file that is not UTF-8 and declares no encoding: CPython's tokenizer
            // words it without a location block.
            crate::parser::SyntaxErrorKind::Utf8Decode { byte, .. } => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| Path::new(path).into());
                Err((
                    1,
                    format!(
                        "SyntaxError: Non-UTF-8 code starting with '\\x{byte:02x}' in file {} \
                         on line {}, but no encoding declared; see \
                         https://peps.python.org/pep-0263/ for details\n",
                        abs.display(),
                        e.lineno
                    ),
                ))
            }
            _ => Err((1, e.render())),
        },
        Err(e) => {
            let abs = std::path::absolute(path).unwrap_or_else(|_| Path::new(path).into());
            let what = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => e.to_string(),
            };
            Err((
                2,
                format!(
                    "arenapy: can't open file '{}': [Errno {}] {what}\n",
                    abs.display(),
                    e.raw_os_error().unwrap_or(2)
                ),
            ))
        }
    }
}

/// Context for errors writing tool outputs.
pub fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::tracemalloc_frames;

    #[test]
    fn tracemalloc_frame_counts_are_checked_as_cpython_does() {
        assert_eq!(tracemalloc_frames("0", "X"), Ok(None));
        assert_eq!(tracemalloc_frames("1", "X"), Ok(Some(1)));
        assert_eq!(tracemalloc_frames("65535", "X"), Ok(Some(65535)));
        assert_eq!(
            tracemalloc_frames("-1", "PYTHONTRACEMALLOC"),
            Err("PYTHONTRACEMALLOC: invalid number of frames".to_string())
        );
        assert_eq!(
            tracemalloc_frames("abc", "X"),
            Err("X: invalid number of frames".to_string())
        );
        assert!(tracemalloc_frames("1073741824", "X")
            .unwrap_err()
            .contains("must be in range [1; 65535]"));
    }
}
