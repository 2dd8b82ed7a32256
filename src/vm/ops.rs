//! The abstract object protocols (CPython's `Objects/abstract.c` and `object.c`): every
//! operation the evaluation loop performs on values, dispatched through type slots.

use super::{PyResult, Vm};
use crate::object::CompareOp;
use crate::object::ObjRef;
use crate::objects::boolobj::{as_bool, new_bool};
use crate::objects::none::{is_none, is_not_implemented};
use crate::objects::{exceptions, float, int, str as pystr};

pub use super::number_ops::{
    binary_op, binary_op_after_left, divmod, inplace_slot, number_slot, unary,
};

/// `repr(obj)` as Rust text. A `__repr__` that returns a lone surrogate (which Rust text
/// cannot hold) shows U+FFFD in its place.
pub fn repr_string(vm: &Vm, obj: &ObjRef) -> PyResult<String> {
    let r = repr(vm, obj)?;
    match pystr::as_text(&r) {
        Some(t) => Ok(t.to_lossy()),
        None => Err(vm.new_error(
            &exceptions::SYSTEM_ERROR,
            "repr() produced a non-str object",
        )),
    }
}

/// `repr(obj)`.
pub fn repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let f = obj
        .ob_type()
        .slots
        .repr
        .or(crate::objects::typetype::OBJECT_TYPE.slots.repr);
    let _depth = vm.enter_native()?;
    let r = match f {
        Some(f) => f(vm, obj)?,
        None => return Err(vm.type_error("object has no repr")),
    };
    if !pystr::is_str(&r) {
        return Err(vm.type_error(&format!(
            "__repr__ returned non-string (type {})",
            r.ob_type().name()
        )));
    }
    Ok(r)
}

/// `str(obj)`.
pub fn str(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    match obj.ob_type().slots.str {
        Some(f) => f(vm, obj),
        None => repr(vm, obj),
    }
}

/// `str(obj)` as Rust text.
pub fn str_string(vm: &Vm, obj: &ObjRef) -> PyResult<String> {
    if let Some(s) = pystr::as_str(obj) {
        return Ok(s.to_string());
    }
    let r = str(vm, obj)?;
    // A str holding a lone surrogate has no UTF-8: CPython's `PyUnicode_AsUTF8` error.
    Ok(pystr::str_utf8(vm, &r)?.unwrap_or("").to_string())
}

/// `hash(obj)`.
pub fn hash(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    match obj.ob_type().effective_hash() {
        Some(f) => f(vm, obj),
        None => Err(vm.type_error(&format!("unhashable type: '{}'", obj.ob_type().name()))),
    }
}

/// `bool(obj)`.
pub fn truthy(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    if let Some(b) = as_bool(obj) {
        return Ok(b);
    }
    if is_none(obj) {
        return Ok(false);
    }
    let slots = &obj.ob_type().slots;
    if let Some(f) = slots.number.bool {
        return f(vm, obj);
    }
    if let Some(f) = slots.len {
        return Ok(f(vm, obj)? > 0);
    }
    Ok(true)
}

/// Guards recursion in `repr` of self-referencing containers (CPython's `Py_ReprEnter`).
pub struct ReprGuard<'a> {
    vm: &'a Vm,
    addr: usize,
}

impl<'a> ReprGuard<'a> {
    /// Enters the repr of `obj`; `None` if it is already being repr'd further up.
    pub fn enter(vm: &'a Vm, obj: &ObjRef) -> Option<ReprGuard<'a>> {
        let mut active = vm.repr_active.borrow_mut();
        if active.contains(&obj.addr()) {
            return None;
        }
        active.push(obj.addr());
        Some(ReprGuard {
            vm,
            addr: obj.addr(),
        })
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        let mut active = self.vm.repr_active.borrow_mut();
        if let Some(pos) = active.iter().rposition(|a| *a == self.addr) {
            active.remove(pos);
        }
    }
}

fn swapped(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        other => other,
    }
}

/// Rich comparison with CPython's order: the right operand first if its type is a proper
/// subclass, then the left's slot, then the right's reflected slot, then identity for `==`/`!=`.
pub fn richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    if op == CompareOp::AlmostEq {
        return almost_equal(vm, a, b);
    }
    let (ta, tb) = (a.ob_type(), b.ob_type());
    // Comparisons of atomic builtin values cannot recurse (CPython's specialised COMPARE_OP
    // does not count them either).
    let atomic = |t: &crate::object::TypeObject| !t.is_container() && !t.is_heap_type();
    let _depth = if atomic(ta) && atomic(tb) {
        None
    } else {
        Some(vm.enter_native_for("in comparison")?)
    };
    // Operands whose types compare as `object`'s (or not at all): each side's `__eq__`/`__ne__`
    // gives NotImplemented unless they are one object, so the answer is identity.
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && by_identity(vm, ta) && by_identity(vm, tb) {
        return Ok(new_bool(a.is(b) == (op == CompareOp::Eq)));
    }
    let reflected_first = !std::ptr::eq(ta, tb) && tb.is_subtype(ta);
    if reflected_first {
        if let Some(f) = tb.slots.richcompare {
            let r = f(vm, b, a, swapped(op))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    if let Some(f) = ta.slots.richcompare {
        let r = f(vm, a, b, op)?;
        if !is_not_implemented(&r) {
            return Ok(r);
        }
    }
    if !reflected_first {
        if let Some(f) = tb.slots.richcompare {
            let r = f(vm, b, a, swapped(op))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    match op {
        CompareOp::Eq => Ok(new_bool(a.is(b))),
        CompareOp::Ne => Ok(new_bool(!a.is(b))),
        _ => Err(vm.type_error(&format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            ta.name(),
            tb.name()
        ))),
    }
}

/// Whether `t`'s instances compare for equality as `object`'s do: a class whose rich
/// comparisons are all `object`'s, `object` itself, or a builtin type with no comparison
/// (`NoneType`).
fn by_identity(vm: &Vm, t: &crate::object::TypeObject) -> bool {
    match t.heap() {
        Some(_) => super::attr::object_compare(vm, t),
        None => {
            t.slots.richcompare.is_none() || std::ptr::eq(t, &crate::objects::typetype::OBJECT_TYPE)
        }
    }
}

/// arenapy's `~=`: true when both int/float operands truncate to the same integer.
fn almost_equal(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    fn trunc(vm: &Vm, x: &ObjRef) -> PyResult<Option<num_bigint::BigInt>> {
        if let Some(v) = int::as_bigint(x) {
            return Ok(Some(v));
        }
        if let Some(f) = float::as_f64(x) {
            if !f.is_finite() {
                return Err(vm.value_error("cannot compare a non-finite float with ~="));
            }
            return Ok(num_traits::FromPrimitive::from_f64(f.trunc()));
        }
        Ok(None)
    }
    match (trunc(vm, a)?, trunc(vm, b)?) {
        (Some(x), Some(y)) => Ok(new_bool(x == y)),
        _ => Err(vm.type_error(&format!(
            "'~=' not supported between instances of '{}' and '{}'",
            a.ob_type().name(),
            b.ob_type().name()
        ))),
    }
}

/// `a == b` as a Rust bool (identity implies equality, as in CPython's containers).
pub fn eq(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    // Exact ints, floats and strs (`x in list`, `list.index`, tuple equality): the answer
    // without a bool object or the comparison protocol's dispatch.
    if let Some(r) = super::fast_ops::compare::compare(a, b, CompareOp::Eq) {
        return Ok(r);
    }
    let r = richcompare(vm, a, b, CompareOp::Eq)?;
    truthy(vm, &r)
}

/// Lexicographic comparison of two sequences.
pub fn compare_sequences(vm: &Vm, x: &[ObjRef], y: &[ObjRef], op: CompareOp) -> PyResult<ObjRef> {
    let n = x.len().min(y.len());
    for i in 0..n {
        if !eq(vm, &x[i], &y[i])? {
            return match op {
                CompareOp::Eq => Ok(new_bool(false)),
                CompareOp::Ne => Ok(new_bool(true)),
                _ => richcompare(vm, &x[i], &y[i], op),
            };
        }
    }
    let (lx, ly) = (x.len(), y.len());
    Ok(new_bool(match op {
        CompareOp::Lt => lx < ly,
        CompareOp::Le => lx <= ly,
        CompareOp::Eq => lx == ly,
        CompareOp::Ne => lx != ly,
        CompareOp::Gt => lx > ly,
        CompareOp::Ge => lx >= ly,
        CompareOp::AlmostEq => false,
    }))
}

/// `operator.index(obj)` where it applies: an int itself, or what `__index__` returns; `None`
/// when the object has no `__index__` (CPython's `PyNumber_Index` without its `TypeError`, which
/// callers word themselves).
pub fn index(vm: &Vm, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
    if int::is_int(obj) {
        return Ok(Some(obj.clone()));
    }
    let Some(f) = obj.ob_type().slots.number.index else {
        return Ok(None);
    };
    let r = f(vm, obj)?;
    if is_not_implemented(&r) {
        return Ok(None);
    }
    if !int::is_int(&r) {
        return Err(vm.type_error(&format!(
            "__index__ returned non-int (type {})",
            r.ob_type().name()
        )));
    }
    Ok(Some(r))
}

/// `obj[key]`.
pub fn getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    match obj.ob_type().slots.getitem {
        Some(f) => f(vm, obj, key),
        None => class_getitem(vm, obj, key),
    }
}

/// `obj[key]` when `obj`'s type has no `__getitem__`: a class is subscripted through its
/// `__class_getitem__` (PEP 560; `type[int]` directly), anything else is not subscriptable.
pub fn class_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let Some(ty) = obj.as_type() else {
        return Err(vm.type_error(&format!(
            "'{}' object is not subscriptable",
            obj.ob_type().name()
        )));
    };
    if std::ptr::eq(ty, &crate::objects::typetype::TYPE_TYPE) {
        return crate::objects::genericalias::new_generic_alias(vm, obj.clone(), key);
    }
    match getattr(vm, obj, "__class_getitem__") {
        Ok(f) => call(vm, &f, std::slice::from_ref(key), None),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => {
            Err(vm.type_error(&format!("type '{}' is not subscriptable", ty.name())))
        }
        Err(e) => Err(e),
    }
}

/// `obj[key] = value`, or `del obj[key]` when `value` is `None`.
pub fn setitem(vm: &Vm, obj: &ObjRef, key: &ObjRef, value: Option<&ObjRef>) -> PyResult<()> {
    match obj.ob_type().slots.setitem {
        Some(f) => f(vm, obj, key, value),
        None if value.is_some() => Err(vm.type_error(&format!(
            "'{}' object does not support item assignment",
            obj.ob_type().name()
        ))),
        None => Err(vm.type_error(&format!(
            "'{}' object doesn't support item deletion",
            obj.ob_type().name()
        ))),
    }
}

/// `item in container`.
pub fn contains(vm: &Vm, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
    if let Some(f) = container.ob_type().slots.contains {
        return f(vm, container, item);
    }
    if container.ob_type().slots.iter.is_some() {
        let it = iter(vm, container)?;
        while let Some(x) = next(vm, &it)? {
            if eq(vm, &x, item)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(vm.type_error(&format!(
        "argument of type '{}' is not iterable",
        container.ob_type().name()
    )))
}

/// `iter(obj)`.
pub fn iter(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    match obj.ob_type().slots.iter {
        Some(f) => f(vm, obj),
        None => Err(vm.type_error(&format!(
            "'{}' object is not iterable",
            obj.ob_type().name()
        ))),
    }
}

/// `next(it)`: `None` when exhausted (a `StopIteration` raised by the iterator counts as
/// exhaustion, as in `for` loops).
pub fn next(vm: &Vm, it: &ObjRef) -> PyResult<Option<ObjRef>> {
    // Iterators wrap iterators (`map(f, map(f, ...))`) to any depth.
    vm.check_native_stack()?;
    match it.ob_type().slots.next {
        Some(f) => match f(vm, it) {
            Err(e) if e.matches(&exceptions::STOP_ITERATION) => Ok(None),
            other => other,
        },
        None => Err(vm.type_error(&format!(
            "'{}' object is not an iterator",
            it.ob_type().name()
        ))),
    }
}

/// Every item of an iterable.
pub fn collect_iterable(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<ObjRef>> {
    // Exact tuples and lists only: a subclass may iterate differently (`__iter__`).
    let ty = obj.ob_type();
    if std::ptr::eq(ty, &crate::objects::tuple::TUPLE_TYPE) {
        if let Some(items) = crate::objects::tuple::items(obj) {
            return Ok(items.to_vec());
        }
    }
    if std::ptr::eq(ty, &crate::objects::list::LIST_TYPE) {
        if let Some(v) = crate::objects::list::storage(obj) {
            return Ok(v.snapshot());
        }
    }
    // A range knows its length: room for it is asked for (and refused) up front, as
    // CPython's length hint does.
    let mut out = match obj.downcast::<crate::objects::range::RangeObject>() {
        Some(r) if r.big.is_none() => super::storage::vec_with_capacity(vm, r.len())?,
        _ => Vec::new(),
    };
    let it = iter(vm, obj)?;
    while let Some(x) = next(vm, &it)? {
        // Growth checked against the heap: an endless iterator of one shared object
        // (`itertools.repeat(0)`) allocates nothing else that would stop it.
        super::storage::push(vm, &mut out, x)?;
    }
    Ok(out)
}

/// Calls `callable(*args)` with the trailing `kwnames.len()` arguments passed by keyword.
pub fn call(
    vm: &Vm,
    callable: &ObjRef,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    match callable.ob_type().slots.call {
        Some(f) => f(vm, callable, args, kwnames),
        None => Err(vm.type_error(&format!(
            "'{}' object is not callable",
            callable.ob_type().name()
        ))),
    }
}

/// `getattr(obj, name)`.
pub fn getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<ObjRef> {
    getattr_inner(vm, obj, name).map_err(|e| attr_error_context(vm, e, obj, name))
}

/// An error out of looking up `name` on `obj`: an AttributeError records what was looked up
/// where (`e.name`, `e.obj`), unless it already says (CPython's `set_attribute_error_context`).
pub fn attr_error_context(vm: &Vm, e: super::PyErr, obj: &ObjRef, name: &str) -> super::PyErr {
    if e.matches(&exceptions::ATTRIBUTE_ERROR) {
        if let Err(other) = exceptions::set_attribute_error_context(vm, &e.exc, obj, name) {
            return other;
        }
    }
    e
}

fn getattr_inner(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<ObjRef> {
    let ty = obj.ob_type();
    if ty.is_heap_type() || obj.as_type().is_some() {
        // Instances of classes and class objects: their type's full attribute lookup.
        if let Some(f) = ty.slots.getattr {
            if let Some(v) = f(vm, obj, name)? {
                return Ok(v);
            }
        }
        return Err(super::attr::no_attribute(vm, obj, name));
    }
    match static_getattr(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(obj, name)),
    }
}

/// The generic attribute lookup for instances of builtin types (CPython's
/// `PyObject_GenericGetAttr`): a data descriptor of the type wins, then the instance's own
/// attributes (the type's `getattr` slot: a module's namespace, a function's `__dict__`), then
/// the class attribute, bound. `Ok(None)`: no such attribute.
pub fn static_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    static_getattr_key(vm, obj, &vm.intern(name)?, name)
}

/// `static_getattr` by an interned name (`key`, whose text is `name`), as the evaluation loop
/// has it.
pub fn static_getattr_key(
    vm: &Vm,
    obj: &ObjRef,
    key: &ObjRef,
    name: &str,
) -> PyResult<Option<ObjRef>> {
    let ty = obj.ob_type();
    if ty.flags & crate::object::typeobj::tpflags::OWN_GETATTR != 0 {
        if let Some(f) = ty.slots.getattr {
            return f(vm, obj, name);
        }
    }
    let class_attr = super::attr::type_lookup_key(vm, ty, key)?;
    if let Some(d) = &class_attr {
        if d.ob_type().slots.descr_set.is_some() {
            return super::attr::descr_get(vm, d.clone(), Some(obj), &obj.type_object()).map(Some);
        }
    }
    if let Some(f) = ty.slots.getattr {
        if let Some(v) = f(vm, obj, name)? {
            return Ok(Some(v));
        }
    }
    match class_attr {
        Some(d) => super::attr::descr_get(vm, d, Some(obj), &obj.type_object()).map(Some),
        None => Ok(None),
    }
}

/// Converts an index object to a position in a sequence of `len` items, with CPython's errors
/// (`what` names the sequence in "... index out of range").
pub fn sequence_index(vm: &Vm, key: &ObjRef, len: usize, what: &str) -> PyResult<usize> {
    let converted = if int::is_int(key) {
        None
    } else {
        index(vm, key)?
    };
    let key = converted.as_ref().unwrap_or(key);
    let Some(i) = int::as_i64(key) else {
        if int::is_int(key) {
            return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
        }
        let noun = if what == "list assignment" {
            "list"
        } else {
            what
        };
        return Err(vm.type_error(&format!(
            "{} indices must be integers or slices, not {}",
            noun,
            key.ob_type().name()
        )));
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(vm.index_error(&format!("{what} index out of range")));
    }
    Ok(idx as usize)
}

/// The positions a slice object selects in a sequence of `len` items; `None` when `key` is not a
/// slice. Bounds go through `__index__`; a zero step raises `ValueError` (CPython's
/// `PySlice_Unpack` + `PySlice_AdjustIndices`, see [`crate::objects::slice`]).
pub fn slice_indices(vm: &Vm, key: &ObjRef, len: usize) -> PyResult<Option<SliceIndices>> {
    crate::objects::slice::indices_for(vm, key, len)
}

/// Positions selected by a slice: `start + k * step` for `k < len`, all within the sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceIndices {
    /// The adjusted start (in `-1..=seq_len`).
    pub start: i64,
    /// The adjusted stop (in `-1..=seq_len`).
    pub stop: i64,
    /// The step (never zero).
    pub step: i64,
    /// How many positions are selected (the slice length).
    pub len: usize,
}

impl SliceIndices {
    /// The positions, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |k| (self.start + self.step * k as i64) as usize)
    }
}

/// `setattr(obj, name, value)`, or `delattr` when `value` is `None`.
pub fn setattr(vm: &Vm, obj: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if let Some(f) = obj.ob_type().slots.setattr {
        return f(vm, obj, name, value);
    }
    let n = pystr::as_str(name).unwrap_or("?");
    if let Some(ty) = obj.as_type() {
        return Err(vm.type_error(&format!(
            "cannot set '{n}' attribute of immutable type '{}'",
            ty.name()
        )));
    }
    if let Some(r) = crate::objects::getset::set(vm, obj, name, value) {
        return r;
    }
    if let Some(f) = obj.ob_type().slots.getattr {
        if let Ok(Some(_)) = f(vm, obj, n) {
            return Err(vm.new_error(
                &exceptions::ATTRIBUTE_ERROR,
                &format!(
                    "attribute '{n}' of '{}' objects is not writable",
                    obj.ob_type().name()
                ),
            ));
        }
    }
    if obj.ob_type().find_method(n).is_some() {
        return Err(vm.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "'{}' object attribute '{n}' is read-only",
                obj.ob_type().name()
            ),
        ));
    }
    Err(vm.new_error(
        &exceptions::ATTRIBUTE_ERROR,
        &format!("'{}' object has no attribute '{n}'", obj.ob_type().name()),
    ))
}

/// Looks up a special method on the type (not the instance), bound to `obj`; `None` if absent.
pub fn lookup_special(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    super::attr::lookup_special(vm, obj, name)
}

/// `ascii(obj)`: the repr with non-ASCII characters escaped.
pub fn ascii(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let r = repr_string(vm, obj)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let v = c as u32;
        if v < 0x80 {
            out.push(c);
        } else if v <= 0xff {
            out.push_str(&format!("\\x{v:02x}"));
        } else if v <= 0xffff {
            out.push_str(&format!("\\u{v:04x}"));
        } else {
            out.push_str(&format!("\\U{v:08x}"));
        }
    }
    pystr::new_str_vm(vm, &out)
}

/// `callable(obj)`: whether the object's type can be called.
pub fn is_callable(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    let t = obj.ob_type();
    Ok(if t.is_heap_type() {
        super::attr::type_lookup(vm, t, "__call__")?.is_some()
    } else {
        t.slots.call.is_some()
    })
}

/// A callable's name as CPython's call errors show it (`f()`, `print()`).
pub fn callable_name(vm: &Vm, f: &ObjRef) -> String {
    if let Ok(n) = getattr(vm, f, "__qualname__") {
        if let Some(s) = pystr::as_str(&n) {
            // Python functions are named with their module (CPython's `_PyObject_FunctionStr`).
            if crate::objects::function::is_function(f) {
                if let Ok(m) = getattr(vm, f, "__module__") {
                    if let Some(m) = pystr::as_str(&m).filter(|m| *m != "builtins") {
                        return format!("{m}.{s}()");
                    }
                }
            }
            return format!("{s}()");
        }
    }
    format!("{} object", f.ob_type().name())
}
