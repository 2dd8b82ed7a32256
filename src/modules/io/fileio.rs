//! `_io.FileIO`: a raw binary file, every call one system call, over a descriptor that the
//! object opened itself (from a path, or through `opener`) or was given.
//!
//! Reads, seeks and closing go to the descriptor number. Writing and truncating need a handle
//! the safe system-call wrappers accept: the `File` this object opened, or, for a descriptor it
//! was given, a second opening of `/proc/self/fd/N` (the same file, pipe or terminal) whose
//! offset is kept in step with the descriptor's.

use super::iobase::{size_arg, IO_SLOTS, RAW_IOBASE_TYPE};
use super::unsupported;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::oserror::from_io_error;
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{boolobj, bytes, int, none, slice, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};
use nix::unistd::Whence;
use std::cell::RefCell;
use std::fs::File;
use std::os::fd::{AsRawFd, IntoRawFd, RawFd};

#[derive(Default)]
struct State {
    /// The descriptor; -1 once closed (or before initialisation).
    fd: RawFd,
    /// The file, when this object opened it (it owns `fd` then).
    file: Option<File>,
    /// The second opening used to write to a descriptor given as a number.
    writer: Option<File>,
    readable: bool,
    writable: bool,
    appending: bool,
    created: bool,
    closefd: bool,
    /// Being closed by finalization: an open descriptor it owns is reported.
    finalizing: bool,
}

/// Payload of a `FileIO`.
pub struct FileIOObject {
    state: RefCell<State>,
    name: ObjCell,
    dict: ObjCell,
}

impl PyPayload for FileIOObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [self.name.replace(None), self.dict.replace(None)]
            .into_iter()
            .flatten()
            .collect()
    }
}

super::instdict::dict_slots!(FileIOObject, fileio_getattr, fileio_setattr);

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`name`, `dict`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for FileIOObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.name.traverse(visit);
        self.dict.traverse(visit);
    }
}

impl Drop for FileIOObject {
    fn drop(&mut self) {
        let st = self.state.get_mut();
        let _ = release(st);
    }
}

/// Closes the descriptor if the object owns it; the state becomes closed.
fn release(st: &mut State) -> nix::Result<()> {
    st.writer = None;
    let fd = std::mem::replace(&mut st.fd, -1);
    match st.file.take() {
        Some(f) if st.closefd => {
            let raw = f.into_raw_fd();
            nix::unistd::close(raw)
        }
        Some(f) => {
            // Not ours to close: keep the descriptor open.
            let _ = f.into_raw_fd();
            Ok(())
        }
        None if st.closefd && fd >= 0 => nix::unistd::close(fd),
        None => Ok(()),
    }
}

static FILEIO_VTABLE: PayloadVTable = PayloadVTable::of::<FileIOObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a FileIOObject> {
    obj.downcast::<FileIOObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_io.FileIO' object"))
}

fn closed_error(vm: &Vm) -> PyErr {
    vm.value_error("I/O operation on closed file")
}

fn errno_error(vm: &Vm, e: nix::errno::Errno) -> PyErr {
    from_io_error(vm, &std::io::Error::from_raw_os_error(e as i32), None)
}

/// The open state of `obj`.
fn open_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<std::cell::RefMut<'a, State>> {
    let st = payload(vm, obj)?.state.borrow_mut();
    if st.fd < 0 {
        return Err(closed_error(vm));
    }
    Ok(st)
}

/// The parsed mode: (readable, writable, appending, created, truncating, plus).
fn parse_mode(vm: &Vm, mode: &str) -> PyResult<(bool, bool, bool, bool, bool)> {
    let (mut r, mut w, mut a, mut x, mut plus) = (false, false, false, false, false);
    let mut kinds = 0;
    for c in mode.chars() {
        match c {
            'r' => r = true,
            'w' => w = true,
            'a' => a = true,
            'x' => x = true,
            '+' => {
                if plus {
                    kinds = 2;
                }
                plus = true;
                continue;
            }
            'b' => continue,
            _ => return Err(vm.value_error(&format!("invalid mode: {mode}"))),
        }
        kinds += 1;
    }
    if kinds != 1 {
        return Err(vm.value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    Ok((r || plus, w || a || x || plus, a, x, w))
}

/// The path of a `str`, `bytes` or `os.PathLike` argument.
fn path_of(vm: &Vm, file: &ObjRef) -> PyResult<String> {
    if let Some(s) = pystr::as_str(file) {
        return Ok(s.to_string());
    }
    if let Some(b) = bytes::as_bytes(file) {
        return Ok(String::from_utf8_lossy(b).into_owned());
    }
    if let Some(f) = ops::lookup_special(vm, file, "__fspath__")? {
        let p = ops::call(vm, &f, &[], None)?;
        if let Some(s) = pystr::as_str(&p) {
            return Ok(s.to_string());
        }
        if let Some(b) = bytes::as_bytes(&p) {
            return Ok(String::from_utf8_lossy(b).into_owned());
        }
    }
    Err(vm.type_error(&format!(
        "expected str, bytes or os.PathLike object, not {}",
        file.ob_type().name()
    )))
}

/// `FileIO(file, mode='r', closefd=True, opener=None)`: opens and (re)initialises.
fn init_state(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let sig = Sig::Kw {
        names: &["file", "mode", "closefd", "opener"],
        required: 1,
        posonly: 0,
    };
    let [file, mode, closefd, opener] = parse::<4>(vm, "FileIO", sig, args, kw)?;
    let file = file.unwrap_or_else(none::none);
    let p = payload(vm, obj)?;
    {
        let mut st = p.state.borrow_mut();
        if st.fd >= 0 {
            let _ = release(&mut st);
        }
    }
    let mode = match &mode {
        None => "r".to_string(),
        Some(m) => pystr::as_str(m).map(str::to_string).ok_or_else(|| {
            vm.type_error(&format!(
                "FileIO() argument 'mode' must be str, not {}",
                m.ob_type().name()
            ))
        })?,
    };
    let closefd = match &closefd {
        None => true,
        Some(c) => ops::truthy(vm, c)?,
    };
    let (readable, writable, appending, created, truncating) = parse_mode(vm, &mode)?;
    let mut st = State {
        fd: -1,
        readable,
        writable,
        appending,
        created,
        closefd,
        ..State::default()
    };
    if int::is_int(&file) {
        let fd = index_arg(vm, &file)?;
        if fd < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        st.fd = i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
    } else {
        if !closefd {
            return Err(vm.value_error("Cannot use closefd=False with file name"));
        }
        let path = path_of(vm, &file)?;
        match opener.filter(|o| !none::is_none(o)) {
            Some(opener) => {
                let flags = (if readable && writable {
                    libc::O_RDWR
                } else if writable {
                    libc::O_WRONLY
                } else {
                    libc::O_RDONLY
                }) | if created {
                    libc::O_EXCL | libc::O_CREAT
                } else {
                    0
                } | if truncating {
                    libc::O_CREAT | libc::O_TRUNC
                } else {
                    0
                } | if appending {
                    libc::O_APPEND | libc::O_CREAT
                } else {
                    0
                } | libc::O_CLOEXEC;
                let r = ops::call(
                    vm,
                    &opener,
                    &[file.clone(), int::new_int(vm, flags as i64)?],
                    None,
                )?;
                if !int::is_int(&r) {
                    return Err(vm.type_error("expected integer from opener"));
                }
                let fd = index_arg(vm, &r)?;
                if fd < 0 {
                    return Err(vm.value_error(&format!("opener returned {fd}")));
                }
                st.fd = fd as RawFd;
            }
            None => {
                let mut opts = std::fs::OpenOptions::new();
                opts.read(readable)
                    .write(writable && !appending)
                    .append(appending)
                    .truncate(truncating)
                    .create(truncating || appending)
                    .create_new(created);
                let f = opts
                    .open(&path)
                    .map_err(|e| from_io_error(vm, &e, Some(&file)))?;
                st.fd = f.as_raw_fd();
                st.file = Some(f);
            }
        }
        let is_dir = match &st.file {
            Some(f) => f.metadata().is_ok_and(|m| m.is_dir()),
            None => std::fs::metadata(format!("/proc/self/fd/{}", st.fd)).is_ok_and(|m| m.is_dir()),
        };
        if is_dir {
            let _ = release(&mut st);
            let e = std::io::Error::from_raw_os_error(libc::EISDIR);
            return Err(from_io_error(vm, &e, Some(&file)));
        }
    }
    if appending {
        let _ = nix::unistd::lseek(st.fd, 0, Whence::SeekEnd);
    }
    *p.state.borrow_mut() = st;
    let old = p.name.replace(Some(file));
    drop(old);
    Ok(())
}

fn fileio_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        FileIOObject {
            state: RefCell::new(State {
                fd: -1,
                ..State::default()
            }),
            name: ObjCell::new(None),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)?;
    // A subclass's own __init__ (which the class call runs next) initialises it.
    if !args.is_empty() || kw.is_some() || !ty.is_heap_type() {
        init_state(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

fn m_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init_state(vm, this, args, kw)?;
    Ok(none::none())
}

/// Reads up to `n` bytes (fewer at the end of the file); `None` when a non-blocking
/// descriptor has nothing yet. An interrupted read runs the signal handlers first.
fn read_some(vm: &Vm, fd: RawFd, n: usize) -> PyResult<Option<Vec<u8>>> {
    let mut buf = vec![0u8; n];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(got) => {
                buf.truncate(got);
                return Ok(Some(buf));
            }
            Err(nix::errno::Errno::EINTR) => crate::modules::signal::run_pending(vm)?,
            Err(nix::errno::Errno::EAGAIN) => return Ok(None),
            Err(e) => return Err(errno_error(vm, e)),
        }
    }
}

fn check_readable(vm: &Vm, st: &State) -> PyResult<()> {
    if st.readable {
        Ok(())
    } else {
        Err(unsupported(vm, "File not open for reading"))
    }
}

fn check_writable(vm: &Vm, st: &State) -> PyResult<()> {
    if st.writable {
        Ok(())
    } else {
        Err(unsupported(vm, "File not open for writing"))
    }
}

/// Reads to the end; `None` when a non-blocking descriptor had nothing at all.
fn read_all(vm: &Vm, fd: RawFd) -> PyResult<Option<Vec<u8>>> {
    let mut out = Vec::new();
    loop {
        let chunk = read_some(
            vm,
            fd,
            (out.len().max(super::DEFAULT_BUFFER_SIZE as usize)).min(1 << 24),
        )?;
        match chunk {
            None if out.is_empty() => return Ok(None),
            None => return Ok(Some(out)),
            Some(c) if c.is_empty() => return Ok(Some(out)),
            Some(c) => out.extend_from_slice(&c),
        }
    }
}

/// The bytes object of a read, or None for one that would have blocked.
fn read_result(vm: &Vm, data: Option<Vec<u8>>) -> PyResult<ObjRef> {
    match data {
        Some(d) => bytes::new_bytes(vm, &d),
        None => Ok(none::none()),
    }
}

fn m_read(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "read", Sig::Clinic(0, 1), args, kw)?;
    let size = size_arg(vm, size.as_ref())?;
    let st = open_state(vm, this)?;
    check_readable(vm, &st)?;
    let fd = st.fd;
    drop(st);
    let data = if size < 0 {
        read_all(vm, fd)?
    } else {
        read_some(vm, fd, size as usize)?
    };
    read_result(vm, data)
}

fn m_readall(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "readall", Sig::NoArgs, args, kw)?;
    let st = open_state(vm, this)?;
    check_readable(vm, &st)?;
    let fd = st.fd;
    drop(st);
    read_result(vm, read_all(vm, fd)?)
}

fn m_readinto(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "readinto", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let st = open_state(vm, this)?;
    check_readable(vm, &st)?;
    let fd = st.fd;
    drop(st);
    let len = crate::objects::bytes_methods::buffer_arg(vm, &b)?.len();
    let Some(data) = read_some(vm, fd, len)? else {
        return Ok(none::none());
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

/// The handle writes and truncation go through (see the module docs).
fn write_handle<'a>(vm: &Vm, st: &'a mut State) -> PyResult<&'a mut File> {
    if st.file.is_none() && st.writer.is_none() {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .append(st.appending)
            .open(format!("/proc/self/fd/{}", st.fd))
            .map_err(|e| from_io_error(vm, &e, None))?;
        st.writer = Some(f);
    }
    match (st.file.as_mut(), st.writer.as_mut()) {
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Err(closed_error(vm)),
    }
}

fn m_write(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "write", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    let data = crate::objects::bytes_methods::buffer_arg(vm, &b)?.into_owned();
    let st = open_state(vm, this)?;
    check_writable(vm, &st)?;
    let fd = st.fd;
    drop(st);
    // write(2) on the descriptor itself: its offset, O_APPEND and O_NONBLOCK apply as they
    // are; a write that would block returns None, as in CPython.
    let n = loop {
        match crate::modules::posix::ffi::write(fd, &data) {
            Ok(n) => break n,
            Err(nix::errno::Errno::EINTR) => crate::modules::signal::run_pending(vm)?,
            Err(nix::errno::Errno::EAGAIN) => return Ok(none::none()),
            Err(e) => return Err(errno_error(vm, e)),
        }
    };
    int::new_int(vm, n as i64)
}

fn do_seek(vm: &Vm, fd: RawFd, pos: i64, whence: i64) -> PyResult<i64> {
    let w = match whence {
        0 => Whence::SeekSet,
        1 => Whence::SeekCur,
        2 => Whence::SeekEnd,
        3 => Whence::SeekData,
        4 => Whence::SeekHole,
        _ => return Err(vm.value_error(&format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    nix::unistd::lseek(fd, pos, w).map_err(|e| errno_error(vm, e))
}

fn m_seek(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pos, whence] = parse::<2>(vm, "seek", Sig::Clinic(1, 2), args, kw)?;
    let pos = pos.unwrap_or_else(none::none);
    if crate::objects::float::as_f64(&pos).is_some() && !int::is_int(&pos) {
        return Err(vm.type_error("an integer is required"));
    }
    let pos = index_arg(vm, &pos)?;
    let whence = match &whence {
        Some(w) => index_arg(vm, w)?,
        None => 0,
    };
    let fd = open_state(vm, this)?.fd;
    int::new_int(vm, do_seek(vm, fd, pos, whence)?)
}

fn m_tell(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "tell", Sig::NoArgs, args, kw)?;
    let fd = open_state(vm, this)?.fd;
    int::new_int(vm, do_seek(vm, fd, 0, 1)?)
}

fn m_truncate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "truncate", Sig::Clinic(0, 1), args, kw)?;
    let mut st = open_state(vm, this)?;
    check_writable(vm, &st)?;
    let size = match &size {
        Some(s) if !none::is_none(s) => index_arg(vm, s)?,
        _ => do_seek(vm, st.fd, 0, 1)?,
    };
    if size < 0 {
        return Err(from_io_error(
            vm,
            &std::io::Error::from_raw_os_error(libc::EINVAL),
            None,
        ));
    }
    let h = write_handle(vm, &mut st)?;
    h.set_len(size as u64)
        .map_err(|e| from_io_error(vm, &e, None))?;
    int::new_int(vm, size)
}

/// `ResourceWarning("unclosed file <repr of source>")` for an open descriptor this object
/// would close.
fn dealloc_warn(vm: &Vm, this: &ObjRef, source: &ObjRef) -> PyResult<()> {
    let owned = {
        let st = payload(vm, this)?.state.borrow();
        st.fd >= 0 && st.closefd
    };
    if owned {
        let r = ops::repr_string(vm, source)?;
        super::iobase::resource_warning(vm, source, &format!("unclosed file {r}"))?;
    }
    Ok(())
}

fn m_dealloc_warn(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [source] = parse::<1>(vm, "_dealloc_warn", Sig::One, args, kw)?;
    dealloc_warn(vm, this, &source.unwrap_or_else(none::none))?;
    Ok(none::none())
}

/// Closes an unclosed file at deallocation (CPython's `tp_finalize`), with its warning.
fn fileio_finalize(vm: &Vm, obj: &ObjRef) {
    let Ok(p) = payload(vm, obj) else {
        return;
    };
    let open = match p.state.try_borrow_mut() {
        Ok(mut st) if st.fd >= 0 => {
            st.finalizing = true;
            true
        }
        _ => false,
    };
    if open {
        let _ = super::iobase::call_method(vm, obj, "close", &[]);
    }
}

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    if payload(vm, this)?.state.borrow().finalizing {
        let _ = dealloc_warn(vm, this, this);
    }
    // The base class's close flushes first (a subclass may buffer).
    let flushed = if payload(vm, this)?.state.borrow().fd >= 0 {
        super::iobase::call_method(vm, this, "flush", &[]).map(|_| ())
    } else {
        Ok(())
    };
    let res = release(&mut payload(vm, this)?.state.borrow_mut());
    flushed?;
    res.map_err(|e| errno_error(vm, e))?;
    Ok(none::none())
}

fn m_flush(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "flush", Sig::NoArgs, args, kw)?;
    open_state(vm, this).map_err(|_| super::iobase::closed_error(vm))?;
    Ok(none::none())
}

macro_rules! flag_method {
    ($f:ident, $name:literal, $e:expr) => {
        fn $f(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            parse::<0>(vm, $name, Sig::NoArgs, args, kw)?;
            let st = open_state(vm, this)?;
            let f: fn(&State) -> bool = $e;
            Ok(boolobj::new_bool(f(&st)))
        }
    };
}

flag_method!(m_readable, "readable", |st| st.readable);
flag_method!(m_writable, "writable", |st| st.writable);
flag_method!(m_seekable, "seekable", |st| nix::unistd::lseek(
    st.fd,
    0,
    Whence::SeekCur
)
.is_ok());
flag_method!(m_isatty, "isatty", |st| nix::unistd::isatty(st.fd)
    .unwrap_or(false));

fn m_fileno(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "fileno", Sig::NoArgs, args, kw)?;
    let fd = open_state(vm, this)?.fd;
    int::new_int(vm, fd as i64)
}

fn m_getstate(vm: &Vm, this: &ObjRef, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.type_error(&format!("cannot pickle '{}' object", this.ob_type().name())))
}

/// The mode as `f.mode` shows it.
fn mode_text(st: &State) -> &'static str {
    match (st.created, st.appending, st.readable, st.writable) {
        (true, _, true, _) => "xb+",
        (true, _, false, _) => "xb",
        (_, true, true, _) => "ab+",
        (_, true, false, _) => "ab",
        (_, _, true, true) => "rb+",
        (_, _, true, false) => "rb",
        _ => "wb",
    }
}

fn fileio_repr(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, this)?;
    let (fd, mode, closefd) = {
        let st = p.state.borrow();
        (st.fd, mode_text(&st), st.closefd)
    };
    let cls = this.ob_type().name().to_string();
    let cls = if cls == "_io.FileIO" {
        cls
    } else {
        format!("_io.{cls}")
    };
    if fd < 0 {
        return pystr::new_str_vm(vm, &format!("<{cls} [closed]>"));
    }
    let closefd = if closefd { "True" } else { "False" };
    let text = match p.name.get() {
        Some(n) => format!(
            "<{cls} name={} mode='{mode}' closefd={closefd}>",
            ops::repr_string(vm, &n)?
        ),
        None => format!("<{cls} fd={fd} mode='{mode}' closefd={closefd}>"),
    };
    pystr::new_str_vm(vm, &text)
}

/// `readinto` of an exact `FileIO` without the bytearray: up to `n` bytes, `None` inside
/// when it would block; `None` outside for other objects.
pub(crate) fn exact_read(vm: &Vm, obj: &ObjRef, n: usize) -> Option<PyResult<Option<Vec<u8>>>> {
    if !std::ptr::eq(obj.ob_type(), &FILEIO_TYPE) {
        return None;
    }
    let fd = match open_state(vm, obj) {
        Ok(st) => match check_readable(vm, &st) {
            Ok(()) => st.fd,
            Err(e) => return Some(Err(e)),
        },
        Err(e) => return Some(Err(e)),
    };
    Some(read_some(vm, fd, n))
}

/// Whether an exact `FileIO` is closed, without an attribute lookup (`None` for other
/// objects, whose `closed` may be overridden).
pub(crate) fn exact_closed(obj: &ObjRef) -> Option<bool> {
    if !std::ptr::eq(obj.ob_type(), &FILEIO_TYPE) {
        return None;
    }
    let p = obj.downcast::<FileIOObject>()?;
    let closed = p.state.try_borrow().ok()?.fd < 0;
    Some(closed)
}

fn get_closed(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(boolobj::new_bool(
        payload(vm, obj)?.state.borrow().fd < 0,
    )))
}

fn get_closefd(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(boolobj::new_bool(
        payload(vm, obj)?.state.borrow().closefd,
    )))
}

fn get_mode(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let m = mode_text(&payload(vm, obj)?.state.borrow());
    pystr::new_str_vm(vm, m).map(Some)
}

fn get_name(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    match payload(vm, obj)?.name.get() {
        Some(n) => Ok(Some(n)),
        None => Err(vm.new_error(
            &crate::objects::exceptions::ATTRIBUTE_ERROR,
            "'_io.FileIO' object has no attribute 'name'",
        )),
    }
}

fn set_name(vm: &Vm, obj: &ObjRef, _n: &ObjRef, v: Option<ObjRef>) -> PyResult<()> {
    let old = payload(vm, obj)?.name.replace(v);
    drop(old);
    Ok(())
}

fn get_blksize(vm: &Vm, _obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    int::new_int(vm, super::DEFAULT_BUFFER_SIZE).map(Some)
}

fn get_finalizing(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    let v = payload(vm, obj)?.state.borrow().finalizing;
    Ok(Some(boolobj::new_bool(v)))
}

fn set_finalizing(vm: &Vm, obj: &ObjRef, _n: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let v = match value {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    payload(vm, obj)?.state.borrow_mut().finalizing = v;
    Ok(())
}

static FILEIO_GETSET: [GetSetDef; 6] = [
    GetSetDef {
        name: "closed",
        get: get_closed,
        set: None,
    },
    GetSetDef {
        name: "closefd",
        get: get_closefd,
        set: None,
    },
    GetSetDef {
        name: "mode",
        get: get_mode,
        set: None,
    },
    GetSetDef {
        name: "name",
        get: get_name,
        set: Some(set_name),
    },
    GetSetDef {
        name: "_blksize",
        get: get_blksize,
        set: None,
    },
    GetSetDef {
        name: "_finalizing",
        get: get_finalizing,
        set: Some(set_finalizing),
    },
];

macro_rules! methods {
    ($($name:literal => $func:path),* $(,)?) => {
        [$(MethodDef { name: $name, func: $func, flags: 0 }),*]
    };
}

static FILEIO_METHODS: [MethodDef; 18] = methods![
    "__init__" => m_init,
    "read" => m_read,
    "readall" => m_readall,
    "readinto" => m_readinto,
    "write" => m_write,
    "seek" => m_seek,
    "tell" => m_tell,
    "truncate" => m_truncate,
    "close" => m_close,
    "flush" => m_flush,
    "seekable" => m_seekable,
    "readable" => m_readable,
    "writable" => m_writable,
    "fileno" => m_fileno,
    "isatty" => m_isatty,
    "__getstate__" => m_getstate,
    "__reduce_ex__" => m_getstate,
    "_dealloc_warn" => m_dealloc_warn,
];

/// `_io.FileIO`.
pub static FILEIO_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &FILEIO_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_io.FileIO",
    base: Some(&RAW_IOBASE_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::FINALIZE_ON_DEALLOC,
    payload: &FILEIO_VTABLE,
    slots: Slots {
        repr: Some(fileio_repr),
        new: Some(fileio_new),
        getattr: Some(fileio_getattr),
        setattr: Some(fileio_setattr),
        finalize: Some(fileio_finalize),
        ..IO_SLOTS
    },
    methods: &FILEIO_METHODS,
    doc: "Open a file.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_show_as_cpython() {
        let st = |r, w, a, x| State {
            readable: r,
            writable: w,
            appending: a,
            created: x,
            ..State::default()
        };
        assert_eq!(mode_text(&st(true, false, false, false)), "rb");
        assert_eq!(mode_text(&st(false, true, false, false)), "wb");
        assert_eq!(mode_text(&st(true, true, false, false)), "rb+");
        assert_eq!(mode_text(&st(false, true, true, false)), "ab");
        assert_eq!(mode_text(&st(true, true, false, true)), "xb+");
    }
}
