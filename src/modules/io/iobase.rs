//! The base classes of the I/O hierarchy: `_IOBase` (closing, context management, iteration
//! over lines, the operations a stream does not support) and its three kinds `_RawIOBase`
//! (`read`/`readall` made of `readinto`), `_BufferedIOBase` (`readinto` made of `read`) and
//! `_TextIOBase`. Their methods reach the stream's own methods through attribute lookup, so
//! Python subclasses (`io.py`'s ABCs and user classes) override them as in CPython.

use super::unsupported;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, bytearray, bytes, int, list, none, slice, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{attr, ops, PyErr, PyResult, Vm};
use std::cell::Cell;

/// Payload of the base classes: whether `close()` ran.
pub struct IOBaseObject {
    closed: Cell<bool>,
    dict: ObjCell,
}

impl PyPayload for IOBaseObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.dict.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for IOBaseObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(IOBaseObject, iobase_getattr, iobase_setattr);

static IOBASE_VTABLE: PayloadVTable = PayloadVTable::of::<IOBaseObject>();

/// The name of the instance attribute that records closing for streams of other layouts.
const CLOSED_ATTR: &str = "__IOBase_closed";

/// `ValueError("I/O operation on closed file.")`.
pub fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

fn iobase_new(
    vm: &Vm,
    ty: &TypeObject,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    new_object(
        ty,
        IOBaseObject {
            closed: Cell::new(false),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)
}

/// Calls `obj.name(*args)`.
pub fn call_method(vm: &Vm, obj: &ObjRef, name: &str, args: &[ObjRef]) -> PyResult<ObjRef> {
    let m = ops::getattr(vm, obj, name)?;
    ops::call(vm, &m, args, None)
}

/// `warnings.warn(msg, ResourceWarning, 1, source)`.
pub fn resource_warning(vm: &Vm, source: &ObjRef, msg: &str) -> PyResult<()> {
    let warnings = crate::vm::import::import_dotted(vm, "warnings")?;
    let f = ops::getattr(vm, &warnings, "warn")?;
    ops::call(
        vm,
        &f,
        &[
            crate::objects::str::new_str_vm(vm, msg)?,
            ObjRef::from_type(&crate::objects::exceptions::RESOURCE_WARNING),
            crate::objects::int::new_int(vm, 1)?,
            source.clone(),
        ],
        None,
    )?;
    Ok(())
}

/// Whether the base's record says `obj` was closed.
fn base_closed(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    if let Some(p) = obj.downcast::<IOBaseObject>() {
        return Ok(p.closed.get());
    }
    match attr::instance_dict(vm, obj)? {
        Some(d) => match crate::objects::dict::get_str(vm, &d, CLOSED_ATTR)? {
            Some(v) => ops::truthy(vm, &v),
            None => Ok(false),
        },
        None => Ok(false),
    }
}

fn set_base_closed(vm: &Vm, obj: &ObjRef) -> PyResult<()> {
    if let Some(p) = obj.downcast::<IOBaseObject>() {
        p.closed.set(true);
        return Ok(());
    }
    if let Some(d) = attr::instance_dict_or_create(vm, obj)? {
        crate::objects::dict::set_str(vm, &d, CLOSED_ATTR, boolobj::new_bool(true))?;
    }
    Ok(())
}

/// `obj.closed`, as the stream reports it.
pub fn is_closed(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    let c = ops::getattr(vm, obj, "closed")?;
    ops::truthy(vm, &c)
}

/// Raises `ValueError` if `obj.closed`.
pub fn check_closed(vm: &Vm, obj: &ObjRef) -> PyResult<()> {
    if is_closed(vm, obj)? {
        Err(closed_error(vm))
    } else {
        Ok(())
    }
}

fn check_flag(vm: &Vm, obj: &ObjRef, method: &str, msg: &str, args: &[ObjRef]) -> PyResult<ObjRef> {
    let r = call_method(vm, obj, method, &[])?;
    if ops::truthy(vm, &r)? {
        return Ok(none::none());
    }
    let msg = match args.first() {
        Some(m) if !none::is_none(m) => ops::str_string(vm, m)?,
        _ => msg.to_string(),
    };
    Err(unsupported(vm, &msg))
}

fn m_seek(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(unsupported(vm, "seek"))
}

fn m_truncate(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(unsupported(vm, "truncate"))
}

fn m_fileno(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(unsupported(vm, "fileno"))
}

fn m_tell(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    call_method(
        vm,
        this,
        "seek",
        &[int::new_int(vm, 0)?, int::new_int(vm, 1)?],
    )
}

fn m_flush(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "flush", Sig::NoArgs, args, kw)?;
    if base_closed(vm, this)? {
        return Err(closed_error(vm));
    }
    Ok(none::none())
}

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    if base_closed(vm, this)? {
        return Ok(none::none());
    }
    let flushed = call_method(vm, this, "flush", &[]);
    set_base_closed(vm, this)?;
    flushed.map(|_| none::none())
}

fn m_del(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    // As CPython outside development mode: a failure to close at finalization is dropped.
    if let Ok(false) = is_closed(vm, this) {
        if let Ok(name) = crate::objects::str::new_str_vm(vm, "_finalizing") {
            let _ = ops::setattr(vm, this, &name, Some(boolobj::new_bool(true)));
        }
        let _ = call_method(vm, this, "close", &[]);
    }
    Ok(none::none())
}

fn m_false(vm: &Vm, _this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readable", Sig::NoArgs, args, kw)?;
    Ok(boolobj::new_bool(false))
}

fn m_check_closed(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    check_closed(vm, this)?;
    Ok(none::none())
}

fn m_check_seekable(vm: &Vm, this: &ObjRef, a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    check_flag(vm, this, "seekable", "File or stream is not seekable.", a)
}

fn m_check_readable(vm: &Vm, this: &ObjRef, a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    check_flag(vm, this, "readable", "File or stream is not readable.", a)
}

fn m_check_writable(vm: &Vm, this: &ObjRef, a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    check_flag(vm, this, "writable", "File or stream is not writable.", a)
}

fn m_enter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    check_closed(vm, this)?;
    Ok(this.clone())
}

fn m_exit(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    call_method(vm, this, "close", &[])
}

fn m_isatty(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "isatty", Sig::NoArgs, args, kw)?;
    check_closed(vm, this)?;
    Ok(boolobj::new_bool(false))
}

/// A `size`/`hint` argument: an integer or None (-1).
pub fn size_arg(vm: &Vm, obj: Option<&ObjRef>) -> PyResult<i64> {
    match obj {
        None => Ok(-1),
        Some(o) if none::is_none(o) => Ok(-1),
        Some(o) => {
            if int::is_int(o) || o.ob_type().slots.number.index.is_some() {
                crate::vm::argparse::index_arg(vm, o)
            } else {
                Err(vm.type_error(&format!(
                    "argument should be integer or None, not '{}'",
                    o.ob_type().name()
                )))
            }
        }
    }
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    let limit = size_arg(vm, size.as_ref())?;
    let peek = match ops::getattr(vm, this, "peek") {
        Ok(p) => Some(p),
        Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => None,
        Err(e) => return Err(e),
    };
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let mut want: i64 = 1;
        if let Some(p) = &peek {
            let ahead = ops::call(vm, p, &[int::new_int(vm, 1)?], None)?;
            let Some(ahead) = crate::objects::bytes_methods::buffer(&ahead).map(|c| c.into_owned())
            else {
                return Err(crate::vm::PyErr::new(
                    crate::objects::exceptions::new_exception_msg(
                        &crate::objects::exceptions::OS_ERROR,
                        &format!(
                            "peek() should have returned a bytes object, not '{}'",
                            ahead.ob_type().name()
                        ),
                    )
                    .or_mem(vm)?,
                ));
            };
            if ahead.is_empty() {
                break;
            }
            want = match ahead.iter().position(|&b| b == b'\n') {
                Some(i) => i as i64 + 1,
                None => ahead.len() as i64,
            };
            if limit >= 0 {
                want = want.min(limit - out.len() as i64);
            }
        }
        let chunk = call_method(vm, this, "read", &[int::new_int(vm, want)?])?;
        let Some(data) = crate::objects::bytes_methods::buffer(&chunk).map(|c| c.into_owned())
        else {
            return Err(vm.new_error(
                &crate::objects::exceptions::OS_ERROR,
                &format!(
                    "read() should have returned a bytes object, not '{}'",
                    chunk.ob_type().name()
                ),
            ));
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    bytes::new_bytes(vm, &out)
}

fn iobase_iter(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    check_closed(vm, this)?;
    Ok(this.clone())
}

fn iobase_next(vm: &Vm, this: &ObjRef) -> PyResult<Option<ObjRef>> {
    let line = call_method(vm, this, "readline", &[])?;
    let empty = match (pystr::as_str(&line), bytes::as_bytes(&line)) {
        (Some(s), _) => s.is_empty(),
        (_, Some(b)) => b.is_empty(),
        _ => crate::vm::eval_match::length(vm, &line)? == 0,
    };
    Ok(if empty { None } else { Some(line) })
}

fn m_iter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    iobase_iter(vm, this)
}

fn m_next(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    iobase_next(vm, this)?.ok_or_else(|| vm.stop_iteration())
}

fn m_readlines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [hint] = parse::<1>(vm, "readlines", Sig::Clinic(0, 1), args, kw)?;
    let hint = size_arg(vm, hint.as_ref())?;
    let it = ops::iter(vm, this)?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    while let Some(line) = ops::next(vm, &it)? {
        total += crate::vm::eval_match::length(vm, &line)?;
        lines.push(line);
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    list::new_list(vm, lines)
}

fn m_writelines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [lines] = parse::<1>(vm, "writelines", Sig::One, args, kw)?;
    check_closed(vm, this)?;
    let it = ops::iter(vm, &lines.unwrap_or_else(none::none))?;
    while let Some(line) = ops::next(vm, &it)? {
        call_method(vm, this, "write", &[line])?;
    }
    Ok(none::none())
}

fn get_closed(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(boolobj::new_bool(base_closed(vm, obj)?)))
}

fn get_dict(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    match ty.slots.getattr {
        // The native types keep the dict in their payload (`instdict`).
        Some(get) if !ty.is_heap_type() => get(vm, obj, "__dict__"),
        _ => attr::instance_dict_or_create(vm, obj),
    }
}

static IOBASE_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "closed",
        get: get_closed,
        set: None,
    },
    GetSetDef {
        name: "__dict__",
        get: get_dict,
        set: None,
    },
];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef {
            name: $name,
            func: $func,
            flags: if matches!($name.as_bytes(), b"__subclasshook__") {
                crate::object::typeobj::methflags::METH_CLASS
            } else {
                0
            },
        }),*]
    };
}

static IOBASE_METHODS: [MethodDef; 23] = methods![
    "seek" => m_seek,
    "tell" => m_tell,
    "truncate" => m_truncate,
    "flush" => m_flush,
    "close" => m_close,
    "seekable" => m_false,
    "readable" => m_false,
    "writable" => m_false,
    "_checkClosed" => m_check_closed,
    "_checkSeekable" => m_check_seekable,
    "_checkReadable" => m_check_readable,
    "_checkWritable" => m_check_writable,
    "fileno" => m_fileno,
    "isatty" => m_isatty,
    "__enter__" => m_enter,
    "__exit__" => m_exit,
    "readline" => m_readline,
    "readlines" => m_readlines,
    "writelines" => m_writelines,
    "__iter__" => m_iter,
    "__next__" => m_next,
    "__del__" => m_del,
    "__subclasshook__" => super::subclass_hook,
];

/// The slots the I/O types share: iteration over lines.
pub const IO_SLOTS: Slots = Slots {
    iter: Some(iobase_iter),
    next: Some(iobase_next),
    new: Some(iobase_new),
    getattr: Some(iobase_getattr),
    setattr: Some(iobase_setattr),
    ..Slots::EMPTY
};

/// `_io._IOBase`.
pub static IOBASE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &IOBASE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io._IOBase",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &IOBASE_VTABLE,
    slots: IO_SLOTS,
    methods: &IOBASE_METHODS,
    doc: "The abstract base class for all I/O classes.",
};

// ---- _RawIOBase -----------------------------------------------------------------------------

fn raw_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let n = match &size {
        Some(s) => crate::vm::argparse::index_arg(vm, s)?,
        None => -1,
    };
    if n < 0 {
        return call_method(vm, this, "readall", &[]);
    }
    let buf = bytearray::new_bytearray(vm, &vec![0u8; n as usize])?;
    let got = call_method(vm, this, "readinto", std::slice::from_ref(&buf))?;
    if none::is_none(&got) {
        return Ok(got);
    }
    let k = crate::vm::argparse::index_arg(vm, &got)?;
    if k < 0 || k > n {
        return Err(vm.value_error(&format!("readinto returned {k} outside buffer size {n}")));
    }
    let data = bytearray::storage(&buf)
        .map(|v| v.to_vec())
        .unwrap_or_default();
    bytes::new_bytes(vm, &data[..(k as usize).min(data.len())])
}

fn raw_readall(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readall", Sig::NoArgs, args, kw)?;
    let mut out = Vec::new();
    let mut any = false;
    loop {
        let chunk = call_method(
            vm,
            this,
            "read",
            &[int::new_int(vm, super::DEFAULT_BUFFER_SIZE)?],
        )?;
        if none::is_none(&chunk) {
            if !any {
                return Ok(chunk);
            }
            break;
        }
        let Some(b) = bytes::as_bytes(&chunk) else {
            return Err(vm.type_error("read() should return bytes"));
        };
        if b.is_empty() {
            break;
        }
        any = true;
        out.extend_from_slice(b);
    }
    bytes::new_bytes(vm, &out)
}

fn not_implemented(
    vm: &Vm,
    _this: &ObjRef,
    _a: &[ObjRef],
    _k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    Err(vm.new_error_args(
        &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
        Vec::new(),
    ))
}

static RAW_METHODS: [MethodDef; 4] = methods![
    "read" => raw_read,
    "readall" => raw_readall,
    "readinto" => not_implemented,
    "write" => not_implemented,
];

/// `_io._RawIOBase`.
pub static RAW_IOBASE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io._RawIOBase",
    base: Some(&IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &IOBASE_VTABLE,
    slots: IO_SLOTS,
    methods: &RAW_METHODS,
    doc: "Base class for raw binary I/O.",
};

// ---- _BufferedIOBase ------------------------------------------------------------------------

macro_rules! unsupported_method {
    ($f:ident, $name:literal) => {
        fn $f(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
            Err(unsupported(vm, $name))
        }
    };
}

unsupported_method!(u_read, "read");
unsupported_method!(u_read1, "read1");
unsupported_method!(u_write, "write");
unsupported_method!(u_detach, "detach");
unsupported_method!(u_readline, "readline");

/// `readinto(b)` (`one`: `readinto1`) of a buffered stream: `read(len(b))` copied into `b`.
fn buffered_readinto(vm: &Vm, this: &ObjRef, args: &[ObjRef], one: bool) -> PyResult<ObjRef> {
    let [b] = args else {
        return Err(vm.type_error(&format!(
            "{}() takes exactly one argument ({} given)",
            if one { "readinto1" } else { "readinto" },
            args.len()
        )));
    };
    let len = crate::vm::eval_match::length(vm, b)?;
    let data = call_method(
        vm,
        this,
        if one { "read1" } else { "read" },
        &[int::new_int(vm, len as i64)?],
    )?;
    let Some(d) = bytes::as_bytes(&data) else {
        return Err(vm.type_error("read() should return bytes"));
    };
    if d.len() > len {
        return Err(vm.value_error(&format!(
            "read() returned too much data: {len} bytes requested, {} returned",
            d.len()
        )));
    }
    let n = d.len();
    let sl = slice::new_slice(
        vm,
        int::new_int(vm, 0)?,
        int::new_int(vm, n as i64)?,
        none::none(),
    )?;
    ops::setitem(vm, b, &sl, Some(&data))?;
    int::new_int(vm, n as i64)
}

fn m_readinto(vm: &Vm, this: &ObjRef, args: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    buffered_readinto(vm, this, args, false)
}

fn m_readinto1(vm: &Vm, this: &ObjRef, args: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    buffered_readinto(vm, this, args, true)
}

static BUFFERED_METHODS: [MethodDef; 6] = methods![
    "detach" => u_detach,
    "read" => u_read,
    "read1" => u_read1,
    "readinto" => m_readinto,
    "readinto1" => m_readinto1,
    "write" => u_write,
];

/// `_io._BufferedIOBase`.
pub static BUFFERED_IOBASE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io._BufferedIOBase",
    base: Some(&IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &IOBASE_VTABLE,
    slots: IO_SLOTS,
    methods: &BUFFERED_METHODS,
    doc: "Base class for buffered IO objects.",
};

// ---- _TextIOBase ----------------------------------------------------------------------------

fn get_none(_vm: &Vm, _obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(none::none()))
}

static TEXT_GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "encoding",
        get: get_none,
        set: None,
    },
    GetSetDef {
        name: "newlines",
        get: get_none,
        set: None,
    },
    GetSetDef {
        name: "errors",
        get: get_none,
        set: None,
    },
];

static TEXT_METHODS: [MethodDef; 4] = methods![
    "detach" => u_detach,
    "read" => u_read,
    "readline" => u_readline,
    "write" => u_write,
];

/// `_io._TextIOBase`.
pub static TEXT_IOBASE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &TEXT_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io._TextIOBase",
    base: Some(&IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &IOBASE_VTABLE,
    slots: IO_SLOTS,
    methods: &TEXT_METHODS,
    doc: "Base class for text I/O.",
};
