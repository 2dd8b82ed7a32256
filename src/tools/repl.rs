//! `arenapy` with no script: the interactive prompt, as python3's.
//!
//! Input is read a line at a time (with rustyline's line editing and history when standard
//! input is a terminal; plain lines otherwise, with the prompts on standard error as `python3
//! -i` writes them). Lines gather into one input until it is complete, as CPython's `codeop`
//! decides: a single line that compiles runs at once; an input that fails to compile only
//! because it stops too early (an open bracket, an unfinished string, a block header with no
//! body) asks for more with `... `; a block runs when an empty line ends it. Each input runs
//! through `Interpreter::run_interactive`: expression values are echoed with `repr`, errors
//! print a traceback and the session goes on. `exit()`/`quit()` are not needed: end of input
//! (Ctrl-D) or `raise SystemExit` leaves.

use crate::compiler::{self, Mode};
use crate::vm::{Interpreter, RunOutcome};
use std::io::{BufRead, IsTerminal, Write};

/// The primary prompt.
pub const PS1: &str = ">>> ";
/// The continuation prompt.
pub const PS2: &str = "... ";

/// What a line source gave.
pub enum Line {
    /// A line of input (without its newline).
    Text(String),
    /// Ctrl-C: drop the pending input.
    Interrupted,
    /// End of input.
    Eof,
}

/// Where the prompt's lines come from.
pub trait LineSource {
    /// Shows `prompt` and reads one line.
    fn read(&mut self, prompt: &str) -> Line;
    /// Remembers a complete input in the history.
    fn remember(&mut self, _input: &str) {}
}

/// Lines from any reader, prompts to standard error (`python3 -i < file`).
pub struct PlainLines<R: BufRead> {
    reader: R,
    /// Whether to write prompts to stderr.
    pub prompts: bool,
}

impl<R: BufRead> PlainLines<R> {
    /// A line source over `reader`.
    pub fn new(reader: R, prompts: bool) -> PlainLines<R> {
        PlainLines { reader, prompts }
    }
}

impl<R: BufRead> LineSource for PlainLines<R> {
    fn read(&mut self, prompt: &str) -> Line {
        if self.prompts {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(prompt.as_bytes());
            let _ = err.flush();
        }
        let mut s = String::new();
        match self.reader.read_line(&mut s) {
            Ok(0) | Err(_) => Line::Eof,
            Ok(_) => {
                while s.ends_with('\n') || s.ends_with('\r') {
                    s.pop();
                }
                Line::Text(s)
            }
        }
    }
}

/// rustyline's editor, with history kept in `ARENAPY_HISTORY` (default `~/.arenapy_history`).
pub struct EditorLines {
    editor: rustyline::DefaultEditor,
    history: Option<std::path::PathBuf>,
}

impl EditorLines {
    /// An editor on the terminal.
    pub fn new() -> anyhow::Result<EditorLines> {
        let mut editor = rustyline::DefaultEditor::new()?;
        let history = std::env::var_os("ARENAPY_HISTORY")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".arenapy_history"))
            });
        if let Some(h) = &history {
            let _ = editor.load_history(h);
        }
        Ok(EditorLines { editor, history })
    }
}

impl LineSource for EditorLines {
    fn read(&mut self, prompt: &str) -> Line {
        match self.editor.readline(prompt) {
            Ok(s) => Line::Text(s),
            Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
            Err(_) => Line::Eof,
        }
    }

    fn remember(&mut self, input: &str) {
        let _ = self.editor.add_history_entry(input.trim_end());
        if let Some(h) = &self.history {
            let _ = self.editor.save_history(h);
        }
    }
}

/// Whether `source` is complete, needs more lines, or is wrong whatever follows.
#[derive(Debug, PartialEq, Eq)]
pub enum Completeness {
    /// Run it.
    Complete,
    /// Read another line.
    Incomplete,
    /// Run it anyway: the compiler reports the error.
    Invalid,
}

/// CPython `codeop`'s decision, approximated from the compiler's messages.
pub fn completeness(source: &str, last_line_empty: bool) -> Completeness {
    let multi = source.trim_end_matches('\n').contains('\n');
    match compiler::compile(source, "<stdin>", Mode::Single) {
        Ok(_) if multi && !last_line_empty => Completeness::Incomplete,
        Ok(_) => Completeness::Complete,
        Err(e) => {
            let msg = e.msg();
            let unfinished = msg.contains("was never closed")
                || msg.contains("unexpected EOF")
                || msg.contains("expected an indented block")
                || msg.contains("unterminated triple-quoted");
            if unfinished && !last_line_empty {
                Completeness::Incomplete
            } else if source.trim_start().starts_with('@') && !last_line_empty {
                // A decorator line: the definition follows.
                Completeness::Incomplete
            } else {
                Completeness::Invalid
            }
        }
    }
}

/// The banner shown when the prompt starts.
pub fn banner(allocator: &str) -> String {
    let (ma, mi, mc) = crate::modules::sys::VERSION;
    format!(
        "arenapy {} (Python {ma}.{mi}.{mc} semantics, allocator {allocator}) on {}\n\
         Type Ctrl-D to leave; expressions are echoed with repr.",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// Runs the prompt until end of input or `SystemExit`; returns the exit status.
pub fn run(interp: &mut Interpreter, lines: &mut dyn LineSource) -> i32 {
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { PS1 } else { PS2 };
        let line = match lines.read(prompt) {
            Line::Text(t) => t,
            Line::Interrupted => {
                eprintln!("\nKeyboardInterrupt");
                buf.clear();
                continue;
            }
            Line::Eof => {
                if buf.trim().is_empty() {
                    return 0;
                }
                // Run what is pending, then leave.
                let outcome = interp.run_interactive(&buf, &mut std::io::stderr());
                return match outcome {
                    RunOutcome::Exit(c) => c,
                    _ => 0,
                };
            }
        };
        if buf.is_empty() && line.trim().is_empty() {
            continue;
        }
        let empty = line.trim().is_empty();
        buf.push_str(&line);
        buf.push('\n');
        if completeness(&buf, empty) == Completeness::Incomplete {
            continue;
        }
        lines.remember(&buf);
        let input = std::mem::take(&mut buf);
        if let RunOutcome::Exit(c) = interp.run_interactive(&input, &mut std::io::stderr()) {
            return c;
        }
    }
}

/// Starts the prompt on standard input: rustyline on a terminal (or when `force_editor`), plain
/// lines with prompts on stderr otherwise.
pub fn run_stdin(interp: &mut Interpreter, allocator: &str) -> i32 {
    let tty = std::io::stdin().is_terminal();
    if tty {
        eprintln!("{}", banner(allocator));
        if let Ok(mut ed) = EditorLines::new() {
            return run(interp, &mut ed);
        }
    }
    let stdin = std::io::stdin();
    let mut plain = PlainLines::new(stdin.lock(), true);
    run(interp, &mut plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_follows_codeop() {
        assert_eq!(completeness("1 + 1\n", false), Completeness::Complete);
        assert_eq!(completeness("if x:\n", false), Completeness::Incomplete);
        assert_eq!(completeness("(1,\n", false), Completeness::Incomplete);
        assert_eq!(
            completeness("for i in range(3):\n    print(i)\n", false),
            Completeness::Incomplete
        );
        assert_eq!(
            completeness("for i in range(3):\n    print(i)\n\n", true),
            Completeness::Complete
        );
        assert_eq!(completeness("1 +* 2\n", false), Completeness::Invalid);
    }
}
