//! One collection, phase by phase (see the module docs of [`crate::gc`]).

use super::list::GcList;
use super::state::{DEBUG_SAVEALL, NUM_GENERATIONS};
use crate::object::header::{GC_FLAGS_KEPT, GC_FLAG_COLLECTING};
use crate::object::typeobj::AtomicUntrack;
use crate::object::weakref::{self, WeakRefPayload};
use crate::object::{heap, hooks, GcHead, ObjHeader, ObjRef, Visitor};
use crate::vm::Vm;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

/// Bits of `GcHead.prev` below the index while collecting.
const INDEX_SHIFT: u32 = 4;
const _: () = assert!((GC_FLAGS_KEPT | GC_FLAG_COLLECTING) >> INDEX_SHIFT == 0);

/// A non-owning handle to the object behind a tracked GcHead (no refcount change).
///
/// # Safety
/// `gc` is the GcHead of a live tracked container; the handle must not outlive it.
unsafe fn peek_object(gc: NonNull<GcHead>) -> ManuallyDrop<ObjRef> {
    // SAFETY: the object header follows its GcHead (layout::alloc_block); not owning a
    // reference, the handle is never dropped (ManuallyDrop).
    unsafe {
        ManuallyDrop::new(ObjRef::from_raw_owned(NonNull::new_unchecked(
            gc.as_ptr().add(1) as *mut ObjHeader,
        )))
    }
}

/// The GcHead of `r` if it is in the set being collected, with its index.
fn collecting_index(r: &ObjRef) -> Option<usize> {
    let gc = r.gc_head()?;
    // SAFETY: `r` is alive (the caller holds it), so its GcHead is readable.
    let prev = unsafe { gc.as_ref() }.prev.get();
    if prev & GC_FLAG_COLLECTING != 0 {
        Some(prev >> INDEX_SHIFT)
    } else {
        None
    }
}

/// Phase 1: `gc_refs = refcount`, and each object's GcHead.prev := index | COLLECTING.
///
/// # Safety
/// Every member of `set` is the GcHead of a live container, and no Python code runs and no
/// reference is created or dropped until phase 4 is over.
unsafe fn update_refs(set: &[NonNull<GcHead>]) -> Vec<isize> {
    let mut refs = Vec::with_capacity(set.len());
    for (i, gc) in set.iter().enumerate() {
        // SAFETY: members are live containers (precondition).
        let obj = unsafe { peek_object(*gc) };
        refs.push(obj.refcnt());
        // SAFETY: as above; the list links are rebuilt in phase 4, so overwriting `prev` is fine
        // (the flag bits describing the object are kept).
        let head = unsafe { gc.as_ref() };
        let keep = head.prev.get() & GC_FLAGS_KEPT;
        head.prev
            .set((i << INDEX_SHIFT) | GC_FLAG_COLLECTING | keep);
    }
    refs
}

/// Runs `f` on each reference `obj` holds (its traversal).
///
/// # Safety
/// `f` keeps the rules of `Visitor::new`: it runs no Python code, allocates and frees nothing,
/// and mutates no object (the collector's side tables are not objects).
pub(super) unsafe fn for_each_referent(obj: &ObjRef, mut f: impl FnMut(&ObjRef)) {
    // SAFETY: forwarded precondition.
    obj.traverse(&mut unsafe { Visitor::new(&mut f) });
}

/// Phase 2: subtract references from inside the set.
///
/// # Safety
/// Every member of `set` is the GcHead of a live container, and no Python code runs and no
/// reference is created or dropped until phase 4 is over.
unsafe fn subtract_refs(set: &[NonNull<GcHead>], refs: &mut [isize]) {
    for gc in set {
        // SAFETY: members are live.
        let obj = unsafe { peek_object(*gc) };
        // SAFETY: the callback reads GC heads and updates `refs`, a side table.
        unsafe {
            for_each_referent(&obj, |r| {
                if let Some(i) = collecting_index(r) {
                    refs[i] -= 1;
                }
            })
        };
    }
}

/// Phase 3: marks everything reachable from outside the set. Returns the marks.
///
/// # Safety
/// Every member of `set` is the GcHead of a live container, and no Python code runs and no
/// reference is created or dropped until phase 4 is over.
unsafe fn move_unreachable(set: &[NonNull<GcHead>], refs: &[isize]) -> Vec<bool> {
    let mut reachable: Vec<bool> = refs.iter().map(|r| *r > 0).collect();
    let mut work: Vec<usize> = (0..set.len()).filter(|i| reachable[*i]).collect();
    while let Some(i) = work.pop() {
        // SAFETY: members are live.
        let obj = unsafe { peek_object(set[i]) };
        // SAFETY: the callback reads GC heads and updates side tables (`reachable`, `work`).
        unsafe {
            for_each_referent(&obj, |r| {
                if let Some(j) = collecting_index(r) {
                    if !reachable[j] {
                        reachable[j] = true;
                        work.push(j);
                    }
                }
            })
        };
    }
    reachable
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

/// Untracks the objects holding only atomic values whose type allows it (`untrack_atomic`
/// slot): immutable ones (tuples) in every collection, mutable ones (dicts) in full ones.
///
/// # Safety
/// Every member of `set` is the GcHead of a live container, and no Python code runs and no
/// reference is created or dropped until phase 4 is over.
unsafe fn untrack_atomic(set: &[NonNull<GcHead>], reachable: &[bool], full: bool) -> Vec<bool> {
    let mut untracked = vec![false; set.len()];
    for (i, gc) in set.iter().enumerate() {
        if !reachable[i] {
            continue;
        }
        // SAFETY: members are live.
        let obj = unsafe { peek_object(*gc) };
        let applies = match obj.ob_type().slots.untrack_atomic {
            Some(AtomicUntrack::Immutable) => true,
            Some(AtomicUntrack::Mutable) => full,
            None => false,
        };
        if !applies {
            continue;
        }
        if !holds_trackable(&obj) {
            untracked[i] = true;
        }
    }
    untracked
}

/// Phase 4: relinks survivors into `old` and the unreachable objects into `unreachable`,
/// clearing the COLLECTING marks; objects untracked in phase 3 are left unlinked.
///
/// # Safety
/// Every member of `set` is the GcHead of a live container, unlinked from every list (its
/// list was reset).
unsafe fn relink(
    set: &[NonNull<GcHead>],
    reachable: &[bool],
    untracked: &[bool],
    old: &GcList,
    unreachable: &GcList,
) -> usize {
    let mut survivors = 0;
    for (i, gc) in set.iter().enumerate() {
        // SAFETY: members are live; they are off every list now (the source list was reset).
        let head = unsafe { gc.as_ref() };
        let keep = head.prev.get() & GC_FLAGS_KEPT;
        head.prev.set(keep);
        head.next.set(std::ptr::null_mut());
        if untracked[i] {
            continue;
        }
        // SAFETY: `gc` is live and unlinked.
        unsafe {
            if reachable[i] {
                old.push_back(*gc);
                survivors += 1;
            } else {
                unreachable.push_back(*gc);
            }
        }
    }
    survivors
}

/// Recomputes reachability inside `list` (phase 7): objects referenced from outside it (beyond
/// the one strong reference the collector holds to each) are resurrected. Returns the
/// resurrected members.
///
/// # Safety
/// The collector holds a strong reference to every member of `list`, and no Python code runs
/// until this returns.
unsafe fn find_resurrected(list: &GcList) -> Vec<NonNull<GcHead>> {
    let set = list.members();
    // SAFETY: the members are alive (the collector's references) and nothing runs meanwhile
    // (precondition); the list's links are rebuilt below.
    let reachable = unsafe {
        let mut refs = update_refs(&set);
        for r in refs.iter_mut() {
            *r -= 1; // the collector's own strong reference
        }
        subtract_refs(&set, &mut refs);
        move_unreachable(&set, &refs)
    };
    let mut out = Vec::new();
    for (i, gc) in set.iter().enumerate() {
        // SAFETY: members are live; restore the list links' prev pointers below.
        let head = unsafe { gc.as_ref() };
        let keep = head.prev.get() & GC_FLAGS_KEPT;
        head.prev.set(keep);
        if reachable[i] {
            out.push(*gc);
        }
    }
    // The marks overwrote the prev links: rebuild the list in its original order.
    // SAFETY: every member is relinked just below.
    unsafe { list.reset() };
    for gc in &set {
        // SAFETY: each member is live; we relink all of them.
        unsafe {
            gc.as_ref().next.set(std::ptr::null_mut());
            list.push_back(*gc);
        }
    }
    out
}

/// Phase 5: clears every weak reference to the unreachable objects, then calls the callbacks
/// of those weak references that are not garbage themselves. Returns how many of those weak
/// references were freed once their callback ran (CPython counts them as collected).
fn handle_weakrefs(vm: &Vm, garbage: &[ObjRef]) -> usize {
    let addrs: std::collections::HashSet<usize> = garbage.iter().map(|o| o.addr()).collect();
    let mut to_call = Vec::new();
    for obj in garbage {
        if !obj.has_weakrefs() {
            continue;
        }
        // SAFETY: `obj` is alive (the collector holds a strong reference to it).
        for wr in unsafe { weakref::clear_weakrefs(obj.header_ptr()) } {
            if addrs.contains(&wr.addr()) {
                // A weak reference that is garbage itself: its callback never runs.
                if let Some(p) = wr.downcast::<WeakRefPayload>() {
                    drop(p.callback.replace(None));
                }
                continue;
            }
            if wr
                .downcast::<WeakRefPayload>()
                .is_some_and(|p| p.callback.get().is_some())
            {
                to_call.push(wr);
            }
        }
    }
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

/// Phase 6 for one unreachable object: its type's finalizer, unless it already ran (PEP 442).
fn finalize_garbage(vm: &Vm, obj: &ObjRef) {
    if obj.is_finalized() {
        return;
    }
    if let Some(finalize) = obj.ob_type().slots.finalize {
        finalize(vm, obj);
    }
}

/// Whether `gc`, a member of the working list when phase 8 started, is still tracked there.
///
/// During phase 8 the collector holds a strong reference to every garbage object, so none is
/// freed; Python code run by a deallocation there (a `__del__` of an object the garbage held
/// last) cannot start a nested collection (`collecting` is set), and `gc.freeze()` moves only
/// the generations. So a member leaves the working list only by being untracked, and "still
/// tracked" is "still a member" — an O(1) test. (A walk of the list per object made clearing a
/// 100,000-object cycle quadratic: 70 s.)
///
/// # Safety
/// `gc` is the GcHead of a container the caller holds a strong reference to.
unsafe fn is_member(gc: NonNull<GcHead>) -> bool {
    // SAFETY: the container is alive (precondition), so its GcHead is readable.
    unsafe { gc.as_ref() }.is_tracked()
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
        let set = g.gens[generation].members();
        // SAFETY: the members of a generation are live containers, and phases 1-4 run no
        // Python code and create or drop no reference (traversals keep the `Traverse`
        // contract, and the callbacks here only update side tables).
        let (reachable, untracked) = unsafe {
            let mut refs = update_refs(&set);
            subtract_refs(&set, &mut refs);
            let reachable = move_unreachable(&set, &refs);
            let untracked = untrack_atomic(&set, &reachable, generation == NUM_GENERATIONS - 1);
            (reachable, untracked)
        };
        // SAFETY: every member is relinked (or left untracked) by `relink` just below.
        unsafe { g.gens[generation].reset() };
        let old_index = (generation + 1).min(NUM_GENERATIONS - 1);
        // SAFETY: the members are alive and, their list just reset, linked nowhere.
        let survivors = unsafe {
            relink(
                &set,
                &reachable,
                &untracked,
                &g.gens[old_index],
                &unreachable,
            )
        };
        if generation == NUM_GENERATIONS - 2 {
            g.long_lived_pending += survivors;
        } else if generation == NUM_GENERATIONS - 1 {
            g.long_lived_pending = 0;
            g.long_lived_total = survivors;
        }
    });

    let garbage: Vec<NonNull<GcHead>> = unreachable.members();
    // From here Python code may run: hold a strong reference to every unreachable object.
    let strong: Vec<ObjRef> = garbage
        .iter()
        // SAFETY: members of `unreachable` are live containers (phases 1-4 freed nothing).
        .map(|g| unsafe { ObjRef::from_gc_head(*g) })
        .collect();
    let debug = heap::with_gc(|g| g.debug);
    let old = (generation + 1).min(NUM_GENERATIONS - 1);

    // Phase 5: weak references (the count includes weak references freed by their callback).
    let mut collected = handle_weakrefs(vm, &strong);
    // Phase 6: finalizers, once per object.
    for obj in &strong {
        finalize_garbage(vm, obj);
    }
    // Phase 7: objects a finalizer made reachable again survive.
    // SAFETY: the collector holds a strong reference to every member of `unreachable`, and
    // finding the resurrected runs no code.
    let resurrected = heap::with_gc(|_| unsafe { find_resurrected(&unreachable) });
    heap::with_gc(|g| {
        for gc in &resurrected {
            // SAFETY: members of `unreachable` are live; move them to the old generation.
            unsafe {
                super::list::unlink(*gc);
                g.gens[old].push_back(*gc);
            }
        }
    });
    let final_unreachable = unreachable.members();
    collected += final_unreachable.len();
    if debug & DEBUG_SAVEALL != 0 {
        // Phase 8 with DEBUG_SAVEALL: keep them all in gc.garbage.
        let keep: Vec<ObjRef> = final_unreachable
            .iter()
            // SAFETY: members of `unreachable` are alive: we hold a strong reference to each.
            .map(|g| unsafe { ObjRef::from_gc_head(*g) })
            .collect();
        if let Some(h) = hooks::get() {
            (h.gc_save_garbage)(vm, &keep);
        }
        heap::with_gc(|g| g.gens[old].append_all(&unreachable));
    } else {
        // Phase 8: break the remaining cycles.
        for gc in final_unreachable {
            // SAFETY: the collector holds a strong reference to every garbage object.
            if !unsafe { is_member(gc) } {
                continue; // freed or moved by an earlier clear
            }
            // SAFETY: still a member of `unreachable`, so alive (we hold a strong reference).
            let obj = unsafe { peek_object(gc) };
            let released = obj.clear_refs();
            drop(released);
        }
        // Anything still listed survived its clearing (kept alive elsewhere): it may die later.
        heap::with_gc(|g| g.gens[old].append_all(&unreachable));
    }
    // Finalizers and callbacks may have refilled the cache from the garbage's classes.
    drop(vm.method_cache.clear());
    drop(strong);

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
