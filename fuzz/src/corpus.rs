//! The programs mutations start from: the project's test programs and examples, and CPython's
//! standard-library sources found at run time (never copied into the repository).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a seed program came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `tests/programs`, `tests/gc_stress` or `examples` of this repository.
    Project,
    /// CPython's standard library.
    Stdlib,
}

/// Seed programs for mutation, sorted by path so a seed picks the same file everywhere.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The project's programs.
    pub project: Vec<PathBuf>,
    /// Standard-library modules (without tests, GUI and packaging helpers).
    pub stdlib: Vec<PathBuf>,
}

/// Standard-library folders whose files are skipped: tests, GUI toolkits, installers, and
/// modules that act on the machine when run.
const SKIP_DIRS: &[&str] = &[
    "test",
    "tests",
    "idlelib",
    "tkinter",
    "turtledemo",
    "site-packages",
    "dist-packages",
    "lib2to3",
    "ensurepip",
    "venv",
    "__pycache__",
    "__phello__",
    "pydoc_data",
];
const SKIP_FILES: &[&str] = &["antigravity.py", "turtle.py", "this.py", "webbrowser.py"];

/// Files bigger than this are left out: they take long to run and compile.
const MAX_STDLIB_BYTES: u64 = 60_000;

impl Corpus {
    /// The project's programs under `root`, and the standard library of `python3` if found.
    pub fn load(root: &Path, python: Option<&str>) -> Corpus {
        let mut project = Vec::new();
        for dir in ["tests/programs", "tests/gc_stress", "examples"] {
            project.extend(py_files(&root.join(dir)));
        }
        project.sort();
        let mut stdlib = Vec::new();
        if let Some(dir) = python.and_then(stdlib_dir) {
            collect_stdlib(&dir, &mut stdlib);
        }
        stdlib.sort();
        Corpus { project, stdlib }
    }

    /// Whether there is nothing to mutate.
    pub fn is_empty(&self) -> bool {
        self.project.is_empty() && self.stdlib.is_empty()
    }

    /// The `n`th file of one origin (modulo its size), if that origin has any.
    pub fn pick(&self, origin: Origin, n: usize) -> Option<&Path> {
        let list = match origin {
            Origin::Project => &self.project,
            Origin::Stdlib => &self.stdlib,
        };
        (!list.is_empty()).then(|| list[n % list.len()].as_path())
    }
}

/// Reads a seed program; standard-library modules lose their `if __name__ == '__main__':`
/// block, which would run a command-line tool.
pub fn read_seed(path: &Path, origin: Origin) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(match origin {
        Origin::Project => text,
        Origin::Stdlib => without_main_block(&text),
    })
}

/// The source without a top-level `if __name__ == "__main__":` block.
pub fn without_main_block(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("if __name__ ==") {
            skipping = true;
            continue;
        }
        if skipping && (line.is_empty() || line.starts_with([' ', '\t', '#'])) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect()
}

/// CPython's standard-library folder, as `sysconfig` reports it.
fn stdlib_dir(python: &str) -> Option<PathBuf> {
    let out = Command::new(python)
        .args([
            "-S",
            "-c",
            "import sysconfig;print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !dir.is_empty()).then(|| PathBuf::from(dir))
}

fn collect_stdlib(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) && !name.starts_with("config-") {
                collect_stdlib(&path, out);
            }
        } else if name.ends_with(".py")
            && !SKIP_FILES.contains(&name.as_str())
            && meta.len() <= MAX_STDLIB_BYTES
        {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_block_is_cut() {
        let src = "import sys\ndef f():\n    pass\n\nif __name__ == '__main__':\n    f()\n\n    sys.exit(3)\nx = 1\n";
        assert_eq!(
            without_main_block(src),
            "import sys\ndef f():\n    pass\n\nx = 1\n"
        );
    }

    #[test]
    fn the_project_programs_are_found() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let c = Corpus::load(&root, None);
        assert!(c.project.len() > 20, "{:?}", c.project);
        assert!(c.stdlib.is_empty());
    }
}
