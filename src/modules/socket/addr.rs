//! Socket addresses between Python values and the C structures, as CPython's
//! `getsockaddrarg` and `makesockaddr`: `(host, port)` for `AF_INET`, `(host, port[, flowinfo[,
//! scope_id]])` for `AF_INET6` (four items back), a path (`str` or bytes-like; a leading NUL
//! byte names Linux's abstract namespace, given back as `bytes`) for `AF_UNIX`.
//!
//! Host names are resolved as CPython's `setipaddr`: `''` is the any-address, `'<broadcast>'`
//! the IPv4 broadcast address, numeric addresses are parsed directly and anything else goes
//! through `getaddrinfo(3)` (failures are `gaierror`).

use super::super::posix::ffi::{self, SockaddrLike, SockaddrStorage};
use crate::object::ObjRef;
use crate::objects::{bytes, bytes_methods, exceptions, int, none, str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};
use nix::sys::socket::UnixAddr;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

/// A socket address ready for a system call.
pub enum SockAddr {
    /// An IPv4 or IPv6 address.
    Inet(SockaddrStorage),
    /// An `AF_UNIX` path or abstract name.
    Unix(UnixAddr),
}

impl SockAddr {
    /// The address as the system calls take it.
    pub fn as_like(&self) -> &dyn SockaddrLike {
        match self {
            SockAddr::Inet(s) => s,
            SockAddr::Unix(u) => u,
        }
    }
}

fn type_name(obj: &ObjRef) -> &str {
    obj.ob_type().name()
}

/// The bytes of a host argument: `str` (IDNA-encoded when not ASCII), `bytes` or `bytearray`.
pub fn host_bytes(vm: &Vm, host: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(s) = pystr::as_str(host) {
        if s.is_ascii() {
            return Ok(s.as_bytes().to_vec());
        }
        let encode = ops::getattr(vm, host, "encode")?;
        let enc = ops::call(vm, &encode, &[pystr::new_str_vm(vm, "idna")?], None)?;
        return Ok(bytes::as_bytes(&enc).unwrap_or_default().to_vec());
    }
    if bytes::as_bytes(host).is_some() || bytes_methods::is_bytearray(host) {
        return Ok(bytes_methods::data(host).into_owned());
    }
    Err(vm.type_error(&format!(
        "str, bytes or bytearray expected, not {}",
        type_name(host)
    )))
}

/// A C string of `b` for the resolver; an embedded NUL is CPython's `ValueError`.
pub fn c_string(vm: &Vm, b: Vec<u8>) -> PyResult<std::ffi::CString> {
    std::ffi::CString::new(b)
        .map_err(|_| vm.type_error("host name must not contain null character"))
}

/// Resolves `host` for `family` (`AF_INET` or `AF_INET6`) to an address with port 0.
pub fn resolve_host(vm: &Vm, host: &ObjRef, family: i32) -> PyResult<SockaddrStorage> {
    let name = host_bytes(vm, host)?;
    if name.is_empty() {
        return Ok(if family == libc::AF_INET {
            SockaddrStorage::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0))
        } else {
            SockaddrStorage::from(SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, 0, 0, 0))
        });
    }
    if name == b"<broadcast>" || name == b"255.255.255.255" {
        if family != libc::AF_INET {
            return Err(vm.new_error(&exceptions::OS_ERROR, "address family mismatched"));
        }
        return Ok(SockaddrStorage::from(SocketAddrV4::new(
            Ipv4Addr::BROADCAST,
            0,
        )));
    }
    let text = String::from_utf8_lossy(&name);
    if family == libc::AF_INET {
        if let Ok(ip) = text.parse::<Ipv4Addr>() {
            return Ok(SockaddrStorage::from(SocketAddrV4::new(ip, 0)));
        }
    } else if let Ok(ip) = text.parse::<Ipv6Addr>() {
        return Ok(SockaddrStorage::from(SocketAddrV6::new(ip, 0, 0, 0)));
    }
    let c = c_string(vm, name)?;
    let found = ffi::getaddrinfo(Some(&c), None, family, 0, 0, 0)
        .map_err(|(code, errno)| super::gai_error(vm, code, errno))?;
    found
        .into_iter()
        .find_map(|a| a.addr)
        .ok_or_else(|| vm.new_error(&exceptions::OS_ERROR, "address family mismatched"))
}

/// A port: an int in 0..=65535 (`OverflowError` naming `caller` otherwise).
fn port_arg(vm: &Vm, v: &ObjRef, caller: &str) -> PyResult<u16> {
    let p = crate::vm::argparse::index_arg(vm, v)?;
    u16::try_from(p).map_err(|_| vm.overflow_error(&format!("{caller}(): port must be 0-65535.")))
}

/// An `AF_UNIX` path argument: `str`, bytes-like or `os.PathLike`.
fn unix_path(vm: &Vm, v: &ObjRef) -> PyResult<UnixAddr> {
    let v = if pystr::as_str(v).is_none() && bytes_methods::buffer(v).is_none() {
        match ops::getattr(vm, v, "__fspath__") {
            Ok(f) => ops::call(vm, &f, &[], None)?,
            Err(_) => v.clone(),
        }
    } else {
        v.clone()
    };
    let path: Vec<u8> = match pystr::as_str(&v) {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes_methods::buffer_arg(vm, &v)?.into_owned(),
    };
    if path.len() > 107 {
        return Err(vm.new_error(&exceptions::OS_ERROR, "AF_UNIX path too long"));
    }
    let made = if path.first() == Some(&0) {
        UnixAddr::new_abstract(&path[1..])
    } else {
        UnixAddr::new(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&path))
    };
    made.map_err(|e| super::sock_error(vm, e))
}

/// The address `v` for a socket of `family`, as `caller` (`bind`, `connect`, ...) names it in
/// errors.
pub fn parse_addr(vm: &Vm, family: i32, v: &ObjRef, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => unix_path(vm, v).map(SockAddr::Unix),
        libc::AF_INET => {
            let Some(items) = tuple::items(v) else {
                return Err(vm.type_error(&format!(
                    "{caller}(): AF_INET address must be tuple, not {}",
                    type_name(v)
                )));
            };
            let [host, port] = items else {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            };
            let resolved = resolve_host(vm, host, libc::AF_INET)?;
            let port = port_arg(vm, port, caller)?;
            let ip = resolved
                .as_sockaddr_in()
                .map_or(Ipv4Addr::UNSPECIFIED, |s| s.ip());
            Ok(SockAddr::Inet(SockaddrStorage::from(SocketAddrV4::new(
                ip, port,
            ))))
        }
        libc::AF_INET6 => {
            let Some(items) = tuple::items(v) else {
                return Err(vm.type_error(&format!(
                    "{caller}(): AF_INET6 address must be tuple, not {}",
                    type_name(v)
                )));
            };
            if !(2..=4).contains(&items.len()) {
                return Err(vm.type_error(
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                ));
            }
            let resolved = resolve_host(vm, &items[0], libc::AF_INET6)?;
            let port = port_arg(vm, &items[1], caller)?;
            let flowinfo = match items.get(2) {
                Some(f) => {
                    let f = crate::vm::argparse::index_arg(vm, f)?;
                    if !(0..=0xfffff).contains(&f) {
                        return Err(
                            vm.overflow_error(&format!("{caller}(): flowinfo must be 0-1048575."))
                        );
                    }
                    f as u32
                }
                None => 0,
            };
            let scope = match items.get(3) {
                Some(s) => u32::try_from(crate::vm::argparse::index_arg(vm, s)?)
                    .map_err(|_| vm.overflow_error("scope_id must be 0-4294967295"))?,
                None => resolved.as_sockaddr_in6().map_or(0, |s| s.scope_id()),
            };
            let ip = resolved
                .as_sockaddr_in6()
                .map_or(Ipv6Addr::UNSPECIFIED, |s| s.ip());
            Ok(SockAddr::Inet(SockaddrStorage::from(SocketAddrV6::new(
                ip, port, flowinfo, scope,
            ))))
        }
        _ => Err(vm.new_error(&exceptions::OS_ERROR, "getsockaddrarg: bad family")),
    }
}

/// The Python value of an address the kernel returned (`None` when there is none).
pub fn addr_value(vm: &Vm, a: Option<&SockaddrStorage>) -> PyResult<ObjRef> {
    let Some(a) = a else {
        return Ok(none::none());
    };
    if let Some(v4) = a.as_sockaddr_in() {
        return tuple::new_tuple(
            vm,
            vec![
                pystr::new_str_vm(vm, &v4.ip().to_string())?,
                int::new_int(vm, i64::from(v4.port()))?,
            ],
        );
    }
    if let Some(v6) = a.as_sockaddr_in6() {
        return tuple::new_tuple(
            vm,
            vec![
                pystr::new_str_vm(vm, &super::resolve::format_ipv6(&v6.ip().octets()))?,
                int::new_int(vm, i64::from(v6.port()))?,
                int::new_int(vm, i64::from(v6.flowinfo()))?,
                int::new_int(vm, i64::from(v6.scope_id()))?,
            ],
        );
    }
    if let Some(u) = a.as_unix_addr() {
        if let Some(name) = u.as_abstract() {
            let mut b = vec![0u8];
            b.extend_from_slice(name);
            return bytes::new_bytes(vm, &b);
        }
        let path = u
            .path()
            .map(|p| p.as_os_str().as_encoded_bytes().to_vec())
            .unwrap_or_default();
        return pystr::new_str_vm(vm, &String::from_utf8_lossy(&path));
    }
    let family = a.family().map_or(0, |f| f as i64);
    tuple::new_tuple(
        vm,
        vec![int::new_int(vm, family)?, bytes::new_bytes(vm, &[])?],
    )
}
