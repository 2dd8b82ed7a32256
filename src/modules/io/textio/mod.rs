//! `_io.TextIOWrapper`: text over a buffered binary stream, with CPython 3.11's behaviour.
//!
//! Reading decodes the buffer in chunks of `_CHUNK_SIZE` bytes through the codec's
//! incremental decoder (wrapped in an `IncrementalNewlineDecoder` for universal newlines);
//! the decoded text waits in `State::decoded` (generalized UTF-8, so lone surrogates from
//! `surrogateescape` survive). Writing encodes through the codec's incremental encoder into
//! pending bytes that reach the buffer when they pass the chunk size, at a flush, or at once
//! with `write_through` / `line_buffering`. `tell()` and `seek()` use CPython's opaque cookies
//! (`cookie.rs`): a start position, a decoder state, bytes to feed and characters to skip.
//!
//! The parts: setup, attributes and the simple methods here; reading in `read.rs`, writing,
//! flushing, closing and `reconfigure` in `write.rs`, positions in `cookie.rs`, the codec
//! lookup in `codec.rs`.

mod codec;
mod cookie;
mod read;
mod write;

#[cfg(test)]
mod tests;

use super::iobase::{call_method, IO_SLOTS, TEXT_IOBASE_TYPE};
use super::unsupported;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::cell::{RefCell, RefMut};

/// The default `_CHUNK_SIZE`.
const CHUNK_SIZE: usize = 8192;

/// The state of a wrapper that holds no Python objects.
pub(crate) struct State {
    ok: bool,
    detached: bool,
    chunk_size: usize,
    /// Reading: any of `\n`, `\r`, `\r\n` ends a line (`newline` None or `""`).
    readuniversal: bool,
    /// Reading: the decoder makes every newline `\n` (`newline` None).
    readtranslate: bool,
    /// Reading: the line ending when not universal.
    readnl: Option<String>,
    /// Writing: `\n` becomes `writenl`.
    writetranslate: bool,
    writenl: Option<String>,
    line_buffering: bool,
    write_through: bool,
    seekable: bool,
    /// Whether `tell()` works (off during iteration, as in CPython).
    telling: bool,
    has_read1: bool,
    encoding_start_of_stream: bool,
    /// Encoding is UTF-8 with errors 'strict': text without surrogates is its own encoding.
    utf8_fast: bool,
    /// Decoded text not yet returned (None when nothing has been decoded since the last
    /// seek or write), and how many of its bytes were returned.
    decoded: Option<Vec<u8>>,
    used: usize,
    /// `(decoder flags, bytes fed since)` at the start of `decoded`, for `tell()`.
    snapshot: Option<(i64, Vec<u8>)>,
    b2cratio: f64,
    pending: Vec<u8>,
    finalizing: bool,
}

impl State {
    fn new() -> State {
        State {
            ok: false,
            detached: false,
            chunk_size: CHUNK_SIZE,
            readuniversal: false,
            readtranslate: false,
            readnl: None,
            writetranslate: false,
            writenl: None,
            line_buffering: false,
            write_through: false,
            seekable: false,
            telling: false,
            has_read1: false,
            encoding_start_of_stream: false,
            utf8_fast: false,
            decoded: None,
            used: 0,
            snapshot: None,
            b2cratio: 0.0,
            pending: Vec::new(),
            finalizing: false,
        }
    }

    /// Sets the newline handling for `newline` (already validated).
    fn set_newline(&mut self, newline: Option<&str>) {
        self.readuniversal = matches!(newline, None | Some(""));
        self.readtranslate = newline.is_none();
        self.readnl = newline.map(str::to_string);
        self.writetranslate = newline != Some("");
        self.writenl = match newline {
            Some("") | Some("\n") => None,
            Some(nl) => Some(nl.to_string()),
            // os.linesep on POSIX.
            None => None,
        };
    }
}

/// Payload of a `TextIOWrapper`.
pub struct TextIOObject {
    buffer: ObjCell,
    encoding: ObjCell,
    errors: ObjCell,
    decoder: ObjCell,
    encoder: ObjCell,
    dict: ObjCell,
    state: RefCell<State>,
}

impl PyPayload for TextIOObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [
            self.buffer.replace(None),
            self.encoding.replace(None),
            self.errors.replace(None),
            self.decoder.replace(None),
            self.encoder.replace(None),
            self.dict.replace(None),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`buffer`, `encoding`, `errors`,
// `decoder`, `encoder`, `dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for TextIOObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.buffer.traverse(visit);
        self.encoding.traverse(visit);
        self.errors.traverse(visit);
        self.decoder.traverse(visit);
        self.encoder.traverse(visit);
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(TextIOObject, textio_getattr, textio_setattr);

static VTABLE: PayloadVTable = PayloadVTable::of::<TextIOObject>();

impl TextIOObject {
    fn st(&self) -> RefMut<'_, State> {
        self.state.borrow_mut()
    }

    /// The decoder, if the buffer is readable.
    fn decoder(&self) -> Option<ObjRef> {
        self.decoder.get()
    }

    fn encoder(&self) -> Option<ObjRef> {
        self.encoder.get()
    }
}

/// The payload of any TextIOWrapper, initialised or not.
fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a TextIOObject> {
    obj.downcast::<TextIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.TextIOWrapper' object"))
}

/// The payload of an initialised wrapper (CPython's `CHECK_INITIALIZED`).
fn initialized<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a TextIOObject> {
    let p = payload(vm, obj)?;
    let st = p.state.borrow();
    if !st.ok {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if st.detached {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    drop(st);
    Ok(p)
}

/// The payload of an initialised wrapper with its buffer attached (`CHECK_ATTACHED`).
fn attached<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<(&'a TextIOObject, ObjRef)> {
    let p = payload(vm, obj)?;
    let st = p.state.borrow();
    if !st.ok {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if st.detached {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    drop(st);
    let buf = p
        .buffer
        .get()
        .ok_or_else(|| vm.value_error("underlying buffer has been detached"))?;
    Ok((p, buf))
}

/// Whether the wrapper is closed: its buffer's `closed` for the exact type, the (maybe
/// overridden) `closed` attribute for subclasses.
fn is_closed(vm: &Vm, obj: &ObjRef, buffer: &ObjRef) -> PyResult<bool> {
    let exact = std::ptr::eq(obj.ob_type(), &TEXTIO_TYPE);
    if exact {
        if let Some(c) = super::buffered::exact_closed(buffer) {
            return Ok(c);
        }
    }
    let c = if exact {
        ops::getattr(vm, buffer, "closed")?
    } else {
        ops::getattr(vm, obj, "closed")?
    };
    ops::truthy(vm, &c)
}

/// `CHECK_ATTACHED` and `CHECK_CLOSED`.
fn open_checked<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<(&'a TextIOObject, ObjRef)> {
    let (p, buf) = attached(vm, obj)?;
    if is_closed(vm, obj, &buf)? {
        return Err(super::iobase::closed_error(vm));
    }
    Ok((p, buf))
}

/// A str or None argument of the constructor, with Argument Clinic's message.
fn opt_str_arg(vm: &Vm, v: &Option<ObjRef>, name: &str) -> PyResult<Option<ObjRef>> {
    match v {
        None => Ok(None),
        Some(v) if none::is_none(v) => Ok(None),
        Some(v) if pystr::is_str(v) => Ok(Some(v.clone())),
        Some(v) => Err(vm.type_error(&format!(
            "TextIOWrapper() argument '{name}' must be str or None, not {}",
            v.ob_type().name()
        ))),
    }
}

/// Raises CPython's error for an invalid `newline`.
fn validate_newline(vm: &Vm, nl: &ObjRef) -> PyResult<String> {
    let text = pystr::as_text(nl).map(|t| t.to_lossy()).unwrap_or_default();
    if text.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    if !matches!(text.as_str(), "" | "\n" | "\r" | "\r\n") {
        return Err(vm.value_error(&format!("illegal newline value: {text}")));
    }
    Ok(text)
}

/// An int-like flag (`bool(accept={int})`).
fn int_flag(vm: &Vm, v: &Option<ObjRef>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => Ok(crate::vm::argparse::index_arg(vm, v)? != 0),
    }
}

fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let sig = Sig::Kw {
        names: &[
            "buffer",
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        required: 1,
        posonly: 0,
    };
    let [buffer, encoding, errors, newline, line_buffering, write_through] =
        parse::<6>(vm, "TextIOWrapper", sig, args, kw)?;
    let p = payload(vm, obj)?;
    {
        let mut st = p.st();
        st.ok = false;
        st.detached = false;
    }
    let buffer = buffer.unwrap_or_else(none::none);
    let encoding = opt_str_arg(vm, &encoding, "encoding")?;
    let errors = match &errors {
        None => None,
        Some(e) if none::is_none(e) => None,
        Some(e) if pystr::is_str(e) => Some(e.clone()),
        Some(e) => {
            return Err(vm.type_error(&format!(
                "TextIOWrapper() argument 'errors' must be str or None, not {}",
                e.ob_type().name()
            )))
        }
    };
    let newline = match opt_str_arg(vm, &newline, "newline")? {
        Some(n) => Some(validate_newline(vm, &n)?),
        None => None,
    };
    let line_buffering = int_flag(vm, &line_buffering)?;
    let write_through = int_flag(vm, &write_through)?;
    for v in [&encoding, &errors].into_iter().flatten() {
        let text = pystr::str_utf8(vm, v)?.unwrap_or("");
        if text.contains('\0') {
            return Err(vm.value_error("embedded null character"));
        }
    }
    let encoding = match encoding {
        Some(e) if pystr::as_str(&e) != Some("locale") => e,
        _ => pystr::new_str_vm(vm, "UTF-8")?,
    };
    let errors = match errors {
        Some(e) => e,
        None => pystr::new_str_vm(vm, "strict")?,
    };
    let info = codec::lookup_text_encoding(vm, &encoding)?;
    {
        let mut st = p.st();
        *st = State::new();
        st.set_newline(newline.as_deref());
        st.line_buffering = line_buffering;
        st.write_through = write_through;
    }
    drop(p.encoding.replace(Some(encoding)));
    drop(p.errors.replace(Some(errors)));
    drop(p.buffer.replace(Some(buffer.clone())));
    drop(p.decoder.replace(None));
    drop(p.encoder.replace(None));
    codec::set_decoder(vm, p, &buffer, &info)?;
    codec::set_encoder(vm, p, &buffer, &info)?;
    let seekable = ops::truthy(vm, &call_method(vm, &buffer, "seekable", &[])?)?;
    let has_read1 = match ops::getattr(vm, &buffer, "read1") {
        Ok(_) => true,
        Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => false,
        Err(e) => return Err(e),
    };
    {
        let mut st = p.st();
        st.seekable = seekable;
        st.telling = seekable;
        st.has_read1 = has_read1;
    }
    codec::fix_encoder_state(vm, p, &buffer)?;
    p.st().ok = true;
    Ok(())
}

fn textio_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        TextIOObject {
            buffer: ObjCell::new(None),
            encoding: ObjCell::new(None),
            errors: ObjCell::new(None),
            decoder: ObjCell::new(None),
            encoder: ObjCell::new(None),
            dict: ObjCell::new(None),
            state: RefCell::new(State::new()),
        },
    )
    .or_mem(vm)?;
    // `TextIOWrapper.__new__(cls)` leaves it uninitialised; a subclass's own __init__
    // (which the class call runs next) initialises it.
    if !args.is_empty() || kw.is_some() {
        init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

/// `TextIOWrapper(buffer, ...)` from Rust (what `open()` builds).
pub fn new_textio(
    vm: &Vm,
    buffer: ObjRef,
    encoding: Option<ObjRef>,
    errors: Option<ObjRef>,
    newline: Option<ObjRef>,
    line_buffering: bool,
) -> PyResult<ObjRef> {
    let args = [
        buffer,
        encoding.unwrap_or_else(none::none),
        errors.unwrap_or_else(none::none),
        newline.unwrap_or_else(none::none),
        boolobj::new_bool(line_buffering),
    ];
    textio_new(vm, &TEXTIO_TYPE, &args, None)
}

fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init(vm, this, args, kw)?;
    Ok(none::none())
}

/// Calls `buffer.name()` after `CHECK_ATTACHED`.
fn delegate(vm: &Vm, this: &ObjRef, name: &str) -> PyResult<ObjRef> {
    let (_, buf) = attached(vm, this)?;
    call_method(vm, &buf, name, &[])
}

/// Methods that check their (absent) arguments and then call the buffer's method of the
/// same name.
macro_rules! delegating {
    ($($func:ident => $name:literal),* $(,)?) => {$(
        fn $func(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
            parse::<0>(vm, $name, Sig::NoArgs, a, k)?;
            delegate(vm, this, $name)
        }
    )*};
}

delegating! {
    m_fileno => "fileno",
    m_seekable => "seekable",
    m_readable => "readable",
    m_writable => "writable",
    m_isatty => "isatty",
}

fn m_detach(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "detach", Sig::NoArgs, a, k)?;
    let (p, _) = attached(vm, this)?;
    call_method(vm, this, "flush", &[])?;
    let buf = p.buffer.replace(None).unwrap_or_else(none::none);
    p.st().detached = true;
    Ok(buf)
}

fn m_getstate(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.type_error(&format!("cannot pickle '{}' object", this.ob_type().name())))
}

fn get_buffer(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    attached(vm, obj).map(|(_, b)| Some(b))
}

fn get_from_buffer(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let (_, buf) = attached(vm, obj)?;
    ops::getattr(vm, &buf, name).map(Some)
}

fn get_encoding(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let p = initialized_any(vm, obj)?;
    Ok(Some(p.encoding.get().unwrap_or_else(none::none)))
}

fn get_errors(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let p = initialized_any(vm, obj)?;
    Ok(Some(p.errors.get().unwrap_or_else(none::none)))
}

/// `CHECK_INITIALIZED` only (a detached wrapper still reports its codec).
fn initialized_any<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a TextIOObject> {
    let p = payload(vm, obj)?;
    if !p.state.borrow().ok {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(p)
}

fn get_newlines(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let (p, _) = attached(vm, obj)?;
    let Some(d) = p.decoder() else {
        return Ok(Some(none::none()));
    };
    match ops::getattr(vm, &d, "newlines") {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => Ok(Some(none::none())),
        Err(e) => Err(e),
    }
}

fn get_line_buffering(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let p = initialized_any(vm, obj)?;
    let v = p.st().line_buffering;
    Ok(Some(boolobj::new_bool(v)))
}

fn get_write_through(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let p = initialized_any(vm, obj)?;
    let v = p.st().write_through;
    Ok(Some(boolobj::new_bool(v)))
}

fn get_chunk_size(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let p = initialized(vm, obj)?;
    let v = p.st().chunk_size;
    int::new_int(vm, v as i64).map(Some)
}

fn set_chunk_size(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = initialized(vm, obj)?;
    let Some(v) = value else {
        return Err(vm.new_error(
            &crate::objects::exceptions::ATTRIBUTE_ERROR,
            "cannot delete attribute",
        ));
    };
    let n = crate::vm::argparse::index_arg(vm, &v)?;
    if n <= 0 {
        return Err(vm.value_error("a strictly positive integer is required"));
    }
    p.st().chunk_size = n as usize;
    Ok(())
}

/// `repr()`: `<_io.TextIOWrapper name='x' mode='r' encoding='UTF-8'>`, leaving out a name
/// or mode that cannot be read.
fn textio_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let p = initialized_any(vm, obj)?;
    let mut out = format!("<{}", obj.ob_type().name());
    let guard = ops::ReprGuard::enter(vm, obj);
    let Some(_guard) = guard else {
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            &format!("reentrant call inside {}.__repr__", obj.ob_type().name()),
        ));
    };
    for attr in ["name", "mode"] {
        match ops::getattr(vm, obj, attr) {
            Ok(v) => out.push_str(&format!(" {attr}={}", ops::repr_string(vm, &v)?)),
            Err(e)
                if e.matches(&crate::objects::exceptions::VALUE_ERROR)
                    || e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    let enc = p.encoding.get().unwrap_or_else(none::none);
    out.push_str(&format!(" encoding={}>", ops::repr_string(vm, &enc)?));
    pystr::new_str_vm(vm, &out)
}

/// Closes an unclosed wrapper of the static type at deallocation (CPython's `tp_finalize`).
fn textio_finalize(vm: &Vm, obj: &ObjRef) {
    let Ok((p, buf)) = attached(vm, obj) else {
        return;
    };
    if let Ok(false) = is_closed(vm, obj, &buf) {
        p.st().finalizing = true;
        let _ = call_method(vm, obj, "close", &[]);
    }
}

/// `UnsupportedOperation` for a missing codec direction.
fn not_supported(vm: &Vm, what: &str) -> PyErr {
    unsupported(vm, what)
}

static GETSET: [GetSetDef; 9] = [
    GetSetDef {
        name: "buffer",
        get: get_buffer,
        set: None,
    },
    GetSetDef {
        name: "closed",
        get: get_from_buffer,
        set: None,
    },
    GetSetDef {
        name: "name",
        get: get_from_buffer,
        set: None,
    },
    GetSetDef {
        name: "encoding",
        get: get_encoding,
        set: None,
    },
    GetSetDef {
        name: "errors",
        get: get_errors,
        set: None,
    },
    GetSetDef {
        name: "newlines",
        get: get_newlines,
        set: None,
    },
    GetSetDef {
        name: "line_buffering",
        get: get_line_buffering,
        set: None,
    },
    GetSetDef {
        name: "write_through",
        get: get_write_through,
        set: None,
    },
    GetSetDef {
        name: "_CHUNK_SIZE",
        get: get_chunk_size,
        set: Some(set_chunk_size),
    },
];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static METHODS: [MethodDef; 22] = methods![
    "__init__" => m_init,
    "detach" => m_detach,
    "reconfigure" => write::m_reconfigure,
    "write" => write::m_write,
    "read" => read::m_read,
    "readline" => read::m_readline,
    "__next__" => read::m_next,
    "flush" => write::m_flush,
    "close" => write::m_close,
    "fileno" => m_fileno,
    "seekable" => m_seekable,
    "readable" => m_readable,
    "writable" => m_writable,
    "isatty" => m_isatty,
    "seek" => cookie::m_seek,
    "tell" => cookie::m_tell,
    "truncate" => write::m_truncate,
    "__getstate__" => m_getstate,
    "__reduce_ex__" => m_getstate,
    "__reduce__" => m_getstate,
    "__sizeof__" => m_sizeof,
    "_dealloc_warn" => m_dealloc_warn,
];

fn m_sizeof(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    int::new_int(vm, std::mem::size_of::<TextIOObject>() as i64 + 16)
}

fn m_dealloc_warn(vm: &Vm, this: &ObjRef, a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    if let Ok((_, buf)) = attached(vm, this) {
        if let Ok(f) = ops::getattr(vm, &buf, "_dealloc_warn") {
            ops::call(vm, &f, a, None)?;
        }
    }
    Ok(none::none())
}

/// `_io.TextIOWrapper`.
pub static TEXTIO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.TextIOWrapper",
    base: Some(&TEXT_IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
    payload: &VTABLE,
    slots: Slots {
        repr: Some(textio_repr),
        new: Some(textio_new),
        getattr: Some(textio_getattr),
        setattr: Some(textio_setattr),
        finalize: Some(textio_finalize),
        next: Some(read::textio_next),
        ..IO_SLOTS
    },
    methods: &METHODS,
    doc: "Character and line based layer over a BufferedIOBase object, buffer.",
};
