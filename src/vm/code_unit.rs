//! From the compiler's output to the heap: a [`CodeUnit`] (plain Rust data) becomes a `code`
//! object whose constants, names and tables live in the interpreter's heap. This lives on the
//! interpreter's side so that the object types never import the compiler.

use crate::compiler::code::{CodeUnit, Constant};
use crate::object::{new_object, HeapAlloc, ObjRef};
use crate::objects::code::{CodeObject, CODE_TYPE};
use crate::objects::{boolobj, float, int, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use allocator_api2::vec::Vec as HVec;

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
        Constant::StrSurrogates(b) => {
            pystr::new_str_wtf8_vm(vm, crate::objects::wtf8::Wtf8::from_bytes_trusted(b))?
        }
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
    let varnames = str_tuple(vm, &unit.varnames)?;
    let cellvars = str_tuple(vm, &unit.cellvars)?;
    let freevars = str_tuple(vm, &unit.freevars)?;
    let localsplus = crate::objects::code::localsplus(&varnames, &cellvars, &freevars);
    let payload = CodeObject {
        instructions: heap_vec(vm, &unit.instructions)?,
        consts: tuple::new_tuple(vm, consts?)?,
        names: str_tuple(vm, &unit.names)?,
        varnames,
        cellvars,
        freevars,
        name: vm.intern(&unit.name)?,
        qualname: pystr::new_str_vm(vm, &unit.qualname)?,
        filename: pystr::new_str_vm(vm, &unit.filename)?,
        firstlineno: unit.firstlineno,
        argcount: unit.argcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        flags: unit.flags,
        stacksize: unit.stacksize,
        localsplus,
        cell2arg: heap_vec(vm, &unit.cell2arg)?,
        linetable: heap_vec(vm, &unit.linetable)?,
        exceptiontable: heap_vec(vm, &unit.exceptiontable)?,
        quick: Default::default(),
    };
    new_object(&CODE_TYPE, payload).or_mem(vm)
}
