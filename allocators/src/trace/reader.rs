//! Reading a trace from memory, checking every record: a damaged or cut trace is an error
//! naming the byte offset, never a panic.

use super::format::{
    get_varint, kind, unzigzag, Event, IdPool, TraceError, FLAG_SITES, KIND_BITS, MAGIC, VERSION,
};
use super::writer::Totals;

/// A trace's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The format version.
    pub version: u64,
    /// Whether allocations carry sites.
    pub sites: bool,
}

/// Reads the events of a trace held in memory, in order (see [`super::format`]).
pub struct TraceReader<'a> {
    bytes: &'a [u8],
    pos: usize,
    header: Header,
    ids: IdPool,
    sizes: Vec<u64>,
    reference: u32,
    site: Option<u32>,
    site_texts: Vec<String>,
    events: u64,
    live: u64,
    peak: u64,
    end: Option<Totals>,
}

/// The largest block id a reader accepts: ids are dense from 0, so a larger one means more
/// live blocks than any heap holds — a damaged file.
const MAX_ID: u64 = u32::MAX as u64 - 1;

impl<'a> TraceReader<'a> {
    /// Checks the header.
    ///
    /// # Errors
    /// Not a trace, or a version this build does not read.
    pub fn new(bytes: &'a [u8]) -> Result<TraceReader<'a>, TraceError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(TraceError {
                offset: 0,
                what: "not an arenapy trace (the file does not start with APYTRACE)".into(),
            });
        }
        let mut pos = MAGIC.len();
        let at = pos as u64;
        let version = get_varint(bytes, &mut pos).ok_or_else(|| TraceError {
            offset: at,
            what: "the header ends before its version".into(),
        })?;
        if version != VERSION {
            let what = if version > VERSION {
                format!(
                    "trace format version {version} is newer than this arenapy reads \
                     (version {VERSION}); use a newer arenapy"
                )
            } else {
                format!("unknown trace format version {version}")
            };
            return Err(TraceError { offset: at, what });
        }
        let at = pos as u64;
        let flags = get_varint(bytes, &mut pos).ok_or_else(|| TraceError {
            offset: at,
            what: "the header ends before its flags".into(),
        })?;
        if flags & !FLAG_SITES != 0 {
            return Err(TraceError {
                offset: at,
                what: format!("unknown header flags {flags:#x}"),
            });
        }
        Ok(TraceReader {
            bytes,
            pos,
            header: Header {
                version,
                sites: flags & FLAG_SITES != 0,
            },
            ids: IdPool::default(),
            sizes: Vec::new(),
            reference: 0,
            site: None,
            site_texts: Vec::new(),
            events: 0,
            live: 0,
            peak: 0,
            end: None,
        })
    }

    /// The header.
    pub fn header(&self) -> Header {
        self.header
    }

    /// The site texts defined so far (all of them once the trace is read).
    pub fn sites(&self) -> &[String] {
        &self.site_texts
    }

    /// The byte offset of the next record.
    pub fn offset(&self) -> u64 {
        self.pos as u64
    }

    /// The totals of the `END` record, once it was read.
    pub fn totals(&self) -> Option<Totals> {
        self.end
    }

    /// Live bytes after the events read so far.
    pub fn live_bytes(&self) -> u64 {
        self.live
    }

    /// One past the highest block id seen so far.
    pub fn id_bound(&self) -> u32 {
        self.ids.bound()
    }

    fn varint(&mut self, at: u64, what: &str) -> Result<u64, TraceError> {
        get_varint(self.bytes, &mut self.pos).ok_or_else(|| TraceError {
            offset: at,
            what: if self.pos >= self.bytes.len() {
                format!("the trace is truncated inside a record ({what} missing)")
            } else {
                format!("bad varint ({what})")
            },
        })
    }

    fn block(&self, at: u64, payload: u64) -> Result<(u32, u64), TraceError> {
        let id = i64::from(self.reference) + unzigzag(payload);
        let live = u64::try_from(id)
            .ok()
            .filter(|&i| i <= MAX_ID)
            .and_then(|i| self.sizes.get(i as usize).map(|&s| (i as u32, s)));
        match live {
            Some((id, size)) if size != u64::MAX => Ok((id, size)),
            _ => Err(TraceError {
                offset: at,
                what: format!("names block {id}, which is not live"),
            }),
        }
    }

    fn grow(&mut self, at: u64, size: u64) -> Result<(), TraceError> {
        self.live = self.live.checked_add(size).ok_or_else(|| TraceError {
            offset: at,
            what: "live bytes pass 2**64".into(),
        })?;
        self.peak = self.peak.max(self.live);
        Ok(())
    }

    /// The next event; `Ok(None)` after the `END` record (whose totals are checked against
    /// what was read).
    ///
    /// # Errors
    /// A damaged record, a record naming a block that is not live, a trace cut short (no
    /// `END`), or bytes after `END`.
    pub fn next_event(&mut self) -> Result<Option<Event>, TraceError> {
        loop {
            if self.end.is_some() {
                return Ok(None);
            }
            let at = self.pos as u64;
            if self.pos >= self.bytes.len() {
                return Err(TraceError {
                    offset: at,
                    what: format!(
                        "the trace is truncated: it ends after {} events without its END record",
                        self.events
                    ),
                });
            }
            let head = self.varint(at, "record head")?;
            let payload = head >> KIND_BITS;
            match head & ((1 << KIND_BITS) - 1) {
                k @ (kind::ALLOC | kind::ALLOC_AT) => {
                    let site = if k == kind::ALLOC_AT {
                        if !self.header.sites {
                            return Err(TraceError {
                                offset: at,
                                what: "an allocation with a site in a trace without sites".into(),
                            });
                        }
                        let s = self.varint(at, "site number")?;
                        if s >= self.site_texts.len() as u64 {
                            return Err(TraceError {
                                offset: at,
                                what: format!("names site {s}, which is not defined"),
                            });
                        }
                        self.site = Some(s as u32);
                        self.site
                    } else {
                        self.site
                    };
                    if u64::from(self.ids.bound()) > MAX_ID {
                        return Err(TraceError {
                            offset: at,
                            what: "too many live blocks".into(),
                        });
                    }
                    let id = self.ids.take();
                    if id as usize >= self.sizes.len() {
                        self.sizes.resize(id as usize + 1, u64::MAX);
                    }
                    self.sizes[id as usize] = payload;
                    self.reference = id;
                    self.grow(at, payload)?;
                    self.events += 1;
                    return Ok(Some(Event::Alloc {
                        id,
                        size: payload,
                        site,
                    }));
                }
                kind::FREE => {
                    let (id, size) = self.block(at, payload)?;
                    self.sizes[id as usize] = u64::MAX;
                    self.ids.release(id);
                    self.live -= size;
                    self.events += 1;
                    return Ok(Some(Event::Free { id, size }));
                }
                kind::REALLOC => {
                    let (id, old) = self.block(at, payload)?;
                    let new = self.varint(at, "new size")?;
                    self.sizes[id as usize] = new;
                    self.live -= old;
                    self.grow(at, new)?;
                    self.events += 1;
                    return Ok(Some(Event::Realloc { id, old, new }));
                }
                kind::COLLECT => {
                    let generation = u8::try_from(payload).ok().filter(|&g| g <= 2);
                    let Some(generation) = generation else {
                        return Err(TraceError {
                            offset: at,
                            what: format!("collection of generation {payload}"),
                        });
                    };
                    return Ok(Some(Event::Collect { generation }));
                }
                kind::SITE => {
                    let len = usize::try_from(payload).unwrap_or(usize::MAX);
                    let end = self.pos.saturating_add(len);
                    let Some(text) = self.bytes.get(self.pos..end) else {
                        return Err(TraceError {
                            offset: at,
                            what: "the trace is truncated inside a site text".into(),
                        });
                    };
                    let text = std::str::from_utf8(text).map_err(|_| TraceError {
                        offset: at,
                        what: "a site text is not UTF-8".into(),
                    })?;
                    self.site_texts.push(text.to_string());
                    self.pos = end;
                }
                kind::END => {
                    let events = self.varint(at, "event count")?;
                    let peak = self.varint(at, "peak live bytes")?;
                    let end_live = self.varint(at, "live bytes at the end")?;
                    let read = Totals {
                        events: self.events,
                        peak_live_bytes: self.peak,
                        end_live_bytes: self.live,
                    };
                    let said = Totals {
                        events,
                        peak_live_bytes: peak,
                        end_live_bytes: end_live,
                    };
                    if payload != 0 {
                        return Err(TraceError {
                            offset: at,
                            what: format!("an END record with payload {payload}"),
                        });
                    }
                    if read != said {
                        return Err(TraceError {
                            offset: at,
                            what: format!(
                                "the END record says {} events, peak {} bytes, {} bytes live at \
                                 the end; the records before it give {}, {}, {}",
                                said.events,
                                said.peak_live_bytes,
                                said.end_live_bytes,
                                read.events,
                                read.peak_live_bytes,
                                read.end_live_bytes
                            ),
                        });
                    }
                    if self.pos != self.bytes.len() {
                        return Err(TraceError {
                            offset: self.pos as u64,
                            what: format!(
                                "{} bytes after the END record",
                                self.bytes.len() - self.pos
                            ),
                        });
                    }
                    self.end = Some(read);
                    return Ok(None);
                }
                k => {
                    return Err(TraceError {
                        offset: at,
                        what: format!("unknown record kind {k}"),
                    })
                }
            }
        }
    }
}

/// Reads a whole trace, calling `f` on each event; returns the totals.
///
/// # Errors
/// As [`TraceReader::next_event`].
pub fn for_each_event(
    bytes: &[u8],
    mut f: impl FnMut(&Event),
) -> Result<(Header, Totals, Vec<String>), TraceError> {
    let mut r = TraceReader::new(bytes)?;
    while let Some(e) = r.next_event()? {
        f(&e);
    }
    let totals = r.totals().ok_or_else(|| TraceError {
        offset: r.offset(),
        what: "no END record".into(),
    })?;
    Ok((r.header(), totals, r.site_texts))
}
