//! Type objects: the slot table each type fills in, and the payload contract.
//!
//! A type object says two things about its instances:
//! * **what they are made of**: a [`PayloadVTable`] built by the object core for one Rust payload
//!   type (its `TypeId`, size, drop, traverse and clear). Only the core builds vtables, and it
//!   checks at allocation that the payload matches, so a downcast that checks the `TypeId` is
//!   sound without any `unsafe` in the type's own file;
//! * **how they behave**: [`Slots`], plain function pointers for the operations CPython keeps in
//!   `tp_*` slots (repr, hash, compare, number protocol, call, iteration, ...), plus a table of
//!   named methods.
//!
//! Builtin types are immortal `static`s, as in CPython.

use super::handle::ObjRef;
use super::header::ObjHeader;
use super::traverse::{Traverse, Visitor};
use crate::object::CompareOp;
use crate::vm::{PyResult, Vm};
use std::any::TypeId;

/// The Rust side of a Python object's payload.
///
/// Its traversal is the [`Traverse`] supertrait (an `unsafe trait`: the collector's memory
/// safety depends on it); `clear` drops the references that can form cycles and must leave the
/// payload valid (empty).
pub trait PyPayload: Traverse + 'static + Sized {
    /// Whether the payload can hold references that may form cycles: such objects get a
    /// [`super::GcHead`] and are tracked by the collector, which relies on their traversal
    /// reporting every reference.
    const IS_CONTAINER: bool;

    /// Drops the references held, to break cycles (CPython's `tp_clear`). Returns the references
    /// taken out, so that the caller drops them when no borrow of the object is live.
    fn clear(&self) -> Vec<ObjRef> {
        Vec::new()
    }
}

/// A type's traverse entry: visits every reference an object holds.
pub type TraverseFn = fn(&ObjRef, &mut Visitor<'_>);

/// How the core handles one payload type. Built only by the core: [`PayloadVTable::of`] and
/// [`PayloadVTable::of_var`] derive every field from the payload type, and the fields are
/// private to `object`, so no other code can pair a `TypeId` with a layout or a `drop`.
pub struct PayloadVTable {
    pub(in crate::object) type_id: TypeId,
    pub(in crate::object) type_name: fn() -> &'static str,
    pub(in crate::object) is_container: bool,
    /// Size of `PyObj<T>` (header + payload), or offset of the first inline item.
    pub(in crate::object) basic_size: usize,
    /// Size of one inline item (0 for fixed-size objects).
    pub(in crate::object) item_size: usize,
    /// Offset of the item count in var-sized objects (0 for fixed-size objects).
    pub(in crate::object) len_offset: usize,
    /// The item count is a `u32` rather than a `usize` (int digits, see `InlineItem::Len`).
    pub(in crate::object) narrow_len: bool,
    /// The inline items are UTF-8 text (objects made by `new_var_object_str`).
    pub(in crate::object) utf8_items: bool,
    /// The inline items are strong references (a tuple's).
    pub(in crate::object) ref_items: bool,
    /// Visits the payload's (and inline items') references.
    pub(in crate::object) traverse: TraverseFn,
    /// The payload's own traversal may report something (not `traverse_nothing!`); when it
    /// cannot, `ObjRef::traverse_with` visits only the inline items (`ref_items`) itself.
    pub(in crate::object) payload_traverses: bool,
    /// The payload's `clear`.
    pub(in crate::object) clear: fn(&ObjRef) -> Vec<ObjRef>,
    /// Drops the payload (and inline items) of a dead object; the core frees the block.
    pub(in crate::object) drop_contents: unsafe fn(std::ptr::NonNull<ObjHeader>),
    /// Instances are no containers and hold nothing to drop (a float, an int, a str): a dead
    /// instance of a static type without a finalizer is freed by freeing its block alone
    /// (`layout::dealloc_plain`).
    pub(in crate::object) plain: bool,
}

/// Instance flags of a type (CPython's `Py_TPFLAGS_*`).
///
/// The core trusts no flag for memory safety: `HEAPTYPE` makes it treat a type object as a
/// `HeapTypeObject` only when the type object is also mortal, which only `new_heap_type` can
/// make (see [`TypeObject::is_heap_type`]).
pub mod tpflags {
    /// Deallocation runs the type's `finalize` slot (as the `tp_dealloc` of CPython's
    /// generators calls `PyObject_CallFinalizerFromDealloc`). Heap types always do.
    pub const FINALIZE_ON_DEALLOC: u32 = 1 << 0;
    /// The `getattr` slot is the type's whole attribute lookup (CPython's own `tp_getattro`
    /// replacing `PyObject_GenericGetAttr`): the type's descriptors, `__class__` included, are
    /// not consulted first. Weak proxies forward every name to their referent.
    pub const OWN_GETATTR: u32 = 1 << 1;
    /// The type may be subclassed.
    pub const BASETYPE: u32 = 1 << 10;
    /// The type object was allocated in the heap (a class statement or `type(...)`).
    pub const HEAPTYPE: u32 = 1 << 9;
    /// The number protocol's `add` is sequence concatenation (CPython's `sq_concat`): it has
    /// no reflected form, so readiness makes no `__radd__` wrapper.
    pub const ADD_IS_CONCAT: u32 = 1 << 18;
    /// Instances are exceptions (subclasses of BaseException).
    pub const BASE_EXC_SUBCLASS: u32 = 1 << 30;
}

/// How a builtin method binds (CPython's `METH_CLASS` and `METH_STATIC`); 0: to an instance.
pub mod methflags {
    /// Bound to the class it is looked up through, like a `classmethod` (`dict.fromkeys`); the
    /// type's `__dict__` holds a `classmethod_descriptor`.
    pub const METH_CLASS: u32 = 0x0010;
    /// Bound to nothing, like a `staticmethod` (`str.maketrans`): the function receives the
    /// owning type as its `self` and ignores it.
    pub const METH_STATIC: u32 = 0x0020;
}

/// A unary slot: `repr`, `str`, `neg`, `iter`, ...
pub type UnaryFn = fn(&Vm, &ObjRef) -> PyResult<ObjRef>;
/// A binary slot: the number protocol. Returns `NotImplemented` when it does not apply.
pub type BinaryFn = fn(&Vm, &ObjRef, &ObjRef) -> PyResult<ObjRef>;
/// Rich comparison. Returns `NotImplemented` when it does not apply.
pub type CompareFn = fn(&Vm, &ObjRef, &ObjRef, CompareOp) -> PyResult<ObjRef>;
/// `hash()`.
pub type HashFn = fn(&Vm, &ObjRef) -> PyResult<i64>;
/// `len()`.
pub type LenFn = fn(&Vm, &ObjRef) -> PyResult<usize>;
/// `bool()`.
pub type BoolFn = fn(&Vm, &ObjRef) -> PyResult<bool>;
/// `__next__`: `Ok(None)` when the iterator is exhausted.
pub type NextFn = fn(&Vm, &ObjRef) -> PyResult<Option<ObjRef>>;
/// `obj[key] = value` (value `None`: `del obj[key]`).
pub type SetItemFn = fn(&Vm, &ObjRef, &ObjRef, Option<&ObjRef>) -> PyResult<()>;
/// `value in obj`.
pub type ContainsFn = fn(&Vm, &ObjRef, &ObjRef) -> PyResult<bool>;
/// Calling: positional arguments then keyword values, `kwnames` naming the trailing ones.
pub type CallFn = fn(&Vm, &ObjRef, &[ObjRef], Option<&ObjRef>) -> PyResult<ObjRef>;
/// `getattr(obj, name)`: `Ok(None)` when the type has no such attribute.
pub type GetAttrFn = fn(&Vm, &ObjRef, &str) -> PyResult<Option<ObjRef>>;
/// Constructing an instance (`tp_new` + `tp_init`): the type, positional arguments then keyword
/// values named by `kwnames`.
pub type NewFn = fn(&Vm, &TypeObject, &[ObjRef], Option<&ObjRef>) -> PyResult<ObjRef>;
/// `setattr(obj, name, value)`; `None` value: `delattr`.
pub type SetAttrFn = fn(&Vm, &ObjRef, &ObjRef, Option<ObjRef>) -> PyResult<()>;
/// A descriptor's `__get__(obj, type)` (`obj` is `None` for access through the class).
pub type DescrGetFn = fn(&Vm, &ObjRef, Option<&ObjRef>, &ObjRef) -> PyResult<ObjRef>;
/// A descriptor's `__set__(obj, value)` / `__delete__(obj)` (value `None`).
pub type DescrSetFn = fn(&Vm, &ObjRef, &ObjRef, Option<ObjRef>) -> PyResult<()>;
/// A builtin method: self, positional arguments, optional keyword names for trailing args.
pub type MethodFn = fn(&Vm, &ObjRef, &[ObjRef], Option<&ObjRef>) -> PyResult<ObjRef>;
/// A finalizer (CPython's `tp_finalize`). The core calls it only for an object whose
/// finalizer has not run yet ([`ObjRef::is_finalized`]); if the object has something to run
/// now, the finalizer marks it finalized first ([`ObjRef::set_finalized`]), so that it runs at
/// most once (PEP 442), then runs it, reporting exceptions rather than raising them. It may
/// resurrect the object by storing a new reference to it.
pub type FinalizeFn = fn(&Vm, &ObjRef);
/// Native equality of two instances of one type: `Some(equal)`, or `None` when it cannot be
/// decided without running Python code. Called with no borrow of any table held.
pub type NativeEqFn = fn(&ObjRef, &ObjRef) -> Option<bool>;

/// A data attribute of a builtin type's instances (CPython's `PyGetSetDef` and `PyMemberDef`):
/// readiness puts one `getset_descriptor` per entry in the type's `__dict__`.
///
/// The getter receives the attribute's name, so one function can serve several attributes (as
/// CPython's getset `closure`). A getter returning `Ok(None)` raises `AttributeError` (an unset
/// optional attribute); `set` is `None` for read-only attributes, and receives `None` to delete.
pub struct GetSetDef {
    /// The attribute's name.
    pub name: &'static str,
    /// Reads the attribute of an instance.
    pub get: GetAttrFn,
    /// Writes (`Some`) or deletes (`None`) it; `None`: read-only.
    pub set: Option<SetAttrFn>,
}

/// A static type's slot in each interpreter's table of type states (its `__dict__`, version tag
/// and subclasses live per interpreter, since static types are shared by all threads). Assigned
/// once per process, on the first readiness of the type in any interpreter.
pub struct StaticIndex(std::sync::atomic::AtomicU32);

impl StaticIndex {
    /// Not assigned yet.
    #[allow(clippy::declare_interior_mutable_const)]
    pub const NEW: StaticIndex = StaticIndex(std::sync::atomic::AtomicU32::new(0));

    /// The index, assigned from a process-wide counter on first use (starting at 1).
    pub fn get(&self) -> usize {
        use std::sync::atomic::Ordering;
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let cur = self.0.load(Ordering::Acquire);
        if cur != 0 {
            return cur as usize;
        }
        let fresh = NEXT.fetch_add(1, Ordering::Relaxed);
        match self
            .0
            .compare_exchange(0, fresh, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => fresh as usize,
            Err(other) => other as usize,
        }
    }
}

/// A named method of a builtin type (CPython's `PyMethodDef`).
pub struct MethodDef {
    /// The method's name.
    pub name: &'static str,
    /// Its implementation.
    pub func: MethodFn,
    /// `methflags::*` (0: an instance method).
    pub flags: u32,
}

/// The number protocol (CPython's `tp_as_number`), indexed by operator.
#[derive(Default, Clone, Copy)]
pub struct NumberSlots {
    /// `+`
    pub add: Option<BinaryFn>,
    /// `-`
    pub subtract: Option<BinaryFn>,
    /// `*`
    pub multiply: Option<BinaryFn>,
    /// `/`
    pub true_divide: Option<BinaryFn>,
    /// `//`
    pub floor_divide: Option<BinaryFn>,
    /// `%`
    pub remainder: Option<BinaryFn>,
    /// `**`
    pub power: Option<BinaryFn>,
    /// `<<`
    pub lshift: Option<BinaryFn>,
    /// `>>`
    pub rshift: Option<BinaryFn>,
    /// `&`
    pub and: Option<BinaryFn>,
    /// `|`
    pub or: Option<BinaryFn>,
    /// `^`
    pub xor: Option<BinaryFn>,
    /// `@`
    pub matrix_multiply: Option<BinaryFn>,
    /// `divmod()`
    pub divmod: Option<BinaryFn>,
    /// unary `-`
    pub negative: Option<UnaryFn>,
    /// unary `+`
    pub positive: Option<UnaryFn>,
    /// `~`
    pub invert: Option<UnaryFn>,
    /// `abs()`
    pub absolute: Option<UnaryFn>,
    /// `bool()`
    pub bool: Option<BoolFn>,
    /// `int()`
    pub int: Option<UnaryFn>,
    /// `float()`
    pub float: Option<UnaryFn>,
    /// `operator.index()`
    pub index: Option<UnaryFn>,
    /// `+=` (tried before `add` in augmented assignment; `None`: use `add`)
    pub inplace_add: Option<BinaryFn>,
    /// `-=` (tried before `subtract` in augmented assignment; `None`: use `subtract`)
    pub inplace_subtract: Option<BinaryFn>,
    /// `*=` (tried before `multiply` in augmented assignment; `None`: use `multiply`)
    pub inplace_multiply: Option<BinaryFn>,
    /// `/=` (tried before `true_divide` in augmented assignment; `None`: use `true_divide`)
    pub inplace_true_divide: Option<BinaryFn>,
    /// `//=` (tried before `floor_divide` in augmented assignment; `None`: use `floor_divide`)
    pub inplace_floor_divide: Option<BinaryFn>,
    /// `%=` (tried before `remainder` in augmented assignment; `None`: use `remainder`)
    pub inplace_remainder: Option<BinaryFn>,
    /// `**=` (tried before `power` in augmented assignment; `None`: use `power`)
    pub inplace_power: Option<BinaryFn>,
    /// `<<=` (tried before `lshift` in augmented assignment; `None`: use `lshift`)
    pub inplace_lshift: Option<BinaryFn>,
    /// `>>=` (tried before `rshift` in augmented assignment; `None`: use `rshift`)
    pub inplace_rshift: Option<BinaryFn>,
    /// `&=` (tried before `and` in augmented assignment; `None`: use `and`)
    pub inplace_and: Option<BinaryFn>,
    /// `|=` (tried before `or` in augmented assignment; `None`: use `or`)
    pub inplace_or: Option<BinaryFn>,
    /// `^=` (tried before `xor` in augmented assignment; `None`: use `xor`)
    pub inplace_xor: Option<BinaryFn>,
    /// `@=` (tried before `matrix_multiply` in augmented assignment; `None`: use `matrix_multiply`)
    pub inplace_matrix_multiply: Option<BinaryFn>,
}

impl NumberSlots {
    /// No number slots.
    pub const EMPTY: NumberSlots = NumberSlots {
        add: None,
        subtract: None,
        multiply: None,
        true_divide: None,
        floor_divide: None,
        remainder: None,
        power: None,
        lshift: None,
        rshift: None,
        and: None,
        or: None,
        xor: None,
        matrix_multiply: None,
        divmod: None,
        negative: None,
        positive: None,
        invert: None,
        absolute: None,
        bool: None,
        int: None,
        float: None,
        index: None,
        inplace_add: None,
        inplace_subtract: None,
        inplace_multiply: None,
        inplace_true_divide: None,
        inplace_floor_divide: None,
        inplace_remainder: None,
        inplace_power: None,
        inplace_lshift: None,
        inplace_rshift: None,
        inplace_and: None,
        inplace_or: None,
        inplace_xor: None,
        inplace_matrix_multiply: None,
    };
}

/// The behaviour slots of a type (CPython's `tp_*` function pointers).
#[derive(Clone, Copy)]
pub struct Slots {
    /// `repr()`
    pub repr: Option<UnaryFn>,
    /// `str()`; falls back to `repr`.
    pub str: Option<UnaryFn>,
    /// `hash()`; `None` means unhashable.
    pub hash: Option<HashFn>,
    /// Rich comparison.
    pub richcompare: Option<CompareFn>,
    /// The number protocol.
    pub number: NumberSlots,
    /// `len()`
    pub len: Option<LenFn>,
    /// `obj[key]`
    pub getitem: Option<BinaryFn>,
    /// `obj[key] = value` / `del obj[key]`
    pub setitem: Option<SetItemFn>,
    /// `in`
    pub contains: Option<ContainsFn>,
    /// `iter()`
    pub iter: Option<UnaryFn>,
    /// `next()`
    pub next: Option<NextFn>,
    /// Calling the object.
    pub call: Option<CallFn>,
    /// Attribute lookup beyond the method table (data attributes such as `__name__`).
    pub getattr: Option<GetAttrFn>,
    /// Calling the type itself: `int(x)`, `list(it)`, ... `None`: cannot be instantiated.
    pub new: Option<NewFn>,
    /// Attribute assignment and deletion (`None`: attributes are read-only).
    pub setattr: Option<SetAttrFn>,
    /// Instances are descriptors: `__get__`.
    pub descr_get: Option<DescrGetFn>,
    /// Instances are data descriptors: `__set__`/`__delete__`.
    pub descr_set: Option<DescrSetFn>,
    /// The instance's finalizer (CPython's `tp_finalize`): `__del__` of a class, `close()` of
    /// a suspended generator. The collector calls it for unreachable instances; deallocation
    /// calls it for instances of heap types and of types flagged
    /// [`tpflags::FINALIZE_ON_DEALLOC`] (see [`FinalizeFn`] for the contract).
    pub finalize: Option<FinalizeFn>,
    /// Whether the collector may untrack an instance whose referents are all atomic (CPython's
    /// `_PyTuple_MaybeUntrack` and `_PyDict_MaybeUntrack`). Data, not code: the collector
    /// decides atomicity itself while no Python code may run.
    pub untrack_atomic: Option<AtomicUntrack>,
    /// Equality of two instances of exactly this (static) type when it can be decided without
    /// running Python code: the fast path of dict key comparison (see [`NativeEqFn`]).
    pub native_eq: Option<NativeEqFn>,
    /// The second base of a builtin type with two (CPython's `ExceptionGroup` is
    /// `class ExceptionGroup(BaseExceptionGroup, Exception)`, `io.UnsupportedOperation` is
    /// `(OSError, ValueError)`): it follows the type itself in the MRO, before `base`'s chain.
    pub second_base: Option<&'static TypeObject>,
}

/// When the collector may untrack an instance that holds only atomic values (values that can
/// never be part of a cycle), as CPython untracks tuples and dicts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AtomicUntrack {
    /// The contents never change (tuple): checked in every collection, and an untracked
    /// instance stays atomic for good, so it counts as atomic itself.
    Immutable,
    /// The contents may change (dict): checked in full collections only; the type tracks an
    /// instance again when it is given a container.
    Mutable,
}

impl Slots {
    /// No slots: every operation raises `TypeError`.
    pub const EMPTY: Slots = Slots {
        repr: None,
        str: None,
        hash: None,
        richcompare: None,
        number: NumberSlots::EMPTY,
        len: None,
        getitem: None,
        setitem: None,
        contains: None,
        iter: None,
        next: None,
        call: None,
        getattr: None,
        new: None,
        setattr: None,
        descr_get: None,
        descr_set: None,
        finalize: None,
        untrack_atomic: None,
        native_eq: None,
        second_base: None,
    };
}

/// A type object (CPython's `PyTypeObject`).
#[repr(C)]
pub struct TypeObject {
    /// Types are objects too; builtin ones are immortal.
    pub header: ObjHeader,
    /// `__name__`.
    pub name: &'static str,
    /// The single base (`tp_base`); `None` only for `object`. For a heap type this is its
    /// nearest *static* ancestor (whose layout its instances share); the full chain is its MRO.
    pub base: Option<&'static TypeObject>,
    /// `tpflags::*`.
    pub flags: u32,
    /// What instances are made of.
    pub payload: &'static PayloadVTable,
    /// Behaviour.
    pub slots: Slots,
    /// Named methods.
    pub methods: &'static [MethodDef],
    /// Instance data attributes (getset descriptors).
    pub getset: &'static [GetSetDef],
    /// The docstring.
    pub doc: &'static str,
    /// Static types: the index of this type's per-interpreter state (unused for heap types).
    pub ready: StaticIndex,
}

/// The second base of a builtin type with two ([`Slots::second_base`]).
#[inline]
pub fn second_base(ty: &TypeObject) -> Option<&'static TypeObject> {
    ty.slots.second_base
}

// SAFETY: builtin type objects are immortal statics. Their only interior-mutable fields are the
// header's refcount, which `incref`/`decref` never write for immortal objects, and its type,
// which `ObjRef::set_class` never writes for immortal objects, so sharing them
// between threads (one interpreter per thread) performs no unsynchronised writes.
unsafe impl Sync for TypeObject {}

impl TypeObject {
    /// `__name__`.
    #[inline]
    pub fn name(&self) -> &str {
        match self.heap() {
            Some(h) => h.name_text(),
            None => self.name,
        }
    }

    /// Whether the type object lives in the heap (a class): then it is a `HeapTypeObject`.
    ///
    /// `flags` is a public field, so the HEAPTYPE bit alone proves nothing; a heap type is
    /// also mortal, and only the core makes mortal headers (`ObjHeader::fresh`, private to
    /// `object`; code elsewhere can only write `ObjHeader::immortal`), which `new_heap_type`
    /// does for the `HeapTypeObject` it allocates. A static type claiming HEAPTYPE is immortal,
    /// so it is not taken for one.
    #[inline]
    pub fn is_heap_type(&self) -> bool {
        self.flags & tpflags::HEAPTYPE != 0 && !self.header.is_immortal()
    }

    /// Number of reference slots an instance carries in front of its GC head.
    #[inline]
    pub fn preheader_slots(&self) -> usize {
        self.heap().map_or(0, |h| h.ext.nslots)
    }

    /// Whether `self` is `other` or a subclass of it.
    pub fn is_subtype(&self, other: &TypeObject) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        if let Some(h) = self.heap() {
            return h.mro_contains(other);
        }
        let mut t: Option<&TypeObject> = Some(self);
        while let Some(ty) = t {
            if std::ptr::eq(ty, other) {
                return true;
            }
            t = ty.base;
        }
        // Builtin types with two bases (`ExceptionGroup(BaseExceptionGroup, Exception)`): the
        // second comes from the `second_base` slot.
        second_base(self).is_some_and(|b| b.is_subtype(other))
    }

    /// The hash function instances use: the type's own, else inherited from its base unless
    /// the type defines comparison itself (CPython inherits `tp_hash` and `tp_richcompare`
    /// together, so `list`, which compares by value, is unhashable). `None`: unhashable.
    pub fn effective_hash(&self) -> Option<HashFn> {
        let mut t = self;
        loop {
            if let Some(h) = t.slots.hash {
                return Some(h);
            }
            if t.slots.richcompare.is_some() {
                return None;
            }
            t = t.base?;
        }
    }

    /// Finds a named method in this type or its bases.
    pub fn find_method(&self, name: &str) -> Option<&'static MethodDef> {
        let mut t: Option<&TypeObject> = Some(self);
        while let Some(ty) = t {
            if let Some(m) = ty.methods.iter().find(|m| m.name == name) {
                return Some(m);
            }
            t = ty.base;
        }
        None
    }

    /// The Rust type of the instances' payload (for diagnostics).
    pub fn payload_type_name(&self) -> &'static str {
        (self.payload.type_name)()
    }

    /// Whether instances carry a [`super::GcHead`] (every instance of a heap type does: it may
    /// hold a `__dict__`).
    #[inline]
    pub fn is_container(&self) -> bool {
        self.payload.is_container || self.is_heap_type()
    }

    /// The size of one inline item of var-sized instances (`__itemsize__`; 0 for fixed-size).
    pub fn item_size(&self) -> usize {
        self.payload.item_size
    }

    /// `sys.getsizeof` of an instance without inline items (preheader and GC head included).
    pub fn basic_size(&self) -> usize {
        super::layout::BlockLayout::of(self, 0).size()
    }
}
