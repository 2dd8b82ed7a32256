//! Atoms (`Grammar/python.gram`, "LITERALS" and the displays): names, numbers, strings,
//! `None`/`True`/`False`/`...`, and the bracketed forms — groups, tuples, lists, dicts,
//! sets, their comprehensions, generator expressions, parenthesized `yield`.

use num_bigint::BigInt;
use num_traits::Num;

use super::ast::{Constant, Expr, ExprContext, ExprKind};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;
use super::token::{Keyword, Op, TokenKind};

impl Parser<'_> {
    /// `atom`: names, literals, and bracketed displays.
    pub(crate) fn atom(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let start = t.start;
        let constant = |value| ExprKind::Constant { value, kind: None };
        match t.kind {
            TokenKind::Name => {
                self.bump();
                let id = self.text(t).to_string();
                Ok(self.mk(
                    ExprKind::Name {
                        id,
                        ctx: ExprContext::Load,
                    },
                    start,
                ))
            }
            TokenKind::Keyword(Keyword::True) => {
                self.bump();
                Ok(self.mk(constant(Constant::Bool(true)), start))
            }
            TokenKind::Keyword(Keyword::False) => {
                self.bump();
                Ok(self.mk(constant(Constant::Bool(false)), start))
            }
            TokenKind::Keyword(Keyword::None) => {
                self.bump();
                Ok(self.mk(constant(Constant::None), start))
            }
            TokenKind::Op(Op::Ellipsis) => {
                self.bump();
                Ok(self.mk(constant(Constant::Ellipsis), start))
            }
            TokenKind::Number => {
                self.bump();
                let value = parse_number(self.text(t));
                Ok(self.mk(constant(value), start))
            }
            TokenKind::String => self.strings(),
            TokenKind::Op(Op::Lpar) => self.nested(|p| p.paren_atom()),
            TokenKind::Op(Op::Lsqb) => self.nested(|p| p.list_atom()),
            TokenKind::Op(Op::Lbrace) => self.nested(|p| p.brace_atom()),
            _ => Err(self.invalid()),
        }
    }

    /// `(...)`: empty tuple, group, tuple, generator expression or parenthesized yield.
    fn paren_atom(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        if self.eat_op(Op::Rpar) {
            return Ok(self.mk(
                ExprKind::Tuple {
                    elts: vec![],
                    ctx: ExprContext::Load,
                },
                start,
            ));
        }
        if self.at_kw(Keyword::Yield) {
            // A parenthesized yield is located without its parentheses, as in CPython.
            let e = self.yield_expr()?;
            self.expect_op(Op::Rpar)?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
            let generators = self.comprehension_clauses()?;
            self.expect_op(Op::Rpar)?;
            return Ok(self.mk(
                ExprKind::GeneratorExp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        if self.eat_op(Op::Rpar) {
            if let ExprKind::Starred { .. } = first.kind {
                return Err(self.error_expr(SyntaxErrorKind::StarredHere, &first));
            }
            // A parenthesized expression keeps its inner location, as in CPython.
            return Ok(first);
        }
        let elts = self.display_rest(first, Op::Rpar)?;
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            start,
        ))
    }

    /// After the first element of a display: `, elt, elt [,]` and the closing bracket.
    fn display_rest(&mut self, first: Expr, close: Op) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        loop {
            if self.eat_op(close) {
                return Ok(elts);
            }
            if !self.at_op(Op::Comma) {
                if self.starts_expression() {
                    let t = self.tok();
                    let first_start = elts.last().map(|e| e.span).unwrap_or_default();
                    let err = self.error_at(
                        SyntaxErrorKind::ForgotComma,
                        super::token::Pos {
                            line: first_start.lineno,
                            col: first_start.col_offset,
                        },
                        t.end,
                        t.end.col + 1,
                    );
                    return Err(err);
                }
                return Err(self.invalid());
            }
            self.bump();
            if self.eat_op(close) {
                return Ok(elts);
            }
            elts.push(self.star_named_expression()?);
        }
    }

    /// `[...]`: list display or list comprehension.
    fn list_atom(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        if self.eat_op(Op::Rsqb) {
            return Ok(self.mk(
                ExprKind::List {
                    elts: vec![],
                    ctx: ExprContext::Load,
                },
                start,
            ));
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
            let generators = self.comprehension_clauses()?;
            self.expect_op(Op::Rsqb)?;
            return Ok(self.mk(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        let elts = self.display_rest(first, Op::Rsqb)?;
        Ok(self.mk(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            start,
        ))
    }

    /// `{...}`: dict or set display, dict or set comprehension.
    fn brace_atom(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        if self.eat_op(Op::Rbrace) {
            return Ok(self.mk(
                ExprKind::Dict {
                    keys: vec![],
                    values: vec![],
                },
                start,
            ));
        }
        if self.at_op(Op::DoubleStar) {
            return self.dict_rest(start, None);
        }
        let first = self.star_named_expression()?;
        if self.at_op(Op::Colon) {
            self.bump();
            let value = self.expression()?;
            if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
                let generators = self.comprehension_clauses()?;
                self.expect_op(Op::Rbrace)?;
                return Ok(self.mk(
                    ExprKind::DictComp {
                        key: Box::new(first),
                        value: Box::new(value),
                        generators,
                    },
                    start,
                ));
            }
            return self.dict_rest(start, Some((first, value)));
        }
        if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
            let generators = self.comprehension_clauses()?;
            self.expect_op(Op::Rbrace)?;
            return Ok(self.mk(
                ExprKind::SetComp {
                    elt: Box::new(first),
                    generators,
                },
                start,
            ));
        }
        let elts = self.display_rest(first, Op::Rbrace)?;
        Ok(self.mk(ExprKind::Set { elts }, start))
    }

    fn dict_rest(
        &mut self,
        start: super::token::Pos,
        first: Option<(Expr, Expr)>,
    ) -> PResult<Expr> {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        let mut need_comma = false;
        if let Some((k, v)) = first {
            keys.push(Some(k));
            values.push(v);
            need_comma = true;
        }
        loop {
            if self.eat_op(Op::Rbrace) {
                break;
            }
            if need_comma {
                if !self.at_op(Op::Comma) {
                    if let Some(v) = values.last().cloned() {
                        return Err(self.forgot_comma_or_invalid(&v));
                    }
                }
                self.expect_op(Op::Comma)?;
                if self.eat_op(Op::Rbrace) {
                    break;
                }
            }
            need_comma = true;
            if self.eat_op(Op::DoubleStar) {
                keys.push(None);
                values.push(self.bitwise_or()?);
                continue;
            }
            let key = self.expression()?;
            if !self.at_op(Op::Colon) {
                let t = self.tok();
                let k = SyntaxErrorKind::ExpectedColonAfterDictKey;
                return Err(self.error_at(k, t.start, t.start, 0));
            }
            self.bump();
            keys.push(Some(key));
            values.push(self.expression()?);
        }
        Ok(self.mk(ExprKind::Dict { keys, values }, start))
    }

    /// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        if self.eat_kw(Keyword::From) {
            let value = self.expression()?;
            return Ok(self.mk(
                ExprKind::YieldFrom {
                    value: Box::new(value),
                },
                start,
            ));
        }
        let value = if self.starts_expression() {
            Some(Box::new(self.star_expressions()?))
        } else {
            None
        };
        Ok(self.mk(ExprKind::Yield { value }, start))
    }
}

/// Decodes a NUMBER token (already validated by the tokenizer).
pub(crate) fn parse_number(text: &str) -> Constant {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let radix = match lower.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 10,
    };
    if radix != 10 {
        return Constant::Int(BigInt::from_str_radix(&lower[2..], radix).unwrap_or_default());
    }
    if let Some(imag) = lower.strip_suffix('j') {
        return Constant::Complex(0.0, imag.parse().unwrap_or(0.0));
    }
    if lower.contains(['.', 'e']) {
        return Constant::Float(lower.parse().unwrap_or(0.0));
    }
    Constant::Int(BigInt::from_str_radix(&lower, 10).unwrap_or_default())
}
