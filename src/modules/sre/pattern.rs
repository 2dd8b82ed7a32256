//! `re.Pattern`: a compiled pattern (CPython's `PatternObject`) and its matching methods.
//! `sub`/`subn`/`split`/`findall` live in [`super::pattern_iter`].

use super::matchobj::new_match;
use super::subject::{self, find, input, How};
use crate::object::{
    new_object, CompareOp, GetSetDef, HeapAlloc, MethodDef, ObjCell, ObjHeader, ObjRef,
    PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, mappingproxy, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use allocator_api2::vec::Vec as HVec;

/// Payload of a compiled pattern.
pub struct PatternObject {
    /// The source (str, bytes or None).
    pub pattern: ObjCell,
    /// Group names to numbers (a dict), or unset when there are none.
    pub groupindex: ObjCell,
    /// Group numbers to names (a tuple), or unset.
    pub indexgroup: ObjCell,
    /// The code.
    pub code: HVec<u32, HeapAlloc>,
    /// Number of capturing groups.
    pub groups: usize,
    /// The flags.
    pub flags: i64,
    /// Whether the source is bytes (`None`: compiled without a source).
    pub is_bytes: Option<bool>,
}

impl PyPayload for PatternObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.pattern, &self.groupindex, &self.indexgroup]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`pattern`, `groupindex`, `indexgroup`),
// each once, and does nothing else.
unsafe impl crate::object::Traverse for PatternObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.pattern.traverse(visit);
        self.groupindex.traverse(visit);
        self.indexgroup.traverse(visit);
    }
}

static PATTERN_VTABLE: PayloadVTable = PayloadVTable::of::<PatternObject>();

/// Allocates a pattern object.
pub fn new_pattern(vm: &Vm, p: PatternObject) -> PyResult<ObjRef> {
    new_object(&PATTERN_TYPE, p).or_mem(vm)
}

/// The payload of a pattern object.
pub fn pat<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a PatternObject> {
    obj.downcast::<PatternObject>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a 're.Pattern' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// `string, pos=0, endpos=sys.maxsize` of `match`, `search`, `findall`, ...
pub fn string_pos_endpos(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ObjRef, i64, i64)> {
    let [string, pos, endpos] = parse::<3>(
        vm,
        name,
        Sig::Kw {
            names: &["string", "pos", "endpos"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let string = string.unwrap_or_else(none::none);
    let pos = pos.map_or(Ok(0), |p| index_arg(vm, &p))?;
    let endpos = endpos.map_or(Ok(i64::MAX), |p| index_arg(vm, &p))?;
    Ok((string, pos, endpos))
}

fn run(
    vm: &Vm,
    this: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    how: How,
) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let (string, pos, endpos) = string_pos_endpos(vm, name, args, kw)?;
    let inp = input(vm, &string, p.is_bytes)?;
    let span = subject::bounds(inp.data.len(), pos, endpos);
    match find(vm, &inp.data, &p.code, p.groups, span, how, false)? {
        Some(f) => new_match(vm, this, &inp, &f, span),
        None => Ok(none::none()),
    }
}

fn p_match(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    run(vm, this, "match", args, kw, How::Match)
}

fn p_fullmatch(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    run(vm, this, "fullmatch", args, kw, How::FullMatch)
}

fn p_search(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    run(vm, this, "search", args, kw, How::Search)
}

fn p_scanner(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let (string, pos, endpos) = string_pos_endpos(vm, "scanner", args, kw)?;
    let inp = input(vm, &string, p.is_bytes)?;
    let span = subject::bounds(inp.data.len(), pos, endpos);
    super::scanner::new_scanner(vm, this, &string, span)
}

fn p_finditer(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let (string, pos, endpos) = string_pos_endpos(vm, "finditer", args, kw)?;
    let inp = input(vm, &string, p.is_bytes)?;
    let span = subject::bounds(inp.data.len(), pos, endpos);
    let scanner = super::scanner::new_scanner(vm, this, &string, span)?;
    let search = ops::getattr(vm, &scanner, "search")?;
    crate::objects::builtin_iters::new_callable_iter(vm, &search, &none::none())
}

fn p_copy(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Pattern.__copy__", Sig::NoArgs, args, kw)?;
    Ok(this.clone())
}

fn p_deepcopy(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<1>(vm, "Pattern.__deepcopy__", Sig::One, args, kw)?;
    Ok(this.clone())
}

/// CPython's `%.<n>R`: a repr cut to `n` characters.
pub fn repr_cut(vm: &Vm, obj: &ObjRef, n: usize) -> PyResult<String> {
    let r = ops::repr_string(vm, obj)?;
    Ok(match r.char_indices().nth(n) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    })
}

const FLAG_NAMES: [(&str, i64); 9] = [
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

fn pattern_repr(vm: &Vm, this: &ObjRef) -> PyResult<ObjRef> {
    let p = pat(vm, this)?;
    let mut flags = p.flags;
    if p.is_bytes == Some(false) && flags & (4 | 32 | 256) == 32 {
        flags &= !32;
    }
    let mut names = Vec::new();
    for (name, v) in FLAG_NAMES {
        if flags & v != 0 {
            names.push(name.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        names.push(format!("{:#x}", flags));
    }
    let src = repr_cut(vm, &p.pattern.get().unwrap_or_else(none::none), 200)?;
    let text = if names.is_empty() {
        format!("re.compile({src})")
    } else {
        format!("re.compile({src}, {})", names.join("|"))
    };
    pystr::new_str_vm(vm, &text)
}

fn pattern_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let (Some(x), Some(y)) = (a.downcast::<PatternObject>(), b.downcast::<PatternObject>()) else {
        return Ok(none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let mut eq =
        a.is(b) || (x.flags == y.flags && x.is_bytes == y.is_bytes && x.code[..] == y.code[..]);
    if eq && !a.is(b) {
        let (pa, pb) = (
            x.pattern.get().unwrap_or_else(none::none),
            y.pattern.get().unwrap_or_else(none::none),
        );
        eq = ops::eq(vm, &pa, &pb)?;
    }
    Ok(crate::objects::boolobj::new_bool(
        eq == (op == CompareOp::Eq),
    ))
}

fn pattern_hash(vm: &Vm, this: &ObjRef) -> PyResult<i64> {
    let p = pat(vm, this)?;
    let mut h = ops::hash(vm, &p.pattern.get().unwrap_or_else(none::none))?;
    let code_bytes: Vec<u8> = p.code.iter().flat_map(|w| w.to_le_bytes()).collect();
    h ^= pystr::hash_text(&code_bytes);
    h ^= p.flags;
    h ^= p.is_bytes.map_or(-1, i64::from);
    h ^= p.code.len() as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn pattern_getattr(vm: &Vm, this: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let p = pat(vm, this)?;
    Ok(Some(match name {
        "pattern" => p.pattern.get().unwrap_or_else(none::none),
        "flags" => crate::objects::int::new_int(vm, p.flags)?,
        "groups" => crate::objects::int::new_int(vm, p.groups as i64)?,
        "groupindex" => match p.groupindex.get() {
            Some(d) => mappingproxy::new_mappingproxy(vm, d)?,
            None => dict::new_dict_vm(vm)?,
        },
        _ => return Ok(None),
    }))
}

static PATTERN_GETSET: [GetSetDef; 4] = [
    GetSetDef {
        name: "pattern",
        get: pattern_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "flags",
        get: pattern_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "groups",
        get: pattern_getattr,
        set: Some(crate::objects::getset::readonly),
    },
    GetSetDef {
        name: "groupindex",
        get: pattern_getattr,
        set: Some(crate::objects::getset::readonly),
    },
];

static PATTERN_METHODS: [MethodDef; 12] = [
    MethodDef {
        name: "match",
        func: p_match,
        flags: 0,
    },
    MethodDef {
        name: "fullmatch",
        func: p_fullmatch,
        flags: 0,
    },
    MethodDef {
        name: "search",
        func: p_search,
        flags: 0,
    },
    MethodDef {
        name: "sub",
        func: super::pattern_iter::p_sub,
        flags: 0,
    },
    MethodDef {
        name: "subn",
        func: super::pattern_iter::p_subn,
        flags: 0,
    },
    MethodDef {
        name: "split",
        func: super::pattern_iter::p_split,
        flags: 0,
    },
    MethodDef {
        name: "findall",
        func: super::pattern_iter::p_findall,
        flags: 0,
    },
    MethodDef {
        name: "finditer",
        func: p_finditer,
        flags: 0,
    },
    MethodDef {
        name: "scanner",
        func: p_scanner,
        flags: 0,
    },
    MethodDef {
        name: "__copy__",
        func: p_copy,
        flags: 0,
    },
    MethodDef {
        name: "__deepcopy__",
        func: p_deepcopy,
        flags: 0,
    },
    crate::class_getitem_def!("re.Pattern"),
];

/// `re.Pattern`.
pub static PATTERN_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &PATTERN_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "re.Pattern",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &PATTERN_VTABLE,
    slots: Slots {
        repr: Some(pattern_repr),
        richcompare: Some(pattern_richcompare),
        hash: Some(pattern_hash),
        ..Slots::EMPTY
    },
    methods: &PATTERN_METHODS,
    doc: "Compiled regular expression object.",
};

/// A tuple item as a str name, for `lastgroup`.
pub fn group_name(p: &PatternObject, index: usize) -> Option<ObjRef> {
    let names = p.indexgroup.get()?;
    let item = tuple::items(&names)?.get(index)?.clone();
    Some(item)
}
