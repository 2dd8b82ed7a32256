//! The charmap codec (the single-byte code pages of `Lib/encodings`, through a decoding table
//! or a mapping) and UTF-7.

use super::codecs::{handle_decode, handle_encode, DecodeFault};
use super::codecs_decode::decode_single_byte;
use super::codecs_encode::encode_single_byte;
use crate::object::ObjRef;
use crate::objects::exceptions::LOOKUP_ERROR;
use crate::objects::wtf8::Wtf8Buf;
use crate::objects::{bytes, dict, int, none, str as pystr};
use crate::vm::{ops, PyResult, Vm};

const UNDEFINED: &str = "character maps to <undefined>";

/// What a decoding mapping gives for one byte: text, or nothing (undefined).
fn decode_entry(vm: &Vm, mapping: &ObjRef, b: u8) -> PyResult<Option<String>> {
    let key = int::new_int(vm, b as i64)?;
    let v = match ops::getitem(vm, mapping, &key) {
        Ok(v) => v,
        Err(e) if e.matches(&LOOKUP_ERROR) => return Ok(None),
        Err(e) => return Err(e),
    };
    if none::is_none(&v) {
        return Ok(None);
    }
    if let Some(n) = int::as_i64(&v) {
        return match u32::try_from(n).ok().and_then(char::from_u32) {
            Some('\u{fffe}') => Ok(None),
            Some(c) => Ok(Some(c.to_string())),
            None => Err(vm.type_error("character mapping must be in range(0x110000)")),
        };
    }
    match pystr::as_str(&v) {
        Some("\u{fffe}") => Ok(None),
        Some(s) => Ok(Some(s.to_string())),
        None => Err(vm.type_error("character mapping must return integer, None or str")),
    }
}

/// `charmap_decode`: through a decoding table (a str, `'\ufffe'` for undefined bytes) or any
/// mapping from byte values; Latin-1 without one.
pub(crate) fn charmap_decode(
    vm: &Vm,
    data: &[u8],
    errors: &str,
    mapping: Option<&ObjRef>,
) -> PyResult<Wtf8Buf> {
    let Some(mapping) = mapping else {
        return decode_single_byte(vm, super::codecs::Codec::Latin1, data, errors);
    };
    let table: Option<Vec<char>> = pystr::as_str(mapping).map(|s| s.chars().collect());
    let mut out = Wtf8Buf::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let got = match &table {
            Some(t) => match t.get(b as usize) {
                Some('\u{fffe}') | None => None,
                Some(c) => {
                    out.push(*c);
                    i += 1;
                    continue;
                }
            },
            None => decode_entry(vm, mapping, b)?,
        };
        match got {
            Some(s) => {
                out.push_str(&s);
                i += 1;
            }
            None => {
                let f = DecodeFault {
                    start: i,
                    end: i + 1,
                    reason: UNDEFINED,
                };
                i = handle_decode(vm, "charmap", data, errors, &f, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// What an encoding mapping gives for one character: bytes, or nothing (undefined).
fn encode_entry(vm: &Vm, mapping: &ObjRef, c: char) -> PyResult<Option<Vec<u8>>> {
    let key = int::new_int(vm, c as i64)?;
    let found = match ops::getitem(vm, mapping, &key) {
        Ok(v) => Some(v),
        Err(e) if e.matches(&LOOKUP_ERROR) => None,
        Err(e) => return Err(e),
    };
    let Some(v) = found.filter(|v| !none::is_none(v)) else {
        return Ok(None);
    };
    if let Some(n) = int::as_i64(&v) {
        return match u8::try_from(n) {
            Ok(b) => Ok(Some(vec![b])),
            Err(_) => Err(vm.type_error("character mapping must be in range(256)")),
        };
    }
    match bytes::as_bytes(&v) {
        Some(b) => Ok(Some(b.to_vec())),
        None => Err(vm.type_error(&format!(
            "character mapping must return integer, bytes or None, not {}",
            v.ob_type().name()
        ))),
    }
}

/// `charmap_encode`: through a mapping from code points (what `charmap_build` makes); Latin-1
/// without one.
pub(crate) fn charmap_encode(
    vm: &Vm,
    text: &str,
    errors: &str,
    mapping: Option<&ObjRef>,
) -> PyResult<Vec<u8>> {
    let Some(mapping) = mapping else {
        return encode_single_byte(
            vm,
            "latin-1",
            256,
            crate::objects::wtf8::Wtf8::of_str(text),
            errors,
        );
    };
    let chars: Vec<char> = text.chars().collect();
    let cps: Vec<u32> = chars.iter().map(|&c| c as u32).collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = encode_entry(vm, mapping, chars[i])? {
            out.extend(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && encode_entry(vm, mapping, chars[end])?.is_none() {
            end += 1;
        }
        let one = |c: char| encode_entry(vm, mapping, c).ok().flatten();
        i = handle_encode(
            vm,
            "charmap",
            crate::objects::wtf8::Wtf8::of_str(text),
            &cps,
            (i, end),
            UNDEFINED,
            errors,
            &one,
            &mut out,
        )?;
    }
    Ok(out)
}

/// `charmap_build(decoding_table)`: the encoding map (code point to byte) of a decoding table.
pub(crate) fn charmap_build(vm: &Vm, table: &str) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    for (i, c) in table.chars().enumerate() {
        dict::set_item(
            vm,
            &d,
            int::new_int(vm, c as i64)?,
            int::new_int(vm, i as i64)?,
        )?;
    }
    Ok(d)
}

// ---- UTF-7 ----------------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

fn from_b64(b: u8) -> u32 {
    match b {
        b'A'..=b'Z' => (b - b'A') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 26,
        b'0'..=b'9' => (b - b'0') as u32 + 52,
        b'+' => 62,
        _ => 63,
    }
}

/// Whether UTF-7 writes `c` as itself: letters, digits, whitespace and the punctuation of
/// RFC 2152's sets D and O (`+`, `\\` and `~` are shifted).
fn utf7_direct(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '0'..='9' | ' ' | '\t' | '\r' | '\n')
        || "'(),-./:?!\"#$%&*;<=>@[]^_`{|}".contains(c)
}

/// UTF-7 encoding.
pub(crate) fn utf7_encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let (mut shifted, mut bits, mut buf) = (false, 0u32, 0u64);
    for c in text.chars() {
        if shifted && utf7_direct(c) {
            if bits > 0 {
                out.push(B64[((buf << (6 - bits)) & 0x3f) as usize]);
                buf = 0;
                bits = 0;
            }
            shifted = false;
            if is_b64(c as u8) || c == '-' {
                out.push(b'-');
            }
            out.push(c as u8);
            continue;
        }
        if !shifted {
            if c == '+' {
                out.extend_from_slice(b"+-");
                continue;
            }
            if utf7_direct(c) {
                out.push(c as u8);
                continue;
            }
            out.push(b'+');
            shifted = true;
        }
        let mut units = [0u16; 2];
        for &u in c.encode_utf16(&mut units).iter() {
            buf = (buf << 16) | u as u64;
            bits += 16;
            while bits >= 6 {
                out.push(B64[((buf >> (bits - 6)) & 0x3f) as usize]);
                bits -= 6;
            }
            buf &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(B64[((buf << (6 - bits)) & 0x3f) as usize]);
    }
    if shifted {
        out.push(b'-');
    }
    out
}

/// UTF-7 decoding: the text and the bytes consumed (a shift sequence left open is not
/// consumed unless `final_`).
pub(crate) fn utf7_decode(
    vm: &Vm,
    data: &[u8],
    errors: &str,
    final_: bool,
) -> PyResult<(Wtf8Buf, usize)> {
    let mut out = Wtf8Buf::with_capacity(data.len());
    let (mut shifted, mut bits, mut buf) = (false, 0u32, 0u64);
    let mut surrogate: Option<u32> = None;
    let (mut start, mut shift_out_len) = (0usize, 0usize);
    let mut s = 0;
    while s < data.len() {
        let ch = data[s];
        let fault = if shifted {
            if is_b64(ch) {
                buf = (buf << 6) | from_b64(ch) as u64;
                bits += 6;
                s += 1;
                if bits >= 16 {
                    let unit = ((buf >> (bits - 16)) & 0xffff) as u32;
                    bits -= 16;
                    buf &= (1 << bits) - 1;
                    if let Some(hi) = surrogate.take() {
                        if (0xdc00..0xe000).contains(&unit) {
                            let c = 0x10000 + ((hi - 0xd800) << 10) + (unit - 0xdc00);
                            out.extend(char::from_u32(c));
                            continue;
                        }
                        // A lone high surrogate.
                        out.push_code_point(hi);
                    }
                    if (0xd800..0xdc00).contains(&unit) {
                        surrogate = Some(unit);
                    } else {
                        out.push_code_point(unit);
                    }
                }
                continue;
            }
            shifted = false;
            if bits >= 6 {
                s += 1;
                Some("partial character in shift sequence")
            } else if bits > 0 && buf != 0 {
                s += 1;
                Some("non-zero padding bits in shift sequence")
            } else {
                if let Some(hi) = surrogate.take() {
                    out.push_code_point(hi);
                }
                if ch == b'-' {
                    s += 1;
                }
                None
            }
        } else if ch == b'+' {
            start = s;
            s += 1;
            if data.get(s) == Some(&b'-') {
                s += 1;
                out.push('+');
                None
            } else if s < data.len() && !is_b64(data[s]) {
                s += 1;
                Some("ill-formed sequence")
            } else {
                shifted = true;
                surrogate = None;
                shift_out_len = out.len();
                bits = 0;
                buf = 0;
                None
            }
        } else if ch <= 127 {
            out.push(ch as char);
            s += 1;
            None
        } else {
            start = s;
            s += 1;
            Some("unexpected special character")
        };
        if let Some(reason) = fault {
            let f = DecodeFault {
                start,
                end: s,
                reason,
            };
            s = handle_decode(vm, "utf7", data, errors, &f, &mut out)?;
        }
    }
    if shifted && final_ {
        if surrogate.is_some() || bits >= 6 || (bits > 0 && buf != 0) {
            let f = DecodeFault {
                start,
                end: data.len(),
                reason: "unterminated shift sequence",
            };
            handle_decode(vm, "utf7", data, errors, &f, &mut out)?;
        }
        return Ok((out, data.len()));
    }
    if shifted {
        out.truncate(shift_out_len);
        return Ok((out, start));
    }
    Ok((out, s))
}

#[cfg(test)]
mod tests {
    use super::utf7_encode;

    #[test]
    fn utf7_encodings() {
        assert_eq!(utf7_encode("a b!"), b"a b!");
        assert_eq!(utf7_encode("A\u{2262}\u{391}."), b"A+ImIDkQ.");
        assert_eq!(utf7_encode("Hi Mom -\u{263a}-!"), b"Hi Mom -+Jjo--!");
        assert_eq!(utf7_encode("\u{65e5}\u{672c}\u{8a9e}"), b"+ZeVnLIqe-");
        assert_eq!(utf7_encode("a+b"), b"a+-b");
        assert_eq!(utf7_encode("~\\"), b"+AH4AXA-");
        assert_eq!(utf7_encode("a\u{1f600}b"), b"a+2D3eAA-b");
        assert_eq!(utf7_encode("\u{e9}a"), b"+AOk-a");
    }
}
