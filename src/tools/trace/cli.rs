//! The `arenapy trace` command line (`record`, `replay`, `stats`).

use arenapy_allocators::StrategyKind;
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;

fn parse_strategy(s: &str) -> Result<StrategyKind, String> {
    s.parse::<StrategyKind>().map_err(|e| e.to_string())
}

/// `arenapy trace`.
#[derive(Parser, Debug)]
#[command(
    name = "arenapy trace",
    about = "Record a program's heap events once; replay them on every allocator strategy \
             with no interpreter, or show what they are"
)]
struct TraceCli {
    #[command(subcommand)]
    command: TraceCommand,
}

#[derive(clap::Subcommand, Debug)]
enum TraceCommand {
    /// Run SCRIPT and write every heap event (allocation, free, realloc, collection) to OUT.
    Record {
        /// Record each allocation's Python site (`qualname (file.py:line)`).
        #[arg(long)]
        frames: bool,
        /// The strategy to run on (the trace is the same under every strategy).
        #[arg(long, default_value = "pymalloc", value_parser = parse_strategy)]
        allocator: StrategyKind,
        /// Also print the allocator's statistics at exit (as `arenapy --stats`).
        #[arg(long)]
        stats: bool,
        /// The trace file to write.
        out: PathBuf,
        /// The script, then its arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        args: Vec<String>,
    },
    /// Replay TRACE on each strategy: time per event, footprint, fragmentation, pages touched.
    Replay {
        /// Strategies, comma-separated (default: all).
        #[arg(long, value_delimiter = ',', value_parser = parse_strategy)]
        allocators: Vec<StrategyKind>,
        /// Timed runs per strategy (the median is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Write a self-contained HTML report (table and charts).
        #[arg(long, value_name = "REPORT.html")]
        html: Option<PathBuf>,
        /// Wrap each strategy in the debug allocator.
        #[arg(long)]
        debug_alloc: bool,
        /// Replay every strategy in this process (by default each runs in a fresh child
        /// process, so that resident-memory figures are its own).
        #[arg(long)]
        in_process: bool,
        /// Internal: replay in this process and print the reports as JSON for the parent.
        #[arg(long, hide = true)]
        child: bool,
        /// Internal: only the timed runs (no samples, footprints or peak check).
        #[arg(long, hide = true)]
        no_profile: bool,
        /// The trace file.
        trace: PathBuf,
    },
    /// Show a trace's events, size classes, lifetimes and (with sites) top allocation sites.
    Stats {
        /// How many sites to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The trace file.
        trace: PathBuf,
    },
}

/// Runs `arenapy trace ...` (`argv` from `trace` on): `replay` and `stats` here, returning the
/// exit status; `record` becomes a normal run of the script with the hidden recording flags,
/// returned as that run's command line (`Err`), which the caller runs on the interpreter
/// thread.
pub fn run(argv: &[String]) -> Result<u8, Vec<String>> {
    let cli = TraceCli::parse_from(argv);
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        TraceCommand::Record {
            frames,
            allocator,
            stats,
            out: file,
            args,
        } => {
            let mut argv = vec![
                "arenapy".to_string(),
                "--allocator".to_string(),
                allocator.name().to_string(),
                "--trace-record".to_string(),
                file.display().to_string(),
            ];
            if frames {
                argv.push("--trace-frames".to_string());
            }
            if stats {
                argv.push("--stats".to_string());
            }
            argv.push("--".to_string());
            argv.extend(args);
            return Err(argv);
        }
        TraceCommand::Replay {
            allocators,
            repeat,
            json,
            html,
            debug_alloc,
            in_process,
            child,
            no_profile,
            trace,
        } => {
            let args = super::ReplayArgs {
                trace,
                allocators: if allocators.is_empty() {
                    StrategyKind::ALL.to_vec()
                } else {
                    allocators
                },
                repeat: if child { repeat } else { repeat.max(1) },
                debug: debug_alloc,
                in_process: in_process || child,
                profile: !no_profile,
            };
            if child {
                return Ok(match super::child_json(&args) {
                    Ok(text) => {
                        let _ = write!(out, "{text}");
                        0
                    }
                    Err(e) => {
                        eprintln!("arenapy trace: {e:#}");
                        2
                    }
                });
            }
            super::replay(&args).and_then(|r| {
                if let Some(p) = &html {
                    super::super::launch::write_file(p, &super::report::html(&r))?;
                }
                Ok(if json {
                    super::report::json(&r)? + "\n"
                } else {
                    super::report::table(&r)
                })
            })
        }
        TraceCommand::Stats { top, json, trace } => super::stats(&trace, top, json),
    };
    match result {
        Ok(text) => {
            let _ = write!(out, "{text}");
            Ok(0)
        }
        Err(e) => {
            eprintln!("arenapy trace: {e:#}");
            Ok(2)
        }
    }
}
