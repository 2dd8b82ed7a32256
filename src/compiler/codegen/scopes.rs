//! Code objects made by `def`, `lambda`, `class` and comprehensions, and the
//! `MAKE_FUNCTION` sequences that turn them into functions.

use super::{docstring, CResult, Compiler};
use crate::compiler::code::{flags, CodeUnit, Constant};
use crate::compiler::opcode::Opcode;
use crate::compiler::symtable::{NameScope, ScopeKind};
use crate::compiler::unit::Loc;
use crate::parser::ast::{Arguments, Comprehension, Expr, ExprContext, ExprKind, Stmt, StmtKind};
use crate::parser::SyntaxErrorKind;

impl<'a> Compiler<'a> {
    /// The qualified name of a `def` or `class` called `name` inside the current scope: its bare
    /// name when the current scope declares it `global`.
    fn def_qualname(&self, name: &str) -> String {
        let mangled = self.mangle(name);
        let scope = &self.table.scopes[self.ur().scope];
        if scope.resolved.get(&mangled) == Some(&NameScope::GlobalExplicit) {
            return name.to_string();
        }
        self.qualname_for(name)
    }

    /// The qualified name of a new scope called `name` inside the current one.
    fn qualname_for(&self, name: &str) -> String {
        let u = self.ur();
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", u.qualname),
            _ => format!("{}.<locals>.{name}", u.qualname),
        }
    }

    /// The prologue of a function-like code object: free variables, cells, generator setup
    /// (no line number), then `RESUME 0` at `line`.
    fn prologue(&mut self, line: Loc) {
        self.u().b.loc = None;
        let nfree = self.ur().b.freevars.len() as u32;
        if nfree > 0 {
            self.emit(Opcode::COPY_FREE_VARS, nfree);
        }
        let ncells = self.ur().b.cellvars.len();
        for i in 0..ncells {
            let slot = (self.ur().b.varnames.len() + i) as u32;
            self.emit(Opcode::MAKE_CELL, slot);
        }
        self.u().b.loc = Some(line);
        let scope = &self.table.scopes[self.ur().scope];
        if scope.is_generator || scope.is_coroutine {
            self.emit(Opcode::RETURN_GENERATOR, 0);
            self.emit(Opcode::POP_TOP, 0);
        }
        self.emit(Opcode::RESUME, 0);
    }

    /// `[LOAD_CLOSURE...; BUILD_TUPLE]; LOAD_CONST code; MAKE_FUNCTION flags`.
    fn make_function(&mut self, code: CodeUnit, mut flags: u32) {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let slot = self.ur().b.deref_slot(name).unwrap_or(0);
                self.emit(Opcode::LOAD_CLOSURE, slot);
            }
            self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            flags |= 0x08;
        }
        let i = self.u().b.add_const(Constant::Code(Box::new(code)));
        self.emit(Opcode::LOAD_CONST, i);
        self.emit(Opcode::MAKE_FUNCTION, flags);
    }

    /// Pushes positional and keyword-only defaults; returns the `MAKE_FUNCTION` flags.
    fn defaults(&mut self, args: &'a Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            let consts: Option<Vec<Constant>> =
                args.defaults.iter().map(super::as_constant).collect();
            match consts {
                Some(c) => self.load_const(Constant::Tuple(c)),
                None => {
                    for d in &args.defaults {
                        self.expr(d)?;
                    }
                    self.emit(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
                }
            }
            flags |= 0x01;
        }
        let kw: Vec<_> = args
            .kwonlyargs
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                let name = self.mangle(&a.arg);
                self.load_const(Constant::Str(name));
                self.expr(d)?;
            }
            self.emit(Opcode::BUILD_MAP, kw.len() as u32);
            flags |= 0x02;
        }
        Ok(flags)
    }

    /// Pushes the annotations tuple (`name, value` pairs); returns the flag if any.
    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> CResult<u32> {
        // CPython's order: args, then posonlyargs, vararg, kwonlyargs, kwarg, return.
        let all = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        let mut n = 0;
        for a in all {
            if let Some(ann) = &a.annotation {
                let name = self.mangle(&a.arg);
                self.load_const(Constant::Str(name));
                self.annotation_value(ann)?;
                n += 2;
            }
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str("return".into()));
            self.annotation_value(r)?;
            n += 2;
        }
        if n == 0 {
            return Ok(0);
        }
        self.emit(Opcode::BUILD_TUPLE, n);
        Ok(0x04)
    }

    fn arg_counts(args: &Arguments, code: &mut CodeUnit) {
        code.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        code.posonlyargcount = args.posonlyargs.len() as u32;
        code.kwonlyargcount = args.kwonlyargs.len() as u32;
        if args.vararg.is_some() {
            code.flags |= flags::VARARGS;
        }
        if args.kwarg.is_some() {
            code.flags |= flags::VARKEYWORDS;
        }
    }

    pub(super) fn function_def(&mut self, s: &'a Stmt) -> CResult {
        let StmtKind::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            ..
        } = &s.kind
        else {
            return Ok(());
        };
        for d in decorator_list {
            self.expr(d)?;
        }
        self.set_loc(s.span);
        let mut mflags = self.defaults(args)?;
        mflags |= self.annotations(args, returns.as_deref())?;
        let scope = self.table.scope_for(s).unwrap_or(0);
        let qualname = self.def_qualname(name);
        self.push_unit(scope, qualname.clone());
        let line = Loc {
            line: s.span.lineno,
            col: s.span.col_offset,
            end_line: s.span.end_lineno,
            end_col: s.span.end_col_offset,
        };
        self.prologue(line);
        match docstring(body) {
            Some(doc) => self.u().b.add_const(Constant::Str(doc.to_string())),
            None => self.u().b.add_const(Constant::None),
        };
        self.stmts(body)?;
        if !matches!(body.last().map(|s| &s.kind), Some(StmtKind::Return { .. })) {
            self.load_const(Constant::None);
            self.emit(Opcode::RETURN_VALUE, 0);
        }
        let f = self.code_flags(scope);
        let mut shell = self.shell(name, &qualname, s.span.lineno, f);
        Self::arg_counts(args, &mut shell);
        let code = self.pop_unit(shell);
        self.set_loc(s.span);
        self.make_function(code, mflags);
        for _ in decorator_list {
            self.emit(Opcode::CALL, 0);
        }
        self.name_op(name, ExprContext::Store);
        Ok(())
    }

    pub(super) fn lambda(&mut self, e: &'a Expr) -> CResult {
        let ExprKind::Lambda { args, body } = &e.kind else {
            return Ok(());
        };
        let mflags = self.defaults(args)?;
        let scope = self.table.scope_for(e).unwrap_or(0);
        let qualname = self.qualname_for("<lambda>");
        self.push_unit(scope, qualname.clone());
        let line = Loc {
            line: e.span.lineno,
            col: e.span.col_offset,
            end_line: e.span.end_lineno,
            end_col: e.span.end_col_offset,
        };
        self.prologue(line);
        self.u().b.add_const(Constant::None);
        self.expr(body)?;
        // A generator lambda (`lambda: (yield)`) returns its body's value too: it becomes the
        // `StopIteration` value, as a `def` with `return (yield)` does.
        self.emit(Opcode::RETURN_VALUE, 0);
        let f = self.code_flags(scope);
        let mut shell = self.shell("<lambda>", &qualname, e.span.lineno, f);
        Self::arg_counts(args, &mut shell);
        let code = self.pop_unit(shell);
        self.set_loc(e.span);
        self.make_function(code, mflags);
        Ok(())
    }

    pub(super) fn class_def(&mut self, s: &'a Stmt) -> CResult {
        let StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        } = &s.kind
        else {
            return Ok(());
        };
        for d in decorator_list {
            self.expr(d)?;
        }
        self.set_loc(s.span);
        let scope = self.table.scope_for(s).unwrap_or(0);
        let qualname = self.def_qualname(name);
        self.push_unit(scope, qualname.clone());
        let line = Loc {
            line: s.span.lineno,
            col: s.span.col_offset,
            end_line: s.span.end_lineno,
            end_col: s.span.end_col_offset,
        };
        self.prologue(line);
        self.name_op("__name__", ExprContext::Load);
        self.name_op("__module__", ExprContext::Store);
        self.load_const(Constant::Str(qualname.clone()));
        self.name_op("__qualname__", ExprContext::Store);
        if super::find_ann(body) {
            self.emit(Opcode::SETUP_ANNOTATIONS, 0);
        }
        self.docstring_to_doc(body)?;
        self.stmts(body)?;
        if self.table.scopes[scope].needs_class_cell {
            let slot = self.ur().b.deref_slot("__class__").unwrap_or(0);
            self.emit(Opcode::LOAD_CLOSURE, slot);
            self.emit(Opcode::COPY, 1);
            self.name_op("__classcell__", ExprContext::Store);
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        let shell = self.shell(name, &qualname, s.span.lineno, 0);
        let code = self.pop_unit(shell);
        self.set_loc(s.span);
        self.emit(Opcode::PUSH_NULL, 0);
        self.emit(Opcode::LOAD_BUILD_CLASS, 0);
        self.make_function(code, 0);
        self.load_const(Constant::Str(name.clone()));
        self.call_args(bases, keywords, 2)?;
        for _ in decorator_list {
            self.emit(Opcode::CALL, 0);
        }
        self.name_op(name, ExprContext::Store);
        Ok(())
    }

    /// A comprehension: a nested function called with the iterator of its first `for`.
    pub(super) fn comprehension(&mut self, e: &'a Expr) -> CResult {
        let (name, generators, elts): (&str, &'a [Comprehension], Vec<&'a Expr>) = match &e.kind {
            ExprKind::ListComp { elt, generators } => ("<listcomp>", generators, vec![elt]),
            ExprKind::SetComp { elt, generators } => ("<setcomp>", generators, vec![elt]),
            ExprKind::GeneratorExp { elt, generators } => ("<genexpr>", generators, vec![elt]),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => ("<dictcomp>", generators, vec![key, value]),
            _ => return Ok(()),
        };
        let scope = self.table.scope_for(e).unwrap_or(0);
        let is_genexp = name == "<genexpr>";
        let is_async = self.table.scopes[scope].is_coroutine;
        if is_async && !is_genexp && !self.in_async_function() {
            let k = SyntaxErrorKind::AsyncComprehensionOutsideAsync;
            return Err(self.error(k, e.span));
        }
        let qualname = self.qualname_for(name);
        self.push_unit(scope, qualname.clone());
        let line = Loc {
            line: e.span.lineno,
            col: e.span.col_offset,
            end_line: e.span.end_lineno,
            end_col: e.span.end_col_offset,
        };
        self.prologue(line);
        match name {
            "<listcomp>" => self.emit(Opcode::BUILD_LIST, 0),
            "<setcomp>" => self.emit(Opcode::BUILD_SET, 0),
            "<dictcomp>" => self.emit(Opcode::BUILD_MAP, 0),
            _ => {}
        }
        self.comp_loop(name, generators, 0, &elts)?;
        if name == "<genexpr>" {
            self.load_const(Constant::None);
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        let f = self.code_flags(scope);
        let mut shell = self.shell(name, &qualname, e.span.lineno, f);
        shell.argcount = 1;
        let code = self.pop_unit(shell);
        self.set_loc(e.span);
        self.make_function(code, 0);
        self.expr(&generators[0].iter)?;
        if generators[0].is_async {
            self.emit(Opcode::GET_AITER, 0);
        } else {
            self.emit(Opcode::GET_ITER, 0);
        }
        self.emit(Opcode::CALL, 0);
        if is_async && !is_genexp {
            self.emit(Opcode::GET_AWAITABLE, 0);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comp_loop(
        &mut self,
        kind: &str,
        generators: &'a [Comprehension],
        index: usize,
        elts: &[&'a Expr],
    ) -> CResult {
        let g = &generators[index];
        if index == 0 {
            let slot = self.u().b.add_varname(".0");
            self.emit(Opcode::LOAD_FAST, slot);
        } else {
            self.expr(&g.iter)?;
            let op = if g.is_async {
                Opcode::GET_AITER
            } else {
                Opcode::GET_ITER
            };
            self.emit(op, 0);
        }
        let (top, exit) = (self.new_label(), self.new_label());
        self.bind(top);
        if g.is_async {
            // The async iterator is below the per-item work: depth = index + 1 (plus the
            // collection being built, except in a generator expression).
            let depth = index as u32 + 1 + (kind != "<genexpr>") as u32;
            self.push_handler(exit, depth, false);
            self.emit(Opcode::GET_ANEXT, 0);
            self.load_const(Constant::None);
            self.add_yield_from(true);
            self.pop_handler();
        } else {
            self.jump(Opcode::FOR_ITER, exit);
        }
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, top)?;
        }
        if index + 1 < generators.len() {
            self.comp_loop(kind, generators, index + 1, elts)?;
        } else {
            let depth = index as u32 + 2;
            for e in elts {
                self.expr(e)?;
            }
            match kind {
                "<listcomp>" => self.emit(Opcode::LIST_APPEND, depth),
                "<setcomp>" => self.emit(Opcode::SET_ADD, depth),
                "<dictcomp>" => self.emit(Opcode::MAP_ADD, depth),
                _ => {
                    self.emit_yield();
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
        }
        self.jump(Opcode::JUMP_BACKWARD, top);
        self.bind(exit);
        if g.is_async {
            self.emit(Opcode::END_ASYNC_FOR, 0);
        }
        Ok(())
    }
}
