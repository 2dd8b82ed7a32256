//! The parser's cursor over the tokens, error construction, and nesting bookkeeping.

use super::ast::{Expr, ExprContext, ExprKind, Module, Span, Stmt, StmtKind};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Keyword, Op, Pos, Token, TokenKind};
use super::tokenizer;
use super::MAX_DEPTH;

/// A parse step's result.
pub(crate) type PResult<T> = Result<T, SyntaxError>;

/// The parser's state: the tokens, a cursor, and what the tokenizer left for later.
pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) filename: &'a str,
    pub(crate) tokens: Vec<Token>,
    pub(crate) pos: usize,
    tok_error: Option<SyntaxError>,
    open_brackets: Vec<(char, Pos)>,
    depth: u32,
    /// Byte offset where each line starts (errors are built speculatively while
    /// backtracking, so finding their source line must not rescan the file).
    line_starts: Vec<usize>,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, filename: &'a str) -> Parser<'a> {
        let t = tokenizer::tokenize(src, filename);
        Parser {
            src,
            filename,
            tokens: t.tokens,
            pos: 0,
            tok_error: t.error,
            open_brackets: t.open_brackets,
            depth: 0,
            line_starts: std::iter::once(0)
                .chain(src.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// `file: [statements] ENDMARKER`
    pub(crate) fn file_input(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        while !self.at(TokenKind::EndMarker) {
            if self.eat(TokenKind::Newline) {
                continue;
            }
            self.statement(&mut body)?;
        }
        Ok(Module { body })
    }

    /// `eval: expressions NEWLINE* ENDMARKER`
    pub(crate) fn eval_input(&mut self) -> PResult<Module> {
        while self.eat(TokenKind::Newline) {}
        let value = self.expressions()?;
        while self.eat(TokenKind::Newline) {}
        if !self.at(TokenKind::EndMarker) {
            return Err(self.invalid());
        }
        let span = value.span;
        Ok(Module {
            body: vec![Stmt {
                kind: StmtKind::Expr {
                    value: Box::new(value),
                },
                span,
            }],
        })
    }

    /// `func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER` (the
    /// `func_type` mode of `compile()`): a module of one expression statement holding the
    /// tuple `((argtypes...), returns)`, which [`super::parse_func_type`] takes apart. A `*`
    /// or `**` before an argument type is dropped, as CPython's tree has no mark of it.
    pub(crate) fn func_type_input(&mut self) -> PResult<Module> {
        let start = self.tok().start;
        self.expect_op(Op::Lpar)?;
        let mut argtypes = Vec::new();
        while !self.at_op(Op::Rpar) {
            if !self.eat_op(Op::DoubleStar) {
                self.eat_op(Op::Star);
            }
            argtypes.push(self.expression()?);
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        self.expect_op(Op::Rpar)?;
        let args = Expr {
            kind: ExprKind::Tuple {
                elts: argtypes,
                ctx: ExprContext::Load,
            },
            span: self.span_from(start),
        };
        self.expect_op(Op::RArrow)?;
        let returns = self.expression()?;
        while self.eat(TokenKind::Newline) {}
        if !self.at(TokenKind::EndMarker) {
            return Err(self.invalid());
        }
        let span = self.span_from(start);
        let pair = Expr {
            kind: ExprKind::Tuple {
                elts: vec![args, returns],
                ctx: ExprContext::Load,
            },
            span,
        };
        Ok(Module {
            body: vec![Stmt {
                kind: StmtKind::Expr {
                    value: Box::new(pair),
                },
                span,
            }],
        })
    }

    /// Settles which error to report, as CPython does after a failed parse: a tokenizer
    /// error anywhere in the file wins (CPython re-tokenizes the rest of the source), then a
    /// bracket left open on an earlier line, then the parser's own error.
    pub(crate) fn finish(&mut self, result: PResult<Module>) -> PResult<Module> {
        let e = match result {
            Ok(module) => {
                return match self.tok_error.take() {
                    Some(e) => Err(e),
                    None => Ok(module),
                }
            }
            Err(e) => e,
        };
        if let Some(te) = self.tok_error.take() {
            return Err(te);
        }
        let tok = self.tok();
        let generic = e.kind == SyntaxErrorKind::InvalidSyntax;
        if let Some(&(c, p)) = self.open_brackets.last() {
            if (generic && tok.kind == TokenKind::EndMarker) || e.lineno > p.line {
                return Err(self.error_at(SyntaxErrorKind::NeverClosed(c), p, p, 0));
            }
        }
        if generic && tok.kind == TokenKind::Indent {
            let k = SyntaxErrorKind::UnexpectedIndent;
            return Err(self.error_at(k, tok.start, tok.end, tok.end.col));
        }
        Err(e)
    }

    /// Whether the tokenizer stopped on an error.
    pub(crate) fn tok_error_pending(&self) -> bool {
        self.tok_error.is_some()
    }

    // ----- cursor -----

    pub(crate) fn tok(&self) -> Token {
        self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    pub(crate) fn peek(&self, n: usize) -> Token {
        self.tokens[(self.pos + n).min(self.tokens.len() - 1)]
    }

    pub(crate) fn prev(&self) -> Token {
        self.tokens[self.pos.saturating_sub(1)]
    }

    pub(crate) fn bump(&mut self) -> Token {
        let t = self.tok();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    pub(crate) fn at(&self, kind: TokenKind) -> bool {
        self.tok().kind == kind
    }

    pub(crate) fn at_op(&self, op: Op) -> bool {
        self.tok().is_op(op)
    }

    pub(crate) fn at_kw(&self, kw: Keyword) -> bool {
        self.tok().is_kw(kw)
    }

    pub(crate) fn eat(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_op(&mut self, op: Op) -> bool {
        self.eat(TokenKind::Op(op))
    }

    pub(crate) fn eat_kw(&mut self, kw: Keyword) -> bool {
        self.eat(TokenKind::Keyword(kw))
    }

    /// Consumes `op` or fails with "invalid syntax".
    pub(crate) fn expect_op(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.bump())
        } else {
            Err(self.invalid())
        }
    }

    /// Consumes `op` or fails with "expected 'op'" (CPython's `&&` forced tokens).
    pub(crate) fn force_op(&mut self, op: Op, quoted: &'static str) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.bump())
        } else {
            Err(self.error_tok(SyntaxErrorKind::Expected(quoted), self.tok()))
        }
    }

    /// The text of token `t`.
    pub(crate) fn text(&self, t: Token) -> &'a str {
        &self.src[t.range.0..t.range.1]
    }

    /// Consumes a NAME and returns it.
    pub(crate) fn name(&mut self) -> PResult<String> {
        if self.at(TokenKind::Name) {
            let t = self.bump();
            Ok(self.text(t).to_string())
        } else {
            Err(self.invalid())
        }
    }

    // ----- spans -----

    /// The span from `start` to the end of the last consumed token; after a block, the end of
    /// the block's last statement (not its NEWLINE and DEDENT tokens), as CPython.
    pub(crate) fn span_from(&self, start: Pos) -> Span {
        let mut i = self.pos.saturating_sub(1);
        while i > 0 && self.tokens[i].kind == TokenKind::Dedent {
            i -= 1;
        }
        if i > 0 && self.tokens[i].kind == TokenKind::Newline {
            i -= 1;
        }
        let end = self.tokens[i].end;
        Span {
            lineno: start.line,
            col_offset: start.col,
            end_lineno: end.line,
            end_col_offset: end.col,
        }
    }

    pub(crate) fn tok_span(t: Token) -> Span {
        Span {
            lineno: t.start.line,
            col_offset: t.start.col,
            end_lineno: t.end.line,
            end_col_offset: t.end.col,
        }
    }

    // ----- errors -----

    /// A located error; `end_offset` is 1-based (0: none).
    pub(crate) fn error_at(
        &self,
        kind: SyntaxErrorKind,
        start: Pos,
        end: Pos,
        end_offset: u32,
    ) -> SyntaxError {
        SyntaxError {
            kind,
            filename: self.filename.to_string(),
            lineno: start.line,
            offset: start.col + 1,
            end_lineno: end.line,
            end_offset,
            text: self.line_text(start.line),
        }
    }

    /// The text of 1-based line `line`, with its `\n` (as [`tokenizer::line_text`]).
    pub(crate) fn line_text(&self, line: u32) -> Option<String> {
        let start = *self.line_starts.get((line as usize).checked_sub(1)?)?;
        if start >= self.src.len() && line > 1 {
            return None;
        }
        let end = self
            .line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.src.len());
        Some(self.src[start..end].to_string())
    }

    /// An error covering token `t`.
    pub(crate) fn error_tok(&self, kind: SyntaxErrorKind, t: Token) -> SyntaxError {
        self.error_at(kind, t.start, t.end, t.end.col + 1)
    }

    /// An error covering an AST span.
    pub(crate) fn error_span(&self, kind: SyntaxErrorKind, span: Span) -> SyntaxError {
        SyntaxError {
            kind,
            filename: self.filename.to_string(),
            lineno: span.lineno,
            offset: span.col_offset + 1,
            end_lineno: span.end_lineno,
            end_offset: span.end_col_offset + 1,
            text: self.line_text(span.lineno),
        }
    }

    /// An error covering expression `e`.
    pub(crate) fn error_expr(&self, kind: SyntaxErrorKind, e: &Expr) -> SyntaxError {
        self.error_span(kind, e.span)
    }

    /// "invalid syntax" at the current token.
    pub(crate) fn invalid(&self) -> SyntaxError {
        self.error_tok(SyntaxErrorKind::InvalidSyntax, self.tok())
    }

    // ----- nesting -----

    /// Runs `f` one nesting level deeper, failing cleanly past [`MAX_DEPTH`].
    pub(crate) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_tok(SyntaxErrorKind::RecursionLimit, self.tok()));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Adds `n` levels of nesting (for left-deep trees built by loops); undo with
    /// [`Parser::unnest`].
    pub(crate) fn nest_by(&mut self, n: u32) -> PResult<()> {
        if self.depth + n >= MAX_DEPTH {
            return Err(self.error_tok(SyntaxErrorKind::RecursionLimit, self.tok()));
        }
        self.depth += n;
        Ok(())
    }

    /// Undoes [`Parser::nest_by`].
    pub(crate) fn unnest(&mut self, n: u32) {
        self.depth -= n;
    }
}
