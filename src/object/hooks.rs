//! The few places where the object core and the collector call into the interpreter, as a
//! table of entry points the interpreter installs at start-up ([`install`]), so that neither
//! names the interpreter's modules: weak reference callbacks (which call Python objects) and
//! the `gc` module's reporting around a collection (`gc.callbacks`, `DEBUG_STATS`,
//! `DEBUG_SAVEALL`). A type's own behaviour at deallocation and collection is reached through
//! its slots instead (`Slots::finalize`, `Slots::untrack_atomic`).
//!
//! Until a table is installed (a heap used without an interpreter), these calls do nothing, as
//! they do when no interpreter state is registered on the heap (`heap::with_vm`).

use super::handle::ObjRef;
use crate::vm::Vm;
use std::sync::OnceLock;
use std::time::Duration;

/// The interpreter's entry points (one table per process: every interpreter installs the
/// same one).
pub struct RuntimeHooks {
    /// Calls the callbacks of these weak references, whose referent died, in order (each with
    /// its weak reference as argument), reporting exceptions instead of raising them.
    pub weakref_callbacks: fn(&Vm, &[ObjRef]),
    /// Before a collection of `generation`: `gc.callbacks` with "start", `DEBUG_STATS` lines.
    pub gc_start: fn(&Vm, usize),
    /// After a collection: generation, objects collected, uncollectable, time taken.
    pub gc_stop: fn(&Vm, usize, usize, usize, Duration),
    /// `DEBUG_SAVEALL`: keeps the unreachable objects in `gc.garbage` instead of freeing them.
    pub gc_save_garbage: fn(&Vm, &[ObjRef]),
}

static HOOKS: OnceLock<&'static RuntimeHooks> = OnceLock::new();

/// Installs the interpreter's entry points (the first table installed stays).
pub fn install(hooks: &'static RuntimeHooks) {
    let _ = HOOKS.set(hooks);
}

/// The installed entry points, if any.
#[inline]
pub fn get() -> Option<&'static RuntimeHooks> {
    HOOKS.get().copied()
}

/// Calls `f` with the installed entry points and the interpreter state registered on the
/// current heap, when both exist.
pub(crate) fn with_vm<R>(f: impl FnOnce(&RuntimeHooks, &Vm) -> R) -> Option<R> {
    let hooks = get()?;
    super::heap::with_vm(|vm| f(hooks, vm))
}
