//! Line-based delta debugging: remove indented blocks, then ever smaller runs of lines, for as
//! long as the program still shows the same crash.

/// Limits on how much work one minimization may do.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// The most candidate programs to try.
    pub max_tests: usize,
}

/// The smallest program found (as lines) for which `still_crashes` holds; `lines` must hold.
///
/// First whole blocks (a line ending in `:` with its indented body) go, outermost first; then
/// chunks of lines, from half the program down to single lines (the classic ddmin
/// granularity); the passes repeat until one changes nothing or the budget runs out.
pub fn minimize(
    lines: Vec<String>,
    budget: Budget,
    mut still_crashes: impl FnMut(&[String]) -> bool,
) -> Vec<String> {
    let mut best = lines;
    let mut tests = 0usize;
    let mut try_candidate = |cand: &[String], tests: &mut usize| -> bool {
        if *tests >= budget.max_tests {
            return false;
        }
        *tests += 1;
        still_crashes(cand)
    };
    loop {
        let before = best.len();
        // Blocks: header plus body.
        let mut i = 0;
        while i < best.len() && tests < budget.max_tests {
            let end = block_end(&best, i);
            if end > i + 1 {
                let cand = without(&best, i, end);
                if try_candidate(&cand, &mut tests) {
                    best = cand;
                    continue;
                }
            }
            i += 1;
        }
        // Chunks of lines.
        let mut chunk = (best.len() / 2).max(1);
        loop {
            let mut i = 0;
            while i < best.len() && tests < budget.max_tests {
                let end = (i + chunk).min(best.len());
                let cand = without(&best, i, end);
                if !cand.is_empty() && try_candidate(&cand, &mut tests) {
                    best = cand;
                } else {
                    i += chunk;
                }
            }
            if chunk == 1 || tests >= budget.max_tests {
                break;
            }
            chunk /= 2;
        }
        if best.len() == before || tests >= budget.max_tests {
            return best;
        }
    }
}

/// The fewest command-line options (an option with its value is one unit) for which
/// `still_crashes` holds, each dropped in turn when the crash survives without it.
pub fn minimize_options(
    options: &[String],
    mut still_crashes: impl FnMut(&[String]) -> bool,
) -> Vec<String> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for o in options {
        match groups.last_mut() {
            Some(g) if !o.starts_with("--") && g.len() == 1 => g.push(o.clone()),
            _ => groups.push(vec![o.clone()]),
        }
    }
    let mut i = 0;
    while i < groups.len() {
        let cand: Vec<String> = groups
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .flat_map(|(_, g)| g.iter().cloned())
            .collect();
        if still_crashes(&cand) {
            groups.remove(i);
        } else {
            i += 1;
        }
    }
    groups.concat()
}

/// `lines` without `lines[start..end]`.
fn without(lines: &[String], start: usize, end: usize) -> Vec<String> {
    lines[..start]
        .iter()
        .chain(&lines[end..])
        .cloned()
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Clauses that continue a compound statement at its own indentation.
const CONTINUATIONS: &[&str] = &["except", "else:", "elif ", "finally:"];

/// One past the last line of the compound statement that line `i` opens — its body and its
/// `except`/`else`/`elif`/`finally` clauses — or `i + 1` if it opens none.
fn block_end(lines: &[String], i: usize) -> usize {
    let head = &lines[i];
    if !head.trim_end().ends_with(':') {
        return i + 1;
    }
    let level = indent(head);
    let mut end = i + 1;
    loop {
        while end < lines.len() && (lines[end].trim().is_empty() || indent(&lines[end]) > level) {
            end += 1;
        }
        let continues = lines.get(end).is_some_and(|l| {
            indent(l) == level && CONTINUATIONS.iter().any(|c| l.trim_start().starts_with(c))
        });
        if !continues {
            return end;
        }
        end += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn keeps_only_what_the_crash_needs() {
        let src = "a = 1\ndef f():\n    x = 2\n    return x\nb = 2\ncrash(a)\nc = 3\nfor i in r:\n    pass\n";
        let out = minimize(lines(src), Budget { max_tests: 500 }, |p| {
            p.iter().any(|l| l == "crash(a)") && p.iter().any(|l| l == "a = 1")
        });
        assert_eq!(out, lines("a = 1\ncrash(a)\n"));
    }

    #[test]
    fn a_try_statement_goes_with_its_clauses() {
        let src = "try:\n    a()\nexcept E:\n    b()\nfinally:\n    c()\nd()\n";
        assert_eq!(block_end(&lines(src), 0), 6);
        assert_eq!(block_end(&lines(src), 6), 7);
    }

    #[test]
    fn options_are_dropped_with_their_values() {
        let opts: Vec<String> = ["--allocator", "bump", "--stats", "--gc-stress", "3"]
            .map(String::from)
            .to_vec();
        let kept = minimize_options(&opts, |o| o.iter().any(|x| x == "--gc-stress"));
        assert_eq!(kept, ["--gc-stress", "3"]);
    }

    #[test]
    fn stops_at_the_budget() {
        let src: Vec<String> = (0..100).map(|i| format!("x{i} = {i}")).collect();
        let mut calls = 0;
        let out = minimize(src.clone(), Budget { max_tests: 5 }, |_| {
            calls += 1;
            false
        });
        assert_eq!(calls, 5);
        assert_eq!(out, src);
    }
}
