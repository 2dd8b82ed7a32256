//! `async_generator` and the awaitables its methods return (CPython's `genobject.c`:
//! `async_generator_asend`, `async_generator_athrow`, `async_generator_wrapped_value`).
//!
//! An async generator's frame yields two kinds of values: what its `await`s pass up to the
//! driver, and what its `yield`s produce. `ASYNC_GEN_WRAP` marks the latter by wrapping them.
//! Each `__anext__()`/`asend(v)` returns an awaitable that resumes the frame: a plain value is
//! passed up to whoever drives the awaiting coroutine; a wrapped value ends the awaitable with
//! `StopIteration(value)` (the result of `await agen.__anext__()`); the frame returning ends it
//! with `StopAsyncIteration`. `athrow()`/`aclose()` do the same after throwing into the frame.
//!
//! Awaitable states (CPython's `AWAITABLE_STATE_*`): *init* (not started: the first `send`
//! delivers the stored value or throws the stored exception), *iter*, *closed* (reuse is a
//! `RuntimeError`).

use super::generator::{self, Sent, GENERATOR_VTABLE};
use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, none};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyErr, PyResult, Vm};
use std::cell::Cell;

/// Payload of the value `ASYNC_GEN_WRAP` wraps.
pub struct WrappedValue {
    value: ObjCell,
}

impl PyPayload for WrappedValue {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.value.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`value`), each once, and does nothing else.
unsafe impl crate::object::Traverse for WrappedValue {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.value.traverse(visit);
    }
}

static WRAPPED_VTABLE: PayloadVTable = PayloadVTable::of::<WrappedValue>();

/// `async_generator_wrapped_value` (never visible to Python code).
pub static WRAPPED_VALUE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "async_generator_wrapped_value",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &WRAPPED_VTABLE,
    slots: Slots::EMPTY,
    methods: &[],
    doc: "",
};

/// `ASYNC_GEN_WRAP`: marks a value an async generator yields.
pub fn wrap(vm: &Vm, value: ObjRef) -> PyResult<ObjRef> {
    new_object(
        &WRAPPED_VALUE_TYPE,
        WrappedValue {
            value: ObjCell::new(Some(value)),
        },
    )
    .or_mem(vm)
}

fn unwrap_value(obj: &ObjRef) -> Option<ObjRef> {
    obj.downcast::<WrappedValue>()
        .map(|w| w.value.get().unwrap_or_else(none::none))
}

const STATE_INIT: u8 = 0;
const STATE_ITER: u8 = 1;
const STATE_CLOSED: u8 = 2;

/// Payload of `asend()`/`__anext__()` and `athrow()`/`aclose()` awaitables.
pub struct AgenAwaitable {
    gen: ObjCell,
    /// `asend`: the value to send first. `athrow`: the exception to throw (None: `aclose`).
    arg: ObjCell,
    /// `athrow`/`aclose` (otherwise `asend`).
    throws: bool,
    state: Cell<u8>,
}

impl PyPayload for AgenAwaitable {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = self.gen.replace(None).into_iter().collect();
        out.extend(self.arg.replace(None));
        out
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`gen`, `arg`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for AgenAwaitable {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.gen.traverse(visit);
        self.arg.traverse(visit);
    }
}

static AWAITABLE_VTABLE: PayloadVTable = PayloadVTable::of::<AgenAwaitable>();

fn new_awaitable(vm: &Vm, gen: &ObjRef, arg: Option<ObjRef>, throws: bool) -> PyResult<ObjRef> {
    generator::init_asyncgen_hooks(vm, gen)?;
    let ty = if throws { &ATHROW_TYPE } else { &ASEND_TYPE };
    new_object(
        ty,
        AgenAwaitable {
            gen: ObjCell::new(Some(gen.clone())),
            arg: ObjCell::new(arg),
            throws,
            state: Cell::new(STATE_INIT),
        },
    )
    .or_mem(vm)
}

/// `agen.__anext__()` (and `GET_ANEXT` on an async generator): an `asend(None)` awaitable.
pub fn anext_awaitable(vm: &Vm, gen: &ObjRef) -> PyResult<ObjRef> {
    new_awaitable(vm, gen, None, false)
}

fn this_awaitable<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<(&'a AgenAwaitable, ObjRef)> {
    let a = obj
        .downcast::<AgenAwaitable>()
        .ok_or_else(|| vm.type_error("expected an async generator awaitable"))?;
    let gen = a
        .gen
        .get()
        .ok_or_else(|| vm.type_error("awaitable cleared"))?;
    Ok((a, gen))
}

fn reuse_error(vm: &Vm, a: &AgenAwaitable) -> PyErr {
    vm.new_error(
        &exceptions::RUNTIME_ERROR,
        if a.throws {
            "cannot reuse already awaited aclose()/athrow()"
        } else {
            "cannot reuse already awaited __anext__()/asend()"
        },
    )
}

/// What resuming the generator gave, as the awaitable's result: a value to pass up, or the
/// awaitable finishing (`StopIteration(value)`), or an error.
fn unwrap(vm: &Vm, a: &AgenAwaitable, result: PyResult<Sent>) -> PyResult<ObjRef> {
    let closing = a.throws && a.arg.get().is_none();
    let finish = |e: PyErr| {
        a.state.set(STATE_CLOSED);
        Err(e)
    };
    match result {
        Ok(Sent::Yielded(v)) => match unwrap_value(&v) {
            Some(_) if closing => finish(vm.new_error(
                &exceptions::RUNTIME_ERROR,
                "async generator ignored GeneratorExit",
            )),
            Some(inner) => finish(vm.new_error_args(&exceptions::STOP_ITERATION, vec![inner])),
            None => Ok(v),
        },
        Ok(Sent::Returned(_)) if closing => finish(vm.stop_iteration()),
        Ok(Sent::Returned(_)) => {
            finish(vm.new_error_args(&exceptions::STOP_ASYNC_ITERATION, vec![]))
        }
        Err(e)
            if closing
                && (e.matches(&exceptions::STOP_ASYNC_ITERATION)
                    || e.matches(&exceptions::GENERATOR_EXIT)) =>
        {
            finish(vm.stop_iteration())
        }
        Err(e) => finish(e),
    }
}

/// Sends `value` into the awaitable (`__next__` sends None).
fn send(vm: &Vm, this: &ObjRef, value: ObjRef) -> PyResult<ObjRef> {
    let (a, gen) = this_awaitable(vm, this)?;
    if a.state.get() == STATE_CLOSED {
        return Err(reuse_error(vm, a));
    }
    if a.state.get() == STATE_INIT {
        a.state.set(STATE_ITER);
        if a.throws {
            if !none::is_none(&value) {
                return Err(vm.new_error(
                    &exceptions::RUNTIME_ERROR,
                    "can't send non-None value to a just-started coroutine",
                ));
            }
            if generator::is_finished(&gen) {
                a.state.set(STATE_CLOSED);
                return Err(vm.stop_iteration());
            }
            let exc = match a.arg.get() {
                Some(e) => PyErr::new(e),
                None => vm.new_error_args(&exceptions::GENERATOR_EXIT, Vec::new()),
            };
            return unwrap(vm, a, generator::throw(vm, &gen, exc));
        }
        let first = if none::is_none(&value) {
            a.arg.get().unwrap_or_else(none::none)
        } else {
            value
        };
        return unwrap(vm, a, generator::resume(vm, &gen, first, None));
    }
    unwrap(vm, a, generator::resume(vm, &gen, value, None))
}

fn aw_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn aw_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    send(vm, obj, none::none()).map(Some)
}

fn aw_send(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "send() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    send(vm, this, value.clone())
}

fn aw_throw(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, gen) = this_awaitable(vm, this)?;
    if a.state.get() == STATE_CLOSED {
        return Err(reuse_error(vm, a));
    }
    let exc = generator::throw_args(vm, args)?;
    a.state.set(STATE_ITER);
    unwrap(vm, a, generator::throw(vm, &gen, PyErr::new(exc)))
}

fn aw_close(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, _) = this_awaitable(vm, this)?;
    a.state.set(STATE_CLOSED);
    Ok(none::none())
}

fn aw_await(_vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(this.clone())
}

static AWAITABLE_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "send",
        func: aw_send,
        flags: 0,
    },
    MethodDef {
        name: "throw",
        func: aw_throw,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: aw_close,
        flags: 0,
    },
    MethodDef {
        name: "__await__",
        func: aw_await,
        flags: 0,
    },
];

const AWAITABLE_SLOTS: Slots = Slots {
    iter: Some(aw_iter),
    next: Some(aw_next),
    ..Slots::EMPTY
};

/// `async_generator_asend`: what `__anext__()` and `asend()` return.
pub static ASEND_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "async_generator_asend",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &AWAITABLE_VTABLE,
    slots: AWAITABLE_SLOTS,
    methods: &AWAITABLE_METHODS,
    doc: "",
};

/// `async_generator_athrow`: what `athrow()` and `aclose()` return.
pub static ATHROW_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "async_generator_athrow",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &AWAITABLE_VTABLE,
    slots: AWAITABLE_SLOTS,
    methods: &AWAITABLE_METHODS,
    doc: "",
};

fn m_aiter(_vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(this.clone())
}

fn m_anext(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    anext_awaitable(vm, this)
}

fn m_asend(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "async_generator.asend() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    new_awaitable(vm, this, Some(value.clone()), false)
}

fn m_athrow(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let exc = generator::throw_args(vm, args)?;
    new_awaitable(vm, this, Some(exc), true)
}

fn m_aclose(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    new_awaitable(vm, this, None, true)
}

static ASYNC_GENERATOR_METHODS: [MethodDef; 6] = [
    crate::class_getitem_def!("async_generator"),
    MethodDef {
        name: "__aiter__",
        func: m_aiter,
        flags: 0,
    },
    MethodDef {
        name: "__anext__",
        func: m_anext,
        flags: 0,
    },
    MethodDef {
        name: "asend",
        func: m_asend,
        flags: 0,
    },
    MethodDef {
        name: "athrow",
        func: m_athrow,
        flags: 0,
    },
    MethodDef {
        name: "aclose",
        func: m_aclose,
        flags: 0,
    },
];

/// `async_generator`.
pub static ASYNC_GENERATOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &generator::ASYNC_GENERATOR_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "async_generator",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
    payload: &GENERATOR_VTABLE,
    slots: Slots {
        repr: Some(generator::gen_repr),
        getattr: Some(generator::gen_getattr),
        finalize: Some(crate::vm::finalize::generator_finalize),
        ..Slots::EMPTY
    },
    methods: &ASYNC_GENERATOR_METHODS,
    doc: "",
};
