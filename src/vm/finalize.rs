//! Finalizers (`__del__`, PEP 442) and "Exception ignored in" reports.
//!
//! An object's `__del__` runs at most once: when its refcount reaches zero (from deallocation,
//! which then frees it unless the finalizer resurrected it) or when the collector finds it in
//! unreachable garbage. The FINALIZED bit in its GC head records that it ran.

use super::{attr, ops, PyErr, Vm};
use crate::object::ObjRef;

/// Whether `obj`'s class defines `__del__`.
pub fn has_del(vm: &Vm, obj: &ObjRef) -> bool {
    let t = obj.ob_type();
    if !t.is_heap_type() {
        return false;
    }
    matches!(attr::type_lookup(vm, t, "__del__"), Ok(Some(_)))
}

/// Reports an exception that cannot be raised (CPython's `PyErr_WriteUnraisable`).
pub fn write_unraisable(vm: &Vm, context: &str, err: &PyErr) {
    let mut text = format!("Exception ignored in: {context}\n");
    text.push_str(&super::traceback::format_exception(vm, &err.exc));
    let _ = vm.write_err(&text);
}

/// Calls `obj.__del__()`, reporting an exception instead of raising it.
pub fn run_del(vm: &Vm, obj: &ObjRef) {
    let Ok(Some(f)) = attr::type_lookup_object(vm, obj.ob_type(), "__del__") else {
        return;
    };
    let result = if crate::objects::function::is_function(&f) {
        ops::call(vm, &f, std::slice::from_ref(obj), None)
    } else {
        attr::descr_get(vm, f.clone(), Some(obj), &obj.type_object())
            .and_then(|b| ops::call(vm, &b, &[], None))
    };
    if let Err(e) = result {
        let context = ops::repr_string(vm, &f).unwrap_or_else(|_| "<__del__>".into());
        write_unraisable(vm, &context, &e);
    }
}

/// Phase 6 of a collection: runs `__del__` of an unreachable object once.
pub fn finalize_in_collection(vm: &Vm, obj: &ObjRef) {
    if obj.is_finalized() || !has_del(vm, obj) {
        return;
    }
    obj.set_finalized();
    run_del(vm, obj);
}

/// Called by deallocation for instances of classes: runs `__del__` once. Returns whether the
/// finalizer resurrected the object (then it must not be freed).
pub fn finalize_on_dealloc(obj: &ObjRef) -> bool {
    let base = obj.refcnt();
    crate::object::heap::with_vm(|vm| {
        if obj.is_finalized() || !has_del(vm, obj) {
            return;
        }
        obj.set_finalized();
        run_del(vm, obj);
    });
    obj.refcnt() > base
}

/// Phase 5 of a collection: weak references to unreachable objects (none yet: weakrefs
/// arrive with the `weakref` module).
pub fn handle_weakrefs(_vm: &Vm, _garbage: &[ObjRef]) {}
