//! The `match` statement and its patterns (`Grammar/python.gram`, "Match statement").
//!
//! `match` and `case` are soft keywords: a statement starting with the name `match` is a
//! match statement only if `match subject:` NEWLINE INDENT `case` follows; otherwise the
//! parser backtracks and reads an ordinary statement (`match = 1`, `match(x)`).

use super::ast::{
    Constant, Expr, ExprContext, ExprKind, MatchCase, Operator, Pattern, PatternKind, Stmt,
    StmtKind, UnaryOp,
};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;
use super::token::{Keyword, Op, Pos, TokenKind};

impl Parser<'_> {
    /// Whether the current token is the soft keyword `word`.
    fn at_soft(&self, word: &str) -> bool {
        self.at(TokenKind::Name) && self.text(self.tok()) == word
    }

    /// `match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT`, or `None`
    /// (cursor unchanged) when the statement is not a match statement.
    pub(crate) fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        if !self.at_soft("match") {
            return Ok(None);
        }
        let save = self.pos;
        let start = self.bump().start;
        let subject = match self.subject_expr() {
            Ok(s) if self.at_op(Op::Colon) || self.at(TokenKind::Newline) => s,
            _ => {
                self.pos = save;
                return Ok(None);
            }
        };
        if self.at(TokenKind::Newline) {
            // `match x` NEWLINE: CPython's `invalid_match_stmt` only if a block follows.
            if self.peek(1).kind == TokenKind::Indent {
                return Err(self.error_tok(SyntaxErrorKind::Expected("':'"), self.tok()));
            }
            self.pos = save;
            return Ok(None);
        }
        let colon = self.bump();
        if !self.at(TokenKind::Newline) {
            self.pos = save;
            return Ok(None);
        }
        self.bump();
        if !self.eat(TokenKind::Indent) {
            let kind = SyntaxErrorKind::ExpectedIndentedBlock {
                after: "'match' statement",
                line: start.line,
            };
            let t = self.tok();
            return Err(self.error_at(kind, t.start, t.start, 0));
        }
        let _ = colon;
        let mut cases = Vec::new();
        while !self.eat(TokenKind::Dedent) {
            if self.at(TokenKind::EndMarker) {
                break;
            }
            if !self.at_soft("case") {
                return Err(self.invalid());
            }
            cases.push(self.nested(|p| p.case_block())?);
        }
        Ok(Some(Stmt {
            kind: StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            span: self.span_from(start),
        }))
    }

    /// `subject_expr: star_named_expression ',' star_named_expressions? | named_expression`
    fn subject_expr(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.star_named_expression()?;
        if !self.at_op(Op::Comma) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.invalid());
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::Colon) || self.at(TokenKind::Newline) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(self.mk(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            start,
        ))
    }

    /// `case_block: "case" patterns guard? ':' block`
    fn case_block(&mut self) -> PResult<MatchCase> {
        let case = self.bump();
        let pattern = self.patterns()?;
        let guard = if self.eat_kw(Keyword::If) {
            Some(self.named_expression()?)
        } else {
            None
        };
        if !self.at_op(Op::Colon) {
            if self.at(TokenKind::Newline) {
                return Err(self.error_tok(SyntaxErrorKind::Expected("':'"), self.tok()));
            }
            return Err(self.invalid());
        }
        self.bump();
        let body = self.nested(|p| p.block("'case' statement", case.start.line))?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
        })
    }

    fn pat(&self, kind: PatternKind, start: Pos) -> Pattern {
        Pattern {
            kind,
            span: self.span_from(start),
        }
    }

    /// `patterns: open_sequence_pattern | pattern`
    fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.tok().start;
        let first = self.maybe_star_pattern()?;
        if !self.at_op(Op::Comma) {
            if matches!(first.kind, PatternKind::MatchStar { .. }) {
                return Ok(self.pat(
                    PatternKind::MatchSequence {
                        patterns: vec![first],
                    },
                    start,
                ));
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::Colon) || self.at_kw(Keyword::If) {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchSequence { patterns }, start))
    }

    /// `maybe_star_pattern: star_pattern | pattern`
    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at_op(Op::Star) {
            let start = self.bump().start;
            let t = self.tok();
            if t.kind != TokenKind::Name {
                return Err(self.invalid());
            }
            let name = self.name()?;
            let name = (name != "_").then_some(name);
            return Ok(self.pat(PatternKind::MatchStar { name }, start));
        }
        self.pattern()
    }

    /// `pattern: or_pattern ['as' pattern_capture_target]`
    fn pattern(&mut self) -> PResult<Pattern> {
        let start = self.tok().start;
        let or = self.nested(|p| p.or_pattern())?;
        if !self.at_kw(Keyword::As) {
            return Ok(or);
        }
        self.bump();
        let t = self.tok();
        if t.kind == TokenKind::Name && !self.peek(1).is_op(Op::Dot) {
            let name = self.name()?;
            if name == "_" {
                let k = SyntaxErrorKind::CannotUseUnderscoreAsTarget;
                return Err(self.error_tok(k, t));
            }
            return Ok(self.pat(
                PatternKind::MatchAs {
                    pattern: Some(Box::new(or)),
                    name: Some(name),
                },
                start,
            ));
        }
        // `invalid_as_pattern: or_pattern 'as' !NAME expression`
        match self.expression() {
            Ok(e) => Err(self.error_expr(SyntaxErrorKind::InvalidPatternTarget, &e)),
            Err(e) => Err(e),
        }
    }

    /// `or_pattern: '|'.closed_pattern+`
    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.tok().start;
        let first = self.closed_pattern()?;
        if !self.at_op(Op::Vbar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat_op(Op::Vbar) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchOr { patterns }, start))
    }

    /// `closed_pattern`: literal, capture, wildcard, value, group, sequence, mapping, class.
    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let t = self.tok();
        let start = t.start;
        match t.kind {
            TokenKind::Name => {
                let next = self.peek(1);
                if !next.is_op(Op::Dot) && !next.is_op(Op::Lpar) {
                    let name = self.name()?;
                    if next.is_op(Op::Equal) {
                        return Err(self.invalid());
                    }
                    let name = (name != "_").then_some(name);
                    return Ok(self.pat(
                        PatternKind::MatchAs {
                            pattern: None,
                            name,
                        },
                        start,
                    ));
                }
                let cls = self.name_or_attr()?;
                if self.at_op(Op::Lpar) {
                    return self.class_pattern(cls, start);
                }
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(cls),
                    },
                    start,
                ))
            }
            TokenKind::Op(Op::Lpar) | TokenKind::Op(Op::Lsqb) => self.sequence_pattern(),
            TokenKind::Op(Op::Lbrace) => self.mapping_pattern(),
            TokenKind::Keyword(Keyword::None | Keyword::True | Keyword::False) => {
                self.bump();
                let value = match t.kind {
                    TokenKind::Keyword(Keyword::None) => Constant::None,
                    TokenKind::Keyword(Keyword::True) => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(self.pat(PatternKind::MatchSingleton { value }, start))
            }
            _ => {
                let value = self.literal_expr()?;
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    start,
                ))
            }
        }
    }

    /// `name_or_attr: NAME ('.' NAME)*`
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let id = self.name()?;
        let mut e = self.mk(
            ExprKind::Name {
                id,
                ctx: ExprContext::Load,
            },
            start,
        );
        while self.eat_op(Op::Dot) {
            let attr = self.name()?;
            e = self.mk(
                ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                    ctx: ExprContext::Load,
                },
                start,
            );
        }
        Ok(e)
    }

    /// A literal for a value pattern or mapping key: signed numbers, complex numbers
    /// (`1 + 2j`), strings (not f-strings). `None`/`True`/`False` are handled by callers.
    fn literal_expr(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let start = t.start;
        match t.kind {
            TokenKind::String => {
                let e = self.strings()?;
                if matches!(e.kind, ExprKind::JoinedStr { .. }) {
                    let k = SyntaxErrorKind::PatternsOnlyLiterals;
                    return Err(self.error_expr(k, &e));
                }
                Ok(e)
            }
            TokenKind::Number | TokenKind::Op(Op::Minus) => {
                let real = self.signed_number()?;
                let op = if self.at_op(Op::Plus) {
                    Operator::Add
                } else if self.at_op(Op::Minus) {
                    Operator::Subtract
                } else {
                    return Ok(real);
                };
                self.bump();
                let imag = self.signed_number()?;
                let imag_ok = matches!(
                    imag.kind,
                    ExprKind::Constant {
                        value: Constant::Complex(..),
                        ..
                    }
                );
                let real_ok = match &real.kind {
                    ExprKind::Constant { value, .. } => !matches!(value, Constant::Complex(..)),
                    ExprKind::UnaryOp { operand, .. } => !matches!(
                        operand.kind,
                        ExprKind::Constant {
                            value: Constant::Complex(..),
                            ..
                        }
                    ),
                    _ => false,
                };
                if !imag_ok {
                    let k = SyntaxErrorKind::ImaginaryNumberRequired;
                    return Err(self.error_expr(k, &imag));
                }
                if !real_ok {
                    let k = SyntaxErrorKind::RealNumberRequired;
                    return Err(self.error_expr(k, &real));
                }
                Ok(self.mk(
                    ExprKind::BinOp {
                        left: Box::new(real),
                        op,
                        right: Box::new(imag),
                    },
                    start,
                ))
            }
            TokenKind::Keyword(Keyword::None | Keyword::True | Keyword::False) => {
                self.bump();
                let value = match t.kind {
                    TokenKind::Keyword(Keyword::None) => Constant::None,
                    TokenKind::Keyword(Keyword::True) => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                Ok(self.mk(ExprKind::Constant { value, kind: None }, start))
            }
            _ => Err(self.invalid()),
        }
    }

    /// `signed_number: NUMBER | '-' NUMBER`
    fn signed_number(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let neg = self.eat_op(Op::Minus);
        let t = self.tok();
        if t.kind != TokenKind::Number {
            return Err(self.invalid());
        }
        self.bump();
        let value = super::atoms::parse_number(self.text(t));
        let e = self.mk(ExprKind::Constant { value, kind: None }, t.start);
        if !neg {
            return Ok(e);
        }
        Ok(self.mk(
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand: Box::new(e),
            },
            start,
        ))
    }

    /// `group_pattern: '(' pattern ')'` and `sequence_pattern: '[' ... ']' | '(' ... ')'`.
    fn sequence_pattern(&mut self) -> PResult<Pattern> {
        let open = self.bump();
        let start = open.start;
        let close = if open.is_op(Op::Lpar) {
            Op::Rpar
        } else {
            Op::Rsqb
        };
        let mut patterns = Vec::new();
        let mut saw_comma = false;
        while !self.at_op(close) {
            patterns.push(self.maybe_star_pattern()?);
            if !self.eat_op(Op::Comma) {
                break;
            }
            saw_comma = true;
        }
        self.expect_op(close)?;
        if close == Op::Rpar && patterns.len() == 1 && !saw_comma {
            let inner = patterns.pop().expect("one pattern");
            if !matches!(inner.kind, PatternKind::MatchStar { .. }) {
                // A group: the pattern itself, keeping its own location.
                return Ok(inner);
            }
            patterns.push(inner);
        }
        Ok(self.pat(PatternKind::MatchSequence { patterns }, start))
    }

    /// `mapping_pattern: '{' [items_pattern] [',' double_star_pattern] [','] '}'`
    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.bump().start;
        let (mut keys, mut patterns, mut rest) = (Vec::new(), Vec::new(), None);
        while !self.at_op(Op::Rbrace) {
            if self.eat_op(Op::DoubleStar) {
                let t = self.tok();
                rest = Some(self.name()?);
                if rest.as_deref() == Some("_") {
                    return Err(self.error_tok(SyntaxErrorKind::InvalidSyntax, t));
                }
                self.eat_op(Op::Comma);
                break;
            }
            let key = if self.at(TokenKind::Name) {
                let key = self.name_or_attr()?;
                if !matches!(key.kind, ExprKind::Attribute { .. }) {
                    return Err(self.error_expr(SyntaxErrorKind::InvalidSyntax, &key));
                }
                key
            } else {
                self.literal_expr()?
            };
            self.expect_op(Op::Colon)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        self.expect_op(Op::Rbrace)?;
        Ok(self.pat(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            start,
        ))
    }

    /// `class_pattern: name_or_attr '(' [pattern, ...] [NAME '=' pattern, ...] ')'`
    fn class_pattern(&mut self, cls: Expr, start: Pos) -> PResult<Pattern> {
        self.bump();
        let (mut patterns, mut kwd_attrs, mut kwd_patterns) = (Vec::new(), Vec::new(), vec![]);
        while !self.at_op(Op::Rpar) {
            if self.at(TokenKind::Name) && self.peek(1).is_op(Op::Equal) {
                kwd_attrs.push(self.name()?);
                self.bump();
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_patterns.is_empty() {
                    let k = SyntaxErrorKind::PositionalPatternsFollowKeyword;
                    return Err(self.error_span(k, p.span));
                }
                patterns.push(p);
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        self.expect_op(Op::Rpar)?;
        Ok(self.pat(
            PatternKind::MatchClass {
                cls: Box::new(cls),
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            start,
        ))
    }
}
