//! Expressions back to source text (CPython's `Python/ast_unparse.c`), for annotations under
//! `from __future__ import annotations` (PEP 563), which are stored as these strings.
//!
//! Parentheses are added from operator precedence exactly where CPython adds them, so the
//! strings equal CPython's (`'List[int]'`, `'a | None'`, `'(yield)'`, `'lambda x: x'`).

use crate::compiler::dis::{bytes_repr, float_repr, str_repr};
use crate::parser::ast::{
    Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, Operator, UnaryOp,
};

/// Precedence levels (`ast_unparse.c`'s `PR_*`).
mod pr {
    pub const TUPLE: u8 = 0;
    pub const TEST: u8 = 1;
    pub const OR: u8 = 2;
    pub const AND: u8 = 3;
    pub const NOT: u8 = 4;
    pub const CMP: u8 = 5;
    pub const BOR: u8 = 6;
    pub const EXPR: u8 = 6;
    pub const BXOR: u8 = 7;
    pub const BAND: u8 = 8;
    pub const SHIFT: u8 = 9;
    pub const ARITH: u8 = 10;
    pub const TERM: u8 = 11;
    pub const FACTOR: u8 = 12;
    pub const POWER: u8 = 13;
    pub const AWAIT: u8 = 14;
    pub const ATOM: u8 = 15;
}

/// The source text of `e`, as CPython's `_PyAST_ExprAsUnicode`.
pub fn unparse(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e, pr::TEST);
    out
}

fn open(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", pr::ARITH),
        Operator::Subtract => (" - ", pr::ARITH),
        Operator::Multiply => (" * ", pr::TERM),
        Operator::MatrixMultiply => (" @ ", pr::TERM),
        Operator::TrueDivide => (" / ", pr::TERM),
        Operator::Remainder => (" % ", pr::TERM),
        Operator::FloorDivide => (" // ", pr::TERM),
        Operator::Lshift => (" << ", pr::SHIFT),
        Operator::Rshift => (" >> ", pr::SHIFT),
        Operator::Or => (" | ", pr::BOR),
        Operator::Xor => (" ^ ", pr::BXOR),
        Operator::And => (" & ", pr::BAND),
        Operator::Power => (" ** ", pr::POWER),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
        CmpOp::AlmostEq => " ~= ",
    }
}

fn join(out: &mut String, items: &[Expr], level: u8) {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, e, level);
    }
}

/// `repr` of a constant, with infinities spelled `1e309` so the text re-parses.
fn constant(out: &mut String, c: &Constant) {
    let inf = |s: String| s.replace("inf", "1e309");
    match c {
        Constant::None => out.push_str("None"),
        Constant::Bool(true) => out.push_str("True"),
        Constant::Bool(false) => out.push_str("False"),
        Constant::Int(i) => out.push_str(&i.to_string()),
        Constant::Float(f) => out.push_str(&inf(float_repr(*f))),
        Constant::Complex(r, i) => {
            let imag = format!("{}j", float_repr(*i).trim_end_matches(".0"));
            if *r == 0.0 && r.is_sign_positive() {
                out.push_str(&inf(imag));
            } else {
                let re = float_repr(*r);
                let sign = if *i < 0.0 || (*i == 0.0 && i.is_sign_negative()) {
                    ""
                } else {
                    "+"
                };
                out.push_str(&inf(format!("({}{sign}{imag})", re.trim_end_matches(".0"))));
            }
        }
        Constant::Str(s) => out.push_str(&str_repr(s)),
        Constant::StrSurrogates(b) => out.push_str(&crate::objects::str::repr_wtf8(
            crate::objects::wtf8::Wtf8::from_bytes_trusted(b),
        )),
        Constant::Bytes(b) => out.push_str(&bytes_repr(b)),
        Constant::Ellipsis => out.push_str("..."),
        Constant::Tuple(items) => {
            out.push('(');
            for (i, c) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant(out, c);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
    }
}

fn comprehensions(out: &mut String, generators: &[Comprehension]) {
    for g in generators {
        out.push_str(if g.is_async { " async for " } else { " for " });
        expr(out, &g.target, pr::TUPLE);
        out.push_str(" in ");
        expr(out, &g.iter, pr::TEST + 1);
        for cond in &g.ifs {
            out.push_str(" if ");
            expr(out, cond, pr::TEST + 1);
        }
    }
}

fn lambda_args(out: &mut String, a: &Arguments) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    let positional: Vec<_> = a.posonlyargs.iter().chain(&a.args).collect();
    let first_default = positional.len() - a.defaults.len();
    for (i, arg) in positional.iter().enumerate() {
        sep(out);
        out.push_str(&arg.arg);
        if i >= first_default {
            out.push('=');
            expr(out, &a.defaults[i - first_default], pr::TEST);
        }
        if i + 1 == a.posonlyargs.len() {
            out.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = &a.vararg {
            out.push_str(&v.arg);
        }
    }
    for (arg, default) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        sep(out);
        out.push_str(&arg.arg);
        if let Some(d) = default {
            out.push('=');
            expr(out, d, pr::TEST);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(out);
        out.push_str("**");
        out.push_str(&k.arg);
    }
}

/// The body of an f-string (without quotes): text with braces doubled, and fields.
fn fstring_body(out: &mut String, values: &[Expr]) {
    for v in values {
        match &v.kind {
            ExprKind::Constant {
                value: Constant::Str(s),
                ..
            } => out.push_str(&s.replace('{', "{{").replace('}', "}}")),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let mut inner = String::new();
                expr(&mut inner, value, pr::TEST + 1);
                out.push('{');
                if inner.starts_with('{') {
                    out.push(' ');
                }
                out.push_str(&inner);
                if let Some(c) = u8::try_from(*conversion).ok().filter(|c| *c != 0xff) {
                    out.push('!');
                    out.push(c as char);
                }
                if let Some(spec) = format_spec {
                    out.push(':');
                    if let ExprKind::JoinedStr { values } = &spec.kind {
                        fstring_body(out, values);
                    }
                }
                out.push('}');
            }
            ExprKind::JoinedStr { values } => fstring_body(out, values),
            _ => {}
        }
    }
}

fn expr(out: &mut String, e: &Expr, level: u8) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (word, p) = match op {
                BoolOp::And => (" and ", pr::AND),
                BoolOp::Or => (" or ", pr::OR),
            };
            open(out, level > p);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(word);
                }
                expr(out, v, p + 1);
            }
            close(out, level > p);
        }
        ExprKind::BinOp { left, op, right } => {
            let (text, p) = binop(*op);
            let rassoc = (*op == Operator::Power) as u8;
            open(out, level > p);
            expr(out, left, p + rassoc);
            out.push_str(text);
            expr(out, right, p + 1 - rassoc);
            close(out, level > p);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (text, p) = match op {
                UnaryOp::Invert => ("~", pr::FACTOR),
                UnaryOp::Not => ("not ", pr::NOT),
                UnaryOp::UAdd => ("+", pr::FACTOR),
                UnaryOp::USub => ("-", pr::FACTOR),
            };
            open(out, level > p);
            out.push_str(text);
            expr(out, operand, p);
            close(out, level > p);
        }
        ExprKind::Lambda { args, body } => {
            open(out, level > pr::TEST);
            let n = args.posonlyargs.len()
                + args.args.len()
                + args.kwonlyargs.len()
                + args.vararg.is_some() as usize
                + args.kwarg.is_some() as usize;
            out.push_str(if n > 0 { "lambda " } else { "lambda" });
            lambda_args(out, args);
            out.push_str(": ");
            expr(out, body, pr::TEST);
            close(out, level > pr::TEST);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, level > pr::TEST);
            expr(out, body, pr::TEST + 1);
            out.push_str(" if ");
            expr(out, test, pr::TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, pr::TEST);
            close(out, level > pr::TEST);
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, pr::TEST);
                        out.push_str(": ");
                        expr(out, v, pr::TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, pr::EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } => {
            if elts.is_empty() {
                out.push_str("{*()}");
            } else {
                out.push('{');
                join(out, elts, pr::TEST);
                out.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            expr(out, elt, pr::TEST);
            comprehensions(out, generators);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            expr(out, elt, pr::TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            out.push('{');
            expr(out, key, pr::TEST);
            out.push_str(": ");
            expr(out, value, pr::TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            out.push('(');
            expr(out, elt, pr::TEST);
            comprehensions(out, generators);
            out.push(')');
        }
        ExprKind::Await { value } => {
            open(out, level > pr::AWAIT);
            out.push_str("await ");
            expr(out, value, pr::ATOM);
            close(out, level > pr::AWAIT);
        }
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, pr::TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            expr(out, value, pr::TEST);
            out.push(')');
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            open(out, level > pr::CMP);
            expr(out, left, pr::CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(cmpop(*op));
                expr(out, c, pr::CMP + 1);
            }
            close(out, level > pr::CMP);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr(out, func, pr::ATOM);
            if args.len() == 1
                && keywords.is_empty()
                && matches!(args[0].kind, ExprKind::GeneratorExp { .. })
            {
                expr(out, &args[0], pr::TEST);
                return;
            }
            out.push('(');
            join(out, args, pr::TEST);
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 || !args.is_empty() {
                    out.push_str(", ");
                }
                match &k.arg {
                    Some(name) => {
                        out.push_str(name);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                expr(out, &k.value, pr::TEST);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } | ExprKind::JoinedStr { .. } => {
            let mut body = String::new();
            fstring_body(&mut body, std::slice::from_ref(e));
            out.push('f');
            out.push_str(&str_repr(&body));
        }
        ExprKind::Constant { value, kind } => {
            if kind.as_deref() == Some("u") {
                out.push('u');
            }
            constant(out, value);
        }
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, pr::ATOM);
            let int = matches!(
                value.kind,
                ExprKind::Constant {
                    value: Constant::Int(_),
                    ..
                }
            );
            out.push_str(if int { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, pr::ATOM);
            out.push('[');
            match &slice.kind {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    join(out, elts, pr::TEST);
                    if elts.len() == 1 {
                        out.push(',');
                    }
                }
                _ => expr(out, slice, pr::TUPLE),
            }
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, pr::EXPR);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            join(out, elts, pr::TEST);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            open(out, level > pr::TUPLE);
            join(out, elts, pr::TEST);
            if elts.len() == 1 {
                out.push(',');
            }
            close(out, level > pr::TUPLE);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, pr::TEST);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, pr::TEST);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, pr::TEST);
            }
        }
        ExprKind::NamedExpr { target, value } => {
            open(out, level > pr::TUPLE);
            expr(out, target, pr::ATOM);
            out.push_str(" := ");
            expr(out, value, pr::ATOM);
            close(out, level > pr::TUPLE);
        }
    }
}

#[cfg(test)]
mod tests {
    /// Each annotation unparsed as CPython 3.11 does (checked against `ast.unparse` and
    /// `__annotations__` under `from __future__ import annotations`).
    #[test]
    fn annotations_unparse_like_cpython() {
        let cases = [
            ("List[int]", "List[int]"),
            ("a | None", "a | None"),
            ("dict[str, 'X']", "dict[str, 'X']"),
            ("(a, b)", "(a, b)"),
            ("-x ** 2", "-x ** 2"),
            ("(-x) ** 2", "(-x) ** 2"),
            ("lambda x, *y, z=1, **k: x", "lambda x, *y, z=1, **k: x"),
            ("a if b else c", "a if b else c"),
            ("f(*a, k=1, **kw)", "f(*a, k=1, **kw)"),
            ("x[1:2, ::3]", "x[1:2, ::3]"),
            ("not (a and b)", "not (a and b)"),
            ("[i for i in x if i]", "[i for i in x if i]"),
            ("1 .real", "1 .real"),
            ("f'{x!r:>{w}}'", "f'{x!r:>{w}}'"),
            ("{**a, 'b': 1}", "{**a, 'b': 1}"),
            ("(yield)", "(yield)"),
        ];
        for (src, want) in cases {
            let m = crate::parser::parse(src, "<t>", crate::parser::Mode::Eval).unwrap();
            let crate::parser::ast::StmtKind::Expr { value } = &m.body[0].kind else {
                panic!("an expression")
            };
            assert_eq!(super::unparse(value), want, "{src}");
        }
    }
}
