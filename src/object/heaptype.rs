//! Heap types: type objects made at run time (class statements, `type(name, bases, ns)`).
//!
//! A heap type object is a [`HeapTypeObject`]: a [`TypeObject`] (so every place that reads a
//! type reads it the same way) followed by [`HeapTypeExt`], what only classes have — their
//! namespace dict, bases, MRO, and the shape of their instances' preheader.
//!
//! Its instances are laid out as instances of its nearest static ancestor (`TypeObject::base`,
//! whose payload vtable the heap type shares), with `nslots` reference slots in front of the GC
//! head for `__slots__` values, `__dict__` and `__weakref__`. Each instance holds a reference to
//! its heap type, released after the instance's block is freed.

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
    /// `__name__` (a str).
    pub name: ObjRef,
    /// `__qualname__` (a str).
    pub qualname: ObjCell,
    /// The class namespace (`__dict__`, a dict).
    pub dict: ObjRef,
    /// `__bases__` (a tuple of types).
    pub bases: ObjCell,
    /// `__mro__` (a tuple of types, the class itself first).
    pub mro: ObjCell,
    /// `__base__`: the base whose instance layout this class extends.
    pub base: ObjRef,
    /// Reference slots in front of each instance's GC head.
    pub nslots: usize,
    /// Which preheader slot holds the instance `__dict__`, if instances have one.
    pub dict_slot: Option<usize>,
    /// Which preheader slot holds the instance's weak-reference list, if any.
    pub weakref_slot: Option<usize>,
    /// `__slots__` names, in preheader order (slots `0..len`), as a tuple of str.
    pub slot_names: ObjRef,
    /// Which attribute hooks a class of the MRO defines (`SPECIAL_*` bits), so attribute access
    /// can skip looking for them.
    pub special: std::cell::Cell<u32>,
}

/// `HeapTypeExt::special`: a class in the MRO defines `__getattribute__`.
pub const SPECIAL_GETATTRIBUTE: u32 = 1;
/// `HeapTypeExt::special`: a class in the MRO defines `__getattr__`.
pub const SPECIAL_GETATTR: u32 = 2;
/// `HeapTypeExt::special`: a class in the MRO defines `__setattr__` or `__delattr__`.
pub const SPECIAL_SETATTR: u32 = 4;
/// `HeapTypeExt::special`: the bits are not computed yet.
pub const SPECIAL_UNKNOWN: u32 = 1 << 31;

impl HeapTypeObject {
    /// Whether `other` is in this class's MRO.
    pub fn mro_contains(&self, other: &TypeObject) -> bool {
        let Some(mro) = self.ext.mro.get() else {
            return false;
        };
        crate::objects::tuple::items(&mro).is_some_and(|items| {
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
    e.qualname.traverse(visit);
    visit(&e.dict);
    e.bases.traverse(visit);
    e.mro.traverse(visit);
    visit(&e.base);
    visit(&e.slot_names);
}

fn clear_heap_type(obj: &ObjRef) -> Vec<ObjRef> {
    let Some(h) = obj.as_type().and_then(|t| t.heap()) else {
        return Vec::new();
    };
    let e = &h.ext;
    let mut out = crate::objects::dict::take_all(&e.dict);
    out.extend(e.mro.replace(None));
    out.extend(e.bases.replace(None));
    out
}

/// # Safety
/// `p` is a dead HeapTypeObject; its class data is dropped exactly once.
unsafe fn drop_heap_type(p: NonNull<ObjHeader>) {
    let o = p.cast::<HeapTypeObject>().as_ptr();
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
    utf8_items: false,
    traverse: traverse_heap_type,
    clear: clear_heap_type,
    drop_contents: drop_heap_type,
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
