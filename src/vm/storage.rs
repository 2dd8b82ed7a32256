//! Sizing storage before building it: every operation whose result size comes from a number
//! the program chose (`'x' * n`, `bytes(n)`, `[0] * n`, `s.ljust(n)`, `sep.join(parts)`,
//! collecting an iterator...) computes the bytes it needs with checked arithmetic and asks the
//! heap ([`crate::object::heap::check_request`]) before touching any memory. A request that
//! would pass `--max-heap`, or that no allocator could serve, is `MemoryError` at once, so an
//! interpreter run with a limit never makes the machine page in the memory it refuses.
//!
//! Results are often built in a Rust `String` or `Vec` first and then copied into their
//! object, which lives in the heap. Those temporaries grow here too: [`Grow`] checks each new
//! capacity against the heap (the object they become will need as much) and reserves with
//! `try_reserve`, so that even without a limit a request the system refuses is `MemoryError`,
//! never an abort.

use super::{PyResult, Vm};
use crate::object::heap;

/// Below this many bytes a request is not worth asking about ahead: building it touches no
/// more memory than the interpreter's own bookkeeping would.
pub const SMALL_REQUEST: usize = 4096;

impl Vm {
    /// `MemoryError` unless `count` items of `item_size` bytes could be allocated from the
    /// heap now (the product overflowing counts as too much); the total in bytes otherwise.
    pub fn check_storage(&self, count: usize, item_size: usize) -> PyResult<usize> {
        let bytes = count
            .checked_mul(item_size)
            .ok_or_else(|| self.memory_error_err())?;
        self.check_bytes(bytes)?;
        Ok(bytes)
    }

    /// `MemoryError` unless `bytes` bytes could be allocated from the heap now. Requests
    /// under [`SMALL_REQUEST`] are left to the allocation itself, which checks the limit too.
    #[inline]
    pub fn check_bytes(&self, bytes: usize) -> PyResult<()> {
        if bytes < SMALL_REQUEST {
            return Ok(());
        }
        self.check_large(bytes)
    }

    #[inline(never)]
    fn check_large(&self, bytes: usize) -> PyResult<()> {
        if heap::has_heap() {
            heap::check_request(bytes).map_err(|e| self.alloc_err(e))?;
        } else if bytes > isize::MAX as usize {
            return Err(self.memory_error_err());
        }
        Ok(())
    }
}

/// Growing a Rust buffer that will become (part of) an object, checked against the heap.
pub trait Grow {
    /// Makes room for `additional` more elements: `MemoryError` if the grown buffer could not
    /// be allocated from the heap or the system refuses it. Grows geometrically, so pushing
    /// one element at a time through this stays linear.
    fn grow(&mut self, vm: &Vm, additional: usize) -> PyResult<()>;
}

fn grown_capacity(
    vm: &Vm,
    len: usize,
    cap: usize,
    additional: usize,
    item: usize,
) -> PyResult<usize> {
    let needed = len
        .checked_add(additional)
        .ok_or_else(|| vm.memory_error_err())?;
    vm.check_storage(needed, item.max(1))?;
    // Doubling keeps pushes amortised constant; past what the heap would allow now, grow
    // only to what is needed (already checked above).
    let doubled = cap.saturating_mul(2).max(needed).max(8);
    match doubled.checked_mul(item.max(1)) {
        Some(bytes) if vm.check_bytes(bytes).is_ok() => Ok(doubled),
        _ => Ok(needed),
    }
}

impl<T> Grow for Vec<T> {
    fn grow(&mut self, vm: &Vm, additional: usize) -> PyResult<()> {
        if self.capacity() - self.len() >= additional {
            return Ok(());
        }
        let item = std::mem::size_of::<T>();
        let cap = grown_capacity(vm, self.len(), self.capacity(), additional, item)?;
        self.try_reserve_exact(cap - self.len())
            .map_err(|_| vm.memory_error_err())
    }
}

impl Grow for String {
    fn grow(&mut self, vm: &Vm, additional: usize) -> PyResult<()> {
        if self.capacity() - self.len() >= additional {
            return Ok(());
        }
        let cap = grown_capacity(vm, self.len(), self.capacity(), additional, 1)?;
        self.try_reserve_exact(cap - self.len())
            .map_err(|_| vm.memory_error_err())
    }
}

/// An empty vector with room for `n` elements, checked against the heap first.
pub fn vec_with_capacity<T>(vm: &Vm, n: usize) -> PyResult<Vec<T>> {
    if n.saturating_mul(std::mem::size_of::<T>()) < SMALL_REQUEST {
        return Ok(Vec::with_capacity(n));
    }
    vm.check_storage(n, std::mem::size_of::<T>().max(1))?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| vm.memory_error_err())?;
    Ok(v)
}

/// An empty string with room for `n` bytes, checked against the heap first.
pub fn string_with_capacity(vm: &Vm, n: usize) -> PyResult<String> {
    if n < SMALL_REQUEST {
        return Ok(String::with_capacity(n));
    }
    vm.check_bytes(n)?;
    let mut s = String::new();
    s.try_reserve_exact(n).map_err(|_| vm.memory_error_err())?;
    Ok(s)
}

/// Pushes `x`, growing `v` through [`Grow`].
#[inline]
pub fn push<T>(vm: &Vm, v: &mut Vec<T>, x: T) -> PyResult<()> {
    if v.len() == v.capacity() {
        v.grow(vm, 1)?;
    }
    v.push(x);
    Ok(())
}

/// Appends `s` to `out`, growing it through [`Grow`] (for results assembled from pieces whose
/// total the program controls: reprs of containers, formatted strings).
#[inline]
pub fn push_str(vm: &Vm, out: &mut String, s: &str) -> PyResult<()> {
    out.grow(vm, s.len())?;
    out.push_str(s);
    Ok(())
}
