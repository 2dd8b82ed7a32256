//! `_ast` node objects back to a syntax tree (`compile(tree, filename, mode)`), with
//! CPython's checks and messages: a missing field is `TypeError: required field "x" missing
//! from Y`, a node of the wrong kind `TypeError: expected some sort of expr, but got ...`.
//! Modules and statements here, expressions and the rest in `from_obj_expr`.

use crate::object::ObjRef;
use crate::objects::{exceptions, int, list, none, str as pystr};
use crate::parser::ast::{Alias, ExceptHandler, MatchCase, Module, Span, Stmt, StmtKind, WithItem};
use crate::parser::Mode;
use crate::vm::{ops, PyResult, Vm};

/// The state of one conversion: `_ast`'s namespace, where the classes are.
pub struct FromObj<'a> {
    pub(super) vm: &'a Vm,
    ns: ObjRef,
}

/// How deep a tree may nest before the conversion gives up (CPython's recursion check).
const MAX_DEPTH: usize = 3000;

impl<'a> FromObj<'a> {
    /// A converter reading classes from `_ast`.
    pub fn new(vm: &'a Vm) -> PyResult<Self> {
        Ok(FromObj {
            vm,
            ns: super::namespace(vm)?,
        })
    }

    /// Whether `obj` is an instance of `_ast`'s class `cls`.
    pub(super) fn is(&self, obj: &ObjRef, cls: &str) -> PyResult<bool> {
        let c = super::class(self.vm, &self.ns, cls)?;
        crate::modules::builtins::isinstance_rec(self.vm, obj, &c, 0)
    }

    /// The first of `names` that `obj` is an instance of.
    pub(super) fn which<'n>(&self, obj: &ObjRef, names: &[&'n str]) -> PyResult<Option<&'n str>> {
        for n in names {
            if self.is(obj, n)? {
                return Ok(Some(n));
            }
        }
        Ok(None)
    }

    /// `TypeError: expected some sort of {what}, but got {obj!r}`.
    pub(super) fn expected(&self, what: &str, obj: &ObjRef) -> crate::vm::PyErr {
        match ops::repr_string(self.vm, obj) {
            Ok(r) => self
                .vm
                .type_error(&format!("expected some sort of {what}, but got {r}")),
            Err(e) => e,
        }
    }

    /// The attribute `name` of `obj`, `None` when it has none.
    fn lookup(&self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        match ops::getattr(self.vm, obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A required field (or attribute) `name` of `obj`, a node of type `owner`.
    pub(super) fn req(&self, obj: &ObjRef, name: &str, owner: &str) -> PyResult<ObjRef> {
        self.lookup(obj, name)?.ok_or_else(|| {
            self.vm
                .type_error(&format!("required field \"{name}\" missing from {owner}"))
        })
    }

    /// An optional field: `None` when missing or `None`.
    pub(super) fn opt(&self, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        Ok(self.lookup(obj, name)?.filter(|v| !none::is_none(v)))
    }

    /// A list field, each item converted by `f`.
    pub(super) fn seq<T>(
        &self,
        obj: &ObjRef,
        name: &str,
        owner: &str,
        mut f: impl FnMut(&Self, &ObjRef) -> PyResult<T>,
    ) -> PyResult<Vec<T>> {
        let v = self.req(obj, name, owner)?;
        let Some(items) = list::storage(&v) else {
            return Err(self.vm.type_error(&format!(
                "{owner} field \"{name}\" must be a list, not a {}",
                v.ob_type().name()
            )));
        };
        let len = items.len();
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let Some(item) = items.get(i) else { break };
            out.push(f(self, &item)?);
            if items.len() != len {
                return Err(self.vm.new_error(
                    &exceptions::RUNTIME_ERROR,
                    &format!("{owner} field \"{name}\" changed size during iteration"),
                ));
            }
        }
        Ok(out)
    }

    /// A required expression field (`None` is "field 'x' is required for Y").
    pub(super) fn req_expr(
        &self,
        obj: &ObjRef,
        name: &str,
        owner: &str,
        depth: usize,
    ) -> PyResult<crate::parser::ast::Expr> {
        let v = self.req(obj, name, owner)?;
        if none::is_none(&v) {
            return Err(self.required(name, owner));
        }
        self.expr(&v, depth)
    }

    /// An optional expression field.
    pub(super) fn opt_expr(
        &self,
        obj: &ObjRef,
        name: &str,
        depth: usize,
    ) -> PyResult<Option<Box<crate::parser::ast::Expr>>> {
        match self.opt(obj, name)? {
            Some(v) => Ok(Some(Box::new(self.expr(&v, depth)?))),
            None => Ok(None),
        }
    }

    /// `ValueError: field 'x' is required for Y` (a required field set to `None`).
    pub(super) fn required(&self, name: &str, owner: &str) -> crate::vm::PyErr {
        self.vm
            .value_error(&format!("field '{name}' is required for {owner}"))
    }

    /// An `identifier` value.
    pub(super) fn identifier(&self, v: &ObjRef) -> PyResult<String> {
        match pystr::as_str(v) {
            Some(s) if v.is_instance(&pystr::STR_TYPE) => Ok(s.to_string()),
            _ => Err(self.vm.type_error("AST identifier must be of type str")),
        }
    }

    /// A required identifier field.
    pub(super) fn req_ident(&self, obj: &ObjRef, name: &str, owner: &str) -> PyResult<String> {
        let v = self.req(obj, name, owner)?;
        if none::is_none(&v) {
            return Err(self.required(name, owner));
        }
        self.identifier(&v)
    }

    /// An optional identifier field.
    pub(super) fn opt_ident(&self, obj: &ObjRef, name: &str) -> PyResult<Option<String>> {
        self.opt(obj, name)?
            .map(|v| self.identifier(&v))
            .transpose()
    }

    /// An `int` value.
    pub(super) fn int_value(&self, v: &ObjRef) -> PyResult<i64> {
        if !int::is_int(v) {
            let r = ops::repr_string(self.vm, v)?;
            return Err(self.vm.value_error(&format!("invalid integer value: {r}")));
        }
        match int::as_i64(v) {
            Some(i) if i32::try_from(i).is_ok() => Ok(i),
            _ => Err(self
                .vm
                .overflow_error("Python int too large to convert to C int")),
        }
    }

    /// A required int field.
    pub(super) fn req_int(&self, obj: &ObjRef, name: &str, owner: &str) -> PyResult<i64> {
        let v = self.req(obj, name, owner)?;
        self.int_value(&v)
    }

    /// The position attributes of a node whose abstract type is `owner`, checked as CPython's
    /// validator does (a missing end is the start).
    pub(super) fn span(&self, obj: &ObjRef, owner: &str) -> PyResult<Span> {
        let lineno = self.req_int(obj, "lineno", owner)?;
        let col = self.req_int(obj, "col_offset", owner)?;
        let end = |name: &str, default: i64| -> PyResult<i64> {
            match self.opt(obj, name)? {
                None => Ok(default),
                Some(v) => self.int_value(&v),
            }
        };
        let end_lineno = end("end_lineno", lineno)?;
        let end_col = end("end_col_offset", col)?;
        if lineno > end_lineno {
            return Err(self.vm.value_error(&format!(
                "AST node line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
            return Err(self.vm.value_error(&format!(
                "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if lineno == end_lineno && col > end_col {
            return Err(self.vm.value_error(&format!(
                "line {lineno}, column {col}-{end_col} is not a valid range"
            )));
        }
        let pos = |v: i64| u32::try_from(v).unwrap_or(0);
        Ok(Span {
            lineno: pos(lineno),
            col_offset: pos(col),
            end_lineno: pos(end_lineno),
            end_col_offset: pos(end_col),
        })
    }

    /// The whole tree, checked against `mode`'s expected root class.
    pub fn module(&self, obj: &ObjRef, mode: Mode) -> PyResult<Module> {
        let (want, name) = match mode {
            Mode::Exec => ("Module", "Module"),
            Mode::Eval => ("Expression", "Expression"),
            Mode::Single => ("Interactive", "Interactive"),
        };
        if !self.is(obj, want)? {
            let got = obj.ob_type().name();
            return Err(self
                .vm
                .type_error(&format!("expected {name} node, got {got}")));
        }
        match mode {
            Mode::Eval => {
                let body = self.req_expr(obj, "body", "Expression", 0)?;
                let span = body.span;
                Ok(Module {
                    body: vec![Stmt {
                        kind: StmtKind::Expr {
                            value: Box::new(body),
                        },
                        span,
                    }],
                })
            }
            Mode::Exec => {
                let body = self.body(obj, "body", name, 0)?;
                // Type ignores carry nothing arenapy compiles, but must be a list.
                self.seq(obj, "type_ignores", name, |_, _| Ok(()))?;
                Ok(Module { body })
            }
            Mode::Single => Ok(Module {
                body: self.body(obj, "body", name, 0)?,
            }),
        }
    }

    fn body(&self, obj: &ObjRef, name: &str, owner: &str, depth: usize) -> PyResult<Vec<Stmt>> {
        self.seq(obj, name, owner, |s, o| {
            if none::is_none(o) {
                return Err(s.vm.value_error("None disallowed in statement list"));
            }
            s.stmt(o, depth + 1)
        })
    }

    /// One statement.
    pub(super) fn stmt(&self, obj: &ObjRef, depth: usize) -> PyResult<Stmt> {
        const KINDS: &[&str] = &[
            "FunctionDef",
            "AsyncFunctionDef",
            "ClassDef",
            "Return",
            "Delete",
            "Assign",
            "AugAssign",
            "AnnAssign",
            "For",
            "AsyncFor",
            "While",
            "If",
            "With",
            "AsyncWith",
            "Match",
            "Raise",
            "Try",
            "TryStar",
            "Assert",
            "Import",
            "ImportFrom",
            "Global",
            "Nonlocal",
            "Expr",
            "Pass",
            "Break",
            "Continue",
        ];
        if depth > MAX_DEPTH {
            return Err(self.vm.new_error(
                &exceptions::RECURSION_ERROR,
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        // CPython reads the position attributes before it checks the kind.
        let span = self.span(obj, "stmt")?;
        let Some(k) = self.which(obj, KINDS)? else {
            return Err(self.expected("stmt", obj));
        };
        let d = depth + 1;
        let kind = match k {
            "FunctionDef" | "AsyncFunctionDef" => StmtKind::FunctionDef {
                name: self.req_ident(obj, "name", k)?,
                args: Box::new(self.req_arguments(obj, k, d)?),
                body: self.body(obj, "body", k, d)?,
                decorator_list: self.exprs(obj, "decorator_list", k, d)?,
                returns: self.opt_expr(obj, "returns", d)?,
                is_async: k == "AsyncFunctionDef",
            },
            "ClassDef" => StmtKind::ClassDef {
                name: self.req_ident(obj, "name", k)?,
                bases: self.exprs(obj, "bases", k, d)?,
                keywords: self.keywords(obj, "keywords", k, d)?,
                body: self.body(obj, "body", k, d)?,
                decorator_list: self.exprs(obj, "decorator_list", k, d)?,
            },
            "Return" => StmtKind::Return {
                value: self.opt_expr(obj, "value", d)?,
            },
            "Delete" => StmtKind::Delete {
                targets: self.exprs(obj, "targets", k, d)?,
            },
            "Assign" => StmtKind::Assign {
                targets: self.exprs(obj, "targets", k, d)?,
                value: Box::new(self.req_expr(obj, "value", k, d)?),
            },
            "AugAssign" => StmtKind::AugAssign {
                target: Box::new(self.req_expr(obj, "target", k, d)?),
                op: self.operator(&self.req(obj, "op", k)?)?,
                value: Box::new(self.req_expr(obj, "value", k, d)?),
            },
            "AnnAssign" => StmtKind::AnnAssign {
                target: Box::new(self.req_expr(obj, "target", k, d)?),
                annotation: Box::new(self.req_expr(obj, "annotation", k, d)?),
                value: self.opt_expr(obj, "value", d)?,
                simple: self.req_int(obj, "simple", k)? != 0,
            },
            "For" | "AsyncFor" => StmtKind::For {
                target: Box::new(self.req_expr(obj, "target", k, d)?),
                iter: Box::new(self.req_expr(obj, "iter", k, d)?),
                body: self.body(obj, "body", k, d)?,
                orelse: self.body(obj, "orelse", k, d)?,
                is_async: k == "AsyncFor",
            },
            "While" => StmtKind::While {
                test: Box::new(self.req_expr(obj, "test", k, d)?),
                body: self.body(obj, "body", k, d)?,
                orelse: self.body(obj, "orelse", k, d)?,
            },
            "If" => StmtKind::If {
                test: Box::new(self.req_expr(obj, "test", k, d)?),
                body: self.body(obj, "body", k, d)?,
                orelse: self.body(obj, "orelse", k, d)?,
            },
            "With" | "AsyncWith" => StmtKind::With {
                items: self.seq(obj, "items", k, |s, o| s.withitem(o, d))?,
                body: self.body(obj, "body", k, d)?,
                is_async: k == "AsyncWith",
            },
            "Match" => StmtKind::Match {
                subject: Box::new(self.req_expr(obj, "subject", k, d)?),
                cases: self.seq(obj, "cases", k, |s, o| s.match_case(o, d))?,
            },
            "Raise" => StmtKind::Raise {
                exc: self.opt_expr(obj, "exc", d)?,
                cause: self.opt_expr(obj, "cause", d)?,
            },
            "Try" | "TryStar" => {
                let body = self.body(obj, "body", k, d)?;
                let handlers = self.seq(obj, "handlers", k, |s, o| s.handler(o, d))?;
                let orelse = self.body(obj, "orelse", k, d)?;
                let finalbody = self.body(obj, "finalbody", k, d)?;
                if k == "Try" {
                    StmtKind::Try {
                        body,
                        handlers,
                        orelse,
                        finalbody,
                    }
                } else {
                    StmtKind::TryStar {
                        body,
                        handlers,
                        orelse,
                        finalbody,
                    }
                }
            }
            "Assert" => StmtKind::Assert {
                test: Box::new(self.req_expr(obj, "test", k, d)?),
                msg: self.opt_expr(obj, "msg", d)?,
            },
            "Import" => StmtKind::Import {
                names: self.seq(obj, "names", k, |s, o| s.alias(o))?,
            },
            "ImportFrom" => StmtKind::ImportFrom {
                module: self.opt_ident(obj, "module")?,
                names: self.seq(obj, "names", k, |s, o| s.alias(o))?,
                level: match self.opt(obj, "level")? {
                    Some(v) => u32::try_from(self.int_value(&v)?)
                        .map_err(|_| self.vm.value_error("Negative ImportFrom level"))?,
                    None => 0,
                },
            },
            "Global" | "Nonlocal" => {
                let names = self.seq(obj, "names", k, |s, o| s.identifier(o))?;
                if k == "Global" {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            "Expr" => StmtKind::Expr {
                value: Box::new(self.req_expr(obj, "value", k, d)?),
            },
            "Pass" => StmtKind::Pass,
            "Break" => StmtKind::Break,
            _ => StmtKind::Continue,
        };
        Ok(Stmt { kind, span })
    }

    fn withitem(&self, obj: &ObjRef, d: usize) -> PyResult<WithItem> {
        if !self.is(obj, "withitem")? {
            return Err(self.expected("withitem", obj));
        }
        Ok(WithItem {
            context_expr: self.req_expr(obj, "context_expr", "withitem", d)?,
            optional_vars: self.opt_expr(obj, "optional_vars", d)?.map(|b| *b),
        })
    }

    fn match_case(&self, obj: &ObjRef, d: usize) -> PyResult<MatchCase> {
        if !self.is(obj, "match_case")? {
            return Err(self.expected("match_case", obj));
        }
        let p = self.req(obj, "pattern", "match_case")?;
        if none::is_none(&p) {
            return Err(self.required("pattern", "match_case"));
        }
        Ok(MatchCase {
            pattern: self.pattern(&p, d)?,
            guard: self.opt_expr(obj, "guard", d)?.map(|b| *b),
            body: self.body(obj, "body", "match_case", d)?,
        })
    }

    fn handler(&self, obj: &ObjRef, d: usize) -> PyResult<ExceptHandler> {
        if !self.is(obj, "ExceptHandler")? {
            return Err(self.expected("excepthandler", obj));
        }
        let span = self.span(obj, "excepthandler")?;
        Ok(ExceptHandler {
            type_: self.opt_expr(obj, "type", d)?.map(|b| *b),
            name: self.opt_ident(obj, "name")?,
            body: self.body(obj, "body", "ExceptHandler", d)?,
            span,
        })
    }

    fn alias(&self, obj: &ObjRef) -> PyResult<Alias> {
        if !self.is(obj, "alias")? {
            return Err(self.expected("alias", obj));
        }
        let span = self.span(obj, "alias")?;
        Ok(Alias {
            name: self.req_ident(obj, "name", "alias")?,
            asname: self.opt_ident(obj, "asname")?,
            span,
        })
    }
}
