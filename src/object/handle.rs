//! The strong handle [`ObjRef`] and the object layouts [`PyObj`] / [`PyVarObj`].
//!
//! | handle        | owns a reference | made by                                    |
//! |---------------|------------------|--------------------------------------------|
//! | `ObjRef`      | yes              | [`new_object`], [`new_var_object`], clone  |
//! | `&ObjRef`     | no (borrowed)    | any borrow of an `ObjRef`                  |
//!
//! Cloning an `ObjRef` increments the refcount; dropping decrements it, and at zero the type's
//! payload vtable drops the payload (releasing its children) and frees the block through the
//! heap that allocated it. Deep chains are freed without deep recursion (see the trashcan in
//! [`super::heap`]).

use super::header::{GcHead, ObjHeader};
use super::heap;
use super::typeobj::{PayloadVTable, PyPayload, TypeObject};
use arenapy_allocators::AllocError;
use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;
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
/// `PyVarObject`: tuple items, str bytes and int digits live in the object's own block).
#[repr(C)]
pub struct PyVarObj<T, I> {
    /// The object header.
    pub header: ObjHeader,
    /// The type's data.
    pub payload: T,
    /// How many items follow.
    pub len: usize,
    items: [I; 0],
}

/// An immortal object that lives in a `static` (None, True, False, ...), as in CPython.
#[repr(transparent)]
pub struct StaticObj<T>(PyObj<T>);

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

/// Items that may be stored inline in a [`PyVarObj`].
pub trait InlineItem: 'static + Sized {
    /// Visits the item's reference, if it is one.
    fn visit(&self, _visit: &mut dyn FnMut(&ObjRef)) {}
}

impl InlineItem for ObjRef {
    fn visit(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(self)
    }
}
impl InlineItem for u8 {}
impl InlineItem for u32 {}
impl InlineItem for u64 {}

/// Marker for fixed-size payloads in [`PayloadVTable::of`].
pub enum NoItems {}

impl PayloadVTable {
    /// The vtable of a fixed-size payload `T`.
    pub const fn of<T: PyPayload>() -> PayloadVTable {
        assert!(align_of::<PyObj<T>>() <= 16);
        PayloadVTable {
            type_id: TypeId::of::<(T, NoItems)>,
            type_name: std::any::type_name::<T>,
            is_container: T::IS_CONTAINER,
            basic_size: size_of::<PyObj<T>>(),
            item_size: 0,
            len_offset: 0,
            traverse: traverse_fixed::<T>,
            clear: clear_fixed::<T>,
            dealloc: dealloc_fixed::<T>,
        }
    }

    /// The vtable of a variable-size payload `T` with inline items `I`.
    pub const fn of_var<T: PyPayload, I: InlineItem>() -> PayloadVTable {
        assert!(align_of::<PyVarObj<T, I>>() <= 16);
        PayloadVTable {
            type_id: TypeId::of::<(T, I)>,
            type_name: std::any::type_name::<T>,
            is_container: T::IS_CONTAINER,
            basic_size: std::mem::offset_of!(PyVarObj<T, I>, items),
            item_size: size_of::<I>(),
            len_offset: std::mem::offset_of!(PyVarObj<T, I>, len),
            traverse: traverse_var::<T, I>,
            clear: clear_var::<T, I>,
            dealloc: dealloc_var::<T, I>,
        }
    }
}

const GC_SIZE: usize = size_of::<GcHead>();

/// The block size of an object of `vtable` with `len` inline items, GC head included.
fn block_size(vtable: &PayloadVTable, len: usize) -> usize {
    let gc = if vtable.is_container { GC_SIZE } else { 0 };
    gc + vtable.basic_size + vtable.item_size * len
}

/// A strong reference to a Python object.
pub struct ObjRef {
    ptr: NonNull<ObjHeader>,
    _not_send: PhantomData<*mut ()>,
}

impl ObjRef {
    /// A handle to an immortal static object.
    pub fn from_static<T: PyPayload>(obj: &'static StaticObj<T>) -> ObjRef {
        debug_assert!(obj.0.header.is_immortal());
        ObjRef {
            ptr: NonNull::from(&obj.0.header),
            _not_send: PhantomData,
        }
    }

    /// A handle to a static type object.
    pub fn from_type(ty: &'static TypeObject) -> ObjRef {
        ObjRef {
            ptr: NonNull::from(&ty.header),
            _not_send: PhantomData,
        }
    }

    /// A new reference to the object's type (`type(obj)`).
    pub fn type_object(&self) -> ObjRef {
        // A borrowed view of the type (not owning a reference), cloned into an owned one.
        let borrowed = std::mem::ManuallyDrop::new(ObjRef {
            ptr: NonNull::from(&self.ob_type().header),
            _not_send: PhantomData,
        });
        ObjRef::clone(&borrowed)
    }

    /// The object header.
    #[inline]
    pub fn header(&self) -> &ObjHeader {
        // SAFETY: a handle keeps its object alive, so the header is valid for the borrow.
        unsafe { self.ptr.as_ref() }
    }

    /// The object's type. (Builtin types are static; the borrow's lifetime leaves room for
    /// heap types, which their instances keep alive.)
    #[inline]
    pub fn ob_type(&self) -> &TypeObject {
        self.header().ob_type
    }

    /// The object's address (`id()`).
    #[inline]
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// `a is b`.
    #[inline]
    pub fn is(&self, other: &ObjRef) -> bool {
        self.ptr == other.ptr
    }

    /// The current reference count.
    pub fn refcnt(&self) -> isize {
        self.header().refcnt()
    }

    /// Whether the object is an instance of `ty` or of a subclass.
    #[inline]
    pub fn is_instance(&self, ty: &TypeObject) -> bool {
        self.ob_type().is_subtype(ty)
    }

    /// The payload, if the object's layout is `PyObj<T>`.
    #[inline]
    pub fn downcast<T: PyPayload>(&self) -> Option<&T> {
        if (self.ob_type().payload.type_id)() == TypeId::of::<(T, NoItems)>() {
            // SAFETY: objects are only built by `new_object`/`immortal` with a type whose vtable
            // was made by `PayloadVTable::of::<T>()` (checked at allocation), so the matching
            // TypeId proves the block is a `PyObj<T>`; the handle keeps it alive.
            Some(unsafe { &(*self.ptr.cast::<PyObj<T>>().as_ptr()).payload })
        } else {
            None
        }
    }

    /// The payload and inline items, if the object's layout is `PyVarObj<T, I>`.
    #[inline]
    pub fn downcast_var<T: PyPayload, I: InlineItem>(&self) -> Option<(&T, &[I])> {
        if (self.ob_type().payload.type_id)() == TypeId::of::<(T, I)>() {
            let p = self.ptr.cast::<PyVarObj<T, I>>().as_ptr();
            // SAFETY: as in `downcast`: the TypeId proves the layout; `len` items were
            // initialised at allocation and inline items are never moved or resized.
            unsafe {
                let items = ptr::addr_of!((*p).items) as *const I;
                Some((&(*p).payload, std::slice::from_raw_parts(items, (*p).len)))
            }
        } else {
            None
        }
    }

    /// The object as a type object, if it is one.
    pub fn as_type(&self) -> Option<&'static TypeObject> {
        if self
            .ob_type()
            .is_subtype(&crate::objects::typetype::TYPE_TYPE)
        {
            // SAFETY: instances of `type` are `TypeObject`s, all of them immortal statics (heap
            // types do not exist yet), so the reference is valid for 'static.
            Some(unsafe { &*(self.ptr.cast::<TypeObject>().as_ptr()) })
        } else {
            None
        }
    }

    /// Visits the references the object holds (its type's traverse).
    pub fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        (self.ob_type().payload.traverse)(self, visit)
    }

    /// Drops the references the object holds that may form cycles (its type's clear); the
    /// references are returned so the caller can drop them after any borrow ends.
    pub fn clear_refs(&self) -> Vec<ObjRef> {
        (self.ob_type().payload.clear)(self)
    }

    /// The GcHead in front of a container.
    fn gc_head(&self) -> Option<NonNull<GcHead>> {
        if self.ob_type().is_container() && !self.header().is_immortal() {
            // SAFETY: containers allocated by this module have a GcHead right before the header.
            Some(unsafe { NonNull::new_unchecked((self.ptr.as_ptr() as *mut GcHead).sub(1)) })
        } else {
            None
        }
    }

    /// Whether the cycle collector tracks the object.
    pub fn is_tracked(&self) -> bool {
        // SAFETY: the GcHead of a live container is valid while the handle lives.
        self.gc_head()
            .is_some_and(|g| unsafe { g.as_ref() }.is_tracked())
    }

    /// Stops tracking the object (CPython untracks tuples and dicts of atomic values).
    pub fn untrack(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: `g` is the GcHead of this live container of the current heap.
            unsafe { heap::untrack(g) }
        }
    }

    /// A handle for a tracked container's GcHead (used by teardown and the collector).
    pub(crate) fn from_gc_head(gc: NonNull<GcHead>) -> ObjRef {
        // SAFETY: tracked GcHeads belong to live containers whose header follows the GcHead;
        // we take a new strong reference.
        let header = unsafe { NonNull::new_unchecked(gc.as_ptr().add(1) as *mut ObjHeader) };
        // SAFETY: `header` is a live object header, see above.
        let h = unsafe { header.as_ref() };
        h.refcnt.set(h.refcnt.get() + 1);
        ObjRef {
            ptr: header,
            _not_send: PhantomData,
        }
    }

    /// `sys.getsizeof` without `__sizeof__` overrides: the object's own block.
    pub fn block_size(&self) -> usize {
        let vt = self.ob_type().payload;
        let len = if vt.item_size > 0 {
            // SAFETY: var objects keep their item count at `len_offset`, which the vtable took
            // from the layout of `PyVarObj<T, I>`; the handle keeps the object alive.
            unsafe { *((self.ptr.as_ptr() as *const u8).add(vt.len_offset) as *const usize) }
        } else {
            0
        };
        block_size(vt, len)
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> ObjRef {
        let h = self.header();
        let rc = h.refcnt.get();
        if rc < super::header::IMMORTAL_REFCNT {
            h.refcnt.set(rc + 1);
        }
        ObjRef {
            ptr: self.ptr,
            _not_send: PhantomData,
        }
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        let h = self.header();
        let rc = h.refcnt.get();
        if rc >= super::header::IMMORTAL_REFCNT {
            return;
        }
        debug_assert!(rc > 0, "decref of a dead object at {:p}", self.ptr);
        if rc == 1 {
            h.refcnt.set(0);
            dealloc(self.ptr);
        } else {
            h.refcnt.set(rc - 1);
        }
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:p}>", self.ob_type().name(), self.ptr)
    }
}

/// Frees an object whose refcount reached zero, deferring it when deallocations nest deeply.
#[cold]
fn dealloc(obj: NonNull<ObjHeader>) {
    if !heap::trashcan_begin(obj) {
        return;
    }
    let mut current = obj;
    loop {
        // SAFETY: `current` has refcount zero: no handle can reach it any more, and it is
        // deallocated exactly once (either here or, if queued, by the outermost dealloc).
        let vt = unsafe { current.as_ref() }.ob_type.payload;
        // SAFETY: the vtable is the one the object was allocated with.
        unsafe { (vt.dealloc)(current) };
        match heap::trashcan_end() {
            Some(queued) => {
                // Depth is back to zero, so this enters rather than queues.
                let entered = heap::trashcan_begin(queued);
                debug_assert!(entered);
                current = queued;
            }
            None => break,
        }
    }
}

/// Allocates and initialises the block of a new object.
///
/// # Safety
/// `init` must fully initialise the object at the pointer it is given (of the layout `vt`
/// describes with `len` items); on return the object is valid with refcount 1.
unsafe fn alloc_block(
    ty: &'static TypeObject,
    len: usize,
    init: impl FnOnce(*mut u8),
) -> Result<ObjRef, AllocError> {
    let vt = ty.payload;
    let size = block_size(vt, len);
    let block = heap::alloc_raw(size)?;
    let obj = if vt.is_container {
        let gc = block.as_ptr() as *mut GcHead;
        // SAFETY: the block is at least GC_SIZE + basic_size bytes and 16-byte aligned.
        unsafe { gc.write(GcHead::untracked()) };
        // SAFETY: the object follows its GcHead inside the same block.
        unsafe { block.as_ptr().add(GC_SIZE) }
    } else {
        block.as_ptr()
    };
    init(obj);
    // SAFETY: `obj` is non-null (inside a non-null block).
    let ptr = unsafe { NonNull::new_unchecked(obj as *mut ObjHeader) };
    let r = ObjRef {
        ptr,
        _not_send: PhantomData,
    };
    if let Some(gc) = r.gc_head() {
        // SAFETY: a fresh, untracked container of the current heap.
        unsafe { heap::track(gc) };
    }
    Ok(r)
}

/// Allocates a fixed-size object of type `ty` (whose vtable must be `PayloadVTable::of::<T>()`).
pub fn new_object<T: PyPayload>(ty: &'static TypeObject, payload: T) -> Result<ObjRef, AllocError> {
    assert!(
        (ty.payload.type_id)() == TypeId::of::<(T, NoItems)>(),
        "type {} holds {}, not {}",
        ty.name(),
        ty.payload_type_name(),
        std::any::type_name::<T>()
    );
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
    ty: &'static TypeObject,
    payload: T,
    items: Vec<I>,
) -> Result<ObjRef, AllocError> {
    assert!(
        (ty.payload.type_id)() == TypeId::of::<(T, I)>(),
        "type {} does not hold {}",
        ty.name(),
        std::any::type_name::<T>()
    );
    let len = items.len();
    // SAFETY: the TypeId check proves the layout is PyVarObj<T, I> with `len` items; we write
    // the header, payload, length and every item.
    unsafe {
        alloc_block(ty, len, |p| {
            let o = p as *mut PyVarObj<T, I>;
            ptr::addr_of_mut!((*o).header).write(ObjHeader::fresh(ty));
            ptr::addr_of_mut!((*o).payload).write(payload);
            ptr::addr_of_mut!((*o).len).write(len);
            let dst = ptr::addr_of_mut!((*o).items) as *mut I;
            for (i, item) in items.into_iter().enumerate() {
                dst.add(i).write(item);
            }
        })
    }
}

/// Allocates a variable-size object whose items are copied from a slice.
pub fn new_var_object_copy<T: PyPayload, I: InlineItem + Copy>(
    ty: &'static TypeObject,
    payload: T,
    items: &[I],
) -> Result<ObjRef, AllocError> {
    assert!((ty.payload.type_id)() == TypeId::of::<(T, I)>());
    let len = items.len();
    // SAFETY: as in `new_var_object`; the items are plain data copied in.
    unsafe {
        alloc_block(ty, len, |p| {
            let o = p as *mut PyVarObj<T, I>;
            ptr::addr_of_mut!((*o).header).write(ObjHeader::fresh(ty));
            ptr::addr_of_mut!((*o).payload).write(payload);
            ptr::addr_of_mut!((*o).len).write(len);
            let dst = ptr::addr_of_mut!((*o).items) as *mut I;
            ptr::copy_nonoverlapping(items.as_ptr(), dst, len);
        })
    }
}

fn traverse_fixed<T: PyPayload>(obj: &ObjRef, visit: &mut dyn FnMut(&ObjRef)) {
    if let Some(p) = obj.downcast::<T>() {
        p.traverse(visit)
    }
}

fn clear_fixed<T: PyPayload>(obj: &ObjRef) -> Vec<ObjRef> {
    obj.downcast::<T>().map(|p| p.clear()).unwrap_or_default()
}

fn traverse_var<T: PyPayload, I: InlineItem>(obj: &ObjRef, visit: &mut dyn FnMut(&ObjRef)) {
    if let Some((p, items)) = obj.downcast_var::<T, I>() {
        p.traverse(visit);
        for it in items {
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
/// `p` is a `PyObj<T>` with refcount zero, allocated by `new_object`.
unsafe fn dealloc_fixed<T: PyPayload>(p: NonNull<ObjHeader>) {
    let o = p.cast::<PyObj<T>>().as_ptr();
    let vt = {
        // SAFETY: the header is valid until we free the block.
        unsafe { (*o).header.ob_type.payload }
    };
    // SAFETY: the object is dead (refcount zero) and this is its one deallocation.
    unsafe {
        finish_dealloc(p, vt, 0, || {
            ptr::drop_in_place(ptr::addr_of_mut!((*o).payload))
        })
    }
}

/// # Safety
/// `p` is a `PyVarObj<T, I>` with refcount zero, allocated by `new_var_object*`.
unsafe fn dealloc_var<T: PyPayload, I: InlineItem>(p: NonNull<ObjHeader>) {
    let o = p.cast::<PyVarObj<T, I>>().as_ptr();
    // SAFETY: the header and length are valid until we free the block.
    let (vt, len) = unsafe { ((*o).header.ob_type.payload, (*o).len) };
    // SAFETY: the object is dead and this is its one deallocation; `len` items are initialised.
    unsafe {
        finish_dealloc(p, vt, len, || {
            ptr::drop_in_place(ptr::addr_of_mut!((*o).payload));
            let items = ptr::addr_of_mut!((*o).items) as *mut I;
            ptr::drop_in_place(ptr::slice_from_raw_parts_mut(items, len));
        })
    }
}

/// Untracks, drops the contents, and frees the block of a dead object.
///
/// # Safety
/// `p` is a dead object of the current heap laid out as `vt` says with `len` items; `drop`
/// drops its payload and items exactly once.
unsafe fn finish_dealloc(
    p: NonNull<ObjHeader>,
    vt: &PayloadVTable,
    len: usize,
    drop: impl FnOnce(),
) {
    let block = if vt.is_container {
        // SAFETY: containers have their GcHead right before the header, in the same block.
        let gc = unsafe { NonNull::new_unchecked((p.as_ptr() as *mut GcHead).sub(1)) };
        // SAFETY: `gc` belongs to this still-allocated container.
        unsafe { heap::untrack(gc) };
        gc.cast::<u8>()
    } else {
        p.cast::<u8>()
    };
    // Children may be freed (or queued) from here; the block itself stays until we free it.
    drop();
    // SAFETY: the block was allocated by `alloc_block` with exactly this size.
    unsafe { heap::free_raw(block, block_size(vt, len)) };
}
