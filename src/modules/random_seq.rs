//! `random.Random`'s integer and sequence methods (`randrange`, `randint`, `choice`,
//! `choices`, `shuffle`, `sample`), as CPython 3.11's `Lib/random.py` computes them, so that
//! the same seed picks the same items.

use super::math::{index_arg, real_arg};
use super::random::{rand_f64, randbelow, randbelow_usize};
use crate::object::ObjRef;
use crate::object::{BinaryOp, CompareOp};
use crate::objects::{int, list, none};
use crate::vm::argparse::{parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive};

/// A `randrange` argument: an integer through `__index__`, or an integral value of another
/// type (CPython 3.11 still accepts `randrange(10.0)`).
fn range_arg(vm: &Vm, obj: &ObjRef, what: &str) -> PyResult<BigInt> {
    match index_arg(vm, obj) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(&crate::objects::exceptions::TYPE_ERROR) => {
            let i = int::to_int(vm, obj)?;
            if !ops::eq(vm, &i, obj)? {
                return Err(vm.value_error(&format!("non-integer {what} for randrange()")));
            }
            index_arg(vm, &i)
        }
        Err(e) => Err(e),
    }
}

fn randrange(
    vm: &Vm,
    this: &ObjRef,
    start: &ObjRef,
    stop: Option<&ObjRef>,
    step: Option<&ObjRef>,
) -> PyResult<BigInt> {
    let istart = range_arg(vm, start, "arg 1")?;
    let Some(stop) = stop.filter(|s| !none::is_none(s)) else {
        if let Some(step) = step {
            if int::as_i64(step) != Some(1) {
                return Err(vm.type_error("Missing a non-None stop argument"));
            }
        }
        if istart.is_positive() {
            return randbelow(vm, this, &istart);
        }
        return Err(vm.value_error("empty range for randrange()"));
    };
    let istop = range_arg(vm, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => range_arg(vm, s, "step")?,
        None => BigInt::one(),
    };
    if istep.is_one() {
        if width.is_positive() {
            return Ok(&istart + randbelow(vm, this, &width)?);
        }
        return Err(vm.value_error(&format!(
            "empty range for randrange() ({istart}, {istop}, {width})"
        )));
    }
    let n = if istep.is_positive() {
        (&width + &istep - 1u32).div_floor(&istep)
    } else if istep.is_negative() {
        (&width + &istep + 1u32).div_floor(&istep)
    } else {
        return Err(vm.value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(vm.value_error("empty range for randrange()"));
    }
    Ok(istart + istep * randbelow(vm, this, &n)?)
}

/// `Random.randrange(start, stop=None, step=1)`.
pub fn r_randrange(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [start, stop, step] = parse::<3>(
        vm,
        "randrange",
        Sig::Kw {
            names: &["start", "stop", "step"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let start = start.ok_or_else(|| vm.type_error("missing start"))?;
    let r = randrange(vm, this, &start, stop.as_ref(), step.as_ref())?;
    int::new_bigint(vm, &r)
}

/// `Random.randint(a, b)`: `randrange(a, b + 1)`.
pub fn r_randint(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, b] = parse::<2>(
        vm,
        "randint",
        Sig::Kw {
            names: &["a", "b"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(a), Some(b)) = (a, b) else {
        return Err(vm.type_error("randint() missing an argument"));
    };
    let one = int::new_int(vm, 1)?;
    let stop = ops::binary_op(vm, &b, &one, BinaryOp::Add, false)?;
    let r = randrange(vm, this, &a, Some(&stop), None)?;
    int::new_bigint(vm, &r)
}

fn seq_len(vm: &Vm, seq: &ObjRef) -> PyResult<usize> {
    match seq.ob_type().slots.len {
        Some(f) => f(vm, seq),
        None => {
            let f = ops::getattr(vm, seq, "__len__")?;
            let n = ops::call(vm, &f, &[], None)?;
            crate::vm::argparse::index_arg(vm, &n).map(|n| n.max(0) as usize)
        }
    }
}

fn item(vm: &Vm, seq: &ObjRef, i: usize) -> PyResult<ObjRef> {
    ops::getitem(vm, seq, &int::new_int(vm, i as i64)?)
}

/// `Random.choice(seq)`.
pub fn r_choice(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [seq] = parse::<1>(
        vm,
        "choice",
        Sig::Kw {
            names: &["seq"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let seq = seq.ok_or_else(|| vm.type_error("missing seq"))?;
    let n = seq_len(vm, &seq)?;
    if n == 0 {
        return Err(vm.index_error("Cannot choose from an empty sequence"));
    }
    let i = randbelow_usize(vm, this, n)?;
    item(vm, &seq, i)
}

/// `Random.shuffle(x)`: Fisher-Yates from the end.
pub fn r_shuffle(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [x] = parse::<1>(
        vm,
        "shuffle",
        Sig::Kw {
            names: &["x"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let x = x.ok_or_else(|| vm.type_error("missing x"))?;
    let n = seq_len(vm, &x)?;
    for i in (1..n).rev() {
        let j = randbelow_usize(vm, this, i + 1)?;
        let (a, b) = (item(vm, &x, i)?, item(vm, &x, j)?);
        ops::setitem(vm, &x, &int::new_int(vm, i as i64)?, Some(&b))?;
        ops::setitem(vm, &x, &int::new_int(vm, j as i64)?, Some(&a))?;
    }
    Ok(none::none())
}

/// Whether `obj` is a sequence as `collections.abc.Sequence` sees builtins.
fn is_sequence(obj: &ObjRef) -> bool {
    let ty = obj.ob_type();
    let name = crate::objects::classobj::static_base(ty).name();
    !matches!(name, "dict" | "set" | "frozenset") && ty.slots.getitem.is_some()
}

/// `bisect.bisect_right(a, x, lo, hi)` over doubles.
fn bisect_right(a: &[f64], x: f64, mut lo: usize, mut hi: usize) -> usize {
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// `itertools.accumulate` with `+`.
fn accumulate(vm: &Vm, it: &ObjRef) -> PyResult<Vec<ObjRef>> {
    let mut out: Vec<ObjRef> = Vec::new();
    let iter = ops::iter(vm, it)?;
    while let Some(x) = ops::next(vm, &iter)? {
        let v = match out.last() {
            Some(prev) => ops::binary_op(vm, prev, &x, BinaryOp::Add, false)?,
            None => x,
        };
        crate::vm::storage::push(vm, &mut out, v)?;
    }
    Ok(out)
}

/// `Random.sample(population, k, *, counts=None)`: a partial shuffle of a copy for small
/// populations, rejection sampling into a set of indexes for large ones (CPython's set-size
/// heuristic picks).
pub fn r_sample(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [population, k, counts] = parse::<3>(
        vm,
        "sample",
        Sig::Kw {
            names: &["population", "k", "counts"],
            required: 2,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let (Some(population), Some(k)) = (population, k) else {
        return Err(vm.type_error("sample() missing an argument"));
    };
    if !is_sequence(&population) {
        return Err(
            vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = seq_len(vm, &population)?;
    if let Some(counts) = counts.filter(|c| !none::is_none(c)) {
        let mut cum = accumulate(vm, &counts)?;
        if cum.len() != n {
            return Err(vm.value_error("The number of counts does not match the population"));
        }
        let Some(total) = cum.pop() else {
            return Err(vm.value_error("Total of counts must be greater than zero"));
        };
        let Some(total) = int::as_i64(&total).filter(|_| int::is_int(&total)) else {
            return Err(vm.type_error("Counts must be integers"));
        };
        if total <= 0 {
            return Err(vm.value_error("Total of counts must be greater than zero"));
        }
        let range = ops::call(
            vm,
            &ObjRef::from_type(&crate::objects::range::RANGE_TYPE),
            &[int::new_int(vm, total)?],
            None,
        )?;
        let picks = r_sample(vm, this, &[range, k], None)?;
        let cum: Vec<f64> = cum
            .iter()
            .map(|c| real_arg(vm, c))
            .collect::<PyResult<_>>()?;
        let mut out = Vec::new();
        for s in ops::collect_iterable(vm, &picks)? {
            let s = real_arg(vm, &s)?;
            out.push(item(vm, &population, bisect_right(&cum, s, 0, cum.len()))?);
        }
        return list::new_list(vm, out);
    }
    let k = index_arg(vm, &k)?;
    let Some(k) = k.to_usize().filter(|k| *k <= n) else {
        return Err(vm.value_error("Sample larger than population or is negative"));
    };
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.saturating_pow(e.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = ops::collect_iterable(vm, &population)?;
        for i in 0..k {
            let j = randbelow_usize(vm, this, n - i)?;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = randbelow_usize(vm, this, n)?;
            while selected.contains(&j) {
                j = randbelow_usize(vm, this, n)?;
            }
            selected.insert(j);
            result.push(item(vm, &population, j)?);
        }
    }
    list::new_list(vm, result)
}

/// `Random.choices(population, weights=None, *, cum_weights=None, k=1)`.
pub fn r_choices(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [population, weights, cum_weights, k] = parse::<4>(
        vm,
        "choices",
        Sig::Kw {
            names: &["population", "weights", "cum_weights", "k"],
            required: 1,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let population = population.ok_or_else(|| vm.type_error("missing population"))?;
    let n = seq_len(vm, &population)?;
    let k = match k {
        Some(k) => crate::vm::argparse::index_arg(vm, &k)?.max(0) as usize,
        None => 1,
    };
    let weights = weights.filter(|w| !none::is_none(w));
    let cum = match (cum_weights.filter(|c| !none::is_none(c)), weights) {
        (None, None) => {
            let nf = n as f64;
            let mut out = crate::vm::storage::vec_with_capacity(vm, k)?;
            for _ in 0..k {
                let i = (rand_f64(vm, this)? * nf).floor() as usize;
                out.push(item(vm, &population, i)?);
            }
            return list::new_list(vm, out);
        }
        (None, Some(w)) => {
            if int::is_int(&w) {
                return Err(vm.type_error(&format!(
                    "The number of choices must be a keyword argument: k={}",
                    ops::repr_string(vm, &w)?
                )));
            }
            accumulate(vm, &w)?
        }
        (Some(c), None) => ops::collect_iterable(vm, &c)?,
        (Some(_), Some(_)) => {
            return Err(vm.type_error("Cannot specify both weights and cumulative weights"))
        }
    };
    if cum.len() != n {
        return Err(vm.value_error("The number of weights does not match the population"));
    }
    let zero = crate::objects::float::new_float(vm, 0.0)?;
    let total = match cum.last() {
        Some(t) => ops::binary_op(vm, t, &zero, BinaryOp::Add, false)?,
        None => return Err(vm.index_error("list index out of range")),
    };
    if ops::truthy(vm, &ops::richcompare(vm, &total, &zero, CompareOp::Le)?)? {
        return Err(vm.value_error("Total of weights must be greater than zero"));
    }
    let total = real_arg(vm, &total)?;
    if !total.is_finite() {
        return Err(vm.value_error("Total of weights must be finite"));
    }
    let cumf: Vec<f64> = cum
        .iter()
        .map(|c| real_arg(vm, c))
        .collect::<PyResult<_>>()?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, k)?;
    for _ in 0..k {
        let x = rand_f64(vm, this)? * total;
        let i = bisect_right(&cumf, x, 0, n - 1);
        out.push(item(vm, &population, i)?);
    }
    list::new_list(vm, out)
}
