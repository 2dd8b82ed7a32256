//! `tell()` and `seek()` of a `TextIOWrapper`, with CPython's opaque cookies.
//!
//! A cookie is an unsigned integer packing, little-endian, the byte position to seek the
//! buffer to (64 bits), the decoder flags to restore there (32), how many bytes to feed the
//! decoder after it (32), how many characters of their decoding to skip (32) and whether the
//! decoder must be told the input ended (8). `tell()` looks for the nearest point before the
//! current position where the decoder holds no buffered bytes, so that `seek()` can restart
//! the decoder from there.

use super::codec::{self, char_count, clear_decoded, decode, decode_count, getstate};
use super::{call_method, not_supported, open_checked, TextIOObject};
use crate::object::ObjRef;
use crate::objects::{bytes, exceptions, int};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;

/// The parts of a cookie.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cookie {
    pub start_pos: i64,
    pub dec_flags: i32,
    pub bytes_to_feed: i32,
    pub chars_to_skip: i32,
    pub need_eof: bool,
}

/// The number of bytes of a packed cookie.
const COOKIE_LEN: usize = 8 + 4 + 4 + 4 + 1;

impl Cookie {
    /// The packed little-endian bytes.
    pub fn pack(&self) -> [u8; COOKIE_LEN] {
        let mut out = [0u8; COOKIE_LEN];
        out[..8].copy_from_slice(&self.start_pos.to_le_bytes());
        out[8..12].copy_from_slice(&self.dec_flags.to_le_bytes());
        out[12..16].copy_from_slice(&self.bytes_to_feed.to_le_bytes());
        out[16..20].copy_from_slice(&self.chars_to_skip.to_le_bytes());
        out[20] = self.need_eof as u8;
        out
    }

    /// The parts of packed bytes.
    pub fn unpack(b: &[u8; COOKIE_LEN]) -> Cookie {
        let word =
            |r: std::ops::Range<usize>| i32::from_le_bytes(b[r].try_into().unwrap_or([0; 4]));
        Cookie {
            start_pos: i64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8])),
            dec_flags: word(8..12),
            bytes_to_feed: word(12..16),
            chars_to_skip: word(16..20),
            need_eof: b[20] != 0,
        }
    }

    /// The cookie as an int.
    pub fn to_bigint(self) -> BigInt {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &self.pack())
    }

    /// The cookie an int stands for; `None` when it does not fit.
    pub fn from_bigint(v: &BigInt) -> Option<Cookie> {
        if v.sign() == num_bigint::Sign::Minus {
            return None;
        }
        let (_, le) = v.to_bytes_le();
        if le.len() > COOKIE_LEN {
            return None;
        }
        let mut b = [0u8; COOKIE_LEN];
        b[..le.len()].copy_from_slice(&le);
        Some(Cookie::unpack(&b))
    }
}

fn build(vm: &Vm, c: Cookie) -> PyResult<ObjRef> {
    int::new_bigint(vm, &c.to_bigint())
}

pub(super) fn m_tell(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    let (p, buffer) = open_checked(vm, this)?;
    let (seekable, telling) = {
        let st = p.st();
        (st.seekable, st.telling)
    };
    if !seekable {
        return Err(not_supported(vm, "underlying stream is not seekable"));
    }
    if !telling {
        return Err(vm.new_error(
            &exceptions::OS_ERROR,
            "telling position disabled by next() call",
        ));
    }
    super::write::write_pending(vm, p, &buffer)?;
    call_method(vm, this, "flush", &[])?;
    let pos = call_method(vm, &buffer, "tell", &[])?;
    let decoder = p.decoder();
    let snapshot = p.st().snapshot.clone();
    let (Some(decoder), Some((flags, next_input))) = (decoder, snapshot) else {
        return Ok(pos);
    };
    let pos = crate::vm::argparse::index_arg(vm, &pos)?;
    let mut cookie = Cookie {
        start_pos: pos - next_input.len() as i64,
        dec_flags: flags as i32,
        ..Cookie::default()
    };
    let used_chars = {
        let st = p.st();
        st.decoded
            .as_ref()
            .map(|d| char_count(&d[..st.used.min(d.len())]))
            .unwrap_or(0)
    };
    if used_chars == 0 {
        return build(vm, cookie);
    }
    let saved = call_method(vm, &decoder, "getstate", &[])?;
    let found = reconstruct(vm, p, &decoder, &next_input, &mut cookie, used_chars);
    let restored = call_method(vm, &decoder, "setstate", &[saved]);
    found?;
    restored?;
    build(vm, cookie)
}

/// Finds the cookie for `chars_to_skip` characters past the snapshot point.
fn reconstruct(
    vm: &Vm,
    p: &TextIOObject,
    decoder: &ObjRef,
    next_input: &[u8],
    cookie: &mut Cookie,
    chars_to_skip: usize,
) -> PyResult<()> {
    let mut chars_to_skip = chars_to_skip as i64;
    let ratio = p.st().b2cratio;
    // A fast search for a start point near the position.
    let mut skip_bytes = (ratio * chars_to_skip as f64) as i64;
    let mut skip_back = 1i64;
    while skip_bytes > 0 {
        codec::setstate(vm, decoder, cookie.start_pos, cookie.dec_flags as i64)?;
        let n = skip_bytes.min(next_input.len() as i64) as usize;
        let decoded = decode_count(vm, decoder, &next_input[..n], false)? as i64;
        if decoded <= chars_to_skip {
            let (buf, flags) = getstate(vm, decoder)?;
            if buf.is_empty() {
                cookie.dec_flags = flags as i32;
                chars_to_skip -= decoded;
                break;
            }
            skip_bytes -= buf.len() as i64;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if skip_bytes <= 0 {
        skip_bytes = 0;
        codec::setstate(vm, decoder, cookie.start_pos, cookie.dec_flags as i64)?;
    }
    cookie.start_pos += skip_bytes;
    cookie.chars_to_skip = chars_to_skip as i32;
    if chars_to_skip == 0 {
        return Ok(());
    }
    // Then one byte at a time, noting the last point where the decoder held nothing back.
    let mut chars_decoded = 0i64;
    let mut i = skip_bytes as usize;
    let end = next_input.len();
    while i < end {
        chars_decoded += decode_count(vm, decoder, &next_input[i..i + 1], false)? as i64;
        cookie.bytes_to_feed += 1;
        let (buf, flags) = getstate(vm, decoder)?;
        if buf.is_empty() && chars_decoded <= chars_to_skip {
            cookie.start_pos += cookie.bytes_to_feed as i64;
            chars_to_skip -= chars_decoded;
            cookie.dec_flags = flags as i32;
            cookie.bytes_to_feed = 0;
            chars_decoded = 0;
        }
        if chars_decoded >= chars_to_skip {
            break;
        }
        i += 1;
    }
    if i >= end {
        // Not enough: the decoder must be told the input ended.
        chars_decoded += decode_count(vm, decoder, b"", true)? as i64;
        cookie.need_eof = true;
        if chars_decoded < chars_to_skip {
            return Err(vm.new_error(
                &exceptions::OS_ERROR,
                "can't reconstruct logical file position",
            ));
        }
    }
    cookie.chars_to_skip = chars_to_skip as i32;
    Ok(())
}

pub(super) fn m_seek(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [cookie_obj, whence] = parse::<2>(vm, "seek", Sig::Clinic(1, 2), args, kw)?;
    let mut cookie_obj = cookie_obj.unwrap_or_else(crate::objects::none::none);
    let whence = match &whence {
        Some(w) => crate::vm::argparse::index_arg(vm, w)?,
        None => 0,
    };
    let (p, buffer) = open_checked(vm, this)?;
    if !p.st().seekable {
        return Err(not_supported(vm, "underlying stream is not seekable"));
    }
    let zero = int::new_int(vm, 0)?;
    match whence {
        1 => {
            if !ops::eq(vm, &cookie_obj, &zero)? {
                return Err(not_supported(vm, "can't do nonzero cur-relative seeks"));
            }
            cookie_obj = call_method(vm, this, "tell", &[])?;
        }
        2 => {
            if !ops::eq(vm, &cookie_obj, &zero)? {
                return Err(not_supported(vm, "can't do nonzero end-relative seeks"));
            }
            call_method(vm, this, "flush", &[])?;
            {
                let mut st = p.st();
                clear_decoded(&mut st);
                st.snapshot = None;
            }
            if let Some(d) = p.decoder() {
                call_method(vm, &d, "reset", &[])?;
            }
            let two = int::new_int(vm, 2)?;
            let res = call_method(vm, &buffer, "seek", &[zero.clone(), two])?;
            if p.encoder().is_some() {
                let at_start = ops::eq(vm, &res, &zero)?;
                codec::reset_encoder(vm, p, at_start)?;
            }
            return Ok(res);
        }
        0 => {}
        w => return Err(vm.value_error(&format!("invalid whence ({w}, should be 0, 1 or 2)"))),
    }
    let lt = ops::richcompare(
        vm,
        &cookie_obj,
        &zero,
        crate::object::operators::CompareOp::Lt,
    )?;
    let negative = ops::truthy(vm, &lt)?;
    if negative {
        let r = ops::repr_string(vm, &cookie_obj)?;
        return Err(vm.value_error(&format!("negative seek position {r}")));
    }
    call_method(vm, this, "flush", &[])?;
    let as_int = crate::objects::int::to_int(vm, &cookie_obj)?;
    let value = int::as_bigint(&as_int).unwrap_or_default();
    let Some(cookie) = Cookie::from_bigint(&value) else {
        return Err(vm.overflow_error("int too big to convert"));
    };
    let start = int::new_int(vm, cookie.start_pos)?;
    call_method(vm, &buffer, "seek", &[start])?;
    {
        let mut st = p.st();
        clear_decoded(&mut st);
        st.snapshot = None;
    }
    if let Some(decoder) = p.decoder() {
        codec::setstate(vm, &decoder, cookie.start_pos, cookie.dec_flags as i64)?;
        p.st().snapshot = Some((cookie.dec_flags as i64, Vec::new()));
    }
    if cookie.chars_to_skip > 0 {
        let Some(decoder) = p.decoder() else {
            return Err(not_supported(vm, "not readable"));
        };
        let n = int::new_int(vm, cookie.bytes_to_feed as i64)?;
        let input = call_method(vm, &buffer, "read", &[n])?;
        let Some(data) = super::read::bytes_like(&input) else {
            return Err(vm.type_error(&format!(
                "underlying read() should have returned a bytes object, not '{}'",
                input.ob_type().name()
            )));
        };
        let feed = bytes::new_bytes(vm, &data)?;
        let decoded = decode(vm, &decoder, &feed, cookie.need_eof)?;
        let skip = cookie.chars_to_skip as usize;
        if char_count(&decoded) < skip {
            return Err(vm.new_error(&exceptions::OS_ERROR, "can't restore logical file position"));
        }
        let mut st = p.st();
        st.used = codec::advance_chars(&decoded, 0, skip);
        st.decoded = Some(decoded);
        st.snapshot = Some((cookie.dec_flags as i64, data));
    }
    if p.encoder().is_some() {
        let at_start = cookie.start_pos == 0 && cookie.dec_flags == 0;
        codec::reset_encoder(vm, p, at_start)?;
    }
    Ok(cookie_obj)
}
