//! The `sys` module.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::stream::{self, Which};
use crate::objects::{
    boolobj, dict, exceptions, int, list, module, none, str as pystr, structseq, tuple,
};
use crate::vm::args::no_kwargs;
use crate::vm::{ops, PyResult, Vm};

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
    match vm.exc_info.get() {
        Some(e) => {
            let tb = ops::getattr(vm, &e, "__traceback__")?;
            tuple::new_tuple(vm, vec![e.type_object(), e, tb])
        }
        None => tuple::new_tuple(vm, vec![none::none(), none::none(), none::none()]),
    }
}

fn s_exception(_vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(_vm.exc_info.get().unwrap_or_else(none::none))
}

fn s_encoding(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
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

static SYS_FUNCTIONS: [BuiltinDef; 13] = [
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
    BuiltinDef {
        name: "exception",
        func: s_exception,
    },
    BuiltinDef {
        name: "getdefaultencoding",
        func: s_encoding,
    },
    BuiltinDef {
        name: "getfilesystemencoding",
        func: s_encoding,
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
];

fn s_getswitchinterval(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::float::new_float(vm, 0.005)
}

/// Builds `sys` (the interpreter fills in `argv` and `path` before running the program).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "sys")?;
    let set = |name: &str, v: ObjRef| module::set_attr(vm, &m, name, v);
    for def in SYS_FUNCTIONS.iter() {
        set(def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    set("modules", vm.modules.clone())?;
    let hook = new_module_builtin(vm, &super::builtins_exec::DISPLAYHOOK, m.clone())?;
    set("displayhook", hook.clone())?;
    set("__displayhook__", hook)?;
    set("argv", list::new_list(vm, Vec::new())?)?;
    set("path", list::new_list(vm, Vec::new())?)?;
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
        pystr::new_str_vm(
            vm,
            &format!(
                "{major}.{minor}.{micro} (arenapy {})",
                env!("CARGO_PKG_VERSION")
            ),
        )?,
    )?;
    set(
        "hexversion",
        int::new_int(vm, (major << 24) | (minor << 16) | (micro << 8) | 0xf0)?,
    )?;
    let vi_type = structseq::new_type(
        vm,
        "sys.version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    )?;
    let vi = structseq::new_instance(
        vm,
        &vi_type,
        vec![
            int::new_int(vm, major)?,
            int::new_int(vm, minor)?,
            int::new_int(vm, micro)?,
            pystr::new_str_vm(vm, "final")?,
            int::new_int(vm, 0)?,
        ],
    )?;
    set("version_info", vi)?;
    let impl_ns = crate::objects::namespace::new_namespace(vm)?;
    let ns_set = |k: &str, v: ObjRef| -> PyResult<()> {
        let key = vm.intern(k)?;
        ops::setattr(vm, &impl_ns, &key, Some(v))
    };
    ns_set("name", pystr::new_str_vm(vm, "arenapy")?)?;
    ns_set("cache_tag", none::none())?;
    let iv_type = structseq::new_type(
        vm,
        "sys.version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    )?;
    let pkg: Vec<i64> = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    ns_set(
        "version",
        structseq::new_instance(
            vm,
            &iv_type,
            vec![
                int::new_int(vm, pkg.first().copied().unwrap_or(0))?,
                int::new_int(vm, pkg.get(1).copied().unwrap_or(0))?,
                int::new_int(vm, pkg.get(2).copied().unwrap_or(0))?,
                pystr::new_str_vm(vm, "alpha")?,
                int::new_int(vm, 0)?,
            ],
        )?,
    )?;
    set("implementation", impl_ns)?;
    set("platform", pystr::new_str_vm(vm, std::env::consts::OS)?)?;
    set(
        "byteorder",
        pystr::new_str_vm(
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
    set("executable", pystr::new_str_vm(vm, &exe)?)?;
    let names: PyResult<Vec<ObjRef>> = crate::modules::native::names()
        .map(|n| pystr::new_str_vm(vm, n))
        .collect();
    set("builtin_module_names", tuple::new_tuple(vm, names?)?)?;
    set("dont_write_bytecode", boolobj::new_bool(true))?;
    let fi_type = structseq::new_type(
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
    )?;
    let f = |x: f64| crate::objects::float::new_float(vm, x);
    let i = |x: i64| int::new_int(vm, x);
    let fi = structseq::new_instance(
        vm,
        &fi_type,
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
    )?;
    set("float_info", fi)?;
    let _ = dict::new_dict_vm(vm)?;
    Ok(m)
}

/// Sets `sys.argv` and `sys.path` for a program run.
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
    module::set_attr(vm, &sys, "path", list::new_list(vm, path)?)?;
    Ok(())
}
