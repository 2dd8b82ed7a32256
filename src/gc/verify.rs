//! `--gc-verify`: heap invariant checks before and after each collection.
//!
//! [`verify_heap`] walks the three generations and the permanent generation and checks:
//!
//! 1. **Lists are well formed**: each member's `next.prev` points back at it, and the walk
//!    returns to the sentinel.
//! 2. **Exactly one list**: no object is linked into two lists (or twice into one), and every
//!    container reached from a tracked object that says it is tracked (`next != null`) is on one
//!    of the lists.
//! 3. **No COLLECTING mark** outside a collection's phases 1–3.
//! 4. **Refcounts cover the references**: a tracked object's refcount is at least the number of
//!    references to it found by traversing every tracked object (a missing `incref` or an extra
//!    `decref` shows up here, before the collector would free a live object).
//! 5. **Types alive**: every tracked object's type, and every referenced object's type, has a
//!    positive refcount.
//! 6. **No freed block reachable**: every object found by `traverse` has a header that does not
//!    look freed: refcount > 0 and a type pointer other than the debug allocator's 0xDD fill
//!    (under `--debug-alloc` a freed block is overwritten with 0xDD, so a dangling reference
//!    shows as refcount `0xDDDD…` — negative — and type `0xDDDD…`).
//!
//! A violation is a fatal error naming the object's type and address; the process aborts.
//! Checks that need the object's type name use it only after the type pointer passed check 6.
//!
//! The walk is O(tracked objects + references), so `--gc-stress 1 --gc-verify` is quadratic in
//! the heap size: meant for small test programs.

use super::list::GcList;
use super::NUM_GENERATIONS;
use crate::object::header::GC_FLAG_COLLECTING;
use crate::object::typeobj::TypeObject;
use crate::object::{heap, GcHead, ObjHeader, ObjRef};
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// The word a freed block is filled with under `--debug-alloc` (0xDD bytes).
const FREED_WORD: usize = usize::from_ne_bytes([0xDD; std::mem::size_of::<usize>()]);

/// A hasher for object addresses (16-byte aligned, so the low bits carry nothing): one
/// multiplication instead of SipHash, which made verification of large heaps slow.
#[derive(Default, Clone, Copy)]
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = ((n as u64) >> 4)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

/// Object address → (list number, position in the walk).
type AddrMap = HashMap<usize, (usize, usize), std::hash::BuildHasherDefault<AddrHasher>>;

/// Names of the lists, for error messages.
const LIST_NAMES: [&str; 4] = ["generation 0", "generation 1", "generation 2", "permanent"];

#[cold]
#[inline(never)]
fn fatal(when: &str, what: &str, obj: &ObjRef) -> ! {
    eprintln!(
        "arenapy: fatal heap verification error ({when}): {what}: {} object at {:#x} (refcount {})",
        obj.ob_type().name(),
        obj.addr(),
        obj.refcnt()
    );
    std::process::abort()
}

/// For headers that may not be valid objects: no type name is read.
///
/// # Safety
/// `header` points at two readable words (a block of the heap, possibly freed).
#[cold]
#[inline(never)]
unsafe fn fatal_raw(when: &str, what: &str, referrer: &ObjRef, header: NonNull<ObjHeader>) -> ! {
    // SAFETY: the header's words are readable memory (precondition); we read them as plain
    // integers.
    let (refcnt, ty) = unsafe {
        let p = header.as_ptr() as *const usize;
        (p.read(), p.add(1).read())
    };
    eprintln!(
        "arenapy: fatal heap verification error ({when}): {what}: object at {:#x} (refcount \
         {:#x}, type pointer {ty:#x}), referenced from a {} object at {:#x}",
        header.as_ptr() as usize,
        refcnt,
        referrer.ob_type().name(),
        referrer.addr(),
    );
    std::process::abort()
}

/// Whether an object header looks like a freed block: refcount not positive, or a null or
/// 0xDD-filled type pointer.
///
/// # Safety
/// `header` points at readable memory that held an object header (possibly freed since).
unsafe fn looks_freed(header: NonNull<ObjHeader>) -> bool {
    // SAFETY: readable memory (precondition); we read its two words as integers without
    // trusting them (no reference is formed to the type).
    let (refcnt, ty) = unsafe {
        let h = header.as_ptr();
        ((*h).refcnt(), (*h).ob_type_addr())
    };
    refcnt <= 0 || ty == 0 || ty == FREED_WORD
}

/// A non-owning handle to the object behind a GcHead.
///
/// # Safety
/// `gc` is the GcHead of a live container; the handle is never dropped.
unsafe fn object_of(gc: NonNull<GcHead>) -> ManuallyDrop<ObjRef> {
    // SAFETY: the object header follows its GcHead (layout::alloc_block); the handle does not
    // own a reference and is never dropped (ManuallyDrop).
    unsafe {
        ManuallyDrop::new(ObjRef::from_raw_owned(NonNull::new_unchecked(
            gc.as_ptr().add(1) as *mut ObjHeader,
        )))
    }
}

/// The heap type object of `t`, if it is one (builtin types are immortal statics).
fn type_header(t: &TypeObject) -> NonNull<ObjHeader> {
    NonNull::from(t).cast::<ObjHeader>()
}

/// Walks one list, checking its links and that no member was seen on an earlier list.
fn walk_list(
    when: &str,
    which: usize,
    list: &GcList,
    seen: &mut AddrMap,
    members: &mut Vec<NonNull<GcHead>>,
) {
    let s = list.sentinel();
    // SAFETY: the sentinel is a live, boxed GcHead; members are live tracked containers whose
    // links the checks below validate before following them.
    let mut p = unsafe { (*s).next.get() };
    let mut prev = s;
    while p != s {
        if p.is_null() {
            eprintln!(
                "arenapy: fatal heap verification error ({when}): {} list is broken after {prev:p}",
                LIST_NAMES[which]
            );
            std::process::abort();
        }
        // SAFETY: `p` is non-null and was linked from the previous member, a live container.
        let gc = unsafe { NonNull::new_unchecked(p) };
        // SAFETY: as above.
        let obj = unsafe { object_of(gc) };
        // SAFETY: the header of a block linked in the list: heap memory, freed or not.
        if unsafe { looks_freed(obj.header_ptr()) } {
            eprintln!(
                "arenapy: fatal heap verification error ({when}): freed block at {:#x} linked \
                 in {}",
                obj.addr(),
                LIST_NAMES[which]
            );
            std::process::abort();
        }
        // SAFETY: `gc` is readable (checked not freed above).
        let head = unsafe { gc.as_ref() };
        if head.prev_ptr() != prev {
            fatal(when, "list links are inconsistent", &obj);
        }
        if let Some((other, _)) = seen.insert(obj.addr(), (which, members.len())) {
            let what = if other == which {
                format!("linked twice in {}", LIST_NAMES[which])
            } else {
                format!(
                    "linked in both {} and {}",
                    LIST_NAMES[other], LIST_NAMES[which]
                )
            };
            fatal(when, &what, &obj);
        }
        members.push(gc);
        prev = p;
        p = head.next.get();
    }
    // SAFETY: the sentinel is live.
    if unsafe { (*s).prev_ptr() } != prev {
        eprintln!(
            "arenapy: fatal heap verification error ({when}): {} list's last member is not \
             its sentinel's prev",
            LIST_NAMES[which]
        );
        std::process::abort();
    }
}

/// Walks the tracked objects of generations `0..=generation` (the oldest: every tracked object,
/// the permanent generation included) and checks the invariants; aborts on a violation. Does
/// nothing while a collection is in progress (its working lists are not generations).
///
/// A walk of the younger generations only checks what it sees: references are counted from
/// their members alone (a lower bound of the true count still, so "refcount ≥ references
/// found" holds), and a reference to a tracked object outside them is not an error (it is in an
/// older generation). The cost is then that of the generations collected, so verifying every
/// young collection of a large heap is not quadratic.
pub fn verify_heap(when: &str, generation: usize) {
    let full = generation >= NUM_GENERATIONS - 1;
    let mut seen = AddrMap::default();
    let mut members: Vec<NonNull<GcHead>> = Vec::new();
    let collecting = heap::with_gc(|g| {
        if g.in_phases {
            return true;
        }
        for (i, list) in g.gens.iter().enumerate().take(generation + 1) {
            walk_list(when, i, list, &mut seen, &mut members);
        }
        if full {
            walk_list(when, 3, &g.permanent, &mut seen, &mut members);
        }
        false
    });
    if collecting {
        return;
    }
    // SAFETY: members are live containers (walk_list checked their headers).
    let objs: Vec<ManuallyDrop<ObjRef>> =
        members.iter().map(|gc| unsafe { object_of(*gc) }).collect();

    for (gc, obj) in members.iter().zip(objs.iter()) {
        // SAFETY: a live tracked GcHead.
        let head = unsafe { gc.as_ref() };
        if head.prev.get() & GC_FLAG_COLLECTING != 0 {
            fatal(when, "object still marked as being collected", obj);
        }
        let ty = type_header(obj.ob_type());
        // SAFETY: the type's header is readable: a static, or a heap block (freed or not).
        unsafe {
            if looks_freed(ty) {
                fatal_raw(when, "the object's type is freed", obj, ty);
            }
        }
    }

    let mut found = vec![0isize; objs.len()];
    for obj in &objs {
        // SAFETY: the callback reads headers (of referents and their types: heap blocks or
        // statics, readable whether freed or not) and counts in `found`, a side table; on a
        // violation it aborts the process.
        unsafe {
            super::collect::for_each_referent(obj, |r| {
                let h = r.header_ptr();
                if looks_freed(h) {
                    fatal_raw(when, "reference to a freed block", obj, h);
                }
                let ty = type_header(r.ob_type());
                if looks_freed(ty) {
                    fatal_raw(when, "reference to an object whose type is freed", obj, h);
                }
                match seen.get(&r.addr()) {
                    Some(&(_, j)) => found[j] += 1,
                    None => {
                        if full && r.is_tracked() {
                            fatal(when, "tracked object not linked in any generation", r);
                        }
                    }
                }
            })
        };
    }
    for (i, obj) in objs.iter().enumerate() {
        if obj.refcnt() < found[i] {
            fatal(
                when,
                &format!(
                    "refcount is lower than the {} references found to it",
                    found[i]
                ),
                obj,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_fill_is_recognised() {
        let block = [FREED_WORD, FREED_WORD];
        let h = NonNull::from(&block).cast::<ObjHeader>();
        let zero = [0usize, 0usize];
        let live = [1usize, 0x1000usize];
        // SAFETY: each points at two readable words.
        unsafe {
            assert!(looks_freed(h));
            assert!(looks_freed(NonNull::from(&zero).cast::<ObjHeader>()));
            assert!(!looks_freed(NonNull::from(&live).cast::<ObjHeader>()));
        }
    }
}
