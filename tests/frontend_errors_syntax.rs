//! CPython 3.11's SyntaxErrors for `match`, `async`, `except*`, `__future__` and the "did
//! you mean" hints: message, line and column, hard-coded from `compile()`'s output.

use arenapy::compiler::{compile, Mode};

/// `(lineno, offset, msg)` of the error, or `(0, 0, "ok")`.
fn err(src: &str) -> (u32, u32, String) {
    match compile(src, "x.py", Mode::Exec) {
        Ok(_) => (0, 0, "ok".into()),
        Err(e) => (e.lineno, e.offset, e.msg()),
    }
}

#[test]
fn cpython_errors() {
    let cases: &[(&str, u32, u32, &str)] = &[
        (
            "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
            2,
            10,
            r#"wildcard makes remaining patterns unreachable"#,
        ),
        (
            "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
            2,
            10,
            r#"name capture 'y' makes remaining patterns unreachable"#,
        ),
        (
            "match x:\n    case [a, a]:\n        pass\n",
            2,
            14,
            r#"multiple assignments to name 'a' in pattern"#,
        ),
        (
            "match x:\n    case [a] | [b]:\n        pass\n",
            2,
            17,
            r#"alternative patterns bind different names"#,
        ),
        (
            "match x:\n    case {'k': 1, 'k': 2}:\n        pass\n",
            2,
            10,
            r#"mapping pattern checks duplicate key ('k')"#,
        ),
        (
            "match x:\n    case P(a=1, a=2):\n        pass\n",
            2,
            19,
            r#"attribute name repeated in class pattern: a"#,
        ),
        (
            "match x:\n    case [*a, *b]:\n        pass\n",
            2,
            10,
            r#"multiple starred names in sequence pattern"#,
        ),
        (
            "match x:\n    case 1 as _:\n        pass\n",
            2,
            15,
            r#"cannot use '_' as a target"#,
        ),
        (
            "match x:\n    case f'{y}':\n        pass\n",
            2,
            10,
            r#"patterns may only match literals and attribute lookups"#,
        ),
        (
            "match x:\n    case P(a=1, 2):\n        pass\n",
            2,
            17,
            r#"positional patterns follow keyword patterns"#,
        ),
        (
            "match x:\n    case 1 + 1:\n        pass\n",
            2,
            14,
            r#"imaginary number required in complex literal"#,
        ),
        (
            "match x:\n    case _ | 1:\n        pass\n",
            2,
            10,
            r#"wildcard makes remaining patterns unreachable"#,
        ),
        (
            "def f():\n    await x\n",
            2,
            5,
            r#"'await' outside async function"#,
        ),
        ("await x\n", 1, 1, r#"'await' outside function"#),
        (
            "def f():\n    async with a:\n        pass\n",
            2,
            5,
            r#"'async with' outside async function"#,
        ),
        (
            "def f():\n    async for a in b:\n        pass\n",
            2,
            5,
            r#"'async for' outside async function"#,
        ),
        (
            "def f():\n    return [x async for x in y]\n",
            2,
            12,
            r#"asynchronous comprehension outside of an asynchronous function"#,
        ),
        (
            "async def f():\n    yield 1\n    return 2\n",
            3,
            5,
            r#"'return' with value in async generator"#,
        ),
        (
            "async def f():\n    yield from x\n",
            2,
            5,
            r#"'yield from' inside async function"#,
        ),
        (
            "def f():\n    try:\n        pass\n    except* E:\n        return 1\n",
            5,
            16,
            r#"'break', 'continue' and 'return' cannot appear in an except* block"#,
        ),
        (
            "try:\n    pass\nexcept E:\n    pass\nexcept* F:\n    pass\n",
            5,
            1,
            r#"cannot have both 'except' and 'except*' on the same 'try'"#,
        ),
        (
            "try:\n    pass\nexcept*:\n    pass\n",
            3,
            8,
            r#"expected one or more exception types"#,
        ),
        (
            "from __future__ import nope\n",
            1,
            1,
            r#"future feature nope is not defined"#,
        ),
        ("from __future__ import braces\n", 1, 1, r#"not a chance"#),
        (
            "import os\nfrom __future__ import annotations\n",
            2,
            1,
            r#"from __future__ imports must occur at the beginning of the file"#,
        ),
        (
            "print 'hello'\n",
            1,
            1,
            r#"Missing parentheses in call to 'print'. Did you mean print(...)?"#,
        ),
        (
            "f(a b)\n",
            1,
            3,
            r#"invalid syntax. Perhaps you forgot a comma?"#,
        ),
        (
            "x = {1: 2 3: 4}\n",
            1,
            9,
            r#"invalid syntax. Perhaps you forgot a comma?"#,
        ),
        (
            "try:\n    pass\nx = 1\n",
            3,
            1,
            r#"expected 'except' or 'finally' block"#,
        ),
        (
            "if x = 1:\n    pass\n",
            1,
            4,
            r#"invalid syntax. Maybe you meant '==' or ':=' instead of '='?"#,
        ),
        ("match = 1\nmatch(2)\ncase = 3\n", 0, 0, r#"ok"#),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(src, line, col, msg)| err(src) != (*line, *col, msg.to_string()))
        .map(|(src, line, col, msg)| {
            format!("{src:?}: want {:?}, got {:?}", (line, col, msg), err(src))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{}",
        wrong.join(
            "
"
        )
    );
}

/// `Mode::Single` (CPython's `'single'`): one statement; expression statements at module
/// level end in `PRINT_EXPR` (even constants), not `POP_TOP`.
#[test]
fn single_mode() {
    use arenapy::compiler::opcode::Opcode;
    let e = compile("a = 1\nb = 2\n", "s", Mode::Single).unwrap_err();
    assert_eq!(
        (e.lineno, e.offset, e.msg().as_str()),
        (
            1,
            6,
            "multiple statements found while compiling a single statement"
        )
    );
    let code = compile("x = 1; x + 1; 'doc'\n", "s", Mode::Single).unwrap();
    let ops: Vec<Opcode> = code.instructions.iter().map(|i| i.op).collect();
    assert_eq!(ops.iter().filter(|o| **o == Opcode::PRINT_EXPR).count(), 2);
    let code = compile("for i in x:\n    i\n", "s", Mode::Single).unwrap();
    assert!(code.instructions.iter().any(|i| i.op == Opcode::PRINT_EXPR));
    let code = compile("def f():\n    g()\n", "s", Mode::Single).unwrap();
    assert!(!code.instructions.iter().any(|i| i.op == Opcode::PRINT_EXPR));
}
