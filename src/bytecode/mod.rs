//! What compiled code is made of, shared by the compiler (which produces it), code objects
//! (which store it) and the evaluation loop (which runs it): the instruction set
//! ([`opcode`]), the `co_flags` bits ([`flags`]) and the line and exception tables.
//!
//! A leaf module: it depends on nothing else in the crate, so the object types can read
//! instructions and tables without importing the compiler (which re-exports all of this from
//! `compiler::opcode` and `compiler::code`).

pub mod opcode;

pub use opcode::{Instr, Opcode};

/// `co_flags` bits, as CPython's `inspect.CO_*`.
pub mod flags {
    /// Locals are fast slots (functions, lambdas, comprehensions).
    pub const OPTIMIZED: u32 = 0x0001;
    /// A new dict is made for the locals (set for function-like scopes).
    pub const NEWLOCALS: u32 = 0x0002;
    /// Takes `*args`.
    pub const VARARGS: u32 = 0x0004;
    /// Takes `**kwargs`.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// Defined inside another function.
    pub const NESTED: u32 = 0x0010;
    /// A generator function.
    pub const GENERATOR: u32 = 0x0020;
    /// A coroutine (`async def`).
    pub const COROUTINE: u32 = 0x0080;
    /// An async generator.
    pub const ASYNC_GENERATOR: u32 = 0x0200;
}

/// One entry of the line table: instructions `start..end` (indexes) come from line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineEntry {
    /// First instruction index covered.
    pub start: u32,
    /// One past the last instruction index covered.
    pub end: u32,
    /// 1-based source line.
    pub line: u32,
    /// 0-based start column (in characters) of the expression that produced the instructions.
    pub col: u32,
    /// 0-based end column (in characters), exclusive.
    pub end_col: u32,
    /// 1-based end line.
    pub end_line: u32,
}

/// One entry of the exception table (CPython 3.11's `co_exceptiontable`): an exception raised by
/// instructions `start..end` jumps to `target`, with the value stack cut to `depth` items
/// (plus the last instruction index pushed first when `push_lasti`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// First instruction index covered.
    pub start: u32,
    /// One past the last instruction index covered.
    pub end: u32,
    /// The handler's instruction index.
    pub target: u32,
    /// Stack depth at the handler, before the exception is pushed.
    pub depth: u32,
    /// Whether the index of the raising instruction is pushed below the exception.
    pub push_lasti: bool,
}
