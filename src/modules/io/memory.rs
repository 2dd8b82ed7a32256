//! The in-memory buffer `StringIO` (over code points) and `BytesIO` (over bytes) share: the
//! contents, the position (which may lie past the end: a write there pads with zeros) and
//! whether the stream was closed.

/// An in-memory stream's state.
pub struct Memory<T: Copy + Default + PartialEq> {
    /// The contents.
    pub data: Vec<T>,
    /// The position.
    pub pos: usize,
    /// Whether `close()` ran.
    pub closed: bool,
}

impl<T: Copy + Default + PartialEq> Memory<T> {
    /// A stream holding `data`, at position 0.
    pub fn new(data: Vec<T>) -> Self {
        Memory {
            data,
            pos: 0,
            closed: false,
        }
    }

    /// Reads up to `size` items (all for a negative `size`) from the position.
    pub fn read(&mut self, size: i64) -> Vec<T> {
        let start = self.pos.min(self.data.len());
        let end = if size < 0 {
            self.data.len()
        } else {
            start.saturating_add(size as usize).min(self.data.len())
        };
        self.pos = self.pos.max(end);
        self.data[start..end].to_vec()
    }

    /// Reads a line: up to the end of `terminator` (the first match of `find`), at most `size`
    /// items when `size` is not negative.
    pub fn read_line(&mut self, size: i64, find: impl Fn(&[T]) -> Option<usize>) -> Vec<T> {
        let start = self.pos.min(self.data.len());
        let rest = &self.data[start..];
        let mut end = find(rest).map_or(rest.len(), |i| i.min(rest.len()));
        if size >= 0 {
            end = end.min(size as usize);
        }
        self.pos = start + end;
        rest[..end].to_vec()
    }

    /// Writes `items` at the position (padding with zeros up to it), returns how many.
    pub fn write(&mut self, items: &[T]) -> usize {
        if items.is_empty() {
            return 0;
        }
        if self.pos > self.data.len() {
            self.data.resize(self.pos, T::default());
        }
        let end = self.pos + items.len();
        let overlap = end.min(self.data.len()) - self.pos;
        self.data[self.pos..self.pos + overlap].copy_from_slice(&items[..overlap]);
        self.data.extend_from_slice(&items[overlap..]);
        self.pos = end;
        items.len()
    }

    /// Cuts the contents to `size` items (the position does not move).
    pub fn truncate(&mut self, size: usize) {
        if size < self.data.len() {
            self.data.truncate(size);
        }
    }
}

/// The end (exclusive) of the first line of `rest` ending with `nl`, if any.
pub fn find_terminator<T: PartialEq>(rest: &[T], nl: &[T]) -> Option<usize> {
    if nl.is_empty() || rest.len() < nl.len() {
        return None;
    }
    (0..=rest.len() - nl.len())
        .find(|&i| rest[i..i + nl.len()] == *nl)
        .map(|i| i + nl.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_overwrite_and_pad() {
        let mut m = Memory::new(b"hello".to_vec());
        m.pos = 1;
        assert_eq!(m.write(b"EY"), 2);
        assert_eq!(m.data, b"hEYlo");
        m.pos = 7;
        m.write(b"!");
        assert_eq!(m.data, b"hEYlo\0\0!");
        m.truncate(2);
        assert_eq!(m.data, b"hE");
        assert_eq!(m.pos, 8);
    }

    #[test]
    fn reads_and_lines() {
        let mut m = Memory::new(b"ab\ncd".to_vec());
        assert_eq!(m.read_line(-1, |r| find_terminator(r, b"\n")), b"ab\n");
        assert_eq!(m.read(1), b"c");
        assert_eq!(m.read(-1), b"d");
        assert_eq!(m.read(5), b"");
        m.pos = 10;
        assert_eq!(m.read(-1), b"");
        assert_eq!(m.pos, 10);
    }
}
