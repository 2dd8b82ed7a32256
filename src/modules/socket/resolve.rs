//! The module-level functions of `_socket`: name resolution (`getaddrinfo`, `getnameinfo`,
//! `gethostbyname`, `gethostbyname_ex`, `gethostbyaddr`, `gethostname`), byte order
//! (`htons`, `ntohl`, ...), address text (`inet_aton`, `inet_ntoa`, `inet_pton`, `inet_ntop`,
//! with glibc's formats), descriptors (`socketpair`, `dup`, `close`), interfaces
//! (`if_nameindex`, `if_nametoindex`, `if_indextoname`) and `CMSG_LEN`/`CMSG_SPACE`.

use super::super::posix::ffi;
use super::super::posix::path::c_int;
use super::addr::{self, addr_value, c_string, host_bytes};
use super::object::{empty, setup, SOCKET_TYPE};
use super::{gai_error, sock_error};
use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::objects::{bytes, bytes_methods, exceptions, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyErr, PyResult, Vm};
use nix::errno::Errno;
use num_traits::ToPrimitive;
use std::net::{Ipv4Addr, Ipv6Addr};

fn req(v: Option<ObjRef>) -> ObjRef {
    v.unwrap_or_else(none::none)
}

fn str_list(vm: &Vm, items: &[String]) -> PyResult<ObjRef> {
    let mut out = Vec::with_capacity(items.len());
    for s in items {
        out.push(pystr::new_str_vm(vm, s)?);
    }
    list::new_list(vm, out)
}

// ---- name resolution ------------------------------------------------------------------------

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
fn m_getaddrinfo(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [host, port, family, kind, proto, flags] = parse::<6>(
        vm,
        "getaddrinfo",
        Sig::Kw {
            names: &["host", "port", "family", "type", "proto", "flags"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let host = req(host);
    let host = if none::is_none(&host) {
        None
    } else if pystr::as_str(&host).is_some() || bytes::as_bytes(&host).is_some() {
        Some(c_string(vm, host_bytes(vm, &host)?)?)
    } else {
        return Err(vm.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let port = req(port);
    let port = if none::is_none(&port) {
        None
    } else if let Some(i) = int::as_bigint(&port) {
        Some(c_string(vm, i.to_string().into_bytes())?)
    } else if let Some(s) = pystr::as_str(&port) {
        Some(c_string(vm, s.as_bytes().to_vec())?)
    } else if let Some(b) = bytes::as_bytes(&port) {
        Some(c_string(vm, b.to_vec())?)
    } else {
        return Err(vm.new_error(&exceptions::OS_ERROR, "Int or String expected"));
    };
    let opt = |v: Option<ObjRef>| v.map_or(Ok(0), |v| c_int(vm, &v));
    let (family, kind, proto, flags) = (opt(family)?, opt(kind)?, opt(proto)?, opt(flags)?);
    let found = ffi::getaddrinfo(host.as_deref(), port.as_deref(), family, kind, proto, flags)
        .map_err(|(code, errno)| gai_error(vm, code, errno))?;
    let mut out = Vec::with_capacity(found.len());
    for a in found {
        out.push(tuple::new_tuple(
            vm,
            vec![
                int::new_int(vm, i64::from(a.family))?,
                int::new_int(vm, i64::from(a.socktype))?,
                int::new_int(vm, i64::from(a.protocol))?,
                pystr::new_str_vm(vm, &String::from_utf8_lossy(&a.canonname))?,
                addr_value(vm, a.addr.as_ref())?,
            ],
        )?);
    }
    list::new_list(vm, out)
}

/// `getnameinfo(sockaddr, flags)`: `(host, port)` as text.
fn m_getnameinfo(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [sa, flags] = parse::<2>(vm, "getnameinfo", Sig::VarArgs(2, 2), args, kw)?;
    let sa = req(sa);
    let flags = c_int(vm, &req(flags))?;
    let Some(items) = tuple::items(&sa) else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let illegal = || vm.type_error("getnameinfo(): illegal sockaddr argument");
    if !(2..=4).contains(&items.len()) || pystr::as_str(&items[0]).is_none() {
        return Err(illegal());
    }
    let host = c_string(vm, host_bytes(vm, &items[0])?)?;
    let port = c_int(vm, &items[1])?;
    let port = c_string(vm, port.to_string().into_bytes())?;
    let found = ffi::getaddrinfo(
        Some(&host),
        Some(&port),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )
    .map_err(|(code, errno)| gai_error(vm, code, errno))?;
    if found.len() > 1 {
        return Err(vm.new_error(
            &exceptions::OS_ERROR,
            "sockaddr resolved to multiple addresses",
        ));
    }
    let Some(a) = found.into_iter().next().and_then(|a| a.addr) else {
        return Err(illegal());
    };
    if a.as_sockaddr_in().is_some() && items.len() != 2 {
        return Err(vm.new_error(&exceptions::OS_ERROR, "IPv4 sockaddr must be 2 tuple"));
    }
    let a = match (a.as_sockaddr_in6(), items.len()) {
        (Some(v6), n) if n > 2 => {
            let flow = items.get(2).map_or(Ok(0), |v| c_int(vm, v))? as u32;
            let scope = items.get(3).map_or(Ok(0), |v| c_int(vm, v))? as u32;
            ffi::SockaddrStorage::from(std::net::SocketAddrV6::new(v6.ip(), v6.port(), flow, scope))
        }
        _ => a,
    };
    let (h, s) = ffi::getnameinfo(&a, flags).map_err(|(code, errno)| gai_error(vm, code, errno))?;
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_vm(vm, &String::from_utf8_lossy(&h))?,
            pystr::new_str_vm(vm, &String::from_utf8_lossy(&s))?,
        ],
    )
}

/// A host name argument of the `gethostby*` functions (`str` or bytes-like).
fn name_arg(vm: &Vm, caller: &str, v: &ObjRef) -> PyResult<()> {
    if pystr::as_str(v).is_some() || bytes_methods::buffer(v).is_some() {
        Ok(())
    } else {
        Err(vm.type_error(&format!(
            "{caller}() argument 1 must be str, bytes or bytearray, not {}",
            v.ob_type().name()
        )))
    }
}

/// `gethostbyname(name)`: the IPv4 address as text.
fn m_gethostbyname(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "gethostbyname", Sig::VarArgs(1, 1), args, kw)?;
    let name = req(name);
    name_arg(vm, "gethostbyname", &name)?;
    let a = addr::resolve_host(vm, &name, libc::AF_INET)?;
    let ip = a.as_sockaddr_in().map_or(Ipv4Addr::UNSPECIFIED, |s| s.ip());
    pystr::new_str_vm(vm, &ip.to_string())
}

/// `gethostbyname_ex(name)`: `(hostname, aliases, addresses)` (IPv4).
fn m_gethostbyname_ex(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "gethostbyname_ex", Sig::VarArgs(1, 1), args, kw)?;
    let name = req(name);
    name_arg(vm, "gethostbyname_ex", &name)?;
    let raw = host_bytes(vm, &name)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let c = c_string(vm, raw)?;
    let found = ffi::getaddrinfo(
        Some(&c),
        None,
        libc::AF_INET,
        libc::SOCK_STREAM,
        0,
        libc::AI_CANONNAME,
    )
    .map_err(|(code, errno)| gai_error(vm, code, errno))?;
    let mut canon = text;
    let mut ips: Vec<String> = Vec::new();
    for a in &found {
        if !a.canonname.is_empty() {
            canon = String::from_utf8_lossy(&a.canonname).into_owned();
        }
        if let Some(v4) = a.addr.as_ref().and_then(|a| a.as_sockaddr_in()) {
            let ip = v4.ip().to_string();
            if !ips.contains(&ip) {
                ips.push(ip);
            }
        }
    }
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_vm(vm, &canon)?,
            list::new_list(vm, vec![])?,
            str_list(vm, &ips)?,
        ],
    )
}

/// `herror(code, message)`.
fn herror(vm: &Vm, code: i64, msg: &str) -> PyErr {
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![int::new_int(vm, code)?, pystr::new_str_vm(vm, msg)?])
    })();
    match args {
        Ok(args) => super::module_exception(vm, "herror", args),
        Err(e) => e,
    }
}

/// `gethostbyaddr(ip)`: `(hostname, aliases, addresses)` by reverse lookup.
fn m_gethostbyaddr(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "gethostbyaddr", Sig::VarArgs(1, 1), args, kw)?;
    let name = req(name);
    name_arg(vm, "gethostbyaddr", &name)?;
    let raw = String::from_utf8_lossy(&host_bytes(vm, &name)?).into_owned();
    let family = if raw.parse::<Ipv6Addr>().is_ok() {
        libc::AF_INET6
    } else {
        libc::AF_INET
    };
    let a = addr::resolve_host(vm, &name, family)?;
    let ip = match (a.as_sockaddr_in(), a.as_sockaddr_in6()) {
        (Some(v4), _) => v4.ip().to_string(),
        (_, Some(v6)) => format_ipv6(&v6.ip().octets()),
        _ => raw,
    };
    let (h, _) =
        ffi::getnameinfo(&a, libc::NI_NAMEREQD).map_err(|_| herror(vm, 1, "Unknown host"))?;
    tuple::new_tuple(
        vm,
        vec![
            pystr::new_str_vm(vm, &String::from_utf8_lossy(&h))?,
            list::new_list(vm, vec![])?,
            str_list(vm, &[ip])?,
        ],
    )
}

/// `gethostname()`.
fn m_gethostname(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "gethostname", Sig::NoArgs, args, kw)?;
    let h = nix::unistd::gethostname().map_err(|e| sock_error(vm, e))?;
    pystr::new_str_vm(vm, &h.to_string_lossy())
}

// ---- byte order -----------------------------------------------------------------------------

/// A 16-bit argument of `htons`/`ntohs`.
fn u16_arg(vm: &Vm, caller: &str, v: Option<ObjRef>) -> PyResult<u16> {
    let v = req(v);
    if crate::objects::float::as_f64(&v).is_some() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = crate::vm::argparse::index_arg(vm, &v).map_err(|e| {
        if e.matches(&exceptions::OVERFLOW_ERROR) {
            vm.overflow_error(&format!(
                "{caller}: Python int too large to convert to C 16-bit unsigned integer"
            ))
        } else {
            e
        }
    })?;
    if i < 0 {
        return Err(vm.overflow_error(&format!(
            "{caller}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    u16::try_from(i).map_err(|_| {
        vm.overflow_error(&format!(
            "{caller}: Python int too large to convert to C 16-bit unsigned integer"
        ))
    })
}

/// A 32-bit argument of `htonl`/`ntohl` (an int, not merely an index).
fn u32_arg(vm: &Vm, v: Option<ObjRef>) -> PyResult<u32> {
    let v = req(v);
    let Some(i) = int::as_bigint(&v) else {
        return Err(vm.type_error(&format!("expected int, {} found", v.ob_type().name())));
    };
    if i.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let Some(u) = i.to_u64() else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    u32::try_from(u).map_err(|_| vm.overflow_error("int larger than 32 bits"))
}

fn m_htons(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(vm, "htons", Sig::One, args, kw)?;
    int::new_int(vm, i64::from(u16_arg(vm, "htons", x)?.to_be()))
}

fn m_ntohs(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(vm, "ntohs", Sig::One, args, kw)?;
    int::new_int(vm, i64::from(u16::from_be(u16_arg(vm, "ntohs", x)?)))
}

fn m_htonl(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(vm, "htonl", Sig::One, args, kw)?;
    int::new_int(vm, i64::from(u32_arg(vm, x)?.to_be()))
}

fn m_ntohl(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(vm, "ntohl", Sig::One, args, kw)?;
    int::new_int(vm, i64::from(u32::from_be(u32_arg(vm, x)?)))
}

// ---- address text ---------------------------------------------------------------------------

/// One number of an `inet_aton` address: decimal, `0x` hex or `0` octal, as `strtoul`.
fn aton_number(s: &str) -> Option<u64> {
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (h, 16)
    } else if s.len() > 1 && s.starts_with('0') {
        (&s[1..], 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() {
        // "0x" alone is 0 for glibc.
        return (radix == 16).then_some(0);
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok().or(Some(u64::MAX))
}

/// glibc's `inet_aton(3)`: one to four numbers; the last fills the remaining bytes; text after
/// whitespace is ignored.
pub fn inet_aton(text: &str) -> Option<[u8; 4]> {
    let text = text
        .split(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = text.split('.').collect();
    if parts.is_empty() || parts.len() > 4 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let nums: Vec<u64> = parts
        .iter()
        .map(|p| aton_number(p))
        .collect::<Option<_>>()?;
    let (head, last) = nums.split_at(nums.len() - 1);
    if head.iter().any(|n| *n > 255) {
        return None;
    }
    let last_bits = 8 * (5 - nums.len()) as u32;
    if last_bits < 32 && last[0] >> last_bits != 0 || last[0] > u64::from(u32::MAX) {
        return None;
    }
    let mut v: u32 = 0;
    for (i, n) in head.iter().enumerate() {
        v |= (*n as u32) << (24 - 8 * i);
    }
    v |= last[0] as u32;
    Some(v.to_be_bytes())
}

/// glibc's `inet_ntop(AF_INET6)`: the longest run of two or more zero groups is `::`, and
/// IPv4-compatible and -mapped addresses end in dotted decimal.
pub fn format_ipv6(b: &[u8; 16]) -> String {
    let words: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    let (mut best, mut best_len) = (None, 0);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let start = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = Some(start);
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best = None;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if let Some(base) = best.filter(|b| i >= *b && i < b + best_len) {
            if i == base {
                out.push(':');
            }
            i += 1;
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        if i == 6
            && best == Some(0)
            && (best_len == 6
                || (best_len == 7 && words[7] != 1)
                || (best_len == 5 && words[5] == 0xffff))
        {
            out.push_str(&Ipv4Addr::new(b[12], b[13], b[14], b[15]).to_string());
            return out;
        }
        out.push_str(&format!("{:x}", words[i]));
        i += 1;
    }
    if best.is_some_and(|b| b + best_len == 8) {
        out.push(':');
    }
    out
}

fn m_inet_aton(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = parse::<1>(vm, "inet_aton", Sig::VarArgs(1, 1), args, kw)?;
    let s = req(s);
    let Some(text) = pystr::as_str(&s) else {
        return Err(vm.type_error(&format!(
            "inet_aton() argument 1 must be str, not {}",
            s.ob_type().name()
        )));
    };
    match inet_aton(text) {
        Some(b) => bytes::new_bytes(vm, &b),
        None => Err(vm.new_error(
            &exceptions::OS_ERROR,
            "illegal IP address string passed to inet_aton",
        )),
    }
}

fn m_inet_ntoa(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "inet_ntoa", Sig::One, args, kw)?;
    let b = req(b);
    let data = bytes_methods::buffer_arg(vm, &b)?;
    let Ok(a) = <[u8; 4]>::try_from(&data[..]) else {
        return Err(vm.new_error(
            &exceptions::OS_ERROR,
            "packed IP wrong length for inet_ntoa",
        ));
    };
    pystr::new_str_vm(vm, &Ipv4Addr::from(a).to_string())
}

fn m_inet_pton(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [af, s] = parse::<2>(vm, "inet_pton", Sig::VarArgs(2, 2), args, kw)?;
    let af = c_int(vm, &req(af))?;
    let s = req(s);
    let Some(text) = pystr::as_str(&s) else {
        return Err(vm.type_error(&format!(
            "inet_pton() argument 2 must be str, not {}",
            s.ob_type().name()
        )));
    };
    let illegal = || {
        vm.new_error(
            &exceptions::OS_ERROR,
            "illegal IP address string passed to inet_pton",
        )
    };
    match af {
        libc::AF_INET => {
            let ip: Ipv4Addr = text.parse().map_err(|_| illegal())?;
            bytes::new_bytes(vm, &ip.octets())
        }
        libc::AF_INET6 => {
            let ip: Ipv6Addr = text.parse().map_err(|_| illegal())?;
            bytes::new_bytes(vm, &ip.octets())
        }
        _ => Err(sock_error(vm, Errno::EAFNOSUPPORT)),
    }
}

fn m_inet_ntop(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [af, b] = parse::<2>(vm, "inet_ntop", Sig::VarArgs(2, 2), args, kw)?;
    let af = c_int(vm, &req(af))?;
    let b = req(b);
    let data = bytes_methods::buffer_arg(vm, &b)?;
    let bad_len = || vm.value_error("invalid length of packed IP address string");
    match af {
        libc::AF_INET => {
            let a = <[u8; 4]>::try_from(&data[..]).map_err(|_| bad_len())?;
            pystr::new_str_vm(vm, &Ipv4Addr::from(a).to_string())
        }
        libc::AF_INET6 => {
            let a = <[u8; 16]>::try_from(&data[..]).map_err(|_| bad_len())?;
            pystr::new_str_vm(vm, &format_ipv6(&a))
        }
        _ => Err(vm.value_error(&format!("unknown address family {af}"))),
    }
}

// ---- descriptors and interfaces -------------------------------------------------------------

/// `socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0)`: two connected sockets.
fn m_socketpair(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [family, kind, proto] = parse::<3>(vm, "socketpair", Sig::VarArgs(0, 3), args, kw)?;
    let opt = |v: Option<ObjRef>, d: i32| v.map_or(Ok(d), |v| c_int(vm, &v));
    let family = opt(family, libc::AF_UNIX)?;
    let kind = opt(kind, libc::SOCK_STREAM)?;
    let proto = opt(proto, 0)?;
    // The objects first, so each descriptor is owned (and closed on failure) at once.
    let socks = [empty(vm, &SOCKET_TYPE)?, empty(vm, &SOCKET_TYPE)?];
    let (a, b) =
        ffi::socketpair(family, kind | libc::SOCK_CLOEXEC, proto).map_err(|e| sock_error(vm, e))?;
    for (s, fd) in socks.iter().zip([a, b]) {
        super::object::this(vm, s)?.fd.set(fd);
    }
    for (s, fd) in socks.iter().zip([a, b]) {
        setup(vm, super::object::this(vm, s)?, fd, family, kind, proto)?;
    }
    let socks = socks.to_vec();
    tuple::new_tuple(vm, socks)
}

fn fd_arg(vm: &Vm, v: Option<ObjRef>) -> PyResult<i32> {
    let v = req(v);
    let i = crate::vm::argparse::index_arg(vm, &v)?;
    i32::try_from(i).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
}

/// `dup(fd)`: a duplicate descriptor (close-on-exec).
fn m_dup(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "dup", Sig::One, args, kw)?;
    let fd = fd_arg(vm, fd)?;
    let new = ffi::fcntl_int(fd, libc::F_DUPFD_CLOEXEC, 0).map_err(|e| sock_error(vm, e))?;
    int::new_int(vm, i64::from(new))
}

/// `close(fd)`; a connection reset is not an error.
fn m_close(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "close", Sig::One, args, kw)?;
    let fd = fd_arg(vm, fd)?;
    match nix::unistd::close(fd) {
        Ok(()) | Err(Errno::ECONNRESET) => Ok(none::none()),
        Err(e) => Err(sock_error(vm, e)),
    }
}

/// The system's interfaces as `(index, name)`.
fn interfaces(vm: &Vm) -> PyResult<Vec<(u32, String)>> {
    let list = nix::net::if_::if_nameindex().map_err(|e| sock_error(vm, e))?;
    Ok(list
        .iter()
        .map(|i| (i.index(), i.name().to_string_lossy().into_owned()))
        .collect())
}

fn m_if_nameindex(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "if_nameindex", Sig::NoArgs, args, kw)?;
    let mut out = Vec::new();
    for (index, name) in interfaces(vm)? {
        out.push(tuple::new_tuple(
            vm,
            vec![
                int::new_int(vm, i64::from(index))?,
                pystr::new_str_vm(vm, &name)?,
            ],
        )?);
    }
    list::new_list(vm, out)
}

fn m_if_nametoindex(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "if_nametoindex", Sig::One, args, kw)?;
    let name = req(name);
    let text = match pystr::as_str(&name) {
        Some(s) => s.to_string(),
        None => String::from_utf8_lossy(&bytes_methods::buffer_arg(vm, &name)?).into_owned(),
    };
    match interfaces(vm)?.into_iter().find(|(_, n)| *n == text) {
        Some((i, _)) => int::new_int(vm, i64::from(i)),
        None => Err(vm.new_error(&exceptions::OS_ERROR, "no interface with this name")),
    }
}

fn m_if_indextoname(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [index] = parse::<1>(vm, "if_indextoname", Sig::One, args, kw)?;
    let index = req(index);
    if !int::is_int(&index) {
        return Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            index.ob_type().name()
        )));
    }
    let i = crate::vm::argparse::index_arg(vm, &index)?;
    let Ok(i) = u32::try_from(i) else {
        return Err(vm.overflow_error("index is too large"));
    };
    match interfaces(vm)?.into_iter().find(|(n, _)| *n == i) {
        Some((_, name)) => pystr::new_str_vm(vm, &name),
        None => Err(sock_error(vm, Errno::ENXIO)),
    }
}

/// The size of a control message header (`CMSG_ALIGN(sizeof(struct cmsghdr))`).
const CMSG_HEADER: u64 = 16;

fn cmsg_arg(vm: &Vm, caller: &str, v: Option<ObjRef>) -> PyResult<u64> {
    let n = crate::vm::argparse::index_arg(vm, &req(v))?;
    u64::try_from(n)
        .ok()
        .filter(|n| *n <= i32::MAX as u64 - CMSG_HEADER - 8)
        .ok_or_else(|| vm.overflow_error(&format!("{caller}() argument out of range")))
}

fn m_cmsg_len(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "CMSG_LEN", Sig::VarArgs(1, 1), args, kw)?;
    let n = cmsg_arg(vm, "CMSG_LEN", n)?;
    int::new_int(vm, (CMSG_HEADER + n) as i64)
}

fn m_cmsg_space(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "CMSG_SPACE", Sig::VarArgs(1, 1), args, kw)?;
    let n = cmsg_arg(vm, "CMSG_SPACE", n)?;
    int::new_int(vm, (CMSG_HEADER + n.div_ceil(8) * 8) as i64)
}

/// A table of `BuiltinDef`s from `"name" => function` pairs.
macro_rules! defs {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

/// The module-level functions defined here.
pub static FUNCTIONS: &[BuiltinDef] = defs![
    "getaddrinfo" => m_getaddrinfo,
    "getnameinfo" => m_getnameinfo,
    "gethostbyname" => m_gethostbyname,
    "gethostbyname_ex" => m_gethostbyname_ex,
    "gethostbyaddr" => m_gethostbyaddr,
    "gethostname" => m_gethostname,
    "htons" => m_htons,
    "ntohs" => m_ntohs,
    "htonl" => m_htonl,
    "ntohl" => m_ntohl,
    "inet_aton" => m_inet_aton,
    "inet_ntoa" => m_inet_ntoa,
    "inet_pton" => m_inet_pton,
    "inet_ntop" => m_inet_ntop,
    "socketpair" => m_socketpair,
    "dup" => m_dup,
    "close" => m_close,
    "if_nameindex" => m_if_nameindex,
    "if_nametoindex" => m_if_nametoindex,
    "if_indextoname" => m_if_indextoname,
    "CMSG_LEN" => m_cmsg_len,
    "CMSG_SPACE" => m_cmsg_space,
];
