//! Process calls of `posix`: ids, `kill`, `waitpid` and the wait-status macros, `fork`,
//! `execv`/`execve`, `_exit`, `times` and `uname`.

use super::fs::kw;
use super::path::{c_int, os_error, path_arg, Allow};
use crate::object::ObjRef;
use crate::objects::{
    boolobj, bytes, dict, float, int, list, none, str as pystr, structseq, tuple,
};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::ffi::CString;

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

fn err(vm: &Vm, e: nix::errno::Errno) -> PyErr {
    os_error(vm, e, None, None)
}

macro_rules! id_fn {
    ($f:ident, $name:literal, $get:expr) => {
        #[doc = concat!("`", $name, "()`.")]
        pub fn $f(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
            parse::<0>(vm, concat!("posix.", $name), Sig::NoArgs, args, kwn)?;
            let v: i64 = $get;
            int::new_int(vm, v)
        }
    };
}

id_fn!(p_getpid, "getpid", nix::unistd::getpid().as_raw() as i64);
id_fn!(p_getppid, "getppid", nix::unistd::getppid().as_raw() as i64);
id_fn!(p_getuid, "getuid", nix::unistd::getuid().as_raw() as i64);
id_fn!(p_geteuid, "geteuid", nix::unistd::geteuid().as_raw() as i64);
id_fn!(p_getgid, "getgid", nix::unistd::getgid().as_raw() as i64);
id_fn!(p_getegid, "getegid", nix::unistd::getegid().as_raw() as i64);
id_fn!(p_getpgrp, "getpgrp", nix::unistd::getpgrp().as_raw() as i64);

/// `getgroups()`.
pub fn p_getgroups(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.getgroups", Sig::NoArgs, args, kwn)?;
    let groups = nix::unistd::getgroups().map_err(|e| err(vm, e))?;
    let items: PyResult<Vec<ObjRef>> = groups
        .iter()
        .map(|g| int::new_int(vm, g.as_raw() as i64))
        .collect();
    list::new_list(vm, items?)
}

/// `getlogin()`.
pub fn p_getlogin(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.getlogin", Sig::NoArgs, args, kwn)?;
    let name = super::ffi::getlogin().map_err(|e| err(vm, e))?;
    pystr::new_str_fs(vm, &name)
}

/// Two positional arguments, checked as `PyArg_ParseTuple` words it for `kill`, `killpg` and
/// `waitpid` ("kill() takes exactly 2 arguments (1 given)").
fn exactly_two(
    vm: &Vm,
    func: &str,
    args: &[ObjRef],
    kwn: Option<&ObjRef>,
) -> PyResult<[Option<ObjRef>; 2]> {
    crate::vm::args::no_kwargs(vm, func, kwn)?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!(
            "{func}() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    Ok([Some(args[0].clone()), Some(args[1].clone())])
}

/// `kill(pid, signal)`.
pub fn p_kill(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid, sig] = exactly_two(vm, "kill", args, kwn)?;
    let pid = c_int(vm, &req(pid))?;
    let sig = c_int(vm, &req(sig))?;
    super::ffi::kill(pid, sig).map_err(|e| err(vm, e))?;
    // A signal sent to this process is handled before `kill` returns, as CPython does.
    crate::modules::signal::run_pending(vm)?;
    Ok(none::none())
}

/// `killpg(pgid, signal)`.
pub fn p_killpg(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid, sig] = exactly_two(vm, "killpg", args, kwn)?;
    let pid = c_int(vm, &req(pid))?;
    let sig = c_int(vm, &req(sig))?;
    super::ffi::kill(-pid, sig).map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `waitpid(pid, options)`: `(pid, status)`; interrupted waits are retried (PEP 475).
pub fn p_waitpid(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid, opts] = exactly_two(vm, "waitpid", args, kwn)?;
    let pid = c_int(vm, &req(pid))?;
    let opts = c_int(vm, &req(opts))?;
    wait_result(vm, pid, opts)
}

fn wait_result(vm: &Vm, pid: i32, opts: i32) -> PyResult<ObjRef> {
    loop {
        match super::ffi::waitpid(pid, opts) {
            Ok((p, status)) => {
                return tuple::new_tuple(
                    vm,
                    vec![
                        int::new_int(vm, p as i64)?,
                        int::new_int(vm, status as i64)?,
                    ],
                )
            }
            Err(nix::errno::Errno::EINTR) => crate::modules::signal::run_pending(vm)?,
            Err(e) => return Err(err(vm, e)),
        }
    }
}

/// `wait()`.
pub fn p_wait(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.wait", Sig::NoArgs, args, kwn)?;
    wait_result(vm, -1, 0)
}

fn status_arg(vm: &Vm, func: &str, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<i32> {
    let [st] = parse::<1>(
        vm,
        func,
        Sig::Kw {
            names: &["status"],
            required: 1,
            posonly: 0,
        },
        args,
        kwn,
    )?;
    c_int(vm, &req(st))
}

macro_rules! status_fn {
    ($f:ident, $name:literal, $body:expr, $wrap:ident) => {
        #[doc = concat!("`", $name, "(status)`.")]
        pub fn $f(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
            let s = status_arg(vm, $name, args, kwn)?;
            let f: fn(i32) -> i64 = $body;
            $wrap(vm, f(s))
        }
    };
}

fn as_bool(_vm: &Vm, v: i64) -> PyResult<ObjRef> {
    Ok(boolobj::new_bool(v != 0))
}

fn as_int(vm: &Vm, v: i64) -> PyResult<ObjRef> {
    int::new_int(vm, v)
}

status_fn!(
    p_wifexited,
    "WIFEXITED",
    |s| i64::from(s & 0x7f == 0),
    as_bool
);
status_fn!(
    p_wexitstatus,
    "WEXITSTATUS",
    |s| ((s >> 8) & 0xff) as i64,
    as_int
);
status_fn!(
    p_wifsignaled,
    "WIFSIGNALED",
    |s| i64::from(((s & 0x7f) + 1) as i8 >> 1 > 0),
    as_bool
);
status_fn!(p_wtermsig, "WTERMSIG", |s| (s & 0x7f) as i64, as_int);
status_fn!(
    p_wifstopped,
    "WIFSTOPPED",
    |s| i64::from(s & 0xff == 0x7f),
    as_bool
);
status_fn!(p_wstopsig, "WSTOPSIG", |s| ((s >> 8) & 0xff) as i64, as_int);
status_fn!(
    p_wcoredump,
    "WCOREDUMP",
    |s| i64::from(s & 0x80 != 0),
    as_bool
);
status_fn!(
    p_wifcontinued,
    "WIFCONTINUED",
    |s| i64::from(s == 0xffff),
    as_bool
);

/// `waitstatus_to_exitcode(status)`: the exit code, or `-signal` for a killed process.
pub fn p_waitstatus_to_exitcode(
    vm: &Vm,
    args: &[ObjRef],
    kwn: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let s = status_arg(vm, "waitstatus_to_exitcode", args, kwn)?;
    if s & 0x7f == 0 {
        return int::new_int(vm, ((s >> 8) & 0xff) as i64);
    }
    if ((s & 0x7f) + 1) as i8 >> 1 > 0 {
        return int::new_int(vm, -((s & 0x7f) as i64));
    }
    Err(vm.value_error(&format!("invalid wait status: {s}")))
}

/// The kinds of `register_at_fork` hooks.
const BEFORE: i64 = 0;
const AFTER_IN_CHILD: i64 = 1;
const AFTER_IN_PARENT: i64 = 2;

/// `register_at_fork(*, before=None, after_in_child=None, after_in_parent=None)`.
pub fn p_register_at_fork(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = crate::vm::args::split_args(args, kwn);
    if !pos.is_empty() {
        return Err(vm.type_error("register_at_fork() takes no positional arguments"));
    }
    let hooks = kw::<3>(
        vm,
        "register_at_fork",
        &["before", "after_in_child", "after_in_parent"],
        0,
        args,
        kwn,
    )?;
    let given: Vec<(i64, ObjRef)> = [BEFORE, AFTER_IN_CHILD, AFTER_IN_PARENT]
        .into_iter()
        .zip(hooks)
        .filter_map(|(k, f)| f.filter(|f| !none::is_none(f)).map(|f| (k, f)))
        .collect();
    if given.is_empty() {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (k, f) in &given {
        if !ops::is_callable(vm, f)? {
            let which = ["before", "after_in_child", "after_in_parent"][*k as usize];
            return Err(vm.type_error(&format!(
                "'{which}' must be callable, not {}",
                f.ob_type().name()
            )));
        }
    }
    for (k, f) in given {
        let entry = tuple::new_tuple(vm, vec![int::new_int(vm, k)?, f])?;
        vm.sys
            .fork_hooks
            .push(entry)
            .map_err(|(e, _)| vm.alloc_err(e))?;
    }
    Ok(none::none())
}

/// Runs the fork hooks of `kind` (`before` ones last-registered first); exceptions are
/// reported as unraisable, as CPython does.
fn run_fork_hooks(vm: &Vm, kind: i64) {
    let mut hooks: Vec<ObjRef> = vm
        .sys
        .fork_hooks
        .snapshot()
        .into_iter()
        .filter_map(|e| {
            let t = tuple::items(&e)?;
            (int::as_i64(&t[0]) == Some(kind)).then(|| t[1].clone())
        })
        .collect();
    if kind == BEFORE {
        hooks.reverse();
    }
    for h in hooks {
        if let Err(e) = ops::call(vm, &h, &[], None) {
            crate::modules::sys_hooks::write_unraisable(vm, &h, &e);
        }
    }
}

/// `fork()`: `0` in the child, its pid in the parent; the `register_at_fork` hooks run
/// around it.
pub fn p_fork(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.fork", Sig::NoArgs, args, kwn)?;
    run_fork_hooks(vm, BEFORE);
    vm.flush_out();
    let pid = super::ffi::fork().map_err(|e| err(vm, e))?;
    run_fork_hooks(
        vm,
        if pid == 0 {
            AFTER_IN_CHILD
        } else {
            AFTER_IN_PARENT
        },
    );
    int::new_int(vm, pid as i64)
}

/// `system(command)`: runs `command` with `/bin/sh -c`; the raw wait status.
pub fn p_system(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [cmd] = kw::<1>(vm, "system", &["command"], 1, args, kwn)?;
    let cmd = super::environ::encode_arg(vm, &req(cmd))?;
    let cmd = CString::new(cmd).map_err(|_| vm.value_error("embedded null byte"))?;
    let sh = CString::new("/bin/sh").map_err(|_| vm.value_error("embedded null byte"))?;
    let argv = [
        CString::new("sh").map_err(|_| vm.value_error("embedded null byte"))?,
        CString::new("-c").map_err(|_| vm.value_error("embedded null byte"))?,
        cmd,
    ];
    vm.flush_out();
    let pid = super::ffi::fork().map_err(|e| err(vm, e))?;
    if pid == 0 {
        let _ = nix::unistd::execv(&sh, &argv);
        super::ffi::exit_now(127);
    }
    loop {
        match super::ffi::waitpid(pid, 0) {
            Ok((_, status)) => return int::new_int(vm, status as i64),
            Err(nix::errno::Errno::EINTR) => crate::modules::signal::run_pending(vm)?,
            Err(e) => return Err(err(vm, e)),
        }
    }
}

/// A C string from a `str`/`bytes`/path-like argument, `ValueError` for a NUL.
pub fn cstring_arg(vm: &Vm, func: &str, obj: &ObjRef) -> PyResult<CString> {
    let p = path_arg(vm, func, "path", obj, Allow::Path)?;
    CString::new(p.bytes).map_err(|_| vm.value_error("embedded null byte"))
}

/// The items of a list or tuple argument.
fn seq_items(vm: &Vm, obj: &ObjRef, msg: &str) -> PyResult<Vec<ObjRef>> {
    if let Some(items) = tuple::items(obj) {
        return Ok(items.to_vec());
    }
    if let Some(items) = list::storage(obj) {
        return Ok(items.snapshot());
    }
    Err(vm.type_error(msg))
}

/// The `argv` of `execv`/`execve`.
pub fn argv_arg(vm: &Vm, func: &str, obj: &ObjRef) -> PyResult<Vec<CString>> {
    let msg = if func == "execve" {
        "execve: argv must be a tuple or list".to_string()
    } else {
        format!("{func}() arg 2 must be a tuple or list")
    };
    let items = seq_items(vm, obj, &msg)?;
    if items.is_empty() {
        return Err(vm.value_error(&format!("{func}() arg 2 must not be empty")));
    }
    let out: PyResult<Vec<CString>> = items.iter().map(|a| cstring_arg(vm, func, a)).collect();
    let out = out?;
    if out[0].as_bytes().is_empty() {
        return Err(vm.value_error(&format!("{func}() arg 2 first element cannot be empty")));
    }
    Ok(out)
}

/// `KEY=VALUE` strings of an environment mapping.
pub fn env_arg(vm: &Vm, env: &ObjRef) -> PyResult<Vec<CString>> {
    let keys = ops::call(vm, &ops::getattr(vm, env, "keys")?, &[], None)?;
    let mut out = Vec::new();
    for k in ops::collect_iterable(vm, &keys)? {
        let v = ops::getitem(vm, env, &k)?;
        let kb = super::environ::encode_arg(vm, &k)?;
        let vb = super::environ::encode_arg(vm, &v)?;
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let mut line = kb;
        line.push(b'=');
        line.extend(vb);
        out.push(CString::new(line).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(out)
}

/// `execv(path, argv)`.
pub fn p_execv(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, argv] = parse::<2>(vm, "execv", Sig::Clinic(2, 2), args, kwn)?;
    let path = cstring_arg(vm, "execv", &req(path))?;
    let argv = argv_arg(vm, "execv", &req(argv))?;
    vm.flush_out();
    let e = nix::unistd::execv(&path, &argv).unwrap_err();
    Err(err(vm, e))
}

/// `execve(path, argv, env)`.
pub fn p_execve(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [path, argv, env] = kw::<3>(vm, "execve", &["path", "argv", "env"], 3, args, kwn)?;
    let path = cstring_arg(vm, "execve", &req(path))?;
    let argv = argv_arg(vm, "execve", &req(argv))?;
    let env = req(env);
    if !env.is_instance(&dict::DICT_TYPE) && ops::getattr(vm, &env, "keys").is_err() {
        return Err(vm.type_error("execve: environment must be a mapping object"));
    }
    let env = env_arg(vm, &env)?;
    vm.flush_out();
    let e = nix::unistd::execve(&path, &argv, &env).unwrap_err();
    Err(err(vm, e))
}

/// `_exit(status)`: ends the process at once (no clean-up, no buffer flushing).
pub fn p_exit(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [code] = kw::<1>(vm, "_exit", &["status"], 1, args, kwn)?;
    let code = c_int(vm, &req(code))?;
    super::ffi::exit_now(code)
}

/// `abort()`.
pub fn p_abort(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.abort", Sig::NoArgs, args, kwn)?;
    std::process::abort()
}

/// `times()`: `posix.times_result(user, system, children_user, children_system, elapsed)`.
pub fn p_times(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.times", Sig::NoArgs, args, kwn)?;
    let t = super::ffi::times().map_err(|e| err(vm, e))?;
    let ticks = super::ffi::sysconf(libc::_SC_CLK_TCK)
        .ok()
        .flatten()
        .unwrap_or(100) as f64;
    let items: PyResult<Vec<ObjRef>> = t
        .iter()
        .map(|v| float::new_float(vm, *v as f64 / ticks))
        .collect();
    let ty = super::stat::posix_type(vm, "times_result")?;
    structseq::new_instance(vm, &ty, items?)
}

/// `uname()`: `posix.uname_result(sysname, nodename, release, version, machine)`.
pub fn p_uname(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.uname", Sig::NoArgs, args, kwn)?;
    let u = nix::sys::utsname::uname().map_err(|e| err(vm, e))?;
    let parts = [
        u.sysname(),
        u.nodename(),
        u.release(),
        u.version(),
        u.machine(),
    ];
    let items: PyResult<Vec<ObjRef>> = parts
        .iter()
        .map(|s| pystr::new_str_vm(vm, &s.to_string_lossy()))
        .collect();
    let ty = super::stat::posix_type(vm, "uname_result")?;
    structseq::new_instance(vm, &ty, items?)
}

/// `urandom(size)`: `size` bytes from the kernel's random source.
pub fn p_urandom(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "posix.urandom", Sig::One, args, kwn)?;
    let n = crate::vm::argparse::index_arg(vm, &req(n))?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| super::path::io_error(vm, &e, None))?;
    bytes::new_bytes(vm, &buf)
}
