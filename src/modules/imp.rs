//! `_imp`: the hooks CPython's `importlib` (`importlib._bootstrap`, `_bootstrap_external`) runs
//! on, so that CPython's own `importlib` works over arenapy's import system: built-in modules
//! are arenapy's native modules, nothing is frozen, no extension module can be loaded (no
//! suffixes), and the import lock is a no-op in a single thread.
//!
//! arenapy's `import` statement does not go through `importlib`; `importlib.import_module` and
//! friends do, with the finders `_arenapy_importer` installs (see `vm::import`), and both share
//! `sys.modules`. Three arenapy-specific functions let that finder load the modules arenapy
//! ships in Python source: `_arenapy_is_shipped`, `_arenapy_is_shipped_package` and
//! `_arenapy_exec_shipped`.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, dict, exceptions, int, list, module, none, str as pystr, tuple};
use crate::vm::args::{check_count, no_kwargs};
use crate::vm::{ops, PyResult, Vm};

fn arg_name(vm: &Vm, fname: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<String> {
    no_kwargs(vm, fname, kw)?;
    check_count(vm, fname, args, 1, 1)?;
    pystr::as_str(&args[0]).map(str::to_string).ok_or_else(|| {
        vm.type_error(&format!(
            "{fname}() argument must be str, not {}",
            args[0].ob_type().name()
        ))
    })
}

fn no_args(vm: &Vm, fname: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    no_kwargs(vm, fname, kw)?;
    check_count(vm, fname, args, 0, 0)
}

fn lock_held(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "lock_held", args, kw)?;
    Ok(boolobj::new_bool(false))
}

fn acquire_lock(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "acquire_lock", args, kw)?;
    Ok(none::none())
}

fn release_lock(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "release_lock", args, kw)?;
    Ok(none::none())
}

/// `is_builtin(name)`: 1 for a native module (-1 for `sys` and `builtins`, which cannot be
/// initialized again), 0 otherwise.
fn is_builtin(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = arg_name(vm, "is_builtin", args, kw)?;
    let v = match name.as_str() {
        "sys" | "builtins" => -1,
        n if crate::modules::native::find(n).is_some() => 1,
        _ => 0,
    };
    int::new_int(vm, v)
}

/// `create_builtin(spec)`: the native module `spec.name` (the one in `sys.modules` if it was
/// imported already, as CPython reuses single-phase modules).
fn create_builtin(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "create_builtin", kw)?;
    check_count(vm, "create_builtin", args, 1, 1)?;
    let name = ops::getattr(vm, &args[0], "name")?;
    let name = pystr::as_str(&name)
        .ok_or_else(|| vm.type_error("spec.name must be a string"))?
        .to_string();
    if crate::modules::native::find(&name).is_none() {
        return Err(vm.new_error(
            &exceptions::IMPORT_ERROR,
            &format!("no built-in module named {name}"),
        ));
    }
    crate::vm::import::import_dotted(vm, &name)
}

fn exec_builtin(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "exec_builtin", kw)?;
    check_count(vm, "exec_builtin", args, 1, 1)?;
    int::new_int(vm, 0)
}

fn exec_dynamic(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "exec_dynamic", kw)?;
    check_count(vm, "exec_dynamic", args, 1, 1)?;
    int::new_int(vm, 0)
}

fn create_dynamic(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "create_dynamic", kw)?;
    check_count(vm, "create_dynamic", args, 1, 2)?;
    Err(vm.new_error(
        &exceptions::IMPORT_ERROR,
        "arenapy cannot load extension modules",
    ))
}

fn is_frozen(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    arg_name(vm, "is_frozen", args, kw)?;
    Ok(boolobj::new_bool(false))
}

fn not_frozen(vm: &Vm, name: &str) -> crate::vm::PyErr {
    let msg = format!(
        "No such frozen object named {}",
        ops::repr_string(
            vm,
            &pystr::new_str_vm(vm, name).unwrap_or_else(|_| none::none())
        )
        .unwrap_or_default()
    );
    vm.new_error(&exceptions::IMPORT_ERROR, &msg)
}

fn is_frozen_package(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = arg_name(vm, "is_frozen_package", args, kw)?;
    Err(not_frozen(vm, &name))
}

fn get_frozen_object(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "get_frozen_object", kw)?;
    check_count(vm, "get_frozen_object", args, 1, 2)?;
    let name = pystr::as_str(&args[0]).unwrap_or("?").to_string();
    Err(not_frozen(vm, &name))
}

fn init_frozen(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    arg_name(vm, "init_frozen", args, kw)?;
    Ok(none::none())
}

fn find_frozen(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    // `find_frozen(name, *, withdata=False)`: nothing is frozen.
    let (pos, _) = crate::vm::args::split_args(args, kw);
    check_count(vm, "find_frozen", pos, 1, 1)?;
    Ok(none::none())
}

fn frozen_module_names(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "_frozen_module_names", args, kw)?;
    tuple::new_tuple(vm, Vec::new())
}

fn override_frozen(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "_override_frozen_modules_for_tests", kw)?;
    check_count(vm, "_override_frozen_modules_for_tests", args, 1, 1)?;
    Ok(none::none())
}

fn extension_suffixes(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "extension_suffixes", args, kw)?;
    list::new_list(vm, Vec::new())
}

/// `_fix_co_filename(code, path)`: arenapy compiles with the right file name already.
fn fix_co_filename(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "_fix_co_filename", kw)?;
    check_count(vm, "_fix_co_filename", args, 2, 2)?;
    Ok(none::none())
}

fn shipped_name(vm: &Vm, fname: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<String> {
    arg_name(vm, fname, args, kw)
}

fn is_shipped(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = shipped_name(vm, "_arenapy_is_shipped", args, kw)?;
    Ok(boolobj::new_bool(
        crate::modules::pylib::find(&name).is_some(),
    ))
}

fn is_shipped_package(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = shipped_name(vm, "_arenapy_is_shipped_package", args, kw)?;
    Ok(boolobj::new_bool(
        crate::modules::pylib::find(&name).is_some_and(|m| m.is_package),
    ))
}

/// `_arenapy_exec_shipped(module)`: runs the shipped source of `module.__name__` in its dict.
fn exec_shipped(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "_arenapy_exec_shipped", kw)?;
    check_count(vm, "_arenapy_exec_shipped", args, 1, 1)?;
    let m = &args[0];
    let name = ops::getattr(vm, m, "__name__")?;
    let name = pystr::as_str(&name).unwrap_or("").to_string();
    let shipped = crate::modules::pylib::find(&name).ok_or_else(|| {
        vm.new_error(
            &exceptions::IMPORT_ERROR,
            &format!("arenapy ships no module named {name}"),
        )
    })?;
    let d = module::module_dict(m).ok_or_else(|| vm.type_error("expected a module"))?;
    crate::vm::import::exec_source_in(vm, &name, &d, shipped.source)?;
    Ok(none::none())
}

static FUNCTIONS: [BuiltinDef; 21] = [
    BuiltinDef {
        name: "lock_held",
        func: lock_held,
    },
    BuiltinDef {
        name: "acquire_lock",
        func: acquire_lock,
    },
    BuiltinDef {
        name: "release_lock",
        func: release_lock,
    },
    BuiltinDef {
        name: "is_builtin",
        func: is_builtin,
    },
    BuiltinDef {
        name: "create_builtin",
        func: create_builtin,
    },
    BuiltinDef {
        name: "exec_builtin",
        func: exec_builtin,
    },
    BuiltinDef {
        name: "exec_dynamic",
        func: exec_dynamic,
    },
    BuiltinDef {
        name: "create_dynamic",
        func: create_dynamic,
    },
    BuiltinDef {
        name: "is_frozen",
        func: is_frozen,
    },
    BuiltinDef {
        name: "is_frozen_package",
        func: is_frozen_package,
    },
    BuiltinDef {
        name: "get_frozen_object",
        func: get_frozen_object,
    },
    BuiltinDef {
        name: "init_frozen",
        func: init_frozen,
    },
    BuiltinDef {
        name: "find_frozen",
        func: find_frozen,
    },
    BuiltinDef {
        name: "_frozen_module_names",
        func: frozen_module_names,
    },
    BuiltinDef {
        name: "_override_frozen_modules_for_tests",
        func: override_frozen,
    },
    BuiltinDef {
        name: "extension_suffixes",
        func: extension_suffixes,
    },
    BuiltinDef {
        name: "_fix_co_filename",
        func: fix_co_filename,
    },
    BuiltinDef {
        name: "_arenapy_is_shipped",
        func: is_shipped,
    },
    BuiltinDef {
        name: "_arenapy_is_shipped_package",
        func: is_shipped_package,
    },
    BuiltinDef {
        name: "_arenapy_exec_shipped",
        func: exec_shipped,
    },
    BuiltinDef {
        name: "_override_multi_interp_extensions_check",
        func: override_frozen,
    },
];

/// Builds the `_imp` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_imp")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let d = module::module_dict(&m).unwrap_or_else(none::none);
    dict::set_str(
        vm,
        &d,
        "check_hash_based_pycs",
        pystr::new_str_vm(vm, "default")?,
    )?;
    Ok(m)
}
