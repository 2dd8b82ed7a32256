//! `int.to_bytes(length=1, byteorder='big', *, signed=False)` and the class method
//! `int.from_bytes(bytes, byteorder='big', *, signed=False)` (CPython's `int_to_bytes_impl` and
//! `int_from_bytes_impl`).

use crate::object::ObjRef;
use crate::objects::bytes_methods::{buffer, bytes_from_object};
use crate::objects::int::{self, new_bigint};
use crate::objects::{bytes, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};
use num_bigint::{BigInt, Sign};

/// Whether the byte order argument says big-endian (the default).
fn big_endian(vm: &Vm, func: &str, order: Option<&ObjRef>) -> PyResult<bool> {
    let Some(order) = order else { return Ok(true) };
    let text = pystr::as_str(order).ok_or_else(|| {
        vm.type_error(&format!(
            "{func}() argument 'byteorder' must be str, not {}",
            order.ob_type().name()
        ))
    })?;
    match text {
        "big" => Ok(true),
        "little" => Ok(false),
        _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

/// The big-endian bytes of `v` in exactly `length` bytes, or `None` if it does not fit.
pub fn to_fixed_bytes(v: &BigInt, length: usize, signed: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    fill_fixed_bytes(v, length, signed, &mut out).then_some(out)
}

/// As [`to_fixed_bytes`], appending to `out` (which the caller may have reserved); `false`
/// (and `out` untouched) if `v` does not fit.
fn fill_fixed_bytes(v: &BigInt, length: usize, signed: bool, out: &mut Vec<u8>) -> bool {
    let negative = v.sign() == Sign::Minus;
    let minimal: Vec<u8> = if v.sign() == Sign::NoSign {
        Vec::new()
    } else if signed {
        v.to_signed_bytes_be()
    } else {
        v.to_bytes_be().1
    };
    if minimal.len() > length {
        return false;
    }
    let fill = if negative { 0xff } else { 0 };
    out.extend(std::iter::repeat_n(fill, length - minimal.len()));
    out.extend_from_slice(&minimal);
    true
}

pub(crate) fn int_to_bytes(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["length", "byteorder", "signed"],
        required: 0,
        posonly: 0,
    };
    let [length, order, signed] = parse::<3>(vm, "to_bytes", sig, args, kw)?;
    let length = match &length {
        Some(l) => index_arg(vm, l)?,
        None => 1,
    };
    let big = big_endian(vm, "to_bytes", order.as_ref())?;
    let signed = match &signed {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let v = int::as_bigint(this).unwrap_or_default();
    if !signed && v.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    // The result is allocated before the value is converted, as in CPython.
    crate::objects::bytes_methods::check_result_size(vm, true, length as usize)?;
    let mut out = crate::vm::storage::vec_with_capacity(vm, length as usize)?;
    if !fill_fixed_bytes(&v, length as usize, signed, &mut out) {
        return Err(vm.overflow_error("int too big to convert"));
    }
    if !big {
        out.reverse();
    }
    bytes::new_bytes(vm, &out)
}

/// `int.from_bytes`, bound to the class (`int`, `bool` or a subclass).
pub(crate) fn int_from_bytes(
    vm: &Vm,
    cls: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let sig = Sig::Kw {
        names: &["bytes", "byteorder", "signed"],
        required: 1,
        posonly: 0,
    };
    let [data, order, signed] = parse::<3>(vm, "from_bytes", sig, args, kw)?;
    let data = data.unwrap_or_else(crate::objects::none::none);
    let big = big_endian(vm, "from_bytes", order.as_ref())?;
    let signed = match &signed {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let raw: Vec<u8> = match buffer(&data) {
        Some(b) => b.into_owned(),
        None if pystr::is_str(&data) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"))
        }
        None => bytes_from_object(vm, "bytes", Some(&data), None, None)?,
    };
    let value = if big {
        if signed {
            BigInt::from_signed_bytes_be(&raw)
        } else {
            BigInt::from_bytes_be(Sign::Plus, &raw)
        }
    } else if signed {
        BigInt::from_signed_bytes_le(&raw)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &raw)
    };
    let result = new_bigint(vm, &value)?;
    let cls_obj = if cls.as_type().is_some() {
        cls.clone()
    } else {
        cls.type_object()
    };
    match cls_obj.as_type() {
        Some(t) if !std::ptr::eq(t, &int::INT_TYPE) => ops::call(vm, &cls_obj, &[result], None),
        _ => Ok(result),
    }
}

#[cfg(test)]
mod tests {
    use super::to_fixed_bytes;
    use num_bigint::BigInt;

    #[test]
    fn fixed_width() {
        assert_eq!(
            to_fixed_bytes(&BigInt::from(1024), 2, false),
            Some(vec![4, 0])
        );
        assert_eq!(to_fixed_bytes(&BigInt::from(1024), 1, false), None);
        assert_eq!(
            to_fixed_bytes(&BigInt::from(-1), 2, true),
            Some(vec![0xff, 0xff])
        );
        assert_eq!(to_fixed_bytes(&BigInt::from(128), 1, true), None);
        assert_eq!(
            to_fixed_bytes(&BigInt::from(-128), 1, true),
            Some(vec![0x80])
        );
        assert_eq!(to_fixed_bytes(&BigInt::from(0), 0, false), Some(vec![]));
    }
}
