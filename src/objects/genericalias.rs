//! `types.GenericAlias`: a parameterised builtin class (`list[int]`, `dict[str, int]`,
//! `tuple[int, ...]`, `type[int]`), PEP 585.
//!
//! An alias remembers its `__origin__` (the class) and its `__args__` (always a tuple). It
//! behaves like its origin for almost everything: calling it calls the origin, and attributes
//! other than its own few are looked up on the origin. `class C(list[int])` works through
//! `__mro_entries__`; `isinstance(x, list[int])` is refused. `X | Y` with an alias makes a
//! `types.UnionType`. Builtin classes get the alias from their `__class_getitem__`.

use crate::object::{
    new_object, CompareOp, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, exceptions, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

pub use crate::objects::genericalias_subst::{collect_parameters, substitute};

/// Payload of a generic alias.
pub struct GenericAliasObject {
    origin: ObjCell,
    /// Always a tuple.
    args: ObjCell,
    /// `__parameters__`, computed on first use.
    parameters: ObjCell,
    /// `*tuple[int]`: an unpacked alias (`__unpacked__`).
    starred: bool,
}

impl PyPayload for GenericAliasObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.origin, &self.args, &self.parameters]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`origin`, `args`, `parameters`), each once, and does nothing else.
unsafe impl crate::object::Traverse for GenericAliasObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.origin.traverse(visit);
        self.args.traverse(visit);
        self.parameters.traverse(visit);
    }
}

static GENERIC_ALIAS_VTABLE: PayloadVTable = PayloadVTable::of::<GenericAliasObject>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a GenericAliasObject> {
    obj.downcast::<GenericAliasObject>()
        .ok_or_else(|| vm.type_error("expected a types.GenericAlias"))
}

/// Whether `obj` is a generic alias (or an instance of a subclass).
pub fn is_generic_alias(obj: &ObjRef) -> bool {
    obj.downcast::<GenericAliasObject>().is_some()
}

fn origin_of(g: &GenericAliasObject) -> ObjRef {
    g.origin.get().unwrap_or_else(none::none)
}

fn args_of(g: &GenericAliasObject) -> Vec<ObjRef> {
    g.args
        .get()
        .as_ref()
        .and_then(tuple::items)
        .map(|i| i.to_vec())
        .unwrap_or_default()
}

fn as_args_tuple(vm: &Vm, args: &ObjRef) -> PyResult<ObjRef> {
    if args.ob_type().is_subtype(&tuple::TUPLE_TYPE) {
        Ok(args.clone())
    } else {
        tuple::new_tuple(vm, vec![args.clone()])
    }
}

fn make(
    vm: &Vm,
    ty: &TypeObject,
    origin: ObjRef,
    args: &ObjRef,
    starred: bool,
) -> PyResult<ObjRef> {
    let args = as_args_tuple(vm, args)?;
    new_object(
        ty,
        GenericAliasObject {
            origin: ObjCell::new(Some(origin)),
            args: ObjCell::new(Some(args)),
            parameters: ObjCell::new(None),
            starred,
        },
    )
    .or_mem(vm)
}

/// `types.GenericAlias(origin, args)`: `args` not a tuple stands for a one-item tuple.
pub fn new_generic_alias(vm: &Vm, origin: ObjRef, args: &ObjRef) -> PyResult<ObjRef> {
    make(vm, &GENERIC_ALIAS_TYPE, origin, args, false)
}

/// `attr` of `obj`, `None` when it has none (other errors propagate).
fn lookup_attr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    match ops::getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// How an argument of an alias or a union shows in its repr: `...`, other aliases as their
/// repr, classes by (module-qualified) name, anything else by `repr`.
pub fn repr_item(vm: &Vm, p: &ObjRef) -> PyResult<String> {
    if p.is(&none::ellipsis()) {
        return Ok("...".to_string());
    }
    if lookup_attr(vm, p, "__origin__")?.is_some() && lookup_attr(vm, p, "__args__")?.is_some() {
        return ops::repr_string(vm, p);
    }
    let Some(qualname) = lookup_attr(vm, p, "__qualname__")? else {
        return ops::repr_string(vm, p);
    };
    let module = lookup_attr(vm, p, "__module__")?;
    let Some(module) = module.filter(|m| !none::is_none(m)) else {
        return ops::repr_string(vm, p);
    };
    let q = ops::str_string(vm, &qualname)?;
    if pystr::as_str(&module) == Some("builtins") {
        return Ok(q);
    }
    Ok(format!("{}.{q}", ops::str_string(vm, &module)?))
}

fn ga_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let Some(_guard) = ops::ReprGuard::enter(vm, obj) else {
        return pystr::new_str_vm(vm, "...");
    };
    let mut out = String::new();
    if g.starred {
        out.push('*');
    }
    out.push_str(&repr_item(vm, &origin_of(g))?);
    out.push('[');
    let args = args_of(g);
    if args.is_empty() {
        out.push_str("()");
    }
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_item(vm, a)?);
    }
    out.push(']');
    pystr::new_str_vm(vm, &out)
}

fn ga_hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let g = payload(vm, obj)?;
    let h0 = ops::hash(vm, &origin_of(g))?;
    let h1 = ops::hash(vm, &g.args.get().unwrap_or_else(none::none))?;
    let h = h0 ^ h1;
    Ok(if h == -1 { -2 } else { h })
}

fn ga_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (
        a.downcast::<GenericAliasObject>(),
        b.downcast::<GenericAliasObject>(),
    ) else {
        return Ok(none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let same = x.starred == y.starred
        && ops::eq(vm, &origin_of(x), &origin_of(y))?
        && ops::eq(
            vm,
            &x.args.get().unwrap_or_else(none::none),
            &y.args.get().unwrap_or_else(none::none),
        )?;
    Ok(boolobj::new_bool(same == matches!(op, CompareOp::Eq)))
}

/// Calling an alias creates an instance of the origin, which remembers the alias in
/// `__orig_class__` when it can.
fn ga_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let inst = ops::call(vm, &origin_of(g), args, kwnames)?;
    let key = vm.intern("__orig_class__")?;
    if let Err(e) = ops::setattr(vm, &inst, &key, Some(obj.clone())) {
        if !e.matches(&exceptions::ATTRIBUTE_ERROR) && !e.matches(&exceptions::TYPE_ERROR) {
            return Err(e);
        }
    }
    Ok(inst)
}

/// The attributes an alias answers itself; every other one comes from the origin.
const OWN_ATTRIBUTES: [&str; 11] = [
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn ga_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let g = payload(vm, obj)?;
    match name {
        "__origin__" => Ok(Some(origin_of(g))),
        "__args__" => Ok(g.args.get()),
        "__unpacked__" => Ok(Some(boolobj::new_bool(g.starred))),
        "__parameters__" => parameters(vm, g).map(Some),
        "__typing_unpacked_tuple_args__" => {
            let is_tuple = origin_of(g)
                .as_type()
                .is_some_and(|t| std::ptr::eq(t, &tuple::TUPLE_TYPE));
            Ok(Some(if g.starred && is_tuple {
                g.args.get().unwrap_or_else(none::none)
            } else {
                none::none()
            }))
        }
        _ if OWN_ATTRIBUTES.contains(&name) => Ok(None),
        _ => ops::getattr(vm, &origin_of(g), name).map(Some),
    }
}

fn ga_setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let n = pystr::as_str(name).unwrap_or("?");
    // Instances of a Python subclass keep other attributes in their `__dict__`.
    if obj.ob_type().is_heap_type() && !OWN_ATTRIBUTES.contains(&n) {
        return crate::vm::attr::dict_setattr(vm, obj, name, value);
    }
    Err(match n {
        "__origin__" | "__args__" | "__unpacked__" => {
            vm.new_error(&exceptions::ATTRIBUTE_ERROR, "readonly attribute")
        }
        "__parameters__" | "__typing_unpacked_tuple_args__" => vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("attribute '{n}' of 'types.GenericAlias' objects is not writable"),
        ),
        _ => vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!("'{}' object has no attribute '{n}'", obj.ob_type().name()),
        ),
    })
}

fn parameters(vm: &Vm, g: &GenericAliasObject) -> PyResult<ObjRef> {
    if let Some(p) = g.parameters.get() {
        return Ok(p);
    }
    let params = collect_parameters(vm, &args_of(g))?;
    let p = tuple::new_tuple(vm, params)?;
    drop(g.parameters.replace(Some(p.clone())));
    Ok(p)
}

fn ga_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let params = parameters(vm, g)?;
    let params = tuple::items(&params).unwrap_or(&[]).to_vec();
    let newargs = substitute(vm, obj, &args_of(g), &params, key)?;
    let newargs = tuple::new_tuple(vm, newargs)?;
    make(vm, &GENERIC_ALIAS_TYPE, origin_of(g), &newargs, g.starred)
}

/// `iter(alias)` yields the unpacked alias once: `[*tuple[int]]`.
fn ga_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let starred = make(
        vm,
        &GENERIC_ALIAS_TYPE,
        origin_of(g),
        &g.args.get().unwrap_or_else(none::none),
        true,
    )?;
    let one = tuple::new_tuple(vm, vec![starred])?;
    ops::iter(vm, &one)
}

fn ga_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    if kwnames
        .and_then(tuple::items)
        .is_some_and(|k| !k.is_empty())
    {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    let [origin, arguments] = args else {
        return Err(vm.type_error(&format!(
            "GenericAlias expected 2 arguments, got {}",
            args.len()
        )));
    };
    make(vm, ty, origin.clone(), arguments, false)
}

fn m_mro_entries(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<1>(vm, "GenericAlias.__mro_entries__", Sig::One, args, kw)?;
    let g = payload(vm, this)?;
    tuple::new_tuple(vm, vec![origin_of(g)])
}

fn m_instancecheck(
    vm: &Vm,
    _this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<1>(vm, "GenericAlias.__instancecheck__", Sig::One, args, kw)?;
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn m_subclasscheck(
    vm: &Vm,
    _this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<1>(vm, "GenericAlias.__subclasscheck__", Sig::One, args, kw)?;
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

fn m_reduce(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "GenericAlias.__reduce__", Sig::NoArgs, args, kw)?;
    let g = payload(vm, this)?;
    if g.starred {
        // Rebuilt by unpacking the plain alias again: `next(iter(alias))`.
        let plain = make(
            vm,
            &GENERIC_ALIAS_TYPE,
            origin_of(g),
            &g.args.get().unwrap_or_else(none::none),
            false,
        )?;
        let it = ops::iter(vm, &plain)?;
        let next =
            crate::objects::dict::get_str(vm, &vm.builtins, "next")?.unwrap_or_else(none::none);
        return tuple::new_tuple(vm, vec![next, tuple::new_tuple(vm, vec![it])?]);
    }
    let rebuild = tuple::new_tuple(
        vm,
        vec![origin_of(g), g.args.get().unwrap_or_else(none::none)],
    )?;
    tuple::new_tuple(vm, vec![this.type_object(), rebuild])
}

/// `dir(alias)`: the origin's attributes and the alias's own.
fn m_dir(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "GenericAlias.__dir__", Sig::NoArgs, args, kw)?;
    let g = payload(vm, this)?;
    let dir = crate::modules::builtins::dir_of(vm, &origin_of(g))?;
    for name in OWN_ATTRIBUTES {
        let n = pystr::new_str_vm(vm, name)?;
        if !ops::contains(vm, &dir, &n)? {
            crate::objects::list::append(vm, &dir, n)?;
        }
    }
    Ok(dir)
}

fn m_or(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [other] = parse::<1>(vm, "GenericAlias.__or__", Sig::One, args, kw)?;
    crate::objects::union::union_or(vm, this, &other.unwrap_or_else(none::none))
}

fn m_ror(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [other] = parse::<1>(vm, "GenericAlias.__ror__", Sig::One, args, kw)?;
    crate::objects::union::union_or(vm, &other.unwrap_or_else(none::none), this)
}

static GENERIC_ALIAS_METHODS: [MethodDef; 7] = [
    MethodDef {
        name: "__mro_entries__",
        func: m_mro_entries,
        flags: 0,
    },
    MethodDef {
        name: "__instancecheck__",
        func: m_instancecheck,
        flags: 0,
    },
    MethodDef {
        name: "__subclasscheck__",
        func: m_subclasscheck,
        flags: 0,
    },
    MethodDef {
        name: "__reduce__",
        func: m_reduce,
        flags: 0,
    },
    MethodDef {
        name: "__dir__",
        func: m_dir,
        flags: 0,
    },
    MethodDef {
        name: "__or__",
        func: m_or,
        flags: 0,
    },
    MethodDef {
        name: "__ror__",
        func: m_ror,
        flags: 0,
    },
];

/// `types.GenericAlias`.
pub static GENERIC_ALIAS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "types.GenericAlias",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &GENERIC_ALIAS_VTABLE,
    slots: Slots {
        repr: Some(ga_repr),
        hash: Some(ga_hash),
        richcompare: Some(ga_richcompare),
        call: Some(ga_call),
        getattr: Some(ga_getattr),
        setattr: Some(ga_setattr),
        getitem: Some(ga_getitem),
        iter: Some(ga_iter),
        new: Some(ga_new),
        number: crate::object::NumberSlots {
            or: Some(crate::objects::union::union_or),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &GENERIC_ALIAS_METHODS,
    doc: "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
};

/// `cls.__class_getitem__(item)` of the builtin generic classes: `cls[item]` as an alias.
pub fn class_getitem(
    vm: &Vm,
    cls: &ObjRef,
    owner: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [item] = parse::<1>(
        vm,
        &format!("{owner}.__class_getitem__"),
        Sig::One,
        args,
        kw,
    )?;
    // Through an instance (`[].__class_getitem__`), the method still takes its class.
    let cls = if cls.as_type().is_some() {
        cls.clone()
    } else {
        cls.type_object()
    };
    new_generic_alias(vm, cls, &item.unwrap_or_else(none::none))
}

/// A `__class_getitem__` method definition for the builtin class `$owner`.
#[macro_export]
macro_rules! class_getitem_def {
    ($owner:literal) => {
        $crate::object::MethodDef {
            name: "__class_getitem__",
            func: |vm, cls, args, kw| {
                $crate::objects::genericalias::class_getitem(vm, cls, $owner, args, kw)
            },
            flags: $crate::object::typeobj::methflags::METH_CLASS,
        }
    };
}
