//! The scanner of the format-string syntax, shared by `str.format` ([`super::str_format`]) and
//! `_string.formatter_parser` / `formatter_field_name_split` (the `string.Formatter` helpers):
//! literal text up to a replacement field or an escaped brace, the field split into name,
//! conversion and spec, and a field name split into its first part and accessors. Errors are
//! CPython's `ValueError` messages, returned as text for the caller to raise.

/// One step of a format string: literal text (an escaped brace ends it, included once), then
/// the text of a replacement field between its braces, if one follows.
pub struct Piece {
    /// The literal text.
    pub literal: String,
    /// The replacement field's text (without the braces).
    pub field: Option<String>,
}

/// Scans the piece starting at `chars[i]`; returns it and where the next one starts.
pub fn scan_piece(chars: &[char], mut i: usize) -> Result<(Piece, usize), &'static str> {
    let mut literal = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                literal.push('}');
                return Ok((
                    Piece {
                        literal,
                        field: None,
                    },
                    i + 2,
                ));
            }
            return Err("Single '}' encountered in format string");
        }
        if c != '{' {
            literal.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            literal.push('{');
            return Ok((
                Piece {
                    literal,
                    field: None,
                },
                i + 2,
            ));
        }
        let end = field_end(chars, i + 1)?;
        let field = chars[i + 1..end].iter().collect();
        return Ok((
            Piece {
                literal,
                field: Some(field),
            },
            end + 1,
        ));
    }
    Ok((
        Piece {
            literal,
            field: None,
        },
        i,
    ))
}

/// The position of the brace closing the field that starts at `start` (brackets in the name
/// hide braces; braces in the spec nest).
fn field_end(chars: &[char], start: usize) -> Result<usize, &'static str> {
    let (mut count, mut in_name, mut bracket) = (1, true, false);
    let mut j = start;
    while j < chars.len() {
        let ch = chars[j];
        if in_name && bracket {
            if ch == ']' {
                bracket = false;
            }
            j += 1;
            continue;
        }
        if in_name && ch == '[' {
            bracket = true;
        } else if in_name && (ch == ':' || ch == '!') {
            in_name = false;
        }
        if ch == '{' {
            count += 1;
        } else if ch == '}' {
            count -= 1;
            if count == 0 {
                return Ok(j);
            }
        }
        j += 1;
    }
    Err(if start == chars.len() {
        "Single '{' encountered in format string"
    } else {
        "expected '}' before end of string"
    })
}

/// Splits a field's text into its name, conversion character and format spec.
pub fn split_field(field: &str) -> Result<(&str, Option<char>, &str), &'static str> {
    let mut name_end = field.len();
    let mut bracket = false;
    for (k, ch) in field.char_indices() {
        match ch {
            '[' => bracket = true,
            ']' => bracket = false,
            ':' | '!' if !bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let mut rest = &field[name_end..];
    let mut conversion = None;
    if let Some(r) = rest.strip_prefix('!') {
        let mut it = r.chars();
        let Some(conv) = it.next() else {
            return Err("unmatched '{' in format spec");
        };
        rest = it.as_str();
        if !rest.is_empty() && !rest.starts_with(':') {
            return Err("expected ':' after conversion specifier");
        }
        conversion = Some(conv);
    }
    Ok((name, conversion, rest.strip_prefix(':').unwrap_or("")))
}

/// One accessor after a field name's first part.
pub enum Accessor<'a> {
    /// `.name`
    Attr(&'a str),
    /// `[digits]`
    Index(usize),
    /// `[text]`
    Key(&'a str),
}

/// A field name made only of ASCII digits, as an index.
pub fn parse_index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The first part of a field name (up to the first `.` or `[`) and the rest.
pub fn split_first(name: &str) -> (&str, &str) {
    let end = name.find(['.', '[']).unwrap_or(name.len());
    (&name[..end], &name[end..])
}

/// The next accessor of `rest` (what follows a field name's first part) and what remains.
pub fn next_accessor(rest: &str) -> Result<(Accessor<'_>, &str), &'static str> {
    if let Some(r) = rest.strip_prefix('.') {
        let end = r.find(['.', '[']).unwrap_or(r.len());
        let attr = &r[..end];
        if attr.is_empty() {
            return Err("Empty attribute in format string");
        }
        return Ok((Accessor::Attr(attr), &r[end..]));
    }
    if let Some(r) = rest.strip_prefix('[') {
        let Some(close) = r.find(']') else {
            return Err("Missing ']' in format string");
        };
        let key = &r[..close];
        if key.is_empty() {
            return Err("Empty attribute in format string");
        }
        let after = &r[close + 1..];
        if !after.is_empty() && !after.starts_with(['.', '[']) {
            return Err("Only '.' or '[' may follow ']' in format field specifier");
        }
        let acc = match parse_index(key) {
            Some(i) => Accessor::Index(i),
            None => Accessor::Key(key),
        };
        return Ok((acc, after));
    }
    Err("Only '.' or '[' may follow ']' in format field specifier")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Result<Vec<(String, Option<String>)>, &'static str> {
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut out = Vec::new();
        while i < chars.len() {
            let (p, next) = scan_piece(&chars, i)?;
            out.push((p.literal, p.field));
            i = next;
        }
        Ok(out)
    }

    #[test]
    fn scans_literals_and_fields() {
        assert_eq!(
            pieces("a{{b").unwrap(),
            vec![("a{".into(), None), ("b".into(), None)]
        );
        assert_eq!(
            pieces("x{0!r:>{1}}y").unwrap(),
            vec![("x".into(), Some("0!r:>{1}".into())), ("y".into(), None)]
        );
        assert_eq!(
            pieces("{").unwrap_err(),
            "Single '{' encountered in format string"
        );
        assert_eq!(
            pieces("a}b").unwrap_err(),
            "Single '}' encountered in format string"
        );
        assert_eq!(
            pieces("{0[}").unwrap_err(),
            "expected '}' before end of string"
        );
    }

    #[test]
    fn splits_fields_and_names() {
        assert_eq!(split_field("0!r:>5").unwrap(), ("0", Some('r'), ">5"));
        assert_eq!(
            split_field("0!").unwrap_err(),
            "unmatched '{' in format spec"
        );
        let (first, rest) = split_first("a.b[0]");
        assert_eq!(first, "a");
        let (acc, rest) = next_accessor(rest).unwrap();
        assert!(matches!(acc, Accessor::Attr("b")));
        let (acc, rest) = next_accessor(rest).unwrap();
        assert!(matches!(acc, Accessor::Index(0)));
        assert!(rest.is_empty());
        assert!(next_accessor("[x]y").is_err());
    }
}
