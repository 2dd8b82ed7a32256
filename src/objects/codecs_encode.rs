//! The native encoders: UTF-8, ASCII, Latin-1, UTF-16, UTF-32 and the escape codecs.
//! Text without lone surrogates takes the `&str` paths; the UTF codecs meet a surrogate as an
//! unencodable character ("surrogates not allowed"), which the error handler resolves.

use super::codecs::{escape_of, escape_of_cp, handle_encode, Codec, SurrogateForm};
use crate::objects::wtf8::{is_surrogate, Wtf8};
use crate::vm::{PyResult, Vm};

/// Encodes `text` with a native codec.
pub(crate) fn encode_with(
    vm: &Vm,
    codec: Codec,
    text: Wtf8<'_>,
    errors: &str,
) -> PyResult<Vec<u8>> {
    let Some(text) = text.as_str() else {
        return encode_general(vm, codec, text, errors);
    };
    Ok(match codec {
        Codec::Utf8 => text.as_bytes().to_vec(),
        Codec::Utf8Sig => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        Codec::Ascii => encode_single_byte(vm, "ascii", 128, Wtf8::of_str(text), errors)?,
        Codec::Latin1 => encode_single_byte(vm, "latin-1", 256, Wtf8::of_str(text), errors)?,
        Codec::Utf16(big) => encode_wide(text, 2, big, big.is_none()),
        Codec::Utf32(big) => encode_wide(text, 4, big, big.is_none()),
        Codec::UnicodeEscape => encode_escape(text, false),
        Codec::RawUnicodeEscape => encode_escape(text, true),
    })
}

/// Encodes text holding lone surrogates.
fn encode_general(vm: &Vm, codec: Codec, text: Wtf8<'_>, errors: &str) -> PyResult<Vec<u8>> {
    let (form, bom) = match codec {
        Codec::Ascii => return encode_single_byte(vm, "ascii", 128, text, errors),
        Codec::Latin1 => return encode_single_byte(vm, "latin-1", 256, text, errors),
        Codec::UnicodeEscape | Codec::RawUnicodeEscape => {
            let raw = codec == Codec::RawUnicodeEscape;
            let mut out = Vec::new();
            for cp in text.code_points() {
                match char::from_u32(cp) {
                    Some(c) => {
                        out.extend_from_slice(&encode_escape(c.encode_utf8(&mut [0; 4]), raw))
                    }
                    None => out.extend_from_slice(escape_of_cp(cp).as_bytes()),
                }
            }
            return Ok(out);
        }
        Codec::Utf8 => (SurrogateForm::Utf8, &b""[..]),
        Codec::Utf8Sig => (SurrogateForm::Utf8, &b"\xef\xbb\xbf"[..]),
        Codec::Utf16(big) => (
            SurrogateForm::Wide {
                width: 2,
                big: big.unwrap_or(false),
            },
            if big.is_none() {
                &b"\xff\xfe"[..]
            } else {
                &b""[..]
            },
        ),
        Codec::Utf32(big) => (
            SurrogateForm::Wide {
                width: 4,
                big: big.unwrap_or(false),
            },
            if big.is_none() {
                &b"\xff\xfe\x00\x00"[..]
            } else {
                &b""[..]
            },
        ),
    };
    let one = |c: char| -> Vec<u8> {
        match form {
            SurrogateForm::Utf8 => c.to_string().into_bytes(),
            SurrogateForm::Wide { width: 2, big } => {
                encode_wide(c.encode_utf8(&mut [0; 4]), 2, Some(big), false)
            }
            SurrogateForm::Wide { big, .. } => {
                encode_wide(c.encode_utf8(&mut [0; 4]), 4, Some(big), false)
            }
        }
    };
    let chars: Vec<u32> = text.code_points().collect();
    let mut out = bom.to_vec();
    let mut i = 0;
    while i < chars.len() {
        if let Some(c) = char::from_u32(chars[i]) {
            out.extend(one(c));
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && is_surrogate(chars[end]) {
            end += 1;
        }
        i = handle_encode(
            vm,
            codec.name(),
            text,
            &chars,
            (i, end),
            "surrogates not allowed",
            errors,
            &|c| Some(one(c)),
            &mut out,
        )?;
    }
    Ok(out)
}

/// ASCII (`limit` 128) or Latin-1 (`limit` 256); `name` is the codec's name in errors.
pub(crate) fn encode_single_byte(
    vm: &Vm,
    name: &str,
    limit: u32,
    text: Wtf8<'_>,
    errors: &str,
) -> PyResult<Vec<u8>> {
    if text.as_bytes().is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    let chars: Vec<u32> = text.code_points().collect();
    let mut out = Vec::with_capacity(text.as_bytes().len());
    let mut i = 0;
    let one = |c: char| ((c as u32) < limit).then(|| vec![c as u32 as u8]);
    let reason = format!("ordinal not in range({limit})");
    while i < chars.len() {
        let c = chars[i];
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        // A run of unencodable characters is one error, as in CPython.
        let mut end = i + 1;
        while end < chars.len() && chars[end] >= limit {
            end += 1;
        }
        i = handle_encode(
            vm,
            name,
            text,
            &chars,
            (i, end),
            &reason,
            errors,
            &one,
            &mut out,
        )?;
    }
    Ok(out)
}

/// UTF-16 (`width` 2) or UTF-32 (`width` 4) in the byte order `big` (little-endian for
/// `None`), after a byte order mark when `bom`.
pub(crate) fn encode_wide(text: &str, width: usize, big: Option<bool>, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * width + width);
    let be = big.unwrap_or(false);
    let mut push = |u: u32| {
        let bytes = u.to_be_bytes();
        let unit = &bytes[4 - width..];
        if be {
            out.extend_from_slice(unit);
        } else {
            out.extend(unit.iter().rev());
        }
    };
    if bom {
        push(0xfeff);
    }
    for c in text.chars() {
        if width == 4 {
            push(c as u32);
        } else {
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                push(*u as u32);
            }
        }
    }
    out
}

/// `unicode_escape` (`raw` false) and `raw_unicode_escape` (`raw` true) encoding.
pub(crate) fn encode_escape(text: &str, raw: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            _ if raw && (c as u32) < 0x100 => out.push(c as u32 as u8),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            ' '..='~' => out.push(c as u8),
            _ => out.extend_from_slice(escape_of(c).as_bytes()),
        }
    }
    out
}

/// The bytes escape encoder (`codecs.escape_encode`): `repr()`-style escapes of bytes.
pub(crate) fn escape_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    for &b in data {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b' '..=b'~' => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{encode_escape, encode_wide, escape_encode};

    #[test]
    fn wide_encodings() {
        assert_eq!(encode_wide("é", 2, Some(true), false), b"\x00\xe9");
        assert_eq!(encode_wide("é", 2, None, true), b"\xff\xfe\xe9\x00");
        assert_eq!(
            encode_wide("\u{1f600}", 2, Some(false), false),
            b"\x3d\xd8\x00\xde"
        );
        assert_eq!(encode_wide("a", 4, Some(true), false), b"\x00\x00\x00a");
    }

    #[test]
    fn escape_encoders() {
        assert_eq!(encode_escape("a\né\u{20ac}", false), b"a\\n\\xe9\\u20ac");
        assert_eq!(encode_escape("a\né", true), b"a\n\xe9");
        assert_eq!(escape_encode(b"a'\n\x00\xff"), b"a\\'\\n\\x00\\xff");
    }
}
