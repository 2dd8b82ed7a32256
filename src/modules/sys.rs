//! The `sys` module.

use super::sys_hooks;
use super::sys_stdlib_names::STDLIB_MODULE_NAMES;
use crate::object::{ObjCell, ObjRef, ObjVec};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::stream::{self, Which};
use crate::objects::{
    boolobj, exceptions, int, list, module, none, str as pystr, structseq, tuple,
};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::args::no_kwargs;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// The version arenapy reports (the CPython version whose semantics it follows).
pub const VERSION: (i64, i64, i64) = (3, 11, 7);

fn one<'a>(vm: &Vm, name: &str, args: &'a [ObjRef], kw: Option<&ObjRef>) -> PyResult<&'a ObjRef> {
    no_kwargs(vm, name, kw)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn s_exit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "exit", kw)?;
    Err(vm.new_error_args(
        &exceptions::SYSTEM_EXIT,
        args.iter().take(1).cloned().collect(),
    ))
}

fn s_getrefcount(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "getrefcount", args, kw)?;
    if a.header().is_immortal() {
        // CPython 3.11's immortal-ish singletons have huge counts; report a large number.
        return int::new_int(vm, 1 << 30);
    }
    int::new_int(vm, a.refcnt() as i64)
}

fn s_getsizeof(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getsizeof", kw)?;
    let Some(a) = args.first() else {
        return Err(vm.type_error("getsizeof() missing required argument 'object' (pos 1)"));
    };
    if let Some(m) = crate::vm::attr::lookup_special(vm, a, "__sizeof__")? {
        let r = ops::call(vm, &m, &[], None)?;
        if a.ob_type().is_heap_type() {
            if let Some(v) = int::as_i64(&r) {
                return int::new_int(vm, v);
            }
        }
        return Ok(r);
    }
    int::new_int(vm, a.block_size() as i64)
}

fn s_getrecursionlimit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getrecursionlimit", kw)?;
    if !args.is_empty() {
        return Err(vm.type_error("getrecursionlimit() takes no arguments"));
    }
    int::new_int(vm, vm.recursion_limit.get() as i64)
}

fn s_setrecursionlimit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "setrecursionlimit", args, kw)?;
    let n = int::as_i64(a).ok_or_else(|| vm.type_error("an integer is required"))?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit.set(n.min(1_000_000) as usize);
    Ok(none::none())
}

fn s_intern(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "intern", args, kw)?;
    let Some(s) = pystr::as_str(a) else {
        return Err(vm.type_error(&format!(
            "intern() argument must be str, not {}",
            a.ob_type().name()
        )));
    };
    vm.intern(s)
}

fn s_exc_info(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    match vm.handled_exception() {
        Some(e) => {
            let tb = ops::getattr(vm, &e, "__traceback__")?;
            tuple::new_tuple(vm, vec![e.type_object(), e, tb])
        }
        None => tuple::new_tuple(vm, vec![none::none(), none::none(), none::none()]),
    }
}

fn s_exception(_vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(_vm.handled_exception().unwrap_or_else(none::none))
}

fn s_getdefaultencoding(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getdefaultencoding", Sig::NoArgs, args, kw)?;
    pystr::new_str_vm(vm, "utf-8")
}

fn s_getfilesystemencoding(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getfilesystemencoding", Sig::NoArgs, args, kw)?;
    pystr::new_str_vm(vm, "utf-8")
}

fn s_debugmallocstats(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let report = crate::object::heap::with_current(|h| h.report());
    vm.write_err(&report)?;
    Ok(none::none())
}

fn s_getallocatedblocks(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let live = crate::object::heap::with_current(|h| h.stats().live_blocks);
    int::new_int(vm, live as i64)
}

/// The interpreter state behind `sys`'s getters and setters.
pub struct SysState {
    /// `sys.get_int_max_str_digits()` (0: no limit).
    pub int_max_str_digits: Cell<usize>,
    /// `sys.getswitchinterval()`.
    pub switch_interval: Cell<f64>,
    /// `sys.getdlopenflags()`.
    pub dlopenflags: Cell<i64>,
    /// `sys.get_coroutine_origin_tracking_depth()`.
    pub coro_origin_depth: Cell<usize>,
    /// `sys.is_finalizing()`: the interpreter is shutting down.
    pub finalizing: Cell<bool>,
    /// `sys.gettrace()`.
    pub trace: ObjCell,
    /// `sys.getprofile()`.
    pub profile: ObjCell,
    /// `sys.get_asyncgen_hooks().firstiter`.
    pub asyncgen_firstiter: ObjCell,
    /// `sys.get_asyncgen_hooks().finalizer`.
    pub asyncgen_finalizer: ObjCell,
    /// The `asyncgen_hooks` struct sequence type, made on first use.
    pub asyncgen_hooks_type: ObjCell,
    /// The `UnraisableHookArgs` struct sequence type.
    pub unraisable_args_type: ObjCell,
    /// `sys.addaudithook`'s hooks, in order.
    pub audit_hooks: ObjVec,
    /// `signal.signal`'s Python handlers: a dict from signal number to handler.
    pub signal_handlers: ObjCell,
    /// `os.register_at_fork`'s hooks, as `(kind, func)` tuples in registration order.
    pub fork_hooks: ObjVec,
}

impl Default for SysState {
    fn default() -> SysState {
        SysState {
            int_max_str_digits: Cell::new(int::MAX_STR_DIGITS),
            switch_interval: Cell::new(0.005),
            dlopenflags: Cell::new(2),
            coro_origin_depth: Cell::new(0),
            finalizing: Cell::new(false),
            trace: ObjCell::new(None),
            profile: ObjCell::new(None),
            asyncgen_firstiter: ObjCell::new(None),
            asyncgen_finalizer: ObjCell::new(None),
            asyncgen_hooks_type: ObjCell::new(None),
            unraisable_args_type: ObjCell::new(None),
            signal_handlers: ObjCell::new(None),
            fork_hooks: ObjVec::new(),
            audit_hooks: ObjVec::new(),
        }
    }
}

impl SysState {
    /// Takes out every reference held (at teardown), for the caller to drop.
    pub fn take_refs(&self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = [
            &self.trace,
            &self.profile,
            &self.asyncgen_firstiter,
            &self.asyncgen_finalizer,
            &self.asyncgen_hooks_type,
            &self.unraisable_args_type,
            &self.signal_handlers,
        ]
        .iter()
        .filter_map(|c| c.replace(None))
        .collect();
        out.extend(self.audit_hooks.take_all());
        out.extend(self.fork_hooks.take_all());
        out
    }
}

fn s_setswitchinterval(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [v] = parse::<1>(vm, "sys.setswitchinterval", Sig::One, args, kw)?;
    let v = crate::modules::math::real_arg(vm, &v.unwrap_or_else(none::none))?;
    if v <= 0.0 || v.is_nan() {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    // arenapy runs one thread per interpreter: the interval is kept for `getswitchinterval`,
    // as CPython's is when no other thread exists.
    vm.sys.switch_interval.set(v);
    Ok(none::none())
}

fn s_getswitchinterval(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getswitchinterval", Sig::NoArgs, args, kw)?;
    crate::objects::float::new_float(vm, vm.sys.switch_interval.get())
}

fn s_get_int_max_str_digits(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.get_int_max_str_digits", Sig::NoArgs, args, kw)?;
    int::new_int(vm, vm.sys.int_max_str_digits.get() as i64)
}

fn s_set_int_max_str_digits(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [v] = parse::<1>(
        vm,
        "set_int_max_str_digits",
        Sig::Kw {
            names: &["maxdigits"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let n = index_arg(vm, &v.unwrap_or_else(none::none))?;
    if n != 0 && n < int::STR_DIGITS_CHECK_THRESHOLD as i64 {
        return Err(vm.value_error(&format!(
            "maxdigits must be 0 or larger than {}",
            int::STR_DIGITS_CHECK_THRESHOLD
        )));
    }
    vm.sys.int_max_str_digits.set(n as usize);
    Ok(none::none())
}

fn s_is_finalizing(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.is_finalizing", Sig::NoArgs, args, kw)?;
    Ok(boolobj::new_bool(vm.sys.finalizing.get()))
}

fn s_getdlopenflags(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getdlopenflags", Sig::NoArgs, args, kw)?;
    int::new_int(vm, vm.sys.dlopenflags.get())
}

/// `sys.setdlopenflags(flags)`: the flags extension modules would be loaded with. arenapy
/// loads none, so the value is only kept for `getdlopenflags`.
fn s_setdlopenflags(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [v] = parse::<1>(vm, "sys.setdlopenflags", Sig::One, args, kw)?;
    let v = index_arg(vm, &v.unwrap_or_else(none::none))?;
    if v < i64::from(i32::MIN) || v > i64::from(i32::MAX) {
        return Err(vm.overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        }));
    }
    vm.sys.dlopenflags.set(v);
    Ok(none::none())
}

fn s_getfilesystemencodeerrors(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys.getfilesystemencodeerrors", Sig::NoArgs, args, kw)?;
    pystr::new_str_vm(vm, "surrogateescape")
}

fn s_get_coroutine_origin_tracking_depth(
    vm: &Vm,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(
        vm,
        "sys.get_coroutine_origin_tracking_depth",
        Sig::NoArgs,
        args,
        kw,
    )?;
    int::new_int(vm, vm.sys.coro_origin_depth.get() as i64)
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`: coroutines created afterwards record
/// the `depth` innermost frames of their creation in `cr_origin`.
fn s_set_coroutine_origin_tracking_depth(
    vm: &Vm,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [v] = parse::<1>(
        vm,
        "set_coroutine_origin_tracking_depth",
        Sig::Kw {
            names: &["depth"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let v = v.unwrap_or_else(none::none);
    if crate::objects::float::as_f64(&v).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = index_arg(vm, &v)?;
    if n < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    vm.sys.coro_origin_depth.set(n as usize);
    Ok(none::none())
}

static SYS_FUNCTIONS: [BuiltinDef; 24] = [
    BuiltinDef {
        name: "exit",
        func: s_exit,
    },
    BuiltinDef {
        name: "getrefcount",
        func: s_getrefcount,
    },
    BuiltinDef {
        name: "getsizeof",
        func: s_getsizeof,
    },
    BuiltinDef {
        name: "getrecursionlimit",
        func: s_getrecursionlimit,
    },
    BuiltinDef {
        name: "setrecursionlimit",
        func: s_setrecursionlimit,
    },
    BuiltinDef {
        name: "intern",
        func: s_intern,
    },
    BuiltinDef {
        name: "exc_info",
        func: s_exc_info,
    },
    super::sys_frames::GETFRAME,
    BuiltinDef {
        name: "exception",
        func: s_exception,
    },
    BuiltinDef {
        name: "getdefaultencoding",
        func: s_getdefaultencoding,
    },
    BuiltinDef {
        name: "getfilesystemencoding",
        func: s_getfilesystemencoding,
    },
    BuiltinDef {
        name: "_debugmallocstats",
        func: s_debugmallocstats,
    },
    BuiltinDef {
        name: "getallocatedblocks",
        func: s_getallocatedblocks,
    },
    BuiltinDef {
        name: "getswitchinterval",
        func: s_getswitchinterval,
    },
    BuiltinDef {
        name: "setswitchinterval",
        func: s_setswitchinterval,
    },
    BuiltinDef {
        name: "get_int_max_str_digits",
        func: s_get_int_max_str_digits,
    },
    BuiltinDef {
        name: "set_int_max_str_digits",
        func: s_set_int_max_str_digits,
    },
    BuiltinDef {
        name: "is_finalizing",
        func: s_is_finalizing,
    },
    BuiltinDef {
        name: "getdlopenflags",
        func: s_getdlopenflags,
    },
    BuiltinDef {
        name: "setdlopenflags",
        func: s_setdlopenflags,
    },
    BuiltinDef {
        name: "getfilesystemencodeerrors",
        func: s_getfilesystemencodeerrors,
    },
    BuiltinDef {
        name: "get_coroutine_origin_tracking_depth",
        func: s_get_coroutine_origin_tracking_depth,
    },
    BuiltinDef {
        name: "set_coroutine_origin_tracking_depth",
        func: s_set_coroutine_origin_tracking_depth,
    },
    BuiltinDef {
        name: "_clear_type_cache",
        func: s_clear_type_cache,
    },
];

/// `sys._clear_type_cache()`: empties the method cache.
fn s_clear_type_cache(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "sys._clear_type_cache", Sig::NoArgs, args, kw)?;
    drop(vm.method_cache.clear());
    Ok(none::none())
}

fn str_obj(vm: &Vm, s: &str) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, s)
}

/// The installation prefix: the folder above the one holding the executable (CPython's
/// `prefix` is the folder above its `bin`).
fn prefix() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().and_then(|d| d.parent()).map(|d| d.to_path_buf()))
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn int_tuple_type(
    vm: &Vm,
    name: &str,
    fields: &[&str],
    values: Vec<ObjRef>,
    sealed: bool,
) -> PyResult<ObjRef> {
    let ty = if sealed {
        structseq::new_sealed_type(vm, name, fields)?
    } else {
        structseq::new_type(vm, name, fields)?
    };
    structseq::new_instance(vm, &ty, values)
}

/// `sys.flags`: the command-line options in effect (arenapy takes none of CPython's, and runs
/// as `python3 -S`: no `site`, no bytecode files, no hash randomisation).
fn flags(vm: &Vm) -> PyResult<ObjRef> {
    let i = |x: i64| int::new_int(vm, x);
    let f = boolobj::new_bool(false);
    int_tuple_type(
        vm,
        "sys.flags",
        &[
            "debug",
            "inspect",
            "interactive",
            "optimize",
            "dont_write_bytecode",
            "no_user_site",
            "no_site",
            "ignore_environment",
            "verbose",
            "bytes_warning",
            "quiet",
            "hash_randomization",
            "isolated",
            "dev_mode",
            "utf8_mode",
            "warn_default_encoding",
            "safe_path",
            "int_max_str_digits",
        ],
        vec![
            i(0)?,
            i(0)?,
            i(0)?,
            i(0)?,
            i(1)?,
            i(0)?,
            i(1)?,
            i(0)?,
            i(0)?,
            i(0)?,
            i(0)?,
            i(0)?,
            i(0)?,
            f.clone(),
            i(0)?,
            i(0)?,
            f,
            i(-1)?,
        ],
        true,
    )
}

/// Builds `sys` (the interpreter fills in `argv` and `path` before running the program).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "sys")?;
    let set = |name: &str, v: ObjRef| module::set_attr(vm, &m, name, v);
    for def in SYS_FUNCTIONS.iter().chain(sys_hooks::HOOK_FUNCTIONS.iter()) {
        set(def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, def) in [
        ("excepthook", &sys_hooks::EXCEPTHOOK),
        ("unraisablehook", &sys_hooks::UNRAISABLEHOOK),
        ("breakpointhook", &sys_hooks::BREAKPOINTHOOK),
        ("displayhook", &super::builtins_exec::DISPLAYHOOK),
    ] {
        let hook = new_module_builtin(vm, def, m.clone())?;
        set(name, hook.clone())?;
        set(&format!("__{name}__"), hook)?;
    }
    let unraisable = sys_hooks::new_unraisable_args_type(vm)?;
    drop(vm.sys.unraisable_args_type.replace(Some(unraisable)));
    set("modules", vm.modules.clone())?;
    set("argv", list::new_list(vm, Vec::new())?)?;
    set("path", list::new_list(vm, path_tail(vm)?)?)?;
    // Filled by `importlib` when it is imported (`_arenapy_importer`).
    set("meta_path", list::new_list(vm, Vec::new())?)?;
    set("path_hooks", list::new_list(vm, Vec::new())?)?;
    set(
        "path_importer_cache",
        crate::objects::dict::new_dict_vm(vm)?,
    )?;
    let orig: PyResult<Vec<ObjRef>> = super::sys_cmdline::python_level_argv(std::env::args())
        .iter()
        .map(|a| str_obj(vm, a))
        .collect();
    set("orig_argv", list::new_list(vm, orig?)?)?;
    let warnoptions: PyResult<Vec<ObjRef>> = super::sys_cmdline::warn_options(
        std::env::var("PYTHONWARNINGS").ok().as_deref(),
        &super::sys_cmdline::python_level_argv(std::env::args()),
    )
    .iter()
    .map(|a| str_obj(vm, a))
    .collect();
    set("warnoptions", list::new_list(vm, warnoptions?)?)?;
    let out = stream::new_stream(vm, Which::Stdout)?;
    let err = stream::new_stream(vm, Which::Stderr)?;
    let inp = stream::new_stream(vm, Which::Stdin)?;
    set("stdout", out.clone())?;
    set("stderr", err.clone())?;
    set("stdin", inp.clone())?;
    set("__stdout__", out)?;
    set("__stderr__", err)?;
    set("__stdin__", inp)?;
    let (major, minor, micro) = VERSION;
    set(
        "version",
        str_obj(
            vm,
            &format!(
                "{major}.{minor}.{micro} (arenapy {})",
                env!("CARGO_PKG_VERSION")
            ),
        )?,
    )?;
    let hexversion = (major << 24) | (minor << 16) | (micro << 8) | 0xf0;
    set("hexversion", int::new_int(vm, hexversion)?)?;
    set("api_version", int::new_int(vm, 1013)?)?;
    let version_fields = ["major", "minor", "micro", "releaselevel", "serial"];
    let vi = int_tuple_type(
        vm,
        "sys.version_info",
        &version_fields,
        vec![
            int::new_int(vm, major)?,
            int::new_int(vm, minor)?,
            int::new_int(vm, micro)?,
            str_obj(vm, "final")?,
            int::new_int(vm, 0)?,
        ],
        true,
    )?;
    set("version_info", vi.clone())?;
    let impl_ns = crate::objects::namespace::new_namespace(vm)?;
    let ns_set = |k: &str, v: ObjRef| -> PyResult<()> {
        let key = vm.intern(k)?;
        ops::setattr(vm, &impl_ns, &key, Some(v))
    };
    ns_set("name", str_obj(vm, "arenapy")?)?;
    ns_set("cache_tag", none::none())?;
    ns_set("version", vi)?;
    ns_set("hexversion", int::new_int(vm, hexversion)?)?;
    // Names the platform's `_sysconfigdata_*` module of CPython's Lib (`sysconfig`).
    let multiarch = format!("{}-{}-gnu", std::env::consts::ARCH, std::env::consts::OS);
    ns_set("_multiarch", str_obj(vm, &multiarch)?)?;
    set("implementation", impl_ns)?;
    set("platform", str_obj(vm, std::env::consts::OS)?)?;
    set(
        "byteorder",
        str_obj(
            vm,
            if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            },
        )?,
    )?;
    set("maxsize", int::new_int(vm, isize::MAX as i64)?)?;
    set("maxunicode", int::new_int(vm, 0x10ffff)?)?;
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_default();
    set("executable", str_obj(vm, &exe)?)?;
    set("_base_executable", str_obj(vm, &exe)?)?;
    let prefix = prefix();
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        set(name, str_obj(vm, &prefix)?)?;
    }
    set("platlibdir", str_obj(vm, "lib")?)?;
    set("pycache_prefix", none::none())?;
    set("abiflags", str_obj(vm, "")?)?;
    set("float_repr_style", str_obj(vm, "short")?)?;
    set(
        "copyright",
        str_obj(
            vm,
            "Copyright (c) the arenapy authors.\nAll Rights Reserved.",
        )?,
    )?;
    let names: PyResult<Vec<ObjRef>> = crate::modules::native::names()
        .map(|n| str_obj(vm, n))
        .collect();
    set("builtin_module_names", tuple::new_tuple(vm, names?)?)?;
    let stdlib = tuple::new_tuple(
        vm,
        STDLIB_MODULE_NAMES
            .iter()
            .map(|n| str_obj(vm, n))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    let stdlib = crate::objects::set::new_set_of_type(
        vm,
        &crate::objects::set::FROZENSET_TYPE,
        Some(&stdlib),
    )?;
    set("stdlib_module_names", stdlib)?;
    set("dont_write_bytecode", boolobj::new_bool(true))?;
    set("flags", flags(vm)?)?;
    let f = |x: f64| crate::objects::float::new_float(vm, x);
    let i = |x: i64| int::new_int(vm, x);
    let fi = int_tuple_type(
        vm,
        "sys.float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            f(f64::MAX)?,
            i(f64::MAX_EXP as i64)?,
            i(f64::MAX_10_EXP as i64)?,
            f(f64::MIN_POSITIVE)?,
            i(f64::MIN_EXP as i64)?,
            i(f64::MIN_10_EXP as i64)?,
            i(f64::DIGITS as i64)?,
            i(f64::MANTISSA_DIGITS as i64)?,
            f(f64::EPSILON)?,
            i(2)?,
            i(1)?,
        ],
        false,
    )?;
    set("float_info", fi)?;
    // Ints are machine words or 64-bit limbs (`objects/int.rs`).
    let ii = int_tuple_type(
        vm,
        "sys.int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
        vec![
            i(64)?,
            i(8)?,
            i(int::MAX_STR_DIGITS as i64)?,
            i(int::STR_DIGITS_CHECK_THRESHOLD as i64)?,
        ],
        false,
    )?;
    set("int_info", ii)?;
    // Numeric hashes are CPython's; str and bytes hash with an unseeded FNV-1a.
    let hi = int_tuple_type(
        vm,
        "sys.hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            i(64)?,
            i((1 << 61) - 1)?,
            i(314159)?,
            i(0)?,
            i(1000003)?,
            str_obj(vm, "fnv")?,
            i(64)?,
            i(0)?,
            i(0)?,
        ],
        false,
    )?;
    set("hash_info", hi)?;
    let ti = int_tuple_type(
        vm,
        "sys.thread_info",
        &["name", "lock", "version"],
        vec![
            str_obj(vm, if cfg!(unix) { "pthread" } else { "nt" })?,
            none::none(),
            none::none(),
        ],
        false,
    )?;
    set("thread_info", ti)?;
    Ok(m)
}

/// The entry of `sys.path` that stands for the modules arenapy ships in Python source
/// (`modules::pylib`): the import system looks them up by name when it reaches this entry.
pub const SHIPPED_PATH_ENTRY: &str = "<arenapy>";

/// The end of `sys.path`: arenapy's shipped modules, then CPython's standard library.
fn path_tail(vm: &Vm) -> PyResult<Vec<ObjRef>> {
    let mut tail = vec![str_obj(vm, SHIPPED_PATH_ENTRY)?];
    if let Some(lib) = super::stdlib_dir::stdlib_dir() {
        tail.push(str_obj(vm, &lib.path.to_string_lossy())?);
    }
    Ok(tail)
}

/// Sets `sys.argv` and `sys.path` for a program run: the script's folder, `PYTHONPATH`,
/// arenapy's shipped modules, CPython's standard library.
pub fn configure(vm: &Vm, argv: &[String], path0: &str) -> PyResult<()> {
    let sys = crate::vm::import::import_dotted(vm, "sys")?;
    let argv: PyResult<Vec<ObjRef>> = argv.iter().map(|a| pystr::new_str_vm(vm, a)).collect();
    module::set_attr(vm, &sys, "argv", list::new_list(vm, argv?)?)?;
    let mut path = vec![pystr::new_str_vm(vm, path0)?];
    if let Ok(extra) = std::env::var("PYTHONPATH") {
        for p in extra.split(':').filter(|p| !p.is_empty()) {
            path.push(pystr::new_str_vm(vm, p)?);
        }
    }
    path.extend(path_tail(vm)?);
    module::set_attr(vm, &sys, "path", list::new_list(vm, path)?)?;
    Ok(())
}
