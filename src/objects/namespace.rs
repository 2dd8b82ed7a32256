//! `types.SimpleNamespace`: an object whose attributes live in a dict (`sys.implementation`).

use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{attr, ops, PyResult, Vm};

/// Payload of a namespace.
pub struct NamespaceObject {
    dict: ObjRef,
}

impl PyPayload for NamespaceObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        dict::take_all(&self.dict)
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for NamespaceObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.dict)
    }
}

static NAMESPACE_VTABLE: PayloadVTable = PayloadVTable::of::<NamespaceObject>();

/// A new, empty namespace.
pub fn new_namespace(vm: &Vm) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    new_object(&NAMESPACE_TYPE, NamespaceObject { dict: d }).or_mem(vm)
}

fn ns_dict(obj: &ObjRef) -> Option<ObjRef> {
    obj.downcast::<NamespaceObject>().map(|n| n.dict.clone())
}

fn ns_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    if !pos.is_empty() {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let d = dict::new_dict_vm(vm)?;
    for (k, v) in kw {
        dict::set_str(vm, &d, k, v.clone())?;
    }
    new_object(ty, NamespaceObject { dict: d }).or_mem(vm)
}

fn ns_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(d) = ns_dict(obj) else {
        return Ok(None);
    };
    if name == "__dict__" {
        return Ok(Some(d));
    }
    dict::get_str(vm, &d, name)
}

/// `__dict__` itself.
fn ns_dict_attr(_vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(ns_dict(obj))
}

/// The data attribute of `SimpleNamespace` (a read-only member in CPython).
static NAMESPACE_GETSET: [crate::object::GetSetDef; 1] = [crate::object::GetSetDef {
    name: "__dict__",
    get: ns_dict_attr,
    set: Some(crate::objects::getset::readonly),
}];

fn ns_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if let Some(r) = crate::objects::getset::set(vm, obj, name, value.clone()) {
        return r;
    }
    let d = ns_dict(obj).ok_or_else(|| vm.type_error("expected a namespace"))?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(attr::no_attribute(
                    vm,
                    obj,
                    pystr::as_str(name).unwrap_or("?"),
                ))
            }
        }
    }
}

fn ns_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let d = ns_dict(obj).ok_or_else(|| vm.type_error("expected a namespace"))?;
    let Some(_guard) = ops::ReprGuard::enter(vm, obj) else {
        return pystr::new_str_vm(vm, "namespace(...)");
    };
    let mut parts = Vec::new();
    for (k, v) in dict::items(&d) {
        parts.push(format!(
            "{}={}",
            pystr::as_str(&k).unwrap_or("?"),
            ops::repr_string(vm, &v)?
        ));
    }
    pystr::new_str_vm(vm, &format!("namespace({})", parts.join(", ")))
}

fn ns_richcompare(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    match (ns_dict(a), ns_dict(b)) {
        (Some(x), Some(y)) => ops::richcompare(vm, &x, &y, op),
        _ => Ok(crate::objects::none::not_implemented()),
    }
}

/// `types.SimpleNamespace`.
pub static NAMESPACE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &NAMESPACE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "SimpleNamespace",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &NAMESPACE_VTABLE,
    slots: Slots {
        repr: Some(ns_repr),
        getattr: Some(ns_getattr),
        setattr: Some(ns_setattr),
        richcompare: Some(ns_richcompare),
        new: Some(ns_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "A simple attribute-based namespace.",
};
