//! The generational cycle collector (CPython's `Modules/gcmodule.c`).
//!
//! Reference counting frees everything except cycles. Every container is tracked in one of
//! three generations (plus the permanent generation of `gc.freeze()`), linked through the
//! [`GcHead`](crate::object::GcHead) in front of it. New containers enter generation 0;
//! survivors of a collection move one generation older.
//!
//! # When
//! `count[0]` counts container allocations minus deallocations; when it exceeds
//! `threshold[0]` (700) a collection starts, of the oldest generation whose count exceeds its
//! threshold (10 collections of the younger one), except that a full collection waits until the
//! objects promoted into generation 2 since the last full one exceed 25% of those it left.
//!
//! # How (one function per phase, in [`collect`])
//! 1. `update_refs`: every object of the examined generations (younger ones merged in) gets
//!    `gc_refs = refcount`.
//! 2. `subtract_refs`: each object's `traverse` subtracts one from every object it references
//!    inside the set. On exit `gc_refs` counts references from *outside* the set.
//! 3. `move_unreachable`: objects with `gc_refs > 0` are reachable, and so is everything
//!    reachable from them: one walk of the list in order, which moves the objects not (yet)
//!    reached to an `unreachable` list and back when a later one reaches them. Tuples (every
//!    collection) and dicts (full collections) holding only atomic values are untracked as the
//!    walk finds them reachable, as CPython does.
//! 4. Survivors, still in their generation's list, are spliced into the next generation. From
//!    here on Python code may run, so the lists are well-formed again. As in CPython, the
//!    collector holds no reference to the unreachable objects as a whole, only to the one whose
//!    finalizer or clearing runs; an object freed meanwhile leaves its list by being untracked.
//! 5. Weak references to unreachable objects are cleared (callbacks only for weakrefs that are
//!    themselves reachable, after all clearing).
//! 6. `finalize`: `__del__` runs once per object (PEP 442: the FINALIZED bit).
//! 7. Phases 1–3 again over the unreachable list:
//!    objects a finalizer made reachable again, and all they reach, survive.
//! 8. `delete_garbage`: each remaining object's `clear` drops its references, and reference
//!    counting frees the cycle. (`DEBUG_SAVEALL`: they go to `gc.garbage` instead.)
//!
//! `gc_refs` lives in the object's own `GcHead` (see [`refs`]): while phases 1–3 run, `prev`
//! holds `gc_refs` and the COLLECTING flag instead of the previous member's address, and the
//! list is singly linked through `next`; phase 3 restores the links as it walks. No phase
//! copies the list or keeps a table per object (phase 5 keeps one of the unreachable weak
//! reference objects only).

#![allow(unsafe_code)]

pub mod collect;
pub mod list;
mod refs;
pub mod state;
pub mod verify;

pub use state::{GcState, GenStats, NUM_GENERATIONS};

use crate::object::{heap, ObjRef};

/// Called after a container is allocated: counts it for `--gc-stress` and runs an automatic
/// collection when one is due.
pub fn maybe_collect() {
    let due = heap::with_gc(|g| {
        if g.collecting {
            return None;
        }
        if g.stress > 0 {
            g.stress_counter += 1;
            if g.stress_counter >= g.stress {
                g.stress_counter = 0;
                return Some(g.stress_generation());
            }
        }
        if !g.enabled || g.threshold[0] == 0 || g.count[0] <= g.threshold[0] {
            return None;
        }
        g.due_generation()
    });
    if let Some(generation) = due {
        heap::with_vm(|vm| collect::collect_with_callbacks(vm, generation));
    }
}

/// New strong references to the members of generation `generation`, or of all three
/// (`None`; the permanent generation is not included), in list order (`gc.get_objects`).
pub fn generation_objects(generation: Option<usize>) -> Vec<ObjRef> {
    heap::with_gc(|g| {
        let heads = match generation {
            Some(i) => g.gens[i].members(),
            None => g.gens.iter().flat_map(|l| l.members()).collect(),
        };
        heads
            .into_iter()
            // SAFETY: members of a generation list are live containers, and nothing runs
            // between listing them and taking the references.
            .map(|gc| unsafe { ObjRef::from_gc_head(gc) })
            .collect()
    })
}
