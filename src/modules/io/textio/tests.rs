//! Unit tests of the TextIOWrapper parts that need no interpreter: cookies, line endings and
//! code point counting over generalized UTF-8.

use super::codec::{advance_chars, char_count};
use super::cookie::Cookie;
use super::read::find_line_end;
use num_bigint::BigInt;

#[test]
fn cookies_pack_as_cpython_lays_them_out() {
    let c = Cookie {
        start_pos: 5,
        dec_flags: 1,
        bytes_to_feed: 2,
        chars_to_skip: 3,
        need_eof: true,
    };
    let expected = BigInt::from(5)
        + (BigInt::from(1) << 64)
        + (BigInt::from(2) << 96)
        + (BigInt::from(3) << 128)
        + (BigInt::from(1) << 160);
    assert_eq!(c.to_bigint(), expected);
    assert_eq!(Cookie::from_bigint(&expected), Some(c));
    let plain = Cookie {
        start_pos: 1234,
        ..Cookie::default()
    };
    assert_eq!(plain.to_bigint(), BigInt::from(1234));
    assert_eq!(Cookie::from_bigint(&(BigInt::from(1) << 168)), None);
    assert_eq!(Cookie::from_bigint(&BigInt::from(-1)), None);
}

#[test]
fn line_endings_follow_the_newline_mode() {
    // Translated: only "\n".
    assert_eq!(find_line_end(true, true, "\n", b"ab\ncd"), Ok(3));
    assert_eq!(find_line_end(true, true, "\n", b"ab\rcd"), Err(5));
    // Universal, untranslated: a final "\r" waits for the next chunk.
    assert_eq!(find_line_end(false, true, "", b"ab\r\ncd"), Ok(4));
    assert_eq!(find_line_end(false, true, "", b"ab\rcd"), Ok(3));
    assert_eq!(find_line_end(false, true, "", b"ab\r"), Err(2));
    // A given ending, maybe split between chunks.
    assert_eq!(find_line_end(false, false, "\r\n", b"a\rb\r\nc"), Ok(5));
    assert_eq!(find_line_end(false, false, "\r\n", b"ab\r"), Err(2));
    assert_eq!(find_line_end(false, false, "\r", b"a\nb"), Err(3));
}

#[test]
fn code_points_count_over_generalized_utf8() {
    let s = "h\u{e9}\u{20ac}\u{1f600}!";
    assert_eq!(char_count(s.as_bytes()), 5);
    assert_eq!(advance_chars(s.as_bytes(), 0, 2), 3);
    assert_eq!(advance_chars(s.as_bytes(), 1, 2), 6);
    assert_eq!(advance_chars(s.as_bytes(), 0, 10), s.len());
    // A lone surrogate in its 3-byte form is one code point.
    let lone = [b'a', 0xed, 0xb3, 0xbf, b'b'];
    assert_eq!(char_count(&lone), 3);
    assert_eq!(advance_chars(&lone, 0, 2), 4);
}
