//! `method`: a function bound to an instance (or, for classmethods, to a class).

use crate::object::CompareOp;
use crate::object::{new_object, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a bound method.
pub struct MethodObject {
    /// `__func__`.
    pub func: ObjRef,
    /// `__self__`.
    pub this: ObjRef,
}

impl PyPayload for MethodObject {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `this`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for MethodObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.func);
        visit(&self.this);
    }
}

static METHOD_VTABLE: PayloadVTable = PayloadVTable::of::<MethodObject>();

/// `func` bound to `this`.
pub fn new_method(vm: &Vm, func: ObjRef, this: ObjRef) -> PyResult<ObjRef> {
    new_object(&METHOD_TYPE, MethodObject { func, this }).or_mem(vm)
}

/// `types.MethodType(function, instance)`.
fn method_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "method", kwnames)?;
    let [func, this] = args else {
        return Err(vm.type_error(&format!("method expected 2 arguments, got {}", args.len())));
    };
    if !crate::vm::ops::is_callable(vm, func)? {
        return Err(vm.type_error("first argument must be callable"));
    }
    if crate::objects::none::is_none(this) {
        return Err(vm.type_error("instance must not be None"));
    }
    let _ = ty;
    new_method(vm, func.clone(), this.clone())
}

fn method_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let m = obj
        .downcast::<MethodObject>()
        .ok_or_else(|| vm.type_error("expected a method"))?;
    call_with_self(vm, &m.func, &m.this, args, kwnames)
}

/// Calls `func` with `this` before `args`, as a bound method of them would, without making
/// the method object (a Python function's frame gets `this` and the arguments directly).
pub fn call_with_self(
    vm: &Vm,
    func: &ObjRef,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if kwnames.is_none() {
        if let Some(result) = crate::vm::call_fast::try_call_py_slice(vm, func, Some(this), args) {
            return result;
        }
    }
    let mut full: smallvec::SmallVec<[ObjRef; 8]> =
        smallvec::SmallVec::with_capacity(args.len() + 1);
    full.push(this.clone());
    full.extend(args.iter().cloned());
    ops::call(vm, func, &full, kwnames)
}

fn method_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let m = obj
        .downcast::<MethodObject>()
        .ok_or_else(|| vm.type_error("expected a method"))?;
    // `__qualname__`, else `__name__`, else "?".
    let name = ["__qualname__", "__name__"]
        .iter()
        .find_map(|attr| {
            ops::getattr(vm, &m.func, attr)
                .ok()
                .and_then(|n| pystr::as_str(&n).map(str::to_string))
        })
        .unwrap_or_else(|| "?".into());
    let this = ops::repr_string(vm, &m.this)?;
    pystr::new_str_vm(vm, &format!("<bound method {name} of {this}>"))
}

/// `__func__`, `__self__` and `__doc__` (the function's).
fn method_member(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(m) = obj.downcast::<MethodObject>() else {
        return Ok(None);
    };
    match name {
        "__func__" => Ok(Some(m.func.clone())),
        "__self__" => Ok(Some(m.this.clone())),
        "__doc__" => ops::getattr(vm, &m.func, "__doc__").map(Some),
        _ => Ok(None),
    }
}

/// The data attributes of bound methods.
static METHOD_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "__func__",
        get: method_member,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__self__",
        get: method_member,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "__doc__",
        get: method_member,
        set: None,
    },
];

/// Attributes of bound methods: their own, then the function's (whose error a missing one
/// raises, as in CPython).
fn method_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some(v) = method_member(vm, obj, name)? {
        return Ok(Some(v));
    }
    let Some(m) = obj.downcast::<MethodObject>() else {
        return Ok(None);
    };
    if name == "__class__" {
        return Ok(Some(obj.type_object()));
    }
    ops::getattr(vm, &m.func, name).map(Some)
}

fn method_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (a.downcast::<MethodObject>(), b.downcast::<MethodObject>()) else {
        return Ok(none::not_implemented());
    };
    let same = x.func.is(&y.func) && x.this.is(&y.this);
    let _ = vm;
    match op {
        CompareOp::Eq => Ok(boolobj::new_bool(same)),
        CompareOp::Ne => Ok(boolobj::new_bool(!same)),
        _ => Ok(none::not_implemented()),
    }
}

fn method_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let m = obj
        .downcast::<MethodObject>()
        .ok_or_else(|| vm.type_error("expected a method"))?;
    Ok((m.func.addr() ^ m.this.addr()).rotate_right(4) as i64)
}

/// `method`.
pub static METHOD_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &METHOD_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "method",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &METHOD_VTABLE,
    slots: Slots {
        repr: Some(method_repr),
        call: Some(method_call),
        getattr: Some(method_getattr),
        richcompare: Some(method_richcompare),
        hash: Some(method_hash),
        new: Some(method_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a bound instance method object.",
};
