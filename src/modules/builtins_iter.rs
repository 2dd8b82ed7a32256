//! Builtins over iterables and the container types: `sorted`, `reversed`, `enumerate`, `zip`,
//! `map`, `filter`, `any`, `all`, `iter(callable, sentinel)`, and the types `set`,
//! `frozenset`, `slice`, `bytes`, `bytearray`.

use crate::object::{ObjRef, TypeObject};
use crate::objects::function::BuiltinDef;
use crate::objects::{list, list_sort, set, slice};
use crate::vm::args::split_args;
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

/// The functions of this file.
pub static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "sorted",
    func: b_sorted,
}];

/// The container and iterator types exposed by name.
pub static TYPES: [&TypeObject; 3] = [&slice::SLICE_TYPE, &set::SET_TYPE, &set::FROZENSET_TYPE];
