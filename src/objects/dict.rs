//! `dict`: an insertion-ordered hash table; its index and entries live in the heap.

use crate::object::{
    new_object, DictTable, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::dict_methods as dm;
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

    fn clear(&self) -> Vec<ObjRef> {
        self.table.take_all()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`table`), each once, and does nothing else.
unsafe impl crate::object::Traverse for DictObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.table.traverse(visit)
    }
}

static DICT_VTABLE: PayloadVTable = PayloadVTable::of::<DictObject>();

/// A new empty dict (untracked until it holds a container, as in CPython).
pub fn new_dict() -> Result<ObjRef, AllocError> {
    let d = new_object(
        &DICT_TYPE,
        DictObject {
            table: DictTable::new(),
        },
    )?;
    d.untrack();
    Ok(d)
}

fn holds_container(d: &ObjRef) -> bool {
    crate::gc::collect::holds_trackable(d)
}

/// CPython's `MAINTAIN_TRACKING`: an untracked dict becomes tracked when it gets a container.
fn maintain_tracking(d: &ObjRef, key: &ObjRef, value: &ObjRef) {
    if d.is_tracked() {
        return;
    }
    if crate::gc::collect::may_be_tracked(key) || crate::gc::collect::may_be_tracked(value) {
        d.track();
    }
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
    maintain_tracking(d, &key, &value);
    let old = t.insert(h, key, value, &mut eq_fn(vm), |e| vm.alloc_err(e))?;
    drop(old);
    Ok(())
}

/// `d[key] = value` where entry `pos` is thought to hold `key` (an inline cache's hint):
/// `Ok(old value)` for the caller to drop, `Err(value)` given back when the hint is stale.
pub fn replace_at_hint(
    d: &ObjRef,
    pos: usize,
    key: &ObjRef,
    value: ObjRef,
) -> Result<ObjRef, ObjRef> {
    let Some(t) = table(d) else {
        return Err(value);
    };
    maintain_tracking(d, key, &value);
    t.replace_at_hint(pos, key, value)
}

/// `d.setdefault(key, default)`: what is stored under `key`, storing `default` if nothing is.
pub fn setdefault(vm: &Vm, d: &ObjRef, key: ObjRef, default: ObjRef) -> PyResult<ObjRef> {
    let t = table(d).ok_or_else(|| vm.type_error("expected a dict"))?;
    let h = ops::hash(vm, &key)?;
    maintain_tracking(d, &key, &default);
    t.setdefault(h, key, default, &mut eq_fn(vm), |e| vm.alloc_err(e))
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

/// After `d`'s table was filled other than through [`set_item`]: tracked if it holds a
/// container.
fn retrack(d: &ObjRef) {
    if !d.is_tracked() && holds_container(d) {
        d.track();
    }
}

/// The start of CPython's `dict_merge` of the dict `src` into `target`, which shapes the
/// result's table as CPython's: an empty `target` takes a compact `src`'s layout as it is
/// (then nothing is left to do: `true`), else `target` is resized once for what may come.
/// Also `true` when there is nothing to merge.
pub fn begin_merge(vm: &Vm, target: &ObjRef, src: &ObjRef) -> PyResult<bool> {
    let (Some(t), Some(s)) = (table(target), table(src)) else {
        return Ok(false);
    };
    if target.is(src) || s.is_empty() {
        return Ok(true);
    }
    if t.is_empty() && s.merges_as_is() {
        t.copy_layout(s).map_err(|e| vm.alloc_err(e))?;
        retrack(target);
        return Ok(true);
    }
    t.reserve_for_merge(s.len(), s.is_str_only())
        .map_err(|e| vm.alloc_err(e))?;
    Ok(false)
}

/// A shallow copy of a dict (CPython's `PyDict_Copy`): a table with few holes is copied as
/// it is, holes included; another is merged into a new dict, which compacts it.
pub fn copy(vm: &Vm, d: &ObjRef) -> PyResult<ObjRef> {
    let new = new_dict_vm(vm)?;
    let Some(t) = table(d) else {
        return Ok(new);
    };
    if t.copies_as_is() {
        if let Some(n) = table(&new) {
            n.copy_layout(t).map_err(|e| vm.alloc_err(e))?;
        }
        retrack(&new);
        return Ok(new);
    }
    if !begin_merge(vm, &new, d)? {
        for (k, v) in items(d) {
            set_item(vm, &new, k, v)?;
        }
    }
    Ok(new)
}

/// Sizes the new, empty dict of a dict display for its keys (CPython's `_PyDict_FromItems`:
/// room for them all, a str-only table if they are all exact str).
pub fn presize_display<'a>(
    vm: &Vm,
    d: &ObjRef,
    keys: impl ExactSizeIterator<Item = &'a ObjRef>,
) -> PyResult<()> {
    let Some(t) = table(d) else { return Ok(()) };
    let n = keys.len();
    let mut keys = keys;
    let unicode = keys.all(|k| std::ptr::eq(k.ob_type(), &crate::objects::str::STR_TYPE));
    t.reserve_display(n, unicode).map_err(|e| vm.alloc_err(e))
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
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, k)?)?;
        out.push_str(": ");
        crate::vm::storage::push_str(vm, &mut out, &ops::repr_string(vm, v)?)?;
    }
    out.push('}');
    crate::objects::str::new_str_vm(vm, &out)
}

fn dict_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(table(obj).map_or(0, |t| t.len()))
}

fn dict_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    if let Some(v) = get_item(vm, obj, key)? {
        return Ok(v);
    }
    // A subclass's `__missing__` supplies absent keys (CPython's `dict_subscript`).
    if obj.ob_type().is_heap_type() {
        if let Some(v) =
            crate::vm::attr::call_special(vm, obj, "__missing__", std::slice::from_ref(key))?
        {
            return Ok(v);
        }
    }
    Err(vm.key_error(key.clone()))
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

fn dict_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_dict_iter(vm, obj, crate::objects::iter::DictIterKind::Keys)
}

fn dict_richcompare(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    op: crate::object::CompareOp,
) -> PyResult<ObjRef> {
    use crate::object::CompareOp;
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

static DICT_METHODS: [MethodDef; 16] = [
    crate::class_getitem_def!("dict"),
    MethodDef {
        name: "__init__",
        func: dict_init,
        flags: 0,
    },
    MethodDef {
        name: "clear",
        func: dm::m_clear,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: dm::m_copy,
        flags: 0,
    },
    MethodDef {
        name: "get",
        func: dm::m_get,
        flags: 0,
    },
    MethodDef {
        name: "items",
        func: dm::m_items,
        flags: 0,
    },
    MethodDef {
        name: "keys",
        func: dm::m_keys,
        flags: 0,
    },
    MethodDef {
        name: "pop",
        func: dm::m_pop,
        flags: 0,
    },
    MethodDef {
        name: "popitem",
        func: dm::m_popitem,
        flags: 0,
    },
    MethodDef {
        name: "setdefault",
        func: dm::m_setdefault,
        flags: 0,
    },
    MethodDef {
        name: "update",
        func: dm::m_update,
        flags: 0,
    },
    MethodDef {
        name: "values",
        func: dm::m_values,
        flags: 0,
    },
    MethodDef {
        name: "fromkeys",
        func: dm::m_fromkeys,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "__reversed__",
        func: dm::m_reversed,
        flags: 0,
    },
    MethodDef {
        name: "__contains__",
        func: dm::m_contains,
        flags: 0,
    },
    MethodDef {
        name: "__getitem__",
        func: m_getitem,
        flags: 0,
    },
];

fn m_getitem(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "__getitem__", kw)?;
    let [key] = args else {
        return Err(vm.type_error(&format!(
            "dict.__getitem__() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    dict_getitem(vm, this, key)
}

/// `dict`.
pub static DICT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
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
            or: Some(dm::dict_or),
            inplace_or: Some(dm::dict_ior),
            ..crate::object::NumberSlots::EMPTY
        },
        untrack_atomic: Some(crate::object::typeobj::AtomicUntrack::Mutable),
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
    let d = if std::ptr::eq(ty, &DICT_TYPE) {
        new_dict_vm(vm)?
    } else {
        let payload = DictObject {
            table: DictTable::new(),
        };
        new_object(ty, payload).or_mem(vm)?
    };
    dm::update_args(vm, "dict", &d, args, kwnames, false)?;
    Ok(d)
}

/// `dict.__init__(*args, **kwargs)`: updates the dict (as CPython, without emptying it).
fn dict_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    dm::update_args(vm, "dict", this, args, kw, true)?;
    Ok(crate::objects::none::none())
}
