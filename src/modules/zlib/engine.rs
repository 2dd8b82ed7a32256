//! Streaming DEFLATE for the `zlib` module over `miniz_oxide`, with zlib's framing choices
//! selected by `wbits` as CPython passes them to zlib: 8..=15 zlib, -15..=-8 raw, 24..=31 gzip
//! (the gzip header and trailer are written and checked here), 40..=47 (and 0) detect zlib or
//! gzip from the first byte when decompressing.
//!
//! Errors carry zlib's code and message (`Error -3 while decompressing data: incorrect header
//! check`). The compressed bytes are miniz's, which are valid DEFLATE but not always the same
//! bytes as the C zlib library produces.

use super::checksum::crc32;
use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::inflate::stream::InflateState;
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// How compressed data is framed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Wrap {
    /// zlib header and Adler-32 trailer.
    Zlib,
    /// Bare DEFLATE.
    Raw,
    /// gzip header and CRC-32/size trailer.
    Gzip,
    /// zlib or gzip, decided by the first byte (decompression only).
    Auto,
}

/// The framing `wbits` selects, or `None` for values zlib rejects.
pub fn wrap_of(wbits: i64, decompress: bool) -> Option<Wrap> {
    match wbits {
        8..=15 => Some(Wrap::Zlib),
        0 if decompress => Some(Wrap::Zlib),
        -15..=-8 => Some(Wrap::Raw),
        24..=31 => Some(Wrap::Gzip),
        40..=47 if decompress => Some(Wrap::Auto),
        _ => None,
    }
}

/// A zlib error: its code and message (`-3`, `incorrect header check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZError {
    /// zlib's return code.
    pub code: i32,
    /// zlib's message.
    pub msg: &'static str,
}

const fn zerr(code: i32, msg: &'static str) -> ZError {
    ZError { code, msg }
}

/// Output chunk size for one call into miniz.
const CHUNK: usize = 32 * 1024;

/// A decompressor in progress.
#[derive(Clone)]
pub struct Inflater {
    wrap: Wrap,
    state: Box<InflateState>,
    /// Bytes of a gzip header (or of the byte deciding `Auto`) not yet complete.
    header: Vec<u8>,
    header_done: bool,
    /// Bytes of the gzip trailer seen so far.
    trailer: Vec<u8>,
    deflate_done: bool,
    crc: u32,
    size: u32,
    total_in: u64,
    /// Whether the end of the stream (and its trailer) was reached.
    pub eof: bool,
}

impl Inflater {
    /// A decompressor for `wrap`.
    pub fn new(wrap: Wrap) -> Inflater {
        let format = if wrap == Wrap::Zlib {
            DataFormat::Zlib
        } else {
            DataFormat::Raw
        };
        Inflater {
            wrap,
            state: InflateState::new_boxed(format),
            header: Vec::new(),
            header_done: matches!(wrap, Wrap::Zlib | Wrap::Raw),
            trailer: Vec::new(),
            deflate_done: false,
            crc: 0,
            size: 0,
            total_in: 0,
            eof: false,
        }
    }

    /// Decompresses from `input`, appending at most `max_out` bytes (0: no limit) to `out`;
    /// returns how many input bytes were consumed. Input after the end of the stream is left
    /// unconsumed.
    pub fn feed(
        &mut self,
        input: &[u8],
        max_out: usize,
        out: &mut Vec<u8>,
    ) -> Result<usize, ZError> {
        let mut used = 0;
        if !self.header_done {
            used += self.read_header(input)?;
            if !self.header_done {
                return Ok(used);
            }
        }
        if !self.deflate_done {
            used += self.inflate(&input[used..], max_out, out)?;
        }
        if self.deflate_done && !self.eof {
            used += self.read_trailer(&input[used..])?;
        }
        Ok(used)
    }

    /// Consumes header bytes (gzip, or the deciding byte of `Auto`).
    fn read_header(&mut self, input: &[u8]) -> Result<usize, ZError> {
        if self.wrap == Wrap::Auto {
            let first = self.header.first().or(input.first()).copied();
            match first {
                None => return Ok(0),
                Some(0x1f) => self.wrap = Wrap::Gzip,
                Some(_) => {
                    self.wrap = Wrap::Zlib;
                    self.state = InflateState::new_boxed(DataFormat::Zlib);
                    self.header_done = true;
                    return Ok(0);
                }
            }
        }
        let before = self.header.len();
        let mut all = std::mem::take(&mut self.header);
        all.extend_from_slice(input);
        match gzip_header_len(&all)? {
            Some(len) => {
                self.header_done = true;
                self.total_in += (len - before) as u64;
                Ok(len - before)
            }
            None => {
                self.total_in += input.len() as u64;
                self.header = all;
                Ok(input.len())
            }
        }
    }

    fn inflate(
        &mut self,
        input: &[u8],
        max_out: usize,
        out: &mut Vec<u8>,
    ) -> Result<usize, ZError> {
        let mut used = 0;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let room = if max_out == 0 {
                CHUNK
            } else {
                let written = out.len();
                let left = max_out.saturating_sub(written);
                if left == 0 {
                    return Ok(used);
                }
                left.min(CHUNK)
            };
            let r = miniz_oxide::inflate::stream::inflate(
                &mut self.state,
                &input[used..],
                &mut buf[..room],
                MZFlush::None,
            );
            used += r.bytes_consumed;
            self.total_in += r.bytes_consumed as u64;
            let chunk = &buf[..r.bytes_written];
            if self.wrap == Wrap::Gzip {
                self.crc = crc32(chunk, self.crc);
                self.size = self.size.wrapping_add(chunk.len() as u32);
            }
            out.extend_from_slice(chunk);
            match r.status {
                Ok(MZStatus::StreamEnd) => {
                    self.deflate_done = true;
                    return Ok(used);
                }
                Ok(_) => {
                    if r.bytes_written < room && used >= input.len() {
                        return Ok(used);
                    }
                    if r.bytes_consumed == 0 && r.bytes_written == 0 {
                        return Ok(used);
                    }
                }
                Err(MZError::Buf) => return Ok(used),
                Err(_) => return Err(self.data_error()),
            }
        }
    }

    /// zlib's message for the failure miniz reported.
    fn data_error(&self) -> ZError {
        match self.state.last_status() {
            TINFLStatus::Adler32Mismatch => zerr(-3, "incorrect data check"),
            _ if self.wrap == Wrap::Zlib && self.total_in <= 2 => {
                zerr(-3, "incorrect header check")
            }
            _ => zerr(-3, "invalid block type"),
        }
    }

    fn read_trailer(&mut self, input: &[u8]) -> Result<usize, ZError> {
        if self.wrap != Wrap::Gzip {
            self.eof = true;
            return Ok(0);
        }
        let take = (8 - self.trailer.len()).min(input.len());
        self.trailer.extend_from_slice(&input[..take]);
        if self.trailer.len() == 8 {
            let t = &self.trailer;
            let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
            let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
            if crc != self.crc {
                return Err(zerr(-3, "incorrect data check"));
            }
            if size != self.size {
                return Err(zerr(-3, "incorrect length check"));
            }
            self.eof = true;
        }
        Ok(take)
    }
}

/// The length of the gzip header at the start of `buf`, `None` if more bytes are needed.
fn gzip_header_len(buf: &[u8]) -> Result<Option<usize>, ZError> {
    if !buf.is_empty() && buf[0] != 0x1f || buf.len() > 1 && buf[1] != 0x8b {
        return Err(zerr(-3, "incorrect header check"));
    }
    if buf.len() > 2 && buf[2] != 8 {
        return Err(zerr(-3, "unknown compression method"));
    }
    if buf.len() < 10 {
        return Ok(None);
    }
    let flags = buf[3];
    let mut at = 10;
    if flags & 4 != 0 {
        if buf.len() < at + 2 {
            return Ok(None);
        }
        at += 2 + usize::from(u16::from_le_bytes([buf[at], buf[at + 1]]));
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            match buf.get(at..).and_then(|b| b.iter().position(|c| *c == 0)) {
                Some(p) => at += p + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    Ok(if buf.len() >= at { Some(at) } else { None })
}

/// A compressor in progress.
#[derive(Clone)]
pub struct Deflater {
    comp: Box<CompressorOxide>,
    gzip: bool,
    level: i32,
    strategy: i32,
    header_written: bool,
    crc: u32,
    size: u32,
    finished: bool,
}

impl Deflater {
    /// A compressor; `level` is -1..=9 and `wrap` is not `Auto`.
    pub fn new(level: i32, wrap: Wrap, strategy: i32) -> Deflater {
        let level = if level < 0 { 6 } else { level };
        let window = if wrap == Wrap::Zlib { 15 } else { -15 };
        let flags = create_comp_flags_from_zip_params(level, window, strategy);
        Deflater {
            comp: Box::new(CompressorOxide::new(flags)),
            gzip: wrap == Wrap::Gzip,
            level,
            strategy,
            header_written: false,
            crc: 0,
            size: 0,
            finished: false,
        }
    }

    fn header(&mut self, out: &mut Vec<u8>) {
        if self.gzip && !self.header_written {
            let xfl = if self.level == 9 {
                2
            } else if self.strategy >= 2 || self.level < 2 {
                4
            } else {
                0
            };
            out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
        }
        self.header_written = true;
    }

    fn run(&mut self, input: &[u8], flush: MZFlush, out: &mut Vec<u8>) -> Result<(), ZError> {
        let mut used = 0;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let r = miniz_oxide::deflate::stream::deflate(
                &mut self.comp,
                &input[used..],
                &mut buf,
                flush,
            );
            used += r.bytes_consumed;
            out.extend_from_slice(&buf[..r.bytes_written]);
            match r.status {
                Ok(MZStatus::StreamEnd) => return Ok(()),
                Ok(_) => {
                    if used >= input.len() && r.bytes_written < buf.len() {
                        return Ok(());
                    }
                }
                Err(MZError::Buf) => return Ok(()),
                Err(_) => return Err(zerr(-2, "inconsistent stream state")),
            }
        }
    }

    /// Compresses `input`, appending whatever output is ready.
    pub fn compress(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), ZError> {
        if self.finished {
            return Err(zerr(-2, "inconsistent stream state"));
        }
        self.header(out);
        if self.gzip {
            self.crc = crc32(input, self.crc);
            self.size = self.size.wrapping_add(input.len() as u32);
        }
        self.run(input, MZFlush::None, out)
    }

    /// Flushes with zlib's mode number (`Z_SYNC_FLUSH`, `Z_FULL_FLUSH`, `Z_FINISH`, ...).
    pub fn flush(&mut self, mode: i64, out: &mut Vec<u8>) -> Result<(), ZError> {
        let flush = match mode {
            0 => return Ok(()),
            1 | 2 | 5 | 6 => MZFlush::Sync,
            3 => MZFlush::Full,
            4 => MZFlush::Finish,
            _ => return Err(zerr(-2, "inconsistent stream state")),
        };
        if self.finished {
            return if flush == MZFlush::Finish {
                Ok(())
            } else {
                Err(zerr(-2, "inconsistent stream state"))
            };
        }
        self.header(out);
        self.run(&[], flush, out)?;
        if flush == MZFlush::Finish {
            self.finished = true;
            if self.gzip {
                out.extend_from_slice(&self.crc.to_le_bytes());
                out.extend_from_slice(&self.size.to_le_bytes());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(wrap: Wrap) {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut d = Deflater::new(-1, wrap, 0);
        let mut packed = Vec::new();
        d.compress(&data, &mut packed).unwrap();
        d.flush(4, &mut packed).unwrap();
        let mut i = Inflater::new(if wrap == Wrap::Raw {
            Wrap::Raw
        } else {
            Wrap::Auto
        });
        let mut out = Vec::new();
        let used = i.feed(&packed, 0, &mut out).unwrap();
        assert_eq!(used, packed.len());
        assert!(i.eof);
        assert_eq!(out, data);
    }

    #[test]
    fn round_trips() {
        round_trip(Wrap::Zlib);
        round_trip(Wrap::Raw);
        round_trip(Wrap::Gzip);
    }

    #[test]
    fn bad_header() {
        let mut i = Inflater::new(Wrap::Gzip);
        let e = i.feed(b"abc", 0, &mut Vec::new()).unwrap_err();
        assert_eq!(e.msg, "incorrect header check");
    }
}
