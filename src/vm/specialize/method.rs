//! The `LOAD_METHOD` family: `LOAD_METHOD_WITH_DICT` and `LOAD_METHOD_NO_DICT` (a function
//! on the class, or a builtin type's method descriptor, called with the instance first),
//! `LOAD_METHOD_CLASS` (an attribute of a class object: a `classmethod`'s function is pushed
//! with the class as `self`, `Strength.stronger(a, b)`, a `staticmethod`'s callable alone) and
//! `LOAD_METHOD_MODULE`.
//!
//! The type's version guards what the class provides; the method itself is read again from
//! the method cache entry of (version, name), which the generic run that specialized the
//! instruction filled — one probe, computed from the version and the name's address, no MRO
//! walk (if another lookup took the entry meanwhile, the MRO is walked and the entry filled
//! again). The instance's own attributes are checked at each execution when instances have
//! them: for instances keeping their values inline the second word is the class's shared-key
//! count when the name was not among them (`instance::keys_without`), so while the count is
//! unchanged no check of the values is needed. Instances of other classes at the same
//! instruction go through `poly.rs`.

use super::load_attr::{
    cached, class_attr, class_form, class_of, method_on_class, module_position,
};
use super::stats::Failure;
use super::{current_version, entry, form, hit, instance, miss, poly, settle, CacheEntry};
use super::{Family, Form};
use crate::object::heaptype::SPECIAL_GETATTRIBUTE;
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::module::{module_dict, MODULE_TYPE};
use crate::objects::{descr, dict, str as pystr};
use crate::vm::{attr, ops, PyResult, Vm};

const FAMILY: Family = Family::LoadMethod;

/// What `LOAD_METHOD` pushes: the method and `self`, or NULL and the attribute.
pub type Pushed = (Option<ObjRef>, ObjRef);

/// `LOAD_METHOD` of `name` on `obj` at instruction `pc`.
#[inline]
pub fn load_method(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    obj: ObjRef,
    name: &ObjRef,
) -> PyResult<Pushed> {
    let Some(e) = entry(code, pc) else {
        return generic(vm, obj, name);
    };
    let f = form(e);
    match f {
        Form::Adaptive => {
            if super::due(e) {
                let kept = obj.clone();
                let pushed = generic(vm, obj, name)?;
                settle(e, FAMILY, choose(vm, &kept, name, pushed.0.is_some()));
                return Ok(pushed);
            }
        }
        _ => {
            if let Some(pushed) = fast(vm, e, f, &obj, name)? {
                hit(FAMILY, f);
                return Ok(pushed);
            }
            miss(e, FAMILY);
        }
    }
    generic(vm, obj, name)
}

#[inline]
fn fast(vm: &Vm, e: &CacheEntry, f: Form, obj: &ObjRef, name: &ObjRef) -> PyResult<Option<Pushed>> {
    let ty = obj.ob_type();
    let version = e.a.get();
    match f {
        Form::MethodNoDict if current_version(vm, ty) == version => {
            Ok(cached(vm, version, ty, name)?.map(|m| (Some(m), obj.clone())))
        }
        Form::MethodWithDict | Form::MethodWithValues => {
            if current_version(vm, ty) == version {
                if !instance::lacks_with(obj, name, e.b.get()) {
                    return Ok(None);
                }
                return Ok(cached(vm, version, ty, name)?.map(|m| (Some(m), obj.clone())));
            }
            Ok(poly::method(vm, obj, name).map(|m| (Some(m), obj.clone())))
        }
        Form::MethodClass => match class_of(vm, obj, version) {
            Some(cls) => Ok(cached(vm, version, cls, name)?.and_then(|v| method_on_class(obj, v))),
            None => Ok(None),
        },
        Form::MethodModule if std::ptr::eq(ty, &MODULE_TYPE) => Ok(module_dict(obj)
            .and_then(|d| dict::table(&d)?.value_at(version, e.b.get() as usize))
            .map(|v| (None, v))),
        _ => Ok(None),
    }
}

/// The generic `LOAD_METHOD`: a plain function found on the class, not shadowed by the
/// instance, is pushed unbound with `self` (no bound-method object), as CPython does.
pub fn generic(vm: &Vm, obj: ObjRef, name: &ObjRef) -> PyResult<Pushed> {
    let n = pystr::as_str(name).unwrap_or("");
    if std::ptr::eq(obj.ob_type(), &crate::objects::superobj::SUPER_TYPE) {
        // `super().name(...)`: the function unbound with the instance, as for a class.
        if let Some(pushed) = crate::objects::superobj::load_method(vm, &obj, name, n)? {
            return Ok(pushed);
        }
    }
    let unbound = attr::unbound_method_key(vm, &obj, name)
        .map_err(|e| ops::attr_error_context(vm, e, &obj, n))?;
    match unbound {
        Some(f) => Ok((Some(f), obj)),
        None => Ok((None, ops::getattr(vm, &obj, n)?)),
    }
}

fn choose(
    vm: &Vm,
    obj: &ObjRef,
    name: &ObjRef,
    unbound: bool,
) -> Result<(Form, u32, u32), Failure> {
    let ty = obj.ob_type();
    if !unbound {
        if std::ptr::eq(ty, &MODULE_TYPE) {
            let (kv, pos) = module_position(obj, name)?;
            return Ok((Form::MethodModule, kv, pos));
        }
        if let Some(cls) = obj.as_type() {
            return class_form(vm, obj, cls, name).map(|v| (Form::MethodClass, v, 0));
        }
        return Err(Failure::Descriptor);
    }
    if obj.as_type().is_some() {
        return Err(Failure::OtherType);
    }
    if !ty.is_heap_type() {
        // A builtin type's method descriptor (`lst.append`): its instances have no dict the
        // generic path would look at.
        if ty.slots.getattr.is_some() {
            return Err(Failure::OtherType);
        }
        let (version, found) = class_attr(vm, ty, name)?;
        return match found {
            Some(m) if descr::instance_method_def(&m).is_some() => {
                Ok((Form::MethodNoDict, version, 0))
            }
            _ => Err(Failure::Descriptor),
        };
    }
    if attr::special_hooks(vm, ty) & SPECIAL_GETATTRIBUTE != 0 {
        return Err(Failure::Hooks);
    }
    let (version, found) = class_attr(vm, ty, name)?;
    if !found.as_ref().is_some_and(attr::is_plain_method) {
        return Err(Failure::Descriptor);
    }
    let has_dict =
        ty.heap().is_some_and(|h| h.ext.dict_slot.is_some()) || module_dict(obj).is_some();
    if !has_dict {
        return Ok((Form::MethodNoDict, version, 0));
    }
    if !instance::lacks(obj, name) {
        return Err(Failure::Shadowed);
    }
    let keys = instance::keys_without(obj, name);
    if crate::vm::inline_values::inline_values(obj).is_some() {
        return Ok((Form::MethodWithValues, version, keys));
    }
    Ok((Form::MethodWithDict, version, keys))
}
