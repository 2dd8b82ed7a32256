//! The `_heapq` module: the binary min-heap primitives `Lib/heapq.py` imports (`heappush`,
//! `heappop`, `heapify`, `heapreplace`, `heappushpop`) and the max-heap helpers `merge` and
//! `nlargest` use (`_heapify_max`, `_heappop_max`, `_heapreplace_max`).
//!
//! The heap is a `list`, edited in place through its storage. Comparisons are `<` only, as in
//! CPython; since a comparison can run Python code that changes the list, every step checks
//! that the list kept its size and raises CPython's `RuntimeError` otherwise.

use crate::object::{CompareOp, ObjRef, ObjVec};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{list, module, none, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// Which ordering the heap keeps: the smallest item first, or the largest.
#[derive(Clone, Copy)]
enum Order {
    Min,
    Max,
}

/// `a < b` (CPython's `PyObject_RichCompareBool(a, b, Py_LT)`).
fn less(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    let r = ops::richcompare(vm, a, b, CompareOp::Lt)?;
    ops::truthy(vm, &r)
}

/// Whether `a` belongs above `b` in a heap of `order`.
fn before(vm: &Vm, order: Order, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    match order {
        Order::Min => less(vm, a, b),
        Order::Max => less(vm, b, a),
    }
}

fn changed(vm: &Vm) -> crate::vm::PyErr {
    vm.new_error(
        &crate::objects::exceptions::RUNTIME_ERROR,
        "list changed size during iteration",
    )
}

fn out_of_range(vm: &Vm) -> crate::vm::PyErr {
    vm.index_error("index out of range")
}

fn item(vm: &Vm, v: &ObjVec, i: usize) -> PyResult<ObjRef> {
    v.get(i).ok_or_else(|| out_of_range(vm))
}

fn swap(v: &ObjVec, i: usize, j: usize) {
    if let (Some(a), Some(b)) = (v.get(i), v.get(j)) {
        let _ = v.set(i, b);
        let _ = v.set(j, a);
    }
}

/// Moves the item at `pos` up towards `start` while it belongs above its parent.
fn sift_down(vm: &Vm, v: &ObjVec, order: Order, start: usize, mut pos: usize) -> PyResult<()> {
    let size = v.len();
    if pos >= size {
        return Err(out_of_range(vm));
    }
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let new_item = item(vm, v, pos)?;
        let parent = item(vm, v, parent_pos)?;
        let up = before(vm, order, &new_item, &parent)?;
        if size != v.len() {
            return Err(changed(vm));
        }
        if !up {
            break;
        }
        swap(v, parent_pos, pos);
        pos = parent_pos;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf along the path of preferred children, then back up
/// to its place (the "bottom-up" variant CPython uses).
fn sift_up(vm: &Vm, v: &ObjVec, order: Order, mut pos: usize) -> PyResult<()> {
    let end = v.len();
    let start = pos;
    if pos >= end {
        return Err(out_of_range(vm));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let a = item(vm, v, child)?;
            let b = item(vm, v, child + 1)?;
            if !before(vm, order, &a, &b)? {
                child += 1;
            }
            if end != v.len() {
                return Err(changed(vm));
            }
        }
        if end != v.len() {
            return Err(changed(vm));
        }
        swap(v, child, pos);
        pos = child;
    }
    sift_down(vm, v, order, start, pos)
}

/// The list argument of a `METH_O` function, or CPython's message for anything else.
fn heap_one<'a>(vm: &Vm, name: &str, heap: &'a ObjRef) -> PyResult<&'a ObjVec> {
    list::storage(heap).ok_or_else(|| {
        vm.type_error(&format!(
            "{name}() argument must be list, not {}",
            heap.ob_type().name()
        ))
    })
}

/// The list first argument of a two-argument function.
fn heap_first<'a>(vm: &Vm, name: &str, heap: &'a ObjRef) -> PyResult<&'a ObjVec> {
    list::storage(heap).ok_or_else(|| {
        vm.type_error(&format!(
            "{name}() argument 1 must be list, not {}",
            heap.ob_type().name()
        ))
    })
}

fn one_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, &format!("_heapq.{name}"), Sig::One, args, kw)?;
    a.ok_or_else(|| vm.type_error("missing argument"))
}

fn two_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<[ObjRef; 2]> {
    let [a, b] = parse::<2>(vm, name, Sig::Clinic(2, 2), args, kw)?;
    match (a, b) {
        (Some(a), Some(b)) => Ok([a, b]),
        _ => Err(vm.type_error("missing argument")),
    }
}

fn push_item(vm: &Vm, v: &ObjVec, x: ObjRef) -> PyResult<()> {
    v.push(x).map_err(|(e, _)| vm.alloc_err(e))
}

fn h_heappush(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [heap, x] = two_args(vm, "heappush", args, kw)?;
    let v = heap_first(vm, "heappush", &heap)?;
    push_item(vm, v, x)?;
    sift_down(vm, v, Order::Min, 0, v.len() - 1)?;
    Ok(none::none())
}

fn pop(
    vm: &Vm,
    name: &str,
    order: Order,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let heap = one_arg(vm, name, args, kw)?;
    let v = heap_one(vm, name, &heap)?;
    let last = v.pop().ok_or_else(|| out_of_range(vm))?;
    if v.is_empty() {
        return Ok(last);
    }
    let top = v.set(0, last).unwrap_or_else(|x| x);
    sift_up(vm, v, order, 0)?;
    Ok(top)
}

fn h_heappop(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    pop(vm, "heappop", Order::Min, args, kw)
}

fn h_heappop_max(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    pop(vm, "_heappop_max", Order::Max, args, kw)
}

fn replace(
    vm: &Vm,
    name: &str,
    order: Order,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [heap, x] = two_args(vm, name, args, kw)?;
    let v = heap_first(vm, name, &heap)?;
    if v.is_empty() {
        return Err(out_of_range(vm));
    }
    let top = v.set(0, x).map_err(|_| out_of_range(vm))?;
    sift_up(vm, v, order, 0)?;
    Ok(top)
}

fn h_heapreplace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    replace(vm, "heapreplace", Order::Min, args, kw)
}

fn h_heapreplace_max(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    replace(vm, "_heapreplace_max", Order::Max, args, kw)
}

fn h_heappushpop(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [heap, x] = two_args(vm, "heappushpop", args, kw)?;
    let v = heap_first(vm, "heappushpop", &heap)?;
    let Some(top) = v.get(0) else {
        return Ok(x);
    };
    if !less(vm, &top, &x)? {
        return Ok(x);
    }
    if v.is_empty() {
        return Err(out_of_range(vm));
    }
    let top = v.set(0, x).map_err(|_| out_of_range(vm))?;
    sift_up(vm, v, Order::Min, 0)?;
    Ok(top)
}

fn heapify(
    vm: &Vm,
    name: &str,
    order: Order,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let heap = one_arg(vm, name, args, kw)?;
    let v = heap_one(vm, name, &heap)?;
    for i in (0..v.len() / 2).rev() {
        sift_up(vm, v, order, i)?;
    }
    Ok(none::none())
}

fn h_heapify(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    heapify(vm, "heapify", Order::Min, args, kw)
}

fn h_heapify_max(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    heapify(vm, "_heapify_max", Order::Max, args, kw)
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "heappush",
        func: h_heappush,
    },
    BuiltinDef {
        name: "heappop",
        func: h_heappop,
    },
    BuiltinDef {
        name: "heapify",
        func: h_heapify,
    },
    BuiltinDef {
        name: "heapreplace",
        func: h_heapreplace,
    },
    BuiltinDef {
        name: "heappushpop",
        func: h_heappushpop,
    },
    BuiltinDef {
        name: "_heapify_max",
        func: h_heapify_max,
    },
    BuiltinDef {
        name: "_heappop_max",
        func: h_heappop_max,
    },
    BuiltinDef {
        name: "_heapreplace_max",
        func: h_heapreplace_max,
    },
];

/// Builds `_heapq`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_heapq")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let about = pystr::new_str_vm(
        vm,
        "Heap queues: binary trees in a list where a[k] <= a[2*k+1] and a[k] <= a[2*k+2].",
    )?;
    module::set_attr(vm, &m, "__about__", about)?;
    Ok(m)
}
