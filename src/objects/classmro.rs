//! A class's method resolution order: C3 over its bases (`type.mro()`), or what its
//! metaclass's own `mro()` returns (CPython's `mro_internal`).

use crate::object::ObjRef;
use crate::objects::classobj;
use crate::objects::typetype::TYPE_TYPE;
use crate::vm::{attr, ops, PyResult, Vm};

/// The MRO of class `cls` with `bases`: the metaclass's `mro()` when it overrides `type.mro`,
/// checked as CPython checks it, else C3.
pub fn compute(vm: &Vm, cls: &ObjRef, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    let meta = cls.ob_type();
    if !std::ptr::eq(meta, &TYPE_TYPE) {
        if let Some(f) = attr::type_lookup(vm, meta, "mro")? {
            let own = attr::type_lookup(vm, &TYPE_TYPE, "mro")?;
            if !own.is_some_and(|o| o.is(&f)) {
                let bound = attr::descr_get(vm, f, Some(cls), &cls.type_object())?;
                let result = ops::call(vm, &bound, &[], None)?;
                let items = ops::collect_iterable(vm, &result)?;
                check(vm, cls, &items)?;
                return Ok(items);
            }
        }
    }
    classobj::c3_mro(vm, cls, bases)
}

/// A custom MRO holds classes only, each laid out as a base of `cls`.
fn check(vm: &Vm, cls: &ObjRef, items: &[ObjRef]) -> PyResult<()> {
    let Some(ty) = cls.as_type() else {
        return Ok(());
    };
    let solid = classobj::static_base(ty);
    for item in items {
        let Some(t) = item.as_type() else {
            return Err(vm.type_error(&format!(
                "mro() returned a non-class ('{}')",
                item.ob_type().name()
            )));
        };
        if !solid.is_subtype(classobj::static_base(t)) {
            return Err(vm.type_error(&format!(
                "mro() returned base with unsuitable layout ('{}')",
                t.name()
            )));
        }
    }
    Ok(())
}

/// `type.mro(cls)`: C3 over the class's bases (the static chain for builtin types).
pub fn c3_of(vm: &Vm, cls: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let bases = cls
        .as_type()
        .and_then(|t| t.heap())
        .and_then(|h| h.ext.bases.get());
    match bases {
        Some(b) => classobj::c3_mro(vm, cls, crate::objects::tuple::items(&b).unwrap_or(&[])),
        None => Ok(classobj::mro_of(cls)),
    }
}
