//! `weakref.ReferenceType`, over the core's weak reference table (the proxies are in
//! `weakproxy.rs`).

use crate::object::weakref::{register_after, weakrefs_of, WeakRefPayload};
use crate::object::CompareOp;
use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

pub use super::weakproxy::{new_proxy, CALLABLE_PROXY_TYPE, PROXY_TYPE};

/// The payload vtable shared by references and proxies.
pub(super) static WEAKREF_VTABLE: PayloadVTable = PayloadVTable::of::<WeakRefPayload>();

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
        return h.ext.weakref_slot.is_some()
            || obj.as_type().is_some()
            || t.is_subtype(&crate::objects::module::MODULE_TYPE);
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

pub(super) fn not_weakrefable(vm: &Vm, obj: &ObjRef) -> crate::vm::PyErr {
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
    let (basic_ref, basic_proxy) = basic_refs(obj);
    let basic = callback.is_none() && std::ptr::eq(ty, &WEAKREF_TYPE);
    if basic {
        if let Some(r) = basic_ref {
            return Ok(r);
        }
    }
    let wr = new_object(ty, WeakRefPayload::new(obj, callback)).or_mem(vm)?;
    // The shared reference goes first; others after the shared reference and proxy.
    let prev = if basic {
        None
    } else {
        basic_proxy.or(basic_ref)
    };
    register_after(&wr, prev.as_ref());
    Ok(wr)
}

/// The shared callback-less reference and proxy of `obj`, if it has them: CPython keeps them
/// at the head of the referent's list, the reference first.
pub(super) fn basic_refs(obj: &ObjRef) -> (Option<ObjRef>, Option<ObjRef>) {
    let mut refs = weakrefs_of(obj).into_iter();
    let no_callback = |w: &ObjRef| {
        w.downcast::<WeakRefPayload>()
            .is_some_and(|p| p.callback.get().is_none())
    };
    let mut next = refs.next();
    let mut basic_ref = None;
    if let Some(w) = next.take() {
        if std::ptr::eq(w.ob_type(), &WEAKREF_TYPE) && no_callback(&w) {
            basic_ref = Some(w);
            next = refs.next();
        } else {
            next = Some(w);
        }
    }
    let basic_proxy = next.filter(|w| super::weakproxy::is_proxy(w) && no_callback(w));
    (basic_ref, basic_proxy)
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
    let text = match p.get() {
        Some(obj) => format!(
            "<weakref at {:#x}; to '{}' at {:#x}>",
            wr.addr(),
            qualified_type_name(vm, &obj),
            obj.addr()
        ),
        None => format!("<weakref at {:#x}; dead>", wr.addr()),
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
/// `ref.__init__(obj, callback=None)`: checks the positional count only (keywords are left to
/// subclasses, as in CPython); `__new__` did the work.
fn ref_init(vm: &Vm, _wr: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = split_args(args, kwnames);
    match pos.len() {
        0 => Err(vm.type_error("__init__ expected at least 1 argument, got 0")),
        1 | 2 => Ok(none::none()),
        n => Err(vm.type_error(&format!("__init__ expected at most 2 arguments, got {n}"))),
    }
}

static WEAKREF_METHODS: [crate::object::MethodDef; 2] = [
    crate::object::MethodDef {
        name: "__init__",
        func: ref_init,
        flags: 0,
    },
    crate::class_getitem_def!("weakref.ReferenceType"),
];

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
