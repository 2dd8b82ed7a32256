//! Searching methods `bytes` and `bytearray` share: `count`, `find`/`rfind`,
//! `index`/`rindex`, `startswith`/`endswith`, `split`/`rsplit`, `partition`/`rpartition`,
//! `replace`, `splitlines`, `removeprefix`/`removesuffix`.

use crate::object::ObjRef;
use crate::objects::bytes_methods::{
    buffer, buffer_arg, byte_value, data, is_bytearray, is_space, kind, list_like, new_like,
    tuple_like,
};
use crate::objects::{boolobj, int, none, tuple};
use crate::vm::argparse::{index_arg, parse, slice_bound, Sig};
use crate::vm::{ops, PyResult, Vm};
use std::borrow::Cow;

/// The first position of `sub` in `hay[start..end]`.
pub fn find_in(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let window = &hay[start..end];
    if sub.is_empty() {
        return Some(start);
    }
    if sub.len() == 1 {
        return window.iter().position(|&c| c == sub[0]).map(|p| p + start);
    }
    window
        .windows(sub.len())
        .position(|w| w == sub)
        .map(|p| p + start)
}

/// The last position of `sub` in `hay[start..end]`.
pub fn rfind_in(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let window = &hay[start..end];
    if sub.is_empty() {
        return Some(end);
    }
    window
        .windows(sub.len())
        .rposition(|w| w == sub)
        .map(|p| p + start)
}

/// Non-overlapping occurrences of `sub` in `hay[start..end]`.
fn count_in(hay: &[u8], sub: &[u8], start: usize, end: usize) -> usize {
    if start > end || end > hay.len() {
        return 0;
    }
    if sub.is_empty() {
        return end - start + 1;
    }
    let mut n = 0;
    let mut pos = start;
    while let Some(p) = find_in(hay, sub, pos, end) {
        n += 1;
        pos = p + sub.len();
    }
    n
}

/// CPython's `ADJUST_INDICES`: slice bounds made positions in `0..=len` (start may exceed len,
/// which callers treat as "nothing found").
fn adjust(len: usize, start: Option<i64>, end: Option<i64>) -> (usize, usize) {
    let len_i = len as i64;
    let fix = |v: i64| if v < 0 { (v + len_i).max(0) } else { v };
    let end = end.map_or(len_i, fix).min(len_i);
    let start = start.map_or(0, fix);
    (start as usize, end.max(0) as usize)
}

/// The needle of `find`/`count`/...: a bytes-like object or a byte value.
fn needle<'a>(vm: &Vm, sub: &'a ObjRef) -> PyResult<Cow<'a, [u8]>> {
    if let Some(b) = buffer(sub) {
        return Ok(b);
    }
    if ops::index(vm, sub)?.is_some() {
        return Ok(Cow::Owned(vec![byte_value(vm, sub)?]));
    }
    Err(vm.type_error(&format!(
        "argument should be integer or bytes-like object, not '{}'",
        sub.ob_type().name()
    )))
}

/// Parses `(sub[, start[, end]])` and returns the needle and adjusted bounds.
fn search_args(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    len: usize,
) -> PyResult<(Vec<u8>, usize, usize)> {
    let [sub, start, end] = parse::<3>(vm, name, Sig::VarArgs(1, 3), args, kw)?;
    let sub = sub.unwrap_or_else(none::none);
    let sub = needle(vm, &sub)?.into_owned();
    let start = slice_bound(vm, start.as_ref())?;
    let end = slice_bound(vm, end.as_ref())?;
    let (s, e) = adjust(len, start, end);
    Ok((sub, s, e))
}

fn find_common(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    reverse: bool,
) -> PyResult<Option<usize>> {
    let d = data(this);
    let (sub, s, e) = search_args(vm, name, args, kw, d.len())?;
    Ok(if reverse {
        rfind_in(&d, &sub, s, e)
    } else {
        find_in(&d, &sub, s, e)
    })
}

fn position(vm: &Vm, p: Option<usize>) -> PyResult<ObjRef> {
    int::new_int(vm, p.map_or(-1, |p| p as i64))
}

pub(crate) fn m_find(vm: &Vm, this: &ObjRef, a: &[ObjRef], k: Option<&ObjRef>) -> PyResult<ObjRef> {
    position(vm, find_common(vm, this, "find", a, k, false)?)
}

pub(crate) fn m_rfind(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    position(vm, find_common(vm, this, "rfind", a, k, true)?)
}

pub(crate) fn m_index(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match find_common(vm, this, "index", a, k, false)? {
        Some(p) => int::new_int(vm, p as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

pub(crate) fn m_rindex(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match find_common(vm, this, "rindex", a, k, true)? {
        Some(p) => int::new_int(vm, p as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

pub(crate) fn m_count(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let d = data(this);
    let (sub, s, e) = search_args(vm, "count", a, k, d.len())?;
    int::new_int(vm, count_in(&d, &sub, s, e) as i64)
}

fn starts_ends(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    a: &[ObjRef],
    k: Option<&ObjRef>,
    at_end: bool,
) -> PyResult<ObjRef> {
    let [prefix, start, end] = parse::<3>(vm, name, Sig::VarArgs(1, 3), a, k)?;
    let prefix = prefix.unwrap_or_else(none::none);
    let d = data(this);
    let (s, e) = adjust(
        d.len(),
        slice_bound(vm, start.as_ref())?,
        slice_bound(vm, end.as_ref())?,
    );
    let candidates: Vec<ObjRef> = match tuple::items(&prefix) {
        Some(items) => items.to_vec(),
        None => vec![prefix.clone()],
    };
    for c in &candidates {
        let Some(p) = buffer(c) else {
            let what = if at_end { "endswith" } else { "startswith" };
            return Err(vm.type_error(&format!(
                "{what} first arg must be bytes or a tuple of bytes, not {}",
                c.ob_type().name()
            )));
        };
        if s > d.len() || s > e || e - s < p.len() {
            continue;
        }
        let hit = if at_end {
            d[e - p.len()..e] == p[..]
        } else {
            d[s..s + p.len()] == p[..]
        };
        if hit {
            return Ok(boolobj::new_bool(true));
        }
    }
    Ok(boolobj::new_bool(false))
}

pub(crate) fn m_startswith(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    starts_ends(vm, this, "startswith", a, k, false)
}

pub(crate) fn m_endswith(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    starts_ends(vm, this, "endswith", a, k, true)
}

/// `sep` and `maxsplit` of `split`/`rsplit`: `None` for whitespace splitting; a negative
/// maxsplit means no limit.
fn split_args(
    vm: &Vm,
    name: &str,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<(Option<Vec<u8>>, usize)> {
    let sig = Sig::Kw {
        names: &["sep", "maxsplit"],
        required: 0,
        posonly: 0,
    };
    let [sep, maxsplit] = parse::<2>(vm, name, sig, a, k)?;
    let sep = match sep.filter(|s| !none::is_none(s)) {
        None => None,
        Some(s) => {
            let b = buffer_arg(vm, &s)?.into_owned();
            if b.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(b)
        }
    };
    let maxsplit = match &maxsplit {
        Some(m) => index_arg(vm, m)?,
        None => -1,
    };
    let maxsplit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    Ok((sep, maxsplit))
}

/// Splits on runs of ASCII whitespace, at most `max` times, from the left.
fn split_whitespace(d: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = d.len();
    while i < n {
        while i < n && is_space(d[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if out.len() == max {
            out.push(&d[i..]);
            break;
        }
        let start = i;
        while i < n && !is_space(d[i]) {
            i += 1;
        }
        out.push(&d[start..i]);
    }
    out
}

/// Splits on runs of ASCII whitespace, at most `max` times, from the right.
fn rsplit_whitespace(d: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = d.len();
    while i > 0 {
        while i > 0 && is_space(d[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if out.len() == max {
            out.push(&d[..i]);
            break;
        }
        let end = i;
        while i > 0 && !is_space(d[i - 1]) {
            i -= 1;
        }
        out.push(&d[i..end]);
    }
    out.reverse();
    out
}

pub(crate) fn m_split(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (sep, max) = split_args(vm, "split", a, k)?;
    let d = data(this);
    let parts = match &sep {
        None => split_whitespace(&d, max),
        Some(sep) => {
            let mut parts = Vec::new();
            let mut pos = 0;
            while parts.len() < max {
                match find_in(&d, sep, pos, d.len()) {
                    Some(p) => {
                        parts.push(&d[pos..p]);
                        pos = p + sep.len();
                    }
                    None => break,
                }
            }
            parts.push(&d[pos..]);
            parts
        }
    };
    list_like(vm, this, parts)
}

pub(crate) fn m_rsplit(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (sep, max) = split_args(vm, "rsplit", a, k)?;
    let d = data(this);
    let parts = match &sep {
        None => rsplit_whitespace(&d, max),
        Some(sep) => {
            let mut parts = Vec::new();
            let mut end = d.len();
            while parts.len() < max {
                match rfind_in(&d, sep, 0, end) {
                    Some(p) => {
                        parts.push(&d[p + sep.len()..end]);
                        end = p;
                    }
                    None => break,
                }
            }
            parts.push(&d[..end]);
            parts.reverse();
            parts
        }
    };
    list_like(vm, this, parts)
}

fn partition(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    a: &[ObjRef],
    k: Option<&ObjRef>,
    reverse: bool,
) -> PyResult<ObjRef> {
    let [sep] = parse::<1>(vm, &format!("{}.{name}", kind(this)), Sig::One, a, k)?;
    let sep = sep.unwrap_or_else(none::none);
    let sep = buffer_arg(vm, &sep)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let d = data(this);
    let found = if reverse {
        rfind_in(&d, &sep, 0, d.len())
    } else {
        find_in(&d, &sep, 0, d.len())
    };
    match found {
        Some(p) => tuple_like(vm, this, &[&d[..p], &sep, &d[p + sep.len()..]]),
        None if reverse => tuple_like(vm, this, &[b"", b"", &d]),
        None => tuple_like(vm, this, &[&d, b"", b""]),
    }
}

pub(crate) fn m_partition(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    partition(vm, this, "partition", a, k, false)
}

pub(crate) fn m_rpartition(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    partition(vm, this, "rpartition", a, k, true)
}

pub(crate) fn m_replace(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [old, new, count] = parse::<3>(vm, "replace", Sig::Clinic(2, 3), a, k)?;
    let old = old.unwrap_or_else(none::none);
    let new = new.unwrap_or_else(none::none);
    let old = buffer_arg(vm, &old)?;
    let new = buffer_arg(vm, &new)?;
    let count = match &count {
        Some(c) => index_arg(vm, c)?,
        None => -1,
    };
    let mut left = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let d = data(this);
    // The result's size first (CPython's "too long" past an index), then the bytes.
    let count = if old.is_empty() {
        d.len().saturating_add(1).min(left)
    } else {
        let mut count = 0;
        let mut pos = 0;
        while count < left {
            let Some(p) = find_in(&d, &old, pos, d.len()) else {
                break;
            };
            pos = p + old.len();
            count += 1;
        }
        count
    };
    let size = count
        .checked_mul(new.len())
        .and_then(|added| (d.len() - count * old.len()).checked_add(added))
        .filter(|n| *n <= isize::MAX as usize)
        .ok_or_else(|| vm.overflow_error("replace bytes is too long"))?;
    crate::objects::bytes_methods::check_result_size(vm, !is_bytearray(this), size)?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, size)?;
    if old.is_empty() {
        // Insert `new` before every byte and at the end.
        for &c in d.iter() {
            if left > 0 {
                out.extend_from_slice(&new);
                left -= 1;
            }
            out.push(c);
        }
        if left > 0 {
            out.extend_from_slice(&new);
        }
        return new_like(vm, this, &out);
    }
    let mut pos = 0;
    while left > 0 {
        let Some(p) = find_in(&d, &old, pos, d.len()) else {
            break;
        };
        out.extend_from_slice(&d[pos..p]);
        out.extend_from_slice(&new);
        pos = p + old.len();
        left -= 1;
    }
    out.extend_from_slice(&d[pos..]);
    new_like(vm, this, &out)
}

pub(crate) fn m_splitlines(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["keepends"],
        required: 0,
        posonly: 0,
    };
    let [keepends] = parse::<1>(vm, "splitlines", sig, a, k)?;
    let keep = match &keepends {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let d = data(this);
    let mut parts = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < d.len() {
        let eol = match d[i] {
            b'\n' => 1,
            b'\r' if d.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = if keep { i + eol } else { i };
        parts.push(&d[start..end]);
        i += eol;
        start = i;
    }
    if start < d.len() {
        parts.push(&d[start..]);
    }
    list_like(vm, this, parts)
}

fn remove_affix(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    a: &[ObjRef],
    k: Option<&ObjRef>,
    suffix: bool,
) -> PyResult<ObjRef> {
    let [affix] = parse::<1>(vm, &format!("{}.{name}", kind(this)), Sig::One, a, k)?;
    let affix = affix.unwrap_or_else(none::none);
    let affix = buffer_arg(vm, &affix)?;
    let d = data(this);
    let out = if suffix && d.ends_with(&affix) {
        &d[..d.len() - affix.len()]
    } else if !suffix && d.starts_with(&affix) {
        &d[affix.len()..]
    } else {
        &d[..]
    };
    new_like(vm, this, out)
}

pub(crate) fn m_removeprefix(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    remove_affix(vm, this, "removeprefix", a, k, false)
}

pub(crate) fn m_removesuffix(
    vm: &Vm,
    this: &ObjRef,
    a: &[ObjRef],
    k: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    remove_affix(vm, this, "removesuffix", a, k, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_helpers() {
        assert_eq!(find_in(b"abcabc", b"bc", 0, 6), Some(1));
        assert_eq!(find_in(b"abcabc", b"bc", 2, 6), Some(4));
        assert_eq!(rfind_in(b"abcabc", b"bc", 0, 6), Some(4));
        assert_eq!(find_in(b"abc", b"", 3, 3), Some(3));
        assert_eq!(find_in(b"abc", b"", 4, 3), None);
        assert_eq!(count_in(b"aaaa", b"aa", 0, 4), 2);
        assert_eq!(count_in(b"abc", b"", 0, 3), 4);
        assert_eq!(adjust(5, Some(-2), None), (3, 5));
        assert_eq!(adjust(5, Some(7), Some(-9)), (7, 0));
        assert_eq!(
            split_whitespace(b"  a  b  ", 1),
            vec![&b"a"[..], &b"b  "[..]]
        );
        assert_eq!(
            rsplit_whitespace(b"  a  b  ", 1),
            vec![&b"  a"[..], &b"b"[..]]
        );
    }
}
