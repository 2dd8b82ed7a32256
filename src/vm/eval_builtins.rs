//! Builtins that run code: `exec`, `eval`, `compile`, `__import__`, and `PRINT_EXPR` with the
//! default `sys.displayhook` (CPython's `Python/bltinmodule.c` and `sys_displayhook`).
//!
//! `exec` and `eval` default to the caller's namespaces. A builtin function has no frame, so
//! the evaluation loop's `CALL` passes the calling frame's globals and locals (see
//! [`wants_frame`] and [`call_with_frame`]); called any other way (`exec(*args)`, from native
//! code) they default to `__main__`'s namespace.

use super::frame::Frame;
use super::{eval, ops, PyResult, Vm};
use crate::compiler::{self, Mode};
use crate::modules::ast;
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::tuple;
use crate::objects::{bytes, cell, dict, exceptions, function, int, module, none, str as pystr};

/// Whether `CALL` should give the callable the calling frame's namespaces (`exec`, `eval`).
pub fn wants_frame(callable: &ObjRef) -> bool {
    matches!(function::builtin_name(callable), Some("exec" | "eval"))
}

/// The namespaces of a frame: its globals, and its locals (a snapshot dict of the fast locals
/// in a function, as `locals()` gives).
fn frame_namespaces(vm: &Vm, frame: &Frame, code: &CodeObject) -> PyResult<(ObjRef, ObjRef)> {
    let locals = match &frame.locals {
        Some(l) => l.clone(),
        None => {
            let d = dict::new_dict_vm(vm)?;
            let nvars = tuple::items(&code.varnames).map_or(0, <[ObjRef]>::len);
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
                dict::set_str(vm, &d, &eval::slot_name(code, i), v)?;
            }
            d
        }
    };
    Ok((frame.globals.clone(), locals))
}

/// `exec(...)`/`eval(...)` called from `frame`.
pub fn call_with_frame(
    vm: &Vm,
    frame: &Frame,
    code: &CodeObject,
    callable: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let is_exec = function::builtin_name(callable) == Some("exec");
    let defaults = frame_namespaces(vm, frame, code)?;
    run_source(vm, is_exec, args, kwnames, Some(defaults))
}

/// `builtins.exec` called without a frame.
pub fn b_exec(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    run_source(vm, true, args, kwnames, None)
}

/// `builtins.eval` called without a frame.
pub fn b_eval(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    run_source(vm, false, args, kwnames, None)
}

fn main_namespace(vm: &Vm) -> PyResult<(ObjRef, ObjRef)> {
    let d = match dict::get_str(vm, &vm.modules, "__main__")? {
        Some(m) => module::module_dict(&m),
        None => None,
    };
    let d = match d {
        Some(d) => d,
        None => dict::new_dict_vm(vm)?,
    };
    Ok((d.clone(), d))
}

fn is_dict(obj: &ObjRef) -> bool {
    obj.is_instance(&dict::DICT_TYPE)
}

fn is_mapping(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    if is_dict(obj) {
        return Ok(true);
    }
    Ok(super::attr::type_lookup(vm, obj.ob_type(), "__getitem__")?.is_some())
}

/// The text of a `str` or bytes-like source argument.
fn source_text(vm: &Vm, src: &ObjRef) -> PyResult<Option<String>> {
    // A str holding a lone surrogate cannot be source text (CPython's UnicodeEncodeError).
    if let Some(s) = pystr::str_utf8(vm, src)? {
        return Ok(Some(s.to_string()));
    }
    if let Some(b) = bytes::as_bytes(src) {
        let text = String::from_utf8(b.to_vec()).map_err(|_| {
            vm.new_error(
                &exceptions::SYNTAX_ERROR,
                "(unicode error) 'utf-8' codec can't decode bytes",
            )
        })?;
        return Ok(Some(text));
    }
    Ok(None)
}

/// Compiles `text` to a code object, raising `SyntaxError` as CPython does.
fn compile_text(vm: &Vm, text: &str, filename: &str, mode: Mode) -> PyResult<ObjRef> {
    if text.contains('\0') {
        return Err(vm.new_error(
            &exceptions::SYNTAX_ERROR,
            "source code string cannot contain null bytes",
        ));
    }
    let unit =
        compiler::compile(text, filename, mode).map_err(|e| super::import::syntax_error(vm, &e))?;
    vm.remember_source(filename, text);
    crate::vm::code_unit::new_code(vm, &unit)
}

/// The shared body of `exec` and `eval`.
fn run_source(
    vm: &Vm,
    is_exec: bool,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    defaults: Option<(ObjRef, ObjRef)>,
) -> PyResult<ObjRef> {
    let name = if is_exec { "exec" } else { "eval" };
    let (pos, kw) = super::args::split_args(args, kwnames);
    let mut globals = pos.get(1).cloned();
    let mut locals = pos.get(2).cloned();
    for (k, v) in kw {
        match k {
            "globals" if !is_exec => globals = Some(v.clone()),
            "locals" if !is_exec => locals = Some(v.clone()),
            "closure" if is_exec => {}
            other => {
                return Err(vm.type_error(&format!(
                    "{name}() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    if pos.is_empty() {
        return Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0")));
    }
    if pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "{name} expected at most 3 arguments, got {}",
            pos.len()
        )));
    }
    let source = &pos[0];
    let globals = globals.filter(|g| !none::is_none(g));
    let locals = locals.filter(|l| !none::is_none(l));
    if let Some(g) = &globals {
        if !is_dict(g) {
            let msg = if is_exec {
                format!("exec() globals must be a dict, not {}", g.ob_type().name())
            } else if is_mapping(vm, g)? {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            };
            return Err(vm.type_error(&msg));
        }
    }
    if let Some(l) = &locals {
        if !is_mapping(vm, l)? {
            return Err(vm.type_error(&if is_exec {
                format!(
                    "locals must be a mapping or None, not {}",
                    l.ob_type().name()
                )
            } else {
                "locals must be a mapping".to_string()
            }));
        }
    }
    let (globals, locals) = match (globals, locals) {
        (Some(g), Some(l)) => (g, l),
        (Some(g), None) => (g.clone(), g),
        (None, l) => {
            let (dg, dl) = match defaults {
                Some(d) => d,
                None => main_namespace(vm)?,
            };
            (dg, l.unwrap_or(dl))
        }
    };
    if dict::get_str(vm, &globals, "__builtins__")?.is_none() {
        dict::set_str(vm, &globals, "__builtins__", vm.builtins.clone())?;
    }
    let code = if source.downcast::<CodeObject>().is_some() {
        source.clone()
    } else {
        let Some(text) = source_text(vm, source)? else {
            return Err(vm.type_error(&format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )));
        };
        if is_exec {
            compile_text(vm, &text, "<string>", Mode::Exec)?
        } else {
            let trimmed = text.trim_start_matches([' ', '\t']);
            compile_text(vm, trimmed, "<string>", Mode::Eval)?
        }
    };
    let c = code
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("expected a code object"))?;
    if tuple::items(&c.freevars).is_some_and(|f| !f.is_empty()) {
        return Err(vm.type_error(&format!(
            "code object passed to {name}() may not contain free variables"
        )));
    }
    let value = run_code(vm, &code, globals, locals)?;
    Ok(if is_exec { none::none() } else { value })
}

/// Runs a code object with the given namespaces and returns its value.
pub fn run_code(vm: &Vm, code: &ObjRef, globals: ObjRef, locals: ObjRef) -> PyResult<ObjRef> {
    let mut frame = Frame::new(vm, code.clone(), globals, Some(locals))?;
    match eval::run_frame(vm, &mut frame, None)? {
        eval::Exit::Return(v) => Ok(v),
        _ => Ok(none::none()),
    }
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn b_compile(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    const NAMES: [&str; 6] = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    let (pos, kw) = super::args::split_args(args, kwnames);
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(&format!(
            "compile() takes at most 6 arguments ({} given)",
            pos.len()
        )));
    }
    let mut vals: [Option<ObjRef>; 6] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    let mut feature_version = None;
    for (k, v) in kw {
        if k == "_feature_version" {
            feature_version = int::as_i64(v).filter(|m| *m >= 0);
            continue;
        }
        let Some(i) = NAMES.iter().position(|n| *n == k) else {
            return Err(vm.type_error(&format!(
                "compile() got an unexpected keyword argument '{k}'"
            )));
        };
        if vals[i].is_some() {
            return Err(vm.type_error(&format!(
                "argument for compile() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        vals[i] = Some(v.clone());
    }
    for (i, name) in NAMES.iter().enumerate().take(3) {
        if vals[i].is_none() {
            return Err(vm.type_error(&format!(
                "compile() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    let [Some(source), Some(filename), Some(mode), flags, ..] = vals else {
        return Err(vm.type_error("compile() missing required argument"));
    };
    let filename = match pystr::as_str(&filename) {
        Some(f) => f.to_string(),
        None => match bytes::as_bytes(&filename) {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => {
                return Err(vm.type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    filename.ob_type().name()
                )))
            }
        },
    };
    let Some(mode_text) = pystr::as_str(&mode) else {
        return Err(vm.type_error(&format!(
            "compile() argument 'mode' must be str, not {}",
            mode.ob_type().name()
        )));
    };
    let flag_bits = flags.as_ref().and_then(int::as_i64).unwrap_or(0);
    let only_ast = flag_bits & ast::PYCF_ONLY_AST != 0;
    let mode = match mode_text {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" if only_ast => {
            if ast::is_ast_node(vm, &source)? {
                return Ok(source);
            }
            let Some(text) = source_text(vm, &source)? else {
                return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
            };
            return ast::parse_func_type_to_nodes(vm, &text, &filename);
        }
        "func_type" => {
            return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"))
        }
        _ if only_ast => {
            return Err(
                vm.value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")
            )
        }
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if ast::is_ast_node(vm, &source)? {
        if only_ast {
            return Ok(source);
        }
        return ast::compile_nodes(vm, &source, &filename, mode);
    }
    let Some(text) = source_text(vm, &source)? else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    if only_ast {
        if text.contains('\0') {
            return Err(vm.new_error(
                &exceptions::SYNTAX_ERROR,
                "source code string cannot contain null bytes",
            ));
        }
        let type_comments = flag_bits & ast::PYCF_TYPE_COMMENTS != 0;
        return ast::parse_to_nodes(vm, &text, &filename, mode, feature_version, type_comments);
    }
    compile_text(vm, &text, &filename, mode)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn b_import(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    let (pos, kw) = super::args::split_args(args, kwnames);
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(&format!(
            "__import__() takes at most 5 arguments ({} given)",
            pos.len()
        )));
    }
    let mut vals: [Option<ObjRef>; 5] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in kw {
        let Some(i) = NAMES.iter().position(|n| *n == k) else {
            return Err(vm.type_error(&format!(
                "__import__() got an unexpected keyword argument '{k}'"
            )));
        };
        vals[i] = Some(v.clone());
    }
    let [name, globals, _locals, fromlist, level] = vals;
    let Some(name) = name else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Some(name_text) = pystr::as_str(&name) else {
        if pystr::is_str(&name) {
            // No module's name holds a lone surrogate (CPython finds none either).
            let r = ops::repr_string(vm, &name)?;
            let e = vm.new_error(
                &exceptions::MODULE_NOT_FOUND_ERROR,
                &format!("No module named {r}"),
            );
            exceptions::set_extra_attr(vm, &e.exc, "name", name.clone())?;
            return Err(e);
        }
        return Err(vm.type_error("module name must be a string"));
    };
    let level = match &level {
        Some(l) => int::as_i64(l).ok_or_else(|| {
            vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                l.ob_type().name()
            ))
        })?,
        None => 0,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if name_text.is_empty() && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    let globals = match globals.filter(is_dict) {
        Some(g) => g,
        None => dict::new_dict_vm(vm)?,
    };
    let fromlist = fromlist.unwrap_or_else(none::none);
    super::import::import_name(vm, name_text, &globals, &fromlist, level as usize)
}

/// `PRINT_EXPR`: `sys.displayhook(value)`.
pub fn print_expr(vm: &Vm, value: ObjRef) -> PyResult<()> {
    let hook = match dict::get_str(vm, &vm.modules, "sys")? {
        Some(sys) => match ops::getattr(vm, &sys, "displayhook") {
            Ok(h) => Some(h),
            Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let hook =
        hook.ok_or_else(|| vm.new_error(&exceptions::RUNTIME_ERROR, "lost sys.displayhook"))?;
    ops::call(vm, &hook, &[value], None)?;
    Ok(())
}

/// The default `sys.displayhook(value)`: prints `repr(value)` to `sys.stdout` and keeps the
/// value as `builtins._` (None is neither printed nor kept).
pub fn s_displayhook(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    super::args::no_kwargs(vm, "displayhook", kwnames)?;
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "displayhook() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    if none::is_none(value) {
        return Ok(none::none());
    }
    dict::set_str(vm, &vm.builtins, "_", none::none())?;
    let text = format!("{}\n", ops::repr_string(vm, value)?);
    let stdout = match dict::get_str(vm, &vm.modules, "sys")? {
        Some(sys) => ops::getattr(vm, &sys, "stdout").ok(),
        None => None,
    };
    match stdout.filter(|s| !none::is_none(s)) {
        Some(out) => match crate::objects::stream::which(&out) {
            Some(w) => crate::objects::stream::write_text(vm, w, &text)?,
            None => {
                let write = ops::getattr(vm, &out, "write")?;
                ops::call(vm, &write, &[pystr::new_str_vm(vm, &text)?], None)?;
            }
        },
        None => {
            return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "lost sys.stdout"));
        }
    }
    dict::set_str(vm, &vm.builtins, "_", value.clone())?;
    Ok(none::none())
}

/// `input(prompt='')`: writes the prompt, reads a line from standard input without its
/// newline; `EOFError` at the end of input.
pub fn b_input(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    super::args::no_kwargs(vm, "input", kwnames)?;
    if args.len() > 1 {
        return Err(vm.type_error(&format!(
            "input expected at most 1 argument, got {}",
            args.len()
        )));
    }
    if let Some(p) = args.first() {
        let text = ops::str_string(vm, p)?;
        let sys = dict::get_str(vm, &vm.modules, "sys")?;
        let out = sys.and_then(|s| ops::getattr(vm, &s, "stdout").ok());
        match out.as_ref().and_then(crate::objects::stream::which) {
            Some(w) => crate::objects::stream::write_text(vm, w, &text)?,
            None => match out.filter(|o| !none::is_none(o)) {
                Some(o) => {
                    let write = ops::getattr(vm, &o, "write")?;
                    ops::call(vm, &write, &[pystr::new_str_vm(vm, &text)?], None)?;
                }
                None => vm.write_out(&text)?,
            },
        }
    }
    vm.flush_out();
    let mut line = String::new();
    let n = std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| vm.new_error(&exceptions::OS_ERROR, &e.to_string()))?;
    if n == 0 {
        return Err(vm.new_error(&exceptions::EOF_ERROR, "EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    pystr::new_str_vm(vm, &line)
}

/// The `builtins` module: a module object over the interpreter's builtins namespace.
pub fn builtins_module(vm: &Vm) -> PyResult<ObjRef> {
    module::new_module_with_dict(vm, "builtins", vm.builtins.clone())
}
