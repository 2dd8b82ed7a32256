//! `cls.__bases__ = bases` (CPython's `type_set_bases`): checks the new bases, replaces them,
//! and recomputes the MRO of the class and of every subclass — through a metaclass's own
//! `mro()` where there is one — restoring everything if one of them fails.

use crate::object::ObjRef;
use crate::objects::classobj::best_base;
use crate::objects::typetype::OBJECT_TYPE;
use crate::objects::{classmro, setclass, tuple};
use crate::vm::{PyResult, Vm};

/// The setter of `__bases__` on a class.
pub fn set_bases(vm: &Vm, cls: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let Some(me) = cls.as_type() else {
        return Err(vm.type_error("expected a class"));
    };
    let Some(h) = me.heap() else {
        return Err(vm.type_error("expected a class"));
    };
    let name = me.name().to_string();
    let Some(value) = value else {
        return Err(vm.type_error(&format!(
            "cannot delete '__bases__' attribute of immutable type '{name}'"
        )));
    };
    let Some(bases) = tuple::items(&value).map(<[ObjRef]>::to_vec) else {
        return Err(vm.type_error(&format!(
            "can only assign tuple to {name}.__bases__, not {}",
            value.ob_type().name()
        )));
    };
    if bases.is_empty() {
        return Err(vm.type_error(&format!(
            "can only assign non-empty tuple to {name}.__bases__, not ()"
        )));
    }
    for b in &bases {
        let Some(t) = b.as_type() else {
            return Err(vm.type_error(&format!(
                "{name}.__bases__ must be tuple of classes, not '{}'",
                b.ob_type().name()
            )));
        };
        if t.is_subtype(me) || base_chain_reaches(b, me) {
            return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let best = best_base(vm, &bases)?.clone();
    let old_base = h.ext.base.get();
    let old_base_t = old_base
        .as_ref()
        .and_then(|b| b.as_type())
        .unwrap_or(&OBJECT_TYPE);
    setclass::check_compatible(
        vm,
        old_base_t,
        best.as_type().unwrap_or(&OBJECT_TYPE),
        "__bases__",
    )?;

    // Switch, then recompute the MROs; on failure the old bases and MROs come back.
    crate::vm::typeready::modified(vm, me);
    let old_bases = h.ext.bases.get();
    drop(h.replace_bases(value.clone(), best));
    let mut changed: Vec<(ObjRef, Option<ObjRef>)> = Vec::new();
    let result = update_mros(vm, cls, &mut changed);
    if let Err(e) = result {
        crate::vm::typeready::modified(vm, me);
        for (t, old_mro) in changed.into_iter().rev() {
            if let Some(th) = t.as_type().and_then(|t| t.heap()) {
                drop(th.ext.mro.replace(old_mro));
            }
        }
        // Unless an `mro()` assigned other bases meanwhile (those stay).
        let unchanged = h.ext.bases.get().is_some_and(|b| b.is(&value));
        if let (Some(b), Some(base), true) = (old_bases, old_base, unchanged) {
            drop(h.replace_bases(b, base));
        }
        return Err(e);
    }
    Ok(())
}

/// Whether `me` is on the `__base__` chain of `b` (assigned before any `mro()` runs, so it
/// sees a cycle an `mro()` made while an MRO is being recomputed).
fn base_chain_reaches(b: &ObjRef, me: &crate::object::TypeObject) -> bool {
    let mut cur = b.clone();
    loop {
        let Some(t) = cur.as_type() else {
            return false;
        };
        if std::ptr::eq(t, me) {
            return true;
        }
        match t.heap().and_then(|h| h.ext.base.get()) {
            Some(next) if !next.is(&cur) => cur = next,
            _ => return false,
        }
    }
}

/// Recomputes the MRO of `cls` and of its subclasses (each after its bases), recording each
/// class's previous MRO in `changed`.
fn update_mros(vm: &Vm, cls: &ObjRef, changed: &mut Vec<(ObjRef, Option<ObjRef>)>) -> PyResult<()> {
    let mut work = vec![cls.clone()];
    let mut seen: Vec<usize> = Vec::new();
    while let Some(c) = work.pop() {
        // An `mro()` may have rearranged the hierarchy meanwhile: each class once.
        if seen.contains(&c.addr()) {
            continue;
        }
        seen.push(c.addr());
        let Some(h) = c.as_type().and_then(|t| t.heap()) else {
            continue;
        };
        let bases = h
            .ext
            .bases
            .get()
            .as_ref()
            .and_then(tuple::items)
            .map(<[ObjRef]>::to_vec)
            .unwrap_or_default();
        let mro = classmro::compute(vm, &c, &bases)?;
        let mro = tuple::new_tuple(vm, mro)?;
        if let Some(t) = c.as_type() {
            crate::vm::typeready::modified(vm, t);
        }
        let old = h.ext.mro.replace(Some(mro));
        changed.push((c.clone(), old));
        let mut subs = h.subclasses();
        subs.reverse();
        work.extend(subs);
    }
    Ok(())
}
