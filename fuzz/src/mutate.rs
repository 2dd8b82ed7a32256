//! Line- and token-level mutations of existing programs.
//!
//! Each mutation is small and blind to meaning: delete, duplicate or swap lines, replace a
//! number with a boundary value, an operator with another, a string with an odd one, truncate,
//! wrap an expression in deep nesting, or drop in a collection, a `del` or a `raise`. Most
//! results still parse, and those that do not exercise the parser's error paths.

use rand::seq::SliceRandom;
use rand::Rng;
use regex::Regex;
use std::sync::OnceLock;

const BOUNDARY_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2**63",
    "2**64",
    "-2**63",
    "2**31",
    "1e308",
    "-1e308",
    "5e-324",
    "float('nan')",
    "float('inf')",
    "10**100",
    "255",
    "65536",
    "0.0",
];
const OPERATORS: &[&str] = &[
    " + ", " - ", " * ", " / ", " // ", " % ", " ** ", " << ", " >> ", " & ", " | ", " ^ ", " == ",
    " != ", " < ", " > ", " <= ", " >= ", " and ", " or ", " is ", " in ",
];
const STRINGS: &[&str] = &[
    "''",
    "'\\x00'",
    "'\\udcff'",
    "'\\U0010ffff'",
    "'%s%d%%'",
    "'{0}{1}'",
    "'a' * 1000",
    "b'\\xff'",
];
const INSERTS: &[&str] = &[
    "import gc; gc.collect()",
    "raise ValueError('mutant')",
    "del self",
    "return",
    "yield",
    "break",
    "pass",
    "import sys; sys.setrecursionlimit(200)",
];

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// `source` with 1 to 4 random mutations; also returns what was done, for reports.
pub fn mutate(source: &str, rng: &mut impl Rng) -> (String, Vec<String>) {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    let mut done = Vec::new();
    for _ in 0..rng.gen_range(1..=4) {
        if lines.is_empty() {
            break;
        }
        done.push(mutate_once(&mut lines, rng));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    (out, done)
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

fn mutate_once(lines: &mut Vec<String>, rng: &mut impl Rng) -> String {
    let n = lines.len();
    let i = rng.gen_range(0..n);
    match rng.gen_range(0..12) {
        0 => {
            let k = rng.gen_range(1..=3.min(n - i));
            lines.drain(i..i + k);
            format!("delete {k} line(s) at {}", i + 1)
        }
        1 => {
            let l = lines[i].clone();
            lines.insert(i, l);
            format!("duplicate line {}", i + 1)
        }
        2 => {
            let j = rng.gen_range(0..n);
            lines.swap(i, j);
            format!("swap lines {} and {}", i + 1, j + 1)
        }
        3 | 4 => replace_token(lines, i, rng, number_re(), BOUNDARY_NUMBERS, "number"),
        5 => replace_token(lines, i, rng, operator_re(), OPERATORS, "operator"),
        6 => replace_token(lines, i, rng, string_re(), STRINGS, "string"),
        7 => {
            let keep = rng.gen_range(0..n);
            lines.truncate(keep);
            format!("truncate after line {keep}")
        }
        8 => deep_nesting(lines, i, rng),
        9 => {
            let what = INSERTS.choose(rng).copied().unwrap_or("pass");
            let pad = indent_of(&lines[i]).to_string();
            lines.insert(i, format!("{pad}{what}"));
            format!("insert `{what}` at line {}", i + 1)
        }
        10 => swap_identifier(lines, i, rng),
        _ => {
            let pad = indent_of(&lines[i]).to_string();
            let depth = rng.gen_range(2..12);
            let mut block = Vec::new();
            for d in 0..depth {
                block.push(format!("{pad}{}for _m{d} in range(2):", "    ".repeat(d)));
            }
            block.push(format!(
                "{pad}{}{}",
                "    ".repeat(depth),
                lines[i].trim_start()
            ));
            lines.splice(i..=i, block);
            format!("wrap line {} in {depth} loops", i + 1)
        }
    }
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"\b\d+(\.\d+)?([eE][-+]?\d+)?\b")
}

fn operator_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r" (\+|-|\*\*|\*|//|/|%|<<|>>|&|\||\^|==|!=|<=|>=|<|>|and|or|is|in) ",
    )
}

fn string_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r#"'[^'\\\n]*'|"[^"\\\n]*""#)
}

fn identifier_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"\b[A-Za-z_][A-Za-z0-9_]*\b")
}

/// Replaces one match of `re` on line `i` (or a nearby line that has one) with a choice.
fn replace_token(
    lines: &mut [String],
    i: usize,
    rng: &mut impl Rng,
    re: &Regex,
    choices: &[&str],
    what: &str,
) -> String {
    let n = lines.len();
    for k in 0..n.min(50) {
        let at = (i + k) % n;
        let spans: Vec<(usize, usize)> = re
            .find_iter(&lines[at])
            .map(|m| (m.start(), m.end()))
            .collect();
        if let Some(&(s, e)) = spans.choose(rng) {
            let new = choices.choose(rng).copied().unwrap_or("0");
            let old = lines[at][s..e].to_string();
            let new = if what == "operator" {
                new.to_string()
            } else {
                format!("({new})")
            };
            lines[at].replace_range(s..e, &new);
            return format!(
                "{what} `{}` -> `{}` at line {}",
                old.trim(),
                new.trim(),
                at + 1
            );
        }
    }
    format!("no {what} to replace")
}

/// Replaces an identifier on line `i` with another identifier of the program.
fn swap_identifier(lines: &mut [String], i: usize, rng: &mut impl Rng) -> String {
    let re = identifier_re();
    let spans: Vec<(usize, usize)> = re
        .find_iter(&lines[i])
        .map(|m| (m.start(), m.end()))
        .collect();
    let j = rng.gen_range(0..lines.len());
    let others: Vec<String> = re
        .find_iter(&lines[j])
        .map(|m| m.as_str().to_string())
        .collect();
    match (spans.choose(rng), others.choose(rng)) {
        (Some(&(s, e)), Some(new)) => {
            let old = lines[i][s..e].to_string();
            lines[i].replace_range(s..e, new);
            format!("identifier `{old}` -> `{new}` at line {}", i + 1)
        }
        _ => "no identifier to swap".to_string(),
    }
}

/// Wraps the right-hand side of an assignment (or a whole expression line) in deep nesting,
/// or inserts a deeply nested literal.
fn deep_nesting(lines: &mut Vec<String>, i: usize, rng: &mut impl Rng) -> String {
    let depth = if rng.gen_bool(0.2) {
        rng.gen_range(100..400)
    } else {
        rng.gen_range(10..100)
    };
    let (open, close) = *[
        ("(", ")"),
        ("[", "]"),
        ("-(", ")"),
        ("not (", ")"),
        ("{1: ", "}"),
    ]
    .choose(rng)
    .unwrap_or(&("(", ")"));
    let line = &lines[i];
    if let Some(eq) = line.find(" = ") {
        let (lhs, rhs) = line.split_at(eq + 3);
        let new = format!("{lhs}{}{rhs}{}", open.repeat(depth), close.repeat(depth));
        lines[i] = new;
        format!("nest line {}'s value {depth} deep in {open}{close}", i + 1)
    } else {
        let pad = indent_of(line).to_string();
        let lit = format!("{}0{}", open.repeat(depth), close.repeat(depth));
        lines.insert(i, format!("{pad}_deep = {lit}"));
        format!(
            "insert a literal {depth} deep in {open}{close} at line {}",
            i + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    const SRC: &str = "x = 1 + 2\nif x > 2:\n    print('big', x)\nelse:\n    print(x * 3)\n";

    #[test]
    fn mutations_are_deterministic_and_change_something() {
        for seed in 0..200 {
            let (a, da) = mutate(SRC, &mut ChaCha8Rng::seed_from_u64(seed));
            let (b, db) = mutate(SRC, &mut ChaCha8Rng::seed_from_u64(seed));
            assert_eq!(a, b);
            assert_eq!(da, db);
            assert!(!da.is_empty());
        }
    }

    #[test]
    fn numbers_become_boundary_values() {
        let mut lines = vec!["x = 12".to_string()];
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let d = replace_token(&mut lines, 0, &mut rng, number_re(), &["0"], "number");
        assert_eq!(lines[0], "x = (0)");
        assert!(d.contains("`12` -> `(0)`"), "{d}");
    }
}
