//! A map from live block addresses to small values, for the allocation tracers.
//!
//! Tracers see every allocation and free and must find a block by its address; a hash map of
//! hundreds of thousands of live blocks makes each lookup a cache miss (two thirds of a
//! recorded run's time went to `HashMap::insert`/`remove`). Blocks are 16-byte aligned and
//! allocated close together (pymalloc's pools, the other strategies' pages), so this map is a
//! radix table instead: the address's high bits pick a leaf, the low bits a slot in it. A leaf
//! covers 64 KiB of addresses with 4096 `u32` slots (16 KiB). The leaf of an address is found
//! in a direct-mapped table of recent leaves (one entry per 64 KiB of a 16 MiB window, so the
//! pools an allocation and the next free touch are usually all there), else through a hash
//! map of every leaf.

use hashbrown::HashMap;

/// Bits of an address below the block alignment (16 bytes).
const ALIGN_BITS: u32 = 4;
/// Slots per leaf (as a power of two).
const LEAF_BITS: u32 = 12;
const LEAF_SLOTS: usize = 1 << LEAF_BITS;
/// Entries of the direct-mapped table of recent leaves (a power of two).
const RECENT_LEAVES: usize = 256;
/// The value of an empty slot.
const EMPTY: u32 = u32::MAX;

/// One leaf: a slot per 16-byte unit of 64 KiB of addresses.
type Leaf = [u32; LEAF_SLOTS];

/// Addresses (16-byte aligned) to `u32` values below `u32::MAX`.
pub struct AddrMap {
    leaf_of: HashMap<usize, u32>,
    leaves: Vec<Box<Leaf>>,
    /// `(key, leaf index)` of recently used leaves, at `key % RECENT_LEAVES`; the key
    /// `usize::MAX` (no address has it) marks an empty entry.
    recent: [(usize, u32); RECENT_LEAVES],
    len: usize,
}

impl Default for AddrMap {
    fn default() -> Self {
        AddrMap::new()
    }
}

impl AddrMap {
    /// An empty map.
    pub fn new() -> AddrMap {
        AddrMap {
            leaf_of: HashMap::new(),
            leaves: Vec::new(),
            recent: [(usize::MAX, 0); RECENT_LEAVES],
            len: 0,
        }
    }

    #[inline(always)]
    fn split(addr: usize) -> (usize, usize) {
        debug_assert_eq!(
            addr & ((1 << ALIGN_BITS) - 1),
            0,
            "unaligned block {addr:#x}"
        );
        let unit = addr >> ALIGN_BITS;
        (unit >> LEAF_BITS, unit & (LEAF_SLOTS - 1))
    }

    /// The leaf for `key`, made when `create`.
    #[inline(always)]
    fn leaf(&mut self, key: usize, create: bool) -> Option<&mut Leaf> {
        let (k, i) = self.recent[key & (RECENT_LEAVES - 1)];
        let i = if k == key {
            i as usize
        } else {
            self.find_leaf(key, create)?
        };
        self.leaves.get_mut(i).map(|l| &mut **l)
    }

    /// The index of the leaf for `key` when it is not among the recent ones (made when
    /// `create`); it becomes a recent one.
    #[inline(never)]
    fn find_leaf(&mut self, key: usize, create: bool) -> Option<usize> {
        let found = match self.leaf_of.get(&key) {
            Some(&i) => i as usize,
            None if create => {
                let i = self.leaves.len();
                let leaf: Box<Leaf> = vec![EMPTY; LEAF_SLOTS]
                    .into_boxed_slice()
                    .try_into()
                    .unwrap_or_else(|_| unreachable!("a leaf has LEAF_SLOTS slots"));
                self.leaves.push(leaf);
                self.leaf_of.insert(key, i as u32);
                i
            }
            None => return None,
        };
        self.recent[key & (RECENT_LEAVES - 1)] = (key, found as u32);
        Some(found)
    }

    /// Sets the value of `addr` (`value` below `u32::MAX`); returns the value it replaces.
    #[inline(always)]
    pub fn insert(&mut self, addr: usize, value: u32) -> Option<u32> {
        debug_assert_ne!(value, EMPTY);
        let (key, slot) = Self::split(addr);
        let leaf = self.leaf(key, true)?;
        let old = std::mem::replace(&mut leaf[slot], value);
        if old == EMPTY {
            self.len += 1;
            None
        } else {
            Some(old)
        }
    }

    /// The value of `addr`, set to `make()` first if it has none; also whether it had one.
    #[inline(always)]
    pub fn get_or_insert_with(&mut self, addr: usize, make: impl FnOnce() -> u32) -> (u32, bool) {
        let (key, slot) = Self::split(addr);
        let Some(leaf) = self.leaf(key, true) else {
            unreachable!("a leaf is made when missing")
        };
        let v = leaf[slot];
        if v != EMPTY {
            return (v, true);
        }
        let v = make();
        debug_assert_ne!(v, EMPTY);
        leaf[slot] = v;
        self.len += 1;
        (v, false)
    }

    /// Takes the value of `addr` out.
    #[inline(always)]
    pub fn remove(&mut self, addr: usize) -> Option<u32> {
        let (key, slot) = Self::split(addr);
        let leaf = self.leaf(key, false)?;
        let old = std::mem::replace(&mut leaf[slot], EMPTY);
        if old == EMPTY {
            None
        } else {
            self.len -= 1;
            Some(old)
        }
    }

    /// The value of `addr`.
    #[inline]
    pub fn get(&mut self, addr: usize) -> Option<u32> {
        if addr & ((1 << ALIGN_BITS) - 1) != 0 {
            // No block starts there (e.g. the would-be block of a static object, such as a
            // builtin type, asked for by `tracemalloc.get_object_traceback`).
            return None;
        }
        let (key, slot) = Self::split(addr);
        let leaf = self.leaf(key, false)?;
        let v = leaf[slot];
        (v != EMPTY).then_some(v)
    }

    /// How many addresses have values.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Live blocks' addresses to values of type `T`: an [`AddrMap`] to slots of a slab whose free
/// slots are reused (what a tracer keeps per live block).
///
/// A slot holds its block's address, or, when free, the next free slot: `(index << 1) | 1`
/// (block addresses are even), so the free slots form a list through the slab itself.
pub struct AddrTable<T> {
    index: AddrMap,
    /// (address or next free slot, value).
    slots: Vec<(usize, T)>,
    /// The first free slot, or [`NO_SLOT`].
    free: usize,
}

/// The end of the free list.
const NO_SLOT: usize = usize::MAX >> 1;

impl<T> Default for AddrTable<T> {
    fn default() -> Self {
        AddrTable {
            index: AddrMap::new(),
            slots: Vec::new(),
            free: NO_SLOT,
        }
    }
}

impl<T: Copy + Default> AddrTable<T> {
    /// Sets the value of `addr` (not 0); returns the value it replaces.
    #[inline]
    pub fn insert(&mut self, addr: usize, value: T) -> Option<T> {
        debug_assert!(addr != 0 && addr & 1 == 0, "block address {addr:#x}");
        let (slots, free) = (&mut self.slots, &mut self.free);
        let (i, present) = self.index.get_or_insert_with(addr, || {
            if *free == NO_SLOT {
                slots.push((0, T::default()));
                (slots.len() - 1) as u32
            } else {
                let i = *free;
                *free = slots[i].0 >> 1;
                i as u32
            }
        });
        let old = std::mem::replace(&mut slots[i as usize], (addr, value));
        present.then_some(old.1)
    }

    /// Takes the value of `addr` out.
    #[inline]
    pub fn remove(&mut self, addr: usize) -> Option<T> {
        let i = self.index.remove(addr)? as usize;
        let slot = &mut self.slots[i];
        let v = slot.1;
        slot.0 = (self.free << 1) | 1;
        self.free = i;
        Some(v)
    }

    /// The value of `addr`.
    pub fn get(&mut self, addr: usize) -> Option<T> {
        let i = self.index.get(addr)?;
        Some(self.slots[i as usize].1)
    }

    /// Every (address, value), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, T)> + '_ {
        self.slots.iter().copied().filter(|s| s.0 & 1 == 0)
    }

    /// Empties the table.
    pub fn clear(&mut self) {
        *self = AddrTable::default();
    }

    /// Slots held, live or free.
    pub fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// Live entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::{AddrMap, AddrTable};

    #[test]
    fn a_table_reuses_freed_slots() {
        let mut t: AddrTable<(u64, u32)> = AddrTable::default();
        assert_eq!(t.insert(0x10, (1, 1)), None);
        assert_eq!(t.insert(0x20, (2, 2)), None);
        assert_eq!(t.insert(0x10, (3, 3)), Some((1, 1)));
        assert_eq!(t.remove(0x10), Some((3, 3)));
        assert_eq!(t.insert(0x30, (4, 4)), None);
        assert_eq!(t.slots.len(), 2, "the freed slot is reused");
        assert!(t.capacity() >= 2);
        let mut all: Vec<_> = t.iter().collect();
        all.sort_unstable();
        assert_eq!(all, vec![(0x20, (2, 2)), (0x30, (4, 4))]);
        assert_eq!(t.get(0x30), Some((4, 4)));
        assert_eq!(t.len(), 2);
        t.clear();
        assert!(t.is_empty());
    }

    #[test]
    fn an_unaligned_address_finds_nothing() {
        let mut m = AddrMap::new();
        m.insert(0x1000, 7);
        assert_eq!(m.get(0x1000), Some(7));
        assert_eq!(m.get(0x1008), None);
        assert_eq!(m.get(0x0ff8), None);
    }

    #[test]
    fn addresses_near_and_far() {
        let mut m = AddrMap::new();
        let addrs = [
            0x1000usize,
            0x1010,
            0x7f00_0000_0000,
            0x1_0000,
            0x1000 + (1 << 16),
        ];
        for (i, &a) in addrs.iter().enumerate() {
            assert_eq!(m.insert(a, i as u32), None);
        }
        assert_eq!(m.len(), addrs.len());
        for (i, &a) in addrs.iter().enumerate() {
            assert_eq!(m.get(a), Some(i as u32));
        }
        assert_eq!(m.insert(0x1010, 9), Some(1));
        assert_eq!(m.remove(0x1010), Some(9));
        assert_eq!(m.remove(0x1010), None);
        assert_eq!(m.get(0x2000), None);
        assert_eq!(m.remove(0xdead_0000), None);
        assert_eq!(m.len(), addrs.len() - 1);
    }

    #[test]
    fn get_or_insert_makes_only_when_vacant() {
        let mut m = AddrMap::new();
        assert_eq!(m.get_or_insert_with(0x40, || 7), (7, false));
        assert_eq!(m.get_or_insert_with(0x40, || unreachable!()), (7, true));
        assert_eq!(m.len(), 1);
        assert_eq!(m.remove(0x40), Some(7));
        assert_eq!(m.get_or_insert_with(0x40, || 8), (8, false));
    }

    #[test]
    fn agrees_with_a_hash_map() {
        let mut m = AddrMap::new();
        let mut h = std::collections::HashMap::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let addr = ((x % (1 << 24)) as usize) << 4;
            if x.is_multiple_of(3) {
                assert_eq!(m.remove(addr), h.remove(&addr));
            } else {
                assert_eq!(m.insert(addr, i), h.insert(addr, i));
            }
        }
        assert_eq!(m.len(), h.len());
    }

    #[test]
    fn a_table_agrees_with_a_hash_map() {
        let mut t: AddrTable<u64> = AddrTable::default();
        let mut h = std::collections::HashMap::new();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for i in 0..20_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let addr = (((x % (1 << 12)) as usize) + 1) << 4;
            if x.is_multiple_of(3) {
                assert_eq!(t.remove(addr), h.remove(&addr));
            } else {
                assert_eq!(t.insert(addr, i), h.insert(addr, i));
            }
            assert_eq!(t.len(), h.len());
        }
        let mut all: Vec<_> = t.iter().collect();
        all.sort_unstable();
        let mut want: Vec<_> = h.into_iter().collect();
        want.sort_unstable();
        assert_eq!(all, want);
        assert!(t.slots.len() <= 1 << 12, "freed slots are reused");
    }
}
