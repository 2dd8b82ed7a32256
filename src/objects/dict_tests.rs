//! Tests of `dict`, its views and iterators against CPython 3.11 (results from `python3`).

use crate::object::{BinaryOp, CompareOp};
use crate::objects::testutil::{builtin, call, call_builtin, call_obj, lit, run, show};
use crate::objects::{dict, int};
use crate::vm::ops;

#[test]
fn methods_and_errors() {
    run(|vm| {
        let d = lit(vm, "{'a': 1, 'b': 2}");
        let cases: &[(&str, &[&str], &str)] = &[
            ("pop", &["'z'"], "KeyError: 'z'"),
            (
                "pop",
                &[],
                "TypeError: pop expected at least 1 argument, got 0",
            ),
            ("pop", &["'z'", "5"], "5"),
            (
                "setdefault",
                &[],
                "TypeError: setdefault expected at least 1 argument, got 0",
            ),
            (
                "get",
                &[],
                "TypeError: get expected at least 1 argument, got 0",
            ),
            ("get", &["'a'"], "1"),
            ("get", &["'q'", "0"], "0"),
            ("update", &["1"], "TypeError: 'int' object is not iterable"),
            (
                "update",
                &["[1]"],
                "TypeError: cannot convert dictionary update sequence element #0 to a sequence",
            ),
            (
                "update",
                &["[(1, 2, 3)]"],
                "ValueError: dictionary update sequence element #0 has length 3; 2 is required",
            ),
            (
                "update",
                &["{}", "{}"],
                "TypeError: update expected at most 1 argument, got 2",
            ),
            ("keys", &[], "dict_keys(['a', 'b'])"),
            ("values", &[], "dict_values([1, 2])"),
            ("items", &[], "dict_items([('a', 1), ('b', 2)])"),
            ("copy", &[], "{'a': 1, 'b': 2}"),
            (
                "clear",
                &["1"],
                "TypeError: dict.clear() takes no arguments (1 given)",
            ),
            (
                "copy",
                &["1"],
                "TypeError: dict.copy() takes no arguments (1 given)",
            ),
            (
                "keys",
                &["1"],
                "TypeError: dict.keys() takes no arguments (1 given)",
            ),
        ];
        for (m, args, want) in cases {
            let args: Vec<_> = args.iter().map(|a| lit(vm, a)).collect();
            assert_eq!(show(vm, call(vm, &d, m, &args, &[])), *want, "{m}");
        }
        assert_eq!(
            show(vm, call(vm, &lit(vm, "{}"), "popitem", &[], &[])),
            "KeyError: 'popitem(): dictionary is empty'"
        );
        let p = lit(vm, "{1: 2, 3: 4}");
        assert_eq!(show(vm, call(vm, &p, "popitem", &[], &[])), "(3, 4)");
        assert_eq!(
            show(
                vm,
                call(vm, &p, "setdefault", &[lit(vm, "5"), lit(vm, "[]")], &[])
            ),
            "[]"
        );
        assert_eq!(
            show(vm, call(vm, &p, "setdefault", &[lit(vm, "1")], &[])),
            "2"
        );
        assert_eq!(show(vm, Ok(p)), "{1: 2, 5: []}");
        assert_eq!(
            show(vm, ops::getitem(vm, &d, &lit(vm, "'zz'"))),
            "KeyError: 'zz'"
        );

        // dict(...) and fromkeys through the type.
        let dict_type = builtin(vm, "dict");
        let fromkeys = ops::getattr(vm, &dict_type, "fromkeys").unwrap();
        assert_eq!(
            show(vm, call_obj(vm, &fromkeys, &[lit(vm, "[1, 2]")], &[])),
            "{1: None, 2: None}"
        );
        assert_eq!(
            show(
                vm,
                call_obj(vm, &fromkeys, &[lit(vm, "'ab'"), lit(vm, "0")], &[])
            ),
            "{'a': 0, 'b': 0}"
        );
        assert_eq!(
            show(vm, call_obj(vm, &fromkeys, &[], &[])),
            "TypeError: fromkeys expected at least 1 argument, got 0"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "dict", &[lit(vm, "[(1, 2)]")], &[("x", lit(vm, "3"))])
            ),
            "{1: 2, 'x': 3}"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "dict", &[lit(vm, "1")], &[])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "dict", &[lit(vm, "[1]")], &[])),
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "dict", &[lit(vm, "{1: 2}"), lit(vm, "{3: 4}")], &[])
            ),
            "TypeError: dict expected at most 1 argument, got 2"
        );
        // A method reached through the type applies to an instance.
        let keys = ops::getattr(vm, &dict_type, "keys").unwrap();
        assert_eq!(
            show(vm, Ok(keys.clone())),
            "<method 'keys' of 'dict' objects>"
        );
        assert_eq!(
            show(vm, call_obj(vm, &keys, std::slice::from_ref(&d), &[])),
            "dict_keys(['a', 'b'])"
        );
        assert_eq!(
            show(vm, call_obj(vm, &keys, &[lit(vm, "1")], &[])),
            "TypeError: descriptor 'keys' for 'dict' objects doesn't apply to a 'int' object"
        );
    });
}

#[test]
fn views_and_operators() {
    run(|vm| {
        let d = lit(vm, "{'a': 1, 'b': 2}");
        let keys = call(vm, &d, "keys", &[], &[]).unwrap();
        let values = call(vm, &d, "values", &[], &[]).unwrap();
        let items = call(vm, &d, "items", &[], &[]).unwrap();
        let bin = |a: &crate::object::ObjRef, b: &str, op| {
            show(vm, ops::binary_op(vm, a, &lit(vm, b), op, false))
        };
        assert_eq!(bin(&keys, "{'a', 'z'}", BinaryOp::And), "{'a'}");
        assert_eq!(bin(&keys, "{'a'}", BinaryOp::Subtract), "{'b'}");
        assert_eq!(bin(&items, "{('a', 1)}", BinaryOp::And), "{('a', 1)}");
        assert_eq!(
            bin(&values, "{1}", BinaryOp::Or),
            "TypeError: unsupported operand type(s) for |: 'dict_values' and 'set'"
        );
        assert_eq!(
            bin(&items, "1", BinaryOp::Or),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            bin(&keys, "1", BinaryOp::And),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            show(
                vm,
                ops::binary_op(vm, &lit(vm, "{'a'}"), &keys, BinaryOp::And, false)
            ),
            "{'a'}"
        );
        let union = ops::binary_op(vm, &keys, &lit(vm, "['z']"), BinaryOp::Or, false).unwrap();
        assert_eq!(show(vm, call_builtin(vm, "len", &[union], &[])), "3");
        let cmp = |a: &crate::object::ObjRef, b: &str, op| {
            show(vm, ops::richcompare(vm, a, &lit(vm, b), op))
        };
        assert_eq!(cmp(&keys, "{'a', 'b'}", CompareOp::Eq), "True");
        assert_eq!(cmp(&keys, "{'a', 'b', 'c'}", CompareOp::Lt), "True");
        assert_eq!(cmp(&items, "{('a', 1), ('b', 2)}", CompareOp::Eq), "True");
        assert_eq!(
            show(
                vm,
                ops::richcompare(vm, &values, &values.clone(), CompareOp::Eq)
            ),
            "True"
        );
        let values2 = call(vm, &d, "values", &[], &[]).unwrap();
        assert_eq!(
            show(vm, ops::richcompare(vm, &values, &values2, CompareOp::Eq)),
            "False"
        );
        let has = |c: &crate::object::ObjRef, x: &str| {
            show(
                vm,
                ops::contains(vm, c, &lit(vm, x)).map(crate::objects::boolobj::new_bool),
            )
        };
        assert_eq!(has(&items, "('a', 1)"), "True");
        assert_eq!(has(&items, "('a', 2)"), "False");
        assert_eq!(has(&values, "1"), "True");
        assert_eq!(has(&keys, "[1]"), "TypeError: unhashable type: 'list'");
        assert_eq!(
            has(&items, "([1], 2)"),
            "TypeError: unhashable type: 'list'"
        );
        assert_eq!(
            show(vm, call(vm, &keys, "isdisjoint", &[lit(vm, "['z']")], &[])),
            "True"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "len", std::slice::from_ref(&items), &[])
            ),
            "2"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "hash", std::slice::from_ref(&keys), &[])
            ),
            "TypeError: unhashable type: 'dict_keys'"
        );
        // Views are live.
        dict::set_item(vm, &d, lit(vm, "'c'"), lit(vm, "3")).unwrap();
        assert_eq!(show(vm, Ok(keys.clone())), "dict_keys(['a', 'b', 'c'])");
        // Iterators and their types.
        let rev = |x: &crate::object::ObjRef| {
            let it = call(vm, x, "__reversed__", &[], &[]).unwrap();
            let name = it.ob_type().name().to_string();
            (name, show(vm, call_builtin(vm, "list", &[it], &[])))
        };
        assert_eq!(
            rev(&d),
            ("dict_reversekeyiterator".into(), "['c', 'b', 'a']".into())
        );
        assert_eq!(
            rev(&items),
            (
                "dict_reverseitemiterator".into(),
                "[('c', 3), ('b', 2), ('a', 1)]".into()
            )
        );
        assert_eq!(
            rev(&values),
            ("dict_reversevalueiterator".into(), "[3, 2, 1]".into())
        );
        assert_eq!(
            ops::iter(vm, &values).unwrap().ob_type().name(),
            "dict_valueiterator"
        );
        assert_eq!(
            ops::iter(vm, &items).unwrap().ob_type().name(),
            "dict_itemiterator"
        );
        // | and |=
        let e = lit(vm, "{'x': 1}");
        assert_eq!(
            show(
                vm,
                ops::binary_op(vm, &e, &lit(vm, "{'c': 3}"), BinaryOp::Or, false)
            ),
            "{'x': 1, 'c': 3}"
        );
        assert_eq!(
            show(
                vm,
                ops::binary_op(vm, &e, &lit(vm, "[1]"), BinaryOp::Or, false)
            ),
            "TypeError: unsupported operand type(s) for |: 'dict' and 'list'"
        );
        let r = ops::binary_op(vm, &e, &lit(vm, "[('y', 2)]"), BinaryOp::Or, true).unwrap();
        assert!(r.is(&e));
        assert_eq!(show(vm, Ok(e)), "{'x': 1, 'y': 2}");
        assert_eq!(
            show(
                vm,
                ops::richcompare(
                    vm,
                    &lit(vm, "{1: 'a'}"),
                    &lit(vm, "{1: 'a'}"),
                    CompareOp::Lt
                )
            ),
            "TypeError: '<' not supported between instances of 'dict' and 'dict'"
        );
    });
}

#[test]
fn size_changes_during_iteration_raise() {
    run(|vm| {
        let d = lit(vm, "{1: 2, 3: 4}");
        for reversed in [false, true] {
            let it = if reversed {
                call(vm, &d, "__reversed__", &[], &[]).unwrap()
            } else {
                ops::iter(vm, &d).unwrap()
            };
            ops::next(vm, &it).unwrap();
            dict::set_item(
                vm,
                &d,
                int::new_int(vm, 100 + reversed as i64).unwrap(),
                lit(vm, "0"),
            )
            .unwrap();
            let r = ops::next(vm, &it).map(|v| v.unwrap_or_else(crate::objects::none::none));
            assert_eq!(
                show(vm, r),
                "RuntimeError: dictionary changed size during iteration"
            );
        }
        // Deleting an entry and adding another keeps the size: the reversed iterator skips the
        // deleted position.
        let d = lit(vm, "{1: 1, 2: 2, 3: 3}");
        let it = call(vm, &d, "__reversed__", &[], &[]).unwrap();
        dict::del_item(vm, &d, &lit(vm, "2")).unwrap();
        dict::set_item(vm, &d, lit(vm, "4"), lit(vm, "4")).unwrap();
        assert_eq!(show(vm, call_builtin(vm, "list", &[it], &[])), "[3, 1]");
    });
}

/// `next(it)` shown as CPython shows it, `STOP` at the end.
fn step(vm: &crate::vm::Vm, it: &crate::object::ObjRef) -> String {
    match ops::next(vm, it) {
        Ok(Some(v)) => show(vm, Ok(v)),
        Ok(None) => "STOP".to_string(),
        Err(e) => show(vm, Err(e)),
    }
}

#[test]
fn same_size_changes_end_the_iteration() {
    run(|vm| {
        // The loop of issue 11 (`del d[k]; d[k + 100] = 1`): an entry past the ones the
        // iterator may yield raises, and the iterator is exhausted afterwards.
        let d = lit(vm, "{0: 0, 1: 1}");
        let it = ops::iter(vm, &d).unwrap();
        let mut out = Vec::new();
        for k in [0, 1] {
            out.push(step(vm, &it));
            dict::del_item(vm, &d, &int::new_int(vm, k).unwrap()).unwrap();
            dict::set_item(vm, &d, int::new_int(vm, k + 100).unwrap(), lit(vm, "1")).unwrap();
        }
        out.extend((0..2).map(|_| step(vm, &it)));
        assert_eq!(
            out,
            [
                "0",
                "1",
                "RuntimeError: dictionary keys changed during iteration",
                "STOP"
            ]
        );
        // A full table compacts on the next insert: positions move, as in CPython
        // ({0..4}: next -> 0; del 0, add 100 -> [1, 2, 3, 4, 100], position 1 -> 2).
        let d = call_builtin(vm, "dict", &[], &[]).unwrap();
        for k in 0..5 {
            dict::set_item(vm, &d, int::new_int(vm, k).unwrap(), lit(vm, "0")).unwrap();
        }
        let it = ops::iter(vm, &d).unwrap();
        assert_eq!(step(vm, &it), "0");
        dict::del_item(vm, &d, &lit(vm, "0")).unwrap();
        dict::set_item(vm, &d, lit(vm, "100"), lit(vm, "0")).unwrap();
        let rest: Vec<String> = (0..5).map(|_| step(vm, &it)).collect();
        assert_eq!(rest, ["2", "3", "4", "100", "STOP"]);
        // A non-str key turns a str-only table general, compacting it too.
        let d = lit(vm, "{'a': 1, 'b': 2, 'c': 3}");
        let it = ops::iter(vm, &d).unwrap();
        assert_eq!(step(vm, &it), "'a'");
        dict::del_item(vm, &d, &lit(vm, "'a'")).unwrap();
        dict::set_item(vm, &d, lit(vm, "5"), lit(vm, "5")).unwrap();
        let rest: Vec<String> = (0..3).map(|_| step(vm, &it)).collect();
        assert_eq!(rest, ["'c'", "5", "STOP"]);
    });
}

#[test]
fn churn_never_loops_forever() {
    run(|vm| {
        let d = call_builtin(vm, "dict", &[], &[]).unwrap();
        for k in 0..50 {
            dict::set_item(vm, &d, int::new_int(vm, k).unwrap(), lit(vm, "0")).unwrap();
        }
        let it = ops::iter(vm, &d).unwrap();
        let mut n = 0;
        let err = loop {
            match ops::next(vm, &it) {
                Ok(Some(k)) => {
                    n += 1;
                    assert!(n <= 50, "more items than the dict had");
                    let next = int::new_int(vm, int::as_i64(&k).unwrap() + 1000).unwrap();
                    dict::del_item(vm, &d, &k).unwrap();
                    dict::set_item(vm, &d, next, lit(vm, "0")).unwrap();
                }
                Ok(None) => break "STOP".to_string(),
                Err(e) => break show(vm, Err(e)),
            }
        };
        assert_eq!(n, 50);
        assert_eq!(
            err,
            "RuntimeError: dictionary keys changed during iteration"
        );
    });
}

#[test]
fn popitem_reuses_the_last_position_and_hints_follow() {
    run(|vm| {
        let d = lit(vm, "{1: 1, 2: 2, 3: 3}");
        let it = call(vm, &d, "__reversed__", &[], &[]).unwrap();
        assert_eq!(
            show(vm, call(vm, &d, "popitem", &[], &[])),
            "(3, 3)".to_string()
        );
        dict::set_item(vm, &d, lit(vm, "9"), lit(vm, "9")).unwrap();
        // The reversed iterator started at position 2, which now holds 9.
        assert_eq!(step(vm, &it), "9");
        assert_eq!(show(vm, call(vm, &it, "__length_hint__", &[], &[])), "2");
        let d = lit(vm, "{1: 1}");
        let it = ops::iter(vm, &d).unwrap();
        dict::set_item(vm, &d, lit(vm, "2"), lit(vm, "2")).unwrap();
        assert_eq!(show(vm, call(vm, &it, "__length_hint__", &[], &[])), "0");
        assert_eq!(
            step(vm, &it),
            "RuntimeError: dictionary changed size during iteration"
        );
        let popped = call(vm, &d, "popitem", &[], &[]).unwrap();
        assert_eq!(show(vm, Ok(popped)), "(2, 2)");
        // The size is back, but the change was reported and stays reported.
        assert_eq!(
            step(vm, &it),
            "RuntimeError: dictionary changed size during iteration"
        );
        assert_eq!(show(vm, call(vm, &it, "__length_hint__", &[], &[])), "0");
    });
}
