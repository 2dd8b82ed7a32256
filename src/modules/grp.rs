//! The `grp` module: the group database (`getgrgid`, `getgrnam`, `getgrall`) and
//! `struct_group`, through `nix`'s reentrant lookups (`shutil.chown` and `pathlib` use it).

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{int, list, module, none, str as pystr, structseq};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use nix::unistd::{Gid, Group};

const FIELDS: [&str; 4] = ["gr_name", "gr_passwd", "gr_gid", "gr_mem"];

fn entry(vm: &Vm, g: &Group) -> PyResult<ObjRef> {
    let members: PyResult<Vec<ObjRef>> = g.mem.iter().map(|m| pystr::new_str_vm(vm, m)).collect();
    let items = vec![
        pystr::new_str_vm(vm, &g.name)?,
        pystr::new_str_vm(vm, &g.passwd.to_string_lossy())?,
        int::new_int(vm, g.gid.as_raw() as i64)?,
        list::new_list(vm, members?)?,
    ];
    let m = crate::vm::import::import_dotted(vm, "grp")?;
    let ty = ops::getattr(vm, &m, "struct_group")?;
    structseq::new_instance(vm, &ty, items)
}

fn not_found(vm: &Vm, msg: String) -> crate::vm::PyErr {
    match pystr::new_str_vm(vm, &msg) {
        Ok(s) => vm.key_error(s),
        Err(e) => e,
    }
}

/// `getgrgid(id)`.
fn g_getgrgid(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [gid] = parse::<1>(
        vm,
        "getgrgid",
        Sig::Kw {
            names: &["id"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let gid = gid.unwrap_or_else(none::none);
    if !int::is_int(&gid) {
        return Err(vm.type_error(&format!(
            "gid should be integer, not {}",
            gid.ob_type().name()
        )));
    }
    let n = crate::vm::argparse::index_arg(vm, &gid)
        .map_err(|_| vm.overflow_error("gid is greater than maximum"))?;
    let found = u32::try_from(n)
        .ok()
        .and_then(|g| Group::from_gid(Gid::from_raw(g)).ok().flatten());
    match found {
        Some(g) => entry(vm, &g),
        None => Err(not_found(vm, format!("getgrgid(): gid not found: {n}"))),
    }
}

/// `getgrnam(name)`.
fn g_getgrnam(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(
        vm,
        "getgrnam",
        Sig::Kw {
            names: &["name"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let name = name.unwrap_or_else(none::none);
    let Some(text) = pystr::as_str(&name) else {
        let shown = if none::is_none(&name) {
            "None".to_string()
        } else {
            name.ob_type().name().to_string()
        };
        return Err(vm.type_error(&format!(
            "getgrnam() argument 'name' must be str, not {shown}"
        )));
    };
    if text.contains('\0') {
        return Err(vm.value_error("embedded null byte"));
    }
    match Group::from_name(text).ok().flatten() {
        Some(g) => entry(vm, &g),
        None => Err(not_found(
            vm,
            format!("getgrnam(): name not found: {}", pystr::repr_str(text)),
        )),
    }
}

/// `getgrall()`: the entries of `/etc/group` the lookup finds.
fn g_getgrall(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "grp.getgrall", Sig::NoArgs, args, kw)?;
    let text = std::fs::read_to_string("/etc/group").unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(name) = line.split(':').next().filter(|n| !n.is_empty()) else {
            continue;
        };
        if let Some(g) = Group::from_name(name).ok().flatten() {
            out.push(entry(vm, &g)?);
        }
    }
    list::new_list(vm, out)
}

static FUNCTIONS: [BuiltinDef; 3] = [
    BuiltinDef {
        name: "getgrgid",
        func: g_getgrgid,
    },
    BuiltinDef {
        name: "getgrnam",
        func: g_getgrnam,
    },
    BuiltinDef {
        name: "getgrall",
        func: g_getgrall,
    },
];

/// Builds `grp`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "grp")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let ty = structseq::new_type(vm, "grp.struct_group", &FIELDS)?;
    module::set_attr(vm, &m, "struct_group", ty)?;
    Ok(m)
}
