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
}

impl SlotKind {
    /// The special method a name denotes, if it is one with a slot.
    pub fn from_name(name: &str) -> Option<SlotKind> {
        use SlotKind::*;
        Some(match name {
            "__repr__" => Repr,
            "__str__" => Str,
            "__hash__" => Hash,
            "__call__" => Call,
            "__len__" => Len,
            "__getitem__" => GetItem,
            "__setitem__" => SetItem,
            "__delitem__" => DelItem,
            "__contains__" => Contains,
            "__iter__" => Iter,
            "__next__" => Next,
            "__bool__" => Bool,
            "__lt__" => Compare(CompareOp::Lt),
            "__le__" => Compare(CompareOp::Le),
            "__eq__" => Compare(CompareOp::Eq),
            "__ne__" => Compare(CompareOp::Ne),
            "__gt__" => Compare(CompareOp::Gt),
            "__ge__" => Compare(CompareOp::Ge),
            "__neg__" => Neg,
            "__pos__" => Pos,
            "__abs__" => Abs,
            "__invert__" => Invert,
            "__int__" => Int,
            "__float__" => Float,
            "__index__" => Index,
            "__get__" => Get,
            _ => {
                // `__add__` or its reflected form `__radd__`, without building a string (this
                // runs for every attribute name a lookup reaches a static type with).
                let inner = name.strip_prefix("__")?.strip_suffix("__")?;
                let named = |text: &str| {
                    BinaryOp::ALL
                        .into_iter()
                        .find(|op| &binop_name(*op)[2..binop_name(*op).len() - 2] == text)
                };
                match named(inner) {
                    Some(op) => Binary(op, false),
                    None => Binary(named(inner.strip_prefix('r')?)?, true),
                }
            }
        })
    }

    /// Whether static type `t` has this slot itself.
    pub fn present_in(self, t: &TypeObject) -> bool {
        let s = &t.slots;
        let n = &s.number;
        match self {
            SlotKind::Repr => s.repr.is_some(),
            SlotKind::Str => s.str.is_some(),
            SlotKind::Hash => s.hash.is_some(),
            SlotKind::Call => s.call.is_some(),
            SlotKind::Len => s.len.is_some(),
            SlotKind::GetItem => s.getitem.is_some(),
            SlotKind::SetItem | SlotKind::DelItem => s.setitem.is_some(),
            SlotKind::Contains => s.contains.is_some(),
            SlotKind::Iter => s.iter.is_some(),
            SlotKind::Next => s.next.is_some(),
            SlotKind::Bool => n.bool.is_some(),
            SlotKind::Compare(_) => s.richcompare.is_some(),
            SlotKind::Binary(op, _) => ops::number_slot(t, op).is_some(),
            SlotKind::Neg => n.negative.is_some(),
            SlotKind::Pos => n.positive.is_some(),
            SlotKind::Abs => n.absolute.is_some(),
            SlotKind::Invert => n.invert.is_some(),
            SlotKind::Int => n.int.is_some(),
            SlotKind::Float => n.float.is_some(),
            SlotKind::Index => n.index.is_some(),
            SlotKind::Get => s.descr_get.is_some(),
        }
    }
}

fn binop_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "__add__",
        BinaryOp::And => "__and__",
        BinaryOp::FloorDivide => "__floordiv__",
        BinaryOp::Lshift => "__lshift__",
        BinaryOp::MatrixMultiply => "__matmul__",
        BinaryOp::Multiply => "__mul__",
        BinaryOp::Remainder => "__mod__",
        BinaryOp::Or => "__or__",
        BinaryOp::Power => "__pow__",
        BinaryOp::Rshift => "__rshift__",
        BinaryOp::Subtract => "__sub__",
        BinaryOp::TrueDivide => "__truediv__",
        BinaryOp::Xor => "__xor__",
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

/// The wrapper of `owner`'s slot for special method `name`, if `owner` has that slot.
pub fn lookup(vm: &Vm, owner: &TypeObject, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(kind) = SlotKind::from_name(name) else {
        return Ok(None);
    };
    if !kind.present_in(owner) {
        return Ok(None);
    }
    let w = SlotWrapper {
        owner: ObjRef::from_type_ref(owner),
        kind,
        name: static_name(name),
    };
    new_object(&WRAPPER_DESCRIPTOR_TYPE, w).or_mem(vm).map(Some)
}

/// Special method names as 'static text (the wrapper keeps its name for repr and errors).
fn static_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "__repr__",
        "__str__",
        "__hash__",
        "__call__",
        "__len__",
        "__getitem__",
        "__setitem__",
        "__delitem__",
        "__contains__",
        "__iter__",
        "__next__",
        "__bool__",
        "__lt__",
        "__le__",
        "__eq__",
        "__ne__",
        "__gt__",
        "__ge__",
        "__neg__",
        "__pos__",
        "__abs__",
        "__invert__",
        "__int__",
        "__float__",
        "__index__",
        "__get__",
        "__add__",
        "__radd__",
        "__and__",
        "__rand__",
        "__floordiv__",
        "__rfloordiv__",
        "__lshift__",
        "__rlshift__",
        "__matmul__",
        "__rmatmul__",
        "__mul__",
        "__rmul__",
        "__mod__",
        "__rmod__",
        "__or__",
        "__ror__",
        "__pow__",
        "__rpow__",
        "__rshift__",
        "__rrshift__",
        "__sub__",
        "__rsub__",
        "__truediv__",
        "__rtruediv__",
        "__xor__",
        "__rxor__",
    ];
    NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("__slot__")
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

/// `wrapper_descriptor`.
pub static WRAPPER_DESCRIPTOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
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
