//! Phases 1–3 of a collection, with `gc_refs` kept in each object's own [`GcHead`] (as CPython
//! does), so every phase walks the list in place and touches each header once: no side table
//! per object, no copy of the list.
//!
//! While an object is in the set being examined its `GcHead.prev` holds, instead of the
//! previous member's address,
//!
//! ```text
//!   prev = gc_refs << REFS_SHIFT | COLLECTING | the kept flag bits
//! ```
//!
//! and the list is singly linked through `next`. [`move_unreachable`] relinks it doubly as it
//! goes: each member it finds reachable gets its `prev` pointer back (and loses COLLECTING);
//! each member it cannot yet show reachable moves to the `unreachable` list, a doubly linked
//! list whose `next` words carry [`NEXT_UNREACHABLE`] (so a later reference finds and rescues
//! it) and whose members keep COLLECTING (their `gc_refs` is 0 by construction). When the walk
//! ends both lists are well formed; [`clear_unreachable_marks`] then removes the marks from
//! the unreachable list.

use super::list::GcList;
use crate::object::header::{GC_FLAGS_KEPT, GC_FLAG_COLLECTING};
use crate::object::typeobj::AtomicUntrack;
use crate::object::{GcHead, ObjHeader, ObjRef};
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// Bits of `GcHead.prev` below `gc_refs` while collecting (the four flag bits).
const REFS_SHIFT: u32 = 4;
const _: () = assert!((GC_FLAGS_KEPT | GC_FLAG_COLLECTING) >> REFS_SHIFT == 0);

/// Tag bit in the `next` word of a member of the tentatively unreachable list (GcHeads are
/// 16-byte aligned, so the bit is free; `is_tracked` still sees a non-null `next`).
const NEXT_UNREACHABLE: usize = 1;

/// A non-owning handle to the object behind a tracked GcHead (no refcount change).
///
/// # Safety
/// `gc` is the GcHead of a live tracked container; the handle must not outlive it.
pub(super) unsafe fn peek_object(gc: NonNull<GcHead>) -> ManuallyDrop<ObjRef> {
    // SAFETY: the object header follows its GcHead (layout::alloc_block); not owning a
    // reference, the handle is never dropped (ManuallyDrop).
    unsafe {
        ManuallyDrop::new(ObjRef::from_raw_owned(NonNull::new_unchecked(
            gc.as_ptr().add(1) as *mut ObjHeader,
        )))
    }
}

/// Runs `f` on each reference `obj` holds (its traversal).
///
/// # Safety
/// `f` keeps the rules of `Visitor::new`: it runs no Python code, allocates and frees nothing,
/// and mutates no object (the collector's marks in GC heads are not object state).
pub(super) unsafe fn for_each_referent(obj: &ObjRef, mut f: impl FnMut(&ObjRef)) {
    // SAFETY: forwarded precondition.
    unsafe { obj.traverse_with(&mut f) };
}

/// The `prev` word of a member of the set with `refs` references.
#[inline]
fn collecting_word(refs: usize, old: usize) -> usize {
    (refs << REFS_SHIFT) | GC_FLAG_COLLECTING | (old & GC_FLAGS_KEPT)
}

/// `gc_refs` of a member of the set (0 for members of the unreachable list, whose `prev`
/// holds a pointer: callers look at [`NEXT_UNREACHABLE`] first).
#[inline]
fn gc_refs(head: &GcHead) -> usize {
    head.prev.get() >> REFS_SHIFT
}

/// The GcHead of `r` when `r` is a member of the set being examined.
#[inline]
fn collecting_head(r: &ObjRef) -> Option<&GcHead> {
    let gc = r.gc_head()?;
    // SAFETY: `r` is alive (the traversal reporting it holds it), so its GcHead is readable
    // for as long as the borrow of `r`.
    let head = unsafe { &*gc.as_ptr() };
    (head.prev.get() & GC_FLAG_COLLECTING != 0).then_some(head)
}

#[cold]
#[inline(never)]
fn refs_underflow(r: &ObjRef) -> ! {
    eprintln!(
        "arenapy: fatal collector error: more references to a {} object at {:#x} were reported \
         by traversals than its refcount {} counts",
        r.ob_type().name(),
        r.addr(),
        r.refcnt()
    );
    std::process::abort()
}

/// Phase 1: every member of `list` gets `gc_refs = refcount` and the COLLECTING mark. The list
/// is singly linked through `next` from here until [`move_unreachable`] ends.
///
/// # Safety
/// `list` is a well-formed list of live containers, and no Python code runs and no reference
/// is created or dropped until [`move_unreachable`] has returned.
pub(super) unsafe fn update_refs(list: &GcList) {
    let s = list.sentinel();
    // SAFETY: the list is well formed and its members live (precondition).
    let mut p = unsafe { (*s).next.get() };
    while p != s {
        // SAFETY: `p` is a live member.
        let head = unsafe { &*p };
        // SAFETY: as above; the object header follows the GcHead.
        let refcnt = unsafe { (*(p.add(1) as *const ObjHeader)).refcnt() };
        if refcnt <= 0 {
            // SAFETY: `p` is a live member.
            let obj = unsafe { peek_object(NonNull::new_unchecked(p)) };
            refs_underflow(&obj);
        }
        head.prev
            .set(collecting_word(refcnt as usize, head.prev.get()));
        p = head.next.get();
    }
}

/// Phase 2: each member's traversal subtracts one from `gc_refs` of every member it
/// references. Afterwards `gc_refs` counts the references from outside the set.
///
/// # Safety
/// As for [`update_refs`], which ran on `list` just before.
pub(super) unsafe fn subtract_refs(list: &GcList) {
    let s = list.sentinel();
    // SAFETY: the list is singly linked through live members (precondition).
    let mut p = unsafe { (*s).next.get() };
    let mut visit = |r: &ObjRef| {
        if let Some(h) = collecting_head(r) {
            let w = h.prev.get();
            if w >> REFS_SHIFT == 0 {
                refs_underflow(r);
            }
            h.prev.set(w - (1 << REFS_SHIFT));
        }
    };
    while p != s {
        // SAFETY: `p` is a live member.
        let obj = unsafe { peek_object(NonNull::new_unchecked(p)) };
        // SAFETY: the callback only reads and updates collector marks in GC heads.
        unsafe { obj.traverse_with(&mut visit) };
        // SAFETY: `p` is a live member.
        p = unsafe { (*p).next.get() };
    }
}

/// What [`move_unreachable`] also does to the objects it finds reachable.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Untrack {
    /// Nothing.
    Nothing,
    /// Untracks tuples holding only atomic values (CPython does in every collection).
    Immutable,
    /// Untracks tuples and dicts holding only atomic values (full collections).
    ImmutableAndMutable,
}

/// Whether an object may be (or become) tracked: CPython's `_PyObject_GC_MAY_BE_TRACKED`. An
/// untracked instance of a type whose contents never change (`AtomicUntrack::Immutable`, the
/// tuple) stays untracked for good.
pub fn may_be_tracked(r: &ObjRef) -> bool {
    let t = r.ob_type();
    if !t.is_container() || r.header().is_immortal() {
        return false;
    }
    if t.slots.untrack_atomic == Some(AtomicUntrack::Immutable) {
        return r.is_tracked();
    }
    true
}

/// Whether `obj` holds a reference to an object that may be tracked (a container), so that it
/// must be tracked itself (CPython's `MAINTAIN_TRACKING` test).
pub fn holds_trackable(obj: &ObjRef) -> bool {
    let mut any = false;
    // SAFETY: the callback only reads the referents' types and GC heads.
    unsafe { for_each_referent(obj, |r| any |= may_be_tracked(r)) };
    any
}

/// Whether `obj`, found reachable, is to be untracked under `mode`.
fn untracks(obj: &ObjRef, mode: Untrack) -> bool {
    let applies = match obj.ob_type().slots.untrack_atomic {
        None => false,
        Some(AtomicUntrack::Immutable) => mode != Untrack::Nothing,
        Some(AtomicUntrack::Mutable) => mode == Untrack::ImmutableAndMutable,
    };
    applies && !holds_trackable(obj)
}

/// Phase 3: leaves in `young` the members referenced from outside the set and everything they
/// reach, and moves the others to `unreachable` (in their order in `young`). Reachable
/// objects that hold only atomic values are untracked when `untrack` says so. Returns how many
/// objects stay in `young`.
///
/// Walking `young` in order: a member with `gc_refs > 0` is reachable; its traversal gives
/// `gc_refs = 1` to each member not yet reached (which the walk then finds reachable in turn),
/// and moves each member already put in `unreachable` back to the end of `young`. A member
/// with `gc_refs == 0` goes to `unreachable`, perhaps to be moved back later.
///
/// # Safety
/// As for [`update_refs`] and [`subtract_refs`], which ran on `young` just before;
/// `unreachable` is an empty list.
pub(super) unsafe fn move_unreachable(
    young: &GcList,
    unreachable: &GcList,
    untrack: Untrack,
) -> usize {
    let ys = young.sentinel();
    let us = unreachable.sentinel();
    // The reachability visitor: `young`'s sentinel's prev stays the last member's address
    // throughout (appending keeps it so), though the members' prev words hold marks.
    let mut visit = |r: &ObjRef| {
        let Some(h) = collecting_head(r) else {
            return;
        };
        let hp = h as *const GcHead as *mut GcHead;
        let next = h.next.get() as usize;
        // SAFETY: `h` and its neighbours are live members of the two lists (or sentinels),
        // relinked only here; `ys` is the young list's sentinel.
        unsafe {
            if next & NEXT_UNREACHABLE != 0 {
                // Out of `unreachable` (doubly linked; the tag stays on its next words)...
                let prev = h.prev_ptr();
                let next = (next & !NEXT_UNREACHABLE) as *mut GcHead;
                (*prev)
                    .next
                    .set((next as usize | NEXT_UNREACHABLE) as *mut GcHead);
                (*next).set_prev_ptr(prev);
                // ... to the end of `young`, to be walked.
                let last = (*ys).prev_ptr();
                (*last).next.set(hp);
                h.next.set(ys);
                (*ys).set_prev_ptr(hp);
                h.prev.set(collecting_word(1, h.prev.get()));
            } else if gc_refs(h) == 0 {
                h.prev.set(collecting_word(1, h.prev.get()));
            }
        }
    };
    let mut kept = 0;
    let mut prev = ys;
    // SAFETY: `young` is singly linked through live members (precondition).
    let mut p = unsafe { (*ys).next.get() };
    while p != ys {
        // SAFETY: `p` is a live member of `young`.
        let head = unsafe { &*p };
        if gc_refs(head) > 0 {
            // SAFETY: `p` is a live member.
            let obj = unsafe { peek_object(NonNull::new_unchecked(p)) };
            // SAFETY: the callback only relinks and marks GC heads of the set.
            unsafe { obj.traverse_with(&mut visit) };
            let next = head.next.get();
            if untrack != Untrack::Nothing && untracks(&obj, untrack) {
                // Reachable but holding only atomic values: off the lists for good.
                // SAFETY: `prev` is the previous member of `young` (or its sentinel).
                unsafe { (*prev).next.set(next) };
                head.next.set(std::ptr::null_mut());
                head.prev.set(head.prev.get() & GC_FLAGS_KEPT);
            } else {
                // Reachable: back to a doubly linked member of `young`, unmarked.
                head.prev.set(head.prev.get() & GC_FLAGS_KEPT);
                // SAFETY: `prev` precedes `p` in `young`.
                unsafe { head.set_prev_ptr(prev) };
                prev = p;
                kept += 1;
            }
            p = next;
        } else {
            // Not reached (yet): to the end of `unreachable`, keeping COLLECTING.
            let next = head.next.get();
            // SAFETY: `prev` precedes `p` in `young`; `us` and its last member are live.
            unsafe {
                (*prev).next.set(next);
                let last = (*us).prev_ptr();
                (*last)
                    .next
                    .set((p as usize | NEXT_UNREACHABLE) as *mut GcHead);
                head.next
                    .set((us as usize | NEXT_UNREACHABLE) as *mut GcHead);
                head.set_prev_ptr(last);
                (*us).set_prev_ptr(p);
            }
            p = next;
        }
    }
    // SAFETY: `prev` is the last member kept in `young` (or its sentinel).
    unsafe { (*ys).set_prev_ptr(prev) };
    kept
}

/// Removes the marks [`move_unreachable`] left on the `unreachable` list: the tags on its
/// `next` words and its members' COLLECTING bits.
///
/// # Safety
/// `list` is the `unreachable` list [`move_unreachable`] filled, untouched since.
pub(super) unsafe fn clear_unreachable_marks(list: &GcList) {
    let s = list.sentinel();
    // SAFETY: the sentinel is live.
    let first = unsafe { (*s).next.get() } as usize & !NEXT_UNREACHABLE;
    // SAFETY: as above.
    unsafe { (*s).next.set(first as *mut GcHead) };
    let mut p = first as *mut GcHead;
    while p != s {
        // SAFETY: `p` is a live member of the list.
        let head = unsafe { &*p };
        let next = (head.next.get() as usize & !NEXT_UNREACHABLE) as *mut GcHead;
        head.next.set(next);
        head.prev.set(head.prev.get() & !GC_FLAG_COLLECTING);
        p = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip() {
        let flags = GC_FLAGS_KEPT;
        let w = collecting_word(12345, flags);
        assert_eq!(w >> REFS_SHIFT, 12345);
        assert_eq!(w & GC_FLAGS_KEPT, GC_FLAGS_KEPT);
        assert_ne!(w & GC_FLAG_COLLECTING, 0);
        let head = GcHead::untracked();
        head.prev.set(w);
        assert_eq!(gc_refs(&head), 12345);
    }
}
