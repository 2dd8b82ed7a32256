//! The user's tools around the interpreter: comparing allocators on one program, heap profiles
//! in DHAT's format, reports, and the interactive prompt.
//!
//! | file | what |
//! |---|---|
//! | [`addr_map`] | live block addresses to values, for the tracers (a radix table, not a hash map) |
//! | [`position_memo`] | what the tracers derived from the Python stack, per recent stack position |
//! | [`run_stats`] | what one run measured (`--stats-json`) and the live/footprint sampler (`--samples`) |
//! | [`compare`] | `arenapy compare`: one child process per strategy, a table, JSON |
//! | [`svg`] | the live-bytes and footprint chart of a comparison |
//! | [`report_html`] | the self-contained HTML report of a comparison |
//! | [`heap_profile`] | `--heap-profile FILE`: Python-level heap profile in DHAT's JSON format |
//! | [`launch`] | running a program with the tools the command line asks for (`-X`, `-m`) |
//! | [`repl`] | `arenapy` with no script: the interactive prompt |
//! | [`trace`] | `arenapy trace record/replay/stats`: heap traces replayed on every strategy |
//!
//! These modules may use `anyhow` for errors (the rest of the library uses typed errors).

pub mod addr_map;
pub mod compare;
pub mod heap_profile;
pub mod launch;
pub mod position_memo;
pub mod repl;
pub mod report_html;
pub mod run_stats;
pub mod svg;
pub mod trace;
