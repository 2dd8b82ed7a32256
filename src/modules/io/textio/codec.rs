//! The codec side of a `TextIOWrapper`: looking up a text encoding, making its incremental
//! decoder and encoder, and the decoder calls reading and `tell()` make.

use super::{State, TextIOObject};
use crate::object::ObjRef;
use crate::objects::wtf8::Wtf8;
use crate::objects::{boolobj, bytes, exceptions, int, none, str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};

/// `codecs.lookup(encoding)`, refusing codecs that are not text encodings as CPython's
/// `_PyCodec_LookupTextEncoding` does.
pub(super) fn lookup_text_encoding(vm: &Vm, encoding: &ObjRef) -> PyResult<ObjRef> {
    let m = crate::vm::import::import_dotted(vm, "_codecs")?;
    let lookup = ops::getattr(vm, &m, "lookup")?;
    let info = ops::call(vm, &lookup, std::slice::from_ref(encoding), None)?;
    match ops::getattr(vm, &info, "_is_text_encoding") {
        Ok(flag) if !ops::truthy(vm, &flag)? => {
            let name = pystr::as_text(encoding)
                .map(|t| t.to_lossy())
                .unwrap_or_default();
            Err(vm.new_error(
                &exceptions::LOOKUP_ERROR,
                &format!(
                    "'{name}' is not a text encoding; use codecs.open() to handle arbitrary codecs"
                ),
            ))
        }
        Ok(_) => Ok(info),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(info),
        Err(e) => Err(e),
    }
}

fn errors_of(p: &TextIOObject) -> ObjRef {
    p.errors.get().unwrap_or_else(none::none)
}

/// Makes the decoder when the buffer is readable: the codec's incremental decoder, inside an
/// `IncrementalNewlineDecoder` for universal newlines.
pub(super) fn set_decoder(
    vm: &Vm,
    p: &TextIOObject,
    buffer: &ObjRef,
    info: &ObjRef,
) -> PyResult<()> {
    let readable = super::call_method(vm, buffer, "readable", &[])?;
    if !ops::truthy(vm, &readable)? {
        drop(p.decoder.replace(None));
        return Ok(());
    }
    let make = ops::getattr(vm, info, "incrementaldecoder")?;
    let mut decoder = ops::call(vm, &make, &[errors_of(p)], None)?;
    let (universal, translate) = {
        let st = p.st();
        (st.readuniversal, st.readtranslate)
    };
    if universal {
        let nd =
            crate::object::ObjRef::from_type(&super::super::newline_decoder::NEWLINE_DECODER_TYPE);
        decoder = ops::call(vm, &nd, &[decoder, boolobj::new_bool(translate)], None)?;
    }
    drop(p.decoder.replace(Some(decoder)));
    Ok(())
}

/// Makes the encoder when the buffer is writable, and notes whether UTF-8 text can be
/// written as it is stored.
pub(super) fn set_encoder(
    vm: &Vm,
    p: &TextIOObject,
    buffer: &ObjRef,
    info: &ObjRef,
) -> PyResult<()> {
    let writable = super::call_method(vm, buffer, "writable", &[])?;
    if !ops::truthy(vm, &writable)? {
        drop(p.encoder.replace(None));
        p.st().utf8_fast = false;
        return Ok(());
    }
    let make = ops::getattr(vm, info, "incrementalencoder")?;
    let encoder = ops::call(vm, &make, &[errors_of(p)], None)?;
    drop(p.encoder.replace(Some(encoder)));
    let name = ops::getattr(vm, info, "name")?;
    let fast = pystr::as_str(&name) == Some("utf-8")
        && pystr::as_str(&errors_of(p)).is_some_and(|e| e == "strict");
    p.st().utf8_fast = fast;
    Ok(())
}

/// A stream that does not start at position 0 gets no BOM: the encoder is told it is past
/// the start.
pub(super) fn fix_encoder_state(vm: &Vm, p: &TextIOObject, buffer: &ObjRef) -> PyResult<()> {
    let seekable = p.st().seekable;
    let Some(encoder) = p.encoder() else {
        return Ok(());
    };
    if !seekable {
        return Ok(());
    }
    p.st().encoding_start_of_stream = true;
    let pos = super::call_method(vm, buffer, "tell", &[])?;
    let zero = int::new_int(vm, 0)?;
    if !ops::eq(vm, &pos, &zero)? {
        p.st().encoding_start_of_stream = false;
        super::call_method(vm, &encoder, "setstate", &[zero])?;
    }
    Ok(())
}

/// Resets the encoder for a seek: as at the start of the stream, or past it.
pub(super) fn reset_encoder(vm: &Vm, p: &TextIOObject, start_of_stream: bool) -> PyResult<()> {
    let Some(encoder) = p.encoder() else {
        return Ok(());
    };
    if start_of_stream {
        super::call_method(vm, &encoder, "reset", &[])?;
    } else {
        super::call_method(vm, &encoder, "setstate", &[int::new_int(vm, 0)?])?;
    }
    p.st().encoding_start_of_stream = start_of_stream;
    Ok(())
}

/// `decoder.decode(input, final)`, checked to be a str; its generalized UTF-8 text.
pub(super) fn decode(vm: &Vm, decoder: &ObjRef, input: &ObjRef, final_: bool) -> PyResult<Vec<u8>> {
    if std::ptr::eq(
        decoder.ob_type(),
        &super::super::newline_decoder::NEWLINE_DECODER_TYPE,
    ) {
        return super::super::newline_decoder::decode_wtf8(vm, decoder, input, final_);
    }
    let f = ops::getattr(vm, decoder, "decode")?;
    let out = ops::call(vm, &f, &[input.clone(), boolobj::new_bool(final_)], None)?;
    match pystr::as_text(&out) {
        Some(t) => Ok(t.as_bytes().to_vec()),
        None => Err(vm.type_error(&format!(
            "decoder should return a string result, not '{}'",
            out.ob_type().name()
        ))),
    }
}

/// `decoder.decode(data, final)` of raw bytes; the number of characters it gave.
pub(super) fn decode_count(
    vm: &Vm,
    decoder: &ObjRef,
    data: &[u8],
    final_: bool,
) -> PyResult<usize> {
    let b = bytes::new_bytes(vm, data)?;
    Ok(char_count(&decode(vm, decoder, &b, final_)?))
}

/// `decoder.getstate()` as `(buffered bytes, flags)`, with CPython's errors for a bad state.
pub(super) fn getstate(vm: &Vm, decoder: &ObjRef) -> PyResult<(Vec<u8>, i64)> {
    let st = super::call_method(vm, decoder, "getstate", &[])?;
    let Some(items) = tuple::items(&st) else {
        return Err(vm.type_error("illegal decoder state"));
    };
    let [buf, flags] = items else {
        return Err(vm.type_error("illegal decoder state"));
    };
    let Some(b) = bytes::as_bytes(buf) else {
        return Err(vm.type_error(&format!(
            "illegal decoder state: the first item should be a bytes object, not '{}'",
            buf.ob_type().name()
        )));
    };
    let flags = crate::vm::argparse::index_arg(vm, flags)?;
    Ok((b.to_vec(), flags))
}

/// Puts the decoder at a cookie's start: `reset()` at the very start of the stream (some
/// decoders' initial state is not `(b"", 0)`), else `setstate((b"", flags))`.
pub(super) fn setstate(vm: &Vm, decoder: &ObjRef, start_pos: i64, flags: i64) -> PyResult<()> {
    if start_pos == 0 && flags == 0 {
        super::call_method(vm, decoder, "reset", &[])?;
    } else {
        let st = tuple::new_tuple(
            vm,
            vec![bytes::new_bytes(vm, b"")?, int::new_int(vm, flags)?],
        )?;
        super::call_method(vm, decoder, "setstate", &[st])?;
    }
    Ok(())
}

/// Code points in generalized UTF-8 bytes.
pub(super) fn char_count(b: &[u8]) -> usize {
    match std::str::from_utf8(b) {
        Ok(s) => s.chars().count(),
        Err(_) => b.iter().filter(|&&c| c & 0xc0 != 0x80).count(),
    }
}

/// The byte offset after `n` code points from `from` (or the end).
pub(super) fn advance_chars(b: &[u8], from: usize, n: usize) -> usize {
    let mut seen = 0;
    for (i, &c) in b[from..].iter().enumerate() {
        if c & 0xc0 != 0x80 {
            if seen == n {
                return from + i;
            }
            seen += 1;
        }
    }
    b.len()
}

/// A str of generalized UTF-8 bytes taken from the wrapper's own decoded text.
pub(super) fn new_text(vm: &Vm, b: &[u8]) -> PyResult<ObjRef> {
    pystr::new_str_wtf8_vm(vm, Wtf8::from_bytes_trusted(b))
}

/// Drops the decoded text (`set_decoded_chars(NULL)`).
pub(super) fn clear_decoded(st: &mut State) {
    st.decoded = None;
    st.used = 0;
}
