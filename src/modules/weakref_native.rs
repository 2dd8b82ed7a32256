//! The `_weakref` module: weak references and proxies (the `weakref` module builds on it).

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::weakref::{new_proxy, CALLABLE_PROXY_TYPE, PROXY_TYPE, WEAKREF_TYPE};
use crate::objects::{int, list, module, none};
use crate::vm::args::no_kwargs;
use crate::vm::{PyResult, Vm};

fn w_proxy(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "proxy", kw)?;
    match args {
        [obj] => new_proxy(vm, obj, None),
        [obj, cb] => new_proxy(
            vm,
            obj,
            if none::is_none(cb) {
                None
            } else {
                Some(cb.clone())
            },
        ),
        _ => Err(vm.type_error(&format!(
            "proxy expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn w_getweakrefcount(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getweakrefcount", kw)?;
    let [obj] = args else {
        return Err(vm.type_error("getweakrefcount() takes exactly one argument"));
    };
    int::new_int(vm, crate::object::weakref::weakrefs_of(obj).len() as i64)
}

fn w_getweakrefs(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getweakrefs", kw)?;
    let [obj] = args else {
        return Err(vm.type_error("getweakrefs() takes exactly one argument"));
    };
    list::new_list(vm, crate::object::weakref::weakrefs_of(obj))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference.
fn w_remove_dead_weakref(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [d, key] = crate::vm::argparse::parse::<2>(
        vm,
        "_remove_dead_weakref",
        crate::vm::argparse::Sig::Clinic(2, 2),
        args,
        kw,
    )?;
    let (Some(d), Some(key)) = (d, key) else {
        return Err(vm.type_error("missing argument"));
    };
    if crate::objects::dict::table(&d).is_none() {
        return Err(vm.type_error(&format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            d.ob_type().name()
        )));
    }
    let Some(value) = crate::objects::dict::get_item(vm, &d, &key)? else {
        return Ok(none::none());
    };
    let Some(w) = value.downcast::<crate::object::weakref::WeakRefPayload>() else {
        return Err(vm.type_error("not a weakref"));
    };
    if !w.is_alive() {
        crate::objects::dict::del_item(vm, &d, &key)?;
    }
    Ok(none::none())
}

static FUNCTIONS: [BuiltinDef; 4] = [
    BuiltinDef {
        name: "_remove_dead_weakref",
        func: w_remove_dead_weakref,
    },
    BuiltinDef {
        name: "proxy",
        func: w_proxy,
    },
    BuiltinDef {
        name: "getweakrefcount",
        func: w_getweakrefcount,
    },
    BuiltinDef {
        name: "getweakrefs",
        func: w_getweakrefs,
    },
];

/// Builds `_weakref`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_weakref")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "ref", ObjRef::from_type(&WEAKREF_TYPE))?;
    module::set_attr(vm, &m, "ReferenceType", ObjRef::from_type(&WEAKREF_TYPE))?;
    module::set_attr(vm, &m, "ProxyType", ObjRef::from_type(&PROXY_TYPE))?;
    module::set_attr(
        vm,
        &m,
        "CallableProxyType",
        ObjRef::from_type(&CALLABLE_PROXY_TYPE),
    )?;
    Ok(m)
}
