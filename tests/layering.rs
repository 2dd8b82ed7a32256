//! The layering rules of ARCHITECTURE.md, checked on the source text:
//!
//! * the object core (`src/object/`) and the collector (`src/gc/`) name no builtin type but
//!   `type` and `object`, and no module of the object types, the builtin modules or the
//!   compiler: a type's behaviour reaches them through its slots and flags;
//! * the object types (`src/objects/`) do not import the compiler;
//! * `unsafe` outside `allocators/`, `src/object/` and `src/gc/` is an `unsafe impl` of the
//!   traversal contract, allowed item by item, with its `// SAFETY:` comment; the one other
//!   place is [`SYSCALL_FILE`], the C library calls `nix` has no safe wrapper for, where every
//!   `unsafe` block carries its `// SAFETY:` comment.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src(sub: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub),
        &mut out,
    );
    out.sort();
    out
}

/// The lines of a file that are code (comments and doc comments left out), numbered from 1.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).expect("readable source file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Names of static builtin types end in `_TYPE` (`LIST_TYPE`, ...) or are exception and
/// other type statics of `src/objects/`; the core may name `TYPE_TYPE` and `OBJECT_TYPE` only.
fn names_a_builtin_type(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(pos) = line[i..].find("_TYPE") {
        let start = i + pos;
        let end = start + "_TYPE".len();
        let word_end = bytes
            .get(end)
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
        let word_start = line[..start]
            .rfind(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .map_or(0, |p| p + 1);
        let word = &line[word_start..end];
        if word_end && !word.is_empty() && word != "TYPE_TYPE" && word != "OBJECT_TYPE" {
            return true;
        }
        i = end;
    }
    false
}

/// Known exceptions: one unit test uses the test runner.
const CORE_ALLOWED: &[(&str, &str)] = &[(
    "src/object/cells/byte_vec.rs",
    "crate::objects::testutil::run(",
)];

#[test]
fn object_core_and_collector_name_no_builtin_type() {
    let mut bad = Vec::new();
    for path in src("object").into_iter().chain(src("gc")) {
        let rel = relative(&path);
        for (n, line) in code_lines(&path) {
            let allowed = CORE_ALLOWED
                .iter()
                .any(|(file, text)| rel == *file && line.contains(text));
            let names_module = ["objects::", "modules::", "compiler::"]
                .iter()
                .any(|m| line.contains(m));
            if !allowed && (names_module || names_a_builtin_type(&line)) {
                bad.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the object core and the collector must reach types through slots and flags:\n{}",
        bad.join("\n")
    );
}

#[test]
fn object_types_do_not_import_the_compiler() {
    let mut bad = Vec::new();
    for path in src("objects") {
        for (n, line) in code_lines(&path) {
            if line.contains("compiler::") {
                bad.push(format!("{}:{n}: {}", relative(&path), line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "src/objects/ imports the compiler:\n{}",
        bad.join("\n")
    );
}

/// The system modules' C library calls (`write`, `fork`, `sigaction`, `poll`, ... on raw
/// descriptor numbers), each an `#[allow(unsafe_code)]` function.
const SYSCALL_FILE: &str = "src/modules/posix/ffi.rs";

/// In [`SYSCALL_FILE`], every `unsafe` block follows a `// SAFETY:` comment.
fn syscall_blocks_are_documented(path: &Path, bad: &mut Vec<String>) {
    let text = std::fs::read_to_string(path).expect("readable source file");
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("//") || !line.contains("unsafe {") {
            continue;
        }
        let mut j = i;
        let mut documented = false;
        while j > 0 && lines[j - 1].trim().starts_with("//") {
            documented |= lines[j - 1].trim().starts_with("// SAFETY:");
            j -= 1;
        }
        if !documented {
            bad.push(format!("{SYSCALL_FILE}:{}: {}", i + 1, line.trim()));
        }
    }
}

#[test]
fn unsafe_outside_the_core_is_a_documented_traverse_impl() {
    let mut bad = Vec::new();
    let all = src("");
    for path in &all {
        let rel = relative(path);
        if rel.starts_with("src/object/") || rel.starts_with("src/gc/") {
            continue;
        }
        if rel == SYSCALL_FILE {
            syscall_blocks_are_documented(path, &mut bad);
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable source file");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if t.starts_with("#![allow(unsafe_code)]") {
                bad.push(format!(
                    "{rel}:{}: unsafe allowed for a whole module",
                    i + 1
                ));
            }
            if !t.starts_with("#[allow(unsafe_code)]") {
                continue;
            }
            let mut j = i + 1;
            let mut documented = false;
            while j < lines.len() && lines[j].trim().starts_with("//") {
                documented |= lines[j].trim().starts_with("// SAFETY:");
                j += 1;
            }
            let item = lines.get(j).map_or("", |l| l.trim());
            let traverse_impl = item.starts_with("unsafe impl")
                && (item.contains("Traverse for") || item.contains("object::Traverse for"));
            if !documented || !traverse_impl {
                bad.push(format!("{rel}:{}: {}", i + 1, item));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "outside src/object and src/gc, unsafe code is only `#[allow(unsafe_code)]` + \
         `// SAFETY:` + `unsafe impl Traverse`:\n{}",
        bad.join("\n")
    );
}

#[test]
fn builtin_type_names_are_recognised() {
    assert!(names_a_builtin_type("std::ptr::eq(t, &LIST_TYPE)"));
    assert!(names_a_builtin_type("crate::objects::tuple::TUPLE_TYPE"));
    assert!(!names_a_builtin_type("ObjRef::from_type(&TYPE_TYPE)"));
    assert!(!names_a_builtin_type("base: Some(&OBJECT_TYPE),"));
    assert!(!names_a_builtin_type("let tp_type_name = 1;"));
}
