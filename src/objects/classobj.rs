//! Classes: `__build_class__`, `type(name, bases, ns)`, the C3 method resolution order, and
//! the instance layout a class chooses (`__slots__`, `__dict__`, `__weakref__`).

use crate::object::TypeObject;
use crate::object::{new_heap_type, GetSetDef, HeapTypeExt, ObjHeader, ObjRef, PayloadVTable};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{descr, dict, function, getset, none, str as pystr, tuple};
use crate::vm::args::split_args;
use crate::vm::attr;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};

/// Lays out an instance `__dict__` at preheader slot `*nslots`: the inline attribute values
/// first (`INLINE_VALUES` slots), then the dict slot. Returns `(dict_slot, values_start)`.
fn dict_slots(nslots: &mut usize) -> (usize, usize) {
    let values = *nslots;
    *nslots += crate::object::heaptype::INLINE_VALUES + 1;
    (*nslots - 1, values)
}

/// The nearest static ancestor of a type: whose instance layout the type's instances share.
pub fn static_base(t: &TypeObject) -> &TypeObject {
    if t.is_heap_type() {
        t.base.unwrap_or(&OBJECT_TYPE)
    } else {
        t
    }
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
pub fn build_class(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let [func, name, bases @ ..] = pos else {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    };
    if !function::is_function(func) {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    if !pystr::is_str(name) {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases = bases;
    let bases = resolve_mro_entries(vm, bases)?;
    let bases_changed =
        bases.len() != orig_bases.len() || bases.iter().zip(orig_bases).any(|(a, b)| !a.is(b));
    let mut meta: Option<ObjRef> = None;
    let mut kwds: Vec<(ObjRef, ObjRef)> = Vec::new();
    for (k, v) in kw {
        if k == "metaclass" {
            meta = Some(v.clone());
        } else {
            kwds.push((vm.intern(k)?, v.clone()));
        }
    }
    let meta = match meta {
        Some(m) if m.as_type().is_none() => m,
        Some(m) => calculate_metaclass(vm, m, &bases)?,
        None => match bases.first() {
            Some(b) => calculate_metaclass(vm, b.type_object(), &bases)?,
            None => ObjRef::from_type(&TYPE_TYPE),
        },
    };
    let bases_tuple = tuple::new_tuple(vm, bases.clone())?;
    // __prepare__
    let ns = match ops::getattr(vm, &meta, "__prepare__") {
        Ok(prep) if !is_type_prepare(&meta) => {
            call_with_kwds(vm, &prep, &[name.clone(), bases_tuple.clone()], &kwds)?
        }
        _ => dict::new_dict_vm(vm)?,
    };
    let cell = crate::vm::call::run_class_body(vm, func, &ns)?;
    if bases_changed {
        // PEP 560: the class remembers the bases it was written with.
        let key = vm.intern("__orig_bases__")?;
        ops::setitem(
            vm,
            &ns,
            &key,
            Some(&tuple::new_tuple(vm, orig_bases.to_vec())?),
        )?;
    }
    let cls = call_with_kwds(vm, &meta, &[name.clone(), bases_tuple, ns], &kwds)?;
    // The class body's `__class__` cell must now hold the class: `type.__new__` fills it from
    // `__classcell__`, which a metaclass may have dropped or given to another class.
    if let Some(c) = cell.filter(|c| c.is_instance(&crate::objects::cell::CELL_TYPE)) {
        if cls.is_instance(&TYPE_TYPE) {
            match crate::objects::cell::get(&c) {
                Some(v) if v.is(&cls) => {}
                Some(v) => {
                    return Err(vm.type_error(&format!(
                        "__class__ set to {} defining {} as {}",
                        ops::repr_string(vm, &v)?,
                        ops::repr_string(vm, name)?,
                        ops::repr_string(vm, &cls)?
                    )))
                }
                None => {
                    return Err(vm.new_error(
                        &crate::objects::exceptions::RUNTIME_ERROR,
                        &format!(
                            "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                            ops::repr_string(vm, name)?,
                            ops::repr_string(vm, &cls)?
                        ),
                    ))
                }
            }
        }
    }
    Ok(cls)
}

fn is_type_prepare(meta: &ObjRef) -> bool {
    // `type.__prepare__` returns a plain dict; skip the call for `type` and its static kin.
    meta.as_type().is_some_and(|t| !t.is_heap_type())
}

fn call_with_kwds(
    vm: &Vm,
    f: &ObjRef,
    args: &[ObjRef],
    kwds: &[(ObjRef, ObjRef)],
) -> PyResult<ObjRef> {
    if kwds.is_empty() {
        return ops::call(vm, f, args, None);
    }
    let mut all = args.to_vec();
    let mut names = Vec::new();
    for (k, v) in kwds {
        names.push(k.clone());
        all.push(v.clone());
    }
    let kwnames = tuple::new_tuple(vm, names)?;
    ops::call(vm, f, &all, Some(&kwnames))
}

/// PEP 560: bases that are not classes may provide `__mro_entries__`.
fn resolve_mro_entries(vm: &Vm, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    let mut out = Vec::with_capacity(bases.len());
    let orig = tuple::new_tuple(vm, bases.to_vec())?;
    for b in bases {
        if b.as_type().is_some() {
            out.push(b.clone());
            continue;
        }
        match ops::getattr(vm, b, "__mro_entries__") {
            Ok(m) => {
                let r = ops::call(vm, &m, std::slice::from_ref(&orig), None)?;
                let Some(items) = tuple::items(&r).filter(|_| r.is_instance(&tuple::TUPLE_TYPE))
                else {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                };
                out.extend(items.iter().cloned());
            }
            Err(e) if e.matches(&crate::objects::exceptions::ATTRIBUTE_ERROR) => {
                out.push(b.clone())
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The most derived metaclass among `meta` and the bases' types.
fn calculate_metaclass(vm: &Vm, meta: ObjRef, bases: &[ObjRef]) -> PyResult<ObjRef> {
    let mut winner = meta;
    for b in bases {
        let bt = b.type_object();
        let (Some(w), Some(t)) = (winner.as_type(), bt.as_type()) else {
            continue;
        };
        if w.is_subtype(t) {
            continue;
        }
        if t.is_subtype(w) {
            winner = bt.clone();
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The MRO of a type as a list of type objects.
pub fn mro_of(t: &ObjRef) -> Vec<ObjRef> {
    let Some(ty) = t.as_type() else {
        return Vec::new();
    };
    if let Some(h) = ty.heap() {
        if let Some(m) = h.ext.mro.get() {
            return tuple::items(&m).unwrap_or(&[]).to_vec();
        }
    }
    let mut out = Vec::new();
    let mut cur: Option<&TypeObject> = Some(ty);
    while let Some(c) = cur {
        out.push(ObjRef::from_type_ref(c));
        if let Some(second) = crate::object::typeobj::second_base(c) {
            out.push(ObjRef::from_type_ref(second));
        }
        cur = c.base;
    }
    out
}

/// C3 linearisation of `cls` with `bases`.
pub(crate) fn c3_mro(vm: &Vm, cls: &ObjRef, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|o| o.is(b)) {
            let name = ops::getattr(vm, b, "__name__")?;
            return Err(vm.type_error(&format!(
                "duplicate base class {}",
                pystr::as_str(&name).unwrap_or("?")
            )));
        }
    }
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(mro_of).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs.iter().any(|o| o[1..].iter().any(|x| x.is(head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = s[0].as_type().map_or("?", |t| t.name()).to_string();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.type_error(&format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// Instance layout of a type: its static payload and the preheader slots it defines.
struct Layout<'a> {
    static_base: &'a TypeObject,
    member_slots: usize,
}

fn layout_of(t: &TypeObject) -> Layout<'_> {
    Layout {
        static_base: static_base(t),
        member_slots: t.heap().map_or(0, |h| {
            tuple::items(&h.ext.slot_names).map_or(0, |s| s.len())
        }),
    }
}

/// Chooses the base whose layout the new class extends (CPython's `best_base`).
pub(crate) fn best_base<'a>(vm: &Vm, bases: &'a [ObjRef]) -> PyResult<&'a ObjRef> {
    let mut best: Option<&ObjRef> = None;
    for b in bases {
        let Some(t) = b.as_type() else {
            return Err(vm.type_error("bases must be types"));
        };
        if t.flags & crate::object::typeobj::tpflags::BASETYPE == 0 {
            return Err(vm.type_error(&format!(
                "type '{}' is not an acceptable base type",
                t.name()
            )));
        }
        let Some(cur) = best else {
            best = Some(b);
            continue;
        };
        let (lb, lc) = (
            layout_of(t),
            layout_of(cur.as_type().unwrap_or(&OBJECT_TYPE)),
        );
        let payload_b = lb.static_base.payload as *const _;
        let payload_c = lc.static_base.payload as *const _;
        let obj = OBJECT_TYPE.payload as *const _;
        // Two different native layouts, or member slots added to `object`'s layout beside a
        // native one (`class C(dict, Slotted)`): neither base's instances are the other's.
        let slots_beside_native = |slotted: &Layout, native: *const PayloadVTable| {
            slotted.member_slots > 0
                && std::ptr::eq(slotted.static_base.payload, obj)
                && native != obj
        };
        if (payload_b != payload_c && payload_b != obj && payload_c != obj)
            || slots_beside_native(&lb, payload_c)
            || slots_beside_native(&lc, payload_b)
        {
            return Err(vm.type_error("multiple bases have instance lay-out conflict"));
        }
        if lb.member_slots > 0 && lc.member_slots > 0 {
            // As CPython's `solid_base`: compare the classes that introduced the slots, so
            // that two subclasses adding none (`class P(Path, PurePosixPath)`) agree.
            let (sb, sc) = (solid_base(b), solid_base(cur));
            let (Some(tb), Some(tc)) = (sb.as_type(), sc.as_type()) else {
                return Err(vm.type_error("bases must be types"));
            };
            if !tb.is_subtype(tc) {
                if !tc.is_subtype(tb) {
                    return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                }
                continue;
            }
        }
        if (payload_c == obj && payload_b != obj) || (lb.member_slots > lc.member_slots) {
            best = Some(b);
        }
    }
    best.ok_or_else(|| vm.type_error("bases must not be empty"))
}

/// The class that introduced the member slots of `t`'s instances: `t`, or the nearest class
/// above it along `__base__` whose instances have more slots than its own base's.
fn solid_base(t: &ObjRef) -> ObjRef {
    let mut cur = t.clone();
    loop {
        let Some(ty) = cur.as_type() else { return cur };
        let Some(base) = ty.heap().and_then(|h| h.ext.base.get()) else {
            return cur;
        };
        let Some(bt) = base.as_type() else { return cur };
        if !bt.is_heap_type() || layout_of(bt).member_slots != layout_of(ty).member_slots {
            return cur;
        }
        cur = base;
    }
}

/// The `__slots__` declaration of a namespace: `None` when absent.
fn declared_slots(vm: &Vm, ns: &ObjRef) -> PyResult<Option<Vec<String>>> {
    let Some(slots) = dict::get_str(vm, ns, "__slots__")? else {
        return Ok(None);
    };
    let items = if pystr::is_str(&slots) {
        vec![slots]
    } else {
        ops::collect_iterable(vm, &slots)?
    };
    let mut names = Vec::new();
    for it in items {
        let Some(s) = pystr::as_str(&it) else {
            return Err(vm.type_error(&format!(
                "__slots__ items must be strings, not '{}'",
                it.ob_type().name()
            )));
        };
        if !is_identifier(s) {
            return Err(vm.type_error("__slots__ must be identifiers"));
        }
        names.push(s.to_string());
    }
    Ok(Some(names))
}

/// A private name (`__x`, not `__x__`) as a class `cls` sees it: `_cls__x` (leading
/// underscores of the class name dropped), as the compiler rewrites such names.
fn mangle_private(cls: &str, name: &str) -> String {
    let owner = cls.trim_start_matches('_');
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') || owner.is_empty() {
        return name.to_string();
    }
    format!("_{owner}{name}")
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// `type.__new__(meta, name, bases, ns, **kwds)`: makes a class.
pub fn new_class(
    vm: &Vm,
    meta: &TypeObject,
    name: &ObjRef,
    bases: &ObjRef,
    ns: &ObjRef,
    kwds: &[(ObjRef, ObjRef)],
) -> PyResult<ObjRef> {
    let name_text = pystr::str_utf8(vm, name)?
        .ok_or_else(|| vm.type_error("type.__new__() argument 1 must be str"))?;
    let mut base_list: Vec<ObjRef> = tuple::items(bases)
        .ok_or_else(|| vm.type_error("type.__new__() argument 2 must be tuple"))?
        .to_vec();
    if base_list.is_empty() {
        base_list.push(ObjRef::from_type(&OBJECT_TYPE));
    }
    if dict::table(ns).is_none() {
        return Err(vm.type_error("type.__new__() argument 3 must be dict"));
    }
    // A base whose own MRO is still being computed (from its metaclass's `mro()`).
    for b in &base_list {
        if let Some(t) = b
            .as_type()
            .filter(|t| t.heap().is_some_and(|h| h.ext.mro.get().is_none()))
        {
            return Err(vm.type_error(&format!("Cannot extend an incomplete type '{}'", t.name())));
        }
    }
    let best = best_base(vm, &base_list)?.clone();
    let best_t = best.as_type().unwrap_or(&OBJECT_TYPE);
    let sbase = static_base(best_t);

    // The instance layout: inherited preheader slots, then this class's __slots__.
    let (mut nslots, mut dict_slot, mut weakref_slot, mut slot_names) = match best_t.heap() {
        Some(h) => (
            h.ext.nslots,
            h.ext.dict_slot.zip(h.ext.values_start),
            h.ext.weakref_slot,
            tuple::items(&h.ext.slot_names).unwrap_or(&[]).to_vec(),
        ),
        None => (0, None, None, Vec::new()),
    };
    // Other bases may bring a __dict__ even if the best base has none.
    let any_base_dict = base_list.iter().any(|b| {
        b.as_type()
            .and_then(|t| t.heap())
            .is_some_and(|h| h.ext.dict_slot.is_some())
    });
    let is_meta = sbase.is_subtype(&TYPE_TYPE);
    let declared = declared_slots(vm, ns)?;
    let mut new_members: Vec<(String, usize)> = Vec::new();
    match &declared {
        Some(names) => {
            // Members first, in sorted order (as CPython lays them out, so classes declaring
            // the same names in another order share a layout), then `__dict__`, `__weakref__`.
            let (mut want_dict, mut want_weakref) = (false, false);
            let mut members: Vec<String> = Vec::new();
            for n in names {
                match n.as_str() {
                    "__dict__" => {
                        if want_dict || dict_slot.is_some() || any_base_dict {
                            return Err(
                                vm.type_error("__dict__ slot disallowed: we already got one")
                            );
                        }
                        want_dict = true;
                    }
                    "__weakref__" => {
                        if want_weakref || weakref_slot.is_some() {
                            return Err(
                                vm.type_error("__weakref__ slot disallowed: we already got one")
                            );
                        }
                        want_weakref = true;
                    }
                    _ => {
                        let n = mangle_private(name_text, n);
                        // `__qualname__` and `__classcell__` are taken out of the namespace.
                        let special = n == "__qualname__" || n == "__classcell__";
                        if !special && dict::get_str(vm, ns, &n)?.is_some() {
                            return Err(vm.value_error(&format!(
                                "'{n}' in __slots__ conflicts with class variable"
                            )));
                        }
                        members.push(n);
                    }
                }
            }
            members.sort();
            for n in members {
                slot_names.push(vm.intern(&n)?);
                new_members.push((n, nslots));
                nslots += 1;
            }
            if want_dict {
                dict_slot = Some(dict_slots(&mut nslots));
            }
            if want_weakref {
                weakref_slot = Some(nslots);
                nslots += 1;
            }
            // A secondary base with a `__dict__` gives the class one, in a slot of its own
            // layout (the base's index means nothing here).
            if any_base_dict && dict_slot.is_none() {
                dict_slot = Some(dict_slots(&mut nslots));
            }
        }
        // A module's namespace and weak references are its own (CPython's `ModuleType` has
        // both natively), so `m.__class__ = Sub` can switch between the two.
        None if sbase.is_subtype(&crate::objects::module::MODULE_TYPE) => {}
        None if !is_meta => {
            if dict_slot.is_none() {
                dict_slot = Some(dict_slots(&mut nslots));
            }
            if weakref_slot.is_none() {
                weakref_slot = Some(nslots);
                nslots += 1;
            }
        }
        None => {}
    }

    // The class namespace: a copy of ns, with the special entries taken out.
    let cls_dict = dict::new_dict_vm(vm)?;
    let mut qualname = name.clone();
    let mut classcell = None;
    for (k, v) in dict::items(ns) {
        match pystr::as_str(&k) {
            Some("__qualname__") => {
                if !pystr::is_str(&v) {
                    return Err(vm.type_error(&format!(
                        "type __qualname__ must be a str, not {}",
                        v.ob_type().name()
                    )));
                }
                qualname = v;
            }
            Some("__classcell__") => classcell = Some(v),
            Some("__new__") if function::is_function(&v) => {
                let sm = descr::new_wrapper(vm, &descr::STATICMETHOD_TYPE, v)?;
                dict::set_item(vm, &cls_dict, k, sm)?;
            }
            Some("__init_subclass__") | Some("__class_getitem__") if function::is_function(&v) => {
                let cm = descr::new_wrapper(vm, &descr::CLASSMETHOD_TYPE, v)?;
                dict::set_item(vm, &cls_dict, k, cm)?;
            }
            _ => dict::set_item(vm, &cls_dict, k, v)?,
        }
    }
    // A class that defines __eq__ without __hash__ is unhashable.
    let unhashable = dict::get_str(vm, &cls_dict, "__eq__")?.is_some()
        && dict::get_str(vm, &cls_dict, "__hash__")?.is_none();
    for (n, index) in &new_members {
        let d = descr::new_member(vm, vm.intern(n)?, name.clone(), *index)?;
        dict::set_str(vm, &cls_dict, n, d)?;
    }
    let base_has = |slot: fn(&HeapTypeExt) -> Option<usize>| {
        best_t.heap().is_some_and(|h| slot(&h.ext).is_some())
    };
    let (native_dict, native_weakref) = native_instance_parts(sbase);
    let add_dict = dict_slot.is_some() && !base_has(|e| e.dict_slot) && !native_dict;
    let add_weakref = weakref_slot.is_some() && !base_has(|e| e.weakref_slot) && !native_weakref;

    let mut flags = crate::object::typeobj::tpflags::BASETYPE;
    flags |= sbase.flags & crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS;
    let ty = TypeObject {
        header: ObjHeader::immortal(&TYPE_TYPE),
        getset: &[],
        ready: crate::object::typeobj::StaticIndex::NEW,
        name: "",
        base: Some(if sbase.is_heap_type() {
            &OBJECT_TYPE
        } else {
            static_ref(sbase)
        }),
        flags,
        payload: sbase.payload,
        slots: crate::vm::dunder::HEAP_SLOTS,
        methods: &[],
        doc: "",
    };
    let ext = HeapTypeExt::new(
        name.clone(),
        qualname,
        cls_dict.clone(),
        tuple::new_tuple(vm, base_list.clone())?,
        best.clone(),
        nslots,
        dict_slot.map(|(d, _)| d),
        dict_slot.map(|(_, v)| v),
        weakref_slot,
        tuple::new_tuple(vm, slot_names)?,
    );
    // The `__class__` cell first: a metaclass's `mro()` may run the class's methods.
    if let Some(cell) = &classcell {
        if !cell.is_instance(&crate::objects::cell::CELL_TYPE) {
            let type_repr = ops::repr_string(vm, &cell.type_object())?;
            return Err(vm.type_error(&format!(
                "__classcell__ must be a nonlocal cell, not {type_repr}"
            )));
        }
    }
    let cls = new_heap_type(meta, ty, ext).or_mem(vm)?;
    if let Some(cell) = classcell {
        drop(crate::objects::cell::set(&cell, Some(cls.clone())));
    }
    let mro = crate::objects::classmro::compute(vm, &cls, &base_list)?;
    if let Some(h) = cls.as_type().and_then(|t| t.heap()) {
        drop(h.ext.mro.replace(Some(tuple::new_tuple(vm, mro)?)));
        h.register_with_bases();
    }
    let _ = name_text;
    // The descriptors of what this class's instances gain over its base's.
    if let Some(t) = cls.as_type() {
        if add_dict {
            let d = getset::new_getset(vm, &INSTANCE_DICT, t)?;
            dict::set_str(vm, &cls_dict, "__dict__", d)?;
        }
        if add_weakref {
            let d = getset::new_getset(vm, &INSTANCE_WEAKREF, t)?;
            dict::set_str(vm, &cls_dict, "__weakref__", d)?;
        }
    }
    // Then `__doc__` and `__hash__`, in CPython's order of the class dict.
    if dict::get_str(vm, &cls_dict, "__doc__")?.is_none() {
        dict::set_str(vm, &cls_dict, "__doc__", none::none())?;
    }
    if unhashable {
        dict::set_str(vm, &cls_dict, "__hash__", none::none())?;
    }
    // __set_name__ on the new class's attributes.
    for (k, v) in dict::items(&cls_dict) {
        if let Some(f) = attr::lookup_special(vm, &v, "__set_name__")? {
            if let Err(e) = ops::call(vm, &f, &[cls.clone(), k.clone()], None) {
                return Err(set_name_error(vm, e, &v, &k, &cls));
            }
        }
    }
    init_subclass(vm, &cls, kwds)?;
    Ok(cls)
}

/// CPython 3.11's `RuntimeError` for an exception raised by `__set_name__` on the attribute
/// `key` (`value`) of the new class `cls`, caused by it (whatever its type).
fn set_name_error(
    vm: &Vm,
    e: crate::vm::PyErr,
    value: &ObjRef,
    key: &ObjRef,
    cls: &ObjRef,
) -> crate::vm::PyErr {
    let key_repr = match ops::repr_string(vm, key) {
        Ok(r) => r,
        Err(e2) => return e2,
    };
    let msg = format!(
        "Error calling __set_name__ on '{}' instance {} in '{}'",
        value.ob_type().name(),
        key_repr,
        cls.as_type().map_or("?", |t| t.name())
    );
    let err = vm.new_error(&crate::objects::exceptions::RUNTIME_ERROR, &msg);
    if let Some(p) = crate::objects::exceptions::payload(&err.exc) {
        drop(p.cause.replace(Some(e.exc.clone())));
        drop(p.context.replace(Some(e.exc)));
        p.suppress_context.set(true);
    }
    err
}

/// The static type a heap type's instances are laid out as, with a 'static lifetime.
fn static_ref(t: &TypeObject) -> &'static TypeObject {
    ObjRef::from_type_ref(t)
        .as_static_type()
        .unwrap_or(&OBJECT_TYPE)
}

/// `super(cls, cls).__init_subclass__(**kwds)`.
fn init_subclass(vm: &Vm, cls: &ObjRef, kwds: &[(ObjRef, ObjRef)]) -> PyResult<()> {
    let mro = mro_of(cls);
    // A custom `mro()` may leave the class out of its own MRO: `super(cls, cls)` refuses it.
    if !mro.iter().any(|t| t.is(cls)) {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    for t in mro.iter().skip(1) {
        let Some(ty) = t.as_type() else { continue };
        // Static bases (`list` in `class C(list, Base)`) have no `__init_subclass__` of their
        // own; `object`'s, the default, is the check below.
        let Some(h) = ty.heap() else { continue };
        if let Some(f) = dict::get_str(vm, &h.ext.dict, "__init_subclass__")? {
            let bound = attr::descr_get(vm, f, None, cls)?;
            call_with_kwds(vm, &bound, &[], kwds)?;
            return Ok(());
        }
    }
    if !kwds.is_empty() {
        return Err(vm.type_error(&format!(
            "{}.__init_subclass__() takes no keyword arguments",
            cls.as_type().map_or("?", |t| t.name())
        )));
    }
    Ok(())
}

/// `type(name, bases, ns, **kwds)` through a metatype's `new` slot.
pub fn type_new3(
    vm: &Vm,
    meta: &TypeObject,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kwnames);
    let [name, bases, ns] = pos else {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    };
    let mut kwds = Vec::new();
    for (k, v) in kw {
        kwds.push((vm.intern(k)?, v.clone()));
    }
    new_class(vm, meta, name, bases, ns, &kwds)
}

/// Whether instances of static type `t` have a `__dict__`, and a weak reference list, of their
/// own (or, for the variable-sized `int`, `bytes` and `tuple`, cannot have one), as CPython's
/// `tp_dictoffset` and `tp_weaklistoffset` say: a class statement adds no descriptor for those.
fn native_instance_parts(t: &TypeObject) -> (bool, bool) {
    use crate::objects::{bytes::BYTES_TYPE, int::INT_TYPE, set, tuple::TUPLE_TYPE};
    let is = |s: &TypeObject| t.is_subtype(s);
    let exception = t.flags & crate::object::typeobj::tpflags::BASE_EXC_SUBCLASS != 0;
    let dict = exception
        || is(&TYPE_TYPE)
        || is(&descr::STATICMETHOD_TYPE)
        || is(&descr::CLASSMETHOD_TYPE);
    let weakref = is(&TYPE_TYPE)
        || is(&set::SET_TYPE)
        || is(&set::FROZENSET_TYPE)
        || is(&crate::modules::collections::deque::DEQUE_TYPE)
        || is(&INT_TYPE)
        || is(&BYTES_TYPE)
        || is(&TUPLE_TYPE);
    (dict, weakref)
}

/// `__dict__` of instances of a class statement's class: the instance dict (made on first
/// use); assigning replaces it with another dict, deleting leaves an empty one.
static INSTANCE_DICT: GetSetDef = GetSetDef {
    name: "__dict__",
    get: instance_dict_get,
    set: Some(instance_dict_set),
};

/// `__weakref__`: the first weak reference to the instance, or `None`.
static INSTANCE_WEAKREF: GetSetDef = GetSetDef {
    name: "__weakref__",
    get: instance_weakref_get,
    set: None,
};

fn instance_dict_get(vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    // A class whose metaclass derives from a plain class (`class Meta(Base, type)`): its
    // namespace is `type`'s `__dict__`, read-only.
    if obj.as_type().is_some() {
        return crate::objects::typetype::type_data_attr(vm, obj, "__dict__");
    }
    attr::instance_dict_or_create(vm, obj)
}

fn instance_dict_set(vm: &Vm, obj: &ObjRef, _name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
    if obj.as_type().is_some() {
        return Err(vm.new_error(
            &crate::objects::exceptions::ATTRIBUTE_ERROR,
            "attribute '__dict__' of 'type' objects is not writable",
        ));
    }
    let value = match value {
        Some(v) if dict::table(&v).is_some() => v,
        Some(v) => {
            return Err(vm.type_error(&format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                v.ob_type().name()
            )))
        }
        None => dict::new_dict_vm(vm)?,
    };
    attr::replace_instance_dict(vm, obj, value)
}

fn instance_weakref_get(_vm: &Vm, obj: &ObjRef, _name: &str) -> PyResult<Option<ObjRef>> {
    let refs = crate::object::weakref::weakrefs_of(obj);
    Ok(Some(refs.into_iter().next().unwrap_or_else(none::none)))
}
