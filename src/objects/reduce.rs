//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`: how any object
//! describes itself to `pickle` and `copy` (CPython 3.11's rules).
//!
//! Protocol 2 and above build `(copyreg.__newobj__, (cls, *args), state, listitems,
//! dictitems)` here (`__newobj_ex__` when `__getnewargs_ex__` gives keyword arguments);
//! protocols 0 and 1 hand the object to `copyreg._reduce_ex`. The state is what the object's
//! `__getstate__` returns; the default one gives the instance dict (None when empty), paired
//! with a dict of the set `__slots__` values when there are any, whose names come from
//! `copyreg._slotnames` (which caches them on the class as `__slotnames__`).

use crate::object::{ObjRef, TypeObject};
use crate::objects::exceptions;
use crate::objects::typetype::OBJECT_TYPE;
use crate::objects::{dict, list, none, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{attr, ops, PyResult, Vm};

fn copyreg_attr(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    let module = crate::vm::import::import_dotted(vm, "copyreg")?;
    ops::getattr(vm, &module, name)
}

/// `getattr(obj, name)`, `Ok(None)` for an `AttributeError`.
fn getattr_opt(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match ops::getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `ty`'s attribute `name` is the very one `object` defines.
fn is_objects_own(vm: &Vm, ty: &TypeObject, name: &str) -> PyResult<bool> {
    let mine = attr::type_lookup(vm, ty, name)?;
    let base = attr::type_lookup(vm, &OBJECT_TYPE, name)?;
    Ok(matches!((mine, base), (Some(a), Some(b)) if a.is(&b)))
}

/// Builtin types whose instances carry variable-sized storage in CPython (`tp_itemsize`).
fn is_var_sized(ty: &TypeObject) -> bool {
    use crate::objects::{boolobj, bytes, int, typetype};
    [
        &int::INT_TYPE,
        &boolobj::BOOL_TYPE,
        &bytes::BYTES_TYPE,
        &tuple::TUPLE_TYPE,
        &typetype::TYPE_TYPE,
    ]
    .iter()
    .any(|t| std::ptr::eq(*t, ty))
}

/// The names of `cls`'s `__slots__` values (`copyreg._slotnames`): a list, or None.
fn slot_names(vm: &Vm, cls: &ObjRef) -> PyResult<ObjRef> {
    let f = copyreg_attr(vm, "_slotnames")?;
    let names = ops::call(vm, &f, std::slice::from_ref(cls), None)?;
    if !none::is_none(&names) && !names.ob_type().is_subtype(&list::LIST_TYPE) {
        return Err(vm.type_error("copyreg._slotnames didn't return a list or None"));
    }
    Ok(names)
}

/// The default `__getstate__`. `required`: the state is all that can rebuild the object (it
/// has no `__new__` arguments), so objects with native contents cannot be reduced this way.
pub fn default_getstate(vm: &Vm, obj: &ObjRef, required: bool) -> PyResult<ObjRef> {
    let ty = obj.ob_type();
    let native = crate::objects::classobj::static_base(ty);
    if required && is_var_sized(native) {
        return Err(vm.type_error(&format!("cannot pickle {} objects", ty.name())));
    }
    let state = match attr::instance_dict(vm, obj)? {
        Some(d) if !dict::items(&d).is_empty() => d,
        _ => none::none(),
    };
    let names = slot_names(vm, &obj.type_object())?;
    if required && !std::ptr::eq(native, &OBJECT_TYPE) {
        return Err(vm.type_error(&format!("cannot pickle '{}' object", ty.name())));
    }
    if none::is_none(&names) {
        return Ok(state);
    }
    let names_list = list::storage(&names)
        .map(|v| v.snapshot())
        .unwrap_or_default();
    if names_list.is_empty() {
        return Ok(state);
    }
    let slots = dict::new_dict_vm(vm)?;
    for name in names_list {
        let Some(key) = crate::objects::str::as_str(&name).map(str::to_owned) else {
            return Err(vm.type_error(&format!(
                "attribute name must be string, not '{}'",
                name.ob_type().name()
            )));
        };
        if let Some(v) = getattr_opt(vm, obj, &key)? {
            dict::set_item(vm, &slots, name, v)?;
        }
    }
    if dict::items(&slots).is_empty() {
        return Ok(state);
    }
    tuple::new_tuple(vm, vec![state, slots])
}

/// The object's state: its class's `__getstate__`, the default one read directly.
fn getstate(vm: &Vm, obj: &ObjRef, required: bool) -> PyResult<ObjRef> {
    let shadowed = attr::instance_dict(vm, obj)?.is_some_and(|d| {
        dict::items(&d)
            .iter()
            .any(|(k, _)| crate::objects::str::as_str(k) == Some("__getstate__"))
    });
    if !shadowed && is_objects_own(vm, obj.ob_type(), "__getstate__")? {
        return default_getstate(vm, obj, required);
    }
    let f = ops::getattr(vm, obj, "__getstate__")?;
    ops::call(vm, &f, &[], None)
}

/// `_PyObject_GetState`: the state `__getstate__` gives, for builtin types' own reductions.
pub fn object_getstate(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    getstate(vm, obj, false)
}

/// The arguments for `cls.__new__`: `(args, kwargs)` from `__getnewargs_ex__`, `(args, None)`
/// from `__getnewargs__`, `None` when the class has neither.
fn new_arguments(vm: &Vm, obj: &ObjRef) -> PyResult<Option<(ObjRef, Option<ObjRef>)>> {
    if let Some(f) = attr::lookup_special(vm, obj, "__getnewargs_ex__")? {
        let r = ops::call(vm, &f, &[], None)?;
        let Some(pair) = tuple::items(&r) else {
            return Err(vm.type_error(&format!(
                "__getnewargs_ex__ should return a tuple, not '{}'",
                r.ob_type().name()
            )));
        };
        let [args, kwargs] = pair else {
            return Err(vm.value_error(&format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            )));
        };
        if tuple::items(args).is_none() {
            return Err(vm.type_error(&format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                args.ob_type().name()
            )));
        }
        if !kwargs.ob_type().is_subtype(&dict::DICT_TYPE) {
            return Err(vm.type_error(&format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                kwargs.ob_type().name()
            )));
        }
        return Ok(Some((args.clone(), Some(kwargs.clone()))));
    }
    if let Some(f) = attr::lookup_special(vm, obj, "__getnewargs__")? {
        let r = ops::call(vm, &f, &[], None)?;
        if tuple::items(&r).is_none() {
            return Err(vm.type_error(&format!(
                "__getnewargs__ should return a tuple, not '{}'",
                r.ob_type().name()
            )));
        }
        return Ok(Some((r, None)));
    }
    Ok(None)
}

/// Protocol 2 and above.
fn reduce_newobj(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let ty = obj.ob_type();
    if ty.slots.new.is_none() {
        return Err(vm.type_error(&format!("cannot pickle '{}' object", ty.name())));
    }
    let cls = obj.type_object();
    let newargs = new_arguments(vm, obj)?;
    let has_args = newargs.is_some();
    let (func, args) = match newargs {
        Some((args, Some(kwargs))) if !dict::items(&kwargs).is_empty() => (
            copyreg_attr(vm, "__newobj_ex__")?,
            tuple::new_tuple(vm, vec![cls, args, kwargs])?,
        ),
        other => {
            let mut items = vec![cls];
            if let Some((args, _)) = other {
                items.extend(tuple::items(&args).unwrap_or(&[]).iter().cloned());
            }
            (
                copyreg_attr(vm, "__newobj__")?,
                tuple::new_tuple(vm, items)?,
            )
        }
    };
    let is_list = ty.is_subtype(&list::LIST_TYPE);
    let is_dict = ty.is_subtype(&dict::DICT_TYPE);
    let state = getstate(vm, obj, !(has_args || is_list || is_dict))?;
    let listitems = if is_list {
        ops::iter(vm, obj)?
    } else {
        none::none()
    };
    let dictitems = if is_dict {
        let items = ops::getattr(vm, obj, "items")?;
        let view = ops::call(vm, &items, &[], None)?;
        ops::iter(vm, &view)?
    } else {
        none::none()
    };
    tuple::new_tuple(vm, vec![func, args, state, listitems, dictitems])
}

fn common_reduce(vm: &Vm, obj: &ObjRef, protocol: i64) -> PyResult<ObjRef> {
    if protocol >= 2 {
        return reduce_newobj(vm, obj);
    }
    let f = copyreg_attr(vm, "_reduce_ex")?;
    let proto = crate::objects::int::new_int(vm, protocol)?;
    ops::call(vm, &f, &[obj.clone(), proto], None)
}

/// `object.__reduce_ex__(protocol)`: a class's own `__reduce__` when it has one, else the
/// generic reduction for `protocol`.
pub fn m_reduce_ex(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [proto] = parse::<1>(vm, "object.__reduce_ex__", Sig::One, args, kw)?;
    let protocol = index_arg(vm, proto.as_ref().unwrap_or(&none::none()))?;
    if let Some(reduce) = getattr_opt(vm, this, "__reduce__")? {
        if !is_objects_own(vm, this.ob_type(), "__reduce__")? {
            return ops::call(vm, &reduce, &[], None);
        }
    }
    common_reduce(vm, this, protocol)
}

/// `object.__reduce__()`: the protocol 0 reduction.
pub fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "object.__reduce__", Sig::NoArgs, args, kw)?;
    common_reduce(vm, this, 0)
}
