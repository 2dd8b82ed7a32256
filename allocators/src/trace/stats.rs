//! What a trace holds: event counts, the size mix (pymalloc's 32 size classes and the large
//! requests), block lifetimes, and with sites the top allocation sites.

use super::format::{Event, TraceError};
use super::reader::TraceReader;
use super::writer::Totals;

/// pymalloc's size classes are 16 bytes wide up to this size; larger requests are "large".
pub const SMALL_LIMIT: u64 = 512;
/// The width of a size class.
pub const CLASS_WIDTH: u64 = 16;
/// Number of small size classes.
pub const CLASSES: usize = (SMALL_LIMIT / CLASS_WIDTH) as usize;
/// Lifetime buckets: `[0, 1]`, `[2, 3]`, `[4, 7]`, ...; the last also holds every longer
/// lifetime.
pub const LIFETIME_BUCKETS: usize = 32;

/// Counts per allocation site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteFigures {
    /// The site's text (`qualname (file.py:line)`).
    pub site: String,
    /// Allocations at the site (reallocs are not counted).
    pub count: u64,
    /// Requested bytes allocated.
    pub bytes: u64,
}

/// The figures of a trace.
#[derive(Debug, Clone, Default)]
pub struct TraceStats {
    /// Trace size in bytes.
    pub file_bytes: u64,
    /// The `END` record's totals.
    pub totals: Totals,
    /// Allocations, frees, reallocs, collections.
    pub allocs: u64,
    /// Frees.
    pub frees: u64,
    /// Reallocs.
    pub reallocs: u64,
    /// Collections by generation.
    pub collections: [u64; 3],
    /// Requested bytes of all allocations (and of reallocs' new sizes).
    pub bytes_requested: u64,
    /// Allocations per small size class (`i`: sizes `16 i + 1 ..= 16 (i + 1)`; size 0 counts in
    /// class 0).
    pub small: [u64; CLASSES],
    /// Large requests by power of two: `large[k]` counts sizes in `(2**(k-1), 2**k]` above 512.
    pub large: Vec<u64>,
    /// Block lifetimes in heap events, by power-of-two bucket ([`LIFETIME_BUCKETS`]).
    pub lifetimes: [u64; LIFETIME_BUCKETS],
    /// Blocks still live when the trace ends.
    pub live_at_end: u64,
    /// The most blocks live at once.
    pub peak_blocks: u64,
    /// Sites by bytes allocated, largest first (empty without sites).
    pub sites: Vec<SiteFigures>,
}

impl TraceStats {
    /// Average trace bytes per heap event.
    pub fn bytes_per_event(&self) -> f64 {
        if self.totals.events == 0 {
            return 0.0;
        }
        self.file_bytes as f64 / self.totals.events as f64
    }

    /// The size class label of small class `i` (`"1-16"`, `"17-32"`, ...).
    pub fn class_label(i: usize) -> String {
        let hi = (i as u64 + 1) * CLASS_WIDTH;
        format!("{}-{}", hi - CLASS_WIDTH + 1, hi)
    }
}

fn lifetime_bucket(events: u64) -> usize {
    ((64 - events.leading_zeros()) as usize)
        .saturating_sub(1)
        .min(LIFETIME_BUCKETS - 1)
}

/// Reads a whole trace and gathers its figures.
///
/// # Errors
/// A damaged or cut trace.
pub fn trace_stats(bytes: &[u8]) -> Result<TraceStats, TraceError> {
    let mut r = TraceReader::new(bytes)?;
    let mut st = TraceStats {
        file_bytes: bytes.len() as u64,
        ..TraceStats::default()
    };
    let mut born: Vec<u64> = Vec::new();
    let mut site_counts: Vec<(u64, u64)> = Vec::new();
    let mut live_blocks = 0u64;
    let mut clock = 0u64;
    let count_size = |st: &mut TraceStats, size: u64| {
        st.bytes_requested += size;
        if size <= SMALL_LIMIT {
            st.small[(size.max(1) as usize - 1) / CLASS_WIDTH as usize] += 1;
        } else {
            let k = (64 - (size - 1).leading_zeros()) as usize;
            if st.large.len() <= k {
                st.large.resize(k + 1, 0);
            }
            st.large[k] += 1;
        }
    };
    while let Some(e) = r.next_event()? {
        match e {
            Event::Alloc { id, size, site } => {
                clock += 1;
                st.allocs += 1;
                count_size(&mut st, size);
                if born.len() <= id as usize {
                    born.resize(id as usize + 1, 0);
                }
                born[id as usize] = clock;
                live_blocks += 1;
                st.peak_blocks = st.peak_blocks.max(live_blocks);
                if let Some(s) = site {
                    let s = s as usize;
                    if site_counts.len() <= s {
                        site_counts.resize(s + 1, (0, 0));
                    }
                    site_counts[s].0 += 1;
                    site_counts[s].1 += size;
                }
            }
            Event::Free { id, .. } => {
                clock += 1;
                st.frees += 1;
                live_blocks -= 1;
                st.lifetimes[lifetime_bucket(clock - born[id as usize])] += 1;
            }
            Event::Realloc { new, .. } => {
                clock += 1;
                st.reallocs += 1;
                count_size(&mut st, new);
            }
            Event::Collect { generation } => st.collections[generation as usize] += 1,
        }
    }
    st.totals = r.totals().unwrap_or_default();
    st.live_at_end = live_blocks;
    let texts = r.sites();
    st.sites = site_counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .map(|(i, &(count, bytes))| SiteFigures {
            site: texts.get(i).cloned().unwrap_or_default(),
            count,
            bytes,
        })
        .collect();
    st.sites
        .sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.site.cmp(&b.site)));
    Ok(st)
}
