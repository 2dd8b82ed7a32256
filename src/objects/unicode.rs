//! Character classification and case mapping with CPython 3.11's Unicode data.
//!
//! The property bits come from [`super::unicode_db`], generated from CPython's own
//! `unicodedata` (Unicode 14.0), so `str.isalpha()`, `isprintable()`, `isdecimal()`, ... agree
//! with CPython code point for code point. Lower and upper case mappings use Rust's (full
//! mappings, the same rules as CPython's `_PyUnicode_ToLowerFull`/`ToUpperFull`); title case
//! and case folding add the exceptions listed in the generated tables.

use super::unicode_db as db;

/// The property bits of a code point (`unicode_db::ALPHA | ...`).
#[inline]
pub fn props(c: char) -> u16 {
    let cp = c as u32;
    if cp < 0x80 {
        return ascii_props(cp as u8);
    }
    // Index of the last run starting at or before `cp`.
    let i = db::RUN_STARTS.partition_point(|&s| s <= cp);
    db::RUN_FLAGS[i.saturating_sub(1)]
}

fn ascii_props(b: u8) -> u16 {
    let c = b as char;
    let mut f = 0;
    if c.is_ascii_alphabetic() {
        f |= db::ALPHA | db::CASED | db::XID_START | db::XID_CONTINUE;
        f |= if c.is_ascii_lowercase() {
            db::LOWER
        } else {
            db::UPPER
        };
    }
    if c.is_ascii_digit() {
        f |= db::DECIMAL | db::DIGIT | db::NUMERIC | db::XID_CONTINUE;
    }
    if c == '_' {
        f |= db::XID_START | db::XID_CONTINUE;
    }
    if matches!(b, 0x09..=0x0d | 0x1c..=0x20) {
        f |= db::SPACE;
    }
    if (0x20..0x7f).contains(&b) {
        f |= db::PRINTABLE;
    }
    if matches!(c, '\'' | '.' | ':' | '^' | '`') {
        f |= db::CASE_IGNORABLE;
    }
    f
}

/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    props(c) & db::ALPHA != 0
}
/// `c.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    props(c) & db::DECIMAL != 0
}
/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    props(c) & db::DIGIT != 0
}
/// `c.isnumeric()`.
pub fn is_numeric(c: char) -> bool {
    props(c) & db::NUMERIC != 0
}
/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    props(c) & (db::ALPHA | db::DECIMAL | db::DIGIT | db::NUMERIC) != 0
}
/// `c.isspace()` (CPython's `Py_UNICODE_ISSPACE`).
pub fn is_space(c: char) -> bool {
    props(c) & db::SPACE != 0
}
/// `c.isprintable()`: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (except the space).
pub fn is_printable(c: char) -> bool {
    props(c) & db::PRINTABLE != 0
}
/// Lowercase letter (the `Lowercase` property).
pub fn is_lower(c: char) -> bool {
    props(c) & db::LOWER != 0
}
/// Uppercase letter (the `Uppercase` property).
pub fn is_upper(c: char) -> bool {
    props(c) & db::UPPER != 0
}
/// Titlecase letter (category Lt).
pub fn is_title(c: char) -> bool {
    props(c) & db::TITLE != 0
}
/// Cased: lowercase, uppercase or titlecase.
pub fn is_cased(c: char) -> bool {
    props(c) & db::CASED != 0
}
/// Case-ignorable (for the final sigma rule).
pub fn is_case_ignorable(c: char) -> bool {
    props(c) & db::CASE_IGNORABLE != 0
}
/// May start an identifier (XID_Start or `_`).
pub fn is_xid_start(c: char) -> bool {
    props(c) & db::XID_START != 0
}
/// May continue an identifier (XID_Continue).
pub fn is_xid_continue(c: char) -> bool {
    props(c) & db::XID_CONTINUE != 0
}

/// The value of a decimal digit (category Nd) in any script, as `int()` and `float()` accept.
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii_digit() {
        return Some(cp - '0' as u32);
    }
    if !is_decimal(c) {
        return None;
    }
    let i = db::DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    let zero = db::DECIMAL_ZEROS[i.checked_sub(1)?];
    (cp - zero < 10).then_some(cp - zero)
}

/// Appends the full title case of `c`.
pub fn push_title(out: &mut String, c: char) {
    match db::TITLE_CASE.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => out.push_str(db::TITLE_CASE[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// Appends the full case folding of `c` (`str.casefold`).
pub fn push_casefold(out: &mut String, c: char) {
    match db::CASE_FOLD.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => out.push_str(db::CASE_FOLD[i].1),
        Err(_) => out.extend(c.to_lowercase()),
    }
}

/// Appends the lower case of the character at `chars[i]`, applying the final sigma rule
/// (Σ becomes ς at the end of a word) as CPython's `lower()` does.
pub fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c == '\u{3a3}' {
        out.push(if final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether the capital sigma at `i` ends a word: a cased letter precedes it (skipping
/// case-ignorable characters) and none follows.
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i]
        .iter()
        .rev()
        .find(|c| !is_case_ignorable(**c))
        .is_some_and(|c| is_cased(*c));
    let after = chars[i + 1..]
        .iter()
        .find(|c| !is_case_ignorable(**c))
        .is_some_and(|c| is_cased(*c));
    before && !after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_matches_cpython() {
        assert!(is_alpha('é') && is_alpha('ß') && !is_alpha('1'));
        assert!(is_decimal('٣') && !is_decimal('²') && is_digit('²') && !is_digit('½'));
        assert!(is_numeric('½') && is_numeric('一') && is_numeric('Ⅻ'));
        assert!(
            is_space('\u{85}') && is_space('\u{3000}') && is_space('\x1c') && !is_space('\u{200b}')
        );
        assert!(!is_printable('\u{a0}') && !is_printable('\u{ad}') && is_printable('☃'));
        assert!(!is_printable('\u{378}') && !is_printable('\u{e000}') && is_printable(' '));
        assert!(is_title('ǅ') && is_cased('ǅ') && !is_upper('ǅ'));
        assert!(
            is_xid_start('_') && is_xid_start('ä') && !is_xid_start('1') && is_xid_continue('1')
        );
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('𝟗'), Some(9));
        assert_eq!(decimal_value('²'), None);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_table() {
        for b in 0u8..0x80 {
            let i = db::RUN_STARTS.partition_point(|&s| s <= b as u32);
            assert_eq!(ascii_props(b), db::RUN_FLAGS[i - 1], "code point {b:#x}");
        }
    }

    #[test]
    fn case_mappings_match_cpython() {
        let mut s = String::new();
        push_title(&mut s, 'ǆ');
        push_title(&mut s, 'ﬀ');
        push_casefold(&mut s, 'ß');
        push_casefold(&mut s, 'A');
        assert_eq!(s, "ǅFfssa");
        let chars: Vec<char> = "ΟΔΟΣ Σ".chars().collect();
        let mut low = String::new();
        for i in 0..chars.len() {
            push_lower_at(&mut low, &chars, i);
        }
        assert_eq!(low, "οδος σ");
    }
}
