//! `arenapy-fuzz`: the command line of the differential fuzzer.

use arenapy_fuzz::case::build_case;
use arenapy_fuzz::corpus::Corpus;
use arenapy_fuzz::regressions::open_families;
use arenapy_fuzz::{run, Options};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Differential fuzzer: random and mutated Python programs under arenapy and CPython.
#[derive(Parser, Debug)]
#[command(name = "arenapy-fuzz", version)]
struct Cli {
    /// Stop after this many seconds.
    #[arg(long, default_value_t = 60)]
    time: u64,
    /// Stop after this many programs (whichever comes first).
    #[arg(long)]
    programs: Option<u64>,
    /// Parallel workers.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Campaign seed; a case is rebuilt from the seed and its index.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (crashes/, diffs/, summary.txt).
    #[arg(long, default_value = "fuzz/out")]
    out: PathBuf,
    /// The arenapy executable.
    #[arg(long, default_value = "target/release/arenapy")]
    arenapy: PathBuf,
    /// CPython for the differential part.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Check crashes only: do not run CPython.
    #[arg(long)]
    no_python: bool,
    /// Do not mutate CPython's standard library.
    #[arg(long)]
    no_stdlib: bool,
    /// Share of generated programs (0..1); the rest are mutations.
    #[arg(long, default_value_t = 0.6)]
    generated: f64,
    /// Scale the hang timeouts (e.g. 5 for a debug build of arenapy).
    #[arg(long, default_value_t = 1.0)]
    slowdown: f64,
    /// Candidate programs tried per minimization.
    #[arg(long, default_value_t = 300)]
    minimize_tests: usize,
    /// Regression directory: its open crashes are counted, not minimized again
    /// (default: tests/fuzz_regressions of the repository).
    #[arg(long)]
    regressions: Option<PathBuf>,
    /// Print case N of the campaign (its origin, options and program) and exit.
    #[arg(long, value_name = "N")]
    show_case: Option<u64>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(index) = cli.show_case {
        let root = Options::new(cli.arenapy, cli.out).project_root;
        let python = (!cli.no_python && !cli.no_stdlib).then_some(cli.python.as_str());
        let corpus = Corpus::load(&root, python);
        let case = build_case(cli.seed, index, &corpus, cli.generated.clamp(0.0, 1.0));
        println!("# {}\n# flags: {}", case.origin, case.flags.join(" "));
        print!("{}", case.source);
        return ExitCode::SUCCESS;
    }
    if !cli.arenapy.exists() {
        eprintln!(
            "arenapy-fuzz: {} not found (build it: cargo build --release)",
            cli.arenapy.display()
        );
        return ExitCode::from(2);
    }
    let mut opts = Options::new(cli.arenapy, cli.out);
    opts.python = (!cli.no_python).then_some(cli.python);
    opts.stdlib = !cli.no_stdlib;
    opts.seed = cli.seed;
    opts.jobs = cli.jobs;
    opts.time = Some(Duration::from_secs(cli.time));
    opts.programs = cli.programs;
    opts.generated_share = cli.generated.clamp(0.0, 1.0);
    opts.slowdown = cli.slowdown.max(0.1);
    opts.minimize_tests = cli.minimize_tests;
    let regressions = cli
        .regressions
        .unwrap_or_else(|| opts.project_root.join("tests/fuzz_regressions"));
    opts.known = open_families(&regressions);
    match run(opts) {
        Ok(summary) => {
            print!("{summary}");
            if summary.new_crashes().is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("arenapy-fuzz: {e}");
            ExitCode::from(2)
        }
    }
}
