//! The fast path of Python-to-Python calls (CPython's `CALL_PY_EXACT_ARGS` and
//! `CALL_PY_WITH_DEFAULTS` conditions).
//!
//! A call qualifies when the callee is a plain Python function (reached directly, through a
//! bound `method`, or unbound with its `self` by `LOAD_METHOD`), no keywords are passed, the
//! code takes no `*args`, `**kwargs` or keyword-only parameters, and the positional arguments
//! (with `self`) fill `co_argcount` exactly or with the trailing defaults. The arguments then
//! move from the caller's value stack straight into the callee's fast locals: no argument
//! vector, no clone/drop pair per argument, no keyword matching. Anything else — errors
//! included — takes the general path ([`super::call::call_function`]), so messages stay
//! CPython's.
//!
//! The function's `__code__` and `__defaults__` are read at every call, so replacing them
//! takes effect at once.

use super::eval::{self, Exit};
use super::frame::{Frame, Slots};
use super::{PyResult, Vm};
use crate::compiler::code::flags;
use crate::object::{HeapAlloc, ObjRef};
use crate::objects::code::CodeObject;
use crate::objects::exceptions;
use crate::objects::function::FunctionObject;
use crate::objects::method::MethodObject;
use crate::objects::{generator, tuple};
use allocator_api2::vec::Vec as HVec;

/// Code flags that rule the fast path out.
const SLOW_FLAGS: u32 = flags::VARARGS | flags::VARKEYWORDS;

/// The code object of `f` if a call with `nargs` positional arguments and no keywords binds
/// them by position alone (filling the rest from the defaults).
#[inline]
fn exact_args_code(f: &FunctionObject, nargs: usize) -> Option<ObjRef> {
    let code_obj = f.code.get()?;
    let code = code_obj.downcast::<CodeObject>()?;
    let argcount = code.argcount as usize;
    if code.flags & SLOW_FLAGS != 0 || code.kwonlyargcount != 0 || nargs > argcount {
        return None;
    }
    if nargs < argcount {
        let ndefaults = f
            .defaults
            .get()
            .as_ref()
            .and_then(tuple::items)
            .map_or(0, <[ObjRef]>::len);
        if nargs + ndefaults < argcount {
            return None;
        }
    }
    Some(code_obj)
}

/// Where the function and its `self` are for a `CALL` whose two slots below the arguments
/// hold `below` (the method or NULL) and `callable` (`self` or the callable).
enum Shape {
    /// `[NULL, function, args...]`.
    Plain,
    /// `[function, self, args...]` (`LOAD_METHOD` found a function).
    Unbound,
    /// `[NULL, method, args...]`: a bound method of a Python function.
    Bound,
}

/// `CALL` with `n` arguments and no keywords, taken by the fast path if it qualifies:
/// `None` when it does not (the stack is untouched and the caller takes the general path);
/// otherwise the call's result, the arguments and callable popped from `caller`'s stack.
///
/// Kept apart from the evaluation loop so specialized instructions can call it directly.
#[inline]
pub fn try_call_py(vm: &Vm, caller: &mut Frame, n: usize) -> Option<PyResult<ObjRef>> {
    call_py_with(vm, caller, n, exact_args_code)
}

/// [`try_call_py`] for a call site specialized to the function of version `version` taking
/// `nargs` positional arguments (`self` included): the version proves the code and defaults
/// are those the site was specialized for, so no parameter is examined again.
#[inline]
pub fn try_call_py_versioned(
    vm: &Vm,
    caller: &mut Frame,
    n: usize,
    version: u32,
    nargs: usize,
) -> Option<PyResult<ObjRef>> {
    call_py_with(vm, caller, n, |f, total| {
        if f.version.get() == version && total == nargs {
            f.code.get()
        } else {
            None
        }
    })
}

/// The function a `CALL` of `n` arguments would run on the fast path and how many positional
/// arguments it would get (`self` included), if the callable is a Python function reached
/// directly, unbound with its `self` from `LOAD_METHOD`, or through a bound `method`.
#[inline]
pub fn callee(caller: &Frame, n: usize) -> Option<(&FunctionObject, usize, bool)> {
    let len = caller.stack.len();
    let base = len.checked_sub(n)?;
    if base < 2 {
        return None;
    }
    let below = caller.stack[base - 2].as_ref();
    let callable = caller.stack[base - 1].as_ref()?;
    match below {
        Some(m) => Some((m.downcast()?, n + 1, false)),
        None => {
            if let Some(f) = callable.downcast::<FunctionObject>() {
                Some((f, n, false))
            } else {
                let m = callable.downcast::<MethodObject>()?;
                Some((m.func.downcast()?, n + 1, true))
            }
        }
    }
}

/// Whether function `f` called with `nargs` positional arguments binds them by position
/// alone: the form a call site specializes to (`Some(false)` exactly, `Some(true)` with
/// defaults), or `None`.
pub fn exact_args_kind(f: &FunctionObject, nargs: usize) -> Option<bool> {
    let code_obj = exact_args_code(f, nargs)?;
    let code = code_obj.downcast::<CodeObject>()?;
    Some(nargs < code.argcount as usize)
}

/// The fast path with `qualify` deciding whether the function runs it (and giving its code).
#[inline(always)]
fn call_py_with(
    vm: &Vm,
    caller: &mut Frame,
    n: usize,
    qualify: impl Fn(&FunctionObject, usize) -> Option<ObjRef>,
) -> Option<PyResult<ObjRef>> {
    let len = caller.stack.len();
    let base = len.checked_sub(n)?;
    if base < 2 {
        return None;
    }
    let (shape, code) = {
        let below = caller.stack[base - 2].as_ref();
        let callable = caller.stack[base - 1].as_ref()?;
        match below {
            Some(m) => (Shape::Unbound, qualify(m.downcast()?, n + 1)?),
            None => {
                if let Some(f) = callable.downcast::<FunctionObject>() {
                    (Shape::Plain, qualify(f, n)?)
                } else {
                    let m = callable.downcast::<MethodObject>()?;
                    (Shape::Bound, qualify(m.func.downcast()?, n + 1)?)
                }
            }
        }
    };
    // The function (or bound method) leaves the stack and is held for the call.
    let (holder, this) = match shape {
        Shape::Unbound => (caller.stack[base - 2].take(), caller.stack[base - 1].take()),
        Shape::Plain | Shape::Bound => (caller.stack[base - 1].take(), None),
    };
    let (func, this) = match (shape, holder) {
        (Shape::Bound, Some(h)) => match h.downcast::<MethodObject>() {
            Some(m) => (m.func.clone(), Some(m.this.clone())),
            None => return Some(Err(lost_callable(vm))),
        },
        (_, Some(h)) => (h, this),
        (_, None) => return Some(Err(lost_callable(vm))),
    };
    Some(call_moved(vm, caller, base, &func, code, this))
}

/// The loud internal error of a callable that vanished between the check and the call.
fn lost_callable(vm: &Vm) -> super::PyErr {
    vm.new_error(&exceptions::SYSTEM_ERROR, "CALL lost its callable")
}

/// Runs Python function `func`, of code `code`, with `this` and the `n` arguments at the top
/// of `caller`'s stack moved into its fast locals; the stack is cut below the call's two slots.
/// The caller proved (by the function's version) that they fill its parameters by position.
#[inline]
pub fn enter_with_self(
    vm: &Vm,
    caller: &mut Frame,
    n: usize,
    func: &ObjRef,
    code: ObjRef,
    this: ObjRef,
) -> PyResult<ObjRef> {
    let base = caller.stack.len() - n;
    call_moved(vm, caller, base, func, code, Some(this))
}

/// Runs Python function `f`, of code `code`, with parameters `a` and `b` (a binary operator's
/// special method with its operands). The caller proved (by the function's version) that two
/// positional arguments fill its parameters.
#[inline]
pub fn enter_with_operands(
    vm: &Vm,
    f: &FunctionObject,
    code: ObjRef,
    a: ObjRef,
    b: ObjRef,
) -> PyResult<ObjRef> {
    let (nlocals, stacksize, argcount) = sizes(vm, &code)?;
    let (mut fast, stack) = vm.frame_pool.storage(vm, nlocals, stacksize)?;
    fast.push(Some(a));
    fast.push(Some(b));
    fill_and_run(vm, f, code, fast, stack, nlocals, argcount)
}

/// The sizes a frame of `code` needs: fast locals (with cells and free variables), value
/// stack, and `co_argcount`.
#[inline]
fn sizes(vm: &Vm, code: &ObjRef) -> PyResult<(usize, usize, usize)> {
    let c = code
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("function without code"))?;
    Ok((c.nlocalsplus(), c.stacksize as usize, c.argcount as usize))
}

/// Runs `func` (whose code `code` qualified for the fast path) with `this` (if any) and the
/// arguments at `caller.stack[base..]` moved into its fast locals; the stack is cut to
/// `base - 2`.
///
/// The fast locals are built by pushing onto the pooled (empty) storage — `self`, the
/// arguments, the missing defaults, NULLs for the other locals, the closure's cells — so no
/// slot is written twice, and the frame is assembled once, right before it runs.
fn call_moved(
    vm: &Vm,
    caller: &mut Frame,
    base: usize,
    func: &ObjRef,
    code: ObjRef,
    this: Option<ObjRef>,
) -> PyResult<ObjRef> {
    let set_up = func
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))
        .and_then(|f| {
            let (nlocals, stacksize, argcount) = sizes(vm, &code)?;
            let (fast, stack) = vm.frame_pool.storage(vm, nlocals, stacksize)?;
            Ok((f, fast, stack, nlocals, argcount))
        });
    let (f, mut fast, stack, nlocals, argcount) = match set_up {
        Ok(x) => x,
        Err(e) => {
            caller.stack.truncate(base - 2);
            return Err(e);
        }
    };
    if let Some(t) = this {
        fast.push(Some(t));
    }
    // Taken in place, then cut with the callable's two (already emptied) slots: cheaper than
    // a `drain`, whose range checks and tail handling cost more than dropping a few NULLs.
    fast.extend(caller.stack[base..].iter_mut().map(Option::take));
    caller.stack.truncate(base - 2);
    fill_and_run(vm, f, code, fast, stack, nlocals, argcount)
}

/// Completes fast locals that already hold the positional arguments (defaults, NULLs, cells),
/// assembles the frame and runs it; on an error the storage goes back to the pool.
#[cfg_attr(not(debug_assertions), inline(always))]
fn fill_and_run(
    vm: &Vm,
    f: &FunctionObject,
    code: ObjRef,
    mut fast: Slots,
    stack: Slots,
    nlocals: usize,
    argcount: usize,
) -> PyResult<ObjRef> {
    if let Err(e) = fill(vm, f, &mut fast, nlocals, argcount) {
        vm.frame_pool.put_back(fast, stack);
        return Err(e);
    }
    let frame = Frame {
        code,
        globals: f.globals.clone(),
        locals: None,
        fast,
        stack,
        pc: 0,
        handlers: 0,
    };
    run(vm, f, frame)
}

/// Completes fast locals holding the first of `argcount` parameters (pushed in order onto
/// storage of capacity `nlocals` or more) up to `nlocals` slots: the missing parameters from
/// the defaults, NULLs for the other locals and cells, and the closure's cells last.
#[inline(always)]
fn fill(
    vm: &Vm,
    f: &FunctionObject,
    fast: &mut HVec<Option<ObjRef>, HeapAlloc>,
    nlocals: usize,
    argcount: usize,
) -> PyResult<()> {
    let given = fast.len();
    if given < argcount {
        let defaults = f.defaults.get();
        let defaults: &[ObjRef] = defaults.as_ref().and_then(tuple::items).unwrap_or(&[]);
        let missing = argcount - given;
        if missing > defaults.len() {
            return Err(defaults_changed(vm));
        }
        fast.extend(
            defaults[defaults.len() - missing..]
                .iter()
                .cloned()
                .map(Some),
        );
    }
    if f.closure.is_set() {
        if let Some(closure) = f.closure.get() {
            let cells = tuple::items(&closure).unwrap_or(&[]);
            let Some(first_cell) = nlocals.checked_sub(cells.len()).filter(|&c| c >= argcount)
            else {
                return Err(vm.new_error(&exceptions::SYSTEM_ERROR, "closure changed in a call"));
            };
            fast.resize(first_cell, None);
            fast.extend(cells.iter().cloned().map(Some));
            return Ok(());
        }
    }
    fast.resize(nlocals, None);
    Ok(())
}

/// The loud internal error of defaults that no longer cover the parameters the arguments
/// leave unbound (the function's version should have changed with them).
#[cold]
fn defaults_changed(vm: &Vm) -> super::PyErr {
    vm.new_error(&exceptions::SYSTEM_ERROR, "defaults changed in a call")
}

/// Calls `func` with `this` (if any) then `args` (cloned) when the call qualifies for the fast
/// path; `None` otherwise. For callers holding arguments in a slice (a bound method called
/// from native code).
pub fn try_call_py_slice(
    vm: &Vm,
    func: &ObjRef,
    this: Option<&ObjRef>,
    args: &[ObjRef],
) -> Option<PyResult<ObjRef>> {
    let f = func.downcast::<FunctionObject>()?;
    let total = args.len() + this.is_some() as usize;
    let code = exact_args_code(f, total)?;
    let (nlocals, stacksize, argcount) = match sizes(vm, &code) {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    let (mut fast, stack) = match vm.frame_pool.storage(vm, nlocals, stacksize) {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    fast.extend(this.into_iter().chain(args).cloned().map(Some));
    Some(fill_and_run(vm, f, code, fast, stack, nlocals, argcount))
}

/// Runs a bound frame of `f` to its end: its return value, or the generator its
/// `RETURN_GENERATOR` makes. The frame's storage goes back to the pool.
#[inline(always)]
pub(crate) fn run(vm: &Vm, f: &FunctionObject, mut frame: Frame) -> PyResult<ObjRef> {
    let exit = eval::run_frame(vm, &mut frame, None);
    match exit {
        Ok(Exit::CreateGenerator) => generator::new_generator(vm, frame, f),
        other => {
            vm.frame_pool.recycle(frame);
            match other? {
                Exit::Return(v) => Ok(v),
                _ => {
                    Err(vm.new_error(&exceptions::SYSTEM_ERROR, "yield outside a generator frame"))
                }
            }
        }
    }
}
