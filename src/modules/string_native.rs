//! The `_string` module: the format-string parsing helpers behind `string.Formatter`, over the
//! scanner `str.format` uses ([`crate::objects::str_format_scan`]).
//!
//! CPython's iterators are lazy; these return iterators over pieces parsed up front, so a
//! malformed string raises its `ValueError` when the call is made rather than at the step
//! that reaches the error.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::str_format_scan::{
    next_accessor, parse_index, scan_piece, split_field, split_first, Accessor,
};
use crate::objects::{boolobj, int, list, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

fn str_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<String> {
    let [s] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let s = s.ok_or_else(|| vm.type_error("missing argument"))?;
    match pystr::as_str(&s) {
        Some(t) => Ok(t.to_string()),
        None => Err(vm.type_error(&format!("expected str, got {}", s.ob_type().name()))),
    }
}

fn text(vm: &Vm, s: &str) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, s)
}

/// `formatter_parser(s)`: `(literal, field_name, format_spec, conversion)` per piece.
fn formatter_parser(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = str_arg(vm, "formatter_parser", args, kw)?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (piece, next) = scan_piece(&chars, i).map_err(|m| vm.value_error(m))?;
        let literal = text(vm, &piece.literal)?;
        let item = match piece.field {
            None => vec![literal, none::none(), none::none(), none::none()],
            Some(field) => {
                let (name, conv, spec) = split_field(&field).map_err(|m| vm.value_error(m))?;
                let conv = match conv {
                    Some(c) => text(vm, c.encode_utf8(&mut [0; 4]))?,
                    None => none::none(),
                };
                vec![literal, text(vm, name)?, text(vm, spec)?, conv]
            }
        };
        out.push(tuple::new_tuple(vm, item)?);
        i = next;
    }
    ops::iter(vm, &list::new_list(vm, out)?)
}

/// `formatter_field_name_split(name)`: `(first, iterator of (is_attribute, key))`.
fn formatter_field_name_split(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = str_arg(vm, "formatter_field_name_split", args, kw)?;
    let (first, mut rest) = split_first(&s);
    let first = match parse_index(first) {
        Some(i) => int::new_int(vm, i as i64)?,
        None => text(vm, first)?,
    };
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let (acc, after) = next_accessor(rest).map_err(|m| vm.value_error(m))?;
        let (is_attr, key) = match acc {
            Accessor::Attr(a) => (true, text(vm, a)?),
            Accessor::Index(i) => (false, int::new_int(vm, i as i64)?),
            Accessor::Key(k) => (false, text(vm, k)?),
        };
        parts.push(tuple::new_tuple(vm, vec![boolobj::new_bool(is_attr), key])?);
        rest = after;
    }
    let it = ops::iter(vm, &list::new_list(vm, parts)?)?;
    tuple::new_tuple(vm, vec![first, it])
}

static FUNCTIONS: [BuiltinDef; 2] = [
    BuiltinDef {
        name: "formatter_parser",
        func: formatter_parser,
    },
    BuiltinDef {
        name: "formatter_field_name_split",
        func: formatter_field_name_split,
    },
];

/// Builds `_string`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_string")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
