//! `generator`: a suspended frame that resumes on `next()`, `send()`, `throw()` and `close()`.
//!
//! The frame is moved out of the generator while it runs and moved back when it yields, so a
//! running generator holds no frame (re-entering it raises "generator already executing"), and
//! a finished one holds none either.
//!
//! Coroutines (`async def`) and async generators share this payload and machinery; their
//! [`GenKind`] picks the type object (`coroutine`, `async_generator`, see
//! [`super::coroutine`] and [`super::asyncgen`]) and the wording of errors.

use crate::bytecode::Opcode;
use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TakeCell,
    TypeObject,
};
use crate::objects::code::CodeObject;
use crate::objects::function::FunctionObject;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::eval::{self, Exit};
use crate::vm::frame::Frame;
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::cell::Cell;

/// What kind of suspendable frame a [`GeneratorObject`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    /// A generator function's (`CO_GENERATOR`).
    Generator,
    /// An `async def` function's (`CO_COROUTINE`).
    Coroutine,
    /// An `async def` function with `yield` (`CO_ASYNC_GENERATOR`).
    AsyncGenerator,
}

impl GenKind {
    /// The word CPython's messages use: "generator", "coroutine", "async generator".
    pub fn word(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

/// Payload of a generator (and of a coroutine or async generator).
pub struct GeneratorObject {
    frame: TakeCell<Frame>,
    kind: GenKind,
    name: ObjCell,
    qualname: ObjCell,
    running: Cell<bool>,
    started: Cell<bool>,
    /// The exception the suspended frame is handling (it yielded inside an `except` or
    /// `finally` block): CPython's `gi_exc_state`, swapped into `sys.exc_info()` while it runs.
    exc_state: ObjCell,
}

impl PyPayload for GeneratorObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut refs: Vec<ObjRef> = self.exc_state.replace(None).into_iter().collect();
        if let Some(mut f) = self.frame.take() {
            refs.extend(f.take_refs());
            refs.push(f.code);
            refs.push(f.globals);
        }
        refs
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (the suspended frame's, when it is in its cell,
// then `name`, `qualname`, `exc_state`), each once, and does nothing else.
unsafe impl crate::object::Traverse for GeneratorObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.frame.traverse(visit);
        self.name.traverse(visit);
        self.qualname.traverse(visit);
        self.exc_state.traverse(visit);
    }
}

pub(crate) static GENERATOR_VTABLE: PayloadVTable = PayloadVTable::of::<GeneratorObject>();

/// Whether `obj` is a generator suspended at a `yield` (closing it would run code).
pub fn is_suspended(obj: &ObjRef) -> bool {
    obj.downcast::<GeneratorObject>()
        .is_some_and(|g| g.started.get() && !g.running.get() && g.frame.is_present())
}

/// The kind of a generator, coroutine or async generator object (`None` for anything else).
pub fn kind_of(obj: &ObjRef) -> Option<GenKind> {
    obj.downcast::<GeneratorObject>().map(|g| g.kind)
}

/// Whether a generator (coroutine, async generator) has finished: it holds no frame.
pub fn is_finished(obj: &ObjRef) -> bool {
    obj.downcast::<GeneratorObject>()
        .is_some_and(|g| !g.running.get() && !g.frame.is_present())
}

/// Whether a suspended generator or coroutine is delegating (`yield from` / `await`) to a
/// sub-iterator (CPython's `_PyGen_yf`).
pub fn is_delegating(obj: &ObjRef) -> bool {
    obj.downcast::<GeneratorObject>()
        .is_some_and(|g| delegate(g, in_yield_from).is_some())
}

/// The code flags of a generator's frame (0 when it has finished).
pub fn code_flags(obj: &ObjRef) -> u32 {
    obj.downcast::<GeneratorObject>().map_or(0, |g| {
        g.frame.peek(|f| {
            f.and_then(|f| f.code.downcast::<CodeObject>().map(|c| c.flags))
                .unwrap_or(0)
        })
    })
}

/// Wraps a frame stopped at `RETURN_GENERATOR` into a generator, a coroutine (`CO_COROUTINE`)
/// or an async generator (`CO_ASYNC_GENERATOR`).
pub fn new_generator(vm: &Vm, frame: Frame, func: &FunctionObject) -> PyResult<ObjRef> {
    use crate::bytecode::flags;
    let code_flags = frame.code.downcast::<CodeObject>().map_or(0, |c| c.flags);
    let (kind, ty) = if code_flags & flags::COROUTINE != 0 {
        (GenKind::Coroutine, &super::coroutine::COROUTINE_TYPE)
    } else if code_flags & flags::ASYNC_GENERATOR != 0 {
        (
            GenKind::AsyncGenerator,
            &super::asyncgen::ASYNC_GENERATOR_TYPE,
        )
    } else {
        (GenKind::Generator, &GENERATOR_TYPE)
    };
    let g = GeneratorObject {
        kind,
        frame: TakeCell::new(Some(frame)),
        name: ObjCell::new(func.name.get()),
        qualname: ObjCell::new(func.qualname.get()),
        running: Cell::new(false),
        started: Cell::new(false),
        exc_state: ObjCell::new(None),
    };
    new_object(ty, g).or_mem(vm)
}

/// What resuming a generator (or another iterator, for `yield from`) produced.
pub enum Sent {
    /// It yielded a value and can be resumed.
    Yielded(ObjRef),
    /// It finished, returning a value.
    Returned(ObjRef),
}

fn payload<'a>(vm: &Vm, gen: &'a ObjRef) -> PyResult<&'a GeneratorObject> {
    gen.downcast::<GeneratorObject>()
        .ok_or_else(|| vm.type_error("expected a generator"))
}

/// Resumes a generator: sends `value`, or raises `throw` at the point where it is suspended.
pub fn resume(vm: &Vm, gen: &ObjRef, value: ObjRef, throw: Option<PyErr>) -> PyResult<Sent> {
    let g = payload(vm, gen)?;
    if g.running.get() {
        return Err(vm.value_error(&format!("{} already executing", g.kind.word())));
    }
    let Some(mut frame) = g.frame.take() else {
        return match throw {
            Some(e) => Err(e),
            None if g.kind == GenKind::Coroutine => Err(vm.new_error(
                &exceptions::RUNTIME_ERROR,
                "cannot reuse already awaited coroutine",
            )),
            None => Ok(Sent::Returned(none::none())),
        };
    };
    if throw.is_none() {
        if !g.started.get() && !none::is_none(&value) {
            drop(g.frame.put(Some(frame)));
            return Err(vm.type_error(&format!(
                "can't send non-None value to a just-started {}",
                g.kind.word()
            )));
        }
        frame.push(Some(value));
    }
    g.started.set(true);
    g.running.set(true);
    let result = run_with_exc_state(vm, g, &mut frame, throw);
    g.running.set(false);
    match result {
        Ok(Exit::Yield(v)) => {
            drop(g.frame.put(Some(frame)));
            Ok(Sent::Yielded(v))
        }
        Ok(Exit::Return(v)) => Ok(Sent::Returned(v)),
        Ok(Exit::CreateGenerator) => Err(vm.new_error(
            &exceptions::SYSTEM_ERROR,
            "generator inside generator frame",
        )),
        Err(e) => {
            let async_stop =
                g.kind == GenKind::AsyncGenerator && e.matches(&exceptions::STOP_ASYNC_ITERATION);
            if e.matches(&exceptions::STOP_ITERATION) || async_stop {
                let msg = format!(
                    "{} raised {}",
                    g.kind.word(),
                    if async_stop {
                        "StopAsyncIteration"
                    } else {
                        "StopIteration"
                    }
                );
                let err = vm.new_error(&exceptions::RUNTIME_ERROR, &msg);
                if let Some(p) = exceptions::payload(&err.exc) {
                    drop(p.cause.replace(Some(e.exc.clone())));
                    drop(p.context.replace(Some(e.exc)));
                    p.suppress_context.set(true);
                }
                return Err(err);
            }
            Err(e)
        }
    }
}

/// Runs the generator's frame with its own handled exception (if any) as `sys.exc_info()`,
/// restoring the caller's afterwards and keeping the frame's if it yields inside a handler.
fn run_with_exc_state(
    vm: &Vm,
    g: &GeneratorObject,
    frame: &mut Frame,
    throw: Option<PyErr>,
) -> PyResult<Exit> {
    let saved = vm.exc_info.get();
    let own = g.exc_state.replace(None);
    if own.is_some() {
        drop(vm.exc_info.replace(own));
    }
    let result = eval::run_frame(vm, frame, throw);
    let now = vm.exc_info.replace(saved.clone());
    if matches!(result, Ok(Exit::Yield(_))) {
        let inherited = match (&now, &saved) {
            (Some(a), Some(b)) => a.is(b),
            (None, None) => true,
            _ => false,
        };
        if !inherited {
            drop(g.exc_state.replace(now));
        }
    }
    result
}

/// The value a `StopIteration` carries (its first argument, or None).
pub fn stop_iteration_value(e: &PyErr) -> ObjRef {
    exceptions::payload(&e.exc)
        .and_then(|p| p.args.get())
        .and_then(|a| crate::objects::tuple::items(&a).and_then(|i| i.first().cloned()))
        .unwrap_or_else(none::none)
}

/// `SEND`: resumes `receiver` with `value` (a generator directly, other iterators through
/// `__next__` when the value is None, else their `send` method).
pub fn send_to(vm: &Vm, receiver: &ObjRef, value: ObjRef) -> PyResult<Sent> {
    if receiver.downcast::<GeneratorObject>().is_some() {
        return resume(vm, receiver, value, None);
    }
    let step = if none::is_none(&value) {
        // The slot itself, not `ops::next`: a `StopIteration` carries the return value.
        match receiver.ob_type().slots.next {
            Some(f) => f(vm, receiver).map(|r| r.ok_or(())),
            None => ops::next(vm, receiver).map(|r| r.ok_or(())),
        }
    } else {
        let send = ops::getattr(vm, receiver, "send")?;
        ops::call(vm, &send, &[value], None).map(Ok)
    };
    match step {
        Ok(Ok(v)) => Ok(Sent::Yielded(v)),
        Ok(Err(_)) => Ok(Sent::Returned(none::none())),
        Err(e) if e.matches(&exceptions::STOP_ITERATION) => {
            Ok(Sent::Returned(stop_iteration_value(&e)))
        }
        Err(e) => Err(e),
    }
}

/// The sub-iterator a generator suspended in `yield from` delegates to.
fn delegate(g: &GeneratorObject, code_of: impl Fn(&Frame) -> Option<bool>) -> Option<ObjRef> {
    g.frame.peek(|f| {
        let f = f?;
        if code_of(f) != Some(true) {
            return None;
        }
        f.stack.last().cloned().flatten()
    })
}

fn in_yield_from(f: &Frame) -> Option<bool> {
    let code = f.code.downcast::<CodeObject>()?;
    let next = code.instructions.get(f.pc)?;
    Some(next.op == Opcode::RESUME && next.arg >= 2)
}

/// Resumes after the sub-iterator of a `yield from` finished with `value`: pops it and continues
/// past the delegation loop with the value as the expression's result.
fn finish_delegation(vm: &Vm, gen: &ObjRef, g: &GeneratorObject, value: ObjRef) -> PyResult<Sent> {
    if let Some(mut f) = g.frame.take() {
        drop(f.stack.pop());
        f.pc += 2; // past RESUME 2 and JUMP_BACKWARD to SEND
        f.push(Some(value));
        drop(g.frame.put(Some(f)));
        // The value is already pushed: resume without pushing another.
        return resume_pushed(vm, gen);
    }
    Ok(Sent::Returned(none::none()))
}

fn resume_pushed(vm: &Vm, gen: &ObjRef) -> PyResult<Sent> {
    let g = payload(vm, gen)?;
    let Some(mut frame) = g.frame.take() else {
        return Ok(Sent::Returned(none::none()));
    };
    g.running.set(true);
    let result = run_with_exc_state(vm, g, &mut frame, None);
    g.running.set(false);
    match result {
        Ok(Exit::Yield(v)) => {
            drop(g.frame.put(Some(frame)));
            Ok(Sent::Yielded(v))
        }
        Ok(Exit::Return(v)) => Ok(Sent::Returned(v)),
        Ok(Exit::CreateGenerator) => Ok(Sent::Returned(none::none())),
        Err(e) => Err(e),
    }
}

/// `gen.throw(exc)`, delegating to a `yield from` sub-iterator first.
pub fn throw(vm: &Vm, gen: &ObjRef, exc: PyErr) -> PyResult<Sent> {
    let g = payload(vm, gen)?;
    if g.running.get() {
        return Err(vm.value_error(&format!("{} already executing", g.kind.word())));
    }
    if let Some(sub) = delegate(g, in_yield_from) {
        if exc.matches(&exceptions::GENERATOR_EXIT) {
            close_iterator(vm, &sub)?;
        } else {
            let result = if sub.downcast::<GeneratorObject>().is_some() {
                g.running.set(true);
                let r = throw(vm, &sub, exc);
                g.running.set(false);
                r
            } else {
                match ops::getattr(vm, &sub, "throw") {
                    Ok(m) => {
                        ops::call(vm, &m, std::slice::from_ref(&exc.exc), None).map(Sent::Yielded)
                    }
                    Err(_) => Err(exc),
                }
            };
            return match result {
                Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
                Ok(Sent::Returned(v)) => finish_delegation(vm, gen, g, v),
                Err(e) if e.matches(&exceptions::STOP_ITERATION) => {
                    finish_delegation(vm, gen, g, stop_iteration_value(&e))
                }
                Err(e) => resume(vm, gen, none::none(), Some(e)),
            };
        }
    }
    resume(vm, gen, none::none(), Some(exc))
}

fn close_iterator(vm: &Vm, it: &ObjRef) -> PyResult<()> {
    if it.downcast::<GeneratorObject>().is_some() {
        return close(vm, it);
    }
    if let Ok(m) = ops::getattr(vm, it, "close") {
        ops::call(vm, &m, &[], None)?;
    }
    Ok(())
}

/// `gen.close()`: raises GeneratorExit inside; a yield in response is a RuntimeError.
pub fn close(vm: &Vm, gen: &ObjRef) -> PyResult<()> {
    let g = payload(vm, gen)?;
    if !g.frame.is_present() {
        return Ok(());
    }
    if !g.started.get() {
        // Never started: just drop the frame.
        if let Some(mut f) = g.frame.take() {
            drop(f.take_refs());
        }
        return Ok(());
    }
    let exit = vm.new_error_args(&exceptions::GENERATOR_EXIT, Vec::new());
    match throw(vm, gen, exit) {
        Ok(Sent::Yielded(_)) => Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            &format!("{} ignored GeneratorExit", g.kind.word()),
        )),
        Ok(Sent::Returned(_)) => Ok(()),
        Err(e)
            if e.matches(&exceptions::GENERATOR_EXIT) || e.matches(&exceptions::STOP_ITERATION) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn gen_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn gen_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    match resume(vm, obj, none::none(), None)? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(v) if none::is_none(&v) => Ok(None),
        Sent::Returned(v) => Err(vm.new_error_args(&exceptions::STOP_ITERATION, vec![v])),
    }
}

pub(crate) fn sent_to_result(vm: &Vm, s: Sent) -> PyResult<ObjRef> {
    match s {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) if none::is_none(&v) => Err(vm.stop_iteration()),
        Sent::Returned(v) => Err(vm.new_error_args(&exceptions::STOP_ITERATION, vec![v])),
    }
}

pub(crate) fn m_send(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "generator.send() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    sent_to_result(vm, resume(vm, this, value.clone(), None)?)
}

pub(crate) fn m_throw(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let exc = throw_args(vm, args)?;
    sent_to_result(vm, throw(vm, this, PyErr::new(exc))?)
}

/// The exception `throw(type[, value[, traceback]])` or `throw(instance)` raises.
pub(crate) fn throw_args(vm: &Vm, args: &[ObjRef]) -> PyResult<ObjRef> {
    let exc = match args {
        [t] | [t, _] | [t, _, _] => {
            if let Some(ty) = t.as_type() {
                if !ty.is_subtype(&exceptions::BASE_EXCEPTION) {
                    return Err(vm.type_error("exceptions must be classes or instances deriving from BaseException, not type"));
                }
                match args.get(1) {
                    Some(v) if !none::is_none(v) => {
                        if v.is_instance(ty) {
                            v.clone()
                        } else {
                            ops::call(vm, t, std::slice::from_ref(v), None)?
                        }
                    }
                    _ => ops::call(vm, t, &[], None)?,
                }
            } else if t.is_instance(&exceptions::BASE_EXCEPTION) {
                t.clone()
            } else {
                return Err(vm.type_error(&format!(
                    "exceptions must be classes or instances deriving from BaseException, not {}",
                    t.ob_type().name()
                )));
            }
        }
        _ => {
            return Err(vm.type_error(&format!(
                "throw expected at least 1 argument, got {}",
                args.len()
            )))
        }
    };
    Ok(exc)
}

pub(crate) fn m_close(
    vm: &Vm,
    this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    close(vm, this)?;
    Ok(none::none())
}

pub(crate) fn gen_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let q = g.qualname.get();
    let name = q.as_ref().and_then(pystr::as_str).unwrap_or("?");
    let word = match g.kind {
        GenKind::AsyncGenerator => "async_generator",
        k => k.word(),
    };
    pystr::new_str_vm(
        vm,
        &format!("<{} object {} at {:#x}>", word, name, obj.addr()),
    )
}

pub(crate) fn gen_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let g = payload(vm, obj)?;
    let prefix = match g.kind {
        GenKind::Generator => "gi_",
        GenKind::Coroutine => "cr_",
        GenKind::AsyncGenerator => "ag_",
    };
    Ok(match name {
        "__name__" => g.name.get(),
        "__qualname__" => g.qualname.get(),
        _ if name.strip_prefix(prefix) == Some("running") => {
            Some(crate::objects::boolobj::new_bool(g.running.get()))
        }
        _ if name.strip_prefix(prefix) == Some("suspended") => Some(
            crate::objects::boolobj::new_bool(g.started.get() && g.frame.is_present()),
        ),
        _ => None,
    })
}

static GENERATOR_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "send",
        func: m_send,
    },
    MethodDef {
        name: "throw",
        func: m_throw,
    },
    MethodDef {
        name: "close",
        func: m_close,
    },
];

/// `generator`.
pub static GENERATOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "generator",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
    payload: &GENERATOR_VTABLE,
    slots: Slots {
        repr: Some(gen_repr),
        iter: Some(gen_iter),
        next: Some(gen_next),
        getattr: Some(gen_getattr),
        finalize: Some(crate::vm::finalize::generator_finalize),
        ..Slots::EMPTY
    },
    methods: &GENERATOR_METHODS,
    doc: "",
};
