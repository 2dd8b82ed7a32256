//! The `random` module: CPython's Mersenne Twister (`Modules/_randommodule.c`) and the methods
//! of `random.Random` (`Lib/random.py`), reproducing CPython 3.11's streams bit for bit.
//!
//! `Random` is a native type whose payload holds the generator: 624 32-bit words of state in
//! heap storage (allocated through the interpreter's allocator), the position in them, and the
//! cached second value of `gauss`. The module-level functions are methods bound to a hidden
//! instance, as in CPython.
//!
//! Subclasses may override `random` or `getrandbits`: the other methods then call the
//! overrides, and `_randbelow` picks CPython's variant (with or without `getrandbits`) by
//! which of the two the class defines first in its MRO.

use super::math::index_arg;
use super::mt19937::{os_key, Mt, N};
use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::function::new_bound_builtin;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{dict, float, int, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};
use std::cell::{Cell, RefCell};

/// Payload of `random.Random`.
pub struct RandomObject {
    mt: RefCell<Mt>,
    gauss_next: Cell<Option<f64>>,
}

impl PyPayload for RandomObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(RandomObject);

static RANDOM_VTABLE: PayloadVTable = PayloadVTable::of::<RandomObject>();

fn payload<'a>(vm: &Vm, this: &'a ObjRef) -> PyResult<&'a RandomObject> {
    this.downcast::<RandomObject>().ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor requires a 'random.Random' object but received a '{}'",
            this.ob_type().name()
        ))
    })
}

/// Whether a class in `this`'s MRO before the native type defines `name`.
fn overridden(vm: &Vm, this: &ObjRef, name: &str) -> PyResult<Option<&'static str>> {
    let ty = this.type_object();
    for t in crate::objects::classobj::mro_of(&ty) {
        let Some(h) = t.as_type().and_then(|t| t.heap()) else {
            return Ok(None);
        };
        for n in ["_randbelow", "getrandbits", "random"] {
            if (name.is_empty() || n == name) && dict::get_str(vm, &h.ext.dict, n)?.is_some() {
                return Ok(Some(n));
            }
        }
    }
    Ok(None)
}

/// `self.random()`, through an override when a subclass has one.
pub(crate) fn rand_f64(vm: &Vm, this: &ObjRef) -> PyResult<f64> {
    if this.ob_type().is_heap_type() && overridden(vm, this, "random")?.is_some() {
        let f = ops::getattr(vm, this, "random")?;
        let r = ops::call(vm, &f, &[], None)?;
        return super::math::real_arg(vm, &r);
    }
    Ok(payload(vm, this)?.mt.borrow_mut().next_f64())
}

/// `self.getrandbits(k)`, through an override when a subclass has one.
fn rand_bits(vm: &Vm, this: &ObjRef, k: u64) -> PyResult<BigInt> {
    if this.ob_type().is_heap_type() && overridden(vm, this, "getrandbits")?.is_some() {
        let f = ops::getattr(vm, this, "getrandbits")?;
        let r = ops::call(vm, &f, &[int::new_int(vm, k as i64)?], None)?;
        return index_arg(vm, &r);
    }
    if k == 0 {
        return Ok(BigInt::zero());
    }
    check_bits(vm, k)?;
    Ok(payload(vm, this)?.mt.borrow_mut().bits(k))
}

/// `getrandbits` takes a C `int` count, and its result is checked against the heap before a
/// word is drawn.
fn check_bits(vm: &Vm, k: u64) -> PyResult<()> {
    if k > i32::MAX as u64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    vm.check_bytes((k / 8) as usize + 16)
}

/// `self._randbelow(n)` for `n > 0`: CPython's `_randbelow_with_getrandbits`, or
/// `_randbelow_without_getrandbits` for classes that override only `random`.
pub(crate) fn randbelow(vm: &Vm, this: &ObjRef, n: &BigInt) -> PyResult<BigInt> {
    if n.is_zero() {
        return Ok(BigInt::zero());
    }
    if this.ob_type().is_heap_type() {
        match overridden(vm, this, "")? {
            Some("_randbelow") => {
                let f = ops::getattr(vm, this, "_randbelow")?;
                let r = ops::call(vm, &f, &[int::new_bigint(vm, n)?], None)?;
                return index_arg(vm, &r);
            }
            Some("random") => {
                let maxsize = BigInt::from(1u64 << 53);
                if n >= &maxsize {
                    let r = rand_f64(vm, this)? * n.to_f64().unwrap_or(f64::INFINITY);
                    return Ok(crate::objects::float_methods::bigint_of(r.floor()));
                }
                let n64 = n.to_u64().unwrap_or(1);
                let rem = (1u64 << 53) % n64;
                let limit = ((1u64 << 53) - rem) as f64 / (1u64 << 53) as f64;
                let mut r = rand_f64(vm, this)?;
                while r >= limit {
                    r = rand_f64(vm, this)?;
                }
                return Ok(BigInt::from((r * (1u64 << 53) as f64).floor() as u64 % n64));
            }
            _ => {}
        }
    }
    let k = n.bits();
    let mut r = rand_bits(vm, this, k)?;
    while &r >= n {
        r = rand_bits(vm, this, k)?;
    }
    Ok(r)
}

/// `randbytes(n)`: `n` random bytes, from `self.getrandbits(n * 8)` (little-endian).
fn r_randbytes(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "randbytes", Sig::One, args, kw)?;
    let n =
        crate::vm::argparse::index_arg(vm, &n.ok_or_else(|| vm.type_error("missing argument"))?)?;
    if n < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let bits = rand_bits(vm, this, (n as u64).saturating_mul(8))?;
    let (_, mut data) = bits.to_bytes_le();
    data.resize(n as usize, 0);
    crate::objects::bytes::new_bytes(vm, &data)
}

/// `_urandom(n)`: `n` bytes from the operating system's entropy source.
fn m_urandom(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    use std::io::Read;
    let [n] = parse::<1>(vm, "urandom", Sig::One, args, kw)?;
    let n =
        crate::vm::argparse::index_arg(vm, &n.ok_or_else(|| vm.type_error("missing argument"))?)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    crate::objects::bytes_methods::check_result_size(vm, true, n as usize)?;
    let mut buf = crate::vm::storage::vec_with_capacity(vm, n as usize)?;
    buf.resize(n as usize, 0);
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| crate::objects::oserror::from_io_error(vm, &e, None))?;
    crate::objects::bytes::new_bytes(vm, &buf)
}

static URANDOM: crate::objects::function::BuiltinDef = crate::objects::function::BuiltinDef {
    name: "urandom",
    func: m_urandom,
};

/// `randbelow` for machine-sized `n`.
pub(crate) fn randbelow_usize(vm: &Vm, this: &ObjRef, n: usize) -> PyResult<usize> {
    let r = randbelow(vm, this, &BigInt::from(n))?;
    Ok(r.to_usize().unwrap_or(0))
}

/// `seed(a)`: None from the OS; ints by their absolute value; str by its UTF-8 bytes with their
/// SHA-512 digest appended (version 2); floats by their hash.
fn seed_value(vm: &Vm, this: &ObjRef, a: Option<&ObjRef>) -> PyResult<()> {
    let p = payload(vm, this)?;
    p.gauss_next.set(None);
    let a = match a.filter(|a| !none::is_none(a)) {
        None => {
            p.mt.borrow_mut().init_by_array(&os_key());
            return Ok(());
        }
        Some(a) => a,
    };
    let n: BigInt = if let Some(s) = pystr::as_str(a) {
        let mut bytes = s.as_bytes().to_vec();
        bytes.extend_from_slice(&Sha512::digest(s.as_bytes()));
        BigInt::from_bytes_be(Sign::Plus, &bytes)
    } else if int::is_int(a) && crate::objects::boolobj::as_bool(a).is_none() {
        index_arg(vm, a)?.abs()
    } else if float::as_f64(a).is_some() || crate::objects::boolobj::as_bool(a).is_some() {
        BigInt::from(ops::hash(vm, a)? as u64)
    } else {
        return Err(vm.type_error(
            "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
        ));
    };
    let (_, mut key) = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    p.mt.borrow_mut().init_by_array(&key);
    Ok(())
}

fn r_seed(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, _version] = parse::<2>(
        vm,
        "seed",
        Sig::Kw {
            names: &["a", "version"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    seed_value(vm, this, a.as_ref())?;
    Ok(none::none())
}

fn r_init(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(
        vm,
        "__init__",
        Sig::Kw {
            names: &["x"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let seed = ops::getattr(vm, this, "seed")?;
    ops::call(vm, &seed, &[x.unwrap_or_else(none::none)], None)?;
    payload(vm, this)?.gauss_next.set(None);
    Ok(none::none())
}

fn random_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let obj = new_object(
        ty,
        RandomObject {
            mt: RefCell::new(Mt::new()),
            gauss_next: Cell::new(None),
        },
    )
    .or_mem(vm)?;
    let init_overridden = ty.is_heap_type() && {
        let t = ObjRef::from_type_ref(ty);
        let mut found = false;
        for c in crate::objects::classobj::mro_of(&t) {
            let Some(h) = c.as_type().and_then(|c| c.heap()) else {
                break;
            };
            if dict::get_str(vm, &h.ext.dict, "__init__")?.is_some() {
                found = true;
                break;
            }
        }
        found
    };
    if init_overridden {
        seed_value(vm, &obj, None)?;
    } else {
        r_init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

fn r_random(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Random.random", Sig::NoArgs, args, kw)?;
    let x = payload(vm, this)?.mt.borrow_mut().next_f64();
    float::new_float(vm, x)
}

fn r_getrandbits(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [k] = parse::<1>(vm, "Random.getrandbits", Sig::One, args, kw)?;
    let k = k.ok_or_else(|| vm.type_error("missing argument"))?;
    let k = crate::objects::str_methods::c_int_arg(vm, &k)?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return int::new_int(vm, 0);
    }
    check_bits(vm, k as u64)?;
    let bits = payload(vm, this)?.mt.borrow_mut().bits(k as u64);
    int::new_bigint(vm, &bits)
}

fn r_randbelow(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [n] = parse::<1>(vm, "_randbelow", Sig::One, args, kw)?;
    let n = index_arg(vm, &n.ok_or_else(|| vm.type_error("missing argument"))?)?;
    let r = randbelow(vm, this, &n)?;
    int::new_bigint(vm, &r)
}

fn r_getstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "Random.getstate", Sig::NoArgs, args, kw)?;
    let p = payload(vm, this)?;
    let (words, index) = {
        let mt = p.mt.borrow();
        (mt.mt.iter().copied().collect::<Vec<u32>>(), mt.index)
    };
    let mut items = Vec::with_capacity(N + 1);
    for w in words {
        items.push(int::new_int(vm, w as i64)?);
    }
    items.push(int::new_int(vm, index as i64)?);
    let gauss = match p.gauss_next.get() {
        Some(g) => float::new_float(vm, g)?,
        None => none::none(),
    };
    tuple::new_tuple(
        vm,
        vec![int::new_int(vm, 3)?, tuple::new_tuple(vm, items)?, gauss],
    )
}

fn r_setstate(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [state] = parse::<1>(vm, "setstate", Sig::One, args, kw)?;
    let state = state.ok_or_else(|| vm.type_error("missing argument"))?;
    let parts = ops::collect_iterable(vm, &state)?;
    let version = parts.first().and_then(int::as_i64);
    if version != Some(3) || parts.len() != 3 {
        let v = match parts.first() {
            Some(v) => ops::str_string(vm, v)?,
            None => "None".to_string(),
        };
        return Err(vm.value_error(&format!(
            "state with version {v} passed to Random.setstate() of version 3"
        )));
    }
    let Some(words) = tuple::items(&parts[1]) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if words.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = Mt::new();
    for (i, w) in words[..N].iter().enumerate() {
        let v = index_arg(vm, w)?;
        let (_, digits) = v.to_u32_digits();
        mt.mt[i] = digits.first().copied().unwrap_or(0);
    }
    let index = index_arg(vm, &words[N])?;
    match index.to_usize().filter(|i| *i <= N) {
        Some(i) => mt.index = i,
        None => return Err(vm.value_error("invalid state")),
    }
    let gauss = if none::is_none(&parts[2]) {
        None
    } else {
        Some(super::math::real_arg(vm, &parts[2])?)
    };
    let p = payload(vm, this)?;
    *p.mt.borrow_mut() = mt;
    p.gauss_next.set(gauss);
    Ok(none::none())
}

/// The cached second normal deviate of `gauss`.
pub(crate) fn take_gauss_next(vm: &Vm, this: &ObjRef) -> PyResult<Option<f64>> {
    Ok(payload(vm, this)?.gauss_next.take())
}

/// Stores the second normal deviate of `gauss`.
pub(crate) fn set_gauss_next(vm: &Vm, this: &ObjRef, v: f64) -> PyResult<()> {
    payload(vm, this)?.gauss_next.set(Some(v));
    Ok(())
}

use super::random_dist as d;
use super::random_seq as s;

static RANDOM_METHODS: [MethodDef; 25] = [
    MethodDef {
        name: "randbytes",
        func: r_randbytes,
        flags: 0,
    },
    MethodDef {
        name: "__init__",
        func: r_init,
        flags: 0,
    },
    MethodDef {
        name: "seed",
        func: r_seed,
        flags: 0,
    },
    MethodDef {
        name: "random",
        func: r_random,
        flags: 0,
    },
    MethodDef {
        name: "getrandbits",
        func: r_getrandbits,
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
        name: "_randbelow",
        func: r_randbelow,
        flags: 0,
    },
    MethodDef {
        name: "randrange",
        func: s::r_randrange,
        flags: 0,
    },
    MethodDef {
        name: "randint",
        func: s::r_randint,
        flags: 0,
    },
    MethodDef {
        name: "choice",
        func: s::r_choice,
        flags: 0,
    },
    MethodDef {
        name: "choices",
        func: s::r_choices,
        flags: 0,
    },
    MethodDef {
        name: "shuffle",
        func: s::r_shuffle,
        flags: 0,
    },
    MethodDef {
        name: "sample",
        func: s::r_sample,
        flags: 0,
    },
    MethodDef {
        name: "uniform",
        func: d::r_uniform,
        flags: 0,
    },
    MethodDef {
        name: "triangular",
        func: d::r_triangular,
        flags: 0,
    },
    MethodDef {
        name: "gauss",
        func: d::r_gauss,
        flags: 0,
    },
    MethodDef {
        name: "normalvariate",
        func: d::r_normalvariate,
        flags: 0,
    },
    MethodDef {
        name: "lognormvariate",
        func: d::r_lognormvariate,
        flags: 0,
    },
    MethodDef {
        name: "expovariate",
        func: d::r_expovariate,
        flags: 0,
    },
    MethodDef {
        name: "vonmisesvariate",
        func: d::r_vonmisesvariate,
        flags: 0,
    },
    MethodDef {
        name: "gammavariate",
        func: d::r_gammavariate,
        flags: 0,
    },
    MethodDef {
        name: "betavariate",
        func: d::r_betavariate,
        flags: 0,
    },
    MethodDef {
        name: "paretovariate",
        func: d::r_paretovariate,
        flags: 0,
    },
    MethodDef {
        name: "weibullvariate",
        func: d::r_weibullvariate,
        flags: 0,
    },
];

/// `random.Random`.
pub static RANDOM_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "Random",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &RANDOM_VTABLE,
    slots: Slots {
        new: Some(random_new),
        ..Slots::EMPTY
    },
    methods: &RANDOM_METHODS,
    doc: "Random number generator base class used by bound module functions.",
};

/// Builds `random`: the `Random` class and its methods bound to a hidden instance.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "random")?;
    let inst = random_new(vm, &RANDOM_TYPE, &[], None)?;
    for def in RANDOM_METHODS.iter().filter(|d| !d.name.starts_with('_')) {
        module::set_attr(vm, &m, def.name, new_bound_builtin(vm, def, inst.clone())?)?;
    }
    module::set_attr(vm, &m, "Random", ObjRef::from_type(&RANDOM_TYPE))?;
    module::set_attr(vm, &m, "_inst", inst)?;
    let urandom = crate::objects::function::new_builtin(vm, &URANDOM)?;
    module::set_attr(vm, &m, "_urandom", urandom)?;
    Ok(m)
}
