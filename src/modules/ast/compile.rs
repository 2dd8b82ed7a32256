//! What `compile()` does with syntax trees: parse to node objects (`PyCF_ONLY_AST`), and
//! compile node objects (`compile(tree, filename, mode)`).

use super::from_obj::FromObj;
use super::to_obj::ToObj;
use crate::object::ObjRef;
use crate::objects::{bytes, str as pystr};
use crate::parser::Mode;
use crate::vm::{PyResult, Vm};

/// Whether `obj` is an `_ast.AST` node (a str or bytes source never is).
pub fn is_ast_node(vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    if pystr::is_str(obj) || bytes::as_bytes(obj).is_some() {
        return Ok(false);
    }
    if !obj.ob_type().is_heap_type() {
        return Ok(false);
    }
    let ns = super::namespace(vm)?;
    let base = super::class(vm, &ns, "AST")?;
    crate::modules::builtins::isinstance_rec(vm, obj, &base, 0)
}

/// Parses `text` and returns its tree as node objects (`Module`, `Expression` or
/// `Interactive` by `mode`). With `feature_version` (a 3.x minor version, `ast.parse`'s
/// `feature_version`), syntax newer than that version is a `SyntaxError` where the tree
/// shows it (assignment expressions, positional-only parameters, `match`, `except*`).
pub fn parse_to_nodes(
    vm: &Vm,
    text: &str,
    filename: &str,
    mode: Mode,
    feature_version: Option<i64>,
    type_comments: bool,
) -> PyResult<ObjRef> {
    let module = crate::parser::parse(text, filename, mode)
        .map_err(|e| crate::vm::import::syntax_error(vm, &e))?;
    let source = crate::parser::tokenizer::normalize_newlines(text);
    let mut conv = ToObj::new(vm, &source)?;
    conv.feature_version = feature_version;
    if type_comments {
        let tokens = crate::parser::tokenizer::tokenize(&source, filename);
        conv.type_ignores = tokens
            .comments
            .iter()
            .filter_map(|&(line, from, to)| {
                let tag = type_ignore_tag(source.get(from..to)?)?;
                Some((line, tag.to_string()))
            })
            .collect();
    }
    crate::parser::run_with_big_stack(|| conv.module(&module, mode))
}

/// Parses `text` in the `func_type` mode: a `FunctionType` node.
pub fn parse_func_type_to_nodes(vm: &Vm, text: &str, filename: &str) -> PyResult<ObjRef> {
    let (args, returns) = crate::parser::parse_func_type(text, filename)
        .map_err(|e| crate::vm::import::syntax_error(vm, &e))?;
    let source = crate::parser::tokenizer::normalize_newlines(text);
    let conv = ToObj::new(vm, &source)?;
    crate::parser::run_with_big_stack(|| conv.func_type(&args, &returns))
}

/// Compiles the tree of node objects `tree` to a code object.
pub fn compile_nodes(vm: &Vm, tree: &ObjRef, filename: &str, mode: Mode) -> PyResult<ObjRef> {
    let conv = FromObj::new(vm)?;
    let module = crate::parser::run_with_big_stack(|| conv.module(tree, mode))?;
    super::validate::module(vm, &module, mode)?;
    let unit = crate::compiler::compile_tree(module, filename, mode)
        .map_err(|e| crate::vm::import::syntax_error(vm, &e))?;
    crate::vm::code_unit::new_code(vm, &unit)
}

/// The tag of a `# type: ignore[tag]` comment (CPython's tokenizer: spaces and tabs around
/// `type:` optional, `ignore` not followed by a letter or digit).
pub fn type_ignore_tag(comment: &str) -> Option<&str> {
    let rest = comment.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix("type:")?.trim_start_matches([' ', '\t']);
    let tag = rest.strip_prefix("ignore")?;
    match tag.chars().next() {
        Some(c) if !c.is_ascii() || c.is_ascii_alphanumeric() => None,
        _ => Some(tag),
    }
}

#[cfg(test)]
mod tests {
    use super::type_ignore_tag;

    #[test]
    fn type_ignore_comments() {
        assert_eq!(type_ignore_tag("# type: ignore"), Some(""));
        assert_eq!(type_ignore_tag("#type:ignore[misc]"), Some("[misc]"));
        assert_eq!(type_ignore_tag("# type: ignore@tag"), Some("@tag"));
        assert_eq!(type_ignore_tag("# type: ignored"), None);
        assert_eq!(type_ignore_tag("# type: int"), None);
    }
}
