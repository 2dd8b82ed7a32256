//! Text encodings for `str.encode`, `bytes.decode`, `bytes(str, encoding)` and
//! `str(bytes, encoding)`: UTF-8, ASCII, Latin-1, UTF-16 and UTF-32 (with and without a byte
//! order), and the error handlers `strict`, `ignore`, `replace`, `backslashreplace` and (for
//! encoding) `xmlcharrefreplace`, with CPython's `UnicodeDecodeError`/`UnicodeEncodeError`
//! messages.
//!
//! As in CPython, an unknown error handler is only reported when an error needs handling.

use crate::object::{ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::exceptions::{self, EXC_SLOTS, EXC_VTABLE, LOOKUP_ERROR, VALUE_ERROR};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{bytes, int, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// An encoding arenapy knows, by CPython's canonical name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Codec {
    Utf8,
    /// UTF-8 with a byte order mark (written when encoding, skipped when decoding).
    Utf8Sig,
    Ascii,
    Latin1,
    Utf16(Option<bool>),
    Utf32(Option<bool>),
    UnicodeEscape,
    RawUnicodeEscape,
}

impl Codec {
    /// The codec for an encoding name (normalised as CPython's `encodings.normalize_encoding`).
    fn lookup(name: &str) -> Option<Codec> {
        let norm: String = name
            .trim()
            .chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Some(match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
            "utf_8_sig" | "utf8_sig" => Codec::Utf8Sig,
            "ascii" | "us_ascii" | "646" | "us" => Codec::Ascii,
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859"
            | "cp819" | "iso_ir_100" => Codec::Latin1,
            "utf_16" | "utf16" | "u16" => Codec::Utf16(None),
            "utf_16_le" | "utf_16le" => Codec::Utf16(Some(false)),
            "utf_16_be" | "utf_16be" => Codec::Utf16(Some(true)),
            "utf_32" | "utf32" | "u32" => Codec::Utf32(None),
            "utf_32_le" | "utf_32le" => Codec::Utf32(Some(false)),
            "utf_32_be" | "utf_32be" => Codec::Utf32(Some(true)),
            "unicode_escape" => Codec::UnicodeEscape,
            "raw_unicode_escape" => Codec::RawUnicodeEscape,
            _ => return None,
        })
    }

    /// The name in error messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(None) => "utf-16",
            Codec::Utf16(Some(false)) => "utf-16-le",
            Codec::Utf16(Some(true)) => "utf-16-be",
            Codec::Utf32(None) => "utf-32",
            Codec::Utf32(Some(false)) => "utf-32-le",
            Codec::Utf32(Some(true)) => "utf-32-be",
            Codec::UnicodeEscape => "unicodeescape",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }
}

fn lookup(vm: &Vm, encoding: &str) -> PyResult<Codec> {
    Codec::lookup(encoding)
        .ok_or_else(|| vm.new_error(&LOOKUP_ERROR, &format!("unknown encoding: {encoding}")))
}

fn unknown_handler(vm: &Vm, errors: &str) -> PyErr {
    vm.new_error(
        &LOOKUP_ERROR,
        &format!("unknown error handler name '{errors}'"),
    )
}

/// A str argument of a codec function, or CPython's "encode() argument 'encoding' must be str,
/// not int" (`func` names the function, `param` the parameter).
pub fn str_arg(vm: &Vm, obj: &ObjRef, func: &str, param: &str, _pos: usize) -> PyResult<String> {
    pystr::as_str(obj).map(str::to_string).ok_or_else(|| {
        vm.type_error(&format!(
            "{func}() argument '{param}' must be str, not {}",
            obj.ob_type().name()
        ))
    })
}

// ---- decoding -------------------------------------------------------------------------------

/// One decoding error: the bad bytes `start..end` and the reason.
struct DecodeFault {
    start: usize,
    end: usize,
    reason: &'static str,
}

fn decode_error(vm: &Vm, codec: Codec, data: &[u8], f: &DecodeFault) -> PyErr {
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            pystr::new_str_vm(vm, codec.name())?,
            bytes::new_bytes(vm, data)?,
            int::new_int(vm, f.start as i64)?,
            int::new_int(vm, f.end as i64)?,
            pystr::new_str_vm(vm, f.reason)?,
        ])
    })();
    match args {
        Ok(args) => vm.new_error_args(&UNICODE_DECODE_ERROR, args),
        Err(e) => e,
    }
}

/// Applies the error handler to a decoding fault: pushes the replacement (if any).
fn handle_decode(
    vm: &Vm,
    codec: Codec,
    data: &[u8],
    errors: &str,
    f: &DecodeFault,
    out: &mut String,
) -> PyResult<()> {
    match errors {
        "strict" => Err(decode_error(vm, codec, data, f)),
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            for b in &data[f.start..f.end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
        other => Err(unknown_handler(vm, other)),
    }
}

fn decode_utf8(vm: &Vm, data: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut pos = 0;
    loop {
        match std::str::from_utf8(&data[pos..]) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&data[pos..pos + good]).unwrap_or(""));
                let start = pos + good;
                let bad = data[start];
                let fault = match e.error_len() {
                    None => DecodeFault {
                        start,
                        end: data.len(),
                        reason: "unexpected end of data",
                    },
                    Some(n) => DecodeFault {
                        start,
                        end: start + n,
                        reason: if (0x80..0xc2).contains(&bad) || bad >= 0xf5 {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        },
                    },
                };
                handle_decode(vm, Codec::Utf8, data, errors, &fault, &mut out)?;
                pos = fault.end;
            }
        }
    }
}

fn decode_single_byte(vm: &Vm, codec: Codec, data: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        if codec == Codec::Latin1 || b < 0x80 {
            out.push(b as char);
        } else {
            let fault = DecodeFault {
                start: i,
                end: i + 1,
                reason: "ordinal not in range(128)",
            };
            handle_decode(vm, codec, data, errors, &fault, &mut out)?;
        }
    }
    Ok(out)
}

/// UTF-16 or UTF-32 (`width` 2 or 4), with a byte order mark read when `big` is `None`.
fn decode_wide(
    vm: &Vm,
    codec: Codec,
    data: &[u8],
    errors: &str,
    width: usize,
    big: Option<bool>,
) -> PyResult<String> {
    let mut pos = 0;
    let big = match big {
        Some(b) => b,
        None => {
            let (le_bom, be_bom): (&[u8], &[u8]) = if width == 2 {
                (b"\xff\xfe", b"\xfe\xff")
            } else {
                (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
            };
            if data.starts_with(le_bom) {
                pos = width;
                false
            } else if data.starts_with(be_bom) {
                pos = width;
                true
            } else {
                false
            }
        }
    };
    let unit = |i: usize| -> u32 {
        let chunk = &data[i..i + width];
        let mut v: u32 = 0;
        for k in 0..width {
            let b = if big { chunk[k] } else { chunk[width - 1 - k] };
            v = (v << 8) | b as u32;
        }
        v
    };
    let mut out = String::with_capacity(data.len() / width);
    while pos < data.len() {
        if data.len() - pos < width {
            let f = DecodeFault {
                start: pos,
                end: data.len(),
                reason: "truncated data",
            };
            handle_decode(vm, codec, data, errors, &f, &mut out)?;
            break;
        }
        let u = unit(pos);
        if width == 2 && (0xd800..0xdc00).contains(&u) {
            if data.len() - pos < 4 {
                let f = DecodeFault {
                    start: pos,
                    end: data.len(),
                    reason: "unexpected end of data",
                };
                handle_decode(vm, codec, data, errors, &f, &mut out)?;
                break;
            }
            let lo = unit(pos + 2);
            if (0xdc00..0xe000).contains(&lo) {
                let c = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                out.extend(char::from_u32(c));
                pos += 4;
                continue;
            }
            let f = DecodeFault {
                start: pos,
                end: pos + 2,
                reason: "illegal UTF-16 surrogate",
            };
            handle_decode(vm, codec, data, errors, &f, &mut out)?;
            pos += 2;
            continue;
        }
        match char::from_u32(u) {
            Some(c) => out.push(c),
            None => {
                let reason = if width == 2 {
                    "illegal encoding"
                } else if u > 0x10ffff {
                    "code point not in range(0x110000)"
                } else {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                };
                let f = DecodeFault {
                    start: pos,
                    end: pos + width,
                    reason,
                };
                handle_decode(vm, codec, data, errors, &f, &mut out)?;
            }
        }
        pos += width;
    }
    Ok(out)
}

/// The `\\xXX`-style escape of a code point, as `unicode_escape` writes it.
fn push_escape(out: &mut Vec<u8>, c: char) {
    let v = c as u32;
    let esc = if v <= 0xff {
        format!("\\x{v:02x}")
    } else if v <= 0xffff {
        format!("\\u{v:04x}")
    } else {
        format!("\\U{v:08x}")
    };
    out.extend_from_slice(esc.as_bytes());
}

/// `unicode_escape` (`raw` false) and `raw_unicode_escape` (`raw` true) encoding.
fn encode_escape(text: &str, raw: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            _ if raw && (c as u32) < 0x100 => out.push(c as u32 as u8),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            ' '..='~' => out.push(c as u8),
            _ => push_escape(&mut out, c),
        }
    }
    out
}

/// `unicode_escape` (`raw` false: every Python escape) and `raw_unicode_escape` (`raw` true:
/// only `\\uXXXX` and `\\UXXXXXXXX`) decoding; other bytes are Latin-1.
fn decode_escape(vm: &Vm, codec: Codec, data: &[u8], errors: &str, raw: bool) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as char);
            i += 1;
            continue;
        }
        let Some(&e) = data.get(i + 1) else {
            if raw {
                out.push('\\');
                break;
            }
            let f = DecodeFault {
                start: i,
                end: data.len(),
                reason: "\\ at end of string",
            };
            handle_decode(vm, codec, data, errors, &f, &mut out)?;
            break;
        };
        let (digits, reason) = match e {
            b'x' if !raw => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            _ if raw => {
                out.push('\\');
                i += 1;
                continue;
            }
            _ => (0, ""),
        };
        if digits > 0 {
            let start = i;
            let hex = &data[i + 2..(i + 2 + digits).min(data.len())];
            let n = hex.iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if n < digits {
                let f = DecodeFault {
                    start,
                    end: i + 2 + n,
                    reason,
                };
                handle_decode(vm, codec, data, errors, &f, &mut out)?;
                i += 2 + n;
                continue;
            }
            let v = hex.iter().fold(0u32, |acc, c| {
                acc * 16 + (*c as char).to_digit(16).unwrap_or(0)
            });
            match char::from_u32(v) {
                Some(c) => out.push(c),
                None => {
                    let f = DecodeFault {
                        start,
                        end: i + 2 + digits,
                        reason: "illegal Unicode character",
                    };
                    handle_decode(vm, codec, data, errors, &f, &mut out)?;
                }
            }
            i += 2 + digits;
            continue;
        }
        i += 2;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e as char),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.extend(char::from_u32(v));
            }
            other => {
                out.push('\\');
                out.push(other as char);
            }
        }
    }
    Ok(out)
}

/// `data.decode(encoding, errors)`.
pub fn decode(vm: &Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    match lookup(vm, encoding)? {
        Codec::Utf8 => decode_utf8(vm, data, errors),
        Codec::Utf8Sig => decode_utf8(
            vm,
            data.strip_prefix(b"\xef\xbb\xbf".as_slice())
                .unwrap_or(data),
            errors,
        ),
        c @ (Codec::Ascii | Codec::Latin1) => decode_single_byte(vm, c, data, errors),
        c @ Codec::Utf16(big) => decode_wide(vm, c, data, errors, 2, big),
        c @ Codec::Utf32(big) => decode_wide(vm, c, data, errors, 4, big),
        c @ Codec::UnicodeEscape => decode_escape(vm, c, data, errors, false),
        c @ Codec::RawUnicodeEscape => decode_escape(vm, c, data, errors, true),
    }
}

// ---- encoding -------------------------------------------------------------------------------

fn encode_error(vm: &Vm, codec: Codec, text: &str, start: usize, end: usize, limit: u32) -> PyErr {
    let reason = format!("ordinal not in range({limit})");
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            pystr::new_str_vm(vm, codec.name())?,
            pystr::new_str_vm(vm, text)?,
            int::new_int(vm, start as i64)?,
            int::new_int(vm, end as i64)?,
            pystr::new_str_vm(vm, &reason)?,
        ])
    })();
    match args {
        Ok(args) => vm.new_error_args(&UNICODE_ENCODE_ERROR, args),
        Err(e) => e,
    }
}

fn encode_single_byte(vm: &Vm, codec: Codec, text: &str, errors: &str) -> PyResult<Vec<u8>> {
    let limit: u32 = if codec == Codec::Latin1 { 256 } else { 128 };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        // A run of unencodable characters is one error, as in CPython.
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "strict" => return Err(encode_error(vm, codec, text, i, end, limit)),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &ch in &chars[i..end] {
                    let v = ch as u32;
                    let esc = if v <= 0xff {
                        format!("\\x{v:02x}")
                    } else if v <= 0xffff {
                        format!("\\u{v:04x}")
                    } else {
                        format!("\\U{v:08x}")
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &ch in &chars[i..end] {
                    out.extend_from_slice(format!("&#{};", ch as u32).as_bytes());
                }
            }
            other => return Err(unknown_handler(vm, other)),
        }
        i = end;
    }
    Ok(out)
}

fn encode_wide(text: &str, width: usize, big: Option<bool>) -> Vec<u8> {
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
    if big.is_none() {
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

/// `text.encode(encoding, errors)`.
pub fn encode(vm: &Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    Ok(match lookup(vm, encoding)? {
        Codec::Utf8 => text.as_bytes().to_vec(),
        Codec::Utf8Sig => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        c @ (Codec::Ascii | Codec::Latin1) => encode_single_byte(vm, c, text, errors)?,
        Codec::Utf16(big) => encode_wide(text, 2, big),
        Codec::Utf32(big) => encode_wide(text, 4, big),
        Codec::UnicodeEscape => encode_escape(text, false),
        Codec::RawUnicodeEscape => encode_escape(text, true),
    })
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub(crate) fn str_encode(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["encoding", "errors"],
        required: 0,
        posonly: 0,
    };
    let [enc, errs] = parse::<2>(vm, "str.encode", sig, args, kw)?;
    let enc = match &enc {
        Some(e) => str_arg(vm, e, "encode", "encoding", 1)?,
        None => "utf-8".to_string(),
    };
    let errs = match &errs {
        Some(e) => str_arg(vm, e, "encode", "errors", 2)?,
        None => "strict".to_string(),
    };
    let text = pystr::as_str(this).unwrap_or("");
    bytes::new_bytes(vm, &encode(vm, text, &enc, &errs)?)
}

// ---- the Unicode error types ----------------------------------------------------------------

/// `str()` of the Unicode errors (CPython's `UnicodeEncodeError_str` and its siblings), from
/// the fields; the generic text when they are not set as the class's `__init__` sets them.
fn unicode_error_str(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
    let get = |k: &str| exceptions::field(exc, exceptions::UNICODE_ERROR_FIELDS, k);
    let (Some(obj), Some(start), Some(end)) = (
        get("object"),
        get("start").and_then(|v| int::as_i64(&v)),
        get("end").and_then(|v| int::as_i64(&v)),
    ) else {
        return pystr::new_str_vm(vm, &exceptions::exc_str_text(vm, exc)?);
    };
    let none = crate::objects::none::none;
    let reason = ops::str_string(vm, &get("reason").unwrap_or_else(none))?;
    let enc = ops::str_string(vm, &get("encoding").unwrap_or_else(none))?;
    let single = end == start + 1 && start >= 0;
    let text = if let Some(data) = bytes::as_bytes(&obj) {
        match usize::try_from(start).ok().and_then(|s| data.get(s)) {
            Some(b) if single => {
                format!("'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}")
            }
            _ => format!(
                "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ),
        }
    } else if let Some(s) = pystr::as_str(&obj) {
        let translate = exc.is_instance(&UNICODE_TRANSLATE_ERROR);
        let at = usize::try_from(start).ok().and_then(|i| s.chars().nth(i));
        match at {
            Some(c) if single => {
                let v = c as u32;
                let esc = if v <= 0xff {
                    format!("\\x{v:02x}")
                } else if v <= 0xffff {
                    format!("\\u{v:04x}")
                } else {
                    format!("\\U{v:08x}")
                };
                if translate {
                    format!("can't translate character '{esc}' in position {start}: {reason}")
                } else {
                    format!(
                        "'{enc}' codec can't encode character '{esc}' in position {start}: {reason}"
                    )
                }
            }
            _ if translate => format!(
                "can't translate characters in position {start}-{}: {reason}",
                end - 1
            ),
            _ => format!(
                "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
                end - 1
            ),
        }
    } else {
        exceptions::exc_str_text(vm, exc)?
    };
    pystr::new_str_vm(vm, &text)
}

const UNICODE_ERROR_SLOTS: Slots = Slots {
    str: Some(unicode_error_str),
    ..EXC_SLOTS
};

macro_rules! unicode_error_type {
    ($name:ident, $text:literal, $base:expr, $getset:expr, $doc:literal) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: $getset,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some($base),
            flags: crate::object::typeobj::tpflags::BASETYPE
                | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
            payload: &EXC_VTABLE,
            slots: UNICODE_ERROR_SLOTS,
            methods: &exceptions::EXC_METHODS,
            doc: $doc,
        };
    };
}

unicode_error_type!(
    UNICODE_ERROR,
    "UnicodeError",
    &VALUE_ERROR,
    &[],
    "Unicode related error."
);
unicode_error_type!(
    UNICODE_DECODE_ERROR,
    "UnicodeDecodeError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode decoding error."
);
unicode_error_type!(
    UNICODE_ENCODE_ERROR,
    "UnicodeEncodeError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode encoding error."
);
unicode_error_type!(
    UNICODE_TRANSLATE_ERROR,
    "UnicodeTranslateError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode translation error."
);

/// The Unicode error types, for the builtins namespace.
pub static TYPES: [&TypeObject; 4] = [
    &UNICODE_ERROR,
    &UNICODE_DECODE_ERROR,
    &UNICODE_ENCODE_ERROR,
    &UNICODE_TRANSLATE_ERROR,
];

#[cfg(test)]
mod tests {
    use super::{encode_wide, Codec};

    #[test]
    fn names_normalise() {
        assert_eq!(Codec::lookup("UTF-8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup(" Latin_1 "), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("utf-16-be"), Some(Codec::Utf16(Some(true))));
        assert_eq!(Codec::lookup("koi8"), None);
    }

    #[test]
    fn wide_encodings() {
        assert_eq!(encode_wide("é", 2, Some(true)), b"\x00\xe9");
        assert_eq!(encode_wide("é", 2, None), b"\xff\xfe\xe9\x00");
        assert_eq!(
            encode_wide("\u{1f600}", 2, Some(false)),
            b"\x3d\xd8\x00\xde"
        );
        assert_eq!(encode_wide("a", 4, Some(true)), b"\x00\x00\x00a");
    }
}
