//! The Unicode error types (`UnicodeError` and its encode, decode and translate kinds), whose
//! `str()` CPython builds from the fields.

use crate::object::{ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::exceptions::{self, EXC_SLOTS, EXC_VTABLE, VALUE_ERROR};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{bytes, int, str as pystr};
use crate::vm::{ops, PyResult, Vm};

/// `str()` of the Unicode errors (CPython's `UnicodeEncodeError_str` and its siblings), from
/// the fields; the generic text when they are not set as the class's `__init__` sets them.
fn unicode_error_str(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
    let get = |k: &str| exceptions::field(exc, exceptions::UNICODE_ERROR_FIELDS, k);
    let (Some(obj), Some(start), Some(end)) = (
        get("object"),
        get("start").and_then(|v| int::as_i64(&v)),
        get("end").and_then(|v| int::as_i64(&v)),
    ) else {
        return pystr::new_str_vm(vm, &exceptions::exc_str_text(vm, exc)?);
    };
    let none = crate::objects::none::none;
    let reason = ops::str_string(vm, &get("reason").unwrap_or_else(none))?;
    let enc = ops::str_string(vm, &get("encoding").unwrap_or_else(none))?;
    let single = end == start + 1 && start >= 0;
    let text = if let Some(data) = bytes::as_bytes(&obj) {
        match usize::try_from(start).ok().and_then(|s| data.get(s)) {
            Some(b) if single => {
                format!("'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}")
            }
            _ => format!(
                "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ),
        }
    } else if let Some(s) = pystr::as_text(&obj) {
        let translate = exc.is_instance(&UNICODE_TRANSLATE_ERROR);
        let at = usize::try_from(start)
            .ok()
            .and_then(|i| s.code_points().nth(i));
        match at {
            Some(v) if single => {
                let esc = if v <= 0xff {
                    format!("\\x{v:02x}")
                } else if v <= 0xffff {
                    format!("\\u{v:04x}")
                } else {
                    format!("\\U{v:08x}")
                };
                if translate {
                    format!("can't translate character '{esc}' in position {start}: {reason}")
                } else {
                    format!(
                        "'{enc}' codec can't encode character '{esc}' in position {start}: {reason}"
                    )
                }
            }
            _ if translate => format!(
                "can't translate characters in position {start}-{}: {reason}",
                end - 1
            ),
            _ => format!(
                "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
                end - 1
            ),
        }
    } else {
        exceptions::exc_str_text(vm, exc)?
    };
    pystr::new_str_vm(vm, &text)
}

const UNICODE_ERROR_SLOTS: Slots = Slots {
    str: Some(unicode_error_str),
    ..EXC_SLOTS
};

macro_rules! unicode_error_type {
    ($name:ident, $text:literal, $base:expr, $getset:expr, $doc:literal) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: $getset,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some($base),
            flags: crate::object::typeobj::tpflags::BASETYPE
                | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
            payload: &EXC_VTABLE,
            slots: UNICODE_ERROR_SLOTS,
            methods: &exceptions::EXC_METHODS,
            doc: $doc,
        };
    };
}

unicode_error_type!(
    UNICODE_ERROR,
    "UnicodeError",
    &VALUE_ERROR,
    &[],
    "Unicode related error."
);
unicode_error_type!(
    UNICODE_DECODE_ERROR,
    "UnicodeDecodeError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode decoding error."
);
unicode_error_type!(
    UNICODE_ENCODE_ERROR,
    "UnicodeEncodeError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode encoding error."
);
unicode_error_type!(
    UNICODE_TRANSLATE_ERROR,
    "UnicodeTranslateError",
    &UNICODE_ERROR,
    &exceptions::UNICODE_ERROR_GETSET,
    "Unicode translation error."
);

/// The Unicode error types, for the builtins namespace.
pub static TYPES: [&TypeObject; 4] = [
    &UNICODE_ERROR,
    &UNICODE_DECODE_ERROR,
    &UNICODE_ENCODE_ERROR,
    &UNICODE_TRANSLATE_ERROR,
];
