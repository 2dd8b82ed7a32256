//! `str.format` and `str.format_map` (CPython's `Objects/stringlib/unicode_format.h`):
//! literal text with `{{`/`}}` escapes, replacement fields
//! `{field_name[!conversion][:format_spec]}` whose name is an index, a keyword or empty (automatic
//! numbering), followed by `.attr` and `[key]` accessors; specs may nest one more level of
//! fields.

use crate::object::ObjRef;
use crate::objects::format::format_value;
use crate::objects::str::{as_str, new_str_vm};
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
            let c = chars[i];
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(vm.value_error("Single '}' encountered in format string"));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // A replacement field: find its closing brace (brackets in the name hide braces).
            let start = i + 1;
            let (mut count, mut in_name, mut bracket) = (1, true, false);
            let mut j = start;
            let mut end = None;
            while j < chars.len() {
                let ch = chars[j];
                if in_name && bracket {
                    if ch == ']' {
                        bracket = false;
                    }
                    j += 1;
                    continue;
                }
                if in_name && ch == '[' {
                    bracket = true;
                } else if in_name && (ch == ':' || ch == '!') {
                    in_name = false;
                }
                if ch == '{' {
                    count += 1;
                } else if ch == '}' {
                    count -= 1;
                    if count == 0 {
                        end = Some(j);
                        break;
                    }
                }
                j += 1;
            }
            let Some(end) = end else {
                return Err(vm.value_error(if start == chars.len() {
                    "Single '{' encountered in format string"
                } else {
                    "expected '}' before end of string"
                }));
            };
            let field: String = chars[start..end].iter().collect();
            let piece = self.field(&field, depth)?;
            out.grow(vm, piece.len())?;
            out.push_str(&piece);
            i = end + 1;
        }
        Ok(out)
    }

    /// Renders one replacement field (the text between the braces).
    fn field(&mut self, field: &str, depth: u32) -> PyResult<String> {
        let vm = self.vm;
        // Split off the name (bracket-aware), the conversion and the spec.
        let mut name_end = field.len();
        let mut bracket = false;
        for (k, ch) in field.char_indices() {
            match ch {
                '[' => bracket = true,
                ']' => bracket = false,
                ':' | '!' if !bracket => {
                    name_end = k;
                    break;
                }
                _ => {}
            }
        }
        let name = &field[..name_end];
        let mut rest = &field[name_end..];
        let mut conversion = None;
        if let Some(r) = rest.strip_prefix('!') {
            let mut it = r.chars();
            let Some(conv) = it.next() else {
                return Err(vm.value_error("unmatched '{' in format spec"));
            };
            rest = it.as_str();
            if !rest.is_empty() && !rest.starts_with(':') {
                return Err(vm.value_error("expected ':' after conversion specifier"));
            }
            conversion = Some(conv);
        }
        let spec = rest.strip_prefix(':').unwrap_or("");
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
        Ok(as_str(&r).unwrap_or("").to_string())
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
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let attr = &r[..end];
                if attr.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                obj = ops::getattr(vm, &obj, attr)?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let Some(close) = r.find(']') else {
                    return Err(vm.value_error("Missing ']' in format string"));
                };
                let key_text = &r[..close];
                if key_text.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let key = match parse_index(key_text) {
                    Some(i) => int::new_int(vm, i as i64)?,
                    None => new_str_vm(vm, key_text)?,
                };
                obj = ops::getitem(vm, &obj, &key)?;
                rest = &r[close + 1..];
                if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                    return Err(
                        vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                    );
                }
            } else {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
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

/// A field name made only of ASCII digits, as an index.
fn parse_index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
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
    let text = format_with(vm, as_str(this).unwrap_or(""), args, kw)?;
    new_str_vm(vm, &text)
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
    let text = f.format(as_str(this).unwrap_or(""), 2)?;
    new_str_vm(vm, &text)
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
    format_value(vm, this, text)
}
