//! Constant folding on the AST (CPython's `Python/ast_opt.c`): `-1`, `2*3`, `(1, 2)`,
//! `'a' + 'b'`, within CPython's size limits so folding never builds huge values.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::parser::ast::{Constant, Expr, ExprContext, ExprKind, Module, Operator, Stmt, UnaryOp};

/// Largest int result (in bits) folded by `**` and `<<` (CPython's `MAX_INT_SIZE`).
const MAX_INT_BITS: u64 = 128;
/// Largest str/bytes result folded (CPython's `MAX_STR_SIZE`).
const MAX_STR_SIZE: usize = 4096;
/// Largest tuple folded (CPython's `MAX_COLLECTION_SIZE`).
const MAX_COLLECTION_SIZE: usize = 256;

/// Folds constant sub-expressions of every statement in `module`; annotations are left as
/// written under `from __future__ import annotations` (`skip_ann`), since they become strings.
pub fn fold_module(module: &mut Module, skip_ann: bool) {
    for s in &mut module.body {
        visit_stmt_exprs(s, &mut fold_expr, skip_ann);
    }
}

/// Calls `f` on the value expressions of a pattern (values, mapping keys, classes).
fn visit_pattern_exprs(p: &mut crate::parser::ast::Pattern, f: &mut dyn FnMut(&mut Expr)) {
    use crate::parser::ast::PatternKind::*;
    match &mut p.kind {
        MatchValue { value } => f(value),
        MatchSingleton { .. } | MatchStar { .. } => {}
        MatchSequence { patterns } | MatchOr { patterns } => {
            patterns.iter_mut().for_each(|p| visit_pattern_exprs(p, f));
        }
        MatchMapping { keys, patterns, .. } => {
            keys.iter_mut().for_each(&mut *f);
            patterns.iter_mut().for_each(|p| visit_pattern_exprs(p, f));
        }
        MatchClass {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            f(cls);
            patterns
                .iter_mut()
                .chain(kwd_patterns)
                .for_each(|p| visit_pattern_exprs(p, f));
        }
        MatchAs { pattern, .. } => {
            if let Some(p) = pattern {
                visit_pattern_exprs(p, f);
            }
        }
    }
}

/// Calls `f` on each expression directly inside `s` (and recurses into nested statements).
fn visit_stmt_exprs(s: &mut Stmt, f: &mut dyn FnMut(&mut Expr), skip_ann: bool) {
    use crate::parser::ast::StmtKind::*;
    match &mut s.kind {
        FunctionDef {
            args,
            body,
            decorator_list,
            returns,
            ..
        } => {
            decorator_list.iter_mut().for_each(&mut *f);
            args.defaults.iter_mut().for_each(&mut *f);
            args.kw_defaults.iter_mut().flatten().for_each(&mut *f);
            if !skip_ann {
                let params = args.posonlyargs.iter_mut().chain(&mut args.args);
                let params = params
                    .chain(&mut args.vararg)
                    .chain(&mut args.kwonlyargs)
                    .chain(&mut args.kwarg);
                for a in params.filter_map(|a| a.annotation.as_mut()) {
                    f(a);
                }
            }
            if let Some(r) = returns.as_mut().filter(|_| !skip_ann) {
                f(r);
            }
            body.iter_mut()
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        ClassDef {
            bases,
            keywords,
            body,
            decorator_list,
            ..
        } => {
            decorator_list.iter_mut().for_each(&mut *f);
            bases.iter_mut().for_each(&mut *f);
            keywords.iter_mut().for_each(|k| f(&mut k.value));
            body.iter_mut()
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        Return { value } => value.iter_mut().for_each(|v| f(v)),
        Delete { targets } => targets.iter_mut().for_each(&mut *f),
        Assign { targets, value } => {
            targets.iter_mut().for_each(&mut *f);
            f(value);
        }
        AugAssign { target, value, .. } => {
            f(target);
            f(value);
        }
        AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            f(target);
            if !skip_ann {
                f(annotation);
            }
            value.iter_mut().for_each(|v| f(v));
        }
        For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            f(target);
            f(iter);
            body.iter_mut()
                .chain(orelse)
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        While { test, body, orelse } | If { test, body, orelse } => {
            f(test);
            body.iter_mut()
                .chain(orelse)
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        With { items, body, .. } => {
            for i in items {
                f(&mut i.context_expr);
                if let Some(v) = &mut i.optional_vars {
                    f(v);
                }
            }
            body.iter_mut()
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        Raise { exc, cause } => {
            exc.iter_mut().chain(cause).for_each(|v| f(v));
        }
        Match { subject, cases } => {
            f(subject);
            for case in cases {
                visit_pattern_exprs(&mut case.pattern, f);
                if let Some(g) = &mut case.guard {
                    f(g);
                }
                case.body
                    .iter_mut()
                    .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
            }
        }
        Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
        | TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            body.iter_mut()
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
            for h in handlers {
                if let Some(t) = &mut h.type_ {
                    f(t);
                }
                h.body
                    .iter_mut()
                    .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
            }
            orelse
                .iter_mut()
                .chain(finalbody)
                .for_each(|s| visit_stmt_exprs(s, f, skip_ann));
        }
        Assert { test, msg } => {
            f(test);
            msg.iter_mut().for_each(|v| f(v));
        }
        Expr { value } => f(value),
        Import { .. }
        | ImportFrom { .. }
        | Global { .. }
        | Nonlocal { .. }
        | Pass
        | Break
        | Continue => {}
    }
}

fn children(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    use ExprKind::*;
    match &mut e.kind {
        BoolOp { values, .. } => values.iter_mut().for_each(f),
        NamedExpr { value, .. } => f(value),
        BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        UnaryOp { operand, .. } => f(operand),
        Lambda { args, body } => {
            args.defaults.iter_mut().for_each(&mut *f);
            args.kw_defaults.iter_mut().flatten().for_each(&mut *f);
            f(body);
        }
        IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        Dict { keys, values } => {
            keys.iter_mut().flatten().for_each(&mut *f);
            values.iter_mut().for_each(f);
        }
        Set { elts } | List { elts, .. } | Tuple { elts, .. } => elts.iter_mut().for_each(f),
        ListComp { elt, generators }
        | SetComp { elt, generators }
        | GeneratorExp { elt, generators } => {
            f(elt);
            for g in generators {
                f(&mut g.iter);
                g.ifs.iter_mut().for_each(&mut *f);
            }
        }
        DictComp {
            key,
            value,
            generators,
        } => {
            f(key);
            f(value);
            for g in generators {
                f(&mut g.iter);
                g.ifs.iter_mut().for_each(&mut *f);
            }
        }
        Await { value } | YieldFrom { value } | Starred { value, .. } => f(value),
        Yield { value } => value.iter_mut().for_each(|v| f(v)),
        Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter_mut().for_each(f);
        }
        Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter_mut().for_each(&mut *f);
            keywords.iter_mut().for_each(|k| f(&mut k.value));
        }
        FormattedValue {
            value, format_spec, ..
        } => {
            f(value);
            format_spec.iter_mut().for_each(|v| f(v));
        }
        JoinedStr { values } => values.iter_mut().for_each(f),
        Attribute { value, .. } => f(value),
        Subscript { value, slice, .. } => {
            f(value);
            f(slice);
        }
        Slice { lower, upper, step } => {
            lower.iter_mut().chain(upper).chain(step).for_each(|v| f(v));
        }
        Constant { .. } | Name { .. } => {}
    }
}

fn constant_of(e: &Expr) -> Option<&Constant> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(value),
        _ => None,
    }
}

fn fold_expr(e: &mut Expr) {
    children(e, &mut fold_expr);
    fold_not_compare(e);
    let folded = match &e.kind {
        ExprKind::UnaryOp { op, operand } => constant_of(operand).and_then(|c| unary(*op, c)),
        ExprKind::BinOp { left, op, right } => match (constant_of(left), constant_of(right)) {
            (Some(a), Some(b)) => binary(a, *op, b),
            _ => None,
        },
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        } if elts.len() <= MAX_COLLECTION_SIZE => elts
            .iter()
            .map(|x| constant_of(x).cloned())
            .collect::<Option<Vec<_>>>()
            .map(Constant::Tuple),
        _ => None,
    };
    if let Some(value) = folded {
        e.kind = ExprKind::Constant { value, kind: None };
    }
}

/// `not (a is b)` → `a is not b`, and likewise for `is not`, `in`, `not in` (not `==` and the
/// orderings, whose methods may not be each other's negation), as CPython's AST optimizer.
fn fold_not_compare(e: &mut Expr) {
    use crate::parser::ast::CmpOp;
    let ExprKind::UnaryOp {
        op: UnaryOp::Not,
        operand,
    } = &mut e.kind
    else {
        return;
    };
    let ExprKind::Compare { ops, .. } = &mut operand.kind else {
        return;
    };
    let [op] = ops.as_mut_slice() else {
        return;
    };
    *op = match op {
        CmpOp::Is => CmpOp::IsNot,
        CmpOp::IsNot => CmpOp::Is,
        CmpOp::In => CmpOp::NotIn,
        CmpOp::NotIn => CmpOp::In,
        _ => return,
    };
    // The comparison takes the place of the whole expression, its position included.
    let compare = (**operand).clone();
    *e = compare;
}

fn as_int(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(i.clone()),
        Constant::Bool(b) => Some(BigInt::from(*b as u8)),
        _ => None,
    }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        Constant::Int(_) | Constant::Bool(_) => {
            let i = as_int(c)?;
            (i.bits() <= 53).then(|| i.to_f64()).flatten()
        }
        _ => None,
    }
}

fn truthy(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex(r, i) => *r != 0.0 || *i != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::StrSurrogates(_) => true,
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) => !t.is_empty(),
        Constant::Ellipsis => true,
    })
}

fn unary(op: UnaryOp, c: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => truthy(c).map(|t| Constant::Bool(!t)),
        UnaryOp::USub => match c {
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex(r, i) => Some(Constant::Complex(-r, -i)),
            _ => as_int(c).map(|i| Constant::Int(-i)),
        },
        UnaryOp::UAdd => match c {
            Constant::Float(_) | Constant::Complex(..) => Some(c.clone()),
            _ => as_int(c).map(Constant::Int),
        },
        UnaryOp::Invert => as_int(c).map(|i| Constant::Int(-(i + BigInt::from(1)))),
    }
}

fn binary(a: &Constant, op: Operator, b: &Constant) -> Option<Constant> {
    if matches!(a, Constant::Bool(_)) || matches!(b, Constant::Bool(_)) {
        return None;
    }
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        return int_binary(&x, op, &y).map(Constant::Int).or_else(|| {
            (op == Operator::TrueDivide && !y.is_zero())
                .then(|| Some(Constant::Float(as_float(a)? / as_float(b)?)))
                .flatten()
        });
    }
    match (a, b, op) {
        (Constant::Str(x), Constant::Str(y), Operator::Add)
            if x.len() + y.len() <= MAX_STR_SIZE =>
        {
            Some(Constant::Str(format!("{x}{y}")))
        }
        (Constant::Str(x), Constant::Int(n), Operator::Multiply) => {
            let n = n.to_usize().filter(|n| {
                x.len()
                    .checked_mul(*n)
                    .is_some_and(|len| len <= MAX_STR_SIZE)
            })?;
            Some(Constant::Str(x.repeat(n)))
        }
        (Constant::Bytes(x), Constant::Bytes(y), Operator::Add)
            if x.len() + y.len() <= MAX_STR_SIZE =>
        {
            Some(Constant::Bytes([x.as_slice(), y.as_slice()].concat()))
        }
        (Constant::Complex(..), _, Operator::Add | Operator::Subtract | Operator::Multiply)
        | (_, Constant::Complex(..), Operator::Add | Operator::Subtract | Operator::Multiply) => {
            let parts = |c: &Constant| match c {
                Constant::Complex(r, i) => Some((*r, *i)),
                other => Some((as_float(other)?, 0.0)),
            };
            let ((ar, ai), (br, bi)) = (parts(a)?, parts(b)?);
            Some(match op {
                Operator::Add => Constant::Complex(ar + br, ai + bi),
                Operator::Subtract => Constant::Complex(ar - br, ai - bi),
                _ => Constant::Complex(ar * br - ai * bi, ar * bi + ai * br),
            })
        }
        _ => {
            let (x, y) = (as_float(a)?, as_float(b)?);
            if !matches!(a, Constant::Float(_)) && !matches!(b, Constant::Float(_)) {
                return None;
            }
            let r = match op {
                Operator::Add => x + y,
                Operator::Subtract => x - y,
                Operator::Multiply => x * y,
                Operator::TrueDivide if y != 0.0 => x / y,
                _ => return None,
            };
            Some(Constant::Float(r))
        }
    }
}

fn int_binary(x: &BigInt, op: Operator, y: &BigInt) -> Option<BigInt> {
    Some(match op {
        Operator::Add => x + y,
        Operator::Subtract => x - y,
        Operator::Multiply => {
            if x.bits() + y.bits() > MAX_INT_BITS * 4 {
                return None;
            }
            x * y
        }
        Operator::FloorDivide if !y.is_zero() => x.div_floor(y),
        Operator::Remainder if !y.is_zero() => x.mod_floor(y),
        Operator::Power => {
            if y.is_negative() {
                return None;
            }
            let e = y.to_u64()?;
            if x.bits().saturating_mul(e) > MAX_INT_BITS {
                return None;
            }
            num_traits::pow(x.clone(), e as usize)
        }
        Operator::Lshift => {
            if y.is_negative() {
                return None;
            }
            let s = y.to_u64()?;
            if x.bits() + s > MAX_INT_BITS {
                return None;
            }
            x << s
        }
        Operator::Rshift => {
            if y.is_negative() {
                return None;
            }
            let s = y.to_u64().unwrap_or(u64::MAX).min(x.bits() + 1);
            x >> s
        }
        Operator::And => x & y,
        Operator::Or => x | y,
        Operator::Xor => x ^ y,
        _ => return None,
    })
}
