//! `_posixsubprocess.fork_exec`, the child-process launcher of `subprocess.Popen`, with
//! CPython 3.11's 23 arguments.
//!
//! The parent converts every argument first (so the child allocates little), forks, and
//! returns the child's pid. The child wires the standard streams to the pipes it was given,
//! changes directory, applies the session, group, user and umask settings, runs
//! `preexec_fn`, closes the descriptors it should not keep, and tries each executable in
//! turn. A failure before or at `exec` is written to `errpipe_write` as
//! `ExceptionName:hex errno:` (`noexec` after it when `exec` was never reached), which
//! `subprocess` turns into the exception, as CPython's child does.

use super::posix::fd::set_inheritable;
use super::posix::ffi;
use super::posix::path::{c_int, fspath, os_error};
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{bytes, int, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::errno::Errno;
use std::ffi::CString;

/// What the child needs, converted in the parent.
struct Plan {
    argv: Option<Vec<CString>>,
    executables: Vec<CString>,
    close_fds: bool,
    keep: Vec<i32>,
    cwd: Option<CString>,
    env: Option<Vec<CString>>,
    /// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write.
    fds: [i32; 8],
    restore_signals: bool,
    new_session: bool,
    process_group: i32,
    gid: Option<u32>,
    gids: Option<Vec<u32>>,
    uid: Option<u32>,
    umask: i32,
    preexec: Option<ObjRef>,
}

fn bytes_of(vm: &Vm, obj: &ObjRef) -> PyResult<CString> {
    let p = fspath(vm, obj)?;
    let data = match pystr::as_str(&p) {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes::as_bytes(&p).unwrap_or(&[]).to_vec(),
    };
    CString::new(data).map_err(|_| vm.value_error("embedded null byte"))
}

fn seq(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<ObjRef>> {
    ops::collect_iterable(vm, obj)
}

fn opt_id(vm: &Vm, obj: &ObjRef) -> PyResult<Option<u32>> {
    if none::is_none(obj) {
        return Ok(None);
    }
    let v = crate::vm::argparse::index_arg(vm, obj)?;
    Ok(Some(v as u32))
}

fn plan(vm: &Vm, a: &[ObjRef]) -> PyResult<Plan> {
    let argv = if none::is_none(&a[0]) {
        None
    } else {
        let items: PyResult<Vec<CString>> =
            seq(vm, &a[0])?.iter().map(|x| bytes_of(vm, x)).collect();
        Some(items?)
    };
    let executables: PyResult<Vec<CString>> =
        seq(vm, &a[1])?.iter().map(|x| bytes_of(vm, x)).collect();
    let close_fds = ops::truthy(vm, &a[2])?;
    let Some(keep_items) = tuple::items(&a[3]) else {
        return Err(vm.type_error("fds_to_keep must be a tuple"));
    };
    let mut keep = Vec::new();
    for k in keep_items {
        if !int::is_int(k) {
            return Err(vm.value_error("bad value(s) in fds_to_keep"));
        }
        keep.push(c_int(vm, k)?);
    }
    let cwd = if none::is_none(&a[4]) {
        None
    } else {
        Some(bytes_of(vm, &a[4])?)
    };
    let env = if none::is_none(&a[5]) {
        None
    } else {
        let items: PyResult<Vec<CString>> =
            seq(vm, &a[5])?.iter().map(|x| bytes_of(vm, x)).collect();
        Some(items?)
    };
    let mut fds = [0i32; 8];
    for (slot, obj) in fds.iter_mut().zip(&a[6..14]) {
        *slot = c_int(vm, obj)?;
    }
    let gids = if none::is_none(&a[18]) {
        None
    } else {
        let items: PyResult<Vec<u32>> = seq(vm, &a[18])?
            .iter()
            .map(|g| crate::vm::argparse::index_arg(vm, g).map(|v| v as u32))
            .collect();
        Some(items?)
    };
    Ok(Plan {
        argv,
        executables: executables?,
        close_fds,
        keep,
        cwd,
        env,
        fds,
        restore_signals: ops::truthy(vm, &a[14])?,
        new_session: ops::truthy(vm, &a[15])?,
        process_group: c_int(vm, &a[16])?,
        gid: opt_id(vm, &a[17])?,
        gids,
        uid: opt_id(vm, &a[19])?,
        umask: c_int(vm, &a[20])?,
        preexec: (!none::is_none(&a[21])).then(|| a[21].clone()),
    })
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite,
/// c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
/// call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn, allow_vfork)`.
fn fork_exec(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = parse::<23>(vm, "fork_exec", Sig::Clinic(23, 23), args, kw)?;
    let a: Vec<ObjRef> = a
        .into_iter()
        .map(|x| x.unwrap_or_else(none::none))
        .collect();
    if ops::truthy(vm, &a[2])? && !a[3].is_instance(&crate::objects::tuple::TUPLE_TYPE) {
        return Err(vm.type_error("fds_to_keep must be a tuple"));
    }
    let plan = plan(vm, &a)?;
    if plan.preexec.is_some() {
        vm.flush_out();
    }
    let pid = ffi::fork().map_err(|e| os_error(vm, e, None, None))?;
    if pid == 0 {
        child(vm, &plan);
    }
    int::new_int(vm, pid as i64)
}

/// Reports `errno` to the parent through the error pipe and exits.
fn fail(errpipe: i32, name: &str, errno: i32, noexec: bool) -> ! {
    let msg = format!("{name}:{errno:x}:{}", if noexec { "noexec" } else { "" });
    let _ = ffi::write(errpipe, msg.as_bytes());
    ffi::exit_now(255)
}

/// Moves `fd` off the standard descriptors 0..=`below` (CPython's dance before `dup2`).
fn lift(fd: i32, below: i32) -> i32 {
    let mut fd = fd;
    while fd != -1 && fd <= below {
        match nix::unistd::dup(fd) {
            Ok(n) => fd = n,
            Err(_) => break,
        }
    }
    fd
}

/// Makes `fd` the standard descriptor `target`, inheritable.
fn wire(fd: i32, target: i32) -> Result<(), Errno> {
    if fd == target {
        return set_inheritable(fd, true);
    }
    if fd != -1 {
        nix::unistd::dup2(fd, target)?;
    }
    Ok(())
}

fn child(vm: &Vm, p: &Plan) -> ! {
    let [p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write] =
        p.fds;
    let step = || -> Result<(), (Errno, bool, Option<&'static str>)> {
        for fd in [p2cwrite, c2pread, errread, errpipe_read] {
            if fd != -1 {
                let _ = nix::unistd::close(fd);
            }
        }
        let c2pwrite = lift(c2pwrite, 0);
        let errwrite = lift(errwrite, 1);
        let noexec = |e| (e, true, None);
        wire(p2cread, 0).map_err(noexec)?;
        wire(c2pwrite, 1).map_err(noexec)?;
        wire(errwrite, 2).map_err(noexec)?;
        if let Some(cwd) = &p.cwd {
            nix::unistd::chdir(cwd.as_c_str()).map_err(noexec)?;
        }
        if p.umask >= 0 {
            nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(p.umask as u32));
        }
        if p.restore_signals {
            for sig in [libc::SIGPIPE, libc::SIGXFSZ] {
                let _ = ffi::set_disposition(sig, ffi::Disposition::Default);
            }
        }
        if p.new_session {
            nix::unistd::setsid().map_err(noexec)?;
        }
        if p.process_group >= 0 {
            let pg = nix::unistd::Pid::from_raw(p.process_group);
            nix::unistd::setpgid(nix::unistd::Pid::from_raw(0), pg).map_err(noexec)?;
        }
        if let Some(gids) = &p.gids {
            let gids: Vec<nix::unistd::Gid> = gids
                .iter()
                .map(|g| nix::unistd::Gid::from_raw(*g))
                .collect();
            nix::unistd::setgroups(&gids).map_err(noexec)?;
        }
        if let Some(g) = p.gid {
            nix::unistd::setgid(nix::unistd::Gid::from_raw(g)).map_err(noexec)?;
        }
        if let Some(u) = p.uid {
            nix::unistd::setuid(nix::unistd::Uid::from_raw(u)).map_err(noexec)?;
        }
        if let Some(f) = &p.preexec {
            if ops::call(vm, f, &[], None).is_err() {
                return Err((Errno::from_raw(0), true, Some("preexec")));
            }
        }
        for fd in &p.keep {
            if *fd != errpipe_write {
                let _ = set_inheritable(*fd, true);
            }
        }
        if p.close_fds {
            close_other_fds(&p.keep);
        }
        Ok(())
    };
    if let Err((e, noexec, what)) = step() {
        if what == Some("preexec") {
            let msg = b"SubprocessError:0:Exception occurred in preexec_fn.";
            let _ = ffi::write(errpipe_write, msg);
            ffi::exit_now(255);
        }
        fail(errpipe_write, "OSError", e as i32, noexec);
    }
    let (mut saved, mut last) = (0, Errno::ENOENT as i32);
    let argv: Vec<CString> = p.argv.clone().unwrap_or_default();
    for exe in &p.executables {
        let r = match &p.env {
            Some(env) => nix::unistd::execve(exe.as_c_str(), &argv, env),
            None => nix::unistd::execv(exe.as_c_str(), &argv),
        };
        let Err(e) = r;
        last = e as i32;
        if e != Errno::ENOENT && e != Errno::ENOTDIR && saved == 0 {
            saved = e as i32;
        }
    }
    fail(
        errpipe_write,
        "OSError",
        if saved != 0 { saved } else { last },
        false,
    )
}

/// Closes every descriptor from 3 up that is not in `keep` (listed from `/proc/self/fd`).
fn close_other_fds(keep: &[i32]) {
    let fds: Vec<i32> = match std::fs::read_dir("/proc/self/fd") {
        Ok(rd) => rd
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .collect(),
        Err(_) => (3..1024).collect(),
    };
    for fd in fds {
        if fd >= 3 && !keep.contains(&fd) {
            let _ = nix::unistd::close(fd);
        }
    }
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "fork_exec",
    func: fork_exec,
}];

/// Builds `_posixsubprocess`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_posixsubprocess")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}
