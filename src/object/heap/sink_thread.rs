//! A thread that counts a batched tracer's events (see `observe`): the tracer's counting part
//! (its [`EventSink`]) moves to the thread, full batches go to it over a bounded channel and
//! empty ones come back, and the sink comes back when the thread is finished.
//!
//! The interpreter's thread then pays only for writing the events; the counting runs beside
//! it. Memory stays bounded: [`BUFFERS`] batches circulate, and an interpreter that produces
//! events faster than they are counted waits for an empty one.

use super::observe::{EventSink, TracedEvent};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Batches in circulation: the one the heap fills and those on their way.
const BUFFERS: usize = 4;

/// A running counting thread.
pub(super) struct SinkThread {
    /// Full batches (and how many events each holds) to the thread (`None` once finished).
    full: Option<SyncSender<(Box<[TracedEvent]>, usize)>>,
    /// Empty batches back from the thread.
    empty: Receiver<Box<[TracedEvent]>>,
    /// `None` once finished.
    thread: Option<JoinHandle<Box<dyn EventSink>>>,
    /// The process the thread runs in (a forked child has the handle, not the thread).
    pid: u32,
}

impl SinkThread {
    /// Starts a thread counting into `sink`; `batch_len`: the events a batch holds. On failure
    /// (no thread could be started) the sink is given back.
    pub(super) fn start(
        mut sink: Box<dyn EventSink>,
        batch_len: usize,
    ) -> Result<SinkThread, Box<dyn EventSink>> {
        let (full, full_rx) = mpsc::sync_channel::<(Box<[TracedEvent]>, usize)>(BUFFERS);
        let (empty_tx, empty) = mpsc::sync_channel(BUFFERS);
        for _ in 1..BUFFERS {
            // The heap holds one batch; the others wait here. The channel has room for all.
            if empty_tx.send(new_batch(batch_len)).is_err() {
                unreachable!("the receiving end is held here");
            }
        }
        // The sink is handed to the thread through a channel, so that it comes back if the
        // thread cannot be started.
        let (sink_tx, sink_rx) = mpsc::sync_channel::<Box<dyn EventSink>>(1);
        let spawned = spawn_quiet("arenapy-tracer", move || {
            let Ok(mut sink) = sink_rx.recv() else {
                unreachable!("a counting thread started without its sink")
            };
            for (events, len) in full_rx {
                sink.on_events(&events[..len]);
                // The interpreter may be done with batches (its last one came).
                let _ = empty_tx.send(events);
            }
            sink
        });
        let thread = match spawned {
            Ok(t) => t,
            Err(_) => return Err(sink),
        };
        if let Err(back) = sink_tx.send(sink) {
            sink = back.0;
            drop(full);
            let _ = thread.join();
            return Err(sink);
        }
        Ok(SinkThread {
            full: Some(full),
            empty,
            thread: Some(thread),
            pid: std::process::id(),
        })
    }

    /// Gives the thread a batch of `len` events; returns an empty batch for the heap to fill.
    pub(super) fn feed(&mut self, events: Box<[TracedEvent]>, len: usize) -> Box<[TracedEvent]> {
        self.check_process();
        let sent = self.full.as_ref().map(|f| f.send((events, len)));
        if !matches!(sent, Some(Ok(()))) {
            self.died();
        }
        match self.empty.recv() {
            Ok(back) => back,
            Err(_) => self.died(),
        }
    }

    /// Stops the thread once it has counted every batch; returns the sink.
    pub(super) fn finish(mut self) -> Box<dyn EventSink> {
        self.check_process();
        drop(self.full.take());
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(sink)) => sink,
            _ => panic!("heap: a tracer's counting thread panicked"),
        }
    }

    /// The thread exists in this process: the heap brings every sink back before a fork
    /// (`heap::before_fork`), so a child never holds a running thread's handle.
    fn check_process(&self) {
        assert_eq!(
            std::process::id(),
            self.pid,
            "heap: a tracer's counting thread belongs to the parent process (a fork without \
             heap::before_fork)"
        );
    }

    #[cold]
    fn died(&mut self) -> ! {
        panic!("heap: a tracer's counting thread stopped (it panicked)")
    }
}

impl Drop for SinkThread {
    /// A thread not finished (its tracer dropped with the heap) ends once it has counted what
    /// it was given, and drops the sink; it is waited for, so nothing outlives the heap.
    fn drop(&mut self) {
        drop(self.full.take());
        if let Some(t) = self.thread.take() {
            if std::process::id() == self.pid {
                let _ = t.join();
            } else {
                // A forked child has the handle of a thread it does not have.
                std::mem::forget(t);
            }
        }
    }
}

/// Starts a thread of the interpreter's own (a tracer's counting, the trace writer) with every
/// signal blocked, so that the signals a Python program handles reach the interpreter's thread
/// (where `signal` handlers run and blocking calls are interrupted), as if it had none.
pub fn spawn_quiet<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<JoinHandle<T>> {
    use nix::sys::signal::{pthread_sigmask, SigSet, SigmaskHow};
    // The new thread inherits the mask of the thread that starts it: block everything for the
    // start, then restore (signals arriving meanwhile wait, pending, for the restore).
    let mut old = SigSet::empty();
    let blocked = pthread_sigmask(
        SigmaskHow::SIG_SETMASK,
        Some(&SigSet::all()),
        Some(&mut old),
    );
    let spawned = std::thread::Builder::new().name(name.to_string()).spawn(f);
    if blocked.is_ok() {
        let _ = pthread_sigmask(SigmaskHow::SIG_SETMASK, Some(&old), None);
    }
    spawned
}

/// An empty batch of `len` events.
pub(super) fn new_batch(len: usize) -> Box<[TracedEvent]> {
    vec![TracedEvent::default(); len].into_boxed_slice()
}
