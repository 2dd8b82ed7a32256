//! The `binascii` module: conversions between binary data and ASCII encodings (hex, base64,
//! uuencode, quoted-printable) and the CRC-32/CRC-CCITT checksums, with `binascii.Error`
//! (a `ValueError`) and `binascii.Incomplete`. The algorithms live in [`codecs`]; this file
//! parses arguments as CPython does.

pub mod codecs;

use crate::object::ObjRef;
use crate::objects::bytes_methods::{buffer, buffer_arg};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{bytes, int, module, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

fn error(vm: &Vm, msg: &str) -> PyErr {
    crate::modules::modutil::module_error(vm, "binascii", "Error", msg)
}

/// An ASCII-data argument of the `a2b_*` functions: bytes-like, or a `str` of ASCII.
fn ascii_arg(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(s) = pystr::as_str(obj) {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    buffer(obj).map(|b| b.into_owned()).ok_or_else(|| {
        vm.type_error(&format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            obj.ob_type().name()
        ))
    })
}

fn required(vm: &Vm, v: Option<ObjRef>) -> PyResult<ObjRef> {
    v.ok_or_else(|| vm.type_error("missing argument"))
}

/// Parses `(data, /, *, flag=default)`.
fn data_and_flag(
    vm: &Vm,
    name: &str,
    flag: &'static [&'static str],
    default: bool,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ObjRef, bool)> {
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "{name}() takes exactly 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let names: &'static [&'static str] = match flag {
        ["newline"] => &["data", "newline"],
        ["strict_mode"] => &["data", "strict_mode"],
        _ => &["data", "backtick"],
    };
    let [data, f] = parse::<2>(
        vm,
        name,
        Sig::Kw {
            names,
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let f = match f {
        Some(f) => ops::truthy(vm, &f)?,
        None => default,
    };
    Ok((required(vm, data)?, f))
}

/// The `sep` argument of `hexlify`: a `str` or bytes-like of length 1.
fn sep_arg(vm: &Vm, sep: &ObjRef) -> PyResult<u8> {
    let raw: Vec<u32> = if let Some(s) = pystr::as_str(sep) {
        s.chars().map(u32::from).collect()
    } else if let Some(b) = buffer(sep) {
        b.iter().map(|c| u32::from(*c)).collect()
    } else {
        return Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            sep.ob_type().name()
        )));
    };
    match raw.as_slice() {
        [c] if *c < 256 => Ok(*c as u8),
        [_] => Err(vm.value_error("sep must be ASCII.")),
        _ => Err(vm.value_error("sep must be length 1.")),
    }
}

fn hexlify_impl(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, sep, per] = parse::<3>(
        vm,
        name,
        Sig::Kw {
            names: &["data", "sep", "bytes_per_sep"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let data = buffer_arg(vm, &required(vm, data)?)?.into_owned();
    let sep = match sep {
        Some(s) => Some(sep_arg(vm, &s)?),
        None => None,
    };
    let per = match per {
        Some(p) => index_arg(vm, &p)?,
        None => 1,
    };
    vm.check_bytes(data.len().saturating_mul(3))?;
    bytes::new_bytes(vm, &codecs::hexlify(&data, sep, per))
}

fn b_hexlify(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    hexlify_impl(vm, "hexlify", args, kw)
}

fn b_b2a_hex(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    hexlify_impl(vm, "b2a_hex", args, kw)
}

fn unhexlify_impl(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let data = ascii_arg(vm, &required(vm, data)?)?;
    let out = codecs::unhexlify(&data).map_err(|m| error(vm, &m))?;
    bytes::new_bytes(vm, &out)
}

fn b_unhexlify(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    unhexlify_impl(vm, "unhexlify", args, kw)
}

fn b_a2b_hex(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    unhexlify_impl(vm, "a2b_hex", args, kw)
}

fn b_b2a_base64(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (data, newline) = data_and_flag(vm, "b2a_base64", &["newline"], true, args, kw)?;
    let data = buffer_arg(vm, &data)?.into_owned();
    vm.check_bytes(data.len() / 3 * 4 + 8)?;
    bytes::new_bytes(vm, &codecs::b2a_base64(&data, newline))
}

fn b_a2b_base64(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (data, strict) = data_and_flag(vm, "a2b_base64", &["strict_mode"], false, args, kw)?;
    let data = ascii_arg(vm, &data)?;
    let out = codecs::a2b_base64(&data, strict).map_err(|m| error(vm, &m))?;
    bytes::new_bytes(vm, &out)
}

fn b_b2a_uu(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (data, backtick) = data_and_flag(vm, "b2a_uu", &["backtick"], false, args, kw)?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let out = codecs::b2a_uu(&data, backtick).map_err(|m| error(vm, &m))?;
    bytes::new_bytes(vm, &out)
}

fn b_a2b_uu(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data] = parse::<1>(vm, "a2b_uu", Sig::One, args, kw)?;
    let data = ascii_arg(vm, &required(vm, data)?)?;
    let out = codecs::a2b_uu(&data).map_err(|m| error(vm, &m))?;
    bytes::new_bytes(vm, &out)
}

fn flag(vm: &Vm, v: Option<ObjRef>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => ops::truthy(vm, &v),
        None => Ok(default),
    }
}

fn b_b2a_qp(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, quotetabs, istext, header] = parse::<4>(
        vm,
        "b2a_qp",
        Sig::Kw {
            names: &["data", "quotetabs", "istext", "header"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let data = buffer_arg(vm, &required(vm, data)?)?.into_owned();
    let quotetabs = flag(vm, quotetabs, false)?;
    let istext = flag(vm, istext, true)?;
    let header = flag(vm, header, false)?;
    vm.check_bytes(data.len().saturating_mul(4))?;
    bytes::new_bytes(vm, &codecs::b2a_qp(&data, quotetabs, istext, header))
}

fn b_a2b_qp(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, header] = parse::<2>(
        vm,
        "a2b_qp",
        Sig::Kw {
            names: &["data", "header"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let data = ascii_arg(vm, &required(vm, data)?)?;
    let header = flag(vm, header, false)?;
    bytes::new_bytes(vm, &codecs::a2b_qp(&data, header))
}

/// An `unsigned int` argument converted bitwise (any int, keeping the low 32 bits).
pub fn u32_mask_arg(vm: &Vm, v: &ObjRef) -> PyResult<u32> {
    if crate::objects::float::as_f64(v).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = match int::as_bigint(v) {
        Some(b) => b,
        None => {
            let r = ops::index(vm, v)?.ok_or_else(|| {
                vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.ob_type().name()
                ))
            })?;
            int::as_bigint(&r).unwrap_or_default()
        }
    };
    let low = i & BigInt::from(u32::MAX);
    Ok(low.to_u32().unwrap_or(0))
}

fn b_crc32(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, crc] = parse::<2>(vm, "crc32", Sig::Clinic(1, 2), args, kw)?;
    let data = buffer_arg(vm, &required(vm, data)?)?.into_owned();
    let crc = match crc {
        Some(c) => u32_mask_arg(vm, &c)?,
        None => 0,
    };
    int::new_int(vm, i64::from(codecs::crc32(&data, crc)))
}

fn b_crc_hqx(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, crc] = parse::<2>(vm, "crc_hqx", Sig::Clinic(2, 2), args, kw)?;
    let data = buffer_arg(vm, &required(vm, data)?)?.into_owned();
    let crc = u32_mask_arg(vm, &required(vm, crc)?)? as u16;
    int::new_int(vm, i64::from(codecs::crc_hqx(&data, crc)))
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "hexlify",
        func: b_hexlify,
    },
    BuiltinDef {
        name: "b2a_hex",
        func: b_b2a_hex,
    },
    BuiltinDef {
        name: "unhexlify",
        func: b_unhexlify,
    },
    BuiltinDef {
        name: "a2b_hex",
        func: b_a2b_hex,
    },
    BuiltinDef {
        name: "b2a_base64",
        func: b_b2a_base64,
    },
    BuiltinDef {
        name: "a2b_base64",
        func: b_a2b_base64,
    },
    BuiltinDef {
        name: "b2a_uu",
        func: b_b2a_uu,
    },
    BuiltinDef {
        name: "a2b_uu",
        func: b_a2b_uu,
    },
    BuiltinDef {
        name: "b2a_qp",
        func: b_b2a_qp,
    },
    BuiltinDef {
        name: "a2b_qp",
        func: b_a2b_qp,
    },
    BuiltinDef {
        name: "crc32",
        func: b_crc32,
    },
    BuiltinDef {
        name: "crc_hqx",
        func: b_crc_hqx,
    },
];

/// Builds `binascii`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    use crate::modules::modutil::{add_exception_class, base};
    use crate::objects::exceptions::{EXCEPTION, VALUE_ERROR};
    let m = module::new_module(vm, "binascii")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    add_exception_class(vm, &m, "binascii", "Error", &[base(&VALUE_ERROR)])?;
    add_exception_class(vm, &m, "binascii", "Incomplete", &[base(&EXCEPTION)])?;
    Ok(m)
}
