//! Statements: assignment, control flow, exceptions, imports.

use super::{CResult, Compiler, FBlock};
use crate::compiler::code::Constant;
use crate::compiler::opcode::{Opcode, INPLACE_OFFSET};
use crate::parser::ast::{Alias, Expr, ExprContext, ExprKind, Stmt, StmtKind};
use crate::parser::SyntaxErrorKind;

use crate::compiler::symtable::ScopeKind;

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    pub(super) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_loc(s.span);
        match &s.kind {
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(value)?;
                    self.emit(Opcode::PRINT_EXPR, 0);
                    return Ok(());
                }
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    return Ok(());
                }
                self.expr(value)?;
                self.emit(Opcode::POP_TOP, 0);
            }
            StmtKind::Pass => {
                self.emit(Opcode::NOP, 0);
            }
            // Declarations compile to nothing (not even a line's NOP), as in CPython.
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {}
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Opcode::COPY, 1);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.ann_assign(target, annotation, value.as_deref(), *simple)?,
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let else_label = if orelse.is_empty() {
                    end
                } else {
                    self.new_label()
                };
                self.jump_if(test, false, else_label)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    if !ends_in_jump(body) {
                        self.jump(Opcode::JUMP_FORWARD, end);
                    }
                    self.bind(else_label);
                    self.stmts(orelse)?;
                }
                self.bind(end);
            }
            StmtKind::While { test, body, orelse } => {
                let (top, brk, orelse_label) =
                    (self.new_label(), self.new_label(), self.new_label());
                self.bind(top);
                self.jump_if(test, false, orelse_label)?;
                self.push_fblock(FBlock::While { cont: top, brk }, s.span)?;
                self.stmts(body)?;
                self.pop_fblock();
                self.set_loc(s.span);
                self.jump(Opcode::JUMP_BACKWARD, top);
                self.bind(orelse_label);
                self.stmts(orelse)?;
                self.bind(brk);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async: true,
            } => self.async_for(s, target, iter, body, orelse)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                let (top, exit, brk) = (self.new_label(), self.new_label(), self.new_label());
                self.expr(iter)?;
                self.set_loc(s.span);
                self.emit(Opcode::GET_ITER, 0);
                self.bind(top);
                self.jump(Opcode::FOR_ITER, exit);
                self.u().depth += 1;
                self.store(target)?;
                self.push_fblock(FBlock::For { cont: top, brk }, s.span)?;
                self.stmts(body)?;
                self.pop_fblock();
                self.set_loc(s.span);
                self.jump(Opcode::JUMP_BACKWARD, top);
                self.u().depth -= 1;
                self.bind(exit);
                self.stmts(orelse)?;
                self.bind(brk);
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let Some((idx, cont, brk, is_for)) = self.innermost_loop() else {
                    let kind = if is_break {
                        SyntaxErrorKind::BreakOutsideLoop
                    } else {
                        SyntaxErrorKind::ContinueNotInLoop
                    };
                    return Err(self.error(kind, s.span));
                };
                self.unwind(idx + 1, false)?;
                self.set_loc(s.span);
                if is_break {
                    if is_for {
                        self.emit(Opcode::POP_TOP, 0);
                    }
                    self.jump(Opcode::JUMP_FORWARD, brk);
                } else {
                    self.jump(Opcode::JUMP_BACKWARD, cont);
                }
            }
            StmtKind::Return { value } => {
                if !matches!(self.ur().kind, ScopeKind::Function) {
                    return Err(self.error(SyntaxErrorKind::ReturnOutsideFunction, s.span));
                }
                let scope = &self.table.scopes[self.ur().scope];
                if value.is_some() && scope.is_generator && scope.is_coroutine {
                    let k = SyntaxErrorKind::ReturnValueInAsyncGenerator;
                    return Err(self.error(k, s.span));
                }
                match value {
                    Some(v) => {
                        self.expr(v)?;
                        // Unwinding code (and its errors) carry the value's location.
                        self.set_loc(v.span);
                    }
                    None => self.load_const(Constant::None),
                }
                self.unwind(0, true)?;
                self.set_loc(s.span);
                self.emit(Opcode::RETURN_VALUE, 0);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(s.span);
                self.emit(Opcode::RAISE_VARARGS, n);
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Opcode::LOAD_ASSERTION_ERROR, 0);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Opcode::CALL, 0);
                }
                self.emit(Opcode::RAISE_VARARGS, 1);
                self.bind(end);
            }
            StmtKind::Import { names } => {
                for a in names {
                    self.import(a)?;
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if module.as_deref() == Some("__future__") && s.span.lineno > self.future.lineno {
                    let k = SyntaxErrorKind::FutureImportNotFirst;
                    return Err(self.error(k, s.span));
                }
                self.load_const(Constant::Int((*level).into()));
                let fromlist = names
                    .iter()
                    .map(|a| Constant::Str(a.name.clone()))
                    .collect();
                self.load_const(Constant::Tuple(fromlist));
                let m = self.mangled_name(module.as_deref().unwrap_or(""));
                self.emit(Opcode::IMPORT_NAME, m);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Opcode::IMPORT_STAR, 0);
                    return Ok(());
                }
                for a in names {
                    let n = self.mangled_name(&a.name);
                    self.emit(Opcode::IMPORT_FROM, n);
                    self.name_op(a.asname.as_ref().unwrap_or(&a.name), ExprContext::Store);
                }
                self.emit(Opcode::POP_TOP, 0);
            }
            StmtKind::FunctionDef { .. } => self.function_def(s)?,
            StmtKind::ClassDef { .. } => self.class_def(s)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(s, body, handlers, orelse)?;
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody, false)?;
                }
            }
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_star_except(s, body, handlers, orelse)?;
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody, true)?;
                }
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases)?,
            StmtKind::With {
                items,
                body,
                is_async,
            } => self.with(s, items, body, *is_async)?,
        }
        Ok(())
    }

    /// `async for target in iter: body else: orelse` (CPython's `compiler_async_for`):
    /// `GET_ANEXT` and an await under a handler whose `END_ASYNC_FOR` ends the loop on
    /// `StopAsyncIteration`.
    fn async_for(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        if !self.in_async_function() {
            let k = SyntaxErrorKind::AsyncOutsideAsyncFunction("async for");
            return Err(self.error(k, s.span));
        }
        let (top, except, brk) = (self.new_label(), self.new_label(), self.new_label());
        self.expr(iter)?;
        self.set_loc(s.span);
        self.emit(Opcode::GET_AITER, 0);
        self.bind(top);
        let depth = self.ur().depth;
        self.u().depth += 1;
        self.push_fblock(FBlock::For { cont: top, brk }, s.span)?;
        self.push_handler(except, depth + 1, false);
        self.emit(Opcode::GET_ANEXT, 0);
        self.load_const(Constant::None);
        self.add_yield_from(true);
        self.pop_handler();
        self.store(target)?;
        self.stmts(body)?;
        self.u().b.loc = None;
        self.jump(Opcode::JUMP_BACKWARD, top);
        self.pop_fblock();
        self.u().depth -= 1;
        self.bind(except);
        self.set_loc(iter.span);
        self.emit(Opcode::END_ASYNC_FOR, 0);
        self.stmts(orelse)?;
        self.bind(brk);
        Ok(())
    }

    /// `target: annotation [= value]` (CPython's `compiler_annassign`): the assignment
    /// first; then, for a simple name in a module or class body, `__annotations__[name] =
    /// annotation`; for other targets in a module or class, the annotation is evaluated (not
    /// under `from __future__ import annotations`); in functions, annotations are not
    /// evaluated at all.
    fn ann_assign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(v) = value {
            self.expr(v)?;
            self.store(target)?;
        }
        let module_or_class = matches!(self.ur().kind, ScopeKind::Module | ScopeKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } if simple && module_or_class => {
                self.annotation_value(annotation)?;
                let n = self.u().b.add_name("__annotations__");
                self.emit(Opcode::LOAD_NAME, n);
                let mangled = self.mangle(id);
                self.load_const(Constant::Str(mangled));
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Attribute { value: obj, .. } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Opcode::POP_TOP, 0);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } if value.is_none() => {
                self.expr(obj)?;
                self.emit(Opcode::POP_TOP, 0);
                self.check_ann_subscr(slice)?;
            }
            _ => {}
        }
        if !simple && !self.future.annotations && module_or_class {
            self.expr(annotation)?;
            self.emit(Opcode::POP_TOP, 0);
        }
        Ok(())
    }

    /// Evaluates (and discards) the parts of an annotated subscript target's slice.
    fn check_ann_subscr(&mut self, slice: &'a Expr) -> CResult {
        match &slice.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
            ExprKind::Tuple { elts, .. } => {
                for e in elts {
                    self.check_ann_subscr(e)?;
                }
            }
            _ => {
                self.expr(slice)?;
                self.emit(Opcode::POP_TOP, 0);
            }
        }
        Ok(())
    }

    /// Pushes an annotation's value: the expression, or under `from __future__ import
    /// annotations` its source text (CPython's `annexpr`); `*Ts` is `[value] = [*Ts]`.
    pub(super) fn annotation_value(&mut self, ann: &'a Expr) -> CResult {
        if self.future.annotations {
            let text = crate::compiler::unparse::unparse(ann);
            self.load_const(Constant::Str(text));
        } else if let ExprKind::Starred { value, .. } = &ann.kind {
            self.expr(value)?;
            self.emit(Opcode::UNPACK_SEQUENCE, 1);
        } else {
            self.expr(ann)?;
        }
        Ok(())
    }

    fn innermost_loop(&self) -> Option<(usize, super::Label, super::Label, bool)> {
        self.ur()
            .fblocks
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, f)| match f.block {
                FBlock::For { cont, brk } => Some((i, cont, brk, true)),
                FBlock::While { cont, brk } => Some((i, cont, brk, false)),
                _ => None,
            })
    }

    /// Emits the clean-up of every frame block from the innermost down to index `stop`
    /// (`return`: all of them; `break`/`continue`: those inside the loop). With
    /// `preserve_tos`, the value on top (a return value) is kept above the clean-ups.
    fn unwind(&mut self, stop: usize, preserve_tos: bool) -> CResult {
        let saved_blocks: Vec<_> = self
            .ur()
            .fblocks
            .iter()
            .map(|f| (f.block.clone(), f.handlers))
            .collect();
        let saved_depth = self.ur().depth;
        let saved_handlers = self.ur().b.handler_snapshot();
        let mut i = saved_blocks.len();
        while i > stop {
            i -= 1;
            let (block, handlers) = saved_blocks[i].clone();
            while self.ur().handlers > handlers {
                self.pop_handler();
            }
            self.u().fblocks.truncate(i);
            match block {
                FBlock::For { .. } => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                }
                FBlock::While { .. } | FBlock::TryExcept => {}
                FBlock::FinallyTry { body, depth } => {
                    self.u().depth = depth + preserve_tos as u32;
                    if preserve_tos {
                        self.push_fblock(FBlock::PopValue, Default::default())?;
                    }
                    self.stmts(body)?;
                    if preserve_tos {
                        self.pop_fblock();
                    }
                }
                FBlock::FinallyEnd => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_EXCEPT, 0);
                }
                FBlock::With { is_async } => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.call_exit_with_nones();
                    if is_async {
                        self.emit(Opcode::GET_AWAITABLE, 2);
                        self.load_const(Constant::None);
                        self.add_yield_from(true);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                }
                FBlock::ExceptGroupHandler => {
                    let k = SyntaxErrorKind::JumpInExceptStar;
                    return Err(self.error(
                        k,
                        self.ur().b.loc.map_or_else(Default::default, |l| {
                            crate::parser::ast::Span {
                                lineno: l.line,
                                col_offset: l.col,
                                end_lineno: l.end_line,
                                end_col_offset: l.end_col,
                            }
                        }),
                    ));
                }
                FBlock::HandlerCleanup { name } => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_EXCEPT, 0);
                    if let Some(n) = name {
                        self.load_const(Constant::None);
                        self.name_op(&n, ExprContext::Store);
                        self.name_op(&n, ExprContext::Del);
                    }
                }
                FBlock::PopValue => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
        }
        // Restore the compile-time state: the code after this point is unreachable from the
        // unwinding path, but still inside the blocks.
        let u = self.u();
        u.fblocks.clear();
        for (block, handlers) in saved_blocks {
            u.fblocks.push(super::FBlockEntry { block, handlers });
        }
        u.depth = saved_depth;
        u.handlers = saved_handlers.len();
        u.b.restore_handlers(saved_handlers);
        Ok(())
    }

    pub(super) fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(Opcode::CALL, 2);
    }

    pub(super) fn store(&mut self, t: &'a Expr) -> CResult {
        self.set_loc(t.span);
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Store),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let n = self.mangled_name(attr);
                self.emit(Opcode::STORE_ATTR, n);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
                match star {
                    Some(i) => {
                        let after = elts.len() - i - 1;
                        if i > 0xff || after > 0xffffff {
                            return Err(self.error(SyntaxErrorKind::MultipleStarred, t.span));
                        }
                        self.emit(Opcode::UNPACK_EX, (i as u32) | ((after as u32) << 8));
                    }
                    None => self.emit(Opcode::UNPACK_SEQUENCE, elts.len() as u32),
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.store(value)?,
                        _ => self.store(e)?,
                    }
                }
            }
            ExprKind::Starred { .. } => {
                return Err(self.error(SyntaxErrorKind::StarredTargetAlone, t.span))
            }
            _ => {
                let what = t.kind.describe();
                return Err(self.error(SyntaxErrorKind::CannotAssign { what, hint: false }, t.span));
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> CResult {
        self.set_loc(t.span);
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Del),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let n = self.mangled_name(attr);
                self.emit(Opcode::DELETE_ATTR, n);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Opcode::DELETE_SUBSCR, 0);
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            _ => {
                let what = t.kind.describe();
                return Err(self.error(SyntaxErrorKind::CannotDelete(what), t.span));
            }
        }
        Ok(())
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: crate::parser::ast::Operator,
        value: &'a Expr,
    ) -> CResult {
        let arg = op as u32 + INPLACE_OFFSET;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.name_op(id, ExprContext::Load);
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Opcode::BINARY_OP, arg);
                self.name_op(id, ExprContext::Store);
            }
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.expr(obj)?;
                self.emit(Opcode::COPY, 1);
                let n = self.mangled_name(attr);
                self.emit(Opcode::LOAD_ATTR, n);
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Opcode::BINARY_OP, arg);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_ATTR, n);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR, 0);
                self.expr(value)?;
                self.set_loc(target.span);
                self.emit(Opcode::BINARY_OP, arg);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            _ => {
                let what = target.kind.describe();
                return Err(self.error(SyntaxErrorKind::IllegalAugAssign(what), target.span));
            }
        }
        Ok(())
    }

    fn import(&mut self, a: &Alias) -> CResult {
        self.load_const(Constant::Int(0.into()));
        self.load_const(Constant::None);
        let n = self.mangled_name(&a.name);
        self.emit(Opcode::IMPORT_NAME, n);
        match &a.asname {
            Some(asname) => {
                let parts: Vec<&str> = a.name.split('.').collect();
                if parts.len() > 1 {
                    for (i, p) in parts[1..].iter().enumerate() {
                        let n = self.mangled_name(p);
                        self.emit(Opcode::IMPORT_FROM, n);
                        self.emit(Opcode::SWAP, 2);
                        self.emit(Opcode::POP_TOP, 0);
                        let _ = i;
                    }
                }
                self.name_op(asname, ExprContext::Store);
            }
            None => {
                let top = a.name.split('.').next().unwrap_or("");
                self.name_op(top, ExprContext::Store);
            }
        }
        Ok(())
    }
}

/// Whether a block's last statement always jumps away (no fall-through jump needed).
fn ends_in_jump(body: &[Stmt]) -> bool {
    matches!(
        body.last().map(|s| &s.kind),
        Some(
            StmtKind::Return { .. } | StmtKind::Raise { .. } | StmtKind::Break | StmtKind::Continue
        )
    )
}
