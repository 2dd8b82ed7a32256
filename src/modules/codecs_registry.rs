//! The codec registry of `_codecs`: search functions (`register`, `unregister`), `lookup` with
//! its cache, `encode`/`decode` through a looked-up codec, and the error handler registry
//! (`register_error`, `lookup_error`) with the built-in handlers as functions.
//!
//! The registry's state lives in the `_codecs` module's namespace (one per interpreter, as
//! CPython keeps it in the interpreter state): the list of search functions, the cache of
//! looked-up codecs and the error handlers. The first lookup with no search function
//! registered imports `encodings`, which registers the standard library's.

use crate::object::ObjRef;
use crate::objects::codecs::{escape_of_cp, str_arg};
use crate::objects::codecs::{UNICODE_DECODE_ERROR, UNICODE_ENCODE_ERROR, UNICODE_TRANSLATE_ERROR};
use crate::objects::exceptions::{self, LOOKUP_ERROR};
use crate::objects::function::BuiltinDef;
use crate::objects::{bytes, dict, int, list, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyErr, PyResult, Vm};

/// Names, in the `_codecs` namespace, of the registry's state.
const SEARCH_PATH: &str = "_search_path";
const SEARCH_CACHE: &str = "_search_cache";
const ERROR_REGISTRY: &str = "_error_registry";

/// The object `key` of the registry's state (made by `init_state`).
fn state(vm: &Vm, key: &str) -> PyResult<ObjRef> {
    let m = crate::vm::import::import_dotted(vm, "_codecs")?;
    ops::getattr(vm, &m, key)
}

/// Creates the registry in the new module `m`, with the built-in error handlers.
pub(crate) fn init_state(vm: &Vm, m: &ObjRef) -> PyResult<()> {
    use crate::objects::{function::new_module_builtin, module};
    module::set_attr(vm, m, SEARCH_PATH, list::new_list(vm, Vec::new())?)?;
    module::set_attr(vm, m, SEARCH_CACHE, dict::new_dict_vm(vm)?)?;
    let handlers = dict::new_dict_vm(vm)?;
    for (name, def) in BUILTIN_HANDLERS {
        dict::set_str(vm, &handlers, name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, m, ERROR_REGISTRY, handlers)
}

/// CPython's `normalizestring`: lower case, spaces to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// `codecs.lookup(encoding)`: the `CodecInfo` the search functions give.
pub(crate) fn lookup(vm: &Vm, encoding: &str) -> PyResult<ObjRef> {
    let path = state(vm, SEARCH_PATH)?;
    let mut funcs = list::storage(&path)
        .map(|v| v.snapshot())
        .unwrap_or_default();
    if funcs.is_empty() {
        match crate::vm::import::import_dotted(vm, "encodings") {
            Ok(_) => {}
            Err(e) if e.matches(&exceptions::IMPORT_ERROR) => {}
            Err(e) => return Err(e),
        }
        funcs = list::storage(&path)
            .map(|v| v.snapshot())
            .unwrap_or_default();
    }
    let key = pystr::new_str_vm(vm, &normalize(encoding))?;
    let cache = state(vm, SEARCH_CACHE)?;
    if let Some(hit) = dict::get_item(vm, &cache, &key)? {
        return Ok(hit);
    }
    for f in funcs {
        let res = ops::call(vm, &f, std::slice::from_ref(&key), None)?;
        if none::is_none(&res) {
            continue;
        }
        if tuple::items(&res).is_none_or(|t| t.len() != 4) {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        dict::set_item(vm, &cache, key, res.clone())?;
        return Ok(res);
    }
    Err(vm.new_error(&LOOKUP_ERROR, &format!("unknown encoding: {encoding}")))
}

/// Calls item `which` (0 the encoder, 1 the decoder) of the codec for `encoding`, which must
/// be a text encoding, on `arg`: what `str.encode` and `bytes.decode` do for the codecs
/// arenapy does not implement natively.
pub(crate) fn text_codec_call(
    vm: &Vm,
    encoding: &str,
    errors: &str,
    arg: ObjRef,
    which: usize,
) -> PyResult<ObjRef> {
    let info = lookup(vm, encoding)?;
    if let Ok(flag) = ops::getattr(vm, &info, "_is_text_encoding") {
        if !ops::truthy(vm, &flag)? {
            let f = if which == 0 { "encode" } else { "decode" };
            return Err(vm.new_error(
                &LOOKUP_ERROR,
                &format!("'{encoding}' is not a text encoding; use codecs.{f}() to handle arbitrary codecs"),
            ));
        }
    }
    let func = tuple::items(&info)
        .map(|t| t[which].clone())
        .unwrap_or_else(none::none);
    let args = [arg, pystr::new_str_vm(vm, errors)?];
    let res = ops::call(vm, &func, &args, None)?;
    first_of_pair(vm, &res, which)
}

/// The object of a codec's `(object, length)` result.
fn first_of_pair(vm: &Vm, res: &ObjRef, which: usize) -> PyResult<ObjRef> {
    match tuple::items(res) {
        Some([obj, _]) => Ok(obj.clone()),
        _ => Err(vm.type_error(if which == 0 {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object, integer)"
        })),
    }
}

fn c_register(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [f] = parse::<1>(vm, "register", Sig::One, args, kw)?;
    let f = f.unwrap_or_else(none::none);
    if !ops::is_callable(vm, &f)? {
        return Err(vm.type_error("argument must be callable"));
    }
    list::append(vm, &state(vm, SEARCH_PATH)?, f)?;
    Ok(none::none())
}

fn c_unregister(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [f] = parse::<1>(vm, "unregister", Sig::One, args, kw)?;
    let f = f.unwrap_or_else(none::none);
    let path = state(vm, SEARCH_PATH)?;
    if let Some(v) = list::storage(&path) {
        let mut items = v.snapshot();
        if let Some(i) = items.iter().position(|x| x.is(&f)) {
            items.remove(i);
            list::set_all(vm, v, items)?;
            let cache = state(vm, SEARCH_CACHE)?;
            ops::call(vm, &ops::getattr(vm, &cache, "clear")?, &[], None)?;
        }
    }
    Ok(none::none())
}

fn c_lookup(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [enc] = parse::<1>(vm, "lookup", Sig::One, args, kw)?;
    let enc = enc.unwrap_or_else(none::none);
    let name = pystr::as_str(&enc).ok_or_else(|| {
        vm.type_error(&format!(
            "lookup() argument must be str, not {}",
            enc.ob_type().name()
        ))
    })?;
    lookup(vm, name)
}

fn c_forget_codec(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [enc] = parse::<1>(vm, "_forget_codec", Sig::One, args, kw)?;
    let enc = enc.unwrap_or_else(none::none);
    let name = str_arg(vm, &enc, "_forget_codec", "encoding", 1)?;
    let key = pystr::new_str_vm(vm, &normalize(&name))?;
    dict::del_item(vm, &state(vm, SEARCH_CACHE)?, &key)?;
    Ok(none::none())
}

/// `encode(obj, encoding='utf-8', errors='strict')` (`which` 0) and `decode` (`which` 1).
fn codec_call(vm: &Vm, which: usize, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let fname = if which == 0 { "encode" } else { "decode" };
    let sig = Sig::Kw {
        names: &["obj", "encoding", "errors"],
        required: 1,
        posonly: 0,
    };
    let [obj, enc, errs] = parse::<3>(vm, fname, sig, args, kw)?;
    let obj = obj.unwrap_or_else(none::none);
    let enc = match &enc {
        Some(e) => str_arg(vm, e, fname, "encoding", 2)?,
        None => "utf-8".to_string(),
    };
    let info = lookup(vm, &enc)?;
    let func = tuple::items(&info)
        .map(|t| t[which].clone())
        .unwrap_or_else(none::none);
    let mut call_args = vec![obj];
    if let Some(e) = &errs {
        str_arg(vm, e, fname, "errors", 3)?;
        call_args.push(e.clone());
    }
    let res = ops::call(vm, &func, &call_args, None)?;
    first_of_pair(vm, &res, which)
}

fn c_encode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    codec_call(vm, 0, args, kw)
}

fn c_decode(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    codec_call(vm, 1, args, kw)
}

fn c_register_error(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name, handler] = parse::<2>(vm, "register_error", Sig::Clinic(2, 2), args, kw)?;
    let name = str_arg(
        vm,
        &name.unwrap_or_else(none::none),
        "register_error",
        "errors",
        1,
    )?;
    let handler = handler.unwrap_or_else(none::none);
    if !ops::is_callable(vm, &handler)? {
        return Err(vm.type_error("handler must be callable"));
    }
    dict::set_str(vm, &state(vm, ERROR_REGISTRY)?, &name, handler)?;
    Ok(none::none())
}

/// The error handler registered as `name`.
pub(crate) fn lookup_error(vm: &Vm, name: &str) -> PyResult<ObjRef> {
    dict::get_str(vm, &state(vm, ERROR_REGISTRY)?, name)?
        .ok_or_else(|| crate::objects::codecs::unknown_handler(vm, name))
}

fn c_lookup_error(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [name] = parse::<1>(vm, "lookup_error", Sig::Clinic(1, 1), args, kw)?;
    let name = str_arg(
        vm,
        &name.unwrap_or_else(none::none),
        "lookup_error",
        "name",
        1,
    )?;
    lookup_error(vm, &name)
}

/// The registry functions of `_codecs`.
pub(crate) static REGISTRY_FUNCTIONS: &[BuiltinDef] = &[
    BuiltinDef {
        name: "register",
        func: c_register,
    },
    BuiltinDef {
        name: "unregister",
        func: c_unregister,
    },
    BuiltinDef {
        name: "lookup",
        func: c_lookup,
    },
    BuiltinDef {
        name: "_forget_codec",
        func: c_forget_codec,
    },
    BuiltinDef {
        name: "encode",
        func: c_encode,
    },
    BuiltinDef {
        name: "decode",
        func: c_decode,
    },
    BuiltinDef {
        name: "register_error",
        func: c_register_error,
    },
    BuiltinDef {
        name: "lookup_error",
        func: c_lookup_error,
    },
];

// ---- the built-in error handlers ------------------------------------------------------------

/// Which Unicode error a handler was given, with its object and range.
struct Fault {
    kind: u8,
    object: ObjRef,
    start: usize,
    end: usize,
}

const ENC: u8 = 0;
const DEC: u8 = 1;
const TRANS: u8 = 2;

fn fault_of(vm: &Vm, exc: &ObjRef) -> PyResult<Fault> {
    let kind = if exc.is_instance(&UNICODE_ENCODE_ERROR) {
        ENC
    } else if exc.is_instance(&UNICODE_DECODE_ERROR) {
        DEC
    } else if exc.is_instance(&UNICODE_TRANSLATE_ERROR) {
        TRANS
    } else {
        return Err(vm.type_error(&format!(
            "don't know how to handle {} in error callback",
            exc.ob_type().name()
        )));
    };
    let object = ops::getattr(vm, exc, "object")?;
    let idx = |k: &str| -> PyResult<usize> {
        let v = ops::getattr(vm, exc, k)?;
        Ok(int::as_i64(&v).unwrap_or(0).max(0) as usize)
    };
    let (start, end) = (idx("start")?, idx("end")?);
    Ok(Fault {
        kind,
        object,
        start,
        end: end.max(start),
    })
}

/// The code points `start..end` of the fault's str object (lone surrogates included).
fn fault_chars(vm: &Vm, f: &Fault) -> PyResult<Vec<u32>> {
    let text = pystr::as_text(&f.object)
        .ok_or_else(|| vm.type_error("object attribute must be unicode"))?;
    Ok(text
        .code_points()
        .skip(f.start)
        .take(f.end - f.start)
        .collect())
}

/// The data of a decoding fault.
fn fault_bytes<'a>(vm: &Vm, f: &'a Fault) -> PyResult<&'a [u8]> {
    bytes::as_bytes(&f.object).ok_or_else(|| vm.type_error("object attribute must be bytes"))
}

fn handler_result(vm: &Vm, text: &str, end: usize) -> PyResult<ObjRef> {
    tuple::new_tuple(
        vm,
        vec![pystr::new_str_vm(vm, text)?, int::new_int(vm, end as i64)?],
    )
}

fn exc_arg(vm: &Vm, name: &str, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [e] = parse::<1>(vm, name, Sig::One, args, kw)?;
    Ok(e.unwrap_or_else(none::none))
}

fn h_strict(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let exc = exc_arg(vm, "strict_errors", args, kw)?;
    if exc.is_instance(&exceptions::BASE_EXCEPTION) {
        Err(PyErr::new(exc))
    } else {
        Err(vm.type_error("codec must pass exception instance"))
    }
}

fn h_ignore(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = fault_of(vm, &exc_arg(vm, "ignore_errors", args, kw)?)?;
    handler_result(vm, "", f.end)
}

fn h_replace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = fault_of(vm, &exc_arg(vm, "replace_errors", args, kw)?)?;
    let n = f.end - f.start;
    let text = match f.kind {
        ENC => "?".repeat(n),
        DEC => "\u{fffd}".to_string(),
        _ => "\u{fffd}".repeat(n),
    };
    handler_result(vm, &text, f.end)
}

fn h_backslashreplace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let f = fault_of(vm, &exc_arg(vm, "backslashreplace_errors", args, kw)?)?;
    let text: String = if f.kind == DEC {
        let data = bytes::as_bytes(&f.object).unwrap_or(&[]);
        let end = f.end.min(data.len());
        data[f.start.min(end)..end]
            .iter()
            .map(|b| format!("\\x{b:02x}"))
            .collect()
    } else {
        fault_chars(vm, &f)?.into_iter().map(escape_of_cp).collect()
    };
    handler_result(vm, &text, f.end)
}

/// A handler that only handles encoding errors: the replacement of each character.
fn encode_only(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
    each: fn(u32) -> String,
) -> PyResult<ObjRef> {
    let exc = exc_arg(vm, name, args, kw)?;
    let f = fault_of(vm, &exc)?;
    if f.kind != ENC {
        return Err(vm.type_error(&format!(
            "don't know how to handle {} in error callback",
            exc.ob_type().name()
        )));
    }
    let text: String = fault_chars(vm, &f)?.into_iter().map(each).collect();
    handler_result(vm, &text, f.end)
}

fn h_xmlcharrefreplace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    encode_only(vm, "xmlcharrefreplace_errors", args, kw, |c| {
        format!("&#{c};")
    })
}

fn h_namereplace(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    encode_only(
        vm,
        "namereplace_errors",
        args,
        kw,
        |c| match char::from_u32(c) {
            Some(c) => crate::objects::codecs::name_escape_of(c),
            None => escape_of_cp(c),
        },
    )
}

/// `surrogateescape`: encoding turns U+DC80..U+DCFF back into the bytes 0x80..0xff; decoding
/// turns up to four undecodable bytes (0x80 or above) into them. Anything else is raised.
fn h_surrogateescape(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let exc = exc_arg(vm, "surrogateescape", args, kw)?;
    let f = fault_of(vm, &exc)?;
    match f.kind {
        ENC => {
            let cps = fault_chars(vm, &f)?;
            if cps.is_empty() || cps.iter().any(|c| !(0xdc80..=0xdcff).contains(c)) {
                return Err(PyErr::new(exc));
            }
            let out: Vec<u8> = cps.iter().map(|&c| (c - 0xdc00) as u8).collect();
            tuple::new_tuple(
                vm,
                vec![bytes::new_bytes(vm, &out)?, int::new_int(vm, f.end as i64)?],
            )
        }
        DEC => {
            let data = fault_bytes(vm, &f)?;
            let bad: Vec<u32> = data
                .get(f.start..f.end.min(data.len()))
                .unwrap_or(&[])
                .iter()
                .take(4)
                .take_while(|&&b| b >= 0x80)
                .map(|&b| 0xdc00 + u32::from(b))
                .collect();
            if bad.is_empty() {
                return Err(PyErr::new(exc));
            }
            let text = pystr::new_str_from_code_points(vm, bad.iter().copied())?;
            tuple::new_tuple(
                vm,
                vec![text, int::new_int(vm, (f.start + bad.len()) as i64)?],
            )
        }
        _ => Err(PyErr::new(exc)),
    }
}

/// The codec of a fault's `encoding` in the spelling `surrogate_form` knows (`UTF_16LE` is
/// `utf-16-le`, `utf8` is `utf-8`).
fn standard_encoding(vm: &Vm, exc: &ObjRef) -> PyResult<String> {
    let enc = ops::getattr(vm, exc, "encoding")?;
    let enc = pystr::as_str(&enc)
        .ok_or_else(|| vm.type_error("encoding must be a str"))?
        .to_ascii_lowercase()
        .replace('_', "-");
    let Some(rest) = enc.strip_prefix("utf") else {
        return Ok(enc);
    };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let (width, order) = rest.split_at(
        rest.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len()),
    );
    let order = order.strip_prefix('-').unwrap_or(order);
    Ok(match order {
        "" => format!("utf-{width}"),
        o => format!("utf-{width}-{o}"),
    })
}

/// `surrogatepass`: lone surrogates in the UTF-8, UTF-16 and UTF-32 forms of the fault's
/// codec, both ways. Anything else is raised.
fn h_surrogatepass(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let exc = exc_arg(vm, "surrogatepass", args, kw)?;
    let f = fault_of(vm, &exc)?;
    if f.kind == TRANS {
        return Err(PyErr::new(exc));
    }
    let Some(form) = crate::objects::codecs::surrogate_form(&standard_encoding(vm, &exc)?) else {
        return Err(PyErr::new(exc));
    };
    if f.kind == ENC {
        let cps = fault_chars(vm, &f)?;
        if cps.is_empty() || cps.iter().any(|&c| !crate::objects::wtf8::is_surrogate(c)) {
            return Err(PyErr::new(exc));
        }
        let mut out = Vec::new();
        for &c in &cps {
            form.push(c, &mut out);
        }
        return tuple::new_tuple(
            vm,
            vec![bytes::new_bytes(vm, &out)?, int::new_int(vm, f.end as i64)?],
        );
    }
    let data = fault_bytes(vm, &f)?;
    match data.get(f.start..).and_then(|d| form.read(d)) {
        Some((c, n)) => {
            let text = pystr::new_str_from_code_points(vm, [c])?;
            tuple::new_tuple(vm, vec![text, int::new_int(vm, (f.start + n) as i64)?])
        }
        None => Err(PyErr::new(exc)),
    }
}

static H_STRICT: BuiltinDef = BuiltinDef {
    name: "strict_errors",
    func: h_strict,
};
static H_IGNORE: BuiltinDef = BuiltinDef {
    name: "ignore_errors",
    func: h_ignore,
};
static H_REPLACE: BuiltinDef = BuiltinDef {
    name: "replace_errors",
    func: h_replace,
};
static H_BACKSLASH: BuiltinDef = BuiltinDef {
    name: "backslashreplace_errors",
    func: h_backslashreplace,
};
static H_XMLCHARREF: BuiltinDef = BuiltinDef {
    name: "xmlcharrefreplace_errors",
    func: h_xmlcharrefreplace,
};
static H_NAME: BuiltinDef = BuiltinDef {
    name: "namereplace_errors",
    func: h_namereplace,
};
static H_SURROGATEESCAPE: BuiltinDef = BuiltinDef {
    name: "surrogateescape",
    func: h_surrogateescape,
};
static H_SURROGATEPASS: BuiltinDef = BuiltinDef {
    name: "surrogatepass",
    func: h_surrogatepass,
};

/// The built-in error handlers, by registry name.
static BUILTIN_HANDLERS: [(&str, &BuiltinDef); 8] = [
    ("strict", &H_STRICT),
    ("ignore", &H_IGNORE),
    ("replace", &H_REPLACE),
    ("backslashreplace", &H_BACKSLASH),
    ("xmlcharrefreplace", &H_XMLCHARREF),
    ("namereplace", &H_NAME),
    ("surrogateescape", &H_SURROGATEESCAPE),
    ("surrogatepass", &H_SURROGATEPASS),
];

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names_normalise_as_cpython() {
        assert_eq!(normalize("UTF-8"), "utf-8");
        assert_eq!(normalize("Latin 1"), "latin_1");
    }
}
