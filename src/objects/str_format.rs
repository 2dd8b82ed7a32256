//! `str.format` and `str.format_map` (CPython's `Objects/stringlib/unicode_format.h`):
//! literal text with `{{`/`}}` escapes, replacement fields
//! `{field_name[!conversion][:format_spec]}` whose name is an index, a keyword or empty (automatic
//! numbering), followed by `.attr` and `[key]` accessors; specs may nest one more level of
//! fields.

use crate::object::ObjRef;
use crate::objects::format::format_value;
use crate::objects::str::{as_str, new_str_vm};
use crate::objects::str_format_scan::{
    next_accessor, parse_index, scan_piece, split_field, Accessor,
};
use crate::objects::str_surrogates::{format_session, session_text};
use crate::objects::{dict, int};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::split_args;
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};

/// Where keyword fields come from.
enum Kwargs<'a> {
    /// `str.format(**kw)`: the keyword arguments.
    Pairs(Vec<(&'a str, &'a ObjRef)>),
    /// `str.format_map(mapping)`: `mapping[name]`.
    Mapping(&'a ObjRef),
}

/// Automatic or manual field numbering (they cannot be mixed).
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

struct Formatter<'a> {
    vm: &'a Vm,
    args: &'a [ObjRef],
    kwargs: Kwargs<'a>,
    numbering: Numbering,
}

/// `ascii(obj)`: `repr(obj)` with non-ASCII characters escaped.
pub fn ascii_text(vm: &Vm, obj: &ObjRef) -> PyResult<String> {
    let r = ops::repr_string(vm, obj)?;
    Ok(escape_non_ascii(&r))
}

/// Escapes non-ASCII characters as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn escape_non_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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
    out
}

impl Formatter<'_> {
    fn format(&mut self, fmt: &str, depth: u32) -> PyResult<String> {
        let vm = self.vm;
        if depth == 0 {
            return Err(vm.value_error("Max string recursion exceeded"));
        }
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::with_capacity(fmt.len());
        let mut i = 0;
        while i < chars.len() {
            let (piece, next) = scan_piece(&chars, i).map_err(|m| vm.value_error(m))?;
            out.push_str(&piece.literal);
            if let Some(field) = piece.field {
                let text = self.field(&field, depth)?;
                out.grow(vm, text.len())?;
                out.push_str(&text);
            }
            i = next;
        }
        Ok(out)
    }

    /// Renders one replacement field (the text between the braces).
    fn field(&mut self, field: &str, depth: u32) -> PyResult<String> {
        let vm = self.vm;
        let (name, conversion, spec) = split_field(field).map_err(|m| vm.value_error(m))?;
        let mut value = self.lookup(name)?;
        if let Some(conv) = conversion {
            value = match conv {
                'r' => ops::repr(vm, &value)?,
                's' => ops::str(vm, &value)?,
                'a' => new_str_vm(vm, &ascii_text(vm, &value)?)?,
                other => {
                    return Err(vm.value_error(&format!("Unknown conversion specifier {other}")))
                }
            };
        }
        let spec = if spec.contains('{') {
            self.format(spec, depth - 1)?
        } else {
            spec.to_string()
        };
        let r = format_value(vm, &value, &spec)?;
        Ok(crate::objects::str_surrogates::session_text(self.vm, &r)?.into_owned())
    }

    /// Resolves `first(.attr|[key])*`.
    fn lookup(&mut self, name: &str) -> PyResult<ObjRef> {
        let vm = self.vm;
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut obj = if first.is_empty() {
            let idx = match self.numbering {
                Numbering::Manual => return Err(vm.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Unknown => 0,
                Numbering::Auto(n) => n,
            };
            self.numbering = Numbering::Auto(idx + 1);
            self.positional(idx)?
        } else if let Some(idx) = parse_index(first) {
            if let Numbering::Auto(_) = self.numbering {
                return Err(vm.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            self.numbering = Numbering::Manual;
            self.positional(idx)?
        } else {
            self.keyword(first)?
        };
        let mut rest = &name[first_end..];
        while !rest.is_empty() {
            let (acc, after) = next_accessor(rest).map_err(|m| vm.value_error(m))?;
            obj = match acc {
                Accessor::Attr(attr) => ops::getattr(vm, &obj, attr)?,
                Accessor::Index(i) => ops::getitem(vm, &obj, &int::new_int(vm, i as i64)?)?,
                Accessor::Key(k) => ops::getitem(vm, &obj, &new_str_vm(vm, k)?)?,
            };
            rest = after;
        }
        Ok(obj)
    }

    fn positional(&self, idx: usize) -> PyResult<ObjRef> {
        self.args.get(idx).cloned().ok_or_else(|| {
            self.vm.index_error(&format!(
                "Replacement index {idx} out of range for positional args tuple"
            ))
        })
    }

    fn keyword(&self, name: &str) -> PyResult<ObjRef> {
        let vm = self.vm;
        match &self.kwargs {
            Kwargs::Pairs(pairs) => match pairs.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => Ok((*v).clone()),
                None => Err(vm.key_error(new_str_vm(vm, name)?)),
            },
            Kwargs::Mapping(m) => {
                let key = new_str_vm(vm, name)?;
                if std::ptr::eq(m.ob_type(), &dict::DICT_TYPE) {
                    return dict::get_item(vm, m, &key)?.ok_or_else(|| vm.key_error(key));
                }
                ops::getitem(vm, m, &key)
            }
        }
    }
}

/// `fmt.format(*args, **kwargs)` as Rust text.
pub fn format_with(
    vm: &Vm,
    fmt: &str,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<String> {
    let (pos, kw) = split_args(args, kwnames);
    let mut f = Formatter {
        vm,
        args: pos,
        kwargs: Kwargs::Pairs(kw),
        numbering: Numbering::Unknown,
    };
    f.format(fmt, 2)
}

pub(crate) fn str_format(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    format_session(vm, || {
        let fmt = session_text(vm, this)?;
        format_with(vm, &fmt, args, kw)
    })
}

pub(crate) fn str_format_map(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [mapping] = parse::<1>(vm, "str.format_map", Sig::One, args, kw)?;
    let mapping = mapping.ok_or_else(|| vm.type_error("missing argument"))?;
    let mut f = Formatter {
        vm,
        args: &[],
        kwargs: Kwargs::Mapping(&mapping),
        numbering: Numbering::Unknown,
    };
    format_session(vm, || {
        let fmt = session_text(vm, this)?;
        f.format(&fmt, 2)
    })
}

pub(crate) fn str_dunder_format(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [spec] = parse::<1>(vm, "str.__format__", Sig::One, args, kw)?;
    let spec = spec.ok_or_else(|| vm.type_error("missing argument"))?;
    let text = as_str(&spec).ok_or_else(|| {
        vm.type_error(&format!(
            "__format__() argument must be str, not {}",
            spec.ob_type().name()
        ))
    })?;
    crate::objects::format::format_builtin(vm, this, text)
}
