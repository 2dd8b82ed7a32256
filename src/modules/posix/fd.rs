//! `posix` calls on open descriptors: `open`, `close`, `read`, `write`, `lseek`, `dup`,
//! `pipe`, inheritance and blocking flags, and terminal queries.
//!
//! As in CPython, descriptors the interpreter creates are non-inheritable (`O_CLOEXEC`).

use super::fs::kw;
use super::path::{c_int, fd_value, os_error, path_arg, path_error, Allow};
use super::stat::dir_fd_arg;
use crate::object::ObjRef;
use crate::objects::{boolobj, bytes, int, none, str as pystr, structseq, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use nix::fcntl::{fcntl, FcntlArg, FdFlag, OFlag};
use std::os::fd::IntoRawFd;

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

fn err(vm: &Vm, e: nix::errno::Errno) -> PyErr {
    os_error(vm, e, None, None)
}

/// The bytes of a bytes-like argument (`bytes`, `bytearray`, `memoryview`).
pub fn buffer_arg(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes::as_bytes(obj) {
        return Ok(b.to_vec());
    }
    if let Some(b) = crate::objects::bytearray::storage(obj) {
        return Ok(b.to_vec());
    }
    if let Some(b) = crate::objects::memoryview::view_bytes(obj) {
        return Ok(b);
    }
    Err(vm.type_error(&format!(
        "a bytes-like object is required, not '{}'",
        obj.ob_type().name()
    )))
}

/// `open(path, flags, mode=0o777, *, dir_fd=None)`: a new non-inheritable descriptor.
pub fn p_open(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, flags, mode, dir_fd] = kw::<4>(
        vm,
        "open",
        &["path", "flags", "mode", "dir_fd"],
        2,
        args,
        kwn,
    )?;
    super::fs::positional_limit(vm, "open", args, kwn, 3, 2)?;
    let p = path_arg(vm, "open", "path", &req(path), Allow::Path)?;
    let flags = c_int(vm, &req(flags))?;
    let mode = match mode {
        Some(m) => c_int(vm, &m)?,
        None => 0o777,
    };
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    let flags = OFlag::from_bits_retain(flags) | OFlag::O_CLOEXEC;
    loop {
        match nix::fcntl::openat(
            dir_fd,
            p.bytes.as_slice(),
            flags,
            nix::sys::stat::Mode::from_bits_retain(mode as u32),
        ) {
            Ok(fd) => return int::new_int(vm, fd as i64),
            Err(nix::errno::Errno::EINTR) => super::super::signal::run_pending(vm)?,
            Err(e) => return Err(path_error(vm, e, &p)),
        }
    }
}

fn fd_only(vm: &Vm, func: &str, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<i32> {
    let [fd] = parse::<1>(
        vm,
        func,
        Sig::Kw {
            names: &["fd"],
            required: 1,
            posonly: 0,
        },
        args,
        kwn,
    )?;
    c_int(vm, &req(fd))
}

/// `close(fd)`.
pub fn p_close(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let fd = fd_only(vm, "close", args, kwn)?;
    nix::unistd::close(fd)
        .map(|_| none::none())
        .map_err(|e| err(vm, e))
}

/// `closerange(fd_low, fd_high)`: closes every descriptor in the range, ignoring errors.
pub fn p_closerange(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [lo, hi] = parse::<2>(vm, "closerange", Sig::Clinic(2, 2), args, kwn)?;
    let (lo, hi) = (c_int(vm, &req(lo))?, c_int(vm, &req(hi))?);
    for fd in lo.max(0)..hi {
        let _ = nix::unistd::close(fd);
    }
    Ok(none::none())
}

/// `read(fd, length)`.
pub fn p_read(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, n] = parse::<2>(vm, "read", Sig::Clinic(2, 2), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let n = crate::vm::argparse::index_arg(vm, &req(n))?;
    if n < 0 {
        return Err(err(vm, nix::errno::Errno::EINVAL));
    }
    // A short read is always allowed: a huge request reads at most 64 MiB at a time.
    let mut buf = vec![0u8; n.min(1 << 26) as usize];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(got) => return bytes::new_bytes(vm, &buf[..got]),
            Err(nix::errno::Errno::EINTR) => super::super::signal::run_pending(vm)?,
            Err(e) => return Err(err(vm, e)),
        }
    }
}

/// `write(fd, data)`: the number of bytes written.
pub fn p_write(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, data] = parse::<2>(vm, "write", Sig::Clinic(2, 2), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let data = buffer_arg(vm, &req(data))?;
    loop {
        match super::ffi::write(fd, &data) {
            Ok(n) => return int::new_int(vm, n as i64),
            Err(nix::errno::Errno::EINTR) => super::super::signal::run_pending(vm)?,
            Err(e) => return Err(err(vm, e)),
        }
    }
}

/// `lseek(fd, position, whence)`.
pub fn p_lseek(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, pos, how] = parse::<3>(vm, "lseek", Sig::Clinic(3, 3), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let pos = crate::vm::argparse::index_arg(vm, &req(pos))?;
    let how = c_int(vm, &req(how))?;
    let whence = match how {
        0 => nix::unistd::Whence::SeekSet,
        1 => nix::unistd::Whence::SeekCur,
        2 => nix::unistd::Whence::SeekEnd,
        3 => nix::unistd::Whence::SeekData,
        4 => nix::unistd::Whence::SeekHole,
        _ => return Err(err(vm, nix::errno::Errno::EINVAL)),
    };
    let r = nix::unistd::lseek(fd, pos, whence).map_err(|e| err(vm, e))?;
    int::new_int(vm, r)
}

/// The descriptor of an argument that is an int or has `fileno()`.
fn fileno_arg(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    if int::is_int(obj) {
        return fd_value(vm, obj);
    }
    let f = ops::getattr(vm, obj, "fileno")
        .map_err(|_| vm.type_error("argument must be an int, or have a fileno() method."))?;
    let r = ops::call(vm, &f, &[], None)?;
    fd_value(vm, &r)
}

/// `fsync(fd)` (or an object with `fileno()`).
pub fn p_fsync(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = kw::<1>(vm, "fsync", &["fd"], 1, args, kwn)?;
    let fd = fileno_arg(vm, &req(fd))?;
    nix::unistd::fsync(fd)
        .map(|_| none::none())
        .map_err(|e| err(vm, e))
}

/// `fdatasync(fd)`.
pub fn p_fdatasync(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = kw::<1>(vm, "fdatasync", &["fd"], 1, args, kwn)?;
    let fd = fileno_arg(vm, &req(fd))?;
    nix::unistd::fdatasync(fd)
        .map(|_| none::none())
        .map_err(|e| err(vm, e))
}

/// `ftruncate(fd, length)`.
pub fn p_ftruncate(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, len] = parse::<2>(vm, "ftruncate", Sig::Clinic(2, 2), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let len = crate::vm::argparse::index_arg(vm, &req(len))?;
    super::ffi::ftruncate(fd, len)
        .map(|_| none::none())
        .map_err(|e| err(vm, e))
}

/// `dup(fd)`: a non-inheritable copy.
pub fn p_dup(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "posix.dup", Sig::One, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let r = fcntl(fd, FcntlArg::F_DUPFD_CLOEXEC(0)).map_err(|e| err(vm, e))?;
    int::new_int(vm, r as i64)
}

/// `dup2(fd, fd2, inheritable=True)`.
pub fn p_dup2(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, fd2, inh] = kw::<3>(vm, "dup2", &["fd", "fd2", "inheritable"], 2, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let fd2 = c_int(vm, &req(fd2))?;
    let inheritable = match inh {
        Some(v) => ops::truthy(vm, &v)?,
        None => true,
    };
    let r = if inheritable || fd == fd2 {
        nix::unistd::dup2(fd, fd2)
    } else {
        nix::unistd::dup3(fd, fd2, OFlag::O_CLOEXEC)
    };
    let r = r.map_err(|e| err(vm, e))?;
    int::new_int(vm, r as i64)
}

fn pipe_result(
    vm: &Vm,
    r: nix::Result<(std::os::fd::OwnedFd, std::os::fd::OwnedFd)>,
) -> PyResult<ObjRef> {
    let (a, b) = r.map_err(|e| err(vm, e))?;
    let (a, b) = (a.into_raw_fd(), b.into_raw_fd());
    tuple::new_tuple(
        vm,
        vec![int::new_int(vm, a as i64)?, int::new_int(vm, b as i64)?],
    )
}

/// `pipe()`: `(read end, write end)`, both non-inheritable.
pub fn p_pipe(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.pipe", Sig::NoArgs, args, kwn)?;
    pipe_result(vm, nix::unistd::pipe2(OFlag::O_CLOEXEC))
}

/// `pipe2(flags)`.
pub fn p_pipe2(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [flags] = parse::<1>(vm, "posix.pipe2", Sig::One, args, kwn)?;
    let flags = c_int(vm, &req(flags))?;
    pipe_result(vm, nix::unistd::pipe2(OFlag::from_bits_retain(flags)))
}

/// Whether `fd` is inherited by child processes (no `FD_CLOEXEC`).
pub fn inheritable(fd: i32) -> nix::Result<bool> {
    let flags = fcntl(fd, FcntlArg::F_GETFD)?;
    Ok(!FdFlag::from_bits_retain(flags).contains(FdFlag::FD_CLOEXEC))
}

/// Sets or clears `FD_CLOEXEC` on `fd`.
pub fn set_inheritable(fd: i32, on: bool) -> nix::Result<()> {
    let mut flags = FdFlag::from_bits_retain(fcntl(fd, FcntlArg::F_GETFD)?);
    flags.set(FdFlag::FD_CLOEXEC, !on);
    fcntl(fd, FcntlArg::F_SETFD(flags)).map(|_| ())
}

/// `get_inheritable(fd)`.
pub fn p_get_inheritable(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "posix.get_inheritable", Sig::One, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    Ok(boolobj::new_bool(inheritable(fd).map_err(|e| err(vm, e))?))
}

/// `set_inheritable(fd, inheritable)`.
pub fn p_set_inheritable(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, on] = parse::<2>(vm, "set_inheritable", Sig::Clinic(2, 2), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let on = c_int(vm, &req(on))? != 0;
    set_inheritable(fd, on).map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `get_blocking(fd)`.
pub fn p_get_blocking(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "posix.get_blocking", Sig::One, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let flags = fcntl(fd, FcntlArg::F_GETFL).map_err(|e| err(vm, e))?;
    Ok(boolobj::new_bool(
        !OFlag::from_bits_retain(flags).contains(OFlag::O_NONBLOCK),
    ))
}

/// `set_blocking(fd, blocking)`.
pub fn p_set_blocking(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, on] = parse::<2>(vm, "set_blocking", Sig::Clinic(2, 2), args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let blocking = c_int(vm, &req(on))? != 0;
    let mut flags = OFlag::from_bits_retain(fcntl(fd, FcntlArg::F_GETFL).map_err(|e| err(vm, e))?);
    flags.set(OFlag::O_NONBLOCK, !blocking);
    fcntl(fd, FcntlArg::F_SETFL(flags)).map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `isatty(fd)`.
pub fn p_isatty(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "posix.isatty", Sig::One, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    Ok(boolobj::new_bool(nix::unistd::isatty(fd).unwrap_or(false)))
}

/// `ttyname(fd)`.
pub fn p_ttyname(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "posix.ttyname", Sig::One, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let name = super::ffi::ttyname(fd).map_err(|e| err(vm, e))?;
    pystr::new_str_fs(vm, &name)
}

/// `device_encoding(fd)`: `'UTF-8'` for a terminal, else `None`.
pub fn p_device_encoding(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = kw::<1>(vm, "device_encoding", &["fd"], 1, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    if nix::unistd::isatty(fd).unwrap_or(false) {
        pystr::new_str_vm(vm, "UTF-8")
    } else {
        Ok(none::none())
    }
}

/// `get_terminal_size(fd=1)`: `os.terminal_size(columns, lines)`.
pub fn p_get_terminal_size(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "get_terminal_size", Sig::Clinic(0, 1), args, kwn)?;
    let fd = match fd {
        Some(f) => c_int(vm, &f)?,
        None => 1,
    };
    let (cols, rows) = super::ffi::winsize(fd).map_err(|e| err(vm, e))?;
    let ty = super::stat::posix_type(vm, "terminal_size")?;
    structseq::new_instance(
        vm,
        &ty,
        vec![
            int::new_int(vm, cols as i64)?,
            int::new_int(vm, rows as i64)?,
        ],
    )
}
