//! `frame` objects: what `sys._getframe()`, `inspect.currentframe()` and a traceback's
//! `tb_frame` see.
//!
//! A running frame lives on the Rust stack of the evaluation loop (`vm::frame::Frame`); a frame
//! *object* is made when Python code asks for one, as CPython materializes a `PyFrameObject`
//! only on demand. It holds the code, the globals, the line and instruction it stood at, and
//! the frame's locals: the namespace dict of a module or class body, or for a function a
//! snapshot of its fast locals (values and their slots), turned into the `f_locals` dict on
//! first use. The snapshot is exact for a traceback's frame (taken as the exception left it)
//! and for the frame that called `sys._getframe()`; an outer function frame that is suspended
//! in a call shows the locals known when its object was made (see `vm::frames`).

use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::code::CodeObject;
use crate::objects::none::{is_none, none};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{cell, dict, int, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

/// Payload of a frame object.
pub struct FrameObject {
    code: ObjCell,
    globals: ObjCell,
    /// The `f_locals` dict: a module's or class body's namespace, or the dict built from
    /// `fast_values` on first use.
    locals: ObjCell,
    /// A function frame's fast locals that had values: a tuple, in slot order.
    fast_values: ObjCell,
    /// The slot (index into varnames + cellvars + freevars) of each of `fast_values`.
    fast_slots: Vec<u32>,
    back: ObjCell,
    trace: ObjCell,
    lineno: Cell<u32>,
    /// The instruction index the frame stood at.
    lasti: Cell<usize>,
}

impl PyPayload for FrameObject {
    const IS_CONTAINER: bool = true;

    fn clear(&self) -> Vec<ObjRef> {
        [
            &self.globals,
            &self.locals,
            &self.fast_values,
            &self.back,
            &self.trace,
        ]
        .into_iter()
        .filter_map(|c| c.replace(None))
        .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (its cells), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for FrameObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.code.traverse(visit);
        self.globals.traverse(visit);
        self.locals.traverse(visit);
        self.fast_values.traverse(visit);
        self.back.traverse(visit);
        self.trace.traverse(visit);
    }
}

static FRAME_VTABLE: PayloadVTable = PayloadVTable::of::<FrameObject>();

/// The locals a new frame object starts with.
pub enum FrameLocals<'a> {
    /// A module's or class body's namespace dict.
    Namespace(ObjRef),
    /// A function's fast locals (`None` where unbound), in slot order.
    Fast(&'a [Option<ObjRef>]),
    /// Unknown (an outer frame suspended in a call): `f_locals` is empty.
    Unknown,
}

/// A frame object for `code` running with `globals`, at instruction `lasti`.
pub fn new_frame(
    vm: &Vm,
    code: &ObjRef,
    globals: &ObjRef,
    locals: FrameLocals<'_>,
    lasti: usize,
) -> PyResult<ObjRef> {
    let c = code
        .downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("frame needs a code object"))?;
    let lineno = c.line_of(lasti).unwrap_or(c.firstlineno);
    let (ns, values, slots) = match locals {
        FrameLocals::Namespace(d) => (Some(d), None, Vec::new()),
        FrameLocals::Fast(fast) => {
            let mut values = Vec::new();
            let mut slots = Vec::new();
            for (i, v) in fast.iter().enumerate() {
                if let Some(v) = v {
                    values.push(v.clone());
                    slots.push(i as u32);
                }
            }
            (None, Some(tuple::new_tuple(vm, values)?), slots)
        }
        FrameLocals::Unknown => (None, None, Vec::new()),
    };
    let f = FrameObject {
        code: ObjCell::new(Some(code.clone())),
        globals: ObjCell::new(Some(globals.clone())),
        locals: ObjCell::new(ns),
        fast_values: ObjCell::new(values),
        fast_slots: slots,
        back: ObjCell::new(None),
        trace: ObjCell::new(None),
        lineno: Cell::new(lineno),
        lasti: Cell::new(lasti),
    };
    new_object(&FRAME_TYPE, f).or_mem(vm)
}

/// Links `frame.f_back` to `back`.
pub fn set_back(frame: &ObjRef, back: ObjRef) {
    if let Some(f) = frame.downcast::<FrameObject>() {
        drop(f.back.replace(Some(back)));
    }
}

/// The code object of a frame object.
pub fn code_of(frame: &ObjRef) -> Option<ObjRef> {
    frame.downcast::<FrameObject>().and_then(|f| f.code.get())
}

/// Sets `f_lineno` of a frame object (the line its frame left from).
pub fn set_lineno(frame: &ObjRef, line: u32) {
    if let Some(f) = frame.downcast::<FrameObject>() {
        f.lineno.set(line);
    }
}

/// `f_back` of a frame object.
pub fn back_of(frame: &ObjRef) -> Option<ObjRef> {
    frame.downcast::<FrameObject>().and_then(|f| f.back.get())
}

/// The instruction index a frame object stood at.
pub fn lasti_of(frame: &ObjRef) -> usize {
    frame.downcast::<FrameObject>().map_or(0, |f| f.lasti.get())
}

/// `f_lasti` (and `tb_lasti`): the byte offset of the frame's instruction in CPython's layout
/// of the code (`code_bytes`, where `co_code` and `co_positions()` count), so
/// `co_positions()` indexed by half of it gives the instruction's location.
pub fn lasti_offset(frame: &ObjRef) -> i64 {
    let Some(f) = frame.downcast::<FrameObject>() else {
        return 0;
    };
    let index = f.lasti.get();
    match f.code.get() {
        Some(code) => match code.downcast::<crate::objects::code::CodeObject>() {
            Some(c) => {
                crate::objects::code_bytes::Layout::new(&c.instructions).opcode_offset(index)
            }
            None => 2 * index as i64,
        },
        None => 2 * index as i64,
    }
}

/// `f_locals`: the namespace, or the dict of the fast locals (cells show their contents).
fn locals_dict(vm: &Vm, f: &FrameObject) -> PyResult<ObjRef> {
    if let Some(d) = f.locals.get() {
        return Ok(d);
    }
    let d = dict::new_dict_vm(vm)?;
    if let (Some(values), Some(code)) = (f.fast_values.get(), f.code.get()) {
        let c = code
            .downcast::<CodeObject>()
            .ok_or_else(|| vm.type_error("frame without a code object"))?;
        let nvars = tuple::items(&c.varnames).map_or(0, |v| v.len());
        let items = tuple::items(&values).unwrap_or(&[]);
        for (v, &slot) in items.iter().zip(&f.fast_slots) {
            let slot = slot as usize;
            let v = if slot >= nvars {
                match cell::get(v) {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                v.clone()
            };
            dict::set_str(vm, &d, &crate::vm::eval::slot_name(c, slot), v)?;
        }
    }
    drop(f.locals.replace(Some(d.clone())));
    Ok(d)
}

fn frame_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let Some(f) = obj.downcast::<FrameObject>() else {
        return Ok(None);
    };
    let or_none = |c: &ObjCell| c.get().unwrap_or_else(none);
    Ok(Some(match name {
        "f_code" => or_none(&f.code),
        "f_globals" => or_none(&f.globals),
        "f_builtins" => match f.globals.get() {
            Some(g) => match dict::get_str(vm, &g, "__builtins__")? {
                Some(b) => match crate::objects::module::module_dict(&b) {
                    Some(d) => d,
                    None => b,
                },
                None => crate::objects::module::module_dict(&vm.builtins).unwrap_or_else(none),
            },
            None => none(),
        },
        "f_locals" => locals_dict(vm, f)?,
        "f_back" => or_none(&f.back),
        "f_lineno" => int::new_int(vm, f.lineno.get() as i64)?,
        "f_lasti" => int::new_int(vm, lasti_offset(obj))?,
        "f_trace" => or_none(&f.trace),
        "f_trace_lines" => crate::objects::boolobj::new_bool(true),
        "f_trace_opcodes" => crate::objects::boolobj::new_bool(false),
        _ => return Ok(None),
    }))
}

fn frame_set_trace(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let f = obj
        .downcast::<FrameObject>()
        .ok_or_else(|| vm.type_error("expected a frame"))?;
    let value = value.filter(|v| !is_none(v));
    drop(f.trace.replace(value));
    Ok(())
}

fn frame_set_flag(vm: &Vm, _obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    match value {
        Some(v) if crate::objects::boolobj::as_bool(&v).is_some() => Ok(()),
        _ => Err(vm.type_error("attribute value type must be bool")),
    }
}

fn frame_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let f = obj
        .downcast::<FrameObject>()
        .ok_or_else(|| vm.type_error("expected a frame"))?;
    let (file, name) = match f.code.get() {
        Some(code) => match code.downcast::<CodeObject>() {
            Some(c) => (
                pystr::as_str(&c.filename).unwrap_or("?").to_string(),
                pystr::as_str(&c.name).unwrap_or("?").to_string(),
            ),
            None => (String::from("?"), String::from("?")),
        },
        None => (String::from("?"), String::from("?")),
    };
    let file = crate::vm::ops::repr_string(vm, &pystr::new_str_vm(vm, &file)?)?;
    pystr::new_str_vm(
        vm,
        &format!(
            "<frame at {:#x}, file {file}, line {}, code {name}>",
            obj.addr(),
            f.lineno.get()
        ),
    )
}

/// `frame.clear()`: drops the locals (CPython refuses for a running frame; a frame object here
/// is a snapshot, so it always may).
fn m_clear(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "clear", kw)?;
    crate::vm::args::check_count(vm, "clear", args, 0, 0)?;
    if let Some(f) = this.downcast::<FrameObject>() {
        let old = (f.fast_values.replace(None), f.trace.replace(None));
        let is_namespace = f.fast_slots.is_empty() && f.locals.get().is_some();
        if !is_namespace {
            drop(f.locals.replace(None));
        }
        drop(old);
    }
    Ok(none())
}

static FRAME_METHODS: [crate::object::MethodDef; 1] = [crate::object::MethodDef {
    name: "clear",
    func: m_clear,
    flags: 0,
}];

macro_rules! ro {
    ($name:literal) => {
        crate::object::GetSetDef {
            name: $name,
            get: frame_getattr,
            set: Some(crate::objects::getset::readonly),
        }
    };
}

static FRAME_GETSET: [crate::object::GetSetDef; 10] = [
    ro!("f_code"),
    ro!("f_globals"),
    ro!("f_builtins"),
    ro!("f_locals"),
    ro!("f_back"),
    ro!("f_lineno"),
    ro!("f_lasti"),
    crate::object::GetSetDef {
        name: "f_trace",
        get: frame_getattr,
        set: Some(frame_set_trace),
    },
    crate::object::GetSetDef {
        name: "f_trace_lines",
        get: frame_getattr,
        set: Some(frame_set_flag),
    },
    crate::object::GetSetDef {
        name: "f_trace_opcodes",
        get: frame_getattr,
        set: Some(frame_set_flag),
    },
];

/// `frame`.
pub static FRAME_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &FRAME_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "frame",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &FRAME_VTABLE,
    slots: Slots {
        repr: Some(frame_repr),
        getattr: Some(frame_getattr),
        ..Slots::EMPTY
    },
    methods: &FRAME_METHODS,
    doc: "",
};
