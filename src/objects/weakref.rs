//! `weakref.ReferenceType` and the weak proxies, over the core's weak reference table.

use crate::object::weakref::{register, weakrefs_of, WeakRefPayload};
use crate::object::{new_object, NumberSlots, ObjHeader, ObjRef, PayloadVTable, Slots, TypeObject};
use crate::object::{BinaryOp, CompareOp};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, exceptions, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

static WEAKREF_VTABLE: PayloadVTable = PayloadVTable::of::<WeakRefPayload>();

/// Whether objects of `obj`'s type can be weakly referenced (as in CPython: functions, classes,
/// sets, generators, methods, modules, and instances of classes with `__weakref__`).
pub fn is_weakrefable(obj: &ObjRef) -> bool {
    let t = obj.ob_type();
    // Classes, builtin ones included: a static type never dies, so a weak reference to it
    // stays alive (it is registered, and leaves the table when it is freed).
    if obj.as_type().is_some() {
        return true;
    }
    if obj.header().is_immortal() || !t.is_container() {
        return false;
    }
    if let Some(h) = t.heap() {
        return h.ext.weakref_slot.is_some() || obj.as_type().is_some();
    }
    matches!(
        t.name(),
        "function"
            | "type"
            | "set"
            | "frozenset"
            | "generator"
            | "method"
            | "module"
            | "weakref.ReferenceType"
            | "collections.deque"
            | "functools.partial"
            | "functools._lru_cache_wrapper"
            | "re.Pattern"
            | "itertools._tee"
    ) || t.name().starts_with("_io.")
        || obj.as_type().is_some()
}

fn payload<'a>(vm: &Vm, wr: &'a ObjRef) -> PyResult<&'a WeakRefPayload> {
    wr.downcast::<WeakRefPayload>()
        .ok_or_else(|| vm.type_error("expected a weak reference"))
}

fn not_weakrefable(vm: &Vm, obj: &ObjRef) -> crate::vm::PyErr {
    vm.type_error(&format!(
        "cannot create weak reference to '{}' object",
        obj.ob_type().name()
    ))
}

/// `weakref.ref(obj, callback=None)` for type `ty` (ref or a subclass).
pub fn new_ref(
    vm: &Vm,
    ty: &TypeObject,
    obj: &ObjRef,
    callback: Option<ObjRef>,
) -> PyResult<ObjRef> {
    if !is_weakrefable(obj) {
        return Err(not_weakrefable(vm, obj));
    }
    // A plain weak reference without a callback is shared, as in CPython.
    if callback.is_none() && std::ptr::eq(ty, &WEAKREF_TYPE) {
        for existing in weakrefs_of(obj) {
            if std::ptr::eq(existing.ob_type(), &WEAKREF_TYPE)
                && existing
                    .downcast::<WeakRefPayload>()
                    .is_some_and(|p| p.callback.get().is_none())
            {
                return Ok(existing);
            }
        }
    }
    let wr = new_object(ty, WeakRefPayload::new(obj, callback)).or_mem(vm)?;
    register(&wr);
    Ok(wr)
}

fn ref_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    if !kw.is_empty() && std::ptr::eq(ty, &WEAKREF_TYPE) {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    match pos {
        [obj] => new_ref(vm, ty, obj, None),
        [obj, cb, ..] => {
            let cb = if none::is_none(cb) {
                None
            } else {
                Some(cb.clone())
            };
            new_ref(vm, ty, obj, cb)
        }
        _ => Err(vm.type_error(&format!(
            "__new__ expected at least 1 argument, got {}",
            pos.len()
        ))),
    }
}

fn ref_call(vm: &Vm, wr: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "weakref", args, kwnames)?;
    Ok(payload(vm, wr)?.get().unwrap_or_else(none::none))
}

fn ref_hash(vm: &Vm, wr: &ObjRef) -> PyResult<i64> {
    let p = payload(vm, wr)?;
    if let Some(h) = p.hash.get() {
        return Ok(h);
    }
    let Some(obj) = p.get() else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = ops::hash(vm, &obj)?;
    p.hash.set(Some(h));
    Ok(h)
}

fn ref_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(pa), Some(pb)) = (
        a.downcast::<WeakRefPayload>(),
        b.downcast::<WeakRefPayload>(),
    ) else {
        return Ok(none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    match (pa.get(), pb.get()) {
        (Some(x), Some(y)) => ops::richcompare(vm, &x, &y, op),
        _ => {
            let same = a.is(b);
            Ok(boolobj::new_bool(if op == CompareOp::Eq {
                same
            } else {
                !same
            }))
        }
    }
}

fn ref_repr(vm: &Vm, wr: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, wr)?;
    let kind = if std::ptr::eq(wr.ob_type().payload, &WEAKREF_VTABLE) && is_proxy(wr) {
        "weakproxy"
    } else {
        "weakref"
    };
    let text = match p.get() {
        Some(obj) => format!(
            "<{kind} at {:#x}; to '{}' at {:#x}>",
            wr.addr(),
            qualified_type_name(vm, &obj),
            obj.addr()
        ),
        None => format!("<{kind} at {:#x}; dead>", wr.addr()),
    };
    pystr::new_str_vm(vm, &text)
}

fn qualified_type_name(vm: &Vm, obj: &ObjRef) -> String {
    let t = obj.type_object();
    let module = ops::getattr(vm, &t, "__module__")
        .ok()
        .and_then(|m| pystr::as_str(&m).map(str::to_string));
    let name = ops::getattr(vm, &t, "__qualname__")
        .ok()
        .and_then(|m| pystr::as_str(&m).map(str::to_string))
        .unwrap_or_else(|| obj.ob_type().name().to_string());
    match module.as_deref() {
        Some("builtins") | None => name,
        Some(m) => format!("{m}.{name}"),
    }
}

fn ref_getattr(vm: &Vm, wr: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let p = payload(vm, wr)?;
    Ok(match name {
        "__callback__" => Some(p.callback.get().unwrap_or_else(none::none)),
        _ => None,
    })
}

/// The data attribute of `weakref.ReferenceType` (a read-only member in CPython).
static WEAKREF_GETSET: [crate::object::GetSetDef; 1] = [crate::object::GetSetDef {
    name: "__callback__",
    get: ref_getattr,
    set: Some(crate::objects::getset::readonly),
}];
static WEAKREF_METHODS: [crate::object::MethodDef; 1] =
    [crate::class_getitem_def!("weakref.ReferenceType")];

/// `weakref.ReferenceType`.
pub static WEAKREF_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &WEAKREF_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "weakref.ReferenceType",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &WEAKREF_VTABLE,
    slots: Slots {
        repr: Some(ref_repr),
        hash: Some(ref_hash),
        richcompare: Some(ref_richcompare),
        call: Some(ref_call),
        getattr: Some(ref_getattr),
        new: Some(ref_new),
        ..Slots::EMPTY
    },
    methods: &WEAKREF_METHODS,
    doc: "",
};

// ---- proxies --------------------------------------------------------------------------------

fn is_proxy(wr: &ObjRef) -> bool {
    let t = wr.ob_type();
    std::ptr::eq(t, &PROXY_TYPE) || std::ptr::eq(t, &CALLABLE_PROXY_TYPE)
}

/// `weakref.proxy(obj, callback=None)`.
pub fn new_proxy(vm: &Vm, obj: &ObjRef, callback: Option<ObjRef>) -> PyResult<ObjRef> {
    if !is_weakrefable(obj) {
        return Err(not_weakrefable(vm, obj));
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
    let wr = new_object(ty, WeakRefPayload::new(obj, callback)).or_mem(vm)?;
    register(&wr);
    Ok(wr)
}

fn referent(vm: &Vm, proxy: &ObjRef) -> PyResult<ObjRef> {
    payload(vm, proxy)?.get().ok_or_else(|| {
        vm.new_error(
            &exceptions::REFERENCE_ERROR,
            "weakly-referenced object no longer exists",
        )
    })
}

fn unwrap(vm: &Vm, o: &ObjRef) -> PyResult<ObjRef> {
    if is_proxy(o) {
        referent(vm, o)
    } else {
        Ok(o.clone())
    }
}

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

fn proxy_hash(vm: &Vm, _p: &ObjRef) -> PyResult<i64> {
    Err(vm.type_error("unhashable type: 'weakref.ProxyType'"))
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

macro_rules! proxy_binops {
    ($($f:ident => $op:expr,)*) => {
        $(fn $f(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
            ops::binary_op(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, $op, false)
        })*
    };
}

proxy_binops! {
    proxy_add => BinaryOp::Add,
    proxy_sub => BinaryOp::Subtract,
    proxy_mul => BinaryOp::Multiply,
    proxy_truediv => BinaryOp::TrueDivide,
    proxy_floordiv => BinaryOp::FloorDivide,
    proxy_mod => BinaryOp::Remainder,
}

fn proxy_neg(vm: &Vm, p: &ObjRef) -> PyResult<ObjRef> {
    ops::unary(vm, &referent(vm, p)?, "-")
}

const PROXY_SLOTS: Slots = Slots {
    repr: Some(ref_repr),
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
        negative: Some(proxy_neg),
        bool: Some(proxy_bool),
        ..NumberSlots::EMPTY
    },
    len: Some(proxy_len),
    getitem: Some(proxy_getitem),
    setitem: Some(proxy_setitem),
    contains: Some(proxy_contains),
    iter: Some(proxy_iter),
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
    flags: 0,
    payload: &WEAKREF_VTABLE,
    slots: PROXY_SLOTS,
    methods: &[],
    doc: "",
};

/// `weakref.CallableProxyType`.
pub static CALLABLE_PROXY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "weakref.CallableProxyType",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &WEAKREF_VTABLE,
    slots: Slots {
        call: Some(proxy_call),
        ..PROXY_SLOTS
    },
    methods: &[],
    doc: "",
};
