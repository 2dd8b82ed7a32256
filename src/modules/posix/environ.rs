//! The environment (`environ`, `putenv`, `unsetenv`) and system configuration (`sysconf`,
//! `confstr`, `pathconf` and their name tables, `cpu_count`, `strerror`).

use super::path::{c_int, fspath, os_error, path_arg, Allow};
use crate::object::ObjRef;
use crate::objects::{bytes, dict, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};
use std::os::unix::ffi::OsStrExt;

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

/// The bytes of a `str` (UTF-8), `bytes` or path-like argument.
pub fn encode_arg(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<u8>> {
    let p = fspath(vm, obj)?;
    if let Some(s) = pystr::as_str(&p) {
        return Ok(s.as_bytes().to_vec());
    }
    Ok(bytes::as_bytes(&p).unwrap_or(&[]).to_vec())
}

/// `environ`: the process environment at start-up, as a dict of `bytes` to `bytes`.
pub fn environ(vm: &Vm) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    for (k, v) in std::env::vars_os() {
        let k = bytes::new_bytes(vm, k.as_bytes())?;
        let v = bytes::new_bytes(vm, v.as_bytes())?;
        dict::set_item(vm, &d, k, v)?;
    }
    Ok(d)
}

/// `putenv(name, value)`.
pub fn p_putenv(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name, value] = parse::<2>(vm, "putenv", Sig::Clinic(2, 2), args, kwn)?;
    let name = env_name(vm, &req(name))?;
    let value = encode_arg(vm, &req(value))?;
    if value.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    if name.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if name.is_empty() {
        return Err(os_error(vm, nix::errno::Errno::EINVAL, None, None));
    }
    std::env::set_var(
        std::ffi::OsStr::from_bytes(&name),
        std::ffi::OsStr::from_bytes(&value),
    );
    Ok(none::none())
}

/// An environment variable name: encoded, with no NUL.
fn env_name(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<u8>> {
    let name = encode_arg(vm, obj)?;
    if name.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(name)
}

/// `unsetenv(name)`.
pub fn p_unsetenv(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "posix.unsetenv", Sig::One, args, kwn)?;
    let name = env_name(vm, &req(name))?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(os_error(vm, nix::errno::Errno::EINVAL, None, None));
    }
    std::env::remove_var(std::ffi::OsStr::from_bytes(&name));
    Ok(none::none())
}

/// `strerror(code)`.
pub fn p_strerror(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [code] = parse::<1>(vm, "posix.strerror", Sig::One, args, kwn)?;
    let code = c_int(vm, &req(code))?;
    pystr::new_str_vm(vm, &super::path::strerror(code))
}

/// `cpu_count()`: the number of processors online.
pub fn p_cpu_count(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.cpu_count", Sig::NoArgs, args, kwn)?;
    match super::ffi::sysconf(libc::_SC_NPROCESSORS_ONLN) {
        Ok(Some(n)) if n > 0 => int::new_int(vm, n),
        _ => Ok(none::none()),
    }
}

/// `sysconf` names and their Linux values.
pub const SYSCONF_NAMES: &[(&str, i32)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_STREAM_MAX", libc::_SC_STREAM_MAX),
    ("SC_TZNAME_MAX", libc::_SC_TZNAME_MAX),
    ("SC_JOB_CONTROL", libc::_SC_JOB_CONTROL),
    ("SC_SAVED_IDS", libc::_SC_SAVED_IDS),
    ("SC_VERSION", libc::_SC_VERSION),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGESIZE),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_AVPHYS_PAGES", libc::_SC_AVPHYS_PAGES),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
    ("SC_SIGQUEUE_MAX", libc::_SC_SIGQUEUE_MAX),
    ("SC_TTY_NAME_MAX", libc::_SC_TTY_NAME_MAX),
    ("SC_GETPW_R_SIZE_MAX", libc::_SC_GETPW_R_SIZE_MAX),
    ("SC_GETGR_R_SIZE_MAX", libc::_SC_GETGR_R_SIZE_MAX),
    ("SC_THREAD_STACK_MIN", libc::_SC_THREAD_STACK_MIN),
    ("SC_MINSIGSTKSZ", 249),
];

/// `confstr` names.
pub const CONFSTR_NAMES: &[(&str, i32)] = &[
    ("CS_PATH", libc::_CS_PATH),
    ("CS_GNU_LIBC_VERSION", libc::_CS_GNU_LIBC_VERSION),
    (
        "CS_GNU_LIBPTHREAD_VERSION",
        libc::_CS_GNU_LIBPTHREAD_VERSION,
    ),
];

/// `pathconf` names.
pub const PATHCONF_NAMES: &[(&str, i32)] = &[
    ("PC_LINK_MAX", libc::_PC_LINK_MAX),
    ("PC_MAX_CANON", libc::_PC_MAX_CANON),
    ("PC_MAX_INPUT", libc::_PC_MAX_INPUT),
    ("PC_NAME_MAX", libc::_PC_NAME_MAX),
    ("PC_PATH_MAX", libc::_PC_PATH_MAX),
    ("PC_PIPE_BUF", libc::_PC_PIPE_BUF),
    ("PC_CHOWN_RESTRICTED", libc::_PC_CHOWN_RESTRICTED),
    ("PC_NO_TRUNC", libc::_PC_NO_TRUNC),
    ("PC_VDISABLE", libc::_PC_VDISABLE),
];

/// A name-table dict (`sysconf_names`, ...).
pub fn names_dict(vm: &Vm, table: &[(&str, i32)]) -> PyResult<ObjRef> {
    let d = dict::new_dict_vm(vm)?;
    for (name, v) in table {
        dict::set_str(vm, &d, name, int::new_int(vm, *v as i64)?)?;
    }
    Ok(d)
}

/// A configuration name argument: an int, or a name of `table`.
fn conf_name(vm: &Vm, obj: &ObjRef, table: &[(&str, i32)]) -> PyResult<i32> {
    if let Some(s) = pystr::as_str(obj) {
        return table
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| vm.value_error("unrecognized configuration name"));
    }
    if int::is_int(obj) {
        return c_int(vm, obj);
    }
    Err(vm.type_error("configuration names must be strings or integers"))
}

/// `sysconf(name)`.
pub fn p_sysconf(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "posix.sysconf", Sig::One, args, kwn)?;
    let name = conf_name(vm, &req(name), SYSCONF_NAMES)?;
    match super::ffi::sysconf(name) {
        Ok(v) => int::new_int(vm, v.unwrap_or(-1)),
        Err(e) => Err(os_error(vm, e, None, None)),
    }
}

/// `confstr(name)`.
pub fn p_confstr(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "posix.confstr", Sig::One, args, kwn)?;
    let name = conf_name(vm, &req(name), CONFSTR_NAMES)?;
    match super::ffi::confstr(name) {
        Ok(Some(v)) => pystr::new_str_fs(vm, &v),
        Ok(None) => Ok(none::none()),
        Err(e) => Err(os_error(vm, e, None, None)),
    }
}

/// `pathconf(path, name)`.
pub fn p_pathconf(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, name] = super::fs::kw::<2>(vm, "pathconf", &["path", "name"], 2, args, kwn)?;
    let p = path_arg(vm, "pathconf", "path", &req(path), Allow::Path)?;
    let name = conf_name(vm, &req(name), PATHCONF_NAMES)?;
    let var = PATHCONF_VARS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .ok_or_else(|| os_error(vm, nix::errno::Errno::EINVAL, None, None))?;
    match nix::unistd::pathconf(p.bytes.as_slice(), var) {
        Ok(v) => int::new_int(vm, v.unwrap_or(-1)),
        Err(e) => Err(super::path::path_error(vm, e, &p)),
    }
}

const PATHCONF_VARS: &[(i32, nix::unistd::PathconfVar)] = {
    use nix::unistd::PathconfVar as P;
    &[
        (libc::_PC_LINK_MAX, P::LINK_MAX),
        (libc::_PC_MAX_CANON, P::MAX_CANON),
        (libc::_PC_MAX_INPUT, P::MAX_INPUT),
        (libc::_PC_NAME_MAX, P::NAME_MAX),
        (libc::_PC_PATH_MAX, P::PATH_MAX),
        (libc::_PC_PIPE_BUF, P::PIPE_BUF),
        (libc::_PC_CHOWN_RESTRICTED, P::_POSIX_CHOWN_RESTRICTED),
        (libc::_PC_NO_TRUNC, P::_POSIX_NO_TRUNC),
        (libc::_PC_VDISABLE, P::_POSIX_VDISABLE),
    ]
};
