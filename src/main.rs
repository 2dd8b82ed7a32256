//! The `arenapy` command line: run a script, `-c` code or `-m` module on the chosen allocator,
//! start the interactive prompt, or compare allocators (`arenapy compare`).

use arenapy::tools::compare::{self, CompareOptions};
use arenapy::tools::launch::{self, ToolOptions};
use arenapy::tools::trace::{self as trace_tool, Recording};
use arenapy::{Config, Interpreter, StrategyKind};
use clap::builder::FalseyValueParser;
use clap::Parser;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[cfg(feature = "dhat-heap")]
#[global_allocator]
static DHAT_ALLOC: dhat::Alloc = dhat::Alloc;

/// Command-line options (python3's where they overlap). Every knob also has an environment
/// variable (see README) and a `-X` form.
#[derive(Parser, Debug)]
#[command(
    name = "arenapy",
    version,
    disable_version_flag = true,
    about = "A Python 3.11 interpreter whose allocator is pluggable at run time",
    after_help = "With no SCRIPT, -c or -m: an interactive prompt (or the program on standard \
                  input when it is not a terminal).\n\n\
                  Compare allocators on a program:\n  arenapy compare [--allocators a,b,...] \
                  [--repeat N] [--timeout SECONDS] [--json] [--html REPORT.html] [--svg CHART.svg] SCRIPT [ARGS...]\n  \
                  (arenapy compare --help for more)\n\n\
                  Record a program's heap events, replay them on every strategy:\n  \
                  arenapy trace record [--frames] OUT.trace SCRIPT [ARGS...]\n  \
                  arenapy trace replay [--allocators a,b,...] [--repeat N] [--json] [--html R.html] TRACE\n  \
                  arenapy trace stats [--top N] [--json] TRACE\n\n\
                  -X options: allocator=NAME, debug_alloc, stats, max_heap=BYTES, \
                  heap_profile=FILE, tracemalloc[=N], dhat=FILE"
)]
struct Cli {
    /// Print the version and exit (with --verbose: also the standard library in use).
    #[arg(short = 'V', long)]
    version: bool,

    /// With --version: say which CPython standard library folder is in use and how it was
    /// found, and the default allocator.
    #[arg(long)]
    verbose: bool,

    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,

    /// Run a module as `__main__` (found on the current folder, PYTHONPATH, or shipped);
    /// also the tools `dis` (disassemble SCRIPT) and `py_compile` (check SCRIPT compiles).
    #[arg(short = 'm', value_name = "MODULE")]
    module: Option<String>,

    /// Enter the interactive prompt (even when standard input is not a terminal).
    #[arg(short = 'i')]
    interactive: bool,

    /// CPython's `-E` (ignore PYTHON* variables): `PYTHONTRACEMALLOC` is not read.
    #[arg(short = 'E')]
    ignore_environment: bool,

    /// CPython's `-I` (isolated mode): like `-E` for `PYTHONTRACEMALLOC`.
    #[arg(short = 'I')]
    isolated: bool,

    /// CPython's `-s`, `-S` and `-B` (no user site, no `site`, no bytecode files): arenapy
    /// has none of these, so they are accepted and change nothing.
    #[arg(short = 's')]
    no_user_site: bool,

    /// See `-s`.
    #[arg(short = 'S')]
    no_site: bool,

    /// See `-s`.
    #[arg(short = 'B')]
    dont_write_bytecode: bool,

    /// Implementation-specific options: -X allocator=NAME, -X tracemalloc=N, ... (see below).
    #[arg(short = 'X', value_name = "OPT")]
    xoptions: Vec<String>,

    /// Warning control, as CPython's `-W` (`sys.warnoptions`, after `PYTHONWARNINGS`'s).
    #[arg(short = 'W', value_name = "ARG")]
    warnoptions: Vec<String>,

    /// Allocator under every Python object: pymalloc, system, mimalloc, bump, typed-arena.
    #[arg(long, env = "ARENAPY_ALLOCATOR", default_value = "pymalloc", value_parser = parse_strategy)]
    allocator: StrategyKind,

    /// Wrap the allocator in the debug allocator (like PYTHONMALLOC=debug).
    #[arg(long, env = "ARENAPY_DEBUG_ALLOC", value_parser = FalseyValueParser::new())]
    debug_alloc: bool,

    /// Print allocator statistics and the allocator's report to stderr at exit.
    #[arg(long, env = "ARENAPY_STATS", value_parser = FalseyValueParser::new())]
    stats: bool,

    /// Limit the heap to this many bytes of live objects (k/M/G suffixes; beyond: MemoryError).
    #[arg(long, value_name = "BYTES", env = "ARENAPY_MAX_HEAP", value_parser = launch::parse_size)]
    max_heap: Option<usize>,

    /// Write a Python-level heap profile (DHAT's JSON format; open it in dh_view.html).
    #[arg(long, value_name = "FILE", env = "ARENAPY_HEAP_PROFILE")]
    heap_profile: Option<PathBuf>,

    /// Profile the Rust heap with dhat and write DHAT's JSON (needs `--features dhat-heap`).
    #[arg(long, value_name = "FILE", env = "ARENAPY_DHAT")]
    dhat: Option<PathBuf>,

    /// Trace Python allocations from the start with N frames (`tracemalloc.start(N)`).
    #[arg(long, value_name = "N", env = "ARENAPY_TRACEMALLOC")]
    tracemalloc: Option<usize>,

    /// Write the run's statistics as JSON (used by `arenapy compare`).
    #[arg(long, value_name = "FILE", hide = true)]
    stats_json: Option<PathBuf>,

    /// Write live-bytes/footprint samples as JSON (used by `arenapy compare`).
    #[arg(long, value_name = "FILE", hide = true)]
    samples: Option<PathBuf>,

    /// Take a sample every N allocations.
    #[arg(long, value_name = "N", default_value_t = 1000, hide = true)]
    sample_every: u64,

    /// Write the run's heap trace here (used by `arenapy trace record`).
    #[arg(long, value_name = "FILE", hide = true)]
    trace_record: Option<PathBuf>,

    /// With --trace-record: allocations carry their Python site.
    #[arg(long, hide = true)]
    trace_frames: bool,
    /// Run a full cycle collection every N container allocations (1: at every one).
    #[arg(long, value_name = "N", env = "ARENAPY_GC_STRESS", default_value_t = 0)]
    gc_stress: u64,

    /// Check the heap's invariants before and after every collection (fatal error on a
    /// violation).
    #[arg(long, env = "ARENAPY_GC_VERIFY", value_parser = clap::builder::BoolishValueParser::new())]
    gc_verify: bool,

    /// Native stack of the interpreter thread (k/M/G suffixes; default 512M, virtual memory
    /// touched only as used). Recursion deeper than it holds is a RecursionError.
    #[arg(long, value_name = "BYTES", env = "ARENAPY_STACK_SIZE", value_parser = parse_stack_size)]
    stack_size: Option<usize>,

    /// The script to run, then its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// `--stack-size`: a size of at least 1 MiB (below it the reserve that turns stack exhaustion
/// into a RecursionError would leave Python code nothing).
fn parse_stack_size(s: &str) -> Result<usize, String> {
    let n = launch::parse_size(s)?;
    if n < MIN_INTERPRETER_STACK {
        return Err(format!("the stack size must be at least 1M (got {s})"));
    }
    Ok(n)
}

/// `arenapy compare`.
#[derive(Parser, Debug)]
#[command(
    name = "arenapy compare",
    about = "Run a program once per allocator strategy (each in its own process) and compare \
             time, allocations, peak live bytes, footprint, fragmentation, RSS and GC"
)]
struct CompareCli {
    /// Strategies to compare, comma-separated (default: all).
    #[arg(long, value_delimiter = ',', value_parser = parse_strategy)]
    allocators: Vec<StrategyKind>,

    /// Runs per strategy; wall time is the median.
    #[arg(long, default_value_t = 1)]
    repeat: usize,

    /// Print the numbers (and the samples) as JSON instead of a table.
    #[arg(long)]
    json: bool,

    /// Write a self-contained HTML report (table and chart).
    #[arg(long, value_name = "REPORT.html")]
    html: Option<PathBuf>,

    /// Write the live-bytes/footprint chart alone as SVG.
    #[arg(long, value_name = "CHART.svg")]
    svg: Option<PathBuf>,

    /// Write the program's own standard output here (otherwise it is discarded).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Sample live bytes and footprint every N allocations.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    sample_every: u64,

    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Kill a run that takes longer than this many seconds (reported as failed; the other
    /// strategies still run).
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    timeout: Option<std::time::Duration>,

    /// The script, then its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    args: Vec<String>,
}

fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    s.parse::<f64>()
        .ok()
        .and_then(|secs| std::time::Duration::try_from_secs_f64(secs).ok())
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("invalid timeout '{s}' (seconds, e.g. 30 or 2.5)"))
}

fn parse_strategy(s: &str) -> Result<StrategyKind, String> {
    s.parse::<StrategyKind>().map_err(|e| e.to_string())
}

/// Python code runs on this much native stack by default (`--stack-size`): the recursion limit
/// stops Python code well before it is used up unless raised far; whatever the limit, running
/// low on native stack is a RecursionError (`vm::native_stack_exhausted`).
const INTERPRETER_STACK: usize = 512 << 20;

/// CPython's command line also takes `-Wd` and `-Xname` with the value attached: the
/// interpreter options before the script (or `-c`/`-m`) are split into `-W d`, `-X name`.
fn split_attached_options(argv: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(argv.len());
    let mut args = argv.into_iter();
    out.extend(args.next());
    while let Some(a) = args.next() {
        if a == "-c" || a == "-m" {
            // What follows the command or module name is the program's own arguments, even
            // when they look like options (`-m json.tool -h`).
            out.push(a);
            out.extend(args.next());
            out.push("--".to_string());
            break;
        }
        if !a.starts_with('-') || a == "--" {
            out.push(a);
            break;
        }
        match a.get(..2) {
            Some(flag @ ("-W" | "-X")) if a.len() > 2 => {
                out.push(flag.to_string());
                out.push(a[2..].to_string());
            }
            Some("-W" | "-X") => {
                out.push(a);
                out.extend(args.next());
            }
            _ => out.push(a),
        }
    }
    out.extend(args);
    out
}

/// The smallest `--stack-size`.
const MIN_INTERPRETER_STACK: usize = 1 << 20;

fn main() -> ExitCode {
    let mut argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("compare") {
        return ExitCode::from(run_compare(CompareCli::parse_from(&argv[1..])));
    }
    if argv.get(1).map(String::as_str) == Some("trace") {
        match trace_tool::cli::run(&argv[1..]) {
            Ok(code) => return ExitCode::from(code),
            Err(record) => argv = record,
        }
    }
    let cli = Cli::parse_from(split_attached_options(argv));
    if cli.version {
        print!("{}", version_text(cli.verbose));
        return ExitCode::SUCCESS;
    }
    let worker = std::thread::Builder::new()
        .name("arenapy".into())
        .stack_size(cli.stack_size.unwrap_or(INTERPRETER_STACK))
        .spawn(move || run(cli));
    // Signals sent to the process go to the interpreter's thread, whose handlers record them
    // for the Python handlers (`signal` module): this thread only waits.
    let all = nix::sys::signal::SigSet::all();
    let _ = nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_BLOCK,
        Some(&all),
        None,
    );
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

/// `arenapy --version [--verbose]`.
fn version_text(verbose: bool) -> String {
    let mut text = format!("arenapy {} (Python 3.11)\n", env!("CARGO_PKG_VERSION"));
    if verbose {
        match arenapy::modules::stdlib_dir::stdlib_dir() {
            Some(lib) => text.push_str(&format!(
                "standard library: {} (found by {})\n",
                lib.path.display(),
                lib.found_by
            )),
            None => text.push_str(&format!(
                "standard library: none ({})\n",
                arenapy::modules::stdlib_dir::HINT
            )),
        }
        text.push_str(&format!(
            "shipped modules: {}\nallocators: pymalloc (default), system, mimalloc, bump, typed-arena\n",
            arenapy::modules::sys::SHIPPED_PATH_ENTRY
        ));
    }
    text
}

fn run_compare(cli: CompareCli) -> u8 {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("arenapy compare: cannot find the arenapy executable: {e}");
            return 2;
        }
    };
    let opts = CompareOptions {
        exe,
        allocators: if cli.allocators.is_empty() {
            StrategyKind::ALL.to_vec()
        } else {
            cli.allocators
        },
        repeat: cli.repeat,
        sample_every: cli.sample_every,
        script_args: cli.args,
        output: cli.output,
        progress: !cli.quiet,
        timeout: cli.timeout,
    };
    let c = match compare::run(&opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("arenapy compare: {e:#}");
            return 2;
        }
    };
    let mut out = std::io::stdout().lock();
    if cli.json {
        match compare::to_json(&c) {
            Ok(j) => {
                let _ = writeln!(out, "{j}");
            }
            Err(e) => {
                eprintln!("arenapy compare: {e:#}");
                return 2;
            }
        }
    } else {
        let _ = write!(out, "{}", compare::table(&c));
    }
    let written = (|| -> anyhow::Result<()> {
        if let Some(p) = &cli.html {
            launch::write_file(p, &arenapy::tools::report_html::render(&c))?;
        }
        if let Some(p) = &cli.svg {
            let title = format!("arenapy compare: {}", c.command.join(" "));
            launch::write_file(p, &arenapy::tools::svg::chart(&title, &compare::series(&c)))?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        eprintln!("arenapy compare: {e:#}");
        return 2;
    }
    let report = compare::mismatch_report(&c);
    if !report.is_empty() {
        let _ = out.flush();
        eprint!("{report}");
        return 1;
    }
    0
}

/// `-m dis --adaptive SCRIPT`: run as `-c` with SCRIPT as `sys.argv[1]`; runs SCRIPT as
/// `__main__` would, then prints `dis.dis(code, adaptive=True)` of its code (CPython 3.11's
/// `dis` reading `_co_code_adaptive`).
const ADAPTIVE_DIS: &str = "\
import sys, dis
del sys.argv[0]
with open(sys.argv[0], 'rb') as f:
    code = compile(f.read(), sys.argv[0], 'exec')
exec(code, {'__name__': '__main__', '__file__': sys.argv[0], '__builtins__': __builtins__})
sys.stdout.flush()
dis.dis(code, adaptive=True)
";

fn run(cli: Cli) -> u8 {
    if let (Some(module), None) = (&cli.module, &cli.code) {
        if module == "py_compile" || module == "_verdicts" {
            return compile_files(module == "_verdicts", &cli.args);
        }
        if module == "dis" && cli.args.first().is_some_and(|a| a == "--adaptive") {
            if cli.args.len() < 2 {
                eprintln!("arenapy: -m dis --adaptive needs a SCRIPT");
                return 2;
            }
            // Runs the script, then disassembles its code with the specialized forms.
            let mut cli = cli;
            cli.args.remove(0);
            cli.module = None;
            cli.code = Some(ADAPTIVE_DIS.to_string());
            return run(cli);
        }
        if module == "dis" {
            let Some(path) = cli.args.first() else {
                eprintln!("arenapy: -m dis needs a SCRIPT");
                return 2;
            };
            return match launch::read_script(path) {
                Ok(source) => run_dis(&source, path),
                Err((code, msg)) => {
                    eprint!("{msg}");
                    code
                }
            };
        }
    }
    let mut config = Config {
        allocator: cli.allocator,
        debug_alloc: cli.debug_alloc,
        limit: cli.max_heap,
        gc_stress: cli.gc_stress,
        gc_verify: cli.gc_verify,
    };
    let mut tools = ToolOptions {
        heap_profile: cli.heap_profile.clone(),
        stats_json: cli.stats_json.clone(),
        samples: cli.samples.clone(),
        sample_every: cli.sample_every,
        tracemalloc: cli.tracemalloc,
        print_stats: cli.stats,
        trace: cli.trace_record.clone().map(|path| Recording {
            path,
            frames: cli.trace_frames,
        }),
    };
    // CPython's flags arenapy accepts without acting on them (see their docs).
    let _accepted = (
        &cli.warnoptions,
        cli.ignore_environment,
        cli.isolated,
        cli.no_user_site,
        cli.no_site,
        cli.dont_write_bytecode,
    );
    if tools.tracemalloc.is_none() {
        match launch::tracemalloc_from_env(cli.ignore_environment || cli.isolated) {
            Ok(n) => tools.tracemalloc = n,
            Err(e) => {
                eprintln!("arenapy: {e}");
                return 1;
            }
        }
    }
    let mut dhat_file = cli.dhat.clone();
    for x in &cli.xoptions {
        if let Some(f) = x.strip_prefix("dhat=") {
            dhat_file = Some(PathBuf::from(f));
            continue;
        }
        if let Err(e) = launch::apply_x_option(x, &mut config, &mut tools) {
            eprintln!("arenapy: {e}");
            return 2;
        }
    }
    #[cfg(feature = "dhat-heap")]
    let _dhat = dhat_file
        .as_ref()
        .map(|f| dhat::Profiler::builder().file_name(f).build());
    #[cfg(not(feature = "dhat-heap"))]
    if dhat_file.is_some() {
        eprintln!(
            "arenapy: --dhat needs a build with the dhat-heap feature \
             (cargo build --release --features dhat-heap)"
        );
        return 2;
    }

    let mut main_module = None;
    let (source, filename, argv) = if let Some(code) = &cli.code {
        let argv = std::iter::once("-c".to_string())
            .chain(cli.args.iter().cloned())
            .collect();
        (code.clone(), "<string>".to_string(), argv)
    } else if let Some(module) = &cli.module {
        match launch::find_module(module) {
            Ok(found) => {
                let argv = std::iter::once(found.filename.clone())
                    .chain(cli.args.iter().cloned())
                    .collect();
                main_module = Some(found.name);
                (found.source, found.filename, argv)
            }
            Err(e) => {
                eprintln!("arenapy: {e}");
                return 1;
            }
        }
    } else if let Some(path) = cli.args.first().filter(|p| p.as_str() != "-") {
        match launch::read_script(path) {
            Ok(s) => (s, path.clone(), cli.args.clone()),
            Err((code, msg)) => {
                eprint!("{msg}");
                return code;
            }
        }
    } else if cli.interactive || std::io::stdin().is_terminal() {
        return run_repl(config, &tools);
    } else {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("arenapy: cannot read standard input: {e}");
            return 2;
        }
        let mut argv = vec!["-".to_string()];
        argv.extend(cli.args.iter().skip(1).cloned());
        (s, "<stdin>".to_string(), argv)
    };
    match launch::run_program(
        config,
        &tools,
        &source,
        &filename,
        &argv,
        main_module.as_deref(),
    ) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("arenapy: {e:#}");
            1
        }
    }
}

fn run_repl(config: Config, tools: &ToolOptions) -> u8 {
    let stdout = Box::new(std::io::LineWriter::new(std::io::stdout()));
    let mut interp = match Interpreter::new(config, stdout) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("arenapy: {e}");
            return 1;
        }
    };
    if let Some(n) = tools.tracemalloc {
        arenapy::modules::tracemalloc::start_tracing(n);
    }
    let code = arenapy::tools::repl::run_stdin(&mut interp, config.allocator.name());
    let at_exit = interp.stats();
    let report = tools.print_stats.then(|| interp.report());
    let after = interp.shutdown();
    if let Some(report) = report {
        eprintln!("{}", launch::stats_text(&config, &at_exit, &after));
        eprintln!("{report}");
    }
    code.clamp(0, 255) as u8
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
                let what = match e.kind() {
                    std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                    std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                    _ => e.to_string(),
                };
                eprintln!("arenapy: can't open file '{path}': {what}");
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

fn run_dis(source: &str, filename: &str) -> u8 {
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
