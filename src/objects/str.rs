//! `str`: immutable Unicode text, stored inline as generalized UTF-8 (`objects::wtf8`: UTF-8
//! in which lone surrogates are allowed, in their 3-byte form) with its length in code points.
//! The object core records whether the bytes are plain UTF-8; [`as_str`] hands out a `&str`
//! only then, [`as_text`] gives the view of any str, and [`str_utf8`] is the `&str` or
//! CPython's "surrogates not allowed" `UnicodeEncodeError`.

use crate::object::typeobj::methflags::METH_STATIC;
use crate::object::CompareOp;
use crate::object::{MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject};
use crate::objects::boolobj::new_bool;
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::wtf8::{Wtf8, Wtf8Buf};
use crate::objects::{str_format as fmt, str_methods as m, str_search as search};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use arenapy_allocators::AllocError;
use std::cell::Cell;

/// Payload of a str: cached hash and length in code points; UTF-8 bytes follow inline.
pub struct StrObject {
    hash: Cell<i64>,
    char_len: usize,
}

impl PyPayload for StrObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(StrObject);

static STR_VTABLE: PayloadVTable = PayloadVTable::of_var::<StrObject, crate::object::Utf8Byte>();

/// Sentinel for "hash not computed yet" (CPython uses -1 the same way).
const NO_HASH: i64 = -1;

/// A new str object.
pub fn new_str(s: &str) -> Result<ObjRef, AllocError> {
    let payload = StrObject {
        hash: Cell::new(NO_HASH),
        char_len: s.chars().count(),
    };
    crate::object::new_var_object_str::<StrObject>(&STR_TYPE, payload, s)
}

/// A new str object, raising `MemoryError` on exhaustion.
pub fn new_str_vm(vm: &Vm, s: &str) -> PyResult<ObjRef> {
    new_str(s).or_mem(vm)
}

/// A new str object from generalized UTF-8 (which may hold lone surrogates).
pub fn new_str_wtf8(w: Wtf8<'_>) -> Result<ObjRef, AllocError> {
    new_str_wtf8_typed(&STR_TYPE, w)
}

fn new_str_wtf8_typed(ty: &TypeObject, w: Wtf8<'_>) -> Result<ObjRef, AllocError> {
    let payload = StrObject {
        hash: Cell::new(NO_HASH),
        char_len: w.len(),
    };
    crate::object::new_var_object_text::<StrObject>(ty, payload, w.as_bytes())
}

/// A new str object from generalized UTF-8, raising `MemoryError` on exhaustion.
pub fn new_str_wtf8_vm(vm: &Vm, w: Wtf8<'_>) -> PyResult<ObjRef> {
    new_str_wtf8(w).or_mem(vm)
}

/// A new str object from code points (surrogates allowed; each must be at most 0x10ffff).
pub fn new_str_from_code_points(vm: &Vm, cps: impl IntoIterator<Item = u32>) -> PyResult<ObjRef> {
    let mut b = Wtf8Buf::new();
    for c in cps {
        b.push_code_point(c);
    }
    new_str_wtf8_vm(vm, b.as_wtf8())
}

/// The text of a str object, when it holds no lone surrogate (`None` for other objects and
/// for strs holding surrogates: use [`is_str`] to test the type, [`as_text`] or [`str_utf8`]
/// for the text of any str).
#[inline]
pub fn as_str(obj: &ObjRef) -> Option<&str> {
    obj.downcast_text::<StrObject>()
        .and_then(|(_, _, text)| text)
}

/// The generalized UTF-8 text of any str object.
#[inline]
pub fn as_text(obj: &ObjRef) -> Option<Wtf8<'_>> {
    obj.downcast_text::<StrObject>()
        .map(|(_, bytes, _)| Wtf8::from_bytes_trusted(bytes))
}

/// Whether `obj` is a str (an instance of `str` or of a subclass).
#[inline]
pub fn is_str(obj: &ObjRef) -> bool {
    obj.downcast_text::<StrObject>().is_some()
}

/// Whether `obj` is a str holding a lone surrogate.
#[inline]
pub fn has_surrogates(obj: &ObjRef) -> bool {
    matches!(obj.downcast_text::<StrObject>(), Some((_, _, None)))
}

/// The UTF-8 text of a str, as CPython's `PyUnicode_AsUTF8`: a str holding a lone surrogate
/// raises `UnicodeEncodeError('utf-8', s, i, i+1, 'surrogates not allowed')`. `None` when
/// `obj` is not a str.
pub fn str_utf8<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<Option<&'a str>> {
    let Some((_, bytes, text)) = obj.downcast_text::<StrObject>() else {
        return Ok(None);
    };
    match text {
        Some(t) => Ok(Some(t)),
        None => Err(surrogates_not_allowed(
            vm,
            "utf-8",
            Wtf8::from_bytes_trusted(bytes),
        )),
    }
}

/// `UnicodeEncodeError(codec, text, i, j, 'surrogates not allowed')` for the first run of
/// surrogates of `text`.
pub fn surrogates_not_allowed(vm: &Vm, codec: &str, text: Wtf8<'_>) -> crate::vm::PyErr {
    let cps: Vec<u32> = text.code_points().collect();
    let start = cps
        .iter()
        .position(|&c| crate::objects::wtf8::is_surrogate(c))
        .unwrap_or(0);
    let end = start
        + cps[start..]
            .iter()
            .take_while(|&&c| crate::objects::wtf8::is_surrogate(c))
            .count()
            .max(1);
    crate::objects::codecs::encode_error_wtf8(vm, codec, text, start, end, "surrogates not allowed")
}

/// A str decoded from a file-system name or other OS bytes: UTF-8 with `surrogateescape`
/// (`os.fsdecode`).
pub fn new_str_fs(vm: &Vm, data: &[u8]) -> PyResult<ObjRef> {
    match std::str::from_utf8(data) {
        Ok(s) => new_str_vm(vm, s),
        Err(_) => new_str_wtf8_vm(
            vm,
            crate::objects::wtf8::decode_surrogateescape(data).as_wtf8(),
        ),
    }
}

/// The OS bytes of a str (`os.fsencode`): UTF-8 with `surrogateescape`, CPython's
/// `UnicodeEncodeError` for a surrogate that is not an escaped byte. `None` when `obj` is not
/// a str.
pub fn fs_bytes(vm: &Vm, obj: &ObjRef) -> PyResult<Option<Vec<u8>>> {
    let Some(w) = as_text(obj) else {
        return Ok(None);
    };
    match crate::objects::wtf8::encode_surrogateescape(w) {
        Ok(b) => Ok(Some(b)),
        Err((start, end)) => Err(crate::objects::codecs::encode_error_wtf8(
            vm,
            "utf-8",
            w,
            start,
            end,
            "surrogates not allowed",
        )),
    }
}

/// Length in code points.
pub fn char_len(obj: &ObjRef) -> usize {
    obj.downcast_text::<StrObject>()
        .map_or(0, |(p, _, _)| p.char_len)
}

/// The hash of a str: a keyed-free FNV-1a over the stored bytes (CPython randomises str hashes
/// per process, so programs cannot depend on the values).
pub fn str_hash_value(obj: &ObjRef) -> i64 {
    let Some((p, bytes, _)) = obj.downcast_text::<StrObject>() else {
        return 0;
    };
    let cached = p.hash.get();
    if cached != NO_HASH {
        return cached;
    }
    let h = hash_text(bytes);
    p.hash.set(h);
    h
}

/// The hash a str with this UTF-8 text has (FNV-1a; -1 is reserved, as in CPython).
pub fn hash_text(bytes: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    if h == NO_HASH {
        -2
    } else {
        h
    }
}

fn str_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    Ok(str_hash_value(obj))
}

/// CPython's `repr(str)`: single quotes unless the text has ' and no ", escapes for control
/// characters and non-printable code points.
pub fn repr_str(s: &str) -> String {
    repr_wtf8(Wtf8::of_str(s))
}

/// `repr` of any str's text (a lone surrogate is not printable: `'\udcff'`).
pub fn repr_wtf8(s: Wtf8<'_>) -> String {
    let has = |q: u8| s.as_bytes().contains(&q);
    let quote = if has(b'\'') && !has(b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.as_bytes().len() + 2);
    out.push(quote);
    for cp in s.code_points() {
        let Some(c) = char::from_u32(cp) else {
            out.push_str(&format!("\\u{cp:04x}"));
            continue;
        };
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !c.is_ascii() && !crate::objects::unicode::is_printable(c) => {
                let v = c as u32;
                if v <= 0xff {
                    out.push_str(&format!("\\x{v:02x}"));
                } else if v <= 0xffff {
                    out.push_str(&format!("\\u{v:04x}"));
                } else {
                    out.push_str(&format!("\\U{v:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn str_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    new_str_vm(vm, &repr_wtf8(as_text(obj).unwrap_or_default()))
}

fn str_str(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    // An exact str is its own str(); an instance of a subclass gives an exact copy.
    if std::ptr::eq(obj.ob_type(), &STR_TYPE) {
        return Ok(obj.clone());
    }
    new_str_wtf8_vm(vm, as_text(obj).unwrap_or_default())
}

fn str_richcompare(_vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    // Byte order of generalized UTF-8 is code point order.
    let (Some(x), Some(y)) = (as_text(a), as_text(b)) else {
        return Ok(not_implemented());
    };
    let r = match op {
        CompareOp::Eq => a.is(b) || x == y,
        CompareOp::Ne => !(a.is(b) || x == y),
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
        CompareOp::AlmostEq => return Ok(not_implemented()),
    };
    Ok(new_bool(r))
}

fn str_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(char_len(obj))
}

fn str_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !(is_str(a) && is_str(b)) {
        return Ok(not_implemented());
    }
    concat(vm, a, b)
}

/// `a + b` for two strs (`NotImplemented`'s case is the caller's: other operands give an
/// empty text). The result's length in code points is the sum of the operands', not counted
/// again.
pub fn concat(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (x, y) = (
        as_text(a).unwrap_or_default(),
        as_text(b).unwrap_or_default(),
    );
    // An empty operand gives the other one itself when that is an exact str (as CPython).
    if y.as_bytes().is_empty() && std::ptr::eq(a.ob_type(), &STR_TYPE) {
        return Ok(a.clone());
    }
    if x.as_bytes().is_empty() && std::ptr::eq(b.ob_type(), &STR_TYPE) {
        return Ok(b.clone());
    }
    let total = x
        .as_bytes()
        .len()
        .checked_add(y.as_bytes().len())
        .ok_or_else(|| vm.overflow_error("strings are too large to concat"))?;
    if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
        let mut s = crate::vm::storage::string_with_capacity(vm, total)?;
        s.push_str(x);
        s.push_str(y);
        let payload = StrObject {
            hash: Cell::new(NO_HASH),
            char_len: char_len(a) + char_len(b),
        };
        return crate::object::new_var_object_str::<StrObject>(&STR_TYPE, payload, &s).or_mem(vm);
    }
    let mut s = Wtf8Buf::with_capacity(total);
    s.push_wtf8(x);
    s.push_wtf8(y);
    new_str_wtf8_vm(vm, s.as_wtf8())
}

fn str_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (s, n) = match (is_str(a), is_str(b)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::objects::int::as_i64(n) else {
        if crate::objects::int::is_int(n) {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
        }
        return Ok(not_implemented());
    };
    match as_str(s) {
        Some(text) => new_str_vm(vm, &repeat(vm, text, n.max(0) as usize)?),
        None => {
            let w = as_text(s).unwrap_or_default();
            let n = n.max(0) as usize;
            let chars = w.len();
            if n > 0 && chars > isize::MAX as usize / n {
                return Err(vm.overflow_error("repeated string is too long"));
            }
            let bytes = vm.check_storage(w.as_bytes().len(), n)?;
            let mut out = Wtf8Buf::with_capacity(bytes);
            for _ in 0..n {
                out.push_wtf8(w);
            }
            new_str_wtf8_vm(vm, out.as_wtf8())
        }
    }
}

/// `s * n` as text, sized and checked against the heap before it is built: `OverflowError`
/// when the length in code points would not fit an index (CPython's "repeated string is too
/// long"), `MemoryError` when the heap refuses the bytes.
pub fn repeat(vm: &Vm, s: &str, n: usize) -> PyResult<String> {
    let chars = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    if n > 0 && chars > isize::MAX as usize / n {
        return Err(vm.overflow_error("repeated string is too long"));
    }
    let bytes = vm.check_storage(s.len(), n)?;
    let mut out = crate::vm::storage::string_with_capacity(vm, bytes)?;
    if bytes > 0 {
        out.push_str(s);
        // Doubling copies; every length here is a whole number of copies of `s`, so each cut
        // falls on a character boundary.
        while out.len() < bytes {
            let take = (bytes - out.len()).min(out.len());
            out.extend_from_within(..take);
        }
    }
    Ok(out)
}

fn str_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let Some(s) = as_str(obj) else {
        return crate::objects::str_surrogates::getitem(vm, obj, key);
    };
    let len = char_len(obj) as i64;
    let converted = if crate::objects::int::is_int(key) {
        None
    } else {
        crate::vm::ops::index(vm, key)?
    };
    let key = converted.as_ref().unwrap_or(key);
    let Some(i) = crate::objects::int::as_i64(key) else {
        if let Some(ob) = crate::vm::ops::slice_indices(vm, key, len as usize)? {
            if ob.step == 1 || ob.len == 0 {
                // A contiguous run: cut the UTF-8 text (free for ASCII, one scan otherwise).
                if ob.len == 0 {
                    return new_str_vm(vm, "");
                }
                let first = ob.start as usize;
                let (from, to) = if s.len() == len as usize {
                    (first, first + ob.len)
                } else {
                    let mut bounds = s.char_indices().map(|(b, _)| b).skip(first);
                    let from = bounds.next().unwrap_or(s.len());
                    let to = bounds.nth(ob.len - 1).unwrap_or(s.len());
                    (from, to)
                };
                return new_str_vm(vm, s.get(from..to).unwrap_or(""));
            }
            let chars: Vec<char> = s.chars().collect();
            let picked: String = ob.iter().map(|i| chars[i]).collect();
            return new_str_vm(vm, &picked);
        }
        if crate::objects::int::is_int(key) {
            // An int too large for an index (CPython's PyNumber_AsSsize_t with IndexError).
            return Err(vm.new_error(
                &crate::objects::exceptions::INDEX_ERROR,
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        return Err(vm.type_error(&format!(
            "string indices must be integers, not '{}'",
            key.ob_type().name()
        )));
    };
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(vm.index_error("string index out of range"));
    }
    let c = if s.len() == len as usize {
        &s[idx as usize..idx as usize + 1]
    } else {
        let (start, ch) = s.char_indices().nth(idx as usize).unwrap_or((0, ' '));
        &s[start..start + ch.len_utf8()]
    };
    new_str_vm(vm, c)
}

fn str_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    match (as_str(item), as_str(obj)) {
        (Some(needle), Some(hay)) => return Ok(hay.contains(needle)),
        _ if is_str(item) => {
            let (hay, needle) = (
                as_text(obj).unwrap_or_default(),
                as_text(item).unwrap_or_default(),
            );
            return Ok(hay.find_bytes(needle, 0).is_some());
        }
        _ => {}
    }
    match as_str(item) {
        Some(_) => Ok(false),
        None => Err(vm.type_error(&format!(
            "'in <string>' requires string as left operand, not {}",
            item.ob_type().name()
        ))),
    }
}

fn str_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

fn str_mod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_str(a) {
        return Ok(not_implemented());
    }
    use crate::objects::str_surrogates::{format_session, session_text};
    format_session(vm, || {
        let fmt = session_text(vm, a)?;
        crate::objects::printf::percent_format(vm, &fmt, b)
    })
}

/// The method table; every method but the static `maketrans` goes through
/// `str_surrogates::dispatch` (or its own handler), which runs it directly unless the call
/// involves a str holding a lone surrogate.
macro_rules! methods {
    ($($name:literal => $func:path $([$flags:expr])? $({$via:path})?),* $(,)?) => {
        [$(MethodDef {
            name: $name,
            func: methods!(@via $func $(, $flags)? $(; $via)?),
            flags: 0 $(| $flags)?
        }),*]
    };
    (@via $func:path, $flags:expr) => { $func };
    (@via $func:path; $via:path) => {
        |vm, this, args, kw| $via(vm, $func, this, args, kw)
    };
    (@via $func:path) => {
        |vm, this, args, kw| crate::objects::str_surrogates::dispatch(vm, $func, this, args, kw)
    };
}

/// Methods of `str`, in CPython's order.
static STR_METHODS: [MethodDef; 49] = methods![
    "capitalize" => m::str_capitalize,
    "casefold" => m::str_casefold,
    "center" => m::str_center,
    "count" => search::str_count,
    "encode" => crate::objects::codecs::str_encode {crate::objects::str_surrogates::direct},
    "endswith" => search::str_endswith,
    "expandtabs" => m::str_expandtabs,
    "find" => search::str_find,
    "format" => fmt::str_format {crate::objects::str_surrogates::direct},
    "format_map" => fmt::str_format_map {crate::objects::str_surrogates::direct},
    "index" => search::str_index,
    "isalnum" => m::str_isalnum,
    "isalpha" => m::str_isalpha,
    "isascii" => m::str_isascii,
    "isdecimal" => m::str_isdecimal,
    "isdigit" => m::str_isdigit,
    "isidentifier" => m::str_isidentifier,
    "islower" => m::str_islower,
    "isnumeric" => m::str_isnumeric,
    "isprintable" => m::str_isprintable,
    "isspace" => m::str_isspace,
    "istitle" => m::str_istitle,
    "isupper" => m::str_isupper,
    "join" => m::str_join {crate::objects::str_surrogates::join},
    "ljust" => m::str_ljust,
    "lower" => m::str_lower,
    "lstrip" => m::str_lstrip,
    "maketrans" => m::str_maketrans [METH_STATIC],
    "partition" => search::str_partition,
    "removeprefix" => search::str_removeprefix,
    "removesuffix" => search::str_removesuffix,
    "replace" => search::str_replace,
    "rfind" => search::str_rfind,
    "rindex" => search::str_rindex,
    "rjust" => m::str_rjust,
    "rpartition" => search::str_rpartition,
    "rsplit" => search::str_rsplit,
    "rstrip" => m::str_rstrip,
    "split" => search::str_split,
    "splitlines" => search::str_splitlines,
    "startswith" => search::str_startswith,
    "strip" => m::str_strip,
    "swapcase" => m::str_swapcase,
    "title" => m::str_title,
    "translate" => m::str_translate {crate::objects::str_surrogates::translate},
    "upper" => m::str_upper,
    "zfill" => m::str_zfill,
    "__format__" => fmt::str_dunder_format,
    "__getnewargs__" => str_getnewargs {crate::objects::str_surrogates::direct},
];

fn str_getnewargs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "str.__getnewargs__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let copy = new_str_wtf8_vm(vm, as_text(this).unwrap_or_default())?;
    crate::objects::tuple::new_tuple(vm, vec![copy])
}

/// `str`.
pub static STR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "str",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::ADD_IS_CONCAT,
    payload: &STR_VTABLE,
    slots: Slots {
        repr: Some(str_repr),
        str: Some(str_str),
        hash: Some(str_hash),
        richcompare: Some(str_richcompare),
        len: Some(str_len),
        getitem: Some(str_getitem),
        contains: Some(str_contains),
        iter: Some(str_iter),
        new: Some(str_new),
        number: crate::object::NumberSlots {
            add: Some(str_add),
            multiply: Some(str_mul),
            remainder: Some(str_mod),
            ..crate::object::NumberSlots::EMPTY
        },
        native_eq: Some(str_native_eq),
        ..Slots::EMPTY
    },
    methods: &STR_METHODS,
    doc: "str(object='') -> str",
};

/// Two exact strs are equal when their text is (the dict key fast path).
fn str_native_eq(a: &ObjRef, b: &ObjRef) -> Option<bool> {
    Some(as_text(a) == as_text(b))
}

fn str_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let s = str_new_exact(vm, args, kwnames)?;
    if std::ptr::eq(ty, &STR_TYPE) {
        return Ok(s);
    }
    // A subclass (`class Name(str)`, `StrEnum`): the same text in an instance of `ty`.
    new_str_wtf8_typed(ty, as_text(&s).unwrap_or_default()).or_mem(vm)
}

fn str_new_exact(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    use crate::vm::argparse::{parse, Sig};
    let sig = Sig::Kw {
        names: &["object", "encoding", "errors"],
        required: 0,
        posonly: 0,
    };
    let [object, encoding, errors] = parse::<3>(vm, "str", sig, args, kwnames)?;
    let Some(object) = object else {
        return new_str_vm(vm, "");
    };
    if encoding.is_some() || errors.is_some() {
        use crate::objects::codecs;
        let enc = match &encoding {
            Some(e) => codecs::str_arg(vm, e, "str", "encoding", 2)?,
            None => "utf-8".to_string(),
        };
        let errs = match &errors {
            Some(e) => codecs::str_arg(vm, e, "str", "errors", 3)?,
            None => "strict".to_string(),
        };
        let Some(data) = crate::objects::bytes_methods::buffer(&object) else {
            return Err(vm.type_error(&if is_str(&object) {
                "decoding str is not supported".to_string()
            } else {
                format!(
                    "decoding to str: need a bytes-like object, {} found",
                    object.ob_type().name()
                )
            }));
        };
        let text = codecs::decode(vm, &data, &enc, &errs)?;
        return new_str_wtf8_vm(vm, text.as_wtf8());
    }
    crate::vm::ops::str(vm, &object)
}

#[cfg(test)]
mod tests {
    use super::repr_str;

    #[test]
    fn repr_quotes_like_cpython() {
        assert_eq!(repr_str("abc"), "'abc'");
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(repr_str("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(repr_str("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(repr_str("\x00\x7f"), "'\\x00\\x7f'");
        assert_eq!(repr_str("héllo ☃"), "'héllo ☃'");
    }
}
