//! The tables of a code object under construction (`co_consts`, `co_names`, `co_varnames`,
//! `co_cellvars`, `co_freevars`): entries in first-added order, each found again through a
//! hash index, so that adding or looking up an entry costs the same with 100,000 entries as
//! with ten (a module of many assignments compiles in linear time).
//!
//! Constants are shared as CPython shares them (`_PyCode_ConstantKey`): by type and value, so
//! `1`, `1.0`, `True` and `-0.0`/`0.0` stay distinct entries, a tuple matches a tuple of the
//! same constants item by item, and code objects are never shared.

use std::hash::{BuildHasher, Hash, Hasher};

use hashbrown::{DefaultHashBuilder, HashTable};

use super::code::Constant;

/// Distinct names in first-added order, with a hash index from name to position.
#[derive(Debug, Default, Clone)]
pub struct NameTable {
    items: Vec<String>,
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl NameTable {
    /// A table of `names`, which must be distinct (later duplicates are dropped).
    pub fn from_names(names: Vec<String>) -> NameTable {
        let mut t = NameTable::default();
        for n in names {
            t.insert(n);
        }
        t
    }

    /// Position of `name`, if present.
    pub fn get(&self, name: &str) -> Option<u32> {
        let h = self.hasher.hash_one(name);
        self.index
            .find(h, |&i| self.items[i as usize] == name)
            .copied()
    }

    /// Position of `name`, adding it at the end if new.
    pub fn add(&mut self, name: &str) -> u32 {
        match self.get(name) {
            Some(i) => i,
            None => self.push_new(name.to_string()),
        }
    }

    fn insert(&mut self, name: String) -> u32 {
        match self.get(&name) {
            Some(i) => i,
            None => self.push_new(name),
        }
    }

    fn push_new(&mut self, name: String) -> u32 {
        let i = self.items.len() as u32;
        let h = self.hasher.hash_one(name.as_str());
        let (items, hasher) = (&self.items, &self.hasher);
        self.index
            .insert_unique(h, i, |&j| hasher.hash_one(items[j as usize].as_str()));
        self.items.push(name);
        i
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The names in order.
    pub fn as_slice(&self) -> &[String] {
        &self.items
    }

    /// The names in order, consuming the table.
    pub fn into_vec(self) -> Vec<String> {
        self.items
    }
}

/// Distinct constants in first-added order, with a hash index by (type, value).
#[derive(Debug, Default, Clone)]
pub struct ConstTable {
    items: Vec<Constant>,
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl ConstTable {
    /// Position of `c`, adding it at the end if no identical constant is present. Code
    /// objects are always added.
    pub fn add(&mut self, c: Constant) -> u32 {
        let i = self.items.len() as u32;
        if matches!(c, Constant::Code(_)) {
            self.items.push(c);
            return i;
        }
        let h = self.hash(&c);
        if let Some(&found) = self
            .index
            .find(h, |&j| const_identical(&self.items[j as usize], &c))
        {
            return found;
        }
        let (items, hasher) = (&self.items, &self.hasher);
        self.index
            .insert_unique(h, i, |&j| const_hash(hasher, &items[j as usize]));
        self.items.push(c);
        i
    }

    fn hash(&self, c: &Constant) -> u64 {
        const_hash(&self.hasher, c)
    }

    /// Number of constants.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The constants in order.
    pub fn as_slice(&self) -> &[Constant] {
        &self.items
    }

    /// The constants in order, consuming the table.
    pub fn into_vec(self) -> Vec<Constant> {
        self.items
    }
}

impl std::ops::Index<usize> for ConstTable {
    type Output = Constant;
    fn index(&self, i: usize) -> &Constant {
        &self.items[i]
    }
}

fn const_hash(hasher: &DefaultHashBuilder, c: &Constant) -> u64 {
    let mut h = hasher.build_hasher();
    hash_const(c, &mut h);
    h.finish()
}

/// Feeds `c`'s identity key (type and value; floats by their bits) to `h`, consistent with
/// [`const_identical`]: identical constants hash alike.
fn hash_const(c: &Constant, h: &mut impl Hasher) {
    std::mem::discriminant(c).hash(h);
    match c {
        Constant::None | Constant::Ellipsis | Constant::Code(_) => {}
        Constant::Bool(b) => b.hash(h),
        Constant::Int(i) => i.hash(h),
        Constant::Float(f) => f.to_bits().hash(h),
        Constant::Complex(re, im) => (re.to_bits(), im.to_bits()).hash(h),
        Constant::Str(s) => s.hash(h),
        Constant::StrSurrogates(b) => b.hash(h),
        Constant::Bytes(b) => b.hash(h),
        Constant::Tuple(items) => {
            items.len().hash(h);
            for item in items {
                hash_const(item, h);
            }
        }
    }
}

/// Constants are shared only when they are the same value *and* type (`1`, `1.0`, `True`
/// and `-0.0`/`0.0` stay distinct, as in CPython).
fn const_identical(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Complex(a1, a2), Constant::Complex(b1, b2)) => {
            a1.to_bits() == b1.to_bits() && a2.to_bits() == b2.to_bits()
        }
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| const_identical(p, q))
        }
        (Constant::Code(_), _) | (_, Constant::Code(_)) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    #[test]
    fn names_keep_first_added_order() {
        let mut t = NameTable::default();
        assert_eq!(t.add("a"), 0);
        assert_eq!(t.add("b"), 1);
        assert_eq!(t.add("a"), 0);
        assert_eq!(t.get("b"), Some(1));
        assert_eq!(t.get("c"), None);
        assert_eq!(t.as_slice(), ["a", "b"]);
        let t = NameTable::from_names(vec!["x".into(), "y".into(), "x".into()]);
        assert_eq!(t.into_vec(), ["x", "y"]);
    }

    #[test]
    fn many_names_index_correctly() {
        let mut t = NameTable::default();
        for i in 0..100_000u32 {
            assert_eq!(t.add(&format!("v{i}")), i);
        }
        for i in (0..100_000u32).step_by(997) {
            assert_eq!(t.add(&format!("v{i}")), i);
        }
        assert_eq!(t.len(), 100_000);
    }

    #[test]
    fn constants_are_shared_by_type_and_value() {
        let mut t = ConstTable::default();
        let one = t.add(Constant::Int(BigInt::from(1)));
        let fone = t.add(Constant::Float(1.0));
        let t_ = t.add(Constant::Bool(true));
        let zero = t.add(Constant::Float(0.0));
        let nzero = t.add(Constant::Float(-0.0));
        assert_eq!(
            [one, fone, t_, zero, nzero].len(),
            [one, fone, t_, zero, nzero]
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
        );
        assert_eq!(t.add(Constant::Int(BigInt::from(1))), one);
        assert_eq!(t.add(Constant::Float(-0.0)), nzero);
        assert_eq!(t.add(Constant::Complex(0.0, -0.0)), 5);
        assert_eq!(t.add(Constant::Complex(0.0, 0.0)), 6);
        let tup = |v: Constant| Constant::Tuple(vec![Constant::Str("a".into()), v]);
        let a = t.add(tup(Constant::Int(BigInt::from(1))));
        let b = t.add(tup(Constant::Bool(true)));
        assert_ne!(a, b);
        assert_eq!(t.add(tup(Constant::Int(BigInt::from(1)))), a);
        assert_eq!(t.add(Constant::Str("1".into())), 9);
        assert_eq!(t.add(Constant::Bytes(b"1".to_vec())), 10);
        assert_eq!(t.add(Constant::None), 11);
        assert_eq!(t.add(Constant::None), 11);
        assert_eq!(t.add(Constant::Ellipsis), 12);
    }

    #[test]
    fn nan_constants_with_the_same_bits_are_shared() {
        let mut t = ConstTable::default();
        let a = t.add(Constant::Float(f64::NAN));
        assert_eq!(t.add(Constant::Float(f64::NAN)), a);
    }

    #[test]
    fn code_constants_are_never_shared() {
        let mut t = ConstTable::default();
        let unit =
            crate::compiler::compile("pass", "<t>", crate::compiler::Mode::Exec).expect("compiles");
        let a = t.add(Constant::Code(Box::new(unit.clone())));
        let b = t.add(Constant::Code(Box::new(unit)));
        assert_ne!(a, b);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn many_constants_index_correctly() {
        let mut t = ConstTable::default();
        for i in 0..70_000u32 {
            assert_eq!(t.add(Constant::Int(BigInt::from(i))), 2 * i);
            assert_eq!(t.add(Constant::Float(f64::from(i))), 2 * i + 1);
        }
        assert_eq!(t.add(Constant::Int(BigInt::from(69_999))), 2 * 69_999);
        assert_eq!(t.len(), 140_000);
    }
}
