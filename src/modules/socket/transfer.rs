//! The socket calls that wait for the peer: `connect`, `connect_ex`, `_accept`, the `send*`
//! and `recv*` methods, all through [`sock_call`], CPython's `sock_call_ex`: with a timeout,
//! `poll(2)` first waits for the descriptor until the deadline (`TimeoutError: timed out`);
//! an interrupted call runs the signal handlers and is retried (PEP 475).

use super::super::posix::ffi::{self, PollFd, SysResult};
use super::super::posix::path::c_int;
use super::object::{this, SocketObject};
use super::{addr, sock_error, timeout_error};
use crate::object::ObjRef;
use crate::objects::bytes_methods::buffer;
use crate::objects::{bytes, int, none, slice, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::errno::Errno;
use std::time::{Duration, Instant};

/// Waits until `fd` is ready for `events` or `deadline` passes: `Ok(false)` on timeout.
fn wait_ready(vm: &Vm, fd: i32, events: i16, deadline: Option<Instant>) -> PyResult<bool> {
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Ok(false);
                }
                i32::try_from(left.as_nanos().div_ceil(1_000_000)).unwrap_or(i32::MAX)
            }
        };
        let mut fds = [PollFd {
            fd,
            events,
            revents: 0,
        }];
        match ffi::poll(&mut fds, ms) {
            Ok(0) => return Ok(false),
            Ok(_) => return Ok(true),
            Err(Errno::EINTR) => super::super::signal::run_pending(vm)?,
            Err(e) => return Err(sock_error(vm, e)),
        }
    }
}

/// The deadline of an operation starting now on `s` (`None`: no timeout).
fn deadline_of(s: &SocketObject) -> Option<Instant> {
    let t = s.timeout.get();
    (t > 0.0).then(|| Instant::now() + Duration::from_secs_f64(t))
}

/// Runs `call` on `s`'s descriptor as CPython's `sock_call_ex` does.
fn sock_call<T>(
    vm: &Vm,
    s: &SocketObject,
    events: i16,
    mut call: impl FnMut(i32) -> SysResult<T>,
) -> PyResult<T> {
    let deadline = deadline_of(s);
    loop {
        let fd = s.fd.get();
        if deadline.is_some() && fd >= 0 && !wait_ready(vm, fd, events, deadline)? {
            return Err(timeout_error(vm));
        }
        match call(fd) {
            Ok(v) => return Ok(v),
            Err(Errno::EINTR) => super::super::signal::run_pending(vm)?,
            Err(Errno::EAGAIN) if deadline.is_some() => {}
            Err(e) => return Err(sock_error(vm, e)),
        }
    }
}

/// A zeroed receive buffer of `n` bytes, checked against the heap's limit first.
fn recv_buffer(vm: &Vm, n: usize) -> PyResult<Vec<u8>> {
    vm.check_bytes(n)?;
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| vm.memory_error_err())?;
    v.resize(n, 0);
    Ok(v)
}

fn req(v: Option<ObjRef>) -> ObjRef {
    v.unwrap_or_else(none::none)
}

fn flags_arg(vm: &Vm, v: Option<ObjRef>) -> PyResult<i32> {
    v.map_or(Ok(0), |f| c_int(vm, &f))
}

/// Connects `s` to `a`: `Ok(0)` or the errno of the failure (CPython's `internal_connect`).
fn connect_errno(vm: &Vm, s: &SocketObject, a: &addr::SockAddr) -> PyResult<i32> {
    let fd = s.fd.get();
    let err = match ffi::connect(fd, a.as_like()) {
        Ok(()) => return Ok(0),
        Err(e) => e,
    };
    let timeout = s.timeout.get();
    let wait = if err == Errno::EINTR {
        super::super::signal::run_pending(vm)?;
        timeout != 0.0
    } else {
        timeout > 0.0 && err == Errno::EINPROGRESS
    };
    if !wait {
        return Ok(err as i32);
    }
    if !wait_ready(vm, fd, libc::POLLOUT, deadline_of(s))? {
        return Err(timeout_error(vm));
    }
    let b =
        ffi::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR, 4).map_err(|e| sock_error(vm, e))?;
    let e = b
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, i32::from_ne_bytes);
    Ok(if e == libc::EISCONN { 0 } else { e })
}

/// `connect(address)`.
pub fn m_connect(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "connect", Sig::One, args, kw)?;
    let s = this(vm, obj)?;
    let a = addr::parse_addr(vm, s.family.get(), &req(a), "connect")?;
    match connect_errno(vm, s, &a)? {
        0 => Ok(none::none()),
        e => Err(sock_error(vm, Errno::from_raw(e))),
    }
}

/// `connect_ex(address)`: the errno instead of an exception.
pub fn m_connect_ex(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "connect_ex", Sig::One, args, kw)?;
    let s = this(vm, obj)?;
    let a = addr::parse_addr(vm, s.family.get(), &req(a), "connect_ex")?;
    let e = match connect_errno(vm, s, &a) {
        Ok(e) => e,
        Err(err) if err.matches(&crate::objects::exceptions::TIMEOUT_ERROR) => libc::EWOULDBLOCK,
        Err(err) => return Err(err),
    };
    int::new_int(vm, i64::from(e))
}

/// `_accept()`: `(fd, address)` of a new connection.
pub fn m_accept(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "_accept", Sig::NoArgs, args, kw)?;
    let s = this(vm, obj)?;
    let (fd, a) = sock_call(vm, s, libc::POLLIN, ffi::accept)?;
    let fd_obj = match int::new_int(vm, i64::from(fd)) {
        Ok(o) => o,
        Err(e) => {
            let _ = nix::unistd::close(fd);
            return Err(e);
        }
    };
    let a = match addr::addr_value(vm, a.as_ref()) {
        Ok(a) => a,
        Err(e) => {
            let _ = nix::unistd::close(fd);
            return Err(e);
        }
    };
    tuple::new_tuple(vm, vec![fd_obj, a])
}

/// `send(data[, flags])`: the count sent.
pub fn m_send(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, flags] = parse::<2>(vm, "send", Sig::VarArgs(1, 2), args, kw)?;
    let data = req(data);
    let data = crate::objects::bytes_methods::buffer_arg(vm, &data)?;
    let flags = flags_arg(vm, flags)?;
    let n = sock_call(vm, this(vm, obj)?, libc::POLLOUT, |fd| {
        ffi::send(fd, &data, flags)
    })?;
    int::new_int(vm, n as i64)
}

/// `sendall(data[, flags])`: sends everything.
pub fn m_sendall(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, flags] = parse::<2>(vm, "sendall", Sig::VarArgs(1, 2), args, kw)?;
    let data = req(data);
    let data = crate::objects::bytes_methods::buffer_arg(vm, &data)?;
    let flags = flags_arg(vm, flags)?;
    let s = this(vm, obj)?;
    let mut sent = 0;
    while sent < data.len() {
        sent += sock_call(vm, s, libc::POLLOUT, |fd| {
            ffi::send(fd, &data[sent..], flags)
        })?;
        super::super::signal::run_pending(vm)?;
    }
    Ok(none::none())
}

/// `sendto(data[, flags], address)`.
pub fn m_sendto(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = crate::vm::args::split_args(args, kw);
    if !kwargs.is_empty() {
        return Err(vm.type_error("sendto() takes no keyword arguments"));
    }
    let (data, flags, a) = match pos {
        [d, a] => (d, None, a),
        [d, f, a] => (d, Some(f.clone()), a),
        _ => {
            return Err(vm.type_error(&format!(
                "sendto() takes 2 or 3 arguments ({} given)",
                pos.len()
            )))
        }
    };
    let data = crate::objects::bytes_methods::buffer_arg(vm, data)?;
    let flags = flags_arg(vm, flags)?;
    let s = this(vm, obj)?;
    let a = addr::parse_addr(vm, s.family.get(), a, "sendto")?;
    let n = sock_call(vm, s, libc::POLLOUT, |fd| {
        ffi::sendto(fd, &data, flags, a.as_like())
    })?;
    int::new_int(vm, n as i64)
}

/// A buffer size argument: negative values are `ValueError` naming `caller`.
fn size_arg(vm: &Vm, v: &ObjRef, caller: &str) -> PyResult<usize> {
    let n = index_arg(vm, v)?;
    usize::try_from(n).map_err(|_| vm.value_error(&format!("negative buffersize in {caller}")))
}

/// `recv(bufsize[, flags])`.
pub fn m_recv(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n, flags] = parse::<2>(vm, "recv", Sig::VarArgs(1, 2), args, kw)?;
    let n = size_arg(vm, &req(n), "recv")?;
    let flags = flags_arg(vm, flags)?;
    let mut buf = recv_buffer(vm, n)?;
    let got = sock_call(vm, this(vm, obj)?, libc::POLLIN, |fd| {
        ffi::recv(fd, &mut buf, flags)
    })?;
    bytes::new_bytes(vm, &buf[..got])
}

/// `recvfrom(bufsize[, flags])`: `(data, address)`.
pub fn m_recvfrom(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n, flags] = parse::<2>(vm, "recvfrom", Sig::VarArgs(1, 2), args, kw)?;
    let n = size_arg(vm, &req(n), "recvfrom")?;
    let flags = flags_arg(vm, flags)?;
    let mut buf = recv_buffer(vm, n)?;
    let (got, a) = sock_call(vm, this(vm, obj)?, libc::POLLIN, |fd| {
        ffi::recvfrom(fd, &mut buf, flags)
    })?;
    let data = bytes::new_bytes(vm, &buf[..got])?;
    tuple::new_tuple(vm, vec![data, addr::addr_value(vm, a.as_ref())?])
}

/// The writable buffer argument of `recv_into`/`recvfrom_into` and how many bytes to read.
fn into_args(
    vm: &Vm,
    caller: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ObjRef, usize, i32)> {
    let [b, n, flags] = parse::<3>(
        vm,
        caller,
        Sig::Kw {
            names: &["buffer", "nbytes", "flags"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let b = req(b);
    let len = match buffer(&b) {
        Some(data) if bytes::as_bytes(&b).is_none() => data.len(),
        _ => {
            return Err(vm.type_error(&format!(
                "{caller}() argument 1 must be read-write bytes-like object, not {}",
                b.ob_type().name()
            )))
        }
    };
    let n = match n {
        Some(n) => size_arg(vm, &n, caller)?,
        None => 0,
    };
    let n = if n == 0 { len } else { n };
    if n > len {
        return Err(vm.value_error(if caller == "recv_into" {
            "buffer too small for requested bytes"
        } else {
            "nbytes is greater than the length of the buffer"
        }));
    }
    Ok((b, n, flags_arg(vm, flags)?))
}

/// Copies `data` into the start of the writable buffer `b`.
fn fill(vm: &Vm, b: &ObjRef, data: &[u8]) -> PyResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    let sl = slice::new_slice(
        vm,
        int::new_int(vm, 0)?,
        int::new_int(vm, data.len() as i64)?,
        none::none(),
    )?;
    ops::setitem(vm, b, &sl, Some(&bytes::new_bytes(vm, data)?))
}

/// `recv_into(buffer[, nbytes[, flags]])`: the count received.
pub fn m_recv_into(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (b, n, flags) = into_args(vm, "recv_into", args, kw)?;
    let mut buf = recv_buffer(vm, n)?;
    let got = sock_call(vm, this(vm, obj)?, libc::POLLIN, |fd| {
        ffi::recv(fd, &mut buf, flags)
    })?;
    fill(vm, &b, &buf[..got])?;
    int::new_int(vm, got as i64)
}

/// `recvfrom_into(buffer[, nbytes[, flags]])`: `(count, address)`.
pub fn m_recvfrom_into(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (b, n, flags) = into_args(vm, "recvfrom_into", args, kw)?;
    let mut buf = recv_buffer(vm, n)?;
    let (got, a) = sock_call(vm, this(vm, obj)?, libc::POLLIN, |fd| {
        ffi::recvfrom(fd, &mut buf, flags)
    })?;
    fill(vm, &b, &buf[..got])?;
    tuple::new_tuple(
        vm,
        vec![
            int::new_int(vm, got as i64)?,
            addr::addr_value(vm, a.as_ref())?,
        ],
    )
}
