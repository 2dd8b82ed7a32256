//! The `pwd` module: the password database (`getpwuid`, `getpwnam`, `getpwall`) and
//! `struct_passwd`, through `nix`'s reentrant lookups (`os.path.expanduser` uses it).

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, list, module, none, str as pystr, structseq};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::unistd::{Uid, User};

const FIELDS: [&str; 7] = [
    "pw_name",
    "pw_passwd",
    "pw_uid",
    "pw_gid",
    "pw_gecos",
    "pw_dir",
    "pw_shell",
];

fn entry(vm: &Vm, u: &User) -> PyResult<ObjRef> {
    let s = |t: &str| pystr::new_str_vm(vm, t);
    let items = vec![
        s(&u.name)?,
        s(&u.passwd.to_string_lossy())?,
        int::new_int(vm, u.uid.as_raw() as i64)?,
        int::new_int(vm, u.gid.as_raw() as i64)?,
        s(&u.gecos.to_string_lossy())?,
        s(&u.dir.to_string_lossy())?,
        s(&u.shell.to_string_lossy())?,
    ];
    let m = crate::vm::import::import_dotted(vm, "pwd")?;
    let ty = ops::getattr(vm, &m, "struct_passwd")?;
    structseq::new_instance(vm, &ty, items)
}

fn not_found(vm: &Vm, msg: String) -> crate::vm::PyErr {
    match pystr::new_str_vm(vm, &msg) {
        Ok(s) => vm.key_error(s),
        Err(e) => e,
    }
}

/// `getpwuid(uid)`.
fn p_getpwuid(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [uid] = parse::<1>(vm, "pwd.getpwuid", Sig::One, args, kw)?;
    let uid_obj = uid.unwrap_or_else(none::none);
    if !int::is_int(&uid_obj) && ops::lookup_special(vm, &uid_obj, "__index__")?.is_none() {
        return Err(vm.type_error(&format!(
            "uid should be integer, not {}",
            uid_obj.ob_type().name()
        )));
    }
    let Ok(uid) = crate::vm::argparse::index_arg(vm, &uid_obj) else {
        return Err(not_found(vm, "getpwuid(): uid not found".to_string()));
    };
    let found = u32::try_from(uid)
        .ok()
        .and_then(|u| User::from_uid(Uid::from_raw(u)).ok().flatten());
    match found {
        Some(u) => entry(vm, &u),
        None => Err(not_found(vm, format!("getpwuid(): uid not found: {uid}"))),
    }
}

/// `getpwnam(name)`.
fn p_getpwnam(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "pwd.getpwnam", Sig::One, args, kw)?;
    let name = name.unwrap_or_else(none::none);
    let Some(text) = pystr::as_str(&name) else {
        let shown = if none::is_none(&name) {
            "None".to_string()
        } else {
            name.ob_type().name().to_string()
        };
        return Err(vm.type_error(&format!("getpwnam() argument must be str, not {shown}")));
    };
    if text.contains('\0') {
        return Err(vm.value_error("embedded null byte"));
    }
    match User::from_name(text).ok().flatten() {
        Some(u) => entry(vm, &u),
        None => Err(not_found(
            vm,
            format!("getpwnam(): name not found: {}", pystr::repr_str(text)),
        )),
    }
}

/// `getpwall()`: every entry of `/etc/passwd` that the lookup finds.
fn p_getpwall(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "pwd.getpwall", Sig::NoArgs, args, kw)?;
    let text = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(name) = line.split(':').next().filter(|n| !n.is_empty()) else {
            continue;
        };
        if let Some(u) = User::from_name(name).ok().flatten() {
            out.push(entry(vm, &u)?);
        }
    }
    list::new_list(vm, out)
}

static FUNCTIONS: [BuiltinDef; 3] = [
    BuiltinDef {
        name: "getpwuid",
        func: p_getpwuid,
    },
    BuiltinDef {
        name: "getpwnam",
        func: p_getpwnam,
    },
    BuiltinDef {
        name: "getpwall",
        func: p_getpwall,
    },
];

/// Builds `pwd`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "pwd")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let ty = structseq::new_type(vm, "pwd.struct_passwd", &FIELDS)?;
    module::set_attr(vm, &m, "struct_passwd", ty)?;
    Ok(m)
}
