//! `memoryview`: a view of the bytes of a `bytes` or `bytearray` (CPython's
//! `Objects/memoryobject.c`, for the one-dimensional unsigned-byte format `'B'` those types
//! export).
//!
//! A view holds its exporter and the positions it selects (`start`, `step`, `len`), so slicing a
//! view makes another view of the same exporter without copying. Views of a bytearray write
//! through to it. Reads go through [`view_bytes`], which also makes every bytes-like argument
//! of `bytes`/`bytearray` methods accept a memoryview. A released view refuses every operation
//! with CPython's `ValueError`.

use crate::object::CompareOp;
use crate::object::{
    new_object, GetSetDef, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::bytes::{as_bytes, compare_bytes, new_bytes};
use crate::objects::bytes_methods::{self as bm, buffer};
use crate::objects::none::{none, not_implemented};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{bytearray, int, list, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a memoryview.
pub struct MemoryViewObject {
    /// The exporter: a `bytes` or `bytearray` (or an instance of a subclass).
    obj: ObjRef,
    /// Position of the view's first byte in the exporter.
    start: usize,
    /// Distance between consecutive bytes of the view (never zero).
    step: isize,
    /// How many bytes the view shows.
    len: usize,
    /// Set by `release()`.
    released: Cell<bool>,
    /// The item format: `b'B'`, or an integer format a contiguous view was cast to.
    fmt: u8,
}

impl PyPayload for MemoryViewObject {
    // The exporter is a bytes or bytearray, which hold no references: no cycle can pass here.
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(MemoryViewObject);

static MEMORYVIEW_VTABLE: PayloadVTable = PayloadVTable::of::<MemoryViewObject>();

fn as_view(obj: &ObjRef) -> Option<&MemoryViewObject> {
    obj.downcast::<MemoryViewObject>()
}

/// The view's payload, or CPython's error for a released view.
fn live<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a MemoryViewObject> {
    let v =
        as_view(obj).ok_or_else(|| vm.type_error("descriptor requires a 'memoryview' object"))?;
    if v.released.get() {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(v)
}

impl MemoryViewObject {
    /// The exporter position of the view's byte `i` (`i < len`).
    fn position(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    /// A copy of the bytes the view shows. A bytearray that shrank under the view shows fewer.
    fn bytes(&self) -> Vec<u8> {
        let data = bm::data(&self.obj);
        (0..self.len)
            .filter_map(|i| data.get(self.position(i)).copied())
            .collect()
    }

    /// Bytes per item.
    fn itemsize(&self) -> usize {
        format_itemsize(self.fmt)
    }

    /// Number of items.
    fn items(&self) -> usize {
        self.len / self.itemsize()
    }

    /// Item `i` of a view of an integer format (`i < items()`), from its native bytes.
    fn item(&self, data: &[u8], i: usize) -> Option<i128> {
        let n = self.itemsize();
        let mut raw = [0u8; 8];
        for (k, slot) in raw.iter_mut().enumerate().take(n) {
            *slot = *data.get(self.position(i * n + k))?;
        }
        let u = u64::from_ne_bytes(raw);
        Some(match self.fmt {
            b'b' => u as u8 as i8 as i128,
            b'h' => u as u16 as i16 as i128,
            b'i' => u as u32 as i32 as i128,
            b'l' | b'q' | b'n' => u as i64 as i128,
            _ => u as i128,
        })
    }

    fn readonly(&self) -> bool {
        bytearray::storage(&self.obj).is_none()
    }

    /// Whether the bytes shown are adjacent and in order (one of them counts, none only with
    /// the unit stride: CPython's test for one dimension).
    fn contiguous(&self) -> bool {
        self.step == 1 || self.len == 1
    }
}

/// The bytes a memoryview shows, if `obj` is a live memoryview.
pub fn view_bytes(obj: &ObjRef) -> Option<Vec<u8>> {
    let v = as_view(obj)?;
    if v.released.get() {
        return None;
    }
    Some(v.bytes())
}

/// `memoryview(object)`.
fn memoryview_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [object] = parse::<1>(
        vm,
        "memoryview",
        Sig::Kw {
            names: &["object"],
            required: 1,
            posonly: 0,
        },
        args,
        kwnames,
    )?;
    let object = object.expect("required argument");
    if let Some(v) = as_view(&object) {
        let v = live(vm, &object).map(|_| v)?;
        return new_view_of(vm, v.obj.clone(), v.start, v.step, v.len, v.fmt);
    }
    let len = if let Some(b) = as_bytes(&object) {
        b.len()
    } else if let Some(s) = bytearray::storage(&object) {
        s.len()
    } else {
        return Err(vm.type_error(&format!(
            "memoryview: a bytes-like object is required, not '{}'",
            object.ob_type().name()
        )));
    };
    new_view(vm, object, 0, 1, len)
}

fn new_view(vm: &Vm, obj: ObjRef, start: usize, step: isize, len: usize) -> PyResult<ObjRef> {
    new_view_of(vm, obj, start, step, len, b'B')
}

fn new_view_of(
    vm: &Vm,
    obj: ObjRef,
    start: usize,
    step: isize,
    len: usize,
    fmt: u8,
) -> PyResult<ObjRef> {
    let view = MemoryViewObject {
        obj,
        start,
        step,
        len,
        released: Cell::new(false),
        fmt,
    };
    new_object(&MEMORYVIEW_TYPE, view).or_mem(vm)
}

fn memoryview_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let state = match as_view(obj) {
        Some(v) if v.released.get() => "released memory",
        _ => "memory",
    };
    pystr::new_str_vm(vm, &format!("<{state} at {:#x}>", obj.addr()))
}

fn memoryview_len(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(live(vm, obj)?.items())
}

/// An item value as an int.
fn item_int(vm: &Vm, v: i128) -> PyResult<ObjRef> {
    match i64::try_from(v) {
        Ok(small) => int::new_int(vm, small),
        Err(_) => int::new_bigint(vm, &num_bigint::BigInt::from(v)),
    }
}

/// The error for what views of integer formats other than `'B'` do not support here.
fn formatted_unsupported(vm: &Vm, v: &MemoryViewObject) -> crate::vm::PyErr {
    vm.new_error(
        &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
        &format!(
            "memoryview: this operation is not supported for format '{}'",
            v.fmt as char
        ),
    )
}

fn memoryview_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let v = live(vm, obj)?;
    if v.fmt != b'B' {
        if let Some(ix) = ops::slice_indices(vm, key, v.items())? {
            // Contiguous slices only: the items of a formatted view are whole runs of bytes.
            if ix.step != 1 && ix.len > 1 {
                return Err(formatted_unsupported(vm, v));
            }
            let n = v.itemsize();
            let start = if ix.len == 0 {
                v.start
            } else {
                v.position(ix.start as usize * n)
            };
            return new_view_of(vm, v.obj.clone(), start, 1, ix.len * n, v.fmt);
        }
        let i = view_index(vm, key, v.items())?;
        let item = v
            .item(&bm::data(&v.obj), i)
            .ok_or_else(|| vm.index_error("index out of bounds on dimension 1"))?;
        return item_int(vm, item);
    }
    if let Some(ix) = ops::slice_indices(vm, key, v.len)? {
        let start = if ix.len == 0 {
            v.start
        } else {
            v.position(ix.start as usize)
        };
        return new_view(vm, v.obj.clone(), start, v.step * ix.step as isize, ix.len);
    }
    let i = view_index(vm, key, v.len)?;
    let byte = bm::data(&v.obj)
        .get(v.position(i))
        .copied()
        .ok_or_else(|| vm.index_error("index out of bounds on dimension 1"))?;
    int::new_int(vm, byte as i64)
}

/// An item index into a view of `len` bytes, with CPython's messages.
fn view_index(vm: &Vm, key: &ObjRef, len: usize) -> PyResult<usize> {
    if ops::index(vm, key)?.is_none() {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    bm::item_index(
        vm,
        key,
        len,
        "memoryview",
        "index out of bounds on dimension 1",
    )
}

fn memoryview_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let v = live(vm, obj)?;
    if v.fmt != b'B' {
        return Err(formatted_unsupported(vm, v));
    }
    let Some(target) = bytearray::storage(&v.obj) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let Some(value) = value else {
        return Err(vm.type_error("cannot delete memory"));
    };
    let (positions, bytes): (Vec<usize>, Vec<u8>) =
        if let Some(ix) = ops::slice_indices(vm, key, v.len)? {
            let Some(src) = buffer(value).map(|b| b.into_owned()) else {
                return Err(vm.type_error(&format!(
                    "a bytes-like object is required, not '{}'",
                    value.ob_type().name()
                )));
            };
            if src.len() != ix.len {
                return Err(vm.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            (ix.iter().map(|i| v.position(i)).collect(), src)
        } else {
            let i = view_index(vm, key, v.len)?;
            let b = int::as_i64(
                &ops::index(vm, value)?
                    .ok_or_else(|| vm.type_error("memoryview: invalid type for format 'B'"))?,
            )
            .filter(|b| (0..256).contains(b))
            .ok_or_else(|| vm.value_error("memoryview: invalid value for format 'B'"))?;
            (vec![v.position(i)], vec![b as u8])
        };
    for (p, b) in positions.into_iter().zip(bytes) {
        if !target.set(p, b) {
            return Err(vm.index_error("index out of bounds on dimension 1"));
        }
    }
    Ok(())
}

fn memoryview_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let items = m_tolist(vm, obj, &[], None)?;
    ops::iter(vm, &items)
}

fn memoryview_richcompare(_vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let side = |o: &ObjRef| -> Option<Vec<u8>> {
        if let Some(v) = as_view(o) {
            return (!v.released.get()).then(|| v.bytes());
        }
        buffer(o).map(|b| b.into_owned())
    };
    // A released view equals only itself.
    let equal = if a.is(b) {
        true
    } else {
        match (side(a), side(b)) {
            (Some(x), Some(y)) => compare_bytes(&x, &y, CompareOp::Eq).unwrap_or(false),
            _ if as_view(a).is_some_and(|v| v.released.get())
                || as_view(b).is_some_and(|v| v.released.get()) =>
            {
                false
            }
            _ => return Ok(not_implemented()),
        }
    };
    Ok(new_bool(equal == (op == CompareOp::Eq)))
}

fn memoryview_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let v = live(vm, obj)?;
    if !v.readonly() {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    let copy = new_bytes(vm, &v.bytes())?;
    ops::hash(vm, &copy)
}

/// The data attributes of a view (a released view refuses them all).
fn memoryview_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if as_view(obj).is_none() || !MEMORYVIEW_GETSET.iter().any(|d| d.name == name) {
        return Ok(None);
    }
    let view = live(vm, obj)?;
    Ok(Some(match name {
        "obj" => view.obj.clone(),
        "nbytes" => int::new_int(vm, view.len as i64)?,
        "readonly" => new_bool(view.readonly()),
        "itemsize" => int::new_int(vm, view.itemsize() as i64)?,
        "format" => pystr::new_str_vm(vm, &(view.fmt as char).to_string())?,
        "ndim" => int::new_int(vm, 1)?,
        "shape" => tuple::new_tuple(vm, vec![int::new_int(vm, view.items() as i64)?])?,
        "strides" => tuple::new_tuple(
            vm,
            vec![int::new_int(vm, view.step as i64 * view.itemsize() as i64)?],
        )?,
        "suboffsets" => tuple::new_tuple(vm, vec![])?,
        "c_contiguous" | "f_contiguous" | "contiguous" => new_bool(view.contiguous()),
        _ => return Ok(None),
    }))
}

/// The data attributes of `memoryview`, in CPython's order.
static MEMORYVIEW_GETSET: [GetSetDef; 12] = {
    const fn entry(name: &'static str) -> GetSetDef {
        GetSetDef {
            name,
            get: memoryview_getattr,
            set: None,
        }
    }
    [
        entry("obj"),
        entry("nbytes"),
        entry("readonly"),
        entry("itemsize"),
        entry("format"),
        entry("ndim"),
        entry("shape"),
        entry("strides"),
        entry("suboffsets"),
        entry("c_contiguous"),
        entry("f_contiguous"),
        entry("contiguous"),
    ]
};

/// The one-character formats of CPython's native `struct` syntax a view may be cast to, with
/// an optional `@` in front.
const NATIVE_FORMATS: &str = "cbBhHiIlLqQnNfd?P";

/// The integer formats a view may be cast to besides `'B'`.
const INTEGER_FORMATS: &str = "bhHiIlLqQnN";

/// Bytes per item of a view format byte.
fn format_itemsize(fmt: u8) -> usize {
    match fmt {
        b'h' | b'H' => 2,
        b'i' | b'I' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' => 8,
        _ => 1,
    }
}

/// The item size of a native format (`None` when not one).
fn native_itemsize(format: &str) -> Option<usize> {
    let f = format.strip_prefix('@').unwrap_or(format);
    let mut chars = f.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    if !NATIVE_FORMATS.contains(c) {
        return None;
    }
    Some(match c {
        'c' | 'b' | 'B' | '?' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' => 4,
        _ => 8,
    })
}

/// `memoryview.cast(format[, shape])`: only to the one format views here have (`'B'`,
/// one-dimensional); CPython's errors for what it rejects, `NotImplementedError` for the casts
/// it would make to other formats or shapes.
fn m_cast(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["format", "shape"],
        required: 1,
        posonly: 0,
    };
    let [format, shape] = parse::<2>(vm, "cast", sig, a, k)?;
    let format = format.expect("required argument");
    let Some(fmt) = pystr::as_str(&format) else {
        return Err(vm.type_error(&format!(
            "cast() argument 'format' must be str, not {}",
            format.ob_type().name()
        )));
    };
    let v = live(vm, this)?;
    if !v.contiguous() {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if shape.is_some() && v.len == 0 {
        return Err(vm.type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let dims = match &shape {
        None => None,
        Some(s) => {
            let items = if let Some(t) = tuple::items(s) {
                t.to_vec()
            } else if let Some(l) = list::storage(s) {
                l.snapshot()
            } else {
                return Err(vm.type_error("shape must be a list or a tuple"));
            };
            if items.len() > 64 {
                return Err(vm.value_error("memoryview: number of dimensions must not exceed 64"));
            }
            Some(items)
        }
    };
    let Some(itemsize) = native_itemsize(fmt) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format \
             prefixed with an optional '@'",
        ));
    };
    if v.len % itemsize != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let mut product: usize = 1;
    if let Some(dims) = &dims {
        for d in dims {
            if !int::is_int(d) {
                return Err(vm.type_error("memoryview.cast(): elements of shape must be integers"));
            }
            let n = crate::vm::argparse::index_arg(vm, d)?;
            if n <= 0 {
                return Err(
                    vm.value_error("memoryview.cast(): elements of shape must be integers > 0")
                );
            }
            product = product
                .checked_mul(n as usize)
                .filter(|p| *p <= isize::MAX as usize)
                .ok_or_else(|| vm.value_error("memoryview.cast(): product(shape) > SSIZE_MAX"))?;
        }
        if product.checked_mul(itemsize) != Some(v.len) {
            return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
        }
    }
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    if INTEGER_FORMATS.contains(f)
        && f.len() == 1
        && v.fmt == b'B'
        && v.step == 1
        && dims.as_ref().is_none_or(|d| d.len() == 1)
    {
        return new_view_of(vm, v.obj.clone(), v.start, 1, v.len, f.as_bytes()[0]);
    }
    if f != "B" || dims.as_ref().is_some_and(|d| d.len() != 1) {
        return Err(vm.new_error(
            &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
            &format!("memoryview: casting to format '{fmt}' with this shape is not supported"),
        ));
    }
    new_view(vm, v.obj.clone(), v.start, v.step, v.len)
}

fn m_tobytes(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<1>(
        vm,
        "tobytes",
        Sig::Kw {
            names: &["order"],
            required: 0,
            posonly: 0,
        },
        a,
        k,
    )?;
    new_bytes(vm, &live(vm, this)?.bytes())
}

fn m_tolist(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tolist", Sig::NoArgs, a, k)?;
    let v = live(vm, this)?;
    if v.fmt != b'B' {
        let data = bm::data(&v.obj);
        let items = (0..v.items())
            .map(|i| item_int(vm, v.item(&data, i).unwrap_or(0)))
            .collect::<PyResult<Vec<_>>>()?;
        return list::new_list(vm, items);
    }
    let items = v
        .bytes()
        .into_iter()
        .map(|b| int::new_int(vm, b as i64))
        .collect::<PyResult<Vec<_>>>()?;
    list::new_list(vm, items)
}

fn m_hex(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let copy = new_bytes(vm, &live(vm, this)?.bytes())?;
    let hex = ops::getattr(vm, &copy, "hex")?;
    ops::call(vm, &hex, a, k)
}

fn m_release(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "release", Sig::NoArgs, a, k)?;
    if let Some(v) = as_view(this) {
        v.released.set(true);
    }
    Ok(none())
}

fn m_toreadonly(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "toreadonly", Sig::NoArgs, a, k)?;
    let v = live(vm, this)?;
    // A read-only view of writable memory: a view of a snapshot is the closest this model has.
    let snapshot = new_bytes(vm, &v.bytes())?;
    new_view(vm, snapshot, 0, 1, v.len)
}

fn m_enter(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__enter__", Sig::NoArgs, a, k)?;
    live(vm, this)?;
    Ok(this.clone())
}

fn m_exit(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    m_release(vm, this, &[], None)
}

static MEMORYVIEW_METHODS: [MethodDef; 8] = [
    MethodDef {
        name: "tobytes",
        func: m_tobytes,
        flags: 0,
    },
    MethodDef {
        name: "tolist",
        func: m_tolist,
        flags: 0,
    },
    MethodDef {
        name: "cast",
        func: m_cast,
        flags: 0,
    },
    MethodDef {
        name: "hex",
        func: m_hex,
        flags: 0,
    },
    MethodDef {
        name: "release",
        func: m_release,
        flags: 0,
    },
    MethodDef {
        name: "toreadonly",
        func: m_toreadonly,
        flags: 0,
    },
    MethodDef {
        name: "__enter__",
        func: m_enter,
        flags: 0,
    },
    MethodDef {
        name: "__exit__",
        func: m_exit,
        flags: 0,
    },
];

/// `memoryview`.
pub static MEMORYVIEW_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &MEMORYVIEW_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "memoryview",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MEMORYVIEW_VTABLE,
    slots: Slots {
        repr: Some(memoryview_repr),
        richcompare: Some(memoryview_richcompare),
        hash: Some(memoryview_hash),
        len: Some(memoryview_len),
        getitem: Some(memoryview_getitem),
        setitem: Some(memoryview_setitem),
        iter: Some(memoryview_iter),
        getattr: Some(memoryview_getattr),
        new: Some(memoryview_new),
        number: NumberSlots {
            ..NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &MEMORYVIEW_METHODS,
    doc: "Create a new memoryview object which references the given object.",
};
