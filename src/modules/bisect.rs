//! The `_bisect` module: binary search in a sorted sequence and insertion keeping it sorted
//! (`bisect_left`, `bisect_right`, `insort_left`, `insort_right`), as `Lib/bisect.py` imports.
//!
//! The sequence may be any object with `len()` and integer subscripts; items are compared with
//! `<` only, after applying `key` when one is given. Insertion uses the list's own storage for
//! an exact `list` and calls `insert` for anything else, as CPython does.

use crate::object::{CompareOp, ObjRef};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, list, module, none};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// The parsed arguments `(a, x, lo=0, hi=None, *, key=None)`.
struct Args {
    a: ObjRef,
    x: ObjRef,
    lo: i64,
    hi: Option<i64>,
    key: Option<ObjRef>,
}

fn parse_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<Args> {
    let npos = args.len()
        - kw.and_then(crate::objects::tuple::items)
            .map_or(0, |k| k.len());
    if npos > 4 {
        return Err(vm.type_error(&format!(
            "{name}() takes at most 4 positional arguments ({npos} given)"
        )));
    }
    let [a, x, lo, hi, key] = parse::<5>(
        vm,
        name,
        Sig::Kw {
            names: &["a", "x", "lo", "hi", "key"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(a), Some(x)) = (a, x) else {
        return Err(vm.type_error("missing argument"));
    };
    let lo = match lo {
        Some(lo) => index_arg(vm, &lo)?,
        None => 0,
    };
    let hi = match hi.filter(|h| !none::is_none(h)) {
        None => None,
        Some(h) => {
            if !int::is_int(&h) && h.ob_type().slots.number.index.is_none() {
                return Err(vm.type_error(&format!(
                    "argument should be integer or None, not '{}'",
                    h.ob_type().name()
                )));
            }
            Some(index_arg(vm, &h)?)
        }
    };
    Ok(Args {
        a,
        x,
        lo,
        hi,
        key: key.filter(|k| !none::is_none(k)),
    })
}

fn less(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    let r = ops::richcompare(vm, a, b, CompareOp::Lt)?;
    ops::truthy(vm, &r)
}

/// The insertion point of `x` (already passed through the key, if any) in `a[lo:hi]`: before
/// equal items (`right == false`) or after them.
fn search(
    vm: &Vm,
    a: &ObjRef,
    x: &ObjRef,
    lo: i64,
    hi: Option<i64>,
    key: Option<&ObjRef>,
    right: bool,
) -> PyResult<i64> {
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let mut hi = match hi {
        Some(h) => h,
        None => crate::vm::eval_match::length(vm, a)? as i64,
    };
    let mut lo = lo;
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let idx = int::new_int(vm, mid)?;
        let mut item = ops::getitem(vm, a, &idx)?;
        if let Some(k) = key {
            item = ops::call(vm, k, &[item], None)?;
        }
        let go_left = if right {
            less(vm, x, &item)?
        } else {
            !less(vm, &item, x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(
    vm: &Vm,
    name: &str,
    right: bool,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let p = parse_args(vm, name, args, kw)?;
    let i = search(vm, &p.a, &p.x, p.lo, p.hi, p.key.as_ref(), right)?;
    int::new_int(vm, i)
}

fn insort(
    vm: &Vm,
    name: &str,
    right: bool,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let p = parse_args(vm, name, args, kw)?;
    let probe = match &p.key {
        Some(k) => ops::call(vm, k, std::slice::from_ref(&p.x), None)?,
        None => p.x.clone(),
    };
    let i = search(vm, &p.a, &probe, p.lo, p.hi, p.key.as_ref(), right)?;
    if std::ptr::eq(p.a.ob_type(), &list::LIST_TYPE) {
        if let Some(v) = list::storage(&p.a) {
            let at = (i.max(0) as usize).min(v.len());
            v.insert(at, p.x).map_err(|(e, _)| vm.alloc_err(e))?;
            return Ok(none::none());
        }
    }
    let insert = ops::getattr(vm, &p.a, "insert")?;
    ops::call(vm, &insert, &[int::new_int(vm, i)?, p.x], None)?;
    Ok(none::none())
}

fn b_bisect_left(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    bisect(vm, "bisect_left", false, args, kw)
}

fn b_bisect_right(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    bisect(vm, "bisect_right", true, args, kw)
}

fn b_insort_left(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    insort(vm, "insort_left", false, args, kw)
}

fn b_insort_right(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    insort(vm, "insort_right", true, args, kw)
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "bisect_left",
        func: b_bisect_left,
    },
    BuiltinDef {
        name: "bisect_right",
        func: b_bisect_right,
    },
    BuiltinDef {
        name: "insort_left",
        func: b_insort_left,
    },
    BuiltinDef {
        name: "insort_right",
        func: b_insort_right,
    },
];

/// Builds `_bisect`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_bisect")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
