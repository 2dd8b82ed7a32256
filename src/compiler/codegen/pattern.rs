//! The `match` statement (CPython 3.11's `compiler_match` and `compiler_pattern_*`).
//!
//! The subject stays on the stack while patterns test it. Sub-patterns leave the values they
//! capture on the stack (beneath anything still being tested) and name them in
//! [`PatternContext::stores`]; only once the whole pattern has matched are the names bound,
//! so a failed match binds nothing. A failing test jumps to `fail_pop[n]`, a chain of
//! `POP_TOP`s that pops the `n` items that test left on the stack; the labels are created on
//! demand and emitted after the case body.
//!
//! Compile-time errors are CPython's: irrefutable patterns that are not last
//! ("wildcard makes remaining patterns unreachable", "name capture 'x' makes ..."),
//! "multiple assignments to name 'x' in pattern", "alternative patterns bind different names",
//! duplicate mapping keys, repeated class-pattern attributes.

use super::{CResult, Compiler};
use crate::compiler::code::Constant;
use crate::compiler::opcode::{BinaryOp, CompareOp, Opcode};
use crate::compiler::unit::Label;
use crate::parser::ast::{
    Constant as AstConst, Expr, ExprContext, ExprKind, MatchCase, Pattern, PatternKind,
};
use crate::parser::SyntaxErrorKind;

/// State threaded through the compilation of one case's pattern.
struct PatternContext {
    /// Names captured so far; their values are on the stack, in this order (bottom first).
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (last case, guarded, or a sub-pattern).
    allow_irrefutable: bool,
    /// `fail_pop[n]`: pops `n` items, then falls through to `fail_pop[n - 1]`.
    fail_pop: Vec<Label>,
    /// Items above the captured values that a failure must pop.
    on_top: usize,
}

/// `_` (a `MatchAs` with neither pattern nor name).
fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

/// `*_`.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    /// `match subject: case ...` (`compiler_match_inner`).
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let end = self.new_label();
        let n = cases.len();
        let has_default = n > 1 && is_wildcard(&cases[n - 1].pattern);
        let tested = n - has_default as usize;
        for (i, case) in cases[..tested].iter().enumerate() {
            self.set_loc(case.pattern.span);
            let last = i + 1 == tested;
            if !last {
                self.emit(Opcode::COPY, 1);
            }
            let mut pc = PatternContext {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in std::mem::take(&mut pc.stores) {
                self.name_op(&name, ExprContext::Store);
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.jump_if(guard, false, fail)?;
            }
            if !last {
                self.emit(Opcode::POP_TOP, 0);
            }
            self.stmts(&case.body)?;
            self.jump(Opcode::JUMP_FORWARD, end);
            self.set_loc(case.pattern.span);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let case = &cases[n - 1];
            self.set_loc(case.pattern.span);
            // `n > 1` here, so the subject was popped by the last tested case.
            self.emit(Opcode::NOP, 0);
            if let Some(guard) = &case.guard {
                self.jump_if(guard, false, end)?;
            }
            self.stmts(&case.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    /// Jumps (with `op`) to the block popping everything this pattern has left.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        let labels = std::mem::take(&mut pc.fail_pop);
        for (i, l) in labels.iter().enumerate().rev() {
            self.bind(*l);
            if i > 0 {
                self.emit(Opcode::POP_TOP, 0);
            }
        }
    }

    /// CPython 3.10's `ROT_N` as `SWAP`s: moves TOS down `count - 1` places.
    fn rotate(&mut self, count: usize) {
        for k in (2..=count).rev() {
            self.emit(Opcode::SWAP, k as u32);
        }
    }

    /// An error at the location of the pattern being compiled (as CPython reports pattern
    /// errors at its current location: the innermost pattern visited last).
    fn error_here(&self, kind: SyntaxErrorKind, p: &Pattern) -> crate::parser::SyntaxError {
        let span = self
            .ur()
            .b
            .loc
            .map_or(p.span, |l| crate::parser::ast::Span {
                lineno: l.line,
                col_offset: l.col,
                end_lineno: l.end_line,
                end_col_offset: l.end_col,
            });
        self.error(kind, span)
    }

    /// Records a capture of TOS as `name` (or pops it for `None`), moving it beneath the
    /// items still being tested.
    fn store_capture(
        &mut self,
        name: Option<&String>,
        pc: &mut PatternContext,
        p: &Pattern,
    ) -> CResult {
        let Some(name) = name else {
            self.emit(Opcode::POP_TOP, 0);
            return Ok(());
        };
        if pc.stores.contains(name) {
            let k = SyntaxErrorKind::MultipleAssignmentsInPattern(name.clone());
            return Err(self.error_here(k, p));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.clone());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = saved;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        self.set_loc(p.span);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                if !is_match_value(value) {
                    return Err(self.error_here(SyntaxErrorKind::PatternsOnlyLiterals, p));
                }
                self.expr(value)?;
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(super::to_code_const(value));
                self.emit(Opcode::IS_OP, 0);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(p, patterns, pc)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(p, keys, patterns, rest.as_ref(), pc)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)?,
            PatternKind::MatchStar { name } => self.store_capture(name.as_ref(), pc, p)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        let k = match name {
                            Some(n) => SyntaxErrorKind::NameCaptureUnreachable(n.clone()),
                            None => SyntaxErrorKind::WildcardUnreachable,
                        };
                        return Err(self.error_here(k, p));
                    }
                    self.store_capture(name.as_ref(), pc, p)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Opcode::COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_capture(name.as_ref(), pc, p)?;
                }
            },
            PatternKind::MatchOr { patterns } => self.pattern_or(p, patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        p: &'a Pattern,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, sub) in patterns.iter().enumerate() {
            if let PatternKind::MatchStar { .. } = sub.kind {
                if star.is_some() {
                    let k = SyntaxErrorKind::MultipleStarredNamesInPattern;
                    return Err(self.error_here(k, p));
                }
                star_wildcard = is_star_wildcard(sub);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(sub);
        }
        pc.on_top += 1;
        self.emit(Opcode::MATCH_SEQUENCE, 0);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.emit(Opcode::GET_LEN, 0);
                self.load_const(Constant::Int(size.into()));
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.emit(Opcode::GET_LEN, 0);
                self.load_const(Constant::Int((size - 1).into()));
                self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
                self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Opcode::POP_TOP, 0);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(usize::MAX), pc)?;
        } else {
            self.sequence_unpack(p, patterns, pc)?;
        }
        Ok(())
    }

    /// `UNPACK_SEQUENCE`/`UNPACK_EX`, then each sub-pattern against its item.
    fn sequence_unpack(
        &mut self,
        p: &'a Pattern,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let n = patterns.len();
        match patterns
            .iter()
            .position(|s| matches!(s.kind, PatternKind::MatchStar { .. }))
        {
            Some(i) => {
                if i >= 1 << 8 {
                    return Err(self.error_here(SyntaxErrorKind::MultipleStarred, p));
                }
                self.emit(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
            }
            None => self.emit(Opcode::UNPACK_SEQUENCE, n as u32),
        }
        pc.on_top += n;
        for sub in patterns {
            pc.on_top -= 1;
            self.subpattern(sub, pc)?;
        }
        Ok(())
    }

    /// Items by index (`[a, *_, b]`): no need to build the starred list.
    fn sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternContext,
    ) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, sub) in patterns.iter().enumerate() {
            if is_wildcard(sub) || i == star {
                continue;
            }
            self.emit(Opcode::COPY, 1);
            if i < star {
                self.load_const(Constant::Int(i.into()));
            } else {
                self.emit(Opcode::GET_LEN, 0);
                self.load_const(Constant::Int((size - i).into()));
                self.emit(Opcode::BINARY_OP, BinaryOp::Subtract as u32);
            }
            self.emit(Opcode::BINARY_SUBSCR, 0);
            self.subpattern(sub, pc)?;
        }
        pc.on_top -= 1;
        self.emit(Opcode::POP_TOP, 0);
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        p: &'a Pattern,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&String>,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = keys.len();
        pc.on_top += 1;
        self.emit(Opcode::MATCH_MAPPING, 0);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit(Opcode::POP_TOP, 0);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GET_LEN, 0);
            self.load_const(Constant::Int(size.into()));
            self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<&AstConst> = Vec::new();
        for key in keys {
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    if seen.iter().any(|s| const_key_eq(s, value)) {
                        let k = SyntaxErrorKind::MappingDuplicateKey(const_repr(value));
                        return Err(self.error_here(k, p));
                    }
                    seen.push(value);
                }
                ExprKind::Attribute { .. } => {}
                _ => return Err(self.error_here(SyntaxErrorKind::MappingKeysOnlyLiterals, p)),
            }
            self.expr(key)?;
        }
        self.set_loc(p.span);
        self.emit(Opcode::BUILD_TUPLE, size as u32);
        self.emit(Opcode::MATCH_KEYS, 0);
        pc.on_top += 2;
        self.emit(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for sub in patterns {
            pc.on_top -= 1;
            self.subpattern(sub, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                // rest = dict(subject); del rest[k] for each matched key.
                self.emit(Opcode::BUILD_MAP, 0);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::DICT_UPDATE, 2);
                self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
                for k in (1..=size).rev() {
                    self.emit(Opcode::COPY, 1 + k as u32);
                    self.emit(Opcode::SWAP, 2);
                    self.emit(Opcode::DELETE_SUBSCR, 0);
                }
                self.store_capture(Some(name), pc, p)?;
            }
            None => {
                self.emit(Opcode::POP_TOP, 0);
                self.emit(Opcode::POP_TOP, 0);
            }
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [String],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        for (i, attr) in kwd_attrs.iter().enumerate() {
            if let Some(j) = kwd_attrs[i + 1..].iter().position(|o| o == attr) {
                let k = SyntaxErrorKind::AttributeRepeatedInClassPattern(attr.clone());
                return Err(self.error(k, kwd_patterns[i + 1 + j].span));
            }
        }
        self.expr(cls)?;
        self.set_loc(p.span);
        let names = kwd_attrs.iter().map(|a| Constant::Str(a.clone())).collect();
        self.load_const(Constant::Tuple(names));
        let nargs = patterns.len();
        let total = nargs + kwd_attrs.len();
        self.emit(Opcode::MATCH_CLASS, nargs as u32);
        self.emit(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::POP_JUMP_IF_FALSE);
        self.emit(Opcode::UNPACK_SEQUENCE, total as u32);
        pc.on_top += total;
        pc.on_top -= 1;
        for sub in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(sub) {
                self.emit(Opcode::POP_TOP, 0);
                continue;
            }
            self.subpattern(sub, pc)?;
        }
        Ok(())
    }

    fn pattern_or(
        &mut self,
        p: &'a Pattern,
        alts: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> CResult {
        let end = self.new_label();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.span);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == alts.len() && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::COPY, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    if ctl.len() != pc.stores.len() {
                        let k = SyntaxErrorKind::AlternativesBindDifferentNames;
                        return Err(self.error_here(k, alt));
                    }
                    // Reorder the captures on the stack to the first alternative's order.
                    for icontrol in (0..ctl.len()).rev() {
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|n| n == name) else {
                            let k = SyntaxErrorKind::AlternativesBindDifferentNames;
                            return Err(self.error_here(k, alt));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(Opcode::JUMP_FORWARD, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.emit(Opcode::POP_TOP, 0);
        self.jump_to_fail_pop(pc, Opcode::JUMP_FORWARD);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                let k = SyntaxErrorKind::MultipleAssignmentsInPattern(name);
                return Err(self.error_here(k, p));
            }
            pc.stores.push(name);
        }
        self.emit(Opcode::POP_TOP, 0);
        Ok(())
    }
}

/// CPython's `MATCH_VALUE_EXPR`: a constant, or an attribute lookup.
fn is_match_value(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Constant { .. } | ExprKind::Attribute { .. }
    )
}

/// Equality of mapping-pattern keys as a Python set sees it (`1 == 1.0 == True`).
fn const_key_eq(a: &AstConst, b: &AstConst) -> bool {
    use AstConst::*;
    let num = |c: &AstConst| -> Option<f64> {
        match c {
            Bool(b) => Some(*b as u8 as f64),
            Int(i) => i.to_string().parse().ok(),
            Float(f) => Some(*f),
            Complex(r, i) if *i == 0.0 => Some(*r),
            _ => Option::None,
        }
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// `repr` of a mapping key, for the duplicate-key message.
fn const_repr(c: &AstConst) -> String {
    use AstConst::*;
    match c {
        None => "None".into(),
        Bool(true) => "True".into(),
        Bool(false) => "False".into(),
        Int(i) => i.to_string(),
        Float(f) => crate::compiler::dis::float_repr(*f),
        Str(s) => format!("'{s}'"),
        Bytes(b) => format!("b'{}'", String::from_utf8_lossy(b)),
        other => format!("{other:?}"),
    }
}
