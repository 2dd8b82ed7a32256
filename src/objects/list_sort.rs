//! `list.sort(*, key=None, reverse=False)` and the stable sort behind it and `sorted()`.
//!
//! The algorithm is CPython's timsort (`Objects/listsort.txt`) without galloping: natural runs
//! (`count_run`: ascending, or strictly descending and then reversed), short runs extended to
//! `minrun` by binary insertion, and a stack of runs merged while timsort's length invariants
//! fail. Only `<` is used, through `richcompare`, so any Python objects can be sorted, and a
//! comparison that raises stops the sort. It sorts a permutation of indexes into the key array,
//! so every intermediate state is a permutation: a failed merge puts its buffered run back
//! before returning (as CPython's `merge_lo` does), and the list never loses an item.
//!
//! As in CPython, the list appears empty while it is sorted; if Python code (a key function, a
//! comparison, or a key's finalizer) adds to it or removes from it meanwhile — even when it ends
//! up empty again — whatever it holds is discarded and `ValueError: list modified during sort`
//! is raised. `reverse=True` reverses before and after a stable sort, so equal
//! items keep their original order.

use crate::object::CompareOp;
use crate::object::{ObjRef, ObjVec};
use crate::objects::list::{set_all, storage_or_err};
use crate::objects::none::{is_none, none};
use crate::objects::slice;
use crate::vm::{ops, PyErr, PyResult, Vm};

/// The `<` used by the sort: `keys[x] < keys[y]`, possibly raising.
type LessThan<'a> = dyn FnMut(usize, usize) -> PyResult<bool> + 'a;

/// CPython's `merge_compute_minrun`: a run length in 32..=64 such that `n / minrun` is close
/// to (and at most) a power of two.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

struct Sorter<'a, 'b> {
    a: Vec<usize>,
    lt: &'a mut LessThan<'b>,
    /// Pending runs as `(base, len)`, adjacent and in order.
    runs: Vec<(usize, usize)>,
}

impl Sorter<'_, '_> {
    /// Length of the run starting at `lo` (before `hi`), and whether it is strictly descending.
    fn count_run(&mut self, lo: usize, hi: usize) -> PyResult<(usize, bool)> {
        if lo + 1 == hi {
            return Ok((1, false));
        }
        let descending = (self.lt)(self.a[lo + 1], self.a[lo])?;
        let mut n = 2;
        let mut i = lo + 2;
        while i < hi {
            let less = (self.lt)(self.a[i], self.a[i - 1])?;
            if less != descending {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, descending))
    }

    /// Sorts `a[lo..hi]` by binary insertion, given that `a[lo..start]` is already sorted.
    fn binary_sort(&mut self, lo: usize, hi: usize, start: usize) -> PyResult<()> {
        for s in start..hi {
            let pivot = self.a[s];
            let (mut l, mut r) = (lo, s);
            while l < r {
                let p = l + ((r - l) >> 1);
                if (self.lt)(pivot, self.a[p])? {
                    r = p;
                } else {
                    l = p + 1;
                }
            }
            self.a.copy_within(l..s, l + 1);
            self.a[l] = pivot;
        }
        Ok(())
    }

    /// Merges the adjacent runs `i` and `i + 1` of the stack.
    fn merge_at(&mut self, i: usize) -> PyResult<()> {
        let (base1, len1) = self.runs[i];
        let (base2, len2) = self.runs[i + 1];
        debug_assert_eq!(
            base1 + len1,
            base2,
            "runs {i} and {} are not adjacent",
            i + 1
        );
        self.runs[i] = (base1, len1 + len2);
        self.runs.remove(i + 1);
        let tmp: Vec<usize> = self.a[base1..base2].to_vec();
        let end = base2 + len2;
        let (mut t, mut j, mut dest) = (0, base2, base1);
        while t < len1 && j < end {
            match (self.lt)(self.a[j], tmp[t]) {
                Ok(true) => {
                    self.a[dest] = self.a[j];
                    j += 1;
                }
                Ok(false) => {
                    self.a[dest] = tmp[t];
                    t += 1;
                }
                Err(e) => {
                    // The gap a[dest..j] is exactly as long as what is left of tmp.
                    self.a[dest..dest + (len1 - t)].copy_from_slice(&tmp[t..]);
                    return Err(e);
                }
            }
            dest += 1;
        }
        self.a[dest..dest + (len1 - t)].copy_from_slice(&tmp[t..]);
        Ok(())
    }

    /// Restores timsort's invariants on the run stack (lengths grow faster than Fibonacci from
    /// the top down), merging as needed.
    fn merge_collapse(&mut self) -> PyResult<()> {
        while self.runs.len() > 1 {
            let mut n = self.runs.len() - 2;
            let len = |k: usize| self.runs[k].1;
            if (n > 0 && len(n - 1) <= len(n) + len(n + 1))
                || (n > 1 && len(n - 2) <= len(n - 1) + len(n))
            {
                if len(n - 1) < len(n + 1) {
                    n -= 1;
                }
                self.merge_at(n)?;
            } else if len(n) <= len(n + 1) {
                self.merge_at(n)?;
            } else {
                break;
            }
        }
        Ok(())
    }

    fn run(&mut self) -> PyResult<()> {
        let n = self.a.len();
        if n < 2 {
            return Ok(());
        }
        let minrun = compute_minrun(n);
        let mut lo = 0;
        while lo < n {
            let (mut len, descending) = self.count_run(lo, n)?;
            if descending {
                self.a[lo..lo + len].reverse();
            }
            if len < minrun {
                let force = minrun.min(n - lo);
                self.binary_sort(lo, lo + force, lo + len)?;
                len = force;
            }
            self.runs.push((lo, len));
            self.merge_collapse()?;
            lo += len;
        }
        while self.runs.len() > 1 {
            let mut k = self.runs.len() - 2;
            if k > 0 && self.runs[k - 1].1 < self.runs[k + 1].1 {
                k -= 1;
            }
            self.merge_at(k)?;
        }
        Ok(())
    }
}

/// Sorts the positions `0..n` stably by `lt`. Always returns a permutation; on a failed
/// comparison it is partially sorted and the error is returned beside it.
pub fn stable_sort(n: usize, lt: &mut LessThan<'_>) -> (Vec<usize>, Option<PyErr>) {
    let mut s = Sorter {
        a: (0..n).collect(),
        lt,
        runs: Vec::new(),
    };
    let err = s.run().err();
    (s.a, err)
}

/// Sorts a list in place (CPython's `list.sort`), with an optional key function.
pub fn sort_list(vm: &Vm, list: &ObjRef, key: Option<&ObjRef>, reverse: bool) -> PyResult<()> {
    let v = storage_or_err(vm, list)?;
    // The list is marked while its items are out: any change of its length is seen below. A
    // list already marked is being sorted further up the stack (a key or comparison sorts it
    // again): this sort finds it empty and, as CPython, leaves it marked for the outer one.
    let nested = v.sort_untouched();
    let items = v.begin_sort();
    let keys = match key {
        None => items.clone(),
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                match ops::call(vm, f, std::slice::from_ref(item), None) {
                    Ok(k) => keys.push(k),
                    Err(e) => {
                        // The keys go first (their finalizers may touch the list), then the
                        // items come back, whatever the list holds by now.
                        drop(keys);
                        put_back(vm, v, items, nested)?;
                        return Err(e);
                    }
                }
            }
            keys
        }
    };
    let n = items.len();
    let mut lt = |x: usize, y: usize| -> PyResult<bool> {
        let r = ops::richcompare(vm, &keys[x], &keys[y], CompareOp::Lt)?;
        ops::truthy(vm, &r)
    };
    let (perm, err) = if reverse {
        // Reverse, sort stably, reverse back: equal keys keep their original order.
        let mut rev_lt = |x: usize, y: usize| lt(n - 1 - x, n - 1 - y);
        let (p, e) = stable_sort(n, &mut rev_lt);
        (
            p.into_iter().rev().map(|i| n - 1 - i).collect::<Vec<_>>(),
            e,
        )
    } else {
        stable_sort(n, &mut lt)
    };
    // The keys are released before the check, as CPython does: a key's finalizer that
    // changes the list counts as a change during the sort.
    drop(keys);
    let modified = !v.sort_untouched();
    let sorted: Vec<ObjRef> = perm.into_iter().map(|i| items[i].clone()).collect();
    drop(items);
    put_back(vm, v, sorted, nested)?;
    match err {
        Some(e) => Err(e),
        None if modified => Err(vm.value_error("list modified during sort")),
        None => Ok(()),
    }
}

/// Gives a sorted list its items back (whatever it holds by now is dropped); a nested sort
/// (`nested`, its items are none) leaves the list marked, as the outer sort expects it.
fn put_back(vm: &Vm, v: &ObjVec, items: Vec<ObjRef>, nested: bool) -> PyResult<()> {
    if nested {
        drop(items);
        drop(v.begin_sort());
        Ok(())
    } else {
        set_all(vm, v, items)
    }
}

/// Parses `key=` and `reverse=` of `sort()`/`sorted()`; `name` is used in the messages.
pub(crate) fn sort_options(
    vm: &Vm,
    name: &str,
    kwargs: &[(&str, &ObjRef)],
) -> PyResult<(Option<ObjRef>, bool)> {
    let mut key = None;
    let mut reverse = false;
    for (k, value) in kwargs {
        match *k {
            "key" => {
                key = if is_none(value) {
                    None
                } else {
                    Some((*value).clone())
                }
            }
            "reverse" => reverse = slice::as_ssize(vm, value)? != 0,
            other => {
                return Err(vm.type_error(&format!(
                    "'{other}' is an invalid keyword argument for {name}()"
                )))
            }
        }
    }
    Ok((key, reverse))
}

/// `list.sort(*, key=None, reverse=False)`.
pub(crate) fn m_sort(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    if !pos.is_empty() {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let (key, reverse) = sort_options(vm, "sort", &kw)?;
    sort_list(vm, this, key.as_ref(), reverse)?;
    Ok(none())
}

#[cfg(test)]
mod tests {
    use super::{compute_minrun, stable_sort};

    #[test]
    fn minrun_like_cpython() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(compute_minrun(2112), 33);
    }

    /// The sort is stable and total on many shapes, including runs, reversals and duplicates.
    #[test]
    fn sorts_permutations_stably() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 10, 63, 64, 65, 200, 1000, 5000] {
            for shape in 0..4 {
                let keys: Vec<u64> = (0..n)
                    .map(|i| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        match shape {
                            0 => seed >> 60,
                            1 => i as u64,
                            2 => (n - i) as u64,
                            _ => (i % 7) as u64 * 3 + (seed >> 63),
                        }
                    })
                    .collect();
                let (p, e) = stable_sort(n, &mut |x, y| Ok(keys[x] < keys[y]));
                assert!(e.is_none());
                let mut expect: Vec<usize> = (0..n).collect();
                expect.sort_by_key(|&i| keys[i]);
                assert_eq!(p, expect, "n={n} shape={shape}");
            }
        }
    }

    /// An inconsistent comparator (as Python objects can be) still yields a permutation.
    #[test]
    fn inconsistent_comparator_keeps_a_permutation() {
        let n = 500;
        let keys: Vec<usize> = (0..n).map(|i| (i * 7919) % n).collect();
        let mut calls = 0u32;
        let (mut p, e) = stable_sort(n, &mut |x, y| {
            calls += 1;
            Ok(if calls.is_multiple_of(3) {
                keys[x] > keys[y]
            } else {
                keys[x] < keys[y]
            })
        });
        assert!(e.is_none());
        p.sort();
        assert_eq!(p, (0..n).collect::<Vec<_>>());
    }
}
