//! The `CALL` family (CPython 3.11's `specialize_call` and `specialize_precall`: arenapy's
//! `CALL` does the work of 3.11's `PRECALL` and `CALL` pair, so their forms share one entry).
//!
//! Calls without keywords specialize on what is called:
//!
//! * a Python function (reached directly, unbound with its `self` from `LOAD_METHOD`, or
//!   through a bound `method`) whose parameters the arguments fill by position —
//!   `CALL_PY_EXACT_ARGS`, `CALL_PY_WITH_DEFAULTS`, `PRECALL_BOUND_METHOD`. The guard is the
//!   function's version (`FunctionObject::version`, replaced when `__code__` or `__defaults__`
//!   is assigned) and the argument count, so the parameters are not examined again; a bound
//!   method's `__func__` is read at every call;
//! * a builtin function — `PRECALL_NO_KW_LEN`, `PRECALL_NO_KW_ISINSTANCE`,
//!   `PRECALL_NO_KW_BUILTIN_O`/`_FAST` — or a builtin type's method from `LOAD_METHOD` —
//!   `PRECALL_NO_KW_LIST_APPEND`, `PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS`/`_O`/`_FAST`: the
//!   guard is the identity of the function's static definition ([`def_key`]), so a rebound
//!   `len` or a shadowed `isinstance` misses; the definition's function runs on the arguments
//!   moved off the stack, with no `ops::call` dispatch;
//! * `type`, `str` and `tuple` with one argument — `PRECALL_NO_KW_TYPE_1`, `_STR_1`,
//!   `_TUPLE_1` — by the identity of the type;
//! * any other builtin type with a constructor (`int(x)`, `list(it)`, `dict()`, `range(a, b)`,
//!   `float(s)`, ...) — `PRECALL_BUILTIN_CLASS` — by the identity of the type: its `new` slot
//!   runs on the arguments moved off the stack, as calling the type does (a static type's
//!   metatype is `type`, whose call is that slot), without `ops::call`'s dispatch. A subclass
//!   or a rebound name misses; `super` (which reads the frame) and `type` never take it.
//!
//! * a class of metatype `type` with the default `__new__` and a Python `__init__` —
//!   `CALL_ALLOC_AND_ENTER_INIT` (`init.rs`).
//!
//! Builtins that read the calling frame (`globals()`, `locals()`, `vars()`, `dir()`, `exec`,
//! `eval`, `sys._getframe`, `super`) never specialize. A guard that fails spends a miss and
//! the call runs the general way, so a miss never changes behaviour.

use super::stats::Failure;
use super::{due, entry, fail, form, hit, miss, specialize_to, CacheEntry, Family, Form};
use crate::object::{MethodDef, ObjRef};
use crate::objects::code::CodeObject;
use crate::objects::function::{builtin_def, BuiltinDef};
use crate::objects::{descr, list, none, str as pystr, tuple, typetype};
use crate::vm::frame::Frame;
use crate::vm::{call_fast, ops, PyResult, Vm};
use smallvec::SmallVec;

const FAMILY: Family = Family::Call;

/// The arguments of a call moved off the stack, inline up to eight.
type Args = SmallVec<[ObjRef; 8]>;

/// A static definition (a builtin function's or method's) as a cache word: the low 32 bits
/// of its address. Definitions are statics of the binary, whose image spans far less than
/// 4 GiB, so no two definitions share the word.
#[inline]
fn def_key<T>(def: &'static T) -> u32 {
    def as *const T as usize as u32
}

/// `CALL n` without keywords at instruction `pc`: the call's result when a specialized form
/// or the Python fast path took it, `None` when the general path must (the stack untouched).
#[inline]
pub fn call(
    vm: &Vm,
    frame: &mut Frame,
    code: &CodeObject,
    pc: usize,
    n: usize,
) -> Option<PyResult<ObjRef>> {
    let Some(e) = entry(code, pc) else {
        return call_fast::try_call_py(vm, frame, n);
    };
    let f = form(e);
    match f {
        Form::CallPyExactArgs | Form::CallPyWithDefaults | Form::CallBoundMethod => {
            let r = call_fast::try_call_py_versioned(vm, frame, n, e.a.get(), e.b.get() as usize);
            if r.is_some() {
                hit(FAMILY, f);
                return r;
            }
            miss(e, FAMILY);
        }
        Form::CallAllocAndEnterInit => {
            let r = super::init::alloc_and_init(vm, frame, n, e.a.get(), e.b.get(), e.c.get());
            if r.is_some() {
                hit(FAMILY, f);
                return r;
            }
            miss(e, FAMILY);
        }
        Form::Adaptive => {
            if due(e) {
                specialize(vm, frame, e, n);
            }
        }
        _ => {
            if let Some(r) = builtin_form(vm, frame, e, f, n) {
                hit(FAMILY, f);
                return Some(r);
            }
            miss(e, FAMILY);
        }
    }
    call_fast::try_call_py(vm, frame, n)
}

/// The stack index of the first argument of a `CALL` of `n`, if the stack is that deep.
#[inline]
fn base(frame: &Frame, n: usize) -> Option<usize> {
    frame.stack.len().checked_sub(n).filter(|b| *b >= 2)
}

/// The builtin forms: their guard, then the call (`None`: the guard failed).
#[inline]
fn builtin_form(
    vm: &Vm,
    frame: &mut Frame,
    e: &CacheEntry,
    f: Form,
    n: usize,
) -> Option<PyResult<ObjRef>> {
    let base = base(frame, n)?;
    match f {
        Form::CallLen | Form::CallIsinstance | Form::CallBuiltinO | Form::CallBuiltinFast => {
            if frame.stack[base - 2].is_some() {
                return None;
            }
            let def = builtin_def(frame.stack[base - 1].as_ref()?)?;
            if def_key(def) != e.a.get() {
                return None;
            }
            let args = take_args(frame, base, n);
            frame.stack.truncate(base - 2);
            Some((def.func)(vm, &args, None))
        }
        Form::CallType1 | Form::CallStr1 | Form::CallTuple1 => {
            if frame.stack[base - 2].is_some() || n != 1 {
                return None;
            }
            let ty = frame.stack[base - 1].as_ref()?.as_static_type()?;
            let want = match f {
                Form::CallType1 => &typetype::TYPE_TYPE,
                Form::CallStr1 => &pystr::STR_TYPE,
                _ => &tuple::TUPLE_TYPE,
            };
            if !std::ptr::eq(ty, want) {
                return None;
            }
            let x = frame.stack.pop().flatten().unwrap_or_else(none::none);
            let callable = frame.stack.pop().flatten().unwrap_or_else(none::none);
            drop(frame.stack.pop());
            Some(match f {
                Form::CallType1 => Ok(x.type_object()),
                Form::CallStr1 if std::ptr::eq(x.ob_type(), &pystr::STR_TYPE) => Ok(x),
                Form::CallStr1 => ops::str(vm, &x),
                _ if std::ptr::eq(x.ob_type(), &tuple::TUPLE_TYPE) => Ok(x),
                _ => ops::call(vm, &callable, &[x], None),
            })
        }
        Form::CallBuiltinClass => {
            if frame.stack[base - 2].is_some() {
                return None;
            }
            let ty = frame.stack[base - 1].as_ref()?.as_static_type()?;
            if def_key(ty) != e.a.get() {
                return None;
            }
            let args = take_args(frame, base, n);
            // The type is a static (immortal): dropping its stack entry now releases nothing.
            frame.stack.truncate(base - 2);
            Some(crate::modules::builtins::construct(vm, ty, &args, None))
        }
        Form::CallListAppend => {
            let (def, _) = descr::instance_method(frame.stack[base - 2].as_ref()?)?;
            let this = frame.stack[base - 1].as_ref()?;
            if def_key(def) != e.a.get()
                || n != 1
                || !std::ptr::eq(this.ob_type(), &list::LIST_TYPE)
            {
                return None;
            }
            let x = frame.stack.pop().flatten().unwrap_or_else(none::none);
            let this = frame.stack.pop().flatten().unwrap_or_else(none::none);
            drop(frame.stack.pop());
            Some(list::append(vm, &this, x).map(|()| none::none()))
        }
        Form::CallMethodNoargs | Form::CallMethodO | Form::CallMethodFast => {
            let (def, owner) = descr::instance_method(frame.stack[base - 2].as_ref()?)?;
            let this = frame.stack[base - 1].as_ref()?;
            if def_key(def) != e.a.get()
                || !(std::ptr::eq(this.ob_type(), owner) || this.is_instance(owner))
            {
                return None;
            }
            let args = take_args(frame, base, n);
            let this = frame.stack.pop().flatten().unwrap_or_else(none::none);
            drop(frame.stack.pop());
            Some((def.func)(vm, &this, &args, None))
        }
        _ => None,
    }
}

/// Moves the `n` arguments at `frame.stack[base..]` off the stack (the two slots below them
/// stay).
#[inline]
fn take_args(frame: &mut Frame, base: usize, n: usize) -> Args {
    let mut args = Args::with_capacity(n);
    args.extend(
        frame
            .stack
            .drain(base..)
            .map(|v| v.unwrap_or_else(none::none)),
    );
    args
}

/// Builtins that read or complete the calling frame: never called from a specialized form.
fn frame_reading(name: &str) -> bool {
    matches!(
        name,
        "globals" | "locals" | "vars" | "dir" | "exec" | "eval" | "_getframe"
    )
}

/// Adaptive form, when due: picks the form for what the stack holds now.
fn specialize(vm: &Vm, frame: &Frame, e: &CacheEntry, n: usize) {
    match choose(vm, frame, n) {
        Ok((form, a, b, c)) => specialize_to(e, FAMILY, form, a, b, c),
        Err(why) => fail(e, FAMILY, why),
    }
}

/// The form for a `CALL` of `n` with the stack as it is, and its words.
fn choose(vm: &Vm, frame: &Frame, n: usize) -> Result<(Form, u32, u32, u32), Failure> {
    let base = base(frame, n).ok_or(Failure::OtherType)?;
    if let Some((f, nargs, bound)) = call_fast::callee(frame, n) {
        let version = f.version.get();
        let kind = call_fast::exact_args_kind(f, nargs).ok_or(Failure::Arguments)?;
        if version == 0 {
            return Err(Failure::NoVersion);
        }
        let nargs = super::index(nargs).ok_or(Failure::Arguments)?;
        let form = match (bound, kind) {
            (true, _) => Form::CallBoundMethod,
            (false, false) => Form::CallPyExactArgs,
            (false, true) => Form::CallPyWithDefaults,
        };
        return Ok((form, version, nargs, 0));
    }
    let callable = frame.stack[base - 1].as_ref();
    match frame.stack[base - 2].as_ref() {
        None => {
            let callable = callable.ok_or(Failure::OtherType)?;
            if let Some(def) = builtin_def(callable) {
                return Ok((builtin_form_of(def, n)?, def_key(def), 0, 0));
            }
            if callable.as_type().is_some_and(|t| t.is_heap_type()) {
                let (a, b, c) = super::init::choose(vm, callable, n)?;
                return Ok((Form::CallAllocAndEnterInit, a, b, c));
            }
            let ty = callable.as_static_type().ok_or(Failure::OtherType)?;
            let form = match n {
                1 if std::ptr::eq(ty, &typetype::TYPE_TYPE) => Form::CallType1,
                1 if std::ptr::eq(ty, &pystr::STR_TYPE) => Form::CallStr1,
                1 if std::ptr::eq(ty, &tuple::TUPLE_TYPE) => Form::CallTuple1,
                _ if builtin_class(callable, ty) => {
                    return Ok((Form::CallBuiltinClass, def_key(ty), 0, 0))
                }
                _ => return Err(Failure::OtherType),
            };
            Ok((form, 0, 0, 0))
        }
        Some(m) => {
            let (def, _) = descr::instance_method(m).ok_or(Failure::OtherType)?;
            Ok((method_form(def, n, callable)?, def_key(def), 0, 0))
        }
    }
}

/// Whether a call of static type `ty` (the object `callable`) may take
/// `PRECALL_BUILTIN_CLASS`: its metatype is `type` (so calling it is its `new` slot), it has a
/// constructor, and it is neither `super` (completed from the calling frame) nor `type`.
fn builtin_class(callable: &ObjRef, ty: &'static crate::object::TypeObject) -> bool {
    std::ptr::eq(callable.ob_type(), &typetype::TYPE_TYPE)
        && ty.slots.new.is_some()
        && !std::ptr::eq(ty, &typetype::TYPE_TYPE)
        && !std::ptr::eq(ty, &crate::objects::superobj::SUPER_TYPE)
}

/// The form of a call of builtin function `def` with `n` arguments.
fn builtin_form_of(def: &'static BuiltinDef, n: usize) -> Result<Form, Failure> {
    if frame_reading(def.name) {
        return Err(Failure::OtherType);
    }
    Ok(match (def.name, n) {
        ("len", 1) => Form::CallLen,
        ("isinstance", 2) => Form::CallIsinstance,
        (_, 1) => Form::CallBuiltinO,
        _ => Form::CallBuiltinFast,
    })
}

/// The form of a call of builtin method `def` on `this` with `n` arguments.
fn method_form(def: &'static MethodDef, n: usize, this: Option<&ObjRef>) -> Result<Form, Failure> {
    let is_list = this.is_some_and(|t| std::ptr::eq(t.ob_type(), &list::LIST_TYPE));
    Ok(match n {
        1 if is_list && def.name == "append" && is_list_append(def) => Form::CallListAppend,
        0 => Form::CallMethodNoargs,
        1 => Form::CallMethodO,
        _ => Form::CallMethodFast,
    })
}

/// Whether `def` is `list.append`'s own definition.
fn is_list_append(def: &'static MethodDef) -> bool {
    list::LIST_TYPE
        .methods
        .iter()
        .any(|m| std::ptr::eq(m, def) && m.name == "append")
}
