//! Numbers and text against CPython 3.11: every line of `tests/numstr/*.txt` is a small Python
//! expression and the `repr` of its value (or `!! Type: message` for an exception) as CPython
//! gives it (`tests/numstr/gen.py` records them). The expressions are evaluated here without the
//! compiler, by a tiny evaluator over literals, builtin calls, method calls, attributes and binary
//! operators that calls the interpreter's own protocols (`ops::call`, `ops::getattr`, ...).

use arenapy::compiler::opcode::BinaryOp;
use arenapy::object::ObjRef;
use arenapy::objects::{complex, dict, exceptions, float, int, list, none, str as pystr, tuple};
use arenapy::vm::{ops, PyResult, Vm};
use arenapy::{Config, Interpreter, StrategyKind};

struct Eval<'a> {
    vm: &'a Vm,
    src: Vec<char>,
    pos: usize,
}

impl Eval<'_> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }
    fn eat(&mut self, s: &str) -> bool {
        self.skip_ws();
        let cs: Vec<char> = s.chars().collect();
        if self.src[self.pos..].starts_with(&cs) {
            self.pos += cs.len();
            true
        } else {
            false
        }
    }
    fn py(&self, r: PyResult<ObjRef>) -> Result<ObjRef, PyResultErr> {
        r.map_err(PyResultErr)
    }

    fn expr(&mut self) -> Result<ObjRef, PyResultErr> {
        let mut left = self.postfix()?;
        loop {
            self.skip_ws();
            let op = if self.eat("**") {
                BinaryOp::Power
            } else if self.eat("//") {
                BinaryOp::FloorDivide
            } else if self.eat("%") {
                BinaryOp::Remainder
            } else if self.eat("*") {
                BinaryOp::Multiply
            } else if self.eat("/") {
                BinaryOp::TrueDivide
            } else if self.eat("+") {
                BinaryOp::Add
            } else if self.eat("- ") {
                BinaryOp::Subtract
            } else if self.eat("==") {
                let right = self.postfix()?;
                let r = ops::richcompare(
                    self.vm,
                    &left,
                    &right,
                    arenapy::compiler::opcode::CompareOp::Eq,
                );
                left = self.py(r)?;
                continue;
            } else if self.eat(">") {
                let right = self.postfix()?;
                let r = ops::richcompare(
                    self.vm,
                    &left,
                    &right,
                    arenapy::compiler::opcode::CompareOp::Gt,
                );
                left = self.py(r)?;
                continue;
            } else if self.eat("<") {
                let right = self.postfix()?;
                let r = ops::richcompare(
                    self.vm,
                    &left,
                    &right,
                    arenapy::compiler::opcode::CompareOp::Lt,
                );
                left = self.py(r)?;
                continue;
            } else {
                return Ok(left);
            };
            let right = self.postfix()?;
            left = self.py(ops::binary_op(self.vm, &left, &right, op, false))?;
        }
    }

    fn postfix(&mut self) -> Result<ObjRef, PyResultErr> {
        let mut obj = self.atom()?;
        loop {
            if self.peek() == Some('.')
                && self
                    .src
                    .get(self.pos + 1)
                    .is_some_and(|c| c.is_alphabetic() || *c == '_')
            {
                self.pos += 1;
                let name = self.name();
                obj = self.py(ops::getattr(self.vm, &obj, &name))?;
            } else if self.peek() == Some('(') {
                obj = self.call(&obj)?;
            } else if self.peek() == Some('[') {
                self.pos += 1;
                let key = self.expr()?;
                assert!(self.eat("]"));
                obj = self.py(ops::getitem(self.vm, &obj, &key))?;
            } else {
                return Ok(obj);
            }
        }
    }

    fn call(&mut self, f: &ObjRef) -> Result<ObjRef, PyResultErr> {
        assert!(self.eat("("));
        let mut args = Vec::new();
        let mut names = Vec::new();
        loop {
            if self.eat(")") {
                break;
            }
            self.skip_ws();
            let save = self.pos;
            let n = self.name();
            if !n.is_empty() && self.peek() == Some('=') && self.src.get(self.pos + 1) != Some(&'=')
            {
                self.pos += 1;
                names.push(pystr::new_str_vm(self.vm, &n).unwrap());
            } else {
                self.pos = save;
                assert!(names.is_empty(), "positional after keyword");
            }
            args.push(self.expr()?);
            self.eat(",");
        }
        let kw = if names.is_empty() {
            None
        } else {
            Some(tuple::new_tuple(self.vm, names).unwrap())
        };
        self.py(ops::call(self.vm, f, &args, kw.as_ref()))
    }

    fn name(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            s.push(c);
            self.pos += 1;
        }
        s
    }

    fn seq(&mut self, close: &str) -> Result<(Vec<ObjRef>, bool), PyResultErr> {
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            if self.eat(close) {
                return Ok((items, comma));
            }
            items.push(self.expr()?);
            comma = self.eat(",");
        }
    }

    fn atom(&mut self) -> Result<ObjRef, PyResultErr> {
        let vm = self.vm;
        self.skip_ws();
        let c = self.peek().expect("unexpected end");
        if c == '\'' || c == '"' {
            return Ok(pystr::new_str_vm(vm, &self.string(c)).unwrap());
        }
        if (c == '-' || c == '+')
            && self
                .src
                .get(self.pos + 1)
                .is_some_and(|d| !d.is_ascii_digit() && *d != '.')
        {
            self.pos += 1;
            let v = self.postfix()?;
            return self.py(ops::unary(vm, &v, if c == '-' { "-" } else { "+" }));
        }
        if c == '(' {
            self.pos += 1;
            let (items, comma) = self.seq(")")?;
            if items.len() == 1 && !comma {
                return Ok(items.into_iter().next().unwrap());
            }
            return Ok(tuple::new_tuple(vm, items).unwrap());
        }
        if c == '[' {
            self.pos += 1;
            let (items, _) = self.seq("]")?;
            return Ok(list::new_list(vm, items).unwrap());
        }
        if c == '{' {
            self.pos += 1;
            let d = dict::new_dict_vm(vm).unwrap();
            while !self.eat("}") {
                let k = self.expr()?;
                assert!(self.eat(":"));
                let v = self.expr()?;
                self.py(dict::set_item(vm, &d, k, v).map(|_| none::none()))?;
                self.eat(",");
            }
            return Ok(d);
        }
        if c.is_ascii_digit()
            || (c == '-'
                && self
                    .src
                    .get(self.pos + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.'))
            || c == '.'
        {
            return Ok(self.number());
        }
        let n = self.name();
        assert!(
            !n.is_empty(),
            "cannot parse at {}: {:?}",
            self.pos,
            self.src.iter().collect::<String>()
        );
        match n.as_str() {
            "None" => Ok(none::none()),
            "True" => Ok(arenapy::objects::boolobj::new_bool(true)),
            "False" => Ok(arenapy::objects::boolobj::new_bool(false)),
            _ => Ok(dict::get_str(vm, &vm.builtins, &n)
                .unwrap()
                .unwrap_or_else(|| panic!("no builtin {n}"))),
        }
    }

    fn number(&mut self) -> ObjRef {
        let vm = self.vm;
        let mut s = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        {
            if (c == '-' || c == '+') && !s.is_empty() && !s.ends_with(['e', 'E']) {
                break;
            }
            s.push(c);
            self.pos += 1;
        }
        if let Some(im) = s.strip_suffix('j').and_then(|s| s.strip_prefix('-')) {
            // `-1j` is `-(1j)`: both parts negated.
            return complex::new_complex(vm, -0.0, -im.parse::<f64>().unwrap()).unwrap();
        }
        if let Some(im) = s.strip_suffix('j') {
            return complex::new_complex(vm, 0.0, im.parse().unwrap()).unwrap();
        }
        if s.contains(['.', 'e']) && !s.starts_with("0x") {
            return float::new_float(vm, s.parse().unwrap()).unwrap();
        }
        let text = pystr::new_str_vm(vm, &s).unwrap();
        int::to_int(vm, &text).unwrap_or_else(|_| {
            let (base, digits) = (16, s.trim_start_matches("0x"));
            int::new_bigint(
                vm,
                &num_bigint::BigInt::parse_bytes(digits.as_bytes(), base).unwrap(),
            )
            .unwrap()
        })
    }

    fn string(&mut self, quote: char) -> String {
        self.pos += 1;
        let mut s = String::new();
        loop {
            let c = self.peek().expect("unterminated string");
            self.pos += 1;
            if c == quote {
                return s;
            }
            if c != '\\' {
                s.push(c);
                continue;
            }
            let e = self.peek().unwrap();
            self.pos += 1;
            match e {
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'r' => s.push('\r'),
                '0' => s.push('\0'),
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = self.src[self.pos..self.pos + n].iter().collect();
                    self.pos += n;
                    s.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                other => s.push(other),
            }
        }
    }
}

struct PyResultErr(arenapy::vm::PyErr);

fn describe(vm: &Vm, r: Result<ObjRef, PyResultErr>) -> String {
    match r {
        Ok(v) => ops::repr_string(vm, &v).unwrap_or_else(|e| describe(vm, Err(PyResultErr(e)))),
        Err(PyResultErr(e)) => {
            let name = e.exc.ob_type().name().to_string();
            let msg = exceptions::exc_str_text(vm, &e.exc).unwrap_or_default();
            format!("!! {name}: {msg}")
        }
    }
}

fn run_file(path: &std::path::Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let i = Interpreter::new(
        Config {
            allocator: StrategyKind::Pymalloc,
            ..Config::default()
        },
        Box::new(std::io::sink()),
    )
    .unwrap();
    let vm = i.vm();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (expr, want) = line
            .split_once(" ==> ")
            .unwrap_or_else(|| panic!("bad line {line}"));
        let mut e = Eval {
            vm,
            src: expr.chars().collect(),
            pos: 0,
        };
        let got = describe(vm, e.expr());
        assert_eq!(e.pos, e.src.len(), "trailing text in {expr}");
        n += 1;
        if got != want {
            failures.push(format!("{expr}\n   want: {want}\n    got: {got}"));
        }
    }
    let _ = list::new_list;
    assert_eq!(
        i.shutdown().live_blocks,
        0,
        "{}: blocks leaked",
        path.display()
    );
    (n, failures)
}

#[test]
fn expressions_match_cpython() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/numstr");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut total = 0;
    let mut all = Vec::new();
    for f in &files {
        let (n, failures) = run_file(f);
        total += n;
        all.extend(failures);
    }
    assert!(total > 100, "only {total} cases");
    eprintln!("{total} cases checked");
    assert!(
        all.is_empty(),
        "{} of {total} cases differ from CPython:\n{}",
        all.len(),
        all.join("\n")
    );
}

mod never_panics {
    //! Arbitrary input to the parsers and formatters raises Python exceptions, never panics.

    use super::*;
    use proptest::prelude::*;

    fn with_vm(f: impl FnOnce(&Vm)) {
        let i = Interpreter::new(
            Config {
                allocator: StrategyKind::System,
                ..Config::default()
            },
            Box::new(std::io::sink()),
        )
        .unwrap();
        f(i.vm());
        assert_eq!(i.shutdown().live_blocks, 0);
    }

    fn call_method(vm: &Vm, obj: &ObjRef, name: &str, args: &[ObjRef]) {
        if let Ok(m) = ops::getattr(vm, obj, name) {
            let _ = ops::call(vm, &m, args, None);
        }
    }

    const SPEC_CHARS: &str = "<>=^+- z#0123456789,_.bcdeEfFgGnosxX%{}!ra:é";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn format_specs(spec in proptest::collection::vec(proptest::sample::select(SPEC_CHARS.chars().collect::<Vec<_>>()), 0..12), x in any::<f64>(), n in any::<i64>()) {
            let spec: String = spec.into_iter().collect();
            with_vm(|vm| {
                let values = [
                    int::new_int(vm, n).unwrap(),
                    int::new_bigint(vm, &(num_bigint::BigInt::from(n) << 70)).unwrap(),
                    float::new_float(vm, x).unwrap(),
                    complex::new_complex(vm, x, -x).unwrap(),
                    pystr::new_str_vm(vm, "héllo").unwrap(),
                    arenapy::objects::boolobj::new_bool(true),
                ];
                let spec_obj = pystr::new_str_vm(vm, &spec).unwrap();
                for v in &values {
                    let _ = arenapy::objects::format::format_value(vm, v, &spec);
                    let t = tuple::new_tuple(vm, vec![v.clone(), v.clone()]).unwrap();
                    let _ = arenapy::objects::printf::percent_format(vm, &spec.replace('{', "%"), &t);
                    call_method(vm, &spec_obj, "format", &[v.clone(), v.clone()]);
                }
            });
        }

        #[test]
        fn number_parsing(text in "[ 0-9a-zA-Z_+.()-]{0,12}|[\\PC]{0,6}", base in 0i64..40) {
            with_vm(|vm| {
                let s = pystr::new_str_vm(vm, &text).unwrap();
                let b = int::new_int(vm, base).unwrap();
                for ty in ["int", "float", "complex"] {
                    let t = dict::get_str(vm, &vm.builtins, ty).unwrap().unwrap();
                    let _ = ops::call(vm, &t, std::slice::from_ref(&s), None);
                }
                let int_t = dict::get_str(vm, &vm.builtins, "int").unwrap().unwrap();
                let _ = ops::call(vm, &int_t, &[s.clone(), b], None);
                call_method(vm, &float::new_float(vm, 0.0).unwrap(), "fromhex", &[s]);
            });
        }

        #[test]
        fn str_methods(text in "[\\PC]{0,10}", arg in "[\\PC]{0,3}", n in -20i64..20, m in -20i64..20) {
            with_vm(|vm| {
                let s = pystr::new_str_vm(vm, &text).unwrap();
                let a = pystr::new_str_vm(vm, &arg).unwrap();
                let (n, m) = (int::new_int(vm, n).unwrap(), int::new_int(vm, m).unwrap());
                for name in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith"] {
                    call_method(vm, &s, name, &[a.clone(), n.clone(), m.clone()]);
                }
                for name in ["split", "rsplit", "partition", "rpartition", "strip", "removeprefix", "center", "zfill", "expandtabs", "splitlines"] {
                    call_method(vm, &s, name, std::slice::from_ref(&a));
                    call_method(vm, &s, name, std::slice::from_ref(&n));
                    call_method(vm, &s, name, &[a.clone(), n.clone()]);
                }
                call_method(vm, &s, "replace", &[a.clone(), s.clone(), n.clone()]);
                call_method(vm, &s, "center", &[n.clone(), a.clone()]);
                for name in ["upper", "lower", "title", "capitalize", "swapcase", "casefold", "istitle", "isidentifier", "isprintable"] {
                    call_method(vm, &s, name, &[]);
                }
            });
        }
    }
}
