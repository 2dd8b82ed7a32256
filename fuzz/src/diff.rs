//! Comparing arenapy's output with CPython's, and naming a difference so that many programs
//! hitting one missing feature land in one bucket.
//!
//! Standard output and the exit code are compared after replacing hexadecimal addresses
//! (`<object at 0x...>`). The bucket is, in order of preference: the uncaught exception arenapy
//! ended with where CPython did not (`arenapy raised NameError: name 'N' is not defined`), the
//! first differing output line of both sides, or the two exit codes with arenapy's last stderr
//! line. Digits become `N` so values do not split buckets.

use crate::classify::normalize_detail;
use crate::exec::RunResult;
use regex::Regex;
use std::sync::OnceLock;

/// Standard output with addresses replaced, for comparison.
fn normalized_stdout(text: &str) -> String {
    static HEX: OnceLock<Regex> = OnceLock::new();
    HEX.get_or_init(|| Regex::new(r"0x[0-9a-fA-F]+").expect("a valid pattern"))
        .replace_all(text, "0x?")
        .into_owned()
}

/// The last non-empty line of a traceback: `Type: message`.
fn last_line(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// Whether stderr ends with an uncaught exception's traceback.
fn raised(run: &RunResult) -> Option<&str> {
    (run.code == Some(1) && run.stderr.contains("Traceback (most recent call last)"))
        .then(|| last_line(&run.stderr))
        .or_else(|| {
            let l = last_line(&run.stderr);
            (run.code == Some(1) && l.starts_with("SyntaxError")).then_some(l)
        })
}

/// An exception line with its quoted names elided, so `No module named 're'` and
/// `No module named 'os'` share a bucket.
fn unquoted(line: &str) -> String {
    static QUOTED: OnceLock<Regex> = OnceLock::new();
    QUOTED
        .get_or_init(|| Regex::new(r"'[^']*'").expect("a valid pattern"))
        .replace_all(line, "'…'")
        .into_owned()
}

fn short(line: &str) -> String {
    let n = normalize_detail(line);
    n.chars().take(90).collect()
}

/// The bucket of a difference between arenapy (`a`) and CPython (`c`), or `None` when they
/// agree.
pub fn difference(a: &RunResult, c: &RunResult) -> Option<String> {
    let out_a = normalized_stdout(&a.stdout);
    let out_c = normalized_stdout(&c.stdout);
    if out_a == out_c && a.code == c.code {
        return None;
    }
    if let Some(sig) = c.signal {
        return Some(format!("cpython killed by signal {sig} (arenapy was not)"));
    }
    if let Some(exc) = raised(a) {
        let same = raised(c).is_some_and(|e| short(e) == short(exc));
        if !same && out_c.starts_with(&out_a) {
            return Some(format!("arenapy raised {}", short(&unquoted(exc))));
        }
    }
    if let Some(exc) = raised(c) {
        if out_a.starts_with(&out_c) && raised(a).is_none() {
            return Some(format!(
                "cpython raised {} (arenapy did not)",
                short(&unquoted(exc))
            ));
        }
    }
    let la: Vec<&str> = out_a.lines().collect();
    let lc: Vec<&str> = out_c.lines().collect();
    let first = (0..la.len().max(lc.len())).find(|&i| la.get(i) != lc.get(i));
    if let Some(i) = first {
        let (x, y) = (la.get(i).copied(), lc.get(i).copied());
        // Long lines that differ late are shown from a little before the first difference.
        let common = match (x, y) {
            (Some(x), Some(y)) => x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count(),
            _ => 0,
        };
        let skip = common.saturating_sub(30);
        let side = |l: Option<&str>| match l {
            None => "<no line>".to_string(),
            Some(l) if skip > 0 => format!("…{}", short(&l.chars().skip(skip).collect::<String>())),
            Some(l) => short(l),
        };
        return Some(format!(
            "output: arenapy {:?} vs cpython {:?}",
            side(x),
            side(y)
        ));
    }
    Some(format!(
        "exit {} vs cpython {}: {}",
        code_text(a),
        code_text(c),
        short(last_line(&a.stderr))
    ))
}

fn code_text(r: &RunResult) -> String {
    match (r.code, r.signal) {
        (Some(c), _) => c.to_string(),
        (None, Some(s)) => format!("signal {s}"),
        _ => "?".into(),
    }
}

/// Whether a program's output depends on when collections happen (and so may legitimately
/// differ under `--gc-stress`): it uses a collection count, `gc.collect()`'s result, or the
/// collector's statistics.
pub fn depends_on_collection_timing(source: &str) -> bool {
    source.lines().any(|l| {
        let t = l.trim();
        (t.contains("gc.collect(") && t != "gc.collect()")
            || t.contains("gc.get_count")
            || t.contains("gc.get_stats")
            || t.contains("gc.get_objects")
            || t.contains("gc.garbage")
            || t.contains("gc.callbacks")
            || t.contains("get_referrers")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn run(code: i32, stdout: &str, stderr: &str) -> RunResult {
        RunResult {
            code: Some(code),
            signal: None,
            stdout: stdout.into(),
            stderr: stderr.into(),
            elapsed: Duration::ZERO,
            timed_out: false,
        }
    }

    #[test]
    fn equal_runs_and_addresses_do_not_differ() {
        let a = run(0, "<f at 0x7f01>\n", "");
        let c = run(0, "<f at 0x55aa>\n", "");
        assert_eq!(difference(&a, &c), None);
    }

    #[test]
    fn an_uncaught_exception_names_the_bucket() {
        let a = run(
            1,
            "1\n",
            "Traceback (most recent call last):\nModuleNotFoundError: No module named 're'\n",
        );
        let c = run(0, "1\n2\n", "");
        assert_eq!(
            difference(&a, &c).unwrap(),
            "arenapy raised ModuleNotFoundError: No module named '…'"
        );
    }

    #[test]
    fn the_first_differing_line_names_the_bucket() {
        let a = run(0, "1\n2 ValueError\n", "");
        let c = run(0, "1\n2 'x'\n", "");
        assert_eq!(
            difference(&a, &c).unwrap(),
            "output: arenapy \"N ValueError\" vs cpython \"N 'x'\""
        );
    }

    #[test]
    fn late_differences_in_long_lines_are_shown() {
        let long = "x".repeat(100);
        let a = run(0, &format!("{long}A\n"), "");
        let c = run(0, &format!("{long}B\n"), "");
        let b = difference(&a, &c).unwrap();
        assert!(
            b.ends_with("xxxA\" vs cpython \"…xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxB\""),
            "{b}"
        );
    }

    #[test]
    fn collection_counts_are_timing_dependent() {
        assert!(!depends_on_collection_timing(
            "import gc\n    gc.collect()\n"
        ));
        assert!(depends_on_collection_timing("print(gc.collect())\n"));
        assert!(depends_on_collection_timing("n = gc.get_count()\n"));
    }
}
