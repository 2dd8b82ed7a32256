//! The `_socket` module under CPython's `Lib/socket.py`: the `socket` type ([`object`], its
//! data transfer in [`transfer`]), socket addresses as Python values ([`addr`]), name
//! resolution and the address helpers (`getaddrinfo`, `inet_pton`, `htons`, ... in
//! [`resolve`]), and the integer constants ([`consts`], Linux values).
//!
//! A socket is a descriptor number with its family, type, protocol and timeout, all plain data,
//! so the payload holds no Python object; freeing a socket object that still owns a descriptor
//! closes it. Timeouts work as CPython's: a socket with a timeout is non-blocking at the system
//! level and every call first waits with `poll(2)` until the descriptor is ready or the time
//! runs out (`TimeoutError: timed out`). The C calls are the functions of `posix::ffi`.

pub mod addr;
pub mod consts;
pub mod object;
pub mod resolve;
pub mod transfer;

#[cfg(test)]
mod tests;

use super::modutil;
use super::posix::path::os_error;
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, exceptions, float, int, module, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use nix::errno::Errno;
use std::cell::Cell;

thread_local! {
    /// `setdefaulttimeout`'s value in seconds; negative: none (blocking sockets). One
    /// interpreter runs per thread, so this is the interpreter's.
    static DEFAULT_TIMEOUT: Cell<f64> = const { Cell::new(-1.0) };
}

/// The timeout new sockets get (negative: none).
pub fn default_timeout() -> f64 {
    DEFAULT_TIMEOUT.with(Cell::get)
}

/// The `OSError` subclass for `errno`, as a failed socket call raises it.
pub fn sock_error(vm: &Vm, errno: Errno) -> PyErr {
    os_error(vm, errno, None, None)
}

/// `TimeoutError: timed out`.
pub fn timeout_error(vm: &Vm) -> PyErr {
    vm.new_error(&exceptions::TIMEOUT_ERROR, "timed out")
}

/// An instance of the module's exception class `name` (`gaierror`, `herror`) made from `args`.
fn module_exception(vm: &Vm, name: &str, args: Vec<ObjRef>) -> PyErr {
    let make = || -> PyResult<ObjRef> {
        let m = crate::vm::import::import_dotted(vm, "_socket")?;
        let cls = ops::getattr(vm, &m, name)?;
        ops::call(vm, &cls, &args, None)
    };
    match make() {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

/// The error of a failed `getaddrinfo`/`getnameinfo`: `gaierror(code, message)`, or the
/// `OSError` of `errno` for `EAI_SYSTEM`.
pub fn gai_error(vm: &Vm, code: i32, errno: Errno) -> PyErr {
    if code == libc::EAI_SYSTEM {
        return sock_error(vm, errno);
    }
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            int::new_int(vm, i64::from(code))?,
            pystr::new_str_vm(vm, &super::posix::ffi::gai_strerror(code))?,
        ])
    })();
    match args {
        Ok(args) => module_exception(vm, "gaierror", args),
        Err(e) => e,
    }
}

/// A timeout argument in seconds: `None` is -1 (no timeout); negative values are refused.
pub fn timeout_arg(vm: &Vm, v: &ObjRef) -> PyResult<f64> {
    if none::is_none(v) {
        return Ok(-1.0);
    }
    let secs = match float::as_f64(v) {
        Some(f) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            f
        }
        None => crate::vm::argparse::index_arg(vm, v)? as f64,
    };
    if secs < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    if secs > 9.2e9 {
        return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    Ok(secs)
}

/// A timeout as Python sees it: `None` or seconds.
pub fn timeout_value(vm: &Vm, t: f64) -> PyResult<ObjRef> {
    if t < 0.0 {
        Ok(none::none())
    } else {
        float::new_float(vm, t)
    }
}

fn m_getdefaulttimeout(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getdefaulttimeout", Sig::NoArgs, args, kw)?;
    timeout_value(vm, default_timeout())
}

fn m_setdefaulttimeout(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [t] = parse::<1>(vm, "setdefaulttimeout", Sig::One, args, kw)?;
    let t = timeout_arg(vm, &t.unwrap_or_else(none::none))?;
    DEFAULT_TIMEOUT.with(|c| c.set(t));
    Ok(none::none())
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "getdefaulttimeout",
        func: m_getdefaulttimeout,
    },
    BuiltinDef {
        name: "setdefaulttimeout",
        func: m_setdefaulttimeout,
    },
];

/// Builds `_socket`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_socket")?;
    for def in FUNCTIONS.iter().chain(resolve::FUNCTIONS.iter()) {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in consts::CONSTS {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    let sock = ObjRef::from_type(&object::SOCKET_TYPE);
    module::set_attr(vm, &m, "socket", sock.clone())?;
    module::set_attr(vm, &m, "SocketType", sock)?;
    module::set_attr(vm, &m, "has_ipv6", boolobj::new_bool(true))?;
    let os_err = modutil::base(&exceptions::OS_ERROR);
    module::set_attr(vm, &m, "error", os_err.clone())?;
    module::set_attr(vm, &m, "timeout", modutil::base(&exceptions::TIMEOUT_ERROR))?;
    modutil::add_exception_class(vm, &m, "socket", "herror", std::slice::from_ref(&os_err))?;
    modutil::add_exception_class(vm, &m, "socket", "gaierror", &[os_err])?;
    Ok(m)
}
