//! Argument handling for builtin functions, methods and constructors.

use super::{PyResult, Vm};
use crate::object::ObjRef;
use crate::objects::{str as pystr, tuple};

/// Splits call arguments into positional ones and `(name, value)` keyword pairs.
pub fn split_args<'a>(
    args: &'a [ObjRef],
    kwnames: Option<&'a ObjRef>,
) -> (&'a [ObjRef], Vec<(&'a str, &'a ObjRef)>) {
    let names: &[ObjRef] = kwnames.and_then(tuple::items).unwrap_or(&[]);
    let npos = args.len() - names.len();
    let kw = names
        .iter()
        .zip(&args[npos..])
        .map(|(n, v)| (pystr::as_str(n).unwrap_or(""), v))
        .collect();
    (&args[..npos], kw)
}

/// `TypeError` if any argument was passed by keyword (CPython's message).
pub fn no_kwargs(vm: &Vm, name: &str, kwnames: Option<&ObjRef>) -> PyResult<()> {
    if kwnames
        .and_then(tuple::items)
        .is_some_and(|k| !k.is_empty())
    {
        return Err(vm.type_error(&format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// Checks the positional count is within `min..=max` with CPython's wording, e.g.
/// "range expected at most 3 arguments, got 4".
pub fn check_count(vm: &Vm, name: &str, args: &[ObjRef], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n < min {
        return Err(vm.type_error(&format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )));
    }
    if n > max {
        return Err(vm.type_error(&format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// `TypeError` unless the call has no arguments at all ("f() takes no arguments (1 given)").
pub fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<()> {
    no_kwargs(vm, name, kwnames)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

/// The positional arguments of a call to the constructor of `base`, a builtin type that takes
/// no keyword arguments, for an instance of `ty`. Keywords are refused (as [`no_kwargs`])
/// unless `ty` is a subclass with an `__init__` other than `base`'s, which then receives them
/// (CPython 3.11's rule: `type == &T || type->tp_init == T.tp_init` refuses keywords).
pub fn new_positional<'a>(
    vm: &Vm,
    ty: &crate::object::TypeObject,
    base: &crate::object::TypeObject,
    name: &str,
    args: &'a [ObjRef],
    kwnames: Option<&'a ObjRef>,
) -> PyResult<&'a [ObjRef]> {
    let names = kwnames.and_then(tuple::items).unwrap_or(&[]);
    if names.is_empty() {
        return Ok(args);
    }
    if ty.is_heap_type() {
        let own = super::attr::type_lookup(vm, ty, "__init__")?;
        let base = super::attr::type_lookup(vm, base, "__init__")?;
        if !matches!((own, base), (Some(a), Some(b)) if a.is(&b)) {
            return Ok(&args[..args.len() - names.len()]);
        }
    }
    no_kwargs(vm, name, kwnames)?;
    Ok(args)
}
