//! The heap's log of events for the trace recorder (`arenapy trace record`).
//!
//! The recorder sees every event of a run; handing it each one as it happens costs a call, a
//! look-up of the heap and the recorder, and the spills of a large function per event, which
//! is as much as the recorder's own work. So the heap writes an event as two words into a
//! fixed buffer and hands the buffer over when it is full (and at the end); the recorder reads
//! the events in their order, in batches, on a thread of its own (`tools::trace::record`).
//! Nothing in the log depends on the Python stack, so only a recording without sites uses
//! it: with `--frames` the site must be read while the block is being allocated.
//!
//! An entry is `[address | kind, word]`: blocks are 16-byte aligned, so an address leaves its
//! low four bits for the kind.

/// Entries gathered before the buffer is handed over (256 KiB of log: a hand-over costs two
/// channel operations, so few of them).
pub const LOG_LEN: usize = 1 << 14;

/// The low bits of an entry's first word that hold its kind.
const KIND_MASK: usize = 0xf;
const FREE: usize = 0;
const ALLOC: usize = 1;
/// The first half of a resize: the old address, and the new size.
const REALLOC_FROM: usize = 2;
/// The second half of a resize: the new address.
const REALLOC_TO: usize = 3;
/// A collection starts: no address, and the generation.
const COLLECT: usize = 4;

/// One logged entry.
pub type LoggedEvent = [usize; 2];

/// A logged entry, decoded: `addr` is a block's address, `size` a requested size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the fields are named in the variants' and the type's documentation
pub enum Logged {
    /// A block of `size` requested bytes was allocated at `addr`.
    Alloc { addr: usize, size: usize },
    /// The block at `addr` was freed.
    Free { addr: usize },
    /// The block at `addr` is being resized to `size` bytes; the next entry is its
    /// [`ReallocTo`](Logged::ReallocTo).
    ReallocFrom { addr: usize, size: usize },
    /// The resized block is now at `addr`.
    ReallocTo { addr: usize },
    /// A collection of `generation` starts.
    Collect { generation: usize },
}

impl Logged {
    /// Decodes an entry (a loud error for a kind the heap never writes).
    #[inline(always)]
    pub fn decode(e: LoggedEvent) -> Logged {
        let addr = e[0] & !KIND_MASK;
        match e[0] & KIND_MASK {
            ALLOC => Logged::Alloc { addr, size: e[1] },
            FREE => Logged::Free { addr },
            REALLOC_FROM => Logged::ReallocFrom { addr, size: e[1] },
            REALLOC_TO => Logged::ReallocTo { addr },
            COLLECT => Logged::Collect { generation: e[1] },
            k => unreachable!("heap event log: an entry of kind {k}"),
        }
    }
}

/// A fixed buffer of entries, or nothing when the heap does not log.
#[derive(Default)]
pub struct EventLog {
    entries: Option<Box<[LoggedEvent]>>,
    len: usize,
}

impl EventLog {
    /// A log with room for [`LOG_LEN`] entries.
    pub fn new() -> EventLog {
        EventLog {
            entries: Some(Self::buffer()),
            len: 0,
        }
    }

    /// An empty buffer of [`LOG_LEN`] entries.
    pub fn buffer() -> Box<[LoggedEvent]> {
        vec![[0; 2]; LOG_LEN].into_boxed_slice()
    }

    /// Whether events are logged (rather than reported one by one).
    #[inline(always)]
    pub fn is_on(&self) -> bool {
        self.entries.is_some()
    }

    /// Logs an entry; returns whether the log is full now (the caller hands it over). The log
    /// counts as full with one entry left, so that a resize's two entries always fit.
    #[inline(always)]
    fn push(&mut self, word: usize, kind: usize, value: usize) -> bool {
        debug_assert_eq!(word & KIND_MASK, 0, "unaligned block {word:#x}");
        let Some(entries) = self.entries.as_deref_mut() else {
            unreachable!("an event logged while the heap does not log")
        };
        match entries.get_mut(self.len) {
            Some(e) => *e = [word | kind, value],
            None => unreachable!("heap event log: a full log was not handed over"),
        }
        self.len += 1;
        self.len + 1 >= entries.len()
    }

    /// Logs an allocation or a free; returns whether the log is full now.
    #[inline(always)]
    pub fn block(&mut self, alloc: bool, addr: usize, size: usize) -> bool {
        self.push(addr, usize::from(alloc), size)
    }

    /// Logs the resize of the block at `old_addr` to `new_size` bytes, now at `new_addr` (two
    /// entries); returns whether the log is full now.
    pub fn realloc(&mut self, old_addr: usize, new_addr: usize, new_size: usize) -> bool {
        self.push(old_addr, REALLOC_FROM, new_size);
        self.push(new_addr, REALLOC_TO, 0)
    }

    /// Logs the start of a collection; returns whether the log is full now.
    pub fn collect(&mut self, generation: usize) -> bool {
        self.push(0, COLLECT, generation)
    }

    /// Takes the buffer out with its entries, leaving the log off until
    /// [`put_back`](Self::put_back); `None` when the log is off.
    pub fn take(&mut self) -> Option<(Box<[LoggedEvent]>, usize)> {
        let entries = self.entries.take()?;
        Some((entries, std::mem::take(&mut self.len)))
    }

    /// Gives the log a buffer of [`LOG_LEN`] entries to fill from the start.
    pub fn put_back(&mut self, entries: Box<[LoggedEvent]>) {
        debug_assert_eq!(entries.len(), LOG_LEN);
        self.entries = Some(entries);
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_the_log_says_when_full() {
        let mut log = EventLog::new();
        assert!(log.is_on());
        assert!(!log.block(true, 0x10, 24));
        assert!(!log.block(false, 0x20, 24));
        assert!(!log.realloc(0x30, 0x40, 100));
        assert!(!log.collect(2));
        // Full with one entry left: room for a resize's two.
        for i in 5..LOG_LEN - 2 {
            assert!(!log.block(true, i * 16, i));
        }
        assert!(log.block(false, 0x50, 7));
        let (entries, len) = log.take().expect("on");
        assert_eq!(len, LOG_LEN - 1);
        let first: Vec<Logged> = entries[..5].iter().map(|&e| Logged::decode(e)).collect();
        assert_eq!(
            first,
            vec![
                Logged::Alloc {
                    addr: 0x10,
                    size: 24
                },
                Logged::Free { addr: 0x20 },
                Logged::ReallocFrom {
                    addr: 0x30,
                    size: 100
                },
                Logged::ReallocTo { addr: 0x40 },
                Logged::Collect { generation: 2 },
            ]
        );
        assert_eq!(
            Logged::decode(entries[LOG_LEN - 2]),
            Logged::Free { addr: 0x50 }
        );
        assert!(!log.is_on());
        log.put_back(entries);
        assert!(log.is_on());
        assert!(!log.block(true, 0x60, 1));
        assert_eq!(log.take().map(|(_, n)| n), Some(1));
    }

    #[test]
    fn a_default_log_is_off() {
        let mut log = EventLog::default();
        assert!(!log.is_on());
        assert!(log.take().is_none());
    }
}
