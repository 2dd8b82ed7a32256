//! The "did you mean" errors CPython's grammar reports instead of a bare "invalid syntax"
//! (its `invalid_*` rules): `print x` ("Missing parentheses in call to 'print'. Did you
//! mean print(...)?") and two expressions side by side inside brackets ("invalid syntax.
//! Perhaps you forgot a comma?"). Others live beside the rules they refine (the `'=='` hint
//! in `targets.rs`, "expected 'except' or 'finally' block" in `stmt.rs`).

use super::ast::{Expr, ExprKind, Stmt, StmtKind};
use super::core::Parser;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Pos, TokenKind};

impl Parser<'_> {
    /// After a statement that should have ended: `print x` / `exec x` (CPython's
    /// `invalid_legacy_expression`), located from the name to the end of its operands.
    pub(crate) fn legacy_call_error(&mut self, last: &Stmt) -> Option<SyntaxError> {
        let StmtKind::Expr { value } = &last.kind else {
            return None;
        };
        let ExprKind::Name { id, .. } = &value.kind else {
            return None;
        };
        if !(id == "print" || id == "exec") || !self.starts_expression() {
            return None;
        }
        let save = self.pos;
        let operands = self.star_expressions();
        let end = self.prev().end;
        self.pos = save;
        operands.ok()?;
        let start = Pos {
            line: value.span.lineno,
            col: value.span.col_offset,
        };
        let k = SyntaxErrorKind::MissingParensPrint(id.clone());
        Some(self.error_at(k, start, end, end.col + 1))
    }

    /// At a token that cannot follow expression `a` inside brackets: if another expression
    /// starts here, "invalid syntax. Perhaps you forgot a comma?" from `a` to its end
    /// (CPython's `invalid_expression`, which skips `NAME STRING` and soft keywords);
    /// otherwise "invalid syntax" at the token.
    pub(crate) fn forgot_comma_or_invalid(&mut self, a: &Expr) -> SyntaxError {
        let plain = self.invalid();
        if !self.starts_expression() {
            return plain;
        }
        if let ExprKind::Name { id, .. } = &a.kind {
            let soft = matches!(id.as_str(), "match" | "case" | "_");
            if soft || self.at(TokenKind::String) {
                return plain;
            }
        }
        let save = self.pos;
        let b = self.expression();
        let end = self.prev().end;
        self.pos = save;
        if b.is_err() {
            return plain;
        }
        let start = Pos {
            line: a.span.lineno,
            col: a.span.col_offset,
        };
        self.error_at(SyntaxErrorKind::ForgotComma, start, end, end.col + 1)
    }
}
