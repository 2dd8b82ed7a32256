//! Statements that are not definitions: assignments, loops, `try`, `with`, `match`, `del`,
//! `global`, reference cycles and weak references, deep nesting.

use super::Gen;

impl Gen {
    pub(super) fn assign_stmt(&mut self) {
        let name = self.fresh_name("v");
        let e = self.expr(3);
        match self.below(8) {
            0 => {
                let rest = self.fresh_name("v");
                let setup = vec![format!("{name}, *{rest} = {e}")];
                let both = format!("{name}, {rest}");
                self.guarded_bind(&setup, &format!("({both})"), Some(&both));
                self.vars.push(rest);
            }
            1 => self.guarded_bind(&[], &format!("({name} := {e})"), Some(&name)),
            _ => {
                let setup = vec![format!("{name} = {e}")];
                self.guarded_bind(&setup, &name, Some(&name));
            }
        }
        self.vars.push(name);
    }

    pub(super) fn aug_assign_stmt(&mut self) {
        if self.vars.is_empty() {
            return self.assign_stmt();
        }
        let i = self.below(self.vars.len());
        let v = self.vars[i].clone();
        let op = self.pick(&["+=", "-=", "*=", "//=", "%=", "|=", "&=", "^=", "<<="]);
        let rhs = if op == "*=" || op == "<<=" {
            self.pick(&["0", "1", "2", "3", "-1"]).to_string()
        } else {
            self.expr(2)
        };
        let setup = vec![format!("{v} {op} {rhs}")];
        self.guarded_print(&setup, &v);
    }

    /// A container mutation or a call whose value is printed.
    pub(super) fn call_stmt(&mut self) {
        if !self.vars.is_empty() && self.chance(0.5) {
            let i = self.below(self.vars.len());
            let v = self.vars[i].clone();
            let e = self.expr(2);
            let m = match self.below(9) {
                0 => format!("{v}.append({e})"),
                1 => format!("{v}.extend({v})"),
                2 => format!("{v}.sort()"),
                3 => format!("{v}[1:2] = [{e}, {e}]"),
                4 => format!("{v}.update({{'u': {e}}})"),
                5 => format!("{v}.insert(-1, {e})"),
                6 => format!("{v}.add({e})"),
                7 => format!("{v}.reverse()"),
                _ => format!("{v}[0] = {e}"),
            };
            self.guarded_print(&[m], &v);
        } else {
            let e = self.expr(3);
            self.guarded_print(&[], &e);
        }
    }

    pub(super) fn format_stmt(&mut self) {
        let e = self.formatting();
        self.guarded_print(&[], &e);
    }

    pub(super) fn try_stmt(&mut self) {
        let t = self.next_tag();
        let exc = self.pick(&[
            "ValueError",
            "TypeError",
            "KeyError",
            "ZeroDivisionError",
            "RuntimeError",
            "StopIteration",
            "AssertionError",
        ]);
        let caught = self.pick(&[
            "ValueError",
            "(TypeError, KeyError)",
            "LookupError",
            "Exception",
        ]);
        let style = self.below(5);
        self.block("try:", |g| {
            g.block("try:", |g| {
                g.inner_statement();
                let arg = g.expr(1);
                match style {
                    0 => g.line(&format!("raise {exc}({arg})")),
                    1 => g.line(&format!("raise {exc}({arg}) from ValueError('cause')")),
                    2 => g.line(&format!("assert {arg}, 'assert message'")),
                    _ => g.inner_statement(),
                }
            });
            if style == 4 {
                g.block("except* ValueError as eg:", |g| {
                    g.line(&format!("print({t}, 'star', len(eg.exceptions))"));
                });
            } else {
                g.block(&format!("except {caught} as e:"), |g| {
                    g.line(&format!(
                        "print({t}, 'caught', type(e).__name__, show(e.args))"
                    ));
                    if g.chance(0.3) {
                        g.line("raise");
                    } else if g.chance(0.2) {
                        g.line("raise RuntimeError('again')");
                    }
                });
                g.block("else:", |g| g.line(&format!("print({t}, 'else')")));
            }
            g.block("finally:", |g| {
                g.line(&format!("print({t}, 'finally')"));
                if g.in_loop && g.chance(0.1) {
                    g.line("continue");
                }
            });
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!(
                "print({t}, 'outer', type(e).__name__, type(e.__context__).__name__)"
            ));
        });
    }

    pub(super) fn with_stmt(&mut self) {
        let cm = self.context_manager_class();
        let t = self.next_tag();
        let swallow = self.pick(&["True", "False"]);
        let two = self.chance(0.4);
        self.block("try:", |g| {
            let head = if two {
                format!("with {cm}('a', {swallow}) as x, {cm}('b', False) as y:")
            } else {
                format!("with {cm}('a', {swallow}) as x:")
            };
            g.block(&head, |g| {
                g.line(&format!("print({t}, 'inside', x)"));
                g.inner_statement();
                if g.chance(0.4) {
                    g.line("raise KeyError('in with')");
                }
            });
            g.line(&format!("print({t}, 'after with')"));
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'with raised', type(e).__name__)"));
        });
    }

    pub(super) fn loop_stmt(&mut self) {
        let t = self.next_tag();
        let was = self.in_loop;
        let i = self.fresh_name("i");
        let x = self.fresh_name("x");
        let it = self.expr(2);
        self.block("try:", |g| {
            if g.chance(0.7) {
                g.block(&format!("for {i}, {x} in zip(range(6), {it}):"), |g| {
                    g.in_loop = true;
                    g.vars.push(x.clone());
                    g.line(&format!("print({t}, {i}, show({x}))"));
                    for _ in 0..1 + g.below(2) {
                        g.inner_statement();
                    }
                    g.vars.pop();
                });
            } else {
                g.line(&format!("{i} = 0"));
                g.block(&format!("while {i} < 5:"), |g| {
                    g.in_loop = true;
                    g.line(&format!("{i} += 1"));
                    g.inner_statement();
                });
            }
            g.in_loop = was;
            g.block("else:", |g| g.line(&format!("print({t}, 'no break')")));
        });
        self.in_loop = was;
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'loop', type(e).__name__)"));
        });
    }

    /// Reference cycles through lists, dicts, instances and closures, then a collection.
    pub(super) fn cycle_stmt(&mut self) {
        let t = self.next_tag();
        let cls = if self.classes.is_empty() {
            None
        } else {
            let i = self.below(self.classes.len());
            Some(self.classes[i].clone())
        };
        let kind = self.below(4);
        self.block("try:", |g| {
            match (kind, &cls) {
                (0, _) | (_, None) => {
                    g.line("a = []");
                    g.line("b = {'a': a}");
                    g.line("a.append(b)");
                    g.line("a.append(a)");
                }
                (1, Some(c)) => {
                    g.line(&format!("a = {c}(1)"));
                    g.line(&format!("b = {c}(a)"));
                    g.line("a.other = b");
                    g.line("b.me = [b, {'x': a}]");
                }
                (2, _) => {
                    g.line("def outer():");
                    g.line("    def inner():");
                    g.line("        return inner");
                    g.line("    return inner");
                    g.line("a = outer()");
                    g.line("b = [a, a.__code__]");
                }
                (_, Some(c)) => {
                    g.line(&format!("a = {c}([])"));
                    g.line("b = sys.exc_info()");
                    g.line("a.v.append(a)");
                    g.line("a.v.append(lambda: a)");
                }
            }
            g.line("del a, b");
            g.line("gc.collect()");
            g.line(&format!("print({t}, 'cycle gone')"));
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'cycle', type(e).__name__)"));
        });
        if self.chance(0.5) {
            self.line("flush()");
        }
    }

    pub(super) fn weakref_stmt(&mut self) {
        let t = self.next_tag();
        let target = match self.classes.clone().as_slice() {
            [] => "set([1, 2])".to_string(),
            cs => {
                let i = self.below(cs.len());
                format!("{}({})", cs[i], self.expr(1))
            }
        };
        let kind = self.below(4);
        self.block("try:", |g| {
            g.line(&format!("o = {target}"));
            match kind {
                0 => {
                    g.line("r = weakref.ref(o, lambda w: events.append('wr callback'))");
                    g.line(&format!("print({t}, r() is o)"));
                    g.line("del o");
                    g.line("gc.collect()");
                    g.line(&format!("print({t}, r() is None)"));
                }
                1 => {
                    g.line("d = weakref.WeakValueDictionary()");
                    g.line("d['k'] = o");
                    g.line(&format!("print({t}, len(d))"));
                    g.line("del o");
                    g.line("gc.collect()");
                    g.line(&format!("print({t}, len(d))"));
                }
                2 => {
                    g.line("f = weakref.finalize(o, events.append, 'finalized')");
                    g.line(&format!("print({t}, f.alive)"));
                    g.line("del o");
                    g.line("gc.collect()");
                    g.line(&format!("print({t}, f.alive)"));
                }
                _ => {
                    g.line("p = weakref.proxy(o)");
                    g.line(&format!("print({t}, show(repr(p) == repr(o)))"));
                    g.line("del o");
                    g.line("gc.collect()");
                    g.line(&format!("print({t}, show(len(str(p))))"));
                }
            }
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'weakref', type(e).__name__)"));
        });
    }

    pub(super) fn del_stmt(&mut self) {
        if self.vars.is_empty() {
            return self.assign_stmt();
        }
        let i = self.below(self.vars.len());
        let v = self.vars[i].clone();
        let t = self.next_tag();
        let target = self
            .pick(&["{v}", "{v}[0]", "{v}[1:]", "{v}[::2]", "{v}.v", "{v}['k']"])
            .replace("{v}", &v);
        self.block("try:", |g| {
            g.line(&format!("del {target}"));
            g.line(&format!("print({t}, 'deleted')"));
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, type(e).__name__)"));
        });
        if target == v {
            self.vars.remove(i);
        }
    }

    pub(super) fn global_stmt(&mut self) {
        let f = self.fresh_name("g");
        let v = self.fresh_name("v");
        let e = self.expr(2);
        let was = self.in_func;
        self.block(&format!("def {f}(n):"), |g| {
            g.in_func = true;
            g.line(&format!("global {v}"));
            g.line(&format!("{v} = ({e}, n)"));
            g.line(&format!("return {v}"));
        });
        self.in_func = was;
        self.guarded_bind(&[format!("{f}(1)")], &v, Some(&v));
        self.vars.push(v);
    }

    /// Nesting deep enough to stress the parser, the compiler, repr, deallocation and the
    /// collector's traversal.
    pub(super) fn deep_nesting(&mut self) {
        let t = self.next_tag();
        match self.below(4) {
            0 => {
                let span = if self.chance(0.2) { 180 } else { 40 };
                let n = 5 + self.below(span);
                let (open, close) = match self.below(3) {
                    0 => ("[", "]"),
                    1 => ("(", ",)"),
                    _ => ("(", ")"),
                };
                let e = format!("{}1{}", open.repeat(n), close.repeat(n));
                self.guarded_print(&[], &e);
            }
            1 => {
                let n = 3 + self.below(15);
                let c = self.expr(1);
                self.block("try:", |g| {
                    for k in 0..n {
                        g.line(&format!("if {c} or {k}:"));
                        g.indent += 1;
                    }
                    g.line(&format!("print({t}, 'deep if')"));
                    g.indent -= n;
                });
                self.block("except Exception as e:", |g| {
                    g.line(&format!("print({t}, type(e).__name__)"));
                });
            }
            2 => {
                let n = [10, 1000, 100000][self.below(3)];
                let wrap = self.pick(&["[d]", "(d,)", "{'k': d}", "[d, d]"]);
                self.block("try:", |g| {
                    g.line("d = None");
                    g.line(&format!("for _ in range({n}):"));
                    g.line(&format!("    d = {wrap}"));
                    if n <= 10 {
                        g.line(&format!("print({t}, show(d))"));
                    } else {
                        g.line(&format!("print({t}, len(d))"));
                    }
                    g.line("gc.collect()");
                    g.line("del d");
                });
                self.block("except Exception as e:", |g| {
                    g.line(&format!("print({t}, type(e).__name__)"));
                });
            }
            _ => {
                let n = 2 + self.below(9);
                for k in 0..n {
                    self.line(&format!("def nest{k}(a{k}={k}):"));
                    self.indent += 1;
                }
                let sum: Vec<String> = (0..n).map(|k| format!("a{k}")).collect();
                self.line(&format!("return {}", sum.join(" + ")));
                for k in (0..n - 1).rev() {
                    self.indent -= 1;
                    self.line(&format!("return nest{}()", k + 1));
                }
                self.indent -= 1;
                self.guarded_print(&[], "nest0()");
            }
        }
    }

    pub(super) fn match_stmt(&mut self) {
        let t = self.next_tag();
        let a = self.expr(2);
        let b = self.expr(1);
        let cls = self.classes.last().cloned();
        self.block("try:", |g| {
            g.line(&format!(
                "for s in [{a}, {b}, (1, 2), [1, [2, 3]], {{'k': 1, 'z': 2}}, 'str', 5, None]:"
            ));
            g.indent += 1;
            g.block("match s:", |g| {
                g.block("case 0 | 1 | True:", |g| {
                    g.line(&format!("print({t}, 'small')"));
                });
                g.block("case int(n) if n > 3:", |g| {
                    g.line(&format!("print({t}, 'int', n)"));
                });
                g.block("case (x, y):", |g| {
                    g.line(&format!("print({t}, 'pair', show(x), show(y))"));
                });
                g.block("case [x, [y, *rest]]:", |g| {
                    g.line(&format!("print({t}, 'nested', show(rest))"));
                });
                g.block("case {'k': v, **kw}:", |g| {
                    g.line(&format!("print({t}, 'map', show(v), show(kw))"));
                });
                g.block("case str() as text:", |g| {
                    g.line(&format!("print({t}, 'str', show(text))"));
                });
                if let Some(c) = cls {
                    g.block(&format!("case {c}(v=w):"), |g| {
                        g.line(&format!("print({t}, 'class', show(w))"));
                    });
                }
                g.block("case _:", |g| {
                    g.line(&format!("print({t}, 'other', type(s).__name__)"));
                });
            });
            g.indent -= 1;
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'match', type(e).__name__)"));
        });
    }
}
