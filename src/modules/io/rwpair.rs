//! `_io.BufferedRWPair`: a `BufferedReader` and a `BufferedWriter` over two raw streams (the
//! two ends of a pipe, say) joined into one stream that is not seekable.

use super::buffered::{BUFFERED_READER_TYPE, BUFFERED_WRITER_TYPE};
use super::iobase::{call_method, BUFFERED_IOBASE_TYPE, IO_SLOTS};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a `BufferedRWPair`.
pub struct RWPairObject {
    reader: ObjCell,
    writer: ObjCell,
    dict: ObjCell,
}

impl PyPayload for RWPairObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [
            self.reader.replace(None),
            self.writer.replace(None),
            self.dict.replace(None),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`reader`, `writer`, `dict`), each once,
// and does nothing else.
unsafe impl crate::object::Traverse for RWPairObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.reader.traverse(visit);
        self.writer.traverse(visit);
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(RWPairObject, rwpair_getattr, rwpair_setattr);

static VTABLE: PayloadVTable = PayloadVTable::of::<RWPairObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a RWPairObject> {
    obj.downcast::<RWPairObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.BufferedRWPair' object"))
}

/// The reader (`writer` false) or the writer.
fn side(vm: &Vm, obj: &ObjRef, writer: bool) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    let cell = if writer { &p.writer } else { &p.reader };
    cell.get()
        .ok_or_else(|| vm.value_error("I/O operation on uninitialized object"))
}

fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let [reader, writer, size] = parse::<3>(vm, "BufferedRWPair", Sig::Clinic(2, 3), args, kw)?;
    let (reader, writer) = (
        reader.unwrap_or_else(none::none),
        writer.unwrap_or_else(none::none),
    );
    let mut rargs = vec![reader];
    let mut wargs = vec![writer];
    if let Some(s) = size {
        rargs.push(s.clone());
        wargs.push(s);
    }
    let r = ops::call(vm, &ObjRef::from_type(&BUFFERED_READER_TYPE), &rargs, None)?;
    let w = ops::call(vm, &ObjRef::from_type(&BUFFERED_WRITER_TYPE), &wargs, None)?;
    let p = payload(vm, obj)?;
    let old = (p.reader.replace(Some(r)), p.writer.replace(Some(w)));
    drop(old);
    Ok(())
}

fn rwpair_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        RWPairObject {
            reader: ObjCell::new(None),
            writer: ObjCell::new(None),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)?;
    if !args.is_empty() || kw.is_some() || !ty.is_heap_type() {
        init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init(vm, this, args, kw)?;
    Ok(none::none())
}

macro_rules! forward {
    ($f:ident, $name:literal, $writer:expr) => {
        fn $f(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let target = side(vm, this, $writer)?;
            let m = ops::getattr(vm, &target, $name)?;
            ops::call(vm, &m, args, kw)
        }
    };
}

forward!(m_read, "read", false);
forward!(m_peek, "peek", false);
forward!(m_read1, "read1", false);
forward!(m_readinto, "readinto", false);
forward!(m_readinto1, "readinto1", false);
forward!(m_readable, "readable", false);
forward!(m_write, "write", true);
forward!(m_flush, "flush", true);
forward!(m_writable, "writable", true);

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    let w = call_method(vm, &side(vm, this, true)?, "close", &[]);
    let r = call_method(vm, &side(vm, this, false)?, "close", &[]);
    w?;
    r
}

fn m_isatty(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "isatty", Sig::NoArgs, args, kw)?;
    let w = call_method(vm, &side(vm, this, true)?, "isatty", &[])?;
    if ops::truthy(vm, &w)? {
        return Ok(w);
    }
    call_method(vm, &side(vm, this, false)?, "isatty", &[])
}

fn get_closed(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let w = side(vm, obj, true)?;
    ops::getattr(vm, &w, "closed").map(Some)
}

static GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "closed",
    get: get_closed,
    set: None,
}];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static METHODS: [MethodDef; 13] = methods![
    "__init__" => m_init,
    "read" => m_read,
    "peek" => m_peek,
    "read1" => m_read1,
    "readinto" => m_readinto,
    "readinto1" => m_readinto1,
    "readable" => m_readable,
    "write" => m_write,
    "flush" => m_flush,
    "writable" => m_writable,
    "close" => m_close,
    "isatty" => m_isatty,
    "seekable" => m_false,
];

fn m_false(_vm: &Vm, _this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(false))
}

/// `_io.BufferedRWPair`.
pub static RWPAIR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.BufferedRWPair",
    base: Some(&BUFFERED_IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &VTABLE,
    slots: Slots {
        new: Some(rwpair_new),
        getattr: Some(rwpair_getattr),
        setattr: Some(rwpair_setattr),
        ..IO_SLOTS
    },
    methods: &METHODS,
    doc: "A buffered reader and writer object together.",
};
