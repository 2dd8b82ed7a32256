//! The parts of `_io`'s buffered and text interfaces the interpreter's file objects add to
//! reading and writing: `peek`, `read1`, `readinto` and `raw` of binary files, `buffer` and
//! `reconfigure` of text files.
//!
//! `raw` and `buffer` are new objects over a duplicate of the file's descriptor (sharing its
//! offset).

use super::{file_of, FileObject, FileState, OpenSpec};
use crate::object::{MethodDef, ObjRef};
use crate::objects::oserror::from_io_error;
use crate::objects::{bytes, int, none, slice, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

fn binary_state<'a>(
    vm: &Vm,
    f: &'a FileObject,
    what: &str,
) -> PyResult<std::cell::RefMut<'a, FileState>> {
    let st = f.state.borrow_mut();
    if st.file.is_none() {
        return Err(vm.value_error(&format!("{what} of closed file")));
    }
    Ok(st)
}

/// `peek(size=0)`: what the next reads return, without consuming it.
pub(super) fn m_peek(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [_size] = parse::<1>(vm, "peek", Sig::Clinic(0, 1), args, kw)?;
    let f = file_of(vm, this)?;
    let mut st = binary_state(vm, f, "peek")?;
    st.load(vm)?;
    let end = st
        .raw
        .len()
        .min(st.pos + crate::modules::io::DEFAULT_BUFFER_SIZE as usize);
    bytes::new_bytes(vm, &st.raw[st.pos..end])
}

/// `readinto(b)` and `readinto1(b)`: reads into a writable buffer, returns the count.
pub(super) fn m_readinto(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "readinto", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let len = crate::objects::bytes_methods::buffer_arg(vm, &b)?.len();
    let f = file_of(vm, this)?;
    let data = {
        let mut st = binary_state(vm, f, "readinto")?;
        st.load(vm)?;
        let start = st.pos;
        let end = (start + len).min(st.raw.len());
        st.pos = end;
        st.raw[start..end].to_vec()
    };
    let n = data.len();
    let sl = slice::new_slice(
        vm,
        int::new_int(vm, 0)?,
        int::new_int(vm, n as i64)?,
        none::none(),
    )?;
    ops::setitem(vm, &b, &sl, Some(&bytes::new_bytes(vm, &data)?))?;
    int::new_int(vm, n as i64)
}

/// A duplicate of the file's handle. As with CPython's layers, what the file buffered stays
/// there: text it has yet to write comes after bytes written below it, and what it read ahead
/// is not read again below.
fn duplicate(vm: &Vm, f: &FileObject) -> PyResult<(std::fs::File, String, bool, bool)> {
    let mut st = f.state.borrow_mut();
    if st.file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    let dup = st
        .open_file(vm)?
        .try_clone()
        .map_err(|e| from_io_error(vm, &e, None))?;
    Ok((dup, st.mode.clone(), st.readable, st.writable))
}

/// `raw` (binary files) and `buffer` (text files).
pub(super) fn layer_below(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let f = file_of(vm, obj)?;
    let binary = f.state.borrow().binary;
    let file_name = f.name.get().unwrap_or_else(none::none);
    match (name, binary) {
        ("raw", true) => {
            let (dup, mode, readable, writable) = duplicate(vm, f)?;
            crate::modules::io::fileio::from_file(vm, dup, file_name, &mode, readable, writable)
                .map(Some)
        }
        ("buffer", false) => {
            let (dup, mode, readable, writable) = duplicate(vm, f)?;
            let kind = mode.chars().find(|c| "rwax".contains(*c)).unwrap_or('r');
            let plus = mode.contains('+');
            let spec = OpenSpec {
                mode: format!("{kind}b{}", if plus { "+" } else { "" }),
                binary: true,
                readable,
                writable,
                encoding: String::new(),
                errors: String::new(),
                newline: None,
            };
            let ty = match (plus, readable) {
                (true, _) => &super::BUFFERED_RANDOM_TYPE,
                (false, true) => &super::BUFFERED_READER_TYPE,
                (false, false) => &super::BUFFERED_WRITER_TYPE,
            };
            super::new_file(vm, ty, dup, spec, file_name).map(Some)
        }
        _ => Ok(None),
    }
}

/// `reconfigure(*, encoding=None, errors=None, newline=..., line_buffering=None,
/// write_through=None)` of a text file: writes what it buffered, then reads and writes with
/// the new settings from its logical position.
pub(super) fn m_reconfigure(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if !pos.is_empty() {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let sig = Sig::Kw {
        names: &[
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        required: 0,
        posonly: 0,
    };
    let [enc, errors, newline, _lb, _wt] = parse::<5>(vm, "reconfigure", sig, args, kw)?;
    let text = |v: &Option<ObjRef>, what: &str| -> PyResult<Option<String>> {
        match v {
            Some(o) if !none::is_none(o) => pystr::as_str(o)
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| {
                    vm.type_error(&format!(
                        "reconfigure() argument '{what}' must be str or None, not {}",
                        o.ob_type().name()
                    ))
                }),
            _ => Ok(None),
        }
    };
    let enc = text(&enc, "encoding")?;
    let errors = text(&errors, "errors")?;
    let newline_given = newline.is_some();
    let newline = text(&newline, "newline")?;
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(vm.value_error(&format!("illegal newline value: {nl}")));
        }
    }
    if let Some(e) = &enc {
        crate::objects::codecs::decode(vm, b"", e, "strict")?;
    }
    let f = file_of(vm, this)?;
    let mut st = f.state.borrow_mut();
    if st.binary {
        return Err(vm.new_error(
            &crate::objects::exceptions::ATTRIBUTE_ERROR,
            &format!(
                "'{}' object has no attribute 'reconfigure'",
                this.ob_type().name()
            ),
        ));
    }
    if st.file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    st.sync(vm)?;
    if let Some(e) = enc {
        st.encoding_name = e;
        if errors.is_none() {
            st.errors = "strict".to_string();
        }
    }
    if let Some(e) = errors {
        st.errors = e;
    }
    if newline_given {
        st.newline = newline;
    }
    Ok(none::none())
}

static PEEK: MethodDef = MethodDef {
    name: "peek",
    func: m_peek,
    flags: 0,
};
static READ1: MethodDef = MethodDef {
    name: "read1",
    func: m_read1,
    flags: 0,
};
static READINTO: MethodDef = MethodDef {
    name: "readinto",
    func: m_readinto,
    flags: 0,
};
static READINTO1: MethodDef = MethodDef {
    name: "readinto1",
    func: m_readinto,
    flags: 0,
};
static RECONFIGURE: MethodDef = MethodDef {
    name: "reconfigure",
    func: m_reconfigure,
    flags: 0,
};

/// `read1(size=-1)`: as `read` (the whole file is buffered at the first read).
fn m_read1(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    super::m_read(vm, this, args, kw)
}

/// The attributes binary files (`peek`, `read1`, `readinto`, `readinto1`, `raw`) or text
/// files (`reconfigure`, `buffer`) have beyond the shared method table.
pub(super) fn extra_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let binary = file_of(vm, obj)?.state.borrow().binary;
    let def = match (name, binary) {
        ("peek", true) => &PEEK,
        ("read1", true) => &READ1,
        ("readinto", true) => &READINTO,
        ("readinto1", true) => &READINTO1,
        ("reconfigure", false) => &RECONFIGURE,
        ("raw", true) | ("buffer", false) => return layer_below(vm, obj, name),
        _ => return Ok(None),
    };
    crate::objects::function::new_bound_builtin(vm, def, obj.clone()).map(Some)
}
