//! `classmethod` and `staticmethod`: a wrapped callable with a `__dict__`.

use crate::object::{
    new_object, GetSetDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, getset, method, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

use super::property::is_abstract;

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

/// The callable of `staticmethod` or `classmethod` `d` (what a `staticmethod`'s `__get__`
/// returns), if it has one.
pub fn wrapped_callable(d: &ObjRef) -> Option<ObjRef> {
    d.downcast::<WrapperObject>().and_then(|w| w.func.get())
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
            Some(own) => Ok(Some(own)),
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
