//! `open()`: argument checking as CPython's `_io.open` does it, then a file object from
//! [`super::fileobj`].

use super::fileobj::{
    new_file, OpenSpec, BUFFERED_RANDOM_TYPE, BUFFERED_READER_TYPE, BUFFERED_WRITER_TYPE,
    TEXT_IO_WRAPPER_TYPE,
};
use crate::object::ObjRef;
use crate::objects::oserror::from_io_error;
use crate::objects::{bytes, none, str as pystr};
use crate::vm::{PyResult, Vm};

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
pub fn b_open(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    const NAMES: [&str; 8] = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(&format!(
            "open() takes at most 8 arguments ({} given)",
            pos.len()
        )));
    }
    let mut vals: [Option<ObjRef>; 8] = Default::default();
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in kw {
        let Some(i) = NAMES.iter().position(|n| *n == k) else {
            return Err(vm.type_error(&format!("'{k}' is an invalid keyword argument for open()")));
        };
        vals[i] = Some(v.clone());
    }
    let text_arg = |i: usize| -> PyResult<Option<String>> {
        match &vals[i] {
            None => Ok(None),
            Some(v) if none::is_none(v) => Ok(None),
            Some(v) => pystr::as_str(v)
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| {
                    vm.type_error(&format!(
                        "open() argument '{}' must be str or None, not {}",
                        NAMES[i],
                        v.ob_type().name()
                    ))
                }),
        }
    };
    let Some(file) = vals[0].clone() else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    // Descriptors, path-like objects, openers and unbuffered files go through `_io`'s
    // FileIO-based stack.
    let unbuffered = vals[2]
        .as_ref()
        .and_then(crate::objects::int::as_i64)
        .is_some_and(|b| b == 0);
    let has_opener = vals[7].as_ref().is_some_and(|o| !none::is_none(o));
    if (!pystr::is_str(&file) && bytes::as_bytes(&file).is_none()) || has_opener || unbuffered {
        let m = crate::vm::import::import_dotted(vm, "_io")?;
        let f = crate::vm::ops::getattr(vm, &m, "_open_stack")?;
        return crate::vm::ops::call(vm, &f, args, kwnames);
    }
    let path = match pystr::as_str(&file) {
        Some(p) => p.to_string(),
        None => match bytes::as_bytes(&file) {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => {
                return Err(vm.type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    file.ob_type().name()
                )))
            }
        },
    };
    let mode = match &vals[1] {
        None => "r".to_string(),
        Some(m) => pystr::as_str(m).map(str::to_string).ok_or_else(|| {
            vm.type_error(&format!(
                "open() argument 'mode' must be str, not {}",
                m.ob_type().name()
            ))
        })?,
    };
    let encoding = text_arg(3)?;
    let newline = text_arg(5)?;
    let (mut r, mut w, mut a, mut x, mut plus, mut b, mut t) =
        (false, false, false, false, false, false, false);
    for c in mode.chars() {
        let seen = match c {
            'r' => std::mem::replace(&mut r, true),
            'w' => std::mem::replace(&mut w, true),
            'a' => std::mem::replace(&mut a, true),
            'x' => std::mem::replace(&mut x, true),
            '+' => std::mem::replace(&mut plus, true),
            'b' => std::mem::replace(&mut b, true),
            't' => std::mem::replace(&mut t, true),
            _ => true,
        };
        if seen {
            return Err(vm.value_error(&format!("invalid mode: '{mode}'")));
        }
    }
    if b && t {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    match [r, w, a, x].iter().filter(|f| **f).count() {
        1 => {}
        0 => {
            return Err(vm.value_error(
                "Must have exactly one of create/read/write/append mode and at most one plus",
            ))
        }
        _ => return Err(vm.value_error("must have exactly one of create/read/write/append mode")),
    }
    if b && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if b && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(vm.value_error(&format!("illegal newline value: {nl}")));
        }
    }
    let errors = text_arg(4)?.unwrap_or_else(|| "strict".to_string());
    let enc_name = encoding.clone().unwrap_or_else(|| "UTF-8".to_string());
    if !b {
        // Unknown codecs fail here, before the file is touched (LookupError).
        crate::objects::codecs::decode(vm, b"", &enc_name, "strict")?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(r || plus)
        .write(w || a || x || plus)
        .append(a)
        .truncate(w)
        .create(w || a)
        .create_new(x);
    let handle = opts
        .open(&path)
        .map_err(|e| from_io_error(vm, &e, Some(&file)))?;
    if handle.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(from_io_error(vm, &e, Some(&file)));
    }
    let norm_mode = if b {
        format!(
            "{}b{}",
            if r {
                "r"
            } else if w {
                "w"
            } else if a {
                "a"
            } else {
                "x"
            },
            if plus { "+" } else { "" }
        )
    } else {
        mode.replace('t', "")
    };
    let ty = match (b, plus, r) {
        (false, _, _) => &TEXT_IO_WRAPPER_TYPE,
        (true, true, _) => &BUFFERED_RANDOM_TYPE,
        (true, false, true) => &BUFFERED_READER_TYPE,
        (true, false, false) => &BUFFERED_WRITER_TYPE,
    };
    let spec = OpenSpec {
        mode: norm_mode,
        binary: b,
        readable: r || plus,
        writable: w || a || x || plus,
        encoding: enc_name,
        errors,
        newline,
    };
    new_file(vm, ty, handle, spec, file)
}
