//! The symbol table (CPython's `Python/symtable.c`): which names each scope binds, and whether
//! each name is local, global, free (from an enclosing function) or a cell (captured by an
//! inner scope).
//!
//! Two passes, as in CPython: [`build`] walks the AST recording, per scope, how each name is
//! used (`DEF_*`/`USE` flags); `analyze` then resolves every name to a [`NameScope`], turning
//! locals captured by inner functions into cells and threading free variables through
//! intermediate scopes (including class bodies). Scopes are keyed by the address of the AST
//! node that opens them (never dereferenced), so code generation can find them again.

use std::collections::{HashMap, HashSet};

use crate::parser::ast::{
    Arguments, Comprehension, Expr, ExprKind, Module, Pattern, PatternKind, Span, Stmt, StmtKind,
};
use crate::parser::{SyntaxError, SyntaxErrorKind};

mod analyze;
use analyze::analyze;

/// Assigned in the scope.
pub const DEF_LOCAL: u32 = 1;
/// Declared `global`.
pub const DEF_GLOBAL: u32 = 2;
/// Declared `nonlocal`.
pub const DEF_NONLOCAL: u32 = 4;
/// A parameter.
pub const DEF_PARAM: u32 = 8;
/// Read.
pub const USE: u32 = 16;
/// Bound by an import.
pub const DEF_IMPORT: u32 = 32;
/// Bound in the enclosing function by a walrus inside a comprehension.
pub const DEF_COMP_OUTER: u32 = 64;
/// An iteration variable of a comprehension (CPython's `DEF_COMP_ITER`).
pub const DEF_COMP_ITER: u32 = 128;

const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Private name mangling (CPython's `_Py_Mangle`): inside class `private`, a name starting
/// with two underscores and not ending with two (nor dotted) becomes `_Class__name`, with
/// the class name's leading underscores stripped.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.to_string();
    }
    format!("_{class}{name}")
}

/// What kind of block a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module.
    Module,
    /// A `def` or `lambda`.
    Function,
    /// A class body.
    Class,
    /// A comprehension or generator expression (its own function in 3.11).
    Comprehension,
}

/// Where a name lives, once resolved (`symtable.c`'s `LOCAL`, `GLOBAL_EXPLICIT`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    /// A local of this scope.
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
    /// Bound in an enclosing function.
    Free,
    /// A local captured by an inner scope.
    Cell,
}

/// One scope's table.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Its kind.
    pub kind: ScopeKind,
    /// Its name (`<module>`, the function or class name, `<lambda>`, `<listcomp>`...).
    pub name: String,
    /// Names in first-seen order, with their flags.
    pub symbols: Vec<(String, u32)>,
    index: HashMap<String, usize>,
    /// Resolved scopes of the names (after analysis).
    pub resolved: HashMap<String, NameScope>,
    /// Parameter names in `co_varnames` order.
    pub params: Vec<String>,
    /// Child scopes, in source order.
    pub children: Vec<usize>,
    /// Contains `yield` / `yield from` (a generator).
    pub is_generator: bool,
    /// An `async def`, or a scope containing `await` or an asynchronous comprehension
    /// (CPython's `ste_coroutine`).
    pub is_coroutine: bool,
    /// An `async def` (CPython's `COMPILER_SCOPE_ASYNC_FUNCTION`).
    pub is_async_def: bool,
    /// Inside a function (CO_NESTED).
    pub nested: bool,
    /// Whether the class body needs a `__class__` cell (class scopes).
    pub needs_class_cell: bool,
    /// Names bound by a name that is also free in a class (DEF_FREE_CLASS).
    pub free_class: HashSet<String>,
    /// Where each name's first `global`/`nonlocal` statement is (errors about a declaration
    /// point there, as CPython's `error_at_directive`).
    directives: HashMap<String, Span>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, nested: bool) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: Vec::new(),
            index: HashMap::new(),
            resolved: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            is_async_def: false,
            nested,
            needs_class_cell: false,
            free_class: HashSet::new(),
            directives: HashMap::new(),
        }
    }

    fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn add(&mut self, name: &str, flag: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 |= flag,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push((name.to_string(), flag));
            }
        }
    }

    /// How `name` resolves here (names never seen are implicit globals).
    pub fn scope_of(&self, name: &str) -> NameScope {
        self.resolved
            .get(name)
            .copied()
            .unwrap_or(NameScope::GlobalImplicit)
    }

    /// Locals that are not parameters, in first-seen order.
    pub fn locals(&self) -> impl Iterator<Item = &str> {
        let params: HashSet<&str> = self.params.iter().map(String::as_str).collect();
        self.symbols.iter().filter_map(move |(n, _)| {
            (self.resolved.get(n) == Some(&NameScope::Local) && !params.contains(n.as_str()))
                .then_some(n.as_str())
        })
    }

    /// Cell variables, sorted (as CPython orders `co_cellvars`).
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .resolved
            .iter()
            .filter(|(_, s)| **s == NameScope::Cell)
            .map(|(n, _)| n.clone())
            .collect();
        if self.needs_class_cell && !v.iter().any(|n| n == "__class__") {
            v.push("__class__".into());
        }
        v.sort();
        v
    }

    /// Free variables, sorted (as CPython orders `co_freevars`).
    pub fn freevars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .resolved
            .iter()
            .filter(|(_, s)| **s == NameScope::Free)
            .map(|(n, _)| n.clone())
            .chain(self.free_class.iter().cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// All scopes of a module; scope 0 is the module.
#[derive(Debug, Clone)]
pub struct SymbolTable {
    /// The scopes.
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    /// The scope opened by the AST node at `node` (a `Stmt` or `Expr` address).
    pub fn scope_for<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

/// Builds and analyses the symbol table of `module`.
///
/// # Errors
/// CPython's symtable errors (`nonlocal` at module level, misplaced `global`, ...).
pub fn build(module: &Module, filename: &str, source: &str) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        table: SymbolTable {
            scopes: vec![Scope::new(ScopeKind::Module, "<module>", false)],
            by_node: HashMap::new(),
        },
        stack: vec![0],
        filename,
        source,
        private: None,
        iter_expr: vec![0],
        iter_target: false,
    };
    for s in &module.body {
        b.stmt(s)?;
    }
    let mut table = b.table;
    analyze(&mut table, 0, &HashSet::new(), filename, source)?;
    Ok(table)
}

struct Builder<'a> {
    table: SymbolTable,
    stack: Vec<usize>,
    filename: &'a str,
    source: &'a str,
    /// The innermost enclosing class's name, for mangling (CPython's `st_private`).
    private: Option<String>,
    /// Per open scope (parallel to `stack`): how many comprehension iterable expressions are
    /// being visited in it or its parent when it opened (CPython's `ste_comp_iter_expr`).
    iter_expr: Vec<u32>,
    /// A comprehension's `for` target is being visited (CPython's `ste_comp_iter_target`).
    iter_target: bool,
}

fn error(kind: SyntaxErrorKind, span: Span, filename: &str, source: &str) -> SyntaxError {
    SyntaxError {
        kind,
        filename: filename.to_string(),
        lineno: span.lineno,
        offset: span.col_offset + 1,
        end_lineno: span.end_lineno,
        end_offset: span.end_col_offset + 1,
        text: crate::parser::tokenizer::line_text(source, span.lineno),
    }
}

type SResult = Result<(), SyntaxError>;

impl Builder<'_> {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("scope stack never empty");
        &mut self.table.scopes[id]
    }

    fn err(&self, kind: SyntaxErrorKind, span: Span) -> SyntaxError {
        error(kind, span, self.filename, self.source)
    }

    fn add(&mut self, name: &str, flag: u32) {
        let name = mangle(self.private.as_deref(), name);
        self.cur().add(&name, flag);
    }

    fn enter<T>(&mut self, node: &T, kind: ScopeKind, name: &str) -> usize {
        let parent = *self.stack.last().expect("scope stack never empty");
        let parent_kind = self.table.scopes[parent].kind;
        let nested = self.table.scopes[parent].nested
            || matches!(parent_kind, ScopeKind::Function | ScopeKind::Comprehension);
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind, name, nested));
        self.table.scopes[parent].children.push(id);
        self.table.by_node.insert(node as *const T as usize, id);
        self.stack.push(id);
        // A scope opened inside a comprehension's iterable is inside it too.
        let inherited = self.iter_expr.last().copied().unwrap_or(0);
        self.iter_expr.push(inherited);
        id
    }

    fn leave(&mut self) {
        self.stack.pop();
        self.iter_expr.pop();
    }

    /// Visits a comprehension's iterable, where a walrus is refused.
    fn iter_expr(&mut self, e: &Expr) -> SResult {
        if let Some(n) = self.iter_expr.last_mut() {
            *n += 1;
        }
        let r = self.expr(e);
        if let Some(n) = self.iter_expr.last_mut() {
            *n -= 1;
        }
        r
    }

    /// Visits a comprehension's `for` target, whose names become iteration variables.
    fn iter_target(&mut self, e: &Expr) -> SResult {
        self.iter_target = true;
        let r = self.expr(e);
        self.iter_target = false;
        r
    }

    /// The checks of a walrus target `id` inside a comprehension (CPython's
    /// `symtable_extend_namedexpr_scope`): no comprehension on the way out may use it as an
    /// iteration variable, and the scope it binds in may not be a class body.
    fn check_comp_walrus(&self, id: &str, span: Span) -> SResult {
        for &s in self.stack.iter().rev() {
            let scope = &self.table.scopes[s];
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.flags(id) & DEF_COMP_ITER != 0 {
                        let kind = SyntaxErrorKind::WalrusRebindsIterVar(id.to_string());
                        return Err(self.err(kind, span));
                    }
                }
                ScopeKind::Class => {
                    return Err(self.err(SyntaxErrorKind::WalrusInClassComp, span));
                }
                _ => return Ok(()),
            }
        }
        Ok(())
    }

    fn declare(&mut self, names: &[String], flag: u32, span: Span) -> SResult {
        let decl = if flag == DEF_GLOBAL {
            "global"
        } else {
            "nonlocal"
        };
        let kind = self.cur().kind;
        if flag == DEF_NONLOCAL && kind == ScopeKind::Module {
            return Err(self.err(SyntaxErrorKind::NonlocalAtModuleLevel, span));
        }
        for name in names {
            let name = &mangle(self.private.as_deref(), name);
            let old = self.cur().flags(name);
            let other = if flag == DEF_GLOBAL {
                DEF_NONLOCAL
            } else {
                DEF_GLOBAL
            };
            if old & DEF_PARAM != 0 {
                let kind = SyntaxErrorKind::ParameterAndDeclaration {
                    name: name.clone(),
                    decl,
                };
                return Err(self.err(kind, span));
            }
            if old & other != 0 {
                let at = self.cur().directives.get(name).copied().unwrap_or(span);
                return Err(self.err(SyntaxErrorKind::NonlocalAndGlobal(name.clone()), at));
            }
            if old & (DEF_LOCAL | DEF_IMPORT) != 0 {
                let kind = SyntaxErrorKind::AssignedBeforeDeclaration {
                    name: name.clone(),
                    decl,
                };
                return Err(self.err(kind, span));
            }
            if old & USE != 0 {
                let kind = SyntaxErrorKind::UsedBeforeDeclaration {
                    name: name.clone(),
                    decl,
                };
                return Err(self.err(kind, span));
            }
            self.add(name, flag);
            self.cur().directives.entry(name.clone()).or_insert(span);
            if flag == DEF_GLOBAL {
                // CPython records every `global` declaration in the module's table too, so
                // the module body itself reads and writes that name as a global.
                if let Some(top) = self.table.scopes.first_mut() {
                    top.add(name, DEF_GLOBAL);
                }
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> SResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> SResult {
        match &s.kind {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                is_async,
            } => {
                self.exprs(decorator_list)?;
                self.arg_defaults(args)?;
                self.annotations(args, returns.as_deref())?;
                self.add(name, DEF_LOCAL);
                self.enter(s, ScopeKind::Function, name);
                self.cur().is_coroutine = *is_async;
                self.cur().is_async_def = *is_async;
                self.params(args);
                self.stmts(body)?;
                self.leave();
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.exprs(decorator_list)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.add(name, DEF_LOCAL);
                self.enter(s, ScopeKind::Class, name);
                let outer = self.private.replace(name.clone());
                let r = self.stmts(body);
                self.private = outer;
                r?;
                self.leave();
            }
            StmtKind::Return { value } => self.opt(value.as_deref())?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                self.exprs(targets)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.add(id, USE);
                }
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(annotation)?;
                self.opt(value.as_deref())?;
                self.expr(target)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.expr(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc.as_deref())?;
                self.opt(cause.as_deref())?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases {
                    self.pattern(&case.pattern)?;
                    self.opt(case.guard.as_ref())?;
                    self.stmts(&case.body)?;
                }
            }
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
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add(n, DEF_LOCAL);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(msg.as_deref())?;
            }
            StmtKind::Import { names } => {
                for a in names {
                    let bound = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    self.add(&bound, DEF_IMPORT);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            let k = SyntaxErrorKind::ImportStarNotModuleLevel;
                            return Err(self.err(k, a.span));
                        }
                        continue;
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name).clone();
                    self.add(&bound, DEF_IMPORT);
                }
            }
            StmtKind::Global { names } => self.declare(names, DEF_GLOBAL, s.span)?,
            StmtKind::Nonlocal { names } => self.declare(names, DEF_NONLOCAL, s.span)?,
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// A pattern binds its capture names and evaluates its values, classes and keys.
    fn pattern(&mut self, p: &Pattern) -> SResult {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter().try_for_each(|p| self.pattern(p))?
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(r) = rest {
                    self.add(r, DEF_LOCAL);
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                patterns
                    .iter()
                    .chain(kwd_patterns)
                    .try_for_each(|p| self.pattern(p))?;
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(p) = pattern {
                    self.pattern(p)?;
                }
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
            }
        }
        Ok(())
    }

    fn opt(&mut self, e: Option<&Expr>) -> SResult {
        e.map_or(Ok(()), |e| self.expr(e))
    }

    fn exprs(&mut self, es: &[Expr]) -> SResult {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn arg_defaults(&mut self, args: &Arguments) -> SResult {
        self.exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        Ok(())
    }

    fn annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> SResult {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for a in all {
            if let Some(ann) = &a.annotation {
                self.expr(ann)?;
            }
        }
        self.opt(returns)
    }

    fn params(&mut self, args: &Arguments) {
        let ordered = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwarg);
        for a in ordered {
            self.add(&a.arg, DEF_PARAM);
            let name = mangle(self.private.as_deref(), &a.arg);
            self.cur().params.push(name);
        }
    }

    fn comprehension<T>(
        &mut self,
        node: &T,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> SResult {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.iter_expr(&first.iter)?;
        self.enter(node, ScopeKind::Comprehension, name);
        let is_generator = name == "<genexpr>";
        if is_generator {
            self.cur().is_generator = true;
        }
        if generators.iter().any(|g| g.is_async) {
            self.cur().is_coroutine = true;
        }
        self.add(".0", DEF_PARAM);
        self.cur().params.push(".0".into());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.iter_expr(&g.iter)?;
            }
            self.iter_target(&g.target)?;
            self.exprs(&g.ifs)?;
        }
        for e in elts {
            self.expr(e)?;
        }
        let is_async = self.cur().is_coroutine && !is_generator;
        self.leave();
        if is_async {
            self.cur().is_coroutine = true;
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> SResult {
        match &e.kind {
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == crate::parser::ast::ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                if self.iter_target && flag == DEF_LOCAL {
                    // A comprehension's iteration variable; a walrus earlier in the same
                    // comprehension may not have claimed the name.
                    let name = mangle(self.private.as_deref(), id);
                    if self.cur().flags(&name) & (DEF_GLOBAL | DEF_NONLOCAL | DEF_COMP_OUTER) != 0 {
                        let kind = SyntaxErrorKind::IterVarRebindsWalrus(name);
                        return Err(self.err(kind, e.span));
                    }
                    self.add(id, DEF_LOCAL | DEF_COMP_ITER);
                } else {
                    self.add(id, flag);
                }
                if id == "super" && flag == USE && self.cur().kind == ScopeKind::Function {
                    self.add("__class__", USE);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                if self.iter_expr.last().is_some_and(|&n| n > 0) {
                    return Err(self.err(SyntaxErrorKind::WalrusInCompIterable, e.span));
                }
                if let ExprKind::Name { id, .. } = &target.kind {
                    if self.table.scopes[*self.stack.last().unwrap_or(&0)].kind
                        == ScopeKind::Comprehension
                    {
                        self.check_comp_walrus(&mangle(self.private.as_deref(), id), target.span)?;
                    }
                }
                self.expr(value)?;
                if let ExprKind::Name { id, .. } = &target.kind {
                    let id = &mangle(self.private.as_deref(), id);
                    // Walrus in a comprehension binds in the nearest non-comprehension scope.
                    let mut k = self.stack.len() - 1;
                    while self.table.scopes[self.stack[k]].kind == ScopeKind::Comprehension && k > 0
                    {
                        k -= 1;
                    }
                    let outer = self.stack[k];
                    if outer != *self.stack.last().unwrap_or(&0) {
                        let outer_global = self.table.scopes[outer].kind == ScopeKind::Module
                            || self.table.scopes[outer].flags(id) & DEF_GLOBAL != 0;
                        for &c in &self.stack[k + 1..] {
                            let flag = if outer_global {
                                DEF_GLOBAL
                            } else {
                                DEF_COMP_OUTER
                            };
                            self.table.scopes[c].add(id, flag);
                        }
                        self.table.scopes[outer].add(id, DEF_LOCAL);
                    } else {
                        self.add(id, DEF_LOCAL);
                    }
                }
            }
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args)?;
                self.enter(e, ScopeKind::Function, "<lambda>");
                self.params(args);
                self.expr(body)?;
                self.leave();
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, &[elt])?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, &[elt])?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, &[elt])?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", generators, &[key, value])?,
            ExprKind::Yield { value } => {
                self.cur().is_generator = true;
                self.opt(value.as_deref())?;
            }
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => {
                if matches!(e.kind, ExprKind::YieldFrom { .. }) {
                    self.cur().is_generator = true;
                } else {
                    self.cur().is_coroutine = true;
                }
                self.expr(value)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)?
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt(format_spec.as_deref())?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower.as_deref())?;
                self.opt(upper.as_deref())?;
                self.opt(step.as_deref())?;
            }
        }
        Ok(())
    }
}
