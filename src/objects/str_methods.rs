//! `str` methods that transform or classify: case mappings, the `is*` predicates, padding,
//! stripping, `zfill`, `expandtabs`, `join`, `translate` and `maketrans`.

use crate::object::ObjRef;
use crate::objects::str::{as_str, as_text, char_len, new_str_vm};
use crate::objects::{boolobj, dict, exceptions, int, none, unicode};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::storage::{string_with_capacity, Grow};
use crate::vm::{ops, PyResult, Vm};

fn text(this: &ObjRef) -> &str {
    as_str(this).unwrap_or("")
}

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    parse::<0>(vm, name, Sig::NoArgs, args, kw).map(|_| ())
}

macro_rules! case_method {
    ($fn:ident, $name:literal, |$s:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            no_args(vm, $name, args, kw)?;
            let $s = text(this);
            let out: String = $body;
            new_str_vm(vm, &out)
        }
    };
}

/// `lower()` with the final sigma rule.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        unicode::push_lower_at(&mut out, &chars, i);
    }
    out
}

case_method!(str_lower, "str.lower", |s| lower(s));
case_method!(str_upper, "str.upper", |s| s.to_uppercase());
case_method!(str_casefold, "str.casefold", |s| {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        unicode::push_casefold(&mut out, c);
    }
    out
});
case_method!(str_swapcase, "str.swapcase", |s| {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if unicode::is_upper(c) {
            unicode::push_lower_at(&mut out, &chars, i);
        } else if unicode::is_lower(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
});
case_method!(str_capitalize, "str.capitalize", |s| {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            unicode::push_title(&mut out, chars[0]);
        } else {
            unicode::push_lower_at(&mut out, &chars, i);
        }
    }
    out
});
case_method!(str_title, "str.title", |s| {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_cased {
            unicode::push_lower_at(&mut out, &chars, i);
        } else {
            unicode::push_title(&mut out, c);
        }
        previous_cased = unicode::is_cased(c);
    }
    out
});

macro_rules! predicate {
    ($fn:ident, $name:literal, |$s:ident| $body:expr) => {
        pub(crate) fn $fn(
            vm: &Vm,
            this: &ObjRef,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            no_args(vm, $name, args, kw)?;
            let $s = text(this);
            let r: bool = $body;
            Ok(boolobj::new_bool(r))
        }
    };
}

fn all_nonempty(s: &str, f: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

predicate!(str_isalpha, "str.isalpha", |s| all_nonempty(
    s,
    unicode::is_alpha
));
predicate!(str_isalnum, "str.isalnum", |s| all_nonempty(
    s,
    unicode::is_alnum
));
predicate!(str_isdecimal, "str.isdecimal", |s| all_nonempty(
    s,
    unicode::is_decimal
));
predicate!(str_isdigit, "str.isdigit", |s| all_nonempty(
    s,
    unicode::is_digit
));
predicate!(str_isnumeric, "str.isnumeric", |s| all_nonempty(
    s,
    unicode::is_numeric
));
predicate!(str_isspace, "str.isspace", |s| all_nonempty(
    s,
    unicode::is_space
));
predicate!(str_isascii, "str.isascii", |s| s.is_ascii());
predicate!(str_isprintable, "str.isprintable", |s| s
    .chars()
    .all(unicode::is_printable));
predicate!(str_isidentifier, "str.isidentifier", |s| is_identifier(s));
predicate!(str_islower, "str.islower", |s| {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            return Ok(boolobj::new_bool(false));
        }
        cased |= unicode::is_lower(c);
    }
    cased
});
predicate!(str_isupper, "str.isupper", |s| {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_lower(c) || unicode::is_title(c) {
            return Ok(boolobj::new_bool(false));
        }
        cased |= unicode::is_upper(c);
    }
    cased
});
predicate!(str_istitle, "str.istitle", |s| {
    let (mut cased, mut previous_cased) = (false, false);
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            if previous_cased {
                return Ok(boolobj::new_bool(false));
            }
            previous_cased = true;
            cased = true;
        } else if unicode::is_lower(c) {
            if !previous_cased {
                return Ok(boolobj::new_bool(false));
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
});

/// `s.isidentifier()`: XID_Start (or `_`) then XID_Continue.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(unicode::is_xid_start) && chars.all(unicode::is_xid_continue)
}

/// `(width[, fillchar])` of center/ljust/rjust: the padding needed and the fill character.
fn pad_args(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<Option<(usize, char)>> {
    let [width, fill] = parse::<2>(vm, name, Sig::Clinic(1, 2), args, kw)?;
    let width = index_arg(
        vm,
        width
            .as_ref()
            .ok_or_else(|| vm.type_error("missing width"))?,
    )?;
    let fill = match fill {
        None => ' ',
        Some(f) => {
            let s = as_str(&f).ok_or_else(|| {
                vm.type_error(&format!(
                    "The fill character must be a unicode character, not {}",
                    f.ob_type().name()
                ))
            })?;
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
    };
    let len = char_len(this) as i64;
    if width <= len {
        return Ok(None);
    }
    let pad = (width - len) as usize;
    let pad_bytes = vm.check_storage(pad, fill.len_utf8())?;
    vm.check_bytes(pad_bytes.saturating_add(text(this).len()))?;
    Ok(Some((pad, fill)))
}

fn padded(vm: &Vm, s: &str, left: usize, right: usize, fill: char) -> PyResult<ObjRef> {
    let pad = vm.check_storage(left.saturating_add(right), fill.len_utf8())?;
    let mut out = string_with_capacity(vm, pad.saturating_add(s.len()))?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    new_str_vm(vm, &out)
}

pub(crate) fn str_center(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let Some((pad, fill)) = pad_args(vm, "str.center", this, args, kw)? else {
        return Ok(this.clone());
    };
    // CPython: the extra column goes left when both the padding and the width are odd.
    let width = pad + char_len(this);
    let left = pad / 2 + (pad & width & 1);
    padded(vm, text(this), left, pad - left, fill)
}

pub(crate) fn str_ljust(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match pad_args(vm, "str.ljust", this, args, kw)? {
        Some((pad, fill)) => padded(vm, text(this), 0, pad, fill),
        None => Ok(this.clone()),
    }
}

pub(crate) fn str_rjust(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match pad_args(vm, "str.rjust", this, args, kw)? {
        Some((pad, fill)) => padded(vm, text(this), pad, 0, fill),
        None => Ok(this.clone()),
    }
}

pub(crate) fn str_zfill(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [width] = parse::<1>(vm, "str.zfill", Sig::One, args, kw)?;
    let width = index_arg(
        vm,
        width
            .as_ref()
            .ok_or_else(|| vm.type_error("missing width"))?,
    )?;
    let len = char_len(this) as i64;
    if width <= len {
        return Ok(this.clone());
    }
    let s = text(this);
    let pad = (width - len) as usize;
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), &s[1..]),
        _ => (None, s),
    };
    let mut out = string_with_capacity(vm, pad.saturating_add(s.len()))?;
    out.extend(sign);
    out.extend(std::iter::repeat_n('0', pad));
    out.push_str(rest);
    new_str_vm(vm, &out)
}

/// Which ends `strip` works on.
#[derive(Clone, Copy, PartialEq)]
enum Ends {
    Left,
    Right,
    Both,
}

fn strip_impl(
    vm: &Vm,
    name: &str,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    ends: Ends,
) -> PyResult<ObjRef> {
    let [chars] = parse::<1>(vm, name, Sig::Clinic(0, 1), args, kw)?;
    let s = text(this);
    let set: Option<&str> = match &chars {
        Some(c) if !none::is_none(c) => Some(as_str(c).ok_or_else(|| {
            vm.type_error(&format!(
                "{} arg must be None or str",
                name.trim_start_matches("str.")
            ))
        })?),
        _ => None,
    };
    let strip = |c: char| match set {
        Some(set) => set.contains(c),
        None => unicode::is_space(c),
    };
    let mut r = s;
    if ends != Ends::Right {
        r = r.trim_start_matches(strip);
    }
    if ends != Ends::Left {
        r = r.trim_end_matches(strip);
    }
    if r.len() == s.len() {
        return Ok(this.clone());
    }
    new_str_vm(vm, r)
}

pub(crate) fn str_strip(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip_impl(vm, "str.strip", this, args, kw, Ends::Both)
}

pub(crate) fn str_lstrip(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip_impl(vm, "str.lstrip", this, args, kw, Ends::Left)
}

pub(crate) fn str_rstrip(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    strip_impl(vm, "str.rstrip", this, args, kw, Ends::Right)
}

pub(crate) fn str_expandtabs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["tabsize"],
        required: 0,
        posonly: 0,
    };
    let [tabsize] = parse::<1>(vm, "str.expandtabs", sig, args, kw)?;
    let tabsize = match tabsize {
        Some(t) => c_int_arg(vm, &t)?,
        None => 8,
    };
    let s = text(this);
    // First the result's size (CPython's "result too long" past an index), then the text.
    let too_long = || vm.overflow_error("result too long");
    let mut size: usize = 0;
    expand_tabs(s, tabsize, |piece| {
        size = match piece {
            Ok(c) => size.checked_add(c.len_utf8()),
            Err(spaces) => size.checked_add(spaces),
        }
        .filter(|n| *n <= isize::MAX as usize)
        .ok_or_else(too_long)?;
        Ok(())
    })?;
    let mut out = string_with_capacity(vm, size)?;
    expand_tabs(s, tabsize, |piece| {
        match piece {
            Ok(c) => out.push(c),
            Err(spaces) => out.extend(std::iter::repeat_n(' ', spaces)),
        }
        Ok(())
    })?;
    new_str_vm(vm, &out)
}

/// Walks `s` for `expandtabs`, handing `f` each character kept (`Ok`) or the number of spaces
/// a tab becomes (`Err`).
fn expand_tabs(
    s: &str,
    tabsize: i32,
    mut f: impl FnMut(Result<char, usize>) -> PyResult<()>,
) -> PyResult<()> {
    let tabsize = i64::from(tabsize);
    let mut column: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - column % tabsize;
                    f(Err(n as usize))?;
                    column = column.saturating_add(n);
                }
            }
            '\n' | '\r' => {
                f(Ok(c))?;
                column = 0;
            }
            c => {
                f(Ok(c))?;
                column = column.saturating_add(1);
            }
        }
    }
    Ok(())
}

/// An argument CPython converts to a C `int`: `OverflowError` beyond 32 bits.
pub(crate) fn c_int_arg(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    let too_large = || vm.overflow_error("Python int too large to convert to C int");
    match index_arg(vm, obj) {
        Ok(v) => i32::try_from(v).map_err(|_| too_large()),
        Err(e) if e.matches(&exceptions::OVERFLOW_ERROR) => Err(too_large()),
        Err(e) => Err(e),
    }
}

pub(crate) fn str_join(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [iterable] = parse::<1>(vm, "str.join", Sig::One, args, kw)?;
    let iterable = iterable.ok_or_else(|| vm.type_error("missing argument"))?;
    if iterable.ob_type().slots.iter.is_none() {
        return Err(vm.type_error("can only join an iterable"));
    }
    let sep = text(this);
    let items = ops::collect_iterable(vm, &iterable)?;
    // The result's size first (CPython's "too long" past an index), then the text.
    let too_long = || vm.overflow_error("join() result is too long for a Python string");
    let mut size = sep
        .len()
        .checked_mul(items.len().saturating_sub(1))
        .ok_or_else(too_long)?;
    for (i, item) in items.iter().enumerate() {
        let Some(s) = as_str(item) else {
            return Err(vm.type_error(&format!(
                "sequence item {i}: expected str instance, {} found",
                item.ob_type().name()
            )));
        };
        size = size
            .checked_add(s.len())
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(too_long)?;
    }
    let mut out = string_with_capacity(vm, size)?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(as_str(item).unwrap_or(""));
    }
    new_str_vm(vm, &out)
}

pub(crate) fn str_translate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [table] = parse::<1>(vm, "str.translate", Sig::One, args, kw)?;
    let table = table.ok_or_else(|| vm.type_error("missing argument"))?;
    let mut out = String::new();
    for c in text(this).chars() {
        let key = int::new_int(vm, c as i64)?;
        let mapped = match ops::getitem(vm, &table, &key) {
            Ok(m) => m,
            Err(e) if e.matches(&exceptions::LOOKUP_ERROR) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if none::is_none(&mapped) {
            continue;
        }
        if crate::objects::str::has_surrogates(&mapped) {
            // The result will hold a lone surrogate: translate by code point instead.
            return crate::objects::str_surrogates::translate_text(vm, this, &table);
        }
        if let Some(s) = as_str(&mapped) {
            out.grow(vm, s.len())?;
            out.push_str(s);
        } else if int::is_int(&mapped) {
            let cp = int::as_i64(&mapped)
                .and_then(|v| u32::try_from(v).ok())
                .and_then(char::from_u32)
                .ok_or_else(|| vm.value_error("character mapping must be in range(0x110000)"))?;
            out.push(cp);
        } else {
            return Err(vm.type_error("character mapping must return integer, None or str"));
        }
    }
    new_str_vm(vm, &out)
}

/// `str.maketrans(x[, y[, z]])` (also reachable as `str.maketrans`, bound to the type).
pub(crate) fn str_maketrans(
    vm: &Vm,
    _this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [x, y, z] = parse::<3>(vm, "str.maketrans", Sig::Clinic(1, 3), args, kw)?;
    let x = x.ok_or_else(|| vm.type_error("missing argument"))?;
    let d = dict::new_dict_vm(vm)?;
    let Some(y) = y else {
        if dict::table(&x).is_none() {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in dict::items(&x) {
            let key = if let Some(s) = as_str(&k) {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => int::new_int(vm, c as i64)?,
                    _ => {
                        return Err(
                            vm.value_error("string keys in translate table must be of length 1")
                        )
                    }
                }
            } else if int::is_int(&k) {
                k
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            };
            dict::set_item(vm, &d, key, v)?;
        }
        return Ok(d);
    };
    // Code points, lone surrogates included.
    let (Some(xs), Some(ys)) = (as_text(&x), as_text(&y)) else {
        let bad = if as_text(&x).is_none() { &x } else { &y };
        let n = if as_text(&x).is_none() { 1 } else { 2 };
        return Err(vm.type_error(&format!(
            "maketrans() argument {n} must be str, not {}",
            bad.ob_type().name()
        )));
    };
    if xs.len() != ys.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in xs.code_points().zip(ys.code_points()) {
        dict::set_item(
            vm,
            &d,
            int::new_int(vm, a as i64)?,
            int::new_int(vm, b as i64)?,
        )?;
    }
    if let Some(z) = z {
        let zs = as_text(&z).ok_or_else(|| {
            vm.type_error(&format!(
                "maketrans() argument 3 must be str, not {}",
                z.ob_type().name()
            ))
        })?;
        for c in zs.code_points() {
            dict::set_item(vm, &d, int::new_int(vm, c as i64)?, none::none())?;
        }
    }
    Ok(d)
}
