//! Writing a trace: events in, varint records out, streamed to any `io::Write` through a small
//! buffer (memory stays bounded by the buffer and the table of live block sizes).
//!
//! The buffer is a fixed array with room past its flush mark for the longest record, so a
//! record is appended with one bounds check per varint and no capacity checks per byte.

use super::format::{kind, put_varint, zigzag, FLAG_SITES, KIND_BITS, MAGIC, VERSION};
use std::io::{self, Write};

/// Bytes gathered before they are written out.
const BUFFER: usize = 1 << 16;
/// The longest LEB128 varint (a `u64`).
const MAX_VARINT: usize = 10;
/// Room past [`BUFFER`]: the longest record but a site's text (the `END` record: 4 varints).
const SLACK: usize = 4 * MAX_VARINT;

/// Writes `v` as a LEB128 varint at the start of `dst`; returns the bytes written (as
/// `format::put_varint` would append them).
#[inline(always)]
fn encode_varint(dst: &mut [u8; MAX_VARINT], mut v: u64) -> usize {
    // Most fields take one or two bytes: those without the loop.
    if v < 1 << 7 {
        dst[0] = v as u8;
        return 1;
    }
    if v < 1 << 14 {
        dst[0] = (v as u8) | 0x80;
        dst[1] = (v >> 7) as u8;
        return 2;
    }
    for (i, b) in dst.iter_mut().enumerate().take(MAX_VARINT - 1) {
        if v < 0x80 {
            *b = v as u8;
            return i + 1;
        }
        *b = (v as u8) | 0x80;
        v >>= 7;
    }
    dst[MAX_VARINT - 1] = v as u8;
    MAX_VARINT
}

/// A slot of [`LiveIds`] that is free: the bit, and the next free id below it.
const FREE: u64 = 1 << 63;
/// The end of the free list.
const NO_ID: u32 = u32::MAX;

/// The writer's blocks: the requested size of each live id, and the ids free for reuse as a
/// list threaded through their slots, most recently freed first (the order of
/// `format::IdPool`, which the reader uses: the two must hand out the same ids).
struct LiveIds {
    /// A live id's size, or [`FREE`] with the next free id.
    slots: Vec<u64>,
    /// The most recently freed id, or [`NO_ID`].
    free: u32,
}

impl Default for LiveIds {
    fn default() -> Self {
        LiveIds {
            slots: Vec::new(),
            free: NO_ID,
        }
    }
}

impl LiveIds {
    /// A new block of `size` bytes: its id.
    #[inline(always)]
    fn take(&mut self, size: u64) -> u32 {
        debug_assert!(size < FREE, "a size with the free bit");
        let id = self.free;
        match self.slots.get_mut(id as usize) {
            Some(slot) => {
                self.free = (*slot & !FREE) as u32;
                *slot = size;
                id
            }
            None => {
                self.slots.push(size);
                (self.slots.len() - 1) as u32
            }
        }
    }

    /// The slot of live block `id` (a loud error if it is not live: a bug in the caller).
    #[inline(always)]
    fn live(&mut self, id: u32) -> &mut u64 {
        match self.slots.get_mut(id as usize) {
            Some(s) if *s & FREE == 0 => s,
            _ => not_live(id),
        }
    }

    /// Frees live block `id`; returns its size.
    #[inline(always)]
    fn release(&mut self, id: u32) -> u64 {
        let next = self.free;
        let slot = self.live(id);
        let size = *slot;
        *slot = FREE | u64::from(next);
        self.free = id;
        size
    }
}

/// Totals of a finished trace (also written in its `END` record).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Heap events (allocations, frees, reallocs; not collections or site texts).
    pub events: u64,
    /// The highest sum of live blocks' requested sizes.
    pub peak_live_bytes: u64,
    /// Live bytes when the trace ended.
    pub end_live_bytes: u64,
}

/// A block named by the caller is not live: a bug in the caller.
#[cold]
#[inline(never)]
fn not_live(id: u32) -> ! {
    panic!("trace writer: block {id} is not live")
}

/// Encodes heap events as a trace (see [`super::format`]).
///
/// The writer hands out the implicit block ids itself: [`alloc`](Self::alloc) returns the id
/// the reader will give the block, and the caller names the block by it afterwards. A write
/// error is kept and returned by [`finish`](Self::finish); events after it are dropped.
pub struct TraceWriter<W: Write> {
    out: W,
    /// `BUFFER + SLACK` bytes; `buf[..pos]` waits to be written. Between records `pos` is below
    /// `BUFFER`.
    buf: Box<[u8]>,
    pos: usize,
    ids: LiveIds,
    reference: u32,
    sites: bool,
    site: Option<u32>,
    site_count: u32,
    totals: Totals,
    live: u64,
    bytes_written: u64,
    error: Option<io::Error>,
}

impl<W: Write> TraceWriter<W> {
    /// Starts a trace on `out`: writes the header. `sites`: allocations carry sites.
    ///
    /// # Errors
    /// Writing the header failed.
    pub fn new(mut out: W, sites: bool) -> io::Result<TraceWriter<W>> {
        let mut header = MAGIC.to_vec();
        put_varint(&mut header, VERSION);
        put_varint(&mut header, if sites { FLAG_SITES } else { 0 });
        out.write_all(&header)?;
        Ok(TraceWriter {
            out,
            buf: vec![0; BUFFER + SLACK].into_boxed_slice(),
            pos: 0,
            ids: LiveIds::default(),
            reference: 0,
            sites,
            site: None,
            site_count: 0,
            totals: Totals::default(),
            live: 0,
            bytes_written: header.len() as u64,
            error: None,
        })
    }

    /// Appends a varint (a record's fields: there is room for [`SLACK`] bytes past `BUFFER`).
    #[inline(always)]
    fn put(&mut self, v: u64) {
        let at = self.pos;
        let dst: &mut [u8; MAX_VARINT] = match self.buf.get_mut(at..at + MAX_VARINT) {
            Some(d) => d.try_into().unwrap_or_else(|_| unreachable!()),
            None => panic!("trace writer: record past the buffer's slack at {at}"),
        };
        self.pos = at + encode_varint(dst, v);
    }

    #[inline(always)]
    fn head(&mut self, k: u64, payload: u64) {
        self.put((payload << KIND_BITS) | k);
    }

    #[inline(always)]
    fn spill(&mut self) {
        if self.pos >= BUFFER {
            self.flush_buffer();
        }
    }

    #[cold]
    #[inline(never)]
    fn flush_buffer(&mut self) {
        self.write_out(0..self.pos);
        self.pos = 0;
    }

    /// Writes `buf[range]` to the sink (unless an error was met) and counts it.
    fn write_out(&mut self, range: std::ops::Range<usize>) {
        let bytes = &self.buf[range];
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
        self.bytes_written += bytes.len() as u64;
    }

    /// Defines a site's text; returns its number (sites are numbered from 0 in order).
    pub fn site(&mut self, text: &str) -> u32 {
        self.head(kind::SITE, text.len() as u64);
        let bytes = text.as_bytes();
        if self.pos + bytes.len() > self.buf.len() {
            // Too long for the room left: out with what is buffered, then the text itself if
            // the buffer cannot hold it.
            self.flush_buffer();
            if bytes.len() > self.buf.len() {
                if self.error.is_none() {
                    if let Err(e) = self.out.write_all(bytes) {
                        self.error = Some(e);
                    }
                }
                self.bytes_written += bytes.len() as u64;
            }
        }
        if bytes.len() <= self.buf.len() {
            self.buf[self.pos..self.pos + bytes.len()].copy_from_slice(bytes);
            self.pos += bytes.len();
        }
        self.spill();
        let n = self.site_count;
        self.site_count += 1;
        n
    }

    /// An allocation of `size` requested bytes (at `site` in a sites trace); returns the
    /// block's id.
    #[inline(always)]
    pub fn alloc(&mut self, size: u64, site: Option<u32>) -> u32 {
        match site.filter(|_| self.sites) {
            Some(s) if self.site != Some(s) => {
                self.head(kind::ALLOC_AT, size);
                self.put(u64::from(s));
                self.site = Some(s);
            }
            _ => self.head(kind::ALLOC, size),
        }
        let id = self.ids.take(size);
        self.reference = id;
        self.grow(size);
        self.totals.events += 1;
        self.spill();
        id
    }

    #[inline]
    fn grow(&mut self, size: u64) {
        self.live += size;
        if self.live > self.totals.peak_live_bytes {
            self.totals.peak_live_bytes = self.live;
        }
    }

    /// The free of block `id`.
    ///
    /// # Panics
    /// If `id` is not live: the caller named a block it never got from [`alloc`](Self::alloc)
    /// or already freed, which is a bug in the caller.
    #[inline(always)]
    pub fn free(&mut self, id: u32) {
        let size = self.ids.release(id);
        let delta = i64::from(id) - i64::from(self.reference);
        self.head(kind::FREE, zigzag(delta));
        self.live -= size;
        self.totals.events += 1;
        self.spill();
    }

    /// The resize of block `id` to `new` requested bytes (the block keeps its id).
    #[inline(always)]
    pub fn realloc(&mut self, id: u32, new: u64) {
        let old = std::mem::replace(self.ids.live(id), new);
        let delta = i64::from(id) - i64::from(self.reference);
        self.head(kind::REALLOC, zigzag(delta));
        self.put(new);
        self.live -= old;
        self.grow(new);
        self.totals.events += 1;
        self.spill();
    }

    /// A collection of `generation` starts.
    pub fn collect(&mut self, generation: u8) {
        self.head(kind::COLLECT, u64::from(generation));
        self.spill();
    }

    /// Live bytes now.
    pub fn live_bytes(&self) -> u64 {
        self.live
    }

    /// The totals so far.
    pub fn totals(&self) -> Totals {
        Totals {
            end_live_bytes: self.live,
            ..self.totals
        }
    }

    /// Bytes of trace produced so far (header and records, written or buffered).
    pub fn len(&self) -> u64 {
        self.bytes_written + self.pos as u64
    }

    /// Whether nothing but the header was produced.
    pub fn is_empty(&self) -> bool {
        self.totals.events == 0 && self.pos == 0
    }

    /// Writes the `END` record and flushes; returns the totals, the trace's size in bytes and
    /// the sink.
    ///
    /// # Errors
    /// The first write error met, if any.
    pub fn finish(mut self) -> io::Result<(Totals, u64, W)> {
        let totals = self.totals();
        self.head(kind::END, 0);
        self.put(totals.events);
        self.put(totals.peak_live_bytes);
        self.put(totals.end_live_bytes);
        self.flush_buffer();
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.flush()?;
        Ok((totals, self.bytes_written, self.out))
    }
}

#[cfg(test)]
mod tests {
    use super::LiveIds;
    use crate::trace::format::IdPool;

    #[test]
    fn live_ids_hand_out_the_ids_the_readers_pool_does() {
        let (mut ids, mut pool) = (LiveIds::default(), IdPool::default());
        let mut live = Vec::new();
        let mut x: u32 = 12345;
        for step in 0..5000u64 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if live.is_empty() || !x.is_multiple_of(3) {
                let id = ids.take(step);
                assert_eq!(id, pool.take());
                live.push((id, step));
            } else {
                let (id, size) = live.swap_remove(x as usize % live.len());
                assert_eq!(ids.release(id), size);
                pool.release(id);
            }
        }
        for (id, size) in live {
            assert_eq!(*ids.live(id), size);
        }
    }

    #[test]
    #[should_panic(expected = "is not live")]
    fn a_freed_id_is_not_live() {
        let mut ids = LiveIds::default();
        let id = ids.take(8);
        ids.release(id);
        ids.release(id);
    }
}
