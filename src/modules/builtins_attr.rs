//! The attribute builtins: `getattr`, `hasattr`, `setattr`, `delattr`.
//!
//! Attribute names are str objects, and a str may hold a lone surrogate (`'\udcff'`). Such a
//! name cannot be spelled as Rust text, so the lookups by text that the rest of the
//! interpreter uses cannot see it; it is looked up by key instead: in the instance
//! `__dict__` and the class's MRO (`attr::fast_getattr`/`fast_setattr`), and handed as the str
//! object itself to a class's own `__getattr__`, `__getattribute__`, `__setattr__` or
//! `__delattr__`. No builtin type has such an attribute, so for them the lookup fails as in
//! CPython, with the name in the message and in `AttributeError.name`.

use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::objects::wtf8::Wtf8;
use crate::objects::{boolobj, dict, exceptions, none, str as pystr};
use crate::vm::args::no_kwargs;
use crate::vm::{attr, ops, typeready, PyResult, Vm};

/// The attribute builtins, for the builtins module's table.
pub static FUNCTIONS: [BuiltinDef; 4] = [
    BuiltinDef {
        name: "getattr",
        func: b_getattr,
    },
    BuiltinDef {
        name: "hasattr",
        func: b_hasattr,
    },
    BuiltinDef {
        name: "setattr",
        func: b_setattr,
    },
    BuiltinDef {
        name: "delattr",
        func: b_delattr,
    },
];

/// An attribute name: plain text, or a str holding a lone surrogate.
enum Name<'a> {
    Text(&'a str),
    Surrogates(&'a ObjRef),
}

fn attr_name<'a>(vm: &Vm, name: &'a ObjRef) -> PyResult<Name<'a>> {
    if let Some(s) = pystr::as_str(name) {
        return Ok(Name::Text(s));
    }
    if pystr::is_str(name) {
        return Ok(Name::Surrogates(name));
    }
    Err(vm.type_error(&format!(
        "attribute name must be string, not '{}'",
        name.ob_type().name()
    )))
}

/// `getattr(obj, name)` for any name (a str object; other objects raise `TypeError`).
pub fn get(vm: &Vm, obj: &ObjRef, name: &ObjRef) -> PyResult<ObjRef> {
    match attr_name(vm, name)? {
        Name::Text(n) => ops::getattr(vm, obj, n),
        Name::Surrogates(key) => get_by_key(vm, obj, key),
    }
}

/// The lookup of a name that only a dict key can hold.
fn get_by_key(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    if let Some(v) = attr::fast_getattr(vm, obj, key)? {
        return Ok(v);
    }
    let ty = obj.ob_type();
    if ty.is_heap_type() && obj.as_type().is_none() {
        // The class's own hooks receive the name object itself.
        for hook in ["__getattribute__", "__getattr__"] {
            if attr::defined_in_heap_class(vm, ty, hook)? {
                if let Some(f) = attr::lookup_special(vm, obj, hook)? {
                    match ops::call(vm, &f, std::slice::from_ref(key), None) {
                        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => {
                            if hook == "__getattr__" {
                                return Err(e);
                            }
                        }
                        other => return other,
                    }
                }
            }
        }
    }
    if let Some(t) = obj.as_type() {
        if let Some(v) = attr::type_lookup_key(vm, t, key)? {
            return attr::descr_get(vm, v, None, obj);
        }
    }
    Err(no_attribute(vm, obj, key))
}

/// CPython's `AttributeError` for `key` on `obj`, with `name` and `obj` recorded.
fn no_attribute(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> crate::vm::PyErr {
    let err = no_attribute_unrecorded(vm, obj, key);
    for (field, value) in [("name", key), ("obj", obj)] {
        // Without memory for the fields the error simply carries none.
        let _ = exceptions::set_field(
            &err.exc,
            exceptions::ATTRIBUTE_ERROR_FIELDS,
            field,
            Some(value.clone()),
        );
    }
    err
}

/// The same error without `name` and `obj`.
fn no_attribute_unrecorded(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> crate::vm::PyErr {
    let head = match obj.as_type() {
        Some(t) => format!("type object '{}' has no attribute '", t.name()),
        None => format!("'{}' object has no attribute '", obj.ob_type().name()),
    };
    let name = pystr::as_text(key).unwrap_or(Wtf8::of_str("?"));
    vm.new_error_text(
        &exceptions::ATTRIBUTE_ERROR,
        &[Wtf8::of_str(&head), name, Wtf8::of_str("'")],
    )
}

/// `setattr(obj, name, value)`, or `delattr(obj, name)` when `value` is `None`.
fn set(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    if let Name::Text(_) = attr_name(vm, name)? {
        return ops::setattr(vm, obj, name, value.cloned());
    }
    let ty = obj.ob_type();
    let hook = if value.is_some() {
        "__setattr__"
    } else {
        "__delattr__"
    };
    if let Some(t) = obj.as_type() {
        return set_on_class(vm, obj, t, name, value);
    }
    if ty.is_heap_type() {
        if attr::defined_in_heap_class(vm, ty, hook)? {
            if let Some(f) = attr::lookup_special(vm, obj, hook)? {
                let mut args = vec![name.clone()];
                args.extend(value.cloned());
                return ops::call(vm, &f, &args, None).map(drop);
            }
        }
        match value {
            Some(v) if attr::fast_setattr(vm, obj, name, v)? => return Ok(()),
            None if attr::instance_del(vm, obj, name)? => return Ok(()),
            _ => {}
        }
    }
    match value {
        Some(_) => Err(no_attribute(vm, obj, name)),
        // A failed delete names nothing (CPython's generic `__delattr__`).
        None => Err(no_attribute_unrecorded(vm, obj, name)),
    }
}

/// `setattr`/`delattr` of a surrogate name on a class: its dict changes (a builtin type's
/// cannot).
fn set_on_class(
    vm: &Vm,
    cls: &ObjRef,
    t: &crate::object::TypeObject,
    name: &ObjRef,
    value: Option<&ObjRef>,
) -> PyResult<()> {
    if !t.is_heap_type() {
        let r = ops::repr_string(vm, name)?;
        return Err(vm.type_error(&format!(
            "cannot set {r} attribute of immutable type '{}'",
            t.name()
        )));
    }
    // Before the dict changes: no cached lookup may outlive the value it names.
    typeready::modified(vm, t);
    let d = typeready::type_dict(vm, t)?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v.clone()),
        None if dict::del_item(vm, &d, name)? => Ok(()),
        None => Err(no_attribute_unrecorded(vm, cls, name)),
    }
}

fn b_getattr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "getattr", kwnames)?;
    match args {
        [obj, name] => get(vm, obj, name),
        [obj, name, default] => match get(vm, obj, name) {
            Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(default.clone()),
            other => other,
        },
        _ => Err(vm.type_error(&format!(
            "getattr expected 2 or 3 arguments, got {}",
            args.len()
        ))),
    }
}

fn b_hasattr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "hasattr", kwnames)?;
    let [obj, name] = args else {
        return Err(vm.type_error(&format!("hasattr expected 2 arguments, got {}", args.len())));
    };
    match get(vm, obj, name) {
        Ok(_) => Ok(boolobj::new_bool(true)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(boolobj::new_bool(false)),
        Err(e) => Err(e),
    }
}

fn b_setattr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "setattr", kwnames)?;
    let [obj, name, value] = args else {
        return Err(vm.type_error(&format!("setattr expected 3 arguments, got {}", args.len())));
    };
    set(vm, obj, name, Some(value))?;
    Ok(none::none())
}

fn b_delattr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_kwargs(vm, "delattr", kwnames)?;
    let [obj, name] = args else {
        return Err(vm.type_error(&format!("delattr expected 2 arguments, got {}", args.len())));
    };
    set(vm, obj, name, None)?;
    Ok(none::none())
}
