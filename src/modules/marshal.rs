//! `marshal`: CPython's serialization of constants (format version 4), for `importlib`'s
//! bytecode machinery and programs that exchange plain data with it.
//!
//! Values: `None`, `True`/`False`, `StopIteration`, `...`, int, float, complex, str, bytes
//! (and bytearray/memoryview written as bytes), tuple, list, dict, set, frozenset. Code objects
//! are arenapy's own and not CPython's, so `dumps` refuses them ("unmarshallable object") and
//! `loads` refuses CPython's (`bad marshal data`), which makes `importlib` compile from source.
//! `loads` reads back-references (`FLAG_REF`) as CPython writes them; `dumps` writes none (CPython
//! decides by reference counts), so its output loads everywhere but may differ byte for byte.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{
    boolobj, bytes, complex, dict, exceptions, float, int, list, module, none, set, str as pystr,
    tuple,
};
use crate::vm::args::{check_count, split_args};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

const VERSION: i64 = 4;
const FLAG_REF: u8 = 0x80;
const MAX_DEPTH: usize = 2000;

fn unmarshallable(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("unmarshallable object")
}

fn bad_data(vm: &Vm) -> crate::vm::PyErr {
    vm.new_error(
        &exceptions::VALUE_ERROR,
        "bad marshal data (unknown type code)",
    )
}

fn eof(vm: &Vm) -> crate::vm::PyErr {
    vm.new_error(&exceptions::EOF_ERROR, "marshal data too short")
}

struct Writer<'a> {
    vm: &'a Vm,
    out: Vec<u8>,
}

impl Writer<'_> {
    fn u32(&mut self, n: u32) {
        self.out.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) -> PyResult<()> {
        let n = u32::try_from(n).map_err(|_| unmarshallable(self.vm))?;
        self.u32(n);
        Ok(())
    }

    fn int(&mut self, v: &BigInt) {
        if let Some(i) = v.to_i32() {
            self.out.push(b'i');
            self.out.extend_from_slice(&i.to_le_bytes());
            return;
        }
        // 'l': a count of 15-bit digits (negative for negative numbers), then the digits.
        self.out.push(b'l');
        let mut digits = Vec::new();
        let mut m = v.abs();
        let mask = BigInt::from(0x7fff);
        while !m.is_zero() {
            digits.push((&m & &mask).to_u16().unwrap_or(0));
            m >>= 15u32;
        }
        let n = digits.len() as i32;
        self.out
            .extend_from_slice(&(if v.is_negative() { -n } else { n }).to_le_bytes());
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }

    fn value(&mut self, v: &ObjRef, depth: usize) -> PyResult<()> {
        let vm = self.vm;
        if depth > MAX_DEPTH {
            return Err(vm.value_error("object too deeply nested to marshal"));
        }
        let ty = v.ob_type();
        let is = |t: &crate::object::TypeObject| std::ptr::eq(ty, t);
        if none::is_none(v) {
            self.out.push(b'N');
        } else if let Some(b) = boolobj::as_bool(v) {
            self.out.push(if b { b'T' } else { b'F' });
        } else if v.addr() == ObjRef::from_type(&exceptions::STOP_ITERATION).addr() {
            self.out.push(b'S');
        } else if v.addr() == none::ellipsis().addr() {
            self.out.push(b'.');
        } else if is(&int::INT_TYPE) {
            self.int(&int::as_bigint(v).unwrap_or_default());
        } else if is(&float::FLOAT_TYPE) {
            self.out.push(b'g');
            self.out
                .extend_from_slice(&float::as_f64(v).unwrap_or(0.0).to_le_bytes());
        } else if is(&complex::COMPLEX_TYPE) {
            let (re, im) = complex::as_complex(v).unwrap_or((0.0, 0.0));
            self.out.push(b'y');
            self.out.extend_from_slice(&re.to_le_bytes());
            self.out.extend_from_slice(&im.to_le_bytes());
        } else if is(&pystr::STR_TYPE) {
            // CPython writes a str's text with `surrogatepass`: the stored bytes.
            let s = pystr::as_text(v).unwrap_or_default().as_bytes();
            if s.is_ascii() && s.len() < 256 {
                self.out.push(b'z');
                self.out.push(s.len() as u8);
            } else if s.is_ascii() {
                self.out.push(b'a');
                self.len(s.len())?;
            } else {
                self.out.push(b'u');
                self.len(s.len())?;
            }
            self.out.extend_from_slice(s);
        } else if is(&tuple::TUPLE_TYPE) {
            let items = tuple::items(v).unwrap_or(&[]).to_vec();
            if items.len() < 256 {
                self.out.push(b')');
                self.out.push(items.len() as u8);
            } else {
                self.out.push(b'(');
                self.len(items.len())?;
            }
            for x in items {
                self.value(&x, depth + 1)?;
            }
        } else if is(&list::LIST_TYPE) {
            let items = list::storage(v).map(|s| s.snapshot()).unwrap_or_default();
            self.out.push(b'[');
            self.len(items.len())?;
            for x in items {
                self.value(&x, depth + 1)?;
            }
        } else if is(&dict::DICT_TYPE) {
            self.out.push(b'{');
            for (k, x) in dict::items(v) {
                self.value(&k, depth + 1)?;
                self.value(&x, depth + 1)?;
            }
            self.out.push(b'0');
        } else if is(&set::SET_TYPE) || is(&set::FROZENSET_TYPE) {
            let items = set::keys(v);
            self.out
                .push(if is(&set::FROZENSET_TYPE) { b'>' } else { b'<' });
            self.len(items.len())?;
            for x in items {
                self.value(&x, depth + 1)?;
            }
        } else if let Some(b) = crate::objects::bytes_methods::buffer(v) {
            self.out.push(b's');
            self.len(b.len())?;
            self.out.extend_from_slice(&b);
        } else {
            return Err(unmarshallable(vm));
        }
        Ok(())
    }
}

struct Reader<'a> {
    vm: &'a Vm,
    data: &'a [u8],
    pos: usize,
    refs: Vec<Option<ObjRef>>,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        if self.data.len() - self.pos < n {
            return Err(eof(self.vm));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn byte(&mut self) -> PyResult<u8> {
        Ok(self.take(1)?[0])
    }

    fn i32(&mut self) -> PyResult<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn size(&mut self) -> PyResult<usize> {
        let n = self.i32()?;
        usize::try_from(n).map_err(|_| self.vm.value_error("bad marshal data (size out of range)"))
    }

    fn f64(&mut self) -> PyResult<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    fn text_float(&mut self) -> PyResult<f64> {
        let n = self.byte()? as usize;
        let s = String::from_utf8_lossy(self.take(n)?).to_string();
        s.trim()
            .parse::<f64>()
            .map_err(|_| self.vm.value_error("bad marshal data (float)"))
    }

    fn items(&mut self, n: usize, depth: usize) -> PyResult<Vec<ObjRef>> {
        // Each item takes at least one byte: a count beyond the data is corrupt.
        if n > self.data.len() - self.pos {
            return Err(eof(self.vm));
        }
        (0..n).map(|_| self.value(depth + 1)).collect()
    }

    fn value(&mut self, depth: usize) -> PyResult<ObjRef> {
        let vm = self.vm;
        if depth > MAX_DEPTH {
            return Err(vm.value_error("recursion limit exceeded"));
        }
        let code = self.byte()?;
        let flag = code & FLAG_REF != 0;
        let slot = if flag {
            self.refs.push(None);
            Some(self.refs.len() - 1)
        } else {
            None
        };
        let v = match code & !FLAG_REF {
            b'0' => return Err(bad_data(vm)),
            b'N' => none::none(),
            b'F' => boolobj::new_bool(false),
            b'T' => boolobj::new_bool(true),
            b'S' => ObjRef::from_type(&exceptions::STOP_ITERATION),
            b'.' => none::ellipsis(),
            b'i' => int::new_int(vm, self.i32()? as i64)?,
            b'l' => {
                let n = self.i32()?;
                let count = n.unsigned_abs() as usize;
                let mut v = BigInt::zero();
                let raw = self.take(count * 2)?.to_vec();
                for d in raw.chunks(2).rev() {
                    let d = u16::from_le_bytes([d[0], d[1]]);
                    if d > 0x7fff {
                        return Err(vm.value_error("bad marshal data (digit out of range in long)"));
                    }
                    v = (v << 15u32) + BigInt::from(d);
                }
                if n < 0 {
                    v = BigInt::from_biguint(Sign::Minus, v.magnitude().clone());
                }
                int::new_bigint(vm, &v)?
            }
            b'g' => float::new_float(vm, self.f64()?)?,
            b'f' => float::new_float(vm, self.text_float()?)?,
            b'y' => {
                let (re, im) = (self.f64()?, self.f64()?);
                complex::new_complex(vm, re, im)?
            }
            b'x' => {
                let (re, im) = (self.text_float()?, self.text_float()?);
                complex::new_complex(vm, re, im)?
            }
            b's' => {
                let n = self.size()?;
                let b = self.take(n)?.to_vec();
                bytes::new_bytes(vm, &b)?
            }
            b'u' | b't' | b'a' | b'A' => {
                let n = self.size()?;
                let b = self.take(n)?.to_vec();
                // Written with `surrogatepass`, so lone surrogates come back.
                let s = crate::objects::codecs::decode(vm, &b, "utf-8", "surrogatepass")?;
                pystr::new_str_wtf8_vm(vm, s.as_wtf8())?
            }
            b'z' | b'Z' => {
                let n = self.byte()? as usize;
                let b = self.take(n)?.to_vec();
                let s = String::from_utf8(b)
                    .map_err(|_| vm.value_error("bad marshal data (invalid string)"))?;
                pystr::new_str_vm(vm, &s)?
            }
            b')' => {
                let n = self.byte()? as usize;
                let items = self.items(n, depth)?;
                tuple::new_tuple(vm, items)?
            }
            b'(' => {
                let n = self.size()?;
                let items = self.items(n, depth)?;
                tuple::new_tuple(vm, items)?
            }
            b'[' => {
                let n = self.size()?;
                let l = list::new_list(vm, Vec::new())?;
                if let Some(s) = slot {
                    self.refs[s] = Some(l.clone());
                }
                for x in self.items(n, depth)? {
                    list::append(vm, &l, x)?;
                }
                l
            }
            b'{' => {
                let d = dict::new_dict_vm(vm)?;
                if let Some(s) = slot {
                    self.refs[s] = Some(d.clone());
                }
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.value(depth + 1)?;
                    let x = self.value(depth + 1)?;
                    dict::set_item(vm, &d, k, x)?;
                }
                d
            }
            b'<' | b'>' => {
                let n = self.size()?;
                let items = self.items(n, depth)?;
                let ty = if code & !FLAG_REF == b'>' {
                    &set::FROZENSET_TYPE
                } else {
                    &set::SET_TYPE
                };
                let lst = list::new_list(vm, items)?;
                set::new_set_of_type(vm, ty, Some(&lst))?
            }
            b'r' => {
                let i = self.size()?;
                return match self.refs.get(i) {
                    Some(Some(v)) => Ok(v.clone()),
                    _ => Err(vm.value_error("bad marshal data (invalid reference)")),
                };
            }
            b'c' => {
                return Err(
                    vm.value_error("bad marshal data (arenapy cannot load CPython code objects)")
                )
            }
            _ => return Err(bad_data(vm)),
        };
        if let Some(s) = slot {
            self.refs[s] = Some(v.clone());
        }
        Ok(v)
    }
}

/// The serialized form of `value`.
pub fn dumps_value(vm: &Vm, value: &ObjRef) -> PyResult<Vec<u8>> {
    let mut w = Writer {
        vm,
        out: Vec::new(),
    };
    w.value(value, 0)?;
    Ok(w.out)
}

/// The value serialized at the start of `data`, and how many bytes it took.
pub fn loads_value(vm: &Vm, data: &[u8]) -> PyResult<(ObjRef, usize)> {
    let mut r = Reader {
        vm,
        data,
        pos: 0,
        refs: Vec::new(),
    };
    let v = r.value(0)?;
    Ok((v, r.pos))
}

fn version_arg(vm: &Vm, pos: &[ObjRef], kw: &[(&str, &ObjRef)], at: usize) -> PyResult<()> {
    let v = pos
        .get(at)
        .or(kw.iter().find(|(k, _)| *k == "version").map(|(_, v)| *v));
    if let Some(v) = v {
        int::as_i64(v).ok_or_else(|| vm.type_error("'version' must be an int"))?;
    }
    Ok(())
}

fn m_dumps(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kw);
    check_count(vm, "dumps", pos, 1, 2)?;
    version_arg(vm, pos, &kw, 1)?;
    bytes::new_bytes(vm, &dumps_value(vm, &pos[0])?)
}

fn m_loads(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = split_args(args, kw);
    check_count(vm, "loads", pos, 1, 1)?;
    let data = crate::objects::bytes_methods::buffer_arg(vm, &pos[0])?;
    Ok(loads_value(vm, &data)?.0)
}

fn m_dump(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = split_args(args, kw);
    check_count(vm, "dump", pos, 2, 3)?;
    version_arg(vm, pos, &kw, 2)?;
    let data = bytes::new_bytes(vm, &dumps_value(vm, &pos[0])?)?;
    let write = ops::getattr(vm, &pos[1], "write")?;
    ops::call(vm, &write, &[data], None)?;
    Ok(none::none())
}

fn m_load(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, _) = split_args(args, kw);
    check_count(vm, "load", pos, 1, 1)?;
    // Read what is left and give back what was not used, when the file can seek.
    let read = ops::getattr(vm, &pos[0], "read")?;
    let data = ops::call(vm, &read, &[], None)?;
    let bytes_ = crate::objects::bytes_methods::buffer(&data)
        .ok_or_else(|| vm.type_error("file.read() must return bytes"))?;
    if bytes_.is_empty() {
        return Err(eof(vm));
    }
    let (v, used) = loads_value(vm, &bytes_)?;
    if used < bytes_.len() {
        if let Ok(seek) = ops::getattr(vm, &pos[0], "seek") {
            let back = int::new_int(vm, used as i64 - bytes_.len() as i64)?;
            ops::call(vm, &seek, &[back, int::new_int(vm, 1)?], None)?;
        }
    }
    Ok(v)
}

static FUNCTIONS: [BuiltinDef; 4] = [
    BuiltinDef {
        name: "dumps",
        func: m_dumps,
    },
    BuiltinDef {
        name: "loads",
        func: m_loads,
    },
    BuiltinDef {
        name: "dump",
        func: m_dump,
    },
    BuiltinDef {
        name: "load",
        func: m_load,
    },
];

/// Builds the `marshal` module.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "marshal")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "version", int::new_int(vm, VERSION)?)?;
    Ok(m)
}
