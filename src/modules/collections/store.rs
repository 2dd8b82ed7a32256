//! The item storage of `collections.deque`: two heap vectors back to back, `front` holding the
//! left part in reverse order and `back` the right part, so both ends grow and shrink in
//! amortized constant time. When the end being popped runs empty, the other half is split
//! between the two (a linear step that happens at most once per half of the items popped).
//!
//! As every [`ObjVec`] user, no method runs Python code; removed references are returned to be
//! dropped by the caller.

use crate::object::{ObjRef, ObjVec};
use crate::vm::{PyResult, Vm};

/// A double-ended sequence of references.
#[derive(Default)]
pub struct DequeStore {
    front: ObjVec,
    back: ObjVec,
}

impl DequeStore {
    /// A store holding `items` in order.
    pub fn from_vec(vm: &Vm, items: Vec<ObjRef>) -> PyResult<DequeStore> {
        let back = ObjVec::from_vec(items).map_err(|e| vm.alloc_err(e))?;
        Ok(DequeStore {
            front: ObjVec::new(),
            back,
        })
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.front.len() + self.back.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at position `i` (from the left).
    pub fn get(&self, i: usize) -> Option<ObjRef> {
        let f = self.front.len();
        if i < f {
            self.front.get(f - 1 - i)
        } else {
            self.back.get(i - f)
        }
    }

    /// Replaces the item at `i`, returning the old one (or the new one back if out of range).
    pub fn set(&self, i: usize, value: ObjRef) -> Result<ObjRef, ObjRef> {
        let f = self.front.len();
        if i < f {
            self.front.set(f - 1 - i, value)
        } else {
            self.back.set(i - f, value)
        }
    }

    /// Appends on the right.
    pub fn push_back(&self, vm: &Vm, value: ObjRef) -> PyResult<()> {
        self.back.push(value).map_err(|(e, _)| vm.alloc_err(e))
    }

    /// Appends on the left.
    pub fn push_front(&self, vm: &Vm, value: ObjRef) -> PyResult<()> {
        self.front.push(value).map_err(|(e, _)| vm.alloc_err(e))
    }

    /// Removes the rightmost item.
    pub fn pop_back(&self, vm: &Vm) -> PyResult<Option<ObjRef>> {
        if self.back.is_empty() && self.front.len() > 1 {
            self.rebalance(vm)?;
        }
        Ok(match self.back.pop() {
            Some(x) => Some(x),
            None => self.front.pop(),
        })
    }

    /// Removes the leftmost item.
    pub fn pop_front(&self, vm: &Vm) -> PyResult<Option<ObjRef>> {
        if self.front.is_empty() && self.back.len() > 1 {
            self.rebalance(vm)?;
        }
        Ok(match self.front.pop() {
            Some(x) => Some(x),
            None => self.back.pop(),
        })
    }

    /// New references to every item, left to right.
    pub fn snapshot(&self) -> Vec<ObjRef> {
        let mut out = self.front.snapshot();
        out.reverse();
        out.extend(self.back.snapshot());
        out
    }

    /// Takes every item out, left to right.
    pub fn take_all(&self) -> Vec<ObjRef> {
        let mut out = self.front.take_all();
        out.reverse();
        out.extend(self.back.take_all());
        out
    }

    /// Replaces every item with `items`; the old ones are returned to be dropped.
    pub fn replace_all(&self, vm: &Vm, items: Vec<ObjRef>) -> PyResult<Vec<ObjRef>> {
        let mut old = self.take_all();
        match self.back.replace_all(items) {
            Ok(rest) => {
                old.extend(rest);
                Ok(old)
            }
            Err((e, items)) => {
                drop(items);
                // Put the old items back where they were (their storage was just freed, so
                // this may fail too; then the deque is left empty).
                if let Err((_, old)) = self.back.replace_all(old) {
                    drop(old);
                }
                Err(vm.alloc_err(e))
            }
        }
    }

    /// Splits the items evenly between the two halves.
    fn rebalance(&self, vm: &Vm) -> PyResult<()> {
        let mut all = self.take_all();
        let right = all.split_off(all.len() / 2);
        all.reverse();
        match (self.front.replace_all(all), self.back.replace_all(right)) {
            (Ok(_), Ok(_)) => Ok(()),
            (Ok(_), Err((e, right))) => {
                // Keep every item: move the left part back after the right one.
                let mut left = self.front.take_all();
                left.reverse();
                left.extend(right);
                if let Err((_, items)) = self.back.replace_all(left) {
                    drop(items);
                }
                Err(vm.alloc_err(e))
            }
            (Err((e, mut left)), back) => {
                left.reverse();
                if let Ok(rest) = back {
                    drop(rest);
                    left.extend(self.back.take_all());
                } else if let Err((_, right)) = back {
                    left.extend(right);
                }
                if let Err((_, items)) = self.back.replace_all(left) {
                    drop(items);
                }
                Err(vm.alloc_err(e))
            }
        }
    }

    /// Reports every reference.
    pub fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.front.traverse(visit);
        self.back.traverse(visit);
    }
}

#[cfg(test)]
mod tests {
    use super::DequeStore;
    use crate::objects::int;
    use crate::objects::testutil::run;

    fn values(s: &DequeStore) -> Vec<i64> {
        s.snapshot().iter().filter_map(int::as_i64).collect()
    }

    #[test]
    fn both_ends_keep_order_across_rebalancing() {
        run(|vm| {
            let s = DequeStore::default();
            for i in 0..6 {
                s.push_back(vm, int::new_int(vm, i).unwrap()).unwrap();
                s.push_front(vm, int::new_int(vm, -i - 1).unwrap()).unwrap();
            }
            assert_eq!(values(&s), vec![-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
            // Empty the left half, then pop from the left again: the right half is split.
            for want in [-6, -5, -4, -3, -2, -1, 0] {
                let x = s.pop_front(vm).unwrap().unwrap();
                assert_eq!(int::as_i64(&x), Some(want));
            }
            let x = s.pop_back(vm).unwrap().unwrap();
            assert_eq!(int::as_i64(&x), Some(5));
            assert_eq!(values(&s), vec![1, 2, 3, 4]);
            assert_eq!(s.get(0).and_then(|x| int::as_i64(&x)), Some(1));
            assert_eq!(s.get(3).and_then(|x| int::as_i64(&x)), Some(4));
            drop(s.take_all());
        });
    }
}
