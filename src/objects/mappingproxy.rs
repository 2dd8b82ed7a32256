//! `mappingproxy` (`types.MappingProxyType`): a read-only view of a mapping; what `cls.__dict__`
//! returns, so a class's namespace changes only through attribute assignment (which keeps the
//! method cache right).

use crate::object::{
    new_object, CompareOp, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload: the mapping viewed.
pub struct MappingProxy {
    mapping: ObjRef,
}

impl PyPayload for MappingProxy {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`mapping`), each once, and does nothing else.
unsafe impl crate::object::Traverse for MappingProxy {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.mapping);
    }
}

static MAPPINGPROXY_VTABLE: PayloadVTable = PayloadVTable::of::<MappingProxy>();

/// A read-only view of `mapping`.
pub fn new_mappingproxy(vm: &Vm, mapping: ObjRef) -> PyResult<ObjRef> {
    new_object(&MAPPINGPROXY_TYPE, MappingProxy { mapping }).or_mem(vm)
}

fn target(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    p.downcast::<MappingProxy>()
        .map(|m| m.mapping.clone())
        .ok_or_else(|| vm.type_error("expected a mappingproxy"))
}

fn mp_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let nkw = kwnames.and_then(tuple::items).map_or(0, |k| k.len());
    let pos = &args[..args.len() - nkw];
    if nkw == 1 && pos.is_empty() {
        let names = kwnames.and_then(tuple::items).unwrap_or(&[]);
        if pystr::as_str(&names[0]) == Some("mapping") {
            return mp_new(vm, _ty, &args[..1], None);
        }
    }
    let [mapping] = pos else {
        return Err(vm.type_error(&format!(
            "mappingproxy() takes exactly one argument ({} given)",
            pos.len()
        )));
    };
    let t = mapping.ob_type();
    let is_sequence = t.is_subtype(&crate::objects::list::LIST_TYPE)
        || t.is_subtype(&crate::objects::tuple::TUPLE_TYPE);
    let has_getitem = crate::vm::attr::type_lookup(vm, t, "__getitem__")?.is_some();
    if is_sequence || !has_getitem {
        return Err(vm.type_error(&format!(
            "mappingproxy() argument must be a mapping, not {}",
            t.name()
        )));
    }
    new_mappingproxy(vm, mapping.clone())
}

fn mp_getitem(vm: &Vm, p: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    ops::getitem(vm, &target(vm, p)?, key)
}

fn mp_len(vm: &Vm, p: &ObjRef) -> PyResult<usize> {
    let m = target(vm, p)?;
    match m.ob_type().slots.len {
        Some(f) => f(vm, &m),
        None => Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            m.ob_type().name()
        ))),
    }
}

fn mp_contains(vm: &Vm, p: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    ops::contains(vm, &target(vm, p)?, key)
}

fn mp_iter(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::iter(vm, &target(vm, p)?)
}

fn mp_repr(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    let inner = ops::repr_string(vm, &target(vm, p)?)?;
    pystr::new_str_vm(vm, &format!("mappingproxy({inner})"))
}

fn mp_str(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::str(vm, &target(vm, p)?)
}

fn mp_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    ops::richcompare(vm, &target(vm, a)?, b, op)
}

fn mp_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let a = match a.downcast::<MappingProxy>() {
        Some(m) => m.mapping.clone(),
        None => a.clone(),
    };
    let b = match b.downcast::<MappingProxy>() {
        Some(m) => m.mapping.clone(),
        None => b.clone(),
    };
    ops::binary_op(vm, &a, &b, crate::object::BinaryOp::Or, false)
}

fn mp_ior(vm: &Vm, a: &ObjRef, _b: &ObjRef) -> PyResult<ObjRef> {
    Err(vm.type_error(&format!(
        "'|=' is not supported by {}; use '|' instead",
        a.ob_type().name()
    )))
}

/// Calls method `name` of the mapping viewed.
fn forward(
    vm: &Vm,
    p: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let m = target(vm, p)?;
    let f = ops::getattr(vm, &m, name)?;
    ops::call(vm, &f, args, kw)
}

fn m_keys(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "keys", a, k)?;
    forward(vm, p, "keys", &[], None)
}
fn m_values(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "values", a, k)?;
    forward(vm, p, "values", &[], None)
}
fn m_items(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "items", a, k)?;
    forward(vm, p, "items", &[], None)
}
fn m_copy(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "copy", a, k)?;
    forward(vm, p, "copy", &[], None)
}
fn m_get(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    if k.and_then(tuple::items).is_some_and(|k| !k.is_empty()) {
        return Err(vm.type_error("get() takes no keyword arguments"));
    }
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(&format!(
            "get expected at least 1 argument, got {}",
            a.len()
        )));
    }
    let m = target(vm, p)?;
    if std::ptr::eq(m.ob_type(), &dict::DICT_TYPE) {
        return Ok(dict::get_item(vm, &m, &a[0])?
            .unwrap_or_else(|| a.get(1).cloned().unwrap_or_else(none::none)));
    }
    forward(vm, p, "get", a, None)
}
fn m_reversed(vm: &Vm, p: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__reversed__", a, k)?;
    forward(vm, p, "__reversed__", &[], None)
}

static MAPPINGPROXY_METHODS: [MethodDef; 7] = [
    crate::class_getitem_def!("mappingproxy"),
    MethodDef {
        name: "get",
        func: m_get,
        flags: 0,
    },
    MethodDef {
        name: "keys",
        func: m_keys,
        flags: 0,
    },
    MethodDef {
        name: "values",
        func: m_values,
        flags: 0,
    },
    MethodDef {
        name: "items",
        func: m_items,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: m_copy,
        flags: 0,
    },
    MethodDef {
        name: "__reversed__",
        func: m_reversed,
        flags: 0,
    },
];

/// `mappingproxy`.
pub static MAPPINGPROXY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "mappingproxy",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MAPPINGPROXY_VTABLE,
    slots: Slots {
        repr: Some(mp_repr),
        str: Some(mp_str),
        richcompare: Some(mp_richcompare),
        len: Some(mp_len),
        getitem: Some(mp_getitem),
        contains: Some(mp_contains),
        iter: Some(mp_iter),
        new: Some(mp_new),
        number: crate::object::NumberSlots {
            or: Some(mp_or),
            inplace_or: Some(mp_ior),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &MAPPINGPROXY_METHODS,
    doc: "",
};
