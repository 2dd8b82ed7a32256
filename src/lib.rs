//! arenapy: a Python interpreter whose allocator is pluggable at run time.

pub mod compiler;
pub mod parser;
