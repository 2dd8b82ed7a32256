//! Unit tests of the tokenizer (kept apart so `tokenizer.rs` stays readable).
use super::*;

fn kinds(src: &str) -> Vec<String> {
    let t = tokenize(src, "t.py");
    assert!(t.error.is_none(), "{:?}", t.error);
    t.tokens
        .iter()
        .map(|tok| match tok.kind {
            TokenKind::Name | TokenKind::Number | TokenKind::String => {
                src[tok.range.0..tok.range.1].to_string()
            }
            TokenKind::Op(op) => op.text().to_string(),
            TokenKind::Keyword(k) => format!("{k:?}"),
            other => format!("{other:?}").to_uppercase(),
        })
        .collect()
}

fn err(src: &str) -> (String, u32, u32) {
    let e = tokenize(src, "t.py").error.expect("an error");
    (e.msg(), e.lineno, e.offset)
}

#[test]
fn indentation_and_dedent() {
    assert_eq!(
        kinds("if x:\n    y\n\n  # c\nz\n"),
        [
            "If",
            "x",
            ":",
            "NEWLINE",
            "INDENT",
            "y",
            "NEWLINE",
            "DEDENT",
            "z",
            "NEWLINE",
            "ENDMARKER"
        ]
    );
}

#[test]
fn brackets_join_lines() {
    assert_eq!(
        kinds("x = (1,\n  2)\ny = 1 + \\\n 2"),
        [
            "x",
            "=",
            "(",
            "1",
            ",",
            "2",
            ")",
            "NEWLINE",
            "y",
            "=",
            "1",
            "+",
            "2",
            "NEWLINE",
            "ENDMARKER"
        ]
    );
}

#[test]
fn numbers_and_strings() {
    assert_eq!(
        kinds("0x_1f 1_000 1.5e-3 .5 1j 0o17 0b1 rb'a\\'' f\"x\" '''a\nb'''"),
        [
            "0x_1f",
            "1_000",
            "1.5e-3",
            ".5",
            "1j",
            "0o17",
            "0b1",
            "rb'a\\''",
            "f\"x\"",
            "'''a\nb'''",
            "NEWLINE",
            "ENDMARKER"
        ]
    );
    assert_eq!(kinds("1if x else 2")[0], "1");
}

#[test]
fn operators_longest_first() {
    assert_eq!(
        kinds("a **= b // c ~= d -> ... :="),
        [
            "a",
            "**=",
            "b",
            "//",
            "c",
            "~=",
            "d",
            "->",
            "...",
            ":=",
            "NEWLINE",
            "ENDMARKER"
        ]
    );
}

#[test]
fn number_errors_match_cpython() {
    assert_eq!(err("x = 1abc\n"), ("invalid decimal literal".into(), 1, 5));
    assert_eq!(
        err("x = 0b12\n"),
        ("invalid digit '2' in binary literal".into(), 1, 8)
    );
    assert_eq!(err("x = 1_\n"), ("invalid decimal literal".into(), 1, 6));
    assert_eq!(err("x = 1__0\n"), ("invalid decimal literal".into(), 1, 6));
    assert_eq!(
        err("x = 0x\n"),
        ("invalid hexadecimal literal".into(), 1, 6)
    );
    assert_eq!(err("x = 1e\n"), ("invalid decimal literal".into(), 1, 5));
    assert_eq!(
        err("x = 1.5j2\n"),
        ("invalid imaginary literal".into(), 1, 8)
    );
    assert_eq!(err("x = 09\n").1, 1);
}

#[test]
fn bracket_errors() {
    assert_eq!(err("x = 1)\n"), ("unmatched ')'".into(), 1, 6));
    assert_eq!(
        err("(".repeat(201).as_str()),
        ("too many nested parentheses".into(), 1, 201)
    );
    assert!(tokenize(&"(".repeat(200), "t").error.is_none());
}

#[test]
fn indentation_errors() {
    assert_eq!(
        err("if x:\n    a\n  b\n"),
        (
            "unindent does not match any outer indentation level".into(),
            3,
            4
        )
    );
    assert_eq!(
        err("if x:\n\tpass\n        pass\n").0,
        "inconsistent use of tabs and spaces in indentation"
    );
}
