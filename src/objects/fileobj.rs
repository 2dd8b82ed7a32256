//! File objects and `open()` (CPython's `Modules/_io`: `TextIOWrapper`, `BufferedReader`,
//! `BufferedWriter`, `BufferedRandom`, reduced to what programs use).
//!
//! One payload serves every mode. Reading loads the rest of the file into a buffer on the first
//! read (files programs open are small), text mode decodes it (UTF-8, Latin-1 or ASCII) and
//! translates newlines as `newline=` asks; writes are buffered and reach the file on `flush`,
//! `seek`, `tell`, `close` or deallocation. The state holds no Python objects, so it lives in a
//! `RefCell`; the name (a str or int) is an [`ObjCell`].
//!
//! Position model: `base` is the file offset the read buffer starts at; `pos` how much of the
//! buffer was consumed (bytes in binary mode; bytes of the decoded text in text mode).

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::oserror::from_io_error;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, bytes, int, list, none, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::cell::RefCell;
use std::io::{Read, Seek, SeekFrom, Write};

#[path = "fileobj_extra.rs"]
mod extra;

struct FileState {
    file: Option<std::fs::File>,
    mode: String,
    binary: bool,
    readable: bool,
    writable: bool,
    /// The codec name as given (`UTF-8` by default) and the `errors=` handler.
    encoding_name: String,
    errors: String,
    /// `newline=`: None is universal newlines.
    newline: Option<String>,
    /// Raw bytes read (binary mode) from offset `base`.
    raw: Vec<u8>,
    /// Decoded text (text mode) from offset `base`.
    text: String,
    /// Whether `raw`/`text` hold the rest of the file.
    loaded: bool,
    base: u64,
    pos: usize,
    pending: Vec<u8>,
}

/// Payload of a file object.
pub struct FileObject {
    state: RefCell<FileState>,
    name: ObjCell,
}

impl PyPayload for FileObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.name.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`name`), each once, and does nothing else.
unsafe impl crate::object::Traverse for FileObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.name.traverse(visit);
    }
}

impl Drop for FileObject {
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if let Some(f) = st.file.as_mut() {
            let _ = f.write_all(&st.pending);
        }
    }
}

static FILE_VTABLE: PayloadVTable = PayloadVTable::of::<FileObject>();

fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file.")
}

fn unsupported(vm: &Vm, what: &str) -> PyErr {
    crate::modules::io::unsupported(vm, what)
}

fn file_of<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a FileObject> {
    obj.downcast::<FileObject>()
        .ok_or_else(|| vm.type_error("expected a file object"))
}

impl FileState {
    fn open_file(&mut self, vm: &Vm) -> PyResult<&mut std::fs::File> {
        self.file.as_mut().ok_or_else(|| closed_error(vm))
    }

    fn flush_pending(&mut self, vm: &Vm) -> PyResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.pending);
        self.open_file(vm)?
            .write_all(&data)
            .map_err(|e| from_io_error(vm, &e, None))
    }

    /// Bytes of the buffer consumed so far, as a file offset.
    fn consumed_bytes(&self) -> u64 {
        if self.binary {
            return self.pos as u64;
        }
        let t = &self.text[..self.pos];
        match self
            .encoding_name
            .to_ascii_lowercase()
            .replace('_', "-")
            .as_str()
        {
            "utf-8" | "utf8" | "u8" => t.len() as u64,
            _ => t.chars().count() as u64,
        }
    }

    /// The logical position; drops the read buffer and puts the OS position there.
    fn sync(&mut self, vm: &Vm) -> PyResult<u64> {
        self.flush_pending(vm)?;
        if self.loaded {
            let at = self.base + self.consumed_bytes();
            self.open_file(vm)?
                .seek(SeekFrom::Start(at))
                .map_err(|e| from_io_error(vm, &e, None))?;
            self.drop_buffer(at);
            return Ok(at);
        }
        let at = self
            .open_file(vm)?
            .stream_position()
            .map_err(|e| from_io_error(vm, &e, None))?;
        self.base = at;
        Ok(at)
    }

    fn drop_buffer(&mut self, at: u64) {
        self.raw.clear();
        self.text.clear();
        self.loaded = false;
        self.base = at;
        self.pos = 0;
    }

    /// Loads the rest of the file into the read buffer.
    fn load(&mut self, vm: &Vm) -> PyResult<()> {
        if !self.readable {
            return Err(unsupported(vm, "not readable"));
        }
        if self.loaded {
            return Ok(());
        }
        self.flush_pending(vm)?;
        let f = self.open_file(vm)?;
        let base = f
            .stream_position()
            .map_err(|e| from_io_error(vm, &e, None))?;
        let mut data = Vec::new();
        f.read_to_end(&mut data)
            .map_err(|e| from_io_error(vm, &e, None))?;
        self.base = base;
        self.pos = 0;
        self.loaded = true;
        if self.binary {
            self.raw = data;
        } else {
            self.text = self.decode(vm, &data)?;
        }
        Ok(())
    }

    fn decode(&self, vm: &Vm, data: &[u8]) -> PyResult<String> {
        let text = crate::objects::codecs::decode(vm, data, &self.encoding_name, &self.errors)?;
        // These file objects keep UTF-8 text: lone surrogates from `surrogateescape` or
        // `surrogatepass` become U+FFFD here.
        let text = text
            .into_string()
            .unwrap_or_else(|b| b.as_wtf8().to_lossy());
        Ok(match self.newline.as_deref() {
            None => text.replace("\r\n", "\n").replace('\r', "\n"),
            _ => text,
        })
    }

    fn encode(&self, vm: &Vm, text: &str) -> PyResult<Vec<u8>> {
        let text = match self.newline.as_deref() {
            Some("\r\n") => text.replace('\n', "\r\n"),
            Some("\r") => text.replace('\n', "\r"),
            _ => text.to_string(),
        };
        crate::objects::codecs::encode(vm, &text, &self.encoding_name, &self.errors)
    }

    /// The next line (through its terminator), at most `limit` units.
    fn next_line(&mut self, limit: Option<usize>) -> (usize, usize) {
        let start = self.pos;
        let end = if self.binary {
            let rest = &self.raw[start..];
            let mut n = rest
                .iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            if let Some(l) = limit {
                n = n.min(l);
            }
            start + n
        } else {
            let rest = &self.text[start..];
            let term = match self.newline.as_deref() {
                Some("\r") => "\r",
                Some("\r\n") => "\r\n",
                _ => "\n",
            };
            let mut n = rest.find(term).map_or(rest.len(), |i| i + term.len());
            if self.newline.as_deref() == Some("") {
                // Any of \n, \r, \r\n ends a line; the terminator is kept as is.
                n = rest
                    .char_indices()
                    .find_map(|(i, c)| match c {
                        '\n' => Some(i + 1),
                        '\r' if rest[i + 1..].starts_with('\n') => Some(i + 2),
                        '\r' => Some(i + 1),
                        _ => None,
                    })
                    .unwrap_or(rest.len());
            }
            if let Some(l) = limit {
                n = rest.char_indices().nth(l).map_or(n, |(i, _)| n.min(i));
            }
            start + n
        };
        self.pos = end;
        (start, end)
    }
}

fn slice_result(vm: &Vm, st: &FileState, start: usize, end: usize) -> PyResult<ObjRef> {
    if st.binary {
        bytes::new_bytes(vm, &st.raw[start..end])
    } else {
        pystr::new_str_vm(vm, &st.text[start..end])
    }
}

fn size_arg(vm: &Vm, args: &[ObjRef]) -> PyResult<Option<usize>> {
    match args.first() {
        None => Ok(None),
        Some(a) if none::is_none(a) => Ok(None),
        Some(a) => {
            let n = int::as_i64(a).ok_or_else(|| {
                vm.type_error(&format!(
                    "argument should be integer or None, not '{}'",
                    a.ob_type().name()
                ))
            })?;
            Ok(usize::try_from(n).ok())
        }
    }
}

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let size = size_arg(vm, args)?;
    let mut st = f.state.borrow_mut();
    st.load(vm)?;
    let start = st.pos;
    let end = if st.binary {
        size.map_or(st.raw.len(), |n| (start + n).min(st.raw.len()))
    } else {
        let rest = &st.text[start..];
        size.map_or(st.text.len(), |n| {
            start + rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i)
        })
    };
    st.pos = end;
    slice_result(vm, &st, start, end)
}

fn m_readline(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let size = size_arg(vm, args)?;
    let mut st = f.state.borrow_mut();
    st.load(vm)?;
    let (start, end) = st.next_line(size);
    slice_result(vm, &st, start, end)
}

fn m_readlines(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let hint = size_arg(vm, args)?.filter(|h| *h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let mut st = f.state.borrow_mut();
        st.load(vm)?;
        let (start, end) = st.next_line(None);
        if start == end {
            break;
        }
        total += end - start;
        lines.push(slice_result(vm, &st, start, end)?);
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    list::new_list(vm, lines)
}

fn write_one(vm: &Vm, f: &FileObject, s: &ObjRef) -> PyResult<usize> {
    let mut st = f.state.borrow_mut();
    if st.file.is_none() {
        return Err(closed_error(vm));
    }
    if !st.writable {
        return Err(unsupported(vm, "not writable"));
    }
    let (data, count) = if st.binary {
        // Any bytes-like object: bytes, bytearray, a memoryview (pickle writes its frames so).
        let b = crate::objects::bytes_methods::buffer_arg(vm, s)?.into_owned();
        let n = b.len();
        (b, n)
    } else {
        let text = pystr::as_str(s).ok_or_else(|| {
            vm.type_error(&format!(
                "write() argument must be str, not {}",
                s.ob_type().name()
            ))
        })?;
        (st.encode(vm, text)?, pystr::char_len(s))
    };
    if st.loaded {
        if st.binary {
            st.sync(vm)?;
        } else {
            // As CPython's TextIOWrapper: the write goes where buffered reading stopped (here,
            // the end of what was loaded), not after the characters consumed.
            let end = st
                .open_file(vm)?
                .stream_position()
                .map_err(|e| from_io_error(vm, &e, None))?;
            st.drop_buffer(end);
        }
    }
    st.pending.extend_from_slice(&data);
    if st.pending.len() >= 1 << 16 {
        st.flush_pending(vm)?;
    }
    Ok(count)
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = args else {
        return Err(vm.type_error(&format!(
            "write() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let n = write_one(vm, file_of(vm, this)?, s)?;
    int::new_int(vm, n as i64)
}

fn m_writelines(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [lines] = args else {
        return Err(vm.type_error("writelines() takes exactly one argument"));
    };
    let f = file_of(vm, this)?;
    for line in ops::collect_iterable(vm, lines)? {
        write_one(vm, f, &line)?;
    }
    Ok(none::none())
}

fn m_close(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let mut st = f.state.borrow_mut();
    if st.file.is_some() {
        let r = st.flush_pending(vm);
        st.file = None;
        st.drop_buffer(0);
        r?;
    }
    Ok(none::none())
}

fn m_flush(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let mut st = f.state.borrow_mut();
    st.open_file(vm)?;
    st.flush_pending(vm)?;
    Ok(none::none())
}

fn m_tell(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let mut st = f.state.borrow_mut();
    st.open_file(vm)?;
    st.flush_pending(vm)?;
    let at = if st.loaded {
        st.base + st.consumed_bytes()
    } else {
        st.open_file(vm)?
            .stream_position()
            .map_err(|e| from_io_error(vm, &e, None))?
    };
    int::new_int(vm, at as i64)
}

fn m_seek(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let Some(offset) = args.first() else {
        return Err(vm.type_error("seek expected at least 1 argument, got 0"));
    };
    let offset = int::as_i64(offset).ok_or_else(|| {
        vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            offset.ob_type().name()
        ))
    })?;
    let whence = args.get(1).and_then(int::as_i64).unwrap_or(0);
    let mut st = f.state.borrow_mut();
    st.open_file(vm)?;
    if !st.binary && whence != 0 && offset != 0 {
        return Err(unsupported(
            vm,
            if whence == 1 {
                "can't do nonzero cur-relative seeks"
            } else {
                "can't do nonzero end-relative seeks"
            },
        ));
    }
    let cur = st.sync(vm)?;
    let target = match whence {
        0 => {
            if offset < 0 {
                return Err(vm.value_error(&format!("negative seek position {offset}")));
            }
            SeekFrom::Start(offset as u64)
        }
        1 => SeekFrom::Start((cur as i64 + offset).max(0) as u64),
        2 => SeekFrom::End(offset),
        _ => return Err(vm.value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let at = st
        .open_file(vm)?
        .seek(target)
        .map_err(|e| from_io_error(vm, &e, None))?;
    st.drop_buffer(at);
    int::new_int(vm, at as i64)
}

/// `truncate(size=None)`: the file cut (or extended with zeros) to `size` bytes, by default
/// the current position, which does not move.
fn m_truncate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "truncate", kw)?;
    crate::vm::args::check_count(vm, "truncate", args, 0, 1)?;
    let f = file_of(vm, this)?;
    let mut st = f.state.borrow_mut();
    st.open_file(vm)?;
    if !st.writable {
        return Err(unsupported(vm, "File not open for writing"));
    }
    let cur = st.sync(vm)?;
    let size = match args.first().filter(|a| !none::is_none(a)) {
        Some(a) => {
            let n = crate::vm::argparse::index_arg(vm, a)?;
            if n < 0 {
                return Err(from_io_error(
                    vm,
                    &std::io::Error::from_raw_os_error(libc::EINVAL),
                    None,
                ));
            }
            n as u64
        }
        None => cur,
    };
    st.open_file(vm)?
        .set_len(size)
        .map_err(|e| from_io_error(vm, &e, None))?;
    int::new_int(vm, size as i64)
}

fn flag(vm: &Vm, this: &ObjRef, which: fn(&FileState) -> bool) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let st = f.state.borrow();
    if st.file.is_none() {
        return Err(closed_error(vm));
    }
    Ok(boolobj::new_bool(which(&st)))
}

fn m_readable(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    flag(vm, this, |s| s.readable)
}

fn m_writable(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    flag(vm, this, |s| s.writable)
}

fn m_seekable(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    flag(vm, this, |_| true)
}

fn m_isatty(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    flag(vm, this, |_| false)
}

fn m_enter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    if file_of(vm, this)?.state.borrow().file.is_none() {
        return Err(closed_error(vm));
    }
    Ok(this.clone())
}

fn m_exit(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    m_close(vm, this, &[], None)
}

fn f_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    if file_of(vm, obj)?.state.borrow().file.is_none() {
        return Err(closed_error(vm));
    }
    Ok(obj.clone())
}

fn f_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let f = file_of(vm, obj)?;
    let mut st = f.state.borrow_mut();
    st.load(vm)?;
    let (start, end) = st.next_line(None);
    if start == end {
        return Ok(None);
    }
    slice_result(vm, &st, start, end).map(Some)
}

fn f_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let f = file_of(vm, obj)?;
    let ty = obj.ob_type().name().trim_start_matches("_io.").to_string();
    let st = f.state.borrow();
    if st.file.is_none() {
        return pystr::new_str_vm(vm, &format!("<_io.{ty} name={} closed>", name_repr(vm, f)?));
    }
    let text = if st.binary {
        format!("<_io.{ty} name={}>", name_repr(vm, f)?)
    } else {
        format!(
            "<_io.{ty} name={} mode='{}' encoding='{}'>",
            name_repr(vm, f)?,
            st.mode,
            st.encoding_name
        )
    };
    pystr::new_str_vm(vm, &text)
}

fn name_repr(vm: &Vm, f: &FileObject) -> PyResult<String> {
    ops::repr_string(vm, &f.name.get().unwrap_or_else(none::none))
}

fn f_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let f = file_of(vm, obj)?;
    let st = f.state.borrow();
    Ok(Some(match name {
        "name" => f.name.get().unwrap_or_else(none::none),
        "closed" => boolobj::new_bool(st.file.is_none()),
        "mode" => pystr::new_str_vm(vm, &st.mode)?,
        "encoding" if !st.binary => pystr::new_str_vm(vm, &st.encoding_name)?,
        "errors" if !st.binary => pystr::new_str_vm(vm, &st.errors)?,
        "newlines" if !st.binary => none::none(),
        "line_buffering" if !st.binary => boolobj::new_bool(false),
        _ => {
            drop(st);
            return extra::extra_getattr(vm, obj, name);
        }
    }))
}

fn m_fileno(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = file_of(vm, this)?;
    let st = f.state.borrow();
    let file = st.file.as_ref().ok_or_else(|| closed_error(vm))?;
    use std::os::fd::AsRawFd;
    int::new_int(vm, file.as_raw_fd() as i64)
}

static FILE_METHODS: [MethodDef; 18] = [
    MethodDef {
        name: "truncate",
        func: m_truncate,
        flags: 0,
    },
    MethodDef {
        name: "read",
        func: m_read,
        flags: 0,
    },
    MethodDef {
        name: "readline",
        func: m_readline,
        flags: 0,
    },
    MethodDef {
        name: "readlines",
        func: m_readlines,
        flags: 0,
    },
    MethodDef {
        name: "write",
        func: m_write,
        flags: 0,
    },
    MethodDef {
        name: "writelines",
        func: m_writelines,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: m_close,
        flags: 0,
    },
    MethodDef {
        name: "flush",
        func: m_flush,
        flags: 0,
    },
    MethodDef {
        name: "tell",
        func: m_tell,
        flags: 0,
    },
    MethodDef {
        name: "seek",
        func: m_seek,
        flags: 0,
    },
    MethodDef {
        name: "readable",
        func: m_readable,
        flags: 0,
    },
    MethodDef {
        name: "writable",
        func: m_writable,
        flags: 0,
    },
    MethodDef {
        name: "seekable",
        func: m_seekable,
        flags: 0,
    },
    MethodDef {
        name: "isatty",
        func: m_isatty,
        flags: 0,
    },
    MethodDef {
        name: "fileno",
        func: m_fileno,
        flags: 0,
    },
    MethodDef {
        name: "__enter__",
        func: m_enter,
        flags: 0,
    },
    MethodDef {
        name: "__exit__",
        func: m_exit,
        flags: 0,
    },
    MethodDef {
        name: "__iter__",
        func: m_iter,
        flags: 0,
    },
];

fn m_iter(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    f_iter(vm, this)
}

const FILE_SLOTS: Slots = Slots {
    repr: Some(f_repr),
    iter: Some(f_iter),
    next: Some(f_next),
    getattr: Some(f_getattr),
    ..Slots::EMPTY
};

/// The data attributes of `_io.TextIOWrapper` that files here have (`mode` is an instance attribute in CPython; `buffer`, `write_through` and `_CHUNK_SIZE` are left out: there is no buffer object).
static TEXT_FILE_GETSET: [crate::object::GetSetDef; 6] = [
    crate::object::GetSetDef {
        name: "encoding",
        get: f_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "line_buffering",
        get: f_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    crate::object::GetSetDef {
        name: "name",
        get: f_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "closed",
        get: f_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "newlines",
        get: f_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "errors",
        get: f_getattr,
        set: None,
    },
];

/// The data attributes of the buffered binary files (`raw` is left out: there is no raw file object).
static BINARY_FILE_GETSET: [crate::object::GetSetDef; 3] = [
    crate::object::GetSetDef {
        name: "closed",
        get: f_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "name",
        get: f_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "mode",
        get: f_getattr,
        set: None,
    },
];

macro_rules! file_type {
    ($name:ident, $text:literal, $getset:expr) => {
        #[doc = concat!("`", $text, "`.")]
        pub static $name: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: $getset,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $text,
            base: Some(&OBJECT_TYPE),
            flags: 0,
            payload: &FILE_VTABLE,
            slots: FILE_SLOTS,
            methods: &FILE_METHODS,
            doc: "",
        };
    };
}

file_type!(TEXT_IO_WRAPPER_TYPE, "_io.TextIOWrapper", &TEXT_FILE_GETSET);
file_type!(
    BUFFERED_READER_TYPE,
    "_io.BufferedReader",
    &BINARY_FILE_GETSET
);
file_type!(
    BUFFERED_WRITER_TYPE,
    "_io.BufferedWriter",
    &BINARY_FILE_GETSET
);
file_type!(
    BUFFERED_RANDOM_TYPE,
    "_io.BufferedRandom",
    &BINARY_FILE_GETSET
);

/// What `open()` decided about a file (see [`super::fileobj_open`]).
pub(crate) struct OpenSpec {
    /// The mode as `f.mode` shows it.
    pub mode: String,
    /// `b` in the mode.
    pub binary: bool,
    /// Opened for reading.
    pub readable: bool,
    /// Opened for writing.
    pub writable: bool,
    /// The codec name (text mode).
    pub encoding: String,
    /// The `errors=` handler.
    pub errors: String,
    /// `newline=`.
    pub newline: Option<String>,
}

/// A file object of type `ty` over an open file.
pub(crate) fn new_file(
    vm: &Vm,
    ty: &'static TypeObject,
    handle: std::fs::File,
    spec: OpenSpec,
    name: ObjRef,
) -> PyResult<ObjRef> {
    let state = FileState {
        file: Some(handle),
        mode: spec.mode,
        binary: spec.binary,
        readable: spec.readable,
        writable: spec.writable,
        encoding_name: spec.encoding,
        errors: spec.errors,
        newline: spec.newline,
        raw: Vec::new(),
        text: String::new(),
        loaded: false,
        base: 0,
        pos: 0,
        pending: Vec::new(),
    };
    new_object(
        ty,
        FileObject {
            state: RefCell::new(state),
            name: ObjCell::new(Some(name)),
        },
    )
    .or_mem(vm)
}
