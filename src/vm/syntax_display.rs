//! How the exception display shows a `SyntaxError` from its attributes (CPython 3.11's
//! `print_exception_file_and_line` and `print_error_text`): a `File "name", line N` line, the
//! offending source line without its indentation, and a caret line under the columns
//! `offset`..`end_offset`; the final line then shows `msg` instead of `str(exc)`.

use super::{ops, Vm};
use crate::object::ObjRef;
use crate::objects::{exceptions, int, none, str as pystr};

/// The attributes the display reads, once converted.
struct Location {
    filename: String,
    lineno: i64,
    offset: i64,
    end_lineno: i64,
    end_offset: i64,
    text: Option<String>,
}

/// For an exception that asks for it (a `print_file_and_line` attribute, which every
/// `SyntaxError` has), the location block and the message object the exception line shows.
/// `None` when the exception does not ask, or when an attribute is missing or of the wrong type
/// (then the exception is shown as any other).
pub fn location_block(vm: &Vm, exc: &ObjRef) -> Option<(String, ObjRef)> {
    ops::getattr(vm, exc, "print_file_and_line").ok()?;
    let (msg, loc) = read_location(vm, exc)?;
    let mut out = format!("  File \"{}\", line {}\n", loc.filename, loc.lineno);
    if let Some(text) = &loc.text {
        let size = text.chars().count() as i64;
        let mut end_offset = loc.end_offset;
        // A location over several lines is underlined to the end of its first line.
        if loc.end_lineno > loc.lineno {
            end_offset = size;
        }
        // No more carets than the line has characters.
        if end_offset > size + 1 {
            end_offset = size + 1;
        }
        error_text(&mut out, loc.offset, end_offset, text);
    }
    Some((out, msg))
}

/// An integer attribute as a machine integer; `None` (no block) for anything else.
fn int_attr(vm: &Vm, exc: &ObjRef, name: &str) -> Option<Option<i64>> {
    let v = ops::getattr(vm, exc, name).ok()?;
    if none::is_none(&v) {
        return Some(None);
    }
    if !int::is_int(&v) {
        return None;
    }
    int::as_i64(&v).map(Some)
}

fn read_location(vm: &Vm, exc: &ObjRef) -> Option<(ObjRef, Location)> {
    let msg = ops::getattr(vm, exc, "msg").ok()?;
    let filename = ops::getattr(vm, exc, "filename").ok()?;
    let filename = if none::is_none(&filename) {
        "<string>".to_string()
    } else {
        ops::str_string(vm, &filename).ok()?
    };
    // `lineno` must be an integer; `offset` may be None (no caret).
    let lineno = int_attr(vm, exc, "lineno")??;
    let offset = int_attr(vm, exc, "offset")?.unwrap_or(-1);
    // Only SyntaxError itself has its end read; its subclasses underline one column.
    let (end_lineno, end_offset) = if std::ptr::eq(exc.ob_type(), &exceptions::SYNTAX_ERROR) {
        let end_lineno = match ops::getattr(vm, exc, "end_lineno") {
            Err(_) => lineno,
            Ok(_) => int_attr(vm, exc, "end_lineno")?.unwrap_or(lineno),
        };
        let end_offset = match ops::getattr(vm, exc, "end_offset") {
            Err(_) => -1,
            Ok(_) => int_attr(vm, exc, "end_offset")?.unwrap_or(-1),
        };
        (end_lineno, end_offset)
    } else {
        (lineno, -1)
    };
    let text = ops::getattr(vm, exc, "text").ok()?;
    let text = if none::is_none(&text) {
        None
    } else {
        Some(pystr::as_str(&text)?.to_string())
    };
    let loc = Location {
        filename,
        lineno,
        offset,
        end_lineno,
        end_offset,
        text,
    };
    Some((msg, loc))
}

/// The source line (from the line of `text` the 1-based `offset` falls in, its indentation
/// dropped) and, unless the offset points left of it, the caret line.
fn error_text(out: &mut String, offset: i64, end_offset: i64, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    let mut chars: &[char] = &text.chars().collect::<Vec<_>>();
    let mut offset = offset - 1;
    while let Some((' ' | '\t' | '\x0c', rest)) = chars.split_first() {
        chars = rest;
        offset -= 1;
    }
    let mut len = chars.len() as i64;
    if chars.last() == Some(&'\n') {
        len -= 1;
    }
    offset = offset.min(len);
    // Embedded line breaks before the offset: start at the line the offset is on.
    while let Some(nl) = chars.iter().position(|&c| c == '\n') {
        let nl = nl as i64;
        if nl >= offset {
            break;
        }
        chars = &chars[nl as usize + 1..];
        len -= nl + 1;
        offset -= nl + 1;
    }
    out.push_str("    ");
    out.extend(chars.iter());
    if chars.get(len.max(0) as usize) != Some(&'\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(offset as usize));
    out.push_str(&"^".repeat(carets as usize));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::error_text;

    fn text(offset: i64, end: i64, t: &str) -> String {
        let mut out = String::new();
        error_text(&mut out, offset, end, t);
        out
    }

    #[test]
    fn carets() {
        assert_eq!(text(2, 7, "abcdefg"), "    abcdefg\n     ^^^^^\n");
        assert_eq!(text(4, 2, "abcdefg"), "    abcdefg\n       ^\n");
        assert_eq!(text(0, 5, "abcdefg"), "    abcdefg\n");
        assert_eq!(text(-4, -2, "abcdefg\n"), "    abcdefg\n");
        // Indentation dropped, offset moved with it.
        assert_eq!(text(7, 8, "    x $\n"), "    x $\n      ^\n");
        // An embedded newline before the offset: the later line is shown.
        assert_eq!(text(5, 0, "ab\ncd\n"), "    cd\n     ^\n");
    }
}
