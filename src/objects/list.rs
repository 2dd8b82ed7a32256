//! `list`: a mutable sequence; its item storage comes from the interpreter's heap.

use crate::compiler::opcode::CompareOp;
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, ObjVec, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::none::{none, not_implemented};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a list.
pub struct ListObject {
    items: ObjVec,
}

impl PyPayload for ListObject {
    const IS_CONTAINER: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        self.items.traverse(visit)
    }

    fn clear(&self) -> Vec<ObjRef> {
        self.items.take_all()
    }
}

static LIST_VTABLE: PayloadVTable = PayloadVTable::of::<ListObject>();

/// A new list holding `items`.
pub fn new_list(vm: &Vm, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    let items = ObjVec::from_vec(items).or_mem(vm)?;
    new_object(&LIST_TYPE, ListObject { items }).or_mem(vm)
}

/// The items of a list.
#[inline]
pub fn storage(obj: &ObjRef) -> Option<&ObjVec> {
    obj.downcast::<ListObject>().map(|l| &l.items)
}

/// Appends to a list.
pub fn append(vm: &Vm, list: &ObjRef, item: ObjRef) -> PyResult<()> {
    let v = storage(list).ok_or_else(|| vm.type_error("expected a list"))?;
    v.push(item).map_err(|(e, _)| vm.alloc_err(e))
}

fn list_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let Some(v) = storage(obj) else {
        return Err(vm.type_error("expected a list"));
    };
    if v.is_empty() {
        return crate::objects::str::new_str_vm(vm, "[]");
    }
    let guard = ops::ReprGuard::enter(vm, obj);
    if guard.is_none() {
        return crate::objects::str::new_str_vm(vm, "[...]");
    }
    let mut out = String::from("[");
    let mut i = 0;
    while let Some(item) = v.get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&ops::repr_string(vm, &item)?);
        i += 1;
    }
    out.push(']');
    crate::objects::str::new_str_vm(vm, &out)
}

fn list_len(_vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    Ok(storage(obj).map_or(0, |v| v.len()))
}

fn list_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let v = storage(obj).ok_or_else(|| vm.type_error("expected a list"))?;
    if let Some(indices) = ops::slice_indices(vm, key, v.len())? {
        let items = v.snapshot();
        return new_list(vm, indices.iter().map(|i| items[i].clone()).collect());
    }
    let i = ops::sequence_index(vm, key, v.len(), "list")?;
    v.get(i)
        .ok_or_else(|| vm.index_error("list index out of range"))
}

fn list_setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    let v = storage(obj).ok_or_else(|| vm.type_error("expected a list"))?;
    let what = if value.is_some() {
        "list assignment"
    } else {
        "list"
    };
    let i = ops::sequence_index(vm, key, v.len(), what)?;
    match value {
        Some(value) => {
            let old = v.set(i, value.clone());
            drop(old);
            Ok(())
        }
        None => {
            drop(v.remove(i));
            Ok(())
        }
    }
}

fn list_contains(vm: &Vm, obj: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    let v = storage(obj).ok_or_else(|| vm.type_error("expected a list"))?;
    let mut i = 0;
    while let Some(x) = v.get(i) {
        if ops::eq(vm, &x, item)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn list_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (storage(a), storage(b)) else {
        return Ok(not_implemented());
    };
    ops::compare_sequences(vm, &x.snapshot(), &y.snapshot(), op)
}

fn list_add(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (storage(a), storage(b)) else {
        return Ok(not_implemented());
    };
    let mut items = x.snapshot();
    items.extend(y.snapshot());
    new_list(vm, items)
}

fn list_mul(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let (v, n) = match (storage(a), storage(b)) {
        (Some(v), None) => (v, b),
        (None, Some(v)) => (v, a),
        _ => return Ok(not_implemented()),
    };
    let Some(n) = crate::objects::int::as_i64(n) else {
        return Ok(not_implemented());
    };
    let items = v.snapshot();
    let n = n.max(0) as usize;
    if items
        .len()
        .checked_mul(n)
        .is_none_or(|t| t > (isize::MAX as usize) / 16)
    {
        return Err(vm.memory_error_err());
    }
    let mut out = Vec::new();
    out.try_reserve_exact(items.len() * n)
        .map_err(|_| vm.memory_error_err())?;
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    new_list(vm, out)
}

fn list_iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    crate::objects::iter::new_seq_iter(vm, obj)
}

fn list_bool(_vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(storage(obj).is_some_and(|v| !v.is_empty()))
}

fn m_append(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [item] = args else {
        return Err(vm.type_error(&format!(
            "list.append() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    append(vm, this, item.clone())?;
    Ok(none())
}

fn m_pop(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let v = storage(this).ok_or_else(|| vm.type_error("expected a list"))?;
    if v.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match args {
        [] => v.len() - 1,
        [k] => ops::sequence_index(vm, k, v.len(), "pop")?,
        _ => {
            return Err(vm.type_error(&format!(
                "pop expected at most 1 argument, got {}",
                args.len()
            )))
        }
    };
    v.remove(i)
        .ok_or_else(|| vm.index_error("pop index out of range"))
}

fn m_extend(vm: &Vm, this: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [iterable] = args else {
        return Err(vm.type_error(&format!(
            "list.extend() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    for item in ops::collect_iterable(vm, iterable)? {
        append(vm, this, item)?;
    }
    Ok(none())
}

static LIST_METHODS: [MethodDef; 3] = [
    MethodDef {
        name: "append",
        func: m_append,
    },
    MethodDef {
        name: "pop",
        func: m_pop,
    },
    MethodDef {
        name: "extend",
        func: m_extend,
    },
];

/// `list`.
pub static LIST_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    name: "list",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &LIST_VTABLE,
    slots: Slots {
        repr: Some(list_repr),
        richcompare: Some(list_richcompare),
        len: Some(list_len),
        getitem: Some(list_getitem),
        setitem: Some(list_setitem),
        contains: Some(list_contains),
        iter: Some(list_iter),
        new: Some(list_new),
        number: crate::object::NumberSlots {
            add: Some(list_add),
            multiply: Some(list_mul),
            bool: Some(list_bool),
            ..crate::object::NumberSlots::EMPTY
        },
        ..Slots::EMPTY
    },
    methods: &LIST_METHODS,
    doc: "Built-in mutable sequence.",
};

fn list_new(
    vm: &Vm,
    ty: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "list", kwnames)?;
    crate::vm::args::check_count(vm, "list", args, 0, 1)?;
    let items = match args.first() {
        None => Vec::new(),
        Some(x) => ops::collect_iterable(vm, x)?,
    };
    let items = ObjVec::from_vec(items).or_mem(vm)?;
    new_object(ty, ListObject { items }).or_mem(vm)
}
