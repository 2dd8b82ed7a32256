//! `complex`: a pair of doubles, with CPython's arithmetic (`Objects/complexobject.c`: Smith's
//! division, integer powers by repeated squaring), repr and hash.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::none::{is_none, not_implemented};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{float, int, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a complex number.
pub struct ComplexObject {
    re: f64,
    im: f64,
}

impl PyPayload for ComplexObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(ComplexObject);

static COMPLEX_VTABLE: PayloadVTable = PayloadVTable::of::<ComplexObject>();

/// A complex object.
pub fn new_complex(vm: &Vm, re: f64, im: f64) -> PyResult<ObjRef> {
    new_object(&COMPLEX_TYPE, ComplexObject { re, im }).or_mem(vm)
}

/// The parts of a complex object.
pub fn as_complex(obj: &ObjRef) -> Option<(f64, f64)> {
    obj.downcast::<ComplexObject>().map(|c| (c.re, c.im))
}

/// A complex, float, int or bool as a complex value (`None` for other types).
pub fn coerce(vm: &Vm, obj: &ObjRef) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = as_complex(obj) {
        return Ok(Some(c));
    }
    Ok(float::coerce(vm, obj)?.map(|x| (x, 0.0)))
}

/// A part as repr shows it: the shortest round-trip digits, no `.0` for integral values.
fn part_repr(x: f64) -> String {
    let r = float::repr_f64(if x.is_nan() { f64::NAN } else { x });
    match r.strip_suffix(".0") {
        Some(s) => s.to_string(),
        None => r,
    }
}

/// CPython's `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn repr_parts(re: f64, im: f64) -> String {
    let imag = part_repr(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part_repr(re))
}

fn complex_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let (re, im) = as_complex(obj).unwrap_or((0.0, 0.0));
    pystr::new_str_vm(vm, &repr_parts(re, im))
}

fn complex_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let (re, im) = as_complex(obj).unwrap_or((0.0, 0.0));
    let h = (float::hash_f64(re) as u64)
        .wrapping_add(1_000_003u64.wrapping_mul(float::hash_f64(im) as u64));
    let h = h as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn complex_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(not_implemented());
    }
    let Some((re, im)) = as_complex(a) else {
        return Ok(not_implemented());
    };
    let equal = if let Some((re2, im2)) = as_complex(b) {
        re == re2 && im == im2
    } else if int::is_int(b) {
        // Exact comparison with an int, as float == int is.
        if im != 0.0 {
            false
        } else {
            let x = float::new_float(vm, re)?;
            let r = crate::vm::ops::richcompare(vm, &x, b, CompareOp::Eq)?;
            crate::vm::ops::truthy(vm, &r)?
        }
    } else if let Some(x) = float::as_f64(b) {
        re == x && im == 0.0
    } else {
        return Ok(not_implemented());
    };
    Ok(new_bool(if op == CompareOp::Eq { equal } else { !equal }))
}

type C = (f64, f64);

fn c_mul(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Division by Smith's method; `None` when dividing by zero.
pub fn c_quot(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: C, n: u64) -> C {
    let (mut r, mut p, mut mask) = ((1.0, 0.0), x, 1u64);
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// `a ** b`; `None` for zero to a negative or complex power.
pub fn c_pow(a: C, b: C) -> Option<C> {
    if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            return Some(c_powu(a, n as u64));
        }
        return c_quot((1.0, 0.0), c_powu(a, n.unsigned_abs()));
    }
    if b == (0.0, 0.0) {
        return Some((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        return Some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Some((len * phase.cos(), len * phase.sin()))
}

/// Both operands as complex values, or `None` when either is not a number.
fn operands(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<Option<(C, C)>> {
    match (coerce(vm, a)?, coerce(vm, b)?) {
        (Some(x), Some(y)) => Ok(Some((x, y))),
        _ => Ok(None),
    }
}

macro_rules! complex_binop {
    ($name:ident, |$vm:ident, $x:ident, $y:ident| $body:expr) => {
        fn $name(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
            let Some(($x, $y)) = operands(vm, a, b)? else {
                return Ok(not_implemented());
            };
            let $vm = vm;
            let r: PyResult<C> = $body;
            let (re, im) = r?;
            new_complex(vm, re, im)
        }
    };
}

complex_binop!(complex_add, |_vm, x, y| Ok((x.0 + y.0, x.1 + y.1)));
complex_binop!(complex_sub, |_vm, x, y| Ok((x.0 - y.0, x.1 - y.1)));
complex_binop!(complex_mul, |_vm, x, y| Ok(c_mul(x, y)));
complex_binop!(complex_div, |vm, x, y| c_quot(x, y)
    .ok_or_else(|| vm.zero_division("complex division by zero")));
complex_binop!(complex_pow, |vm, x, y| complex_pow_values(vm, x, y));

/// `x ** y` for complex values, with CPython's errors.
pub fn complex_pow_values(vm: &Vm, x: C, y: C) -> PyResult<C> {
    let r = c_pow(x, y).ok_or_else(|| vm.zero_division("0.0 to a negative or complex power"))?;
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(vm.overflow_error("complex exponentiation"));
    }
    Ok(r)
}

fn complex_neg(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    let (re, im) = as_complex(a).unwrap_or((0.0, 0.0));
    new_complex(vm, -re, -im)
}

fn complex_pos(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    let (re, im) = as_complex(a).unwrap_or((0.0, 0.0));
    new_complex(vm, re, im)
}

fn complex_abs(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    let (re, im) = as_complex(a).unwrap_or((0.0, 0.0));
    let r = if re.is_infinite() || im.is_infinite() {
        f64::INFINITY
    } else if re.is_nan() || im.is_nan() {
        f64::NAN
    } else {
        let h = re.hypot(im);
        if h.is_infinite() {
            return Err(vm.overflow_error("absolute value too large"));
        }
        h
    };
    float::new_float(vm, r)
}

fn complex_bool(_vm: &Vm, a: &ObjRef) -> PyResult<bool> {
    let (re, im) = as_complex(a).unwrap_or((0.0, 0.0));
    Ok(re != 0.0 || im != 0.0)
}

fn complex_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some((re, im)) = as_complex(obj) else {
        return Ok(None);
    };
    match name {
        "real" => Ok(Some(float::new_float(vm, re)?)),
        "imag" => Ok(Some(float::new_float(vm, im)?)),
        _ => Ok(None),
    }
}

fn complex_conjugate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "complex.conjugate", Sig::NoArgs, args, kw)?;
    let (re, im) = as_complex(this).unwrap_or((0.0, 0.0));
    new_complex(vm, re, -im)
}

fn complex_format(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [spec] = parse::<1>(vm, "complex.__format__", Sig::One, args, kw)?;
    let spec = spec.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = pystr::as_str(&spec).ok_or_else(|| {
        vm.type_error(&format!(
            "__format__() argument must be str, not {}",
            spec.ob_type().name()
        ))
    })?;
    crate::objects::format::format_builtin(vm, this, text)
}

/// `complex.__getnewargs__()`: `(real, imag)`.
fn complex_getnewargs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "complex.__getnewargs__", Sig::NoArgs, args, kw)?;
    let (re, im) = as_complex(this).ok_or_else(|| vm.type_error("expected a complex"))?;
    crate::objects::tuple::new_tuple(
        vm,
        vec![float::new_float(vm, re)?, float::new_float(vm, im)?],
    )
}

/// `complex.__complex__()`: the value as an exact complex.
fn complex_complex(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "complex.__complex__", Sig::NoArgs, args, kw)?;
    let (re, im) = as_complex(this).ok_or_else(|| vm.type_error("expected a complex"))?;
    new_complex(vm, re, im)
}

static COMPLEX_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "conjugate",
        func: complex_conjugate,
        flags: 0,
    },
    MethodDef {
        name: "__format__",
        func: complex_format,
        flags: 0,
    },
    MethodDef {
        name: "__complex__",
        func: complex_complex,
        flags: 0,
    },
    MethodDef {
        name: "__getnewargs__",
        func: complex_getnewargs,
        flags: 0,
    },
];

/// The data attributes of `complex` (read-only members in CPython).
static COMPLEX_GETSET: [crate::object::GetSetDef; 2] = [
    crate::object::GetSetDef {
        name: "real",
        get: complex_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "imag",
        get: complex_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

/// `complex`.
pub static COMPLEX_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &COMPLEX_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "complex",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &COMPLEX_VTABLE,
    slots: Slots {
        repr: Some(complex_repr),
        hash: Some(complex_hash),
        richcompare: Some(complex_richcompare),
        getattr: Some(complex_getattr),
        number: NumberSlots {
            add: Some(complex_add),
            subtract: Some(complex_sub),
            multiply: Some(complex_mul),
            true_divide: Some(complex_div),
            power: Some(complex_pow),
            negative: Some(complex_neg),
            positive: Some(complex_pos),
            absolute: Some(complex_abs),
            bool: Some(complex_bool),
            ..NumberSlots::EMPTY
        },
        new: Some(complex_new),
        ..Slots::EMPTY
    },
    methods: &COMPLEX_METHODS,
    doc: "Create a complex number from a real part and an optional imaginary part.",
};

fn complex_new(
    vm: &Vm,
    _ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["real", "imag"],
        required: 0,
        posonly: 0,
    };
    let [real, imag] = parse::<2>(vm, "complex", sig, args, kwnames)?;
    let Some(real) = real else {
        let (re, im) = match &imag {
            Some(i) => {
                let c = part_of(vm, i, true)?;
                let subtract = if as_complex(i).is_some() { c.1 } else { 0.0 };
                (0.0 - subtract, c.0)
            }
            None => (0.0, 0.0),
        };
        return new_complex(vm, re, im);
    };
    if let Some(s) = pystr::as_str(&real) {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let (re, im) = parse_complex(s)
            .ok_or_else(|| vm.value_error("complex() arg is a malformed string"))?;
        return new_complex(vm, re, im);
    }
    let r = part_of(vm, &real, false)?;
    let Some(imag) = imag else {
        if as_complex(&real).is_some() && std::ptr::eq(real.ob_type(), &COMPLEX_TYPE) {
            return Ok(real);
        }
        return new_complex(vm, r.0, r.1);
    };
    // As CPython: only a complex argument contributes its own imaginary part.
    let i = part_of(vm, &imag, true)?;
    let re = if as_complex(&imag).is_some() {
        r.0 - i.1
    } else {
        r.0
    };
    let im = if as_complex(&real).is_some() {
        i.0 + r.1
    } else {
        i.0
    };
    new_complex(vm, re, im)
}

/// One argument of `complex(real, imag)` as a complex value, with CPython's messages.
fn part_of(vm: &Vm, obj: &ObjRef, second: bool) -> PyResult<C> {
    if second && pystr::is_str(obj) {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    // A class instance: `__complex__` (first argument only), then `__float__`/`__index__`.
    if obj.ob_type().is_heap_type() && as_complex(obj).is_none() && coerce(vm, obj)?.is_none() {
        if !second {
            if let Some(f) = crate::vm::ops::lookup_special(vm, obj, "__complex__")? {
                let r = crate::vm::ops::call(vm, &f, &[], None)?;
                return as_complex(&r).ok_or_else(|| {
                    vm.type_error(&format!(
                        "__complex__ returned non-complex (type {})",
                        r.ob_type().name()
                    ))
                });
            }
        }
        match crate::modules::math::real_arg(vm, obj) {
            Ok(x) => return Ok((x, 0.0)),
            Err(e) if !e.matches(&crate::objects::exceptions::TYPE_ERROR) => return Err(e),
            Err(_) => {}
        }
    }
    match coerce(vm, obj)? {
        Some(c) if !is_none(obj) => Ok(c),
        _ => Err(vm.type_error(&format!(
            "complex() {} argument must be a string or a number, not '{}'",
            if second { "second" } else { "first" },
            obj.ob_type().name()
        ))),
    }
    .map_err(|e| {
        if second && !e.matches(&crate::objects::exceptions::OVERFLOW_ERROR) {
            vm.type_error(&format!(
                "complex() second argument must be a number, not '{}'",
                obj.ob_type().name()
            ))
        } else {
            e
        }
    })
}

/// Parses `complex("...")`: `1`, `1j`, `1+2j`, `-j`, `(1-2.5e3j)`, with optional surrounding
/// whitespace and parentheses.
pub fn parse_complex(s: &str) -> Option<C> {
    let mut t = s.trim_matches(crate::objects::unicode::is_space);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner
            .strip_suffix(')')?
            .trim_matches(crate::objects::unicode::is_space);
    }
    let ascii = float::normalize_digits(t)?;
    let b = ascii.as_bytes();
    let is_j = |i: usize| matches!(b.get(i), Some(b'j' | b'J'));
    match float::scan_float(&ascii) {
        Some((x, n)) => {
            if n == b.len() {
                return Some((x, 0.0));
            }
            if is_j(n) && n + 1 == b.len() {
                return Some((0.0, x));
            }
            let sign = match b[n] {
                b'+' => 1.0,
                b'-' => -1.0,
                _ => return None,
            };
            if is_j(n + 1) && n + 2 == b.len() {
                return Some((x, sign));
            }
            let (y, m) = float::scan_float(&ascii[n..])?;
            (is_j(n + m) && n + m + 1 == b.len()).then_some((x, y))
        }
        None => match &ascii[..] {
            "j" | "J" | "+j" | "+J" => Some((0.0, 1.0)),
            "-j" | "-J" => Some((0.0, -1.0)),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(repr_parts(1.0, 2.0), "(1+2j)");
        assert_eq!(repr_parts(0.0, 1.0), "1j");
        assert_eq!(repr_parts(-0.0, -1.0), "(-0-1j)");
        assert_eq!(repr_parts(f64::NAN, f64::INFINITY), "(nan+infj)");
        assert_eq!(repr_parts(0.0, -0.0), "-0j");
        assert_eq!(repr_parts(1.5, -2.25e20), "(1.5-2.25e+20j)");
    }

    #[test]
    fn parses_like_cpython() {
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex(" (1+2j) "), Some((1.0, 2.0)));
        assert_eq!(parse_complex("j"), Some((0.0, 1.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1e3j"), Some((0.0, 1000.0)));
        assert_eq!(parse_complex("1_0j"), Some((0.0, 10.0)));
        assert_eq!(parse_complex("2-J"), Some((2.0, -1.0)));
        assert_eq!(parse_complex("1 + 2j"), None);
        assert_eq!(parse_complex("(1+2j"), None);
        assert_eq!(parse_complex("x"), None);
        assert!(parse_complex("inf+nanj").is_some_and(|(r, i)| r.is_infinite() && i.is_nan()));
    }

    #[test]
    fn arithmetic_matches_cpython() {
        assert_eq!(c_quot((1.0, 2.0), (3.0, 4.0)), Some((0.44, 0.08)));
        assert_eq!(c_pow((0.0, 1.0), (2.0, 0.0)), Some((-1.0, 0.0)));
        assert_eq!(
            c_pow((-8.0, 0.0), (1.0 / 3.0, 0.0)),
            Some((1.0000000000000002, 1.7320508075688772))
        );
        assert_eq!(c_pow((0.0, 0.0), (-1.0, 0.0)), None);
    }
}
