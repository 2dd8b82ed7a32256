//! A parsed tree to `_ast` node objects (`compile(..., flags=PyCF_ONLY_AST)`, `ast.parse`):
//! modules and statements here, expressions and the rest in `to_obj_expr`.
//!
//! Positions are CPython's: the parser counts columns in characters, CPython in UTF-8 bytes,
//! so each column is converted against its source line.

use crate::object::ObjRef;
use crate::objects::{dict, int, list, none, str as pystr};
use crate::parser::ast::{Module, Span, Stmt, StmtKind};
use crate::parser::Mode;
use crate::vm::{ops, PyResult, Vm};

/// The state of one conversion: `_ast`'s namespace and the source lines for byte columns.
pub struct ToObj<'a> {
    pub(super) vm: &'a Vm,
    ns: ObjRef,
    /// Each line of the source that is not ASCII (by 0-based line number), for columns.
    wide_lines: Vec<Option<&'a str>>,
    /// Inside an f-string: the span its parts get (CPython 3.11 gives them the whole string's).
    pub(super) fstring_span: std::cell::Cell<Option<Span>>,
    /// The 3.x minor version whose syntax is accepted (`None`: all of 3.11's).
    pub feature_version: Option<i64>,
    /// `# type: ignore` comments (line, tag), with `PyCF_TYPE_COMMENTS`.
    pub type_ignores: Vec<(u32, String)>,
}

impl<'a> ToObj<'a> {
    /// A converter for trees parsed from `source`.
    pub fn new(vm: &'a Vm, source: &'a str) -> PyResult<Self> {
        let wide_lines = source
            .split('\n')
            .map(|l| (!l.is_ascii()).then_some(l))
            .collect();
        Ok(ToObj {
            vm,
            ns: super::namespace(vm)?,
            wide_lines,
            fstring_span: std::cell::Cell::new(None),
            feature_version: None,
            type_ignores: Vec::new(),
        })
    }

    /// The byte column of character column `col` of 1-based line `line`.
    fn byte_col(&self, line: u32, col: u32) -> i64 {
        match self.wide_lines.get((line as usize).wrapping_sub(1)) {
            Some(Some(text)) => byte_column(text, col),
            _ => i64::from(col),
        }
    }

    /// A new instance of the class `cls` with the given fields and, if any, position.
    pub(super) fn node(
        &self,
        cls: &str,
        fields: Vec<(&str, ObjRef)>,
        span: Option<Span>,
    ) -> PyResult<ObjRef> {
        let vm = self.vm;
        let class = super::class(vm, &self.ns, cls)?;
        let obj = ops::call(vm, &class, &[], None)?;
        for (k, v) in fields {
            ops::setattr(vm, &obj, &vm.intern(k)?, Some(v))?;
        }
        if let Some(s) = span {
            let pos = [
                ("lineno", i64::from(s.lineno)),
                ("col_offset", self.byte_col(s.lineno, s.col_offset)),
                ("end_lineno", i64::from(s.end_lineno)),
                (
                    "end_col_offset",
                    self.byte_col(s.end_lineno, s.end_col_offset),
                ),
            ];
            for (k, v) in pos {
                ops::setattr(vm, &obj, &vm.intern(k)?, Some(int::new_int(vm, v)?))?;
            }
        }
        Ok(obj)
    }

    /// The shared instance of a field-less class (`Load()`, `Add()`, ...), one per
    /// interpreter as in CPython.
    pub(super) fn singleton(&self, cls: &str) -> PyResult<ObjRef> {
        let vm = self.vm;
        let cache = match dict::get_str(vm, &self.ns, "_singletons")? {
            Some(c) => c,
            None => {
                let c = dict::new_dict_vm(vm)?;
                dict::set_str(vm, &self.ns, "_singletons", c.clone())?;
                c
            }
        };
        if let Some(o) = dict::get_str(vm, &cache, cls)? {
            return Ok(o);
        }
        let o = self.node(cls, Vec::new(), None)?;
        dict::set_str(vm, &cache, cls, o.clone())?;
        Ok(o)
    }

    /// A `SyntaxError` when `feature_version` is older than 3.`minor`, which `what` needs.
    pub(super) fn need_version(&self, minor: i64, what: &str) -> PyResult<()> {
        match self.feature_version {
            Some(v) if v < minor => Err(self.vm.new_error(
                &crate::objects::exceptions::SYNTAX_ERROR,
                &format!("{what} only supported in Python 3.{minor} and greater"),
            )),
            _ => Ok(()),
        }
    }

    pub(super) fn str(&self, s: &str) -> PyResult<ObjRef> {
        pystr::new_str_vm(self.vm, s)
    }

    pub(super) fn opt_str(&self, s: Option<&str>) -> PyResult<ObjRef> {
        s.map_or_else(|| Ok(none::none()), |s| self.str(s))
    }

    pub(super) fn int(&self, v: i64) -> PyResult<ObjRef> {
        int::new_int(self.vm, v)
    }

    pub(super) fn list(&self, items: Vec<ObjRef>) -> PyResult<ObjRef> {
        list::new_list(self.vm, items)
    }

    pub(super) fn names(&self, names: &[String]) -> PyResult<ObjRef> {
        let items = names
            .iter()
            .map(|n| self.str(n))
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    /// The whole tree: `Module`, `Expression` (eval) or `Interactive` (single).
    pub fn module(&self, m: &Module, mode: Mode) -> PyResult<ObjRef> {
        match mode {
            Mode::Eval => {
                let body = match m.body.as_slice() {
                    [Stmt {
                        kind: StmtKind::Expr { value },
                        ..
                    }] => self.expr(value)?,
                    _ => return Err(self.vm.value_error("eval input is not one expression")),
                };
                self.node("Expression", vec![("body", body)], None)
            }
            Mode::Single => {
                let body = self.stmts(&m.body)?;
                self.node("Interactive", vec![("body", body)], None)
            }
            Mode::Exec => {
                let body = self.stmts(&m.body)?;
                let ignores = self
                    .type_ignores
                    .iter()
                    .map(|(line, tag)| {
                        self.node(
                            "TypeIgnore",
                            vec![
                                ("lineno", self.int(i64::from(*line))?),
                                ("tag", self.str(tag)?),
                            ],
                            None,
                        )
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                let ignores = self.list(ignores)?;
                self.node(
                    "Module",
                    vec![("body", body), ("type_ignores", ignores)],
                    None,
                )
            }
        }
    }

    /// A `FunctionType` (the `func_type` mode).
    pub fn func_type(
        &self,
        args: &[crate::parser::ast::Expr],
        returns: &crate::parser::ast::Expr,
    ) -> PyResult<ObjRef> {
        self.node(
            "FunctionType",
            vec![
                ("argtypes", self.exprs(args)?),
                ("returns", self.expr(returns)?),
            ],
            None,
        )
    }

    pub(super) fn stmts(&self, body: &[Stmt]) -> PyResult<ObjRef> {
        let items = body
            .iter()
            .map(|s| self.stmt(s))
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    fn stmt(&self, s: &Stmt) -> PyResult<ObjRef> {
        use StmtKind as K;
        let none = none::none;
        let (cls, fields): (&str, Vec<(&str, ObjRef)>) = match &s.kind {
            K::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                is_async,
            } => (
                if *is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                },
                vec![
                    ("name", self.str(name)?),
                    ("args", self.arguments(args)?),
                    ("body", self.stmts(body)?),
                    ("decorator_list", self.exprs(decorator_list)?),
                    ("returns", self.opt_expr(returns.as_deref())?),
                    ("type_comment", none()),
                ],
            ),
            K::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => (
                "ClassDef",
                vec![
                    ("name", self.str(name)?),
                    ("bases", self.exprs(bases)?),
                    ("keywords", self.keywords(keywords)?),
                    ("body", self.stmts(body)?),
                    ("decorator_list", self.exprs(decorator_list)?),
                ],
            ),
            K::Return { value } => ("Return", vec![("value", self.opt_expr(value.as_deref())?)]),
            K::Delete { targets } => ("Delete", vec![("targets", self.exprs(targets)?)]),
            K::Assign { targets, value } => (
                "Assign",
                vec![
                    ("targets", self.exprs(targets)?),
                    ("value", self.expr(value)?),
                    ("type_comment", none()),
                ],
            ),
            K::AugAssign { target, op, value } => (
                "AugAssign",
                vec![
                    ("target", self.expr(target)?),
                    ("op", self.operator(*op)?),
                    ("value", self.expr(value)?),
                ],
            ),
            K::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => (
                "AnnAssign",
                vec![
                    ("target", self.expr(target)?),
                    ("annotation", self.expr(annotation)?),
                    ("value", self.opt_expr(value.as_deref())?),
                    ("simple", self.int(i64::from(*simple))?),
                ],
            ),
            K::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => (
                if *is_async { "AsyncFor" } else { "For" },
                vec![
                    ("target", self.expr(target)?),
                    ("iter", self.expr(iter)?),
                    ("body", self.stmts(body)?),
                    ("orelse", self.stmts(orelse)?),
                    ("type_comment", none()),
                ],
            ),
            K::While { test, body, orelse } => (
                "While",
                vec![
                    ("test", self.expr(test)?),
                    ("body", self.stmts(body)?),
                    ("orelse", self.stmts(orelse)?),
                ],
            ),
            K::If { test, body, orelse } => (
                "If",
                vec![
                    ("test", self.expr(test)?),
                    ("body", self.stmts(body)?),
                    ("orelse", self.stmts(orelse)?),
                ],
            ),
            K::With {
                items,
                body,
                is_async,
            } => {
                let items = items
                    .iter()
                    .map(|i| {
                        self.node(
                            "withitem",
                            vec![
                                ("context_expr", self.expr(&i.context_expr)?),
                                ("optional_vars", self.opt_expr(i.optional_vars.as_ref())?),
                            ],
                            None,
                        )
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                (
                    if *is_async { "AsyncWith" } else { "With" },
                    vec![
                        ("items", self.list(items)?),
                        ("body", self.stmts(body)?),
                        ("type_comment", none()),
                    ],
                )
            }
            K::Match { subject, cases } => {
                self.need_version(10, "Pattern matching is")?;
                let cases = cases
                    .iter()
                    .map(|c| {
                        self.node(
                            "match_case",
                            vec![
                                ("pattern", self.pattern(&c.pattern)?),
                                ("guard", self.opt_expr(c.guard.as_ref())?),
                                ("body", self.stmts(&c.body)?),
                            ],
                            None,
                        )
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                (
                    "Match",
                    vec![
                        ("subject", self.expr(subject)?),
                        ("cases", self.list(cases)?),
                    ],
                )
            }
            K::Raise { exc, cause } => (
                "Raise",
                vec![
                    ("exc", self.opt_expr(exc.as_deref())?),
                    ("cause", self.opt_expr(cause.as_deref())?),
                ],
            ),
            K::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | K::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if matches!(s.kind, K::TryStar { .. }) {
                    self.need_version(11, "Exception groups are")?;
                }
                let handlers = handlers
                    .iter()
                    .map(|h| {
                        self.node(
                            "ExceptHandler",
                            vec![
                                ("type", self.opt_expr(h.type_.as_ref())?),
                                ("name", self.opt_str(h.name.as_deref())?),
                                ("body", self.stmts(&h.body)?),
                            ],
                            Some(h.span),
                        )
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                (
                    if matches!(s.kind, K::TryStar { .. }) {
                        "TryStar"
                    } else {
                        "Try"
                    },
                    vec![
                        ("body", self.stmts(body)?),
                        ("handlers", self.list(handlers)?),
                        ("orelse", self.stmts(orelse)?),
                        ("finalbody", self.stmts(finalbody)?),
                    ],
                )
            }
            K::Assert { test, msg } => (
                "Assert",
                vec![
                    ("test", self.expr(test)?),
                    ("msg", self.opt_expr(msg.as_deref())?),
                ],
            ),
            K::Import { names } => ("Import", vec![("names", self.aliases(names)?)]),
            K::ImportFrom {
                module,
                names,
                level,
            } => (
                "ImportFrom",
                vec![
                    ("module", self.opt_str(module.as_deref())?),
                    ("names", self.aliases(names)?),
                    ("level", self.int(i64::from(*level))?),
                ],
            ),
            K::Global { names } => ("Global", vec![("names", self.names(names)?)]),
            K::Nonlocal { names } => ("Nonlocal", vec![("names", self.names(names)?)]),
            K::Expr { value } => ("Expr", vec![("value", self.expr(value)?)]),
            K::Pass => ("Pass", Vec::new()),
            K::Break => ("Break", Vec::new()),
            K::Continue => ("Continue", Vec::new()),
        };
        self.node(cls, fields, Some(s.span))
    }

    fn aliases(&self, names: &[crate::parser::ast::Alias]) -> PyResult<ObjRef> {
        let items = names
            .iter()
            .map(|a| {
                self.node(
                    "alias",
                    vec![
                        ("name", self.str(&a.name)?),
                        ("asname", self.opt_str(a.asname.as_deref())?),
                    ],
                    Some(a.span),
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        self.list(items)
    }

    /// `0` or `1` (`is_async`, `simple`).
    pub(super) fn bool_int(&self, b: bool) -> PyResult<ObjRef> {
        self.int(i64::from(b))
    }
}

/// The UTF-8 byte offset of character column `col` in `line` (columns past the end count one
/// byte each, as a position after the last character does).
pub fn byte_column(line: &str, col: u32) -> i64 {
    match line.char_indices().nth(col as usize) {
        Some((b, _)) => b as i64,
        None => (line.len() + (col as usize).saturating_sub(line.chars().count())) as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::byte_column;

    #[test]
    fn columns_count_utf8_bytes() {
        assert_eq!(byte_column("x = 1", 4), 4);
        assert_eq!(byte_column("é = 'ñ'", 1), 2);
        assert_eq!(byte_column("é = 'ñ'", 7), 9);
        assert_eq!(byte_column("é", 3), 4);
    }
}
