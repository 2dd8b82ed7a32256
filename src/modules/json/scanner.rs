//! `_json.make_scanner`, the scanner type (`_json.Scanner`): built from a decoder (its
//! `strict`, `object_hook`, `object_pairs_hook`, `parse_float`, `parse_int` and
//! `parse_constant`), called as `scanner(string, idx) -> (value, end)`.
//!
//! Parsing follows CPython's C scanner: numbers are converted here while `parse_int` is `int`
//! and `parse_float` is `float` (else the hook gets the number's text), `NaN`, `Infinity` and
//! `-Infinity` go to `parse_constant`, object keys are shared through a memo dict for the
//! length of one call, and each nested container counts against the recursion limit.

use super::text::{not_a_string, scan_string, text_of, Text, Units};
use super::{raise, Fail};
use crate::object::{
    new_object, GetSetDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::float::FLOAT_TYPE;
use crate::objects::int::INT_TYPE;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, dict, float, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a scanner: the decoder's settings.
pub struct Scanner {
    strict: bool,
    object_hook: ObjCell,
    object_pairs_hook: ObjCell,
    parse_float: ObjCell,
    parse_int: ObjCell,
    parse_constant: ObjCell,
}

impl Scanner {
    fn cells(&self) -> [&ObjCell; 5] {
        [
            &self.object_hook,
            &self.object_pairs_hook,
            &self.parse_float,
            &self.parse_int,
            &self.parse_constant,
        ]
    }
}

impl PyPayload for Scanner {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.cells()
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (the five hooks), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for Scanner {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in self.cells() {
            c.traverse(visit);
        }
    }
}

static SCANNER_VTABLE: PayloadVTable = PayloadVTable::of::<Scanner>();

fn scanner_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [ctx] = parse::<1>(
        vm,
        "make_scanner",
        Sig::Kw {
            names: &["context"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let ctx = ctx.ok_or_else(|| vm.type_error("make_scanner() missing argument 'context'"))?;
    let strict = ops::truthy(vm, &ops::getattr(vm, &ctx, "strict")?)?;
    let get =
        |name: &str| -> PyResult<ObjCell> { Ok(ObjCell::new(Some(ops::getattr(vm, &ctx, name)?))) };
    let payload = Scanner {
        strict,
        object_hook: get("object_hook")?,
        object_pairs_hook: get("object_pairs_hook")?,
        parse_float: get("parse_float")?,
        parse_int: get("parse_int")?,
        parse_constant: get("parse_constant")?,
    };
    new_object(ty, payload).or_mem(vm)
}

/// One call's view of the scanner's settings.
struct Parser<'a, U: Units + ?Sized> {
    vm: &'a Vm,
    u: &'a U,
    strict: bool,
    /// `None` when it is None.
    object_hook: Option<ObjRef>,
    object_pairs_hook: Option<ObjRef>,
    /// `None` when it is `float` itself (converted here).
    parse_float: Option<ObjRef>,
    /// `None` when it is `int` itself.
    parse_int: Option<ObjRef>,
    parse_constant: ObjRef,
    memo: ObjRef,
    buf: Vec<u8>,
}

fn is_ws(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0d)
}

fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

impl<U: Units + ?Sized> Parser<'_, U> {
    fn len(&self) -> usize {
        self.u.count()
    }

    /// Whether the code point at `i` exists and is `c`.
    fn is(&self, i: usize, c: u8) -> bool {
        i < self.len() && self.u.at(i) == u32::from(c)
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.len() && is_ws(self.u.at(i)) {
            i += 1;
        }
        i
    }

    /// Whether the ASCII `word` is at `i` (entirely within the text).
    fn word_at(&self, i: usize, word: &str) -> bool {
        i + word.len() <= self.len()
            && word
                .bytes()
                .enumerate()
                .all(|(k, b)| self.u.at(i + k) == u32::from(b))
    }

    /// The str object of the string whose opening quote is at `idx - 1`.
    fn string(&mut self, idx: usize) -> Result<(ObjRef, usize), Fail> {
        self.buf.clear();
        let mut buf = std::mem::take(&mut self.buf);
        let r = scan_string(self.vm, self.u, idx, self.strict, &mut buf);
        let made = r.and_then(|next| Ok((super::text::str_from(self.vm, &buf)?, next)));
        self.buf = buf;
        made
    }

    /// One JSON value at `idx`.
    fn value(&mut self, idx: usize) -> Result<(ObjRef, usize), Fail> {
        if idx >= self.len() {
            return Err(Fail::Stop(idx));
        }
        let c = self.u.at(idx);
        match char::from_u32(c) {
            Some('"') => return self.string(idx + 1),
            Some('{') => {
                let _depth = self
                    .vm
                    .enter_native_for("while decoding a JSON object from a unicode string")?;
                return self.object(idx + 1);
            }
            Some('[') => {
                let _depth = self
                    .vm
                    .enter_native_for("while decoding a JSON array from a unicode string")?;
                return self.array(idx + 1);
            }
            Some('n') if self.word_at(idx, "null") => return Ok((none::none(), idx + 4)),
            Some('t') if self.word_at(idx, "true") => {
                return Ok((boolobj::new_bool(true), idx + 4))
            }
            Some('f') if self.word_at(idx, "false") => {
                return Ok((boolobj::new_bool(false), idx + 5))
            }
            Some('N') if self.word_at(idx, "NaN") => return self.constant("NaN", idx),
            Some('I') if self.word_at(idx, "Infinity") => return self.constant("Infinity", idx),
            Some('-') if self.word_at(idx, "-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    fn constant(&mut self, name: &str, idx: usize) -> Result<(ObjRef, usize), Fail> {
        let s = self.vm.intern(name)?;
        let v = ops::call(self.vm, &self.parse_constant, &[s], None)?;
        Ok((v, idx + name.len()))
    }

    fn object(&mut self, mut idx: usize) -> Result<(ObjRef, usize), Fail> {
        let vm = self.vm;
        let pairs = self.object_pairs_hook.is_some();
        let rval = if pairs {
            list::new_list(vm, Vec::new())?
        } else {
            dict::new_dict_vm(vm)?
        };
        idx = self.skip_ws(idx);
        if !self.is(idx, b'}') {
            loop {
                if !self.is(idx, b'"') {
                    return Err(Fail::Decode(
                        "Expecting property name enclosed in double quotes",
                        idx,
                    ));
                }
                let (key, next) = self.string(idx + 1)?;
                let key = dict::setdefault(vm, &self.memo, key.clone(), key)?;
                idx = self.skip_ws(next);
                if !self.is(idx, b':') {
                    return Err(Fail::Decode("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.value(idx)?;
                if pairs {
                    list::append(vm, &rval, tuple::new_tuple(vm, vec![key, val])?)?;
                } else {
                    dict::set_item(vm, &rval, key, val)?;
                }
                idx = self.skip_ws(next);
                if self.is(idx, b'}') {
                    break;
                }
                if !self.is(idx, b',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        let next = idx + 1;
        let hook = self
            .object_pairs_hook
            .as_ref()
            .or(self.object_hook.as_ref());
        let out = match hook {
            Some(h) => ops::call(vm, h, &[rval], None)?,
            None => rval,
        };
        Ok((out, next))
    }

    fn array(&mut self, mut idx: usize) -> Result<(ObjRef, usize), Fail> {
        let vm = self.vm;
        let rval = list::new_list(vm, Vec::new())?;
        idx = self.skip_ws(idx);
        if !self.is(idx, b']') {
            loop {
                let (val, next) = self.value(idx)?;
                list::append(vm, &rval, val)?;
                idx = self.skip_ws(next);
                if self.is(idx, b']') {
                    break;
                }
                if !self.is(idx, b',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((rval, idx + 1))
    }

    /// A number at `start` (`StopIteration(start)` when there is none).
    fn number(&mut self, start: usize) -> Result<(ObjRef, usize), Fail> {
        let len = self.len();
        let mut idx = start;
        if self.is(idx, b'-') {
            idx += 1;
            if idx >= len {
                return Err(Fail::Stop(start));
            }
        }
        let first = self.u.at(idx);
        if (0x31..=0x39).contains(&first) {
            idx += 1;
            while idx < len && is_digit(self.u.at(idx)) {
                idx += 1;
            }
        } else if first == 0x30 {
            idx += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if idx + 1 < len && self.u.at(idx) == u32::from(b'.') && is_digit(self.u.at(idx + 1)) {
            is_float = true;
            idx += 2;
            while idx < len && is_digit(self.u.at(idx)) {
                idx += 1;
            }
        }
        if idx + 1 < len && matches!(self.u.at(idx), 0x45 | 0x65) {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && matches!(self.u.at(idx), 0x2b | 0x2d) {
                idx += 1;
            }
            while idx < len && is_digit(self.u.at(idx)) {
                idx += 1;
            }
            if is_digit(self.u.at(idx - 1)) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        // The number's text is ASCII.
        let text: String = (start..idx)
            .map(|i| char::from(self.u.at(i) as u8))
            .collect();
        let vm = self.vm;
        let custom = if is_float {
            self.parse_float.as_ref()
        } else {
            self.parse_int.as_ref()
        };
        let v = match custom {
            Some(f) => ops::call(vm, f, &[pystr::new_str_vm(vm, &text)?], None)?,
            None if is_float => float::new_float(vm, text.parse::<f64>().unwrap_or(f64::NAN))?,
            None => match text.parse::<i64>() {
                Ok(v) => int::new_int(vm, v)?,
                Err(_) => {
                    let big = crate::objects::int_methods::parse_int_text(vm, &text, 10)?
                        .unwrap_or_default();
                    int::new_bigint(vm, &big)?
                }
            },
        };
        Ok((v, idx))
    }
}

fn scanner_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let s = obj
        .downcast::<Scanner>()
        .ok_or_else(|| vm.type_error("expected a _json.Scanner"))?;
    let [string, idx] = parse::<2>(
        vm,
        "scan_once",
        Sig::Kw {
            names: &["string", "idx"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(string), Some(idx)) = (string, idx) else {
        return Err(vm.type_error("scan_once() missing arguments"));
    };
    let idx = index_arg(vm, &idx)?;
    let Some(text) = text_of(vm, &string)? else {
        return Err(not_a_string(vm, &string));
    };
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let hook = |c: &ObjCell| c.get().filter(|h| !none::is_none(h));
    let unless = |c: &ObjCell, ty: &'static TypeObject| {
        let f = c.get().unwrap_or_else(none::none);
        (!f.is(&ObjRef::from_type(ty))).then_some(f)
    };
    let settings = (
        hook(&s.object_hook),
        hook(&s.object_pairs_hook),
        unless(&s.parse_float, &FLOAT_TYPE),
        unless(&s.parse_int, &INT_TYPE),
        s.parse_constant.get().unwrap_or_else(none::none),
    );
    let memo = dict::new_dict_vm(vm)?;
    let result = match &text {
        Text::Ascii(b) => run(vm, *b, s.strict, settings, memo, idx as usize),
        Text::Wide(w) => run(vm, w.as_slice(), s.strict, settings, memo, idx as usize),
    };
    let (value, end) = result.map_err(|f| raise(vm, &string, f))?;
    tuple::new_tuple(vm, vec![value, int::new_int(vm, end as i64)?])
}

type Settings = (
    Option<ObjRef>,
    Option<ObjRef>,
    Option<ObjRef>,
    Option<ObjRef>,
    ObjRef,
);

fn run<U: Units + ?Sized>(
    vm: &Vm,
    u: &U,
    strict: bool,
    (object_hook, object_pairs_hook, parse_float, parse_int, parse_constant): Settings,
    memo: ObjRef,
    idx: usize,
) -> Result<(ObjRef, usize), Fail> {
    let mut p = Parser {
        vm,
        u,
        strict,
        object_hook,
        object_pairs_hook,
        parse_float,
        parse_int,
        parse_constant,
        memo,
        buf: Vec::new(),
    };
    p.value(idx)
}

fn get_member(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let s = obj
        .downcast::<Scanner>()
        .ok_or_else(|| vm.type_error("expected a _json.Scanner"))?;
    Ok(match name {
        "strict" => Some(boolobj::new_bool(s.strict)),
        "object_hook" => s.object_hook.get(),
        "object_pairs_hook" => s.object_pairs_hook.get(),
        "parse_float" => s.parse_float.get(),
        "parse_int" => s.parse_int.get(),
        _ => s.parse_constant.get(),
    }
    .or_else(|| Some(none::none())))
}

macro_rules! member {
    ($name:literal) => {
        GetSetDef {
            name: $name,
            get: get_member,
            set: Some(crate::objects::getset::readonly),
        }
    };
}

static SCANNER_GETSET: [GetSetDef; 6] = [
    member!("strict"),
    member!("object_hook"),
    member!("object_pairs_hook"),
    member!("parse_float"),
    member!("parse_int"),
    member!("parse_constant"),
];

/// `_json.make_scanner` (`_json.Scanner`).
pub static SCANNER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &SCANNER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_json.Scanner",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SCANNER_VTABLE,
    slots: Slots {
        call: Some(scanner_call),
        new: Some(scanner_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "JSON scanner object",
};
