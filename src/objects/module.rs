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
    /// Made by calling `module(name)` (CPython's repr then names no origin), rather than by the
    /// import system.
    pub constructed: bool,
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
    let m = ModuleObject {
        dict,
        constructed: false,
    };
    new_object(&MODULE_TYPE, m).or_mem(vm)
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
        None if m.downcast::<ModuleObject>().is_some_and(|p| p.constructed) => {
            format!("<module '{name}'>")
        }
        None => format!("<module '{name}' (built-in)>"),
    };
    pystr::new_str_vm(vm, &text)
}

/// `module`.
/// `module.__new__`: an empty module; `__init__` names it (CPython's generic new + init, so that
/// subclasses with their own `__init__` signature work).
fn module_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let dict = dict::new_dict_vm(vm)?;
    let m = ModuleObject {
        dict,
        constructed: true,
    };
    let m = new_object(ty, m).or_mem(vm)?;
    // Called with the constructor's arguments (the class itself, or a subclass that keeps
    // `module.__init__`): initialize here, as `type_call` would with `tp_init`.
    if !args.is_empty() || std::ptr::eq(ty, &MODULE_TYPE) {
        module_init(vm, &m, args, kw)?;
    }
    Ok(m)
}

/// `module.__init__(name, doc=None)`.
fn module_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kw);
    let mut name = pos.first().cloned();
    let mut doc = pos.get(1).cloned();
    if pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "module() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    for (k, v) in kw {
        match k {
            "name" if name.is_none() => name = Some(v.clone()),
            "doc" if doc.is_none() => doc = Some(v.clone()),
            _ => {
                return Err(vm.type_error(&format!(
                    "module() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let name =
        name.ok_or_else(|| vm.type_error("module() missing required argument 'name' (pos 1)"))?;
    if !pystr::is_str(&name) {
        return Err(vm.type_error(&format!(
            "module() argument 'name' must be str, not {}",
            name.ob_type().name()
        )));
    }
    let d = module_dict(this).ok_or_else(|| vm.type_error("expected a module"))?;
    dict::set_str(vm, &d, "__name__", name)?;
    dict::set_str(vm, &d, "__doc__", doc.unwrap_or_else(none::none))?;
    for key in ["__package__", "__loader__", "__spec__"] {
        dict::set_str(vm, &d, key, none::none())?;
    }
    Ok(none::none())
}

static MODULE_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "__init__",
    func: module_init,
    flags: 0,
}];

/// `module` (`types.ModuleType`).
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
        new: Some(module_new),
        ..Slots::EMPTY
    },
    methods: &MODULE_METHODS,
    doc: "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
};
