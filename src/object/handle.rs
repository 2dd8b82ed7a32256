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

use super::header::{GcHead, ObjHeader, GC_FLAG_UNCOUNTED};
use super::heap;
use super::heaptype::HEAP_TYPE_VTABLE;
use super::layout::{self, BlockLayout, ItemCount, NoItems, PyObj, PyVarObj, StaticObj};
use super::traverse::Visitor;
use super::typeobj::{PyPayload, TypeObject};
use std::any::TypeId;
use std::fmt;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

pub use super::layout::InlineItem;

/// [`ObjRef::set_class`] refused: the object is immortal, or the two types lay instances out
/// differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutMismatch;

/// A strong reference to a Python object.
pub struct ObjRef {
    ptr: NonNull<ObjHeader>,
    _not_send: PhantomData<*mut ()>,
}

impl ObjRef {
    /// A handle to an immortal static object.
    ///
    /// # Panics
    /// If the object's type does not hold `T` payloads (`StaticObj::new` is a `const fn`,
    /// which cannot compare `TypeId`s, so the pairing is checked here, before any downcast can
    /// rely on it).
    #[inline]
    pub fn from_static<T: PyPayload>(obj: &'static StaticObj<T>) -> ObjRef {
        debug_assert!(obj.0.header.is_immortal());
        assert!(
            obj.0.header.ob_type().payload.type_id == const { TypeId::of::<(T, NoItems)>() },
            "static object of type {} does not hold {}",
            obj.0.header.ob_type().name,
            std::any::type_name::<T>()
        );
        ObjRef {
            ptr: NonNull::from(&obj.0.header),
            _not_send: PhantomData,
        }
    }

    /// A handle to a static type object.
    pub fn from_type(ty: &'static TypeObject) -> ObjRef {
        ObjRef::from_type_ref(ty)
    }

    /// A new strong reference to a type object (static or heap).
    ///
    /// # Panics
    /// If the type object's own type (its metatype) does not describe type objects: a static
    /// type's `header` is a public field, and a handle to it must not claim another layout.
    #[inline]
    pub fn from_type_ref(ty: &TypeObject) -> ObjRef {
        assert!(
            std::ptr::eq(ty.header.ob_type().payload, &HEAP_TYPE_VTABLE),
            "type object {} has a metatype that is not a type",
            ty.name
        );
        // A borrowed view of the type (not owning a reference), cloned into an owned one.
        let borrowed = std::mem::ManuallyDrop::new(ObjRef {
            ptr: NonNull::from(&ty.header),
            _not_send: PhantomData,
        });
        ObjRef::clone(&borrowed)
    }

    /// Wraps a freshly allocated object whose one reference the caller hands over.
    ///
    /// # Safety
    /// `ptr` is a live object with a reference owned by nobody else.
    pub(crate) unsafe fn from_raw_new(ptr: NonNull<ObjHeader>) -> ObjRef {
        ObjRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// Wraps a reference the caller owns (taken earlier and forgotten).
    ///
    /// # Safety
    /// The caller transfers one owned reference to `ptr`, a live object.
    pub(crate) unsafe fn from_raw_owned(ptr: NonNull<ObjHeader>) -> ObjRef {
        ObjRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// A new reference to the object's type (`type(obj)`).
    pub fn type_object(&self) -> ObjRef {
        ObjRef::from_type_ref(self.ob_type())
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
        // SAFETY: an object's type outlives it: static types are 'static, and instances of heap
        // types hold a reference to their type until after their block is freed.
        unsafe { &*self.header().ob_type.get() }
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
        if self.ob_type().payload.type_id == const { TypeId::of::<(T, NoItems)>() } {
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
        if self.ob_type().payload.type_id == const { TypeId::of::<(T, I)>() } {
            let p = self.ptr.cast::<PyVarObj<T, I>>().as_ptr();
            // SAFETY: as in `downcast`: the TypeId proves the layout; `len` items were
            // initialised at allocation and inline items are never moved or resized.
            unsafe {
                let items = ptr::addr_of!((*p).items) as *const I;
                Some((
                    &(*p).payload,
                    std::slice::from_raw_parts(items, (*p).len.get()),
                ))
            }
        } else {
            None
        }
    }

    /// The UTF-8 text of an object made by `new_var_object_str` or `new_var_object_text` (a
    /// str), whatever its payload type; `None` for other objects and for text that is not valid
    /// UTF-8 (a str holding lone surrogates).
    pub fn utf8_text(&self) -> Option<&str> {
        let vt = self.ob_type().payload;
        if !vt.utf8_items {
            return None;
        }
        // SAFETY: the vtable says the block is a `PyVarObj<_, Utf8Byte>` (its `utf8_items` is
        // derived from the item type by `of_var`, and `InlineItem` is sealed), whose `len`
        // items start `basic_size` bytes after the header; they were written at allocation by
        // `alloc_text` and never change. The handle keeps the object alive for the borrow.
        let items = unsafe {
            let len = layout::var_len(self.ptr, vt);
            let items = (self.ptr.as_ptr() as *const u8).add(vt.basic_size);
            std::slice::from_raw_parts(items, len)
        };
        text_of_items(items).1
    }

    /// The inline references of a var-sized object whose items are references (a tuple's),
    /// whatever its payload type.
    pub fn inline_refs(&self) -> Option<&[ObjRef]> {
        let vt = self.ob_type().payload;
        if !vt.ref_items {
            return None;
        }
        // SAFETY: the vtable says the block is a `PyVarObj<_, ObjRef>` (`ref_items` is derived
        // from the item type by `of_var`, and `InlineItem` is sealed), whose `len` initialised
        // items start `basic_size` bytes after the header and are never moved or resized. The
        // handle keeps the object alive for the borrow.
        unsafe {
            let len = layout::var_len(self.ptr, vt);
            let items = (self.ptr.as_ptr() as *const u8).add(vt.basic_size) as *const ObjRef;
            Some(std::slice::from_raw_parts(items, len))
        }
    }

    /// The payload and text of an object made by `new_var_object_str::<T>` or
    /// `new_var_object_text::<T>`: its bytes, and the same bytes as `&str` when they are valid
    /// UTF-8.
    #[inline]
    pub fn downcast_text<T: PyPayload>(&self) -> Option<(&T, &[u8], Option<&str>)> {
        let (p, items) = self.downcast_var::<T, super::layout::Utf8Byte>()?;
        // Utf8Byte is a transparent u8; the slice is reinterpreted safely through its bytes.
        let bytes: &[u8] = super::layout::utf8_items_as_bytes(items);
        let (raw, text) = text_of_items(bytes);
        Some((p, raw, text))
    }

    /// The object as a type object, if it is one.
    #[inline]
    pub fn as_type(&self) -> Option<&TypeObject> {
        // Instances of `type` and of its subclasses (metaclasses) share the type objects'
        // payload vtable, and no other object has it.
        if std::ptr::eq(self.ob_type().payload, &HEAP_TYPE_VTABLE) {
            // SAFETY: objects of that layout start with a `TypeObject`: static types are
            // TypeObjects (handles to them come from `from_type_ref`, which checks their
            // metatype's vtable), heap types are HeapTypeObjects (allocated by `new_heap_type`
            // only: no payload type has HEAP_TYPE_VTABLE's `TypeId`), whose first field is one.
            // The handle keeps it alive for the borrow.
            Some(unsafe { &*(self.ptr.cast::<TypeObject>().as_ptr()) })
        } else {
            None
        }
    }

    /// The object as a static (builtin) type object, with the `'static` lifetime it has.
    pub fn as_static_type(&self) -> Option<&'static TypeObject> {
        let t = self.as_type()?;
        if t.is_heap_type() || !self.header().is_immortal() {
            return None;
        }
        // SAFETY: immortal type objects are `static` TypeObjects (only `ObjHeader::immortal`,
        // used in static initialisers, gives an immortal refcount), so they live forever.
        Some(unsafe { &*(t as *const TypeObject) })
    }

    /// Makes `new` the object's type (`obj.__class__ = new`), when it lays instances out exactly
    /// as the current type does: the same payload, the same preheader slots and block shape.
    /// The object takes a reference to `new`; the reference it held to its old type (a heap
    /// type) is handed back, and the caller must keep it alive for as long as a borrow of the
    /// old type may exist (the interpreter keeps such classes until teardown). `Err`: an
    /// immortal object, or another layout (nothing changed).
    pub fn set_class(&self, new: &TypeObject) -> Result<Option<ObjRef>, LayoutMismatch> {
        let old = self.ob_type();
        if self.header().is_immortal()
            || !std::ptr::eq(old.payload, new.payload)
            || old.preheader_slots() != new.preheader_slots()
            || old.is_container() != new.is_container()
        {
            return Err(LayoutMismatch);
        }
        let old_ptr = NonNull::from(&old.header);
        let old_is_heap = old.is_heap_type();
        // The object's own reference to its new type (static types ignore it).
        std::mem::forget(ObjRef::from_type_ref(new));
        self.header().ob_type.set(new as *const TypeObject);
        // SAFETY: the reference the object held to its old (heap) type is transferred to the
        // handle returned; the old type is alive (that reference kept it so).
        Ok(old_is_heap.then(|| unsafe { ObjRef::from_raw_owned(old_ptr) }))
    }

    /// The preheader slots (`__slots__` values, `__dict__`, `__weakref__`) of an instance of a
    /// heap type; empty for other objects.
    pub fn preheader_slots(&self) -> &[super::cells::ObjCell] {
        if self.header().is_immortal() {
            return &[];
        }
        // SAFETY: the handle keeps the object alive; it was allocated by `layout::alloc_block`
        // for its type, which laid out exactly these slots.
        unsafe { layout::preheader(self.ptr, self.ob_type()) }
    }

    /// Visits the references the object holds: its type's traverse, the preheader slots, and
    /// the type itself when it is a heap type (as CPython's `subtype_traverse`).
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: a visitor's callback keeps the rules of `Visitor::new` (only the core and the
        // collector make one, under them).
        unsafe { self.traverse_with(&mut |r: &ObjRef| visit(r)) }
    }

    /// [`traverse`](Self::traverse) calling `f` directly: the collector's phases pass their own
    /// closure, so the calls for the preheader slots, a tuple's items and the type are
    /// monomorphic (inlined); only a payload whose own traversal reports references is called
    /// through its vtable, with a [`Visitor`] over `f`.
    ///
    /// # Safety
    /// `f` keeps the rules of [`Visitor::new`].
    #[inline(always)]
    pub(crate) unsafe fn traverse_with<F: FnMut(&ObjRef)>(&self, f: &mut F) {
        let ty = self.ob_type();
        let vt = ty.payload;
        if vt.payload_traverses {
            // SAFETY: `f` keeps the visitor rules (precondition).
            (vt.traverse)(self, &mut unsafe { Visitor::new(f) });
        } else if let Some(items) = self.inline_refs() {
            // The payload reports nothing itself: only the inline items (a tuple's), last
            // first as CPython's tuple traversal reports them (`gc.get_referents` shows it).
            for r in items.iter().rev() {
                f(r);
            }
        }
        // `__slots__` values, inline attribute values, `__dict__`, `__weakref__`.
        if let Some(h) = ty.heap() {
            let nslots = h.ext.nslots;
            if nslots != 0 && !self.header().is_immortal() {
                // SAFETY: a live mortal instance of the heap type `h` (the handle keeps it
                // alive for the borrow).
                let slots = unsafe { layout::heap_instance_slots(self.ptr, nslots) };
                debug_assert!(std::ptr::eq(slots, self.preheader_slots()));
                for slot in slots {
                    // SAFETY: `f` keeps the visitor rules (precondition).
                    unsafe { slot.visit_with(f) };
                }
            }
            // A non-owning handle: the instance's own reference to its type is what is visited.
            let t = std::mem::ManuallyDrop::new(ObjRef {
                ptr: NonNull::from(&ty.header),
                _not_send: PhantomData,
            });
            f(&t);
        }
    }

    /// Drops the references the object holds that may form cycles (its type's clear, and the
    /// preheader slots); they are returned so the caller can drop them after any borrow ends.
    pub fn clear_refs(&self) -> Vec<ObjRef> {
        let mut out = (self.ob_type().payload.clear)(self);
        out.extend(
            self.preheader_slots()
                .iter()
                .filter_map(|c| c.replace(None)),
        );
        out
    }

    /// The GcHead in front of a container.
    pub(crate) fn gc_head(&self) -> Option<NonNull<GcHead>> {
        if !self.header().is_immortal() && self.ob_type().is_container() {
            // SAFETY: containers allocated by this module have a GcHead right before the header.
            Some(unsafe { NonNull::new_unchecked((self.ptr.as_ptr() as *mut GcHead).sub(1)) })
        } else {
            None
        }
    }

    /// The object's header address.
    #[inline]
    pub(crate) fn header_ptr(&self) -> NonNull<ObjHeader> {
        self.ptr
    }

    /// The GcHead in front of the object at `p`, if it is a (non-immortal) container.
    ///
    /// # Safety
    /// `p` is a live object.
    pub(crate) unsafe fn gc_head_of(p: NonNull<ObjHeader>) -> Option<NonNull<GcHead>> {
        // SAFETY: `p` is live (precondition); the non-owning handle is never dropped.
        let borrowed = std::mem::ManuallyDrop::new(ObjRef {
            ptr: p,
            _not_send: PhantomData,
        });
        borrowed.gc_head()
    }

    /// The object's header address, for the weak reference table.
    pub fn header_ptr_pub(&self) -> NonNull<ObjHeader> {
        self.ptr
    }

    /// Whether weak references point at the object.
    pub fn has_weakrefs(&self) -> bool {
        self.gc_head().is_some_and(|g| {
            // SAFETY: the GcHead of a live container is valid while the handle lives.
            let head = unsafe { g.as_ref() };
            head.prev.get() & super::header::GC_FLAG_HAS_WEAKREFS != 0
        })
    }

    /// Whether the object's finalizer has run (PEP 442).
    pub fn is_finalized(&self) -> bool {
        // SAFETY: the GcHead of a live container is valid while the handle lives.
        self.gc_head()
            .is_some_and(|g| unsafe { g.as_ref() }.is_finalized())
    }

    /// Records that the object's finalizer has run.
    pub fn set_finalized(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: as in `is_finalized`.
            unsafe { g.as_ref() }.set_finalized();
        }
    }

    /// Starts tracking an untracked container (dicts become tracked when they first hold a
    /// container, as in CPython).
    pub fn track(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: `g` is the GcHead of this live container of the current heap.
            if !unsafe { g.as_ref() }.is_tracked() {
                // SAFETY: it is untracked, so linking it is allowed.
                unsafe { heap::retrack(g) }
            }
        }
    }

    /// Whether the cycle collector tracks the object.
    pub fn is_tracked(&self) -> bool {
        // SAFETY: the GcHead of a live container is valid while the handle lives.
        self.gc_head()
            .is_some_and(|g| unsafe { g.as_ref() }.is_tracked())
    }

    /// Takes the object's allocation back out of the collector's count (`count[0]`), and its
    /// free with it: for an object that stands for no CPython allocation (an instance dict
    /// never handed out: CPython 3.11 keeps those attributes as inline values).
    pub fn uncount(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: the GcHead of a live container is valid while the handle lives.
            let head = unsafe { g.as_ref() };
            if head.prev.get() & GC_FLAG_UNCOUNTED == 0 {
                head.prev.set(head.prev.get() | GC_FLAG_UNCOUNTED);
                heap::uncount_container_alloc();
            }
        }
    }

    /// Counts an [`uncount`](Self::uncount)ed object again, as CPython counts the allocation
    /// it makes late (an instance's inline values becoming a dict when `__dict__` is handed
    /// out); its free is counted then.
    pub fn recount(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: the GcHead of a live container is valid while the handle lives.
            let head = unsafe { g.as_ref() };
            if head.prev.get() & GC_FLAG_UNCOUNTED != 0 {
                head.prev.set(head.prev.get() & !GC_FLAG_UNCOUNTED);
                heap::count_container_alloc();
            }
        }
    }

    /// Stops tracking the object (CPython untracks tuples and dicts of atomic values).
    pub fn untrack(&self) {
        if let Some(g) = self.gc_head() {
            // SAFETY: `g` is the GcHead of this live container of the current heap.
            unsafe { heap::untrack(g) }
        }
    }

    /// A new strong reference to the container behind a tracked GcHead (used by teardown and
    /// the collector).
    ///
    /// # Safety
    /// `gc` is the GcHead of a live container (a member of a generation list).
    pub(crate) unsafe fn from_gc_head(gc: NonNull<GcHead>) -> ObjRef {
        // SAFETY: the GcHead of a live container (precondition), whose header follows it; we
        // take a new strong reference.
        let header = unsafe { NonNull::new_unchecked(gc.as_ptr().add(1) as *mut ObjHeader) };
        // SAFETY: `header` is a live object header, see above.
        let h = unsafe { header.as_ref() };
        h.refcnt.set(h.refcnt.get() + 1);
        ObjRef {
            ptr: header,
            _not_send: PhantomData,
        }
    }

    /// The address of the start of the object's block (before its preheader slots and
    /// GcHead): the address the heap handed out, as allocation tracers see it.
    pub fn block_addr(&self) -> usize {
        let ty = self.ob_type();
        // SAFETY: the handle keeps the object alive and its vtable describes it.
        let len = unsafe { layout::var_len(self.ptr, ty.payload) };
        self.addr() - BlockLayout::of(ty, len).header_offset()
    }

    /// `sys.getsizeof` without `__sizeof__` overrides: the object's own block.
    pub fn block_size(&self) -> usize {
        let ty = self.ob_type();
        // SAFETY: the handle keeps the object alive and its vtable describes it.
        let len = unsafe { layout::var_len(self.ptr, ty.payload) };
        BlockLayout::of(ty, len).size()
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
    // Always inlined: the count test is a few instructions (the free is out of line), and the
    // evaluation loop's arms, where most references die, are too big for LLVM to inline it.
    #[inline(always)]
    fn drop(&mut self) {
        let h = self.header();
        let rc = h.refcnt.get();
        if rc >= super::header::IMMORTAL_REFCNT {
            return;
        }
        debug_assert!(rc > 0, "decref of a dead object at {:p}", self.ptr);
        if rc == 1 {
            h.refcnt.set(0);
            // SAFETY: the last reference is gone (ours), so the object is dead and intact.
            unsafe { dealloc(self.ptr) };
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
///
/// # Safety
/// `obj` is an object of the current heap whose refcount just reached zero (no handle reaches
/// it any more); it is deallocated exactly once, here or by the outermost deallocation.
#[cold]
unsafe fn dealloc(obj: NonNull<ObjHeader>) {
    // Most objects freed are floats, ints and strs: their block is all there is to free.
    // SAFETY: `obj` is dead and not yet deallocated (precondition).
    if unsafe { layout::dealloc_plain(obj) } {
        return;
    }
    // A dead object is never tracked (CPython untracks before `Py_TRASHCAN_BEGIN`): a
    // collection started by a finalizer or a weak reference callback while this deallocation
    // (or a queued one) is pending must not find an object with refcount zero in a generation,
    // take a reference to it and free it a second time.
    // SAFETY: `obj` is dead but intact (refcount zero, contents not yet dropped).
    if let Some(gc) = unsafe { ObjRef::gc_head_of(obj) } {
        // SAFETY: the GcHead of that container of the current heap.
        unsafe { heap::untrack(gc) };
    }
    // One read of the thread's heap for the whole deallocation.
    let heap = heap::CurrentHeap::get();
    // SAFETY: `obj` is dead and not yet deallocated.
    if !unsafe { heap.trashcan_begin(obj) } {
        return;
    }
    let mut current = obj;
    loop {
        // SAFETY: `current` has refcount zero: no handle can reach it any more, and it is
        // deallocated exactly once (either here or, if queued, by the outermost dealloc).
        unsafe { layout::dealloc_object(heap, current) };
        match heap.trashcan_end() {
            Some(queued) => {
                // Depth is back to zero, so this enters rather than queues.
                // SAFETY: queued objects are dead and not yet deallocated.
                let entered = unsafe { heap.trashcan_begin(queued) };
                debug_assert!(entered);
                current = queued;
            }
            None => break,
        }
    }
}

/// Splits text items into their bytes and, when the core's marker (the last item) says they
/// are valid UTF-8, the same bytes as `&str`.
fn text_of_items(items: &[u8]) -> (&[u8], Option<&str>) {
    let Some((&marker, bytes)) = items.split_last() else {
        // Every text object has its marker; an empty item list is a broken invariant.
        panic!("internal error: str object without its text marker");
    };
    if marker == layout::TEXT_UTF8 {
        // SAFETY: the marker is TEXT_UTF8 only when `alloc_text` copied the bytes from a
        // `&str` or validated them, and inline items never change afterwards.
        (bytes, Some(unsafe { std::str::from_utf8_unchecked(bytes) }))
    } else {
        (bytes, None)
    }
}
