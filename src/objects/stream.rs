//! The standard streams `sys.stdout`, `sys.stderr` and `sys.stdin` (text, line-oriented).

use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

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

/// Payload of a standard stream.
pub struct StreamObject {
    which: Which,
}

impl PyPayload for StreamObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(StreamObject);

static STREAM_VTABLE: PayloadVTable = PayloadVTable::of::<StreamObject>();

/// A new stream object.
pub fn new_stream(vm: &Vm, which: Which) -> PyResult<ObjRef> {
    new_object(&TEXT_IO_TYPE, StreamObject { which }).or_mem(vm)
}

/// Which stream `obj` is, if it is one.
pub fn which(obj: &ObjRef) -> Option<Which> {
    obj.downcast::<StreamObject>().map(|s| s.which)
}

/// Writes text to a standard stream.
pub fn write_text(vm: &Vm, which: Which, text: &str) -> PyResult<()> {
    match which {
        Which::Stdout => vm.write_out(text),
        Which::Stderr => vm.write_err(text),
        Which::Stdin => Err(vm.new_error(&crate::objects::exceptions::OS_ERROR, "not writable")),
    }
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = args else {
        return Err(vm.type_error(&format!(
            "write() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let Some(text) = pystr::as_str(s) else {
        return Err(vm.type_error(&format!(
            "write() argument must be str, not {}",
            s.ob_type().name()
        )));
    };
    write_text(vm, which(this).unwrap_or(Which::Stdout), text)?;
    int::new_int(vm, pystr::char_len(s) as i64)
}

fn m_flush(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    if which(this) == Some(Which::Stdout) {
        vm.try_flush_out()
            .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    }
    Ok(none::none())
}

fn m_readline(vm: &Vm, _this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    vm.flush_out();
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    pystr::new_str_vm(vm, &line)
}

fn m_false(_vm: &Vm, _this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(false))
}

fn m_fileno(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    int::new_int(
        vm,
        match which(this) {
            Some(Which::Stdin) => 0,
            Some(Which::Stdout) => 1,
            _ => 2,
        },
    )
}

fn stream_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let w = which(obj).unwrap_or(Which::Stdout);
    Ok(match name {
        "name" => Some(pystr::new_str_vm(
            vm,
            match w {
                Which::Stdin => "<stdin>",
                Which::Stdout => "<stdout>",
                Which::Stderr => "<stderr>",
            },
        )?),
        "encoding" => Some(pystr::new_str_vm(vm, "utf-8")?),
        "closed" => Some(boolobj::new_bool(false)),
        _ => None,
    })
}

fn stream_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let name = match which(obj) {
        Some(Which::Stdin) => "<stdin>",
        Some(Which::Stdout) => "<stdout>",
        _ => "<stderr>",
    };
    let mode = if which(obj) == Some(Which::Stdin) {
        "r"
    } else {
        "w"
    };
    pystr::new_str_vm(
        vm,
        &format!("<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"),
    )
}

static STREAM_METHODS: [MethodDef; 7] = [
    MethodDef {
        name: "write",
        func: m_write,
        flags: 0,
    },
    MethodDef {
        name: "flush",
        func: m_flush,
        flags: 0,
    },
    MethodDef {
        name: "readline",
        func: m_readline,
        flags: 0,
    },
    MethodDef {
        name: "isatty",
        func: m_false,
        flags: 0,
    },
    MethodDef {
        name: "fileno",
        func: m_fileno,
        flags: 0,
    },
    MethodDef {
        name: "readable",
        func: m_false,
        flags: 0,
    },
    MethodDef {
        name: "seekable",
        func: m_false,
        flags: 0,
    },
];

/// The data attributes of the standard streams.
static STREAM_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "encoding",
        get: stream_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "name",
        get: stream_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "closed",
        get: stream_getattr,
        set: None,
    },
];

/// `_io.TextIOWrapper` (the standard streams only).
pub static TEXT_IO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &STREAM_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "TextIOWrapper",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &STREAM_VTABLE,
    slots: Slots {
        repr: Some(stream_repr),
        getattr: Some(stream_getattr),
        ..Slots::EMPTY
    },
    methods: &STREAM_METHODS,
    doc: "Character and line based layer over a BufferedIOBase object.",
};
