//! The routing of heap events to tracers, and batched tracers' counting threads.

use super::{AllocTracer, EventSink, TracedEvent, BATCH_LEN, THREAD_AFTER};
use crate::object::heap::{self, Heap, HeapGuard};
use arenapy_allocators::{AllocatorOptions, StrategyKind};
use std::thread::ThreadId;

/// Every event it is given, and the threads that counted them.
#[derive(Default)]
struct Seen {
    events: Vec<TracedEvent>,
    threads: Vec<ThreadId>,
}

impl EventSink for Seen {
    fn on_events(&mut self, events: &[TracedEvent]) {
        self.events.extend_from_slice(events);
        let me = std::thread::current().id();
        if self.threads.last() != Some(&me) {
            self.threads.push(me);
        }
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// A batched tracer whose sites count the site searches.
struct Batched {
    seen: Option<Box<Seen>>,
    searches: u32,
}

impl Batched {
    fn new() -> Batched {
        Batched {
            seen: Some(Box::default()),
            searches: 0,
        }
    }

    fn seen(&mut self) -> &mut Seen {
        self.seen.as_deref_mut().expect("the sink is back")
    }
}

impl AllocTracer for Batched {
    fn takes_batches(&self) -> bool {
        true
    }
    fn wants_sites(&self) -> bool {
        true
    }
    fn find_site(&mut self) -> u32 {
        self.searches += 1;
        self.searches
    }
    fn on_events(&mut self, events: &[TracedEvent]) {
        self.seen().on_events(events);
    }
    fn take_sink(&mut self) -> Option<Box<dyn EventSink>> {
        self.seen.take().map(|s| s as Box<dyn EventSink>)
    }
    fn put_sink(&mut self, sink: Box<dyn EventSink>) {
        self.seen = Some(sink.into_any().downcast().expect("its own sink"));
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// A tracer that takes each event as it happens.
#[derive(Default)]
struct OneByOne {
    seen: Seen,
}

impl AllocTracer for OneByOne {
    fn on_events(&mut self, events: &[TracedEvent]) {
        assert_eq!(events.len(), 1, "one by one");
        self.seen.on_events(events);
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// Allocates and frees `n` rounds of blocks of mixed sizes with a resize among them; the
/// events a tracer should see, without sites.
fn churn(n: usize) -> Vec<TracedEvent> {
    let mut want = Vec::new();
    let ev = |alloc, addr: std::ptr::NonNull<u8>, size| TracedEvent {
        addr: addr.as_ptr() as usize,
        size,
        site: 0,
        alloc,
    };
    for i in 0..n {
        let (a, b) = (16 + i % 200, 600 + i % 50);
        let p = heap::alloc_raw(a).expect("room");
        let q = heap::alloc_raw(b).expect("room");
        want.extend([ev(true, p, a), ev(true, q, b)]);
        // SAFETY: `p` and `q` were just allocated with these sizes and are freed once.
        let r = unsafe { heap::realloc_raw(p, a, a + 100) }.expect("room");
        want.extend([ev(false, p, a), ev(true, r, a + 100)]);
        // SAFETY: as above.
        unsafe {
            heap::free_raw(q, b);
            heap::free_raw(r, a + 100);
        }
        want.extend([ev(false, q, b), ev(false, r, a + 100)]);
    }
    want
}

fn without_sites(events: &[TracedEvent]) -> Vec<TracedEvent> {
    events
        .iter()
        .map(|e| TracedEvent { site: 0, ..*e })
        .collect()
}

#[test]
fn a_batched_tracer_sees_every_event_in_order_counted_on_a_thread() {
    let mut h = Heap::new(StrategyKind::Pymalloc, AllocatorOptions::default());
    let guard = HeapGuard::install(&mut h).expect("no other heap");
    heap::add_tracer(Box::new(Batched::new()));
    // Enough batches for the counting thread to start, and a partial one at the end.
    let rounds = (THREAD_AFTER + 3) * BATCH_LEN / 6 + 7;
    let want = churn(rounds);
    let (seen, searches) =
        heap::with_tracer::<Batched, _>(|t| (std::mem::take(t.seen()), t.searches))
            .expect("installed");
    assert_eq!(without_sites(&seen.events), want);
    // With no interpreter there is no stack position to remember: a search per allocation,
    // and each allocation carries the site found for it.
    let sites: Vec<u32> = seen
        .events
        .iter()
        .filter(|e| e.alloc)
        .map(|e| e.site)
        .collect();
    assert_eq!(sites, (1..=searches).collect::<Vec<_>>());
    assert_eq!(seen.threads.len(), 2, "counted here, then on a thread");
    assert_eq!(seen.threads[0], std::thread::current().id());

    // Once looked at, the tracer counts here again until enough batches come.
    let want = churn(10);
    heap::before_fork();
    let seen = heap::with_tracer::<Batched, _>(|t| std::mem::take(t.seen()));
    assert_eq!(without_sites(&seen.expect("installed").events), want);
    assert!(heap::has_tracer::<Batched>());
    assert!(heap::remove_tracer::<Batched>().is_some());
    assert!(!heap::has_tracer::<Batched>());
    drop(guard);
    assert_eq!(h.stats().live_bytes, 0);
}

#[test]
fn tracers_side_by_side_see_the_same_events_one_by_one() {
    let mut h = Heap::new(StrategyKind::Pymalloc, AllocatorOptions::default());
    let guard = HeapGuard::install(&mut h).expect("no other heap");
    heap::add_tracer(Box::new(Batched::new()));
    let before = churn(3);
    heap::add_tracer(Box::<OneByOne>::default());
    let both = churn(2 * BATCH_LEN);
    let one = heap::remove_tracer::<OneByOne>().expect("installed");
    let after = churn(5);
    let seen = heap::with_tracer::<Batched, _>(|t| std::mem::take(t.seen())).expect("here");
    assert_eq!(without_sites(&one.seen.events), both);
    let all: Vec<_> = [before, both, after].concat();
    assert_eq!(without_sites(&seen.events), all);
    assert_eq!(seen.threads, vec![std::thread::current().id()]);
    drop(heap::remove_tracer::<Batched>());
    drop(guard);
}

#[test]
fn a_heap_dropped_while_a_thread_counts_waits_for_it() {
    let mut h = Heap::new(StrategyKind::Pymalloc, AllocatorOptions::default());
    let guard = HeapGuard::install(&mut h).expect("no other heap");
    heap::add_tracer(Box::new(Batched::new()));
    churn((THREAD_AFTER + 2) * BATCH_LEN / 6);
    drop(guard);
    drop(h);
}
