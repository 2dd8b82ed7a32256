//! The `_signal` module (CPython's `signal` wraps it): installing Python handlers, and
//! running them.
//!
//! The C-level handler only records the signal ([`ffi`]); the evaluation loop sees the record
//! at its safe points (`RESUME`, backward jumps) and calls [`run_pending`], which runs the
//! Python handlers in the interpreter's thread, in signal-number order, as CPython's
//! `PyErr_CheckSignals`. A handler's exception propagates from where the loop stopped.
//! Blocking calls that fail with `EINTR` run the handlers and retry (PEP 475).

use super::posix::ffi::{self, Disposition};
use super::posix::path::{c_int, os_error};
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{dict, exceptions, int, module, none, set, str as pystr};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// The signal numbers `_signal` names (Linux).
const SIGNALS: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

/// Other constants of `_signal`.
const OTHER: &[(&str, i64)] = &[
    ("NSIG", 65),
    ("SIG_DFL", 0),
    ("SIG_IGN", 1),
    ("SIG_BLOCK", 0),
    ("SIG_UNBLOCK", 1),
    ("SIG_SETMASK", 2),
    ("ITIMER_REAL", 0),
    ("ITIMER_VIRTUAL", 1),
    ("ITIMER_PROF", 2),
];

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

/// The handler table (signal number → Python handler), made on first use.
fn handlers(vm: &Vm) -> PyResult<ObjRef> {
    if let Some(d) = vm.sys.signal_handlers.get() {
        return Ok(d);
    }
    let d = dict::new_dict_vm(vm)?;
    drop(vm.sys.signal_handlers.replace(Some(d.clone())));
    Ok(d)
}

/// Runs the Python handlers of the signals caught since the last call (see the module docs).
pub fn run_pending(vm: &Vm) -> PyResult<()> {
    if !ffi::signal_pending() {
        return Ok(());
    }
    let caught = ffi::take_caught();
    let table = handlers(vm)?;
    for (i, sig) in caught.iter().enumerate() {
        let key = int::new_int(vm, *sig as i64)?;
        let Some(h) = dict::get_item(vm, &table, &key)? else {
            continue;
        };
        if int::is_int(&h) || !ops::is_callable(vm, &h)? {
            continue;
        }
        // The handler gets the frame that was running, as CPython's.
        let frame = crate::vm::frames::frame_object(vm, 0, None)
            .ok()
            .flatten()
            .unwrap_or_else(none::none);
        if let Err(e) = ops::call(vm, &h, &[key, frame], None) {
            // The signals not handled yet stay pending.
            for s in &caught[i + 1..] {
                ffi::mark_caught(*s);
            }
            return Err(e);
        }
    }
    Ok(())
}

fn signum_arg(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    let s = c_int(vm, obj)?;
    if s < 1 || s as usize >= ffi::NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(s)
}

fn disposition_obj(vm: &Vm, sig: i32, d: Disposition) -> PyResult<ObjRef> {
    match d {
        Disposition::Default => int::new_int(vm, 0),
        Disposition::Ignore => int::new_int(vm, 1),
        Disposition::Catch => {
            let key = int::new_int(vm, sig as i64)?;
            Ok(dict::get_item(vm, &handlers(vm)?, &key)?.unwrap_or_else(none::none))
        }
        Disposition::Other => Ok(none::none()),
    }
}

/// `signal(signalnum, handler)`: installs `handler` (`SIG_DFL`, `SIG_IGN` or a callable);
/// returns the previous one.
fn s_signal(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [sig, handler] = parse::<2>(vm, "signal", Sig::Clinic(2, 2), args, kw)?;
    let sig = signum_arg(vm, &req(sig))?;
    let handler = req(handler);
    let disp = if int::is_int(&handler) {
        match int::as_i64(&handler) {
            Some(0) => Disposition::Default,
            Some(1) => Disposition::Ignore,
            _ => Disposition::Other,
        }
    } else if ops::is_callable(vm, &handler)? {
        Disposition::Catch
    } else {
        Disposition::Other
    };
    if disp == Disposition::Other {
        return Err(vm.type_error(
            "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
        ));
    }
    let old_disp = ffi::disposition(sig).map_err(|e| os_error(vm, e, None, None))?;
    let old = disposition_obj(vm, sig, old_disp)?;
    ffi::set_disposition(sig, disp).map_err(|e| os_error(vm, e, None, None))?;
    let key = int::new_int(vm, sig as i64)?;
    dict::set_item(vm, &handlers(vm)?, key, handler)?;
    Ok(old)
}

/// `getsignal(signalnum)`.
fn s_getsignal(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [sig] = parse::<1>(vm, "_signal.getsignal", Sig::One, args, kw)?;
    let sig = signum_arg(vm, &req(sig))?;
    let d = ffi::disposition(sig).map_err(|e| os_error(vm, e, None, None))?;
    disposition_obj(vm, sig, d)
}

/// `default_int_handler(signalnum, frame)`: raises `KeyboardInterrupt`.
fn s_default_int_handler(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(crate::vm::PyErr::new(
        crate::objects::exceptions::new_exception(&exceptions::KEYBOARD_INTERRUPT, Vec::new())
            .map_err(|e| vm.alloc_err(e))?,
    ))
}

/// `raise_signal(signalnum)`.
fn s_raise_signal(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [sig] = parse::<1>(vm, "_signal.raise_signal", Sig::One, args, kw)?;
    let sig = signum_arg(vm, &req(sig))?;
    ffi::kill(nix::unistd::getpid().as_raw(), sig).map_err(|e| os_error(vm, e, None, None))?;
    run_pending(vm)?;
    Ok(none::none())
}

/// `valid_signals()`: the signal numbers of the platform.
fn s_valid_signals(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "_signal.valid_signals", Sig::NoArgs, args, kw)?;
    let mut items = Vec::new();
    for s in (1..ffi::NSIG as i64).filter(|s| *s != 32 && *s != 33) {
        items.push(int::new_int(vm, s)?);
    }
    new_set(vm, items)
}

fn new_set(vm: &Vm, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    let s = set::new_set(vm)?;
    for i in items {
        set::add(vm, &s, i)?;
    }
    Ok(s)
}

/// `set_wakeup_fd(fd, *, warn_on_full_buffer=True)`: returns the previous descriptor.
fn s_set_wakeup_fd(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, _warn] = parse::<2>(
        vm,
        "set_wakeup_fd",
        Sig::Kw {
            names: &["fd", "warn_on_full_buffer"],
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let fd = c_int(vm, &req(fd))?;
    if fd != -1 {
        nix::sys::stat::fstat(fd).map_err(|e| os_error(vm, e, None, None))?;
        let flags = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFL)
            .map_err(|e| os_error(vm, e, None, None))?;
        if flags & libc::O_NONBLOCK == 0 {
            return Err(vm.value_error(&format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    int::new_int(vm, ffi::set_wakeup_fd(fd) as i64)
}

/// `alarm(seconds)`: returns the seconds left of the previous alarm.
fn s_alarm(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [secs] = parse::<1>(vm, "_signal.alarm", Sig::One, args, kw)?;
    let secs = c_int(vm, &req(secs))?;
    int::new_int(vm, ffi::alarm(secs.max(0) as u32) as i64)
}

/// `pause()`: waits for a signal, then runs its handler.
fn s_pause(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "_signal.pause", Sig::NoArgs, args, kw)?;
    nix::unistd::pause();
    run_pending(vm)?;
    Ok(none::none())
}

/// `strsignal(signalnum)`: the system's description, `None` for an unknown signal.
fn s_strsignal(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [sig] = parse::<1>(vm, "_signal.strsignal", Sig::One, args, kw)?;
    let sig = signum_arg(vm, &req(sig))?;
    match nix::sys::signal::Signal::try_from(sig) {
        Ok(s) => pystr::new_str_vm(vm, strsignal_text(s)),
        Err(_) => Ok(none::none()),
    }
}

fn strsignal_text(s: nix::sys::signal::Signal) -> &'static str {
    use nix::sys::signal::Signal::*;
    match s {
        SIGHUP => "Hangup",
        SIGINT => "Interrupt",
        SIGQUIT => "Quit",
        SIGILL => "Illegal instruction",
        SIGTRAP => "Trace/breakpoint trap",
        SIGABRT => "Aborted",
        SIGBUS => "Bus error",
        SIGFPE => "Floating point exception",
        SIGKILL => "Killed",
        SIGUSR1 => "User defined signal 1",
        SIGSEGV => "Segmentation fault",
        SIGUSR2 => "User defined signal 2",
        SIGPIPE => "Broken pipe",
        SIGALRM => "Alarm clock",
        SIGTERM => "Terminated",
        SIGSTKFLT => "Stack fault",
        SIGCHLD => "Child exited",
        SIGCONT => "Continued",
        SIGSTOP => "Stopped (signal)",
        SIGTSTP => "Stopped",
        SIGTTIN => "Stopped (tty input)",
        SIGTTOU => "Stopped (tty output)",
        SIGURG => "Urgent I/O condition",
        SIGXCPU => "CPU time limit exceeded",
        SIGXFSZ => "File size limit exceeded",
        SIGVTALRM => "Virtual timer expired",
        SIGPROF => "Profiling timer expired",
        SIGWINCH => "Window changed",
        SIGIO => "I/O possible",
        SIGPWR => "Power failure",
        SIGSYS => "Bad system call",
        _ => "Unknown signal",
    }
}

/// `pthread_sigmask(how, mask)`: changes the blocked signals; returns the previous set.
fn s_pthread_sigmask(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    use nix::sys::signal::{SigSet, SigmaskHow, Signal};
    let [how, mask] = parse::<2>(vm, "pthread_sigmask", Sig::Clinic(2, 2), args, kw)?;
    let how = match c_int(vm, &req(how))? {
        0 => SigmaskHow::SIG_BLOCK,
        1 => SigmaskHow::SIG_UNBLOCK,
        2 => SigmaskHow::SIG_SETMASK,
        _ => return Err(os_error(vm, nix::errno::Errno::EINVAL, None, None)),
    };
    let mut set = SigSet::empty();
    for s in ops::collect_iterable(vm, &req(mask))? {
        let n = c_int(vm, &s)?;
        if n < 1 || n as usize >= ffi::NSIG {
            return Err(vm.value_error(&format!("signal number {n} out of range [1; 64]")));
        }
        if let Ok(sig) = Signal::try_from(n) {
            set.add(sig);
        }
    }
    let mut old = SigSet::empty();
    nix::sys::signal::pthread_sigmask(how, Some(&set), Some(&mut old))
        .map_err(|e| os_error(vm, e, None, None))?;
    let mut items = Vec::new();
    for s in old.iter() {
        items.push(int::new_int(vm, s as i64)?);
    }
    run_pending(vm)?;
    new_set(vm, items)
}

macro_rules! defs {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

static FUNCTIONS: &[BuiltinDef] = defs![
    "signal" => s_signal, "getsignal" => s_getsignal,
    "default_int_handler" => s_default_int_handler, "raise_signal" => s_raise_signal,
    "valid_signals" => s_valid_signals, "set_wakeup_fd" => s_set_wakeup_fd,
    "alarm" => s_alarm, "pause" => s_pause, "strsignal" => s_strsignal,
    "pthread_sigmask" => s_pthread_sigmask,
];

/// Builds `_signal`; `SIGINT` gets `default_int_handler` (`KeyboardInterrupt`) unless
/// something else handles it already, as CPython does at start-up.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_signal")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in SIGNALS.iter().chain(OTHER) {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    let sigint = libc::SIGINT;
    if ffi::disposition(sigint) == Ok(Disposition::Default) {
        let h = ops::getattr(vm, &m, "default_int_handler")?;
        let key = int::new_int(vm, sigint as i64)?;
        dict::set_item(vm, &handlers(vm)?, key, h)?;
        ffi::set_disposition(sigint, Disposition::Catch)
            .map_err(|e| os_error(vm, e, None, None))?;
    }
    Ok(m)
}
