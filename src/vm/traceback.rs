//! Printing exceptions as CPython does: the traceback, chained exceptions (`__cause__`,
//! `__context__`), the exception line, and notes.

use super::Vm;
use crate::object::ObjRef;
use crate::objects::{exceptions, int, none, str as pystr, tuple};

const CAUSE_HEADER: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_HEADER: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// CPython's `traceback` limits on printing exception groups.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// The state of printing one exception tree (CPython's `_ExceptionPrintContext`): how deep in
/// exception groups the printer is (each level indents by two and draws a `|` margin), and
/// which exceptions were already printed (chains may loop).
struct PrintContext {
    group_depth: usize,
    need_close: bool,
    seen: Vec<usize>,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Appends `text` with every line prefixed by the indent and, inside a group, the margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.group_depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// The full report of an uncaught exception.
pub fn format_exception(vm: &Vm, exc: &ObjRef) -> String {
    let mut ctx = PrintContext {
        group_depth: 0,
        need_close: false,
        seen: Vec::new(),
    };
    let mut out = String::new();
    format_tree(vm, exc, &mut ctx, &mut out);
    out
}

/// One exception with its chain (causes and contexts first), and for a group its members in
/// numbered boxes (CPython's `TracebackException.format`).
fn format_tree(vm: &Vm, exc: &ObjRef, ctx: &mut PrintContext, out: &mut String) {
    let mut chain: Vec<(Option<&str>, ObjRef)> = Vec::new();
    let mut cur = Some(exc.clone());
    while let Some(e) = cur.take() {
        ctx.seen.push(e.addr());
        let mut msg = None;
        if let Some(p) = exceptions::payload(&e) {
            let cause = p.cause.get().filter(|c| !none::is_none(c));
            let context = p.context.get().filter(|c| !none::is_none(c));
            if let Some(c) = cause {
                if !ctx.seen.contains(&c.addr()) {
                    msg = Some(CAUSE_HEADER);
                    cur = Some(c);
                }
            } else if let Some(c) = context.filter(|_| !p.suppress_context.get()) {
                if !ctx.seen.contains(&c.addr()) {
                    msg = Some(CONTEXT_HEADER);
                    cur = Some(c);
                }
            }
        }
        chain.push((msg, e));
    }
    for (msg, e) in chain.into_iter().rev() {
        if let Some(m) = msg {
            ctx.emit(out, m, '|');
        }
        if !crate::objects::exception_group::is_group(&e) {
            ctx.emit(out, &format_one(vm, &e), '|');
        } else if ctx.group_depth > MAX_GROUP_DEPTH {
            ctx.emit(
                out,
                &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                '|',
            );
        } else {
            format_group(vm, &e, ctx, out);
        }
    }
}

fn format_group(vm: &Vm, exc: &ObjRef, ctx: &mut PrintContext, out: &mut String) {
    let toplevel = ctx.group_depth == 0;
    if toplevel {
        ctx.group_depth += 1;
    }
    let stack = format_stack(vm, exc);
    if !stack.is_empty() {
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            if toplevel { '+' } else { '|' },
        );
        ctx.emit(out, &stack, '|');
    }
    ctx.emit(out, &format_exception_only(vm, exc), '|');
    let members = crate::objects::exception_group::members(exc);
    let n = members.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for (i, member) in members.iter().take(n).enumerate() {
        let last = i + 1 == n;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        out.push_str(&format!(
            "{}{}+---------------- {} ----------------\n",
            ctx.indent(),
            if i == 0 { "+-" } else { "  " },
            title
        ));
        ctx.group_depth += 1;
        if truncated {
            let remaining = members.len() - MAX_GROUP_WIDTH;
            let plural = if remaining > 1 { "s" } else { "" };
            ctx.emit(
                out,
                &format!("and {remaining} more exception{plural}\n"),
                '|',
            );
        } else {
            format_tree(vm, member, ctx, out);
        }
        if last && ctx.need_close {
            out.push_str(&format!(
                "{}+------------------------------------\n",
                ctx.indent()
            ));
            ctx.need_close = false;
        }
        ctx.group_depth -= 1;
    }
    if toplevel {
        ctx.group_depth = 0;
    }
}

/// The traceback lines and the final `Type: message` line (and notes) of one exception.
pub fn format_one(vm: &Vm, exc: &ObjRef) -> String {
    let mut out = String::new();
    let stack = format_stack(vm, exc);
    if !stack.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        out.push_str(&stack);
    }
    out.push_str(&format_exception_only(vm, exc));
    out
}

/// The `File ..., line ..., in ...` lines (with source) of an exception's traceback.
fn format_stack(vm: &Vm, exc: &ObjRef) -> String {
    let mut out = String::new();
    if let Some(p) = exceptions::payload(exc) {
        for entry in p.traceback_entries() {
            let items = tuple::items(&entry).unwrap_or(&[]);
            let (Some(file), Some(line), Some(name)) = (
                items.first().and_then(pystr::as_str),
                items.get(1).and_then(int::as_i64),
                items.get(2).and_then(pystr::as_str),
            ) else {
                continue;
            };
            out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
            if let Some(text) = vm.source_line(file, line as usize) {
                let t = text.trim();
                if !t.is_empty() {
                    out.push_str(&format!("    {t}\n"));
                }
            }
        }
    }
    out
}

/// The `Type: message` line followed by the exception's notes.
fn format_exception_only(vm: &Vm, exc: &ObjRef) -> String {
    let mut out = exception_line(vm, exc);
    if let Ok(notes) = crate::vm::ops::getattr(vm, exc, "__notes__") {
        if let Ok(items) = crate::vm::ops::collect_iterable(vm, &notes) {
            for n in items {
                out.push_str(pystr::as_str(&n).unwrap_or(""));
                out.push('\n');
            }
        }
    }
    out
}

/// `Type: message` (with the module for classes outside builtins and __main__), or the rendered
/// SyntaxError block.
pub fn exception_line(vm: &Vm, exc: &ObjRef) -> String {
    if exc.is_instance(&exceptions::SYNTAX_ERROR) {
        if let Ok(r) = crate::vm::ops::getattr(vm, exc, "_rendered") {
            if let Some(s) = pystr::as_str(&r) {
                return s.to_string();
            }
        }
    }
    // A SyntaxError made by Python code: its location block, then the type and its `msg`.
    let (block, shown) = match super::syntax_display::location_block(vm, exc) {
        Some((block, msg)) => (block, msg),
        None => (String::new(), exc.clone()),
    };
    let ty = exc.type_object();
    let qual = crate::vm::ops::getattr(vm, &ty, "__qualname__")
        .ok()
        .and_then(|q| pystr::as_str(&q).map(str::to_string))
        .unwrap_or_else(|| exc.ob_type().name().to_string());
    let module = crate::vm::ops::getattr(vm, &ty, "__module__")
        .ok()
        .and_then(|m| pystr::as_str(&m).map(str::to_string));
    let name = match module.as_deref() {
        Some("builtins") | Some("__main__") | None => qual,
        Some(m) => format!("{m}.{qual}"),
    };
    let msg = if none::is_none(&shown) {
        String::new()
    } else {
        match crate::vm::ops::str_string(vm, &shown) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        }
    };
    let mut line = if msg.is_empty() {
        format!("{block}{name}")
    } else {
        format!("{block}{name}: {msg}")
    };
    if let Some(s) = super::suggestions::offer(vm, exc) {
        line.push_str(&format!(". Did you mean: '{s}'?"));
    }
    line.push('\n');
    line
}
