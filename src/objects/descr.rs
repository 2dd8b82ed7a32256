//! Descriptors: `method_descriptor` (a builtin type's method seen through its class),
//! `property`, `classmethod`, `staticmethod` and `member_descriptor` (one `__slots__` entry).

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, function, method, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

// ---- method_descriptor --------------------------------------------------------------------

/// A builtin type's method, unbound (`list.append`).
pub struct MethodDescriptor {
    def: &'static MethodDef,
    owner: ObjRef,
    /// A class method (CPython's `METH_CLASS`): binds to the class, not an instance.
    class_method: bool,
}

/// Methods of builtin types that take the class, not an instance (CPython's `METH_CLASS` and
/// `METH_STATIC` ones, which ignore what they are bound to), by owning type and method name.
static CLASS_METHODS: [(&str, &str); 10] = [
    ("object", "__init_subclass__"),
    ("dict", "fromkeys"),
    ("chain", "from_iterable"),
    ("bytes", "fromhex"),
    ("bytearray", "fromhex"),
    ("bytes", "maketrans"),
    ("bytearray", "maketrans"),
    ("float", "fromhex"),
    ("int", "from_bytes"),
    ("str", "maketrans"),
];

impl PyPayload for MethodDescriptor {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(MethodDescriptor);

static METHOD_DESCR_VTABLE: PayloadVTable = PayloadVTable::of::<MethodDescriptor>();

/// The descriptor of `def`, a method of the static type `owner`.
pub fn new_method_descriptor(vm: &Vm, def: &'static MethodDef, owner: ObjRef) -> PyResult<ObjRef> {
    let owner_name = owner.as_type().map_or("", |t| t.name());
    let class_method = CLASS_METHODS.contains(&(owner_name, def.name));
    new_object(
        &METHOD_DESCRIPTOR_TYPE,
        MethodDescriptor {
            def,
            owner,
            class_method,
        },
    )
    .or_mem(vm)
}

fn md_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MethodDescriptor>()
        .ok_or_else(|| vm.type_error("expected a method descriptor"))?;
    if m.class_method {
        // Bound to the class it is looked up through (or the instance's class).
        let cls = match obj {
            Some(o) if _ty.as_type().is_none() => o.type_object(),
            _ => _ty.clone(),
        };
        return function::new_bound_builtin(vm, m.def, cls);
    }
    match obj {
        Some(o) => function::new_bound_builtin(vm, m.def, o.clone()),
        None => Ok(d.clone()),
    }
}

fn md_call(vm: &Vm, d: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MethodDescriptor>()
        .ok_or_else(|| vm.type_error("expected a method descriptor"))?;
    let owner = m.owner.as_type().map_or("?", |t| t.name()).to_string();
    let nkw = kwnames
        .and_then(crate::objects::tuple::items)
        .map_or(0, |k| k.len());
    if m.class_method {
        return (m.def.func)(vm, &m.owner, args, kwnames);
    }
    let Some((this, rest)) = args.split_first().filter(|_| args.len() > nkw) else {
        return Err(vm.type_error(&format!(
            "unbound method {}.{}() needs an argument",
            owner, m.def.name
        )));
    };
    if let Some(t) = m.owner.as_type() {
        if !this.is_instance(t) {
            return Err(vm.type_error(&format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                m.def.name,
                owner,
                this.ob_type().name()
            )));
        }
    }
    (m.def.func)(vm, this, rest, kwnames)
}

fn md_repr(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MethodDescriptor>()
        .ok_or_else(|| vm.type_error("expected a method descriptor"))?;
    let owner = m.owner.as_type().map_or("?", |t| t.name());
    pystr::new_str_vm(
        vm,
        &format!("<method '{}' of '{}' objects>", m.def.name, owner),
    )
}

/// `method_descriptor`.
pub static METHOD_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "method_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &METHOD_DESCR_VTABLE,
    slots: Slots {
        repr: Some(md_repr),
        call: Some(md_call),
        descr_get: Some(md_get),
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
    let p = PropertyObject {
        fget: ObjCell::new(fget),
        fset: ObjCell::new(fset),
        fdel: ObjCell::new(fdel),
        doc: ObjCell::new(doc),
        name: ObjCell::new(name),
    };
    new_object(ty, p).or_mem(vm)
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

fn property_getattr(_vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(p) = obj.downcast::<PropertyObject>() else {
        return Ok(None);
    };
    let none = none::none;
    Ok(match name {
        "fget" => Some(p.fget.get().unwrap_or_else(none)),
        "fset" => Some(p.fset.get().unwrap_or_else(none)),
        "fdel" => Some(p.fdel.get().unwrap_or_else(none)),
        "__doc__" => Some(p.doc.get().unwrap_or_else(none)),
        _ => None,
    })
}

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
    },
    MethodDef {
        name: "setter",
        func: m_setter,
    },
    MethodDef {
        name: "deleter",
        func: m_deleter,
    },
    MethodDef {
        name: "__set_name__",
        func: m_set_name,
    },
    MethodDef {
        name: "__get__",
        func: m_prop_get,
    },
];

/// `property`.
pub static PROPERTY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
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

/// Payload of `classmethod` and `staticmethod`: the wrapped callable.
pub struct WrapperObject {
    func: ObjCell,
}

impl PyPayload for WrapperObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.func.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`), each once, and does nothing else.
unsafe impl crate::object::Traverse for WrapperObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.func.traverse(visit)
    }
}

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
    new_object(
        ty,
        WrapperObject {
            func: ObjCell::new(Some(f.clone())),
        },
    )
    .or_mem(vm)
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

fn wrapper_getattr(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match name {
        "__func__" | "__wrapped__" => Ok(Some(wrapped(vm, d)?)),
        "__isabstractmethod__" => Ok(Some(crate::objects::boolobj::new_bool(false))),
        _ => {
            let f = wrapped(vm, d)?;
            if matches!(name, "__name__" | "__qualname__" | "__doc__" | "__module__") {
                return ops::getattr(vm, &f, name).map(Some).or(Ok(None));
            }
            Ok(None)
        }
    }
}

/// `classmethod`.
pub static CLASSMETHOD_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "classmethod",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &WRAPPER_VTABLE,
    slots: Slots {
        repr: Some(wrapper_repr),
        getattr: Some(wrapper_getattr),
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
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "staticmethod",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &WRAPPER_VTABLE,
    slots: Slots {
        repr: Some(wrapper_repr),
        getattr: Some(wrapper_getattr),
        new: Some(wrapper_new),
        call: Some(staticmethod_call),
        descr_get: Some(staticmethod_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "staticmethod(function) -> method",
};

// ---- member_descriptor ----------------------------------------------------------------------

/// One `__slots__` entry: reads and writes preheader slot `index` of instances of `owner`.
pub struct MemberDescriptor {
    name: ObjRef,
    owner_name: ObjRef,
    index: usize,
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
        },
    )
    .or_mem(vm)
}

fn member_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let m = d
        .downcast::<MemberDescriptor>()
        .ok_or_else(|| vm.type_error("expected a member descriptor"))?;
    let Some(obj) = obj else {
        return Ok(d.clone());
    };
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
    let n = pystr::as_str(&m.name).unwrap_or("?");
    let Some(cell) = obj.preheader_slots().get(m.index) else {
        return Err(vm.type_error(&format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            n,
            pystr::as_str(&m.owner_name).unwrap_or("?"),
            obj.ob_type().name()
        )));
    };
    let deleting = value.is_none();
    let old = cell.replace(value);
    if deleting && old.is_none() {
        return Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("'{}' object has no attribute '{}'", obj.ob_type().name(), n),
        ));
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

/// `member_descriptor`.
pub static MEMBER_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "member_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MEMBER_VTABLE,
    slots: Slots {
        repr: Some(member_repr),
        descr_get: Some(member_get),
        descr_set: Some(member_set),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};
