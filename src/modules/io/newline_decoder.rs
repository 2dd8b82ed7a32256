//! `_io.IncrementalNewlineDecoder`: wraps an incremental decoder (or passes str through when
//! it is None), records which newlines it saw and, with `translate`, turns `\r\n` and `\r`
//! into `\n`. A `\r` at the end of a chunk waits for the next one, which may start with `\n`.

use super::stringio::newlines_value;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{bytes, int, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of an `IncrementalNewlineDecoder`.
pub struct NewlineDecoderObject {
    decoder: ObjCell,
    errors: ObjCell,
    translate: Cell<bool>,
    pendingcr: Cell<bool>,
    seennl: Cell<u8>,
    ready: Cell<bool>,
}

impl PyPayload for NewlineDecoderObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [self.decoder.replace(None), self.errors.replace(None)]
            .into_iter()
            .flatten()
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`decoder`, `errors`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for NewlineDecoderObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.decoder.traverse(visit);
        self.errors.traverse(visit);
    }
}

static VTABLE: PayloadVTable = PayloadVTable::of::<NewlineDecoderObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a NewlineDecoderObject> {
    let p = obj.downcast::<NewlineDecoderObject>().ok_or_else(|| {
        vm.type_error("descriptor requires a '_io.IncrementalNewlineDecoder' object")
    })?;
    if !p.ready.get() {
        return Err(vm.value_error("IncrementalNewlineDecoder.__init__() not called"));
    }
    Ok(p)
}

/// The wrapped decoder, `None` when there is none.
fn inner(p: &NewlineDecoderObject) -> Option<ObjRef> {
    p.decoder.get().filter(|d| !none::is_none(d))
}

fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let sig = Sig::Kw {
        names: &["decoder", "translate", "errors"],
        required: 2,
        posonly: 0,
    };
    let [decoder, translate, errors] = parse::<3>(vm, "IncrementalNewlineDecoder", sig, args, kw)?;
    let p = obj
        .downcast::<NewlineDecoderObject>()
        .ok_or_else(|| vm.type_error("expected an IncrementalNewlineDecoder"))?;
    let translate = ops::truthy(vm, &translate.unwrap_or_else(none::none))?;
    let errors = match errors {
        Some(e) => e,
        None => pystr::new_str_vm(vm, "strict")?,
    };
    let old = (p.decoder.replace(decoder), p.errors.replace(Some(errors)));
    drop(old);
    p.translate.set(translate);
    p.pendingcr.set(false);
    p.seennl.set(0);
    p.ready.set(true);
    Ok(())
}

fn nd_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        NewlineDecoderObject {
            decoder: ObjCell::new(None),
            errors: ObjCell::new(None),
            translate: Cell::new(false),
            pendingcr: Cell::new(false),
            seennl: Cell::new(0),
            ready: Cell::new(false),
        },
    )
    .or_mem(vm)?;
    // A subclass's own __init__ (which the class call runs next) initialises it.
    if !args.is_empty() || kw.is_some() || !ty.is_heap_type() {
        init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init(vm, this, args, kw)?;
    Ok(none::none())
}

/// `decode(input, final=False)` on an initialised decoder (also what `TextIOWrapper` calls):
/// the generalized UTF-8 text, so lone surrogates pass through.
pub fn decode_wtf8(vm: &Vm, this: &ObjRef, input: &ObjRef, final_: bool) -> PyResult<Vec<u8>> {
    let p = payload(vm, this)?;
    let output = match inner(p) {
        Some(d) => {
            let f = ops::getattr(vm, &d, "decode")?;
            let fin = crate::objects::boolobj::new_bool(final_);
            let kwn = tuple::new_tuple(vm, vec![pystr::new_str_vm(vm, "final")?])?;
            ops::call(vm, &f, &[input.clone(), fin], Some(&kwn))?
        }
        None => input.clone(),
    };
    let Some(text) = pystr::as_text(&output) else {
        return Err(vm.type_error(&format!(
            "decoder should return a string result, not '{}'",
            output.ob_type().name()
        )));
    };
    let mut text = text.as_bytes().to_vec();
    if p.pendingcr.get() && (final_ || !text.is_empty()) {
        text.insert(0, b'\r');
        p.pendingcr.set(false);
    }
    if !final_ && text.last() == Some(&b'\r') {
        text.pop();
        p.pendingcr.set(true);
    }
    let (seen, translated) = scan_newline_bytes(text, p.translate.get());
    p.seennl.set(p.seennl.get() | seen);
    Ok(translated)
}

/// The newline kinds in `text` (generalized UTF-8), and `text` with `\r\n` and `\r` made
/// `\n` when `translate`.
pub fn scan_newline_bytes(text: Vec<u8>, translate: bool) -> (u8, Vec<u8>) {
    use super::stringio::{SEEN_CR, SEEN_CRLF, SEEN_LF};
    let mut seen = 0;
    if !text.contains(&b'\r') {
        // Only `\n`, if anything: nothing to translate.
        return (if text.contains(&b'\n') { SEEN_LF } else { 0 }, text);
    }
    let Some(first) = text.iter().position(|&c| c == b'\r' || c == b'\n') else {
        return (0, text);
    };
    if !translate {
        let mut i = first;
        while i < text.len() {
            match text[i] {
                b'\r' if text.get(i + 1) == Some(&b'\n') => {
                    seen |= SEEN_CRLF;
                    i += 1;
                }
                b'\r' => seen |= SEEN_CR,
                b'\n' => seen |= SEEN_LF,
                _ => {}
            }
            i += 1;
        }
        return (seen, text);
    }
    let mut out = Vec::with_capacity(text.len());
    out.extend_from_slice(&text[..first]);
    let mut i = first;
    while i < text.len() {
        match text[i] {
            b'\r' if text.get(i + 1) == Some(&b'\n') => {
                seen |= SEEN_CRLF;
                out.push(b'\n');
                i += 1;
            }
            b'\r' => {
                seen |= SEEN_CR;
                out.push(b'\n');
            }
            b'\n' => {
                seen |= SEEN_LF;
                out.push(b'\n');
            }
            c => out.push(c),
        }
        i += 1;
    }
    (seen, out)
}

fn m_decode(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["input", "final"],
        required: 1,
        posonly: 0,
    };
    let [input, fin] = parse::<2>(vm, "decode", sig, args, kw)?;
    let fin = match &fin {
        Some(f) => ops::truthy(vm, f)?,
        None => false,
    };
    let text = decode_wtf8(vm, this, &input.unwrap_or_else(none::none), fin)?;
    pystr::new_str_wtf8_vm(vm, crate::objects::wtf8::Wtf8::from_bytes_trusted(&text))
}

fn m_getstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getstate", Sig::NoArgs, args, kw)?;
    let p = payload(vm, this)?;
    let (buf, flag) = match inner(p) {
        Some(d) => {
            let st = super::iobase::call_method(vm, &d, "getstate", &[])?;
            match tuple::items(&st) {
                Some([b, f]) => (b.clone(), crate::vm::argparse::index_arg(vm, f)?),
                _ => return Err(vm.type_error("illegal decoder state")),
            }
        }
        None => (bytes::new_bytes(vm, b"")?, 0),
    };
    let flag = (flag << 1) | p.pendingcr.get() as i64;
    tuple::new_tuple(vm, vec![buf, int::new_int(vm, flag)?])
}

fn m_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [state] = parse::<1>(vm, "setstate", Sig::One, args, kw)?;
    let state = state.unwrap_or_else(none::none);
    let p = payload(vm, this)?;
    let Some([buf, flag]) = tuple::items(&state) else {
        return Err(vm.type_error("state argument must be a tuple"));
    };
    let flag = crate::vm::argparse::index_arg(vm, flag)?;
    p.pendingcr.set(flag & 1 != 0);
    if let Some(d) = inner(p) {
        let st = tuple::new_tuple(vm, vec![buf.clone(), int::new_int(vm, flag >> 1)?])?;
        super::iobase::call_method(vm, &d, "setstate", &[st])?;
    }
    Ok(none::none())
}

fn m_reset(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "reset", Sig::NoArgs, args, kw)?;
    let p = payload(vm, this)?;
    p.seennl.set(0);
    p.pendingcr.set(false);
    if let Some(d) = inner(p) {
        super::iobase::call_method(vm, &d, "reset", &[])?;
    }
    Ok(none::none())
}

fn get_newlines(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let seen = payload(vm, obj)?.seennl.get();
    newlines_value(vm, seen).map(Some)
}

static GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "newlines",
    get: get_newlines,
    set: None,
}];

static METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "__init__",
        func: m_init,
        flags: 0,
    },
    MethodDef {
        name: "decode",
        func: m_decode,
        flags: 0,
    },
    MethodDef {
        name: "getstate",
        func: m_getstate,
        flags: 0,
    },
    MethodDef {
        name: "setstate",
        func: m_setstate,
        flags: 0,
    },
    MethodDef {
        name: "reset",
        func: m_reset,
        flags: 0,
    },
];

/// `_io.IncrementalNewlineDecoder`.
pub static NEWLINE_DECODER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.IncrementalNewlineDecoder",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &VTABLE,
    slots: Slots {
        new: Some(nd_new),
        ..Slots::EMPTY
    },
    methods: &METHODS,
    doc: "Codec used when reading a file in universal newlines mode.",
};
