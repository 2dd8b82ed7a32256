//! Property test: generated allocator programs run against every strategy, plain and under the
//! debug wrapper, and checked against a model after every operation.
//!
//! Checked: no two live blocks overlap; every block is 16-byte aligned; contents survive (each
//! block is filled with its own pattern, verified before it is freed and after a realloc);
//! allocations, frees, live blocks, live bytes and peak live bytes equal the model's; the
//! footprint covers the live bytes; pymalloc's `check_invariants()` holds.

use std::collections::BTreeMap;
use std::ptr::NonNull;

use arenapy_allocators::{Allocator, AllocatorOptions, StrategyKind, ALIGNMENT};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Alloc(usize),
    /// Free the live block at this index (modulo the number of live blocks).
    Free(usize),
    /// Resize the live block at this index to this size.
    Realloc(usize, usize),
}

fn size() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![3 => 0usize..=512, 1 => 0usize..=2048]
}

/// Few, large size classes: pools of 31 blocks fill up and drain often (full <-> used <-> empty).
fn crowded_size() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![Just(512usize), Just(500), Just(480), Just(16), Just(600)]
}

fn op_with<S: Strategy<Value = usize> + Clone>(size: S) -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => size.clone().prop_map(Op::Alloc),
        3 => any::<usize>().prop_map(Op::Free),
        2 => (any::<usize>(), size).prop_map(|(i, n)| Op::Realloc(i, n)),
    ]
}

/// A live block in the model: where, how big, and the seed of its fill pattern.
#[derive(Debug, Clone, Copy)]
struct Block {
    ptr: NonNull<u8>,
    size: usize,
    seed: u8,
}

#[derive(Default)]
struct Model {
    blocks: Vec<Block>,
    /// start address -> end address (exclusive) of every live block.
    ranges: BTreeMap<usize, usize>,
    allocations: u64,
    frees: u64,
    live_bytes: u64,
    peak_live_bytes: u64,
    next_seed: u8,
}

fn pattern(seed: u8, i: usize) -> u8 {
    seed.wrapping_add((i as u8).wrapping_mul(31)) ^ (i >> 8) as u8
}

fn fill(b: &Block) {
    for i in 0..b.size {
        // SAFETY: the block is live and holds `size` bytes.
        unsafe { b.ptr.as_ptr().add(i).write(pattern(b.seed, i)) };
    }
}

fn verify(b: &Block, len: usize, what: &str) -> Result<(), TestCaseError> {
    for i in 0..len {
        // SAFETY: the block is live and holds at least `len` bytes.
        let got = unsafe { b.ptr.as_ptr().add(i).read() };
        prop_assert_eq!(
            got,
            pattern(b.seed, i),
            "{}: byte {} of block {:?}",
            what,
            i,
            b
        );
    }
    Ok(())
}

impl Model {
    fn add(&mut self, ptr: NonNull<u8>, size: usize) -> Result<(), TestCaseError> {
        let start = ptr.as_ptr() as usize;
        let end = start + size.max(1);
        prop_assert_eq!(start % ALIGNMENT, 0, "block {:#x} not aligned", start);
        if let Some((&s, &e)) = self.ranges.range(..end).next_back() {
            prop_assert!(
                e <= start,
                "block {:#x}..{:#x} overlaps live {:#x}..{:#x}",
                start,
                end,
                s,
                e
            );
        }
        self.ranges.insert(start, end);
        self.next_seed = self.next_seed.wrapping_add(1);
        let b = Block {
            ptr,
            size,
            seed: self.next_seed,
        };
        fill(&b);
        self.blocks.push(b);
        self.allocations += 1;
        self.live_bytes += size as u64;
        self.peak_live_bytes = self.peak_live_bytes.max(self.live_bytes);
        Ok(())
    }

    fn remove(&mut self, index: usize) -> Block {
        let b = self.blocks.swap_remove(index);
        self.ranges.remove(&(b.ptr.as_ptr() as usize));
        self.frees += 1;
        self.live_bytes -= b.size as u64;
        b
    }

    fn check(&self, a: &Allocator, step: usize) -> Result<(), TestCaseError> {
        let st = a.stats();
        let name = format!(
            "{}{} step {step}",
            a.kind(),
            if a.is_debug() { "+debug" } else { "" }
        );
        prop_assert_eq!(st.allocations, self.allocations, "allocations, {}", name);
        prop_assert_eq!(st.frees, self.frees, "frees, {}", name);
        prop_assert_eq!(
            st.live_blocks,
            self.blocks.len() as u64,
            "live_blocks, {}",
            name
        );
        prop_assert_eq!(st.live_bytes, self.live_bytes, "live_bytes, {}", name);
        prop_assert_eq!(
            st.peak_live_bytes,
            self.peak_live_bytes,
            "peak_live_bytes, {}",
            name
        );
        prop_assert!(
            st.footprint >= st.live_bytes,
            "footprint below live bytes, {}",
            name
        );
        prop_assert!(
            st.peak_footprint >= st.footprint,
            "peak footprint, {}",
            name
        );
        if let Err(e) = a.check_invariants() {
            return Err(TestCaseError::fail(format!("{name}: {e}")));
        }
        Ok(())
    }
}

fn run(kind: StrategyKind, debug: bool, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut a = Allocator::new(kind, AllocatorOptions { debug, limit: None });
    let mut m = Model::default();
    for (step, op) in ops.iter().enumerate() {
        match *op {
            Op::Alloc(n) => {
                let p = a.alloc(n).expect("no limit, so alloc succeeds");
                m.add(p, n)?;
            }
            Op::Free(i) if !m.blocks.is_empty() => {
                let b = m.blocks[i % m.blocks.len()];
                verify(&b, b.size, "before free")?;
                m.remove(i % m.blocks.len());
                // SAFETY: `b` is live with its size, and the model forgets it now.
                unsafe { a.free(b.ptr, b.size) };
            }
            Op::Realloc(i, n) if !m.blocks.is_empty() => {
                let b = m.blocks[i % m.blocks.len()];
                verify(&b, b.size, "before realloc")?;
                // SAFETY: `b` is live with its size; on success it is replaced by the result.
                let q =
                    unsafe { a.realloc(b.ptr, b.size, n) }.expect("no limit, so realloc succeeds");
                // A realloc counts as one free of the old block and one allocation of the new.
                m.remove(i % m.blocks.len());
                let moved = Block {
                    ptr: q,
                    size: b.size.min(n),
                    seed: b.seed,
                };
                verify(&moved, moved.size, "after realloc")?;
                m.add(q, n)?;
            }
            _ => {}
        }
        m.check(&a, step)?;
    }
    for b in std::mem::take(&mut m.blocks) {
        verify(&b, b.size, "at the end")?;
        // SAFETY: every remaining model block is live with its size.
        unsafe { a.free(b.ptr, b.size) };
    }
    prop_assert_eq!(a.stats().live_bytes, 0);
    if let Err(e) = a.check_invariants() {
        return Err(TestCaseError::fail(format!(
            "{kind} after freeing everything: {e}"
        )));
    }
    Ok(())
}

fn run_everywhere(ops: &[Op]) -> Result<(), TestCaseError> {
    for kind in StrategyKind::ALL {
        for debug in [false, true] {
            run(kind, debug, ops)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn programs_match_the_model(ops in proptest::collection::vec(op_with(size()), 1..400)) {
        run_everywhere(&ops)?;
    }

    #[test]
    fn crowded_pools_match_the_model(ops in proptest::collection::vec(op_with(crowded_size()), 1..400)) {
        run_everywhere(&ops)?;
    }
}
