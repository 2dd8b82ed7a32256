//! The `_random` module that CPython's `Lib/random.py` builds on: the `Random` base type with
//! the Mersenne Twister ([`super::mt19937`]) and its primitive methods `random`, `seed`,
//! `getstate`, `setstate` and `getrandbits`. Everything else (`randrange`, `shuffle`, `gauss`,
//! seeding from `str` through SHA-512, `gauss_next`) is `random.py`'s.
//!
//! The payload holds only the generator state, no Python objects. Subclasses (as `random.Random`
//! is) get an instance dictionary as heap classes do.

use super::mt19937::{os_key, Mt, N};
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, float, int, module, none, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::cell::RefCell;

/// Payload of `_random.Random`.
pub struct CoreRandom {
    mt: RefCell<Mt>,
}

impl PyPayload for CoreRandom {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(CoreRandom);

static CORE_RANDOM_VTABLE: PayloadVTable = PayloadVTable::of::<CoreRandom>();

fn this<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a CoreRandom> {
    obj.downcast::<CoreRandom>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a '_random.Random' object but received a '{}'",
            obj.ob_type().name()
        ))
    })
}

/// Seeds from `arg`: `None` from the OS, ints by absolute value, anything else by its hash.
fn seed_from(vm: &Vm, r: &CoreRandom, arg: Option<&ObjRef>) -> PyResult<()> {
    let Some(arg) = arg.filter(|a| !none::is_none(a)) else {
        r.mt.borrow_mut().init_by_array(&os_key());
        return Ok(());
    };
    let n: BigInt = if let Some(i) = int::as_bigint(arg) {
        i.abs()
    } else {
        BigInt::from(ops::hash(vm, arg)? as u64)
    };
    let (_, mut key) = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    r.mt.borrow_mut().init_by_array(&key);
    Ok(())
}

/// Whether a heap class in `ty`'s MRO defines `__init__` (then it seeds the instance itself).
fn init_overridden(vm: &Vm, ty: &TypeObject) -> PyResult<bool> {
    if !ty.is_heap_type() {
        return Ok(false);
    }
    let t = ObjRef::from_type_ref(ty);
    for c in crate::objects::classobj::mro_of(&t) {
        let Some(h) = c.as_type().and_then(|c| c.heap()) else {
            break;
        };
        if dict::get_str(vm, &h.ext.dict, "__init__")?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn random_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        CoreRandom {
            mt: RefCell::new(Mt::new()),
        },
    )
    .or_mem(vm)?;
    let r = this(vm, &obj)?;
    if init_overridden(vm, ty)? {
        seed_from(vm, r, None)?;
        return Ok(obj);
    }
    let (pos, kwargs) = crate::vm::args::split_args(args, kw);
    if !ty.is_heap_type() && !kwargs.is_empty() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if pos.len() > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    seed_from(vm, r, pos.first())?;
    Ok(obj)
}

fn r_random(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Random.random", Sig::NoArgs, args, kw)?;
    let x = this(vm, obj)?.mt.borrow_mut().next_f64();
    float::new_float(vm, x)
}

fn r_seed(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "seed", Sig::Clinic(0, 1), args, kw)?;
    seed_from(vm, this(vm, obj)?, n.as_ref())?;
    Ok(none::none())
}

fn r_getrandbits(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [k] = parse::<1>(vm, "Random.getrandbits", Sig::One, args, kw)?;
    let k = k.ok_or_else(|| vm.type_error("missing argument"))?;
    let k = crate::objects::str_methods::c_int_arg(vm, &k)?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return int::new_int(vm, 0);
    }
    vm.check_bytes(k as usize / 8 + 16)?;
    let bits = this(vm, obj)?.mt.borrow_mut().bits(k as u64);
    int::new_bigint(vm, &bits)
}

fn r_getstate(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Random.getstate", Sig::NoArgs, args, kw)?;
    let (words, index) = {
        let mt = this(vm, obj)?.mt.borrow();
        (mt.mt.iter().copied().collect::<Vec<u32>>(), mt.index)
    };
    let mut items = Vec::with_capacity(N + 1);
    for w in words {
        items.push(int::new_int(vm, i64::from(w))?);
    }
    items.push(int::new_int(vm, index as i64)?);
    tuple::new_tuple(vm, items)
}

/// One state word: an int, negative values refused, larger ones reduced to 32 bits.
fn state_word(vm: &Vm, v: &ObjRef) -> PyResult<u32> {
    let Some(i) = int::as_bigint(v) else {
        return Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            v.ob_type().name()
        )));
    };
    if i.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    if i.bits() > 64 {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    }
    Ok(i.to_u64().unwrap_or(0) as u32)
}

fn r_setstate(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [state] = parse::<1>(vm, "Random.setstate", Sig::One, args, kw)?;
    let state = state.ok_or_else(|| vm.type_error("missing argument"))?;
    let Some(words) = tuple::items(&state) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if words.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = Mt::new();
    for (i, w) in words[..N].iter().enumerate() {
        mt.mt[i] = state_word(vm, w)?;
    }
    let index = crate::vm::argparse::index_arg(vm, &words[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    mt.index = index as usize;
    *this(vm, obj)?.mt.borrow_mut() = mt;
    Ok(none::none())
}

static METHODS: [MethodDef; 5] = [
    MethodDef {
        name: "random",
        func: r_random,
        flags: 0,
    },
    MethodDef {
        name: "seed",
        func: r_seed,
        flags: 0,
    },
    MethodDef {
        name: "getstate",
        func: r_getstate,
        flags: 0,
    },
    MethodDef {
        name: "setstate",
        func: r_setstate,
        flags: 0,
    },
    MethodDef {
        name: "getrandbits",
        func: r_getrandbits,
        flags: 0,
    },
];

/// `_random.Random`.
pub static CORE_RANDOM_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_random.Random",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &CORE_RANDOM_VTABLE,
    slots: Slots {
        new: Some(random_new),
        ..Slots::EMPTY
    },
    methods: &METHODS,
    doc: "Random() -> create a random number generator with its own internal state.",
};

/// Builds `_random`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_random")?;
    module::set_attr(vm, &m, "Random", ObjRef::from_type(&CORE_RANDOM_TYPE))?;
    Ok(m)
}
