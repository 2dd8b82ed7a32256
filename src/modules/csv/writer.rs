//! `_csv.writer`: turns sequences of values into delimited lines and passes each to the
//! output's `write` method.
//!
//! A record is assembled in a Rust buffer grown through the heap's checks: each field is
//! scanned once to decide whether it needs quotes (and to escape what must be escaped), then
//! written with them; the line is handed to `write` as one `str`.

use super::dialect::{payload, DialectObj};
use super::{csv_error, QUOTE_ALL, QUOTE_NONE, QUOTE_NONNUMERIC};
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};

/// The payload of a writer.
pub struct WriterObj {
    /// The output's bound `write` method.
    write: ObjCell,
    /// The `Dialect` in use.
    dialect: ObjCell,
}

impl PyPayload for WriterObj {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.write, &self.dialect]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`write`, `dialect`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for WriterObj {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.write.traverse(visit);
        self.dialect.traverse(visit);
    }
}

static WRITER_VTABLE: PayloadVTable = PayloadVTable::of::<WriterObj>();

/// `writer(fileobj, dialect, **fmtparams)`: the `write` method first, then the dialect.
pub fn new_writer(
    vm: &Vm,
    file: &ObjRef,
    dialect: Option<&ObjRef>,
    kwargs: &[(&str, &ObjRef)],
) -> PyResult<ObjRef> {
    let write = match ops::getattr(vm, file, "write") {
        Ok(w) => Some(w),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => None,
        Err(e) => return Err(e),
    };
    let write = match write {
        Some(w) if ops::is_callable(vm, &w)? => w,
        _ => return Err(vm.type_error("argument 1 must have a \"write\" method")),
    };
    let dialect = super::dialect::call_dialect(vm, dialect, kwargs)?;
    new_object(
        &WRITER_TYPE,
        WriterObj {
            write: ObjCell::new(Some(write)),
            dialect: ObjCell::new(Some(dialect)),
        },
    )
    .or_mem(vm)
}

/// A record being assembled.
struct Record<'a> {
    d: &'a DialectObj,
    /// The line terminator's text.
    terminator: &'a str,
    text: String,
    /// Fields appended so far.
    num_fields: usize,
}

impl Record<'_> {
    fn push(&mut self, vm: &Vm, c: char) -> PyResult<()> {
        self.text.grow(vm, c.len_utf8())?;
        self.text.push(c);
        Ok(())
    }

    /// Appends one field (`None`: an empty one), quoted if `quoted` or if its characters
    /// need it.
    fn append(&mut self, vm: &Vm, field: Option<&str>, mut quoted: bool) -> PyResult<()> {
        let d = self.d;
        let field = field.unwrap_or("");
        let mut body = String::new();
        body.grow(vm, field.len())?;
        for c in field.chars() {
            let special = c == d.delimiter
                || Some(c) == d.escapechar
                || Some(c) == d.quotechar
                || self.terminator.contains(c);
            if special {
                let mut want_escape = false;
                if d.quoting == QUOTE_NONE {
                    want_escape = true;
                } else {
                    if Some(c) == d.quotechar {
                        if d.doublequote {
                            body.grow(vm, c.len_utf8())?;
                            body.push(c);
                        } else {
                            want_escape = true;
                        }
                    } else if Some(c) == d.escapechar {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    let Some(esc) = d.escapechar else {
                        return Err(csv_error(vm, "need to escape, but no escapechar set"));
                    };
                    body.grow(vm, esc.len_utf8())?;
                    body.push(esc);
                }
            }
            body.grow(vm, c.len_utf8())?;
            body.push(c);
        }
        if self.num_fields > 0 {
            self.push(vm, d.delimiter)?;
        }
        let quote = d.quotechar.filter(|_| quoted);
        if let Some(q) = quote {
            self.push(vm, q)?;
        }
        crate::vm::storage::push_str(vm, &mut self.text, &body)?;
        if let Some(q) = quote {
            self.push(vm, q)?;
        }
        self.num_fields += 1;
        Ok(())
    }
}

/// Whether `obj` is a number for `QUOTE_NONNUMERIC` (CPython's `PyNumber_Check`: `__index__`,
/// `__int__` or `__float__`, or a complex). A class's slots all dispatch to its special
/// methods, so for instances of classes the methods themselves are looked up.
fn is_number(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    let ty = obj.ob_type();
    if ty.is_subtype(&crate::objects::complex::COMPLEX_TYPE) {
        return Ok(true);
    }
    if !ty.is_heap_type() {
        let n = &ty.slots.number;
        return Ok(n.index.is_some() || n.int.is_some() || n.float.is_some());
    }
    for name in ["__index__", "__int__", "__float__"] {
        if ops::lookup_special(vm, obj, name)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn writer_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a WriterObj> {
    obj.downcast::<WriterObj>()
        .ok_or_else(|| vm.type_error("expected a _csv.writer"))
}

/// Writes one row; returns what `write` returned.
fn write_row(vm: &Vm, obj: &ObjRef, row: &ObjRef) -> PyResult<ObjRef> {
    let w = writer_state(vm, obj)?;
    let (Some(write), Some(dialect)) = (w.write.get(), w.dialect.get()) else {
        return Err(vm.type_error("writer was cleared"));
    };
    let d = payload(vm, &dialect)?;
    let iter = match ops::iter(vm, row) {
        Ok(it) => it,
        Err(e) if e.matches(&exceptions::TYPE_ERROR) => {
            return Err(csv_error(
                vm,
                &format!("iterable expected, not {}", row.ob_type().name()),
            ))
        }
        Err(e) => return Err(e),
    };
    let terminator = pystr::as_str(&d.lineterminator).unwrap_or("\r\n");
    let mut rec = Record {
        d,
        terminator,
        text: String::new(),
        num_fields: 0,
    };
    while let Some(field) = ops::next(vm, &iter)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(vm, &field)?,
            QUOTE_ALL => true,
            _ => false,
        };
        if let Some(s) = pystr::as_str(&field) {
            rec.append(vm, Some(s), quoted)?;
        } else if none::is_none(&field) {
            rec.append(vm, None, quoted)?;
        } else {
            let s = ops::str(vm, &field)?;
            rec.append(vm, pystr::as_str(&s), quoted)?;
        }
    }
    if rec.num_fields > 0 && rec.text.is_empty() {
        if d.quoting == QUOTE_NONE {
            return Err(csv_error(vm, "single empty field record must be quoted"));
        }
        rec.num_fields -= 1;
        rec.append(vm, None, true)?;
    }
    crate::vm::storage::push_str(vm, &mut rec.text, terminator)?;
    let line = pystr::new_str_vm(vm, &rec.text)?;
    ops::call(vm, &write, &[line], None)
}

fn writer_writerow(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [row] = parse::<1>(vm, "writer.writerow", Sig::One, args, kw)?;
    write_row(vm, obj, &row.unwrap_or_else(none::none))
}

fn writer_writerows(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [rows] = parse::<1>(vm, "writer.writerows", Sig::One, args, kw)?;
    let rows = ops::iter(vm, &rows.unwrap_or_else(none::none))?;
    while let Some(row) = ops::next(vm, &rows)? {
        write_row(vm, obj, &row)?;
    }
    Ok(none::none())
}

static WRITER_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "writerow",
        func: writer_writerow,
        flags: 0,
    },
    MethodDef {
        name: "writerows",
        func: writer_writerows,
        flags: 0,
    },
];

fn writer_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let w = writer_state(vm, obj)?;
    match name {
        "dialect" => Ok(w.dialect.get()),
        _ => Ok(None),
    }
}

static WRITER_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "dialect",
    get: writer_getattr,
    set: Some(crate::objects::getset::readonly),
}];

/// `_csv.writer` (the type; `_csv.Writer` in the module).
pub static WRITER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &WRITER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_csv.writer",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &WRITER_VTABLE,
    slots: Slots::EMPTY,
    methods: &WRITER_METHODS,
    doc:
        "CSV writer: writerow() and writerows() format rows and pass them to the output's write().",
};
