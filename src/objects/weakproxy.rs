//! `weakref.ProxyType` and `weakref.CallableProxyType`: weak references that stand for their
//! referent. Every attribute (`__class__` included), operator and protocol goes to the referent
//! while it lives; afterwards each raises `ReferenceError`. Only the proxy's own type, its
//! `repr`, and hashing (proxies are unhashable) are the proxy's.

use crate::object::weakref::{register_after, WeakRefPayload};
use crate::object::{new_object, NumberSlots, ObjHeader, ObjRef, Slots, TypeObject};
use crate::object::{BinaryOp, CompareOp, MethodDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, float, int, none, str as pystr};
use crate::vm::args::no_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

use super::weakref::{basic_refs, is_weakrefable, not_weakrefable, WEAKREF_VTABLE};

/// Whether `wr` is a weak proxy (callable or not).
pub fn is_proxy(wr: &ObjRef) -> bool {
    let t = wr.ob_type();
    std::ptr::eq(t, &PROXY_TYPE) || std::ptr::eq(t, &CALLABLE_PROXY_TYPE)
}

/// `weakref.proxy(obj, callback=None)`. Without a callback the proxy is shared, as CPython's:
/// every callback-less proxy of an object is the same one while it lives.
pub fn new_proxy(vm: &Vm, obj: &ObjRef, callback: Option<ObjRef>) -> PyResult<ObjRef> {
    if !is_weakrefable(obj) {
        return Err(not_weakrefable(vm, obj));
    }
    let (basic_ref, basic_proxy) = basic_refs(obj);
    if callback.is_none() {
        if let Some(p) = basic_proxy {
            return Ok(p);
        }
    }
    let t = obj.ob_type();
    let callable = if t.is_heap_type() {
        matches!(crate::vm::attr::type_lookup(vm, t, "__call__"), Ok(Some(_)))
    } else {
        t.slots.call.is_some()
    };
    let ty = if callable {
        &CALLABLE_PROXY_TYPE
    } else {
        &PROXY_TYPE
    };
    let wr = new_object(ty, WeakRefPayload::new(obj, callback.clone())).or_mem(vm)?;
    // The shared proxy goes right after the shared reference; others after both.
    let prev = if callback.is_none() {
        basic_ref
    } else {
        basic_proxy.or(basic_ref)
    };
    register_after(&wr, prev.as_ref());
    Ok(wr)
}

fn referent(vm: &Vm, proxy: &ObjRef) -> PyResult<ObjRef> {
    proxy
        .downcast::<WeakRefPayload>()
        .ok_or_else(|| vm.type_error("expected a weak proxy"))?
        .get()
        .ok_or_else(|| {
            vm.new_error(
                &exceptions::REFERENCE_ERROR,
                "weakly-referenced object no longer exists",
            )
        })
}

/// A proxy operand stands for its referent; anything else for itself.
fn unwrap(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    if is_proxy(o) {
        referent(vm, o)
    } else {
        Ok(o.clone())
    }
}

fn proxy_repr(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    // CPython names the referent's type (`tp_name`); a dead proxy shows None's.
    let target = p
        .downcast::<WeakRefPayload>()
        .and_then(WeakRefPayload::get)
        .unwrap_or_else(none::none);
    let text = format!(
        "<weakproxy at {:#x} to {} at {:#x}>",
        p.addr(),
        target.ob_type().name(),
        target.addr()
    );
    pystr::new_str_vm(vm, &text)
}

/// Every attribute is the referent's (the proxy's `getattr` slot is its whole lookup: see
/// `tpflags::OWN_GETATTR`).
fn proxy_getattr(vm: &Vm, p: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    ops::getattr(vm, &referent(vm, p)?, name).map(Some)
}

fn proxy_setattr(vm: &Vm, p: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    ops::setattr(vm, &referent(vm, p)?, name, value)
}

fn proxy_str(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::str(vm, &referent(vm, p)?)
}

fn proxy_call(vm: &Vm, p: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::call(vm, &referent(vm, p)?, args, kwnames)
}

fn proxy_hash(vm: &Vm, p: &ObjRef) -> PyResult<i64> {
    Err(vm.type_error(&format!("unhashable type: '{}'", p.ob_type().name())))
}

fn proxy_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    ops::richcompare(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, op)
}

fn proxy_len(vm: &Vm, p: &ObjRef) -> PyResult<usize> {
    let o = referent(vm, p)?;
    match o.ob_type().slots.len {
        Some(f) => f(vm, &o),
        None => Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            o.ob_type().name()
        ))),
    }
}

fn proxy_bool(vm: &Vm, p: &ObjRef) -> PyResult<bool> {
    ops::truthy(vm, &referent(vm, p)?)
}

fn proxy_getitem(vm: &Vm, p: &ObjRef, k: &ObjRef) -> PyResult<ObjRef> {
    ops::getitem(vm, &referent(vm, p)?, k)
}

fn proxy_setitem(vm: &Vm, p: &ObjRef, k: &ObjRef, v: Option<&ObjRef>) -> PyResult<()> {
    ops::setitem(vm, &referent(vm, p)?, k, v)
}

fn proxy_contains(vm: &Vm, p: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    ops::contains(vm, &referent(vm, p)?, item)
}

fn proxy_iter(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::iter(vm, &referent(vm, p)?)
}

/// `next(proxy)`: the referent's next item; a referent that is not an iterator is refused
/// before anything is called.
fn proxy_next(vm: &Vm, p: &ObjRef) -> PyResult<Option<ObjRef>> {
    let o = referent(vm, p)?;
    let Some(f) = o.ob_type().slots.next else {
        return Err(vm.type_error(&format!(
            "Weakref proxy referenced a non-iterator '{}' object",
            o.ob_type().name()
        )));
    };
    f(vm, &o)
}

macro_rules! proxy_binops {
    ($($f:ident, $fi:ident => $op:expr;)*) => {
        $(
            fn $f(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
                ops::binary_op(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, $op, false)
            }
            fn $fi(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
                ops::binary_op(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, $op, true)
            }
        )*
    };
}

proxy_binops! {
    proxy_add, proxy_iadd => BinaryOp::Add;
    proxy_sub, proxy_isub => BinaryOp::Subtract;
    proxy_mul, proxy_imul => BinaryOp::Multiply;
    proxy_truediv, proxy_itruediv => BinaryOp::TrueDivide;
    proxy_floordiv, proxy_ifloordiv => BinaryOp::FloorDivide;
    proxy_mod, proxy_imod => BinaryOp::Remainder;
    proxy_pow, proxy_ipow => BinaryOp::Power;
    proxy_lshift, proxy_ilshift => BinaryOp::Lshift;
    proxy_rshift, proxy_irshift => BinaryOp::Rshift;
    proxy_and, proxy_iand => BinaryOp::And;
    proxy_or, proxy_ior => BinaryOp::Or;
    proxy_xor, proxy_ixor => BinaryOp::Xor;
    proxy_matmul, proxy_imatmul => BinaryOp::MatrixMultiply;
}

fn proxy_divmod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    ops::divmod(vm, &unwrap(vm, a)?, &unwrap(vm, b)?)
}

fn proxy_neg(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::unary(vm, &referent(vm, p)?, "-")
}

fn proxy_pos(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::unary(vm, &referent(vm, p)?, "+")
}

fn proxy_invert(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::unary(vm, &referent(vm, p)?, "~")
}

fn proxy_abs(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    let o = referent(vm, p)?;
    if let Some(f) = o.ob_type().slots.number.absolute {
        let r = f(vm, &o)?;
        if !none::is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(vm.type_error(&format!(
        "bad operand type for abs(): '{}'",
        o.ob_type().name()
    )))
}

fn proxy_int(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    let o = referent(vm, p)?;
    ops::call(vm, &ObjRef::from_type(&int::INT_TYPE), &[o], None)
}

fn proxy_float(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    let o = referent(vm, p)?;
    ops::call(vm, &ObjRef::from_type(&float::FLOAT_TYPE), &[o], None)
}

fn proxy_index(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    let o = referent(vm, p)?;
    ops::index(vm, &o)?.ok_or_else(|| {
        vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            o.ob_type().name()
        ))
    })
}

fn m_bytes(vm: &Vm, p: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__bytes__", args, kw)?;
    let o = referent(vm, p)?;
    ops::call(
        vm,
        &ObjRef::from_type(&super::bytes::BYTES_TYPE),
        &[o],
        None,
    )
}

fn m_reversed(vm: &Vm, p: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__reversed__", args, kw)?;
    super::builtin_iters::reversed(vm, &referent(vm, p)?)
}

/// `dir(proxy)`: CPython's `object.__dir__` reads the proxy's `__dict__` and `__class__`, which
/// are the referent's, so the names are the referent's.
fn m_dir(vm: &Vm, p: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__dir__", args, kw)?;
    crate::modules::builtins::dir_of(vm, &referent(vm, p)?)
}

static PROXY_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "__dir__",
        func: m_dir,
        flags: 0,
    },
    MethodDef {
        name: "__bytes__",
        func: m_bytes,
        flags: 0,
    },
    MethodDef {
        name: "__reversed__",
        func: m_reversed,
        flags: 0,
    },
];

const PROXY_SLOTS: Slots = Slots {
    repr: Some(proxy_repr),
    str: Some(proxy_str),
    hash: Some(proxy_hash),
    richcompare: Some(proxy_richcompare),
    number: NumberSlots {
        add: Some(proxy_add),
        subtract: Some(proxy_sub),
        multiply: Some(proxy_mul),
        true_divide: Some(proxy_truediv),
        floor_divide: Some(proxy_floordiv),
        remainder: Some(proxy_mod),
        power: Some(proxy_pow),
        lshift: Some(proxy_lshift),
        rshift: Some(proxy_rshift),
        and: Some(proxy_and),
        or: Some(proxy_or),
        xor: Some(proxy_xor),
        matrix_multiply: Some(proxy_matmul),
        divmod: Some(proxy_divmod),
        negative: Some(proxy_neg),
        positive: Some(proxy_pos),
        invert: Some(proxy_invert),
        absolute: Some(proxy_abs),
        bool: Some(proxy_bool),
        int: Some(proxy_int),
        float: Some(proxy_float),
        index: Some(proxy_index),
        inplace_add: Some(proxy_iadd),
        inplace_subtract: Some(proxy_isub),
        inplace_multiply: Some(proxy_imul),
        inplace_true_divide: Some(proxy_itruediv),
        inplace_floor_divide: Some(proxy_ifloordiv),
        inplace_remainder: Some(proxy_imod),
        inplace_power: Some(proxy_ipow),
        inplace_lshift: Some(proxy_ilshift),
        inplace_rshift: Some(proxy_irshift),
        inplace_and: Some(proxy_iand),
        inplace_or: Some(proxy_ior),
        inplace_xor: Some(proxy_ixor),
        inplace_matrix_multiply: Some(proxy_imatmul),
    },
    len: Some(proxy_len),
    getitem: Some(proxy_getitem),
    setitem: Some(proxy_setitem),
    contains: Some(proxy_contains),
    iter: Some(proxy_iter),
    next: Some(proxy_next),
    getattr: Some(proxy_getattr),
    setattr: Some(proxy_setattr),
    ..Slots::EMPTY
};

/// `weakref.ProxyType`.
pub static PROXY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "weakref.ProxyType",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::OWN_GETATTR,
    payload: &WEAKREF_VTABLE,
    slots: PROXY_SLOTS,
    methods: &PROXY_METHODS,
    doc: "",
};

/// `weakref.CallableProxyType`.
pub static CALLABLE_PROXY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "weakref.CallableProxyType",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::OWN_GETATTR,
    payload: &WEAKREF_VTABLE,
    slots: Slots {
        call: Some(proxy_call),
        ..PROXY_SLOTS
    },
    methods: &PROXY_METHODS,
    doc: "",
};
