//! The `STORE_ATTR` family: `STORE_ATTR_WITH_HINT` (the instance dict, the key's entry index
//! as a hint) and `STORE_ATTR_SLOT`.
//!
//! Specialized only for heap types without attribute hooks whose static base owns no
//! attributes, when the class provides nothing under the name, a builtin type's non-data
//! value, or a `__slots__` member — facts the type's version tag guards. A stale hint (a new
//! instance, another order of assignments) still stores into the instance dict: under the
//! guard that is what the generic path does.

use super::load_attr::{class_attr, plain_value};
use super::stats::Failure;
use super::{current_version, entry, form, hit, instance, miss, poly, settle};
use super::{Family, Form};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::descr::{self, MEMBER_DESCRIPTOR_TYPE};
use crate::vm::{attr, ops, PyResult, Vm};

const FAMILY: Family = Family::StoreAttr;

/// `STORE_ATTR`: `obj.name = value` at instruction `pc`.
#[inline]
pub fn store_attr(
    vm: &Vm,
    code: &CodeObject,
    pc: usize,
    obj: &ObjRef,
    name: &ObjRef,
    value: ObjRef,
) -> PyResult<()> {
    let Some(e) = entry(code, pc) else {
        return generic(vm, obj, name, value);
    };
    let f = form(e);
    let version_holds = || current_version(vm, obj.ob_type()) == e.a.get();
    match f {
        Form::StoreWithHint | Form::StoreInstanceValue if version_holds() => {
            hit(FAMILY, f);
            return match instance::store_hint(obj, e.b.get(), name, value) {
                Ok(old) => {
                    drop(old);
                    Ok(())
                }
                // Not where the hint says (a new attribute, or the instance changed storage):
                // the general store, which keeps inline values inline when it can.
                Err(value) => generic(vm, obj, name, value),
            };
        }
        Form::StoreWithHint | Form::StoreInstanceValue if poly::instance_ok(vm, obj, name) => {
            // Another class whose instances keep the name the same way (`poly.rs`).
            match instance::store_hint_checked(obj, e.b.get(), name, value) {
                Ok(old) => {
                    hit(FAMILY, f);
                    drop(old);
                    return Ok(());
                }
                Err(value) => {
                    miss(e, FAMILY);
                    return generic(vm, obj, name, value);
                }
            }
        }
        Form::StoreSlot if version_holds() => {
            if let Some(cell) = obj.preheader_slots().get(e.b.get() as usize) {
                hit(FAMILY, f);
                drop(cell.replace(Some(value)));
                return Ok(());
            }
            miss(e, FAMILY);
        }
        Form::Adaptive => {
            if super::due(e) {
                generic(vm, obj, name, value)?;
                settle(e, FAMILY, choose(vm, obj, name));
                return Ok(());
            }
        }
        _ => miss(e, FAMILY),
    }
    generic(vm, obj, name, value)
}

/// The generic `STORE_ATTR`.
pub fn generic(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
    if !attr::fast_setattr(vm, obj, name, &value)? {
        ops::setattr(vm, obj, name, Some(value))?;
    }
    Ok(())
}

fn choose(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> Result<(Form, u32, u32), Failure> {
    let ty = obj.ob_type();
    if !ty.is_heap_type() || obj.as_type().is_some() {
        return Err(Failure::OtherType);
    }
    if attr::special_hooks(vm, ty) != 0 {
        return Err(Failure::Hooks);
    }
    if ty.base.is_some_and(|b| b.slots.setattr.is_some()) {
        return Err(Failure::OtherType);
    }
    let (version, found) = class_attr(vm, ty, name)?;
    match found {
        Some(d) if std::ptr::eq(d.ob_type(), &MEMBER_DESCRIPTOR_TYPE) => {
            let slot = descr::slot_index(&d).and_then(super::index);
            Ok((Form::StoreSlot, version, slot.ok_or(Failure::Descriptor)?))
        }
        Some(d) if !plain_value(&d) => Err(Failure::Descriptor),
        _ => {
            let hint = instance::find_hint(obj, name).ok_or(Failure::NotFound)?;
            let form = if instance::is_inline(hint) {
                Form::StoreInstanceValue
            } else {
                Form::StoreWithHint
            };
            Ok((form, version, hint))
        }
    }
}
