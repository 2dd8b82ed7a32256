//! The checks CPython makes on a tree given to `compile()` before compiling it
//! (`PyAST_Validate`): expression contexts, empty bodies and lists, names that are constants.
//! Only trees built by hand can fail them; the parser never makes such trees.

use crate::parser::ast::{
    Arguments, Comprehension, Expr, ExprContext, ExprKind, Module, Stmt, StmtKind,
};
use crate::parser::Mode;
use crate::vm::{PyResult, Vm};

struct Checker<'a> {
    vm: &'a Vm,
}

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

/// Checks a whole tree converted from node objects.
pub fn module(vm: &Vm, m: &Module, mode: Mode) -> PyResult<()> {
    let c = Checker { vm };
    if mode == Mode::Eval {
        if let [Stmt {
            kind: StmtKind::Expr { value },
            ..
        }] = m.body.as_slice()
        {
            return c.expr(value, ExprContext::Load);
        }
    }
    c.stmts(&m.body)
}

impl Checker<'_> {
    fn err(&self, msg: &str) -> crate::vm::PyErr {
        self.vm.value_error(msg)
    }

    fn body(&self, body: &[Stmt], owner: &str) -> PyResult<()> {
        if body.is_empty() {
            return Err(self.err(&format!("empty body on {owner}")));
        }
        self.stmts(body)
    }

    fn stmts(&self, body: &[Stmt]) -> PyResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn nonempty<T>(&self, items: &[T], what: &str, owner: &str) -> PyResult<()> {
        if items.is_empty() {
            return Err(self.err(&format!("empty {what} on {owner}")));
        }
        Ok(())
    }

    fn exprs(&self, items: &[Expr], ctx: ExprContext) -> PyResult<()> {
        items.iter().try_for_each(|e| self.expr(e, ctx))
    }

    fn opt(&self, e: Option<&Expr>) -> PyResult<()> {
        e.map_or(Ok(()), |e| self.expr(e, ExprContext::Load))
    }

    fn load(&self, e: &Expr) -> PyResult<()> {
        self.expr(e, ExprContext::Load)
    }

    fn stmt(&self, s: &Stmt) -> PyResult<()> {
        use ExprContext::{Del, Store};
        use StmtKind as K;
        match &s.kind {
            K::FunctionDef {
                args,
                body,
                decorator_list,
                returns,
                is_async,
                ..
            } => {
                let owner = if *is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                self.body(body, owner)?;
                self.arguments(args)?;
                self.exprs(decorator_list, ExprContext::Load)?;
                self.opt(returns.as_deref())
            }
            K::ClassDef {
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => {
                self.body(body, "ClassDef")?;
                self.exprs(bases, ExprContext::Load)?;
                keywords.iter().try_for_each(|k| self.load(&k.value))?;
                self.exprs(decorator_list, ExprContext::Load)
            }
            K::Return { value } => self.opt(value.as_deref()),
            K::Delete { targets } => {
                self.nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, Del)
            }
            K::Assign { targets, value } => {
                self.nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, Store)?;
                self.load(value)
            }
            K::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.load(value)
            }
            K::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target, Store)?;
                self.opt(value.as_deref())?;
                self.load(annotation)
            }
            K::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                self.expr(target, Store)?;
                self.load(iter)?;
                self.body(body, if *is_async { "AsyncFor" } else { "For" })?;
                self.stmts(orelse)
            }
            K::While { test, body, orelse } | K::If { test, body, orelse } => {
                self.load(test)?;
                let owner = if matches!(s.kind, K::While { .. }) {
                    "While"
                } else {
                    "If"
                };
                self.body(body, owner)?;
                self.stmts(orelse)
            }
            K::With {
                items,
                body,
                is_async,
            } => {
                let owner = if *is_async { "AsyncWith" } else { "With" };
                self.nonempty(items, "items", owner)?;
                for i in items {
                    self.load(&i.context_expr)?;
                    if let Some(v) = &i.optional_vars {
                        self.expr(v, Store)?;
                    }
                }
                self.body(body, owner)
            }
            K::Match { subject, cases } => {
                self.load(subject)?;
                self.nonempty(cases, "cases", "Match")?;
                for c in cases {
                    let load = |e: &Expr| self.load(e);
                    super::validate_pattern::pattern(self.vm, &c.pattern, false, &load)?;
                    self.opt(c.guard.as_ref())?;
                    self.body(&c.body, "match_case")?;
                }
                Ok(())
            }
            K::Raise { exc, cause } => {
                if exc.is_none() && cause.is_some() {
                    return Err(self.err("Raise with cause but no exception"));
                }
                self.opt(exc.as_deref())?;
                self.opt(cause.as_deref())
            }
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
                let owner = if matches!(s.kind, K::Try { .. }) {
                    "Try"
                } else {
                    "TryStar"
                };
                self.body(body, owner)?;
                if handlers.is_empty() && finalbody.is_empty() {
                    return Err(self.err(&format!(
                        "{owner} has neither except handlers nor finalbody"
                    )));
                }
                if handlers.is_empty() && !orelse.is_empty() {
                    return Err(self.err(&format!("{owner} has orelse but no except handlers")));
                }
                for h in handlers {
                    self.opt(h.type_.as_ref())?;
                    self.body(&h.body, "ExceptHandler")?;
                }
                self.stmts(finalbody)?;
                self.stmts(orelse)
            }
            K::Assert { test, msg } => {
                self.load(test)?;
                self.opt(msg.as_deref())
            }
            K::Import { names } => self.nonempty(names, "names", "Import"),
            K::ImportFrom { names, .. } => self.nonempty(names, "names", "ImportFrom"),
            K::Global { names } => self.nonempty(names, "names", "Global"),
            K::Nonlocal { names } => self.nonempty(names, "names", "Nonlocal"),
            K::Expr { value } => self.load(value),
            K::Pass | K::Break | K::Continue => Ok(()),
        }
    }

    fn arguments(&self, a: &Arguments) -> PyResult<()> {
        let all = a
            .posonlyargs
            .iter()
            .chain(&a.args)
            .chain(&a.vararg)
            .chain(&a.kwonlyargs)
            .chain(&a.kwarg);
        for arg in all {
            self.opt(arg.annotation.as_deref())?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return Err(self.err("more positional defaults than args on arguments"));
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return Err(
                self.err("length of kwonlyargs is not the same as kw_defaults on arguments")
            );
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        a.kw_defaults.iter().try_for_each(|d| self.opt(d.as_ref()))
    }

    fn comprehensions(&self, gens: &[Comprehension]) -> PyResult<()> {
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.load(&g.iter)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn expr(&self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        use ExprKind as K;
        let actual = match &e.kind {
            K::Attribute { ctx, .. }
            | K::Subscript { ctx, .. }
            | K::Starred { ctx, .. }
            | K::Name { ctx, .. }
            | K::List { ctx, .. }
            | K::Tuple { ctx, .. } => Some(*ctx),
            _ => None,
        };
        match actual {
            Some(a) if a != ctx => {
                return Err(self.err(&format!(
                    "expression must have {} context but has {} instead",
                    ctx_name(ctx),
                    ctx_name(a)
                )))
            }
            None if ctx != ExprContext::Load => {
                return Err(self.err(&format!(
                    "expression which can't be assigned to in {} context",
                    ctx_name(ctx)
                )))
            }
            _ => {}
        }
        match &e.kind {
            K::BoolOp { values, .. } => self.exprs(values, ExprContext::Load),
            K::NamedExpr { target, value } => {
                if !matches!(target.kind, K::Name { .. }) {
                    return Err(self.err("NamedExpr target must be a Name"));
                }
                self.load(value)
            }
            K::BinOp { left, right, .. } => {
                self.load(left)?;
                self.load(right)
            }
            K::UnaryOp { operand, .. } => self.load(operand),
            K::Lambda { args, body } => {
                self.arguments(args)?;
                self.load(body)
            }
            K::IfExp { test, body, orelse } => {
                self.load(test)?;
                self.load(body)?;
                self.load(orelse)
            }
            K::Dict { keys, values } => {
                keys.iter().try_for_each(|k| self.opt(k.as_ref()))?;
                self.exprs(values, ExprContext::Load)
            }
            K::Set { elts } => self.exprs(elts, ExprContext::Load),
            K::ListComp { elt, generators }
            | K::SetComp { elt, generators }
            | K::GeneratorExp { elt, generators } => {
                self.comprehensions(generators)?;
                self.load(elt)
            }
            K::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehensions(generators)?;
                self.load(key)?;
                self.load(value)
            }
            K::Await { value } | K::YieldFrom { value } => self.load(value),
            K::Yield { value } => self.opt(value.as_deref()),
            K::Compare {
                left, comparators, ..
            } => {
                self.load(left)?;
                self.exprs(comparators, ExprContext::Load)
            }
            K::Call {
                func,
                args,
                keywords,
            } => {
                self.load(func)?;
                self.exprs(args, ExprContext::Load)?;
                keywords.iter().try_for_each(|k| self.load(&k.value))
            }
            K::FormattedValue {
                value, format_spec, ..
            } => {
                self.load(value)?;
                self.opt(format_spec.as_deref())
            }
            K::JoinedStr { values } => self.exprs(values, ExprContext::Load),
            K::Constant { .. } => Ok(()),
            K::Attribute { value, .. } => self.load(value),
            K::Subscript { value, slice, .. } => {
                self.load(slice)?;
                self.load(value)
            }
            K::Starred { value, ctx } => self.expr(value, *ctx),
            K::Name { id, .. } => super::validate_pattern::identifier(self.vm, id),
            K::List { elts, ctx } | K::Tuple { elts, ctx } => self.exprs(elts, *ctx),
            K::Slice { lower, upper, step } => {
                self.opt(lower.as_deref())?;
                self.opt(upper.as_deref())?;
                self.opt(step.as_deref())
            }
        }
    }
}
