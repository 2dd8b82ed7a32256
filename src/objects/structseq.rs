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

/// The names of the fields that are attributes only (`__slots__`).
fn extra_names(vm: &Vm, ty: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let slots = ops::getattr(vm, ty, "__slots__")?;
    Ok(tuple::items(&slots).unwrap_or(&[]).to_vec())
}

/// The names the repr shows: `__match_args__`, or, for a type with unnamed fields, the names
/// of every item (`_repr_fields`).
fn field_names(vm: &Vm, ty: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let fields = match ops::static_getattr(vm, ty, "_repr_fields")? {
        Some(f) => f,
        None => ops::getattr(vm, ty, "__match_args__")?,
    };
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
    let extras = dict::new_dict_vm(vm)?;
    for name in extra_names(vm, &this.type_object())? {
        let key = pystr::as_str(&name).unwrap_or("").to_string();
        if let Ok(v) = ops::getattr(vm, this, &key) {
            dict::set_item(vm, &extras, name, v)?;
        }
    }
    let rebuild = tuple::new_tuple(vm, vec![visible, extras])?;
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
    let count = |field: &str| {
        ops::getattr(vm, cls, field)
            .ok()
            .and_then(|v| int::as_i64(&v))
            .unwrap_or(0) as usize
    };
    let (n, visible) = (count("n_fields"), count("n_sequence_fields"));
    let given = items.len();
    if visible == n && given != n {
        return Err(vm.type_error(&format!(
            "{name}() takes a {n}-sequence ({given}-sequence given)"
        )));
    }
    if given < visible {
        return Err(vm.type_error(&format!(
            "{name}() takes an at least {visible}-sequence ({given}-sequence given)"
        )));
    }
    if given > n {
        return Err(vm.type_error(&format!(
            "{name}() takes an at most {n}-sequence ({given}-sequence given)"
        )));
    }
    let extra_dict = extra.filter(|d| !crate::objects::none::is_none(d));
    if let Some(d) = &extra_dict {
        if !d.is_instance(&dict::DICT_TYPE) {
            return Err(vm.type_error(&format!("{name}() takes a dict as second arg, if any")));
        }
    }
    let mut items = items;
    let rest = items.split_off(visible);
    let mut extras = Vec::new();
    for (i, field) in extra_names(vm, cls)?.into_iter().enumerate() {
        let v = match rest.get(i) {
            Some(v) => v.clone(),
            None => match &extra_dict {
                Some(d) => {
                    dict::get_item(vm, d, &field)?.unwrap_or_else(crate::objects::none::none)
                }
                None => crate::objects::none::none(),
            },
        };
        extras.push(v);
    }
    let obj = make(vm, cls, items)?;
    set_extras(vm, &obj, extras)?;
    Ok(obj)
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
    build_type(vm, full_name, fields, &[], true)
}

/// Makes a struct sequence type whose `fields` are its items and whose `extra` fields are
/// attributes only (`os.stat_result`: `n_sequence_fields` < `n_fields`).
pub fn new_type_with_extra(
    vm: &Vm,
    full_name: &str,
    fields: &[&str],
    extra: &[&str],
) -> PyResult<ObjRef> {
    build_type(vm, full_name, fields, extra, true)
}

/// Makes a struct sequence type that Python code cannot instantiate (`sys.flags`,
/// `sys.version_info`: "cannot create 'sys.flags' instances"); [`new_instance`] still can.
pub fn new_sealed_type(vm: &Vm, full_name: &str, fields: &[&str]) -> PyResult<ObjRef> {
    build_type(vm, full_name, fields, &[], false)
}

fn build_type(
    vm: &Vm,
    full_name: &str,
    fields: &[&str],
    extra: &[&str],
    instantiable: bool,
) -> PyResult<ObjRef> {
    let (module, name) = full_name
        .rsplit_once('.')
        .unwrap_or(("builtins", full_name));
    let ns = dict::new_dict_vm(vm)?;
    let owner = pystr::new_str_vm(vm, full_name)?;
    // A field named `#name` is unnamed: an item with no attribute, shown as `name=` by the repr.
    let mut unnamed = 0;
    for (i, f) in fields.iter().enumerate() {
        if f.starts_with('#') {
            unnamed += 1;
            continue;
        }
        let member = descr::new_item_member(vm, vm.intern(f)?, owner.clone(), i)?;
        dict::set_str(vm, &ns, f, member)?;
    }
    let names: PyResult<Vec<ObjRef>> = fields
        .iter()
        .filter(|f| !f.starts_with('#'))
        .map(|f| pystr::new_str_vm(vm, f))
        .collect();
    dict::set_str(vm, &ns, "__match_args__", tuple::new_tuple(vm, names?)?)?;
    if unnamed > 0 {
        let all: PyResult<Vec<ObjRef>> = fields
            .iter()
            .map(|f| pystr::new_str_vm(vm, f.trim_start_matches('#')))
            .collect();
        dict::set_str(vm, &ns, "_repr_fields", tuple::new_tuple(vm, all?)?)?;
    }
    let n = int::new_int(vm, (fields.len() + extra.len()) as i64)?;
    dict::set_str(vm, &ns, "n_fields", n)?;
    let visible = int::new_int(vm, fields.len() as i64)?;
    dict::set_str(vm, &ns, "n_sequence_fields", visible)?;
    dict::set_str(vm, &ns, "n_unnamed_fields", int::new_int(vm, unnamed)?)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, module)?)?;
    let slots: PyResult<Vec<ObjRef>> = extra.iter().map(|f| pystr::new_str_vm(vm, f)).collect();
    dict::set_str(vm, &ns, "__slots__", tuple::new_tuple(vm, slots?)?)?;
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

/// An instance of a type made by [`new_type_with_extra`]: `values` are the items, `extras`
/// the attribute-only fields, in order.
pub fn new_instance_with_extra(
    vm: &Vm,
    ty: &ObjRef,
    values: Vec<ObjRef>,
    extras: Vec<ObjRef>,
) -> PyResult<ObjRef> {
    let obj = make(vm, ty, values)?;
    set_extras(vm, &obj, extras)?;
    Ok(obj)
}

fn set_extras(vm: &Vm, obj: &ObjRef, extras: Vec<ObjRef>) -> PyResult<()> {
    let names = extra_names(vm, &obj.type_object())?;
    for (name, v) in names.into_iter().zip(extras) {
        ops::setattr(vm, obj, &name, Some(v))?;
    }
    Ok(())
}
