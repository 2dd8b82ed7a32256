//! Exception handling statements: `try`/`except`/`else`/`finally`, `try`/`except*`, `with`
//! and `async with` (CPython 3.11's `compiler_try_except`, `compiler_try_finally`,
//! `compiler_try_star_except`, `compiler_with`, `compiler_async_with`).
//!
//! Protected ranges go into the exception table: `push_handler(label, depth, lasti)` starts
//! a range whose handler is `label`, entered with the stack cut to `depth` (plus the
//! instruction offset when `lasti`) and the exception pushed.

use super::{CResult, Compiler, FBlock};
use crate::compiler::code::Constant;
use crate::compiler::opcode::Opcode;
use crate::parser::ast::{ExceptHandler, ExprContext, Stmt, WithItem};
use crate::parser::SyntaxErrorKind;

impl<'a> Compiler<'a> {
    /// `try: body except...: else:` (CPython 3.11's `compiler_try_except`).
    pub(super) fn try_except(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let (handler, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
        let depth = self.ur().depth;
        let outer = self.ur().handlers;
        self.emit(Opcode::NOP, 0);
        self.push_handler(handler, depth, false);
        self.push_guarded_fblock(FBlock::TryExcept, s.span, outer)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.stmts(orelse)?;
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(handler);
        self.set_loc(s.span);
        self.push_handler(cleanup, depth + 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        for (i, h) in handlers.iter().enumerate() {
            if h.type_.is_none() && i + 1 < handlers.len() {
                return Err(self.error(SyntaxErrorKind::DefaultExceptNotLast, h.span));
            }
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
                    self.push_guarded_fblock(
                        FBlock::HandlerCleanup {
                            name: Some(name.clone()),
                        },
                        h.span,
                        outer,
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
                    self.push_guarded_fblock(FBlock::HandlerCleanup { name: None }, h.span, outer)?;
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
    pub(super) fn try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> CResult {
        let (handler, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
        let depth = self.ur().depth;
        let outer = self.ur().handlers;
        self.emit(Opcode::NOP, 0);
        self.push_handler(handler, depth, false);
        self.push_guarded_fblock(
            FBlock::FinallyTry {
                body: finalbody,
                depth,
            },
            s.span,
            outer,
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else if star {
            self.try_star_except(s, body, handlers, orelse)?;
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
        self.push_guarded_fblock(FBlock::FinallyEnd, s.span, outer)?;
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

    /// `with a as b, c: body` and `async with` (nested one item at a time, as CPython
    /// does). `async with` awaits `__aenter__()` and `__aexit__(...)`.
    pub(super) fn with(
        &mut self,
        s: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        if is_async && !self.in_async_function() {
            let k = SyntaxErrorKind::AsyncOutsideAsyncFunction("async with");
            return Err(self.error(k, s.span));
        }
        let (handler, cleanup, end, suppress) = (
            self.new_label(),
            self.new_label(),
            self.new_label(),
            self.new_label(),
        );
        let depth = self.ur().depth;
        self.expr(&item.context_expr)?;
        self.set_loc(s.span);
        if is_async {
            self.emit(Opcode::BEFORE_ASYNC_WITH, 0);
            self.emit(Opcode::GET_AWAITABLE, 1);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        } else {
            self.emit(Opcode::BEFORE_WITH, 0);
        }
        let outer = self.ur().handlers;
        self.push_handler(handler, depth + 1, true);
        self.u().depth = depth + 1;
        self.push_guarded_fblock(FBlock::With { is_async }, s.span, outer)?;
        match &item.optional_vars {
            Some(t) => self.store(t)?,
            None => self.emit(Opcode::POP_TOP, 0),
        }
        self.with(s, rest, body, is_async)?;
        self.pop_fblock();
        self.pop_handler();
        self.u().depth = depth;
        self.set_loc(s.span);
        self.call_exit_with_nones();
        if is_async {
            self.emit(Opcode::GET_AWAITABLE, 2);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        }
        self.emit(Opcode::POP_TOP, 0);
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(handler);
        // The handler's stack: the exit function, `lasti`, and the previous exception that
        // PUSH_EXC_INFO saves (which the cleanup's POP_EXCEPT restores).
        self.push_handler(cleanup, depth + 3, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.emit(Opcode::WITH_EXCEPT_START, 0);
        if is_async {
            self.emit(Opcode::GET_AWAITABLE, 2);
            self.load_const(Constant::None);
            self.add_yield_from(true);
        }
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

    /// `try: body except* T as name: ... else: ...` (CPython 3.11's
    /// `compiler_try_star_except`). The handlers run in turn on what the previous ones did
    /// not match; what they raise and what no handler matched are collected in a list that
    /// `PREP_RERAISE_STAR` turns into the exception group to re-raise (or `None`).
    pub(super) fn try_star_except(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let (except, orelse_label, end, cleanup, reraise_star) = (
            self.new_label(),
            self.new_label(),
            self.new_label(),
            self.new_label(),
            self.new_label(),
        );
        let depth = self.ur().depth;
        let outer = self.ur().handlers;
        self.emit(Opcode::NOP, 0);
        self.push_handler(except, depth, false);
        self.push_guarded_fblock(FBlock::TryExcept, s.span, outer)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.jump(Opcode::JUMP_FORWARD, orelse_label);
        self.bind(except);
        self.u().b.loc = None;
        self.push_handler(cleanup, depth + 1, true);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        self.push_guarded_fblock(FBlock::ExceptGroupHandler, s.span, outer)?;
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.span);
            let (handler_done, except_with_error, no_match) =
                (self.new_label(), self.new_label(), self.new_label());
            if i == 0 {
                // [prev_exc, orig] -> [prev_exc, orig, [], exc]
                self.emit(Opcode::COPY, 1);
                self.emit(Opcode::BUILD_LIST, 0);
                self.emit(Opcode::SWAP, 2);
            }
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.emit(Opcode::CHECK_EG_MATCH, 0);
                self.emit(Opcode::COPY, 1);
                self.jump(Opcode::POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_label();
            match &h.name {
                Some(name) => self.name_op(name, ExprContext::Store),
                None => self.emit(Opcode::POP_TOP, 0),
            }
            // Stack: [prev_exc, orig, list, rest].
            self.push_handler(cleanup_end, depth + 4, true);
            self.u().depth = depth + 4;
            self.push_fblock(
                FBlock::HandlerCleanup {
                    name: h.name.clone(),
                },
                h.span,
            )?;
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.pop_handler();
            self.u().depth = depth;
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store);
                self.name_op(name, ExprContext::Del);
            }
            self.jump(Opcode::JUMP_FORWARD, handler_done);
            // The handler raised: record its exception in the list.
            self.bind(cleanup_end);
            self.u().b.loc = None;
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.name_op(name, ExprContext::Store);
                self.name_op(name, ExprContext::Del);
            }
            self.emit(Opcode::LIST_APPEND, 3);
            self.emit(Opcode::POP_TOP, 0);
            self.jump(Opcode::JUMP_FORWARD, except_with_error);
            self.bind(handler_done);
            self.emit(Opcode::NOP, 0);
            self.jump(Opcode::JUMP_FORWARD, except_with_error);
            self.bind(no_match);
            self.emit(Opcode::POP_TOP, 0);
            self.bind(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::LIST_APPEND, 1);
                self.jump(Opcode::JUMP_FORWARD, reraise_star);
            }
        }
        self.u().b.loc = None;
        self.pop_fblock();
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.emit(Opcode::PREP_RERAISE_STAR, 0);
        self.emit(Opcode::COPY, 1);
        self.jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise);
        self.emit(Opcode::POP_TOP, 0);
        self.pop_handler();
        self.emit(Opcode::POP_EXCEPT, 0);
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(reraise);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 0);
        self.bind(cleanup);
        self.emit(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 1);
        self.bind(orelse_label);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// The `SEND`/`YIELD_VALUE` loop of `yield from` and `await` (CPython's
    /// `compiler_add_yield_from`); `RESUME 3` after an await, 2 after `yield from`.
    pub(super) fn add_yield_from(&mut self, is_await: bool) {
        let (send, exit) = (self.new_label(), self.new_label());
        self.bind(send);
        self.jump(Opcode::SEND, exit);
        self.emit(Opcode::YIELD_VALUE, 0);
        self.emit(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.jump(Opcode::JUMP_BACKWARD, send);
        self.bind(exit);
    }
}
