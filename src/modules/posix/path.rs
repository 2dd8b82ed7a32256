//! Path and descriptor arguments of the `posix` functions (CPython's `path_converter`), the
//! `fspath` protocol, and the `OSError` raised for a failed call.
//!
//! A path is a `str` (encoded as UTF-8, the file-system encoding), `bytes`, or an object whose
//! `__fspath__` returns one of those; where a function allows it, an `int` names an open
//! descriptor instead. The error for a failed call carries the path as given after `fspath`
//! (`[Errno 2] No such file or directory: 'x'`).

use crate::object::ObjRef;
use crate::objects::{bytes, exceptions, int, none, str as pystr};
use crate::vm::{ops, PyErr, PyResult, Vm};
use nix::errno::Errno;

/// A converted path argument.
pub struct PathArg {
    /// The path after `fspath` (a `str` or `bytes`), for error messages; `None` for a
    /// descriptor or a missing optional path.
    pub object: Option<ObjRef>,
    /// The path's bytes.
    pub bytes: Vec<u8>,
    /// Whether the path was given as `bytes` (results are then `bytes` too).
    pub is_bytes: bool,
    /// The descriptor, when an `int` was given.
    pub fd: Option<i32>,
}

impl PathArg {
    /// The path as a `std` path.
    pub fn path(&self) -> &std::path::Path {
        use std::os::unix::ffi::OsStrExt;
        std::path::Path::new(std::ffi::OsStr::from_bytes(&self.bytes))
    }
}

fn type_name(obj: &ObjRef) -> String {
    obj.ob_type().name().to_string()
}

/// `os.fspath(obj)`: `str` and `bytes` as they are, else `type(obj).__fspath__(obj)`, which
/// must return one of them.
pub fn fspath(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    if pystr::is_str(obj) || bytes::as_bytes(obj).is_some() {
        return Ok(obj.clone());
    }
    let Some(method) = ops::lookup_special(vm, obj, "__fspath__")? else {
        return Err(vm.type_error(&format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(obj)
        )));
    };
    let result = ops::call(vm, &method, &[], None)?;
    if pystr::is_str(&result) || bytes::as_bytes(&result).is_some() {
        return Ok(result);
    }
    Err(vm.type_error(&format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        type_name(obj),
        type_name(&result)
    )))
}

/// What a path argument may also be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    /// Only a path.
    Path,
    /// A path or a descriptor.
    Fd,
    /// A path, a descriptor or `None`.
    FdOrNone,
}

/// Converts argument `argname` of `func` as CPython's `path_converter` does.
pub fn path_arg(
    vm: &Vm,
    func: &str,
    argname: &str,
    obj: &ObjRef,
    allow: Allow,
) -> PyResult<PathArg> {
    if allow == Allow::FdOrNone && none::is_none(obj) {
        return Ok(PathArg {
            object: None,
            bytes: b".".to_vec(),
            is_bytes: false,
            fd: None,
        });
    }
    let expected = match allow {
        Allow::Path => "string, bytes or os.PathLike",
        Allow::Fd => "string, bytes, os.PathLike or integer",
        Allow::FdOrNone => "string, bytes, os.PathLike, integer or None",
    };
    if allow != Allow::Path && int::is_int(obj) {
        return Ok(PathArg {
            object: None,
            bytes: Vec::new(),
            is_bytes: false,
            fd: Some(fd_value(vm, obj)?),
        });
    }
    let is_pathlike = pystr::is_str(obj)
        || bytes::as_bytes(obj).is_some()
        || ops::lookup_special(vm, obj, "__fspath__")?.is_some();
    if !is_pathlike {
        let message = format!(
            "{func}: {argname} should be {expected}, not {}",
            type_name(obj)
        );
        // Other bytes-like objects (bytearray, memoryview) still work, with a
        // DeprecationWarning, as bytes names (CPython 3.11).
        let Some(data) = crate::objects::bytes_methods::buffer(obj).map(|b| b.into_owned()) else {
            return Err(vm.type_error(&message));
        };
        crate::modules::sys_hooks::warn(
            vm,
            &crate::objects::exceptions::DEPRECATION_WARNING,
            &message,
        )?;
        if data.contains(&0) {
            return Err(vm.value_error(&format!("{func}: embedded null character in {argname}")));
        }
        return Ok(PathArg {
            object: Some(obj.clone()),
            bytes: data,
            is_bytes: true,
            fd: None,
        });
    }
    let p = fspath(vm, obj)?;
    // A str is encoded with the file-system encoding and `surrogateescape`.
    let (data, is_bytes) = match pystr::fs_bytes(vm, &p)? {
        Some(b) => (b, false),
        None => (bytes::as_bytes(&p).unwrap_or(&[]).to_vec(), true),
    };
    if data.contains(&0) {
        // A str fails in its encoding (`PyUnicode_FSConverter`), bytes in the converter.
        return Err(vm.value_error(&if is_bytes {
            format!("{func}: embedded null character in {argname}")
        } else {
            "embedded null byte".to_string()
        }));
    }
    Ok(PathArg {
        object: Some(p),
        bytes: data,
        is_bytes,
        fd: None,
    })
}

/// A descriptor argument (a C `int`, `__index__` allowed).
pub fn fd_value(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    let v = crate::vm::argparse::index_arg(vm, obj).map_err(|e| {
        if e.matches(&exceptions::OVERFLOW_ERROR) {
            vm.overflow_error("fd is greater than maximum")
        } else {
            e
        }
    })?;
    i32::try_from(v).map_err(|_| {
        vm.overflow_error(if v < 0 {
            "fd is less than minimum"
        } else {
            "fd is greater than maximum"
        })
    })
}

/// An `int` argument converted as CPython's `_PyLong_AsInt` (`__index__`; `OverflowError`
/// "Python int too large to convert to C int").
pub fn c_int(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    if crate::objects::float::as_f64(obj).is_some() {
        return Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(obj)
        )));
    }
    let v = crate::vm::argparse::index_arg(vm, obj).map_err(|e| {
        if e.matches(&exceptions::OVERFLOW_ERROR) {
            vm.overflow_error("Python int too large to convert to C int")
        } else {
            e
        }
    })?;
    i32::try_from(v).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
}

/// The `OSError` subclass for `errno`, with `filename`/`filename2` when given.
pub fn os_error(
    vm: &Vm,
    errno: Errno,
    filename: Option<&ObjRef>,
    filename2: Option<&ObjRef>,
) -> PyErr {
    let build = || -> PyResult<ObjRef> {
        let mut args = vec![
            int::new_int(vm, errno as i64)?,
            pystr::new_str_vm(vm, &strerror(errno as i32))?,
        ];
        if filename.is_some() || filename2.is_some() {
            args.push(filename.cloned().unwrap_or_else(none::none));
        }
        if let Some(f2) = filename2 {
            args.push(none::none());
            args.push(f2.clone());
        }
        crate::objects::oserror::new_oserror(vm, &exceptions::OS_ERROR, &args)
    };
    match build() {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

/// The `OSError` for a failed call on path `p` (no filename for a descriptor).
pub fn path_error(vm: &Vm, errno: Errno, p: &PathArg) -> PyErr {
    os_error(vm, errno, p.object.as_ref(), None)
}

/// The `OSError` for a failed `std` I/O call on path `p`.
pub fn io_error(vm: &Vm, e: &std::io::Error, p: Option<&PathArg>) -> PyErr {
    match e.raw_os_error() {
        Some(n) => os_error(
            vm,
            Errno::from_raw(n),
            p.and_then(|p| p.object.as_ref()),
            None,
        ),
        None => vm.new_error(&exceptions::OS_ERROR, &e.to_string()),
    }
}

/// The C library's message for `errno` (`strerror(3)`).
pub fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    text.split(" (os error").next().unwrap_or(&text).to_string()
}

/// A path result, as `bytes` when the argument was, else decoded as `str`.
pub fn path_result(vm: &Vm, data: &[u8], as_bytes: bool) -> PyResult<ObjRef> {
    if as_bytes {
        bytes::new_bytes(vm, data)
    } else {
        pystr::new_str_fs(vm, data)
    }
}
