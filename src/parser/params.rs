//! Parameter lists of `def` and `lambda` (`parameters`, `lambda_parameters`).

use std::collections::HashSet;

use super::ast::{Arg, Arguments, Expr};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;
use super::token::{Op, TokenKind};

impl Parser<'_> {
    /// Parses parameters up to (not including) `)` for `def` or `:` for `lambda`.
    pub(crate) fn parameters(&mut self, lambda: bool) -> PResult<Arguments> {
        let close = if lambda { Op::Colon } else { Op::Rpar };
        let mut a = Arguments::default();
        let mut seen_default = false;
        let mut seen_star = false;
        let mut names: HashSet<String> = HashSet::new();
        while !self.at_op(close) {
            let t = self.tok();
            if self.eat_op(Op::Slash) {
                if seen_star || !a.posonlyargs.is_empty() || a.args.is_empty() {
                    return Err(self.error_tok(SyntaxErrorKind::InvalidSyntax, t));
                }
                a.posonlyargs = std::mem::take(&mut a.args);
            } else if self.eat_op(Op::DoubleStar) {
                let arg = self.param(lambda, &mut names)?;
                a.kwarg = Some(arg);
                self.eat_op(Op::Comma);
                if !self.at_op(close) {
                    return Err(self.invalid());
                }
                break;
            } else if self.eat_op(Op::Star) {
                if seen_star {
                    return Err(self.error_tok(SyntaxErrorKind::InvalidSyntax, t));
                }
                seen_star = true;
                if self.at_op(Op::Comma) {
                    let next = self.peek(1);
                    if next.is_op(close) || next.is_op(Op::DoubleStar) {
                        return Err(self.error_tok(SyntaxErrorKind::BareStar, t));
                    }
                } else if self.at_op(close) {
                    return Err(self.error_tok(SyntaxErrorKind::BareStar, t));
                } else {
                    a.vararg = Some(self.param_star(lambda, &mut names, true)?);
                }
            } else {
                let arg = self.param(lambda, &mut names)?;
                let default = if self.eat_op(Op::Equal) {
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            let k = SyntaxErrorKind::NonDefaultAfterDefault;
                            return Err(self.error_span(k, arg.span));
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(a)
    }

    fn param(&mut self, lambda: bool, names: &mut HashSet<String>) -> PResult<Arg> {
        self.param_star(lambda, names, false)
    }

    /// A parameter; `star_ok` allows `*args: *Ts` (`star_annotation`, PEP 646).
    fn param_star(
        &mut self,
        lambda: bool,
        names: &mut HashSet<String>,
        star_ok: bool,
    ) -> PResult<Arg> {
        let t = self.tok();
        if t.kind != TokenKind::Name {
            return Err(self.invalid());
        }
        let name = self.name()?;
        let annotation = if !lambda && self.eat_op(Op::Colon) {
            let e: Expr = if star_ok && self.at_op(Op::Star) {
                self.star_expression()?
            } else {
                self.expression()?
            };
            Some(Box::new(e))
        } else {
            None
        };
        if names.contains(&name) {
            let kind = SyntaxErrorKind::DuplicateArgument(name);
            return Err(self.error_tok(kind, t));
        }
        names.insert(name.clone());
        Ok(Arg {
            arg: name,
            annotation,
            span: Self::tok_span(t),
        })
    }
}
