//! `module`: a namespace (its `__dict__`) with a name.

use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, none, str as pystr};
use crate::vm::attr;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a module.
pub struct ModuleObject {
    /// The module namespace.
    pub dict: ObjRef,
}

impl PyPayload for ModuleObject {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for ModuleObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.dict)
    }
}

static MODULE_VTABLE: PayloadVTable = PayloadVTable::of::<ModuleObject>();

/// A new module named `name` whose namespace is `dict` (`__name__` is set in it).
pub fn new_module_with_dict(vm: &Vm, name: &str, dict: ObjRef) -> PyResult<ObjRef> {
    dict::set_str(vm, &dict, "__name__", pystr::new_str_vm(vm, name)?)?;
    for key in ["__doc__", "__package__", "__loader__", "__spec__"] {
        if dict::get_str(vm, &dict, key)?.is_none() {
            dict::set_str(vm, &dict, key, none::none())?;
        }
    }
    new_object(&MODULE_TYPE, ModuleObject { dict }).or_mem(vm)
}

/// A new, empty module named `name`.
pub fn new_module(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    new_module_with_dict(vm, name, d)
}

/// The namespace of a module.
pub fn module_dict(m: &ObjRef) -> Option<ObjRef> {
    m.downcast::<ModuleObject>().map(|p| p.dict.clone())
}

/// Sets `m.name = value`.
pub fn set_attr(vm: &Vm, m: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
    let d = module_dict(m).ok_or_else(|| vm.type_error("expected a module"))?;
    dict::set_str(vm, &d, name, value)
}

fn module_name(vm: &Vm, m: &ObjRef) -> String {
    module_dict(m)
        .and_then(|d| dict::get_str(vm, &d, "__name__").ok().flatten())
        .and_then(|n| pystr::as_str(&n).map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// `module.__dict__`.
fn module_dict_attr(_vm: &Vm, m: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(module_dict(m))
}

/// `module.__annotations__`: the namespace's `__annotations__`, a new empty dict stored there
/// when it has none.
fn module_annotations(vm: &Vm, m: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    let Some(d) = module_dict(m) else {
        return Ok(None);
    };
    if let Some(v) = dict::get_str(vm, &d, "__annotations__")? {
        return Ok(Some(v));
    }
    let fresh = dict::new_dict_vm(vm)?;
    dict::set_item(vm, &d, vm.intern("__annotations__")?, fresh.clone())?;
    Ok(Some(fresh))
}

fn module_set_annotations(
    vm: &Vm,
    m: &ObjRef,
    name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    let d = module_dict(m).ok_or_else(|| vm.type_error("expected a module"))?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None if dict::del_item(vm, &d, name)? => Ok(()),
        None => Err(vm.new_error(
            &crate::objects::exceptions::ATTRIBUTE_ERROR,
            "__annotations__",
        )),
    }
}

/// The data attributes of `module`: `__dict__` (a read-only member in CPython) and
/// `__annotations__`.
static MODULE_GETSET: [crate::object::GetSetDef; 2] = [
    crate::object::GetSetDef {
        name: "__dict__",
        get: module_dict_attr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__annotations__",
        get: module_annotations,
        set: Some(module_set_annotations),
    },
];

fn module_getattr(vm: &Vm, m: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(d) = module_dict(m) else {
        return Ok(None);
    };
    if name == "__dict__" {
        return Ok(Some(d));
    }
    if let Some(v) = dict::get_str(vm, &d, name)? {
        return Ok(Some(v));
    }
    if name == "__class__" {
        return Ok(Some(m.type_object()));
    }
    if let Some(def) = m.ob_type().find_method(name) {
        return Ok(Some(crate::objects::function::new_bound_builtin(
            vm,
            def,
            m.clone(),
        )?));
    }
    // PEP 562: a module-level __getattr__.
    if let Some(f) = dict::get_str(vm, &d, "__getattr__")? {
        let n = vm.intern(name)?;
        return ops::call(vm, &f, &[n], None).map(Some);
    }
    Err(vm.new_error(
        &crate::objects::exceptions::ATTRIBUTE_ERROR,
        &format!(
            "module '{}' has no attribute '{}'",
            module_name(vm, m),
            name
        ),
    ))
}

fn module_setattr(vm: &Vm, m: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if let Some(r) = crate::objects::getset::set(vm, m, name, value.clone()) {
        return r;
    }
    let d = module_dict(m).ok_or_else(|| vm.type_error("expected a module"))?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(attr::no_attribute(
                    vm,
                    m,
                    pystr::as_str(name).unwrap_or("?"),
                ))
            }
        }
    }
}

fn module_repr(vm: &Vm, m: &ObjRef) -> PyResult<ObjRef> {
    let name = module_name(vm, m);
    let file = module_dict(m)
        .and_then(|d| dict::get_str(vm, &d, "__file__").ok().flatten())
        .and_then(|f| pystr::as_str(&f).map(str::to_string));
    let text = match file {
        Some(f) => format!("<module '{name}' from '{f}'>"),
        None => format!("<module '{name}' (built-in)>"),
    };
    pystr::new_str_vm(vm, &text)
}

/// `module`.
pub static MODULE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &MODULE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "module",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &MODULE_VTABLE,
    slots: Slots {
        repr: Some(module_repr),
        getattr: Some(module_getattr),
        setattr: Some(module_setattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a module object.",
};
