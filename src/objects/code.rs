//! `code`: a compiled code object, its constants, names and tables stored in the interpreter's
//! heap. The interpreter builds one from the compiler's output (`vm::code_unit`).

use crate::bytecode::{ExceptionEntry, Instr, LineEntry};
use crate::object::{
    GetSetDef, HeapAlloc, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, str as pystr, tuple};
use crate::vm::{PyResult, Vm};
use allocator_api2::vec::Vec as HVec;

/// Payload of a code object.
pub struct CodeObject {
    /// The instructions.
    pub instructions: HVec<Instr, HeapAlloc>,
    /// `co_consts` (a tuple).
    pub consts: ObjRef,
    /// `co_names` (a tuple of interned str).
    pub names: ObjRef,
    /// `co_varnames` (a tuple of str).
    pub varnames: ObjRef,
    /// `co_cellvars` (a tuple of str).
    pub cellvars: ObjRef,
    /// `co_freevars` (a tuple of str).
    pub freevars: ObjRef,
    /// `co_name`.
    pub name: ObjRef,
    /// `co_qualname`.
    pub qualname: ObjRef,
    /// `co_filename`.
    pub filename: ObjRef,
    /// `co_firstlineno`.
    pub firstlineno: u32,
    /// `co_argcount`.
    pub argcount: u32,
    /// `co_posonlyargcount`.
    pub posonlyargcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonlyargcount: u32,
    /// `co_flags`.
    pub flags: u32,
    /// `co_stacksize`.
    pub stacksize: u32,
    /// Which cell variables are arguments (see `CodeUnit::cell2arg`).
    pub cell2arg: HVec<Option<u32>, HeapAlloc>,
    /// Line table.
    pub linetable: HVec<LineEntry, HeapAlloc>,
    /// Exception table.
    pub exceptiontable: HVec<ExceptionEntry, HeapAlloc>,
}

impl PyPayload for CodeObject {
    // Code objects hold only constants, which cannot form cycles.
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(CodeObject);

static CODE_VTABLE: PayloadVTable = PayloadVTable::of::<CodeObject>();

impl CodeObject {
    /// The source line of instruction `index`.
    pub fn line_of(&self, index: usize) -> Option<u32> {
        let index = index as u32;
        self.linetable
            .iter()
            .find(|e| e.start <= index && index < e.end)
            .map(|e| e.line)
    }

    /// Number of fast-local slots (locals, then cells, then free variables).
    pub fn nlocalsplus(&self) -> usize {
        [&self.varnames, &self.cellvars, &self.freevars]
            .iter()
            .map(|t| tuple::items(t).map_or(0, |i| i.len()))
            .sum()
    }
}

fn code_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let c = obj
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("expected code"))?;
    let s = format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        pystr::as_str(&c.name).unwrap_or("?"),
        obj.addr(),
        pystr::as_str(&c.filename).unwrap_or("?"),
        c.firstlineno
    );
    pystr::new_str_vm(vm, &s)
}

fn code_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(c) = obj.downcast::<CodeObject>() else {
        return Ok(None);
    };
    let int = |v: u32| int::new_int(vm, v as i64);
    Ok(Some(match name {
        "co_name" => c.name.clone(),
        "co_qualname" => c.qualname.clone(),
        "co_filename" => c.filename.clone(),
        "co_firstlineno" => int(c.firstlineno)?,
        "co_argcount" => int(c.argcount)?,
        "co_posonlyargcount" => int(c.posonlyargcount)?,
        "co_kwonlyargcount" => int(c.kwonlyargcount)?,
        "co_flags" => int(c.flags)?,
        "co_stacksize" => int(c.stacksize)?,
        "co_nlocals" => int(tuple::items(&c.varnames).map_or(0, |v| v.len()) as u32)?,
        "co_varnames" => c.varnames.clone(),
        "co_cellvars" => c.cellvars.clone(),
        "co_freevars" => c.freevars.clone(),
        "co_names" => c.names.clone(),
        "co_consts" => c.consts.clone(),
        _ => return Ok(None),
    }))
}

/// The data attributes of `code`, in CPython's order (read-only members, then getsets).
/// CPython's `co_code`, `co_linetable`, `co_exceptiontable`, `co_lnotab` and `_co_code_adaptive`
/// are left out: this interpreter's instructions and tables are not CPython's bytes.
static CODE_GETSET: [GetSetDef; 15] = {
    use crate::objects::getset::readonly;
    const fn member(name: &'static str) -> GetSetDef {
        GetSetDef {
            name,
            get: code_getattr,
            set: Some(readonly),
        }
    }
    const fn getset(name: &'static str) -> GetSetDef {
        GetSetDef {
            name,
            get: code_getattr,
            set: None,
        }
    }
    [
        member("co_argcount"),
        member("co_posonlyargcount"),
        member("co_kwonlyargcount"),
        member("co_stacksize"),
        member("co_flags"),
        member("co_nlocals"),
        member("co_consts"),
        member("co_names"),
        member("co_filename"),
        member("co_name"),
        member("co_qualname"),
        member("co_firstlineno"),
        getset("co_varnames"),
        getset("co_cellvars"),
        getset("co_freevars"),
    ]
};

/// `code`.
pub static CODE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &CODE_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "code",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &CODE_VTABLE,
    slots: Slots {
        repr: Some(code_repr),
        getattr: Some(code_getattr),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Create a code object.  Not for the faint of heart.",
};
