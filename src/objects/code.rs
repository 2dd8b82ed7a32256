//! `code`: a compiled code object, its constants, names and tables stored in the interpreter's
//! heap. The interpreter builds one from the compiler's output (`vm::code_unit`).

use crate::bytecode::{ExceptionEntry, Instr, LineEntry};
use crate::object::{
    new_object, GetSetDef, HeapAlloc, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::code_bytes::Layout;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, exceptions, int, iter, none, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
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
    /// Fast locals, cells and free variables together (CPython's `co_nlocalsplus`): the
    /// lengths of `varnames`, `cellvars` and `freevars`, kept so a call does not count them.
    pub localsplus: u32,
    /// Which cell variables are arguments (see `CodeUnit::cell2arg`).
    pub cell2arg: HVec<Option<u32>, HeapAlloc>,
    /// Line table.
    pub linetable: HVec<LineEntry, HeapAlloc>,
    /// Exception table.
    pub exceptiontable: HVec<ExceptionEntry, HeapAlloc>,
    /// The specializing interpreter's state: warm-up count, then inline caches (numbers
    /// only, no references; see `vm::specialize`).
    pub quick: crate::vm::specialize::Quickened,
}

/// Code objects freed so far in the process: a freed code object's address can be reused by
/// a new one, so caches keyed on code addresses (the allocation tracers' frame positions)
/// start again empty when this changes.
static CODE_FREES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Drop for CodeObject {
    fn drop(&mut self) {
        CODE_FREES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// How many code objects have been freed so far (see [`CODE_FREES`]).
#[inline]
pub fn code_frees() -> u64 {
    CODE_FREES.load(std::sync::atomic::Ordering::Relaxed)
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
        // The table is ordered by `start` and its ranges do not overlap: the entry that can
        // hold `index` is the last one starting at or before it.
        let index = index as u32;
        let after = self.linetable.partition_point(|e| e.start <= index);
        let e = self.linetable.get(after.checked_sub(1)?)?;
        (index < e.end).then_some(e.line)
    }

    /// Number of fast-local slots (locals, then cells, then free variables).
    #[inline]
    pub fn nlocalsplus(&self) -> usize {
        self.localsplus as usize
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
        "co_code" => crate::objects::bytes::new_bytes(vm, &Layout::new(&c.instructions).code())?,
        "_co_code_adaptive" => {
            // Each instruction's current form under CPython 3.11's specialized numbers.
            let entries = c.quick.entries();
            let form = |k: usize| {
                let e = entries?.get(k)?;
                let op = c.instructions[k].op;
                crate::vm::specialize::cpython_number(op, e.form.get()).or_else(|| {
                    let next = c.instructions.get(k + 1)?;
                    crate::vm::specialize::superinstruction(op, next.op, next.arg)
                })
            };
            crate::objects::bytes::new_bytes(vm, &Layout::new(&c.instructions).code_with(form))?
        }
        "co_exceptiontable" => {
            let table = Layout::new(&c.instructions).exception_table(&c.exceptiontable);
            crate::objects::bytes::new_bytes(vm, &table)?
        }
        "co_linetable" => {
            let locs = instruction_locations(c);
            let table = Layout::new(&c.instructions).line_table(&locs, c.firstlineno);
            crate::objects::bytes::new_bytes(vm, &table)?
        }
        _ => return Ok(None),
    }))
}

/// The data attributes of `code`, in CPython's order (read-only members, then getsets).
/// `co_code`, `_co_code_adaptive`, `co_linetable` and `co_exceptiontable` are the instructions
/// and tables translated to CPython 3.11's byte formats (`code_bytes`); `co_lnotab` is left out.
static CODE_GETSET: [GetSetDef; 19] = {
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
        member("co_linetable"),
        member("co_exceptiontable"),
        getset("co_code"),
        getset("_co_code_adaptive"),
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
        hash: Some(code_hash),
        richcompare: Some(code_richcompare),
        getattr: Some(code_getattr),
        ..Slots::EMPTY
    },
    methods: &CODE_METHODS,
    doc: "Create a code object.  Not for the faint of heart.",
};

fn this_code<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a CodeObject> {
    obj.downcast::<CodeObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a 'code' object"))
}

fn opt_int(vm: &Vm, v: Option<u32>) -> PyResult<ObjRef> {
    match v {
        Some(v) => int::new_int(vm, v as i64),
        None => Ok(none::none()),
    }
}

/// The location of each instruction (arenapy's `LineEntry` runs, spread out); `None` where
/// an instruction has none.
fn instruction_locations(c: &CodeObject) -> Vec<Option<LineEntry>> {
    let mut out = vec![None; c.instructions.len()];
    for e in c.linetable.iter() {
        for slot in out.iter_mut().take(e.end as usize).skip(e.start as usize) {
            *slot = Some(*e);
        }
    }
    out
}

/// `code.co_lines()`: `(start, end, line)` over byte offsets of CPython's layout (caches
/// included, see `code_bytes`), one range per instruction as CPython 3.11's location table
/// has one entry per instruction.
fn code_co_lines(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(vm, "co_lines", crate::vm::argparse::Sig::NoArgs, args, kw)?;
    let c = this_code(vm, this)?;
    let layout = Layout::new(&c.instructions);
    let mut ranges: Vec<(u32, u32, Option<u32>)> = Vec::with_capacity(c.instructions.len());
    for (i, e) in instruction_locations(c).into_iter().enumerate() {
        let (start, end) = (layout.starts[i] * 2, layout.starts[i + 1] * 2);
        let line = e.map(|e| e.line);
        ranges.push((start, end, line));
    }
    let mut items = Vec::new();
    for (start, end, line) in ranges {
        let t = vec![
            int::new_int(vm, i64::from(start))?,
            int::new_int(vm, i64::from(end))?,
            opt_int(vm, line)?,
        ];
        items.push(tuple::new_tuple(vm, t)?);
    }
    let items = tuple::new_tuple(vm, items)?;
    iter::new_tuple_iter_of_type(vm, &iter::LINE_ITER_TYPE, &items)
}

/// `code.co_positions()`: `(line, end_line, col, end_col)` for each code unit of CPython's
/// layout (an instruction's prefixes and caches share its location); all `None` for an
/// instruction with no location.
fn code_co_positions(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "co_positions",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let c = this_code(vm, this)?;
    let layout = Layout::new(&c.instructions);
    let mut items = Vec::new();
    for (i, e) in instruction_locations(c).into_iter().enumerate() {
        let t = vec![
            opt_int(vm, e.map(|e| e.line))?,
            opt_int(vm, e.map(|e| e.end_line))?,
            opt_int(vm, e.map(|e| e.col))?,
            opt_int(vm, e.map(|e| e.end_col))?,
        ];
        let t = tuple::new_tuple(vm, t)?;
        for _ in 0..layout.size(i) {
            items.push(t.clone());
        }
    }
    let items = tuple::new_tuple(vm, items)?;
    iter::new_tuple_iter_of_type(vm, &iter::POSITIONS_ITER_TYPE, &items)
}

/// `code._varname_from_oparg(i)`: the name of fast-local slot `i` (arenapy's numbering:
/// locals, then cells, then free variables).
fn code_varname_from_oparg(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [oparg] = crate::vm::argparse::parse::<1>(
        vm,
        "_varname_from_oparg",
        crate::vm::argparse::Sig::Kw {
            names: &["oparg"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let c = this_code(vm, this)?;
    let i = crate::vm::argparse::index_arg(vm, oparg.as_ref().unwrap_or(&none::none()))?;
    let names = [&c.varnames, &c.cellvars, &c.freevars]
        .into_iter()
        .flat_map(|t| tuple::items(t).unwrap_or(&[]).iter());
    match usize::try_from(i).ok().and_then(|i| names.clone().nth(i)) {
        Some(n) => Ok(n.clone()),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

const REPLACE_NAMES: [&str; 18] = [
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

fn replace_int(vm: &Vm, name: &str, v: &ObjRef) -> PyResult<u32> {
    let n = crate::vm::argparse::index_arg(vm, v)?;
    if n > i32::MAX as i64 || n < i32::MIN as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if n < 0 {
        return Err(vm.value_error(&format!("{name} must be a positive integer")));
    }
    Ok(n as u32)
}

fn replace_typed(vm: &Vm, name: &str, v: &ObjRef, ty: &TypeObject) -> PyResult<()> {
    if std::ptr::eq(v.ob_type(), ty) || v.ob_type().is_subtype(ty) {
        return Ok(());
    }
    Err(vm.type_error(&format!(
        "replace() argument '{name}' must be {}, not {}",
        ty.name(),
        v.ob_type().name()
    )))
}

fn tuple_len(t: &ObjRef) -> usize {
    tuple::items(t).map_or(0, |i| i.len())
}

/// `code.replace(**changes)`: a copy with the given `co_*` fields replaced, with CPython's
/// argument checks. arenapy's code objects hold instructions and tables that are not CPython's
/// bytes, so `co_code`, `co_linetable` and `co_exceptiontable` are checked but cannot be
/// replaced (ValueError); and since the instructions index the name tables, `co_varnames`,
/// `co_cellvars` and `co_freevars` must keep their lengths and `co_consts` and `co_names`
/// may not shrink.
fn code_replace(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = crate::vm::args::split_args(args, kw);
    if !pos.is_empty() {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    let c = this_code(vm, this)?;
    let mut given: [Option<&ObjRef>; 18] = [None; 18];
    for (k, v) in kws {
        match REPLACE_NAMES.iter().position(|n| *n == k) {
            Some(i) => given[i] = Some(v),
            None => {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for replace()"
                )))
            }
        }
    }
    let nvarnames = tuple_len(&c.varnames) as u32;
    let mut ints = [
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        nvarnames,
        c.stacksize,
        c.flags,
        c.firstlineno,
    ];
    let mut objs = [
        c.consts.clone(),
        c.names.clone(),
        c.varnames.clone(),
        c.freevars.clone(),
        c.cellvars.clone(),
        c.filename.clone(),
        c.name.clone(),
        c.qualname.clone(),
    ];
    for (i, (name, v)) in REPLACE_NAMES.iter().zip(given).enumerate() {
        let Some(v) = v else { continue };
        match i {
            0..=6 => ints[i] = replace_int(vm, name, v)?,
            7 | 16 | 17 => replace_typed(vm, name, v, &crate::objects::bytes::BYTES_TYPE)?,
            8..=12 => {
                replace_typed(vm, name, v, &tuple::TUPLE_TYPE)?;
                objs[i - 8] = v.clone();
            }
            _ => {
                replace_typed(vm, name, v, &pystr::STR_TYPE)?;
                objs[i - 8] = v.clone();
            }
        }
    }
    for t in &objs[1..5] {
        if tuple::items(t)
            .unwrap_or(&[])
            .iter()
            .any(|n| !pystr::is_str(n))
        {
            return Err(vm.new_error(&exceptions::SYSTEM_ERROR, "non-string found in code slot"));
        }
    }
    let [argcount, posonly, kwonly, nlocals, stacksize, flags, firstlineno] = ints;
    let [consts, names, varnames, freevars, cellvars, filename, name, qualname] = objs;
    let star = |f: u32| u64::from(flags & f != 0);
    let needed = u64::from(argcount)
        + u64::from(kwonly)
        + star(crate::bytecode::flags::VARARGS)
        + star(crate::bytecode::flags::VARKEYWORDS);
    if needed > tuple_len(&varnames) as u64 {
        return Err(vm.value_error("code: co_varnames is too small"));
    }
    if nlocals as usize != tuple_len(&varnames) {
        return Err(vm.value_error("code: co_nlocals != len(co_varnames)"));
    }
    for (i, what) in [
        (7, "co_code"),
        (16, "co_linetable"),
        (17, "co_exceptiontable"),
    ] {
        if given[i].is_some() {
            return Err(vm.value_error(&format!(
                "replace(): {what} cannot be replaced in this interpreter"
            )));
        }
    }
    let same_len = [
        (&varnames, &c.varnames, "co_varnames"),
        (&cellvars, &c.cellvars, "co_cellvars"),
        (&freevars, &c.freevars, "co_freevars"),
    ];
    for (new, old, what) in same_len {
        if tuple_len(new) != tuple_len(old) {
            return Err(vm.value_error(&format!(
                "replace(): {what} must keep its length in this interpreter"
            )));
        }
    }
    for (new, old, what) in [
        (&consts, &c.consts, "co_consts"),
        (&names, &c.names, "co_names"),
    ] {
        if tuple_len(new) < tuple_len(old) {
            return Err(vm.value_error(&format!(
                "replace(): {what} may not shrink in this interpreter"
            )));
        }
    }
    fn copy<T: Copy>(vm: &Vm, items: &[T]) -> PyResult<HVec<T, HeapAlloc>> {
        let mut v = HVec::new_in(HeapAlloc);
        v.try_reserve_exact(items.len())
            .map_err(|_| vm.memory_error_err())?;
        v.extend(items.iter().copied());
        Ok(v)
    }
    // Names are interned, as the compiler's are.
    let name = match pystr::as_str(&name) {
        Some(s) => vm.intern(s)?,
        None => name,
    };
    let nlocalsplus = localsplus(&varnames, &cellvars, &freevars);
    let payload = CodeObject {
        instructions: copy(vm, &c.instructions)?,
        consts,
        names,
        varnames,
        cellvars,
        freevars,
        name,
        qualname,
        filename,
        firstlineno,
        argcount,
        posonlyargcount: posonly,
        kwonlyargcount: kwonly,
        flags,
        stacksize,
        localsplus: nlocalsplus,
        cell2arg: copy(vm, &c.cell2arg)?,
        linetable: copy(vm, &c.linetable)?,
        exceptiontable: copy(vm, &c.exceptiontable)?,
        quick: Default::default(),
    };
    new_object(&CODE_TYPE, payload).or_mem(vm)
}

/// The number of fast locals, cells and free variables of a code object with these name
/// tuples.
pub fn localsplus(varnames: &ObjRef, cellvars: &ObjRef, freevars: &ObjRef) -> u32 {
    [varnames, cellvars, freevars]
        .iter()
        .map(|t| tuple::items(t).map_or(0, |i| i.len()))
        .sum::<usize>() as u32
}

/// Two constants tables are equal when their items are pairwise of the same type and equal
/// (so `0`, `0.0` and `False` stay apart, as in CPython's comparison of code objects).
fn consts_equal(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    let (Some(x), Some(y)) = (tuple::items(a), tuple::items(b)) else {
        return Ok(a.is(b));
    };
    if x.len() != y.len() {
        return Ok(false);
    }
    for (p, q) in x.iter().zip(y) {
        if p.is(q) {
            continue;
        }
        if !std::ptr::eq(p.ob_type(), q.ob_type()) {
            return Ok(false);
        }
        let same = if tuple::items(p).is_some() {
            consts_equal(vm, p, q)?
        } else {
            ops::eq(vm, p, q)?
        };
        if !same {
            return Ok(false);
        }
    }
    Ok(true)
}

fn code_equal(vm: &Vm, x: &CodeObject, y: &CodeObject) -> PyResult<bool> {
    if x.argcount != y.argcount
        || x.posonlyargcount != y.posonlyargcount
        || x.kwonlyargcount != y.kwonlyargcount
        || x.flags != y.flags
        || x.firstlineno != y.firstlineno
        || x.instructions[..] != y.instructions[..]
        || x.linetable[..] != y.linetable[..]
        || x.exceptiontable[..] != y.exceptiontable[..]
    {
        return Ok(false);
    }
    for (p, q) in [
        (&x.name, &y.name),
        (&x.names, &y.names),
        (&x.varnames, &y.varnames),
        (&x.cellvars, &y.cellvars),
        (&x.freevars, &y.freevars),
    ] {
        if !ops::eq(vm, p, q)? {
            return Ok(false);
        }
    }
    consts_equal(vm, &x.consts, &y.consts)
}

fn code_richcompare(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    use crate::object::CompareOp;
    let (Some(x), Some(y)) = (a.downcast::<CodeObject>(), b.downcast::<CodeObject>()) else {
        return Ok(none::not_implemented());
    };
    let same = match op {
        CompareOp::Eq | CompareOp::Ne => a.is(b) || code_equal(vm, x, y)?,
        _ => return Ok(none::not_implemented()),
    };
    Ok(boolobj::new_bool(same == matches!(op, CompareOp::Eq)))
}

/// A hash over the fields equality compares first (name, counts, flags, first line), so
/// equal code objects hash alike.
fn code_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let c = this_code(vm, obj)?;
    let mut h = ops::hash(vm, &c.name)?;
    for v in [
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags,
        c.firstlineno,
        c.instructions.len() as u32,
    ] {
        h = h.wrapping_mul(1_000_003) ^ i64::from(v);
    }
    Ok(if h == -1 { -2 } else { h })
}

static CODE_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "co_lines",
        func: code_co_lines,
        flags: 0,
    },
    MethodDef {
        name: "co_positions",
        func: code_co_positions,
        flags: 0,
    },
    MethodDef {
        name: "replace",
        func: code_replace,
        flags: 0,
    },
    MethodDef {
        name: "_varname_from_oparg",
        func: code_varname_from_oparg,
        flags: 0,
    },
];
