//! `traceback` objects: what `exc.__traceback__`, `sys.exc_info()[2]` and `__exit__` see.
//!
//! An exception keeps its traceback as a list of entries, outermost frame first, each a tuple
//! `(filename, line, function name, frame object)` (see `vm::unwind`). A traceback object is a
//! view of that list from one entry on: `tb_next` is the view from the next entry, so walking
//! `tb_next` visits the frames outermost first, as in CPython.

use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::none::{is_none, none};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};

/// Payload of a traceback object.
pub struct TracebackObject {
    /// The entries (a tuple); cleared only by the cycle collector.
    entries: ObjCell,
    /// The entry this object stands for.
    index: usize,
    /// `tb_next` once assigned (a traceback or `None`), replacing the view of the next entry.
    next: ObjCell,
    /// Whether `tb_next` was assigned.
    next_set: std::cell::Cell<bool>,
}

impl PyPayload for TracebackObject {
    // Entries hold frame locals, which may hold this object.
    const IS_CONTAINER: bool = true;

    fn clear(&self) -> Vec<ObjRef> {
        [self.entries.replace(None), self.next.replace(None)]
            .into_iter()
            .flatten()
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`entries`), each once, and does nothing else.
unsafe impl crate::object::Traverse for TracebackObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.entries.traverse(visit);
        self.next.traverse(visit);
    }
}

static TRACEBACK_VTABLE: PayloadVTable = PayloadVTable::of::<TracebackObject>();

/// A traceback for `entries` (outermost first), or `None` when there are none.
pub fn from_entries(vm: &Vm, entries: Vec<ObjRef>) -> PyResult<ObjRef> {
    if entries.is_empty() {
        return Ok(none());
    }
    let entries = tuple::new_tuple(vm, entries)?;
    new_traceback(vm, entries, 0)
}

fn new_traceback(vm: &Vm, entries: ObjRef, index: usize) -> PyResult<ObjRef> {
    let tb = TracebackObject {
        entries: ObjCell::new(Some(entries)),
        index,
        next: ObjCell::new(None),
        next_set: std::cell::Cell::new(false),
    };
    new_object(&TRACEBACK_TYPE, tb).or_mem(vm)
}

/// The entries from a traceback object's own on, for `__traceback__ = tb`; `None` gives none.
/// Anything else is CPython's `TypeError`.
pub fn entries_of(vm: &Vm, value: &ObjRef) -> PyResult<Vec<ObjRef>> {
    if is_none(value) {
        return Ok(Vec::new());
    }
    let Some(tb) = value.downcast::<TracebackObject>() else {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    };
    let entries = tb.entries.get();
    let items = entries.as_ref().and_then(tuple::items).unwrap_or(&[]);
    Ok(items.get(tb.index..).unwrap_or(&[]).to_vec())
}

fn entry(tb: &TracebackObject) -> Option<(ObjRef, Vec<ObjRef>)> {
    let entries = tb.entries.get()?;
    let item = tuple::items(&entries)?.get(tb.index)?.clone();
    let fields = tuple::items(&item)?.to_vec();
    Some((entries, fields))
}

fn traceback_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(tb) = obj.downcast::<TracebackObject>() else {
        return Ok(None);
    };
    let Some((entries, fields)) = entry(tb) else {
        return Ok(None);
    };
    Ok(Some(match name {
        "tb_next" if tb.next_set.get() => tb.next.get().unwrap_or_else(none),
        "tb_next" => {
            // Made once and kept, so the chain is made of the same objects on every walk
            // (and `tb_next` assignments along it stick, as unittest's trimming needs).
            let next = if tb.index + 1 < tuple::items(&entries).map_or(0, |i| i.len()) {
                new_traceback(vm, entries, tb.index + 1)?
            } else {
                none()
            };
            drop(tb.next.replace(Some(next.clone())));
            tb.next_set.set(true);
            next
        }
        "tb_lineno" => fields.get(1).cloned().unwrap_or(int::new_int(vm, 0)?),
        "tb_frame" => fields.get(3).cloned().unwrap_or_else(none),
        "tb_lasti" => {
            let lasti = fields
                .get(3)
                .map_or(0, crate::objects::frameobj::lasti_offset);
            int::new_int(vm, lasti)?
        }
        _ => return Ok(None),
    }))
}

/// `tb.tb_next = other` (a traceback or `None`; CPython refuses loops).
fn set_tb_next(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let Some(tb) = obj.downcast::<TracebackObject>() else {
        return Err(vm.type_error("expected a traceback"));
    };
    let Some(value) = value else {
        return Err(vm.type_error("can't delete tb_next attribute"));
    };
    if !is_none(&value) {
        if value.downcast::<TracebackObject>().is_none() {
            return Err(vm.type_error(&format!(
                "expected traceback object or None, got '{}'",
                value.ob_type().name()
            )));
        }
        // Walk the new chain: reaching this object would make a loop.
        let mut cur = Some(value.clone());
        while let Some(t) = cur {
            if t.addr() == obj.addr() {
                return Err(vm.value_error("traceback loop detected"));
            }
            let next = crate::vm::ops::getattr(vm, &t, "tb_next")?;
            cur = (!is_none(&next)).then_some(next);
        }
    }
    drop(tb.next.replace(Some(value)));
    tb.next_set.set(true);
    Ok(())
}

fn traceback_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    pystr::new_str_vm(vm, &format!("<traceback object at {:#x}>", obj.addr()))
}

/// The data attributes of `traceback`. `tb_lasti` is the instruction's byte offset in CPython's
/// layout of the code (`code_bytes`); `tb_next` cannot be assigned: a traceback is a view of
/// the exception's entries.
static TRACEBACK_GETSET: [crate::object::GetSetDef; 4] = [
    crate::object::GetSetDef {
        name: "tb_frame",
        get: traceback_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "tb_lasti",
        get: traceback_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "tb_next",
        get: traceback_getattr,
        set: Some(set_tb_next),
    },
    crate::object::GetSetDef {
        name: "tb_lineno",
        get: traceback_getattr,
        set: None,
    },
];

/// `traceback`.
pub static TRACEBACK_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &TRACEBACK_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "traceback",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &TRACEBACK_VTABLE,
    slots: Slots {
        repr: Some(traceback_repr),
        getattr: Some(traceback_getattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a new traceback object.",
};
