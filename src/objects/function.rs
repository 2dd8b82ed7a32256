//! `function` (Python functions), `builtin_function_or_method`, and bound builtin methods.

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::code::CodeObject;
use crate::objects::str as pystr;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a Python function.
pub struct FunctionObject {
    /// `__code__`.
    pub code: ObjRef,
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
}

impl PyPayload for FunctionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
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
        visit(&self.code);
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
        .filter(|d| is_def && crate::objects::str::as_str(d).is_some());
    let module = crate::objects::dict::get_str(vm, &globals, "__name__")?;
    let f = FunctionObject {
        code,
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

fn function_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let f = obj
        .downcast::<FunctionObject>()
        .ok_or_else(|| vm.type_error("expected a function"))?;
    let n = pystr::as_str(name).unwrap_or("");
    let cell = match n {
        "__name__" => &f.name,
        "__qualname__" => &f.qualname,
        "__defaults__" => &f.defaults,
        "__kwdefaults__" => &f.kwdefaults,
        "__doc__" => &f.doc,
        "__module__" => &f.module,
        "__annotations__" => &f.annotations,
        _ => {
            let d = function_dict(vm, f)?;
            return match value {
                Some(v) => crate::objects::dict::set_item(vm, &d, name.clone(), v),
                None => {
                    if crate::objects::dict::del_item(vm, &d, name)? {
                        Ok(())
                    } else {
                        Err(crate::vm::attr::no_attribute(vm, obj, n))
                    }
                }
            };
        }
    };
    let keep_none = matches!(n, "__doc__" | "__module__");
    let value = value.filter(|v| keep_none || !crate::objects::none::is_none(v));
    drop(cell.replace(value));
    Ok(())
}

fn function_dict(vm: &Vm, f: &FunctionObject) -> PyResult<ObjRef> {
    if let Some(d) = f.dict.get() {
        return Ok(d);
    }
    let d = crate::objects::dict::new_dict_vm(vm)?;
    drop(f.dict.replace(Some(d.clone())));
    Ok(d)
}

fn function_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(f) = obj.downcast::<FunctionObject>() else {
        return Ok(None);
    };
    let none = crate::objects::none::none;
    if let Some(d) = f.dict.get() {
        if let Some(v) = crate::objects::dict::get_str(vm, &d, name)? {
            return Ok(Some(v));
        }
    }
    Ok(match name {
        "__dict__" => Some(function_dict(vm, f)?),
        "__doc__" => Some(f.doc.get().unwrap_or_else(none)),
        "__module__" => Some(f.module.get().unwrap_or_else(none)),
        "__closure__" => Some(f.closure.get().unwrap_or_else(none)),
        "__kwdefaults__" => Some(f.kwdefaults.get().unwrap_or_else(none)),
        "__annotations__" => Some(match f.annotations.get() {
            Some(a) => a,
            None => {
                let a = crate::objects::dict::new_dict_vm(vm)?;
                drop(f.annotations.replace(Some(a.clone())));
                a
            }
        }),
        "__name__" => f.name.get(),
        "__qualname__" => f.qualname.get(),
        "__code__" => Some(f.code.clone()),
        "__globals__" => Some(f.globals.clone()),
        "__defaults__" => Some(f.defaults.get().unwrap_or_else(crate::objects::none::none)),
        _ => None,
    })
}

/// `function`.
pub static FUNCTION_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
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
    Function(&'static BuiltinDef),
    Method(&'static MethodDef, ObjRef),
}

impl PyPayload for BuiltinObject {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference a builtin holds, the `self` of a bound method (in `kind`), and
// does nothing else.
unsafe impl crate::object::Traverse for BuiltinObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        if let BuiltinKind::Method(_, this) = &self.kind {
            visit(this)
        }
    }
}

static BUILTIN_VTABLE: PayloadVTable = PayloadVTable::of::<BuiltinObject>();

/// A builtin function object.
pub fn new_builtin(vm: &Vm, def: &'static BuiltinDef) -> PyResult<ObjRef> {
    new_object(
        &BUILTIN_TYPE,
        BuiltinObject {
            kind: BuiltinKind::Function(def),
        },
    )
    .or_mem(vm)
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

fn builtin_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match obj.downcast::<BuiltinObject>().map(|b| &b.kind) {
        Some(BuiltinKind::Function(def)) => (def.func)(vm, args, kwnames),
        Some(BuiltinKind::Method(def, this)) => (def.func)(vm, this, args, kwnames),
        None => Err(vm.type_error("expected a builtin")),
    }
}

fn builtin_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(b) = obj.downcast::<BuiltinObject>() else {
        return Ok(None);
    };
    let (fname, this) = match &b.kind {
        BuiltinKind::Function(def) => (def.name, None),
        BuiltinKind::Method(def, this) => (def.name, Some(this)),
    };
    Ok(match name {
        "__name__" => Some(pystr::new_str_vm(vm, fname)?),
        "__qualname__" => Some(match this {
            Some(t) if t.as_type().is_some() => pystr::new_str_vm(
                vm,
                &format!("{}.{fname}", t.as_type().map_or("?", |x| x.name())),
            )?,
            Some(t) => pystr::new_str_vm(vm, &format!("{}.{fname}", t.ob_type().name()))?,
            None => pystr::new_str_vm(vm, fname)?,
        }),
        "__self__" => Some(match this {
            Some(t) => t.clone(),
            None => crate::objects::none::none(),
        }),
        "__module__" if this.is_none() => Some(vm.intern("builtins")?),
        "__doc__" => Some(crate::objects::none::none()),
        _ => None,
    })
}

fn builtin_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = match obj.downcast::<BuiltinObject>().map(|b| &b.kind) {
        Some(BuiltinKind::Function(def)) => format!("<built-in function {}>", def.name),
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

/// `builtin_function_or_method`.
pub static BUILTIN_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "builtin_function_or_method",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &BUILTIN_VTABLE,
    slots: Slots {
        repr: Some(builtin_repr),
        call: Some(builtin_call),
        getattr: Some(builtin_getattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

/// The name of a builtin function object (not of bound builtin methods).
pub fn builtin_name(obj: &ObjRef) -> Option<&'static str> {
    match &obj.downcast::<BuiltinObject>()?.kind {
        BuiltinKind::Function(def) => Some(def.name),
        BuiltinKind::Method(..) => None,
    }
}
