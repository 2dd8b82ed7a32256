//! The dict views `dict_keys`, `dict_values` and `dict_items` (CPython's `dictview` types in
//! `Objects/dictobject.c`): live windows on a dict with `len`, iteration, `in`, `reversed`,
//! and, for keys and items, the set operators and comparisons.

use crate::object::CompareOp;
use crate::object::{
    new_object, MethodDef, NumberSlots, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::boolobj::new_bool;
use crate::objects::iter::{new_dict_iter, new_dict_reverse_iter, DictIterKind};
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, set, set_ops, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a dict view: the dict it shows and what it shows of it.
pub struct DictView {
    dict: ObjRef,
    kind: DictIterKind,
}

impl PyPayload for DictView {
    const IS_CONTAINER: bool = true;
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`dict`), each once, and does nothing else.
unsafe impl crate::object::Traverse for DictView {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        visit(&self.dict)
    }
}

static VIEW_VTABLE: PayloadVTable = PayloadVTable::of::<DictView>();

/// A new view of `d`.
pub fn new_view(vm: &Vm, d: &ObjRef, kind: DictIterKind) -> PyResult<ObjRef> {
    let ty = match kind {
        DictIterKind::Keys => &DICT_KEYS_TYPE,
        DictIterKind::Values => &DICT_VALUES_TYPE,
        DictIterKind::Items => &DICT_ITEMS_TYPE,
    };
    new_object(
        ty,
        DictView {
            dict: d.clone(),
            kind,
        },
    )
    .or_mem(vm)
}

fn view(obj: &ObjRef) -> Option<&DictView> {
    obj.downcast::<DictView>()
}

/// Whether `obj` is a keys or items view (the set-like ones).
fn is_set_like_view(obj: &ObjRef) -> bool {
    view(obj).is_some_and(|v| v.kind != DictIterKind::Values)
}

fn view_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(view(obj)
        .and_then(|v| dict::table(&v.dict))
        .map_or(0, |t| t.len()))
}

fn view_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let v = view(obj).ok_or_else(|| vm.type_error("expected a dict view"))?;
    new_dict_iter(vm, &v.dict, v.kind)
}

fn view_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let v = view(obj).ok_or_else(|| vm.type_error("expected a dict view"))?;
    match v.kind {
        DictIterKind::Keys => Ok(dict::get_item(vm, &v.dict, item)?.is_some()),
        DictIterKind::Items => {
            let Some([k, value]) =
                tuple::items(item).and_then(|t| <&[ObjRef; 2]>::try_from(t).ok())
            else {
                return Ok(false);
            };
            match dict::get_item(vm, &v.dict, k)? {
                Some(found) => ops::eq(vm, &found, value),
                None => Ok(false),
            }
        }
        DictIterKind::Values => {
            for (_, x) in dict::items(&v.dict) {
                if ops::eq(vm, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn view_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return pystr::new_str_vm(vm, "...");
    }
    let items = ops::collect_iterable(vm, obj)?;
    let l = crate::objects::list::new_list(vm, items)?;
    let inner = ops::repr_string(vm, &l)?;
    pystr::new_str_vm(vm, &format!("{}({})", obj.ob_type().name(), inner))
}

/// Whether every item of `a` is in `b` (CPython's `all_contained_in`).
fn all_contained_in(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    let it = ops::iter(vm, a)?;
    while let Some(x) = ops::next(vm, &it)? {
        if !ops::contains(vm, b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if !is_set_like_view(a) || !(set::table(b).is_some() || is_set_like_view(b)) {
        return Ok(not_implemented());
    }
    let la = view_len(vm, a)?;
    let lb = match b.ob_type().slots.len {
        Some(f) => f(vm, b)?,
        None => 0,
    };
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            (la == lb && all_contained_in(vm, a, b)?) == (op == CompareOp::Eq)
        }
        CompareOp::Lt => la < lb && all_contained_in(vm, a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(vm, a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(vm, b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(vm, b, a)?,
        CompareOp::AlmostEq => return Ok(not_implemented()),
    };
    Ok(new_bool(r))
}

/// `set(a)` for the left operand of a view operator.
fn set_of(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    set::new_set_of_type(vm, &set::SET_TYPE, Some(a))
}

fn view_sub(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_set_like_view(a) && !is_set_like_view(b) {
        return Ok(not_implemented());
    }
    let result = set_of(vm, a)?;
    set_ops::difference_update_internal(vm, &result, b)?;
    Ok(result)
}

fn view_or(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_set_like_view(a) && !is_set_like_view(b) {
        return Ok(not_implemented());
    }
    let result = set_of(vm, a)?;
    set_ops::update_internal(vm, &result, b)?;
    Ok(result)
}

fn view_xor(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    if !is_set_like_view(a) && !is_set_like_view(b) {
        return Ok(not_implemented());
    }
    let result = set_of(vm, a)?;
    set_ops::symmetric_difference_update(vm, &result, b)?;
    Ok(result)
}

/// `a & b` with a view on either side (CPython's `_PyDictView_Intersect`).
fn view_and(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (this, other) = if is_set_like_view(a) {
        (a, b)
    } else if is_set_like_view(b) {
        (b, a)
    } else {
        return Ok(not_implemented());
    };
    let len_this = view_len(vm, this)?;
    let other_is_small_enough = if let Some(t) = set::table(other) {
        std::ptr::eq(other.ob_type(), &set::SET_TYPE) && len_this <= t.len()
    } else {
        is_set_like_view(other) && len_this <= view_len(vm, other)?
    };
    if other_is_small_enough {
        let result = set::new_set(vm)?;
        let it = ops::iter(vm, this)?;
        while let Some(x) = ops::next(vm, &it)? {
            if ops::contains(vm, other, &x)? {
                set::add(vm, &result, x)?;
            }
        }
        return Ok(result);
    }
    let result = set_of(vm, this)?;
    let tmp = set_ops::intersection(vm, &result, other)?;
    set_ops::replace_contents(vm, &result, &tmp)?;
    Ok(result)
}

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    if !args.is_empty() {
        return Err(vm.type_error(&format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(())
}

fn m_reversed(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__reversed__", args, kw)?;
    let v = view(this).ok_or_else(|| vm.type_error("expected a dict view"))?;
    new_dict_reverse_iter(vm, &v.dict, v.kind)
}

fn m_isdisjoint(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "isdisjoint", kw)?;
    let [other] = args else {
        return Err(vm.type_error(&format!(
            "isdisjoint() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let it = ops::iter(vm, other)?;
    while let Some(x) = ops::next(vm, &it)? {
        if view_contains(vm, this, &x)? {
            return Ok(new_bool(false));
        }
    }
    Ok(new_bool(true))
}

static SET_LIKE_METHODS: [MethodDef; 2] = [
    MethodDef {
        name: "isdisjoint",
        func: m_isdisjoint,
        flags: 0,
    },
    MethodDef {
        name: "__reversed__",
        func: m_reversed,
        flags: 0,
    },
];

static VALUES_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__reversed__",
    func: m_reversed,
    flags: 0,
}];

const SET_LIKE_NUMBER: NumberSlots = NumberSlots {
    subtract: Some(view_sub),
    and: Some(view_and),
    or: Some(view_or),
    xor: Some(view_xor),
    ..NumberSlots::EMPTY
};

const VIEW_SLOTS: Slots = Slots {
    repr: Some(view_repr),
    len: Some(view_len),
    iter: Some(view_iter),
    contains: Some(view_contains),
    ..Slots::EMPTY
};

/// `view.mapping`: a read-only proxy of the dict the view shows.
fn view_mapping(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    match view(obj) {
        Some(v) => crate::objects::mappingproxy::new_mappingproxy(vm, v.dict.clone()).map(Some),
        None => Ok(None),
    }
}

static VIEW_GETSET: [crate::object::GetSetDef; 1] = [crate::object::GetSetDef {
    name: "mapping",
    get: view_mapping,
    set: Some(crate::objects::getset::readonly),
}];

/// `dict_keys`.
pub static DICT_KEYS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &VIEW_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "dict_keys",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &VIEW_VTABLE,
    slots: Slots {
        richcompare: Some(view_richcompare),
        number: SET_LIKE_NUMBER,
        ..VIEW_SLOTS
    },
    methods: &SET_LIKE_METHODS,
    doc: "",
};

/// `dict_items`.
pub static DICT_ITEMS_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &VIEW_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "dict_items",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &VIEW_VTABLE,
    slots: Slots {
        richcompare: Some(view_richcompare),
        number: SET_LIKE_NUMBER,
        ..VIEW_SLOTS
    },
    methods: &SET_LIKE_METHODS,
    doc: "",
};

/// `dict_values`.
pub static DICT_VALUES_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &VIEW_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "dict_values",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &VIEW_VTABLE,
    slots: VIEW_SLOTS,
    methods: &VALUES_METHODS,
    doc: "",
};
