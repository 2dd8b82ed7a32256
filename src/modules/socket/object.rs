//! The `_socket.socket` type: creation (`socket(family=-1, type=-1, proto=-1, fileno=None)`,
//! the family, type and protocol read back from the descriptor when a `fileno` is given),
//! closing, the timeout and blocking mode, socket options, `bind`, `listen`, `shutdown` and
//! the local and peer addresses. Sending and receiving are in [`super::transfer`].
//!
//! The payload is plain data; dropping it (the object freed) closes a descriptor it still
//! owns. Subclasses (`socket.socket`, with `__slots__`) get their slots in front of it.

use super::super::posix::ffi::{self, SockaddrLike};
use super::super::posix::path::c_int;
use super::{addr, default_timeout, sock_error, timeout_arg, timeout_value, transfer};
use crate::object::typeobj::{tpflags, StaticIndex};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, bytes, dict, exceptions, float, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use nix::errno::Errno;
use std::cell::Cell;

/// Payload of `_socket.socket`.
pub struct SocketObject {
    /// The descriptor; -1 once closed or detached.
    pub fd: Cell<i32>,
    /// `family`.
    pub family: Cell<i32>,
    /// `type`, without `SOCK_NONBLOCK` and `SOCK_CLOEXEC`.
    pub kind: Cell<i32>,
    /// `proto`.
    pub proto: Cell<i32>,
    /// Seconds; negative: none (blocking), 0: non-blocking.
    pub timeout: Cell<f64>,
}

impl Drop for SocketObject {
    fn drop(&mut self) {
        let fd = self.fd.replace(-1);
        if fd >= 0 {
            // Nothing can report a failure here; CPython ignores it too.
            let _ = nix::unistd::close(fd);
        }
    }
}

impl PyPayload for SocketObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(SocketObject);

static SOCKET_VTABLE: PayloadVTable = PayloadVTable::of::<SocketObject>();

/// The socket payload of `obj`.
pub fn this<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a SocketObject> {
    obj.downcast::<SocketObject>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a '_socket.socket' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// Sets or clears `O_NONBLOCK` on the descriptor.
fn set_os_blocking(vm: &Vm, fd: i32, blocking: bool) -> PyResult<()> {
    let flags = ffi::fcntl_int(fd, libc::F_GETFL, 0).map_err(|e| sock_error(vm, e))?;
    let new = if blocking {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    if new != flags {
        ffi::fcntl_int(fd, libc::F_SETFL, libc::c_long::from(new))
            .map_err(|e| sock_error(vm, e))?;
    }
    Ok(())
}

/// Gives `s` the timeout `t` (negative: none), switching the descriptor's blocking mode.
fn apply_timeout(vm: &Vm, s: &SocketObject, t: f64) -> PyResult<()> {
    s.timeout.set(t);
    set_os_blocking(vm, s.fd.get(), t < 0.0)
}

/// An integer `SO_*` option of `fd`.
fn int_option(fd: i32, name: i32) -> Result<i32, Errno> {
    let b = ffi::getsockopt(fd, libc::SOL_SOCKET, name, 4)?;
    Ok(b.get(..4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, i32::from_ne_bytes))
}

/// An optional int argument; `-1` when absent.
fn int_or_default(vm: &Vm, v: Option<ObjRef>) -> PyResult<i32> {
    match v {
        Some(v) => c_int(vm, &v),
        None => Ok(-1),
    }
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
fn init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    let [family, kind, proto, fileno] = parse::<4>(
        vm,
        "socket",
        Sig::Kw {
            names: &["family", "type", "proto", "fileno"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let mut family = int_or_default(vm, family)?;
    let mut kind = int_or_default(vm, kind)?;
    let mut proto = int_or_default(vm, proto)?;
    let s = this(vm, obj)?;
    let fd = match fileno.filter(|f| !none::is_none(f)) {
        Some(f) => {
            if float::as_f64(&f).is_some() {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            let fd = crate::vm::argparse::index_arg(vm, &f)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let fd =
                i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
            if family == -1 {
                let a = ffi::getsockname(fd).map_err(|e| sock_error(vm, e))?;
                family = a
                    .and_then(|a| a.family())
                    .map_or(libc::AF_UNIX, |f| f as i32);
            }
            if kind == -1 {
                kind = int_option(fd, libc::SO_TYPE).map_err(|e| sock_error(vm, e))?;
            }
            if proto == -1 {
                proto = int_option(fd, libc::SO_PROTOCOL).map_err(|e| sock_error(vm, e))?;
            }
            fd
        }
        None => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if kind == -1 {
                kind = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            ffi::socket(family, kind | libc::SOCK_CLOEXEC, proto).map_err(|e| sock_error(vm, e))?
        }
    };
    setup(vm, s, fd, family, kind, proto)
}

/// Fills `s` for the descriptor `fd` (CPython's `init_sockobject`).
pub fn setup(
    vm: &Vm,
    s: &SocketObject,
    fd: i32,
    family: i32,
    kind: i32,
    proto: i32,
) -> PyResult<()> {
    s.fd.set(fd);
    s.family.set(family);
    s.kind
        .set(kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    if kind & libc::SOCK_NONBLOCK != 0 {
        s.timeout.set(0.0);
        return Ok(());
    }
    let t = default_timeout();
    s.timeout.set(t);
    if t >= 0.0 {
        set_os_blocking(vm, fd, false)?;
    }
    Ok(())
}

/// Whether a Python class in `ty`'s MRO defines `__init__` (then it initialises the socket).
fn init_overridden(vm: &Vm, ty: &TypeObject) -> PyResult<bool> {
    if !ty.is_heap_type() {
        return Ok(false);
    }
    for c in crate::objects::classobj::mro_of(&ObjRef::from_type_ref(ty)) {
        let Some(h) = c.as_type().and_then(|c| c.heap()) else {
            break;
        };
        if dict::get_str(vm, &h.ext.dict, "__init__")?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A new socket object of type `ty` that owns nothing yet.
pub fn empty(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    new_object(
        ty,
        SocketObject {
            fd: Cell::new(-1),
            family: Cell::new(libc::AF_INET),
            kind: Cell::new(libc::SOCK_STREAM),
            proto: Cell::new(0),
            timeout: Cell::new(-1.0),
        },
    )
    .or_mem(vm)
}

fn sock_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = empty(vm, ty)?;
    if !init_overridden(vm, ty)? {
        init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

fn m_init(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    init(vm, obj, args, kw)?;
    Ok(none::none())
}

fn sock_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = this(vm, obj)?;
    pystr::new_str_vm(
        vm,
        &format!(
            "<socket object, fd={}, family={}, type={}, proto={}>",
            s.fd.get(),
            s.family.get(),
            s.kind.get(),
            s.proto.get()
        ),
    )
}

fn m_close(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "close", Sig::NoArgs, args, kw)?;
    let fd = this(vm, obj)?.fd.replace(-1);
    if fd >= 0 {
        match nix::unistd::close(fd) {
            Ok(()) | Err(Errno::ECONNRESET) => {}
            Err(e) => return Err(sock_error(vm, e)),
        }
    }
    Ok(none::none())
}

fn m_detach(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "detach", Sig::NoArgs, args, kw)?;
    let fd = this(vm, obj)?.fd.replace(-1);
    int::new_int(vm, i64::from(fd))
}

fn m_fileno(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "fileno", Sig::NoArgs, args, kw)?;
    int::new_int(vm, i64::from(this(vm, obj)?.fd.get()))
}

fn m_settimeout(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [t] = parse::<1>(vm, "settimeout", Sig::One, args, kw)?;
    let t = timeout_arg(vm, &t.unwrap_or_else(none::none))?;
    apply_timeout(vm, this(vm, obj)?, t)?;
    Ok(none::none())
}

fn m_gettimeout(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "gettimeout", Sig::NoArgs, args, kw)?;
    timeout_value(vm, this(vm, obj)?.timeout.get())
}

fn m_setblocking(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [flag] = parse::<1>(vm, "setblocking", Sig::One, args, kw)?;
    let flag = flag.unwrap_or_else(none::none);
    if float::as_f64(&flag).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let blocking = ops::truthy(vm, &flag)?;
    apply_timeout(vm, this(vm, obj)?, if blocking { -1.0 } else { 0.0 })?;
    Ok(none::none())
}

fn m_getblocking(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getblocking", Sig::NoArgs, args, kw)?;
    Ok(boolobj::new_bool(this(vm, obj)?.timeout.get() != 0.0))
}

fn m_setsockopt(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [level, name, value, optlen] = parse::<4>(vm, "setsockopt", Sig::VarArgs(3, 4), args, kw)?;
    let level = c_int(vm, &level.unwrap_or_else(none::none))?;
    let name = c_int(vm, &name.unwrap_or_else(none::none))?;
    let value = value.unwrap_or_else(none::none);
    let fd = this(vm, obj)?.fd.get();
    let r = if let Some(optlen) = optlen {
        if !none::is_none(&value) {
            return Err(vm.type_error("setsockopt() takes 3 arguments when the value is not None"));
        }
        let len = u32::try_from(crate::vm::argparse::index_arg(vm, &optlen)?)
            .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned int"))?;
        ffi::setsockopt_null(fd, level, name, len)
    } else if int::is_int(&value) {
        let v = c_int(vm, &value)?;
        ffi::setsockopt(fd, level, name, &v.to_ne_bytes())
    } else {
        let data = crate::objects::bytes_methods::buffer_arg(vm, &value)?;
        ffi::setsockopt(fd, level, name, &data)
    };
    r.map_err(|e| sock_error(vm, e))?;
    Ok(none::none())
}

fn m_getsockopt(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [level, name, buflen] = parse::<3>(vm, "getsockopt", Sig::VarArgs(2, 3), args, kw)?;
    let level = c_int(vm, &level.unwrap_or_else(none::none))?;
    let name = c_int(vm, &name.unwrap_or_else(none::none))?;
    let fd = this(vm, obj)?.fd.get();
    let buflen = match buflen {
        Some(n) => c_int(vm, &n)?,
        None => 0,
    };
    match buflen {
        0 => {
            let b = ffi::getsockopt(fd, level, name, 4).map_err(|e| sock_error(vm, e))?;
            let v = b
                .get(..4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, i32::from_ne_bytes);
            int::new_int(vm, i64::from(v))
        }
        n => {
            if !(1..=1024).contains(&n) {
                return Err(vm.new_error(&exceptions::OS_ERROR, "getsockopt buflen out of range"));
            }
            let b = ffi::getsockopt(fd, level, name, n as usize).map_err(|e| sock_error(vm, e))?;
            bytes::new_bytes(vm, &b)
        }
    }
}

fn m_listen(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [backlog] = parse::<1>(vm, "listen", Sig::VarArgs(0, 1), args, kw)?;
    let backlog = match backlog {
        Some(b) => c_int(vm, &b)?.max(0),
        None => libc::SOMAXCONN.min(128),
    };
    ffi::listen(this(vm, obj)?.fd.get(), backlog).map_err(|e| sock_error(vm, e))?;
    Ok(none::none())
}

fn m_shutdown(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [how] = parse::<1>(vm, "shutdown", Sig::One, args, kw)?;
    let how = c_int(vm, &how.unwrap_or_else(none::none))?;
    ffi::shutdown(this(vm, obj)?.fd.get(), how).map_err(|e| sock_error(vm, e))?;
    Ok(none::none())
}

fn m_bind(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "bind", Sig::One, args, kw)?;
    let s = this(vm, obj)?;
    let a = addr::parse_addr(vm, s.family.get(), &a.unwrap_or_else(none::none), "bind")?;
    ffi::bind(s.fd.get(), a.as_like()).map_err(|e| sock_error(vm, e))?;
    Ok(none::none())
}

fn m_getsockname(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getsockname", Sig::NoArgs, args, kw)?;
    let a = ffi::getsockname(this(vm, obj)?.fd.get()).map_err(|e| sock_error(vm, e))?;
    addr::addr_value(vm, a.as_ref())
}

fn m_getpeername(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getpeername", Sig::NoArgs, args, kw)?;
    let a = ffi::getpeername(this(vm, obj)?.fd.get()).map_err(|e| sock_error(vm, e))?;
    addr::addr_value(vm, a.as_ref())
}

fn get_family(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    int::new_int(vm, i64::from(this(vm, obj)?.family.get())).map(Some)
}

fn get_type(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    int::new_int(vm, i64::from(this(vm, obj)?.kind.get())).map(Some)
}

fn get_proto(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    int::new_int(vm, i64::from(this(vm, obj)?.proto.get())).map(Some)
}

fn get_timeout(vm: &Vm, obj: &ObjRef, _n: &str) -> PyResult<Option<ObjRef>> {
    timeout_value(vm, this(vm, obj)?.timeout.get()).map(Some)
}

static GETSET: [GetSetDef; 4] = [
    GetSetDef {
        name: "family",
        get: get_family,
        set: None,
    },
    GetSetDef {
        name: "type",
        get: get_type,
        set: None,
    },
    GetSetDef {
        name: "proto",
        get: get_proto,
        set: None,
    },
    GetSetDef {
        name: "timeout",
        get: get_timeout,
        set: None,
    },
];

/// A table of `MethodDef`s from `"name" => function` pairs.
macro_rules! methods {
    ($($name:literal => $f:expr),* $(,)?) => {
        [$(MethodDef { name: $name, func: $f, flags: 0 }),*]
    };
}

static METHODS: [MethodDef; 25] = methods![
    "__init__" => m_init,
    "close" => m_close,
    "detach" => m_detach,
    "fileno" => m_fileno,
    "settimeout" => m_settimeout,
    "gettimeout" => m_gettimeout,
    "setblocking" => m_setblocking,
    "getblocking" => m_getblocking,
    "setsockopt" => m_setsockopt,
    "getsockopt" => m_getsockopt,
    "listen" => m_listen,
    "shutdown" => m_shutdown,
    "bind" => m_bind,
    "getsockname" => m_getsockname,
    "getpeername" => m_getpeername,
    "_accept" => transfer::m_accept,
    "connect" => transfer::m_connect,
    "connect_ex" => transfer::m_connect_ex,
    "send" => transfer::m_send,
    "sendall" => transfer::m_sendall,
    "sendto" => transfer::m_sendto,
    "recv" => transfer::m_recv,
    "recv_into" => transfer::m_recv_into,
    "recvfrom" => transfer::m_recvfrom,
    "recvfrom_into" => transfer::m_recvfrom_into,
];

/// `_socket.socket`.
pub static SOCKET_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GETSET,
    ready: StaticIndex::NEW,
    name: "_socket.socket",
    base: Some(&OBJECT_TYPE),
    flags: tpflags::BASETYPE,
    payload: &SOCKET_VTABLE,
    slots: Slots {
        new: Some(sock_new),
        repr: Some(sock_repr),
        ..Slots::EMPTY
    },
    methods: &METHODS,
    doc: "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object",
};
