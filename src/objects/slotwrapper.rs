//! `wrapper_descriptor`: a static type's slot seen as a special method (`int.__add__`,
//! `type.__call__`, `object.__repr__`), so `super().__call__(...)` and friends reach builtins.

use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::object::{BinaryOp, CompareOp};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, int, method, none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Which slot a wrapper calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// `__repr__`
    Repr,
    /// `__str__`
    Str,
    /// `__hash__`
    Hash,
    /// `__call__`
    Call,
    /// `__len__`
    Len,
    /// `__getitem__`
    GetItem,
    /// `__setitem__`
    SetItem,
    /// `__delitem__`
    DelItem,
    /// `__contains__`
    Contains,
    /// `__iter__`
    Iter,
    /// `__next__`
    Next,
    /// `__bool__`
    Bool,
    /// A rich comparison.
    Compare(CompareOp),
    /// A binary operator, reflected (`__radd__`) or not.
    Binary(BinaryOp, bool),
    /// `__neg__`
    Neg,
    /// `__pos__`
    Pos,
    /// `__abs__`
    Abs,
    /// `__invert__`
    Invert,
    /// `__int__`
    Int,
    /// `__float__`
    Float,
    /// `__index__`
    Index,
    /// `__get__`
    Get,
    /// `__set__`
    Set,
    /// `__delete__`
    Delete,
    /// An augmented assignment (`__iadd__`).
    Inplace(BinaryOp),
    /// `__divmod__`, reflected (`__rdivmod__`) or not.
    Divmod(bool),
}

/// Every special method with a slot, in the order readiness adds their wrappers.
pub static SLOT_NAMES: &[(&str, SlotKind)] = {
    use BinaryOp as B;
    use SlotKind::*;
    &[
        ("__repr__", Repr),
        ("__hash__", Hash),
        ("__call__", Call),
        ("__str__", Str),
        ("__lt__", Compare(CompareOp::Lt)),
        ("__le__", Compare(CompareOp::Le)),
        ("__eq__", Compare(CompareOp::Eq)),
        ("__ne__", Compare(CompareOp::Ne)),
        ("__gt__", Compare(CompareOp::Gt)),
        ("__ge__", Compare(CompareOp::Ge)),
        ("__iter__", Iter),
        ("__next__", Next),
        ("__get__", Get),
        ("__set__", Set),
        ("__delete__", Delete),
        ("__add__", Binary(B::Add, false)),
        ("__radd__", Binary(B::Add, true)),
        ("__sub__", Binary(B::Subtract, false)),
        ("__rsub__", Binary(B::Subtract, true)),
        ("__mul__", Binary(B::Multiply, false)),
        ("__rmul__", Binary(B::Multiply, true)),
        ("__mod__", Binary(B::Remainder, false)),
        ("__rmod__", Binary(B::Remainder, true)),
        ("__divmod__", Divmod(false)),
        ("__rdivmod__", Divmod(true)),
        ("__pow__", Binary(B::Power, false)),
        ("__rpow__", Binary(B::Power, true)),
        ("__neg__", Neg),
        ("__pos__", Pos),
        ("__abs__", Abs),
        ("__bool__", Bool),
        ("__invert__", Invert),
        ("__lshift__", Binary(B::Lshift, false)),
        ("__rlshift__", Binary(B::Lshift, true)),
        ("__rshift__", Binary(B::Rshift, false)),
        ("__rrshift__", Binary(B::Rshift, true)),
        ("__and__", Binary(B::And, false)),
        ("__rand__", Binary(B::And, true)),
        ("__xor__", Binary(B::Xor, false)),
        ("__rxor__", Binary(B::Xor, true)),
        ("__or__", Binary(B::Or, false)),
        ("__ror__", Binary(B::Or, true)),
        ("__int__", Int),
        ("__float__", Float),
        ("__iadd__", Inplace(B::Add)),
        ("__isub__", Inplace(B::Subtract)),
        ("__imul__", Inplace(B::Multiply)),
        ("__imod__", Inplace(B::Remainder)),
        ("__ipow__", Inplace(B::Power)),
        ("__ilshift__", Inplace(B::Lshift)),
        ("__irshift__", Inplace(B::Rshift)),
        ("__iand__", Inplace(B::And)),
        ("__ixor__", Inplace(B::Xor)),
        ("__ior__", Inplace(B::Or)),
        ("__floordiv__", Binary(B::FloorDivide, false)),
        ("__rfloordiv__", Binary(B::FloorDivide, true)),
        ("__truediv__", Binary(B::TrueDivide, false)),
        ("__rtruediv__", Binary(B::TrueDivide, true)),
        ("__ifloordiv__", Inplace(B::FloorDivide)),
        ("__itruediv__", Inplace(B::TrueDivide)),
        ("__index__", Index),
        ("__matmul__", Binary(B::MatrixMultiply, false)),
        ("__rmatmul__", Binary(B::MatrixMultiply, true)),
        ("__imatmul__", Inplace(B::MatrixMultiply)),
        ("__len__", Len),
        ("__getitem__", GetItem),
        ("__setitem__", SetItem),
        ("__delitem__", DelItem),
        ("__contains__", Contains),
    ]
};

impl SlotKind {
    /// The special method a name denotes, if it is one with a slot.
    pub fn from_name(name: &str) -> Option<SlotKind> {
        SLOT_NAMES.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    /// The address of static type `t`'s own function for this slot, if it has one: a slot
    /// that a type shares with its base is inherited, and gets no wrapper of its own.
    pub fn function_addr(self, t: &TypeObject) -> Option<usize> {
        let s = &t.slots;
        let n = &s.number;
        match self {
            SlotKind::Repr => s.repr.map(|f| f as usize),
            SlotKind::Str => s.str.map(|f| f as usize),
            SlotKind::Hash => s.hash.map(|f| f as usize),
            SlotKind::Call => s.call.map(|f| f as usize),
            SlotKind::Len => s.len.map(|f| f as usize),
            SlotKind::GetItem => s.getitem.map(|f| f as usize),
            SlotKind::SetItem | SlotKind::DelItem => s.setitem.map(|f| f as usize),
            SlotKind::Contains => s.contains.map(|f| f as usize),
            SlotKind::Iter => s.iter.map(|f| f as usize),
            SlotKind::Next => s.next.map(|f| f as usize),
            SlotKind::Bool => n.bool.map(|f| f as usize),
            SlotKind::Compare(_) => s.richcompare.map(|f| f as usize),
            SlotKind::Binary(op, _) => ops::number_slot(t, op).map(|f| f as usize),
            SlotKind::Inplace(op) => ops::inplace_slot(t, op).map(|f| f as usize),
            SlotKind::Divmod(_) => n.divmod.map(|f| f as usize),
            SlotKind::Neg => n.negative.map(|f| f as usize),
            SlotKind::Pos => n.positive.map(|f| f as usize),
            SlotKind::Abs => n.absolute.map(|f| f as usize),
            SlotKind::Invert => n.invert.map(|f| f as usize),
            SlotKind::Int => n.int.map(|f| f as usize),
            SlotKind::Float => n.float.map(|f| f as usize),
            SlotKind::Index => n.index.map(|f| f as usize),
            SlotKind::Get => s.descr_get.map(|f| f as usize),
            SlotKind::Set | SlotKind::Delete => s.descr_set.map(|f| f as usize),
        }
    }

    /// Whether static type `t` defines this slot itself (not inherited from its base).
    pub fn defined_by(self, t: &TypeObject) -> bool {
        let Some(own) = self.function_addr(t) else {
            return false;
        };
        if self == SlotKind::Binary(BinaryOp::Add, true)
            && t.flags & crate::object::typeobj::tpflags::ADD_IS_CONCAT != 0
        {
            return false;
        }
        match t.base {
            Some(b) if !b.is_heap_type() => self.function_addr(b) != Some(own),
            _ => true,
        }
    }
}

/// Payload of a slot wrapper: the static type and the slot.
pub struct SlotWrapper {
    owner: ObjRef,
    kind: SlotKind,
    name: &'static str,
}

impl PyPayload for SlotWrapper {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(SlotWrapper);

static SLOT_WRAPPER_VTABLE: PayloadVTable = PayloadVTable::of::<SlotWrapper>();

/// A new wrapper of static type `owner`'s slot `kind`, named `name` (readiness makes one per
/// slot and keeps it in the type's `__dict__`, so every lookup sees the same object).
pub fn new_wrapper(
    vm: &Vm,
    owner: &TypeObject,
    kind: SlotKind,
    name: &'static str,
) -> PyResult<ObjRef> {
    let w = SlotWrapper {
        owner: ObjRef::from_type_ref(owner),
        kind,
        name,
    };
    new_object(&WRAPPER_DESCRIPTOR_TYPE, w).or_mem(vm)
}

/// Calls slot `kind` of static type `t` on `this` with `args`.
fn call_slot(
    vm: &Vm,
    t: &TypeObject,
    kind: SlotKind,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let s = &t.slots;
    let arg = |i: usize| -> PyResult<&ObjRef> {
        args.get(i)
            .ok_or_else(|| vm.type_error("expected an argument"))
    };
    let missing = || vm.type_error("slot not available");
    match kind {
        SlotKind::Repr => (s.repr.ok_or_else(missing)?)(vm, this),
        SlotKind::Str => (s.str.ok_or_else(missing)?)(vm, this),
        SlotKind::Hash => int::new_int(vm, (s.hash.ok_or_else(missing)?)(vm, this)?),
        SlotKind::Call => (s.call.ok_or_else(missing)?)(vm, this, args, kwnames),
        SlotKind::Len => int::new_int(vm, (s.len.ok_or_else(missing)?)(vm, this)? as i64),
        SlotKind::GetItem => (s.getitem.ok_or_else(missing)?)(vm, this, arg(0)?),
        SlotKind::SetItem => {
            (s.setitem.ok_or_else(missing)?)(vm, this, arg(0)?, Some(arg(1)?))?;
            Ok(none::none())
        }
        SlotKind::DelItem => {
            (s.setitem.ok_or_else(missing)?)(vm, this, arg(0)?, None)?;
            Ok(none::none())
        }
        SlotKind::Contains => Ok(boolobj::new_bool((s.contains.ok_or_else(missing)?)(
            vm,
            this,
            arg(0)?,
        )?)),
        SlotKind::Iter => (s.iter.ok_or_else(missing)?)(vm, this),
        SlotKind::Next => match (s.next.ok_or_else(missing)?)(vm, this)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration()),
        },
        SlotKind::Bool => Ok(boolobj::new_bool((s.number.bool.ok_or_else(missing)?)(
            vm, this,
        )?)),
        SlotKind::Compare(op) => (s.richcompare.ok_or_else(missing)?)(vm, this, arg(0)?, op),
        SlotKind::Binary(op, reflected) => {
            let f = ops::number_slot(t, op).ok_or_else(missing)?;
            if reflected {
                f(vm, arg(0)?, this)
            } else {
                f(vm, this, arg(0)?)
            }
        }
        SlotKind::Neg => (s.number.negative.ok_or_else(missing)?)(vm, this),
        SlotKind::Pos => (s.number.positive.ok_or_else(missing)?)(vm, this),
        SlotKind::Abs => (s.number.absolute.ok_or_else(missing)?)(vm, this),
        SlotKind::Invert => (s.number.invert.ok_or_else(missing)?)(vm, this),
        SlotKind::Int => (s.number.int.ok_or_else(missing)?)(vm, this),
        SlotKind::Float => (s.number.float.ok_or_else(missing)?)(vm, this),
        SlotKind::Index => (s.number.index.ok_or_else(missing)?)(vm, this),
        SlotKind::Inplace(op) => (ops::inplace_slot(t, op).ok_or_else(missing)?)(vm, this, arg(0)?),
        SlotKind::Divmod(reflected) => {
            let f = s.number.divmod.ok_or_else(missing)?;
            if reflected {
                f(vm, arg(0)?, this)
            } else {
                f(vm, this, arg(0)?)
            }
        }
        SlotKind::Set => {
            (s.descr_set.ok_or_else(missing)?)(vm, this, arg(0)?, Some(arg(1)?.clone()))?;
            Ok(none::none())
        }
        SlotKind::Delete => {
            (s.descr_set.ok_or_else(missing)?)(vm, this, arg(0)?, None)?;
            Ok(none::none())
        }
        SlotKind::Get => {
            let obj = arg(0)?;
            let obj = if none::is_none(obj) { None } else { Some(obj) };
            let ty = match args.get(1) {
                Some(t) => t.clone(),
                None => obj.map_or_else(none::none, |o| o.type_object()),
            };
            (s.descr_get.ok_or_else(missing)?)(vm, this, obj, &ty)
        }
    }
}

/// The static type whose slot wrapper for special method `name` `v` is, if it is one.
pub fn wrapper_owner(v: &ObjRef, name: &str) -> Option<&'static TypeObject> {
    let w = v.downcast::<SlotWrapper>()?;
    (w.name == name).then(|| w.owner.as_static_type()).flatten()
}

fn wrapper_call(
    vm: &Vm,
    w: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sw = w
        .downcast::<SlotWrapper>()
        .ok_or_else(|| vm.type_error("expected a slot wrapper"))?;
    let t = sw
        .owner
        .as_type()
        .ok_or_else(|| vm.type_error("slot wrapper without a type"))?;
    let Some((this, rest)) = args.split_first() else {
        return Err(vm.type_error(&format!(
            "descriptor '{}' of '{}' object needs an argument",
            sw.name,
            t.name()
        )));
    };
    if !this.is_instance(t) {
        return Err(vm.type_error(&format!(
            "descriptor '{}' requires a '{}' object but received a '{}'",
            sw.name,
            t.name(),
            this.ob_type().name()
        )));
    }
    call_slot(vm, t, sw.kind, this, rest, kwnames)
}

fn wrapper_get(vm: &Vm, w: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    match obj {
        Some(o) => method::new_method(vm, w.clone(), o.clone()),
        None => Ok(w.clone()),
    }
}

fn wrapper_repr(vm: &Vm, w: &ObjRef) -> PyResult<ObjRef> {
    let sw = w
        .downcast::<SlotWrapper>()
        .ok_or_else(|| vm.type_error("expected a slot wrapper"))?;
    let owner = sw.owner.as_type().map_or("?", |t| t.name());
    pystr::new_str_vm(
        vm,
        &format!("<slot wrapper '{}' of '{}' objects>", sw.name, owner),
    )
}

/// `__name__`, `__qualname__`, `__objclass__`, `__doc__` and `__text_signature__` of a slot
/// wrapper.
fn wrapper_attr(vm: &Vm, w: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(sw) = w.downcast::<SlotWrapper>() else {
        return Ok(None);
    };
    let owner = sw.owner.as_type().map_or("?", |t| t.name());
    let text = match name {
        "__name__" => sw.name.to_string(),
        "__qualname__" => format!("{owner}.{}", sw.name),
        "__objclass__" => return Ok(Some(sw.owner.clone())),
        "__doc__" => crate::objects::slotwrapper_doc::doc(sw.kind),
        "__text_signature__" => crate::objects::slotwrapper_doc::text_signature(sw.kind).into(),
        _ => return Ok(None),
    };
    pystr::new_str_vm(vm, &text).map(Some)
}

/// The data attributes of `wrapper_descriptor` (read-only).
static WRAPPER_GETSET: [crate::object::GetSetDef; 5] = [
    wrapper_entry("__name__"),
    wrapper_entry("__qualname__"),
    wrapper_entry("__objclass__"),
    wrapper_entry("__doc__"),
    wrapper_entry("__text_signature__"),
];

const fn wrapper_entry(name: &'static str) -> crate::object::GetSetDef {
    crate::object::GetSetDef {
        name,
        get: wrapper_attr,
        set: Some(crate::objects::getset::readonly),
    }
}

/// `wrapper_descriptor`.
pub static WRAPPER_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &WRAPPER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "wrapper_descriptor",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SLOT_WRAPPER_VTABLE,
    slots: Slots {
        repr: Some(wrapper_repr),
        call: Some(wrapper_call),
        descr_get: Some(wrapper_get),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_slots_without_confusing_reflection() {
        assert!(matches!(
            SlotKind::from_name("__rshift__"),
            Some(SlotKind::Binary(BinaryOp::Rshift, false))
        ));
        assert!(matches!(
            SlotKind::from_name("__rrshift__"),
            Some(SlotKind::Binary(BinaryOp::Rshift, true))
        ));
        assert!(matches!(
            SlotKind::from_name("__radd__"),
            Some(SlotKind::Binary(BinaryOp::Add, true))
        ));
        assert!(matches!(
            SlotKind::from_name("__mod__"),
            Some(SlotKind::Binary(BinaryOp::Remainder, false))
        ));
        for name in [
            "x", "__init__", "__r__", "____", "__radd", "radd__", "__rfoo__",
        ] {
            assert!(SlotKind::from_name(name).is_none(), "{name}");
        }
    }
}
