//! `CALL_ALLOC_AND_ENTER_INIT` (CPython 3.12's; `dis` shows 3.11's `CALL_ADAPTIVE`, as 3.11
//! leaves such a site): a call without keywords of a class whose metatype is `type`, whose
//! `__new__` is its builtin base's own constructor leaving the arguments to `__init__`
//! (`object.__new__`, `list.__new__`, ...), and whose `__init__` is a Python function the
//! arguments (with the instance first) fill by position.
//!
//! The words are the class's version tag, the `__init__` function's version and the
//! positional count with `self`. The class's tag unchanged proves its MRO and every dict along
//! it unchanged — the same `__new__`, the same `__init__` (found again through the method
//! cache), no `__abstractmethods__` — and the function's version proves its code and defaults
//! those the site was specialized for. The instance is then allocated directly (inline values
//! or `__slots__` as `object.__new__` lays it out) and `__init__` runs through the fast
//! Python-call path with the instance prepended: no bound method, argument vector or keyword
//! dict. Its result must be `None`, as in CPython's `type_call`.
//!
//! A metaclass (its `__call__` would run instead), a `__new__` or `__init__` assigned after
//! warm-up, or a class `__init__` with `*args`/keywords fail the guard or never specialize,
//! and the call takes the general way (`dunder::slot_new`), so behaviour is unchanged.

use super::load_attr::class_attr;
use super::stats::Failure;
use crate::object::{ObjRef, TypeObject};
use crate::objects::classobj::static_base;
use crate::objects::function::FunctionObject;
use crate::objects::typetype::{alloc_plain_instance, OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, none};
use crate::vm::frame::Frame;
use crate::vm::{attr, call_fast, dunder, PyResult, Vm};

/// The words of the form for a call of class `cls` with `n` positional arguments: (class
/// version, `__init__` version, positional count with `self`), or why it does not qualify.
/// Reads the method cache only (the generic call that just ran filled it).
pub(super) fn choose(vm: &Vm, cls: &ObjRef, n: usize) -> Result<(u32, u32, u32), Failure> {
    if !std::ptr::eq(cls.ob_type(), &TYPE_TYPE) {
        return Err(Failure::OtherType);
    }
    let ty = cls.as_type().ok_or(Failure::OtherType)?;
    let heap = ty.heap().ok_or(Failure::OtherType)?;
    if !dunder::new_then_init(ty) {
        return Err(Failure::OtherType);
    }
    let base = static_base(ty);
    let new_key = vm.intern("__new__").map_err(|_| Failure::NotFound)?;
    let (version, new) = class_attr(vm, ty, &new_key)?;
    let owner = new
        .as_ref()
        .and_then(crate::modules::builtins::new_wrapper_owner);
    if !owner.is_some_and(|t| std::ptr::eq(t, base))
        || crate::modules::builtins::new_consumes_args(base)
    {
        return Err(Failure::Descriptor);
    }
    match dict::get_str(vm, &heap.ext.dict, "__abstractmethods__") {
        Ok(None) => {}
        _ => return Err(Failure::Descriptor),
    }
    let init_key = vm.intern("__init__").map_err(|_| Failure::NotFound)?;
    let (_, init) = class_attr(vm, ty, &init_key)?;
    let f = init
        .as_ref()
        .and_then(|i| i.downcast::<FunctionObject>())
        .ok_or(Failure::Descriptor)?;
    call_fast::exact_args_kind(f, n + 1).ok_or(Failure::Arguments)?;
    let fversion = f.version.get();
    if fversion == 0 {
        return Err(Failure::NoVersion);
    }
    let nargs = super::index(n + 1).ok_or(Failure::Arguments)?;
    Ok((version, fversion, nargs))
}

/// The class a `CALL` of `n` arguments at the top of `frame`'s stack calls, when it is a class
/// of metatype `type` with version tag `version` called with `nargs - 1` arguments.
#[inline]
fn guarded_class(frame: &Frame, n: usize, version: u32, nargs: u32) -> Option<&ObjRef> {
    let base = frame.stack.len().checked_sub(n).filter(|b| *b >= 2)?;
    if frame.stack[base - 2].is_some() || n as u32 + 1 != nargs {
        return None;
    }
    let cls = frame.stack[base - 1].as_ref()?;
    if !std::ptr::eq(cls.ob_type(), &TYPE_TYPE) {
        return None;
    }
    let heap = cls.as_type()?.heap()?;
    (heap.ext.version.get() == version).then_some(cls)
}

/// `CALL_ALLOC_AND_ENTER_INIT` with words (`version`, `fversion`, `nargs`): the new instance
/// (or the error of `__init__`), the call's slots popped; `None` when a guard fails (the stack
/// untouched). Kept out of line, so the evaluation loop's `CALL` arm stays small.
#[inline(never)]
pub(super) fn alloc_and_init(
    vm: &Vm,
    frame: &mut Frame,
    n: usize,
    version: u32,
    fversion: u32,
    nargs: u32,
) -> Option<PyResult<ObjRef>> {
    let cls = guarded_class(frame, n, version, nargs)?.clone();
    let ty = cls.as_type()?;
    let init = match init_function(vm, ty, version) {
        Ok(init) => init?,
        Err(e) => return Some(Err(drop_call(frame, n, e))),
    };
    let f = init.downcast::<FunctionObject>()?;
    if f.version.get() != fversion {
        return None;
    }
    let code = f.code.get()?;
    let obj = match allocate(vm, ty) {
        Ok(obj) => obj,
        Err(e) => return Some(Err(drop_call(frame, n, e))),
    };
    let r = call_fast::enter_with_self(vm, frame, n, &init, code, obj.clone());
    Some(r.and_then(|r| {
        if none::is_none(&r) {
            Ok(obj)
        } else {
            Err(vm.type_error(&format!(
                "__init__() should return None, not '{}'",
                r.ob_type().name()
            )))
        }
    }))
}

/// The `__init__` of class `ty` (version tag `version`): from the method cache entry the
/// specializing run filled, else the MRO walk (which fills it again).
#[inline]
fn init_function(vm: &Vm, ty: &TypeObject, version: u32) -> PyResult<Option<ObjRef>> {
    let key = vm.intern("__init__")?;
    match vm.method_cache.get(version, &key) {
        Some(found) => Ok(found),
        None => attr::type_lookup_key(vm, ty, &key),
    }
}

/// A new instance of `ty`, whose `__new__` is its builtin base's constructor leaving the
/// arguments to `__init__` (the specialization proved it): a plain object allocated directly,
/// else that constructor called without arguments, as `slot_new` calls it.
#[inline]
fn allocate(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    let base = static_base(ty);
    if std::ptr::eq(base, &OBJECT_TYPE) {
        if let Some(obj) = alloc_plain_instance(vm, ty) {
            return obj;
        }
    }
    match base.slots.new {
        Some(new) => new(vm, ty, &[], None),
        None => Err(vm.type_error(&format!("cannot create '{}' instances", ty.name()))),
    }
}

/// Pops a call's arguments, callable and NULL after an error before the call could start.
fn drop_call(frame: &mut Frame, n: usize, e: crate::vm::PyErr) -> crate::vm::PyErr {
    let len = frame.stack.len();
    frame.stack.truncate(len - n - 2);
    e
}
