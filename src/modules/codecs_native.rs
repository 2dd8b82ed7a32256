//! The `_codecs` module: the codec and error-handler registries (`codecs_registry`) and the
//! functions of each native codec that `Lib/encodings/*.py` call, which return the result with
//! the length consumed, as CPython's do.

use crate::object::ObjRef;
use crate::objects::bytes_methods::buffer;
use crate::objects::codecs::Codec;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::wtf8::{Wtf8, Wtf8Buf};
use crate::objects::{
    bytes, codecs_charmap as charmap, codecs_decode as dec, codecs_encode as enc, module, none,
    str as pystr, tuple,
};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use std::borrow::Cow;

/// The `errors` argument (position `n`): a str or None (`"strict"`).
fn errors_arg(vm: &Vm, func: &str, n: usize, obj: Option<&ObjRef>) -> PyResult<String> {
    match obj {
        None => Ok("strict".to_string()),
        Some(o) if none::is_none(o) => Ok("strict".to_string()),
        Some(o) => pystr::as_str(o).map(str::to_string).ok_or_else(|| {
            vm.type_error(&format!(
                "{func}() argument {n} must be str or None, not {}",
                o.ob_type().name()
            ))
        }),
    }
}

/// A bytes-like data argument (a str too when `str_ok`, as its UTF-8 bytes).
fn data_arg<'a>(vm: &Vm, obj: &'a ObjRef, str_ok: bool) -> PyResult<Cow<'a, [u8]>> {
    if str_ok {
        if let Some(s) = pystr::as_str(obj) {
            return Ok(Cow::Borrowed(s.as_bytes()));
        }
    }
    buffer(obj).ok_or_else(|| {
        vm.type_error(&format!(
            "a bytes-like object is required, not '{}'",
            obj.ob_type().name()
        ))
    })
}

/// A str argument (position 1).
fn text_arg<'a>(vm: &Vm, func: &str, obj: &'a ObjRef) -> PyResult<Wtf8<'a>> {
    pystr::as_text(obj).ok_or_else(|| {
        vm.type_error(&format!(
            "{func}() argument 1 must be str, not {}",
            obj.ob_type().name()
        ))
    })
}

fn flag(vm: &Vm, obj: Option<&ObjRef>, default: bool) -> PyResult<bool> {
    match obj {
        None => Ok(default),
        Some(o) => ops::truthy(vm, o),
    }
}

fn decoded(vm: &Vm, text: &Wtf8Buf, consumed: usize) -> PyResult<ObjRef> {
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_wtf8_vm(vm, text.as_wtf8())?,
            crate::objects::int::new_int(vm, consumed as i64)?,
        ],
    )
}

fn encoded(vm: &Vm, data: &[u8], consumed: usize) -> PyResult<ObjRef> {
    tuple::new_tuple(
        vm,
        vec![
            bytes::new_bytes(vm, data)?,
            crate::objects::int::new_int(vm, consumed as i64)?,
        ],
    )
}

/// A decoding function `name(data, errors=None[, final])` of a native codec.
fn decode_fn(
    vm: &Vm,
    name: &str,
    codec: Codec,
    final_default: Option<bool>,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let max = if final_default.is_some() { 3 } else { 2 };
    let [data, errors, fin] = parse::<3>(vm, name, Sig::Clinic(1, max), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let str_ok = matches!(codec, Codec::UnicodeEscape | Codec::RawUnicodeEscape);
    let data = data_arg(vm, &data, str_ok)?;
    let errors = errors_arg(vm, name, 2, errors.as_ref())?;
    let fin = flag(vm, fin.as_ref(), final_default.unwrap_or(true))?;
    let (text, n) = dec::decode_with(vm, codec, &data, &errors, fin)?;
    decoded(vm, &text, n)
}

/// An encoding function `name(str, errors=None)` of a native codec.
fn encode_fn(
    vm: &Vm,
    name: &str,
    codec: Codec,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [text, errors] = parse::<2>(vm, name, Sig::Clinic(1, 2), args, kw)?;
    let text = text.unwrap_or_else(none::none);
    let text = text_arg(vm, name, &text)?;
    let errors = errors_arg(vm, name, 2, errors.as_ref())?;
    let out = enc::encode_with(vm, codec, text, &errors)?;
    encoded(vm, &out, text.len())
}

macro_rules! codec_fns {
    ($($dec:ident, $dname:literal, $enc:ident, $ename:literal, $codec:expr, $final:expr;)*) => {
        $(
            fn $dec(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
                decode_fn(vm, $dname, $codec, $final, args, kw)
            }
            fn $enc(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
                encode_fn(vm, $ename, $codec, args, kw)
            }
        )*
    };
}

codec_fns! {
    utf_8_decode, "utf_8_decode", utf_8_encode, "utf_8_encode", Codec::Utf8, Some(false);
    ascii_decode, "ascii_decode", ascii_encode, "ascii_encode", Codec::Ascii, None;
    latin_1_decode, "latin_1_decode", latin_1_encode, "latin_1_encode", Codec::Latin1, None;
    utf_16_le_decode, "utf_16_le_decode", utf_16_le_encode, "utf_16_le_encode",
        Codec::Utf16(Some(false)), Some(false);
    utf_16_be_decode, "utf_16_be_decode", utf_16_be_encode, "utf_16_be_encode",
        Codec::Utf16(Some(true)), Some(false);
    utf_32_le_decode, "utf_32_le_decode", utf_32_le_encode, "utf_32_le_encode",
        Codec::Utf32(Some(false)), Some(false);
    utf_32_be_decode, "utf_32_be_decode", utf_32_be_encode, "utf_32_be_encode",
        Codec::Utf32(Some(true)), Some(false);
    unicode_escape_decode, "unicode_escape_decode", unicode_escape_encode,
        "unicode_escape_encode", Codec::UnicodeEscape, Some(true);
    raw_unicode_escape_decode, "raw_unicode_escape_decode", raw_unicode_escape_encode,
        "raw_unicode_escape_encode", Codec::RawUnicodeEscape, Some(true);
}

/// `utf_16_decode`/`utf_32_decode` (`ex` false) and `utf_16_ex_decode`/`utf_32_ex_decode`
/// (`ex` true, with a `byteorder` argument and the byte order found in the result).
fn wide_decode(
    vm: &Vm,
    name: &str,
    width: usize,
    ex: bool,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let max = if ex { 4 } else { 3 };
    let [data, errors, a3, a4] = parse::<4>(vm, name, Sig::Clinic(1, max), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let data = data_arg(vm, &data, false)?;
    let errors = errors_arg(vm, name, 2, errors.as_ref())?;
    let (byteorder, fin) = if ex {
        let bo = match &a3 {
            Some(b) => index_arg(vm, b)?,
            None => 0,
        };
        (bo.clamp(-1, 1) as i32, flag(vm, a4.as_ref(), false)?)
    } else {
        (0, flag(vm, a3.as_ref(), false)?)
    };
    let cname = if width == 2 { "utf-16" } else { "utf-32" };
    let cname = match byteorder {
        -1 => {
            if width == 2 {
                "utf-16-le"
            } else {
                "utf-32-le"
            }
        }
        1 => {
            if width == 2 {
                "utf-16-be"
            } else {
                "utf-32-be"
            }
        }
        _ => cname,
    };
    let (text, n, found) = dec::decode_wide(vm, cname, &data, &errors, width, byteorder, fin)?;
    if !ex {
        return decoded(vm, &text, n);
    }
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_wtf8_vm(vm, text.as_wtf8())?,
            crate::objects::int::new_int(vm, n as i64)?,
            crate::objects::int::new_int(vm, found as i64)?,
        ],
    )
}

/// `utf_16_encode`/`utf_32_encode(str, errors=None, byteorder=0)`.
fn wide_encode(
    vm: &Vm,
    name: &str,
    width: usize,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [text, errors, bo] = parse::<3>(vm, name, Sig::Clinic(1, 3), args, kw)?;
    let text = text.unwrap_or_else(none::none);
    let text = text_arg(vm, name, &text)?;
    let errors = errors_arg(vm, name, 2, errors.as_ref())?;
    let bo = match &bo {
        Some(b) => index_arg(vm, b)?,
        None => 0,
    };
    let big = match bo {
        0 => None,
        b => Some(b > 0),
    };
    let codec = if width == 2 {
        Codec::Utf16(big)
    } else {
        Codec::Utf32(big)
    };
    let out = enc::encode_with(vm, codec, text, &errors)?;
    encoded(vm, &out, text.len())
}

fn utf_16_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_decode(vm, "utf_16_decode", 2, false, args, kw)
}
fn utf_16_ex_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_decode(vm, "utf_16_ex_decode", 2, true, args, kw)
}
fn utf_32_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_decode(vm, "utf_32_decode", 4, false, args, kw)
}
fn utf_32_ex_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_decode(vm, "utf_32_ex_decode", 4, true, args, kw)
}
fn utf_16_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_encode(vm, "utf_16_encode", 2, args, kw)
}
fn utf_32_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    wide_encode(vm, "utf_32_encode", 4, args, kw)
}

fn utf_7_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, errors, fin] = parse::<3>(vm, "utf_7_decode", Sig::Clinic(1, 3), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let data = data_arg(vm, &data, false)?;
    let errors = errors_arg(vm, "utf_7_decode", 2, errors.as_ref())?;
    let fin = flag(vm, fin.as_ref(), false)?;
    let (text, n) = charmap::utf7_decode(vm, &data, &errors, fin)?;
    decoded(vm, &text, n)
}

fn utf_7_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [text, errors] = parse::<2>(vm, "utf_7_encode", Sig::Clinic(1, 2), args, kw)?;
    let text = text.unwrap_or_else(none::none);
    let text = text_arg(vm, "utf_7_encode", &text)?;
    errors_arg(vm, "utf_7_encode", 2, errors.as_ref())?;
    let n = text.len();
    encoded(vm, &charmap::utf7_encode(&text.to_lossy()), n)
}

fn charmap_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, errors, mapping] = parse::<3>(vm, "charmap_decode", Sig::Clinic(1, 3), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let data = data_arg(vm, &data, false)?;
    let errors = errors_arg(vm, "charmap_decode", 2, errors.as_ref())?;
    let mapping = mapping.filter(|m| !none::is_none(m));
    let text = charmap::charmap_decode(vm, &data, &errors, mapping.as_ref())?;
    decoded(vm, &text, data.len())
}

fn charmap_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [text, errors, mapping] = parse::<3>(vm, "charmap_encode", Sig::Clinic(1, 3), args, kw)?;
    let text = text.unwrap_or_else(none::none);
    let text = text_arg(vm, "charmap_encode", &text)?;
    let errors = errors_arg(vm, "charmap_encode", 2, errors.as_ref())?;
    let mapping = mapping.filter(|m| !none::is_none(m));
    let out = charmap::charmap_encode(vm, &text.to_lossy(), &errors, mapping.as_ref())?;
    encoded(vm, &out, text.len())
}

fn charmap_build(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [map] = parse::<1>(vm, "charmap_build", Sig::Clinic(1, 1), args, kw)?;
    let map = map.unwrap_or_else(none::none);
    let table = text_arg(vm, "charmap_build", &map)?;
    charmap::charmap_build(vm, &table.to_lossy())
}

fn escape_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, errors] = parse::<2>(vm, "escape_decode", Sig::Clinic(1, 2), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let data = data_arg(vm, &data, true)?;
    let errors = errors_arg(vm, "escape_decode", 2, errors.as_ref())?;
    let out = dec::escape_decode(vm, &data, &errors)?;
    encoded(vm, &out, data.len())
}

fn escape_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, errors] = parse::<2>(vm, "escape_encode", Sig::Clinic(1, 2), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let Some(raw) = bytes::as_bytes(&data) else {
        return Err(vm.type_error(&format!(
            "escape_encode() argument 1 must be bytes, not {}",
            data.ob_type().name()
        )));
    };
    errors_arg(vm, "escape_encode", 2, errors.as_ref())?;
    encoded(vm, &enc::escape_encode(raw), raw.len())
}

fn readbuffer_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, errors] = parse::<2>(vm, "readbuffer_encode", Sig::Clinic(1, 2), args, kw)?;
    let data = data.unwrap_or_else(none::none);
    let data = data_arg(vm, &data, true)?;
    errors_arg(vm, "readbuffer_encode", 2, errors.as_ref())?;
    encoded(vm, &data, data.len())
}

macro_rules! defs {
    ($($f:ident),* $(,)?) => {
        &[$(BuiltinDef { name: stringify!($f), func: $f }),*]
    };
}

static CODEC_FUNCTIONS: &[BuiltinDef] = defs![
    ascii_decode,
    ascii_encode,
    charmap_build,
    charmap_decode,
    charmap_encode,
    escape_decode,
    escape_encode,
    latin_1_decode,
    latin_1_encode,
    raw_unicode_escape_decode,
    raw_unicode_escape_encode,
    readbuffer_encode,
    unicode_escape_decode,
    unicode_escape_encode,
    utf_16_be_decode,
    utf_16_be_encode,
    utf_16_decode,
    utf_16_encode,
    utf_16_ex_decode,
    utf_16_le_decode,
    utf_16_le_encode,
    utf_32_be_decode,
    utf_32_be_encode,
    utf_32_decode,
    utf_32_encode,
    utf_32_ex_decode,
    utf_32_le_decode,
    utf_32_le_encode,
    utf_7_decode,
    utf_7_encode,
    utf_8_decode,
    utf_8_encode,
];

/// Builds the `_codecs` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_codecs")?;
    for def in CODEC_FUNCTIONS
        .iter()
        .chain(super::codecs_registry::REGISTRY_FUNCTIONS)
    {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    super::codecs_registry::init_state(vm, &m)?;
    Ok(m)
}
