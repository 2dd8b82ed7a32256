//! `bytearray`: a mutable sequence of bytes whose storage ([`ByteVec`]) comes from the
//! interpreter's heap.
//!
//! It shares the non-mutating methods of `bytes` (`bytes_methods.rs`, `bytes_search.rs`); this
//! file holds the payload, the slots (subscripts with slice assignment and deletion, `+=`,
//! `*=`) and the mutating methods. Converting an argument may run Python code (iterating,
//! `__index__`), so every edit first computes the new bytes and then writes them in one step.

use crate::object::typeobj::methflags::{METH_CLASS, METH_STATIC};
use crate::object::CompareOp;
use crate::object::{
    new_object, ByteVec, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::bytes::{compare_buffers, repr_bytes};
use crate::objects::bytes_convert as bc;
use crate::objects::bytes_methods::{self as bm, buffer};
use crate::objects::bytes_search as bs;
use crate::objects::none::{none, not_implemented};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, slice, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a bytearray.
pub struct ByteArrayObject {
    data: ByteVec,
}

impl PyPayload for ByteArrayObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(ByteArrayObject);

static BYTEARRAY_VTABLE: PayloadVTable = PayloadVTable::of::<ByteArrayObject>();

/// A new bytearray holding a copy of `data`.
pub fn new_bytearray(vm: &Vm, data: &[u8]) -> PyResult<ObjRef> {
    new_bytearray_of_type(vm, &BYTEARRAY_TYPE, data)
}

fn new_bytearray_of_type(vm: &Vm, ty: &TypeObject, data: &[u8]) -> PyResult<ObjRef> {
    let data = ByteVec::from_slice(data).or_mem(vm)?;
    new_object(ty, ByteArrayObject { data }).or_mem(vm)
}

/// The storage of a bytearray (or of an instance of a subclass).
#[inline]
pub fn storage(obj: &ObjRef) -> Option<&ByteVec> {
    obj.downcast::<ByteArrayObject>().map(|b| &b.data)
}

fn storage_or_err<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a ByteVec> {
    storage(obj).ok_or_else(|| vm.type_error("descriptor requires a 'bytearray' object"))
}

fn bytearray_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let v = storage_or_err(vm, obj)?;
    let text = format!("{}({})", obj.ob_type().name(), repr_bytes(&v.to_vec()));
    pystr::new_str_vm(vm, &text)
}

fn bytearray_richcompare(_vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    // bytearray compares with any buffer, memoryviews included, as CPython's does.
    Ok(compare_buffers(a, b, op))
}

fn bytearray_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(storage(obj).map_or(0, |v| v.len()))
}

fn bytearray_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let v = storage_or_err(vm, obj)?;
    if let Some(ix) = ops::slice_indices(vm, key, v.len())? {
        let data = v.to_vec();
        let picked: Vec<u8> = ix.iter().filter_map(|i| data.get(i).copied()).collect();
        return new_bytearray(vm, &picked);
    }
    let i = bm::item_index(
        vm,
        key,
        v.len(),
        "bytearray",
        "bytearray index out of range",
    )?;
    let b = v
        .get(i)
        .ok_or_else(|| vm.index_error("bytearray index out of range"))?;
    int::new_int(vm, b as i64)
}

/// The bytes a slice assignment stores: a bytes-like object or an iterable of byte values.
fn assigned_bytes(vm: &Vm, obj: &ObjRef, value: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(value) {
        return Ok(b.into_owned());
    }
    let bad =
        || vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if value.is(obj) || pystr::is_str(value) || int::is_int(value) {
        return Err(bad());
    }
    if value.ob_type().slots.iter.is_none() {
        return Err(bad());
    }
    let mut out = Vec::new();
    for item in ops::collect_iterable(vm, value)? {
        out.push(bm::byte_value(vm, &item)?);
    }
    Ok(out)
}

fn bytearray_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let v = storage_or_err(vm, obj)?;
    if let Some(s) = slice::as_slice(key) {
        let new = match value {
            Some(val) => Some(assigned_bytes(vm, obj, val)?),
            None => None,
        };
        return assign_slice(vm, v, s, new);
    }
    let byte = match value {
        Some(val) => Some(bm::byte_value(vm, val)?),
        None => None,
    };
    let i = bm::item_index(
        vm,
        key,
        v.len(),
        "bytearray",
        "bytearray index out of range",
    )?;
    match byte {
        Some(b) => {
            v.set(i, b);
        }
        None => {
            v.remove(i);
        }
    }
    Ok(())
}

/// `a[s] = new` / `del a[s]` for a slice `s` (CPython's `bytearray_ass_subscript`).
fn assign_slice(
    vm: &Vm,
    v: &ByteVec,
    s: &slice::SliceObject,
    new: Option<Vec<u8>>,
) -> PyResult<()> {
    let (mut start, mut stop, step) = slice::unpack(vm, s)?;
    let mut data = v.to_vec();
    let n = slice::adjust(data.len() as i64, &mut start, &mut stop, step);
    if step == 1 {
        let lo = start.max(0) as usize;
        let hi = (stop.max(start).max(0) as usize).min(data.len());
        return v.splice(lo, hi, &new.unwrap_or_default()).or_mem(vm);
    }
    let positions = ops::SliceIndices {
        start,
        stop,
        step,
        len: n,
    };
    match new {
        Some(new) => {
            if new.len() != n {
                return Err(vm.value_error(&format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    new.len(),
                    n
                )));
            }
            for (pos, b) in positions.iter().zip(new) {
                data[pos] = b;
            }
        }
        None => {
            let mut doomed = vec![false; data.len()];
            for pos in positions.iter() {
                doomed[pos] = true;
            }
            data = data
                .into_iter()
                .zip(doomed)
                .filter(|(_, gone)| !gone)
                .map(|(b, _)| b)
                .collect();
        }
    }
    v.replace_all(&data).or_mem(vm)
}

fn bytearray_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let data = storage_or_err(vm, obj)?.to_vec();
    bm::contains(vm, &data, item)
}

fn bytearray_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

fn concat_error(vm: &Vm, b: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!("can't concat {} to bytearray", b.ob_type().name()))
}

fn bytearray_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(x) = storage(a) else {
        return Ok(not_implemented());
    };
    let Some(y) = buffer(b) else {
        return Err(concat_error(vm, b));
    };
    let size = x
        .len()
        .checked_add(y.len())
        .ok_or_else(|| vm.memory_error_err())?;
    vm.check_bytes(size)?;
    let mut out = x.to_vec();
    out.grow(vm, y.len())?;
    out.extend_from_slice(&y);
    new_bytearray(vm, &out)
}

fn bytearray_iadd(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(x) = storage(a) else {
        return Ok(not_implemented());
    };
    let Some(y) = buffer(b) else {
        return Err(concat_error(vm, b));
    };
    x.extend_from_slice(&y).or_mem(vm)?;
    Ok(a.clone())
}

fn bytearray_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (v, n) = match (storage(a), storage(b)) {
        (Some(v), _) => (v, b),
        (None, Some(v)) => (v, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::objects::list::repeat_count(vm, n)? else {
        return Ok(not_implemented());
    };
    new_bytearray(vm, &repeat(vm, &v.to_vec(), n)?)
}

/// `data * n` for a bytearray: as for bytes, but a length past an index is `MemoryError`, as
/// in CPython.
fn repeat(vm: &Vm, data: &[u8], n: usize) -> PyResult<Vec<u8>> {
    if data
        .len()
        .checked_mul(n)
        .is_none_or(|t| t > isize::MAX as usize)
    {
        return Err(vm.memory_error_err());
    }
    bm::repeat(vm, data, n)
}

fn bytearray_imul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(v) = storage(a) else {
        return Ok(not_implemented());
    };
    let Some(n) = crate::objects::list::repeat_count(vm, b)? else {
        return Ok(not_implemented());
    };
    let out = repeat(vm, &v.to_vec(), n)?;
    v.replace_all(&out).or_mem(vm)?;
    Ok(a.clone())
}

fn bytearray_mod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some(fmt) = storage(a) else {
        return Ok(not_implemented());
    };
    let out = crate::objects::printf::percent_format_bytes(vm, &fmt.to_vec(), b)?;
    new_bytearray(vm, &out)
}

// ---- mutating methods -----------------------------------------------------------------------

fn m_append(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [item] = parse::<1>(vm, "bytearray.append", Sig::One, a, k)?;
    let b = bm::byte_value(vm, &item.unwrap_or_else(none))?;
    storage_or_err(vm, this)?.push(b).or_mem(vm)?;
    Ok(none())
}

fn m_extend(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [src] = parse::<1>(vm, "bytearray.extend", Sig::One, a, k)?;
    let src = src.unwrap_or_else(none);
    let v = storage_or_err(vm, this)?;
    let bytes = match buffer(&src) {
        Some(b) => b.into_owned(),
        None => {
            if src.ob_type().slots.iter.is_none() {
                return Err(vm.type_error(&format!(
                    "can't extend bytearray with {}",
                    src.ob_type().name()
                )));
            }
            let mut out = Vec::new();
            for item in ops::collect_iterable(vm, &src)? {
                out.push(bm::byte_value(vm, &item)?);
            }
            out
        }
    };
    v.extend_from_slice(&bytes).or_mem(vm)?;
    Ok(none())
}

fn m_pop(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [index] = parse::<1>(vm, "bytearray.pop", Sig::Clinic(0, 1), a, k)?;
    let v = storage_or_err(vm, this)?;
    let i = match &index {
        Some(i) => index_arg(vm, i)?,
        None => -1,
    };
    if v.is_empty() {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let len = v.len() as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(vm.index_error("pop index out of range"));
    }
    let b = v
        .remove(idx as usize)
        .ok_or_else(|| vm.index_error("pop index out of range"))?;
    int::new_int(vm, b as i64)
}

fn m_insert(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [index, item] = parse::<2>(vm, "bytearray.insert", Sig::Clinic(2, 2), a, k)?;
    let i = index_arg(vm, &index.unwrap_or_else(none))?;
    let b = bm::byte_value(vm, &item.unwrap_or_else(none))?;
    let v = storage_or_err(vm, this)?;
    let len = v.len() as i64;
    let pos = if i < 0 { (i + len).max(0) } else { i.min(len) };
    v.insert(pos as usize, b).or_mem(vm)?;
    Ok(none())
}

fn m_remove(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [item] = parse::<1>(vm, "bytearray.remove", Sig::One, a, k)?;
    let b = bm::byte_value(vm, &item.unwrap_or_else(none))?;
    let v = storage_or_err(vm, this)?;
    match v.to_vec().iter().position(|&c| c == b) {
        Some(p) => {
            v.remove(p);
            Ok(none())
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn m_clear(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytearray.clear", Sig::NoArgs, a, k)?;
    storage_or_err(vm, this)?.clear();
    Ok(none())
}

fn m_reverse(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytearray.reverse", Sig::NoArgs, a, k)?;
    storage_or_err(vm, this)?.reverse();
    Ok(none())
}

fn m_copy(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytearray.copy", Sig::NoArgs, a, k)?;
    new_bytearray(vm, &storage_or_err(vm, this)?.to_vec())
}

/// `bytearray.__init__(source=b'', encoding=None, errors=None)`: (re)fills the array.
fn m_init(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["source", "encoding", "errors"],
        required: 0,
        posonly: 0,
    };
    let [source, encoding, errors] = parse::<3>(vm, "bytearray", sig, a, k)?;
    let v = storage_or_err(vm, this)?;
    let data = bm::bytes_from_object(
        vm,
        "bytearray",
        source.as_ref(),
        encoding.as_ref(),
        errors.as_ref(),
    )?;
    v.replace_all(&data).or_mem(vm)?;
    Ok(none())
}

macro_rules! methods {
    ($($name:literal => $func:path $([$flags:expr])?),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 $(| $flags)? }),*]
    };
}

/// Methods of `bytearray`, in CPython's order.
static BYTEARRAY_METHODS: [MethodDef; 53] = methods![
    "__init__" => m_init,
    "append" => m_append,
    "capitalize" => bm::m_capitalize,
    "center" => bm::m_center,
    "clear" => m_clear,
    "copy" => m_copy,
    "count" => bs::m_count,
    "decode" => bc::m_decode,
    "endswith" => bs::m_endswith,
    "expandtabs" => bm::m_expandtabs,
    "extend" => m_extend,
    "find" => bs::m_find,
    "fromhex" => bc::m_fromhex [METH_CLASS],
    "hex" => bc::m_hex,
    "index" => bs::m_index,
    "insert" => m_insert,
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
    "pop" => m_pop,
    "remove" => m_remove,
    "replace" => bs::m_replace,
    "removeprefix" => bs::m_removeprefix,
    "removesuffix" => bs::m_removesuffix,
    "reverse" => m_reverse,
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
    "__alloc__" => m_alloc,
    "__sizeof__" => m_sizeof,
];

fn m_alloc(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytearray.__alloc__", Sig::NoArgs, a, k)?;
    let v = storage_or_err(vm, this)?;
    // CPython counts the trailing NUL it keeps after the bytes.
    let cap = v.capacity_bytes();
    int::new_int(vm, if cap == 0 { 0 } else { cap as i64 + 1 })
}

fn m_sizeof(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "bytearray.__sizeof__", Sig::NoArgs, a, k)?;
    let v = storage_or_err(vm, this)?;
    int::new_int(vm, (this.block_size() + v.capacity_bytes()) as i64)
}

/// `bytearray`.
pub static BYTEARRAY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "bytearray",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &BYTEARRAY_VTABLE,
    slots: Slots {
        repr: Some(bytearray_repr),
        richcompare: Some(bytearray_richcompare),
        len: Some(bytearray_len),
        getitem: Some(bytearray_getitem),
        setitem: Some(bytearray_setitem),
        contains: Some(bytearray_contains),
        iter: Some(bytearray_iter),
        new: Some(bytearray_new),
        number: NumberSlots {
            add: Some(bytearray_add),
            multiply: Some(bytearray_mul),
            remainder: Some(bytearray_mod),
            inplace_add: Some(bytearray_iadd),
            inplace_multiply: Some(bytearray_imul),
            ..NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &BYTEARRAY_METHODS,
    doc: "bytearray(iterable_of_ints) -> bytearray\n\
          bytearray(string, encoding[, errors]) -> bytearray\n\
          bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n\
          bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n\
          bytearray() -> empty bytes array",
};

fn bytearray_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let obj = new_bytearray_of_type(vm, ty, &[])?;
    if !args.is_empty() {
        m_init(vm, &obj, args, kwnames)?;
    }
    Ok(obj)
}
