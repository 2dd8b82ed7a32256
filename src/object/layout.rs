//! Object layouts and the allocation and deallocation of object blocks.
//!
//! A block holds, in order:
//!
//! ```text
//! [preheader: n reference slots, padded to 16]   instances of heap types only:
//!                                                __slots__ values, __dict__, __weakref__
//! [GcHead, 16 bytes]                             containers only (and every heap-type instance)
//! [ObjHeader, 16 bytes]  <- ObjRef points here
//! [payload T]                                    the type's data (PyObj<T>)
//! [len, items...]                                var-sized types only (PyVarObj<T, I>)
//! ```
//!
//! The object proper (header onwards) of an instance of a user subclass is laid out exactly as
//! an instance of its builtin base, so a `MyList` downcasts to `ListObject` like a `list`. What
//! a heap type adds lives in front, like the GC head (CPython 3.11 keeps managed dicts there too).

use super::cells::ObjCell;
use super::handle::ObjRef;
use super::header::{GcHead, ObjHeader};
use super::heap;
use super::traverse::Visitor;
use super::typeobj::{tpflags, PayloadVTable, PyPayload, TypeObject};
use arenapy_allocators::AllocError;
use std::any::TypeId;
use std::mem::{align_of, size_of};
use std::ptr::{self, NonNull};

/// A fixed-size object: header, then payload.
#[repr(C)]
pub struct PyObj<T> {
    /// The object header.
    pub header: ObjHeader,
    /// The type's data.
    pub payload: T,
}

/// A variable-size object: header, payload, item count, then the items inline (as CPython's
/// `PyVarObject`: tuple items, str bytes and int digits live in the object's own block). The
/// count's width is the item type's choice ([`InlineItem::Len`]).
#[repr(C)]
pub struct PyVarObj<T, I: InlineItem> {
    /// The object header.
    pub header: ObjHeader,
    /// The type's data.
    pub payload: T,
    /// How many items follow.
    pub len: I::Len,
    pub(crate) items: [I; 0],
}

/// An immortal object that lives in a `static` (None, True, False, ...), as in CPython.
#[repr(transparent)]
pub struct StaticObj<T>(pub(crate) PyObj<T>);

impl<T: PyPayload> StaticObj<T> {
    /// A static immortal object of type `ty`.
    pub const fn new(ty: &'static TypeObject, payload: T) -> StaticObj<T> {
        StaticObj(PyObj {
            header: ObjHeader::immortal(ty),
            payload,
        })
    }
}

// SAFETY: a StaticObj's refcount starts at IMMORTAL_REFCNT, and handles never write the
// refcount of immortal objects; the payload is `Sync` itself. So threads only read it.
unsafe impl<T: Sync> Sync for StaticObj<T> {}

mod sealed {
    /// Keeps [`super::InlineItem`] and [`super::ItemCount`] implemented by the core only.
    pub trait Sealed {}
}

/// The type of a var-sized object's item count: `usize`, or `u32` where the items are small
/// and a narrower count keeps the block small (an int's digits: header, count and two digits
/// make a machine-word int 28 bytes, as CPython's).
pub trait ItemCount: sealed::Sealed + Copy + 'static {
    /// Whether the count is a `u32` (read by the core through the vtable).
    const NARROW: bool;
    /// The count `n`, if it fits.
    fn from_usize(n: usize) -> Option<Self>;
    /// The count as a `usize`.
    fn get(self) -> usize;
}

impl sealed::Sealed for usize {}
impl ItemCount for usize {
    const NARROW: bool = false;
    #[inline]
    fn from_usize(n: usize) -> Option<usize> {
        Some(n)
    }
    #[inline]
    fn get(self) -> usize {
        self
    }
}

impl ItemCount for u32 {
    const NARROW: bool = true;
    #[inline]
    fn from_usize(n: usize) -> Option<u32> {
        u32::try_from(n).ok()
    }
    #[inline]
    fn get(self) -> usize {
        self as usize
    }
}

/// Items that may be stored inline in a [`PyVarObj`]. Implemented by the core only (the
/// collector relies on `visit`, and text reading on `UTF8`).
pub trait InlineItem: sealed::Sealed + 'static + Sized {
    /// The items are UTF-8 text ([`Utf8Byte`]).
    const UTF8: bool = false;
    /// The items are strong references ([`ObjRef`]).
    const REFS: bool = false;
    /// The type of the item count in front of the items.
    type Len: ItemCount;

    /// Visits the item's reference, if it is one.
    fn visit(&self, _visit: &mut Visitor<'_>) {}
}

impl sealed::Sealed for ObjRef {}
impl InlineItem for ObjRef {
    const REFS: bool = true;
    type Len = usize;

    fn visit(&self, visit: &mut Visitor<'_>) {
        visit(self)
    }
}
impl sealed::Sealed for u8 {}
impl InlineItem for u8 {
    type Len = usize;
}

/// A byte of a str's text stored inline. Objects with these items are only made by
/// [`new_var_object_str`] (from a `&str`) and [`new_var_object_text`] (from any bytes, which
/// it validates), and their last item is a marker the core writes: [`TEXT_UTF8`] when the bytes
/// before it are valid UTF-8, [`TEXT_GENERAL`] otherwise. So [`ObjRef::downcast_text`] can hand
/// out a `&str` without re-validating exactly when the marker says so.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Utf8Byte(u8);

/// The bytes of text items.
pub(crate) fn utf8_items_as_bytes(items: &[Utf8Byte]) -> &[u8] {
    // SAFETY: Utf8Byte is `repr(transparent)` over u8, so the slices have the same layout.
    unsafe { std::slice::from_raw_parts(items.as_ptr() as *const u8, items.len()) }
}

/// The marker of text items that are valid UTF-8.
pub(crate) const TEXT_UTF8: u8 = 0;
/// The marker of text items that are not (generalized UTF-8 holding lone surrogates).
pub(crate) const TEXT_GENERAL: u8 = 1;

impl sealed::Sealed for Utf8Byte {}
impl InlineItem for Utf8Byte {
    const UTF8: bool = true;
    type Len = usize;
}
impl sealed::Sealed for u32 {}
/// 32-bit items (an int's digits) are counted in a `u32`.
impl InlineItem for u32 {
    type Len = u32;
}
impl sealed::Sealed for u64 {}
impl InlineItem for u64 {
    type Len = usize;
}

/// Marker for fixed-size payloads in [`PayloadVTable::of`].
pub enum NoItems {}

impl PayloadVTable {
    /// The vtable of a fixed-size payload `T`.
    pub const fn of<T: PyPayload>() -> PayloadVTable {
        assert!(align_of::<PyObj<T>>() <= 16);
        PayloadVTable {
            type_id: TypeId::of::<(T, NoItems)>(),
            type_name: std::any::type_name::<T>,
            is_container: T::IS_CONTAINER,
            basic_size: size_of::<PyObj<T>>(),
            item_size: 0,
            len_offset: 0,
            narrow_len: false,
            utf8_items: false,
            ref_items: false,
            traverse: traverse_fixed::<T>,
            payload_traverses: !T::REPORTS_NOTHING,
            clear: clear_fixed::<T>,
            drop_contents: drop_fixed::<T>,
            plain: !T::IS_CONTAINER && !std::mem::needs_drop::<T>(),
        }
    }

    /// The vtable of a variable-size payload `T` with inline items `I`.
    pub const fn of_var<T: PyPayload, I: InlineItem>() -> PayloadVTable {
        assert!(align_of::<PyVarObj<T, I>>() <= 16);
        PayloadVTable {
            type_id: TypeId::of::<(T, I)>(),
            type_name: std::any::type_name::<T>,
            is_container: T::IS_CONTAINER,
            basic_size: std::mem::offset_of!(PyVarObj<T, I>, items),
            item_size: size_of::<I>(),
            len_offset: std::mem::offset_of!(PyVarObj<T, I>, len),
            narrow_len: <I::Len as ItemCount>::NARROW,
            utf8_items: I::UTF8,
            ref_items: I::REFS,
            traverse: traverse_var::<T, I>,
            payload_traverses: !T::REPORTS_NOTHING,
            clear: clear_var::<T, I>,
            drop_contents: drop_var::<T, I>,
            plain: !T::IS_CONTAINER && !std::mem::needs_drop::<T>() && !std::mem::needs_drop::<I>(),
        }
    }
}

pub(crate) const GC_SIZE: usize = size_of::<GcHead>();
const SLOT_SIZE: usize = size_of::<ObjCell>();
const _: () = assert!(SLOT_SIZE == 8);

/// Where the parts of an object's block are.
#[derive(Clone, Copy)]
pub(crate) struct BlockLayout {
    /// Bytes in front of the GcHead (preheader slots, padded to 16).
    pub pre: usize,
    /// Number of preheader slots.
    pub slots: usize,
    /// Whether a GcHead precedes the header.
    pub gc: bool,
    /// Bytes from the header to the end.
    pub body: usize,
}

impl BlockLayout {
    /// The layout of an object of type `ty` with `len` inline items.
    #[inline(always)]
    pub fn of(ty: &TypeObject, len: usize) -> BlockLayout {
        let vt = ty.payload;
        if ty.flags & tpflags::HEAPTYPE == 0 {
            // A static type (most objects made): no preheader, a GcHead when its payload is a
            // container, what `preheader_slots` and `is_container` say for it without
            // reading the type's header.
            return BlockLayout {
                pre: 0,
                slots: 0,
                gc: vt.is_container,
                body: vt.basic_size + vt.item_size * len,
            };
        }
        let slots = ty.preheader_slots();
        BlockLayout {
            pre: (slots * SLOT_SIZE).next_multiple_of(16),
            slots,
            gc: ty.is_container(),
            body: vt.basic_size + vt.item_size * len,
        }
    }

    /// Total block size.
    pub fn size(&self) -> usize {
        self.pre + if self.gc { GC_SIZE } else { 0 } + self.body
    }

    /// Offset of the object header from the block start.
    pub fn header_offset(&self) -> usize {
        self.pre + if self.gc { GC_SIZE } else { 0 }
    }
}

/// The item count of a var-sized object (0 for fixed-size ones).
///
/// # Safety
/// `p` is a live object whose type's vtable is `vt`.
pub(crate) unsafe fn var_len(p: NonNull<ObjHeader>, vt: &PayloadVTable) -> usize {
    if vt.item_size == 0 {
        return 0;
    }
    let at = (p.as_ptr() as *const u8).wrapping_add(vt.len_offset);
    // SAFETY: var objects keep their item count at `len_offset`, a `u32` or a `usize` as
    // `narrow_len` says, both taken by the vtable from the layout of `PyVarObj<T, I>`; the
    // object is live (precondition).
    unsafe {
        if vt.narrow_len {
            *(at as *const u32) as usize
        } else {
            *(at as *const usize)
        }
    }
}

/// The preheader slots of an instance of a heap type with `nslots` of them: the collector's
/// shortcut for [`preheader`], knowing that such an instance is a container (its GcHead sits
/// between the slots and the header).
///
/// # Safety
/// `p` is a live, mortal instance of a heap type whose `nslots` is given, allocated by this
/// module; the slice lives as long as it.
#[inline(always)]
pub(crate) unsafe fn heap_instance_slots<'a>(
    p: NonNull<ObjHeader>,
    nslots: usize,
) -> &'a [ObjCell] {
    let offset = (nslots * SLOT_SIZE).next_multiple_of(16) + GC_SIZE;
    // SAFETY: `alloc_block` laid the block out as `BlockLayout::of` says: `nslots` initialised
    // ObjCells, padded to 16 bytes, then the GcHead (heap types' instances are containers,
    // `TypeObject::is_container`), then the header; `__class__` assignment keeps that shape.
    unsafe {
        let start = (p.as_ptr() as *const u8).sub(offset) as *const ObjCell;
        std::slice::from_raw_parts(start, nslots)
    }
}

/// The preheader slots of a live object (empty for objects without any).
///
/// # Safety
/// `p` is a live object of type `ty` allocated by this module; the slice lives as long as it.
pub(crate) unsafe fn preheader<'a>(p: NonNull<ObjHeader>, ty: &TypeObject) -> &'a [ObjCell] {
    let slots = ty.preheader_slots();
    if slots == 0 {
        return &[];
    }
    let layout = BlockLayout::of(ty, 0);
    // SAFETY: the block starts `header_offset` bytes before the header and begins with
    // `slots` initialised ObjCells (written by `alloc_block`).
    unsafe {
        let start = (p.as_ptr() as *const u8).sub(layout.header_offset()) as *const ObjCell;
        std::slice::from_raw_parts(start, slots)
    }
}

/// Allocates and initialises the block of a new object of type `ty`.
///
/// # Safety
/// `init` must fully initialise the object at the pointer it is given, as the layout
/// `ty.payload` describes with `len` items, writing a header whose type is `ty`.
#[inline(always)]
pub(crate) unsafe fn alloc_block(
    ty: &TypeObject,
    len: usize,
    init: impl FnOnce(*mut u8),
) -> Result<ObjRef, AllocError> {
    let layout = BlockLayout::of(ty, len);
    let size = layout.size();
    // One read of the thread's heap for the whole allocation.
    let heap = heap::CurrentHeap::get();
    let (block, tracing) = heap.alloc_block(size)?;
    let base = block.as_ptr();
    for i in 0..layout.slots {
        // SAFETY: the preheader has room for `slots` cells at the start of the block.
        unsafe { (base as *mut ObjCell).add(i).write(ObjCell::new(None)) };
    }
    if layout.gc {
        // SAFETY: the GcHead sits right after the preheader, inside the block, 16-aligned.
        unsafe { (base.add(layout.pre) as *mut GcHead).write(GcHead::untracked()) };
    }
    // SAFETY: the header offset is inside the block.
    let obj = unsafe { base.add(layout.header_offset()) };
    init(obj);
    if ty.is_heap_type() {
        // Instances keep their (heap) type alive.
        std::mem::forget(ObjRef::from_type_ref(ty));
    }
    // SAFETY: `obj` is non-null (inside a non-null block) and now a valid object.
    let r = unsafe { ObjRef::from_raw_new(NonNull::new_unchecked(obj as *mut ObjHeader)) };
    // Linked only now that the object is complete: a collection started from here on (by a
    // tracer's allocation, or the one due below) may walk it.
    let collect = layout.gc && {
        // SAFETY: the GcHead written above, of this fresh, untracked container of `heap`.
        unsafe { heap.track_new(NonNull::new_unchecked(base.add(layout.pre) as *mut GcHead)) }
    };
    if tracing {
        heap::trace_alloc(block, size);
    }
    if collect {
        crate::gc::maybe_collect();
    }
    Ok(r)
}

/// The item count of a new object of `len` items, or the error for a block that could never be
/// made (a count past what the item type's count holds).
fn item_count<I: InlineItem>(ty: &TypeObject, len: usize) -> Result<I::Len, AllocError> {
    <I::Len as ItemCount>::from_usize(len).ok_or(AllocError {
        size: BlockLayout::of(ty, 0)
            .size()
            .saturating_add(len.saturating_mul(size_of::<I>())),
    })
}

fn check_payload(ty: &TypeObject, want: TypeId, what: &str) {
    assert!(
        ty.payload.type_id == want,
        "type {} holds {}, not {}",
        ty.name(),
        ty.payload_type_name(),
        what
    );
}

/// Allocates a fixed-size object of type `ty` (whose vtable must be `PayloadVTable::of::<T>()`,
/// directly or inherited by a subclass).
#[inline]
pub fn new_object<T: PyPayload>(ty: &TypeObject, payload: T) -> Result<ObjRef, AllocError> {
    check_payload(ty, TypeId::of::<(T, NoItems)>(), std::any::type_name::<T>());
    if !T::IS_CONTAINER && ty.flags & tpflags::HEAPTYPE == 0 {
        // A static type's non-container instance (a float, ...): the block is the object
        // (`BlockLayout::of` gives no preheader and no GcHead), its size known here.
        let size = size_of::<PyObj<T>>();
        let heap = heap::CurrentHeap::get();
        let (block, tracing) = heap.alloc_block(size)?;
        let p = block.as_ptr() as *mut PyObj<T>;
        // SAFETY: the TypeId check proves the layout is PyObj<T>, and the fresh block holds
        // `size_of::<PyObj<T>>()` bytes, 16-aligned; we write all of it.
        unsafe {
            p.write(PyObj {
                header: ObjHeader::fresh(ty),
                payload,
            })
        };
        if tracing {
            heap::trace_alloc(block, size);
        }
        // SAFETY: the block is non-null and now holds a valid object with one reference.
        return Ok(unsafe { ObjRef::from_raw_new(block.cast()) });
    }
    new_object_general(ty, payload)
}

/// [`new_object`] of a container or a heap type's instance.
#[inline(never)]
fn new_object_general<T: PyPayload>(ty: &TypeObject, payload: T) -> Result<ObjRef, AllocError> {
    // SAFETY: the TypeId check proves the block is laid out as PyObj<T>; we write all of it.
    unsafe {
        alloc_block(ty, 0, |p| {
            (p as *mut PyObj<T>).write(PyObj {
                header: ObjHeader::fresh(ty),
                payload,
            })
        })
    }
}

/// Allocates a variable-size object of type `ty` with `items` inline.
pub fn new_var_object<T: PyPayload, I: InlineItem>(
    ty: &TypeObject,
    payload: T,
    items: Vec<I>,
) -> Result<ObjRef, AllocError> {
    let len = items.len();
    // SAFETY: a vector's iterator yields exactly its length.
    unsafe { new_var_object_from(ty, payload, len, items.into_iter()) }
}

/// Allocates a variable-size object of type `ty` with the `N` `items` inline, with no vector in
/// between (a pair or triple made per step of a loop: `enumerate`, `BUILD_TUPLE 2`).
pub fn new_var_object_array<T: PyPayload, I: InlineItem, const N: usize>(
    ty: &TypeObject,
    payload: T,
    items: [I; N],
) -> Result<ObjRef, AllocError> {
    // SAFETY: an array's iterator yields exactly `N` items.
    unsafe { new_var_object_from(ty, payload, N, items.into_iter()) }
}

/// A variable-size object of type `ty` with the `len` items of `items` inline.
///
/// # Safety
/// `items` yields exactly `len` items (each is written into the block; fewer would leave
/// items uninitialized, more would write past the block).
unsafe fn new_var_object_from<T: PyPayload, I: InlineItem>(
    ty: &TypeObject,
    payload: T,
    len: usize,
    items: impl Iterator<Item = I>,
) -> Result<ObjRef, AllocError> {
    check_payload(ty, TypeId::of::<(T, I)>(), std::any::type_name::<T>());
    let count = item_count::<I>(ty, len)?;
    // SAFETY: the TypeId check proves the layout is PyVarObj<T, I> with `len` items; we write
    // the header, payload, length and every item (the caller promises exactly `len`).
    unsafe {
        alloc_block(ty, len, |p| {
            let o = p as *mut PyVarObj<T, I>;
            ptr::addr_of_mut!((*o).header).write(ObjHeader::fresh(ty));
            ptr::addr_of_mut!((*o).payload).write(payload);
            ptr::addr_of_mut!((*o).len).write(count);
            let dst = ptr::addr_of_mut!((*o).items) as *mut I;
            for (i, item) in items.enumerate() {
                dst.add(i).write(item);
            }
        })
    }
}

/// Allocates a variable-size object whose inline items are the UTF-8 bytes of `text` (plus the
/// core's validity marker, see [`Utf8Byte`]).
pub fn new_var_object_str<T: PyPayload>(
    ty: &TypeObject,
    payload: T,
    text: &str,
) -> Result<ObjRef, AllocError> {
    alloc_text(ty, payload, text.as_bytes(), TEXT_UTF8)
}

/// Allocates a variable-size object whose inline items are `bytes`, which need not be UTF-8
/// (a str holding lone surrogates stores them in their 3-byte form). The bytes are validated
/// here: only valid UTF-8 is ever handed out as `&str` later.
pub fn new_var_object_text<T: PyPayload>(
    ty: &TypeObject,
    payload: T,
    bytes: &[u8],
) -> Result<ObjRef, AllocError> {
    let marker = if std::str::from_utf8(bytes).is_ok() {
        TEXT_UTF8
    } else {
        TEXT_GENERAL
    };
    alloc_text(ty, payload, bytes, marker)
}

fn alloc_text<T: PyPayload>(
    ty: &TypeObject,
    payload: T,
    bytes: &[u8],
    marker: u8,
) -> Result<ObjRef, AllocError> {
    check_payload(
        ty,
        TypeId::of::<(T, Utf8Byte)>(),
        std::any::type_name::<T>(),
    );
    let len = bytes.len() + 1;
    let count = item_count::<Utf8Byte>(ty, len)?;
    // SAFETY: the TypeId check proves the layout is PyVarObj<T, Utf8Byte> with `len` items; we
    // write the header, payload, length, copy every byte (Utf8Byte is a transparent u8) and
    // write the marker last; `marker` is TEXT_UTF8 only when `bytes` came from a `&str` or
    // passed validation.
    unsafe {
        alloc_block(ty, len, |p| {
            let o = p as *mut PyVarObj<T, Utf8Byte>;
            ptr::addr_of_mut!((*o).header).write(ObjHeader::fresh(ty));
            ptr::addr_of_mut!((*o).payload).write(payload);
            ptr::addr_of_mut!((*o).len).write(count);
            let dst = ptr::addr_of_mut!((*o).items) as *mut u8;
            ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
            dst.add(bytes.len()).write(marker);
        })
    }
}

/// Allocates a variable-size object whose items are copied from a slice.
pub fn new_var_object_copy<T: PyPayload, I: InlineItem + Copy>(
    ty: &TypeObject,
    payload: T,
    items: &[I],
) -> Result<ObjRef, AllocError> {
    check_payload(ty, TypeId::of::<(T, I)>(), std::any::type_name::<T>());
    let len = items.len();
    let count = item_count::<I>(ty, len)?;
    // SAFETY: as in `new_var_object`; the items are plain data copied in.
    unsafe {
        alloc_block(ty, len, |p| {
            let o = p as *mut PyVarObj<T, I>;
            ptr::addr_of_mut!((*o).header).write(ObjHeader::fresh(ty));
            ptr::addr_of_mut!((*o).payload).write(payload);
            ptr::addr_of_mut!((*o).len).write(count);
            let dst = ptr::addr_of_mut!((*o).items) as *mut I;
            ptr::copy_nonoverlapping(items.as_ptr(), dst, len);
        })
    }
}

fn traverse_fixed<T: PyPayload>(obj: &ObjRef, visit: &mut Visitor<'_>) {
    if let Some(p) = obj.downcast::<T>() {
        p.traverse(visit)
    }
}

fn clear_fixed<T: PyPayload>(obj: &ObjRef) -> Vec<ObjRef> {
    obj.downcast::<T>().map(|p| p.clear()).unwrap_or_default()
}

fn traverse_var<T: PyPayload, I: InlineItem>(obj: &ObjRef, visit: &mut Visitor<'_>) {
    if let Some((p, items)) = obj.downcast_var::<T, I>() {
        p.traverse(visit);
        // Last first, as CPython's tuple traversal.
        for it in items.iter().rev() {
            it.visit(visit);
        }
    }
}

fn clear_var<T: PyPayload, I: InlineItem>(obj: &ObjRef) -> Vec<ObjRef> {
    // Inline items are immutable (tuples): only the payload's references can be cleared.
    obj.downcast_var::<T, I>()
        .map(|(p, _)| p.clear())
        .unwrap_or_default()
}

/// # Safety
/// `p` is a dead `PyObj<T>`; its payload is dropped exactly once.
unsafe fn drop_fixed<T: PyPayload>(p: NonNull<ObjHeader>) {
    let o = p.cast::<PyObj<T>>().as_ptr();
    // SAFETY: the payload is initialised and dropped once (precondition).
    unsafe { ptr::drop_in_place(ptr::addr_of_mut!((*o).payload)) }
}

/// # Safety
/// `p` is a dead `PyVarObj<T, I>`; its payload and items are dropped exactly once.
unsafe fn drop_var<T: PyPayload, I: InlineItem>(p: NonNull<ObjHeader>) {
    let o = p.cast::<PyVarObj<T, I>>().as_ptr();
    // SAFETY: payload and `len` items are initialised and dropped once (precondition).
    unsafe {
        let len = (*o).len.get();
        ptr::drop_in_place(ptr::addr_of_mut!((*o).payload));
        let items = ptr::addr_of_mut!((*o).items) as *mut I;
        ptr::drop_in_place(ptr::slice_from_raw_parts_mut(items, len));
    }
}

/// Frees a dead object that needs nothing but its block freed: an instance of a static type
/// (no preheader, no class to release) without a finalizer, whose payload is `plain` (no
/// container, so no GcHead, weak references or collector links; nothing to drop, so no child
/// is released and no nesting to bound). Returns `false`, having done nothing, for any other
/// object, which then takes [`dealloc_object`]'s path.
///
/// # Safety
/// `p` is a dead object (refcount zero) of the current heap, deallocated exactly once.
#[inline(always)]
pub(in crate::object) unsafe fn dealloc_plain(p: NonNull<ObjHeader>) -> bool {
    // SAFETY: the header is intact until the block is freed; the type is static (checked
    // below before anything else is read from it) or outlives its instance.
    let ty: &TypeObject = unsafe { &*p.as_ref().ob_type.get() };
    let vt = ty.payload;
    if !vt.plain || ty.flags & (tpflags::HEAPTYPE | tpflags::FINALIZE_ON_DEALLOC) != 0 {
        return false;
    }
    // SAFETY: `p` is live until freed below.
    let len = unsafe { var_len(p, vt) };
    let layout = BlockLayout::of(ty, len);
    debug_assert!(layout.header_offset() == 0 && layout.slots == 0 && !layout.gc);
    // SAFETY: the block was allocated by `alloc_block` from the current heap with this layout,
    // whose header offset is 0 (no preheader, no GcHead); nothing in it needs dropping.
    unsafe { heap::CurrentHeap::get().free_block(p.cast(), layout.size(), false) };
    true
}

/// Frees an object whose refcount reached zero: untracks it, drops the preheader slots and the
/// payload (which may free children), frees the block, then releases a heap type.
///
/// # Safety
/// `p` is a dead object (refcount zero) of `heap`, the current heap, deallocated exactly once.
pub(in crate::object) unsafe fn dealloc_object(heap: heap::CurrentHeap, p: NonNull<ObjHeader>) {
    // SAFETY: the header stays valid until the block is freed below; the type outlives the
    // instance because the instance holds a reference to it (heap types) or it is static.
    let ty: &TypeObject = unsafe { &*p.as_ref().ob_type.get() };
    let vt = ty.payload;
    // SAFETY: `p` is live until freed below.
    let len = unsafe { var_len(p, vt) };
    // The block's layout: a finalizer may change the class, but only to one that lays
    // instances out alike (`ObjRef::set_class` checks it).
    let layout = BlockLayout::of(ty, len);
    // SAFETY: the block starts `header_offset` bytes before the header.
    let block =
        unsafe { NonNull::new_unchecked((p.as_ptr() as *mut u8).sub(layout.header_offset())) };
    // SAFETY: a container's GcHead is inside this still-allocated block, after the preheader.
    let gc_head = layout
        .gc
        .then(|| unsafe { block.add(layout.pre) }.cast::<GcHead>());
    // PEP 442: run the finalizer once (CPython's `subtype_dealloc` for heap types, and the
    // `tp_dealloc` of the types flagged FINALIZE_ON_DEALLOC, call `tp_finalize`).
    let finalize = ty
        .slots
        .finalize
        .filter(|_| ty.is_heap_type() || ty.flags & tpflags::FINALIZE_ON_DEALLOC != 0);
    // SAFETY: the GcHead of this intact container.
    let finalized = gc_head.is_some_and(|gc| unsafe { gc.as_ref() }.is_finalized());
    if let (Some(finalize), false) = (finalize, finalized) {
        // The finalizer runs on a temporarily revived object; if it stored a new reference
        // somewhere, the object lives on. While revived (refcount 1) it is tracked again, as
        // CPython's `subtype_dealloc` re-tracks around the finalizer: a collection run by the
        // finalizer sees it as referenced from outside, and a resurrected object stays tracked.
        // (`dealloc` untracked it; objects with finalizers are containers, tracked while
        // alive.)
        if let Some(gc) = gc_head {
            // SAFETY: the GcHead of this intact container, untracked by `dealloc`.
            unsafe { heap::retrack(gc) };
        }
        // SAFETY: the object is dead but intact; we take the one (revived) reference to it.
        let revived = unsafe {
            p.as_ref().refcnt.set(1);
            ObjRef::from_raw_owned(p)
        };
        heap::with_vm(|vm| finalize(vm, &revived));
        if revived.refcnt() > 1 {
            // Resurrected: drop our reference without freeing, someone else holds one now.
            let rc = revived.refcnt();
            // SAFETY: the object is alive with `rc` references, one of them ours.
            unsafe { p.as_ref().refcnt.set(rc - 1) };
            std::mem::forget(revived);
            return;
        }
        std::mem::forget(revived);
        // SAFETY: back to dead: nobody else holds a reference.
        unsafe { p.as_ref().refcnt.set(0) };
        if let Some(gc) = gc_head {
            // SAFETY: as above; dead objects are untracked before weak reference callbacks.
            unsafe { heap::untrack(gc) };
        }
    }
    // A finalizer may have changed the class (`self.__class__ = C` in `__del__`): the layout
    // is the same (`ObjRef::set_class` checks it), but the reference released is the new one's.
    // SAFETY: as above; the header is intact until the block is freed.
    let ty: &TypeObject = unsafe { &*p.as_ref().ob_type.get() };
    // Weak references die before the object; their callbacks run now, with the object gone
    // from their point of view.
    let has_weakrefs = gc_head.is_some_and(|g| {
        // SAFETY: the GcHead of this still-allocated container.
        unsafe { g.as_ref() }.prev.get() & super::header::GC_FLAG_HAS_WEAKREFS != 0
    });
    if has_weakrefs {
        // SAFETY: `p` is a dead but intact object, not yet freed.
        let refs = unsafe { super::weakref::clear_weakrefs(p) };
        super::weakref::call_callbacks(refs);
    }
    let counted_container = gc_head.is_some_and(|gc| {
        // SAFETY: the GcHead of this still-allocated container.
        unsafe { heap::untrack(gc) };
        // An object whose allocation was taken out of the count (an instance dict never
        // handed out, standing for CPython 3.11's inline values) is not counted when freed.
        // SAFETY: as above.
        unsafe { gc.as_ref() }.prev.get() & super::header::GC_FLAG_UNCOUNTED == 0
    });
    // Keep the type alive across the free (the instance's own reference is released last).
    let heap_type = if ty.is_heap_type() {
        // SAFETY: the reference the instance took at allocation is transferred to this handle.
        Some(unsafe { ObjRef::from_raw_owned(NonNull::from(&ty.header)) })
    } else {
        None
    };
    // SAFETY: the block begins with `layout.slots` preheader cells, initialised at allocation
    // (the class a finalizer may have switched to has as many); each value is taken once.
    // Releasing one may free other objects, never this one (it is already dead).
    let slots =
        unsafe { std::slice::from_raw_parts(block.as_ptr() as *const ObjCell, layout.slots) };
    for cell in slots {
        drop(cell.replace(None));
    }
    // Children may be freed (or queued) from here; the block itself stays until we free it.
    // SAFETY: the object is dead and its contents are dropped exactly once (the payload
    // vtable is shared by every class the object may have now, see above).
    unsafe { (vt.drop_contents)(p) };
    // SAFETY: the block was allocated by `alloc_block` from this heap with exactly this layout.
    unsafe { heap.free_block(block, layout.size(), counted_container) };
    drop(heap_type);
}
