//! The `fcntl` module: `fcntl` and `ioctl` with integer arguments, `flock`, `lockf`, and the
//! `F_*`/`LOCK_*`/`FD_*` constants (Linux values).

use super::posix::ffi;
use super::posix::path::{c_int, fd_value, os_error};
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, module, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// The constants of `fcntl`.
const CONSTANTS: &[(&str, i64)] = &[
    ("FD_CLOEXEC", 1),
    ("F_ADD_SEALS", 1033),
    ("F_DUPFD", 0),
    ("F_DUPFD_CLOEXEC", 1030),
    ("F_EXLCK", 4),
    ("F_GETFD", 1),
    ("F_GETFL", 3),
    ("F_GETLEASE", 1025),
    ("F_GETLK", 5),
    ("F_GETLK64", 5),
    ("F_GETOWN", 9),
    ("F_GETPIPE_SZ", 1032),
    ("F_GETSIG", 11),
    ("F_GET_SEALS", 1034),
    ("F_NOTIFY", 1026),
    ("F_OFD_GETLK", 36),
    ("F_OFD_SETLK", 37),
    ("F_OFD_SETLKW", 38),
    ("F_RDLCK", 0),
    ("F_SEAL_GROW", 4),
    ("F_SEAL_SEAL", 1),
    ("F_SEAL_SHRINK", 2),
    ("F_SEAL_WRITE", 8),
    ("F_SETFD", 2),
    ("F_SETFL", 4),
    ("F_SETLEASE", 1024),
    ("F_SETLK", 6),
    ("F_SETLK64", 6),
    ("F_SETLKW", 7),
    ("F_SETLKW64", 7),
    ("F_SETOWN", 8),
    ("F_SETPIPE_SZ", 1031),
    ("F_SETSIG", 10),
    ("F_SHLCK", 8),
    ("F_UNLCK", 2),
    ("F_WRLCK", 1),
    ("LOCK_EX", 2),
    ("LOCK_MAND", 32),
    ("LOCK_NB", 4),
    ("LOCK_READ", 64),
    ("LOCK_RW", 192),
    ("LOCK_SH", 1),
    ("LOCK_UN", 8),
    ("LOCK_WRITE", 128),
];

/// Commands whose argument is a pointer to a `struct flock` (refused: only integer
/// arguments are supported).
const POINTER_COMMANDS: [i32; 6] = [5, 6, 7, 36, 37, 38];

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

/// A descriptor: an int or an object with `fileno()`.
fn fd_arg(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    if int::is_int(obj) {
        return fd_value(vm, obj);
    }
    let Ok(f) = ops::getattr(vm, obj, "fileno") else {
        return Err(vm.type_error("argument must be an int, or have a fileno() method."));
    };
    let r = ops::call(vm, &f, &[], None)?;
    fd_value(vm, &r)
}

fn int_arg(vm: &Vm, arg: Option<ObjRef>, what: &str) -> PyResult<i64> {
    match arg {
        None => Ok(0),
        Some(a) if int::is_int(&a) => crate::vm::argparse::index_arg(vm, &a),
        Some(a) => Err(vm.new_error(
            &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
            &format!(
                "{what}: a buffer argument ({}) is not supported",
                a.ob_type().name()
            ),
        )),
    }
}

/// `fcntl(fd, cmd, arg=0)`.
fn f_fcntl(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, cmd, arg] = parse::<3>(vm, "fcntl", Sig::Clinic(2, 3), args, kw)?;
    let fd = fd_arg(vm, &req(fd))?;
    let cmd = c_int(vm, &req(cmd))?;
    if POINTER_COMMANDS.contains(&cmd) {
        return Err(os_error(vm, nix::errno::Errno::EINVAL, None, None));
    }
    let arg = int_arg(vm, arg, "fcntl")?;
    let r =
        ffi::fcntl_int(fd, cmd, arg as libc::c_long).map_err(|e| os_error(vm, e, None, None))?;
    int::new_int(vm, r as i64)
}

/// `ioctl(fd, request, arg=0)` with an integer argument.
fn f_ioctl(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, req_, arg] = parse::<3>(vm, "ioctl", Sig::Clinic(2, 4), args, kw)?;
    let fd = fd_arg(vm, &req(fd))?;
    let request = crate::vm::argparse::index_arg(vm, &req(req_))? as libc::c_ulong;
    let arg = int_arg(vm, arg, "ioctl")?;
    let r = ffi::ioctl_int(fd, request, arg as libc::c_long)
        .map_err(|e| os_error(vm, e, None, None))?;
    int::new_int(vm, r as i64)
}

/// `flock(fd, operation)`.
fn f_flock(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, op] = parse::<2>(vm, "flock", Sig::Clinic(2, 2), args, kw)?;
    let fd = fd_arg(vm, &req(fd))?;
    let op = c_int(vm, &req(op))?;
    use nix::fcntl::FlockArg;
    let nb = op & libc::LOCK_NB != 0;
    let arg = match (op & !libc::LOCK_NB, nb) {
        (libc::LOCK_SH, false) => FlockArg::LockShared,
        (libc::LOCK_SH, true) => FlockArg::LockSharedNonblock,
        (libc::LOCK_EX, false) => FlockArg::LockExclusive,
        (libc::LOCK_EX, true) => FlockArg::LockExclusiveNonblock,
        (libc::LOCK_UN, _) => FlockArg::Unlock,
        _ => return Err(os_error(vm, nix::errno::Errno::EINVAL, None, None)),
    };
    #[allow(deprecated)]
    let r = nix::fcntl::flock(fd, arg);
    r.map_err(|e| os_error(vm, e, None, None))?;
    Ok(none::none())
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)`, through `flock` for whole-file locks.
fn f_lockf(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, cmd, _len, _start, _whence] = parse::<5>(vm, "lockf", Sig::Clinic(2, 5), args, kw)?;
    let fd_obj = req(fd);
    let cmd = req(cmd);
    f_flock(vm, &[fd_obj, cmd], None)
}

static FUNCTIONS: [BuiltinDef; 4] = [
    BuiltinDef {
        name: "fcntl",
        func: f_fcntl,
    },
    BuiltinDef {
        name: "ioctl",
        func: f_ioctl,
    },
    BuiltinDef {
        name: "flock",
        func: f_flock,
    },
    BuiltinDef {
        name: "lockf",
        func: f_lockf,
    },
];

/// Builds `fcntl`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "fcntl")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in CONSTANTS {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    Ok(m)
}
