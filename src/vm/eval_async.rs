//! Coroutine and async-generator instructions (CPython 3.11's `GET_AWAITABLE`, `GET_AITER`,
//! `GET_ANEXT`, `END_ASYNC_FOR`, `BEFORE_ASYNC_WITH`, `ASYNC_GEN_WRAP`). The objects are in
//! [`crate::objects::coroutine`] and [`crate::objects::asyncgen`]; `await` itself is the
//! `SEND`/`YIELD_VALUE` loop shared with `yield from`.
//!
//! | opcode | stack before | stack after |
//! |---|---|---|
//! | `GET_AWAITABLE n` | `obj` | `awaitable iterator` |
//! | `GET_AITER` | `obj` | `obj.__aiter__()` |
//! | `GET_ANEXT` | `aiter` | `aiter, awaitable of aiter.__anext__()` |
//! | `END_ASYNC_FOR` | `aiter, exc` | (StopAsyncIteration) nothing; else re-raises `exc` |
//! | `BEFORE_ASYNC_WITH` | `mgr` | `mgr.__aexit__, mgr.__aenter__()` |
//! | `ASYNC_GEN_WRAP` | `value` | `wrapped value` |

use super::frame::Frame;
use super::{attr, ops, PyErr, PyResult, Vm};
use crate::compiler::opcode::Opcode;
use crate::object::ObjRef;
use crate::objects::generator::{self, GenKind};
use crate::objects::{asyncgen, coroutine, exceptions, none};

fn pop(frame: &mut Frame) -> ObjRef {
    frame.stack.pop().flatten().unwrap_or_else(none::none)
}

fn top(frame: &Frame) -> ObjRef {
    frame
        .stack
        .last()
        .cloned()
        .flatten()
        .unwrap_or_else(none::none)
}

/// Runs one of the async instructions on `frame`'s stack.
pub fn execute(vm: &Vm, frame: &mut Frame, op: Opcode, arg: u32) -> PyResult<()> {
    match op {
        Opcode::GET_AWAITABLE => {
            let obj = pop(frame);
            frame.push(Some(coroutine::get_awaitable(vm, &obj, arg)?));
        }
        Opcode::GET_AITER => {
            let obj = pop(frame);
            frame.push(Some(get_aiter(vm, &obj)?));
        }
        Opcode::GET_ANEXT => {
            let aiter = top(frame);
            frame.push(Some(get_anext(vm, &aiter)?));
        }
        Opcode::END_ASYNC_FOR => {
            let exc = pop(frame);
            if exc.is_instance(&exceptions::STOP_ASYNC_ITERATION) {
                drop(frame.stack.pop());
            } else {
                vm.reraising.set(true);
                return Err(PyErr::new(exc));
            }
        }
        Opcode::BEFORE_ASYNC_WITH => {
            let mgr = pop(frame);
            let tp = mgr.ob_type().name().to_string();
            let enter = attr::lookup_special(vm, &mgr, "__aenter__")?.ok_or_else(|| {
                vm.type_error(&format!(
                    "'{tp}' object does not support the asynchronous context manager protocol"
                ))
            })?;
            let exit = attr::lookup_special(vm, &mgr, "__aexit__")?.ok_or_else(|| {
                vm.type_error(&format!(
                    "'{tp}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"
                ))
            })?;
            frame.push(Some(exit));
            let res = ops::call(vm, &enter, &[], None)?;
            frame.push(Some(res));
        }
        Opcode::ASYNC_GEN_WRAP => {
            let v = pop(frame);
            frame.push(Some(asyncgen::wrap(vm, v)?));
        }
        _ => {
            return Err(vm.new_error(
                &exceptions::SYSTEM_ERROR,
                &format!("{} is not an async opcode", op.name()),
            ))
        }
    }
    Ok(())
}

/// `GET_AITER`: `type(obj).__aiter__(obj)`, which must have `__anext__`.
fn get_aiter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let tp = obj.ob_type().name().to_string();
    let Some(m) = attr::lookup_special(vm, obj, "__aiter__")? else {
        return Err(vm.type_error(&format!(
            "'async for' requires an object with __aiter__ method, got {tp}"
        )));
    };
    let it = ops::call(vm, &m, &[], None)?;
    if attr::type_lookup(vm, it.ob_type(), "__anext__")?.is_none() {
        return Err(vm.type_error(&format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.ob_type().name()
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`: the awaitable of `aiter.__anext__()`.
fn get_anext(vm: &Vm, aiter: &ObjRef) -> PyResult<ObjRef> {
    if generator::kind_of(aiter) == Some(GenKind::AsyncGenerator) {
        return asyncgen::anext_awaitable(vm, aiter);
    }
    let Some(m) = attr::lookup_special(vm, aiter, "__anext__")? else {
        return Err(vm.type_error(&format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            aiter.ob_type().name()
        )));
    };
    let next = ops::call(vm, &m, &[], None)?;
    coroutine::get_awaitable(vm, &next, 0).map_err(|e| {
        if !e.matches(&exceptions::TYPE_ERROR) {
            return e;
        }
        let err = vm.type_error(&format!(
            "'async for' received an invalid object from __anext__: {}",
            next.ob_type().name()
        ));
        if let Some(p) = exceptions::payload(&err.exc) {
            drop(p.cause.replace(Some(e.exc.clone())));
            drop(p.context.replace(Some(e.exc)));
            p.suppress_context.set(true);
        }
        err
    })
}
