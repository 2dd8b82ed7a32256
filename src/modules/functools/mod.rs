//! The `_functools` module (CPython's `Modules/_functoolsmodule.c`): `reduce`, `cmp_to_key`
//! (and its `functools.KeyWrapper` objects), [`partial`] and the [`lru_cache`] wrapper.

pub mod attrs;
pub mod lru_cache;
pub mod partial;

use crate::object::{
    new_object, CompareOp, GetSetDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{int, module};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// `reduce(function, iterable[, initial])`.
fn reduce(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [func, seq, initial] = parse::<3>(vm, "reduce", Sig::Clinic(2, 3), args, kw)?;
    let (Some(func), Some(seq)) = (func, seq) else {
        return Err(vm.type_error("missing argument"));
    };
    let it = match ops::iter(vm, &seq) {
        Ok(it) => it,
        Err(e) if e.matches(&crate::objects::exceptions::TYPE_ERROR) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    let mut acc = initial;
    while let Some(x) = ops::next(vm, &it)? {
        acc = Some(match acc {
            None => x,
            Some(a) => ops::call(vm, &func, &[a, x], None)?,
        });
    }
    acc.ok_or_else(|| vm.type_error("reduce() of empty iterable with no initial value"))
}

/// Payload of `functools.KeyWrapper`: the comparison function and (once called) the object.
pub struct KeyWrapper {
    cmp: ObjCell,
    obj: ObjCell,
}

impl PyPayload for KeyWrapper {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.cmp, &self.obj]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`cmp`, `obj`), each once, and does nothing
// else.
unsafe impl crate::object::Traverse for KeyWrapper {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.cmp.traverse(visit);
        self.obj.traverse(visit);
    }
}

static KEY_VTABLE: PayloadVTable = PayloadVTable::of::<KeyWrapper>();

fn new_key(vm: &Vm, cmp: ObjRef, obj: Option<ObjRef>) -> PyResult<ObjRef> {
    new_object(
        &KEY_WRAPPER_TYPE,
        KeyWrapper {
            cmp: ObjCell::new(Some(cmp)),
            obj: ObjCell::new(obj),
        },
    )
    .or_mem(vm)
}

/// `cmp_to_key(mycmp)`.
fn cmp_to_key(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [cmp] = parse::<1>(
        vm,
        "cmp_to_key",
        Sig::Kw {
            names: &["mycmp"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    new_key(
        vm,
        cmp.ok_or_else(|| vm.type_error("missing argument"))?,
        None,
    )
}

fn key_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(
        vm,
        "K",
        Sig::Kw {
            names: &["obj"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let k = obj
        .downcast::<KeyWrapper>()
        .ok_or_else(|| vm.type_error("expected a KeyWrapper"))?;
    let cmp = k
        .cmp
        .get()
        .ok_or_else(|| vm.type_error("KeyWrapper was cleared"))?;
    new_key(vm, cmp, x)
}

fn key_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let Some(other) = b.downcast::<KeyWrapper>() else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let Some(me) = a.downcast::<KeyWrapper>() else {
        return Ok(crate::objects::none::not_implemented());
    };
    let (Some(cmp), Some(x), Some(y)) = (me.cmp.get(), me.obj.get(), other.obj.get()) else {
        return Err(vm.new_error(&crate::objects::exceptions::ATTRIBUTE_ERROR, "object"));
    };
    let r = ops::call(vm, &cmp, &[x, y], None)?;
    let zero = int::new_int(vm, 0)?;
    ops::richcompare(vm, &r, &zero, op)
}

fn key_obj(_vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(obj.downcast::<KeyWrapper>().and_then(|k| k.obj.get()))
}

fn key_set_obj(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let k = obj
        .downcast::<KeyWrapper>()
        .ok_or_else(|| vm.type_error("expected a KeyWrapper"))?;
    drop(k.obj.replace(value));
    Ok(())
}

static KEY_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "obj",
    get: key_obj,
    set: Some(key_set_obj),
}];

/// `functools.KeyWrapper`, the type of `cmp_to_key`'s results.
pub static KEY_WRAPPER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &KEY_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "functools.KeyWrapper",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &KEY_VTABLE,
    slots: Slots {
        call: Some(key_call),
        richcompare: Some(key_richcompare),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

static FUNCTIONS: [BuiltinDef; 2] = [
    BuiltinDef {
        name: "reduce",
        func: reduce,
    },
    BuiltinDef {
        name: "cmp_to_key",
        func: cmp_to_key,
    },
];

/// Builds `_functools`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_functools")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "partial", ObjRef::from_type(&partial::PARTIAL_TYPE))?;
    module::set_attr(
        vm,
        &m,
        "_lru_cache_wrapper",
        ObjRef::from_type(&lru_cache::LRU_CACHE_TYPE),
    )?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use crate::objects::testutil::run_ok;

    #[test]
    fn partial_flattens_and_lru_cache_counts() {
        let out = run_ok(
            "import _functools as f\n\
             p = f.partial(f.partial(max, 1), 2)\n\
             print(p.func is max, p.args, p(0))\n\
             calls = []\n\
             def g(x):\n    calls.append(x)\n    return x\n\
             w = f._lru_cache_wrapper(g, 1, False, lambda *a: a)\n\
             print(w(1), w(1), w(2), w(1), w.cache_info(), calls)\n",
        );
        assert_eq!(out, "True (1, 2) 2\n1 1 2 1 (1, 3, 1, 1) [1, 2, 1]\n");
    }
}
