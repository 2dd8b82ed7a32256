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
