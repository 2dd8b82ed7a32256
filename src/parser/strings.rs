//! String, bytes and f-string literals: prefixes, escapes, implicit concatenation, and the
//! fields of f-strings (parsed with a nested parser, as CPython 3.11 does).

use super::ast::{Constant, Expr, ExprKind, Span};
use super::core::{PResult, Parser};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{Pos, Token, TokenKind};
use crate::objects::wtf8::Wtf8Buf;

/// One piece of a (possibly f-) string literal being assembled.
enum Piece {
    /// Literal text (generalized UTF-8: escapes may make lone surrogates).
    Text(Wtf8Buf),
    Field(Expr),
}

/// The prefix flags of one string token.
#[derive(Clone, Copy)]
struct Prefix {
    raw: bool,
    bytes: bool,
    fstring: bool,
    unicode: bool,
}

/// The character named `name` in the Unicode database (`\N{...}`): names, name aliases
/// and the algorithmic names (`CJK UNIFIED IDEOGRAPH-4E00`, Hangul syllables), compared
/// case-insensitively, as CPython's `unicodedata.lookup` without named sequences.
fn lookup_unicode_name(name: &str) -> Option<char> {
    if name.is_empty() || !name.is_ascii() {
        return None;
    }
    unicode_names2::character(name)
}

/// Escape-decoding failures, before they are located.
enum EscapeError {
    Unicode {
        start: usize,
        end: usize,
        reason: &'static str,
    },
    BadHex(usize),
}

/// Decodes the escapes of a non-raw str body (`\\ud800` and the like give lone surrogates).
fn decode_str(body: &str) -> Result<Wtf8Buf, EscapeError> {
    let bytes = body.as_bytes();
    let mut out = Wtf8Buf::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i..].chars().next().unwrap_or('\0');
        if c != '\\' {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        i += 1;
        let Some(e) = body[i..].chars().next() else {
            return Err(EscapeError::Unicode {
                start,
                end: start,
                reason: "\\ at end of string",
            });
        };
        i += e.len_utf8();
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                let mut n = 1;
                while n < 3 && i < bytes.len() && (b'0'..=b'7').contains(&bytes[i]) {
                    v = v * 8 + (bytes[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (len, reason) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let digits = &bytes[i..(i + len).min(bytes.len())];
                let ok = digits.len() == len && digits.iter().all(u8::is_ascii_hexdigit);
                if !ok {
                    let good = digits.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                    let end = (i + good).saturating_sub(1).max(start + 1);
                    return Err(EscapeError::Unicode { start, end, reason });
                }
                let text = std::str::from_utf8(digits).unwrap_or("0");
                let v = u32::from_str_radix(text, 16).unwrap_or(0);
                i += len;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if v <= 0x10ffff => out.push_code_point(v),
                    None => {
                        return Err(EscapeError::Unicode {
                            start,
                            end: i - 1,
                            reason: "illegal Unicode character",
                        })
                    }
                }
            }
            'N' => {
                let rest = &body[i..];
                let close = rest.find('}');
                if !rest.starts_with('{') || close.is_none() {
                    return Err(EscapeError::Unicode {
                        start,
                        end: i - 1,
                        reason: "malformed \\N character escape",
                    });
                }
                let close = close.unwrap_or(0);
                let name = &rest[1..close];
                i += close + 1;
                match lookup_unicode_name(name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(EscapeError::Unicode {
                            start,
                            end: i - 1,
                            reason: "unknown Unicode character name",
                        })
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Decodes the escapes of a non-raw bytes body (ASCII already checked).
fn decode_bytes(body: &str) -> Result<Vec<u8>, EscapeError> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let digits = &b[i..(i + 2).min(b.len())];
                if digits.len() != 2 || !digits.iter().all(u8::is_ascii_hexdigit) {
                    return Err(EscapeError::BadHex(start));
                }
                let text = std::str::from_utf8(digits).unwrap_or("0");
                out.push(u8::from_str_radix(text, 16).unwrap_or(0));
                i += 2;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn split_prefix(text: &str) -> (Prefix, &str) {
    let plen = text.find(['\'', '"']).unwrap_or(0);
    let p = text[..plen].to_ascii_lowercase();
    let prefix = Prefix {
        raw: p.contains('r'),
        bytes: p.contains('b'),
        fstring: p.contains('f'),
        unicode: p.contains('u'),
    };
    let rest = &text[plen..];
    let q = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = rest.get(q..rest.len().saturating_sub(q)).unwrap_or("");
    (prefix, body)
}

impl Parser<'_> {
    fn escape_error(&self, e: EscapeError, t: Token) -> SyntaxError {
        let kind = match e {
            EscapeError::Unicode { start, end, reason } => {
                SyntaxErrorKind::UnicodeEscape { start, end, reason }
            }
            EscapeError::BadHex(pos) => SyntaxErrorKind::BadHexEscape(pos),
        };
        self.error_tok(kind, t)
    }

    /// `strings: STRING+` — adjacent literals concatenated; f-strings become `JoinedStr`.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let mut pieces: Vec<Piece> = Vec::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_str = false;
        let mut any_f = false;
        let mut first_unicode = None;
        while self.at(TokenKind::String) {
            let t = self.bump();
            let text = self.text(t);
            let (prefix, body) = split_prefix(text);
            first_unicode.get_or_insert(prefix.unicode);
            if prefix.bytes {
                if !body.is_ascii() {
                    return Err(self.error_tok(SyntaxErrorKind::BytesNotAscii, t));
                }
                let b = if prefix.raw {
                    body.as_bytes().to_vec()
                } else {
                    decode_bytes(body).map_err(|e| self.escape_error(e, t))?
                };
                bytes.get_or_insert_with(Vec::new).extend(b);
            } else if prefix.fstring {
                any_str = true;
                any_f = true;
                let body_byte = t.range.0 + (text.len() - body.len()) - quote_len(text);
                self.fstring_body(body, body_byte, prefix.raw, t, 0, &mut pieces)?;
            } else {
                any_str = true;
                let s = if prefix.raw {
                    Wtf8Buf::from(body)
                } else {
                    decode_str(body).map_err(|e| self.escape_error(e, t))?
                };
                push_text(&mut pieces, s);
            }
            if bytes.is_some() && any_str {
                let span = self.span_from(start);
                return Err(self.error_span(SyntaxErrorKind::MixedBytes, span));
            }
        }
        let kind = if first_unicode == Some(true) {
            Some("u".to_string())
        } else {
            None
        };
        if let Some(b) = bytes {
            return Ok(self.mk(
                ExprKind::Constant {
                    value: Constant::Bytes(b),
                    kind: None,
                },
                start,
            ));
        }
        if !any_f {
            let s = match pieces.pop() {
                Some(Piece::Text(s)) => s,
                _ => Wtf8Buf::new(),
            };
            return Ok(self.mk(
                ExprKind::Constant {
                    value: str_constant(s),
                    kind,
                },
                start,
            ));
        }
        let span = self.span_from(start);
        Ok(self.mk(joined(pieces, span), start))
    }

    /// Position of byte `byte` of the source.
    fn pos_of_byte(&self, byte: usize) -> Pos {
        let before = &self.src[..byte.min(self.src.len())];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line,
            col: before[line_start..].chars().count() as u32,
        }
    }

    /// Parses the body of an f-string (or of a format spec, `depth` > 0) into `pieces`;
    /// `base` is the body's byte offset in the source. Stops at the end, or at the `}`
    /// closing a format spec (returning the bytes consumed).
    fn fstring_body(
        &mut self,
        body: &str,
        base: usize,
        raw: bool,
        t: Token,
        depth: u32,
        pieces: &mut Vec<Piece>,
    ) -> PResult<usize> {
        let err = |p: &Self, what: &'static str| p.error_tok(SyntaxErrorKind::FString(what), t);
        let b = body.as_bytes();
        let mut i = 0;
        let mut literal = String::new();
        let flush = |p: &Self, literal: &mut String, pieces: &mut Vec<Piece>| -> PResult<()> {
            if literal.is_empty() {
                return Ok(());
            }
            let s = if raw {
                Wtf8Buf::from(std::mem::take(literal))
            } else {
                let decoded = decode_str(literal).map_err(|e| p.escape_error(e, t))?;
                literal.clear();
                decoded
            };
            push_text(pieces, s);
            Ok(())
        };
        while i < b.len() {
            match b[i] {
                b'{' if b.get(i + 1) == Some(&b'{') && depth == 0 => {
                    literal.push('{');
                    i += 2;
                }
                b'}' if b.get(i + 1) == Some(&b'}') && depth == 0 => {
                    literal.push('}');
                    i += 2;
                }
                b'}' if depth > 0 => {
                    flush(self, &mut literal, pieces)?;
                    return Ok(i);
                }
                b'}' => return Err(err(self, ": single '}' is not allowed")),
                b'{' => {
                    if depth >= 2 {
                        return Err(err(self, ": expressions nested too deeply"));
                    }
                    flush(self, &mut literal, pieces)?;
                    i += 1;
                    i += self.fstring_field(&body[i..], base + i, raw, t, depth, pieces)?;
                }
                b'\\' if !raw && b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') => {
                    let close = body[i..].find('}').map_or(body.len(), |c| i + c + 1);
                    literal.push_str(&body[i..close]);
                    i = close;
                }
                _ => {
                    let c = body[i..].chars().next().unwrap_or('\0');
                    literal.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if depth > 0 {
            return Err(err(self, ": expecting '}'"));
        }
        flush(self, &mut literal, pieces)?;
        Ok(i)
    }

    /// One `{expr[=][!c][:spec]}` field; `text` starts after the `{`. Returns bytes consumed
    /// including the closing `}`.
    fn fstring_field(
        &mut self,
        text: &str,
        base: usize,
        raw: bool,
        t: Token,
        depth: u32,
        pieces: &mut Vec<Piece>,
    ) -> PResult<usize> {
        let err = |p: &Self, what: &'static str| p.error_tok(SyntaxErrorKind::FString(what), t);
        let b = text.as_bytes();
        // Find the end of the expression: a top-level `}`, `!` (not `!=`), `:` or `=`.
        let mut nest = 0i32;
        let mut i = 0;
        // The string literal being skipped: its quote and whether it is triple-quoted.
        let mut quote: Option<(u8, bool)> = None;
        let mut debug = false;
        while i < b.len() {
            let c = b[i];
            if let Some((q, triple)) = quote {
                if c == q && (!triple || b[i..].starts_with(&[q, q, q])) {
                    quote = None;
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                i += 1;
                continue;
            }
            match c {
                b'\\' => return Err(err(self, " expression part cannot include a backslash")),
                b'#' => return Err(err(self, " expression part cannot include '#'")),
                b'\'' | b'"' => {
                    let triple = b[i..].starts_with(&[c, c, c]);
                    quote = Some((c, triple));
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => nest += 1,
                b')' | b']' => nest -= 1,
                b'}' if nest > 0 => nest -= 1,
                b'}' => break,
                b'!' if nest == 0 && b.get(i + 1) != Some(&b'=') => break,
                b':' if nest == 0 => break,
                b'=' if nest == 0 => {
                    let next = b.get(i + 1).copied();
                    let prev = if i > 0 { b[i - 1] } else { b' ' };
                    if next == Some(b'=') {
                        i += 2;
                        continue;
                    }
                    if matches!(prev, b'=' | b'!' | b'<' | b'>' | b'~') {
                        i += 1;
                        continue;
                    }
                    debug = true;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        if quote.is_some() || i >= b.len() {
            return Err(err(self, ": expecting '}'"));
        }
        let expr_text = &text[..i];
        if expr_text.trim().is_empty() {
            return Err(err(self, ": empty expression not allowed"));
        }
        let value = self.fstring_expr(expr_text, base, t)?;
        let mut conversion = -1;
        if debug {
            i += 1;
            let mut shown = expr_text.to_string();
            shown.push('=');
            let ws = text[i..].len() - text[i..].trim_start().len();
            shown.push_str(&text[i..i + ws]);
            i += ws;
            push_text(pieces, Wtf8Buf::from(shown));
        }
        if b.get(i) == Some(&b'!') {
            conversion = match b.get(i + 1) {
                Some(b's') => 's' as i32,
                Some(b'r') => 'r' as i32,
                Some(b'a') => 'a' as i32,
                _ => {
                    return Err(err(
                        self,
                        ": invalid conversion character: expected 's', 'r', or 'a'",
                    ))
                }
            };
            i += 2;
            if !matches!(b.get(i), Some(b':' | b'}')) {
                return Err(err(self, ": expecting '}'"));
            }
        }
        let mut format_spec = None;
        if b.get(i) == Some(&b':') {
            i += 1;
            let mut spec = Vec::new();
            let used = self.fstring_body(&text[i..], base + i, raw, t, depth + 1, &mut spec)?;
            i += used;
            let span = Self::tok_span(t);
            format_spec = Some(Box::new(Expr {
                kind: joined(spec, span),
                span,
            }));
        }
        if b.get(i) != Some(&b'}') {
            return Err(err(self, ": expecting '}'"));
        }
        if debug && conversion == -1 && format_spec.is_none() {
            conversion = 'r' as i32;
        }
        let span = value.span;
        pieces.push(Piece::Field(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            },
            span,
        }));
        Ok(i + 1)
    }

    /// Parses the expression of an f-string field with a nested parser over `(text)`.
    fn fstring_expr(&mut self, text: &str, base: usize, t: Token) -> PResult<Expr> {
        let wrapped = format!("({text})");
        let mut sub = Parser::new(&wrapped, self.filename);
        let origin = self.pos_of_byte(base);
        for tok in &mut sub.tokens {
            for p in [&mut tok.start, &mut tok.end] {
                if p.line == 1 {
                    p.col = (p.col + origin.col).saturating_sub(1);
                }
                p.line += origin.line - 1;
            }
        }
        let result = sub.star_expressions().and_then(|e| {
            if sub.at(TokenKind::Newline) || sub.at(TokenKind::EndMarker) {
                Ok(e)
            } else {
                Err(sub.invalid())
            }
        });
        match result {
            Ok(e) if sub.tok_error_pending() => {
                let _ = e;
                Err(self.error_tok(
                    SyntaxErrorKind::FStringInner(Box::new(SyntaxErrorKind::InvalidSyntax)),
                    t,
                ))
            }
            Ok(e) => Ok(e),
            Err(e) => Err(self.error_tok(SyntaxErrorKind::FStringInner(Box::new(e.kind)), t)),
        }
    }
}

fn quote_len(text: &str) -> usize {
    let plen = text.find(['\'', '"']).unwrap_or(0);
    let rest = &text[plen..];
    if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    }
}

/// The constant of a str literal: `Str` for UTF-8 text, `StrSurrogates` for text holding a
/// lone surrogate.
fn str_constant(s: Wtf8Buf) -> Constant {
    match s.into_string() {
        Ok(s) => Constant::Str(s),
        Err(b) => Constant::StrSurrogates(b.as_wtf8().as_bytes().to_vec()),
    }
}

fn push_text(pieces: &mut Vec<Piece>, s: Wtf8Buf) {
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_wtf8(s.as_wtf8());
    } else {
        pieces.push(Piece::Text(s));
    }
}

fn joined(pieces: Vec<Piece>, span: Span) -> ExprKind {
    let values = pieces
        .into_iter()
        .filter(|p| !matches!(p, Piece::Text(s) if s.is_empty()))
        .map(|p| match p {
            Piece::Text(s) => Expr {
                kind: ExprKind::Constant {
                    value: str_constant(s),
                    kind: None,
                },
                span,
            },
            Piece::Field(e) => e,
        })
        .collect();
    ExprKind::JoinedStr { values }
}
