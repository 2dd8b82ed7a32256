//! `types.UnionType`: `int | str`, usable with `isinstance` and `issubclass`.

use crate::object::CompareOp;
use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a union: its member types (`__args__`), flattened and deduplicated.
pub struct UnionObject {
    args: ObjCell,
}

impl PyPayload for UnionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.args.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`args`), each once, and does nothing else.
unsafe impl crate::object::Traverse for UnionObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.args.traverse(visit)
    }
}

static UNION_VTABLE: PayloadVTable = PayloadVTable::of::<UnionObject>();

/// The member types of a union.
pub fn members(obj: &ObjRef) -> Option<Vec<ObjRef>> {
    let u = obj.downcast::<UnionObject>()?;
    Some(
        u.args
            .get()
            .as_ref()
            .and_then(tuple::items)
            .map(|i| i.to_vec())
            .unwrap_or_default(),
    )
}

fn is_unionable(o: &ObjRef) -> bool {
    none::is_none(o) || o.as_type().is_some() || o.downcast::<UnionObject>().is_some()
}

/// `a | b` for types, None and unions; `NotImplemented` for other operands.
pub fn union_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(none::not_implemented());
    }
    let mut out: Vec<ObjRef> = Vec::new();
    for o in [a, b] {
        let parts = members(o).unwrap_or_else(|| vec![o.clone()]);
        for p in parts {
            let p = if none::is_none(&p) {
                ObjRef::from_type(&none::NONE_TYPE)
            } else {
                p
            };
            if !out.iter().any(|x| x.is(&p)) {
                out.push(p);
            }
        }
    }
    if out.len() == 1 {
        return Ok(out.remove(0));
    }
    let args = tuple::new_tuple(vm, out)?;
    new_object(
        &UNION_TYPE,
        UnionObject {
            args: ObjCell::new(Some(args)),
        },
    )
    .or_mem(vm)
}

fn union_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let mut parts = Vec::new();
    for m in members(obj).unwrap_or_default() {
        if std::ptr::eq(
            m.as_type()
                .map_or(std::ptr::null(), |t| t as *const TypeObject),
            &none::NONE_TYPE,
        ) {
            parts.push("None".to_string());
            continue;
        }
        let module = ops::getattr(vm, &m, "__module__")
            .ok()
            .and_then(|x| pystr::as_str(&x).map(str::to_string));
        let name = ops::getattr(vm, &m, "__qualname__")
            .ok()
            .and_then(|x| pystr::as_str(&x).map(str::to_string))
            .unwrap_or_default();
        parts.push(match module.as_deref() {
            Some("builtins") | None => name,
            Some(md) => format!("{md}.{name}"),
        });
    }
    pystr::new_str_vm(vm, &parts.join(" | "))
}

fn union_getattr(_vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(u) = obj.downcast::<UnionObject>() else {
        return Ok(None);
    };
    Ok(match name {
        "__args__" => u.args.get(),
        _ => None,
    })
}

fn union_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (members(a), members(b)) else {
        return Ok(none::not_implemented());
    };
    let same = x.len() == y.len() && x.iter().all(|m| y.iter().any(|n| n.is(m)));
    let _ = vm;
    match op {
        CompareOp::Eq => Ok(boolobj::new_bool(same)),
        CompareOp::Ne => Ok(boolobj::new_bool(!same)),
        _ => Ok(none::not_implemented()),
    }
}

fn union_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let mut h: i64 = 0x345678;
    for m in members(obj).unwrap_or_default() {
        h ^= m.addr() as i64;
    }
    Ok(h)
}

/// `types.UnionType`.
pub static UNION_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "types.UnionType",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &UNION_VTABLE,
    slots: Slots {
        repr: Some(union_repr),
        getattr: Some(union_getattr),
        richcompare: Some(union_richcompare),
        hash: Some(union_hash),
        number: crate::object::NumberSlots {
            or: Some(union_or),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Represent a PEP 604 union type",
};
