//! The `unicodedata` module: the Unicode Character Database of CPython 3.11 (Unicode
//! 14.0.0) — `category`, `bidirectional`, `east_asian_width`, `combining`, `mirrored`,
//! `decomposition`, `decimal`/`digit`/`numeric`, `name`/`lookup` (over `unicode_names2`),
//! `normalize`/`is_normalized` ([`normalize`]), `unidata_version`, and `ucd_3_2_0`.
//!
//! The property tables ([`tables`]) are generated from CPython itself. `ucd_3_2_0` (which
//! `encodings.idna` and `stringprep` use) is a module object with the same functions that
//! answers from the 14.0.0 data: characters whose properties changed since Unicode 3.2 differ.

pub mod normalize;
pub mod tables;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, float, int, module, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};
use normalize::Form;
use tables::{Record, BIDI, CATEGORIES, EAW, NUMERIC, RECORDS, RUN_RECORDS, RUN_STARTS};

/// The property record of `cp`.
pub fn record(cp: u32) -> &'static Record {
    let i = RUN_STARTS.partition_point(|s| *s <= cp).saturating_sub(1);
    &RECORDS[usize::from(RUN_RECORDS[i])]
}

/// The canonical combining class of `cp`.
pub fn combining_class(cp: u32) -> u8 {
    record(cp).combining
}

/// Whether `cp` is assigned in Unicode 14.0 (names of later characters are not reported).
fn assigned(cp: u32) -> bool {
    CATEGORIES[usize::from(record(cp).category)] != "Cn"
}

/// The single character argument of a property function.
fn char_arg(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    max: usize,
) -> PyResult<(u32, Option<ObjRef>)> {
    let [c, default] = parse::<2>(vm, name, Sig::Clinic(1, max), args, kw)?;
    let c = c.ok_or_else(|| vm.type_error("missing argument"))?;
    let mut chars = pystr::as_str(&c).map(|s| s.chars());
    match chars.as_mut().map(|it| (it.next(), it.next())) {
        Some((Some(ch), None)) => Ok((u32::from(ch), default)),
        _ => Err(vm.type_error(&format!(
            "{name}() argument must be a unicode character, not {}",
            c.ob_type().name()
        ))),
    }
}

fn str_result(vm: &Vm, s: &str) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, s)
}

fn u_category(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "category", args, kw, 1)?;
    str_result(vm, CATEGORIES[usize::from(record(cp).category)])
}

fn u_bidirectional(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "bidirectional", args, kw, 1)?;
    str_result(vm, BIDI[usize::from(record(cp).bidi)])
}

fn u_east_asian_width(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "east_asian_width", args, kw, 1)?;
    str_result(vm, EAW[usize::from(record(cp).eaw)])
}

fn u_combining(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "combining", args, kw, 1)?;
    int::new_int(vm, i64::from(record(cp).combining))
}

fn u_mirrored(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "mirrored", args, kw, 1)?;
    int::new_int(vm, i64::from(record(cp).mirrored))
}

fn u_decomposition(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, _) = char_arg(vm, "decomposition", args, kw, 1)?;
    str_result(vm, normalize::decomposition(cp).unwrap_or(""))
}

fn numeric_entry(cp: u32) -> Option<&'static (u32, f64, i8, i8)> {
    NUMERIC
        .binary_search_by_key(&cp, |e| e.0)
        .ok()
        .map(|i| &NUMERIC[i])
}

/// `decimal`, `digit` and `numeric`: the value, else the default, else `ValueError(what)`.
fn number(
    vm: &Vm,
    name: &str,
    what: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    pick: fn(&(u32, f64, i8, i8)) -> i8,
) -> PyResult<ObjRef> {
    let (cp, default) = char_arg(vm, name, args, kw, 2)?;
    if let Some(v) = numeric_entry(cp).map(pick).filter(|v| *v >= 0) {
        return int::new_int(vm, i64::from(v));
    }
    default.ok_or_else(|| vm.value_error(what))
}

fn u_decimal(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    number(vm, "decimal", "not a decimal", args, kw, |e| e.3)
}

fn u_digit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    number(vm, "digit", "not a digit", args, kw, |e| e.2)
}

fn u_numeric(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, default) = char_arg(vm, "numeric", args, kw, 2)?;
    if let Some(e) = numeric_entry(cp) {
        return float::new_float(vm, e.1);
    }
    default.ok_or_else(|| vm.value_error("not a numeric character"))
}

fn u_name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cp, default) = char_arg(vm, "name", args, kw, 2)?;
    let found = char::from_u32(cp)
        .filter(|_| assigned(cp))
        .and_then(unicode_names2::name);
    match found {
        Some(n) => str_result(vm, &n.to_string()),
        None => default.ok_or_else(|| vm.value_error("no such name")),
    }
}

fn u_lookup(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "lookup", Sig::One, args, kw)?;
    let name = name.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = pystr::as_str(&name).ok_or_else(|| {
        vm.type_error(&format!(
            "lookup() argument must be str, not {}",
            name.ob_type().name()
        ))
    })?;
    match unicode_names2::character(text).filter(|c| assigned(u32::from(*c))) {
        Some(c) => str_result(vm, &c.to_string()),
        None => {
            let msg = pystr::new_str_vm(vm, &format!("undefined character name '{text}'"))?;
            Err(vm.new_error_args(&crate::objects::exceptions::KEY_ERROR, vec![msg]))
        }
    }
}

fn form_and_text(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(Form, ObjRef)> {
    let [form, s] = parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)?;
    let (Some(form), Some(s)) = (form, s) else {
        return Err(vm.type_error("missing argument"));
    };
    let Some(f) = pystr::as_str(&form) else {
        return Err(vm.type_error(&format!(
            "{name}() argument 1 must be str, not {}",
            form.ob_type().name()
        )));
    };
    if !pystr::is_str(&s) {
        return Err(vm.type_error(&format!(
            "{name}() argument 2 must be str, not {}",
            s.ob_type().name()
        )));
    }
    let form = Form::parse(f).ok_or_else(|| vm.value_error("invalid normalization form"))?;
    Ok((form, s))
}

/// `s` normalized to `form`, or `None` when it already is.
/// The code points of `s` normalized to `form`, or `None` when they already are. Lone
/// surrogates are code points like others here: no decomposition, class 0.
fn normalized(form: Form, cps: &[u32]) -> Option<Vec<u32>> {
    let out = normalize::normalize(form, cps, &combining_class);
    (out != cps).then_some(out)
}

/// The code points of a str object.
fn code_points(vm: &Vm, s: &ObjRef) -> PyResult<Vec<u32>> {
    let text = pystr::as_text(s).ok_or_else(|| vm.type_error("expected a str"))?;
    Ok(text.code_points().collect())
}

fn u_normalize(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (form, s) = form_and_text(vm, "normalize", args, kw)?;
    let cps = code_points(vm, &s)?;
    match normalized(form, &cps) {
        Some(out) => pystr::new_str_from_code_points(vm, out),
        // A subclass instance comes back as an exact str.
        None if s.ob_type().is_heap_type() => pystr::new_str_from_code_points(vm, cps),
        None => Ok(s),
    }
}

fn u_is_normalized(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (form, s) = form_and_text(vm, "is_normalized", args, kw)?;
    let cps = code_points(vm, &s)?;
    Ok(boolobj::new_bool(normalized(form, &cps).is_none()))
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "category",
        func: u_category,
    },
    BuiltinDef {
        name: "bidirectional",
        func: u_bidirectional,
    },
    BuiltinDef {
        name: "east_asian_width",
        func: u_east_asian_width,
    },
    BuiltinDef {
        name: "combining",
        func: u_combining,
    },
    BuiltinDef {
        name: "mirrored",
        func: u_mirrored,
    },
    BuiltinDef {
        name: "decomposition",
        func: u_decomposition,
    },
    BuiltinDef {
        name: "decimal",
        func: u_decimal,
    },
    BuiltinDef {
        name: "digit",
        func: u_digit,
    },
    BuiltinDef {
        name: "numeric",
        func: u_numeric,
    },
    BuiltinDef {
        name: "name",
        func: u_name,
    },
    BuiltinDef {
        name: "lookup",
        func: u_lookup,
    },
    BuiltinDef {
        name: "normalize",
        func: u_normalize,
    },
    BuiltinDef {
        name: "is_normalized",
        func: u_is_normalized,
    },
];

fn fill(vm: &Vm, m: &ObjRef, version: &str) -> PyResult<()> {
    for def in FUNCTIONS {
        module::set_attr(vm, m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, m, "unidata_version", pystr::new_str_vm(vm, version)?)
}

/// Builds `unicodedata`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "unicodedata")?;
    fill(vm, &m, "14.0.0")?;
    let old = module::new_module(vm, "unicodedata.ucd_3_2_0")?;
    fill(vm, &old, "3.2.0")?;
    module::set_attr(vm, &m, "ucd_3_2_0", old)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nf(form: Form, s: &str) -> String {
        let cps: Vec<u32> = s.chars().map(u32::from).collect();
        let out = normalized(form, &cps).unwrap_or(cps);
        out.into_iter().filter_map(char::from_u32).collect()
    }

    #[test]
    fn properties() {
        assert_eq!(CATEGORIES[usize::from(record(0x41).category)], "Lu");
        assert_eq!(record(0x301).combining, 230);
        assert_eq!(EAW[usize::from(record(0x4e00).eaw)], "W");
        assert!(record(u32::from('(')).mirrored);
    }

    #[test]
    fn normalization() {
        assert_eq!(nf(Form::Nfc, "e\u{301}"), "\u{e9}");
        assert_eq!(nf(Form::Nfd, "\u{e9}"), "e\u{301}");
        assert_eq!(nf(Form::Nfkc, "\u{fb01}"), "fi");
        assert_eq!(nf(Form::Nfd, "\u{ac00}"), "\u{1100}\u{1161}");
        assert_eq!(nf(Form::Nfc, "\u{1100}\u{1161}\u{11a8}"), "\u{ac01}");
        assert_eq!(nf(Form::Nfc, "a\u{323}\u{302}"), "\u{1ead}");
    }
}
