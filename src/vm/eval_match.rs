//! The `match` statement's instructions (CPython 3.11's `MATCH_*` and `GET_LEN` in
//! `Python/ceval.c`, with its helpers `match_keys` and `match_class`).
//!
//! The compiler (`compiler/codegen/pattern.rs`) keeps the subject on the stack; these
//! instructions test it and push what the test found, leaving the subject in place:
//!
//! | opcode | stack before | stack after |
//! |---|---|---|
//! | `GET_LEN` | `subject` | `subject, len(subject)` |
//! | `MATCH_SEQUENCE` | `subject` | `subject, bool` |
//! | `MATCH_MAPPING` | `subject` | `subject, bool` |
//! | `MATCH_KEYS` | `subject, keys` | `subject, keys, values-tuple or None` |
//! | `MATCH_CLASS n` | `subject, cls, kwnames` | `attributes-tuple or None` |
//!
//! Which objects are sequences and mappings follows CPython's `Py_TPFLAGS_SEQUENCE` and
//! `Py_TPFLAGS_MAPPING`: the builtin `list`, `tuple`, `range`, `collections.deque` and `dict` (and their
//! subclasses), plus classes whose MRO defines `__abc_tpflags__` with the flag set, which is
//! how `collections.abc.Sequence` and `Mapping` (and the classes registered with them) carry it.

use super::frame::Frame;
use super::{attr, ops, PyResult, Vm};
use crate::compiler::opcode::Opcode;
use crate::object::{ObjRef, TypeObject};
use crate::objects::{
    boolobj, bytearray, bytes, classobj, dict, float, int, list, none, range, set, str as pystr,
    tuple,
};

/// CPython's `Py_TPFLAGS_SEQUENCE` (the `__abc_tpflags__` bit of `collections.abc.Sequence`).
const TPFLAGS_SEQUENCE: i64 = 1 << 5;
/// CPython's `Py_TPFLAGS_MAPPING` (the `__abc_tpflags__` bit of `collections.abc.Mapping`).
const TPFLAGS_MAPPING: i64 = 1 << 6;

/// The builtin types whose class patterns match the subject itself positionally
/// (`_Py_TPFLAGS_MATCH_SELF`): `case int(x):` binds the subject.
static MATCH_SELF: [&TypeObject; 11] = [
    &boolobj::BOOL_TYPE,
    &bytearray::BYTEARRAY_TYPE,
    &bytes::BYTES_TYPE,
    &dict::DICT_TYPE,
    &float::FLOAT_TYPE,
    &set::FROZENSET_TYPE,
    &int::INT_TYPE,
    &list::LIST_TYPE,
    &set::SET_TYPE,
    &pystr::STR_TYPE,
    &tuple::TUPLE_TYPE,
];

fn pop(frame: &mut Frame) -> ObjRef {
    frame.stack.pop().flatten().unwrap_or_else(none::none)
}

fn peek(frame: &Frame, n: usize) -> ObjRef {
    frame
        .stack
        .len()
        .checked_sub(n)
        .and_then(|i| frame.stack[i].clone())
        .unwrap_or_else(none::none)
}

/// Runs one of the pattern-matching instructions (`GET_LEN`, `MATCH_*`) on `frame`'s stack.
pub fn execute(vm: &Vm, frame: &mut Frame, op: Opcode, arg: u32) -> PyResult<()> {
    match op {
        Opcode::GET_LEN => {
            let subject = peek(frame, 1);
            let n = length(vm, &subject)?;
            frame.push(Some(int::new_int(vm, n as i64)?));
        }
        Opcode::MATCH_SEQUENCE => {
            let subject = peek(frame, 1);
            let r = has_abc_flag(vm, &subject, TPFLAGS_SEQUENCE)?;
            frame.push(Some(boolobj::new_bool(r)));
        }
        Opcode::MATCH_MAPPING => {
            let subject = peek(frame, 1);
            let r = has_abc_flag(vm, &subject, TPFLAGS_MAPPING)?;
            frame.push(Some(boolobj::new_bool(r)));
        }
        Opcode::MATCH_KEYS => {
            let keys = peek(frame, 1);
            let subject = peek(frame, 2);
            let values = match_keys(vm, &subject, &keys)?;
            frame.push(Some(values.unwrap_or_else(none::none)));
        }
        Opcode::MATCH_CLASS => {
            let names = pop(frame);
            let cls = pop(frame);
            let subject = pop(frame);
            let attrs = match_class(vm, &subject, &cls, arg as usize, &names)?;
            frame.push(Some(attrs.unwrap_or_else(none::none)));
        }
        _ => {
            return Err(vm.new_error(
                &crate::objects::exceptions::SYSTEM_ERROR,
                &format!("{} is not a pattern-matching opcode", op.name()),
            ))
        }
    }
    Ok(())
}

/// `len(obj)` with CPython's error for objects without a length.
pub fn length(vm: &Vm, obj: &ObjRef) -> PyResult<usize> {
    match obj.ob_type().slots.len {
        Some(f) => f(vm, obj),
        None => Err(vm.type_error(&format!(
            "object of type '{}' has no len()",
            obj.ob_type().name()
        ))),
    }
}

/// Whether `obj`'s type is a sequence (`flag` = [`TPFLAGS_SEQUENCE`]) or a mapping
/// ([`TPFLAGS_MAPPING`]) for pattern matching.
fn has_abc_flag(vm: &Vm, obj: &ObjRef, flag: i64) -> PyResult<bool> {
    let ty = obj.ob_type();
    let base = classobj::static_base(ty);
    let builtin = if flag == TPFLAGS_SEQUENCE {
        [
            &list::LIST_TYPE,
            &tuple::TUPLE_TYPE,
            &range::RANGE_TYPE,
            &crate::modules::collections::deque::DEQUE_TYPE,
        ]
        .iter()
        .any(|t| std::ptr::eq(base, *t))
    } else {
        std::ptr::eq(base, &dict::DICT_TYPE)
    };
    if builtin {
        return Ok(true);
    }
    if !ty.is_heap_type() {
        return Ok(false);
    }
    match attr::type_lookup(vm, ty, "__abc_tpflags__")? {
        Some(v) => Ok(int::as_i64(&v).is_some_and(|f| f & flag != 0)),
        None => Ok(false),
    }
}

/// `MATCH_KEYS` (CPython's `match_keys`): the values of `keys` in the mapping `subject`, looked
/// up with `subject.get(key, sentinel)`, or `None` when a key is missing.
fn match_keys(vm: &Vm, subject: &ObjRef, keys: &ObjRef) -> PyResult<Option<ObjRef>> {
    let keys: Vec<ObjRef> = tuple::items(keys).unwrap_or(&[]).to_vec();
    if keys.is_empty() {
        return tuple::new_tuple(vm, Vec::new()).map(Some);
    }
    let get = ops::getattr(vm, subject, "get")?;
    let dummy = crate::objects::typetype::new_object_instance(vm)?;
    let seen = set::new_set(vm)?;
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        if ops::contains(vm, &seen, &key)? {
            return Err(vm.value_error(&format!(
                "mapping pattern checks duplicate key ({})",
                ops::repr_string(vm, &key)?
            )));
        }
        set::add(vm, &seen, key.clone())?;
        let v = ops::call(vm, &get, &[key, dummy.clone()], None)?;
        if v.is(&dummy) {
            return Ok(None);
        }
        values.push(v);
    }
    tuple::new_tuple(vm, values).map(Some)
}

/// `isinstance(obj, cls)` for one class, honouring a metaclass's `__instancecheck__`.
fn is_instance(vm: &Vm, obj: &ObjRef, cls: &ObjRef, ty: &TypeObject) -> PyResult<bool> {
    if std::ptr::eq(obj.ob_type(), ty) {
        return Ok(true);
    }
    if cls.ob_type().is_heap_type() {
        if let Some(r) =
            attr::call_special(vm, cls, "__instancecheck__", std::slice::from_ref(obj))?
        {
            return ops::truthy(vm, &r);
        }
    }
    Ok(obj.is_instance(ty))
}

/// `getattr(subject, name)` for a class pattern, rejecting a second sub-pattern for the same
/// attribute; `Ok(None)` when the attribute is missing (the pattern fails).
fn class_attr(
    vm: &Vm,
    subject: &ObjRef,
    ty: &TypeObject,
    name: &ObjRef,
    seen: &mut Vec<String>,
) -> PyResult<Option<ObjRef>> {
    let n = pystr::as_str(name).unwrap_or("");
    if seen.iter().any(|s| s == n) {
        return Err(vm.type_error(&format!(
            "{}() got multiple sub-patterns for attribute {}",
            ty.name(),
            ops::repr_string(vm, name)?
        )));
    }
    seen.push(n.to_string());
    match ops::getattr(vm, subject, n) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `MATCH_CLASS` (CPython's `match_class`): if `subject` is an instance of `cls`, the tuple of
/// its `nargs` positional attributes (named by `cls.__match_args__`, or the subject itself for
/// the self-matching builtins) followed by the attributes named in `kwnames`; `None` when the
/// subject is not an instance or an attribute is missing.
fn match_class(
    vm: &Vm,
    subject: &ObjRef,
    cls: &ObjRef,
    nargs: usize,
    kwnames: &ObjRef,
) -> PyResult<Option<ObjRef>> {
    let Some(ty) = cls.as_type() else {
        return Err(vm.type_error("called match pattern must be a type"));
    };
    if !is_instance(vm, subject, cls, ty)? {
        return Ok(None);
    }
    let mut seen: Vec<String> = Vec::new();
    let mut attrs: Vec<ObjRef> = Vec::new();
    if nargs > 0 {
        let (match_args, match_self) = match ops::getattr(vm, cls, "__match_args__") {
            Ok(m) => {
                if !std::ptr::eq(m.ob_type(), &tuple::TUPLE_TYPE) {
                    return Err(vm.type_error(&format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        ty.name(),
                        m.ob_type().name()
                    )));
                }
                (tuple::items(&m).unwrap_or(&[]).to_vec(), false)
            }
            Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => {
                let base = classobj::static_base(ty);
                let is_self = MATCH_SELF.iter().any(|t| std::ptr::eq(base, *t));
                (Vec::new(), is_self)
            }
            Err(e) => return Err(e),
        };
        let allowed = if match_self { 1 } else { match_args.len() };
        if allowed < nargs {
            return Err(vm.type_error(&format!(
                "{}() accepts {} positional sub-pattern{} ({} given)",
                ty.name(),
                allowed,
                if allowed == 1 { "" } else { "s" },
                nargs
            )));
        }
        if match_self {
            attrs.push(subject.clone());
        } else {
            for name in &match_args[..nargs] {
                if !std::ptr::eq(name.ob_type(), &pystr::STR_TYPE) {
                    return Err(vm.type_error(&format!(
                        "__match_args__ elements must be strings (got {})",
                        name.ob_type().name()
                    )));
                }
                match class_attr(vm, subject, ty, name, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in tuple::items(kwnames).unwrap_or(&[]) {
        match class_attr(vm, subject, ty, name, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(None),
        }
    }
    tuple::new_tuple(vm, attrs).map(Some)
}
