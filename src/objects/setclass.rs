//! `obj.__class__ = cls` (CPython's `object_set_class`) and the layout compatibility rule it
//! shares with `cls.__bases__ = bases` (CPython's `compatible_for_assignment`).

use crate::object::{ObjRef, TypeObject};
use crate::objects::classobj::static_base;
use crate::objects::module::MODULE_TYPE;
use crate::objects::tuple;
use crate::vm::{PyResult, Vm};

/// What a class adds to its instances over its base: the preheader slot count, where the
/// instance dict (and its inline values) and weak reference list are, and the `__slots__`
/// member names.
type Additions = (
    usize,
    Option<(usize, Option<usize>)>,
    Option<usize>,
    Vec<String>,
);

fn additions(t: &TypeObject) -> Additions {
    match t.heap() {
        Some(h) => (
            h.ext.nslots,
            h.ext.dict_slot.map(|d| (d, h.ext.values_start)),
            h.ext.weakref_slot,
            tuple::items(&h.ext.slot_names)
                .unwrap_or(&[])
                .iter()
                .map(|n| crate::objects::str::as_str(n).unwrap_or("").to_string())
                .collect(),
        ),
        None => (0, None, None, Vec::new()),
    }
}

/// The base whose instance layout `t`'s extends (`__base__`; the static base for a class with
/// no heap base).
fn layout_parent(t: &TypeObject) -> Option<ObjRef> {
    match t.heap() {
        Some(h) => h.ext.base.get(),
        None => t.base.map(ObjRef::from_type),
    }
}

/// Whether `t` lays its instances out exactly as its layout parent does.
fn same_as_parent(t: &TypeObject) -> bool {
    let Some(parent) = layout_parent(t) else {
        return false;
    };
    let Some(p) = parent.as_type() else {
        return false;
    };
    !t.is_heap_type() && std::ptr::eq(t.payload, p.payload) && !p.is_heap_type()
        || t.is_heap_type()
            && std::ptr::eq(static_base(t).payload, static_base(p).payload)
            && additions(t) == additions(p)
}

/// The nearest class of `t`'s layout chain that adds something to the instance layout.
fn solid(t: &TypeObject) -> ObjRef {
    let mut cur = ObjRef::from_type_ref(t);
    loop {
        let Some(ty) = cur.as_type() else {
            return cur;
        };
        if !same_as_parent(ty) {
            return cur;
        }
        match layout_parent(ty) {
            Some(p) => cur = p,
            None => return cur,
        }
    }
}

/// Checks that instances of `old` can become instances of `new` (`what` names the assignment
/// in the error: `__class__` or `__bases__`): the classes that last changed each layout are
/// the same, or siblings adding the same parts.
pub fn check_compatible(vm: &Vm, old: &TypeObject, new: &TypeObject, what: &str) -> PyResult<()> {
    let differs = || {
        vm.type_error(&format!(
            "{what} assignment: '{}' object layout differs from '{}'",
            new.name(),
            old.name()
        ))
    };
    if !std::ptr::eq(static_base(old).payload, static_base(new).payload)
        || old.is_container() != new.is_container()
    {
        return Err(if old.is_container() != new.is_container() {
            vm.type_error(&format!(
                "{what} assignment: '{}' deallocator differs from '{}'",
                new.name(),
                old.name()
            ))
        } else {
            differs()
        });
    }
    let (so, sn) = (solid(old), solid(new));
    if so.is(&sn) {
        return Ok(());
    }
    let (Some(to), Some(tn)) = (so.as_type(), sn.as_type()) else {
        return Err(differs());
    };
    let parents_same = match (layout_parent(to), layout_parent(tn)) {
        (Some(a), Some(b)) => a.is(&b),
        (None, None) => true,
        _ => false,
    };
    if !parents_same || additions(to) != additions(tn) {
        return Err(differs());
    }
    Ok(())
}

/// The setter of `object.__class__`.
pub fn object_set_class(
    vm: &Vm,
    obj: &ObjRef,
    _name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    let Some(value) = value else {
        return Err(vm.type_error("can't delete __class__ attribute"));
    };
    let Some(new) = value.as_type() else {
        return Err(vm.type_error(&format!(
            "__class__ must be set to a class, not '{}' object",
            value.ob_type().name()
        )));
    };
    let old = obj.ob_type();
    let modules = new.is_subtype(&MODULE_TYPE) && old.is_subtype(&MODULE_TYPE);
    if !modules && (!new.is_heap_type() || !old.is_heap_type()) {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    check_compatible(vm, old, new, "__class__")?;
    // The inline values are indexed by the old class's shared keys: the instance moves to a
    // dict of its own first (as CPython 3.11 does).
    crate::vm::inline_values::materialize(vm, obj)?;
    check_compatible(vm, obj.ob_type(), new, "__class__")?;
    let released = obj.set_class(new).map_err(|_| {
        vm.type_error(&format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new.name(),
            old.name()
        ))
    })?;
    if let Some(old) = released {
        // Kept until teardown (see `Vm::retired_classes`), once per class.
        let known = vm.retired_classes.snapshot().iter().any(|c| c.is(&old));
        if !known {
            vm.retired_classes
                .push(old)
                .map_err(|(e, _)| vm.alloc_err(e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::objects::testutil::run_ok;

    #[test]
    fn class_assignment_keeps_references_balanced() {
        // Every class an instance leaves or joins is freed at teardown (`run_ok` checks that
        // no block is left), including classes changed from `__del__`.
        let out = run_ok(
            "class A: pass\n\
             class B: pass\n\
             class Gone: pass\n\
             class Dying:\n    def __del__(self): self.__class__ = Gone\n\
             x = A()\n\
             for _ in range(5):\n    x.__class__ = B\n    x.__class__ = A\n\
             x.__class__ = B\n\
             del B\n\
             l = [Dying() for _ in range(3)]\n\
             del l\n\
             print(type(x).__name__)\n",
        );
        assert_eq!(out, "B\n");
    }

    #[test]
    fn incompatible_layouts_are_refused() {
        let out = run_ok(
            "class S: __slots__ = ('a',)\n\
             class T: __slots__ = ('b',)\n\
             class U: pass\n\
             for cls in (T, U, int):\n\
             \x20   try:\n        S().__class__ = cls\n\
             \x20   except TypeError as e:\n        print(e)\n",
        );
        assert_eq!(
            out,
            "__class__ assignment: 'T' object layout differs from 'S'\n\
             __class__ assignment: 'U' object layout differs from 'S'\n\
             __class__ assignment only supported for mutable types or ModuleType subclasses\n"
        );
    }
}
