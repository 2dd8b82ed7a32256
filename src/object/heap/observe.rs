//! Who observes the heap, and how each allocation, free, resize and collection reaches them.
//!
//! Two kinds of observers: the trace recorder of `arenapy trace record` ([`HeapRecorder`],
//! installed for the heap's whole life), and the allocation tracers ([`AllocTracer`]:
//! tracemalloc, the Python-level heap profile, the samples of `arenapy compare`), installed
//! and removed while the program runs. The heap keeps a [`Route`], recomputed whenever the
//! observers change, that says how an event travels:
//!
//! * `Off`: nobody observes (the heap's `tracing` flag is false and events never get here);
//! * `Log`: only the recorder, which takes batches: an event is two words written into the
//!   heap's [`EventLog`], handed to the recorder when full;
//! * `Batch`: only one tracer, which takes batches: an event is a [`TracedEvent`] written
//!   into the heap's [`Batch`], the allocation's *site* (what the tracer derives from the
//!   Python stack: a profile point, a traceback) read from the tracer's memo of recent stack
//!   positions, or found by the tracer when the position is new. The batch is handed to the
//!   tracer when full, and before anyone looks at or changes the tracers ([`with_tracer`],
//!   [`remove_tracer`], [`add_tracer`], a collection), so a tracer is never seen behind;
//! * `Each`: anything else (several tracers, a tracer that reads the heap as events happen, a
//!   tracer with the recorder): each event is reported to the recorder and to each tracer as
//!   it happens, one by one.
//!
//! A batched event costs the running program a few stores (and, for an allocation, a lookup of
//! the stack position); the tracer's own bookkeeping then runs in a tight loop over the batch,
//! not behind a dynamic call per event. A batched tracer is in two parts: what needs the
//! interpreter (finding sites, answering queries) and what only counts events (its
//! [`EventSink`]). Once a run hands over [`THREAD_AFTER`] batches without anyone looking at
//! the tracer, the sink moves to a thread of its own (`sink_thread`) and counts the batches
//! beside the interpreter; it comes back before anyone looks at the tracer or the process
//! forks ([`before_fork`]).

use super::sink_thread::{new_batch, SinkThread};
use super::{heap_ptr, with_heap, EventLog, Heap, LoggedEvent};
use crate::tools::position_memo::{Position, PositionMemo};

/// An observer of the heap's allocations: `tracemalloc`, the Python-level heap profile and the
/// live-bytes sampler of `arenapy compare`.
///
/// A tracer is given each successful allocation and each free of the current heap, with the
/// block's address and requested size, in order; a `realloc` is the free of the old block
/// followed by the allocation of the new one (as [`AllocStats`](arenapy_allocators::AllocStats)
/// counts it). While a tracer runs, tracing is off, so it may read the heap's statistics and
/// the Python stack (`heap::with_vm`), and allocations it causes are not traced. Tracers must
/// not drop Python objects or run Python code.
pub trait AllocTracer: std::any::Any {
    /// Whether events may reach this tracer late, in batches: it reads nothing of the heap or
    /// the stack when given them (an allocation's site, if it wants one, is found when the
    /// block is allocated). Asked once, when the tracer is installed.
    fn takes_batches(&self) -> bool {
        false
    }

    /// Whether an allocation carries a site ([`TracedEvent::site`]), found with
    /// [`find_site`](Self::find_site). Asked once, when the tracer is installed.
    fn wants_sites(&self) -> bool {
        false
    }

    /// The site of an allocation made now, from the Python stack. The heap remembers it per
    /// stack position (`vm::frames::stack_position`): two allocations at the same position
    /// have the same site, so this runs once per position, not per allocation. What was
    /// remembered is forgotten after each [`with_tracer`] on this tracer (which may change what
    /// a site means: tracemalloc's frame count, its cleared tables).
    fn find_site(&mut self) -> u32 {
        0
    }

    /// Events, in the order they happened. A tracer that takes batches counts them with its
    /// sink (it has it back whenever this is called).
    fn on_events(&mut self, events: &[TracedEvent]);

    /// For a tracer that takes batches: its counting part, taken out to run on a thread while
    /// events are plentiful and nobody looks at the tracer (`None`: it stays here).
    fn take_sink(&mut self) -> Option<Box<dyn EventSink>> {
        None
    }

    /// Gives back the sink [`take_sink`](Self::take_sink) took, once it has counted every
    /// event handed to it.
    fn put_sink(&mut self, _sink: Box<dyn EventSink>) {
        unreachable!("heap: a sink given back to a tracer that gave none")
    }

    /// A collection of `generation` starts. A tracer that takes events one by one has been
    /// given every earlier event; a batched one may not have counted the latest batch yet. By
    /// default nothing happens.
    fn on_collect(&mut self, _generation: usize) {}

    /// `self` as `Any`, to find a tracer by type.
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;

    /// `self` as `Any`, to take a tracer out by type.
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any>;
}

/// The counting part of a batched tracer: it needs nothing but the events (not the heap, not
/// the interpreter), so it may run on a thread of its own.
pub trait EventSink: Send + 'static {
    /// Events, in the order they happened.
    fn on_events(&mut self, events: &[TracedEvent]);

    /// `self` as `Any`, for the tracer to take its sink back by type.
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any>;
}

/// One allocation or free, as a tracer is given it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TracedEvent {
    /// The block's address.
    pub addr: usize,
    /// Its requested size.
    pub size: usize,
    /// For an allocation, its site (when the tracer wants sites; else 0).
    pub site: u32,
    /// Whether this is an allocation (else a free).
    pub alloc: bool,
}

/// The observer of a heap's whole life: the trace recorder of `arenapy trace record`
/// (`tools::trace::record`). Installed before the heap's first allocation and taken out after
/// its teardown, it sees every event; unlike an [`AllocTracer`] it may take the allocations
/// and frees in batches through the heap's event log (`object::event_log`), which costs an
/// event a store instead of a call.
pub trait HeapRecorder: std::any::Any {
    /// Whether the heap logs every event for this recorder and hands the log over with
    /// [`hand_over`](Self::hand_over) (else it reports each event with the other methods).
    fn takes_batches(&self) -> bool;
    /// Takes a buffer holding `len` logged entries; returns an empty buffer of
    /// `event_log::LOG_LEN` entries for the log.
    fn hand_over(&mut self, entries: Box<[LoggedEvent]>, len: usize) -> Box<[LoggedEvent]>;
    /// A block of `size` requested bytes was allocated at `addr`.
    fn on_alloc(&mut self, addr: usize, size: usize);
    /// The block at `addr` was freed.
    fn on_free(&mut self, addr: usize);
    /// The block at `old_addr` was resized to `new_size` bytes, now at `new_addr`.
    fn on_realloc(&mut self, old_addr: usize, new_addr: usize, new_size: usize);
    /// A collection of `generation` starts.
    fn on_collect(&mut self, generation: usize);
    /// `self` as `Any`, to take the recorder out by type.
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any>;
}

/// How events travel from the heap to its observers (see the module's documentation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::object) enum Route {
    #[default]
    Off,
    Log,
    Batch,
    Each,
}

/// An installed tracer, with what the heap keeps for it.
pub(in crate::object) struct Installed {
    tracer: Box<dyn AllocTracer>,
    /// The sites of recent stack positions.
    memo: PositionMemo<u32>,
    /// Events waiting for the tracer, when it takes batches and is the only one.
    batch: Batch,
    /// The thread counting the batches, while the tracer's sink is out.
    thread: Option<SinkThread>,
    /// Batches handed over since the tracer was last looked at.
    handed: usize,
    batches: bool,
    sites: bool,
}

impl Installed {
    fn new(tracer: Box<dyn AllocTracer>) -> Installed {
        let batches = tracer.takes_batches();
        Installed {
            batches,
            sites: tracer.wants_sites(),
            tracer,
            memo: PositionMemo::default(),
            batch: match batches {
                true => Batch::new(),
                false => Batch::default(),
            },
            thread: None,
            handed: 0,
        }
    }

    /// Gives the tracer the events waiting for it, if any: to its counting thread when it has
    /// one (started after [`THREAD_AFTER`] batches), else to the tracer here.
    fn hand_over(&mut self) {
        let len = std::mem::take(&mut self.batch.len);
        if len == 0 {
            return;
        }
        self.handed += 1;
        if self.thread.is_none() && self.handed >= THREAD_AFTER {
            if let Some(sink) = self.tracer.take_sink() {
                match SinkThread::start(sink, BATCH_LEN) {
                    Ok(t) => self.thread = Some(t),
                    // No thread: the tracer counts here.
                    Err(sink) => self.tracer.put_sink(sink),
                }
            }
        }
        match &mut self.thread {
            Some(t) => {
                let full = std::mem::take(&mut self.batch.events);
                self.batch.events = t.feed(full, len);
            }
            None => self.tracer.on_events(&self.batch.events[..len]),
        }
    }

    /// Gives the tracer every event so far and its sink back: it may be looked at now.
    fn settle(&mut self) {
        self.hand_over();
        if let Some(t) = self.thread.take() {
            self.tracer.put_sink(t.finish());
        }
        self.handed = 0;
    }
}

impl Installed {
    /// The site of an allocation made at `position` (found by the tracer when the memo does
    /// not have it).
    fn site(&mut self, position: Option<Position>) -> u32 {
        if !self.sites {
            return 0;
        }
        if let Some(s) = position.and_then(|p| self.memo.get(p)) {
            return s;
        }
        let s = self.tracer.find_site();
        if let Some(p) = position {
            self.memo.set(p, s);
        }
        s
    }
}

/// Events in the order they happened, waiting for a batched tracer.
#[derive(Default)]
struct Batch {
    events: Box<[TracedEvent]>,
    len: usize,
}

/// Events a batch holds.
pub const BATCH_LEN: usize = 16384;

/// Batches a run hands over, without anyone looking at the tracer in between, before the
/// tracer's sink moves to a thread (a program that asks tracemalloc for its figures in a loop
/// does not start a thread each time).
pub const THREAD_AFTER: usize = 8;

impl Batch {
    fn new() -> Batch {
        Batch {
            events: new_batch(BATCH_LEN),
            len: 0,
        }
    }

    /// Adds an event; returns whether the batch is full now. The batch counts as full with
    /// one place left, so that a resize's two events always fit.
    #[inline(always)]
    fn push(&mut self, e: TracedEvent) -> bool {
        match self.events.get_mut(self.len) {
            Some(slot) => *slot = e,
            None => unreachable!("heap: a full batch of traced events was not handed over"),
        }
        self.len += 1;
        self.len + 1 >= self.events.len()
    }
}

/// What an event needs done once the heap is no longer borrowed.
enum Next {
    Done,
    HandOverLog,
    HandOverBatch,
    /// An allocation at a stack position whose site the batched tracer's memo does not have.
    FindSite,
    Each,
}

impl Heap {
    /// Recomputes how events travel, after the recorder or the tracers changed.
    pub(in crate::object) fn reroute(&mut self) {
        self.route = match (&self.recorder, self.tracers.as_slice()) {
            (None, []) => Route::Off,
            (Some(_), []) if self.log.is_on() => Route::Log,
            (None, [t]) if t.batches => Route::Batch,
            _ => Route::Each,
        };
        assert!(
            self.route == Route::Batch
                || self
                    .tracers
                    .iter()
                    .all(|t| t.batch.len == 0 && t.thread.is_none()),
            "heap: traced events left in a batch nobody takes"
        );
        self.tracing = self.route != Route::Off;
    }

    /// The current stack position, if an interpreter runs on this heap.
    #[inline(always)]
    fn position(&self) -> Option<Position> {
        // SAFETY: as in `with_vm`: a registered Vm stays where it is until it is unregistered,
        // and is only used through shared references.
        unsafe { self.vm.as_ref() }.map(crate::vm::frames::stack_position)
    }

    /// Routes one allocation or free as far as the heap alone can take it; `recorder`: whether
    /// the recorder is told of it too (a resize is told to it separately, as one event).
    #[inline(always)]
    fn route_event(&mut self, alloc: bool, addr: usize, size: usize, recorder: bool) -> Next {
        match self.route {
            Route::Log if recorder => match self.log.block(alloc, addr, size) {
                true => Next::HandOverLog,
                false => Next::Done,
            },
            Route::Batch => self.batch_event(alloc, addr, size),
            Route::Each => Next::Each,
            Route::Log | Route::Off => Next::Done,
        }
    }

    /// Adds an event to the batch, with its site when the memo has it.
    #[inline(always)]
    fn batch_event(&mut self, alloc: bool, addr: usize, size: usize) -> Next {
        let position = if alloc { self.position() } else { None };
        let Some(t) = self.tracers.first_mut() else {
            unreachable!("heap: events batched with no tracer installed")
        };
        let mut site = 0;
        if alloc && t.sites {
            match position.and_then(|p| t.memo.get(p)) {
                Some(s) => site = s,
                None => return Next::FindSite,
            }
        }
        let e = TracedEvent {
            addr,
            size,
            site,
            alloc,
        };
        match t.batch.push(e) {
            true => Next::HandOverBatch,
            false => Next::Done,
        }
    }
}

/// Reports one allocation or free to the recorder and the tracers.
#[inline(never)]
pub(super) fn trace_event(alloc: bool, addr: usize, size: usize) {
    let next = with_heap(|h| h.route_event(alloc, addr, size, true));
    finish_event(next, alloc, addr, size, true);
}

/// Does what [`Heap::route_event`] left to do (`recorder` as there).
#[inline(always)]
fn finish_event(next: Next, alloc: bool, addr: usize, size: usize, recorder: bool) {
    match next {
        Next::Done => {}
        Next::HandOverLog => hand_over_log(),
        Next::HandOverBatch => hand_over_batch(),
        Next::FindSite => batch_new_site(addr, size),
        Next::Each => report_event(alloc, addr, size, recorder),
    }
}

/// Reports a resize: to the recorder as a resize, to the tracers as the free of the old block
/// and the allocation of the new one.
pub(super) fn trace_realloc(from: usize, old: usize, to: usize, new: usize) {
    record(
        |l| l.realloc(from, to, new),
        |r| r.on_realloc(from, to, new),
    );
    for (alloc, addr, size) in [(false, from, old), (true, to, new)] {
        let next = with_heap(|h| h.route_event(alloc, addr, size, false));
        finish_event(next, alloc, addr, size, false);
    }
}

/// Tells the observers that a collection of `generation` starts.
pub fn trace_collection(generation: usize) {
    if !super::has_heap() || !with_heap(|h| h.tracing) {
        return;
    }
    record(|l| l.collect(generation), |r| r.on_collect(generation));
    dispatch(|tracers| {
        for t in tracers.iter_mut() {
            t.tracer.on_collect(generation);
        }
    });
}

/// Gives an event to the recorder: written into the heap's log with `log` when the heap logs
/// events (handing the log over when it is full), else reported to the recorder, if any, with
/// `direct`.
#[inline(always)]
fn record(log: impl FnOnce(&mut EventLog) -> bool, direct: impl FnOnce(&mut dyn HeapRecorder)) {
    match with_heap(|h| h.log.is_on().then(|| log(&mut h.log))) {
        Some(true) => hand_over_log(),
        Some(false) => {}
        None => with_recorder(direct),
    }
}

/// Hands the full log to the recorder (see `event_log`) and goes on with the empty buffer it
/// gives back.
#[cold]
#[inline(never)]
fn hand_over_log() {
    let Some((entries, len)) = with_heap(|h| h.log.take()) else {
        return;
    };
    let mut back = None;
    with_recorder(|r| back = Some(r.hand_over(entries, len)));
    match back {
        Some(entries) => with_heap(|h| h.log.put_back(entries)),
        None => unreachable!("the heap logged events with no recorder installed"),
    }
}

/// Runs `f` on the trace recorder, if one is installed, with tracing off: an event `f`
/// itself caused (it should cause none: the recorder writes to its own memory and file) is
/// not recorded, as allocations made by running tracers are not traced.
#[inline(always)]
fn with_recorder(f: impl FnOnce(&mut dyn HeapRecorder)) {
    let h = heap_ptr().as_ptr();
    // SAFETY: `h` is the installed heap (see `with_heap`). The recorder lives in its own box,
    // which stays where it is while `f` runs: only `Heap::set_recorder`/`take_recorder` move
    // it, and they need the heap by `&mut` before it is installed or after it is gone, which
    // no code run by `f` has. Code run by `f` may borrow the heap (`with_heap`, to reach the
    // interpreter state) for its other fields; those borrows do not cover the box.
    unsafe {
        if let Some(r) = (*h).recorder.as_deref_mut() {
            let r: *mut dyn HeapRecorder = r;
            let was = std::mem::replace(&mut (*h).tracing, false);
            f(&mut *r);
            (*h).tracing = was;
        }
    }
}

/// Hands the waiting events, if any, to the batched tracer.
#[cold]
#[inline(never)]
fn hand_over_batch() {
    if with_heap(|h| h.route == Route::Batch && !h.dispatching) {
        dispatch(|tracers| tracers.iter_mut().for_each(Installed::hand_over));
    }
}

/// Gives every tracer every event so far and brings counting threads' sinks back, before a
/// tracer is looked at or the tracers change.
fn settle_tracers() {
    if with_heap(|h| h.route == Route::Batch && !h.dispatching) {
        dispatch(|tracers| tracers.iter_mut().for_each(Installed::settle));
    }
}

/// Brings every tracer's sink back from its counting thread before the process forks: the
/// child has no such thread, and gets the tracers whole. (`os.fork()` and the other forks call
/// this first.)
pub fn before_fork() {
    if super::has_heap() {
        settle_tracers();
    }
}

/// Adds an allocation to the batch after asking the tracer for the site of its (new) stack
/// position.
#[cold]
#[inline(never)]
fn batch_new_site(addr: usize, size: usize) {
    let position = with_heap(|h| h.position());
    let e = |site| TracedEvent {
        addr,
        size,
        site,
        alloc: true,
    };
    let full = dispatch(|tracers| match tracers {
        [t] => {
            let site = t.site(position);
            t.batch.push(e(site))
        }
        _ => unreachable!("heap: events batched for {} tracers", tracers.len()),
    });
    match full {
        Some(true) => hand_over_batch(),
        Some(false) => {}
        None => unreachable!("heap: an allocation traced while the tracers run"),
    }
}

/// Reports one allocation or free to the recorder (when `recorder`) and to every installed
/// tracer, one by one.
#[cold]
#[inline(never)]
fn report_event(alloc: bool, addr: usize, size: usize, recorder: bool) {
    if recorder {
        record(
            |l| l.block(alloc, addr, size),
            |r| {
                if alloc {
                    r.on_alloc(addr, size);
                } else {
                    r.on_free(addr);
                }
            },
        );
    }
    let position = with_heap(|h| (!h.tracers.is_empty()).then(|| h.position()));
    let Some(position) = position else {
        return;
    };
    dispatch(|tracers| {
        for t in tracers.iter_mut() {
            let site = if alloc { t.site(position) } else { 0 };
            let e = TracedEvent {
                addr,
                size,
                site,
                alloc,
            };
            t.tracer.on_events(std::slice::from_ref(&e));
        }
    });
}

/// Runs `f` on the installed tracers where they are, with tracing off (allocations made
/// meanwhile are not traced) and the heap marked as dispatching; `None` (and `f` not run) if
/// the tracers are already running.
///
/// The list is not moved out of the heap and back for each event: while `f` runs, the
/// functions that change or search the list see `dispatching` and leave it alone
/// ([`add_tracer`] defers the new tracer until `f` returns, [`remove_tracer`] and
/// [`with_tracer`] find nothing, as for a tracer that is not installed).
#[inline(always)]
fn dispatch<R>(f: impl FnOnce(&mut [Installed]) -> R) -> Option<R> {
    let h = heap_ptr().as_ptr();
    // SAFETY: `h` is the installed heap (see `with_heap`). The slice covers the list's
    // elements, which live in the vector's own buffer, not in the heap; nothing frees or
    // moves that buffer while the slice lives: the only code that pushes to or removes from
    // the list checks `dispatching` first (`add_tracer`, `remove_tracer`). Code run by `f`
    // may borrow the heap (`with_heap`) for its other fields; those borrows do not cover the
    // buffer.
    let tracers = unsafe {
        if (*h).dispatching {
            return None;
        }
        (*h).tracing = false;
        (*h).dispatching = true;
        let list = &mut (*h).tracers;
        std::slice::from_raw_parts_mut(list.as_mut_ptr(), list.len())
    };
    let r = f(tracers);
    // SAFETY: as above; the slice is dead now, and the heap is still installed (a guard
    // outlives any allocation or free made on it).
    let h = unsafe { &mut *h };
    h.dispatching = false;
    if !h.deferred.is_empty() {
        // Tracers installed while these ran go after them.
        let mut added = std::mem::take(&mut h.deferred);
        h.tracers.append(&mut added);
    }
    h.reroute();
    Some(r)
}

/// Installs a tracer on the current heap; it sees every allocation and free from now on.
pub fn add_tracer(tracer: Box<dyn AllocTracer>) {
    settle_tracers();
    with_heap(|h| {
        let t = Installed::new(tracer);
        if h.dispatching {
            h.deferred.push(t);
        } else {
            h.tracers.push(t);
            h.reroute();
        }
    })
}

/// Removes the installed tracer of type `T`, if any, and returns it (once it was given every
/// event so far).
pub fn remove_tracer<T: AllocTracer>() -> Option<Box<T>> {
    settle_tracers();
    let found = with_heap(|h| {
        if h.dispatching {
            return None;
        }
        let i = h
            .tracers
            .iter_mut()
            .position(|t| t.tracer.as_any_mut().is::<T>())?;
        let t = h.tracers.remove(i);
        h.reroute();
        Some(t.tracer)
    });
    found.and_then(|t| t.into_any().downcast::<T>().ok())
}

/// Runs `f` on the installed tracer of type `T`, if any, once it was given every event so
/// far. While `f` runs no tracer sees allocations, so `f` may allocate (but must not drop
/// Python objects it did not create). The sites remembered for the tracer are forgotten
/// afterwards (`f` may have changed what they mean).
pub fn with_tracer<T: AllocTracer, R>(f: impl FnOnce(&mut T) -> R) -> Option<R> {
    if !super::has_heap() {
        return None;
    }
    settle_tracers();
    dispatch(|tracers| {
        let i = tracers
            .iter_mut()
            .position(|t| t.tracer.as_any_mut().is::<T>())?;
        let t = &mut tracers[i];
        let tracer = t.tracer.as_any_mut().downcast_mut::<T>()?;
        let r = f(tracer);
        t.memo.clear();
        Some(r)
    })
    .flatten()
}

/// Whether a tracer of type `T` is installed (without bringing its events up to date).
pub fn has_tracer<T: AllocTracer>() -> bool {
    super::has_heap()
        && dispatch(|tracers| tracers.iter_mut().any(|t| t.tracer.as_any_mut().is::<T>()))
            .unwrap_or(false)
}

#[cfg(test)]
mod tests;
