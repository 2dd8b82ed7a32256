//! `functools._lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`: the callable
//! `functools.lru_cache` returns. The cache is a dict from argument keys to results (to
//! `(key, result)` pairs when bounded); a bounded cache keeps a second dict of its keys in
//! least- to most-recently-used order (a hit moves its stored key to the end, found by
//! identity, so a hit never changes the cache dict under a lookup that compares keys; a miss in
//! a full cache evicts the first key). `maxsize` `None` never evicts; 0 caches nothing.
//! The wrapper binds as a method (it has `__get__`), and takes arbitrary attributes
//! (`functools.update_wrapper` sets `__wrapped__`, `__name__`, ... and `cache_parameters`).

use super::attrs;
use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, int, none, str as pystr, tuple};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a cache wrapper.
pub struct LruCache {
    func: ObjCell,
    cache: ObjCell,
    order: ObjCell,
    info_type: ObjCell,
    kwd_mark: ObjCell,
    dict: ObjCell,
    hits: Cell<u64>,
    misses: Cell<u64>,
    maxsize: Cell<Option<usize>>,
    typed: Cell<bool>,
}

impl PyPayload for LruCache {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [
            &self.func,
            &self.cache,
            &self.order,
            &self.info_type,
            &self.kwd_mark,
            &self.dict,
        ]
        .iter()
        .filter_map(|c| c.replace(None))
        .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `cache`, `info_type`, `kwd_mark`,
// `dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for LruCache {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in [
            &self.func,
            &self.cache,
            &self.order,
            &self.info_type,
            &self.kwd_mark,
            &self.dict,
        ] {
            c.traverse(visit);
        }
    }
}

static LRU_VTABLE: PayloadVTable = PayloadVTable::of::<LruCache>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a LruCache> {
    obj.downcast::<LruCache>()
        .ok_or_else(|| vm.type_error("expected a functools._lru_cache_wrapper"))
}

fn cleared(vm: &Vm) -> crate::vm::PyErr {
    vm.type_error("lru cache wrapper was cleared")
}

fn lru_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [func, maxsize, typed, info] = crate::vm::argparse::parse::<4>(
        vm,
        "_lru_cache_wrapper",
        crate::vm::argparse::Sig::Kw {
            names: &["user_function", "maxsize", "typed", "cache_info_type"],
            required: 4,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(func), Some(maxsize), Some(typed), Some(info)) = (func, maxsize, typed, info) else {
        return Err(vm.type_error("missing argument"));
    };
    if !ops::is_callable(vm, &func)? {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let maxsize = if none::is_none(&maxsize) {
        None
    } else if int::is_int(&maxsize) {
        Some(int::as_i64(&maxsize).map_or(usize::MAX, |n| n.max(0) as usize))
    } else {
        return Err(vm.type_error("maxsize should be integer or None"));
    };
    let typed = ops::truthy(vm, &typed)?;
    let mark = crate::modules::builtins::construct(vm, &OBJECT_TYPE, &[], None)?;
    new_object(
        ty,
        LruCache {
            func: ObjCell::new(Some(func)),
            cache: ObjCell::new(Some(dict::new_dict_vm(vm)?)),
            order: ObjCell::new(Some(dict::new_dict_vm(vm)?)),
            info_type: ObjCell::new(Some(info)),
            kwd_mark: ObjCell::new(Some(mark)),
            dict: ObjCell::new(None),
            hits: Cell::new(0),
            misses: Cell::new(0),
            maxsize: Cell::new(maxsize),
            typed: Cell::new(typed),
        },
    )
    .or_mem(vm)
}

/// The cache key of a call (CPython's `lru_cache_make_key`): a lone `int` or `str` argument
/// is its own key; otherwise a tuple of the arguments, a marker and the keyword pairs, then
/// the argument types when `typed`.
fn make_key(vm: &Vm, c: &LruCache, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let typed = c.typed.get();
    if kws.is_empty() && !typed {
        if let [one] = pos {
            let t = one.ob_type();
            if std::ptr::eq(t, &crate::objects::int::INT_TYPE)
                || std::ptr::eq(t, &crate::objects::str::STR_TYPE)
            {
                return Ok(one.clone());
            }
        }
    }
    let mut items: Vec<ObjRef> = pos.to_vec();
    if !kws.is_empty() {
        items.push(c.kwd_mark.get().ok_or_else(|| cleared(vm))?);
        for (k, v) in &kws {
            items.push(pystr::new_str_vm(vm, k)?);
            items.push((*v).clone());
        }
    }
    if typed {
        for p in pos {
            items.push(ObjRef::from_type_ref(p.ob_type()));
        }
        for (_, v) in &kws {
            items.push(ObjRef::from_type_ref(v.ob_type()));
        }
    }
    tuple::new_tuple(vm, items)
}

fn lru_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let c = payload(vm, obj)?;
    let func = c.func.get().ok_or_else(|| cleared(vm))?;
    if c.maxsize.get() == Some(0) {
        c.misses.set(c.misses.get() + 1);
        return ops::call(vm, &func, args, kw);
    }
    let key = make_key(vm, c, args, kw)?;
    let cache = c.cache.get().ok_or_else(|| cleared(vm))?;
    let bounded = c.maxsize.get().is_some();
    if let Some(entry) = dict::get_item(vm, &cache, &key)? {
        c.hits.set(c.hits.get() + 1);
        if !bounded {
            return Ok(entry);
        }
        let Some([stored, value]) =
            tuple::items(&entry).and_then(|t| <[ObjRef; 2]>::try_from(t.to_vec()).ok())
        else {
            return Err(vm.new_error(
                &crate::objects::exceptions::SYSTEM_ERROR,
                "lru_cache: a cache entry is not a (key, result) pair",
            ));
        };
        // Moves the entry to the recent end of the order, found by the stored key itself
        // (identity), so no `__eq__` runs and the cache dict is never changed by a hit.
        let order = c.order.get().ok_or_else(|| cleared(vm))?;
        if dict::del_item(vm, &order, &stored)? {
            dict::set_item(vm, &order, stored, none::none())?;
        }
        return Ok(value);
    }
    c.misses.set(c.misses.get() + 1);
    let result = ops::call(vm, &func, args, kw)?;
    let cache = c.cache.get().ok_or_else(|| cleared(vm))?;
    if dict::get_item(vm, &cache, &key)?.is_some() {
        return Ok(result);
    }
    let Some(max) = c.maxsize.get() else {
        dict::set_item(vm, &cache, key, result.clone())?;
        return Ok(result);
    };
    let order = c.order.get().ok_or_else(|| cleared(vm))?;
    let len = dict::table(&order).map_or(0, |t| t.len());
    if len >= max {
        if let Some((oldest, _)) = dict::items(&order).into_iter().next() {
            dict::del_item(vm, &order, &oldest)?;
            dict::del_item(vm, &cache, &oldest)?;
        }
    }
    let entry = tuple::new_tuple(vm, vec![key.clone(), result.clone()])?;
    dict::set_item(vm, &cache, key.clone(), entry)?;
    dict::set_item(vm, &order, key, none::none())?;
    Ok(result)
}

fn cache_info(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "cache_info", args, kw)?;
    let c = payload(vm, obj)?;
    let info = c.info_type.get().ok_or_else(|| cleared(vm))?;
    let size = c
        .cache
        .get()
        .and_then(|d| dict::table(&d).map(|t| t.len()))
        .unwrap_or(0);
    let maxsize = match c.maxsize.get() {
        None => none::none(),
        Some(n) => int::new_bigint(vm, &n.into())?,
    };
    let fields = [
        int::new_bigint(vm, &c.hits.get().into())?,
        int::new_bigint(vm, &c.misses.get().into())?,
        maxsize,
        int::new_int(vm, size as i64)?,
    ];
    ops::call(vm, &info, &fields, None)
}

fn cache_clear(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "cache_clear", args, kw)?;
    let c = payload(vm, obj)?;
    c.hits.set(0);
    c.misses.set(0);
    let old = c.cache.replace(Some(dict::new_dict_vm(vm)?));
    let old_order = c.order.replace(Some(dict::new_dict_vm(vm)?));
    drop((old, old_order));
    Ok(none::none())
}

fn lru_reduce(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__reduce__", args, kw)?;
    ops::getattr(vm, obj, "__qualname__")
}

fn lru_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__copy__", args, kw)?;
    Ok(obj.clone())
}

fn lru_deepcopy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__deepcopy__", kw)?;
    if args.len() != 1 {
        return Err(vm.type_error(&format!(
            "_lru_cache_wrapper.__deepcopy__() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(obj.clone())
}

fn lru_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    match obj.filter(|o| !none::is_none(o)) {
        None => Ok(d.clone()),
        Some(o) => crate::objects::method::new_method(vm, d.clone(), o.clone()),
    }
}

fn lru_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    attrs::getattr(vm, &payload(vm, obj)?.dict, name)
}

fn lru_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    attrs::setattr(vm, obj, &payload(vm, obj)?.dict, name, value)
}

static LRU_METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "cache_info",
        func: cache_info,
        flags: 0,
    },
    MethodDef {
        name: "cache_clear",
        func: cache_clear,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: lru_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__copy__",
        func: lru_copy,
        flags: 0,
    },
    MethodDef {
        name: "__deepcopy__",
        func: lru_deepcopy,
        flags: 0,
    },
];

/// `functools._lru_cache_wrapper`.
pub static LRU_CACHE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "functools._lru_cache_wrapper",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &LRU_VTABLE,
    slots: Slots {
        call: Some(lru_call),
        new: Some(lru_new),
        descr_get: Some(lru_get),
        getattr: Some(lru_getattr),
        setattr: Some(lru_setattr),
        ..Slots::EMPTY
    },
    methods: &LRU_METHODS,
    doc: "Create a cached callable that wraps another function.",
};
