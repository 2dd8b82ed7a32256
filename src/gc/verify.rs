//! `--gc-verify`: heap invariant checks around each collection.
//!
//! * every tracked object is linked into a well-formed list (its neighbours point back at it);
//! * no tracked object is marked COLLECTING outside a collection;
//! * every tracked object's refcount is at least the number of references to it found by
//!   traversing all tracked objects (a missed `incref` or an extra `decref` shows up here);
//! * every tracked object has a live type (refcount > 0).
//!
//! A violation is a fatal error naming the object's type and address.

use crate::object::header::GC_FLAG_COLLECTING;
use crate::object::{heap, GcHead, ObjHeader, ObjRef};
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

#[cold]
fn fatal(when: &str, what: &str, obj: &ObjRef) -> ! {
    eprintln!(
        "arenapy: fatal heap verification error ({when}): {what}: {} object at {:#x} (refcount {})",
        obj.ob_type().name(),
        obj.addr(),
        obj.refcnt()
    );
    std::process::abort()
}

/// Walks every tracked object and checks the invariants; aborts on a violation.
pub fn verify_heap(when: &str) {
    let members: Vec<NonNull<GcHead>> = heap::tracked_snapshot();
    let mut index: HashMap<usize, usize> = HashMap::with_capacity(members.len());
    let objs: Vec<ManuallyDrop<ObjRef>> = members
        .iter()
        .map(|gc| {
            // SAFETY: tracked GcHeads belong to live containers whose header follows; the
            // handle does not own a reference and is never dropped.
            unsafe {
                ManuallyDrop::new(ObjRef::from_raw_owned(NonNull::new_unchecked(
                    gc.as_ptr().add(1) as *mut ObjHeader,
                )))
            }
        })
        .collect();
    for (i, (gc, obj)) in members.iter().zip(objs.iter()).enumerate() {
        index.insert(obj.addr(), i);
        // SAFETY: `gc` is a live tracked GcHead, and so are its neighbours.
        let (head, next_prev) = unsafe {
            let head = gc.as_ref();
            (head, (*head.next.get()).prev_ptr())
        };
        if next_prev != gc.as_ptr() {
            fatal(when, "list links are inconsistent", obj);
        }
        if head.prev.get() & GC_FLAG_COLLECTING != 0 {
            fatal(when, "object still marked as being collected", obj);
        }
        if obj.refcnt() <= 0 {
            fatal(when, "tracked object has a non-positive refcount", obj);
        }
    }
    let mut found = vec![0isize; objs.len()];
    for obj in &objs {
        obj.traverse(&mut |r| {
            if let Some(&j) = index.get(&r.addr()) {
                found[j] += 1;
            }
        });
    }
    for (i, obj) in objs.iter().enumerate() {
        if obj.refcnt() < found[i] {
            fatal(
                when,
                "refcount is lower than the references found to it",
                obj,
            );
        }
    }
}
