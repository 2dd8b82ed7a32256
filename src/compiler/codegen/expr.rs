//! Expressions: operators, comparisons, calls, displays, f-strings, conditions.

use super::{as_constant, CResult, Compiler};
use crate::compiler::code::Constant;
use crate::compiler::opcode::{CompareOp, Opcode};
use crate::compiler::symtable::ScopeKind;
use crate::compiler::unit::Label;
use crate::parser::ast::{BoolOp, CmpOp, Expr, ExprContext, ExprKind, Keyword, UnaryOp};
use crate::parser::SyntaxErrorKind;

/// Which collection a starred display builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collection {
    List,
    Tuple,
    Set,
}

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.ur().b.loc;
        self.set_loc(e.span);
        let r = self.expr_inner(e);
        self.u().b.loc = saved;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Constant { .. } => {
                let c = as_constant(e).unwrap_or(Constant::None);
                self.load_const(c);
            }
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Load),
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Opcode::BINARY_OP, *op as u32);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                let op = match op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                };
                self.emit(op, 0);
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = match op {
                    BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
                    BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(jump, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::IfExp { test, body, orelse } => {
                let (else_label, end) = (self.new_label(), self.new_label());
                self.jump_if(test, false, else_label)?;
                self.expr(body)?;
                self.jump(Opcode::JUMP_FORWARD, end);
                self.bind(else_label);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Opcode::COPY, 1);
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.name_op(id, ExprContext::Store);
                }
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let n = self.mangled_name(attr);
                self.emit(Opcode::LOAD_ATTR, n);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Opcode::BINARY_SUBSCR, 0);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Constant::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Opcode::BUILD_SLICE, 3);
                    }
                    None => self.emit(Opcode::BUILD_SLICE, 2),
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::Tuple { elts, .. } => self.collection(elts, Collection::Tuple, 0)?,
            ExprKind::List { elts, .. } => self.collection(elts, Collection::List, 0)?,
            ExprKind::Set { elts } => self.collection(elts, Collection::Set, 0)?,
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Starred { .. } => {
                return Err(self.error(SyntaxErrorKind::StarredHere, e.span));
            }
            ExprKind::JoinedStr { values } => {
                for v in values {
                    self.expr(v)?;
                }
                if values.len() != 1 {
                    self.emit(Opcode::BUILD_STRING, values.len() as u32);
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut arg = match u8::try_from(*conversion).map(char::from) {
                    Ok('s') => 1,
                    Ok('r') => 2,
                    Ok('a') => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    arg |= 4;
                }
                self.emit(Opcode::FORMAT_VALUE, arg);
            }
            ExprKind::Yield { value } => {
                self.check_in_function(e)?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.set_loc(e.span);
                self.emit_yield();
            }
            ExprKind::YieldFrom { value } => {
                self.check_in_function(e)?;
                if self.table.scopes[self.ur().scope].is_async_def {
                    return Err(self.error(SyntaxErrorKind::YieldFromInAsync, e.span));
                }
                self.expr(value)?;
                self.emit(Opcode::GET_YIELD_FROM_ITER, 0);
                self.load_const(Constant::None);
                self.add_yield_from(false);
            }
            ExprKind::Await { value } => {
                if !matches!(
                    self.ur().kind,
                    ScopeKind::Function | ScopeKind::Comprehension
                ) {
                    return Err(self.error(SyntaxErrorKind::AwaitOutsideFunction, e.span));
                }
                if !self.in_async_function() {
                    return Err(self.error(SyntaxErrorKind::AwaitOutsideAsyncFunction, e.span));
                }
                self.expr(value)?;
                self.emit(Opcode::GET_AWAITABLE, 0);
                self.load_const(Constant::None);
                self.add_yield_from(true);
            }
            ExprKind::Lambda { .. } => self.lambda(e)?,
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(e)?,
        }
        Ok(())
    }

    /// `YIELD_VALUE; RESUME 1`, wrapping the value first in an async generator (CPython's
    /// `addop_yield`).
    pub(super) fn emit_yield(&mut self) {
        let s = &self.table.scopes[self.ur().scope];
        if s.is_generator && s.is_coroutine {
            self.emit(Opcode::ASYNC_GEN_WRAP, 0);
        }
        self.emit(Opcode::YIELD_VALUE, 0);
        self.emit(Opcode::RESUME, 1);
    }

    fn check_in_function(&self, e: &Expr) -> CResult {
        match self.ur().kind {
            ScopeKind::Function => Ok(()),
            ScopeKind::Comprehension => {
                let kind = match self.table.scopes[self.ur().scope].name.as_str() {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(self.error(SyntaxErrorKind::YieldInComprehension(kind), e.span))
            }
            _ => Err(self.error(SyntaxErrorKind::YieldOutsideFunction, e.span)),
        }
    }

    fn compare_op(&mut self, op: CmpOp) {
        let (opcode, arg) = match op {
            CmpOp::Eq => (Opcode::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => (Opcode::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => (Opcode::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => (Opcode::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => (Opcode::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => (Opcode::COMPARE_OP, CompareOp::Ge as u32),
            CmpOp::AlmostEq => (Opcode::COMPARE_OP, CompareOp::AlmostEq as u32),
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.emit(opcode, arg);
    }

    /// `a < b < c`: each middle operand is evaluated once (`SWAP`/`COPY`), and the chain
    /// stops at the first false result.
    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let (cleanup, end) = (self.new_label(), self.new_label());
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            self.expr(c)?;
            if i + 1 < ops.len() {
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::COPY, 2);
                self.compare_op(*op);
                self.jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
            } else {
                self.compare_op(*op);
            }
        }
        self.jump(Opcode::JUMP_FORWARD, end);
        self.bind(cleanup);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    /// Jumps to `target` when `e` is truthy (`cond`) or falsy (`!cond`), without leaving a
    /// value (CPython's `compiler_jump_if`).
    pub(super) fn jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> CResult {
        let saved = self.ur().b.loc;
        self.set_loc(e.span);
        let r = self.jump_if_inner(e, cond, target);
        self.u().b.loc = saved;
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, cond: bool, target: Label) -> CResult {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !cond, target),
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                // Short-circuit: for `and` jumping on false (or `or` on true) every operand
                // jumps straight to the target; otherwise all but the last skip past.
                let next = self.new_label();
                let (early, early_cond) = if cond == is_or {
                    (target, cond)
                } else {
                    (next, !cond)
                };
                for v in &values[..values.len() - 1] {
                    self.jump_if(v, early_cond, early)?;
                }
                self.jump_if(&values[values.len() - 1], cond, target)?;
                self.bind(next);
                return Ok(());
            }
            ExprKind::Constant { .. } if as_constant(e).is_some() => {}
            _ => {}
        }
        self.expr(e)?;
        let op = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.jump(op, target);
        Ok(())
    }

    /// Builds a list/tuple/set from `elts` (with `pushed` items already on the stack),
    /// handling `*` unpacking (CPython's `starunpack_helper`).
    fn collection(&mut self, elts: &'a [Expr], kind: Collection, pushed: u32) -> CResult {
        let starred = elts
            .iter()
            .any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !starred {
            if kind == Collection::Tuple && pushed == 0 {
                if let Some(c) = const_tuple(elts) {
                    self.load_const(c);
                    return Ok(());
                }
            }
            for e in elts {
                self.expr(e)?;
            }
            let n = elts.len() as u32 + pushed;
            let op = match kind {
                Collection::List => Opcode::BUILD_LIST,
                Collection::Tuple => Opcode::BUILD_TUPLE,
                Collection::Set => Opcode::BUILD_SET,
            };
            self.emit(op, n);
            return Ok(());
        }
        let (build, add, extend) = match kind {
            Collection::Set => (Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE),
            _ => (Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND),
        };
        self.emit(build, pushed);
        for e in elts {
            match &e.kind {
                ExprKind::Starred { value, .. } => {
                    self.expr(value)?;
                    self.emit(extend, 1);
                }
                _ => {
                    self.expr(e)?;
                    self.emit(add, 1);
                }
            }
        }
        if kind == Collection::Tuple {
            self.emit(Opcode::LIST_TO_TUPLE, 0);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let unpacking = keys.iter().any(Option::is_none);
        if !unpacking {
            let const_keys: Option<Vec<Constant>> = keys
                .iter()
                .map(|k| k.as_ref().and_then(as_constant))
                .collect();
            if let (Some(ck), true) = (const_keys, keys.len() > 1) {
                for v in values {
                    self.expr(v)?;
                }
                self.load_const(Constant::Tuple(ck));
                self.emit(Opcode::BUILD_CONST_KEY_MAP, keys.len() as u32);
                return Ok(());
            }
            for (k, v) in keys.iter().zip(values) {
                if let Some(k) = k {
                    self.expr(k)?;
                }
                self.expr(v)?;
            }
            self.emit(Opcode::BUILD_MAP, keys.len() as u32);
            return Ok(());
        }
        // With `**`: build the pairs before each unpacking, then merge into the first dict.
        let mut have_dict = false;
        let mut pending = 0;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !have_dict {
                        self.emit(Opcode::BUILD_MAP, pending);
                        if have_dict {
                            self.emit(Opcode::DICT_UPDATE, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    self.expr(v)?;
                    self.emit(Opcode::DICT_UPDATE, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(Opcode::BUILD_MAP, pending);
            self.emit(Opcode::DICT_UPDATE, 1);
        }
        Ok(())
    }

    /// A call: `PUSH_NULL; f; args; [KW_NAMES]; CALL n`, `o.m(...)` via `LOAD_METHOD`, and
    /// `CALL_FUNCTION_EX` when arguments are unpacked.
    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        let unpacking = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        match &func.kind {
            ExprKind::Attribute { value, attr, .. } if !unpacking => {
                self.expr(value)?;
                let n = self.mangled_name(attr);
                self.set_loc(func.span);
                self.emit(Opcode::LOAD_METHOD, n);
            }
            _ => {
                self.emit(Opcode::PUSH_NULL, 0);
                self.expr(func)?;
            }
        }
        self.call_args(args, keywords, 0)
    }

    /// Arguments of a call whose callable (and `pushed` leading positional arguments) are
    /// already on the stack.
    pub(super) fn call_args(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        pushed: u32,
    ) -> CResult {
        let unpacking = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        self.check_keywords(keywords)?;
        if !unpacking {
            for a in args {
                self.expr(a)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            if !keywords.is_empty() {
                let names = keywords
                    .iter()
                    .map(|k| Constant::Str(k.arg.clone().unwrap_or_default()))
                    .collect();
                let i = self.u().b.add_const(Constant::Tuple(names));
                self.emit(Opcode::KW_NAMES, i);
            }
            let n = pushed + args.len() as u32 + keywords.len() as u32;
            self.emit(Opcode::CALL, n);
            return Ok(());
        }
        self.collection(args, Collection::Tuple, pushed)?;
        if keywords.is_empty() {
            self.emit(Opcode::CALL_FUNCTION_EX, 0);
            return Ok(());
        }
        self.emit(Opcode::BUILD_MAP, 0);
        let mut pending = 0;
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Constant::Str(name.clone()));
                    self.expr(&k.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 {
                        self.emit(Opcode::BUILD_MAP, pending);
                        self.emit(Opcode::DICT_MERGE, 1);
                        pending = 0;
                    }
                    self.expr(&k.value)?;
                    self.emit(Opcode::DICT_MERGE, 1);
                }
            }
        }
        if pending > 0 {
            self.emit(Opcode::BUILD_MAP, pending);
            self.emit(Opcode::DICT_MERGE, 1);
        }
        self.emit(Opcode::CALL_FUNCTION_EX, 1);
        Ok(())
    }

    fn check_keywords(&self, keywords: &[Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if keywords[..i].iter().any(|p| p.arg.as_ref() == Some(name)) {
                let kind = SyntaxErrorKind::KeywordRepeated(name.clone());
                return Err(self.error(kind, k.span));
            }
        }
        Ok(())
    }
}

/// A tuple of constants, if every element is one.
fn const_tuple(elts: &[Expr]) -> Option<Constant> {
    elts.iter()
        .map(as_constant)
        .collect::<Option<Vec<_>>>()
        .map(Constant::Tuple)
}
