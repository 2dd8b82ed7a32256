//! `type` and `object`: the roots of the type hierarchy.

use crate::object::{GetSetDef, MethodDef, ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::{boolobj, dict, none, str as pystr, tuple};
use crate::vm::{attr, ops, PyResult, Vm};

mod object;

pub use object::*;

/// The module a type belongs to (`builtins` for static types).
fn type_module(vm: &Vm, ty: &TypeObject) -> PyResult<Option<ObjRef>> {
    match ty.heap() {
        Some(h) => dict::get_str(vm, &h.ext.dict, "__module__"),
        None => match ty.name().rsplit_once('.') {
            Some((module, _)) => Ok(Some(vm.intern(module)?)),
            None => Ok(Some(vm.intern("builtins")?)),
        },
    }
}

fn type_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let Some(ty) = obj.as_type() else {
        return pystr::new_str_vm(vm, "<class '?'>");
    };
    let qual = match ty.heap().and_then(|h| h.ext.qualname.get()) {
        Some(q) => pystr::as_str(&q).unwrap_or("?").to_string(),
        None => short_name(ty).to_string(),
    };
    let module = type_module(vm, ty)?;
    let text = match module.as_ref().and_then(pystr::as_str) {
        Some(m) if m != "builtins" => format!("<class '{m}.{qual}'>"),
        _ => format!("<class '{qual}'>"),
    };
    pystr::new_str_vm(vm, &text)
}

fn type_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let ty = obj.as_type().ok_or_else(|| vm.type_error("not a type"))?;
    crate::modules::builtins::construct(vm, ty, args, kwnames)
}

/// The data attributes every type object has (`__name__`, `__mro__`, ...): the getter of
/// `type`'s getset descriptors.
pub fn type_data_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(ty) = obj.as_type() else {
        return Ok(None);
    };
    let heap = ty.heap();
    let int = |v: usize| crate::objects::int::new_int(vm, v as i64);
    Ok(Some(match name {
        "__name__" => match heap {
            Some(h) => h.name_obj(),
            None => pystr::new_str_vm(vm, short_name(ty))?,
        },
        "__qualname__" => match heap.and_then(|h| h.ext.qualname.get()) {
            Some(q) => q,
            None => pystr::new_str_vm(vm, short_name(ty))?,
        },
        "__module__" => type_module(vm, ty)?.unwrap_or_else(none::none),
        "__doc__" => match heap {
            Some(h) => match dict::get_str(vm, &h.ext.dict, "__doc__")? {
                Some(d) => attr::descr_get(vm, d, None, obj)?,
                None => none::none(),
            },
            None if ty.doc.is_empty() => none::none(),
            None => pystr::new_str_vm(vm, ty.doc)?,
        },
        "__dict__" => crate::objects::mappingproxy::new_mappingproxy(
            vm,
            crate::vm::typeready::type_dict(vm, ty)?,
        )?,
        "__bases__" => match heap.and_then(|h| h.ext.bases.get()) {
            Some(b) => b,
            None => tuple::new_tuple(
                vm,
                crate::vm::typeready::static_bases(ty)
                    .into_iter()
                    .map(ObjRef::from_type_ref)
                    .collect(),
            )?,
        },
        "__base__" => match heap {
            Some(h) => h.ext.base.get().unwrap_or_else(none::none),
            None => ty.base.map(ObjRef::from_type).unwrap_or_else(none::none),
        },
        // None while a class's MRO is being computed (a metaclass's `mro()` sees that).
        "__mro__" => match heap {
            Some(h) => h.ext.mro.get().unwrap_or_else(none::none),
            None => crate::vm::typeready::type_mro(vm, ty)?,
        },
        "__basicsize__" => int(ty.basic_size())?,
        "__itemsize__" => int(ty.item_size())?,
        "__flags__" => int(ty.flags as usize)?,
        "__dictoffset__" => int(heap.and_then(|h| h.ext.dict_slot).map_or(0, |_| 1) * 8)?,
        "__weakrefoffset__" => int(heap.and_then(|h| h.ext.weakref_slot).map_or(0, |_| 1) * 8)?,
        "__text_signature__" => none::none(),
        "__class__" => obj.type_object(),
        "__abstractmethods__" => {
            let found = match heap {
                Some(h) if !std::ptr::eq(ty, &TYPE_TYPE) => {
                    dict::get_str(vm, &h.ext.dict, "__abstractmethods__")?
                }
                _ => None,
            };
            match found {
                Some(v) => v,
                None => {
                    return Err(vm.new_error(
                        &crate::objects::exceptions::ATTRIBUTE_ERROR,
                        "__abstractmethods__",
                    ))
                }
            }
        }
        "__annotations__" => {
            let Some(h) = heap else {
                return Err(attr::no_attribute(vm, obj, name));
            };
            match dict::get_str(vm, &h.ext.dict, "__annotations__")? {
                Some(a) => attr::descr_get(vm, a, None, obj)?,
                None => {
                    let d = dict::new_dict_vm(vm)?;
                    crate::vm::typeready::modified(vm, ty);
                    dict::set_str(vm, &h.ext.dict, "__annotations__", d.clone())?;
                    d
                }
            }
        }
        _ => return Ok(None),
    }))
}

/// The class `obj` as a type and as a heap type, with the attribute name's text: builtin
/// types are immutable (CPython's message).
fn mutable_class<'a>(
    vm: &Vm,
    obj: &'a ObjRef,
    name: &'a ObjRef,
) -> PyResult<(&'a TypeObject, &'a crate::object::HeapTypeObject, &'a str)> {
    let Some(ty) = obj.as_type() else {
        return Err(vm.type_error("expected a type"));
    };
    let n = pystr::as_str(name).unwrap_or("?");
    let Some(h) = ty.heap() else {
        return Err(vm.type_error(&format!(
            "cannot set '{n}' attribute of immutable type '{}'",
            ty.name()
        )));
    };
    Ok((ty, h, n))
}

/// The setter of `type`'s writable getset descriptors (heap types only, as in CPython).
fn type_data_set(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let (ty, h, n) = mutable_class(vm, obj, name)?;
    if n == "__bases__" {
        return crate::objects::setbases::set_bases(vm, obj, value);
    }
    let Some(value) = value else {
        if n == "__abstractmethods__" || n == "__annotations__" {
            crate::vm::typeready::modified(vm, ty);
            if dict::del_item(vm, &h.ext.dict, name)? {
                return Ok(());
            }
            return Err(vm.new_error(&crate::objects::exceptions::ATTRIBUTE_ERROR, n));
        }
        return Err(vm.type_error(&format!(
            "cannot delete '{n}' attribute of immutable type '{}'",
            ty.name()
        )));
    };
    match n {
        "__qualname__" | "__name__" => {
            if !pystr::is_str(&value) {
                return Err(vm.type_error(&format!(
                    "can only assign string to {}.{n}, not '{}'",
                    ty.name(),
                    value.ob_type().name()
                )));
            }
            if n == "__qualname__" {
                drop(h.ext.qualname.replace(Some(value)));
            } else {
                if pystr::as_str(&value).is_some_and(|t| t.contains('\0')) {
                    return Err(vm.value_error("type name must not contain null characters"));
                }
                // An exact str, so the name's text is what `TypeObject::name` lends.
                let exact = pystr::new_str_vm(vm, pystr::as_str(&value).unwrap_or(""))?;
                h.rename(exact).map_err(|e| vm.alloc_err(e))?;
            }
            Ok(())
        }
        _ => {
            crate::vm::typeready::modified(vm, ty);
            dict::set_item(vm, &h.ext.dict, name.clone(), value)
        }
    }
}

macro_rules! type_getsets {
    ($($name:literal $(= $set:ident)?),* $(,)?) => {
        [$(GetSetDef { name: $name, get: type_data_attr, set: type_getsets!(@set $($set)?) }),*]
    };
    (@set) => { None };
    (@set $set:ident) => { Some($set) };
}

static TYPE_GETSET: [GetSetDef; 17] = type_getsets![
    "__name__" = type_data_set,
    "__qualname__" = type_data_set,
    "__bases__" = type_data_set,
    "__mro__",
    "__module__" = type_data_set,
    "__abstractmethods__" = type_data_set,
    "__dict__",
    "__doc__" = type_data_set,
    "__text_signature__",
    "__annotations__" = type_data_set,
    "__base__",
    "__basicsize__",
    "__itemsize__",
    "__flags__",
    "__weakrefoffset__",
    "__dictoffset__",
    "__class__",
];

/// A static type's name without its module (`weakref.ReferenceType` → `ReferenceType`).
fn short_name(ty: &TypeObject) -> &str {
    ty.name().rsplit('.').next().unwrap_or("?")
}

fn type_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    attr::type_getattr(vm, obj, name)
}

/// Setting or deleting an attribute of a class (static types are immutable).
pub fn type_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let (ty, h, n) = mutable_class(vm, obj, name)?;
    if let Some(d) = attr::type_lookup(vm, obj.ob_type(), n)? {
        if attr::is_data_descriptor(vm, &d) {
            if let Some(set) = d.ob_type().slots.descr_set {
                return set(vm, &d, obj, value);
            }
        }
    }
    // Before the dict changes: no cached lookup may outlive the value it names.
    crate::vm::typeready::modified(vm, ty);
    match value {
        Some(v) => dict::set_item(vm, &h.ext.dict, name.clone(), v),
        None => {
            if dict::del_item(vm, &h.ext.dict, name)? {
                Ok(())
            } else {
                Err(attr::no_attribute(vm, obj, n))
            }
        }
    }
}

fn type_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let nkw = kwnames.and_then(tuple::items).map_or(0, |k| k.len());
    match args.len() - nkw {
        1 if nkw == 0 && std::ptr::eq(ty, &TYPE_TYPE) => Ok(args[0].type_object()),
        3 => {
            // The most derived metaclass of the bases builds the class (CPython's
            // `_PyType_CalculateMetaclass` in `type_new`).
            let bases = crate::objects::tuple::items(&args[1])
                .unwrap_or(&[])
                .to_vec();
            let mut winner: &TypeObject = ty;
            for b in &bases {
                let bt = b.ob_type();
                if bt.is_subtype(winner) {
                    winner = bt;
                } else if !winner.is_subtype(bt) {
                    return Err(vm.type_error(
                        "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                    ));
                }
            }
            if !std::ptr::eq(winner, ty) && winner.is_heap_type() {
                let w = ObjRef::from_type_ref(winner);
                return ops::call(vm, &w, args, kwnames);
            }
            crate::objects::classobj::type_new3(vm, winner, args, kwnames)
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn m_mro(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::list::new_list(vm, crate::objects::classmro::c3_of(vm, this)?)
}

fn m_subclasscheck(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [sub] = args else {
        return Err(vm.type_error("__subclasscheck__ takes exactly one argument"));
    };
    let (Some(a), Some(b)) = (sub.as_type(), this.as_type()) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    Ok(boolobj::new_bool(a.is_subtype(b)))
}

fn m_instancecheck(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [obj] = args else {
        return Err(vm.type_error("__instancecheck__ takes exactly one argument"));
    };
    Ok(boolobj::new_bool(
        this.as_type().is_some_and(|t| obj.is_instance(t)),
    ))
}

fn m_subclasses(
    vm: &Vm,
    this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let Some(me) = this.as_type() else {
        return Err(vm.type_error("expected a type"));
    };
    let mut out: Vec<ObjRef> = Vec::new();
    if let Some(h) = me.heap() {
        // A class keeps the list of its subclasses.
        out = h.subclasses();
        return crate::objects::list::new_list(vm, out);
    }
    // Builtin types, then classes (tracked heap objects), in creation order.
    for t in crate::modules::builtins::all_static_types() {
        if t.base.is_some_and(|b| std::ptr::eq(b, me)) && !std::ptr::eq(t, me) {
            out.push(ObjRef::from_type(t));
        }
    }
    for o in crate::object::heap::tracked_objects() {
        let Some(h) = o.as_type().and_then(|t| t.heap()) else {
            continue;
        };
        let direct = h
            .ext
            .bases
            .get()
            .as_ref()
            .and_then(crate::objects::tuple::items)
            .is_some_and(|bs| bs.iter().any(|b| b.is(this)));
        if direct {
            out.push(o.clone());
        }
    }
    crate::objects::list::new_list(vm, out)
}

/// `type.__prepare__(name, bases, **kwds)`: the namespace a class body runs in, a new dict.
fn m_prepare(vm: &Vm, _this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    dict::new_dict_vm(vm)
}

/// `type.__setattr__(cls, name, value)`.
fn type_m_setattr(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 2, "__setattr__")?;
    type_setattr(vm, this, name, Some(args[1].clone()))?;
    Ok(none::none())
}

/// `type.__delattr__(cls, name)`.
fn type_m_delattr(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 1, "__delattr__")?;
    type_setattr(vm, this, name, None)?;
    Ok(none::none())
}

static TYPE_METHODS: [MethodDef; 7] = [
    MethodDef {
        name: "__setattr__",
        func: type_m_setattr,
        flags: 0,
    },
    MethodDef {
        name: "__delattr__",
        func: type_m_delattr,
        flags: 0,
    },
    MethodDef {
        name: "__prepare__",
        func: m_prepare,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "__subclasses__",
        func: m_subclasses,
        flags: 0,
    },
    MethodDef {
        name: "mro",
        func: m_mro,
        flags: 0,
    },
    MethodDef {
        name: "__subclasscheck__",
        func: m_subclasscheck,
        flags: 0,
    },
    MethodDef {
        name: "__instancecheck__",
        func: m_instancecheck,
        flags: 0,
    },
];

/// `type`.
pub static TYPE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "type",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &crate::object::heaptype::HEAP_TYPE_VTABLE,
    slots: Slots {
        repr: Some(type_repr),
        hash: Some(object_hash),
        call: Some(type_call),
        getattr: Some(type_getattr),
        setattr: Some(type_setattr),
        new: Some(type_new),
        number: crate::object::NumberSlots {
            or: Some(crate::objects::union::union_or),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &TYPE_METHODS,
    getset: &TYPE_GETSET,
    doc: "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};
