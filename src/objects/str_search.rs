//! `str` methods that search: find/rfind/index/rindex/count, startswith/endswith, split/rsplit,
//! splitlines, partition/rpartition, replace, removeprefix/removesuffix.
//!
//! Positions are in code points, as in Python; the text is UTF-8, so [`Text`] converts between
//! code point and byte offsets (free for ASCII text, a scan otherwise). Substring search works
//! on the UTF-8 bytes: a match of valid UTF-8 always starts and ends on character boundaries.

use crate::object::ObjRef;
use crate::objects::str::{as_str, new_str_vm};
use crate::objects::{boolobj, int, list, none, tuple, unicode};
use crate::vm::argparse::{index_arg, parse, slice_bound, Sig};
use crate::vm::{PyResult, Vm};

/// Text with its length in code points, for converting positions.
pub(crate) struct Text<'a> {
    /// The UTF-8 text.
    pub s: &'a str,
    /// Length in code points.
    pub len: usize,
}

impl<'a> Text<'a> {
    /// The text of a str object.
    pub fn of(obj: &'a ObjRef) -> Text<'a> {
        let s = as_str(obj).unwrap_or("");
        Text {
            s,
            len: crate::objects::str::char_len(obj),
        }
    }

    fn ascii(&self) -> bool {
        self.len == self.s.len()
    }

    /// Byte offset of code point `ci` (`ci <= len`).
    pub fn byte(&self, ci: usize) -> usize {
        if self.ascii() {
            return ci;
        }
        self.s
            .char_indices()
            .nth(ci)
            .map_or(self.s.len(), |(b, _)| b)
    }

    /// Code point index of byte offset `bi` (a character boundary).
    pub fn char_index(&self, bi: usize) -> usize {
        if self.ascii() {
            bi
        } else {
            self.s[..bi].chars().count()
        }
    }

    /// `start`/`end` as CPython's `ADJUST_INDICES` leaves them (may be `start > end`).
    fn adjust(&self, start: Option<i64>, end: Option<i64>) -> (i64, i64) {
        let len = self.len as i64;
        let mut end = end.unwrap_or(len);
        if end > len {
            end = len;
        } else if end < 0 {
            end = (end + len).max(0);
        }
        let mut start = start.unwrap_or(0);
        if start < 0 {
            start = (start + len).max(0);
        }
        (start, end)
    }
}

/// A `must be str, not int` argument.
fn str_arg<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a str> {
    as_str(obj).ok_or_else(|| vm.type_error(&format!("must be str, not {}", obj.ob_type().name())))
}

/// The text, the needle, and the byte range to search (`None`: nothing can match).
type SearchWindow<'a> = (Text<'a>, &'a str, Option<(usize, usize)>);

/// Parses `(sub[, start[, end]])` and finds the byte range of the search window.
fn search_args<'a>(
    vm: &Vm,
    name: &str,
    this: &'a ObjRef,
    args: &'a [ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<SearchWindow<'a>> {
    let [sub, start, end] = parse::<3>(vm, name, Sig::VarArgs(1, 3), args, kwnames)?;
    let sub = sub.ok_or_else(|| vm.type_error("missing argument"))?;
    // The parsed values are clones of `args`; borrow the originals for the lifetime.
    let sub_text = str_arg(vm, &args[0])?;
    drop(sub);
    let t = Text::of(this);
    let (s, e) = t.adjust(
        slice_bound(vm, start.as_ref())?,
        slice_bound(vm, end.as_ref())?,
    );
    let sub_len = sub_text.chars().count() as i64;
    if e - s < sub_len {
        return Ok((t, sub_text, None));
    }
    let (bs, be) = (t.byte(s as usize), t.byte(e as usize));
    Ok((t, sub_text, Some((bs, be))))
}

fn find_impl(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    reverse: bool,
) -> PyResult<i64> {
    let (t, sub, window) = search_args(vm, name, this, args, kwnames)?;
    let Some((bs, be)) = window else {
        return Ok(-1);
    };
    let hay = &t.s[bs..be];
    let found = if reverse {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    };
    Ok(found.map_or(-1, |b| t.char_index(bs + b) as i64))
}

pub(crate) fn str_find(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    int::new_int(vm, find_impl(vm, "str.find", this, args, kw, false)?)
}

pub(crate) fn str_rfind(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    int::new_int(vm, find_impl(vm, "str.rfind", this, args, kw, true)?)
}

pub(crate) fn str_index(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match find_impl(vm, "str.index", this, args, kw, false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => int::new_int(vm, i),
    }
}

pub(crate) fn str_rindex(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match find_impl(vm, "str.rindex", this, args, kw, true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => int::new_int(vm, i),
    }
}

pub(crate) fn str_count(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (t, sub, window) = search_args(vm, "str.count", this, args, kw)?;
    let Some((bs, be)) = window else {
        return int::new_int(vm, 0);
    };
    let hay = &t.s[bs..be];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    int::new_int(vm, n as i64)
}

fn tail_match(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
    at_end: bool,
) -> PyResult<ObjRef> {
    let short = name.trim_start_matches("str.");
    let [prefix, start, end] = parse::<3>(vm, name, Sig::VarArgs(1, 3), args, kwnames)?;
    let prefix = prefix.ok_or_else(|| vm.type_error("missing argument"))?;
    let t = Text::of(this);
    let (s, e) = t.adjust(
        slice_bound(vm, start.as_ref())?,
        slice_bound(vm, end.as_ref())?,
    );
    let matches = |p: &str| -> bool {
        let plen = p.chars().count() as i64;
        if e - s < plen {
            return false;
        }
        let (bs, be) = (t.byte(s as usize), t.byte(e as usize));
        let window = &t.s[bs..be];
        if at_end {
            window.ends_with(p)
        } else {
            window.starts_with(p)
        }
    };
    if let Some(p) = as_str(&prefix) {
        return Ok(boolobj::new_bool(matches(p)));
    }
    if let Some(items) = tuple::items(&prefix) {
        for item in items {
            let Some(p) = as_str(item) else {
                return Err(vm.type_error(&format!(
                    "tuple for {short} must only contain str, not {}",
                    item.ob_type().name()
                )));
            };
            if matches(p) {
                return Ok(boolobj::new_bool(true));
            }
        }
        return Ok(boolobj::new_bool(false));
    }
    Err(vm.type_error(&format!(
        "{short} first arg must be str or a tuple of str, not {}",
        prefix.ob_type().name()
    )))
}

pub(crate) fn str_startswith(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    tail_match(vm, "str.startswith", this, args, kw, false)
}

pub(crate) fn str_endswith(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    tail_match(vm, "str.endswith", this, args, kw, true)
}

fn new_str_list(vm: &Vm, parts: Vec<&str>) -> PyResult<ObjRef> {
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(new_str_vm(vm, p)?);
    }
    list::new_list(vm, items)
}

const SPLIT_SIG: Sig = Sig::Kw {
    names: &["sep", "maxsplit"],
    required: 0,
    posonly: 0,
};

/// `(sep, maxsplit)` of split/rsplit: the separator (`None` for whitespace) and the limit.
fn split_args<'a>(
    vm: &Vm,
    name: &str,
    parsed: &'a [Option<ObjRef>; 2],
) -> PyResult<(Option<&'a str>, usize)> {
    let sep = match &parsed[0] {
        Some(s) if !none::is_none(s) => {
            let sep = as_str(s).ok_or_else(|| {
                vm.type_error(&format!("must be str or None, not {}", s.ob_type().name()))
            })?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(sep)
        }
        _ => None,
    };
    let _ = name;
    let max = match &parsed[1] {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

/// Splits on runs of whitespace, from the left (`reverse` false) or the right.
fn split_whitespace(s: &str, max: usize, reverse: bool) -> Vec<&str> {
    let mut out = Vec::new();
    if !reverse {
        let mut rest = s.trim_start_matches(unicode::is_space);
        while !rest.is_empty() {
            if out.len() == max {
                out.push(rest);
                break;
            }
            let end = rest.find(unicode::is_space).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = rest[end..].trim_start_matches(unicode::is_space);
        }
    } else {
        let mut rest = s.trim_end_matches(unicode::is_space);
        while !rest.is_empty() {
            if out.len() == max {
                out.push(rest);
                break;
            }
            let start = rest.rfind(unicode::is_space).map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            });
            out.push(&rest[start..]);
            rest = rest[..start].trim_end_matches(unicode::is_space);
        }
        out.reverse();
    }
    out
}

pub(crate) fn str_split(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let parsed = parse::<2>(vm, "str.split", SPLIT_SIG, args, kw)?;
    let (sep, max) = split_args(vm, "split", &parsed)?;
    let s = as_str(this).unwrap_or("");
    let parts = match sep {
        None => split_whitespace(s, max, false),
        Some(sep) => s.splitn(max.saturating_add(1), sep).collect(),
    };
    new_str_list(vm, parts)
}

pub(crate) fn str_rsplit(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let parsed = parse::<2>(vm, "str.rsplit", SPLIT_SIG, args, kw)?;
    let (sep, max) = split_args(vm, "rsplit", &parsed)?;
    let s = as_str(this).unwrap_or("");
    let parts = match sep {
        None => split_whitespace(s, max, true),
        Some(sep) => {
            let mut v: Vec<&str> = s.rsplitn(max.saturating_add(1), sep).collect();
            v.reverse();
            v
        }
    };
    new_str_list(vm, parts)
}

/// Line boundaries of `str.splitlines` (CPython's `Py_UNICODE_ISLINEBREAK`).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

pub(crate) fn str_splitlines(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["keepends"],
        required: 0,
        posonly: 0,
    };
    let [keepends] = parse::<1>(vm, "str.splitlines", sig, args, kw)?;
    let keep = match keepends {
        Some(k) => index_arg(vm, &k)? != 0,
        None => false,
    };
    let s = as_str(this).unwrap_or("");
    let mut parts = Vec::new();
    let mut start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && iter.peek().is_some_and(|(_, n)| *n == '\n') {
            iter.next();
            end += 1;
        }
        parts.push(&s[start..if keep { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    new_str_list(vm, parts)
}

fn partition_impl(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    reverse: bool,
) -> PyResult<ObjRef> {
    let [sep] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let sep = sep.ok_or_else(|| vm.type_error("missing argument"))?;
    let sep_s = str_arg(vm, &sep)?;
    if sep_s.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let s = as_str(this).unwrap_or("");
    let found = if reverse {
        s.rfind(sep_s)
    } else {
        s.find(sep_s)
    };
    let parts: [ObjRef; 3] = match found {
        Some(i) => [
            new_str_vm(vm, &s[..i])?,
            sep.clone(),
            new_str_vm(vm, &s[i + sep_s.len()..])?,
        ],
        None if reverse => [new_str_vm(vm, "")?, new_str_vm(vm, "")?, this.clone()],
        None => [this.clone(), new_str_vm(vm, "")?, new_str_vm(vm, "")?],
    };
    tuple::new_tuple(vm, parts.into())
}

pub(crate) fn str_partition(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    partition_impl(vm, "str.partition", this, args, kw, false)
}

pub(crate) fn str_rpartition(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    partition_impl(vm, "str.rpartition", this, args, kw, true)
}

pub(crate) fn str_replace(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [old, new, count] = parse::<3>(vm, "str.replace", Sig::Clinic(2, 3), args, kw)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Err(vm.type_error("missing argument"));
    };
    let old_s = as_str(&old).ok_or_else(|| {
        vm.type_error(&format!(
            "replace() argument 1 must be str, not {}",
            old.ob_type().name()
        ))
    })?;
    let new_s = as_str(&new).ok_or_else(|| {
        vm.type_error(&format!(
            "replace() argument 2 must be str, not {}",
            new.ob_type().name()
        ))
    })?;
    let max = match count {
        Some(c) => index_arg(vm, &c)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let s = as_str(this).unwrap_or("");
    if max == 0 || (old_s.is_empty() && new_s.is_empty()) {
        return Ok(this.clone());
    }
    // The result's size first (CPython's "too long" past an index), then the text.
    let count = if old_s.is_empty() {
        s.chars().count().saturating_add(1).min(max)
    } else {
        s.match_indices(old_s).take(max).count()
    };
    let size = count
        .checked_mul(new_s.len())
        .and_then(|added| (s.len() - count * old_s.len()).checked_add(added))
        .filter(|n| *n <= isize::MAX as usize)
        .ok_or_else(|| vm.overflow_error("replace string is too long"))?;
    let mut out = crate::vm::storage::string_with_capacity(vm, size)?;
    if old_s.is_empty() {
        // Insert `new` before every character and at the end, up to `max` times.
        let mut n = 0;
        for c in s.chars() {
            if n < max {
                out.push_str(new_s);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.push_str(new_s);
        }
    } else {
        let mut rest = s;
        let mut n = 0;
        while n < max {
            let Some(i) = rest.find(old_s) else { break };
            out.push_str(&rest[..i]);
            out.push_str(new_s);
            rest = &rest[i + old_s.len()..];
            n += 1;
        }
        out.push_str(rest);
    }
    new_str_vm(vm, &out)
}

fn affix_impl(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    suffix: bool,
) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let a = a.ok_or_else(|| vm.type_error("missing argument"))?;
    let short = name.trim_start_matches("str.");
    let affix = as_str(&a).ok_or_else(|| {
        vm.type_error(&format!(
            "{short}() argument must be str, not {}",
            a.ob_type().name()
        ))
    })?;
    let s = as_str(this).unwrap_or("");
    let stripped = if suffix {
        s.strip_suffix(affix)
    } else {
        s.strip_prefix(affix)
    };
    match stripped {
        Some(rest) if !affix.is_empty() => new_str_vm(vm, rest),
        _ => Ok(this.clone()),
    }
}

pub(crate) fn str_removeprefix(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    affix_impl(vm, "str.removeprefix", this, args, kw, false)
}

pub(crate) fn str_removesuffix(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    affix_impl(vm, "str.removesuffix", this, args, kw, true)
}
