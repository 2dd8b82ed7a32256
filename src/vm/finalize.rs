//! Finalizers (`__del__`, PEP 442) and "Exception ignored in" reports.
//!
//! An object's `__del__` runs at most once: when its refcount reaches zero (from deallocation,
//! which then frees it unless the finalizer resurrected it) or when the collector finds it in
//! unreachable garbage. The FINALIZED bit in its GC head records that it ran. The core reaches
//! these through the `finalize` slot of a type (`Slots::finalize`) and through the table of
//! entry points installed at start-up ([`RUNTIME_HOOKS`]).

use super::{attr, ops, typeready, PyErr, Vm};
use crate::object::ObjRef;

/// Whether `obj`'s class defines `__del__`.
///
/// Runs at every deallocation of an instance of a class, so the answer "none" is remembered
/// under the class's version tag (which any change to the class or a base resets).
pub fn has_del(vm: &Vm, obj: &ObjRef) -> bool {
    let t = obj.ob_type();
    let Some(h) = t.heap() else {
        return false;
    };
    if !h.ext.mro.is_set() {
        // A class being built, or cleared by the collector: its MRO is the class alone (as
        // `typeready::type_mro` says), so only its own dict counts, and it has no version tag.
        return matches!(attr::lookup_in_class(vm, t, "__del__"), Ok(Some(_)));
    }
    let version = typeready::version_tag(vm, t).unwrap_or(0);
    if version != 0 && h.ext.no_del_version.get() == version {
        return false;
    }
    let found = matches!(attr::type_lookup(vm, t, "__del__"), Ok(Some(_)));
    if !found && version != 0 {
        h.ext.no_del_version.set(version);
    }
    found
}

/// Reports an exception raised by (or about) `obj` that cannot propagate (CPython's
/// `PyErr_WriteUnraisable`), through `sys.unraisablehook`.
pub fn write_unraisable(vm: &Vm, obj: &ObjRef, err: &PyErr) {
    crate::modules::sys_hooks::write_unraisable(vm, obj, err);
}

/// Calls `obj.__del__()`, reporting an exception instead of raising it.
pub fn run_del(vm: &Vm, obj: &ObjRef) {
    let Ok(Some(f)) = attr::type_lookup(vm, obj.ob_type(), "__del__") else {
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

/// The `finalize` slot of heap types (CPython's `slot_tp_finalize`): calls the class's
/// `__del__`, if it defines one, once.
pub fn heap_type_finalize(vm: &Vm, obj: &ObjRef) {
    if !has_del(vm, obj) {
        return;
    }
    obj.set_finalized();
    run_del(vm, obj);
}

/// The `finalize` slot of generators, coroutines and async generators (CPython's
/// `_PyGen_Finalize`): a suspended one is closed once, running its pending `finally` blocks;
/// an unfinished asynchronous generator goes instead to the finalizer hook it kept
/// (`sys.set_asyncgen_hooks`), which usually schedules its `aclose()`.
pub fn generator_finalize(vm: &Vm, obj: &ObjRef) {
    if !crate::objects::generator::is_suspended(obj) {
        return;
    }
    obj.set_finalized();
    let result = match crate::objects::generator::asyncgen_finalizer(obj) {
        Some(hook) => ops::call(vm, &hook, std::slice::from_ref(obj), None).map(|_| ()),
        None => crate::objects::generator::close(vm, obj).map(|_| ()),
    };
    if let Err(e) = result {
        write_unraisable(vm, obj, &e);
    }
}

/// Calls the callbacks of weak references whose referent died (in the order given, newest
/// first). Errors are reported, not raised.
pub fn call_weakref_callbacks(vm: &Vm, refs: &[ObjRef]) {
    for wr in refs {
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
}

/// What the object core and the collector call in the interpreter (installed at start-up).
pub static RUNTIME_HOOKS: crate::object::hooks::RuntimeHooks = crate::object::hooks::RuntimeHooks {
    weakref_callbacks: call_weakref_callbacks,
    gc_start: crate::modules::gc::before_collection,
    gc_stop: crate::modules::gc::after_collection,
    gc_save_garbage: crate::modules::gc::save_garbage,
};
