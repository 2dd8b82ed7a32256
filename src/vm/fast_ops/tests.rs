//! The fast paths against the generic protocol: wherever a fast path answers, it gives the
//! generic path's result; and it answers the cases it is for.

use super::{arith, compare, seq};
use crate::object::{BinaryOp, CompareOp, HeapAlloc, ObjRef};
use crate::objects::testutil::{lit, run, show};
use crate::objects::{float, int, iter, list, tuple};
use crate::vm::{ops, Vm};
use allocator_api2::vec::Vec as HVec;

/// Operands covering the machine-word edges, big ints, special floats, strs with surrogates,
/// bools and containers.
const OPERANDS: &[&str] = &[
    "0",
    "1",
    "-1",
    "7",
    "-7",
    "2",
    "62",
    "63",
    "64",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "9007199254740993",
    "0.0",
    "-0.0",
    "1.5",
    "-2.5",
    "1e308",
    "True",
    "False",
    "'ab'",
    "''",
    "'\\ud800'",
    "[1]",
    "(1, 2)",
    "None",
];

fn operands(vm: &crate::vm::Vm) -> Vec<ObjRef> {
    let mut v: Vec<ObjRef> = OPERANDS.iter().map(|s| lit(vm, s)).collect();
    v.push(float::new_float(vm, f64::NAN).unwrap());
    v.push(float::new_float(vm, f64::INFINITY).unwrap());
    v
}

#[test]
fn binary_fast_paths_agree_with_the_protocol() {
    run(|vm| {
        let vals = operands(vm);
        let mut answered = 0;
        for op in BinaryOp::ALL {
            for a in &vals {
                for b in &vals {
                    let Some(fast) = arith::binary(vm, a, b, op) else {
                        continue;
                    };
                    answered += 1;
                    let generic = ops::binary_op(vm, a, b, op, false);
                    assert_eq!(
                        show(vm, fast),
                        show(vm, generic),
                        "{} {} {}",
                        show(vm, Ok(a.clone())),
                        op.symbol(),
                        show(vm, Ok(b.clone()))
                    );
                }
            }
        }
        assert!(answered > 500, "only {answered} cases answered");
    });
}

#[test]
fn binary_fast_paths_take_their_cases() {
    run(|vm| {
        let i = |s: &str| lit(vm, s);
        let r = |x: Option<crate::vm::PyResult<ObjRef>>| show(vm, x.expect("fast path"));
        assert_eq!(r(arith::add_int(vm, &i("2"), &i("3"))), "5");
        assert_eq!(r(arith::mul_int(vm, &i("-4"), &i("3"))), "-12");
        assert_eq!(r(arith::floordiv_int(vm, &i("-7"), &i("2"))), "-4");
        assert_eq!(r(arith::mod_int(vm, &i("7"), &i("-2"))), "-1");
        assert_eq!(r(arith::truediv_int(vm, &i("1"), &i("4"))), "0.25");
        assert_eq!(
            r(arith::float_op(vm, &i("1.5"), &i("2"), BinaryOp::Add)),
            "3.5"
        );
        assert_eq!(r(arith::add_str(vm, &i("'a'"), &i("'b'"))), "'ab'");
        // Not their cases: overflow, zero divisors, bools, big ints.
        let max = i("9223372036854775807");
        assert!(arith::add_int(vm, &max, &i("1")).is_none());
        assert!(arith::mul_int(vm, &max, &i("2")).is_none());
        assert!(arith::floordiv_int(vm, &i("-9223372036854775808"), &i("-1")).is_none());
        assert!(arith::mod_int(vm, &i("1"), &i("0")).is_none());
        assert!(arith::float_op(vm, &i("1.0"), &i("0.0"), BinaryOp::TrueDivide).is_none());
        assert!(arith::add_int(vm, &i("True"), &i("1")).is_none());
        assert!(arith::lshift_int(vm, &i("1"), &i("63")).is_none());
        assert!(arith::truediv_int(vm, &i("9007199254740993"), &i("1")).is_none());
        // Small results are the shared small ints.
        let a = arith::add_int(vm, &i("200"), &i("56")).unwrap().unwrap();
        assert!(a.is(&int::new_int(vm, 256).unwrap()));
    });
}

#[test]
fn compare_fast_paths_agree_with_the_protocol() {
    run(|vm| {
        let vals = operands(vm);
        let mut answered = 0;
        for op in CompareOp::ALL {
            for a in &vals {
                for b in &vals {
                    let Some(fast) = compare::compare(a, b, op) else {
                        continue;
                    };
                    answered += 1;
                    let generic = ops::richcompare(vm, a, b, op).unwrap();
                    assert_eq!(
                        fast,
                        ops::truthy(vm, &generic).unwrap(),
                        "{} {} {}",
                        show(vm, Ok(a.clone())),
                        op.symbol(),
                        show(vm, Ok(b.clone()))
                    );
                }
            }
        }
        assert!(answered > 1000, "only {answered} cases answered");
        assert_eq!(
            compare::compare(&lit(vm, "1"), &lit(vm, "1"), CompareOp::AlmostEq),
            None
        );
    });
}

#[test]
fn subscripts_agree_with_the_protocol() {
    run(|vm| {
        let containers = [
            lit(vm, "[10, 20, 30]"),
            lit(vm, "(1, 'a')"),
            lit(vm, "{1: 'x'}"),
        ];
        let keys = [
            "0", "1", "2", "3", "-1", "-3", "-4", "True", "'a'", "1.0", "2**64",
        ];
        for c in &containers {
            for k in keys {
                let k = if k == "2**64" {
                    lit(vm, "18446744073709551616")
                } else {
                    lit(vm, k)
                };
                if let Some(fast) = seq::getitem(vm, c, &k) {
                    assert_eq!(show(vm, fast), show(vm, ops::getitem(vm, c, &k)));
                }
            }
        }
        let l = lit(vm, "[1, 2]");
        let old = seq::setitem_list(&l, &lit(vm, "-1"), lit(vm, "9"))
            .ok()
            .unwrap();
        assert_eq!(show(vm, Ok(old)), "2");
        assert!(seq::setitem_list(&l, &lit(vm, "2"), lit(vm, "9")).is_err());
        assert_eq!(show(vm, Ok(l)), "[1, 9]");
        let d = lit(vm, "{}");
        let stored = seq::setitem_dict(vm, &d, lit(vm, "1"), lit(vm, "'a'"));
        assert!(matches!(stored, Ok(Ok(()))));
        assert_eq!(show(vm, Ok(d)), "{1: 'a'}");
        let l = lit(vm, "[1]");
        assert!(seq::setitem_dict(vm, &l, lit(vm, "0"), lit(vm, "2")).is_err());
    });
}

#[test]
fn for_iter_steps_and_unpacking() {
    run(|vm| {
        let l = lit(vm, "[1, 2]");
        let it = ops::iter(vm, &l).unwrap();
        let mut got = Vec::new();
        while let Some(x) = seq::for_iter(vm, &it).expect("a list iterator").unwrap() {
            got.push(show(vm, Ok(x)));
            // Growing the list during the loop: the iterator sees the new item.
            if got.len() == 1 {
                list::append(vm, &l, lit(vm, "3")).unwrap();
            }
        }
        assert_eq!(got, ["1", "2", "3"]);
        assert!(seq::for_iter(vm, &it).unwrap().unwrap().is_none());
        let range = crate::objects::range::new_range(vm, 5, 0, -2).unwrap();
        let r2 = iter::new_range_iter(vm, &range).unwrap();
        let mut vals = Vec::new();
        while let Some(x) = seq::for_iter(vm, &r2).unwrap().unwrap() {
            vals.push(int::as_i64(&x).unwrap());
        }
        assert_eq!(vals, [5, 3, 1]);
        let gen = ops::iter(vm, &lit(vm, "{1: 2}")).unwrap();
        assert!(seq::for_iter(vm, &gen).is_none());

        let t = lit(vm, "(1, 2, 3)");
        let shown = |vm: &Vm, stack: &HVec<Option<ObjRef>, HeapAlloc>| -> Vec<String> {
            stack
                .iter()
                .map(|x| show(vm, Ok(x.clone().unwrap())))
                .collect()
        };
        let mut stack = HVec::new_in(HeapAlloc);
        stack.push(None);
        assert!(seq::unpack_onto(&t, 3, &mut stack));
        assert!(stack[0].is_none(), "pushed above what was there");
        stack.remove(0);
        assert_eq!(shown(vm, &stack), ["3", "2", "1"]);
        stack.clear();
        assert!(!seq::unpack_onto(&t, 2, &mut stack));
        assert!(!seq::unpack_onto(&lit(vm, "'ab'"), 2, &mut stack));
        // A tuple subclass is not exact: the generic path unpacks it.
        assert!(stack.is_empty());
        let l = lit(vm, "[4, 5]");
        assert!(seq::unpack_onto(&l, 2, &mut stack));
        assert_eq!(shown(vm, &stack), ["5", "4"]);
        stack.clear();
        assert!(!seq::unpack_onto(&l, 3, &mut stack));
        assert!(stack.is_empty());
        assert!(tuple::items(&t).is_some());
    });
}

#[test]
fn truth_agrees_with_truthy() {
    run(|vm| {
        for v in operands(vm)
            .into_iter()
            .chain(["[]", "()", "{}", "{1: 2}", "set()"].map(|s| lit(vm, s)))
        {
            if let Some(t) = seq::truth(&v) {
                assert_eq!(
                    t,
                    ops::truthy(vm, &v).unwrap(),
                    "{}",
                    show(vm, Ok(v.clone()))
                );
            }
        }
        assert_eq!(seq::truth(&lit(vm, "9223372036854775808")), None);
    });
}
