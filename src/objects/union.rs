//! `types.UnionType`: `int | str`, usable with `isinstance` and `issubclass`.

use crate::object::CompareOp;
use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, exceptions, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a union: its member types (`__args__`), flattened and deduplicated.
pub struct UnionObject {
    args: ObjCell,
    /// `__parameters__`, computed on first use.
    parameters: ObjCell,
}

impl PyPayload for UnionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.args, &self.parameters]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`args`, `parameters`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for UnionObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.args.traverse(visit);
        self.parameters.traverse(visit);
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
    none::is_none(o)
        || o.as_type().is_some()
        || o.downcast::<UnionObject>().is_some()
        || crate::objects::genericalias::is_generic_alias(o)
}

/// Whether `a` and `b` are the same member: identical, or equal generic aliases.
fn same_member(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    use crate::objects::genericalias::is_generic_alias;
    if is_generic_alias(a) && is_generic_alias(b) {
        return ops::eq(vm, a, b);
    }
    Ok(false)
}

/// The union of `members` (flattened, deduplicated): the one member itself when only one is
/// left.
pub fn make_union(vm: &Vm, members: &[ObjRef]) -> PyResult<ObjRef> {
    let mut out: Vec<ObjRef> = Vec::new();
    for o in members {
        let parts = members_of(o).unwrap_or_else(|| vec![o.clone()]);
        for p in parts {
            let p = if none::is_none(&p) {
                ObjRef::from_type(&none::NONE_TYPE)
            } else {
                p
            };
            let mut dup = false;
            for x in &out {
                if same_member(vm, x, &p)? {
                    dup = true;
                    break;
                }
            }
            if !dup {
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
            parameters: ObjCell::new(None),
        },
    )
    .or_mem(vm)
}

fn members_of(obj: &ObjRef) -> Option<Vec<ObjRef>> {
    members(obj)
}

/// `a | b` for types, None, generic aliases and unions; `NotImplemented` for other operands.
pub fn union_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(none::not_implemented());
    }
    make_union(vm, &[a.clone(), b.clone()])
}

fn union_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let mut parts = Vec::new();
    for m in members(obj).unwrap_or_default() {
        let is_none_type = m
            .as_type()
            .is_some_and(|t| std::ptr::eq(t, &none::NONE_TYPE));
        if is_none_type {
            parts.push("None".to_string());
            continue;
        }
        parts.push(crate::objects::genericalias::repr_item(vm, &m)?);
    }
    pystr::new_str_vm(vm, &parts.join(" | "))
}

fn parameters(vm: &Vm, u: &UnionObject) -> PyResult<ObjRef> {
    if let Some(p) = u.parameters.get() {
        return Ok(p);
    }
    let args = u
        .args
        .get()
        .as_ref()
        .and_then(tuple::items)
        .map(|i| i.to_vec())
        .unwrap_or_default();
    let params = crate::objects::genericalias::collect_parameters(vm, &args)?;
    let p = tuple::new_tuple(vm, params)?;
    drop(u.parameters.replace(Some(p.clone())));
    Ok(p)
}

fn union_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(u) = obj.downcast::<UnionObject>() else {
        return Ok(None);
    };
    Ok(match name {
        "__args__" => u.args.get(),
        "__parameters__" => Some(parameters(vm, u)?),
        // What `typing` reads off an instance: the class's module, `types`.
        "__module__" => Some(ops::getattr(vm, &obj.type_object(), "__module__")?),
        _ => None,
    })
}

fn union_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, _value: Option<ObjRef>) -> PyResult<()> {
    let n = pystr::as_str(name).unwrap_or("?");
    Err(match n {
        "__args__" => vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute"),
        "__parameters__" => vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("attribute '{n}' of 'types.UnionType' objects is not writable"),
        ),
        _ => vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("'{}' object has no attribute '{n}'", obj.ob_type().name()),
        ),
    })
}

/// The data attributes of `types.UnionType`.
static UNION_GETSET: [crate::object::GetSetDef; 2] = [
    crate::object::GetSetDef {
        name: "__args__",
        get: union_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__parameters__",
        get: union_getattr,
        set: None,
    },
];

/// The members as a frozenset (equality and hash ignore their order).
fn member_set(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let args = tuple::new_tuple(vm, members(obj).unwrap_or_default())?;
    crate::objects::set::new_set_of_type(vm, &crate::objects::set::FROZENSET_TYPE, Some(&args))
}

fn union_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if members(a).is_none() || members(b).is_none() {
        return Ok(none::not_implemented());
    }
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let same = ops::eq(vm, &member_set(vm, a)?, &member_set(vm, b)?)?;
    Ok(boolobj::new_bool(same == matches!(op, CompareOp::Eq)))
}

fn union_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    ops::hash(vm, &member_set(vm, obj)?)
}

/// `union[...]`: substitutes the union's type variables.
fn union_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let u = obj
        .downcast::<UnionObject>()
        .ok_or_else(|| vm.type_error("expected a union"))?;
    let params = parameters(vm, u)?;
    let params = tuple::items(&params).unwrap_or(&[]).to_vec();
    let args = members(obj).unwrap_or_default();
    let newargs = crate::objects::genericalias::substitute(vm, obj, &args, &params, key)?;
    let mut it = newargs.into_iter();
    let Some(mut acc) = it.next() else {
        return Ok(none::none());
    };
    for a in it {
        acc = ops::binary_op(vm, &acc, &a, crate::object::BinaryOp::Or, false)?;
    }
    Ok(acc)
}

/// `types.UnionType`.
pub static UNION_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &UNION_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "types.UnionType",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &UNION_VTABLE,
    slots: Slots {
        repr: Some(union_repr),
        getattr: Some(union_getattr),
        setattr: Some(union_setattr),
        getitem: Some(union_getitem),
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
