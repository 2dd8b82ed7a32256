//! `from __future__ import ...` (CPython's `Python/future.c`).
//!
//! Future imports must come first in a module (after the docstring). Each named feature must
//! be one CPython 3.11 knows; only `annotations` changes how arenapy compiles (annotations
//! become strings, PEP 563). The others are accepted and have no effect (they are mandatory
//! in Python 3), except `barry_as_FLUFL`, accepted without enabling `<>`.

use crate::parser::ast::{Module, Span, StmtKind};
use crate::parser::{SyntaxError, SyntaxErrorKind};

/// Every feature `__future__` defines in CPython 3.11.
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// What the module's future imports enable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// `from __future__ import annotations` (CO_FUTURE_ANNOTATIONS).
    pub annotations: bool,
    /// The line of the last future import (0: none); any `from __future__` import on a later
    /// line is misplaced.
    pub lineno: u32,
}

/// Checks the module's leading future imports and collects their features.
///
/// # Errors
/// `future feature X is not defined`, `not a chance` (for `braces`), and
/// `from __future__ imports must occur at the beginning of the file` for a future import
/// after another statement at module level.
pub fn check(module: &Module, filename: &str, source: &str) -> Result<Features, SyntaxError> {
    let err = |kind: SyntaxErrorKind, span: Span| SyntaxError {
        kind,
        filename: filename.to_string(),
        lineno: span.lineno,
        offset: span.col_offset + 1,
        end_lineno: span.end_lineno,
        end_offset: span.end_col_offset + 1,
        text: crate::parser::tokenizer::line_text(source, span.lineno),
    };
    let mut features = Features::default();
    let mut done = false;
    let mut prev_line = 0;
    let skip = crate::compiler::codegen_docstring(&module.body).is_some() as usize;
    for s in &module.body[skip..] {
        if done && s.span.lineno > prev_line {
            break;
        }
        prev_line = s.span.lineno;
        match &s.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                ..
            } if m == "__future__" => {
                if done {
                    return Err(err(SyntaxErrorKind::FutureImportNotFirst, s.span));
                }
                for a in names {
                    match a.name.as_str() {
                        "annotations" => features.annotations = true,
                        "braces" => return Err(err(SyntaxErrorKind::NotAChance, s.span)),
                        name if FEATURES.contains(&name) => {}
                        name => {
                            let k = SyntaxErrorKind::FutureFeatureNotDefined(name.to_string());
                            return Err(err(k, s.span));
                        }
                    }
                }
                features.lineno = s.span.lineno;
            }
            _ => done = true,
        }
    }
    Ok(features)
}

#[cfg(test)]
mod tests {
    fn msg(src: &str) -> String {
        match crate::compiler::compile(src, "f.py", crate::compiler::Mode::Exec) {
            Ok(_) => "ok".into(),
            Err(e) => format!("{}:{} {}", e.lineno, e.offset, e.msg()),
        }
    }

    #[test]
    fn future_imports_match_cpython() {
        assert_eq!(
            msg("'''doc'''\nfrom __future__ import annotations\nx = 1\n"),
            "ok"
        );
        assert_eq!(
            msg("from __future__ import rested_snopes\n"),
            "1:1 future feature rested_snopes is not defined"
        );
        assert_eq!(msg("from __future__ import braces\n"), "1:1 not a chance");
        assert_eq!(
            msg("from __future__ import division\n'doc'\nfrom __future__ import annotations\n"),
            "3:1 from __future__ imports must occur at the beginning of the file"
        );
        assert_eq!(
            msg("import os\nfrom __future__ import division\n"),
            "2:1 from __future__ imports must occur at the beginning of the file"
        );
        assert_eq!(
            msg("def f():\n    from __future__ import division\n"),
            "2:5 from __future__ imports must occur at the beginning of the file"
        );
    }
}
