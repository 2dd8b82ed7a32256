//! `time`'s POSIX clock functions: `clock_gettime`, `clock_gettime_ns`, `clock_getres`,
//! `clock_settime`, `clock_settime_ns` and the `CLOCK_*` ids, through the `nix` crate's safe
//! wrappers of the C library's clock calls (so the ids are Linux's, as CPython reports them).

use crate::object::ObjRef;
use crate::objects::function::BuiltinDef;
use crate::objects::{float, int, module, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::time::{clock_getres, clock_gettime, clock_settime, ClockId};

/// The clock ids `time` exports, with their Linux values.
const CLOCK_IDS: [(&str, i64); 7] = [
    ("CLOCK_REALTIME", 0),
    ("CLOCK_MONOTONIC", 1),
    ("CLOCK_PROCESS_CPUTIME_ID", 2),
    ("CLOCK_THREAD_CPUTIME_ID", 3),
    ("CLOCK_MONOTONIC_RAW", 4),
    ("CLOCK_BOOTTIME", 7),
    ("CLOCK_TAI", 11),
];

/// An argument CPython converts with `PyLong_AsLong`-style checks (`__index__`).
fn c_int(vm: &Vm, obj: &ObjRef, what: &str) -> PyResult<i64> {
    let Some(i) = ops::index(vm, obj)? else {
        return Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        )));
    };
    int::as_i64(&i)
        .ok_or_else(|| vm.overflow_error(&format!("{what} too large to convert to C int")))
}

/// The clock named by argument `obj` (a C `clockid_t`).
fn clock_id(vm: &Vm, obj: &ObjRef) -> PyResult<ClockId> {
    let id = c_int(vm, obj, "Python int")?;
    let id = i32::try_from(id).map_err(|_| {
        vm.overflow_error(if id > 0 {
            "signed integer is greater than maximum"
        } else {
            "signed integer is less than minimum"
        })
    })?;
    Ok(ClockId::from_raw(id))
}

/// The OSError for a failed clock call (`[Errno 22] Invalid argument`).
fn os_error(vm: &Vm, e: nix::errno::Errno) -> crate::vm::PyErr {
    let io = std::io::Error::from_raw_os_error(e as i32);
    crate::objects::oserror::from_io_error(vm, &io, None)
}

fn one_clock(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ClockId> {
    let [clk] = parse::<1>(vm, name, Sig::One, args, kw)?;
    let clk = clk.ok_or_else(|| vm.type_error("missing argument"))?;
    clock_id(vm, &clk)
}

fn t_clock_gettime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let id = one_clock(vm, "clock_gettime", args, kw)?;
    let ts = clock_gettime(id).map_err(|e| os_error(vm, e))?;
    float::new_float(vm, ts.tv_sec() as f64 + ts.tv_nsec() as f64 * 1e-9)
}

fn t_clock_gettime_ns(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let id = one_clock(vm, "clock_gettime_ns", args, kw)?;
    let ts = clock_gettime(id).map_err(|e| os_error(vm, e))?;
    let ns = ts.tv_sec() as i128 * 1_000_000_000 + ts.tv_nsec() as i128;
    int::new_bigint(vm, &num_bigint::BigInt::from(ns))
}

fn t_clock_getres(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let id = one_clock(vm, "clock_getres", args, kw)?;
    let ts = clock_getres(id).map_err(|e| os_error(vm, e))?;
    float::new_float(vm, ts.tv_sec() as f64 + ts.tv_nsec() as f64 * 1e-9)
}

/// The clock and the second argument of `clock_settime` / `clock_settime_ns`.
fn clock_and_value(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(ClockId, ObjRef)> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(&format!(
            "{name}() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    let [clk, value] = parse::<2>(vm, name, Sig::VarArgs(2, 2), args, kw)?;
    let (Some(clk), Some(value)) = (clk, value) else {
        return Err(vm.type_error(&format!("{name} expected 2 arguments")));
    };
    Ok((clock_id(vm, &clk)?, value))
}

fn set(vm: &Vm, id: ClockId, sec: i64, nsec: i64) -> PyResult<ObjRef> {
    let ts = nix::sys::time::TimeSpec::new(sec, nsec);
    clock_settime(id, ts).map_err(|e| os_error(vm, e))?;
    Ok(none::none())
}

fn t_clock_settime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (id, value) = clock_and_value(vm, "clock_settime", args, kw)?;
    let t = super::math::real_arg(vm, &value)?;
    if !t.is_finite() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let sec = t.floor();
    if sec.abs() > i64::MAX as f64 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    let nsec = ((t - sec) * 1e9).round().min(999_999_999.0) as i64;
    set(vm, id, sec as i64, nsec)
}

fn t_clock_settime_ns(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (id, value) = clock_and_value(vm, "clock_settime_ns", args, kw)?;
    let ns = c_int(vm, &value, "Python int")?;
    set(
        vm,
        id,
        ns.div_euclid(1_000_000_000),
        ns.rem_euclid(1_000_000_000),
    )
}

/// The clock functions, for `time`'s table.
pub static CLOCK_FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "clock_gettime",
        func: t_clock_gettime,
    },
    BuiltinDef {
        name: "clock_gettime_ns",
        func: t_clock_gettime_ns,
    },
    BuiltinDef {
        name: "clock_getres",
        func: t_clock_getres,
    },
    BuiltinDef {
        name: "clock_settime",
        func: t_clock_settime,
    },
    BuiltinDef {
        name: "clock_settime_ns",
        func: t_clock_settime_ns,
    },
];

/// Adds the `CLOCK_*` ids to module `m`.
pub fn add_clock_ids(vm: &Vm, m: &ObjRef) -> PyResult<()> {
    for (name, id) in CLOCK_IDS {
        module::set_attr(vm, m, name, int::new_int(vm, id)?)?;
    }
    Ok(())
}
