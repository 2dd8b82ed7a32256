//! `OSError` construction and display: the errno-to-subclass mapping (`OSError(2, 'x')` is a
//! `FileNotFoundError`), `errno`/`strerror`/`filename`/`filename2`, and `[Errno 2] ...` text.

use crate::object::{ObjRef, TypeObject};
use crate::objects::exceptions::{self, payload};
use crate::objects::{int, none, tuple};
use crate::vm::error::AllocResultExt;
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
    let exc = vm.new_error_args(ty, args.to_vec()).exc;
    init_oserror(vm, &exc, args)?;
    Ok(exc)
}

/// Parses OSError arguments into the fields (CPython's `oserror_init`): with 2 to 5 arguments
/// `(errno, strerror[, filename[, winerror[, filename2]]])`, `args` keeps `(errno, strerror)`
/// when a filename is given; a `BlockingIOError`'s third argument may be the number of
/// characters written.
pub fn init_oserror(vm: &Vm, exc: &ObjRef, args: &[ObjRef]) -> PyResult<()> {
    let p = payload(exc).ok_or_else(|| vm.type_error("expected an exception"))?;
    let mut kept = args.to_vec();
    if (2..=5).contains(&args.len()) {
        set(vm, exc, "errno", Some(args[0].clone()))?;
        set(vm, exc, "strerror", Some(args[1].clone()))?;
        let filename = args.get(2).filter(|f| !none::is_none(f));
        if let Some(f) = filename {
            let blocking = std::ptr::eq(exc.ob_type(), &exceptions::BLOCKING_IO_ERROR);
            if blocking && (int::is_int(f) || crate::objects::float::as_f64(f).is_some()) {
                let n = crate::vm::argparse::index_arg(vm, f)?;
                set(vm, exc, "characters_written", Some(int::new_int(vm, n)?))?;
            } else {
                set(vm, exc, "filename", Some(f.clone()))?;
                if let Some(f2) = args.get(4).filter(|f| !none::is_none(f)) {
                    set(vm, exc, "filename2", Some(f2.clone()))?;
                }
                kept.truncate(2);
            }
        }
    }
    let t = tuple::new_tuple(vm, kept)?;
    drop(p.args.replace(Some(t)));
    Ok(())
}

fn set(vm: &Vm, exc: &ObjRef, name: &str, v: Option<ObjRef>) -> PyResult<()> {
    exceptions::set_field(exc, exceptions::OS_ERROR_FIELDS, name, v).or_mem(vm)
}

/// `str()` of an OSError: `[Errno N] strerror[: 'filename'[ -> 'filename2']]`, or the generic
/// text when errno and strerror are not set.
pub fn oserror_str(vm: &Vm, exc: &ObjRef) -> PyResult<Option<String>> {
    let get = |k: &str| exceptions::field(exc, exceptions::OS_ERROR_FIELDS, k);
    if let Some(f) = get("filename") {
        let errno = ops::str_string(vm, &get("errno").unwrap_or_else(none::none))?;
        let strerror = ops::str_string(vm, &get("strerror").unwrap_or_else(none::none))?;
        let mut s = format!("[Errno {errno}] {strerror}: {}", ops::repr_string(vm, &f)?);
        if let Some(f2) = get("filename2") {
            s.push_str(&format!(" -> {}", ops::repr_string(vm, &f2)?));
        }
        return Ok(Some(s));
    }
    let (Some(errno), Some(strerror)) = (get("errno"), get("strerror")) else {
        return Ok(None);
    };
    Ok(Some(format!(
        "[Errno {}] {}",
        ops::str_string(vm, &errno)?,
        ops::str_string(vm, &strerror)?
    )))
}

/// Whether `args` were given as a tuple to an OSError (used to keep `args` for display).
pub fn is_oserror(ty: &TypeObject) -> bool {
    ty.is_subtype(&exceptions::OS_ERROR)
}

/// The `OSError` subclass errno selects (`FileNotFoundError`, `BrokenPipeError`, ...) for an
/// I/O failure, with `errno`, `strerror` and `filename` set as CPython's
/// `PyErr_SetFromErrnoWithFilenameObject` does: `[Errno 2] No such file or directory: 'x'`.
/// An error that carries no errno is a plain `OSError` with the error's text.
pub fn from_io_error(vm: &Vm, e: &std::io::Error, filename: Option<&ObjRef>) -> crate::vm::PyErr {
    let Some(errno) = e.raw_os_error() else {
        return vm.new_error(&exceptions::OS_ERROR, &e.to_string());
    };
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let strerror = text.split(" (os error").next().unwrap_or(&text);
    let build = || -> PyResult<ObjRef> {
        let mut args = vec![
            int::new_int(vm, errno as i64)?,
            crate::objects::str::new_str_vm(vm, strerror)?,
        ];
        args.extend(filename.cloned());
        new_oserror(vm, &exceptions::OS_ERROR, &args)
    };
    match build() {
        Ok(exc) => crate::vm::PyErr::new(exc),
        Err(e) => e,
    }
}
