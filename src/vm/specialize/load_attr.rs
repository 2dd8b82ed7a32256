//! The `LOAD_ATTR` family: `LOAD_ATTR_WITH_HINT` (instance dict), `LOAD_ATTR_SLOT`,
//! `LOAD_ATTR_MODULE`, and two forms CPython 3.11 lacks (3.12 has them): a property's getter
//! (`LOAD_ATTR_PROPERTY`) and a plain class attribute read on the class (`LOAD_ATTR_CLASS`; a
//! `staticmethod` or `classmethod` there is unwrapped at each hit, as its `__get__` does).
//!
//! Instance forms are specialized only for heap types without attribute hooks, and only when
//! what the class provides under the name cannot change without changing the type's version:
//! nothing, a `__slots__` member, an exact `property`, or a value of a builtin type that is
//! not a data descriptor (so the instance dict decides).

use super::stats::Failure;
use super::{current_version, entry, form, hit, instance, miss, poly, settle, CacheEntry};
use super::{Family, Form};
use crate::object::{ObjRef, TypeObject};
use crate::objects::code::CodeObject;
use crate::objects::descr::{
    self, CLASSMETHOD_TYPE, MEMBER_DESCRIPTOR_TYPE, PROPERTY_TYPE, STATICMETHOD_TYPE,
};
use crate::objects::module::{module_dict, MODULE_TYPE};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, function, method, str as pystr};
use crate::vm::{attr, ops, PyResult, Vm};

const FAMILY: Family = Family::LoadAttr;

/// `LOAD_ATTR` of `name` on `obj` at instruction `pc`.
#[inline]
pub fn load_attr(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    obj: &ObjRef,
    name: &ObjRef,
) -> PyResult<ObjRef> {
    let Some(e) = entry(code, pc) else {
        return generic(vm, obj, name);
    };
    let f = form(e);
    match f {
        Form::Adaptive => {
            if super::due(e) {
                let v = generic(vm, obj, name)?;
                settle(e, FAMILY, choose(vm, obj, name));
                return Ok(v);
            }
        }
        _ => {
            if let Some(v) = fast(vm, e, f, obj, name)? {
                hit(FAMILY, f);
                return Ok(v);
            }
            miss(e, FAMILY);
        }
    }
    generic(vm, obj, name)
}

/// A specialized form's guards and short path; `Ok(None)` when a guard fails.
#[inline]
fn fast(vm: &Vm, e: &CacheEntry, f: Form, obj: &ObjRef, name: &ObjRef) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    Ok(match f {
        Form::AttrWithHint | Form::AttrInstanceValue => {
            if current_version(vm, ty) == e.a.get() {
                instance::load_hint(obj, e.b.get(), name)
            } else if poly::instance_ok(vm, obj, name) {
                instance::load_hint_checked(obj, e.b.get(), name)
            } else {
                None
            }
        }
        Form::AttrSlot if current_version(vm, ty) == e.a.get() => obj
            .preheader_slots()
            .get(e.b.get() as usize)
            .and_then(|c| c.get()),
        Form::AttrModule if std::ptr::eq(ty, &MODULE_TYPE) => {
            module_dict(obj).and_then(|d| dict::table(&d)?.value_at(e.a.get(), e.b.get() as usize))
        }
        Form::AttrProperty if current_version(vm, ty) == e.a.get() => {
            match cached(vm, e.a.get(), ty, name)? {
                Some(p) => Some(attr::descr_get(vm, p, Some(obj), &obj.type_object())?),
                None => None,
            }
        }
        Form::AttrClass => match class_of(vm, obj, e.a.get()) {
            Some(cls) => match cached(vm, e.a.get(), cls, name)? {
                Some(v) => on_class(vm, obj, v)?,
                None => None,
            },
            None => None,
        },
        _ => None,
    })
}

/// What a class attribute chosen by [`class_form`] gives when read on class `cls`: the value
/// itself, a `staticmethod`'s callable, or a `classmethod`'s function bound to `cls`, as their
/// `__get__` do (`None`, a miss, when the wrapper has no callable, or a `classmethod`'s is no
/// longer a function: the generic path raises CPython's error or chains).
#[inline]
fn on_class(vm: &Vm, cls: &ObjRef, v: ObjRef) -> PyResult<Option<ObjRef>> {
    let t = v.ob_type();
    if std::ptr::eq(t, &STATICMETHOD_TYPE) {
        return Ok(descr::wrapped_callable(&v));
    }
    if std::ptr::eq(t, &CLASSMETHOD_TYPE) {
        return match descr::wrapped_callable(&v).filter(function::is_function) {
            Some(f) => method::new_method(vm, f, cls.clone()).map(Some),
            None => Ok(None),
        };
    }
    Ok(Some(v))
}

/// [`on_class`] for `LOAD_METHOD`: a `classmethod`'s function is pushed with the class as
/// `self`, with no bound method made (the call is the same).
#[inline]
pub(super) fn method_on_class(cls: &ObjRef, v: ObjRef) -> Option<(Option<ObjRef>, ObjRef)> {
    let t = v.ob_type();
    if std::ptr::eq(t, &STATICMETHOD_TYPE) {
        return descr::wrapped_callable(&v).map(|f| (None, f));
    }
    if std::ptr::eq(t, &CLASSMETHOD_TYPE) {
        return descr::wrapped_callable(&v)
            .filter(function::is_function)
            .map(|f| (Some(f), cls.clone()));
    }
    Some((None, v))
}

/// The class attribute `name` of `ty`, whose current version tag is `version` (nonzero): the
/// method cache entry of (version, name) when it is still there, else the MRO walk (which
/// fills it again).
#[inline]
pub(super) fn cached(
    vm: &Vm,
    version: u32,
    ty: &TypeObject,
    name: &ObjRef,
) -> PyResult<Option<ObjRef>> {
    match vm.method_cache.get(version, name) {
        Some(found) => Ok(found),
        None => attr::type_lookup_key(vm, ty, name),
    }
}

/// The class `obj` is, when it is a class whose metatype is `type` and whose version is
/// `version`.
#[inline]
pub(super) fn class_of<'a>(vm: &Vm, obj: &'a ObjRef, version: u32) -> Option<&'a TypeObject> {
    if !std::ptr::eq(obj.ob_type(), &TYPE_TYPE) {
        return None;
    }
    obj.as_type().filter(|t| current_version(vm, t) == version)
}

/// The generic `LOAD_ATTR`.
pub fn generic(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> PyResult<ObjRef> {
    let n = pystr::as_str(name).unwrap_or("");
    Ok(match attr::fast_getattr(vm, obj, name) {
        Ok(Some(v)) => v,
        // A builtin instance: the generic lookup by the interned name.
        Ok(None) if !obj.ob_type().is_heap_type() && obj.as_type().is_none() => {
            match ops::static_getattr_key(vm, obj, name, n) {
                Ok(Some(v)) => v,
                Ok(None) => ops::getattr(vm, obj, n)?,
                Err(e) => return Err(ops::attr_error_context(vm, e, obj, n)),
            }
        }
        Ok(None) => ops::getattr(vm, obj, n)?,
        Err(e) => return Err(ops::attr_error_context(vm, e, obj, n)),
    })
}

/// What the class of a heap-type instance provides under `name`, from the method cache only
/// (filled by the generic lookup that just ran; no Python code runs here): `None` when not
/// cached or the type cannot be specialized.
pub(super) fn class_attr(
    vm: &Vm,
    ty: &TypeObject,
    name: &ObjRef,
) -> Result<(u32, Option<ObjRef>), Failure> {
    let version = current_version(vm, ty);
    if version == 0 {
        return Err(Failure::NoVersion);
    }
    match vm.method_cache.get(version, name) {
        Some(found) => Ok((version, found)),
        None => Err(Failure::NotFound),
    }
}

/// Whether a class attribute of this value leaves the instance dict in charge and cannot
/// become a data descriptor without a version change: a builtin type's non-data value.
pub(super) fn plain_value(v: &ObjRef) -> bool {
    let t = v.ob_type();
    !t.is_heap_type() && t.slots.descr_set.is_none()
}

/// A class attribute a class object gives as it is: a builtin type's value without `__get__`,
/// or a function (which `__get__` with no instance returns unchanged); or an exact
/// `staticmethod`, or an exact `classmethod` of a Python function, which [`on_class`] unwraps
/// (a `classmethod` of another callable may chain to its `__get__`).
pub(super) fn as_is_on_class(v: &ObjRef) -> bool {
    let t = v.ob_type();
    function::is_function(v)
        || (!t.is_heap_type() && t.slots.descr_get.is_none())
        || std::ptr::eq(t, &STATICMETHOD_TYPE)
        || (std::ptr::eq(t, &CLASSMETHOD_TYPE)
            && descr::wrapped_callable(v).is_some_and(|f| function::is_function(&f)))
}

fn choose(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> Result<(Form, u32, u32), Failure> {
    let ty = obj.ob_type();
    if std::ptr::eq(ty, &MODULE_TYPE) {
        let (kv, pos) = module_position(obj, name)?;
        return Ok((Form::AttrModule, kv, pos));
    }
    if let Some(cls) = obj.as_type() {
        return class_form(vm, obj, cls, name).map(|v| (Form::AttrClass, v, 0));
    }
    if !ty.is_heap_type() {
        return Err(Failure::OtherType);
    }
    if attr::special_hooks(vm, ty) != 0 {
        return Err(Failure::Hooks);
    }
    let (version, found) = class_attr(vm, ty, name)?;
    let hinted = || {
        let hint = instance::find_hint(obj, name).ok_or(Failure::NotFound)?;
        let form = if instance::is_inline(hint) {
            Form::AttrInstanceValue
        } else {
            Form::AttrWithHint
        };
        Ok((form, version, hint))
    };
    match found {
        None => hinted(),
        Some(d) if std::ptr::eq(d.ob_type(), &PROPERTY_TYPE) => {
            Ok((Form::AttrProperty, version, 0))
        }
        Some(d) if std::ptr::eq(d.ob_type(), &MEMBER_DESCRIPTOR_TYPE) => {
            let slot = descr::slot_index(&d).and_then(super::index);
            Ok((Form::AttrSlot, version, slot.ok_or(Failure::Descriptor)?))
        }
        Some(d) if plain_value(&d) => hinted(),
        Some(_) => Err(Failure::Descriptor),
    }
}

/// A module attribute's place: (its dict's keys version, entry index). Dunder names are left
/// to the generic path (the module type's own descriptors, `__class__`, come first there).
pub(super) fn module_position(obj: &ObjRef, name: &ObjRef) -> Result<(u32, u32), Failure> {
    if pystr::as_str(name).is_none_or(|n| n.starts_with("__")) {
        return Err(Failure::Descriptor);
    }
    let d = module_dict(obj).ok_or(Failure::Namespace)?;
    if !std::ptr::eq(d.ob_type(), &dict::DICT_TYPE) {
        return Err(Failure::Namespace);
    }
    let t = dict::table(&d).ok_or(Failure::Namespace)?;
    let pos = t
        .position_by_identity(pystr::str_hash_value(name), name)
        .flatten()
        .and_then(super::index)
        .ok_or(Failure::NotFound)?;
    match t.keys_version() {
        0 => Err(Failure::Namespace),
        kv => Ok((kv, pos)),
    }
}

/// A class object whose metatype is `type`, read for an attribute that `type` itself does not
/// define and that the class gives as it is: the class's version.
pub(super) fn class_form(
    vm: &Vm,
    obj: &ObjRef,
    cls: &TypeObject,
    name: &ObjRef,
) -> Result<u32, Failure> {
    if !std::ptr::eq(obj.ob_type(), &TYPE_TYPE) || !cls.is_heap_type() {
        return Err(Failure::OtherType);
    }
    let meta_version = current_version(vm, &TYPE_TYPE);
    if !matches!(vm.method_cache.get(meta_version, name), Some(None)) {
        return Err(Failure::Descriptor);
    }
    let (version, found) = class_attr(vm, cls, name)?;
    match found {
        Some(v) if as_is_on_class(&v) => Ok(version),
        _ => Err(Failure::Descriptor),
    }
}
