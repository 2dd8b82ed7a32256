//! Where the standard library comes from: `ARENAPY_STDLIB`, the hint in `ModuleNotFoundError`
//! when there is none, `--version --verbose`, the order of `sys.path`, and `-m` running a
//! module of a package as `runpy` does.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("stdlib-path-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn arenapy(dir: &Path, stdlib: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_arenapy"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("PYTHONPATH")
        .env_remove("ARENAPY_ALLOCATOR");
    match stdlib {
        Some(p) => cmd.env("ARENAPY_STDLIB", p),
        None => cmd.env("ARENAPY_STDLIB", ""),
    };
    cmd.output().expect("arenapy runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

/// A stand-in standard library: a folder with `os.py`, `encodings/` and one module of ours.
fn fake_stdlib(dir: &Path) -> PathBuf {
    let lib = dir.join("lib");
    std::fs::create_dir_all(lib.join("encodings")).unwrap();
    std::fs::write(lib.join("encodings").join("__init__.py"), "").unwrap();
    std::fs::write(lib.join("os.py"), "name = 'fake os'\n").unwrap();
    std::fs::write(lib.join("difflib.py"), "WHERE = 'fake stdlib'\n").unwrap();
    lib
}

#[test]
fn the_stdlib_named_by_the_environment_goes_last_on_sys_path() {
    let dir = scratch("env");
    let lib = fake_stdlib(&dir);
    std::fs::write(
        dir.join("prog.py"),
        "import sys, difflib, os\nprint(sys.path[1:])\nprint(difflib.WHERE, os.name)\n",
    )
    .unwrap();
    let out = arenapy(&dir, Some(&lib), &["prog.py"]);
    assert_eq!(
        text(&out.stdout),
        format!("['<arenapy>', '{}']\nfake stdlib fake os\n", lib.display())
    );
}

#[test]
fn the_script_folder_and_pythonpath_come_before_the_stdlib() {
    let dir = scratch("order");
    let lib = fake_stdlib(&dir);
    let extra = dir.join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::write(extra.join("difflib.py"), "WHERE = 'PYTHONPATH'\n").unwrap();
    std::fs::write(
        dir.join("prog.py"),
        "import difflib\nprint(difflib.WHERE)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .arg("prog.py")
        .current_dir(&dir)
        .env("ARENAPY_STDLIB", &lib)
        .env("PYTHONPATH", &extra)
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), "PYTHONPATH\n");
}

#[test]
fn without_a_stdlib_a_missing_stdlib_module_says_how_to_find_one() {
    let dir = scratch("none");
    std::fs::write(dir.join("prog.py"), "import difflib\n").unwrap();
    let out = arenapy(&dir, None, &["prog.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("ModuleNotFoundError: No module named 'difflib' (arenapy found no CPython 3.11 standard library: set ARENAPY_STDLIB"),
        "{err}"
    );
    // A module that is not the standard library's gets CPython's plain message.
    std::fs::write(dir.join("prog.py"), "import no_such_module_xyz\n").unwrap();
    let err = text(&arenapy(&dir, None, &["prog.py"]).stderr);
    assert!(
        err.ends_with("ModuleNotFoundError: No module named 'no_such_module_xyz'\n"),
        "{err}"
    );
}

#[test]
fn version_verbose_names_the_stdlib_in_use() {
    let dir = scratch("version");
    let lib = fake_stdlib(&dir);
    let out = arenapy(&dir, Some(&lib), &["--version", "--verbose"]);
    let t = text(&out.stdout);
    assert!(
        t.contains(&format!(
            "standard library: {} (found by ARENAPY_STDLIB)",
            lib.display()
        )),
        "{t}"
    );
    let t = text(&arenapy(&dir, None, &["--version", "--verbose"]).stdout);
    assert!(
        t.contains("standard library: none (arenapy found no"),
        "{t}"
    );
    let t = text(&arenapy(&dir, None, &["-V"]).stdout);
    assert_eq!(
        t,
        format!("arenapy {} (Python 3.11)\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn dash_m_imports_the_package_first_and_sets_package() {
    let dir = scratch("dash_m");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(pkg.join("sub")).unwrap();
    std::fs::write(pkg.join("__init__.py"), "print('pkg init')\nVALUE = 7\n").unwrap();
    std::fs::write(pkg.join("helper.py"), "NAME = 'helper'\n").unwrap();
    std::fs::write(
        pkg.join("tool.py"),
        "from . import helper\nimport sys, pkg\n\
         print(__name__, __package__, helper.NAME, pkg.VALUE)\n\
         print(sys.argv[0].endswith('pkg/tool.py'), sys.argv[1:])\n",
    )
    .unwrap();
    std::fs::write(pkg.join("sub").join("__init__.py"), "").unwrap();
    std::fs::write(
        pkg.join("sub").join("__main__.py"),
        "print('main of', __package__)\n",
    )
    .unwrap();
    let out = arenapy(&dir, None, &["-m", "pkg.tool", "a", "b"]);
    assert_eq!(
        text(&out.stdout),
        "pkg init\n__main__ pkg helper 7\nTrue ['a', 'b']\n",
        "{}",
        text(&out.stderr)
    );
    let out = arenapy(&dir, None, &["-m", "pkg.sub"]);
    assert_eq!(text(&out.stdout), "pkg init\nmain of pkg.sub\n");
}

#[test]
fn no_test_program_shadows_a_standard_library_module() {
    // The harness runs programs from their folder, which comes first on `sys.path`: a program
    // named like a stdlib module (`numbers.py`) would replace it for every other program.
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args([
            "-c",
            "import sys\nfor n in sys.stdlib_module_names: print(n)",
        ])
        .output()
        .expect("arenapy runs");
    let names: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    assert!(names.len() > 200, "{names:?}");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".py") {
            assert!(
                !names.iter().any(|n| n == stem),
                "tests/programs/{name} shadows the standard library's {stem}"
            );
        }
    }
}

#[test]
fn compare_runs_a_stdlib_program_identically_on_every_strategy() {
    let dir = scratch("compare");
    std::fs::write(
        dir.join("prog.py"),
        "import re, dataclasses, json\n\
         @dataclasses.dataclass\n\
         class Row:\n    word: str\n    count: int\n\
         words = re.findall(r'[a-z]+', 'the cat and the hat and the bat ' * 50)\n\
         rows = [Row(w, words.count(w)) for w in sorted(set(words))]\n\
         print(json.dumps([dataclasses.asdict(r) for r in rows], sort_keys=True))\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_arenapy"))
        .args([
            "compare",
            "--allocators",
            "pymalloc,system,mimalloc,bump,typed-arena",
            "prog.py",
        ])
        .current_dir(&dir)
        .env_remove("ARENAPY_STDLIB")
        .output()
        .expect("arenapy compare runs");
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{o}\n{e}");
    for s in ["pymalloc", "system", "mimalloc", "bump", "typed-arena"] {
        assert!(o.contains(s), "{o}");
    }
    assert!(!e.contains("differ"), "{e}");
}
