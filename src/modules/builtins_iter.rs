//! Builtins over iterables and the container types: `sorted`, `reversed`, `enumerate`, `zip`,
//! `map`, `filter`, `any`, `all`, `iter(callable, sentinel)`, and the types `set`,
//! `frozenset`, `slice`, `bytes`, `bytearray`.

use crate::object::{ObjRef, TypeObject};
use crate::objects::boolobj::new_bool;
use crate::objects::function::BuiltinDef;
use crate::objects::{builtin_iters, list, list_sort, set, slice};
use crate::vm::args::{check_count, no_kwargs, split_args};
use crate::vm::{ops, PyResult, Vm};

/// `sorted(iterable, /, *, key=None, reverse=False)`.
fn b_sorted(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let [iterable] = pos else {
        return Err(vm.type_error(&format!("sorted expected 1 argument, got {}", pos.len())));
    };
    let (key, reverse) = list_sort::sort_options(vm, "sort", &kw)?;
    let l = list::new_list(vm, ops::collect_iterable(vm, iterable)?)?;
    list_sort::sort_list(vm, &l, key.as_ref(), reverse)?;
    Ok(l)
}

/// `iter(object)` or `iter(callable, sentinel)`.
pub fn iter(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "iter", kwnames)?;
    check_count(vm, "iter", args, 1, 2)?;
    match args {
        [x] => ops::iter(vm, x),
        [f, sentinel] => builtin_iters::new_callable_iter(vm, f, sentinel),
        _ => Err(vm.type_error("iter expected at most 2 arguments")),
    }
}

fn any_all(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    want: bool,
) -> PyResult<ObjRef> {
    no_kwargs(vm, name, kwnames)?;
    let [iterable] = args else {
        return Err(vm.type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let it = ops::iter(vm, iterable)?;
    while let Some(x) = ops::next(vm, &it)? {
        if ops::truthy(vm, &x)? == want {
            return Ok(new_bool(want));
        }
    }
    Ok(new_bool(!want))
}

/// `any(iterable)`.
fn b_any(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    any_all(vm, "any", args, kwnames, true)
}

/// `all(iterable)`.
fn b_all(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    any_all(vm, "all", args, kwnames, false)
}

/// The functions of this file.
pub static FUNCTIONS: [BuiltinDef; 3] = [
    BuiltinDef {
        name: "sorted",
        func: b_sorted,
    },
    BuiltinDef {
        name: "any",
        func: b_any,
    },
    BuiltinDef {
        name: "all",
        func: b_all,
    },
];

/// The container and iterator types exposed by name.
pub static TYPES: [&TypeObject; 8] = [
    &slice::SLICE_TYPE,
    &set::SET_TYPE,
    &set::FROZENSET_TYPE,
    &builtin_iters::ENUMERATE_TYPE,
    &builtin_iters::ZIP_TYPE,
    &builtin_iters::MAP_TYPE,
    &builtin_iters::FILTER_TYPE,
    &builtin_iters::REVERSED_TYPE,
];
