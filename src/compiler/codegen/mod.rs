//! Code generation (CPython's `Python/compile.c`): AST plus symbol table to [`CodeUnit`]s.
//!
//! One [`UnitBuilder`] per code object being compiled, kept on a stack as scopes nest.
//! Statements are in `stmt.rs`, expressions in `expr.rs`, code objects made from `def`,
//! `lambda`, `class` and comprehensions in `scopes.rs`. Conventions the evaluation loop relies
//! on are documented on the opcodes (`opcode.rs`).

mod exceptions;
mod expr;
mod pattern;
mod scopes;
mod stmt;

use super::code::{flags, CodeUnit, Constant};
use super::future::Features;
use super::index::NameTable;
use super::opcode::Opcode;
use super::symtable::{NameScope, ScopeKind, SymbolTable};
use super::unit::{Label, Loc, UnitBuilder};
use crate::parser::ast::{Expr, Module, Span, Stmt, StmtKind};
use crate::parser::{Mode, SyntaxError, SyntaxErrorKind};

/// CPython's `CO_MAXBLOCKS`: statically nested loops/try/with blocks allowed.
const MAX_BLOCKS: usize = 20;

/// A block on the frame-block stack, for `break`/`continue`/`return` to unwind through.
#[derive(Clone)]
enum FBlock<'a> {
    /// A `for` loop: its iterator is on the stack.
    For { cont: Label, brk: Label },
    /// A `while` loop.
    While { cont: Label, brk: Label },
    /// The body of `try` with `except` handlers.
    TryExcept,
    /// The body of `try` with `finally`: the final body is inlined on the way out.
    FinallyTry { body: &'a [Stmt], depth: u32 },
    /// The `finally` body on the exceptional path: `[prev_exc, exc]` on the stack.
    FinallyEnd,
    /// The body of `with` or `async with`: `__exit__` on the stack.
    With { is_async: bool },
    /// The handlers of `try`/`except*` (no `break`/`continue`/`return` through them).
    ExceptGroupHandler,
    /// An `except` body: the previous exception on the stack; `name` cleared on exit.
    HandlerCleanup { name: Option<String> },
    /// A value saved on the stack (a return value while a `finally` body runs).
    PopValue,
}

struct FBlockEntry<'a> {
    block: FBlock<'a>,
    /// Handler-stack length outside this block's protection.
    handlers: usize,
}

/// The state of one code object being compiled.
struct UnitState<'a> {
    b: UnitBuilder,
    scope: usize,
    kind: ScopeKind,
    qualname: String,
    fblocks: Vec<FBlockEntry<'a>>,
    /// Value-stack depth at statement level (iterators, `__exit__`s, saved exceptions).
    depth: u32,
    /// Handler stack length (mirrors the builder's).
    handlers: usize,
    /// The enclosing class's name, for private name mangling (CPython's `u_private`).
    private: Option<String>,
}

/// The compiler.
pub(crate) struct Compiler<'a> {
    table: SymbolTable,
    filename: &'a str,
    source: &'a str,
    units: Vec<UnitState<'a>>,
    /// What the module's `from __future__` imports enable.
    future: Features,
    /// `Mode::Single`: module-level expression statements print their value (`PRINT_EXPR`).
    interactive: bool,
}

/// A compile step's result.
type CResult<T = ()> = Result<T, SyntaxError>;

/// Compiles a parsed (and folded) module.
pub(crate) fn compile_module(
    module: &Module,
    table: SymbolTable,
    filename: &str,
    source: &str,
    mode: Mode,
    future: Features,
) -> Result<CodeUnit, SyntaxError> {
    let mut c = Compiler {
        table,
        filename,
        source,
        units: Vec::new(),
        future,
        interactive: false,
    };
    c.push_unit(0, "<module>".into());
    c.u().b.loc = Some(Loc::default());
    c.emit(Opcode::RESUME, 0);
    match mode {
        Mode::Eval => {
            if let Some(Stmt {
                kind: StmtKind::Expr { value },
                ..
            }) = module.body.first()
            {
                c.set_loc(value.span);
                c.expr(value)?;
                c.emit(Opcode::RETURN_VALUE, 0);
            }
        }
        Mode::Exec => {
            if find_ann(&module.body) {
                c.set_loc(module.body[0].span);
                c.emit(Opcode::SETUP_ANNOTATIONS, 0);
            }
            c.docstring_to_doc(&module.body)?;
            c.stmts(&module.body)?;
            c.load_const(Constant::None);
            c.emit(Opcode::RETURN_VALUE, 0);
        }
        Mode::Single => {
            if find_ann(&module.body) {
                c.set_loc(module.body[0].span);
                c.emit(Opcode::SETUP_ANNOTATIONS, 0);
            }
            c.interactive = true;
            c.stmts(&module.body)?;
            c.load_const(Constant::None);
            c.emit(Opcode::RETURN_VALUE, 0);
        }
    }
    let shell = c.shell("<module>", "<module>", 1, 0);
    Ok(c.pop_unit(shell))
}

impl<'a> Compiler<'a> {
    fn u(&mut self) -> &mut UnitState<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn ur(&self) -> &UnitState<'a> {
        self.units.last().expect("a unit is being compiled")
    }

    fn push_unit(&mut self, scope: usize, qualname: String) {
        let s = &self.table.scopes[scope];
        // A class body mangles with its own name; other scopes inherit the enclosing one's.
        let private = match s.kind {
            ScopeKind::Class => Some(s.name.clone()),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        let mut b = UnitBuilder::default();
        for p in &s.params {
            b.add_varname(p);
        }
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            for l in s.locals() {
                b.add_varname(l);
            }
        }
        b.cellvars = NameTable::from_names(s.cellvars());
        b.freevars = NameTable::from_names(s.freevars());
        self.units.push(UnitState {
            b,
            scope,
            kind: s.kind,
            qualname,
            fblocks: Vec::new(),
            depth: 0,
            handlers: 0,
            private,
        });
    }

    /// A `CodeUnit` with everything but the builder's parts filled in.
    fn shell(&self, name: &str, qualname: &str, firstlineno: u32, flags: u32) -> CodeUnit {
        CodeUnit {
            name: name.into(),
            qualname: qualname.into(),
            filename: self.filename.into(),
            firstlineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
            instructions: vec![],
            consts: vec![],
            names: vec![],
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            cell2arg: vec![],
            linetable: vec![],
            exceptiontable: vec![],
            stacksize: 0,
        }
    }

    fn pop_unit(&mut self, mut shell: CodeUnit) -> CodeUnit {
        let u = self.units.pop().expect("a unit is being compiled");
        let params = &self.table.scopes[u.scope].params;
        shell.cell2arg = if u.b.cellvars.is_empty() {
            Vec::new()
        } else {
            let params = NameTable::from_names(params.clone());
            u.b.cellvars
                .as_slice()
                .iter()
                .map(|c| params.get(c))
                .collect()
        };
        u.b.assemble(shell)
    }

    fn emit(&mut self, op: Opcode, arg: u32) {
        self.u().b.emit(op, arg);
    }

    fn jump(&mut self, op: Opcode, label: Label) {
        self.u().b.jump(op, label);
    }

    fn new_label(&mut self) -> Label {
        self.u().b.new_label()
    }

    fn bind(&mut self, label: Label) {
        self.u().b.bind(label);
    }

    fn load_const(&mut self, c: Constant) {
        let i = self.u().b.add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    fn set_loc(&mut self, span: Span) {
        self.u().b.loc = Some(Loc {
            line: span.lineno,
            col: span.col_offset,
            end_line: span.end_lineno,
            end_col: span.end_col_offset,
        });
    }

    fn error(&self, kind: SyntaxErrorKind, span: Span) -> SyntaxError {
        SyntaxError {
            kind,
            filename: self.filename.to_string(),
            lineno: span.lineno,
            offset: span.col_offset + 1,
            end_lineno: span.end_lineno,
            end_offset: span.end_col_offset + 1,
            text: crate::parser::tokenizer::line_text(self.source, span.lineno),
        }
    }

    /// Enters a frame block that protects nothing by itself (a loop, a value to pop).
    fn push_fblock(&mut self, block: FBlock<'a>, span: Span) -> CResult {
        let handlers = self.ur().handlers;
        self.push_guarded_fblock(block, span, handlers)
    }

    /// Enters a frame block whose construct pushed its own handlers on top of the first
    /// `outer`: unwinding through it (`return`, `break`, `continue`) ends their ranges before
    /// the clean-up code, as CPython's `POP_BLOCK` does, so an inlined `finally` body or
    /// `__exit__` call is not protected by the construct it is leaving.
    fn push_guarded_fblock(&mut self, block: FBlock<'a>, span: Span, outer: usize) -> CResult {
        if self.ur().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error(SyntaxErrorKind::TooManyNestedBlocks, span));
        }
        self.u().fblocks.push(FBlockEntry {
            block,
            handlers: outer,
        });
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    fn push_handler(&mut self, label: Label, depth: u32, lasti: bool) {
        self.u().b.push_handler(label, depth, lasti);
        self.u().handlers += 1;
    }

    fn pop_handler(&mut self) {
        self.u().b.pop_handler();
        self.u().handlers -= 1;
    }

    /// `name` mangled for the enclosing class, if it is a private name (CPython's
    /// `_Py_Mangle`).
    fn mangle(&self, name: &str) -> String {
        super::symtable::mangle(self.ur().private.as_deref(), name)
    }

    /// Index in `co_names` of `name`, mangled (CPython's `ADDOP_NAME`).
    fn mangled_name(&mut self, name: &str) -> u32 {
        let m = self.mangle(name);
        self.u().b.add_name(&m)
    }

    /// Emits the load/store/delete of `name` for the current scope.
    fn name_op(&mut self, name: &str, ctx: crate::parser::ast::ExprContext) {
        use crate::parser::ast::ExprContext::*;
        let mangled = self.mangle(name);
        let name = mangled.as_str();
        let scope = self.table.scopes[self.ur().scope].scope_of(name);
        let kind = self.ur().kind;
        let function_like = matches!(kind, ScopeKind::Function | ScopeKind::Comprehension);
        // A free name is the free variable even where the scope also has a cell of that name
        // (`__class__` in a class body inside a method).
        let deref_slot = match scope {
            NameScope::Free => self.ur().b.free_slot(name),
            _ => None,
        }
        .or_else(|| self.ur().b.deref_slot(name));
        let (op, arg) = match (scope, deref_slot) {
            (NameScope::Free | NameScope::Cell, Some(slot)) => {
                let op = match ctx {
                    Load if kind == ScopeKind::Class && scope == NameScope::Free => {
                        Opcode::LOAD_CLASSDEREF
                    }
                    Load => Opcode::LOAD_DEREF,
                    Store => Opcode::STORE_DEREF,
                    Del => Opcode::DELETE_DEREF,
                };
                (op, slot)
            }
            (NameScope::Local, _) if function_like => {
                let op = match ctx {
                    Load => Opcode::LOAD_FAST,
                    Store => Opcode::STORE_FAST,
                    Del => Opcode::DELETE_FAST,
                };
                (op, self.u().b.add_varname(name))
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, _) if function_like => {
                let op = match ctx {
                    Load => Opcode::LOAD_GLOBAL,
                    Store => Opcode::STORE_GLOBAL,
                    Del => Opcode::DELETE_GLOBAL,
                };
                (op, self.u().b.add_name(name))
            }
            (NameScope::GlobalExplicit, _) => {
                let op = match ctx {
                    Load => Opcode::LOAD_GLOBAL,
                    Store => Opcode::STORE_GLOBAL,
                    Del => Opcode::DELETE_GLOBAL,
                };
                (op, self.u().b.add_name(name))
            }
            _ => {
                let op = match ctx {
                    Load => Opcode::LOAD_NAME,
                    Store => Opcode::STORE_NAME,
                    Del => Opcode::DELETE_NAME,
                };
                (op, self.u().b.add_name(name))
            }
        };
        self.emit(op, arg);
    }

    /// Module and class docstrings become `__doc__`.
    fn docstring_to_doc(&mut self, body: &[Stmt]) -> CResult {
        if let Some(doc) = docstring(body) {
            self.set_loc(body[0].span);
            self.load_const(Constant::Str(doc.to_string()));
            self.name_op("__doc__", crate::parser::ast::ExprContext::Store);
        }
        Ok(())
    }

    /// Whether the current code object is an `async def` (or a comprehension, which may
    /// await when its enclosing function may: CPython's `COMPILER_SCOPE_COMPREHENSION`).
    fn in_async_function(&self) -> bool {
        let s = &self.table.scopes[self.ur().scope];
        s.is_async_def || s.kind == ScopeKind::Comprehension
    }

    fn code_flags(&self, scope: usize) -> u32 {
        let s = &self.table.scopes[scope];
        let mut f = 0;
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            f |= flags::OPTIMIZED | flags::NEWLOCALS;
        }
        if s.nested {
            f |= flags::NESTED;
        }
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            f |= match (s.is_generator, s.is_coroutine) {
                (true, false) => flags::GENERATOR,
                (false, true) => flags::COROUTINE,
                (true, true) => flags::ASYNC_GENERATOR,
                (false, false) => 0,
            };
        }
        f
    }
}

/// Whether a module or class body has annotated assignments (outside nested functions and
/// classes): CPython's `find_ann`, which decides on `SETUP_ANNOTATIONS`.
fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } => find_ann(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
        | StmtKind::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(body)
                || find_ann(finalbody)
                || find_ann(orelse)
        }
        _ => false,
    })
}

/// The docstring of a body: a leading string-constant expression statement.
pub(super) fn docstring(body: &[Stmt]) -> Option<&str> {
    let Some(Stmt {
        kind: StmtKind::Expr { value },
        ..
    }) = body.first()
    else {
        return None;
    };
    match &value.kind {
        crate::parser::ast::ExprKind::Constant {
            value: crate::parser::ast::Constant::Str(s),
            ..
        } => Some(s),
        _ => None,
    }
}

/// Whether `e` is a compile-time constant (after folding).
fn as_constant(e: &Expr) -> Option<Constant> {
    match &e.kind {
        crate::parser::ast::ExprKind::Constant { value, .. } => Some(to_code_const(value)),
        _ => None,
    }
}

/// Converts an AST constant to a code constant.
fn to_code_const(c: &crate::parser::ast::Constant) -> Constant {
    use crate::parser::ast::Constant as A;
    match c {
        A::None => Constant::None,
        A::Bool(b) => Constant::Bool(*b),
        A::Int(i) => Constant::Int(i.clone()),
        A::Float(f) => Constant::Float(*f),
        A::Complex(r, i) => Constant::Complex(*r, *i),
        A::Str(s) => Constant::Str(s.clone()),
        A::StrSurrogates(b) => Constant::StrSurrogates(b.clone()),
        A::Bytes(b) => Constant::Bytes(b.clone()),
        A::Ellipsis => Constant::Ellipsis,
        A::Tuple(items) => Constant::Tuple(items.iter().map(to_code_const).collect()),
    }
}
