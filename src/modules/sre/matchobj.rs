//! `re.Match`: the result of a successful match (CPython's `MatchObject`): the subject, the
//! pattern, and the span of every group.

use super::pattern::{group_name, pat, repr_cut, PatternObject};
use super::pattern_iter::call_re;
use super::subject::{slice_obj, Data, Found, Input};
use crate::object::{
    new_object, GetSetDef, HeapAlloc, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable,
    PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, int, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use allocator_api2::vec::Vec as HVec;

/// Payload of a match.
pub struct MatchObject {
    string: ObjCell,
    pattern: ObjCell,
    /// `2 * (groups + 1)` boundaries, group 0 first (-1: the group did not take part).
    regs: HVec<isize, HeapAlloc>,
    /// The same boundaries as UTF-8 byte offsets, for a non-ASCII str subject.
    byte_regs: HVec<usize, HeapAlloc>,
    pos: usize,
    endpos: usize,
    lastindex: isize,
}

impl PyPayload for MatchObject {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        [&self.string, &self.pattern]
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (`string`, `pattern`), each once, and does
// nothing else.
unsafe impl crate::object::Traverse for MatchObject {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.string.traverse(visit);
        self.pattern.traverse(visit);
    }
}

static MATCH_VTABLE: PayloadVTable = PayloadVTable::of::<MatchObject>();

/// A match object for `found` in `inp`, searched within `span` (`pos`, `endpos`).
pub fn new_match(
    vm: &Vm,
    pattern: &ObjRef,
    inp: &Input,
    found: &Found,
    span: (usize, usize),
) -> PyResult<ObjRef> {
    let mut regs = HVec::new_in(HeapAlloc);
    regs.push(found.start as isize);
    regs.push(found.end as isize);
    regs.extend_from_slice(&found.marks);
    let mut byte_regs = HVec::new_in(HeapAlloc);
    if let Data::Wide(w) = &inp.data {
        byte_regs.extend(
            regs.iter()
                .map(|&r| if r < 0 { 0 } else { w.offsets[r as usize] }),
        );
    }
    let m = MatchObject {
        string: ObjCell::new(Some(inp.obj.clone())),
        pattern: ObjCell::new(Some(pattern.clone())),
        regs,
        byte_regs,
        pos: span.0,
        endpos: span.1,
        lastindex: found.lastindex,
    };
    new_object(&MATCH_TYPE, m).or_mem(vm)
}

fn this<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a MatchObject> {
    obj.downcast::<MatchObject>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a 're.Match' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

fn pattern_of<'a>(
    vm: &Vm,
    m: &MatchObject,
    keep: &'a mut Option<ObjRef>,
) -> PyResult<&'a PatternObject> {
    *keep = m.pattern.get();
    let p = keep
        .as_ref()
        .ok_or_else(|| vm.type_error("match object was cleared"))?;
    pat(vm, p)
}

impl MatchObject {
    fn groups(&self) -> usize {
        self.regs.len() / 2
    }

    fn span(&self, g: usize) -> (isize, isize) {
        (self.regs[2 * g], self.regs[2 * g + 1])
    }
}

/// The group number `index` names (an int, or a name in the pattern's `groupindex`).
fn group_index(vm: &Vm, m: &MatchObject, index: &ObjRef) -> PyResult<usize> {
    let converted = if !int::is_int(index) && index.ob_type().slots.number.index.is_some() {
        ops::index(vm, index)?
    } else {
        None
    };
    let i = if int::is_int(index) || converted.is_some() {
        let v = converted.as_ref().unwrap_or(index);
        match int::value(v) {
            Some(int::IntValue::Small(v)) => v,
            Some(int::IntValue::Big(b)) => {
                if b.sign() == num_bigint::Sign::Minus {
                    -1
                } else {
                    i64::MAX
                }
            }
            None => -1,
        }
    } else {
        let mut keep = None;
        let p = pattern_of(vm, m, &mut keep)?;
        match p.groupindex.get() {
            Some(gi) => match dict::get_item(vm, &gi, index)? {
                Some(v) if int::is_int(&v) => int::as_i64(&v).unwrap_or(-1),
                _ => -1,
            },
            None => -1,
        }
    };
    if i < 0 || i as usize >= m.groups() {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

fn group_value(vm: &Vm, m: &MatchObject, g: usize, default: &ObjRef) -> PyResult<ObjRef> {
    let (a, b) = m.span(g);
    let Some(string) = m.string.get() else {
        return Ok(default.clone());
    };
    if a < 0 || b < 0 {
        return Ok(default.clone());
    }
    let bytes_span =
        (!m.byte_regs.is_empty()).then(|| (m.byte_regs[2 * g], m.byte_regs[2 * g + 1]));
    slice_obj(vm, &string, a as usize, b as usize, bytes_span)
}

fn m_group(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    crate::vm::args::no_kwargs(vm, "Match.group", kw)?;
    let none = none::none();
    match args {
        [] => group_value(vm, m, 0, &none),
        [one] => group_value(vm, m, group_index(vm, m, one)?, &none),
        many => {
            let items = many
                .iter()
                .map(|a| group_value(vm, m, group_index(vm, m, a)?, &none))
                .collect::<PyResult<Vec<_>>>()?;
            tuple::new_tuple(vm, items)
        }
    }
}

fn match_getitem(vm: &Vm, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    group_value(vm, m, group_index(vm, m, key)?, &none::none())
}

fn default_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [d] = parse::<1>(
        vm,
        name,
        Sig::Kw {
            names: &["default"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    Ok(d.unwrap_or_else(none::none))
}

fn m_groups(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let d = default_arg(vm, "groups", args, kw)?;
    let items = (1..m.groups())
        .map(|g| group_value(vm, m, g, &d))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::new_tuple(vm, items)
}

fn m_groupdict(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let d = default_arg(vm, "groupdict", args, kw)?;
    let out = dict::new_dict_vm(vm)?;
    let mut keep = None;
    let p = pattern_of(vm, m, &mut keep)?;
    if let Some(gi) = p.groupindex.get() {
        for (k, _) in dict::items(&gi) {
            let g = group_index(vm, m, &k)?;
            let v = group_value(vm, m, g, &d)?;
            dict::set_item(vm, &out, k, v)?;
        }
    }
    Ok(out)
}

fn group_arg(
    vm: &Vm,
    m: &MatchObject,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<usize> {
    let [g] = parse::<1>(vm, name, Sig::Clinic(0, 1), args, kw)?;
    match g {
        Some(g) => group_index(vm, m, &g),
        None => Ok(0),
    }
}

fn m_start(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let g = group_arg(vm, m, "start", args, kw)?;
    int::new_int(vm, m.span(g).0 as i64)
}

fn m_end(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let g = group_arg(vm, m, "end", args, kw)?;
    int::new_int(vm, m.span(g).1 as i64)
}

fn pair(vm: &Vm, (a, b): (isize, isize)) -> PyResult<ObjRef> {
    let items = vec![int::new_int(vm, a as i64)?, int::new_int(vm, b as i64)?];
    tuple::new_tuple(vm, items)
}

fn m_span(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let g = group_arg(vm, m, "span", args, kw)?;
    pair(vm, m.span(g))
}

fn m_expand(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let [template] = parse::<1>(
        vm,
        "expand",
        Sig::Kw {
            names: &["template"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let p = m.pattern.get().unwrap_or_else(none::none);
    call_re(
        vm,
        "_expand",
        &[p, obj.clone(), template.unwrap_or_else(none::none)],
    )
}

fn m_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Match.__copy__", Sig::NoArgs, args, kw)?;
    Ok(obj.clone())
}

fn m_deepcopy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<1>(vm, "Match.__deepcopy__", Sig::One, args, kw)?;
    Ok(obj.clone())
}

fn match_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let m = this(vm, obj)?;
    Ok(Some(match name {
        "string" => m.string.get().unwrap_or_else(none::none),
        "re" => m.pattern.get().unwrap_or_else(none::none),
        "pos" => int::new_int(vm, m.pos as i64)?,
        "endpos" => int::new_int(vm, m.endpos as i64)?,
        "lastindex" => {
            if m.lastindex < 0 {
                none::none()
            } else {
                int::new_int(vm, m.lastindex as i64)?
            }
        }
        "lastgroup" => {
            let mut keep = None;
            let p = pattern_of(vm, m, &mut keep)?;
            if m.lastindex < 0 {
                none::none()
            } else {
                group_name(p, m.lastindex as usize).unwrap_or_else(none::none)
            }
        }
        "regs" => {
            let items = (0..m.groups())
                .map(|g| pair(vm, m.span(g)))
                .collect::<PyResult<Vec<_>>>()?;
            tuple::new_tuple(vm, items)?
        }
        _ => return Ok(None),
    }))
}

fn match_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let m = this(vm, obj)?;
    let g0 = group_value(vm, m, 0, &none::none())?;
    let (a, b) = m.span(0);
    let text = format!(
        "<re.Match object; span=({a}, {b}), match={}>",
        repr_cut(vm, &g0, 50)?
    );
    pystr::new_str_vm(vm, &text)
}

macro_rules! ro {
    ($name:literal) => {
        GetSetDef {
            name: $name,
            get: match_getattr,
            set: Some(crate::objects::getset::readonly),
        }
    };
}

static MATCH_GETSET: [GetSetDef; 7] = [
    ro!("string"),
    ro!("re"),
    ro!("pos"),
    ro!("endpos"),
    ro!("lastindex"),
    ro!("lastgroup"),
    ro!("regs"),
];

static MATCH_METHODS: [MethodDef; 10] = [
    MethodDef {
        name: "group",
        func: m_group,
        flags: 0,
    },
    MethodDef {
        name: "groups",
        func: m_groups,
        flags: 0,
    },
    MethodDef {
        name: "groupdict",
        func: m_groupdict,
        flags: 0,
    },
    MethodDef {
        name: "start",
        func: m_start,
        flags: 0,
    },
    MethodDef {
        name: "end",
        func: m_end,
        flags: 0,
    },
    MethodDef {
        name: "span",
        func: m_span,
        flags: 0,
    },
    MethodDef {
        name: "expand",
        func: m_expand,
        flags: 0,
    },
    MethodDef {
        name: "__copy__",
        func: m_copy,
        flags: 0,
    },
    MethodDef {
        name: "__deepcopy__",
        func: m_deepcopy,
        flags: 0,
    },
    crate::class_getitem_def!("re.Match"),
];

/// `re.Match`.
pub static MATCH_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &MATCH_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "re.Match",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &MATCH_VTABLE,
    slots: Slots {
        repr: Some(match_repr),
        getitem: Some(match_getitem),
        ..Slots::EMPTY
    },
    methods: &MATCH_METHODS,
    doc: "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.",
};
