//! Calling Python functions: binding arguments to parameters (CPython's
//! `initialize_locals`), closures, and generator creation.

use super::eval::{self, Exit};
use super::frame::Frame;
use super::{PyResult, Vm};
use crate::compiler::code::flags;
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::function::FunctionObject;
use crate::objects::wtf8::Wtf8;
use crate::objects::{dict, str as pystr, tuple};

/// Calls a Python function object with positional arguments then keyword values named by
/// `kwnames`.
pub fn call_function(
    vm: &Vm,
    func: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if kwnames.is_none() {
        if let Some(result) = super::call_fast::try_call_py_slice(vm, func, None, args) {
            return result;
        }
    }
    let f = func
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let code_obj = f
        .code
        .get()
        .ok_or_else(|| vm.type_error("function without code"))?;
    let code = code_obj
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("function without code"))?;
    let mut frame = Frame::new(vm, code_obj.clone(), f.globals.clone(), None)?;
    bind_arguments(vm, f, code, &mut frame, args, kwnames)?;
    if let Some(closure) = f.closure.get() {
        let cells = tuple::items(&closure).unwrap_or(&[]);
        let base = frame.fast.len() - cells.len();
        for (i, c) in cells.iter().enumerate() {
            frame.fast[base + i] = Some(c.clone());
        }
    }
    super::call_fast::run(vm, f, frame)
}

fn func_name(f: &FunctionObject) -> String {
    f.qualname
        .get()
        .as_ref()
        .and_then(|q| pystr::as_str(q).map(str::to_string))
        .unwrap_or_default()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `f() got an unexpected keyword argument 'k'` for any str `k`.
fn unexpected_keyword(vm: &Vm, fname: &str, k: &ObjRef) -> super::PyErr {
    let k = pystr::as_text(k).unwrap_or(Wtf8::of_str("?"));
    vm.new_error_text(
        &crate::objects::exceptions::TYPE_ERROR,
        &[
            Wtf8::of_str(&format!("{fname}() got an unexpected keyword argument '")),
            k,
            Wtf8::of_str("'"),
        ],
    )
}

fn name_list(names: &[String]) -> String {
    match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// Binds call arguments to the frame's parameter slots, with CPython's error messages.
fn bind_arguments(
    vm: &Vm,
    f: &FunctionObject,
    code: &CodeObject,
    frame: &mut Frame,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<()> {
    let argcount = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let kwnames: &[ObjRef] = kwnames.and_then(tuple::items).unwrap_or(&[]);
    let npos = args.len() - kwnames.len();
    let varnames: &[ObjRef] = tuple::items(&code.varnames).unwrap_or(&[]);
    let name = || func_name(f);

    // Positional arguments.
    for (i, a) in args[..npos.min(argcount)].iter().enumerate() {
        frame.fast[i] = Some(a.clone());
    }
    let varargs_slot = argcount + kwonly;
    let varkw_slot = varargs_slot + has_varargs as usize;
    if has_varargs {
        let extra = if npos > argcount {
            args[argcount..npos].to_vec()
        } else {
            Vec::new()
        };
        frame.fast[varargs_slot] = Some(tuple::new_tuple(vm, extra)?);
    } else if npos > argcount {
        let defaults = f.defaults.get();
        let ndefaults = defaults
            .as_ref()
            .and_then(tuple::items)
            .map_or(0, |d| d.len());
        let kw_given = kwnames
            .iter()
            .filter(|k| {
                let k = pystr::as_str(k);
                k.is_some()
                    && varnames[argcount..argcount + kwonly]
                        .iter()
                        .any(|v| pystr::as_str(v) == k)
            })
            .count();
        let takes = if ndefaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - ndefaults,
                argcount
            )
        } else {
            plural(argcount, "positional argument")
        };
        let given = if kw_given > 0 {
            format!(
                "{} positional argument{} (and {} keyword-only argument{}) were given",
                npos,
                if npos == 1 { "" } else { "s" },
                kw_given,
                if kw_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{} {} given", npos, if npos == 1 { "was" } else { "were" })
        };
        return Err(vm.type_error(&format!("{}() takes {} but {}", name(), takes, given)));
    }
    let varkw = if has_varkw {
        let d = dict::new_dict_vm(vm)?;
        frame.fast[varkw_slot] = Some(d.clone());
        Some(d)
    } else {
        None
    };

    // Keyword arguments.
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, value) in kwnames.iter().zip(&args[npos..]) {
        // A name holding a lone surrogate is no parameter's (parameters are identifiers).
        let Some(kname) = pystr::as_str(k) else {
            match &varkw {
                Some(d) => dict::set_item(vm, d, k.clone(), value.clone())?,
                None => return Err(unexpected_keyword(vm, &name(), k)),
            }
            continue;
        };
        let slot = varnames[posonly..argcount + kwonly]
            .iter()
            .position(|v| pystr::as_str(v) == Some(kname))
            .map(|i| i + posonly);
        match slot {
            Some(i) if frame.fast[i].is_some() => {
                return Err(vm.type_error(&format!(
                    "{}() got multiple values for argument '{kname}'",
                    name()
                )))
            }
            Some(i) => frame.fast[i] = Some(value.clone()),
            None => match &varkw {
                Some(d) => dict::set_item(vm, d, k.clone(), value.clone())?,
                None => {
                    if varnames[..posonly]
                        .iter()
                        .any(|v| pystr::as_str(v) == Some(kname))
                    {
                        posonly_as_kw.push(kname.to_string());
                        continue;
                    }
                    return Err(vm.type_error(&format!(
                        "{}() got an unexpected keyword argument '{kname}'",
                        name()
                    )));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(vm.type_error(&format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            name(),
            posonly_as_kw.join(", ")
        )));
    }

    // Defaults for positional parameters.
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
        return Err(vm.type_error(&format!(
            "{}() missing {} required positional argument{}: {}",
            name(),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }

    // Keyword-only parameters and their defaults.
    let kwdefaults = f.kwdefaults.get();
    for (i, pname) in varnames
        .iter()
        .enumerate()
        .take(argcount + kwonly)
        .skip(argcount)
    {
        if frame.fast[i].is_some() {
            continue;
        }
        let default = match &kwdefaults {
            Some(d) => dict::get_item(vm, d, pname)?,
            None => None,
        };
        match default {
            Some(v) => frame.fast[i] = Some(v),
            None => missing.push(format!("'{}'", pystr::as_str(pname).unwrap_or("?"))),
        }
    }
    if !missing.is_empty() {
        return Err(vm.type_error(&format!(
            "{}() missing {} required keyword-only argument{}: {}",
            name(),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    Ok(())
}

/// Runs a class body: the function's code with `ns` as its locals (CPython's
/// `PyEval_EvalCodeEx` from `__build_class__`). Returns the `__class__` cell the body returns,
/// if any.
pub fn run_class_body(vm: &Vm, func: &ObjRef, ns: &ObjRef) -> PyResult<Option<ObjRef>> {
    let f = func
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let code = f
        .code
        .get()
        .ok_or_else(|| vm.type_error("function without code"))?;
    let mut frame = Frame::new(vm, code, f.globals.clone(), Some(ns.clone()))?;
    if let Some(closure) = f.closure.get() {
        let cells = tuple::items(&closure).unwrap_or(&[]);
        let base = frame.fast.len() - cells.len();
        for (i, c) in cells.iter().enumerate() {
            frame.fast[base + i] = Some(c.clone());
        }
    }
    match eval::run_frame(vm, &mut frame, None)? {
        Exit::Return(v) if v.is_instance(&crate::objects::cell::CELL_TYPE) => Ok(Some(v)),
        _ => Ok(None),
    }
}
