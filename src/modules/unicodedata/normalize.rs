//! Unicode normalization (NFC, NFD, NFKC, NFKD) over the generated tables: full canonical or
//! compatibility decomposition (Hangul syllables algorithmically), canonical ordering by
//! combining class, and canonical composition with the pairs CPython 3.11 recomposes.

use super::tables::{COMPOSITIONS, DECOMPOSITIONS};

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The four normalization forms.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    /// Canonical composition.
    Nfc,
    /// Canonical decomposition.
    Nfd,
    /// Compatibility composition.
    Nfkc,
    /// Compatibility decomposition.
    Nfkd,
}

impl Form {
    /// The form named `name` (`"NFC"`, ...).
    pub fn parse(name: &str) -> Option<Form> {
        Some(match name {
            "NFC" => Form::Nfc,
            "NFD" => Form::Nfd,
            "NFKC" => Form::Nfkc,
            "NFKD" => Form::Nfkd,
            _ => return None,
        })
    }
}

/// The decomposition string of `cp` (`"<compat> 0066 0069"`), if it has one.
pub fn decomposition(cp: u32) -> Option<&'static str> {
    DECOMPOSITIONS
        .binary_search_by_key(&cp, |(c, _)| *c)
        .ok()
        .map(|i| DECOMPOSITIONS[i].1)
}

fn push_decomposed(out: &mut Vec<u32>, cp: u32, compat: bool) {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    match decomposition(cp) {
        Some(d) if compat || !d.starts_with('<') => {
            for part in d.split(' ').filter(|p| !p.starts_with('<')) {
                if let Ok(c) = u32::from_str_radix(part, 16) {
                    push_decomposed(out, c, compat);
                }
            }
        }
        _ => out.push(cp),
    }
}

/// Sorts each run of non-starters by combining class, keeping equal classes in order.
fn canonical_order(v: &mut [u32], ccc: &dyn Fn(u32) -> u8) {
    let mut i = 0;
    while i < v.len() {
        if ccc(v[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < v.len() && ccc(v[i]) != 0 {
            i += 1;
        }
        v[start..i].sort_by_key(|c| ccc(*c));
    }
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    COMPOSITIONS
        .binary_search_by(|(x, y, _)| (*x, *y).cmp(&(a, b)))
        .ok()
        .map(|i| COMPOSITIONS[i].2)
}

fn compose(v: Vec<u32>, ccc: &dyn Fn(u32) -> u8) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(v.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc: i32 = -1;
    for c in v {
        let cc = i32::from(ccc(c));
        if let Some(s) = starter {
            let blocked = last_ccc != -1 && (last_ccc == 0 || last_ccc >= cc);
            if !blocked {
                if let Some(p) = compose_pair(out[s], c) {
                    out[s] = p;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last_ccc = -1;
        } else {
            last_ccc = cc;
        }
        out.push(c);
    }
    out
}

/// `s` in normalization `form`; `ccc` gives each code point's combining class.
pub fn normalize(form: Form, s: &[u32], ccc: &dyn Fn(u32) -> u8) -> Vec<u32> {
    let compat = matches!(form, Form::Nfkc | Form::Nfkd);
    let mut v = Vec::with_capacity(s.len());
    for &c in s {
        push_decomposed(&mut v, c, compat);
    }
    canonical_order(&mut v, ccc);
    match form {
        Form::Nfc | Form::Nfkc => compose(v, ccc),
        _ => v,
    }
}
