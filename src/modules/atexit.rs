//! The `atexit` module: functions to call when the interpreter shuts down, last registered
//! first (`Interpreter`'s teardown calls [`run_exitfuncs`] before finalizing). The
//! registrations live on the VM (`Vm::atexit`) as `(func, args, kwargs)` tuples (`None` once
//! unregistered); an exception
//! raised by one is reported as "Exception ignored in atexit callback" and the others still run.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{dict, int, module, none, str as pystr, tuple};
use crate::vm::args::split_args;
use crate::vm::{ops, PyResult, Vm};

fn register(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let Some(func) = pos.first() else {
//! The `atexit` module: functions to call when the interpreter exits.
//!
//! Callbacks live in `SysState::atexit_callbacks` as `(func, args, kwnames)` tuples (`args`
//! holds the positional values then the keyword values `kwnames` names, the calling
//! convention of `ops::call`); `unregister` leaves `None` in place, so `_ncallbacks()` counts
//! as CPython's does. [`run_exitfuncs`] calls them last-registered first, before the
//! interpreter tears down, reporting an exception as "Exception ignored in atexit callback".

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::{ops, PyResult, Vm};

/// `register(func, *args, **kwargs)`: returns `func`.
fn a_register(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    let Some((func, rest)) = pos.split_first() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if !ops::is_callable(vm, func)? {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let fargs = tuple::new_tuple(vm, pos[1..].to_vec())?;
    let fkw = if kws.is_empty() {
        none::none()
    } else {
        let d = dict::new_dict_vm(vm)?;
        for (k, v) in kws {
            dict::set_item(vm, &d, pystr::new_str_vm(vm, k)?, v.clone())?;
        }
        d
    };
    let entry = tuple::new_tuple(vm, vec![func.clone(), fargs, fkw])?;
    vm.atexit.push(entry).map_err(|(e, _)| vm.alloc_err(e))?;
    Ok(func.clone())
}

fn unregister(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [func] =
        crate::vm::argparse::parse::<1>(vm, "unregister", crate::vm::argparse::Sig::One, args, kw)?;
    let func = func.ok_or_else(|| vm.type_error("missing argument"))?;
    // As CPython, an unregistered slot is emptied, not removed (`_ncallbacks` still counts it).
    let mut i = 0;
    while let Some(entry) = vm.atexit.get(i) {
        let f = tuple::items(&entry).and_then(|t| t.first().cloned());
        let same = match f {
            Some(f) => f.is(&func) || ops::eq(vm, &f, &func)?,
            None => false,
        };
        if same {
            if let Ok(old) = vm.atexit.set(i, none::none()) {
                drop(old);
            }
        }
        i += 1;
    let mut values: Vec<ObjRef> = rest.to_vec();
    let mut names = Vec::new();
    for (k, v) in kwargs {
        values.push(v.clone());
        names.push(pystr::new_str_vm(vm, k)?);
    }
    let kwnames = if names.is_empty() {
        none::none()
    } else {
        tuple::new_tuple(vm, names)?
    };
    let entry = tuple::new_tuple(
        vm,
        vec![func.clone(), tuple::new_tuple(vm, values)?, kwnames],
    )?;
    vm.sys
        .atexit_callbacks
        .push(entry)
        .map_err(|(e, _)| vm.alloc_err(e))?;
    Ok(func.clone())
}

/// `unregister(func)`: forgets every registration of `func` (compared with `==`).
fn a_unregister(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [func] = parse::<1>(vm, "atexit.unregister", Sig::One, args, kw)?;
    let func = func.unwrap_or_else(none::none);
    let cbs = &vm.sys.atexit_callbacks;
    for i in 0..cbs.len() {
        let Some(entry) = cbs.get(i) else { continue };
        let Some(f) = tuple::items(&entry).and_then(|t| t.first().cloned()) else {
            continue;
        };
        if ops::eq(vm, &f, &func)? {
            if let Ok(old) = cbs.set(i, none::none()) {
                drop(old);
            }
        }
    }
    Ok(none::none())
}

/// Calls the registered functions, last first, and forgets them.
pub fn run_exitfuncs(vm: &Vm) {
    let entries = vm.atexit.take_all();
    for entry in entries.into_iter().rev() {
        let Some([func, fargs, fkw]) =
            tuple::items(&entry).and_then(|t| <&[ObjRef; 3]>::try_from(t).ok())
        else {
            continue;
        };
        let mut all = tuple::items(fargs).unwrap_or(&[]).to_vec();
        let mut names = Vec::new();
        if !none::is_none(fkw) {
            for (k, v) in dict::items(fkw) {
                names.push(k);
                all.push(v);
            }
        }
        let kwnames = if names.is_empty() {
            None
        } else {
            tuple::new_tuple(vm, names).ok()
        };
        if let Err(e) = ops::call(vm, func, &all, kwnames.as_ref()) {
            if e.matches(&crate::objects::exceptions::SYSTEM_EXIT) {
                continue;
            }
            super::sys_hooks::write_unraisable_msg(vm, Some("in atexit callback"), func, &e);
        }
    }
}

fn run(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "_run_exitfuncs", args, kw)?;
/// `_ncallbacks()`.
fn a_ncallbacks(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "atexit._ncallbacks", Sig::NoArgs, args, kw)?;
    int::new_int(vm, vm.sys.atexit_callbacks.len() as i64)
}

/// `_clear()`.
fn a_clear(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "atexit._clear", Sig::NoArgs, args, kw)?;
    drop(vm.sys.atexit_callbacks.take_all());
    Ok(none::none())
}

/// `_run_exitfuncs()`.
fn a_run_exitfuncs(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "atexit._run_exitfuncs", Sig::NoArgs, args, kw)?;
    run_exitfuncs(vm);
    Ok(none::none())
}

fn clear(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "_clear", args, kw)?;
    drop(vm.atexit.take_all());
    Ok(none::none())
}

fn ncallbacks(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "_ncallbacks", args, kw)?;
    int::new_int(vm, vm.atexit.len() as i64)
/// Calls the registered functions, last first, and forgets them; exceptions are reported as
/// unraisable ("Exception ignored in atexit callback: <func>").
pub fn run_exitfuncs(vm: &Vm) {
    let entries = vm.sys.atexit_callbacks.take_all();
    for entry in entries.iter().rev() {
        let Some([func, values, kwnames]) = tuple::items(entry).and_then(|t| {
            let t: Option<&[ObjRef; 3]> = t.try_into().ok();
            t
        }) else {
            continue;
        };
        let values = tuple::items(values).unwrap_or(&[]);
        let kwnames = (!none::is_none(kwnames)).then_some(kwnames);
        if let Err(e) = ops::call(vm, func, values, kwnames) {
            super::sys_hooks::write_unraisable_msg(
                vm,
                Some("Exception ignored in atexit callback"),
                func,
                &e,
            );
        }
    }
}

static FUNCTIONS: [BuiltinDef; 5] = [
    BuiltinDef {
        name: "register",
        func: register,
    },
    BuiltinDef {
        name: "unregister",
        func: unregister,
    },
    BuiltinDef {
        name: "_run_exitfuncs",
        func: run,
    },
    BuiltinDef {
        name: "_clear",
        func: clear,
    },
    BuiltinDef {
        name: "_ncallbacks",
        func: ncallbacks,
        func: a_register,
    },
    BuiltinDef {
        name: "unregister",
        func: a_unregister,
    },
    BuiltinDef {
        name: "_ncallbacks",
        func: a_ncallbacks,
    },
    BuiltinDef {
        name: "_clear",
        func: a_clear,
    },
    BuiltinDef {
        name: "_run_exitfuncs",
        func: a_run_exitfuncs,
    },
];

/// Builds `atexit`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "atexit")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
