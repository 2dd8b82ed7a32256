//! The `cmath` module: the complex versions of the elementary functions ([`funcs`]), `phase`,
//! `polar`, `rect`, the predicates `isfinite`/`isinf`/`isnan`/`isclose` and the constants.
//! Domain errors raise `ValueError("math domain error")`, overflow
//! `OverflowError("math range error")`, as in CPython.

pub mod funcs;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, complex, float, module, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use funcs::{Fault, C};

/// A complex argument: complex, `__complex__`, or a real number.
fn complex_arg(vm: &Vm, obj: &ObjRef) -> PyResult<C> {
    if let Some(c) = complex::as_complex(obj) {
        return Ok(c);
    }
    if let Some(f) = ops::lookup_special(vm, obj, "__complex__")? {
        let r = ops::call(vm, &f, &[], None)?;
        return complex::as_complex(&r).ok_or_else(|| {
            vm.type_error(&format!(
                "__complex__ returned non-complex (type {})",
                r.ob_type().name()
            ))
        });
    }
    let n = &obj.ob_type().slots.number;
    if float::as_f64(obj).is_none()
        && !crate::objects::int::is_int(obj)
        && n.float.is_none()
        && n.index.is_none()
    {
        return Err(vm.type_error(&format!(
            "must be real number, not {}",
            obj.ob_type().name()
        )));
    }
    Ok((crate::modules::math::real_arg(vm, obj)?, 0.0))
}

fn fault_error(vm: &Vm, f: Fault) -> Option<PyErr> {
    match f {
        Fault::None => None,
        Fault::Domain => Some(vm.value_error("math domain error")),
        Fault::Range => Some(vm.overflow_error("math range error")),
    }
}

fn result(vm: &Vm, (z, f): (C, Fault)) -> PyResult<ObjRef> {
    if let Some(e) = fault_error(vm, f) {
        return Err(e);
    }
    complex::new_complex(vm, z.0, z.1)
}

fn one(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<C> {
    let [z] = parse::<1>(vm, &format!("cmath.{name}"), Sig::One, args, kw)?;
    complex_arg(vm, &z.ok_or_else(|| vm.type_error("missing argument"))?)
}

macro_rules! unary {
    ($f:ident, $name:literal, $impl:path) => {
        fn $f(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let z = one(vm, $name, args, kw)?;
            result(vm, $impl(z))
        }
    };
}

unary!(c_sqrt, "sqrt", funcs::sqrt);
unary!(c_exp, "exp", funcs::exp);
unary!(c_acos, "acos", funcs::acos);
unary!(c_asin, "asin", funcs::asin);
unary!(c_atan, "atan", funcs::atan);
unary!(c_acosh, "acosh", funcs::acosh);
unary!(c_asinh, "asinh", funcs::asinh);
unary!(c_atanh, "atanh", funcs::atanh);
unary!(c_cos, "cos", funcs::cos);
unary!(c_sin, "sin", funcs::sin);
unary!(c_tan, "tan", funcs::tan);
unary!(c_cosh, "cosh", funcs::cosh);
unary!(c_sinh, "sinh", funcs::sinh);
unary!(c_tanh, "tanh", funcs::tanh);

fn c_log10(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let z = one(vm, "log10", args, kw)?;
    let ((re, im), f) = funcs::log(z);
    let ln10 = std::f64::consts::LN_10;
    result(vm, ((re / ln10, im / ln10), f))
}

fn c_log(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x, base] = parse::<2>(vm, "log", Sig::Clinic(1, 2), args, kw)?;
    let z = complex_arg(vm, &x.ok_or_else(|| vm.type_error("missing argument"))?)?;
    let (lz, f) = funcs::log(z);
    if let Some(e) = fault_error(vm, f) {
        return Err(e);
    }
    let Some(base) = base else {
        return complex::new_complex(vm, lz.0, lz.1);
    };
    let (lb, f) = funcs::log(complex_arg(vm, &base)?);
    if let Some(e) = fault_error(vm, f) {
        return Err(e);
    }
    match complex::c_quot(lz, lb) {
        Some(q) => complex::new_complex(vm, q.0, q.1),
        None => Err(vm.zero_division("complex division by zero")),
    }
}

fn c_phase(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (x, y) = one(vm, "phase", args, kw)?;
    float::new_float(vm, y.atan2(x))
}

fn c_polar(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (x, y) = one(vm, "polar", args, kw)?;
    let r = if x.is_infinite() || y.is_infinite() {
        f64::INFINITY
    } else {
        x.hypot(y)
    };
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    tuple::new_tuple(
        vm,
        vec![float::new_float(vm, r)?, float::new_float(vm, y.atan2(x))?],
    )
}

fn c_rect(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [r, phi] = parse::<2>(vm, "rect", Sig::Clinic(2, 2), args, kw)?;
    let (Some(r), Some(phi)) = (r, phi) else {
        return Err(vm.type_error("missing argument"));
    };
    let r = crate::modules::math::real_arg(vm, &r)?;
    let phi = crate::modules::math::real_arg(vm, &phi)?;
    result(vm, funcs::rect(r, phi))
}

fn predicate(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    f: fn(C) -> bool,
) -> PyResult<ObjRef> {
    let z = one(vm, name, args, kw)?;
    Ok(boolobj::new_bool(f(z)))
}

fn c_isfinite(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    predicate(vm, "isfinite", args, kw, |z| {
        z.0.is_finite() && z.1.is_finite()
    })
}

fn c_isinf(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    predicate(vm, "isinf", args, kw, |z| {
        z.0.is_infinite() || z.1.is_infinite()
    })
}

fn c_isnan(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    predicate(vm, "isnan", args, kw, |z| z.0.is_nan() || z.1.is_nan())
}

fn c_isclose(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let [a, b, rel, abs] = parse::<4>(
        vm,
        "isclose",
        Sig::Kw {
            names: &["a", "b", "rel_tol", "abs_tol"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(vm.type_error("isclose() missing required argument"));
    };
    let (a, b) = (complex_arg(vm, &a)?, complex_arg(vm, &b)?);
    let rel = rel.map_or(Ok(1e-9), |r| crate::modules::math::real_arg(vm, &r))?;
    let abs = abs.map_or(Ok(0.0), |r| crate::modules::math::real_arg(vm, &r))?;
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(boolobj::new_bool(true));
    }
    if a.0.is_infinite() || a.1.is_infinite() || b.0.is_infinite() || b.1.is_infinite() {
        return Ok(boolobj::new_bool(false));
    }
    let diff = (a.0 - b.0).hypot(a.1 - b.1);
    let close = diff <= rel * b.0.hypot(b.1) || diff <= rel * a.0.hypot(a.1) || diff <= abs;
    Ok(boolobj::new_bool(close))
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "sqrt",
        func: c_sqrt,
    },
    BuiltinDef {
        name: "exp",
        func: c_exp,
    },
    BuiltinDef {
        name: "log",
        func: c_log,
    },
    BuiltinDef {
        name: "log10",
        func: c_log10,
    },
    BuiltinDef {
        name: "acos",
        func: c_acos,
    },
    BuiltinDef {
        name: "asin",
        func: c_asin,
    },
    BuiltinDef {
        name: "atan",
        func: c_atan,
    },
    BuiltinDef {
        name: "acosh",
        func: c_acosh,
    },
    BuiltinDef {
        name: "asinh",
        func: c_asinh,
    },
    BuiltinDef {
        name: "atanh",
        func: c_atanh,
    },
    BuiltinDef {
        name: "cos",
        func: c_cos,
    },
    BuiltinDef {
        name: "sin",
        func: c_sin,
    },
    BuiltinDef {
        name: "tan",
        func: c_tan,
    },
    BuiltinDef {
        name: "cosh",
        func: c_cosh,
    },
    BuiltinDef {
        name: "sinh",
        func: c_sinh,
    },
    BuiltinDef {
        name: "tanh",
        func: c_tanh,
    },
    BuiltinDef {
        name: "phase",
        func: c_phase,
    },
    BuiltinDef {
        name: "polar",
        func: c_polar,
    },
    BuiltinDef {
        name: "rect",
        func: c_rect,
    },
    BuiltinDef {
        name: "isfinite",
        func: c_isfinite,
    },
    BuiltinDef {
        name: "isinf",
        func: c_isinf,
    },
    BuiltinDef {
        name: "isnan",
        func: c_isnan,
    },
    BuiltinDef {
        name: "isclose",
        func: c_isclose,
    },
];

/// Builds `cmath`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "cmath")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let reals = [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ];
    for (name, v) in reals {
        module::set_attr(vm, &m, name, float::new_float(vm, v)?)?;
    }
    module::set_attr(
        vm,
        &m,
        "infj",
        complex::new_complex(vm, 0.0, f64::INFINITY)?,
    )?;
    module::set_attr(vm, &m, "nanj", complex::new_complex(vm, 0.0, f64::NAN)?)?;
    Ok(m)
}
