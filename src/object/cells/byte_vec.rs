//! [`ByteVec`]: the growable byte storage of a `bytearray`, in heap storage.
//!
//! Bytes hold no references, so unlike [`super::ObjVec`] nothing here can run Python code or
//! free an object. The one rule is still that no borrow of the contents escapes a method:
//! readers get copies (`to_vec`, `get`), writers pass the new bytes in.

use super::super::heap::HeapAlloc;
use allocator_api2::vec::Vec as HVec;
use arenapy_allocators::AllocError;
use std::cell::UnsafeCell;

/// The bytes of a `bytearray`, in storage from the interpreter's heap.
pub struct ByteVec(UnsafeCell<HVec<u8, HeapAlloc>>);

impl Default for ByteVec {
    fn default() -> Self {
        ByteVec::new()
    }
}

fn grow(v: &mut HVec<u8, HeapAlloc>, extra: usize) -> Result<(), AllocError> {
    if v.capacity() - v.len() >= extra {
        return Ok(());
    }
    let size = v.len().saturating_add(extra);
    if size > isize::MAX as usize / 2 {
        return Err(AllocError { size });
    }
    // CPython's bytearray over-allocation: about 1/8 more than needed.
    let want = extra.max(extra + (size >> 3));
    if v.try_reserve_exact(want).is_ok() {
        return Ok(());
    }
    v.try_reserve_exact(extra).map_err(|_| AllocError { size })
}

impl ByteVec {
    /// An empty vector (no storage allocated).
    pub fn new() -> ByteVec {
        ByteVec(UnsafeCell::new(HVec::new_in(HeapAlloc)))
    }

    /// A vector holding a copy of `bytes`.
    pub fn from_slice(bytes: &[u8]) -> Result<ByteVec, AllocError> {
        let mut v = HVec::new_in(HeapAlloc);
        v.try_reserve_exact(bytes.len())
            .map_err(|_| AllocError { size: bytes.len() })?;
        v.extend_from_slice(bytes);
        Ok(ByteVec(UnsafeCell::new(v)))
    }

    #[inline]
    fn with<R>(&self, f: impl FnOnce(&mut HVec<u8, HeapAlloc>) -> R) -> R {
        // SAFETY: every caller is a method of this type whose closure only touches plain bytes
        // (no Python code, no reference drops, no re-entry), so this is the only live borrow.
        f(unsafe { &mut *self.0.get() })
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.with(|v| v.len())
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of storage reserved.
    pub fn capacity_bytes(&self) -> usize {
        self.with(|v| v.capacity())
    }

    /// A copy of the contents.
    pub fn to_vec(&self) -> Vec<u8> {
        self.with(|v| v.to_vec())
    }

    /// Byte `i`.
    pub fn get(&self, i: usize) -> Option<u8> {
        self.with(|v| v.get(i).copied())
    }

    /// Sets byte `i`; false if `i` is out of range.
    pub fn set(&self, i: usize, b: u8) -> bool {
        self.with(|v| match v.get_mut(i) {
            Some(slot) => {
                *slot = b;
                true
            }
            None => false,
        })
    }

    /// Appends a byte.
    pub fn push(&self, b: u8) -> Result<(), AllocError> {
        self.with(|v| {
            grow(v, 1)?;
            v.push(b);
            Ok(())
        })
    }

    /// Appends a copy of `bytes`.
    pub fn extend_from_slice(&self, bytes: &[u8]) -> Result<(), AllocError> {
        self.with(|v| {
            grow(v, bytes.len())?;
            v.extend_from_slice(bytes);
            Ok(())
        })
    }

    /// Inserts a byte at `i` (clamped to the length).
    pub fn insert(&self, i: usize, b: u8) -> Result<(), AllocError> {
        self.with(|v| {
            grow(v, 1)?;
            let i = i.min(v.len());
            v.insert(i, b);
            Ok(())
        })
    }

    /// Removes and returns byte `i`.
    pub fn remove(&self, i: usize) -> Option<u8> {
        self.with(|v| if i < v.len() { Some(v.remove(i)) } else { None })
    }

    /// Removes and returns the last byte.
    pub fn pop(&self) -> Option<u8> {
        self.with(|v| v.pop())
    }

    /// Replaces the bytes in `lo..hi` (clamped to the length) with `bytes`.
    pub fn splice(&self, lo: usize, hi: usize, bytes: &[u8]) -> Result<(), AllocError> {
        self.with(|v| {
            let hi = hi.min(v.len());
            let lo = lo.min(hi);
            if bytes.len() > hi - lo {
                grow(v, bytes.len() - (hi - lo))?;
            }
            v.splice(lo..hi, bytes.iter().copied());
            Ok(())
        })
    }

    /// Replaces the whole contents with a copy of `bytes`.
    pub fn replace_all(&self, bytes: &[u8]) -> Result<(), AllocError> {
        self.with(|v| {
            let mut fresh = HVec::new_in(HeapAlloc);
            fresh
                .try_reserve_exact(bytes.len())
                .map_err(|_| AllocError { size: bytes.len() })?;
            fresh.extend_from_slice(bytes);
            *v = fresh;
            Ok(())
        })
    }

    /// Removes every byte and frees the storage.
    pub fn clear(&self) {
        self.with(|v| {
            v.clear();
            v.shrink_to_fit();
        })
    }

    /// Reverses the bytes in place.
    pub fn reverse(&self) {
        self.with(|v| v.reverse())
    }
}

#[cfg(test)]
mod tests {
    use super::ByteVec;

    #[test]
    fn edits_keep_contents() {
        crate::objects::testutil::run(|_vm| edits())
    }

    fn edits() {
        let v = ByteVec::from_slice(b"abc").unwrap();
        v.push(b'd').unwrap();
        v.insert(0, b'!').unwrap();
        v.splice(1, 3, b"XYZ").unwrap();
        assert_eq!(v.to_vec(), b"!XYZcd");
        assert_eq!(v.remove(0), Some(b'!'));
        assert_eq!(v.pop(), Some(b'd'));
        assert!(v.set(0, b'x'));
        assert!(!v.set(9, b'x'));
        v.reverse();
        assert_eq!(v.to_vec(), b"cZYx");
        v.extend_from_slice(&[0; 100]).unwrap();
        assert_eq!(v.len(), 104);
        v.replace_all(b"q").unwrap();
        assert_eq!(v.get(0), Some(b'q'));
        v.clear();
        assert!(v.is_empty());
    }
}
