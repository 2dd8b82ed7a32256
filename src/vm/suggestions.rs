//! "Did you mean" hints for `NameError` and `AttributeError`, as CPython 3.11's exception
//! display appends them (`NameError: name 'bluch' is not defined. Did you mean: 'blech'?`).
//!
//! The candidates are, for an `AttributeError`, `dir(e.obj)`; for a `NameError`, the local
//! variable names of the code of the innermost traceback entry's frame, then that frame's
//! globals, then its builtins (the first of the three that offers a match wins). The closest
//! candidate under a weighted edit distance wins: inserting, deleting or replacing a byte of the
//! UTF-8 text costs 2, replacing a letter by the same letter in the other case costs 1. A
//! candidate must be within `(len(name) + len(candidate) + 3) * 2 / 6` of the name (and closer
//! than the best so far); names longer than 40 bytes after dropping their common prefix and
//! suffix never match, and lists of 750 candidates or more are not searched at all.

use super::{ops, Vm};
use crate::object::ObjRef;
use crate::objects::{exceptions, none, str as pystr, traceback};

/// Cost of inserting, deleting or replacing one byte.
const MOVE_COST: usize = 2;
/// Cost of replacing an ASCII letter by itself in the other case.
const CASE_COST: usize = 1;
/// Names longer than this (in bytes, after the common prefix and suffix) are never compared.
const MAX_NAME_BYTES: usize = 40;
/// Candidate lists this long or longer are not searched.
const MAX_CANDIDATES: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The weighted edit distance between `a` and `b`, or any value above `max_cost` once it is
/// known to exceed `max_cost`.
pub fn distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_NAME_BYTES || b.len() > MAX_NAME_BYTES {
        return max_cost + 1;
    }
    // `short` indexes the row; the longer text is walked one byte per row.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if (long.len() - short.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // row[i]: the distance between short[..=i] and the part of `long` walked so far.
    let mut row: Vec<usize> = (1..=short.len()).map(|i| i * MOVE_COST).collect();
    let mut last = 0;
    for (j, &lc) in long.iter().enumerate() {
        // `diag`: the distance between short[..i] and long[..j] (the cell up-left).
        let mut diag = j * MOVE_COST;
        // `left`: the distance between short[..i] and long[..=j] (the cell to the left).
        let mut left = diag + MOVE_COST;
        let mut row_min = usize::MAX;
        for (i, &sc) in short.iter().enumerate() {
            let replace = diag + substitution_cost(lc, sc);
            let up = row[i];
            diag = up;
            let cell = (left.min(up) + MOVE_COST).min(replace);
            row[i] = cell;
            left = cell;
            row_min = row_min.min(cell);
        }
        if row_min > max_cost {
            return max_cost + 1;
        }
        last = left;
    }
    last
}

/// The candidate closest to `name` under the rules of the module docs, if any is close enough.
/// A candidate that is not a str (or a list that is too long) gives no suggestion.
pub fn best_match(name: &str, candidates: &[ObjRef]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<&str> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
        let text = pystr::as_str(item)?;
        if text == name {
            continue;
        }
        let max =
            ((name.len() + text.len() + 3) * MOVE_COST / 6).min(best_distance.saturating_sub(1));
        let d = distance(name.as_bytes(), text.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(text);
            best_distance = d;
        }
    }
    best.map(str::to_string)
}

/// The suggestion for an exception about to be displayed, or `None` (also when computing one
/// raised: the display carries on without it).
pub fn offer(vm: &Vm, exc: &ObjRef) -> Option<String> {
    if exc.is_instance(&exceptions::ATTRIBUTE_ERROR) {
        let name = exceptions::field(exc, exceptions::ATTRIBUTE_ERROR_FIELDS, "name")?;
        let obj = exceptions::field(exc, exceptions::ATTRIBUTE_ERROR_FIELDS, "obj")?;
        let name = exact_str(&name)?;
        let names = crate::modules::builtins::dir(vm, &obj).ok()?;
        let names = ops::collect_iterable(vm, &names).ok()?;
        return best_match(name, &names);
    }
    if exc.is_instance(&exceptions::NAME_ERROR) {
        let name = exceptions::field(exc, exceptions::NAME_ERROR_FIELDS, "name")?;
        let name = exact_str(&name)?.to_string();
        return name_error_suggestion(vm, exc, &name);
    }
    None
}

fn exact_str(obj: &ObjRef) -> Option<&str> {
    if std::ptr::eq(obj.ob_type(), &pystr::STR_TYPE) {
        pystr::as_str(obj)
    } else {
        None
    }
}

/// The frame of the innermost entry of the exception's traceback, then its local variable
/// names, globals and builtins in turn.
fn name_error_suggestion(vm: &Vm, exc: &ObjRef, name: &str) -> Option<String> {
    let mut tb = ops::getattr(vm, exc, "__traceback__").ok()?;
    tb.downcast::<traceback::TracebackObject>()?;
    loop {
        let next = ops::getattr(vm, &tb, "tb_next").ok()?;
        if none::is_none(&next) || next.downcast::<traceback::TracebackObject>().is_none() {
            break;
        }
        tb = next;
    }
    let frame = ops::getattr(vm, &tb, "tb_frame").ok()?;
    if none::is_none(&frame) {
        return None;
    }
    let code = ops::getattr(vm, &frame, "f_code").ok()?;
    let varnames = ops::getattr(vm, &code, "co_varnames").ok()?;
    let scopes = [
        varnames,
        ops::getattr(vm, &frame, "f_globals").ok()?,
        ops::getattr(vm, &frame, "f_builtins").ok()?,
    ];
    for scope in &scopes {
        let names = ops::collect_iterable(vm, scope).ok()?;
        if let Some(s) = best_match(name, &names) {
            return Some(s);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        distance(a.as_bytes(), b.as_bytes(), usize::MAX / 4)
    }

    #[test]
    fn weighted_distance() {
        assert_eq!(d("abc", "abc"), 0);
        assert_eq!(d("abc", "Abc"), CASE_COST);
        assert_eq!(d("abc", "abd"), MOVE_COST);
        assert_eq!(d("abc", "ab"), MOVE_COST);
        assert_eq!(d("", "abc"), 3 * MOVE_COST);
        assert_eq!(d("kitten", "sitting"), 3 * MOVE_COST);
        assert_eq!(d("blech", "bluch"), MOVE_COST);
        // A bound that is exceeded gives something above the bound.
        assert!(distance(b"abcdef", b"uvwxyz", 3) > 3);
        // Too long after the common parts are dropped.
        let long = "x".repeat(41);
        assert!(distance(long.as_bytes(), b"y", 10) > 10);
    }

    #[test]
    fn symmetric() {
        for (a, b) in [("flour", "floor"), ("ab", "bca"), ("Hello", "hallo!")] {
            assert_eq!(d(a, b), d(b, a));
        }
    }
}
