//! str operations on text holding lone surrogates (see `objects::wtf8`).
//!
//! Indexing, slicing, iteration, concatenation, comparison and hashing work on the stored
//! generalized UTF-8 directly (`objects::str`, this file's [`getitem`]). The other str methods
//! are written for UTF-8 text; when a call involves a str holding a surrogate, [`dispatch`]
//! runs the method on substituted text instead: each surrogate U+D800+k becomes U+B+k, where
//! the block B of 0x800 private-use code points (planes 15 and 16) is one that none of the
//! strings of the call contains, and every code point of B in the result maps back to its
//! surrogate. Private-use and surrogate code points behave alike for every such method (not
//! alphanumeric, space or printable; no case mappings), and the substitution keeps lengths in
//! code points, so results (indexes included) are exact. Order-dependent operations are not
//! done this way.

use crate::object::ObjRef;
use crate::objects::str::{as_str, as_text, has_surrogates, is_str, new_str_wtf8_vm};
use crate::objects::wtf8::{is_surrogate, Wtf8, Wtf8Buf};
use crate::objects::{list, tuple};
use crate::vm::{PyResult, Vm};

/// The signature of a str method.
pub type MethodFn = fn(&Vm, &ObjRef, &[ObjRef], Option<&ObjRef>) -> PyResult<ObjRef>;

/// The first code point of the private-use planes the substitution blocks come from.
const PUA_START: u32 = 0xf0000;
/// The size of a block: one code point per surrogate.
const BLOCK: u32 = 0x800;
/// The number of blocks in planes 15 and 16.
const BLOCKS: u32 = 0x20000 / BLOCK;

/// Whether block `k` may be used: the last block of each plane holds its two noncharacters,
/// which are not private-use code points, so those blocks are skipped.
fn usable(k: u32) -> bool {
    k != BLOCKS / 2 - 1 && k != BLOCKS - 1
}

/// The first code point of a block no text in `texts` uses, or `None` when all are used.
fn choose_block<'a>(texts: impl IntoIterator<Item = Wtf8<'a>>) -> Option<u32> {
    let mut used = 0u64;
    for t in texts {
        for cp in t.code_points().filter(|&c| c >= PUA_START) {
            used |= 1 << ((cp - PUA_START) / BLOCK);
        }
    }
    (0..BLOCKS)
        .find(|&k| usable(k) && used & (1 << k) == 0)
        .map(|k| PUA_START + k * BLOCK)
}

/// The text with each surrogate moved into the block at `base`.
fn substitute(w: Wtf8<'_>, base: u32) -> String {
    w.code_points()
        .map(|c| {
            let c = if is_surrogate(c) {
                base + (c - 0xd800)
            } else {
                c
            };
            char::from_u32(c).unwrap_or('\u{fffd}')
        })
        .collect()
}

/// The text with each code point of the block at `base` back to its surrogate.
fn restore(s: &str, base: u32) -> Wtf8Buf {
    let mut out = Wtf8Buf::with_capacity(s.len());
    for c in s.chars() {
        let v = c as u32;
        if (base..base + BLOCK).contains(&v) {
            out.push_code_point(0xd800 + (v - base));
        } else {
            out.push(c);
        }
    }
    out
}

/// The strs an argument holds (itself, or the items of a tuple).
fn strs_of(obj: &ObjRef) -> Vec<ObjRef> {
    if is_str(obj) {
        return vec![obj.clone()];
    }
    match tuple::items(obj) {
        Some(items) => items.iter().filter(|i| is_str(i)).cloned().collect(),
        None => Vec::new(),
    }
}

/// Whether a str method call involves a str holding a surrogate.
fn involves_surrogates(this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> bool {
    let arg_has = |a: &ObjRef| {
        has_surrogates(a) || tuple::items(a).is_some_and(|items| items.iter().any(has_surrogates))
    };
    // Keyword values come after the positional ones in `args`; `kw` holds their names.
    let _ = kw;
    has_surrogates(this) || args.iter().any(arg_has)
}

/// The substituted copy of an argument (a str or a tuple holding strs), or the argument.
fn substitute_arg(vm: &Vm, obj: &ObjRef, base: u32) -> PyResult<ObjRef> {
    if let Some(w) = as_text(obj).filter(|_| has_surrogates(obj)) {
        return crate::objects::str::new_str_vm(vm, &substitute(w, base));
    }
    if let Some(items) = tuple::items(obj) {
        if items.iter().any(has_surrogates) {
            let items = items
                .iter()
                .map(|i| substitute_arg(vm, i, base))
                .collect::<PyResult<Vec<_>>>()?;
            return tuple::new_tuple(vm, items);
        }
    }
    Ok(obj.clone())
}

/// A method result with the block at `base` mapped back (strs, and the strs of a list or
/// tuple; anything else as it is).
fn restore_result(vm: &Vm, obj: ObjRef, base: u32) -> PyResult<ObjRef> {
    let in_block = |s: &str| {
        s.chars()
            .any(|c| (base..base + BLOCK).contains(&(c as u32)))
    };
    if let Some(s) = as_str(&obj) {
        if in_block(s) {
            return new_str_wtf8_vm(vm, restore(s, base).as_wtf8());
        }
        return Ok(obj);
    }
    if let Some(items) = tuple::items(&obj) {
        if items.iter().any(|i| as_str(i).is_some_and(in_block)) {
            let items = items
                .iter()
                .map(|i| restore_result(vm, i.clone(), base))
                .collect::<PyResult<Vec<_>>>()?;
            return tuple::new_tuple(vm, items);
        }
        return Ok(obj);
    }
    if let Some(v) = list::storage(&obj) {
        for i in 0..v.len() {
            if let Some(item) = v.get(i) {
                if as_str(&item).is_some_and(in_block) {
                    // The list is the method's fresh result; the old item is dropped.
                    let _ = v.set(i, restore_result(vm, item, base)?);
                }
            }
        }
    }
    Ok(obj)
}

/// Runs the str method `f`, through the substitution when the call involves a surrogate.
pub fn dispatch(
    vm: &Vm,
    f: MethodFn,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if !involves_surrogates(this, args, kw) {
        return f(vm, this, args, kw);
    }
    let mut strs = strs_of(this);
    strs.extend(args.iter().flat_map(strs_of));
    let Some(base) = choose_block(strs.iter().filter_map(as_text)) else {
        return Err(vm.value_error(
            "cannot apply this str method to text holding lone surrogates together with \
             code points of every private-use block",
        ));
    };
    let this2 = substitute_arg(vm, this, base)?;
    let args2 = args
        .iter()
        .map(|a| substitute_arg(vm, a, base))
        .collect::<PyResult<Vec<_>>>()?;
    let r = f(vm, &this2, &args2, kw)?;
    restore_result(vm, r, base)
}

/// `s.translate(table)` when `s` holds a lone surrogate: by code point (a table keyed by a
/// surrogate's code point applies to it); otherwise as `str_methods::str_translate`.
pub fn translate(
    vm: &Vm,
    f: MethodFn,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match (args, kw) {
        ([table], None) if has_surrogates(this) => translate_text(vm, this, table),
        _ => f(vm, this, args, kw),
    }
}

/// Translates any str's text through `table`, by code point.
pub fn translate_text(vm: &Vm, this: &ObjRef, table: &ObjRef) -> PyResult<ObjRef> {
    use crate::objects::{exceptions, int, none};
    let mut out = Wtf8Buf::new();
    for cp in as_text(this).unwrap_or_default().code_points() {
        let key = int::new_int(vm, cp as i64)?;
        let mapped = match crate::vm::ops::getitem(vm, table, &key) {
            Ok(m) => m,
            Err(e) if e.matches(&exceptions::LOOKUP_ERROR) => {
                out.push_code_point(cp);
                continue;
            }
            Err(e) => return Err(e),
        };
        if none::is_none(&mapped) {
            continue;
        }
        if let Some(w) = as_text(&mapped) {
            out.push_wtf8(w);
        } else if int::is_int(&mapped) {
            let v = int::as_i64(&mapped)
                .filter(|v| (0..=0x10ffff).contains(v))
                .ok_or_else(|| vm.value_error("character mapping must be in range(0x110000)"))?;
            out.push_code_point(v as u32);
        } else {
            return Err(vm.type_error("character mapping must return integer, None or str"));
        }
    }
    new_str_wtf8_vm(vm, out.as_wtf8())
}

/// Runs a method that handles any str itself.
pub fn direct(
    vm: &Vm,
    f: MethodFn,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    f(vm, this, args, kw)
}

/// `s.join(iterable)` when the separator or an item holds a surrogate: every item must be a
/// str; otherwise as `str_methods::str_join`.
pub fn join(
    vm: &Vm,
    f: MethodFn,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    if args.len() != 1 || kw.is_some() {
        return f(vm, this, args, kw);
    }
    let iterable = &args[0];
    if list::storage(iterable).is_none() && tuple::items(iterable).is_none() {
        if iterable.ob_type().slots.iter.is_none() {
            return f(vm, this, args, kw);
        }
        // Iterate once; the list is joined below or by `f`.
        let items = crate::vm::ops::collect_iterable(vm, iterable)?;
        let l = list::new_list(vm, items)?;
        return join(vm, f, this, &[l], kw);
    }
    let items: Vec<ObjRef> = match tuple::items(iterable) {
        Some(items) => items.to_vec(),
        None => list::storage(iterable)
            .map(|v| (0..v.len()).filter_map(|i| v.get(i)).collect())
            .unwrap_or_default(),
    };
    if !has_surrogates(this) && !items.iter().any(has_surrogates) {
        return f(vm, this, args, kw);
    }
    let sep = as_text(this).unwrap_or_default();
    let mut out = Wtf8Buf::new();
    for (i, item) in items.iter().enumerate() {
        let Some(w) = as_text(item) else {
            return Err(vm.type_error(&format!(
                "sequence item {i}: expected str instance, {} found",
                item.ob_type().name()
            )));
        };
        if i > 0 {
            out.push_wtf8(sep);
        }
        out.push_wtf8(w);
    }
    new_str_wtf8_vm(vm, out.as_wtf8())
}

/// The substitution state of one formatting operation (`%`, `str.format`): the blocks the
/// texts seen so far use, and the block chosen once a text holding a surrogate is met.
#[derive(Clone, Copy, Default)]
struct Session {
    used: u64,
    base: Option<u32>,
}

thread_local! {
    /// The formatting operations in progress, innermost last (a `__format__` or `__str__`
    /// may format in turn). Plain data, no Python objects.
    static SESSIONS: std::cell::RefCell<Vec<Session>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The blocks a text uses.
fn blocks_of(s: &str) -> u64 {
    // Planes 15 and 16 start with the UTF-8 lead bytes F3 B0.. and F4.
    if !s.as_bytes().iter().any(|&b| b >= 0xf3) {
        return 0;
    }
    s.chars()
        .map(|c| c as u32)
        .filter(|&c| c >= PUA_START)
        .fold(0, |m, c| m | 1 << ((c - PUA_START) / BLOCK))
}

/// Runs a formatting operation whose pieces come from [`session_text`]: the result is built
/// as UTF-8 with any surrogate substituted, and mapped back here.
pub fn format_session(vm: &Vm, f: impl FnOnce() -> PyResult<String>) -> PyResult<ObjRef> {
    // A nested operation starts from its parent's state, so text substituted by the parent
    // (a fill character of a format spec) maps back with the same block.
    SESSIONS.with(|s| {
        let mut s = s.borrow_mut();
        let parent = s.last().copied().unwrap_or_default();
        s.push(parent);
    });
    let r = f();
    let session = SESSIONS.with(|s| s.borrow_mut().pop()).unwrap_or_default();
    let text = r?;
    match session.base {
        Some(base) => new_str_wtf8_vm(vm, restore(&text, base).as_wtf8()),
        None => crate::objects::str::new_str_vm(vm, &text),
    }
}

fn collision(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error(
        "cannot format text holding lone surrogates together with code points of every \
         private-use block",
    )
}

/// The text of a str piece of the current formatting operation: UTF-8 text as it is, text
/// holding surrogates substituted (outside a formatting operation, CPython's "surrogates not
/// allowed" error). Objects that are not strs give no text.
pub fn session_text<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    if let Some(s) = as_str(obj) {
        let used = blocks_of(s);
        if used != 0 {
            SESSIONS.with(|ss| -> PyResult<()> {
                if let Some(top) = ss.borrow_mut().last_mut() {
                    if top
                        .base
                        .is_some_and(|b| used & 1 << ((b - PUA_START) / BLOCK) != 0)
                    {
                        return Err(collision(vm));
                    }
                    top.used |= used;
                }
                Ok(())
            })?;
        }
        return Ok(Cow::Borrowed(s));
    }
    let Some(w) = as_text(obj) else {
        return Ok(Cow::Borrowed(""));
    };
    let base = SESSIONS.with(|ss| {
        let mut ss = ss.borrow_mut();
        let top = ss.last_mut()?;
        if top.base.is_none() {
            let mut used = top.used;
            for cp in w.code_points().filter(|&c| c >= PUA_START) {
                used |= 1 << ((cp - PUA_START) / BLOCK);
            }
            top.base = (0..BLOCKS)
                .find(|&k| usable(k) && used & (1 << k) == 0)
                .map(|k| PUA_START + k * BLOCK);
        }
        Some(top.base)
    });
    match base {
        None => Err(crate::objects::str::surrogates_not_allowed(vm, "utf-8", w)),
        Some(None) => Err(collision(vm)),
        Some(Some(b)) => {
            if w.code_points().any(|c| (b..b + BLOCK).contains(&c)) {
                return Err(collision(vm));
            }
            Ok(Cow::Owned(substitute(w, b)))
        }
    }
}

/// `s[key]` for a str holding a surrogate: by code point over its generalized UTF-8.
pub fn getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let w = as_text(obj).unwrap_or_default();
    let cps: Vec<u32> = w.code_points().collect();
    let len = cps.len();
    let converted = if crate::objects::int::is_int(key) {
        None
    } else {
        crate::vm::ops::index(vm, key)?
    };
    let key = converted.as_ref().unwrap_or(key);
    if let Some(i) = crate::objects::int::as_i64(key) {
        let idx = if i < 0 { i + len as i64 } else { i };
        if idx < 0 || idx >= len as i64 {
            return Err(vm.index_error("string index out of range"));
        }
        return crate::objects::str::new_str_from_code_points(vm, [cps[idx as usize]]);
    }
    if let Some(ob) = crate::vm::ops::slice_indices(vm, key, len)? {
        return crate::objects::str::new_str_from_code_points(vm, ob.iter().map(|i| cps[i]));
    }
    if crate::objects::int::is_int(key) {
        return Err(vm.new_error(
            &crate::objects::exceptions::INDEX_ERROR,
            "cannot fit 'int' into an index-sized integer",
        ));
    }
    Err(vm.type_error(&format!(
        "string indices must be integers, not '{}'",
        key.ob_type().name()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_avoid_used_code_points() {
        let mut b = Wtf8Buf::new();
        b.push_code_point(0xd800);
        b.push_code_point(PUA_START + 5);
        let base = choose_block([b.as_wtf8()]).unwrap();
        assert_eq!(base, PUA_START + BLOCK);
        let s = substitute(b.as_wtf8(), base);
        assert_eq!(restore(&s, base), b);
    }

    #[test]
    fn noncharacter_blocks_are_skipped() {
        assert!(!usable(BLOCKS / 2 - 1));
        assert!(!usable(BLOCKS - 1));
        assert!(usable(0));
    }
}
