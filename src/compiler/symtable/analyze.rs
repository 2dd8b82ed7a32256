//! The second pass: resolving each name of each scope to a [`NameScope`], given the names
//! bound by the enclosing functions (CPython's `analyze_block`/`analyze_name`).

use std::collections::{HashMap, HashSet};

use super::{
    error, NameScope, ScopeKind, SymbolTable, DEF_BOUND, DEF_COMP_OUTER, DEF_GLOBAL, DEF_NONLOCAL,
};
use crate::parser::ast::Span;
use crate::parser::{SyntaxError, SyntaxErrorKind};

/// Resolves the names of scope `id` given the names `bound` by enclosing functions; returns
/// the names this scope needs from its enclosing scopes (its free variables).
pub(super) fn analyze(
    table: &mut SymbolTable,
    id: usize,
    bound: &HashSet<String>,
    filename: &str,
    source: &str,
) -> Result<HashSet<String>, SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut local = HashSet::new();
    let mut resolved = HashMap::new();
    for (name, flags) in &table.scopes[id].symbols {
        let scope = if flags & DEF_GLOBAL != 0 {
            NameScope::GlobalExplicit
        } else if flags & (DEF_NONLOCAL | DEF_COMP_OUTER) != 0 {
            if !bound.contains(name) {
                let k = SyntaxErrorKind::NoBindingForNonlocal(name.clone());
                return Err(error(k, Span::default(), filename, source));
            }
            NameScope::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            NameScope::Local
        } else if kind != ScopeKind::Module && bound.contains(name) {
            NameScope::Free
        } else {
            NameScope::GlobalImplicit
        };
        resolved.insert(name.clone(), scope);
    }
    let mut child_bound = match kind {
        ScopeKind::Module => HashSet::new(),
        ScopeKind::Class => {
            let mut b = bound.clone();
            b.insert("__class__".to_string());
            b
        }
        ScopeKind::Function | ScopeKind::Comprehension => {
            let mut b: HashSet<String> = bound.union(&local).cloned().collect();
            for (name, s) in &resolved {
                if *s == NameScope::GlobalExplicit {
                    b.remove(name);
                }
            }
            b
        }
    };
    if kind == ScopeKind::Function || kind == ScopeKind::Comprehension {
        for (name, s) in &resolved {
            if *s == NameScope::Free {
                child_bound.insert(name.clone());
            }
        }
    }
    let children = table.scopes[id].children.clone();
    let mut needed = HashSet::new();
    for c in children {
        needed.extend(analyze(table, c, &child_bound, filename, source)?);
    }
    let scope = &mut table.scopes[id];
    for name in needed {
        if kind == ScopeKind::Class && name == "__class__" {
            scope.needs_class_cell = true;
            continue;
        }
        match resolved.get(&name).copied() {
            Some(NameScope::Local) if kind == ScopeKind::Class => {
                scope.free_class.insert(name);
            }
            Some(NameScope::Local) => {
                resolved.insert(name, NameScope::Cell);
            }
            Some(NameScope::Cell) | Some(NameScope::Free) => {}
            _ => {
                if kind == ScopeKind::Class && resolved.contains_key(&name) {
                    scope.free_class.insert(name);
                } else {
                    resolved.insert(name, NameScope::Free);
                }
            }
        }
    }
    scope.resolved = resolved;
    let mut free: HashSet<String> = scope
        .resolved
        .iter()
        .filter(|(_, s)| **s == NameScope::Free)
        .map(|(n, _)| n.clone())
        .collect();
    free.extend(scope.free_class.iter().cloned());
    Ok(free)
}
