//! The methods of `re.Pattern` that walk every match: `findall`, `split`, `sub` and `subn`.
//! After an empty match the next attempt must advance (CPython's `must_advance`), so an empty
//! match is never found twice at one position.

use super::matchobj::new_match;
use super::pattern::{pat, string_pos_endpos, PatternObject};
use super::subject::{self, find, input, Found, How, Input};
use crate::object::ObjRef;
use crate::objects::{bytes, bytes_methods, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// Iterates the matches of `p` over `inp[span]`, calling `each` with every one (stops early
/// when `each` returns `false`).
fn for_each_match(
    vm: &Vm,
    p: &PatternObject,
    inp: &Input,
    span: (usize, usize),
    mut each: impl FnMut(&Found) -> PyResult<bool>,
) -> PyResult<()> {
    let (mut start, end) = span;
    let mut must_advance = false;
    while start <= end {
        let Some(f) = find(
            vm,
            &inp.data,
            &p.code,
            p.groups,
            (start, end),
            How::Search,
            must_advance,
        )?
        else {
            break;
        };
        if !each(&f)? {
            break;
        }
        must_advance = f.end == f.start;
        start = f.end;
    }
    Ok(())
}

/// Group `g` (1-based) of a found match, `default` when it did not take part.
fn group_or(
    vm: &Vm,
    inp: &Input,
    f: &Found,
    g: usize,
    default: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (a, b) = (f.marks[2 * (g - 1)], f.marks[2 * (g - 1) + 1]);
    if a < 0 || b < 0 {
        return match default {
            Some(d) => Ok(d.clone()),
            None => subject::slice(vm, inp, 0, 0),
        };
    }
    subject::slice(vm, inp, a as usize, b as usize)
}

/// `Pattern.findall(string, pos=0, endpos=sys.maxsize)`.
pub fn p_findall(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let (string, pos, endpos) = string_pos_endpos(vm, "findall", args, kw)?;
    let inp = input(vm, &string, p.is_bytes)?;
    let span = subject::bounds(inp.data.len(), pos, endpos);
    let mut items = Vec::new();
    for_each_match(vm, p, &inp, span, |f| {
        let item = match p.groups {
            0 => subject::slice(vm, &inp, f.start, f.end)?,
            1 => group_or(vm, &inp, f, 1, None)?,
            n => {
                let parts = (1..=n)
                    .map(|g| group_or(vm, &inp, f, g, None))
                    .collect::<PyResult<Vec<_>>>()?;
                tuple::new_tuple(vm, parts)?
            }
        };
        items.push(item);
        Ok(true)
    })?;
    list::new_list(vm, items)
}

/// `Pattern.split(string, maxsplit=0)`.
pub fn p_split(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let [string, maxsplit] = parse::<2>(
        vm,
        "split",
        Sig::Kw {
            names: &["string", "maxsplit"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let string = string.unwrap_or_else(none::none);
    let maxsplit = maxsplit.map_or(Ok(0), |m| index_arg(vm, &m))?;
    let inp = input(vm, &string, p.is_bytes)?;
    let span = (0, inp.data.len());
    let mut items = Vec::new();
    let mut last = 0;
    let mut n = 0;
    for_each_match(vm, p, &inp, span, |f| {
        if maxsplit != 0 && n >= maxsplit {
            return Ok(false);
        }
        items.push(subject::slice(vm, &inp, last, f.start)?);
        for g in 1..=p.groups {
            items.push(group_or(vm, &inp, f, g, Some(&none::none()))?);
        }
        n += 1;
        last = f.end;
        Ok(true)
    })?;
    items.push(subject::slice(vm, &inp, last, span.1)?);
    list::new_list(vm, items)
}

/// What replaces each match in `sub`.
enum Filter {
    Call(ObjRef),
    Literal(ObjRef),
}

fn has_backslash(obj: &ObjRef) -> Option<bool> {
    if let Some(s) = pystr::as_text(obj) {
        return Some(s.as_bytes().contains(&b'\\'));
    }
    bytes_methods::buffer(obj).map(|b| b.contains(&b'\\'))
}

/// Calls `re.NAME(args...)` (the Python side of templates).
pub fn call_re(vm: &Vm, name: &str, args: &[ObjRef]) -> PyResult<ObjRef> {
    let re = crate::vm::import::import_dotted(vm, "re")?;
    let f = ops::getattr(vm, &re, name)?;
    ops::call(vm, &f, args, None)
}

/// Joins the pieces of a `sub` result into one str or bytes, with `join`'s errors.
fn join(vm: &Vm, inp: &Input, pieces: Vec<ObjRef>) -> PyResult<ObjRef> {
    if pieces.len() == 1 {
        let exact = if inp.is_bytes {
            std::ptr::eq(pieces[0].ob_type(), &bytes::BYTES_TYPE)
        } else {
            std::ptr::eq(pieces[0].ob_type(), &pystr::STR_TYPE)
        };
        if exact {
            return Ok(pieces[0].clone());
        }
    }
    if inp.is_bytes {
        let mut out = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            match bytes_methods::buffer(piece) {
                Some(b) => out.extend_from_slice(&b),
                None => {
                    return Err(vm.type_error(&format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        piece.ob_type().name()
                    )))
                }
            }
        }
        return bytes::new_bytes(vm, &out);
    }
    let mut out = crate::objects::wtf8::Wtf8Buf::new();
    for (i, piece) in pieces.iter().enumerate() {
        match pystr::as_text(piece) {
            Some(s) => out.push_wtf8(s),
            None => {
                return Err(vm.type_error(&format!(
                    "sequence item {i}: expected str instance, {} found",
                    piece.ob_type().name()
                )))
            }
        }
    }
    pystr::new_str_wtf8_vm(vm, out.as_wtf8())
}

fn subx(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ObjRef, i64)> {
    let p = pat(vm, this)?;
    let [repl, string, count] = parse::<3>(
        vm,
        name,
        Sig::Kw {
            names: &["repl", "string", "count"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let repl = repl.unwrap_or_else(none::none);
    let string = string.unwrap_or_else(none::none);
    let count = count.map_or(Ok(0), |c| index_arg(vm, &c))?;
    let filter = if ops::is_callable(vm, &repl)? {
        Filter::Call(repl)
    } else if has_backslash(&repl) == Some(false) {
        Filter::Literal(repl)
    } else {
        let f = call_re(vm, "_subx", &[this.clone(), repl])?;
        if ops::is_callable(vm, &f)? {
            Filter::Call(f)
        } else {
            Filter::Literal(f)
        }
    };
    let inp = input(vm, &string, p.is_bytes)?;
    let span = (0, inp.data.len());
    let mut pieces = Vec::new();
    let mut i = 0;
    let mut n = 0;
    for_each_match(vm, p, &inp, span, |f| {
        if count != 0 && n >= count {
            return Ok(false);
        }
        if i < f.start {
            pieces.push(subject::slice(vm, &inp, i, f.start)?);
        }
        let item = match &filter {
            Filter::Call(func) => {
                let m = new_match(vm, this, &inp, f, span)?;
                ops::call(vm, func, &[m], None)?
            }
            Filter::Literal(s) => s.clone(),
        };
        if !none::is_none(&item) {
            pieces.push(item);
        }
        i = f.end;
        n += 1;
        Ok(true)
    })?;
    if i < span.1 {
        pieces.push(subject::slice(vm, &inp, i, span.1)?);
    }
    Ok((join(vm, &inp, pieces)?, n))
}

/// `Pattern.sub(repl, string, count=0)`.
pub fn p_sub(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(subx(vm, this, "sub", args, kw)?.0)
}

/// `Pattern.subn(repl, string, count=0)`.
pub fn p_subn(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (s, n) = subx(vm, this, "subn", args, kw)?;
    let n = int::new_int(vm, n)?;
    tuple::new_tuple(vm, vec![s, n])
}
