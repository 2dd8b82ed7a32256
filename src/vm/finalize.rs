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

/// Reports an exception raised by (or about) `obj` that cannot propagate (CPython's
/// `PyErr_WriteUnraisable`), through `sys.unraisablehook`.
pub fn write_unraisable(vm: &Vm, obj: &ObjRef, err: &PyErr) {
    crate::modules::sys_hooks::write_unraisable(vm, obj, err);
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
        write_unraisable(vm, &f, &e);
    }
}

/// Whether `obj` has a finalizer to run: a class's `__del__`, or a suspended generator (which
/// is closed, running its pending `finally` blocks).
pub fn needs_finalizer(vm: &Vm, obj: &ObjRef) -> bool {
    if crate::objects::generator::is_suspended(obj) {
        return true;
    }
    has_del(vm, obj)
}

/// Runs `obj`'s finalizer (see [`needs_finalizer`]).
fn run_finalizer(vm: &Vm, obj: &ObjRef) {
    if obj
        .downcast::<crate::objects::generator::GeneratorObject>()
        .is_some()
    {
        // An unfinished asynchronous generator goes to the finalizer hook it kept
        // (`sys.set_asyncgen_hooks`), which usually schedules its `aclose()`.
        let result = match crate::objects::generator::asyncgen_finalizer(obj) {
            Some(hook) => ops::call(vm, &hook, std::slice::from_ref(obj), None).map(|_| ()),
            None => crate::objects::generator::close(vm, obj).map(|_| ()),
        };
        if let Err(e) = result {
            write_unraisable(vm, obj, &e);
        }
        return;
    }
    run_del(vm, obj);
}

/// Phase 6 of a collection: runs the finalizer of an unreachable object once.
pub fn finalize_in_collection(vm: &Vm, obj: &ObjRef) {
    if obj.is_finalized() || !needs_finalizer(vm, obj) {
        return;
    }
    obj.set_finalized();
    run_finalizer(vm, obj);
}

/// Called by deallocation for instances of classes: runs `__del__` once. Returns whether the
/// finalizer resurrected the object (then it must not be freed).
pub fn finalize_on_dealloc(obj: &ObjRef) -> bool {
    let base = obj.refcnt();
    crate::object::heap::with_vm(|vm| {
        if obj.is_finalized() || !needs_finalizer(vm, obj) {
            return;
        }
        obj.set_finalized();
        run_finalizer(vm, obj);
    });
    obj.refcnt() > base
}

/// Calls the callbacks of weak references whose referent died (newest first). Errors are
/// reported, not raised.
pub fn call_weakref_callbacks(refs: Vec<ObjRef>) {
    if refs.is_empty() {
        return;
    }
    crate::object::heap::with_vm(|vm| {
        for wr in &refs {
            let Some(p) = wr.downcast::<crate::object::weakref::WeakRefPayload>() else {
                continue;
            };
            let Some(cb) = p.callback.replace(None) else {
                continue;
            };
            if let Err(e) = ops::call(vm, &cb, std::slice::from_ref(wr), None) {
                write_unraisable(vm, &cb, &e);
            }
        }
    });
}

/// Phase 5 of a collection: clears every weak reference to the unreachable objects, then calls
/// the callbacks of those weak references that are not garbage themselves. Returns how many of
/// those weak references were freed once their callback ran (CPython counts them as collected).
pub fn handle_weakrefs(_vm: &Vm, garbage: &[ObjRef]) -> usize {
    let addrs: std::collections::HashSet<usize> = garbage.iter().map(|o| o.addr()).collect();
    let mut to_call = Vec::new();
    for obj in garbage {
        if !obj.has_weakrefs() {
            continue;
        }
        for wr in crate::object::weakref::clear_weakrefs(obj.header_ptr_pub()) {
            if addrs.contains(&wr.addr()) {
                // A weak reference that is garbage itself: its callback never runs.
                if let Some(p) = wr.downcast::<crate::object::weakref::WeakRefPayload>() {
                    drop(p.callback.replace(None));
                }
                continue;
            }
            if wr
                .downcast::<crate::object::weakref::WeakRefPayload>()
                .is_some_and(|p| p.callback.get().is_some())
            {
                to_call.push(wr);
            }
        }
    }
    let mut freed = 0;
    for wr in to_call {
        call_weakref_callbacks(vec![wr.clone()]);
        if wr.refcnt() == 1 {
            freed += 1;
        }
        drop(wr);
    }
    freed
}
