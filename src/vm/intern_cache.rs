//! A small cache in front of [`super::Vm::intern`].
//!
//! Native code interns the same few names over and over (a dunder slot looking up `__eq__`
//! on every comparison, `__init__` on every instance made), almost always from a string
//! constant of the binary, so the text's address repeats. The cache maps a text's address and
//! length to the interned str found for it last time, direct-mapped; a hit is confirmed by
//! comparing the text itself (the address may be a temporary's, reused for other text), so the
//! answer is always the interned table's. A hit costs no hashing and no dict probe.

use crate::object::{ObjRef, ObjVec};
use crate::objects::str as pystr;
use std::cell::Cell;

/// Entries (a power of two).
const SLOTS: usize = 64;

/// The cache: for each slot, the text address and length last stored there, and the str.
pub struct InternCache {
    keys: [Cell<(usize, usize)>; SLOTS],
    /// The interned strs, `SLOTS` of them once filled (`None` placeholders until a slot is
    /// used; a slot whose key has length 0 is empty).
    strs: ObjVec,
}

impl Default for InternCache {
    fn default() -> Self {
        InternCache {
            keys: std::array::from_fn(|_| Cell::new((0, 0))),
            strs: ObjVec::new(),
        }
    }
}

/// The slot of a text address and length.
#[inline]
fn slot(addr: usize, len: usize) -> usize {
    ((addr >> 3) ^ (addr >> 9) ^ len) & (SLOTS - 1)
}

impl InternCache {
    /// The interned str for `s` if the cache holds it.
    #[inline]
    pub fn get(&self, s: &str) -> Option<ObjRef> {
        let key = (s.as_ptr() as usize, s.len());
        if key.1 == 0 {
            return None;
        }
        let i = slot(key.0, key.1);
        if self.keys[i].get() != key {
            return None;
        }
        let r = self.strs.get(i)?;
        (pystr::as_str(&r) == Some(s)).then_some(r)
    }

    /// Remembers that `s` interns to `r`. Storing may fail only while the placeholders are
    /// made (the heap refusing a few hundred bytes): the cache then stays empty.
    pub fn put(&self, s: &str, r: &ObjRef) {
        if s.is_empty() {
            return;
        }
        if self.strs.is_empty() {
            for _ in 0..SLOTS {
                if self.strs.push(crate::objects::none::none()).is_err() {
                    return;
                }
            }
        }
        let i = slot(s.as_ptr() as usize, s.len());
        if let Ok(old) = self.strs.set(i, r.clone()) {
            self.keys[i].set((s.as_ptr() as usize, s.len()));
            drop(old);
        }
    }

    /// Empties the cache and returns its references for the caller to drop. Teardown does this
    /// before it releases the interned table, so which strs the cache happened to hold (slots
    /// follow text addresses, which differ from run to run) does not change the order in
    /// which strs are freed: a heap trace of the run is the same every time.
    pub fn clear(&self) -> Vec<ObjRef> {
        for k in &self.keys {
            k.set((0, 0));
        }
        self.strs.take_all()
    }
}

#[cfg(test)]
mod tests {
    use crate::vm::interp::{Config, Interpreter};

    #[test]
    fn the_cache_answers_what_the_table_does() {
        let i = Interpreter::new(Config::default(), Box::new(std::io::sink())).unwrap();
        let vm = i.vm();
        let a = vm.intern("__eq__").unwrap();
        let b = vm.intern("__eq__").unwrap();
        assert!(a.is(&b));
        // The same buffer holding other text: the cached entry must not answer.
        let mut buf = String::from("__lt__");
        let lt = vm.intern(&buf).unwrap();
        buf.replace_range(.., "__gt__");
        let gt = vm.intern(&buf).unwrap();
        assert!(!lt.is(&gt));
        assert_eq!(crate::objects::str::as_str(&gt), Some("__gt__"));
        assert!(gt.is(&vm.intern("__gt__").unwrap()));
        assert!(vm.intern("").unwrap().is(&vm.intern("").unwrap()));
    }
}
