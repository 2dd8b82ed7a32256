//! The compiler: symbol table, code generation, opcodes, disassembly.
//!
//! [`compile`] runs the whole front end: parse ([`crate::parser`]), fold constants
//! ([`fold`]), build the symbol table ([`symtable`]) and generate code (`codegen`), giving a
//! [`code::CodeUnit`] of plain Rust data for the evaluation loop.

pub mod code;
mod codegen;
pub mod dis;
pub mod fold;
pub mod opcode;
pub mod symtable;
pub mod unit;

pub use crate::parser::Mode;
use crate::parser::SyntaxError;

/// Compiles `source` to a module code object (`Mode::Exec`/`Single`) or an expression's
/// (`Mode::Eval`, which returns the value).
///
/// # Errors
/// A [`SyntaxError`] as CPython 3.11 reports it (or `RecursionError`-class when nested too
/// deeply, see [`SyntaxError::class_name`]).
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<code::CodeUnit, SyntaxError> {
    crate::parser::run_with_big_stack(|| {
        let mut module = crate::parser::parse_here(source, filename, mode)?;
        fold::fold_module(&mut module);
        let source = crate::parser::tokenizer::normalize_newlines(source);
        let table = symtable::build(&module, filename, &source)?;
        codegen::compile_module(&module, table, filename, &source, mode)
    })
}
