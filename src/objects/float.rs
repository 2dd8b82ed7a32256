//! `float`: an IEEE 754 double, with CPython's repr and arithmetic rules.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::float_methods as fm;
pub use crate::objects::float_methods::{normalize_digits, scan_float};
use crate::objects::int::{self, IntValue, HASH_MODULUS};
use crate::objects::none::not_implemented;
use crate::objects::tuple;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};

/// Payload of a float.
pub struct FloatObject {
    value: f64,
}

impl PyPayload for FloatObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(FloatObject);

static FLOAT_VTABLE: PayloadVTable = PayloadVTable::of::<FloatObject>();

/// A float object.
pub fn new_float(vm: &Vm, v: f64) -> PyResult<ObjRef> {
    new_object(&FLOAT_TYPE, FloatObject { value: v }).or_mem(vm)
}

/// The value of an exact float.
#[inline]
pub fn as_f64(obj: &ObjRef) -> Option<f64> {
    obj.downcast::<FloatObject>().map(|f| f.value)
}

/// The value of a float, int or bool as a double (`None` for other types).
pub fn coerce(vm: &Vm, obj: &ObjRef) -> PyResult<Option<f64>> {
    if let Some(f) = as_f64(obj) {
        return Ok(Some(f));
    }
    match int::value(obj) {
        Some(v) => Ok(Some(int::to_f64(vm, &v)?)),
        None => Ok(None),
    }
}

/// The shortest round-trip digits of `x` as `d.ddde±x`. When two strings of that length round
/// trip equally well (the exact value is a tie), CPython's dtoa picks the correctly rounded
/// (half to even) one; Rust's shortest formatting may pick the other, so prefer the exact
/// rounding whenever it round-trips.
fn shortest_sci(x: f64) -> String {
    let sci = format!("{x:e}");
    let mantissa = sci.split('e').next().unwrap_or("");
    let n = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let exact = format!("{x:.prec$e}", prec = n.saturating_sub(1));
    if exact.parse::<f64>() == Ok(x) {
        exact
    } else {
        sci
    }
}

/// CPython's `repr(float)`: the shortest string that round-trips, in fixed notation for
/// exponents -4..16 and scientific notation otherwise.
pub fn repr_f64(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddddde±x".
    let sci = shortest_sci(x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

fn float_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::str::new_str_vm(vm, &repr_f64(as_f64(obj).unwrap_or(0.0)))
}

/// CPython's hash of a double, consistent with int hashes for integral values.
pub fn hash_f64(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.fract() == 0.0 {
        if let Some(b) = BigInt::from_f64(x) {
            return int::hash_bigint(&b);
        }
    }
    // Reduce m * 2**e modulo 2**61 - 1, as CPython's _Py_HashDouble.
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    let modulus = HASH_MODULUS as u64;
    while m != 0.0 {
        h = ((h << 28) & modulus) | (h >> (61 - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= modulus {
            h -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & modulus) | (h >> (61 - e));
    let mut h = h as i64;
    if x < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

fn float_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let x = as_f64(obj).unwrap_or(0.0);
    if x.is_nan() {
        // Since 3.10 a NaN hashes by identity, so distinct NaNs spread over a dict's slots.
        return crate::objects::typetype::object_hash(vm, obj);
    }
    Ok(hash_f64(x))
}

fn float_bool(_vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(as_f64(obj).unwrap_or(0.0) != 0.0)
}

/// Compares a double with an int exactly (as CPython does, without rounding the int).
fn compare_float_int(x: f64, v: &IntValue) -> Option<std::cmp::Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    match v {
        IntValue::Small(i) if i.unsigned_abs() < (1 << 53) => x.partial_cmp(&(*i as f64)),
        _ => {
            let b = v.to_bigint();
            let floor = BigInt::from_f64(x.floor())?;
            match floor.cmp(&b) {
                std::cmp::Ordering::Equal => {
                    if x.fract() == 0.0 {
                        Some(std::cmp::Ordering::Equal)
                    } else {
                        Some(std::cmp::Ordering::Greater)
                    }
                }
                o => Some(o),
            }
        }
    }
}

fn float_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let ord = match (as_f64(a), as_f64(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y),
        (Some(x), None) => match int::value(b) {
            Some(v) => compare_float_int(x, &v),
            None => return Ok(not_implemented()),
        },
        (None, Some(y)) => match int::value(a) {
            Some(v) => compare_float_int(y, &v).map(|o| o.reverse()),
            None => return Ok(not_implemented()),
        },
        (None, None) => return Ok(not_implemented()),
    };
    let _ = vm;
    let Some(r) = op.holds_for(ord) else {
        return Ok(not_implemented());
    };
    Ok(new_bool(r))
}

fn operands(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<Option<(f64, f64)>> {
    match (coerce(vm, a)?, coerce(vm, b)?) {
        (Some(x), Some(y)) => Ok(Some((x, y))),
        _ => Ok(None),
    }
}

macro_rules! float_binop {
    ($name:ident, |$vm:ident, $x:ident, $y:ident| $body:expr) => {
        fn $name(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
            let Some(($x, $y)) = operands(vm, a, b)? else {
                return Ok(not_implemented());
            };
            let $vm = vm;
            let r: PyResult<f64> = $body;
            new_float(vm, r?)
        }
    };
}

float_binop!(float_add, |_vm, x, y| Ok(x + y));
float_binop!(float_sub, |_vm, x, y| Ok(x - y));
float_binop!(float_mul, |_vm, x, y| Ok(x * y));
float_binop!(float_div, |vm, x, y| if y == 0.0 {
    Err(vm.zero_division("float division by zero"))
} else {
    Ok(x / y)
});
float_binop!(float_floordiv, |vm, x, y| if y == 0.0 {
    Err(vm.zero_division("float floor division by zero"))
} else {
    Ok(divmod(x, y).0)
});
float_binop!(float_mod, |vm, x, y| if y == 0.0 {
    Err(vm.zero_division("float modulo"))
} else {
    Ok(divmod(x, y).1)
});

/// `divmod(a, b)` of floats (and ints mixed with floats).
fn float_divmod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(vm, a, b)? else {
        return Ok(not_implemented());
    };
    if y == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    let (q, r) = divmod(x, y);
    crate::objects::tuple::new_tuple(vm, vec![new_float(vm, q)?, new_float(vm, r)?])
}

/// Python's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `x ** y` for doubles, with CPython's errors.
pub fn float_pow_values(vm: &Vm, x: f64, y: f64) -> PyResult<ObjRef> {
    // An infinite exponent follows C's `pow` (`(-0.0) ** -inf` is `inf`).
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        // A negative base to a fractional power is complex, as in CPython 3.
        let (re, im) = crate::objects::complex::complex_pow_values(vm, (x, 0.0), (y, 0.0))?;
        return crate::objects::complex::new_complex(vm, re, im);
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    new_float(vm, r)
}

fn float_pow(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(vm, a, b)? else {
        return Ok(not_implemented());
    };
    float_pow_values(vm, x, y)
}

fn float_neg(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    new_float(vm, -as_f64(a).unwrap_or(0.0))
}
fn float_pos(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    new_float(vm, as_f64(a).unwrap_or(0.0))
}
fn float_abs(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    new_float(vm, as_f64(a).unwrap_or(0.0).abs())
}

/// `int(x)` for a double: truncation, with CPython's errors for inf and nan.
pub fn float_to_int(vm: &Vm, x: f64) -> PyResult<ObjRef> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    match t.to_i64() {
        Some(i) if t.abs() < 9.0e18 => int::new_int(vm, i),
        _ => int::new_bigint(vm, &BigInt::from_f64(t).unwrap_or_default()),
    }
}

fn float_int(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    float_to_int(vm, as_f64(a).unwrap_or(0.0))
}

/// `float.__getnewargs__()`: the value as an exact float.
fn float_getnewargs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "float.__getnewargs__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let v = as_f64(this).ok_or_else(|| vm.type_error("expected a float"))?;
    crate::objects::tuple::new_tuple(vm, vec![new_float(vm, v)?])
}

/// `float.__getformat__(typestr)` (a class method): how doubles and floats are stored.
fn float_getformat(
    vm: &Vm,
    _cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [t] = crate::vm::argparse::parse::<1>(
        vm,
        "float.__getformat__",
        crate::vm::argparse::Sig::One,
        args,
        kw,
    )?;
    let t = t.unwrap_or_else(crate::objects::none::none);
    let Some(text) = crate::objects::str::as_str(&t) else {
        return Err(vm.type_error(&format!(
            "__getformat__() argument must be str, not {}",
            t.ob_type().name()
        )));
    };
    if text != "double" && text != "float" {
        return Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'"));
    }
    let order = if cfg!(target_endian = "little") {
        "IEEE, little-endian"
    } else {
        "IEEE, big-endian"
    };
    crate::objects::str::new_str_vm(vm, order)
}

/// The data attributes of `float`.
static FLOAT_GETSET: [crate::object::GetSetDef; 2] = [
    crate::object::GetSetDef {
        name: "real",
        get: fm::float_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "imag",
        get: fm::float_getattr,
        set: None,
    },
];

/// `float`.
pub static FLOAT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &FLOAT_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "float",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &FLOAT_VTABLE,
    slots: Slots {
        repr: Some(float_repr),
        hash: Some(float_hash),
        richcompare: Some(float_richcompare),
        number: NumberSlots {
            add: Some(float_add),
            subtract: Some(float_sub),
            multiply: Some(float_mul),
            true_divide: Some(float_div),
            floor_divide: Some(float_floordiv),
            remainder: Some(float_mod),
            divmod: Some(float_divmod),
            power: Some(float_pow),
            negative: Some(float_neg),
            positive: Some(float_pos),
            absolute: Some(float_abs),
            bool: Some(float_bool),
            int: Some(float_int),
            float: Some(float_pos),
            ..NumberSlots::EMPTY
        },
        getattr: Some(fm::float_getattr),
        new: Some(float_new),
        ..Slots::EMPTY
    },
    methods: &FLOAT_METHODS,
    doc: "Convert a string or number to a floating point number, if possible.",
};

/// Methods of `float`.
static FLOAT_METHODS: [MethodDef; 14] = [
    MethodDef {
        name: "is_integer",
        func: fm::float_is_integer,
        flags: 0,
    },
    MethodDef {
        name: "as_integer_ratio",
        func: fm::float_as_integer_ratio,
        flags: 0,
    },
    MethodDef {
        name: "hex",
        func: fm::float_hex,
        flags: 0,
    },
    MethodDef {
        name: "fromhex",
        func: fm::float_fromhex,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "conjugate",
        func: fm::float_conjugate,
        flags: 0,
    },
    MethodDef {
        name: "__round__",
        func: fm::float_round,
        flags: 0,
    },
    MethodDef {
        name: "__trunc__",
        func: fm::float_trunc,
        flags: 0,
    },
    MethodDef {
        name: "__floor__",
        func: fm::float_floor,
        flags: 0,
    },
    MethodDef {
        name: "__ceil__",
        func: fm::float_ceil,
        flags: 0,
    },
    MethodDef {
        name: "__int__",
        func: fm::float_int,
        flags: 0,
    },
    MethodDef {
        name: "__format__",
        func: fm::float_format,
        flags: 0,
    },
    MethodDef {
        name: "__float__",
        func: fm::float_conjugate,
        flags: 0,
    },
    MethodDef {
        name: "__getnewargs__",
        func: float_getnewargs,
        flags: 0,
    },
    MethodDef {
        name: "__getformat__",
        func: float_getformat,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
];

fn float_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    // Keywords are refused unless a subclass's own `__init__` takes them (as CPython does).
    let n_kw = kwnames.and_then(tuple::items).map_or(0, |k| k.len());
    if n_kw > 0 && !init_overridden(vm, ty)? {
        crate::vm::args::no_kwargs(vm, "float", kwnames)?;
    }
    let args = &args[..args.len() - n_kw.min(args.len())];
    crate::vm::args::check_count(vm, "float", args, 0, 1)?;
    let f = match args.first() {
        None => new_float(vm, 0.0)?,
        Some(x) => to_float(vm, x)?,
    };
    if std::ptr::eq(ty, &FLOAT_TYPE) {
        return Ok(f);
    }
    // A subclass instance carrying the value.
    new_object(
        ty,
        FloatObject {
            value: as_f64(&f).unwrap_or(0.0),
        },
    )
    .or_mem(vm)
}

/// Whether a class defined in Python between `ty` and `float` defines `__init__`.
fn init_overridden(vm: &Vm, ty: &TypeObject) -> PyResult<bool> {
    if !ty.is_heap_type() {
        return Ok(false);
    }
    for c in crate::objects::classobj::mro_of(&ObjRef::from_type_ref(ty)) {
        let Some(h) = c.as_type().and_then(|c| c.heap()) else {
            break;
        };
        if crate::objects::dict::get_str(vm, &h.ext.dict, "__init__")?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Text for `float()` from a bytes-like object: only ASCII whitespace is stripped, and any
/// other byte outside ASCII makes the text unparsable.
fn bytes_float_text(b: &[u8]) -> Option<String> {
    let is_ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let start = b.iter().position(|c| !is_ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !is_ws(c)).map_or(start, |e| e + 1);
    let core = &b[start..end];
    if !core.is_ascii() || core.first().is_some_and(|c| c.is_ascii_control()) {
        return None;
    }
    if core.last().is_some_and(|c| c.is_ascii_control()) {
        return None;
    }
    Some(core.iter().map(|&c| c as char).collect())
}

/// `float(x)`: str parsing (with `inf`/`nan` spellings) or conversion of a real number.
pub fn to_float(vm: &Vm, x: &ObjRef) -> PyResult<ObjRef> {
    // CPython's order: an exact float or str as it is, then `__float__`, `__index__`, the value
    // of a float subclass, and last the text of a str subclass or bytes-like object.
    if std::ptr::eq(x.ob_type(), &FLOAT_TYPE) {
        return Ok(x.clone());
    }
    let is_str = crate::objects::str::as_text(x).is_some();
    if is_str && std::ptr::eq(x.ob_type(), &crate::objects::str::STR_TYPE) {
        return float_from_text(vm, x);
    }
    if let Some(f) = x.ob_type().slots.number.float {
        let r = f(vm, x)?;
        if !crate::objects::none::is_not_implemented(&r) {
            return match as_f64(&r) {
                Some(v) => new_float(vm, v),
                None => Err(vm.type_error(&format!(
                    "{}.__float__ returned non-float (type {})",
                    x.ob_type().name(),
                    r.ob_type().name()
                ))),
            };
        }
    }
    if let Some(v) = coerce(vm, x)? {
        return new_float(vm, v);
    }
    if let Some(i) = crate::vm::ops::index(vm, x)? {
        if let Some(v) = coerce(vm, &i)? {
            return new_float(vm, v);
        }
    }
    if is_str {
        return float_from_text(vm, x);
    }
    if let Some(b) = crate::objects::bytes_methods::buffer(x) {
        if let Some(v) = bytes_float_text(&b).and_then(|t| fm::parse_float_text(&t)) {
            return new_float(vm, v);
        }
        return Err(vm.value_error(&format!(
            "could not convert string to float: {}",
            crate::objects::bytes::repr_bytes(&b)
        )));
    }
    Err(vm.type_error(&format!(
        "float() argument must be a string or a real number, not '{}'",
        x.ob_type().name()
    )))
}

/// `float(s)` for a str: the number it spells (with `inf`/`nan`), or ValueError.
fn float_from_text(vm: &Vm, x: &ObjRef) -> PyResult<ObjRef> {
    if crate::objects::str::has_surrogates(x) {
        // A lone surrogate is never part of a number.
        return Err(vm.value_error(&format!(
            "could not convert string to float: {}",
            crate::objects::str::repr_wtf8(crate::objects::str::as_text(x).unwrap_or_default())
        )));
    }
    let s = crate::objects::str::as_str(x).unwrap_or_default();
    match fm::parse_float_text(s) {
        Some(v) => new_float(vm, v),
        None => Err(vm.value_error(&format!(
            "could not convert string to float: {}",
            crate::objects::str::repr_str(s)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (0.30000000000000004, "0.30000000000000004"),
            (-1749393972614922.2, "-1749393972614922.2"),
            (1749393972614922.0 + 0.25, "1749393972614922.2"),
        ];
        for (x, want) in cases {
            assert_eq!(repr_f64(x), want, "repr of {x:e}");
        }
    }

    #[test]
    fn bytes_text_strips_only_ascii_whitespace() {
        assert_eq!(bytes_float_text(b" \t1.5\n").as_deref(), Some("1.5"));
        assert_eq!(bytes_float_text(b"123\xa0"), None);
        assert_eq!(bytes_float_text(b"\x1c1"), None);
        assert_eq!(bytes_float_text(b"1\x1f"), None);
        assert_eq!(bytes_float_text(b"  ").as_deref(), Some(""));
    }

    #[test]
    fn hash_matches_cpython() {
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(1.1), 230584300921369601);
        assert_eq!(hash_f64(-0.1), -230584300921369408);
    }
}
