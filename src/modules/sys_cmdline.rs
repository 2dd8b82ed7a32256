//! What `sys` takes from the interpreter's command line: `sys.orig_argv` without arenapy's own
//! options, and `sys.warnoptions` from `PYTHONWARNINGS` and `-W`.

/// `sys.warnoptions`: `PYTHONWARNINGS`'s comma-separated entries, then every `-W` option given
/// before the program (`-W ARG` or `-WARG`), in order.
pub fn warn_options(env: Option<&str>, orig_argv: &[String]) -> Vec<String> {
    let mut out: Vec<String> = env
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut args = orig_argv.iter().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-W" => out.extend(args.next().cloned()),
            "-X" => {
                args.next();
            }
            "-c" | "-m" | "-" => break,
            _ if a.starts_with("-W") => out.push(a[2..].to_string()),
            _ if !a.starts_with('-') => break,
            _ => {}
        }
    }
    out
}

/// `sys.orig_argv`: the command line without arenapy's own `--` options (allocator and tool
/// settings, which CPython does not have and which must not make runs under different
/// allocators differ). Everything from the program (script, `-c`, `-m`) on is kept.
pub fn python_level_argv(args: impl Iterator<Item = String>) -> Vec<String> {
    const WITH_VALUE: [&str; 9] = [
        "--allocator",
        "--max-heap",
        "--heap-profile",
        "--dhat",
        "--tracemalloc",
        "--stats-json",
        "--samples",
        "--sample-every",
        "--gc-stress",
    ];
    const FLAGS: [&str; 3] = ["--debug-alloc", "--stats", "--gc-verify"];
    let mut out = Vec::new();
    let mut args = args.peekable();
    if let Some(arg0) = args.next() {
        out.push(arg0);
    }
    while let Some(a) = args.next() {
        let name = a.split('=').next().unwrap_or("");
        if WITH_VALUE.contains(&name) {
            if !a.contains('=') {
                args.next();
            }
            continue;
        }
        if FLAGS.contains(&name) {
            continue;
        }
        if a == "-X" || a == "-W" {
            out.push(a);
            out.extend(args.next());
            continue;
        }
        let program_starts = !a.starts_with('-') || a == "-" || a == "-c" || a == "-m";
        out.push(a);
        if program_starts {
            out.extend(args.by_ref());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn orig_argv_drops_arenapy_options() {
        let got = python_level_argv(
            args(&[
                "arenapy",
                "--allocator",
                "bump",
                "-W",
                "error",
                "-X",
                "dev",
                "-c",
                "x",
                "-W",
            ])
            .into_iter(),
        );
        assert_eq!(
            got,
            args(&["arenapy", "-W", "error", "-X", "dev", "-c", "x", "-W"])
        );
    }

    #[test]
    fn warnoptions_take_the_environment_then_the_options_before_the_program() {
        let argv = args(&[
            "arenapy", "-Wignore", "-X", "dev", "-W", "error::X", "s.py", "-W", "a",
        ]);
        assert_eq!(
            warn_options(Some(" default , ,once"), &argv),
            args(&["default", "once", "ignore", "error::X"])
        );
        assert!(warn_options(None, &args(&["arenapy", "-c", "-Wx"])).is_empty());
    }
}
