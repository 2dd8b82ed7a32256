//! Engine tests on hand-assembled code (the words `re._compiler` would produce).

use super::constants::{at, cat, op, MAXREPEAT};
use super::engine::State;
use super::validate::validate;

fn text(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

/// Searches `code` in `s`; the span of the match and of each group.
fn search(code: &[u32], groups: usize, s: &str) -> Option<Vec<(isize, isize)>> {
    assert!(validate(code, groups), "invalid test code");
    let t = text(s);
    let mut st = State::new(&t[..], code, 0, t.len());
    if !st.search().expect("engine error") {
        return None;
    }
    let mut out = vec![(st.start as isize, st.ptr)];
    for g in 0..groups {
        out.push(
            st.group_span(g)
                .map_or((-1, -1), |(a, b)| (a as isize, b as isize)),
        );
    }
    Some(out)
}

/// Matches `code` at the start of `s`: the end of the match.
fn matches(code: &[u32], s: &str) -> Option<isize> {
    assert!(validate(code, 0), "invalid test code");
    let t = text(s);
    let mut st = State::new(&t[..], code, 0, t.len());
    st.match_here().expect("engine error").then_some(st.ptr)
}

const A: u32 = 'a' as u32;
const B: u32 = 'b' as u32;
const C: u32 = 'c' as u32;

#[test]
fn literals_and_search() {
    // "abc"
    let code = [op::LITERAL, A, op::LITERAL, B, op::LITERAL, C, op::SUCCESS];
    assert_eq!(search(&code, 0, "xxabcx"), Some(vec![(2, 5)]));
    assert_eq!(search(&code, 0, "ab"), None);
    assert_eq!(matches(&code, "abcd"), Some(3));
    assert_eq!(matches(&code, "xabc"), None);
}

#[test]
fn greedy_and_lazy_single_repeats() {
    // a*b with REPEAT_ONE, a*?b with MIN_REPEAT_ONE
    let greedy = [
        op::REPEAT_ONE,
        6,
        0,
        MAXREPEAT,
        op::LITERAL,
        A,
        op::SUCCESS,
        op::LITERAL,
        B,
        op::SUCCESS,
    ];
    assert_eq!(matches(&greedy, "aaab"), Some(4));
    assert_eq!(matches(&greedy, "b"), Some(1));
    let lazy = [
        op::MIN_REPEAT_ONE,
        5,
        0,
        MAXREPEAT,
        op::ANY,
        op::SUCCESS,
        op::LITERAL,
        B,
        op::SUCCESS,
    ];
    assert_eq!(matches(&lazy, "aabab"), Some(3));
    // Possessive: a*+a never matches.
    let poss = [
        op::POSSESSIVE_REPEAT_ONE,
        6,
        0,
        MAXREPEAT,
        op::LITERAL,
        A,
        op::SUCCESS,
        op::LITERAL,
        A,
        op::SUCCESS,
    ];
    assert_eq!(matches(&poss, "aaa"), None);
}

#[test]
fn groups_branches_and_backrefs() {
    // (a|b)+\1 : REPEAT { MARK 0, BRANCH(a|b), MARK 1 } MAX_UNTIL, GROUPREF 0
    let code = [
        op::REPEAT,
        19,
        1,
        MAXREPEAT,
        op::MARK,
        0,
        op::BRANCH,
        5,
        op::LITERAL,
        A,
        op::JUMP,
        7,
        5,
        op::LITERAL,
        B,
        op::JUMP,
        2,
        0,
        op::MARK,
        1,
        op::MAX_UNTIL,
        op::GROUPREF,
        0,
        op::SUCCESS,
    ];
    assert_eq!(search(&code, 1, "xabb"), Some(vec![(1, 4), (2, 3)]));
    assert_eq!(search(&code, 1, "abab"), None);
}

#[test]
fn assertions_and_anchors() {
    // (?<=a)b$
    let code = [
        op::ASSERT,
        5,
        1,
        op::LITERAL,
        A,
        op::SUCCESS,
        op::LITERAL,
        B,
        op::AT,
        at::END,
        op::SUCCESS,
    ];
    assert_eq!(search(&code, 0, "cb ab"), Some(vec![(4, 5)]));
    // \bx(?!y)
    let code = [
        op::AT,
        at::UNI_BOUNDARY,
        op::LITERAL,
        'x' as u32,
        op::ASSERT_NOT,
        5,
        0,
        op::LITERAL,
        'y' as u32,
        op::SUCCESS,
        op::SUCCESS,
    ];
    assert_eq!(search(&code, 0, "axy xy xz"), Some(vec![(7, 8)]));
    // \d+ on Arabic-Indic digits
    let code = [
        op::REPEAT_ONE,
        9,
        1,
        MAXREPEAT,
        op::IN,
        4,
        op::CATEGORY,
        cat::UNI_DIGIT,
        op::FAILURE,
        op::SUCCESS,
        op::SUCCESS,
    ];
    assert_eq!(search(&code, 0, "x٣٤5y"), Some(vec![(1, 4)]));
}

#[test]
fn long_subjects_and_deep_backtracking_do_not_overflow() {
    // (?:a|b)*c over 200,000 characters: one context per iteration, on the heap.
    let code = [
        op::REPEAT,
        15,
        0,
        MAXREPEAT,
        op::BRANCH,
        5,
        op::LITERAL,
        A,
        op::JUMP,
        7,
        5,
        op::LITERAL,
        B,
        op::JUMP,
        2,
        0,
        op::MAX_UNTIL,
        op::LITERAL,
        C,
        op::SUCCESS,
    ];
    let mut s = "ab".repeat(100_000);
    s.push('c');
    assert_eq!(matches(&code, &s), Some(200_001));
    s.pop();
    assert_eq!(matches(&code, &s), None);
}

#[test]
fn bad_code_is_rejected_not_run() {
    assert!(!validate(&[op::REPEAT_ONE, 0, 0, 0], 0));
    assert!(!validate(&[op::MARK, 9, op::SUCCESS], 1));
    assert!(!validate(&[op::IN, 100, op::FAILURE], 0));
    assert!(!validate(&[999], 0));
    assert!(validate(&[op::SUCCESS], 0));
    // MAX_UNTIL without REPEAT is an engine error, not a crash.
    let t = text("a");
    let code = [op::MAX_UNTIL, op::SUCCESS];
    let mut st = State::new(&t[..], &code, 0, 1);
    assert!(st.match_here().is_err());
}

#[test]
fn search_uses_info_prefix_and_charset() {
    // Code from re._compiler (CPython 3.11) for `ababc(d)`: an INFO block with the literal
    // prefix "ababcd" (prefix_skip 5) and its overlap table.
    #[rustfmt::skip]
    let prefix = [
        14, 18, 1, 6, 6, 6, 5, 97, 98, 97, 98, 99, 100, 0, 0, 1, 2, 0, 0,
        16, 97, 16, 98, 16, 97, 16, 98, 16, 99, 17, 0, 16, 100, 17, 1, 1,
    ];
    assert_eq!(
        search(&prefix, 1, "abababcd ababcd"),
        Some(vec![(2, 8), (7, 8)])
    );
    assert_eq!(search(&prefix, 1, "ababab"), None);
    // `aab` (a literal pattern: INFO_LITERAL, the search alone decides).
    #[rustfmt::skip]
    let literal = [14, 12, 3, 3, 3, 3, 3, 97, 97, 98, 0, 1, 0, 16, 97, 16, 97, 16, 98, 1];
    assert_eq!(search(&literal, 0, "aaaab"), Some(vec![(2, 5)]));
    // `[xy]z+`: an INFO block with the first character's set.
    #[rustfmt::skip]
    let charset = [
        14, 8, 4, 2, MAXREPEAT, 22, 120, 121, 0, 13, 5, 22, 120, 121, 0,
        24, 6, 1, MAXREPEAT, 16, 122, 1, 1,
    ];
    assert_eq!(search(&charset, 0, "axzzy yzq"), Some(vec![(1, 4)]));
    assert_eq!(search(&charset, 0, "xy"), None);
}

#[test]
fn bytes_subjects_and_positions() {
    let code = [op::LITERAL, 0xe9, op::SUCCESS];
    let s: &[u8] = b"caf\xe9!";
    let mut st = State::new(s, &code, 0, s.len());
    assert!(st.search().unwrap());
    assert_eq!((st.start, st.ptr), (3, 4));
    // A code point beyond a byte never matches a byte subject.
    let wide = [op::LITERAL, 0x1e9, op::SUCCESS];
    let mut st = State::new(s, &wide, 0, s.len());
    assert!(!st.search().unwrap());
    // endpos limits the search; pos past endpos finds nothing.
    let mut st = State::new(s, &code, 0, 3);
    assert!(!st.search().unwrap());
    let mut st = State::new(s, &code, 4, 2);
    assert!(!st.search().unwrap());
}
