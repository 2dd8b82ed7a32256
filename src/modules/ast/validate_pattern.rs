//! The checks CPython's validator makes on the patterns of a `match` statement built by hand
//! (`validate_pattern`): literal kinds, capture names, `MatchStar` placement, matching lengths.

use crate::parser::ast::{Constant, Expr, ExprKind, Operator, Pattern, PatternKind, UnaryOp};
use crate::vm::{PyResult, Vm};

/// `ValueError(msg)`.
fn err(vm: &Vm, msg: &str) -> crate::vm::PyErr {
    vm.value_error(msg)
}

/// A name a pattern binds: not `_`, and not a constant's name.
fn capture(vm: &Vm, name: &str) -> PyResult<()> {
    if name == "_" {
        return Err(err(vm, "can't capture name '_' in patterns"));
    }
    identifier(vm, name)
}

/// An identifier that may not spell `None`, `True` or `False`.
pub fn identifier(vm: &Vm, name: &str) -> PyResult<()> {
    if matches!(name, "None" | "True" | "False") {
        return Err(err(
            vm,
            &format!("identifier field can't represent '{name}' constant"),
        ));
    }
    Ok(())
}

/// Checks `p`; `check_expr` validates an expression in a Load context.
pub fn pattern(
    vm: &Vm,
    p: &Pattern,
    star_ok: bool,
    check_expr: &dyn Fn(&Expr) -> PyResult<()>,
) -> PyResult<()> {
    let all = |ps: &[Pattern], star: bool| -> PyResult<()> {
        ps.iter().try_for_each(|q| pattern(vm, q, star, check_expr))
    };
    match &p.kind {
        PatternKind::MatchValue { value } => {
            check_expr(value)?;
            let ok = match &value.kind {
                ExprKind::Constant { value: c, .. } => {
                    if matches!(
                        c,
                        Constant::Int(_)
                            | Constant::Float(_)
                            | Constant::Complex(..)
                            | Constant::Str(_)
                            | Constant::Bytes(_)
                    ) {
                        true
                    } else {
                        return Err(err(vm, "unexpected constant inside of a literal pattern"));
                    }
                }
                ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => true,
                ExprKind::UnaryOp { op, .. } => *op == UnaryOp::USub,
                ExprKind::BinOp { op, .. } => matches!(op, Operator::Add | Operator::Subtract),
                _ => false,
            };
            if !ok {
                return Err(err(
                    vm,
                    "patterns may only match literals and attribute lookups",
                ));
            }
            Ok(())
        }
        PatternKind::MatchSingleton { value } => {
            if !matches!(value, Constant::None | Constant::Bool(_)) {
                return Err(err(
                    vm,
                    "MatchSingleton can only contain True, False and None",
                ));
            }
            Ok(())
        }
        PatternKind::MatchSequence { patterns } => all(patterns, true),
        PatternKind::MatchMapping {
            keys,
            patterns,
            rest,
        } => {
            if keys.len() != patterns.len() {
                return Err(err(
                    vm,
                    "MatchMapping doesn't have the same number of keys as patterns",
                ));
            }
            if let Some(r) = rest {
                capture(vm, r)?;
            }
            for k in keys {
                if !matches!(
                    k.kind,
                    ExprKind::Constant { .. } | ExprKind::Attribute { .. }
                ) {
                    return Err(err(
                        vm,
                        "can only have Constant or Attribute keys in MatchMapping",
                    ));
                }
                check_expr(k)?;
            }
            all(patterns, false)
        }
        PatternKind::MatchClass {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        } => {
            check_expr(cls)?;
            let mut c: &Expr = cls;
            loop {
                match &c.kind {
                    ExprKind::Name { .. } => break,
                    ExprKind::Attribute { value, .. } => c = value,
                    _ => {
                        return Err(err(
                            vm,
                            "MatchClass cls field can only contain Name or Attribute nodes.",
                        ))
                    }
                }
            }
            if kwd_attrs.len() != kwd_patterns.len() {
                return Err(err(
                    vm,
                    "MatchClass doesn't have the same number of keyword attributes as patterns",
                ));
            }
            kwd_attrs.iter().try_for_each(|a| identifier(vm, a))?;
            all(patterns, false)?;
            all(kwd_patterns, false)
        }
        PatternKind::MatchStar { name } => {
            if !star_ok {
                return Err(err(vm, "can't use MatchStar here"));
            }
            name.as_deref().map_or(Ok(()), |n| capture(vm, n))
        }
        PatternKind::MatchAs { pattern: sub, name } => {
            if let Some(n) = name {
                capture(vm, n)?;
            }
            match sub {
                None => Ok(()),
                Some(_) if name.is_none() => Err(err(
                    vm,
                    "MatchAs must specify a target name if a pattern is given",
                )),
                Some(s) => pattern(vm, s, false, check_expr),
            }
        }
        PatternKind::MatchOr { patterns } => {
            if patterns.len() < 2 {
                return Err(err(vm, "MatchOr requires at least 2 patterns"));
            }
            all(patterns, false)
        }
    }
}
