//! Intrusive circular lists of tracked containers, linked through their [`GcHead`]s.
//!
//! A list is a sentinel `GcHead` (boxed, so its address is stable) whose `next`/`prev` point at
//! the first and last member, or at itself when empty. Every tracked object is on exactly one
//! list (a generation, the permanent generation, or a collection's working list).
//!
//! Only the collector makes and splices lists: a list dropped while it has members would leave
//! them linked to a sentinel that is gone. Other code reads them.

use crate::object::GcHead;
use std::ptr::NonNull;

/// A list of tracked containers.
pub struct GcList {
    head: Box<GcHead>,
}

impl GcList {
    /// An empty list.
    pub(in crate::gc) fn new() -> GcList {
        let head = Box::new(GcHead::untracked());
        let s = &*head as *const GcHead as *mut GcHead;
        head.next.set(s);
        // SAFETY: an empty list's sentinel precedes itself.
        unsafe { head.set_prev_ptr(s) };
        GcList { head }
    }

    /// The sentinel's address.
    #[inline]
    pub fn sentinel(&self) -> *mut GcHead {
        &*self.head as *const GcHead as *mut GcHead
    }

    /// Whether the list has no members.
    pub fn is_empty(&self) -> bool {
        self.head.next.get() == self.sentinel()
    }

    /// Appends `node`, which must not be on any list.
    ///
    /// # Safety
    /// `node` is a live, unlinked GcHead of the current heap.
    pub unsafe fn push_back(&self, node: NonNull<GcHead>) {
        let s = self.sentinel();
        let n = node.as_ptr();
        // SAFETY: `n` is live (precondition); the sentinel and its last member are live list
        // members, relinked only by this module.
        unsafe {
            let last = (*s).prev_ptr();
            (*n).next.set(s);
            (*n).set_prev_ptr(last);
            (*last).next.set(n);
            (*s).set_prev_ptr(n);
        }
    }

    /// Moves every member of `other` to the end of `self`, leaving `other` empty.
    pub(in crate::gc) fn append_all(&self, other: &GcList) {
        if other.is_empty() {
            return;
        }
        let (s, o) = (self.sentinel(), other.sentinel());
        // SAFETY: both lists are well-formed circular lists of live GcHeads; splicing keeps
        // every member on exactly one list.
        unsafe {
            let first = (*o).next.get();
            let last = (*o).prev_ptr();
            let tail = (*s).prev_ptr();
            (*tail).next.set(first);
            (*first).set_prev_ptr(tail);
            (*last).next.set(s);
            (*s).set_prev_ptr(last);
            (*o).next.set(o);
            (*o).set_prev_ptr(o);
        }
    }

    /// The first member, if any.
    pub(in crate::gc) fn first(&self) -> Option<NonNull<GcHead>> {
        let first = self.head.next.get();
        (first != self.sentinel()).then(|| {
            // SAFETY: a member of a well-formed list is a live, non-null GcHead.
            unsafe { NonNull::new_unchecked(first) }
        })
    }

    /// The members, in order.
    pub fn members(&self) -> Vec<NonNull<GcHead>> {
        let s = self.sentinel();
        let mut out = Vec::new();
        // SAFETY: the list is circular through live GcHeads and is not relinked while we walk.
        unsafe {
            let mut p = (*s).next.get();
            while p != s {
                out.push(NonNull::new_unchecked(p));
                p = (*p).next.get();
            }
        }
        out
    }

    /// Calls `f` on each member, in order, with no memory taken for the walk.
    ///
    /// # Safety
    /// `f` must not relink the list: it tracks, untracks and frees nothing (so it drops no
    /// reference that could free a container) and runs no Python code.
    pub(in crate::gc) unsafe fn for_each(&self, mut f: impl FnMut(NonNull<GcHead>)) {
        let s = self.sentinel();
        // SAFETY: the list is circular through live GcHeads, and `f` does not relink it
        // (precondition), so each `next` read is of a live member or the sentinel.
        unsafe {
            let mut p = (*s).next.get();
            while p != s {
                f(NonNull::new_unchecked(p));
                p = (*p).next.get();
            }
        }
    }

    /// Number of members (a walk).
    pub fn len(&self) -> usize {
        let s = self.sentinel();
        let mut n = 0;
        // SAFETY: as in `members`.
        unsafe {
            let mut p = (*s).next.get();
            while p != s {
                n += 1;
                p = (*p).next.get();
            }
        }
        n
    }
}

/// Unlinks `node` from whatever list it is on and marks it untracked.
///
/// # Safety
/// `node` is a live GcHead; if tracked, its neighbours are live members of a well-formed list.
pub unsafe fn unlink(node: NonNull<GcHead>) {
    let n = node.as_ptr();
    // SAFETY: preconditions of this function.
    unsafe {
        if !(*n).is_tracked() {
            return;
        }
        let prev = (*n).prev_ptr();
        let next = (*n).next.get();
        (*prev).next.set(next);
        (*next).set_prev_ptr(prev);
        (*n).next.set(std::ptr::null_mut());
        (*n).set_prev_ptr(std::ptr::null_mut());
    }
}
