//! The named methods of `collections.deque` (append, pop, extend, rotate, search, ...), with
//! CPython 3.11's argument styles and messages.

use super::deque::{deque, mutated, new_deque, DequeObject};
use crate::object::ObjRef;
use crate::objects::{int, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::no_kwargs;
use crate::vm::{ops, PyResult, Vm};

fn one_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, name, Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

/// Appends on the right (`left` false) or the left, dropping from the other end past maxlen.
fn push(vm: &Vm, d: &DequeObject, item: ObjRef, left: bool) -> PyResult<()> {
    if d.maxlen.get() == Some(0) {
        return Ok(());
    }
    d.bump();
    if left {
        d.items.push_front(vm, item)?;
    } else {
        d.items.push_back(vm, item)?;
    }
    if d.maxlen.get().is_some_and(|m| d.items.len() > m) {
        let dropped = if left {
            d.items.pop_back(vm)?
        } else {
            d.items.pop_front(vm)?
        };
        drop(dropped);
    }
    Ok(())
}

/// `deque.append(x)`.
pub fn append(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.append", args, kw)?;
    push(vm, deque(vm, obj)?, x, false)?;
    Ok(none::none())
}

/// `deque.appendleft(x)`.
pub fn appendleft(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.appendleft", args, kw)?;
    push(vm, deque(vm, obj)?, x, true)?;
    Ok(none::none())
}

fn pop_end(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    left: bool,
) -> PyResult<ObjRef> {
    let name = if left { "deque.popleft" } else { "deque.pop" };
    parse::<0>(vm, name, Sig::NoArgs, args, kw)?;
    let d = deque(vm, obj)?;
    let item = if left {
        d.items.pop_front(vm)?
    } else {
        d.items.pop_back(vm)?
    };
    match item {
        Some(x) => {
            d.bump();
            Ok(x)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

/// `deque.pop()`.
pub fn pop(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    pop_end(vm, obj, args, kw, false)
}

/// `deque.popleft()`.
pub fn popleft(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    pop_end(vm, obj, args, kw, true)
}

/// Extends `obj` (a deque) with the items of `iterable`, on the left when `left`.
pub fn extend_with(vm: &Vm, obj: &ObjRef, iterable: &ObjRef, left: bool) -> PyResult<()> {
    // Extending a deque with itself iterates over a copy.
    let items = if iterable.is(obj) {
        Some(deque(vm, obj)?.items.snapshot())
    } else {
        None
    };
    let d = deque(vm, obj)?;
    if let Some(items) = items {
        for x in items {
            push(vm, d, x, left)?;
        }
        return Ok(());
    }
    let it = ops::iter(vm, iterable)?;
    while let Some(x) = ops::next(vm, &it)? {
        push(vm, d, x, left)?;
    }
    Ok(())
}

/// `deque.extend(iterable)`.
pub fn extend(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.extend", args, kw)?;
    extend_with(vm, obj, &x, false)?;
    Ok(none::none())
}

/// `deque.extendleft(iterable)`.
pub fn extendleft(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.extendleft", args, kw)?;
    extend_with(vm, obj, &x, true)?;
    Ok(none::none())
}

/// `deque.clear()`.
pub fn clear(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.clear", Sig::NoArgs, args, kw)?;
    let d = deque(vm, obj)?;
    d.bump();
    drop(d.items.take_all());
    Ok(none::none())
}

/// A shallow copy of the deque `obj`: for a subclass, `type(d)(d)` or `type(d)(d, maxlen)`.
pub fn copy_of(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let d = deque(vm, obj)?;
    let ty = obj.ob_type();
    if !ty.is_heap_type() {
        let new = new_deque(vm, ty, d.maxlen.get())?;
        let nd = deque(vm, &new)?;
        drop(nd.items.replace_all(vm, d.items.snapshot())?);
        return Ok(new);
    }
    let cls = ObjRef::from_type_ref(ty);
    match d.maxlen.get() {
        None => ops::call(vm, &cls, std::slice::from_ref(obj), None),
        Some(m) => ops::call(vm, &cls, &[obj.clone(), int::new_int(vm, m as i64)?], None),
    }
}

/// `deque.copy()` / `deque.__copy__()`.
pub fn copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.copy", Sig::NoArgs, args, kw)?;
    copy_of(vm, obj)
}

/// `deque.count(x)`.
pub fn count(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.count", args, kw)?;
    let d = deque(vm, obj)?;
    let start = d.state.get();
    let mut n = 0i64;
    let mut i = 0;
    while let Some(item) = d.items.get(i) {
        let same = item.is(&x) || ops::eq(vm, &item, &x)?;
        if d.state.get() != start {
            return Err(mutated(vm));
        }
        n += same as i64;
        i += 1;
    }
    int::new_int(vm, n)
}

/// The first position in `lo..hi` holding `x`, or `None`; raises if the deque changes.
fn find(vm: &Vm, d: &DequeObject, x: &ObjRef, lo: usize, hi: usize) -> PyResult<Option<usize>> {
    let start = d.state.get();
    let mut i = lo;
    while i < hi.min(d.items.len()) {
        let Some(item) = d.items.get(i) else { break };
        let same = item.is(x) || ops::eq(vm, &item, x)?;
        if d.state.get() != start {
            return Err(mutated(vm));
        }
        if same {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// A clamped `start`/`stop` bound of `index` (CPython's `_PyEval_SliceIndexNotNone`).
fn bound(vm: &Vm, v: Option<ObjRef>, default: i64, len: usize) -> PyResult<usize> {
    let n = match v {
        None => default,
        Some(v) => match ops::index(vm, &v)? {
            Some(i) => match int::as_i64(&i) {
                Some(n) => n,
                None if int::as_bigint(&i).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) => {
                    i64::MIN
                }
                None => i64::MAX,
            },
            None => {
                return Err(
                    vm.type_error("slice indices must be integers or have an __index__ method")
                )
            }
        },
    };
    let len = len as i64;
    let n = if n < 0 {
        n.saturating_add(len).max(0)
    } else {
        n.min(len)
    };
    Ok(n as usize)
}

/// `deque.index(x[, start[, stop]])`.
pub fn index(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x, lo, hi] = parse::<3>(vm, "index", Sig::VarArgs(1, 3), args, kw)?;
    let x = x.ok_or_else(|| vm.type_error("missing argument"))?;
    let d = deque(vm, obj)?;
    let len = d.items.len();
    let lo = bound(vm, lo, 0, len)?;
    let hi = bound(vm, hi, len as i64, len)?;
    match find(vm, d, &x, lo, hi)? {
        Some(i) => int::new_int(vm, i as i64),
        None => Err(vm.value_error(&format!("{} is not in deque", ops::repr_string(vm, &x)?))),
    }
}

/// Rebuilds the items with `f` applied to the ordered list.
fn rebuild(vm: &Vm, d: &DequeObject, f: impl FnOnce(&mut Vec<ObjRef>)) -> PyResult<()> {
    let mut items = d.items.snapshot();
    f(&mut items);
    d.bump();
    drop(d.items.replace_all(vm, items)?);
    Ok(())
}

/// `del d[i]`.
pub fn delete_at(vm: &Vm, d: &DequeObject, i: usize) -> PyResult<()> {
    let mut removed = None;
    rebuild(vm, d, |v| {
        if i < v.len() {
            removed = Some(v.remove(i));
        }
    })?;
    drop(removed);
    Ok(())
}

/// `deque.insert(i, x)`.
pub fn insert(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "insert", kw)?;
    let [i, x] = args else {
        return Err(vm.type_error(&format!(
            "insert() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    };
    let i = crate::vm::argparse::index_arg(vm, i)?;
    let d = deque(vm, obj)?;
    let len = d.items.len();
    if d.maxlen.get().is_some_and(|m| len >= m) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let pos = if i < 0 {
        (i + len as i64).max(0) as usize
    } else {
        (i as usize).min(len)
    };
    if pos == len {
        push(vm, d, x.clone(), false)?;
    } else if pos == 0 {
        push(vm, d, x.clone(), true)?;
    } else {
        rebuild(vm, d, |v| v.insert(pos, x.clone()))?;
    }
    Ok(none::none())
}

/// `deque.remove(x)`.
pub fn remove(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let x = one_arg(vm, "deque.remove", args, kw)?;
    let d = deque(vm, obj)?;
    match find(vm, d, &x, 0, usize::MAX)? {
        Some(i) => {
            delete_at(vm, d, i)?;
            Ok(none::none())
        }
        None => Err(vm.value_error(&format!("{} is not in deque", ops::repr_string(vm, &x)?))),
    }
}

/// `deque.reverse()`.
pub fn reverse(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.reverse", Sig::NoArgs, args, kw)?;
    rebuild(vm, deque(vm, obj)?, |v| v.reverse())?;
    Ok(none::none())
}

/// `deque.rotate(n=1)`.
pub fn rotate(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "deque.rotate", kw)?;
    if args.len() > 1 {
        return Err(vm.type_error(&format!(
            "deque.rotate expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let n = match args.first() {
        Some(a) => crate::vm::argparse::index_arg(vm, a)?,
        None => 1,
    };
    let d = deque(vm, obj)?;
    let len = d.items.len() as i64;
    if len <= 1 {
        return Ok(none::none());
    }
    let k = n.rem_euclid(len) as usize;
    if k == 0 {
        return Ok(none::none());
    }
    let len = len as usize;
    d.bump();
    if k <= len / 2 {
        // Move `k` items from the right end to the left one.
        for _ in 0..k {
            if let Some(x) = d.items.pop_back(vm)? {
                d.items.push_front(vm, x)?;
            }
        }
    } else {
        for _ in 0..len - k {
            if let Some(x) = d.items.pop_front(vm)? {
                d.items.push_back(vm, x)?;
            }
        }
    }
    Ok(none::none())
}

/// `deque.__reduce__()`: `(type, (), state, iter)` or `(type, ((), maxlen), state, iter)`.
pub fn reduce(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.__reduce__", Sig::NoArgs, args, kw)?;
    let d = deque(vm, obj)?;
    let cls = ObjRef::from_type_ref(obj.ob_type());
    let state = match crate::vm::attr::instance_dict(vm, obj)? {
        Some(dict) if !crate::objects::dict::items(&dict).is_empty() => dict,
        _ => none::none(),
    };
    let init = match d.maxlen.get() {
        None => tuple::new_tuple(vm, vec![])?,
        Some(m) => tuple::new_tuple(
            vm,
            vec![tuple::new_tuple(vm, vec![])?, int::new_int(vm, m as i64)?],
        )?,
    };
    let it = ops::iter(vm, obj)?;
    tuple::new_tuple(vm, vec![cls, init, state, it])
}

/// `deque.__sizeof__()`.
pub fn sizeof(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "deque.__sizeof__", Sig::NoArgs, args, kw)?;
    let d = deque(vm, obj)?;
    // CPython's layout: a 216-byte object and blocks of 64 slots plus two links, the first
    // item starting in the middle of the first block.
    let blocks = (31 + d.items.len() + 64) / 64;
    int::new_int(vm, (216 + blocks * 528) as i64)
}
