//! The collector's state: generations, counts, thresholds, statistics and debug flags.

use super::list::GcList;

/// Number of generations (CPython's 3).
pub const NUM_GENERATIONS: usize = 3;

/// CPython's default thresholds.
pub const DEFAULT_THRESHOLDS: [usize; NUM_GENERATIONS] = [700, 10, 10];

/// `--gc-stress`: one collection in this many examines the middle generation too, one in its
/// square all of them (CPython's default thresholds for the older generations).
pub const STRESS_GENERATION_STEP: u64 = 10;

/// `gc.DEBUG_STATS`.
pub const DEBUG_STATS: u32 = 1;
/// `gc.DEBUG_COLLECTABLE`.
pub const DEBUG_COLLECTABLE: u32 = 2;
/// `gc.DEBUG_UNCOLLECTABLE`.
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
/// `gc.DEBUG_SAVEALL`.
pub const DEBUG_SAVEALL: u32 = 32;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// Per-generation statistics (`gc.get_stats()`).
#[derive(Clone, Copy, Default, Debug)]
pub struct GenStats {
    /// Collections of this generation.
    pub collections: u64,
    /// Objects collected by them.
    pub collected: u64,
    /// Objects found uncollectable by them.
    pub uncollectable: u64,
}

/// Everything the collector keeps between collections.
pub struct GcState {
    /// The generations, youngest first. New containers go to generation 0.
    pub gens: [GcList; NUM_GENERATIONS],
    /// `gc.freeze()`d objects, never examined.
    pub permanent: GcList,
    /// `count[0]`: container allocations minus deallocations since the last collection of
    /// generation 0; `count[i]`: collections of generation `i - 1` since the last of `i`.
    pub count: [usize; NUM_GENERATIONS],
    /// `gc.get_threshold()`.
    pub threshold: [usize; NUM_GENERATIONS],
    /// Automatic collection is on (`gc.enable()`).
    pub enabled: bool,
    /// A collection is running, its `gc.callbacks` included (CPython's `collecting`): no
    /// collection starts while it is set — automatic, stress or `gc.collect()`.
    pub collecting: bool,
    /// Phases 1-8 are running: the collector's working lists hold objects that are in no
    /// generation, so the heap's invariants are not checkable.
    pub in_phases: bool,
    /// Objects that survived the last full collection.
    pub long_lived_total: usize,
    /// Objects promoted into the oldest generation since then.
    pub long_lived_pending: usize,
    /// `gc.get_stats()`.
    pub stats: [GenStats; NUM_GENERATIONS],
    /// `gc.set_debug()` flags.
    pub debug: u32,
    /// `--gc-stress N`: collect every N container allocations (0: off); see
    /// [`GcState::stress_generation`].
    pub stress: u64,
    /// Container allocations counted towards the next stress collection.
    pub stress_counter: u64,
    /// Stress collections run so far (which generation the next one examines).
    pub stress_collections: u64,
    /// `--gc-verify`: check the heap's invariants around every collection.
    pub verify: bool,
    /// Collections run, all generations.
    pub collections_total: u64,
    /// Time spent collecting.
    pub time_collecting: std::time::Duration,
}

impl Default for GcState {
    fn default() -> Self {
        GcState::new()
    }
}

impl GcState {
    /// A fresh state with CPython's defaults.
    pub fn new() -> GcState {
        GcState {
            gens: [GcList::new(), GcList::new(), GcList::new()],
            permanent: GcList::new(),
            count: [0; NUM_GENERATIONS],
            threshold: DEFAULT_THRESHOLDS,
            enabled: true,
            collecting: false,
            in_phases: false,
            long_lived_total: 0,
            long_lived_pending: 0,
            stats: [GenStats::default(); NUM_GENERATIONS],
            debug: 0,
            stress: 0,
            stress_counter: 0,
            stress_collections: 0,
            verify: false,
            collections_total: 0,
            time_collecting: std::time::Duration::ZERO,
        }
    }

    /// The generation the next `--gc-stress` collection examines, counting it: the youngest
    /// each time, the middle one every [`STRESS_GENERATION_STEP`]th time, all of them every
    /// `STRESS_GENERATION_STEP²`th — the generations' own rhythm, far more often. Objects being
    /// built or freed are in the youngest generation, so every stress point examines them,
    /// while a full collection (whose cost grows with the whole heap) runs often enough to
    /// find old objects' faults without making a large program's stress run quadratic.
    pub fn stress_generation(&mut self) -> usize {
        let n = self.stress_collections;
        self.stress_collections += 1;
        let step = STRESS_GENERATION_STEP;
        if n.is_multiple_of(step * step) {
            NUM_GENERATIONS - 1
        } else if n.is_multiple_of(step) {
            1
        } else {
            0
        }
    }

    /// The generation an automatic collection should examine now, if any (CPython's
    /// `gc_collect_generations`): the oldest whose count exceeds its threshold, except that a
    /// full collection waits until the objects promoted since the last one exceed 25% of the
    /// long-lived ones.
    pub fn due_generation(&self) -> Option<usize> {
        for i in (0..NUM_GENERATIONS).rev() {
            if self.count[i] > self.threshold[i] {
                if i == NUM_GENERATIONS - 1 && self.long_lived_pending < self.long_lived_total / 4 {
                    continue;
                }
                return Some(i);
            }
        }
        None
    }
}
