//! Statements: assignment, control flow, exceptions, imports.

use super::{CResult, Compiler, FBlock};
use crate::compiler::code::Constant;
use crate::compiler::opcode::{Opcode, INPLACE_OFFSET};
use crate::parser::ast::{
    Alias, ExceptHandler, Expr, ExprContext, ExprKind, Stmt, StmtKind, WithItem,
};
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
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    return Ok(());
                }
                self.expr(value)?;
                self.emit(Opcode::POP_TOP, 0);
            }
            StmtKind::Pass | StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {
                self.emit(Opcode::NOP, 0);
            }
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
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)?;
                }
                // Module and class bodies record `name: annotation` in `__annotations__`.
                if let (ExprKind::Name { id, .. }, true, false) = (
                    &target.kind,
                    *simple,
                    matches!(
                        self.ur().kind,
                        ScopeKind::Function | ScopeKind::Comprehension
                    ),
                ) {
                    self.expr(annotation)?;
                    self.name_op("__annotations__", ExprContext::Load);
                    self.load_const(Constant::Str(id.clone()));
                    self.emit(Opcode::STORE_SUBSCR, 0);
                }
            }
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
                match value {
                    Some(v) => self.expr(v)?,
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
                self.load_const(Constant::Int((*level).into()));
                let fromlist = names
                    .iter()
                    .map(|a| Constant::Str(a.name.clone()))
                    .collect();
                self.load_const(Constant::Tuple(fromlist));
                let m = self.u().b.add_name(module.as_deref().unwrap_or(""));
                self.emit(Opcode::IMPORT_NAME, m);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Opcode::IMPORT_STAR, 0);
                    return Ok(());
                }
                for a in names {
                    let n = self.u().b.add_name(&a.name);
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
                    self.try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With { items, body, .. } => self.with(s, items, body)?,
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
                FBlock::With => {
                    if preserve_tos {
                        self.emit(Opcode::SWAP, 2);
                    }
                    self.call_exit_with_nones();
                    self.emit(Opcode::POP_TOP, 0);
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

    fn call_exit_with_nones(&mut self) {
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
                let n = self.u().b.add_name(attr);
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
                let n = self.u().b.add_name(attr);
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
                let n = self.u().b.add_name(attr);
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
        let n = self.u().b.add_name(&a.name);
        self.emit(Opcode::IMPORT_NAME, n);
        match &a.asname {
            Some(asname) => {
                let parts: Vec<&str> = a.name.split('.').collect();
                if parts.len() > 1 {
                    for (i, p) in parts[1..].iter().enumerate() {
                        let n = self.u().b.add_name(p);
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

    /// `try: body except...: else:` (CPython 3.11's `compiler_try_except`).
    fn try_except(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let (handler, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
        let depth = self.ur().depth;
        self.emit(Opcode::NOP, 0);
        self.push_handler(handler, depth, false);
        self.push_fblock(FBlock::TryExcept, s.span)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.stmts(orelse)?;
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(handler);
        self.set_loc(s.span);
        self.push_handler(cleanup, depth + 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        for h in handlers {
            self.set_loc(h.span);
            let next = self.new_label();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.emit(Opcode::CHECK_EXC_MATCH, 0);
                self.jump(Opcode::POP_JUMP_IF_FALSE, next);
            }
            match &h.name {
                Some(name) => {
                    self.name_op(name, ExprContext::Store);
                    let cleanup_body = self.new_label();
                    self.push_handler(cleanup_body, depth + 1, true);
                    self.u().depth = depth + 1;
                    self.push_fblock(
                        FBlock::HandlerCleanup {
                            name: Some(name.clone()),
                        },
                        h.span,
                    )?;
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.pop_handler();
                    self.u().depth = depth;
                    self.emit(Opcode::POP_EXCEPT, 0);
                    self.load_const(Constant::None);
                    self.name_op(name, ExprContext::Store);
                    self.name_op(name, ExprContext::Del);
                    self.jump(Opcode::JUMP_FORWARD, end);
                    // The handler body raised: clear the name, then re-raise.
                    self.bind(cleanup_body);
                    self.load_const(Constant::None);
                    self.name_op(name, ExprContext::Store);
                    self.name_op(name, ExprContext::Del);
                    self.emit(Opcode::RERAISE, 1);
                }
                None => {
                    self.emit(Opcode::POP_TOP, 0);
                    self.u().depth = depth + 1;
                    self.push_fblock(FBlock::HandlerCleanup { name: None }, h.span)?;
                    self.stmts(&h.body)?;
                    self.pop_fblock();
                    self.u().depth = depth;
                    self.emit(Opcode::POP_EXCEPT, 0);
                    self.jump(Opcode::JUMP_FORWARD, end);
                }
            }
            self.bind(next);
        }
        self.emit(Opcode::RERAISE, 0);
        self.pop_handler();
        self.bind(cleanup);
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
        self.bind(end);
        Ok(())
    }

    /// `try: ... finally: ...` (with any `except` clauses nested inside).
    fn try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CResult {
        let (handler, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
        let depth = self.ur().depth;
        self.emit(Opcode::NOP, 0);
        self.push_handler(handler, depth, false);
        self.push_fblock(
            FBlock::FinallyTry {
                body: finalbody,
                depth,
            },
            s.span,
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(s, body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.stmts(finalbody)?;
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(handler);
        self.set_loc(s.span);
        self.push_handler(cleanup, depth + 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.u().depth = depth + 2;
        self.push_fblock(FBlock::FinallyEnd, s.span)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.u().depth = depth;
        self.emit(Opcode::RERAISE, 0);
        self.pop_handler();
        self.bind(cleanup);
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
        self.bind(end);
        Ok(())
    }

    /// `with a as b, c: body` (nested one item at a time, as CPython does).
    fn with(&mut self, s: &'a Stmt, items: &'a [WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let (handler, cleanup, end, suppress) = (
            self.new_label(),
            self.new_label(),
            self.new_label(),
            self.new_label(),
        );
        let depth = self.ur().depth;
        self.expr(&item.context_expr)?;
        self.set_loc(s.span);
        self.emit(Opcode::BEFORE_WITH, 0);
        self.push_handler(handler, depth + 1, true);
        self.u().depth = depth + 1;
        self.push_fblock(FBlock::With, s.span)?;
        match &item.optional_vars {
            Some(t) => self.store(t)?,
            None => self.emit(Opcode::POP_TOP, 0),
        }
        self.with(s, rest, body)?;
        self.pop_fblock();
        self.pop_handler();
        self.u().depth = depth;
        self.set_loc(s.span);
        self.call_exit_with_nones();
        self.emit(Opcode::POP_TOP, 0);
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(handler);
        self.push_handler(cleanup, depth + 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.emit(Opcode::WITH_EXCEPT_START, 0);
        self.jump(Opcode::POP_JUMP_IF_TRUE, suppress);
        self.emit(Opcode::RERAISE, 2);
        self.bind(suppress);
        self.emit(Opcode::POP_TOP, 0);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.pop_handler();
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(cleanup);
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
        self.bind(end);
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

/// Whether a module or class body holds an annotated assignment, outside nested scopes
/// (CPython's `find_ann`): such a body starts with `SETUP_ANNOTATIONS`.
pub(super) fn find_ann(body: &[Stmt]) -> bool {
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
        } => {
            find_ann(body)
                || handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(orelse)
                || find_ann(finalbody)
        }
        _ => false,
    })
}
