//! The builtin exception hierarchy and exception instances.

use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, ObjVec, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};
use arenapy_allocators::AllocError;

pub use super::exception_group::{BASE_EXCEPTION_GROUP, EXCEPTION_GROUP};

/// A reference to an exception type.
pub type ExcType = &'static TypeObject;

/// Payload of an exception instance.
pub struct ExceptionObject {
    /// `args` (a tuple).
    pub args: ObjCell,
    /// Traceback entries, innermost last: tuples `(filename, lineno, name)`.
    pub traceback: ObjVec,
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
}

impl PyPayload for ExceptionObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = self.traceback.take_all();
        out.extend(self.args.replace(None));
        out.extend(self.cause.replace(None));
        out.extend(self.context.replace(None));
        out.extend(self.dict.replace(None));
        out.extend(self.group.replace(None));
        out
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`args`, `traceback`, `cause`, `context`,
// `dict`, `group`), each once, and does nothing else.
unsafe impl crate::object::Traverse for ExceptionObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.args.traverse(visit);
        self.traceback.traverse(visit);
        self.cause.traverse(visit);
        self.context.traverse(visit);
        self.dict.traverse(visit);
        self.group.traverse(visit);
    }
}

/// The payload vtable every exception type shares.
pub(crate) static EXC_VTABLE: PayloadVTable = PayloadVTable::of::<ExceptionObject>();

/// A new exception instance of type `ty` with `args`.
pub fn new_exception(ty: &TypeObject, args: Vec<ObjRef>) -> Result<ObjRef, AllocError> {
    let args = crate::object::new_var_object(&tuple::TUPLE_TYPE, tuple::TupleObject, args)?;
    new_object(
        ty,
        ExceptionObject {
            args: ObjCell::new(Some(args)),
            traceback: ObjVec::new(),
            cause: ObjCell::new(None),
            context: ObjCell::new(None),
            suppress_context: std::cell::Cell::new(false),
            dict: ObjCell::new(None),
            group: ObjCell::new(None),
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
/// base name, when the location attributes are set.
fn syntax_error_str(vm: &Vm, exc: &ObjRef) -> PyResult<Option<String>> {
    let Some(d) = payload(exc).and_then(|p| p.dict.get()) else {
        return Ok(None);
    };
    let get = |k: &str| crate::objects::dict::get_str(vm, &d, k);
    let Some(msg) = get("msg")? else {
        return Ok(None);
    };
    let msg = ops::str_string(vm, &msg)?;
    let filename = get("filename")?.and_then(|f| pystr::as_str(&f).map(str::to_string));
    let lineno = get("lineno")?.and_then(|l| crate::objects::int::as_i64(&l));
    let base = filename.map(|f| f.rsplit('/').next().unwrap_or(&f).to_string());
    Ok(Some(match (base, lineno) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    }))
}

fn exc_str(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
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

pub(crate) fn exc_getattr(_vm: &Vm, exc: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(p) = payload(exc) else {
        return Ok(None);
    };
    let none = crate::objects::none::none;
    if let Some(d) = p.dict.get() {
        if let Some(v) = crate::objects::dict::get_str(_vm, &d, name)? {
            return Ok(Some(v));
        }
    }
    Ok(match name {
        "name" | "path" | "name_from" if exc.is_instance(&IMPORT_ERROR) => Some(none()),
        "args" => Some(p.args.get().unwrap_or_else(none)),
        "__cause__" => Some(p.cause.get().unwrap_or_else(none)),
        "__context__" => Some(p.context.get().unwrap_or_else(none)),
        "__suppress_context__" => Some(crate::objects::boolobj::new_bool(p.suppress_context.get())),
        // StopIteration.value: the first argument (CPython sets it in `StopIteration_init`).
        "value" if exc.is_instance(&STOP_ITERATION) => {
            let args = p.args.get();
            let first = args
                .as_ref()
                .and_then(tuple::items)
                .and_then(|a| a.first().cloned());
            Some(first.unwrap_or_else(none))
        }
        // OSError.errno / strerror / filename: from `(errno, strerror)` arguments.
        "errno" | "strerror" | "filename" | "filename2" if exc.is_instance(&OS_ERROR) => {
            let args = p.args.get();
            let items = args.as_ref().and_then(tuple::items).unwrap_or(&[]);
            match (name, items) {
                ("errno", [e, _, ..]) => Some(e.clone()),
                ("strerror", [_, s, ..]) => Some(s.clone()),
                _ => Some(none()),
            }
        }
        // SystemExit.code: None, the one argument, or the arguments tuple.
        "code" if exc.is_instance(&SYSTEM_EXIT) => {
            let args = p.args.get();
            match args.as_ref().and_then(tuple::items) {
                None | Some([]) => Some(none()),
                Some([one]) => Some(one.clone()),
                Some(_) => args,
            }
        }
        "__dict__" => Some(match p.dict.get() {
            Some(d) => d,
            None => {
                let d = crate::objects::dict::new_dict_vm(_vm)?;
                drop(p.dict.replace(Some(d.clone())));
                d
            }
        }),
        "__traceback__" => Some(crate::objects::traceback::from_entries(
            _vm,
            p.traceback.snapshot(),
        )?),
        _ => None,
    })
}

/// The first argument of an exception (None without arguments): `StopIteration.value`,
/// `SystemExit.code`.
pub fn first_arg(exc: &ObjRef) -> ObjRef {
    payload(exc)
        .and_then(|p| p.args.get())
        .and_then(|a| tuple::items(&a).and_then(|i| i.first().cloned()))
        .unwrap_or_else(crate::objects::none::none)
}

fn exc_setattr(vm: &Vm, exc: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let p = payload(exc).ok_or_else(|| vm.type_error("expected an exception"))?;
    let n = crate::objects::str::as_str(name).unwrap_or("");
    match n {
        "__cause__" => {
            let v = value.filter(|v| !crate::objects::none::is_none(v));
            drop(p.cause.replace(v));
            p.suppress_context.set(true);
            return Ok(());
        }
        "__traceback__" => {
            let Some(v) = value else {
                return Err(vm.type_error("__traceback__ may not be deleted"));
            };
            let entries = crate::objects::traceback::entries_of(vm, &v)?;
            let old = p
                .traceback
                .replace_all(entries)
                .map_err(|(e, _)| vm.alloc_err(e))?;
            drop(old);
            return Ok(());
        }
        "__context__" => {
            drop(
                p.context
                    .replace(value.filter(|v| !crate::objects::none::is_none(v))),
            );
            return Ok(());
        }
        "__suppress_context__" => {
            p.suppress_context
                .set(value.is_some_and(|v| crate::vm::ops::truthy(vm, &v).unwrap_or(false)));
            return Ok(());
        }
        "args" => {
            let v = value.ok_or_else(|| vm.type_error("args may not be deleted"))?;
            let t =
                crate::objects::tuple::new_tuple(vm, crate::vm::ops::collect_iterable(vm, &v)?)?;
            drop(p.args.replace(Some(t)));
            return Ok(());
        }
        _ => {}
    }
    if exc.ob_type().is_heap_type() {
        return crate::vm::attr::dict_setattr(vm, exc, name, value);
    }
    let d = match p.dict.get() {
        Some(d) => d,
        None => {
            let d = crate::objects::dict::new_dict_vm(vm)?;
            drop(p.dict.replace(Some(d.clone())));
            d
        }
    };
    match value {
        Some(v) => crate::objects::dict::set_item(vm, &d, name.clone(), v),
        None => {
            if crate::objects::dict::del_item(vm, &d, name)? {
                Ok(())
            } else {
                Err(crate::vm::attr::no_attribute(vm, exc, n))
            }
        }
    }
}

fn m_with_traceback(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [tb] = args else {
        return Err(vm.type_error("with_traceback() takes exactly one argument"));
    };
    if let Some(p) = payload(this) {
        let entries = crate::objects::traceback::entries_of(vm, tb)?;
        let old = p
            .traceback
            .replace_all(entries)
            .map_err(|(e, _)| vm.alloc_err(e))?;
        drop(old);
    }
    Ok(this.clone())
}

fn m_add_note(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [note] = args else {
        return Err(vm.type_error("add_note() takes exactly one argument"));
    };
    if crate::objects::str::as_str(note).is_none() {
        return Err(vm.type_error(&format!(
            "note must be a str, not '{}'",
            note.ob_type().name()
        )));
    }
    let key = vm.intern("__notes__")?;
    let notes = match crate::vm::ops::getattr(vm, this, "__notes__") {
        Ok(n) => n,
        Err(_) => {
            let l = crate::objects::list::new_list(vm, Vec::new())?;
            crate::vm::ops::setattr(vm, this, &key, Some(l.clone()))?;
            l
        }
    };
    crate::objects::list::append(vm, &notes, note.clone())?;
    Ok(crate::objects::none::none())
}

pub(crate) static EXC_METHODS: [crate::object::MethodDef; 3] = [
    crate::object::MethodDef {
        name: "__init__",
        func: exc_init,
    },
    crate::object::MethodDef {
        name: "with_traceback",
        func: m_with_traceback,
    },
    crate::object::MethodDef {
        name: "add_note",
        func: m_add_note,
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

macro_rules! exception_types {
    ($($name:ident = $text:literal : $base:expr, $doc:literal;)*) => {
        $(
            #[doc = concat!("`", $text, "`.")]
            pub static $name: TypeObject = TypeObject {
                header: ObjHeader::immortal(&TYPE_TYPE),
                getset: &[],
                ready: crate::object::typeobj::StaticIndex::NEW,
                name: $text,
                base: Some($base),
                flags: crate::object::typeobj::tpflags::BASETYPE
                    | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
                payload: &EXC_VTABLE,
                slots: EXC_SLOTS,
                methods: &EXC_METHODS,
                doc: $doc,
            };
        )*

        /// Every builtin exception type, for the builtins namespace.
        pub static ALL: &[&TypeObject] = &[$(&$name,)* &BASE_EXCEPTION_GROUP, &EXCEPTION_GROUP];
    };
}

exception_types! {
    BASE_EXCEPTION = "BaseException": &OBJECT_TYPE, "Common base class for all exceptions";
    SYSTEM_EXIT = "SystemExit": &BASE_EXCEPTION, "Request to exit from the interpreter.";
    KEYBOARD_INTERRUPT = "KeyboardInterrupt": &BASE_EXCEPTION, "Program interrupted by user.";
    GENERATOR_EXIT = "GeneratorExit": &BASE_EXCEPTION, "Request that a generator exit.";
    EXCEPTION = "Exception": &BASE_EXCEPTION, "Common base class for all non-exit exceptions.";
    STOP_ITERATION = "StopIteration": &EXCEPTION, "Signal the end from iterator.__next__().";
    STOP_ASYNC_ITERATION = "StopAsyncIteration": &EXCEPTION, "Signal the end from iterator.__anext__().";
    ARITHMETIC_ERROR = "ArithmeticError": &EXCEPTION, "Base class for arithmetic errors.";
    FLOATING_POINT_ERROR = "FloatingPointError": &ARITHMETIC_ERROR, "Floating point operation failed.";
    ZERO_DIVISION_ERROR = "ZeroDivisionError": &ARITHMETIC_ERROR, "Second argument to a division or modulo operation was zero.";
    OVERFLOW_ERROR = "OverflowError": &ARITHMETIC_ERROR, "Result too large to be represented.";
    ASSERTION_ERROR = "AssertionError": &EXCEPTION, "Assertion failed.";
    ATTRIBUTE_ERROR = "AttributeError": &EXCEPTION, "Attribute not found.";
    BUFFER_ERROR = "BufferError": &EXCEPTION, "Buffer error.";
    EOF_ERROR = "EOFError": &EXCEPTION, "Read beyond end of file.";
    IMPORT_ERROR = "ImportError": &EXCEPTION, "Import can't find module, or can't find name in module.";
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError": &IMPORT_ERROR, "Module not found.";
    LOOKUP_ERROR = "LookupError": &EXCEPTION, "Base class for lookup errors.";
    INDEX_ERROR = "IndexError": &LOOKUP_ERROR, "Sequence index out of range.";
    KEY_ERROR = "KeyError": &LOOKUP_ERROR, "Mapping key not found.";
    MEMORY_ERROR = "MemoryError": &EXCEPTION, "Out of memory.";
    NAME_ERROR = "NameError": &EXCEPTION, "Name not found globally.";
    UNBOUND_LOCAL_ERROR = "UnboundLocalError": &NAME_ERROR, "Local name referenced but not bound to a value.";
    OS_ERROR = "OSError": &EXCEPTION, "Base class for I/O related errors.";
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
    SYNTAX_ERROR = "SyntaxError": &EXCEPTION, "Invalid syntax.";
    INDENTATION_ERROR = "IndentationError": &SYNTAX_ERROR, "Improper indentation.";
    TAB_ERROR = "TabError": &INDENTATION_ERROR, "Improper mixture of spaces and tabs.";
    SYSTEM_ERROR = "SystemError": &EXCEPTION, "Internal error in the Python interpreter.";
    TYPE_ERROR = "TypeError": &EXCEPTION, "Inappropriate argument type.";
    VALUE_ERROR = "ValueError": &EXCEPTION, "Inappropriate argument value (of correct type).";
    UNICODE_ERROR = "UnicodeError": &VALUE_ERROR, "Unicode related error.";
    UNICODE_DECODE_ERROR = "UnicodeDecodeError": &UNICODE_ERROR, "Unicode decoding error.";
    UNICODE_ENCODE_ERROR = "UnicodeEncodeError": &UNICODE_ERROR, "Unicode encoding error.";
    UNICODE_TRANSLATE_ERROR = "UnicodeTranslateError": &UNICODE_ERROR, "Unicode translation error.";
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

pub(crate) fn exc_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    // Keyword arguments are for a class's own `__init__` (CPython's `BaseException_new` ignores
    // them; `BaseException.__init__` rejects them).
    let overrides_init = ty.is_heap_type()
        && matches!(
            crate::vm::attr::type_lookup(vm, ty, "__init__")?,
            Some(crate::vm::attr::Found::Value(_))
        );
    let is_import_error = ty.is_subtype(&IMPORT_ERROR);
    if !overrides_init && !is_import_error {
        crate::vm::args::no_kwargs(vm, ty.name(), kwnames)?;
    }
    let (pos, named) = crate::vm::args::split_args(args, kwnames);
    if crate::objects::oserror::is_oserror(ty) {
        return crate::objects::oserror::new_oserror(vm, ty, pos);
    }
    let exc = vm.new_error_args(ty, pos.to_vec()).exc;
    if is_import_error && !overrides_init {
        import_error_keywords(vm, ty.name(), kwnames)?;
        for (k, v) in named {
            set_extra_attr(vm, &exc, k, v.clone())?;
        }
    }
    Ok(exc)
}

/// Sets an attribute kept in the exception's `__dict__` (`ImportError.name`, ...).
pub fn set_extra_attr(vm: &Vm, exc: &ObjRef, key: &str, value: ObjRef) -> PyResult<()> {
    let Some(p) = payload(exc) else {
        return Ok(());
    };
    let d = match p.dict.get() {
        Some(d) => d,
        None => {
            let d = crate::objects::dict::new_dict_vm(vm)?;
            drop(p.dict.replace(Some(d.clone())));
            d
        }
    };
    crate::objects::dict::set_str(vm, &d, key, value)
}

/// Checks the keywords of `ImportError(*args, name=None, path=None)`: the two CPython's
/// `ImportError_init` takes (it stores them as attributes).
fn import_error_keywords(vm: &Vm, type_name: &str, kwnames: Option<&ObjRef>) -> PyResult<()> {
    let names: Vec<String> = kwnames
        .and_then(tuple::items)
        .unwrap_or(&[])
        .iter()
        .map(|n| crate::objects::str::as_str(n).unwrap_or("").to_string())
        .collect();
    for n in &names {
        if n != "name" && n != "path" {
            return Err(vm.type_error(&format!(
                "'{n}' is an invalid keyword argument for {type_name}()"
            )));
        }
    }
    Ok(())
}

/// `BaseException.__init__(*args)`: sets `args`.
fn exc_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let args = if this.is_instance(&IMPORT_ERROR) {
        import_error_keywords(vm, this.ob_type().name(), kw)?;
        let (pos, named) = crate::vm::args::split_args(args, kw);
        for (k, v) in named {
            set_extra_attr(vm, this, k, v.clone())?;
        }
        pos
    } else {
        crate::vm::args::no_kwargs(vm, this.ob_type().name(), kw)?;
        args
    };
    if let Some(p) = payload(this) {
        let t = tuple::new_tuple(vm, args.to_vec())?;
        drop(p.args.replace(Some(t)));
    }
    Ok(crate::objects::none::none())
}
