//! The slots of heap types: each one finds the special method along the class's MRO — a
//! Python function in a class `__dict__`, or the slot of the first static ancestor that has one
//! — and calls it (CPython's `slot_tp_*` / `slot_nb_*` functions in `typeobject.c`).

use super::attr;
use super::{ops, PyResult, Vm};
use crate::object::{BinaryOp, CompareOp};
use crate::object::{NumberSlots, ObjRef, Slots, TypeObject};
use crate::objects::{boolobj, exceptions, int, none, str as pystr};

/// What implements a special method for a type.
enum Impl<'a> {
    /// A class attribute (function or descriptor) from a heap type's dict.
    Py(ObjRef),
    /// The slot of this static type.
    Static(&'a TypeObject),
    /// Nothing.
    Missing,
}

/// What implements `dunder` for `ty`: the attribute found along the MRO (through the method
/// cache). A builtin type's own slot — its slot wrapper, method descriptor or `__new__` — is
/// called directly when `has_static` says the type has that slot (and counts as missing when it
/// does not); anything else found (a function, a descriptor, `None` for `__hash__`) is called
/// as a Python attribute.
fn find_impl<'a>(
    vm: &Vm,
    ty: &'a TypeObject,
    dunder: &str,
    has_static: impl Fn(&TypeObject) -> bool,
) -> PyResult<Impl<'a>> {
    let key = vm.intern(dunder)?;
    match attr::type_lookup_key(vm, ty, &key)? {
        Some(v) => {
            // A builtin's own definition of this very method (not, say, `__str__ = int.__repr__`).
            let owner = crate::objects::slotwrapper::wrapper_owner(&v, dunder)
                .or_else(|| crate::objects::descr::method_owner(&v, dunder))
                .or_else(|| {
                    (dunder == "__new__")
                        .then(|| crate::modules::builtins::new_wrapper_owner(&v))
                        .flatten()
                });
            match owner {
                // A wrapper taken from an unrelated builtin (`__eq__ = str.__eq__` in a class
                // of `int`) is called as an object, so its own type check raises.
                Some(t) if dunder != "__new__" && !ty.is_subtype(t) => Ok(Impl::Py(v)),
                Some(t) if has_static(t) => Ok(Impl::Static(t)),
                // A builtin's own definition where a Python-level one was asked for.
                Some(_) => Ok(Impl::Missing),
                None => Ok(Impl::Py(v)),
            }
        }
        None => {
            // Slots with no name in any dict: the first builtin ancestor that has one.
            let mro = super::typeready::type_mro(vm, ty)?;
            for t in crate::objects::tuple::items(&mro).unwrap_or(&[]) {
                if let Some(t) = t.as_static_type() {
                    if has_static(t) {
                        return Ok(Impl::Static(t));
                    }
                }
            }
            Ok(Impl::Missing)
        }
    }
}

/// Calls a class attribute found for `obj` with `args`, binding it first.
fn call_impl(vm: &Vm, f: &ObjRef, obj: &ObjRef, args: &[ObjRef]) -> PyResult<ObjRef> {
    if crate::objects::function::is_function(f) {
        return crate::objects::method::call_with_self(vm, f, obj, args, None);
    }
    if none::is_none(f) {
        return Err(vm.type_error(&format!("'{}' object is not callable", f.ob_type().name())));
    }
    let bound = attr::descr_get(vm, f.clone(), Some(obj), &obj.type_object())?;
    ops::call(vm, &bound, args, None)
}

fn slot_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), "__repr__", |t| t.slots.repr.is_some())? {
        Impl::Py(f) => call_impl(vm, &f, obj, &[]),
        Impl::Static(t) => (t.slots.repr.unwrap_or(heap_object_repr))(vm, obj),
        Impl::Missing => heap_object_repr(vm, obj),
    }
}

/// `object.__repr__` for instances of classes: `<module.Name object at 0x...>`.
pub fn heap_object_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let ty = obj.type_object();
    let module = ops::getattr(vm, &ty, "__module__")
        .ok()
        .and_then(|m| pystr::as_str(&m).map(str::to_string));
    let qual = ops::getattr(vm, &ty, "__qualname__")
        .ok()
        .and_then(|m| pystr::as_str(&m).map(str::to_string));
    let name = qual.unwrap_or_else(|| obj.ob_type().name().to_string());
    let full = match module.as_deref() {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    };
    pystr::new_str_vm(vm, &format!("<{} object at {:#x}>", full, obj.addr()))
}

fn slot_str(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), "__str__", |t| t.slots.str.is_some())? {
        Impl::Py(f) => {
            let r = call_impl(vm, &f, obj, &[])?;
            if !pystr::is_str(&r) {
                return Err(vm.type_error(&format!(
                    "__str__ returned non-string (type {})",
                    r.ob_type().name()
                )));
            }
            Ok(r)
        }
        Impl::Static(t) => (t.slots.str.unwrap_or(slot_repr))(vm, obj),
        Impl::Missing => slot_repr(vm, obj),
    }
}

fn slot_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    match find_impl(vm, obj.ob_type(), "__hash__", |t| t.slots.hash.is_some())? {
        Impl::Py(f) if none::is_none(&f) => {
            Err(vm.type_error(&format!("unhashable type: '{}'", obj.ob_type().name())))
        }
        Impl::Py(f) => {
            let r = call_impl(vm, &f, obj, &[])?;
            match int::value(&r) {
                Some(int::IntValue::Small(v)) => Ok(if v == -1 { -2 } else { v }),
                Some(int::IntValue::Big(b)) => Ok(int::hash_bigint(&b)),
                None => Err(vm.type_error("__hash__ method should return an integer")),
            }
        }
        Impl::Static(t) => {
            (t.slots
                .hash
                .unwrap_or(|_, o| Ok(o.addr().rotate_right(4) as i64)))(vm, obj)
        }
        Impl::Missing => Ok(obj.addr().rotate_right(4) as i64),
    }
}

fn compare_name(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "__lt__",
        CompareOp::Le => "__le__",
        CompareOp::Eq => "__eq__",
        CompareOp::Ne => "__ne__",
        CompareOp::Gt => "__gt__",
        CompareOp::Ge => "__ge__",
        CompareOp::AlmostEq => "__almost_eq__",
    }
}

/// Calls comparison method `f` found on `a`'s class with `b`. An error binding it (`__eq__ =
/// property(...)`) is dropped and the comparison not implemented, as CPython's
/// `slot_tp_richcompare` does.
fn call_compare(vm: &Vm, f: ObjRef, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if crate::objects::function::is_function(&f) {
        return call_impl(vm, &f, a, std::slice::from_ref(b));
    }
    match attr::descr_get(vm, f, Some(a), &a.type_object()) {
        Ok(bound) => ops::call(vm, &bound, std::slice::from_ref(b), None),
        Err(_) => Ok(none::not_implemented()),
    }
}

fn slot_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    match find_impl(vm, a.ob_type(), compare_name(op), |t| {
        t.slots.richcompare.is_some()
    })? {
        // A comparison method set to None is called, and fails, as in CPython.
        Impl::Py(f) => call_compare(vm, f, a, b),
        Impl::Static(t) if std::ptr::eq(t, &crate::objects::typetype::OBJECT_TYPE) => {
            // object.__ne__ inverts __eq__ when that is defined.
            if op == CompareOp::Ne {
                if let Impl::Py(eq) = find_impl(vm, a.ob_type(), "__eq__", |_| false)? {
                    let r = call_compare(vm, eq, a, b)?;
                    if none::is_not_implemented(&r) {
                        return Ok(r);
                    }
                    return Ok(boolobj::new_bool(!ops::truthy(vm, &r)?));
                }
            }
            Ok(none::not_implemented())
        }
        Impl::Static(t) => match t.slots.richcompare {
            Some(f) => f(vm, a, b, op),
            None => Ok(none::not_implemented()),
        },
        Impl::Missing => Ok(none::not_implemented()),
    }
}

/// The special methods of binary operator `op`: (`__op__`, `__rop__`).
pub fn binop_names(op: BinaryOp) -> (&'static str, &'static str) {
    match op {
        BinaryOp::Add => ("__add__", "__radd__"),
        BinaryOp::And => ("__and__", "__rand__"),
        BinaryOp::FloorDivide => ("__floordiv__", "__rfloordiv__"),
        BinaryOp::Lshift => ("__lshift__", "__rlshift__"),
        BinaryOp::MatrixMultiply => ("__matmul__", "__rmatmul__"),
        BinaryOp::Multiply => ("__mul__", "__rmul__"),
        BinaryOp::Remainder => ("__mod__", "__rmod__"),
        BinaryOp::Or => ("__or__", "__ror__"),
        BinaryOp::Power => ("__pow__", "__rpow__"),
        BinaryOp::Rshift => ("__rshift__", "__rrshift__"),
        BinaryOp::Subtract => ("__sub__", "__rsub__"),
        BinaryOp::TrueDivide => ("__truediv__", "__rtruediv__"),
        BinaryOp::Xor => ("__xor__", "__rxor__"),
    }
}

/// The in-place special method name of an operator (`__iadd__`).
pub fn inplace_name(op: BinaryOp) -> String {
    format!("__i{}", &binop_names(op).0[2..])
}

/// The binary operator slot shared by every heap type: tries `a.__op__(b)` when `a`'s type is a
/// heap type, then `b.__rop__(a)` when `b`'s is and differs (a subclass that overrides the
/// reflected method goes first), as CPython's `SLOT1BINFULL`.
pub fn heap_binop(vm: &Vm, a: &ObjRef, b: &ObjRef, op: BinaryOp) -> PyResult<ObjRef> {
    heap_binary(vm, a, b, binop_names(op), |t| ops::number_slot(t, op))
}

/// Whether `sub`'s `rname` is another object than `base`'s.
fn reflected_overloaded(
    vm: &Vm,
    base: &TypeObject,
    sub: &TypeObject,
    rname: &str,
) -> PyResult<bool> {
    let key = vm.intern(rname)?;
    let Some(mine) = attr::type_lookup_key(vm, sub, &key)? else {
        return Ok(false);
    };
    Ok(!attr::type_lookup_key(vm, base, &key)?.is_some_and(|theirs| theirs.is(&mine)))
}

/// `heap_binop` for the number slot `slot` reached through the special methods `names`
/// (`__op__`, `__rop__`).
fn heap_binary(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    (name, rname): (&str, &str),
    slot: impl Fn(&TypeObject) -> Option<crate::object::typeobj::BinaryFn> + Copy,
) -> PyResult<ObjRef> {
    let has = |t: &TypeObject| slot(t).is_some();
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let a_heap = ta.is_heap_type();
    let b_heap = tb.is_heap_type() && !std::ptr::eq(ta, tb);
    let call_left = |vm: &Vm| -> PyResult<ObjRef> {
        match find_impl(vm, ta, name, has)? {
            Impl::Py(f) => call_impl(vm, &f, a, std::slice::from_ref(b)),
            Impl::Static(t) => match slot(t) {
                Some(f) => f(vm, a, b),
                None => Ok(none::not_implemented()),
            },
            Impl::Missing => Ok(none::not_implemented()),
        }
    };
    let call_right = |vm: &Vm| -> PyResult<ObjRef> {
        match find_impl(vm, tb, rname, has)? {
            Impl::Py(f) => call_impl(vm, &f, b, std::slice::from_ref(a)),
            Impl::Static(t) => match slot(t) {
                Some(f) => f(vm, a, b),
                None => Ok(none::not_implemented()),
            },
            Impl::Missing => Ok(none::not_implemented()),
        }
    };
    let mut right_done = false;
    // The right operand goes first when its class derives from the left's and overrides the
    // reflected method (CPython's `method_is_overloaded`), not when it merely inherits it.
    if b_heap && tb.is_subtype(ta) && reflected_overloaded(vm, ta, tb, rname)? {
        if let Impl::Py(_) = find_impl(vm, tb, rname, |_| false)? {
            let r = call_right(vm)?;
            if !none::is_not_implemented(&r) {
                return Ok(r);
            }
            right_done = true;
        }
    }
    if a_heap {
        let r = call_left(vm)?;
        if !none::is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if b_heap && !right_done {
        return call_right(vm);
    }
    Ok(none::not_implemented())
}

macro_rules! heap_binops {
    ($($fname:ident => $op:expr,)*) => {
        $(fn $fname(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> { heap_binop(vm, a, b, $op) })*
    };
}

/// `divmod()` on instances of heap types: `__divmod__` / `__rdivmod__`.
fn slot_divmod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    heap_binary(vm, a, b, ("__divmod__", "__rdivmod__"), |t| {
        t.slots.number.divmod
    })
}

heap_binops! {
    slot_add => BinaryOp::Add,
    slot_sub => BinaryOp::Subtract,
    slot_mul => BinaryOp::Multiply,
    slot_truediv => BinaryOp::TrueDivide,
    slot_floordiv => BinaryOp::FloorDivide,
    slot_mod => BinaryOp::Remainder,
    slot_pow => BinaryOp::Power,
    slot_lshift => BinaryOp::Lshift,
    slot_rshift => BinaryOp::Rshift,
    slot_and => BinaryOp::And,
    slot_or => BinaryOp::Or,
    slot_xor => BinaryOp::Xor,
    slot_matmul => BinaryOp::MatrixMultiply,
}

fn unary(
    vm: &Vm,
    obj: &ObjRef,
    name: &str,
    pick: fn(&NumberSlots) -> Option<crate::object::typeobj::UnaryFn>,
) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), name, |t| pick(&t.slots.number).is_some())? {
        Impl::Py(f) => call_impl(vm, &f, obj, &[]),
        Impl::Static(t) => match pick(&t.slots.number) {
            Some(f) => f(vm, obj),
            None => Ok(none::not_implemented()),
        },
        Impl::Missing => Ok(none::not_implemented()),
    }
}

fn slot_neg(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__neg__", |n| n.negative)
}
fn slot_pos(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__pos__", |n| n.positive)
}
fn slot_invert(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__invert__", |n| n.invert)
}
fn slot_abs(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__abs__", |n| n.absolute)
}
fn slot_int(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__int__", |n| n.int)
}
fn slot_float(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__float__", |n| n.float)
}
fn slot_index(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    unary(vm, o, "__index__", |n| n.index)
}

fn slot_bool(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    match find_impl(vm, obj.ob_type(), "__bool__", |t| {
        t.slots.number.bool.is_some()
    })? {
        Impl::Py(f) => {
            let r = call_impl(vm, &f, obj, &[])?;
            match boolobj::as_bool(&r) {
                Some(b) => Ok(b),
                None => Err(vm.type_error(&format!(
                    "__bool__ should return bool, returned {}",
                    r.ob_type().name()
                ))),
            }
        }
        Impl::Static(t) => (t.slots.number.bool.unwrap_or(|_, _| Ok(true)))(vm, obj),
        Impl::Missing => {
            match find_impl(vm, obj.ob_type(), "__len__", |t| t.slots.len.is_some())? {
                Impl::Missing => Ok(true),
                _ => Ok(slot_len(vm, obj)? > 0),
            }
        }
    }
}

fn slot_len(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    match find_impl(vm, obj.ob_type(), "__len__", |t| t.slots.len.is_some())? {
        Impl::Py(f) => {
            let r = call_impl(vm, &f, obj, &[])?;
            match int::value(&r) {
                Some(int::IntValue::Small(v)) if v >= 0 => Ok(v as usize),
                Some(_) if int::as_i64(&r).is_some_and(|v| v < 0) => {
                    Err(vm.value_error("__len__() should return >= 0"))
                }
                Some(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
                None => Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    r.ob_type().name()
                ))),
            }
        }
        Impl::Static(t) => (t.slots.len.unwrap_or(|_, _| Ok(0)))(vm, obj),
        Impl::Missing => Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            obj.ob_type().name()
        ))),
    }
}

fn slot_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), "__getitem__", |t| {
        t.slots.getitem.is_some()
    })? {
        Impl::Py(f) => call_impl(vm, &f, obj, std::slice::from_ref(key)),
        Impl::Static(t) => (t
            .slots
            .getitem
            .unwrap_or(|vm, _, _| Err(vm.type_error("not subscriptable"))))(
            vm, obj, key
        ),
        // Classes are subscriptable through __class_getitem__.
        Impl::Missing => ops::class_getitem(vm, obj, key),
    }
}

fn slot_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let name = if value.is_some() {
        "__setitem__"
    } else {
        "__delitem__"
    };
    match find_impl(vm, obj.ob_type(), name, |t| t.slots.setitem.is_some())? {
        Impl::Py(f) => {
            let mut args = vec![key.clone()];
            args.extend(value.cloned());
            call_impl(vm, &f, obj, &args).map(|_| ())
        }
        Impl::Static(t) => match t.slots.setitem {
            Some(f) => f(vm, obj, key, value),
            None => Err(vm.type_error("item assignment")),
        },
        Impl::Missing if value.is_some() => Err(vm.type_error(&format!(
            "'{}' object does not support item assignment",
            obj.ob_type().name()
        ))),
        Impl::Missing => Err(vm.type_error(&format!(
            "'{}' object doesn't support item deletion",
            obj.ob_type().name()
        ))),
    }
}

fn slot_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    match find_impl(vm, obj.ob_type(), "__contains__", |t| {
        t.slots.contains.is_some()
    })? {
        Impl::Py(f) => {
            let r = call_impl(vm, &f, obj, std::slice::from_ref(item))?;
            ops::truthy(vm, &r)
        }
        Impl::Static(t) => (t.slots.contains.unwrap_or(|_, _, _| Ok(false)))(vm, obj, item),
        Impl::Missing => {
            let it = slot_iter(vm, obj)?;
            while let Some(x) = ops::next(vm, &it)? {
                if ops::eq(vm, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// Whether `obj` is an iterator (CPython's `PyIter_Check`): a builtin type with a `next`
/// slot, or a class whose MRO defines `__next__` (every class has the `next` slot).
pub fn is_iterator(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    let ty = obj.ob_type();
    if ty.is_heap_type() {
        return Ok(attr::type_lookup(vm, ty, "__next__")?.is_some());
    }
    Ok(ty.slots.next.is_some())
}

fn slot_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), "__iter__", |t| t.slots.iter.is_some())? {
        Impl::Py(f) if none::is_none(&f) => Err(vm.type_error(&format!(
            "'{}' object is not iterable",
            obj.ob_type().name()
        ))),
        Impl::Py(f) => {
            let it = call_impl(vm, &f, obj, &[])?;
            if !is_iterator(vm, &it)? {
                return Err(vm.type_error(&format!(
                    "iter() returned non-iterator of type '{}'",
                    it.ob_type().name()
                )));
            }
            Ok(it)
        }
        Impl::Static(t) => {
            (t.slots
                .iter
                .unwrap_or(|vm, _| Err(vm.type_error("not iterable"))))(vm, obj)
        }
        Impl::Missing => match find_impl(vm, obj.ob_type(), "__getitem__", |t| {
            t.slots.getitem.is_some()
        })? {
            Impl::Missing => Err(vm.type_error(&format!(
                "'{}' object is not iterable",
                obj.ob_type().name()
            ))),
            _ => crate::objects::iter::new_getitem_iter(vm, obj),
        },
    }
}

fn slot_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    match find_impl(vm, obj.ob_type(), "__next__", |t| t.slots.next.is_some())? {
        Impl::Py(f) => match call_impl(vm, &f, obj, &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.matches(&exceptions::STOP_ITERATION) => Err(e),
            Err(e) => Err(e),
        },
        Impl::Static(t) => (t.slots.next.unwrap_or(|_, _| Ok(None)))(vm, obj),
        Impl::Missing => Err(vm.type_error(&format!(
            "'{}' object is not an iterator",
            obj.ob_type().name()
        ))),
    }
}

fn slot_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    match find_impl(vm, obj.ob_type(), "__call__", |t| t.slots.call.is_some())? {
        Impl::Py(f) => {
            if crate::objects::function::is_function(&f) {
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(obj.clone());
                full.extend_from_slice(args);
                return ops::call(vm, &f, &full, kwnames);
            }
            // `__call__` may itself be an instance whose class's `__call__` is... (CPython's
            // `slot_tp_call` counts this native recursion too).
            let _depth = vm.enter_native_for("while calling a Python object")?;
            let bound = attr::descr_get(vm, f, Some(obj), &obj.type_object())?;
            ops::call(vm, &bound, args, kwnames)
        }
        Impl::Static(t) => match t.slots.call {
            Some(f) => f(vm, obj, args, kwnames),
            None => Err(vm.type_error("not callable")),
        },
        Impl::Missing => Err(vm.type_error(&format!(
            "'{}' object is not callable",
            obj.ob_type().name()
        ))),
    }
}

fn slot_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let result = match find_impl(vm, obj.ob_type(), "__getattribute__", |_| false)? {
        Impl::Py(f) => {
            let n = vm.intern(name)?;
            call_impl(vm, &f, obj, &[n]).map(Some)
        }
        _ => {
            if obj.as_type().is_some() {
                match attr::type_getattr(vm, obj, name)? {
                    Some(v) => Ok(Some(v)),
                    None => crate::objects::typetype::type_data_attr(vm, obj, name),
                }
            } else {
                attr::generic_getattr(vm, obj, name)
            }
        }
    };
    let missing = match &result {
        Ok(None) => true,
        Err(e) => e.matches(&exceptions::ATTRIBUTE_ERROR),
        Ok(Some(_)) => false,
    };
    if missing {
        if let Impl::Py(f) = find_impl(vm, obj.ob_type(), "__getattr__", |_| false)? {
            let n = vm.intern(name)?;
            return call_impl(vm, &f, obj, &[n]).map(Some);
        }
    }
    result
}

fn slot_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let dunder = if value.is_some() {
        "__setattr__"
    } else {
        "__delattr__"
    };
    if let Impl::Py(f) = find_impl(vm, obj.ob_type(), dunder, |_| false)? {
        let mut args = vec![name.clone()];
        args.extend(value);
        return call_impl(vm, &f, obj, &args).map(|_| ());
    }
    if obj.as_type().is_some() {
        return crate::objects::typetype::type_setattr(vm, obj, name, value);
    }
    attr::generic_setattr(vm, obj, name, value)
}

fn slot_descr_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, ty: &ObjRef) -> PyResult<ObjRef> {
    match find_impl(vm, d.ob_type(), "__get__", |t| t.slots.descr_get.is_some())? {
        Impl::Py(f) => call_impl(
            vm,
            &f,
            d,
            &[obj.cloned().unwrap_or_else(none::none), ty.clone()],
        ),
        Impl::Static(t) => match t.slots.descr_get {
            Some(g) => g(vm, d, obj, ty),
            None => Ok(d.clone()),
        },
        Impl::Missing => Ok(d.clone()),
    }
}

fn slot_descr_set(vm: &Vm, d: &ObjRef, obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let name = if value.is_some() {
        "__set__"
    } else {
        "__delete__"
    };
    match find_impl(vm, d.ob_type(), name, |t| t.slots.descr_set.is_some())? {
        Impl::Py(f) => {
            let mut args = vec![obj.clone()];
            args.extend(value);
            call_impl(vm, &f, d, &args).map(|_| ())
        }
        Impl::Static(t) => match t.slots.descr_set {
            Some(s) => s(vm, d, obj, value),
            None => Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, name)),
        },
        Impl::Missing => Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, name)),
    }
}

/// Whether a heap type defines `__set__` or `__delete__` (is a data descriptor).
pub fn heap_is_data_descriptor(vm: &Vm, ty: &TypeObject) -> bool {
    ["__set__", "__delete__"].iter().any(|n| {
        matches!(
            find_impl(vm, ty, n, |t| t.slots.descr_set.is_some()),
            Ok(Impl::Py(_)) | Ok(Impl::Static(_))
        )
    })
}

/// Whether static type `t`'s `new` slot builds instances of `ty`: `ty` derives from `t` and its
/// nearest static base allocates the way `t` does.
fn builds_instances_of(t: &TypeObject, ty: &TypeObject) -> bool {
    if !ty.is_subtype(t) {
        return false;
    }
    let base = crate::objects::classobj::static_base(ty);
    match (base.slots.new, t.slots.new) {
        (Some(a), Some(b)) => std::ptr::fn_addr_eq(a, b),
        _ => false,
    }
}

/// Whether calling `ty` runs [`slot_new`] (`__new__` then `__init__` found along the MRO), as
/// for every class.
pub fn new_then_init(ty: &TypeObject) -> bool {
    ty.slots
        .new
        .is_some_and(|f| std::ptr::fn_addr_eq(f, slot_new as crate::object::typeobj::NewFn))
}

/// Calling a class: `__new__` then `__init__` (CPython's `type_call` with `slot_tp_new` and
/// `slot_tp_init`).
fn slot_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let cls = ObjRef::from_type_ref(ty);
    let init = find_impl(vm, ty, "__init__", |t| {
        t.methods.iter().any(|m| m.name == "__init__")
    })?;
    let init_overridden = matches!(init, Impl::Py(_));
    let mut new_in_python = false;
    let obj = match find_impl(vm, ty, "__new__", |t| t.slots.new.is_some())? {
        Impl::Py(f) => {
            new_in_python = true;
            let f = attr::descr_get(vm, f, None, &cls)?;
            let mut full = vec![cls.clone()];
            full.extend_from_slice(args);
            ops::call(vm, &f, &full, kwnames)?
        }
        Impl::Static(t) => {
            // A builtin's `__new__` wrapper in a class's dict (`__new__ = list.__new__`) leaves
            // the class its inherited constructor, as CPython's slot update does.
            let t = if builds_instances_of(t, ty) {
                t
            } else {
                crate::objects::classobj::static_base(ty)
            };
            let static_new = t
                .slots
                .new
                .ok_or_else(|| vm.type_error("cannot create instances"))?;
            let consumes_args = crate::modules::builtins::new_consumes_args(t);
            if consumes_args || !init_overridden {
                if !consumes_args
                    && std::ptr::eq(t, &crate::objects::typetype::OBJECT_TYPE)
                    && !args.is_empty()
                {
                    return Err(vm.type_error(&format!("{}() takes no arguments", ty.name())));
                }
                let r = static_new(vm, ty, args, kwnames)?;
                if !init_overridden {
                    return Ok(r);
                }
                r
            } else {
                static_new(vm, ty, &[], None)?
            }
        }
        Impl::Missing => {
            return Err(vm.type_error(&format!("cannot create '{}' instances", ty.name())))
        }
    };
    if !obj.is_instance(ty) {
        return Ok(obj);
    }
    // `__new__` may return an instance of a subclass: its `__init__` runs (CPython's
    // `type_call` initializes by the object's own type).
    let init = if std::ptr::eq(obj.ob_type(), ty) {
        init
    } else {
        find_impl(vm, obj.ob_type(), "__init__", |t| {
            t.methods.iter().any(|m| m.name == "__init__")
        })?
    };
    if new_in_python && !matches!(init, Impl::Py(_)) && obj.is_instance(&exceptions::BASE_EXCEPTION)
    {
        // `BaseException.__new__` only stored the arguments: the builtin `__init__` checks
        // them and sets the class's fields.
        let init = ops::getattr(vm, &obj, "__init__")?;
        ops::call(vm, &init, args, kwnames)?;
    }
    if let Impl::Py(f) = init {
        // A Python function binds to a method calling it with the instance first: called so
        // directly, without making the method.
        let r = if crate::objects::function::is_function(&f) {
            crate::objects::method::call_with_self(vm, &f, &obj, args, kwnames)?
        } else {
            let bound = attr::descr_get(vm, f, Some(&obj), &cls)?;
            ops::call(vm, &bound, args, kwnames)?
        };
        if !none::is_none(&r) {
            return Err(vm.type_error(&format!(
                "__init__() should return None, not '{}'",
                r.ob_type().name()
            )));
        }
    }
    Ok(obj)
}

/// The slots every heap type gets.
pub const HEAP_SLOTS: Slots = Slots {
    repr: Some(slot_repr),
    str: Some(slot_str),
    hash: Some(slot_hash),
    richcompare: Some(slot_richcompare),
    number: NumberSlots {
        add: Some(slot_add),
        subtract: Some(slot_sub),
        multiply: Some(slot_mul),
        true_divide: Some(slot_truediv),
        floor_divide: Some(slot_floordiv),
        remainder: Some(slot_mod),
        power: Some(slot_pow),
        lshift: Some(slot_lshift),
        rshift: Some(slot_rshift),
        and: Some(slot_and),
        or: Some(slot_or),
        xor: Some(slot_xor),
        matrix_multiply: Some(slot_matmul),
        divmod: Some(slot_divmod),
        negative: Some(slot_neg),
        positive: Some(slot_pos),
        invert: Some(slot_invert),
        absolute: Some(slot_abs),
        bool: Some(slot_bool),
        int: Some(slot_int),
        float: Some(slot_float),
        index: Some(slot_index),
        ..NumberSlots::EMPTY
    },
    len: Some(slot_len),
    getitem: Some(slot_getitem),
    setitem: Some(slot_setitem),
    contains: Some(slot_contains),
    iter: Some(slot_iter),
    next: Some(slot_next),
    call: Some(slot_call),
    getattr: Some(slot_getattr),
    new: Some(slot_new),
    setattr: Some(slot_setattr),
    descr_get: Some(slot_descr_get),
    descr_set: Some(slot_descr_set),
    finalize: Some(crate::vm::finalize::heap_type_finalize),
    ..Slots::EMPTY
};

/// Whether `f` is the heap types' binary slot (so `binary_op` calls it once for both sides).
pub fn is_heap_binop(ty: &TypeObject, op: BinaryOp) -> bool {
    ty.is_heap_type() && ops::number_slot(ty, op).is_some()
}
