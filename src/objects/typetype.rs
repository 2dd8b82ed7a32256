//! `type` and `object`: the roots of the type hierarchy.

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
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

fn object_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    if obj.ob_type().is_heap_type() {
        return crate::vm::dunder::heap_object_repr(vm, obj);
    }
    pystr::new_str_vm(
        vm,
        &format!("<{} object at {:#x}>", obj.ob_type().name(), obj.addr()),
    )
}

/// `object.__hash__`: the address, rotated as CPython does.
pub fn object_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
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

/// `object.__init__(self, *args, **kwargs)`: extra arguments are an error unless the type
/// overrides `__init__` but not `__new__` (CPython's `object_init`).
fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let ty = this.ob_type();
    // Only for instances laid out as plain objects: builtin types that take arguments reach
    // here where CPython has their own `__init__` (`weakref.ref`).
    if !args.is_empty() && std::ptr::eq(crate::objects::classobj::static_base(ty), &OBJECT_TYPE) {
        if overrides_object(vm, ty, "__init__")? {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if !overrides_object(vm, ty, "__new__")? {
            return Err(vm.type_error(&format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                ty.name()
            )));
        }
    }
    Ok(none::none())
}

/// Whether `ty` finds another `name` than `object`'s own along its MRO.
fn overrides_object(vm: &Vm, ty: &TypeObject, name: &str) -> PyResult<bool> {
    let own = crate::vm::attr::type_lookup(vm, ty, name)?;
    let base = crate::vm::attr::type_lookup(vm, &OBJECT_TYPE, name)?;
    Ok(match (own, base) {
        (Some(a), Some(b)) => !a.is(&b),
        _ => true,
    })
}

fn name_arg<'a>(vm: &Vm, args: &'a [ObjRef], n: usize, what: &str) -> PyResult<&'a ObjRef> {
    if args.len() != n {
        return Err(vm.type_error(&format!("expected {} arguments, got {}", n, args.len())));
    }
    if !pystr::is_str(&args[0]) {
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
    let found = || -> PyResult<Option<ObjRef>> {
        if this.as_type().is_some() {
            match attr::type_getattr(vm, this, n)? {
                Some(v) => Ok(Some(v)),
                None => type_data_attr(vm, this, n),
            }
        } else if this.ob_type().is_heap_type() {
            attr::generic_getattr(vm, this, n)
        } else {
            ops::getattr(vm, this, n).map(Some)
        }
    };
    // A miss records the name and the object (`e.name`, `e.obj`), as any attribute lookup.
    found()
        .and_then(|v| v.ok_or_else(|| attr::no_attribute(vm, this, n)))
        .map_err(|e| ops::attr_error_context(vm, e, this, n))
}

fn m_setattr(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 2, "__setattr__")?;
    if this.as_type().is_some() {
        // `type` sets attributes its own way (CPython's `hackcheck`).
        return Err(vm.type_error(&format!(
            "can't apply this __setattr__ to {} object",
            this.ob_type().name()
        )));
    } else {
        attr::generic_setattr(vm, this, name, Some(args[1].clone()))?;
    }
    Ok(none::none())
}

fn m_delattr(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = name_arg(vm, args, 1, "__delattr__")?;
    if this.as_type().is_some() {
        // `type` sets attributes its own way (CPython's `hackcheck`).
        return Err(vm.type_error(&format!(
            "can't apply this __delattr__ to {} object",
            this.ob_type().name()
        )));
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

fn m_subclasshook(
    _vm: &Vm,
    _this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    Ok(none::not_implemented())
}

/// `object.__getstate__()` (3.11): the instance dict (None when empty), paired with a dict of
/// the set `__slots__` values when the class has slots.
fn m_getstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__getstate__", args, kw)?;
    crate::objects::reduce::default_getstate(vm, this, false)
}

fn m_sizeof(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::objects::int::new_int(vm, this.block_size() as i64)
}

static OBJECT_METHODS: [MethodDef; 17] = [
    MethodDef {
        name: "__reduce_ex__",
        func: crate::objects::reduce::m_reduce_ex,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: crate::objects::reduce::m_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__subclasshook__",
        func: m_subclasshook,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "__getstate__",
        func: m_getstate,
        flags: 0,
    },
    MethodDef {
        name: "__init__",
        func: m_init,
        flags: 0,
    },
    MethodDef {
        name: "__getattribute__",
        func: m_getattribute,
        flags: 0,
    },
    MethodDef {
        name: "__setattr__",
        func: m_setattr,
        flags: 0,
    },
    MethodDef {
        name: "__delattr__",
        func: m_delattr,
        flags: 0,
    },
    MethodDef {
        name: "__repr__",
        func: m_repr,
        flags: 0,
    },
    MethodDef {
        name: "__str__",
        func: m_str,
        flags: 0,
    },
    MethodDef {
        name: "__hash__",
        func: m_hash,
        flags: 0,
    },
    MethodDef {
        name: "__eq__",
        func: m_eq,
        flags: 0,
    },
    MethodDef {
        name: "__ne__",
        func: m_ne,
        flags: 0,
    },
    MethodDef {
        name: "__format__",
        func: m_format,
        flags: 0,
    },
    MethodDef {
        name: "__init_subclass__",
        func: m_init_subclass,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "__dir__",
        func: m_dir,
        flags: 0,
    },
    MethodDef {
        name: "__sizeof__",
        func: m_sizeof,
        flags: 0,
    },
];

fn object_class(_vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(obj.type_object()))
}

static OBJECT_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "__class__",
    get: object_class,
    set: Some(crate::objects::setclass::object_set_class),
}];

/// `object`.
pub static OBJECT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &OBJECT_GETSET,
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
    // Extra arguments are an error unless the type overrides `__init__` but not `__new__`
    // (CPython's `object_new`).
    if !args.is_empty() || kwnames.is_some_and(|k| tuple::items(k).is_some_and(|k| !k.is_empty())) {
        if overrides_object(vm, ty, "__new__")? {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if !overrides_object(vm, ty, "__init__")? {
            return Err(vm.type_error(&format!("{}() takes no arguments", ty.name())));
        }
    }
    if !std::ptr::eq(ty.payload, &OBJECT_VTABLE) {
        let base = crate::objects::classobj::static_base(ty).name().to_string();
        return Err(vm.type_error(&format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            ty.name(),
            base
        )));
    }
    check_not_abstract(vm, ty)?;
    new_object(ty, ObjectPayload).or_mem(vm)
}

/// `TypeError` if the class's own `__abstractmethods__` is non-empty (CPython's
/// `Py_TPFLAGS_IS_ABSTRACT`, set when the attribute is assigned on that class).
fn check_not_abstract(vm: &Vm, ty: &TypeObject) -> PyResult<()> {
    let Some(h) = ty.heap() else {
        return Ok(());
    };
    let Some(abstracts) = dict::get_str(vm, &h.ext.dict, "__abstractmethods__")? else {
        return Ok(());
    };
    if !ops::truthy(vm, &abstracts)? {
        return Ok(());
    }
    let mut names = Vec::new();
    for n in ops::collect_iterable(vm, &abstracts)? {
        names.push(ops::str_string(vm, &n)?);
    }
    names.sort();
    Err(vm.type_error(&format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        ty.name(),
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    )))
}
