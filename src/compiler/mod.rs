//! The compiler: symbol table, code generation, opcodes, disassembly.
//!
//! [`compile`] runs the whole front end: parse ([`crate::parser`]), fold constants
//! ([`fold`]), build the symbol table ([`symtable`]) and generate code (`codegen`), giving a
//! [`code::CodeUnit`] of plain Rust data for the evaluation loop.

pub mod code;
mod codegen;
pub mod dis;
pub mod fold;
pub mod future;
pub mod index;
pub mod opcode;
mod peephole;
pub mod symtable;
pub mod unit;
pub mod unparse;

pub use crate::parser::Mode;
use crate::parser::SyntaxError;

/// The docstring of a module, class or function body (CPython's `_PyAST_GetDocString`).
pub(crate) fn codegen_docstring(body: &[crate::parser::ast::Stmt]) -> Option<&str> {
    codegen::docstring(body)
}

/// Compiles `source` to a module code object (`Mode::Exec`/`Single`) or an expression's
/// (`Mode::Eval`, which returns the value).
///
/// # Errors
/// A [`SyntaxError`] as CPython 3.11 reports it (or `RecursionError`-class when nested too
/// deeply, see [`SyntaxError::class_name`]).
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<code::CodeUnit, SyntaxError> {
    crate::parser::run_with_big_stack(|| {
        let mut module = crate::parser::parse_here(source, filename, mode)?;
        let source = crate::parser::tokenizer::normalize_newlines(source);
        let features = future::check(&module, filename, &source)?;
        fold::fold_module(&mut module, features.annotations);
        let table = symtable::build(&module, filename, &source)?;
        codegen::compile_module(&module, table, filename, &source, mode, features)
    })
}

/// Compiles an already built tree (`compile()` of `ast` node objects): no source text, so
/// syntax errors found while compiling carry no line text.
///
/// # Errors
/// A [`SyntaxError`] as for [`compile`].
pub fn compile_tree(
    mut module: crate::parser::ast::Module,
    filename: &str,
    mode: Mode,
) -> Result<code::CodeUnit, SyntaxError> {
    crate::parser::run_with_big_stack(|| {
        let source = String::new();
        let features = future::check(&module, filename, &source)?;
        fold::fold_module(&mut module, features.annotations);
        let table = symtable::build(&module, filename, &source)?;
        codegen::compile_module(&module, table, filename, &source, mode, features)
    })
}
