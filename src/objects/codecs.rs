//! Text encodings for `str.encode`, `bytes.decode`, `bytes(str, encoding)`, `str(bytes,
//! encoding)` and the `_codecs` module: the codecs arenapy implements natively (UTF-8, ASCII,
//! Latin-1, UTF-16, UTF-32, UTF-7, the escape codecs and charmap), the error handlers, and the
//! way to the codec registry for every other encoding, as CPython does.
//!
//! Decoders live in `codecs_decode`, encoders in `codecs_encode`, charmap and UTF-7 in
//! `codecs_charmap`, the Unicode error types in `codecs_errors`. An error handler is applied
//! here: the built-in ones by name (`strict`, `ignore`, `replace`, `backslashreplace`,
//! `xmlcharrefreplace`, `namereplace`, `surrogateescape` (undecodable bytes to U+DC80..U+DCFF
//! and back) and `surrogatepass` (lone surrogates in the UTF-8/16/32 forms), any other through
//! `codecs.register_error`. As in CPython, an unknown handler is only reported when an error
//! needs handling.

pub use super::codecs_errors::{
    TYPES, UNICODE_DECODE_ERROR, UNICODE_ENCODE_ERROR, UNICODE_ERROR, UNICODE_TRANSLATE_ERROR,
};
use crate::object::ObjRef;
use crate::objects::exceptions::LOOKUP_ERROR;
use crate::objects::wtf8::{Wtf8, Wtf8Buf};
use crate::objects::{bytes, int, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// An encoding arenapy implements natively, by CPython's canonical name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Codec {
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
    pub(crate) fn lookup(name: &str) -> Option<Codec> {
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
    pub(crate) fn name(self) -> &'static str {
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

/// `LookupError("unknown error handler name 'x'")`.
pub(crate) fn unknown_handler(vm: &Vm, errors: &str) -> PyErr {
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

// ---- error handling -------------------------------------------------------------------------

/// One decoding error: the bad bytes `start..end` and the reason.
pub(crate) struct DecodeFault {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

/// `UnicodeDecodeError(codec, data, start, end, reason)`.
pub(crate) fn decode_error(vm: &Vm, codec: &str, data: &[u8], f: &DecodeFault) -> PyErr {
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            pystr::new_str_vm(vm, codec)?,
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

/// `UnicodeEncodeError(codec, text, start, end, reason)` for any str's text.
pub(crate) fn encode_error_wtf8(
    vm: &Vm,
    codec: &str,
    text: Wtf8<'_>,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            pystr::new_str_vm(vm, codec)?,
            pystr::new_str_wtf8_vm(vm, text)?,
            int::new_int(vm, start as i64)?,
            int::new_int(vm, end as i64)?,
            pystr::new_str_vm(vm, reason)?,
        ])
    })();
    match args {
        Ok(args) => vm.new_error_args(&UNICODE_ENCODE_ERROR, args),
        Err(e) => e,
    }
}

/// Calls the registered handler `errors` with the exception `exc`; the replacement object and
/// the position to resume at (made absolute, checked to lie in `0..=len`).
fn call_handler(
    vm: &Vm,
    errors: &str,
    exc: &PyErr,
    len: usize,
    what: &str,
) -> PyResult<(ObjRef, usize)> {
    let handler = crate::modules::codecs_registry::lookup_error(vm, errors)?;
    let res = ops::call(vm, &handler, std::slice::from_ref(&exc.exc), None)?;
    let bad = || {
        vm.type_error(&format!(
            "{what} error handler must return {}",
            match what {
                "encoding" => "(str/bytes, int) tuple",
                _ => "(str, int) tuple",
            }
        ))
    };
    let items = tuple::items(&res).ok_or_else(bad)?;
    let [repl, pos] = items else {
        return Err(bad());
    };
    let pos = int::as_i64(pos).ok_or_else(bad)?;
    let abs = if pos < 0 { pos + len as i64 } else { pos };
    if abs < 0 || abs > len as i64 {
        return Err(vm.index_error(&format!("position {pos} from error handler out of bounds")));
    }
    Ok((repl.clone(), abs as usize))
}

/// The `\\xXX`, `\\uXXXX` or `\\UXXXXXXXX` escape of a code point.
pub(crate) fn escape_of(c: char) -> String {
    let v = c as u32;
    if v <= 0xff {
        format!("\\x{v:02x}")
    } else if v <= 0xffff {
        format!("\\u{v:04x}")
    } else {
        format!("\\U{v:08x}")
    }
}

/// The `\\xXX`, `\\uXXXX` or `\\UXXXXXXXX` escape of any code point (a surrogate too).
pub(crate) fn escape_of_cp(v: u32) -> String {
    match char::from_u32(v) {
        Some(c) => escape_of(c),
        None => format!("\\u{v:04x}"),
    }
}

/// The `\\N{NAME}` escape of a character, or its backslash escape when it has no name
/// (`namereplace`).
pub(crate) fn name_escape_of(c: char) -> String {
    match unicode_names2::name(c) {
        Some(n) => format!("\\N{{{n}}}"),
        None => escape_of(c),
    }
}

/// Applies the error handler to a decoding fault: pushes the replacement (if any) and returns
/// the position to resume decoding at.
pub(crate) fn handle_decode(
    vm: &Vm,
    codec: &str,
    data: &[u8],
    errors: &str,
    f: &DecodeFault,
    out: &mut Wtf8Buf,
) -> PyResult<usize> {
    match errors {
        // `surrogatepass` is applied by the decoders that have surrogate forms.
        "strict" | "surrogatepass" => Err(decode_error(vm, codec, data, f)),
        "surrogateescape" => {
            // Each undecodable byte becomes U+DC00 + byte; ASCII bytes cannot be escaped.
            let bad = &data[f.start..f.end];
            if bad.iter().any(|&b| b < 0x80) {
                return Err(decode_error(vm, codec, data, f));
            }
            for &b in bad {
                out.push_code_point(0xdc00 + b as u32);
            }
            Ok(f.end)
        }
        "ignore" => Ok(f.end),
        "replace" => {
            out.push('\u{fffd}');
            Ok(f.end)
        }
        "backslashreplace" => {
            for b in &data[f.start..f.end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(f.end)
        }
        other => {
            let exc = decode_error(vm, codec, data, f);
            let (repl, pos) = call_handler(vm, other, &exc, data.len(), "decoding")?;
            let text = pystr::as_text(&repl).ok_or_else(|| {
                vm.type_error("decoding error handler must return (str, int) tuple")
            })?;
            out.push_wtf8(text);
            Ok(pos)
        }
    }
}

/// Applies the error handler to the unencodable code points `chars[start..end]` of `text`:
/// pushes the replacement bytes and returns the index to resume at. `encode_char` encodes one
/// character of a replacement string in this codec (`None` when it cannot).
#[allow(clippy::too_many_arguments)]
pub(crate) fn handle_encode(
    vm: &Vm,
    codec: &str,
    text: Wtf8<'_>,
    chars: &[u32],
    (start, end): (usize, usize),
    reason: &str,
    errors: &str,
    encode_char: &dyn Fn(char) -> Option<Vec<u8>>,
    out: &mut Vec<u8>,
) -> PyResult<usize> {
    let bad = &chars[start..end];
    let fail = || encode_error_wtf8(vm, codec, text, start, end, reason);
    let ascii = |s: &str, out: &mut Vec<u8>| -> bool {
        let mut buf = Vec::new();
        for c in s.chars() {
            match encode_char(c) {
                Some(b) => buf.extend(b),
                None => return false,
            }
        }
        out.extend(buf);
        true
    };
    let push_all = |s: String, out: &mut Vec<u8>| -> PyResult<usize> {
        if ascii(&s, out) {
            Ok(end)
        } else {
            Err(fail())
        }
    };
    match errors {
        "strict" => Err(fail()),
        "surrogateescape" => {
            // U+DC80..U+DCFF are the bytes 0x80..0xff that decoding escaped.
            if bad.iter().any(|&c| !(0xdc80..=0xdcff).contains(&c)) {
                return Err(fail());
            }
            out.extend(bad.iter().map(|&c| (c - 0xdc00) as u8));
            Ok(end)
        }
        "surrogatepass" => {
            let form = surrogate_form(codec).ok_or_else(fail)?;
            if bad.iter().any(|&c| !crate::objects::wtf8::is_surrogate(c)) {
                return Err(fail());
            }
            for &c in bad {
                form.push(c, out);
            }
            Ok(end)
        }
        "ignore" => Ok(end),
        "replace" => push_all("?".repeat(bad.len()), out),
        "backslashreplace" => push_all(bad.iter().map(|&c| escape_of_cp(c)).collect(), out),
        "namereplace" => push_all(
            bad.iter()
                .map(|&c| match char::from_u32(c) {
                    Some(c) => name_escape_of(c),
                    None => escape_of_cp(c),
                })
                .collect(),
            out,
        ),
        "xmlcharrefreplace" => push_all(bad.iter().map(|&c| format!("&#{c};")).collect(), out),
        other => {
            let exc = fail();
            let (repl, pos) = call_handler(vm, other, &exc, chars.len(), "encoding")?;
            if let Some(b) = bytes::as_bytes(&repl) {
                out.extend_from_slice(b);
            } else if pystr::is_str(&repl) {
                match pystr::as_str(&repl) {
                    Some(s) if ascii(s, out) => {}
                    _ => return Err(fail()),
                }
            } else {
                return Err(
                    vm.type_error("encoding error handler must return (str/bytes, int) tuple")
                );
            }
            Ok(pos)
        }
    }
}

/// How a codec writes a lone surrogate under `surrogatepass`.
#[derive(Clone, Copy)]
pub(crate) enum SurrogateForm {
    Utf8,
    /// UTF-16 or UTF-32 (`width` 2 or 4), big-endian or not.
    Wide {
        width: usize,
        big: bool,
    },
}

impl SurrogateForm {
    /// The lone surrogate written at the start of `data` in this form, and its length in
    /// bytes (`None` when `data` does not start with one).
    pub(crate) fn read(self, data: &[u8]) -> Option<(u32, usize)> {
        let (c, n) = match self {
            SurrogateForm::Utf8 => match data {
                [0xed, b1 @ 0xa0..=0xbf, b2 @ 0x80..=0xbf, ..] => (
                    0xd000 | (u32::from(*b1 & 0x3f) << 6) | u32::from(*b2 & 0x3f),
                    3,
                ),
                _ => return None,
            },
            SurrogateForm::Wide { width, big } => {
                let unit = data.get(..width)?;
                let c = unit.iter().enumerate().fold(0u32, |acc, (i, &b)| {
                    let shift = if big { 8 * (width - 1 - i) } else { 8 * i };
                    acc | (u32::from(b) << shift)
                });
                (c, width)
            }
        };
        crate::objects::wtf8::is_surrogate(c).then_some((c, n))
    }

    /// Appends the code unit(s) of `c`.
    pub(crate) fn push(self, c: u32, out: &mut Vec<u8>) {
        match self {
            SurrogateForm::Utf8 => crate::objects::wtf8::push_code_point(out, c),
            SurrogateForm::Wide { width, big } => {
                let bytes = c.to_be_bytes();
                let unit = &bytes[4 - width..];
                if big {
                    out.extend_from_slice(unit);
                } else {
                    out.extend(unit.iter().rev());
                }
            }
        }
    }
}

/// The surrogate form of a codec by its name in errors (`None`: it has none).
pub(crate) fn surrogate_form(codec: &str) -> Option<SurrogateForm> {
    let big = codec.ends_with("-be");
    Some(match codec {
        "utf-8" | "utf-8-sig" => SurrogateForm::Utf8,
        c if c.starts_with("utf-16") => SurrogateForm::Wide { width: 2, big },
        c if c.starts_with("utf-32") => SurrogateForm::Wide { width: 4, big },
        _ => return None,
    })
}

// ---- the entry points -----------------------------------------------------------------------

/// `data.decode(encoding, errors)`: natively for the codecs arenapy implements, else through
/// the codec registry (the decoder must return a str).
pub fn decode(vm: &Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<Wtf8Buf> {
    match Codec::lookup(encoding) {
        Some(c) => super::codecs_decode::decode_with(vm, c, data, errors, true).map(|(s, _)| s),
        None => {
            let arg = bytes::new_bytes(vm, data)?;
            let res =
                crate::modules::codecs_registry::text_codec_call(vm, encoding, errors, arg, 1)?;
            match pystr::as_text(&res) {
                Some(s) => {
                    let mut b = Wtf8Buf::new();
                    b.push_wtf8(s);
                    Ok(b)
                }
                None => Err(vm.type_error(&format!(
                    "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                    res.ob_type().name()
                ))),
            }
        }
    }
}

/// `text.encode(encoding, errors)`: natively for the codecs arenapy implements, else through
/// the codec registry (the encoder must return bytes).
pub fn encode(vm: &Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    encode_wtf8(vm, Wtf8::of_str(text), encoding, errors)
}

/// `text.encode(encoding, errors)` of any str's text.
pub fn encode_wtf8(vm: &Vm, text: Wtf8<'_>, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    match Codec::lookup(encoding) {
        Some(c) => super::codecs_encode::encode_with(vm, c, text, errors),
        None => {
            let arg = pystr::new_str_wtf8_vm(vm, text)?;
            let res =
                crate::modules::codecs_registry::text_codec_call(vm, encoding, errors, arg, 0)?;
            if let Some(b) = bytes::as_bytes(&res) {
                return Ok(b.to_vec());
            }
            if let Some(v) = crate::objects::bytearray::storage(&res) {
                return Ok(v.to_vec());
            }
            Err(vm.type_error(&format!(
                "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                res.ob_type().name()
            )))
        }
    }
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
    let text = pystr::as_text(this).unwrap_or_default();
    bytes::new_bytes(vm, &encode_wtf8(vm, text, &enc, &errs)?)
}

#[cfg(test)]
mod tests {
    use super::{escape_of, Codec};

    #[test]
    fn names_normalise() {
        assert_eq!(Codec::lookup("UTF-8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup(" Latin_1 "), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("utf-16-be"), Some(Codec::Utf16(Some(true))));
        assert_eq!(Codec::lookup("koi8"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_of('\u{e9}'), "\\xe9");
        assert_eq!(escape_of('\u{20ac}'), "\\u20ac");
        assert_eq!(escape_of('\u{1f600}'), "\\U0001f600");
    }
}
