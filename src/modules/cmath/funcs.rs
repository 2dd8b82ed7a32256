//! The complex functions of `cmath` on `(re, im)` pairs, following the formulas CPython's
//! `cmathmodule.c` uses for finite arguments (scaling near overflow and underflow, `log1p` near
//! the unit circle), so finite results agree with CPython. Each returns the value and the error
//! C's `errno` would carry.

/// A complex number as (real, imaginary).
pub type C = (f64, f64);

/// What went wrong, as `errno` would say.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fault {
    /// No error.
    None,
    /// `EDOM`: "math domain error".
    Domain,
    /// `ERANGE`: "math range error".
    Range,
}

const LARGE_DOUBLE: f64 = f64::MAX / 4.0;
const SQRT_LARGE_DOUBLE: f64 = 6.703_903_964_971_299e153; // sqrt(DBL_MAX / 4)
const LOG_LARGE_DOUBLE: f64 = 708.396_418_532_264_1; // log(DBL_MAX) - log(2)
const SQRT_DBL_MIN: f64 = 1.491_668_146_240_041_3e-154;
const LN2: f64 = std::f64::consts::LN_2;
const MANT_DIG: i32 = 53;

fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

fn ok(v: C) -> (C, Fault) {
    (v, Fault::None)
}

fn finite(z: C) -> bool {
    z.0.is_finite() && z.1.is_finite()
}

/// The principal square root.
pub fn sqrt(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if y.is_infinite() {
            return ok((f64::INFINITY, y));
        }
        if x.is_infinite() {
            let zero = if y.is_nan() {
                f64::NAN
            } else {
                0f64.copysign(y)
            };
            return if x > 0.0 {
                ok((x, zero))
            } else {
                ok((zero.abs(), f64::INFINITY.copysign(y)))
            };
        }
        return ok((f64::NAN, f64::NAN));
    }
    if x == 0.0 && y == 0.0 {
        return ok((0.0, y));
    }
    let (mut ax, ay) = (x.abs(), y.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, MANT_DIG);
        ldexp(
            (ax + ax.hypot(ldexp(ay, MANT_DIG))).sqrt(),
            -(MANT_DIG + 1) / 2,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if x >= 0.0 {
        ok((s, d.copysign(y)))
    } else {
        ok((d, s.copysign(y)))
    }
}

/// The exponential.
pub fn exp(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x.is_infinite() && x < 0.0 {
            if y.is_finite() {
                return ok((0.0 * y.cos(), 0.0 * y.sin()));
            }
            return ok((0.0, 0.0));
        }
        if x.is_infinite() {
            if y == 0.0 {
                return ok((x, y));
            }
            if y.is_finite() {
                return ok((f64::INFINITY * y.cos(), f64::INFINITY * y.sin()));
            }
            let fault = if y.is_infinite() {
                Fault::Domain
            } else {
                Fault::None
            };
            return ((f64::INFINITY, f64::NAN), fault);
        }
        if x.is_nan() {
            return ok((f64::NAN, if y == 0.0 { y } else { f64::NAN }));
        }
        let fault = if y.is_infinite() {
            Fault::Domain
        } else {
            Fault::None
        };
        return ((f64::NAN, f64::NAN), fault);
    }
    let (re, im) = if x > LOG_LARGE_DOUBLE {
        let l = (x - 1.0).exp();
        (
            l * y.cos() * std::f64::consts::E,
            l * y.sin() * std::f64::consts::E,
        )
    } else {
        let l = x.exp();
        (l * y.cos(), l * y.sin())
    };
    let im = if y == 0.0 { y } else { im };
    let fault = if re.is_infinite() || im.is_infinite() {
        Fault::Range
    } else {
        Fault::None
    };
    ((re, im), fault)
}

/// The natural logarithm.
pub fn log(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x.is_nan() || y.is_nan() {
            let re = if x.is_infinite() || y.is_infinite() {
                f64::INFINITY
            } else {
                f64::NAN
            };
            return ok((re, f64::NAN));
        }
        return ok((f64::INFINITY, y.atan2(x)));
    }
    let (ax, ay) = (x.abs(), y.abs());
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG)).ln() - f64::from(MANT_DIG) * LN2
        } else {
            return ((f64::NEG_INFINITY, y.atan2(x)), Fault::Domain);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    ok((re, y.atan2(x)))
}

/// The inverse hyperbolic sine.
pub fn asinh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x.is_nan() && y == 0.0 {
            return ok((f64::NAN, y));
        }
        if x.is_nan() || y.is_nan() {
            return ok((
                if x.is_infinite() || y.is_infinite() {
                    f64::INFINITY.copysign(x)
                } else {
                    f64::NAN
                },
                f64::NAN,
            ));
        }
        return ok((f64::INFINITY.copysign(x), y.atan2(x.abs())));
    }
    if x.abs() > LARGE_DOUBLE || y.abs() > LARGE_DOUBLE {
        let l = (x / 2.0).hypot(y / 2.0).ln() + LN2 * 2.0;
        let re = if y >= 0.0 {
            l.copysign(x)
        } else {
            -l.copysign(-x)
        };
        return ok((re, y.atan2(x.abs())));
    }
    let (s1, _) = sqrt((1.0 + y, -x));
    let (s2, _) = sqrt((1.0 - y, x));
    ok((
        libm::asinh(s1.0 * s2.1 - s2.0 * s1.1),
        y.atan2(s1.0 * s2.0 - s1.1 * s2.1),
    ))
}

/// The inverse sine: `-i * asinh(i * z)`.
pub fn asin(z: C) -> (C, Fault) {
    let (s, f) = asinh((-z.1, z.0));
    ((s.1, -s.0), f)
}

/// The inverse cosine.
pub fn acos(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x == 0.0 && y.is_nan() {
            return ok((std::f64::consts::FRAC_PI_2, f64::NAN));
        }
        if x.is_nan() || y.is_nan() {
            let im = if x.is_infinite() || y.is_infinite() {
                -f64::INFINITY.copysign(y)
            } else {
                f64::NAN
            };
            return ok((f64::NAN, im));
        }
        return ok((y.abs().atan2(x), -f64::INFINITY.copysign(y)));
    }
    if x.abs() > LARGE_DOUBLE || y.abs() > LARGE_DOUBLE {
        let l = (x / 2.0).hypot(y / 2.0).ln() + LN2 * 2.0;
        let im = if x < 0.0 {
            -l.copysign(y)
        } else {
            l.copysign(-y)
        };
        return ok((y.abs().atan2(x), im));
    }
    let (s1, _) = sqrt((1.0 - x, -y));
    let (s2, _) = sqrt((1.0 + x, y));
    ok((
        2.0 * s1.0.atan2(s2.0),
        libm::asinh(s2.0 * s1.1 - s2.1 * s1.0),
    ))
}

/// The inverse hyperbolic cosine.
pub fn acosh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x.is_nan() || y.is_nan() {
            let re = if x.is_infinite() || y.is_infinite() {
                f64::INFINITY
            } else {
                f64::NAN
            };
            return ok((re, f64::NAN));
        }
        return ok((f64::INFINITY, y.atan2(x)));
    }
    if x.abs() > LARGE_DOUBLE || y.abs() > LARGE_DOUBLE {
        return ok(((x / 2.0).hypot(y / 2.0).ln() + LN2 * 2.0, y.atan2(x)));
    }
    let (s1, _) = sqrt((x - 1.0, y));
    let (s2, _) = sqrt((x + 1.0, y));
    ok((
        libm::asinh(s1.0 * s2.0 + s1.1 * s2.1),
        2.0 * s1.1.atan2(s2.0),
    ))
}

/// The inverse hyperbolic tangent.
pub fn atanh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if x == 0.0 && y.is_nan() {
        return ok((x, f64::NAN));
    }
    if x < 0.0 || (x == 0.0 && x.is_sign_negative()) {
        let (r, f) = atanh((-x, -y));
        return ((-r.0, -r.1), f);
    }
    if !finite(z) {
        if x.is_nan() || y.is_nan() {
            let re = if x.is_infinite() || y.is_infinite() {
                0.0
            } else {
                f64::NAN
            };
            let im = if y.is_infinite() {
                (std::f64::consts::FRAC_PI_2).copysign(y)
            } else {
                f64::NAN
            };
            return ok((re, im));
        }
        return ok((0.0, (std::f64::consts::FRAC_PI_2).copysign(y)));
    }
    let ay = y.abs();
    if x > SQRT_LARGE_DOUBLE || ay > SQRT_LARGE_DOUBLE {
        let h = (x / 2.0).hypot(y / 2.0);
        return ok((x / 4.0 / h / h, -(std::f64::consts::FRAC_PI_2).copysign(-y)));
    }
    if x == 1.0 && ay < SQRT_DBL_MIN {
        if ay == 0.0 {
            return ((f64::INFINITY, y), Fault::Domain);
        }
        let re = -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln();
        return ok((re, (2f64.atan2(-ay) / 2.0).copysign(y)));
    }
    let re = (4.0 * x / ((1.0 - x) * (1.0 - x) + ay * ay)).ln_1p() / 4.0;
    let im = -(-2.0 * y).atan2((1.0 - x) * (1.0 + x) - ay * ay) / 2.0;
    ok((re, im))
}

/// The inverse tangent: `-i * atanh(i * z)`.
pub fn atan(z: C) -> (C, Fault) {
    let (s, f) = atanh((-z.1, z.0));
    ((s.1, -s.0), f)
}

fn overflow_check(r: C, z: C) -> (C, Fault) {
    if finite(z) && (r.0.is_infinite() || r.1.is_infinite()) {
        (r, Fault::Range)
    } else {
        (r, Fault::None)
    }
}

/// `cosh` of a non-finite argument (C99 Annex G, with CPython's invalid cases).
fn cosh_special(x: f64, y: f64) -> (C, Fault) {
    let invalid = y.is_infinite() && !x.is_nan();
    let fault = if invalid { Fault::Domain } else { Fault::None };
    if x.is_infinite() {
        if y == 0.0 {
            let im = if x.is_sign_negative() == y.is_sign_negative() {
                0.0
            } else {
                -0.0
            };
            return ok((f64::INFINITY, im));
        }
        if y.is_finite() {
            return ok((
                f64::INFINITY.copysign(y.cos()),
                f64::INFINITY.copysign(y.sin()) * x.signum(),
            ));
        }
        return ((f64::INFINITY, f64::NAN), fault);
    }
    if x == 0.0 {
        return ((f64::NAN, 0.0), fault);
    }
    if x.is_nan() && y == 0.0 {
        return ok((f64::NAN, 0.0));
    }
    ((f64::NAN, f64::NAN), fault)
}

/// `sinh` of a non-finite argument (C99 Annex G, with CPython's invalid cases).
fn sinh_special(x: f64, y: f64) -> (C, Fault) {
    let invalid = y.is_infinite() && !x.is_nan();
    let fault = if invalid { Fault::Domain } else { Fault::None };
    if x.is_infinite() {
        if y == 0.0 {
            return ok((x, y));
        }
        if y.is_finite() {
            return ok((
                f64::INFINITY.copysign(y.cos()) * x.signum(),
                f64::INFINITY.copysign(y.sin()),
            ));
        }
        return ((f64::INFINITY, f64::NAN), fault);
    }
    if x == 0.0 {
        return ((x, f64::NAN), fault);
    }
    if x.is_nan() && y == 0.0 {
        return ok((f64::NAN, y));
    }
    ((f64::NAN, f64::NAN), fault)
}

/// The hyperbolic cosine.
pub fn cosh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        return cosh_special(x, y);
    }
    if x.is_finite() && y.is_finite() && x.abs() > LOG_LARGE_DOUBLE {
        let xm = x - 1f64.copysign(x);
        let r = (
            y.cos() * xm.cosh() * std::f64::consts::E,
            y.sin() * xm.sinh() * std::f64::consts::E,
        );
        return overflow_check(r, z);
    }
    let im = if y == 0.0 && x.is_finite() {
        y * x.signum()
    } else {
        y.sin() * x.sinh()
    };
    overflow_check((y.cos() * x.cosh(), im), z)
}

/// The hyperbolic sine.
pub fn sinh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        return sinh_special(x, y);
    }
    if x.is_finite() && y.is_finite() && x.abs() > LOG_LARGE_DOUBLE {
        let xm = x - 1f64.copysign(x);
        let r = (
            y.cos() * xm.sinh() * std::f64::consts::E,
            y.sin() * xm.cosh() * std::f64::consts::E,
        );
        return overflow_check(r, z);
    }
    let re = if y == 0.0 {
        x.sinh()
    } else {
        y.cos() * x.sinh()
    };
    let im = if y == 0.0 { y } else { y.sin() * x.cosh() };
    overflow_check((re, im), z)
}

/// The hyperbolic tangent.
pub fn tanh(z: C) -> (C, Fault) {
    let (x, y) = z;
    if !finite(z) {
        if x.is_infinite() {
            if y.is_finite() {
                return ok((1f64.copysign(x), 0f64.copysign(2.0 * y.sin() * y.cos())));
            }
            return ok((1f64.copysign(x), 0.0));
        }
        if x.is_nan() && y == 0.0 {
            return ok((f64::NAN, y));
        }
        let fault = if y.is_infinite() && x.is_finite() {
            Fault::Domain
        } else {
            Fault::None
        };
        return ((f64::NAN, f64::NAN), fault);
    }
    if x.abs() > LOG_LARGE_DOUBLE {
        return ok((
            1f64.copysign(x),
            4.0 * y.sin() * y.cos() * (-2.0 * x.abs()).exp(),
        ));
    }
    let tx = x.tanh();
    let ty = y.tan();
    let cx = 1.0 / x.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    ok((tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx))
}

/// The cosine: `cosh(i * z)`.
pub fn cos(z: C) -> (C, Fault) {
    cosh((-z.1, z.0))
}

/// The sine: `-i * sinh(i * z)`.
pub fn sin(z: C) -> (C, Fault) {
    let (s, f) = sinh((-z.1, z.0));
    ((s.1, -s.0), f)
}

/// The tangent: `-i * tanh(i * z)`.
pub fn tan(z: C) -> (C, Fault) {
    let (s, f) = tanh((-z.1, z.0));
    ((s.1, -s.0), f)
}

/// `rect(r, phi)`.
pub fn rect(r: f64, phi: f64) -> (C, Fault) {
    if r.is_finite() && phi.is_finite() {
        if phi == 0.0 {
            return ok((r, r * phi));
        }
        return ok((r * phi.cos(), r * phi.sin()));
    }
    if r.is_infinite() && phi.is_finite() && phi != 0.0 {
        return ok((r * phi.cos(), r * phi.sin()));
    }
    if r.is_infinite() && phi == 0.0 {
        return ok((r, phi * r.signum()));
    }
    if r == 0.0 {
        return ok((0.0, 0.0));
    }
    if r.is_infinite() && phi.is_infinite() {
        return ((f64::INFINITY, f64::NAN), Fault::Domain);
    }
    if r.is_infinite() {
        return ok((f64::INFINITY, f64::NAN));
    }
    if r.is_nan() && phi == 0.0 {
        return ok((f64::NAN, phi));
    }
    let fault = if r.is_finite() && phi.is_infinite() {
        Fault::Domain
    } else {
        Fault::None
    };
    ((f64::NAN, f64::NAN), fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert_eq!(sqrt((-1.0, 0.0)).0, (0.0, 1.0));
        assert_eq!(log((0.0, 0.0)).1, Fault::Domain);
        assert_eq!(atanh((1.0, 0.0)).1, Fault::Domain);
        assert_eq!(exp((1000.0, 0.0)).1, Fault::Range);
        let (r, _) = exp((0.0, std::f64::consts::PI));
        assert!((r.0 + 1.0).abs() < 1e-15);
    }
}
