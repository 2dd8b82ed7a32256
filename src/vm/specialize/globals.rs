//! The `LOAD_GLOBAL` family: `LOAD_GLOBAL_MODULE` and `LOAD_GLOBAL_BUILTIN`, keyed by the
//! keys versions of the globals and builtins dicts (CPython 3.11's `specialize_load_global`).
//!
//! A global rebound keeps the keys version (a value overwrite), so the cached position reads
//! the new value at once; a global added or deleted, or another globals dict (`exec` with a
//! dict of its own), changes the version and the guard misses.

use super::stats::Failure;
use super::{entry, fail, form, hit, miss, specialize_to, CacheEntry, Family, Form};
use crate::object::ObjRef;
use crate::objects::code::CodeObject;
use crate::objects::{dict, str as pystr};
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};

const FAMILY: Family = Family::LoadGlobal;

/// `LOAD_GLOBAL co_names[arg]` at instruction `pc`.
#[inline]
pub fn load_global(
    vm: &Vm,
    frame: &Frame,
    code: &CodeObject,
    pc: usize,
    name: &ObjRef,
) -> PyResult<ObjRef> {
    let Some(e) = entry(code, pc) else {
        return crate::vm::eval::load_global(vm, frame, name);
    };
    match form(e) {
        Form::GlobalModule => {
            if let Some(v) =
                exact_table(&frame.globals).and_then(|t| t.value_at(e.a.get(), e.b.get() as usize))
            {
                hit(FAMILY, Form::GlobalModule);
                return Ok(v);
            }
            miss(e, FAMILY);
        }
        Form::GlobalBuiltin => {
            let globals_same =
                exact_table(&frame.globals).is_some_and(|t| t.current_keys_version() == e.a.get());
            let v = globals_same
                .then(|| exact_table(&vm.builtins)?.value_at(e.b.get(), e.c.get() as usize))
                .flatten();
            if let Some(v) = v {
                hit(FAMILY, Form::GlobalBuiltin);
                return Ok(v);
            }
            miss(e, FAMILY);
        }
        _ => {
            if super::due(e) {
                let v = crate::vm::eval::load_global(vm, frame, name)?;
                specialize(vm, frame, e, name);
                return Ok(v);
            }
        }
    }
    crate::vm::eval::load_global(vm, frame, name)
}

/// The table of an exact dict.
#[inline]
fn exact_table(d: &ObjRef) -> Option<&crate::object::DictTable> {
    if !std::ptr::eq(d.ob_type(), &dict::DICT_TYPE) {
        return None;
    }
    dict::table(d)
}

/// After a generic load that succeeded: where the name was found, decided without running
/// Python code (identity of the interned name).
fn specialize(vm: &Vm, frame: &Frame, e: &CacheEntry, name: &ObjRef) {
    let (Some(globals), Some(builtins)) = (exact_table(&frame.globals), exact_table(&vm.builtins))
    else {
        return fail(e, FAMILY, Failure::Namespace);
    };
    let hash = pystr::str_hash_value(name);
    match globals.position_by_identity(hash, name) {
        Some(Some(pos)) => match (globals.keys_version(), super::index(pos)) {
            (0, _) | (_, None) => fail(e, FAMILY, Failure::Namespace),
            (kv, Some(pos)) => specialize_to(e, FAMILY, Form::GlobalModule, kv, pos, 0),
        },
        Some(None) => match builtins.position_by_identity(hash, name) {
            Some(Some(pos)) => match (
                globals.keys_version(),
                builtins.keys_version(),
                super::index(pos),
            ) {
                (0, _, _) | (_, 0, _) | (_, _, None) => fail(e, FAMILY, Failure::Namespace),
                (g, b, Some(pos)) => specialize_to(e, FAMILY, Form::GlobalBuiltin, g, b, pos),
            },
            _ => fail(e, FAMILY, Failure::NotFound),
        },
        None => fail(e, FAMILY, Failure::NotFound),
    }
}
