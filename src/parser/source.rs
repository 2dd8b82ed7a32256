//! Source bytes to text (PEP 263, CPython's `Parser/tokenizer.c` `check_coding_spec` and
//! `check_bom`): a UTF-8 byte-order mark, a `coding[:=]name` cookie on the first or second
//! line, then decoding with that codec.
//!
//! `compile(bytes, ...)` and running a file both start here; `compile(str, ...)` skips it.

use super::error::{SyntaxError, SyntaxErrorKind};

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Decodes a source file's bytes as CPython does before tokenizing.
///
/// # Errors
/// CPython's messages: `unknown encoding: X`, `encoding problem: X with BOM`,
/// `source code string cannot contain null bytes`, and the codec's own decoding errors.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, SyntaxError> {
    let err = |kind: SyntaxErrorKind, lineno: u32| SyntaxError {
        kind,
        filename: filename.to_string(),
        lineno,
        offset: 0,
        end_lineno: lineno,
        end_offset: 0,
        text: None,
    };
    if bytes.contains(&0) {
        return Err(err(SyntaxErrorKind::NullBytes, 0));
    }
    let (has_bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let encoding = coding_cookie(body);
    let normal = encoding.as_deref().map(normal_name);
    match normal.as_deref() {
        None | Some("utf-8") => decode_utf8(body, filename),
        Some(name) if has_bom => Err(err(SyntaxErrorKind::EncodingWithBom(name.into()), 0)),
        Some("iso-8859-1") => Ok(body.iter().map(|&b| b as char).collect()),
        Some(name) if is_utf8_alias(name) => decode_utf8(body, filename),
        Some(name) if is_latin1_alias(name) => Ok(body.iter().map(|&b| b as char).collect()),
        Some(name) if is_ascii_name(name) => match body.iter().position(|b| !b.is_ascii()) {
            None => Ok(body.iter().map(|&b| b as char).collect()),
            Some(at) => Err(err(
                SyntaxErrorKind::AsciiDecode {
                    byte: body[at],
                    position: at,
                },
                0,
            )),
        },
        Some(name) => match encoding_rs::Encoding::for_label(name.as_bytes()) {
            Some(enc) => {
                let (text, _) = enc.decode_without_bom_handling(body);
                Ok(text.into_owned())
            }
            None => Err(err(
                SyntaxErrorKind::UnknownEncoding(encoding.unwrap_or_default()),
                0,
            )),
        },
    }
}

fn is_ascii_name(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "ascii" | "us-ascii" | "646" | "us"
    )
}

fn is_utf8_alias(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().replace('-', "_").as_str(),
        "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4"
    )
}

fn is_latin1_alias(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().replace('-', "_").as_str(),
        "latin1" | "l1" | "latin" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819" | "latin_1"
    )
}

/// CPython's `get_normal_name`: `utf-8` and `latin-1` spellings to one name each; other
/// names unchanged (so `utf8` with a BOM is an "encoding problem", as in CPython).
fn normal_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    if lower == "utf-8" || lower.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for latin in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if lower == latin || lower.starts_with(&format!("{latin}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

/// The encoding named by a `coding[:=]` comment on line 1, or on line 2 when line 1 is blank
/// or a comment.
fn coding_cookie(body: &[u8]) -> Option<String> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    let trimmed: Vec<u8> = first
        .iter()
        .copied()
        .skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'))
        .collect();
    if !(trimmed.is_empty() || trimmed[0] == b'#') {
        return None;
    }
    cookie_in_line(lines.next()?)
}

/// `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[start] != b'#' {
        return None;
    }
    let comment = &line[start..];
    let mut i = 0;
    while i + 7 <= comment.len() {
        if &comment[i..i + 6] == b"coding" && matches!(comment[i + 6], b':' | b'=') {
            let rest = &comment[i + 7..];
            let rest = &rest[rest
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t'))
                .unwrap_or(rest.len())..];
            let len = rest
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')))
                .unwrap_or(rest.len());
            if len > 0 {
                return Some(String::from_utf8_lossy(&rest[..len]).into_owned());
            }
        }
        i += 1;
    }
    None
}

/// UTF-8, reporting the first invalid byte as CPython does, except inside a comment line
/// (CPython's tokenizer never decodes a comment).
fn decode_utf8(body: &[u8], filename: &str) -> Result<String, SyntaxError> {
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(body.len());
    for (index, line) in body.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(s) => out.push_str(s),
            Err(e) => {
                let trimmed = line
                    .iter()
                    .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'));
                if trimmed.is_some_and(|at| line[at] == b'#') {
                    out.push_str(&String::from_utf8_lossy(line));
                    continue;
                }
                let at = e.valid_up_to();
                let reason = if e.error_len().is_none() {
                    "unexpected end of data"
                } else if (0x80..0xc0).contains(&line[at]) || line[at] >= 0xf8 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                let lineno = index as u32 + 1;
                return Err(SyntaxError {
                    kind: SyntaxErrorKind::Utf8Decode {
                        byte: line[at],
                        position: at,
                        reason,
                    },
                    filename: filename.to_string(),
                    lineno,
                    offset: 0,
                    end_lineno: lineno,
                    end_offset: 0,
                    text: None,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::decode_source;

    fn msg(b: &[u8]) -> String {
        match decode_source(b, "f.py") {
            Ok(s) => format!("ok {s:?}"),
            Err(e) => e.msg(),
        }
    }

    #[test]
    fn cookies_and_errors_match_cpython() {
        assert_eq!(msg(b"# coding: uft-8\nx=1\n"), "unknown encoding: uft-8");
        assert_eq!(
            msg(b"\xef\xbb\xbf# coding: latin-1\nx=1\n"),
            "encoding problem: iso-8859-1 with BOM"
        );
        assert!(msg(b"#!/x\n# -*- coding: latin-1 -*-\nx='\xff'\n").ends_with("x='\u{ff}'\\n\""));
        assert_eq!(
            msg(b"\xef\xbb\xbf# coding: utf8\n"),
            "encoding problem: utf8 with BOM"
        );
        assert_eq!(
            msg(b"x=1\0\n"),
            "source code string cannot contain null bytes"
        );
        assert!(msg(b"x = '\xff'\n")
            .starts_with("(unicode error) 'utf-8' codec can't decode byte 0xff in position "));
        assert_eq!(msg(b"print(1)\n#\xff\n"), "ok \"print(1)\\n#\u{fffd}\\n\"");
        assert_eq!(
            msg(b"# coding: koi8-r\nx='\xc1'\n"),
            "ok \"# coding: koi8-r\\nx='а'\\n\""
        );
    }
}
