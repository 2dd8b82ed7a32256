//! `_io.StringIO`: text I/O over an in-memory buffer of code points, with the newline modes of
//! CPython's (`newline=None` translates `\r\n` and `\r` to `\n` on write; `""` keeps them and
//! reads lines ending with any of them; `"\r"` and `"\r\n"` replace `\n` on write).

use super::iobase::{size_arg, IO_SLOTS, TEXT_IOBASE_TYPE};
use super::memory::{find_terminator, Memory};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::cell::RefCell;

/// Newline kinds seen (for `newlines`), as CPython's `IncrementalNewlineDecoder` records them.
pub const SEEN_CR: u8 = 1;
/// A lone `\n` was seen.
pub const SEEN_LF: u8 = 2;
/// A `\r\n` was seen.
pub const SEEN_CRLF: u8 = 4;

struct State {
    mem: Memory<char>,
    /// `newline=`: `None` for universal newlines with translation.
    newline: Option<String>,
    seen: u8,
    ready: bool,
}

/// Payload of a `StringIO`.
pub struct StringIOObject {
    state: RefCell<State>,
    dict: ObjCell,
}

impl PyPayload for StringIOObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.dict.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for StringIOObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(StringIOObject, stringio_getattr, stringio_setattr);

static STRINGIO_VTABLE: PayloadVTable = PayloadVTable::of::<StringIOObject>();

fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file")
}

/// The state of an open, initialised StringIO.
fn open_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<std::cell::RefMut<'a, State>> {
    let p = obj
        .downcast::<StringIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.StringIO' object"))?;
    let st = p.state.borrow_mut();
    if !st.ready {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if st.mem.closed {
        return Err(closed_error(vm));
    }
    Ok(st)
}

/// The `newlines` value for the kinds in `seen`.
pub fn newlines_value(vm: &Vm, seen: u8) -> PyResult<ObjRef> {
    let kinds: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, s)| *s)
        .collect();
    match kinds.as_slice() {
        [] => Ok(none::none()),
        [one] => pystr::new_str_vm(vm, one),
        many => {
            let items = many
                .iter()
                .map(|s| pystr::new_str_vm(vm, s))
                .collect::<PyResult<Vec<_>>>()?;
            tuple::new_tuple(vm, items)
        }
    }
}

/// The newline kinds in `text`, and `text` with `\r\n` and `\r` made `\n` when `translate`.
pub fn scan_newlines(text: &str, translate: bool) -> (u8, String) {
    let mut seen = 0;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                seen |= SEEN_CRLF;
                out.push_str(if translate { "\n" } else { "\r\n" });
            }
            '\r' => {
                seen |= SEEN_CR;
                out.push(if translate { '\n' } else { '\r' });
            }
            '\n' => {
                seen |= SEEN_LF;
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    (seen, out)
}

/// Writes `text` at the position, through the newline mode; the length of `text`.
fn write_text(st: &mut State, text: &str) -> usize {
    let n = text.chars().count();
    let mut owned;
    let mut text = text;
    if matches!(st.newline.as_deref(), None | Some("")) {
        let (seen, translated) = scan_newlines(text, st.newline.is_none());
        st.seen |= seen;
        owned = translated;
        text = &owned;
    }
    if let Some(nl @ ("\r" | "\r\n")) = st.newline.as_deref() {
        owned = text.replace('\n', nl);
        text = &owned;
    }
    let chars: Vec<char> = text.chars().collect();
    st.mem.write(&chars);
    n
}

/// Reads one line in the stream's newline mode.
fn read_line(st: &mut State, size: i64) -> String {
    let line = match st.newline.as_deref() {
        Some("") => st.mem.read_line(size, |rest| {
            let i = rest.iter().position(|&c| c == '\r' || c == '\n')?;
            Some(if rest[i] == '\r' && rest.get(i + 1) == Some(&'\n') {
                i + 2
            } else {
                i + 1
            })
        }),
        Some(nl @ ("\r" | "\r\n")) => {
            let nl: Vec<char> = nl.chars().collect();
            st.mem.read_line(size, |rest| find_terminator(rest, &nl))
        }
        _ => st
            .mem
            .read_line(size, |rest| find_terminator(rest, &['\n'])),
    };
    line.into_iter().collect()
}

/// Parses `(initial_value='', newline='\n')` and (re)initialises the stream.
fn init_state(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let sig = Sig::Kw {
        names: &["initial_value", "newline"],
        required: 0,
        posonly: 0,
    };
    let [initial, newline] = parse::<2>(vm, "StringIO", sig, args, kw)?;
    let newline = match &newline {
        None => Some("\n".to_string()),
        Some(n) if none::is_none(n) => None,
        Some(n) => match pystr::as_str(n) {
            Some(s) => Some(s.to_string()),
            None => {
                return Err(vm.type_error(&format!(
                    "newline must be str or None, not {}",
                    n.ob_type().name()
                )))
            }
        },
    };
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            let r = ops::repr_string(vm, &pystr::new_str_vm(vm, nl)?)?;
            return Err(vm.value_error(&format!("illegal newline value: {r}")));
        }
    }
    let initial = match &initial {
        None => String::new(),
        Some(v) if none::is_none(v) => String::new(),
        Some(v) => match pystr::as_str(v) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(&format!(
                    "initial_value must be str or None, not {}",
                    v.ob_type().name()
                )))
            }
        },
    };
    let p = obj
        .downcast::<StringIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.StringIO' object"))?;
    let mut st = p.state.borrow_mut();
    *st = State {
        mem: Memory::new(Vec::new()),
        newline,
        seen: 0,
        ready: true,
    };
    write_text(&mut st, &initial);
    st.mem.pos = 0;
    Ok(())
}

fn stringio_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        StringIOObject {
            state: RefCell::new(State {
                mem: Memory::new(Vec::new()),
                newline: Some("\n".to_string()),
                seen: 0,
                ready: false,
            }),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)?;
    init_state(vm, &obj, args, kw)?;
    Ok(obj)
}

fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init_state(vm, this, args, kw)?;
    Ok(none::none())
}

fn m_getvalue(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getvalue", Sig::NoArgs, args, kw)?;
    let st = open_state(vm, this)?;
    let s: String = st.mem.data.iter().collect();
    pystr::new_str_vm(vm, &s)
}

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let mut st = open_state(vm, this)?;
    let s: String = st.mem.read(size).into_iter().collect();
    pystr::new_str_vm(vm, &s)
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let mut st = open_state(vm, this)?;
    let line = read_line(&mut st, size);
    pystr::new_str_vm(vm, &line)
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = parse::<1>(vm, "write", Sig::One, args, kw)?;
    let s = s.unwrap_or_else(none::none);
    let mut st = open_state(vm, this)?;
    let Some(text) = pystr::as_str(&s) else {
        return Err(vm.type_error(&format!(
            "string argument expected, got '{}'",
            s.ob_type().name()
        )));
    };
    let n = write_text(&mut st, text);
    int::new_int(vm, n as i64)
}

fn m_tell(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    let st = open_state(vm, this)?;
    int::new_int(vm, st.mem.pos as i64)
}

fn m_seek(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pos, whence] = parse::<2>(vm, "seek", Sig::Clinic(1, 2), args, kw)?;
    let pos = index_arg(vm, &pos.unwrap_or_else(none::none))?;
    let whence = match &whence {
        Some(w) => index_arg(vm, w)?,
        None => 0,
    };
    let mut st = open_state(vm, this)?;
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(&format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(&format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.new_error(
            &crate::objects::exceptions::OS_ERROR,
            "Can't do nonzero cur-relative seeks",
        ));
    }
    st.mem.pos = match whence {
        0 => pos as usize,
        1 => st.mem.pos,
        _ => st.mem.data.len(),
    };
    int::new_int(vm, st.mem.pos as i64)
}

fn m_truncate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "truncate", Sig::Clinic(0, 1), args, kw)?;
    let mut st = open_state(vm, this)?;
    let size = match &size {
        Some(s) if !none::is_none(s) => index_arg(vm, s)?,
        _ => st.mem.pos as i64,
    };
    if size < 0 {
        return Err(vm.value_error(&format!("Negative size value {size}")));
    }
    st.mem.truncate(size as usize);
    int::new_int(vm, size)
}

fn m_true(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readable", Sig::NoArgs, args, kw)?;
    open_state(vm, this)?;
    Ok(boolobj::new_bool(true))
}

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    if let Some(p) = this.downcast::<StringIOObject>() {
        let mut st = p.state.borrow_mut();
        st.mem.closed = true;
        st.mem.data = Vec::new();
    }
    Ok(none::none())
}

fn m_next(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    stringio_next(vm, this)?.ok_or_else(|| vm.stop_iteration())
}

fn stringio_next(vm: &Vm, this: &ObjRef) -> PyResult<Option<ObjRef>> {
    let line = if std::ptr::eq(this.ob_type(), &STRINGIO_TYPE) {
        let mut st = open_state(vm, this)?;
        pystr::new_str_vm(vm, &read_line(&mut st, -1))?
    } else {
        let l = super::iobase::call_method(vm, this, "readline", &[])?;
        if !pystr::is_str(&l) {
            return Err(vm.new_error(
                &crate::objects::exceptions::OS_ERROR,
                &format!(
                    "readline() should have returned a str object, not '{}'",
                    l.ob_type().name()
                ),
            ));
        }
        l
    };
    Ok((pystr::char_len(&line) > 0).then_some(line))
}

fn stringio_iter(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    open_state(vm, this)?;
    Ok(this.clone())
}

fn m_iter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    stringio_iter(vm, this)
}

fn m_readlines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [hint] = parse::<1>(vm, "readlines", Sig::Clinic(0, 1), args, kw)?;
    let hint = size_arg(vm, hint.as_ref())?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    while let Some(line) = stringio_next(vm, this)? {
        total += pystr::char_len(&line);
        lines.push(line);
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    list::new_list(vm, lines)
}

fn m_getstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__getstate__", Sig::NoArgs, args, kw)?;
    let (value, newline, pos) = {
        let st = open_state(vm, this)?;
        let v: String = st.mem.data.iter().collect();
        (v, st.newline.clone(), st.mem.pos)
    };
    let d = match this.downcast::<StringIOObject>().and_then(|p| p.dict.get()) {
        Some(d) => crate::objects::dict::copy(vm, &d)?,
        None => none::none(),
    };
    let newline = match newline {
        Some(n) => pystr::new_str_vm(vm, &n)?,
        None => none::none(),
    };
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_vm(vm, &value)?,
            newline,
            int::new_int(vm, pos as i64)?,
            d,
        ],
    )
}

fn m_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [state] = parse::<1>(vm, "__setstate__", Sig::One, args, kw)?;
    let state = state.unwrap_or_else(none::none);
    let items = match tuple::items(&state) {
        Some(i) if i.len() >= 4 => i.to_vec(),
        _ => {
            return Err(vm.type_error(&format!(
                "_io.StringIO.__setstate__ argument should be 4-tuple, got {}",
                state.ob_type().name()
            )))
        }
    };
    init_state(vm, this, &[none::none(), items[1].clone()], None)?;
    let Some(value) = pystr::as_str(&items[0]) else {
        return Err(vm.type_error(&format!(
            "initial_value must be str or None, not {}",
            items[0].ob_type().name()
        )));
    };
    if !int::is_int(&items[2]) {
        return Err(vm.type_error(&format!(
            "third item of state must be an integer, got {}",
            items[2].ob_type().name()
        )));
    }
    let pos = index_arg(vm, &items[2])?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    let d = &items[3];
    if !none::is_none(d) && crate::objects::dict::table(d).is_none() {
        return Err(vm.type_error(&format!(
            "fourth item of state should be a dict, got a {}",
            d.ob_type().name()
        )));
    }
    {
        let p = this
            .downcast::<StringIOObject>()
            .ok_or_else(|| vm.type_error("descriptor requires a '_io.StringIO' object"))?;
        let mut st = p.state.borrow_mut();
        st.mem.data = value.chars().collect();
        st.mem.pos = pos as usize;
    }
    if !none::is_none(d) {
        let mine = ops::getattr(vm, this, "__dict__")?;
        ops::call(
            vm,
            &ops::getattr(vm, &mine, "update")?,
            std::slice::from_ref(d),
            None,
        )?;
    }
    Ok(none::none())
}

fn get_closed(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    let p = obj
        .downcast::<StringIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.StringIO' object"))?;
    let st = p.state.borrow();
    if !st.ready {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(Some(boolobj::new_bool(st.mem.closed)))
}

fn get_line_buffering(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    open_state(vm, obj)?;
    Ok(Some(boolobj::new_bool(false)))
}

fn get_newlines(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    let st = open_state(vm, obj)?;
    if !matches!(st.newline.as_deref(), None | Some("")) {
        return Ok(Some(none::none()));
    }
    let seen = st.seen;
    drop(st);
    newlines_value(vm, seen).map(Some)
}

static STRINGIO_GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "closed",
        get: get_closed,
        set: None,
    },
    GetSetDef {
        name: "line_buffering",
        get: get_line_buffering,
        set: None,
    },
    GetSetDef {
        name: "newlines",
        get: get_newlines,
        set: None,
    },
];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static STRINGIO_METHODS: [MethodDef; 17] = methods![
    "__init__" => m_init,
    "close" => m_close,
    "getvalue" => m_getvalue,
    "read" => m_read,
    "readline" => m_readline,
    "readlines" => m_readlines,
    "write" => m_write,
    "tell" => m_tell,
    "seek" => m_seek,
    "truncate" => m_truncate,
    "readable" => m_true,
    "writable" => m_true,
    "seekable" => m_true,
    "__next__" => m_next,
    "__iter__" => m_iter,
    "__getstate__" => m_getstate,
    "__setstate__" => m_setstate,
];

/// `_io.StringIO`.
pub static STRINGIO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &STRINGIO_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.StringIO",
    base: Some(&TEXT_IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &STRINGIO_VTABLE,
    slots: Slots {
        iter: Some(stringio_iter),
        next: Some(stringio_next),
        new: Some(stringio_new),
        getattr: Some(stringio_getattr),
        setattr: Some(stringio_setattr),
        ..IO_SLOTS
    },
    methods: &STRINGIO_METHODS,
    doc: "Text I/O implementation using an in-memory buffer.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_scanning() {
        assert_eq!(
            scan_newlines("a\r\nb\rc\n", true),
            (7, "a\nb\nc\n".to_string())
        );
        assert_eq!(
            scan_newlines("a\r\nb", false),
            (SEEN_CRLF, "a\r\nb".to_string())
        );
        assert_eq!(scan_newlines("ab", true).0, 0);
    }
}
