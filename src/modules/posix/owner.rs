//! Ownership and special files: `chown`, `lchown`, `fchown` and `mkfifo`.

use super::fs::kw;
use super::path::{c_int, os_error, path_arg, path_error, Allow};
use super::stat::{check_fd_and_dir_fd, dir_fd_arg, follow_arg};
use crate::object::ObjRef;
use crate::objects::none;
use crate::vm::{PyResult, Vm};
use nix::fcntl::AtFlags;
use nix::unistd::{Gid, Uid};

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

/// A uid or gid argument (`what` is `uid` or `gid`): `-1` leaves it unchanged.
fn id_arg(vm: &Vm, obj: &ObjRef, what: &str) -> PyResult<Option<u32>> {
    if !crate::objects::int::is_int(obj)
        && crate::vm::ops::lookup_special(vm, obj, "__index__")?.is_none()
    {
        return Err(vm.type_error(&format!(
            "{what} should be integer, not {}",
            obj.ob_type().name()
        )));
    }
    let v = crate::vm::argparse::index_arg(vm, obj)?;
    if v == -1 {
        return Ok(None);
    }
    u32::try_from(v)
        .map(Some)
        .map_err(|_| vm.overflow_error(&format!("{what} is greater than maximum")))
}

/// `chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)` (a descriptor too).
pub fn p_chown(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, uid, gid, dir_fd, follow] = kw::<5>(
        vm,
        "chown",
        &["path", "uid", "gid", "dir_fd", "follow_symlinks"],
        3,
        args,
        kwn,
    )?;
    super::fs::positional_limit(vm, "chown", args, kwn, 3, 3)?;
    let p = path_arg(vm, "chown", "path", &req(path), Allow::Fd)?;
    let uid = id_arg(vm, &req(uid), "uid")?.map(Uid::from_raw);
    let gid = id_arg(vm, &req(gid), "gid")?.map(Gid::from_raw);
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    check_fd_and_dir_fd(vm, "chown", &p, dir_fd)?;
    let flags = if follow_arg(vm, follow)? {
        AtFlags::empty()
    } else {
        AtFlags::AT_SYMLINK_NOFOLLOW
    };
    let r = match p.fd {
        Some(fd) => nix::unistd::fchown(fd, uid, gid),
        None => nix::unistd::fchownat(dir_fd, p.bytes.as_slice(), uid, gid, flags),
    };
    r.map(|_| none::none()).map_err(|e| path_error(vm, e, &p))
}

/// `lchown(path, uid, gid)`.
pub fn p_lchown(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, uid, gid] = kw::<3>(vm, "lchown", &["path", "uid", "gid"], 3, args, kwn)?;
    let p = path_arg(vm, "lchown", "path", &req(path), Allow::Path)?;
    let uid = id_arg(vm, &req(uid), "uid")?.map(Uid::from_raw);
    let gid = id_arg(vm, &req(gid), "gid")?.map(Gid::from_raw);
    nix::unistd::fchownat(
        None,
        p.bytes.as_slice(),
        uid,
        gid,
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )
    .map(|_| none::none())
    .map_err(|e| path_error(vm, e, &p))
}

/// `fchown(fd, uid, gid)`.
pub fn p_fchown(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, uid, gid] = kw::<3>(vm, "fchown", &["fd", "uid", "gid"], 3, args, kwn)?;
    let fd = c_int(vm, &req(fd))?;
    let uid = id_arg(vm, &req(uid), "uid")?.map(Uid::from_raw);
    let gid = id_arg(vm, &req(gid), "gid")?.map(Gid::from_raw);
    nix::unistd::fchown(fd, uid, gid)
        .map(|_| none::none())
        .map_err(|e| os_error(vm, e, None, None))
}

/// `mkfifo(path, mode=0o666, *, dir_fd=None)`.
pub fn p_mkfifo(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, mode, dir_fd] = kw::<3>(vm, "mkfifo", &["path", "mode", "dir_fd"], 1, args, kwn)?;
    super::fs::positional_limit(vm, "mkfifo", args, kwn, 2, 1)?;
    let p = path_arg(vm, "mkfifo", "path", &req(path), Allow::Path)?;
    let mode = match mode {
        Some(m) => c_int(vm, &m)? as u32,
        None => 0o666,
    };
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    let mode = nix::sys::stat::Mode::from_bits_retain(mode);
    // CPython reports a failed mkfifo without the file name.
    nix::unistd::mkfifoat(dir_fd, p.bytes.as_slice(), mode)
        .map(|_| none::none())
        .map_err(|e| os_error(vm, e, None, None))
}
