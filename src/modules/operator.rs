//! The `_operator` module: the operators as functions, and the `itemgetter`, `attrgetter` and
//! `methodcaller` types of [`super::operator_types`]. CPython's `Lib/operator.py` imports it
//! all and adds the dunder aliases and `__all__`.

use crate::object::ObjRef;
use crate::object::{BinaryOp, CompareOp};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, int, module, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

fn one(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, &format!("_operator.{name}"), Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

fn two(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<(ObjRef, ObjRef)> {
    let [a, b] = parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)?;
    match (a, b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(vm.type_error("missing argument")),
    }
}

macro_rules! binary {
    ($name:ident, $text:literal, $op:expr, $inplace:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let (a, b) = two(vm, $text, args, kw)?;
            ops::binary_op(vm, &a, &b, $op, $inplace)
        }
    };
}

binary!(o_add, "add", BinaryOp::Add, false);
binary!(o_sub, "sub", BinaryOp::Subtract, false);
binary!(o_mul, "mul", BinaryOp::Multiply, false);
binary!(o_truediv, "truediv", BinaryOp::TrueDivide, false);
binary!(o_floordiv, "floordiv", BinaryOp::FloorDivide, false);
binary!(o_mod, "mod", BinaryOp::Remainder, false);
binary!(o_pow, "pow", BinaryOp::Power, false);
binary!(o_matmul, "matmul", BinaryOp::MatrixMultiply, false);
binary!(o_lshift, "lshift", BinaryOp::Lshift, false);
binary!(o_rshift, "rshift", BinaryOp::Rshift, false);
binary!(o_and, "and_", BinaryOp::And, false);
binary!(o_or, "or_", BinaryOp::Or, false);
binary!(o_xor, "xor", BinaryOp::Xor, false);
binary!(o_iadd, "iadd", BinaryOp::Add, true);
binary!(o_isub, "isub", BinaryOp::Subtract, true);
binary!(o_imul, "imul", BinaryOp::Multiply, true);
binary!(o_itruediv, "itruediv", BinaryOp::TrueDivide, true);
binary!(o_ifloordiv, "ifloordiv", BinaryOp::FloorDivide, true);
binary!(o_imod, "imod", BinaryOp::Remainder, true);
binary!(o_ipow, "ipow", BinaryOp::Power, true);
binary!(o_imatmul, "imatmul", BinaryOp::MatrixMultiply, true);
binary!(o_ilshift, "ilshift", BinaryOp::Lshift, true);
binary!(o_irshift, "irshift", BinaryOp::Rshift, true);
binary!(o_iand, "iand", BinaryOp::And, true);
binary!(o_ior, "ior", BinaryOp::Or, true);
binary!(o_ixor, "ixor", BinaryOp::Xor, true);

macro_rules! compare {
    ($name:ident, $text:literal, $op:expr) => {
        fn $name(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let (a, b) = two(vm, $text, args, kw)?;
            ops::richcompare(vm, &a, &b, $op)
        }
    };
}

compare!(o_lt, "lt", CompareOp::Lt);
compare!(o_le, "le", CompareOp::Le);
compare!(o_eq, "eq", CompareOp::Eq);
compare!(o_ne, "ne", CompareOp::Ne);
compare!(o_gt, "gt", CompareOp::Gt);
compare!(o_ge, "ge", CompareOp::Ge);

fn o_neg(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::unary(vm, &one(vm, "neg", args, kw)?, "-")
}

fn o_pos(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::unary(vm, &one(vm, "pos", args, kw)?, "+")
}

fn o_invert(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    ops::unary(vm, &one(vm, "invert", args, kw)?, "~")
}

fn o_abs(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "abs", args, kw)?;
    if let Some(f) = a.ob_type().slots.number.absolute {
        let r = f(vm, &a)?;
        if !none::is_not_implemented(&r) {
            return Ok(r);
        }
    }
    Err(vm.type_error(&format!(
        "bad operand type for abs(): '{}'",
        a.ob_type().name()
    )))
}

fn o_not(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "not_", args, kw)?;
    Ok(boolobj::new_bool(!ops::truthy(vm, &a)?))
}

fn o_truth(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "truth", args, kw)?;
    Ok(boolobj::new_bool(ops::truthy(vm, &a)?))
}

fn o_is(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "is_", args, kw)?;
    Ok(boolobj::new_bool(a.is(&b)))
}

fn o_is_not(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "is_not", args, kw)?;
    Ok(boolobj::new_bool(!a.is(&b)))
}

fn o_contains(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "contains", args, kw)?;
    Ok(boolobj::new_bool(ops::contains(vm, &a, &b)?))
}

fn o_getitem(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "getitem", args, kw)?;
    ops::getitem(vm, &a, &b)
}

fn o_setitem(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, b, c] = parse::<3>(vm, "setitem", Sig::Clinic(3, 3), args, kw)?;
    let (Some(a), Some(b), Some(c)) = (a, b, c) else {
        return Err(vm.type_error("missing argument"));
    };
    ops::setitem(vm, &a, &b, Some(&c))?;
    Ok(none::none())
}

fn o_delitem(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "delitem", args, kw)?;
    ops::setitem(vm, &a, &b, None)?;
    Ok(none::none())
}

fn o_index(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = one(vm, "index", args, kw)?;
    if int::is_int(&a) && !a.ob_type().is_heap_type() && boolobj::as_bool(&a).is_none() {
        return Ok(a);
    }
    let v = super::math::index_arg(vm, &a)?;
    int::new_bigint(vm, &v)
}

/// Whether `obj` is a sequence for `concat` (CPython: has `sq_concat`).
fn is_sequence(obj: &ObjRef) -> bool {
    let s = &obj.ob_type().slots;
    s.getitem.is_some() && s.len.is_some() && s.number.add.is_some() && !int::is_int(obj)
}

fn concat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>, inplace: bool) -> PyResult<ObjRef> {
    let (a, b) = two(vm, if inplace { "iconcat" } else { "concat" }, args, kw)?;
    if !is_sequence(&a) {
        return Err(vm.type_error(&format!(
            "'{}' object can't be concatenated",
            a.ob_type().name()
        )));
    }
    ops::binary_op(vm, &a, &b, BinaryOp::Add, inplace)
}

fn o_concat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    concat(vm, args, kw, false)
}

fn o_iconcat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    concat(vm, args, kw, true)
}

fn iterate(vm: &Vm, seq: &ObjRef) -> PyResult<ObjRef> {
    if seq.ob_type().slots.iter.is_none() {
        return Err(vm.type_error(&format!(
            "argument of type '{}' is not iterable",
            seq.ob_type().name()
        )));
    }
    ops::iter(vm, seq)
}

fn o_count_of(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "countOf", args, kw)?;
    let it = iterate(vm, &a)?;
    let mut n = 0i64;
    while let Some(x) = ops::next(vm, &it)? {
        if x.is(&b) || ops::eq(vm, &x, &b)? {
            n += 1;
        }
    }
    int::new_int(vm, n)
}

fn o_index_of(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "indexOf", args, kw)?;
    let it = iterate(vm, &a)?;
    let mut n = 0i64;
    while let Some(x) = ops::next(vm, &it)? {
        if x.is(&b) || ops::eq(vm, &x, &b)? {
            return int::new_int(vm, n);
        }
        n += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

/// `call(obj, /, *args, **kwargs)`: `obj(*args, **kwargs)`.
fn o_call(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let nkw = kw
        .and_then(crate::objects::tuple::items)
        .map_or(0, |k| k.len());
    if args.len() <= nkw {
        return Err(vm.type_error(&format!(
            "call expected at least 1 argument, got {}",
            args.len() - nkw
        )));
    }
    ops::call(vm, &args[0], &args[1..], kw)
}

fn o_length_hint(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [obj, default] = parse::<2>(vm, "length_hint", Sig::Clinic(1, 2), args, kw)?;
    let obj = obj.ok_or_else(|| vm.type_error("missing argument"))?;
    let default = match default {
        Some(d) => {
            if !int::is_int(&d) {
                return Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    d.ob_type().name()
                )));
            }
            d
        }
        None => int::new_int(vm, 0)?,
    };
    // As CPython: a `__len__` that raises TypeError, or a `__length_hint__` that does, gives
    // way to the next source of a hint.
    if let Some(f) = obj.ob_type().slots.len {
        match f(vm, &obj) {
            Ok(n) => return int::new_int(vm, n as i64),
            Err(e) if e.matches(&crate::objects::exceptions::TYPE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    let hint = match crate::vm::attr::call_special(vm, &obj, "__length_hint__", &[]) {
        Err(e) if e.matches(&crate::objects::exceptions::TYPE_ERROR) => return Ok(default),
        r => r?,
    };
    match hint {
        Some(r) if none::is_not_implemented(&r) => Ok(default),
        Some(r) => {
            let Some(v) = int::as_i64(&r).filter(|_| int::is_int(&r)) else {
                return Err(vm.type_error(&format!(
                    "__length_hint__ must be an integer, not {}",
                    r.ob_type().name()
                )));
            };
            if v < 0 {
                return Err(vm.value_error("__length_hint__() should return >= 0"));
            }
            Ok(r)
        }
        None => Ok(default),
    }
}

/// A table of `BuiltinDef`s from `"name" => function` pairs.
macro_rules! builtin_table {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

/// The functions.
static OPERATOR_FUNCTIONS: &[BuiltinDef] = builtin_table![
    "add" => o_add, "sub" => o_sub, "mul" => o_mul, "truediv" => o_truediv,
    "floordiv" => o_floordiv, "mod" => o_mod, "pow" => o_pow, "matmul" => o_matmul,
    "lshift" => o_lshift, "rshift" => o_rshift, "and_" => o_and, "or_" => o_or,
    "xor" => o_xor, "iadd" => o_iadd, "isub" => o_isub, "imul" => o_imul,
    "itruediv" => o_itruediv, "ifloordiv" => o_ifloordiv, "imod" => o_imod,
    "ipow" => o_ipow, "imatmul" => o_imatmul, "ilshift" => o_ilshift,
    "irshift" => o_irshift, "iand" => o_iand, "ior" => o_ior, "ixor" => o_ixor,
    "lt" => o_lt, "le" => o_le, "eq" => o_eq, "ne" => o_ne, "gt" => o_gt, "ge" => o_ge,
    "neg" => o_neg, "pos" => o_pos, "invert" => o_invert, "inv" => o_invert,
    "abs" => o_abs, "not_" => o_not, "index" => o_index, "contains" => o_contains,
    "getitem" => o_getitem, "setitem" => o_setitem, "delitem" => o_delitem,
    "concat" => o_concat, "iconcat" => o_iconcat,
    "truth" => o_truth, "is_" => o_is, "is_not" => o_is_not,
    "countOf" => o_count_of, "indexOf" => o_index_of, "length_hint" => o_length_hint,
    "call" => o_call,
];

/// `_compare_digest(a, b)`: `a == b` for two ASCII strings or two bytes-like objects, in time
/// independent of where they differ.
fn o_compare_digest(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b) = two(vm, "_compare_digest", args, kw)?;
    let (sa, sb) = (
        crate::objects::str::as_str(&a),
        crate::objects::str::as_str(&b),
    );
    let equal = match (sa, sb) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(
                    vm.type_error("comparing strings with non-ASCII characters is not supported")
                );
            }
            constant_time_eq(x.as_bytes(), y.as_bytes())
        }
        (None, None) => {
            let (Some(x), Some(y)) = (
                crate::objects::bytes_methods::buffer(&a),
                crate::objects::bytes_methods::buffer(&b),
            ) else {
                return Err(vm.type_error(&format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    a.ob_type().name(),
                    b.ob_type().name()
                )));
            };
            constant_time_eq(&x, &y)
        }
        _ => {
            let other = if sa.is_some() { &b } else { &a };
            if crate::objects::bytes_methods::buffer(other).is_some() {
                return Err(vm.type_error("a bytes-like object is required, not 'str'"));
            }
            return Err(vm.type_error(&format!(
                "unsupported operand types(s) or combination of types: '{}' and '{}'",
                a.ob_type().name(),
                b.ob_type().name()
            )));
        }
    };
    Ok(boolobj::new_bool(equal))
}

/// Equality that looks at every byte of `b` whatever the contents.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (i, y) in b.iter().enumerate() {
        let x = a.get(i).copied().unwrap_or(!*y);
        diff |= x ^ y;
    }
    diff == 0
}

static COMPARE_DIGEST: BuiltinDef = BuiltinDef {
    name: "_compare_digest",
    func: o_compare_digest,
};

/// Builds `_operator`: the functions without dunder aliases, the three types and
/// `_compare_digest` (CPython's `Lib/operator.py` imports them all).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_operator")?;
    for def in OPERATOR_FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(
        vm,
        &m,
        COMPARE_DIGEST.name,
        new_module_builtin(vm, &COMPARE_DIGEST, m.clone())?,
    )?;
    super::operator_types::add_types(vm, &m)?;
    Ok(m)
}
