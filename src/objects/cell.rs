//! `cell`: a variable shared between a function and the functions nested in it.

use crate::object::CompareOp;
use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a cell.
pub struct CellObject {
    contents: ObjCell,
}

impl PyPayload for CellObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.contents.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`contents`), each once, and does nothing else.
unsafe impl crate::object::Traverse for CellObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.contents.traverse(visit)
    }
}

static CELL_VTABLE: PayloadVTable = PayloadVTable::of::<CellObject>();

/// A new cell holding `value` (empty for `None`).
pub fn new_cell(vm: &Vm, value: Option<ObjRef>) -> PyResult<ObjRef> {
    new_object(
        &CELL_TYPE,
        CellObject {
            contents: ObjCell::new(value),
        },
    )
    .or_mem(vm)
}

/// The contents of a cell (`None` when empty or not a cell).
pub fn get(cell: &ObjRef) -> Option<ObjRef> {
    cell.downcast::<CellObject>().and_then(|c| c.contents.get())
}

/// Replaces the contents of a cell, returning the old value for the caller to drop.
pub fn set(cell: &ObjRef, value: Option<ObjRef>) -> Option<ObjRef> {
    cell.downcast::<CellObject>()
        .and_then(|c| c.contents.replace(value))
}

fn cell_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let s = match get(obj) {
        None => format!("<cell at {:#x}: empty>", obj.addr()),
        Some(v) => format!(
            "<cell at {:#x}: {} object at {:#x}>",
            obj.addr(),
            v.ob_type().name(),
            v.addr()
        ),
    };
    crate::objects::str::new_str_vm(vm, &s)
}

fn cell_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if b.downcast::<CellObject>().is_none() {
        return Ok(crate::objects::none::not_implemented());
    }
    match (get(a), get(b)) {
        (Some(x), Some(y)) => ops::richcompare(vm, &x, &y, op),
        (x, y) => {
            let ord = x.is_some().cmp(&y.is_some());
            let r = match op {
                CompareOp::Lt => ord.is_lt(),
                CompareOp::Le => ord.is_le(),
                CompareOp::Eq => ord.is_eq(),
                CompareOp::Ne => ord.is_ne(),
                CompareOp::Gt => ord.is_gt(),
                CompareOp::Ge => ord.is_ge(),
                CompareOp::AlmostEq => return Ok(crate::objects::none::not_implemented()),
            };
            Ok(crate::objects::boolobj::new_bool(r))
        }
    }
}

fn cell_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    if name == "cell_contents" {
        return match get(obj) {
            Some(v) => Ok(Some(v)),
            None => Err(vm.value_error("Cell is empty")),
        };
    }
    Ok(None)
}

/// `cell.cell_contents = v` / `del cell.cell_contents` (which empties it).
fn cell_set_contents(
    _vm: &Vm,
    obj: &ObjRef,
    _name: &ObjRef,
    value: Option<ObjRef>,
) -> PyResult<()> {
    drop(set(obj, value));
    Ok(())
}

/// The data attribute of `cell`.
static CELL_GETSET: [crate::object::GetSetDef; 1] = [crate::object::GetSetDef {
    name: "cell_contents",
    get: cell_getattr,
    set: Some(cell_set_contents),
}];

/// `cell`.
pub static CELL_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &CELL_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "cell",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &CELL_VTABLE,
    slots: Slots {
        repr: Some(cell_repr),
        richcompare: Some(cell_richcompare),
        getattr: Some(cell_getattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a new cell object.",
};
