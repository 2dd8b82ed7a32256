//! What the compiler hands the interpreter: plain Rust data, no Python objects.
//!
//! A [`CodeUnit`] is the compiler's form of a code object. The interpreter turns it into a Python
//! `code` object (allocated in the selected heap) when a module is loaded, so the front end never
//! touches the object heap and can be tested, fuzzed and benchmarked on its own.

use super::opcode::Instr;
pub use crate::bytecode::{flags, ExceptionEntry, LineEntry};
use num_bigint::BigInt;

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
    /// A str holding a lone surrogate: its generalized UTF-8 (`objects::wtf8`).
    StrSurrogates(Vec<u8>),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`
    Ellipsis,
    /// A tuple of constants (folded literals, keyword-name tuples, default tuples).
    Tuple(Vec<Constant>),
    /// A nested code object (functions, lambdas, classes, comprehensions).
    Code(Box<CodeUnit>),
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
        // The table is ordered by `start` and its ranges do not overlap: the entry that can
        // hold `index` is the last one starting at or before it.
        let index = index as u32;
        let after = self.linetable.partition_point(|e| e.start <= index);
        let e = self.linetable.get(after.checked_sub(1)?)?;
        (index < e.end).then_some(e.line)
    }

    /// Local slots: `varnames`, then `cellvars`, then `freevars` (CPython's "localsplus").
    pub fn nlocalsplus(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }
}
