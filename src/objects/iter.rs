//! Iterators over the builtin sequences: `list_iterator`, `tuple_iterator`, `str_iterator`,
//! `bytes_iterator`, `bytearray_iterator` (one index-based type), `list_reverseiterator`, `range_iterator` and the dict iterators
//! (forwards and reversed, over keys, values or items).
//!
//! Index-based iteration is memory-safe under mutation: each step re-reads the length, so a
//! list that shrinks during a loop ends the loop instead of reading stale items.

use crate::object::{
    new_object, HeapAlloc, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{
    bytearray, bytes, dict, int, list, none, range::RangeObject, str as pystr, tuple,
};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use allocator_api2::vec::Vec as HVec;
use std::cell::Cell;

/// Iterator over a list, tuple, str, bytes or bytearray by index.
pub struct SeqIter {
    seq: ObjCell,
    index: Cell<usize>,
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
        },
    )
    .or_mem(vm)
}

fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
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
        match s.chars().nth(i) {
            Some(c) => Some(pystr::new_str_vm(vm, c.encode_utf8(&mut [0; 4]))?),
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
    if let Some(it) = obj.downcast::<DictIter>() {
        let Some(d) = it.dict.get() else {
            return Ok(0);
        };
        let Some(t) = dict::table(&d) else {
            return Ok(0);
        };
        if it.len.get() < 0 || t.len() as isize != it.len.get() {
            return Ok(0);
        }
        if it.positions.is_some() {
            return Ok(it.pos.get());
        }
        let mut n = 0;
        let mut pos = it.pos.get();
        while let Some((next, _, _)) = t.next_entry(pos) {
            n += 1;
            pos = next;
        }
        return Ok(n);
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
    if let Some(it) = this.downcast::<DictIter>() {
        // The items still to come, read from a copy of the iterator (so a size change raises
        // here as in CPython, and this iterator is left as it was).
        let copy = DictIter {
            dict: ObjCell::new(it.dict.get()),
            pos: Cell::new(it.pos.get()),
            len: Cell::new(it.len.get()),
            kind: it.kind,
            positions: match &it.positions {
                None => None,
                Some(p) => {
                    let mut v = HVec::new_in(HeapAlloc);
                    v.try_reserve_exact(p.len())
                        .map_err(|_| vm.memory_error_err())?;
                    v.extend(p.iter().copied());
                    Some(v)
                }
            },
        };
        let copy = new_object(this.ob_type(), copy).or_mem(vm)?;
        let mut items = Vec::new();
        while let Some(x) = dict_next(vm, &copy)? {
            items.push(x);
        }
        return reduce_value(vm, iter_fn, vec![list::new_list(vm, items)?], None);
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

/// Methods of the dict iterators: `__length_hint__`, `__reduce__`.
static DICT_ITER_METHODS: [MethodDef; 2] = [
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
    let it = RangeIter {
        next: Cell::new(r.start),
        step: r.step,
        remaining: Cell::new(r.len()),
        start: r.start,
        len: r.len(),
    };
    new_object(&RANGE_ITER_TYPE, it).or_mem(vm)
}

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

/// What a dict iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictIterKind {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

/// Iterator over a dict, forwards or (`reversed(d)`) backwards; raises if the dict changes size
/// during iteration, as CPython does.
pub struct DictIter {
    dict: ObjCell,
    /// Forwards: the next entry position to look at. Backwards: how many of `positions` remain.
    pos: Cell<usize>,
    /// The dict's length when the iterator was made (-1 once a size change was reported).
    len: Cell<isize>,
    kind: DictIterKind,
    /// Backwards only: the positions of the live entries when the iterator was made, in order.
    /// A position whose entry was deleted meanwhile is skipped.
    positions: Option<HVec<usize, HeapAlloc>>,
}

impl PyPayload for DictIter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.dict.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for DictIter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.dict.traverse(visit)
    }
}

static DICT_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<DictIter>();

fn dict_iter_type(kind: DictIterKind, reversed: bool) -> &'static TypeObject {
    match (kind, reversed) {
        (DictIterKind::Keys, false) => &DICT_KEY_ITER_TYPE,
        (DictIterKind::Values, false) => &DICT_VALUE_ITER_TYPE,
        (DictIterKind::Items, false) => &DICT_ITEM_ITER_TYPE,
        (DictIterKind::Keys, true) => &DICT_REVKEY_ITER_TYPE,
        (DictIterKind::Values, true) => &DICT_REVVALUE_ITER_TYPE,
        (DictIterKind::Items, true) => &DICT_REVITEM_ITER_TYPE,
    }
}

/// A new iterator over a dict.
pub fn new_dict_iter(vm: &Vm, d: &ObjRef, kind: DictIterKind) -> PyResult<ObjRef> {
    let len = dict::table(d).map_or(0, |t| t.len()) as isize;
    let it = DictIter {
        dict: ObjCell::new(Some(d.clone())),
        pos: Cell::new(0),
        len: Cell::new(len),
        kind,
        positions: None,
    };
    new_object(dict_iter_type(kind, false), it).or_mem(vm)
}

/// A new iterator over a dict from its last entry (`reversed(d)`, `reversed(d.items())`, ...).
pub fn new_dict_reverse_iter(vm: &Vm, d: &ObjRef, kind: DictIterKind) -> PyResult<ObjRef> {
    let t = dict::table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let mut positions = HVec::new_in(HeapAlloc);
    positions
        .try_reserve_exact(t.len())
        .map_err(|_| vm.memory_error_err())?;
    let mut p = 0;
    while let Some((next, _, _)) = t.next_entry(p) {
        positions.push(next - 1);
        p = next;
    }
    let it = DictIter {
        dict: ObjCell::new(Some(d.clone())),
        pos: Cell::new(positions.len()),
        len: Cell::new(t.len() as isize),
        kind,
        positions: Some(positions),
    };
    new_object(dict_iter_type(kind, true), it).or_mem(vm)
}

fn dict_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<DictIter>() else {
        return Ok(None);
    };
    let Some(d) = it.dict.get() else {
        return Ok(None);
    };
    let Some(t) = dict::table(&d) else {
        return Ok(None);
    };
    if t.len() as isize != it.len.get() {
        it.len.set(-1);
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "dictionary changed size during iteration",
        ));
    }
    let entry = match &it.positions {
        None => t.next_entry(it.pos.get()).map(|(next, k, v)| {
            it.pos.set(next);
            (k, v)
        }),
        Some(positions) => loop {
            let left = it.pos.get();
            if left == 0 {
                break None;
            }
            it.pos.set(left - 1);
            let p = positions[left - 1];
            match t.next_entry(p) {
                Some((next, k, v)) if next == p + 1 => break Some((k, v)),
                _ => continue,
            }
        },
    };
    match entry {
        Some((k, v)) => Ok(Some(match it.kind {
            DictIterKind::Keys => k,
            DictIterKind::Values => v,
            DictIterKind::Items => tuple::new_tuple(vm, vec![k, v])?,
        })),
        None => {
            drop(it.dict.replace(None));
            Ok(None)
        }
    }
}

iter_type!(
    DICT_KEY_ITER_TYPE,
    "dict_keyiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
);
iter_type!(
    DICT_VALUE_ITER_TYPE,
    "dict_valueiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
);
iter_type!(
    DICT_ITEM_ITER_TYPE,
    "dict_itemiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
);
iter_type!(
    DICT_REVKEY_ITER_TYPE,
    "dict_reversekeyiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
);
iter_type!(
    DICT_REVVALUE_ITER_TYPE,
    "dict_reversevalueiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
);
iter_type!(
    DICT_REVITEM_ITER_TYPE,
    "dict_reverseitemiterator",
    &DICT_ITER_VTABLE,
    dict_next,
    &DICT_ITER_METHODS
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
        },
    )
    .or_mem(vm)
}
