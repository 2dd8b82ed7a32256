//! `str % args` and `bytes % args`: printf-style formatting (CPython's `PyUnicode_Format` and
//! `_PyBytes_FormatEx`).
//!
//! `%[(key)][flags][width][.precision][length]type` with flags `-+ #0`, `*` for width or
//! precision taken from the arguments, `(key)` looked up in a mapping argument, and the types
//! `s r a d i u x X o e E f F g G c %` (plus `b` for bytes). Bytes formats are processed as
//! Latin-1 text, one char per byte, and converted back at the end.

use crate::object::ObjRef;
use crate::objects::str::{as_str, new_str_vm};
use crate::objects::str_format::ascii_text;
use crate::objects::{dict, float, int, tuple};
use crate::vm::storage::Grow;
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::Signed;

/// The conversion flags of one `%` directive.
#[derive(Default, Clone, Copy)]
struct Flags {
    left: bool,
    plus: bool,
    space: bool,
    alternate: bool,
    zero: bool,
}

/// Pads `sign + prefix + digits` to `width`: left-aligned, zero-filled after the prefix, or
/// right-aligned.
fn pad(
    vm: &Vm,
    f: &Flags,
    width: usize,
    sign: &str,
    prefix: &str,
    digits: &str,
) -> PyResult<String> {
    let len = sign.len() + prefix.len() + digits.chars().count();
    let n = width.saturating_sub(len);
    let size = (sign.len() + prefix.len() + digits.len()).saturating_add(n);
    let mut out = crate::vm::storage::string_with_capacity(vm, size)?;
    let fill = |out: &mut String, c: char| out.extend(std::iter::repeat_n(c, n));
    if f.left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(digits);
        fill(&mut out, ' ');
    } else if f.zero {
        out.push_str(sign);
        out.push_str(prefix);
        fill(&mut out, '0');
        out.push_str(digits);
    } else {
        fill(&mut out, ' ');
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(digits);
    }
    Ok(out)
}

fn sign_of(f: &Flags, negative: bool) -> &'static str {
    if negative {
        "-"
    } else if f.plus {
        "+"
    } else if f.space {
        " "
    } else {
        ""
    }
}

/// Where the next argument comes from (CPython's `argidx`/`arglen`): the items of a tuple, or
/// one single value (the right operand, or the value a `%(key)` looked up) used once.
enum Args {
    Tuple(Vec<ObjRef>, usize),
    Single(ObjRef, bool),
}

impl Args {
    /// The next argument.
    fn next(&mut self, vm: &Vm) -> PyResult<ObjRef> {
        let missing = || vm.type_error("not enough arguments for format string");
        match self {
            Args::Tuple(items, pos) => {
                let a = items.get(*pos).cloned().ok_or_else(missing)?;
                *pos += 1;
                Ok(a)
            }
            Args::Single(v, used) => {
                if *used {
                    return Err(missing());
                }
                *used = true;
                Ok(v.clone())
            }
        }
    }

    /// Whether arguments are left over.
    fn unused(&self) -> bool {
        match self {
            Args::Tuple(items, pos) => *pos < items.len(),
            Args::Single(_, used) => !used,
        }
    }

    /// A `*` width: an int that fits a C `ssize_t`; negative means left-aligned.
    fn star_width(&mut self, vm: &Vm, f: &mut Flags) -> PyResult<usize> {
        let w = self.star_int(vm, "ssize_t", i64::MIN, i64::MAX)?;
        if w < 0 {
            f.left = true;
        }
        // CPython negates in a C `ssize_t`: the most negative one stays negative and pads
        // nothing.
        Ok(if w == i64::MIN {
            0
        } else {
            w.unsigned_abs() as usize
        })
    }

    /// A `*` precision: an int that fits a C `int`; a negative one counts as 0.
    fn star_precision(&mut self, vm: &Vm) -> PyResult<usize> {
        let p = self.star_int(vm, "int", i32::MIN as i64, i32::MAX as i64)?;
        Ok(p.max(0) as usize)
    }

    fn star_int(&mut self, vm: &Vm, c_type: &str, min: i64, max: i64) -> PyResult<i64> {
        let a = self.next(vm)?;
        if !int::is_int(&a) {
            return Err(vm.type_error("* wants int"));
        }
        int::as_i64(&a)
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                vm.overflow_error(&format!("Python int too large to convert to C {c_type}"))
            })
    }
}

/// Reads a decimal number no greater than `max`; `None` if there is none, `Err(())` past `max`
/// (CPython's "width too big" and "precision too big").
fn number(chars: &[char], i: &mut usize, max: usize) -> Result<Option<usize>, ()> {
    let start = *i;
    let mut n: usize = 0;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        if n > (max - d as usize) / 10 {
            return Err(());
        }
        n = n * 10 + d as usize;
        *i += 1;
    }
    Ok((*i > start).then_some(n))
}

/// Whether a format is a str or a bytes format (what `%s`, `%c` and keys accept).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Str,
    Bytes,
}

/// `fmt % args`.
pub fn percent_format(vm: &Vm, fmt: &str, args: &ObjRef) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    format_chars(vm, &chars, args, Mode::Str)
}

/// `fmt % args` for a bytes (or bytearray) format.
pub fn percent_format_bytes(vm: &Vm, fmt: &[u8], args: &ObjRef) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = fmt.iter().map(|&b| b as char).collect();
    let text = format_chars(vm, &chars, args, Mode::Bytes)?;
    // Every char is below 256 in bytes mode: conversions only produce Latin-1 and ASCII.
    Ok(text.chars().map(|c| c as u32 as u8).collect())
}

fn format_chars(vm: &Vm, chars: &[char], args: &ObjRef, mode: Mode) -> PyResult<String> {
    let is_mapping = dict::table(args).is_some();
    let mut source = match tuple::items(args) {
        Some(items) => Args::Tuple(items.to_vec(), 0),
        None => Args::Single(args.clone(), false),
    };
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'(') {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            let mut depth = 1;
            let key_start = i + 1;
            let mut j = key_start;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key: String = chars[key_start..j - 1].iter().collect();
            let key = match mode {
                Mode::Str => new_str_vm(vm, &key)?,
                Mode::Bytes => {
                    let raw: Vec<u8> = key.chars().map(|c| c as u32 as u8).collect();
                    crate::objects::bytes::new_bytes(vm, &raw)?
                }
            };
            source = Args::Single(ops::getitem(vm, args, &key)?, false);
            i = j;
        }
        let mut f = Flags::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => f.left = true,
                '+' => f.plus = true,
                ' ' => f.space = true,
                '#' => f.alternate = true,
                '0' => f.zero = true,
                _ => break,
            }
            i += 1;
        }
        let width = if chars.get(i) == Some(&'*') {
            i += 1;
            source.star_width(vm, &mut f)?
        } else {
            number(chars, &mut i, isize::MAX as usize)
                .map_err(|()| vm.value_error("width too big"))?
                .unwrap_or(0)
        };
        let mut precision = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                precision = Some(source.star_precision(vm)?);
                i += 1;
            } else {
                let too_big = match mode {
                    Mode::Str => "precision too big",
                    Mode::Bytes => "prec too big",
                };
                precision = Some(
                    number(chars, &mut i, i32::MAX as usize)
                        .map_err(|()| vm.value_error(too_big))?
                        .unwrap_or(0),
                );
            }
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&ty) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let v = source.next(vm)?;
        // The padded result takes at least `width` bytes, an integer's at least `precision`:
        // refused up front when the heap could not hold them. (A precision only truncates
        // text conversions, and float conversions check theirs once they know the value is
        // finite.)
        vm.check_bytes(width)?;
        if let (Some(p), 'd' | 'i' | 'u' | 'x' | 'X' | 'o') = (precision, ty) {
            if p > i32::MAX as usize - 3 {
                return Err(vm.overflow_error("precision too large"));
            }
            vm.check_bytes(p)?;
        }
        let piece = match (mode, ty) {
            (Mode::Bytes, 's' | 'b' | 'c') => convert_bytes(vm, ty, &v, &f, width, precision)?,
            (Mode::Bytes, 'r' | 'a') => convert(vm, 'a', &v, &f, width, precision, i)?,
            _ => convert(vm, ty, &v, &f, width, precision, i)?,
        };
        out.grow(vm, piece.len())?;
        out.push_str(&piece);
    }
    if !is_mapping && source.unused() {
        return Err(vm.type_error(match mode {
            Mode::Str => "not all arguments converted during string formatting",
            Mode::Bytes => "not all arguments converted during bytes formatting",
        }));
    }
    Ok(out)
}

/// One conversion: the value `v` rendered for type `ty`.
#[allow(clippy::too_many_arguments)]
fn convert(
    vm: &Vm,
    ty: char,
    v: &ObjRef,
    f: &Flags,
    width: usize,
    precision: Option<usize>,
    end: usize,
) -> PyResult<String> {
    match ty {
        's' | 'r' | 'a' => {
            let s = match ty {
                's' => {
                    let r = ops::str(vm, v)?;
                    crate::objects::str_surrogates::session_text(vm, &r)?.into_owned()
                }
                'r' => ops::repr_string(vm, v)?,
                _ => ascii_text(vm, v)?,
            };
            let s: String = match precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            let plain = Flags { zero: false, ..*f };
            pad(vm, &plain, width, "", "", &s)
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let n: BigInt = match int::as_bigint(v) {
                Some(n) => n,
                None if matches!(ty, 'd' | 'i' | 'u') => match float::as_f64(v) {
                    Some(x) => {
                        let i = float::float_to_int(vm, x)?;
                        int::as_bigint(&i).unwrap_or_default()
                    }
                    None => {
                        return Err(vm.type_error(&format!(
                            "%{ty} format: a real number is required, not {}",
                            v.ob_type().name()
                        )))
                    }
                },
                None => {
                    return Err(vm.type_error(&format!(
                        "%{ty} format: an integer is required, not {}",
                        v.ob_type().name()
                    )))
                }
            };
            if ty != 'd' && ty != 'i' && ty != 'u' {
                int::check_text_size(vm, n.bits(), if ty == 'o' { 8 } else { 16 })?;
            }
            let mut digits = match ty {
                'x' => n.abs().to_str_radix(16),
                'X' => n.abs().to_str_radix(16).to_uppercase(),
                'o' => n.abs().to_str_radix(8),
                _ => crate::objects::format::decimal_digits(vm, &n)?,
            };
            if let Some(p) = precision {
                if digits.len() < p {
                    let mut zeros = crate::vm::storage::string_with_capacity(vm, p)?;
                    zeros.extend(std::iter::repeat_n('0', p - digits.len()));
                    zeros.push_str(&digits);
                    digits = zeros;
                }
            }
            let prefix = match (f.alternate, ty) {
                (true, 'x') => "0x",
                (true, 'X') => "0X",
                (true, 'o') => "0o",
                _ => "",
            };
            pad(vm, f, width, sign_of(f, n.is_negative()), prefix, &digits)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match float::coerce(vm, v)? {
                Some(x) => x,
                None => {
                    return Err(
                        vm.type_error(&format!("must be real number, not {}", v.ob_type().name()))
                    )
                }
            };
            let body = crate::objects::format::float_body(
                vm,
                x,
                Some(ty),
                precision.or(Some(6)),
                f.alternate,
            )?;
            let negative = x.is_sign_negative() && !x.is_nan();
            let flags = Flags {
                zero: f.zero && x.is_finite(),
                ..*f
            };
            pad(vm, &flags, width, sign_of(f, negative), "", &body)
        }
        'c' => {
            let c = if let Some(s) = as_str(v) {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => c,
                    _ => return Err(vm.type_error("%c requires int or char")),
                }
            } else if int::is_int(v) {
                int::as_i64(v)
                    .and_then(|n| u32::try_from(n).ok())
                    .and_then(char::from_u32)
                    .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?
            } else {
                return Err(vm.type_error("%c requires int or char"));
            };
            let plain = Flags { zero: false, ..*f };
            pad(vm, &plain, width, "", "", &c.to_string())
        }
        other => Err(unsupported(vm, other, end)),
    }
}

fn unsupported(vm: &Vm, c: char, end: usize) -> crate::vm::PyErr {
    vm.value_error(&format!(
        "unsupported format character '{c}' ({:#x}) at index {}",
        c as u32,
        end - 1
    ))
}

/// `%s`/`%b` and `%c` of a bytes format: bytes-like values (or `__bytes__`), byte values.
fn convert_bytes(
    vm: &Vm,
    ty: char,
    v: &ObjRef,
    f: &Flags,
    width: usize,
    precision: Option<usize>,
) -> PyResult<String> {
    use crate::objects::bytes_methods::buffer;
    let data: Vec<u8> = if ty == 'c' {
        if let Some(b) = buffer(v).filter(|b| b.len() == 1) {
            b.into_owned()
        } else if int::is_int(v) {
            match int::as_i64(v).and_then(|n| u8::try_from(n).ok()) {
                Some(b) => vec![b],
                None => return Err(vm.overflow_error("%c arg not in range(256)")),
            }
        } else {
            return Err(vm.type_error("%c requires an integer in range(256) or a single byte"));
        }
    } else if let Some(b) = buffer(v) {
        let mut b = b.into_owned();
        if let Some(p) = precision {
            b.truncate(p);
        }
        b
    } else {
        let via_dunder = if v.ob_type().is_heap_type() {
            crate::vm::attr::call_special(vm, v, "__bytes__", &[])?
        } else {
            None
        };
        match via_dunder
            .as_ref()
            .and_then(|r| crate::objects::bytes::as_bytes(r))
        {
            Some(b) => b.to_vec(),
            None => {
                return Err(vm.type_error(&format!(
                    "%b requires a bytes-like object, or an object that implements __bytes__, \
                     not '{}'",
                    v.ob_type().name()
                )))
            }
        }
    };
    let text: String = data.iter().map(|&b| b as char).collect();
    let plain = Flags { zero: false, ..*f };
    pad(vm, &plain, width, "", "", &text)
}
