//! What an allocation tracer derived from the Python stack, remembered per stack position.
//!
//! A tracer that records where allocations happen (a trace's site, a heap profile's point,
//! tracemalloc's traceback) would walk the active frames at each allocation. Two allocations
//! at the same [`stack_position`](crate::vm::frames::stack_position) have the same frames at
//! the same positions, so what was derived for the first holds for the second. A loop body
//! allocates at a handful of instructions of one frame, in turn (in `[(i, i * 0.5) for i in
//! r]`: the int, the float, the tuple, the list's storage), and a numeric loop body at a
//! hundred or more (`bm_nbody`'s), so one remembered position misses at every allocation; this
//! memo keeps the last thousand, direct-mapped by position: the instruction index picks the
//! entry within a shape's window, so a loop body shorter than the memo never evicts itself.

/// Entries of the memo (a power of two).
const SLOTS: usize = 1024;

/// A stack position (`frames::stack_position`): the stack's shape (`vm::stack_shape`) and the
/// innermost frame's instruction index.
pub type Position = (u64, usize);

/// The key of an empty entry: no shape is this number.
const NONE: Position = (u64::MAX, usize::MAX);

/// Values derived from the stack at recent positions.
pub struct PositionMemo<T> {
    slots: Box<[(Position, T); SLOTS]>,
}

impl<T: Copy + Default> Default for PositionMemo<T> {
    fn default() -> Self {
        PositionMemo {
            slots: vec![(NONE, T::default()); SLOTS]
                .into_boxed_slice()
                .try_into()
                .unwrap_or_else(|_| unreachable!("the memo has SLOTS entries")),
        }
    }
}

impl<T: Copy + Default> PositionMemo<T> {
    #[inline(always)]
    fn slot((shape, pc): Position) -> usize {
        // A shape's low half is its number in its generation, given in order: an odd
        // multiplier spreads neighbours apart; the instruction index picks the entry within.
        (pc ^ (shape as usize).wrapping_mul(613)) & (SLOTS - 1)
    }

    /// The value remembered for `position`.
    #[inline(always)]
    pub fn get(&self, position: Position) -> Option<T> {
        let (p, v) = self.slots[Self::slot(position)];
        (p == position).then_some(v)
    }

    /// Remembers `value` for `position` (forgetting the position that shared its entry).
    #[inline]
    pub fn set(&mut self, position: Position, value: T) {
        debug_assert_ne!(position, NONE);
        self.slots[Self::slot(position)] = (position, value);
    }

    /// Forgets every position (what the tracer derived is no longer valid).
    pub fn clear(&mut self) {
        self.slots.fill((NONE, T::default()));
    }
}

/// The current stack position, if an interpreter runs on the current heap.
#[inline(always)]
pub fn current() -> Option<Position> {
    crate::object::heap::with_vm(crate::vm::frames::stack_position)
}

/// What `owner` derives from the current stack: the value its memo (reached through `memo`)
/// remembers for the current position, or else `find`'s, remembered for next time. (Outside an
/// interpreter there is no position: `find` runs, nothing is remembered.)
#[inline(always)]
pub fn memoized<O, T: Copy + Default>(
    owner: &mut O,
    memo: fn(&mut O) -> &mut PositionMemo<T>,
    find: fn(&mut O) -> T,
) -> T {
    let position = current();
    if let Some(v) = position.and_then(|p| memo(owner).get(p)) {
        return v;
    }
    let v = find(owner);
    if let Some(p) = position {
        memo(owner).set(p, v);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::{PositionMemo, SLOTS};

    #[test]
    fn remembers_recent_positions_and_forgets() {
        let mut m: PositionMemo<u32> = PositionMemo::default();
        assert_eq!(m.get((0, 0)), None);
        for pc in 0..8 {
            m.set((5, pc), pc as u32 + 100);
        }
        for pc in 0..8 {
            assert_eq!(m.get((5, pc)), Some(pc as u32 + 100));
        }
        assert_eq!(m.get((6, 3)), None);
        // A position sharing an entry replaces the one there.
        m.set((5, 3 + SLOTS), 7);
        assert_eq!(m.get((5, 3)), None);
        assert_eq!(m.get((5, 3 + SLOTS)), Some(7));
        m.clear();
        assert_eq!(m.get((5, 0)), None);
    }

    #[test]
    fn a_long_loop_body_does_not_evict_itself() {
        let mut m: PositionMemo<u32> = PositionMemo::default();
        let shape = (3 << 32) | 17;
        for pc in 1000..1000 + SLOTS {
            m.set((shape, pc), pc as u32);
        }
        for pc in 1000..1000 + SLOTS {
            assert_eq!(m.get((shape, pc)), Some(pc as u32));
        }
    }
}
