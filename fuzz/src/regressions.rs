//! The regression directory (`tests/fuzz_regressions/*.py`): minimized crashes, each with the
//! header the fuzzer writes (`# fuzz crash: SIGNATURE`, `# flags: OPTIONS`) and, while the
//! crash is not fixed, a `# status: open` line.
//!
//! Open crashes are *known*: a campaign counts them without minimizing them again, and the
//! short run in `cargo test` tolerates them. They are matched by *family* — a panic by its
//! source file rather than its line, which moves with every edit above it. Hangs and other
//! signatures without detail are never known: one open hang must not hide the others.

use crate::classify::Signature;
use std::path::{Path, PathBuf};

/// One regression program.
#[derive(Clone, Debug)]
pub struct Regression {
    /// The file.
    pub path: PathBuf,
    /// The signature it crashed with when found (`# fuzz crash:`).
    pub signature: String,
    /// arenapy's options to run it with (`# flags:`).
    pub flags: Vec<String>,
    /// Not fixed yet (`# status: open`).
    pub open: bool,
}

/// The value of a `# KEY: value` line in the comment block a file starts with.
pub fn header<'a>(source: &'a str, key: &str) -> Option<&'a str> {
    let prefix = format!("# {key}:");
    source
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .map(str::trim)
}

/// The regression programs in `dir`, sorted by name.
pub fn load(dir: &Path) -> Vec<Regression> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "py"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let source = std::fs::read_to_string(&path).ok()?;
            Some(Regression {
                signature: header(&source, "fuzz crash").unwrap_or("").to_string(),
                flags: header(&source, "flags")
                    .unwrap_or("")
                    .split_whitespace()
                    .map(String::from)
                    .collect(),
                open: header(&source, "status").is_some_and(|s| s.starts_with("open")),
                path,
            })
        })
        .collect()
}

/// The families of the open crashes in `dir`.
pub fn open_families(dir: &Path) -> Vec<String> {
    load(dir)
        .into_iter()
        .filter(|r| r.open)
        .map(|r| family(&r.signature))
        .collect()
}

/// A signature's family: the signature, with a panic's line number dropped.
pub fn family(signature: &str) -> String {
    match signature.strip_prefix("panic: ") {
        Some(loc) => {
            let file = loc.rsplit_once(':').map_or(loc, |(f, line)| {
                if line.chars().all(|c| c.is_ascii_digit()) {
                    f
                } else {
                    loc
                }
            });
            format!("panic: {file}")
        }
        None => signature.to_string(),
    }
}

/// Whether `sig` belongs to one of `families`. A signature without detail (a hang, a bare
/// abort, a leak) says nothing about which bug it is, so it is never taken as known.
pub fn is_known(sig: &Signature, families: &[String]) -> bool {
    if sig.detail.is_empty() {
        return false;
    }
    let f = family(&sig.to_string());
    families.contains(&f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_ignore_panic_lines() {
        assert_eq!(
            family("panic: src/objects/format.rs:402"),
            "panic: src/objects/format.rs"
        );
        assert_eq!(family("hang"), "hang");
        assert_eq!(
            family("signal: signal 11 (SIGSEGV)"),
            "signal: signal 11 (SIGSEGV)"
        );
    }

    #[test]
    fn only_detailed_signatures_are_known() {
        use crate::classify::CrashClass;
        let families = vec!["hang".to_string(), "panic: src/a.rs".to_string()];
        let hang = Signature {
            class: CrashClass::Hang,
            detail: String::new(),
        };
        let panic = Signature {
            class: CrashClass::Panic,
            detail: "src/a.rs:7".into(),
        };
        assert!(!is_known(&hang, &families));
        assert!(is_known(&panic, &families));
    }

    #[test]
    fn headers_are_read_from_the_leading_comments() {
        let src =
            "# fuzz crash: hang\n# flags: --gc-stress 3\n# status: open\nx = 1\n# flags: no\n";
        assert_eq!(header(src, "flags"), Some("--gc-stress 3"));
        assert_eq!(header(src, "status"), Some("open"));
        assert_eq!(header(src, "missing"), None);
    }
}
