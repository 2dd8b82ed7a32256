//! The `_locale` module: the locale categories as the C library names them, `setlocale`,
//! `localeconv`, `nl_langinfo`, `getencoding`, collation and the message-catalogue stubs.
//!
//! arenapy knows only the "C" locale, with its character type set to UTF-8 as CPython's locale
//! coercion does (`LC_CTYPE` is `C.UTF-8` at start-up, every other category `C`). Setting a
//! category accepts `C`, `POSIX`, `C.UTF-8` and `C.utf8` (and `""`, which reads the
//! environment as the C library does); anything else raises `locale.Error`, as CPython does on
//! a machine where that locale is not installed. The state is per process, like the C
//! library's.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, exceptions, int, list, module, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};
use std::sync::Mutex;

/// `LC_ALL`: every category at once.
const LC_ALL: i64 = 6;

/// The categories glibc knows, by number (`LC_ALL` excluded), in its composite-name order.
const CATEGORIES: [(i64, &str); 12] = [
    (0, "LC_CTYPE"),
    (1, "LC_NUMERIC"),
    (2, "LC_TIME"),
    (3, "LC_COLLATE"),
    (4, "LC_MONETARY"),
    (5, "LC_MESSAGES"),
    (7, "LC_PAPER"),
    (8, "LC_NAME"),
    (9, "LC_ADDRESS"),
    (10, "LC_TELEPHONE"),
    (11, "LC_MEASUREMENT"),
    (12, "LC_IDENTIFICATION"),
];

/// The locale of each category, in [`CATEGORIES`] order (`None` before the first use).
static STATE: Mutex<Option<Vec<String>>> = Mutex::new(None);

fn with_state<T>(f: impl FnOnce(&mut Vec<String>) -> T) -> T {
    let mut guard = STATE.lock().unwrap_or_else(|p| p.into_inner());
    let st = guard.get_or_insert_with(|| {
        CATEGORIES
            .iter()
            .map(|(n, _)| if *n == 0 { "C.UTF-8" } else { "C" }.to_string())
            .collect()
    });
    f(st)
}

/// The canonical form of a locale name arenapy supports, or `None`.
fn supported(name: &str) -> Option<&str> {
    match name {
        "C" | "POSIX" => Some("C"),
        "C.UTF-8" | "C.utf8" => Some(name),
        _ => None,
    }
}

/// The name `setlocale(category, "")` picks from the environment.
fn from_environment(category: &str) -> String {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let chosen = var("LC_ALL")
        .or_else(|| var(category))
        .or_else(|| var("LANG"));
    match chosen {
        Some(v) => v,
        // Locale coercion leaves the character type UTF-8 when nothing is configured.
        None if category == "LC_CTYPE" => "C.UTF-8".to_string(),
        None => "C".to_string(),
    }
}

/// The current `LC_ALL` name: one name when every category agrees, else glibc's composite.
fn all_name(st: &[String]) -> String {
    if st.iter().all(|s| *s == st[0]) {
        return st[0].clone();
    }
    CATEGORIES
        .iter()
        .zip(st)
        .map(|((_, n), v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Whether the character type is UTF-8 (the code set `nl_langinfo(CODESET)` reports).
fn ctype_is_utf8() -> bool {
    with_state(|st| st[0] != "C")
}

fn locale_error(vm: &Vm, msg: &str) -> PyErr {
    let made = (|| -> PyResult<ObjRef> {
        let m = crate::vm::import::import_dotted(vm, "_locale")?;
        let cls = ops::getattr(vm, &m, "Error")?;
        ops::call(vm, &cls, &[pystr::new_str_vm(vm, msg)?], None)
    })();
    match made {
        Ok(exc) => PyErr::new(exc),
        Err(e) => e,
    }
}

fn l_setlocale(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["category", "locale"],
        required: 1,
        posonly: 2,
    };
    let [cat, loc] = parse::<2>(vm, "setlocale", sig, args, kw)?;
    let cat = index_arg(vm, cat.as_ref().unwrap_or(&none::none()))?;
    let loc = match loc.filter(|l| !none::is_none(l)) {
        None => None,
        Some(l) => Some(
            pystr::as_str(&l)
                .ok_or_else(|| {
                    vm.type_error(&format!(
                        "setlocale() argument 2 must be str or None, not {}",
                        l.ob_type().name()
                    ))
                })?
                .to_string(),
        ),
    };
    let index = CATEGORIES.iter().position(|(n, _)| *n == cat);
    if cat != LC_ALL && index.is_none() {
        let msg = if loc.is_some() {
            "unsupported locale setting"
        } else {
            "locale query failed"
        };
        return Err(locale_error(vm, msg));
    }
    let Some(loc) = loc else {
        let name = with_state(|st| match index {
            Some(i) => st[i].clone(),
            None => all_name(st),
        });
        return pystr::new_str_vm(vm, &name);
    };
    // Every category to set, with its new name (checked before any is changed).
    let targets: Vec<usize> = match index {
        Some(i) => vec![i],
        None => (0..CATEGORIES.len()).collect(),
    };
    let mut names = Vec::with_capacity(targets.len());
    for &i in &targets {
        let wanted = if loc.is_empty() {
            from_environment(CATEGORIES[i].1)
        } else {
            loc.clone()
        };
        match supported(&wanted) {
            Some(n) => names.push(n.to_string()),
            None => return Err(locale_error(vm, "unsupported locale setting")),
        }
    }
    let result = with_state(|st| {
        for (i, n) in targets.iter().zip(names) {
            st[*i] = n;
        }
        match index {
            Some(i) => st[i].clone(),
            None => all_name(st),
        }
    });
    pystr::new_str_vm(vm, &result)
}

fn l_localeconv(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "localeconv", Sig::NoArgs, args, kw)?;
    let d = dict::new_dict_vm(vm)?;
    let s = |v: &str| pystr::new_str_vm(vm, v);
    for k in [
        "int_curr_symbol",
        "currency_symbol",
        "mon_decimal_point",
        "mon_thousands_sep",
    ] {
        dict::set_str(vm, &d, k, s("")?)?;
    }
    dict::set_str(vm, &d, "mon_grouping", list::new_list(vm, Vec::new())?)?;
    dict::set_str(vm, &d, "positive_sign", s("")?)?;
    dict::set_str(vm, &d, "negative_sign", s("")?)?;
    for k in [
        "int_frac_digits",
        "frac_digits",
        "p_cs_precedes",
        "p_sep_by_space",
        "n_cs_precedes",
        "n_sep_by_space",
        "p_sign_posn",
        "n_sign_posn",
    ] {
        dict::set_str(vm, &d, k, int::new_int(vm, 127)?)?;
    }
    dict::set_str(vm, &d, "decimal_point", s(".")?)?;
    dict::set_str(vm, &d, "thousands_sep", s("")?)?;
    dict::set_str(vm, &d, "grouping", list::new_list(vm, Vec::new())?)?;
    Ok(d)
}

/// The `nl_langinfo` items: name, glibc's number, value in the C locale.
const LANGINFO: &[(&str, i64, &str)] = &[
    ("RADIXCHAR", 65536, "."),
    ("THOUSEP", 65537, ""),
    ("ABDAY_1", 131072, "Sun"),
    ("ABDAY_2", 131073, "Mon"),
    ("ABDAY_3", 131074, "Tue"),
    ("ABDAY_4", 131075, "Wed"),
    ("ABDAY_5", 131076, "Thu"),
    ("ABDAY_6", 131077, "Fri"),
    ("ABDAY_7", 131078, "Sat"),
    ("DAY_1", 131079, "Sunday"),
    ("DAY_2", 131080, "Monday"),
    ("DAY_3", 131081, "Tuesday"),
    ("DAY_4", 131082, "Wednesday"),
    ("DAY_5", 131083, "Thursday"),
    ("DAY_6", 131084, "Friday"),
    ("DAY_7", 131085, "Saturday"),
    ("ABMON_1", 131086, "Jan"),
    ("ABMON_2", 131087, "Feb"),
    ("ABMON_3", 131088, "Mar"),
    ("ABMON_4", 131089, "Apr"),
    ("ABMON_5", 131090, "May"),
    ("ABMON_6", 131091, "Jun"),
    ("ABMON_7", 131092, "Jul"),
    ("ABMON_8", 131093, "Aug"),
    ("ABMON_9", 131094, "Sep"),
    ("ABMON_10", 131095, "Oct"),
    ("ABMON_11", 131096, "Nov"),
    ("ABMON_12", 131097, "Dec"),
    ("MON_1", 131098, "January"),
    ("MON_2", 131099, "February"),
    ("MON_3", 131100, "March"),
    ("MON_4", 131101, "April"),
    ("MON_5", 131102, "May"),
    ("MON_6", 131103, "June"),
    ("MON_7", 131104, "July"),
    ("MON_8", 131105, "August"),
    ("MON_9", 131106, "September"),
    ("MON_10", 131107, "October"),
    ("MON_11", 131108, "November"),
    ("MON_12", 131109, "December"),
    ("AM_STR", 131110, "AM"),
    ("PM_STR", 131111, "PM"),
    ("D_T_FMT", 131112, "%a %b %e %H:%M:%S %Y"),
    ("D_FMT", 131113, "%m/%d/%y"),
    ("T_FMT", 131114, "%H:%M:%S"),
    ("T_FMT_AMPM", 131115, "%I:%M:%S %p"),
    ("ERA", 131116, ""),
    ("ERA_D_FMT", 131118, ""),
    ("ALT_DIGITS", 131119, ""),
    ("ERA_D_T_FMT", 131120, ""),
    ("ERA_T_FMT", 131121, ""),
    ("_DATE_FMT", 131180, "%a %b %e %H:%M:%S %Z %Y"),
    ("CRNCYSTR", 262159, "-"),
    ("YESEXPR", 327680, "^[yY]"),
    ("NOEXPR", 327681, "^[nN]"),
];

/// `CODESET`'s number.
const CODESET: i64 = 14;

/// The code set of the character type (`nl_langinfo(CODESET)`).
fn codeset() -> &'static str {
    if ctype_is_utf8() {
        "UTF-8"
    } else {
        "ANSI_X3.4-1968"
    }
}

fn l_nl_langinfo(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [key] = parse::<1>(vm, "nl_langinfo", Sig::Clinic(1, 1), args, kw)?;
    let key = match key {
        Some(k) if int::is_int(&k) => index_arg(vm, &k)?,
        Some(k) => {
            return Err(vm.type_error(&format!(
                "'{}' object cannot be interpreted as an integer",
                k.ob_type().name()
            )))
        }
        None => 0,
    };
    if key == CODESET {
        return pystr::new_str_vm(vm, codeset());
    }
    match LANGINFO.iter().find(|(_, n, _)| *n == key) {
        Some((_, _, v)) => pystr::new_str_vm(vm, v),
        None => Err(vm.value_error("unsupported langinfo constant")),
    }
}

fn l_getencoding(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "getencoding", Sig::NoArgs, args, kw)?;
    pystr::new_str_vm(vm, codeset())
}

fn str_param<'a>(vm: &Vm, func: &str, n: usize, obj: &'a ObjRef) -> PyResult<&'a str> {
    pystr::as_str(obj).ok_or_else(|| {
        vm.type_error(&format!(
            "{func}() argument {n} must be str, not {}",
            obj.ob_type().name()
        ))
    })
}

fn l_strcoll(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, b] = parse::<2>(vm, "strcoll", Sig::Clinic(2, 2), args, kw)?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(vm.type_error("strcoll expected 2 arguments"));
    };
    let a = str_param(vm, "strcoll", 1, &a)?;
    let b = str_param(vm, "strcoll", 2, &b)?;
    // The C locale collates by code point.
    int::new_int(vm, a.cmp(b) as i64)
}

fn l_strxfrm(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [s] = parse::<1>(vm, "strxfrm", Sig::Clinic(1, 1), args, kw)?;
    let s = s.unwrap_or_else(none::none);
    str_param(vm, "strxfrm", 1, &s)?;
    Ok(s)
}

/// The `str` (or `None`) argument `obj` of a message-catalogue function.
fn opt_str(vm: &Vm, func: &str, n: usize, obj: Option<&ObjRef>) -> PyResult<Option<String>> {
    match obj {
        None => Ok(None),
        Some(o) if none::is_none(o) => Ok(None),
        Some(o) => pystr::as_str(o)
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| {
                vm.type_error(&format!(
                    "{func}() argument {n} must be str or None, not {}",
                    o.ob_type().name()
                ))
            }),
    }
}

/// `gettext(msg)`, `dgettext(domain, msg)`, `dcgettext(domain, msg, category)`: with no
/// catalogues installed, the message itself.
fn catalogue_lookup(
    vm: &Vm,
    func: &str,
    msg_at: usize,
    n: usize,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let vals = parse::<3>(vm, func, Sig::VarArgs(n, n), args, kw)?;
    for (i, v) in vals.iter().enumerate().take(msg_at) {
        opt_str(vm, func, i + 1, v.as_ref())?;
    }
    let msg = vals[msg_at].clone().unwrap_or_else(none::none);
    str_param(vm, func, msg_at + 1, &msg)?;
    if n == 3 {
        index_arg(vm, vals[2].as_ref().unwrap_or(&msg))?;
    }
    Ok(msg)
}

fn l_gettext(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    catalogue_lookup(vm, "gettext", 0, 1, args, kw)
}

fn l_dgettext(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    catalogue_lookup(vm, "dgettext", 1, 2, args, kw)
}

fn l_dcgettext(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    catalogue_lookup(vm, "dcgettext", 1, 3, args, kw)
}

/// The message domain `textdomain` sets (process-wide, like the C library's).
static DOMAIN: Mutex<Option<String>> = Mutex::new(None);

fn l_textdomain(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [d] = parse::<1>(vm, "textdomain", Sig::VarArgs(1, 1), args, kw)?;
    let d = opt_str(vm, "textdomain", 1, d.as_ref())?;
    let mut cur = DOMAIN.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(d) = d {
        *cur = Some(d);
    }
    pystr::new_str_vm(vm, cur.as_deref().unwrap_or("messages"))
}

fn l_bindtextdomain(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [d, dir] = parse::<2>(vm, "bindtextdomain", Sig::VarArgs(2, 2), args, kw)?;
    let d = opt_str(vm, "bindtextdomain", 1, d.as_ref())?;
    if d.as_deref().is_none_or(str::is_empty) {
        return Err(vm.new_error(&exceptions::OS_ERROR, "[Errno 22] Invalid argument"));
    }
    let dir = opt_str(vm, "bindtextdomain", 2, dir.as_ref())?;
    pystr::new_str_vm(vm, dir.as_deref().unwrap_or("/usr/share/locale"))
}

fn l_bind_textdomain_codeset(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [d, cs] = parse::<2>(vm, "bind_textdomain_codeset", Sig::VarArgs(2, 2), args, kw)?;
    opt_str(vm, "bind_textdomain_codeset", 1, d.as_ref())?;
    match opt_str(vm, "bind_textdomain_codeset", 2, cs.as_ref())? {
        Some(cs) => pystr::new_str_vm(vm, &cs),
        None => Ok(none::none()),
    }
}

static LOCALE_FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "setlocale",
        func: l_setlocale,
    },
    BuiltinDef {
        name: "localeconv",
        func: l_localeconv,
    },
    BuiltinDef {
        name: "nl_langinfo",
        func: l_nl_langinfo,
    },
    BuiltinDef {
        name: "getencoding",
        func: l_getencoding,
    },
    BuiltinDef {
        name: "strcoll",
        func: l_strcoll,
    },
    BuiltinDef {
        name: "strxfrm",
        func: l_strxfrm,
    },
    BuiltinDef {
        name: "gettext",
        func: l_gettext,
    },
    BuiltinDef {
        name: "dgettext",
        func: l_dgettext,
    },
    BuiltinDef {
        name: "dcgettext",
        func: l_dcgettext,
    },
    BuiltinDef {
        name: "textdomain",
        func: l_textdomain,
    },
    BuiltinDef {
        name: "bindtextdomain",
        func: l_bindtextdomain,
    },
    BuiltinDef {
        name: "bind_textdomain_codeset",
        func: l_bind_textdomain_codeset,
    },
];

/// `locale.Error`, a subclass of `Exception`.
fn new_error_class(vm: &Vm) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, "locale")?)?;
    let bases = tuple::new_tuple(vm, vec![ObjRef::from_type(&exceptions::EXCEPTION)])?;
    let name = pystr::new_str_vm(vm, "Error")?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// Builds the `_locale` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_locale")?;
    module::set_attr(
        vm,
        &m,
        "__doc__",
        pystr::new_str_vm(vm, "Support for POSIX locales.")?,
    )?;
    for def in LOCALE_FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (n, name) in CATEGORIES.iter().take(6) {
        module::set_attr(vm, &m, name, int::new_int(vm, *n)?)?;
    }
    module::set_attr(vm, &m, "LC_ALL", int::new_int(vm, LC_ALL)?)?;
    module::set_attr(vm, &m, "CHAR_MAX", int::new_int(vm, 127)?)?;
    module::set_attr(vm, &m, "CODESET", int::new_int(vm, CODESET)?)?;
    for (name, n, _) in LANGINFO {
        module::set_attr(vm, &m, name, int::new_int(vm, *n)?)?;
    }
    module::set_attr(vm, &m, "Error", new_error_class(vm)?)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_names() {
        let mut st: Vec<String> = vec!["C".to_string(); CATEGORIES.len()];
        assert_eq!(all_name(&st), "C");
        st[0] = "C.UTF-8".to_string();
        let all = all_name(&st);
        assert!(all.starts_with("LC_CTYPE=C.UTF-8;LC_NUMERIC=C;"));
        assert!(all.ends_with("LC_IDENTIFICATION=C"));
    }

    #[test]
    fn supported_names() {
        assert_eq!(supported("POSIX"), Some("C"));
        assert_eq!(supported("C.utf8"), Some("C.utf8"));
        assert_eq!(supported("xx_YY"), None);
    }

    #[test]
    fn langinfo_numbers_are_distinct() {
        for (i, a) in LANGINFO.iter().enumerate() {
            assert!(LANGINFO[i + 1..].iter().all(|b| b.1 != a.1 && b.0 != a.0));
            assert_ne!(a.1, CODESET);
        }
    }
}
