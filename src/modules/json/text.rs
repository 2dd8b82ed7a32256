//! The text side of `_json`: a str's code points indexed as Python indexes them, JSON string
//! literals read back (`scanstring`) and written (`encode_basestring`,
//! `encode_basestring_ascii`).
//!
//! A str stores generalized UTF-8 (`objects/wtf8.rs`), while JSON positions are code point
//! indexes. An ASCII str is read in place (byte index = code point index); any other str is
//! decoded once into code points. The scanners are generic over [`Units`] so both run without
//! per-character dispatch.

use super::Fail;
use crate::object::ObjRef;
use crate::objects::str as pystr;
use crate::objects::wtf8::push_code_point;
use crate::vm::storage::Grow;
use crate::vm::{PyResult, Vm};

/// Code points addressed by index.
pub(super) trait Units {
    /// The number of code points.
    fn count(&self) -> usize;
    /// The code point at `i` (`i < count()`).
    fn at(&self, i: usize) -> u32;
    /// Appends the generalized UTF-8 of code points `from..to` to `out`.
    fn push_range(&self, vm: &Vm, out: &mut Vec<u8>, from: usize, to: usize) -> PyResult<()>;
}

impl Units for [u8] {
    #[inline]
    fn count(&self) -> usize {
        self.len()
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        u32::from(self[i])
    }
    fn push_range(&self, vm: &Vm, out: &mut Vec<u8>, from: usize, to: usize) -> PyResult<()> {
        out.grow(vm, to - from)?;
        out.extend_from_slice(&self[from..to]);
        Ok(())
    }
}

impl Units for [u32] {
    #[inline]
    fn count(&self) -> usize {
        self.len()
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
    fn push_range(&self, vm: &Vm, out: &mut Vec<u8>, from: usize, to: usize) -> PyResult<()> {
        out.grow(vm, (to - from) * 4)?;
        for &c in &self[from..to] {
            push_code_point(out, c);
        }
        Ok(())
    }
}

/// The code points of a str: its bytes when it is ASCII, else decoded.
pub(super) enum Text<'a> {
    /// ASCII text, read in place.
    Ascii(&'a [u8]),
    /// Every code point.
    Wide(Vec<u32>),
}

/// The code points of the str `s` (`None` when `s` is not a str).
pub(super) fn text_of<'a>(vm: &Vm, s: &'a ObjRef) -> PyResult<Option<Text<'a>>> {
    let Some(w) = pystr::as_text(s) else {
        return Ok(None);
    };
    let bytes = w.as_bytes();
    let n = pystr::char_len(s);
    if n == bytes.len() {
        return Ok(Some(Text::Ascii(bytes)));
    }
    let mut cps: Vec<u32> = crate::vm::storage::vec_with_capacity(vm, n)?;
    cps.extend(w.code_points());
    Ok(Some(Text::Wide(cps)))
}

/// The `TypeError` of `_json`'s functions given something other than a str.
pub(super) fn not_a_string(vm: &Vm, obj: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!(
        "first argument must be a string, not {}",
        obj.ob_type().name()
    ))
}

#[inline]
fn hex_value(c: u32) -> Option<u32> {
    char::from_u32(c).and_then(|c| c.to_digit(16))
}

/// Four hex digits at `at..at + 4` (the caller checked they exist).
fn hex4<U: Units + ?Sized>(u: &U, at: usize) -> Option<u32> {
    (at..at + 4).try_fold(0u32, |acc, i| hex_value(u.at(i)).map(|d| (acc << 4) | d))
}

/// Reads the JSON string whose opening quote is just before `end`, appending its value
/// (generalized UTF-8) to `out`; returns the index after the closing quote. Control characters
/// are refused under `strict`. Positions in errors are CPython's.
pub(super) fn scan_string<U: Units + ?Sized>(
    vm: &Vm,
    u: &U,
    mut end: usize,
    strict: bool,
    out: &mut Vec<u8>,
) -> Result<usize, Fail> {
    let len = u.count();
    let begin = end.wrapping_sub(1);
    loop {
        // The next quote or backslash.
        let mut next = end;
        let mut c = 0u32;
        while next < len {
            c = u.at(next);
            if c == u32::from(b'"') || c == u32::from(b'\\') {
                break;
            }
            if c <= 0x1f && strict {
                return Err(Fail::Decode("Invalid control character at", next));
            }
            next += 1;
        }
        if next == len {
            return Err(Fail::Decode("Unterminated string starting at", begin));
        }
        if next != end {
            u.push_range(vm, out, end, next)?;
        }
        next += 1;
        if c == u32::from(b'"') {
            return Ok(next);
        }
        if next == len {
            return Err(Fail::Decode("Unterminated string starting at", begin));
        }
        let esc = u.at(next);
        let value = if esc != u32::from(b'u') {
            end = next + 1;
            match char::from_u32(esc) {
                Some('"') => u32::from(b'"'),
                Some('\\') => u32::from(b'\\'),
                Some('/') => u32::from(b'/'),
                Some('b') => 0x08,
                Some('f') => 0x0c,
                Some('n') => u32::from(b'\n'),
                Some('r') => u32::from(b'\r'),
                Some('t') => u32::from(b'\t'),
                _ => return Err(Fail::Decode("Invalid \\escape", end - 2)),
            }
        } else {
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Fail::Decode("Invalid \\uXXXX escape", next - 1));
            }
            let Some(mut cp) = hex4(u, next) else {
                return Err(Fail::Decode("Invalid \\uXXXX escape", end - 5));
            };
            // A high surrogate followed by an escaped low one is one code point.
            if (0xd800..=0xdbff).contains(&cp)
                && end + 6 < len
                && u.at(end) == u32::from(b'\\')
                && u.at(end + 1) == u32::from(b'u')
            {
                let Some(low) = hex4(u, end + 2) else {
                    return Err(Fail::Decode("Invalid \\uXXXX escape", end + 1));
                };
                if (0xdc00..=0xdfff).contains(&low) {
                    cp = 0x10000 + (((cp - 0xd800) << 10) | (low - 0xdc00));
                    end += 6;
                }
            }
            cp
        };
        out.grow(vm, 4)?;
        push_code_point(out, value);
    }
}

/// The JSON string literal of the code points `cps`, ASCII only: `ensure_ascii`'s escaping
/// (non-ASCII as `\uXXXX`, astral code points as surrogate pairs, lone surrogates as
/// themselves escaped).
pub(super) fn escape_ascii(
    vm: &Vm,
    out: &mut Vec<u8>,
    cps: impl Iterator<Item = u32>,
) -> PyResult<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    fn push_u(out: &mut Vec<u8>, c: u32) {
        out.extend_from_slice(b"\\u");
        for shift in [12, 8, 4, 0] {
            out.push(HEX[((c >> shift) & 0xf) as usize]);
        }
    }
    out.grow(vm, 2)?;
    out.push(b'"');
    for c in cps {
        out.grow(vm, 12)?;
        match c {
            0x22 => out.extend_from_slice(b"\\\""),
            0x5c => out.extend_from_slice(b"\\\\"),
            0x20..=0x7e => out.push(c as u8),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x09 => out.extend_from_slice(b"\\t"),
            c if c >= 0x10000 => {
                let v = c - 0x10000;
                push_u(out, 0xd800 | (v >> 10));
                push_u(out, 0xdc00 | (v & 0x3ff));
            }
            c => push_u(out, c),
        }
    }
    out.push(b'"');
    Ok(())
}

/// The JSON string literal of the str text `bytes` (generalized UTF-8), non-ASCII kept:
/// quotes, backslashes and control characters escaped.
pub(super) fn escape_text(vm: &Vm, out: &mut Vec<u8>, bytes: &[u8]) -> PyResult<()> {
    out.grow(vm, bytes.len() + 2)?;
    out.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.grow(vm, 6)?;
        out.extend_from_slice(&bytes[start..i]);
        if esc.is_empty() {
            out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
        start = i + 1;
    }
    out.grow(vm, bytes.len() - start + 1)?;
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
    Ok(())
}

/// Appends the JSON literal of the str `s` to `out`, ASCII-only or not.
pub(super) fn escape_str(vm: &Vm, out: &mut Vec<u8>, s: &ObjRef, ascii: bool) -> PyResult<()> {
    let Some(w) = pystr::as_text(s) else {
        return Err(not_a_string(vm, s));
    };
    if ascii {
        escape_ascii(vm, out, w.code_points())
    } else {
        escape_text(vm, out, w.as_bytes())
    }
}

/// A str object from generalized UTF-8 built by this module.
pub(super) fn str_from(vm: &Vm, bytes: &[u8]) -> PyResult<ObjRef> {
    match std::str::from_utf8(bytes) {
        Ok(s) => pystr::new_str_vm(vm, s),
        Err(_) => pystr::new_str_wtf8_vm(vm, crate::objects::wtf8::Wtf8::from_bytes_trusted(bytes)),
    }
}
