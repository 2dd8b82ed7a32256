//! The dict iterators (`dict_keyiterator`, `dict_valueiterator`, `dict_itemiterator` and their
//! reversed forms), with CPython 3.11's rules for a dict changed while they run:
//!
//! - the dict's size when the iterator was made is remembered; at a `next()` that finds a
//!   different size, "dictionary changed size during iteration" is raised, and keeps being
//!   raised by every later `next()` (the remembered size becomes -1);
//! - a forward iterator also counts down the entries it may still yield: one found when the
//!   count is spent means keys were deleted and others added (the size unchanged), and raises
//!   "dictionary keys changed during iteration", after which the iterator is exhausted;
//! - positions are positions in the dict's entry array, which `DictTable` lays out as CPython
//!   does, so what a position holds after a change (a hole, a later entry, nothing once the
//!   array was compacted) is what CPython finds.
//!
//! The count bounds every forward loop by the dict's size, and a reverse iterator only moves
//! down, so no mutation pattern makes a loop run forever.

use crate::object::{new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload};
use crate::object::{Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, int, list, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

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

/// Iterator over a dict, forwards or (`reversed(d)`) backwards (CPython's `dictiterobject`).
pub struct DictIter {
    /// The dict; `None` once exhausted.
    dict: ObjCell,
    /// The next entry position to look at; backwards, -1 when there is none.
    pos: Cell<isize>,
    /// The dict's size when the iterator was made; -1 once a size change was reported.
    used: Cell<isize>,
    /// The entries still to yield (`di->len`).
    left: Cell<isize>,
    kind: DictIterKind,
    reversed: bool,
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

fn make(vm: &Vm, d: &ObjRef, kind: DictIterKind, reversed: bool) -> PyResult<ObjRef> {
    let t = dict::table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let used = t.len() as isize;
    let pos = if reversed {
        t.entry_count() as isize - 1
    } else {
        0
    };
    let it = DictIter {
        dict: ObjCell::new(Some(d.clone())),
        pos: Cell::new(pos),
        used: Cell::new(used),
        left: Cell::new(used),
        kind,
        reversed,
    };
    new_object(dict_iter_type(kind, reversed), it).or_mem(vm)
}

/// A new iterator over a dict.
pub fn new_dict_iter(vm: &Vm, d: &ObjRef, kind: DictIterKind) -> PyResult<ObjRef> {
    make(vm, d, kind, false)
}

/// A new iterator over a dict from its last entry (`reversed(d)`, `reversed(d.items())`, ...).
pub fn new_dict_reverse_iter(vm: &Vm, d: &ObjRef, kind: DictIterKind) -> PyResult<ObjRef> {
    make(vm, d, kind, true)
}

/// The next `(key, value)` of an iterator, or `None` when it is exhausted.
fn next_pair(vm: &Vm, it: &DictIter) -> PyResult<Option<(ObjRef, ObjRef)>> {
    let Some(d) = it.dict.get() else {
        return Ok(None);
    };
    let Some(t) = dict::table(&d) else {
        return Ok(None);
    };
    if t.len() as isize != it.used.get() {
        it.used.set(-1);
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "dictionary changed size during iteration",
        ));
    }
    let found = if it.reversed {
        let pos = it.pos.get();
        match usize::try_from(pos).ok().and_then(|p| t.prev_entry(p)) {
            Some((p, k, v)) => {
                it.pos.set(p as isize - 1);
                Some((k, v))
            }
            None => None,
        }
    } else {
        match t.next_entry(it.pos.get().max(0) as usize) {
            Some(_) if it.left.get() <= 0 => {
                drop(it.dict.replace(None));
                return Err(vm.new_error(
                    &crate::objects::exceptions::RUNTIME_ERROR,
                    "dictionary keys changed during iteration",
                ));
            }
            Some((next, k, v)) => {
                it.pos.set(next as isize);
                Some((k, v))
            }
            None => None,
        }
    };
    match found {
        Some(pair) => {
            it.left.set(it.left.get() - 1);
            Ok(Some(pair))
        }
        None => {
            drop(it.dict.replace(None));
            Ok(None)
        }
    }
}

fn dict_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<DictIter>() else {
        return Ok(None);
    };
    let Some((k, v)) = next_pair(vm, it)? else {
        return Ok(None);
    };
    Ok(Some(match it.kind {
        DictIterKind::Keys => k,
        DictIterKind::Values => v,
        DictIterKind::Items => tuple::new_tuple(vm, vec![k, v])?,
    }))
}

/// `__length_hint__`: the entries still to come, 0 once the dict changed size or the
/// iterator is exhausted.
fn m_length_hint(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "__length_hint__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let left = this.downcast::<DictIter>().map_or(0, |it| {
        match it.dict.get().as_ref().and_then(dict::table) {
            Some(t) if t.len() as isize == it.used.get() => it.left.get().max(0),
            _ => 0,
        }
    });
    int::new_int(vm, left as i64)
}

/// `__reduce__`: `(iter, ([items still to come],))`, read from a copy of the iterator (so a
/// size change raises here as in CPython, and this iterator is left as it was).
fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::iter::reduce_args(vm, this, args, kw)?;
    let iter_fn = crate::objects::iter::builtin_iter(vm)?;
    let mut items = Vec::new();
    if let Some(it) = this.downcast::<DictIter>() {
        let copy = DictIter {
            dict: ObjCell::new(it.dict.get()),
            pos: Cell::new(it.pos.get()),
            used: Cell::new(it.used.get()),
            left: Cell::new(it.left.get()),
            kind: it.kind,
            reversed: it.reversed,
        };
        let copy = new_object(this.ob_type(), copy).or_mem(vm)?;
        while let Some(x) = dict_next(vm, &copy)? {
            items.push(x);
        }
    }
    crate::objects::iter::reduce_value(vm, iter_fn, vec![list::new_list(vm, items)?], None)
}

/// Methods of the dict iterators.
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

fn self_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

macro_rules! dict_iter_type {
    ($name:ident, $text:literal) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: &[],
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&OBJECT_TYPE),
            flags: 0,
            payload: &DICT_ITER_VTABLE,
            slots: Slots {
                iter: Some(self_iter),
                next: Some(dict_next),
                ..Slots::EMPTY
            },
            methods: &DICT_ITER_METHODS,
            doc: "",
        };
    };
}

dict_iter_type!(DICT_KEY_ITER_TYPE, "dict_keyiterator");
dict_iter_type!(DICT_VALUE_ITER_TYPE, "dict_valueiterator");
dict_iter_type!(DICT_ITEM_ITER_TYPE, "dict_itemiterator");
dict_iter_type!(DICT_REVKEY_ITER_TYPE, "dict_reversekeyiterator");
dict_iter_type!(DICT_REVVALUE_ITER_TYPE, "dict_reversevalueiterator");
dict_iter_type!(DICT_REVITEM_ITER_TYPE, "dict_reverseitemiterator");
