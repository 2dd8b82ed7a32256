//! Type-variable substitution shared by `types.GenericAlias` and `types.UnionType`
//! (`list[T][int]`, `(T | None)[int]`), with PEP 646's variadic type variables: an argument
//! `*tuple[int, str]` stands for its items, a `TypeVarTuple` parameter takes a run of
//! arguments (its `__typing_prepare_subst__` groups them into one tuple first), and an
//! unpacked `*Ts` among an alias's arguments is replaced by all the items it stands for.

use crate::object::ObjRef;
use crate::objects::{exceptions, none, tuple};
use crate::vm::{ops, PyResult, Vm};

/// `attr` of `obj`, `None` when it has none (other errors propagate).
fn lookup_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match ops::getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The items of `obj` when it is a tuple (or a subclass of tuple).
fn tuple_items(obj: &ObjRef) -> Option<&[ObjRef]> {
    if obj.ob_type().is_subtype(&tuple::TUPLE_TYPE) {
        tuple::items(obj)
    } else {
        None
    }
}

/// Whether `t` stands for a type variable (it has `__typing_subst__`).
fn is_type_variable(vm: &Vm, t: &ObjRef) -> PyResult<bool> {
    if t.as_type().is_some() {
        return Ok(false);
    }
    Ok(lookup_attr(vm, t, "__typing_subst__")?.is_some())
}

/// The type variables among `args`, each once, in order of appearance (also those of
/// parameterised arguments).
pub fn collect_parameters(vm: &Vm, args: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    let mut out: Vec<ObjRef> = Vec::new();
    let add = |p: ObjRef, out: &mut Vec<ObjRef>| {
        if !out.iter().any(|x| x.is(&p)) {
            out.push(p);
        }
    };
    for t in args {
        if t.as_type().is_some() {
            continue;
        }
        if is_type_variable(vm, t)? {
            add(t.clone(), &mut out);
            continue;
        }
        if let Some(sub) = lookup_attr(vm, t, "__parameters__")? {
            if let Some(items) = tuple_items(&sub) {
                for p in items.iter().cloned() {
                    add(p, &mut out);
                }
            }
        }
    }
    Ok(out)
}

/// The items an unpacked tuple type stands for (`*tuple[int, str]` -> `(int, str)`), `None`
/// for anything else.
fn unpacked_tuple_args(vm: &Vm, arg: &ObjRef) -> PyResult<Option<ObjRef>> {
    if arg.as_type().is_some() {
        return Ok(None);
    }
    Ok(lookup_attr(vm, arg, "__typing_unpacked_tuple_args__")?.filter(|r| !none::is_none(r)))
}

/// The subscript `key` as a list of arguments, with each unpacked tuple type of fixed length
/// replaced by its items (`*tuple[int, ...]` stays as it is).
fn unpack_args(vm: &Vm, key: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let items: Vec<ObjRef> = match tuple_items(key) {
        Some(items) => items.to_vec(),
        None => vec![key.clone()],
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Some(sub) = unpacked_tuple_args(vm, &item)? {
            if let Some(subitems) = tuple_items(&sub) {
                if !subitems.last().is_some_and(|l| l.is(&none::ellipsis())) {
                    out.extend(subitems.iter().cloned());
                    continue;
                }
            }
        }
        out.push(item);
    }
    Ok(out)
}

/// Whether `arg` is an unpacked `TypeVarTuple` (`*Ts`), whose substitution is spliced in.
fn is_unpacked_typevartuple(vm: &Vm, arg: &ObjRef) -> PyResult<bool> {
    if arg.as_type().is_some() {
        return Ok(false);
    }
    match lookup_attr(vm, arg, "__typing_is_unpacked_typevartuple__")? {
        Some(v) => ops::truthy(vm, &v),
        None => Ok(false),
    }
}

/// Whether the parameter `param` is variadic (a `TypeVarTuple`, whose class is iterable).
fn is_variadic_param(vm: &Vm, param: &ObjRef) -> PyResult<bool> {
    Ok(crate::vm::attr::type_lookup(vm, param.ob_type(), "__iter__")?.is_some())
}

/// `obj` (an argument that is not itself a type variable) with the type variables of its own
/// `__parameters__` replaced: `list[T]` -> `list[int]`.
fn substitute_nested(
    vm: &Vm,
    obj: &ObjRef,
    params: &[ObjRef],
    values: &[ObjRef],
) -> PyResult<ObjRef> {
    let sub = lookup_attr(vm, obj, "__parameters__")?;
    let sub: Vec<ObjRef> = sub
        .as_ref()
        .and_then(tuple_items)
        .map(|s| s.to_vec())
        .unwrap_or_default();
    if sub.is_empty() {
        return Ok(obj.clone());
    }
    let mut subargs = Vec::with_capacity(sub.len());
    for p in sub {
        if let Some(i) = params.iter().position(|x| x.is(&p)) {
            let value = &values[i];
            if is_variadic_param(vm, &params[i])? {
                if let Some(items) = tuple_items(value) {
                    subargs.extend(items.iter().cloned());
                    continue;
                }
            }
            subargs.push(value.clone());
        } else {
            subargs.push(p);
        }
    }
    let subkey = tuple::new_tuple(vm, subargs)?;
    ops::getitem(vm, obj, &subkey)
}

/// Replaces the type variables `params` in `args` by the values the subscript `key` gives
/// (CPython's `_Py_subs_parameters`); `owner` is the alias subscripted, for messages and the
/// parameters' `__typing_prepare_subst__`.
pub fn substitute(
    vm: &Vm,
    owner: &ObjRef,
    args: &[ObjRef],
    params: &[ObjRef],
    key: &ObjRef,
) -> PyResult<Vec<ObjRef>> {
    if params.is_empty() {
        return Err(vm.type_error(&format!(
            "{} is not a generic class",
            ops::repr_string(vm, owner)?
        )));
    }
    let mut item = tuple::new_tuple(vm, unpack_args(vm, key)?)?;
    for param in params {
        let Some(prepare) = lookup_attr(vm, param, "__typing_prepare_subst__")? else {
            continue;
        };
        if none::is_none(&prepare) {
            continue;
        }
        item = ops::call(vm, &prepare, &[owner.clone(), item.clone()], None)?;
    }
    let values: Vec<ObjRef> = match tuple_items(&item) {
        Some(items) => items.to_vec(),
        None => vec![item.clone()],
    };
    if values.len() != params.len() {
        return Err(vm.type_error(&format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if values.len() > params.len() {
                "many"
            } else {
                "few"
            },
            ops::repr_string(vm, owner)?,
            values.len(),
            params.len()
        )));
    }
    let mut out = Vec::with_capacity(args.len());
    for arg in args {
        if arg.as_type().is_some() {
            out.push(arg.clone());
            continue;
        }
        let unpack = is_unpacked_typevartuple(vm, arg)?;
        let new = match lookup_attr(vm, arg, "__typing_subst__")? {
            Some(subst) => {
                let i = params.iter().position(|x| x.is(arg)).ok_or_else(|| {
                    vm.new_error(
                        &exceptions::SYSTEM_ERROR,
                        "type variable missing from the alias's __parameters__",
                    )
                })?;
                ops::call(vm, &subst, &[values[i].clone()], None)?
            }
            None => substitute_nested(vm, arg, params, &values)?,
        };
        if unpack {
            let items = tuple_items(&new).ok_or_else(|| {
                vm.type_error("substitution of an unpacked TypeVarTuple must be a tuple")
            })?;
            out.extend(items.iter().cloned());
        } else {
            out.push(new);
        }
    }
    Ok(out)
}
