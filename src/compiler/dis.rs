//! A disassembler printing CPython 3.11's `dis.dis` layout: line number, jump-target marker,
//! offset (`2 * index`), opcode name, argument and its meaning, then each nested code object.

use std::collections::HashMap;
use std::fmt::Write;

use super::code::{CodeUnit, Constant};
use super::opcode::{BinaryOp, CompareOp, Opcode};

/// Fake, stable addresses for code objects: display order from this base.
const FAKE_ADDRESS_BASE: u64 = 0x7f00_0000_1000;

/// `dis.dis(code)`: the listing of `code`, then of every nested code object, recursively.
pub fn disassemble(code: &CodeUnit) -> String {
    let mut ids = HashMap::new();
    number(code, &mut ids);
    let mut out = String::new();
    disassemble_recursive(code, &ids, &mut out);
    out
}

fn number(code: &CodeUnit, ids: &mut HashMap<usize, usize>) {
    let next = ids.len();
    ids.insert(code as *const CodeUnit as usize, next);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            number(inner, ids);
        }
    }
}

fn disassemble_recursive(code: &CodeUnit, ids: &HashMap<usize, usize>, out: &mut String) {
    disassemble_one(code, ids, out);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", code_repr(inner, ids));
            disassemble_recursive(inner, ids, out);
        }
    }
}

/// `<code object f at 0x..., file "x.py", line 3>`
fn code_repr(code: &CodeUnit, ids: &HashMap<usize, usize>) -> String {
    let id = ids
        .get(&(code as *const CodeUnit as usize))
        .copied()
        .unwrap_or(0);
    format!(
        "<code object {} at 0x{:x}, file \"{}\", line {}>",
        code.name,
        FAKE_ADDRESS_BASE + 0x100 * id as u64,
        code.filename,
        code.firstlineno
    )
}

/// Opcodes below CPython's `HAVE_ARGUMENT`: `dis` shows no argument for them.
fn takes_arg(op: Opcode) -> bool {
    use Opcode::*;
    !matches!(
        op,
        NOP | POP_TOP
            | PUSH_NULL
            | RETURN_VALUE
            | UNARY_NEGATIVE
            | UNARY_POSITIVE
            | UNARY_NOT
            | UNARY_INVERT
            | BINARY_SUBSCR
            | STORE_SUBSCR
            | DELETE_SUBSCR
            | GET_ITER
            | LOAD_BUILD_CLASS
            | PUSH_EXC_INFO
            | POP_EXCEPT
            | CHECK_EXC_MATCH
            | BEFORE_WITH
            | WITH_EXCEPT_START
            | LOAD_ASSERTION_ERROR
            | GET_LEN
            | MATCH_MAPPING
            | MATCH_SEQUENCE
            | MATCH_KEYS
            | RETURN_GENERATOR
            | LIST_TO_TUPLE
            | GET_YIELD_FROM_ITER
            | SETUP_ANNOTATIONS
            | IMPORT_STAR
            | YIELD_VALUE
    )
}

fn argrepr(code: &CodeUnit, op: Opcode, arg: u32, ids: &HashMap<usize, usize>) -> String {
    use Opcode::*;
    let name = |v: &[String]| v.get(arg as usize).cloned().unwrap_or_default();
    match op {
        _ if op.is_jump() => format!("to {}", 2 * arg),
        LOAD_CONST | KW_NAMES => code
            .consts
            .get(arg as usize)
            .map(|c| const_repr(c, ids))
            .unwrap_or_default(),
        LOAD_NAME | STORE_NAME | DELETE_NAME | LOAD_GLOBAL | STORE_GLOBAL | DELETE_GLOBAL
        | LOAD_ATTR | STORE_ATTR | DELETE_ATTR | LOAD_METHOD | IMPORT_NAME | IMPORT_FROM => {
            name(&code.names)
        }
        LOAD_FAST | STORE_FAST | DELETE_FAST => name(&code.varnames),
        MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF | STORE_DEREF | DELETE_DEREF | LOAD_CLASSDEREF => {
            code.varnames
                .iter()
                .chain(&code.cellvars)
                .chain(&code.freevars)
                .nth(arg as usize)
                .cloned()
                .unwrap_or_default()
        }
        COMPARE_OP => CompareOp::from_arg(arg)
            .map(|c| c.symbol().to_string())
            .unwrap_or_default(),
        BINARY_OP => match BinaryOp::from_arg(arg) {
            Some((o, true)) => format!("{}=", o.symbol()),
            Some((o, false)) => o.symbol().to_string(),
            None => String::new(),
        },
        FORMAT_VALUE => {
            let mut s = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        MAKE_FUNCTION => ["defaults", "kwdefaults", "annotations", "closure"]
            .iter()
            .enumerate()
            .filter(|(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn disassemble_one(code: &CodeUnit, ids: &HashMap<usize, usize>, out: &mut String) {
    // Line starts, as `dis.findlinestarts`.
    let mut starts: HashMap<usize, u32> = HashMap::new();
    let mut last = None;
    for e in &code.linetable {
        if Some(e.line) != last {
            last = Some(e.line);
            starts.insert(e.start as usize, e.line);
        }
    }
    let maxline = starts.values().copied().max().unwrap_or(0);
    let lineno_width = if starts.is_empty() {
        0
    } else if maxline >= 1000 {
        maxline.to_string().len()
    } else {
        3
    };
    let maxoffset = 2 * code.instructions.len().saturating_sub(1);
    let offset_width = if maxoffset >= 10000 {
        maxoffset.to_string().len()
    } else {
        4
    };
    let mut labels: std::collections::HashSet<u32> = code
        .instructions
        .iter()
        .filter(|i| i.op.is_jump())
        .map(|i| i.arg)
        .collect();
    labels.extend(code.exceptiontable.iter().map(|e| e.target));
    for (i, ins) in code.instructions.iter().enumerate() {
        let start = starts.get(&i);
        if lineno_width > 0 && start.is_some() && i > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            fields.push(match start {
                Some(l) => format!("{l:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(
            if labels.contains(&(i as u32)) {
                ">>"
            } else {
                "  "
            }
            .into(),
        );
        fields.push(format!("{:>offset_width$}", 2 * i));
        fields.push(format!("{:<20}", ins.op.name()));
        if takes_arg(ins.op) {
            fields.push(format!("{:>5}", ins.arg));
            let r = argrepr(code, ins.op, ins.arg, ids);
            if !r.is_empty() {
                fields.push(format!("({r})"));
            }
        }
        let line = fields.join(" ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if !code.exceptiontable.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exceptiontable {
            let lasti = if e.push_lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                2 * e.start,
                2 * e.end - 2,
                2 * e.target,
                e.depth,
                lasti
            );
        }
    }
}

/// Python's `repr` of a constant.
pub fn const_repr(c: &Constant, ids: &HashMap<usize, usize>) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex(r, i) => {
            let imag = format!("{}j", strip_point_zero(float_repr(*i)));
            if *r == 0.0 && r.is_sign_positive() {
                imag
            } else {
                let sign = if *i < 0.0 || (*i == 0.0 && i.is_sign_negative()) {
                    "-"
                } else {
                    "+"
                };
                format!(
                    "({}{sign}{}j)",
                    strip_point_zero(float_repr(*r)),
                    strip_point_zero(float_repr(i.abs()))
                )
            }
        }
        Constant::Str(s) => str_repr(s),
        Constant::StrSurrogates(b) => {
            crate::objects::str::repr_wtf8(crate::objects::wtf8::Wtf8::from_bytes_trusted(b))
        }
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|x| const_repr(x, ids)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::Code(code) => code_repr(code, ids),
    }
}

fn strip_point_zero(s: String) -> String {
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Python's `repr(float)`: shortest round-trip digits, scientific outside `1e-4 <= |x| < 1e16`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= 0 {
            if n > exp + 1 {
                format!(
                    "{}.{}",
                    &digits[..(exp + 1) as usize],
                    &digits[(exp + 1) as usize..]
                )
            } else {
                format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

fn is_printable(c: char) -> bool {
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{feff}'))
}

/// Python's `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => {
                let v = c as u32;
                if v < 0x100 {
                    let _ = write!(out, "\\x{v:02x}");
                } else if v < 0x10000 {
                    let _ = write!(out, "\\u{v:04x}");
                } else {
                    let _ = write!(out, "\\U{v:08x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}
