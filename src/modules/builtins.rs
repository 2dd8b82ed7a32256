//! The `builtins` namespace: functions, types and exceptions every program sees.

use crate::object::{ObjRef, TypeObject};
use crate::objects::function::{new_builtin, BuiltinDef};
use crate::objects::wtf8::Wtf8Buf;
use crate::objects::{
    boolobj, dict, exceptions, float, int, list, none, range, str as pystr, tuple, typetype,
};
use crate::vm::{ops, PyResult, Vm};

use crate::vm::args::{no_kwargs, split_args};

fn b_print(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let mut sep = Wtf8Buf::from(" ");
    let mut end = Wtf8Buf::from("\n");
    let mut flush = false;
    let mut file: Option<ObjRef> = None;
    for (name, value) in kw {
        let text = if none::is_none(value) {
            None
        } else {
            match pystr::as_text(value) {
                Some(s) => Some(Wtf8Buf::from(s)),
                None if name == "flush" || name == "file" => None,
                None => {
                    return Err(vm.type_error(&format!(
                        "{} must be None or a string, not {}",
                        name,
                        value.ob_type().name()
                    )))
                }
            }
        };
        match name {
            "sep" => sep = text.unwrap_or_else(|| " ".into()),
            "end" => end = text.unwrap_or_else(|| "\n".into()),
            "flush" => flush = ops::truthy(vm, value)?,
            "file" => file = Some(value.clone()).filter(|f| !none::is_none(f)),
            other => {
                return Err(vm.type_error(&format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let mut out = Wtf8Buf::new();
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            out.push_wtf8(sep.as_wtf8());
        }
        let s = ops::str(vm, a)?;
        out.push_wtf8(pystr::as_text(&s).unwrap_or_default());
    }
    out.push_wtf8(end.as_wtf8());
    let file = match file {
        Some(f) => f,
        None => {
            // sys.stdout, which a program may replace.
            let sys = dict::get_str(vm, &vm.modules, "sys")?;
            match sys.as_ref().and_then(crate::objects::module::module_dict) {
                Some(d) => dict::get_str(vm, &d, "stdout")?.unwrap_or_else(none::none),
                None => none::none(),
            }
        }
    };
    match crate::objects::stream::which(&file) {
        Some(w) => crate::objects::stream::write_wtf8(vm, w, out.as_wtf8())?,
        None if none::is_none(&file) => crate::objects::stream::write_wtf8(
            vm,
            crate::objects::stream::Which::Stdout,
            out.as_wtf8(),
        )?,
        None => {
            let write = ops::getattr(vm, &file, "write")?;
            let s = pystr::new_str_wtf8_vm(vm, out.as_wtf8())?;
            ops::call(vm, &write, &[s], None)?;
        }
    }
    if flush {
        match crate::objects::stream::which(&file) {
            Some(crate::objects::stream::Which::Stdout) => vm
                .try_flush_out()
                .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?,
            Some(_) => {}
            None if none::is_none(&file) => {}
            None => {
                ops::call(vm, &ops::getattr(vm, &file, "flush")?, &[], None)?;
            }
        }
    }
    Ok(none::none())
}

fn one_arg<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    no_kwargs(vm, name, kwnames)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "{}() takes exactly one argument ({} given)",
            name,
            args.len()
        ))),
    }
}

fn b_len(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "len", args, kwnames)?;
    match a.ob_type().slots.len {
        Some(f) => int::new_int(vm, f(vm, a)? as i64),
        None => Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            a.ob_type().name()
        ))),
    }
}

fn b_repr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::repr(vm, one_arg(vm, "repr", args, kwnames)?)
}

fn b_abs(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "abs", args, kwnames)?;
    // A class's slot answers NotImplemented when the class defines no `__abs__`.
    if let Some(f) = a.ob_type().slots.number.absolute {
        let r = f(vm, a)?;
        if !none::is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(vm.type_error(&format!(
        "bad operand type for abs(): '{}'",
        a.ob_type().name()
    )))
}

fn b_hash(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let h = ops::hash(vm, one_arg(vm, "hash", args, kwnames)?)?;
    int::new_int(vm, h)
}

fn b_id(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "id", args, kwnames)?;
    int::new_int(vm, a.addr() as i64)
}

fn b_iter(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    super::builtins_iter::iter(vm, args, kwnames)
}

fn b_next(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "next", kwnames)?;
    match args {
        [it] => match it.ob_type().slots.next {
            // Call the slot directly so a StopIteration carrying a value keeps it.
            Some(f) => f(vm, it)?.ok_or_else(|| vm.stop_iteration()),
            None => Err(vm.type_error(&format!(
                "'{}' object is not an iterator",
                it.ob_type().name()
            ))),
        },
        [it, default] => Ok(ops::next(vm, it)?.unwrap_or_else(|| default.clone())),
        _ => Err(vm.type_error(&format!(
            "next expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn b_isinstance(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "isinstance", kwnames)?;
    let [obj, cls] = args else {
        return Err(vm.type_error(&format!(
            "isinstance expected 2 arguments, got {}",
            args.len()
        )));
    };
    Ok(boolobj::new_bool(isinstance_rec(vm, obj, cls, 0)?))
}

/// `isinstance(obj, cls)` with `cls` a class, a (nested) tuple of classes, or a union.
pub fn isinstance_rec(vm: &Vm, obj: &ObjRef, cls: &ObjRef, depth: usize) -> PyResult<bool> {
    if depth > vm.recursion_limit.get() {
        return Err(vm.new_error(
            &exceptions::RECURSION_ERROR,
            "maximum recursion depth exceeded in __instancecheck__",
        ));
    }
    if let Some(items) = tuple::items(cls) {
        for c in items.iter() {
            if isinstance_rec(vm, obj, c, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(members) = crate::objects::union::members(cls) {
        for c in members {
            if isinstance_rec(vm, obj, &c, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let Some(ty) = cls.as_type() else {
        // Objects whose class defines `__instancecheck__` (`types.GenericAlias` refuses).
        if let Some(r) =
            crate::vm::attr::call_special(vm, cls, "__instancecheck__", std::slice::from_ref(obj))?
        {
            return ops::truthy(vm, &r);
        }
        return Err(
            vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
        );
    };
    if std::ptr::eq(obj.ob_type(), ty) {
        return Ok(true);
    }
    // A metaclass may override the check (`abc.ABCMeta.__instancecheck__`).
    if cls.ob_type().is_heap_type() {
        if let Some(r) =
            crate::vm::attr::call_special(vm, cls, "__instancecheck__", std::slice::from_ref(obj))?
        {
            return ops::truthy(vm, &r);
        }
    }
    if obj.is_instance(ty) {
        return Ok(true);
    }
    // An object may claim another class through `__class__` (proxies, mocks).
    match ops::getattr(vm, obj, "__class__") {
        Ok(icls) => Ok(icls
            .as_type()
            .is_some_and(|ic| !std::ptr::eq(ic, obj.ob_type()) && ic.is_subtype(ty))),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `issubclass(cls, classinfo)` with `classinfo` a class, a (nested) tuple, or a union.
pub fn issubclass_rec(vm: &Vm, cls: &ObjRef, classinfo: &ObjRef, depth: usize) -> PyResult<bool> {
    if depth > vm.recursion_limit.get() {
        return Err(vm.new_error(
            &exceptions::RECURSION_ERROR,
            "maximum recursion depth exceeded in __subclasscheck__",
        ));
    }
    if let Some(items) = tuple::items(classinfo) {
        for c in items.iter() {
            if issubclass_rec(vm, cls, c, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(members) = crate::objects::union::members(classinfo) {
        for c in members {
            if issubclass_rec(vm, cls, &c, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let Some(t) = classinfo.as_type() else {
        // Objects whose class defines `__subclasscheck__` (`types.GenericAlias` refuses).
        if let Some(r) = crate::vm::attr::call_special(
            vm,
            classinfo,
            "__subclasscheck__",
            std::slice::from_ref(cls),
        )? {
            return ops::truthy(vm, &r);
        }
        return Err(
            vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        );
    };
    // A metaclass may override the check (`abc.ABCMeta.__subclasscheck__`).
    if classinfo.ob_type().is_heap_type() {
        if let Some(r) = crate::vm::attr::call_special(
            vm,
            classinfo,
            "__subclasscheck__",
            std::slice::from_ref(cls),
        )? {
            return ops::truthy(vm, &r);
        }
    }
    let Some(c) = cls.as_type() else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    Ok(c.is_subtype(t))
}

/// `min`/`max` (CPython's `min_max`): one iterable or several arguments, `key=` and (with an
/// iterable) `default=`.
fn min_max(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let mut key = None;
    let mut default = None;
    for (k, v) in kw {
        match k {
            "key" => key = Some(v.clone()).filter(|f| !none::is_none(f)),
            "default" => default = Some(v.clone()),
            other => {
                return Err(vm.type_error(&format!(
                    "'{other}' is an invalid keyword argument for {name}()"
                )))
            }
        }
    }
    let items = match pos {
        [] => return Err(vm.type_error(&format!("{name} expected at least 1 argument, got 0"))),
        [one] => ops::collect_iterable(vm, one)?,
        many => {
            if default.is_some() {
                return Err(vm.type_error(&format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            many.to_vec()
        }
    };
    let mut best: Option<(ObjRef, ObjRef)> = None;
    for x in items {
        let k = match &key {
            Some(f) => ops::call(vm, f, std::slice::from_ref(&x), None)?,
            None => x.clone(),
        };
        best = Some(match best {
            None => (x, k),
            Some((bx, bk)) => {
                let r = ops::richcompare(vm, &k, &bk, op)?;
                if ops::truthy(vm, &r)? {
                    (x, k)
                } else {
                    (bx, bk)
                }
            }
        });
    }
    match (best, default) {
        (Some((x, _)), _) => Ok(x),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.value_error(&format!("{name}() arg is an empty sequence"))),
    }
}

fn b_min(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    min_max(vm, "min", args, kwnames, crate::object::CompareOp::Lt)
}

fn b_max(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    min_max(vm, "max", args, kwnames, crate::object::CompareOp::Gt)
}

fn b_sum(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    if pos.len() + kw.len() > 2 {
        return Err(vm.type_error(&format!(
            "sum() takes at most 2 arguments ({} given)",
            pos.len() + kw.len()
        )));
    }
    let Some(iterable) = pos.first() else {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    };
    let mut start = pos.get(1).cloned();
    for (k, v) in kw {
        match k {
            "start" if start.is_none() => start = Some(v.clone()),
            "start" => {
                return Err(
                    vm.type_error("argument for sum() given by name ('start') and position (2)")
                )
            }
            other => {
                return Err(vm.type_error(&format!(
                    "'{other}' is an invalid keyword argument for sum()"
                )))
            }
        }
    }
    let start = match start {
        Some(s) => s,
        None => int::new_int(vm, 0)?,
    };
    let t = start.ob_type();
    if t.is_subtype(&pystr::STR_TYPE) {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    for (ty, name) in [
        (&crate::objects::bytes::BYTES_TYPE, "bytes"),
        (&crate::objects::bytearray::BYTEARRAY_TYPE, "bytearray"),
    ] {
        if t.is_subtype(ty) {
            return Err(vm.type_error(&format!(
                "sum() can't sum {name} [use b''.join(seq) instead]"
            )));
        }
    }
    let mut acc = start;
    let it = ops::iter(vm, iterable)?;
    loop {
        // A generator (`sum(x * x for x in xs)`) is resumed directly, as `FOR_ITER` does.
        let step = match crate::objects::generator::for_iter(vm, &it) {
            Some(step) => step?,
            None => ops::next(vm, &it)?,
        };
        let Some(x) = step else { break };
        // Exact ints and floats add without the operator protocol's dispatch (the same
        // results: `None` leaves overflow, big ints and everything else to it).
        let fast = crate::vm::fast_ops::arith::add_int(vm, &acc, &x).or_else(|| {
            crate::vm::fast_ops::arith::float_op(vm, &acc, &x, crate::object::BinaryOp::Add)
        });
        acc = match fast {
            Some(r) => r?,
            None => ops::binary_op(vm, &acc, &x, crate::object::BinaryOp::Add, false)?,
        };
    }
    Ok(acc)
}

static BUILTIN_FUNCTIONS: [BuiltinDef; 14] = [
    BuiltinDef {
        name: "print",
        func: b_print,
    },
    BuiltinDef {
        name: "len",
        func: b_len,
    },
    BuiltinDef {
        name: "repr",
        func: b_repr,
    },
    BuiltinDef {
        name: "abs",
        func: b_abs,
    },
    BuiltinDef {
        name: "hash",
        func: b_hash,
    },
    BuiltinDef {
        name: "id",
        func: b_id,
    },
    BuiltinDef {
        name: "iter",
        func: b_iter,
    },
    BuiltinDef {
        name: "next",
        func: b_next,
    },
    BuiltinDef {
        name: "isinstance",
        func: b_isinstance,
    },
    BuiltinDef {
        name: "min",
        func: b_min,
    },
    BuiltinDef {
        name: "max",
        func: b_max,
    },
    BuiltinDef {
        name: "sum",
        func: b_sum,
    },
    BuiltinDef {
        name: "getrecursionlimit",
        func: b_getrecursionlimit,
    },
    BuiltinDef {
        name: "setrecursionlimit",
        func: b_setrecursionlimit,
    },
];

fn b_getrecursionlimit(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getrecursionlimit", kwnames)?;
    if !args.is_empty() {
        return Err(vm.type_error("getrecursionlimit() takes no arguments"));
    }
    int::new_int(vm, vm.recursion_limit.get() as i64)
}

fn b_setrecursionlimit(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "setrecursionlimit", args, kwnames)?;
    let n = int::as_i64(a).ok_or_else(|| vm.type_error("an integer is required"))?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit.set(n.min(100_000) as usize);
    Ok(none::none())
}

/// Types exposed by name.
static BUILTIN_TYPES: [&TypeObject; 13] = [
    &typetype::OBJECT_TYPE,
    &typetype::TYPE_TYPE,
    &int::INT_TYPE,
    &boolobj::BOOL_TYPE,
    &float::FLOAT_TYPE,
    &pystr::STR_TYPE,
    &tuple::TUPLE_TYPE,
    &list::LIST_TYPE,
    &dict::DICT_TYPE,
    &range::RANGE_TYPE,
    &crate::objects::bytes::BYTES_TYPE,
    &crate::objects::bytearray::BYTEARRAY_TYPE,
    &crate::objects::memoryview::MEMORYVIEW_TYPE,
];

fn b_build_class(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::classobj::build_class(vm, args, kwnames)
}

fn b_issubclass(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "issubclass", kwnames)?;
    let [cls, classinfo] = args else {
        return Err(vm.type_error(&format!(
            "issubclass expected 2 arguments, got {}",
            args.len()
        )));
    };
    Ok(boolobj::new_bool(issubclass_rec(vm, cls, classinfo, 0)?))
}

fn b_callable(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "callable", args, kwnames)?;
    Ok(boolobj::new_bool(ops::is_callable(vm, a)?))
}

fn b_vars(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "vars", args, kwnames)?;
    ops::getattr(vm, a, "__dict__")
        .map_err(|_| vm.type_error("vars() argument must have __dict__ attribute"))
}

fn b_dir(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one_arg(vm, "dir", args, kwnames)?;
    dir(vm, a)
}

/// `dir(obj)` (CPython's `PyObject_Dir`): a class's `__dir__` decides, and the names are
/// sorted into a new list.
pub fn dir(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    if let Some(f) = crate::vm::attr::lookup_special(vm, a, "__dir__")? {
        let names = ops::call(vm, &f, &[], None)?;
        let l = list::new_list(vm, ops::collect_iterable(vm, &names)?)?;
        crate::objects::list_sort::sort_list(vm, &l, None, false)?;
        return Ok(l);
    }
    dir_of(vm, a)
}

static CLASS_FUNCTIONS: [BuiltinDef; 7] = [
    BuiltinDef {
        name: "__build_class__",
        func: b_build_class,
    },
    BuiltinDef {
        name: "issubclass",
        func: b_issubclass,
    },
    BuiltinDef {
        name: "callable",
        func: b_callable,
    },
    BuiltinDef {
        name: "vars",
        func: b_vars,
    },
    BuiltinDef {
        name: "dir",
        func: b_dir,
    },
    BuiltinDef {
        name: "globals",
        func: b_globals_placeholder,
    },
    BuiltinDef {
        name: "locals",
        func: b_globals_placeholder,
    },
];

fn b_globals_placeholder(vm: &Vm, _args: &[ObjRef], _kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    // Replaced by the evaluation loop, which knows the calling frame (see eval's CALL).
    Err(vm.new_error(
        &exceptions::SYSTEM_ERROR,
        "globals() called without a frame",
    ))
}

/// Types of the object model exposed by name.
static CLASS_TYPES: [&TypeObject; 5] = [
    &crate::objects::descr::PROPERTY_TYPE,
    &crate::objects::descr::CLASSMETHOD_TYPE,
    &crate::objects::descr::STATICMETHOD_TYPE,
    &crate::objects::superobj::SUPER_TYPE,
    &crate::objects::typetype::TYPE_TYPE,
];

/// Every table of builtin functions (one per file of `modules/builtins*`).
static FUNCTION_TABLES: &[&[BuiltinDef]] = &[
    &BUILTIN_FUNCTIONS,
    &CLASS_FUNCTIONS,
    &super::builtins_attr::FUNCTIONS,
    &super::builtins_numeric::FUNCTIONS,
    &super::builtins_iter::FUNCTIONS,
    &super::builtins_exec::FUNCTIONS,
    &super::builtins_async::FUNCTIONS,
];

/// Every static type exposed by name (for `type.__subclasses__`).
pub fn all_static_types() -> impl Iterator<Item = &'static TypeObject> {
    TYPE_TABLES.iter().flat_map(|t| t.iter().copied())
}

/// Every table of builtin types exposed by name.
static TYPE_TABLES: &[&[&TypeObject]] = &[
    &BUILTIN_TYPES,
    exceptions::ALL,
    &CLASS_TYPES,
    &super::builtins_numeric::TYPES,
    &super::builtins_iter::TYPES,
    &crate::objects::codecs::TYPES,
];

/// Fills the builtins namespace.
pub fn install(vm: &Vm) -> PyResult<()> {
    let b = &vm.builtins;
    for def in FUNCTION_TABLES.iter().flat_map(|t| t.iter()) {
        if def.name.ends_with("recursionlimit") {
            continue; // these live in `sys`; kept here until the sys module exists
        }
        dict::set_str(vm, b, def.name, new_builtin(vm, def)?)?;
    }
    for ty in TYPE_TABLES.iter().flat_map(|t| t.iter()) {
        dict::set_str(vm, b, ty.name(), ObjRef::from_type(ty))?;
    }
    // CPython's aliases of OSError.
    for alias in ["IOError", "EnvironmentError"] {
        dict::set_str(vm, b, alias, ObjRef::from_type(&exceptions::OS_ERROR))?;
    }
    dict::set_str(vm, b, "None", none::none())?;
    dict::set_str(vm, b, "True", boolobj::new_bool(true))?;
    dict::set_str(vm, b, "False", boolobj::new_bool(false))?;
    dict::set_str(vm, b, "Ellipsis", none::ellipsis())?;
    dict::set_str(vm, b, "NotImplemented", none::not_implemented())?;
    // arenapy has no `-O`: assertions always run, so `__debug__` is always true.
    dict::set_str(vm, b, "__debug__", boolobj::new_bool(true))?;
    Ok(())
}

/// The `sys` functions kept in builtins' table for now.
pub fn sys_functions() -> &'static [BuiltinDef] {
    &BUILTIN_FUNCTIONS[12..]
}

/// Calling a builtin type: its `new` slot, or CPython's error for types that cannot be created.
pub fn construct(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match ty.slots.new {
        Some(f) => f(vm, ty, args, kwnames),
        None => Err(vm.type_error(&format!("cannot create '{}' instances", ty.name()))),
    }
}

/// Whether a static type's constructor consumes the call's arguments (immutable types and
/// exceptions), as opposed to leaving them to `__init__` (object, list, dict, ...).
pub fn new_consumes_args(t: &TypeObject) -> bool {
    !matches!(
        t.name(),
        "object"
            | "list"
            | "dict"
            | "set"
            | "bytearray"
            | "collections.deque"
            | "module"
            | "_io.StringIO"
            | "_io.BytesIO"
            | "_io.FileIO"
            | "_io.IncrementalNewlineDecoder"
            | "_io.BufferedReader"
            | "_io.BufferedWriter"
            | "_io.BufferedRandom"
            | "_io.BufferedRWPair"
            | "_io.TextIOWrapper"
            | "_socket.socket"
    )
}

/// `dir(obj)`: the attribute names of the instance dict and the class MRO, sorted.
pub fn dir_of(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    // A module's attributes are its namespace's keys (CPython's `module.__dir__`).
    if let Some(d) = crate::objects::module::module_dict(obj) {
        let mut keys: Vec<ObjRef> = dict::items(&d)
            .into_iter()
            .map(|(k, _)| k)
            .filter(pystr::is_str)
            .collect();
        keys.sort_by(|a, b| pystr::as_str(a).cmp(&pystr::as_str(b)));
        return list::new_list(vm, keys);
    }
    if let Some(d) = crate::vm::attr::instance_dict(vm, obj)? {
        for (k, _) in dict::items(&d) {
            if let Some(s) = pystr::as_str(&k) {
                add(s);
            }
        }
    }
    // The class attributes: every dict along the MRO (of the class itself for a class object,
    // as `type.__dir__`; of the object's type otherwise, as `object.__dir__`).
    let ty = obj.as_type().unwrap_or_else(|| obj.ob_type());
    let mro = crate::vm::typeready::type_mro(vm, ty)?;
    for t in crate::objects::tuple::items(&mro).unwrap_or(&[]) {
        let Some(t) = t.as_type() else { continue };
        let d = crate::vm::typeready::type_dict(vm, t)?;
        for (k, _) in dict::items(&d) {
            if let Some(s) = pystr::as_str(&k) {
                add(s);
            }
        }
    }
    // What a class statement puts in a class's dict in CPython beyond the class body.
    if ty.is_heap_type() {
        add("__module__");
        add("__doc__");
        if ty.heap().is_some_and(|h| h.ext.dict_slot.is_some()) {
            add("__dict__");
        }
        if ty.heap().is_some_and(|h| h.ext.weakref_slot.is_some()) {
            add("__weakref__");
        }
    }
    names.sort();
    let items: PyResult<Vec<ObjRef>> = names.iter().map(|n| pystr::new_str_vm(vm, n)).collect();
    list::new_list(vm, items?)
}

fn new_wrapper_call(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let Some(owner) = this.as_type() else {
        return Err(vm.type_error("__new__ wrapper without a type"));
    };
    let Some((cls, rest)) = args.split_first() else {
        return Err(vm.type_error(&format!("{}.__new__(): not enough arguments", owner.name())));
    };
    let Some(cls_t) = cls.as_type() else {
        return Err(vm.type_error(&format!(
            "{}.__new__(X): X is not a type object ({})",
            owner.name(),
            cls.ob_type().name()
        )));
    };
    if !cls_t.is_subtype(owner) {
        return Err(vm.type_error(&format!(
            "{}.__new__({}): {} is not a subtype of {}",
            owner.name(),
            cls_t.name(),
            cls_t.name(),
            owner.name()
        )));
    }
    // `cls` must build instances the way `owner` does (`int.__new__(bool)` would make an int
    // payload under a type that expects another): its native `__new__` is its nearest static
    // type's. CPython names `cls` itself unless a class defines `__new__` in Python.
    let static_base = crate::objects::classobj::static_base(cls_t);
    let same_new = match (static_base.slots.new, owner.slots.new) {
        (Some(a), Some(b)) => std::ptr::fn_addr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    };
    if !same_new {
        let named = if crate::vm::attr::defined_in_heap_class(vm, cls_t, "__new__")? {
            static_base
        } else {
            cls_t
        };
        return Err(vm.type_error(&format!(
            "{}.__new__({}) is not safe, use {}.__new__()",
            owner.name(),
            cls_t.name(),
            named.name()
        )));
    }
    match owner.slots.new {
        // `BaseException.__new__` only stores the arguments; the class's `__init__` checks them.
        Some(f)
            if crate::objects::exceptions::EXC_SLOTS
                .new
                .is_some_and(|g| std::ptr::fn_addr_eq(f, g))
                && !crate::objects::oserror::is_oserror(cls_t) =>
        {
            crate::objects::exceptions::exc_new_unchecked(vm, cls_t, rest)
        }
        Some(f) => f(vm, cls_t, rest, kwnames),
        None => Err(vm.type_error(&format!("cannot create '{}' instances", owner.name()))),
    }
}

static NEW_WRAPPER: crate::object::MethodDef = crate::object::MethodDef {
    name: "__new__",
    func: new_wrapper_call,
    flags: 0,
};

/// The static type whose `__new__` wrapper `v` is, if it is one.
pub fn new_wrapper_owner(v: &ObjRef) -> Option<&'static TypeObject> {
    let (def, this) = crate::objects::function::bound_builtin_parts(v)?;
    if !std::ptr::eq(def, &NEW_WRAPPER) {
        return None;
    }
    this.as_static_type()
}

/// `T.__new__` of a static type `T`: a builtin taking the class first.
pub fn static_new_wrapper(vm: &Vm, owner: ObjRef) -> PyResult<ObjRef> {
    crate::objects::function::new_bound_builtin(vm, &NEW_WRAPPER, owner)
}
