//! `_io.BufferedReader`, `_io.BufferedWriter` and `_io.BufferedRandom`: a buffer over any raw
//! stream (an object with `readinto`/`read`, `write`, `seek`, `tell`, ...), reached through
//! its methods, so raw streams written in Python work as `FileIO` does.
//!
//! Reading fills the read buffer with raw reads of `buffer_size` bytes (more when a read asks
//! for more); writes collect in the write buffer until it holds `buffer_size` bytes or the
//! stream is flushed, sought or closed. `BufferedRandom` has both: a write first gives back
//! what was read ahead, a read first writes what is pending.

use super::iobase::{call_method, size_arg, BUFFERED_IOBASE_TYPE, IO_SLOTS};
use super::unsupported;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{bytearray, bytes, int, none, slice, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::RefCell;
use write::{flush_writes, m_write};

mod write;

#[derive(Default)]
struct State {
    ready: bool,
    size: usize,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    /// Being closed by finalization (the raw stream reports an unclosed file).
    finalizing: bool,
}

/// Payload of the buffered streams.
pub struct BufferedObject {
    raw: ObjCell,
    dict: ObjCell,
    state: RefCell<State>,
}

impl PyPayload for BufferedObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [self.raw.replace(None), self.dict.replace(None)]
            .into_iter()
            .flatten()
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`raw`, `dict`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for BufferedObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.raw.traverse(visit);
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(BufferedObject, buffered_getattr, buffered_setattr);

static VTABLE: PayloadVTable = PayloadVTable::of::<BufferedObject>();

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reader,
    Writer,
    Random,
}

fn kind_of(obj: &ObjRef) -> Kind {
    let t = obj.ob_type();
    if t.is_subtype(&BUFFERED_RANDOM_TYPE) {
        Kind::Random
    } else if t.is_subtype(&BUFFERED_WRITER_TYPE) {
        Kind::Writer
    } else {
        Kind::Reader
    }
}

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a BufferedObject> {
    obj.downcast::<BufferedObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a buffered stream"))
}

/// The raw stream, or the errors of an uninitialised or detached stream.
fn raw_of(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    if !p.state.borrow().ready {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    p.raw
        .get()
        .ok_or_else(|| vm.value_error("raw stream has been detached"))
}

/// The raw stream, or `ValueError("{what} of closed file")` when it is closed.
fn open_raw(vm: &Vm, obj: &ObjRef, what: &str) -> PyResult<ObjRef> {
    let raw = raw_of(vm, obj)?;
    if super::iobase::is_closed(vm, &raw)? {
        return Err(vm.value_error(&format!("{what} of closed file")));
    }
    Ok(raw)
}

fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let kind = kind_of(obj);
    let name = match kind {
        Kind::Reader => "BufferedReader",
        Kind::Writer => "BufferedWriter",
        Kind::Random => "BufferedRandom",
    };
    let sig = Sig::Kw {
        names: &["raw", "buffer_size"],
        required: 1,
        posonly: 0,
    };
    let [raw, size] = parse::<2>(vm, name, sig, args, kw)?;
    let raw = raw.unwrap_or_else(none::none);
    let check = |method: &str, what: &str| -> PyResult<()> {
        let ok = call_method(vm, &raw, method, &[])?;
        if ops::truthy(vm, &ok)? {
            Ok(())
        } else {
            Err(unsupported(vm, &format!("File or stream is not {what}.")))
        }
    };
    if kind == Kind::Random {
        check("seekable", "seekable")?;
    }
    if kind != Kind::Writer {
        check("readable", "readable")?;
    }
    if kind != Kind::Reader {
        check("writable", "writable")?;
    }
    let size = match &size {
        Some(s) => index_arg(vm, s)?,
        None => super::DEFAULT_BUFFER_SIZE,
    };
    if size <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    let p = payload(vm, obj)?;
    *p.state.borrow_mut() = State {
        ready: true,
        size: size as usize,
        ..State::default()
    };
    drop(p.raw.replace(Some(raw)));
    Ok(())
}

fn buffered_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        BufferedObject {
            raw: ObjCell::new(None),
            dict: ObjCell::new(None),
            state: RefCell::new(State::default()),
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

// ---- raw calls ------------------------------------------------------------------------------

/// One raw read of up to `n` bytes: `None` when the raw stream would block.
fn raw_read(vm: &Vm, raw: &ObjRef, n: usize) -> PyResult<Option<Vec<u8>>> {
    // An exact FileIO reads straight from its descriptor (what its readinto does).
    if let Some(r) = super::fileio::exact_read(vm, raw, n) {
        return r;
    }
    let buf = bytearray::new_bytearray(vm, &vec![0u8; n])?;
    let got = call_method(vm, raw, "readinto", std::slice::from_ref(&buf))?;
    if none::is_none(&got) {
        return Ok(None);
    }
    let k = index_arg(vm, &got)?;
    if k < 0 || k as usize > n {
        return Err(vm.new_error(
            &crate::objects::exceptions::OS_ERROR,
            &format!(
                "raw readinto() returned invalid length {k} (should have been between 0 and {n})"
            ),
        ));
    }
    let mut data = bytearray::storage(&buf)
        .map(|v| v.to_vec())
        .unwrap_or_default();
    data.truncate(k as usize);
    Ok(Some(data))
}

/// Whether an exact native buffered stream over an exact `FileIO` is closed, without
/// attribute lookups (`None` for anything else).
pub(crate) fn exact_closed(obj: &ObjRef) -> Option<bool> {
    let t = obj.ob_type();
    let exact = [
        &BUFFERED_READER_TYPE,
        &BUFFERED_WRITER_TYPE,
        &BUFFERED_RANDOM_TYPE,
    ]
    .iter()
    .any(|x| std::ptr::eq(t, *x));
    if !exact {
        return None;
    }
    let raw = obj.downcast::<BufferedObject>()?.raw.get()?;
    super::fileio::exact_closed(&raw)
}

/// Gives back to the raw stream what was read ahead (before writing or seeking).
fn rewind_reads(vm: &Vm, obj: &ObjRef, raw: &ObjRef) -> PyResult<()> {
    let p = payload(vm, obj)?;
    let unread = {
        let mut st = p.state.borrow_mut();
        let u = st.rbuf.len() - st.rpos;
        st.rbuf.clear();
        st.rpos = 0;
        u
    };
    if unread > 0 {
        call_method(
            vm,
            raw,
            "seek",
            &[int::new_int(vm, -(unread as i64))?, int::new_int(vm, 1)?],
        )?;
    }
    Ok(())
}

/// Makes at least `want` bytes available in the read buffer if the stream has them; false at
/// the end of the stream (or when it would block) before any byte came.
fn fill(vm: &Vm, obj: &ObjRef, raw: &ObjRef, want: usize) -> PyResult<bool> {
    let p = payload(vm, obj)?;
    {
        let mut st = p.state.borrow_mut();
        if st.rpos > 0 {
            let rpos = st.rpos;
            if rpos >= st.rbuf.len() {
                st.rbuf.clear();
            } else {
                st.rbuf.copy_within(rpos.., 0);
                let keep = st.rbuf.len() - rpos;
                st.rbuf.truncate(keep);
            }
            st.rpos = 0;
        }
    }
    let size = p.state.borrow().size;
    let mut got_any = false;
    while p.state.borrow().rbuf.len() < want {
        let have = p.state.borrow().rbuf.len();
        let n = (want - have).max(size);
        match raw_read(vm, raw, n)? {
            Some(d) if !d.is_empty() => {
                got_any = true;
                p.state.borrow_mut().rbuf.extend_from_slice(&d);
            }
            _ => return Ok(got_any || have > 0),
        }
    }
    Ok(true)
}

/// Takes up to `n` buffered bytes.
fn take(p: &BufferedObject, n: usize) -> Vec<u8> {
    let mut st = p.state.borrow_mut();
    let start = st.rpos;
    let end = start.saturating_add(n).min(st.rbuf.len());
    st.rpos = end;
    st.rbuf[start..end].to_vec()
}

fn before_read(vm: &Vm, this: &ObjRef, what: &str) -> PyResult<ObjRef> {
    if kind_of(this) == Kind::Writer {
        return Err(unsupported(vm, what));
    }
    let raw = open_raw(vm, this, what)?;
    if kind_of(this) == Kind::Random {
        flush_writes(vm, this, &raw)?;
    }
    Ok(raw)
}

// ---- reading --------------------------------------------------------------------------------

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let n = size_arg(vm, size.as_ref())?;
    if n < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    let raw = before_read(vm, this, "read")?;
    let p = payload(vm, this)?;
    if n >= 0 {
        fill(vm, this, &raw, n as usize)?;
        return bytes::new_bytes(vm, &take(p, n as usize));
    }
    let mut out = take(p, usize::MAX);
    let size = p.state.borrow().size;
    loop {
        match raw_read(vm, &raw, size.max(super::DEFAULT_BUFFER_SIZE as usize))? {
            Some(d) if !d.is_empty() => out.extend_from_slice(&d),
            None if out.is_empty() => return Ok(none::none()),
            _ => break,
        }
    }
    bytes::new_bytes(vm, &out)
}

fn m_read1(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read1", Sig::Clinic(0, 1), args, kw)?;
    let raw = before_read(vm, this, "read1")?;
    let p = payload(vm, this)?;
    let mut n = size_arg(vm, size.as_ref())?;
    if n < 0 {
        n = p.state.borrow().size as i64;
    }
    if n == 0 {
        return bytes::new_bytes(vm, b"");
    }
    let avail = {
        let st = p.state.borrow();
        st.rbuf.len() - st.rpos
    };
    if avail == 0 {
        fill(vm, this, &raw, 1)?;
    }
    bytes::new_bytes(vm, &take(p, n as usize))
}

fn m_peek(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [_size] = parse::<1>(vm, "peek", Sig::Clinic(0, 1), args, kw)?;
    let raw = before_read(vm, this, "peek")?;
    let p = payload(vm, this)?;
    let avail = {
        let st = p.state.borrow();
        st.rbuf.len() - st.rpos
    };
    if avail == 0 {
        fill(vm, this, &raw, 1)?;
    }
    let st = p.state.borrow();
    bytes::new_bytes(vm, &st.rbuf[st.rpos..])
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    let limit = size_arg(vm, size.as_ref())?;
    let raw = before_read(vm, this, "readline")?;
    let p = payload(vm, this)?;
    let mut scanned = 0;
    loop {
        let (found, avail) = {
            let st = p.state.borrow();
            let rest = &st.rbuf[st.rpos..];
            (
                rest[scanned..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map(|i| scanned + i + 1),
                rest.len(),
            )
        };
        let mut end = found.unwrap_or(avail);
        if limit >= 0 {
            end = end.min(limit as usize);
        }
        if found.is_some() || (limit >= 0 && avail >= limit as usize) {
            return bytes::new_bytes(vm, &take(p, end));
        }
        scanned = avail;
        // One raw read at a time: a pipe or socket delivers what it has, and the line may be
        // complete with it.
        if !fill(vm, this, &raw, avail + 1)? || p.state.borrow().rbuf.len() == avail {
            return bytes::new_bytes(vm, &take(p, end));
        }
    }
}

fn readinto_with(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    one: bool,
) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "readinto", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let len = crate::objects::bytes_methods::buffer_arg(vm, &b)?.len();
    let n = int::new_int(vm, len as i64)?;
    let data = if one {
        m_read1(vm, this, &[n], None)?
    } else {
        m_read(vm, this, &[n], None)?
    };
    let k = bytes::as_bytes(&data).map_or(0, <[u8]>::len);
    let sl = slice::new_slice(
        vm,
        int::new_int(vm, 0)?,
        int::new_int(vm, k as i64)?,
        none::none(),
    )?;
    ops::setitem(vm, &b, &sl, Some(&data))?;
    int::new_int(vm, k as i64)
}

fn m_readinto(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    readinto_with(vm, this, args, kw, false)
}

fn m_readinto1(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    readinto_with(vm, this, args, kw, true)
}

// ---- writing --------------------------------------------------------------------------------

fn m_flush(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "flush", Sig::NoArgs, args, kw)?;
    let raw = open_raw(vm, this, "flush")?;
    if kind_of(this) != Kind::Reader {
        flush_writes(vm, this, &raw)?;
    }
    Ok(none::none())
}

// ---- positions ------------------------------------------------------------------------------

fn m_tell(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    let raw = raw_of(vm, this)?;
    let at = call_method(vm, &raw, "tell", &[])?;
    let at = index_arg(vm, &at)?;
    if at < 0 {
        return Err(vm.new_error(
            &crate::objects::exceptions::OS_ERROR,
            &format!("Raw stream returned invalid position {at}"),
        ));
    }
    let st = payload(vm, this)?.state.borrow();
    let pos = at - (st.rbuf.len() - st.rpos) as i64 + st.wbuf.len() as i64;
    int::new_int(vm, pos.max(0))
}

fn m_seek(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [target, whence] = parse::<2>(vm, "seek", Sig::Clinic(1, 2), args, kw)?;
    let target = target.unwrap_or_else(none::none);
    let whence = match &whence {
        Some(w) => index_arg(vm, w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(&format!("whence value {whence} unsupported")));
    }
    let raw = open_raw(vm, this, "seek")?;
    let mut pos = index_arg(vm, &target)?;
    flush_writes(vm, this, &raw)?;
    let p = payload(vm, this)?;
    if whence == 1 {
        let st = p.state.borrow();
        pos -= (st.rbuf.len() - st.rpos) as i64;
    }
    {
        let mut st = p.state.borrow_mut();
        st.rbuf.clear();
        st.rpos = 0;
    }
    call_method(
        vm,
        &raw,
        "seek",
        &[int::new_int(vm, pos)?, int::new_int(vm, whence)?],
    )
}

fn m_truncate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pos] = parse::<1>(vm, "truncate", Sig::Clinic(0, 1), args, kw)?;
    if kind_of(this) == Kind::Reader {
        return Err(unsupported(vm, "truncate"));
    }
    let raw = open_raw(vm, this, "truncate")?;
    flush_writes(vm, this, &raw)?;
    rewind_reads(vm, this, &raw)?;
    let pos = match pos.filter(|p| !none::is_none(p)) {
        Some(p) => p,
        None => call_method(vm, &raw, "tell", &[])?,
    };
    call_method(vm, &raw, "truncate", &[pos])
}

// ---- the rest -------------------------------------------------------------------------------

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    let raw = raw_of(vm, this)?;
    if super::iobase::is_closed(vm, &raw)? {
        return Ok(none::none());
    }
    if payload(vm, this)?.state.borrow().finalizing {
        if let Ok(f) = ops::getattr(vm, &raw, "_dealloc_warn") {
            let _ = ops::call(vm, &f, std::slice::from_ref(this), None);
        }
    }
    let flushed = call_method(vm, this, "flush", &[]);
    {
        let p = payload(vm, this)?;
        let mut st = p.state.borrow_mut();
        st.rbuf.clear();
        st.rpos = 0;
    }
    let closed = call_method(vm, &raw, "close", &[]);
    // A failure to close is raised with the flush's failure as its context.
    match (flushed, closed) {
        (Ok(_), r) => r.map(|_| none::none()),
        (Err(fe), Ok(_)) => Err(fe),
        (Err(fe), Err(ce)) => {
            let name = pystr::new_str_vm(vm, "__context__")?;
            ops::setattr(vm, &ce.exc, &name, Some(fe.exc.clone()))?;
            Err(ce)
        }
    }
}

/// `_dealloc_warn(source)`: the raw stream's warning about an unclosed file.
fn m_dealloc_warn(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if let Ok(raw) = raw_of(vm, this) {
        if let Ok(f) = ops::getattr(vm, &raw, "_dealloc_warn") {
            ops::call(vm, &f, args, None)?;
        }
    }
    Ok(none::none())
}

fn m_detach(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "detach", Sig::NoArgs, args, kw)?;
    let raw = raw_of(vm, this)?;
    call_method(vm, this, "flush", &[])?;
    let p = payload(vm, this)?;
    let taken = p.raw.replace(None);
    drop(taken);
    Ok(raw)
}

macro_rules! forward {
    ($f:ident, $name:literal) => {
        fn $f(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            parse::<0>(vm, $name, Sig::NoArgs, args, kw)?;
            let raw = raw_of(vm, this)?;
            call_method(vm, &raw, $name, &[])
        }
    };
}

forward!(m_fileno, "fileno");
forward!(m_isatty, "isatty");
forward!(m_seekable, "seekable");

fn m_readable(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readable", Sig::NoArgs, args, kw)?;
    let raw = raw_of(vm, this)?;
    if kind_of(this) == Kind::Writer {
        return Ok(crate::objects::boolobj::new_bool(false));
    }
    call_method(vm, &raw, "readable", &[])
}

fn m_writable(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "writable", Sig::NoArgs, args, kw)?;
    let raw = raw_of(vm, this)?;
    if kind_of(this) == Kind::Reader {
        return Ok(crate::objects::boolobj::new_bool(false));
    }
    call_method(vm, &raw, "writable", &[])
}

fn m_getstate(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.type_error(&format!("cannot pickle '{}' object", this.ob_type().name())))
}

fn m_sizeof(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let size = payload(vm, this)?.state.borrow().size;
    int::new_int(
        vm,
        (std::mem::size_of::<BufferedObject>() + 16 + size) as i64,
    )
}

fn get_raw(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    raw_of(vm, obj).map(Some)
}

fn get_from_raw(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let raw = raw_of(vm, obj)?;
    ops::getattr(vm, &raw, name).map(Some)
}

fn buffered_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let cls = obj.ob_type().name().to_string();
    let cls = if cls.starts_with("_io.") {
        cls
    } else {
        format!("_io.{cls}")
    };
    if payload(vm, obj)?.raw.get().is_none() {
        return pystr::new_str_vm(vm, &format!("<{cls}>"));
    }
    let name = raw_of(vm, obj).and_then(|raw| ops::getattr(vm, &raw, "name"));
    let text = match name {
        Ok(n) => format!("<{cls} name={}>", ops::repr_string(vm, &n)?),
        Err(e) if e.matches(&crate::objects::exceptions::VALUE_ERROR) => {
            return Err(e);
        }
        Err(_) => format!("<{cls}>"),
    };
    pystr::new_str_vm(vm, &text)
}

/// Closes an unclosed stream of the static types at deallocation (CPython's `tp_finalize`),
/// so what it buffered reaches the raw stream.
fn buffered_finalize(vm: &Vm, obj: &ObjRef) {
    let Ok(raw) = raw_of(vm, obj) else {
        return;
    };
    if let Ok(false) = super::iobase::is_closed(vm, &raw) {
        if let Ok(p) = payload(vm, obj) {
            p.state.borrow_mut().finalizing = true;
        }
        let _ = call_method(vm, obj, "close", &[]);
    }
}

static GETSET: [GetSetDef; 4] = [
    GetSetDef {
        name: "raw",
        get: get_raw,
        set: None,
    },
    GetSetDef {
        name: "closed",
        get: get_from_raw,
        set: None,
    },
    GetSetDef {
        name: "name",
        get: get_from_raw,
        set: None,
    },
    GetSetDef {
        name: "mode",
        get: get_from_raw,
        set: None,
    },
];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static METHODS: [MethodDef; 23] = methods![
    "__init__" => m_init,
    "read" => m_read,
    "read1" => m_read1,
    "peek" => m_peek,
    "readline" => m_readline,
    "readinto" => m_readinto,
    "readinto1" => m_readinto1,
    "write" => m_write,
    "flush" => m_flush,
    "tell" => m_tell,
    "seek" => m_seek,
    "truncate" => m_truncate,
    "close" => m_close,
    "detach" => m_detach,
    "fileno" => m_fileno,
    "isatty" => m_isatty,
    "seekable" => m_seekable,
    "readable" => m_readable,
    "writable" => m_writable,
    "__getstate__" => m_getstate,
    "__reduce_ex__" => m_getstate,
    "__sizeof__" => m_sizeof,
    "_dealloc_warn" => m_dealloc_warn,
];

macro_rules! buffered_type {
    ($name:ident, $text:literal, $doc:literal) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &GETSET,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&BUFFERED_IOBASE_TYPE),
            flags: crate::object::typeobj::tpflags::BASETYPE
                | crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
            payload: &VTABLE,
            slots: Slots {
                repr: Some(buffered_repr),
                new: Some(buffered_new),
                getattr: Some(buffered_getattr),
                setattr: Some(buffered_setattr),
                finalize: Some(buffered_finalize),
                ..IO_SLOTS
            },
            methods: &METHODS,
            doc: $doc,
        };
    };
}

buffered_type!(
    BUFFERED_READER_TYPE,
    "_io.BufferedReader",
    "Create a new buffered reader using the given readable raw IO object."
);
buffered_type!(
    BUFFERED_WRITER_TYPE,
    "_io.BufferedWriter",
    "A buffer for a writeable sequential RawIO object."
);
buffered_type!(
    BUFFERED_RANDOM_TYPE,
    "_io.BufferedRandom",
    "A buffered interface to random access streams."
);
