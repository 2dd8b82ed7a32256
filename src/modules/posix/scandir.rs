//! `scandir(path)` and its `posix.DirEntry` items.
//!
//! An entry keeps its name and path as bytes, the file type the directory listing reported
//! and, once asked for, its `stat` and `lstat` results, so `is_dir()` and friends cost no
//! system call when the listing knew the type (as CPython's). Neither type holds a Python
//! object: their payloads are plain data.

use super::path::{io_error, path_arg, path_error, path_result, Allow, PathArg};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use nix::sys::stat::{FileStat, SFlag};
use std::cell::{Cell, RefCell};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirEntryExt;

/// The payload of `posix.DirEntry`.
pub struct DirEntry {
    name: Vec<u8>,
    path: Vec<u8>,
    is_bytes: bool,
    /// The `S_IFMT` bits the listing reported (0: unknown).
    d_type: u32,
    ino: u64,
    /// The directory descriptor `scandir(fd)` listed (`path` is then the bare name).
    dir_fd: Option<i32>,
    stat: Cell<Option<FileStat>>,
    lstat: Cell<Option<FileStat>>,
}

impl PyPayload for DirEntry {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(DirEntry);

static DIR_ENTRY_VTABLE: PayloadVTable = PayloadVTable::of::<DirEntry>();

/// The payload of the `scandir` iterator: the open listing (dropped once exhausted or closed).
pub struct ScandirIter {
    dir: RefCell<Option<std::fs::ReadDir>>,
    /// The directory as given (joined with each name for `DirEntry.path`).
    base: Vec<u8>,
    is_bytes: bool,
    /// The descriptor listed by `scandir(fd)`.
    dir_fd: Option<i32>,
    /// The path argument, for error messages.
    shown: Option<Vec<u8>>,
}

impl PyPayload for ScandirIter {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(ScandirIter);

static SCANDIR_VTABLE: PayloadVTable = PayloadVTable::of::<ScandirIter>();

fn entry<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a DirEntry> {
    obj.downcast::<DirEntry>()
        .ok_or_else(|| vm.type_error("descriptor requires a 'posix.DirEntry' object"))
}

fn entry_path_arg(vm: &Vm, e: &DirEntry) -> PyResult<PathArg> {
    Ok(PathArg {
        object: Some(path_result(vm, &e.path, e.is_bytes)?),
        bytes: e.path.clone(),
        is_bytes: e.is_bytes,
        fd: None,
    })
}

fn fetch_stat(vm: &Vm, e: &DirEntry, follow: bool) -> PyResult<FileStat> {
    let is_link = e.d_type == SFlag::S_IFLNK.bits();
    let follow = follow && (is_link || e.d_type == 0);
    let cache = if follow { &e.stat } else { &e.lstat };
    if let Some(st) = cache.get() {
        return Ok(st);
    }
    let flags = if follow {
        nix::fcntl::AtFlags::empty()
    } else {
        nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW
    };
    let r = nix::sys::stat::fstatat(e.dir_fd, e.path.as_slice(), flags);
    let st = r.map_err(|err| match entry_path_arg(vm, e) {
        Ok(p) => path_error(vm, err, &p),
        Err(x) => x,
    })?;
    cache.set(Some(st));
    Ok(st)
}

fn follow_kw(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<bool> {
    let (pos, _) = crate::vm::args::split_args(args, kw);
    if !pos.is_empty() {
        return Err(vm.type_error(&format!("DirEntry.{name}() takes no positional arguments")));
    }
    let [f] = parse::<1>(
        vm,
        name,
        Sig::Kw {
            names: &["follow_symlinks"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    super::stat::follow_arg(vm, f)
}

/// Whether the entry is of file type `kind`, as CPython's `DirEntry_test_mode`: from the
/// listing's type when it is known and no link is to be followed, else from a stat; a missing
/// file is not of any type.
fn test_mode(vm: &Vm, e: &DirEntry, follow: bool, kind: SFlag) -> PyResult<bool> {
    let is_link = e.d_type == SFlag::S_IFLNK.bits();
    if e.d_type != 0 && !(follow && is_link) {
        return Ok(e.d_type == kind.bits());
    }
    match fetch_stat(vm, e, follow) {
        Ok(st) => Ok(st.st_mode & SFlag::S_IFMT.bits() == kind.bits()),
        Err(err) if err.matches(&crate::objects::exceptions::FILE_NOT_FOUND_ERROR) => Ok(false),
        Err(err) => Err(err),
    }
}

fn de_is_dir(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let follow = follow_kw(vm, "is_dir", args, kw)?;
    let e = entry(vm, this)?;
    Ok(boolobj::new_bool(test_mode(vm, e, follow, SFlag::S_IFDIR)?))
}

fn de_is_file(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let follow = follow_kw(vm, "is_file", args, kw)?;
    let e = entry(vm, this)?;
    Ok(boolobj::new_bool(test_mode(vm, e, follow, SFlag::S_IFREG)?))
}

fn de_is_symlink(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "DirEntry.is_symlink", Sig::NoArgs, args, kw)?;
    let e = entry(vm, this)?;
    Ok(boolobj::new_bool(test_mode(vm, e, false, SFlag::S_IFLNK)?))
}

fn de_stat(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let follow = follow_kw(vm, "stat", args, kw)?;
    let e = entry(vm, this)?;
    super::stat::stat_result(vm, &fetch_stat(vm, e, follow)?)
}

fn de_inode(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "DirEntry.inode", Sig::NoArgs, args, kw)?;
    let e = entry(vm, this)?;
    int::new_bigint(vm, &num_bigint::BigInt::from(e.ino))
}

fn de_fspath(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "DirEntry.__fspath__", Sig::NoArgs, args, kw)?;
    let e = entry(vm, this)?;
    path_result(vm, &e.path, e.is_bytes)
}

fn de_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let e = entry(vm, obj)?;
    match name {
        "name" => path_result(vm, &e.name, e.is_bytes).map(Some),
        "path" => path_result(vm, &e.path, e.is_bytes).map(Some),
        _ => Ok(None),
    }
}

fn de_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let e = entry(vm, obj)?;
    let name = path_result(vm, &e.name, e.is_bytes)?;
    let text = format!("<DirEntry {}>", ops::repr_string(vm, &name)?);
    pystr::new_str_vm(vm, &text)
}

static DIR_ENTRY_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "name",
        get: de_getattr,
        set: None,
    },
    GetSetDef {
        name: "path",
        get: de_getattr,
        set: None,
    },
];

static DIR_ENTRY_METHODS: [MethodDef; 7] = [
    MethodDef {
        name: "is_dir",
        func: de_is_dir,
        flags: 0,
    },
    MethodDef {
        name: "is_file",
        func: de_is_file,
        flags: 0,
    },
    MethodDef {
        name: "is_symlink",
        func: de_is_symlink,
        flags: 0,
    },
    MethodDef {
        name: "stat",
        func: de_stat,
        flags: 0,
    },
    MethodDef {
        name: "inode",
        func: de_inode,
        flags: 0,
    },
    MethodDef {
        name: "__fspath__",
        func: de_fspath,
        flags: 0,
    },
    crate::class_getitem_def!("DirEntry"),
];

fn no_new(vm: &Vm, _ty: &TypeObject, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.type_error("cannot create 'posix.DirEntry' instances"))
}

/// `posix.DirEntry`.
pub static DIR_ENTRY_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &DIR_ENTRY_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "posix.DirEntry",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &DIR_ENTRY_VTABLE,
    slots: Slots {
        repr: Some(de_repr),
        new: Some(no_new),
        ..Slots::EMPTY
    },
    methods: &DIR_ENTRY_METHODS,
    doc: "",
};

fn iter_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a ScandirIter> {
    obj.downcast::<ScandirIter>()
        .ok_or_else(|| vm.type_error("expected a scandir iterator"))
}

fn file_type_bits(ft: std::fs::FileType) -> u32 {
    use std::os::unix::fs::FileTypeExt;
    let kind = if ft.is_dir() {
        SFlag::S_IFDIR
    } else if ft.is_file() {
        SFlag::S_IFREG
    } else if ft.is_symlink() {
        SFlag::S_IFLNK
    } else if ft.is_fifo() {
        SFlag::S_IFIFO
    } else if ft.is_socket() {
        SFlag::S_IFSOCK
    } else if ft.is_block_device() {
        SFlag::S_IFBLK
    } else if ft.is_char_device() {
        SFlag::S_IFCHR
    } else {
        return 0;
    };
    kind.bits()
}

fn scandir_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let st = iter_state(vm, obj)?;
    let next = match st.dir.borrow_mut().as_mut() {
        Some(rd) => rd.next(),
        None => return Ok(None),
    };
    let Some(item) = next else {
        drop(st.dir.borrow_mut().take());
        return Ok(None);
    };
    let item = item.map_err(|e| {
        let shown = st
            .shown
            .as_ref()
            .and_then(|b| path_result(vm, b, st.is_bytes).ok());
        let p = PathArg {
            object: shown,
            bytes: Vec::new(),
            is_bytes: st.is_bytes,
            fd: None,
        };
        io_error(vm, &e, Some(&p))
    })?;
    let name = item.file_name().as_bytes().to_vec();
    let mut path = st.base.clone();
    if !path.is_empty() && !path.ends_with(b"/") {
        path.push(b'/');
    }
    path.extend_from_slice(&name);
    let d_type = item.file_type().map(file_type_bits).unwrap_or(0);
    let e = DirEntry {
        name,
        path,
        is_bytes: st.is_bytes,
        d_type,
        ino: item.ino(),
        dir_fd: st.dir_fd,
        stat: Cell::new(None),
        lstat: Cell::new(None),
    };
    new_object(&DIR_ENTRY_TYPE, e).or_mem(vm).map(Some)
}

fn sc_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "ScandirIterator.close", Sig::NoArgs, args, kw)?;
    drop(iter_state(vm, this)?.dir.borrow_mut().take());
    Ok(none::none())
}

fn sc_enter(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "ScandirIterator.__enter__", Sig::NoArgs, args, kw)?;
    Ok(this.clone())
}

fn sc_exit(vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    drop(iter_state(vm, this)?.dir.borrow_mut().take());
    Ok(none::none())
}

static SCANDIR_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "close",
        func: sc_close,
        flags: 0,
    },
    MethodDef {
        name: "__enter__",
        func: sc_enter,
        flags: 0,
    },
    MethodDef {
        name: "__exit__",
        func: sc_exit,
        flags: 0,
    },
];

/// The iterator `scandir` returns.
pub static SCANDIR_ITERATOR_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "posix.ScandirIterator",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &SCANDIR_VTABLE,
    slots: Slots {
        iter: Some(crate::modules::itertools::self_iter),
        next: Some(scandir_next),
        ..Slots::EMPTY
    },
    methods: &SCANDIR_METHODS,
    doc: "",
};

/// `scandir(path='.')`: an iterator of `DirEntry` objects (a context manager too).
pub fn p_scandir(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path] = super::fs::kw::<1>(vm, "scandir", &["path"], 0, args, kw)?;
    let path = path.unwrap_or_else(none::none);
    let p = path_arg(vm, "scandir", "path", &path, Allow::FdOrNone)?;
    let (open_at, base) = match p.fd {
        Some(fd) => (format!("/proc/self/fd/{fd}").into_bytes(), Vec::new()),
        None if p.object.is_none() => (b".".to_vec(), b".".to_vec()),
        None => (p.bytes.clone(), p.bytes.clone()),
    };
    let rd = std::fs::read_dir(std::ffi::OsStr::from_bytes(&open_at))
        .map_err(|e| io_error(vm, &e, Some(&p)))?;
    let st = ScandirIter {
        dir: RefCell::new(Some(rd)),
        base,
        is_bytes: p.is_bytes,
        dir_fd: p.fd,
        shown: p.object.as_ref().map(|_| p.bytes.clone()),
    };
    new_object(&SCANDIR_ITERATOR_TYPE, st).or_mem(vm)
}
