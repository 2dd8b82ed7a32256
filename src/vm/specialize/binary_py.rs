//! `BINARY_OP` on an instance of a class whose special method for the operator (`__sub__`,
//! `__mul__`, ...) is a Python function taking the two operands by position, the right operand
//! of the same class or of a builtin type (arenapy's own form, shown as 3.11's
//! `BINARY_OP_ADAPTIVE`, as 3.11 leaves such a site).
//!
//! The words are the class's version tag and the function's version. With the right operand
//! of the same class or of a builtin type, the class's binary slot (`dunder::heap_binop`) tries
//! only the left operand's method, so the form calls it directly — no slot dispatch, MRO
//! lookup, bound method or argument vector — with the operands moved into its frame. When it
//! returns `NotImplemented` the protocol goes on where the slot would have left it
//! (`ops::binary_op_after_left`: the right operand's builtin slot, then the error). The
//! augmented form (`-=`) qualifies when the class has no in-place method (`__isub__`) and
//! derives from `object` directly or through classes only; the version proves the method
//! still absent. A right operand of another class (whose reflected method may go first), a
//! method reassigned or of another shape miss or never specialize.

use super::load_attr::class_attr;
use super::stats::Failure;
use crate::object::{BinaryOp, ObjRef};
use crate::objects::classobj::static_base;
use crate::objects::function::FunctionObject;
use crate::objects::none::is_not_implemented;
use crate::objects::typetype::OBJECT_TYPE;
use crate::vm::frame::Frame;
use crate::vm::{attr, call_fast, dunder, ops, PyResult, Vm};

/// The words (class version, function version) for `a op b` (`inplace`: `a op= b`), or why it
/// does not qualify. Reads the method cache only (the generic runs before filled it).
pub(super) fn choose(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: BinaryOp,
    inplace: bool,
) -> Result<(u32, u32), Failure> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    if !ta.is_heap_type() || (tb.is_heap_type() && !std::ptr::eq(ta, tb)) {
        return Err(Failure::OtherType);
    }
    if inplace {
        if !std::ptr::eq(static_base(ta), &OBJECT_TYPE) {
            return Err(Failure::OtherType);
        }
        let iname = vm
            .intern(&dunder::inplace_name(op))
            .map_err(|_| Failure::NotFound)?;
        if !matches!(class_attr(vm, ta, &iname)?, (_, None)) {
            return Err(Failure::Descriptor);
        }
    }
    let key = vm
        .intern(dunder::binop_names(op).0)
        .map_err(|_| Failure::NotFound)?;
    let (version, found) = class_attr(vm, ta, &key)?;
    let f = found
        .as_ref()
        .and_then(|m| m.downcast::<FunctionObject>())
        .ok_or(Failure::Descriptor)?;
    if call_fast::exact_args_kind(f, 2) != Some(false) {
        return Err(Failure::Arguments);
    }
    match f.version.get() {
        0 => Err(Failure::NoVersion),
        fversion => Ok((version, fversion)),
    }
}

/// The form with words (`version`, `fversion`) on the two operands at the top of `frame`'s
/// stack (left untouched): the result, or `None` when a guard fails. Kept out of line, so
/// the evaluation loop's `BINARY_OP` arm stays small for the int and float forms.
#[inline(never)]
pub(super) fn call(
    vm: &Vm,
    frame: &Frame,
    version: u32,
    fversion: u32,
    op: BinaryOp,
    inplace: bool,
) -> Option<PyResult<ObjRef>> {
    let (a, b) = frame.top2()?;
    let (ta, tb) = (a.ob_type(), b.ob_type());
    if ta.heap()?.ext.version.get() != version || (tb.is_heap_type() && !std::ptr::eq(ta, tb)) {
        return None;
    }
    let key = vm.intern(dunder::binop_names(op).0).ok()?;
    let method = match vm.method_cache.get(version, &key) {
        Some(found) => found?,
        None => attr::type_lookup_key(vm, ta, &key).ok()??,
    };
    let f = method.downcast::<FunctionObject>()?;
    if f.version.get() != fversion {
        return None;
    }
    let code = f.code.get()?;
    let (a, b) = (a.clone(), b.clone());
    let r = call_fast::enter_with_operands(vm, f, code, a.clone(), b.clone());
    Some(r.and_then(|r| {
        if is_not_implemented(&r) {
            ops::binary_op_after_left(vm, &a, &b, op, inplace)
        } else {
            Ok(r)
        }
    }))
}
