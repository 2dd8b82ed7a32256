//! Expressions, parameters, comprehensions, keywords, patterns and constants to `_ast` node
//! objects (the rest of [`super::to_obj::ToObj`]).

use super::to_obj::ToObj;
use crate::object::ObjRef;
use crate::objects::{boolobj, bytes, complex, float, int, none, tuple};
use crate::parser::ast::{
    Arg, Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword,
    Operator, Pattern, PatternKind, UnaryOp,
};
use crate::vm::PyResult;

impl ToObj<'_> {
    pub(super) fn exprs(&self, items: &[Expr]) -> PyResult<ObjRef> {
        let items = items
            .iter()
            .map(|e| self.expr(e))
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    pub(super) fn opt_expr(&self, e: Option<&Expr>) -> PyResult<ObjRef> {
        e.map_or_else(|| Ok(none::none()), |e| self.expr(e))
    }

    /// A constant's value as a Python object.
    pub(super) fn constant(&self, c: &Constant) -> PyResult<ObjRef> {
        let vm = self.vm;
        Ok(match c {
            Constant::None => none::none(),
            Constant::Bool(b) => boolobj::new_bool(*b),
            Constant::Int(i) => int::new_bigint(vm, i)?,
            Constant::Float(f) => float::new_float(vm, *f)?,
            Constant::Complex(re, im) => complex::new_complex(vm, *re, *im)?,
            Constant::Str(s) => self.str(s)?,
            Constant::StrSurrogates(b) => crate::objects::str::new_str_wtf8_vm(
                vm,
                crate::objects::wtf8::Wtf8::from_bytes_trusted(b),
            )?,
            Constant::Bytes(b) => bytes::new_bytes(vm, b)?,
            Constant::Ellipsis => none::ellipsis(),
            Constant::Tuple(items) => {
                let items = items
                    .iter()
                    .map(|c| self.constant(c))
                    .collect::<PyResult<Vec<_>>>()?;
                tuple::new_tuple(vm, items)?
            }
        })
    }

    pub(super) fn operator(&self, op: Operator) -> PyResult<ObjRef> {
        self.singleton(operator_name(op))
    }

    fn ctx(&self, ctx: ExprContext) -> PyResult<ObjRef> {
        self.singleton(match ctx {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        })
    }

    pub(super) fn expr(&self, e: &Expr) -> PyResult<ObjRef> {
        use ExprKind as K;
        let (cls, fields): (&str, Vec<(&str, ObjRef)>) = match &e.kind {
            K::BoolOp { op, values } => (
                "BoolOp",
                vec![
                    (
                        "op",
                        self.singleton(match op {
                            BoolOp::And => "And",
                            BoolOp::Or => "Or",
                        })?,
                    ),
                    ("values", self.exprs(values)?),
                ],
            ),
            K::NamedExpr { target, value } => {
                self.need_version(8, "assignment expressions are")?;
                (
                    "NamedExpr",
                    vec![("target", self.expr(target)?), ("value", self.expr(value)?)],
                )
            }
            K::BinOp { left, op, right } => (
                "BinOp",
                vec![
                    ("left", self.expr(left)?),
                    ("op", self.operator(*op)?),
                    ("right", self.expr(right)?),
                ],
            ),
            K::UnaryOp { op, operand } => (
                "UnaryOp",
                vec![
                    (
                        "op",
                        self.singleton(match op {
                            UnaryOp::Invert => "Invert",
                            UnaryOp::Not => "Not",
                            UnaryOp::UAdd => "UAdd",
                            UnaryOp::USub => "USub",
                        })?,
                    ),
                    ("operand", self.expr(operand)?),
                ],
            ),
            K::Lambda { args, body } => (
                "Lambda",
                vec![("args", self.arguments(args)?), ("body", self.expr(body)?)],
            ),
            K::IfExp { test, body, orelse } => (
                "IfExp",
                vec![
                    ("test", self.expr(test)?),
                    ("body", self.expr(body)?),
                    ("orelse", self.expr(orelse)?),
                ],
            ),
            K::Dict { keys, values } => {
                let keys = keys
                    .iter()
                    .map(|k| self.opt_expr(k.as_ref()))
                    .collect::<PyResult<Vec<_>>>()?;
                (
                    "Dict",
                    vec![("keys", self.list(keys)?), ("values", self.exprs(values)?)],
                )
            }
            K::Set { elts } => ("Set", vec![("elts", self.exprs(elts)?)]),
            K::ListComp { elt, generators } => (
                "ListComp",
                vec![
                    ("elt", self.expr(elt)?),
                    ("generators", self.comprehensions(generators)?),
                ],
            ),
            K::SetComp { elt, generators } => (
                "SetComp",
                vec![
                    ("elt", self.expr(elt)?),
                    ("generators", self.comprehensions(generators)?),
                ],
            ),
            K::GeneratorExp { elt, generators } => (
                "GeneratorExp",
                vec![
                    ("elt", self.expr(elt)?),
                    ("generators", self.comprehensions(generators)?),
                ],
            ),
            K::DictComp {
                key,
                value,
                generators,
            } => (
                "DictComp",
                vec![
                    ("key", self.expr(key)?),
                    ("value", self.expr(value)?),
                    ("generators", self.comprehensions(generators)?),
                ],
            ),
            K::Await { value } => ("Await", vec![("value", self.expr(value)?)]),
            K::Yield { value } => ("Yield", vec![("value", self.opt_expr(value.as_deref())?)]),
            K::YieldFrom { value } => ("YieldFrom", vec![("value", self.expr(value)?)]),
            K::Compare {
                left,
                ops,
                comparators,
            } => {
                let ops = ops
                    .iter()
                    .map(|op| match cmpop_name(*op) {
                        Some(n) => self.singleton(n),
                        None => Err(self
                            .vm
                            .value_error("the '~=' operator has no ast node in CPython")),
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                (
                    "Compare",
                    vec![
                        ("left", self.expr(left)?),
                        ("ops", self.list(ops)?),
                        ("comparators", self.exprs(comparators)?),
                    ],
                )
            }
            K::Call {
                func,
                args,
                keywords,
            } => (
                "Call",
                vec![
                    ("func", self.expr(func)?),
                    ("args", self.exprs(args)?),
                    ("keywords", self.keywords(keywords)?),
                ],
            ),
            K::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let outer = self.fstring_span.replace(None);
                let value = self.expr(value);
                self.fstring_span.set(outer);
                (
                    "FormattedValue",
                    vec![
                        ("value", value?),
                        ("conversion", self.int(i64::from(*conversion))?),
                        ("format_spec", self.opt_expr(format_spec.as_deref())?),
                    ],
                )
            }
            K::JoinedStr { values } => {
                // CPython 3.11 places the parts of an f-string at the whole string.
                let whole = self.fstring_span.get().unwrap_or(e.span);
                let outer = self.fstring_span.replace(Some(whole));
                let values = self.exprs(values);
                self.fstring_span.set(outer);
                ("JoinedStr", vec![("values", values?)])
            }
            K::Constant { value, kind } => (
                "Constant",
                vec![
                    ("value", self.constant(value)?),
                    ("kind", self.opt_str(kind.as_deref())?),
                ],
            ),
            K::Attribute { value, attr, ctx } => (
                "Attribute",
                vec![
                    ("value", self.expr(value)?),
                    ("attr", self.str(attr)?),
                    ("ctx", self.ctx(*ctx)?),
                ],
            ),
            K::Subscript { value, slice, ctx } => (
                "Subscript",
                vec![
                    ("value", self.expr(value)?),
                    ("slice", self.expr(slice)?),
                    ("ctx", self.ctx(*ctx)?),
                ],
            ),
            K::Starred { value, ctx } => (
                "Starred",
                vec![("value", self.expr(value)?), ("ctx", self.ctx(*ctx)?)],
            ),
            K::Name { id, ctx } => (
                "Name",
                vec![("id", self.str(id)?), ("ctx", self.ctx(*ctx)?)],
            ),
            K::List { elts, ctx } => (
                "List",
                vec![("elts", self.exprs(elts)?), ("ctx", self.ctx(*ctx)?)],
            ),
            K::Tuple { elts, ctx } => (
                "Tuple",
                vec![("elts", self.exprs(elts)?), ("ctx", self.ctx(*ctx)?)],
            ),
            K::Slice { lower, upper, step } => (
                "Slice",
                vec![
                    ("lower", self.opt_expr(lower.as_deref())?),
                    ("upper", self.opt_expr(upper.as_deref())?),
                    ("step", self.opt_expr(step.as_deref())?),
                ],
            ),
        };
        let span = match (&e.kind, self.fstring_span.get()) {
            (K::Constant { .. } | K::FormattedValue { .. } | K::JoinedStr { .. }, Some(s)) => s,
            _ => e.span,
        };
        self.node(cls, fields, Some(span))
    }

    fn comprehensions(&self, gens: &[Comprehension]) -> PyResult<ObjRef> {
        let items = gens
            .iter()
            .map(|g| {
                self.node(
                    "comprehension",
                    vec![
                        ("target", self.expr(&g.target)?),
                        ("iter", self.expr(&g.iter)?),
                        ("ifs", self.exprs(&g.ifs)?),
                        ("is_async", self.bool_int(g.is_async)?),
                    ],
                    None,
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    pub(super) fn keywords(&self, kws: &[Keyword]) -> PyResult<ObjRef> {
        let items = kws
            .iter()
            .map(|k| {
                self.node(
                    "keyword",
                    vec![
                        ("arg", self.opt_str(k.arg.as_deref())?),
                        ("value", self.expr(&k.value)?),
                    ],
                    Some(k.span),
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    fn arg(&self, a: &Arg) -> PyResult<ObjRef> {
        // CPython's parameter ends with its annotation.
        let span = match &a.annotation {
            Some(ann) => a.span.to(ann.span),
            None => a.span,
        };
        self.node(
            "arg",
            vec![
                ("arg", self.str(&a.arg)?),
                ("annotation", self.opt_expr(a.annotation.as_deref())?),
                ("type_comment", none::none()),
            ],
            Some(span),
        )
    }

    fn args(&self, args: &[Arg]) -> PyResult<ObjRef> {
        let items = args
            .iter()
            .map(|a| self.arg(a))
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    fn opt_arg(&self, a: Option<&Arg>) -> PyResult<ObjRef> {
        a.map_or_else(|| Ok(none::none()), |a| self.arg(a))
    }

    pub(super) fn arguments(&self, a: &Arguments) -> PyResult<ObjRef> {
        if !a.posonlyargs.is_empty() {
            self.need_version(8, "positional-only parameters are")?;
        }
        let kw_defaults = a
            .kw_defaults
            .iter()
            .map(|d| self.opt_expr(d.as_ref()))
            .collect::<PyResult<Vec<_>>>()?;
        self.node(
            "arguments",
            vec![
                ("posonlyargs", self.args(&a.posonlyargs)?),
                ("args", self.args(&a.args)?),
                ("vararg", self.opt_arg(a.vararg.as_ref())?),
                ("kwonlyargs", self.args(&a.kwonlyargs)?),
                ("kw_defaults", self.list(kw_defaults)?),
                ("kwarg", self.opt_arg(a.kwarg.as_ref())?),
                ("defaults", self.exprs(&a.defaults)?),
            ],
            None,
        )
    }

    fn patterns(&self, ps: &[Pattern]) -> PyResult<ObjRef> {
        let items = ps
            .iter()
            .map(|p| self.pattern(p))
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    pub(super) fn pattern(&self, p: &Pattern) -> PyResult<ObjRef> {
        use PatternKind as K;
        let (cls, fields): (&str, Vec<(&str, ObjRef)>) = match &p.kind {
            K::MatchValue { value } => ("MatchValue", vec![("value", self.expr(value)?)]),
            K::MatchSingleton { value } => {
                ("MatchSingleton", vec![("value", self.constant(value)?)])
            }
            K::MatchSequence { patterns } => (
                "MatchSequence",
                vec![("patterns", self.patterns(patterns)?)],
            ),
            K::MatchMapping {
                keys,
                patterns,
                rest,
            } => (
                "MatchMapping",
                vec![
                    ("keys", self.exprs(keys)?),
                    ("patterns", self.patterns(patterns)?),
                    ("rest", self.opt_str(rest.as_deref())?),
                ],
            ),
            K::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => (
                "MatchClass",
                vec![
                    ("cls", self.expr(cls)?),
                    ("patterns", self.patterns(patterns)?),
                    ("kwd_attrs", self.names(kwd_attrs)?),
                    ("kwd_patterns", self.patterns(kwd_patterns)?),
                ],
            ),
            K::MatchStar { name } => ("MatchStar", vec![("name", self.opt_str(name.as_deref())?)]),
            K::MatchAs { pattern, name } => {
                let pattern = match pattern {
                    Some(p) => self.pattern(p)?,
                    None => none::none(),
                };
                (
                    "MatchAs",
                    vec![
                        ("pattern", pattern),
                        ("name", self.opt_str(name.as_deref())?),
                    ],
                )
            }
            K::MatchOr { patterns } => ("MatchOr", vec![("patterns", self.patterns(patterns)?)]),
        };
        self.node(cls, fields, Some(p.span))
    }
}

/// The `_ast` class of a binary operator.
pub fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Subtract => "Sub",
        Operator::Multiply => "Mult",
        Operator::MatrixMultiply => "MatMult",
        Operator::TrueDivide => "Div",
        Operator::Remainder => "Mod",
        Operator::Power => "Pow",
        Operator::Lshift => "LShift",
        Operator::Rshift => "RShift",
        Operator::Or => "BitOr",
        Operator::Xor => "BitXor",
        Operator::And => "BitAnd",
        Operator::FloorDivide => "FloorDiv",
    }
}

/// The `_ast` class of a comparison (`None` for arenapy's `~=`).
pub fn cmpop_name(op: CmpOp) -> Option<&'static str> {
    Some(match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
        CmpOp::AlmostEq => return None,
    })
}
