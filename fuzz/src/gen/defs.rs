//! Definitions and their uses: functions (defaults, `*args`, `**kw`, keyword-only,
//! positional-only, recursion, decorators), closures with `nonlocal`, generators, and classes
//! with dunder methods, properties and inheritance.

use super::Gen;

/// Signatures: the parameter list, the names the body may use, and the required positionals.
const SIGNATURES: &[(&str, &[&str], usize)] = &[
    ("a", &["a"], 1),
    ("a, b=2", &["a", "b"], 1),
    ("a, /, b=[], *args, **kw", &["a", "b", "args", "kw"], 1),
    ("*args", &["args"], 0),
    ("a, *, k=3", &["a", "k"], 1),
    ("a, b, c=None, **kw", &["a", "b", "c", "kw"], 2),
    ("", &[], 0),
];

/// Dunder methods a generated class may have; `{C}` is the class's name.
const METHODS: &[&str] = &[
    "def __repr__(self):\n    return '{C}(' + show(self.v) + ')'",
    "def __eq__(self, other):\n    return isinstance(other, {C}) and self.v == other.v",
    "def __hash__(self):\n    return len(repr(self.v))",
    "def __del__(self):\n    events.append('del {C}')",
    "def __del__(self):\n    events.append('resurrect {C}')\n    keep.append(self)",
    "def __iter__(self):\n    yield self.v\n    yield from range(2)",
    "def __len__(self):\n    return 3",
    "def __getitem__(self, i):\n    return [self.v, 1, 2][i]",
    "def __add__(self, o):\n    return {C}(self.v + getattr(o, 'v', o))",
    "def __radd__(self, o):\n    return {C}(o)",
    "def __lt__(self, o):\n    return repr(self.v) < repr(getattr(o, 'v', o))",
    "def __bool__(self):\n    return bool(self.v)",
    "def __contains__(self, x):\n    return x == self.v",
    "def __call__(self, *a, **k):\n    return (self.v, a, sorted(k))",
    "def __getattr__(self, name):\n    if name.startswith('dyn'):\n        return name\n    raise AttributeError(name)",
    "@property\ndef prop(self):\n    return self.v",
    "@classmethod\ndef make(cls, *a):\n    return cls(a)",
    "@staticmethod\ndef helper(x=1):\n    return x * 2",
    "def __format__(self, spec):\n    return '{C}<' + spec + '>'",
    "def __str__(self):\n    return 'str {C}'",
    "def __enter__(self):\n    return self\ndef __exit__(self, *exc):\n    events.append('exit {C}')",
    "def __init_subclass__(cls, **kw):\n    events.append('subclass ' + cls.__name__)",
    "def __setattr__(self, name, value):\n    object.__setattr__(self, name, value)",
    "__slots__ = ('v', 'other', 'me', '__dict__', '__weakref__')",
];

/// What a class may derive from (besides the classes already generated).
const BASES: &[&str] = &[
    "",
    "object",
    "Exception",
    "list",
    "dict",
    "int",
    "str",
    "tuple",
];

impl Gen {
    fn push_params(&mut self, names: &[&str]) -> usize {
        let before = self.vars.len();
        self.vars.extend(names.iter().map(|s| s.to_string()));
        before
    }

    pub(super) fn function_def(&mut self) {
        let name = self.fresh_name("f");
        let (params, names, required) = SIGNATURES[self.below(SIGNATURES.len())];
        let recursive = self.chance(0.2);
        let decorated = self.chance(0.15);
        if decorated {
            self.line("def deco(fn):");
            self.line("    def wrapper(*a, **k):");
            self.line("        events.append('call ' + fn.__name__)");
            self.line("        return fn(*a, **k)");
            self.line("    return wrapper");
            self.line("@deco");
        }
        let params = if !recursive {
            params.to_string()
        } else if let Some(i) = params.find(", **kw") {
            format!("{}, depth=3{}", &params[..i], &params[i..])
        } else if params.is_empty() {
            "depth=3".to_string()
        } else {
            format!("{params}, depth=3")
        };
        let saved = (self.in_func, self.in_loop);
        self.block(&format!("def {name}({params}):"), |g| {
            g.in_func = true;
            g.in_loop = false;
            let before = g.push_params(names);
            if recursive {
                g.block("if depth > 0:", |g| {
                    let args: Vec<&str> = names.iter().take(required).copied().collect();
                    let sep = if args.is_empty() { "" } else { ", " };
                    g.line(&format!(
                        "return [{name}({}{sep}depth=depth - 1)]",
                        args.join(", ")
                    ));
                });
            }
            for _ in 0..1 + g.below(3) {
                g.inner_statement();
            }
            let e = g.expr(2);
            g.line(&format!("return {e}"));
            g.vars.truncate(before);
        });
        (self.in_func, self.in_loop) = saved;
        self.funcs.push((name.clone(), required));
        for _ in 0..1 + self.below(2) {
            let call = self.user_call_of(&name, required);
            self.guarded_print(&[], &call);
        }
    }

    fn user_call_of(&mut self, name: &str, n: usize) -> String {
        let args: Vec<String> = (0..n).map(|_| self.expr(2)).collect();
        format!("{name}({})", args.join(", "))
    }

    pub(super) fn closure_def(&mut self) {
        let mk = self.fresh_name("mk");
        let c = self.fresh_name("v");
        let t = self.next_tag();
        let step = self.expr(1);
        self.block(&format!("def {mk}(start):"), |g| {
            g.line("count = start");
            g.line("seen = []");
            g.block("def inc(step=1):", |g| {
                g.line("nonlocal count");
                g.line("count = count + step");
                g.line("seen.append(count)");
                g.line("return count");
            });
            g.line("inc.seen = seen");
            g.line("return inc");
        });
        let start = self.expr(2);
        self.block("try:", |g| {
            g.line(&format!("{c} = {mk}({start})"));
            g.line(&format!("print({t}, show({c}()), show({c}({step})))"));
            g.line(&format!(
                "print({t}, show({c}.seen), {c}.__closure__ is not None)"
            ));
            g.line(&format!(
                "print({t}, [f() for f in [lambda i=i: i * 2 for i in range(3)]])"
            ));
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, type(e).__name__)"));
        });
        // `c` is not offered to later expressions: `str()` of a function shows its address.
    }

    pub(super) fn generator_def(&mut self) {
        let name = self.fresh_name("gen");
        let t = self.next_tag();
        let saved = (self.in_func, self.in_loop);
        self.block(&format!("def {name}(n, extra=()):"), |g| {
            g.in_func = true;
            g.in_loop = false;
            g.block("try:", |g| {
                g.block("for i in range(n):", |g| {
                    g.line("got = yield i * 2");
                    g.block("if got is not None:", |g| {
                        g.line("events.append('sent ' + repr(got))");
                    });
                });
                g.line("yield from extra");
                g.line("return 'done'");
            });
            g.block("finally:", |g| g.line("events.append('gen finally')"));
        });
        (self.in_func, self.in_loop) = saved;
        let extra = self.expr(2);
        let n = self.pick(&["0", "1", "3", "5"]);
        self.block("try:", |g| {
            g.line(&format!("g = {name}({n}, {extra})"));
            match g.below(4) {
                0 => g.line(&format!("print({t}, show(list(g)))")),
                1 => {
                    g.line(&format!("print({t}, next(g), g.send('x'))"));
                    g.line(&format!("print({t}, show(list(g)))"));
                }
                2 => {
                    g.line(&format!("print({t}, next(g))"));
                    g.line("g.close()");
                    g.line(&format!("print({t}, show(list(g)))"));
                }
                _ => {
                    g.line(&format!("print({t}, next(g))"));
                    g.line(&format!("print({t}, g.throw(ValueError('thrown')))"));
                }
            }
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, type(e).__name__, show(e.args))"));
        });
        let c = self.expr(1);
        let x = self.fresh_name("c");
        self.guarded_print(&[], &format!("sum(1 for {x} in {name}(4, {c}))"));
    }

    /// Defines a context-manager class and returns its name.
    pub(super) fn context_manager_class(&mut self) -> String {
        let cm = self.fresh_name("Cm");
        self.block(&format!("class {cm}:"), |g| {
            g.block("def __init__(self, name, swallow):", |g| {
                g.line("self.name = name");
                g.line("self.swallow = swallow");
            });
            g.block("def __enter__(self):", |g| {
                g.line("print('enter', self.name)");
                g.line("return self.name");
            });
            g.block("def __exit__(self, t, v, tb):", |g| {
                g.line("print('exit', self.name, t.__name__ if t else None)");
                g.line("return self.swallow");
            });
        });
        cm
    }

    pub(super) fn class_def(&mut self) {
        let name = self.fresh_name("C");
        let t = self.next_tag();
        let base = if !self.classes.is_empty() && self.chance(0.4) {
            let i = self.below(self.classes.len());
            self.classes[i].clone()
        } else {
            self.pick(BASES).to_string()
        };
        let second = if !self.classes.is_empty() && self.chance(0.1) {
            let i = self.below(self.classes.len());
            format!(", {}", self.classes[i])
        } else {
            String::new()
        };
        let head = if base.is_empty() {
            format!("class {name}:")
        } else {
            format!("class {name}({base}{second}):")
        };
        // Always a `__repr__`: the default one shows the address, which `str()` exposes.
        let mut methods: Vec<&str> = vec![METHODS[0]];
        for _ in 0..2 + self.below(7) {
            let m = METHODS[self.below(METHODS.len())];
            if !methods.contains(&m) {
                methods.push(m);
            }
        }
        let attr = self.expr(1);
        let saved = (self.in_func, self.in_loop);
        self.in_func = false;
        self.in_loop = false;
        self.block("try:", |g| {
            g.block(&head, |g| {
                g.line(&format!("kind = {attr}"));
                g.block("def __init__(self, v=0):", |g| {
                    g.line("self.v = v");
                });
                for m in &methods {
                    for l in m.replace("{C}", &name).lines() {
                        g.line(l);
                    }
                }
                if g.chance(0.3) {
                    g.block("def describe(self):", |g| {
                        g.line(&format!("return ('{name}', super().__repr__()[:20])"));
                    });
                }
            });
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'class', type(e).__name__)"));
        });
        (self.in_func, self.in_loop) = saved;
        self.classes.push(name.clone());
        self.class_uses(&name);
    }

    fn class_uses(&mut self, name: &str) {
        let o = self.fresh_name("o");
        let v = self.expr(2);
        self.guarded_bind(&[format!("{o} = {name}({v})")], &o, Some(&o));
        self.vars.push(o.clone());
        let uses = [
            "{o} == {C}({o}.v)",
            "len({o})",
            "list({o})",
            "{o} + 1",
            "1 + {o}",
            "sorted([{o}, {C}(1), {C}(-1)])",
            "{{{o}, {o}, {C}(2)}}",
            "f'{{{o}}}|{{{o}:>4}}'",
            "str({o})",
            "{o}.prop",
            "{o}.dynamic",
            "{o}(1, k=2)",
            "1 in {o}",
            "{o}[0]",
            "bool({o})",
            "{C}.make(1, 2)",
            "{C}.helper()",
            "{o}.describe()",
            "{C}.__mro__",
            "[type({o}).__name__, isinstance({o}, {C})]",
        ];
        for _ in 0..2 + self.below(4) {
            let u = uses[self.below(uses.len())]
                .replace("{o}", &o)
                .replace("{C}", name)
                .replace("{{", "{")
                .replace("}}", "}");
            self.guarded_print(&[], &u);
        }
        if self.chance(0.4) {
            let t = self.next_tag();
            self.block("try:", |g| {
                g.line(&format!("del {o}"));
                g.line(&format!("print({t}, 'deleted', sorted(events))"));
            });
            self.block("except Exception as e:", |g| {
                g.line(&format!("print({t}, type(e).__name__)"));
            });
            self.vars.retain(|x| x != &o);
        }
    }
}
