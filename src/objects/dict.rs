//! `dict`: an insertion-ordered hash table; its index and entries live in the heap.

use crate::object::{
    new_object, DictTable, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::none::none;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyErr, PyResult, Vm};
use arenapy_allocators::AllocError;

/// Payload of a dict.
pub struct DictObject {
    table: DictTable,
}

impl PyPayload for DictObject {
    const IS_CONTAINER: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        self.table.traverse(visit)
    }

    fn clear(&self) -> Vec<ObjRef> {
        self.table.take_all()
    }
}

static DICT_VTABLE: PayloadVTable = PayloadVTable::of::<DictObject>();

/// A new empty dict.
pub fn new_dict() -> Result<ObjRef, AllocError> {
    new_object(
        &DICT_TYPE,
        DictObject {
            table: DictTable::new(),
        },
    )
}

/// The table of a dict.
#[inline]
pub fn table(obj: &ObjRef) -> Option<&DictTable> {
    obj.downcast::<DictObject>().map(|d| &d.table)
}

fn eq_fn(vm: &Vm) -> impl FnMut(&ObjRef, &ObjRef) -> Result<bool, PyErr> + '_ {
    move |a, b| ops::eq(vm, a, b)
}

/// `d[key]`, or `None` when missing.
pub fn get_item(vm: &Vm, d: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
    let t = table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let h = ops::hash(vm, key)?;
    t.get(h, key, &mut eq_fn(vm))
}

/// `d[name]` for a str key given as Rust text.
pub fn get_str(vm: &Vm, d: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let key = vm.intern(name)?;
    get_item(vm, d, &key)
}

/// `d[key] = value`.
pub fn set_item(vm: &Vm, d: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
    let t = table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let h = ops::hash(vm, &key)?;
    let old = t.insert(h, key, value, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
    drop(old);
    Ok(())
}

/// `d[name] = value` for a str key given as Rust text.
pub fn set_str(vm: &Vm, d: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
    let key = vm.intern(name)?;
    set_item(vm, d, key, value)
}

/// `del d[key]`; returns whether the key was there.
pub fn del_item(vm: &Vm, d: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    let t = table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let h = ops::hash(vm, key)?;
    let removed = t.remove(h, key, &mut eq_fn(vm))?;
    Ok(removed.is_some())
}

/// Every (key, value), in insertion order.
pub fn items(d: &ObjRef) -> Vec<(ObjRef, ObjRef)> {
    table(d).map(|t| t.items()).unwrap_or_default()
}

/// Empties a dict, returning the references it held (for the caller to drop).
pub fn take_all(d: &ObjRef) -> Vec<ObjRef> {
    table(d).map(|t| t.take_all()).unwrap_or_default()
}

fn dict_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let entries = items(obj);
    if entries.is_empty() {
        return crate::objects::str::new_str_vm(vm, "{}");
    }
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return crate::objects::str::new_str_vm(vm, "{...}");
    }
    let mut out = String::from("{");
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&ops::repr_string(vm, k)?);
        out.push_str(": ");
        out.push_str(&ops::repr_string(vm, v)?);
    }
    out.push('}');
    crate::objects::str::new_str_vm(vm, &out)
}

fn dict_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(table(obj).map_or(0, |t| t.len()))
}

fn dict_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    get_item(vm, obj, key)?.ok_or_else(|| vm.key_error(key.clone()))
}

fn dict_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    match value {
        Some(v) => set_item(vm, obj, key.clone(), v.clone()),
        None => {
            if del_item(vm, obj, key)? {
                Ok(())
            } else {
                Err(vm.key_error(key.clone()))
            }
        }
    }
}

fn dict_contains(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    Ok(get_item(vm, obj, key)?.is_some())
}

fn dict_bool(_vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(table(obj).is_some_and(|t| !t.is_empty()))
}

fn dict_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_dict_iter(vm, obj, crate::objects::iter::DictIterKind::Keys)
}

fn dict_richcompare(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::compiler::opcode::CompareOp,
) -> PyResult<ObjRef> {
    use crate::compiler::opcode::CompareOp;
    if table(b).is_none() || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::objects::none::not_implemented());
    }
    let (x, y) = (items(a), items(b));
    let mut equal = x.len() == y.len();
    if equal {
        for (k, v) in &x {
            match get_item(vm, b, k)? {
                Some(w) if ops::eq(vm, v, &w)? => {}
                _ => {
                    equal = false;
                    break;
                }
            }
        }
    }
    Ok(crate::objects::boolobj::new_bool(
        equal == (op == CompareOp::Eq),
    ))
}

fn m_get(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    match args {
        [k] => Ok(get_item(vm, this, k)?.unwrap_or_else(none)),
        [k, default] => Ok(get_item(vm, this, k)?.unwrap_or_else(|| default.clone())),
        _ => Err(vm.type_error(&format!(
            "get expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn m_view(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kind: crate::objects::iter::DictIterKind,
) -> PyResult<ObjRef> {
    if !args.is_empty() {
        return Err(vm.type_error("method takes no arguments"));
    }
    // Views arrive with the object-model issue; until then these return lists of snapshots.
    let entries = items(this);
    let out: PyResult<Vec<ObjRef>> = entries
        .into_iter()
        .map(|(k, v)| match kind {
            crate::objects::iter::DictIterKind::Keys => Ok(k),
            crate::objects::iter::DictIterKind::Values => Ok(v),
            crate::objects::iter::DictIterKind::Items => {
                crate::objects::tuple::new_tuple(vm, vec![k, v])
            }
        })
        .collect();
    crate::objects::list::new_list(vm, out?)
}

fn m_keys(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    m_view(vm, this, args, crate::objects::iter::DictIterKind::Keys)
}
fn m_values(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    m_view(vm, this, args, crate::objects::iter::DictIterKind::Values)
}
fn m_items(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    m_view(vm, this, args, crate::objects::iter::DictIterKind::Items)
}

static DICT_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "get",
        func: m_get,
    },
    MethodDef {
        name: "keys",
        func: m_keys,
    },
    MethodDef {
        name: "values",
        func: m_values,
    },
    MethodDef {
        name: "items",
        func: m_items,
    },
];

/// `dict`.
pub static DICT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    name: "dict",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &DICT_VTABLE,
    slots: Slots {
        repr: Some(dict_repr),
        richcompare: Some(dict_richcompare),
        len: Some(dict_len),
        getitem: Some(dict_getitem),
        setitem: Some(dict_setitem),
        contains: Some(dict_contains),
        iter: Some(dict_iter),
        new: Some(dict_new),
        number: crate::object::NumberSlots {
            bool: Some(dict_bool),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &DICT_METHODS,
    doc: "dict() -> new empty dictionary",
};

/// Creates a dict for the VM (MemoryError on exhaustion).
pub fn new_dict_vm(vm: &Vm) -> PyResult<ObjRef> {
    new_dict().or_mem(vm)
}

fn dict_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    crate::vm::args::check_count(vm, "dict", pos, 0, 1)?;
    let d = new_object(ty, DictObject { table: DictTable::new() }).or_mem(vm)?;
    if let Some(src) = pos.first() {
        if table(src).is_some() {
            for (k, v) in items(src) {
                set_item(vm, &d, k, v)?;
            }
        } else {
            for (i, pair) in ops::collect_iterable(vm, src)?.into_iter().enumerate() {
                let kv = ops::collect_iterable(vm, &pair)?;
                let [k, v] = <[ObjRef; 2]>::try_from(kv).map_err(|kv| {
                    vm.value_error(&format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        kv.len()
                    ))
                })?;
                set_item(vm, &d, k, v)?;
            }
        }
    }
    for (name, value) in kw {
        set_item(vm, &d, vm.intern(name)?, value.clone())?;
    }
    Ok(d)
}
