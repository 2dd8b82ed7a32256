//! Interior-mutable storage for object payloads: [`ObjCell`] (one reference), [`ObjVec`] (list
//! items), [`DictTable`] (dict entries), [`SetTable`] (set and frozenset keys) and [`ByteVec`]
//! (bytearray contents).
//!
//! Objects are shared through handles, so mutable payload state sits in `UnsafeCell`s. The rule
//! that makes this sound is that **no borrow of the contents ever escapes a method**, and no
//! method runs Python code or drops a reference while it holds one: dropping a reference can
//! free an object, and later a finalizer can run arbitrary code that reaches this same cell.
//! Methods therefore clone references out and hand removed references back to the caller, which
//! drops them after the borrow has ended. Comparisons that may run Python code (dict key
//! equality) are called with no borrow held, and the table's version is rechecked after them.

use super::handle::ObjRef;
use super::heap::HeapAlloc;
use super::traverse::{Traverse, Visitor};
use allocator_api2::vec::Vec as HVec;
use arenapy_allocators::AllocError;
use smallvec::SmallVec;
use std::cell::UnsafeCell;

mod byte_vec;
mod dict_table;
mod set_table;
pub use byte_vec::ByteVec;
pub use dict_table::DictTable;
pub use set_table::SetTable;

/// One optional strong reference that can be replaced (cells, function globals, ...).
pub struct ObjCell(UnsafeCell<Option<ObjRef>>);

impl ObjCell {
    /// A cell holding `value`.
    pub fn new(value: Option<ObjRef>) -> ObjCell {
        ObjCell(UnsafeCell::new(value))
    }

    /// A new reference to the contents.
    pub fn get(&self) -> Option<ObjRef> {
        // SAFETY: no borrow of the contents escapes this module and cloning runs no Python code.
        unsafe { (*self.0.get()).clone() }
    }

    /// Replaces the contents, returning the old value for the caller to drop.
    #[must_use = "drop the old value after any borrow of the owner ends"]
    pub fn replace(&self, value: Option<ObjRef>) -> Option<ObjRef> {
        // SAFETY: as in `get`; the old value is moved out, not dropped here.
        unsafe { std::mem::replace(&mut *self.0.get(), value) }
    }

    /// Whether the cell holds an object whose type is `ty` (identity), without taking a
    /// reference.
    #[inline]
    pub fn holds_instance_of(&self, ty: &super::TypeObject) -> bool {
        // SAFETY: the borrow ends within this expression and reads the referent's type pointer
        // only (the cell's reference keeps the referent alive meanwhile).
        unsafe {
            (*self.0.get())
                .as_ref()
                .is_some_and(|r| std::ptr::eq(r.ob_type(), ty))
        }
    }

    /// Whether the cell holds `obj` (identity), without taking a reference.
    #[inline]
    pub fn holds(&self, obj: &ObjRef) -> bool {
        // SAFETY: the borrow ends within this expression and compares addresses only.
        unsafe { (*self.0.get()).as_ref().is_some_and(|r| r.is(obj)) }
    }

    /// Whether the cell holds a reference, without taking one.
    #[inline]
    pub fn is_set(&self) -> bool {
        // SAFETY: the borrow ends within this expression and reads no object.
        unsafe { (*self.0.get()).is_some() }
    }

    /// Visits the reference, if any.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors mutate no object (`Visitor::new`), so this is the only borrow of the
        // cell while it lives; it ends here.
        if let Some(r) = unsafe { &*self.0.get() } {
            visit(r)
        }
    }

    /// Calls `f` on the reference, if any: [`traverse`](Self::traverse) with a closure the
    /// caller names (monomorphic; see `ObjRef::traverse_with`).
    ///
    /// # Safety
    /// `f` keeps the rules of [`Visitor::new`]: above all, it does not change this cell.
    #[inline(always)]
    pub(crate) unsafe fn visit_with(&self, f: &mut impl FnMut(&ObjRef)) {
        // SAFETY: `f` mutates no object (precondition), so this is the only borrow of the cell
        // while it lives; it ends here.
        if let Some(r) = unsafe { &*self.0.get() } {
            f(r)
        }
    }
}

/// The items of a list, in heap storage.
///
/// While `list.sort` has the items out, the vector is *marked*: empty, with no storage, and its
/// pointer at [`SORT_MARK`] rather than the usual dangling one. Any change of length made
/// meanwhile either allocates storage or leaves a vector with items, so the sort can tell
/// afterwards (CPython marks its list the same way, with `allocated = -1`). Only a sorting list
/// pays for this: the vector is the three words of its `Vec`, so a list's block is 56 bytes.
pub struct ObjVec(UnsafeCell<HVec<ObjRef, HeapAlloc>>);

/// Where a marked vector's pointer points: a static no heap ever hands out, aligned for
/// `ObjRef`, never read or written through (a vector of capacity zero owns no memory).
#[repr(C, align(16))]
struct SortMark([u8; 16]);
static SORT_MARK: SortMark = SortMark([0; 16]);

fn sort_mark() -> *mut ObjRef {
    (&SORT_MARK as *const SortMark).cast_mut().cast::<ObjRef>()
}

impl Default for ObjVec {
    fn default() -> Self {
        ObjVec::new()
    }
}

impl ObjVec {
    /// An empty vector (no storage allocated).
    pub fn new() -> ObjVec {
        ObjVec(UnsafeCell::new(HVec::new_in(HeapAlloc)))
    }

    /// A vector holding `items`.
    pub fn from_vec(items: Vec<ObjRef>) -> Result<ObjVec, AllocError> {
        let mut v = HVec::new_in(HeapAlloc);
        v.try_reserve_exact(items.len()).map_err(|_| AllocError {
            size: items.len() * 8,
        })?;
        v.extend(items);
        Ok(ObjVec(UnsafeCell::new(v)))
    }

    /// Takes every item out for a sort and marks the vector (see the type's documentation).
    /// The vector behaves as an ordinary empty one meanwhile.
    pub fn begin_sort(&self) -> Vec<ObjRef> {
        self.with(|v| {
            let out: Vec<ObjRef> = v.drain(..).collect();
            // SAFETY: a vector of capacity zero owns no memory: it never reads, writes or
            // frees through its pointer, and its first growth allocates fresh storage (as
            // `Vec::from_raw_parts_in` allows for capacity zero: the pointer need only be
            // non-null and aligned, which the static is, for `ObjRef`).
            let marked = unsafe { HVec::from_raw_parts_in(sort_mark(), 0, 0, HeapAlloc) };
            // The old storage is freed here; it holds no references any more.
            drop(std::mem::replace(v, marked));
            out
        })
    }

    /// Whether the vector is still as [`begin_sort`](Self::begin_sort) left it: no item
    /// added (even one removed again) and no storage allocated since.
    pub fn sort_untouched(&self) -> bool {
        self.with(|v| v.is_empty() && std::ptr::eq(v.as_ptr(), sort_mark()))
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut HVec<ObjRef, HeapAlloc>) -> R) -> R {
        // SAFETY: every caller is a method of this type whose closure neither runs Python code
        // nor drops a reference nor re-enters this vector, so this is the only live borrow.
        f(unsafe { &mut *self.0.get() })
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.with(|v| v.len())
    }

    /// Whether there are no items.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of item storage reserved.
    pub fn capacity_bytes(&self) -> usize {
        self.with(|v| v.capacity() * std::mem::size_of::<ObjRef>())
    }

    /// A new reference to item `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<ObjRef> {
        self.with(|v| v.get(i).cloned())
    }

    /// The address of item `i`'s object ([`ObjRef::addr`]), taking no reference.
    #[inline]
    pub fn addr_at(&self, i: usize) -> Option<usize> {
        self.with(|v| v.get(i).map(ObjRef::addr))
    }

    /// The text of the last item (a str), borrowed for as long as `self` is.
    ///
    /// # Safety
    /// The caller guarantees that the last item's object stays alive while `self` is borrowed:
    /// nothing removes or replaces items of this vector in that time (pushing is fine: the text
    /// lives in the str object, not in the vector's storage).
    pub unsafe fn last_text(&self) -> Option<&str> {
        self.with(|v| {
            v.last().and_then(ObjRef::utf8_text).map(|t| {
                // SAFETY: the text is in the str object's own block, alive for the borrow of
                // `self` (the caller's guarantee), not in the vector's storage.
                unsafe { &*(t as *const str) }
            })
        })
    }

    /// Replaces item `i`, returning the old item (or gives `value` back if `i` is out of range).
    pub fn set(&self, i: usize, value: ObjRef) -> Result<ObjRef, ObjRef> {
        self.with(|v| match v.get_mut(i) {
            Some(slot) => Ok(std::mem::replace(slot, value)),
            None => Err(value),
        })
    }

    /// Appends an item.
    #[inline]
    pub fn push(&self, value: ObjRef) -> Result<(), (AllocError, ObjRef)> {
        self.with(|v| {
            if v.len() == v.capacity() {
                // CPython's list over-allocation: about 1/8 more, plus a little.
                let want = (v.len() >> 3) + if v.len() < 9 { 3 } else { 6 };
                if v.try_reserve_exact(want).is_err() {
                    let size = (v.len() + want) * std::mem::size_of::<ObjRef>();
                    return Err((AllocError { size }, value));
                }
            }
            v.push(value);
            Ok(())
        })
    }

    /// Appends two items with one capacity check (for vectors that keep pairs side by side).
    #[inline]
    pub fn push_pair(&self, a: ObjRef, b: ObjRef) -> Result<(), (AllocError, ObjRef, ObjRef)> {
        self.with(|v| {
            if v.capacity() - v.len() < 2 {
                let want = (v.len() >> 3) + 6;
                if v.try_reserve_exact(want).is_err() {
                    let size = (v.len() + want) * std::mem::size_of::<ObjRef>();
                    return Err((AllocError { size }, a, b));
                }
            }
            v.push(a);
            v.push(b);
            Ok(())
        })
    }

    /// Removes and returns the last two items (the one pushed first first).
    #[inline]
    pub fn pop_pair(&self) -> Option<(ObjRef, ObjRef)> {
        self.with(|v| {
            let b = v.pop()?;
            match v.pop() {
                Some(a) => Some((a, b)),
                None => {
                    v.push(b);
                    None
                }
            }
        })
    }

    /// Inserts an item at `i` (clamped to the length).
    pub fn insert(&self, i: usize, value: ObjRef) -> Result<(), (AllocError, ObjRef)> {
        self.with(|v| {
            if v.try_reserve(1).is_err() {
                return Err((
                    AllocError {
                        size: (v.len() + 1) * 8,
                    },
                    value,
                ));
            }
            let i = i.min(v.len());
            v.insert(i, value);
            Ok(())
        })
    }

    /// Removes and returns item `i`.
    pub fn remove(&self, i: usize) -> Option<ObjRef> {
        self.with(|v| if i < v.len() { Some(v.remove(i)) } else { None })
    }

    /// Removes and returns the last item.
    #[inline]
    pub fn pop(&self) -> Option<ObjRef> {
        self.with(|v| v.pop())
    }

    /// New references to all items.
    pub fn snapshot(&self) -> Vec<ObjRef> {
        self.with(|v| v.iter().cloned().collect())
    }

    /// Takes every item out, leaving the vector empty (and its storage freed).
    pub fn take_all(&self) -> Vec<ObjRef> {
        self.with(|v| {
            let out: Vec<ObjRef> = v.drain(..).collect();
            v.shrink_to_fit();
            out
        })
    }

    /// A new vector of new references to the `n` items at `start`, `start + step`, ... (a
    /// slice's positions, which the caller has computed for this length; the copy stops early
    /// at a position out of range).
    pub fn slice(&self, start: usize, step: isize, n: usize) -> Result<ObjVec, AllocError> {
        let mut out = HVec::new_in(HeapAlloc);
        out.try_reserve_exact(n)
            .map_err(|_| AllocError { size: n * 8 })?;
        self.with(|v| {
            if step == 1 {
                if let Some(items) = v.get(start..start.saturating_add(n)) {
                    out.extend(items.iter().cloned());
                    return;
                }
            }
            let mut i = start;
            for _ in 0..n {
                match v.get(i) {
                    Some(x) => out.push(x.clone()),
                    None => break,
                }
                i = i.wrapping_add_signed(step);
            }
        });
        Ok(ObjVec(UnsafeCell::new(out)))
    }

    /// Replaces items `lo..hi` (clamped to the length) with `items` in place, returning the
    /// removed items for the caller to drop once nothing borrows the vector.
    pub fn splice(
        &self,
        lo: usize,
        hi: usize,
        items: Vec<ObjRef>,
    ) -> Result<Vec<ObjRef>, (AllocError, Vec<ObjRef>)> {
        self.with(|v| {
            let hi = hi.min(v.len());
            let lo = lo.min(hi);
            let grow = items.len().saturating_sub(hi - lo);
            if v.try_reserve(grow).is_err() {
                let size = (v.len() + grow) * std::mem::size_of::<ObjRef>();
                return Err((AllocError { size }, items));
            }
            if items.len() == hi - lo {
                // Same length: the items are swapped in place, nothing moves.
                let old = v[lo..hi]
                    .iter_mut()
                    .zip(items)
                    .map(|(slot, new)| std::mem::replace(slot, new))
                    .collect();
                return Ok(old);
            }
            // The reservation above leaves room for every new item, so this does not allocate.
            Ok(v.splice(lo..hi, items).collect())
        })
    }

    /// Replaces items `lo..hi` (clamped to the length) with new references to the items of
    /// `src`, in place, returning the removed items for the caller to drop once nothing
    /// borrows the vector (`list[a:b] = other_list` without a temporary copy). `src` may be
    /// this very vector: its items are then copied first.
    pub fn splice_from(
        &self,
        lo: usize,
        hi: usize,
        src: &ObjVec,
    ) -> Result<SmallVec<[ObjRef; 16]>, AllocError> {
        if std::ptr::eq(self, src) {
            let items = self.snapshot();
            return self
                .splice(lo, hi, items)
                .map(SmallVec::from_vec)
                .map_err(|(e, _)| e);
        }
        // SAFETY: `src` is another vector (checked above), so this shared borrow of its storage
        // does not alias the exclusive one `with` takes of ours; it ends before this function
        // returns, and nothing here runs Python code, drops a reference or touches `src`
        // otherwise (cloning only increments counts).
        let from: &[ObjRef] = unsafe { &*src.0.get() };
        self.with(|v| {
            let hi = hi.min(v.len());
            let lo = lo.min(hi);
            let grow = from.len().saturating_sub(hi - lo);
            if v.try_reserve(grow).is_err() {
                let size = (v.len() + grow) * std::mem::size_of::<ObjRef>();
                return Err(AllocError { size });
            }
            if from.len() == hi - lo {
                // Same length: the items are swapped in place, nothing moves.
                return Ok(v[lo..hi]
                    .iter_mut()
                    .zip(from)
                    .map(|(slot, new)| std::mem::replace(slot, new.clone()))
                    .collect());
            }
            // The reservation above leaves room for every new item, so this does not allocate.
            Ok(v.splice(lo..hi, from.iter().cloned()).collect())
        })
    }

    /// Replaces all items, returning the old ones.
    pub fn replace_all(
        &self,
        items: Vec<ObjRef>,
    ) -> Result<Vec<ObjRef>, (AllocError, Vec<ObjRef>)> {
        if items.is_empty() && self.sort_untouched() {
            // Emptying a list that a sort has marked changes nothing (it is empty already).
            return Ok(Vec::new());
        }
        self.with(|v| {
            let mut fresh = HVec::new_in(HeapAlloc);
            if fresh.try_reserve_exact(items.len()).is_err() {
                let size = items.len() * 8;
                return Err((AllocError { size }, items));
            }
            fresh.extend(items);
            let old = std::mem::replace(v, fresh);
            Ok(old.into_iter().collect())
        })
    }

    /// Visits every item.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        for r in unsafe { &*self.0.get() }.iter() {
            visit(r)
        }
    }
}

/// A slot holding one value that is moved out to be used and moved back afterwards (a suspended
/// generator's frame). While the value is out, its references live on the Rust stack of whoever
/// took it, where the collector treats them as external (the objects stay reachable).
pub struct TakeCell<T>(UnsafeCell<Option<T>>);

impl<T: Traverse> TakeCell<T> {
    /// A cell holding `value`.
    pub fn new(value: Option<T>) -> TakeCell<T> {
        TakeCell(UnsafeCell::new(value))
    }

    /// Moves the value out (`None` if it is already out or was never put).
    pub fn take(&self) -> Option<T> {
        // SAFETY: no borrow of the contents escapes a method, and moving out runs no code.
        unsafe { (*self.0.get()).take() }
    }

    /// Moves a value in, returning what was there for the caller to drop.
    #[must_use = "drop the old value after any borrow of the owner ends"]
    pub fn put(&self, value: Option<T>) -> Option<T> {
        // SAFETY: as in `take`; the old value is moved out, not dropped here.
        unsafe { std::mem::replace(&mut *self.0.get(), value) }
    }

    /// Whether a value is in the cell.
    pub fn is_present(&self) -> bool {
        // SAFETY: a momentary shared read; no borrow escapes.
        unsafe { (*self.0.get()).is_some() }
    }

    /// Runs `f` on the contents (for reading plain fields such as an instruction index). The
    /// value is moved out while `f` runs, so no borrow of the cell is held: `f` sees the cell
    /// empty if it looks, and whatever it puts there is dropped when the value goes back.
    pub fn peek<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        let value = self.take();
        let r = f(value.as_ref());
        drop(self.put(value));
        r
    }

    /// Visits the references of the contents, if present.
    pub fn traverse(&self, visit: &mut Visitor<'_>) {
        // SAFETY: visitors run no Python code and mutate no object (`Visitor::new`), so the
        // shared borrow is the only one while it lives.
        if let Some(v) = unsafe { &*self.0.get() } {
            v.traverse(visit)
        }
    }
}
