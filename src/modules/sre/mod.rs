//! The `_sre` module: the regular expression engine under CPython's `re` package.
//!
//! `re._compiler` turns a pattern into a list of code words and calls [`compile`]; the result
//! is a [`pattern::PATTERN_TYPE`] object whose methods run [`engine`] over str (by code point)
//! or bytes-like subjects and build [`matchobj::MATCH_TYPE`] objects. Template expansion stays
//! on the Python side (`re._subx`, `re._expand`), as in CPython 3.11.
//!
//! Files: [`constants`] (opcodes), [`chars`] (character classes, case, sets), [`engine`] (the
//! backtracking matcher on an explicit stack), [`search`], [`validate`] (checks code before
//! it runs), [`subject`] (str/bytes subjects), [`pattern`], [`pattern_iter`], [`matchobj`],
//! [`scanner`].

pub mod chars;
pub mod constants;
pub mod engine;
pub mod matchobj;
pub mod pattern;
pub mod pattern_iter;
pub mod scanner;
pub mod search;
pub mod subject;
pub mod validate;

#[cfg(test)]
mod engine_tests;

use crate::object::{HeapAlloc, ObjCell, ObjRef};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, bytes_methods, dict, int, list, module, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{PyResult, Vm};
use allocator_api2::vec::Vec as HVec;
use constants::{CODESIZE, MAGIC, MAXGROUPS, MAXREPEAT};

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn sre_compile(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pattern, flags, code, groups, groupindex, indexgroup] = parse::<6>(
        vm,
        "compile",
        Sig::Kw {
            names: &[
                "pattern",
                "flags",
                "code",
                "groups",
                "groupindex",
                "indexgroup",
            ],
            required: 6,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let none = none::none;
    let pattern = pattern.unwrap_or_else(none);
    let flags = flags.unwrap_or_else(none);
    let code = code.unwrap_or_else(none);
    let groups = groups.unwrap_or_else(none);
    let groupindex = groupindex.unwrap_or_else(none);
    let indexgroup = indexgroup.unwrap_or_else(none);
    let flags = index_arg(vm, &flags)?;
    let must_be = |name: &str, what: &str, got: &ObjRef| {
        vm.type_error(&format!(
            "compile() argument '{name}' must be {what}, not {}",
            got.ob_type().name()
        ))
    };
    let Some(items) = list::storage(&code).map(|v| v.snapshot()) else {
        return Err(must_be("code", "list", &code));
    };
    let groups = index_arg(vm, &groups)?;
    if dict::table(&groupindex).is_none() {
        return Err(must_be("groupindex", "dict", &groupindex));
    }
    if tuple::items(&indexgroup).is_none() {
        return Err(must_be("indexgroup", "tuple", &indexgroup));
    }
    let mut words = HVec::new_in(HeapAlloc);
    words
        .try_reserve(items.len())
        .map_err(|_| vm.memory_error_err())?;
    for item in &items {
        let v = crate::objects::int::as_bigint(item);
        let Some(v) = v else {
            return Err(vm.type_error(&format!(
                "an integer is required (got type {})",
                item.ob_type().name()
            )));
        };
        match u32::try_from(&v) {
            Ok(w) => words.push(w),
            Err(_) if v.sign() == num_bigint::Sign::Minus => {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"))
            }
            Err(_) => return Err(vm.overflow_error("regular expression code size limit exceeded")),
        }
    }
    let is_bytes = if none::is_none(&pattern) {
        None
    } else if pystr::is_str(&pattern) {
        Some(false)
    } else if bytes_methods::buffer(&pattern).is_some() {
        Some(true)
    } else {
        return Err(vm.type_error(&format!(
            "expected string or bytes-like object, got '{}'",
            pattern.ob_type().name()
        )));
    };
    let groups = usize::try_from(groups).unwrap_or(0);
    if !validate::validate(&words, groups) {
        return Err(vm.new_error(
            &crate::objects::exceptions::RUNTIME_ERROR,
            "invalid SRE code",
        ));
    }
    let has_names = !dict::items(&groupindex).is_empty();
    let names = tuple::items(&indexgroup).is_some_and(|t| !t.is_empty());
    let p = pattern::PatternObject {
        pattern: ObjCell::new(Some(pattern)),
        groupindex: ObjCell::new(has_names.then_some(groupindex)),
        indexgroup: ObjCell::new((has_names && names).then_some(indexgroup)),
        code: words,
        groups,
        flags,
        is_bytes,
    };
    pattern::new_pattern(vm, p)
}

fn character(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<u32> {
    let [c] = parse::<1>(
        vm,
        name,
        Sig::Kw {
            names: &["character"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let v = index_arg(vm, &c.unwrap_or_else(none::none))?;
    if v > i32::MAX as i64 || v < i32::MIN as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    Ok(v as u32)
}

fn sre_getcodesize(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getcodesize", Sig::NoArgs, args, kw)?;
    int::new_int(vm, CODESIZE)
}

fn sre_ascii_iscased(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let c = character(vm, "ascii_iscased", args, kw)?;
    Ok(boolobj::new_bool(chars::ascii_iscased(c)))
}

fn sre_unicode_iscased(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let c = character(vm, "unicode_iscased", args, kw)?;
    Ok(boolobj::new_bool(chars::unicode_iscased(c)))
}

fn sre_ascii_tolower(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let c = character(vm, "ascii_tolower", args, kw)?;
    int::new_int(vm, chars::lower_ascii(c) as i32 as i64)
}

fn sre_unicode_tolower(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let c = character(vm, "unicode_tolower", args, kw)?;
    int::new_int(vm, chars::lower_unicode(c) as i32 as i64)
}

static SRE_FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "compile",
        func: sre_compile,
    },
    BuiltinDef {
        name: "getcodesize",
        func: sre_getcodesize,
    },
    BuiltinDef {
        name: "ascii_iscased",
        func: sre_ascii_iscased,
    },
    BuiltinDef {
        name: "unicode_iscased",
        func: sre_unicode_iscased,
    },
    BuiltinDef {
        name: "ascii_tolower",
        func: sre_ascii_tolower,
    },
    BuiltinDef {
        name: "unicode_tolower",
        func: sre_unicode_tolower,
    },
];

/// Builds `_sre`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_sre")?;
    for def in SRE_FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "MAGIC", int::new_int(vm, MAGIC)?)?;
    module::set_attr(vm, &m, "CODESIZE", int::new_int(vm, CODESIZE)?)?;
    module::set_attr(vm, &m, "MAXREPEAT", int::new_int(vm, MAXREPEAT as i64)?)?;
    module::set_attr(vm, &m, "MAXGROUPS", int::new_int(vm, MAXGROUPS)?)?;
    let copyright = " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ";
    module::set_attr(vm, &m, "copyright", pystr::new_str_vm(vm, copyright)?)?;
    Ok(m)
}
