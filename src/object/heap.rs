//! The heap: the selected allocator, the list of tracked containers, and the deferred-dealloc
//! queue ("trashcan"). One heap per interpreter, reachable from the thread while it runs.
//!
//! Every Python object and every piece of variable-size storage (list items, dict tables, str
//! data) is allocated here, through [`Heap::alloc_raw`] or the [`HeapAlloc`] handle that
//! `allocator-api2` collections use. Deallocation happens when a refcount reaches zero, from
//! wherever the last handle is dropped, so the heap in force is found through a thread-local
//! pointer rather than a parameter. An interpreter installs its heap with [`HeapGuard`] and only
//! one heap may be installed on a thread at a time.

use super::header::{GcHead, ObjHeader};
use arenapy_allocators::{AllocError, AllocStats, Allocator, AllocatorOptions, StrategyKind};
use std::cell::Cell;
use std::ptr::{self, NonNull};

/// How deep deallocations may nest before further ones are queued (CPython's trashcan uses 50).
pub const TRASHCAN_DEPTH: usize = 50;

/// The interpreter's heap.
pub struct Heap {
    alloc: Allocator,
    /// Sentinel of the circular list of every tracked container (the collector's generations
    /// will split it; for now there is one list).
    tracked: Box<GcHead>,
    /// Number of tracked containers.
    tracked_count: usize,
    /// Current nesting of deallocations.
    dealloc_depth: usize,
    /// Deallocations deferred because they nested too deep; run by the outermost one.
    pending: Vec<NonNull<ObjHeader>>,
    /// Container allocations since the heap was created.
    container_allocs: u64,
}

thread_local! {
    static CURRENT: Cell<*mut Heap> = const { Cell::new(ptr::null_mut()) };
}

impl Heap {
    /// A heap over a fresh allocator of the given strategy.
    pub fn new(kind: StrategyKind, options: AllocatorOptions) -> Box<Heap> {
        let tracked = Box::new(GcHead::untracked());
        let sentinel = &*tracked as *const GcHead as *mut GcHead;
        tracked.next.set(sentinel);
        tracked.prev.set(sentinel as usize);
        Box::new(Heap {
            alloc: Allocator::new(kind, options),
            tracked,
            tracked_count: 0,
            dealloc_depth: 0,
            pending: Vec::new(),
            container_allocs: 0,
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

    /// Number of containers currently tracked.
    pub fn tracked_count(&self) -> usize {
        self.tracked_count
    }

    /// Container allocations since the heap was created.
    pub fn container_allocs(&self) -> u64 {
        self.container_allocs
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

/// Runs `f` on the current heap.
///
/// `f` must not drop objects or call into Python (that could reach the heap again); the
/// functions in this module only allocate, free and relink inside it.
#[inline]
fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    CURRENT.with(|c| {
        let p = c.get();
        if p.is_null() {
            no_heap();
        }
        // SAFETY: a non-null CURRENT points at the heap a live HeapGuard installed, which
        // outlives the guard; the interpreter is single-threaded and the callers in this module
        // never re-enter `with_heap` from inside `f`, so this is the only live `&mut Heap`.
        f(unsafe { &mut *p })
    })
}

#[cold]
#[inline(never)]
fn no_heap() -> ! {
    eprintln!("arenapy: fatal error: object memory touched with no interpreter heap installed");
    std::process::abort()
}

/// Whether a heap is installed on this thread.
pub fn has_heap() -> bool {
    CURRENT.with(|c| !c.get().is_null())
}

/// Runs `f` with a shared view of the current heap's statistics and report functions.
pub fn with_current<R>(f: impl FnOnce(&Heap) -> R) -> R {
    with_heap(|h| f(h))
}

/// Allocates `size` bytes from the current heap (16-byte aligned).
#[inline]
pub fn alloc_raw(size: usize) -> Result<NonNull<u8>, AllocError> {
    with_heap(|h| h.alloc.alloc(size))
}

/// Frees a block from the current heap.
///
/// # Safety
/// `ptr` must have been returned by [`alloc_raw`] or [`realloc_raw`] of the current heap with
/// this `size`, and not freed since.
#[inline]
pub unsafe fn free_raw(ptr: NonNull<u8>, size: usize) {
    // SAFETY: forwarded precondition of this function.
    with_heap(|h| unsafe { h.alloc.free(ptr, size) })
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
    with_heap(|h| unsafe { h.alloc.realloc(ptr, old, new) })
}

/// Links a container into the tracked list.
///
/// # Safety
/// `gc` must be the GcHead of a live, untracked container of the current heap.
pub(crate) unsafe fn track(gc: NonNull<GcHead>) {
    with_heap(|h| {
        let sentinel = &*h.tracked as *const GcHead as *mut GcHead;
        let node = gc.as_ptr();
        // SAFETY: `node` is a live GcHead (precondition); the sentinel and its `prev` are live
        // members of the circular list, which only this module relinks.
        unsafe {
            debug_assert!(
                !(*node).is_tracked(),
                "tracking an already tracked object {node:p}"
            );
            let last = (*sentinel).prev_ptr();
            (*node).next.set(sentinel);
            (*node).set_prev_ptr(last);
            (*last).next.set(node);
            (*sentinel).set_prev_ptr(node);
        }
        h.tracked_count += 1;
        h.container_allocs += 1;
    })
}

/// Unlinks a container from the tracked list, if it is tracked.
///
/// # Safety
/// `gc` must be the GcHead of a live container of the current heap.
pub(crate) unsafe fn untrack(gc: NonNull<GcHead>) {
    let node = gc.as_ptr();
    // SAFETY: `node` is live (precondition); when tracked, its neighbours are live list members.
    unsafe {
        if !(*node).is_tracked() {
            return;
        }
        let prev = (*node).prev_ptr();
        let next = (*node).next.get();
        (*prev).next.set(next);
        (*next).set_prev_ptr(prev);
        (*node).next.set(ptr::null_mut());
        (*node).prev.set((*node).prev.get() & 0b11);
    }
    with_heap(|h| h.tracked_count -= 1);
}

/// Every tracked container's GcHead, oldest first (a snapshot).
pub(crate) fn tracked_snapshot() -> Vec<NonNull<GcHead>> {
    with_heap(|h| {
        let sentinel = &*h.tracked as *const GcHead as *mut GcHead;
        let mut out = Vec::with_capacity(h.tracked_count);
        // SAFETY: the list is circular through live GcHeads; only this module relinks it and no
        // object is freed while we walk (we neither drop nor call out).
        unsafe {
            let mut p = (*sentinel).next.get();
            while p != sentinel {
                out.push(NonNull::new_unchecked(p));
                p = (*p).next.get();
            }
        }
        out
    })
}

/// Enters a deallocation. Returns `false` when nesting is too deep and the object was queued.
pub(crate) fn trashcan_begin(obj: NonNull<ObjHeader>) -> bool {
    with_heap(|h| {
        if h.dealloc_depth >= TRASHCAN_DEPTH {
            h.pending.push(obj);
            false
        } else {
            h.dealloc_depth += 1;
            true
        }
    })
}

/// Leaves a deallocation; the outermost one takes the next queued object, if any.
pub(crate) fn trashcan_end() -> Option<NonNull<ObjHeader>> {
    with_heap(|h| {
        h.dealloc_depth -= 1;
        if h.dealloc_depth == 0 {
            h.pending.pop()
        } else {
            None
        }
    })
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
