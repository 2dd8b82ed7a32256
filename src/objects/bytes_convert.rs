//! Conversions `bytes` and `bytearray` share: `hex`/`fromhex`, `decode`, `translate` and the
//! static `maketrans`.

use crate::object::ObjRef;
use crate::objects::bytearray::{self, BYTEARRAY_TYPE};
use crate::objects::bytes::new_bytes;
use crate::objects::bytes_methods::{buffer, buffer_arg, data, is_space, kind, new_like};
use crate::objects::{codecs, none, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};

fn qual(this: &ObjRef, name: &str) -> String {
    format!("{}.{name}", kind(this))
}

/// `data.hex(sep, bytes_per_sep)` (CPython's `_Py_strhex_impl`).
pub(crate) fn hex_text(vm: &Vm, d: &[u8], sep: Option<&ObjRef>, per: i64) -> PyResult<String> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let sep = match sep {
        None => None,
        Some(s) => {
            let bytes: Vec<u8> = if let Some(t) = pystr::as_str(s) {
                if t.chars().count() != 1 {
                    return Err(vm.value_error("sep must be length 1."));
                }
                if !t.is_ascii() {
                    return Err(vm.value_error("sep must be ASCII."));
                }
                t.as_bytes().to_vec()
            } else if let Some(b) = buffer(s) {
                if b.len() != 1 {
                    return Err(vm.value_error("sep must be length 1."));
                }
                b.into_owned()
            } else {
                return Err(vm.type_error(&format!(
                    "object of type '{}' has no len()",
                    s.ob_type().name()
                )));
            };
            if !bytes[0].is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(bytes[0] as char)
        }
    };
    let mut out = String::with_capacity(d.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, &b) in d.iter().enumerate() {
        if let (Some(s), true) = (sep, i > 0 && group > 0) {
            // Groups count from the right for a positive `per`, from the left for a negative one.
            let boundary = if per > 0 {
                (d.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(s);
            }
        }
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    Ok(out)
}

pub(crate) fn m_hex(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["sep", "bytes_per_sep"],
        required: 0,
        posonly: 0,
    };
    let [sep, per] = parse::<2>(vm, &qual(this, "hex"), sig, a, k)?;
    let per = match &per {
        Some(p) => index_arg(vm, p)?,
        None => 1,
    };
    let text = hex_text(vm, &data(this), sep.as_ref(), per)?;
    pystr::new_str_vm(vm, &text)
}

/// `bytes.fromhex(text)`: pairs of hex digits, ASCII whitespace allowed between pairs.
pub(crate) fn from_hex(vm: &Vm, text: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let bad = |pos: usize| {
        vm.value_error(&format!(
            "non-hexadecimal number found in fromhex() arg at position {pos}"
        ))
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii() && is_space(c as u8) {
            i += 1;
            continue;
        }
        let hi = c
            .to_digit(16)
            .filter(|_| c.is_ascii())
            .ok_or_else(|| bad(i))?;
        let lo = chars
            .get(i + 1)
            .filter(|c| c.is_ascii())
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

/// `bytes.fromhex` / `bytearray.fromhex`: bound to the class (or an instance's class).
pub(crate) fn m_fromhex(
    vm: &Vm,
    cls: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let ty_obj = if cls.as_type().is_some() {
        cls.clone()
    } else {
        cls.type_object()
    };
    let ty = ty_obj
        .as_type()
        .unwrap_or(&crate::objects::bytes::BYTES_TYPE);
    let [s] = parse::<1>(vm, "fromhex", Sig::One, a, k)?;
    let s = s.unwrap_or_else(none::none);
    let text = pystr::as_str(&s).ok_or_else(|| {
        vm.type_error(&format!(
            "fromhex() argument must be str, not {}",
            s.ob_type().name()
        ))
    })?;
    let bytes = from_hex(vm, text)?;
    let made = if ty.is_subtype(&BYTEARRAY_TYPE) {
        bytearray::new_bytearray(vm, &bytes)?
    } else {
        new_bytes(vm, &bytes)?
    };
    if !ty.is_heap_type() {
        return Ok(made);
    }
    // A subclass: `cls(made)`, as CPython does.
    ops::call(vm, &ty_obj, &[made], None)
}

pub(crate) fn m_decode(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["encoding", "errors"],
        required: 0,
        posonly: 0,
    };
    let [enc, errs] = parse::<2>(vm, &qual(this, "decode"), sig, a, k)?;
    let enc = match &enc {
        Some(e) => codecs::str_arg(vm, e, "decode", "encoding", 1)?,
        None => "utf-8".to_string(),
    };
    let errs = match &errs {
        Some(e) => codecs::str_arg(vm, e, "decode", "errors", 2)?,
        None => "strict".to_string(),
    };
    let text = codecs::decode(vm, &data(this), &enc, &errs)?;
    pystr::new_str_wtf8_vm(vm, text.as_wtf8())
}

/// A translation table argument: `None` or exactly 256 bytes.
fn table_arg(vm: &Vm, table: &ObjRef) -> PyResult<Option<Vec<u8>>> {
    if none::is_none(table) {
        return Ok(None);
    }
    let t = buffer_arg(vm, table)?;
    if t.len() != 256 {
        return Err(vm.value_error("translation table must be 256 characters long"));
    }
    Ok(Some(t.into_owned()))
}

pub(crate) fn m_translate(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["table", "delete"],
        required: 1,
        posonly: 1,
    };
    let [table, delete] = parse::<2>(vm, "translate", sig, a, k)?;
    let table = table_arg(vm, table.as_ref().unwrap_or(&none::none()))?;
    let delete = match &delete {
        Some(d) => buffer_arg(vm, d)?.into_owned(),
        None => Vec::new(),
    };
    let d = data(this);
    let out: Vec<u8> = d
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    new_like(vm, this, &out)
}

/// `bytes.maketrans(frm, to)` (static: the receiver is ignored).
pub(crate) fn m_maketrans(
    vm: &Vm,
    _this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [frm, to] = parse::<2>(vm, "maketrans", Sig::Clinic(2, 2), a, k)?;
    let frm = frm.unwrap_or_else(none::none);
    let to = to.unwrap_or_else(none::none);
    let frm = buffer_arg(vm, &frm)?;
    let to = buffer_arg(vm, &to)?;
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in frm.iter().zip(to.iter()) {
        table[*f as usize] = *t;
    }
    new_bytes(vm, &table)
}
