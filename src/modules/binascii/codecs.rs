//! The binary-to-text codecs of `binascii` as plain functions over byte slices: hex with
//! separators, base64 (lenient and strict decoding), uuencode lines, quoted-printable, and the
//! CRC-32 and CRC-CCITT checksums. Errors are CPython's `binascii.Error` messages.

/// Hex digits, lowercase (hexlify) and uppercase (quoted-printable).
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `hexlify(data, sep, bytes_per_sep)`: groups of `|per|` bytes counted from the right for a
/// positive count, from the left for a negative one.
pub fn hexlify(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 3);
    let n = data.len();
    let group = per.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && group > 0 {
                let boundary = if per > 0 {
                    (n - i).is_multiple_of(group)
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(HEX_LOWER[usize::from(b >> 4)]);
        out.push(HEX_LOWER[usize::from(b & 15)]);
    }
    out
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `unhexlify(data)`.
pub fn unhexlify(data: &[u8]) -> Result<Vec<u8>, String> {
    if !data.len().is_multiple_of(2) {
        return Err("Odd-length string".into());
    }
    data.chunks(2)
        .map(|p| match (hex_value(p[0]), hex_value(p[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err("Non-hexadecimal digit found".to_string()),
        })
        .collect()
}

/// `b2a_base64(data, newline=...)`.
pub fn b2a_base64(data: &[u8], newline: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((v >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|x| *x == c).map(|p| p as u32)
}

/// `a2b_base64(data, strict_mode=...)`: lenient decoding skips characters outside the
/// alphabet and stops at the padding that completes a quad.
pub fn a2b_base64(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut quad = 0;
    let mut pads = 0;
    let mut left: u32 = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && i == 0 {
                return Err("Leading padding not allowed".into());
            }
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

/// `b2a_uu(data, backtick=...)`: one uuencoded line (at most 45 bytes of data).
pub fn b2a_uu(data: &[u8], backtick: bool) -> Result<Vec<u8>, String> {
    if data.len() > 45 {
        return Err("At most 45 bytes at once".into());
    }
    let enc = |v: u8| {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v
        }
    };
    let mut out = vec![enc(data.len() as u8)];
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            out.push(enc(((v >> (18 - 6 * k)) & 63) as u8));
        }
    }
    out.push(b'\n');
    Ok(out)
}

/// `a2b_uu(data)`: decodes one line; missing characters count as zero bits.
pub fn a2b_uu(data: &[u8]) -> Result<Vec<u8>, String> {
    // An empty line reads as the length character of a C string's terminator.
    let first = data.first().copied().unwrap_or(0);
    let mut want = usize::from(first.wrapping_sub(b' ') & 0x3f);
    let mut out = Vec::with_capacity(want);
    let mut rest = data.get(1..).unwrap_or(&[]).iter();
    let mut left: u32 = 0;
    let mut bits = 0;
    while want > 0 {
        let v = match rest.next() {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(&c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err("Illegal char".into());
                }
                u32::from(c.wrapping_sub(b' ') & 0x3f)
            }
        };
        left = (left << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            want -= 1;
        }
    }
    for &c in rest {
        if !matches!(c, b' ' | b'`' | b'\n' | b'\r') {
            return Err("Trailing garbage".into());
        }
    }
    Ok(out)
}

/// The longest quoted-printable line, soft line break included.
const QP_LINE: usize = 76;

/// `b2a_qp(data, quotetabs, istext, header)`.
pub fn b2a_qp(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    let crlf = match data.iter().position(|c| *c == b'\n') {
        Some(p) => p > 0 && data[p - 1] == b'\r',
        None => false,
    };
    let newline: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let n = data.len();
    let mut out: Vec<u8> = Vec::with_capacity(n * 2);
    let mut line = 0;
    let mut i = 0;
    let push_hex = |out: &mut Vec<u8>, c: u8| {
        out.push(HEX_UPPER[usize::from(c >> 4)]);
        out.push(HEX_UPPER[usize::from(c & 15)]);
    };
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let at_end = i + 1 == n;
        let quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.'
                && line == 0
                && (at_end || matches!(next, Some(b'\n') | Some(b'\r') | Some(0))))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && at_end)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if quote {
            if line + 3 >= QP_LINE {
                out.push(b'=');
                out.extend_from_slice(newline);
                line = 0;
            }
            out.push(b'=');
            push_hex(&mut out, c);
            line += 3;
            i += 1;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            line = 0;
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    out.pop();
                    out.push(b'=');
                    push_hex(&mut out, last);
                }
            }
            out.extend_from_slice(newline);
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if !at_end && next != Some(b'\n') && line + 1 >= QP_LINE {
                out.push(b'=');
                out.extend_from_slice(newline);
                line = 0;
            }
            line += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    out
}

/// `a2b_qp(data, header)`.
pub fn a2b_qp(data: &[u8], header: bool) -> Vec<u8> {
    let n = data.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= n {
                break;
            }
            let d = data[i];
            if d == b'\n' || d == b'\r' {
                if d != b'\n' {
                    while i < n && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < n {
                    i += 1;
                }
            } else if d == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(h), Some(l)) =
                (hex_value(d), data.get(i + 1).copied().and_then(hex_value))
            {
                out.push(h << 4 | l);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// CRC-32 (the zlib polynomial) of `data`, continuing from `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    crate::modules::zlib::checksum::crc32(data, crc)
}

/// CRC-CCITT (polynomial 0x1021, as binhex uses) of `data`, continuing from `crc`.
pub fn crc_hqx(data: &[u8], crc: u16) -> u16 {
    let mut c = crc;
    for &b in data {
        c ^= u16::from(b) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_groups() {
        assert_eq!(hexlify(b"abcdef", Some(b':'), 2), b"6162:6364:6566");
        assert_eq!(hexlify(b"abcdefg", Some(b':'), -2), b"6162:6364:6566:67");
        assert_eq!(hexlify(b"abcdefg", Some(b':'), 2), b"61:6263:6465:6667");
        assert_eq!(unhexlify(b"01FF").unwrap(), vec![1, 255]);
    }

    #[test]
    fn base64_round_trip() {
        assert_eq!(b2a_base64(b"abcd", true), b"YWJjZA==\n");
        assert_eq!(a2b_base64(b"YWJj\nZA==", false).unwrap(), b"abcd");
        assert_eq!(a2b_base64(b"YQ", false).unwrap_err(), "Incorrect padding");
    }

    #[test]
    fn checksums() {
        assert_eq!(crc32(b"abc", 0), 891_568_578);
        assert_eq!(crc_hqx(b"abc", 0), 40406);
    }

    #[test]
    fn uu_and_qp() {
        assert_eq!(b2a_uu(b"abc", false).unwrap(), b"#86)C\n");
        assert_eq!(a2b_uu(b"#86)C\n").unwrap(), b"abc");
        assert_eq!(a2b_uu(b"").unwrap(), vec![0; 32]);
        assert_eq!(b2a_qp(b"a b", false, true, true), b"a_b");
        assert_eq!(a2b_qp(b"x=3D=\ny", false), b"x=y");
    }
}
