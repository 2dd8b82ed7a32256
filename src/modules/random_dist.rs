//! `random.Random`'s real-valued distributions, each drawing from `self.random()` in the order
//! and with the arithmetic of CPython 3.11's `Lib/random.py`.

use super::math::real_arg;
use super::random::{rand_f64, set_gauss_next, take_gauss_next};
use crate::object::ObjRef;
use crate::objects::float;
use crate::vm::argparse::{parse, Sig};
use crate::vm::{PyResult, Vm};
use std::f64::consts::{E, PI, TAU};

/// Parses named float parameters, with defaults for the optional ones.
fn params<const K: usize>(
    vm: &Vm,
    name: &str,
    names: &'static [&'static str],
    defaults: [Option<f64>; K],
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<[f64; K]> {
    let required = defaults.iter().take_while(|d| d.is_none()).count();
    let parsed = parse::<K>(
        vm,
        name,
        Sig::Kw {
            names,
            required,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let mut out = [0.0; K];
    for i in 0..K {
        out[i] = match (&parsed[i], defaults[i]) {
            (Some(v), _) => real_arg(vm, v)?,
            (None, Some(d)) => d,
            (None, None) => return Err(vm.type_error(&format!("{name}() missing an argument"))),
        };
    }
    Ok(out)
}

/// Python's float `%` (the result takes the divisor's sign).
fn py_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0f64.copysign(y)
    }
}

/// `Random.uniform(a, b)`.
pub fn r_uniform(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a, b] = params(vm, "uniform", &["a", "b"], [None, None], args, kw)?;
    float::new_float(vm, a + (b - a) * rand_f64(vm, this)?)
}

/// `Random.triangular(low=0.0, high=1.0, mode=None)`.
pub fn r_triangular(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let parsed = parse::<3>(
        vm,
        "triangular",
        Sig::Kw {
            names: &["low", "high", "mode"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let mut low = match &parsed[0] {
        Some(v) => real_arg(vm, v)?,
        None => 0.0,
    };
    let mut high = match &parsed[1] {
        Some(v) => real_arg(vm, v)?,
        None => 1.0,
    };
    let mode = match parsed[2]
        .as_ref()
        .filter(|m| !crate::objects::none::is_none(m))
    {
        Some(v) => Some(real_arg(vm, v)?),
        None => None,
    };
    let mut u = rand_f64(vm, this)?;
    let mut c = match mode {
        None => 0.5,
        Some(m) => {
            if high == low {
                return float::new_float(vm, low);
            }
            (m - low) / (high - low)
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    float::new_float(vm, low + (high - low) * (u * c).sqrt())
}

fn normal(vm: &Vm, this: &ObjRef, mu: f64, sigma: f64) -> PyResult<f64> {
    let magic = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
    loop {
        let u1 = rand_f64(vm, this)?;
        let u2 = 1.0 - rand_f64(vm, this)?;
        let z = magic * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return Ok(mu + z * sigma);
        }
    }
}

/// `Random.normalvariate(mu=0.0, sigma=1.0)`: Kinderman and Monahan's method.
pub fn r_normalvariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [mu, sigma] = params(
        vm,
        "normalvariate",
        &["mu", "sigma"],
        [Some(0.0), Some(1.0)],
        args,
        kw,
    )?;
    float::new_float(vm, normal(vm, this, mu, sigma)?)
}

/// `Random.lognormvariate(mu, sigma)`.
pub fn r_lognormvariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [mu, sigma] = params(
        vm,
        "lognormvariate",
        &["mu", "sigma"],
        [None, None],
        args,
        kw,
    )?;
    float::new_float(vm, normal(vm, this, mu, sigma)?.exp())
}

/// `Random.gauss(mu=0.0, sigma=1.0)`: Box-Muller, keeping the second value for the next call.
pub fn r_gauss(vm: &Vm, this: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [mu, sigma] = params(
        vm,
        "gauss",
        &["mu", "sigma"],
        [Some(0.0), Some(1.0)],
        args,
        kw,
    )?;
    let z = match take_gauss_next(vm, this)? {
        Some(z) => z,
        None => {
            let x2pi = rand_f64(vm, this)? * TAU;
            let g2rad = (-2.0 * (1.0 - rand_f64(vm, this)?).ln()).sqrt();
            set_gauss_next(vm, this, x2pi.sin() * g2rad)?;
            x2pi.cos() * g2rad
        }
    };
    float::new_float(vm, mu + z * sigma)
}

/// `Random.expovariate(lambd)`.
pub fn r_expovariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [lambd] = params(vm, "expovariate", &["lambd"], [None], args, kw)?;
    let u = rand_f64(vm, this)?;
    if lambd == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    float::new_float(vm, -(1.0 - u).ln() / lambd)
}

/// `Random.vonmisesvariate(mu, kappa)`.
pub fn r_vonmisesvariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [mu, kappa] = params(
        vm,
        "vonmisesvariate",
        &["mu", "kappa"],
        [None, None],
        args,
        kw,
    )?;
    if kappa <= 1e-6 {
        return float::new_float(vm, TAU * rand_f64(vm, this)?);
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = rand_f64(vm, this)?;
        let z = (PI * u1).cos();
        let d = z / (r + z);
        let u2 = rand_f64(vm, this)?;
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = rand_f64(vm, this)?;
    let theta = if u3 > 0.5 {
        py_mod(mu + f.acos(), TAU)
    } else {
        py_mod(mu - f.acos(), TAU)
    };
    float::new_float(vm, theta)
}

fn gamma(vm: &Vm, this: &ObjRef, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        // Cheng's rejection algorithm GB.
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4f64.ln();
        let ccc = alpha + ainv;
        let sg_magic = 1.0 + 4.5f64.ln();
        loop {
            let u1 = rand_f64(vm, this)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - rand_f64(vm, this)?;
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magic - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    }
    if alpha == 1.0 {
        return Ok(-(1.0 - rand_f64(vm, this)?).ln() * beta);
    }
    // Algorithm GS of Kennedy and Gentle, for 0 < alpha < 1.
    loop {
        let u = rand_f64(vm, this)?;
        let b = (E + alpha) / E;
        let p = b * u;
        let x = if p <= 1.0 {
            p.powf(1.0 / alpha)
        } else {
            -((b - p) / alpha).ln()
        };
        let u1 = rand_f64(vm, this)?;
        if p > 1.0 {
            if u1 <= x.powf(alpha - 1.0) {
                return Ok(x * beta);
            }
        } else if u1 <= (-x).exp() {
            return Ok(x * beta);
        }
    }
}

/// `Random.gammavariate(alpha, beta)`.
pub fn r_gammavariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [alpha, beta] = params(
        vm,
        "gammavariate",
        &["alpha", "beta"],
        [None, None],
        args,
        kw,
    )?;
    float::new_float(vm, gamma(vm, this, alpha, beta)?)
}

/// `Random.betavariate(alpha, beta)`.
pub fn r_betavariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [alpha, beta] = params(
        vm,
        "betavariate",
        &["alpha", "beta"],
        [None, None],
        args,
        kw,
    )?;
    let y = gamma(vm, this, alpha, 1.0)?;
    if y != 0.0 {
        let z = gamma(vm, this, beta, 1.0)?;
        return float::new_float(vm, y / (y + z));
    }
    float::new_float(vm, 0.0)
}

/// `Random.paretovariate(alpha)`.
pub fn r_paretovariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [alpha] = params(vm, "paretovariate", &["alpha"], [None], args, kw)?;
    let u = 1.0 - rand_f64(vm, this)?;
    float::new_float(vm, u.powf(-1.0 / alpha))
}

/// `Random.weibullvariate(alpha, beta)`.
pub fn r_weibullvariate(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [alpha, beta] = params(
        vm,
        "weibullvariate",
        &["alpha", "beta"],
        [None, None],
        args,
        kw,
    )?;
    let u = 1.0 - rand_f64(vm, this)?;
    float::new_float(vm, alpha * (-u.ln()).powf(1.0 / beta))
}
