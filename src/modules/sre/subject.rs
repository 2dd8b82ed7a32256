//! Subjects: turning a `str` or bytes-like argument into characters for the engine, running
//! one match or search over them, and cutting results back out as `str`/`bytes`.
//!
//! An ASCII `str` is matched on its UTF-8 bytes directly (byte and code point indices
//! coincide); any other `str` is decoded once into code points. Bytes-like objects are read
//! through the buffer protocol helpers of `bytes`.

use super::engine::{SreError, State};
use crate::object::ObjRef;
use crate::objects::wtf8::Wtf8;
use crate::objects::{bytes, bytes_methods, str as pystr};
use crate::vm::{PyResult, Vm};
use std::borrow::Cow;

/// A non-ASCII str decoded for matching: its code points, and where each starts in the UTF-8
/// text (one more entry for the end), so that results are cut out without rescanning.
#[derive(Clone, Default)]
pub struct WideText {
    /// The code points.
    pub chars: Vec<u32>,
    /// `offsets[i]`: the byte offset of code point `i`; `offsets[chars.len()]` is the length.
    pub offsets: Vec<usize>,
}

impl WideText {
    /// Decodes `text`.
    pub fn of(text: &str) -> WideText {
        WideText::of_text(Wtf8::of_str(text))
    }

    /// Decodes any str's text (lone surrogates are code points like the others).
    pub fn of_text(text: Wtf8<'_>) -> WideText {
        let n = text.as_bytes().len();
        let mut chars = Vec::with_capacity(n);
        let mut offsets = Vec::with_capacity(n + 1);
        for (i, c) in text.code_point_indices() {
            chars.push(c);
            offsets.push(i);
        }
        offsets.push(n);
        WideText { chars, offsets }
    }
}

/// The characters of a subject.
pub enum Data<'a> {
    /// Bytes, or the UTF-8 of an ASCII str.
    Narrow(Cow<'a, [u8]>),
    /// A non-ASCII str.
    Wide(Cow<'a, WideText>),
}

impl Data<'_> {
    /// Whether there are no characters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        match self {
            Data::Narrow(b) => b.len(),
            Data::Wide(w) => w.chars.len(),
        }
    }
}

/// A subject argument and its characters.
pub struct Input<'a> {
    /// The object matched against.
    pub obj: &'a ObjRef,
    /// Its characters.
    pub data: Data<'a>,
    /// Whether it is bytes-like (else a str).
    pub is_bytes: bool,
}

/// Reads `obj` as a subject for a pattern that is bytes (`Some(true)`), str (`Some(false)`) or
/// either (`None`), with CPython's errors.
pub fn input<'a>(vm: &Vm, obj: &'a ObjRef, pattern_bytes: Option<bool>) -> PyResult<Input<'a>> {
    if let Some(text) = pystr::as_text(obj) {
        if pattern_bytes == Some(true) {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        let data = if pystr::char_len(obj) == text.as_bytes().len() {
            Data::Narrow(Cow::Borrowed(text.as_bytes()))
        } else {
            Data::Wide(Cow::Owned(WideText::of_text(text)))
        };
        return Ok(Input {
            obj,
            data,
            is_bytes: false,
        });
    }
    let Some(buf) = bytes_methods::buffer(obj) else {
        return Err(vm.type_error(&format!(
            "expected string or bytes-like object, got '{}'",
            obj.ob_type().name()
        )));
    };
    if pattern_bytes == Some(false) {
        return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
    }
    Ok(Input {
        obj,
        data: Data::Narrow(buf),
        is_bytes: true,
    })
}

/// Clamps `pos`/`endpos` to `0..=len` (CPython's `state_init`).
pub fn bounds(len: usize, pos: i64, endpos: i64) -> (usize, usize) {
    let clamp = |v: i64| v.clamp(0, len as i64) as usize;
    (clamp(pos), clamp(endpos))
}

/// How a match attempt is anchored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// At the start position only (`match`).
    Match,
    /// At the start position, spanning to the end (`fullmatch`).
    FullMatch,
    /// At the first position that matches (`search`).
    Search,
}

/// A successful match: its span and the spans of its groups (-1 for unset ones).
pub struct Found {
    /// Start of the match.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// `2 * groups` boundaries of groups 1.. .
    pub marks: Vec<isize>,
    /// The last group closed (-1: none).
    pub lastindex: isize,
}

fn attempt<S: super::chars::Subject + ?Sized>(
    s: &S,
    code: &[u32],
    groups: usize,
    start: usize,
    end: usize,
    how: How,
    must_advance: bool,
) -> Result<Option<Found>, SreError> {
    let mut st = State::new(s, code, start, end);
    st.must_advance = must_advance;
    let ok = match how {
        How::Search => st.search()?,
        How::Match => st.match_here()?,
        How::FullMatch => {
            st.match_all = true;
            st.match_here()?
        }
    };
    if !ok {
        return Ok(None);
    }
    let mut marks = Vec::with_capacity(2 * groups);
    for g in 0..groups {
        match st.group_span(g) {
            Some((a, b)) => {
                marks.push(a as isize);
                marks.push(b as isize);
            }
            None => marks.extend([-1, -1]),
        }
    }
    Ok(Some(Found {
        start: st.start,
        end: st.ptr.max(0) as usize,
        marks,
        lastindex: st.lastindex,
    }))
}

/// Runs `code` (with `groups` groups) over `data[..end]` from `start`.
pub fn find(
    vm: &Vm,
    data: &Data,
    code: &[u32],
    groups: usize,
    span: (usize, usize),
    how: How,
    must_advance: bool,
) -> PyResult<Option<Found>> {
    let (start, end) = span;
    let r = match data {
        Data::Narrow(b) => attempt(&b[..], code, groups, start, end, how, must_advance),
        Data::Wide(w) => attempt(&w.chars[..], code, groups, start, end, how, must_advance),
    };
    r.map_err(|e| match e {
        SreError::Memory => vm.memory_error_err(),
        SreError::State => vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "internal error in regular expression engine",
        ),
    })
}

/// `subject[a:b]` as a new str or bytes (the whole of an exact str/bytes is returned itself).
pub fn slice(vm: &Vm, inp: &Input, a: usize, b: usize) -> PyResult<ObjRef> {
    let b = b.max(a);
    if a == 0 && b == inp.data.len() {
        let exact = if inp.is_bytes {
            std::ptr::eq(inp.obj.ob_type(), &bytes::BYTES_TYPE)
        } else {
            std::ptr::eq(inp.obj.ob_type(), &pystr::STR_TYPE)
        };
        if exact {
            return Ok(inp.obj.clone());
        }
    }
    match &inp.data {
        Data::Narrow(buf) if inp.is_bytes => bytes::new_bytes(vm, &buf[a..b]),
        Data::Narrow(_) => {
            let text = pystr::as_str(inp.obj).unwrap_or("");
            pystr::new_str_vm(vm, text.get(a..b).unwrap_or(""))
        }
        Data::Wide(w) => {
            let text = pystr::as_text(inp.obj).unwrap_or_default();
            let (x, y) = (w.offsets[a], w.offsets[b]);
            pystr::new_str_wtf8_vm(vm, text.slice_bytes(x, y))
        }
    }
}

/// `subject[a:b]` of a str or bytes-like object without a decoded [`Input`] (for `Match`);
/// `bytes_span` is the same span as byte offsets when the subject is a non-ASCII str.
pub fn slice_obj(
    vm: &Vm,
    obj: &ObjRef,
    a: usize,
    b: usize,
    bytes_span: Option<(usize, usize)>,
) -> PyResult<ObjRef> {
    if let (Some(text), Some((x, y))) = (pystr::as_text(obj), bytes_span) {
        let n = text.as_bytes().len();
        if x == 0 && y == n && std::ptr::eq(obj.ob_type(), &pystr::STR_TYPE) {
            return Ok(obj.clone());
        }
        return pystr::new_str_wtf8_vm(vm, text.slice_bytes(x.min(n), y.min(n).max(x.min(n))));
    }
    let inp = input(vm, obj, None)?;
    let len = inp.data.len();
    slice(vm, &inp, a.min(len), b.min(len))
}
