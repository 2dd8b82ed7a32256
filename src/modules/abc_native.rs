//! The `_abc` module (CPython's `Modules/_abc.c`), the machinery of `abc.ABCMeta`: each ABC
//! carries an `_abc_impl` object (`_abc._abc_data`) with its registry of virtual subclasses and
//! its positive and negative `issubclass` caches, all sets of weak references to classes (so an
//! ABC keeps no class alive). Registering anywhere bumps a global invalidation counter
//! (`get_cache_token()`), which empties every negative cache on its next use.

use crate::object::{
    new_object, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::weakref::WEAKREF_TYPE;
use crate::objects::{boolobj, exceptions, int, module, none, set, set_ops, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

thread_local! {
    /// The invalidation counter (one interpreter per thread).
    static INVALIDATION: Cell<u64> = const { Cell::new(0) };
}

fn token() -> u64 {
    INVALIDATION.with(Cell::get)
}

/// Payload of `_abc._abc_data`.
pub struct AbcData {
    registry: ObjCell,
    cache: ObjCell,
    negative: ObjCell,
    negative_version: Cell<u64>,
}

impl PyPayload for AbcData {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.registry, &self.cache, &self.negative]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (the three sets), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for AbcData {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.registry.traverse(visit);
        self.cache.traverse(visit);
        self.negative.traverse(visit);
    }
}

static ABC_DATA_VTABLE: PayloadVTable = PayloadVTable::of::<AbcData>();

fn abc_data_new(vm: &Vm, ty: &TypeObject, _a: &[ObjRef], _k: Option<&ObjRef>) -> PyResult<ObjRef> {
    new_object(
        ty,
        AbcData {
            registry: ObjCell::new(None),
            cache: ObjCell::new(None),
            negative: ObjCell::new(None),
            negative_version: Cell::new(token()),
        },
    )
    .or_mem(vm)
}

/// `_abc._abc_data`.
pub static ABC_DATA_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_abc._abc_data",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &ABC_DATA_VTABLE,
    slots: Slots {
        new: Some(abc_data_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "Internal state held by ABC machinery.",
};

/// The `_abc_impl` of `cls`.
fn impl_of(vm: &Vm, cls: &ObjRef) -> PyResult<ObjRef> {
    let data = ops::getattr(vm, cls, "_abc_impl")?;
    if data.downcast::<AbcData>().is_none() {
        return Err(vm.type_error("_abc_impl is set to a wrong type"));
    }
    Ok(data)
}

fn data(obj: &ObjRef) -> &AbcData {
    obj.downcast::<AbcData>().expect("checked by impl_of")
}

/// A weak reference to `obj`, or `None` if it cannot be weakly referenced.
fn weak(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    match ops::call(
        vm,
        &ObjRef::from_type(&WEAKREF_TYPE),
        std::slice::from_ref(obj),
        None,
    ) {
        Ok(r) => Ok(Some(r)),
        Err(e) if e.matches(&exceptions::TYPE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

fn in_weak_set(vm: &Vm, cell: &ObjCell, obj: &ObjRef) -> PyResult<bool> {
    let Some(s) = cell.get() else {
        return Ok(false);
    };
    match weak(vm, obj)? {
        Some(r) => set_ops::contains(vm, &s, &r),
        None => Ok(false),
    }
}

fn add_to_weak_set(vm: &Vm, cell: &ObjCell, obj: &ObjRef) -> PyResult<()> {
    let s = match cell.get() {
        Some(s) => s,
        None => {
            let s = set::new_set(vm)?;
            drop(cell.replace(Some(s.clone())));
            s
        }
    };
    let r = ops::call(
        vm,
        &ObjRef::from_type(&WEAKREF_TYPE),
        std::slice::from_ref(obj),
        None,
    )?;
    set::add(vm, &s, r)
}

/// The live classes of a weak set.
fn live_members(vm: &Vm, cell: &ObjCell) -> PyResult<Vec<ObjRef>> {
    let Some(s) = cell.get() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for r in ops::collect_iterable(vm, &s)? {
        let target = ops::call(vm, &r, &[], None)?;
        if !none::is_none(&target) {
            out.push(target);
        }
    }
    Ok(out)
}

fn one(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, name, Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

fn two(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<(ObjRef, ObjRef)> {
    let [a, b] = parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)?;
    match (a, b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(vm.type_error("missing argument")),
    }
}

fn get_cache_token(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_args(vm, "get_cache_token", args, kw)?;
    int::new_bigint(vm, &token().into())
}

fn is_abstract(vm: &Vm, value: &ObjRef) -> PyResult<bool> {
    match ops::getattr(vm, value, "__isabstractmethod__") {
        Ok(v) => ops::truthy(vm, &v),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `_abc_init(cls)`: computes `__abstractmethods__` and attaches a fresh `_abc_impl`.
fn abc_init(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let cls = one(vm, "_abc_init", args, kw)?;
    let mut names: Vec<ObjRef> = Vec::new();
    let ns = ops::getattr(vm, &cls, "__dict__")?;
    let items = ops::call(vm, &ops::getattr(vm, &ns, "items")?, &[], None)?;
    for pair in ops::collect_iterable(vm, &items)? {
        let Some([k, v]) = tuple::items(&pair).and_then(|t| <&[ObjRef; 2]>::try_from(t).ok())
        else {
            continue;
        };
        if is_abstract(vm, v)? {
            names.push(k.clone());
        }
    }
    let bases = ops::getattr(vm, &cls, "__bases__")?;
    for base in ops::collect_iterable(vm, &bases)? {
        let inherited = match ops::getattr(vm, &base, "__abstractmethods__") {
            Ok(v) => v,
            Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => continue,
            Err(e) => return Err(e),
        };
        for name in ops::collect_iterable(vm, &inherited)? {
            let Some(n) = pystr::as_str(&name).map(str::to_string) else {
                continue;
            };
            let value = match ops::getattr(vm, &cls, &n) {
                Ok(v) => v,
                Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => continue,
                Err(e) => return Err(e),
            };
            if is_abstract(vm, &value)? {
                names.push(name);
            }
        }
    }
    let frozen = ops::call(
        vm,
        &ObjRef::from_type(&set::FROZENSET_TYPE),
        &[tuple::new_tuple(vm, names)?],
        None,
    )?;
    ops::setattr(vm, &cls, &vm.intern("__abstractmethods__")?, Some(frozen))?;
    let d = abc_data_new(vm, &ABC_DATA_TYPE, &[], None)?;
    ops::setattr(vm, &cls, &vm.intern("_abc_impl")?, Some(d))?;
    Ok(none::none())
}

fn issubclass(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    crate::modules::builtins::issubclass_rec(vm, a, b, 0)
}

/// `_abc_register(cls, subclass)`.
fn abc_register(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cls, subclass) = two(vm, "_abc_register", args, kw)?;
    if subclass.as_type().is_none() {
        return Err(vm.type_error("Can only register classes"));
    }
    if issubclass(vm, &subclass, &cls)? {
        return Ok(subclass);
    }
    if issubclass(vm, &cls, &subclass)? {
        return Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            "Refusing to create an inheritance cycle",
        ));
    }
    let d = impl_of(vm, &cls)?;
    add_to_weak_set(vm, &data(&d).registry, &subclass)?;
    INVALIDATION.with(|c| c.set(c.get() + 1));
    // A registered class becomes a sequence or mapping for `match`, as its ABC is.
    if subclass.as_type().is_some_and(TypeObject::is_heap_type) {
        if let Ok(flags) = ops::getattr(vm, &cls, "__abc_tpflags__") {
            let own = ops::getattr(vm, &subclass, "__abc_tpflags__").ok();
            if own.is_none() {
                let name = vm.intern("__abc_tpflags__")?;
                let _ = ops::setattr(vm, &subclass, &name, Some(flags));
            }
        }
    }
    Ok(subclass)
}

fn call_subclasscheck(vm: &Vm, cls: &ObjRef, sub: &ObjRef) -> PyResult<bool> {
    let f = ops::getattr(vm, cls, "__subclasscheck__")?;
    let r = ops::call(vm, &f, std::slice::from_ref(sub), None)?;
    ops::truthy(vm, &r)
}

/// `_abc_instancecheck(cls, instance)`.
fn abc_instancecheck(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cls, instance) = two(vm, "_abc_instancecheck", args, kw)?;
    let d = impl_of(vm, &cls)?;
    let dd = data(&d);
    let subclass = ops::getattr(vm, &instance, "__class__")?;
    if in_weak_set(vm, &dd.cache, &subclass)? {
        return Ok(boolobj::new_bool(true));
    }
    let subtype = ObjRef::from_type_ref(instance.ob_type());
    if subtype.is(&subclass) {
        if dd.negative_version.get() == token() && in_weak_set(vm, &dd.negative, &subclass)? {
            return Ok(boolobj::new_bool(false));
        }
        return Ok(boolobj::new_bool(call_subclasscheck(vm, &cls, &subclass)?));
    }
    let r = call_subclasscheck(vm, &cls, &subclass)? || call_subclasscheck(vm, &cls, &subtype)?;
    Ok(boolobj::new_bool(r))
}

/// `_abc_subclasscheck(cls, subclass)`.
fn abc_subclasscheck(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (cls, subclass) = two(vm, "_abc_subclasscheck", args, kw)?;
    let Some(sub_ty) = subclass.as_type() else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let d = impl_of(vm, &cls)?;
    let dd = data(&d);
    if in_weak_set(vm, &dd.cache, &subclass)? {
        return Ok(boolobj::new_bool(true));
    }
    if dd.negative_version.get() < token() {
        if let Some(s) = dd.negative.get() {
            ops::call(vm, &ops::getattr(vm, &s, "clear")?, &[], None)?;
        }
        dd.negative_version.set(token());
    } else if in_weak_set(vm, &dd.negative, &subclass)? {
        return Ok(boolobj::new_bool(false));
    }
    let hook = ops::getattr(vm, &cls, "__subclasshook__")?;
    let ok = ops::call(vm, &hook, std::slice::from_ref(&subclass), None)?;
    if !none::is_not_implemented(&ok) {
        let Some(b) = boolobj::as_bool(&ok) else {
            return Err(vm.new_error(
                &exceptions::ASSERTION_ERROR,
                "__subclasshook__ must return either False, True, or NotImplemented",
            ));
        };
        let cell = if b { &dd.cache } else { &dd.negative };
        add_to_weak_set(vm, cell, &subclass)?;
        return Ok(ok);
    }
    let mro = crate::vm::typeready::type_mro(vm, sub_ty)?;
    if tuple::items(&mro).unwrap_or(&[]).iter().any(|c| c.is(&cls)) {
        add_to_weak_set(vm, &dd.cache, &subclass)?;
        return Ok(boolobj::new_bool(true));
    }
    // A registered class itself is a subclass without entering the cache.
    if in_weak_set(vm, &dd.registry, &subclass)? {
        return Ok(boolobj::new_bool(true));
    }
    for rcls in live_members(vm, &dd.registry)? {
        if issubclass(vm, &subclass, &rcls)? {
            add_to_weak_set(vm, &dd.cache, &subclass)?;
            return Ok(boolobj::new_bool(true));
        }
    }
    let subs = ops::call(vm, &ops::getattr(vm, &cls, "__subclasses__")?, &[], None)?;
    for scls in ops::collect_iterable(vm, &subs)? {
        if issubclass(vm, &subclass, &scls)? {
            add_to_weak_set(vm, &dd.cache, &subclass)?;
            return Ok(boolobj::new_bool(true));
        }
    }
    add_to_weak_set(vm, &dd.negative, &subclass)?;
    Ok(boolobj::new_bool(false))
}

fn copy_set(vm: &Vm, cell: &ObjCell) -> PyResult<ObjRef> {
    match cell.get() {
        Some(s) => ops::call(vm, &ObjRef::from_type(&set::SET_TYPE), &[s], None),
        None => set::new_set(vm),
    }
}

/// `_get_dump(cls)`: copies of the registry and caches, and the negative cache's version.
fn get_dump(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let cls = one(vm, "_get_dump", args, kw)?;
    let d = impl_of(vm, &cls)?;
    let dd = data(&d);
    tuple::new_tuple(
        vm,
        vec![
            copy_set(vm, &dd.registry)?,
            copy_set(vm, &dd.cache)?,
            copy_set(vm, &dd.negative)?,
            int::new_bigint(vm, &dd.negative_version.get().into())?,
        ],
    )
}

fn reset_registry(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let cls = one(vm, "_reset_registry", args, kw)?;
    let d = impl_of(vm, &cls)?;
    drop(data(&d).registry.replace(None));
    Ok(none::none())
}

fn reset_caches(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let cls = one(vm, "_reset_caches", args, kw)?;
    let d = impl_of(vm, &cls)?;
    let dd = data(&d);
    let old = [dd.cache.replace(None), dd.negative.replace(None)];
    drop(old);
    Ok(none::none())
}

static FUNCTIONS: [BuiltinDef; 8] = [
    BuiltinDef {
        name: "get_cache_token",
        func: get_cache_token,
    },
    BuiltinDef {
        name: "_abc_init",
        func: abc_init,
    },
    BuiltinDef {
        name: "_abc_register",
        func: abc_register,
    },
    BuiltinDef {
        name: "_abc_instancecheck",
        func: abc_instancecheck,
    },
    BuiltinDef {
        name: "_abc_subclasscheck",
        func: abc_subclasscheck,
    },
    BuiltinDef {
        name: "_get_dump",
        func: get_dump,
    },
    BuiltinDef {
        name: "_reset_registry",
        func: reset_registry,
    },
    BuiltinDef {
        name: "_reset_caches",
        func: reset_caches,
    },
];

/// Builds `_abc`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_abc")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
