//! Where CPython 3.11's pure-Python standard library is: arenapy runs the `Lib/` of an
//! installed CPython, unmodified, after its own native and shipped modules on `sys.path`.
//!
//! The folder is found once per process, in order:
//! 1. `ARENAPY_STDLIB` — a folder (an empty value means "no standard library");
//! 2. `python3.11`, then `python3` if it is a 3.11, on `PATH`: its `sysconfig` stdlib path,
//!    asked once and cached in `$XDG_CACHE_HOME/arenapy/stdlib` (else `~/.cache/...`), keyed
//!    by the executable's path and modification time, so start-up reads a small file rather
//!    than starting a Python;
//! 3. the usual install locations (`/usr/lib/python3.11`, `/usr/local/lib/python3.11`,
//!    pyenv's and the macOS frameworks' folders).
//!
//! A folder counts when it holds `os.py` and `encodings/__init__.py`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The standard library in use and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StdlibDir {
    /// The folder (CPython's `Lib/`).
    pub path: PathBuf,
    /// How it was found, for `arenapy --version --verbose`.
    pub found_by: String,
}

/// The environment variable naming the folder.
pub const ENV_VAR: &str = "ARENAPY_STDLIB";

/// The standard library folder for this process (looked up on first use).
pub fn stdlib_dir() -> Option<&'static StdlibDir> {
    static DIR: OnceLock<Option<StdlibDir>> = OnceLock::new();
    DIR.get_or_init(locate).as_ref()
}

/// How to point arenapy at a standard library, for error messages.
pub const HINT: &str = "arenapy found no CPython 3.11 standard library: set ARENAPY_STDLIB to \
                        its folder (e.g. /usr/lib/python3.11, from Debian's libpython3.11-stdlib) \
                        or put python3.11 on PATH";

/// Whether `dir` looks like CPython's `Lib/`.
pub fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file() && dir.join("encodings").join("__init__.py").is_file()
}

fn locate() -> Option<StdlibDir> {
    if let Some(v) = std::env::var_os(ENV_VAR) {
        if v.is_empty() {
            return None;
        }
        let path = PathBuf::from(v);
        return is_stdlib(&path).then(|| StdlibDir {
            path,
            found_by: ENV_VAR.to_string(),
        });
    }
    for exe_name in ["python3.11", "python3"] {
        if let Some(exe) = find_on_path(exe_name) {
            if let Some(path) = ask_python(&exe) {
                return Some(StdlibDir {
                    path,
                    found_by: format!("{exe_name} on PATH ({})", exe.display()),
                });
            }
        }
    }
    known_locations().into_iter().find_map(|path| {
        is_stdlib(&path).then(|| StdlibDir {
            path,
            found_by: "a usual install location".to_string(),
        })
    })
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn known_locations() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/lib/python3.11",
        "/usr/local/lib/python3.11",
        "/opt/homebrew/opt/python@3.11/Frameworks/Python.framework/Versions/3.11/lib/python3.11",
        "/Library/Frameworks/Python.framework/Versions/3.11/lib/python3.11",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let versions = PathBuf::from(home).join(".pyenv").join("versions");
        if let Ok(entries) = std::fs::read_dir(&versions) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with("3.11"))
                .map(|e| e.path().join("lib").join("python3.11"))
                .collect();
            found.sort();
            dirs.extend(found.into_iter().rev());
        }
    }
    dirs
}

/// The cache file for the `PATH` lookup.
fn cache_file() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    Some(base.join("arenapy").join("stdlib"))
}

/// The cache key of an executable: its path and modification time.
fn exe_key(exe: &Path) -> Option<String> {
    let modified = std::fs::metadata(exe).ok()?.modified().ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(format!("{}\t{secs}", exe.display()))
}

/// The stdlib folder of the Python at `exe` if it is a 3.11 (from the cache when it knows it).
fn ask_python(exe: &Path) -> Option<PathBuf> {
    let key = exe_key(exe)?;
    let cache = cache_file();
    let cached = cache
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    for line in cached.lines() {
        if let Some(rest) = line.strip_prefix(&key) {
            let dir = rest.strip_prefix('\t')?;
            if dir.is_empty() {
                return None; // known not to be a 3.11
            }
            let dir = PathBuf::from(dir);
            if is_stdlib(&dir) {
                return Some(dir);
            }
        }
    }
    let found = query_python(exe);
    if let Some(cache) = cache {
        let entry = format!(
            "{key}\t{}\n",
            found
                .as_ref()
                .map_or(String::new(), |d| d.display().to_string())
        );
        let kept: String = cached
            .lines()
            .filter(|l| !l.starts_with(&format!("{}\t", exe.display())))
            .map(|l| format!("{l}\n"))
            .collect();
        write_atomically(&cache, &(kept + &entry));
    }
    found
}

/// Runs `exe` once to ask for its version and `sysconfig` stdlib path.
fn query_python(exe: &Path) -> Option<PathBuf> {
    let out = std::process::Command::new(exe)
        .args([
            "-S",
            "-E",
            "-c",
            "import sys, sysconfig\n\
             print(sys.version_info[:2] == (3, 11))\n\
             print(sysconfig.get_paths()['stdlib'])",
        ])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut lines = text.lines();
    if lines.next()? != "True" {
        return None;
    }
    let dir = PathBuf::from(lines.next()?);
    is_stdlib(&dir).then_some(dir)
}

/// Writes `text` to `file` through a temporary file and a rename, so that processes starting
/// at the same time never read half a cache. Failures are ignored: the cache is an optimisation.
fn write_atomically(file: &Path, text: &str) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(".stdlib.{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_os_py_is_not_a_stdlib() {
        let dir = std::env::temp_dir().join(format!("arenapy-stdlib-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("encodings")).unwrap();
        assert!(!is_stdlib(&dir));
        std::fs::write(dir.join("os.py"), "").unwrap();
        assert!(!is_stdlib(&dir));
        std::fs::write(dir.join("encodings").join("__init__.py"), "").unwrap();
        assert!(is_stdlib(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_cache_is_keyed_by_path_and_mtime() {
        let exe = std::env::current_exe().unwrap();
        let key = exe_key(&exe).unwrap();
        assert!(key.starts_with(&exe.display().to_string()));
        assert_eq!(key.split('\t').count(), 2);
    }
}
