//! The parser: source text to an [`ast::Module`] (CPython's `Parser/`).
//!
//! A hand-written recursive-descent parser over the grammar of CPython 3.11
//! (`Grammar/python.gram`), one function per grammar rule, split by area:
//! [`expr`](self) for expressions, `stmt` for statements, `strings` for literals and f-strings,
//! `targets` for assignment/deletion target checks. Errors carry CPython's messages and
//! locations. Nesting is bounded ([`MAX_DEPTH`]) so no input overflows the Rust stack.

pub mod ast;
mod atoms;
pub mod error;
pub mod source;
pub mod token;
pub mod tokenizer;

mod core;
mod expr;
mod hints;
mod params;
mod patterns;
mod stmt;
mod strings;
mod targets;

pub use error::{SyntaxError, SyntaxErrorKind};

/// How much nesting (of expressions and blocks) the parser accepts before it reports
/// [`SyntaxErrorKind::RecursionLimit`], as CPython's compiler gives up with a RecursionError.
pub const MAX_DEPTH: u32 = 3000;

/// What the source is: a module, one expression, or one interactive statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A module (`compile(..., 'exec')`).
    Exec,
    /// A single expression whose value the code returns (`'eval'`).
    Eval,
    /// One interactive statement (`'single'`): module-level expression statements print
    /// their value through `sys.displayhook` (`PRINT_EXPR`), as in CPython's REPL.
    Single,
}

/// Parses `source` into a module AST.
///
/// # Errors
/// A [`SyntaxError`] located and worded as CPython 3.11 would report it.
pub fn parse(source: &str, filename: &str, mode: Mode) -> Result<ast::Module, SyntaxError> {
    run_with_big_stack(|| parse_here(source, filename, mode))
}

/// [`parse`] on the current thread's stack (callers make sure it is big enough).
pub(crate) fn parse_here(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<ast::Module, SyntaxError> {
    let source = tokenizer::normalize_newlines(source);
    let mut parser = core::Parser::new(&source, filename);
    let result = match mode {
        Mode::Eval => parser.eval_input(),
        Mode::Exec | Mode::Single => parser.file_input(),
    };
    let module = parser.finish(result)?;
    if mode == Mode::Single {
        // One statement (or several `;`-separated simple ones on its first line).
        if let [first, second, ..] = module.body.as_slice() {
            if second.span.lineno > first.span.end_lineno {
                let end = error::SyntaxError {
                    kind: SyntaxErrorKind::MultipleStatements,
                    filename: filename.to_string(),
                    lineno: first.span.end_lineno,
                    offset: first.span.end_col_offset + 1,
                    end_lineno: first.span.end_lineno,
                    end_offset: first.span.end_col_offset + 1,
                    text: tokenizer::line_text(&source, first.span.end_lineno),
                };
                return Err(end);
            }
        }
    }
    Ok(module)
}

/// Parses `source` in `compile()`'s `func_type` mode (`(argtypes) -> returns`, the form of a
/// signature type comment): the argument types and the return type.
///
/// # Errors
/// A [`SyntaxError`] as CPython reports it.
pub fn parse_func_type(
    source: &str,
    filename: &str,
) -> Result<(Vec<ast::Expr>, ast::Expr), SyntaxError> {
    run_with_big_stack(|| {
        let source = tokenizer::normalize_newlines(source);
        let mut parser = core::Parser::new(&source, filename);
        let result = parser.func_type_input();
        let module = parser.finish(result)?;
        let pair = match module.body.into_iter().next().map(|s| s.kind) {
            Some(ast::StmtKind::Expr { value }) => value.kind,
            _ => ast::ExprKind::Tuple {
                elts: Vec::new(),
                ctx: ast::ExprContext::Load,
            },
        };
        let ast::ExprKind::Tuple { elts, .. } = pair else {
            return Err(invalid(filename));
        };
        let mut elts = elts.into_iter();
        match (elts.next().map(|e| e.kind), elts.next()) {
            (Some(ast::ExprKind::Tuple { elts: args, .. }), Some(returns)) => Ok((args, returns)),
            _ => Err(invalid(filename)),
        }
    })
}

/// A bare "invalid syntax" at the start of `filename`.
fn invalid(filename: &str) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::InvalidSyntax,
        filename: filename.to_string(),
        lineno: 1,
        offset: 1,
        end_lineno: 1,
        end_offset: 0,
        text: None,
    }
}

/// Native stack the parser and the compiler may need: their nesting is bounded (too deep
/// nesting is a `SyntaxError` or `RecursionError`), but deep enough nesting recurses a few
/// thousand frames, more than a default 2 MiB thread stack holds in debug builds.
const STACK_NEEDED: usize = 64 * 1024 * 1024;

/// Size of the stack segment made when less than [`STACK_NEEDED`] is left (virtual memory:
/// only the pages used are touched).
const STACK_SEGMENT: usize = 256 * 1024 * 1024;

/// Runs `f` on the current stack when [`STACK_NEEDED`] of it is left, else on a fresh stack
/// segment of the same thread (`stacker`), so a `compile()` or `exec()` deep inside a Python
/// recursion costs no thread and no overflow.
pub(crate) fn run_with_big_stack<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(STACK_NEEDED, STACK_SEGMENT, f)
}
