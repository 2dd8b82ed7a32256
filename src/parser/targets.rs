//! Turning parsed expressions into assignment and deletion targets, with CPython's messages
//! for the ones that cannot be (`invalid_assignment`, `invalid_del_stmt`, ...).

use super::ast::{Constant, Expr, ExprContext, ExprKind};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;

/// Whether CPython's `invalid_named_expression` rule (which adds the `'=='` hint) can match
/// target `e`: a `bitwise_or`-level expression other than a list, tuple, generator expression,
/// `True`, `False` or `None`.
fn hint_applies(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::List { .. }
        | ExprKind::Tuple { .. }
        | ExprKind::GeneratorExp { .. }
        | ExprKind::IfExp { .. }
        | ExprKind::Lambda { .. }
        | ExprKind::BoolOp { .. }
        | ExprKind::Compare { .. }
        | ExprKind::NamedExpr { .. } => false,
        ExprKind::UnaryOp { op, .. } => *op != super::ast::UnaryOp::Not,
        ExprKind::Constant { value, .. } => !matches!(value, Constant::None | Constant::Bool(_)),
        _ => true,
    }
}

impl Parser<'_> {
    /// Converts `e` to a Store target; `hint` asks for the `'=='` hint on a bad single target.
    pub(crate) fn to_store(&self, e: Expr, hint: bool) -> PResult<Expr> {
        if let ExprKind::Starred { .. } = e.kind {
            return Err(self.error_expr(SyntaxErrorKind::StarredTargetAlone, &e));
        }
        self.store(e, hint, true)
    }

    fn store(&self, e: Expr, hint: bool, top: bool) -> PResult<Expr> {
        let span = e.span;
        let kind = match e.kind {
            ExprKind::Name { id, .. } => ExprKind::Name {
                id,
                ctx: ExprContext::Store,
            },
            ExprKind::Attribute { value, attr, .. } => ExprKind::Attribute {
                value,
                attr,
                ctx: ExprContext::Store,
            },
            ExprKind::Subscript { value, slice, .. } => ExprKind::Subscript {
                value,
                slice,
                ctx: ExprContext::Store,
            },
            ExprKind::Starred { value, .. } => ExprKind::Starred {
                value: Box::new(self.store(*value, false, false)?),
                ctx: ExprContext::Store,
            },
            ExprKind::Tuple { elts, .. } => ExprKind::Tuple {
                elts: self.store_elts(elts, span)?,
                ctx: ExprContext::Store,
            },
            ExprKind::List { elts, .. } => ExprKind::List {
                elts: self.store_elts(elts, span)?,
                ctx: ExprContext::Store,
            },
            ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } if top && !hint => {
                return Err(self.error_span(SyntaxErrorKind::AssignToYield, span));
            }
            kind => {
                let e = Expr { kind, span };
                let what = e.kind.describe();
                let hint = hint && top && hint_applies(&e);
                return Err(self.error_expr(SyntaxErrorKind::CannotAssign { what, hint }, &e));
            }
        };
        Ok(Expr { kind, span })
    }

    fn store_elts(&self, elts: Vec<Expr>, span: super::ast::Span) -> PResult<Vec<Expr>> {
        let starred = elts
            .iter()
            .filter(|e| matches!(e.kind, ExprKind::Starred { .. }))
            .count();
        if starred > 1 {
            return Err(self.error_span(SyntaxErrorKind::MultipleStarred, span));
        }
        elts.into_iter()
            .map(|e| self.store(e, false, false))
            .collect()
    }

    /// Converts `e` to a Del target (`del_targets`).
    pub(crate) fn to_del(&self, e: Expr) -> PResult<Expr> {
        let span = e.span;
        let kind = match e.kind {
            ExprKind::Name { id, .. } => ExprKind::Name {
                id,
                ctx: ExprContext::Del,
            },
            ExprKind::Attribute { value, attr, .. } => ExprKind::Attribute {
                value,
                attr,
                ctx: ExprContext::Del,
            },
            ExprKind::Subscript { value, slice, .. } => ExprKind::Subscript {
                value,
                slice,
                ctx: ExprContext::Del,
            },
            ExprKind::Tuple { elts, .. } => ExprKind::Tuple {
                elts: elts
                    .into_iter()
                    .map(|e| self.to_del(e))
                    .collect::<PResult<_>>()?,
                ctx: ExprContext::Del,
            },
            ExprKind::List { elts, .. } => ExprKind::List {
                elts: elts
                    .into_iter()
                    .map(|e| self.to_del(e))
                    .collect::<PResult<_>>()?,
                ctx: ExprContext::Del,
            },
            kind => {
                let e = Expr { kind, span };
                let what = e.kind.describe();
                return Err(self.error_expr(SyntaxErrorKind::CannotDelete(what), &e));
            }
        };
        Ok(Expr { kind, span })
    }

    /// Checks and converts the target of an augmented assignment (`single_target`).
    pub(crate) fn to_aug_target(&self, e: Expr) -> PResult<Expr> {
        match e.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {
                self.store(e, false, true)
            }
            _ => {
                let what = e.kind.describe();
                Err(self.error_expr(SyntaxErrorKind::IllegalAugAssign(what), &e))
            }
        }
    }
}
