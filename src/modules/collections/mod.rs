//! The `_collections` module (CPython's `Modules/_collectionsmodule.c`): `deque` and its
//! iterators, `_tuplegetter`, `_count_elements`; `defaultdict` is its Python part
//! (`pylib/_collections.py`). `OrderedDict` is left to `collections`' pure-Python version.

pub mod deque;
pub mod deque_iter;
pub mod deque_methods;
pub mod store;
pub mod tuplegetter;

use crate::object::BinaryOp;
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, module, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each item.
fn count_elements(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [mapping, iterable] = parse::<2>(vm, "_count_elements", Sig::Clinic(2, 2), args, kw)?;
    let (Some(mapping), Some(iterable)) = (mapping, iterable) else {
        return Err(vm.type_error("missing argument"));
    };
    let it = ops::iter(vm, &iterable)?;
    let get = ops::getattr(vm, &mapping, "get")?;
    let zero = int::new_int(vm, 0)?;
    let one = int::new_int(vm, 1)?;
    while let Some(x) = ops::next(vm, &it)? {
        let old = ops::call(vm, &get, &[x.clone(), zero.clone()], None)?;
        let new = ops::binary_op(vm, &old, &one, BinaryOp::Add, false)?;
        ops::setitem(vm, &mapping, &x, Some(&new))?;
    }
    Ok(none::none())
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "_count_elements",
    func: count_elements,
}];

/// Builds `_collections` (its Python part adds `defaultdict`).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_collections")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "deque", ObjRef::from_type(&deque::DEQUE_TYPE))?;
    module::set_attr(
        vm,
        &m,
        "_deque_iterator",
        ObjRef::from_type(&deque_iter::DEQUE_ITER_TYPE),
    )?;
    module::set_attr(
        vm,
        &m,
        "_deque_reverse_iterator",
        ObjRef::from_type(&deque_iter::DEQUE_REVITER_TYPE),
    )?;
    module::set_attr(
        vm,
        &m,
        "_tuplegetter",
        ObjRef::from_type(&tuplegetter::TUPLEGETTER_TYPE),
    )?;
    Ok(m)
}
