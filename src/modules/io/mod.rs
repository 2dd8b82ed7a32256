//! `_io`: the I/O class hierarchy that `Lib/io.py` builds its ABCs on.
//!
//! Native here: the base classes `_IOBase`, `_RawIOBase`, `_BufferedIOBase` and `_TextIOBase`
//! (`iobase.rs`), `FileIO` (`fileio.rs`), `BytesIO` and `StringIO` (`bytesio.rs`,
//! `stringio.rs`, over `memory.rs`), `IncrementalNewlineDecoder` (`newline_decoder.rs`), the buffered streams
//! (`buffered.rs`, `rwpair.rs`), `TextIOWrapper` (`textio/`), `open` (`open.rs`, also the
//! builtin), `UnsupportedOperation` (a class made at import, `(OSError, ValueError)`, so
//! that `io.py` can set its `__module__`), `text_encoding`, `open_code`,
//! `DEFAULT_BUFFER_SIZE` and `BlockingIOError`; the native objects keep an instance
//! `__dict__` (`instdict.rs`).
//!
//! The standard streams (`objects/stream.rs`) count as buffered or text streams for `io`'s
//! ABCs through `_IOBase.__subclasshook__`.

pub mod buffered;
pub mod bytesio;
pub mod fileio;
pub mod instdict;
pub mod iobase;
pub mod memory;
pub mod newline_decoder;
pub mod open;
pub mod rwpair;
pub mod stringio;
pub mod textio;

use crate::object::ObjRef;
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, exceptions, int, module, str as pystr, stream, tuple};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: i64 = 8192;

/// `UnsupportedOperation(msg)`, of the class `_io` made.
pub fn unsupported(vm: &Vm, msg: &str) -> PyErr {
    let made = (|| -> PyResult<ObjRef> {
        let m = crate::vm::import::import_dotted(vm, "_io")?;
        let cls = ops::getattr(vm, &m, "UnsupportedOperation")?;
        ops::call(vm, &cls, &[pystr::new_str_vm(vm, msg)?], None)
    })();
    match made {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

/// `class UnsupportedOperation(OSError, ValueError)`.
fn new_unsupported_operation(vm: &Vm) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, "io")?)?;
    let bases = tuple::new_tuple(
        vm,
        vec![
            ObjRef::from_type(&exceptions::OS_ERROR),
            ObjRef::from_type(&exceptions::VALUE_ERROR),
        ],
    )?;
    let name = pystr::new_str_vm(vm, "UnsupportedOperation")?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// `_IOBase.__subclasshook__(C)`: the standard streams (what `sys.stdout` and its `buffer`
/// are) count as text or buffered streams for `io`'s four ABCs (`io.IOBase`,
/// `io.RawIOBase`, `io.BufferedIOBase`, `io.TextIOBase`); anything else is left to the usual
/// checks (`NotImplemented`).
pub(crate) fn subclass_hook(
    vm: &Vm,
    cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [c] = crate::vm::argparse::parse::<1>(
        vm,
        "__subclasshook__",
        crate::vm::argparse::Sig::One,
        args,
        kw,
    )?;
    let no = Ok(crate::objects::none::not_implemented());
    let (Some(cls_t), Some(c_t)) = (cls.as_type(), c.as_ref().and_then(|c| c.as_type())) else {
        return no;
    };
    let is_abc = matches!(
        cls_t.name(),
        "IOBase" | "RawIOBase" | "BufferedIOBase" | "TextIOBase"
    ) && ops::getattr(vm, cls, "__module__")
        .ok()
        .is_some_and(|m| pystr::as_str(&m) == Some("io"));
    if !is_abc {
        return no;
    }
    let text = c_t.is_subtype(&stream::TEXT_IO_TYPE);
    let buffered = [
        &crate::objects::stream_buffer::STDOUT_BUFFER_TYPE,
        &crate::objects::stream_buffer::STDIN_BUFFER_TYPE,
    ]
    .iter()
    .any(|t| c_t.is_subtype(t));
    if !text && !buffered {
        return no;
    }
    let kind_ok = if cls_t.is_subtype(&iobase::RAW_IOBASE_TYPE) {
        false
    } else if cls_t.is_subtype(&iobase::TEXT_IOBASE_TYPE) {
        text
    } else if cls_t.is_subtype(&iobase::BUFFERED_IOBASE_TYPE) {
        buffered
    } else {
        true
    };
    if kind_ok {
        Ok(crate::objects::boolobj::new_bool(true))
    } else {
        no
    }
}

/// `text_encoding(encoding, stacklevel=2, /)`: the encoding a text stream uses when given
/// `encoding` (`"locale"` for None).
fn io_text_encoding(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [enc, level] = crate::vm::argparse::parse::<2>(
        vm,
        "text_encoding",
        crate::vm::argparse::Sig::Clinic(1, 2),
        args,
        kw,
    )?;
    if let Some(l) = &level {
        crate::vm::argparse::index_arg(vm, l)?;
    }
    match enc {
        Some(e) if !crate::objects::none::is_none(&e) => Ok(e),
        _ => pystr::new_str_vm(vm, "locale"),
    }
}

/// `open_code(path)`: opens `path` for reading code, as `open(path, "rb")`.
fn io_open_code(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = crate::vm::argparse::Sig::Kw {
        names: &["path"],
        required: 1,
        posonly: 0,
    };
    let [path] = crate::vm::argparse::parse::<1>(vm, "open_code", sig, args, kw)?;
    let path = path.unwrap_or_else(crate::objects::none::none);
    if !pystr::is_str(&path) {
        return Err(vm.type_error(&format!(
            "open_code() argument 'path' must be str, not {}",
            path.ob_type().name()
        )));
    }
    let mode = pystr::new_str_vm(vm, "rb")?;
    open::b_open(vm, &[path, mode], None)
}

static OPEN_DEF: crate::objects::function::BuiltinDef = crate::objects::function::BuiltinDef {
    name: "open",
    func: open::b_open,
};

static IO_FUNCTIONS: [crate::objects::function::BuiltinDef; 2] = [
    crate::objects::function::BuiltinDef {
        name: "text_encoding",
        func: io_text_encoding,
    },
    crate::objects::function::BuiltinDef {
        name: "open_code",
        func: io_open_code,
    },
];

/// Builds the `_io` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_io")?;
    module::set_attr(
        vm,
        &m,
        "UnsupportedOperation",
        new_unsupported_operation(vm)?,
    )?;
    module::set_attr(
        vm,
        &m,
        "DEFAULT_BUFFER_SIZE",
        int::new_int(vm, DEFAULT_BUFFER_SIZE)?,
    )?;
    module::set_attr(
        vm,
        &m,
        "BlockingIOError",
        ObjRef::from_type(&exceptions::BLOCKING_IO_ERROR),
    )?;
    // `open` belongs to `_io` (its `__module__`), and `builtins.open` is the same object.
    let open = crate::objects::function::new_module_builtin(vm, &OPEN_DEF, m.clone())?;
    module::set_attr(vm, &m, "open", open.clone())?;
    crate::objects::dict::set_str(vm, &vm.builtins, "open", open)?;
    for def in &IO_FUNCTIONS {
        let f = crate::objects::function::new_module_builtin(vm, def, m.clone())?;
        module::set_attr(vm, &m, def.name, f)?;
    }
    for (name, ty) in [
        ("_IOBase", &iobase::IOBASE_TYPE),
        ("_RawIOBase", &iobase::RAW_IOBASE_TYPE),
        ("_BufferedIOBase", &iobase::BUFFERED_IOBASE_TYPE),
        ("_TextIOBase", &iobase::TEXT_IOBASE_TYPE),
        ("StringIO", &stringio::STRINGIO_TYPE),
        ("BytesIO", &bytesio::BYTESIO_TYPE),
        ("FileIO", &fileio::FILEIO_TYPE),
        ("BufferedReader", &buffered::BUFFERED_READER_TYPE),
        ("BufferedWriter", &buffered::BUFFERED_WRITER_TYPE),
        ("BufferedRandom", &buffered::BUFFERED_RANDOM_TYPE),
        ("BufferedRWPair", &rwpair::RWPAIR_TYPE),
        ("TextIOWrapper", &textio::TEXTIO_TYPE),
        (
            "IncrementalNewlineDecoder",
            &newline_decoder::NEWLINE_DECODER_TYPE,
        ),
    ] {
        module::set_attr(vm, &m, name, ObjRef::from_type(ty))?;
    }
    Ok(m)
}
