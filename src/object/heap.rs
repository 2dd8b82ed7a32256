//! The heap: the selected allocator, the collector's generations of tracked containers, and
//! the deferred-dealloc queue ("trashcan"). One heap per interpreter, reachable from the thread while it runs.
//!
//! Every Python object and every piece of variable-size storage (list items, dict tables, str
//! data) is allocated here, through [`Heap::alloc_raw`] or the [`HeapAlloc`] handle that
//! `allocator-api2` collections use. Deallocation happens when a refcount reaches zero, from
//! wherever the last handle is dropped, so the heap in force is found through a thread-local
//! pointer rather than a parameter. An interpreter installs its heap with [`HeapGuard`] and only
//! one heap may be installed on a thread at a time.

use super::event_log::{EventLog, LoggedEvent};
use super::header::{GcHead, ObjHeader};
use arenapy_allocators::{AllocError, AllocStats, Allocator, AllocatorOptions, StrategyKind};
pub use observe::{
    add_tracer, before_fork, has_tracer, remove_tracer, trace_collection, with_tracer, AllocTracer,
    EventSink, HeapRecorder, TracedEvent,
};
use observe::{trace_event, Installed, Route};
use std::cell::Cell;
use std::ptr::{self, NonNull};

mod observe;
mod sink_thread;
pub use sink_thread::spawn_quiet;

/// How deep deallocations may nest before further ones are queued (CPython's trashcan uses 50).
pub const TRASHCAN_DEPTH: usize = 50;

/// The interpreter's heap.
pub struct Heap {
    alloc: Allocator,
    /// The cycle collector's generations and settings.
    pub(crate) gc: crate::gc::GcState,
    /// The interpreter state running on this heap (set once it exists), for finalizers and the
    /// collector, which run Python code from deep inside deallocation and allocation.
    vm: *const crate::vm::Vm,
    /// Current nesting of deallocations.
    dealloc_depth: usize,
    /// Deallocations deferred because they nested too deep; run by the outermost one.
    pending: Vec<NonNull<ObjHeader>>,
    /// Container allocations since the heap was created.
    container_allocs: u64,
    /// Weak references by referent address (see `object::weakref`).
    weakrefs: std::collections::HashMap<usize, Vec<*const super::weakref::WeakRefPayload>>,
    /// Whether the recorder or any [`AllocTracer`] is installed and not running: the one
    /// branch allocation pays when tracing is off.
    tracing: bool,
    /// How events reach the recorder and the tracers (see `observe`).
    route: Route,
    /// The trace recorder of `arenapy trace record`, if it runs: the one tracer the heap knows
    /// by type. It sees every event of the run, so it is called directly (inlined, without the
    /// list's dynamic dispatch), before the tracers of the list.
    recorder: Option<Box<dyn HeapRecorder>>,
    /// Allocations and frees waiting for the recorder, when it takes them in batches.
    log: EventLog,
    /// The installed tracers (tracemalloc, heap profiles, the samples of `arenapy compare`).
    tracers: Vec<Installed>,
    /// Whether the tracers are running (see [`dispatch`]): the list stays in place, so it may
    /// not change meanwhile.
    dispatching: bool,
    /// Tracers installed while the tracers ran; they join the list after them.
    deferred: Vec<Installed>,
}

thread_local! {
    static CURRENT: Cell<*mut Heap> = const { Cell::new(ptr::null_mut()) };
}

impl Heap {
    /// A heap over a fresh allocator of the given strategy.
    pub fn new(kind: StrategyKind, options: AllocatorOptions) -> Box<Heap> {
        Box::new(Heap {
            alloc: Allocator::new(kind, options),
            gc: crate::gc::GcState::new(),
            vm: ptr::null(),
            dealloc_depth: 0,
            pending: Vec::new(),
            container_allocs: 0,
            weakrefs: std::collections::HashMap::new(),
            tracing: false,
            route: Route::Off,
            recorder: None,
            log: EventLog::default(),
            tracers: Vec::new(),
            dispatching: false,
            deferred: Vec::new(),
        })
    }

    /// The allocator's statistics.
    pub fn stats(&self) -> AllocStats {
        self.alloc.stats()
    }

    /// The allocator's report (`sys._debugmallocstats()` for pymalloc).
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = self.alloc.report(&mut s);
        s
    }

    /// The selected strategy.
    pub fn kind(&self) -> StrategyKind {
        self.alloc.kind()
    }

    /// Whether the debug wrapper is on.
    pub fn is_debug(&self) -> bool {
        self.alloc.is_debug()
    }

    /// Number of containers currently tracked (all generations; a walk).
    pub fn tracked_count(&self) -> usize {
        self.gc.gens.iter().map(|g| g.len()).sum::<usize>() + self.gc.permanent.len()
    }

    /// The collector's state.
    pub fn gc(&self) -> &crate::gc::GcState {
        &self.gc
    }

    /// The collector's state, for configuration before the program runs.
    pub fn gc_mut(&mut self) -> &mut crate::gc::GcState {
        &mut self.gc
    }

    /// Container allocations since the heap was created.
    pub fn container_allocs(&self) -> u64 {
        self.container_allocs
    }

    /// Installs the trace recorder on this heap (before it is the thread's current heap, so
    /// it sees every allocation of the interpreter, its start-up included).
    pub fn set_recorder(&mut self, recorder: Box<dyn HeapRecorder>) {
        if recorder.takes_batches() {
            self.log = EventLog::new();
        }
        self.recorder = Some(recorder);
        self.reroute();
    }

    /// Takes the trace recorder out of this heap (after the interpreter is torn down: it saw
    /// every free).
    pub fn take_recorder(&mut self) -> Option<Box<dyn HeapRecorder>> {
        let mut r = self.recorder.take();
        if let (Some(r), Some((entries, len))) = (r.as_deref_mut(), self.log.take()) {
            drop(r.hand_over(entries, len));
        }
        self.reroute();
        r
    }
}

/// Installs a heap as the thread's current heap for as long as the guard lives.
pub struct HeapGuard {
    heap: *mut Heap,
}

impl HeapGuard {
    /// Installs `heap`. Returns `None` if another heap is already installed on this thread.
    pub fn install(heap: &mut Heap) -> Option<HeapGuard> {
        let p = heap as *mut Heap;
        CURRENT.with(|c| {
            if !c.get().is_null() {
                return None;
            }
            c.set(p);
            Some(HeapGuard { heap: p })
        })
    }
}

impl Drop for HeapGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| {
            debug_assert_eq!(c.get(), self.heap, "heap guards dropped out of order");
            c.set(ptr::null_mut());
        });
    }
}

/// The installed heap: one plain thread-local read (`CURRENT` is `const`-initialised and has no
/// destructor, so this is a TLS load, with no lazy-initialisation check or closure call).
#[inline(always)]
fn heap_ptr() -> NonNull<Heap> {
    match NonNull::new(CURRENT.get()) {
        Some(p) => p,
        None => no_heap(),
    }
}

/// Runs `f` on the current heap.
///
/// `f` must not drop objects or call into Python (that could reach the heap again); the
/// functions in this module only allocate, free and relink inside it.
#[inline(always)]
fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    // SAFETY: a non-null CURRENT points at the heap a live HeapGuard installed, which
    // outlives the guard; the interpreter is single-threaded and the callers in this module
    // never re-enter `with_heap` from inside `f`, so this is the only live `&mut Heap`.
    f(unsafe { &mut *heap_ptr().as_ptr() })
}

/// The current heap as the object paths use it: read from the thread once per object
/// allocation or deallocation and then used for each step (the block, the collector's
/// generation and count, the trashcan), rather than looked up again for each.
///
/// A `CurrentHeap` is only a pointer: each method borrows the heap for its own duration and
/// calls nothing that could reach the heap again, as [`with_heap`]'s closures do. The heap
/// outlives any object being allocated or deallocated on it (its guard lives as long as the
/// interpreter), so holding a `CurrentHeap` across Python code (a finalizer) is fine.
#[derive(Clone, Copy)]
pub(in crate::object) struct CurrentHeap(NonNull<Heap>);

impl CurrentHeap {
    /// The heap installed on this thread (a fatal error if none is).
    #[inline(always)]
    pub fn get() -> CurrentHeap {
        CurrentHeap(heap_ptr())
    }

    #[inline(always)]
    fn heap(&mut self) -> &mut Heap {
        // SAFETY: the pointer came from CURRENT, set by a live HeapGuard (see `with_heap`);
        // the borrow lasts for one method of this type, none of which re-enters the heap.
        unsafe { &mut *self.0.as_ptr() }
    }

    /// Allocates the block of a new object (16-byte aligned). Returns whether tracers are
    /// installed: the caller reports the block with [`trace_alloc`] once the object is built.
    #[inline(always)]
    pub fn alloc_block(mut self, size: usize) -> Result<(NonNull<u8>, bool), AllocError> {
        let h = self.heap();
        let p = h.alloc.alloc(size)?;
        Ok((p, h.tracing))
    }

    /// Links a new container into generation 0 and counts the allocation. Returns whether a
    /// collection may be due, in which case the caller runs `gc::maybe_collect` (which
    /// decides) once the object is complete; `false` exactly when `maybe_collect` would do
    /// nothing.
    ///
    /// # Safety
    /// `gc` must be the GcHead of a live, untracked container of this heap.
    #[inline(always)]
    pub unsafe fn track_new(mut self, gc: NonNull<GcHead>) -> bool {
        let h = self.heap();
        // SAFETY: forwarded precondition.
        unsafe { h.gc.gens[0].push_back(gc) };
        h.gc.count[0] += 1;
        h.container_allocs += 1;
        let g = &h.gc;
        // `gc::maybe_collect`'s early exits, in one expression.
        !g.collecting
            && (g.stress > 0 || (g.enabled && g.threshold[0] != 0 && g.count[0] > g.threshold[0]))
    }

    /// Frees the block of a dead object. `counted_container`: the object is a container whose
    /// allocation counts towards `count[0]`, which goes down now (CPython decrements it when it
    /// frees the memory of a collected type's object, after the contents were released).
    ///
    /// # Safety
    /// `block` was allocated by [`alloc_block`](Self::alloc_block) of this heap with this
    /// `size`, and is not freed since.
    #[inline(always)]
    pub unsafe fn free_block(mut self, block: NonNull<u8>, size: usize, counted_container: bool) {
        let h = self.heap();
        if counted_container && h.gc.count[0] > 0 {
            h.gc.count[0] -= 1;
        }
        // SAFETY: forwarded precondition.
        unsafe { h.alloc.free(block, size) };
        if h.tracing {
            trace_event(false, block.as_ptr() as usize, size);
        }
    }

    /// Enters a deallocation. Returns `false` when nesting is too deep and the object was
    /// queued (CPython's trashcan).
    ///
    /// # Safety
    /// `obj` is a dead object (refcount zero) of this heap, not yet deallocated: a queued one is
    /// deallocated later by the outermost deallocation.
    #[inline(always)]
    pub unsafe fn trashcan_begin(mut self, obj: NonNull<ObjHeader>) -> bool {
        let h = self.heap();
        if h.dealloc_depth >= TRASHCAN_DEPTH {
            h.pending.push(obj);
            false
        } else {
            h.dealloc_depth += 1;
            true
        }
    }

    /// Leaves a deallocation; the outermost one takes the next queued object, if any.
    #[inline(always)]
    pub fn trashcan_end(mut self) -> Option<NonNull<ObjHeader>> {
        let h = self.heap();
        h.dealloc_depth -= 1;
        if h.dealloc_depth == 0 {
            h.pending.pop()
        } else {
            None
        }
    }
}

/// Reports a new object's block to the installed tracers (after
/// [`CurrentHeap::alloc_block`] said some are installed).
#[inline(always)]
pub(in crate::object) fn trace_alloc(block: NonNull<u8>, size: usize) {
    trace_event(true, block.as_ptr() as usize, size)
}

#[cold]
#[inline(never)]
fn no_heap() -> ! {
    eprintln!("arenapy: fatal error: object memory touched with no interpreter heap installed");
    std::process::abort()
}

/// Whether a heap is installed on this thread.
pub fn has_heap() -> bool {
    !CURRENT.get().is_null()
}

/// Runs `f` with a shared view of the current heap's statistics and report functions.
pub fn with_current<R>(f: impl FnOnce(&Heap) -> R) -> R {
    with_heap(|h| f(h))
}

/// Allocates `size` bytes from the current heap (16-byte aligned).
#[inline]
pub fn alloc_raw(size: usize) -> Result<NonNull<u8>, AllocError> {
    let (r, tracing) = with_heap(|h| (h.alloc.alloc(size), h.tracing));
    if tracing {
        if let Ok(p) = r {
            trace_event(true, p.as_ptr() as usize, size);
        }
    }
    r
}

/// Whether `size` bytes could be allocated from the current heap now, without allocating:
/// refused when the heap's limit (`--max-heap`) would be passed or the size could never be a
/// block. Builders of large objects ask before touching memory (see `vm::storage`).
#[inline]
pub fn check_request(size: usize) -> Result<(), AllocError> {
    with_heap(|h| h.alloc.check_request(size))
}

/// Frees a block from the current heap.
///
/// # Safety
/// `ptr` must have been returned by [`alloc_raw`] or [`realloc_raw`] of the current heap with
/// this `size`, and not freed since.
#[inline]
pub unsafe fn free_raw(ptr: NonNull<u8>, size: usize) {
    let tracing = with_heap(|h| {
        // SAFETY: forwarded precondition of this function.
        unsafe { h.alloc.free(ptr, size) };
        h.tracing
    });
    if tracing {
        trace_event(false, ptr.as_ptr() as usize, size);
    }
}

/// Resizes a block of the current heap.
///
/// # Safety
/// As for [`free_raw`], with `old` the size `ptr` was allocated with.
pub unsafe fn realloc_raw(
    ptr: NonNull<u8>,
    old: usize,
    new: usize,
) -> Result<NonNull<u8>, AllocError> {
    // SAFETY: forwarded precondition of this function.
    let (r, tracing) = with_heap(|h| (unsafe { h.alloc.realloc(ptr, old, new) }, h.tracing));
    if tracing {
        if let Ok(p) = r {
            observe::trace_realloc(ptr.as_ptr() as usize, old, p.as_ptr() as usize, new);
        }
    }
    r
}

/// Links an existing, untracked container into generation 0 (without counting an allocation).
///
/// # Safety
/// As for [`track`].
pub(crate) unsafe fn retrack(gc: NonNull<GcHead>) {
    // SAFETY: forwarded precondition.
    with_heap(|h| unsafe { h.gc.gens[0].push_back(gc) })
}

/// Unlinks a container from its generation, if it is tracked.
///
/// # Safety
/// `gc` must be the GcHead of a live container of the current heap.
pub(crate) unsafe fn untrack(gc: NonNull<GcHead>) {
    // SAFETY: forwarded precondition; lists are only relinked by the collector and here.
    unsafe { crate::gc::list::unlink(gc) }
}

/// Takes back the allocation count of a container that stands for no CPython allocation (see
/// `ObjRef::uncount`).
pub(in crate::object) fn uncount_container_alloc() {
    with_heap(|h| h.gc.count[0] = h.gc.count[0].saturating_sub(1))
}

/// Counts a container allocation CPython makes late (see `ObjRef::recount`).
pub(in crate::object) fn count_container_alloc() {
    with_heap(|h| h.gc.count[0] += 1)
}

/// Runs `f` on the weak reference table. `f` must not run Python code or drop references.
pub(crate) fn with_weakrefs<R>(
    f: impl FnOnce(
        &mut std::collections::HashMap<usize, Vec<*const super::weakref::WeakRefPayload>>,
    ) -> R,
) -> R {
    with_heap(|h| f(&mut h.weakrefs))
}

/// Runs `f` on the collector's state. `f` must not run Python code or drop references.
pub(crate) fn with_gc<R>(f: impl FnOnce(&mut crate::gc::GcState) -> R) -> R {
    with_heap(|h| f(&mut h.gc))
}

/// Every tracked container's GcHead, in every generation (a snapshot).
pub(crate) fn tracked_snapshot() -> Vec<NonNull<GcHead>> {
    with_heap(|h| {
        let mut out: Vec<NonNull<GcHead>> = Vec::new();
        for g in h.gc.gens.iter() {
            out.extend(g.members());
        }
        out.extend(h.gc.permanent.members());
        out
    })
}

/// New strong references to every tracked container, in every generation (the permanent one
/// included), in list order.
pub fn tracked_objects() -> Vec<super::ObjRef> {
    tracked_snapshot()
        .into_iter()
        // SAFETY: the snapshot was just taken and nothing has run since (taking references runs
        // no code and frees nothing), so each GcHead is a member of a generation list.
        .map(|gc| unsafe { super::ObjRef::from_gc_head(gc) })
        .collect()
}

/// Registers the interpreter state that runs on the current heap (`None` to unregister).
///
/// The caller must unregister before the `Vm` moves or is dropped.
pub fn register_vm(vm: Option<&crate::vm::Vm>) {
    with_heap(|h| h.vm = vm.map_or(ptr::null(), |v| v as *const crate::vm::Vm));
}

/// Runs `f` with the interpreter state registered on the current heap, if any.
pub fn with_vm<R>(f: impl FnOnce(&crate::vm::Vm) -> R) -> Option<R> {
    let h = CURRENT.get();
    let p = if h.is_null() {
        ptr::null()
    } else {
        // SAFETY: a non-null CURRENT points at the installed heap (see `with_heap`); we only
        // read one field.
        unsafe { (*h).vm }
    };
    if p.is_null() {
        return None;
    }
    // SAFETY: `register_vm` stores a pointer to a Vm that stays at that address until it is
    // unregistered (the interpreter keeps it boxed and unregisters before dropping it), and
    // the Vm is only used through shared references.
    Some(f(unsafe { &*p }))
}

/// An `allocator-api2` allocator that forwards to the current heap, so that the storage of
/// lists, dicts and strings is counted and placed by the selected strategy.
#[derive(Clone, Copy, Default, Debug)]
pub struct HeapAlloc;

// SAFETY: blocks come from the current heap's strategy, which hands out 16-byte aligned,
// non-overlapping blocks of at least the requested size and keeps them valid until freed; we
// refuse alignments above 16. `HeapAlloc` is a zero-sized handle to "the current heap", and
// collections using it only live inside objects of that heap, so a block is always freed into
// the heap that allocated it.
unsafe impl allocator_api2::alloc::Allocator for HeapAlloc {
    fn allocate(
        &self,
        layout: std::alloc::Layout,
    ) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        if layout.align() > arenapy_allocators::ALIGNMENT {
            return Err(allocator_api2::alloc::AllocError);
        }
        if layout.size() == 0 {
            // Collections treat zero-sized blocks as unallocated and never free them.
            return Ok(NonNull::slice_from_raw_parts(dangling(layout), 0));
        }
        let p = alloc_raw(layout.size()).map_err(|_| allocator_api2::alloc::AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, layout.size()))
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: std::alloc::Layout) {
        if layout.size() == 0 {
            return;
        }
        // SAFETY: the caller passes a block this allocator returned with this layout.
        unsafe { free_raw(ptr, layout.size()) }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: std::alloc::Layout,
        new: std::alloc::Layout,
    ) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        // SAFETY: the caller passes a live block of this allocator allocated with `old`.
        unsafe { resize(ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: std::alloc::Layout,
        new: std::alloc::Layout,
    ) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        // SAFETY: the caller passes a live block of this allocator allocated with `old`.
        unsafe { resize(ptr, old, new) }
    }
}

fn dangling(layout: std::alloc::Layout) -> NonNull<u8> {
    // An address equal to the alignment is non-null, aligned, and never handed out by a heap.
    NonNull::new(layout.align() as *mut u8).unwrap_or(NonNull::dangling())
}

/// Resizes a block for `HeapAlloc`, treating zero-sized layouts as "no block".
///
/// # Safety
/// `ptr` was returned by `HeapAlloc` for layout `old` and is live.
unsafe fn resize(
    ptr: NonNull<u8>,
    old: std::alloc::Layout,
    new: std::alloc::Layout,
) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
    if new.align() > arenapy_allocators::ALIGNMENT {
        return Err(allocator_api2::alloc::AllocError);
    }
    let p = match (old.size(), new.size()) {
        (0, 0) => dangling(new),
        (0, n) => alloc_raw(n).map_err(|_| allocator_api2::alloc::AllocError)?,
        (o, 0) => {
            // SAFETY: `ptr` is a live block of `o` bytes (precondition).
            unsafe { free_raw(ptr, o) };
            dangling(new)
        }
        (o, n) => {
            // SAFETY: `ptr` is a live block of `o` bytes (precondition).
            unsafe { realloc_raw(ptr, o, n) }.map_err(|_| allocator_api2::alloc::AllocError)?
        }
    };
    Ok(NonNull::slice_from_raw_parts(p, new.size()))
}
