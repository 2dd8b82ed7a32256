//! Generalized UTF-8: the bytes a `str` stores. Every code point is in its UTF-8 form, lone
//! surrogates (U+D800..U+DFFF, which `str` can hold as in CPython) included, in their 3-byte
//! form (`ED A0 80` .. `ED BF BF`, what `'surrogatepass'` writes). Two adjacent surrogates are
//! never joined into one code point, so concatenation is concatenation of bytes, equality is
//! equality of bytes, and byte order is code point order (the surrogate forms sort between
//! U+D7FF's `ED 9F BF` and U+E000's `EE 80 80`).
//!
//! Text without surrogates is plain UTF-8, and most of the interpreter handles only that
//! (`objects::str::as_str`); [`Wtf8`] is the view of any str, [`Wtf8Buf`] builds one.

/// A borrowed run of generalized UTF-8.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Wtf8<'a> {
    bytes: &'a [u8],
}

/// The first and last code points of the surrogate range.
pub const SURROGATE_FIRST: u32 = 0xd800;
/// The last surrogate code point.
pub const SURROGATE_LAST: u32 = 0xdfff;

/// Whether a code point is a surrogate.
#[inline]
pub fn is_surrogate(cp: u32) -> bool {
    (SURROGATE_FIRST..=SURROGATE_LAST).contains(&cp)
}

/// Appends the generalized UTF-8 form of `cp` (at most 0x10ffff) to `out`.
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xf0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    }
}

/// The number of bytes of the sequence that starts with `lead`.
#[inline]
fn seq_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

impl<'a> Wtf8<'a> {
    /// The view of UTF-8 text.
    pub fn of_str(s: &'a str) -> Wtf8<'a> {
        Wtf8 {
            bytes: s.as_bytes(),
        }
    }

    /// The view of bytes that are generalized UTF-8 (the bytes of a str object, or of a
    /// [`Wtf8Buf`]); other bytes give wrong code points, never unsoundness.
    pub(crate) fn from_bytes_trusted(bytes: &'a [u8]) -> Wtf8<'a> {
        Wtf8 { bytes }
    }

    /// The bytes.
    pub fn as_bytes(self) -> &'a [u8] {
        self.bytes
    }

    /// The text, when it holds no surrogate.
    pub fn as_str(self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes).ok()
    }

    /// Whether the text holds a surrogate.
    pub fn has_surrogates(self) -> bool {
        self.surrogate_index().is_some()
    }

    /// The code point index of the first surrogate, if any.
    pub fn surrogate_index(self) -> Option<usize> {
        self.code_points().position(is_surrogate)
    }

    /// The code points.
    pub fn code_points(self) -> CodePoints<'a> {
        CodePoints {
            bytes: self.bytes,
            pos: 0,
        }
    }

    /// The code points with the byte offset each starts at.
    pub fn code_point_indices(self) -> impl Iterator<Item = (usize, u32)> + 'a {
        let mut it = self.code_points();
        std::iter::from_fn(move || {
            let at = it.pos;
            it.next().map(|c| (at, c))
        })
    }

    /// The length in code points.
    pub fn len(self) -> usize {
        self.bytes.iter().filter(|&&b| (b & 0xc0) != 0x80).count()
    }

    /// Whether there is no text.
    pub fn is_empty(self) -> bool {
        self.bytes.is_empty()
    }

    /// The text with every surrogate replaced by U+FFFD (for messages and other places that
    /// cannot show a surrogate).
    pub fn to_lossy(self) -> String {
        match self.as_str() {
            Some(s) => s.to_string(),
            None => self
                .code_points()
                .map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
                .collect(),
        }
    }

    /// The byte range of the code points `from..to` (clamped to the text).
    pub fn byte_range(self, from: usize, to: usize) -> (usize, usize) {
        let mut start = self.bytes.len();
        let mut end = self.bytes.len();
        for (n, (at, _)) in self.code_point_indices().enumerate() {
            if n == from {
                start = at;
            }
            if n == to {
                end = at;
                break;
            }
        }
        (start.min(end), end)
    }

    /// The sub-view of bytes `from..to`, which must lie on code point boundaries.
    pub fn slice_bytes(self, from: usize, to: usize) -> Wtf8<'a> {
        Wtf8 {
            bytes: &self.bytes[from..to],
        }
    }

    /// The byte offset of the first occurrence of `needle`, searching from byte `from`.
    /// Generalized UTF-8 is self-synchronizing, so a byte match is a code point match.
    pub fn find_bytes(self, needle: Wtf8<'_>, from: usize) -> Option<usize> {
        let (h, n) = (&self.bytes[from.min(self.bytes.len())..], needle.bytes);
        if n.is_empty() {
            return Some(from.min(self.bytes.len()));
        }
        h.windows(n.len()).position(|w| w == n).map(|i| i + from)
    }
}

/// Decodes UTF-8 with the `surrogateescape` handler (the file-system decoding): every byte
/// that is not part of valid UTF-8 becomes U+DC00 + byte (always U+DC80..U+DCFF).
pub fn decode_surrogateescape(mut data: &[u8]) -> Wtf8Buf {
    let mut out = Wtf8Buf::with_capacity(data.len());
    loop {
        match std::str::from_utf8(data) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&data[..good]).unwrap_or(""));
                let n = e.error_len().unwrap_or(data.len() - good);
                for &b in &data[good..good + n] {
                    out.push_code_point(0xdc00 + b as u32);
                }
                data = &data[good + n..];
            }
        }
    }
}

/// Encodes as UTF-8 with the `surrogateescape` handler (the file-system encoding): U+DC80..
/// U+DCFF become the bytes 0x80..0xff; any other surrogate is an error, reported as the code
/// point range of the first run of such surrogates.
pub fn encode_surrogateescape(w: Wtf8<'_>) -> Result<Vec<u8>, (usize, usize)> {
    if let Some(s) = w.as_str() {
        return Ok(s.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(w.as_bytes().len());
    let cps: Vec<u32> = w.code_points().collect();
    for (i, &c) in cps.iter().enumerate() {
        if (0xdc80..=0xdcff).contains(&c) {
            out.push((c - 0xdc00) as u8);
        } else if is_surrogate(c) {
            let end = i + cps[i..]
                .iter()
                .take_while(|&&c| is_surrogate(c) && !(0xdc80..=0xdcff).contains(&c))
                .count();
            return Err((i, end));
        } else {
            push_code_point(&mut out, c);
        }
    }
    Ok(out)
}

/// The code points of a [`Wtf8`].
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let b = &self.bytes[self.pos.min(self.bytes.len())..];
        let &lead = b.first()?;
        let n = seq_len(lead).min(b.len());
        let cont = |i: usize| (b.get(i).copied().unwrap_or(0x80) & 0x3f) as u32;
        let cp = match n {
            1 => lead as u32,
            2 => ((lead as u32 & 0x1f) << 6) | cont(1),
            3 => ((lead as u32 & 0x0f) << 12) | (cont(1) << 6) | cont(2),
            _ => ((lead as u32 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
        };
        self.pos += n.max(1);
        Some(cp)
    }
}

/// An owned, growable run of generalized UTF-8.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Wtf8Buf {
    bytes: Vec<u8>,
}

impl Wtf8Buf {
    /// An empty buffer.
    pub fn new() -> Wtf8Buf {
        Wtf8Buf { bytes: Vec::new() }
    }

    /// An empty buffer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Wtf8Buf {
        Wtf8Buf {
            bytes: Vec::with_capacity(n),
        }
    }

    /// Appends a character.
    pub fn push(&mut self, c: char) {
        let mut buf = [0; 4];
        self.bytes
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Appends a code point (a surrogate stays a lone surrogate). Values above 0x10ffff are a
    /// caller's bug and become U+FFFD.
    pub fn push_code_point(&mut self, cp: u32) {
        push_code_point(&mut self.bytes, if cp > 0x10ffff { 0xfffd } else { cp });
    }

    /// Appends UTF-8 text.
    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Appends generalized UTF-8 text.
    pub fn push_wtf8(&mut self, w: Wtf8<'_>) {
        self.bytes.extend_from_slice(w.bytes);
    }

    /// The view of the text.
    pub fn as_wtf8(&self) -> Wtf8<'_> {
        Wtf8 { bytes: &self.bytes }
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the buffer is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Shortens the buffer to `n` bytes (a code point boundary).
    pub fn truncate(&mut self, n: usize) {
        self.bytes.truncate(n);
    }

    /// The text as a `String` when it holds no surrogate, else the buffer back.
    pub fn into_string(self) -> Result<String, Wtf8Buf> {
        String::from_utf8(self.bytes).map_err(|e| Wtf8Buf {
            bytes: e.into_bytes(),
        })
    }
}

impl Extend<char> for Wtf8Buf {
    fn extend<I: IntoIterator<Item = char>>(&mut self, iter: I) {
        for c in iter {
            self.push(c);
        }
    }
}

impl From<String> for Wtf8Buf {
    fn from(s: String) -> Wtf8Buf {
        Wtf8Buf {
            bytes: s.into_bytes(),
        }
    }
}

impl From<Wtf8<'_>> for Wtf8Buf {
    fn from(w: Wtf8<'_>) -> Wtf8Buf {
        Wtf8Buf {
            bytes: w.bytes.to_vec(),
        }
    }
}

impl From<&str> for Wtf8Buf {
    fn from(s: &str) -> Wtf8Buf {
        Wtf8Buf {
            bytes: s.as_bytes().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip() {
        let mut b = Wtf8Buf::new();
        b.push_str("a");
        b.push_code_point(0xd83d);
        b.push_code_point(0xde00);
        b.push('é');
        let w = b.as_wtf8();
        assert_eq!(w.len(), 4);
        assert_eq!(
            w.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xd83d, 0xde00, 0xe9]
        );
        assert_eq!(w.as_str(), None);
        assert_eq!(w.surrogate_index(), Some(1));
        assert_eq!(w.to_lossy(), "a\u{fffd}\u{fffd}é");
        // Never joined: differs from the pair's code point.
        assert_ne!(w.as_bytes(), "a😀é".as_bytes());
    }

    #[test]
    fn order_is_code_point_order() {
        let mut lo = Wtf8Buf::new();
        lo.push_code_point(0xd800);
        let mut hi = Wtf8Buf::new();
        hi.push_code_point(0xe000);
        let mut below = Wtf8Buf::new();
        below.push_code_point(0xd7ff);
        assert!(lo.as_wtf8() < hi.as_wtf8());
        assert!(below.as_wtf8() < lo.as_wtf8());
        assert!(hi.as_wtf8() < Wtf8::of_str("\u{10000}"));
    }

    #[test]
    fn ranges_and_search() {
        let mut b = Wtf8Buf::from("xé");
        b.push_code_point(0xdcff);
        b.push_str("yz");
        let w = b.as_wtf8();
        assert_eq!(w.byte_range(1, 3), (1, 6));
        assert_eq!(w.byte_range(2, 9), (3, w.as_bytes().len()));
        let mut n = Wtf8Buf::new();
        n.push_code_point(0xdcff);
        assert_eq!(w.find_bytes(n.as_wtf8(), 0), Some(3));
        assert_eq!(w.find_bytes(Wtf8::of_str("z"), 0), Some(7));
    }
}
