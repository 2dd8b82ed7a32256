//! The overflow of an instance's inline attribute values (`vm::inline_values`): value slots past
//! the [`INLINE_VALUES`] of the preheader, for classes whose instances set more names (CPython
//! 3.11 allows 30 shared keys per class).
//!
//! While an instance keeps its attributes inline its dict slot is otherwise empty, so that is
//! where its overflow array goes: value `i` of the instance is preheader value `i` below
//! [`INLINE_VALUES`], and cell `i - INLINE_VALUES` of the array above. The array is an object of
//! one of three fixed capacities (4, 10 or 26 cells: instances of up to 8, 14 or 30 attributes),
//! allocated through the heap like any object and tracked by the collector as a container, so
//! cycles through the values are found as through a dict; it is owned by its instance alone and
//! never handed to Python code by the interpreter (`gc.get_referents` of the instance shows it,
//! where an instance that outgrew its inline values used to show its dict). An instance moves to
//! a larger array when its class's shared keys outgrow the one it has.

use crate::object::heaptype::INLINE_VALUES;
use crate::object::TypeObject;
use crate::object::{new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// An overflow array of `N` value cells.
pub struct ValuesArray<const N: usize> {
    cells: [ObjCell; N],
}

impl<const N: usize> PyPayload for ValuesArray<N> {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.cells.iter().filter_map(|c| c.replace(None)).collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (its cells), each once, and does nothing
// else.
unsafe impl<const N: usize> crate::object::Traverse for ValuesArray<N> {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in &self.cells {
            c.traverse(visit);
        }
    }
}

/// The capacities, smallest first.
const SMALL: usize = 4;
const MEDIUM: usize = 10;
const LARGE: usize = 26;

/// The most values an instance keeps inline: the preheader's and the largest array's.
pub const MAX_VALUES: usize = INLINE_VALUES + LARGE;
const _: () = assert!(MAX_VALUES == crate::object::heaptype::MAX_SHARED_KEYS);

static SMALL_VTABLE: PayloadVTable = PayloadVTable::of::<ValuesArray<SMALL>>();
static MEDIUM_VTABLE: PayloadVTable = PayloadVTable::of::<ValuesArray<MEDIUM>>();
static LARGE_VTABLE: PayloadVTable = PayloadVTable::of::<ValuesArray<LARGE>>();

const fn values_type(payload: &'static PayloadVTable) -> TypeObject {
    TypeObject {
        header: ObjHeader::immortal(&TYPE_TYPE),
        getset: &[],
        ready: crate::object::typeobj::StaticIndex::NEW,
        name: "inline_values",
        base: Some(&OBJECT_TYPE),
        flags: 0,
        payload,
        slots: Slots::EMPTY,
        methods: &[],
        doc: "",
    }
}

/// The array types, by capacity (never visible to Python code but through the collector).
pub static SMALL_TYPE: TypeObject = values_type(&SMALL_VTABLE);
/// See [`SMALL_TYPE`].
pub static MEDIUM_TYPE: TypeObject = values_type(&MEDIUM_VTABLE);
/// See [`SMALL_TYPE`].
pub static LARGE_TYPE: TypeObject = values_type(&LARGE_VTABLE);

/// Whether `obj` is an overflow array.
#[inline]
pub fn is_values(obj: &ObjRef) -> bool {
    let t = obj.ob_type();
    std::ptr::eq(t, &SMALL_TYPE) || std::ptr::eq(t, &MEDIUM_TYPE) || std::ptr::eq(t, &LARGE_TYPE)
}

/// Whether `cell` holds an overflow array (without taking a reference).
#[inline]
pub fn holds_values(cell: &ObjCell) -> bool {
    cell.holds_instance_of(&SMALL_TYPE)
        || cell.holds_instance_of(&MEDIUM_TYPE)
        || cell.holds_instance_of(&LARGE_TYPE)
}

/// The cells of an overflow array (`None` for any other object).
#[inline]
pub fn cells(obj: &ObjRef) -> Option<&[ObjCell]> {
    let t = obj.ob_type();
    if std::ptr::eq(t, &SMALL_TYPE) {
        return obj.downcast::<ValuesArray<SMALL>>().map(|a| &a.cells[..]);
    }
    if std::ptr::eq(t, &MEDIUM_TYPE) {
        return obj.downcast::<ValuesArray<MEDIUM>>().map(|a| &a.cells[..]);
    }
    obj.downcast::<ValuesArray<LARGE>>().map(|a| &a.cells[..])
}

/// A new empty array of at least `n` cells (`n` at most [`MAX_VALUES`] - [`INLINE_VALUES`]).
pub fn new_values(vm: &Vm, n: usize) -> PyResult<ObjRef> {
    fn make<const N: usize>(
        ty: &'static TypeObject,
    ) -> Result<ObjRef, arenapy_allocators::AllocError> {
        new_object(
            ty,
            ValuesArray::<N> {
                cells: std::array::from_fn(|_| ObjCell::new(None)),
            },
        )
    }
    let made = if n <= SMALL {
        make::<SMALL>(&SMALL_TYPE)
    } else if n <= MEDIUM {
        make::<MEDIUM>(&MEDIUM_TYPE)
    } else {
        make::<LARGE>(&LARGE_TYPE)
    };
    made.or_mem(vm)
}
