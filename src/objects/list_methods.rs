//! The named methods of `list` (CPython's `Objects/listobject.c` method table), except `sort`
//! (in `list_sort.rs`). Messages follow CPython 3.11's argument clinic wording.

use crate::object::ObjRef;
use crate::objects::list::{append, new_list, set_all, storage_or_err};
use crate::objects::none::none;
use crate::objects::{int, slice};
use crate::vm::{ops, PyResult, Vm};

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<()> {
    crate::vm::args::no_kwargs(vm, name, kwnames)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

fn one_arg<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    crate::vm::args::no_kwargs(vm, name, kwnames)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// `list.append(x)`.
pub(crate) fn m_append(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let item = one_arg(vm, "list.append", args, kw)?;
    append(vm, this, item.clone())?;
    Ok(none())
}

/// `list.clear()`.
pub(crate) fn m_clear(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "list.clear", args, kw)?;
    let old = storage_or_err(vm, this)?.take_all();
    drop(old);
    Ok(none())
}

/// `list.copy()`: a shallow copy.
pub(crate) fn m_copy(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "list.copy", args, kw)?;
    new_list(vm, storage_or_err(vm, this)?.snapshot())
}

/// `list.count(x)`: how many items equal `x`.
pub(crate) fn m_count(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let value = one_arg(vm, "list.count", args, kw)?;
    let v = storage_or_err(vm, this)?;
    let (mut i, mut n) = (0, 0);
    while let Some(x) = v.get(i) {
        if ops::eq(vm, &x, value)? {
            n += 1;
        }
        i += 1;
    }
    int::new_int(vm, n)
}

/// `list.extend(iterable)`.
pub(crate) fn m_extend(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let iterable = one_arg(vm, "list.extend", args, kw)?;
    for item in ops::collect_iterable(vm, iterable)? {
        append(vm, this, item)?;
    }
    Ok(none())
}

/// A `start`/`stop` argument of `index` (CPython's `_PyEval_SliceIndexNotNone`).
pub(crate) fn search_bound(vm: &Vm, v: &ObjRef) -> PyResult<i64> {
    if !int::is_int(v) && v.ob_type().slots.number.index.is_none() {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    slice::index_clamped(vm, v)
}

/// `start`/`stop` of `index(value, start, stop)` clamped into `0..=len` the way CPython's
/// `list.index` and `tuple.index` do.
pub(crate) fn search_range(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    len: usize,
) -> PyResult<(usize, usize)> {
    crate::vm::args::check_count(vm, name, args, 1, 3)?;
    let len = len as i64;
    let clamp = |i: i64| {
        if i < 0 {
            (i.saturating_add(len)).max(0)
        } else {
            i
        }
    };
    let start = match args.get(1) {
        Some(s) => clamp(search_bound(vm, s)?),
        None => 0,
    };
    let stop = match args.get(2) {
        Some(s) => clamp(search_bound(vm, s)?),
        None => i64::MAX,
    };
    Ok((start as usize, stop as usize))
}

/// `list.index(x[, start[, stop]])`.
pub(crate) fn m_index(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "index", kw)?;
    let v = storage_or_err(vm, this)?;
    let (start, stop) = search_range(vm, "index", args, v.len())?;
    let mut i = start;
    while i < stop {
        let Some(x) = v.get(i) else { break };
        if ops::eq(vm, &x, &args[0])? {
            return int::new_int(vm, i as i64);
        }
        i += 1;
    }
    Err(vm.value_error(&format!(
        "{} is not in list",
        ops::repr_string(vm, &args[0])?
    )))
}

/// `list.insert(index, x)`: inserts before `index`, clamped to the list.
pub(crate) fn m_insert(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "insert", kw)?;
    let [index, item] = args else {
        return Err(vm.type_error(&format!("insert expected 2 arguments, got {}", args.len())));
    };
    let where_ = slice::as_ssize(vm, index)?;
    let v = storage_or_err(vm, this)?;
    let n = v.len() as i64;
    let pos = if where_ < 0 {
        (where_ + n).max(0)
    } else {
        where_.min(n)
    };
    v.insert(pos as usize, item.clone())
        .map_err(|(e, _)| vm.alloc_err(e))?;
    Ok(none())
}

/// `list.pop([index])`.
pub(crate) fn m_pop(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "pop", kw)?;
    crate::vm::args::check_count(vm, "pop", args, 0, 1)?;
    let index = match args.first() {
        Some(i) => slice::as_ssize(vm, i)?,
        None => -1,
    };
    let v = storage_or_err(vm, this)?;
    if v.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = v.len() as i64;
    let i = if index < 0 { index + n } else { index };
    if i < 0 || i >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    v.remove(i as usize)
        .ok_or_else(|| vm.index_error("pop index out of range"))
}

/// `list.remove(x)`: removes the first item equal to `x`.
pub(crate) fn m_remove(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let value = one_arg(vm, "list.remove", args, kw)?;
    let v = storage_or_err(vm, this)?;
    let mut i = 0;
    while let Some(x) = v.get(i) {
        if ops::eq(vm, &x, value)? {
            // As CPython: remove position `i` (if the comparison left the list that long).
            drop(v.remove(i));
            return Ok(none());
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

/// `list.reverse()`: in place.
pub(crate) fn m_reverse(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "list.reverse", args, kw)?;
    let v = storage_or_err(vm, this)?;
    let mut items = v.snapshot();
    if items.len() > 1 {
        items.reverse();
        set_all(vm, v, items)?;
    }
    Ok(none())
}

/// `list.__reversed__()`: a `list_reverseiterator`.
pub(crate) fn m_reversed(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "__reversed__", args, kw)?;
    crate::objects::iter::new_list_reverse_iter(vm, this)
}
