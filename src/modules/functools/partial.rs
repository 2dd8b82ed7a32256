//! `functools.partial`: a callable holding a function and leading positional and keyword
//! arguments. A partial of a partial (without instance attributes) is flattened into one;
//! partials pickle through `__reduce__`/`__setstate__`. It is not a method descriptor: a
//! partial stored on a class is not bound to instances.

use super::attrs;
use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, none, str as pystr, tuple};
use crate::vm::args::split_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a partial: the function, the positional arguments (a tuple), the keyword
/// arguments (a dict) and the instance dict.
pub struct Partial {
    func: ObjCell,
    args: ObjCell,
    kw: ObjCell,
    dict: ObjCell,
}

impl PyPayload for Partial {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.func, &self.args, &self.kw, &self.dict]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`func`, `args`, `kw`, `dict`), each once,
// and does nothing else.
unsafe impl crate::object::Traverse for Partial {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in [&self.func, &self.args, &self.kw, &self.dict] {
            c.traverse(visit);
        }
    }
}

static PARTIAL_VTABLE: PayloadVTable = PayloadVTable::of::<Partial>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a Partial> {
    obj.downcast::<Partial>()
        .ok_or_else(|| vm.type_error("expected a functools.partial object"))
}

/// The function, positional arguments and keyword dict of a partial.
fn parts(vm: &Vm, p: &Partial) -> PyResult<(ObjRef, Vec<ObjRef>, ObjRef)> {
    let func = p
        .func
        .get()
        .ok_or_else(|| vm.type_error("partial object was cleared"))?;
    let args = p
        .args
        .get()
        .and_then(|a| tuple::items(&a).map(<[ObjRef]>::to_vec))
        .unwrap_or_default();
    let kw = match p.kw.get() {
        Some(k) => k,
        None => dict::new_dict_vm(vm)?,
    };
    Ok((func, args, kw))
}

fn partial_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kws) = split_args(args, kw);
    let Some(first) = pos.first() else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    let mut func = first.clone();
    let mut all_args = Vec::new();
    let new_kw = dict::new_dict_vm(vm)?;
    // Flatten a partial without instance attributes.
    if let Some(inner) = func.downcast::<Partial>() {
        if inner.dict.get().is_none() && crate::vm::attr::instance_dict(vm, &func)?.is_none() {
            let (f, a, k) = parts(vm, inner)?;
            for (key, v) in dict::items(&k) {
                dict::set_item(vm, &new_kw, key, v)?;
            }
            all_args = a;
            func = f;
        }
    }
    if !ops::is_callable(vm, &func)? {
        return Err(vm.type_error("the first argument must be callable"));
    }
    all_args.extend(pos[1..].iter().cloned());
    for (k, v) in kws {
        dict::set_item(vm, &new_kw, pystr::new_str_vm(vm, k)?, v.clone())?;
    }
    new_object(
        ty,
        Partial {
            func: ObjCell::new(Some(func)),
            args: ObjCell::new(Some(tuple::new_tuple(vm, all_args)?)),
            kw: ObjCell::new(Some(new_kw)),
            dict: ObjCell::new(None),
        },
    )
    .or_mem(vm)
}

fn partial_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    let (func, mut all, stored_kw) = parts(vm, p)?;
    let (pos, kws) = split_args(args, kw);
    all.extend(pos.iter().cloned());
    let stored = dict::items(&stored_kw);
    // Keys put into `keywords` by hand are not checked until a call passes them on.
    if stored.iter().any(|(k, _)| pystr::as_str(k).is_none()) {
        return Err(vm.type_error("keywords must be strings"));
    }
    if kws.is_empty() && stored.is_empty() {
        return ops::call(vm, &func, &all, None);
    }
    // Keyword arguments: the stored ones, overridden by the call's.
    let mut names: Vec<ObjRef> = Vec::new();
    let mut values: Vec<ObjRef> = Vec::new();
    for (k, v) in stored {
        if pystr::as_str(&k).is_some_and(|s| kws.iter().any(|(n, _)| *n == s)) {
            continue;
        }
        names.push(k);
        values.push(v);
    }
    for (k, v) in kws {
        names.push(pystr::new_str_vm(vm, k)?);
        values.push(v.clone());
    }
    all.extend(values);
    let kwnames = tuple::new_tuple(vm, names)?;
    ops::call(vm, &func, &all, Some(&kwnames))
}

fn partial_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let p = payload(vm, obj)?;
    // The type's C-level name, as CPython 3.11 shows it: `functools.partial` for the
    // builtin type, the bare `__name__` for a Python subclass.
    let name = if obj.ob_type().is_heap_type() {
        let ty = ObjRef::from_type_ref(obj.ob_type());
        ops::str_string(vm, &ops::getattr(vm, &ty, "__name__")?)?
    } else {
        obj.ob_type().name().to_string()
    };
    let Some(_guard) = ops::ReprGuard::enter(vm, obj) else {
        return pystr::new_str_vm(vm, "...");
    };
    let (func, args, kw) = parts(vm, p)?;
    let mut out = format!("{name}({}", ops::repr_string(vm, &func)?);
    for a in args {
        out.push_str(", ");
        out.push_str(&ops::repr_string(vm, &a)?);
    }
    for (k, v) in dict::items(&kw) {
        out.push_str(", ");
        out.push_str(&ops::str_string(vm, &k)?);
        out.push('=');
        out.push_str(&ops::repr_string(vm, &v)?);
    }
    out.push(')');
    pystr::new_str_vm(vm, &out)
}

fn partial_reduce(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "__reduce__", args, kw)?;
    let p = payload(vm, obj)?;
    let (func, _, kw) = parts(vm, p)?;
    let cls = ObjRef::from_type_ref(obj.ob_type());
    // The stored tuple and dict themselves: a copy shares them, as in CPython.
    let pargs = match p.args.get() {
        Some(a) => a,
        None => tuple::new_tuple(vm, Vec::new())?,
    };
    let d = attrs::nonempty_dict(vm, obj, &p.dict)?.unwrap_or_else(none::none);
    let state = tuple::new_tuple(vm, vec![func.clone(), pargs, kw, d])?;
    tuple::new_tuple(vm, vec![cls, tuple::new_tuple(vm, vec![func])?, state])
}

fn partial_setstate(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__setstate__", kw)?;
    let invalid = || vm.type_error("invalid partial state");
    let [state] = args else {
        return Err(vm.type_error(&format!(
            "partial.__setstate__() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let Some([func, fargs, fkw, fdict]) =
        tuple::items(state).and_then(|t| <&[ObjRef; 4]>::try_from(t).ok())
    else {
        return Err(invalid());
    };
    if !ops::is_callable(vm, func)?
        || tuple::items(fargs).is_none()
        || (!none::is_none(fkw) && dict::table(fkw).is_none())
    {
        return Err(invalid());
    }
    let p = payload(vm, obj)?;
    // A tuple subclass becomes a plain tuple; the keywords are always an own dict.
    let fargs = if std::ptr::eq(fargs.ob_type(), &tuple::TUPLE_TYPE) {
        fargs.clone()
    } else {
        tuple::new_tuple(vm, tuple::items(fargs).unwrap_or(&[]).to_vec())?
    };
    let fkw = if none::is_none(fkw) {
        dict::new_dict_vm(vm)?
    } else if std::ptr::eq(fkw.ob_type(), &dict::DICT_TYPE) {
        fkw.clone()
    } else {
        dict::copy(vm, fkw)?
    };
    let fdict = if none::is_none(fdict) {
        None
    } else {
        Some(fdict.clone())
    };
    let old = [
        p.func.replace(Some(func.clone())),
        p.args.replace(Some(fargs)),
        p.kw.replace(Some(fkw)),
        p.dict.replace(fdict),
    ];
    drop(old);
    Ok(none::none())
}

fn partial_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    attrs::getattr(vm, &payload(vm, obj)?.dict, name)
}

fn partial_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    attrs::setattr(vm, obj, &payload(vm, obj)?.dict, name, value)
}

fn get_member(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let p = payload(vm, obj)?;
    Ok(match name {
        "func" => p.func.get(),
        "args" => p.args.get(),
        _ => p.kw.get(),
    })
}

static PARTIAL_GETSET: [GetSetDef; 3] = [
    GetSetDef {
        name: "func",
        get: get_member,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "args",
        get: get_member,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "keywords",
        get: get_member,
        set: Some(crate::objects::getset::readonly),
    },
];

static PARTIAL_METHODS: [MethodDef; 3] = [
    crate::class_getitem_def!("functools.partial"),
    MethodDef {
        name: "__reduce__",
        func: partial_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__setstate__",
        func: partial_setstate,
        flags: 0,
    },
];

/// `functools.partial`.
pub static PARTIAL_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &PARTIAL_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "functools.partial",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &PARTIAL_VTABLE,
    slots: Slots {
        repr: Some(partial_repr),
        call: Some(partial_call),
        new: Some(partial_new),
        getattr: Some(partial_getattr),
        setattr: Some(partial_setattr),
        ..Slots::EMPTY
    },
    methods: &PARTIAL_METHODS,
    doc: "partial(func, *args, **keywords) - new function with partial application\n    of the given arguments and keywords.\n",
};
