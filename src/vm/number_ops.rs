//! The number protocol (CPython's `PyNumber_*` in `Objects/abstract.c`): binary operators
//! through both operands' slots in CPython's order, in-place operators, `divmod` and the unary
//! operators. Re-exported by [`super::ops`], where the evaluation loop finds them.

use super::ops::index;
use super::{PyResult, Vm};
use crate::object::typeobj::BinaryFn;
use crate::object::BinaryOp;
use crate::object::ObjRef;
use crate::objects::none::is_not_implemented;
use crate::objects::{int, str as pystr};

/// The number-protocol slot of `ty` for `op`.
pub fn number_slot(ty: &crate::object::TypeObject, op: BinaryOp) -> Option<BinaryFn> {
    let n = &ty.slots.number;
    match op {
        BinaryOp::Add => n.add,
        BinaryOp::Subtract => n.subtract,
        BinaryOp::Multiply => n.multiply,
        BinaryOp::TrueDivide => n.true_divide,
        BinaryOp::FloorDivide => n.floor_divide,
        BinaryOp::Remainder => n.remainder,
        BinaryOp::Power => n.power,
        BinaryOp::Lshift => n.lshift,
        BinaryOp::Rshift => n.rshift,
        BinaryOp::And => n.and,
        BinaryOp::Or => n.or,
        BinaryOp::Xor => n.xor,
        BinaryOp::MatrixMultiply => n.matrix_multiply,
    }
}

/// The in-place slot (`+=`, ...) of `ty` for `op`.
pub fn inplace_slot(ty: &crate::object::TypeObject, op: BinaryOp) -> Option<BinaryFn> {
    let n = &ty.slots.number;
    match op {
        BinaryOp::Add => n.inplace_add,
        BinaryOp::Subtract => n.inplace_subtract,
        BinaryOp::Multiply => n.inplace_multiply,
        BinaryOp::TrueDivide => n.inplace_true_divide,
        BinaryOp::FloorDivide => n.inplace_floor_divide,
        BinaryOp::Remainder => n.inplace_remainder,
        BinaryOp::Power => n.inplace_power,
        BinaryOp::Lshift => n.inplace_lshift,
        BinaryOp::Rshift => n.inplace_rshift,
        BinaryOp::And => n.inplace_and,
        BinaryOp::Or => n.inplace_or,
        BinaryOp::Xor => n.inplace_xor,
        BinaryOp::MatrixMultiply => n.inplace_matrix_multiply,
    }
}

/// `a op b` (CPython's `binary_op1`): the left slot, then the right one; a right operand whose
/// type is a subclass of the left's goes first. With `inplace` (`a op= b`), the left operand's
/// in-place slot is tried first (CPython's `binary_iop1`).
pub fn binary_op(vm: &Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp, inplace: bool) -> PyResult<ObjRef> {
    let ta = a.ob_type();
    if inplace {
        if ta.is_heap_type() {
            let name = super::dunder::inplace_name(op);
            if let Some(r) = super::attr::call_special(vm, a, &name, std::slice::from_ref(b))? {
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        // A static type's in-place slot (also for subclasses of it, e.g. `list.__iadd__`).
        let static_ty = crate::objects::classobj::static_base(ta);
        if let Some(f) = inplace_slot(static_ty, op) {
            let r = f(vm, a, b)?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    let r = binary_op1(vm, a, b, |t| number_slot(t, op))?;
    if !is_not_implemented(&r) {
        return Ok(r);
    }
    binary_op_unsupported(vm, a, b, op, inplace)
}

/// [`binary_op`] after the left operand's class method returned `NotImplemented`, when that was
/// all its class slot tried (`b` of the same class, or of a builtin type) and no in-place
/// method applies: `b`'s type's slot, then the error (`BINARY_OP` on class instances).
pub fn binary_op_after_left(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: BinaryOp,
    inplace: bool,
) -> PyResult<ObjRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    if !std::ptr::eq(ta, tb) {
        if let Some(f) = number_slot(tb, op) {
            let r = f(vm, a, b)?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    binary_op_unsupported(vm, a, b, op, inplace)
}

/// The end of [`binary_op`] when no slot applied: a sequence repeated by an `__index__`
/// count, else CPython's `TypeError`.
fn binary_op_unsupported(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: BinaryOp,
    inplace: bool,
) -> PyResult<ObjRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let sym = if inplace {
        format!("{}=", op.symbol())
    } else {
        op.symbol().to_string()
    };
    if op == BinaryOp::Power && !inplace {
        return Err(vm.type_error(&format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            ta.name(),
            tb.name()
        )));
    }
    if op == BinaryOp::Add && (pystr::is_str(a) || is_sequence(ta)) {
        return Err(
            vm.type_error(&if matches!(ta.name(), "bytes" | "bytearray") {
                format!("can't concat {} to {}", tb.name(), ta.name())
            } else {
                format!(
                    "can only concatenate {} (not \"{}\") to {}",
                    ta.name(),
                    tb.name(),
                    ta.name()
                )
            }),
        );
    }
    if op == BinaryOp::Multiply && (is_sequence(ta) || is_sequence(tb)) {
        // A repeat count given by an object with `__index__` (CPython's `sequence_repeat`).
        let (seq, n) = if is_sequence(ta) { (a, b) } else { (b, a) };
        if !int::is_int(n) {
            if let Some(count) = index(vm, n)? {
                return if is_sequence(ta) {
                    binary_op(vm, seq, &count, op, inplace)
                } else {
                    binary_op(vm, &count, seq, op, inplace)
                };
            }
        }
        let other = if is_sequence(ta) { tb } else { ta };
        return Err(vm.type_error(&format!(
            "can't multiply sequence by non-int of type '{}'",
            other.name()
        )));
    }
    Err(vm.type_error(&format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        sym,
        ta.name(),
        tb.name()
    )))
}

/// The two-sided dispatch of a binary number slot (CPython's `binary_op1`): the left operand's
/// slot, then the right one's; a right operand whose type is a subclass of the left's goes
/// first. `NotImplemented` when neither applies.
fn binary_op1(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    slot: impl Fn(&crate::object::TypeObject) -> Option<BinaryFn>,
) -> PyResult<ObjRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let sa = slot(ta);
    // Heap types share one slot that tries both operands itself: call it once.
    let same_slot = std::ptr::eq(ta, tb) || (ta.is_heap_type() && tb.is_heap_type());
    let sb = if same_slot { None } else { slot(tb) };
    let (first, second) = if sb.is_some() && tb.is_subtype(ta) {
        (sb, sa)
    } else {
        (sa, sb)
    };
    for f in [first, second].into_iter().flatten() {
        let r = f(vm, a, b)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Ok(crate::objects::none::not_implemented())
}

/// `divmod(a, b)` (CPython's `PyNumber_Divmod`): the `divmod` number slots of both operands.
pub fn divmod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let r = binary_op1(vm, a, b, |t| t.slots.number.divmod)?;
    if !is_not_implemented(&r) {
        return Ok(r);
    }
    Err(vm.type_error(&format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        a.ob_type().name(),
        b.ob_type().name()
    )))
}

/// Whether instances of `ty` are sequences that support repetition (CPython's `sq_repeat`):
/// subscriptable and multipliable (list, tuple, str, bytes, bytearray).
/// Whether `ty` is a builtin sequence (or subclasses one): CPython's `sq_concat`/`sq_repeat`,
/// which a class statement never fills from `__add__`/`__mul__`.
fn is_sequence(ty: &crate::object::TypeObject) -> bool {
    let ty = crate::objects::classobj::static_base(ty);
    ty.slots.getitem.is_some() && ty.slots.number.multiply.is_some() && ty.slots.len.is_some()
}

/// Unary `-`, `+`, `~`.
pub fn unary(vm: &Vm, a: &ObjRef, which: &str) -> PyResult<ObjRef> {
    let n = &a.ob_type().slots.number;
    let f = match which {
        "-" => n.negative,
        "+" => n.positive,
        _ => n.invert,
    };
    if let Some(f) = f {
        let r = f(vm, a)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(vm.type_error(&format!(
        "bad operand type for unary {}: '{}'",
        which,
        a.ob_type().name()
    )))
}
