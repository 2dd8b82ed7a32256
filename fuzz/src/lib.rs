//! A differential fuzzer for arenapy that runs on stable Rust.
//!
//! It makes Python programs — random valid ones from a small grammar-based generator
//! ([`gen`]), and mutations of the project's test programs and of CPython's standard library
//! ([`mutate`]) — runs each under arenapy with random allocator and collector options and under
//! `python3 -S`, and sorts what it sees:
//!
//! * **crashes** ([`classify`]): signals, aborts, panics, fatal heap-verification and
//!   allocator errors, leaks at teardown, hangs. Each new one is minimized line by line
//!   ([`minimize`]) and written to `OUT/crashes/` with the command that reproduces it.
//! * **output differences** ([`diff`]): stdout or exit code unlike CPython's, bucketed by the
//!   first differing line or the exception arenapy raised, one example per bucket in
//!   `OUT/diffs/`.
//!
//! Everything is deterministic from the campaign seed and a case's index ([`case`]).

pub mod campaign;
pub mod case;
pub mod classify;
pub mod corpus;
pub mod diff;
pub mod exec;
pub mod gen;
pub mod minimize;
pub mod mutate;
pub mod regressions;
pub mod report;

pub use campaign::{run, Options};
pub use classify::{classify, CrashClass, Signature};
pub use report::Summary;
