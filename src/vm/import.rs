//! The import system: `import a.b.c`, `from .x import y`, `from m import *`.
//!
//! A module is found, in order: in `sys.modules`; among the native modules written in Rust
//! (`modules::native`); then along `sys.path` (a package's `__path__` for its submodules): as
//! `NAME.py` or `NAME/__init__.py` in a folder, or, at the entry `<arenapy>`, among the modules
//! shipped in Python source with the interpreter (`modules::pylib`); failing those, as a
//! namespace package over every folder `NAME` without `__init__.py`. `sys.path` is the script's
//! folder, `PYTHONPATH`, `<arenapy>`, then CPython's standard library (`modules::stdlib_dir`). The module is
//! put in `sys.modules` before its code runs, so circular imports see the partial module, and
//! removed again if its code fails.

use super::frame::Frame;
use super::{eval, PyErr, PyResult, Vm};
use crate::compiler::{self, Mode};
use crate::modules::stdlib_dir;
use crate::modules::sys::SHIPPED_PATH_ENTRY;
use crate::modules::sys_stdlib_names::STDLIB_MODULE_NAMES;
use crate::object::ObjRef;
use crate::objects::{dict, exceptions, list, module, none, str as pystr, tuple};
use std::path::{Path, PathBuf};

/// `IMPORT_NAME`: imports `name` (`level` dots of relativity) as seen from `globals`, and returns
/// the top package (no `fromlist`) or the module itself.
pub fn import_name(
    vm: &Vm,
    name: &str,
    globals: &ObjRef,
    fromlist: &ObjRef,
    level: usize,
) -> PyResult<ObjRef> {
    let absolute = resolve_name(vm, name, globals, level)?;
    let module = import_dotted(vm, &absolute)?;
    let has_fromlist =
        !none::is_none(fromlist) && tuple::items(fromlist).is_none_or(|f| !f.is_empty());
    if has_fromlist {
        // `from package import submodule`: import submodules named in the fromlist.
        if is_package(vm, &module)? {
            for item in crate::vm::ops::collect_iterable(vm, fromlist)? {
                let Some(n) = pystr::as_str(&item) else {
                    continue;
                };
                if n == "*" || crate::vm::ops::getattr(vm, &module, n).is_ok() {
                    continue;
                }
                let sub = format!("{absolute}.{n}");
                match import_dotted(vm, &sub) {
                    Ok(_) => {}
                    Err(e) if is_not_found(&e, &sub) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        return Ok(module);
    }
    if level == 0 {
        let top = absolute.split('.').next().unwrap_or(&absolute);
        return sys_module(vm, top)?.ok_or_else(|| not_found(vm, top));
    }
    // `import .a.b` is not valid syntax; relative imports always have a fromlist.
    Ok(module)
}

fn is_not_found(e: &PyErr, name: &str) -> bool {
    e.matches(&exceptions::MODULE_NOT_FOUND_ERROR)
        && exceptions::payload(&e.exc)
            .and_then(|p| p.args.get())
            .and_then(|a| tuple::items(&a).and_then(|i| i.first().cloned()))
            .and_then(|m| pystr::as_str(&m).map(|s| s.contains(&format!("'{name}'"))))
            .unwrap_or(false)
}

/// The absolute module name for a (possibly relative) import.
fn resolve_name(vm: &Vm, name: &str, globals: &ObjRef, level: usize) -> PyResult<String> {
    if level == 0 {
        if name.is_empty() {
            return Err(vm.value_error("Empty module name"));
        }
        return Ok(name.to_string());
    }
    let package = match dict::get_str(vm, globals, "__package__")? {
        Some(p) if pystr::as_str(&p).is_some() => pystr::as_str(&p).unwrap_or("").to_string(),
        _ => {
            let modname = dict::get_str(vm, globals, "__name__")?
                .and_then(|n| pystr::as_str(&n).map(str::to_string))
                .unwrap_or_default();
            if dict::get_str(vm, globals, "__path__")?.is_some() {
                modname
            } else {
                modname
                    .rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default()
            }
        }
    };
    if package.is_empty() {
        return Err(vm.new_error(
            &exceptions::IMPORT_ERROR,
            "attempted relative import with no known parent package",
        ));
    }
    let mut parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(vm.new_error(
            &exceptions::IMPORT_ERROR,
            "attempted relative import beyond top-level package",
        ));
    }
    parts.truncate(parts.len() + 1 - level);
    let base = parts.join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

fn sys_module(vm: &Vm, name: &str) -> PyResult<Option<ObjRef>> {
    dict::get_str(vm, &vm.modules, name)
}

fn is_package(vm: &Vm, m: &ObjRef) -> PyResult<bool> {
    Ok(match module::module_dict(m) {
        Some(d) => dict::get_str(vm, &d, "__path__")?.is_some(),
        None => false,
    })
}

/// `ModuleNotFoundError: No module named 'x'` (with how to point arenapy at CPython's
/// standard library when `x` is one of its modules and none was found).
fn not_found(vm: &Vm, name: &str) -> PyErr {
    let top = name.split('.').next().unwrap_or(name);
    let msg = if stdlib_dir::stdlib_dir().is_none() && STDLIB_MODULE_NAMES.contains(&top) {
        format!("No module named '{name}' ({})", stdlib_dir::HINT)
    } else {
        format!("No module named '{name}'")
    };
    let e = vm.new_error(&exceptions::MODULE_NOT_FOUND_ERROR, &msg);
    if let Ok(n) = pystr::new_str_vm(vm, name) {
        let _ = exceptions::set_extra_attr(vm, &e.exc, "name", n);
    }
    e
}

/// Imports `a.b.c`: `a`, then `a.b`, then `a.b.c`, binding each as an attribute of its parent.
pub fn import_dotted(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    if let Some(m) = sys_module(vm, name)? {
        return not_halted(vm, name, m);
    }
    let (parent, child) = match name.rsplit_once('.') {
        Some((p, c)) => (Some(p), c),
        None => (None, name),
    };
    let search_path = match parent {
        Some(p) => {
            let pm = import_dotted(vm, p)?;
            if let Some(m) = sys_module(vm, name)? {
                return not_halted(vm, name, m);
            }
            let d = module::module_dict(&pm).ok_or_else(|| not_found(vm, name))?;
            match dict::get_str(vm, &d, "__path__")? {
                Some(path) => Some(path),
                None => {
                    return Err(vm.new_error(
                        &exceptions::MODULE_NOT_FOUND_ERROR,
                        &format!("No module named '{name}'; '{p}' is not a package"),
                    ))
                }
            }
        }
        None => None,
    };
    let m = load_module(vm, name, search_path.as_ref())?;
    if let Some(p) = parent {
        if let Some(pm) = sys_module(vm, p)? {
            module::set_attr(vm, &pm, child, m.clone())?;
        }
    }
    if name == "importlib" {
        install_importlib(vm)?;
    }
    Ok(m)
}

/// A module found in `sys.modules`, unless the entry is `None`: that blocks the import
/// (`test.support.import_helper.import_fresh_module(..., blocked=[...])` relies on it).
fn not_halted(vm: &Vm, name: &str, m: ObjRef) -> PyResult<ObjRef> {
    if !crate::objects::none::is_none(&m) {
        return Ok(m);
    }
    let e = vm.new_error(
        &exceptions::MODULE_NOT_FOUND_ERROR,
        &format!("import of {name} halted; None in sys.modules"),
    );
    if let Ok(n) = pystr::new_str_vm(vm, name) {
        let _ = exceptions::set_extra_attr(vm, &e.exc, "name", n);
    }
    Err(e)
}

fn load_module(vm: &Vm, name: &str, search_path: Option<&ObjRef>) -> PyResult<ObjRef> {
    if search_path.is_none() {
        if let Some(init) = crate::modules::native::find(name) {
            let m = init(vm)?;
            dict::set_str(vm, &vm.modules, name, m.clone())?;
            if let Some(ext) = crate::modules::pylib::find_extension(name) {
                return run_module_code(vm, name, &m, ext.source, &format!("<frozen {name}>"));
            }
            return Ok(m);
        }
    }
    let dirs: Vec<String> = match search_path {
        Some(p) => crate::vm::ops::collect_iterable(vm, p)?
            .iter()
            .filter_map(|s| pystr::as_str(s).map(str::to_string))
            .collect(),
        None => {
            let sys = sys_module(vm, "sys")?;
            let path = match sys.as_ref().and_then(module::module_dict) {
                Some(d) => dict::get_str(vm, &d, "path")?,
                None => None,
            };
            match path {
                Some(p) => crate::vm::ops::collect_iterable(vm, &p)?
                    .iter()
                    .filter_map(|s| pystr::as_str(s).map(str::to_string))
                    .collect(),
                None => Vec::new(),
            }
        }
    };
    let leaf = name.rsplit('.').next().unwrap_or(name);
    // Folders named `leaf` without an `__init__.py`: the portions of a namespace package
    // (PEP 420), used when no entry has a regular package or module of that name.
    let mut portions = Vec::new();
    for dir in dirs {
        if dir == SHIPPED_PATH_ENTRY {
            // Shipped modules go by their full name, so `collections.abc` is found under the
            // shipped `collections` package (whose `__path__` is this entry alone).
            if let Some(shipped) = crate::modules::pylib::find(name) {
                return load_shipped(vm, name, shipped);
            }
            continue;
        }
        let base = if dir.is_empty() {
            PathBuf::from(".")
        } else {
            PathBuf::from(&dir)
        };
        let pkg_init = base.join(leaf).join("__init__.py");
        if pkg_init.is_file() {
            return load_file(vm, name, &pkg_init, Some(&base.join(leaf)));
        }
        let file = base.join(format!("{leaf}.py"));
        if file.is_file() {
            return load_file(vm, name, &file, None);
        }
        if base.join(leaf).is_dir() {
            portions.push(base.join(leaf));
        }
    }
    if portions.is_empty() {
        return Err(not_found(vm, name));
    }
    namespace_package(vm, name, &portions)
}

/// A namespace package (PEP 420): no code, no `__file__`, its `__path__` the folders found.
fn namespace_package(vm: &Vm, name: &str, portions: &[PathBuf]) -> PyResult<ObjRef> {
    let m = module::new_module(vm, name)?;
    let d = module::module_dict(&m).unwrap_or_else(none::none);
    let mut path = Vec::with_capacity(portions.len());
    for p in portions {
        path.push(pystr::new_str_vm(vm, &p.to_string_lossy())?);
    }
    dict::set_str(vm, &d, "__path__", list::new_list(vm, path)?)?;
    dict::set_str(vm, &d, "__file__", none::none())?;
    dict::set_str(vm, &d, "__package__", pystr::new_str_vm(vm, name)?)?;
    dict::set_str(vm, &vm.modules, name, m.clone())?;
    Ok(m)
}

fn load_shipped(
    vm: &Vm,
    name: &str,
    shipped: &crate::modules::pylib::PyModule,
) -> PyResult<ObjRef> {
    let m = module::new_module(vm, name)?;
    let d = module::module_dict(&m).unwrap_or_else(none::none);
    let package = if shipped.is_package {
        let entry = pystr::new_str_vm(vm, SHIPPED_PATH_ENTRY)?;
        dict::set_str(vm, &d, "__path__", list::new_list(vm, vec![entry])?)?;
        name
    } else {
        name.rsplit_once('.').map_or("", |(p, _)| p)
    };
    dict::set_str(vm, &d, "__package__", pystr::new_str_vm(vm, package)?)?;
    run_module_code(vm, name, &m, shipped.source, &format!("<frozen {name}>"))
}

fn load_file(vm: &Vm, name: &str, file: &Path, package_dir: Option<&Path>) -> PyResult<ObjRef> {
    let source = std::fs::read_to_string(file).map_err(|e| {
        vm.new_error(
            &exceptions::IMPORT_ERROR,
            &format!("cannot read {}: {e}", file.display()),
        )
    })?;
    let m = module::new_module(vm, name)?;
    let d = module::module_dict(&m).unwrap_or_else(none::none);
    let filename = file.to_string_lossy().to_string();
    dict::set_str(vm, &d, "__file__", pystr::new_str_vm(vm, &filename)?)?;
    let package = match package_dir {
        Some(dir) => {
            let p = pystr::new_str_vm(vm, &dir.to_string_lossy())?;
            dict::set_str(vm, &d, "__path__", list::new_list(vm, vec![p])?)?;
            name.to_string()
        }
        None => name
            .rsplit_once('.')
            .map_or(String::new(), |(p, _)| p.to_string()),
    };
    dict::set_str(vm, &d, "__package__", pystr::new_str_vm(vm, &package)?)?;
    vm.remember_source(&filename, &source);
    run_module_code(vm, name, &m, &source, &filename)
}

/// Compiles and runs a module's code in its namespace, registered in `sys.modules` meanwhile.
fn run_module_code(
    vm: &Vm,
    name: &str,
    m: &ObjRef,
    source: &str,
    filename: &str,
) -> PyResult<ObjRef> {
    let d = module::module_dict(m).unwrap_or_else(none::none);
    dict::set_str(vm, &d, "__builtins__", vm.builtins.clone())?;
    let unit = compiler::compile(source, filename, Mode::Exec).map_err(|e| syntax_error(vm, &e))?;
    dict::set_str(vm, &vm.modules, name, m.clone())?;
    let result = (|| -> PyResult<()> {
        let code = crate::vm::code_unit::new_code(vm, &unit)?;
        let mut frame = Frame::new(vm, code, d.clone(), Some(d.clone()))?;
        eval::run_frame(vm, &mut frame, None)?;
        Ok(())
    })();
    if let Err(e) = result {
        let key = vm.intern(name)?;
        let _ = dict::del_item(vm, &vm.modules, &key);
        return Err(e);
    }
    // A module may replace itself in sys.modules while it runs.
    Ok(sys_module(vm, name)?.unwrap_or_else(|| m.clone()))
}

/// Compiles the source of shipped module `name` and runs it in the namespace `d` (for
/// `importlib`'s loader of shipped modules, `_imp._arenapy_exec_shipped`).
pub fn exec_source_in(vm: &Vm, name: &str, d: &ObjRef, source: &str) -> PyResult<()> {
    let filename = format!("<frozen {name}>");
    if dict::get_str(vm, d, "__builtins__")?.is_none() {
        dict::set_str(vm, d, "__builtins__", vm.builtins.clone())?;
    }
    let unit =
        compiler::compile(source, &filename, Mode::Exec).map_err(|e| syntax_error(vm, &e))?;
    let code = crate::vm::code_unit::new_code(vm, &unit)?;
    let mut frame = Frame::new(vm, code, d.clone(), Some(d.clone()))?;
    eval::run_frame(vm, &mut frame, None)?;
    Ok(())
}

/// After CPython's `importlib` package has run: installs its finders on `sys.meta_path` and
/// `sys.path_hooks` (what CPython's start-up does with the frozen importlib), with arenapy's
/// finder for its shipped modules, so `importlib.import_module` and friends work beside the
/// import statement (`modules/pylib/_arenapy_importer.py`).
fn install_importlib(vm: &Vm) -> PyResult<()> {
    let m = import_dotted(vm, "_arenapy_importer")?;
    let install = crate::vm::ops::getattr(vm, &m, "_install")?;
    crate::vm::ops::call(vm, &install, &[], None)?;
    Ok(())
}

/// A SyntaxError exception object from the compiler's error.
pub fn syntax_error(vm: &Vm, e: &crate::parser::SyntaxError) -> PyErr {
    let ty = match e.class_name() {
        "IndentationError" => &exceptions::INDENTATION_ERROR,
        "TabError" => &exceptions::TAB_ERROR,
        "RecursionError" => &exceptions::RECURSION_ERROR,
        _ => &exceptions::SYNTAX_ERROR,
    };
    let err = vm.new_error(ty, &e.msg());
    let set = |k: &str, v: PyResult<ObjRef>| {
        if let (Ok(v), Ok(k)) = (v, vm.intern(k)) {
            let _ = crate::vm::ops::setattr(vm, &err.exc, &k, Some(v));
        }
    };
    set("filename", pystr::new_str_vm(vm, &e.filename));
    set("lineno", crate::objects::int::new_int(vm, e.lineno as i64));
    set("offset", crate::objects::int::new_int(vm, e.offset as i64));
    set(
        "end_lineno",
        crate::objects::int::new_int(vm, e.end_lineno as i64),
    );
    set(
        "end_offset",
        crate::objects::int::new_int(vm, e.end_offset as i64),
    );
    set("msg", pystr::new_str_vm(vm, &e.msg()));
    set(
        "text",
        e.text
            .as_deref()
            .map_or(Ok(none::none()), |t| pystr::new_str_vm(vm, t)),
    );
    set("_rendered", pystr::new_str_vm(vm, &e.render()));
    err
}

/// `IMPORT_FROM`: `from module import name`.
pub fn import_from(vm: &Vm, module: &ObjRef, name: &str) -> PyResult<ObjRef> {
    match crate::vm::ops::getattr(vm, module, name) {
        Ok(v) => return Ok(v),
        Err(e) if !e.matches(&exceptions::ATTRIBUTE_ERROR) => return Err(e),
        Err(_) => {}
    }
    let modname = module::module_dict(module)
        .and_then(|d| dict::get_str(vm, &d, "__name__").ok().flatten())
        .and_then(|n| pystr::as_str(&n).map(str::to_string));
    if let Some(mn) = &modname {
        if let Some(m) = sys_module(vm, &format!("{mn}.{name}"))? {
            return Ok(m);
        }
    }
    let file = module::module_dict(module)
        .and_then(|d| dict::get_str(vm, &d, "__file__").ok().flatten())
        .and_then(|f| pystr::as_str(&f).map(str::to_string));
    let mn = modname.unwrap_or_else(|| "<unknown module name>".into());
    let msg = match file {
        Some(f) => format!("cannot import name '{name}' from '{mn}' ({f})"),
        None => format!("cannot import name '{name}' from '{mn}' (unknown location)"),
    };
    let e = vm.new_error(&exceptions::IMPORT_ERROR, &msg);
    if let Ok(n) = pystr::new_str_vm(vm, &mn) {
        let _ = exceptions::set_extra_attr(vm, &e.exc, "name", n);
    }
    Err(e)
}

/// `IMPORT_STAR`: binds the public names of `module` in `ns`.
pub fn import_star(vm: &Vm, module: &ObjRef, ns: &ObjRef) -> PyResult<()> {
    let Some(d) = module::module_dict(module) else {
        return Err(vm.type_error("from-import-* object has no __dict__ and no __all__"));
    };
    match dict::get_str(vm, &d, "__all__")? {
        Some(all) => {
            for n in crate::vm::ops::collect_iterable(vm, &all)? {
                let name = pystr::as_str(&n).unwrap_or("").to_string();
                let v = crate::vm::ops::getattr(vm, module, &name)?;
                dict::set_item(vm, ns, n, v)?;
            }
        }
        None => {
            for (k, v) in dict::items(&d) {
                if pystr::as_str(&k).is_some_and(|s| !s.starts_with('_')) {
                    dict::set_item(vm, ns, k, v)?;
                }
            }
        }
    }
    Ok(())
}
