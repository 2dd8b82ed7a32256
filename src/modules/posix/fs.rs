//! File-system calls of `posix` on paths: the working directory, directory listing, creating,
//! removing, renaming and linking entries, permissions, times and access checks.

use super::path::{c_int, io_error, os_error, path_arg, path_error, path_result, Allow, PathArg};
use super::stat::{dir_fd_arg, follow_arg};
use crate::object::ObjRef;
use crate::objects::{boolobj, exceptions, float, int, list, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};
use nix::fcntl::AtFlags;
use nix::sys::stat::{Mode, UtimensatFlags};
use nix::sys::time::TimeSpec;
use nix::unistd::UnlinkatFlags;
use std::os::unix::ffi::OsStrExt;

/// Parses keyword-style arguments `names` (the first `required` required) of `func`.
pub fn kw<const N: usize>(
    vm: &Vm,
    func: &str,
    names: &'static [&'static str],
    required: usize,
    args: &[ObjRef],
    kwn: Option<&ObjRef>,
) -> PyResult<[Option<ObjRef>; N]> {
    parse::<N>(
        vm,
        func,
        Sig::Kw {
            names,
            required,
            posonly: 0,
        },
        args,
        kwn,
    )
}

/// Refuses more than `npos` positional arguments for a function whose later parameters are
/// keyword-only (Argument Clinic's "takes exactly 1 positional argument (2 given)"), after the
/// total count was checked.
pub fn positional_limit(
    vm: &Vm,
    func: &str,
    args: &[ObjRef],
    kwn: Option<&ObjRef>,
    npos: usize,
    required: usize,
) -> PyResult<()> {
    let (pos, _) = crate::vm::args::split_args(args, kwn);
    if pos.len() <= npos {
        return Ok(());
    }
    let how = if required == npos {
        "exactly"
    } else {
        "at most"
    };
    Err(vm.type_error(&format!(
        "{func}() takes {how} {npos} positional argument{} ({} given)",
        if npos == 1 { "" } else { "s" },
        pos.len()
    )))
}

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

fn done<T>(vm: &Vm, r: nix::Result<T>, p: &PathArg) -> PyResult<ObjRef> {
    r.map(|_| none::none()).map_err(|e| path_error(vm, e, p))
}

/// `getcwd()`.
pub fn p_getcwd(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.getcwd", Sig::NoArgs, args, kwn)?;
    let d = std::env::current_dir().map_err(|e| io_error(vm, &e, None))?;
    path_result(vm, d.as_os_str().as_bytes(), false)
}

/// `getcwdb()`.
pub fn p_getcwdb(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.getcwdb", Sig::NoArgs, args, kwn)?;
    let d = std::env::current_dir().map_err(|e| io_error(vm, &e, None))?;
    path_result(vm, d.as_os_str().as_bytes(), true)
}

/// `chdir(path)` (a descriptor too).
pub fn p_chdir(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path] = kw::<1>(vm, "chdir", &["path"], 1, args, kwn)?;
    let p = path_arg(vm, "chdir", "path", &req(path), Allow::Fd)?;
    match p.fd {
        Some(fd) => done(vm, nix::unistd::fchdir(fd), &p),
        None => done(vm, nix::unistd::chdir(p.bytes.as_slice()), &p),
    }
}

/// `listdir(path=None)`: the names in a directory, `bytes` for a `bytes` path.
pub fn p_listdir(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path] = kw::<1>(vm, "listdir", &["path"], 0, args, kwn)?;
    let p = path_arg(vm, "listdir", "path", &req(path), Allow::FdOrNone)?;
    let dir_path = match p.fd {
        Some(fd) => format!("/proc/self/fd/{fd}").into_bytes(),
        None => p.bytes.clone(),
    };
    let rd = std::fs::read_dir(std::ffi::OsStr::from_bytes(&dir_path))
        .map_err(|e| io_error(vm, &e, Some(&p)))?;
    let out = list::new_list(vm, Vec::new())?;
    for entry in rd {
        let entry = entry.map_err(|e| io_error(vm, &e, Some(&p)))?;
        let name = path_result(vm, entry.file_name().as_bytes(), p.is_bytes)?;
        list::append(vm, &out, name)?;
    }
    Ok(out)
}

fn mode_arg(vm: &Vm, v: Option<ObjRef>, default: u32) -> PyResult<u32> {
    match v {
        Some(v) => Ok(c_int(vm, &v)? as u32),
        None => Ok(default),
    }
}

/// `mkdir(path, mode=0o777, *, dir_fd=None)`.
pub fn p_mkdir(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, mode, dir_fd] = kw::<3>(vm, "mkdir", &["path", "mode", "dir_fd"], 1, args, kwn)?;
    positional_limit(vm, "mkdir", args, kwn, 2, 1)?;
    let p = path_arg(vm, "mkdir", "path", &req(path), Allow::Path)?;
    let mode = mode_arg(vm, mode, 0o777)?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    done(
        vm,
        nix::sys::stat::mkdirat(dir_fd, p.bytes.as_slice(), Mode::from_bits_retain(mode)),
        &p,
    )
}

/// `rmdir(path, *, dir_fd=None)`.
pub fn p_rmdir(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, dir_fd] = kw::<2>(vm, "rmdir", &["path", "dir_fd"], 1, args, kwn)?;
    positional_limit(vm, "rmdir", args, kwn, 1, 1)?;
    let p = path_arg(vm, "rmdir", "path", &req(path), Allow::Path)?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    done(
        vm,
        nix::unistd::unlinkat(dir_fd, p.bytes.as_slice(), UnlinkatFlags::RemoveDir),
        &p,
    )
}

fn unlink_impl(vm: &Vm, func: &str, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, dir_fd] = parse::<2>(
        vm,
        func,
        Sig::Kw {
            names: &["path", "dir_fd"],
            required: 1,
            posonly: 0,
        },
        args,
        kwn,
    )?;
    positional_limit(vm, func, args, kwn, 1, 1)?;
    let p = path_arg(vm, func, "path", &req(path), Allow::Path)?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    done(
        vm,
        nix::unistd::unlinkat(dir_fd, p.bytes.as_slice(), UnlinkatFlags::NoRemoveDir),
        &p,
    )
}

/// `unlink(path, *, dir_fd=None)`.
pub fn p_unlink(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    unlink_impl(vm, "unlink", args, kwn)
}

/// `remove(path, *, dir_fd=None)`.
pub fn p_remove(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    unlink_impl(vm, "remove", args, kwn)
}

fn two_paths(
    vm: &Vm,
    func: &str,
    names: &'static [&'static str],
    npos: usize,
    args: &[ObjRef],
    kwn: Option<&ObjRef>,
) -> PyResult<(PathArg, PathArg, [Option<ObjRef>; 4])> {
    let all = parse::<4>(
        vm,
        func,
        Sig::Kw {
            names,
            required: 2,
            posonly: 0,
        },
        args,
        kwn,
    )?;
    positional_limit(vm, func, args, kwn, npos, 2)?;
    let a = path_arg(vm, func, names[0], &req(all[0].clone()), Allow::Path)?;
    let b = path_arg(vm, func, names[1], &req(all[1].clone()), Allow::Path)?;
    Ok((a, b, all))
}

fn two_path_error(vm: &Vm, e: nix::errno::Errno, a: &PathArg, b: &PathArg) -> crate::vm::PyErr {
    os_error(vm, e, a.object.as_ref(), b.object.as_ref())
}

fn rename_impl(vm: &Vm, func: &str, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b, all) = two_paths(
        vm,
        func,
        &["src", "dst", "src_dir_fd", "dst_dir_fd"],
        2,
        args,
        kwn,
    )?;
    let (src_fd, dst_fd) = (dir_fd_arg(vm, &all[2])?, dir_fd_arg(vm, &all[3])?);
    nix::fcntl::renameat(src_fd, a.bytes.as_slice(), dst_fd, b.bytes.as_slice())
        .map(|_| none::none())
        .map_err(|e| two_path_error(vm, e, &a, &b))
}

/// `rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None)`.
pub fn p_rename(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    rename_impl(vm, "rename", args, kwn)
}

/// `replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None)`.
pub fn p_replace(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    rename_impl(vm, "replace", args, kwn)
}

/// `link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`.
pub fn p_link(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let all = parse::<5>(
        vm,
        "link",
        Sig::Kw {
            names: &["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"],
            required: 2,
            posonly: 0,
        },
        args,
        kwn,
    )?;
    positional_limit(vm, "link", args, kwn, 2, 2)?;
    let a = path_arg(vm, "link", "src", &req(all[0].clone()), Allow::Path)?;
    let b = path_arg(vm, "link", "dst", &req(all[1].clone()), Allow::Path)?;
    let (src_fd, dst_fd) = (dir_fd_arg(vm, &all[2])?, dir_fd_arg(vm, &all[3])?);
    let flags = if follow_arg(vm, all[4].clone())? {
        AtFlags::AT_SYMLINK_FOLLOW
    } else {
        AtFlags::empty()
    };
    nix::unistd::linkat(
        src_fd,
        a.bytes.as_slice(),
        dst_fd,
        b.bytes.as_slice(),
        flags,
    )
    .map(|_| none::none())
    .map_err(|e| two_path_error(vm, e, &a, &b))
}

/// `symlink(src, dst, target_is_directory=False, *, dir_fd=None)`.
pub fn p_symlink(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (a, b, all) = two_paths(
        vm,
        "symlink",
        &["src", "dst", "target_is_directory", "dir_fd"],
        3,
        args,
        kwn,
    )?;
    let dir_fd = dir_fd_arg(vm, &all[3])?;
    nix::unistd::symlinkat(a.bytes.as_slice(), dir_fd, b.bytes.as_slice())
        .map(|_| none::none())
        .map_err(|e| two_path_error(vm, e, &a, &b))
}

/// `readlink(path, *, dir_fd=None)`.
pub fn p_readlink(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, dir_fd] = kw::<2>(vm, "readlink", &["path", "dir_fd"], 1, args, kwn)?;
    positional_limit(vm, "readlink", args, kwn, 1, 1)?;
    let p = path_arg(vm, "readlink", "path", &req(path), Allow::Path)?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    let target =
        nix::fcntl::readlinkat(dir_fd, p.bytes.as_slice()).map_err(|e| path_error(vm, e, &p))?;
    path_result(vm, target.as_bytes(), p.is_bytes)
}

/// `chmod(path, mode, *, dir_fd=None, follow_symlinks=True)` (a descriptor too).
pub fn p_chmod(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, mode, dir_fd, follow] = kw::<4>(
        vm,
        "chmod",
        &["path", "mode", "dir_fd", "follow_symlinks"],
        2,
        args,
        kwn,
    )?;
    positional_limit(vm, "chmod", args, kwn, 2, 2)?;
    let p = path_arg(vm, "chmod", "path", &req(path), Allow::Fd)?;
    let mode = Mode::from_bits_retain(c_int(vm, &req(mode))? as u32);
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    super::stat::check_fd_and_dir_fd(vm, "chmod", &p, dir_fd)?;
    if !follow_arg(vm, follow)? {
        return Err(vm.new_error(
            &exceptions::NOT_IMPLEMENTED_ERROR,
            "chmod: follow_symlinks unavailable on this platform",
        ));
    }
    match p.fd {
        Some(fd) => done(vm, nix::sys::stat::fchmod(fd, mode), &p),
        None => done(
            vm,
            nix::sys::stat::fchmodat(
                dir_fd,
                p.bytes.as_slice(),
                mode,
                nix::sys::stat::FchmodatFlags::FollowSymlink,
            ),
            &p,
        ),
    }
}

/// `fchmod(fd, mode)`.
pub fn p_fchmod(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, mode] = kw::<2>(vm, "fchmod", &["fd", "mode"], 2, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let mode = Mode::from_bits_retain(c_int(vm, &req(mode))? as u32);
    nix::sys::stat::fchmod(fd, mode)
        .map(|_| none::none())
        .map_err(|e| os_error(vm, e, None, None))
}

/// Seconds as a double to a `timespec`, nanoseconds rounded toward minus infinity (CPython's
/// `_PyTime_ObjectToTimespec` with `ROUND_FLOOR`, as `utime` uses).
fn float_timespec(vm: &Vm, f: f64) -> PyResult<TimeSpec> {
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let mut secs = f.trunc();
    let mut nanos = ((f - secs) * 1e9).floor();
    if nanos >= 1e9 {
        nanos -= 1e9;
        secs += 1.0;
    } else if nanos < 0.0 {
        nanos += 1e9;
        secs -= 1.0;
    }
    if !(secs >= i64::MIN as f64 && secs < i64::MAX as f64) {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(TimeSpec::new(secs as i64, nanos as i64))
}

fn time_pair(vm: &Vm, v: &ObjRef, ns: bool) -> PyResult<Option<(TimeSpec, TimeSpec)>> {
    let items = tuple::items(v).filter(|t| t.len() == 2);
    let Some(items) = items else {
        return Ok(None);
    };
    let mut out = [TimeSpec::new(0, 0); 2];
    for (slot, x) in out.iter_mut().zip(items) {
        if ns {
            let Some(n) = int::as_bigint(x) else {
                return Ok(None);
            };
            let n = i128::try_from(n).unwrap_or(0);
            *slot = TimeSpec::new(
                n.div_euclid(1_000_000_000) as i64,
                n.rem_euclid(1_000_000_000) as i64,
            );
        } else if let Some(i) = int::as_i64(x) {
            *slot = TimeSpec::new(i, 0);
        } else if let Some(f) = float::as_f64(x) {
            *slot = float_timespec(vm, f)?;
        } else {
            return Err(vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                x.ob_type().name()
            )));
        }
    }
    Ok(Some((out[0], out[1])))
}

/// `utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True)`.
pub fn p_utime(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, times, ns, dir_fd, follow] = kw::<5>(
        vm,
        "utime",
        &["path", "times", "ns", "dir_fd", "follow_symlinks"],
        1,
        args,
        kwn,
    )?;
    positional_limit(vm, "utime", args, kwn, 2, 1)?;
    let p = path_arg(vm, "utime", "path", &req(path), Allow::Fd)?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    super::stat::check_fd_and_dir_fd(vm, "utime", &p, dir_fd)?;
    let times = times.filter(|t| !none::is_none(t));
    if times.is_some() && ns.is_some() {
        return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both"));
    }
    let (atime, mtime) = if let Some(t) = times {
        time_pair(vm, &t, false)?.ok_or_else(|| {
            vm.type_error("utime: 'times' must be either a tuple of two ints or None")
        })?
    } else if let Some(n) = ns {
        time_pair(vm, &n, true)?
            .ok_or_else(|| vm.type_error("utime: 'ns' must be a tuple of two ints"))?
    } else {
        (TimeSpec::UTIME_NOW, TimeSpec::UTIME_NOW)
    };
    let flag = if follow_arg(vm, follow)? {
        UtimensatFlags::FollowSymlink
    } else {
        UtimensatFlags::NoFollowSymlink
    };
    let r = match p.fd {
        Some(fd) => nix::sys::stat::futimens(fd, &atime, &mtime),
        None => nix::sys::stat::utimensat(dir_fd, p.bytes.as_slice(), &atime, &mtime, flag),
    };
    // CPython reports a failed utime without the file name.
    r.map(|_| none::none())
        .map_err(|e| os_error(vm, e, None, None))
}

/// `access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True)`.
pub fn p_access(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, mode, dir_fd, eff, follow] = kw::<5>(
        vm,
        "access",
        &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        2,
        args,
        kwn,
    )?;
    positional_limit(vm, "access", args, kwn, 2, 2)?;
    let p = path_arg(vm, "access", "path", &req(path), Allow::Path)?;
    let mode = c_int(vm, &req(mode))?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    let mut at = AtFlags::empty();
    if let Some(e) = eff {
        if crate::vm::ops::truthy(vm, &e)? {
            at |= AtFlags::AT_EACCESS;
        }
    }
    if !follow_arg(vm, follow)? {
        at |= AtFlags::AT_SYMLINK_NOFOLLOW;
    }
    let flags = nix::unistd::AccessFlags::from_bits_retain(mode);
    Ok(boolobj::new_bool(
        nix::unistd::faccessat(dir_fd, p.bytes.as_slice(), flags, at).is_ok(),
    ))
}

/// `umask(mask)`: sets the mask, returns the previous one.
pub fn p_umask(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [mask] = parse::<1>(vm, "posix.umask", Sig::One, args, kwn)?;
    let mask = c_int(vm, &req(mask))?;
    let old = nix::sys::stat::umask(Mode::from_bits_truncate(mask as u32));
    int::new_int(vm, old.bits() as i64)
}

/// `truncate(path, length)` (a descriptor too).
pub fn p_truncate(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, length] = kw::<2>(vm, "truncate", &["path", "length"], 2, args, kwn)?;
    let p = path_arg(vm, "truncate", "path", &req(path), Allow::Fd)?;
    let len = crate::vm::argparse::index_arg(vm, &req(length))?;
    match p.fd {
        Some(fd) => super::ffi::ftruncate(fd, len)
            .map(|_| none::none())
            .map_err(|e| os_error(vm, e, None, None)),
        None => done(vm, nix::unistd::truncate(p.bytes.as_slice(), len), &p),
    }
}

/// `fspath(path)`.
pub fn p_fspath(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path] = kw::<1>(vm, "fspath", &["path"], 1, args, kwn)?;
    super::path::fspath(vm, &req(path))
}
