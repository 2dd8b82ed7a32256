//! The integer constants of `posix` (Linux values): `O_*` open flags, `*_OK` access modes,
//! `W*` wait options, `EX_*` exit codes, `ST_*` mount flags, `SEEK_DATA`/`SEEK_HOLE`, ...

/// Every constant, by name.
pub const CONSTANTS: &[(&str, i64)] = &[
    ("CLD_CONTINUED", 6), ("CLD_DUMPED", 3), ("CLD_EXITED", 1), ("CLD_KILLED", 2),
    ("CLD_STOPPED", 5), ("CLD_TRAPPED", 4), ("EX_CANTCREAT", 73), ("EX_CONFIG", 78),
    ("EX_DATAERR", 65), ("EX_IOERR", 74), ("EX_NOHOST", 68), ("EX_NOINPUT", 66), ("EX_NOPERM",
    77), ("EX_NOUSER", 67), ("EX_OK", 0), ("EX_OSERR", 71), ("EX_OSFILE", 72), ("EX_PROTOCOL",
    76), ("EX_SOFTWARE", 70), ("EX_TEMPFAIL", 75), ("EX_UNAVAILABLE", 69), ("EX_USAGE", 64),
    ("F_LOCK", 1), ("F_OK", 0), ("F_TEST", 3), ("F_TLOCK", 2), ("F_ULOCK", 0), ("NGROUPS_MAX",
    65536), ("O_ACCMODE", 3), ("O_APPEND", 1024), ("O_ASYNC", 8192), ("O_CLOEXEC", 524288),
    ("O_CREAT", 64), ("O_DIRECT", 16384), ("O_DIRECTORY", 65536), ("O_DSYNC", 4096), ("O_EXCL",
    128), ("O_FSYNC", 1052672), ("O_LARGEFILE", 0), ("O_NDELAY", 2048), ("O_NOATIME", 262144),
    ("O_NOCTTY", 256), ("O_NOFOLLOW", 131072), ("O_NONBLOCK", 2048), ("O_PATH", 2097152),
    ("O_RDONLY", 0), ("O_RDWR", 2), ("O_RSYNC", 1052672), ("O_SYNC", 1052672), ("O_TMPFILE",
    4259840), ("O_TRUNC", 512), ("O_WRONLY", 1), ("PRIO_PGRP", 1), ("PRIO_PROCESS", 0),
    ("PRIO_USER", 2), ("P_ALL", 0), ("P_PGID", 2), ("P_PID", 1), ("P_PIDFD", 3), ("R_OK", 4),
    ("SEEK_DATA", 3), ("SEEK_HOLE", 4), ("ST_APPEND", 256), ("ST_MANDLOCK", 64), ("ST_NOATIME",
    1024), ("ST_NODEV", 4), ("ST_NODIRATIME", 2048), ("ST_NOEXEC", 8), ("ST_NOSUID", 2),
    ("ST_RDONLY", 1), ("ST_RELATIME", 4096), ("ST_SYNCHRONOUS", 16), ("ST_WRITE", 128),
    ("TMP_MAX", 238328), ("WCONTINUED", 8), ("WEXITED", 4), ("WNOHANG", 1), ("WNOWAIT",
    16777216), ("WSTOPPED", 2), ("WUNTRACED", 2), ("W_OK", 2), ("X_OK", 1),
];
