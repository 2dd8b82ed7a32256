//! The native decoders: UTF-8, ASCII, Latin-1, UTF-16, UTF-32 and the escape codecs. Each
//! decodes a prefix of its input and reports how much it consumed: with `final` false an
//! incomplete sequence at the end is left for the next call (what incremental decoders need),
//! with `final` true it is an error.

use super::codecs::{handle_decode, Codec, DecodeFault};
use crate::objects::wtf8::Wtf8Buf;
use crate::vm::{PyResult, Vm};

/// Decodes `data` with a native codec: the text and the number of bytes consumed.
pub(crate) fn decode_with(
    vm: &Vm,
    codec: Codec,
    data: &[u8],
    errors: &str,
    final_: bool,
) -> PyResult<(Wtf8Buf, usize)> {
    match codec {
        Codec::Utf8 => decode_utf8(vm, data, errors, final_),
        Codec::Utf8Sig => {
            if !final_ && data.len() < 3 && b"\xef\xbb\xbf".starts_with(data) {
                return Ok((Wtf8Buf::new(), 0));
            }
            let skip = if data.starts_with(b"\xef\xbb\xbf") {
                3
            } else {
                0
            };
            let (s, n) = decode_utf8(vm, &data[skip..], errors, final_)?;
            Ok((s, n + skip))
        }
        c @ (Codec::Ascii | Codec::Latin1) => {
            decode_single_byte(vm, c, data, errors).map(|s| (s, data.len()))
        }
        c @ Codec::Utf16(big) => {
            let bo = byteorder_of(big);
            decode_wide(vm, c.name(), data, errors, 2, bo, final_).map(|(s, n, _)| (s, n))
        }
        c @ Codec::Utf32(big) => {
            let bo = byteorder_of(big);
            decode_wide(vm, c.name(), data, errors, 4, bo, final_).map(|(s, n, _)| (s, n))
        }
        c @ Codec::UnicodeEscape => decode_escape(vm, c, data, errors, false, final_),
        c @ Codec::RawUnicodeEscape => decode_escape(vm, c, data, errors, true, final_),
    }
}

/// The `byteorder` argument of the `_codecs` functions for a codec's fixed order: 0 (read a
/// byte order mark), -1 (little-endian) or 1 (big-endian).
fn byteorder_of(big: Option<bool>) -> i32 {
    match big {
        None => 0,
        Some(false) => -1,
        Some(true) => 1,
    }
}

/// UTF-8.
pub(crate) fn decode_utf8(
    vm: &Vm,
    data: &[u8],
    errors: &str,
    final_: bool,
) -> PyResult<(Wtf8Buf, usize)> {
    let mut out = Wtf8Buf::with_capacity(data.len());
    let mut pos = 0;
    while pos <= data.len() {
        match std::str::from_utf8(&data[pos..]) {
            Ok(s) => {
                out.push_str(s);
                return Ok((out, data.len()));
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&data[pos..pos + good]).unwrap_or(""));
                let start = pos + good;
                let bad = data[start];
                if errors == "surrogatepass" {
                    if let [0xed, b1 @ 0xa0..=0xbf, b2 @ 0x80..=0xbf, ..] = data[start..] {
                        out.push_code_point(
                            0xd000 | ((b1 as u32 & 0x3f) << 6) | (b2 as u32 & 0x3f),
                        );
                        pos = start + 3;
                        continue;
                    }
                }
                let fault = match e.error_len() {
                    None if !final_ => return Ok((out, start)),
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
                pos = handle_decode(vm, "utf-8", data, errors, &fault, &mut out)?;
            }
        }
    }
    Ok((out, data.len()))
}

/// ASCII or Latin-1.
pub(crate) fn decode_single_byte(
    vm: &Vm,
    codec: Codec,
    data: &[u8],
    errors: &str,
) -> PyResult<Wtf8Buf> {
    let mut out = Wtf8Buf::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if codec == Codec::Latin1 || b < 0x80 {
            out.push(b as char);
            i += 1;
        } else {
            let fault = DecodeFault {
                start: i,
                end: i + 1,
                reason: "ordinal not in range(128)",
            };
            i = handle_decode(vm, codec.name(), data, errors, &fault, &mut out)?;
        }
    }
    Ok(out)
}

/// UTF-16 or UTF-32 (`width` 2 or 4). `byteorder` is 0 to read a byte order mark (little-
/// endian without one), -1 for little-endian, 1 for big-endian; the text, the bytes consumed
/// and the byte order found.
pub(crate) fn decode_wide(
    vm: &Vm,
    name: &str,
    data: &[u8],
    errors: &str,
    width: usize,
    byteorder: i32,
    final_: bool,
) -> PyResult<(Wtf8Buf, usize, i32)> {
    let mut pos = 0;
    let mut found = byteorder;
    if byteorder == 0 {
        let (le_bom, be_bom): (&[u8], &[u8]) = if width == 2 {
            (b"\xff\xfe", b"\xfe\xff")
        } else {
            (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
        };
        if data.starts_with(le_bom) {
            pos = width;
            found = -1;
        } else if data.starts_with(be_bom) {
            pos = width;
            found = 1;
        } else if !final_ && data.len() < width {
            return Ok((Wtf8Buf::new(), 0, 0));
        }
    }
    let big = found == 1;
    let unit = |i: usize| -> u32 {
        let chunk = &data[i..i + width];
        let mut v: u32 = 0;
        for k in 0..width {
            let b = if big { chunk[k] } else { chunk[width - 1 - k] };
            v = (v << 8) | b as u32;
        }
        v
    };
    let mut out = Wtf8Buf::with_capacity(data.len() / width);
    while pos < data.len() {
        if data.len() - pos < width {
            if !final_ {
                break;
            }
            let f = DecodeFault {
                start: pos,
                end: data.len(),
                reason: "truncated data",
            };
            pos = handle_decode(vm, name, data, errors, &f, &mut out)?;
            continue;
        }
        let u = unit(pos);
        if width == 2 && (0xd800..0xdc00).contains(&u) {
            if data.len() - pos < 4 {
                if !final_ {
                    break;
                }
                if errors == "surrogatepass" {
                    out.push_code_point(u);
                    pos += 2;
                    continue;
                }
                let f = DecodeFault {
                    start: pos,
                    end: data.len(),
                    reason: "unexpected end of data",
                };
                pos = handle_decode(vm, name, data, errors, &f, &mut out)?;
                continue;
            }
            let lo = unit(pos + 2);
            if (0xdc00..0xe000).contains(&lo) {
                let c = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                out.extend(char::from_u32(c));
                pos += 4;
                continue;
            }
            if errors == "surrogatepass" {
                out.push_code_point(u);
                pos += 2;
                continue;
            }
            let f = DecodeFault {
                start: pos,
                end: pos + 2,
                reason: "illegal UTF-16 surrogate",
            };
            pos = handle_decode(vm, name, data, errors, &f, &mut out)?;
            continue;
        }
        if errors == "surrogatepass" && crate::objects::wtf8::is_surrogate(u) {
            out.push_code_point(u);
            pos += width;
            continue;
        }
        match char::from_u32(u) {
            Some(c) => {
                out.push(c);
                pos += width;
            }
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
                pos = handle_decode(vm, name, data, errors, &f, &mut out)?;
            }
        }
    }
    Ok((out, pos.min(data.len()), found))
}

/// `unicode_escape` (`raw` false: every Python escape) and `raw_unicode_escape` (`raw` true:
/// only `\\uXXXX` and `\\UXXXXXXXX`) decoding; other bytes are Latin-1.
pub(crate) fn decode_escape(
    vm: &Vm,
    codec: Codec,
    data: &[u8],
    errors: &str,
    raw: bool,
    final_: bool,
) -> PyResult<(Wtf8Buf, usize)> {
    let name = codec.name();
    let mut out = Wtf8Buf::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as char);
            i += 1;
            continue;
        }
        let Some(&e) = data.get(i + 1) else {
            if !final_ {
                return Ok((out, i));
            }
            if raw {
                out.push('\\');
                break;
            }
            let f = DecodeFault {
                start: i,
                end: data.len(),
                reason: "\\ at end of string",
            };
            i = handle_decode(vm, name, data, errors, &f, &mut out)?;
            continue;
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
                if !final_ && i + 2 + n == data.len() {
                    return Ok((out, start));
                }
                let f = DecodeFault {
                    start,
                    end: i + 2 + n,
                    reason,
                };
                i = handle_decode(vm, name, data, errors, &f, &mut out)?;
                continue;
            }
            let v = hex.iter().fold(0u32, |acc, c| {
                acc * 16 + (*c as char).to_digit(16).unwrap_or(0)
            });
            if v <= 0x10ffff {
                // A lone surrogate escape gives a lone surrogate, as in CPython.
                out.push_code_point(v);
                i += 2 + digits;
            } else {
                let f = DecodeFault {
                    start,
                    end: i + 2 + digits,
                    reason: "illegal Unicode character",
                };
                i = handle_decode(vm, name, data, errors, &f, &mut out)?;
            }
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
            b'N' => {
                // `\N{NAME}`: the character of that name in the Unicode database.
                let start = i - 2;
                let close = (data.get(i) == Some(&b'{'))
                    .then(|| data[i..].iter().position(|&b| b == b'}'))
                    .flatten();
                let Some(close) = close.filter(|&c| c > 1) else {
                    let braced = data.get(i) == Some(&b'{');
                    if !final_ && braced && close.is_none() {
                        return Ok((out, start));
                    }
                    let end = match (braced, close) {
                        (false, _) => i,
                        (true, None) => data.len(),
                        (true, Some(_)) => i + 1,
                    };
                    let f = DecodeFault {
                        start,
                        end,
                        reason: "malformed \\N character escape",
                    };
                    i = handle_decode(vm, name, data, errors, &f, &mut out)?;
                    continue;
                };
                let label = std::str::from_utf8(&data[i + 1..i + close]).unwrap_or("");
                let found = (label.is_ascii() && !label.is_empty())
                    .then(|| unicode_names2::character(label))
                    .flatten();
                match found {
                    Some(c) => {
                        out.push(c);
                        i += close + 1;
                    }
                    None => {
                        let f = DecodeFault {
                            start,
                            end: i + close + 1,
                            reason: "unknown Unicode character name",
                        };
                        i = handle_decode(vm, name, data, errors, &f, &mut out)?;
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other as char);
            }
        }
    }
    Ok((out, data.len()))
}

/// The bytes escape decoder (`codecs.escape_decode`): Python's bytes-literal escapes.
pub(crate) fn escape_decode(vm: &Vm, data: &[u8], errors: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] != b'\\' {
            out.push(data[i]);
            i += 1;
            continue;
        }
        let Some(&e) = data.get(i + 1) else {
            return Err(vm.value_error("Trailing \\ in string"));
        };
        i += 2;
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
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = &data[i..(i + 2).min(data.len())];
                if hex.len() == 2 && hex.iter().all(u8::is_ascii_hexdigit) {
                    let v = hex.iter().fold(0u8, |acc, c| {
                        acc * 16 + (*c as char).to_digit(16).unwrap_or(0) as u8
                    });
                    out.push(v);
                    i += 2;
                } else {
                    match errors {
                        "strict" => {
                            return Err(vm
                                .value_error(&format!("invalid \\x escape at position {}", i - 2)))
                        }
                        "replace" => out.push(b'?'),
                        "ignore" => {}
                        other => {
                            return Err(vm.value_error(&format!(
                                "decoding error; unknown error handling code: {other}"
                            )))
                        }
                    }
                    i += hex.iter().take_while(|c| c.is_ascii_hexdigit()).count();
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
