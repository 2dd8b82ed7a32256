//! The `select` module: `select()` and `poll()` objects (`selectors` picks `PollSelector`),
//! both over the system's `poll(2)`.
//!
//! A poll object keeps its registrations as plain data (descriptor → event mask), so it holds
//! no Python object.

use super::posix::ffi::{self, PollFd};
use super::posix::path::{c_int, fd_value, os_error};
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, float, int, list, module, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::RefCell;

/// The `POLL*` event bits (Linux).
const POLL_CONSTS: &[(&str, i64)] = &[
    ("POLLIN", 1),
    ("POLLPRI", 2),
    ("POLLOUT", 4),
    ("POLLERR", 8),
    ("POLLHUP", 16),
    ("POLLNVAL", 32),
    ("POLLRDNORM", 64),
    ("POLLRDBAND", 128),
    ("POLLWRNORM", 256),
    ("POLLWRBAND", 512),
    ("POLLMSG", 1024),
    ("POLLRDHUP", 8192),
    ("PIPE_BUF", 4096),
];

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

/// The descriptor of an int or an object with `fileno()` (CPython's
/// `PyObject_AsFileDescriptor`).
fn as_fd(vm: &Vm, obj: &ObjRef) -> PyResult<i32> {
    let fd = if int::is_int(obj) {
        fd_value(vm, obj)?
    } else {
        let Ok(f) = ops::getattr(vm, obj, "fileno") else {
            return Err(vm.type_error("argument must be an int, or have a fileno() method."));
        };
        let r = ops::call(vm, &f, &[], None)?;
        if !int::is_int(&r) {
            return Err(vm.type_error("fileno() returned a non-integer"));
        }
        fd_value(vm, &r)?
    };
    if fd < 0 {
        return Err(vm.value_error(&format!(
            "file descriptor cannot be a negative integer ({fd})"
        )));
    }
    Ok(fd)
}

/// A timeout in seconds (`None`: wait forever) as poll's milliseconds, rounded up.
fn timeout_ms(vm: &Vm, t: Option<ObjRef>, scale: f64, what: &str) -> PyResult<i32> {
    let Some(t) = t.filter(|t| !none::is_none(t)) else {
        return Ok(-1);
    };
    let secs = if let Some(i) = int::as_i64(&t) {
        i as f64
    } else if let Some(f) = float::as_f64(&t) {
        f
    } else {
        return Err(vm.type_error(&format!("{what} must be an integer or None")));
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let ms = (secs * scale).ceil();
    if ms < 0.0 {
        return Ok(-1);
    }
    if ms > i32::MAX as f64 {
        return Err(vm.overflow_error("timeout is too large"));
    }
    Ok(ms as i32)
}

/// Polls `fds`, retrying after signal handlers when interrupted (PEP 475).
fn poll_retry(vm: &Vm, fds: &mut [PollFd], ms: i32) -> PyResult<usize> {
    loop {
        match ffi::poll(fds, ms) {
            Ok(n) => return Ok(n),
            Err(nix::errno::Errno::EINTR) => super::signal::run_pending(vm)?,
            Err(e) => return Err(os_error(vm, e, None, None)),
        }
    }
}

/// `select(rlist, wlist, xlist[, timeout])`: the ready subsets of the three lists.
fn s_select(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [r, w, x, t] = parse::<4>(vm, "select", Sig::Clinic(3, 4), args, kw)?;
    let ms = match t.filter(|t| !none::is_none(t)) {
        Some(t) => {
            let secs = if let Some(i) = int::as_i64(&t) {
                i as f64
            } else if let Some(f) = float::as_f64(&t) {
                f
            } else {
                return Err(vm.type_error("timeout must be a float or None"));
            };
            if secs < 0.0 {
                return Err(vm.value_error("timeout must be non-negative"));
            }
            timeout_ms(vm, Some(float::new_float(vm, secs)?), 1000.0, "timeout")?
        }
        None => -1,
    };
    let lists = [req(r), req(w), req(x)];
    let mut objs: [Vec<(ObjRef, i32)>; 3] = Default::default();
    for (i, l) in lists.iter().enumerate() {
        let items = ops::collect_iterable(vm, l)
            .map_err(|_| vm.type_error("arguments 1-3 must be sequences"))?;
        for o in items {
            let fd = as_fd(vm, &o)?;
            if fd >= 1024 {
                return Err(vm.value_error("filedescriptor out of range in select()"));
            }
            objs[i].push((o, fd));
        }
    }
    let events = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    let mut fds = Vec::new();
    for (i, group) in objs.iter().enumerate() {
        for (_, fd) in group {
            fds.push(PollFd {
                fd: *fd,
                events: events[i],
                revents: 0,
            });
        }
    }
    poll_retry(vm, &mut fds, ms)?;
    if let Some(bad) = fds.iter().find(|p| p.revents & libc::POLLNVAL != 0) {
        let _ = bad;
        return Err(os_error(vm, nix::errno::Errno::EBADF, None, None));
    }
    let mut out = Vec::new();
    let mut k = 0;
    for (i, group) in objs.iter().enumerate() {
        let mut ready = Vec::new();
        for (o, _) in group {
            let rev = fds[k].revents;
            k += 1;
            let hit = match i {
                0 => rev & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0,
                1 => rev & (libc::POLLOUT | libc::POLLERR) != 0,
                _ => rev & libc::POLLPRI != 0,
            };
            if hit {
                ready.push(o.clone());
            }
        }
        out.push(list::new_list(vm, ready)?);
    }
    tuple::new_tuple(vm, out)
}

/// The payload of a poll object: registered descriptors and their event masks.
pub struct PollObject {
    fds: RefCell<Vec<(i32, i16)>>,
}

impl PyPayload for PollObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(PollObject);

static POLL_VTABLE: PayloadVTable = PayloadVTable::of::<PollObject>();

fn poll_state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a PollObject> {
    obj.downcast::<PollObject>()
        .ok_or_else(|| vm.type_error("expected a select.poll object"))
}

fn mask_arg(vm: &Vm, v: Option<ObjRef>, default: i16) -> PyResult<i16> {
    match v {
        None => Ok(default),
        Some(v) => {
            let m = c_int(vm, &v)?;
            if !(0..=0xffff).contains(&m) {
                return Err(vm.overflow_error("Python int too large for C unsigned short"));
            }
            Ok(m as u16 as i16)
        }
    }
}

fn poll_register(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, mask] = parse::<2>(vm, "register", Sig::Clinic(1, 2), args, kw)?;
    let fd = as_fd(vm, &req(fd))?;
    let mask = mask_arg(vm, mask, libc::POLLIN | libc::POLLPRI | libc::POLLOUT)?;
    let st = poll_state(vm, this)?;
    let mut fds = st.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => fds.push((fd, mask)),
    }
    Ok(none::none())
}

fn poll_modify(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fd, mask] = parse::<2>(vm, "modify", Sig::Clinic(2, 2), args, kw)?;
    let fd = as_fd(vm, &req(fd))?;
    let mask = mask_arg(vm, mask, 0)?;
    let st = poll_state(vm, this)?;
    let mut fds = st.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => {
            entry.1 = mask;
            Ok(none::none())
        }
        None => Err(os_error(vm, nix::errno::Errno::ENOENT, None, None)),
    }
}

fn poll_unregister(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [fd] = parse::<1>(vm, "select.unregister", Sig::One, args, kw)?;
    let fd = as_fd(vm, &req(fd))?;
    let st = poll_state(vm, this)?;
    let mut fds = st.fds.borrow_mut();
    let Some(i) = fds.iter().position(|(f, _)| *f == fd) else {
        drop(fds);
        return Err(vm.key_error(int::new_int(vm, fd as i64)?));
    };
    fds.remove(i);
    Ok(none::none())
}

fn poll_poll(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [t] = parse::<1>(vm, "poll", Sig::Clinic(0, 1), args, kw)?;
    let ms = timeout_ms(vm, t, 1.0, "Timeout")?;
    let mut fds: Vec<PollFd> = poll_state(vm, this)?
        .fds
        .borrow()
        .iter()
        .map(|(fd, ev)| PollFd {
            fd: *fd,
            events: *ev,
            revents: 0,
        })
        .collect();
    poll_retry(vm, &mut fds, ms)?;
    let mut out = Vec::new();
    for p in fds.iter().filter(|p| p.revents != 0) {
        out.push(tuple::new_tuple(
            vm,
            vec![
                int::new_int(vm, p.fd as i64)?,
                int::new_int(vm, p.revents as u16 as i64)?,
            ],
        )?);
    }
    list::new_list(vm, out)
}

static POLL_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "register",
        func: poll_register,
        flags: 0,
    },
    MethodDef {
        name: "modify",
        func: poll_modify,
        flags: 0,
    },
    MethodDef {
        name: "unregister",
        func: poll_unregister,
        flags: 0,
    },
    MethodDef {
        name: "poll",
        func: poll_poll,
        flags: 0,
    },
];

/// `select.poll` objects.
pub static POLL_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "select.poll",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &POLL_VTABLE,
    slots: Slots::EMPTY,
    methods: &POLL_METHODS,
    doc: "",
};

/// `poll()`: a new poll object.
fn s_poll(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "select.poll", Sig::NoArgs, args, kw)?;
    new_object(
        &POLL_TYPE,
        PollObject {
            fds: RefCell::new(Vec::new()),
        },
    )
    .or_mem(vm)
}

static FUNCTIONS: [BuiltinDef; 2] = [
    BuiltinDef {
        name: "select",
        func: s_select,
    },
    BuiltinDef {
        name: "poll",
        func: s_poll,
    },
];

/// Builds `select`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "select")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in POLL_CONSTS {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    module::set_attr(vm, &m, "error", ObjRef::from_type(&exceptions::OS_ERROR))?;
    Ok(m)
}
