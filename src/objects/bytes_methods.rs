//! Methods `bytes` and `bytearray` share (CPython's `Objects/bytes_methods.c` and the Argument
//! Clinic methods of both types): case mappings, the `is*` predicates, padding, stripping,
//! `join`, `hex`/`fromhex`, `decode`, `translate`/`maketrans`, plus the helpers both types use
//! (reading a bytes-like argument, building a result of the receiver's kind, the constructor's
//! conversions).
//!
//! A method reads its receiver's bytes through [`data`]: bytes objects are borrowed, bytearray
//! contents copied (so no borrow of a mutable buffer outlives the call). Results have the
//! receiver's base kind: `bytes` methods make `bytes`, `bytearray` methods make `bytearray`,
//! whatever subclass the receiver is an instance of (CPython does the same).

use crate::object::ObjRef;
use crate::objects::bytearray::{self, BYTEARRAY_TYPE};
use crate::objects::bytes::{as_bytes, new_bytes};
use crate::objects::{boolobj, codecs, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::storage::vec_with_capacity;
use crate::vm::{ops, PyResult, Vm};
use std::borrow::Cow;

/// The contents of a bytes-like object (`bytes`, `bytearray`, a subclass, or a live
/// `memoryview` of one), or `None`.
pub fn buffer(obj: &ObjRef) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = as_bytes(obj) {
        return Some(Cow::Borrowed(b));
    }
    if let Some(v) = bytearray::storage(obj) {
        return Some(Cow::Owned(v.to_vec()));
    }
    crate::objects::memoryview::view_bytes(obj).map(Cow::Owned)
}

/// A bytes-like argument, or CPython's "a bytes-like object is required, not 'str'".
pub fn buffer_arg<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<Cow<'a, [u8]>> {
    buffer(obj).ok_or_else(|| {
        vm.type_error(&format!(
            "a bytes-like object is required, not '{}'",
            obj.ob_type().name()
        ))
    })
}

/// The receiver's bytes.
pub(crate) fn data(this: &ObjRef) -> Cow<'_, [u8]> {
    buffer(this).unwrap_or(Cow::Borrowed(&[]))
}

/// Whether the receiver is a bytearray (else a bytes).
pub(crate) fn is_bytearray(this: &ObjRef) -> bool {
    this.is_instance(&BYTEARRAY_TYPE)
}

/// The receiver's base type name, for messages (`bytes.zfill() takes ...`).
pub(crate) fn kind(this: &ObjRef) -> &'static str {
    if is_bytearray(this) {
        "bytearray"
    } else {
        "bytes"
    }
}

/// A new object of the receiver's base kind holding `bytes`.
pub(crate) fn new_like(vm: &Vm, this: &ObjRef, bytes: &[u8]) -> PyResult<ObjRef> {
    if is_bytearray(this) {
        bytearray::new_bytearray(vm, bytes)
    } else {
        new_bytes(vm, bytes)
    }
}

/// `data * n`, sized and checked against the heap before it is built: `OverflowError` when
/// the length would not fit an index (CPython's "repeated bytes are too long"), `MemoryError`
/// when the heap refuses it.
pub(crate) fn repeat(vm: &Vm, data: &[u8], n: usize) -> PyResult<Vec<u8>> {
    let total = data
        .len()
        .checked_mul(n)
        .filter(|t| *t <= isize::MAX as usize)
        .ok_or_else(|| vm.overflow_error("repeated bytes are too long"))?;
    let mut out = vec_with_capacity(vm, total)?;
    if total > 0 {
        out.extend_from_slice(data);
        while out.len() < total {
            let take = (total - out.len()).min(out.len());
            out.extend_from_within(..take);
        }
    }
    Ok(out)
}

/// CPython's `PyBytesObject_SIZE`: a bytes object's header and trailing NUL, which its size
/// check adds to the length.
const BYTES_OVERHEAD: usize = 33;

/// Checks, before it is built, that a result of `n` bytes could be allocated: for `bytes`
/// (not bytearray) `OverflowError` when the length and the object's header would not fit an
/// index (CPython's "byte string is too large"), then `MemoryError` when the heap refuses it.
pub(crate) fn check_result_size(vm: &Vm, bytes: bool, n: usize) -> PyResult<()> {
    if bytes && n > isize::MAX as usize - BYTES_OVERHEAD {
        return Err(vm.overflow_error("byte string is too large"));
    }
    vm.check_bytes(n)
}

/// An index into a byte sequence of `len` items, with CPython's messages (`noun` is `byte` or
/// `bytearray`).
pub(crate) fn item_index(
    vm: &Vm,
    key: &ObjRef,
    len: usize,
    noun: &str,
    out_of_range: &str,
) -> PyResult<usize> {
    let Some(k) = ops::index(vm, key)? else {
        return Err(vm.type_error(&format!(
            "{noun} indices must be integers or slices, not {}",
            key.ob_type().name()
        )));
    };
    let Some(i) = int::as_i64(&k) else {
        return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(vm.index_error(out_of_range));
    }
    Ok(idx as usize)
}

/// A byte value argument (through `__index__`): `ValueError` outside `range(0, 256)`.
pub(crate) fn byte_value(vm: &Vm, obj: &ObjRef) -> PyResult<u8> {
    let v = index_arg(vm, obj).map_err(|e| {
        if e.matches(&crate::objects::exceptions::OVERFLOW_ERROR) {
            vm.value_error("byte must be in range(0, 256)")
        } else {
            e
        }
    })?;
    u8::try_from(v).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// `item in data`: an int (a byte value) or a bytes-like subsequence.
pub(crate) fn contains(vm: &Vm, data: &[u8], item: &ObjRef) -> PyResult<bool> {
    if let Some(sub) = buffer(item) {
        return Ok(crate::objects::bytes_search::find_in(data, &sub, 0, data.len()).is_some());
    }
    if ops::index(vm, item)?.is_none() {
        return Err(vm.type_error(&format!(
            "a bytes-like object is required, not '{}'",
            item.ob_type().name()
        )));
    }
    let b = byte_value(vm, item)?;
    Ok(data.contains(&b))
}

/// The bytes of the constructor's argument (CPython's `bytes_new` / `bytearray___init__`):
/// `what` is `bytes` or `bytearray`, for the messages.
pub fn bytes_from_object(
    vm: &Vm,
    what: &str,
    source: Option<&ObjRef>,
    encoding: Option<&ObjRef>,
    errors: Option<&ObjRef>,
) -> PyResult<Vec<u8>> {
    let Some(src) = source else {
        if encoding.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Some(text) = pystr::as_str(src) {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = codecs::str_arg(vm, enc, what, "encoding", 2)?;
        let errs = match errors {
            Some(e) => Some(codecs::str_arg(vm, e, what, "errors", 3)?),
            None => None,
        };
        return codecs::encode(vm, text, &enc, errs.as_deref().unwrap_or("strict"));
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(b) = buffer(src) {
        return Ok(b.into_owned());
    }
    // A class's `__bytes__`, or a builtin type's that forwards (weak proxies).
    if src.ob_type().is_heap_type() || src.ob_type().find_method("__bytes__").is_some() {
        if let Some(r) = crate::vm::attr::call_special(vm, src, "__bytes__", &[])? {
            return match as_bytes(&r) {
                Some(b) => Ok(b.to_vec()),
                None => Err(vm.type_error(&format!(
                    "__bytes__ returned non-bytes (type {})",
                    r.ob_type().name()
                ))),
            };
        }
    }
    if let Some(n) = ops::index(vm, src)? {
        let Some(n) = int::as_i64(&n) else {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
        };
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        check_result_size(vm, what == "bytes", n as usize)?;
        let mut out = vec_with_capacity(vm, n as usize)?;
        out.resize(n as usize, 0);
        return Ok(out);
    }
    if src.ob_type().slots.iter.is_none() {
        return Err(vm.type_error(&format!(
            "cannot convert '{}' object to {what}",
            src.ob_type().name()
        )));
    }
    let it = ops::iter(vm, src)?;
    let mut out = Vec::new();
    while let Some(x) = ops::next(vm, &it)? {
        let v = index_arg(vm, &x)?;
        match u8::try_from(v) {
            Ok(b) => crate::vm::storage::push(vm, &mut out, b)?,
            Err(_) if what == "bytes" => {
                return Err(vm.value_error("bytes must be in range(0, 256)"))
            }
            Err(_) => return Err(vm.value_error("byte must be in range(0, 256)")),
        }
    }
    Ok(out)
}

fn qual(this: &ObjRef, name: &str) -> String {
    format!("{}.{name}", kind(this))
}

fn no_args(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<()> {
    parse::<0>(vm, &qual(this, name), Sig::NoArgs, args, kw).map(|_| ())
}

/// ASCII whitespace as `bytes.isspace` and `split()` see it.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

macro_rules! map_method {
    ($fn:ident, $name:literal, |$d:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            no_args(vm, this, $name, args, kw)?;
            let $d = data(this);
            let out: Vec<u8> = $body;
            new_like(vm, this, &out)
        }
    };
}

map_method!(m_lower, "lower", |d| d.to_ascii_lowercase());
map_method!(m_upper, "upper", |d| d.to_ascii_uppercase());
map_method!(m_swapcase, "swapcase", |d| d
    .iter()
    .map(|&c| if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    })
    .collect());
map_method!(m_capitalize, "capitalize", |d| d
    .iter()
    .enumerate()
    .map(|(i, &c)| if i == 0 {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    })
    .collect());
map_method!(m_title, "title", |d| {
    let mut prev_cased = false;
    d.iter()
        .map(|&c| {
            let out = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = c.is_ascii_alphabetic();
            out
        })
        .collect()
});

macro_rules! predicate {
    ($fn:ident, $name:literal, |$d:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            no_args(vm, this, $name, args, kw)?;
            let $d = data(this);
            let r: bool = $body;
            Ok(boolobj::new_bool(r))
        }
    };
}

predicate!(m_isalnum, "isalnum", |d| !d.is_empty()
    && d.iter().all(|c| c.is_ascii_alphanumeric()));
predicate!(m_isalpha, "isalpha", |d| !d.is_empty()
    && d.iter().all(|c| c.is_ascii_alphabetic()));
predicate!(m_isascii, "isascii", |d| d.is_ascii());
predicate!(m_isdigit, "isdigit", |d| !d.is_empty()
    && d.iter().all(|c| c.is_ascii_digit()));
predicate!(m_isspace, "isspace", |d| !d.is_empty()
    && d.iter().all(|&c| is_space(c)));
predicate!(m_islower, "islower", |d| d
    .iter()
    .any(|c| c.is_ascii_lowercase())
    && !d.iter().any(|c| c.is_ascii_uppercase()));
predicate!(m_isupper, "isupper", |d| d
    .iter()
    .any(|c| c.is_ascii_uppercase())
    && !d.iter().any(|c| c.is_ascii_lowercase()));
predicate!(m_istitle, "istitle", |d| {
    let (mut cased, mut prev_cased) = (false, false);
    let mut ok = true;
    for &c in d.iter() {
        if c.is_ascii_uppercase() {
            if prev_cased {
                ok = false;
                break;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                ok = false;
                break;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    ok && cased
});

/// The fill byte of `center`/`ljust`/`rjust`.
fn fill_arg(vm: &Vm, name: &str, fill: Option<&ObjRef>) -> PyResult<u8> {
    let Some(f) = fill else { return Ok(b' ') };
    match buffer(f) {
        Some(b) if b.len() == 1 => Ok(b[0]),
        _ => Err(vm.type_error(&format!(
            "{name}() argument 2 must be a byte string of length 1, not {}",
            f.ob_type().name()
        ))),
    }
}

fn pad(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    place: fn(usize, usize) -> usize,
) -> PyResult<ObjRef> {
    let [width, fill] = parse::<2>(vm, &qual(this, name), Sig::Clinic(1, 2), args, kw)?;
    let width = index_arg(vm, width.as_ref().unwrap_or(&none::none()))?;
    let fill = fill_arg(vm, name, fill.as_ref())?;
    let d = data(this);
    let width = width.max(0) as usize;
    if width <= d.len() {
        return new_like(vm, this, &d);
    }
    check_result_size(vm, !is_bytearray(this), width)?;
    let total = width - d.len();
    let left = place(total, width);
    let mut out = vec_with_capacity(vm, width)?;
    out.resize(width, fill);
    out[left..left + d.len()].copy_from_slice(&d);
    new_like(vm, this, &out)
}

pub(crate) fn m_ljust(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    pad(vm, this, "ljust", a, k, |_, _| 0)
}

pub(crate) fn m_rjust(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    pad(vm, this, "rjust", a, k, |t, _| t)
}

pub(crate) fn m_center(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    // CPython's `pad`: left = marg / 2 + (marg & width & 1).
    pad(vm, this, "center", a, k, |marg, width| {
        marg / 2 + (marg & width & 1)
    })
}

pub(crate) fn m_zfill(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [width] = parse::<1>(vm, &qual(this, "zfill"), Sig::One, a, k)?;
    let width = index_arg(vm, width.as_ref().unwrap_or(&none::none()))?.max(0) as usize;
    let d = data(this);
    if width <= d.len() {
        return new_like(vm, this, &d);
    }
    check_result_size(vm, !is_bytearray(this), width)?;
    let fill = width - d.len();
    let mut out = vec_with_capacity(vm, width)?;
    let (sign, rest) = match d.first() {
        Some(&c @ (b'+' | b'-')) => (Some(c), &d[1..]),
        _ => (None, &d[..]),
    };
    out.extend(sign);
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    new_like(vm, this, &out)
}

pub(crate) fn m_expandtabs(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["tabsize"],
        required: 0,
        posonly: 0,
    };
    let [tabsize] = parse::<1>(vm, &qual(this, "expandtabs"), sig, a, k)?;
    let tabsize = match &tabsize {
        Some(t) => i64::from(crate::objects::str_methods::c_int_arg(vm, t)?),
        None => 8,
    };
    let d = data(this);
    // The result's size first (CPython's "result too long" past an index), then the bytes.
    let mut size: usize = 0;
    expand_tabs(&d, tabsize, |piece| {
        size = size
            .checked_add(piece.map_or_else(|spaces| spaces, |_| 1))
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(|| vm.overflow_error("result too long"))?;
        Ok(())
    })?;
    check_result_size(vm, !is_bytearray(this), size)?;
    let mut out = vec_with_capacity(vm, size)?;
    expand_tabs(&d, tabsize, |piece| {
        match piece {
            Ok(c) => out.push(c),
            Err(spaces) => out.extend(std::iter::repeat_n(b' ', spaces)),
        }
        Ok(())
    })?;
    new_like(vm, this, &out)
}

/// Walks `d` for `expandtabs`, handing `f` each byte kept (`Ok`) or the number of spaces a
/// tab becomes (`Err`).
fn expand_tabs(
    d: &[u8],
    tabsize: i64,
    mut f: impl FnMut(Result<u8, usize>) -> PyResult<()>,
) -> PyResult<()> {
    let mut col: i64 = 0;
    for &c in d {
        match c {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    f(Err(n as usize))?;
                    col = col.saturating_add(n);
                }
            }
            b'\n' | b'\r' => {
                f(Ok(c))?;
                col = 0;
            }
            _ => {
                f(Ok(c))?;
                col = col.saturating_add(1);
            }
        }
    }
    Ok(())
}

/// The bytes to strip: ASCII whitespace for `None`, else a bytes-like argument.
fn strip_set(vm: &Vm, chars: Option<&ObjRef>) -> PyResult<Option<Vec<u8>>> {
    match chars {
        None => Ok(None),
        Some(c) if none::is_none(c) => Ok(None),
        Some(c) => Ok(Some(buffer_arg(vm, c)?.into_owned())),
    }
}

fn strip(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    a: &[ObjRef],
    k: Option<&ObjRef>,
    left: bool,
    right: bool,
) -> PyResult<ObjRef> {
    let [chars] = parse::<1>(vm, &qual(this, name), Sig::Clinic(0, 1), a, k)?;
    let set = strip_set(vm, chars.as_ref())?;
    let strip_it = |c: &u8| match &set {
        None => is_space(*c),
        Some(s) => s.contains(c),
    };
    let d = data(this);
    let mut lo = 0;
    let mut hi = d.len();
    if left {
        while lo < hi && strip_it(&d[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && strip_it(&d[hi - 1]) {
            hi -= 1;
        }
    }
    new_like(vm, this, &d[lo..hi])
}

pub(crate) fn m_strip(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip(vm, this, "strip", a, k, true, true)
}

pub(crate) fn m_lstrip(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip(vm, this, "lstrip", a, k, true, false)
}

pub(crate) fn m_rstrip(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip(vm, this, "rstrip", a, k, false, true)
}

pub(crate) fn m_join(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [iterable] = parse::<1>(vm, &qual(this, "join"), Sig::One, a, k)?;
    let iterable = iterable.unwrap_or_else(none::none);
    let items = list::sequence_fast(vm, &iterable, "can only join an iterable")?;
    let sep = data(this).into_owned();
    // The result's size first (CPython's "too long" past an index), then the bytes.
    let too_long = || vm.overflow_error("join() result is too long for bytes");
    let mut size = sep
        .len()
        .checked_mul(items.len().saturating_sub(1))
        .ok_or_else(too_long)?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(b) = buffer(item) else {
            return Err(vm.type_error(&format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                item.ob_type().name()
            )));
        };
        size = size
            .checked_add(b.len())
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(too_long)?;
        parts.push(b);
    }
    check_result_size(vm, !is_bytearray(this), size)?;
    let mut out = vec_with_capacity(vm, size)?;
    for (i, b) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(b);
    }
    new_like(vm, this, &out)
}

/// A tuple of new objects of the receiver's kind (for `partition`).
pub(crate) fn tuple_like(vm: &Vm, this: &ObjRef, parts: &[&[u8]]) -> PyResult<ObjRef> {
    let items: PyResult<Vec<ObjRef>> = parts.iter().map(|p| new_like(vm, this, p)).collect();
    tuple::new_tuple(vm, items?)
}

/// A list of new objects of the receiver's kind (for `split`).
pub(crate) fn list_like(vm: &Vm, this: &ObjRef, parts: Vec<&[u8]>) -> PyResult<ObjRef> {
    let items: PyResult<Vec<ObjRef>> = parts.iter().map(|p| new_like(vm, this, p)).collect();
    list::new_list(vm, items?)
}
