//! The named methods of `dict` and its `|` / `|=` operators (CPython's `dict_methods` table);
//! messages follow CPython 3.11.

use crate::object::ObjRef;
use crate::objects::dict::{get_item, items, new_dict_vm, set_item, table};
use crate::objects::dict_views::new_view;
use crate::objects::iter::{new_dict_reverse_iter, DictIterKind};
use crate::objects::none::{none, not_implemented};
use crate::objects::{exceptions, list, str as pystr, tuple};
use crate::vm::args::{check_count, no_kwargs, split_args};
use crate::vm::{ops, PyResult, Vm};

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    no_kwargs(vm, name, kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

/// Adds the pairs of `src` to `d` (CPython's `dict_update_arg`): a dict, a mapping with a
/// `keys()` method, or an iterable of key/value pairs.
pub fn update_from(vm: &Vm, d: &ObjRef, src: &ObjRef) -> PyResult<()> {
    // A dict whose class keeps dict's iteration is merged entry by entry; one that iterates
    // its own way (the pure-Python OrderedDict) goes through `keys()` as any mapping.
    let own_iter = overrides_iter(vm, src)?;
    if let Some(st) = table(src).filter(|_| !own_iter) {
        if crate::objects::dict::begin_merge(vm, d, src)? {
            return Ok(());
        }
        let n = st.len();
        for (k, v) in items(src) {
            set_item(vm, d, k, v)?;
            if st.len() != n {
                return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "dict mutated during update"));
            }
        }
        return Ok(());
    }
    let keys = match ops::getattr(vm, src, "keys") {
        Ok(f) => Some(f),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => None,
        Err(e) => return Err(e),
    };
    if let Some(keys) = keys {
        let ks = ops::call(vm, &keys, &[], None)?;
        for k in ops::collect_iterable(vm, &ks)? {
            let v = ops::getitem(vm, src, &k)?;
            set_item(vm, d, k, v)?;
        }
        return Ok(());
    }
    let it = ops::iter(vm, src)?;
    let mut i = 0;
    while let Some(pair) = ops::next(vm, &it)? {
        let kv = list::sequence_fast(vm, &pair, "").map_err(|e| {
            if e.matches(&exceptions::TYPE_ERROR) {
                vm.type_error(&format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                ))
            } else {
                e
            }
        })?;
        let [k, v] = <[ObjRef; 2]>::try_from(kv).map_err(|kv| {
            vm.value_error(&format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                kv.len()
            ))
        })?;
        set_item(vm, d, k, v)?;
        i += 1;
    }
    Ok(())
}

/// Whether `obj` (a dict) is an instance of a class that defines its own `__iter__` (CPython
/// merges a dict subclass directly only when its `tp_iter` is dict's).
pub fn overrides_iter(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    let ty = obj.ob_type();
    Ok(ty.is_heap_type() && crate::vm::attr::defined_in_heap_class(vm, ty, "__iter__")?)
}

/// `dict.update([other], **kwargs)`; also the body of `dict(...)`. With `merge_kwargs` the
/// keyword arguments are gathered in a dict first and merged, as CPython's `dict.update` and
/// `dict.__init__` receive them (`dict(...)` itself stores them one by one).
pub fn update_args(
    vm: &Vm,
    name: &str,
    d: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    merge_kwargs: bool,
) -> PyResult<()> {
    let (pos, kw) = split_args(args, kwnames);
    check_count(vm, name, pos, 0, 1)?;
    if let Some(src) = pos.first() {
        update_from(vm, d, src)?;
    }
    if merge_kwargs && !kw.is_empty() {
        let kwargs = new_dict_vm(vm)?;
        if let Some(t) = table(&kwargs) {
            t.reserve_display(kw.len(), false)
                .map_err(|e| vm.alloc_err(e))?;
        }
        for (k, v) in kw {
            set_item(vm, &kwargs, vm.intern(k)?, v.clone())?;
        }
        return update_from(vm, d, &kwargs);
    }
    for (k, v) in kw {
        set_item(vm, d, vm.intern(k)?, v.clone())?;
    }
    Ok(())
}

pub(crate) fn m_update(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    update_args(vm, "update", this, args, kw, true)?;
    Ok(none())
}

pub(crate) fn m_clear(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.clear", args, kw)?;
    drop(crate::objects::dict::take_all(this));
    Ok(none())
}

pub use crate::objects::dict::copy;

pub(crate) fn m_copy(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.copy", args, kw)?;
    copy(vm, this)
}

pub(crate) fn m_get(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "get", kw)?;
    check_count(vm, "get", args, 1, 2)?;
    Ok(get_item(vm, this, &args[0])?.unwrap_or_else(|| args.get(1).cloned().unwrap_or_else(none)))
}

pub(crate) fn m_setdefault(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "setdefault", kw)?;
    check_count(vm, "setdefault", args, 1, 2)?;
    let default = args.get(1).cloned().unwrap_or_else(none);
    crate::objects::dict::setdefault(vm, this, args[0].clone(), default)
}

pub(crate) fn m_pop(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "pop", kw)?;
    check_count(vm, "pop", args, 1, 2)?;
    let t = table(this).ok_or_else(|| vm.type_error("expected a dict"))?;
    let h = ops::hash(vm, &args[0])?;
    let removed = t.remove(h, &args[0], &mut |a, b| ops::eq(vm, a, b))?;
    match (removed, args.get(1)) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(vm.key_error(args[0].clone())),
    }
}

/// `dict.popitem()`: removes the last-inserted pair (LIFO), as a tuple.
pub(crate) fn m_popitem(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.popitem", args, kw)?;
    let t = table(this).ok_or_else(|| vm.type_error("expected a dict"))?;
    match t.pop_last() {
        Some((k, v)) => tuple::new_tuple(vm, vec![k, v]),
        None => Err(vm.key_error(pystr::new_str_vm(vm, "popitem(): dictionary is empty")?)),
    }
}

pub(crate) fn m_keys(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.keys", args, kw)?;
    new_view(vm, this, DictIterKind::Keys)
}

pub(crate) fn m_values(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.values", args, kw)?;
    new_view(vm, this, DictIterKind::Values)
}

pub(crate) fn m_items(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "dict.items", args, kw)?;
    new_view(vm, this, DictIterKind::Items)
}

pub(crate) fn m_reversed(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "__reversed__", args, kw)?;
    new_dict_reverse_iter(vm, this, DictIterKind::Keys)
}

pub(crate) fn m_contains(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "__contains__", kw)?;
    let [key] = args else {
        return Err(vm.type_error(&format!(
            "dict.__contains__() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    Ok(crate::objects::boolobj::new_bool(
        get_item(vm, this, key)?.is_some(),
    ))
}

/// `dict.fromkeys(iterable, value=None)` (a class method: `this` is the type).
/// `dict.fromkeys(iterable, value=None)` (a class method: a subclass's instance is made by
/// calling it and filled item by item, as in CPython).
pub(crate) fn m_fromkeys(
    vm: &Vm,
    cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "fromkeys", kw)?;
    check_count(vm, "fromkeys", args, 1, 2)?;
    let exact = cls
        .as_type()
        .is_none_or(|t| std::ptr::eq(t, &crate::objects::dict::DICT_TYPE));
    let d = if exact {
        new_dict_vm(vm)?
    } else {
        ops::call(vm, cls, &[], None)?
    };
    let value = args.get(1).cloned().unwrap_or_else(none);
    if exact {
        presize_fromkeys(vm, &d, &args[0])?;
    }
    let it = ops::iter(vm, &args[0])?;
    while let Some(k) = ops::next(vm, &it)? {
        if exact {
            set_item(vm, &d, k, value.clone())?;
        } else {
            ops::setitem(vm, &d, &k, Some(&value))?;
        }
    }
    Ok(d)
}

/// CPython's `dict.fromkeys` of an exact dict or set resizes the new dict for them first.
fn presize_fromkeys(vm: &Vm, d: &ObjRef, src: &ObjRef) -> PyResult<()> {
    use crate::objects::set;
    let Some(t) = table(d) else { return Ok(()) };
    let ty = src.ob_type();
    let sized = if std::ptr::eq(ty, &crate::objects::dict::DICT_TYPE) {
        table(src).map(|s| (s.len(), s.is_str_only()))
    } else if std::ptr::eq(ty, &set::SET_TYPE) || std::ptr::eq(ty, &set::FROZENSET_TYPE) {
        set::table(src).map(|s| (s.len(), false))
    } else {
        None
    };
    match sized {
        Some((n, unicode)) => t.reserve_exact(n, unicode).map_err(|e| vm.alloc_err(e)),
        None => Ok(()),
    }
}

/// `a | b` for two dicts: a copy of `a` updated with `b`.
pub(crate) fn dict_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if table(a).is_none() || table(b).is_none() {
        return Ok(not_implemented());
    }
    let new = copy(vm, a)?;
    update_from(vm, &new, b)?;
    Ok(new)
}

/// `a |= b`: updates `a` in place from any mapping or iterable of pairs.
pub(crate) fn dict_ior(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if table(a).is_none() {
        return Ok(not_implemented());
    }
    update_from(vm, a, b)?;
    Ok(a.clone())
}
