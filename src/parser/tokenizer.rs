//! The tokenizer (CPython's `Parser/tokenizer.c`): source text to [`Token`]s, with INDENT/DEDENT,
//! implicit line joining inside brackets and `\` continuation lines.
//!
//! Tokenizing runs eagerly. When it meets an error it stops, ends the token list with an
//! `ENDMARKER` there, and keeps the error beside the tokens: the parser reports it when it gets
//! that far, or instead of a plain "invalid syntax" found earlier (as CPython re-tokenizes the rest
//! of the file before settling on "invalid syntax").

use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Keyword, Op, Pos, Token, TokenKind};

/// CPython's `MAXLEVEL`: the deepest bracket nesting the tokenizer accepts.
pub const MAX_PAREN_LEVEL: usize = 200;
/// CPython's `MAXINDENT`: entries of the indentation stack (the first is column 0).
pub const MAX_INDENT: usize = 100;
const TABSIZE: usize = 8;

/// The tokenizer's result.
#[derive(Debug, Clone)]
pub struct Tokenized {
    /// The tokens, ending with `ENDMARKER`.
    pub tokens: Vec<Token>,
    /// The error that stopped tokenizing early, if any.
    pub error: Option<SyntaxError>,
    /// Brackets still open at the end (or where tokenizing stopped): character and position.
    pub open_brackets: Vec<(char, Pos)>,
    /// The comments: line and byte range (from the `#`), for `# type: ignore`.
    pub comments: Vec<(u32, usize, usize)>,
}

/// Normalises line endings (`\r\n` and lone `\r` become `\n`), as CPython's tokenizer does.
pub fn normalize_newlines(source: &str) -> String {
    if !source.contains('\r') {
        return source.to_string();
    }
    source.replace("\r\n", "\n").replace('\r', "\n")
}

/// The text of 1-based line `line` of `source` (with its `\n`, when it has one).
pub fn line_text(source: &str, line: u32) -> Option<String> {
    if line == 0 {
        return None;
    }
    source
        .split_inclusive('\n')
        .nth(line as usize - 1)
        .map(str::to_string)
}

/// Splits `source` (already newline-normalised) into tokens.
pub fn tokenize(source: &str, filename: &str) -> Tokenized {
    let mut t = Tokenizer {
        src: source,
        filename,
        pos: 0,
        line: 1,
        col: 0,
        tokens: Vec::new(),
        brackets: Vec::new(),
        indents: vec![(0, 0)],
        at_line_start: true,
        comments: Vec::new(),
    };
    let error = t.run().err();
    if error.is_some() {
        let p = t.here();
        t.tokens.push(Token {
            kind: TokenKind::EndMarker,
            start: p,
            end: p,
            range: (t.pos, t.pos),
        });
    }
    Tokenized {
        tokens: t.tokens,
        error,
        open_brackets: t.brackets,
        comments: t.comments,
    }
}

struct Tokenizer<'a> {
    src: &'a str,
    filename: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    tokens: Vec<Token>,
    brackets: Vec<(char, Pos)>,
    /// Indentation stack: (column with tabs to 8, column with tabs as 1).
    indents: Vec<(usize, usize)>,
    at_line_start: bool,
    comments: Vec<(u32, usize, usize)>,
}

/// `XID_Start` or `_` (PEP 3131).
fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && unicode_ident::is_xid_start(c))
}

/// `XID_Continue` (PEP 3131).
fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || (!c.is_ascii() && unicode_ident::is_xid_continue(c))
}

/// Could `c` continue an identifier (CPython's `is_potential_identifier_char`)?
fn is_potential_id_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric() || !c.is_ascii()
}

type TResult<T> = Result<T, SyntaxError>;

impl<'a> Tokenizer<'a> {
    fn here(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 0;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn error(&self, kind: SyntaxErrorKind, line: u32, offset: u32, end_offset: u32) -> SyntaxError {
        SyntaxError {
            kind,
            filename: self.filename.to_string(),
            lineno: line,
            offset,
            end_lineno: line,
            end_offset,
            text: line_text(self.src, line),
        }
    }

    fn push(&mut self, kind: TokenKind, start: Pos, start_byte: usize) {
        self.tokens.push(Token {
            kind,
            start,
            end: self.here(),
            range: (start_byte, self.pos),
        });
    }

    fn run(&mut self) -> TResult<()> {
        loop {
            if self.at_line_start && self.brackets.is_empty() {
                self.at_line_start = false;
                if self.indentation()? {
                    continue;
                }
            }
            let Some(c) = self.peek() else {
                return self.finish();
            };
            let start = self.here();
            let start_byte = self.pos;
            match c {
                ' ' | '\t' | '\x0c' => {
                    self.bump();
                }
                '#' => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                    self.comments.push((start.line, start_byte, self.pos));
                }
                '\n' => {
                    self.bump();
                    if self.brackets.is_empty() {
                        self.tokens.push(Token {
                            kind: TokenKind::Newline,
                            start,
                            end: start,
                            range: (start_byte, self.pos),
                        });
                        self.at_line_start = true;
                    }
                }
                '\\' => {
                    self.bump();
                    match self.peek() {
                        Some('\n') => {
                            self.bump();
                            if self.peek().is_none() {
                                return Err(self.error(
                                    SyntaxErrorKind::UnexpectedEof,
                                    self.line,
                                    self.col,
                                    0,
                                ));
                            }
                        }
                        None => {
                            return Err(self.error(
                                SyntaxErrorKind::UnexpectedEof,
                                self.line,
                                self.col + 1,
                                0,
                            ))
                        }
                        Some(_) => {
                            return Err(self.error(
                                SyntaxErrorKind::LineContinuation,
                                self.line,
                                self.col + 2,
                                0,
                            ))
                        }
                    }
                }
                '0'..='9' => self.number(start, start_byte)?,
                '.' if matches!(self.peek_at(1), Some('0'..='9')) => {
                    self.number(start, start_byte)?
                }
                '\'' | '"' => self.string(start, start_byte, 0)?,
                c if is_id_start(c) => {
                    if let Some(prefix_len) = self.string_prefix() {
                        self.string(start, start_byte, prefix_len)?;
                    } else {
                        self.name(start, start_byte);
                    }
                }
                _ => self.operator(c, start, start_byte)?,
            }
        }
    }

    /// At the start of a logical line: measures indentation and emits INDENT/DEDENT.
    /// Returns true when the line was blank (nothing emitted, line consumed).
    fn indentation(&mut self) -> TResult<bool> {
        let (mut col, mut altcol) = (0usize, 0usize);
        let line_start = self.here();
        while let Some(c) = self.peek() {
            match c {
                ' ' => {
                    col += 1;
                    altcol += 1;
                }
                '\t' => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                }
                '\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.bump();
        }
        match self.peek() {
            None => return Ok(false),
            Some('#') | Some('\n') => {
                let (line, from) = (self.line, self.pos);
                let comment = self.peek() == Some('#');
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    self.bump();
                }
                if comment {
                    self.comments.push((line, from, self.pos));
                }
                self.bump();
                self.at_line_start = true;
                return Ok(true);
            }
            Some('\\') if self.peek_at(1) == Some('\n') => return Ok(false),
            _ => {}
        }
        let here = self.here();
        let tab_error = |t: &Self| t.error(SyntaxErrorKind::InconsistentTabs, t.line, 1, 0);
        let &(top, alttop) = self.indents.last().expect("indent stack never empty");
        if col == top {
            if altcol != alttop {
                return Err(tab_error(self));
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(self.error(SyntaxErrorKind::TooDeepIndentation, self.line, 1, 0));
            }
            if altcol <= alttop {
                return Err(tab_error(self));
            }
            self.indents.push((col, altcol));
            self.tokens.push(Token {
                kind: TokenKind::Indent,
                start: line_start,
                end: here,
                range: (self.pos, self.pos),
            });
        } else {
            while self.indents.len() > 1 && col < self.indents.last().map_or(0, |i| i.0) {
                self.indents.pop();
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    start: here,
                    end: here,
                    range: (self.pos, self.pos),
                });
            }
            let &(top, alttop) = self.indents.last().expect("indent stack never empty");
            if col != top {
                // Just past the line's end, as if it ended in a newline (CPython's tokenizer
                // adds one at the end of the input).
                let line_len = line_text(self.src, self.line)
                    .map(|t| t.trim_end_matches(['\n', '\r']).chars().count() as u32 + 1)
                    .unwrap_or(0);
                return Err(self.error(SyntaxErrorKind::UnindentMismatch, self.line, line_len, 0));
            }
            if altcol != alttop {
                return Err(tab_error(self));
            }
        }
        Ok(false)
    }

    fn finish(&mut self) -> TResult<()> {
        let here = self.here();
        if self.brackets.is_empty() {
            let needs_newline = !matches!(
                self.tokens.last().map(|t| t.kind),
                None | Some(TokenKind::Newline)
            );
            if needs_newline {
                self.tokens.push(Token {
                    kind: TokenKind::Newline,
                    start: here,
                    end: here,
                    range: (self.pos, self.pos),
                });
            }
            let end = if here.col == 0 {
                here
            } else {
                Pos {
                    line: here.line + 1,
                    col: 0,
                }
            };
            while self.indents.len() > 1 {
                self.indents.pop();
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    start: end,
                    end,
                    range: (self.pos, self.pos),
                });
            }
        }
        self.tokens.push(Token {
            kind: TokenKind::EndMarker,
            start: here,
            end: here,
            range: (self.pos, self.pos),
        });
        Ok(())
    }

    fn name(&mut self, start: Pos, start_byte: usize) {
        while let Some(c) = self.peek() {
            if !is_id_continue(c) {
                break;
            }
            self.bump();
        }
        let text = &self.src[start_byte..self.pos];
        let kind = match Keyword::lookup(text) {
            Some(kw) => TokenKind::Keyword(kw),
            None => TokenKind::Name,
        };
        self.push(kind, start, start_byte);
    }

    /// If a string prefix (`r`, `b`, `f`, `u`, `rb`, `fr`, ... any case) followed by a quote
    /// starts here, its length.
    fn string_prefix(&self) -> Option<usize> {
        let rest = &self.src.as_bytes()[self.pos..];
        for len in 1..=2 {
            if rest.len() > len && (rest[len] == b'\'' || rest[len] == b'"') {
                let p: Vec<u8> = rest[..len].iter().map(|b| b.to_ascii_lowercase()).collect();
                let ok = matches!(
                    p.as_slice(),
                    b"r" | b"b" | b"f" | b"u" | b"br" | b"rb" | b"fr" | b"rf"
                );
                return ok.then_some(len);
            }
        }
        None
    }

    fn string(&mut self, start: Pos, start_byte: usize, prefix_len: usize) -> TResult<()> {
        for _ in 0..prefix_len {
            self.bump();
        }
        let quote = self.bump().expect("string starts with a quote");
        let triple = self.peek() == Some(quote) && self.peek_at(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        loop {
            let Some(c) = self.bump() else {
                let line = if self.col == 0 && self.line > 1 {
                    self.line - 1
                } else {
                    self.line
                };
                let kind = if triple {
                    SyntaxErrorKind::UnterminatedTripleQuotedString(line)
                } else {
                    SyntaxErrorKind::UnterminatedString(line)
                };
                return Err(self.error(kind, start.line, start.col + 1, start.col + 1));
            };
            if c == '\\' {
                if self.bump().is_none() {
                    continue;
                }
            } else if c == '\n' && !triple {
                let kind = SyntaxErrorKind::UnterminatedString(start.line);
                return Err(self.error(kind, start.line, start.col + 1, start.col + 1));
            } else if c == quote {
                if !triple {
                    break;
                }
                if self.peek() == Some(quote) && self.peek_at(1) == Some(quote) {
                    self.bump();
                    self.bump();
                    break;
                }
            }
        }
        self.push(TokenKind::String, start, start_byte);
        Ok(())
    }

    /// An error at "the tokenizer's cursor": CPython reports `offset` as the 0-based column
    /// of the character it backed up to.
    fn number_error(&self, kind: SyntaxErrorKind, offset: u32) -> SyntaxError {
        self.error(kind, self.line, offset, offset)
    }

    /// Consumes digits accepted by `is_digit` with single underscores between them; the first
    /// digit must already be next. Errors as CPython's `tok_decimal_tail`.
    fn digits(&mut self, is_digit: fn(char) -> bool, kind: &'static str) -> TResult<()> {
        loop {
            while self.peek().is_some_and(is_digit) {
                self.bump();
            }
            if self.peek() != Some('_') {
                return Ok(());
            }
            self.bump();
            if !self.peek().is_some_and(is_digit) {
                return Err(self.number_error(SyntaxErrorKind::InvalidLiteral(kind), self.col));
            }
        }
    }

    /// CPython's `verify_end_of_number`: a number may not run into a name, except for the
    /// keywords that can follow a number in valid code (`1if x else y`).
    fn verify_end(&self, kind: &'static str) -> TResult<()> {
        let Some(c) = self.peek() else { return Ok(()) };
        let rest = &self.src[self.pos..];
        let keyword_follows = ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|kw| rest.starts_with(kw));
        if !keyword_follows && is_potential_id_char(c) {
            return Err(self.number_error(SyntaxErrorKind::InvalidLiteral(kind), self.col));
        }
        Ok(())
    }

    fn number(&mut self, start: Pos, start_byte: usize) -> TResult<()> {
        let first = self.peek().expect("number starts with a digit or '.'");
        if first == '0' && matches!(self.peek_at(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
            self.bump();
            let marker = self.bump().expect("peeked").to_ascii_lowercase();
            let (is_digit, kind): (fn(char) -> bool, &'static str) = match marker {
                'x' => (|c| c.is_ascii_hexdigit(), "hexadecimal"),
                'o' => (|c| ('0'..='7').contains(&c), "octal"),
                _ => (|c| c == '0' || c == '1', "binary"),
            };
            if self.peek() == Some('_') {
                self.bump();
            }
            match self.peek() {
                Some(c) if is_digit(c) => {}
                Some(c) if c.is_ascii_digit() => {
                    self.bump();
                    let err = SyntaxErrorKind::InvalidDigit {
                        digit: c,
                        base: kind,
                    };
                    return Err(self.number_error(err, self.col));
                }
                _ => return Err(self.number_error(SyntaxErrorKind::InvalidLiteral(kind), self.col)),
            }
            self.digits(is_digit, kind)?;
            if let Some(c) = self.peek() {
                if c.is_ascii_digit() && kind != "hexadecimal" {
                    self.bump();
                    let err = SyntaxErrorKind::InvalidDigit {
                        digit: c,
                        base: kind,
                    };
                    return Err(self.number_error(err, self.col));
                }
            }
            self.verify_end(kind)?;
            self.push(TokenKind::Number, start, start_byte);
            return Ok(());
        }
        let is_dec: fn(char) -> bool = |c| c.is_ascii_digit();
        let mut is_float = false;
        if first == '.' {
            is_float = true;
            self.bump();
            self.digits(is_dec, "decimal")?;
        } else if first == '0' {
            // Zeros, then maybe more digits: only allowed if this turns out to be a float.
            let mut nzeros = 0;
            loop {
                while self.peek() == Some('0') {
                    self.bump();
                    nzeros += 1;
                }
                if self.peek() == Some('_') {
                    self.bump();
                    if self.peek() != Some('0') && !self.peek().is_some_and(is_dec) {
                        return Err(
                            self.number_error(SyntaxErrorKind::InvalidLiteral("decimal"), self.col)
                        );
                    }
                    nzeros += 1;
                } else {
                    break;
                }
            }
            let nonzero = self.peek().is_some_and(is_dec);
            if nonzero {
                self.digits(is_dec, "decimal")?;
            }
            if nonzero && !matches!(self.peek(), Some('.' | 'e' | 'E' | 'j' | 'J')) {
                return Err(self.error(
                    SyntaxErrorKind::LeadingZeros,
                    start.line,
                    start.col + 1,
                    start.col + 1 + nzeros + 1,
                ));
            }
        } else {
            self.digits(is_dec, "decimal")?;
        }
        if !is_float && self.peek() == Some('.') {
            self.bump();
            if self.peek().is_some_and(is_dec) {
                self.digits(is_dec, "decimal")?;
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = (self.pos, self.line, self.col);
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
                if !self.peek().is_some_and(is_dec) {
                    return Err(
                        self.number_error(SyntaxErrorKind::InvalidLiteral("decimal"), self.col)
                    );
                }
            } else if !self.peek().is_some_and(is_dec) {
                (self.pos, self.line, self.col) = save;
                self.verify_end("decimal")?;
                self.push(TokenKind::Number, start, start_byte);
                return Ok(());
            }
            self.digits(is_dec, "decimal")?;
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.bump();
            self.verify_end("imaginary")?;
        } else {
            self.verify_end("decimal")?;
        }
        self.push(TokenKind::Number, start, start_byte);
        Ok(())
    }

    fn operator(&mut self, c: char, start: Pos, start_byte: usize) -> TResult<()> {
        let rest = &self.src[self.pos..];
        let Some(op) = Op::ALL
            .iter()
            .copied()
            .find(|op| rest.starts_with(op.text()))
        else {
            self.bump();
            if c.is_ascii() || c.is_alphanumeric() {
                // `$`, `?`, a lone `!`: the parser reports "invalid syntax" on it.
                self.push(TokenKind::ErrorToken, start, start_byte);
                return Ok(());
            }
            let kind = if c.is_control() || c.is_whitespace() || c == '\u{feff}' {
                SyntaxErrorKind::NonPrintableCharacter(c)
            } else {
                SyntaxErrorKind::InvalidCharacter(c)
            };
            return Err(self.error(kind, start.line, start.col + 1, start.col + 1));
        };
        for _ in 0..op.text().len() {
            self.bump();
        }
        match op {
            Op::Lpar | Op::Lsqb | Op::Lbrace => {
                if self.brackets.len() >= MAX_PAREN_LEVEL {
                    return Err(self.error(
                        SyntaxErrorKind::TooManyNestedParens,
                        start.line,
                        start.col + 1,
                        start.col + 1,
                    ));
                }
                self.brackets.push((c, start));
            }
            Op::Rpar | Op::Rsqb | Op::Rbrace => {
                let Some((open, open_pos)) = self.brackets.pop() else {
                    return Err(self.error(
                        SyntaxErrorKind::Unmatched(c),
                        start.line,
                        start.col + 1,
                        start.col + 1,
                    ));
                };
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if c != expected {
                    let kind = SyntaxErrorKind::MismatchedParen {
                        close: c,
                        open,
                        open_line: (open_pos.line != start.line).then_some(open_pos.line),
                    };
                    return Err(self.error(kind, start.line, start.col + 1, start.col + 1));
                }
            }
            _ => {}
        }
        self.push(TokenKind::Op(op), start, start_byte);
        Ok(())
    }
}

#[cfg(test)]
#[path = "tokenizer_tests.rs"]
mod tests;
