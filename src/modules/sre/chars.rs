//! Characters as the engine sees them: the subject trait, case mapping, the `CATEGORY` tests
//! and set membership (`IN` bodies: `LITERAL`, `RANGE`, `CHARSET`, `BIGCHARSET`, ...).
//!
//! Characters are `u32` code points (bytes widened). Unicode rules use the interpreter's own
//! tables ([`crate::objects::unicode`]), the ones `str.isdecimal()` and friends use; ASCII rules
//! follow C's `<ctype.h>` in the C locale, as CPython's `_sre` does.

use super::constants::{cat, op};
use crate::objects::unicode;

/// A subject string: a sequence of characters read by index.
pub trait Subject {
    /// Number of characters.
    fn len(&self) -> usize;
    /// The character at `i` (0 past the end: callers check bounds first).
    fn at(&self, i: usize) -> u32;
    /// Whether there are no characters.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Subject for [u8] {
    #[inline]
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self.get(i).map_or(0, |&b| b as u32)
    }
}

impl Subject for [u32] {
    #[inline]
    fn len(&self) -> usize {
        <[u32]>::len(self)
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self.get(i).copied().unwrap_or(0)
    }
}

/// `ch` as a `char`, if it is one.
fn as_char(ch: u32) -> Option<char> {
    char::from_u32(ch)
}

/// ASCII lower case (other characters unchanged).
#[inline]
pub fn lower_ascii(ch: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

/// ASCII upper case (other characters unchanged).
#[inline]
pub fn upper_ascii(ch: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

/// Lower case in the C locale (the engine's `LOC` operations on bytes).
#[inline]
pub fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

/// Upper case in the C locale.
#[inline]
pub fn upper_locale(ch: u32) -> u32 {
    upper_ascii(ch)
}

/// The simple lower case mapping of a code point (the first character of its full mapping,
/// as CPython's `_PyUnicode_ToLowercase`).
pub fn lower_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return lower_ascii(ch);
    }
    match as_char(ch) {
        Some(c) => c.to_lowercase().next().map_or(ch, |l| l as u32),
        None => ch,
    }
}

/// The simple upper case mapping of a code point.
pub fn upper_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return upper_ascii(ch);
    }
    match as_char(ch) {
        Some(c) => c.to_uppercase().next().map_or(ch, |u| u as u32),
        None => ch,
    }
}

/// Whether a code point has another case (`_sre.unicode_iscased`).
pub fn unicode_iscased(ch: u32) -> bool {
    ch != lower_unicode(ch) || ch != upper_unicode(ch)
}

/// Whether a character is an ASCII letter (`_sre.ascii_iscased`).
pub fn ascii_iscased(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphabetic()
}

/// `LITERAL_LOC_IGNORE`: `ch` equals `pattern` up to case in the locale.
#[inline]
pub fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}

fn is_ascii_digit(ch: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&ch)
}

fn is_ascii_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0d | 0x20)
}

fn is_ascii_alnum(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphanumeric()
}

/// `\w` for bytes and ASCII patterns.
#[inline]
pub fn is_word(ch: u32) -> bool {
    is_ascii_alnum(ch) || ch == b'_' as u32
}

/// `\w` under `re.LOCALE` (the C locale: as ASCII).
#[inline]
pub fn is_loc_word(ch: u32) -> bool {
    is_word(ch)
}

/// `\w` for str patterns: alphanumeric (`str.isalnum()`) or the underscore.
pub fn is_uni_word(ch: u32) -> bool {
    if ch < 128 {
        return is_word(ch);
    }
    as_char(ch).is_some_and(unicode::is_alnum)
}

/// The line breaks of `str.splitlines()` (CPython's `Py_UNICODE_ISLINEBREAK`).
pub fn is_uni_linebreak(ch: u32) -> bool {
    matches!(ch, 0x0a..=0x0d | 0x1c..=0x1e | 0x85 | 0x2028 | 0x2029)
}

fn is_uni_digit(ch: u32) -> bool {
    if ch < 128 {
        return is_ascii_digit(ch);
    }
    as_char(ch).is_some_and(unicode::is_decimal)
}

fn is_uni_space(ch: u32) -> bool {
    if ch < 128 {
        return matches!(ch, 0x09..=0x0d | 0x1c..=0x20);
    }
    as_char(ch).is_some_and(unicode::is_space)
}

/// Whether `ch` is in category `code` (`None`: not a category code).
pub fn category(code: u32, ch: u32) -> bool {
    match code {
        cat::DIGIT => is_ascii_digit(ch),
        cat::NOT_DIGIT => !is_ascii_digit(ch),
        cat::SPACE => is_ascii_space(ch),
        cat::NOT_SPACE => !is_ascii_space(ch),
        cat::WORD => is_word(ch),
        cat::NOT_WORD => !is_word(ch),
        cat::LINEBREAK => ch == b'\n' as u32,
        cat::NOT_LINEBREAK => ch != b'\n' as u32,
        cat::LOC_WORD => is_loc_word(ch),
        cat::LOC_NOT_WORD => !is_loc_word(ch),
        cat::UNI_DIGIT => is_uni_digit(ch),
        cat::UNI_NOT_DIGIT => !is_uni_digit(ch),
        cat::UNI_SPACE => is_uni_space(ch),
        cat::UNI_NOT_SPACE => !is_uni_space(ch),
        cat::UNI_WORD => is_uni_word(ch),
        cat::UNI_NOT_WORD => !is_uni_word(ch),
        cat::UNI_LINEBREAK => is_uni_linebreak(ch),
        cat::UNI_NOT_LINEBREAK => !is_uni_linebreak(ch),
        _ => false,
    }
}

/// A code word, or `FAILURE` past the end (so that damaged code fails instead of panicking).
#[inline]
pub fn word(code: &[u32], i: usize) -> u32 {
    code.get(i).copied().unwrap_or(op::FAILURE)
}

/// Whether `ch` belongs to the set whose body starts at `code[pc]` (ended by `FAILURE`).
pub fn in_charset(code: &[u32], mut pc: usize, ch: u32) -> bool {
    let mut ok = true;
    loop {
        let o = word(code, pc);
        pc += 1;
        match o {
            op::FAILURE => return !ok,
            op::LITERAL => {
                if ch == word(code, pc) {
                    return ok;
                }
                pc += 1;
            }
            op::CATEGORY => {
                if category(word(code, pc), ch) {
                    return ok;
                }
                pc += 1;
            }
            op::CHARSET => {
                if ch < 256 && word(code, pc + (ch as usize >> 5)) & (1u32 << (ch & 31)) != 0 {
                    return ok;
                }
                pc += 8;
            }
            op::RANGE => {
                if word(code, pc) <= ch && ch <= word(code, pc + 1) {
                    return ok;
                }
                pc += 2;
            }
            op::RANGE_UNI_IGNORE => {
                let (lo, hi) = (word(code, pc), word(code, pc + 1));
                if lo <= ch && ch <= hi {
                    return ok;
                }
                let up = upper_unicode(ch);
                if lo <= up && up <= hi {
                    return ok;
                }
                pc += 2;
            }
            op::NEGATE => ok = !ok,
            op::BIGCHARSET => {
                let count = word(code, pc) as usize;
                pc += 1;
                if ch < 0x10000 {
                    // 256 block numbers, one byte each, packed little-endian in 64 words.
                    let hi = (ch >> 8) as usize;
                    let block = (word(code, pc + hi / 4) >> (8 * (hi % 4))) & 0xff;
                    let bit = block as usize * 256 + (ch & 255) as usize;
                    if word(code, pc + 64 + bit / 32) & (1u32 << (bit % 32)) != 0 {
                        return ok;
                    }
                }
                pc += 64 + count.saturating_mul(8);
            }
            _ => return false,
        }
    }
}

/// `IN_LOC_IGNORE`: membership of `ch` or its other case in the locale.
pub fn in_charset_loc_ignore(code: &[u32], pc: usize, ch: u32) -> bool {
    let lo = lower_locale(ch);
    if in_charset(code, pc, lo) {
        return true;
    }
    let up = upper_locale(ch);
    up != lo && in_charset(code, pc, up)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mappings() {
        assert_eq!(lower_unicode('A' as u32), 'a' as u32);
        assert_eq!(lower_unicode(0x130), 'i' as u32);
        assert_eq!(upper_unicode('ß' as u32), 'S' as u32);
        assert_eq!(lower_unicode(0x3a3), 0x3c3);
        assert!(unicode_iscased('ß' as u32) && !unicode_iscased('1' as u32));
        assert!(ascii_iscased('q' as u32) && !ascii_iscased(0xe9));
        assert_eq!(lower_unicode(0xd800), 0xd800);
    }

    #[test]
    fn categories() {
        assert!(category(cat::UNI_DIGIT, '٣' as u32) && !category(cat::DIGIT, '٣' as u32));
        assert!(category(cat::UNI_WORD, 'é' as u32) && !category(cat::WORD, 0xe9));
        assert!(category(cat::UNI_SPACE, 0x1c) && !category(cat::SPACE, 0x1c));
        assert!(category(cat::UNI_LINEBREAK, 0x2028) && !category(cat::LINEBREAK, 0x2028));
    }

    #[test]
    fn sets() {
        // [a-c] plus the literal 'x', then a negated digit class.
        let set = [op::RANGE, 97, 99, op::LITERAL, 120, op::FAILURE];
        assert!(in_charset(&set, 0, 'b' as u32) && in_charset(&set, 0, 'x' as u32));
        assert!(!in_charset(&set, 0, 'd' as u32));
        let neg = [op::NEGATE, op::CATEGORY, cat::DIGIT, op::FAILURE];
        assert!(in_charset(&neg, 0, 'a' as u32) && !in_charset(&neg, 0, '5' as u32));
        // Truncated code never panics.
        assert!(!in_charset(&[op::CHARSET], 0, 3));
    }
}
