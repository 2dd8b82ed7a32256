//! Type readiness (CPython's `PyType_Ready`) and the per-type state attribute lookup uses:
//! `__dict__`, `__mro__` and version tags, for static and heap types alike.
//!
//! A static type is made ready once per interpreter — the builtins' types at start-up, any other
//! on its first lookup. Readiness builds its `__dict__`:
//! * one `wrapper_descriptor` per slot the type defines itself (`int.__add__`, `list.__len__`):
//!   a slot shared with the base is inherited and found in the base's dict instead;
//! * `__new__` when the type has its own constructor;
//! * one method descriptor per `MethodDef` (a `classmethod_descriptor` or `staticmethod` for
//!   methods so flagged), one `getset_descriptor` per `GetSetDef`;
//! * `__doc__`, and `__hash__ = None` for unhashable types (those defining comparison but no
//!   hash, as `list`), so `hash()` and `__hash__` lookups agree;
//!
//! and its `__mro__` (C3 over the base and, for the few builtin types with two, the second
//! base). Heap types carry the same things in `HeapTypeExt`. See `object::typecache` for the
//! version tags and the method cache.

use super::{PyResult, Vm};
use crate::object::typecache::StaticState;
use crate::object::{ObjRef, TypeObject};
use crate::objects::{descr, dict, getset, none, slotwrapper, str as pystr, tuple};

/// Makes static type `ty` ready in this interpreter (its base first), if it is not yet.
pub fn ready(vm: &Vm, ty: &TypeObject) -> PyResult<()> {
    if ty.is_heap_type() {
        return Ok(());
    }
    let index = ty.ready.get();
    if vm.static_types.is_ready(index) {
        return Ok(());
    }
    if let Some(b) = ty.base {
        ready(vm, b)?;
    }
    if let Some(b) = crate::object::typeobj::second_base(ty) {
        ready(vm, b)?;
    }
    let mro = tuple::new_tuple(vm, static_mro(vm, ty)?)?;
    let dict = build_dict(vm, ty)?;
    let version = vm.new_type_version();
    drop(
        vm.static_types
            .set(index, StaticState { dict, mro, version }),
    );
    Ok(())
}

/// Makes every builtin type ready (at start-up).
pub fn ready_builtins(vm: &Vm) -> PyResult<()> {
    for t in crate::modules::builtins::all_static_types() {
        ready(vm, t)?;
    }
    for t in [
        &crate::objects::slotwrapper::WRAPPER_DESCRIPTOR_TYPE,
        &getset::GETSET_DESCRIPTOR_TYPE,
        &descr::METHOD_DESCRIPTOR_TYPE,
    ] {
        ready(vm, t)?;
    }
    Ok(())
}

/// A static type's bases in declaration order: the second base, for the few builtin types
/// with two, is declared first (`ExceptionGroup(BaseExceptionGroup, Exception)`).
pub fn static_bases(ty: &TypeObject) -> Vec<&TypeObject> {
    crate::object::typeobj::second_base(ty)
        .into_iter()
        .chain(ty.base)
        .collect()
}

/// The C3 linearisation of a static type's bases.
fn static_mro(vm: &Vm, ty: &TypeObject) -> PyResult<Vec<ObjRef>> {
    let me = ObjRef::from_type_ref(ty);
    let bases = static_bases(ty);
    let mut seqs: Vec<Vec<ObjRef>> = Vec::new();
    for b in &bases {
        let m = type_mro(vm, b)?;
        seqs.push(tuple::items(&m).unwrap_or(&[]).to_vec());
    }
    seqs.push(bases.iter().map(|b| ObjRef::from_type_ref(b)).collect());
    let mut out = vec![me];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let head = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(h))));
        let Some(head) = head else {
            return Err(vm.type_error(&format!(
                "Cannot create a consistent method resolution order (MRO) for {}",
                ty.name()
            )));
        };
        for s in &mut seqs {
            if s[0].is(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// Whether static type `ty`'s `table` is its own (not the same table as its base's).
fn own_table<T>(
    ty: &TypeObject,
    table: &[T],
    base_table: impl Fn(&TypeObject) -> *const [T],
) -> bool {
    !table.is_empty()
        && !ty
            .base
            .is_some_and(|b| std::ptr::eq(base_table(b), table as *const [T]))
}

/// The `__dict__` of static type `ty`.
fn build_dict(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    for &(name, kind) in slotwrapper::SLOT_NAMES {
        if kind.defined_by(ty) {
            let w = slotwrapper::new_wrapper(vm, ty, kind, name)?;
            dict::set_str(vm, &d, name, w)?;
        }
    }
    let own_new = ty.slots.new.is_some_and(|f| {
        ty.base
            .and_then(|b| b.slots.new)
            .is_none_or(|g| g as usize != f as usize)
    });
    if own_new {
        let w = crate::modules::builtins::static_new_wrapper(vm, ObjRef::from_type_ref(ty))?;
        dict::set_str(vm, &d, "__new__", w)?;
    }
    if own_table(ty, ty.methods, |b| b.methods as *const _) {
        let owner = ObjRef::from_type_ref(ty);
        for m in ty.methods {
            let descr = descr::new_method_descriptor(vm, m, owner.clone())?;
            dict::set_str(vm, &d, m.name, descr)?;
        }
    }
    if own_table(ty, ty.getset, |b| b.getset as *const _) {
        for g in ty.getset {
            dict::set_str(vm, &d, g.name, getset::new_getset(vm, g, ty)?)?;
        }
    }
    if dict::get_str(vm, &d, "__doc__")?.is_none() {
        let doc = if ty.doc.is_empty() {
            none::none()
        } else {
            pystr::new_str_vm(vm, ty.doc)?
        };
        dict::set_str(vm, &d, "__doc__", doc)?;
    }
    if ty.effective_hash().is_none() && dict::get_str(vm, &d, "__hash__")?.is_none() {
        dict::set_str(vm, &d, "__hash__", none::none())?;
    }
    Ok(d)
}

/// The `__dict__` of any type (the real dict; Python code sees it through a mappingproxy).
pub fn type_dict(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    if let Some(h) = ty.heap() {
        return Ok(h.ext.dict.clone());
    }
    ready(vm, ty)?;
    Ok(vm
        .static_types
        .dict(ty.ready.get())
        .expect("a ready static type has a dict"))
}

/// The `__mro__` of any type (a tuple).
pub fn type_mro(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    if let Some(h) = ty.heap() {
        return match h.ext.mro.get() {
            Some(m) => Ok(m),
            None => tuple::new_tuple(vm, vec![ObjRef::from_type_ref(ty)]),
        };
    }
    ready(vm, ty)?;
    Ok(vm
        .static_types
        .mro(ty.ready.get())
        .expect("a ready static type has an MRO"))
}

/// The version tag of `ty`, assigned if it has none (0: tags are exhausted, do not cache).
#[inline]
pub fn version_tag(vm: &Vm, ty: &TypeObject) -> PyResult<u32> {
    if let Some(h) = ty.heap() {
        let v = h.ext.version.get();
        if v != 0 {
            return Ok(v);
        }
        if h.ext.mro.get().is_none() {
            return Ok(0); // still being built
        }
        let v = vm.new_type_version();
        h.ext.version.set(v);
        return Ok(v);
    }
    let v = vm.static_types.version(ty.ready.get());
    if v != 0 {
        return Ok(v);
    }
    ready(vm, ty)?;
    Ok(vm.static_types.version(ty.ready.get()))
}

/// Call before changing an attribute of class `ty` (CPython's `PyType_Modified`): resets the
/// version tags of the class and its subclasses and drops their cached lookups.
pub fn modified(vm: &Vm, ty: &TypeObject) {
    if let Some(h) = ty.heap() {
        drop(h.modified(&vm.method_cache));
    }
}

/// Records a lookup result in the method cache under `ty`'s tag `version`.
pub fn cache_store(vm: &Vm, ty: &TypeObject, version: u32, key: &ObjRef, value: Option<&ObjRef>) {
    if version == 0 {
        return;
    }
    let (slot, replaced) = vm.method_cache.put(version, key, value);
    if let Some(h) = ty.heap() {
        let mut slots = h.ext.cache_slots.borrow_mut();
        if slots.len() < 1024 && slots.last() != Some(&slot) {
            slots.push(slot);
        }
    }
    drop(replaced);
}
