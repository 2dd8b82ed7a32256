//! The report: pymalloc's state in the layout of CPython's `sys._debugmallocstats()`.
//!
//! ```text
//! Small block threshold = 512, in 32 size classes.
//!
//! class   size   num pools   blocks in use  avail blocks
//! -----   ----   ---------   -------------  ------------
//!     1     32           1               3           507
//!
//! # arenas allocated total           =                    1
//! ...
//! Total                              =            1,048,576
//! ```
//!
//! Every byte of every mapped arena is accounted for once, so the lines from
//! `# bytes in allocated blocks` to `# bytes lost to arena alignment` add up to
//! `arenas × ARENA_SIZE` (asserted). Arenas here are aligned to their size, so nothing is lost
//! to alignment; the line is kept so the report reads like CPython's.
//!
//! CPython: `Objects/obmalloc.c`, `_PyObject_DebugMallocStats`, `printone`.

use std::fmt;

use super::arena::ARENA_SIZE;
use super::pool::{PoolHeader, POOL_OVERHEAD, POOL_SIZE};
use super::size_class::{
    blocks_per_pool, class_size, quantization_per_pool, NB_SMALL_SIZE_CLASSES,
};
use super::{Pymalloc, SMALL_REQUEST_THRESHOLD};

/// Per-class and whole-heap counts gathered by one walk over the arenas.
#[derive(Default)]
struct Census {
    numpools: [usize; NB_SMALL_SIZE_CLASSES],
    numblocks: [usize; NB_SMALL_SIZE_CLASSES],
    numfreeblocks: [usize; NB_SMALL_SIZE_CLASSES],
    pool_header_bytes: usize,
    quantization: usize,
    free_pools: usize,
}

fn census(p: &Pymalloc) -> Census {
    let mut c = Census::default();
    for ao in &p.arenas.allarenas {
        if ao.address.is_null() {
            continue;
        }
        c.free_pools += ao.nfreepools as usize;
        let mut free = Vec::new();
        let mut fp = ao.freepools;
        while !fp.is_null() {
            free.push(fp as usize);
            // SAFETY: pools on `freepools` are initialised headers of this mapped arena.
            fp = unsafe { (*fp).nextpool };
        }
        for addr in (ao.address as usize..ao.pool_address as usize).step_by(POOL_SIZE) {
            if free.contains(&addr) {
                continue;
            }
            // SAFETY: every pool below `pool_address` and not on `freepools` is an initialised
            // used or full pool.
            let h = unsafe { &*(addr as *const PoolHeader) };
            let sz = h.szidx as usize;
            c.numpools[sz] += 1;
            c.numblocks[sz] += h.count as usize;
            c.numfreeblocks[sz] += blocks_per_pool(sz) - h.count as usize;
            c.pool_header_bytes += POOL_OVERHEAD;
            c.quantization += quantization_per_pool(sz);
        }
    }
    c
}

/// Format `value` with thousands separators, as `printone` does.
fn with_commas(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One `label = value` line: the label padded to 35 columns, the value right-aligned in 21.
fn printone(out: &mut dyn fmt::Write, msg: &str, value: u64) -> Result<u64, fmt::Error> {
    writeln!(out, "{msg:<35}={:>21}", with_commas(value))?;
    Ok(value)
}

/// Write the report of `p` to `out`.
pub(super) fn write_report(p: &Pymalloc, out: &mut dyn fmt::Write) -> fmt::Result {
    let c = census(p);
    writeln!(
        out,
        "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes."
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "class   size   num pools   blocks in use  avail blocks"
    )?;
    writeln!(
        out,
        "-----   ----   ---------   -------------  ------------"
    )?;
    let mut allocated_bytes = 0usize;
    let mut available_bytes = 0usize;
    for i in 0..NB_SMALL_SIZE_CLASSES {
        if c.numpools[i] == 0 {
            continue;
        }
        let size = class_size(i);
        writeln!(
            out,
            "{i:>5} {size:>6} {:>11} {:>15} {:>13}",
            c.numpools[i], c.numblocks[i], c.numfreeblocks[i]
        )?;
        allocated_bytes += c.numblocks[i] * size;
        available_bytes += c.numfreeblocks[i] * size;
    }
    writeln!(out)?;
    let arenas = &p.arenas;
    let narenas = arenas.narenas_currently_allocated as u64;
    printone(
        out,
        "# arenas allocated total",
        arenas.ntimes_arena_allocated,
    )?;
    printone(
        out,
        "# arenas reclaimed",
        arenas.ntimes_arena_allocated - narenas,
    )?;
    printone(
        out,
        "# arenas highwater mark",
        arenas.narenas_highwater as u64,
    )?;
    printone(out, "# arenas allocated current", narenas)?;
    let line = format!("{narenas} arenas * {ARENA_SIZE} bytes/arena");
    printone(out, &line, narenas * ARENA_SIZE as u64)?;
    writeln!(out)?;

    let mut total = printone(out, "# bytes in allocated blocks", allocated_bytes as u64)?;
    total += printone(out, "# bytes in available blocks", available_bytes as u64)?;
    let line = format!("{} unused pools * {POOL_SIZE} bytes", c.free_pools);
    total += printone(out, &line, (c.free_pools * POOL_SIZE) as u64)?;
    total += printone(
        out,
        "# bytes lost to pool headers",
        c.pool_header_bytes as u64,
    )?;
    total += printone(out, "# bytes lost to quantization", c.quantization as u64)?;
    total += printone(out, "# bytes lost to arena alignment", 0)?;
    printone(out, "Total", total)?;
    debug_assert_eq!(
        total,
        narenas * ARENA_SIZE as u64,
        "the arena bytes do not add up"
    );
    writeln!(out)?;

    printone(out, "# large blocks (system allocator)", p.large_blocks)?;
    printone(out, "# bytes in large blocks (usable)", p.large_bytes)?;
    printone(out, "# arena map leaves", arenas.map.leaves() as u64)?;
    printone(out, "# bytes in arena map", arenas.map.bytes() as u64)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1000), "1,000");
        assert_eq!(with_commas(1_048_576), "1,048,576");
    }

    #[test]
    fn printone_columns() {
        let mut s = String::new();
        printone(&mut s, "# arenas allocated total", 6).unwrap();
        assert_eq!(
            s,
            "# arenas allocated total           =                    6\n"
        );
        assert_eq!(s.len(), 35 + 1 + 21 + 1);
    }
}
