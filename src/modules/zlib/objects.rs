//! `zlib.Compress` and `zlib.Decompress`, the streaming objects `compressobj()` and
//! `decompressobj()` return. Their payloads hold the engine state and plain byte buffers
//! (`unused_data`, `unconsumed_tail`), no Python objects, so they need no traversal.

use super::engine::{Deflater, Inflater};
use super::zerror;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::bytes_methods::buffer_arg;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, bytes};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

/// Payload of `zlib.Compress`.
pub struct CompressObject {
    engine: RefCell<Deflater>,
}

impl PyPayload for CompressObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(CompressObject);

static COMPRESS_VTABLE: PayloadVTable = PayloadVTable::of::<CompressObject>();

/// A new `Compress` object around `engine`.
pub fn new_compress(vm: &Vm, engine: Deflater) -> PyResult<ObjRef> {
    new_object(
        &COMPRESS_TYPE,
        CompressObject {
            engine: RefCell::new(engine),
        },
    )
    .or_mem(vm)
}

fn compressor<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a CompressObject> {
    obj.downcast::<CompressObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a 'zlib.Compress' object"))
}

fn c_compress(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data] = parse::<1>(vm, "Compress.compress", Sig::One, args, kw)?;
    let data = data.ok_or_else(|| vm.type_error("missing argument"))?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let mut out = Vec::new();
    compressor(vm, obj)?
        .engine
        .borrow_mut()
        .compress(&data, &mut out)
        .map_err(|e| zerror(vm, &e, "compressing data"))?;
    bytes::new_bytes(vm, &out)
}

fn c_flush(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [mode] = parse::<1>(vm, "flush", Sig::Clinic(0, 1), args, kw)?;
    let mode = match mode {
        Some(m) => index_arg(vm, &m)?,
        None => 4,
    };
    let mut out = Vec::new();
    compressor(vm, obj)?
        .engine
        .borrow_mut()
        .flush(mode, &mut out)
        .map_err(|e| zerror(vm, &e, "flushing"))?;
    bytes::new_bytes(vm, &out)
}

fn c_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let _ = crate::vm::args::split_args(args, kw);
    let engine = compressor(vm, obj)?.engine.borrow().clone();
    new_compress(vm, engine)
}

static COMPRESS_METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "compress",
        func: c_compress,
        flags: 0,
    },
    MethodDef {
        name: "flush",
        func: c_flush,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: c_copy,
        flags: 0,
    },
    MethodDef {
        name: "__copy__",
        func: c_copy,
        flags: 0,
    },
    MethodDef {
        name: "__deepcopy__",
        func: c_copy,
        flags: 0,
    },
];

/// `zlib.Compress`.
pub static COMPRESS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "zlib.Compress",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &COMPRESS_VTABLE,
    slots: Slots::EMPTY,
    methods: &COMPRESS_METHODS,
    doc: "",
};

/// Payload of `zlib.Decompress`.
pub struct DecompressObject {
    engine: RefCell<Inflater>,
    unused_data: RefCell<Vec<u8>>,
    unconsumed_tail: RefCell<Vec<u8>>,
}

impl PyPayload for DecompressObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(DecompressObject);

static DECOMPRESS_VTABLE: PayloadVTable = PayloadVTable::of::<DecompressObject>();

/// A new `Decompress` object around `engine`.
pub fn new_decompress(vm: &Vm, engine: Inflater) -> PyResult<ObjRef> {
    new_object(
        &DECOMPRESS_TYPE,
        DecompressObject {
            engine: RefCell::new(engine),
            unused_data: RefCell::new(Vec::new()),
            unconsumed_tail: RefCell::new(Vec::new()),
        },
    )
    .or_mem(vm)
}

fn decompressor<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a DecompressObject> {
    obj.downcast::<DecompressObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a 'zlib.Decompress' object"))
}

/// Runs `data` through the decompressor, keeping what it did not consume as CPython does.
fn run(vm: &Vm, d: &DecompressObject, data: &[u8], max_length: usize) -> PyResult<ObjRef> {
    let mut out = Vec::new();
    let mut engine = d.engine.borrow_mut();
    let used = if engine.eof {
        0
    } else {
        engine
            .feed(data, max_length, &mut out)
            .map_err(|e| zerror(vm, &e, "decompressing data"))?
    };
    let rest = &data[used.min(data.len())..];
    if engine.eof {
        d.unused_data.borrow_mut().extend_from_slice(rest);
        d.unconsumed_tail.borrow_mut().clear();
    } else {
        *d.unconsumed_tail.borrow_mut() = rest.to_vec();
    }
    drop(engine);
    bytes::new_bytes(vm, &out)
}

fn d_decompress(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, max_length] = parse::<2>(
        vm,
        "decompress",
        Sig::Kw {
            names: &["data", "max_length"],
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let data = data.ok_or_else(|| vm.type_error("missing argument"))?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let max_length = match max_length {
        Some(m) => index_arg(vm, &m)?,
        None => 0,
    };
    if max_length < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    run(vm, decompressor(vm, obj)?, &data, max_length as usize)
}

fn d_flush(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [length] = parse::<1>(vm, "flush", Sig::Clinic(0, 1), args, kw)?;
    if let Some(l) = length {
        if index_arg(vm, &l)? <= 0 {
            return Err(vm.value_error("length must be greater than zero"));
        }
    }
    let d = decompressor(vm, obj)?;
    let tail = std::mem::take(&mut *d.unconsumed_tail.borrow_mut());
    run(vm, d, &tail, 0)
}

fn d_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let _ = crate::vm::args::split_args(args, kw);
    let d = decompressor(vm, obj)?;
    let copy = new_decompress(vm, d.engine.borrow().clone())?;
    if let Some(c) = copy.downcast::<DecompressObject>() {
        *c.unused_data.borrow_mut() = d.unused_data.borrow().clone();
        *c.unconsumed_tail.borrow_mut() = d.unconsumed_tail.borrow().clone();
    }
    Ok(copy)
}

fn d_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let d = decompressor(vm, obj)?;
    match name {
        "unused_data" => bytes::new_bytes(vm, &d.unused_data.borrow()).map(Some),
        "unconsumed_tail" => bytes::new_bytes(vm, &d.unconsumed_tail.borrow()).map(Some),
        "eof" => Ok(Some(boolobj::new_bool(d.engine.borrow().eof))),
        _ => Ok(None),
    }
}

static DECOMPRESS_GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "unused_data",
        get: d_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "unconsumed_tail",
        get: d_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "eof",
        get: d_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

static DECOMPRESS_METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "decompress",
        func: d_decompress,
        flags: 0,
    },
    MethodDef {
        name: "flush",
        func: d_flush,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: d_copy,
        flags: 0,
    },
    MethodDef {
        name: "__copy__",
        func: d_copy,
        flags: 0,
    },
    MethodDef {
        name: "__deepcopy__",
        func: d_copy,
        flags: 0,
    },
];

/// `zlib.Decompress`.
pub static DECOMPRESS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &DECOMPRESS_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "zlib.Decompress",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &DECOMPRESS_VTABLE,
    slots: Slots::EMPTY,
    methods: &DECOMPRESS_METHODS,
    doc: "",
};
