//! `type` and `object`: the roots of the type hierarchy.

use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::{boolobj, dict, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{attr, ops, PyResult, Vm};

/// Payload of plain `object()` instances (and of instances of classes based on `object`).
pub struct ObjectPayload;
impl PyPayload for ObjectPayload {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(ObjectPayload);
static OBJECT_VTABLE: PayloadVTable = PayloadVTable::of::<ObjectPayload>();

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
        None => ty.name().to_string(),
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

/// The data attributes every type object has (`__name__`, `__mro__`, ...).
pub fn type_data_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(ty) = obj.as_type() else {
        return Ok(None);
    };
    let heap = ty.heap();
    Ok(Some(match name {
        "__name__" => match heap {
            Some(h) => h.ext.name.clone(),
            None => pystr::new_str_vm(vm, short_name(ty))?,
        },
        "__qualname__" => match heap.and_then(|h| h.ext.qualname.get()) {
            Some(q) => q,
            None => pystr::new_str_vm(vm, short_name(ty))?,
        },
        "__module__" => type_module(vm, ty)?.unwrap_or_else(none::none),
        "__doc__" => match heap {
            Some(h) => dict::get_str(vm, &h.ext.dict, "__doc__")?.unwrap_or_else(none::none),
            None if ty.doc.is_empty() => none::none(),
            None => pystr::new_str_vm(vm, ty.doc)?,
        },
        "__dict__" => match heap {
            Some(h) => h.ext.dict.clone(),
            None => static_dict(vm, ty)?,
        },
        "__bases__" => match heap.and_then(|h| h.ext.bases.get()) {
            Some(b) => b,
            None => tuple::new_tuple(vm, ty.base.map(ObjRef::from_type).into_iter().collect())?,
        },
        "__base__" => match heap {
            Some(h) => h.ext.base.clone(),
            None => ty.base.map(ObjRef::from_type).unwrap_or_else(none::none),
        },
        "__mro__" => tuple::new_tuple(vm, crate::objects::classobj::mro_of(obj))?,
        "__class__" => obj.type_object(),
        _ => return Ok(None),
    }))
}

/// A static type's name without its module (`weakref.ReferenceType` → `ReferenceType`).
fn short_name(ty: &TypeObject) -> &str {
    ty.name().rsplit('.').next().unwrap_or("?")
}

/// A dict of a static type's methods (its `__dict__` as far as arenapy models it).
fn static_dict(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    let owner = ObjRef::from_type_ref(ty);
    for m in ty.methods {
        let descr = crate::objects::descr::new_method_descriptor(vm, m, owner.clone())?;
        dict::set_str(vm, &d, m.name, descr)?;
    }
    Ok(d)
}

fn type_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(v) = attr::type_getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    type_data_attr(vm, obj, name)
}

/// Setting or deleting an attribute of a class (static types are immutable).
pub fn type_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
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
    if let Some(d) = attr::type_lookup_object(vm, obj.ob_type(), n)? {
        if attr::is_data_descriptor(vm, &d) {
            if let Some(set) = d.ob_type().slots.descr_set {
                return set(vm, &d, obj, value);
            }
        }
    }
    if matches!(
        n,
        "__getattribute__" | "__getattr__" | "__setattr__" | "__delattr__"
    ) {
        attr::invalidate_special_hooks();
    }
    match (n, value) {
        ("__qualname__", Some(v)) => {
            drop(h.ext.qualname.replace(Some(v)));
            Ok(())
        }
        (_, Some(v)) => dict::set_item(vm, &h.ext.dict, name.clone(), v),
        (_, None) => {
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
    crate::objects::list::new_list(vm, crate::objects::classobj::mro_of(this))
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

static TYPE_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "__subclasses__",
        func: m_subclasses,
    },
    MethodDef {
        name: "mro",
        func: m_mro,
    },
    MethodDef {
        name: "__subclasscheck__",
        func: m_subclasscheck,
    },
    MethodDef {
        name: "__instancecheck__",
        func: m_instancecheck,
    },
];

fn object_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    if obj.ob_type().is_heap_type() {
        return crate::vm::dunder::heap_object_repr(vm, obj);
    }
    pystr::new_str_vm(
        vm,
        &format!("<{} object at {:#x}>", obj.ob_type().name(), obj.addr()),
    )
}

pub(crate) fn object_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    // CPython: the address rotated right by 4 bits.
    Ok(obj.addr().rotate_right(4) as i64)
}

fn object_richcompare(
    _vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    use crate::object::CompareOp;
    Ok(match op {
        CompareOp::Eq if a.is(b) => boolobj::new_bool(true),
        CompareOp::Ne if a.is(b) => boolobj::new_bool(false),
        _ => none::not_implemented(),
    })
}

/// `type`.
pub static TYPE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
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
    doc: "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

fn m_init(_vm: &Vm, _this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(none::none())
}

fn name_arg<'a>(vm: &Vm, args: &'a [ObjRef], n: usize, what: &str) -> PyResult<&'a ObjRef> {
    if args.len() != n {
        return Err(vm.type_error(&format!("expected {} arguments, got {}", n, args.len())));
    }
    if pystr::as_str(&args[0]).is_none() {
        return Err(vm.type_error(&format!(
            "attribute name must be string, not '{}'",
            args[0].ob_type().name()
        )));
    }
    let _ = what;
    Ok(&args[0])
}

fn m_getattribute(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 1, "__getattribute__")?;
    let n = pystr::as_str(name).unwrap_or("");
    let found = if this.as_type().is_some() {
        match attr::type_getattr(vm, this, n)? {
            Some(v) => Some(v),
            None => type_data_attr(vm, this, n)?,
        }
    } else if this.ob_type().is_heap_type() {
        attr::generic_getattr(vm, this, n)?
    } else {
        return ops::getattr(vm, this, n);
    };
    found.ok_or_else(|| attr::no_attribute(vm, this, n))
}

fn m_setattr(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 2, "__setattr__")?;
    if this.as_type().is_some() {
        type_setattr(vm, this, name, Some(args[1].clone()))?;
    } else {
        attr::generic_setattr(vm, this, name, Some(args[1].clone()))?;
    }
    Ok(none::none())
}

fn m_delattr(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 1, "__delattr__")?;
    if this.as_type().is_some() {
        type_setattr(vm, this, name, None)?;
    } else {
        attr::generic_setattr(vm, this, name, None)?;
    }
    Ok(none::none())
}

fn m_repr(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    object_repr(vm, this)
}

fn m_str(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::repr(vm, this)
}

fn m_hash(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::int::new_int(vm, object_hash(vm, this)?)
}

fn m_eq(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [other] = args else {
        return Err(vm.type_error("expected 1 argument"));
    };
    Ok(if this.is(other) {
        boolobj::new_bool(true)
    } else {
        none::not_implemented()
    })
}

fn m_ne(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [other] = args else {
        return Err(vm.type_error("expected 1 argument"));
    };
    let r = ops::richcompare(vm, this, other, crate::object::CompareOp::Eq)?;
    if none::is_not_implemented(&r) {
        return Ok(r);
    }
    Ok(boolobj::new_bool(!ops::truthy(vm, &r)?))
}

fn m_format(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let spec = args.first().and_then(pystr::as_str).unwrap_or("");
    if !spec.is_empty() {
        return Err(vm.type_error(&format!(
            "unsupported format string passed to {}.__format__",
            this.ob_type().name()
        )));
    }
    ops::str(vm, this)
}

fn m_init_subclass(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if !args.is_empty() || _kw.is_some_and(|k| tuple::items(k).is_some_and(|k| !k.is_empty())) {
        return Err(vm.type_error(&format!(
            "{}.__init_subclass__() takes no keyword arguments",
            this.as_type().map_or("?", |t| t.name())
        )));
    }
    Ok(none::none())
}

fn m_dir(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::modules::builtins::dir_of(vm, this)
}

fn m_sizeof(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::int::new_int(vm, this.block_size() as i64)
}

static OBJECT_METHODS: [MethodDef; 13] = [
    MethodDef {
        name: "__init__",
        func: m_init,
    },
    MethodDef {
        name: "__getattribute__",
        func: m_getattribute,
    },
    MethodDef {
        name: "__setattr__",
        func: m_setattr,
    },
    MethodDef {
        name: "__delattr__",
        func: m_delattr,
    },
    MethodDef {
        name: "__repr__",
        func: m_repr,
    },
    MethodDef {
        name: "__str__",
        func: m_str,
    },
    MethodDef {
        name: "__hash__",
        func: m_hash,
    },
    MethodDef {
        name: "__eq__",
        func: m_eq,
    },
    MethodDef {
        name: "__ne__",
        func: m_ne,
    },
    MethodDef {
        name: "__format__",
        func: m_format,
    },
    MethodDef {
        name: "__init_subclass__",
        func: m_init_subclass,
    },
    MethodDef {
        name: "__dir__",
        func: m_dir,
    },
    MethodDef {
        name: "__sizeof__",
        func: m_sizeof,
    },
];

/// `object`.
pub static OBJECT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "object",
    base: None,
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &OBJECT_VTABLE,
    slots: Slots {
        repr: Some(object_repr),
        hash: Some(object_hash),
        richcompare: Some(object_richcompare),
        new: Some(object_new),
        ..Slots::EMPTY
    },
    methods: &OBJECT_METHODS,
    doc: "The base class of the class hierarchy.",
};

/// A new plain `object()`.
pub fn new_object_instance(vm: &Vm) -> PyResult<ObjRef> {
    new_object(&OBJECT_TYPE, ObjectPayload).or_mem(vm)
}

fn object_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if !ty.is_heap_type() && (!args.is_empty() || kwnames.is_some()) {
        return Err(vm.type_error("object() takes no arguments"));
    }
    if !std::ptr::eq(ty.payload, &OBJECT_VTABLE) {
        let base = crate::objects::classobj::static_base(ty).name().to_string();
        return Err(vm.type_error(&format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            ty.name(),
            base
        )));
    }
    new_object(ty, ObjectPayload).or_mem(vm)
}
