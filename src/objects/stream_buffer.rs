//! The binary layer of the standard streams (`sys.stdout.buffer` and its siblings): bytes go
//! through the same output buffer as the text stream's, so the two keep their order.

use super::stream::{read_stdin, read_stdin_line, Which};
use crate::modules::io::iobase::{size_arg, BUFFERED_IOBASE_TYPE, IO_SLOTS};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, bytes, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::io::Write;

/// Payload of a standard binary stream.
pub struct StreamBufferObject {
    which: Which,
}

impl PyPayload for StreamBufferObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(StreamBufferObject);

static VTABLE: PayloadVTable = PayloadVTable::of::<StreamBufferObject>();

/// The binary stream under the standard stream `which`.
pub fn new_buffer(vm: &Vm, which: Which) -> PyResult<ObjRef> {
    let ty = if which == Which::Stdin {
        &STDIN_BUFFER_TYPE
    } else {
        &STDOUT_BUFFER_TYPE
    };
    new_object(ty, StreamBufferObject { which }).or_mem(vm)
}

fn which_of(obj: &ObjRef) -> Which {
    obj.downcast::<StreamBufferObject>()
        .map_or(Which::Stdout, |b| b.which)
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "write", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let data = crate::objects::bytes_methods::buffer_arg(vm, &b)?;
    match which_of(this) {
        Which::Stdout => vm.write_out_bytes(&data)?,
        Which::Stderr => std::io::stderr()
            .lock()
            .write_all(&data)
            .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?,
        Which::Stdin => return Err(crate::modules::io::unsupported(vm, "write")),
    }
    int::new_int(vm, data.len() as i64)
}

fn m_flush(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    if which_of(this) == Which::Stdout {
        vm.try_flush_out()
            .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    }
    Ok(none::none())
}

fn m_read(vm: &Vm, _this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let data = read_stdin(vm, (size >= 0).then_some(size as usize))?;
    bytes::new_bytes(vm, &data)
}

fn m_readline(vm: &Vm, _this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    size_arg(vm, size.as_ref())?;
    bytes::new_bytes(vm, &read_stdin_line(vm)?)
}

fn m_fileno(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    int::new_int(vm, which_of(this).fd() as i64)
}

fn m_isatty(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(
        nix::unistd::isatty(which_of(this).fd()).unwrap_or(false),
    ))
}

fn m_readable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(which_of(this) == Which::Stdin))
}

fn m_writable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(which_of(this) != Which::Stdin))
}

fn m_seekable(_vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(super::stream::fd_seekable(
        which_of(this).fd(),
    )))
}

fn get_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let w = which_of(obj);
    Ok(match name {
        "name" => Some(pystr::new_str_vm(vm, w.name())?),
        "mode" => Some(pystr::new_str_vm(
            vm,
            if w == Which::Stdin { "rb" } else { "wb" },
        )?),
        "closed" => Some(boolobj::new_bool(false)),
        _ => None,
    })
}

fn buffer_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let w = which_of(obj);
    let kind = if w == Which::Stdin {
        "BufferedReader"
    } else {
        "BufferedWriter"
    };
    pystr::new_str_vm(vm, &format!("<_io.{kind} name='{}'>", w.name()))
}

static METHODS: [MethodDef; 10] = [
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
        name: "read",
        func: m_read,
        flags: 0,
    },
    MethodDef {
        name: "read1",
        func: m_read,
        flags: 0,
    },
    MethodDef {
        name: "readline",
        func: m_readline,
        flags: 0,
    },
    MethodDef {
        name: "fileno",
        func: m_fileno,
        flags: 0,
    },
    MethodDef {
        name: "isatty",
        func: m_isatty,
        flags: 0,
    },
    MethodDef {
        name: "readable",
        func: m_readable,
        flags: 0,
    },
    MethodDef {
        name: "writable",
        func: m_writable,
        flags: 0,
    },
    MethodDef {
        name: "seekable",
        func: m_seekable,
        flags: 0,
    },
];

static GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "name",
        get: get_attr,
        set: None,
    },
    GetSetDef {
        name: "mode",
        get: get_attr,
        set: None,
    },
    GetSetDef {
        name: "closed",
        get: get_attr,
        set: None,
    },
];

macro_rules! buffer_type {
    ($name:ident, $text:literal) => {
        #[doc = concat!("`", $text, "` (under a standard stream).")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &GETSET,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&BUFFERED_IOBASE_TYPE),
            flags: 0,
            payload: &VTABLE,
            slots: Slots {
                repr: Some(buffer_repr),
                getattr: Some(get_attr),
                new: None,
                ..IO_SLOTS
            },
            methods: &METHODS,
            doc: "",
        };
    };
}

buffer_type!(STDOUT_BUFFER_TYPE, "_io.BufferedWriter");
buffer_type!(STDIN_BUFFER_TYPE, "_io.BufferedReader");
