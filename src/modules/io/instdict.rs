//! The instance `__dict__` of the native I/O objects (`BytesIO().name = ...` works as in
//! CPython, whose I/O objects all have one): a dict in the payload, made on first use, for
//! instances of the static types; instances of Python subclasses keep theirs in front of the
//! object as every class instance does.

use crate::object::{ObjCell, ObjRef};
use crate::objects::{dict, str as pystr};
use crate::vm::{attr, PyResult, Vm};

/// The dict in `cell`, made if needed.
pub fn dict_of(vm: &Vm, cell: &ObjCell) -> PyResult<ObjRef> {
    if let Some(d) = cell.get() {
        return Ok(d);
    }
    let d = dict::new_dict_vm(vm)?;
    drop(cell.replace(Some(d.clone())));
    Ok(d)
}

/// The `getattr` slot's part: `__dict__` itself, or an attribute stored in it.
pub fn get(vm: &Vm, cell: &ObjCell, name: &str) -> PyResult<Option<ObjRef>> {
    if name == "__dict__" {
        return dict_of(vm, cell).map(Some);
    }
    match cell.get() {
        Some(d) => dict::get_str(vm, &d, name),
        None => Ok(None),
    }
}

/// The `setattr` slot: the type's data attributes, then the instance dict.
pub fn set(
    vm: &Vm,
    obj: &ObjRef,
    cell: Option<&ObjCell>,
    name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    if let Some(r) = crate::objects::getset::set(vm, obj, name, value.clone()) {
        return r;
    }
    let Some(cell) = cell.filter(|_| !obj.ob_type().is_heap_type()) else {
        return attr::dict_setattr(vm, obj, name, value);
    };
    let d = dict_of(vm, cell)?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(attr::no_attribute(
                    vm,
                    obj,
                    pystr::as_str(name).unwrap_or(""),
                ))
            }
        }
    }
}

/// Defines the `getattr` and `setattr` slots of a payload type with a `dict: ObjCell` field.
macro_rules! dict_slots {
    ($payload:ty, $get:ident, $set:ident) => {
        fn $get(
            vm: &crate::vm::Vm,
            obj: &crate::object::ObjRef,
            name: &str,
        ) -> crate::vm::PyResult<Option<crate::object::ObjRef>> {
            match obj.downcast::<$payload>() {
                Some(p) => super::instdict::get(vm, &p.dict, name),
                None => Ok(None),
            }
        }

        fn $set(
            vm: &crate::vm::Vm,
            obj: &crate::object::ObjRef,
            name: &crate::object::ObjRef,
            value: Option<crate::object::ObjRef>,
        ) -> crate::vm::PyResult<()> {
            let cell = obj.downcast::<$payload>().map(|p| &p.dict);
            super::instdict::set(vm, obj, cell, name, value)
        }
    };
}

pub(crate) use dict_slots;
