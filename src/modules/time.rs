//! The `time` module: clocks, `sleep`, and broken-down time (`struct_time`) with `gmtime`,
//! `localtime`, `mktime`, `strftime`, `asctime` and `ctime`.
//!
//! arenapy keeps no time-zone database: local time is UTC (`timezone == 0`,
//! `tzname == ('UTC', 'UTC')`), which CPython also reports on a machine set to UTC.
//! `process_time` reads the CPU time the kernel accounts to the process
//! (`/proc/self/schedstat`), falling back to the monotonic clock.

use super::math::real_arg;
use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{float, int, module, none, str as pystr, structseq, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Nanoseconds on the monotonic clock since the first use.
fn mono_ns() -> i128 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as i128
}

fn cpu_ns() -> i128 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<i128>().ok())
        .unwrap_or_else(mono_ns)
}

/// CPU time of the calling thread (`/proc/thread-self/schedstat`), else of the process.
fn thread_cpu_ns() -> i128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<i128>().ok())
        .unwrap_or_else(cpu_ns)
}

fn no_args(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<()> {
    parse::<0>(vm, &format!("time.{name}"), Sig::NoArgs, args, kw).map(|_| ())
}

macro_rules! clock {
    ($f:ident, $fns:ident, $name:literal, $src:expr) => {
        fn $f(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            no_args(vm, $name, args, kw)?;
            let ns: i128 = $src();
            float::new_float(vm, ns as f64 / 1e9)
        }
        fn $fns(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            no_args(vm, concat!($name, "_ns"), args, kw)?;
            let ns: i128 = $src();
            int::new_bigint(vm, &num_bigint::BigInt::from(ns))
        }
    };
}

clock!(t_time, t_time_ns, "time", now_ns);
clock!(t_monotonic, t_monotonic_ns, "monotonic", mono_ns);
clock!(t_perf_counter, t_perf_counter_ns, "perf_counter", mono_ns);
clock!(t_process_time, t_process_time_ns, "process_time", cpu_ns);
clock!(
    t_thread_time,
    t_thread_time_ns,
    "thread_time",
    thread_cpu_ns
);

/// `get_clock_info(name)`: how the clock `name` is read (implementation, monotonic,
/// adjustable, resolution).
fn t_get_clock_info(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "get_clock_info", kw)?;
    let [name] = args else {
        return Err(vm.type_error(&format!(
            "get_clock_info() takes exactly 1 argument ({} given)",
            args.len()
        )));
    };
    let Some(name) = pystr::as_str(name) else {
        return Err(vm.type_error(&format!(
            "get_clock_info() argument 1 must be str, not {}",
            name.ob_type().name()
        )));
    };
    let (implementation, monotonic, adjustable) = match name {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false, true),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", true, false),
        "process_time" => ("/proc/self/schedstat", true, false),
        "thread_time" => ("/proc/thread-self/schedstat", true, false),
        _ => return Err(vm.value_error("unknown clock")),
    };
    let ns = crate::objects::namespace::new_namespace(vm)?;
    let set = |k: &str, v: ObjRef| -> PyResult<()> {
        let key = vm.intern(k)?;
        ops::setattr(vm, &ns, &key, Some(v))
    };
    set("implementation", pystr::new_str_vm(vm, implementation)?)?;
    set("monotonic", crate::objects::boolobj::new_bool(monotonic))?;
    set("adjustable", crate::objects::boolobj::new_bool(adjustable))?;
    set("resolution", float::new_float(vm, 1e-9)?)?;
    Ok(ns)
}

fn t_sleep(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [secs] = parse::<1>(vm, "time.sleep", Sig::One, args, kw)?;
    let secs = secs.ok_or_else(|| vm.type_error("missing argument"))?;
    let n = &secs.ob_type().slots.number;
    if float::as_f64(&secs).is_none() && n.float.is_none() && n.index.is_none() {
        return Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            secs.ob_type().name()
        )));
    }
    let secs = real_arg(vm, &secs)?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 1e12 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    sleep_until_deadline(vm, Duration::from_secs_f64(secs))?;
    Ok(none::none())
}

/// Sleeps on the monotonic clock until `length` has passed; a signal interrupting the sleep
/// runs its Python handler (whose exception ends the sleep), then the sleep goes on to the same
/// deadline (PEP 475).
fn sleep_until_deadline(vm: &Vm, length: Duration) -> PyResult<()> {
    use nix::sys::time::TimeSpec;
    use nix::time::{clock_gettime, clock_nanosleep, ClockId, ClockNanosleepFlags};
    let clock = ClockId::CLOCK_MONOTONIC;
    let Ok(now) = clock_gettime(clock) else {
        std::thread::sleep(length);
        return Ok(());
    };
    let deadline = TimeSpec::from_duration(Duration::from(now) + length);
    loop {
        match clock_nanosleep(clock, ClockNanosleepFlags::TIMER_ABSTIME, &deadline) {
            Err(nix::errno::Errno::EINTR) => super::signal::run_pending(vm)?,
            _ => return Ok(()),
        }
    }
}

/// A broken-down UTC time, as C's `struct tm` (month 1-based, weekday Monday = 0, yday
/// 1-based, as Python presents them).
#[derive(Clone, Copy)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    isdst: i64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn gm(secs: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let mday = doy - (153 * mp + 2) / 5 + 1;
    let mon = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(mon <= 2);
    Tm {
        year,
        mon,
        mday,
        hour: rem / 3600,
        min: rem % 3600 / 60,
        sec: rem % 60,
        wday: (days + 3).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1) + 1,
        isdst: 0,
    }
}

fn struct_time_type(vm: &Vm) -> PyResult<ObjRef> {
    let m = crate::vm::import::import_dotted(vm, "time")?;
    ops::getattr(vm, &m, "struct_time")
}

/// `zone` is `tm_zone`: `GMT` for `gmtime`, the local zone's name for `localtime`.
fn tm_to_obj(vm: &Vm, tm: Tm, zone: &str) -> PyResult<ObjRef> {
    let vals = [
        tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst,
    ];
    let items: PyResult<Vec<ObjRef>> = vals.iter().map(|v| int::new_int(vm, *v)).collect();
    let extra = vec![pystr::new_str_vm(vm, zone)?, int::new_int(vm, 0)?];
    structseq::new_instance_with_extra(vm, &struct_time_type(vm)?, items?, extra)
}

fn obj_to_tm(vm: &Vm, name: &str, obj: &ObjRef) -> PyResult<Tm> {
    let items =
        tuple::items(obj).ok_or_else(|| vm.type_error("Tuple or struct_time argument required"))?;
    if items.len() != 9 {
        return Err(vm.type_error(&format!("{name}(): illegal time tuple argument")));
    }
    let mut v = [0i64; 9];
    for (slot, item) in v.iter_mut().zip(items) {
        *slot = crate::vm::argparse::index_arg(vm, item)?;
    }
    Ok(Tm {
        year: v[0],
        mon: v[1],
        mday: v[2],
        hour: v[3],
        min: v[4],
        sec: v[5],
        wday: v[6],
        yday: v[7],
        isdst: v[8],
    })
}

/// Seconds from an optional argument (`None`: now), floored as C's `time_t`.
fn secs_arg(vm: &Vm, a: Option<ObjRef>) -> PyResult<i64> {
    match a.filter(|a| !none::is_none(a)) {
        None => Ok((now_ns().div_euclid(1_000_000_000)) as i64),
        Some(a) => {
            if let Some(i) = int::as_i64(&a) {
                return Ok(i);
            }
            let x = real_arg(vm, &a)?;
            if x.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            if !(-6.7e16..=6.7e16).contains(&x) {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(x.floor() as i64)
        }
    }
}

fn t_gmtime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "gmtime", Sig::VarArgs(0, 1), args, kw)?;
    tm_to_obj(vm, gm(secs_arg(vm, a)?), "GMT")
}

fn t_localtime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "localtime", Sig::VarArgs(0, 1), args, kw)?;
    tm_to_obj(vm, gm(secs_arg(vm, a)?), "UTC")
}

fn t_mktime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "time.mktime", Sig::One, args, kw)?;
    let tm = obj_to_tm(
        vm,
        "mktime",
        &a.ok_or_else(|| vm.type_error("missing argument"))?,
    )?;
    // Normalise the month as C's mktime does, then count days.
    let m0 = tm.mon - 1;
    let year = tm.year + m0.div_euclid(12);
    let mon = m0.rem_euclid(12) + 1;
    let days = days_from_civil(year, mon, 1) + tm.mday - 1;
    let secs = days * 86_400 + tm.hour * 3600 + tm.min * 60 + tm.sec;
    float::new_float(vm, secs as f64)
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn day_name(tm: &Tm) -> &'static str {
    DAYS[tm.wday.rem_euclid(7) as usize]
}

fn month_name(tm: &Tm) -> &'static str {
    MONTHS[(tm.mon - 1).rem_euclid(12) as usize]
}

/// C's `strftime` in the C locale for the directives glibc documents.
fn strftime(fmt: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
        // Weeks of the year starting on Sunday (%U) or Monday (%W).
        let sunday_wday = (tm.wday + 1) % 7;
        let piece = match d {
            'Y' => tm.year.to_string(),
            'y' => format!("{:02}", tm.year.rem_euclid(100)),
            'C' => format!("{:02}", tm.year.div_euclid(100)),
            'm' => format!("{:02}", tm.mon),
            'd' => format!("{:02}", tm.mday),
            'e' => format!("{:2}", tm.mday),
            'H' => format!("{:02}", tm.hour),
            'I' => format!("{hour12:02}"),
            'M' => format!("{:02}", tm.min),
            'S' => format!("{:02}", tm.sec),
            'j' => format!("{:03}", tm.yday),
            'a' => day_name(tm)[..3].to_string(),
            'A' => day_name(tm).to_string(),
            'b' | 'h' => month_name(tm)[..3].to_string(),
            'B' => month_name(tm).to_string(),
            'p' => (if tm.hour < 12 { "AM" } else { "PM" }).to_string(),
            'w' => sunday_wday.to_string(),
            'u' => (tm.wday + 1).to_string(),
            'U' => format!("{:02}", (tm.yday - 1 + 7 - sunday_wday) / 7),
            'W' => format!("{:02}", (tm.yday - 1 + 7 - tm.wday) / 7),
            'Z' => "UTC".to_string(),
            'z' => "+0000".to_string(),
            'c' => strftime("%a %b %e %H:%M:%S %Y", tm),
            'x' | 'D' => strftime("%m/%d/%y", tm),
            'X' | 'T' => strftime("%H:%M:%S", tm),
            'F' => strftime("%Y-%m-%d", tm),
            'R' => strftime("%H:%M", tm),
            'r' => strftime("%I:%M:%S %p", tm),
            'n' => "\n".to_string(),
            't' => "\t".to_string(),
            '%' => "%".to_string(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
}

fn tm_or_now(vm: &Vm, name: &str, a: Option<ObjRef>) -> PyResult<Tm> {
    match a {
        Some(t) => obj_to_tm(vm, name, &t),
        None => Ok(gm(secs_arg(vm, None)?)),
    }
}

fn t_strftime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [fmt, t] = parse::<2>(vm, "strftime", Sig::VarArgs(1, 2), args, kw)?;
    let fmt = fmt.ok_or_else(|| vm.type_error("missing format"))?;
    let Some(text) = pystr::as_str(&fmt) else {
        return Err(vm.type_error(&format!(
            "strftime() argument 1 must be str, not {}",
            fmt.ob_type().name()
        )));
    };
    let tm = tm_or_now(vm, "strftime", t)?;
    if !(1..=12).contains(&tm.mon) {
        return Err(vm.value_error("month out of range"));
    }
    if !(1..=31).contains(&tm.mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    pystr::new_str_vm(vm, &strftime(text, &tm))
}

fn asctime(tm: &Tm) -> String {
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        &day_name(tm)[..3],
        &month_name(tm)[..3],
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        tm.year
    )
}

fn t_asctime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [t] = parse::<1>(vm, "asctime", Sig::VarArgs(0, 1), args, kw)?;
    let tm = tm_or_now(vm, "asctime", t)?;
    pystr::new_str_vm(vm, &asctime(&tm))
}

fn t_ctime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "ctime", Sig::VarArgs(0, 1), args, kw)?;
    pystr::new_str_vm(vm, &asctime(&gm(secs_arg(vm, a)?)))
}

/// `strptime(string, format='%a %b %d %H:%M:%S %Y')`, through CPython's `_strptime`.
fn t_strptime(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [string, format] = parse::<2>(vm, "strptime", Sig::VarArgs(1, 2), args, kw)?;
    let string = string.ok_or_else(|| vm.type_error("missing argument"))?;
    let module = crate::vm::import::import_dotted(vm, "_strptime")?;
    let f = ops::getattr(vm, &module, "_strptime_time")?;
    let mut call_args = vec![string];
    call_args.extend(format);
    ops::call(vm, &f, &call_args, None)
}

/// `tzset()`: arenapy's local time is UTC, so there is nothing to re-read.
fn t_tzset(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "tzset", args, kw)?;
    Ok(none::none())
}

/// A table of `BuiltinDef`s from `"name" => function` pairs.
macro_rules! builtin_table {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

static TIME_FUNCTIONS: &[BuiltinDef] = builtin_table![
    "time" => t_time, "time_ns" => t_time_ns,
    "monotonic" => t_monotonic, "monotonic_ns" => t_monotonic_ns,
    "perf_counter" => t_perf_counter, "perf_counter_ns" => t_perf_counter_ns,
    "process_time" => t_process_time, "process_time_ns" => t_process_time_ns,
    "thread_time" => t_thread_time, "thread_time_ns" => t_thread_time_ns,
    "get_clock_info" => t_get_clock_info,
    "sleep" => t_sleep, "gmtime" => t_gmtime, "localtime" => t_localtime,
    "mktime" => t_mktime, "strftime" => t_strftime, "asctime" => t_asctime,
    "ctime" => t_ctime, "strptime" => t_strptime, "tzset" => t_tzset,
];

/// Builds `time`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "time")?;
    for def in TIME_FUNCTIONS
        .iter()
        .chain(super::time_posix::CLOCK_FUNCTIONS)
    {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    super::time_posix::add_clock_ids(vm, &m)?;
    let st = structseq::new_type_with_extra(
        vm,
        "time.struct_time",
        &[
            "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday",
            "tm_isdst",
        ],
        &["tm_zone", "tm_gmtoff"],
    )?;
    module::set_attr(vm, &m, "struct_time", st)?;
    module::set_attr(vm, &m, "timezone", int::new_int(vm, 0)?)?;
    module::set_attr(vm, &m, "altzone", int::new_int(vm, 0)?)?;
    module::set_attr(vm, &m, "daylight", int::new_int(vm, 0)?)?;
    let utc = pystr::new_str_vm(vm, "UTC")?;
    module::set_attr(
        vm,
        &m,
        "tzname",
        tuple::new_tuple(vm, vec![utc.clone(), utc])?,
    )?;
    Ok(m)
}
