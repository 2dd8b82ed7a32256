//! The address map: "is this address inside one of my arenas?" in O(1), without touching the
//! memory at that address.
//!
//! `free` must tell a pool block (which goes back to its pool) from a block of the system
//! allocator (which goes to `free(3)`). Old CPython versions read the would-be pool header
//! under the address, which can touch unmapped memory; CPython 3.10 replaced that with a radix
//! tree over the address bits (`arena_map_root`, `address_in_range`). This map follows the
//! same idea, simplified by one fact of this crate: every arena is aligned to [`ARENA_SIZE`],
//! so an address's arena is `addr >> ARENA_BITS` and one bit per arena-sized slot of the
//! address space says whether that slot is one of ours.
//!
//! ```text
//!   user address (48 significant bits on x86-64 and AArch64)
//!   ┌──────────────── 12 ──────────────┬────────── 16 ──────────┬──── 20 ────┐
//!   │ root index                       │ bit in the leaf        │ in-arena   │
//!   └──────────────────────────────────┴────────────────────────┴────────────┘
//!   root: 4096 optional leaves        leaf: 65 536 bits (8 KiB), created on first use
//! ```
//!
//! Addresses with any bit set above bit 47 are never ours: arenas mapped there are refused.
//! Leaves are kept until the map is dropped, as CPython keeps its tree nodes.

use super::arena::{ARENA_BITS, ARENA_SIZE};

/// Significant bits of a user-space address that the map covers.
pub(crate) const ADDRESS_BITS: u32 = 48;
const KEY_BITS: u32 = ADDRESS_BITS - ARENA_BITS;
const LEAF_BITS: u32 = 16;
const ROOT_BITS: u32 = KEY_BITS - LEAF_BITS;
const LEAF_WORDS: usize = (1 << LEAF_BITS) / 64;

const _: () = assert!(ROOT_BITS == 12);

/// A leaf: one bit per arena-sized slot.
struct Leaf {
    bits: [u64; LEAF_WORDS],
}

/// A two-level radix tree keyed by arena number (`addr >> ARENA_BITS`).
#[doc(alias = "arena_map_root")]
pub(crate) struct AddressMap {
    root: Box<[Option<Box<Leaf>>]>,
    leaves: usize,
    arenas: usize,
}

impl AddressMap {
    /// An empty map (the root table is 32 KiB; leaves come on demand).
    pub fn new() -> AddressMap {
        AddressMap {
            root: (0..1usize << ROOT_BITS).map(|_| None).collect(),
            leaves: 0,
            arenas: 0,
        }
    }

    /// Whether an arena starting at `base` can be recorded (its address fits in the map).
    pub fn covers(base: usize) -> bool {
        base >> ADDRESS_BITS == 0
    }

    #[inline(always)]
    fn split(addr: usize) -> (usize, usize, u64) {
        let key = addr >> ARENA_BITS;
        let root = key >> LEAF_BITS;
        let bit = key & ((1 << LEAF_BITS) - 1);
        (root, bit / 64, 1u64 << (bit % 64))
    }

    /// Whether `addr` lies inside an arena recorded in the map. O(1): two dependent loads.
    #[doc(alias = "address_in_range")]
    #[inline(always)]
    pub fn contains(&self, addr: usize) -> bool {
        if addr >> ADDRESS_BITS != 0 {
            return false;
        }
        let (root, word, mask) = Self::split(addr);
        match &self.root[root] {
            Some(leaf) => leaf.bits[word] & mask != 0,
            None => false,
        }
    }

    /// Record the arena `[base, base + ARENA_SIZE)`.
    pub fn insert(&mut self, base: usize) {
        debug_assert!(
            base.is_multiple_of(ARENA_SIZE) && Self::covers(base),
            "bad arena base {base:#x}"
        );
        let (root, word, mask) = Self::split(base);
        let leaves = &mut self.leaves;
        let leaf = self.root[root].get_or_insert_with(|| {
            *leaves += 1;
            Box::new(Leaf {
                bits: [0; LEAF_WORDS],
            })
        });
        debug_assert!(
            leaf.bits[word] & mask == 0,
            "arena {base:#x} recorded twice"
        );
        leaf.bits[word] |= mask;
        self.arenas += 1;
    }

    /// Forget the arena at `base`.
    pub fn remove(&mut self, base: usize) {
        let (root, word, mask) = Self::split(base);
        let leaf = self.root[root]
            .as_mut()
            .expect("arena removed from a leaf that does not exist");
        debug_assert!(leaf.bits[word] & mask != 0, "arena {base:#x} not recorded");
        leaf.bits[word] &= !mask;
        self.arenas -= 1;
    }

    /// Number of arenas recorded.
    pub fn arenas(&self) -> usize {
        self.arenas
    }

    /// Number of leaves allocated so far.
    pub fn leaves(&self) -> usize {
        self.leaves
    }

    /// Bytes of bookkeeping the map holds (root table plus leaves).
    pub fn bytes(&self) -> usize {
        self.root.len() * std::mem::size_of::<Option<Box<Leaf>>>()
            + self.leaves * std::mem::size_of::<Leaf>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_contains_remove() {
        let mut m = AddressMap::new();
        let base = 0x7f12_3450_0000usize & !(ARENA_SIZE - 1);
        assert!(!m.contains(base));
        m.insert(base);
        assert!(m.contains(base));
        assert!(m.contains(base + ARENA_SIZE - 1));
        assert!(!m.contains(base + ARENA_SIZE));
        assert!(!m.contains(base - 1));
        assert!(!m.contains(base | (1 << 60)));
        assert_eq!((m.arenas(), m.leaves()), (1, 1));
        m.remove(base);
        assert!(!m.contains(base));
        assert_eq!(m.arenas(), 0);
    }
}
