//! The instance `__dict__` of `functools.partial` and `_lru_cache_wrapper` objects (both
//! accept arbitrary attributes, as CPython's do): kept in an [`ObjCell`] of the payload and
//! served by the types' `getattr`/`setattr` slots. Instances of Python subclasses use their own
//! `__dict__` slot instead.

use crate::object::{ObjCell, ObjRef};
use crate::objects::{dict, str as pystr};
use crate::vm::{attr, PyResult, Vm};

/// The dict in `cell`, created on first use.
pub fn dict_of(vm: &Vm, cell: &ObjCell) -> PyResult<ObjRef> {
    if let Some(d) = cell.get() {
        return Ok(d);
    }
    let d = dict::new_dict_vm(vm)?;
    drop(cell.replace(Some(d.clone())));
    Ok(d)
}

/// The instance dict of `obj` if it has a non-empty one (a subclass's own, or `cell`'s).
pub fn nonempty_dict(vm: &Vm, obj: &ObjRef, cell: &ObjCell) -> PyResult<Option<ObjRef>> {
    Ok(attr::instance_dict(vm, obj)?
        .or_else(|| cell.get())
        .filter(|d| !dict::items(d).is_empty()))
}

/// The `getattr` slot: `__dict__`, then the dict's entries.
pub fn getattr(vm: &Vm, cell: &ObjCell, name: &str) -> PyResult<Option<ObjRef>> {
    if name == "__dict__" {
        return Ok(Some(dict_of(vm, cell)?));
    }
    match cell.get() {
        Some(d) => dict::get_str(vm, &d, name),
        None => Ok(None),
    }
}

/// The `setattr` slot: the type's data attributes, `__dict__` itself, then the dict.
pub fn setattr(
    vm: &Vm,
    obj: &ObjRef,
    cell: &ObjCell,
    name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    if let Some(r) = crate::objects::getset::set(vm, obj, name, value.clone()) {
        return r;
    }
    let n = pystr::as_str(name).unwrap_or("");
    if n == "__dict__" {
        return match value {
            Some(v) if dict::table(&v).is_some() => {
                drop(cell.replace(Some(v)));
                Ok(())
            }
            Some(v) => Err(vm.type_error(&format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                v.ob_type().name()
            ))),
            None => Err(vm.type_error("cannot delete __dict__")),
        };
    }
    let d = dict_of(vm, cell)?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(attr::no_attribute(vm, obj, n))
            }
        }
    }
}
