//! Specialization statistics (CPython's `--enable-pystats` counters, per family): hits, misses,
//! de-specializations, specialization successes and failures by reason. Off unless
//! `-X specialization_stats` or `ARENAPY_SPECIALIZATION_STATS=1` asks; printed to standard
//! error at exit. Counters are process-wide atomics, so recording costs one relaxed add.

use super::{Family, Form};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);
/// Set by `ARENAPY_NO_SPECIALIZATION=1`: code never quickens (to measure what it brings).
static NO_QUICKENING: AtomicBool = AtomicBool::new(false);

/// What happened at a family instruction.
#[derive(Clone, Copy)]
pub enum Event {
    /// A specialized form's guards held.
    Hit,
    /// A specialized form's guard failed (the generic path ran).
    Miss,
    /// A specialized form went back to the adaptive form.
    Deopt,
    /// An adaptive instruction specialized.
    Success,
}

/// Why an adaptive instruction did not specialize.
#[derive(Clone, Copy)]
pub enum Failure {
    /// The object's type is not one the family handles (a builtin type's instance, ...).
    OtherType,
    /// The type has no version tag (being built, or tags exhausted).
    NoVersion,
    /// `__getattribute__`, `__getattr__` or `__setattr__` defined.
    Hooks,
    /// The class attribute is a descriptor the family does not handle.
    Descriptor,
    /// The name is not where a cache can find it (absent, undecidable position).
    NotFound,
    /// The instance `__dict__` shadows the method.
    Shadowed,
    /// A namespace is not an exact dict, or its keys version is exhausted.
    Namespace,
    /// A call's arguments do not fill the callee's parameters by position alone.
    Arguments,
    /// A value form's operator has no specialized form (`/`, `%`, an ordering of strs, ...).
    Operator,
    /// A `COMPARE_OP` not followed by a conditional jump.
    NoJump,
}

const FAILURES: [(&str, Failure); 10] = [
    ("other type", Failure::OtherType),
    ("no version tag", Failure::NoVersion),
    ("attribute hooks", Failure::Hooks),
    ("descriptor", Failure::Descriptor),
    ("not found", Failure::NotFound),
    ("shadowed by instance", Failure::Shadowed),
    ("namespace", Failure::Namespace),
    ("arguments", Failure::Arguments),
    ("operator", Failure::Operator),
    ("not followed by a conditional jump", Failure::NoJump),
];

const FAMILIES: usize = Family::ALL.len();
const EVENTS: usize = 4;
const FORMS: usize = Form::COUNT;

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: AtomicU64 = AtomicU64::new(0);
static EVENT_COUNTS: [AtomicU64; FAMILIES * EVENTS] = [ZERO; FAMILIES * EVENTS];
static FAILURE_COUNTS: [AtomicU64; FAMILIES * FAILURES.len()] = [ZERO; FAMILIES * FAILURES.len()];
static FORM_HITS: [AtomicU64; FORMS] = [ZERO; FORMS];

/// Turns the counters on (before the program runs).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Turns them on when `ARENAPY_SPECIALIZATION_STATS` is set to something other than `0`.
pub fn enable_from_env() {
    if std::env::var_os("ARENAPY_SPECIALIZATION_STATS").is_some_and(|v| v != "0" && !v.is_empty()) {
        enable();
    }
    if std::env::var_os("ARENAPY_NO_SPECIALIZATION").is_some_and(|v| v != "0" && !v.is_empty()) {
        NO_QUICKENING.store(true, Ordering::Relaxed);
    }
}

/// Whether code objects may quicken (not when `ARENAPY_NO_SPECIALIZATION` is set to
/// something other than `0`, read by [`enable_from_env`]).
#[inline]
pub fn quickening_on() -> bool {
    !NO_QUICKENING.load(Ordering::Relaxed)
}

/// Whether the counters are on.
#[inline]
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Counts `event` for `family` (`form`: the specialized form, for hits).
#[inline]
pub fn record(family: Family, event: Event, form: Form) {
    if !enabled() {
        return;
    }
    EVENT_COUNTS[family as usize * EVENTS + event as usize].fetch_add(1, Ordering::Relaxed);
    if matches!(event, Event::Hit) {
        FORM_HITS[form as usize].fetch_add(1, Ordering::Relaxed);
    }
}

/// Counts a failed specialization.
pub fn failure(family: Family, why: Failure) {
    if enabled() {
        FAILURE_COUNTS[family as usize * FAILURES.len() + why as usize]
            .fetch_add(1, Ordering::Relaxed);
    }
}

/// The counters as text: per family, then hits per specialized form.
pub fn report() -> String {
    use std::fmt::Write;
    let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
    let mut out = String::from("specialization stats:\n");
    for f in Family::ALL {
        let e = |ev: Event| get(&EVENT_COUNTS[f as usize * EVENTS + ev as usize]);
        let (hits, misses) = (e(Event::Hit), e(Event::Miss));
        let rate = if hits + misses > 0 {
            100.0 * hits as f64 / (hits + misses) as f64
        } else {
            0.0
        };
        let failed: u64 = (0..FAILURES.len())
            .map(|i| get(&FAILURE_COUNTS[f as usize * FAILURES.len() + i]))
            .sum();
        let _ = writeln!(
            out,
            "  {}: hits {hits}, misses {misses} ({rate:.1}% hit), deopts {}, specialized {}, failed {failed}",
            f.name(),
            e(Event::Deopt),
            e(Event::Success),
        );
        for (i, (why, _)) in FAILURES.iter().enumerate() {
            let n = get(&FAILURE_COUNTS[f as usize * FAILURES.len() + i]);
            if n > 0 {
                let _ = writeln!(out, "    failure {why}: {n}");
            }
        }
    }
    for form in Form::ALL {
        let n = get(&FORM_HITS[*form as usize]);
        if n > 0 {
            let _ = writeln!(out, "  {}: {n}", form.name());
        }
    }
    out
}
