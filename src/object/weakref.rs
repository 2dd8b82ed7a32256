//! Weak references: the payload of `weakref.ref`/`proxy` objects and the table that lets a
//! referent's death clear them.
//!
//! A weak reference holds its referent's address without a reference count. The heap keeps,
//! per referent, the weak reference payloads pointing at it; the referent's GcHead carries the
//! HAS_WEAKREFS bit so deallocation only consults the table when needed. Only containers can
//! be weakly referenced (as in CPython, every weakly referenceable type is a GC type).
//!
//! Invariants:
//! * a payload with `referent == Some(p)` is in the table under `p`, and `p` is alive;
//! * a referent with the HAS_WEAKREFS bit has a (possibly empty) entry in the table;
//! * when a referent dies, every payload in its entry gets `referent = None` before any
//!   callback runs; when a weak reference object dies, it leaves its referent's entry.

use super::cells::ObjCell;
use super::handle::ObjRef;
use super::header::{ObjHeader, GC_FLAG_HAS_WEAKREFS};
use super::heap;
use super::layout::PyObj;
use super::traverse::{Traverse, Visitor};
use super::typeobj::PyPayload;
use std::cell::Cell;
use std::ptr::NonNull;

/// Payload of a weak reference (and of a weak proxy).
pub struct WeakRefPayload {
    referent: Cell<Option<NonNull<ObjHeader>>>,
    /// Called with the weak reference when the referent dies (`None`: no callback).
    pub callback: ObjCell,
    /// The referent's hash, once computed (a dead weak reference keeps hashing the same).
    pub hash: Cell<Option<i64>>,
}

// SAFETY: reports the callback, the one strong reference a weak reference holds (the referent
// is not one), and does nothing else.
unsafe impl Traverse for WeakRefPayload {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        self.callback.traverse(visit)
    }
}

impl PyPayload for WeakRefPayload {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.callback.replace(None).into_iter().collect()
    }
}

impl Drop for WeakRefPayload {
    fn drop(&mut self) {
        if let Some(p) = self.referent.take() {
            let me = self as *const WeakRefPayload;
            heap::with_weakrefs(|table| {
                if let Some(list) = table.get_mut(&(p.as_ptr() as usize)) {
                    list.retain(|w| *w != me);
                }
            });
        }
    }
}

impl WeakRefPayload {
    /// A payload pointing at `referent` (not yet registered: see [`register`]).
    pub fn new(referent: &ObjRef, callback: Option<ObjRef>) -> WeakRefPayload {
        WeakRefPayload {
            referent: Cell::new(Some(referent.header_ptr())),
            callback: ObjCell::new(callback),
            hash: Cell::new(None),
        }
    }

    /// A new strong reference to the referent, if it is still alive.
    pub fn get(&self) -> Option<ObjRef> {
        let p = self.referent.get()?;
        // SAFETY: while `referent` is set, the referent's memory is valid (it clears this field
        // before it is freed), so its header can be read.
        if unsafe { p.as_ref() }.refcnt.get() == 0 {
            // Dead, its deallocation deferred (a long chain of deallocations is unwound
            // iteratively): handing it out would resurrect it and free it twice.
            return None;
        }
        // SAFETY: the referent is alive (non-zero count, memory valid: see above), so taking a
        // new strong reference to it is valid.
        let borrowed = std::mem::ManuallyDrop::new(unsafe { ObjRef::from_raw_owned(p) });
        Some(ObjRef::clone(&borrowed))
    }

    /// Whether the referent is still alive.
    pub fn is_alive(&self) -> bool {
        self.get().is_some()
    }

    /// Whether this weak reference points at `obj`.
    pub fn points_to(&self, obj: &ObjRef) -> bool {
        self.referent.get() == Some(obj.header_ptr())
    }
}

/// Registers a freshly allocated weak reference object (whose payload is `WeakRefPayload`)
/// with its referent, first in its list (see [`weakrefs_of`]). Returns `false` if `obj` is
/// not a weak reference.
pub fn register(wr: &ObjRef) -> bool {
    register_after(wr, None)
}

/// [`register`], placed right after `prev` (another weak reference to the same referent) in
/// the referent's list, or first when `prev` is `None` or not in the list. CPython keeps the
/// shared callback-less reference and proxy at the head, every other reference after them.
pub fn register_after(wr: &ObjRef, prev: Option<&ObjRef>) -> bool {
    let Some(p) = wr.downcast::<WeakRefPayload>() else {
        return false;
    };
    let Some(target) = p.referent.get() else {
        return false;
    };
    let me = p as *const WeakRefPayload;
    let prev = prev
        .and_then(|o| o.downcast::<WeakRefPayload>())
        .map(|q| q as *const WeakRefPayload);
    // The table's vector is stored oldest-at-the-end-of-the-list first: the list read
    // backwards, so "first" is a push and "after prev" is an insertion before it.
    heap::with_weakrefs(|table| {
        let list = table.entry(target.as_ptr() as usize).or_default();
        match prev.and_then(|q| list.iter().position(|w| *w == q)) {
            Some(i) => list.insert(i, me),
            None => list.push(me),
        }
    });
    // SAFETY: the referent is alive (invariant); containers have a GcHead right before it.
    if let Some(gc) = unsafe { ObjRef::gc_head_of(target) } {
        // SAFETY: the GcHead of a live container.
        let head = unsafe { gc.as_ref() };
        head.prev.set(head.prev.get() | GC_FLAG_HAS_WEAKREFS);
    }
    true
}

/// The weak reference objects pointing at `obj` (new strong references), in list order: the
/// order `weakref.getweakrefs` shows and callbacks run in (newest first, except that the
/// shared callback-less reference and proxy stay first).
pub fn weakrefs_of(obj: &ObjRef) -> Vec<ObjRef> {
    if !obj.has_weakrefs() {
        return Vec::new();
    }
    let payloads: Vec<*const WeakRefPayload> =
        heap::with_weakrefs(|table| table.get(&obj.addr()).cloned().unwrap_or_default());
    payloads
        .iter()
        .rev()
        // SAFETY: the payloads were just read from the table, and nothing ran since.
        .filter_map(|p| unsafe { object_of(*p) })
        .collect()
}

/// The weak reference object owning a registered payload (a new strong reference), unless it
/// is already dying (refcount zero, waiting in the deallocation queue).
///
/// # Safety
/// `p` is a payload registered in the weak reference table (its object is not freed yet).
unsafe fn object_of(p: *const WeakRefPayload) -> Option<ObjRef> {
    let offset = std::mem::offset_of!(PyObj<WeakRefPayload>, payload);
    // SAFETY: registered payloads belong to weak reference objects laid out as
    // PyObj<WeakRefPayload> that are not yet freed (they leave the table when their payload is
    // dropped), so the header is `offset` bytes before the payload.
    let header = unsafe { NonNull::new_unchecked((p as *const u8).sub(offset) as *mut ObjHeader) };
    // SAFETY: the header is valid (see above).
    if unsafe { header.as_ref() }.refcnt() <= 0 {
        return None;
    }
    // SAFETY: the object is alive (positive refcount); we take a new strong reference.
    let borrowed = std::mem::ManuallyDrop::new(unsafe { ObjRef::from_raw_owned(header) });
    Some(ObjRef::clone(&borrowed))
}

/// Clears every weak reference to `obj` (which is dying or unreachable garbage) and returns
/// the weak reference objects, in list order (see [`weakrefs_of`]), so callbacks can be
/// called after all clearing.
///
/// # Safety
/// `obj_header` is the header of an object that is not freed yet (alive, or dead but intact).
pub unsafe fn clear_weakrefs(obj_header: NonNull<ObjHeader>) -> Vec<ObjRef> {
    let payloads: Vec<*const WeakRefPayload> = heap::with_weakrefs(|table| {
        table
            .remove(&(obj_header.as_ptr() as usize))
            .unwrap_or_default()
    });
    // SAFETY: `obj_header` is a valid object (dying or garbage, not yet freed): precondition.
    if let Some(gc) = unsafe { ObjRef::gc_head_of(obj_header) } {
        // SAFETY: the GcHead of that container.
        let head = unsafe { gc.as_ref() };
        head.prev.set(head.prev.get() & !GC_FLAG_HAS_WEAKREFS);
    }
    let mut out = Vec::with_capacity(payloads.len());
    for p in payloads.iter().rev() {
        // SAFETY: payloads in the table belong to weak reference objects not yet freed.
        unsafe { (**p).referent.set(None) };
        // SAFETY: as above: in the table until now.
        out.extend(unsafe { object_of(*p) });
    }
    out
}

/// Calls the callbacks of weak references whose referent died (in list order, as
/// [`clear_weakrefs`] returns them), through the interpreter's entry point; exceptions are
/// reported, not raised. The references are dropped afterwards.
pub fn call_callbacks(refs: Vec<ObjRef>) {
    if refs.is_empty() {
        return;
    }
    super::hooks::with_vm(|hooks, vm| (hooks.weakref_callbacks)(vm, &refs));
}
