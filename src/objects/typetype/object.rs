//! `object`: the root of every class, its methods and `object()` instances.

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::{boolobj, dict, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{attr, ops, PyResult, Vm};

use super::{type_data_attr, TYPE_TYPE};

/// Payload of plain `object()` instances (and of instances of classes based on `object`).
pub struct ObjectPayload;
impl PyPayload for ObjectPayload {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(ObjectPayload);
static OBJECT_VTABLE: PayloadVTable = PayloadVTable::of::<ObjectPayload>();

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

pub(super) fn name_arg<'a>(
    vm: &Vm,
    args: &'a [ObjRef],
    n: usize,
    what: &str,
) -> PyResult<&'a ObjRef> {
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

/// A new instance of class `ty` laid out as a plain object (inline values, `__slots__`), as
/// `object.__new__` makes it but without its argument and abstract-class checks: for callers
/// that proved them under the class's version tag (`CALL_ALLOC_AND_ENTER_INIT`). `None` when
/// instances of `ty` are not plain objects.
pub fn alloc_plain_instance(vm: &Vm, ty: &TypeObject) -> Option<PyResult<ObjRef>> {
    std::ptr::eq(ty.payload, &OBJECT_VTABLE).then(|| new_object(ty, ObjectPayload).or_mem(vm))
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
