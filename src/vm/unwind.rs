//! Raising and unwinding: the exception table search, traceback entries, exception chaining
//! (`__context__`, `__cause__`) and `except` matching.

use super::frame::Frame;
use super::{PyErr, PyResult, Vm};
use crate::compiler::code::ExceptionEntry;
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::frameobj::FrameLocals;
use crate::objects::{exceptions, int, none, tuple};

/// The innermost handler covering instruction `index` (entries are ordered so the first match
/// is the innermost, as the compiler emits them).
pub fn find_handler(code: &CodeObject, index: usize) -> Option<ExceptionEntry> {
    let i = index as u32;
    code.exceptiontable
        .iter()
        .find(|e| e.start <= i && i < e.end)
        .copied()
}

/// Adds the frame's `(filename, line, name, frame object)` entry to the exception's traceback, outside
/// the entries so far (frames are added innermost first while unwinding).
pub fn add_traceback(vm: &Vm, err: &PyErr, frame: &Frame, code: &CodeObject) {
    let Some(p) = exceptions::payload(&err.exc) else {
        return;
    };
    let line = code
        .line_of(frame.pc.saturating_sub(1))
        .unwrap_or(code.firstlineno);
    let entry = (|| -> PyResult<ObjRef> {
        let line = int::new_int(vm, line as i64)?;
        // Like a CPython traceback holding its frame, the entry keeps the frame (and so its
        // local values) alive for as long as the exception keeps its traceback.
        let locals = match &frame.locals {
            Some(ns) => FrameLocals::Namespace(ns.clone()),
            None => FrameLocals::Fast(&frame.fast),
        };
        let lasti = frame.pc.saturating_sub(1);
        let f =
            crate::objects::frameobj::new_frame(vm, &frame.code, &frame.globals, locals, lasti)?;
        tuple::new_tuple(vm, vec![code.filename.clone(), line, code.name.clone(), f])
    })();
    if let Ok(entry) = entry {
        let _ = p.add_outer_entry(entry);
    }
}

/// An exception leaves the frame: the frame object of the frame's traceback entry (the
/// outermost so far) now stands at the instruction it left from (a `RERAISE` at the end of a
/// `finally` block or of unmatched `except` clauses), so its `f_lineno` is that line, as the
/// live frame's would be in CPython; `tb_lineno` keeps the line the exception passed through.
pub fn note_exit_line(err: &PyErr, frame: &Frame, code: &CodeObject) {
    let Some(p) = exceptions::payload(&err.exc) else {
        return;
    };
    let Some(entry) = p.outermost_entry() else {
        return;
    };
    let Some(f) = tuple::items(&entry).and_then(|items| items.get(3).cloned()) else {
        return;
    };
    if !crate::objects::frameobj::code_of(&f).is_some_and(|c| c.is(&frame.code)) {
        return;
    }
    let at = raised_at(frame, code);
    if let Some(line) = code.line_of(at) {
        crate::objects::frameobj::set_lineno(&f, line);
    }
}

/// The instruction an exception counts as raised at in the frame (`f_lasti`, and the offset a
/// cleanup handler saves): the failing instruction, except that `RERAISE n` (the end of a
/// cleanup handler) stands for the instruction whose index the handler saved `n` places down
/// the stack, as CPython's `RERAISE` sets `f_lasti` back to it.
pub fn raised_at(frame: &Frame, code: &CodeObject) -> usize {
    let at = frame.pc.saturating_sub(1);
    let Some(instr) = code.instructions.get(at) else {
        return at;
    };
    if instr.op != crate::compiler::opcode::Opcode::RERAISE || instr.arg == 0 {
        return at;
    }
    let saved = frame
        .stack
        .len()
        .checked_sub(instr.arg as usize)
        .and_then(|i| frame.stack.get(i).cloned().flatten());
    saved
        .as_ref()
        .and_then(int::as_i64)
        .and_then(|v| usize::try_from(v).ok())
        .filter(|&v| v < code.instructions.len())
        .unwrap_or(at)
}

/// Sets `__context__` of a newly raised exception to the exception being handled, if any
/// (CPython does this in `_PyErr_SetObject`), avoiding cycles in the chain.
pub fn set_context(vm: &Vm, err: &PyErr) {
    let Some(handled) = vm.handled_exception() else {
        return;
    };
    if handled.is(&err.exc) {
        return;
    }
    let Some(p) = exceptions::payload(&err.exc) else {
        return;
    };
    if p.context.get().is_some() {
        return;
    }
    // Break a cycle: if `err` is already in the handled exception's context chain, cut it there.
    // The chain may already loop without `err` (`ex.__context__ = ex`): a second cursor moving
    // at half speed meets the first one then, and the walk stops.
    let mut o = handled.clone();
    let mut slow = handled.clone();
    let mut advance_slow = false;
    while let Some(op) = exceptions::payload(&o) {
        let Some(next) = op.context.get() else { break };
        if next.is(&err.exc) {
            drop(op.context.replace(None));
            break;
        }
        o = next;
        if o.is(&slow) {
            break;
        }
        if advance_slow {
            let Some(s) = exceptions::payload(&slow).and_then(|sp| sp.context.get()) else {
                break;
            };
            slow = s;
        }
        advance_slow = !advance_slow;
    }
    drop(p.context.replace(Some(handled)));
}

/// Turns a raised value into an exception instance: classes are called with no arguments.
/// `None` when `value` is neither an exception class nor an instance.
fn instantiate(vm: &Vm, value: &ObjRef) -> PyResult<Option<ObjRef>> {
    if let Some(ty) = value.as_type() {
        if ty.is_subtype(&exceptions::BASE_EXCEPTION) {
            let exc = super::ops::call(vm, value, &[], None)?;
            if !exc.is_instance(&exceptions::BASE_EXCEPTION) {
                // A `__new__` that returns something else (CPython names the result's type by
                // its repr here).
                let type_repr = super::ops::repr_string(vm, &exc.type_object())?;
                return Err(not_an_instance(vm, value, &type_repr)?);
            }
            return Ok(Some(exc));
        }
    } else if value.is_instance(&exceptions::BASE_EXCEPTION) {
        return Ok(Some(value.clone()));
    }
    Ok(None)
}

/// CPython's error when calling exception class `cls` did not produce an exception; `what`
/// names the result's type.
pub fn not_an_instance(vm: &Vm, cls: &ObjRef, what: &str) -> PyResult<PyErr> {
    let cls_repr = super::ops::repr_string(vm, cls)?;
    Ok(vm.type_error(&format!(
        "calling {cls_repr} should have returned an instance of BaseException, not {what}"
    )))
}

fn not_exception(vm: &Vm) -> PyErr {
    vm.type_error("exceptions must derive from BaseException")
}

/// `RAISE_VARARGS`: returns the error to raise.
pub fn raise(vm: &Vm, argc: u32, frame: &mut Frame) -> PyResult<PyErr> {
    let pop = |frame: &mut Frame| frame.stack.pop().flatten().unwrap_or_else(none::none);
    match argc {
        0 => match vm.handled_exception() {
            Some(exc) => {
                vm.reraising.set(true);
                Ok(PyErr::new(exc))
            }
            None => Ok(vm.new_error(&exceptions::RUNTIME_ERROR, "No active exception to reraise")),
        },
        1 => {
            let v = pop(frame);
            Ok(PyErr::new(
                instantiate(vm, &v)?.ok_or_else(|| not_exception(vm))?,
            ))
        }
        _ => {
            let cause = pop(frame);
            let v = pop(frame);
            let exc = instantiate(vm, &v)?.ok_or_else(|| not_exception(vm))?;
            let cause = if none::is_none(&cause) {
                None
            } else {
                // Errors calling the cause's class propagate (CPython's `do_raise`).
                let c = instantiate(vm, &cause)?.ok_or_else(|| {
                    vm.type_error("exception causes must derive from BaseException")
                })?;
                Some(c)
            };
            if let Some(p) = exceptions::payload(&exc) {
                drop(p.cause.replace(cause));
                p.suppress_context.set(true);
            }
            Ok(PyErr::new(exc))
        }
    }
}

/// `except CLASS:` matching: CLASS may be a class or a tuple of classes.
pub fn exception_matches(vm: &Vm, exc: &ObjRef, class: &ObjRef) -> PyResult<bool> {
    let classes: Vec<ObjRef> = match tuple::items(class) {
        Some(items) => items.to_vec(),
        None => vec![class.clone()],
    };
    // Every class is checked before any is matched, as CPython's `check_except_type_valid`.
    let mut types = Vec::with_capacity(classes.len());
    for c in &classes {
        match c.as_type() {
            Some(t) if t.is_subtype(&exceptions::BASE_EXCEPTION) => types.push(t),
            _ => {
                return Err(vm.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ))
            }
        }
    }
    Ok(types.into_iter().any(|t| exc.is_instance(t)))
}
