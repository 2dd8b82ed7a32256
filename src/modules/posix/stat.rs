//! `stat`, `lstat`, `fstat` and `statvfs`/`fstatvfs`, and their result types
//! (`os.stat_result`, `os.statvfs_result`).

use super::path::{path_arg, path_error, Allow, PathArg};
use crate::object::ObjRef;
use crate::objects::{boolobj, float, int, none, structseq};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::fcntl::AtFlags;
use nix::sys::stat::FileStat;

/// The items of `os.stat_result` (the three `#` ones are the whole-second times, unnamed).
pub const STAT_FIELDS: [&str; 10] = [
    "st_mode",
    "st_ino",
    "st_dev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "#st_atime",
    "#st_mtime",
    "#st_ctime",
];

/// The attribute-only fields of `os.stat_result`.
pub const STAT_EXTRA: [&str; 9] = [
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

/// The fields of `os.statvfs_result`.
pub const STATVFS_FIELDS: [&str; 10] = [
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
];

/// A type of the `posix` module, by name.
pub fn posix_type(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    let m = crate::vm::import::import_dotted(vm, "posix")?;
    ops::getattr(vm, &m, name)
}

/// The `os.stat_result` for `st`.
pub fn stat_result(vm: &Vm, st: &FileStat) -> PyResult<ObjRef> {
    let i = |v: i64| int::new_int(vm, v);
    let big = |v: i128| int::new_bigint(vm, &num_bigint::BigInt::from(v));
    let times = [
        (st.st_atime, st.st_atime_nsec),
        (st.st_mtime, st.st_mtime_nsec),
        (st.st_ctime, st.st_ctime_nsec),
    ];
    let mut items = vec![
        i(st.st_mode as i64)?,
        big(st.st_ino as i128)?,
        big(st.st_dev as i128)?,
        i(st.st_nlink as i64)?,
        i(st.st_uid as i64)?,
        i(st.st_gid as i64)?,
        i(st.st_size)?,
    ];
    for (s, _) in times {
        items.push(i(s)?);
    }
    let mut extra = Vec::new();
    for (s, ns) in times {
        extra.push(float::new_float(vm, s as f64 + ns as f64 * 1e-9)?);
    }
    for (s, ns) in times {
        extra.push(big(s as i128 * 1_000_000_000 + ns as i128)?);
    }
    extra.push(i(st.st_blksize)?);
    extra.push(i(st.st_blocks)?);
    extra.push(big(st.st_rdev as i128)?);
    let ty = posix_type(vm, "stat_result")?;
    structseq::new_instance_with_extra(vm, &ty, items, extra)
}

/// `stat`/`lstat` of a converted path (or descriptor), relative to `dir_fd` when given.
pub fn do_stat(vm: &Vm, p: &PathArg, follow: bool, dir_fd: Option<i32>) -> PyResult<FileStat> {
    let flags = if follow {
        AtFlags::empty()
    } else {
        AtFlags::AT_SYMLINK_NOFOLLOW
    };
    let r = match p.fd {
        Some(fd) => nix::sys::stat::fstat(fd),
        None => nix::sys::stat::fstatat(dir_fd, p.bytes.as_slice(), flags),
    };
    r.map_err(|e| path_error(vm, e, p))
}

/// The `follow_symlinks` keyword (default true).
pub fn follow_arg(vm: &Vm, v: Option<ObjRef>) -> PyResult<bool> {
    match v {
        Some(v) => ops::truthy(vm, &v),
        None => Ok(true),
    }
}

/// A `dir_fd` argument: `None`, or the descriptor of the directory relative paths start
/// from (CPython's `dir_fd_converter`).
pub fn dir_fd_arg(vm: &Vm, v: &Option<ObjRef>) -> PyResult<Option<i32>> {
    match v {
        Some(v) if !none::is_none(v) => {
            if !int::is_int(v) && ops::lookup_special(vm, v, "__index__")?.is_none() {
                return Err(vm.type_error(&format!(
                    "argument should be integer or None, not {}",
                    v.ob_type().name()
                )));
            }
            super::path::fd_value(vm, v).map(Some)
        }
        _ => Ok(None),
    }
}

/// Refuses `dir_fd` with a descriptor `path` (`stat: can't specify both dir_fd and fd`).
pub fn check_fd_and_dir_fd(vm: &Vm, func: &str, p: &PathArg, dir_fd: Option<i32>) -> PyResult<()> {
    if p.fd.is_some() && dir_fd.is_some() {
        return Err(vm.value_error(&format!("{func}: can't specify both dir_fd and fd")));
    }
    Ok(())
}

/// `stat(path, *, dir_fd=None, follow_symlinks=True)`.
pub fn p_stat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, dir_fd, follow] = parse::<3>(
        vm,
        "stat",
        Sig::Kw {
            names: &["path", "dir_fd", "follow_symlinks"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    super::fs::positional_limit(vm, "stat", args, kw, 1, 1)?;
    let p = path_arg(
        vm,
        "stat",
        "path",
        &path.unwrap_or_else(none::none),
        Allow::Fd,
    )?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    check_fd_and_dir_fd(vm, "stat", &p, dir_fd)?;
    let follow = follow_arg(vm, follow)?;
    stat_result(vm, &do_stat(vm, &p, follow, dir_fd)?)
}

/// `lstat(path, *, dir_fd=None)`.
pub fn p_lstat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, dir_fd] = parse::<2>(
        vm,
        "lstat",
        Sig::Kw {
            names: &["path", "dir_fd"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    super::fs::positional_limit(vm, "lstat", args, kw, 1, 1)?;
    let p = path_arg(
        vm,
        "lstat",
        "path",
        &path.unwrap_or_else(none::none),
        Allow::Path,
    )?;
    let dir_fd = dir_fd_arg(vm, &dir_fd)?;
    stat_result(vm, &do_stat(vm, &p, false, dir_fd)?)
}

/// `fstat(fd)`.
pub fn p_fstat(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(
        vm,
        "fstat",
        Sig::Kw {
            names: &["fd"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let fd = super::path::c_int(vm, &fd.unwrap_or_else(none::none))?;
    let st = nix::sys::stat::fstat(fd).map_err(|e| super::path::os_error(vm, e, None, None))?;
    stat_result(vm, &st)
}

fn statvfs_result(vm: &Vm, st: &nix::sys::statvfs::Statvfs) -> PyResult<ObjRef> {
    let vals = [
        st.block_size() as i64,
        st.fragment_size() as i64,
        st.blocks() as i64,
        st.blocks_free() as i64,
        st.blocks_available() as i64,
        st.files() as i64,
        st.files_free() as i64,
        st.files_available() as i64,
        st.flags().bits() as i64,
        st.name_max() as i64,
    ];
    let items: PyResult<Vec<ObjRef>> = vals.iter().map(|v| int::new_int(vm, *v)).collect();
    let ty = posix_type(vm, "statvfs_result")?;
    structseq::new_instance_with_extra(vm, &ty, items?, vec![int::new_int(vm, 0)?])
}

/// `statvfs(path)` (a descriptor too).
pub fn p_statvfs(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path] = parse::<1>(
        vm,
        "statvfs",
        Sig::Kw {
            names: &["path"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let p = path_arg(
        vm,
        "statvfs",
        "path",
        &path.unwrap_or_else(none::none),
        Allow::Fd,
    )?;
    if p.fd.is_some() {
        return Err(crate::vm::PyErr::new(
            crate::objects::exceptions::new_exception_msg(
                &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
                "statvfs: descriptors are not supported",
            )
            .map_err(|e| vm.alloc_err(e))?,
        ));
    }
    let st = nix::sys::statvfs::statvfs(p.bytes.as_slice()).map_err(|e| path_error(vm, e, &p))?;
    statvfs_result(vm, &st)
}

/// A `bool` result.
pub fn py_bool(b: bool) -> ObjRef {
    boolobj::new_bool(b)
}
