//! The data attributes builtin types declare in their `getset` tables ([`GetSetDef`]): finding
//! an instance's entry along its static bases, reading and writing through it, and the setters
//! shared by several tables.
//!
//! Type readiness turns each entry into a descriptor in the type's `__dict__`; until then (and
//! for types whose `getattr` slot serves the names itself) these helpers let the `getattr` and
//! `setattr` slots reach the same functions.

use crate::object::typeobj::second_base;
use crate::object::{GetSetDef, ObjRef, TypeObject};
use crate::objects::{exceptions, str as pystr};
use crate::vm::{PyResult, Vm};

/// The entry for `name` declared by `ty`'s nearest static type or one of its bases (a second
/// base right after the type that has it, as in the MRO), with the type that declares it.
pub fn find<'a>(ty: &'a TypeObject, name: &str) -> Option<(&'static GetSetDef, &'a TypeObject)> {
    let mut t = Some(ty);
    while let Some(cur) = t {
        if !cur.is_heap_type() {
            if let Some(def) = cur.getset.iter().find(|d| d.name == name) {
                return Some((def, cur));
            }
            if let Some(second) = second_base(cur) {
                if let Some(def) = second.getset.iter().find(|d| d.name == name) {
                    return Some((def, second));
                }
            }
        }
        t = cur.base;
    }
    None
}

/// Reads attribute `name` of `obj` through its type's getset entries. `Ok(None)`: no entry, or
/// the entry's getter reports the attribute unset.
pub fn get(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match find(obj.ob_type(), name) {
        Some((def, _)) => (def.get)(vm, obj, name),
        None => Ok(None),
    }
}

/// Writes (`Some`) or deletes (`None`) attribute `name` of `obj` through its type's getset
/// entries; `None` when no entry declares the name.
pub fn set(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> Option<PyResult<()>> {
    let n = pystr::as_str(name)?;
    let (def, owner) = find(obj.ob_type(), n)?;
    Some(match def.set {
        Some(f) => f(vm, obj, name, value),
        None => Err(not_writable(vm, n, owner)),
    })
}

/// CPython's error for assigning an attribute whose getset entry has no setter.
pub fn not_writable(vm: &Vm, name: &str, owner: &TypeObject) -> crate::vm::PyErr {
    vm.new_error(
        &exceptions::ATTRIBUTE_ERROR,
        &format!(
            "attribute '{name}' of '{}' objects is not writable",
            owner.name()
        ),
    )
}

/// The setter of a read-only member (CPython's `READONLY` `PyMemberDef`): always fails.
pub fn readonly(vm: &Vm, _obj: &ObjRef, _name: &ObjRef, _value: Option<ObjRef>) -> PyResult<()> {
    Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute"))
}

/// The name an entry's setter receives, as text.
pub fn name_str(name: &ObjRef) -> &str {
    pystr::as_str(name).unwrap_or("?")
}
