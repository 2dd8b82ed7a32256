//! Reading a `TextIOWrapper`: decoding a chunk at a time, `read(n)`, `readline(limit)` and
//! iteration (which turns `tell()` off until it ends, as in CPython).

use super::codec::{advance_chars, char_count, clear_decoded, decode, getstate, new_text};
use super::{attached, call_method, not_supported, open_checked, TextIOObject};
use crate::object::ObjRef;
use crate::objects::{bytes, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};

/// Reads and decodes one chunk (at least `size_hint` bytes' worth); false at end of file.
/// With `telling`, records the snapshot `tell()` starts from.
pub(super) fn read_chunk(
    vm: &Vm,
    p: &TextIOObject,
    buffer: &ObjRef,
    size_hint: usize,
) -> PyResult<bool> {
    let Some(decoder) = p.decoder() else {
        return Err(not_supported(vm, "not readable"));
    };
    let (telling, has_read1, chunk, ratio) = {
        let st = p.st();
        (st.telling, st.has_read1, st.chunk_size, st.b2cratio)
    };
    let before = if telling {
        Some(getstate(vm, &decoder)?)
    } else {
        None
    };
    let hint = if size_hint > 0 {
        (ratio.max(1.0) * size_hint as f64) as usize
    } else {
        0
    };
    let size = chunk.max(hint);
    let n = crate::objects::int::new_int(vm, size as i64)?;
    let input = call_method(vm, buffer, if has_read1 { "read1" } else { "read" }, &[n])?;
    let data: Vec<u8> = match bytes_like(&input) {
        Some(b) => b,
        None => {
            return Err(vm.type_error(&format!(
                "underlying {}() should have returned a bytes-like object, not '{}'",
                if has_read1 { "read1" } else { "read" },
                input.ob_type().name()
            )))
        }
    };
    let input = if bytes::as_bytes(&input).is_some() {
        input
    } else {
        bytes::new_bytes(vm, &data)?
    };
    let mut eof = data.is_empty();
    let decoded = decode(vm, &decoder, &input, eof)?;
    let nchars = char_count(&decoded);
    let mut st = p.st();
    st.b2cratio = if nchars > 0 {
        data.len() as f64 / nchars as f64
    } else {
        0.0
    };
    if nchars > 0 {
        eof = false;
    }
    st.decoded = Some(decoded);
    st.used = 0;
    if let Some((mut buf, flags)) = before {
        buf.extend_from_slice(&data);
        st.snapshot = Some((flags, buf));
    }
    Ok(!eof)
}

/// The bytes of a bytes-like object.
pub(super) fn bytes_like(obj: &ObjRef) -> Option<Vec<u8>> {
    if let Some(b) = bytes::as_bytes(obj) {
        return Some(b.to_vec());
    }
    if let Some(b) = crate::objects::bytearray::storage(obj) {
        return Some(b.to_vec());
    }
    crate::objects::memoryview::view_bytes(obj)
}

/// Up to `n` characters (all when negative) of the decoded text, consumed.
fn take_decoded(p: &TextIOObject, n: i64) -> Vec<u8> {
    let mut st = p.st();
    let used = st.used;
    let Some(dec) = st.decoded.as_ref() else {
        return Vec::new();
    };
    let end = if n < 0 {
        dec.len()
    } else {
        advance_chars(dec, used, n as usize)
    };
    let out = dec[used..end].to_vec();
    st.used = end;
    out
}

pub(super) fn m_read(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let n = super::super::iobase::size_arg(vm, n.as_ref())?;
    let (p, buffer) = open_checked(vm, this)?;
    let Some(decoder) = p.decoder() else {
        return Err(not_supported(vm, "not readable"));
    };
    super::write::write_pending(vm, p, &buffer)?;
    if n < 0 {
        let input = call_method(vm, &buffer, "read", &[])?;
        let rest = decode(vm, &decoder, &input, true)?;
        let mut out = take_decoded(p, -1);
        out.extend_from_slice(&rest);
        let mut st = p.st();
        clear_decoded(&mut st);
        st.snapshot = None;
        drop(st);
        return new_text(vm, &out);
    }
    let mut out = take_decoded(p, n);
    let mut remaining = n as usize - char_count(&out);
    while remaining > 0 {
        if !read_chunk(vm, p, &buffer, remaining)? {
            break;
        }
        let more = take_decoded(p, remaining as i64);
        remaining -= char_count(&more);
        out.extend_from_slice(&more);
    }
    new_text(vm, &out)
}

/// Where the first line ending in `text` ends (`Ok`), or how much of `text` can be set aside
/// without splitting a line ending (`Err`), for the wrapper's newline mode.
pub(super) fn find_line_end(
    translated: bool,
    universal: bool,
    readnl: &str,
    text: &[u8],
) -> Result<usize, usize> {
    if translated {
        return match memchr(b'\n', text) {
            Some(i) => Ok(i + 1),
            None => Err(text.len()),
        };
    }
    if universal {
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\n' => return Ok(i + 1),
                b'\r' => {
                    return match text.get(i + 1) {
                        Some(b'\n') => Ok(i + 2),
                        Some(_) => Ok(i + 1),
                        // A final `\r` may be the start of `\r\n`.
                        None => Err(i),
                    };
                }
                _ => i += 1,
            }
        }
        return Err(text.len());
    }
    let nl = readnl.as_bytes();
    if let Some(i) = text.windows(nl.len()).position(|w| w == nl) {
        return Ok(i + nl.len());
    }
    // Keep back what could be the start of a split ending.
    let keep = (1..nl.len())
        .rev()
        .find(|&k| text.len() >= k && text.ends_with(&nl[..k]))
        .unwrap_or(0);
    Err(text.len() - keep)
}

/// The index of the first `c` in `text`, through the standard library's optimised search
/// (`BufRead::read_until` over a slice), which matters in unoptimised builds.
fn memchr(c: u8, text: &[u8]) -> Option<usize> {
    use std::io::BufRead;
    let mut rest = text;
    let mut sink = Vec::new();
    let n = rest.read_until(c, &mut sink).ok()?;
    (sink.last() == Some(&c)).then(|| n - 1)
}

/// Reads one line of at most `limit` characters (no limit when negative).
/// A whole line already decoded, as a str, consumed (the common case of `readline()`).
fn readline_fast(vm: &Vm, p: &TextIOObject) -> PyResult<Option<ObjRef>> {
    let mut st = p.st();
    if !st.pending.is_empty() {
        return Ok(None);
    }
    let used = st.used;
    let Some(dec) = st.decoded.as_ref() else {
        return Ok(None);
    };
    if dec.len() <= used {
        return Ok(None);
    }
    let nl = st.readnl.as_deref().unwrap_or("\n");
    let Ok(end) = find_line_end(st.readtranslate, st.readuniversal, nl, &dec[used..]) else {
        return Ok(None);
    };
    let line = new_text(vm, &dec[used..used + end])?;
    st.used = used + end;
    Ok(Some(line))
}

/// `readline(limit)` as a str.
pub(super) fn readline_obj(
    vm: &Vm,
    p: &TextIOObject,
    buffer: &ObjRef,
    limit: i64,
) -> PyResult<ObjRef> {
    if limit < 0 {
        if let Some(line) = readline_fast(vm, p)? {
            return Ok(line);
        }
    }
    let line = readline(vm, p, buffer, limit)?;
    new_text(vm, &line)
}

pub(super) fn readline(
    vm: &Vm,
    p: &TextIOObject,
    buffer: &ObjRef,
    limit: i64,
) -> PyResult<Vec<u8>> {
    super::write::write_pending(vm, p, buffer)?;
    let (translated, universal, readnl) = {
        let st = p.st();
        (
            st.readtranslate,
            st.readuniversal,
            st.readnl.clone().unwrap_or_else(|| "\n".to_string()),
        )
    };
    let mut line: Vec<u8> = Vec::new();
    let mut chars_in_line = 0usize;
    // The unconsumed tail of an earlier chunk that may start a line ending.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let has_text = {
            let st = p.st();
            st.decoded.as_ref().is_some_and(|d| d.len() > st.used)
        };
        if !has_text && !read_chunk_until_text(vm, p, buffer)? {
            let mut st = p.st();
            clear_decoded(&mut st);
            st.snapshot = None;
            line.extend_from_slice(&carry);
            if limit >= 0 {
                let cut = advance_chars(&line, 0, limit as usize);
                line.truncate(cut);
            }
            return Ok(line);
        }
        let mut st = p.st();
        let used = st.used;
        let dec = st.decoded.as_deref().unwrap_or(&[]);
        let (text, offset): (std::borrow::Cow<'_, [u8]>, usize) = if carry.is_empty() {
            (std::borrow::Cow::Borrowed(&dec[used..]), used)
        } else {
            let mut t = std::mem::take(&mut carry);
            let n = t.len();
            t.extend_from_slice(&dec[used..]);
            // Positions in `t` past `n` are positions in `dec` from `used`, shifted by `n`.
            (std::borrow::Cow::Owned(t), used.wrapping_sub(n))
        };
        let found = find_line_end(translated, universal, &readnl, &text);
        let (end, done) = match found {
            Ok(e) => (e, true),
            Err(e) => (e, false),
        };
        let piece_chars = if limit >= 0 {
            char_count(&text[..end])
        } else {
            0
        };
        if limit >= 0 && chars_in_line + piece_chars >= limit as usize {
            let take = advance_chars(&text, 0, limit as usize - chars_in_line);
            line.extend_from_slice(&text[..take]);
            st.used = offset.wrapping_add(take);
            return Ok(line);
        }
        line.extend_from_slice(&text[..end]);
        chars_in_line += piece_chars;
        if done {
            st.used = offset.wrapping_add(end);
            return Ok(line);
        }
        carry = text[end..].to_vec();
        clear_decoded(&mut st);
    }
}

/// Reads chunks until one gives text; false at end of file.
fn read_chunk_until_text(vm: &Vm, p: &TextIOObject, buffer: &ObjRef) -> PyResult<bool> {
    loop {
        if !read_chunk(vm, p, buffer, 0)? {
            return Ok(false);
        }
        let st = p.st();
        if st.decoded.as_ref().is_some_and(|d| d.len() > st.used) {
            return Ok(true);
        }
    }
}

pub(super) fn m_readline(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    let limit = super::super::iobase::size_arg(vm, size.as_ref())?;
    let (p, buffer) = open_checked(vm, this)?;
    readline_obj(vm, p, &buffer, limit)
}

/// The `__next__` slot: the next line, `None` at the end; `tell()` is off meanwhile.
pub(super) fn textio_next(vm: &Vm, this: &ObjRef) -> PyResult<Option<ObjRef>> {
    let (p, buffer) = attached(vm, this)?;
    p.st().telling = false;
    let line = if std::ptr::eq(this.ob_type(), &super::TEXTIO_TYPE) {
        if super::is_closed(vm, this, &buffer)? {
            return Err(super::super::iobase::closed_error(vm));
        }
        readline_obj(vm, p, &buffer, -1)?
    } else {
        let l = call_method(vm, this, "readline", &[])?;
        if !pystr::is_str(&l) {
            return Err(vm.type_error(&format!(
                "readline() should have returned a str object, not '{}'",
                l.ob_type().name()
            )));
        }
        l
    };
    if pystr::char_len(&line) == 0 {
        let mut st = p.st();
        st.snapshot = None;
        st.telling = st.seekable;
        return Ok(None);
    }
    Ok(Some(line))
}

pub(super) fn m_next(
    vm: &Vm,
    this: &ObjRef,
    _a: &[ObjRef],
    _k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    textio_next(vm, this)?.ok_or_else(|| vm.stop_iteration())
}
