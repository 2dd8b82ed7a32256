//! Descriptors: `method_descriptor` (a builtin type's method seen through its class),
//! `property`, `classmethod`, `staticmethod` and `member_descriptor` (one `__slots__` entry).

use crate::object::typeobj::methflags::{METH_CLASS, METH_STATIC};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, function, getset, method, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

// ---- method_descriptor --------------------------------------------------------------------

/// A builtin type's method, unbound (`list.append`); with `METH_CLASS`, a
/// `classmethod_descriptor` (`dict.__dict__['fromkeys']`), which binds to a class.
pub struct MethodDescriptor {
    def: &'static MethodDef,
    owner: ObjRef,
}

impl PyPayload for MethodDescriptor {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(MethodDescriptor);

static METHOD_DESCR_VTABLE: PayloadVTable = PayloadVTable::of::<MethodDescriptor>();

/// The object the class `owner`'s `__dict__` holds for its method `def`: a `method_descriptor`,
/// a `classmethod_descriptor` (`METH_CLASS`) or a `staticmethod` wrapping the builtin
/// (`METH_STATIC`), as CPython's type readiness makes them.
pub fn new_method_descriptor(vm: &Vm, def: &'static MethodDef, owner: ObjRef) -> PyResult<ObjRef> {
    if def.flags & METH_STATIC != 0 {
        let f = function::new_bound_builtin(vm, def, owner)?;
        return new_wrapper(vm, &STATICMETHOD_TYPE, f);
    }
    let ty = if def.flags & METH_CLASS != 0 {
        &CLASSMETHOD_DESCRIPTOR_TYPE
    } else {
        &METHOD_DESCRIPTOR_TYPE
    };
    new_object(ty, MethodDescriptor { def, owner }).or_mem(vm)
}

fn descriptor(vm: &Vm, d: &ObjRef) -> PyResult<&'static MethodDef> {
    d.downcast::<MethodDescriptor>()
        .map(|m| m.def)
        .ok_or_else(|| vm.type_error("expected a method descriptor"))
}

fn owner_of(d: &ObjRef) -> Option<&TypeObject> {
    d.downcast::<MethodDescriptor>()?.owner.as_type()
}

/// The definition behind a method descriptor of an instance method (not a class method), so a
/// caller with the instance in hand can call it without binding.
pub fn instance_method_def(d: &ObjRef) -> Option<&'static MethodDef> {
    if !std::ptr::eq(d.ob_type(), &METHOD_DESCRIPTOR_TYPE) {
        return None;
    }
    d.downcast::<MethodDescriptor>().map(|m| m.def)
}

/// The static type owning `d`, if it is the method descriptor of that type's own instance method
/// `name` (an entry of its method table).
pub fn method_owner(d: &ObjRef, name: &str) -> Option<&'static TypeObject> {
    let def = instance_method_def(d).filter(|def| def.name == name)?;
    // Only the type's own table entry: a class may borrow a descriptor for another method.
    let owner = d.downcast::<MethodDescriptor>()?.owner.as_static_type()?;
    owner
        .methods
        .as_ptr_range()
        .contains(&(def as *const MethodDef))
        .then_some(owner)
}

fn md_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let def = descriptor(vm, d)?;
    match obj {
        Some(o) => function::new_bound_builtin(vm, def, o.clone()),
        None => Ok(d.clone()),
    }
}

/// `classmethod_descriptor.__get__`: binds to the class given, or to the instance's class.
fn cmd_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, ty: &ObjRef) -> PyResult<ObjRef> {
    let def = descriptor(vm, d)?;
    let cls = match obj {
        Some(o) if ty.as_type().is_none() => o.type_object(),
        _ => ty.clone(),
    };
    let owner = owner_of(d).map_or("?", |t| t.name());
    if !cls
        .as_type()
        .is_some_and(|t| owner_of(d).is_some_and(|o| t.is_subtype(o)))
    {
        let received = match cls.as_type() {
            Some(t) => t.name(),
            None => cls.ob_type().name(),
        };
        return Err(vm.type_error(&format!(
            "descriptor '{}' requires a subtype of '{owner}' but received '{received}'",
            def.name
        )));
    }
    function::new_bound_builtin(vm, def, cls)
}

fn md_call(vm: &Vm, d: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let def = descriptor(vm, d)?;
    let owner = owner_of(d).map_or("?", |t| t.name());
    let nkw = kwnames
        .and_then(crate::objects::tuple::items)
        .map_or(0, |k| k.len());
    let Some((this, rest)) = args.split_first().filter(|_| args.len() > nkw) else {
        return Err(vm.type_error(&format!(
            "unbound method {}.{}() needs an argument",
            owner, def.name
        )));
    };
    if let Some(t) = owner_of(d) {
        if !this.is_instance(t) {
            return Err(vm.type_error(&format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                def.name,
                owner,
                this.ob_type().name()
            )));
        }
    }
    (def.func)(vm, this, rest, kwnames)
}

/// Calling a `classmethod_descriptor` directly: the class comes first.
fn cmd_call(vm: &Vm, d: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let def = descriptor(vm, d)?;
    let owner = owner_of(d).map_or("?", |t| t.name()).to_string();
    let nkw = kwnames
        .and_then(crate::objects::tuple::items)
        .map_or(0, |k| k.len());
    let Some((cls, rest)) = args.split_first().filter(|_| args.len() > nkw) else {
        return Err(vm.type_error(&format!(
            "descriptor '{}' of '{owner}' object needs an argument",
            def.name
        )));
    };
    let Some(t) = cls.as_type() else {
        return Err(vm.type_error(&format!(
            "descriptor '{}' for type '{owner}' needs a type, not a '{}' as arg 2",
            def.name,
            cls.ob_type().name()
        )));
    };
    if !owner_of(d).is_some_and(|o| t.is_subtype(o)) {
        return Err(vm.type_error(&format!(
            "descriptor '{}' requires a subtype of '{owner}' but received '{}'",
            def.name,
            t.name()
        )));
    }
    (def.func)(vm, cls, rest, kwnames)
}

fn md_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let def = descriptor(vm, d)?;
    let owner = owner_of(d).map_or("?", |t| t.name());
    pystr::new_str_vm(
        vm,
        &format!("<method '{}' of '{}' objects>", def.name, owner),
    )
}

/// `__name__`, `__qualname__` and `__objclass__` of a method descriptor.
fn md_getattr(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(m) = d.downcast::<MethodDescriptor>() else {
        return Ok(None);
    };
    let owner = m.owner.as_type().map_or("?", |t| t.name());
    Ok(Some(match name {
        "__name__" => pystr::new_str_vm(vm, m.def.name)?,
        "__qualname__" => pystr::new_str_vm(vm, &format!("{owner}.{}", m.def.name))?,
        "__objclass__" => m.owner.clone(),
        _ => return Ok(None),
    }))
}

static METHOD_DESCR_GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "__name__",
        get: md_getattr,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "__qualname__",
        get: md_getattr,
        set: None,
    },
    GetSetDef {
        name: "__objclass__",
        get: md_getattr,
        set: Some(getset::readonly),
    },
];

/// `method_descriptor`.
pub static METHOD_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &METHOD_DESCR_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "method_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &METHOD_DESCR_VTABLE,
    slots: Slots {
        repr: Some(md_repr),
        call: Some(md_call),
        getattr: Some(md_getattr),
        descr_get: Some(md_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

/// `classmethod_descriptor`: a `METH_CLASS` method of a builtin type.
pub static CLASSMETHOD_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &METHOD_DESCR_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "classmethod_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &METHOD_DESCR_VTABLE,
    slots: Slots {
        repr: Some(md_repr),
        call: Some(cmd_call),
        getattr: Some(md_getattr),
        descr_get: Some(cmd_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

// ---- property -----------------------------------------------------------------------------

/// Payload of a property.
pub struct PropertyObject {
    fget: ObjCell,
    fset: ObjCell,
    fdel: ObjCell,
    doc: ObjCell,
    name: ObjCell,
}

impl PyPayload for PropertyObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.fget, &self.fset, &self.fdel, &self.doc]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`fget`, `fset`, `fdel`, `doc`, `name`), each
// once, and does nothing else.
unsafe impl crate::object::Traverse for PropertyObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in [&self.fget, &self.fset, &self.fdel, &self.doc, &self.name] {
            c.traverse(visit);
        }
    }
}

static PROPERTY_VTABLE: PayloadVTable = PayloadVTable::of::<PropertyObject>();

fn opt(v: Option<&ObjRef>) -> Option<ObjRef> {
    v.filter(|v| !none::is_none(v)).cloned()
}

fn new_property(
    vm: &Vm,
    ty: &TypeObject,
    fget: Option<ObjRef>,
    fset: Option<ObjRef>,
    fdel: Option<ObjRef>,
    doc: Option<ObjRef>,
) -> PyResult<ObjRef> {
    let doc = match doc {
        Some(d) => Some(d),
        None => match &fget {
            Some(g) => ops::getattr(vm, g, "__doc__")
                .ok()
                .filter(|d| !none::is_none(d)),
            None => None,
        },
    };
    let name = match &fget {
        Some(g) => ops::getattr(vm, g, "__name__").ok(),
        None => None,
    };
    // A subclass instance keeps the docstring in its own `__dict__`, where the subclass's
    // `__doc__` does not shadow it (as CPython's `property_init`).
    let in_dict = ty
        .is_heap_type()
        .then(|| doc.clone().unwrap_or_else(none::none));
    let p = PropertyObject {
        fget: ObjCell::new(fget),
        fset: ObjCell::new(fset),
        fdel: ObjCell::new(fdel),
        doc: ObjCell::new(if in_dict.is_some() { None } else { doc }),
        name: ObjCell::new(name),
    };
    let prop = new_object(ty, p).or_mem(vm)?;
    if let Some(doc) = in_dict {
        if let Some(d) = crate::vm::attr::instance_dict_or_create(vm, &prop)? {
            crate::objects::dict::set_str(vm, &d, "__doc__", doc)?;
        }
    }
    Ok(prop)
}

fn property_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let mut slots: [Option<ObjRef>; 4] = [None, None, None, None];
    for (i, a) in pos.iter().enumerate().take(4) {
        slots[i] = opt(Some(a));
    }
    for (k, v) in kw {
        let i = match k {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => {
                return Err(vm.type_error(&format!(
                    "property() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        slots[i] = opt(Some(v));
    }
    let [g, s, d, doc] = slots;
    new_property(vm, ty, g, s, d, doc)
}

fn prop(vm: &Vm, obj: &ObjRef) -> PyResult<&'static str> {
    let _ = (vm, obj);
    Ok("property")
}

fn property_name(p: &PropertyObject) -> String {
    p.name
        .get()
        .as_ref()
        .and_then(pystr::as_str)
        .unwrap_or("")
        .to_string()
}

fn property_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let p = d
        .downcast::<PropertyObject>()
        .ok_or_else(|| vm.type_error("expected a property"))?;
    let Some(obj) = obj else {
        return Ok(d.clone());
    };
    match p.fget.get() {
        Some(f) => ops::call(vm, &f, std::slice::from_ref(obj), None),
        None => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "property '{}' of '{}' object has no getter",
                property_name(p),
                obj.ob_type().name()
            ),
        )),
    }
}

fn property_set(vm: &Vm, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = d
        .downcast::<PropertyObject>()
        .ok_or_else(|| vm.type_error("expected a property"))?;
    let _ = prop(vm, obj)?;
    let (f, what) = match &value {
        Some(_) => (p.fset.get(), "setter"),
        None => (p.fdel.get(), "deleter"),
    };
    let Some(f) = f else {
        return Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "property '{}' of '{}' object has no {}",
                property_name(p),
                obj.ob_type().name(),
                what
            ),
        ));
    };
    let mut args = vec![obj.clone()];
    args.extend(value);
    ops::call(vm, &f, &args, None)?;
    Ok(())
}

fn property_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(p) = obj.downcast::<PropertyObject>() else {
        return Ok(None);
    };
    let none = none::none;
    Ok(match name {
        "fget" => Some(p.fget.get().unwrap_or_else(none)),
        "fset" => Some(p.fset.get().unwrap_or_else(none)),
        "fdel" => Some(p.fdel.get().unwrap_or_else(none)),
        "__doc__" => Some(p.doc.get().unwrap_or_else(none)),
        "__isabstractmethod__" => {
            let mut any = false;
            for f in [p.fget.get(), p.fset.get(), p.fdel.get()]
                .into_iter()
                .flatten()
            {
                if is_abstract(vm, &f)? {
                    any = true;
                    break;
                }
            }
            Some(crate::objects::boolobj::new_bool(any))
        }
        _ => None,
    })
}

/// Whether `f.__isabstractmethod__` is true (CPython's `_PyObject_IsAbstract`).
fn is_abstract(vm: &Vm, f: &ObjRef) -> PyResult<bool> {
    match ops::getattr(vm, f, "__isabstractmethod__") {
        Ok(v) => ops::truthy(vm, &v),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `property.__doc__ = ...` (a writable member in CPython; deleting leaves it unset).
fn property_set_doc(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = obj
        .downcast::<PropertyObject>()
        .ok_or_else(|| vm.type_error("expected a property"))?;
    drop(p.doc.replace(value));
    Ok(())
}

/// The data attributes of `property`.
static PROPERTY_GETSET: [GetSetDef; 5] = [
    GetSetDef {
        name: "fget",
        get: property_getattr,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "fset",
        get: property_getattr,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "fdel",
        get: property_getattr,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "__doc__",
        get: property_getattr,
        set: Some(property_set_doc),
    },
    GetSetDef {
        name: "__isabstractmethod__",
        get: property_getattr,
        set: None,
    },
];

fn with_accessor(vm: &Vm, this: &ObjRef, args: &[ObjRef], which: usize) -> PyResult<ObjRef> {
    let p = this
        .downcast::<PropertyObject>()
        .ok_or_else(|| vm.type_error("expected a property"))?;
    let [f] = args else {
        return Err(vm.type_error("property accessor takes exactly one argument"));
    };
    let mut parts = [p.fget.get(), p.fset.get(), p.fdel.get()];
    parts[which] = opt(Some(f));
    let [g, s, d] = parts;
    let r = new_property(vm, this.ob_type(), g, s, d, p.doc.get())?;
    if let Some(np) = r.downcast::<PropertyObject>() {
        if np.name.get().is_none() {
            drop(np.name.replace(p.name.get()));
        }
    }
    Ok(r)
}

fn m_getter(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    with_accessor(vm, this, args, 0)
}
fn m_setter(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    with_accessor(vm, this, args, 1)
}
fn m_deleter(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    with_accessor(vm, this, args, 2)
}
fn m_set_name(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    if let (Some(p), [_owner, name]) = (this.downcast::<PropertyObject>(), args) {
        drop(p.name.replace(Some(name.clone())));
    }
    let _ = vm;
    Ok(none::none())
}
fn m_prop_get(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    match args {
        [obj] | [obj, _] if !none::is_none(obj) => {
            property_get(vm, this, Some(obj), &obj.type_object())
        }
        [_] | [_, _] => Ok(this.clone()),
        _ => Err(vm.type_error("__get__ expected 1 or 2 arguments")),
    }
}

static PROPERTY_METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "getter",
        func: m_getter,
        flags: 0,
    },
    MethodDef {
        name: "setter",
        func: m_setter,
        flags: 0,
    },
    MethodDef {
        name: "deleter",
        func: m_deleter,
        flags: 0,
    },
    MethodDef {
        name: "__set_name__",
        func: m_set_name,
        flags: 0,
    },
    MethodDef {
        name: "__get__",
        func: m_prop_get,
        flags: 0,
    },
];

/// `property`.
pub static PROPERTY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &PROPERTY_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "property",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &PROPERTY_VTABLE,
    slots: Slots {
        getattr: Some(property_getattr),
        new: Some(property_new),
        descr_get: Some(property_get),
        descr_set: Some(property_set),
        ..Slots::EMPTY
    },
    methods: &PROPERTY_METHODS,
    doc: "Property attribute.",
};

// ---- classmethod and staticmethod -----------------------------------------------------------

/// Payload of `classmethod` and `staticmethod`: the wrapped callable and the `__dict__`.
pub struct WrapperObject {
    func: ObjCell,
    /// `__dict__` (created on first use); construction copies the callable's `__name__`,
    /// `__doc__`, ... into it, as CPython's `functools.wraps`-like initialisation does.
    dict: ObjCell,
}

impl PyPayload for WrapperObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.func, &self.dict]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for WrapperObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.func.traverse(visit);
        self.dict.traverse(visit);
    }
}

/// A `classmethod` or `staticmethod` (`ty`) of `f` with an empty `__dict__` (CPython's
/// `PyClassMethod_New`/`PyStaticMethod_New`, which copy nothing).
pub fn new_wrapper(vm: &Vm, ty: &TypeObject, f: ObjRef) -> PyResult<ObjRef> {
    new_object(
        ty,
        WrapperObject {
            func: ObjCell::new(Some(f)),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)
}

/// The attributes `classmethod(f)` and `staticmethod(f)` copy from `f` into their `__dict__`.
const WRAPPED_ATTRS: [&str; 5] = [
    "__module__",
    "__name__",
    "__qualname__",
    "__doc__",
    "__annotations__",
];

static WRAPPER_VTABLE: PayloadVTable = PayloadVTable::of::<WrapperObject>();

fn wrapper_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, ty.name(), kwnames)?;
    let [f] = args else {
        return Err(vm.type_error(&format!(
            "{} expected 1 argument, got {}",
            ty.name(),
            args.len()
        )));
    };
    let w = new_wrapper(vm, ty, f.clone())?;
    // A subclass instance keeps its attributes in its own `__dict__`.
    let d = match crate::vm::attr::instance_dict_or_create(vm, &w)? {
        Some(d) => d,
        None => wrapper_dict(vm, &w)?,
    };
    for name in WRAPPED_ATTRS {
        match ops::getattr(vm, f, name) {
            Ok(v) => crate::objects::dict::set_str(vm, &d, name, v)?,
            Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(w)
}

fn wrapped(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    d.downcast::<WrapperObject>()
        .and_then(|w| w.func.get())
        .ok_or_else(|| vm.new_error(&exceptions::RUNTIME_ERROR, "uninitialized wrapper object"))
}

fn classmethod_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, ty: &ObjRef) -> PyResult<ObjRef> {
    let f = wrapped(vm, d)?;
    let cls = match obj {
        Some(o) if ty.as_type().is_none() => o.type_object(),
        _ => ty.clone(),
    };
    method::new_method(vm, f, cls)
}

fn staticmethod_get(vm: &Vm, d: &ObjRef, _obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    wrapped(vm, d)
}

fn staticmethod_call(
    vm: &Vm,
    d: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    ops::call(vm, &wrapped(vm, d)?, args, kwnames)
}

fn wrapper_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let f = wrapped(vm, d)?;
    let inner = ops::repr_string(vm, &f)?;
    pystr::new_str_vm(vm, &format!("<{}({})>", d.ob_type().name(), inner))
}

/// The `__dict__` of a classmethod or staticmethod, created on first use.
fn wrapper_dict(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let w = d
        .downcast::<WrapperObject>()
        .ok_or_else(|| vm.type_error("expected a classmethod or staticmethod"))?;
    Ok(match w.dict.get() {
        Some(dict) => dict,
        None => {
            let dict = crate::objects::dict::new_dict_vm(vm)?;
            drop(w.dict.replace(Some(dict.clone())));
            dict
        }
    })
}

/// The getset entries of classmethod and staticmethod objects.
fn wrapper_member(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match name {
        "__func__" | "__wrapped__" => Ok(Some(wrapped(vm, d)?)),
        "__isabstractmethod__" => Ok(Some(crate::objects::boolobj::new_bool(is_abstract(
            vm,
            &wrapped(vm, d)?,
        )?))),
        "__dict__" => match crate::vm::attr::instance_dict_or_create(vm, d)? {
            // A subclass instance keeps its attributes in its own `__dict__`.
            Some(own) => {
                crate::objects::dict::materialize(&own);
                Ok(Some(own))
            }
            None => Ok(Some(wrapper_dict(vm, d)?)),
        },
        _ => Ok(None),
    }
}

/// Attributes of classmethod and staticmethod objects: the getset entries, then `__dict__`.
fn wrapper_getattr(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(v) = wrapper_member(vm, d, name)? {
        return Ok(Some(v));
    }
    let dict = d.downcast::<WrapperObject>().and_then(|w| w.dict.get());
    match dict {
        Some(dict) => crate::objects::dict::get_str(vm, &dict, name),
        None => Ok(None),
    }
}

/// `obj.__dict__ = d` for the objects with a `__dict__` getset entry: a dict only.
fn dict_value(vm: &Vm, value: Option<ObjRef>) -> PyResult<ObjRef> {
    let Some(v) = value else {
        return Err(vm.type_error("cannot delete __dict__"));
    };
    if crate::objects::dict::table(&v).is_none() {
        return Err(vm.type_error(&format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            v.ob_type().name()
        )));
    }
    Ok(v)
}

fn wrapper_set_dict(vm: &Vm, d: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let v = dict_value(vm, value)?;
    if let Some(w) = d.downcast::<WrapperObject>() {
        drop(w.dict.replace(Some(v)));
    }
    Ok(())
}

/// Attribute assignment on classmethod and staticmethod objects: getset entries, then the
/// `__dict__`.
fn wrapper_setattr(vm: &Vm, d: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if let Some(r) = getset::set(vm, d, name, value.clone()) {
        return r;
    }
    if d.ob_type().is_heap_type() {
        return crate::vm::attr::dict_setattr(vm, d, name, value);
    }
    let dict = wrapper_dict(vm, d)?;
    match value {
        Some(v) => crate::objects::dict::set_item(vm, &dict, name.clone(), v),
        None => {
            if crate::objects::dict::del_item(vm, &dict, name)? {
                Ok(())
            } else {
                Err(crate::vm::attr::no_attribute(vm, d, getset::name_str(name)))
            }
        }
    }
}

/// The data attributes of `classmethod` and `staticmethod`.
static WRAPPER_GETSET: [GetSetDef; 4] = [
    GetSetDef {
        name: "__func__",
        get: wrapper_member,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "__wrapped__",
        get: wrapper_member,
        set: Some(getset::readonly),
    },
    GetSetDef {
        name: "__isabstractmethod__",
        get: wrapper_member,
        set: None,
    },
    GetSetDef {
        name: "__dict__",
        get: wrapper_member,
        set: Some(wrapper_set_dict),
    },
];

/// `classmethod`.
pub static CLASSMETHOD_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &WRAPPER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "classmethod",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &WRAPPER_VTABLE,
    slots: Slots {
        repr: Some(wrapper_repr),
        getattr: Some(wrapper_getattr),
        setattr: Some(wrapper_setattr),
        new: Some(wrapper_new),
        descr_get: Some(classmethod_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "classmethod(function) -> method",
};

/// `staticmethod`.
pub static STATICMETHOD_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &WRAPPER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "staticmethod",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &WRAPPER_VTABLE,
    slots: Slots {
        repr: Some(wrapper_repr),
        getattr: Some(wrapper_getattr),
        setattr: Some(wrapper_setattr),
        new: Some(wrapper_new),
        call: Some(staticmethod_call),
        descr_get: Some(staticmethod_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "staticmethod(function) -> method",
};

// ---- member_descriptor ----------------------------------------------------------------------

/// One `__slots__` entry: reads and writes preheader slot `index` of instances of `owner`; or
/// a read-only field of a struct sequence (item `index` of the tuple).
pub struct MemberDescriptor {
    name: ObjRef,
    owner_name: ObjRef,
    index: usize,
    tuple_item: bool,
}

impl PyPayload for MemberDescriptor {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(MemberDescriptor);

static MEMBER_VTABLE: PayloadVTable = PayloadVTable::of::<MemberDescriptor>();

/// The descriptor for slot `index` named `name` of class `owner_name`.
pub fn new_member(vm: &Vm, name: ObjRef, owner_name: ObjRef, index: usize) -> PyResult<ObjRef> {
    new_object(
        &MEMBER_DESCRIPTOR_TYPE,
        MemberDescriptor {
            name,
            owner_name,
            index,
            tuple_item: false,
        },
    )
    .or_mem(vm)
}

/// The read-only descriptor of a struct sequence field: item `index` of the instance (a tuple).
pub fn new_item_member(
    vm: &Vm,
    name: ObjRef,
    owner_name: ObjRef,
    index: usize,
) -> PyResult<ObjRef> {
    new_object(
        &MEMBER_DESCRIPTOR_TYPE,
        MemberDescriptor {
            name,
            owner_name,
            index,
            tuple_item: true,
        },
    )
    .or_mem(vm)
}

fn member_not_applicable(vm: &Vm, m: &MemberDescriptor, obj: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        pystr::as_str(&m.name).unwrap_or("?"),
        pystr::as_str(&m.owner_name).unwrap_or("?"),
        obj.ob_type().name()
    ))
}

/// Whether slot descriptor `d` belongs to a class along the MRO of `obj`'s type (it is in that
/// class's dict under its name): otherwise its slot index means nothing for `obj`, whose slot
/// at that index may even be its `__dict__`. CPython checks the descriptor's class.
fn member_applies(vm: &Vm, d: &ObjRef, m: &MemberDescriptor, obj: &ObjRef) -> PyResult<bool> {
    let Some(name) = pystr::as_str(&m.name) else {
        return Ok(false);
    };
    // The usual case, through the method cache: the class finds this very descriptor.
    if crate::vm::attr::type_lookup(vm, obj.ob_type(), name)?.is_some_and(|v| v.is(d)) {
        return Ok(true);
    }
    let mro = crate::vm::typeready::type_mro(vm, obj.ob_type())?;
    for t in crate::objects::tuple::items(&mro).unwrap_or(&[]) {
        let Some(t) = t.as_type().filter(|t| t.is_heap_type()) else {
            continue;
        };
        if crate::vm::attr::lookup_in_class(vm, t, name)?.is_some_and(|v| v.is(d)) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn member_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    let Some(obj) = obj else {
        return Ok(d.clone());
    };
    if m.tuple_item {
        return crate::objects::tuple::items(obj)
            .and_then(|items| items.get(m.index).cloned())
            .ok_or_else(|| member_not_applicable(vm, m, obj));
    }
    if !member_applies(vm, d, m, obj)? {
        return Err(member_not_applicable(vm, m, obj));
    }
    let n = pystr::as_str(&m.name).unwrap_or("?");
    match obj.preheader_slots().get(m.index).and_then(|c| c.get()) {
        Some(v) => Ok(v),
        None => Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("'{}' object has no attribute '{}'", obj.ob_type().name(), n),
        )),
    }
}

fn member_set(vm: &Vm, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    if m.tuple_item {
        return Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute"));
    }
    if !member_applies(vm, d, m, obj)? {
        return Err(member_not_applicable(vm, m, obj));
    }
    let n = pystr::as_str(&m.name).unwrap_or("?");
    let Some(cell) = obj.preheader_slots().get(m.index) else {
        return Err(member_not_applicable(vm, m, obj));
    };
    let deleting = value.is_none();
    let old = cell.replace(value);
    if deleting && old.is_none() {
        // CPython 3.11's message is the bare name.
        return Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, n));
    }
    drop(old);
    Ok(())
}

fn member_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    pystr::new_str_vm(
        vm,
        &format!(
            "<member '{}' of '{}' objects>",
            pystr::as_str(&m.name).unwrap_or("?"),
            pystr::as_str(&m.owner_name).unwrap_or("?")
        ),
    )
}

/// `__name__` of a member descriptor.
fn member_getattr(_vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(m) = d.downcast::<MemberDescriptor>() else {
        return Ok(None);
    };
    Ok((name == "__name__").then(|| m.name.clone()))
}

/// The data attributes of `member_descriptor` (CPython's `__objclass__` and `__qualname__` need
/// the owning class, of which only the name is kept).
static MEMBER_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "__name__",
    get: member_getattr,
    set: Some(getset::readonly),
}];

/// `member_descriptor`.
pub static MEMBER_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &MEMBER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "member_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MEMBER_VTABLE,
    slots: Slots {
        repr: Some(member_repr),
        getattr: Some(member_getattr),
        descr_get: Some(member_get),
        descr_set: Some(member_set),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};
