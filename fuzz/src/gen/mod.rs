//! Random valid Python programs, deterministic from a seed.
//!
//! A program is a fixed preamble (`show`, which prints any value the same way under both
//! interpreters: sets sorted, addresses cut; `flush`, which collects and prints the finalizer
//! and weak-reference events gathered so far, sorted) followed by random top-level statements.
//! Every statement whose outcome may be an exception runs inside `try`/`except Exception`
//! printing the exception's type name, and every value worth seeing is printed with a numbered
//! tag, so one error does not end the program and outputs can be compared line by line.
//! Nothing printed depends on addresses, hash randomization or when the collector runs.

mod defs;
mod expr;
mod hazards;
mod stmt;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The preamble every generated program starts with.
const PREAMBLE: &str = r#"import gc, sys, weakref
events = []
keep = []
def show(x, d=0):
    if d > 6:
        return '...'
    t = type(x)
    if t is set or t is frozenset:
        return t.__name__ + '{' + ', '.join(sorted([show(y, d + 1) for y in x])[:40]) + '}'
    if t is list:
        return '[' + ', '.join([show(y, d + 1) for y in x[:40]]) + ']'
    if t is tuple:
        return '(' + ', '.join([show(y, d + 1) for y in x[:40]]) + ')'
    if t is dict:
        return '{' + ', '.join([show(k, d + 1) + ': ' + show(v, d + 1) for k, v in list(x.items())[:40]]) + '}'
    r = repr(x)
    i = r.find(' at 0x')
    if i >= 0:
        r = r[:i] + '>'
    return r[:300]
def flush():
    gc.collect()
    print('events', sorted(events))
    events.clear()
"#;

/// Generation state: the random source, the lines so far and what names exist.
pub struct Gen {
    rng: ChaCha8Rng,
    lines: Vec<String>,
    indent: usize,
    tag: u32,
    fresh: u32,
    /// Module-level variables (maybe unbound: every use is guarded).
    vars: Vec<String>,
    /// Functions defined so far, with how many positional arguments they need.
    funcs: Vec<(String, usize)>,
    /// Classes defined so far.
    classes: Vec<String>,
    /// Current statement nesting, to bound it.
    depth: u32,
    /// Inside a loop body (`break`/`continue` allowed).
    in_loop: bool,
    /// Inside a function body (`return`/`yield` allowed).
    in_func: bool,
}

/// A random program for `seed`, about `statements` top-level statements long.
pub fn generate(seed: u64, statements: usize) -> String {
    let mut g = Gen::new(seed);
    g.program(statements);
    g.finish()
}

impl Gen {
    fn new(seed: u64) -> Self {
        Gen {
            rng: ChaCha8Rng::seed_from_u64(seed),
            lines: Vec::new(),
            indent: 0,
            tag: 0,
            fresh: 0,
            vars: Vec::new(),
            funcs: Vec::new(),
            classes: Vec::new(),
            depth: 0,
            in_loop: false,
            in_func: false,
        }
    }

    fn finish(self) -> String {
        let mut s = String::from(PREAMBLE);
        for l in self.lines {
            s.push_str(&l);
            s.push('\n');
        }
        s
    }

    fn program(&mut self, statements: usize) {
        for _ in 0..statements {
            self.top_statement();
        }
        self.line("flush()");
        self.line("print('done')");
    }

    /// Appends a line at the current indentation.
    fn line(&mut self, text: &str) {
        let pad = "    ".repeat(self.indent);
        self.lines.push(format!("{pad}{text}"));
    }

    /// Runs `body` one indentation level deeper, after the header `head` (which ends in ':').
    fn block(&mut self, head: &str, body: impl FnOnce(&mut Self)) {
        self.line(head);
        self.indent += 1;
        self.depth += 1;
        let before = self.lines.len();
        body(self);
        if self.lines.len() == before {
            self.line("pass");
        }
        self.depth -= 1;
        self.indent -= 1;
    }

    fn next_tag(&mut self) -> u32 {
        self.tag += 1;
        self.tag
    }

    /// A new name with a prefix, e.g. `v12`.
    fn fresh_name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn below(&mut self, n: usize) -> usize {
        self.rng.gen_range(0..n.max(1))
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.choose(&mut self.rng).copied().unwrap_or("0")
    }

    /// An existing variable, or a literal when there is none.
    fn var_or_literal(&mut self) -> String {
        if !self.vars.is_empty() && self.chance(0.6) {
            let i = self.below(self.vars.len());
            self.vars[i].clone()
        } else {
            self.literal()
        }
    }

    /// Prints `what` under a fresh tag, guarded: the value, or the exception's type name.
    fn guarded_print(&mut self, setup: &[String], what: &str) {
        self.guarded_bind(setup, what, None);
    }

    /// As `guarded_print`; when the statements fail, `name` is bound to a literal so later
    /// uses of it do not all end in `NameError`.
    fn guarded_bind(&mut self, setup: &[String], what: &str, name: Option<&str>) {
        let tag = self.next_tag();
        let fallback = name.map(|n| {
            let values: Vec<String> = n.split(", ").map(|_| self.literal()).collect();
            format!("{n} = {}", values.join(", "))
        });
        self.block("try:", |g| {
            for s in setup {
                g.line(s);
            }
            g.line(&format!("print({tag}, show({what}))"));
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({tag}, type(e).__name__)"));
            if let Some(f) = &fallback {
                g.line(f);
            }
        });
    }

    /// One top-level statement (sometimes a whole definition with its uses).
    fn top_statement(&mut self) {
        match self.below(25) {
            0..=4 => self.assign_stmt(),
            5 => self.aug_assign_stmt(),
            6 => self.function_def(),
            7 => self.closure_def(),
            8 | 9 => self.class_def(),
            10 => self.try_stmt(),
            11 => self.with_stmt(),
            12 => self.generator_def(),
            13 => self.loop_stmt(),
            14 => self.cycle_stmt(),
            15 => self.weakref_stmt(),
            16 => self.del_stmt(),
            17 => self.global_stmt(),
            18 => self.deep_nesting(),
            19 => self.match_stmt(),
            20 => self.format_stmt(),
            21 | 22 => self.hazard_stmt(),
            _ => self.call_stmt(),
        }
        if self.chance(0.08) {
            self.line("flush()");
        }
    }

    /// A statement inside a block (functions, loops, try bodies): simpler, never a definition.
    fn inner_statement(&mut self) {
        if self.depth > 6 {
            let e = self.expr(1);
            self.line(&format!("print({}, show({e}))", self.tag));
            return;
        }
        match self.below(10) {
            0..=3 => {
                let e = self.expr(2);
                let t = self.next_tag();
                self.line(&format!("print({t}, show({e}))"));
            }
            4 => self.try_stmt(),
            5 => self.loop_stmt(),
            6 => {
                let c = self.expr(1);
                let t = self.next_tag();
                self.block(&format!("if {c}:"), |g| {
                    g.line(&format!("print({t}, 'then')"));
                });
                self.block("else:", |g| g.inner_statement());
            }
            7 if self.in_loop => {
                let kw = self.pick(&["break", "continue"]);
                let c = self.expr(1);
                self.block(&format!("if {c}:"), |g| g.line(kw));
            }
            8 if self.in_func => {
                let e = self.expr(2);
                let c = self.expr(1);
                self.block(&format!("if {c}:"), |g| g.line(&format!("return {e}")));
            }
            _ => {
                let e = self.expr(2);
                self.line(&format!("events.append(str(len(repr({e}))))"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_program() {
        assert_eq!(generate(7, 30), generate(7, 30));
        assert_ne!(generate(7, 30), generate(8, 30));
    }

    #[test]
    fn programs_are_valid_python_when_python3_is_here() {
        let dir = std::env::temp_dir().join(format!("arenapy-fuzz-gen-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut files = Vec::new();
        for seed in 0..150 {
            let p = dir.join(format!("p{seed}.py"));
            std::fs::write(&p, generate(seed, 25)).unwrap();
            files.push(p);
        }
        let check = "import sys\nfor f in sys.argv[1:]:\n    compile(open(f).read(), f, 'exec')\n";
        let out = std::process::Command::new("python3")
            .arg("-S")
            .arg("-c")
            .arg(check)
            .args(&files)
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        match out {
            Ok(o) => assert!(
                o.status.success(),
                "a generated program does not compile:\n{}",
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(_) => eprintln!("python3 not found: generated programs not compiled"),
        }
    }
}
