//! Expressions, parameters, comprehensions, keywords, operators, constants and patterns from
//! `_ast` node objects (the rest of [`super::from_obj::FromObj`]).

use super::from_obj::FromObj;
use crate::object::ObjRef;
use crate::objects::{boolobj, bytes, complex, exceptions, float, int, none, str as pystr, tuple};
use crate::parser::ast::{
    Arg, Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword,
    Operator, Pattern, PatternKind, UnaryOp,
};
use crate::vm::PyResult;

const EXPR_KINDS: &[&str] = &[
    "BoolOp",
    "NamedExpr",
    "BinOp",
    "UnaryOp",
    "Lambda",
    "IfExp",
    "Dict",
    "Set",
    "ListComp",
    "SetComp",
    "DictComp",
    "GeneratorExp",
    "Await",
    "Yield",
    "YieldFrom",
    "Compare",
    "Call",
    "FormattedValue",
    "JoinedStr",
    "Constant",
    "Attribute",
    "Subscript",
    "Starred",
    "Name",
    "List",
    "Tuple",
    "Slice",
];

const OPERATORS: &[(&str, Operator)] = &[
    ("Add", Operator::Add),
    ("Sub", Operator::Subtract),
    ("Mult", Operator::Multiply),
    ("MatMult", Operator::MatrixMultiply),
    ("Div", Operator::TrueDivide),
    ("Mod", Operator::Remainder),
    ("Pow", Operator::Power),
    ("LShift", Operator::Lshift),
    ("RShift", Operator::Rshift),
    ("BitOr", Operator::Or),
    ("BitXor", Operator::Xor),
    ("BitAnd", Operator::And),
    ("FloorDiv", Operator::FloorDivide),
];

const CMPOPS: &[(&str, CmpOp)] = &[
    ("Eq", CmpOp::Eq),
    ("NotEq", CmpOp::NotEq),
    ("Lt", CmpOp::Lt),
    ("LtE", CmpOp::LtE),
    ("Gt", CmpOp::Gt),
    ("GtE", CmpOp::GtE),
    ("Is", CmpOp::Is),
    ("IsNot", CmpOp::IsNot),
    ("In", CmpOp::In),
    ("NotIn", CmpOp::NotIn),
];

impl FromObj<'_> {
    /// One of a sum of field-less classes (`operator`, `cmpop`, ...), by table.
    fn simple<T: Copy>(&self, obj: &ObjRef, what: &str, table: &[(&str, T)]) -> PyResult<T> {
        for (name, v) in table {
            if self.is(obj, name)? {
                return Ok(*v);
            }
        }
        Err(self.expected(what, obj))
    }

    pub(super) fn operator(&self, obj: &ObjRef) -> PyResult<Operator> {
        self.simple(obj, "operator", OPERATORS)
    }

    fn ctx(&self, obj: &ObjRef, owner: &str) -> PyResult<ExprContext> {
        let v = self.req(obj, "ctx", owner)?;
        if none::is_none(&v) {
            return Err(self.required("ctx", owner));
        }
        self.simple(
            &v,
            "expr_context",
            &[
                ("Load", ExprContext::Load),
                ("Store", ExprContext::Store),
                ("Del", ExprContext::Del),
            ],
        )
    }

    /// A list of expressions.
    pub(super) fn exprs(
        &self,
        obj: &ObjRef,
        name: &str,
        owner: &str,
        d: usize,
    ) -> PyResult<Vec<Expr>> {
        self.seq(obj, name, owner, |s, o| {
            if none::is_none(o) {
                return Err(s.vm.value_error("None disallowed in expression list"));
            }
            s.expr(o, d + 1)
        })
    }

    /// A list of keywords.
    pub(super) fn keywords(
        &self,
        obj: &ObjRef,
        name: &str,
        owner: &str,
        d: usize,
    ) -> PyResult<Vec<Keyword>> {
        self.seq(obj, name, owner, |s, o| {
            let span = s.span(o, "keyword")?;
            if !s.is(o, "keyword")? {
                return Err(s.expected("keyword", o));
            }
            Ok(Keyword {
                arg: s.opt_ident(o, "arg")?,
                value: s.req_expr(o, "value", "keyword", d + 1)?,
                span,
            })
        })
    }

    fn arg(&self, obj: &ObjRef, d: usize) -> PyResult<Arg> {
        let span = self.span(obj, "arg")?;
        if !self.is(obj, "arg")? {
            return Err(self.expected("arg", obj));
        }
        Ok(Arg {
            arg: self.req_ident(obj, "arg", "arg")?,
            annotation: self.opt_expr(obj, "annotation", d + 1)?,
            span,
        })
    }

    /// The required `args` field (an `arguments` node) of `owner`.
    pub(super) fn req_arguments(&self, obj: &ObjRef, owner: &str, d: usize) -> PyResult<Arguments> {
        let a = self.req(obj, "args", owner)?;
        if none::is_none(&a) {
            return Err(self.required("args", owner));
        }
        if !self.is(&a, "arguments")? {
            return Err(self.expected("arguments", &a));
        }
        let o = "arguments";
        let opt_arg = |name: &str| -> PyResult<Option<Arg>> {
            self.opt(&a, name)?.map(|v| self.arg(&v, d)).transpose()
        };
        let args = Arguments {
            posonlyargs: self.seq(&a, "posonlyargs", o, |s, x| s.arg(x, d))?,
            args: self.seq(&a, "args", o, |s, x| s.arg(x, d))?,
            vararg: opt_arg("vararg")?,
            kwonlyargs: self.seq(&a, "kwonlyargs", o, |s, x| s.arg(x, d))?,
            kw_defaults: self.seq(&a, "kw_defaults", o, |s, x| {
                if none::is_none(x) {
                    Ok(None)
                } else {
                    s.expr(x, d + 1).map(Some)
                }
            })?,
            kwarg: opt_arg("kwarg")?,
            defaults: self.exprs(&a, "defaults", o, d)?,
        };
        Ok(args)
    }

    fn comprehensions(&self, obj: &ObjRef, owner: &str, d: usize) -> PyResult<Vec<Comprehension>> {
        let gens = self.seq(obj, "generators", owner, |s, o| {
            if !s.is(o, "comprehension")? {
                return Err(s.expected("comprehension", o));
            }
            let c = "comprehension";
            Ok(Comprehension {
                target: s.req_expr(o, "target", c, d + 1)?,
                iter: s.req_expr(o, "iter", c, d + 1)?,
                ifs: s.exprs(o, "ifs", c, d)?,
                is_async: s.req_int(o, "is_async", c)? != 0,
            })
        })?;
        if gens.is_empty() {
            return Err(self.vm.value_error("comprehension with no generators"));
        }
        Ok(gens)
    }

    /// A `Constant`'s value, checked as CPython's validator does (exact types only: a
    /// subclass of int or str is no constant).
    pub(super) fn constant(&self, v: &ObjRef) -> PyResult<Constant> {
        let vm = self.vm;
        if none::is_none(v) {
            return Ok(Constant::None);
        }
        if let Some(b) = boolobj::as_bool(v) {
            return Ok(Constant::Bool(b));
        }
        if v.is(&none::ellipsis()) {
            return Ok(Constant::Ellipsis);
        }
        if std::ptr::eq(v.ob_type(), &int::INT_TYPE) {
            if let Some(i) = int::as_bigint(v) {
                return Ok(Constant::Int(i));
            }
        }
        if std::ptr::eq(v.ob_type(), &float::FLOAT_TYPE) {
            if let Some(f) = float::as_f64(v) {
                return Ok(Constant::Float(f));
            }
        }
        if std::ptr::eq(v.ob_type(), &complex::COMPLEX_TYPE) {
            if let Some((re, im)) = complex::as_complex(v) {
                return Ok(Constant::Complex(re, im));
            }
        }
        if std::ptr::eq(v.ob_type(), &pystr::STR_TYPE) {
            if let Some(s) = pystr::as_str(v) {
                return Ok(Constant::Str(s.to_string()));
            }
        }
        if std::ptr::eq(v.ob_type(), &bytes::BYTES_TYPE) {
            if let Some(b) = bytes::as_bytes(v) {
                return Ok(Constant::Bytes(b.to_vec()));
            }
        }
        if std::ptr::eq(v.ob_type(), &tuple::TUPLE_TYPE) {
            if let Some(items) = tuple::items(v) {
                let items = items
                    .iter()
                    .map(|i| self.constant(i))
                    .collect::<PyResult<Vec<_>>>()?;
                return Ok(Constant::Tuple(items));
            }
        }
        if std::ptr::eq(v.ob_type(), &crate::objects::set::FROZENSET_TYPE) {
            // Its items are checked first, as CPython's validator does.
            for item in crate::vm::ops::collect_iterable(vm, v)? {
                self.constant(&item)?;
            }
            return Err(vm.type_error("arenapy cannot compile a frozenset constant"));
        }
        Err(vm.type_error(&format!(
            "got an invalid type in Constant: {}",
            v.ob_type().name()
        )))
    }

    /// One expression.
    pub(super) fn expr(&self, obj: &ObjRef, d: usize) -> PyResult<Expr> {
        if d > 3000 {
            return Err(self.vm.new_error(
                &exceptions::RECURSION_ERROR,
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        let span = self.span(obj, "expr")?;
        let Some(k) = self.which(obj, EXPR_KINDS)? else {
            return Err(self.expected("expr", obj));
        };
        let b = |name: &str| -> PyResult<Box<Expr>> {
            Ok(Box::new(self.req_expr(obj, name, k, d + 1)?))
        };
        let kind = match k {
            "BoolOp" => {
                let op = self.req(obj, "op", k)?;
                let op = self.simple(&op, "boolop", &[("And", BoolOp::And), ("Or", BoolOp::Or)])?;
                let values = self.exprs(obj, "values", k, d)?;
                if values.len() < 2 {
                    return Err(self.vm.value_error("BoolOp with less than 2 values"));
                }
                ExprKind::BoolOp { op, values }
            }
            "NamedExpr" => ExprKind::NamedExpr {
                target: b("target")?,
                value: b("value")?,
            },
            "BinOp" => ExprKind::BinOp {
                left: b("left")?,
                op: self.operator(&self.req(obj, "op", k)?)?,
                right: b("right")?,
            },
            "UnaryOp" => {
                let op = self.req(obj, "op", k)?;
                ExprKind::UnaryOp {
                    op: self.simple(
                        &op,
                        "unaryop",
                        &[
                            ("Invert", UnaryOp::Invert),
                            ("Not", UnaryOp::Not),
                            ("UAdd", UnaryOp::UAdd),
                            ("USub", UnaryOp::USub),
                        ],
                    )?,
                    operand: b("operand")?,
                }
            }
            "Lambda" => ExprKind::Lambda {
                args: Box::new(self.req_arguments(obj, k, d)?),
                body: b("body")?,
            },
            "IfExp" => ExprKind::IfExp {
                test: b("test")?,
                body: b("body")?,
                orelse: b("orelse")?,
            },
            "Dict" => {
                let keys = self.seq(obj, "keys", k, |s, o| {
                    if none::is_none(o) {
                        Ok(None)
                    } else {
                        s.expr(o, d + 1).map(Some)
                    }
                })?;
                let values = self.exprs(obj, "values", k, d)?;
                if keys.len() != values.len() {
                    return Err(self
                        .vm
                        .value_error("Dict doesn't have the same number of keys as values"));
                }
                ExprKind::Dict { keys, values }
            }
            "Set" => ExprKind::Set {
                elts: self.exprs(obj, "elts", k, d)?,
            },
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let elt = b("elt")?;
                let generators = self.comprehensions(obj, k, d)?;
                match k {
                    "ListComp" => ExprKind::ListComp { elt, generators },
                    "SetComp" => ExprKind::SetComp { elt, generators },
                    _ => ExprKind::GeneratorExp { elt, generators },
                }
            }
            "DictComp" => ExprKind::DictComp {
                key: b("key")?,
                value: b("value")?,
                generators: self.comprehensions(obj, k, d)?,
            },
            "Await" => ExprKind::Await { value: b("value")? },
            "Yield" => ExprKind::Yield {
                value: self.opt_expr(obj, "value", d + 1)?,
            },
            "YieldFrom" => ExprKind::YieldFrom { value: b("value")? },
            "Compare" => {
                let left = b("left")?;
                let ops = self.seq(obj, "ops", k, |s, o| s.simple(o, "cmpop", CMPOPS))?;
                let comparators = self.exprs(obj, "comparators", k, d)?;
                if comparators.is_empty() {
                    return Err(self.vm.value_error("Compare with no comparators"));
                }
                if comparators.len() != ops.len() {
                    return Err(self.vm.value_error(
                        "Compare has a different number of comparators and operands",
                    ));
                }
                ExprKind::Compare {
                    left,
                    ops,
                    comparators,
                }
            }
            "Call" => ExprKind::Call {
                func: b("func")?,
                args: self.exprs(obj, "args", k, d)?,
                keywords: self.keywords(obj, "keywords", k, d)?,
            },
            "FormattedValue" => ExprKind::FormattedValue {
                value: b("value")?,
                conversion: i32::try_from(self.req_int(obj, "conversion", k)?).unwrap_or(-1),
                format_spec: self.opt_expr(obj, "format_spec", d + 1)?,
            },
            "JoinedStr" => ExprKind::JoinedStr {
                values: self.exprs(obj, "values", k, d)?,
            },
            "Constant" => {
                let value = self.req(obj, "value", k)?;
                let value = self.constant(&value)?;
                let kind = match self.opt(obj, "kind")? {
                    None => None,
                    Some(v) => match pystr::as_str(&v) {
                        Some(s) => Some(s.to_string()),
                        None => return Err(self.vm.type_error("AST string must be of type str")),
                    },
                };
                ExprKind::Constant { value, kind }
            }
            "Attribute" => ExprKind::Attribute {
                value: b("value")?,
                attr: self.req_ident(obj, "attr", k)?,
                ctx: self.ctx(obj, k)?,
            },
            "Subscript" => ExprKind::Subscript {
                value: b("value")?,
                slice: b("slice")?,
                ctx: self.ctx(obj, k)?,
            },
            "Starred" => ExprKind::Starred {
                value: b("value")?,
                ctx: self.ctx(obj, k)?,
            },
            "Name" => ExprKind::Name {
                id: self.req_ident(obj, "id", k)?,
                ctx: self.ctx(obj, k)?,
            },
            "List" => ExprKind::List {
                elts: self.exprs(obj, "elts", k, d)?,
                ctx: self.ctx(obj, k)?,
            },
            "Tuple" => ExprKind::Tuple {
                elts: self.exprs(obj, "elts", k, d)?,
                ctx: self.ctx(obj, k)?,
            },
            _ => ExprKind::Slice {
                lower: self.opt_expr(obj, "lower", d + 1)?,
                upper: self.opt_expr(obj, "upper", d + 1)?,
                step: self.opt_expr(obj, "step", d + 1)?,
            },
        };
        Ok(Expr { kind, span })
    }

    fn patterns(&self, obj: &ObjRef, name: &str, owner: &str, d: usize) -> PyResult<Vec<Pattern>> {
        self.seq(obj, name, owner, |s, o| s.pattern(o, d + 1))
    }

    /// One pattern of a `case`.
    pub(super) fn pattern(&self, obj: &ObjRef, d: usize) -> PyResult<Pattern> {
        const KINDS: &[&str] = &[
            "MatchValue",
            "MatchSingleton",
            "MatchSequence",
            "MatchMapping",
            "MatchClass",
            "MatchStar",
            "MatchAs",
            "MatchOr",
        ];
        let span = self.span(obj, "pattern")?;
        let Some(k) = self.which(obj, KINDS)? else {
            return Err(self.expected("pattern", obj));
        };
        let kind = match k {
            "MatchValue" => PatternKind::MatchValue {
                value: Box::new(self.req_expr(obj, "value", k, d + 1)?),
            },
            "MatchSingleton" => PatternKind::MatchSingleton {
                value: self.constant(&self.req(obj, "value", k)?)?,
            },
            "MatchSequence" => PatternKind::MatchSequence {
                patterns: self.patterns(obj, "patterns", k, d)?,
            },
            "MatchMapping" => PatternKind::MatchMapping {
                keys: self.exprs(obj, "keys", k, d)?,
                patterns: self.patterns(obj, "patterns", k, d)?,
                rest: self.opt_ident(obj, "rest")?,
            },
            "MatchClass" => PatternKind::MatchClass {
                cls: Box::new(self.req_expr(obj, "cls", k, d + 1)?),
                patterns: self.patterns(obj, "patterns", k, d)?,
                kwd_attrs: self.seq(obj, "kwd_attrs", k, |s, o| s.identifier(o))?,
                kwd_patterns: self.patterns(obj, "kwd_patterns", k, d)?,
            },
            "MatchStar" => PatternKind::MatchStar {
                name: self.opt_ident(obj, "name")?,
            },
            "MatchAs" => PatternKind::MatchAs {
                pattern: match self.opt(obj, "pattern")? {
                    Some(p) => Some(Box::new(self.pattern(&p, d + 1)?)),
                    None => None,
                },
                name: self.opt_ident(obj, "name")?,
            },
            _ => PatternKind::MatchOr {
                patterns: self.patterns(obj, "patterns", k, d)?,
            },
        };
        Ok(Pattern { kind, span })
    }
}
