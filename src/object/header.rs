//! The two headers every heap object carries: [`ObjHeader`] (all objects) and [`GcHead`]
//! (containers only, placed *in front of* the object header).
//!
//! ```text
//!            ┌──────────────────────┐  GcHead: containers only (16 bytes, CPython's PyGC_Head)
//!            │ next                 │  next tracked object, null when untracked
//!            │ prev | flags         │  previous tracked object; low 4 bits are flags
//!  ObjRef ──▶├──────────────────────┤  ObjHeader (16 bytes, CPython's PyObject)
//!            │ refcnt               │  strong references; IMMORTAL and above: never changes
//!            │ ob_type              │  *const TypeObject: slots, payload layout
//!            ├──────────────────────┤
//!            │ payload (#[repr(C)]) │  per type, see `objects/`
//!            │ [len, items...]      │  var-sized types (tuple, str, int) keep items inline
//!            └──────────────────────┘
//! ```

use super::typeobj::TypeObject;
use memoffset::offset_of;
use std::cell::Cell;
use std::ptr;

/// Objects whose refcount is at or above this value are immortal: `incref`/`decref` leave them
/// alone, so they may live in read-only-shared `static`s (None, True, False, the builtin types).
pub const IMMORTAL_REFCNT: isize = 1 << 60;

/// The header at the start of every object (CPython's `PyObject`).
#[repr(C)]
pub struct ObjHeader {
    /// Strong references. Non-atomic: an interpreter and its objects live on one thread.
    /// Private to the object core: only handles change it.
    pub(in crate::object) refcnt: Cell<isize>,
    /// The object's type. Builtin types are immortal statics; a heap type is kept alive by a
    /// reference each of its instances holds. Changed only by [`super::ObjRef::set_class`]
    /// (`obj.__class__ = cls`), between two types of one instance layout.
    pub(in crate::object) ob_type: Cell<*const TypeObject>,
}

const _: () = assert!(std::mem::size_of::<ObjHeader>() == 16);

impl ObjHeader {
    /// A header for an immortal static object of type `ty`.
    pub const fn immortal(ty: &'static TypeObject) -> ObjHeader {
        ObjHeader {
            refcnt: Cell::new(IMMORTAL_REFCNT),
            ob_type: Cell::new(ty),
        }
    }

    /// A header for a fresh heap object: one reference, owned by the handle that allocated it.
    /// Only the core makes mortal headers (safe code outside it can only make immortal ones,
    /// for statics), which is what lets [`TypeObject::is_heap_type`] trust a mortal type.
    pub(in crate::object) fn fresh(ty: &TypeObject) -> ObjHeader {
        ObjHeader {
            refcnt: Cell::new(1),
            ob_type: Cell::new(ty),
        }
    }

    /// The current reference count.
    #[inline]
    pub fn refcnt(&self) -> isize {
        self.refcnt.get()
    }

    /// Whether this object is never freed.
    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.refcnt.get() >= IMMORTAL_REFCNT
    }

    /// The object's type.
    #[inline]
    pub fn ob_type(&self) -> &TypeObject {
        // SAFETY: a type outlives its instances (static, or kept alive by their reference), and
        // a class an instance leaves through `set_class` is kept alive until teardown.
        unsafe { &*self.ob_type.get() }
    }

    /// The address of the object's type, without reading it (for heap verification, which
    /// must not trust it).
    #[inline]
    pub fn ob_type_addr(&self) -> usize {
        self.ob_type.get() as usize
    }
}

/// Flag bit in [`GcHead::prev`]: the object's finalizer has run (PEP 442).
pub const GC_FLAG_FINALIZED: usize = 0b01;
/// Flag bit in [`GcHead::prev`]: the object is in the set being collected.
pub const GC_FLAG_COLLECTING: usize = 0b10;
/// Flag bit in [`GcHead::prev`]: weak references point at the object (see `object::weakref`).
pub const GC_FLAG_HAS_WEAKREFS: usize = 0b100;
/// Flag bit in [`GcHead::prev`]: the object's allocation was taken back out of the collector's
/// count (an instance dict never handed out, see `ObjRef::uncount`), so its free is not
/// counted either.
pub const GC_FLAG_UNCOUNTED: usize = 0b1000;
/// The flag bits that describe the object (as opposed to [`GC_FLAG_COLLECTING`], which
/// describes a collection in progress): kept across the collector's relinking.
pub const GC_FLAGS_KEPT: usize = GC_FLAG_FINALIZED | GC_FLAG_HAS_WEAKREFS | GC_FLAG_UNCOUNTED;
const GC_FLAG_MASK: usize = 0b1111;

/// The cycle collector's header in front of each container (CPython's `PyGC_Head`).
///
/// Tracked objects form a circular doubly-linked list per generation through `next` and the
/// pointer part of `prev`. An untracked object has `next == null`.
#[repr(C)]
pub struct GcHead {
    /// The next object of the generation list; null when untracked.
    pub(crate) next: Cell<*mut GcHead>,
    /// The previous object's address, with [`GC_FLAG_FINALIZED`], [`GC_FLAG_COLLECTING`],
    /// [`GC_FLAG_HAS_WEAKREFS`] and [`GC_FLAG_UNCOUNTED`] in the low bits (every GcHead is
    /// 16-byte aligned, so they are free).
    pub(crate) prev: Cell<usize>,
}

const _: () = assert!(std::mem::size_of::<GcHead>() == 16);
const _: () = assert!(offset_of!(GcHead, next) == 0);
const _: () = assert!(offset_of!(GcHead, prev) == 8);

impl GcHead {
    /// A head that is linked nowhere (an untracked container or a list sentinel before init).
    pub(crate) const fn untracked() -> GcHead {
        GcHead {
            next: Cell::new(ptr::null_mut()),
            prev: Cell::new(0),
        }
    }

    /// Whether the object is linked into a generation.
    #[inline]
    pub fn is_tracked(&self) -> bool {
        !self.next.get().is_null()
    }

    /// The previous object in the list.
    #[inline]
    pub(crate) fn prev_ptr(&self) -> *mut GcHead {
        (self.prev.get() & !GC_FLAG_MASK) as *mut GcHead
    }

    /// Sets the previous pointer, keeping the flag bits.
    ///
    /// # Safety
    /// `p` is the GcHead (of a live container, or a list sentinel) that precedes this one in
    /// its list, or null while it is being unlinked: the list code follows it.
    #[inline]
    pub(crate) unsafe fn set_prev_ptr(&self, p: *mut GcHead) {
        debug_assert_eq!(p as usize & GC_FLAG_MASK, 0, "misaligned GcHead {p:p}");
        self.prev
            .set((p as usize) | (self.prev.get() & GC_FLAG_MASK));
    }

    /// Whether the finalizer has run.
    #[inline]
    pub fn is_finalized(&self) -> bool {
        self.prev.get() & GC_FLAG_FINALIZED != 0
    }

    /// Marks the finalizer as run.
    #[inline]
    pub fn set_finalized(&self) {
        self.prev.set(self.prev.get() | GC_FLAG_FINALIZED);
    }
}
