//! The program's standard output as CPython buffers it: `sys.stdout` is a text layer over a
//! `BufferedWriter` over file descriptor 1 — line-buffered on a terminal, block-buffered
//! (8 KiB) otherwise, unbuffered with `PYTHONUNBUFFERED` set.
//!
//! Two details of CPython's behaviour that a plain `BufWriter` gets wrong, and that decide how a
//! program ends when its output cannot be written (`| head -1`, `> /dev/full`):
//! - a write that fails drops the bytes it could not write (they are not retried at the next
//!   flush), so a program whose `print` raised `BrokenPipeError` has nothing left to flush at
//!   exit and ends with status 1;
//! - bytes still buffered at exit are flushed then, and if that fails the interpreter reports it
//!   ("Exception ignored in: <_io.TextIOWrapper name='<stdout>' ...>") and exits with 120
//!   (see `Interpreter::flush_std_streams`).

use std::io::{self, IsTerminal, Write};

/// Bytes buffered before a block-buffered stream writes (CPython's `io.DEFAULT_BUFFER_SIZE`).
pub const BLOCK_SIZE: usize = 8192;

/// When buffered output is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Buffering {
    /// Every write goes out at once.
    Unbuffered,
    /// Written at each newline (a terminal).
    Line,
    /// Written when [`BLOCK_SIZE`] bytes are pending, and at flushes.
    Block,
}

impl Buffering {
    /// CPython's choice for file descriptor 1: unbuffered when `PYTHONUNBUFFERED` is set to
    /// a non-empty value, line-buffered on a terminal, block-buffered otherwise.
    pub fn for_stdout() -> Buffering {
        if std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
            Buffering::Unbuffered
        } else if io::stdout().is_terminal() {
            Buffering::Line
        } else {
            Buffering::Block
        }
    }
}

/// A buffered writer over a sink with CPython's buffering and failure rules (module docs).
pub struct ProgramStdout {
    sink: Box<dyn Write>,
    pending: Vec<u8>,
    buffering: Buffering,
}

impl ProgramStdout {
    /// A writer over `sink` with `buffering`.
    pub fn new(sink: Box<dyn Write>, buffering: Buffering) -> ProgramStdout {
        ProgramStdout {
            sink,
            pending: Vec::new(),
            buffering,
        }
    }

    /// The process's standard output: a duplicate of file descriptor 1, written with no
    /// buffering of Rust's own in between (falls back to Rust's `stdout()` if it cannot be
    /// duplicated).
    pub fn for_process() -> ProgramStdout {
        use std::os::fd::AsFd;
        let sink: Box<dyn Write> = match io::stdout().as_fd().try_clone_to_owned() {
            Ok(fd) => Box::new(std::fs::File::from(fd)),
            Err(_) => Box::new(io::stdout()),
        };
        ProgramStdout::new(sink, Buffering::for_stdout())
    }

    /// Writes the pending bytes; on failure they are dropped, as CPython's buffered writer
    /// drops what it failed to write.
    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = self.sink.write_all(&self.pending);
        self.pending.clear();
        result
    }
}

impl Write for ProgramStdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let due = match self.buffering {
            Buffering::Unbuffered => true,
            Buffering::Line => buf.contains(&b'\n'),
            Buffering::Block => self.pending.len() >= BLOCK_SIZE,
        };
        if due {
            self.write_pending()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.sink.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A sink that records what reached it and fails while `broken` is set.
    #[derive(Clone, Default)]
    struct Sink {
        written: Rc<RefCell<Vec<u8>>>,
        broken: Rc<RefCell<bool>>,
    }

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if *self.broken.borrow() {
                return Err(io::Error::from_raw_os_error(libc::EPIPE));
            }
            self.written.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn block_buffering_writes_at_the_block_size_and_at_flush() {
        let sink = Sink::default();
        let mut out = ProgramStdout::new(Box::new(sink.clone()), Buffering::Block);
        out.write_all(b"line\n").unwrap();
        assert!(sink.written.borrow().is_empty());
        out.write_all(&vec![b'x'; BLOCK_SIZE]).unwrap();
        assert_eq!(sink.written.borrow().len(), BLOCK_SIZE + 5);
        out.write_all(b"tail").unwrap();
        out.flush().unwrap();
        assert!(sink.written.borrow().ends_with(b"xtail"));
    }

    #[test]
    fn line_buffering_writes_at_each_newline() {
        let sink = Sink::default();
        let mut out = ProgramStdout::new(Box::new(sink.clone()), Buffering::Line);
        out.write_all(b"no newline").unwrap();
        assert!(sink.written.borrow().is_empty());
        out.write_all(b", now\n").unwrap();
        assert_eq!(&*sink.written.borrow(), b"no newline, now\n");
    }

    #[test]
    fn a_failed_write_drops_its_bytes() {
        let sink = Sink::default();
        let mut out = ProgramStdout::new(Box::new(sink.clone()), Buffering::Unbuffered);
        *sink.broken.borrow_mut() = true;
        let err = out.write_all(b"lost").unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EPIPE));
        *sink.broken.borrow_mut() = false;
        out.flush().unwrap();
        assert!(sink.written.borrow().is_empty(), "nothing is retried");
    }
}
