//! Builtin functions on numbers and text: `divmod`, `pow`, `round`, `bin`, `oct`, `hex`,
//! `chr`, `ord`, `format`, `ascii`.

use crate::object::BinaryOp;
use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::objects::{
    complex, float, float_methods, format, int, int_methods, none, str as pystr, str_format,
};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::Signed;

fn b_divmod(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, b] = parse::<2>(vm, "divmod", Sig::Clinic(2, 2), args, kwnames)?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(vm.type_error("divmod expected 2 arguments"));
    };
    ops::divmod(vm, &a, &b)
}

fn b_pow(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["base", "exp", "mod"],
        required: 2,
        posonly: 0,
    };
    let [base, exp, modulus] = parse::<3>(vm, "pow", sig, args, kwnames)?;
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(vm.type_error("pow() missing required argument"));
    };
    match modulus.filter(|m| !none::is_none(m)) {
        None => ops::binary_op(vm, &base, &exp, BinaryOp::Power, false),
        Some(m) => {
            // A class's own `__pow__` takes the modulus (three-argument power has no reflected
            // form: only the base's method is tried).
            if base.ob_type().is_heap_type() {
                let own = crate::vm::attr::type_lookup(vm, base.ob_type(), "__pow__")?;
                if own.is_some_and(|f| {
                    !f.is_instance(&crate::objects::slotwrapper::WRAPPER_DESCRIPTOR_TYPE)
                }) {
                    let args = [exp.clone(), m.clone()];
                    if let Some(r) = crate::vm::attr::call_special(vm, &base, "__pow__", &args)? {
                        if !none::is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
            }
            let (Some(b), Some(e), Some(m)) = (
                int::as_bigint(&base),
                int::as_bigint(&exp),
                int::as_bigint(&m),
            ) else {
                let all_numbers = [&base, &exp, &m].iter().all(|o| {
                    int::is_int(o) || float::as_f64(o).is_some() || complex::as_complex(o).is_some()
                });
                if !all_numbers {
                    return Err(vm.type_error(&format!(
                        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                        base.ob_type().name(),
                        exp.ob_type().name(),
                        m.ob_type().name()
                    )));
                }
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            int::new_bigint(vm, &int_methods::int_pow_mod(vm, &b, &e, &m)?)
        }
    }
}

fn b_round(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["number", "ndigits"],
        required: 1,
        posonly: 0,
    };
    let [number, ndigits] = parse::<2>(vm, "round", sig, args, kwnames)?;
    let number = number.ok_or_else(|| vm.type_error("round() missing required argument"))?;
    // A class's own `__round__` (`Fraction`, `Decimal`, an int subclass overriding it).
    if number.ob_type().is_heap_type() {
        if let Some(f) = crate::vm::attr::lookup_special(vm, &number, "__round__")? {
            let args: Vec<ObjRef> = ndigits
                .filter(|n| !crate::objects::none::is_none(n))
                .into_iter()
                .collect();
            return crate::vm::ops::call(vm, &f, &args, None);
        }
    }
    if int::is_int(&number) {
        return int_methods::int_round_obj(vm, &number, ndigits.as_ref());
    }
    if let Some(x) = float::as_f64(&number) {
        return float_methods::float_round_obj(vm, x, ndigits.as_ref());
    }
    Err(vm.type_error(&format!(
        "type {} doesn't define __round__ method",
        number.ob_type().name()
    )))
}

/// `bin`/`oct`/`hex`: the integer in `radix` with its prefix.
fn radix_text(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    radix: u32,
    prefix: &str,
) -> PyResult<ObjRef> {
    let [x] = parse::<1>(vm, name, Sig::One, args, kwnames)?;
    let x = x.ok_or_else(|| vm.type_error("missing argument"))?;
    let x = crate::vm::ops::index(vm, &x)?.unwrap_or(x);
    let v: BigInt = int::as_bigint(&x).ok_or_else(|| {
        vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            x.ob_type().name()
        ))
    })?;
    let sign = if v.is_negative() { "-" } else { "" };
    int::check_text_size(vm, v.bits(), radix)?;
    pystr::new_str_vm(
        vm,
        &format!("{sign}{prefix}{}", v.magnitude().to_str_radix(radix)),
    )
}

fn b_bin(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    radix_text(vm, "bin", args, kwnames, 2, "0b")
}

fn b_oct(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    radix_text(vm, "oct", args, kwnames, 8, "0o")
}

fn b_hex(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    radix_text(vm, "hex", args, kwnames, 16, "0x")
}

fn b_chr(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [i] = parse::<1>(vm, "chr", Sig::One, args, kwnames)?;
    let i = i.ok_or_else(|| vm.type_error("missing argument"))?;
    let v = match int::value(&i) {
        Some(int::IntValue::Small(v)) if i32::try_from(v).is_ok() => v,
        Some(_) => return Err(vm.overflow_error("Python int too large to convert to C int")),
        None => {
            return Err(vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                i.ob_type().name()
            )))
        }
    };
    if !(0..0x110000).contains(&v) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    match char::from_u32(v as u32) {
        Some(c) => pystr::new_str_vm(vm, c.encode_utf8(&mut [0; 4])),
        // A lone surrogate.
        None => pystr::new_str_from_code_points(vm, [v as u32]),
    }
}

fn b_ord(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [c] = parse::<1>(vm, "ord", Sig::One, args, kwnames)?;
    let c = c.ok_or_else(|| vm.type_error("missing argument"))?;
    let Some(s) = pystr::as_text(&c) else {
        return Err(vm.type_error(&format!(
            "ord() expected string of length 1, but {} found",
            c.ob_type().name()
        )));
    };
    let mut it = s.code_points();
    match (it.next(), it.next()) {
        (Some(ch), None) => int::new_int(vm, ch as i64),
        _ => Err(vm.type_error(&format!(
            "ord() expected a character, but string of length {} found",
            pystr::char_len(&c)
        ))),
    }
}

fn b_format(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [value, spec] = parse::<2>(vm, "format", Sig::Clinic(1, 2), args, kwnames)?;
    let value = value.ok_or_else(|| vm.type_error("missing argument"))?;
    let spec_text = match &spec {
        None => "",
        Some(s) => pystr::as_str(s).ok_or_else(|| {
            vm.type_error(&format!(
                "format() argument 2 must be str, not {}",
                s.ob_type().name()
            ))
        })?,
    };
    format::format_value(vm, &value, spec_text)
}

fn b_ascii(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [obj] = parse::<1>(vm, "ascii", Sig::One, args, kwnames)?;
    let obj = obj.ok_or_else(|| vm.type_error("missing argument"))?;
    pystr::new_str_vm(vm, &str_format::ascii_text(vm, &obj)?)
}

/// The numeric and text builtins.
pub static FUNCTIONS: [BuiltinDef; 10] = [
    BuiltinDef {
        name: "divmod",
        func: b_divmod,
    },
    BuiltinDef {
        name: "pow",
        func: b_pow,
    },
    BuiltinDef {
        name: "round",
        func: b_round,
    },
    BuiltinDef {
        name: "bin",
        func: b_bin,
    },
    BuiltinDef {
        name: "oct",
        func: b_oct,
    },
    BuiltinDef {
        name: "hex",
        func: b_hex,
    },
    BuiltinDef {
        name: "chr",
        func: b_chr,
    },
    BuiltinDef {
        name: "ord",
        func: b_ord,
    },
    BuiltinDef {
        name: "format",
        func: b_format,
    },
    BuiltinDef {
        name: "ascii",
        func: b_ascii,
    },
];

/// The numeric types exposed by name.
pub static TYPES: [&crate::object::TypeObject; 1] = [&complex::COMPLEX_TYPE];
