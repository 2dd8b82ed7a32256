//! The `posix` module, which CPython's `os` re-exports on Linux: files and directories
//! ([`fs`], [`stat`], [`scandir`]), descriptors ([`fd`]), processes ([`process`]), the
//! environment and system configuration ([`environ`]), and the constants ([`consts`]).
//!
//! Paths are converted as CPython's `path_converter` does ([`path`]); a failed call raises the
//! `OSError` subclass its errno selects, with CPython's message and file names. The few C
//! calls with no safe wrapper are in [`ffi`].

pub mod consts;
pub mod environ;
pub mod fd;
pub mod ffi;
pub mod fs;
pub mod owner;
pub mod path;
pub mod process;
pub mod scandir;
pub mod session;
pub mod stat;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{exceptions, int, module, str as pystr, structseq};
use crate::vm::{PyResult, Vm};

/// A table of `BuiltinDef`s from `"name" => function` pairs.
macro_rules! defs {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

static FUNCTIONS: &[BuiltinDef] = defs![
    "stat" => stat::p_stat, "lstat" => stat::p_lstat, "fstat" => stat::p_fstat,
    "statvfs" => stat::p_statvfs,
    "getcwd" => fs::p_getcwd, "getcwdb" => fs::p_getcwdb, "chdir" => fs::p_chdir,
    "listdir" => fs::p_listdir, "mkdir" => fs::p_mkdir, "rmdir" => fs::p_rmdir,
    "unlink" => fs::p_unlink, "remove" => fs::p_remove, "rename" => fs::p_rename,
    "replace" => fs::p_replace, "link" => fs::p_link, "symlink" => fs::p_symlink,
    "readlink" => fs::p_readlink, "chmod" => fs::p_chmod, "fchmod" => fs::p_fchmod,
    "utime" => fs::p_utime, "access" => fs::p_access, "umask" => fs::p_umask,
    "truncate" => fs::p_truncate, "fspath" => fs::p_fspath,
    "scandir" => scandir::p_scandir,
    "chown" => owner::p_chown, "lchown" => owner::p_lchown, "fchown" => owner::p_fchown,
    "mkfifo" => owner::p_mkfifo,
    "open" => fd::p_open, "close" => fd::p_close, "closerange" => fd::p_closerange,
    "read" => fd::p_read, "write" => fd::p_write, "lseek" => fd::p_lseek,
    "fsync" => fd::p_fsync, "fdatasync" => fd::p_fdatasync, "ftruncate" => fd::p_ftruncate,
    "dup" => fd::p_dup, "dup2" => fd::p_dup2, "pipe" => fd::p_pipe, "pipe2" => fd::p_pipe2,
    "get_inheritable" => fd::p_get_inheritable, "set_inheritable" => fd::p_set_inheritable,
    "get_blocking" => fd::p_get_blocking, "set_blocking" => fd::p_set_blocking,
    "isatty" => fd::p_isatty, "ttyname" => fd::p_ttyname,
    "device_encoding" => fd::p_device_encoding,
    "get_terminal_size" => fd::p_get_terminal_size,
    "getpid" => process::p_getpid, "getppid" => process::p_getppid,
    "getuid" => process::p_getuid, "geteuid" => process::p_geteuid,
    "getgid" => process::p_getgid, "getegid" => process::p_getegid,
    "getpgrp" => process::p_getpgrp, "getgroups" => process::p_getgroups,
    "getlogin" => process::p_getlogin,
    "kill" => process::p_kill, "killpg" => process::p_killpg,
    "waitpid" => process::p_waitpid, "wait" => process::p_wait,
    "WIFEXITED" => process::p_wifexited, "WEXITSTATUS" => process::p_wexitstatus,
    "WIFSIGNALED" => process::p_wifsignaled, "WTERMSIG" => process::p_wtermsig,
    "WIFSTOPPED" => process::p_wifstopped, "WSTOPSIG" => process::p_wstopsig,
    "WCOREDUMP" => process::p_wcoredump, "WIFCONTINUED" => process::p_wifcontinued,
    "waitstatus_to_exitcode" => process::p_waitstatus_to_exitcode,
    "fork" => process::p_fork, "register_at_fork" => process::p_register_at_fork,
    "system" => process::p_system, "execv" => process::p_execv, "execve" => process::p_execve,
    "_exit" => process::p_exit, "abort" => process::p_abort,
    "times" => process::p_times, "uname" => process::p_uname, "urandom" => process::p_urandom,
    "getpgid" => session::p_getpgid, "getsid" => session::p_getsid,
    "setpgid" => session::p_setpgid, "setpgrp" => session::p_setpgrp,
    "setsid" => session::p_setsid, "getloadavg" => session::p_getloadavg,
    "major" => session::p_major, "minor" => session::p_minor, "makedev" => session::p_makedev,
    "putenv" => environ::p_putenv, "unsetenv" => environ::p_unsetenv,
    "strerror" => environ::p_strerror, "cpu_count" => environ::p_cpu_count,
    "sysconf" => environ::p_sysconf, "confstr" => environ::p_confstr,
    "pathconf" => environ::p_pathconf,
];

/// The `HAVE_*` features `os` reads to fill `supports_fd`, `supports_dir_fd` and
/// `supports_follow_symlinks` (the `*at` calls take `dir_fd`).
const HAVE_FUNCTIONS: [&str; 21] = [
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR",
    "HAVE_FSTATAT",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LCHOWN",
    "HAVE_LINKAT",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

/// Builds `posix`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "posix")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in consts::CONSTANTS {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    module::set_attr(vm, &m, "error", ObjRef::from_type(&exceptions::OS_ERROR))?;
    module::set_attr(vm, &m, "environ", environ::environ(vm)?)?;
    let have: PyResult<Vec<ObjRef>> = HAVE_FUNCTIONS
        .iter()
        .map(|n| pystr::new_str_vm(vm, n))
        .collect();
    let have = crate::objects::list::new_list(vm, have?)?;
    module::set_attr(vm, &m, "_have_functions", have)?;
    let stat_result = structseq::new_type_with_extra(
        vm,
        "os.stat_result",
        &stat::STAT_FIELDS,
        &stat::STAT_EXTRA,
    )?;
    module::set_attr(vm, &m, "stat_result", stat_result)?;
    let statvfs = structseq::new_type_with_extra(
        vm,
        "os.statvfs_result",
        &stat::STATVFS_FIELDS,
        &["f_fsid"],
    )?;
    module::set_attr(vm, &m, "statvfs_result", statvfs)?;
    let ts = structseq::new_type(vm, "os.terminal_size", &["columns", "lines"])?;
    module::set_attr(vm, &m, "terminal_size", ts)?;
    let times = structseq::new_type(
        vm,
        "posix.times_result",
        &[
            "user",
            "system",
            "children_user",
            "children_system",
            "elapsed",
        ],
    )?;
    module::set_attr(vm, &m, "times_result", times)?;
    let uname = structseq::new_type(
        vm,
        "posix.uname_result",
        &["sysname", "nodename", "release", "version", "machine"],
    )?;
    module::set_attr(vm, &m, "uname_result", uname)?;
    module::set_attr(
        vm,
        &m,
        "DirEntry",
        ObjRef::from_type(&scandir::DIR_ENTRY_TYPE),
    )?;
    module::set_attr(
        vm,
        &m,
        "sysconf_names",
        environ::names_dict(vm, environ::SYSCONF_NAMES)?,
    )?;
    module::set_attr(
        vm,
        &m,
        "confstr_names",
        environ::names_dict(vm, environ::CONFSTR_NAMES)?,
    )?;
    module::set_attr(
        vm,
        &m,
        "pathconf_names",
        environ::names_dict(vm, environ::PATHCONF_NAMES)?,
    )?;
    Ok(m)
}

#[cfg(test)]
mod tests;
