//! The `_json` module (CPython's `Modules/_json.c`, 3.11): the accelerators `Lib/json` uses when
//! they exist — `scanstring`, `make_scanner` (the scanner type), `make_encoder` (the encoder
//! type), `encode_basestring` and `encode_basestring_ascii` — with CPython's results, error
//! messages and error positions.
//!
//! Decoding errors are `json.decoder.JSONDecodeError`, found through the import system when
//! raised, as CPython does; "no value here" is `StopIteration(idx)`, which `JSONDecoder`
//! turns into "Expecting value". [`text`] reads and writes string literals, [`scanner`] parses
//! values, [`encoder`] writes them.

pub mod encoder;
pub mod scanner;
pub mod text;

#[cfg(test)]
mod tests;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{exceptions, int, module, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use text::{scan_string, text_of, Text};

/// Why a scan stopped: a Python error, a JSON syntax error (message, position), or no value
/// at the position (`StopIteration(position)`).
pub(crate) enum Fail {
    /// An exception raised on the way (by a hook, or `MemoryError`).
    Py(PyErr),
    /// A `JSONDecodeError` to raise: its message and position.
    Decode(&'static str, usize),
    /// No JSON value starts at this index.
    Stop(usize),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Fail {
        Fail::Py(e)
    }
}

/// The exception a [`Fail`] stands for, `doc` being the str scanned.
pub(crate) fn raise(vm: &Vm, doc: &ObjRef, fail: Fail) -> PyErr {
    match fail {
        Fail::Py(e) => e,
        Fail::Stop(idx) => match int::new_int(vm, idx as i64) {
            Ok(v) => vm.new_error_args(&exceptions::STOP_ITERATION, vec![v]),
            Err(e) => e,
        },
        Fail::Decode(msg, pos) => {
            let make = || -> PyResult<ObjRef> {
                let m = crate::vm::import::import_dotted(vm, "json.decoder")?;
                let cls = ops::getattr(vm, &m, "JSONDecodeError")?;
                let args = [
                    pystr::new_str_vm(vm, msg)?,
                    doc.clone(),
                    int::new_int(vm, pos as i64)?,
                ];
                ops::call(vm, &cls, &args, None)
            };
            match make() {
                Ok(exc) => PyErr::new(exc),
                Err(e) => e,
            }
        }
    }
}

/// `scanstring(string, end, strict=True) -> (str, end)`.
fn scanstring(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s, end, strict] = parse::<3>(vm, "scanstring", Sig::VarArgs(2, 3), args, kw)?;
    let (Some(s), Some(end)) = (s, end) else {
        return Err(vm.type_error("scanstring() missing arguments"));
    };
    let end = index_arg(vm, &end)?;
    let strict = match strict {
        Some(v) => ops::truthy(vm, &v)?,
        None => true,
    };
    let Some(text) = text_of(vm, &s)? else {
        return Err(text::not_a_string(vm, &s));
    };
    let len = match &text {
        Text::Ascii(b) => b.len(),
        Text::Wide(w) => w.len(),
    };
    if end < 0 || end as u64 > len as u64 {
        return Err(vm.value_error("end is out of bounds"));
    }
    let mut out = Vec::new();
    let scanned = match &text {
        Text::Ascii(b) => scan_string(vm, *b, end as usize, strict, &mut out),
        Text::Wide(w) => scan_string(vm, w.as_slice(), end as usize, strict, &mut out),
    };
    let next = scanned.map_err(|f| raise(vm, &s, f))?;
    let value = text::str_from(vm, &out)?;
    tuple::new_tuple(vm, vec![value, int::new_int(vm, next as i64)?])
}

fn one_str(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = parse::<1>(vm, name, Sig::One, args, kw)?;
    s.ok_or_else(|| vm.type_error("missing argument"))
}

/// `encode_basestring_ascii(s)`: the ASCII-only JSON literal of a str.
fn encode_basestring_ascii(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = one_str(vm, "encode_basestring_ascii", args, kw)?;
    let mut out = Vec::new();
    text::escape_str(vm, &mut out, &s, true)?;
    text::str_from(vm, &out)
}

/// `encode_basestring(s)`: the JSON literal of a str, non-ASCII characters kept.
fn encode_basestring(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = one_str(vm, "encode_basestring", args, kw)?;
    let mut out = Vec::new();
    text::escape_str(vm, &mut out, &s, false)?;
    text::str_from(vm, &out)
}

/// The module's functions (the encoder recognises the two escapers by definition).
static FUNCTIONS: [BuiltinDef; 3] = [
    BuiltinDef {
        name: "scanstring",
        func: scanstring,
    },
    ENCODE_BASESTRING_ASCII,
    ENCODE_BASESTRING,
];

const ENCODE_BASESTRING_ASCII: BuiltinDef = BuiltinDef {
    name: "encode_basestring_ascii",
    func: encode_basestring_ascii,
};

const ENCODE_BASESTRING: BuiltinDef = BuiltinDef {
    name: "encode_basestring",
    func: encode_basestring,
};

/// Which of `_json`'s escapers `f` is, if it is one: `Some(true)` for the ASCII one.
pub(crate) fn builtin_escaper(f: &ObjRef) -> Option<bool> {
    use crate::objects::function::is_builtin_def;
    if is_builtin_def(f, &FUNCTIONS[1]) {
        Some(true)
    } else if is_builtin_def(f, &FUNCTIONS[2]) {
        Some(false)
    } else {
        None
    }
}

/// Builds `_json`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_json")?;
    module::set_attr(vm, &m, "__doc__", pystr::new_str_vm(vm, "json speedups\n")?)?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(
        vm,
        &m,
        "make_scanner",
        ObjRef::from_type(&scanner::SCANNER_TYPE),
    )?;
    module::set_attr(
        vm,
        &m,
        "make_encoder",
        ObjRef::from_type(&encoder::ENCODER_TYPE),
    )?;
    Ok(m)
}
