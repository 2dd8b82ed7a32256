//! `_csv.Dialect`: an immutable, validated set of formatting parameters.
//!
//! A dialect is built from an optional base (a registered name, a `Dialect`, or any object
//! whose attributes are read) and keyword overrides; each parameter is checked and converted
//! as CPython does, with its messages. `csv.Dialect._validate` calls the type on a Python
//! dialect class instance and turns the `TypeError`s into `csv.Error`.

use super::{registered_dialect, QUOTE_ALL, QUOTE_MINIMAL, QUOTE_NONE, QUOTE_NONNUMERIC};
use crate::object::{
    new_object, traverse_nothing, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable,
    PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// The payload of a `Dialect`: the converted parameters.
pub struct DialectObj {
    /// Separates fields.
    pub delimiter: char,
    /// Encloses fields (`None`: quoting disabled).
    pub quotechar: Option<char>,
    /// Escapes special characters (`None`: no escaping).
    pub escapechar: Option<char>,
    /// A quote inside a quoted field is written (and read) doubled.
    pub doublequote: bool,
    /// Spaces right after a delimiter are ignored when reading.
    pub skipinitialspace: bool,
    /// Malformed input raises `Error` instead of being accepted.
    pub strict: bool,
    /// One of the `QUOTE_*` constants.
    pub quoting: i64,
    /// Ends each written record (an exact `str`).
    pub lineterminator: ObjRef,
}

impl PyPayload for DialectObj {
    const IS_CONTAINER: bool = false;
}

// The only reference held is an exact `str`, which cannot be part of a cycle.
traverse_nothing!(DialectObj);

static DIALECT_VTABLE: PayloadVTable = PayloadVTable::of::<DialectObj>();

/// The parameter names, in CPython's keyword order.
const PARAMS: [&str; 8] = [
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

/// The payload of a dialect object (an instance of `Dialect` or a subclass).
pub fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a DialectObj> {
    obj.downcast::<DialectObj>()
        .ok_or_else(|| vm.type_error("expected a _csv.Dialect"))
}

fn set_char(vm: &Vm, name: &str, src: Option<&ObjRef>, dflt: char) -> PyResult<char> {
    let Some(src) = src else {
        return Ok(dflt);
    };
    let Some(text) = pystr::as_str(src) else {
        return Err(vm.type_error(&format!(
            "\"{name}\" must be string, not {}",
            src.ob_type().name()
        )));
    };
    one_char(vm, name, text)
}

fn one_char(vm: &Vm, name: &str, text: &str) -> PyResult<char> {
    let mut it = text.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(vm.type_error(&format!("\"{name}\" must be a 1-character string"))),
    }
}

fn set_char_or_none(
    vm: &Vm,
    name: &str,
    src: Option<&ObjRef>,
    dflt: Option<char>,
) -> PyResult<Option<char>> {
    let Some(src) = src else {
        return Ok(dflt);
    };
    if none::is_none(src) {
        return Ok(None);
    }
    let Some(text) = pystr::as_str(src) else {
        return Err(vm.type_error(&format!(
            "\"{name}\" must be string or None, not {}",
            src.ob_type().name()
        )));
    };
    one_char(vm, name, text).map(Some)
}

fn set_bool(vm: &Vm, src: Option<&ObjRef>, dflt: bool) -> PyResult<bool> {
    match src {
        None => Ok(dflt),
        Some(v) => ops::truthy(vm, v),
    }
}

fn set_int(vm: &Vm, name: &str, src: Option<&ObjRef>, dflt: i64) -> PyResult<i64> {
    let Some(src) = src else {
        return Ok(dflt);
    };
    if !std::ptr::eq(src.ob_type(), &int::INT_TYPE) {
        return Err(vm.type_error(&format!("\"{name}\" must be an integer")));
    }
    int::as_i64(src)
        .filter(|v| i32::try_from(*v).is_ok())
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
}

/// `lineterminator`: `Ok(None)` when given as `None` (refused later, after the other checks).
fn set_str(vm: &Vm, name: &str, src: Option<&ObjRef>) -> PyResult<Option<ObjRef>> {
    let Some(src) = src else {
        return pystr::new_str_vm(vm, "\r\n").map(Some);
    };
    if none::is_none(src) {
        return Ok(None);
    }
    let Some(text) = pystr::as_str(src) else {
        return Err(vm.type_error(&format!("\"{name}\" must be a string")));
    };
    if std::ptr::eq(src.ob_type(), &pystr::STR_TYPE) {
        Ok(Some(src.clone()))
    } else {
        pystr::new_str_vm(vm, text).map(Some)
    }
}

/// Builds a dialect of type `ty` from an optional base and parameter overrides (`params`
/// indexed as [`PARAMS`]). An existing `Dialect` with no overrides is returned as is.
pub fn build(
    vm: &Vm,
    ty: &TypeObject,
    base: Option<&ObjRef>,
    mut params: [Option<ObjRef>; 8],
) -> PyResult<ObjRef> {
    let base = match base {
        Some(b) if pystr::is_str(b) => Some(registered_dialect(vm, b)?),
        Some(b) => Some(b.clone()),
        None => None,
    };
    if let Some(b) = &base {
        if b.is_instance(&DIALECT_TYPE) && params.iter().all(Option::is_none) {
            return Ok(b.clone());
        }
        for (slot, name) in params.iter_mut().zip(PARAMS) {
            if slot.is_none() {
                // As CPython, any failure to read the attribute means "not given".
                if let Ok(v) = ops::getattr(vm, b, name) {
                    *slot = Some(v);
                }
            }
        }
    }
    let [delimiter, doublequote, escapechar, lineterminator, quotechar, quoting, skipinitialspace, strict] =
        &params;
    let delimiter_c = set_char(vm, "delimiter", delimiter.as_ref(), ',')?;
    let doublequote_b = set_bool(vm, doublequote.as_ref(), true)?;
    let escapechar_c = set_char_or_none(vm, "escapechar", escapechar.as_ref(), None)?;
    let lineterminator_s = set_str(vm, "lineterminator", lineterminator.as_ref())?;
    let quotechar_c = set_char_or_none(vm, "quotechar", quotechar.as_ref(), Some('"'))?;
    let mut quoting_v = set_int(vm, "quoting", quoting.as_ref(), QUOTE_MINIMAL)?;
    let skip_b = set_bool(vm, skipinitialspace.as_ref(), false)?;
    let strict_b = set_bool(vm, strict.as_ref(), false)?;

    if ![QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE].contains(&quoting_v) {
        return Err(vm.type_error("bad \"quoting\" value"));
    }
    if quotechar.as_ref().is_some_and(none::is_none) && quoting.is_none() {
        quoting_v = QUOTE_NONE;
    }
    if quoting_v != QUOTE_NONE && quotechar_c.is_none() {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    let Some(lineterminator) = lineterminator_s else {
        return Err(vm.type_error("lineterminator must be set"));
    };
    new_object(
        ty,
        DialectObj {
            delimiter: delimiter_c,
            quotechar: quotechar_c,
            escapechar: escapechar_c,
            doublequote: doublequote_b,
            skipinitialspace: skip_b,
            strict: strict_b,
            quoting: quoting_v,
            lineterminator,
        },
    )
    .or_mem(vm)
}

/// Keyword overrides (`(name, value)` pairs) as a parameter array, refusing unknown names.
fn keyword_params(vm: &Vm, kwargs: &[(&str, &ObjRef)]) -> PyResult<[Option<ObjRef>; 8]> {
    let mut params: [Option<ObjRef>; 8] = Default::default();
    for (k, v) in kwargs {
        match PARAMS.iter().position(|p| p == k) {
            Some(i) => params[i] = Some((*v).clone()),
            None => {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for this function"
                )))
            }
        }
    }
    Ok(params)
}

/// `Dialect(base, **kwargs)` as `reader`, `writer` and `register_dialect` call it.
pub fn call_dialect(
    vm: &Vm,
    base: Option<&ObjRef>,
    kwargs: &[(&str, &ObjRef)],
) -> PyResult<ObjRef> {
    if kwargs.iter().any(|(k, _)| *k == "dialect") && base.is_some() {
        return Err(
            vm.type_error("argument for function given by name ('dialect') and position (1)")
        );
    }
    let base_kw = kwargs
        .iter()
        .find(|(k, _)| *k == "dialect")
        .map(|(_, v)| *v);
    let rest: Vec<(&str, &ObjRef)> = kwargs
        .iter()
        .filter(|(k, _)| *k != "dialect")
        .copied()
        .collect();
    let params = keyword_params(vm, &rest)?;
    build(vm, &DIALECT_TYPE, base.or(base_kw), params)
}

fn dialect_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    let total = pos.len() + kwargs.len();
    if total > 9 {
        return Err(vm.type_error(&format!(
            "function takes at most 9 arguments ({total} given)"
        )));
    }
    // Positional order: dialect, then the parameters.
    let mut all: [Option<ObjRef>; 9] = Default::default();
    for (slot, v) in all.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in &kwargs {
        let i = match *k {
            "dialect" => 0,
            _ => match PARAMS.iter().position(|p| p == k) {
                Some(i) => i + 1,
                None => {
                    return Err(vm.type_error(&format!(
                        "'{k}' is an invalid keyword argument for this function"
                    )))
                }
            },
        };
        if i < pos.len() {
            return Err(vm.type_error(&format!(
                "argument for function given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        all[i] = Some((*v).clone());
    }
    let [base, rest @ ..] = all;
    build(vm, ty, base.as_ref(), rest)
}

fn dialect_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let d = payload(vm, obj)?;
    let ch = |c: Option<char>| -> PyResult<Option<ObjRef>> {
        match c {
            Some(c) => pystr::new_str_vm(vm, c.encode_utf8(&mut [0; 4])).map(Some),
            None => Ok(Some(none::none())),
        }
    };
    match name {
        "delimiter" => ch(Some(d.delimiter)),
        "quotechar" => ch(d.quotechar),
        "escapechar" => ch(d.escapechar),
        "lineterminator" => Ok(Some(d.lineterminator.clone())),
        "doublequote" => Ok(Some(boolobj::new_bool(d.doublequote))),
        "skipinitialspace" => Ok(Some(boolobj::new_bool(d.skipinitialspace))),
        "strict" => Ok(Some(boolobj::new_bool(d.strict))),
        "quoting" => int::new_int(vm, d.quoting).map(Some),
        _ => Ok(None),
    }
}

const fn attr(name: &'static str) -> GetSetDef {
    GetSetDef {
        name,
        get: dialect_getattr,
        set: None,
    }
}

static DIALECT_GETSET: [GetSetDef; 8] = [
    attr("delimiter"),
    attr("doublequote"),
    attr("escapechar"),
    attr("lineterminator"),
    attr("quotechar"),
    attr("quoting"),
    attr("skipinitialspace"),
    attr("strict"),
];

/// `__reduce_ex__` / `__reduce__`: dialects cannot be pickled or copied.
fn dialect_reduce(
    vm: &Vm,
    obj: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let name = obj.ob_type().name();
    let short = name.rsplit('.').next().unwrap_or(name);
    Err(vm.type_error(&format!("cannot pickle '{short}' instances")))
}

static DIALECT_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__reduce_ex__",
        func: dialect_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: dialect_reduce,
        flags: 0,
    },
];

/// `_csv.Dialect`.
pub static DIALECT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &DIALECT_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_csv.Dialect",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &DIALECT_VTABLE,
    slots: Slots {
        new: Some(dialect_new),
        ..Slots::EMPTY
    },
    methods: &DIALECT_METHODS,
    doc: "Dialect(dialect=None, **fmtparams)\n\nA validated, read-only set of CSV formatting parameters.",
};
