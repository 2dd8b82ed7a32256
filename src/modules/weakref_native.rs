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

static FUNCTIONS: [BuiltinDef; 3] = [
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
