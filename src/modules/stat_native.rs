//! The `_stat` module (`stat` imports it over its pure-Python definitions): the `S_IS*`
//! tests, `S_IMODE`/`S_IFMT`, `filemode`, and the mode, `ST_*` index, `UF_*`/`SF_*` flag
//! constants with their Linux values.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, exceptions, int, module, str as pystr};
use crate::vm::{PyResult, Vm};

const S_IFMT: u32 = 0o170000;

/// The integer constants.
const CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", 0o040000),
    ("S_IFCHR", 0o020000),
    ("S_IFBLK", 0o060000),
    ("S_IFREG", 0o100000),
    ("S_IFIFO", 0o010000),
    ("S_IFLNK", 0o120000),
    ("S_IFSOCK", 0o140000),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 0o4000),
    ("S_ISGID", 0o2000),
    ("S_ISVTX", 0o1000),
    ("S_ENFMT", 0o2000),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
    ("UF_NODUMP", 1),
    ("UF_IMMUTABLE", 2),
    ("UF_APPEND", 4),
    ("UF_OPAQUE", 8),
    ("UF_NOUNLINK", 16),
    ("UF_COMPRESSED", 32),
    ("UF_HIDDEN", 0x8000),
    ("SF_ARCHIVED", 0x10000),
    ("SF_IMMUTABLE", 0x20000),
    ("SF_APPEND", 0x40000),
    ("SF_NOUNLINK", 0x100000),
    ("SF_SNAPSHOT", 0x200000),
];

/// The mode argument, as CPython's `_PyLong_AsMode_t` (an unsigned C int).
fn mode_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<u32> {
    crate::vm::args::no_kwargs(vm, name, kw)?;
    let [mode] = args else {
        return Err(vm.type_error(&format!(
            "_stat.{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let Some(v) = int::as_bigint(mode) else {
        return Err(vm.type_error("an integer is required"));
    };
    if v.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    if u64::try_from(&v).is_err() {
        return Err(vm.new_error(
            &exceptions::OVERFLOW_ERROR,
            "Python int too large to convert to C unsigned long",
        ));
    }
    u32::try_from(v).map_err(|_| vm.new_error(&exceptions::OVERFLOW_ERROR, "mode out of range"))
}

macro_rules! is_fn {
    ($f:ident, $name:literal, $kind:expr) => {
        fn $f(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
            let m = mode_arg(vm, $name, args, kw)?;
            let kind: u32 = $kind;
            Ok(boolobj::new_bool(kind != 0 && m & S_IFMT == kind))
        }
    };
}

is_fn!(s_isdir, "S_ISDIR", 0o040000);
is_fn!(s_ischr, "S_ISCHR", 0o020000);
is_fn!(s_isblk, "S_ISBLK", 0o060000);
is_fn!(s_isreg, "S_ISREG", 0o100000);
is_fn!(s_isfifo, "S_ISFIFO", 0o010000);
is_fn!(s_islnk, "S_ISLNK", 0o120000);
is_fn!(s_issock, "S_ISSOCK", 0o140000);
is_fn!(s_isdoor, "S_ISDOOR", 0);
is_fn!(s_isport, "S_ISPORT", 0);
is_fn!(s_iswht, "S_ISWHT", 0);

fn s_imode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = mode_arg(vm, "S_IMODE", args, kw)?;
    int::new_int(vm, (m & 0o7777) as i64)
}

fn s_ifmt(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = mode_arg(vm, "S_IFMT", args, kw)?;
    int::new_int(vm, (m & S_IFMT) as i64)
}

/// `ls -l`'s ten-character text for a mode (`-rw-r--r--`).
pub fn filemode(m: u32) -> String {
    let kind = match m & S_IFMT {
        0o140000 => 's',
        0o120000 => 'l',
        0o100000 => '-',
        0o060000 => 'b',
        0o040000 => 'd',
        0o020000 => 'c',
        0o010000 => 'p',
        _ => '?',
    };
    let mut out = String::with_capacity(10);
    out.push(kind);
    let triple = |out: &mut String, r: u32, w: u32, x: u32, special: u32, on: char, off: char| {
        out.push(if m & r != 0 { 'r' } else { '-' });
        out.push(if m & w != 0 { 'w' } else { '-' });
        out.push(match (m & x != 0, m & special != 0) {
            (true, true) => on,
            (false, true) => off,
            (true, false) => 'x',
            (false, false) => '-',
        });
    };
    triple(&mut out, 0o400, 0o200, 0o100, 0o4000, 's', 'S');
    triple(&mut out, 0o040, 0o020, 0o010, 0o2000, 's', 'S');
    triple(&mut out, 0o004, 0o002, 0o001, 0o1000, 't', 'T');
    out
}

fn s_filemode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let m = mode_arg(vm, "filemode", args, kw)?;
    pystr::new_str_vm(vm, &filemode(m))
}

macro_rules! defs {
    ($($name:literal => $f:expr),* $(,)?) => {
        &[$(BuiltinDef { name: $name, func: $f }),*]
    };
}

static FUNCTIONS: &[BuiltinDef] = defs![
    "S_ISDIR" => s_isdir, "S_ISCHR" => s_ischr, "S_ISBLK" => s_isblk, "S_ISREG" => s_isreg,
    "S_ISFIFO" => s_isfifo, "S_ISLNK" => s_islnk, "S_ISSOCK" => s_issock,
    "S_ISDOOR" => s_isdoor, "S_ISPORT" => s_isport, "S_ISWHT" => s_iswht,
    "S_IMODE" => s_imode, "S_IFMT" => s_ifmt, "filemode" => s_filemode,
];

/// Builds `_stat`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_stat")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    for (name, v) in CONSTANTS {
        module::set_attr(vm, &m, name, int::new_int(vm, *v)?)?;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::filemode;

    #[test]
    fn filemode_matches_ls() {
        assert_eq!(filemode(0o100644), "-rw-r--r--");
        assert_eq!(filemode(0o40755), "drwxr-xr-x");
        assert_eq!(filemode(0o120777), "lrwxrwxrwx");
        assert_eq!(filemode(0o104755), "-rwsr-xr-x");
        assert_eq!(filemode(0o41777), "drwxrwxrwt");
        assert_eq!(filemode(0o102644), "-rw-r-Sr--");
        assert_eq!(filemode(0), "?---------");
    }
}
