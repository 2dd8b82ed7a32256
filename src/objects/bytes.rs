//! `bytes`: an immutable sequence of bytes, stored inline in the object's block (CPython's
//! `PyBytesObject`).
//!
//! The methods it shares with `bytearray` live in `bytes_methods.rs` (transforming, classifying,
//! `hex`, `decode`, ...) and `bytes_search.rs` (find, split, replace, ...); the constructor's
//! conversions (`bytes(n)`, `bytes(iterable)`, `bytes(str, encoding)`) are in
//! [`crate::objects::bytes_methods::bytes_from_object`], shared with `bytearray(...)`.

use crate::object::typeobj::methflags::{METH_CLASS, METH_STATIC};
use crate::object::CompareOp;
use crate::object::{
    new_var_object_copy, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::bytes_convert as bc;
use crate::objects::bytes_methods::{self as bm, buffer};
use crate::objects::bytes_search as bs;
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a bytes object: the cached hash; the bytes follow inline.
pub struct BytesObject {
    hash: Cell<i64>,
}

impl PyPayload for BytesObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(BytesObject);

static BYTES_VTABLE: PayloadVTable = PayloadVTable::of_var::<BytesObject, u8>();

/// Sentinel for "hash not computed yet".
const NO_HASH: i64 = -1;

/// A new bytes object holding a copy of `data`.
pub fn new_bytes(vm: &Vm, data: &[u8]) -> PyResult<ObjRef> {
    new_bytes_of_type(vm, &BYTES_TYPE, data)
}

/// A new instance of `ty` (`bytes` or a subclass) holding a copy of `data`.
pub fn new_bytes_of_type(vm: &Vm, ty: &TypeObject, data: &[u8]) -> PyResult<ObjRef> {
    if data.len() > isize::MAX as usize / 2 {
        return Err(vm.memory_error_err());
    }
    let payload = BytesObject {
        hash: Cell::new(NO_HASH),
    };
    new_var_object_copy::<BytesObject, u8>(ty, payload, data).or_mem(vm)
}

/// The contents of a bytes object (or of an instance of a subclass).
#[inline]
pub fn as_bytes(obj: &ObjRef) -> Option<&[u8]> {
    obj.downcast_var::<BytesObject, u8>().map(|(_, b)| b)
}

/// CPython's `repr(bytes)`: `b'...'`, double quotes only when the bytes hold `'` and no `"`;
/// `\t \n \r \\`, the quote, and bytes outside printable ASCII escaped as `\xhh`.
pub fn repr_bytes(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            c if !(0x20..0x7f).contains(&c) => out.push_str(&format!("\\x{c:02x}")),
            c => out.push(c as char),
        }
    }
    out.push(quote as char);
    out
}

fn bytes_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, &repr_bytes(as_bytes(obj).unwrap_or(&[])))
}

/// The hash of a bytes object: the same as a str with the same (ASCII) text, as in CPython.
pub fn bytes_hash_value(obj: &ObjRef) -> i64 {
    let Some((p, data)) = obj.downcast_var::<BytesObject, u8>() else {
        return 0;
    };
    let cached = p.hash.get();
    if cached != NO_HASH {
        return cached;
    }
    let h = pystr::hash_text(data);
    p.hash.set(h);
    h
}

fn bytes_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    Ok(bytes_hash_value(obj))
}

/// Compares two byte strings for a rich comparison operator.
pub(crate) fn compare_bytes(x: &[u8], y: &[u8], op: CompareOp) -> Option<bool> {
    Some(match op {
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
        CompareOp::AlmostEq => return None,
    })
}

/// A rich comparison of two bytes-like operands by content; `NotImplemented` for others.
pub(crate) fn compare_buffers(a: &ObjRef, b: &ObjRef, op: CompareOp) -> ObjRef {
    let (Some(x), Some(y)) = (buffer(a), buffer(b)) else {
        return not_implemented();
    };
    match compare_bytes(&x, &y, op) {
        Some(r) => new_bool(r),
        None => not_implemented(),
    }
}

fn bytes_richcompare(_vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    // CPython's bytes compares only with bytes and bytearray; a memoryview answers for itself
    // (equality by content, no ordering).
    let view = |o: &ObjRef| o.is_instance(&crate::objects::memoryview::MEMORYVIEW_TYPE);
    if view(a) || view(b) {
        return Ok(not_implemented());
    }
    Ok(compare_buffers(a, b, op))
}

fn bytes_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(as_bytes(obj).map_or(0, |b| b.len()))
}

fn bytes_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let data = as_bytes(obj).unwrap_or(&[]);
    if let Some(ix) = ops::slice_indices(vm, key, data.len())? {
        let picked: Vec<u8> = ix.iter().map(|i| data[i]).collect();
        return new_bytes(vm, &picked);
    }
    let i = bm::item_index(vm, key, data.len(), "byte", "index out of range")?;
    int::new_int(vm, data[i] as i64)
}

fn bytes_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    bm::contains(vm, as_bytes(obj).unwrap_or(&[]), item)
}

fn bytes_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

fn bytes_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(x) = as_bytes(a) else {
        return Ok(not_implemented());
    };
    let Some(y) = buffer(b) else {
        return Err(vm.type_error(&format!("can't concat {} to bytes", b.ob_type().name())));
    };
    let size = x
        .len()
        .checked_add(y.len())
        .ok_or_else(|| vm.memory_error_err())?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, size)?;
    out.extend_from_slice(x);
    out.extend_from_slice(&y);
    new_bytes(vm, &out)
}

fn bytes_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (data, n) = match (as_bytes(a), as_bytes(b)) {
        (Some(d), _) => (d, b),
        (None, Some(d)) => (d, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    new_bytes(vm, &bm::repeat(vm, data, n)?)
}

fn bytes_mod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(fmt) = as_bytes(a) else {
        return Ok(not_implemented());
    };
    new_bytes(
        vm,
        &crate::objects::printf::percent_format_bytes(vm, fmt, b)?,
    )
}

fn bytes_getnewargs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytes.__getnewargs__", Sig::NoArgs, args, kw)?;
    let copy = new_bytes(vm, as_bytes(this).unwrap_or(&[]))?;
    crate::objects::tuple::new_tuple(vm, vec![copy])
}

fn bytes_bytes(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytes.__bytes__", Sig::NoArgs, args, kw)?;
    if std::ptr::eq(this.ob_type(), &BYTES_TYPE) {
        return Ok(this.clone());
    }
    new_bytes(vm, as_bytes(this).unwrap_or(&[]))
}

macro_rules! methods {
    ($($name:literal => $func:path $([$flags:expr])?),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 $(| $flags)? }),*]
    };
}

/// Methods of `bytes`, in CPython's order.
static BYTES_METHODS: [MethodDef; 44] = methods![
    "__getnewargs__" => bytes_getnewargs,
    "__bytes__" => bytes_bytes,
    "capitalize" => bm::m_capitalize,
    "center" => bm::m_center,
    "count" => bs::m_count,
    "decode" => bc::m_decode,
    "endswith" => bs::m_endswith,
    "expandtabs" => bm::m_expandtabs,
    "find" => bs::m_find,
    "fromhex" => bc::m_fromhex [METH_CLASS],
    "hex" => bc::m_hex,
    "index" => bs::m_index,
    "isalnum" => bm::m_isalnum,
    "isalpha" => bm::m_isalpha,
    "isascii" => bm::m_isascii,
    "isdigit" => bm::m_isdigit,
    "islower" => bm::m_islower,
    "isspace" => bm::m_isspace,
    "istitle" => bm::m_istitle,
    "isupper" => bm::m_isupper,
    "join" => bm::m_join,
    "ljust" => bm::m_ljust,
    "lower" => bm::m_lower,
    "lstrip" => bm::m_lstrip,
    "maketrans" => bc::m_maketrans [METH_STATIC],
    "partition" => bs::m_partition,
    "replace" => bs::m_replace,
    "removeprefix" => bs::m_removeprefix,
    "removesuffix" => bs::m_removesuffix,
    "rfind" => bs::m_rfind,
    "rindex" => bs::m_rindex,
    "rjust" => bm::m_rjust,
    "rpartition" => bs::m_rpartition,
    "rsplit" => bs::m_rsplit,
    "rstrip" => bm::m_rstrip,
    "split" => bs::m_split,
    "splitlines" => bs::m_splitlines,
    "startswith" => bs::m_startswith,
    "strip" => bm::m_strip,
    "swapcase" => bm::m_swapcase,
    "title" => bm::m_title,
    "translate" => bc::m_translate,
    "upper" => bm::m_upper,
    "zfill" => bm::m_zfill,
];

/// `bytes`.
pub static BYTES_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "bytes",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &BYTES_VTABLE,
    slots: Slots {
        repr: Some(bytes_repr),
        hash: Some(bytes_hash),
        richcompare: Some(bytes_richcompare),
        len: Some(bytes_len),
        getitem: Some(bytes_getitem),
        contains: Some(bytes_contains),
        iter: Some(bytes_iter),
        new: Some(bytes_new),
        number: NumberSlots {
            add: Some(bytes_add),
            multiply: Some(bytes_mul),
            remainder: Some(bytes_mod),
            ..NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &BYTES_METHODS,
    doc: "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n\
          bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n\
          bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n\
          bytes() -> empty bytes object",
};

fn bytes_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["source", "encoding", "errors"],
        required: 0,
        posonly: 0,
    };
    let [source, encoding, errors] = parse::<3>(vm, "bytes", sig, args, kwnames)?;
    if let Some(src) = &source {
        // `bytes(b)` of an exact bytes object is the object itself, as in CPython.
        if std::ptr::eq(ty, &BYTES_TYPE)
            && std::ptr::eq(src.ob_type(), &BYTES_TYPE)
            && encoding.is_none()
            && errors.is_none()
        {
            return Ok(src.clone());
        }
    }
    let data = bm::bytes_from_object(
        vm,
        "bytes",
        source.as_ref(),
        encoding.as_ref(),
        errors.as_ref(),
    )?;
    new_bytes_of_type(vm, ty, &data)
}

#[cfg(test)]
mod tests {
    use super::repr_bytes;

    #[test]
    fn repr_quotes_like_cpython() {
        assert_eq!(repr_bytes(b"abc"), "b'abc'");
        assert_eq!(repr_bytes(b"'"), "b\"'\"");
        assert_eq!(repr_bytes(b"'\""), "b'\\'\"'");
        assert_eq!(
            repr_bytes(b"\x00\x7f\x80\xff\t\n\r\\"),
            "b'\\x00\\x7f\\x80\\xff\\t\\n\\r\\\\'"
        );
    }
}
