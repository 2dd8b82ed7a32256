//! The evaluation loop (CPython's `Python/ceval.c`) and Python function calls.

use super::frame::Frame;
use super::{ops, PyResult, Vm};
use crate::compiler::opcode::{BinaryOp, CompareOp, Opcode};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::function::FunctionObject;
use crate::objects::{boolobj, dict, exceptions, list, none, str as pystr, tuple};

/// Calls a Python function object.
pub fn call_function(vm: &Vm, func: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = func
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let code = f
        .code
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("function without code"))?;
    let mut frame = Frame::new(f.code.clone(), f.globals.clone(), None);
    bind_arguments(vm, f, code, &mut frame, args, kwnames)?;
    if let Some(closure) = f.closure.get() {
        let cells = tuple::items(&closure).unwrap_or(&[]);
        let base = frame.fast.len() - cells.len();
        for (i, c) in cells.iter().enumerate() {
            frame.fast[base + i] = Some(c.clone());
        }
    }
    run_frame(vm, &mut frame)
}

fn func_name(f: &FunctionObject) -> String {
    f.qualname.get().as_ref().and_then(|q| pystr::as_str(q).map(str::to_string)).unwrap_or_default()
}

fn bind_arguments(
    vm: &Vm,
    f: &FunctionObject,
    code: &CodeObject,
    frame: &mut Frame,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<()> {
    let argcount = code.argcount as usize;
    let kwnames: &[ObjRef] = kwnames.and_then(tuple::items).unwrap_or(&[]);
    let npos = args.len() - kwnames.len();
    let name = func_name(f);
    if npos > argcount {
        return Err(vm.type_error(&format!(
            "{}() takes {} positional argument{} but {} {} given",
            name,
            argcount,
            if argcount == 1 { "" } else { "s" },
            npos,
            if npos == 1 { "was" } else { "were" }
        )));
    }
    for (i, a) in args[..npos].iter().enumerate() {
        frame.fast[i] = Some(a.clone());
    }
    let varnames: &[ObjRef] = tuple::items(&code.varnames).unwrap_or(&[]);
    for (k, value) in kwnames.iter().zip(&args[npos..]) {
        let kname = pystr::as_str(k).unwrap_or("");
        let slot = varnames[..argcount + code.kwonlyargcount as usize]
            .iter()
            .position(|v| pystr::as_str(v) == Some(kname));
        match slot {
            Some(i) if i < code.posonlyargcount as usize => {
                return Err(vm.type_error(&format!(
                    "{name}() got some positional-only arguments passed as keyword arguments: '{kname}'"
                )))
            }
            Some(i) if frame.fast[i].is_some() => {
                return Err(vm.type_error(&format!(
                    "{name}() got multiple values for argument '{kname}'"
                )))
            }
            Some(i) => frame.fast[i] = Some(value.clone()),
            None => {
                return Err(vm.type_error(&format!(
                    "{name}() got an unexpected keyword argument '{kname}'"
                )))
            }
        }
    }
    let defaults = f.defaults.get();
    let defaults: &[ObjRef] = defaults.as_ref().and_then(tuple::items).unwrap_or(&[]);
    let first_default = argcount - defaults.len().min(argcount);
    let mut missing = Vec::new();
    for i in 0..argcount {
        if frame.fast[i].is_none() {
            if i >= first_default {
                frame.fast[i] = Some(defaults[i - first_default].clone());
            } else {
                missing.push(format!("'{}'", pystr::as_str(&varnames[i]).unwrap_or("?")));
            }
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
        };
        return Err(vm.type_error(&format!(
            "{}() missing {} required positional argument{}: {}",
            name,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            list
        )));
    }
    Ok(())
}

/// Runs a frame to completion, with the recursion budget and a traceback entry on error.
pub fn run_frame(vm: &Vm, frame: &mut Frame) -> PyResult<ObjRef> {
    let _depth = vm.enter_call()?;
    let result = eval(vm, frame);
    if let Err(e) = &result {
        add_traceback(vm, e, frame);
    }
    result
}

fn add_traceback(vm: &Vm, err: &super::PyErr, frame: &Frame) {
    let Some(code) = frame.code.downcast::<CodeObject>() else { return };
    let Some(p) = exceptions::payload(&err.exc) else { return };
    let line = code.line_of(frame.pc.saturating_sub(1)).unwrap_or(code.firstlineno);
    let entry = (|| -> PyResult<ObjRef> {
        let line = crate::objects::int::new_int(vm, line as i64)?;
        tuple::new_tuple(vm, vec![code.filename.clone(), line, code.name.clone()])
    })();
    if let Ok(entry) = entry {
        // Innermost frames are added first while unwinding; keep them in outermost-first order.
        let _ = p.traceback.insert(0, entry);
    }
}

#[inline]
fn pop(frame: &mut Frame) -> ObjRef {
    frame.stack.pop().flatten().unwrap_or_else(none::none)
}

#[inline]
fn top(frame: &Frame) -> ObjRef {
    frame.stack.last().cloned().flatten().unwrap_or_else(none::none)
}

fn name_at(code: &CodeObject, i: u32) -> ObjRef {
    tuple::items(&code.names).and_then(|n| n.get(i as usize)).cloned().unwrap_or_else(none::none)
}

fn varname_at(code: &CodeObject, i: usize) -> String {
    let all = [&code.varnames, &code.cellvars, &code.freevars];
    let mut i = i;
    for t in all {
        let items = tuple::items(t).unwrap_or(&[]);
        if i < items.len() {
            return pystr::as_str(&items[i]).unwrap_or("?").to_string();
        }
        i -= items.len();
    }
    String::from("?")
}

fn load_name(vm: &Vm, frame: &Frame, name: &ObjRef, check_locals: bool) -> PyResult<ObjRef> {
    if check_locals {
        if let Some(l) = &frame.locals {
            if let Some(v) = dict::get_item(vm, l, name)? {
                return Ok(v);
            }
        }
    }
    if let Some(v) = dict::get_item(vm, &frame.globals, name)? {
        return Ok(v);
    }
    if let Some(v) = dict::get_item(vm, &vm.builtins, name)? {
        return Ok(v);
    }
    Err(vm.name_error(pystr::as_str(name).unwrap_or("?")))
}

/// The loop itself.
fn eval(vm: &Vm, frame: &mut Frame) -> PyResult<ObjRef> {
    let code_ref = frame.code.clone();
    let code = code_ref
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("frame without code"))?;
    let consts: &[ObjRef] = tuple::items(&code.consts).unwrap_or(&[]);
    let mut kwnames: Option<ObjRef> = None;
    loop {
        let Some(instr) = code.instructions.get(frame.pc).copied() else {
            return Err(vm.new_error(&exceptions::SYSTEM_ERROR, "ran off the end of the code"));
        };
        frame.pc += 1;
        let arg = instr.arg;
        match instr.op {
            Opcode::NOP | Opcode::RESUME => {}
            Opcode::POP_TOP => {
                frame.stack.pop();
            }
            Opcode::COPY => {
                let v = frame.stack[frame.stack.len() - arg as usize].clone();
                frame.stack.push(v);
            }
            Opcode::SWAP => {
                let n = frame.stack.len();
                frame.stack.swap(n - 1, n - arg as usize);
            }
            Opcode::PUSH_NULL => frame.stack.push(None),
            Opcode::LOAD_CONST => frame.stack.push(Some(consts[arg as usize].clone())),
            Opcode::LOAD_NAME => {
                let v = load_name(vm, frame, &name_at(code, arg), true)?;
                frame.stack.push(Some(v));
            }
            Opcode::LOAD_GLOBAL => {
                let v = load_name(vm, frame, &name_at(code, arg), false)?;
                frame.stack.push(Some(v));
            }
            Opcode::STORE_NAME => {
                let v = pop(frame);
                let ns = frame.locals.clone().unwrap_or_else(|| frame.globals.clone());
                dict::set_item(vm, &ns, name_at(code, arg), v)?;
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
            Opcode::LOAD_FAST => match &frame.fast[arg as usize] {
                Some(v) => frame.stack.push(Some(v.clone())),
                None => {
                    return Err(vm.new_error(
                        &exceptions::UNBOUND_LOCAL_ERROR,
                        &format!(
                            "cannot access local variable '{}' where it is not associated with a value",
                            varname_at(code, arg as usize)
                        ),
                    ))
                }
            },
            Opcode::STORE_FAST => {
                let v = pop(frame);
                let old = frame.fast[arg as usize].replace(v);
                drop(old);
            }
            Opcode::DELETE_FAST => {
                if frame.fast[arg as usize].take().is_none() {
                    return Err(vm.new_error(
                        &exceptions::UNBOUND_LOCAL_ERROR,
                        &format!(
                            "cannot access local variable '{}' where it is not associated with a value",
                            varname_at(code, arg as usize)
                        ),
                    ));
                }
            }
            Opcode::LOAD_ATTR => {
                let obj = pop(frame);
                let name = name_at(code, arg);
                let v = ops::getattr(vm, &obj, pystr::as_str(&name).unwrap_or(""))?;
                frame.stack.push(Some(v));
            }
            Opcode::LOAD_METHOD => {
                let obj = pop(frame);
                let name = name_at(code, arg);
                let v = ops::getattr(vm, &obj, pystr::as_str(&name).unwrap_or(""))?;
                frame.stack.push(None);
                frame.stack.push(Some(v));
            }
            Opcode::UNARY_NEGATIVE | Opcode::UNARY_POSITIVE | Opcode::UNARY_INVERT => {
                let v = pop(frame);
                let which = match instr.op {
                    Opcode::UNARY_NEGATIVE => "-",
                    Opcode::UNARY_POSITIVE => "+",
                    _ => "~",
                };
                frame.stack.push(Some(ops::unary(vm, &v, which)?));
            }
            Opcode::UNARY_NOT => {
                let v = pop(frame);
                frame.stack.push(Some(boolobj::new_bool(!ops::truthy(vm, &v)?)));
            }
            Opcode::BINARY_OP => {
                let b = pop(frame);
                let a = pop(frame);
                let (op, inplace) = BinaryOp::from_arg(arg)
                    .ok_or_else(|| vm.new_error(&exceptions::SYSTEM_ERROR, "bad BINARY_OP argument"))?;
                frame.stack.push(Some(ops::binary_op(vm, &a, &b, op, inplace)?));
            }
            Opcode::COMPARE_OP => {
                let b = pop(frame);
                let a = pop(frame);
                let op = CompareOp::from_arg(arg)
                    .ok_or_else(|| vm.new_error(&exceptions::SYSTEM_ERROR, "bad COMPARE_OP argument"))?;
                frame.stack.push(Some(ops::richcompare(vm, &a, &b, op)?));
            }
            Opcode::IS_OP => {
                let b = pop(frame);
                let a = pop(frame);
                frame.stack.push(Some(boolobj::new_bool(a.is(&b) != (arg == 1))));
            }
            Opcode::CONTAINS_OP => {
                let container = pop(frame);
                let item = pop(frame);
                let r = ops::contains(vm, &container, &item)?;
                frame.stack.push(Some(boolobj::new_bool(r != (arg == 1))));
            }
            Opcode::BINARY_SUBSCR => {
                let key = pop(frame);
                let obj = pop(frame);
                frame.stack.push(Some(ops::getitem(vm, &obj, &key)?));
            }
            Opcode::STORE_SUBSCR => {
                let key = pop(frame);
                let obj = pop(frame);
                let value = pop(frame);
                ops::setitem(vm, &obj, &key, Some(&value))?;
            }
            Opcode::DELETE_SUBSCR => {
                let key = pop(frame);
                let obj = pop(frame);
                ops::setitem(vm, &obj, &key, None)?;
            }
            Opcode::BUILD_TUPLE | Opcode::BUILD_LIST => {
                let n = arg as usize;
                let items: Vec<ObjRef> = frame
                    .stack
                    .drain(frame.stack.len() - n..)
                    .map(|v| v.unwrap_or_else(none::none))
                    .collect();
                let v = if instr.op == Opcode::BUILD_TUPLE {
                    tuple::new_tuple(vm, items)?
                } else {
                    list::new_list(vm, items)?
                };
                frame.stack.push(Some(v));
            }
            Opcode::BUILD_MAP => {
                let n = arg as usize * 2;
                let items: Vec<ObjRef> = frame
                    .stack
                    .drain(frame.stack.len() - n..)
                    .map(|v| v.unwrap_or_else(none::none))
                    .collect();
                let d = dict::new_dict_vm(vm)?;
                for pair in items.chunks(2) {
                    dict::set_item(vm, &d, pair[0].clone(), pair[1].clone())?;
                }
                frame.stack.push(Some(d));
            }
            Opcode::BUILD_CONST_KEY_MAP => {
                let keys = pop(frame);
                let n = arg as usize;
                let values: Vec<ObjRef> = frame
                    .stack
                    .drain(frame.stack.len() - n..)
                    .map(|v| v.unwrap_or_else(none::none))
                    .collect();
                let d = dict::new_dict_vm(vm)?;
                for (k, v) in tuple::items(&keys).unwrap_or(&[]).iter().zip(values) {
                    dict::set_item(vm, &d, k.clone(), v)?;
                }
                frame.stack.push(Some(d));
            }
            Opcode::LIST_APPEND => {
                let v = pop(frame);
                let l = frame.stack[frame.stack.len() - arg as usize].clone().unwrap_or_else(none::none);
                list::append(vm, &l, v)?;
            }
            Opcode::LIST_EXTEND => {
                let v = pop(frame);
                let l = frame.stack[frame.stack.len() - arg as usize].clone().unwrap_or_else(none::none);
                for item in ops::collect_iterable(vm, &v)? {
                    list::append(vm, &l, item)?;
                }
            }
            Opcode::LIST_TO_TUPLE => {
                let l = pop(frame);
                let items = list::storage(&l).map(|v| v.snapshot()).unwrap_or_default();
                frame.stack.push(Some(tuple::new_tuple(vm, items)?));
            }
            Opcode::MAP_ADD => {
                let value = pop(frame);
                let key = pop(frame);
                let d = frame.stack[frame.stack.len() - arg as usize].clone().unwrap_or_else(none::none);
                dict::set_item(vm, &d, key, value)?;
            }
            Opcode::UNPACK_SEQUENCE => {
                let seq = pop(frame);
                let items = ops::collect_iterable(vm, &seq)?;
                let n = arg as usize;
                if items.len() != n {
                    let msg = if items.len() > n {
                        format!("too many values to unpack (expected {n})")
                    } else {
                        format!("not enough values to unpack (expected {}, got {})", n, items.len())
                    };
                    return Err(vm.value_error(&msg));
                }
                frame.stack.extend(items.into_iter().rev().map(Some));
            }
            Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD => frame.pc = arg as usize,
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                let v = pop(frame);
                if ops::truthy(vm, &v)? == (instr.op == Opcode::POP_JUMP_IF_TRUE) {
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
                let v = top(frame);
                if ops::truthy(vm, &v)? == (instr.op == Opcode::JUMP_IF_TRUE_OR_POP) {
                    frame.pc = arg as usize;
                } else {
                    frame.stack.pop();
                }
            }
            Opcode::GET_ITER => {
                let v = pop(frame);
                frame.stack.push(Some(ops::iter(vm, &v)?));
            }
            Opcode::FOR_ITER => {
                let it = top(frame);
                match ops::next(vm, &it)? {
                    Some(v) => frame.stack.push(Some(v)),
                    None => {
                        frame.stack.pop();
                        frame.pc = arg as usize;
                    }
                }
            }
            Opcode::KW_NAMES => kwnames = Some(consts[arg as usize].clone()),
            Opcode::CALL => {
                let n = arg as usize;
                let args: Vec<ObjRef> = frame
                    .stack
                    .drain(frame.stack.len() - n..)
                    .map(|v| v.unwrap_or_else(none::none))
                    .collect();
                let callable = frame.stack.pop().flatten();
                let method_or_null = frame.stack.pop().flatten();
                let kw = kwnames.take();
                let result = match (method_or_null, callable) {
                    (None, Some(c)) => ops::call(vm, &c, &args, kw.as_ref())?,
                    (Some(m), Some(this)) => {
                        let mut full = Vec::with_capacity(args.len() + 1);
                        full.push(this);
                        full.extend(args);
                        ops::call(vm, &m, &full, kw.as_ref())?
                    }
                    _ => return Err(vm.new_error(&exceptions::SYSTEM_ERROR, "CALL without a callable")),
                };
                frame.stack.push(Some(result));
            }
            Opcode::MAKE_FUNCTION => {
                let code_obj = pop(frame);
                let closure = if arg & 0x08 != 0 { Some(pop(frame)) } else { None };
                let _annotations = if arg & 0x04 != 0 { Some(pop(frame)) } else { None };
                let kwdefaults = if arg & 0x02 != 0 { Some(pop(frame)) } else { None };
                let defaults = if arg & 0x01 != 0 { Some(pop(frame)) } else { None };
                let f = crate::objects::function::new_function(vm, code_obj, frame.globals.clone())?;
                if let Some(fo) = f.downcast::<FunctionObject>() {
                    drop(fo.defaults.replace(defaults));
                    drop(fo.kwdefaults.replace(kwdefaults));
                    drop(fo.closure.replace(closure));
                }
                frame.stack.push(Some(f));
            }
            Opcode::RETURN_VALUE => return Ok(pop(frame)),
            Opcode::BUILD_STRING => {
                let n = arg as usize;
                let mut s = String::new();
                for v in frame.stack.drain(frame.stack.len() - n..).flatten() {
                    s.push_str(pystr::as_str(&v).unwrap_or(""));
                }
                frame.stack.push(Some(pystr::new_str_vm(vm, &s)?));
            }
            Opcode::FORMAT_VALUE => {
                let _spec = if arg & 4 != 0 { Some(pop(frame)) } else { None };
                let v = pop(frame);
                let s = match arg & 3 {
                    2 => ops::repr(vm, &v)?,
                    _ => ops::str(vm, &v)?,
                };
                frame.stack.push(Some(s));
            }
            Opcode::BUILD_SLICE => {
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
                let s = frame.stack[frame.stack.len() - arg as usize].clone().unwrap_or_else(none::none);
                crate::objects::set::add(vm, &s, v)?;
            }
            Opcode::SET_UPDATE => {
                let v = pop(frame);
                let s = frame.stack[frame.stack.len() - arg as usize].clone().unwrap_or_else(none::none);
                crate::objects::set::update(vm, &s, &v)?;
            }
            other => {
                return Err(vm.new_error(
                    &exceptions::SYSTEM_ERROR,
                    &format!("opcode {} is not supported yet", other.name()),
                ))
            }
        }
    }
}
