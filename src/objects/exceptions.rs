//! The builtin exception hierarchy and exception instances.

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, ObjVec, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, getset, int, str as pystr, tuple};
use crate::vm::argparse::index_arg;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use arenapy_allocators::AllocError;

pub use super::exception_group::{BASE_EXCEPTION_GROUP, EXCEPTION_GROUP};

/// A reference to an exception type.
pub type ExcType = &'static TypeObject;

/// Payload of an exception instance.
pub struct ExceptionObject {
    /// `args` (a tuple).
    pub args: ObjCell,
    /// Traceback entries, innermost FIRST (unwinding adds the outer frames at the end, in
    /// O(1)): tuples `(filename, lineno, name, locals)`. Read and replace it through
    /// [`ExceptionObject::traceback_entries`] and [`ExceptionObject::replace_traceback`].
    traceback: ObjVec,
    /// The traceback object `__traceback__` last gave or was set to, while the entries are
    /// the `tb_object_len` it stands for (so `e.__traceback__ is e.__traceback__`, and
    /// `e.with_traceback(tb).__traceback__ is tb`).
    tb_object: ObjCell,
    /// How many entries there were when `tb_object` was recorded.
    tb_object_len: std::cell::Cell<usize>,
    /// `__cause__`.
    pub cause: ObjCell,
    /// `__context__`.
    pub context: ObjCell,
    /// `__suppress_context__` (set by `raise ... from ...`).
    pub suppress_context: std::cell::Cell<bool>,
    /// `__dict__` (created on first attribute assignment).
    pub dict: ObjCell,
    /// Exception groups only: the tuple `(message, exceptions)` (see
    /// [`super::exception_group`]).
    pub group: ObjCell,
    /// The fields of the classes that define their own (`OSError.errno`, `SyntaxError.lineno`,
    /// ...), by position in the class family's list (see [`field`]); unset ones hold `None`.
    pub fields: ObjVec,
    /// Which of `fields` are set (bit `i` for field `i`). An unset field reads as `None`, as a
    /// NULL member does in CPython, but is left out where CPython tests for NULL (`str()` of
    /// an OSError, `__reduce__`, `characters_written`).
    pub fields_set: std::cell::Cell<u16>,
}

impl ExceptionObject {
    /// The traceback's entries, outermost first (the order a traceback prints in).
    pub fn traceback_entries(&self) -> Vec<ObjRef> {
        let mut entries = self.traceback.snapshot();
        entries.reverse();
        entries
    }

    /// Replaces the traceback with `entries` (outermost first); returns the old entries.
    pub fn replace_traceback(
        &self,
        mut entries: Vec<ObjRef>,
    ) -> Result<Vec<ObjRef>, (AllocError, Vec<ObjRef>)> {
        entries.reverse();
        let mut old = self.traceback.replace_all(entries)?;
        old.extend(self.tb_object.replace(None));
        Ok(old)
    }

    /// The traceback object standing for the current entries, if one was recorded.
    fn cached_traceback(&self) -> Option<ObjRef> {
        let tb = self.tb_object.get()?;
        (self.tb_object_len.get() == self.traceback.len()).then_some(tb)
    }

    /// Records `tb` as the traceback object of the current entries; returns the previous one.
    fn cache_traceback(&self, tb: ObjRef) -> Option<ObjRef> {
        self.tb_object_len.set(self.traceback.len());
        self.tb_object.replace(Some(tb))
    }

    /// The entry of the outermost frame the exception has left so far.
    pub fn outermost_entry(&self) -> Option<ObjRef> {
        let n = self.traceback.len();
        n.checked_sub(1).and_then(|i| self.traceback.get(i))
    }

    /// Adds the entry of the frame the exception is leaving (outside all entries so far).
    pub fn add_outer_entry(&self, entry: ObjRef) -> Result<(), (AllocError, ObjRef)> {
        self.traceback.push(entry)
    }
}

impl PyPayload for ExceptionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = self.traceback.take_all();
        out.extend(self.tb_object.replace(None));
        out.extend(self.args.replace(None));
        out.extend(self.cause.replace(None));
        out.extend(self.context.replace(None));
        out.extend(self.dict.replace(None));
        out.extend(self.group.replace(None));
        out.extend(self.fields.take_all());
        self.fields_set.set(0);
        out
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`args`, `traceback`, `tb_object`, `cause`,
// `context`, `dict`, `group`, `fields`), each once, and does nothing else.
unsafe impl crate::object::Traverse for ExceptionObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.args.traverse(visit);
        self.traceback.traverse(visit);
        self.tb_object.traverse(visit);
        self.cause.traverse(visit);
        self.context.traverse(visit);
        self.dict.traverse(visit);
        self.group.traverse(visit);
        self.fields.traverse(visit);
    }
}

/// The payload vtable every exception type shares.
pub(crate) static EXC_VTABLE: PayloadVTable = PayloadVTable::of::<ExceptionObject>();

/// A new exception instance of type `ty` with `args`, its class's fields filled from them as
/// its `__init__` would (`StopIteration.value`, `SystemExit.code`, ...).
pub fn new_exception(ty: &TypeObject, args: Vec<ObjRef>) -> Result<ObjRef, AllocError> {
    let exc = new_exception_raw(ty, args)?;
    fill_fields(&exc)?;
    Ok(exc)
}

/// A new exception instance with `args` and no field set (CPython's `BaseException_new`).
fn new_exception_raw(ty: &TypeObject, args: Vec<ObjRef>) -> Result<ObjRef, AllocError> {
    let args = crate::object::new_var_object(&tuple::TUPLE_TYPE, tuple::TupleObject, args)?;
    new_object(
        ty,
        ExceptionObject {
            args: ObjCell::new(Some(args)),
            traceback: ObjVec::new(),
            tb_object: ObjCell::new(None),
            tb_object_len: std::cell::Cell::new(0),
            cause: ObjCell::new(None),
            context: ObjCell::new(None),
            suppress_context: std::cell::Cell::new(false),
            dict: ObjCell::new(None),
            group: ObjCell::new(None),
            fields: ObjVec::new(),
            fields_set: std::cell::Cell::new(0),
        },
    )
}

/// A new exception instance with one message argument (no arguments if `msg` is empty).
pub fn new_exception_msg(ty: &TypeObject, msg: &str) -> Result<ObjRef, AllocError> {
    let args = if msg.is_empty() {
        Vec::new()
    } else {
        vec![pystr::new_str(msg)?]
    };
    new_exception(ty, args)
}

/// The payload of an exception instance.
pub fn payload(exc: &ObjRef) -> Option<&ExceptionObject> {
    exc.downcast::<ExceptionObject>()
}

// ---- class fields -------------------------------------------------------------------------

/// `StopIteration`'s field.
pub const STOP_ITERATION_FIELDS: &[&str] = &["value"];
/// `SystemExit`'s field.
pub const SYSTEM_EXIT_FIELDS: &[&str] = &["code"];
/// `OSError`'s fields (`characters_written` is a number, unset unless given).
pub const OS_ERROR_FIELDS: &[&str] = &[
    "errno",
    "strerror",
    "filename",
    "filename2",
    "characters_written",
];
/// `SyntaxError`'s fields.
pub const SYNTAX_ERROR_FIELDS: &[&str] = &[
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];
/// `ImportError`'s fields.
pub const IMPORT_ERROR_FIELDS: &[&str] = &["msg", "name", "path"];
/// The fields of `UnicodeEncodeError`, `UnicodeDecodeError` and `UnicodeTranslateError`.
pub const UNICODE_ERROR_FIELDS: &[&str] = &["encoding", "object", "start", "end", "reason"];
/// `NameError`'s field.
pub const NAME_ERROR_FIELDS: &[&str] = &["name"];
/// `AttributeError`'s fields.
pub const ATTRIBUTE_ERROR_FIELDS: &[&str] = &["name", "obj"];

/// Field `name` of `exc` from its class family's list `fields`; `None` when unset.
pub fn field(exc: &ObjRef, fields: &[&str], name: &str) -> Option<ObjRef> {
    let p = payload(exc)?;
    let i = fields.iter().position(|f| *f == name)?;
    if p.fields_set.get() & (1 << i) == 0 {
        return None;
    }
    p.fields.get(i)
}

/// Sets (`Some`) or unsets (`None`) field `name` of `exc` (see [`field`]).
pub fn set_field(
    exc: &ObjRef,
    fields: &[&str],
    name: &str,
    value: Option<ObjRef>,
) -> Result<(), AllocError> {
    let (Some(p), Some(i)) = (payload(exc), fields.iter().position(|f| *f == name)) else {
        return Ok(());
    };
    if p.fields.len() < fields.len() {
        // Room for the whole family at once (unset fields hold None).
        let mut all = p.fields.snapshot();
        all.resize_with(fields.len(), crate::objects::none::none);
        let old = p.fields.replace_all(all).map_err(|(e, _)| e)?;
        drop(old);
    }
    let bits = p.fields_set.get();
    p.fields_set.set(match value {
        Some(_) => bits | (1 << i),
        None => bits & !(1 << i),
    });
    let old = p
        .fields
        .set(i, value.unwrap_or_else(crate::objects::none::none));
    drop(old);
    Ok(())
}

/// The field list of `ty`'s class family (empty for classes without fields of their own),
/// found in one walk up the static bases (the families' classes are all static).
fn family(ty: &TypeObject) -> &'static [&'static str] {
    use crate::objects::codecs;
    let families: [(&TypeObject, &'static [&'static str]); 10] = [
        (&OS_ERROR, OS_ERROR_FIELDS),
        (&STOP_ITERATION, STOP_ITERATION_FIELDS),
        (&SYSTEM_EXIT, SYSTEM_EXIT_FIELDS),
        (&SYNTAX_ERROR, SYNTAX_ERROR_FIELDS),
        (&IMPORT_ERROR, IMPORT_ERROR_FIELDS),
        (&NAME_ERROR, NAME_ERROR_FIELDS),
        (&ATTRIBUTE_ERROR, ATTRIBUTE_ERROR_FIELDS),
        (&codecs::UNICODE_ENCODE_ERROR, UNICODE_ERROR_FIELDS),
        (&codecs::UNICODE_DECODE_ERROR, UNICODE_ERROR_FIELDS),
        (&codecs::UNICODE_TRANSLATE_ERROR, UNICODE_ERROR_FIELDS),
    ];
    let mut t = Some(ty);
    while let Some(cur) = t {
        if let Some((_, fields)) = families.iter().find(|(f, _)| std::ptr::eq(*f, cur)) {
            return fields;
        }
        if std::ptr::eq(cur, &EXCEPTION) || std::ptr::eq(cur, &BASE_EXCEPTION) {
            break;
        }
        t = cur.base;
    }
    &[]
}

/// The fields a new exception gets from its positional arguments without any check (what the
/// class's `__init__` stores when the arguments are well-formed): for exceptions the
/// interpreter raises itself.
fn fill_fields(exc: &ObjRef) -> Result<(), AllocError> {
    let fields = family(exc.ob_type());
    if fields.is_empty() || std::ptr::eq(fields, OS_ERROR_FIELDS) {
        return Ok(());
    }
    let args = payload(exc).and_then(|p| p.args.get());
    let items: Vec<ObjRef> = args
        .as_ref()
        .and_then(tuple::items)
        .map(<[ObjRef]>::to_vec)
        .unwrap_or_default();
    let set = |name: &str, v: &ObjRef| set_field(exc, fields, name, Some(v.clone()));
    if std::ptr::eq(fields, STOP_ITERATION_FIELDS) {
        set(
            "value",
            items.first().unwrap_or(&crate::objects::none::none()),
        )?;
    } else if std::ptr::eq(fields, SYSTEM_EXIT_FIELDS) {
        match (items.as_slice(), &args) {
            ([], _) | (_, None) => {}
            ([one], _) => set("code", one)?,
            (_, Some(all)) => set("code", all)?,
        }
    } else if std::ptr::eq(fields, IMPORT_ERROR_FIELDS) {
        if let [msg] = items.as_slice() {
            set("msg", msg)?;
        }
    } else if std::ptr::eq(fields, SYNTAX_ERROR_FIELDS) {
        if let Some(msg) = items.first() {
            set("msg", msg)?;
        }
        if let [_, info] = items.as_slice() {
            let info = tuple::items(info).unwrap_or(&[]);
            if (4..=6).contains(&info.len()) {
                for (name, v) in SYNTAX_ERROR_FIELDS[1..].iter().zip(info) {
                    set(name, v)?;
                }
            }
        }
    } else if std::ptr::eq(fields, UNICODE_ERROR_FIELDS) {
        let names = if exc.is_instance(&crate::objects::codecs::UNICODE_TRANSLATE_ERROR) {
            set("encoding", &crate::objects::none::none())?;
            &UNICODE_ERROR_FIELDS[1..]
        } else {
            UNICODE_ERROR_FIELDS
        };
        if items.len() == names.len() {
            for (name, v) in names.iter().zip(&items) {
                set(name, v)?;
            }
        }
    }
    Ok(())
}

/// `__init__`'s part for the classes with fields (CPython's `StopIteration_init`,
/// `SyntaxError_init`, `UnicodeEncodeError_init`, ...): checks the arguments and sets the
/// fields; `named` are the keyword arguments (ImportError, NameError and AttributeError take
/// some).
fn init_fields(vm: &Vm, exc: &ObjRef, pos: &[ObjRef], named: &[(&str, &ObjRef)]) -> PyResult<()> {
    let fields = family(exc.ob_type());
    let set = |name: &str, v: Option<ObjRef>| set_field(exc, fields, name, v).or_mem(vm);
    if std::ptr::eq(fields, IMPORT_ERROR_FIELDS) {
        let get = |k: &str| {
            named
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).clone())
        };
        set("name", get("name"))?;
        set("path", get("path"))?;
        set(
            "msg",
            if pos.len() == 1 {
                pos.first().cloned()
            } else {
                None
            },
        )?;
        return Ok(());
    }
    if std::ptr::eq(fields, NAME_ERROR_FIELDS) || std::ptr::eq(fields, ATTRIBUTE_ERROR_FIELDS) {
        // Each keyword given or unset, as the class's `__init__` leaves them.
        for name in fields {
            let v = named
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| (*v).clone());
            set(name, v)?;
        }
        return Ok(());
    }
    if std::ptr::eq(fields, SYNTAX_ERROR_FIELDS) {
        if let Some(msg) = pos.first() {
            set("msg", Some(msg.clone()))?;
        }
        if let [_, info] = pos {
            let info = ops::collect_iterable(vm, info)?;
            if info.len() < 4 {
                return Err(vm.type_error(&format!(
                    "function takes at least 4 arguments ({} given)",
                    info.len()
                )));
            }
            if info.len() > 6 {
                return Err(vm.type_error(&format!(
                    "function takes at most 6 arguments ({} given)",
                    info.len()
                )));
            }
            if info.len() == 5 {
                return Err(
                    vm.type_error("end_offset must be provided when end_lineno is provided")
                );
            }
            for (name, v) in SYNTAX_ERROR_FIELDS[1..].iter().zip(info) {
                set(name, Some(v))?;
            }
        }
        return Ok(());
    }
    if std::ptr::eq(fields, UNICODE_ERROR_FIELDS) {
        return init_unicode_error(vm, exc, pos);
    }
    fill_fields(exc).or_mem(vm)
}

/// `UnicodeEncodeError(encoding, object, start, end, reason)`, `UnicodeDecodeError(...)` (its
/// object any bytes-like, kept as bytes) and `UnicodeTranslateError(object, start, end,
/// reason)`, with CPython's argument checks.
fn init_unicode_error(vm: &Vm, exc: &ObjRef, pos: &[ObjRef]) -> PyResult<()> {
    use crate::objects::codecs;
    let translate = exc.is_instance(&codecs::UNICODE_TRANSLATE_ERROR);
    let decode = exc.is_instance(&codecs::UNICODE_DECODE_ERROR);
    let want = if translate { 4 } else { 5 };
    if pos.len() != want {
        return Err(vm.type_error(&format!(
            "function takes exactly {want} arguments ({} given)",
            pos.len()
        )));
    }
    let str_arg = |i: usize| -> PyResult<ObjRef> {
        let v = &pos[i];
        if pystr::is_str(v) {
            return Ok(v.clone());
        }
        Err(vm.type_error(&format!(
            "argument {} must be str, not {}",
            i + 1,
            v.ob_type().name()
        )))
    };
    let (encoding, rest) = if translate {
        (crate::objects::none::none(), pos)
    } else {
        (str_arg(0)?, &pos[1..])
    };
    let object = if decode {
        let data = crate::objects::bytes_methods::buffer_arg(vm, &rest[0])?;
        crate::objects::bytes::new_bytes(vm, &data)?
    } else {
        str_arg(want - 4)?
    };
    let start = int::new_int(vm, index_arg(vm, &rest[1])?)?;
    let end = int::new_int(vm, index_arg(vm, &rest[2])?)?;
    let reason = str_arg(want - 1)?;
    for (name, v) in UNICODE_ERROR_FIELDS
        .iter()
        .zip([encoding, object, start, end, reason])
    {
        set_field(exc, UNICODE_ERROR_FIELDS, name, Some(v)).or_mem(vm)?;
    }
    Ok(())
}

/// The getter of the classes' own fields: unset ones read as `None`.
macro_rules! field_accessors {
    ($($get:ident, $set:ident => $fields:expr;)*) => {$(
        pub(crate) fn $get(_vm: &Vm, exc: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
            Ok(Some(field(exc, $fields, name).unwrap_or_else(crate::objects::none::none)))
        }
        pub(crate) fn $set(
            vm: &Vm,
            exc: &ObjRef,
            name: &ObjRef,
            value: Option<ObjRef>,
        ) -> PyResult<()> {
            set_field(exc, $fields, getset::name_str(name), value).or_mem(vm)
        }
    )*};
}

field_accessors! {
    stop_iteration_get, stop_iteration_set => STOP_ITERATION_FIELDS;
    system_exit_get, system_exit_set => SYSTEM_EXIT_FIELDS;
    os_error_get, os_error_set => OS_ERROR_FIELDS;
    syntax_error_get, syntax_error_set => SYNTAX_ERROR_FIELDS;
    import_error_get, import_error_set => IMPORT_ERROR_FIELDS;
    unicode_error_get, unicode_error_set => UNICODE_ERROR_FIELDS;
    name_error_get, name_error_set => NAME_ERROR_FIELDS;
    attribute_error_get, attribute_error_set => ATTRIBUTE_ERROR_FIELDS;
}

/// `UnicodeError.start` / `end`: machine integers (CPython's `T_PYSSIZET` members).
pub(crate) fn unicode_error_set_index(
    vm: &Vm,
    exc: &ObjRef,
    name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    let Some(v) = value else {
        return Err(vm.type_error("can't delete numeric/char attribute"));
    };
    if !int::is_int(&v) {
        return Err(vm.type_error("an integer is required"));
    }
    // Too large a value leaves -1 behind with the error, as CPython's `T_PYSSIZET` members do.
    let (n, err) = match index_arg(vm, &v) {
        Ok(n) => (n, None),
        Err(e) => (-1, Some(e)),
    };
    unicode_error_set(vm, exc, name, Some(int::new_int(vm, n)?))?;
    err.map_or(Ok(()), Err)
}

/// `OSError.characters_written`: `AttributeError` when unset.
fn characters_written_get(vm: &Vm, exc: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    match field(exc, OS_ERROR_FIELDS, "characters_written") {
        Some(v) => Ok(Some(v)),
        None => Err(vm.new_error(&ATTRIBUTE_ERROR, "characters_written")),
    }
}

fn characters_written_set(
    vm: &Vm,
    exc: &ObjRef,
    _name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    let v = match value {
        Some(v) => Some(int::new_int(vm, written_count(vm, &v)?)?),
        None if field(exc, OS_ERROR_FIELDS, "characters_written").is_none() => {
            return Err(vm.new_error(&ATTRIBUTE_ERROR, "characters_written"));
        }
        None => None,
    };
    set_field(exc, OS_ERROR_FIELDS, "characters_written", v).or_mem(vm)
}

/// A character count through `__index__`; too large a one is a `ValueError` (CPython's
/// `PyNumber_AsSsize_t(v, PyExc_ValueError)`).
fn written_count(vm: &Vm, v: &ObjRef) -> PyResult<i64> {
    index_arg(vm, v).map_err(|e| {
        if e.matches(&OVERFLOW_ERROR) {
            vm.value_error(&format!(
                "cannot fit '{}' into an index-sized integer",
                v.ob_type().name()
            ))
        } else {
            e
        }
    })
}

// ---- BaseException's attributes -----------------------------------------------------------

fn base_get(vm: &Vm, exc: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(p) = payload(exc) else {
        return Ok(None);
    };
    let none = crate::objects::none::none;
    Ok(Some(match name {
        "args" => p.args.get().unwrap_or_else(none),
        "__cause__" => p.cause.get().unwrap_or_else(none),
        "__context__" => p.context.get().unwrap_or_else(none),
        "__suppress_context__" => crate::objects::boolobj::new_bool(p.suppress_context.get()),
        "__traceback__" => match p.cached_traceback() {
            Some(tb) => tb,
            None => {
                let tb = crate::objects::traceback::from_entries(vm, p.traceback_entries())?;
                if !crate::objects::none::is_none(&tb) {
                    drop(p.cache_traceback(tb.clone()));
                }
                tb
            }
        },
        "__dict__" => {
            if exc.ob_type().is_heap_type() {
                return crate::vm::attr::instance_dict_or_create(vm, exc);
            }
            own_dict(vm, p)?
        }
        _ => return Ok(None),
    }))
}

/// The `__dict__` of an instance of a builtin exception class, created on first use.
fn own_dict(vm: &Vm, p: &ExceptionObject) -> PyResult<ObjRef> {
    Ok(match p.dict.get() {
        Some(d) => d,
        None => {
            let d = dict::new_dict_vm(vm)?;
            drop(p.dict.replace(Some(d.clone())));
            d
        }
    })
}

/// The instance `__dict__` of `exc` if it has one (where a class instance keeps it).
fn existing_dict(vm: &Vm, exc: &ObjRef) -> PyResult<Option<ObjRef>> {
    if exc.ob_type().is_heap_type() {
        return crate::vm::attr::instance_dict(vm, exc);
    }
    Ok(payload(exc).and_then(|p| p.dict.get()))
}

/// `exc.__cause__ = ...` / `__context__ = ...`: None or an exception.
fn chained_exception(vm: &Vm, value: Option<ObjRef>, what: &str) -> PyResult<Option<ObjRef>> {
    let Some(v) = value else {
        return Err(vm.type_error(&format!("__{what}__ may not be deleted")));
    };
    if crate::objects::none::is_none(&v) {
        return Ok(None);
    }
    if !v.is_instance(&BASE_EXCEPTION) {
        return Err(vm.type_error(&format!(
            "exception {what} must be None or derive from BaseException"
        )));
    }
    Ok(Some(v))
}

fn base_set(vm: &Vm, exc: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = payload(exc).ok_or_else(|| vm.type_error("expected an exception"))?;
    match getset::name_str(name) {
        "args" => {
            let v = value.ok_or_else(|| vm.type_error("args may not be deleted"))?;
            let t = tuple::new_tuple(vm, ops::collect_iterable(vm, &v)?)?;
            drop(p.args.replace(Some(t)));
        }
        "__cause__" => {
            let v = chained_exception(vm, value, "cause")?;
            drop(p.cause.replace(v));
            p.suppress_context.set(true);
        }
        "__context__" => {
            let v = chained_exception(vm, value, "context")?;
            drop(p.context.replace(v));
        }
        "__suppress_context__" => {
            let Some(v) = value else {
                return Err(vm.type_error("can't delete numeric/char attribute"));
            };
            if !v.is_instance(&crate::objects::boolobj::BOOL_TYPE) {
                return Err(vm.type_error("attribute value type must be bool"));
            }
            p.suppress_context.set(ops::truthy(vm, &v)?);
        }
        "__traceback__" => {
            let Some(v) = value else {
                return Err(vm.type_error("__traceback__ may not be deleted"));
            };
            set_traceback(vm, p, &v)?;
        }
        "__dict__" => {
            let Some(v) = value else {
                return Err(vm.type_error("cannot delete __dict__"));
            };
            if dict::table(&v).is_none() {
                return Err(vm.type_error(&format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    v.ob_type().name()
                )));
            }
            if exc.ob_type().is_heap_type() {
                // A class instance keeps its dict (and inline values) in front of the object.
                if exc
                    .ob_type()
                    .heap()
                    .is_some_and(|h| h.ext.dict_slot.is_some())
                {
                    crate::vm::attr::replace_instance_dict(vm, exc, v)?;
                }
            } else {
                drop(p.dict.replace(Some(v)));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Replaces the traceback of `p` with the one `tb` views (None: no traceback).
fn set_traceback(vm: &Vm, p: &ExceptionObject, tb: &ObjRef) -> PyResult<()> {
    let entries = crate::objects::traceback::entries_of(vm, tb)?;
    let old = p
        .replace_traceback(entries)
        .map_err(|(e, _)| vm.alloc_err(e))?;
    drop(old);
    if !crate::objects::none::is_none(tb) {
        drop(p.cache_traceback(tb.clone()));
    }
    Ok(())
}

/// One entry of a getset table.
macro_rules! getset_table {
    ($($name:literal => $get:expr, $set:expr;)*) => {
        [$(GetSetDef { name: $name, get: $get, set: $set },)*]
    };
}

static BASE_EXCEPTION_GETSET: [GetSetDef; 6] = getset_table! {
    "__suppress_context__" => base_get, Some(base_set);
    "__dict__" => base_get, Some(base_set);
    "args" => base_get, Some(base_set);
    "__traceback__" => base_get, Some(base_set);
    "__context__" => base_get, Some(base_set);
    "__cause__" => base_get, Some(base_set);
};

static STOP_ITERATION_GETSET: [GetSetDef; 1] = getset_table! {
    "value" => stop_iteration_get, Some(stop_iteration_set);
};

static SYSTEM_EXIT_GETSET: [GetSetDef; 1] = getset_table! {
    "code" => system_exit_get, Some(system_exit_set);
};

static OS_ERROR_GETSET: [GetSetDef; 5] = getset_table! {
    "errno" => os_error_get, Some(os_error_set);
    "strerror" => os_error_get, Some(os_error_set);
    "filename" => os_error_get, Some(os_error_set);
    "filename2" => os_error_get, Some(os_error_set);
    "characters_written" => characters_written_get, Some(characters_written_set);
};

static SYNTAX_ERROR_GETSET: [GetSetDef; 8] = getset_table! {
    "msg" => syntax_error_get, Some(syntax_error_set);
    "filename" => syntax_error_get, Some(syntax_error_set);
    "lineno" => syntax_error_get, Some(syntax_error_set);
    "offset" => syntax_error_get, Some(syntax_error_set);
    "text" => syntax_error_get, Some(syntax_error_set);
    "end_lineno" => syntax_error_get, Some(syntax_error_set);
    "end_offset" => syntax_error_get, Some(syntax_error_set);
    "print_file_and_line" => syntax_error_get, Some(syntax_error_set);
};

static IMPORT_ERROR_GETSET: [GetSetDef; 3] = getset_table! {
    "msg" => import_error_get, Some(import_error_set);
    "name" => import_error_get, Some(import_error_set);
    "path" => import_error_get, Some(import_error_set);
};

static NAME_ERROR_GETSET: [GetSetDef; 1] = getset_table! {
    "name" => name_error_get, Some(name_error_set);
};

static ATTRIBUTE_ERROR_GETSET: [GetSetDef; 2] = getset_table! {
    "name" => attribute_error_get, Some(attribute_error_set);
    "obj" => attribute_error_get, Some(attribute_error_set);
};

/// The fields of `UnicodeEncodeError`, `UnicodeDecodeError` and `UnicodeTranslateError`.
pub static UNICODE_ERROR_GETSET: [GetSetDef; 5] = getset_table! {
    "encoding" => unicode_error_get, Some(unicode_error_set);
    "object" => unicode_error_get, Some(unicode_error_set);
    "start" => unicode_error_get, Some(unicode_error_set_index);
    "end" => unicode_error_get, Some(unicode_error_set_index);
    "reason" => unicode_error_get, Some(unicode_error_set);
};

// ---- str, repr, attributes ----------------------------------------------------------------

/// `str(exc)`: empty for no args, the arg's str for one, the args tuple's repr otherwise.
pub fn exc_str_text(vm: &Vm, exc: &ObjRef) -> PyResult<String> {
    if exc.is_instance(&SYNTAX_ERROR) {
        if let Some(s) = syntax_error_str(vm, exc)? {
            return Ok(s);
        }
    }
    if exc.is_instance(&OS_ERROR) {
        if let Some(s) = crate::objects::oserror::oserror_str(vm, exc)? {
            return Ok(s);
        }
    }
    if exc.is_instance(&IMPORT_ERROR) {
        // `msg` when it is a str (CPython's `ImportError_str`).
        if let Some(m) = field(exc, IMPORT_ERROR_FIELDS, "msg") {
            if std::ptr::eq(m.ob_type(), &pystr::STR_TYPE) {
                return ops::str_string(vm, &m);
            }
        }
    }
    let args = payload(exc).and_then(|p| p.args.get());
    let items: Vec<ObjRef> = args
        .as_ref()
        .and_then(tuple::items)
        .map(|i| i.to_vec())
        .unwrap_or_default();
    match items.as_slice() {
        [] => Ok(String::new()),
        [one] => {
            if exc.is_instance(&KEY_ERROR) {
                ops::repr_string(vm, one)
            } else {
                ops::str_string(vm, one)
            }
        }
        _ => ops::repr_string(vm, args.as_ref().unwrap_or(exc)),
    }
}

/// `str(SyntaxError)` (CPython's `SyntaxError_str`): `msg (file, line N)` with the file's
/// base name, as far as `filename` is a str and `lineno` an int.
fn syntax_error_str(vm: &Vm, exc: &ObjRef) -> PyResult<Option<String>> {
    let get = |k: &str| field(exc, SYNTAX_ERROR_FIELDS, k);
    // An unset message reads as None.
    let msg = match get("msg") {
        Some(m) => ops::str_string(vm, &m)?,
        None => "None".to_string(),
    };
    let filename = get("filename").and_then(|f| pystr::as_str(&f).map(str::to_string));
    let lineno = get("lineno")
        .filter(|l| std::ptr::eq(l.ob_type(), &int::INT_TYPE))
        .map(|l| int::to_decimal(&l));
    let base = filename.map(|f| f.rsplit('/').next().unwrap_or(&f).to_string());
    Ok(Some(match (base, lineno) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    }))
}

fn exc_str(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
    // The one argument's str as it is (it may hold lone surrogates), for the plain cases.
    let plain = [&SYNTAX_ERROR, &OS_ERROR, &IMPORT_ERROR, &KEY_ERROR]
        .iter()
        .all(|t| !exc.is_instance(t));
    if plain {
        if let Some(args) = payload(exc).and_then(|p| p.args.get()) {
            if let Some([one]) = tuple::items(&args) {
                if pystr::has_surrogates(one) {
                    return ops::str(vm, one);
                }
            }
        }
    }
    pystr::new_str_vm(vm, &exc_str_text(vm, exc)?)
}

fn exc_repr(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
    let args = payload(exc).and_then(|p| p.args.get());
    let items: Vec<ObjRef> = args
        .as_ref()
        .and_then(tuple::items)
        .map(|i| i.to_vec())
        .unwrap_or_default();
    let inner = match items.as_slice() {
        [] => String::new(),
        [one] => ops::repr_string(vm, one)?,
        _ => {
            let r = ops::repr_string(vm, args.as_ref().unwrap_or(exc))?;
            r[1..r.len() - 1].to_string()
        }
    };
    pystr::new_str_vm(vm, &format!("{}({})", exc.ob_type().name(), inner))
}

/// Attribute lookup on exception instances: the classes' getset entries, then the instance
/// `__dict__`.
pub(crate) fn exc_getattr(vm: &Vm, exc: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if let Some((def, _)) = getset::find(exc.ob_type(), name) {
        return (def.get)(vm, exc, name);
    }
    let Some(p) = payload(exc) else {
        return Ok(None);
    };
    if let Some(d) = p.dict.get() {
        if let Some(v) = dict::get_str(vm, &d, name)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// `SystemExit.code` of an exception (None when unset), for the interpreter's exit status.
pub fn system_exit_code(exc: &ObjRef) -> ObjRef {
    field(exc, SYSTEM_EXIT_FIELDS, "code").unwrap_or_else(crate::objects::none::none)
}

/// `StopIteration.value` of an exception (None when unset): what a generator returned.
pub fn stop_iteration_value(exc: &ObjRef) -> ObjRef {
    field(exc, STOP_ITERATION_FIELDS, "value").unwrap_or_else(crate::objects::none::none)
}

/// The name and object an `AttributeError` was raised for, recorded once (CPython's
/// `set_attribute_error_context`), so `e.name` and `e.obj` tell what was looked up.
pub fn set_attribute_error_context(
    vm: &Vm,
    exc: &ObjRef,
    obj: &ObjRef,
    name: &str,
) -> PyResult<()> {
    if !exc.is_instance(&ATTRIBUTE_ERROR) {
        return Ok(());
    }
    let get = |k: &str| field(exc, ATTRIBUTE_ERROR_FIELDS, k);
    if get("name").is_some() || get("obj").is_some() {
        return Ok(());
    }
    let n = pystr::new_str_vm(vm, name)?;
    set_field(exc, ATTRIBUTE_ERROR_FIELDS, "name", Some(n)).or_mem(vm)?;
    set_field(exc, ATTRIBUTE_ERROR_FIELDS, "obj", Some(obj.clone())).or_mem(vm)
}

fn exc_setattr(vm: &Vm, exc: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = payload(exc).ok_or_else(|| vm.type_error("expected an exception"))?;
    let n = pystr::as_str(name).unwrap_or("");
    if let Some(r) = getset::set(vm, exc, name, value.clone()) {
        return r;
    }
    if exc.ob_type().is_heap_type() {
        return crate::vm::attr::dict_setattr(vm, exc, name, value);
    }
    let d = own_dict(vm, p)?;
    match value {
        Some(v) => dict::set_item(vm, &d, name.clone(), v),
        None => {
            if dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(crate::vm::attr::no_attribute(vm, exc, n))
            }
        }
    }
}

// ---- methods ------------------------------------------------------------------------------

/// CPython's count check of a `BaseException` method taking exactly one argument.
fn one_arg<'a>(
    vm: &Vm,
    method: &str,
    args: &'a [ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    crate::vm::args::no_kwargs(vm, &format!("BaseException.{method}"), kw)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!(
            "BaseException.{method}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn m_with_traceback(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let tb = one_arg(vm, "with_traceback", args, kw)?;
    if let Some(p) = payload(this) {
        set_traceback(vm, p, tb)?;
    }
    Ok(this.clone())
}

fn m_add_note(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let note = one_arg(vm, "add_note", args, kw)?;
    if !pystr::is_str(note) {
        return Err(vm.type_error(&format!(
            "note must be a str, not '{}'",
            note.ob_type().name()
        )));
    }
    let notes = match ops::getattr(vm, this, "__notes__") {
        Ok(n) => n,
        Err(e) if e.matches(&ATTRIBUTE_ERROR) => {
            let l = crate::objects::list::new_list(vm, Vec::new())?;
            ops::setattr(vm, this, &vm.intern("__notes__")?, Some(l.clone()))?;
            l
        }
        Err(e) => return Err(e),
    };
    if crate::objects::list::storage(&notes).is_none() {
        return Err(vm.type_error("Cannot add note: __notes__ is not a list"));
    }
    crate::objects::list::append(vm, &notes, note.clone())?;
    Ok(crate::objects::none::none())
}

/// `BaseException.__reduce__()`: `(type, args)`, plus the instance `__dict__` when there is one.
fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "BaseException.__reduce__", args, kw)?;
    let exc_args = payload(this)
        .and_then(|p| p.args.get())
        .unwrap_or_else(crate::objects::none::none);
    reduce_value(vm, this, exc_args, existing_dict(vm, this)?)
}

/// `(type(exc), args)` or `(type(exc), args, state)`.
fn reduce_value(vm: &Vm, exc: &ObjRef, args: ObjRef, state: Option<ObjRef>) -> PyResult<ObjRef> {
    let mut items = vec![exc.type_object(), args];
    items.extend(state);
    tuple::new_tuple(vm, items)
}

fn no_args(vm: &Vm, method: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    crate::vm::args::no_kwargs(vm, method, kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{method}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

/// `BaseException.__setstate__(state)`: sets each item of a dict as an attribute.
fn m_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let state = one_arg(vm, "__setstate__", args, kw)?;
    if crate::objects::none::is_none(state) {
        return Ok(crate::objects::none::none());
    }
    if dict::table(state).is_none() {
        return Err(vm.type_error("state is not a dictionary"));
    }
    for (k, v) in dict::items(state) {
        if !pystr::is_str(&k) {
            return Err(vm.type_error(&format!(
                "attribute name must be string, not '{}'",
                k.ob_type().name()
            )));
        }
        ops::setattr(vm, this, &k, Some(v))?;
    }
    Ok(crate::objects::none::none())
}

/// `OSError.__reduce__()`: the filenames go back into the arguments.
fn m_oserror_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "OSError.__reduce__", args, kw)?;
    let mut exc_args = payload(this)
        .and_then(|p| p.args.get())
        .unwrap_or_else(crate::objects::none::none);
    let items = tuple::items(&exc_args).map(<[ObjRef]>::to_vec);
    if let (Some([errno, strerror]), Some(filename)) =
        (items.as_deref(), field(this, OS_ERROR_FIELDS, "filename"))
    {
        let mut v = vec![errno.clone(), strerror.clone(), filename];
        if let Some(f2) = field(this, OS_ERROR_FIELDS, "filename2") {
            v.push(crate::objects::none::none());
            v.push(f2);
        }
        exc_args = tuple::new_tuple(vm, v)?;
    }
    reduce_value(vm, this, exc_args, existing_dict(vm, this)?)
}

/// `ImportError.__reduce__()`: `name` and `path` join the state.
fn m_import_error_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "ImportError.__reduce__", args, kw)?;
    let exc_args = payload(this)
        .and_then(|p| p.args.get())
        .unwrap_or_else(crate::objects::none::none);
    let name = field(this, IMPORT_ERROR_FIELDS, "name");
    let path = field(this, IMPORT_ERROR_FIELDS, "path");
    let mut state = existing_dict(vm, this)?;
    if name.is_some() || path.is_some() {
        let d = match &state {
            Some(d) => crate::objects::dict_methods::copy(vm, d)?,
            None => dict::new_dict_vm(vm)?,
        };
        for (k, v) in [("name", name), ("path", path)] {
            if let Some(v) = v {
                dict::set_str(vm, &d, k, v)?;
            }
        }
        state = Some(d);
    }
    reduce_value(vm, this, exc_args, state)
}

static BASE_EXCEPTION_METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "__init__",
        func: exc_init,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__setstate__",
        func: m_setstate,
        flags: 0,
    },
    MethodDef {
        name: "with_traceback",
        func: m_with_traceback,
        flags: 0,
    },
    MethodDef {
        name: "add_note",
        func: m_add_note,
        flags: 0,
    },
];

/// The methods of exception classes that only have their own `__init__`.
pub(crate) static EXC_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__init__",
    func: exc_init,
    flags: 0,
}];

static OS_ERROR_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__init__",
        func: exc_init,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: m_oserror_reduce,
        flags: 0,
    },
];

static IMPORT_ERROR_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "__init__",
        func: exc_init,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: m_import_error_reduce,
        flags: 0,
    },
];

/// Slots shared by every exception type.
pub const EXC_SLOTS: Slots = Slots {
    repr: Some(exc_repr),
    hash: Some(crate::objects::typetype::object_hash),
    str: Some(exc_str),
    getattr: Some(exc_getattr),
    setattr: Some(exc_setattr),
    new: Some(exc_new),
    ..Slots::EMPTY
};

/// The first of the two optional parts of an `exception_types!` line that is given.
macro_rules! given_or {
    ([$x:expr] $default:expr) => {
        $x
    };
    ([] $default:expr) => {
        $default
    };
}

macro_rules! exception_types {
    ($($name:ident = $text:literal : $base:expr, $doc:literal
        $(, getset: $getset:expr)? $(, methods: $methods:expr)?;)*) => {
        $(
            #[doc = concat!("`", $text, "`.")]
            pub static $name: TypeObject = TypeObject {
                header: ObjHeader::immortal(&TYPE_TYPE),
                getset: given_or!([$($getset)?] &[]),
                ready: crate::object::typeobj::StaticIndex::NEW,
                name: $text,
                base: Some($base),
                flags: crate::object::typeobj::tpflags::BASETYPE
                    | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
                payload: &EXC_VTABLE,
                slots: EXC_SLOTS,
                methods: given_or!([$($methods)?] &EXC_METHODS),
                doc: $doc,
            };
        )*

        /// Every builtin exception type, for the builtins namespace.
        pub static ALL: &[&TypeObject] = &[$(&$name,)* &BASE_EXCEPTION_GROUP, &EXCEPTION_GROUP];
    };
}

exception_types! {
    BASE_EXCEPTION = "BaseException": &OBJECT_TYPE, "Common base class for all exceptions",
        getset: &BASE_EXCEPTION_GETSET, methods: &BASE_EXCEPTION_METHODS;
    SYSTEM_EXIT = "SystemExit": &BASE_EXCEPTION, "Request to exit from the interpreter.",
        getset: &SYSTEM_EXIT_GETSET;
    KEYBOARD_INTERRUPT = "KeyboardInterrupt": &BASE_EXCEPTION, "Program interrupted by user.";
    GENERATOR_EXIT = "GeneratorExit": &BASE_EXCEPTION, "Request that a generator exit.";
    EXCEPTION = "Exception": &BASE_EXCEPTION, "Common base class for all non-exit exceptions.";
    STOP_ITERATION = "StopIteration": &EXCEPTION, "Signal the end from iterator.__next__().",
        getset: &STOP_ITERATION_GETSET;
    STOP_ASYNC_ITERATION = "StopAsyncIteration": &EXCEPTION, "Signal the end from iterator.__anext__().";
    ARITHMETIC_ERROR = "ArithmeticError": &EXCEPTION, "Base class for arithmetic errors.";
    FLOATING_POINT_ERROR = "FloatingPointError": &ARITHMETIC_ERROR, "Floating point operation failed.";
    ZERO_DIVISION_ERROR = "ZeroDivisionError": &ARITHMETIC_ERROR, "Second argument to a division or modulo operation was zero.";
    OVERFLOW_ERROR = "OverflowError": &ARITHMETIC_ERROR, "Result too large to be represented.";
    ASSERTION_ERROR = "AssertionError": &EXCEPTION, "Assertion failed.";
    ATTRIBUTE_ERROR = "AttributeError": &EXCEPTION, "Attribute not found.",
        getset: &ATTRIBUTE_ERROR_GETSET;
    BUFFER_ERROR = "BufferError": &EXCEPTION, "Buffer error.";
    EOF_ERROR = "EOFError": &EXCEPTION, "Read beyond end of file.";
    IMPORT_ERROR = "ImportError": &EXCEPTION, "Import can't find module, or can't find name in module.",
        getset: &IMPORT_ERROR_GETSET, methods: &IMPORT_ERROR_METHODS;
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError": &IMPORT_ERROR, "Module not found.";
    LOOKUP_ERROR = "LookupError": &EXCEPTION, "Base class for lookup errors.";
    INDEX_ERROR = "IndexError": &LOOKUP_ERROR, "Sequence index out of range.";
    KEY_ERROR = "KeyError": &LOOKUP_ERROR, "Mapping key not found.";
    MEMORY_ERROR = "MemoryError": &EXCEPTION, "Out of memory.";
    NAME_ERROR = "NameError": &EXCEPTION, "Name not found globally.",
        getset: &NAME_ERROR_GETSET;
    UNBOUND_LOCAL_ERROR = "UnboundLocalError": &NAME_ERROR, "Local name referenced but not bound to a value.";
    OS_ERROR = "OSError": &EXCEPTION, "Base class for I/O related errors.",
        getset: &OS_ERROR_GETSET, methods: &OS_ERROR_METHODS;
    BLOCKING_IO_ERROR = "BlockingIOError": &OS_ERROR, "I/O operation would block.";
    CHILD_PROCESS_ERROR = "ChildProcessError": &OS_ERROR, "Child process error.";
    CONNECTION_ERROR = "ConnectionError": &OS_ERROR, "Connection error.";
    BROKEN_PIPE_ERROR = "BrokenPipeError": &CONNECTION_ERROR, "Broken pipe.";
    CONNECTION_ABORTED_ERROR = "ConnectionAbortedError": &CONNECTION_ERROR, "Connection aborted.";
    CONNECTION_REFUSED_ERROR = "ConnectionRefusedError": &CONNECTION_ERROR, "Connection refused.";
    CONNECTION_RESET_ERROR = "ConnectionResetError": &CONNECTION_ERROR, "Connection reset.";
    FILE_EXISTS_ERROR = "FileExistsError": &OS_ERROR, "File already exists.";
    FILE_NOT_FOUND_ERROR = "FileNotFoundError": &OS_ERROR, "File not found.";
    INTERRUPTED_ERROR = "InterruptedError": &OS_ERROR, "Interrupted by signal.";
    IS_A_DIRECTORY_ERROR = "IsADirectoryError": &OS_ERROR, "Operation doesn't work on directories.";
    NOT_A_DIRECTORY_ERROR = "NotADirectoryError": &OS_ERROR, "Operation only works on directories.";
    PERMISSION_ERROR = "PermissionError": &OS_ERROR, "Not enough permissions.";
    PROCESS_LOOKUP_ERROR = "ProcessLookupError": &OS_ERROR, "Process not found.";
    TIMEOUT_ERROR = "TimeoutError": &OS_ERROR, "Timeout expired.";
    REFERENCE_ERROR = "ReferenceError": &EXCEPTION, "Weak ref proxy used after referent went away.";
    RUNTIME_ERROR = "RuntimeError": &EXCEPTION, "Unspecified run-time error.";
    RECURSION_ERROR = "RecursionError": &RUNTIME_ERROR, "Recursion limit exceeded.";
    NOT_IMPLEMENTED_ERROR = "NotImplementedError": &RUNTIME_ERROR, "Method or function hasn't been implemented yet.";
    SYNTAX_ERROR = "SyntaxError": &EXCEPTION, "Invalid syntax.",
        getset: &SYNTAX_ERROR_GETSET;
    INDENTATION_ERROR = "IndentationError": &SYNTAX_ERROR, "Improper indentation.";
    TAB_ERROR = "TabError": &INDENTATION_ERROR, "Improper mixture of spaces and tabs.";
    SYSTEM_ERROR = "SystemError": &EXCEPTION, "Internal error in the Python interpreter.";
    TYPE_ERROR = "TypeError": &EXCEPTION, "Inappropriate argument type.";
    VALUE_ERROR = "ValueError": &EXCEPTION, "Inappropriate argument value (of correct type).";
    WARNING = "Warning": &EXCEPTION, "Base class for warning categories.";
    USER_WARNING = "UserWarning": &WARNING, "Base class for warnings generated by user code.";
    DEPRECATION_WARNING = "DeprecationWarning": &WARNING, "Base class for warnings about deprecated features.";
    PENDING_DEPRECATION_WARNING = "PendingDeprecationWarning": &WARNING, "Base class for warnings about features which will be deprecated in the future.";
    SYNTAX_WARNING = "SyntaxWarning": &WARNING, "Base class for warnings about dubious syntax.";
    RUNTIME_WARNING = "RuntimeWarning": &WARNING, "Base class for warnings about dubious runtime behavior.";
    FUTURE_WARNING = "FutureWarning": &WARNING, "Base class for warnings about constructs that will change semantically in the future.";
    IMPORT_WARNING = "ImportWarning": &WARNING, "Base class for warnings about probable mistakes in module imports";
    UNICODE_WARNING = "UnicodeWarning": &WARNING, "Base class for warnings about Unicode related problems, mostly related to conversion problems.";
    BYTES_WARNING = "BytesWarning": &WARNING, "Base class for warnings about bytes and buffer related problems, mostly related to conversion from str or comparing to str.";
    RESOURCE_WARNING = "ResourceWarning": &WARNING, "Base class for warnings about resource usage.";
    ENCODING_WARNING = "EncodingWarning": &WARNING, "Base class for warnings about encodings.";
}

/// Whether class `ty` (a heap type) defines its own `__init__`.
fn overrides_init(vm: &Vm, ty: &TypeObject) -> PyResult<bool> {
    Ok(ty.is_heap_type() && crate::vm::attr::defined_in_heap_class(vm, ty, "__init__")?)
}

/// The keyword arguments the `__init__` of `ty`'s class family takes (`name` and `path` for
/// ImportError, ...), with the class name CPython's message uses; `None`: no keywords.
fn keywords_of(ty: &TypeObject) -> Option<(&'static str, &'static [&'static str])> {
    if ty.is_subtype(&IMPORT_ERROR) {
        Some(("ImportError", &["name", "path"]))
    } else if ty.is_subtype(&NAME_ERROR) {
        Some(("NameError", &["name"]))
    } else if ty.is_subtype(&ATTRIBUTE_ERROR) {
        Some(("AttributeError", &["name", "obj"]))
    } else {
        None
    }
}

/// Checks the keyword arguments of an exception's `__init__`: CPython's messages for a class
/// that takes none and for an unknown keyword.
fn check_keywords(vm: &Vm, ty: &TypeObject, kwnames: Option<&ObjRef>) -> PyResult<()> {
    let Some((class, allowed)) = keywords_of(ty) else {
        return crate::vm::args::no_kwargs(vm, ty.name(), kwnames);
    };
    for n in kwnames.and_then(tuple::items).unwrap_or(&[]) {
        let n = pystr::as_str(n).unwrap_or("");
        if !allowed.contains(&n) {
            return Err(vm.type_error(&format!(
                "'{n}' is an invalid keyword argument for {class}()"
            )));
        }
    }
    Ok(())
}

pub(crate) fn exc_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    // Keyword arguments are for a class's own `__init__` (CPython's `BaseException_new` ignores
    // them; `BaseException.__init__` rejects them).
    let own_init = overrides_init(vm, ty)?;
    if !own_init {
        check_keywords(vm, ty, kwnames)?;
    }
    let (pos, named) = crate::vm::args::split_args(args, kwnames);
    if crate::objects::oserror::is_oserror(ty) && !own_init {
        return crate::objects::oserror::new_oserror(vm, ty, pos);
    }
    let exc = new_exception_raw(ty, pos.to_vec()).or_mem(vm)?;
    if !own_init {
        init_fields(vm, &exc, pos, &named)?;
    }
    Ok(exc)
}

/// `BaseException.__new__(cls, *args)` called directly: an instance holding `args`, its
/// fields unset until `__init__` runs (CPython's `BaseException_new`).
pub(crate) fn exc_new_unchecked(vm: &Vm, ty: &TypeObject, args: &[ObjRef]) -> PyResult<ObjRef> {
    new_exception_raw(ty, args.to_vec()).or_mem(vm)
}

/// Sets attribute `key` of an exception (a field of its class, such as `ImportError.name`, or
/// an instance attribute).
pub fn set_extra_attr(vm: &Vm, exc: &ObjRef, key: &str, value: ObjRef) -> PyResult<()> {
    ops::setattr(vm, exc, &vm.intern(key)?, Some(value))
}

/// `BaseException.__init__(*args)` and the `__init__` of every builtin exception class: sets
/// `args` and the class's fields.
fn exc_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let ty = this.ob_type();
    check_keywords(vm, ty, kw)?;
    let (pos, named) = crate::vm::args::split_args(args, kw);
    if crate::objects::oserror::is_oserror(ty) {
        // The arguments were parsed by `__new__` unless the class has its own `__init__`.
        if overrides_init(vm, ty)? {
            crate::objects::oserror::init_oserror(vm, this, pos)?;
        }
        return Ok(crate::objects::none::none());
    }
    if let Some(p) = payload(this) {
        let t = tuple::new_tuple(vm, pos.to_vec())?;
        drop(p.args.replace(Some(t)));
    }
    init_fields(vm, this, pos, &named)?;
    Ok(crate::objects::none::none())
}
