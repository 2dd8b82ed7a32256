//! The evaluation loop (CPython's `Python/ceval.c`).
//!
//! [`run_frame`] executes a frame until it returns, yields, or reaches `RETURN_GENERATOR`. An
//! error raised by an instruction is unwound here: a traceback entry is added for the frame
//! (except for `RERAISE`), the exception table is searched for a handler covering the failing
//! instruction, and if one exists the stack is cut to the handler's depth, the exception is
//! pushed (with the instruction index first when the entry asks for it) and execution continues
//! at the handler; otherwise the error leaves the frame.

use super::frame::Frame;
use super::{fast_ops, ops, specialize, unwind, PyErr, PyResult, Vm};
use crate::compiler::opcode::{BinaryOp, CompareOp, Instr, Opcode};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::function::FunctionObject;
use crate::objects::{boolobj, cell, dict, exceptions, int, list, none, str as pystr, tuple};
use smallvec::SmallVec;

/// How a frame stopped running.
pub enum Exit {
    /// `RETURN_VALUE`.
    Return(ObjRef),
    /// `YIELD_VALUE` (generators).
    Yield(ObjRef),
    /// `RETURN_GENERATOR`: the caller wraps the frame into a generator.
    CreateGenerator,
}

/// Calls a Python function object (see [`super::call`]).
pub fn call_function(
    vm: &Vm,
    func: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    super::call::call_function(vm, func, args, kwnames)
}

/// Runs a frame until it returns, yields or becomes a generator. With `throw`, the exception
/// is raised at the frame's current instruction first (generator `throw()`).
pub fn run_frame(vm: &Vm, frame: &mut Frame, throw: Option<PyErr>) -> PyResult<Exit> {
    let _depth = vm.enter_call()?;
    let _active = super::frames::ActiveFrame::enter(vm, frame);
    let code_ref = frame.code.clone();
    let code = code_ref
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("frame without code"))?;
    let mut pending = throw;
    loop {
        let result = match pending.take() {
            Some(e) => Err(e),
            None => execute(vm, frame, code),
        };
        match result {
            Ok(exit) => return Ok(exit),
            Err(e) => {
                if !vm.reraising.replace(false) {
                    unwind::set_context(vm, &e);
                    unwind::add_traceback(vm, &e, frame, code);
                }
                let failed_at = frame.pc.saturating_sub(1);
                match unwind::find_handler(code, failed_at) {
                    Some(h) => {
                        // Read before the stack is cut: a `RERAISE n` finds it there.
                        let lasti = unwind::raised_at(frame, code);
                        while frame.stack.len() > h.depth as usize {
                            drop(frame.stack.pop());
                        }
                        if h.push_lasti {
                            frame.push(Some(int::new_int(vm, lasti as i64)?));
                        }
                        frame.push(Some(e.exc));
                        frame.pc = h.target as usize;
                    }
                    None => {
                        unwind::note_exit_line(&e, frame, code);
                        return Err(e);
                    }
                }
            }
        }
    }
}

/// Pops the top of the value stack. A NULL marker (or an empty stack, which the compiler's
/// stack depths rule out) reads as `None` on a cold path, so the common case is one branch.
#[inline(always)]
fn pop(frame: &mut Frame) -> ObjRef {
    match frame.stack.pop() {
        Some(Some(v)) => v,
        _ => null_entry(),
    }
}

/// What a NULL marker or a missing entry reads as where an object is expected.
#[cold]
#[inline(never)]
fn null_entry() -> ObjRef {
    none::none()
}

/// A new reference to the top of the value stack.
#[inline(always)]
fn top(frame: &Frame) -> ObjRef {
    match frame.stack.last() {
        Some(Some(v)) => v.clone(),
        _ => null_entry(),
    }
}

/// A new reference to the `n`th entry from the top (1 is the top).
#[inline(always)]
fn peek(frame: &Frame, n: usize) -> ObjRef {
    match &frame.stack[frame.stack.len() - n] {
        Some(v) => v.clone(),
        None => null_entry(),
    }
}

/// The arguments of a call, inline up to eight.
type CallArgs = SmallVec<[ObjRef; 8]>;

fn pop_n(frame: &mut Frame, n: usize) -> Vec<ObjRef> {
    let start = frame.stack.len() - n;
    frame
        .stack
        .drain(start..)
        .map(|v| v.unwrap_or_else(null_entry))
        .collect()
}

fn name_at(code: &CodeObject, i: u32) -> ObjRef {
    tuple::items(&code.names)
        .and_then(|n| n.get(i as usize))
        .cloned()
        .unwrap_or_else(none::none)
}

/// The name of localsplus slot `i` (locals, then cells, then free variables).
pub(crate) fn slot_name(code: &CodeObject, i: usize) -> String {
    let mut i = i;
    for t in [&code.varnames, &code.cellvars, &code.freevars] {
        let items = tuple::items(t).unwrap_or(&[]);
        if i < items.len() {
            return pystr::as_str(&items[i]).unwrap_or("?").to_string();
        }
        i -= items.len();
    }
    String::from("?")
}

fn unbound_local(vm: &Vm, code: &CodeObject, slot: usize) -> PyErr {
    vm.new_error(
        &exceptions::UNBOUND_LOCAL_ERROR,
        &format!(
            "cannot access local variable '{}' where it is not associated with a value",
            slot_name(code, slot)
        ),
    )
}

fn unbound_deref(vm: &Vm, code: &CodeObject, slot: usize) -> PyErr {
    let nvars = tuple::items(&code.varnames).map_or(0, |v| v.len());
    let ncells = tuple::items(&code.cellvars).map_or(0, |v| v.len());
    if slot < nvars + ncells {
        unbound_local(vm, code, slot)
    } else {
        vm.new_error(
            &exceptions::NAME_ERROR,
            &format!(
                "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                slot_name(code, slot)
            ),
        )
    }
}

/// The generic `LOAD_GLOBAL`: globals, then builtins.
pub(crate) fn load_global(vm: &Vm, frame: &Frame, name: &ObjRef) -> PyResult<ObjRef> {
    if let Some(v) = dict::get_item(vm, &frame.globals, name)? {
        return Ok(v);
    }
    if let Some(v) = dict::get_item(vm, &vm.builtins, name)? {
        return Ok(v);
    }
    Err(vm.name_error(pystr::as_str(name).unwrap_or("?")))
}

fn load_name(vm: &Vm, frame: &Frame, name: &ObjRef) -> PyResult<ObjRef> {
    if let Some(l) = &frame.locals {
        if !std::ptr::eq(l.ob_type(), &dict::DICT_TYPE) {
            // A metaclass's `__prepare__` namespace: its own `__getitem__` decides.
            match ops::getitem(vm, l, name) {
                Ok(v) => return Ok(v),
                Err(e) if e.matches(&exceptions::KEY_ERROR) => {}
                Err(e) => return Err(e),
            }
        } else if let Some(v) = dict::get_item(vm, l, name)? {
            return Ok(v);
        }
    }
    load_global(vm, frame, name)
}

/// `LOAD_FAST slot`: pushes the local, or raises `UnboundLocalError`.
#[inline(always)]
fn load_fast(vm: &Vm, frame: &mut Frame, code: &CodeObject, slot: u32) -> PyResult<()> {
    match &frame.fast[slot as usize] {
        Some(v) => {
            let v = v.clone();
            frame.push(Some(v));
            Ok(())
        }
        None => Err(unbound_local(vm, code, slot as usize)),
    }
}

/// `STORE_FAST slot`: pops into the local; the old value is released afterwards.
#[inline(always)]
fn store_fast(frame: &mut Frame, slot: u32) {
    let v = pop(frame);
    drop(frame.fast[slot as usize].replace(v));
}

/// The argument of instruction `pc` when it is `op`: the second half of a superinstruction
/// (CPython 3.11's `LOAD_FAST__LOAD_FAST` family, see [`specialize::superinstruction`]). The
/// second instruction stays in the code, so a jump to it runs it alone.
#[inline(always)]
fn fused(instructions: &[Instr], pc: usize, op: Opcode) -> Option<u32> {
    match instructions.get(pc) {
        Some(next) if next.op == op => Some(next.arg),
        _ => None,
    }
}

/// Moves on to the second instruction of a superinstruction, as the loop head would.
#[inline(always)]
fn step_into(vm: &Vm, frame: &mut Frame) {
    vm.cur_pc.set(frame.pc);
    frame.pc += 1;
}

/// `UNPACK_SEQUENCE n` of an exact tuple of `n` items followed by `n` `STORE_FAST`s (`a, b =
/// t`, `for k, v in pairs`): the items go straight into the locals, the stores running in
/// order as if dispatched (each sets `pc` and `cur_pc` first, so a finalizer run by a released
/// old value sees the frame where it would). The tuple is immutable and held, so no finalizer
/// can change what is stored next. `false` (nothing done) otherwise.
#[inline(always)]
fn unpack_to_locals(
    vm: &Vm,
    frame: &mut Frame,
    instructions: &[Instr],
    seq: &ObjRef,
    n: usize,
) -> bool {
    if !std::ptr::eq(seq.ob_type(), &tuple::TUPLE_TYPE) {
        return false;
    }
    let Some(items) = tuple::items(seq) else {
        return false;
    };
    let base = frame.pc;
    let Some(stores) = instructions.get(base..base + n) else {
        return false;
    };
    if items.len() != n || !stores.iter().all(|s| s.op == Opcode::STORE_FAST) {
        return false;
    }
    for (item, store) in items.iter().zip(stores) {
        step_into(vm, frame);
        let old = frame.fast[store.arg as usize].replace(item.clone());
        drop(old);
    }
    true
}

/// Executes instructions until the frame exits or an instruction fails.
fn execute(vm: &Vm, frame: &mut Frame, code: &CodeObject) -> PyResult<Exit> {
    let consts: &[ObjRef] = tuple::items(&code.consts).unwrap_or(&[]);
    let instructions = code.instructions.as_slice();
    let mut kwnames: Option<ObjRef> = None;
    loop {
        let Some(instr) = instructions.get(frame.pc).copied() else {
            return Err(vm.new_error(&exceptions::SYSTEM_ERROR, "ran off the end of the code"));
        };
        vm.cur_pc.set(frame.pc);
        frame.pc += 1;
        let arg = instr.arg;
        match instr.op {
            Opcode::NOP | Opcode::COPY_FREE_VARS => {}
            // Safe points: Python signal handlers run here (CPython's eval breaker).
            Opcode::RESUME => {
                if crate::modules::posix::ffi::signal_pending() {
                    crate::modules::signal::run_pending(vm)?;
                }
            }
            Opcode::POP_TOP => drop(frame.stack.pop()),
            Opcode::COPY => {
                let v = frame.stack[frame.stack.len() - arg as usize].clone();
                frame.push(v);
            }
            Opcode::SWAP => {
                let n = frame.stack.len();
                frame.stack.swap(n - 1, n - arg as usize);
            }
            Opcode::PUSH_NULL => frame.push(None),
            Opcode::LOAD_CONST => {
                frame.push(Some(consts[arg as usize].clone()));
                // LOAD_CONST__LOAD_FAST.
                if let Some(next) = fused(instructions, frame.pc, Opcode::LOAD_FAST) {
                    step_into(vm, frame);
                    load_fast(vm, frame, code, next)?;
                }
            }
            Opcode::LOAD_NAME => {
                let v = load_name(vm, frame, &name_at(code, arg))?;
                frame.push(Some(v));
            }
            Opcode::LOAD_GLOBAL => {
                let name = name_at(code, arg);
                let v = specialize::globals::load_global(vm, frame, code, frame.pc - 1, &name)?;
                frame.push(Some(v));
            }
            Opcode::STORE_NAME => {
                let v = pop(frame);
                let ns = frame
                    .locals
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                if std::ptr::eq(ns.ob_type(), &dict::DICT_TYPE) {
                    dict::set_item(vm, &ns, name_at(code, arg), v)?;
                } else {
                    // A metaclass's `__prepare__` namespace (`enum`'s member tracking).
                    ops::setitem(vm, &ns, &name_at(code, arg), Some(&v))?;
                }
            }
            Opcode::SETUP_ANNOTATIONS => {
                let ns = frame
                    .locals
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                if dict::get_str(vm, &ns, "__annotations__")?.is_none() {
                    dict::set_str(vm, &ns, "__annotations__", dict::new_dict_vm(vm)?)?;
                }
            }
            Opcode::STORE_GLOBAL => {
                let v = pop(frame);
                dict::set_item(vm, &frame.globals, name_at(code, arg), v)?;
            }
            Opcode::DELETE_NAME | Opcode::DELETE_GLOBAL => {
                let name = name_at(code, arg);
                let ns = match (instr.op, &frame.locals) {
                    (Opcode::DELETE_NAME, Some(l)) => l.clone(),
                    _ => frame.globals.clone(),
                };
                if !dict::del_item(vm, &ns, &name)? {
                    return Err(vm.name_error(pystr::as_str(&name).unwrap_or("?")));
                }
            }
            Opcode::LOAD_FAST => {
                load_fast(vm, frame, code, arg)?;
                // LOAD_FAST__LOAD_FAST and LOAD_FAST__LOAD_CONST.
                if let Some(next) = instructions.get(frame.pc) {
                    match next.op {
                        Opcode::LOAD_FAST => {
                            let a = next.arg;
                            step_into(vm, frame);
                            load_fast(vm, frame, code, a)?;
                        }
                        Opcode::LOAD_CONST => {
                            let a = next.arg;
                            step_into(vm, frame);
                            frame.push(Some(consts[a as usize].clone()));
                        }
                        _ => {}
                    }
                }
            }
            Opcode::STORE_FAST => {
                store_fast(frame, arg);
                // STORE_FAST__STORE_FAST and STORE_FAST__LOAD_FAST.
                if let Some(next) = instructions.get(frame.pc) {
                    match next.op {
                        Opcode::STORE_FAST => {
                            let a = next.arg;
                            step_into(vm, frame);
                            store_fast(frame, a);
                        }
                        Opcode::LOAD_FAST => {
                            let a = next.arg;
                            step_into(vm, frame);
                            load_fast(vm, frame, code, a)?;
                        }
                        _ => {}
                    }
                }
            }
            Opcode::DELETE_FAST => {
                if frame.fast[arg as usize].take().is_none() {
                    return Err(unbound_local(vm, code, arg as usize));
                }
            }
            Opcode::MAKE_CELL => {
                let slot = arg as usize;
                let nvars = tuple::items(&code.varnames).map_or(0, |v| v.len());
                let initial = match code.cell2arg.get(slot.wrapping_sub(nvars)) {
                    Some(Some(a)) => frame.fast[*a as usize].clone(),
                    _ => frame.fast[slot].take(),
                };
                frame.fast[slot] = Some(cell::new_cell(vm, initial)?);
            }
            Opcode::LOAD_CLOSURE => {
                let c = frame.fast[arg as usize].clone();
                frame.push(c);
            }
            Opcode::LOAD_DEREF => {
                let c = frame.fast[arg as usize].clone().unwrap_or_else(none::none);
                match cell::get(&c) {
                    Some(v) => frame.push(Some(v)),
                    None => return Err(unbound_deref(vm, code, arg as usize)),
                }
            }
            Opcode::LOAD_CLASSDEREF => {
                let name = slot_name(code, arg as usize);
                let from_locals = match &frame.locals {
                    Some(l) => dict::get_str(vm, l, &name)?,
                    None => None,
                };
                let v = match from_locals {
                    Some(v) => v,
                    None => {
                        let c = frame.fast[arg as usize].clone().unwrap_or_else(none::none);
                        cell::get(&c).ok_or_else(|| unbound_deref(vm, code, arg as usize))?
                    }
                };
                frame.push(Some(v));
            }
            Opcode::STORE_DEREF => {
                let v = pop(frame);
                let c = frame.fast[arg as usize].clone().unwrap_or_else(none::none);
                drop(cell::set(&c, Some(v)));
            }
            Opcode::DELETE_DEREF => {
                let c = frame.fast[arg as usize].clone().unwrap_or_else(none::none);
                if cell::set(&c, None).is_none() {
                    return Err(unbound_deref(vm, code, arg as usize));
                }
            }
            Opcode::LOAD_ATTR => {
                let obj = pop(frame);
                let name = name_at(code, arg);
                let v = specialize::load_attr::load_attr(vm, code, frame.pc - 1, &obj, &name)?;
                frame.push(Some(v));
            }
            Opcode::LOAD_METHOD => {
                let obj = pop(frame);
                let name = name_at(code, arg);
                let (first, second) =
                    specialize::method::load_method(vm, code, frame.pc - 1, obj, &name)?;
                frame.push(first);
                frame.push(Some(second));
            }
            Opcode::STORE_ATTR => {
                let obj = pop(frame);
                let value = pop(frame);
                let name = name_at(code, arg);
                specialize::store_attr::store_attr(vm, code, frame.pc - 1, &obj, &name, value)?;
            }
            Opcode::DELETE_ATTR => {
                let obj = pop(frame);
                let name = name_at(code, arg);
                ops::setattr(vm, &obj, &name, None)?;
            }
            Opcode::UNARY_NEGATIVE | Opcode::UNARY_POSITIVE | Opcode::UNARY_INVERT => {
                let v = pop(frame);
                let which = match instr.op {
                    Opcode::UNARY_NEGATIVE => "-",
                    Opcode::UNARY_POSITIVE => "+",
                    _ => "~",
                };
                frame.push(Some(ops::unary(vm, &v, which)?));
            }
            Opcode::UNARY_NOT => {
                let v = pop(frame);
                frame.push(Some(boolobj::new_bool(!ops::truthy(vm, &v)?)));
            }
            Opcode::BINARY_OP => {
                let (op, inplace) = BinaryOp::from_arg(arg).ok_or_else(|| {
                    vm.new_error(&exceptions::SYSTEM_ERROR, "bad BINARY_OP argument")
                })?;
                // The operands are read where they lie; the result replaces them.
                specialize::binary_op::binary_op(vm, frame, code, frame.pc - 1, op, inplace)?;
            }
            Opcode::COMPARE_OP => {
                let op = CompareOp::from_arg(arg).ok_or_else(|| {
                    vm.new_error(&exceptions::SYSTEM_ERROR, "bad COMPARE_OP argument")
                })?;
                specialize::compare_op::compare_op(vm, frame, code, frame.pc - 1, op)?;
            }
            Opcode::IS_OP => {
                let b = pop(frame);
                let a = pop(frame);
                frame.push(Some(boolobj::new_bool(a.is(&b) != (arg == 1))));
            }
            Opcode::CONTAINS_OP => {
                let container = pop(frame);
                let item = pop(frame);
                let r = ops::contains(vm, &container, &item)?;
                frame.push(Some(boolobj::new_bool(r != (arg == 1))));
            }
            Opcode::BINARY_SUBSCR => {
                // The operands are read where they lie; the item replaces them.
                let item = match frame.top2() {
                    Some((obj, key)) => {
                        specialize::subscr::binary_subscr(vm, code, frame.pc - 1, obj, key)?
                    }
                    None => {
                        let key = pop(frame);
                        let obj = pop(frame);
                        let item =
                            specialize::subscr::binary_subscr(vm, code, frame.pc - 1, &obj, &key)?;
                        frame.push(Some(item));
                        continue;
                    }
                };
                drop(frame.stack.pop());
                if let Some(slot) = frame.stack.last_mut() {
                    *slot = Some(item);
                }
            }
            Opcode::STORE_SUBSCR => {
                let key = pop(frame);
                let obj = pop(frame);
                let value = pop(frame);
                specialize::subscr::store_subscr(vm, code, frame.pc - 1, &obj, key, value)?;
            }
            Opcode::DELETE_SUBSCR => {
                let key = pop(frame);
                let obj = pop(frame);
                ops::setitem(vm, &obj, &key, None)?;
            }
            Opcode::BUILD_TUPLE => {
                // Pairs and triples without a vector on the way.
                let t = match arg {
                    2 => {
                        let b = pop(frame);
                        let a = pop(frame);
                        tuple::new_tuple_array(vm, [a, b])?
                    }
                    3 => {
                        let c = pop(frame);
                        let b = pop(frame);
                        let a = pop(frame);
                        tuple::new_tuple_array(vm, [a, b, c])?
                    }
                    _ => tuple::new_tuple(vm, pop_n(frame, arg as usize))?,
                };
                frame.push(Some(t));
            }
            Opcode::BUILD_LIST => {
                let items = pop_n(frame, arg as usize);
                frame.push(Some(list::new_list(vm, items)?));
            }
            Opcode::BUILD_MAP => {
                let items = pop_n(frame, arg as usize * 2);
                let d = dict::new_dict_vm(vm)?;
                dict::presize_display(vm, &d, items.iter().step_by(2))?;
                for pair in items.chunks(2) {
                    dict::set_item(vm, &d, pair[0].clone(), pair[1].clone())?;
                }
                frame.push(Some(d));
            }
            Opcode::BUILD_CONST_KEY_MAP => {
                let keys = pop(frame);
                let values = pop_n(frame, arg as usize);
                let d = dict::new_dict_vm(vm)?;
                dict::presize_display(vm, &d, tuple::items(&keys).unwrap_or(&[]).iter())?;
                for (k, v) in tuple::items(&keys).unwrap_or(&[]).iter().zip(values) {
                    dict::set_item(vm, &d, k.clone(), v)?;
                }
                frame.push(Some(d));
            }
            Opcode::BUILD_STRING => {
                let parts = pop_n(frame, arg as usize);
                let size = parts.iter().try_fold(0usize, |n, p| {
                    n.checked_add(pystr::as_text(p).map_or(0, |w| w.as_bytes().len()))
                });
                let size = size.ok_or_else(|| vm.memory_error_err())?;
                if parts.iter().any(pystr::has_surrogates) {
                    let mut s = crate::objects::wtf8::Wtf8Buf::with_capacity(size);
                    for p in &parts {
                        s.push_wtf8(pystr::as_text(p).unwrap_or_default());
                    }
                    frame.push(Some(pystr::new_str_wtf8_vm(vm, s.as_wtf8())?));
                } else {
                    let mut s = super::storage::string_with_capacity(vm, size)?;
                    for p in &parts {
                        s.push_str(pystr::as_str(p).unwrap_or(""));
                    }
                    frame.push(Some(pystr::new_str_vm(vm, &s)?));
                }
            }
            Opcode::LIST_APPEND => {
                let v = pop(frame);
                match &frame.stack[frame.stack.len() - arg as usize] {
                    Some(l) => list::append(vm, l, v)?,
                    None => list::append(vm, &none::none(), v)?,
                }
            }
            Opcode::LIST_EXTEND => {
                let v = pop(frame);
                let l = peek(frame, arg as usize);
                let items = match ops::collect_iterable(vm, &v) {
                    Ok(items) => items,
                    Err(e) => return Err(star_error(vm, frame, code, &v, e)),
                };
                for item in items {
                    list::append(vm, &l, item)?;
                }
            }
            Opcode::LIST_TO_TUPLE => {
                let l = pop(frame);
                let items = list::storage(&l).map(|v| v.snapshot()).unwrap_or_default();
                frame.push(Some(tuple::new_tuple(vm, items)?));
            }
            Opcode::MAP_ADD => {
                let value = pop(frame);
                let key = pop(frame);
                dict::set_item(vm, &peek(frame, arg as usize), key, value)?;
            }
            Opcode::DICT_UPDATE | Opcode::DICT_MERGE => {
                let src = pop(frame);
                let target = peek(frame, arg as usize);
                merge_mapping(vm, &target, &src, instr.op == Opcode::DICT_MERGE, frame)?;
            }
            Opcode::UNPACK_SEQUENCE => {
                let seq = pop(frame);
                if specialize::iteration::unpack_sequence(code, frame.pc - 1, &seq, arg as usize) {
                    if unpack_to_locals(vm, frame, instructions, &seq, arg as usize) {
                        continue;
                    }
                    if fast_ops::seq::unpack_onto(&seq, arg as usize, &mut frame.stack) {
                        continue;
                    }
                }
                let items = ops::collect_iterable(vm, &seq)
                    .map_err(|e| not_iterable_unpack(vm, &seq, e))?;
                let n = arg as usize;
                if items.len() != n {
                    let msg = if items.len() > n {
                        format!("too many values to unpack (expected {n})")
                    } else {
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            n,
                            items.len()
                        )
                    };
                    return Err(vm.value_error(&msg));
                }
                for item in items.into_iter().rev() {
                    frame.push(Some(item));
                }
            }
            Opcode::UNPACK_EX => {
                let seq = pop(frame);
                let (before, after) = ((arg & 0xff) as usize, (arg >> 8) as usize);
                let items = ops::collect_iterable(vm, &seq)
                    .map_err(|e| not_iterable_unpack(vm, &seq, e))?;
                if items.len() < before + after {
                    return Err(vm.value_error(&format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let star_end = items.len() - after;
                let mut pushed: Vec<ObjRef> = Vec::with_capacity(before + after + 1);
                pushed.extend(items[..before].iter().cloned());
                pushed.push(list::new_list(vm, items[before..star_end].to_vec())?);
                pushed.extend(items[star_end..].iter().cloned());
                for item in pushed.into_iter().rev() {
                    frame.push(Some(item));
                }
            }
            Opcode::JUMP_FORWARD => frame.pc = arg as usize,
            Opcode::JUMP_BACKWARD => {
                if crate::modules::posix::ffi::signal_pending() {
                    crate::modules::signal::run_pending(vm)?;
                }
                frame.pc = arg as usize;
            }
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                let v = pop(frame);
                let t = match fast_ops::seq::truth(&v) {
                    Some(t) => t,
                    None => ops::truthy(vm, &v)?,
                };
                if t == (instr.op == Opcode::POP_JUMP_IF_TRUE) {
                    frame.pc = arg as usize;
                }
            }
            Opcode::POP_JUMP_IF_NONE | Opcode::POP_JUMP_IF_NOT_NONE => {
                let v = pop(frame);
                if none::is_none(&v) == (instr.op == Opcode::POP_JUMP_IF_NONE) {
                    frame.pc = arg as usize;
                }
            }
            Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                let fast = match frame.stack.last() {
                    Some(Some(v)) => fast_ops::seq::truth(v),
                    _ => None,
                };
                let t = match fast {
                    Some(t) => t,
                    None => ops::truthy(vm, &top(frame))?,
                };
                if t == (instr.op == Opcode::JUMP_IF_TRUE_OR_POP) {
                    frame.pc = arg as usize;
                } else {
                    drop(frame.stack.pop());
                }
            }
            Opcode::GET_ITER => {
                let v = pop(frame);
                frame.push(Some(ops::iter(vm, &v)?));
            }
            Opcode::GET_YIELD_FROM_ITER => {
                let v = pop(frame);
                let it = crate::objects::coroutine::yield_from_iter(vm, &v, code.flags)?;
                frame.push(Some(it));
            }
            Opcode::FOR_ITER => {
                let fast = match frame.stack.last() {
                    Some(Some(it)) => specialize::iteration::for_iter(vm, code, frame.pc - 1, it),
                    _ => None,
                };
                let step = match fast {
                    Some(step) => step?,
                    None => {
                        let it = top(frame);
                        match crate::objects::generator::for_iter(vm, &it) {
                            Some(step) => step?,
                            None => ops::next(vm, &it)?,
                        }
                    }
                };
                match step {
                    Some(v) => frame.push(Some(v)),
                    None => {
                        drop(frame.stack.pop());
                        frame.pc = arg as usize;
                    }
                }
            }
            Opcode::KW_NAMES => kwnames = Some(consts[arg as usize].clone()),
            Opcode::CALL => {
                if kwnames.is_none() {
                    let (pc, n) = (frame.pc - 1, arg as usize);
                    if let Some(result) = specialize::call::call(vm, frame, code, pc, n) {
                        frame.push(Some(result?));
                        continue;
                    }
                }
                // Arguments go to the callee as a slice; up to eight (and the receiver of a
                // method call) stay on the Rust stack, so a call allocates no argument vector.
                let n = arg as usize;
                let base = frame.stack.len() - n;
                let mut args: CallArgs = SmallVec::with_capacity(n + 1);
                let method_or_null = frame.stack[base - 2].take();
                let mut callable = frame.stack[base - 1].take();
                if method_or_null.is_some() {
                    args.push(callable.take().unwrap_or_else(none::none));
                }
                args.extend(
                    frame
                        .stack
                        .drain(base..)
                        .map(|v| v.unwrap_or_else(none::none)),
                );
                frame.stack.truncate(base - 2);
                let kw = kwnames.take();
                let result = match (method_or_null, callable) {
                    (None, Some(c)) if n == 0 && frame_aware(&c).is_some() => {
                        call_frame_aware(vm, frame, code, &c)?
                    }
                    (None, Some(c)) if super::eval_builtins::wants_frame(&c) => {
                        super::eval_builtins::call_with_frame(
                            vm,
                            frame,
                            code,
                            &c,
                            &args,
                            kw.as_ref(),
                        )?
                    }
                    (None, Some(c)) => ops::call(vm, &c, &args, kw.as_ref())?,
                    (Some(m), None) => ops::call(vm, &m, &args, kw.as_ref())?,
                    _ => {
                        return Err(
                            vm.new_error(&exceptions::SYSTEM_ERROR, "CALL without a callable")
                        )
                    }
                };
                frame.push(Some(result));
            }
            Opcode::CALL_FUNCTION_EX => {
                let kwargs = if arg & 1 != 0 { Some(pop(frame)) } else { None };
                let callargs = pop(frame);
                let func = pop(frame);
                drop(frame.stack.pop()); // the NULL below the callable
                let result = call_ex(vm, &func, &callargs, kwargs.as_ref())?;
                frame.push(Some(result));
            }
            Opcode::MAKE_FUNCTION => {
                let code_obj = pop(frame);
                let closure = if arg & 0x08 != 0 {
                    Some(pop(frame))
                } else {
                    None
                };
                let annotations = if arg & 0x04 != 0 {
                    Some(annotations_dict(vm, &pop(frame))?)
                } else {
                    None
                };
                let kwdefaults = if arg & 0x02 != 0 {
                    Some(pop(frame))
                } else {
                    None
                };
                let defaults = if arg & 0x01 != 0 {
                    Some(pop(frame))
                } else {
                    None
                };
                let f =
                    crate::objects::function::new_function(vm, code_obj, frame.globals.clone())?;
                if let Some(fo) = f.downcast::<FunctionObject>() {
                    drop(fo.defaults.replace(defaults));
                    drop(fo.kwdefaults.replace(kwdefaults));
                    drop(fo.closure.replace(closure));
                    drop(fo.annotations.replace(annotations));
                }
                frame.push(Some(f));
            }
            Opcode::RETURN_VALUE => return Ok(Exit::Return(pop(frame))),
            Opcode::RETURN_GENERATOR => return Ok(Exit::CreateGenerator),
            Opcode::YIELD_VALUE => return Ok(Exit::Yield(pop(frame))),
            Opcode::SEND => {
                let value = pop(frame);
                let receiver = top(frame);
                match crate::objects::generator::send_to(vm, &receiver, value)? {
                    crate::objects::generator::Sent::Yielded(v) => frame.push(Some(v)),
                    crate::objects::generator::Sent::Returned(v) => {
                        drop(frame.stack.pop());
                        frame.push(Some(v));
                        frame.pc = arg as usize;
                    }
                }
            }
            Opcode::FORMAT_VALUE => {
                let spec = if arg & 4 != 0 { Some(pop(frame)) } else { None };
                let v = pop(frame);
                let converted = match arg & 3 {
                    1 => ops::str(vm, &v)?,
                    2 => ops::repr(vm, &v)?,
                    3 => ops::ascii(vm, &v)?,
                    _ => v,
                };
                let spec_text = spec.as_ref().and_then(pystr::as_str).unwrap_or("");
                frame.push(Some(crate::objects::format::format_value(
                    vm, &converted, spec_text,
                )?));
            }
            Opcode::RAISE_VARARGS => {
                return Err(unwind::raise(vm, arg, frame)?);
            }
            Opcode::IMPORT_NAME => {
                let fromlist = pop(frame);
                let level = pop(frame);
                let name = name_at(code, arg);
                let level = int::as_i64(&level).unwrap_or(0).max(0) as usize;
                let m = super::import::import_name(
                    vm,
                    pystr::as_str(&name).unwrap_or(""),
                    &frame.globals,
                    &fromlist,
                    level,
                )?;
                frame.push(Some(m));
            }
            Opcode::IMPORT_FROM => {
                let module = top(frame);
                let name = name_at(code, arg);
                let v =
                    super::import::import_from(vm, &module, pystr::as_str(&name).unwrap_or(""))?;
                frame.push(Some(v));
            }
            Opcode::IMPORT_STAR => {
                let module = pop(frame);
                let ns = frame
                    .locals
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                super::import::import_star(vm, &module, &ns)?;
            }
            Opcode::LOAD_BUILD_CLASS => {
                let bc = dict::get_str(vm, &vm.builtins, "__build_class__")?
                    .ok_or_else(|| vm.name_error("__build_class__"))?;
                frame.push(Some(bc));
            }
            Opcode::LOAD_ASSERTION_ERROR => {
                frame.push(Some(ObjRef::from_type(&exceptions::ASSERTION_ERROR)));
            }
            Opcode::PUSH_EXC_INFO => {
                let exc = pop(frame);
                let prev = vm.exc_info.replace(Some(exc.clone()));
                frame.handlers += 1;
                frame.push(Some(prev.unwrap_or_else(none::none)));
                frame.push(Some(exc));
            }
            Opcode::POP_EXCEPT => {
                frame.handlers = frame.handlers.saturating_sub(1);
                let prev = pop(frame);
                let prev = if none::is_none(&prev) {
                    None
                } else {
                    Some(prev)
                };
                drop(vm.exc_info.replace(prev));
            }
            Opcode::RERAISE => {
                let exc = pop(frame);
                vm.reraising.set(true);
                return Err(PyErr::new(exc));
            }
            Opcode::CHECK_EXC_MATCH => {
                let class = pop(frame);
                let exc = top(frame);
                let matched = unwind::exception_matches(vm, &exc, &class)?;
                frame.push(Some(boolobj::new_bool(matched)));
            }
            Opcode::BEFORE_WITH => {
                let mgr = pop(frame);
                let enter = ops::lookup_special(vm, &mgr, "__enter__")?.ok_or_else(|| {
                    vm.type_error(&format!(
                        "'{}' object does not support the context manager protocol",
                        mgr.ob_type().name()
                    ))
                })?;
                let exit = ops::lookup_special(vm, &mgr, "__exit__")?.ok_or_else(|| {
                    vm.type_error(&format!(
                        "'{}' object does not support the context manager protocol (missed __exit__ method)",
                        mgr.ob_type().name()
                    ))
                })?;
                frame.push(Some(exit));
                let result = ops::call(vm, &enter, &[], None)?;
                frame.push(Some(result));
            }
            Opcode::WITH_EXCEPT_START => {
                let exc = top(frame);
                let exit = peek(frame, 4);
                let tb = ops::getattr(vm, &exc, "__traceback__")?;
                let r = ops::call(vm, &exit, &[exc.type_object(), exc.clone(), tb], None)?;
                frame.push(Some(r));
            }
            Opcode::BUILD_SLICE => {
                // With the subscript after it, on an exact list: no slice object made.
                if super::eval_slice::build_slice_fused(
                    vm,
                    frame,
                    code,
                    instructions,
                    arg as usize,
                )? {
                    continue;
                }
                let step = if arg == 3 { pop(frame) } else { none::none() };
                let stop = pop(frame);
                let start = pop(frame);
                let s = crate::objects::slice::new_slice(vm, start, stop, step)?;
                frame.stack.push(Some(s));
            }
            Opcode::BUILD_SET => {
                let n = arg as usize;
                let items: Vec<ObjRef> = frame
                    .stack
                    .drain(frame.stack.len() - n..)
                    .map(|v| v.unwrap_or_else(none::none))
                    .collect();
                let s = crate::objects::set::new_set(vm)?;
                for item in items {
                    crate::objects::set::add(vm, &s, item)?;
                }
                frame.stack.push(Some(s));
            }
            Opcode::SET_ADD => {
                let v = pop(frame);
                let s = frame.stack[frame.stack.len() - arg as usize]
                    .clone()
                    .unwrap_or_else(none::none);
                crate::objects::set::add(vm, &s, v)?;
            }
            Opcode::SET_UPDATE => {
                let v = pop(frame);
                let s = frame.stack[frame.stack.len() - arg as usize]
                    .clone()
                    .unwrap_or_else(none::none);
                crate::objects::set::update(vm, &s, &v)?;
            }
            Opcode::GET_LEN
            | Opcode::MATCH_SEQUENCE
            | Opcode::MATCH_MAPPING
            | Opcode::MATCH_KEYS
            | Opcode::MATCH_CLASS => super::eval_match::execute(vm, frame, instr.op, arg)?,
            Opcode::CHECK_EG_MATCH | Opcode::PREP_RERAISE_STAR => {
                super::eval_exc::execute(vm, frame, instr.op)?
            }
            Opcode::GET_AWAITABLE
            | Opcode::GET_AITER
            | Opcode::GET_ANEXT
            | Opcode::END_ASYNC_FOR
            | Opcode::BEFORE_ASYNC_WITH
            | Opcode::ASYNC_GEN_WRAP => super::eval_async::execute(vm, frame, instr.op, arg)?,
            Opcode::PRINT_EXPR => super::eval_builtins::print_expr(vm, pop(frame))?,
            // Every opcode is implemented now; the arm stays for opcodes added later.
            #[allow(unreachable_patterns)]
            other => {
                return Err(vm.new_error(
                    &exceptions::SYSTEM_ERROR,
                    &format!("opcode {} is not supported yet", other.name()),
                ))
            }
        }
    }
}

fn not_iterable_unpack(vm: &Vm, seq: &ObjRef, e: PyErr) -> PyErr {
    let ty = seq.ob_type();
    // A class's slot functions dispatch to its methods: it is iterable when it has one of them.
    let iterable = if ty.is_heap_type() {
        ["__iter__", "__getitem__"]
            .iter()
            .any(|n| super::attr::type_lookup(vm, ty, n).is_ok_and(|m| m.is_some()))
    } else {
        ty.slots.iter.is_some()
    };
    if e.matches(&exceptions::TYPE_ERROR) && !iterable {
        return vm.type_error(&format!(
            "cannot unpack non-iterable {} object",
            seq.ob_type().name()
        ));
    }
    e
}

/// `DICT_UPDATE` / `DICT_MERGE` (the latter rejects repeated keywords, as calls do).
fn merge_mapping(
    vm: &Vm,
    target: &ObjRef,
    src: &ObjRef,
    is_call: bool,
    frame: &Frame,
) -> PyResult<()> {
    let items = if dict::table(src).is_some()
        && !crate::objects::dict_methods::overrides_iter(vm, src)?
    {
        if dict::begin_merge(vm, target, src)? {
            return Ok(());
        }
        dict::items(src)
    } else {
        let keys = ops::getattr(vm, src, "keys").map_err(|_| {
            if is_call {
                let func = frame
                    .stack
                    .len()
                    .checked_sub(3)
                    .and_then(|i| frame.stack[i].clone());
                let fname = func.map_or_else(|| "function".into(), |f| ops::callable_name(vm, &f));
                vm.type_error(&format!(
                    "{} argument after ** must be a mapping, not {}",
                    fname,
                    src.ob_type().name()
                ))
            } else {
                vm.type_error(&format!(
                    "'{}' object is not a mapping",
                    src.ob_type().name()
                ))
            }
        })?;
        let keys = ops::call(vm, &keys, &[], None)?;
        let mut out = Vec::new();
        for k in ops::collect_iterable(vm, &keys)? {
            let v = ops::getitem(vm, src, &k)?;
            out.push((k, v));
        }
        out
    };
    for (k, v) in items {
        if is_call && dict::get_item(vm, target, &k)?.is_some() {
            let func = frame
                .stack
                .len()
                .checked_sub(3)
                .and_then(|i| frame.stack[i].clone());
            let fname = func.map_or_else(|| "function".into(), |f| ops::callable_name(vm, &f));
            return Err(vm.type_error(&format!(
                "{} got multiple values for keyword argument '{}'",
                fname,
                pystr::as_str(&k).unwrap_or("?")
            )));
        }
        dict::set_item(vm, target, k, v)?;
    }
    Ok(())
}

/// `f(*args, **kwargs)`.
pub fn call_ex(
    vm: &Vm,
    func: &ObjRef,
    callargs: &ObjRef,
    kwargs: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let mut args = match tuple::items(callargs) {
        Some(items) => items.to_vec(),
        None => ops::collect_iterable(vm, callargs)?,
    };
    let mut names = Vec::new();
    if let Some(kw) = kwargs {
        for (k, v) in dict::items(kw) {
            if !pystr::is_str(&k) {
                return Err(vm.type_error("keywords must be strings"));
            }
            names.push(k);
            args.push(v);
        }
    }
    if names.is_empty() {
        ops::call(vm, func, &args, None)
    } else {
        let kwnames = tuple::new_tuple(vm, names)?;
        ops::call(vm, func, &args, Some(&kwnames))
    }
}

/// Builtins whose zero-argument call depends on the calling frame.
#[derive(Clone, Copy)]
enum FrameAware {
    Super,
    Globals,
    Locals,
    Dir,
    GetFrame,
}

fn frame_aware(c: &ObjRef) -> Option<FrameAware> {
    if c.as_type()
        .is_some_and(|t| std::ptr::eq(t, &crate::objects::superobj::SUPER_TYPE))
    {
        return Some(FrameAware::Super);
    }
    let name = crate::objects::function::builtin_name(c)?;
    match name {
        "globals" => Some(FrameAware::Globals),
        "locals" | "vars" => Some(FrameAware::Locals),
        "_getframe" => Some(FrameAware::GetFrame),
        "dir" => Some(FrameAware::Dir),
        _ => None,
    }
}

/// `super()`, `globals()`, `locals()` and `vars()` with no arguments, completed from the frame.
fn call_frame_aware(vm: &Vm, frame: &Frame, code: &CodeObject, c: &ObjRef) -> PyResult<ObjRef> {
    match frame_aware(c) {
        Some(FrameAware::Globals) => Ok(frame.globals.clone()),
        Some(FrameAware::GetFrame) => crate::modules::sys_frames::getframe(vm, 0, Some(frame)),
        Some(FrameAware::Dir) => {
            // `dir()`: the sorted names of the local scope.
            let l = call_frame_aware_locals(vm, frame, code)?;
            let keys = crate::vm::ops::collect_iterable(vm, &l)?;
            let list = crate::objects::list::new_list(vm, keys)?;
            crate::objects::list_sort::sort_list(vm, &list, None, false)?;
            Ok(list)
        }
        Some(FrameAware::Locals) => call_frame_aware_locals(vm, frame, code),
        _ => call_super(vm, frame, code),
    }
}

/// `locals()` of a frame: its namespace, or a dict of its bound fast locals.
fn call_frame_aware_locals(vm: &Vm, frame: &Frame, code: &CodeObject) -> PyResult<ObjRef> {
    match &frame.locals {
        Some(l) => Ok(l.clone()),
        None => {
            let d = dict::new_dict_vm(vm)?;
            let nvars = tuple::items(&code.varnames).map_or(0, |v| v.len());
            for (i, v) in frame.fast.iter().enumerate() {
                let Some(v) = v else { continue };
                let v = if i >= nvars {
                    match cell::get(v) {
                        Some(x) => x,
                        None => continue,
                    }
                } else {
                    v.clone()
                };
                dict::set_str(vm, &d, &slot_name(code, i), v)?;
            }
            Ok(d)
        }
    }
}

/// `super()` with no arguments: the `__class__` cell and the first argument of the frame.
fn call_super(vm: &Vm, frame: &Frame, code: &CodeObject) -> PyResult<ObjRef> {
    {
        if code.argcount == 0 && code.flags & crate::compiler::code::flags::VARARGS == 0 {
            return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "super(): no arguments"));
        }
        let err = || {
            vm.new_error(
                &exceptions::RUNTIME_ERROR,
                "super(): __class__ cell not found",
            )
        };
        let freevars = tuple::items(&code.freevars).unwrap_or(&[]);
        let pos = freevars
            .iter()
            .position(|n| pystr::as_str(n) == Some("__class__"))
            .ok_or_else(err)?;
        let slot = frame.fast.len() - freevars.len() + pos;
        let class_cell = frame.fast[slot].clone().ok_or_else(err)?;
        let cls = cell::get(&class_cell).ok_or_else(|| {
            vm.new_error(&exceptions::RUNTIME_ERROR, "super(): empty __class__ cell")
        })?;
        if code.argcount == 0 && code.flags & crate::compiler::code::flags::VARARGS == 0 {
            return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "super(): no arguments"));
        }
        // The first argument, possibly moved into a cell.
        let first = match &frame.fast[0] {
            Some(v) => Some(v.clone()),
            None => code
                .cell2arg
                .iter()
                .position(|a| *a == Some(0))
                .and_then(|ci| {
                    frame.fast[tuple::items(&code.varnames).map_or(0, |v| v.len()) + ci].clone()
                })
                .and_then(|c| cell::get(&c)),
        };
        let first = first
            .ok_or_else(|| vm.new_error(&exceptions::RUNTIME_ERROR, "super(): arg[0] deleted"))?;
        crate::objects::superobj::new_super(vm, cls, first)
    }
}

/// The `__annotations__` dict of a function from `MAKE_FUNCTION`'s flat `(name, value, ...)`
/// tuple.
fn annotations_dict(vm: &Vm, pairs: &ObjRef) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    if let Some(items) = crate::objects::tuple::items(pairs) {
        for kv in items.chunks(2) {
            if let [k, v] = kv {
                dict::set_item(vm, &d, k.clone(), v.clone())?;
            }
        }
    }
    Ok(d)
}

/// CPython's errors for `f(*x)` with a non-iterable `x`: "f() argument after * must be an
/// iterable" when `x` is the call's only positional source, "Value after * ..." otherwise.
fn star_error(vm: &Vm, frame: &Frame, code: &CodeObject, v: &ObjRef, e: PyErr) -> PyErr {
    let not_iterable = e.matches(&exceptions::TYPE_ERROR)
        && v.ob_type().slots.iter.is_none()
        && v.ob_type().slots.getitem.is_none();
    if !not_iterable {
        return e;
    }
    let at = |i: usize| code.instructions.get(i).map(|x| x.op);
    let pc = frame.pc;
    let for_call =
        at(pc) == Some(Opcode::LIST_TO_TUPLE) && at(pc + 1) == Some(Opcode::CALL_FUNCTION_EX);
    let single =
        pc >= 3 && at(pc - 3) == Some(Opcode::BUILD_LIST) && code.instructions[pc - 3].arg == 0;
    let tname = v.ob_type().name().to_string();
    if for_call && single && frame.stack.len() >= 2 {
        if let Some(func) = frame.stack[frame.stack.len() - 2].clone() {
            let name = ops::callable_name(vm, &func);
            return vm.type_error(&format!(
                "{name} argument after * must be an iterable, not {tname}"
            ));
        }
    }
    vm.type_error(&format!("Value after * must be an iterable, not {tname}"))
}
