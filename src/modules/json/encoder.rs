//! `_json.make_encoder`, the encoder type (`_json.Encoder`): built from a `JSONEncoder`'s
//! settings (`markers, default, encoder, indent, key_separator, item_separator, sort_keys,
//! skipkeys, allow_nan`), called as `encoder(obj, _current_indent_level)`, returning a list
//! holding the whole JSON text.
//!
//! CPython 3.11's `Lib/json` uses it only without `indent`, and so does this encoder: `indent`
//! is kept but does not change the output. Rules are the C encoder's: `str` (subclasses
//! included) through the string encoder (the module's own escapers are run directly), ints by
//! `int.__repr__` and floats by `float.__repr__` whatever their class, lists and tuples as
//! arrays, dicts as objects, anything else through `default`; `markers` (a dict of `id`s)
//! catches circular references.

use crate::object::{
    new_object, GetSetDef, ObjCell, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::float::FLOAT_TYPE;
use crate::objects::int::INT_TYPE;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, dict, float, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};

/// How strings are encoded: by one of `_json`'s escapers, or by calling `encoder`.
#[derive(Clone, Copy)]
enum StrMode {
    Ascii,
    Unicode,
    Call,
}

/// Payload of an encoder: the settings it was made with.
pub struct Encoder {
    markers: ObjCell,
    default: ObjCell,
    encoder: ObjCell,
    indent: ObjCell,
    key_separator: ObjCell,
    item_separator: ObjCell,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    mode: StrMode,
}

impl Encoder {
    fn cells(&self) -> [&ObjCell; 6] {
        [
            &self.markers,
            &self.default,
            &self.encoder,
            &self.indent,
            &self.key_separator,
            &self.item_separator,
        ]
    }
}

impl PyPayload for Encoder {
    const IS_CONTAINER: bool = true;
    fn clear(&self) -> Vec<ObjRef> {
        self.cells()
            .iter()
            .filter_map(|c| c.replace(None))
            .collect()
    }
}

#[allow(unsafe_code)]
// SAFETY: reports every reference the payload holds (its six object settings), each once, and
// does nothing else.
unsafe impl crate::object::Traverse for Encoder {
    fn traverse(&self, visit: &mut crate::object::Visitor<'_>) {
        for c in self.cells() {
            c.traverse(visit);
        }
    }
}

static ENCODER_VTABLE: PayloadVTable = PayloadVTable::of::<Encoder>();

const NAMES: &[&str] = &[
    "markers",
    "default",
    "encoder",
    "indent",
    "key_separator",
    "item_separator",
    "sort_keys",
    "skipkeys",
    "allow_nan",
];

fn encoder_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let a = parse::<9>(
        vm,
        "make_encoder",
        Sig::Kw {
            names: NAMES,
            required: 9,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let Some(a) = a.into_iter().collect::<Option<Vec<ObjRef>>>() else {
        return Err(vm.type_error("make_encoder() missing required arguments"));
    };
    for (i, sep) in a.iter().enumerate().skip(4).take(2) {
        if !pystr::is_str(sep) {
            return Err(vm.type_error(&format!(
                "make_encoder() argument {} must be str, not {}",
                i + 1,
                sep.ob_type().name()
            )));
        }
    }
    let sort_keys = ops::truthy(vm, &a[6])?;
    let skipkeys = ops::truthy(vm, &a[7])?;
    let allow_nan = ops::truthy(vm, &a[8])?;
    let markers = &a[0];
    if !none::is_none(markers) && dict::table(markers).is_none() {
        return Err(vm.type_error(&format!(
            "make_encoder() argument 1 must be dict or None, not {}",
            markers.ob_type().name()
        )));
    }
    let mode = match super::builtin_escaper(&a[2]) {
        Some(true) => StrMode::Ascii,
        Some(false) => StrMode::Unicode,
        None => StrMode::Call,
    };
    let cell = |i: usize| ObjCell::new(Some(a[i].clone()));
    let payload = Encoder {
        markers: cell(0),
        default: cell(1),
        encoder: cell(2),
        indent: cell(3),
        key_separator: cell(4),
        item_separator: cell(5),
        sort_keys,
        skipkeys,
        allow_nan,
        mode,
    };
    new_object(ty, payload).or_mem(vm)
}

/// One call's state: the settings and the output text (generalized UTF-8).
struct Writer<'a> {
    vm: &'a Vm,
    enc: &'a Encoder,
    markers: Option<ObjRef>,
    default: ObjRef,
    encoder: ObjRef,
    key_sep: ObjRef,
    item_sep: ObjRef,
    out: Vec<u8>,
}

impl Writer<'_> {
    fn push(&mut self, bytes: &[u8]) -> PyResult<()> {
        self.out.grow(self.vm, bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    fn push_str_obj(&mut self, s: &ObjRef) -> PyResult<()> {
        let bytes = pystr::as_text(s).map(|w| w.as_bytes()).unwrap_or_default();
        self.out.grow(self.vm, bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// The JSON literal of a str.
    fn string(&mut self, s: &ObjRef) -> PyResult<()> {
        match self.enc.mode {
            StrMode::Ascii => super::text::escape_str(self.vm, &mut self.out, s, true),
            StrMode::Unicode => super::text::escape_str(self.vm, &mut self.out, s, false),
            StrMode::Call => {
                let encoded = ops::call(self.vm, &self.encoder, std::slice::from_ref(s), None)?;
                if !pystr::is_str(&encoded) {
                    return Err(self.vm.type_error(&format!(
                        "encoder() must return a string, not {}",
                        encoded.ob_type().name()
                    )));
                }
                self.push_str_obj(&encoded)
            }
        }
    }

    /// The JSON text of a float (`Infinity`, `-Infinity`, `NaN` when allowed).
    fn float_text(&self, obj: &ObjRef) -> PyResult<String> {
        let v = float::as_f64(obj).unwrap_or(0.0);
        if !v.is_finite() {
            if !self.enc.allow_nan {
                return Err(self
                    .vm
                    .value_error("Out of range float values are not JSON compliant"));
            }
            return Ok(if v > 0.0 {
                "Infinity"
            } else if v < 0.0 {
                "-Infinity"
            } else {
                "NaN"
            }
            .to_string());
        }
        Ok(float::repr_f64(v))
    }

    /// `int.__repr__(obj)`.
    fn int_text(&self, obj: &ObjRef) -> PyResult<ObjRef> {
        match INT_TYPE.slots.repr {
            Some(repr) => repr(self.vm, obj),
            None => pystr::new_str_vm(self.vm, &int::to_decimal(obj)),
        }
    }

    /// Registers `obj` in `markers` (a `ValueError` if it is already there); returns the key.
    fn mark(&self, obj: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(markers) = &self.markers else {
            return Ok(None);
        };
        let ident = int::new_int(self.vm, obj.addr() as i64)?;
        if dict::get_item(self.vm, markers, &ident)?.is_some() {
            return Err(self.vm.value_error("Circular reference detected"));
        }
        dict::set_item(self.vm, markers, ident.clone(), obj.clone())?;
        Ok(Some(ident))
    }

    fn unmark(&self, ident: Option<ObjRef>) -> PyResult<()> {
        if let (Some(markers), Some(ident)) = (&self.markers, ident) {
            if !dict::del_item(self.vm, markers, &ident)? {
                return Err(self.vm.key_error(ident));
            }
        }
        Ok(())
    }

    fn value(&mut self, obj: &ObjRef) -> PyResult<()> {
        let vm = self.vm;
        if none::is_none(obj) {
            return self.push(b"null");
        }
        if let Some(b) = boolobj::as_bool(obj) {
            return self.push(if b { b"true" } else { b"false" });
        }
        if pystr::is_str(obj) {
            return self.string(obj);
        }
        if int::is_int(obj) {
            let text = self.int_text(obj)?;
            return self.push_str_obj(&text);
        }
        if obj.is_instance(&FLOAT_TYPE) {
            let text = self.float_text(obj)?;
            return self.push(text.as_bytes());
        }
        if list::storage(obj).is_some() || tuple::items(obj).is_some() {
            let _depth = vm.enter_native_for("while encoding a JSON object")?;
            return self.array(obj);
        }
        if dict::table(obj).is_some() {
            let _depth = vm.enter_native_for("while encoding a JSON object")?;
            return self.object(obj);
        }
        let ident = self.mark(obj)?;
        let replaced = ops::call(vm, &self.default, std::slice::from_ref(obj), None)?;
        {
            let _depth = vm.enter_native_for("while encoding a JSON object")?;
            self.value(&replaced)?;
        }
        self.unmark(ident)
    }

    fn item_at(seq: &ObjRef, i: usize) -> Option<ObjRef> {
        match list::storage(seq) {
            Some(v) => v.get(i),
            None => tuple::items(seq).and_then(|t| t.get(i).cloned()),
        }
    }

    fn array(&mut self, seq: &ObjRef) -> PyResult<()> {
        if Self::item_at(seq, 0).is_none() {
            return self.push(b"[]");
        }
        let ident = self.mark(seq)?;
        self.push(b"[")?;
        let mut i = 0;
        while let Some(item) = Self::item_at(seq, i) {
            if i > 0 {
                let sep = self.item_sep.clone();
                self.push_str_obj(&sep)?;
            }
            self.value(&item)?;
            i += 1;
        }
        self.unmark(ident)?;
        self.push(b"]")
    }

    /// The (key, value) pairs of a dict in the order they are written: an exact dict's own,
    /// else `list(dct.items())`, sorted under `sort_keys`.
    fn pairs(&self, dct: &ObjRef) -> PyResult<Vec<(ObjRef, ObjRef)>> {
        let vm = self.vm;
        let exact = std::ptr::eq(dct.ob_type(), &dict::DICT_TYPE);
        if exact && !self.enc.sort_keys {
            return Ok(dict::items(dct));
        }
        let items = ops::call(vm, &ops::getattr(vm, dct, "items")?, &[], None)?;
        let items = list::new_list(vm, ops::collect_iterable(vm, &items)?)?;
        if self.enc.sort_keys {
            ops::call(vm, &ops::getattr(vm, &items, "sort")?, &[], None)?;
        }
        let items = list::storage(&items)
            .map(|v| v.snapshot())
            .unwrap_or_default();
        items
            .iter()
            .map(|item| match tuple::items(item) {
                Some([k, v]) => Ok((k.clone(), v.clone())),
                _ => Err(vm.value_error("items must return 2-tuples")),
            })
            .collect()
    }

    fn object(&mut self, dct: &ObjRef) -> PyResult<()> {
        let vm = self.vm;
        if dict::table(dct).is_some_and(|t| t.is_empty()) {
            return self.push(b"{}");
        }
        let ident = self.mark(dct)?;
        self.push(b"{")?;
        let mut first = true;
        for (key, value) in self.pairs(dct)? {
            let kstr = if pystr::is_str(&key) {
                key
            } else if key.is_instance(&FLOAT_TYPE) {
                pystr::new_str_vm(vm, &self.float_text(&key)?)?
            } else if let Some(b) = boolobj::as_bool(&key) {
                pystr::new_str_vm(vm, if b { "true" } else { "false" })?
            } else if none::is_none(&key) {
                pystr::new_str_vm(vm, "null")?
            } else if int::is_int(&key) {
                self.int_text(&key)?
            } else if self.enc.skipkeys {
                continue;
            } else {
                return Err(vm.type_error(&format!(
                    "keys must be str, int, float, bool or None, not {}",
                    key.ob_type().name()
                )));
            };
            if !first {
                let sep = self.item_sep.clone();
                self.push_str_obj(&sep)?;
            }
            first = false;
            self.string(&kstr)?;
            let sep = self.key_sep.clone();
            self.push_str_obj(&sep)?;
            self.value(&value)?;
        }
        self.unmark(ident)?;
        self.push(b"}")
    }
}

fn encoder_call(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let enc = obj
        .downcast::<Encoder>()
        .ok_or_else(|| vm.type_error("expected a _json.Encoder"))?;
    let [value, level] = parse::<2>(
        vm,
        "_iterencode",
        Sig::Kw {
            names: &["obj", "_current_indent_level"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(value), Some(level)) = (value, level) else {
        return Err(vm.type_error("_iterencode() missing arguments"));
    };
    index_arg(vm, &level)?;
    let get = |c: &ObjCell| c.get().unwrap_or_else(none::none);
    let mut w = Writer {
        vm,
        enc,
        markers: enc.markers.get().filter(|m| !none::is_none(m)),
        default: get(&enc.default),
        encoder: get(&enc.encoder),
        key_sep: get(&enc.key_separator),
        item_sep: get(&enc.item_separator),
        out: Vec::new(),
    };
    w.value(&value)?;
    let text = super::text::str_from(vm, &w.out)?;
    list::new_list(vm, vec![text])
}

fn get_member(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let e = obj
        .downcast::<Encoder>()
        .ok_or_else(|| vm.type_error("expected a _json.Encoder"))?;
    Ok(match name {
        "markers" => e.markers.get(),
        "default" => e.default.get(),
        "encoder" => e.encoder.get(),
        "indent" => e.indent.get(),
        "key_separator" => e.key_separator.get(),
        "item_separator" => e.item_separator.get(),
        "sort_keys" => Some(boolobj::new_bool(e.sort_keys)),
        _ => Some(boolobj::new_bool(e.skipkeys)),
    }
    .or_else(|| Some(none::none())))
}

macro_rules! member {
    ($name:literal) => {
        GetSetDef {
            name: $name,
            get: get_member,
            set: Some(crate::objects::getset::readonly),
        }
    };
}

static ENCODER_GETSET: [GetSetDef; 8] = [
    member!("markers"),
    member!("default"),
    member!("encoder"),
    member!("indent"),
    member!("key_separator"),
    member!("item_separator"),
    member!("sort_keys"),
    member!("skipkeys"),
];

/// `_json.make_encoder` (`_json.Encoder`).
pub static ENCODER_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &ENCODER_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_json.Encoder",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &ENCODER_VTABLE,
    slots: Slots {
        call: Some(encoder_call),
        new: Some(encoder_new),
        ..Slots::EMPTY
    },
    methods: &[],
    doc: "_iterencode(obj, _current_indent_level) -> iterable",
};
