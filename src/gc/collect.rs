//! One collection, phase by phase (see the module docs of [`crate::gc`]).

use super::list::GcList;
use super::state::{DEBUG_SAVEALL, NUM_GENERATIONS};
use crate::object::weakref::{self, WeakRefPayload};
use crate::object::{heap, hooks, ObjRef};
use crate::vm::Vm;

pub use super::refs::{holds_trackable, may_be_tracked};
use super::refs::{peek_object, Untrack};

pub(super) use super::refs::for_each_referent;

/// Phases 1-3 over `young`: leaves in it what is reachable from outside it and moves the rest
/// to `unreachable`, unmarked; returns how many stay in `young`.
///
/// # Safety
/// `young` is a well-formed list of live containers and `unreachable` an empty list; no Python
/// code runs and no reference is created or dropped meanwhile (traversals keep the `Traverse`
/// contract, and the collector's visitors only mark and relink GC heads).
unsafe fn deduce_unreachable(young: &GcList, unreachable: &GcList, untrack: Untrack) -> usize {
    // SAFETY: forwarded preconditions; the three run in order on the same list.
    unsafe {
        super::refs::update_refs(young);
        super::refs::subtract_refs(young);
        let kept = super::refs::move_unreachable(young, unreachable, untrack);
        super::refs::clear_unreachable_marks(unreachable);
        kept
    }
}

/// Phase 5: clears every weak reference to the unreachable objects, then calls the callbacks
/// of those weak references that are not garbage themselves. Returns how many of those weak
/// references were freed once their callback ran (CPython counts them as collected).
///
/// Walks `garbage` in place (nothing is taken per member): the walk clears weak references
/// and collects handles, and drops nothing until it is over, so no member is freed under it.
fn handle_weakrefs(vm: &Vm, garbage: &GcList) -> usize {
    // The members that are weak reference objects (whose callbacks never run), and whether
    // any member has weak references at all.
    let mut weak_members = std::collections::HashSet::new();
    let mut any = false;
    let scan = |g| {
        // SAFETY: a member of the list, alive (the walk frees nothing).
        let obj = unsafe { peek_object(g) };
        any |= obj.has_weakrefs();
        if obj.downcast::<WeakRefPayload>().is_some() {
            weak_members.insert(obj.addr());
        }
    };
    // SAFETY: `scan` only reads the members (their type, a GC flag).
    unsafe { garbage.for_each(scan) };
    if !any {
        return 0;
    }
    let mut to_call = Vec::new();
    // Handles and callbacks released by the walk, dropped after it.
    let mut released = Vec::new();
    let clear = |g| {
        // SAFETY: a member of the list, alive (the walk frees nothing).
        let obj = unsafe { peek_object(g) };
        if !obj.has_weakrefs() {
            return;
        }
        // SAFETY: `obj` is alive (a member of the list).
        for wr in unsafe { weakref::clear_weakrefs(obj.header_ptr()) } {
            if weak_members.contains(&wr.addr()) {
                // A weak reference that is garbage itself: its callback never runs (cleared,
                // it is in no table; the callback goes when phase 8 clears it, as in CPython).
                released.push(wr);
                continue;
            }
            if wr
                .downcast::<WeakRefPayload>()
                .is_some_and(|p| p.callback.get().is_some())
            {
                to_call.push(wr);
            } else {
                released.push(wr);
            }
        }
    };
    // SAFETY: `clear` frees nothing (what it releases goes to `released`), tracks and untracks
    // nothing, and runs no Python code (`clear_weakrefs` only updates the table and the weak
    // references' referents).
    unsafe { garbage.for_each(clear) };
    drop(released);
    let hooks = hooks::get();
    let mut freed = 0;
    for wr in to_call {
        if let Some(h) = hooks {
            (h.weakref_callbacks)(vm, std::slice::from_ref(&wr));
        }
        if wr.refcnt() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}

/// Phase 6: each unreachable object's finalizer, unless it already ran (PEP 442), in list
/// order. As CPython's `finalize_garbage`, each object moves to a list of those seen before
/// its finalizer runs, with a reference held across the call; one that a finalizer frees
/// leaves whichever list it is on. The seen objects go back to `unreachable` at the end.
fn finalize_garbage(vm: &Vm, unreachable: &GcList) {
    let seen = GcList::new();
    while let Some(first) = unreachable.first() {
        // SAFETY: a member of `unreachable`, alive; the clone is a reference of our own.
        let obj = unsafe { ObjRef::from_gc_head(first) };
        // SAFETY: `first` is a live member of `unreachable`; it moves to `seen`.
        unsafe {
            super::list::unlink(first);
            seen.push_back(first);
        }
        if !obj.is_finalized() {
            if let Some(finalize) = obj.ob_type().slots.finalize {
                finalize(vm, &obj);
            }
        }
        drop(obj);
    }
    unreachable.append_all(&seen);
}

/// CPython's `collecting` flag, held for the whole of one collection — its `gc.callbacks`
/// included — and released when dropped, unwinding too. While it is held no collection starts:
/// a callback or finalizer that allocates, or calls `gc.collect()`, cannot re-enter the
/// collector.
struct Collecting(());

impl Collecting {
    /// The flag, or `None` when a collection is already running.
    fn acquire() -> Option<Collecting> {
        heap::with_gc(|g| {
            if g.collecting {
                None
            } else {
                g.collecting = true;
                Some(Collecting(()))
            }
        })
    }
}

impl Drop for Collecting {
    fn drop(&mut self) {
        heap::with_gc(|g| g.collecting = false);
    }
}

/// Runs one collection of `generation` (and the younger ones), without `gc.callbacks`; does
/// nothing when a collection is already running. Returns (collected, uncollectable).
pub fn collect(vm: &Vm, generation: usize) -> (usize, usize) {
    match Collecting::acquire() {
        Some(running) => run_phases(vm, generation, &running),
        None => (0, 0),
    }
}

/// Phases 1-8 of a collection; the caller holds the `collecting` flag.
fn run_phases(vm: &Vm, generation: usize, _running: &Collecting) -> (usize, usize) {
    let generation = generation.min(NUM_GENERATIONS - 1);
    heap::trace_collection(generation);
    let started = std::time::Instant::now();
    let unreachable = GcList::new();
    let verify = heap::with_gc(|g| g.verify);
    if verify {
        super::verify::verify_heap("before collection", generation);
    }

    // The method cache holds strong references the collector cannot see (a class and the
    // functions of its dict form a cycle): empty it, so it keeps no garbage alive.
    drop(vm.method_cache.clear());

    // Phases 1-4: no Python code runs, no reference count changes.
    let old = (generation + 1).min(NUM_GENERATIONS - 1);
    heap::with_gc(|g| {
        g.in_phases = true;
        if generation + 1 < NUM_GENERATIONS {
            g.count[generation + 1] += 1;
        }
        for c in g.count.iter_mut().take(generation + 1) {
            *c = 0;
        }
        for young in 0..generation {
            let (a, b) = g.gens.split_at(generation);
            b[0].append_all(&a[young]);
        }
        let untrack = if generation == NUM_GENERATIONS - 1 {
            Untrack::ImmutableAndMutable
        } else {
            Untrack::Immutable
        };
        // SAFETY: the members of a generation are live containers, `unreachable` is empty,
        // and phases 1-4 run no Python code and create or drop no reference.
        let survivors = unsafe { deduce_unreachable(&g.gens[generation], &unreachable, untrack) };
        // Phase 4: the survivors move one generation up.
        if old != generation {
            let (a, b) = g.gens.split_at(old);
            b[0].append_all(&a[generation]);
        }
        if generation == NUM_GENERATIONS - 2 {
            g.long_lived_pending += survivors;
        } else if generation == NUM_GENERATIONS - 1 {
            g.long_lived_pending = 0;
            g.long_lived_total = survivors;
        }
    });

    // From here Python code may run. As in CPython, the collector holds no reference to the
    // unreachable objects as a whole (that would take memory in proportion to the garbage):
    // they stay on its working lists, which a deallocation leaves by untracking, and it holds
    // a reference only to the object whose finalizer or clearing is running.
    let debug = heap::with_gc(|g| g.debug);

    // Phase 5: weak references (the count includes weak references freed by their callback).
    let mut collected = handle_weakrefs(vm, &unreachable);
    // Phase 6: finalizers, once per object.
    finalize_garbage(vm, &unreachable);
    // Phase 7: objects a finalizer made reachable again survive, with all they reach; the
    // rest is the garbage.
    let garbage = GcList::new();
    heap::with_gc(|g| {
        // SAFETY: `unreachable` holds live containers (a finalizer that freed one untracked
        // it, which took it off the list), `garbage` is empty, and nothing runs until this
        // returns.
        unsafe { deduce_unreachable(&unreachable, &garbage, Untrack::Nothing) };
        g.gens[old].append_all(&unreachable);
    });
    collected += garbage.len();
    if debug & DEBUG_SAVEALL != 0 {
        // Phase 8 with DEBUG_SAVEALL: keep them all in gc.garbage.
        let keep: Vec<ObjRef> = garbage
            .members()
            .into_iter()
            // SAFETY: members of `garbage` are alive (nothing runs between the walk and this).
            .map(|g| unsafe { ObjRef::from_gc_head(g) })
            .collect();
        if let Some(h) = hooks::get() {
            (h.gc_save_garbage)(vm, &keep);
        }
        heap::with_gc(|g| g.gens[old].append_all(&garbage));
    } else {
        // Phase 8: break the remaining cycles, first member first (CPython's
        // `delete_garbage`). The collector holds a reference to the member it clears, so the
        // clearing cannot free it; what the clearing releases may free other members, which
        // leave the list by being untracked (Python code a clearing runs starts no collection:
        // `collecting` is set). A member still first after its clearing moves to the old
        // generation, kept alive elsewhere or freed when the collector's reference is dropped.
        while let Some(first) = garbage.first() {
            // SAFETY: a member of `garbage`, alive; the clone is a reference of our own.
            let obj = unsafe { ObjRef::from_gc_head(first) };
            let released = obj.clear_refs();
            drop(released);
            if garbage.first() == Some(first) {
                heap::with_gc(|g| {
                    // SAFETY: `first` is a live member of `garbage` (we hold a reference); it
                    // moves to `old`.
                    unsafe {
                        super::list::unlink(first);
                        g.gens[old].push_back(first);
                    }
                });
            }
            drop(obj);
        }
    }
    // Finalizers and callbacks may have refilled the cache from the garbage's classes.
    drop(vm.method_cache.clear());

    let elapsed = started.elapsed();
    heap::with_gc(|g| {
        g.in_phases = false;
        g.stats[generation].collections += 1;
        g.stats[generation].collected += collected as u64;
        g.collections_total += 1;
        g.time_collecting += elapsed;
    });
    if verify {
        // The survivors went one generation up: check them there, except that the oldest
        // generation (the whole heap) is checked only after a full collection.
        let checked = if generation == NUM_GENERATIONS - 1 {
            generation
        } else {
            1
        };
        super::verify::verify_heap("after collection", checked);
    }
    (collected, 0)
}

/// A collection with the `gc.callbacks` and `DEBUG_STATS` reporting around it.
/// Does nothing (returns 0) when a collection is already running, as CPython's `gc.collect()`
/// does from a callback or finalizer.
pub fn collect_with_callbacks(vm: &Vm, generation: usize) -> usize {
    let Some(running) = Collecting::acquire() else {
        return 0;
    };
    let generation = generation.min(NUM_GENERATIONS - 1);
    let hooks = hooks::get();
    if let Some(h) = hooks {
        (h.gc_start)(vm, generation);
    }
    let started = std::time::Instant::now();
    let (collected, uncollectable) = run_phases(vm, generation, &running);
    if let Some(h) = hooks {
        (h.gc_stop)(vm, generation, collected, uncollectable, started.elapsed());
    }
    collected + uncollectable
}

/// Marks every object of every generation as belonging to the permanent generation.
pub fn freeze() {
    heap::with_gc(|g| {
        for i in 0..NUM_GENERATIONS {
            let (gens, perm) = (&g.gens, &g.permanent);
            perm.append_all(&gens[i]);
        }
    });
}

/// Moves the permanent generation back into the oldest one.
pub fn unfreeze() {
    heap::with_gc(|g| g.gens[NUM_GENERATIONS - 1].append_all(&g.permanent));
}
