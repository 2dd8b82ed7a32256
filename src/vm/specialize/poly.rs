//! Polymorphic instance sites: one instruction seeing instances of several classes (the
//! subclasses of one base reaching a method the base defines, as richards' tasks do).
//!
//! An instance form's entry names one type by its version tag. When another type comes by, the
//! facts the tag would have proved are read instead from caches that are themselves valid only
//! under that type's *current* tag: the method cache (what the class provides under the name)
//! and the attribute-hook bits (`HeapTypeExt::special`, computed under `special_version`). Both
//! are filled by the generic path, so the first instance of a new class runs it once, and the
//! next ones take the short path. The instance's storage is then checked as the entry's hint
//! says, with one more check the tag made unnecessary: an inline value index must be the
//! name's index in *this* class's shared keys (`instance::load_hint_checked`). Nothing is
//! recorded, so a site sees any number of classes at the cost of a probe of the method cache;
//! what does not pass is an ordinary miss.

use super::instance;
use super::load_attr::plain_value;
use crate::object::heaptype::{
    HeapTypeExt, SPECIAL_GETATTR, SPECIAL_GETATTRIBUTE, SPECIAL_SETATTR,
};
use crate::object::ObjRef;
use crate::vm::Vm;

/// Every attribute hook bit.
const ALL_HOOKS: u32 = SPECIAL_GETATTRIBUTE | SPECIAL_GETATTR | SPECIAL_SETATTR;

/// The current version tag and class data of `obj`'s type, when it is a heap type (and `obj`
/// not itself a class) with a tag, whose hook bits are known under that tag and include none
/// of `hooks`.
#[inline]
fn known_class(obj: &ObjRef, hooks: u32) -> Option<(u32, &HeapTypeExt)> {
    let h = &obj.ob_type().heap()?.ext;
    let v = h.version.get();
    if v == 0 || h.special_version.get() != v || h.special.get() & hooks != 0 {
        return None;
    }
    if obj.as_type().is_some() {
        return None;
    }
    Some((v, h))
}

/// Whether the instance's own attribute `name` decides `obj.name` (load) and takes
/// `obj.name = v` (store) for an instance whose type is not the entry's: the type has no
/// attribute hooks, its static base owns no attributes, and what it provides under `name` is
/// nothing or a builtin type's non-data value (the conditions `choose` checks for the instance
/// forms).
#[inline]
pub(super) fn instance_ok(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> bool {
    let Some((v, _)) = known_class(obj, ALL_HOOKS) else {
        return false;
    };
    if obj
        .ob_type()
        .base
        .is_some_and(|b| b.slots.setattr.is_some())
    {
        return false;
    }
    match vm.method_cache.get(v, name) {
        Some(None) => true,
        Some(Some(d)) => plain_value(&d),
        None => false,
    }
}

/// `LOAD_METHOD` on an instance whose type is not the entry's: the plain method its class
/// provides under `name` when no `__getattribute__` hook is defined and the instance does not
/// shadow it (what the generic path would push with `self`).
#[inline]
pub(super) fn method(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> Option<ObjRef> {
    let (v, _) = known_class(obj, SPECIAL_GETATTRIBUTE)?;
    let f = vm.method_cache.get(v, name)??;
    (crate::vm::attr::is_plain_method(&f) && instance::lacks(obj, name)).then_some(f)
}
