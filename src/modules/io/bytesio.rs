//! `_io.BytesIO`: buffered binary I/O over an in-memory buffer of bytes.

use super::iobase::{size_arg, BUFFERED_IOBASE_TYPE, IO_SLOTS};
use super::memory::{find_terminator, Memory};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, bytes, int, list, none, slice, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::RefCell;

/// Payload of a `BytesIO`.
pub struct BytesIOObject {
    state: RefCell<Memory<u8>>,
    dict: ObjCell,
}

impl PyPayload for BytesIOObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.dict.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for BytesIOObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.dict.traverse(visit);
    }
}

super::instdict::dict_slots!(BytesIOObject, bytesio_getattr, bytesio_setattr);

static BYTESIO_VTABLE: PayloadVTable = PayloadVTable::of::<BytesIOObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a BytesIOObject> {
    obj.downcast::<BytesIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.BytesIO' object"))
}

/// The state of an open BytesIO.
fn open_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<std::cell::RefMut<'a, Memory<u8>>> {
    let st = payload(vm, obj)?.state.borrow_mut();
    if st.closed {
        return Err(super::iobase::closed_error(vm));
    }
    Ok(st)
}

/// Parses `(initial_bytes=b'')` and (re)initialises the stream.
fn init_state(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let sig = Sig::Kw {
        names: &["initial_bytes"],
        required: 0,
        posonly: 0,
    };
    let [initial] = parse::<1>(vm, "BytesIO", sig, args, kw)?;
    let data = match &initial {
        None => Vec::new(),
        Some(v) if none::is_none(v) => Vec::new(),
        Some(v) => crate::objects::bytes_methods::buffer_arg(vm, v)?.into_owned(),
    };
    *payload(vm, obj)?.state.borrow_mut() = Memory::new(data);
    Ok(())
}

fn bytesio_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        BytesIOObject {
            state: RefCell::new(Memory::new(Vec::new())),
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
    let data = open_state(vm, this)?.data.clone();
    bytes::new_bytes(vm, &data)
}

fn m_getbuffer(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getbuffer", Sig::NoArgs, args, kw)?;
    // A view of a copy: arenapy's memoryview cannot export the stream's own storage, so
    // writes through the view do not reach the stream.
    let data = open_state(vm, this)?.data.clone();
    let copy = crate::objects::bytearray::new_bytearray(vm, &data)?;
    ops::call(
        vm,
        &ObjRef::from_type(&crate::objects::memoryview::MEMORYVIEW_TYPE),
        &[copy],
        None,
    )
}

fn read_sized(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, name, Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let data = open_state(vm, this)?.read(size);
    bytes::new_bytes(vm, &data)
}

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    read_sized(vm, this, "read", args, kw)
}

fn m_read1(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    read_sized(vm, this, "read1", args, kw)
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "readline", Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let line = open_state(vm, this)?.read_line(size, |rest| find_terminator(rest, b"\n"));
    bytes::new_bytes(vm, &line)
}

fn bytesio_next(vm: &Vm, this: &ObjRef) -> PyResult<Option<ObjRef>> {
    let line = open_state(vm, this)?.read_line(-1, |rest| find_terminator(rest, b"\n"));
    if line.is_empty() {
        return Ok(None);
    }
    bytes::new_bytes(vm, &line).map(Some)
}

fn bytesio_iter(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    open_state(vm, this)?;
    Ok(this.clone())
}

fn m_iter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    bytesio_iter(vm, this)
}

fn m_next(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    bytesio_next(vm, this)?.ok_or_else(|| vm.stop_iteration())
}

fn m_readlines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [hint] = parse::<1>(vm, "readlines", Sig::Clinic(0, 1), args, kw)?;
    let hint = size_arg(vm, hint.as_ref())?;
    let mut lines = Vec::new();
    let mut total = 0usize;
    while let Some(line) = bytesio_next(vm, this)? {
        total += bytes::as_bytes(&line).map_or(0, <[u8]>::len);
        lines.push(line);
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    list::new_list(vm, lines)
}

fn m_readinto(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "readinto", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let len = crate::objects::bytes_methods::buffer_arg(vm, &b)?.len();
    let data = open_state(vm, this)?.read(len as i64);
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

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "write", Sig::One, args, kw)?;
    let b = b.unwrap_or_else(none::none);
    open_state(vm, this)?;
    let data = crate::objects::bytes_methods::buffer_arg(vm, &b)?.into_owned();
    let n = open_state(vm, this)?.write(&data);
    int::new_int(vm, n as i64)
}

fn m_writelines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [lines] = parse::<1>(vm, "writelines", Sig::One, args, kw)?;
    open_state(vm, this)?;
    let it = ops::iter(vm, &lines.unwrap_or_else(none::none))?;
    while let Some(line) = ops::next(vm, &it)? {
        let data = crate::objects::bytes_methods::buffer_arg(vm, &line)?.into_owned();
        open_state(vm, this)?.write(&data);
    }
    Ok(none::none())
}

fn m_tell(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    let pos = open_state(vm, this)?.pos;
    int::new_int(vm, pos as i64)
}

fn m_seek(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pos, whence] = parse::<2>(vm, "seek", Sig::Clinic(1, 2), args, kw)?;
    let pos = index_arg(vm, &pos.unwrap_or_else(none::none))?;
    let whence = match &whence {
        Some(w) => index_arg(vm, w)?,
        None => 0,
    };
    let mut st = open_state(vm, this)?;
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(&format!("negative seek value {pos}")));
    }
    let base = match whence {
        0 => 0,
        1 => st.pos as i64,
        2 => st.data.len() as i64,
        _ => return Err(vm.value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    st.pos = base.saturating_add(pos).max(0) as usize;
    int::new_int(vm, st.pos as i64)
}

fn m_truncate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "truncate", Sig::Clinic(0, 1), args, kw)?;
    let mut st = open_state(vm, this)?;
    let size = match &size {
        Some(s) if !none::is_none(s) => index_arg(vm, s)?,
        _ => st.pos as i64,
    };
    if size < 0 {
        return Err(vm.value_error(&format!("negative size value {size}")));
    }
    st.truncate(size as usize);
    int::new_int(vm, size)
}

fn m_true(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readable", Sig::NoArgs, args, kw)?;
    open_state(vm, this)?;
    Ok(boolobj::new_bool(true))
}

fn m_isatty(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "isatty", Sig::NoArgs, args, kw)?;
    open_state(vm, this)?;
    Ok(boolobj::new_bool(false))
}

fn m_flush(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "flush", Sig::NoArgs, args, kw)?;
    open_state(vm, this)?;
    Ok(none::none())
}

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    let mut st = payload(vm, this)?.state.borrow_mut();
    st.closed = true;
    st.data = Vec::new();
    Ok(none::none())
}

fn m_sizeof(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let cap = payload(vm, this)?.state.borrow().data.capacity();
    int::new_int(vm, (std::mem::size_of::<BytesIOObject>() + 16 + cap) as i64)
}

fn m_getstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__getstate__", Sig::NoArgs, args, kw)?;
    let (data, pos) = {
        let st = open_state(vm, this)?;
        (st.data.clone(), st.pos)
    };
    let d = match payload(vm, this)?.dict.get() {
        Some(d) => crate::objects::dict::copy(vm, &d)?,
        None => none::none(),
    };
    tuple::new_tuple(
        vm,
        vec![
            bytes::new_bytes(vm, &data)?,
            int::new_int(vm, pos as i64)?,
            d,
        ],
    )
}

fn m_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [state] = parse::<1>(vm, "__setstate__", Sig::One, args, kw)?;
    let state = state.unwrap_or_else(none::none);
    let items = match tuple::items(&state) {
        Some(i) if i.len() >= 3 => i.to_vec(),
        _ => {
            return Err(vm.type_error(&format!(
                "_io.BytesIO.__setstate__ argument should be 3-tuple, got {}",
                state.ob_type().name()
            )))
        }
    };
    let data = crate::objects::bytes_methods::buffer_arg(vm, &items[0])?.into_owned();
    if !int::is_int(&items[1]) {
        return Err(vm.type_error(&format!(
            "second item of state must be an integer, not {}",
            items[1].ob_type().name()
        )));
    }
    let pos = index_arg(vm, &items[1])?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    let d = &items[2];
    if !none::is_none(d) && crate::objects::dict::table(d).is_none() {
        return Err(vm.type_error(&format!(
            "third item of state should be a dict, got a {}",
            d.ob_type().name()
        )));
    }
    {
        let mut st = open_state(vm, this)?;
        st.data = data;
        st.pos = pos as usize;
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
    Ok(Some(boolobj::new_bool(
        payload(vm, obj)?.state.borrow().closed,
    )))
}

static BYTESIO_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "closed",
    get: get_closed,
    set: None,
}];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static BYTESIO_METHODS: [MethodDef; 24] = methods![
    "__init__" => m_init,
    "close" => m_close,
    "flush" => m_flush,
    "getbuffer" => m_getbuffer,
    "getvalue" => m_getvalue,
    "isatty" => m_isatty,
    "read" => m_read,
    "read1" => m_read1,
    "readable" => m_true,
    "readinto" => m_readinto,
    "readline" => m_readline,
    "readlines" => m_readlines,
    "seek" => m_seek,
    "seekable" => m_true,
    "tell" => m_tell,
    "truncate" => m_truncate,
    "writable" => m_true,
    "write" => m_write,
    "writelines" => m_writelines,
    "__iter__" => m_iter,
    "__next__" => m_next,
    "__sizeof__" => m_sizeof,
    "__getstate__" => m_getstate,
    "__setstate__" => m_setstate,
];

/// `_io.BytesIO`.
pub static BYTESIO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &BYTESIO_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.BytesIO",
    base: Some(&BUFFERED_IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &BYTESIO_VTABLE,
    slots: Slots {
        iter: Some(bytesio_iter),
        next: Some(bytesio_next),
        new: Some(bytesio_new),
        getattr: Some(bytesio_getattr),
        setattr: Some(bytesio_setattr),
        ..IO_SLOTS
    },
    methods: &BYTESIO_METHODS,
    doc: "Buffered I/O implementation using an in-memory bytes buffer.",
};
