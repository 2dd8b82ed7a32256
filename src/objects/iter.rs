//! Iterators over the builtin sequences: `list_iterator`, `tuple_iterator`, `str_iterator`,
//! `bytes_iterator`, `bytearray_iterator` (one index-based type), `list_reverseiterator` and
//! `range_iterator`. The dict iterators are in `dict_iter.rs`.
//!
//! Index-based iteration is memory-safe under mutation: each step re-reads the length, so a
//! list that shrinks during a loop ends the loop instead of reading stale items.

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{
    bytearray, bytes, dict, int, list, none, range::RangeObject, str as pystr, tuple,
};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

pub use crate::objects::dict_iter::{new_dict_iter, new_dict_reverse_iter, DictIterKind};

/// Iterator over a list, tuple, str, bytes or bytearray by index.
pub struct SeqIter {
    seq: ObjCell,
    index: Cell<usize>,
    /// Over a str: the byte offset of the char at `.0` (a code point index), so that stepping
    /// on is O(1); recomputed when `index` was moved elsewhere (`__setstate__`).
    str_cursor: Cell<(usize, usize)>,
}

impl PyPayload for SeqIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.seq.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`seq`), each once, and does nothing else.
unsafe impl crate::object::Traverse for SeqIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.seq.traverse(visit)
    }
}

static SEQ_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<SeqIter>();

/// A new iterator over `seq` (a list, tuple or str).
pub fn new_seq_iter(vm: &Vm, seq: &ObjRef) -> PyResult<ObjRef> {
    let ty = if list::storage(seq).is_some() {
        &LIST_ITER_TYPE
    } else if tuple::items(seq).is_some() {
        &TUPLE_ITER_TYPE
    } else if bytes::as_bytes(seq).is_some() {
        &BYTES_ITER_TYPE
    } else if bytearray::storage(seq).is_some() {
        &BYTEARRAY_ITER_TYPE
    } else if pystr::as_str(seq).is_none_or(|s| s.is_ascii()) {
        &STR_ITER_TYPE
    } else {
        &STR_UNI_ITER_TYPE
    };
    new_object(
        ty,
        SeqIter {
            seq: ObjCell::new(Some(seq.clone())),
            index: Cell::new(0),
            str_cursor: Cell::new((0, 0)),
        },
    )
    .or_mem(vm)
}

/// `__iter__` of an iterator: itself.
pub fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn seq_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<SeqIter>() else {
        return Ok(None);
    };
    let Some(seq) = it.seq.get() else {
        return Ok(None);
    };
    let i = it.index.get();
    let item = if let Some(v) = list::storage(&seq) {
        v.get(i)
    } else if let Some(items) = tuple::items(&seq) {
        items.get(i).cloned()
    } else if let Some(b) = bytes::as_bytes(&seq) {
        match b.get(i) {
            Some(&v) => Some(int::new_int(vm, v as i64)?),
            None => None,
        }
    } else if let Some(v) = bytearray::storage(&seq) {
        match v.get(i) {
            Some(b) => Some(int::new_int(vm, b as i64)?),
            None => None,
        }
    } else if let Some(s) = pystr::as_str(&seq) {
        let (at, byte) = it.str_cursor.get();
        let byte = if at == i {
            Some(byte)
        } else {
            s.char_indices().nth(i).map(|(b, _)| b)
        };
        match byte.and_then(|b| Some((b, s.get(b..)?.chars().next()?))) {
            Some((b, c)) => {
                it.str_cursor.set((i + 1, b + c.len_utf8()));
                Some(pystr::new_str_vm(vm, c.encode_utf8(&mut [0; 4]))?)
            }
            None => None,
        }
    } else if let Some(w) = pystr::as_text(&seq) {
        // Text holding surrogates: by code point over its generalized UTF-8.
        let (at, byte) = it.str_cursor.get();
        let byte = if at == i {
            Some(byte)
        } else {
            w.code_point_indices().nth(i).map(|(b, _)| b)
        };
        match byte.filter(|&b| b < w.as_bytes().len()) {
            Some(b) => {
                let rest = w.slice_bytes(b, w.as_bytes().len());
                let next = rest
                    .code_point_indices()
                    .nth(1)
                    .map_or(rest.as_bytes().len(), |(o, _)| o);
                it.str_cursor.set((i + 1, b + next));
                Some(pystr::new_str_wtf8_vm(vm, rest.slice_bytes(0, next))?)
            }
            None => None,
        }
    } else {
        None
    };
    match item {
        Some(x) => {
            it.index.set(i + 1);
            Ok(Some(x))
        }
        None => {
            // Exhausted iterators drop their sequence, as CPython's do.
            drop(it.seq.replace(None));
            Ok(None)
        }
    }
}

/// One step of a `list_iterator` or `tuple_iterator` without the iterator protocol (the
/// evaluation loop's `FOR_ITER` fast path): `None` when `obj` is neither, `Some(None)` when it
/// is exhausted (it then drops its sequence, as `seq_next` does). The length is read at each
/// step, so a list changed during the loop behaves as in `seq_next`.
#[inline]
pub fn next_list_or_tuple(obj: &ObjRef) -> Option<Option<ObjRef>> {
    let ty = obj.ob_type();
    if !(std::ptr::eq(ty, &LIST_ITER_TYPE) || std::ptr::eq(ty, &TUPLE_ITER_TYPE)) {
        return None;
    }
    let it = obj.downcast::<SeqIter>()?;
    let Some(seq) = it.seq.get() else {
        return Some(None);
    };
    let i = it.index.get();
    let item = match list::storage(&seq) {
        Some(v) => v.get(i),
        None => tuple::items(&seq).and_then(|t| t.get(i).cloned()),
    };
    match item {
        Some(x) => {
            it.index.set(i + 1);
            Some(Some(x))
        }
        None => {
            drop(it.seq.replace(None));
            Some(None)
        }
    }
}

/// Whether `ty` is `list_iterator` (a specialized `FOR_ITER`'s guard).
#[inline(always)]
pub fn is_list_iter(ty: &TypeObject) -> bool {
    std::ptr::eq(ty, &LIST_ITER_TYPE)
}

/// Whether `ty` is `tuple_iterator`.
#[inline(always)]
pub fn is_tuple_iter(ty: &TypeObject) -> bool {
    std::ptr::eq(ty, &TUPLE_ITER_TYPE)
}

/// Whether `ty` is `range_iterator`.
#[inline(always)]
pub fn is_range_iter(ty: &TypeObject) -> bool {
    std::ptr::eq(ty, &RANGE_ITER_TYPE)
}

/// One step of a `range_iterator` without the iterator protocol: `None` when `obj` is not
/// one, `Some(Ok(None))` when it is exhausted.
#[inline]
pub fn next_range(vm: &Vm, obj: &ObjRef) -> Option<PyResult<Option<ObjRef>>> {
    if !std::ptr::eq(obj.ob_type(), &RANGE_ITER_TYPE) {
        return None;
    }
    Some(range_next(vm, obj))
}

/// How many items an iterator of this file has left (`__length_hint__`).
fn remaining(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    if let Some(it) = obj.downcast::<SeqIter>() {
        let Some(seq) = it.seq.get() else {
            return Ok(0);
        };
        let len = if let Some(s) = pystr::as_str(&seq) {
            if s.is_ascii() {
                s.len()
            } else {
                pystr::char_len(&seq)
            }
        } else {
            match seq.ob_type().slots.len {
                Some(f) => f(vm, &seq)?,
                None => 0,
            }
        };
        return Ok(len.saturating_sub(it.index.get()));
    }
    if let Some(it) = obj.downcast::<RangeIter>() {
        return Ok(it.remaining.get());
    }
    if let Some(it) = obj.downcast::<ListRevIter>() {
        let len = it
            .seq
            .get()
            .and_then(|s| list::storage(&s).map(|v| v.len()))
            .unwrap_or(0);
        let i = it.index.get();
        return Ok(if i >= 0 && (i as usize) < len {
            i as usize + 1
        } else {
            0
        });
    }
    if let Some(it) = obj.downcast::<GetItemIter>() {
        let Some(seq) = it.seq.get() else {
            return Ok(0);
        };
        return match seq.ob_type().slots.len {
            Some(f) => Ok(f(vm, &seq)?.saturating_sub(it.index.get())),
            None => Ok(0),
        };
    }
    Ok(0)
}

fn m_length_hint(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "__length_hint__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    int::new_int(vm, remaining(vm, this)? as i64)
}

/// The builtin function `iter`, which the iterators' `__reduce__` names as their constructor.
pub(crate) fn builtin_iter(vm: &Vm) -> PyResult<ObjRef> {
    dict::get_str(vm, &vm.builtins, "iter")?
        .ok_or_else(|| vm.new_error(&crate::objects::exceptions::ATTRIBUTE_ERROR, "iter"))
}

/// The builtin type `name` (`reversed`, ...) as an object.
fn builtin_named(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    dict::get_str(vm, &vm.builtins, name)?
        .ok_or_else(|| vm.new_error(&crate::objects::exceptions::ATTRIBUTE_ERROR, name))
}

/// A `__setstate__` position (CPython's `PyLong_AsSsize_t`: ints only, no `__index__`).
pub(crate) fn state_index(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    match int::value(obj) {
        Some(int::IntValue::Small(v)) => Ok(v),
        Some(int::IntValue::Big(_)) => {
            Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        None => Err(vm.type_error("an integer is required")),
    }
}

/// Checks a `__reduce__` call has no arguments; `qual` is `type.__reduce__`.
pub(crate) fn reduce_args(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<()> {
    let qual = format!("{}.__reduce__", this.ob_type().name());
    crate::vm::argparse::parse::<0>(vm, &qual, crate::vm::argparse::Sig::NoArgs, args, kw)?;
    Ok(())
}

/// The one argument of a `__setstate__` call, as a position.
pub(crate) fn setstate_arg(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let qual = format!("{}.__setstate__", this.ob_type().name());
    let [v] = crate::vm::argparse::parse::<1>(vm, &qual, crate::vm::argparse::Sig::One, args, kw)?;
    Ok(v.unwrap_or_else(none::none))
}

/// `(f, args)` or `(f, args, state)`.
pub(crate) fn reduce_value(
    vm: &Vm,
    f: ObjRef,
    args: Vec<ObjRef>,
    state: Option<ObjRef>,
) -> PyResult<ObjRef> {
    let mut out = vec![f, tuple::new_tuple(vm, args)?];
    out.extend(state);
    tuple::new_tuple(vm, out)
}

/// What an exhausted iterator of this type reduces to: `iter(x)` over an empty `x` of the
/// kind CPython names (a list for list iterators, a str for str iterators, else a tuple).
fn empty_source(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let ty = obj.ob_type();
    if std::ptr::eq(ty, &LIST_ITER_TYPE) || std::ptr::eq(ty, &LIST_REV_ITER_TYPE) {
        list::new_list(vm, Vec::new())
    } else if std::ptr::eq(ty, &STR_ITER_TYPE) || std::ptr::eq(ty, &STR_UNI_ITER_TYPE) {
        pystr::new_str_vm(vm, "")
    } else {
        tuple::new_tuple(vm, Vec::new())
    }
}

fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    reduce_args(vm, this, args, kw)?;
    let iter_fn = builtin_iter(vm)?;
    if let Some(it) = this.downcast::<SeqIter>() {
        return match it.seq.get() {
            Some(seq) => {
                let pos = int::new_int(vm, it.index.get() as i64)?;
                reduce_value(vm, iter_fn, vec![seq], Some(pos))
            }
            None => reduce_value(vm, iter_fn, vec![empty_source(vm, this)?], None),
        };
    }
    if let Some(it) = this.downcast::<GetItemIter>() {
        return match it.seq.get() {
            Some(seq) => {
                let pos = int::new_int(vm, it.index.get() as i64)?;
                reduce_value(vm, iter_fn, vec![seq], Some(pos))
            }
            None => reduce_value(vm, iter_fn, vec![tuple::new_tuple(vm, Vec::new())?], None),
        };
    }
    if let Some(it) = this.downcast::<RangeIter>() {
        // CPython 3.11 rebuilds `range(start, start + len * step, step)` from the iterator's
        // first value, length and step; a stop beyond the machine range is clamped (arenapy's
        // ranges hold machine integers), which keeps the length.
        let stop = (it.start as i128 + it.len as i128 * it.step as i128)
            .clamp(i64::MIN as i128, i64::MAX as i128) as i64;
        let r = crate::objects::range::new_range(vm, it.start, stop, it.step)?;
        let pos = int::new_int(vm, (it.len - it.remaining.get()) as i64)?;
        return reduce_value(vm, iter_fn, vec![r], Some(pos));
    }
    if let Some(it) = this.downcast::<ListRevIter>() {
        return match it.seq.get() {
            Some(seq) => {
                let pos = int::new_int(vm, it.index.get() as i64)?;
                reduce_value(vm, builtin_named(vm, "reversed")?, vec![seq], Some(pos))
            }
            None => reduce_value(vm, iter_fn, vec![list::new_list(vm, Vec::new())?], None),
        };
    }
    Err(vm.type_error("cannot reduce this iterator"))
}

fn m_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let state = setstate_arg(vm, this, args, kw)?;
    let n = state_index(vm, &state)?;
    if let Some(it) = this.downcast::<SeqIter>() {
        if it.seq.get().is_some() {
            // Clamped to 0..=len: a position past the end leaves the iterator exhausted.
            let len = remaining(vm, this)? + it.index.get();
            it.index.set(n.clamp(0, len as i64) as usize);
        }
    } else if let Some(it) = this.downcast::<GetItemIter>() {
        if it.seq.get().is_some() {
            it.index.set(n.max(0) as usize);
        }
    } else if let Some(it) = this.downcast::<RangeIter>() {
        let pos = n.clamp(0, it.len as i64) as usize;
        it.remaining.set(it.len - pos);
        it.next
            .set(it.start.wrapping_add((pos as i64).wrapping_mul(it.step)));
    } else if let Some(it) = this.downcast::<ListRevIter>() {
        if let Some(seq) = it.seq.get() {
            let len = list::storage(&seq).map_or(0, |v| v.len()) as i64;
            it.index.set(n.clamp(-1, len - 1) as isize);
        }
    }
    Ok(none::none())
}

/// Methods of the index-based iterators: `__length_hint__`, `__reduce__`, `__setstate__`.
static ITER_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "__length_hint__",
        func: m_length_hint,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__setstate__",
        func: m_setstate,
        flags: 0,
    },
];

macro_rules! iter_type {
    ($name:ident, $text:literal, $vtable:expr, $next:expr) => {
        iter_type!($name, $text, $vtable, $next, &ITER_METHODS);
    };
    ($name:ident, $text:literal, $vtable:expr, $next:expr, $methods:expr) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &[],
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&OBJECT_TYPE),
            flags: 0,
            payload: $vtable,
            slots: Slots {
                iter: Some(self_iter),
                next: Some($next),
                ..Slots::EMPTY
            },
            methods: $methods,
            doc: "",
        };
    };
}

iter_type!(LIST_ITER_TYPE, "list_iterator", &SEQ_ITER_VTABLE, seq_next);
iter_type!(
    TUPLE_ITER_TYPE,
    "tuple_iterator",
    &SEQ_ITER_VTABLE,
    seq_next
);
iter_type!(
    BYTES_ITER_TYPE,
    "bytes_iterator",
    &SEQ_ITER_VTABLE,
    seq_next
);
iter_type!(
    BYTEARRAY_ITER_TYPE,
    "bytearray_iterator",
    &SEQ_ITER_VTABLE,
    seq_next
);
iter_type!(
    STR_ITER_TYPE,
    "str_ascii_iterator",
    &SEQ_ITER_VTABLE,
    seq_next
);
iter_type!(
    STR_UNI_ITER_TYPE,
    "str_iterator",
    &SEQ_ITER_VTABLE,
    seq_next
);

/// Iterator over a range.
pub struct RangeIter {
    next: Cell<i64>,
    step: i64,
    remaining: Cell<usize>,
    /// The first value and the length, for `__reduce__` and `__setstate__`.
    start: i64,
    len: usize,
}

impl PyPayload for RangeIter {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(RangeIter);

static RANGE_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<RangeIter>();

/// A new iterator over a range object.
pub fn new_range_iter(vm: &Vm, r: &ObjRef) -> PyResult<ObjRef> {
    let r = r
        .downcast::<RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    if let Some(b) = &r.big {
        let (start, step, len) = (b.start.clone(), b.step.clone(), b.len.clone());
        return crate::objects::range_big::new_long_range_iter(vm, start, step, len);
    }
    if r.len() > isize::MAX as usize {
        let b = crate::objects::range_big::bounds(r);
        return crate::objects::range_big::new_long_range_iter(vm, b.start, b.step, b.len);
    }
    let it = RangeIter {
        next: Cell::new(r.start),
        step: r.step,
        remaining: Cell::new(r.len()),
        start: r.start,
        len: r.len(),
    };
    new_object(&RANGE_ITER_TYPE, it).or_mem(vm)
}

#[inline]
fn range_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<RangeIter>() else {
        return Ok(None);
    };
    let left = it.remaining.get();
    if left == 0 {
        return Ok(None);
    }
    let v = it.next.get();
    it.remaining.set(left - 1);
    it.next.set(v.wrapping_add(it.step));
    Ok(Some(int::new_int(vm, v)?))
}

iter_type!(
    RANGE_ITER_TYPE,
    "range_iterator",
    &RANGE_ITER_VTABLE,
    range_next
);

/// Iterator over a list from its end (`list_reverseiterator`): each step re-reads the length,
/// so a list shrinking meanwhile ends the iteration.
pub struct ListRevIter {
    seq: ObjCell,
    /// The next position, or -1 when exhausted.
    index: Cell<isize>,
}

impl PyPayload for ListRevIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.seq.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`seq`), each once, and does nothing else.
unsafe impl crate::object::Traverse for ListRevIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.seq.traverse(visit)
    }
}

static LIST_REV_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<ListRevIter>();

/// `reversed(list)`.
pub fn new_list_reverse_iter(vm: &Vm, seq: &ObjRef) -> PyResult<ObjRef> {
    let len = list::storage(seq).map_or(0, |v| v.len()) as isize;
    let it = ListRevIter {
        seq: ObjCell::new(Some(seq.clone())),
        index: Cell::new(len - 1),
    };
    new_object(&LIST_REV_ITER_TYPE, it).or_mem(vm)
}

fn list_rev_next(_vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<ListRevIter>() else {
        return Ok(None);
    };
    let Some(seq) = it.seq.get() else {
        return Ok(None);
    };
    let i = it.index.get();
    let item = match list::storage(&seq) {
        Some(v) if i >= 0 => v.get(i as usize),
        _ => None,
    };
    match item {
        Some(x) => {
            it.index.set(i - 1);
            Ok(Some(x))
        }
        None => {
            it.index.set(-1);
            drop(it.seq.replace(None));
            Ok(None)
        }
    }
}

iter_type!(
    LIST_REV_ITER_TYPE,
    "list_reverseiterator",
    &LIST_REV_ITER_VTABLE,
    list_rev_next
);

/// Iterator over an object with `__getitem__` but no `__iter__`: items 0, 1, 2, ... until
/// IndexError (CPython's `iterobject`).
pub struct GetItemIter {
    seq: ObjCell,
    index: Cell<usize>,
}

impl PyPayload for GetItemIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.seq.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`seq`), each once, and does nothing else.
unsafe impl crate::object::Traverse for GetItemIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.seq.traverse(visit)
    }
}

static GETITEM_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<GetItemIter>();

/// A new `iterator` over `seq` through `__getitem__`.
pub fn new_getitem_iter(vm: &Vm, seq: &ObjRef) -> PyResult<ObjRef> {
    let it = GetItemIter {
        seq: ObjCell::new(Some(seq.clone())),
        index: Cell::new(0),
    };
    new_object(&GETITEM_ITER_TYPE, it).or_mem(vm)
}

fn getitem_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<GetItemIter>() else {
        return Ok(None);
    };
    let Some(seq) = it.seq.get() else {
        return Ok(None);
    };
    let i = it.index.get();
    let key = int::new_int(vm, i as i64)?;
    match crate::vm::ops::getitem(vm, &seq, &key) {
        Ok(v) => {
            it.index.set(i + 1);
            Ok(Some(v))
        }
        Err(e)
            if e.matches(&crate::objects::exceptions::INDEX_ERROR)
                || e.matches(&crate::objects::exceptions::STOP_ITERATION) =>
        {
            drop(it.seq.replace(None));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

iter_type!(
    GETITEM_ITER_TYPE,
    "iterator",
    &GETITEM_ITER_VTABLE,
    getitem_next
);

/// Methods of the code objects' table iterators: none beyond the iteration slots.
static NO_METHODS: [MethodDef; 0] = [];

iter_type!(
    LINE_ITER_TYPE,
    "line_iterator",
    &SEQ_ITER_VTABLE,
    seq_next,
    &NO_METHODS
);
iter_type!(
    POSITIONS_ITER_TYPE,
    "positions_iterator",
    &SEQ_ITER_VTABLE,
    seq_next,
    &NO_METHODS
);

/// An iterator of type `ty` (`line_iterator`, `positions_iterator`) over the items of a tuple.
pub(crate) fn new_tuple_iter_of_type(
    vm: &Vm,
    ty: &'static TypeObject,
    items: &ObjRef,
) -> PyResult<ObjRef> {
    new_object(
        ty,
        SeqIter {
            seq: ObjCell::new(Some(items.clone())),
            index: Cell::new(0),
            str_cursor: Cell::new((0, 0)),
        },
    )
    .or_mem(vm)
}

#[cfg(test)]
mod tests {
    use crate::objects::testutil::{call, lit, run, show};
    use crate::objects::{int, str as pystr};
    use crate::vm::ops;

    #[test]
    fn str_iteration_steps_in_constant_time_and_follows_setstate() {
        run(|vm| {
            // 200,000 chars, mostly two-byte ones: a quadratic walk would take minutes.
            let text: String = "é".repeat(100_000) + &"x".repeat(100_000);
            let s = pystr::new_str_vm(vm, &text).unwrap();
            let it = ops::iter(vm, &s).unwrap();
            let mut n = 0;
            while let Some(c) = ops::next(vm, &it).unwrap() {
                let want = if n < 100_000 { "é" } else { "x" };
                assert_eq!(pystr::as_str(&c), Some(want));
                n += 1;
            }
            assert_eq!(n, 200_000);
            let s = lit(vm, "'aébc'");
            let it = ops::iter(vm, &s).unwrap();
            ops::next(vm, &it).unwrap();
            call(
                vm,
                &it,
                "__setstate__",
                &[int::new_int(vm, 2).unwrap()],
                &[],
            )
            .unwrap();
            assert_eq!(show(vm, ops::next(vm, &it).map(Option::unwrap)), "'b'");
            call(
                vm,
                &it,
                "__setstate__",
                &[int::new_int(vm, 1).unwrap()],
                &[],
            )
            .unwrap();
            assert_eq!(show(vm, ops::next(vm, &it).map(Option::unwrap)), "'é'");
            assert_eq!(show(vm, ops::next(vm, &it).map(Option::unwrap)), "'b'");
        });
    }
}
