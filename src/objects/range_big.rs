//! Ranges whose bounds do not fit a machine word (`range(1 << 1000)`), computed in big ints as
//! CPython computes every range, and their iterator `longrange_iterator`.
//!
//! A range whose start, stop and step all fit an `i64` keeps the machine-word fast path of
//! `objects/range.rs`; the others carry a [`BigRange`] and every operation comes here.

use crate::object::{new_object, ObjRef, PayloadVTable, PyPayload};
use crate::objects::int;
use crate::objects::range::RangeObject;
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;

/// The bounds of a range beyond machine words, and its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigRange {
    /// First value.
    pub start: BigInt,
    /// Bound (exclusive).
    pub stop: BigInt,
    /// Step (never 0).
    pub step: BigInt,
    /// Number of values.
    pub len: BigInt,
}

impl BigRange {
    /// The range `start, stop, step` (step is not zero).
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> BigRange {
        let len = length(&start, &stop, &step);
        BigRange {
            start,
            stop,
            step,
            len,
        }
    }

    /// The `i`-th value.
    pub fn at(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    /// Where `v` is, if it is one of the values.
    pub fn position(&self, v: &BigInt) -> Option<BigInt> {
        let inside = if self.step.is_positive() {
            &self.start <= v && v < &self.stop
        } else {
            &self.stop < v && v <= &self.start
        };
        if !inside {
            return None;
        }
        let (q, r) = (v - &self.start).div_rem(&self.step);
        r.is_zero().then_some(q)
    }

    /// The values as (first, step, count) with a canonical step for short ranges, for `==`
    /// and `hash` (CPython compares ranges as the sequences they are).
    pub fn canonical(&self) -> (BigInt, BigInt, BigInt) {
        if self.len.is_zero() {
            (BigInt::zero(), BigInt::zero(), BigInt::zero())
        } else if self.len.is_one() {
            (self.start.clone(), BigInt::zero(), BigInt::one())
        } else {
            (self.start.clone(), self.step.clone(), self.len.clone())
        }
    }
}

/// How many values `range(start, stop, step)` has.
pub fn length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, step) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        return BigInt::zero();
    }
    (hi - lo - 1u32) / step + 1u32
}

/// The bounds of any range, in big ints.
pub fn bounds(r: &RangeObject) -> BigRange {
    match &r.big {
        Some(b) => (**b).clone(),
        None => BigRange::new(r.start.into(), r.stop.into(), r.step.into()),
    }
}

/// A value of the range as an int object.
fn int_obj(vm: &Vm, v: &BigInt) -> PyResult<ObjRef> {
    match v.to_i64() {
        Some(i) => int::new_int(vm, i),
        None => int::new_bigint(vm, v),
    }
}

/// `len()` of a range: CPython refuses lengths beyond `sys.maxsize`.
pub fn len_or_overflow(vm: &Vm, b: &BigRange) -> PyResult<usize> {
    b.len
        .to_isize()
        .map(|n| n as usize)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

/// `r[key]` for an int or slice key.
pub fn getitem(vm: &Vm, b: &BigRange, key: &ObjRef) -> PyResult<ObjRef> {
    if let Some(s) = crate::objects::slice::as_slice(key) {
        let (start, stop, step) = slice_indices(vm, s, &b.len)?;
        return crate::objects::range::new_range_big(vm, b.at(&start), b.at(&stop), step * &b.step);
    }
    let Some(i) = crate::vm::ops::index(vm, key)? else {
        return Err(vm.type_error(&format!(
            "range indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    };
    let mut i = int::as_bigint(&i).unwrap_or_default();
    if i.is_negative() {
        i += &b.len;
    }
    if i.is_negative() || i >= b.len {
        return Err(vm.new_error(
            &crate::objects::exceptions::INDEX_ERROR,
            "range object index out of range",
        ));
    }
    int_obj(vm, &b.at(&i))
}

/// One bound of a slice (`None` or an index), in big ints.
fn slice_part(vm: &Vm, v: &ObjRef) -> PyResult<Option<BigInt>> {
    if crate::objects::none::is_none(v) {
        return Ok(None);
    }
    match crate::vm::ops::index(vm, v)? {
        Some(i) => Ok(int::as_bigint(&i)),
        None => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// A slice's (start, stop, step) over a sequence of `len` values, clamped as CPython's
/// `_PySlice_GetLongIndices` does.
fn slice_indices(
    vm: &Vm,
    s: &crate::objects::slice::SliceObject,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = slice_part(vm, &s.step)?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step.is_negative() {
        (BigInt::from(-1), len - 1u32)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |v: Option<BigInt>, default: &BigInt| match v {
        None => default.clone(),
        Some(mut v) => {
            if v.is_negative() {
                v += len;
                if v < lower {
                    v = lower.clone();
                }
            } else if v > upper {
                v = upper.clone();
            }
            v
        }
    };
    let (start_default, stop_default) = if step.is_negative() {
        (upper.clone(), lower.clone())
    } else {
        (lower.clone(), upper.clone())
    };
    let start = clamp(slice_part(vm, &s.start)?, &start_default);
    let stop = clamp(slice_part(vm, &s.stop)?, &stop_default);
    Ok((start, stop, step))
}

/// `v in r` for an exact int.
pub fn contains_int(b: &BigRange, v: &BigInt) -> bool {
    b.position(v).is_some()
}

/// `repr(r)`.
pub fn repr(b: &BigRange) -> String {
    if b.step.is_one() {
        format!("range({}, {})", b.start, b.stop)
    } else {
        format!("range({}, {}, {})", b.start, b.stop, b.step)
    }
}

/// `r.start`, `r.stop`, `r.step`.
pub fn attr(vm: &Vm, b: &BigRange, name: &str) -> PyResult<Option<ObjRef>> {
    let v = match name {
        "start" => &b.start,
        "stop" => &b.stop,
        "step" => &b.step,
        _ => return Ok(None),
    };
    int_obj(vm, v).map(Some)
}

/// `hash(r)`: CPython hashes `(len, start, step)`, with `None` for what a short range does
/// not need.
pub fn hash(vm: &Vm, b: &BigRange) -> PyResult<i64> {
    let none = crate::objects::none::none;
    let items = if b.len.is_zero() {
        vec![int_obj(vm, &b.len)?, none(), none()]
    } else if b.len.is_one() {
        vec![int_obj(vm, &b.len)?, int_obj(vm, &b.start)?, none()]
    } else {
        vec![
            int_obj(vm, &b.len)?,
            int_obj(vm, &b.start)?,
            int_obj(vm, &b.step)?,
        ]
    };
    let t = crate::objects::tuple::new_tuple(vm, items)?;
    crate::vm::ops::hash(vm, &t)
}

/// The position of `v` as an int object (`range.index` on an exact int), if present.
pub fn index_of(vm: &Vm, b: &BigRange, v: &BigInt) -> PyResult<Option<ObjRef>> {
    b.position(v).map(|p| int_obj(vm, &p)).transpose()
}

/// Iterator over a range beyond machine words (`longrange_iterator`).
pub struct LongRangeIter {
    state: RefCell<LongRangeState>,
}

struct LongRangeState {
    next: BigInt,
    step: BigInt,
    remaining: BigInt,
}

impl PyPayload for LongRangeIter {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(LongRangeIter);

static LONG_RANGE_ITER_VTABLE: PayloadVTable = PayloadVTable::of::<LongRangeIter>();

/// An iterator over `len` values from `start` by `step`.
pub fn new_long_range_iter(vm: &Vm, start: BigInt, step: BigInt, len: BigInt) -> PyResult<ObjRef> {
    let it = LongRangeIter {
        state: RefCell::new(LongRangeState {
            next: start,
            step,
            remaining: len,
        }),
    };
    new_object(&LONG_RANGE_ITER_TYPE, it).or_mem(vm)
}

/// The reversed iterator of a big range.
pub fn reversed(vm: &Vm, b: &BigRange) -> PyResult<ObjRef> {
    let last = if b.len.is_zero() {
        b.start.clone()
    } else {
        b.at(&(&b.len - 1u32))
    };
    new_long_range_iter(vm, last, -&b.step, b.len.clone())
}

fn long_range_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(it) = obj.downcast::<LongRangeIter>() else {
        return Ok(None);
    };
    let v = {
        let mut s = it.state.borrow_mut();
        if !s.remaining.is_positive() {
            return Ok(None);
        }
        s.remaining -= 1u32;
        let v = s.next.clone();
        let step = s.step.clone();
        s.next += step;
        v
    };
    int_obj(vm, &v).map(Some)
}

fn long_range_length_hint(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__length_hint__", kw)?;
    crate::vm::args::check_count(vm, "__length_hint__", args, 0, 0)?;
    let n = this
        .downcast::<LongRangeIter>()
        .map(|it| it.state.borrow().remaining.clone())
        .unwrap_or_default();
    int_obj(vm, &n)
}

/// `longrange_iterator.__reduce__()`: `(iter, (range(next, next + remaining * step, step),),
/// None)`.
fn long_range_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::objects::iter::reduce_args(vm, this, args, kw)?;
    let it = this
        .downcast::<LongRangeIter>()
        .ok_or_else(|| vm.type_error("expected a longrange_iterator"))?;
    let (start, step, stop) = {
        let s = it.state.borrow();
        let stop = &s.next + &s.remaining * &s.step;
        (s.next.clone(), s.step.clone(), stop)
    };
    let bounds = [
        int_obj(vm, &start)?,
        int_obj(vm, &stop)?,
        int_obj(vm, &step)?,
    ];
    let range_type = ObjRef::from_type(&crate::objects::range::RANGE_TYPE);
    let range = crate::vm::ops::call(vm, &range_type, &bounds, None)?;
    let iter = crate::objects::iter::builtin_iter(vm)?;
    let none = crate::objects::none::none();
    crate::objects::iter::reduce_value(vm, iter, vec![range], Some(none))
}

/// `longrange_iterator.__setstate__(n)`: skips `n` values, clamped to `0..=remaining`.
fn long_range_setstate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let state = crate::objects::iter::setstate_arg(vm, this, args, kw)?;
    let n = match int::value(&state) {
        Some(int::IntValue::Small(v)) => BigInt::from(v),
        Some(int::IntValue::Big(b)) => b.clone(),
        None => return Err(vm.type_error("an integer is required")),
    };
    if let Some(it) = this.downcast::<LongRangeIter>() {
        let mut s = it.state.borrow_mut();
        let n = n.clamp(BigInt::zero(), s.remaining.clone());
        let skip = &n * &s.step;
        s.next += skip;
        s.remaining -= n;
    }
    Ok(crate::objects::none::none())
}

static LONG_RANGE_ITER_METHODS: [crate::object::MethodDef; 3] = [
    crate::object::MethodDef {
        name: "__length_hint__",
        func: long_range_length_hint,
        flags: 0,
    },
    crate::object::MethodDef {
        name: "__reduce__",
        func: long_range_reduce,
        flags: 0,
    },
    crate::object::MethodDef {
        name: "__setstate__",
        func: long_range_setstate,
        flags: 0,
    },
];

/// `longrange_iterator`.
pub static LONG_RANGE_ITER_TYPE: crate::object::TypeObject = crate::object::TypeObject {
    header: crate::object::ObjHeader::immortal(&crate::objects::typetype::TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "longrange_iterator",
    base: Some(&crate::objects::typetype::OBJECT_TYPE),
    flags: 0,
    payload: &LONG_RANGE_ITER_VTABLE,
    slots: crate::object::Slots {
        iter: Some(crate::objects::iter::self_iter),
        next: Some(long_range_next),
        ..crate::object::Slots::EMPTY
    },
    methods: &LONG_RANGE_ITER_METHODS,
    doc: "",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_agree_with_the_definition() {
        for (a, b, s) in [
            (0, 10, 1),
            (0, 10, 3),
            (10, 0, -3),
            (5, 5, 1),
            (0, -5, 1),
            (-7, 8, 4),
        ] {
            let expected = if s > 0 {
                (a..b).step_by(s as usize).count()
            } else {
                (b + 1..=a).rev().step_by((-s) as usize).count()
            };
            let got = length(&a.into(), &b.into(), &s.into());
            assert_eq!(got, BigInt::from(expected), "range({a}, {b}, {s})");
        }
    }

    #[test]
    fn positions_and_canonical_forms() {
        let big = BigInt::one() << 100u32;
        let r = BigRange::new(BigInt::zero(), big.clone(), BigInt::from(3));
        assert_eq!(r.position(&BigInt::from(9)), Some(BigInt::from(3)));
        assert_eq!(r.position(&BigInt::from(10)), None);
        assert_eq!(r.position(&big), None);
        let one = BigRange::new(big.clone(), &big + 1u32, BigInt::from(7));
        assert_eq!(one.canonical(), (big, BigInt::zero(), BigInt::one()));
    }
}
