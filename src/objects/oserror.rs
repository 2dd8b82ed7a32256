//! `OSError` construction and display: the errno-to-subclass mapping (`OSError(2, 'x')` is a
//! `FileNotFoundError`), `errno`/`strerror`/`filename`/`filename2`, and `[Errno 2] ...` text.

use crate::object::{ObjRef, TypeObject};
use crate::objects::exceptions::{self, payload};
use crate::objects::{dict, int, none};
use crate::vm::{ops, PyResult, Vm};

/// The subclass CPython picks for an errno value (Linux numbering).
fn subclass_for(errno: i64) -> Option<&'static TypeObject> {
    Some(match errno {
        1 | 13 => &exceptions::PERMISSION_ERROR,
        2 => &exceptions::FILE_NOT_FOUND_ERROR,
        3 => &exceptions::PROCESS_LOOKUP_ERROR,
        4 => &exceptions::INTERRUPTED_ERROR,
        10 => &exceptions::CHILD_PROCESS_ERROR,
        11 | 114 | 115 => &exceptions::BLOCKING_IO_ERROR,
        17 => &exceptions::FILE_EXISTS_ERROR,
        20 => &exceptions::NOT_A_DIRECTORY_ERROR,
        21 => &exceptions::IS_A_DIRECTORY_ERROR,
        32 | 108 => &exceptions::BROKEN_PIPE_ERROR,
        103 => &exceptions::CONNECTION_ABORTED_ERROR,
        104 => &exceptions::CONNECTION_RESET_ERROR,
        110 => &exceptions::TIMEOUT_ERROR,
        111 => &exceptions::CONNECTION_REFUSED_ERROR,
        _ => return None,
    })
}

/// Builds an OSError-family exception from constructor arguments (CPython's `OSError_new`).
pub fn new_oserror(vm: &Vm, ty: &TypeObject, args: &[ObjRef]) -> PyResult<ObjRef> {
    let mut ty = ty;
    if std::ptr::eq(ty, &exceptions::OS_ERROR) && (2..=5).contains(&args.len()) {
        if let Some(sub) = int::as_i64(&args[0]).and_then(subclass_for) {
            ty = sub;
        }
    }
    // With 2 to 5 arguments, args keeps (errno, strerror) only; filename(s) become attributes.
    let (kept, errno, strerror, filename, filename2) = if (2..=5).contains(&args.len()) {
        (
            args[..2].to_vec(),
            Some(args[0].clone()),
            Some(args[1].clone()),
            args.get(2).cloned(),
            args.get(4).cloned(),
        )
    } else {
        (args.to_vec(), None, None, None, None)
    };
    let exc = vm.new_error_args(ty, kept).exc;
    let p = payload(&exc).ok_or_else(|| vm.type_error("expected an exception"))?;
    let d = dict::new_dict_vm(vm)?;
    let none = none::none;
    dict::set_str(vm, &d, "errno", errno.unwrap_or_else(none))?;
    dict::set_str(vm, &d, "strerror", strerror.unwrap_or_else(none))?;
    dict::set_str(vm, &d, "filename", filename.unwrap_or_else(none))?;
    dict::set_str(vm, &d, "filename2", filename2.unwrap_or_else(none))?;
    drop(p.dict.replace(Some(d)));
    Ok(exc)
}

/// `str()` of an OSError: `[Errno N] strerror[: 'filename'[ -> 'filename2']]`, or the generic
/// text when errno/strerror are not set.
pub fn oserror_str(vm: &Vm, exc: &ObjRef) -> PyResult<Option<String>> {
    let Some(d) = payload(exc).and_then(|p| p.dict.get()) else {
        return Ok(None);
    };
    let get = |k: &str| {
        dict::get_str(vm, &d, k)
            .ok()
            .flatten()
            .filter(|v| !none::is_none(v))
    };
    let (Some(errno), Some(strerror)) = (get("errno"), get("strerror")) else {
        return Ok(None);
    };
    let mut s = format!(
        "[Errno {}] {}",
        ops::str_string(vm, &errno)?,
        ops::str_string(vm, &strerror)?
    );
    if let Some(f) = get("filename") {
        s.push_str(&format!(": {}", ops::repr_string(vm, &f)?));
        if let Some(f2) = get("filename2") {
            s.push_str(&format!(" -> {}", ops::repr_string(vm, &f2)?));
        }
    }
    Ok(Some(s))
}

/// Whether `args` were given as a tuple to an OSError (used to keep `args` for display).
pub fn is_oserror(ty: &TypeObject) -> bool {
    ty.is_subtype(&exceptions::OS_ERROR)
}

/// An OSError for an I/O failure on `path` (`[Errno 2] No such file or directory: 'x'`).
pub fn from_io_error(vm: &Vm, e: &std::io::Error, path: Option<&str>) -> crate::vm::PyErr {
    let errno = e.raw_os_error().unwrap_or(0) as i64;
    let text = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        std::io::ErrorKind::AlreadyExists => "File exists".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    };
    let mut args = Vec::new();
    let mut build = || -> PyResult<ObjRef> {
        args.push(int::new_int(vm, errno)?);
        args.push(crate::objects::str::new_str_vm(vm, &text)?);
        if let Some(p) = path {
            args.push(crate::objects::str::new_str_vm(vm, p)?);
        }
        new_oserror(vm, &exceptions::OS_ERROR, &args)
    };
    match build() {
        Ok(exc) => crate::vm::PyErr::new(exc),
        Err(e) => e,
    }
}
