//! Expressions (`Grammar/python.gram`, "EXPRESSIONS" through "PRIMARY ELEMENTS"): operators
//! by precedence, `lambda`, conditional and named expressions, calls, subscripts and slices,
//! comprehension clauses. Atoms and displays are in `atoms.rs`.

use super::ast::{
    BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword as KwArg,
    Operator, Span, UnaryOp,
};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;
use super::token::{Keyword, Op, Pos, TokenKind};

/// Binding power of a binary operator token (`bitwise_or` .. `term`), higher binds tighter.
fn binary_op(kind: TokenKind) -> Option<(u8, Operator)> {
    let TokenKind::Op(op) = kind else { return None };
    Some(match op {
        Op::Vbar => (1, Operator::Or),
        Op::Circumflex => (2, Operator::Xor),
        Op::Amper => (3, Operator::And),
        Op::LeftShift => (4, Operator::Lshift),
        Op::RightShift => (4, Operator::Rshift),
        Op::Plus => (5, Operator::Add),
        Op::Minus => (5, Operator::Subtract),
        Op::Star => (6, Operator::Multiply),
        Op::Slash => (6, Operator::TrueDivide),
        Op::DoubleSlash => (6, Operator::FloorDivide),
        Op::Percent => (6, Operator::Remainder),
        Op::At => (6, Operator::MatrixMultiply),
        _ => return None,
    })
}

impl Parser<'_> {
    pub(crate) fn mk(&self, kind: ExprKind, start: super::token::Pos) -> Expr {
        Expr {
            kind,
            span: self.span_from(start),
        }
    }

    /// `expressions: expression (',' expression)* [',']`
    pub(crate) fn expressions(&mut self) -> PResult<Expr> {
        self.tuple_of(|p| p.expression())
    }

    /// `star_expressions: star_expression (',' star_expression)* [',']`
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        self.tuple_of(|p| p.star_expression())
    }

    fn tuple_of(&mut self, mut item: impl FnMut(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        let start = self.tok().start;
        let first = item(self)?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(item(self)?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            start,
        ))
    }

    /// Whether the current token can start an expression.
    pub(crate) fn starts_expression(&self) -> bool {
        match self.tok().kind {
            TokenKind::Name | TokenKind::Number | TokenKind::String => true,
            TokenKind::Keyword(k) => matches!(
                k,
                Keyword::None
                    | Keyword::True
                    | Keyword::False
                    | Keyword::Not
                    | Keyword::Lambda
                    | Keyword::Await
                    | Keyword::Yield
            ),
            TokenKind::Op(op) => matches!(
                op,
                Op::Lpar
                    | Op::Lsqb
                    | Op::Lbrace
                    | Op::Minus
                    | Op::Plus
                    | Op::Tilde
                    | Op::Star
                    | Op::Ellipsis
            ),
            _ => false,
        }
    }

    /// `star_expression: '*' bitwise_or | expression`
    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let start = self.bump().start;
            let value = self.bitwise_or()?;
            return Ok(self.mk(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: ExprContext::Load,
                },
                start,
            ));
        }
        self.expression()
    }

    /// `star_named_expression: '*' bitwise_or | named_expression`
    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// `named_expression: NAME ':=' expression | expression !':='`
    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let e = self.expression()?;
        if self.at_op(Op::ColonEqual) {
            let ExprKind::Name { id, .. } = &e.kind else {
                let kind = SyntaxErrorKind::WalrusTarget(e.kind.describe());
                return Err(self.error_expr(kind, &e));
            };
            let target = Expr {
                kind: ExprKind::Name {
                    id: id.clone(),
                    ctx: ExprContext::Store,
                },
                span: e.span,
            };
            self.bump();
            let value = self.nested(|p| p.expression())?;
            return Ok(self.mk(
                ExprKind::NamedExpr {
                    target: Box::new(target),
                    value: Box::new(value),
                },
                start,
            ));
        }
        Ok(e)
    }

    /// `expression: disjunction ['if' disjunction 'else' expression] | lambdef`
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Lambda) {
            return self.nested(|p| p.lambdef());
        }
        let start = self.tok().start;
        let body = self.disjunction()?;
        if !self.at_kw(Keyword::If) {
            return Ok(body);
        }
        self.bump();
        let test = self.disjunction()?;
        if !self.eat_kw(Keyword::Else) {
            let span = self.span_from(start);
            return Err(self.error_span(SyntaxErrorKind::ExpectedElseAfterIf, span));
        }
        let orelse = self.nested(|p| p.expression())?;
        Ok(self.mk(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            start,
        ))
    }

    /// `lambdef: 'lambda' [lambda_params] ':' expression`
    fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.bump().start;
        let args = self.parameters(true)?;
        self.expect_op(Op::Colon)?;
        let body = self.expression()?;
        Ok(self.mk(
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            start,
        ))
    }

    fn bool_chain(
        &mut self,
        kw: Keyword,
        op: BoolOp,
        operand: fn(&mut Self) -> PResult<Expr>,
    ) -> PResult<Expr> {
        let start = self.tok().start;
        let first = operand(self)?;
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(operand(self)?);
        }
        Ok(self.mk(ExprKind::BoolOp { op, values }, start))
    }

    /// `disjunction: conjunction ('or' conjunction)*`
    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        self.bool_chain(Keyword::Or, BoolOp::Or, |p| p.conjunction())
    }

    /// `conjunction: inversion ('and' inversion)*`
    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_chain(Keyword::And, BoolOp::And, |p| p.inversion())
    }

    /// `inversion: 'not' inversion | comparison`
    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Not) {
            let start = self.bump().start;
            let operand = self.nested(|p| p.inversion())?;
            return Ok(self.mk(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(operand),
                },
                start,
            ));
        }
        self.comparison()
    }

    fn compare_op(&mut self) -> Option<CmpOp> {
        let t = self.tok();
        let op = match t.kind {
            TokenKind::Op(Op::EqEqual) => CmpOp::Eq,
            TokenKind::Op(Op::NotEqual) => CmpOp::NotEq,
            TokenKind::Op(Op::Less) => CmpOp::Lt,
            TokenKind::Op(Op::LessEqual) => CmpOp::LtE,
            TokenKind::Op(Op::Greater) => CmpOp::Gt,
            TokenKind::Op(Op::GreaterEqual) => CmpOp::GtE,
            TokenKind::Op(Op::TildeEqual) => CmpOp::AlmostEq,
            TokenKind::Keyword(Keyword::In) => CmpOp::In,
            TokenKind::Keyword(Keyword::Is) => {
                if self.peek(1).is_kw(Keyword::Not) {
                    self.bump();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            TokenKind::Keyword(Keyword::Not) if self.peek(1).is_kw(Keyword::In) => {
                self.bump();
                CmpOp::NotIn
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    /// `comparison: bitwise_or compare_op_bitwise_or_pair*`
    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(op) = self.compare_op() {
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(self.mk(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            start,
        ))
    }

    /// `bitwise_or` down to `term`: the binary operators, by precedence climbing.
    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn binary(&mut self, min_power: u8) -> PResult<Expr> {
        let start = self.tok().start;
        let mut left = self.factor()?;
        let mut levels = 0;
        let result = loop {
            let Some((power, op)) = binary_op(self.tok().kind) else {
                break Ok(left);
            };
            if power < min_power {
                break Ok(left);
            }
            self.bump();
            if let Err(e) = self.nest_by(1) {
                break Err(e);
            }
            levels += 1;
            let right = match self.binary(power + 1) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            left = self.mk(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                start,
            );
        };
        self.unnest(levels);
        result
    }

    /// `factor: '+' factor | '-' factor | '~' factor | power`
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.tok().kind {
            TokenKind::Op(Op::Plus) => UnaryOp::UAdd,
            TokenKind::Op(Op::Minus) => UnaryOp::USub,
            TokenKind::Op(Op::Tilde) => UnaryOp::Invert,
            _ => return self.power(),
        };
        let start = self.bump().start;
        let operand = self.nested(|p| p.factor())?;
        Ok(self.mk(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand),
            },
            start,
        ))
    }

    /// `power: await_primary '**' factor | await_primary`
    fn power(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let left = self.await_primary()?;
        if !self.eat_op(Op::DoubleStar) {
            return Ok(left);
        }
        let right = self.nested(|p| p.factor())?;
        Ok(self.mk(
            ExprKind::BinOp {
                left: Box::new(left),
                op: Operator::Power,
                right: Box::new(right),
            },
            start,
        ))
    }

    /// `await_primary: 'await' primary | primary`
    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Await) {
            let start = self.bump().start;
            let value = self.nested(|p| p.primary())?;
            return Ok(self.mk(
                ExprKind::Await {
                    value: Box::new(value),
                },
                start,
            ));
        }
        self.primary()
    }

    /// `primary: atom ('.' NAME | genexp | '(' arguments ')' | '[' slices ']')*`
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let mut e = self.atom()?;
        let mut levels = 0;
        let result = loop {
            let kind = match self.tok().kind {
                TokenKind::Op(Op::Dot) => {
                    self.bump();
                    match self.name() {
                        Ok(attr) => ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        Err(err) => break Err(err),
                    }
                }
                TokenKind::Op(Op::Lpar) => {
                    self.bump();
                    match self.call_arguments() {
                        Ok((args, keywords)) => ExprKind::Call {
                            func: Box::new(e),
                            args,
                            keywords,
                        },
                        Err(err) => break Err(err),
                    }
                }
                TokenKind::Op(Op::Lsqb) => {
                    self.bump();
                    let slice = match self.slices() {
                        Ok(s) => s,
                        Err(err) => break Err(err),
                    };
                    if let Err(err) = self.expect_op(Op::Rsqb) {
                        break Err(err);
                    }
                    ExprKind::Subscript {
                        value: Box::new(e),
                        slice: Box::new(slice),
                        ctx: ExprContext::Load,
                    }
                }
                _ => break Ok(e),
            };
            e = self.mk(kind, start);
            if let Err(err) = self.nest_by(1) {
                break Err(err);
            }
            levels += 1;
        };
        self.unnest(levels);
        result
    }

    /// `slices: slice !',' | ','.(slice | starred_expression)+ [',']`
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.slice()?;
        if !self.at_op(Op::Comma) && !matches!(first.kind, ExprKind::Starred { .. }) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::Rsqb) {
                break;
            }
            elts.push(self.slice()?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            start,
        ))
    }

    /// `slice: [expression] ':' [expression] [':' [expression]] | named_expression`
    fn slice(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        if self.at_op(Op::Star) {
            return self.star_expression();
        }
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at_op(Op::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(Op::Colon)?;
        let bound = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if p.at_op(Op::Colon) || p.at_op(Op::Comma) || p.at_op(Op::Rsqb) {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(Op::Colon) {
            bound(self)?
        } else {
            None
        };
        Ok(self.mk(ExprKind::Slice { lower, upper, step }, start))
    }

    /// Call arguments after `(`, through `)`.
    pub(crate) fn call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<KwArg>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<KwArg> = Vec::new();
        let mut seen_kwargs_unpack = false;
        let lpar = self.prev();
        while !self.at_op(Op::Rpar) {
            let t = self.tok();
            let start = t.start;
            if self.at_op(Op::DoubleStar) {
                self.bump();
                let value = self.expression()?;
                let span = self.span_from(start);
                keywords.push(KwArg {
                    arg: None,
                    value,
                    span,
                });
                seen_kwargs_unpack = true;
            } else if t.kind == TokenKind::Name && self.peek(1).is_op(Op::Equal) {
                let arg = self.name()?;
                self.bump();
                let value = self.expression()?;
                if self.at_kw(Keyword::For) {
                    return Err(self.error_at(
                        SyntaxErrorKind::MaybeMeantEquality,
                        start,
                        self.prev().end,
                        self.prev().end.col + 1,
                    ));
                }
                let span = self.span_from(start);
                keywords.push(KwArg {
                    arg: Some(arg),
                    value,
                    span,
                });
            } else {
                let e = if self.at_op(Op::Star) {
                    // `starred_expression: '*' expression`
                    let star = self.bump().start;
                    let value = self.expression()?;
                    let e = self.mk(
                        ExprKind::Starred {
                            value: Box::new(value),
                            ctx: ExprContext::Load,
                        },
                        star,
                    );
                    if seen_kwargs_unpack {
                        return Err(self.error_expr(
                            SyntaxErrorKind::IterableUnpackingAfterKeywordUnpacking,
                            &e,
                        ));
                    }
                    e
                } else {
                    let e = self.named_expression()?;
                    if self.at_kw(Keyword::For) || self.at_kw(Keyword::Async) {
                        let generators = self.comprehension_clauses()?;
                        let genexp = self.mk(
                            ExprKind::GeneratorExp {
                                elt: Box::new(e),
                                generators,
                            },
                            start,
                        );
                        if !args.is_empty() || !keywords.is_empty() || !self.at_op(Op::Rpar) {
                            return Err(self
                                .error_expr(SyntaxErrorKind::GeneratorNotParenthesized, &genexp));
                        }
                        // The call's parentheses are the generator expression's (CPython's
                        // location for `f(x for x in y)`).
                        let mut genexp = genexp;
                        let rpar = self.tok();
                        genexp.span = Span {
                            lineno: lpar.start.line,
                            col_offset: lpar.start.col,
                            end_lineno: rpar.end.line,
                            end_col_offset: rpar.end.col,
                        };
                        genexp
                    } else {
                        e
                    }
                };
                // `f(a.b=1)`, `f(True=1)`: a keyword argument's name must be a name
                // (CPython's `invalid_kwarg`), underlined through the `=`.
                if self.at_op(Op::Equal) {
                    let kind = match &e.kind {
                        ExprKind::Constant {
                            value: Constant::Bool(b),
                            ..
                        } => SyntaxErrorKind::CannotAssign {
                            what: if *b { "True" } else { "False" },
                            hint: false,
                        },
                        ExprKind::Constant {
                            value: Constant::None,
                            ..
                        } => SyntaxErrorKind::CannotAssign {
                            what: "None",
                            hint: false,
                        },
                        _ => SyntaxErrorKind::KeywordNotName,
                    };
                    let eq = self.tok();
                    let from = Pos {
                        line: e.span.lineno,
                        col: e.span.col_offset,
                    };
                    return Err(self.error_at(kind, from, eq.end, eq.end.col + 1));
                }
                if !keywords.is_empty() && !matches!(e.kind, ExprKind::Starred { .. }) {
                    let kind = if seen_kwargs_unpack {
                        SyntaxErrorKind::PositionalAfterKeywordUnpacking
                    } else {
                        SyntaxErrorKind::PositionalAfterKeyword
                    };
                    return Err(self.error_expr(kind, &e));
                }
                args.push(e);
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        if !self.at_op(Op::Rpar) {
            let last = match (args.last(), keywords.last()) {
                (Some(a), Some(k))
                    if k.span.lineno > a.span.lineno
                        || (k.span.lineno == a.span.lineno
                            && k.span.col_offset > a.span.col_offset) =>
                {
                    Some(&k.value)
                }
                (Some(a), _) => Some(a),
                (None, Some(k)) => Some(&k.value),
                (None, None) => None,
            };
            if let Some(last) = last.cloned() {
                return Err(self.forgot_comma_or_invalid(&last));
            }
        }
        self.expect_op(Op::Rpar)?;
        Ok((args, keywords))
    }

    /// `for_if_clauses: ('async'? 'for' star_targets 'in' disjunction ('if' disjunction)*)+`
    pub(crate) fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            let is_async = self.eat_kw(Keyword::Async);
            if !self.eat_kw(Keyword::For) {
                if is_async {
                    return Err(self.invalid());
                }
                break;
            }
            let target = self.star_targets()?;
            if !self.eat_kw(Keyword::In) {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Keyword::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(generators)
    }

    /// `star_targets`: a target list for `for` and comprehensions, in Store context.
    pub(crate) fn star_targets(&mut self) -> PResult<Expr> {
        let target = self.tuple_of(|p| {
            if p.at_op(Op::Star) {
                p.star_expression()
            } else {
                p.bitwise_or()
            }
        })?;
        self.to_store(target, false)
    }
}
