//! The `zlib` module: one-shot `compress`/`decompress`, the streaming `compressobj` and
//! `decompressobj` ([`objects`]), the `crc32`/`adler32` checksums ([`checksum`]), zlib's
//! constants and `zlib.error`. Compression runs on `miniz_oxide` ([`engine`]).

pub mod checksum;
pub mod engine;
pub mod objects;

use crate::object::ObjRef;
use crate::objects::bytes_methods::{buffer, buffer_arg};
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{bytes, int, module, none, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{PyErr, PyResult, Vm};
use engine::{wrap_of, Deflater, Inflater, ZError};

/// The zlib version reported (the C library's CPython 3.11 was built with here).
const VERSION: &str = "1.2.13";

/// `zlib.error` for `e`, raised while doing `action` ("compressing data", ...).
pub fn zerror(vm: &Vm, e: &ZError, action: &str) -> PyErr {
    let msg = format!("Error {} while {action}: {}", e.code, e.msg);
    crate::modules::modutil::module_error(vm, "zlib", "error", &msg)
}

fn plain_error(vm: &Vm, msg: &str) -> PyErr {
    crate::modules::modutil::module_error(vm, "zlib", "error", msg)
}

fn int_or(vm: &Vm, v: Option<ObjRef>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => index_arg(vm, &v),
        None => Ok(default),
    }
}

fn z_compress(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, level, wbits] = parse::<3>(
        vm,
        "compress",
        Sig::Kw {
            names: &["data", "level", "wbits"],
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let data = data.ok_or_else(|| vm.type_error("missing argument"))?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let level = int_or(vm, level, -1)?;
    let wbits = int_or(vm, wbits, 15)?;
    let wrap = wrap_of(wbits, false).filter(|_| (-1..=9).contains(&level));
    let Some(wrap) = wrap else {
        return Err(plain_error(vm, "Bad compression level"));
    };
    let mut d = Deflater::new(level as i32, wrap, 0);
    let mut out = Vec::new();
    d.compress(&data, &mut out)
        .and_then(|_| d.flush(4, &mut out))
        .map_err(|e| zerror(vm, &e, "compressing data"))?;
    bytes::new_bytes(vm, &out)
}

fn z_decompress(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [data, wbits, bufsize] = parse::<3>(
        vm,
        "decompress",
        Sig::Kw {
            names: &["data", "wbits", "bufsize"],
            required: 1,
            posonly: 1,
        },
        args,
        kw,
    )?;
    let data = data.ok_or_else(|| vm.type_error("missing argument"))?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let wbits = int_or(vm, wbits, 15)?;
    if int_or(vm, bufsize, 16384)? < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let Some(wrap) = wrap_of(wbits, true) else {
        let e = ZError {
            code: -2,
            msg: "inconsistent stream state",
        };
        return Err(zerror(vm, &e, "preparing to decompress data"));
    };
    let mut i = Inflater::new(wrap);
    let mut out = Vec::new();
    i.feed(&data, 0, &mut out)
        .map_err(|e| zerror(vm, &e, "decompressing data"))?;
    if !i.eof {
        let e = ZError {
            code: -5,
            msg: "incomplete or truncated stream",
        };
        return Err(zerror(vm, &e, "decompressing data"));
    }
    bytes::new_bytes(vm, &out)
}

fn invalid_option(vm: &Vm) -> PyErr {
    vm.value_error("Invalid initialization option")
}

fn z_compressobj(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [level, method, wbits, mem_level, strategy, zdict] = parse::<6>(
        vm,
        "compressobj",
        Sig::Kw {
            names: &["level", "method", "wbits", "memLevel", "strategy", "zdict"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let level = int_or(vm, level, -1)?;
    let method = int_or(vm, method, 8)?;
    let wbits = int_or(vm, wbits, 15)?;
    let mem_level = int_or(vm, mem_level, 8)?;
    let strategy = int_or(vm, strategy, 0)?;
    if let Some(z) = zdict.filter(|z| !none::is_none(z)) {
        if buffer(&z).is_none() {
            return Err(vm.type_error("zdict argument must support the buffer protocol"));
        }
    }
    let ok = (-1..=9).contains(&level)
        && method == 8
        && (1..=9).contains(&mem_level)
        && (0..=4).contains(&strategy);
    let wrap = wrap_of(wbits, false)
        .filter(|_| ok)
        .ok_or_else(|| invalid_option(vm))?;
    objects::new_compress(vm, Deflater::new(level as i32, wrap, strategy as i32))
}

fn z_decompressobj(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [wbits, zdict] = parse::<2>(
        vm,
        "decompressobj",
        Sig::Kw {
            names: &["wbits", "zdict"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let wbits = int_or(vm, wbits, 15)?;
    if let Some(z) = zdict {
        if buffer(&z).is_none() {
            return Err(vm.type_error("zdict argument must support the buffer protocol"));
        }
    }
    let wrap = wrap_of(wbits, true).ok_or_else(|| invalid_option(vm))?;
    objects::new_decompress(vm, Inflater::new(wrap))
}

fn checksum_args(
    vm: &Vm,
    name: &str,
    default: u32,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<(Vec<u8>, u32)> {
    let [data, value] = parse::<2>(vm, name, Sig::Clinic(1, 2), args, kw)?;
    let data = data.ok_or_else(|| vm.type_error("missing argument"))?;
    let data = buffer_arg(vm, &data)?.into_owned();
    let value = match value {
        Some(v) => crate::modules::binascii::u32_mask_arg(vm, &v)?,
        None => default,
    };
    Ok((data, value))
}

fn z_crc32(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (data, value) = checksum_args(vm, "crc32", 0, args, kw)?;
    int::new_int(vm, i64::from(checksum::crc32(&data, value)))
}

fn z_adler32(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (data, value) = checksum_args(vm, "adler32", 1, args, kw)?;
    int::new_int(vm, i64::from(checksum::adler32(&data, value)))
}

static FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "compress",
        func: z_compress,
    },
    BuiltinDef {
        name: "decompress",
        func: z_decompress,
    },
    BuiltinDef {
        name: "compressobj",
        func: z_compressobj,
    },
    BuiltinDef {
        name: "decompressobj",
        func: z_decompressobj,
    },
    BuiltinDef {
        name: "crc32",
        func: z_crc32,
    },
    BuiltinDef {
        name: "adler32",
        func: z_adler32,
    },
];

/// Builds `zlib`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    use crate::modules::modutil::{add_exception_class, base};
    let m = module::new_module(vm, "zlib")?;
    for def in FUNCTIONS {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    let consts: [(&str, i64); 20] = [
        ("DEFLATED", 8),
        ("DEF_BUF_SIZE", 16384),
        ("DEF_MEM_LEVEL", 8),
        ("MAX_WBITS", 15),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_BEST_SPEED", 1),
        ("Z_BLOCK", 5),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_FILTERED", 1),
        ("Z_FINISH", 4),
        ("Z_FIXED", 4),
        ("Z_FULL_FLUSH", 3),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_NO_COMPRESSION", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_RLE", 3),
        ("Z_SYNC_FLUSH", 2),
        ("Z_TREES", 6),
    ];
    for (name, v) in consts {
        module::set_attr(vm, &m, name, int::new_int(vm, v)?)?;
    }
    for name in ["ZLIB_VERSION", "ZLIB_RUNTIME_VERSION"] {
        module::set_attr(vm, &m, name, pystr::new_str_vm(vm, VERSION)?)?;
    }
    add_exception_class(
        vm,
        &m,
        "zlib",
        "error",
        &[base(&crate::objects::exceptions::EXCEPTION)],
    )?;
    Ok(m)
}
