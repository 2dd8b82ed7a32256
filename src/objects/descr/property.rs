//! `property`.

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, getset, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

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
pub(super) fn is_abstract(vm: &Vm, f: &ObjRef) -> PyResult<bool> {
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
