//! `code`: a compiled code object, built from the compiler's [`CodeUnit`] with its constants,
//! names and tables stored in the interpreter's heap.

use crate::compiler::code::{CodeUnit, Constant, ExceptionEntry, LineEntry};
use crate::compiler::opcode::Instr;
use crate::object::{
    new_object, GetSetDef, HeapAlloc, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, float, int, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
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

fn heap_vec<T: Clone>(vm: &Vm, items: &[T]) -> PyResult<HVec<T, HeapAlloc>> {
    let mut v = HVec::new_in(HeapAlloc);
    v.try_reserve_exact(items.len())
        .map_err(|_| vm.memory_error_err())?;
    v.extend(items.iter().cloned());
    Ok(v)
}

fn str_tuple(vm: &Vm, names: &[String]) -> PyResult<ObjRef> {
    let items: PyResult<Vec<ObjRef>> = names.iter().map(|n| vm.intern(n)).collect();
    tuple::new_tuple(vm, items?)
}

/// Turns a compile-time constant into an object.
pub fn constant_to_object(vm: &Vm, c: &Constant) -> PyResult<ObjRef> {
    Ok(match c {
        Constant::None => none::none(),
        Constant::Bool(b) => boolobj::new_bool(*b),
        Constant::Int(i) => int::new_bigint(vm, i)?,
        Constant::Float(f) => float::new_float(vm, *f)?,
        Constant::Str(s) => pystr::new_str_vm(vm, s)?,
        Constant::Ellipsis => none::ellipsis(),
        Constant::Tuple(items) => {
            let objs: PyResult<Vec<ObjRef>> =
                items.iter().map(|c| constant_to_object(vm, c)).collect();
            tuple::new_tuple(vm, objs?)?
        }
        Constant::Code(unit) => new_code(vm, unit)?,
        Constant::Complex(re, im) => crate::objects::complex::new_complex(vm, *re, *im)?,
        Constant::Bytes(b) => crate::objects::bytes::new_bytes(vm, b)?,
    })
}

/// Builds a code object (and its nested code objects) from the compiler's output.
pub fn new_code(vm: &Vm, unit: &CodeUnit) -> PyResult<ObjRef> {
    let consts: PyResult<Vec<ObjRef>> = unit
        .consts
        .iter()
        .map(|c| constant_to_object(vm, c))
        .collect();
    let payload = CodeObject {
        instructions: heap_vec(vm, &unit.instructions)?,
        consts: tuple::new_tuple(vm, consts?)?,
        names: str_tuple(vm, &unit.names)?,
        varnames: str_tuple(vm, &unit.varnames)?,
        cellvars: str_tuple(vm, &unit.cellvars)?,
        freevars: str_tuple(vm, &unit.freevars)?,
        name: vm.intern(&unit.name)?,
        qualname: pystr::new_str_vm(vm, &unit.qualname)?,
        filename: pystr::new_str_vm(vm, &unit.filename)?,
        firstlineno: unit.firstlineno,
        argcount: unit.argcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        flags: unit.flags,
        stacksize: unit.stacksize,
        cell2arg: heap_vec(vm, &unit.cell2arg)?,
        linetable: heap_vec(vm, &unit.linetable)?,
        exceptiontable: heap_vec(vm, &unit.exceptiontable)?,
    };
    new_object(&CODE_TYPE, payload).or_mem(vm)
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
