//! Running one interpreter on one program: a child process in its own process group, standard
//! input closed, output captured (up to a cap) and a timeout after which the whole group is
//! killed.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// How much of each stream is kept; the rest is read and dropped.
const OUTPUT_CAP: usize = 1 << 20;

/// What a finished (or killed) run left behind.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The exit code, when the process exited normally.
    pub code: Option<i32>,
    /// The signal that ended it, when it did not.
    pub signal: Option<i32>,
    /// The first `OUTPUT_CAP` bytes of standard output.
    pub stdout: String,
    /// The first `OUTPUT_CAP` bytes of standard error.
    pub stderr: String,
    /// Wall time until exit or until the timeout.
    pub elapsed: Duration,
    /// The timeout passed and the process group was killed.
    pub timed_out: bool,
}

/// A command to run: program, arguments and extra environment.
#[derive(Clone, Debug, Default)]
pub struct Invocation {
    /// The executable.
    pub program: String,
    /// Its arguments (the script path last).
    pub args: Vec<String>,
    /// Variables set for the child.
    pub env: Vec<(String, String)>,
    /// Variables removed from the child's environment.
    pub env_remove: Vec<String>,
}

impl Invocation {
    /// The command as a shell line (for `.cmd` files and reports).
    pub fn shell_line(&self) -> String {
        let mut words: Vec<String> = self
            .env
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(v)))
            .collect();
        words.push(quote(&self.program));
        words.extend(self.args.iter().map(|a| quote(a)));
        words.join(" ")
    }

    /// Runs the command in `dir` with a timeout.
    pub fn run(&self, dir: &Path, timeout: Duration) -> std::io::Result<RunResult> {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        for k in &self.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let start = Instant::now();
        let mut child = cmd.spawn()?;
        let out = drain(child.stdout.take());
        let err = drain(child.stderr.take());
        let (status, timed_out) = match child.wait_timeout(timeout)? {
            Some(status) => (status, false),
            None => (kill_group(&mut child)?, true),
        };
        let elapsed = start.elapsed();
        // A grandchild that kept the pipes open would keep the readers waiting: end the group.
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        Ok(RunResult {
            code: status.code(),
            signal: status.signal(),
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
            elapsed,
            timed_out,
        })
    }
}

/// Kills the child's whole process group and reaps the child.
fn kill_group(child: &mut Child) -> std::io::Result<std::process::ExitStatus> {
    let pgid = nix::unistd::Pid::from_raw(child.id() as i32);
    if nix::sys::signal::killpg(pgid, nix::sys::signal::Signal::SIGKILL).is_err() {
        let _ = child.kill();
    }
    child.wait()
}

/// Reads a stream to its end on a thread, keeping the first `OUTPUT_CAP` bytes.
fn drain<R: Read + Send + 'static>(stream: Option<R>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let Some(mut stream) = stream else {
            return String::new();
        };
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            let room = OUTPUT_CAP.saturating_sub(kept.len());
            kept.extend_from_slice(&buf[..n.min(room)]);
        }
        String::from_utf8_lossy(&kept).into_owned()
    })
}

/// Quotes a word for a POSIX shell when it needs it.
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+%@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_lines_quote_what_needs_it() {
        let inv = Invocation {
            program: "arenapy".into(),
            args: vec!["--max-heap".into(), "8M".into(), "a b.py".into()],
            env: vec![("PYTHONHASHSEED".into(), "0".into())],
            env_remove: vec![],
        };
        assert_eq!(
            inv.shell_line(),
            "PYTHONHASHSEED=0 arenapy --max-heap 8M 'a b.py'"
        );
    }

    #[test]
    fn a_sleeping_child_is_killed_at_the_timeout() {
        let inv = Invocation {
            program: "sh".into(),
            args: vec!["-c".into(), "echo hi; sleep 30".into()],
            ..Default::default()
        };
        let r = inv
            .run(Path::new("."), Duration::from_millis(300))
            .expect("sh runs");
        assert!(r.timed_out);
        assert_eq!(r.stdout, "hi\n");
        assert!(r.elapsed < Duration::from_secs(10));
    }
}
