//! `_sre.SRE_Scanner`: successive matches over one subject (`Pattern.scanner()`, and the
//! engine of `Pattern.finditer()`). Each call starts where the previous match ended; after an
//! empty match the next one must advance.

use super::matchobj::new_match;
use super::pattern::pat;
use super::subject::{find, input, Data, How, Input, WideText};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// Payload of a scanner.
pub struct ScannerObject {
    pattern: ObjCell,
    string: ObjCell,
    /// Where the next attempt starts (`None`: exhausted).
    start: Cell<Option<usize>>,
    must_advance: Cell<bool>,
    pos: usize,
    end: usize,
    /// A non-ASCII str subject, decoded once.
    wide: RefCell<Option<WideText>>,
}

impl PyPayload for ScannerObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.pattern, &self.string]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`pattern`, `string`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for ScannerObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.pattern.traverse(visit);
        self.string.traverse(visit);
    }
}

static SCANNER_VTABLE: PayloadVTable = PayloadVTable::of::<ScannerObject>();

/// A scanner of `string` within `span` for the pattern `pattern`.
pub fn new_scanner(
    vm: &Vm,
    pattern: &ObjRef,
    string: &ObjRef,
    span: (usize, usize),
) -> PyResult<ObjRef> {
    let wide = match pystr::as_text(string) {
        Some(t) if pystr::char_len(string) != t.as_bytes().len() => Some(WideText::of_text(t)),
        _ => None,
    };
    let s = ScannerObject {
        pattern: ObjCell::new(Some(pattern.clone())),
        string: ObjCell::new(Some(string.clone())),
        start: Cell::new(Some(span.0)),
        must_advance: Cell::new(false),
        pos: span.0,
        end: span.1,
        wide: RefCell::new(wide),
    };
    new_object(&SCANNER_TYPE, s).or_mem(vm)
}

fn step(
    vm: &Vm,
    obj: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    how: How,
) -> PyResult<ObjRef> {
    // Keywords are ignored, as CPython's `defining_class` methods without parameters do.
    let _ = kw;
    let (positional, _) = crate::vm::args::split_args(args, kw);
    if !positional.is_empty() {
        return Err(vm.type_error(&format!("{name}() takes no arguments")));
    }
    let sc = obj
        .downcast::<ScannerObject>()
        .ok_or_else(|| vm.type_error("expected a scanner"))?;
    let (Some(start), Some(pattern), Some(string)) =
        (sc.start.get(), sc.pattern.get(), sc.string.get())
    else {
        return Ok(none::none());
    };
    let p = pat(vm, &pattern)?;
    let wide = sc.wide.borrow();
    let inp = match wide.as_ref() {
        None => input(vm, &string, p.is_bytes)?,
        Some(w) => Input {
            obj: &string,
            data: Data::Wide(Cow::Borrowed(w)),
            is_bytes: false,
        },
    };
    let end = sc.end.min(inp.data.len());
    let found = find(
        vm,
        &inp.data,
        &p.code,
        p.groups,
        (start, end),
        how,
        sc.must_advance.get(),
    )?;
    match found {
        None => {
            sc.start.set(None);
            Ok(none::none())
        }
        Some(f) => {
            sc.must_advance.set(f.end == f.start);
            sc.start.set(Some(f.end));
            new_match(vm, &pattern, &inp, &f, (sc.pos, sc.end))
        }
    }
}

fn s_match(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    step(vm, obj, "match", args, kw, How::Match)
}

fn s_search(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    step(vm, obj, "search", args, kw, How::Search)
}

fn scanner_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let sc = obj
        .downcast::<ScannerObject>()
        .ok_or_else(|| vm.type_error("expected a scanner"))?;
    Ok(match name {
        "pattern" => Some(sc.pattern.get().unwrap_or_else(none::none)),
        _ => None,
    })
}

static SCANNER_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "pattern",
    get: scanner_getattr,
    set: Some(crate::objects::getset::readonly),
}];

static SCANNER_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "match",
        func: s_match,
        flags: 0,
    },
    MethodDef {
        name: "search",
        func: s_search,
        flags: 0,
    },
];

/// `_sre.SRE_Scanner`.
pub static SCANNER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &SCANNER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_sre.SRE_Scanner",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SCANNER_VTABLE,
    slots: Slots::EMPTY,
    methods: &SCANNER_METHODS,
    doc: "",
};
