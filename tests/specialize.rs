//! The specializing interpreter seen from outside: `arenapy -m dis --adaptive FILE` and
//! `dis.dis(f, adaptive=True)` show the specialized forms after a run (CPython 3.11's names),
//! `co_code` stays unspecialized, and `-X specialization_stats` reports hits at exit.

use std::path::PathBuf;
use std::process::Command;

const PROGRAM: &str = r#"
import math


class C:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


class D:
    def __init__(self, v):
        vars(self)  # asked for: this instance keeps its attributes in a dict
        self.u = v

    def get(self):
        return self.u


class S:
    __slots__ = ("w",)


def work(n):
    t = 0
    s = S()
    for i in range(n):
        c = C(i)
        d = D(i)
        s.w = i
        t += c.get() + d.get() + len("ab") + s.w + math.floor(0.5)
    return t


print(work(200))
"#;

fn script(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arenapy-specialize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn arenapy(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args(args)
        .output()
        .expect("arenapy runs");
    assert!(out.status.success(), "{out:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dis_adaptive_shows_the_specialized_forms() {
    let path = script("dis_adaptive.py", PROGRAM);
    let (out, _) = arenapy(&["-m", "dis", "--adaptive", path.to_str().unwrap()]);
    assert!(out.starts_with("60100\n"), "the program ran first: {out}");
    for name in [
        "LOAD_GLOBAL_MODULE",
        "LOAD_GLOBAL_BUILTIN",
        "LOAD_ATTR_WITH_HINT",
        "LOAD_ATTR_INSTANCE_VALUE",
        "LOAD_ATTR_SLOT",
        "LOAD_METHOD_WITH_DICT",
        "LOAD_METHOD_WITH_VALUES",
        "LOAD_METHOD_MODULE",
        "STORE_ATTR_WITH_HINT",
        "STORE_ATTR_INSTANCE_VALUE",
        "STORE_ATTR_SLOT",
    ] {
        assert!(out.contains(name), "{name} missing from:\n{out}");
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn dis_with_adaptive_reads_co_code_adaptive() {
    let text = format!(
        "{PROGRAM}\nimport dis\n\
         dis.dis(work, adaptive=True)\n\
         print('plain', work.__code__.co_code == work.__code__._co_code_adaptive)\n\
         print('same length', len(work.__code__.co_code) == len(work.__code__._co_code_adaptive))\n\
         dis.dis(work)\n"
    );
    let path = script("dis_call.py", &text);
    let (out, _) = arenapy(&[path.to_str().unwrap()]);
    let (adaptive, plain) = out
        .split_once("plain False\nsame length True\n")
        .expect(&out);
    assert!(adaptive.contains("LOAD_ATTR_SLOT"), "{adaptive}");
    assert!(!plain.contains("LOAD_ATTR_SLOT") && plain.contains("LOAD_ATTR "));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn stats_count_hits() {
    let path = script("stats.py", PROGRAM);
    let (_, err) = arenapy(&["-X", "specialization_stats", path.to_str().unwrap()]);
    assert!(err.starts_with("specialization stats:\n"), "{err}");
    let hits = |family: &str| -> u64 {
        let line = err
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{family}: hits")))
            .unwrap_or_else(|| panic!("{family} missing: {err}"));
        line.split_whitespace()
            .nth(2)
            .unwrap()
            .trim_end_matches(',')
            .parse()
            .unwrap()
    };
    for family in ["LOAD_GLOBAL", "LOAD_ATTR", "LOAD_METHOD", "STORE_ATTR"] {
        assert!(hits(family) > 100, "{family}: {err}");
    }
    std::fs::remove_file(&path).unwrap();
}

const CALLS: &str = r#"
def add(a, b):
    return a + b


def scaled(a, k=2):
    return a * k


class C:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v


def calls(n):
    c = C(1)
    bound = c.get
    out = []
    t = 0
    for i in range(n):
        t += add(i, 1) + scaled(i) + bound() + c.get()
        t += len(out) + isinstance(i, int) + abs(-i) + max(i, 1, 2)
        out.append(type(i) is int)
        t += len(str(i)) + len(tuple(out[:2])) + len("a,b".split(",")) + len("x".upper())
        t += "abc".find("c", 0) + int("0")
    return t


print(calls(200))
"#;

#[test]
fn dis_adaptive_shows_the_call_forms() {
    let path = script("dis_calls.py", CALLS);
    let (out, _) = arenapy(&["-m", "dis", "--adaptive", path.to_str().unwrap()]);
    assert!(out.starts_with("122092\n"), "the program ran first: {out}");
    for name in [
        "CALL_PY_EXACT_ARGS",
        "CALL_PY_WITH_DEFAULTS",
        "PRECALL_BOUND_METHOD",
        "PRECALL_NO_KW_LEN",
        "PRECALL_NO_KW_ISINSTANCE",
        "PRECALL_NO_KW_BUILTIN_O",
        "PRECALL_NO_KW_BUILTIN_FAST",
        "PRECALL_NO_KW_TYPE_1",
        "PRECALL_NO_KW_STR_1",
        "PRECALL_NO_KW_TUPLE_1",
        "PRECALL_NO_KW_LIST_APPEND",
        "PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS",
        "PRECALL_NO_KW_METHOD_DESCRIPTOR_O",
        "PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST",
        "PRECALL_BUILTIN_CLASS",
    ] {
        assert!(out.contains(name), "{name} missing from:\n{out}");
    }
    let (_, err) = arenapy(&["-X", "specialization_stats", path.to_str().unwrap()]);
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("CALL: hits"))
        .unwrap_or_else(|| panic!("CALL missing: {err}"));
    let hits: u64 = line
        .split_whitespace()
        .nth(2)
        .unwrap()
        .trim_end_matches(',')
        .parse()
        .unwrap();
    assert!(hits > 3000, "{line}");
    std::fs::remove_file(&path).unwrap();
}

/// CPython 3.11's superinstructions appear in `_co_code_adaptive` once the code is quickened,
/// at the first instruction of each pair, with CPython's numbers; `co_code` keeps the plain
/// opcodes, and a cold code object shows none.
#[test]
fn dis_adaptive_shows_superinstructions() {
    let text = r#"
import dis


def pairs(a, b):
    t = 0
    for i in range(3):
        x, y = a, b
        t = t + x * y + 1
        s = len("ab")
        u = a - 1
        v = 2 * b
    return t, s, u, v


def cold(a, b):
    return a + b


for _ in range(20):
    pairs(2, 3)
dis.dis(pairs, adaptive=True)
print("-- cold")
dis.dis(cold, adaptive=True)
print("-- plain")
dis.dis(pairs)
"#;
    let path = script("dis_super.py", text);
    let (out, _) = arenapy(&[path.to_str().unwrap()]);
    let (adaptive, rest) = out.split_once("-- cold\n").expect(&out);
    let (cold, plain) = rest.split_once("-- plain\n").expect(&out);
    for name in [
        "LOAD_FAST__LOAD_FAST",
        "STORE_FAST__STORE_FAST",
        "STORE_FAST__LOAD_FAST",
        "LOAD_CONST__LOAD_FAST",
        "LOAD_FAST__LOAD_CONST",
    ] {
        assert!(adaptive.contains(name), "{name} missing from:\n{adaptive}");
        assert!(!plain.contains(name), "{name} in the plain code:\n{plain}");
    }
    assert!(!cold.contains("__"), "a cold code object:\n{cold}");
    std::fs::remove_file(&path).unwrap();
}

const POLYMORPHIC: &str = r#"
class Task:
    def __init__(self, n):
        self.n = n
        self.done = 0

    def step(self):
        self.done = self.done + self.n
        return self.kind()

    def kind(self):
        return 0


class A(Task):
    def kind(self):
        return 1


class B(Task):
    pass


class C(Task):
    def kind(self):
        return 3


class D(B):
    pass


tasks = [A(1), B(2), C(3), D(4)]
t = 0
for _ in range(2000):
    for task in tasks:
        t += task.step()
print(t, [task.done for task in tasks])
"#;

#[test]
fn polymorphic_sites_hit() {
    // One instruction sees four classes: instances of the others take the short path too.
    let path = script("poly.py", POLYMORPHIC);
    let (out, err) = arenapy(&["-X", "specialization_stats", path.to_str().unwrap()]);
    assert_eq!(out, "8000 [2000, 4000, 6000, 8000]\n");
    for family in ["LOAD_ATTR", "LOAD_METHOD", "STORE_ATTR"] {
        let line = err
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{family}: hits")))
            .unwrap_or_else(|| panic!("{family} missing: {err}"));
        let num = |i: usize| -> u64 {
            line.split_whitespace()
                .nth(i)
                .unwrap()
                .trim_end_matches(',')
                .parse()
                .unwrap()
        };
        let (hits, misses) = (num(2), num(4));
        assert!(misses * 50 < hits, "{family}: {line}");
    }
    std::fs::remove_file(&path).unwrap();
}

const VALUE_FORMS: &str = r#"
import dis


def values(n, xs, d, pairs):
    t = 0
    f = 0.5
    s = ""
    for i in range(n):
        t = t + i * 2 - 1
        f = f * 1.5 - f + 0.25
        s += "x"
        d["k"] = xs[0] + xs[1] + (n, i)[1]
        if s != "y":
            t = t + d["k"]
        if f > 0.0:
            xs[1] = t
    for a, b in pairs:
        t = t - a
    for a, b, c in [[1, 2, 3]] * n:
        t = t + c
    return t, f, len(s)


for _ in range(20):
    values(60, [1, 2], {}, [(1, 2)] * 60)
dis.dis(values, adaptive=True)
print("-- plain")
dis.dis(values)
"#;

/// The value forms show under CPython 3.11's names once specialized, `co_code` keeps the
/// plain instructions, and `-X specialization_stats` counts their hits per family.
#[test]
fn dis_adaptive_shows_the_value_forms() {
    let path = script("dis_values.py", VALUE_FORMS);
    let (out, _) = arenapy(&[path.to_str().unwrap()]);
    let (adaptive, plain) = out.split_once("-- plain\n").expect(&out);
    for name in [
        "BINARY_OP_ADD_INT",
        "BINARY_OP_SUBTRACT_INT",
        "BINARY_OP_MULTIPLY_INT",
        "BINARY_OP_ADD_FLOAT",
        "BINARY_OP_SUBTRACT_FLOAT",
        "BINARY_OP_MULTIPLY_FLOAT",
        "BINARY_OP_INPLACE_ADD_UNICODE",
        "COMPARE_OP_STR_JUMP",
        "COMPARE_OP_FLOAT_JUMP",
        "BINARY_SUBSCR_LIST_INT",
        "BINARY_SUBSCR_TUPLE_INT",
        "BINARY_SUBSCR_DICT",
        "STORE_SUBSCR_LIST_INT",
        "STORE_SUBSCR_DICT",
        "UNPACK_SEQUENCE_TWO_TUPLE",
        "UNPACK_SEQUENCE_LIST",
    ] {
        assert!(adaptive.contains(name), "{name} missing from:\n{adaptive}");
        assert!(!plain.contains(name), "{name} in the plain code:\n{plain}");
    }
    // 3.11 has no specialized FOR_ITER: the 3.12 forms show as the plain instruction.
    assert!(adaptive.contains("FOR_ITER"), "{adaptive}");
    assert!(!adaptive.contains("FOR_ITER_"), "{adaptive}");
    let (_, err) = arenapy(&["-X", "specialization_stats", path.to_str().unwrap()]);
    for family in [
        "BINARY_OP",
        "COMPARE_OP",
        "BINARY_SUBSCR",
        "STORE_SUBSCR",
        "FOR_ITER",
        "UNPACK_SEQUENCE",
    ] {
        let line = err
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{family}: hits")))
            .unwrap_or_else(|| panic!("{family} missing: {err}"));
        let hits: u64 = line
            .split_whitespace()
            .nth(2)
            .unwrap()
            .trim_end_matches(',')
            .parse()
            .unwrap();
        assert!(hits > 500, "{line}");
    }
    for form in ["FOR_ITER_LIST", "FOR_ITER_RANGE", "COMPARE_OP_STR_JUMP"] {
        assert!(
            err.contains(&format!("  {form}: ")),
            "{form} missing: {err}"
        );
    }
    std::fs::remove_file(&path).unwrap();
}

const SLICES: &str = r#"
import sys


def get(c):
    return c[1:3]


def put(c, v):
    c[0:1] = v


def mixed(c, k):
    return c[k]


kind = sys.argv[1]
seq = [1, 2, 3, 4] if kind == "list" else (1, 2, 3, 4)
for i in range(3000):
    get(seq)
    put([1, 2, 3], [5] if kind == "list" else (5,))
    mixed([1, 2, 3], 1 if i < 200 else slice(0, 1))
print(get(seq))
"#;

/// A list slice runs with its `BUILD_SLICE` (no slice object), yet its subscript counts what it
/// counts when it runs alone: the same statistics for an exact list (fused) as for a tuple or
/// a tuple value (not fused).
#[test]
fn fused_slices_count_as_their_subscripts() {
    let path = script("slices.py", SLICES);
    let p = path.to_str().unwrap();
    let stats = |kind: &str| {
        let (out, err) = arenapy(&["-X", "specialization_stats", p, kind]);
        let lines: Vec<String> = err
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("BINARY_SUBSCR: "))
            .take_while(|l| !l.trim_start().starts_with("FOR_ITER: "))
            .map(str::to_owned)
            .collect();
        assert!(lines.len() >= 2, "{err}");
        (out, lines)
    };
    let (list_out, list_stats) = stats("list");
    let (tuple_out, tuple_stats) = stats("tuple");
    assert_eq!(list_out, "[2, 3]\n");
    assert_eq!(tuple_out, "(2, 3)\n");
    assert_eq!(list_stats, tuple_stats);
    assert!(list_stats[0].contains("misses 53"), "{list_stats:?}");
    assert!(list_stats[0].contains("deopts 1"), "{list_stats:?}");
    std::fs::remove_file(&path).unwrap();
}

const CLASS_METHODS: &str = r#"
class Strength:
    def __init__(self, v):
        self.v = v

    @classmethod
    def stronger(cls, a, b):
        return a.v < b.v

    @staticmethod
    def weaker(a, b):
        return a.v > b.v


def work(n):
    s, w = Strength(1), Strength(2)
    t = 0
    for _ in range(n):
        t += Strength.stronger(s, w) + Strength.weaker(s, w) + (s == w) + (s != None)
    return t


print(work(500))
"#;

/// `LOAD_METHOD` of a classmethod or staticmethod on a class specializes
/// (`LOAD_METHOD_CLASS`): no miss, no failure, every execution after the warm-up a hit.
#[test]
fn class_and_static_methods_on_a_class_hit() {
    let path = script("class_methods.py", CLASS_METHODS);
    let (out, err) = arenapy(&["-X", "specialization_stats", path.to_str().unwrap()]);
    assert_eq!(out, "1000\n");
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("LOAD_METHOD: hits"))
        .unwrap_or_else(|| panic!("LOAD_METHOD missing: {err}"));
    assert!(
        line.contains("misses 0 ") && line.contains("failed 0"),
        "{line}"
    );
    let class_hits: u64 = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("LOAD_METHOD_CLASS: "))
        .unwrap_or_else(|| panic!("LOAD_METHOD_CLASS missing: {err}"))
        .parse()
        .unwrap();
    assert!(class_hits > 900, "{err}");
    std::fs::remove_file(&path).unwrap();
}
