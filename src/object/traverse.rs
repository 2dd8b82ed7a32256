//! The traversal contract between object payloads and the cycle collector (CPython's
//! `tp_traverse`), carried by types rather than by convention:
//!
//! * [`Traverse`] is an `unsafe trait`: implementing it is a promise about what `traverse`
//!   does (below), which the collector and the payload cells rely on for memory safety;
//! * a [`Visitor`] is made only by the core (and the collector), from callbacks that keep the
//!   promise on the other side: they run no Python code and change no object, so `traverse`
//!   may call them while it borrows its own storage;
//! * [`traverse_nothing!`](crate::object::traverse_nothing) implements the trait, soundly and
//!   without `unsafe` at the use site, for payloads that report no references (non-containers
//!   and payloads whose references are all inline items).

use super::handle::ObjRef;
use std::ops::{Deref, DerefMut};

/// Visits the strong references a value holds (CPython's `tp_traverse`).
///
/// The collector computes, for each object it examines, how many references come from inside
/// the examined set by subtracting one per reference reported here; it frees what is left
/// unreferenced from outside. Traversal runs in the middle of a collection, while the
/// generation lists are unlinked and their links hold the collector's marks.
///
/// # Safety
/// An implementation of `traverse` must:
/// * call `visit` once for each strong reference the value owns (stored in it, alive at least
///   as long as the value holds it), and never for a reference it does not own, nor twice for
///   the same one. Reporting fewer references than held only keeps their referents alive (a
///   reference not reported counts as one from outside); a container (`IS_CONTAINER`) must
///   report them all for cycles through it to be freed;
/// * do nothing else: not run Python code, not allocate or free objects, not create, clone,
///   drop, store or replace references, and not mutate the value or any other object (it may
///   read them). It may borrow its own storage while calling `visit`, because visitors keep the
///   same rules.
pub unsafe trait Traverse {
    /// Whether `traverse` never reports anything ([`traverse_nothing!`] says so), which lets
    /// the collector skip the call. `false` is always sound.
    const REPORTS_NOTHING: bool = false;

    /// Reports every strong reference held, each once.
    fn traverse(&self, visit: &mut Visitor<'_>);
}

/// The callback [`Traverse::traverse`] reports references to: call it as a function,
/// `visit(&reference)`.
///
/// Only the core and the collector make visitors ([`Visitor::new`] is `unsafe`), from
/// callbacks that run no Python code and mutate no object, so code that borrows a payload's
/// storage while it calls one cannot see that storage change underneath it. Safe code that
/// wants the references an object holds asks for [`ObjRef::referents`].
pub struct Visitor<'a>(&'a mut dyn FnMut(&ObjRef));

impl<'a> Visitor<'a> {
    /// A visitor calling `f` for each reference.
    ///
    /// # Safety
    /// `f` must not run Python code, allocate or free objects, drop or store references it is
    /// given, or mutate any object's payload (it may read objects, their headers and GC heads,
    /// change the collector's side tables, and clone a reference to collect it, as long as the
    /// clones are dropped only after the traversal).
    pub(crate) unsafe fn new(f: &'a mut dyn FnMut(&ObjRef)) -> Visitor<'a> {
        Visitor(f)
    }
}

impl<'a> Deref for Visitor<'a> {
    type Target = dyn FnMut(&ObjRef) + 'a;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl DerefMut for Visitor<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.0
    }
}

/// Implements [`Traverse`] with a `traverse` that reports nothing, for payload types that hold
/// no references, or hold only references the collector need not see (a non-container's), or
/// keep them all as inline items (which the payload vtable visits itself). Reporting nothing is
/// always sound: unreported referents stay alive.
///
/// ```ignore
/// crate::object::traverse_nothing!(FloatObject);
/// ```
macro_rules! traverse_nothing {
    ($($t:ty),+ $(,)?) => {$(
        // SAFETY: a `traverse` that visits nothing runs no code and touches nothing; the
        // collector then treats every referent as referenced from outside, which only keeps it
        // alive.
        #[allow(unsafe_code)]
        unsafe impl $crate::object::Traverse for $t {
            const REPORTS_NOTHING: bool = true;

            fn traverse(&self, _visit: &mut $crate::object::Visitor<'_>) {}
        }
    )+};
}
pub(crate) use traverse_nothing;

impl ObjRef {
    /// New references to everything the object holds, as its traversal reports it
    /// (`gc.get_referents`).
    pub fn referents(&self) -> Vec<ObjRef> {
        let mut out = Vec::new();
        let mut collect = |r: &ObjRef| out.push(r.clone());
        // SAFETY: the callback only clones the references into `out`, dropped by the caller
        // after the traversal.
        self.traverse(&mut unsafe { Visitor::new(&mut collect) });
        out
    }

    /// Whether the object's traversal reports a reference to `target`.
    pub fn refers_to(&self, target: &ObjRef) -> bool {
        let mut found = false;
        let mut check = |r: &ObjRef| found |= r.is(target);
        // SAFETY: the callback only compares addresses.
        self.traverse(&mut unsafe { Visitor::new(&mut check) });
        found
    }
}
