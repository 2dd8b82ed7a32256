//! What the compiler hands the interpreter: plain Rust data, no Python objects.
//!
//! A [`CodeUnit`] is the compiler's form of a code object. The interpreter turns it into a Python
//! `code` object (allocated in the selected heap) when a module is loaded, so the front end never
//! touches the object heap and can be tested, fuzzed and benchmarked on its own.

use super::opcode::Instr;
use num_bigint::BigInt;

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

/// A compile-time constant (`co_consts` entry).
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// An int of any size.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// A str.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`
    Ellipsis,
    /// A tuple of constants (folded literals, keyword-name tuples, default tuples).
    Tuple(Vec<Constant>),
    /// A nested code object (functions, lambdas, classes, comprehensions).
    Code(Box<CodeUnit>),
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

/// A compiled code object, before it becomes a Python object.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeUnit {
    /// `co_name`: the function, class or `<module>`/`<lambda>`/`<listcomp>` name.
    pub name: String,
    /// `co_qualname`: dotted path, e.g. `outer.<locals>.inner`.
    pub qualname: String,
    /// `co_filename`.
    pub filename: String,
    /// `co_firstlineno`.
    pub firstlineno: u32,
    /// `co_argcount`: positional parameters (including positional-only).
    pub argcount: u32,
    /// `co_posonlyargcount`.
    pub posonlyargcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonlyargcount: u32,
    /// `co_flags` (see [`flags`]).
    pub flags: u32,
    /// The instructions.
    pub instructions: Vec<Instr>,
    /// `co_consts`.
    pub consts: Vec<Constant>,
    /// `co_names`: global, attribute and import names.
    pub names: Vec<String>,
    /// `co_varnames`: parameters first (positional, keyword-only, `*args`, `**kwargs`), then locals.
    pub varnames: Vec<String>,
    /// `co_cellvars`: locals captured by inner scopes.
    pub cellvars: Vec<String>,
    /// `co_freevars`: variables of enclosing scopes used here.
    pub freevars: Vec<String>,
    /// For each cell variable that is also a parameter, its index in `varnames`
    /// (`MAKE_CELL` copies the argument into the cell); `None` otherwise.
    pub cell2arg: Vec<Option<u32>>,
    /// Line table, ordered by `start`. Instructions with no source line (the
    /// `MAKE_CELL`/`COPY_FREE_VARS` prologue before `RESUME`) are not covered; the module's
    /// first `RESUME` has line 0, as in CPython 3.11.
    pub linetable: Vec<LineEntry>,
    /// Exception table, ordered by `start`.
    pub exceptiontable: Vec<ExceptionEntry>,
    /// The deepest the value stack gets.
    pub stacksize: u32,
}

impl CodeUnit {
    /// The source line of instruction `index`, if the line table covers it.
    pub fn line_of(&self, index: usize) -> Option<u32> {
        let index = index as u32;
        self.linetable
            .iter()
            .find(|e| e.start <= index && index < e.end)
            .map(|e| e.line)
    }

    /// Local slots: `varnames`, then `cellvars`, then `freevars` (CPython's "localsplus").
    pub fn nlocalsplus(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }
}
