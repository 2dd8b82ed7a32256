//! `open()` (the builtin, also `_io.open` and `io.open`): CPython's stack of `FileIO`, a
//! `BufferedReader`/`Writer`/`Random` unless unbuffered, and a `TextIOWrapper` in text mode,
//! with the argument checks and messages of CPython's `_io.open`.

use super::buffered::{BUFFERED_RANDOM_TYPE, BUFFERED_READER_TYPE, BUFFERED_WRITER_TYPE};
use super::fileio::FILEIO_TYPE;
use super::iobase::call_method;
use crate::object::ObjRef;
use crate::objects::{boolobj, int, none, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// The mode letters of an `open()` mode string.
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct Mode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

impl Mode {
    /// Parses a mode string; the error message for a bad one.
    pub fn parse(mode: &str) -> Result<Mode, String> {
        let mut m = Mode::default();
        for c in mode.chars() {
            let flag = match c {
                'x' => &mut m.creating,
                'r' => &mut m.reading,
                'w' => &mut m.writing,
                'a' => &mut m.appending,
                '+' => &mut m.updating,
                't' => &mut m.text,
                'b' => &mut m.binary,
                _ => return Err(format!("invalid mode: '{mode}'")),
            };
            if std::mem::replace(flag, true) {
                return Err(format!("invalid mode: '{mode}'"));
            }
        }
        if m.text && m.binary {
            return Err("can't have text and binary mode at once".into());
        }
        match [m.creating, m.reading, m.writing, m.appending]
            .iter()
            .filter(|f| **f)
            .count()
        {
            1 => Ok(m),
            0 => Err(
                "Must have exactly one of create/read/write/append mode and at most one plus"
                    .into(),
            ),
            _ => Err("must have exactly one of create/read/write/append mode".into()),
        }
    }

    /// The mode `FileIO` is given.
    fn raw_mode(&self) -> String {
        let mut s = String::new();
        for (on, c) in [
            (self.creating, 'x'),
            (self.reading, 'r'),
            (self.writing, 'w'),
            (self.appending, 'a'),
            (self.updating, '+'),
        ] {
            if on {
                s.push(c);
            }
        }
        s
    }
}

/// A str-or-None argument of `open()`.
fn opt_str(vm: &Vm, v: &Option<ObjRef>, name: &str) -> PyResult<Option<ObjRef>> {
    match v {
        None => Ok(None),
        Some(v) if none::is_none(v) => Ok(None),
        Some(v) if pystr::is_str(v) => Ok(Some(v.clone())),
        Some(v) => Err(vm.type_error(&format!(
            "open() argument '{name}' must be str or None, not {}",
            v.ob_type().name()
        ))),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`.
pub fn b_open(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        required: 1,
        posonly: 0,
    };
    let [file, mode, buffering, encoding, errors, newline, closefd, opener] =
        parse::<8>(vm, "open", sig, args, kw)?;
    let file = file.unwrap_or_else(none::none);
    let mode_obj = match mode {
        None => pystr::new_str_vm(vm, "r")?,
        Some(m) if pystr::is_str(&m) => m,
        Some(m) => {
            return Err(vm.type_error(&format!(
                "open() argument 'mode' must be str, not {}",
                m.ob_type().name()
            )))
        }
    };
    let mut buffering = match &buffering {
        Some(b) => index_arg(vm, b)?,
        None => -1,
    };
    let encoding = opt_str(vm, &encoding, "encoding")?;
    let errors = opt_str(vm, &errors, "errors")?;
    let newline = opt_str(vm, &newline, "newline")?;
    let closefd = match &closefd {
        Some(c) => index_arg(vm, c)? != 0,
        None => true,
    };
    let opener = opener.unwrap_or_else(none::none);

    let path_or_fd = if int::is_int(&file) {
        file.clone()
    } else {
        let os = crate::vm::import::import_dotted(vm, "posix")?;
        let fspath = ops::getattr(vm, &os, "fspath")?;
        ops::call(vm, &fspath, std::slice::from_ref(&file), None)?
    };
    let mode_text = pystr::as_text(&mode_obj)
        .map(|t| t.to_lossy())
        .unwrap_or_default();
    let m = Mode::parse(&mode_text).map_err(|e| vm.value_error(&e))?;
    if m.binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if m.binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if m.binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if m.binary && buffering == 1 {
        crate::modules::sys_hooks::warn(
            vm,
            &crate::objects::exceptions::RUNTIME_WARNING,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer \
             size will be used",
        )?;
    }
    let raw_args = [
        path_or_fd,
        pystr::new_str_vm(vm, &m.raw_mode())?,
        boolobj::new_bool(closefd),
        opener,
    ];
    let raw = ops::call(vm, &ObjRef::from_type(&FILEIO_TYPE), &raw_args, None)?;
    let built = wrap(
        vm,
        &raw,
        &m,
        &mut buffering,
        encoding,
        errors,
        newline,
        &mode_obj,
    );
    match built {
        Ok(r) => Ok(r),
        Err(e) => {
            if let Err(ce) = call_method(vm, &raw, "close", &[]) {
                let name = pystr::new_str_vm(vm, "__context__")?;
                let _ = ops::setattr(vm, &ce.exc, &name, Some(e.exc.clone()));
                return Err(ce);
            }
            Err(e)
        }
    }
}

/// The layers over the raw file.
#[allow(clippy::too_many_arguments)]
fn wrap(
    vm: &Vm,
    raw: &ObjRef,
    m: &Mode,
    buffering: &mut i64,
    encoding: Option<ObjRef>,
    errors: Option<ObjRef>,
    newline: Option<ObjRef>,
    mode_obj: &ObjRef,
) -> PyResult<ObjRef> {
    let isatty = if *buffering < 0 {
        ops::truthy(vm, &call_method(vm, raw, "isatty", &[])?)?
    } else {
        false
    };
    let line_buffering = *buffering == 1 || isatty;
    if line_buffering {
        *buffering = -1;
    }
    if *buffering < 0 {
        let b = ops::getattr(vm, raw, "_blksize")?;
        *buffering = index_arg(vm, &b)?;
    }
    if *buffering < 0 {
        return Err(vm.value_error("invalid buffering size"));
    }
    if *buffering == 0 {
        if !m.binary {
            return Err(vm.value_error("can't have unbuffered text I/O"));
        }
        return Ok(raw.clone());
    }
    let ty = if m.updating {
        &BUFFERED_RANDOM_TYPE
    } else if m.creating || m.writing || m.appending {
        &BUFFERED_WRITER_TYPE
    } else {
        &BUFFERED_READER_TYPE
    };
    let size = int::new_int(vm, *buffering)?;
    let buffer = ops::call(vm, &ObjRef::from_type(ty), &[raw.clone(), size], None)?;
    if m.binary {
        return Ok(buffer);
    }
    let text = super::textio::new_textio(
        vm,
        buffer.clone(),
        encoding,
        errors,
        newline,
        line_buffering,
    );
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            // The buffer closes the raw file with it.
            let _ = call_method(vm, &buffer, "close", &[]);
            return Err(e);
        }
    };
    let name = pystr::new_str_vm(vm, "mode")?;
    ops::setattr(vm, &text, &name, Some(mode_obj.clone()))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn modes_parse_as_cpython_checks_them() {
        let m = Mode::parse("rb").unwrap();
        assert!(m.reading && m.binary && !m.updating);
        assert_eq!(m.raw_mode(), "r");
        assert_eq!(Mode::parse("w+t").unwrap().raw_mode(), "w+");
        assert_eq!(Mode::parse("rr").unwrap_err(), "invalid mode: 'rr'");
        assert_eq!(Mode::parse("rU").unwrap_err(), "invalid mode: 'rU'");
        assert_eq!(
            Mode::parse("rbt").unwrap_err(),
            "can't have text and binary mode at once"
        );
        assert_eq!(
            Mode::parse("rw").unwrap_err(),
            "must have exactly one of create/read/write/append mode"
        );
        assert!(Mode::parse("+")
            .unwrap_err()
            .starts_with("Must have exactly one"));
    }
}
