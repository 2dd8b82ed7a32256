//! Helpers for unit tests of the builtin types, while the compiler is not merged: an
//! interpreter per test (checked for leaks at shutdown), a reader for Python literals, and
//! calls of methods and builtins whose results print the way CPython's would (`repr`, or
//! `ExcType: message` for an exception), so expected values are pasted from `python3`.

use crate::object::ObjRef;
use crate::objects::{dict, exceptions, float, int, str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};
use crate::{Config, Interpreter, StrategyKind};

/// Runs `f` against a fresh interpreter, then checks teardown freed every block.
pub fn run(f: impl FnOnce(&Vm)) {
    let i = Interpreter::new(
        Config {
            allocator: StrategyKind::Pymalloc,
            debug_alloc: true,
            ..Config::default()
        },
        Box::new(std::io::sink()),
    )
    .expect("interpreter starts");
    f(i.vm());
    let after = i.shutdown();
    assert_eq!(after.live_blocks, 0, "blocks leaked: {after:?}");
}

/// `repr()` of a result, or `Type: message` for an exception (as `print(type(e).__name__ +
/// ':', e)` shows it).
pub fn show(vm: &Vm, r: PyResult<ObjRef>) -> String {
    match r {
        Ok(v) => ops::repr_string(vm, &v)
            .unwrap_or_else(|e| format!("<repr failed: {}>", exc_text(vm, &e.exc))),
        Err(e) => exc_text(vm, &e.exc),
    }
}

fn exc_text(vm: &Vm, exc: &ObjRef) -> String {
    let msg = exceptions::exc_str_text(vm, exc).unwrap_or_default();
    format!("{}: {}", exc.ob_type().name(), msg)
}

/// A builtin by name (function or type).
pub fn builtin(vm: &Vm, name: &str) -> ObjRef {
    dict::get_str(vm, &vm.builtins, name)
        .unwrap()
        .unwrap_or_else(|| panic!("no builtin {name}"))
}

/// Keyword names as the call protocol wants them.
fn kwnames(vm: &Vm, kw: &[(&str, ObjRef)]) -> Option<ObjRef> {
    if kw.is_empty() {
        return None;
    }
    let names = kw
        .iter()
        .map(|(k, _)| pystr::new_str_vm(vm, k).unwrap())
        .collect();
    Some(tuple::new_tuple(vm, names).unwrap())
}

/// `f(*args, **kw)`.
pub fn call_obj(vm: &Vm, f: &ObjRef, args: &[ObjRef], kw: &[(&str, ObjRef)]) -> PyResult<ObjRef> {
    let mut all = args.to_vec();
    all.extend(kw.iter().map(|(_, v)| v.clone()));
    ops::call(vm, f, &all, kwnames(vm, kw).as_ref())
}

/// `obj.name(*args, **kw)`.
pub fn call(
    vm: &Vm,
    obj: &ObjRef,
    name: &str,
    args: &[ObjRef],
    kw: &[(&str, ObjRef)],
) -> PyResult<ObjRef> {
    let m = ops::getattr(vm, obj, name)?;
    call_obj(vm, &m, args, kw)
}

/// `builtin(*args, **kw)`.
pub fn call_builtin(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: &[(&str, ObjRef)],
) -> PyResult<ObjRef> {
    call_obj(vm, &builtin(vm, name), args, kw)
}

/// Evaluates a Python literal: ints, floats, strings, bytes, `None`/`True`/`False`, lists,
/// tuples, dicts, sets, and builtin names (`len`, `set`, ...).
pub fn lit(vm: &Vm, src: &str) -> ObjRef {
    let mut p = Lit {
        s: src.as_bytes(),
        i: 0,
        vm,
    };
    let v = p.value();
    p.ws();
    assert_eq!(p.i, src.len(), "trailing text in literal {src:?}");
    v
}

struct Lit<'a> {
    s: &'a [u8],
    i: usize,
    vm: &'a Vm,
}

impl Lit<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Items up to `close`, and whether a comma followed the last one.
    fn items(&mut self, close: u8) -> (Vec<ObjRef>, bool) {
        let mut out = Vec::new();
        let mut trailing = false;
        loop {
            if self.eat(close) {
                return (out, trailing);
            }
            out.push(self.value());
            trailing = self.eat(b',');
            if !trailing {
                assert!(self.eat(close), "expected {}", close as char);
                return (out, false);
            }
        }
    }

    fn string(&mut self) -> Vec<u8> {
        let q = self.s[self.i];
        self.i += 1;
        let mut out = Vec::new();
        while self.s[self.i] != q {
            let c = self.s[self.i];
            self.i += 1;
            if c == b'\\' {
                let e = self.s[self.i];
                self.i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'x' => {
                        let h = std::str::from_utf8(&self.s[self.i..self.i + 2]).unwrap();
                        out.push(u8::from_str_radix(h, 16).unwrap());
                        self.i += 2;
                    }
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
        self.i += 1;
        out
    }

    fn value(&mut self) -> ObjRef {
        let vm = self.vm;
        self.ws();
        let c = self.s[self.i];
        match c {
            b'[' => {
                self.i += 1;
                let (items, _) = self.items(b']');
                crate::objects::list::new_list(vm, items).unwrap()
            }
            b'(' => {
                self.i += 1;
                let (items, trailing) = self.items(b')');
                if items.len() == 1 && !trailing {
                    return items.into_iter().next().unwrap();
                }
                tuple::new_tuple(vm, items).unwrap()
            }
            b'{' => {
                self.i += 1;
                if self.eat(b'}') {
                    return dict::new_dict_vm(vm).unwrap();
                }
                let first = self.value();
                if self.eat(b':') {
                    let d = dict::new_dict_vm(vm).unwrap();
                    let v = self.value();
                    dict::set_item(vm, &d, first, v).unwrap();
                    while self.eat(b',') {
                        if self.eat(b'}') {
                            return d;
                        }
                        let k = self.value();
                        assert!(self.eat(b':'));
                        let v = self.value();
                        dict::set_item(vm, &d, k, v).unwrap();
                    }
                    assert!(self.eat(b'}'));
                    return d;
                }
                let mut items = vec![first];
                if self.eat(b',') {
                    items.extend(self.items(b'}').0);
                } else {
                    assert!(self.eat(b'}'));
                }
                let l = crate::objects::list::new_list(vm, items).unwrap();
                call_builtin(vm, "set", &[l], &[]).unwrap()
            }
            b'\'' | b'"' => {
                let bytes = self.string();
                pystr::new_str_vm(vm, std::str::from_utf8(&bytes).unwrap()).unwrap()
            }
            b'b' if matches!(self.s.get(self.i + 1), Some(b'\'' | b'"')) => {
                self.i += 1;
                let bytes = self.string();
                let ints = bytes
                    .iter()
                    .map(|b| int::new_int(vm, *b as i64).unwrap())
                    .collect();
                let l = crate::objects::list::new_list(vm, ints).unwrap();
                call_builtin(vm, "bytes", &[l], &[]).unwrap()
            }
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                self.i += 1;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'.')
                {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                if text.contains('.') || text.contains('e') {
                    float::new_float(vm, text.parse().unwrap()).unwrap()
                } else {
                    int::new_bigint(vm, &text.parse().unwrap()).unwrap()
                }
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
                {
                    self.i += 1;
                }
                let name = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                let v = builtin(vm, name);
                if self.eat(b'(') {
                    let (args, _) = self.items(b')');
                    return call_obj(vm, &v, &args, &[]).unwrap();
                }
                v
            }
        }
    }
}

/// A `Write` sink whose bytes a test reads back after the interpreter is gone.
#[derive(Clone, Default)]
struct SharedOut(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("output lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs a whole program as `__main__` in a fresh interpreter and returns what it printed;
/// panics (with the traceback) if it raised, and checks teardown freed every block.
pub fn run_ok(source: &str) -> String {
    let out = SharedOut::default();
    let mut i = Interpreter::new(
        Config {
            allocator: StrategyKind::Pymalloc,
            debug_alloc: true,
            ..Config::default()
        },
        Box::new(out.clone()),
    )
    .expect("interpreter starts");
    let mut err = Vec::new();
    let outcome = i.run_source(source, "<test>", &mut err);
    let after = i.shutdown();
    assert!(
        matches!(outcome, crate::RunOutcome::Completed),
        "program failed: {}",
        String::from_utf8_lossy(&err)
    );
    assert_eq!(after.live_blocks, 0, "blocks leaked: {after:?}");
    let bytes = out.0.lock().expect("output lock").clone();
    String::from_utf8(bytes).expect("utf-8 output")
}
