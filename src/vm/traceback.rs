//! Printing exceptions as CPython does: the traceback, chained exceptions (`__cause__`,
//! `__context__`), the exception line, and notes.

use super::Vm;
use crate::object::ObjRef;
use crate::objects::{exceptions, int, none, str as pystr, tuple};

const CAUSE_HEADER: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_HEADER: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/// The full report of an uncaught exception.
pub fn format_exception(vm: &Vm, exc: &ObjRef) -> String {
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut seen)
}

fn format_chain(vm: &Vm, exc: &ObjRef, seen: &mut Vec<usize>) -> String {
    seen.push(exc.addr());
    let mut out = String::new();
    if let Some(p) = exceptions::payload(exc) {
        let cause = p.cause.get().filter(|c| !none::is_none(c));
        let context = p.context.get().filter(|c| !none::is_none(c));
        if let Some(c) = cause.filter(|c| !seen.contains(&c.addr())) {
            out.push_str(&format_chain(vm, &c, seen));
            out.push_str(CAUSE_HEADER);
        } else if let Some(c) =
            context.filter(|c| !p.suppress_context.get() && !seen.contains(&c.addr()))
        {
            out.push_str(&format_chain(vm, &c, seen));
            out.push_str(CONTEXT_HEADER);
        }
    }
    out.push_str(&format_one(vm, exc));
    out
}

/// The traceback lines and the final `Type: message` line of one exception.
pub fn format_one(vm: &Vm, exc: &ObjRef) -> String {
    let mut out = String::new();
    if let Some(p) = exceptions::payload(exc) {
        let entries = p.traceback.snapshot();
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        for entry in entries {
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
    out.push_str(&exception_line(vm, exc));
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
    let msg = match crate::vm::ops::str_string(vm, exc) {
        Ok(m) => m,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if msg.is_empty() {
        format!("{name}\n")
    } else {
        format!("{name}: {msg}\n")
    }
}
