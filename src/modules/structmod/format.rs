//! Parsing a `struct` format string into the fields it lays out: byte order and size mode
//! from the first character (`@=<>!`), then codes with optional repeat counts, with
//! CPython's native sizes and alignment on x86-64 Linux for `@` and the standard sizes for
//! the other prefixes.

/// Byte order of multi-byte fields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Order {
    /// Least significant byte first.
    Little,
    /// Most significant byte first.
    Big,
}

/// A run of fields of one code from a byte offset: `count` values of `len` bytes each. An
/// `s` or `p` run is one value of `len` bytes (`count == 1`); `x` runs are not listed.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The format character.
    pub code: u8,
    /// Byte offset of the first value in the packed data.
    pub offset: usize,
    /// Bytes one value covers.
    pub len: usize,
    /// How many values the run holds.
    pub count: usize,
}

/// A parsed format.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Byte order of the fields.
    pub order: Order,
    /// Whether native sizes (`@`) are in force, which also selects C's conversion rules.
    pub native: bool,
    /// The value-carrying runs, in order.
    pub fields: Vec<Field>,
    /// How many values the format packs.
    pub values: usize,
    /// Total size in bytes.
    pub size: usize,
}

/// Why a format is rejected (each maps to one `struct.error` message).
#[derive(Debug, PartialEq, Eq)]
pub enum FormatError {
    /// `bad char in struct format`.
    BadChar,
    /// `repeat count given without format specifier`.
    CountWithoutCode,
    /// `total struct size too long`.
    TooLong,
    /// `embedded null character` (a NUL anywhere in the format).
    EmbeddedNull,
}

impl FormatError {
    /// CPython's message.
    pub fn message(&self) -> &'static str {
        match self {
            FormatError::BadChar => "bad char in struct format",
            FormatError::CountWithoutCode => "repeat count given without format specifier",
            FormatError::TooLong => "total struct size too long",
            FormatError::EmbeddedNull => "embedded null character",
        }
    }
}

/// Size and alignment of `code` under native rules, if it is a native code.
fn native_size(code: u8) -> Option<(usize, usize)> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => (1, 1),
        b'h' | b'H' | b'e' => (2, 2),
        b'i' | b'I' | b'f' => (4, 4),
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => (8, 8),
        _ => return None,
    })
}

/// Size of `code` under standard rules (no alignment), if it is a standard code.
fn standard_size(code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

/// Parses `fmt` into its layout.
pub fn parse(fmt: &[u8]) -> Result<Layout, FormatError> {
    if fmt.contains(&0) {
        return Err(FormatError::EmbeddedNull);
    }
    let (order, native, body) = match fmt.first() {
        Some(b'@') => (Order::Little, true, &fmt[1..]),
        Some(b'=') | Some(b'<') => (Order::Little, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Order::Big, false, &fmt[1..]),
        _ => (Order::Little, true, fmt),
    };
    let mut fields = Vec::new();
    let mut size: usize = 0;
    let mut values = 0;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: usize = 1;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < body.len() && body[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(usize::from(body[i] - b'0')))
                    .ok_or(FormatError::TooLong)?;
                i += 1;
            }
            if i >= body.len() {
                return Err(FormatError::CountWithoutCode);
            }
            count = n;
        }
        let code = body[i];
        i += 1;
        let (item, align) = if native {
            native_size(code).ok_or(FormatError::BadChar)?
        } else {
            (standard_size(code).ok_or(FormatError::BadChar)?, 1)
        };
        if native {
            size = size.checked_add(align - 1).ok_or(FormatError::TooLong)? / align * align;
        }
        let total = item.checked_mul(count).ok_or(FormatError::TooLong)?;
        match code {
            b'x' => {}
            b's' | b'p' => {
                values += 1;
                fields.push(Field {
                    code,
                    offset: size,
                    len: count,
                    count: 1,
                });
            }
            _ if count == 0 => {}
            _ => {
                values += count;
                fields.push(Field {
                    code,
                    offset: size,
                    len: item,
                    count,
                });
            }
        }
        size = size.checked_add(total).ok_or(FormatError::TooLong)?;
        if size > isize::MAX as usize {
            return Err(FormatError::TooLong);
        }
    }
    Ok(Layout {
        order,
        native,
        fields,
        values,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_alignment() {
        assert_eq!(parse(b"@ci").unwrap().size, 8);
        assert_eq!(parse(b"@cq").unwrap().size, 16);
        assert_eq!(parse(b"=cq").unwrap().size, 9);
        assert_eq!(parse(b"ci0l").unwrap().size, 8);
        assert_eq!(parse(b" 2i x ").unwrap().size, 9);
    }

    #[test]
    fn errors() {
        assert_eq!(parse(b"<n").unwrap_err(), FormatError::BadChar);
        assert_eq!(parse(b"3").unwrap_err(), FormatError::CountWithoutCode);
        assert_eq!(
            parse(b"99999999999999999999i").unwrap_err(),
            FormatError::TooLong
        );
        assert_eq!(parse(b"2\0i").unwrap_err(), FormatError::EmbeddedNull);
        assert_eq!(parse(b"i\0").unwrap_err(), FormatError::EmbeddedNull);
    }

    #[test]
    fn strings_are_one_field() {
        let l = parse(b"<5s2h").unwrap();
        assert_eq!(l.fields.len(), 2);
        assert_eq!(l.values, 3);
        assert_eq!(l.size, 9);
    }
}
