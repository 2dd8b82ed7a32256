//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654; CPython's `Objects/exceptions.c`), and
//! the run-time side of `except*` (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR`).
//!
//! A group is an ordinary exception instance (the shared [`ExceptionObject`] payload) whose
//! `group` cell holds `(message, exceptions)`; `args` stays what the constructor received, as
//! in CPython, so `repr` shows the list that was passed.
//!
//! `ExceptionGroup` has two bases in CPython (`BaseExceptionGroup`, `Exception`). Its static
//! `base` is `Exception` (so `except Exception` catches it), and
//! [`crate::object::typeobj::second_base`] supplies `BaseExceptionGroup` for subclass checks and
//! the MRO. Both types carry the group methods, so lookups need not walk the second base.
//!
//! Splitting (`split`, `subgroup`, and `except*` matching) keeps the nesting: a group matches
//! whole, or is rebuilt with `derive` from the parts of its members that match, each rebuilt
//! part getting the original's `__traceback__`, `__cause__`, `__context__` and a copy of its
//! `__notes__`. Leaves are never copied, so `PREP_RERAISE_STAR` can tell re-raised leaves from
//! new exceptions by identity.

use super::exceptions::{self, payload, ExceptionObject, EXC_VTABLE};
use crate::object::{GetSetDef, MethodDef, ObjHeader, ObjRef, Slots, TypeObject};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, list, none, str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};

const GROUP_SLOTS: Slots = Slots {
    str: Some(eg_str),
    new: Some(eg_new),
    ..exceptions::EXC_SLOTS
};

static GROUP_METHODS: [MethodDef; 5] = [
    crate::class_getitem_def!("BaseExceptionGroup"),
    MethodDef {
        name: "__init__",
        func: eg_init,
        flags: 0,
    },
    MethodDef {
        name: "derive",
        func: m_derive,
        flags: 0,
    },
    MethodDef {
        name: "split",
        func: m_split,
        flags: 0,
    },
    MethodDef {
        name: "subgroup",
        func: m_subgroup,
        flags: 0,
    },
];

/// `BaseExceptionGroup`.
pub static BASE_EXCEPTION_GROUP: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &GROUP_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "BaseExceptionGroup",
    base: Some(&exceptions::BASE_EXCEPTION),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
    payload: &EXC_VTABLE,
    slots: GROUP_SLOTS,
    methods: &GROUP_METHODS,
    doc: "A combination of multiple unrelated exceptions.",
};

/// `ExceptionGroup` (`class ExceptionGroup(BaseExceptionGroup, Exception)`).
pub static EXCEPTION_GROUP: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "ExceptionGroup",
    base: Some(&exceptions::EXCEPTION),
    flags: crate::object::typeobj::tpflags::BASETYPE
        | crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS,
    payload: &EXC_VTABLE,
    slots: Slots {
        second_base: Some(&BASE_EXCEPTION_GROUP),
        ..GROUP_SLOTS
    },
    methods: &GROUP_METHODS,
    doc: "",
};

/// Whether `obj` is an exception group (an instance of `BaseExceptionGroup`).
pub fn is_group(obj: &ObjRef) -> bool {
    obj.is_instance(&BASE_EXCEPTION_GROUP)
}

/// The `(message, exceptions)` of a group.
fn parts(exc: &ObjRef) -> Option<(ObjRef, ObjRef)> {
    let g = payload(exc)?.group.get()?;
    match tuple::items(&g)? {
        [m, e] => Some((m.clone(), e.clone())),
        _ => None,
    }
}

/// The member exceptions of a group (empty for anything else).
pub fn members(exc: &ObjRef) -> Vec<ObjRef> {
    parts(exc)
        .and_then(|(_, e)| tuple::items(&e).map(<[ObjRef]>::to_vec))
        .unwrap_or_default()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`: validates the arguments and picks
/// `ExceptionGroup` when `BaseExceptionGroup` is given only `Exception`s.
fn eg_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = crate::vm::args::split_args(args, kwnames);
    let [message, excs] = pos else {
        return Err(vm.type_error(&format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    };
    if !pystr::is_str(message) {
        return Err(vm.type_error(&format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            message.ob_type().name()
        )));
    }
    let seq_like = excs.ob_type().slots.getitem.is_some() && !excs.is_instance(&dict::DICT_TYPE);
    if !seq_like {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = ops::collect_iterable(vm, excs)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if !e.is_instance(&exceptions::BASE_EXCEPTION) {
            return Err(vm.value_error(&format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        nested_base |= !e.is_instance(&exceptions::EXCEPTION);
    }
    let mut cls = ty;
    if std::ptr::eq(ty, &EXCEPTION_GROUP) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if std::ptr::eq(ty, &BASE_EXCEPTION_GROUP) {
        if !nested_base {
            cls = &EXCEPTION_GROUP;
        }
    } else if nested_base && ty.is_subtype(&exceptions::EXCEPTION) {
        return Err(vm.type_error(&format!("Cannot nest BaseExceptions in '{}'", ty.name())));
    }
    let exc = exceptions::exc_new(vm, cls, args, kwnames)?;
    let group = tuple::new_tuple(vm, vec![message.clone(), tuple::new_tuple(vm, items)?])?;
    if let Some(p) = payload(&exc) {
        drop(p.group.replace(Some(group)));
    }
    Ok(exc)
}

/// `BaseExceptionGroup.__init__`: no keyword arguments; sets `args`.
fn eg_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, this.ob_type().name(), kw)?;
    if let Some(p) = payload(this) {
        let t = tuple::new_tuple(vm, args.to_vec())?;
        drop(p.args.replace(Some(t)));
    }
    Ok(none::none())
}

/// `str(group)`: `message (N sub-exceptions)`.
fn eg_str(vm: &Vm, exc: &ObjRef) -> PyResult<ObjRef> {
    let (msg, excs) = parts(exc).ok_or_else(|| vm.type_error("exception group not initialized"))?;
    let n = tuple::items(&excs).map_or(0, <[ObjRef]>::len);
    let text = format!(
        "{} ({} sub-exception{})",
        ops::str_string(vm, &msg)?,
        n,
        if n > 1 { "s" } else { "" }
    );
    pystr::new_str_vm(vm, &text)
}

/// `message` and `exceptions` (read-only; None before initialisation).
fn eg_get(_vm: &Vm, exc: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let part = match (parts(exc), name) {
        (Some((m, _)), "message") => m,
        (Some((_, e)), "exceptions") => e,
        _ => none::none(),
    };
    Ok(Some(part))
}

static GROUP_GETSET: [GetSetDef; 2] = [
    GetSetDef {
        name: "message",
        get: eg_get,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "exceptions",
        get: eg_get,
        set: Some(crate::objects::getset::readonly),
    },
];

/// `group.derive(excs)`: `BaseExceptionGroup(self.message, excs)`.
fn m_derive(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "derive", kw)?;
    let [excs] = args else {
        return Err(vm.type_error(&format!(
            "BaseExceptionGroup.derive() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let (msg, _) = parts(this).ok_or_else(|| vm.type_error("exception group not initialized"))?;
    let beg = ObjRef::from_type(&BASE_EXCEPTION_GROUP);
    ops::call(vm, &beg, &[msg, excs.clone()], None)
}

/// How `split`/`subgroup` decide which leaves match.
enum Matcher {
    /// An exception type or a tuple of them (`except*` and `split(ValueError)`).
    Type(ObjRef),
    /// A predicate called on every exception (groups included).
    Predicate(ObjRef),
    /// Leaves by identity (`PREP_RERAISE_STAR`'s projection).
    Ids(Vec<usize>),
}

fn is_exception_class(obj: &ObjRef) -> bool {
    obj.as_type()
        .is_some_and(|t| t.is_subtype(&exceptions::BASE_EXCEPTION))
}

fn matcher_of(vm: &Vm, value: &ObjRef) -> PyResult<Matcher> {
    let err = || vm.type_error("expected a function, exception type or tuple of exception types");
    if value.as_type().is_none() && ops::getattr(vm, value, "__call__").is_ok() {
        return Ok(Matcher::Predicate(value.clone()));
    }
    if is_exception_class(value) {
        return Ok(Matcher::Type(value.clone()));
    }
    if std::ptr::eq(value.ob_type(), &tuple::TUPLE_TYPE) {
        if tuple::items(value)
            .unwrap_or(&[])
            .iter()
            .all(is_exception_class)
        {
            return Ok(Matcher::Type(value.clone()));
        }
        return Err(err());
    }
    Err(err())
}

fn matches(vm: &Vm, exc: &ObjRef, m: &Matcher) -> PyResult<bool> {
    match m {
        Matcher::Type(t) => crate::vm::unwind::exception_matches(vm, exc, t),
        Matcher::Predicate(f) => {
            let r = ops::call(vm, f, std::slice::from_ref(exc), None)?;
            ops::truthy(vm, &r)
        }
        Matcher::Ids(ids) => Ok(!is_group(exc) && ids.contains(&exc.addr())),
    }
}

/// The result of splitting one exception: the matching part and the rest (either may be absent).
struct Split {
    matched: Option<ObjRef>,
    rest: Option<ObjRef>,
}

/// CPython's `exceptiongroup_split_recursive`.
fn split_recursive(vm: &Vm, exc: &ObjRef, m: &Matcher, with_rest: bool) -> PyResult<Split> {
    let _depth = vm.enter_native_for("in exception group split")?;
    if matches(vm, exc, m)? {
        return Ok(Split {
            matched: Some(exc.clone()),
            rest: None,
        });
    }
    if !is_group(exc) {
        return Ok(Split {
            matched: None,
            rest: with_rest.then(|| exc.clone()),
        });
    }
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for e in members(exc) {
        let s = split_recursive(vm, &e, m, with_rest)?;
        matched.extend(s.matched);
        rest.extend(s.rest);
    }
    Ok(Split {
        matched: subset(vm, exc, matched)?,
        rest: if with_rest {
            subset(vm, exc, rest)?
        } else {
            None
        },
    })
}

/// CPython's `exceptiongroup_subset`: `orig.derive(excs)` with `orig`'s metadata, or `None`
/// for no exceptions.
fn subset(vm: &Vm, orig: &ObjRef, excs: Vec<ObjRef>) -> PyResult<Option<ObjRef>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let derive = ops::getattr(vm, orig, "derive")?;
    let eg = ops::call(vm, &derive, &[list::new_list(vm, excs)?], None)?;
    if !is_group(&eg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    copy_metadata(vm, orig, &eg)?;
    Ok(Some(eg))
}

/// Gives `to` the traceback, cause, context and (a copy of the) notes of `from`.
fn copy_metadata(vm: &Vm, from: &ObjRef, to: &ObjRef) -> PyResult<()> {
    let (Some(src), Some(dst)) = (payload(from), payload(to)) else {
        return Ok(());
    };
    set_traceback(vm, dst, src.traceback_entries())?;
    drop(dst.context.replace(src.context.get()));
    drop(dst.cause.replace(src.cause.get()));
    if let Some(notes) = notes_of(vm, from)? {
        if notes.ob_type().slots.getitem.is_some() {
            let copy = list::new_list(vm, ops::collect_iterable(vm, &notes)?)?;
            ops::setattr(vm, to, &vm.intern("__notes__")?, Some(copy))?;
        }
    }
    Ok(())
}

fn set_traceback(vm: &Vm, p: &ExceptionObject, entries: Vec<ObjRef>) -> PyResult<()> {
    match p.replace_traceback(entries) {
        Ok(old) => {
            drop(old);
            Ok(())
        }
        Err((e, items)) => {
            drop(items);
            Err(vm.alloc_err(e))
        }
    }
}

/// `exc.__notes__`, if set.
fn notes_of(vm: &Vm, exc: &ObjRef) -> PyResult<Option<ObjRef>> {
    match ops::getattr(vm, exc, "__notes__") {
        Ok(n) => Ok(Some(n)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

fn one_matcher(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<Matcher> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    let [value] = args else {
        return Err(vm.type_error(&format!(
            "BaseExceptionGroup.{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    matcher_of(vm, value)
}

/// `group.split(condition)`: `(match, rest)`, each a group or None.
fn m_split(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = one_matcher(vm, "split", args, kw)?;
    let s = split_recursive(vm, this, &m, true)?;
    tuple::new_tuple(
        vm,
        vec![
            s.matched.unwrap_or_else(none::none),
            s.rest.unwrap_or_else(none::none),
        ],
    )
}

/// `group.subgroup(condition)`: the matching part, or None.
fn m_subgroup(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = one_matcher(vm, "subgroup", args, kw)?;
    let s = split_recursive(vm, this, &m, false)?;
    Ok(s.matched.unwrap_or_else(none::none))
}

/// A new group `BaseExceptionGroup(message, excs)`.
pub fn new_group(vm: &Vm, message: &str, excs: Vec<ObjRef>) -> PyResult<ObjRef> {
    let beg = ObjRef::from_type(&BASE_EXCEPTION_GROUP);
    let msg = pystr::new_str_vm(vm, message)?;
    ops::call(vm, &beg, &[msg, list::new_list(vm, excs)?], None)
}

/// `except*`'s check of the handler's type(s): exception classes, but not groups.
fn check_except_star_type(vm: &Vm, match_type: &ObjRef) -> PyResult<()> {
    let types: Vec<ObjRef> = match tuple::items(match_type) {
        Some(items) => items.to_vec(),
        None => vec![match_type.clone()],
    };
    for t in &types {
        let Some(ty) = t
            .as_type()
            .filter(|t| t.is_subtype(&exceptions::BASE_EXCEPTION))
        else {
            return Err(vm.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        };
        if ty.is_subtype(&BASE_EXCEPTION_GROUP) {
            return Err(vm.type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
    }
    Ok(())
}

/// `CHECK_EG_MATCH` (CPython's `exception_group_match`): splits `exc` by `match_type`.
/// Returns `(rest, match)`; `match` is None when nothing matched (and `rest` is then `exc`).
/// A matching exception that is not a group is wrapped in a new `ExceptionGroup("", [exc])`.
pub fn check_eg_match(vm: &Vm, exc: &ObjRef, match_type: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
    check_except_star_type(vm, match_type)?;
    if none::is_none(exc) {
        return Ok((exc.clone(), none::none()));
    }
    if crate::vm::unwind::exception_matches(vm, exc, match_type)? {
        let matched = if is_group(exc) {
            exc.clone()
        } else {
            let beg = ObjRef::from_type(&BASE_EXCEPTION_GROUP);
            let msg = pystr::new_str_vm(vm, "")?;
            let excs = tuple::new_tuple(vm, vec![exc.clone()])?;
            let wrapped = ops::call(vm, &beg, &[msg, excs], None)?;
            if let (Some(src), Some(dst)) = (payload(exc), payload(&wrapped)) {
                set_traceback(vm, dst, src.traceback_entries())?;
            }
            wrapped
        };
        return Ok((none::none(), matched));
    }
    if is_group(exc) {
        let s = split_recursive(vm, exc, &Matcher::Type(match_type.clone()), true)?;
        if let Some(m) = s.matched {
            return Ok((s.rest.unwrap_or_else(none::none), m));
        }
        return Ok((exc.clone(), none::none()));
    }
    Ok((exc.clone(), none::none()))
}

/// Whether `a` and `b` share traceback, cause, context and notes (a re-raised part of `b`).
fn same_metadata(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    let (Some(pa), Some(pb)) = (payload(a), payload(b)) else {
        return Ok(false);
    };
    let same = |x: Option<ObjRef>, y: Option<ObjRef>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => x.is(&y),
        _ => false,
    };
    let (ta, tb) = (pa.traceback_entries(), pb.traceback_entries());
    let same_tb = ta.len() == tb.len() && ta.iter().zip(&tb).all(|(x, y)| x.is(y));
    Ok(same_tb
        && same(pa.cause.get(), pb.cause.get())
        && same(pa.context.get(), pb.context.get())
        && same(notes_of(vm, a)?, notes_of(vm, b)?))
}

fn collect_leaf_ids(vm: &Vm, exc: &ObjRef, out: &mut Vec<usize>) -> PyResult<()> {
    let _depth = vm.enter_native_for("in exception group traversal")?;
    if none::is_none(exc) {
        return Ok(());
    }
    if is_group(exc) {
        for e in members(exc) {
            collect_leaf_ids(vm, &e, out)?;
        }
    } else {
        out.push(exc.addr());
    }
    Ok(())
}

/// `PREP_RERAISE_STAR` (CPython's `_PyExc_PrepReraiseStar`): from the original exception and
/// the list of what the `except*` handlers raised or re-raised (None entries skipped), the
/// exception to raise at the end of the statement, or None.
pub fn prep_reraise_star(vm: &Vm, orig: &ObjRef, excs: &ObjRef) -> PyResult<ObjRef> {
    let excs: Vec<ObjRef> = list::storage(excs)
        .map(|v| v.snapshot())
        .unwrap_or_default();
    if excs.is_empty() {
        return Ok(none::none());
    }
    if !is_group(orig) {
        // A naked exception was wrapped: at most one handler ran.
        return Ok(excs[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in excs {
        if none::is_none(&e) {
            continue;
        }
        if same_metadata(vm, &e, orig)? {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        collect_leaf_ids(vm, e, &mut ids)?;
    }
    let reraised_eg = split_recursive(vm, orig, &Matcher::Ids(ids), false)?.matched;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(none::none));
    }
    raised.extend(reraised_eg);
    if raised.len() > 1 {
        new_group(vm, "", raised)
    } else {
        Ok(raised.remove(0))
    }
}
