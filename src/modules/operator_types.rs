//! `operator.itemgetter`, `operator.attrgetter` and `operator.methodcaller`: callables holding
//! what to fetch, each in an [`ObjCell`] so that `clear` can break cycles.

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::wtf8::Wtf8;
use crate::objects::{module, str as pystr, tuple};
use crate::vm::args::{no_kwargs, split_args};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of the three types: `a` is the items / attribute paths / method name, `b` the
/// method's arguments (positional then keyword values) and `c` their keyword names.
pub struct Getter {
    a: ObjCell,
    b: ObjCell,
    c: ObjCell,
}

impl PyPayload for Getter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.a, &self.b, &self.c]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`a`, `b`, `c`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for Getter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.a.traverse(visit);
        self.b.traverse(visit);
        self.c.traverse(visit);
    }
}

static GETTER_VTABLE: PayloadVTable = PayloadVTable::of::<Getter>();

fn getter(vm: &Vm, obj: &ObjRef) -> PyResult<(ObjRef, Option<ObjRef>, Option<ObjRef>)> {
    let g = obj
        .downcast::<Getter>()
        .ok_or_else(|| vm.type_error("expected an operator getter"))?;
    let a =
        g.a.get()
            .ok_or_else(|| vm.type_error("getter was cleared"))?;
    Ok((a, g.b.get(), g.c.get()))
}

fn new_getter(
    vm: &Vm,
    ty: &TypeObject,
    a: ObjRef,
    b: Option<ObjRef>,
    c: Option<ObjRef>,
) -> PyResult<ObjRef> {
    new_object(
        ty,
        Getter {
            a: ObjCell::new(Some(a)),
            b: ObjCell::new(b),
            c: ObjCell::new(c),
        },
    )
    .or_mem(vm)
}

/// The single object a getter is called with.
fn call_arg<'a>(
    vm: &Vm,
    name: &str,
    args: &'a [ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<&'a ObjRef> {
    no_kwargs(vm, name, kw)?;
    match args {
        [a] => Ok(a),
        _ => Err(vm.type_error(&format!("{name} expected 1 argument, got {}", args.len()))),
    }
}

fn joined_reprs(vm: &Vm, items: &[ObjRef]) -> PyResult<String> {
    let parts: PyResult<Vec<String>> = items.iter().map(|i| ops::repr_string(vm, i)).collect();
    Ok(parts?.join(", "))
}

// ----- itemgetter -----

fn itemgetter_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "itemgetter", kw)?;
    if args.is_empty() {
        return Err(vm.type_error("itemgetter expected 1 argument, got 0"));
    }
    let items = tuple::new_tuple(vm, args.to_vec())?;
    new_getter(vm, ty, items, None, None)
}

fn itemgetter_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let target = call_arg(vm, "itemgetter", args, kw)?;
    let (items, _, _) = getter(vm, obj)?;
    let items = tuple::items(&items).unwrap_or(&[]).to_vec();
    if let [one] = items.as_slice() {
        return ops::getitem(vm, target, one);
    }
    let out: PyResult<Vec<ObjRef>> = items.iter().map(|i| ops::getitem(vm, target, i)).collect();
    tuple::new_tuple(vm, out?)
}

fn itemgetter_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let (items, _, _) = getter(vm, obj)?;
    let text = joined_reprs(vm, tuple::items(&items).unwrap_or(&[]))?;
    pystr::new_str_vm(vm, &format!("operator.itemgetter({text})"))
}

fn reduce_with_items(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__reduce__", args, kw)?;
    let (items, _, _) = getter(vm, obj)?;
    tuple::new_tuple(vm, vec![ObjRef::from_type_ref(obj.ob_type()), items])
}

static GETTER_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__reduce__",
    func: reduce_with_items,
    flags: 0,
}];

/// `operator.itemgetter`.
pub static ITEMGETTER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "operator.itemgetter",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &GETTER_VTABLE,
    slots: Slots {
        repr: Some(itemgetter_repr),
        call: Some(itemgetter_call),
        new: Some(itemgetter_new),
        ..Slots::EMPTY
    },
    methods: &GETTER_METHODS,
    doc: "Return a callable object that fetches the given item(s) from its operand.",
};

// ----- attrgetter -----

fn attrgetter_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_kwargs(vm, "attrgetter", kw)?;
    if args.is_empty() {
        return Err(vm.type_error("attrgetter expected 1 argument, got 0"));
    }
    if args.iter().any(|a| !pystr::is_str(a)) {
        return Err(vm.type_error("attribute name must be a string"));
    }
    let names = tuple::new_tuple(vm, args.to_vec())?;
    new_getter(vm, ty, names, None, None)
}

fn dotted(vm: &Vm, target: &ObjRef, path: &ObjRef) -> PyResult<ObjRef> {
    let mut cur = target.clone();
    if let Some(path) = pystr::as_str(path) {
        for part in path.split('.') {
            cur = ops::getattr(vm, &cur, part)?;
        }
        return Ok(cur);
    }
    // A name holding a lone surrogate: each part is looked up as a str object ('.' is one
    // byte, never inside a code point's encoding).
    let text =
        pystr::as_text(path).ok_or_else(|| vm.type_error("attribute name must be a string"))?;
    for part in text.as_bytes().split(|&b| b == b'.') {
        let part = pystr::new_str_wtf8_vm(vm, Wtf8::from_bytes_trusted(part))?;
        cur = crate::modules::builtins_attr::get(vm, &cur, &part)?;
    }
    Ok(cur)
}

fn attrgetter_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let target = call_arg(vm, "attrgetter", args, kw)?;
    let (names, _, _) = getter(vm, obj)?;
    let names = tuple::items(&names).unwrap_or(&[]).to_vec();
    if let [one] = names.as_slice() {
        return dotted(vm, target, one);
    }
    let out: PyResult<Vec<ObjRef>> = names.iter().map(|n| dotted(vm, target, n)).collect();
    tuple::new_tuple(vm, out?)
}

fn attrgetter_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let (names, _, _) = getter(vm, obj)?;
    let text = joined_reprs(vm, tuple::items(&names).unwrap_or(&[]))?;
    pystr::new_str_vm(vm, &format!("operator.attrgetter({text})"))
}

/// `operator.attrgetter`.
pub static ATTRGETTER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "operator.attrgetter",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &GETTER_VTABLE,
    slots: Slots {
        repr: Some(attrgetter_repr),
        call: Some(attrgetter_call),
        new: Some(attrgetter_new),
        ..Slots::EMPTY
    },
    methods: &GETTER_METHODS,
    doc: "Return a callable object that fetches the given attribute(s) from its operand.",
};

// ----- methodcaller -----

fn methodcaller_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, _) = split_args(args, kw);
    let Some(name) = pos.first() else {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    };
    if !pystr::is_str(name) {
        return Err(vm.type_error("method name must be a string"));
    }
    let rest = tuple::new_tuple(vm, args[1..].to_vec())?;
    new_getter(vm, ty, name.clone(), Some(rest), kw.cloned())
}

fn methodcaller_call(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let target = call_arg(vm, "methodcaller", args, kw)?;
    let (name, rest, kwnames) = getter(vm, obj)?;
    let method = crate::modules::builtins_attr::get(vm, target, &name)?;
    let rest = rest.as_ref().and_then(tuple::items).unwrap_or(&[]).to_vec();
    ops::call(vm, &method, &rest, kwnames.as_ref())
}

fn methodcaller_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let (name, rest, kwnames) = getter(vm, obj)?;
    let rest = rest.as_ref().and_then(tuple::items).unwrap_or(&[]).to_vec();
    let (pos, kws) = split_args(&rest, kwnames.as_ref());
    let mut parts = vec![ops::repr_string(vm, &name)?];
    for p in pos {
        parts.push(ops::repr_string(vm, p)?);
    }
    for (k, v) in kws {
        parts.push(format!("{k}={}", ops::repr_string(vm, v)?));
    }
    pystr::new_str_vm(vm, &format!("operator.methodcaller({})", parts.join(", ")))
}

/// `methodcaller.__reduce__`: `(methodcaller, (name, *args))`, or with keyword arguments
/// `(partial(methodcaller, name, **kwargs), args)`.
fn methodcaller_reduce(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__reduce__", args, kw)?;
    let (name, rest, kwnames) = getter(vm, obj)?;
    let rest = rest.as_ref().and_then(tuple::items).unwrap_or(&[]).to_vec();
    let cls = ObjRef::from_type_ref(obj.ob_type());
    let nkw = kwnames
        .as_ref()
        .and_then(tuple::items)
        .map_or(0, <[ObjRef]>::len);
    if nkw == 0 {
        let mut all = vec![name];
        all.extend(rest);
        return tuple::new_tuple(vm, vec![cls, tuple::new_tuple(vm, all)?]);
    }
    let npos = rest.len() - nkw;
    let mut pargs = vec![cls, name];
    pargs.extend(rest[npos..].iter().cloned());
    let partial = ops::call(
        vm,
        &ObjRef::from_type(&crate::modules::functools::partial::PARTIAL_TYPE),
        &pargs,
        kwnames.as_ref(),
    )?;
    let pos = tuple::new_tuple(vm, rest[..npos].to_vec())?;
    tuple::new_tuple(vm, vec![partial, pos])
}

static METHODCALLER_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__reduce__",
    func: methodcaller_reduce,
    flags: 0,
}];

/// `operator.methodcaller`.
pub static METHODCALLER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "operator.methodcaller",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &GETTER_VTABLE,
    slots: Slots {
        repr: Some(methodcaller_repr),
        call: Some(methodcaller_call),
        new: Some(methodcaller_new),
        ..Slots::EMPTY
    },
    methods: &METHODCALLER_METHODS,
    doc: "Return a callable object that calls the given method on its operand.",
};

/// Adds the three types to the `operator` module.
pub fn add_types(vm: &Vm, m: &ObjRef) -> PyResult<()> {
    module::set_attr(vm, m, "itemgetter", ObjRef::from_type(&ITEMGETTER_TYPE))?;
    module::set_attr(vm, m, "attrgetter", ObjRef::from_type(&ATTRGETTER_TYPE))?;
    module::set_attr(vm, m, "methodcaller", ObjRef::from_type(&METHODCALLER_TYPE))?;
    Ok(())
}
