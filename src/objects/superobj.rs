//! `super`: attribute lookup that starts after a given class in an object's MRO.
//!
//! The zero-argument form `super()` is completed by the evaluation loop, which knows the
//! calling frame: it passes the function's `__class__` cell contents and its first argument.

use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::classobj::mro_of;
use crate::objects::str as pystr;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::attr;
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a super object.
pub struct SuperObject {
    /// The class to start after.
    this_type: ObjRef,
    /// The object (or class) being looked up on; `None` for an unbound `super(C)`.
    obj: Option<ObjRef>,
    /// The type whose MRO is searched (`type(obj)`, or `obj` itself for `super(C, cls)`).
    obj_type: Option<ObjRef>,
}

impl PyPayload for SuperObject {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`this_type`, `obj`, `obj_type`), each once,
// and does nothing else.
unsafe impl crate::object::Traverse for SuperObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.this_type);
        if let Some(o) = &self.obj {
            visit(o);
        }
        if let Some(t) = &self.obj_type {
            visit(t);
        }
    }
}

static SUPER_VTABLE: PayloadVTable = PayloadVTable::of::<SuperObject>();

/// `super(type, obj)`.
pub fn new_super(vm: &Vm, this_type: ObjRef, obj: ObjRef) -> PyResult<ObjRef> {
    make(vm, &SUPER_TYPE, this_type, Some(obj))
}

/// `super(type, obj)`, or the unbound `super(type)` when `obj` is `None`, as an instance of
/// `cls` (`super` or a subclass).
fn make(vm: &Vm, cls: &TypeObject, this_type: ObjRef, obj: Option<ObjRef>) -> PyResult<ObjRef> {
    let Some(t) = this_type.as_type() else {
        return Err(vm.type_error(&format!(
            "super() argument 1 must be a type, not {}",
            this_type.ob_type().name()
        )));
    };
    let obj_type = match &obj {
        None => None,
        Some(o) if o.as_type().is_some_and(|c| c.is_subtype(t)) => Some(o.clone()),
        Some(o) if o.is_instance(t) => Some(o.type_object()),
        // An object claiming a subclass through `__class__` (a proxy) is looked up as one.
        Some(o) => match crate::vm::ops::getattr(vm, o, "__class__") {
            Ok(c) if c.as_type().is_some_and(|ct| ct.is_subtype(t)) => Some(c),
            Err(e) if !e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => return Err(e),
            _ => {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                )
            }
        },
    };
    new_object(
        cls,
        SuperObject {
            this_type,
            obj,
            obj_type,
        },
    )
    .or_mem(vm)
}

fn super_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "super", kwnames)?;
    match args {
        [t] => make(vm, ty, t.clone(), None),
        [t, o] if crate::objects::none::is_none(o) => make(vm, ty, t.clone(), None),
        [t, o] => make(vm, ty, t.clone(), Some(o.clone())),
        [] => Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "super(): no arguments",
        )),
        _ => Err(vm.type_error(&format!(
            "super() expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn super_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(s) = obj.downcast::<SuperObject>() else {
        return Ok(None);
    };
    if name == "__class__" {
        return Ok(Some(obj.type_object()));
    }
    // An unbound super looks up nothing beyond its own attributes.
    if let (Some(obj), Some(obj_type)) = (&s.obj, &s.obj_type) {
        let mro = mro_of(obj_type);
        let start = mro
            .iter()
            .position(|t| t.is(&s.this_type))
            .map_or(mro.len(), |i| i + 1);
        let bind_to = if obj.is(obj_type) { None } else { Some(obj) };
        for t in &mro[start..] {
            let Some(ty) = t.as_type() else { continue };
            let found = attr::lookup_in_class(vm, ty, name)?;
            if let Some(v) = found {
                return attr::descr_get(vm, v, bind_to, obj_type).map(Some);
            }
        }
    }
    super_member(vm, obj, name)
}

/// `LOAD_METHOD` on an exact `super` object (`super().__init__(...)`): what the generic lookup
/// (`ops::static_getattr_key`, then `super_getattr`) finds along the MRO, with a plain function
/// found for an instance given unbound with that instance (the call passes it as `self`, so no
/// bound method is made), any other value bound as `super_getattr` binds it. `None` — take the
/// generic path — when `super` itself has a data descriptor under the name (it comes first
/// there), when the MRO has nothing under it, or when a dict along the way has keys other than
/// str (looking it up twice could run an `__eq__` twice).
pub fn load_method(
    vm: &Vm,
    obj: &ObjRef,
    key: &ObjRef,
    name: &str,
) -> PyResult<Option<(Option<ObjRef>, ObjRef)>> {
    if !std::ptr::eq(obj.ob_type(), &SUPER_TYPE) || name == "__class__" {
        return Ok(None);
    }
    let Some(s) = obj.downcast::<SuperObject>() else {
        return Ok(None);
    };
    let (Some(inst), Some(obj_type)) = (&s.obj, &s.obj_type) else {
        return Ok(None);
    };
    if attr::type_lookup_key(vm, &SUPER_TYPE, key)?
        .is_some_and(|d| d.ob_type().slots.descr_set.is_some())
    {
        return Ok(None);
    }
    let mro = mro_of(obj_type);
    let start = mro
        .iter()
        .position(|t| t.is(&s.this_type))
        .map_or(mro.len(), |i| i + 1);
    let mut dicts = Vec::with_capacity(mro.len() - start);
    for t in &mro[start..] {
        let Some(ty) = t.as_type() else { continue };
        let d = crate::vm::typeready::type_dict(vm, ty)?;
        if !crate::objects::dict::table(&d).is_some_and(|t| t.is_str_only()) {
            return Ok(None);
        }
        dicts.push(d);
    }
    let bind_to = if inst.is(obj_type) { None } else { Some(inst) };
    for d in &dicts {
        if let Some(v) = crate::objects::dict::get_item(vm, d, key)? {
            if let (Some(inst), true) = (bind_to, crate::objects::function::is_function(&v)) {
                return Ok(Some((Some(v), inst.clone())));
            }
            return attr::descr_get(vm, v, bind_to, obj_type).map(|b| Some((None, b)));
        }
    }
    Ok(None)
}

/// `__thisclass__`, `__self__` and `__self_class__` themselves.
fn super_member(_vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(s) = obj.downcast::<SuperObject>() else {
        return Ok(None);
    };
    Ok(match name {
        "__thisclass__" => Some(s.this_type.clone()),
        "__self__" => Some(s.obj.clone().unwrap_or_else(crate::objects::none::none)),
        "__self_class__" => Some(
            s.obj_type
                .clone()
                .unwrap_or_else(crate::objects::none::none),
        ),
        _ => None,
    })
}

/// The data attributes of `super` (read-only members in CPython).
static SUPER_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "__thisclass__",
        get: super_member,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__self__",
        get: super_member,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__self_class__",
        get: super_member,
        set: Some(crate::objects::getset::readonly),
    },
];

/// `super.__get__(obj, type=None)`: an unbound `super(C)` read through an instance binds to
/// it; a bound one is returned as it is.
fn super_descr_get(
    vm: &Vm,
    descr: &ObjRef,
    obj: Option<&ObjRef>,
    _owner: &ObjRef,
) -> PyResult<ObjRef> {
    let Some(s) = descr.downcast::<SuperObject>() else {
        return Ok(descr.clone());
    };
    match obj {
        Some(o) if s.obj.is_none() && !crate::objects::none::is_none(o) => {
            make(vm, descr.ob_type(), s.this_type.clone(), Some(o.clone()))
        }
        _ => Ok(descr.clone()),
    }
}

fn super_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = obj
        .downcast::<SuperObject>()
        .ok_or_else(|| vm.type_error("expected super"))?;
    let a = s.this_type.as_type().map_or("?", |t| t.name()).to_string();
    let text = match s.obj_type.as_ref().and_then(|t| t.as_type()) {
        Some(b) => format!("<super: <class '{a}'>, <{} object>>", b.name()),
        None => format!("<super: <class '{a}'>, NULL>"),
    };
    pystr::new_str_vm(vm, &text)
}

/// `super.__init__(type, obj)`: the arguments were taken by `__new__`; a subclass's
/// `__init__` passes them on here.
fn m_init(_vm: &Vm, _this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(crate::objects::none::none())
}

static SUPER_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "__init__",
    func: m_init,
    flags: 0,
}];

/// `super`.
pub static SUPER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &SUPER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "super",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &SUPER_VTABLE,
    slots: Slots {
        repr: Some(super_repr),
        getattr: Some(super_getattr),
        descr_get: Some(super_descr_get),
        new: Some(super_new),
        ..Slots::EMPTY
    },
    methods: &SUPER_METHODS,
    doc: "super() -> same as super(__class__, <first argument>)",
};
