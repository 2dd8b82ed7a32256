//! Golden tests of `disassemble` (CPython 3.11 `dis.dis` layout) for small programs.

use arenapy::compiler::code::Constant;
use arenapy::compiler::opcode::Opcode;
use arenapy::compiler::{compile, dis::disassemble, Mode};

fn dis(src: &str) -> String {
    disassemble(&compile(src, "x.py", Mode::Exec).expect("compiles"))
}

const CLOSURE_SRC: &str = "def f(a, b=2):\n    def g():\n        return a + b\n    return g\n";

const CLOSURE_DIS: &str = "  0           0 RESUME                   0

  1           2 LOAD_CONST               0 ((2,))
              4 LOAD_CONST               1 (<code object f at 0x7f0000001100, file \"x.py\", line 1>)
              6 MAKE_FUNCTION            1 (defaults)
              8 STORE_NAME               0 (f)
             10 LOAD_CONST               2 (None)
             12 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file \"x.py\", line 1>:
              0 MAKE_CELL                3 (a)
              2 MAKE_CELL                4 (b)

  1           4 RESUME                   0

  2           6 LOAD_CLOSURE             3 (a)
              8 LOAD_CLOSURE             4 (b)
             10 BUILD_TUPLE              2
             12 LOAD_CONST               1 (<code object g at 0x7f0000001200, file \"x.py\", line 2>)
             14 MAKE_FUNCTION            8 (closure)
             16 STORE_FAST               2 (g)

  4          18 LOAD_FAST                2 (g)
             20 RETURN_VALUE

Disassembly of <code object g at 0x7f0000001200, file \"x.py\", line 2>:
              0 COPY_FREE_VARS           2

  2           2 RESUME                   0

  3           4 LOAD_DEREF               0 (a)
              6 LOAD_DEREF               1 (b)
              8 BINARY_OP                0 (+)
             10 RETURN_VALUE
";

#[test]
fn closure_golden() {
    assert_eq!(dis(CLOSURE_SRC), CLOSURE_DIS);
}

#[test]
fn module_conventions() {
    let code = compile("x = -1\nprint(x)\n", "x.py", Mode::Exec).unwrap();
    let ops: Vec<Opcode> = code.instructions.iter().map(|i| i.op).collect();
    assert_eq!(ops.first(), Some(&Opcode::RESUME));
    assert_eq!(
        &ops[ops.len() - 2..],
        &[Opcode::LOAD_CONST, Opcode::RETURN_VALUE]
    );
    assert!(code.consts.contains(&Constant::Int((-1).into())));
    assert_eq!(code.line_of(1), Some(1));
}

#[test]
fn eval_mode_returns_value() {
    let code = compile("1 + x", "<eval>", Mode::Eval).unwrap();
    let ops: Vec<Opcode> = code.instructions.iter().map(|i| i.op).collect();
    assert_eq!(
        ops,
        [
            Opcode::RESUME,
            Opcode::LOAD_CONST,
            Opcode::LOAD_NAME,
            Opcode::BINARY_OP,
            Opcode::RETURN_VALUE
        ]
    );
}
