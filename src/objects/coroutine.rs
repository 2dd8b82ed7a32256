//! `coroutine` (the objects `async def` functions return), its `__await__` iterator
//! (`coroutine_wrapper`), and the awaitable protocol `await` uses (CPython's `genobject.c` and
//! `_PyCoro_GetAwaitableIter`).
//!
//! A coroutine is a [`GeneratorObject`] of kind [`GenKind::Coroutine`]: `send`, `throw` and
//! `close` are the generator's, it is not iterable, and `await coro` delegates to it through
//! `SEND` exactly as `yield from` delegates to a generator. A driver (an event loop, or a plain
//! `coro.send(None)` loop) sees what the innermost awaitable yields.

use super::generator::{self, GenKind, GeneratorObject, Sent, GENERATOR_VTABLE};
use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, none};
use crate::vm::error::AllocResultExt;
use crate::vm::{attr, ops, PyResult, Vm};

/// `CO_ITERABLE_COROUTINE`: a generator made awaitable by `types.coroutine`.
pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;

fn m_await(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    new_object(
        &COROUTINE_WRAPPER_TYPE,
        CoroWrapper {
            coro: ObjCell::new(Some(this.clone())),
        },
    )
    .or_mem(vm)
}

static COROUTINE_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "send",
        func: generator::m_send,
        flags: 0,
    },
    MethodDef {
        name: "throw",
        func: generator::m_throw,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: generator::m_close,
        flags: 0,
    },
    MethodDef {
        name: "__await__",
        func: m_await,
        flags: 0,
    },
];

/// `coroutine`.
pub static COROUTINE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &generator::COROUTINE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "coroutine",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
    payload: &GENERATOR_VTABLE,
    slots: Slots {
        repr: Some(generator::gen_repr),
        getattr: Some(generator::gen_getattr),
        finalize: Some(crate::vm::finalize::generator_finalize),
        ..Slots::EMPTY
    },
    methods: &COROUTINE_METHODS,
    doc: "",
};

/// Payload of `coroutine.__await__()`: an iterator driving the coroutine.
pub struct CoroWrapper {
    coro: ObjCell,
}

impl PyPayload for CoroWrapper {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.coro.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`coro`), each once, and does nothing else.
unsafe impl crate::object::Traverse for CoroWrapper {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.coro.traverse(visit);
    }
}

static CORO_WRAPPER_VTABLE: PayloadVTable = PayloadVTable::of::<CoroWrapper>();

fn wrapped(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    this.downcast::<CoroWrapper>()
        .and_then(|w| w.coro.get())
        .ok_or_else(|| vm.type_error("expected a coroutine_wrapper"))
}

fn w_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn w_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let coro = wrapped(vm, obj)?;
    match generator::resume(vm, &coro, none::none(), None)? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(v) if none::is_none(&v) => Ok(None),
        Sent::Returned(v) => Err(vm.new_error_args(&exceptions::STOP_ITERATION, vec![v])),
    }
}

fn w_send(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    generator::m_send(vm, &wrapped(vm, this)?, args, kw)
}

fn w_throw(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    generator::m_throw(vm, &wrapped(vm, this)?, args, kw)
}

fn w_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    generator::m_close(vm, &wrapped(vm, this)?, args, kw)
}

static WRAPPER_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "send",
        func: w_send,
        flags: 0,
    },
    MethodDef {
        name: "throw",
        func: w_throw,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: w_close,
        flags: 0,
    },
];

/// `coroutine_wrapper`, what `coroutine.__await__()` returns.
pub static COROUTINE_WRAPPER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "coroutine_wrapper",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &CORO_WRAPPER_VTABLE,
    slots: Slots {
        iter: Some(w_iter),
        next: Some(w_next),
        ..Slots::EMPTY
    },
    methods: &WRAPPER_METHODS,
    doc: "",
};

/// Whether `obj` can be awaited directly: a coroutine, or a generator marked
/// `CO_ITERABLE_COROUTINE`.
fn is_native_awaitable(obj: &ObjRef) -> bool {
    match generator::kind_of(obj) {
        Some(GenKind::Coroutine) => true,
        Some(GenKind::Generator) => generator::code_flags(obj) & CO_ITERABLE_COROUTINE != 0,
        _ => false,
    }
}

/// `GET_AWAITABLE` (CPython's `_PyCoro_GetAwaitableIter` and its error messages): the iterator
/// `await obj` delegates to. `context` says where the object came from: 0 an `await`, 1
/// `__aenter__`, 2 `__aexit__`.
pub fn get_awaitable(vm: &Vm, obj: &ObjRef, context: u32) -> PyResult<ObjRef> {
    let iter = if is_native_awaitable(obj) {
        obj.clone()
    } else {
        let Some(getter) = attr::lookup_special(vm, obj, "__await__")? else {
            let tp = obj.ob_type().name();
            return Err(vm.type_error(&match context {
                1 => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {tp}"
                ),
                2 => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {tp}"
                ),
                _ => format!("object {tp} can't be used in 'await' expression"),
            }));
        };
        let res = ops::call(vm, &getter, &[], None)?;
        if is_native_awaitable(&res) {
            return Err(vm.type_error("__await__() returned a coroutine"));
        }
        if !crate::vm::dunder::is_iterator(vm, &res)? {
            return Err(vm.type_error(&format!(
                "__await__() returned non-iterator of type '{}'",
                res.ob_type().name()
            )));
        }
        res
    };
    if generator::kind_of(&iter) == Some(GenKind::Coroutine) && generator::is_delegating(&iter) {
        return Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            "coroutine is being awaited already",
        ));
    }
    Ok(iter)
}

/// `GET_YIELD_FROM_ITER`: generators and coroutines (the latter only inside coroutines or
/// iterable coroutines) are delegated to directly; anything else through `iter()`.
pub fn yield_from_iter(vm: &Vm, obj: &ObjRef, code_flags: u32) -> PyResult<ObjRef> {
    match generator::kind_of(obj) {
        Some(GenKind::Coroutine) => {
            let allowed = crate::bytecode::flags::COROUTINE | CO_ITERABLE_COROUTINE;
            if code_flags & allowed == 0 {
                return Err(vm.type_error(
                    "cannot 'yield from' a coroutine object in a non-coroutine generator",
                ));
            }
            Ok(obj.clone())
        }
        Some(GenKind::Generator) => Ok(obj.clone()),
        _ => ops::iter(vm, obj),
    }
}

/// Whether `obj` is a generator-like object `SEND` resumes directly.
pub fn is_generator_like(obj: &ObjRef) -> bool {
    obj.downcast::<GeneratorObject>().is_some()
}
