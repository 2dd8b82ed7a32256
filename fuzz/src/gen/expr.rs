//! Expressions: literals (with boundary values), operators, comparisons, builtin and method
//! calls, slicing, formatting, lambdas and comprehensions.
//!
//! Operands that could make a value explode (`**`, `<<`, sequence repetition) take only small
//! literals on the right, so programs stay fast; type errors and the like are welcome — the
//! statements around expressions catch them.

use super::Gen;

const INTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "10",
    "100",
    "255",
    "256",
    "-5",
    "1000",
    "(2**63)",
    "(-2**63)",
    "(2**64)",
    "(2**63 - 1)",
    "(2**31)",
    "(10**20)",
    "(2**100)",
    "0x7f",
    "0o17",
    "0b101",
    "1_000",
];
const SMALL_INTS: &[&str] = &["0", "1", "2", "3", "-1", "5", "8", "64"];
const FLOATS: &[&str] = &[
    "0.0",
    "-0.0",
    "1.5",
    "-2.25",
    "0.1",
    "1e308",
    "1e-308",
    "5e-324",
    "1e16",
    "3.141592653589793",
    "float('nan')",
    "float('inf')",
    "float('-inf')",
];
const STRS: &[&str] = &[
    "''",
    "'a'",
    "'abc'",
    "'Hello World'",
    "'\\u00e9t\\u00e9'",
    "'stra\\u00dfe'",
    "'\\u65e5\\u672c'",
    "'\\n\\t x'",
    "'a,b,,c'",
    "'  pad  '",
    "'%s'",
    "'{}'",
    "'123'",
    "'-4.5'",
    "'0x1f'",
    "'\\U0001f600'",
];
const BYTES: &[&str] = &["b''", "b'abc'", "b'\\x00\\xff'", "b'a,b'", "b'ABC def'"];
const OTHER: &[&str] = &[
    "None",
    "True",
    "False",
    "()",
    "[]",
    "{}",
    "set()",
    "frozenset({1, 2})",
    "range(5)",
    "range(10, 0, -3)",
    "(1+2j)",
    "...",
    "NotImplemented",
    "int",
    "str",
    "len",
];
const BINOPS: &[&str] = &["+", "-", "*", "/", "//", "%", "&", "|", "^", "+", "-", "*"];
const CMPOPS: &[&str] = &[
    "<", "<=", "==", "!=", ">", ">=", "is", "is not", "in", "not in",
];
const UNARY_BUILTINS: &[&str] = &[
    "len",
    "abs",
    "bool",
    "int",
    "float",
    "str",
    "repr",
    "ascii",
    "list",
    "tuple",
    "set",
    "frozenset",
    "dict",
    "sorted",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "hex",
    "oct",
    "bin",
    "chr",
    "ord",
    "callable",
    "bytes",
    "bytearray",
    "round",
    "iter",
    "type",
    "complex",
];
const STR_METHODS: &[&str] = &[
    "upper()",
    "lower()",
    "title()",
    "split()",
    "split(',')",
    "rsplit(None, 1)",
    "strip()",
    "lstrip('a')",
    "center(9, '*')",
    "ljust(6)",
    "zfill(5)",
    "partition(',')",
    "casefold()",
    "swapcase()",
    "isdigit()",
    "isalpha()",
    "encode()",
    "encode('utf-16')",
    "splitlines()",
    "expandtabs(4)",
    "find('b')",
    "rfind('a', 1)",
    "count('a')",
    "replace('a', 'xy')",
    "startswith(('a', 'H'))",
    "join(['1', '2'])",
    "format(1, 2)",
    "removeprefix('a')",
    "translate({97: 'A'})",
];
const SEQ_METHODS: &[&str] = &[
    "copy()",
    "index(1)",
    "count(0)",
    "pop()",
    "pop(0)",
    "keys()",
    "values()",
    "items()",
    "get(1, 'dflt')",
    "setdefault('k', [])",
    "union({1})",
    "intersection([1, 2])",
    "difference({0})",
    "issubset(range(9))",
    "hex()",
    "decode('latin-1')",
    "bit_length()",
    "to_bytes(8, 'little', signed=True)",
    "bit_count()",
    "is_integer()",
    "as_integer_ratio()",
    "conjugate()",
    "__len__()",
    "__class__.__name__",
    "__doc__",
];

impl Gen {
    /// A literal of any kind, sometimes a boundary value.
    pub(super) fn literal(&mut self) -> String {
        match self.below(10) {
            0..=2 => self.pick(INTS).to_string(),
            3 => self.pick(FLOATS).to_string(),
            4 | 5 => self.pick(STRS).to_string(),
            6 => self.pick(BYTES).to_string(),
            7 => self.pick(OTHER).to_string(),
            8 => {
                let a = self.small_literal();
                let b = self.small_literal();
                let c = self.small_literal();
                format!("[{a}, {b}, {c}]")
            }
            _ => {
                let a = self.small_literal();
                let b = self.small_literal();
                match self.below(3) {
                    0 => format!("({a}, {b})"),
                    1 => format!("{{{a}: {b}, 'k': {a}}}"),
                    _ => format!("{{{a}, {b}}}"),
                }
            }
        }
    }

    /// A literal without containers.
    fn small_literal(&mut self) -> String {
        match self.below(4) {
            0 | 1 => self.pick(INTS).to_string(),
            2 => self.pick(STRS).to_string(),
            _ => self.pick(FLOATS).to_string(),
        }
    }

    /// An expression at most `depth` operators deep.
    pub(super) fn expr(&mut self, depth: u32) -> String {
        if depth == 0 || self.chance(0.25) {
            return self.var_or_literal();
        }
        let d = depth - 1;
        match self.below(20) {
            0..=2 => {
                let a = self.expr(d);
                let b = self.expr(d);
                let op = self.pick(BINOPS);
                format!("({a} {op} {b})")
            }
            3 => {
                let a = self.var_or_literal();
                let op = self.pick(&["**", "<<", ">>", "*"]);
                let n = self.pick(SMALL_INTS);
                format!("({a} {op} {n})")
            }
            4 => {
                let a = self.expr(d);
                let op = self.pick(&["-", "+", "~", "not "]);
                format!("({op}{a})")
            }
            5 => {
                let a = self.expr(d);
                let b = self.expr(d);
                let op = self.pick(CMPOPS);
                if self.chance(0.3) {
                    let c = self.expr(d);
                    let op2 = self.pick(CMPOPS);
                    format!("({a} {op} {b} {op2} {c})")
                } else {
                    format!("({a} {op} {b})")
                }
            }
            6 => {
                let a = self.expr(d);
                let b = self.expr(d);
                let op = self.pick(&["and", "or"]);
                format!("({a} {op} {b})")
            }
            7 => {
                let c = self.expr(d);
                let a = self.expr(d);
                let b = self.expr(d);
                format!("({a} if {c} else {b})")
            }
            8 | 9 => self.builtin_call(d),
            10 | 11 => self.method_call(d),
            12 => self.subscript(d),
            13 => self.formatting(),
            14 => self.lambda_call(d),
            15 => self.comprehension(d),
            16 => self.user_call(d),
            17 => {
                let a = self.expr(d);
                let b = self.expr(d);
                match self.below(3) {
                    0 => format!("[{a}, {b}]"),
                    1 => format!("({a}, {b})"),
                    _ => format!("{{{a}: {b}}}"),
                }
            }
            18 => {
                let a = self.expr(d);
                format!("[*{a}, *range(2)]")
            }
            _ => self.literal(),
        }
    }

    fn builtin_call(&mut self, d: u32) -> String {
        let a = self.expr(d);
        match self.below(14) {
            0..=5 => {
                let f = self.pick(UNARY_BUILTINS);
                format!("{f}({a})")
            }
            6 => {
                let b = self.expr(d);
                let f = self.pick(&["divmod", "min", "max", "isinstance", "getattr", "round"]);
                format!("{f}({a}, {b})")
            }
            7 => {
                let n = self.pick(SMALL_INTS);
                let m = self.pick(&["7", "1000", "(2**61 - 1)", "-3"]);
                format!("pow({a}, {n}, {m})")
            }
            8 => {
                let f = self.pick(&["enumerate", "reversed", "zip", "map(str, ", "filter(None, "]);
                if f.ends_with(", ") {
                    format!("list({f}{a}))")
                } else {
                    format!("list({f}({a}))")
                }
            }
            9 => {
                let key = self.pick(&["len", "str", "repr", "abs", "(lambda t: -t)", "type"]);
                let rev = self.pick(&["True", "False"]);
                format!("sorted({a}, key={key}, reverse={rev})")
            }
            10 => {
                let n = self.pick(&["0", "1.5", "-3", "(2**63)", "7"]);
                format!("hash({n})")
            }
            11 => {
                let base = self.pick(&["0", "2", "16", "36", "37"]);
                format!("int(str({a}), {base})")
            }
            12 => format!("next(iter({a}), 'end')"),
            _ => {
                let name = self.pick(&["'append'", "'real'", "'__len__'", "'x'", "'__dict__'"]);
                format!("hasattr({a}, {name})")
            }
        }
    }

    fn method_call(&mut self, d: u32) -> String {
        if self.chance(0.5) {
            let recv = if self.chance(0.5) {
                self.pick(STRS).to_string()
            } else {
                format!("str({})", self.expr(d))
            };
            let m = self.pick(STR_METHODS);
            format!("{recv}.{m}")
        } else {
            let recv = self.expr(d);
            let m = self.pick(SEQ_METHODS);
            format!("({recv}).{m}")
        }
    }

    fn subscript(&mut self, d: u32) -> String {
        let a = self.expr(d);
        let idx = |g: &mut Gen| -> String {
            if g.chance(0.3) {
                String::new()
            } else {
                g.pick(&[
                    "0", "1", "-1", "2", "-3", "100", "(2**63)", "(-2**63)", "None",
                ])
                .to_string()
            }
        };
        match self.below(3) {
            0 => format!(
                "{a}[{}]",
                self.pick(&["0", "-1", "1", "'k'", "5", "(2**64)"])
            ),
            1 => format!("{a}[{}:{}]", idx(self), idx(self)),
            _ => {
                let step = self.pick(&["1", "-1", "2", "-2", "3", "None", "(2**63)"]);
                format!("{a}[{}:{}:{step}]", idx(self), idx(self))
            }
        }
    }

    /// An operand that can sit inside an f-string's braces under 3.11's rules (no quotes).
    fn fstring_operand(&mut self) -> String {
        if !self.vars.is_empty() && self.chance(0.7) {
            let i = self.below(self.vars.len());
            self.vars[i].clone()
        } else {
            self.pick(&["3", "-7", "1.5", "2.675", "(2**70)", "None", "True"])
                .to_string()
        }
    }

    /// f-strings, `%`-formatting and `str.format`.
    pub(super) fn formatting(&mut self) -> String {
        let a = self.fstring_operand();
        let b = self.fstring_operand();
        let spec = self.format_spec();
        match self.below(5) {
            0 => format!("f\"<{{{a}}}|{{{b}!r}}>\""),
            1 => format!("f\"{{{a}:{spec}}}\""),
            2 => format!("f\"{{{a}=}} {{{b}!s:>{}}}\"", self.below(12)),
            3 => {
                let fmt = self.pick(&[
                    "'%s|%r'",
                    "'%d %x'",
                    "'%5.2f %-4s'",
                    "'%e %%'",
                    "'%(a)s'",
                    "'%c%o'",
                    "'%*d'",
                ]);
                format!("({fmt} % ({a}, {b}))")
            }
            _ => format!("'{{0}}:{{1!r}}:{{0:{spec}}}'.format({a}, {b})"),
        }
    }

    fn format_spec(&mut self) -> String {
        let w = if self.chance(0.02) {
            "70000".to_string()
        } else {
            self.below(20).to_string()
        };
        let p = if self.chance(0.02) {
            70000
        } else {
            self.below(12)
        };
        let ty = self.pick(&["", "d", "x", "o", "b", "e", "f", "g", "%", "s", ",d", "_x"]);
        let align = self.pick(&["", "<", ">", "^", "*^", "0=", "+", " "]);
        match self.below(4) {
            0 => format!("{align}{w}"),
            1 => format!("{align}{w}.{p}{ty}"),
            2 => format!(".{p}{ty}"),
            _ => ty.to_string(),
        }
    }

    fn lambda_call(&mut self, d: u32) -> String {
        let arg = self.expr(d);
        let body = self.pick(&[
            "a + b",
            "(a, b, r, k)",
            "a * 2 if a else b",
            "[a] * b",
            "len(r) + len(k)",
            "str(a) + str(b)",
        ]);
        let call = self.pick(&["", ", 2", ", b=[1]", ", 1, 2, 3", ", z=4", ", *[1, 2]"]);
        format!("(lambda a, b=1, *r, **k: {body})({arg}{call})")
    }

    fn comprehension(&mut self, d: u32) -> String {
        let it = self.expr(d);
        let x = self.fresh_name("c");
        self.vars.push(x.clone());
        let e = self.expr(d);
        let cond = self.expr(d);
        self.vars.pop();
        match self.below(5) {
            0 => format!("[{e} for {x} in {it}]"),
            1 => format!("[{e} for {x} in {it} if {cond}]"),
            2 => format!("{{{x}: {e} for {x} in {it}}}"),
            3 => format!("sorted({{repr({e}) for {x} in {it}}})"),
            _ => format!("sum(1 for {x} in {it} if {cond})"),
        }
    }

    fn user_call(&mut self, d: u32) -> String {
        if !self.funcs.is_empty() && self.chance(0.6) {
            let i = self.below(self.funcs.len());
            let (name, n) = self.funcs[i].clone();
            let n = if self.chance(0.1) { n + 1 } else { n };
            let args: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
            let extra = self.pick(&["", "", ", *[1]", ", kw=1"]);
            let sep = if args.is_empty() {
                extra.trim_start_matches(", ")
            } else {
                extra
            };
            format!("{name}({}{sep})", args.join(", "))
        } else if !self.classes.is_empty() {
            let i = self.below(self.classes.len());
            let c = self.classes[i].clone();
            let a = self.expr(d);
            format!("{c}({a})")
        } else {
            self.literal()
        }
    }
}
