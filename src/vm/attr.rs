//! Attribute lookup and assignment with descriptors (CPython's `PyObject_GenericGetAttr`,
//! `_PyType_Lookup` and `type_getattro`).
//!
//! Lookup on an instance: a *data* descriptor found on the type wins; then the instance
//! `__dict__`; then a non-data descriptor or plain class attribute; then the static base's own
//! instance attributes (exception `args`, function `__name__`, ...).

use super::inline_values::{self, Stored};
use super::{ops, typeready, PyResult, Vm};
use crate::object::{ObjRef, TypeObject};
use crate::objects::{descr, dict, exceptions, str as pystr, tuple};

/// `_PyType_Lookup`: the class attribute `name` along `ty`'s MRO, without binding.
pub fn type_lookup(vm: &Vm, ty: &TypeObject, name: &str) -> PyResult<Option<ObjRef>> {
    let key = vm.intern(name)?;
    type_lookup_key(vm, ty, &key)
}

/// `_PyType_Lookup` by interned name: the method cache, else the walk of the MRO's dicts
/// (whose result the cache keeps under the type's version tag).
#[inline]
pub fn type_lookup_key(vm: &Vm, ty: &TypeObject, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    let version = typeready::version_tag(vm, ty)?;
    if let Some(hit) = vm.method_cache.get(version, key) {
        return Ok(hit);
    }
    let found = mro_walk(vm, ty, key)?;
    typeready::cache_store(vm, ty, version, key, found.as_ref());
    Ok(found)
}

/// The uncached walk: the first dict along `ty`'s MRO that has `key`.
fn mro_walk(vm: &Vm, ty: &TypeObject, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    let mro = typeready::type_mro(vm, ty)?;
    for t in tuple::items(&mro).unwrap_or(&[]) {
        let Some(t) = t.as_type() else { continue };
        let d = typeready::type_dict(vm, t)?;
        if let Some(v) = dict::get_item(vm, &d, key)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Whether the class that provides `name` to `ty` (the first along the MRO) is a heap type: a
/// class statement overrides what the builtin base provides.
pub fn defined_in_heap_class(vm: &Vm, ty: &TypeObject, name: &str) -> PyResult<bool> {
    provider_is(vm, ty, name, TypeObject::is_heap_type)
}

/// Whether the class that provides `name` to `ty` (the first along the MRO whose dict has it)
/// satisfies `test` (`false` when none provides it).
fn provider_is(
    vm: &Vm,
    ty: &TypeObject,
    name: &str,
    test: impl Fn(&TypeObject) -> bool,
) -> PyResult<bool> {
    let key = vm.intern(name)?;
    let mro = typeready::type_mro(vm, ty)?;
    for t in tuple::items(&mro).unwrap_or(&[]) {
        let Some(t) = t.as_type() else { continue };
        let d = typeready::type_dict(vm, t)?;
        if dict::get_item(vm, &d, &key)?.is_some() {
            return Ok(test(t));
        }
    }
    Ok(false)
}

/// Whether `d` is a data descriptor (defines `__set__` or `__delete__`).
pub fn is_data_descriptor(vm: &Vm, d: &ObjRef) -> bool {
    let t = d.ob_type();
    if t.is_heap_type() {
        return super::dunder::heap_is_data_descriptor(vm, t);
    }
    t.slots.descr_set.is_some()
}

/// Whether `d`'s type defines `__get__`: a data descriptor without one (only `__set__`) does not
/// hide the instance's own attribute.
fn has_descr_get(vm: &Vm, d: &ObjRef) -> PyResult<bool> {
    let t = d.ob_type();
    if t.is_heap_type() {
        return Ok(type_lookup(vm, t, "__get__")?.is_some());
    }
    Ok(t.slots.descr_get.is_some())
}

/// Binds a class attribute found for `obj` (or for the class when `obj` is `None`).
pub fn descr_get(vm: &Vm, d: ObjRef, obj: Option<&ObjRef>, ty: &ObjRef) -> PyResult<ObjRef> {
    match d.ob_type().slots.descr_get {
        Some(f) => f(vm, &d, obj, ty),
        None => Ok(d),
    }
}

/// The instance `__dict__` of `obj` if it has one already (an instance keeping its attributes
/// inline has none: see `inline_values`).
pub fn existing_dict(obj: &ObjRef) -> Option<ObjRef> {
    let Some(slot) = obj.ob_type().heap()?.ext.dict_slot else {
        // A module's namespace is its instance dict (a `ModuleType` subclass adds none).
        return crate::objects::module::module_dict(obj);
    };
    // While the attributes are inline the slot may hold their overflow array, not a dict.
    obj.preheader_slots()
        .get(slot)?
        .get()
        .filter(|d| !crate::objects::values_array::is_values(d))
}

/// The instance `__dict__` of `obj` when it has attributes: its dict, or one built from its
/// inline values (which the instance uses from then on). `None`: no attributes, or instances
/// have no `__dict__`.
pub fn instance_dict(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    if let Some((_, values)) = inline_values::inline_values(obj) {
        if inline_values::is_empty(&values) {
            return Ok(None);
        }
        return inline_values::materialize(vm, obj);
    }
    Ok(existing_dict(obj))
}

/// The instance `__dict__` (`obj.__dict__`), built from the inline values or created empty on
/// first use. `None` when instances have no `__dict__`.
pub fn instance_dict_or_create(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let Some(slot) = obj.ob_type().heap().and_then(|h| h.ext.dict_slot) else {
        return Ok(crate::objects::module::module_dict(obj));
    };
    loop {
        if let Some(d) = inline_values::materialize(vm, obj)? {
            return Ok(Some(d));
        }
        let cell = &obj.preheader_slots()[slot];
        if let Some(d) = cell.get() {
            if !crate::objects::values_array::is_values(&d) {
                return Ok(Some(d));
            }
            continue;
        }
        let d = dict::new_dict_vm(vm)?;
        match cell.get() {
            // Made meanwhile (by a finalizer the allocation ran): a dict, or inline values.
            Some(other) if crate::objects::values_array::is_values(&other) => continue,
            Some(other) => return Ok(Some(other)),
            None => {
                drop(cell.replace(Some(d.clone())));
                return Ok(Some(d));
            }
        }
    }
}

/// Replaces the instance `__dict__` (`obj.__dict__ = d`); an error if instances have none.
pub fn replace_instance_dict(vm: &Vm, obj: &ObjRef, d: ObjRef) -> PyResult<()> {
    let Some(slot) = obj.ob_type().heap().and_then(|h| h.ext.dict_slot) else {
        return Err(no_attribute(vm, obj, "__dict__"));
    };
    let old = obj.preheader_slots()[slot].replace(Some(d));
    let values = inline_values::take_values(obj);
    drop(values);
    drop(old);
    Ok(())
}

/// The instance attribute `key` of `obj` (inline values or `__dict__`), without the class.
#[inline]
pub fn instance_get(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    if let Some(found) = inline_values::lookup(obj, key) {
        return Ok(found);
    }
    let d = match existing_dict(obj) {
        Some(d) => d,
        // A name that is not an exact str looks in the dict built from the values.
        None => match inline_values::materialize(vm, obj)? {
            Some(d) => d,
            None => return Ok(None),
        },
    };
    dict::get_item(vm, &d, key)
}

/// [`instance_get`] by name.
pub fn instance_get_name(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(found) = inline_values::lookup_name(obj, name) {
        return Ok(found);
    }
    match existing_dict(obj) {
        Some(d) => dict::get_str(vm, &d, name),
        None => Ok(None),
    }
}

/// Deletes the instance attribute `name` of `obj`; `false` when it has none.
pub fn instance_del(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> PyResult<bool> {
    match inline_values::store(vm, obj, name, None)? {
        Stored::Done => return Ok(true),
        Stored::Absent => return Ok(false),
        Stored::NeedsDict => {}
    }
    match instance_dict(vm, obj)? {
        Some(d) => dict::del_item(vm, &d, name),
        None => Ok(false),
    }
}

/// The generic attribute lookup for instances of heap types. `Ok(None)`: not found.
pub fn generic_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    let class_attr = type_lookup(vm, ty, name)?;
    if let Some(d) = &class_attr {
        if is_data_descriptor(vm, d) && has_descr_get(vm, d)? {
            return descr_get(vm, d.clone(), Some(obj), &obj.type_object()).map(Some);
        }
    }
    if let Some(v) = instance_get_name(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Some(d) = class_attr {
        return descr_get(vm, d, Some(obj), &obj.type_object()).map(Some);
    }
    match name {
        "__dict__" => {
            if let Some(d) = instance_dict_or_create(vm, obj)? {
                return Ok(Some(d));
            }
        }
        "__class__" => return Ok(Some(obj.type_object())),
        _ => {}
    }
    // Attributes the static base provides for its own instances.
    if let Some(base) = ty.base {
        if let Some(f) = base.slots.getattr {
            return f(vm, obj, name);
        }
    }
    Ok(None)
}

/// The generic attribute assignment for instances of heap types (`value` `None`: delete).
pub fn generic_setattr(
    vm: &Vm,
    obj: &ObjRef,
    name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    let n = pystr::as_str(name).unwrap_or("?");
    let ty = obj.ob_type();
    if let Some(d) = type_lookup(vm, ty, n)? {
        if is_data_descriptor(vm, &d) {
            if let Some(set) = d.ob_type().slots.descr_set {
                return set(vm, &d, obj, value);
            }
        }
    }
    if n == "__class__" {
        return crate::objects::setclass::object_set_class(vm, obj, name, value);
    }
    // The static base may own some attributes (exception `args`, `__cause__`, ...); it hands
    // the rest back to `dict_setattr`.
    if let Some(set) = ty.base.and_then(|b| b.slots.setattr) {
        if ty.is_heap_type() {
            return set(vm, obj, name, value);
        }
    }
    dict_setattr(vm, obj, name, value)
}

/// Sets or deletes `name` in the instance `__dict__` of an instance of a heap type.
pub fn dict_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let n = pystr::as_str(name).unwrap_or("?");
    match inline_values::store(vm, obj, name, value.clone())? {
        Stored::Done => return Ok(()),
        Stored::Absent => return Err(no_attribute(vm, obj, n)),
        Stored::NeedsDict => {}
    }
    match instance_dict_or_create(vm, obj)? {
        Some(d) => match value {
            Some(v) => dict::set_item(vm, &d, name.clone(), v),
            None => {
                if dict::del_item(vm, &d, name)? {
                    Ok(())
                } else {
                    Err(no_attribute(vm, obj, n))
                }
            }
        },
        // No instance dict: a class attribute of that name cannot be shadowed.
        None if type_lookup(vm, obj.ob_type(), n)?.is_some() => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "'{}' object attribute '{}' is read-only",
                obj.ob_type().name(),
                n
            ),
        )),
        None => Err(no_attribute(vm, obj, n)),
    }
}

/// CPython's AttributeError for a missing attribute.
pub fn no_attribute(vm: &Vm, obj: &ObjRef, name: &str) -> super::PyErr {
    if let Some(t) = obj.as_type() {
        return vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("type object '{}' has no attribute '{}'", t.name(), name),
        );
    }
    vm.new_error(
        &exceptions::ATTRIBUTE_ERROR,
        &format!(
            "'{}' object has no attribute '{}'",
            obj.ob_type().name(),
            name
        ),
    )
}

/// Attribute lookup on a class object (`type_getattro`): the metatype's data descriptors, then
/// the class's own MRO (binding with no instance), then the metatype's other attributes.
pub fn type_getattr(vm: &Vm, cls: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(ty) = cls.as_type() else {
        return Ok(None);
    };
    let meta = cls.ob_type();
    let key = vm.intern(name)?;
    let meta_attr = type_lookup_key(vm, meta, &key)?;
    if let Some(d) = &meta_attr {
        if is_data_descriptor(vm, d) && has_descr_get(vm, d)? {
            return descr_get(vm, d.clone(), Some(cls), &cls.type_object()).map(Some);
        }
    }
    if let Some(v) = type_lookup_key(vm, ty, &key)? {
        return descr_get(vm, v, None, cls).map(Some);
    }
    if let Some(d) = meta_attr {
        return descr_get(vm, d, Some(cls), &cls.type_object()).map(Some);
    }
    Ok(None)
}

/// Looks up `name` on the type and binds it to `obj`, skipping the instance dict (CPython's
/// `_PyObject_LookupSpecial`, used for dunder methods).
pub fn lookup_special(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match type_lookup(vm, obj.ob_type(), name)? {
        Some(v) => descr_get(vm, v, Some(obj), &obj.type_object()).map(Some),
        None => Ok(None),
    }
}

/// Calls the special method `name` of `obj` with `args`; `Ok(None)` when the type has none.
pub fn call_special(
    vm: &Vm,
    obj: &ObjRef,
    name: &str,
    args: &[ObjRef],
) -> PyResult<Option<ObjRef>> {
    let Some(v) = type_lookup(vm, obj.ob_type(), name)? else {
        return Ok(None);
    };
    if crate::objects::function::is_function(&v) {
        // Plain functions: call with self prepended, without a bound-method object.
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(obj.clone());
        full.extend_from_slice(args);
        return ops::call(vm, &v, &full, None).map(Some);
    }
    if let Some(def) = descr::instance_method_def(&v) {
        return (def.func)(vm, obj, args, None).map(Some);
    }
    let bound = descr_get(vm, v, Some(obj), &obj.type_object())?;
    ops::call(vm, &bound, args, None).map(Some)
}

/// For `LOAD_METHOD`: the plain function `name` found on `obj`'s class, when the instance dict
/// does not shadow it and it is not behind a data descriptor; `None` otherwise.
pub fn unbound_method(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    if !ty.is_heap_type() || obj.as_type().is_some() {
        return Ok(None);
    }
    // A class-level __getattribute__ override sees every lookup.
    if special_hooks(vm, ty) & crate::object::heaptype::SPECIAL_GETATTRIBUTE != 0 {
        return Ok(None);
    }
    let Some(f) = type_lookup(vm, ty, name)? else {
        return Ok(None);
    };
    if !crate::objects::function::is_function(&f) {
        return Ok(None);
    }
    if instance_get_name(vm, obj, name)?.is_some() {
        return Ok(None);
    }
    Ok(Some(f))
}

/// The attribute `name` defined by class `t` itself (not its bases): an entry of its dict.
pub fn lookup_in_class(vm: &Vm, t: &TypeObject, name: &str) -> PyResult<Option<ObjRef>> {
    let d = typeready::type_dict(vm, t)?;
    dict::get_str(vm, &d, name)
}

/// The attribute hooks (`SPECIAL_*` bits) the heap classes of `ty`'s MRO define, computed
/// once per version tag (assigning a class attribute resets the tag, so the bits follow).
pub fn special_hooks(vm: &Vm, ty: &TypeObject) -> u32 {
    class_bits(vm, ty) & crate::object::heaptype::SPECIAL_HOOKS
}

/// Whether the instances of `ty`, a class, compare as `object`'s do: every rich comparison
/// along its MRO is `object`'s own, so `==` is identity (known under the version tag, with
/// the hook bits).
pub fn object_compare(vm: &Vm, ty: &TypeObject) -> bool {
    ty.heap().is_some() && class_bits(vm, ty) & crate::object::heaptype::SPECIAL_OBJECT_COMPARE != 0
}

/// Every `SPECIAL_*` bit of heap type `ty` (0 for a static type), cached under its version tag.
fn class_bits(vm: &Vm, ty: &TypeObject) -> u32 {
    use crate::object::heaptype::*;
    let Some(h) = ty.heap() else {
        return 0;
    };
    let version = typeready::version_tag(vm, ty).unwrap_or(0);
    if version != 0 && h.ext.special_version.get() == version {
        return h.ext.special.get();
    }
    let mut bits = 0;
    for (name, bit) in [
        ("__getattribute__", SPECIAL_GETATTRIBUTE),
        ("__getattr__", SPECIAL_GETATTR),
        ("__setattr__", SPECIAL_SETATTR),
        ("__delattr__", SPECIAL_SETATTR),
    ] {
        match defined_in_heap_class(vm, ty, name) {
            Ok(true) => bits |= bit,
            Ok(false) => {}
            Err(_) => return SPECIAL_HOOKS,
        }
    }
    bits |= SPECIAL_OBJECT_COMPARE;
    for name in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"] {
        match provided_by_object(vm, ty, name) {
            Ok(true) => {}
            Ok(false) => {
                bits &= !SPECIAL_OBJECT_COMPARE;
                break;
            }
            Err(_) => return SPECIAL_HOOKS,
        }
    }
    h.ext.special.set(bits);
    h.ext.special_version.set(version);
    bits
}

/// Whether the class that provides `name` to `ty` (the first along the MRO) is `object`.
fn provided_by_object(vm: &Vm, ty: &TypeObject, name: &str) -> PyResult<bool> {
    provider_is(vm, ty, name, |t| {
        std::ptr::eq(t, &crate::objects::typetype::OBJECT_TYPE)
    })
}

/// The attribute lookup of the evaluation loop for instances of classes without attribute
/// hooks: the generic algorithm by interned key. `Ok(None)` means "take the general path".
pub fn fast_getattr(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    if !ty.is_heap_type() || obj.as_type().is_some() || special_hooks(vm, ty) != 0 {
        return Ok(None);
    }
    let class_attr = type_lookup_key(vm, ty, key)?;
    if let Some(d) = &class_attr {
        if is_data_descriptor(vm, d) && has_descr_get(vm, d)? {
            return descr_get(vm, d.clone(), Some(obj), &obj.type_object()).map(Some);
        }
    }
    if let Some(v) = instance_get(vm, obj, key)? {
        return Ok(Some(v));
    }
    match class_attr {
        Some(d) => {
            if crate::objects::function::is_function(&d) {
                return crate::objects::method::new_method(vm, d, obj.clone()).map(Some);
            }
            descr_get(vm, d, Some(obj), &obj.type_object()).map(Some)
        }
        None => Ok(None),
    }
}

/// `LOAD_METHOD` by interned key: the plain function found on `obj`'s class, when the
/// instance dict does not shadow it and no attribute hook is defined.
pub fn unbound_method_key(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    if !ty.is_heap_type() {
        // A builtin type's method (`lst.append`): its descriptor, called with `self` first.
        if obj.as_type().is_some() || ty.slots.getattr.is_some() {
            return Ok(None);
        }
        let found = type_lookup_key(vm, ty, key)?;
        return Ok(found.filter(|f| descr::instance_method_def(f).is_some()));
    }
    if obj.as_type().is_some()
        || special_hooks(vm, ty) & crate::object::heaptype::SPECIAL_GETATTRIBUTE != 0
    {
        return Ok(None);
    }
    let Some(f) = type_lookup_key(vm, ty, key)? else {
        return Ok(None);
    };
    if !is_plain_method(&f) {
        return Ok(None);
    }
    if instance_get(vm, obj, key)?.is_some() {
        return Ok(None);
    }
    Ok(Some(f))
}

/// Whether a class attribute is what `LOAD_METHOD` pushes unbound, with the instance: a
/// Python function, or a builtin type's instance method descriptor (`list.append` inherited by
/// a subclass of `list`; its call checks the instance's type, as CPython's does then).
#[inline]
pub fn is_plain_method(f: &ObjRef) -> bool {
    crate::objects::function::is_function(f) || descr::instance_method_def(f).is_some()
}

/// `STORE_ATTR` by interned key for instances of classes without attribute hooks. Returns
/// `Ok(false)` when the general path must be taken.
pub fn fast_setattr(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: &ObjRef) -> PyResult<bool> {
    let ty = obj.ob_type();
    if !ty.is_heap_type() || obj.as_type().is_some() || special_hooks(vm, ty) != 0 {
        return Ok(false);
    }
    // A static base that owns attributes (exceptions) takes the general path.
    if ty.base.is_some_and(|b| b.slots.setattr.is_some()) {
        return Ok(false);
    }
    if let Some(d) = type_lookup_key(vm, ty, key)? {
        if is_data_descriptor(vm, &d) {
            return Ok(false);
        }
    }
    match inline_values::store(vm, obj, key, Some(value.clone()))? {
        Stored::Done => return Ok(true),
        Stored::Absent | Stored::NeedsDict => {}
    }
    match instance_dict_or_create(vm, obj)? {
        Some(d) => {
            dict::set_item(vm, &d, key.clone(), value.clone())?;
            Ok(true)
        }
        None => Ok(false),
    }
}
