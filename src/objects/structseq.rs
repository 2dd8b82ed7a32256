//! Struct sequences: tuple subclasses with named fields (`sys.version_info`,
//! `sys.float_info`, `time.struct_time`), CPython's `PyStructSequence`.

use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{descr, dict, int, str as pystr, tuple};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Payload of a field getter: returns item `index` of the tuple it is called with.
pub struct FieldGetter {
    index: usize,
}

impl PyPayload for FieldGetter {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(FieldGetter);

static FIELD_GETTER_VTABLE: PayloadVTable = PayloadVTable::of::<FieldGetter>();

fn getter_call(vm: &Vm, g: &ObjRef, args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let index = g.downcast::<FieldGetter>().map_or(0, |f| f.index);
    let [obj] = args else {
        return Err(vm.type_error("field getter takes exactly one argument"));
    };
    let items = tuple::items(obj).ok_or_else(|| vm.type_error("expected a struct sequence"))?;
    items
        .get(index)
        .cloned()
        .ok_or_else(|| vm.index_error("tuple index out of range"))
}

/// The type of field getters.
pub static FIELD_GETTER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_field_getter",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &FIELD_GETTER_VTABLE,
    slots: Slots {
        call: Some(getter_call),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "",
};

fn structseq_repr(
    vm: &Vm,
    this: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let ty = this.type_object();
    let name = ops::getattr(vm, &ty, "_structseq_name")?;
    let fields = ops::getattr(vm, &ty, "_fields")?;
    let names = tuple::items(&fields).unwrap_or(&[]).to_vec();
    let items = tuple::items(this).unwrap_or(&[]).to_vec();
    let mut out = format!("{}(", pystr::as_str(&name).unwrap_or("?"));
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

static REPR_DEF: MethodDef = MethodDef {
    name: "__repr__",
    func: structseq_repr,
};

/// Makes a struct sequence type named `full_name` (e.g. `sys.version_info`) with `fields`.
pub fn new_type(vm: &Vm, full_name: &str, fields: &[&str]) -> PyResult<ObjRef> {
    let (module, name) = full_name
        .rsplit_once('.')
        .unwrap_or(("builtins", full_name));
    let ns = dict::new_dict_vm(vm)?;
    for (i, f) in fields.iter().enumerate() {
        let getter = new_object(&FIELD_GETTER_TYPE, FieldGetter { index: i }).or_mem(vm)?;
        let prop = ops::call(
            vm,
            &ObjRef::from_type(&descr::PROPERTY_TYPE),
            &[getter],
            None,
        )?;
        dict::set_str(vm, &ns, f, prop)?;
    }
    let names: PyResult<Vec<ObjRef>> = fields.iter().map(|f| pystr::new_str_vm(vm, f)).collect();
    dict::set_str(vm, &ns, "_fields", tuple::new_tuple(vm, names?)?)?;
    dict::set_str(vm, &ns, "n_fields", int::new_int(vm, fields.len() as i64)?)?;
    dict::set_str(
        vm,
        &ns,
        "_structseq_name",
        pystr::new_str_vm(vm, full_name)?,
    )?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, module)?)?;
    dict::set_str(vm, &ns, "__slots__", tuple::new_tuple(vm, Vec::new())?)?;
    let repr = descr::new_method_descriptor(vm, &REPR_DEF, ObjRef::from_type(&tuple::TUPLE_TYPE))?;
    dict::set_str(vm, &ns, "__repr__", repr)?;
    let bases = tuple::new_tuple(vm, vec![ObjRef::from_type(&tuple::TUPLE_TYPE)])?;
    let name = pystr::new_str_vm(vm, name)?;
    crate::objects::classobj::new_class(vm, &TYPE_TYPE, &name, &bases, &ns, &[])
}

/// An instance of struct sequence type `ty` holding `values`.
pub fn new_instance(vm: &Vm, ty: &ObjRef, values: Vec<ObjRef>) -> PyResult<ObjRef> {
    let t = tuple::new_tuple(vm, values)?;
    ops::call(vm, ty, &[t], None)
}
