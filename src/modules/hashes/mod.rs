//! The hash modules `hashlib` falls back to without OpenSSL: `_md5`, `_sha1`, `_sha256`,
//! `_sha512`, `_sha3` and `_blake2`, over the RustCrypto crates ([`state`]).
//!
//! Each algorithm is a native type (`_md5.md5`, `_sha3.shake_128`, `_blake2.blake2b`, ...)
//! whose payload holds the running state; hash objects have `update`, `digest`, `hexdigest`,
//! `copy`, `name`, `digest_size` and `block_size` (SHAKE's `digest`/`hexdigest` take the
//! length). They hold no Python objects, so they take no part in cycle collection.

pub mod state;

use crate::object::{
    new_object, GetSetDef, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots,
    TypeObject,
};
use crate::objects::bytes_methods::buffer;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{bytes, int, module, none, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use state::{Algo, Blake2Params, HashState};
use std::cell::RefCell;

/// Payload of every hash object.
pub struct HashObject {
    algo: Algo,
    state: RefCell<HashState>,
}

impl PyPayload for HashObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(HashObject);

static HASH_VTABLE: PayloadVTable = PayloadVTable::of::<HashObject>();

fn this<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a HashObject> {
    obj.downcast::<HashObject>()
        .ok_or_else(|| vm.type_error("descriptor requires a hash object"))
}

/// The bytes of data to hash, with CPython's messages for `str` and non-buffers.
fn data_arg(vm: &Vm, obj: &ObjRef) -> PyResult<Vec<u8>> {
    if pystr::is_str(obj) {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    buffer(obj)
        .map(|b| b.into_owned())
        .ok_or_else(|| vm.type_error("object supporting the buffer API required"))
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_shake(algo: Algo) -> bool {
    matches!(algo, Algo::Shake128 | Algo::Shake256)
}

fn h_update(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data] = parse::<1>(vm, "update", Sig::One, args, kw)?;
    let data = data_arg(vm, &data.ok_or_else(|| vm.type_error("missing argument"))?)?;
    this(vm, obj)?.state.borrow_mut().update(&data);
    Ok(none::none())
}

/// The digest of `obj`, reading SHAKE's length argument.
fn digest_of(
    vm: &Vm,
    obj: &ObjRef,
    what: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<Vec<u8>> {
    let h = this(vm, obj)?;
    if is_shake(h.algo) {
        let qual = format!("{}.{what}", h.algo.name());
        let [n] = parse::<1>(vm, &qual, Sig::One, args, kw)?;
        let n = index_arg(vm, &n.ok_or_else(|| vm.type_error("missing argument"))?)?;
        if n < 0 {
            return Err(vm.value_error("value must be positive"));
        }
        vm.check_bytes(n as usize)?;
        return Ok(h.state.borrow().digest(n as usize));
    }
    parse::<0>(
        vm,
        &format!("{}.{what}", h.algo.name()),
        Sig::NoArgs,
        args,
        kw,
    )?;
    let d = h.state.borrow().digest(0);
    Ok(d)
}

fn h_digest(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let d = digest_of(vm, obj, "digest", args, kw)?;
    bytes::new_bytes(vm, &d)
}

fn h_hexdigest(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let d = digest_of(vm, obj, "hexdigest", args, kw)?;
    pystr::new_str_vm(vm, &hex(&d))
}

fn h_copy(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "copy", Sig::NoArgs, args, kw)?;
    let h = this(vm, obj)?;
    let copy = HashObject {
        algo: h.algo,
        state: RefCell::new(h.state.borrow().clone()),
    };
    new_object(obj.ob_type(), copy).or_mem(vm)
}

fn h_getattr(vm: &Vm, obj: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
    let h = this(vm, obj)?;
    let digest_size = match &*h.state.borrow() {
        HashState::Blake2b(_, n) | HashState::Blake2s(_, n) => *n,
        _ => h.algo.digest_size(),
    };
    let (capacity, suffix) = match h.algo {
        Algo::Shake128 | Algo::Shake256 => (200 - h.algo.block_size(), 0x1f),
        _ => (200 - h.algo.block_size(), 0x06),
    };
    match name {
        "name" => pystr::new_str_vm(vm, h.algo.name()).map(Some),
        "digest_size" => int::new_int(vm, digest_size as i64).map(Some),
        "block_size" => int::new_int(vm, h.algo.block_size() as i64).map(Some),
        "_capacity_bits" => int::new_int(vm, capacity as i64 * 8).map(Some),
        "_rate_bits" => int::new_int(vm, h.algo.block_size() as i64 * 8).map(Some),
        "_suffix" => bytes::new_bytes(vm, &[suffix]).map(Some),
        _ => Ok(None),
    }
}

macro_rules! getset {
    ($($name:literal),*) => {
        [$(GetSetDef { name: $name, get: h_getattr, set: Some(crate::objects::getset::readonly) }),*]
    };
}

static HASH_GETSET: [GetSetDef; 3] = getset!("name", "digest_size", "block_size");
static SHA3_GETSET: [GetSetDef; 6] = getset!(
    "name",
    "digest_size",
    "block_size",
    "_capacity_bits",
    "_rate_bits",
    "_suffix"
);

static HASH_METHODS: [MethodDef; 4] = [
    MethodDef {
        name: "update",
        func: h_update,
        flags: 0,
    },
    MethodDef {
        name: "digest",
        func: h_digest,
        flags: 0,
    },
    MethodDef {
        name: "hexdigest",
        func: h_hexdigest,
        flags: 0,
    },
    MethodDef {
        name: "copy",
        func: h_copy,
        flags: 0,
    },
];

/// The keyword arguments of a constructor, checked against the names it accepts.
fn keywords<'a>(
    vm: &Vm,
    ctor: &str,
    accepted: &[&str],
    kw: Vec<(&'a str, &'a ObjRef)>,
) -> PyResult<Vec<(&'a str, &'a ObjRef)>> {
    for (k, _) in &kw {
        if !accepted.contains(k) {
            return Err(vm.type_error(&format!(
                "'{k}' is an invalid keyword argument for {ctor}()"
            )));
        }
    }
    Ok(kw)
}

/// The initial data: the single positional argument, or the keyword `data_kw` (`string` for
/// the MD5/SHA-1/SHA-2 constructors).
fn initial_data(
    vm: &Vm,
    ctor: &str,
    pos: &[ObjRef],
    kw: &[(&str, &ObjRef)],
    data_kw: Option<&str>,
) -> PyResult<Option<Vec<u8>>> {
    if pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "{ctor}() takes at most 1 positional argument ({} given)",
            pos.len()
        )));
    }
    let by_name = data_kw.and_then(|n| kw.iter().find(|(k, _)| *k == n).map(|(_, v)| *v));
    match (pos.first(), by_name) {
        (Some(_), Some(_)) => Err(vm.type_error(&format!(
            "argument for {ctor}() given by name ('{}') and position (1)",
            data_kw.unwrap_or("data")
        ))),
        (Some(v), None) | (None, Some(v)) => data_arg(vm, v).map(Some),
        (None, None) => Ok(None),
    }
}

fn make(
    vm: &Vm,
    ty: &TypeObject,
    algo: Algo,
    mut st: HashState,
    data: Option<Vec<u8>>,
) -> PyResult<ObjRef> {
    if let Some(d) = data {
        st.update(&d);
    }
    new_object(
        ty,
        HashObject {
            algo,
            state: RefCell::new(st),
        },
    )
    .or_mem(vm)
}

/// Constructor of a fixed algorithm (everything but BLAKE2).
fn construct(
    vm: &Vm,
    ty: &TypeObject,
    algo: Algo,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    let ctor = algo.name();
    let data_kw = if matches!(
        algo,
        Algo::Md5 | Algo::Sha1 | Algo::Sha224 | Algo::Sha256 | Algo::Sha384 | Algo::Sha512
    ) {
        Some("string")
    } else {
        None
    };
    let mut accepted = vec!["usedforsecurity"];
    accepted.extend(data_kw);
    let kw = keywords(vm, ctor, &accepted, kw)?;
    let data = initial_data(vm, ctor, pos, &kw, data_kw)?;
    make(vm, ty, algo, HashState::new(algo), data)
}

fn blake2_construct(
    vm: &Vm,
    ty: &TypeObject,
    algo: Algo,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    let ctor = algo.name();
    let names = [
        "digest_size",
        "key",
        "salt",
        "person",
        "fanout",
        "depth",
        "leaf_size",
        "node_offset",
        "node_depth",
        "inner_size",
        "last_node",
        "usedforsecurity",
    ];
    let kw = keywords(vm, ctor, &names, kw)?;
    let data = initial_data(vm, ctor, pos, &kw, None)?;
    let get = |n: &str| kw.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    let (max, salt_max) = if algo == Algo::Blake2b {
        (64, 16)
    } else {
        (32, 8)
    };
    let digest_size = match get("digest_size") {
        Some(v) => index_arg(vm, v)?,
        None => max as i64,
    };
    if !(1..=max as i64).contains(&digest_size) {
        return Err(vm.value_error(&format!("digest_size must be between 1 and {max} bytes")));
    }
    let bytes_of = |n: &str| -> PyResult<Vec<u8>> {
        match get(n) {
            Some(v) => data_arg(vm, v),
            None => Ok(Vec::new()),
        }
    };
    let key = bytes_of("key")?;
    let salt = bytes_of("salt")?;
    let person = bytes_of("person")?;
    if key.len() > max {
        return Err(vm.value_error(&format!("maximum key length is {max} bytes")));
    }
    if salt.len() > salt_max {
        return Err(vm.value_error(&format!("maximum salt length is {salt_max} bytes")));
    }
    if person.len() > salt_max {
        return Err(vm.value_error(&format!("maximum person length is {salt_max} bytes")));
    }
    let defaults: [(&str, i64); 6] = [
        ("fanout", 1),
        ("depth", 1),
        ("leaf_size", 0),
        ("node_offset", 0),
        ("node_depth", 0),
        ("inner_size", 0),
    ];
    for (n, d) in defaults {
        if let Some(v) = get(n) {
            if index_arg(vm, v)? != d {
                return Err(vm.value_error(&format!(
                    "{n} other than {d} (BLAKE2 tree hashing) is not supported"
                )));
            }
        }
    }
    if let Some(v) = get("last_node") {
        if crate::vm::ops::truthy(vm, v)? {
            return Err(vm.value_error("last_node (BLAKE2 tree hashing) is not supported"));
        }
    }
    let st = HashState::blake2(
        algo,
        &Blake2Params {
            digest_size: digest_size as usize,
            key: &key,
            salt: &salt,
            person: &person,
        },
    );
    make(vm, ty, algo, st, data)
}

macro_rules! hash_type {
    ($ty:ident, $new:ident, $algo:expr, $ctor:ident, $name:literal, $getset:expr) => {
        fn $new(
            vm: &Vm,
            ty: &TypeObject,
            args: &[ObjRef],
            kw: Option<&ObjRef>,
        ) -> PyResult<ObjRef> {
            $ctor(vm, ty, $algo, args, kw)
        }

        #[doc = concat!("`", $name, "`.")]
        pub static $ty: TypeObject = TypeObject {
            header: ObjHeader::immortal(&TYPE_TYPE),
            getset: $getset,
            ready: crate::object::typeobj::StaticIndex::NEW,
            name: $name,
            base: Some(&OBJECT_TYPE),
            flags: 0,
            payload: &HASH_VTABLE,
            slots: Slots {
                new: Some($new),
                ..Slots::EMPTY
            },
            methods: &HASH_METHODS,
            doc: "",
        };
    };
}

hash_type!(
    MD5_TYPE,
    new_md5,
    Algo::Md5,
    construct,
    "_md5.md5",
    &HASH_GETSET
);
hash_type!(
    SHA1_TYPE,
    new_sha1,
    Algo::Sha1,
    construct,
    "_sha1.sha1",
    &HASH_GETSET
);
hash_type!(
    SHA224_TYPE,
    new_sha224,
    Algo::Sha224,
    construct,
    "_sha256.sha224",
    &HASH_GETSET
);
hash_type!(
    SHA256_TYPE,
    new_sha256,
    Algo::Sha256,
    construct,
    "_sha256.sha256",
    &HASH_GETSET
);
hash_type!(
    SHA384_TYPE,
    new_sha384,
    Algo::Sha384,
    construct,
    "_sha512.sha384",
    &HASH_GETSET
);
hash_type!(
    SHA512_TYPE,
    new_sha512,
    Algo::Sha512,
    construct,
    "_sha512.sha512",
    &HASH_GETSET
);
hash_type!(
    SHA3_224_TYPE,
    new_sha3_224,
    Algo::Sha3_224,
    construct,
    "_sha3.sha3_224",
    &SHA3_GETSET
);
hash_type!(
    SHA3_256_TYPE,
    new_sha3_256,
    Algo::Sha3_256,
    construct,
    "_sha3.sha3_256",
    &SHA3_GETSET
);
hash_type!(
    SHA3_384_TYPE,
    new_sha3_384,
    Algo::Sha3_384,
    construct,
    "_sha3.sha3_384",
    &SHA3_GETSET
);
hash_type!(
    SHA3_512_TYPE,
    new_sha3_512,
    Algo::Sha3_512,
    construct,
    "_sha3.sha3_512",
    &SHA3_GETSET
);
hash_type!(
    SHAKE128_TYPE,
    new_shake128,
    Algo::Shake128,
    construct,
    "_sha3.shake_128",
    &SHA3_GETSET
);
hash_type!(
    SHAKE256_TYPE,
    new_shake256,
    Algo::Shake256,
    construct,
    "_sha3.shake_256",
    &SHA3_GETSET
);
hash_type!(
    BLAKE2B_TYPE,
    new_blake2b,
    Algo::Blake2b,
    blake2_construct,
    "_blake2.blake2b",
    &HASH_GETSET
);
hash_type!(
    BLAKE2S_TYPE,
    new_blake2s,
    Algo::Blake2s,
    blake2_construct,
    "_blake2.blake2s",
    &HASH_GETSET
);

fn new_module(vm: &Vm, name: &str, types: &[(&str, &'static TypeObject)]) -> PyResult<ObjRef> {
    let m = module::new_module(vm, name)?;
    for (attr, ty) in types {
        module::set_attr(vm, &m, attr, ObjRef::from_type(ty))?;
    }
    Ok(m)
}

/// Builds `_md5`.
pub fn init_md5(vm: &Vm) -> PyResult<ObjRef> {
    new_module(vm, "_md5", &[("md5", &MD5_TYPE), ("MD5Type", &MD5_TYPE)])
}

/// Builds `_sha1`.
pub fn init_sha1(vm: &Vm) -> PyResult<ObjRef> {
    new_module(
        vm,
        "_sha1",
        &[("sha1", &SHA1_TYPE), ("SHA1Type", &SHA1_TYPE)],
    )
}

/// Builds `_sha256`.
pub fn init_sha256(vm: &Vm) -> PyResult<ObjRef> {
    new_module(
        vm,
        "_sha256",
        &[
            ("sha224", &SHA224_TYPE),
            ("sha256", &SHA256_TYPE),
            ("SHA224Type", &SHA224_TYPE),
            ("SHA256Type", &SHA256_TYPE),
        ],
    )
}

/// Builds `_sha512`.
pub fn init_sha512(vm: &Vm) -> PyResult<ObjRef> {
    new_module(
        vm,
        "_sha512",
        &[
            ("sha384", &SHA384_TYPE),
            ("sha512", &SHA512_TYPE),
            ("SHA384Type", &SHA384_TYPE),
            ("SHA512Type", &SHA512_TYPE),
        ],
    )
}

/// Builds `_sha3`.
pub fn init_sha3(vm: &Vm) -> PyResult<ObjRef> {
    let m = new_module(
        vm,
        "_sha3",
        &[
            ("sha3_224", &SHA3_224_TYPE),
            ("sha3_256", &SHA3_256_TYPE),
            ("sha3_384", &SHA3_384_TYPE),
            ("sha3_512", &SHA3_512_TYPE),
            ("shake_128", &SHAKE128_TYPE),
            ("shake_256", &SHAKE256_TYPE),
        ],
    )?;
    module::set_attr(
        vm,
        &m,
        "implementation",
        pystr::new_str_vm(vm, "RustCrypto sha3")?,
    )?;
    module::set_attr(vm, &m, "keccakopt", int::new_int(vm, 64)?)?;
    Ok(m)
}

/// Builds `_blake2`, with the size limits as module constants and class attributes.
pub fn init_blake2(vm: &Vm) -> PyResult<ObjRef> {
    let m = new_module(
        vm,
        "_blake2",
        &[("blake2b", &BLAKE2B_TYPE), ("blake2s", &BLAKE2S_TYPE)],
    )?;
    for (ty, prefix, salt, max) in [
        (&BLAKE2B_TYPE, "BLAKE2B", 16, 64),
        (&BLAKE2S_TYPE, "BLAKE2S", 8, 32),
    ] {
        let consts = [
            ("SALT_SIZE", salt),
            ("PERSON_SIZE", salt),
            ("MAX_KEY_SIZE", max),
            ("MAX_DIGEST_SIZE", max),
        ];
        let dict = crate::vm::typeready::type_dict(vm, ty)?;
        for (name, v) in consts {
            let v = int::new_int(vm, v)?;
            module::set_attr(vm, &m, &format!("{prefix}_{name}"), v.clone())?;
            crate::objects::dict::set_str(vm, &dict, name, v)?;
        }
        crate::vm::typeready::modified(vm, ty);
    }
    Ok(m)
}
