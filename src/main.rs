//! The `arenapy` command line: run a script or `-c` code on the chosen allocator.

use arenapy::{Config, Interpreter, StrategyKind};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// Command-line options (python3's where they overlap).
#[derive(Parser, Debug)]
#[command(
    name = "arenapy",
    version,
    about = "A Python interpreter with pluggable allocators"
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,

    /// Run a tool module: `dis` (disassemble SCRIPT) or `py_compile` (check SCRIPT compiles).
    #[arg(short = 'm', value_name = "MODULE")]
    module: Option<String>,

    /// Allocator under every Python object: pymalloc, system, mimalloc, bump, typed-arena.
    #[arg(long, env = "ARENAPY_ALLOCATOR", default_value = "pymalloc", value_parser = parse_strategy)]
    allocator: StrategyKind,

    /// Wrap the allocator in the debug allocator (like PYTHONMALLOC=debug).
    #[arg(long)]
    debug_alloc: bool,

    /// Print allocator statistics and the allocator's report to stderr at exit.
    #[arg(long)]
    stats: bool,

    /// Limit the heap to this many bytes of live objects (beyond it: MemoryError).
    #[arg(long, value_name = "BYTES")]
    max_heap: Option<usize>,

    /// Run a full cycle collection every N container allocations (1: at every one).
    #[arg(long, value_name = "N", env = "ARENAPY_GC_STRESS", default_value_t = 0)]
    gc_stress: u64,

    /// Check the heap's invariants before and after every collection (fatal error on a
    /// violation).
    #[arg(long, env = "ARENAPY_GC_VERIFY", value_parser = clap::builder::BoolishValueParser::new())]
    gc_verify: bool,

    /// The script to run, then its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn parse_strategy(s: &str) -> Result<StrategyKind, String> {
    s.parse::<StrategyKind>().map_err(|e| e.to_string())
}

/// Deep Python recursion runs on this much native stack (the recursion limit stops Python code
/// well before it is used up).
const INTERPRETER_STACK: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .name("arenapy".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run(cli));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

fn run(cli: Cli) -> u8 {
    if let (Some(module), None) = (&cli.module, &cli.code) {
        if module == "py_compile" || module == "_verdicts" {
            return compile_files(module == "_verdicts", &cli.args);
        }
    }
    let (source, filename) = if let Some(code) = &cli.code {
        (code.clone(), "<string>".to_string())
    } else if let Some(path) = cli.args.first() {
        let decoded =
            std::fs::read(path).map(|bytes| arenapy::parser::source::decode_source(&bytes, path));
        match decoded {
            Ok(Ok(s)) => (s, path.clone()),
            Ok(Err(e)) => {
                eprint!("{}", e.render());
                return 1;
            }
            Err(e) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| path.into());
                eprintln!(
                    "arenapy: can't open file '{}': [Errno {}] {}",
                    abs.display(),
                    e.raw_os_error().unwrap_or(2),
                    describe_io_error(&e)
                );
                return 2;
            }
        }
    } else {
        eprintln!("arenapy: no script given (usage: arenapy [OPTIONS] SCRIPT [ARGS] or -c CODE)");
        return 2;
    };

    if let Some(module) = &cli.module {
        return run_tool(module, &source, &filename);
    }

    let config = Config {
        allocator: cli.allocator,
        debug_alloc: cli.debug_alloc,
        limit: cli.max_heap,
        gc_stress: cli.gc_stress,
        gc_verify: cli.gc_verify,
    };
    let stdout = Box::new(std::io::BufWriter::new(std::io::stdout()));
    let mut interp = match Interpreter::new(config, stdout) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("arenapy: {e}");
            return 1;
        }
    };
    let argv: Vec<String> = if cli.code.is_some() {
        std::iter::once("-c".to_string())
            .chain(cli.args.iter().cloned())
            .collect()
    } else {
        cli.args.clone()
    };
    let outcome = interp.run_main(&source, &filename, &argv, &mut std::io::stderr());
    let at_exit = interp.stats();
    let report = if cli.stats {
        Some(interp.report())
    } else {
        None
    };
    let after = interp.shutdown();
    if let Some(report) = report {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "{}",
            stats_text(cli.allocator, cli.debug_alloc, &at_exit, &after)
        );
        let _ = writeln!(err, "{report}");
    }
    outcome.exit_code().clamp(0, 255) as u8
}

fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

fn stats_text(
    kind: StrategyKind,
    debug: bool,
    at_exit: &arenapy::AllocStats,
    after: &arenapy::AllocStats,
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
        kind,
        if debug { ", debug" } else { "" },
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

/// `-m py_compile FILE...`: compiles each file (bytes decoded as PEP 263 says), printing each
/// error as python3 would; exit status 1 if any failed. `-m _verdicts FILE...` (for
/// `scripts/stdlib_verdicts.py`) prints one line per file instead: `ok<TAB>PATH` or
/// `error<TAB>PATH<TAB>Class: message`.
fn compile_files(verdicts: bool, paths: &[String]) -> u8 {
    if paths.is_empty() {
        eprintln!("arenapy: no file given");
        return 2;
    }
    let mut status = 0;
    let mut out = std::io::stdout().lock();
    for path in paths {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "arenapy: can't open file '{path}': {}",
                    describe_io_error(&e)
                );
                status = 1;
                continue;
            }
        };
        let result = arenapy::parser::source::decode_source(&bytes, path).and_then(|source| {
            arenapy::compiler::compile(&source, path, arenapy::compiler::Mode::Exec)
        });
        match (result, verdicts) {
            (Ok(_), true) => {
                let _ = writeln!(out, "ok\t{path}");
            }
            (Ok(_), false) => {}
            (Err(e), true) => {
                let _ = writeln!(out, "error\t{path}\t{}: {}", e.class_name(), e.msg());
            }
            (Err(e), false) => {
                eprint!("{}", e.render());
                status = 1;
            }
        }
    }
    status
}

fn run_tool(module: &str, source: &str, filename: &str) -> u8 {
    match module {
        "dis" => {
            match arenapy::compiler::compile(source, filename, arenapy::compiler::Mode::Exec) {
                Ok(unit) => {
                    print!("{}", arenapy::compiler::dis::disassemble(&unit));
                    0
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    1
                }
            }
        }
        other => {
            eprintln!("arenapy: No module named {other} (tool modules: dis, py_compile)");
            1
        }
    }
}
