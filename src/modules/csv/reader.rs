//! `_csv.reader`: iterates over lines of text and parses them into lists of fields.
//!
//! The parser is CPython's state machine: one character at a time, with a pseudo-character
//! for the end of each line (`None` below), so that a quoted field may span lines. A record's
//! state lives only for one `__next__` call; between calls the reader keeps its input
//! iterator, its dialect and the count of lines read.

use super::dialect::{payload, DialectObj};
use super::{csv_error, field_limit, QUOTE_NONE, QUOTE_NONNUMERIC};
use crate::object::{
    new_object, GetSetDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{float, int, list, str as pystr};
use crate::vm::error::AllocResultExt;
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// The payload of a reader.
pub struct ReaderObj {
    /// The iterator lines come from.
    input: ObjCell,
    /// The `Dialect` in use.
    dialect: ObjCell,
    /// Lines read so far (`line_num`).
    line_num: Cell<i64>,
}

impl PyPayload for ReaderObj {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.input, &self.dialect]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`input`, `dialect`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for ReaderObj {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.input.traverse(visit);
        self.dialect.traverse(visit);
    }
}

static READER_VTABLE: PayloadVTable = PayloadVTable::of::<ReaderObj>();

/// `reader(iterable, dialect, **fmtparams)`: the input iterator first, then the dialect.
pub fn new_reader(
    vm: &Vm,
    iterable: &ObjRef,
    dialect: Option<&ObjRef>,
    kwargs: &[(&str, &ObjRef)],
) -> PyResult<ObjRef> {
    let input = ops::iter(vm, iterable)?;
    let dialect = super::dialect::call_dialect(vm, dialect, kwargs)?;
    new_object(
        &READER_TYPE,
        ReaderObj {
            input: ObjCell::new(Some(input)),
            dialect: ObjCell::new(Some(dialect)),
            line_num: Cell::new(0),
        },
    )
    .or_mem(vm)
}

/// Where the parser is within a record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrNl,
    AfterEscapedCrNl,
}

/// The state of one record being parsed.
struct Parser<'a> {
    d: &'a DialectObj,
    state: State,
    /// The current field's text.
    field: String,
    /// Its length in characters (checked against the field size limit).
    field_len: usize,
    /// The current field is unquoted under `QUOTE_NONNUMERIC`: it becomes a float.
    numeric: bool,
    /// The fields parsed so far (a list).
    fields: ObjRef,
}

fn is_crnl(c: Option<char>) -> bool {
    matches!(c, Some('\n' | '\r'))
}

impl<'a> Parser<'a> {
    fn new(vm: &Vm, d: &'a DialectObj) -> PyResult<Parser<'a>> {
        Ok(Parser {
            d,
            state: State::StartRecord,
            field: String::new(),
            field_len: 0,
            numeric: false,
            fields: list::new_list(vm, Vec::new())?,
        })
    }

    fn add_char(&mut self, vm: &Vm, c: char) -> PyResult<()> {
        let limit = field_limit();
        if self.field_len as i64 >= limit {
            return Err(csv_error(
                vm,
                &format!("field larger than field limit ({limit})"),
            ));
        }
        self.field.grow(vm, c.len_utf8())?;
        self.field.push(c);
        self.field_len += 1;
        Ok(())
    }

    fn save_field(&mut self, vm: &Vm) -> PyResult<()> {
        let mut value = pystr::new_str_vm(vm, &self.field)?;
        self.field.clear();
        self.field_len = 0;
        if self.numeric {
            self.numeric = false;
            value = float::to_float(vm, &value)?;
        }
        list::append(vm, &self.fields, value)
    }

    /// Ends the record at a line end (`None`: the end of a line's text).
    fn end_line(&mut self, vm: &Vm, c: Option<char>) -> PyResult<()> {
        self.save_field(vm)?;
        self.state = if c.is_none() {
            State::StartRecord
        } else {
            State::EatCrNl
        };
        Ok(())
    }

    fn quoting_on(&self) -> bool {
        self.d.quoting != QUOTE_NONE
    }

    /// Feeds one character (`None`: end of line).
    fn process(&mut self, vm: &Vm, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        match self.state {
            State::StartRecord => {
                if c.is_none() {
                    return Ok(());
                }
                if is_crnl(c) {
                    self.state = State::EatCrNl;
                    return Ok(());
                }
                self.state = State::StartField;
                self.start_field(vm, c)
            }
            State::StartField => self.start_field(vm, c),
            State::EscapedChar => {
                if let Some(ch @ ('\n' | '\r')) = c {
                    self.add_char(vm, ch)?;
                    self.state = State::AfterEscapedCrNl;
                    return Ok(());
                }
                self.add_char(vm, c.unwrap_or('\n'))?;
                self.state = State::InField;
                Ok(())
            }
            State::AfterEscapedCrNl => {
                if c.is_none() {
                    return Ok(());
                }
                self.in_field(vm, c)
            }
            State::InField => self.in_field(vm, c),
            State::InQuotedField => {
                match c {
                    None => {}
                    Some(ch) if Some(ch) == d.escapechar => {
                        self.state = State::EscapeInQuotedField;
                    }
                    Some(ch) if Some(ch) == d.quotechar && self.quoting_on() => {
                        self.state = if d.doublequote {
                            State::QuoteInQuotedField
                        } else {
                            State::InField
                        };
                    }
                    Some(ch) => self.add_char(vm, ch)?,
                }
                Ok(())
            }
            State::EscapeInQuotedField => {
                self.add_char(vm, c.unwrap_or('\n'))?;
                self.state = State::InQuotedField;
                Ok(())
            }
            State::QuoteInQuotedField => {
                if self.quoting_on() && c.is_some() && c == d.quotechar {
                    self.add_char(vm, c.unwrap_or('"'))?;
                    self.state = State::InQuotedField;
                } else if c == Some(d.delimiter) {
                    self.save_field(vm)?;
                    self.state = State::StartField;
                } else if c.is_none() || is_crnl(c) {
                    self.end_line(vm, c)?;
                } else if !d.strict {
                    self.add_char(vm, c.unwrap_or(' '))?;
                    self.state = State::InField;
                } else {
                    return Err(csv_error(
                        vm,
                        &format!(
                            "'{}' expected after '{}'",
                            d.delimiter,
                            d.quotechar.unwrap_or('"')
                        ),
                    ));
                }
                Ok(())
            }
            State::EatCrNl => {
                if is_crnl(c) {
                    Ok(())
                } else if c.is_none() {
                    self.state = State::StartRecord;
                    Ok(())
                } else {
                    Err(csv_error(
                        vm,
                        "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?",
                    ))
                }
            }
        }
    }

    fn start_field(&mut self, vm: &Vm, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        let Some(ch) = c.filter(|ch| *ch != '\n' && *ch != '\r') else {
            return self.end_line(vm, c);
        };
        if Some(ch) == d.quotechar && self.quoting_on() {
            self.state = State::InQuotedField;
        } else if Some(ch) == d.escapechar {
            self.state = State::EscapedChar;
        } else if ch == ' ' && d.skipinitialspace {
        } else if ch == d.delimiter {
            self.save_field(vm)?;
        } else {
            if d.quoting == QUOTE_NONNUMERIC {
                self.numeric = true;
            }
            self.add_char(vm, ch)?;
            self.state = State::InField;
        }
        Ok(())
    }

    fn in_field(&mut self, vm: &Vm, c: Option<char>) -> PyResult<()> {
        let d = self.d;
        let Some(ch) = c.filter(|ch| *ch != '\n' && *ch != '\r') else {
            return self.end_line(vm, c);
        };
        if Some(ch) == d.escapechar {
            self.state = State::EscapedChar;
        } else if ch == d.delimiter {
            self.save_field(vm)?;
            self.state = State::StartField;
        } else {
            self.add_char(vm, ch)?;
        }
        Ok(())
    }
}

fn reader_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a ReaderObj> {
    obj.downcast::<ReaderObj>()
        .ok_or_else(|| vm.type_error("expected a _csv.reader"))
}

fn reader_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    let r = reader_state(vm, obj)?;
    let (Some(input), Some(dialect)) = (r.input.get(), r.dialect.get()) else {
        return Ok(None);
    };
    let d = payload(vm, &dialect)?;
    let mut p = Parser::new(vm, d)?;
    loop {
        let Some(line) = ops::next(vm, &input)? else {
            if p.field_len != 0 || p.state == State::InQuotedField {
                if d.strict {
                    return Err(csv_error(vm, "unexpected end of data"));
                }
                p.save_field(vm)?;
                break;
            }
            return Ok(None);
        };
        let Some(text) = pystr::as_str(&line) else {
            return Err(csv_error(
                vm,
                &format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    line.ob_type().name()
                ),
            ));
        };
        r.line_num.set(r.line_num.get() + 1);
        for c in text.chars() {
            p.process(vm, Some(c))?;
        }
        p.process(vm, None)?;
        if p.state == State::StartRecord {
            break;
        }
    }
    Ok(Some(p.fields))
}

fn reader_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let r = reader_state(vm, obj)?;
    match name {
        "dialect" => Ok(r.dialect.get()),
        "line_num" => int::new_int(vm, r.line_num.get()).map(Some),
        _ => Ok(None),
    }
}

static READER_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "dialect",
        get: reader_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "line_num",
        get: reader_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

/// `_csv.reader` (the type; `_csv.Reader` in the module).
pub static READER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &READER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_csv.reader",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &READER_VTABLE,
    slots: Slots {
        iter: Some(crate::modules::itertools::self_iter),
        next: Some(reader_next),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "CSV reader: iterating over it parses the lines of its input into lists of fields.",
};
