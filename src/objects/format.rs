//! The format mini-language (`format(value, spec)`, `f"{x:spec}"`, `str.format`), as CPython's
//! `Python/formatter_unicode.c` defines it:
//!
//! ```text
//! [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
//! ```
//!
//! [`parse_spec`] reads a spec into a [`Spec`]; [`format_int`], [`format_float`],
//! [`format_complex_parts`] and [`format_text`] render values; [`format_value`] dispatches on the
//! object's type (CPython's `__format__` of the builtin types).

use crate::object::ObjRef;
use crate::objects::{complex, float, int, str as pystr};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// A parsed format spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The fill character (default space).
    pub fill: char,
    /// `<`, `>`, `^` or `=`; `None`: the type's default.
    pub align: Option<char>,
    /// `+`, `-` or space.
    pub sign: Option<char>,
    /// `z`: negative zero becomes zero.
    pub z: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// Minimum width.
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// The presentation type.
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads a decimal number at the front of `chars[pos..]`; `None` when there are no digits.
fn read_number(vm: &Vm, chars: &[char], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut n: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(|| vm.value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(n))
}

/// Parses a format spec; `type_name` is the value's type for the error message, and
/// `default_align` its default alignment (`>` for numbers, `<` for text).
pub fn parse_spec(vm: &Vm, spec: &str, type_name: &str, default_align: char) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: None,
        z: false,
        alternate: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: None,
    };
    let mut pos = 0;
    let mut fill_given = false;
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        fill_given = true;
        pos = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        s.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        s.z = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        s.alternate = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'0') && !fill_given {
        s.fill = '0';
        if s.align.is_none() && default_align == '>' {
            s.align = Some('=');
        }
        pos += 1;
    }
    s.width = read_number(vm, &chars, &mut pos)?.unwrap_or(0);
    if let Some(&c @ (',' | '_')) = chars.get(pos) {
        s.grouping = Some(c);
        pos += 1;
        if matches!(chars.get(pos), Some(',' | '_')) {
            return Err(vm.value_error("Cannot specify both ',' and '_'."));
        }
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        match read_number(vm, &chars, &mut pos)? {
            Some(p) => s.precision = Some(p),
            None => return Err(vm.value_error("Format specifier missing precision")),
        }
    }
    match chars.len() - pos {
        0 => {}
        1 => s.ty = Some(chars[pos]),
        _ => {
            return Err(vm.value_error(&format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )))
        }
    }
    if let Some(sep) = s.grouping {
        let ty = s.ty.unwrap_or(if default_align == '<' { 's' } else { 'd' });
        let ok = match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => true,
            'b' | 'o' | 'x' | 'X' => sep == '_',
            _ => false,
        };
        let numeric_default = s.ty.is_none() && default_align == '>';
        if !(ok || numeric_default) {
            return Err(vm.value_error(&format!("Cannot specify '{sep}' with '{ty}'.")));
        }
    }
    Ok(s)
}

/// The width, checked once the spec is known to be valid for the value: the padded result
/// takes at least `width` fill characters' room, refused up front (`MemoryError`) when the heap
/// could not hold it.
fn check_width(vm: &Vm, spec: &Spec) -> PyResult<()> {
    vm.check_storage(spec.width, spec.fill.len_utf8()).map(drop)
}

/// A float or complex precision: CPython keeps it in a C `int`.
fn check_precision(vm: &Vm, spec: &Spec) -> PyResult<()> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(vm.value_error("precision too big"));
    }
    Ok(())
}

fn unknown_code(vm: &Vm, ty: char, type_name: &str) -> crate::vm::PyErr {
    vm.value_error(&format!(
        "Unknown format code '{ty}' for object of type '{type_name}'"
    ))
}

/// Pads `body` (already sign-prefixed) to the spec's width; `split` is where `=` alignment
/// inserts the padding (after the sign and prefix).
fn align(vm: &Vm, spec: &Spec, body: &str, split: usize, default_align: char) -> PyResult<String> {
    let len = body.chars().count();
    if len >= spec.width {
        return Ok(body.to_string());
    }
    let pad = spec.width - len;
    // `=` puts the padding after the sign and prefix (the first `split` bytes).
    let (left, split, middle, right) = match spec.align.unwrap_or(default_align) {
        '<' => (0, 0, 0, pad),
        '^' => (pad / 2, 0, 0, pad - pad / 2),
        '=' => (0, split, pad, 0),
        _ => (pad, 0, 0, 0),
    };
    let size = vm
        .check_storage(pad, spec.fill.len_utf8())?
        .saturating_add(body.len());
    let mut out = crate::vm::storage::string_with_capacity(vm, size)?;
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(&body[..split]);
    out.extend(std::iter::repeat_n(spec.fill, middle));
    out.push_str(&body[split..]);
    out.extend(std::iter::repeat_n(spec.fill, right));
    Ok(out)
}

/// Inserts `sep` every `size` digits from the right; with `min_len`, pads with zeros first so
/// that the grouped result is at least that long (CPython groups zero padding too).
fn group(vm: &Vm, digits: &str, sep: char, size: usize, min_len: usize) -> PyResult<String> {
    let grouped_len = |n: usize| n.saturating_add(n.saturating_sub(1) / size);
    // The fewest digits whose grouped form is `min_len` long: close to `min_len * size /
    // (size + 1)`, then stepped up.
    let estimate = (min_len as u128 * size as u128 / (size as u128 + 1)) as usize;
    let mut n = digits.len().max(estimate);
    while grouped_len(n) < min_len {
        n += 1;
    }
    let total = vm.check_storage(grouped_len(n), sep.len_utf8())?;
    let mut out = crate::vm::storage::string_with_capacity(vm, total)?;
    let zeros = std::iter::repeat_n('0', n - digits.len());
    for (i, c) in zeros.chain(digits.chars()).enumerate() {
        if i > 0 && (n - i).is_multiple_of(size) {
            out.push(sep);
        }
        out.push(c);
    }
    Ok(out)
}

/// Assembles a number: sign, prefix, integer digits (grouped), the rest (fraction, exponent,
/// `%`), then pads it.
fn assemble(
    vm: &Vm,
    spec: &Spec,
    negative: bool,
    prefix: &str,
    digits: &str,
    rest: &str,
    group_size: usize,
) -> PyResult<String> {
    let sign = match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let lead = sign.len() + prefix.len();
    let zero_pad = spec.fill == '0' && spec.align == Some('=');
    let body_digits = match spec.grouping {
        Some(sep) if digits.bytes().all(|b| b.is_ascii_alphanumeric()) && !digits.is_empty() => {
            let min = if zero_pad {
                spec.width.saturating_sub(lead + rest.chars().count())
            } else {
                0
            };
            group(vm, digits, sep, group_size, min)?
        }
        _ => digits.to_string(),
    };
    let body = format!("{sign}{prefix}{body_digits}{rest}");
    align(vm, spec, &body, lead, '>')
}

/// The decimal digits of `v`, refusing more than `sys.get_int_max_str_digits()`.
pub fn decimal_digits(vm: &Vm, v: &BigInt) -> PyResult<String> {
    int::check_text_size(vm, v.bits(), 10)?;
    let s = v.magnitude().to_string();
    if int::exceeds_str_digits(vm, s.len()) {
        return Err(int::to_str_limit_error(vm));
    }
    Ok(s)
}

/// `format(int, spec)`.
pub fn format_int(vm: &Vm, v: &BigInt, spec_text: &str) -> PyResult<String> {
    let spec = parse_spec(vm, spec_text, "int", '>')?;
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let x = int::to_f64(vm, &int::IntValue::Big(v.clone()))?;
        return format_float_spec(vm, x, &spec);
    }
    if !matches!(ty, 'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') {
        return Err(unknown_code(vm, ty, "int"));
    }
    if spec.precision.is_some() {
        return Err(vm.value_error("Precision not allowed in integer format specifier"));
    }
    if spec.z {
        return Err(
            vm.value_error("Negative zero coercion (z) not allowed in integer format specifier")
        );
    }
    check_width(vm, &spec)?;
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(vm.value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alternate {
            return Err(
                vm.value_error("Alternate form (#) not allowed with integer format specifier 'c'")
            );
        }
        let c = v
            .to_u32()
            .and_then(char::from_u32)
            .ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
        return align(vm, &spec, &c.to_string(), 0, '>');
    }
    let (radix, prefix, group_size) = match ty {
        'b' => (2, "0b", 4),
        'o' => (8, "0o", 4),
        'x' => (16, "0x", 4),
        'X' => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let digits = if radix == 10 {
        decimal_digits(vm, v)?
    } else {
        int::check_text_size(vm, v.bits(), radix)?;
        let d = v.magnitude().to_str_radix(radix);
        if ty == 'X' {
            d.to_uppercase()
        } else {
            d
        }
    };
    let prefix = if spec.alternate { prefix } else { "" };
    assemble(vm, &spec, v.is_negative(), prefix, &digits, "", group_size)
}

/// Digits after the point from which on a double's decimal expansion is exact: 2**-1074 has
/// 1074 of them, and no double has more than 767 significant digits. Rust's formatter takes
/// precisions up to 65535 only, so longer ones are this precision (no rounding left to do)
/// followed by zeros, which is what CPython prints.
const EXACT_PRECISION: usize = 1100;

/// `x` in fixed notation with `p` digits after the point (correctly rounded, ties to even).
pub fn fixed(x: f64, p: usize) -> String {
    if p <= EXACT_PRECISION {
        return format!("{x:.p$}");
    }
    let exact = EXACT_PRECISION;
    let mut s = format!("{x:.exact$}");
    s.reserve(p - exact);
    s.extend(std::iter::repeat_n('0', p - exact));
    s
}

/// `x` in scientific notation with `p` digits after the point, CPython style (`1.5e+07`).
pub fn sci(x: f64, p: usize, upper: bool) -> String {
    let q = p.min(EXACT_PRECISION);
    let s = format!("{x:.q$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut out = String::with_capacity(mant.len() + (p - q) + 6);
    out.push_str(mant);
    out.extend(std::iter::repeat_n('0', p - q));
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.abs()));
    out
}

/// The decimal exponent of `x > 0` once rounded to `p` significant digits (beyond the exact
/// precision nothing rounds, so the exponent is the exact one).
fn sci_exponent(x: f64, p: usize) -> i64 {
    let s = sci(x, p.clamp(1, EXACT_PRECISION) - 1, false);
    s.rsplit_once('e')
        .and_then(|(_, e)| e.parse::<i64>().ok())
        .unwrap_or(0)
}

/// Drops trailing zeros (and a bare point) from the mantissa, or with `alternate` makes sure
/// there is a point.
fn strip_zeros(out: &str, alternate: bool) -> String {
    let (mant, tail) = match out.find(['e', 'E']) {
        Some(i) => (&out[..i], &out[i..]),
        None => (out, ""),
    };
    if alternate {
        if mant.contains('.') {
            out.to_string()
        } else {
            format!("{mant}.{tail}")
        }
    } else if mant.contains('.') {
        let m = mant.trim_end_matches('0').trim_end_matches('.');
        format!("{m}{tail}")
    } else {
        out.to_string()
    }
}

/// The `g` presentation of a finite, non-negative `x` with `p` significant digits.
fn general(x: f64, p: usize, alternate: bool, upper: bool) -> String {
    let p = p.max(1);
    let exp = if x == 0.0 { 0 } else { sci_exponent(x, p) };
    let out = if -4 <= exp && exp < p as i64 {
        fixed(x, (p as i64 - 1 - exp) as usize)
    } else {
        sci(x, p - 1, upper)
    };
    strip_zeros(&out, alternate)
}

/// `format(float, spec)`.
pub fn format_float(vm: &Vm, x: f64, spec_text: &str) -> PyResult<String> {
    let spec = parse_spec(vm, spec_text, "float", '>')?;
    format_float_spec(vm, x, &spec)
}

/// The digits of `|x|` for a float presentation type (`None`: repr-like), without sign.
pub(crate) fn float_body(
    vm: &Vm,
    x: f64,
    ty: Option<char>,
    precision: Option<usize>,
    alternate: bool,
) -> PyResult<String> {
    let a = x.abs();
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        return Ok(if upper {
            s.to_uppercase()
        } else {
            s.to_string()
        });
    }
    // Without '#', 'g' drops trailing zeros: past the exact precision more digits change
    // nothing, so the text stays short however large the precision.
    let precision = match (ty, precision) {
        (None | Some('g' | 'G' | 'n'), Some(p)) if !alternate => Some(p.min(EXACT_PRECISION + 1)),
        _ => precision,
    };
    if let Some(p) = precision {
        // Fixed and scientific digits (and '#' general ones) are all written out: refused up
        // front when the heap could not hold them.
        vm.check_bytes(p.saturating_add(400))?;
    }
    Ok(match ty {
        None => match precision {
            None => {
                let r = float::repr_f64(a);
                if alternate && !r.contains('.') {
                    r.replacen('e', ".e", 1)
                } else {
                    r
                }
            }
            Some(p) => {
                // Like 'g', but scientific from exponent p - 1 on, and at least one digit
                // after the point in fixed notation (CPython's Py_DTSF_ADD_DOT_0).
                let p = p.max(1);
                let exp = if a == 0.0 { 0 } else { sci_exponent(a, p) };
                let g = if exp >= p as i64 - 1 || exp < -4 {
                    strip_zeros(&sci(a, p - 1, false), alternate)
                } else {
                    general(a, p, alternate, false)
                };
                if g.contains(['.', 'e', 'n', 'i']) {
                    g
                } else {
                    format!("{g}.0")
                }
            }
        },
        Some('f' | 'F') => {
            let p = precision.unwrap_or(6);
            let s = fixed(a, p);
            if alternate && p == 0 {
                format!("{s}.")
            } else {
                s
            }
        }
        Some('e' | 'E') => {
            let p = precision.unwrap_or(6);
            let s = sci(a, p, upper);
            if alternate && p == 0 {
                s.replacen(['e', 'E'], if upper { ".E" } else { ".e" }, 1)
            } else {
                s
            }
        }
        Some('g' | 'G' | 'n') => general(a, precision.unwrap_or(6), alternate, upper),
        Some('%') => {
            let p = precision.unwrap_or(6);
            let s = fixed(a * 100.0, p);
            if alternate && p == 0 {
                format!("{s}.%")
            } else {
                format!("{s}%")
            }
        }
        Some(other) => return Err(unknown_code(vm, other, "float")),
    })
}

/// Splits a float body into its leading integer digits and the rest.
fn split_digits(body: &str) -> (&str, &str) {
    let i = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    (&body[..i], &body[i..])
}

/// Whether a float body rounds to zero (for the `z` option).
fn is_zero_body(body: &str) -> bool {
    let mant = body.split(['e', 'E']).next().unwrap_or(body);
    mant.chars().all(|c| matches!(c, '0' | '.' | '%'))
}

fn format_float_spec(vm: &Vm, x: f64, spec: &Spec) -> PyResult<String> {
    if let Some(ty) = spec.ty {
        if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return Err(unknown_code(vm, ty, "float"));
        }
    }
    check_precision(vm, spec)?;
    check_width(vm, spec)?;
    let body = float_body(vm, x, spec.ty, spec.precision, spec.alternate)?;
    let mut negative = x.is_sign_negative() && !x.is_nan();
    if negative && spec.z && is_zero_body(&body) {
        negative = false;
    }
    let (digits, rest) = split_digits(&body);
    assemble(vm, spec, negative, "", digits, rest, 3)
}

/// `format(complex, spec)`: both parts with the same spec, then padded as a whole.
pub fn format_complex_parts(vm: &Vm, re: f64, im: f64, spec_text: &str) -> PyResult<String> {
    let spec = parse_spec(vm, spec_text, "complex", '>')?;
    if spec.fill == '0' && spec.align == Some('=') && !spec_text.contains("0=") {
        return Err(vm.value_error("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    if let Some(ty) = spec.ty {
        if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return Err(unknown_code(vm, ty, "complex"));
        }
    }
    check_precision(vm, &spec)?;
    check_width(vm, &spec)?;
    let body = if spec.ty.is_none() && spec.precision.is_none() {
        complex::repr_parts(re, im)
    } else {
        // With a precision and no type, each part is formatted as 'g' (no added ".0").
        let ty = spec.ty.or(Some('g'));
        let part = |v: f64, force_sign: bool| -> PyResult<String> {
            let b = float_body(vm, v, ty, spec.precision, spec.alternate)?;
            let neg = v.is_sign_negative() && !v.is_nan() && !(spec.z && is_zero_body(&b));
            let sign = match (neg, spec.sign, force_sign) {
                (true, _, _) => "-",
                (false, Some('+'), _) | (false, _, true) => "+",
                (false, Some(' '), false) => " ",
                _ => "",
            };
            Ok(format!("{sign}{b}"))
        };
        let skip_re = spec.ty.is_none() && re == 0.0 && re.is_sign_positive();
        if skip_re {
            format!("{}j", part(im, false)?)
        } else if spec.ty.is_none() {
            format!("({}{}j)", part(re, false)?, part(im, true)?)
        } else {
            format!("{}{}j", part(re, false)?, part(im, true)?)
        }
    };
    let plain = Spec {
        grouping: None,
        ..spec.clone()
    };
    align(vm, &plain, &body, 0, '>')
}

/// `format(str, spec)`.
pub fn format_text(vm: &Vm, s: &str, spec_text: &str) -> PyResult<String> {
    let spec = parse_spec(vm, spec_text, "str", '<')?;
    if let Some(ty) = spec.ty.filter(|t| *t != 's') {
        return Err(unknown_code(vm, ty, "str"));
    }
    if spec.sign.is_some() {
        return Err(vm.value_error("Sign not allowed in string format specifier"));
    }
    if spec.z {
        return Err(
            vm.value_error("Negative zero coercion (z) not allowed in string format specifier")
        );
    }
    if spec.alternate {
        return Err(vm.value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(vm.value_error("'=' alignment not allowed in string format specifier"));
    }
    check_width(vm, &spec)?;
    let truncated: &str = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((i, _)) => &s[..i],
            None => s,
        },
        None => s,
    };
    align(vm, &spec, truncated, 0, '<')
}

/// `format(value, spec)` for any object (CPython's `PyObject_Format`).
pub fn format_value(vm: &Vm, value: &ObjRef, spec: &str) -> PyResult<ObjRef> {
    let ty = value.ob_type();
    if ty.is_heap_type() {
        // A class's own `__format__` (CPython's `PyObject_Format` calls it for every type; the
        // builtin ones are the branches below).
        if crate::vm::attr::defined_in_heap_class(vm, ty, "__format__")? {
            let spec_obj = pystr::new_str_vm(vm, spec)?;
            let r = crate::vm::attr::call_special(vm, value, "__format__", &[spec_obj])?
                .unwrap_or_else(crate::objects::none::none);
            if !pystr::is_str(&r) {
                return Err(vm.type_error(&format!(
                    "__format__ must return a str, not {}",
                    r.ob_type().name()
                )));
            }
            return Ok(r);
        }
    }
    format_builtin(vm, value, spec)
}

/// The builtin `__format__` of `str`, `int`, `float` and `complex` (and their subclasses): never
/// dispatches to a class's own `__format__`, so `int.__format__` set on a subclass (as
/// `enum.IntEnum` does) formats the value instead of calling itself.
pub fn format_builtin(vm: &Vm, value: &ObjRef, spec: &str) -> PyResult<ObjRef> {
    if spec.is_empty() {
        // An exact str is its own format; anything else (a str subclass included) is `str()`.
        if std::ptr::eq(value.ob_type(), &pystr::STR_TYPE) {
            return Ok(value.clone());
        }
        return ops::str(vm, value);
    }
    if pystr::is_str(value) {
        use crate::objects::str_surrogates::{format_session, session_text};
        return format_session(vm, || format_text(vm, &session_text(vm, value)?, spec));
    }
    let text = if let Some(v) = int::as_bigint(value) {
        format_int(vm, &v, spec)?
    } else if let Some(x) = float::as_f64(value) {
        format_float(vm, x, spec)?
    } else if let Some((re, im)) = complex::as_complex(value) {
        format_complex_parts(vm, re, im, spec)?
    } else {
        return Err(vm.type_error(&format!(
            "unsupported format string passed to {}.__format__",
            value.ob_type().name()
        )));
    };
    pystr::new_str_vm(vm, &text)
}
