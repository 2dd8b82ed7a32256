//! The standard streams `sys.stdout`, `sys.stderr` and `sys.stdin`: text streams (kinds of
//! `_io._TextIOBase`) over the interpreter's own standard output machinery, each with a binary
//! `buffer` (`stream_buffer.rs`) that writes through the same buffer.

use crate::modules::io::iobase::{IO_SLOTS, TEXT_IOBASE_TYPE};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::wtf8::Wtf8;
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Which standard stream an object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Which {
    /// Standard input.
    Stdin,
    /// Standard output (buffered by the VM).
    Stdout,
    /// Standard error (unbuffered).
    Stderr,
}

impl Which {
    /// The stream's name (`<stdout>`).
    pub fn name(self) -> &'static str {
        match self {
            Which::Stdin => "<stdin>",
            Which::Stdout => "<stdout>",
            Which::Stderr => "<stderr>",
        }
    }

    /// Its file descriptor.
    pub fn fd(self) -> i32 {
        match self {
            Which::Stdin => 0,
            Which::Stdout => 1,
            Which::Stderr => 2,
        }
    }
}

/// Payload of a standard text stream.
pub struct StreamObject {
    which: Which,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
}

impl PyPayload for StreamObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(StreamObject);

static STREAM_VTABLE: PayloadVTable = PayloadVTable::of::<StreamObject>();

/// A new stream object.
pub fn new_stream(vm: &Vm, which: Which) -> PyResult<ObjRef> {
    new_object(
        &TEXT_IO_TYPE,
        StreamObject {
            which,
            line_buffering: Cell::new(
                which == Which::Stdout && nix::unistd::isatty(1).unwrap_or(false),
            ),
            write_through: Cell::new(
                which == Which::Stderr
                    || std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()),
            ),
        },
    )
    .or_mem(vm)
}

/// Which stream `obj` is, if it is a standard text stream.
pub fn which(obj: &ObjRef) -> Option<Which> {
    obj.downcast::<StreamObject>().map(|s| s.which)
}

/// Writes text to a standard stream.
pub fn write_text(vm: &Vm, which: Which, text: &str) -> PyResult<()> {
    match which {
        Which::Stdout => vm.write_out(text),
        Which::Stderr => vm.write_err(text),
        Which::Stdin => Err(crate::modules::io::unsupported(vm, "not writable")),
    }
}

/// Writes any str's text to a standard stream: text holding lone surrogates is encoded with
/// the stream's error handler (`surrogateescape` for standard output, `backslashreplace`
/// for standard error), raising `UnicodeEncodeError` as CPython's streams do.
pub fn write_wtf8(vm: &Vm, which: Which, text: Wtf8<'_>) -> PyResult<()> {
    if let Some(s) = text.as_str() {
        return write_text(vm, which, s);
    }
    match which {
        Which::Stdout => {
            let b = crate::objects::codecs::encode_wtf8(vm, text, "utf-8", "surrogateescape")?;
            vm.write_out_bytes(&b)
        }
        Which::Stderr => {
            let b = crate::objects::codecs::encode_wtf8(vm, text, "utf-8", "backslashreplace")?;
            vm.write_err(&String::from_utf8_lossy(&b))
        }
        Which::Stdin => Err(crate::modules::io::unsupported(vm, "not writable")),
    }
}

fn this_which(obj: &ObjRef) -> Which {
    which(obj).unwrap_or(Which::Stdout)
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = args else {
        return Err(vm.type_error(&format!(
            "write() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let Some(text) = pystr::as_text(s) else {
        return Err(vm.type_error(&format!(
            "write() argument must be str, not {}",
            s.ob_type().name()
        )));
    };
    write_wtf8(vm, this_which(this), text)?;
    int::new_int(vm, pystr::char_len(s) as i64)
}

fn m_flush(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    if which(this) == Some(Which::Stdout) {
        vm.try_flush_out()
            .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    }
    Ok(none::none())
}

/// Reads a line of standard input (after flushing standard output, as CPython's `input`).
pub fn read_stdin_line(vm: &Vm) -> PyResult<Vec<u8>> {
    vm.flush_out();
    let mut line = Vec::new();
    std::io::BufRead::read_until(&mut std::io::stdin().lock(), b'\n', &mut line)
        .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    Ok(line)
}

/// Reads standard input to its end, or `n` bytes.
pub fn read_stdin(vm: &Vm, n: Option<usize>) -> PyResult<Vec<u8>> {
    use std::io::Read;
    vm.flush_out();
    let mut out = Vec::new();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let r = match n {
        Some(n) => lock.by_ref().take(n as u64).read_to_end(&mut out),
        None => lock.read_to_end(&mut out),
    };
    r.map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    Ok(out)
}

fn not_readable(vm: &Vm, this: &ObjRef) -> PyResult<()> {
    if this_which(this) == Which::Stdin {
        Ok(())
    } else {
        Err(crate::modules::io::unsupported(vm, "not readable"))
    }
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    crate::modules::io::iobase::size_arg(vm, size.as_ref())?;
    not_readable(vm, this)?;
    let line = read_stdin_line(vm)?;
    pystr::new_str_vm(vm, &String::from_utf8_lossy(&line))
}

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let size = crate::modules::io::iobase::size_arg(vm, size.as_ref())?;
    not_readable(vm, this)?;
    let data = read_stdin(vm, None)?;
    let text = String::from_utf8_lossy(&data);
    let text: String = if size < 0 {
        text.into_owned()
    } else {
        text.chars().take(size as usize).collect()
    };
    pystr::new_str_vm(vm, &text)
}

fn m_isatty(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let fd = this_which(this).fd();
    let _ = vm;
    Ok(boolobj::new_bool(nix::unistd::isatty(fd).unwrap_or(false)))
}

fn m_readable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(this_which(this) == Which::Stdin))
}

fn m_writable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(this_which(this) != Which::Stdin))
}

/// Whether the stream's descriptor can seek (a regular file can, a terminal or pipe cannot).
pub fn fd_seekable(fd: i32) -> bool {
    nix::unistd::lseek(fd, 0, nix::unistd::Whence::SeekCur).is_ok()
}

fn m_seekable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(fd_seekable(this_which(this).fd())))
}

fn m_fileno(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    int::new_int(vm, this_which(this).fd() as i64)
}

fn m_close(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    // The interpreter keeps its standard streams open; closing only flushes.
    m_flush(vm, this, a, k)
}

/// `reconfigure(*, encoding=None, errors=None, newline=None, line_buffering=None,
/// write_through=None)`: only UTF-8 is available; the buffering flags are recorded.
fn m_reconfigure(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
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
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if !pos.is_empty() {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let [enc, _errors, _newline, lb, wt] = parse::<5>(vm, "reconfigure", sig, args, kw)?;
    if let Some(e) = enc.filter(|e| !none::is_none(e)) {
        let name = crate::objects::codecs::str_arg(vm, &e, "reconfigure", "encoding", 1)?;
        if !matches!(
            crate::objects::codecs::Codec::lookup(&name),
            Some(crate::objects::codecs::Codec::Utf8)
        ) {
            return Err(crate::modules::io::unsupported(
                vm,
                "the standard streams of arenapy are UTF-8 only",
            ));
        }
    }
    let p = this
        .downcast::<StreamObject>()
        .ok_or_else(|| vm.type_error("expected a standard stream"))?;
    if let Some(v) = lb.filter(|v| !none::is_none(v)) {
        p.line_buffering.set(ops::truthy(vm, &v)?);
    }
    if let Some(v) = wt.filter(|v| !none::is_none(v)) {
        p.write_through.set(ops::truthy(vm, &v)?);
    }
    Ok(none::none())
}

fn m_detach(vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(crate::modules::io::unsupported(vm, "detach"))
}

fn stream_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let w = this_which(obj);
    let p = obj.downcast::<StreamObject>();
    Ok(match name {
        "name" => Some(pystr::new_str_vm(vm, w.name())?),
        "encoding" => Some(pystr::new_str_vm(vm, "utf-8")?),
        "errors" => Some(pystr::new_str_vm(
            vm,
            // CPython's choice in the C and C.UTF-8 locales arenapy runs in.
            if w == Which::Stderr {
                "backslashreplace"
            } else {
                "surrogateescape"
            },
        )?),
        "mode" => Some(pystr::new_str_vm(
            vm,
            if w == Which::Stdin { "r" } else { "w" },
        )?),
        "closed" => Some(boolobj::new_bool(false)),
        "newlines" => Some(none::none()),
        "line_buffering" => Some(boolobj::new_bool(p.is_some_and(|p| p.line_buffering.get()))),
        "write_through" => Some(boolobj::new_bool(p.is_some_and(|p| p.write_through.get()))),
        "buffer" => Some(super::stream_buffer::new_buffer(vm, w)?),
        _ => None,
    })
}

fn stream_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let w = this_which(obj);
    let mode = if w == Which::Stdin { "r" } else { "w" };
    pystr::new_str_vm(
        vm,
        &format!(
            "<_io.TextIOWrapper name='{}' mode='{mode}' encoding='utf-8'>",
            w.name()
        ),
    )
}

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static STREAM_METHODS: [MethodDef; 12] = methods![
    "write" => m_write,
    "flush" => m_flush,
    "read" => m_read,
    "readline" => m_readline,
    "isatty" => m_isatty,
    "fileno" => m_fileno,
    "readable" => m_readable,
    "writable" => m_writable,
    "seekable" => m_seekable,
    "close" => m_close,
    "reconfigure" => m_reconfigure,
    "detach" => m_detach,
];

/// The data attributes of the standard streams.
static STREAM_GETSET: [GetSetDef; 9] = [
    GetSetDef {
        name: "encoding",
        get: stream_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "name",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "closed",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "errors",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "mode",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "newlines",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "line_buffering",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "write_through",
        get: stream_getattr,
        set: None,
    },
    GetSetDef {
        name: "buffer",
        get: stream_getattr,
        set: None,
    },
];

/// `_io.TextIOWrapper` (the standard streams).
pub static TEXT_IO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &STREAM_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.TextIOWrapper",
    base: Some(&TEXT_IOBASE_TYPE),
    flags: 0,
    payload: &STREAM_VTABLE,
    slots: Slots {
        repr: Some(stream_repr),
        getattr: Some(stream_getattr),
        new: None,
        ..IO_SLOTS
    },
    methods: &STREAM_METHODS,
    doc: "Character and line based layer over a BufferedIOBase object.",
};
