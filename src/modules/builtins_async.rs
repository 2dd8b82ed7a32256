//! The builtins of asynchronous iteration: `aiter` and `anext` (with the `anext_awaitable`
//! that `anext(iterator, default)` returns).

use crate::object::{
    new_object, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::function::BuiltinDef;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, generator, none};
use crate::vm::attr::lookup_special;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};

/// `aiter(async_iterable)`: `type(x).__aiter__(x)`, which must be an asynchronous iterator.
fn b_aiter(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "aiter", kw)?;
    let [obj] = args else {
        return Err(vm.type_error(&format!(
            "aiter() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let Some(f) = lookup_special(vm, obj, "__aiter__")? else {
        return Err(vm.type_error(&format!(
            "'{}' object is not an async iterable",
            obj.ob_type().name()
        )));
    };
    let it = ops::call(vm, &f, &[], None)?;
    if lookup_special(vm, &it, "__anext__")?.is_none() {
        return Err(vm.type_error(&format!(
            "aiter() returned not an async iterator of type '{}'",
            it.ob_type().name()
        )));
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable of the next item; with `default`, an
/// awaitable giving `default` instead of raising `StopAsyncIteration`.
fn b_anext(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "anext", kw)?;
    crate::vm::args::check_count(vm, "anext", args, 1, 2)?;
    let it = &args[0];
    let Some(f) = lookup_special(vm, it, "__anext__")? else {
        return Err(vm.type_error(&format!(
            "'{}' object is not an async iterator",
            it.ob_type().name()
        )));
    };
    let Some(default) = args.get(1) else {
        return ops::call(vm, &f, &[], None);
    };
    new_object(
        &ANEXT_AWAITABLE_TYPE,
        AnextAwaitable {
            wrapped: ObjCell::new(Some(it.clone())),
            default: ObjCell::new(Some(default.clone())),
            iter: ObjCell::new(None),
        },
    )
    .or_mem(vm)
}

/// The functions of this file, for the builtins namespace.
pub static FUNCTIONS: [BuiltinDef; 2] = [
    BuiltinDef {
        name: "aiter",
        func: b_aiter,
    },
    BuiltinDef {
        name: "anext",
        func: b_anext,
    },
];

/// Payload of `anext_awaitable`: the asynchronous iterator, the default, and (once started)
/// the iterator of the awaitable its `__anext__` returned.
pub struct AnextAwaitable {
    wrapped: ObjCell,
    default: ObjCell,
    iter: ObjCell,
}

impl PyPayload for AnextAwaitable {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.wrapped, &self.default, &self.iter]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`wrapped`, `default`, `iter`), each once, and does nothing else.
unsafe impl crate::object::Traverse for AnextAwaitable {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.wrapped.traverse(visit);
        self.default.traverse(visit);
        self.iter.traverse(visit);
    }
}

static ANEXT_VTABLE: PayloadVTable = PayloadVTable::of::<AnextAwaitable>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a AnextAwaitable> {
    obj.downcast::<AnextAwaitable>()
        .ok_or_else(|| vm.type_error("expected an anext_awaitable"))
}

/// The iterator driving the awaitable `wrapped.__anext__()` returned (made on first use).
fn awaited_iter(vm: &Vm, a: &AnextAwaitable) -> PyResult<ObjRef> {
    if let Some(it) = a.iter.get() {
        return Ok(it);
    }
    let wrapped = a.wrapped.get().unwrap_or_else(none::none);
    let f = lookup_special(vm, &wrapped, "__anext__")?.ok_or_else(|| {
        vm.type_error(&format!(
            "'{}' object is not an async iterator",
            wrapped.ob_type().name()
        ))
    })?;
    let awaitable = ops::call(vm, &f, &[], None)?;
    let it = if matches!(
        generator::kind_of(&awaitable),
        Some(generator::GenKind::Coroutine)
    ) {
        awaitable
    } else {
        let Some(aw) = lookup_special(vm, &awaitable, "__await__")? else {
            return Err(vm.type_error(&format!(
                "'{}' object can't be awaited",
                awaitable.ob_type().name()
            )));
        };
        ops::call(vm, &aw, &[], None)?
    };
    drop(a.iter.replace(Some(it.clone())));
    Ok(it)
}

/// The end of the iteration becomes the default: `StopIteration(default)`.
fn map_result(vm: &Vm, a: &AnextAwaitable, r: PyResult<ObjRef>) -> PyResult<ObjRef> {
    match r {
        Err(e) if e.matches(&exceptions::STOP_ASYNC_ITERATION) => {
            let default = a.default.get().unwrap_or_else(none::none);
            Err(vm.new_error_args(&exceptions::STOP_ITERATION, vec![default]))
        }
        other => other,
    }
}

fn send(vm: &Vm, this: &ObjRef, value: ObjRef) -> PyResult<ObjRef> {
    let a = payload(vm, this)?;
    let r = awaited_iter(vm, a).and_then(|it| {
        if none::is_none(&value) && lookup_special(vm, &it, "send")?.is_none() {
            return match ops::next(vm, &it)? {
                Some(v) => Ok(v),
                None => Err(vm.stop_iteration()),
            };
        }
        let f = ops::getattr(vm, &it, "send")?;
        ops::call(vm, &f, &[value], None)
    });
    map_result(vm, a, r)
}

fn aw_next(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    send(vm, obj, none::none()).map(Some)
}

fn aw_iter(_vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    Ok(obj.clone())
}

fn m_send(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "send", kw)?;
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "send() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    send(vm, this, value.clone())
}

fn m_throw(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "throw", kw)?;
    let a = payload(vm, this)?;
    let r = awaited_iter(vm, a).and_then(|it| match lookup_special(vm, &it, "throw")? {
        Some(f) => ops::call(vm, &f, args, None),
        None => Err(PyErr::new(generator::throw_args(vm, args)?)),
    });
    map_result(vm, a, r)
}

fn m_close(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(vm, "close", crate::vm::argparse::Sig::NoArgs, args, kw)?;
    let a = payload(vm, this)?;
    if let Some(it) = a.iter.get() {
        if let Some(f) = lookup_special(vm, &it, "close")? {
            ops::call(vm, &f, &[], None)?;
        }
    }
    Ok(none::none())
}

fn m_await(_vm: &Vm, this: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Ok(this.clone())
}

static ANEXT_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "send",
        func: m_send,
        flags: 0,
    },
    MethodDef {
        name: "throw",
        func: m_throw,
        flags: 0,
    },
    MethodDef {
        name: "close",
        func: m_close,
        flags: 0,
    },
    MethodDef {
        name: "__await__",
        func: m_await,
        flags: 0,
    },
];

/// `anext_awaitable`: what `anext(iterator, default)` returns.
pub static ANEXT_AWAITABLE_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "anext_awaitable",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &ANEXT_VTABLE,
    slots: Slots {
        iter: Some(aw_iter),
        next: Some(aw_next),
        ..Slots::EMPTY
    },
    methods: &ANEXT_METHODS,
    doc: "",
};
