//! The hooks of `sys`: `excepthook`, `unraisablehook`, `breakpointhook`, audit hooks,
//! asynchronous generator hooks, and the trace and profile functions.

use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::objects::{dict, exceptions, none, str as pystr, structseq, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// The `sys` module, if it is still loaded.
fn sys_module(vm: &Vm) -> Option<ObjRef> {
    dict::get_str(vm, &vm.modules, "sys").ok().flatten()
}

/// `sys.<name>`, when `sys` is loaded and has it.
pub fn sys_attr(vm: &Vm, name: &str) -> Option<ObjRef> {
    let m = sys_module(vm)?;
    let d = crate::objects::module::module_dict(&m)?;
    dict::get_str(vm, &d, name).ok().flatten()
}

/// Writes `text` to `sys.stderr` (its `write` method); to the process's standard error when
/// `sys.stderr` is missing, as CPython's "lost sys.stderr" fallback. `None` discards it.
pub fn write_stderr(vm: &Vm, text: &str) -> PyResult<()> {
    match sys_attr(vm, "stderr") {
        Some(f) if none::is_none(&f) => Ok(()),
        Some(f) => match crate::objects::stream::which(&f) {
            Some(w) => crate::objects::stream::write_text(vm, w, text),
            None => {
                let write = ops::getattr(vm, &f, "write")?;
                ops::call(vm, &write, &[pystr::new_str_vm(vm, text)?], None).map(|_| ())
            }
        },
        None => vm.write_err(&format!("{text}lost sys.stderr\n")),
    }
}

/// The text CPython prints for an exception: its traceback, then `Type: message`.
fn exception_text(vm: &Vm, value: &ObjRef) -> String {
    if value.is_instance(&exceptions::BASE_EXCEPTION) {
        crate::vm::traceback::format_exception(vm, value)
    } else {
        format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            value.ob_type().name()
        )
    }
}

// ---- excepthook ---------------------------------------------------------------------------

/// `sys.excepthook(type, value, traceback)`: prints the exception and its traceback to
/// `sys.stderr`.
fn s_excepthook(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [_, value, _] = parse::<3>(vm, "excepthook", Sig::Clinic(3, 3), args, kw)?;
    let value = value.unwrap_or_else(none::none);
    write_stderr(vm, &exception_text(vm, &value))?;
    Ok(none::none())
}

/// `sys.excepthook`'s default (also `sys.__excepthook__`).
pub static EXCEPTHOOK: BuiltinDef = BuiltinDef {
    name: "excepthook",
    func: s_excepthook,
};

/// Reports an uncaught exception as the interpreter does at the end of a program: through
/// `sys.excepthook` when the program replaced it. Returns `None` when the default hook is in
/// place (the caller prints the traceback itself), or the text to print otherwise (empty when
/// the replacement hook ran fine and printed what it wanted).
pub fn report_uncaught(vm: &Vm, exc: &ObjRef) -> Option<String> {
    let Some(hook) = sys_attr(vm, "excepthook") else {
        return Some(format!(
            "sys.excepthook is missing\n{}",
            crate::vm::traceback::format_exception(vm, exc)
        ));
    };
    if crate::objects::function::is_builtin_def(&hook, &EXCEPTHOOK) {
        return None;
    }
    let tb = ops::getattr(vm, exc, "__traceback__").unwrap_or_else(|_| none::none());
    match ops::call(vm, &hook, &[exc.type_object(), exc.clone(), tb], None) {
        Ok(_) => Some(String::new()),
        Err(e) => Some(format!(
            "Error in sys.excepthook:\n{}\nOriginal exception was:\n{}",
            crate::vm::traceback::format_exception(vm, &e.exc),
            crate::vm::traceback::format_exception(vm, exc)
        )),
    }
}

// ---- unraisablehook -----------------------------------------------------------------------

/// Field names of `UnraisableHookArgs`.
const UNRAISABLE_FIELDS: [&str; 5] = [
    "exc_type",
    "exc_value",
    "exc_traceback",
    "err_msg",
    "object",
];

/// Makes the `UnraisableHookArgs` struct sequence type.
pub fn new_unraisable_args_type(vm: &Vm) -> PyResult<ObjRef> {
    structseq::new_type(vm, "UnraisableHookArgs", &UNRAISABLE_FIELDS)
}

/// The default report: "Exception ignored in: <object>", then the exception.
fn unraisable_text(
    vm: &Vm,
    err_msg: Option<&ObjRef>,
    obj: Option<&ObjRef>,
    exc: Option<&ObjRef>,
) -> String {
    let msg = err_msg
        .filter(|m| !none::is_none(m))
        .map(|m| ops::str_string(vm, m).unwrap_or_default());
    let mut text = String::new();
    match obj.filter(|o| !none::is_none(o)) {
        Some(o) => {
            let r = ops::repr_string(vm, o).unwrap_or_else(|_| "<object repr() failed>".into());
            text.push_str(&format!(
                "{}: {r}\n",
                msg.as_deref().unwrap_or("Exception ignored in")
            ));
        }
        None => {
            if let Some(m) = msg {
                text.push_str(&format!("{m}\n"));
            }
        }
    }
    if let Some(e) = exc.filter(|e| !none::is_none(e)) {
        text.push_str(&exception_text(vm, e));
    }
    text
}

/// `sys.unraisablehook(unraisable)`: prints an exception that could not be raised.
fn s_unraisablehook(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [arg] = parse::<1>(vm, "sys.unraisablehook", Sig::One, args, kw)?;
    let arg = arg.unwrap_or_else(none::none);
    let ty = vm.sys.unraisable_args_type.get();
    if !ty.is_some_and(|t| t.as_type().is_some_and(|t| arg.is_instance(t))) {
        return Err(vm.type_error("sys.unraisablehook argument type must be UnraisableHookArgs"));
    }
    let items = tuple::items(&arg).unwrap_or(&[]).to_vec();
    let text = unraisable_text(vm, items.get(3), items.get(4), items.get(1));
    write_stderr(vm, &text)?;
    Ok(none::none())
}

/// `sys.unraisablehook`'s default (also `sys.__unraisablehook__`).
pub static UNRAISABLEHOOK: BuiltinDef = BuiltinDef {
    name: "unraisablehook",
    func: s_unraisablehook,
};

/// Reports an exception raised where it cannot propagate (a `__del__`, a weak reference or
/// `gc` callback, a generator closed by deallocation), CPython's `PyErr_WriteUnraisable`:
/// through `sys.unraisablehook`, which by default prints "Exception ignored in: <obj>" and
/// the traceback to `sys.stderr`.
pub fn write_unraisable(vm: &Vm, obj: &ObjRef, err: &PyErr) {
    write_unraisable_msg(vm, None, obj, err);
}

/// [`write_unraisable`] with CPython's `err_msg` (`_PyErr_WriteUnraisableMsg`): the report
/// starts "Exception ignored {msg}: <obj>" instead of "Exception ignored in: <obj>".
pub fn write_unraisable_msg(vm: &Vm, msg: Option<&str>, obj: &ObjRef, err: &PyErr) {
    let err_msg = match msg.map(|m| pystr::new_str_vm(vm, &format!("Exception ignored {m}"))) {
        Some(Ok(m)) => Some(m),
        _ => None,
    };
    let err_msg = err_msg.as_ref();
    let fallback = |text: &str| {
        let _ = vm.write_err(text);
    };
    let hook = sys_attr(vm, "unraisablehook");
    let args_type = vm.sys.unraisable_args_type.get();
    let (Some(hook), Some(args_type)) = (hook, args_type) else {
        fallback(&unraisable_text(vm, err_msg, Some(obj), Some(&err.exc)));
        return;
    };
    if crate::objects::function::is_builtin_def(&hook, &UNRAISABLEHOOK) {
        let text = unraisable_text(vm, err_msg, Some(obj), Some(&err.exc));
        if write_stderr(vm, &text).is_err() {
            fallback(&text);
        }
        return;
    }
    let tb = ops::getattr(vm, &err.exc, "__traceback__").unwrap_or_else(|_| none::none());
    let args = structseq::new_instance(
        vm,
        &args_type,
        vec![
            err.exc.type_object(),
            err.exc.clone(),
            tb,
            err_msg.cloned().unwrap_or_else(none::none),
            obj.clone(),
        ],
    );
    let result = args.and_then(|a| ops::call(vm, &hook, &[a], None));
    if let Err(e) = result {
        let text = unraisable_text(vm, None, None, Some(&e.exc));
        let head = format!(
            "Exception ignored in sys.unraisablehook: {}\n",
            ops::repr_string(vm, &hook).unwrap_or_default()
        );
        let full = format!("{head}{text}");
        if write_stderr(vm, &full).is_err() {
            fallback(&full);
        }
    }
}

// ---- breakpointhook -----------------------------------------------------------------------

/// `sys.breakpointhook(*args, **kws)`: calls the function named by `$PYTHONBREAKPOINT`
/// (`pdb.set_trace` when unset or empty; `0` disables it). A name that cannot be imported is
/// ignored with a `RuntimeWarning`, as CPython does.
fn s_breakpointhook(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let env = std::env::var("PYTHONBREAKPOINT").unwrap_or_default();
    if env == "0" {
        return Ok(none::none());
    }
    let target = if env.is_empty() {
        "pdb.set_trace".to_string()
    } else {
        env
    };
    let (module, attr) = match target.rsplit_once('.') {
        Some((m, a)) => (m.to_string(), a.to_string()),
        None => ("builtins".to_string(), target.clone()),
    };
    let hook =
        crate::vm::import::import_dotted(vm, &module).and_then(|m| ops::getattr(vm, &m, &attr));
    match hook {
        Ok(h) => ops::call(vm, &h, args, kw),
        Err(_) => {
            let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{target}\"");
            warn(vm, &exceptions::RUNTIME_WARNING, &msg)?;
            Ok(none::none())
        }
    }
}

/// Issues a warning through the `warnings` module.
pub fn warn(vm: &Vm, category: &'static crate::object::TypeObject, msg: &str) -> PyResult<()> {
    let warnings = crate::vm::import::import_dotted(vm, "warnings")?;
    let f = ops::getattr(vm, &warnings, "warn")?;
    ops::call(
        vm,
        &f,
        &[pystr::new_str_vm(vm, msg)?, ObjRef::from_type(category)],
        None,
    )?;
    Ok(())
}

/// `sys.breakpointhook`'s default (also `sys.__breakpointhook__`).
pub static BREAKPOINTHOOK: BuiltinDef = BuiltinDef {
    name: "breakpointhook",
    func: s_breakpointhook,
};

/// `breakpoint(*args, **kws)`: calls `sys.breakpointhook`.
pub fn b_breakpoint(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let Some(hook) = sys_attr(vm, "breakpointhook") else {
        return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "lost sys.breakpointhook"));
    };
    ops::call(vm, &hook, args, kw)
}

// ---- audit hooks --------------------------------------------------------------------------

/// Calls every audit hook with `event` and the `args` tuple (CPython's `PySys_Audit`).
pub fn audit(vm: &Vm, event: &str, args: Vec<ObjRef>) -> PyResult<()> {
    let hooks = vm.sys.audit_hooks.snapshot();
    if hooks.is_empty() {
        return Ok(());
    }
    let event = pystr::new_str_vm(vm, event)?;
    let args = tuple::new_tuple(vm, args)?;
    for h in hooks {
        ops::call(vm, &h, &[event.clone(), args.clone()], None)?;
    }
    Ok(())
}

/// `sys.audit(event, *args)`.
fn s_audit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "audit", kw)?;
    let Some((event, rest)) = args.split_first() else {
        return Err(vm.type_error("audit() missing 1 required positional argument: 'event'"));
    };
    if vm.sys.audit_hooks.is_empty() {
        return Ok(none::none());
    }
    let Some(name) = pystr::as_str(event) else {
        return Err(vm.type_error(&format!(
            "expected str for argument 'event', not {}",
            event.ob_type().name()
        )));
    };
    audit(vm, name, rest.to_vec())?;
    Ok(none::none())
}

/// `sys.addaudithook(hook)`: existing hooks see a `sys.addaudithook` event first; one raising
/// `RuntimeError` silently vetoes the addition.
fn s_addaudithook(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [hook] = parse::<1>(
        vm,
        "addaudithook",
        Sig::Kw {
            names: &["hook"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let hook = hook.unwrap_or_else(none::none);
    match audit(vm, "sys.addaudithook", Vec::new()) {
        Ok(()) => {}
        Err(e) if e.matches(&exceptions::RUNTIME_ERROR) => return Ok(none::none()),
        Err(e) if e.matches(&exceptions::EXCEPTION) => return Err(e),
        Err(_) => return Ok(none::none()),
    }
    vm.sys
        .audit_hooks
        .push(hook)
        .map_err(|_| vm.memory_error_err())?;
    Ok(none::none())
}

// ---- asynchronous generator hooks ---------------------------------------------------------

fn hooks_type(vm: &Vm) -> PyResult<ObjRef> {
    if let Some(t) = vm.sys.asyncgen_hooks_type.get() {
        return Ok(t);
    }
    let t = structseq::new_type(vm, "asyncgen_hooks", &["firstiter", "finalizer"])?;
    drop(vm.sys.asyncgen_hooks_type.replace(Some(t.clone())));
    Ok(t)
}

/// `sys.get_asyncgen_hooks()`.
fn s_get_asyncgen_hooks(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.get_asyncgen_hooks", Sig::NoArgs, args, kw)?;
    let t = hooks_type(vm)?;
    structseq::new_instance(
        vm,
        &t,
        vec![
            vm.sys.asyncgen_firstiter.get().unwrap_or_else(none::none),
            vm.sys.asyncgen_finalizer.get().unwrap_or_else(none::none),
        ],
    )
}

/// `sys.set_asyncgen_hooks([firstiter] [, finalizer])`: `firstiter(agen)` is called when an
/// asynchronous generator is first iterated, `finalizer(agen)` when one that has not finished
/// is about to be destroyed (instead of closing it).
fn s_set_asyncgen_hooks(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = crate::vm::args::split_args(args, kw);
    if pos.len() + kws.len() > 2 {
        return Err(vm.type_error(&format!(
            "function takes at most 2 arguments ({} given)",
            pos.len() + kws.len()
        )));
    }
    let mut slots: [Option<ObjRef>; 2] = [pos.first().cloned(), pos.get(1).cloned()];
    for (k, v) in kws {
        let i = match k {
            "firstiter" => 0,
            "finalizer" => 1,
            _ => {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for this function"
                )))
            }
        };
        if slots[i].is_some() {
            return Err(vm.type_error(&format!(
                "argument for function given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v.clone());
    }
    let [firstiter, finalizer] = slots;
    for (name, v) in [("finalizer", &finalizer), ("firstiter", &firstiter)] {
        if let Some(v) = v {
            if !none::is_none(v) && !ops::is_callable(vm, v)? {
                return Err(vm.type_error(&format!(
                    "callable {name} expected, got {}",
                    v.ob_type().name()
                )));
            }
        }
    }
    let norm = |v: ObjRef| (!none::is_none(&v)).then_some(v);
    if let Some(f) = finalizer {
        drop(vm.sys.asyncgen_finalizer.replace(norm(f)));
    }
    if let Some(f) = firstiter {
        drop(vm.sys.asyncgen_firstiter.replace(norm(f)));
    }
    Ok(none::none())
}

// ---- trace and profile functions ----------------------------------------------------------
//
// arenapy's evaluation loop reports no trace or profile events (and has no frame objects to
// pass to them) yet, so `settrace`/`setprofile` store the function and `gettrace`/`getprofile`
// return it, without calling it.

fn s_settrace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [f] = parse::<1>(vm, "sys.settrace", Sig::One, args, kw)?;
    let f = f.filter(|f| !none::is_none(f));
    drop(vm.sys.trace.replace(f));
    Ok(none::none())
}

fn s_gettrace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.gettrace", Sig::NoArgs, args, kw)?;
    Ok(vm.sys.trace.get().unwrap_or_else(none::none))
}

fn s_setprofile(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [f] = parse::<1>(vm, "sys.setprofile", Sig::One, args, kw)?;
    let f = f.filter(|f| !none::is_none(f));
    drop(vm.sys.profile.replace(f));
    Ok(none::none())
}

fn s_getprofile(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getprofile", Sig::NoArgs, args, kw)?;
    Ok(vm.sys.profile.get().unwrap_or_else(none::none))
}

/// `sys.call_tracing(func, args)`: `func(*args)`.
fn s_call_tracing(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [f, a] = parse::<2>(vm, "call_tracing", Sig::Clinic(2, 2), args, kw)?;
    let (f, a) = (f.unwrap_or_else(none::none), a.unwrap_or_else(none::none));
    let Some(items) = tuple::items(&a).filter(|_| a.is_instance(&tuple::TUPLE_TYPE)) else {
        return Err(vm.type_error(&format!(
            "call_tracing() argument 2 must be tuple, not {}",
            a.ob_type().name()
        )));
    };
    let items = items.to_vec();
    ops::call(vm, &f, &items, None)
}

/// The hook functions of `sys`.
pub static HOOK_FUNCTIONS: [BuiltinDef; 9] = [
    BuiltinDef {
        name: "audit",
        func: s_audit,
    },
    BuiltinDef {
        name: "addaudithook",
        func: s_addaudithook,
    },
    BuiltinDef {
        name: "get_asyncgen_hooks",
        func: s_get_asyncgen_hooks,
    },
    BuiltinDef {
        name: "set_asyncgen_hooks",
        func: s_set_asyncgen_hooks,
    },
    BuiltinDef {
        name: "settrace",
        func: s_settrace,
    },
    BuiltinDef {
        name: "gettrace",
        func: s_gettrace,
    },
    BuiltinDef {
        name: "setprofile",
        func: s_setprofile,
    },
    BuiltinDef {
        name: "getprofile",
        func: s_getprofile,
    },
    BuiltinDef {
        name: "call_tracing",
        func: s_call_tracing,
    },
];
