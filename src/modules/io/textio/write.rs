//! Writing a `TextIOWrapper` (`write`, `flush`, `truncate`), closing it, and `reconfigure`.

use super::codec::{self, clear_decoded};
use super::{attached, call_method, not_supported, open_checked, validate_newline, TextIOObject};
use crate::object::ObjRef;
use crate::objects::{bytes, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// Hands the pending encoded bytes to the buffer.
pub(super) fn write_pending(vm: &Vm, p: &TextIOObject, buffer: &ObjRef) -> PyResult<()> {
    let data = std::mem::take(&mut p.st().pending);
    if data.is_empty() {
        return Ok(());
    }
    let b = bytes::new_bytes(vm, &data)?;
    call_method(vm, buffer, "write", &[b])?;
    Ok(())
}

/// The encoded bytes of `text`.
fn encode(vm: &Vm, p: &TextIOObject, text: &ObjRef) -> PyResult<Vec<u8>> {
    if p.st().utf8_fast {
        if let Some(s) = pystr::as_str(text) {
            p.st().encoding_start_of_stream = false;
            return Ok(s.as_bytes().to_vec());
        }
    }
    let Some(encoder) = p.encoder() else {
        return Err(not_supported(vm, "not writable"));
    };
    let b = call_method(vm, &encoder, "encode", std::slice::from_ref(text))?;
    p.st().encoding_start_of_stream = false;
    match bytes::as_bytes(&b) {
        Some(d) => Ok(d.to_vec()),
        None => match crate::objects::bytearray::storage(&b) {
            Some(d) => Ok(d.to_vec()),
            None => Err(vm.type_error(&format!(
                "encoder should return a bytes object, not '{}'",
                b.ob_type().name()
            ))),
        },
    }
}

pub(super) fn m_write(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [text] = parse::<1>(vm, "write", Sig::One, args, kw)?;
    let text = text.unwrap_or_else(none::none);
    let Some(wtext) = pystr::as_text(&text) else {
        return Err(vm.type_error(&format!(
            "write() argument must be str, not {}",
            text.ob_type().name()
        )));
    };
    let (p, buffer) = open_checked(vm, this)?;
    if p.encoder().is_none() {
        return Err(not_supported(vm, "not writable"));
    }
    let nchars = pystr::char_len(&text);
    let (translate_to, line_buffering, write_through) = {
        let st = p.st();
        let nl = if st.writetranslate {
            st.writenl.clone()
        } else {
            None
        };
        (nl, st.line_buffering, st.write_through)
    };
    let raw = wtext.as_bytes();
    let haslf = raw.contains(&b'\n');
    let mut needflush = false;
    let mut to_encode = text.clone();
    if haslf {
        if let Some(nl) = &translate_to {
            let mut out = Vec::with_capacity(raw.len() + 16);
            for &c in raw {
                if c == b'\n' {
                    out.extend_from_slice(nl.as_bytes());
                } else {
                    out.push(c);
                }
            }
            to_encode = codec::new_text(vm, &out)?;
        }
    }
    if line_buffering && (haslf || raw.contains(&b'\r')) {
        needflush = true;
    }
    let encoded = encode(vm, p, &to_encode)?;
    // Pending bytes never grow past the chunk size by joining: what is there goes first.
    let too_much = {
        let st = p.st();
        st.pending.len() + encoded.len() > st.chunk_size
    };
    if too_much {
        write_pending(vm, p, &buffer)?;
    }
    let flush_now = {
        let mut st = p.st();
        st.pending.extend_from_slice(&encoded);
        st.pending.len() >= st.chunk_size || needflush || write_through
    };
    if flush_now {
        write_pending(vm, p, &buffer)?;
    }
    {
        let mut st = p.st();
        clear_decoded(&mut st);
        st.snapshot = None;
    }
    if let Some(d) = p.decoder() {
        call_method(vm, &d, "reset", &[])?;
    }
    if needflush {
        call_method(vm, &buffer, "flush", &[])?;
    }
    int::new_int(vm, nchars as i64)
}

pub(super) fn m_flush(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "flush", Sig::NoArgs, args, kw)?;
    let (p, buffer) = open_checked(vm, this)?;
    {
        let mut st = p.st();
        st.telling = st.seekable;
    }
    write_pending(vm, p, &buffer)?;
    call_method(vm, &buffer, "flush", &[])
}

pub(super) fn m_truncate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [pos] = parse::<1>(vm, "truncate", Sig::Clinic(0, 1), args, kw)?;
    let (_, buffer) = attached(vm, this)?;
    call_method(vm, this, "flush", &[])?;
    call_method(vm, &buffer, "truncate", &[pos.unwrap_or_else(none::none)])
}

/// `close()`: flushes and closes the buffer; a failure of the close is chained to one of the
/// flush, as in CPython.
pub(super) fn m_close(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    let (p, buffer) = attached(vm, this)?;
    if super::is_closed(vm, this, &buffer)? {
        return Ok(none::none());
    }
    if p.st().finalizing {
        if let Ok(f) = ops::getattr(vm, &buffer, "_dealloc_warn") {
            let _ = ops::call(vm, &f, std::slice::from_ref(this), None);
        }
    }
    let flushed = call_method(vm, this, "flush", &[]);
    let closed = call_method(vm, &buffer, "close", &[]);
    match (flushed, closed) {
        (Ok(_), r) => r,
        (Err(fe), Ok(_)) => Err(fe),
        (Err(fe), Err(ce)) => {
            let name = pystr::new_str_vm(vm, "__context__")?;
            ops::setattr(vm, &ce.exc, &name, Some(fe.exc.clone()))?;
            Err(ce)
        }
    }
}

/// An optional flag of `reconfigure`, keeping `current` for None.
fn opt_flag(vm: &Vm, v: &Option<ObjRef>, current: bool) -> PyResult<bool> {
    match v {
        None => Ok(current),
        Some(v) if none::is_none(v) => Ok(current),
        Some(v) => ops::truthy(vm, v),
    }
}

/// `reconfigure(*, encoding=None, errors=None, newline=..., line_buffering=None,
/// write_through=None)`.
pub(super) fn m_reconfigure(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if !pos.is_empty() {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let sig = Sig::Kw {
        names: &[
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        required: 0,
        posonly: 0,
    };
    let [encoding, errors, newline, line_buffering, write_through] =
        parse::<5>(vm, "reconfigure", sig, args, kw)?;
    let (p, buffer) = attached(vm, this)?;
    let given = |v: &Option<ObjRef>| v.as_ref().is_some_and(|v| !none::is_none(v));
    for (v, name) in [(&encoding, "encoding"), (&errors, "errors")] {
        if let Some(v) = v.as_ref().filter(|v| !none::is_none(v)) {
            if !pystr::is_str(v) {
                return Err(vm.type_error(&format!(
                    "reconfigure() argument '{name}' must be str or None, not {}",
                    v.ob_type().name()
                )));
            }
        }
    }
    let newline_changed = newline.is_some();
    if p.st().decoded.is_some() && (given(&encoding) || given(&errors) || newline_changed) {
        return Err(not_supported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    let new_newline = match &newline {
        Some(n) if none::is_none(n) => Some(None),
        Some(n) if pystr::is_str(n) => Some(Some(validate_newline(vm, n)?)),
        Some(n) => {
            return Err(vm.type_error(&format!(
                "reconfigure() argument 'newline' must be str or None, not {}",
                n.ob_type().name()
            )))
        }
        None => None,
    };
    let (lb, wt) = {
        let st = p.st();
        (st.line_buffering, st.write_through)
    };
    let line_buffering = opt_flag(vm, &line_buffering, lb)?;
    let write_through = opt_flag(vm, &write_through, wt)?;
    call_method(vm, this, "flush", &[])?;
    p.st().b2cratio = 0.0;
    if let Some(nl) = &new_newline {
        p.st().set_newline(nl.as_deref());
    }
    if given(&encoding) || given(&errors) || newline_changed {
        let (enc, errs) = match (&encoding, &errors) {
            (Some(e), err) if !none::is_none(e) => {
                let e = if pystr::as_str(e) == Some("locale") {
                    pystr::new_str_vm(vm, "UTF-8")?
                } else {
                    e.clone()
                };
                let err = match err {
                    Some(x) if !none::is_none(x) => x.clone(),
                    _ => pystr::new_str_vm(vm, "strict")?,
                };
                (e, err)
            }
            (_, err) => {
                let e = p.encoding.get().unwrap_or_else(none::none);
                let err = match err {
                    Some(x) if !none::is_none(x) => x.clone(),
                    _ => p.errors.get().unwrap_or_else(none::none),
                };
                (e, err)
            }
        };
        let info = codec::lookup_text_encoding(vm, &enc)?;
        drop(p.encoding.replace(Some(enc)));
        drop(p.errors.replace(Some(errs)));
        codec::set_decoder(vm, p, &buffer, &info)?;
        codec::set_encoder(vm, p, &buffer, &info)?;
        codec::fix_encoder_state(vm, p, &buffer)?;
    }
    let mut st = p.st();
    st.line_buffering = line_buffering;
    st.write_through = write_through;
    Ok(none::none())
}
