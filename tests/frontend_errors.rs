//! SyntaxError golden tests: `render()` must print exactly what CPython 3.11 prints for an
//! uncaught SyntaxError (expected texts obtained from python3 3.11.7), plus robustness tests.

use arenapy::compiler::{compile, Mode};
use proptest::prelude::*;

/// (source, CPython's stderr for `python3 x.py`).
const CASES: &[(&str, &str)] = &[
    ("if x\n    pass\n", "  File \"x.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n"),
    ("x = (1,\ny = 2\n", "  File \"x.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"),
    ("x = 1)\n", "  File \"x.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'\n"),
    ("x = [1, 2)\n", "  File \"x.py\", line 1\n    x = [1, 2)\n             ^\nSyntaxError: closing parenthesis ')' does not match opening parenthesis '['\n"),
    ("  x = 1\n", "  File \"x.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n"),
    ("if x:\n    a\n  b\n", "  File \"x.py\", line 3\n    b\n     ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("if x:\npass\n", "  File \"x.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n"),
    ("def f():\nreturn\n", "  File \"x.py\", line 2\n    return\n    ^\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("s = 'abc\n", "  File \"x.py\", line 1\n    s = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("s = '''abc\n\nx\n", "  File \"x.py\", line 1\n    s = '''abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 3)\n"),
    ("1 = x\n", "  File \"x.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n"),
    ("f() = 1\n", "  File \"x.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"),
    ("(a, 1) = x\n", "  File \"x.py\", line 1\n    (a, 1) = x\n        ^\nSyntaxError: cannot assign to literal\n"),
    ("f() += 1\n", "  File \"x.py\", line 1\n    f() += 1\n    ^^^\nSyntaxError: 'function call' is an illegal expression for augmented assignment\n"),
    ("del f()\n", "  File \"x.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n"),
    ("return 1\n", "  File \"x.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("break\n", "  File \"x.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"),
    ("continue\n", "  File \"x.py\", line 1\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n"),
    ("nonlocal x\n", "  File \"x.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n"),
    ("x = 1abc\n", "  File \"x.py\", line 1\n    x = 1abc\n        ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 0b12\n", "  File \"x.py\", line 1\n    x = 0b12\n           ^\nSyntaxError: invalid digit '2' in binary literal\n"),
    ("if x:\n\tpass\n        pass\n", "  File \"x.py\", line 3\n    pass\nTabError: inconsistent use of tabs and spaces in indentation\n"),
    ("x = $\n", "  File \"x.py\", line 1\n    x = $\n        ^\nSyntaxError: invalid syntax\n"),
    ("x y\n", "  File \"x.py\", line 1\n    x y\n      ^\nSyntaxError: invalid syntax\n"),
];

#[test]
fn renders_match_cpython() {
    for (src, want) in CASES {
        let err = compile(src, "x.py", Mode::Exec).expect_err(src);
        assert_eq!(&err.render(), want, "source: {src:?}");
    }
}

#[test]
fn class_names() {
    let e = compile("  x = 1\n", "x.py", Mode::Exec).unwrap_err();
    assert_eq!(e.class_name(), "IndentationError");
    let e = compile("if x:\n\tpass\n        pass\n", "x.py", Mode::Exec).unwrap_err();
    assert_eq!(e.class_name(), "TabError");
    let e = compile("x = (\n", "x.py", Mode::Exec).unwrap_err();
    assert_eq!(
        (e.class_name(), e.msg().as_str()),
        ("SyntaxError", "'(' was never closed")
    );
}

#[test]
fn ten_thousand_parentheses_is_a_clean_error() {
    let src = "(".repeat(10_000) + &")".repeat(10_000);
    let e = compile(&src, "x.py", Mode::Exec).unwrap_err();
    assert_eq!(e.msg(), "too many nested parentheses");
    assert_eq!((e.lineno, e.offset), (1, 201));
}

#[test]
fn deep_nesting_without_brackets_is_bounded() {
    for src in [
        "-".repeat(100_000) + "1",
        "not ".repeat(100_000) + "x",
        "1".to_string() + &"+1".repeat(100_000),
        "a".to_string() + &".a".repeat(100_000),
        "lambda: ".repeat(50_000) + "x",
    ] {
        let e = compile(&src, "x.py", Mode::Exec).unwrap_err();
        assert_eq!(e.class_name(), "RecursionError");
    }
    assert!(compile(&("-".repeat(1000) + "1"), "x.py", Mode::Exec).is_ok());
}

const SEEDS: &[&str] = &[
    "def f(a, b=2):\n    return a + b\nprint(f(1, b=3))\n",
    "for i in range(10):\n    if i % 2:\n        continue\n    x = [i, {1: 2}, (3,)]\nelse:\n    pass\n",
    "class C(B):\n    def m(self):\n        return super().m()\ntry:\n    x = f'{a!r:>{w}}'\nexcept E as e:\n    raise\nfinally:\n    del x\n",
    "while x < 3 < y:\n    x += 1; y[0] **= 2\n    with a as (b, c):\n        yield from z\n",
    "match p:\n    case [1, *r] | (2, *r) if r:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case P(a, b=C.D() as e):\n        pass\n    case _:\n        pass\n",
    "async def f(s):\n    async with s as t:\n        await t\n    async for x in s:\n        yield [y async for y in x]\ntry:\n    pass\nexcept* E as e:\n    pass\n",
    "from __future__ import annotations\nclass _C:\n    __x: int = 1\n    def m(self, __a: 'T') -> list[int]:\n        return self.__x\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,80}") {
        let _ = compile(&s, "x.py", Mode::Exec);
        let _ = compile(&s, "x.py", Mode::Eval);
    }

    #[test]
    fn mutated_programs_never_panic(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6),
        cut in any::<usize>(),
    ) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for (pos, byte, kind) in edits {
            let p = pos % (bytes.len() + 1);
            match kind {
                0 => bytes.insert(p, byte % 128),
                1 if p < bytes.len() => { bytes.remove(p); }
                _ if p < bytes.len() => bytes[p] = byte % 128,
                _ => {}
            }
        }
        bytes.truncate(cut % (bytes.len() + 1));
        let s = String::from_utf8_lossy(&bytes);
        let _ = compile(&s, "x.py", Mode::Exec);
    }
}
