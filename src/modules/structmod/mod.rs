//! The `_struct` module behind `Lib/struct.py`: `pack`, `unpack`, `pack_into`, `unpack_from`,
//! `iter_unpack`, `calcsize`, the `Struct` type, the `unpack_iterator` it returns, and
//! `struct.error`.
//!
//! A `Struct` keeps its parsed layout ([`format::Layout`]) and its format text; it refers to no
//! Python object, so neither it nor the iterator (which keeps a copy of the bytes it walks)
//! takes part in cycle collection. The module-level functions parse their format on each call
//! (`_clearcache` therefore has nothing to clear).

pub mod codec;
pub mod format;

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::bytes_methods::buffer_arg;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{bytearray, bytes, int, module, none, slice, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use codec::error;
use format::Layout;
use std::cell::Cell;

/// Payload of `Struct`.
pub struct StructObject {
    layout: Layout,
    text: String,
}

impl PyPayload for StructObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(StructObject);

static STRUCT_VTABLE: PayloadVTable = PayloadVTable::of::<StructObject>();

/// Parses a format argument (`str` or `bytes`).
fn compile(vm: &Vm, fmt: &ObjRef) -> PyResult<(Layout, String)> {
    let text = if let Some(s) = pystr::as_str(fmt) {
        if !s.is_ascii() {
            let msg = "'ascii' codec can't encode characters in format";
            return Err(error(vm, msg));
        }
        s.to_string()
    } else if let Some(b) = bytes::as_bytes(fmt) {
        String::from_utf8_lossy(b).into_owned()
    } else {
        return Err(vm.type_error(&format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            fmt.ob_type().name()
        )));
    };
    let layout = format::parse(text.as_bytes()).map_err(|e| error(vm, e.message()))?;
    Ok((layout, text))
}

fn this<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a StructObject> {
    obj.downcast::<StructObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_struct.Struct' object"))
}

/// Packs `values` by `layout` into a fresh buffer.
fn pack_values(vm: &Vm, layout: &Layout, values: &[ObjRef], who: &str) -> PyResult<Vec<u8>> {
    if values.len() != layout.values {
        return Err(error(
            vm,
            &format!(
                "{who} expected {} items for packing (got {})",
                layout.values,
                values.len()
            ),
        ));
    }
    vm.check_bytes(layout.size)?;
    let mut out = vec![0u8; layout.size];
    let mut it = values.iter();
    for f in &layout.fields {
        for k in 0..f.count {
            let at = f.offset + k * f.len;
            let v = it.next().ok_or_else(|| error(vm, "missing value"))?;
            codec::pack_one(
                vm,
                f,
                layout.order,
                layout.native,
                v,
                &mut out[at..at + f.len],
            )?;
        }
    }
    Ok(out)
}

/// Unpacks `data` (exactly `layout.size` bytes) into a tuple.
fn unpack_values(vm: &Vm, layout: &Layout, data: &[u8]) -> PyResult<ObjRef> {
    let mut items = Vec::with_capacity(layout.values);
    for f in &layout.fields {
        for k in 0..f.count {
            let at = f.offset + k * f.len;
            items.push(codec::unpack_one(
                vm,
                f,
                layout.order,
                &data[at..at + f.len],
            )?);
        }
    }
    tuple::new_tuple(vm, items)
}

fn unpack_exact(vm: &Vm, layout: &Layout, buf: &ObjRef) -> PyResult<ObjRef> {
    let data = buffer_arg(vm, buf)?;
    if data.len() != layout.size {
        return Err(error(
            vm,
            &format!("unpack requires a buffer of {} bytes", layout.size),
        ));
    }
    unpack_values(vm, layout, &data)
}

fn unpack_at(vm: &Vm, layout: &Layout, buf: &ObjRef, offset: Option<&ObjRef>) -> PyResult<ObjRef> {
    let data = buffer_arg(vm, buf)?;
    let given = match offset {
        Some(o) => index_arg(vm, o)?,
        None => 0,
    };
    let len = data.len() as i64;
    let size = layout.size as i64;
    let mut offset = given;
    if offset < 0 {
        if offset + len < 0 {
            return Err(error(
                vm,
                &format!("offset {given} out of range for {len}-byte buffer"),
            ));
        }
        offset += len;
    }
    if len - offset < size {
        let msg = if given < 0 {
            format!("not enough data to unpack {size} bytes at offset {given}")
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {len})",
                size as i128 + offset as i128
            )
        };
        return Err(error(vm, &msg));
    }
    let start = offset as usize;
    unpack_values(vm, layout, &data[start..start + layout.size])
}

/// Writes `data` into the writable buffer `buf` at `at`.
fn write_into(vm: &Vm, buf: &ObjRef, at: usize, data: &[u8]) -> PyResult<()> {
    if let Some(s) = bytearray::storage(buf) {
        for (i, b) in data.iter().enumerate() {
            s.set(at + i, *b);
        }
        return Ok(());
    }
    let key = slice::new_slice(
        vm,
        int::new_int(vm, at as i64)?,
        int::new_int(vm, (at + data.len()) as i64)?,
        none::none(),
    )?;
    let value = bytes::new_bytes(vm, data)?;
    ops::setitem(vm, buf, &key, Some(&value))
}

fn writable_len(vm: &Vm, buf: &ObjRef) -> PyResult<usize> {
    let writable = bytearray::storage(buf).is_some()
        || crate::objects::memoryview::view_bytes(buf).is_some_and(|_| {
            matches!(
                ops::getattr(vm, buf, "readonly").map(|r| ops::truthy(vm, &r)),
                Ok(Ok(false))
            )
        });
    if !writable {
        return Err(vm.type_error(&format!(
            "argument must be read-write bytes-like object, not {}",
            buf.ob_type().name()
        )));
    }
    Ok(buffer_arg(vm, buf)?.len())
}

fn pack_into_impl(vm: &Vm, layout: &Layout, rest: &[ObjRef]) -> PyResult<ObjRef> {
    let Some(buf) = rest.first() else {
        return Err(error(vm, "pack_into expected buffer argument"));
    };
    let Some(off) = rest.get(1) else {
        return Err(error(vm, "pack_into expected offset argument"));
    };
    let values = &rest[2..];
    if values.len() != layout.values {
        return Err(error(
            vm,
            &format!(
                "pack_into expected {} items for packing (got {})",
                layout.values,
                values.len()
            ),
        ));
    }
    let len = writable_len(vm, buf)? as i64;
    let given = index_arg(vm, off)?;
    let size = layout.size as i64;
    let mut offset = given;
    if offset < 0 {
        if offset + len < 0 {
            return Err(error(
                vm,
                &format!("offset {given} out of range for {len}-byte buffer"),
            ));
        }
        offset += len;
    }
    if len - offset < size {
        let msg = if given < 0 {
            format!("no space to pack {size} bytes at offset {given}")
        } else {
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {size} bytes at offset {offset} (actual buffer size is {len})",
                size as i128 + offset as i128
            )
        };
        return Err(error(vm, &msg));
    }
    let data = pack_values(vm, layout, values, "pack_into")?;
    write_into(vm, buf, offset as usize, &data)?;
    Ok(none::none())
}

fn new_iterator(vm: &Vm, layout: &Layout, buf: &ObjRef) -> PyResult<ObjRef> {
    let data = buffer_arg(vm, buf)?;
    if layout.size == 0 {
        return Err(error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % layout.size != 0 {
        return Err(error(
            vm,
            &format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                layout.size
            ),
        ));
    }
    let it = UnpackIter {
        layout: layout.clone(),
        data: data.into_owned(),
        pos: Cell::new(0),
    };
    new_object(&UNPACK_ITER_TYPE, it).or_mem(vm)
}

// ----- module functions -----

fn format_first<'a>(vm: &Vm, args: &'a [ObjRef], kw: Option<&ObjRef>) -> PyResult<&'a ObjRef> {
    crate::vm::args::no_kwargs(vm, "pack", kw)?;
    args.first()
        .ok_or_else(|| vm.type_error("missing format argument"))
}

fn m_pack(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let fmt = format_first(vm, args, kw)?;
    let (layout, _) = compile(vm, fmt)?;
    let data = pack_values(vm, &layout, &args[1..], "pack")?;
    bytes::new_bytes(vm, &data)
}

fn m_pack_into(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let fmt = format_first(vm, args, kw)?;
    let (layout, _) = compile(vm, fmt)?;
    pack_into_impl(vm, &layout, &args[1..])
}

fn two(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<(ObjRef, ObjRef)> {
    match parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)? {
        [Some(a), Some(b)] => Ok((a, b)),
        _ => Err(vm.type_error("missing argument")),
    }
}

fn m_unpack(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (fmt, buf) = two(vm, "unpack", args, kw)?;
    let (layout, _) = compile(vm, &fmt)?;
    unpack_exact(vm, &layout, &buf)
}

fn m_unpack_from(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fmt, buf, offset] = parse::<3>(
        vm,
        "unpack_from",
        Sig::Kw {
            names: &["format", "buffer", "offset"],
            required: 2,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let (Some(fmt), Some(buf)) = (fmt, buf) else {
        return Err(vm.type_error("missing argument"));
    };
    let (layout, _) = compile(vm, &fmt)?;
    unpack_at(vm, &layout, &buf, offset.as_ref())
}

fn m_iter_unpack(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (fmt, buf) = two(vm, "iter_unpack", args, kw)?;
    let (layout, _) = compile(vm, &fmt)?;
    new_iterator(vm, &layout, &buf)
}

fn m_calcsize(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fmt] = parse::<1>(vm, "calcsize", Sig::One, args, kw)?;
    let fmt = fmt.ok_or_else(|| vm.type_error("missing argument"))?;
    let (layout, _) = compile(vm, &fmt)?;
    int::new_int(vm, layout.size as i64)
}

fn m_clearcache(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "_clearcache", Sig::NoArgs, args, kw)?;
    Ok(none::none())
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "pack",
        func: m_pack,
    },
    BuiltinDef {
        name: "pack_into",
        func: m_pack_into,
    },
    BuiltinDef {
        name: "unpack",
        func: m_unpack,
    },
    BuiltinDef {
        name: "unpack_from",
        func: m_unpack_from,
    },
    BuiltinDef {
        name: "iter_unpack",
        func: m_iter_unpack,
    },
    BuiltinDef {
        name: "calcsize",
        func: m_calcsize,
    },
    BuiltinDef {
        name: "_clearcache",
        func: m_clearcache,
    },
];

// ----- Struct -----

fn struct_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fmt] = parse::<1>(
        vm,
        "Struct",
        Sig::Kw {
            names: &["format"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let fmt = fmt.ok_or_else(|| vm.type_error("missing argument"))?;
    let (layout, text) = compile(vm, &fmt)?;
    new_object(ty, StructObject { layout, text }).or_mem(vm)
}

fn s_pack(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "pack", kw)?;
    let s = this(vm, obj)?;
    let data = pack_values(vm, &s.layout, args, "pack")?;
    bytes::new_bytes(vm, &data)
}

fn s_pack_into(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "pack_into", kw)?;
    let s = this(vm, obj)?;
    pack_into_impl(vm, &s.layout, args)
}

fn s_unpack(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [buf] = parse::<1>(vm, "Struct.unpack", Sig::One, args, kw)?;
    let buf = buf.ok_or_else(|| vm.type_error("missing argument"))?;
    unpack_exact(vm, &this(vm, obj)?.layout, &buf)
}

fn s_unpack_from(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [buf, offset] = parse::<2>(
        vm,
        "unpack_from",
        Sig::Kw {
            names: &["buffer", "offset"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let buf = buf.ok_or_else(|| vm.type_error("missing argument"))?;
    unpack_at(vm, &this(vm, obj)?.layout, &buf, offset.as_ref())
}

fn s_iter_unpack(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [buf] = parse::<1>(vm, "Struct.iter_unpack", Sig::One, args, kw)?;
    let buf = buf.ok_or_else(|| vm.type_error("missing argument"))?;
    new_iterator(vm, &this(vm, obj)?.layout, &buf)
}

fn s_sizeof(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Struct.__sizeof__", Sig::NoArgs, args, kw)?;
    let s = this(vm, obj)?;
    int::new_int(vm, 48 + 24 * (s.layout.fields.len() as i64 + 1))
}

fn struct_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let s = this(vm, obj)?;
    match name {
        "format" => pystr::new_str_vm(vm, &s.text).map(Some),
        "size" => int::new_int(vm, s.layout.size as i64).map(Some),
        _ => Ok(None),
    }
}

static STRUCT_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "format",
        get: struct_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "size",
        get: struct_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

static STRUCT_METHODS: [MethodDef; 6] = [
    MethodDef {
        name: "pack",
        func: s_pack,
        flags: 0,
    },
    MethodDef {
        name: "pack_into",
        func: s_pack_into,
        flags: 0,
    },
    MethodDef {
        name: "unpack",
        func: s_unpack,
        flags: 0,
    },
    MethodDef {
        name: "unpack_from",
        func: s_unpack_from,
        flags: 0,
    },
    MethodDef {
        name: "iter_unpack",
        func: s_iter_unpack,
        flags: 0,
    },
    MethodDef {
        name: "__sizeof__",
        func: s_sizeof,
        flags: 0,
    },
];

/// `_struct.Struct`.
pub static STRUCT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &STRUCT_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_struct.Struct",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &STRUCT_VTABLE,
    slots: Slots {
        new: Some(struct_new),
        ..Slots::EMPTY
    },
    methods: &STRUCT_METHODS,
    doc: "Struct(fmt) --> compiled struct object\n\n",
};

// ----- unpack_iterator -----

/// Payload of `unpack_iterator`: the layout, a copy of the buffer and the next position.
pub struct UnpackIter {
    layout: Layout,
    data: Vec<u8>,
    pos: Cell<usize>,
}

impl PyPayload for UnpackIter {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(UnpackIter);

static UNPACK_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<UnpackIter>();

fn iter_self(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn iter_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<UnpackIter>() else {
        return Ok(None);
    };
    let at = it.pos.get();
    if at + it.layout.size > it.data.len() {
        return Ok(None);
    }
    it.pos.set(at + it.layout.size);
    unpack_values(vm, &it.layout, &it.data[at..at + it.layout.size]).map(Some)
}

fn iter_length_hint(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "__length_hint__", Sig::NoArgs, args, kw)?;
    let n = obj.downcast::<UnpackIter>().map_or(0, |it| {
        (it.data.len() - it.pos.get().min(it.data.len())) / it.layout.size.max(1)
    });
    int::new_int(vm, n as i64)
}

static UNPACK_ITER_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__length_hint__",
    func: iter_length_hint,
    flags: 0,
}];

/// `_struct.unpack_iterator`.
pub static UNPACK_ITER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_struct.unpack_iterator",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &UNPACK_ITER_VTABLE,
    slots: Slots {
        iter: Some(iter_self),
        next: Some(iter_next),
        ..Slots::EMPTY
    },
    methods: &UNPACK_ITER_METHODS,
    doc: "",
};

/// Builds `_struct`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_struct")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "Struct", ObjRef::from_type(&STRUCT_TYPE))?;
    let base = crate::modules::modutil::base(&crate::objects::exceptions::EXCEPTION);
    crate::modules::modutil::add_exception_class(vm, &m, "struct", "error", &[base])?;
    let doc = "Conversions between Python values and C structures packed in bytes objects.";
    module::set_attr(vm, &m, "__doc__", pystr::new_str_vm(vm, doc)?)?;
    Ok(m)
}
