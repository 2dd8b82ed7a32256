//! Heap types: type objects made at run time (class statements, `type(name, bases, ns)`).
//!
//! A heap type object is a [`HeapTypeObject`]: a [`TypeObject`] (so every place that reads a
//! type reads it the same way) followed by [`HeapTypeExt`], what only classes have — their
//! namespace dict, bases, MRO, and the shape of their instances' preheader.
//!
//! Its instances are laid out as instances of its nearest static ancestor (`TypeObject::base`,
//! whose payload vtable the heap type shares), with `nslots` reference slots in front of the GC
//! head for `__slots__` values, inline attribute values (see [`INLINE_VALUES`]), `__dict__` and
//! `__weakref__`. Each instance holds a reference to its heap type, released after the
//! instance's block is freed.

use super::cells::ObjCell;
use super::handle::ObjRef;
use super::header::ObjHeader;
use super::layout::{alloc_block, NoItems};
use super::typeobj::{tpflags, PayloadVTable, TypeObject};
use arenapy_allocators::AllocError;
use std::any::TypeId;
use std::ptr::{self, NonNull};

/// A class: a type object plus what only heap types have.
#[repr(C)]
pub struct HeapTypeObject {
    /// The type object proper (header, name, base, flags, payload vtable, slots, ...).
    pub ty: TypeObject,
    /// Class-only data.
    pub ext: HeapTypeExt,
}

/// What a heap type has beyond a [`TypeObject`].
pub struct HeapTypeExt {
    /// `__name__` (a str). Private: `TypeObject::name` lends its text, so a renamed class
    /// keeps its earlier names in `old_names` for as long as it lives.
    name: ObjRef,
    /// Names the class had before `__name__` assignments (see `name`).
    old_names: super::cells::ObjVec,
    /// `__qualname__` (a str).
    pub qualname: ObjCell,
    /// The class namespace (`__dict__`, a dict).
    pub dict: ObjRef,
    /// `__bases__` (a tuple of types).
    pub bases: ObjCell,
    /// `__mro__` (a tuple of types, the class itself first).
    pub mro: ObjCell,
    /// `__base__`: the base whose instance layout this class extends.
    pub base: ObjCell,
    /// Reference slots in front of each instance's GC head.
    pub nslots: usize,
    /// Which preheader slot holds the instance `__dict__`, if instances have one.
    pub dict_slot: Option<usize>,
    /// The first of the [`INLINE_VALUES`] preheader slots holding the instance's attribute
    /// values while it has no `__dict__` (present exactly when `dict_slot` is).
    pub values_start: Option<usize>,
    /// The shared keys: the attribute names (interned str) instances of this class keep inline,
    /// in the order they were first set; slot `i` of an instance's values holds attribute
    /// `shared_keys[i]`. Keys are only ever appended, so an index stays valid for the class's
    /// lifetime.
    pub shared_keys: [ObjCell; MAX_SHARED_KEYS],
    /// The str hash of each shared key (a quick reject before comparing text).
    pub shared_hashes: [std::cell::Cell<i64>; MAX_SHARED_KEYS],
    /// How many shared keys there are.
    pub shared_len: std::cell::Cell<usize>,
    /// Which preheader slot holds the instance's weak-reference list, if any.
    pub weakref_slot: Option<usize>,
    /// `__slots__` names, in preheader order (slots `0..len`), as a tuple of str.
    pub slot_names: ObjRef,
    /// Which attribute hooks a class of the MRO defines (`SPECIAL_*` bits), so attribute access
    /// can skip looking for them; valid while `special_version` is the type's version tag.
    pub special: std::cell::Cell<u32>,
    /// The version tag `special` was computed under (0: never).
    pub special_version: std::cell::Cell<u32>,
    /// The version tag (see `typecache`): 0 until the first lookup, reset by `modified`.
    pub version: std::cell::Cell<u32>,
    /// A version tag under which the MRO was found to define no `__del__` (0: not known), so
    /// deallocating an instance need not look for one (`vm::finalize::has_del`).
    pub no_del_version: std::cell::Cell<u32>,
    /// Heap types that name this one among their bases (addresses, not references: a subclass
    /// removes itself when it is freed, and holds its bases alive until then).
    pub subclasses: AddrList,
    /// Method cache entries this type filled under its current tag.
    pub cache_slots: std::cell::RefCell<Vec<u16>>,
}

/// A list of addresses (no references held) with interior mutability.
#[derive(Default)]
pub struct AddrList(std::cell::RefCell<Vec<usize>>);

impl AddrList {
    fn push(&self, a: usize) {
        self.0.borrow_mut().push(a);
    }
    fn remove(&self, a: usize) {
        self.0.borrow_mut().retain(|&x| x != a);
    }
    fn snapshot(&self) -> Vec<usize> {
        self.0.borrow().clone()
    }
}

/// How many attribute values an instance of a class with a `__dict__` keeps inline in its
/// preheader (CPython 3.11's inline values; past them, in an overflow array in its dict slot).
pub const INLINE_VALUES: usize = 4;

/// How many shared keys a class holds (CPython 3.11's limit); an instance setting a name past
/// them gets a real dict.
pub const MAX_SHARED_KEYS: usize = 30;

/// `HeapTypeExt::special`: a class in the MRO defines `__getattribute__`.
pub const SPECIAL_GETATTRIBUTE: u32 = 1;
/// `HeapTypeExt::special`: a class in the MRO defines `__getattr__`.
pub const SPECIAL_GETATTR: u32 = 2;
/// `HeapTypeExt::special`: a class in the MRO defines `__setattr__` or `__delattr__`.
pub const SPECIAL_SETATTR: u32 = 4;
/// `HeapTypeExt::special`: every rich comparison (`__eq__`, `__ne__`, `__lt__`, ...) the MRO
/// provides is `object`'s own (not an attribute hook: a fact the comparisons read).
pub const SPECIAL_OBJECT_COMPARE: u32 = 8;
/// The `SPECIAL_*` bits that are attribute hooks.
pub const SPECIAL_HOOKS: u32 = SPECIAL_GETATTRIBUTE | SPECIAL_GETATTR | SPECIAL_SETATTR;
/// `HeapTypeExt::special`: the bits are not computed yet.
pub const SPECIAL_UNKNOWN: u32 = 1 << 31;

impl HeapTypeExt {
    /// Class data for a new class: no version tag, no subclasses, hooks not computed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: ObjRef,
        qualname: ObjRef,
        dict: ObjRef,
        bases: ObjRef,
        base: ObjRef,
        nslots: usize,
        dict_slot: Option<usize>,
        values_start: Option<usize>,
        weakref_slot: Option<usize>,
        slot_names: ObjRef,
    ) -> HeapTypeExt {
        HeapTypeExt {
            name,
            old_names: super::cells::ObjVec::new(),
            qualname: ObjCell::new(Some(qualname)),
            dict,
            bases: ObjCell::new(Some(bases)),
            mro: ObjCell::new(None),
            base: ObjCell::new(Some(base)),
            nslots,
            dict_slot,
            values_start,
            shared_keys: std::array::from_fn(|_| ObjCell::new(None)),
            shared_hashes: Default::default(),
            shared_len: std::cell::Cell::new(0),
            weakref_slot,
            slot_names,
            special: std::cell::Cell::new(SPECIAL_UNKNOWN),
            special_version: std::cell::Cell::new(0),
            version: std::cell::Cell::new(0),
            no_del_version: std::cell::Cell::new(0),
            subclasses: AddrList::default(),
            cache_slots: std::cell::RefCell::new(Vec::new()),
        }
    }
}

impl HeapTypeObject {
    /// The heap types among `bases` (a tuple of types).
    fn heap_bases(&self) -> Vec<&HeapTypeObject> {
        let Some(bases) = self.ext.bases.get() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for b in bases.inline_refs().unwrap_or(&[]) {
            if let Some(h) = b.as_type().and_then(TypeObject::heap) {
                // SAFETY: `self` holds its bases tuple, which holds each base, for as long as
                // `self` is alive; the borrow does not outlive `self`.
                out.push(unsafe { &*(h as *const HeapTypeObject) });
            }
        }
        out
    }

    /// Records this class in the subclass lists of its heap bases (after creation).
    pub fn register_with_bases(&self) {
        let me = self as *const HeapTypeObject as usize;
        for b in self.heap_bases() {
            b.ext.subclasses.push(me);
        }
    }

    /// `__name__` (a str).
    pub fn name_obj(&self) -> ObjRef {
        match self.ext.old_names.len() {
            0 => self.ext.name.clone(),
            n => self
                .ext
                .old_names
                .get(n - 1)
                .unwrap_or_else(|| self.ext.name.clone()),
        }
    }

    /// The text of `__name__`, borrowed from the class (renaming keeps earlier names alive).
    pub fn name_text(&self) -> &str {
        // SAFETY: `old_names` only grows while the class lives (`rename` pushes, nothing else
        // touches it until the class is dropped), so every name object in it outlives the
        // borrow of `self`.
        match unsafe { self.ext.old_names.last_text() } {
            Some(t) => t,
            None => self.ext.name.utf8_text().unwrap_or("?"),
        }
    }

    /// `cls.__name__ = name` (a str, checked by the caller): the new name is appended, the old
    /// ones stay alive with the class so text lent by `name_text` stays valid.
    pub fn rename(&self, name: ObjRef) -> Result<(), arenapy_allocators::AllocError> {
        self.ext.old_names.push(name).map_err(|(e, _)| e)
    }

    /// Replaces `__bases__` (and `__base__`): the class leaves the subclass lists of its old
    /// heap bases and joins those of the new ones. The caller resets the version tags first
    /// and recomputes the MROs after. Returns the old values, for the caller to drop.
    #[must_use = "drop the old values once the class is consistent"]
    pub fn replace_bases(&self, bases: ObjRef, base: ObjRef) -> [Option<ObjRef>; 2] {
        let me = self as *const HeapTypeObject as usize;
        for b in self.heap_bases() {
            b.ext.subclasses.remove(me);
        }
        let old_bases = self.ext.bases.replace(Some(bases));
        let old_base = self.ext.base.replace(Some(base));
        self.register_with_bases();
        [old_bases, old_base]
    }

    /// New references to the live heap types that name this one among their bases.
    pub fn subclasses(&self) -> Vec<ObjRef> {
        self.ext
            .subclasses
            .snapshot()
            .into_iter()
            .filter_map(|a| {
                // SAFETY: a subclass removes its address from this list before its memory is
                // freed (`drop_heap_type`), so every address listed is a HeapTypeObject.
                let t = unsafe { &*(a as *const HeapTypeObject) };
                (t.ty.header.refcnt() > 0).then(|| ObjRef::from_type_ref(&t.ty))
            })
            .collect()
    }

    /// Resets the version tag of this class and of every subclass (CPython's
    /// `PyType_Modified`), dropping their method cache entries. Call it *before* changing a
    /// class attribute, so no cached entry outlives the value it names. Returns the references
    /// released, for the caller to drop.
    #[must_use = "drop the released references once the class is consistent"]
    pub fn modified(&self, cache: &super::typecache::MethodCache) -> Vec<ObjRef> {
        let mut out = Vec::new();
        let mut work = vec![self as *const HeapTypeObject as usize];
        while let Some(a) = work.pop() {
            // SAFETY: `self` is alive, and listed subclasses are alive (see `subclasses`).
            let t = unsafe { &*(a as *const HeapTypeObject) };
            let old = t.ext.version.replace(0);
            let slots = std::mem::take(&mut *t.ext.cache_slots.borrow_mut());
            if old != 0 {
                out.extend(cache.drop_version(old, &slots));
            }
            work.extend(t.ext.subclasses.snapshot());
        }
        out
    }

    /// Whether `other` is in this class's MRO.
    pub fn mro_contains(&self, other: &TypeObject) -> bool {
        let Some(mro) = self.ext.mro.get() else {
            return false;
        };
        mro.inline_refs().is_some_and(|items| {
            items
                .iter()
                .any(|t| t.as_type().is_some_and(|t| ptr::eq(t, other)))
        })
    }
}

impl TypeObject {
    /// The class data, if this is a heap type.
    #[inline]
    pub fn heap(&self) -> Option<&HeapTypeObject> {
        if self.is_heap_type() {
            // SAFETY: only `new_heap_type` sets HEAPTYPE, and it allocates a HeapTypeObject,
            // whose first field is this TypeObject (repr(C)); the borrow keeps it alive.
            Some(unsafe { &*(self as *const TypeObject as *const HeapTypeObject) })
        } else {
            None
        }
    }
}

fn traverse_heap_type(obj: &ObjRef, visit: &mut super::Visitor<'_>) {
    let Some(h) = obj.as_type().and_then(|t| t.heap()) else {
        return;
    };
    let e = &h.ext;
    visit(&e.name);
    e.old_names.traverse(visit);
    e.qualname.traverse(visit);
    visit(&e.dict);
    e.bases.traverse(visit);
    e.mro.traverse(visit);
    e.base.traverse(visit);
    visit(&e.slot_names);
    for k in &e.shared_keys {
        k.traverse(visit);
    }
}

fn clear_heap_type(obj: &ObjRef) -> Vec<ObjRef> {
    let Some(h) = obj.as_type().and_then(|t| t.heap()) else {
        return Vec::new();
    };
    let e = &h.ext;
    // No cached lookup may name what is cleared; the collector empties the method cache itself
    // before it releases the garbage. The bases are kept (as CPython's `type_clear` does): they
    // hold no reference back, and the subclass lists rely on them until the class is freed.
    let mut work = vec![h as *const HeapTypeObject as usize];
    while let Some(a) = work.pop() {
        // SAFETY: `h` is alive, and listed subclasses are alive (see `subclasses`).
        let t = unsafe { &*(a as *const HeapTypeObject) };
        t.ext.version.set(0);
        t.ext.cache_slots.borrow_mut().clear();
        work.extend(t.ext.subclasses.snapshot());
    }
    let mut out = e.dict.clear_refs();
    out.extend(e.mro.replace(None));
    out
}

/// # Safety
/// `p` is a dead HeapTypeObject; its class data is dropped exactly once.
unsafe fn drop_heap_type(p: NonNull<ObjHeader>) {
    let o = p.cast::<HeapTypeObject>().as_ptr();
    // SAFETY: the object is a HeapTypeObject whose data is still initialised; its bases are
    // alive (its bases tuple holds them until the drop below).
    let h = unsafe { &*o };
    for b in h.heap_bases() {
        b.ext.subclasses.remove(o as usize);
    }
    // SAFETY: the class data is initialised and dropped once (precondition). The TypeObject
    // part holds only plain data and static references.
    unsafe { ptr::drop_in_place(ptr::addr_of_mut!((*o).ext)) }
}

/// The payload vtable of `type`'s instances: static type objects (immortal, never freed) and
/// heap types (containers).
pub static HEAP_TYPE_VTABLE: PayloadVTable = PayloadVTable {
    type_id: TypeId::of::<(HeapTypeObject, NoItems)>(),
    type_name: std::any::type_name::<HeapTypeObject>,
    is_container: true,
    basic_size: std::mem::size_of::<HeapTypeObject>(),
    item_size: 0,
    len_offset: 0,
    narrow_len: false,
    utf8_items: false,
    ref_items: false,
    traverse: traverse_heap_type,
    payload_traverses: true,
    clear: clear_heap_type,
    drop_contents: drop_heap_type,
    plain: false,
};

/// Allocates a heap type whose type (metaclass) is `metatype`.
///
/// `ty` is the type object proper: its header is replaced, `flags` gets HEAPTYPE, and its
/// `payload` must be the vtable of the nearest static ancestor (`ty.base`).
pub fn new_heap_type(
    metatype: &TypeObject,
    mut ty: TypeObject,
    ext: HeapTypeExt,
) -> Result<ObjRef, AllocError> {
    assert!(
        ptr::eq(metatype.payload, &HEAP_TYPE_VTABLE),
        "metatype {} does not make type objects",
        metatype.name()
    );
    ty.flags |= tpflags::HEAPTYPE;
    ty.header = ObjHeader::fresh(metatype);
    let object = HeapTypeObject { ty, ext };
    // SAFETY: the metatype's vtable is HEAP_TYPE_VTABLE (checked), whose layout is exactly a
    // HeapTypeObject, which we write whole.
    unsafe { alloc_block(metatype, 0, |p| (p as *mut HeapTypeObject).write(object)) }
}
