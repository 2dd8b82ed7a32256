//! Statements (`Grammar/python.gram`, "STATEMENTS" and the compound statements).

use super::ast::{Alias, ExceptHandler, Expr, ExprKind, Operator, Stmt, StmtKind, WithItem};
use super::core::{PResult, Parser};
use super::error::SyntaxErrorKind;
use super::token::{Keyword, Op, Pos, TokenKind};

/// The operator of an augmented-assignment token.
fn aug_op(kind: TokenKind) -> Option<Operator> {
    let TokenKind::Op(op) = kind else { return None };
    Some(match op {
        Op::PlusEqual => Operator::Add,
        Op::MinEqual => Operator::Subtract,
        Op::StarEqual => Operator::Multiply,
        Op::SlashEqual => Operator::TrueDivide,
        Op::DoubleSlashEqual => Operator::FloorDivide,
        Op::PercentEqual => Operator::Remainder,
        Op::DoubleStarEqual => Operator::Power,
        Op::AmperEqual => Operator::And,
        Op::VbarEqual => Operator::Or,
        Op::CircumflexEqual => Operator::Xor,
        Op::LeftShiftEqual => Operator::Lshift,
        Op::RightShiftEqual => Operator::Rshift,
        Op::AtEqual => Operator::MatrixMultiply,
        _ => return None,
    })
}

impl Parser<'_> {
    fn stmt(&self, kind: StmtKind, start: Pos) -> Stmt {
        Stmt {
            kind,
            span: self.span_from(start),
        }
    }

    /// `statement: compound_stmt | simple_stmts`; appends to `out`.
    pub(crate) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let t = self.tok();
        match t.kind {
            TokenKind::Keyword(Keyword::If) => out.push(self.if_stmt()?),
            TokenKind::Keyword(Keyword::While) => out.push(self.while_stmt()?),
            TokenKind::Keyword(Keyword::For) => out.push(self.for_stmt(t.start, false)?),
            TokenKind::Keyword(Keyword::Try) => out.push(self.try_stmt()?),
            TokenKind::Keyword(Keyword::With) => out.push(self.with_stmt(t.start, false)?),
            TokenKind::Keyword(Keyword::Def) => out.push(self.funcdef(t.start, vec![], false)?),
            TokenKind::Keyword(Keyword::Class) => out.push(self.classdef(t.start, vec![])?),
            TokenKind::Op(Op::At) => out.push(self.decorated()?),
            TokenKind::Keyword(Keyword::Async) => {
                self.bump();
                let n = self.tok();
                match n.kind {
                    TokenKind::Keyword(Keyword::Def) => {
                        out.push(self.funcdef(t.start, vec![], true)?)
                    }
                    TokenKind::Keyword(Keyword::For) => out.push(self.for_stmt(t.start, true)?),
                    TokenKind::Keyword(Keyword::With) => out.push(self.with_stmt(t.start, true)?),
                    _ => return Err(self.invalid()),
                }
            }
            TokenKind::Name => match self.match_stmt()? {
                Some(m) => out.push(m),
                None => self.simple_stmts(out)?,
            },
            _ => self.simple_stmts(out)?,
        }
        Ok(())
    }

    /// `simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if self.eat_op(Op::Semi) {
                if self.eat(TokenKind::Newline) {
                    return Ok(());
                }
                continue;
            }
            if self.eat(TokenKind::Newline) {
                return Ok(());
            }
            if let Some(e) = out.last().and_then(|s| self.legacy_call_error(s)) {
                return Err(e);
            }
            return Err(self.invalid());
        }
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let t = self.tok();
        let start = t.start;
        let TokenKind::Keyword(kw) = t.kind else {
            return self.expr_or_assign_stmt();
        };
        let kind = match kw {
            Keyword::Pass => {
                self.bump();
                StmtKind::Pass
            }
            Keyword::Break => {
                self.bump();
                StmtKind::Break
            }
            Keyword::Continue => {
                self.bump();
                StmtKind::Continue
            }
            Keyword::Return => {
                self.bump();
                let value = if self.starts_expression() {
                    Some(Box::new(self.star_expressions()?))
                } else {
                    None
                };
                StmtKind::Return { value }
            }
            Keyword::Global | Keyword::Nonlocal => {
                self.bump();
                let mut names = vec![self.name()?];
                while self.eat_op(Op::Comma) {
                    names.push(self.name()?);
                }
                if kw == Keyword::Global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            Keyword::Del => {
                self.bump();
                let mut targets = Vec::new();
                loop {
                    let e = if self.at_op(Op::Star) {
                        self.star_expression()?
                    } else {
                        self.bitwise_or()?
                    };
                    targets.push(self.to_del(e)?);
                    if !self.eat_op(Op::Comma) || !self.starts_expression() {
                        break;
                    }
                }
                StmtKind::Delete { targets }
            }
            Keyword::Assert => {
                self.bump();
                let test = Box::new(self.expression()?);
                let msg = if self.eat_op(Op::Comma) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Keyword::Raise => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if self.starts_expression() {
                    exc = Some(Box::new(self.expression()?));
                    if self.eat_kw(Keyword::From) {
                        cause = Some(Box::new(self.expression()?));
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Keyword::Import => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    let s = self.tok().start;
                    let name = self.dotted_name()?;
                    let asname = if self.eat_kw(Keyword::As) {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    let span = self.span_from(s);
                    names.push(Alias { name, asname, span });
                    if !self.eat_op(Op::Comma) {
                        break;
                    }
                }
                StmtKind::Import { names }
            }
            Keyword::From => return self.import_from(),
            _ => return self.expr_or_assign_stmt(),
        };
        Ok(self.stmt(kind, start))
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.name()?;
        while self.eat_op(Op::Dot) {
            name.push('.');
            name.push_str(&self.name()?);
        }
        Ok(name)
    }

    /// `import_from: 'from' ('.' | '...')* dotted_name 'import' targets | ...`
    fn import_from(&mut self) -> PResult<Stmt> {
        let start = self.bump().start;
        let mut level = 0;
        loop {
            if self.eat_op(Op::Dot) {
                level += 1;
            } else if self.eat_op(Op::Ellipsis) {
                level += 3;
            } else {
                break;
            }
        }
        let module = if self.at_kw(Keyword::Import) && level > 0 {
            None
        } else {
            Some(self.dotted_name()?)
        };
        if !self.eat_kw(Keyword::Import) {
            return Err(self.invalid());
        }
        let mut names = Vec::new();
        if self.at_op(Op::Star) {
            let t = self.bump();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                span: Self::tok_span(t),
            });
        } else {
            let parens = self.eat_op(Op::Lpar);
            loop {
                let s = self.tok().start;
                let name = self.name()?;
                let asname = if self.eat_kw(Keyword::As) {
                    Some(self.name()?)
                } else {
                    None
                };
                let span = self.span_from(s);
                names.push(Alias { name, asname, span });
                if !self.eat_op(Op::Comma) {
                    break;
                }
                if parens && self.at_op(Op::Rpar) {
                    break;
                }
            }
            if parens {
                self.expect_op(Op::Rpar)?;
            }
        }
        Ok(self.stmt(
            StmtKind::ImportFrom {
                module,
                names,
                level,
            },
            start,
        ))
    }

    /// Expression statements and all assignment forms.
    fn expr_or_assign_stmt(&mut self) -> PResult<Stmt> {
        let start = self.tok().start;
        let first = self.expr_or_yield()?;
        if self.at_op(Op::Colon) {
            return self.ann_assign(start, first);
        }
        if let Some(op) = aug_op(self.tok().kind) {
            let target = self.to_aug_target(first)?;
            self.bump();
            let value = self.expr_or_yield()?;
            return Ok(self.stmt(
                StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                },
                start,
            ));
        }
        if !self.at_op(Op::Equal) {
            return Ok(self.stmt(
                StmtKind::Expr {
                    value: Box::new(first),
                },
                start,
            ));
        }
        let mut exprs = vec![first];
        while self.eat_op(Op::Equal) {
            exprs.push(self.expr_or_yield()?);
        }
        let value = exprs.pop().expect("at least two");
        let single = exprs.len() == 1;
        let targets = exprs
            .into_iter()
            .map(|e| self.to_store(e, single))
            .collect::<PResult<Vec<_>>>()?;
        Ok(self.stmt(
            StmtKind::Assign {
                targets,
                value: Box::new(value),
            },
            start,
        ))
    }

    fn expr_or_yield(&mut self) -> PResult<Expr> {
        if self.at_kw(Keyword::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn ann_assign(&mut self, start: Pos, target: Expr) -> PResult<Stmt> {
        // A bare name, not `(x): int` (the statement's first token is the name itself).
        let simple = matches!(target.kind, ExprKind::Name { .. })
            && self
                .tokens
                .binary_search_by(|t| t.start.cmp(&start))
                .is_ok_and(|i| !self.tokens[i].is_op(Op::Lpar));
        match target.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::List { .. } | ExprKind::Tuple { .. } => {
                let what = target.kind.describe();
                let k = SyntaxErrorKind::AnnotatedTargetNotSingle(what);
                return Err(self.error_expr(k, &target));
            }
            _ => {
                return Err(self.error_expr(SyntaxErrorKind::IllegalAnnotationTarget, &target));
            }
        }
        let target = self.to_store(target, false)?;
        self.bump();
        let annotation = self.expression()?;
        let value = if self.eat_op(Op::Equal) {
            Some(Box::new(self.expr_or_yield()?))
        } else {
            None
        };
        Ok(self.stmt(
            StmtKind::AnnAssign {
                target: Box::new(target),
                annotation: Box::new(annotation),
                value,
                simple,
            },
            start,
        ))
    }

    /// `block: NEWLINE INDENT statements DEDENT | simple_stmts`
    pub(crate) fn block(&mut self, after: &'static str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.eat(TokenKind::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        if !self.eat(TokenKind::Indent) {
            let t = self.tok();
            let kind = SyntaxErrorKind::ExpectedIndentedBlock { after, line };
            if matches!(t.kind, TokenKind::EndMarker | TokenKind::Dedent) {
                let p = self.prev();
                return Err(self.error_at(kind, p.start, p.start, 0));
            }
            return Err(self.error_at(kind, t.start, t.start, 0));
        }
        while !self.eat(TokenKind::Dedent) {
            if self.at(TokenKind::EndMarker) {
                break;
            }
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    /// A condition of `if`/`elif`/`while`, with CPython's `=` hints.
    fn condition(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let test = self.named_expression()?;
        if self.at_op(Op::Equal) {
            self.bump();
            let _ = self.bitwise_or();
            let end = self.prev().end;
            let kind = if matches!(test.kind, ExprKind::Name { .. }) {
                SyntaxErrorKind::MaybeMeantEquality
            } else {
                SyntaxErrorKind::CannotAssign {
                    what: test.kind.describe(),
                    hint: true,
                }
            };
            if matches!(kind, SyntaxErrorKind::MaybeMeantEquality) {
                return Err(self.error_at(kind, start, end, end.col + 1));
            }
            return Err(self.error_expr(kind, &test));
        }
        Ok(test)
    }

    /// The `:` after a header that CPython only reports specially before a NEWLINE.
    fn header_colon(&mut self) -> PResult<()> {
        if self.eat_op(Op::Colon) {
            return Ok(());
        }
        if self.at(TokenKind::Newline) {
            return Err(self.error_tok(SyntaxErrorKind::Expected("':'"), self.tok()));
        }
        Err(self.invalid())
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let line = self.tok().start.line;
        if !self.eat_kw(Keyword::Else) {
            return Ok(vec![]);
        }
        self.force_op(Op::Colon, "':'")?;
        self.block("'else' statement", line)
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let t = self.bump();
        let after = if t.is_kw(Keyword::If) {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let test = self.condition()?;
        self.header_colon()?;
        let body = self.nested(|p| p.block(after, t.start.line))?;
        let orelse = if self.at_kw(Keyword::Elif) {
            vec![self.nested(|p| p.if_stmt())?]
        } else {
            self.else_block()?
        };
        Ok(self.stmt(
            StmtKind::If {
                test: Box::new(test),
                body,
                orelse,
            },
            t.start,
        ))
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let t = self.bump();
        let test = self.condition()?;
        self.header_colon()?;
        let body = self.nested(|p| p.block("'while' statement", t.start.line))?;
        let orelse = self.else_block()?;
        Ok(self.stmt(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            t.start,
        ))
    }

    fn for_stmt(&mut self, start: Pos, is_async: bool) -> PResult<Stmt> {
        let t = self.bump();
        let target = self.star_targets()?;
        if !self.eat_kw(Keyword::In) {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        self.force_op(Op::Colon, "':'")?;
        let body = self.nested(|p| p.block("'for' statement", t.start.line))?;
        let orelse = self.else_block()?;
        Ok(self.stmt(
            StmtKind::For {
                target: Box::new(target),
                iter: Box::new(iter),
                body,
                orelse,
                is_async,
            },
            start,
        ))
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let t = self.bump();
        self.force_op(Op::Colon, "':'")?;
        let body = self.nested(|p| p.block("'try' statement", t.start.line))?;
        let mut handlers = Vec::new();
        let mut star: Option<bool> = None;
        while self.at_kw(Keyword::Except) {
            let et = self.bump();
            let is_star = self.at_op(Op::Star);
            if is_star {
                self.bump();
            }
            if star.is_some_and(|s| s != is_star) {
                let k = SyntaxErrorKind::BothExceptAndExceptStar;
                return Err(self.error_span(k, self.span_from(et.start)));
            }
            star = Some(is_star);
            let mut type_ = None;
            let mut name = None;
            if is_star && self.at_op(Op::Colon) {
                let k = SyntaxErrorKind::ExpectedExceptionTypes;
                return Err(self.error_tok(k, self.tok()));
            }
            if !self.at_op(Op::Colon) {
                type_ = Some(self.expressions()?);
                if self.eat_kw(Keyword::As) {
                    name = Some(self.name()?);
                }
            }
            self.header_colon()?;
            let after = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let body = self.nested(|p| p.block(after, et.start.line))?;
            let span = self.span_from(et.start);
            handlers.push(ExceptHandler {
                type_,
                name,
                body,
                span,
            });
        }
        let orelse = if handlers.is_empty() {
            vec![]
        } else {
            self.else_block()?
        };
        let mut finalbody = vec![];
        if self.at_kw(Keyword::Finally) {
            let ft = self.bump();
            self.force_op(Op::Colon, "':'")?;
            finalbody = self.nested(|p| p.block("'finally' statement", ft.start.line))?;
        }
        if handlers.is_empty() && finalbody.is_empty() {
            let t = self.tok();
            let kind = SyntaxErrorKind::ExpectedExceptOrFinally;
            if matches!(t.kind, TokenKind::EndMarker | TokenKind::Dedent) {
                let p = self.prev();
                return Err(self.error_at(kind, p.start, p.start, 0));
            }
            return Err(self.error_tok(kind, t));
        }
        let kind = if star == Some(true) {
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            }
        } else {
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
        };
        Ok(self.stmt(kind, t.start))
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat_kw(Keyword::As) {
            let e = if self.at_op(Op::Star) {
                self.star_expression()?
            } else {
                self.bitwise_or()?
            };
            Some(self.to_store(e, false)?)
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }

    fn with_stmt(&mut self, start: Pos, is_async: bool) -> PResult<Stmt> {
        let t = self.bump();
        let mut items = Vec::new();
        let mut parsed = false;
        if self.at_op(Op::Lpar) {
            // `with (a as b, c):` — try the parenthesized item list first, as CPython does.
            let save = self.pos;
            self.bump();
            let attempt = (|| -> PResult<Vec<WithItem>> {
                let mut items = vec![self.with_item()?];
                while self.eat_op(Op::Comma) {
                    if self.at_op(Op::Rpar) {
                        break;
                    }
                    items.push(self.with_item()?);
                }
                self.expect_op(Op::Rpar)?;
                if !self.at_op(Op::Colon) {
                    return Err(self.invalid());
                }
                Ok(items)
            })();
            match attempt {
                Ok(v) => {
                    items = v;
                    parsed = true;
                }
                Err(_) => self.pos = save,
            }
        }
        if !parsed {
            items.push(self.with_item()?);
            while self.eat_op(Op::Comma) {
                items.push(self.with_item()?);
            }
        }
        self.header_colon()?;
        let body = self.nested(|p| p.block("'with' statement", t.start.line))?;
        Ok(self.stmt(
            StmtKind::With {
                items,
                body,
                is_async,
            },
            start,
        ))
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.named_expression()?);
            if !self.eat(TokenKind::Newline) {
                return Err(self.invalid());
            }
        }
        let t = self.tok();
        match t.kind {
            TokenKind::Keyword(Keyword::Def) => self.funcdef(t.start, decorators, false),
            TokenKind::Keyword(Keyword::Class) => self.classdef(t.start, decorators),
            TokenKind::Keyword(Keyword::Async) if self.peek(1).is_kw(Keyword::Def) => {
                self.bump();
                self.funcdef(t.start, decorators, true)
            }
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, start: Pos, decorator_list: Vec<Expr>, is_async: bool) -> PResult<Stmt> {
        let t = self.bump();
        let name = self.name()?;
        self.force_op(Op::Lpar, "'('")?;
        let args = self.parameters(false)?;
        self.expect_op(Op::Rpar)?;
        let returns = if self.eat_op(Op::RArrow) {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        self.force_op(Op::Colon, "':'")?;
        let body = self.nested(|p| p.block("function definition", t.start.line))?;
        Ok(self.stmt(
            StmtKind::FunctionDef {
                name,
                args: Box::new(args),
                body,
                decorator_list,
                returns,
                is_async,
            },
            start,
        ))
    }

    fn classdef(&mut self, start: Pos, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let t = self.bump();
        let name = self.name()?;
        let (mut bases, mut keywords) = (vec![], vec![]);
        if self.eat_op(Op::Lpar) {
            (bases, keywords) = self.call_arguments()?;
        }
        self.force_op(Op::Colon, "':'")?;
        let body = self.nested(|p| p.block("class definition", t.start.line))?;
        Ok(self.stmt(
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            },
            start,
        ))
    }
}
