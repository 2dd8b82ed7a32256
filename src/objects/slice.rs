//! `slice`: the `start:stop:step` of subscripts, and the index arithmetic every sequence uses
//! to turn one into positions (CPython's `Objects/sliceobject.c`).
//!
//! [`unpack`] and [`adjust`] are CPython's `PySlice_Unpack` and `PySlice_AdjustIndices`: bounds
//! go through `__index__` and are clamped to the machine word, `None` bounds take the defaults
//! for the step's direction, and the adjusted bounds always lie in `-1..=len`, so the positions
//! `start + k * step` for `k < slicelength` are valid indexes.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::none::{is_none, none, not_implemented};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::ops::{self, SliceIndices};
use crate::vm::{PyResult, Vm};
use num_traits::Signed;

/// Payload of a slice: three arbitrary objects (usually ints or `None`).
pub struct SliceObject {
    /// `start`.
    pub start: ObjRef,
    /// `stop`.
    pub stop: ObjRef,
    /// `step`.
    pub step: ObjRef,
}

impl PyPayload for SliceObject {
    // Slices can hold any object, so they can be part of a cycle (CPython tracks them too). The
    // fields are immutable: a cycle through a slice is broken by clearing the other members.
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`start`, `stop`, `step`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for SliceObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

static SLICE_VTABLE: PayloadVTable = PayloadVTable::of::<SliceObject>();

/// A new slice object.
pub fn new_slice(vm: &Vm, start: ObjRef, stop: ObjRef, step: ObjRef) -> PyResult<ObjRef> {
    new_object(&SLICE_TYPE, SliceObject { start, stop, step }).or_mem(vm)
}

/// The payload if `obj` is a slice.
#[inline]
pub fn as_slice(obj: &ObjRef) -> Option<&SliceObject> {
    obj.downcast::<SliceObject>()
}

/// An index object's value clamped to the machine word (CPython's `_PyEval_SliceIndex`, which
/// saturates big ints), through `__index__`.
pub fn index_clamped(vm: &Vm, v: &ObjRef) -> PyResult<i64> {
    // An int (a subclass too: its `__index__` is not called, as in CPython) of one word.
    if let Some(i) = int::as_i64(v) {
        return Ok(i);
    }
    let v = if int::is_int(v) {
        v.clone()
    } else {
        match v.ob_type().slots.number.index {
            Some(f) => f(vm, v)?,
            None => {
                return Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        }
    };
    Ok(match int::value(&v) {
        Some(int::IntValue::Small(i)) => i,
        Some(int::IntValue::Big(b)) if b.is_negative() => i64::MIN,
        Some(int::IntValue::Big(_)) => i64::MAX,
        None => {
            return Err(vm.type_error(&format!(
                "__index__ returned non-int (type {})",
                v.ob_type().name()
            )))
        }
    })
}

/// `operator.index(v)` as a machine word (CPython's `PyNumber_AsSsize_t` raising
/// `OverflowError`): TypeError "'T' object cannot be interpreted as an integer" for non-ints.
pub fn as_ssize(vm: &Vm, v: &ObjRef) -> PyResult<i64> {
    let v = if int::is_int(v) {
        v.clone()
    } else {
        match v.ob_type().slots.number.index {
            Some(f) => f(vm, v)?,
            None => {
                return Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.ob_type().name()
                )))
            }
        }
    };
    match int::value(&v) {
        Some(int::IntValue::Small(i)) => Ok(i),
        Some(int::IntValue::Big(_)) => {
            Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        None => Err(vm.type_error(&format!(
            "__index__ returned non-int (type {})",
            v.ob_type().name()
        ))),
    }
}

/// CPython's `PySlice_Unpack`: `(start, stop, step)` with defaults for `None`, bounds clamped to
/// the machine word, step never zero (ValueError) and never below `-i64::MAX`.
pub fn unpack(vm: &Vm, s: &SliceObject) -> PyResult<(i64, i64, i64)> {
    let step = if is_none(&s.step) {
        1
    } else {
        let step = index_clamped(vm, &s.step)?;
        if step == 0 {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        step.max(-i64::MAX)
    };
    let start = if is_none(&s.start) {
        if step < 0 {
            i64::MAX
        } else {
            0
        }
    } else {
        index_clamped(vm, &s.start)?
    };
    let stop = if is_none(&s.stop) {
        if step < 0 {
            i64::MIN
        } else {
            i64::MAX
        }
    } else {
        index_clamped(vm, &s.stop)?
    };
    Ok((start, stop, step))
}

/// [`unpack`] of bounds not yet in a slice object, when each is `None` or an int of one
/// machine word (nothing to call, nothing to raise): what a slice built of them would unpack
/// to. `None` for any other bound and for a zero step (the slice is built then, and `unpack`
/// calls `__index__` or raises). The evaluation loop's `BUILD_SLICE` fused with a subscript.
#[inline]
pub fn unpack_words(
    start: &ObjRef,
    stop: &ObjRef,
    step: Option<&ObjRef>,
) -> Option<(i64, i64, i64)> {
    let step = match step {
        Some(s) if !is_none(s) => match int::as_i64(s)? {
            0 => return None,
            s => s.max(-i64::MAX),
        },
        _ => 1,
    };
    let start = if is_none(start) {
        if step < 0 {
            i64::MAX
        } else {
            0
        }
    } else {
        int::as_i64(start)?
    };
    let stop = if is_none(stop) {
        if step < 0 {
            i64::MIN
        } else {
            i64::MAX
        }
    } else {
        int::as_i64(stop)?
    };
    Some((start, stop, step))
}

/// CPython's `PySlice_AdjustIndices`: clamps `start`/`stop` into `-1..=len` for a sequence of
/// `len` items and returns the number of positions selected.
pub fn adjust(len: i64, start: &mut i64, stop: &mut i64, step: i64) -> usize {
    for bound in [&mut *start, &mut *stop] {
        if *bound < 0 {
            *bound = bound.saturating_add(len);
            if *bound < 0 {
                *bound = if step < 0 { -1 } else { 0 };
            }
        } else if *bound >= len {
            *bound = if step < 0 { len - 1 } else { len };
        }
    }
    let n = if step < 0 {
        if *stop < *start {
            (*start - *stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if *start < *stop {
        (*stop - *start - 1) / step + 1
    } else {
        0
    };
    n as usize
}

/// The positions `key` selects in a sequence of `len` items, if `key` is a slice.
pub fn indices_for(vm: &Vm, key: &ObjRef, len: usize) -> PyResult<Option<SliceIndices>> {
    let Some(s) = as_slice(key) else {
        return Ok(None);
    };
    let (mut start, mut stop, step) = unpack(vm, s)?;
    let n = adjust(len as i64, &mut start, &mut stop, step);
    Ok(Some(SliceIndices {
        start,
        stop,
        step,
        len: n,
    }))
}

fn slice_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = as_slice(obj).ok_or_else(|| vm.type_error("expected a slice"))?;
    let text = format!(
        "slice({}, {}, {})",
        ops::repr_string(vm, &s.start)?,
        ops::repr_string(vm, &s.stop)?,
        ops::repr_string(vm, &s.step)?
    );
    pystr::new_str_vm(vm, &text)
}

fn slice_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (as_slice(a), as_slice(b)) else {
        return Ok(not_implemented());
    };
    if op == CompareOp::AlmostEq {
        return Ok(not_implemented());
    }
    let xs = [x.start.clone(), x.stop.clone(), x.step.clone()];
    let ys = [y.start.clone(), y.stop.clone(), y.step.clone()];
    ops::compare_sequences(vm, &xs, &ys, op)
}

fn slice_getattr(_vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(s) = as_slice(obj) else {
        return Ok(None);
    };
    Ok(match name {
        "start" => Some(s.start.clone()),
        "stop" => Some(s.stop.clone()),
        "step" => Some(s.step.clone()),
        _ => None,
    })
}

/// The data attributes of `slice` (read-only members in CPython).
static SLICE_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "start",
        get: slice_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "stop",
        get: slice_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "step",
        get: slice_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

/// An index object's exact value through `__index__`; `not_index` is the TypeError message for
/// an object without one.
fn index_bigint(vm: &Vm, v: &ObjRef, not_index: &str) -> PyResult<num_bigint::BigInt> {
    let v = if int::is_int(v) {
        v.clone()
    } else {
        match v.ob_type().slots.number.index {
            Some(f) => f(vm, v)?,
            None => return Err(vm.type_error(not_index)),
        }
    };
    int::as_bigint(&v).ok_or_else(|| {
        vm.type_error(&format!(
            "__index__ returned non-int (type {})",
            v.ob_type().name()
        ))
    })
}

/// `slice.indices(len)`: the adjusted `(start, stop, step)` for a sequence of `len` items, in
/// exact integers (CPython's `_PySlice_GetLongIndices`), so lengths and bounds beyond the
/// machine word are reported as they are.
fn m_indices(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    use num_bigint::BigInt;
    crate::vm::args::no_kwargs(vm, "indices", kwnames)?;
    let [len] = args else {
        return Err(vm.type_error(&format!(
            "slice.indices() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let s = as_slice(this).ok_or_else(|| vm.type_error("expected a slice"))?;
    let len = index_bigint(
        vm,
        len,
        &format!(
            "'{}' object cannot be interpreted as an integer",
            len.ob_type().name()
        ),
    )?;
    if len.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    const NOT_INDEX: &str = "slice indices must be integers or None or have an __index__ method";
    let step = if is_none(&s.step) {
        BigInt::from(1)
    } else {
        let step = index_bigint(vm, &s.step, NOT_INDEX)?;
        if step.sign() == num_bigint::Sign::NoSign {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        step
    };
    let backwards = step.is_negative();
    let (lower, upper) = if backwards {
        (BigInt::from(-1), &len - 1)
    } else {
        (BigInt::from(0), len.clone())
    };
    // A bound counts from the end when negative, and is clamped into `lower..=upper`.
    let bound = |obj: &ObjRef, default: &BigInt| -> PyResult<BigInt> {
        if is_none(obj) {
            return Ok(default.clone());
        }
        let mut b = index_bigint(vm, obj, NOT_INDEX)?;
        if b.is_negative() {
            b += &len;
            if b < lower {
                b = lower.clone();
            }
        } else if b > upper {
            b = upper.clone();
        }
        Ok(b)
    };
    let start = bound(&s.start, if backwards { &upper } else { &lower })?;
    let stop = bound(&s.stop, if backwards { &lower } else { &upper })?;
    tuple::new_tuple(
        vm,
        vec![
            int::new_bigint(vm, &start)?,
            int::new_bigint(vm, &stop)?,
            int::new_bigint(vm, &step)?,
        ],
    )
}

/// `slice.__reduce__()`: `(slice, (start, stop, step))`.
fn slice_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::iter::reduce_args(vm, this, args, kw)?;
    let s = this
        .downcast::<SliceObject>()
        .ok_or_else(|| vm.type_error("expected a slice"))?;
    let parts = vec![s.start.clone(), s.stop.clone(), s.step.clone()];
    crate::objects::iter::reduce_value(vm, ObjRef::from_type(&SLICE_TYPE), parts, None)
}

static SLICE_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__reduce__",
        func: slice_reduce,
        flags: 0,
    },
    MethodDef {
        name: "indices",
        func: m_indices,
        flags: 0,
    },
];

/// `slice`.
pub static SLICE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &SLICE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "slice",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SLICE_VTABLE,
    slots: Slots {
        repr: Some(slice_repr),
        richcompare: Some(slice_richcompare),
        getattr: Some(slice_getattr),
        new: Some(slice_new),
        ..Slots::EMPTY
    },
    methods: &SLICE_METHODS,
    doc: "slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.",
};

fn slice_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "slice", kwnames)?;
    crate::vm::args::check_count(vm, "slice", args, 1, 3)?;
    match args {
        [stop] => new_slice(vm, none(), stop.clone(), none()),
        [start, stop] => new_slice(vm, start.clone(), stop.clone(), none()),
        [start, stop, step] => new_slice(vm, start.clone(), stop.clone(), step.clone()),
        _ => Err(vm.type_error("slice expected at most 3 arguments")),
    }
}

#[cfg(test)]
mod tests {
    use super::adjust;

    fn sel(len: i64, start: i64, stop: i64, step: i64) -> (i64, i64, usize) {
        let (mut a, mut b) = (start, stop);
        let n = adjust(len, &mut a, &mut b, step);
        (a, b, n)
    }

    #[test]
    fn adjust_matches_cpython() {
        // slice(1, 2, 3).indices(10) == (1, 2, 3)
        assert_eq!(sel(10, 1, 2, 3), (1, 2, 1));
        // slice(None, None, -1).indices(5) == (4, -1, -1)
        assert_eq!(sel(5, i64::MAX, i64::MIN, -1), (4, -1, 5));
        // slice(-100, 100).indices(3) == (0, 3, 1)
        assert_eq!(sel(3, -100, 100, 1), (0, 3, 3));
        // slice(5, 2).indices(10): empty
        assert_eq!(sel(10, 5, 2, 1), (5, 2, 0));
        // len(range(10)[1:9:4]) == 2
        assert_eq!(sel(10, 1, 9, 4).2, 2);
        // an empty sequence
        assert_eq!(sel(0, i64::MAX, i64::MIN, -1), (-1, -1, 0));
    }
}
