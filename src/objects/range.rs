//! `range`: an immutable arithmetic progression of ints.

use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::int;
use crate::objects::range_big::{self, BigRange};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

/// Payload of a range: machine-word bounds, or (when one does not fit) big ones in `big`, in
/// which case the word fields are unused (0, 0, 1) and `objects::range_big` computes.
pub struct RangeObject {
    /// First value.
    pub start: i64,
    /// Bound (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
    /// The bounds when they do not fit machine words.
    pub big: Option<Box<BigRange>>,
}

impl PyPayload for RangeObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(RangeObject);

static RANGE_VTABLE: PayloadVTable = PayloadVTable::of::<RangeObject>();

impl RangeObject {
    /// Number of values.
    pub fn len(&self) -> usize {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            if lo < hi {
                (hi - lo - 1) / step + 1
            } else {
                0
            }
        } else if lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as usize
    }

    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th value.
    pub fn at(&self, i: usize) -> i64 {
        (self.start as i128 + self.step as i128 * i as i128) as i64
    }
}

/// `range(start, stop, step)`.
pub fn new_range(vm: &Vm, start: i64, stop: i64, step: i64) -> PyResult<ObjRef> {
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    let r = RangeObject {
        start,
        stop,
        step,
        big: None,
    };
    new_object(&RANGE_TYPE, r).or_mem(vm)
}

/// `range(start, stop, step)` over big ints (machine words when they fit).
pub fn new_range_big(vm: &Vm, start: BigInt, stop: BigInt, step: BigInt) -> PyResult<ObjRef> {
    use num_traits::{ToPrimitive, Zero};
    if step.is_zero() {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    if let (Some(a), Some(b), Some(c)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
        return new_range(vm, a, b, c);
    }
    let r = RangeObject {
        start: 0,
        stop: 0,
        step: 1,
        big: Some(Box::new(BigRange::new(start, stop, step))),
    };
    new_object(&RANGE_TYPE, r).or_mem(vm)
}

fn range_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let r = obj
        .downcast::<RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    if let Some(b) = &r.big {
        return crate::objects::str::new_str_vm(vm, &range_big::repr(b));
    }
    let s = if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    };
    crate::objects::str::new_str_vm(vm, &s)
}

fn range_len(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    let Some(r) = obj.downcast::<RangeObject>() else {
        return Ok(0);
    };
    match &r.big {
        Some(b) => range_big::len_or_overflow(vm, b),
        None if r.len() > isize::MAX as usize => {
            Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        None => Ok(r.len()),
    }
}

fn range_bool(_vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    use num_traits::Zero;
    Ok(obj.downcast::<RangeObject>().is_some_and(|r| match &r.big {
        Some(b) => !b.len.is_zero(),
        None => !r.is_empty(),
    }))
}

fn range_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let r = obj
        .downcast::<RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    if let Some(b) = &r.big {
        return range_big::getitem(vm, b, key);
    }
    if r.len() > isize::MAX as usize {
        return range_big::getitem(vm, &range_big::bounds(r), key);
    }
    if let Some(sl) = crate::vm::ops::slice_indices(vm, key, r.len())? {
        // CPython's compute_slice: the selected values are again a progression.
        let at = |k: i64| r.start as i128 + k as i128 * r.step as i128;
        let (start, stop, step) = (at(sl.start), at(sl.stop), r.step as i128 * sl.step as i128);
        return match (
            i64::try_from(start),
            i64::try_from(stop),
            i64::try_from(step),
        ) {
            (Ok(a), Ok(b), Ok(c)) => new_range(vm, a, b, c),
            _ => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        };
    }
    if int::is_int(key) && int::as_i64(key).is_none() {
        // CPython's ranges compute in big ints: a huge index is just out of range.
        return Err(vm.new_error(
            &crate::objects::exceptions::INDEX_ERROR,
            "range object index out of range",
        ));
    }
    let i = crate::vm::ops::sequence_index(vm, key, r.len(), "range object")?;
    int::new_int(vm, r.at(i))
}

fn range_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_range_iter(vm, obj)
}

fn range_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let Some(r) = obj.downcast::<RangeObject>() else {
        return Ok(false);
    };
    if !is_plain_int(item) {
        // CPython compares other objects with `==` against each value.
        return Ok(!search(vm, r, item, true)?.is_empty());
    }
    if let Some(b) = &r.big {
        return Ok(int::as_bigint(item).is_some_and(|v| range_big::contains_int(b, &v)));
    }
    let Some(v) = int::as_i64(item) else {
        return Ok(false);
    };
    let inside = if r.step > 0 {
        r.start <= v && v < r.stop
    } else {
        r.stop < v && v <= r.start
    };
    Ok(inside && (v as i128 - r.start as i128) % r.step as i128 == 0)
}

/// Where `v` is in `r`, for an int (CPython's fast path for exact ints and bools).
fn position(r: &RangeObject, v: i64) -> Option<usize> {
    let inside = if r.step > 0 {
        r.start <= v && v < r.stop
    } else {
        r.stop < v && v <= r.start
    };
    let off = v as i128 - r.start as i128;
    (inside && off % r.step as i128 == 0).then(|| (off / r.step as i128) as usize)
}

/// The one argument of `range.count` / `range.index` (METH_O).
fn one_arg<'a>(
    vm: &Vm,
    method: &str,
    args: &'a [ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    crate::vm::args::no_kwargs(vm, &format!("range.{method}"), kw)?;
    match args {
        [v] => Ok(v),
        _ => Err(vm.type_error(&format!(
            "range.{method}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// Whether `v` takes the int fast path (an exact int or a bool).
fn is_plain_int(v: &ObjRef) -> bool {
    std::ptr::eq(v.ob_type(), &int::INT_TYPE) || int::is_exact_bool(v)
}

/// The position of a plain int `v` in `r` (an int beyond the machine range is never in it).
fn int_position(r: &RangeObject, v: &ObjRef) -> Option<usize> {
    int::as_i64(v).and_then(|i| position(r, i))
}

/// The positions of the values equal to `v` (compared with `==`), for other objects.
fn search(vm: &Vm, r: &RangeObject, v: &ObjRef, first_only: bool) -> PyResult<Vec<usize>> {
    let mut found = Vec::new();
    let it = crate::objects::iter::new_range_iter(vm, &new_range_like(vm, r)?)?;
    let mut i = 0;
    while let Some(item) = crate::vm::ops::next(vm, &it)? {
        if crate::vm::ops::eq(vm, &item, v)? {
            found.push(i);
            if first_only {
                break;
            }
        }
        i += 1;
    }
    Ok(found)
}

/// A range object with the same values as `r` (to iterate a payload seen by reference).
fn new_range_like(vm: &Vm, r: &RangeObject) -> PyResult<ObjRef> {
    match &r.big {
        Some(b) => new_range_big(vm, b.start.clone(), b.stop.clone(), b.step.clone()),
        None => new_range(vm, r.start, r.stop, r.step),
    }
}

/// `range.count(value)`.
fn m_count(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let v = one_arg(vm, "count", args, kw)?;
    let r = this
        .downcast::<RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    let n = if is_plain_int(v) {
        usize::from(match &r.big {
            Some(b) => int::as_bigint(v).is_some_and(|x| range_big::contains_int(b, &x)),
            None => int_position(r, v).is_some(),
        })
    } else {
        search(vm, r, v, false)?.len()
    };
    int::new_int(vm, n as i64)
}

/// `range.index(value)`.
fn m_index(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let v = one_arg(vm, "index", args, kw)?;
    let r = this
        .downcast::<RangeObject>()
        .ok_or_else(|| vm.type_error("expected range"))?;
    if is_plain_int(v) {
        let found = match &r.big {
            Some(b) => match int::as_bigint(v) {
                Some(x) => range_big::index_of(vm, b, &x)?,
                None => None,
            },
            None => int_position(r, v)
                .map(|k| int::new_int(vm, k as i64))
                .transpose()?,
        };
        return match found {
            Some(k) => Ok(k),
            None => Err(vm.value_error(&format!(
                "{} is not in range",
                crate::vm::ops::repr_string(vm, v)?
            ))),
        };
    }
    match search(vm, r, v, true)?.first() {
        Some(k) => int::new_int(vm, *k as i64),
        None => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::iter::reduce_args(vm, this, args, kw)?;
    let mut parts = Vec::with_capacity(3);
    for name in ["start", "stop", "step"] {
        let v = range_getattr(vm, this, name)?.ok_or_else(|| vm.type_error("expected a range"))?;
        parts.push(v);
    }
    let ty = ObjRef::from_type_ref(this.ob_type());
    crate::objects::iter::reduce_value(vm, ty, parts, None)
}

static RANGE_METHODS: [crate::object::MethodDef; 4] = [
    crate::object::MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    crate::object::MethodDef {
        name: "__reversed__",
        func: crate::objects::builtin_iters::range_reversed,
        flags: 0,
    },
    crate::object::MethodDef {
        name: "count",
        func: m_count,
        flags: 0,
    },
    crate::object::MethodDef {
        name: "index",
        func: m_index,
        flags: 0,
    },
];

/// `start`, `stop` and `step`.
fn range_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(r) = obj.downcast::<RangeObject>() else {
        return Ok(None);
    };
    if let Some(b) = &r.big {
        return range_big::attr(vm, b, name);
    }
    let v = match name {
        "start" => r.start,
        "stop" => r.stop,
        "step" => r.step,
        _ => return Ok(None),
    };
    int::new_int(vm, v).map(Some)
}

/// The data attributes of `range` (read-only members in CPython).
static RANGE_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "start",
        get: range_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "stop",
        get: range_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "step",
        get: range_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

/// The values a range yields, as (first, step, count) with a canonical step for short ranges
/// (CPython compares ranges as sequences: `range(0) == range(2, 2)`).
fn canonical(r: &RangeObject) -> (i64, i64, usize) {
    let n = r.len();
    match n {
        0 => (0, 0, 0),
        1 => (r.start, 0, 1),
        _ => (r.start, r.step, n),
    }
}

fn range_richcompare(
    _vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    use crate::object::CompareOp;
    let (Some(x), Some(y)) = (a.downcast::<RangeObject>(), b.downcast::<RangeObject>()) else {
        return Ok(crate::objects::none::not_implemented());
    };
    let same = if x.big.is_some() || y.big.is_some() {
        range_big::bounds(x).canonical() == range_big::bounds(y).canonical()
    } else {
        canonical(x) == canonical(y)
    };
    Ok(match op {
        CompareOp::Eq => crate::objects::boolobj::new_bool(same),
        CompareOp::Ne => crate::objects::boolobj::new_bool(!same),
        _ => crate::objects::none::not_implemented(),
    })
}

fn range_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    match obj.downcast::<RangeObject>() {
        Some(r) => range_big::hash(vm, &range_big::bounds(r)),
        None => Ok(0),
    }
}

/// `range`.
pub static RANGE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &RANGE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "range",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &RANGE_VTABLE,
    slots: Slots {
        repr: Some(range_repr),
        richcompare: Some(range_richcompare),
        hash: Some(range_hash),
        len: Some(range_len),
        number: crate::object::NumberSlots {
            bool: Some(range_bool),
            ..crate::object::NumberSlots::EMPTY
        },
        getitem: Some(range_getitem),
        iter: Some(range_iter),
        contains: Some(range_contains),
        getattr: Some(range_getattr),
        new: Some(range_new),
        ..Slots::EMPTY
    },
    methods: &RANGE_METHODS,
    doc: "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
};

/// The bounds of `range(*args)` when there are one to three arguments, all exact ints of one
/// machine word (the usual `range(n)`, `range(a, b)`): no `__index__` can run and no big-int
/// arithmetic is needed, so the range is made straight from the words (`None`: the general
/// path decides, errors included).
#[inline]
fn word_bounds(args: &[ObjRef]) -> Option<(i64, i64, i64)> {
    let word = |a: &ObjRef| {
        if std::ptr::eq(a.ob_type(), &int::INT_TYPE) {
            int::as_i64(a)
        } else {
            None
        }
    };
    match args {
        [stop] => Some((0, word(stop)?, 1)),
        [start, stop] => Some((word(start)?, word(stop)?, 1)),
        [start, stop, step] => Some((word(start)?, word(stop)?, word(step)?)),
        _ => None,
    }
}

fn range_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if kwnames.is_none() {
        if let Some((start, stop, step)) = word_bounds(args) {
            return new_range(vm, start, stop, step);
        }
    }
    crate::vm::args::no_kwargs(vm, "range", kwnames)?;
    crate::vm::args::check_count(vm, "range", args, 1, 3)?;
    let mut v = Vec::with_capacity(3);
    for a in args {
        let a = &crate::vm::ops::index(vm, a)?.unwrap_or_else(|| a.clone());
        match int::as_bigint(a) {
            Some(i) => v.push(i),
            None => {
                return Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    a.ob_type().name()
                )))
            }
        }
    }
    let one = || BigInt::from(1);
    match v.as_slice() {
        [stop] => new_range_big(vm, BigInt::from(0), stop.clone(), one()),
        [start, stop] => new_range_big(vm, start.clone(), stop.clone(), one()),
        [start, stop, step] => new_range_big(vm, start.clone(), stop.clone(), step.clone()),
        _ => Err(vm.type_error("range expected at most 3 arguments")),
    }
}
