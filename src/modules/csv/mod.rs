//! The `_csv` module (CPython's `Modules/_csv.c`): the `Dialect` type, the `reader` and
//! `writer` objects, the dialect registry and the field size limit, which `Lib/csv.py` builds
//! on.
//!
//! The module's state lives where CPython's does: the registry is the module's `_dialects`
//! dict and the exception class its `Error` attribute, both found through `sys.modules`
//! ([`state_module`]); the field size limit is a per-interpreter counter (one interpreter runs
//! per thread), reset whenever the module is built. [`dialect`] holds the `Dialect` type and its
//! validation, [`reader`] the parser, [`writer`] the record builder.

pub mod dialect;
pub mod reader;
pub mod writer;

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, exceptions, int, list, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::{check_count, split_args};
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::cell::Cell;

/// `csv.QUOTE_MINIMAL`: quote only fields that need it.
pub const QUOTE_MINIMAL: i64 = 0;
/// `csv.QUOTE_ALL`: quote every field.
pub const QUOTE_ALL: i64 = 1;
/// `csv.QUOTE_NONNUMERIC`: quote every non-number; the reader turns unquoted fields to floats.
pub const QUOTE_NONNUMERIC: i64 = 2;
/// `csv.QUOTE_NONE`: never quote; escape instead.
pub const QUOTE_NONE: i64 = 3;

/// The default of `field_size_limit()` (128 KiB characters, as CPython).
pub const DEFAULT_FIELD_LIMIT: i64 = 128 * 1024;

thread_local! {
    /// The current field size limit of this thread's interpreter.
    static FIELD_LIMIT: Cell<i64> = const { Cell::new(DEFAULT_FIELD_LIMIT) };
}

/// The field size limit the reader enforces.
pub fn field_limit() -> i64 {
    FIELD_LIMIT.with(Cell::get)
}

const MODULE_DOC: &str = "Reading and writing of comma-separated values (PEP 305).

The reader() and writer() functions turn lines of text into lists of fields and
sequences of values into lines of text, following a dialect: the field
delimiter, the quote character and quoting policy, the escape character, the
line terminator and a few switches (doublequote, skipinitialspace, strict).
Dialects are given by name (see register_dialect() and list_dialects()), as an
object with those attributes, or as keyword arguments.

The QUOTE_* constants select when the writer quotes fields: QUOTE_MINIMAL (only
when needed), QUOTE_ALL, QUOTE_NONNUMERIC (everything but numbers; the reader
then converts unquoted fields to float) and QUOTE_NONE (never; special
characters are escaped with the escapechar).";

/// The `_csv` module object of this interpreter (imported again if `sys.modules` lost it).
pub fn state_module(vm: &Vm) -> PyResult<ObjRef> {
    crate::vm::import::import_dotted(vm, "_csv")
}

fn state_attr(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    let m = state_module(vm)?;
    let d = module::module_dict(&m).ok_or_else(|| vm.type_error("_csv module has no dict"))?;
    dict::get_str(vm, &d, name)?
        .ok_or_else(|| vm.type_error(&format!("_csv module state lost: {name}")))
}

/// The registry of dialects (`_csv._dialects`).
fn registry(vm: &Vm) -> PyResult<ObjRef> {
    state_attr(vm, "_dialects")
}

/// A `_csv.Error` with message `msg`.
pub fn csv_error(vm: &Vm, msg: &str) -> PyErr {
    let made = state_attr(vm, "Error").and_then(|cls| {
        let text = pystr::new_str_vm(vm, msg)?;
        ops::call(vm, &cls, &[text], None)
    });
    match made {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

/// The dialect registered as `name`, or `_csv.Error("unknown dialect")`.
pub fn registered_dialect(vm: &Vm, name: &ObjRef) -> PyResult<ObjRef> {
    let reg = registry(vm)?;
    dict::get_item(vm, &reg, name)?.ok_or_else(|| csv_error(vm, "unknown dialect"))
}

/// `reader(iterable, dialect='excel', **fmtparams)`.
fn csv_reader(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    check_count(vm, "", pos, 1, 2)?;
    reader::new_reader(vm, &pos[0], pos.get(1), &kwargs)
}

/// `writer(fileobj, dialect='excel', **fmtparams)`.
fn csv_writer(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    check_count(vm, "", pos, 1, 2)?;
    writer::new_writer(vm, &pos[0], pos.get(1), &kwargs)
}

/// `register_dialect(name, dialect=None, **fmtparams)`.
fn csv_register_dialect(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kwargs) = split_args(args, kw);
    check_count(vm, "", pos, 1, 2)?;
    if !pystr::is_str(&pos[0]) {
        return Err(vm.type_error("dialect name must be a string"));
    }
    let d = dialect::call_dialect(vm, pos.get(1), &kwargs)?;
    dict::set_item(vm, &registry(vm)?, pos[0].clone(), d)?;
    Ok(none::none())
}

/// `unregister_dialect(name)`.
fn csv_unregister_dialect(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "unregister_dialect", name_sig(), args, kw)?;
    let name = name.unwrap_or_else(none::none);
    let reg = registry(vm)?;
    match dict::del_item(vm, &reg, &name) {
        Ok(true) => Ok(none::none()),
        Ok(false) => Err(csv_error(vm, "unknown dialect")),
        Err(e) if e.matches(&exceptions::KEY_ERROR) => Err(csv_error(vm, "unknown dialect")),
        Err(e) => Err(e),
    }
}

fn name_sig() -> Sig {
    Sig::Kw {
        names: &["name"],
        required: 1,
        posonly: 0,
    }
}

/// `get_dialect(name)`.
fn csv_get_dialect(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "get_dialect", name_sig(), args, kw)?;
    registered_dialect(vm, &name.unwrap_or_else(none::none))
}

/// `list_dialects()`: the registered names, in registration order.
fn csv_list_dialects(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "_csv.list_dialects", Sig::NoArgs, args, kw)?;
    let names = dict::items(&registry(vm)?)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    list::new_list(vm, names)
}

/// `field_size_limit([new_limit])`: returns the old limit, setting the new one if given.
fn csv_field_size_limit(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [new] = parse::<1>(
        vm,
        "field_size_limit",
        Sig::Kw {
            names: &["new_limit"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let old = field_limit();
    if let Some(new) = new {
        if !std::ptr::eq(new.ob_type(), &int::INT_TYPE) {
            return Err(vm.type_error("limit must be an integer"));
        }
        let v = int::as_i64(&new)
            .ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))?;
        FIELD_LIMIT.with(|c| c.set(v));
    }
    int::new_int(vm, old)
}

macro_rules! builtin_table {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

static CSV_FUNCTIONS: &[BuiltinDef] = builtin_table![
    "reader" => csv_reader, "writer" => csv_writer,
    "register_dialect" => csv_register_dialect,
    "unregister_dialect" => csv_unregister_dialect,
    "get_dialect" => csv_get_dialect, "list_dialects" => csv_list_dialects,
    "field_size_limit" => csv_field_size_limit,
];

/// `_csv.Error`: a subclass of `Exception` made per interpreter.
fn new_error_class(vm: &Vm) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, "_csv")?)?;
    let bases = tuple::new_tuple(vm, vec![ObjRef::from_type(&exceptions::EXCEPTION)])?;
    let name = pystr::new_str_vm(vm, "Error")?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// Builds the `_csv` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    FIELD_LIMIT.with(|c| c.set(DEFAULT_FIELD_LIMIT));
    let m = module::new_module(vm, "_csv")?;
    module::set_attr(vm, &m, "__doc__", pystr::new_str_vm(vm, MODULE_DOC)?)?;
    module::set_attr(vm, &m, "__version__", pystr::new_str_vm(vm, "1.0")?)?;
    for def in CSV_FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in [
        ("QUOTE_MINIMAL", QUOTE_MINIMAL),
        ("QUOTE_ALL", QUOTE_ALL),
        ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC),
        ("QUOTE_NONE", QUOTE_NONE),
    ] {
        module::set_attr(vm, &m, name, int::new_int(vm, v)?)?;
    }
    module::set_attr(vm, &m, "Dialect", ObjRef::from_type(&dialect::DIALECT_TYPE))?;
    module::set_attr(vm, &m, "Reader", ObjRef::from_type(&reader::READER_TYPE))?;
    module::set_attr(vm, &m, "Writer", ObjRef::from_type(&writer::WRITER_TYPE))?;
    module::set_attr(vm, &m, "Error", new_error_class(vm)?)?;
    module::set_attr(vm, &m, "_dialects", dict::new_dict_vm(vm)?)?;
    Ok(m)
}

#[cfg(test)]
mod tests;
