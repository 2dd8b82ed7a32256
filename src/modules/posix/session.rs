//! Process groups and sessions (`getpgid`, `setpgid`, `setpgrp`, `getsid`, `setsid`), the
//! load average, and device numbers (`major`, `minor`, `makedev`).

use super::path::{c_int, os_error};
use crate::object::ObjRef;
use crate::objects::{float, int, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyErr, PyResult, Vm};
use nix::unistd::Pid;

fn req(a: Option<ObjRef>) -> ObjRef {
    a.unwrap_or_else(none::none)
}

fn err(vm: &Vm, e: nix::errno::Errno) -> PyErr {
    os_error(vm, e, None, None)
}

fn pid_result(vm: &Vm, r: nix::Result<Pid>) -> PyResult<ObjRef> {
    let p = r.map_err(|e| err(vm, e))?;
    int::new_int(vm, p.as_raw() as i64)
}

/// `getpgid(pid)`.
pub fn p_getpgid(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid] = super::fs::kw::<1>(vm, "getpgid", &["pid"], 1, args, kwn)?;
    let pid = Pid::from_raw(c_int(vm, &req(pid))?);
    pid_result(vm, nix::unistd::getpgid(Some(pid)))
}

/// `getsid(pid)`.
pub fn p_getsid(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid] = parse::<1>(vm, "posix.getsid", Sig::One, args, kwn)?;
    let pid = Pid::from_raw(c_int(vm, &req(pid))?);
    pid_result(vm, nix::unistd::getsid(Some(pid)))
}

/// `setpgid(pid, pgrp)`.
pub fn p_setpgid(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [pid, pgrp] = parse::<2>(vm, "setpgid", Sig::Clinic(2, 2), args, kwn)?;
    let pid = Pid::from_raw(c_int(vm, &req(pid))?);
    let pgrp = Pid::from_raw(c_int(vm, &req(pgrp))?);
    nix::unistd::setpgid(pid, pgrp).map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `setpgrp()`.
pub fn p_setpgrp(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.setpgrp", Sig::NoArgs, args, kwn)?;
    nix::unistd::setpgid(Pid::from_raw(0), Pid::from_raw(0)).map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `setsid()`.
pub fn p_setsid(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.setsid", Sig::NoArgs, args, kwn)?;
    nix::unistd::setsid().map_err(|e| err(vm, e))?;
    Ok(none::none())
}

/// `getloadavg()`: the 1, 5 and 15 minute load averages (`/proc/loadavg`).
pub fn p_getloadavg(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "posix.getloadavg", Sig::NoArgs, args, kwn)?;
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let vals: Vec<f64> = text
        .split_whitespace()
        .take(3)
        .filter_map(|v| v.parse().ok())
        .collect();
    if vals.len() != 3 {
        return Err(vm.new_error(
            &crate::objects::exceptions::OS_ERROR,
            "Load averages are unobtainable",
        ));
    }
    let items: PyResult<Vec<ObjRef>> = vals.iter().map(|v| float::new_float(vm, *v)).collect();
    tuple::new_tuple(vm, items?)
}

/// A device number argument (a C `dev_t`, unsigned).
fn dev_arg(vm: &Vm, obj: &ObjRef) -> PyResult<u64> {
    let v = crate::vm::argparse::index_arg(vm, obj)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    u64::try_from(v).map_err(|_| vm.overflow_error("can't convert negative int to unsigned"))
}

/// `major(device)`.
pub fn p_major(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [dev] = parse::<1>(vm, "posix.major", Sig::One, args, kwn)?;
    int::new_int(vm, nix::sys::stat::major(dev_arg(vm, &req(dev))?) as i64)
}

/// `minor(device)`.
pub fn p_minor(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [dev] = parse::<1>(vm, "posix.minor", Sig::One, args, kwn)?;
    int::new_int(vm, nix::sys::stat::minor(dev_arg(vm, &req(dev))?) as i64)
}

/// `makedev(major, minor)`.
pub fn p_makedev(vm: &Vm, args: &[ObjRef], kwn: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [ma, mi] = parse::<2>(vm, "makedev", Sig::Clinic(2, 2), args, kwn)?;
    let (ma, mi) = (dev_arg(vm, &req(ma))?, dev_arg(vm, &req(mi))?);
    int::new_bigint(
        vm,
        &num_bigint::BigInt::from(nix::sys::stat::makedev(ma, mi)),
    )
}
