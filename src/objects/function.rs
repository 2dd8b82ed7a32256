//! `function` (Python functions), `builtin_function_or_method`, and bound builtin methods.

use crate::object::typeobj::methflags::METH_STATIC;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::code::CodeObject;
use crate::objects::str as pystr;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a Python function.
pub struct FunctionObject {
    /// `__code__` (always set; a cell so that `__code__` can be assigned).
    pub code: ObjCell,
    /// `__globals__` (a dict).
    pub globals: ObjRef,
    /// `__name__`.
    pub name: ObjCell,
    /// `__qualname__`.
    pub qualname: ObjCell,
    /// `__defaults__` (a tuple or nothing).
    pub defaults: ObjCell,
    /// `__kwdefaults__` (a dict or nothing).
    pub kwdefaults: ObjCell,
    /// `__closure__` (a tuple of cells or nothing).
    pub closure: ObjCell,
    /// `__dict__` (created on first use).
    pub dict: ObjCell,
    /// `__doc__`.
    pub doc: ObjCell,
    /// `__module__`.
    pub module: ObjCell,
    /// `__annotations__` (a dict, created on first use when the def has none).
    pub annotations: ObjCell,
    /// The function version (CPython's `func_version`): a number no other function has had,
    /// replaced by a fresh one whenever `__code__` or `__defaults__` changes, so a call site
    /// specialized for this function's parameters (`vm::specialize::call`) can check in one
    /// comparison that they are as they were. 0: none left (never specialized).
    pub version: std::cell::Cell<u32>,
}

/// The last function version handed out (see [`FunctionObject::version`]).
static FUNC_VERSIONS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A function version no function has had (0 once they are exhausted).
fn new_func_version() -> u32 {
    use std::sync::atomic::Ordering;
    FUNC_VERSIONS
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| v.checked_add(1))
        .map_or(0, |v| v + 1)
}

impl FunctionObject {
    /// Gives the function a fresh version: its code or defaults changed.
    pub fn bump_version(&self) {
        self.version.set(new_func_version());
    }
}

impl PyPayload for FunctionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.bump_version();
        [
            &self.defaults,
            &self.kwdefaults,
            &self.closure,
            &self.dict,
            &self.doc,
            &self.module,
            &self.annotations,
        ]
        .iter()
        .filter_map(|c| c.replace(None))
        .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`code`, `globals`, `name`, `qualname`,
// `defaults`, `kwdefaults`, `closure`, `dict`, `doc`, `module`, `annotations`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for FunctionObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.code.traverse(visit);
        visit(&self.globals);
        self.name.traverse(visit);
        self.qualname.traverse(visit);
        self.defaults.traverse(visit);
        self.kwdefaults.traverse(visit);
        self.closure.traverse(visit);
        self.dict.traverse(visit);
        self.doc.traverse(visit);
        self.module.traverse(visit);
        self.annotations.traverse(visit);
    }
}

static FUNCTION_VTABLE: PayloadVTable = PayloadVTable::of::<FunctionObject>();

/// A new function from a code object.
pub fn new_function(vm: &Vm, code: ObjRef, globals: ObjRef) -> PyResult<ObjRef> {
    let c = code
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("expected a code object"))?;
    let name = c.name.clone();
    let qualname = c.qualname.clone();
    // A def's docstring is its first constant (None when it has none), as in CPython 3.11.
    let is_def = !crate::objects::str::as_str(&c.name)
        .unwrap_or("")
        .starts_with('<');
    let doc = crate::objects::tuple::items(&c.consts)
        .and_then(|k| k.first().cloned())
        .filter(|d| is_def && crate::objects::str::is_str(d));
    let module = crate::objects::dict::get_str(vm, &globals, "__name__")?;
    let f = FunctionObject {
        code: ObjCell::new(Some(code)),
        globals,
        name: ObjCell::new(Some(name)),
        qualname: ObjCell::new(Some(qualname)),
        defaults: ObjCell::new(None),
        kwdefaults: ObjCell::new(None),
        closure: ObjCell::new(None),
        dict: ObjCell::new(None),
        doc: ObjCell::new(doc),
        module: ObjCell::new(module),
        annotations: ObjCell::new(None),
        version: std::cell::Cell::new(new_func_version()),
    };
    new_object(&FUNCTION_TYPE, f).or_mem(vm)
}

fn function_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let f = obj
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected function"))?;
    let q = f.qualname.get();
    let name = q.as_ref().and_then(pystr::as_str).unwrap_or("?");
    pystr::new_str_vm(vm, &format!("<function {} at {:#x}>", name, obj.addr()))
}

/// Whether `obj` is a Python function.
pub fn is_function(obj: &ObjRef) -> bool {
    obj.downcast::<FunctionObject>().is_some()
}

fn function_get(vm: &Vm, f: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    match obj {
        Some(o) => crate::objects::method::new_method(vm, f.clone(), o.clone()),
        None => Ok(f.clone()),
    }
}

fn function_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::eval::call_function(vm, obj, args, kwnames)
}

/// Attribute assignment on functions: the getset entries, then the function's `__dict__`.
fn function_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if let Some(r) = crate::objects::getset::set(vm, obj, name, value.clone()) {
        return r;
    }
    let f = obj
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let d = function_dict(vm, f)?;
    match value {
        Some(v) => crate::objects::dict::set_item(vm, &d, name.clone(), v),
        None => {
            if crate::objects::dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(crate::vm::attr::no_attribute(
                    vm,
                    obj,
                    pystr::as_str(name).unwrap_or(""),
                ))
            }
        }
    }
}

fn function_dict(vm: &Vm, f: &FunctionObject) -> PyResult<ObjRef> {
    if let Some(d) = f.dict.get() {
        return Ok(d);
    }
    let d = crate::objects::dict::new_dict_vm(vm)?;
    drop(f.dict.replace(Some(d.clone())));
    Ok(d)
}

/// The getset entries of functions.
fn function_member(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(f) = obj.downcast::<FunctionObject>() else {
        return Ok(None);
    };
    let none = crate::objects::none::none;
    Ok(Some(match name {
        "__dict__" => function_dict(vm, f)?,
        "__doc__" => f.doc.get().unwrap_or_else(none),
        "__module__" => f.module.get().unwrap_or_else(none),
        "__closure__" => f.closure.get().unwrap_or_else(none),
        "__kwdefaults__" => f.kwdefaults.get().unwrap_or_else(none),
        "__annotations__" => match f.annotations.get() {
            Some(a) => a,
            None => {
                let a = crate::objects::dict::new_dict_vm(vm)?;
                drop(f.annotations.replace(Some(a.clone())));
                a
            }
        },
        "__name__" => f.name.get().unwrap_or_else(none),
        "__qualname__" => f.qualname.get().unwrap_or_else(none),
        "__code__" => f.code.get().unwrap_or_else(none),
        "__globals__" => f.globals.clone(),
        "__builtins__" => vm.builtins.clone(),
        "__defaults__" => f.defaults.get().unwrap_or_else(none),
        _ => return Ok(None),
    }))
}

/// Attributes of functions: the getset entries, then the function's `__dict__`.
fn function_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(v) = function_member(vm, obj, name)? {
        return Ok(Some(v));
    }
    let Some(d) = obj.downcast::<FunctionObject>().and_then(|f| f.dict.get()) else {
        return Ok(None);
    };
    crate::objects::dict::get_str(vm, &d, name)
}

/// Writes a function attribute kept in a cell, with CPython's checks of the value.
fn function_set(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let f = obj
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let n = pystr::as_str(name).unwrap_or("");
    let is_none = |v: &Option<ObjRef>| v.as_ref().is_some_and(crate::objects::none::is_none);
    let must_be = |what: &str| vm.type_error(&format!("{n} must be set to a {what} object"));
    let (cell, value) = match n {
        "__name__" | "__qualname__" => {
            if value.as_ref().is_none_or(|v| !pystr::is_str(v)) {
                return Err(must_be("string"));
            }
            (
                if n == "__name__" {
                    &f.name
                } else {
                    &f.qualname
                },
                value,
            )
        }
        "__defaults__" | "__kwdefaults__" | "__annotations__" => {
            let ok = |v: &ObjRef| {
                if n == "__defaults__" {
                    crate::objects::tuple::items(v).is_some()
                } else {
                    crate::objects::dict::table(v).is_some()
                }
            };
            if value.as_ref().is_some_and(|v| !ok(v)) && !is_none(&value) {
                return Err(must_be(if n == "__defaults__" { "tuple" } else { "dict" }));
            }
            let cell = match n {
                "__defaults__" => &f.defaults,
                "__kwdefaults__" => &f.kwdefaults,
                _ => &f.annotations,
            };
            (cell, value.filter(|v| !crate::objects::none::is_none(v)))
        }
        "__code__" => {
            let Some(code) = value.as_ref().and_then(|v| v.downcast::<CodeObject>()) else {
                return Err(must_be("code"));
            };
            let nfree = crate::objects::tuple::items(&code.freevars).map_or(0, |t| t.len());
            let nclosure = f
                .closure
                .get()
                .as_ref()
                .and_then(crate::objects::tuple::items)
                .map_or(0, |t| t.len());
            if nfree != nclosure {
                let fname = f.name.get();
                let fname = fname.as_ref().and_then(pystr::as_str).unwrap_or("?");
                return Err(vm.value_error(&format!(
                    "{fname}() requires a code object with {nclosure} free vars, not {nfree}"
                )));
            }
            (&f.code, value)
        }
        "__doc__" => (&f.doc, value),
        "__module__" => (&f.module, value),
        "__dict__" => {
            let Some(v) = value else {
                return Err(vm.type_error("cannot delete __dict__"));
            };
            if crate::objects::dict::table(&v).is_none() {
                return Err(vm.type_error(&format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    v.ob_type().name()
                )));
            }
            (&f.dict, Some(v))
        }
        _ => return Err(crate::vm::attr::no_attribute(vm, obj, n)),
    };
    let old = cell.replace(value);
    if matches!(n, "__code__" | "__defaults__") {
        f.bump_version();
    }
    drop(old);
    Ok(())
}

/// The data attributes of functions, in CPython's order (members, then getsets).
static FUNCTION_GETSET: [GetSetDef; 12] = {
    use crate::objects::getset::readonly;
    const fn entry(
        name: &'static str,
        set: Option<crate::object::typeobj::SetAttrFn>,
    ) -> GetSetDef {
        GetSetDef {
            name,
            get: function_member,
            set,
        }
    }
    [
        entry("__closure__", Some(readonly)),
        entry("__doc__", Some(function_set)),
        entry("__globals__", Some(readonly)),
        entry("__module__", Some(function_set)),
        entry("__builtins__", Some(readonly)),
        entry("__code__", Some(function_set)),
        entry("__defaults__", Some(function_set)),
        entry("__kwdefaults__", Some(function_set)),
        entry("__annotations__", Some(function_set)),
        entry("__dict__", Some(function_set)),
        entry("__name__", Some(function_set)),
        entry("__qualname__", Some(function_set)),
    ]
};

/// `function`.
pub static FUNCTION_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &FUNCTION_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "function",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &FUNCTION_VTABLE,
    slots: Slots {
        repr: Some(function_repr),
        call: Some(function_call),
        getattr: Some(function_getattr),
        descr_get: Some(function_get),
        setattr: Some(function_setattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a function object.",
};

/// A builtin function's implementation: positional args then keyword values named by `kwnames`.
pub type BuiltinFn = fn(&Vm, &[ObjRef], Option<&ObjRef>) -> PyResult<ObjRef>;

/// Description of a builtin function.
pub struct BuiltinDef {
    /// Its name.
    pub name: &'static str,
    /// Its implementation.
    pub func: BuiltinFn,
}

/// Payload of a builtin function, or of a builtin method bound to its `self`.
pub struct BuiltinObject {
    kind: BuiltinKind,
}

enum BuiltinKind {
    /// A module-level function, with its module (`None`: `builtins`, whose module object is
    /// made on first import).
    Function(&'static BuiltinDef, Option<ObjRef>),
    Method(&'static MethodDef, ObjRef),
}

impl PyPayload for BuiltinObject {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference a builtin holds (in `kind`): the `self` of a bound method or the
// module of a module function, and does nothing else.
unsafe impl crate::object::Traverse for BuiltinObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        match &self.kind {
            BuiltinKind::Method(_, this) | BuiltinKind::Function(_, Some(this)) => visit(this),
            BuiltinKind::Function(_, None) => {}
        }
    }
}

static BUILTIN_VTABLE: PayloadVTable = PayloadVTable::of::<BuiltinObject>();

/// A builtin function of the `builtins` namespace.
pub fn new_builtin(vm: &Vm, def: &'static BuiltinDef) -> PyResult<ObjRef> {
    new_object(
        &BUILTIN_TYPE,
        BuiltinObject {
            kind: BuiltinKind::Function(def, None),
        },
    )
    .or_mem(vm)
}

/// A builtin function of module `module` (its `__self__`; `__module__` is the module's name).
pub fn new_module_builtin(vm: &Vm, def: &'static BuiltinDef, module: ObjRef) -> PyResult<ObjRef> {
    new_object(
        &BUILTIN_TYPE,
        BuiltinObject {
            kind: BuiltinKind::Function(def, Some(module)),
        },
    )
    .or_mem(vm)
}

/// Whether `obj` is the builtin function made from `def`.
pub fn is_builtin_def(obj: &ObjRef, def: &'static BuiltinDef) -> bool {
    matches!(
        obj.downcast::<BuiltinObject>().map(|b| &b.kind),
        Some(BuiltinKind::Function(d, _)) if std::ptr::eq(*d, def)
    )
}

/// A builtin method bound to `this`.
pub fn new_bound_builtin(vm: &Vm, def: &'static MethodDef, this: ObjRef) -> PyResult<ObjRef> {
    new_object(
        &BUILTIN_TYPE,
        BuiltinObject {
            kind: BuiltinKind::Method(def, this),
        },
    )
    .or_mem(vm)
}

/// The definition and `self` of a builtin method bound to an object.
pub fn bound_builtin_parts(obj: &ObjRef) -> Option<(&'static MethodDef, &ObjRef)> {
    match &obj.downcast::<BuiltinObject>()?.kind {
        BuiltinKind::Method(def, this) => Some((*def, this)),
        BuiltinKind::Function(..) => None,
    }
}

fn builtin_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match obj.downcast::<BuiltinObject>().map(|b| &b.kind) {
        Some(BuiltinKind::Function(def, _)) => (def.func)(vm, args, kwnames),
        Some(BuiltinKind::Method(def, this)) => (def.func)(vm, this, args, kwnames),
        None => Err(vm.type_error("expected a builtin")),
    }
}

/// The data attributes of builtin functions and methods.
fn builtin_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(b) = obj.downcast::<BuiltinObject>() else {
        return Ok(None);
    };
    let none = crate::objects::none::none;
    Ok(Some(match (&b.kind, name) {
        (BuiltinKind::Function(def, _), "__name__" | "__qualname__") => {
            pystr::new_str_vm(vm, def.name)?
        }
        (BuiltinKind::Method(def, _), "__name__") => pystr::new_str_vm(vm, def.name)?,
        (BuiltinKind::Method(def, this), "__qualname__") => {
            // The class's name, for methods bound to a class (class and static methods)
            // as for those bound to an instance.
            let owner = match this.as_type() {
                Some(t) => t.name(),
                None => this.ob_type().name(),
            };
            pystr::new_str_vm(vm, &format!("{owner}.{}", def.name))?
        }
        (BuiltinKind::Function(_, Some(m)), "__self__") => m.clone(),
        (BuiltinKind::Function(_, None), "__self__") => {
            crate::vm::import::import_dotted(vm, "builtins")?
        }
        (BuiltinKind::Method(def, _), "__self__") if def.flags & METH_STATIC != 0 => none(),
        (BuiltinKind::Method(_, this), "__self__") => this.clone(),
        (BuiltinKind::Function(_, Some(m)), "__module__") => {
            match crate::objects::module::module_dict(m) {
                Some(d) => crate::objects::dict::get_str(vm, &d, "__name__")?.unwrap_or_else(none),
                None => none(),
            }
        }
        (BuiltinKind::Function(_, None), "__module__") => vm.intern("builtins")?,
        (BuiltinKind::Method(..), "__module__") => none(),
        // No docstrings are kept for builtins, hence no signature text either.
        (_, "__doc__" | "__text_signature__") => none(),
        _ => return Ok(None),
    }))
}

/// `builtin_function_or_method.__reduce__`: a function of a module pickles as its name (found
/// again as a global of `__module__`), a bound method as `getattr(self, name)`.
fn builtin_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__reduce__", kw)?;
    crate::vm::args::check_count(vm, "__reduce__", args, 0, 0)?;
    match this.downcast::<BuiltinObject>().map(|b| &b.kind) {
        Some(BuiltinKind::Function(def, _)) => pystr::new_str_vm(vm, def.name),
        Some(BuiltinKind::Method(def, owner)) => {
            let builtins = crate::vm::import::import_dotted(vm, "builtins")?;
            let getattr = crate::vm::ops::getattr(vm, &builtins, "getattr")?;
            let name = pystr::new_str_vm(vm, def.name)?;
            let inner = crate::objects::tuple::new_tuple(vm, vec![owner.clone(), name])?;
            crate::objects::tuple::new_tuple(vm, vec![getattr, inner])
        }
        None => Err(vm.type_error("expected a builtin")),
    }
}

static BUILTIN_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "__reduce__",
    func: builtin_reduce,
    flags: 0,
}];

/// The data attributes of `builtin_function_or_method`. `__text_signature__` is always None:
/// CPython reads it from the docstrings, which this interpreter does not keep.
static BUILTIN_GETSET: [GetSetDef; 6] = [
    GetSetDef {
        name: "__module__",
        get: builtin_getattr,
        set: None,
    },
    GetSetDef {
        name: "__doc__",
        get: builtin_getattr,
        set: None,
    },
    GetSetDef {
        name: "__name__",
        get: builtin_getattr,
        set: None,
    },
    GetSetDef {
        name: "__qualname__",
        get: builtin_getattr,
        set: None,
    },
    GetSetDef {
        name: "__self__",
        get: builtin_getattr,
        set: None,
    },
    GetSetDef {
        name: "__text_signature__",
        get: builtin_getattr,
        set: None,
    },
];

fn builtin_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = match obj.downcast::<BuiltinObject>().map(|b| &b.kind) {
        Some(BuiltinKind::Function(def, _)) => format!("<built-in function {}>", def.name),
        Some(BuiltinKind::Method(def, this)) => format!(
            "<built-in method {} of {} object at {:#x}>",
            def.name,
            this.ob_type().name(),
            this.addr()
        ),
        None => String::from("<built-in>"),
    };
    pystr::new_str_vm(vm, &s)
}

/// What identifies a builtin: its definition and the object it is bound to (its module, for a
/// module function; 0 for a `builtins` function made before its module).
fn builtin_identity(obj: &ObjRef) -> Option<(usize, usize)> {
    Some(match &obj.downcast::<BuiltinObject>()?.kind {
        BuiltinKind::Function(def, module) => (
            *def as *const BuiltinDef as usize,
            module.as_ref().map_or(0, ObjRef::addr),
        ),
        BuiltinKind::Method(def, this) => (*def as *const MethodDef as usize, this.addr()),
    })
}

/// `==` of builtins: the same definition bound to the same object (`l.append == l.append`).
fn builtin_richcompare(
    _vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    use crate::object::CompareOp;
    let (Some(x), Some(y)) = (builtin_identity(a), builtin_identity(b)) else {
        return Ok(crate::objects::none::not_implemented());
    };
    Ok(match op {
        CompareOp::Eq => crate::objects::boolobj::new_bool(x == y),
        CompareOp::Ne => crate::objects::boolobj::new_bool(x != y),
        _ => crate::objects::none::not_implemented(),
    })
}

/// The hash of a builtin, consistent with its `==`.
fn builtin_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let (def, this) = builtin_identity(obj).ok_or_else(|| vm.type_error("expected a builtin"))?;
    // Addresses are at least 8-aligned: rotate the low zero bits away, as pointer hashes do.
    let h = (def.rotate_right(4) ^ this.rotate_right(4)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

/// `builtin_function_or_method`.
pub static BUILTIN_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &BUILTIN_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "builtin_function_or_method",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &BUILTIN_VTABLE,
    slots: Slots {
        repr: Some(builtin_repr),
        call: Some(builtin_call),
        getattr: Some(builtin_getattr),
        richcompare: Some(builtin_richcompare),
        hash: Some(builtin_hash),
        ..Slots::EMPTY
    },
    methods: &BUILTIN_METHODS,
    doc: "",
};

/// The definition of a builtin function object (not of a bound builtin method).
pub fn builtin_def(obj: &ObjRef) -> Option<&'static BuiltinDef> {
    match &obj.downcast::<BuiltinObject>()?.kind {
        BuiltinKind::Function(def, _) => Some(def),
        BuiltinKind::Method(..) => None,
    }
}

/// The name of a builtin function object (not of bound builtin methods).
pub fn builtin_name(obj: &ObjRef) -> Option<&'static str> {
    match &obj.downcast::<BuiltinObject>()?.kind {
        BuiltinKind::Function(def, _) => Some(def.name),
        BuiltinKind::Method(..) => None,
    }
}
