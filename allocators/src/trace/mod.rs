//! Heap traces: a program's sequence of allocation requests, recorded once and replayed on
//! every strategy, so that an allocator's own cost is measured on real programs.
//!
//! * [`format`]: the file format (header, varint records, implicit block ids);
//! * [`writer`]: [`TraceWriter`], streaming events to a file;
//! * [`reader`]: [`TraceReader`], checking every record (errors name the byte offset);
//! * [`replay`]: decoding into [`Ops`] and [`replay`](replay::replay)ing them on a strategy;
//! * [`stats`]: the size, lifetime and site figures of a trace.
//!
//! The interpreter records (`arenapy trace record`); this crate knows nothing about Python.

pub mod format;
pub mod reader;
pub mod replay;
pub mod stats;
pub mod writer;

pub use format::{Event, TraceError};
pub use reader::{Header, TraceReader};
pub use replay::{replay, Ops, ReplayError, ReplayOptions, ReplayReport};
pub use stats::{trace_stats, TraceStats};
pub use writer::{Totals, TraceWriter};

#[cfg(test)]
mod tests;
