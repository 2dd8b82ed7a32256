//! `_collections._tuplegetter(index, doc)`: the data descriptor `namedtuple` puts on its
//! classes for each field, reading item `index` of a tuple instance.

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{exceptions, int, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// Payload: the item index and the docstring.
pub struct TupleGetter {
    index: Cell<usize>,
    doc: ObjCell,
}

impl PyPayload for TupleGetter {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.doc.replace(None).into_iter().collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports the one reference the payload holds (`doc`) and does nothing else.
unsafe impl crate::object::Traverse for TupleGetter {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        self.doc.traverse(visit)
    }
}

static TUPLEGETTER_VTABLE: PayloadVTable = PayloadVTable::of::<TupleGetter>();

fn payload<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a TupleGetter> {
    obj.downcast::<TupleGetter>()
        .ok_or_else(|| vm.type_error("expected a _tuplegetter"))
}

fn tg_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [index, doc] = parse::<2>(vm, "_tuplegetter", Sig::Clinic(2, 2), args, kw)?;
    let (Some(index), Some(doc)) = (index, doc) else {
        return Err(vm.type_error("missing argument"));
    };
    let i = crate::vm::argparse::index_arg(vm, &index)?;
    let i = usize::try_from(i).map_err(|_| vm.index_error("tuple index out of range"))?;
    new_object(
        ty,
        TupleGetter {
            index: Cell::new(i),
            doc: ObjCell::new(Some(doc)),
        },
    )
    .or_mem(vm)
}

fn tg_get(vm: &Vm, d: &ObjRef, obj: Option<&ObjRef>, _ty: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, d)?;
    let Some(obj) = obj.filter(|o| !none::is_none(o)) else {
        return Ok(d.clone());
    };
    let Some(items) = tuple::items(obj) else {
        return Err(vm.type_error(&format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index.get(),
            obj.ob_type().name()
        )));
    };
    items
        .get(g.index.get())
        .cloned()
        .ok_or_else(|| vm.index_error("tuple index out of range"))
}

fn tg_set(vm: &Vm, _d: &ObjRef, _obj: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let msg = if value.is_some() {
        "can't set attribute"
    } else {
        "can't delete attribute"
    };
    Err(vm.new_error(&exceptions::ATTRIBUTE_ERROR, msg))
}

fn tg_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let g = payload(vm, obj)?;
    let doc = g.doc.get().unwrap_or_else(none::none);
    let name = super::deque::short_type_name(obj);
    pystr::new_str_vm(
        vm,
        &format!("{name}({}, {})", g.index.get(), ops::repr_string(vm, &doc)?),
    )
}

fn tg_reduce(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "__reduce__", Sig::NoArgs, args, kw)?;
    let g = payload(vm, obj)?;
    let cls = ObjRef::from_type_ref(obj.ob_type());
    let args = tuple::new_tuple(
        vm,
        vec![
            int::new_int(vm, g.index.get() as i64)?,
            g.doc.get().unwrap_or_else(none::none),
        ],
    )?;
    tuple::new_tuple(vm, vec![cls, args])
}

fn get_doc(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    Ok(Some(payload(vm, obj)?.doc.get().unwrap_or_else(none::none)))
}

fn set_doc(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    let old = payload(vm, obj)?.doc.replace(value);
    drop(old);
    Ok(())
}

static TG_GETSET: [GetSetDef; 1] = [GetSetDef {
    name: "__doc__",
    get: get_doc,
    set: Some(set_doc),
}];

static TG_METHODS: [MethodDef; 1] = [MethodDef {
    name: "__reduce__",
    func: tg_reduce,
    flags: 0,
}];

/// `_collections._tuplegetter`.
pub static TUPLEGETTER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &TG_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_collections._tuplegetter",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &TUPLEGETTER_VTABLE,
    slots: Slots {
        repr: Some(tg_repr),
        new: Some(tg_new),
        descr_get: Some(tg_get),
        descr_set: Some(tg_set),
        ..Slots::EMPTY
    },
    methods: &TG_METHODS,
    doc: "",
};
