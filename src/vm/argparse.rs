//! Argument parsing for builtin methods and functions, with CPython 3.11's messages.
//!
//! CPython's builtins parse their arguments in several styles, each with its own wording; a
//! [`Sig`] names the style so that the messages match (`qualname` is e.g. `"str.center"`):
//!
//! | style | CPython | too few / too many | keyword given |
//! |---|---|---|---|
//! | [`Sig::NoArgs`] | `METH_NOARGS` | `str.upper() takes no arguments (1 given)` | `str.upper() takes no keyword arguments` |
//! | [`Sig::One`] | `METH_O` | `str.zfill() takes exactly one argument (0 given)` | same as above |
//! | [`Sig::Clinic`] | Argument Clinic, positional only | `center expected at least 1 argument, got 0` | same as above |
//! | [`Sig::VarArgs`] | `METH_VARARGS` | `find() takes at least 1 argument (0 given)` | same as above |
//! | [`Sig::Kw`] | Argument Clinic with keywords | `split() takes at most 2 arguments (3 given)` | `'x' is an invalid keyword argument for split()` |

use super::{PyResult, Vm};
use crate::object::ObjRef;
use crate::objects::{int, none};

/// How a builtin takes its arguments (see the module docs for the messages of each).
#[derive(Clone, Copy)]
pub enum Sig {
    /// No arguments.
    NoArgs,
    /// Exactly one positional argument.
    One,
    /// `min..=max` positional arguments, checked as Argument Clinic does.
    Clinic(usize, usize),
    /// `min..=max` positional arguments, checked as `PyArg_ParseTuple` does.
    VarArgs(usize, usize),
    /// Named parameters, the first `required` of them required; `posonly` of them cannot be
    /// passed by keyword.
    Kw {
        /// Parameter names, in order.
        names: &'static [&'static str],
        /// How many leading parameters are required.
        required: usize,
        /// How many leading parameters are positional-only.
        posonly: usize,
    },
}

fn short(qualname: &str) -> &str {
    qualname.rsplit('.').next().unwrap_or(qualname)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Parses `args` (positional values then keyword values named by `kwnames`) into `N` slots;
/// missing optional arguments are `None`.
pub fn parse<const N: usize>(
    vm: &Vm,
    qualname: &str,
    sig: Sig,
    args: &[ObjRef],
    kwnames: Option<&ObjRef>,
) -> PyResult<[Option<ObjRef>; N]> {
    let (pos, kw) = super::args::split_args(args, kwnames);
    let name = short(qualname);
    let mut out: [Option<ObjRef>; N] = std::array::from_fn(|_| None);
    let n = pos.len();
    let no_kw = || vm.type_error(&format!("{qualname}() takes no keyword arguments"));
    match sig {
        Sig::NoArgs => {
            if !kw.is_empty() {
                return Err(no_kw());
            }
            if n != 0 {
                return Err(vm.type_error(&format!("{qualname}() takes no arguments ({n} given)")));
            }
        }
        Sig::One => {
            if !kw.is_empty() {
                return Err(no_kw());
            }
            if n != 1 {
                return Err(vm.type_error(&format!(
                    "{qualname}() takes exactly one argument ({n} given)"
                )));
            }
        }
        Sig::Clinic(min, max) => {
            if !kw.is_empty() {
                return Err(no_kw());
            }
            let exact = if min == max { "" } else { "at least " };
            if n < min {
                return Err(vm.type_error(&format!(
                    "{name} expected {exact}{min} argument{}, got {n}",
                    plural(min)
                )));
            }
            let exact = if min == max { "" } else { "at most " };
            if n > max {
                return Err(vm.type_error(&format!(
                    "{name} expected {exact}{max} argument{}, got {n}",
                    plural(max)
                )));
            }
        }
        Sig::VarArgs(min, max) => {
            if !kw.is_empty() {
                return Err(no_kw());
            }
            if n < min {
                return Err(vm.type_error(&format!(
                    "{name}() takes at least {min} argument{} ({n} given)",
                    plural(min)
                )));
            }
            if n > max {
                return Err(vm.type_error(&format!(
                    "{name}() takes at most {max} argument{} ({n} given)",
                    plural(max)
                )));
            }
        }
        Sig::Kw {
            names,
            required,
            posonly,
        } => {
            if n + kw.len() > names.len() {
                return Err(vm.type_error(&format!(
                    "{name}() takes at most {} argument{} ({} given)",
                    names.len(),
                    plural(names.len()),
                    n + kw.len()
                )));
            }
            let mut unknown = None;
            for (k, value) in kw {
                let slot = names.iter().position(|p| *p == k).filter(|i| *i >= posonly);
                let Some(i) = slot else {
                    unknown = unknown.or(Some(k));
                    continue;
                };
                if i < n {
                    return Err(vm.type_error(&format!(
                        "argument for {name}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                if i < N {
                    out[i] = Some(value.clone());
                }
            }
            for (i, slot) in out.iter().enumerate().take(required) {
                if i >= n && slot.is_none() {
                    return Err(vm.type_error(&format!(
                        "{name}() missing required argument '{}' (pos {})",
                        names[i],
                        i + 1
                    )));
                }
            }
            if let Some(k) = unknown {
                return Err(vm.type_error(&format!(
                    "'{k}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    Ok(out)
}

/// An argument as a machine integer through `__index__` (CPython's `PyNumber_AsSsize_t`):
/// `TypeError` for non-integers, `OverflowError` beyond the machine range.
pub fn index_arg(vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    let converted = if int::is_int(obj) {
        None
    } else {
        super::ops::index(vm, obj)?
    };
    let obj = converted.as_ref().unwrap_or(obj);
    match int::value(obj) {
        Some(int::IntValue::Small(v)) => Ok(v),
        Some(int::IntValue::Big(_)) => {
            Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        None => Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        ))),
    }
}

/// A slice bound argument (`start`/`end` of `str.find`, ...): `None` or an integer, clamped to
/// the machine range as CPython's `_PyEval_SliceIndex` does.
pub fn slice_bound(vm: &Vm, obj: Option<&ObjRef>) -> PyResult<Option<i64>> {
    let Some(obj) = obj.filter(|o| !none::is_none(o)) else {
        return Ok(None);
    };
    match int::value(obj) {
        Some(int::IntValue::Small(v)) => Ok(Some(v)),
        Some(int::IntValue::Big(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        None => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}
