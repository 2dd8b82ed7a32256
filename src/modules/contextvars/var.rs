//! `contextvars.ContextVar` (a key into the current context, with an optional default) and
//! `contextvars.Token` (what `ContextVar.set` returns, so `reset` can restore the old value).

use super::context::{current, vars_of};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, exceptions, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload of a context variable (`name`, `default`) and of a token (`name` = the variable,
/// `default` = the old value, unset for `Token.MISSING`; `ctx` the context it was made in).
pub struct VarObject {
    name: ObjCell,
    default: ObjCell,
    ctx: ObjCell,
    used: Cell<bool>,
}

impl PyPayload for VarObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.name, &self.default, &self.ctx]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`name`, `default`, `ctx`), each once, and
// does nothing else.
unsafe impl crate::object::Traverse for VarObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.name.traverse(visit);
        self.default.traverse(visit);
        self.ctx.traverse(visit);
    }
}

static VAR_VTABLE: PayloadVTable = PayloadVTable::of::<VarObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a VarObject> {
    obj.downcast::<VarObject>()
        .ok_or_else(|| vm.type_error("a ContextVar was expected"))
}

fn var_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name, default] = parse::<2>(
        vm,
        "ContextVar",
        Sig::Kw {
            names: &["name", "default"],
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let name = name.ok_or_else(|| vm.type_error("missing argument"))?;
    if !pystr::is_str(&name) {
        return Err(vm.type_error("context variable name must be a str"));
    }
    new_object(
        ty,
        VarObject {
            name: ObjCell::new(Some(name)),
            default: ObjCell::new(default),
            ctx: ObjCell::new(None),
            used: Cell::new(false),
        },
    )
    .or_mem(vm)
}

/// `ContextVar.get([default])`.
fn var_get(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [default] = parse::<1>(vm, "get", Sig::VarArgs(0, 1), args, kw)?;
    let vars = vars_of(vm, &current(vm)?)?;
    if let Some(v) = dict::get_item(vm, &vars, obj)? {
        return Ok(v);
    }
    if let Some(d) = default.or_else(|| payload(vm, obj).ok().and_then(|p| p.default.get())) {
        return Ok(d);
    }
    Err(vm.new_error_args(&exceptions::LOOKUP_ERROR, vec![obj.clone()]))
}

/// `ContextVar.set(value)`: returns a token recording the old value.
fn var_set(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [value] = parse::<1>(vm, "ContextVar.set", Sig::One, args, kw)?;
    let value = value.ok_or_else(|| vm.type_error("missing argument"))?;
    let ctx = current(vm)?;
    let vars = vars_of(vm, &ctx)?;
    let old = dict::get_item(vm, &vars, obj)?;
    dict::set_item(vm, &vars, obj.clone(), value)?;
    new_object(
        &TOKEN_TYPE,
        VarObject {
            name: ObjCell::new(Some(obj.clone())),
            default: ObjCell::new(old),
            ctx: ObjCell::new(Some(ctx)),
            used: Cell::new(false),
        },
    )
    .or_mem(vm)
}

/// `ContextVar.reset(token)`.
fn var_reset(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [token] = parse::<1>(vm, "ContextVar.reset", Sig::One, args, kw)?;
    let token = token.ok_or_else(|| vm.type_error("missing argument"))?;
    if !std::ptr::eq(token.ob_type(), &TOKEN_TYPE) {
        return Err(vm.type_error(&format!(
            "expected an instance of Token, got {}",
            ops::repr_string(vm, &token)?
        )));
    }
    let t = payload(vm, &token)?;
    let shown = ops::repr_string(vm, &token)?;
    if t.used.get() {
        return Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            &format!("{shown} has already been used once"),
        ));
    }
    if !t.name.get().is_some_and(|v| v.is(obj)) {
        return Err(vm.value_error(&format!("{shown} was created by a different ContextVar")));
    }
    let ctx = current(vm)?;
    if !t.ctx.get().is_some_and(|c| c.is(&ctx)) {
        return Err(vm.value_error(&format!("{shown} was created in a different Context")));
    }
    t.used.set(true);
    let vars = vars_of(vm, &ctx)?;
    match t.default.get() {
        Some(old) => dict::set_item(vm, &vars, obj.clone(), old)?,
        None => {
            dict::del_item(vm, &vars, obj)?;
        }
    }
    Ok(none::none())
}

fn var_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    let name = p.name.get().unwrap_or_else(none::none);
    let mut out = format!("<ContextVar name={}", ops::repr_string(vm, &name)?);
    if let Some(d) = p.default.get() {
        out.push_str(&format!(" default={}", ops::repr_string(vm, &d)?));
    }
    out.push_str(&format!(" at {:#x}>", obj.addr()));
    pystr::new_str_vm(vm, &out)
}

fn var_name(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(payload(vm, obj)?.name.get())
}

static VAR_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "name",
    get: var_name,
    set: Some(crate::objects::getset::readonly),
}];

static VAR_METHODS: [MethodDef; 4] = [
    crate::class_getitem_def!("_contextvars.ContextVar"),
    MethodDef {
        name: "get",
        func: var_get,
        flags: 0,
    },
    MethodDef {
        name: "set",
        func: var_set,
        flags: 0,
    },
    MethodDef {
        name: "reset",
        func: var_reset,
        flags: 0,
    },
];

/// `contextvars.ContextVar`.
pub static CONTEXT_VAR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &VAR_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_contextvars.ContextVar",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &VAR_VTABLE,
    slots: Slots {
        repr: Some(var_repr),
        hash: Some(|_vm, obj| Ok(obj.addr().rotate_right(4) as i64)),
        new: Some(var_new),
        ..Slots::EMPTY
    },
    methods: &VAR_METHODS,
    doc: "",
};

// ----- Token -----

fn token_new(vm: &Vm, _ty: &TypeObject, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.new_error(
        &exceptions::RUNTIME_ERROR,
        "Tokens can only be created by ContextVars",
    ))
}

fn token_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    let var = p.name.get().unwrap_or_else(none::none);
    pystr::new_str_vm(
        vm,
        &format!(
            "<Token{} var={} at {:#x}>",
            if p.used.get() { " used" } else { "" },
            ops::repr_string(vm, &var)?,
            obj.addr()
        ),
    )
}

fn token_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let p = payload(vm, obj)?;
    if name == "var" {
        return Ok(p.name.get());
    }
    match p.default.get() {
        Some(v) => Ok(Some(v)),
        None => missing(vm).map(Some),
    }
}

/// `Token.MISSING`.
pub fn missing(vm: &Vm) -> PyResult<ObjRef> {
    let d = crate::vm::typeready::type_dict(vm, &TOKEN_TYPE)?;
    dict::get_str(vm, &d, "MISSING")?.ok_or_else(|| vm.type_error("Token.MISSING is not set"))
}

static TOKEN_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "var",
        get: token_attr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "old_value",
        get: token_attr,
        set: Some(crate::objects::getset::readonly),
    },
];

static TOKEN_METHODS: [MethodDef; 1] = [crate::class_getitem_def!("_contextvars.Token")];

/// `contextvars.Token`.
pub static TOKEN_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &TOKEN_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_contextvars.Token",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &VAR_VTABLE,
    slots: Slots {
        repr: Some(token_repr),
        new: Some(token_new),
        ..Slots::EMPTY
    },
    methods: &TOKEN_METHODS,
    doc: "",
};

/// Payload of `Token.MISSING`.
pub struct Missing;

impl PyPayload for Missing {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(Missing);
static MISSING_VTABLE: PayloadVTable = PayloadVTable::of::<Missing>();

fn missing_repr(vm: &Vm, _obj: &ObjRef) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, "<Token.MISSING>")
}

/// The type of `Token.MISSING`.
pub static MISSING_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "Token.MISSING",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MISSING_VTABLE,
    slots: Slots {
        repr: Some(missing_repr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

/// Puts `MISSING` in `Token`'s dict (once per interpreter).
pub fn install_missing(vm: &Vm) -> PyResult<()> {
    let d = crate::vm::typeready::type_dict(vm, &TOKEN_TYPE)?;
    if dict::get_str(vm, &d, "MISSING")?.is_none() {
        let m = new_object(&MISSING_TYPE, Missing).or_mem(vm)?;
        dict::set_str(vm, &d, "MISSING", m)?;
    }
    Ok(())
}
