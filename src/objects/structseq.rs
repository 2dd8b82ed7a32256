//! Struct sequences: tuple subclasses with named fields (`sys.version_info`,
//! `sys.float_info`, `time.struct_time`), CPython's `PyStructSequence`.
//!
//! A struct sequence type is a class deriving from `tuple` whose fields are read-only
//! `member_descriptor`s reading tuple items. Its `__dict__` carries what CPython's carries:
//! `n_fields`, `n_sequence_fields`, `n_unnamed_fields`, `__match_args__` (the field names, which
//! the repr also reads), `__new__`, `__repr__` and `__reduce__`.

use crate::object::{MethodDef, ObjRef};
use crate::objects::function::{new_builtin, BuiltinDef};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{descr, dict, int, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// `module.name` of a struct sequence type (CPython's `tp_name`).
fn full_name(vm: &Vm, ty: &ObjRef) -> PyResult<String> {
    let name = ops::getattr(vm, ty, "__name__")?;
    let name = pystr::as_str(&name).unwrap_or("?").to_string();
    let module = ops::getattr(vm, ty, "__module__").ok();
    Ok(match module.as_ref().and_then(pystr::as_str) {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    })
}

fn field_names(vm: &Vm, ty: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let fields = ops::getattr(vm, ty, "__match_args__")?;
    Ok(tuple::items(&fields).unwrap_or(&[]).to_vec())
}

fn structseq_repr(
    vm: &Vm,
    this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let ty = this.type_object();
    let names = field_names(vm, &ty)?;
    let items = tuple::items(this).unwrap_or(&[]).to_vec();
    let mut out = format!("{}(", full_name(vm, &ty)?);
    for (i, (n, v)) in names.iter().zip(items.iter()).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(pystr::as_str(n).unwrap_or("?"));
        out.push('=');
        out.push_str(&ops::repr_string(vm, v)?);
    }
    out.push(')');
    pystr::new_str_vm(vm, &out)
}

/// `__reduce__`: the type and the arguments that rebuild the instance.
fn structseq_reduce(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    parse::<0>(vm, "__reduce__", Sig::NoArgs, args, kw)?;
    let items = tuple::items(this).unwrap_or(&[]).to_vec();
    let visible = tuple::new_tuple(vm, items)?;
    let rebuild = tuple::new_tuple(vm, vec![visible, dict::new_dict_vm(vm)?])?;
    tuple::new_tuple(vm, vec![this.type_object(), rebuild])
}

static REPR_DEF: MethodDef = MethodDef {
    name: "__repr__",
    func: structseq_repr,
    flags: 0,
};

static REDUCE_DEF: MethodDef = MethodDef {
    name: "__reduce__",
    func: structseq_reduce,
    flags: 0,
};

/// Makes the instance of the struct sequence type `ty` holding `items`, without `__new__`.
fn make(vm: &Vm, ty: &ObjRef, items: Vec<ObjRef>) -> PyResult<ObjRef> {
    let t = tuple::new_tuple(vm, items)?;
    let new = tuple::TUPLE_TYPE
        .slots
        .new
        .ok_or_else(|| vm.type_error("cannot create tuples"))?;
    let ty = ty
        .as_type()
        .ok_or_else(|| vm.type_error("a struct sequence type is required"))?;
    new(vm, ty, &[t], None)
}

/// `T(sequence, dict={})` for an instantiable struct sequence type `T`.
fn structseq_new(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let Some((cls, rest)) = args.split_first() else {
        return Err(vm.type_error("structseq.__new__(): not enough arguments"));
    };
    let [seq, extra] = parse::<2>(
        vm,
        "structseq",
        Sig::Kw {
            names: &["sequence", "dict"],
            required: 1,
            posonly: 0,
        },
        rest,
        kw,
    )?;
    let seq = seq.unwrap_or_else(crate::objects::none::none);
    let name = full_name(vm, cls)?;
    let items = match ops::collect_iterable(vm, &seq) {
        Ok(v) => v,
        Err(e) if e.matches(&crate::objects::exceptions::TYPE_ERROR) => {
            return Err(vm.type_error("constructor requires a sequence"))
        }
        Err(e) => return Err(e),
    };
    let n = ops::getattr(vm, cls, "n_fields")
        .ok()
        .and_then(|v| int::as_i64(&v))
        .unwrap_or(0) as usize;
    if items.len() != n {
        return Err(vm.type_error(&format!(
            "{name}() takes a {n}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    if let Some(d) = extra.filter(|d| !crate::objects::none::is_none(d)) {
        if !d.is_instance(&dict::DICT_TYPE) {
            return Err(vm.type_error(&format!("{name}() takes a dict as second arg, if any")));
        }
    }
    make(vm, cls, items)
}

/// `__new__` of struct sequence types Python code cannot instantiate (`sys.flags`, ...).
fn structseq_no_new(vm: &Vm, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let name = match args.first() {
        Some(cls) => full_name(vm, cls)?,
        None => "structseq".to_string(),
    };
    Err(vm.type_error(&format!("cannot create '{name}' instances")))
}

static NEW_DEF: BuiltinDef = BuiltinDef {
    name: "__new__",
    func: structseq_new,
};

static NO_NEW_DEF: BuiltinDef = BuiltinDef {
    name: "__new__",
    func: structseq_no_new,
};

/// Makes a struct sequence type named `full_name` (e.g. `time.struct_time`) with `fields`,
/// which Python code can instantiate (`T(sequence)`).
pub fn new_type(vm: &Vm, full_name: &str, fields: &[&str]) -> PyResult<ObjRef> {
    build_type(vm, full_name, fields, true)
}

/// Makes a struct sequence type that Python code cannot instantiate (`sys.flags`,
/// `sys.version_info`: "cannot create 'sys.flags' instances"); [`new_instance`] still can.
pub fn new_sealed_type(vm: &Vm, full_name: &str, fields: &[&str]) -> PyResult<ObjRef> {
    build_type(vm, full_name, fields, false)
}

fn build_type(vm: &Vm, full_name: &str, fields: &[&str], instantiable: bool) -> PyResult<ObjRef> {
    let (module, name) = full_name
        .rsplit_once('.')
        .unwrap_or(("builtins", full_name));
    let ns = dict::new_dict_vm(vm)?;
    let owner = pystr::new_str_vm(vm, full_name)?;
    for (i, f) in fields.iter().enumerate() {
        let member = descr::new_item_member(vm, vm.intern(f)?, owner.clone(), i)?;
        dict::set_str(vm, &ns, f, member)?;
    }
    let names: PyResult<Vec<ObjRef>> = fields.iter().map(|f| pystr::new_str_vm(vm, f)).collect();
    dict::set_str(vm, &ns, "__match_args__", tuple::new_tuple(vm, names?)?)?;
    let n = int::new_int(vm, fields.len() as i64)?;
    dict::set_str(vm, &ns, "n_fields", n.clone())?;
    dict::set_str(vm, &ns, "n_sequence_fields", n)?;
    dict::set_str(vm, &ns, "n_unnamed_fields", int::new_int(vm, 0)?)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, module)?)?;
    dict::set_str(vm, &ns, "__slots__", tuple::new_tuple(vm, Vec::new())?)?;
    let owner_ty = ObjRef::from_type(&tuple::TUPLE_TYPE);
    let repr = descr::new_method_descriptor(vm, &REPR_DEF, owner_ty.clone())?;
    dict::set_str(vm, &ns, "__repr__", repr)?;
    let reduce = descr::new_method_descriptor(vm, &REDUCE_DEF, owner_ty)?;
    dict::set_str(vm, &ns, "__reduce__", reduce)?;
    let new = new_builtin(vm, if instantiable { &NEW_DEF } else { &NO_NEW_DEF })?;
    let new = ops::call(
        vm,
        &ObjRef::from_type(&descr::STATICMETHOD_TYPE),
        &[new],
        None,
    )?;
    dict::set_str(vm, &ns, "__new__", new)?;
    let bases = tuple::new_tuple(vm, vec![ObjRef::from_type(&tuple::TUPLE_TYPE)])?;
    let name = pystr::new_str_vm(vm, name)?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// An instance of struct sequence type `ty` holding `values`.
pub fn new_instance(vm: &Vm, ty: &ObjRef, values: Vec<ObjRef>) -> PyResult<ObjRef> {
    make(vm, ty, values)
}
