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
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TakeCell, TypeObject,
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
    /// The frame's code object (`gi_code`), kept after the frame is gone.
    code: ObjCell,
    /// A coroutine's `cr_origin` (where it was created, when
    /// `sys.set_coroutine_origin_tracking_depth` asked for it); an asynchronous generator's
    /// finalizer hook (`sys.set_asyncgen_hooks`), taken on its first iteration.
    origin: ObjCell,
    /// An asynchronous generator's hooks were looked at (its first iteration began).
    hooks_inited: Cell<bool>,
}

impl PyPayload for GeneratorObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut refs: Vec<ObjRef> = self.exc_state.replace(None).into_iter().collect();
        refs.extend(self.origin.replace(None));
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
// then `name`, `qualname`, `exc_state`, `code`, `origin`), each once, and does nothing else.
unsafe impl crate::object::Traverse for GeneratorObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.frame.traverse(visit);
        self.name.traverse(visit);
        self.qualname.traverse(visit);
        self.exc_state.traverse(visit);
        self.code.traverse(visit);
        self.origin.traverse(visit);
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
    let code = frame.code.clone();
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
        code: ObjCell::new(Some(code)),
        origin: ObjCell::new(None),
        hooks_inited: Cell::new(false),
    };
    if matches!(g.kind, GenKind::Coroutine) {
        let depth = vm.sys.coro_origin_depth.get();
        if depth > 0 {
            drop(g.origin.replace(Some(creation_origin(vm, depth)?)));
        }
    }
    new_object(ty, g).or_mem(vm)
}

/// The first `asend`/`athrow`/`aclose`/`__anext__` of an asynchronous generator: it keeps the
/// current finalizer hook, and the current `firstiter` hook is called with it
/// (`sys.set_asyncgen_hooks`).
pub fn init_asyncgen_hooks(vm: &Vm, gen: &ObjRef) -> PyResult<()> {
    let Some(g) = gen.downcast::<GeneratorObject>() else {
        return Ok(());
    };
    if g.hooks_inited.replace(true) {
        return Ok(());
    }
    if let Some(fin) = vm.sys.asyncgen_finalizer.get() {
        drop(g.origin.replace(Some(fin)));
    }
    if let Some(first) = vm.sys.asyncgen_firstiter.get() {
        crate::vm::ops::call(vm, &first, std::slice::from_ref(gen), None)?;
    }
    Ok(())
}

/// The finalizer hook an unfinished asynchronous generator kept (called instead of closing it
/// when it is destroyed).
pub fn asyncgen_finalizer(obj: &ObjRef) -> Option<ObjRef> {
    let g = obj.downcast::<GeneratorObject>()?;
    if !matches!(g.kind, GenKind::AsyncGenerator) || !g.frame.is_present() {
        return None;
    }
    g.origin.get()
}

/// `cr_origin`: (filename, line, function) of the `depth` innermost active frames.
fn creation_origin(vm: &Vm, depth: usize) -> PyResult<ObjRef> {
    let mut items = Vec::new();
    for f in crate::vm::frames::stack(vm, depth) {
        items.push(crate::objects::tuple::new_tuple(
            vm,
            vec![
                crate::objects::str::new_str_vm(vm, &f.filename)?,
                crate::objects::int::new_int(vm, i64::from(f.line))?,
                crate::objects::str::new_str_vm(vm, &f.name)?,
            ],
        )?);
    }
    crate::objects::tuple::new_tuple(vm, items)
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
    resume_payload(vm, payload(vm, gen)?, value, throw)
}

/// [`resume`] on the generator's payload.
#[inline]
fn resume_payload(
    vm: &Vm,
    g: &GeneratorObject,
    value: ObjRef,
    throw: Option<PyErr>,
) -> PyResult<Sent> {
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
    let result = match result {
        Ok(Exit::Yield(v)) => {
            drop(g.frame.put(Some(frame)));
            return Ok(Sent::Yielded(v));
        }
        other => other,
    };
    let out = match result {
        Ok(Exit::Return(v)) => Ok(Sent::Returned(v)),
        Ok(Exit::Yield(_) | Exit::CreateGenerator) => Err(vm.new_error(
            &exceptions::SYSTEM_ERROR,
            "generator inside generator frame",
        )),
        Err(e) => Err(escaped_error(vm, g, e)),
    };
    retire(vm, frame);
    out
}

/// The error a generator's frame ended with, as its caller sees it: a `StopIteration` (a
/// `StopAsyncIteration` from an async generator) that escaped the frame becomes a
/// `RuntimeError` caused by it (PEP 479).
#[cold]
fn escaped_error(vm: &Vm, g: &GeneratorObject, e: PyErr) -> PyErr {
    let async_stop =
        g.kind == GenKind::AsyncGenerator && e.matches(&exceptions::STOP_ASYNC_ITERATION);
    if !(e.matches(&exceptions::STOP_ITERATION) || async_stop) {
        return e;
    }
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
    err
}

/// A finished generator's frame: its references are released — the fast locals, then the
/// value stack, in order, as dropping the frame would — and its storage goes back to the
/// VM's frame pool, so the next call (often the next generator of the same kind) allocates
/// none.
#[inline]
fn retire(vm: &Vm, mut frame: Frame) {
    frame.fast.clear();
    frame.stack.clear();
    vm.frame_pool.recycle(frame);
}

/// `FOR_ITER` over an exact generator (`None`: `it` is something else): the next value, or
/// `None` when the generator finished. A `for` loop drops the return value, so none is
/// wrapped in a `StopIteration` (what `next()` must raise).
#[inline]
pub fn for_iter(vm: &Vm, it: &ObjRef) -> Option<PyResult<Option<ObjRef>>> {
    if !std::ptr::eq(it.ob_type(), &GENERATOR_TYPE) {
        return None;
    }
    let g = it.downcast::<GeneratorObject>()?;
    Some(match resume_payload(vm, g, none::none(), None) {
        Ok(Sent::Yielded(v)) => Ok(Some(v)),
        Ok(Sent::Returned(_)) => Ok(None),
        Err(e) if e.matches(&exceptions::STOP_ITERATION) => Ok(None),
        Err(e) => Err(e),
    })
}

/// Runs the generator's frame with its own handled exception (if any) as `sys.exc_info()`,
/// restoring the caller's afterwards and keeping the frame's if it yields inside a handler.
fn run_with_exc_state(
    vm: &Vm,
    g: &GeneratorObject,
    frame: &mut Frame,
    throw: Option<PyErr>,
) -> PyResult<Exit> {
    // The frame's handlers save and restore the generator's own state (None at first), and
    // the callers' stays visible behind it, as CPython's `gi_exc_state` chained to the caller's.
    if !g.exc_state.is_set() && !vm.exc_info.is_set() && !vm.exc_info_outer.is_set() {
        // Nothing handled anywhere (the common case): nothing to swap in or out.
        let result = eval::run_frame(vm, frame, throw);
        let now = vm.exc_info.replace(None);
        drop(vm.exc_info_outer.replace(None));
        if matches!(result, Ok(Exit::Yield(_))) && frame.handlers > 0 {
            drop(g.exc_state.replace(now));
        } else {
            drop(now);
        }
        return result;
    }
    let callers = vm.handled_exception();
    let own = g.exc_state.replace(None);
    let saved = vm.exc_info.replace(own);
    let saved_outer = vm.exc_info_outer.replace(callers);
    let result = eval::run_frame(vm, frame, throw);
    let now = vm.exc_info.replace(saved);
    drop(vm.exc_info_outer.replace(saved_outer));
    // Yielding inside a handler of its own, the frame keeps the exception it handles (even
    // the caller's, thrown in).
    if matches!(result, Ok(Exit::Yield(_))) && frame.handlers > 0 {
        drop(g.exc_state.replace(now));
    } else {
        drop(now);
    }
    result
}

/// The value a `StopIteration` carries (its first argument, or None).
pub fn stop_iteration_value(e: &PyErr) -> ObjRef {
    exceptions::stop_iteration_value(&e.exc)
}

/// `SEND`: resumes `receiver` with `value` (a generator directly, other iterators through
/// `__next__` when the value is None, else their `send` method).
pub fn send_to(vm: &Vm, receiver: &ObjRef, value: ObjRef) -> PyResult<Sent> {
    if let Some(g) = receiver.downcast::<GeneratorObject>() {
        return resume_payload(vm, g, value, None);
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
    let out = match result {
        Ok(Exit::Yield(v)) => {
            drop(g.frame.put(Some(frame)));
            return Ok(Sent::Yielded(v));
        }
        Ok(Exit::Return(v)) => Ok(Sent::Returned(v)),
        Ok(Exit::CreateGenerator) => Ok(Sent::Returned(none::none())),
        Err(e) => Err(e),
    };
    retire(vm, frame);
    out
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
            vm.frame_pool.recycle(f);
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
    match resume_payload(vm, payload(vm, obj)?, none::none(), None)? {
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
    let err = match throw_value(vm, args)? {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    };
    sent_to_result(vm, throw(vm, this, err)?)
}

/// The exception `throw(type[, value[, traceback]])` or `throw(instance)` raises.
pub(crate) fn throw_args(vm: &Vm, args: &[ObjRef]) -> PyResult<ObjRef> {
    throw_value(vm, args)?
}

/// The arguments of `throw` checked (the outer error), then the exception made: an error
/// making it (the class's constructor failed or built something else) is the inner error,
/// which CPython raises inside the generator.
pub(crate) fn throw_value(vm: &Vm, args: &[ObjRef]) -> PyResult<PyResult<ObjRef>> {
    let [t, rest @ ..] = args else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    if rest.len() > 2 {
        return Err(vm.type_error(&format!(
            "throw expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    let value = rest.first().filter(|v| !none::is_none(v));
    if let Some(tb) = rest.get(1).filter(|v| !none::is_none(v)) {
        if !tb.is_instance(&crate::objects::traceback::TRACEBACK_TYPE) {
            return Err(vm.type_error("throw() third argument must be a traceback object"));
        }
    }
    if let Some(ty) = t.as_type() {
        if !ty.is_subtype(&exceptions::BASE_EXCEPTION) {
            return Err(vm.type_error(
                "exceptions must be classes or instances deriving from BaseException, not type",
            ));
        }
        let made = match value {
            Some(v) if v.is_instance(ty) => Ok(v.clone()),
            // A tuple value is the arguments.
            Some(v) => match crate::objects::tuple::items(v) {
                Some(items) => ops::call(vm, t, items, None),
                None => ops::call(vm, t, std::slice::from_ref(v), None),
            },
            None => ops::call(vm, t, &[], None),
        };
        return Ok(made.and_then(|exc| {
            if exc.is_instance(&exceptions::BASE_EXCEPTION) {
                return Ok(exc);
            }
            let what = exc.ob_type().name().to_string();
            Err(crate::vm::unwind::not_an_instance(vm, t, &what)?)
        }));
    }
    if !t.is_instance(&exceptions::BASE_EXCEPTION) {
        return Err(vm.type_error(&format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            t.ob_type().name()
        )));
    }
    if value.is_some() {
        return Err(vm.type_error("instance exception may not have a separate value"));
    }
    Ok(Ok(t.clone()))
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

/// The data attributes of generators, coroutines and async generators (each kind's own
/// prefix: `gi_`, `cr_`, `ag_`).
pub(crate) fn gen_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let g = payload(vm, obj)?;
    let prefix = match g.kind {
        GenKind::Generator => "gi_",
        GenKind::Coroutine => "cr_",
        GenKind::AsyncGenerator => "ag_",
    };
    let none = crate::objects::none::none;
    let bool_ = crate::objects::boolobj::new_bool;
    Ok(match (g.kind, name.strip_prefix(prefix)) {
        _ if name == "__name__" => g.name.get(),
        _ if name == "__qualname__" => g.qualname.get(),
        (_, Some("code")) => g.code.get(),
        // An async generator's `ag_running` tells whether an `asend`/`athrow` awaitable is in
        // progress, which is not tracked: left out.
        (GenKind::Generator | GenKind::Coroutine, Some("running")) => Some(bool_(g.running.get())),
        (GenKind::Generator | GenKind::Coroutine, Some("suspended")) => {
            Some(bool_(g.started.get() && g.frame.is_present()))
        }
        (GenKind::Generator, Some("yieldfrom"))
        | (GenKind::Coroutine | GenKind::AsyncGenerator, Some("await")) => {
            Some(delegate(g, in_yield_from).unwrap_or_else(none))
        }
        (GenKind::Coroutine, Some("origin")) => Some(g.origin.get().unwrap_or_else(none)),
        (_, Some("frame")) => {
            let snapshot = g
                .frame
                .peek(|f| f.map(|f| (f.globals.clone(), f.fast.to_vec(), f.pc.saturating_sub(1))));
            let frame = match (g.code.get(), snapshot) {
                (Some(code), Some(s)) => crate::vm::frames::generator_frame(vm, &code, Some(s))?,
                (Some(code), None) if g.running.get() => {
                    crate::vm::frames::generator_frame(vm, &code, None)?
                }
                _ => None,
            };
            Some(frame.unwrap_or_else(none))
        }
        _ => None,
    })
}

/// `__name__` / `__qualname__` of a generator: a str.
fn gen_set_name(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let g = payload(vm, obj)?;
    let n = crate::objects::getset::name_str(name);
    let Some(v) = value.filter(pystr::is_str) else {
        return Err(vm.type_error(&format!("{n} must be set to a string object")));
    };
    let cell = if n == "__name__" {
        &g.name
    } else {
        &g.qualname
    };
    drop(cell.replace(Some(v)));
    Ok(())
}

/// One entry of the generator types' getset tables.
const fn gen_entry(
    name: &'static str,
    set: Option<crate::object::typeobj::SetAttrFn>,
) -> GetSetDef {
    GetSetDef {
        name,
        get: gen_getattr,
        set,
    }
}

/// The data attributes of `generator`.
static GENERATOR_GETSET: [GetSetDef; 7] = [
    gen_entry("gi_code", Some(crate::objects::getset::readonly)),
    gen_entry("gi_frame", Some(crate::objects::getset::readonly)),
    gen_entry("__name__", Some(gen_set_name)),
    gen_entry("__qualname__", Some(gen_set_name)),
    gen_entry("gi_yieldfrom", None),
    gen_entry("gi_running", None),
    gen_entry("gi_suspended", None),
];

/// The data attributes of `coroutine`.
pub(crate) static COROUTINE_GETSET: [GetSetDef; 8] = [
    gen_entry("cr_code", Some(crate::objects::getset::readonly)),
    gen_entry("cr_frame", Some(crate::objects::getset::readonly)),
    gen_entry("cr_origin", Some(crate::objects::getset::readonly)),
    gen_entry("__name__", Some(gen_set_name)),
    gen_entry("__qualname__", Some(gen_set_name)),
    gen_entry("cr_await", None),
    gen_entry("cr_running", None),
    gen_entry("cr_suspended", None),
];

/// The data attributes of `async_generator` (without `ag_running`).
pub(crate) static ASYNC_GENERATOR_GETSET: [GetSetDef; 5] = [
    gen_entry("ag_code", Some(crate::objects::getset::readonly)),
    gen_entry("ag_frame", Some(crate::objects::getset::readonly)),
    gen_entry("__name__", Some(gen_set_name)),
    gen_entry("__qualname__", Some(gen_set_name)),
    gen_entry("ag_await", None),
];

/// `generator.__del__()`: the finalizer run by hand (a suspended generator is closed, an
/// error reported as unraisable).
fn m_del(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__del__", args, kw)?;
    if let Some(f) = this.ob_type().slots.finalize {
        f(vm, this);
    }
    Ok(crate::objects::none::none())
}

static GENERATOR_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "__del__",
        func: m_del,
        flags: 0,
    },
    MethodDef {
        name: "send",
        func: m_send,
        flags: 0,
    },
    MethodDef {
        name: "throw",
        func: m_throw,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: m_close,
        flags: 0,
    },
];

/// `generator`.
pub static GENERATOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GENERATOR_GETSET,
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
