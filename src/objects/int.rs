//! `int`: arbitrary precision, with a machine-word fast path.
//!
//! Layout: a var-sized object of 32-bit digits with a 32-bit count (CPython keeps its 30-bit
//! digits inline the same way), and no other payload. A value that fits an `i64` is two digits,
//! its two's complement, low half first: header, count and digits make 28 bytes, CPython's
//! `sys.getsizeof(1000)`. A larger value is a sign digit (0: positive, 1: negative) followed by
//! the magnitude's little-endian digits, at least two of them, so it has three digits or more.
//! Arithmetic beyond the fast path goes through `num-bigint`; only the result is stored.

use crate::object::CompareOp;
use crate::object::{
    new_var_object, new_var_object_copy, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload,
    Slots, TypeObject,
};
use crate::objects::boolobj::{self, BOOL_TYPE};
use crate::objects::int_methods;
use crate::objects::none::not_implemented;
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::vm::error::AllocResultExt;
use crate::vm::{PyResult, Vm};
use arenapy_allocators::AllocError;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// Payload of an int: nothing; the value is in the digits (see the module documentation).
pub struct IntObject {
    _digits_follow: (),
}

const INT_PAYLOAD: IntObject = IntObject { _digits_follow: () };

/// The two digits of a machine-word value.
#[inline]
fn word_digits(v: i64) -> [u32; 2] {
    [v as u32, ((v as u64) >> 32) as u32]
}

/// The digits of a value that does not fit an `i64`: sign, then magnitude.
fn big_digits(v: &BigInt) -> Vec<u32> {
    let (sign, magnitude) = v.to_u32_digits();
    let mut digits = Vec::with_capacity(magnitude.len() + 1);
    digits.push(u32::from(sign == Sign::Minus));
    digits.extend(magnitude);
    digits
}

impl PyPayload for IntObject {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(IntObject);

static INT_VTABLE: PayloadVTable = PayloadVTable::of_var::<IntObject, u32>();

/// CPython's default `sys.get_int_max_str_digits()`: str <-> int conversions in bases other
/// than powers of two refuse more digits than this.
pub const MAX_STR_DIGITS: usize = 4300;

/// The smallest nonzero limit `sys.set_int_max_str_digits` accepts.
pub const STR_DIGITS_CHECK_THRESHOLD: usize = 640;

/// The current `sys.get_int_max_str_digits()` (0: no limit).
pub fn max_str_digits(vm: &Vm) -> usize {
    vm.sys.int_max_str_digits.get()
}

/// Whether `digits` decimal digits exceed the current limit.
pub fn exceeds_str_digits(vm: &Vm, digits: usize) -> bool {
    let limit = max_str_digits(vm);
    limit != 0 && digits > limit
}

/// Checks, before any digit is produced, that the text of an int of `bits` significant bits
/// in base `radix` could be built: for decimal, `ValueError` when the digit limit is certainly
/// exceeded (CPython also refuses before converting); `MemoryError` when the heap could not
/// hold the digits.
pub fn check_text_size(vm: &Vm, bits: u64, radix: u32) -> PyResult<()> {
    let bits_per_digit = f64::from(radix.max(2)).log2();
    if radix == 10 && bits > 1 {
        // At least floor((bits - 1) * log10(2)) + 1 digits.
        let fewest = ((bits - 1) as f64 * std::f64::consts::LOG10_2).floor() as usize + 1;
        if exceeds_str_digits(vm, fewest) {
            return Err(to_str_limit_error(vm));
        }
    }
    let most = (bits as f64 / bits_per_digit).ceil() as usize;
    vm.check_bytes(most.saturating_add(4))
}

/// The error for converting an int with too many digits to str (CPython 3.11's message).
pub fn to_str_limit_error(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error(&format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        max_str_digits(vm)
    ))
}

/// CPython's modulus for numeric hashes: the Mersenne prime 2**61 - 1.
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// The value of an int, borrowed or big.
pub enum IntValue {
    /// Fits a machine word.
    Small(i64),
    /// Does not.
    Big(BigInt),
}

impl IntValue {
    /// As a `BigInt`.
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntValue::Small(v) => BigInt::from(*v),
            IntValue::Big(b) => b.clone(),
        }
    }
}

/// Allocates an int without consulting the small-int table (used to build that table).
pub fn alloc_small(v: i64) -> Result<ObjRef, AllocError> {
    new_var_object_copy::<IntObject, u32>(&INT_TYPE, INT_PAYLOAD, &word_digits(v))
}

/// An int object for `v`.
#[inline]
pub fn new_int(vm: &Vm, v: i64) -> PyResult<ObjRef> {
    if let Some(r) = vm.small_int(v) {
        return Ok(r);
    }
    alloc_small(v).or_mem(vm)
}

/// An int object for a big value (stored in a machine word when it fits).
pub fn new_bigint(vm: &Vm, v: &BigInt) -> PyResult<ObjRef> {
    if let Some(small) = v.to_i64() {
        return new_int(vm, small);
    }
    new_var_object::<IntObject, u32>(&INT_TYPE, INT_PAYLOAD, big_digits(v)).or_mem(vm)
}

/// An instance of `ty` (`int` or a subclass of it) holding `v`.
pub fn new_int_of_type(vm: &Vm, ty: &TypeObject, v: &BigInt) -> PyResult<ObjRef> {
    match v.to_i64() {
        Some(small) => new_var_object_copy::<IntObject, u32>(ty, INT_PAYLOAD, &word_digits(small)),
        None => new_var_object::<IntObject, u32>(ty, INT_PAYLOAD, big_digits(v)),
    }
    .or_mem(vm)
}

/// The machine-word value of two digits.
#[inline(always)]
fn word_value(lo: u32, hi: u32) -> i64 {
    (u64::from(lo) | (u64::from(hi) << 32)) as i64
}

/// An int whose digits are neither a machine word nor a big value: a broken invariant.
#[cold]
fn broken_int(len: usize) -> ! {
    panic!("internal error: int object with {len} digits")
}

/// The value of an int or bool.
pub fn value(obj: &ObjRef) -> Option<IntValue> {
    if let Some((_, digits)) = obj.downcast_var::<IntObject, u32>() {
        return Some(match digits {
            &[lo, hi] => IntValue::Small(word_value(lo, hi)),
            [sign, magnitude @ ..] if magnitude.len() >= 2 => {
                let sign = if *sign == 1 { Sign::Minus } else { Sign::Plus };
                IntValue::Big(BigInt::from_slice(sign, magnitude))
            }
            _ => broken_int(digits.len()),
        });
    }
    boolobj::as_bool(obj).map(|b| IntValue::Small(b as i64))
}

/// The value if it is an int or bool that fits an `i64`.
#[inline(always)]
pub fn as_i64(obj: &ObjRef) -> Option<i64> {
    if let Some((_, digits)) = obj.downcast_var::<IntObject, u32>() {
        return match digits {
            &[lo, hi] => Some(word_value(lo, hi)),
            _ => None,
        };
    }
    boolobj::as_bool(obj).map(|b| b as i64)
}

/// The value as a `BigInt`, if `obj` is an int or bool.
pub fn as_bigint(obj: &ObjRef) -> Option<BigInt> {
    value(obj).map(|v| v.to_bigint())
}

/// Whether `obj` is an int (bool included).
pub fn is_int(obj: &ObjRef) -> bool {
    obj.is_instance(&INT_TYPE)
}

/// Converts an int to f64 the way CPython does (OverflowError when too large).
pub fn to_f64(vm: &Vm, v: &IntValue) -> PyResult<f64> {
    match v {
        IntValue::Small(i) => Ok(*i as f64),
        IntValue::Big(b) => {
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_finite() {
                Ok(f)
            } else {
                Err(vm.overflow_error("int too large to convert to float"))
            }
        }
    }
}

/// CPython's hash of an integer: reduce modulo 2**61 - 1, keep the sign, map -1 to -2.
pub fn hash_bigint(v: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let r = (v.abs() % &m).to_i64().unwrap_or(0);
    let h = if v.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Hash of a machine-word int.
pub fn hash_i64(v: i64) -> i64 {
    let r = (v.unsigned_abs() % HASH_MODULUS as u64) as i64;
    let h = if v < 0 { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub(crate) fn int_hash(_vm: &Vm, obj: &ObjRef) -> PyResult<i64> {
    Ok(match value(obj) {
        Some(IntValue::Small(v)) => hash_i64(v),
        Some(IntValue::Big(b)) => hash_bigint(&b),
        None => 0,
    })
}

/// Decimal text of an int.
pub fn to_decimal(obj: &ObjRef) -> String {
    match value(obj) {
        Some(IntValue::Small(v)) => v.to_string(),
        Some(IntValue::Big(b)) => b.to_string(),
        None => String::new(),
    }
}

fn int_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    if let Some(IntValue::Big(b)) = value(obj) {
        check_text_size(vm, b.bits(), 10)?;
    }
    let text = to_decimal(obj);
    if exceeds_str_digits(vm, text.trim_start_matches('-').len()) {
        return Err(to_str_limit_error(vm));
    }
    crate::objects::str::new_str_vm(vm, &text)
}

fn int_bool(_vm: &Vm, obj: &ObjRef) -> PyResult<bool> {
    Ok(match value(obj) {
        Some(IntValue::Small(v)) => v != 0,
        Some(IntValue::Big(_)) => true,
        None => false,
    })
}

/// Both operands as int values, or `None` when either is not an int.
fn operands(a: &ObjRef, b: &ObjRef) -> Option<(IntValue, IntValue)> {
    Some((value(a)?, value(b)?))
}

fn compare_values(x: &IntValue, y: &IntValue) -> std::cmp::Ordering {
    match (x, y) {
        (IntValue::Small(a), IntValue::Small(b)) => a.cmp(b),
        _ => x.to_bigint().cmp(&y.to_bigint()),
    }
}

pub(crate) fn int_richcompare(vm: &Vm, a: &ObjRef, b: &ObjRef, op: CompareOp) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(a, b) else {
        return Ok(not_implemented());
    };
    let ord = compare_values(&x, &y);
    let r = match op {
        CompareOp::Lt => ord.is_lt(),
        CompareOp::Le => ord.is_le(),
        CompareOp::Eq => ord.is_eq(),
        CompareOp::Ne => ord.is_ne(),
        CompareOp::Gt => ord.is_gt(),
        CompareOp::Ge => ord.is_ge(),
        CompareOp::AlmostEq => return Ok(not_implemented()),
    };
    let _ = vm;
    Ok(boolobj::new_bool(r))
}

macro_rules! int_binop {
    ($vis:vis $name:ident, $fast:expr, $slow:expr) => {
        $vis fn $name(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
            let Some((x, y)) = operands(a, b) else {
                return Ok(not_implemented());
            };
            if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
                let fast: fn(i64, i64) -> Option<i64> = $fast;
                if let Some(r) = fast(*x, *y) {
                    return new_int(vm, r);
                }
            }
            let slow: fn(BigInt, BigInt) -> BigInt = $slow;
            new_bigint(vm, &slow(x.to_bigint(), y.to_bigint()))
        }
    };
}

int_binop!(int_add, |x, y| x.checked_add(y), |x, y| x + y);
int_binop!(int_sub, |x, y| x.checked_sub(y), |x, y| x - y);
int_binop!(int_mul, |x, y| x.checked_mul(y), |x, y| x * y);
int_binop!(pub(crate) int_and, |x, y| Some(x & y), |x, y| x & y);
int_binop!(pub(crate) int_or, |x, y| Some(x | y), |x, y| x | y);
int_binop!(pub(crate) int_xor, |x, y| Some(x ^ y), |x, y| x ^ y);

fn divmod_operands(
    vm: &Vm,
    a: &ObjRef,
    b: &ObjRef,
    what: &str,
) -> PyResult<Option<(IntValue, IntValue)>> {
    let Some((x, y)) = operands(a, b) else {
        return Ok(None);
    };
    let zero = match &y {
        IntValue::Small(v) => *v == 0,
        IntValue::Big(b) => b.is_zero(),
    };
    if zero {
        return Err(vm.zero_division(what));
    }
    Ok(Some((x, y)))
}

fn int_floordiv(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = divmod_operands(vm, a, b, "integer division or modulo by zero")? else {
        return Ok(not_implemented());
    };
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let (Some(q), Some(r)) = (x.checked_div(*y), x.checked_rem(*y)) {
            // Round towards negative infinity when the signs differ and there is a remainder.
            let q = if r != 0 && ((r < 0) != (*y < 0)) {
                q - 1
            } else {
                q
            };
            return new_int(vm, q);
        }
    }
    new_bigint(vm, &x.to_bigint().div_floor(&y.to_bigint()))
}

fn int_mod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = divmod_operands(vm, a, b, "integer modulo by zero")? else {
        return Ok(not_implemented());
    };
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let Some(r) = x.checked_rem(*y) {
            let r = if r != 0 && ((r < 0) != (*y < 0)) {
                r + y
            } else {
                r
            };
            return new_int(vm, r);
        }
    }
    new_bigint(vm, &x.to_bigint().mod_floor(&y.to_bigint()))
}

/// `divmod(a, b)`: the floor quotient and the remainder with the divisor's sign.
fn int_divmod(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = divmod_operands(vm, a, b, "integer division or modulo by zero")? else {
        return Ok(not_implemented());
    };
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let (Some(q), Some(r)) = (x.checked_div(*y), x.checked_rem(*y)) {
            let (q, r) = if r != 0 && ((r < 0) != (*y < 0)) {
                (q - 1, r + y)
            } else {
                (q, r)
            };
            return crate::objects::tuple::new_tuple(vm, vec![new_int(vm, q)?, new_int(vm, r)?]);
        }
    }
    let (q, r) = x.to_bigint().div_mod_floor(&y.to_bigint());
    crate::objects::tuple::new_tuple(vm, vec![new_bigint(vm, &q)?, new_bigint(vm, &r)?])
}

fn int_truediv(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = divmod_operands(vm, a, b, "division by zero")? else {
        return Ok(not_implemented());
    };
    let r = match (&x, &y) {
        (IntValue::Small(x), IntValue::Small(y))
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) =>
        {
            *x as f64 / *y as f64
        }
        _ => match crate::objects::int_truediv::true_divide(&x.to_bigint(), &y.to_bigint()) {
            Ok(r) => r,
            Err(_) => {
                return Err(vm.overflow_error("integer division result too large for a float"))
            }
        },
    };
    crate::objects::float::new_float(vm, r)
}

fn int_pow(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(a, b) else {
        return Ok(not_implemented());
    };
    let exp = match &y {
        IntValue::Small(e) => *e,
        IntValue::Big(e) => {
            if e.is_negative() {
                let base = to_f64(vm, &x)?;
                return crate::objects::float::float_pow_values(vm, base, f64::NEG_INFINITY);
            }
            // Only 0, 1 and -1 can be raised to a huge power without exhausting memory.
            return match &x {
                IntValue::Small(0) | IntValue::Small(1) => new_int(
                    vm,
                    match x {
                        IntValue::Small(v) => v,
                        _ => 0,
                    },
                ),
                IntValue::Small(-1) => new_int(vm, if e.is_even() { 1 } else { -1 }),
                _ => Err(vm.memory_error_err()),
            };
        }
    };
    if exp < 0 {
        let base = to_f64(vm, &x)?;
        return crate::objects::float::float_pow_values(vm, base, exp as f64);
    }
    if let IntValue::Small(base) = x {
        if let Ok(e32) = u32::try_from(exp) {
            if let Some(r) = base.checked_pow(e32) {
                return new_int(vm, r);
            }
        }
    }
    let exp = u32::try_from(exp).map_err(|_| vm.memory_error_err())?;
    // The result has at least `exp * log2|x|` bits: refused before it is computed when the
    // heap could not hold it.
    let log2 = match &x {
        IntValue::Small(v) => (v.unsigned_abs() as f64).log2(),
        IntValue::Big(b) => (b.bits() - 1) as f64,
    };
    vm.check_bytes((log2 * f64::from(exp) / 8.0) as usize)?;
    new_bigint(vm, &num_traits::pow::Pow::pow(x.to_bigint(), exp))
}

fn shift_count(vm: &Vm, y: &IntValue) -> PyResult<Option<u64>> {
    match y {
        IntValue::Small(v) if *v < 0 => Err(vm.value_error("negative shift count")),
        IntValue::Small(v) => Ok(Some(*v as u64)),
        IntValue::Big(b) if b.is_negative() => Err(vm.value_error("negative shift count")),
        IntValue::Big(_) => Ok(None),
    }
}

fn int_lshift(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(a, b) else {
        return Ok(not_implemented());
    };
    let Some(n) = shift_count(vm, &y)? else {
        return Err(vm.overflow_error("too many digits in integer"));
    };
    if let IntValue::Small(v) = x {
        if v == 0 {
            return new_int(vm, 0);
        }
        if n < 63 && (v.unsigned_abs().leading_zeros() as u64) > n + 1 {
            return new_int(vm, v << n);
        }
    }
    if n > (1 << 32) {
        return Err(vm.overflow_error("too many digits in integer"));
    }
    let bits = match &x {
        IntValue::Small(v) => 64 - u64::from(v.unsigned_abs().leading_zeros()),
        IntValue::Big(b) => b.bits(),
    };
    vm.check_bytes(((bits + n) / 8) as usize)?;
    new_bigint(vm, &(x.to_bigint() << n as usize))
}

fn int_rshift(vm: &Vm, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
    let Some((x, y)) = operands(a, b) else {
        return Ok(not_implemented());
    };
    let n = shift_count(vm, &y)?.unwrap_or(u64::MAX);
    if let IntValue::Small(v) = x {
        return new_int(
            vm,
            if n >= 64 {
                if v < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v >> n
            },
        );
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let xb = x.to_bigint();
    if n as u64 > xb.bits() {
        return new_int(vm, if xb.is_negative() { -1 } else { 0 });
    }
    // Arithmetic shift: floor division by 2**n.
    new_bigint(vm, &xb.div_floor(&(BigInt::from(1) << n)))
}

fn int_neg(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    match value(a) {
        Some(IntValue::Small(v)) => match v.checked_neg() {
            Some(r) => new_int(vm, r),
            None => new_bigint(vm, &-BigInt::from(v)),
        },
        Some(IntValue::Big(b)) => new_bigint(vm, &-b),
        None => Ok(not_implemented()),
    }
}

fn int_pos(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    match value(a) {
        Some(v) => new_bigint(vm, &v.to_bigint()),
        None => Ok(not_implemented()),
    }
}

fn int_abs(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    match value(a) {
        Some(v) => new_bigint(vm, &v.to_bigint().abs()),
        None => Ok(not_implemented()),
    }
}

fn int_invert(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    match value(a) {
        Some(IntValue::Small(v)) => new_int(vm, !v),
        Some(IntValue::Big(b)) => new_bigint(vm, &(-b - 1)),
        None => Ok(not_implemented()),
    }
}

fn int_float(vm: &Vm, a: &ObjRef) -> PyResult<ObjRef> {
    let v = value(a).ok_or_else(|| vm.type_error("expected int"))?;
    crate::objects::float::new_float(vm, to_f64(vm, &v)?)
}

/// The number protocol of `int` (shared with `bool`).
pub const INT_NUMBER_SLOTS: crate::object::NumberSlots = crate::object::NumberSlots {
    add: Some(int_add),
    subtract: Some(int_sub),
    multiply: Some(int_mul),
    true_divide: Some(int_truediv),
    floor_divide: Some(int_floordiv),
    remainder: Some(int_mod),
    divmod: Some(int_divmod),
    power: Some(int_pow),
    lshift: Some(int_lshift),
    rshift: Some(int_rshift),
    and: Some(int_and),
    or: Some(int_or),
    xor: Some(int_xor),
    negative: Some(int_neg),
    positive: Some(int_pos),
    invert: Some(int_invert),
    absolute: Some(int_abs),
    bool: Some(int_bool),
    int: Some(int_pos),
    float: Some(int_float),
    index: Some(int_pos),
    ..crate::object::NumberSlots::EMPTY
};

/// The data attributes of `int` (shared with `bool`).
static INT_GETSET: [crate::object::GetSetDef; 4] = [
    crate::object::GetSetDef {
        name: "real",
        get: int_methods::int_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "imag",
        get: int_methods::int_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "numerator",
        get: int_methods::int_getattr,
        set: None,
    },
    crate::object::GetSetDef {
        name: "denominator",
        get: int_methods::int_getattr,
        set: None,
    },
];

/// `int`.
pub static INT_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &INT_GETSET,
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "int",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &INT_VTABLE,
    slots: Slots {
        repr: Some(int_repr),
        hash: Some(int_hash),
        richcompare: Some(int_richcompare),
        number: INT_NUMBER_SLOTS,
        getattr: Some(int_methods::int_getattr),
        new: Some(int_methods::int_new),
        native_eq: Some(int_native_eq),
        ..Slots::EMPTY
    },
    methods: &INT_METHODS,
    doc: "int([x]) -> integer\nint(x, base=10) -> integer",
};

/// Two exact ints that fit a machine word are equal when their values are (the dict key fast
/// path); larger ones are left to the general comparison.
fn int_native_eq(a: &ObjRef, b: &ObjRef) -> Option<bool> {
    Some(as_i64(a)? == as_i64(b)?)
}

/// Whether `obj`'s exact type is `bool` (bools are ints too).
pub fn is_exact_bool(obj: &ObjRef) -> bool {
    std::ptr::eq(obj.ob_type(), &BOOL_TYPE)
}

/// `int.__getnewargs__()`: the value as an exact int, for pickling.
fn int_getnewargs(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    crate::vm::argparse::parse::<0>(
        vm,
        "int.__getnewargs__",
        crate::vm::argparse::Sig::NoArgs,
        args,
        kw,
    )?;
    let v = as_bigint(this).ok_or_else(|| vm.type_error("expected an int"))?;
    crate::objects::tuple::new_tuple(vm, vec![new_bigint(vm, &v)?])
}

/// Methods of `int` (shared with `bool`).
static INT_METHODS: [MethodDef; 14] = [
    MethodDef {
        name: "bit_length",
        func: int_methods::int_bit_length,
        flags: 0,
    },
    MethodDef {
        name: "bit_count",
        func: int_methods::int_bit_count,
        flags: 0,
    },
    MethodDef {
        name: "conjugate",
        func: int_methods::int_conjugate,
        flags: 0,
    },
    MethodDef {
        name: "as_integer_ratio",
        func: int_methods::int_as_integer_ratio,
        flags: 0,
    },
    MethodDef {
        name: "__index__",
        func: int_methods::int_index,
        flags: 0,
    },
    MethodDef {
        name: "__round__",
        func: int_methods::int_round,
        flags: 0,
    },
    MethodDef {
        name: "__trunc__",
        func: int_methods::int_trunc,
        flags: 0,
    },
    MethodDef {
        name: "__floor__",
        func: int_methods::int_floor,
        flags: 0,
    },
    MethodDef {
        name: "__ceil__",
        func: int_methods::int_ceil,
        flags: 0,
    },
    MethodDef {
        name: "__int__",
        func: int_methods::int_index,
        flags: 0,
    },
    MethodDef {
        name: "__format__",
        func: int_methods::int_format,
        flags: 0,
    },
    MethodDef {
        name: "to_bytes",
        func: crate::objects::int_bytes::int_to_bytes,
        flags: 0,
    },
    MethodDef {
        name: "from_bytes",
        func: crate::objects::int_bytes::int_from_bytes,
        flags: crate::object::typeobj::methflags::METH_CLASS,
    },
    MethodDef {
        name: "__getnewargs__",
        func: int_getnewargs,
        flags: 0,
    },
];

/// `int(x)` for one argument (CPython's `PyNumber_Long`): an exact int itself; else `__int__`,
/// `__index__`, then the deprecated `__trunc__`; else str, bytes, bytearray or another buffer
/// parsed as base-10 text.
pub fn to_int(vm: &Vm, x: &ObjRef) -> PyResult<ObjRef> {
    let ty = x.ob_type();
    if std::ptr::eq(ty, &INT_TYPE) {
        return Ok(x.clone());
    }
    if let Some(f) = ty
        .slots
        .number
        .int
        .filter(|_| has_special(vm, ty, "__int__"))
    {
        let r = f(vm, x)?;
        return exact_int_result(vm, r, "__int__");
    }
    if ty.slots.number.index.is_some() && has_special(vm, ty, "__index__") {
        if let Some(r) = crate::vm::ops::index(vm, x)? {
            return exact_int_result(vm, r, "__index__");
        }
    }
    if let Some(f) = crate::vm::attr::lookup_special(vm, x, "__trunc__")? {
        crate::modules::sys_hooks::warn(
            vm,
            &crate::objects::exceptions::DEPRECATION_WARNING,
            "The delegation of int() to __trunc__ is deprecated.",
        )?;
        let r = crate::vm::ops::call(vm, &f, &[], None)?;
        if is_int(&r) {
            return copy_exact(vm, r);
        }
        return match crate::vm::ops::index(vm, &r)? {
            Some(i) => exact_int_result(vm, i, "__index__"),
            None => Err(vm.type_error(&format!(
                "__trunc__ returned non-Integral (type {})",
                r.ob_type().name()
            ))),
        };
    }
    if let Some(s) = crate::objects::str::as_text(x) {
        // A lone surrogate is no digit: the lossy text fails alike, and the error shows `x`.
        return int_methods::int_from_text(vm, x, &s.to_lossy(), 10);
    }
    if let Some(b) = crate::objects::bytes_methods::buffer(x) {
        let text: String = b.iter().map(|&c| c as char).collect();
        return int_methods::int_from_text(vm, x, &text, 10);
    }
    Err(vm.type_error(&format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        ty.name()
    )))
}

/// Whether `ty` implements the special method `name`: a static type by its slot (the caller
/// checked it), a heap type by a definition along its MRO.
fn has_special(vm: &Vm, ty: &TypeObject, name: &str) -> bool {
    !ty.is_heap_type() || matches!(crate::vm::attr::type_lookup(vm, ty, name), Ok(Some(_)))
}

/// What `__int__`/`__index__` returned, as an exact int: an int subclass is converted with
/// CPython's DeprecationWarning, anything else is a TypeError.
fn exact_int_result(vm: &Vm, r: ObjRef, method: &str) -> PyResult<ObjRef> {
    if std::ptr::eq(r.ob_type(), &INT_TYPE) {
        return Ok(r);
    }
    if !is_int(&r) {
        return Err(vm.type_error(&format!(
            "{method} returned non-int (type {})",
            r.ob_type().name()
        )));
    }
    crate::modules::sys_hooks::warn(
        vm,
        &crate::objects::exceptions::DEPRECATION_WARNING,
        &format!(
            "{method} returned non-int (type {}).  The ability to return an instance of a \
             strict subclass of int is deprecated, and may be removed in a future version of \
             Python.",
            r.ob_type().name()
        ),
    )?;
    copy_exact(vm, r)
}

/// An exact int with the value of the int (or int subclass instance) `r`.
fn copy_exact(vm: &Vm, r: ObjRef) -> PyResult<ObjRef> {
    if std::ptr::eq(r.ob_type(), &INT_TYPE) {
        return Ok(r);
    }
    new_bigint(vm, &as_bigint(&r).unwrap_or_default())
}
