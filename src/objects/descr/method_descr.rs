//! `method_descriptor` and `classmethod_descriptor`: a builtin type's methods seen through
//! its class.

use crate::object::typeobj::methflags::{METH_CLASS, METH_STATIC};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{function, getset, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

use super::wrapper::{new_wrapper, STATICMETHOD_TYPE};

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

/// The definition and owning type behind a method descriptor of an instance method, for a
/// caller that checks the instance's type itself (as calling the descriptor does).
pub fn instance_method(d: &ObjRef) -> Option<(&'static MethodDef, &TypeObject)> {
    if !std::ptr::eq(d.ob_type(), &METHOD_DESCRIPTOR_TYPE) {
        return None;
    }
    let m = d.downcast::<MethodDescriptor>()?;
    Some((m.def, m.owner.as_type()?))
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
        Some(o) => {
            // Binding checks the instance's type, as calling the descriptor does (CPython's
            // `descr_check`): `str.upper` stored in another class does not apply to its
            // instances.
            if let Some(t) = owner_of(d) {
                if !o.is_instance(t) {
                    return Err(vm.type_error(&format!(
                        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                        def.name,
                        t.name(),
                        o.ob_type().name()
                    )));
                }
            }
            function::new_bound_builtin(vm, def, o.clone())
        }
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
