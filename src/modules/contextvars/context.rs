//! `contextvars.Context`: a mapping from context variables to values, the current one kept on
//! the VM (`Vm::context`, made empty on first use: one thread, one current context).
//! `Context.run` makes a context current for the length of a call. CPython shares the
//! mapping between copies (a persistent HAMT); here a copy copies the dict, and a variable
//! set in the current context writes to its dict.

use crate::object::{
    new_object, CompareOp, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, dict, exceptions, list, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a context: its variables (a dict) and whether it is entered.
pub struct ContextObject {
    vars: ObjCell,
    entered: Cell<bool>,
}

impl PyPayload for ContextObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.vars.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference the payload holds (the dict of variables) and does nothing
// else.
unsafe impl crate::object::Traverse for ContextObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.vars.traverse(visit)
    }
}

static CONTEXT_VTABLE: PayloadVTable = PayloadVTable::of::<ContextObject>();

/// A new context holding `vars` (a dict it owns).
pub fn new_context(vm: &Vm, vars: ObjRef) -> PyResult<ObjRef> {
    new_object(
        &CONTEXT_TYPE,
        ContextObject {
            vars: ObjCell::new(Some(vars)),
            entered: Cell::new(false),
        },
    )
    .or_mem(vm)
}

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a ContextObject> {
    obj.downcast::<ContextObject>()
        .ok_or_else(|| vm.type_error("a Context object was expected"))
}

/// The dict of variables of a context.
pub fn vars_of(vm: &Vm, ctx: &ObjRef) -> PyResult<ObjRef> {
    let c = payload(vm, ctx)?;
    match c.vars.get() {
        Some(d) => Ok(d),
        None => {
            let d = dict::new_dict_vm(vm)?;
            drop(c.vars.replace(Some(d.clone())));
            Ok(d)
        }
    }
}

/// The current context, made on first use.
pub fn current(vm: &Vm) -> PyResult<ObjRef> {
    if let Some(c) = vm.context.get() {
        return Ok(c);
    }
    let c = new_context(vm, dict::new_dict_vm(vm)?)?;
    drop(vm.context.replace(Some(c.clone())));
    Ok(c)
}

/// `copy_context()` / `Context.copy()`: a new context with the same variables.
pub fn copy_of(vm: &Vm, ctx: &ObjRef) -> PyResult<ObjRef> {
    let vars = dict::copy(vm, &vars_of(vm, ctx)?)?;
    new_context(vm, vars)
}

fn context_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if !args.is_empty()
        || kw.is_some_and(|k| crate::objects::tuple::items(k).is_some_and(|t| !t.is_empty()))
    {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    new_context(vm, dict::new_dict_vm(vm)?)
}

fn check_key(vm: &Vm, key: &ObjRef) -> PyResult<()> {
    if !key.ob_type().is_subtype(&super::var::CONTEXT_VAR_TYPE) {
        return Err(vm.type_error(&format!(
            "a ContextVar key was expected, got {}",
            ops::repr_string(vm, key)?
        )));
    }
    Ok(())
}

fn ctx_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    check_key(vm, key)?;
    dict::get_item(vm, &vars_of(vm, obj)?, key)?.ok_or_else(|| vm.key_error(key.clone()))
}

fn ctx_contains(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    check_key(vm, key)?;
    Ok(dict::get_item(vm, &vars_of(vm, obj)?, key)?.is_some())
}

fn ctx_len(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(dict::items(&vars_of(vm, obj)?).len())
}

fn ctx_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let keys: Vec<ObjRef> = dict::items(&vars_of(vm, obj)?)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    ops::iter(vm, &list::new_list(vm, keys)?)
}

fn ctx_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if b.downcast::<ContextObject>().is_none() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let eq = ops::eq(vm, &vars_of(vm, a)?, &vars_of(vm, b)?)?;
    Ok(boolobj::new_bool(eq == (op == CompareOp::Eq)))
}

fn m_get(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [key, default] = crate::vm::argparse::parse::<2>(
        vm,
        "get",
        crate::vm::argparse::Sig::Clinic(1, 2),
        args,
        kw,
    )?;
    let key = key.ok_or_else(|| vm.type_error("missing argument"))?;
    check_key(vm, &key)?;
    Ok(dict::get_item(vm, &vars_of(vm, obj)?, &key)?
        .or(default)
        .unwrap_or_else(none::none))
}

fn view(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    which: u8,
) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "keys", args, kw)?;
    let mut out = Vec::new();
    for (k, v) in dict::items(&vars_of(vm, obj)?) {
        out.push(match which {
            0 => k,
            1 => v,
            _ => crate::objects::tuple::new_tuple(vm, vec![k, v])?,
        });
    }
    list::new_list(vm, out)
}

fn m_keys(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    view(vm, obj, args, kw, 0)
}

fn m_values(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    view(vm, obj, args, kw, 1)
}

fn m_items(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    view(vm, obj, args, kw, 2)
}

fn m_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "copy", args, kw)?;
    copy_of(vm, obj)
}

/// `Context.run(callable, *args, **kwargs)`.
fn m_run(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = split_args(args, kw);
    if pos.is_empty() {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    }
    let c = payload(vm, obj)?;
    if c.entered.get() {
        return Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            &format!(
                "cannot enter context: {} is already entered",
                ops::repr_string(vm, obj)?
            ),
        ));
    }
    let prev = vm.context.replace(Some(obj.clone()));
    c.entered.set(true);
    let r = ops::call(vm, &args[0], &args[1..], kw);
    c.entered.set(false);
    let mine = vm.context.replace(prev);
    drop(mine);
    r
}

const fn method(name: &'static str, func: crate::object::typeobj::MethodFn) -> MethodDef {
    MethodDef {
        name,
        func,
        flags: 0,
    }
}

static CONTEXT_METHODS: [MethodDef; 6] = [
    method("get", m_get),
    method("keys", m_keys),
    method("values", m_values),
    method("items", m_items),
    method("copy", m_copy),
    method("run", m_run),
];

fn ctx_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    pystr::new_str_vm(
        vm,
        &format!("<_contextvars.Context object at {:#x}>", obj.addr()),
    )
}

/// `contextvars.Context`.
pub static CONTEXT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_contextvars.Context",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &CONTEXT_VTABLE,
    slots: Slots {
        repr: Some(ctx_repr),
        richcompare: Some(ctx_richcompare),
        len: Some(ctx_len),
        getitem: Some(ctx_getitem),
        contains: Some(ctx_contains),
        iter: Some(ctx_iter),
        new: Some(context_new),
        ..Slots::EMPTY
    },
    methods: &CONTEXT_METHODS,
    doc: "",
};
