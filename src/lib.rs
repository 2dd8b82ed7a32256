//! arenapy: a Python interpreter whose allocator is pluggable at run time.
//!
//! The pipeline follows CPython's: [`parser`] (tokenizer, parser, AST) → [`compiler`] (symbol
//! table, code generation) → [`vm`] (evaluation loop) over the objects of [`objects`], whose
//! memory comes from the heap in [`object`] through the strategy chosen at start-up
//! (crate `arenapy-allocators`). See ARCHITECTURE.md.

#![deny(unsafe_code)]

pub mod bytecode;
pub mod compiler;
pub mod gc;
pub mod modules;
pub mod object;
pub mod objects;
pub mod parser;
pub mod tools;
pub mod vm;

pub use arenapy_allocators::{AllocStats, StrategyKind};
pub use vm::{Config, Interpreter, RunOutcome};
