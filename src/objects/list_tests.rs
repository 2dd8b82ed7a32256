//! Tests of `list`, `tuple` and slicing against CPython 3.11's results (pasted from `python3`).

use crate::object::BinaryOp;
use crate::objects::none::none;
use crate::objects::testutil::{call, call_builtin, lit, run, show};
use crate::vm::ops;

#[test]
fn list_methods_and_errors() {
    run(|vm| {
        let a = lit(vm, "[1, 2, 3]");
        let cases: &[(&str, &[&str], &str)] = &[
            ("index", &["5"], "ValueError: 5 is not in list"),
            ("index", &["2", "2"], "ValueError: 2 is not in list"),
            (
                "index",
                &[],
                "TypeError: index expected at least 1 argument, got 0",
            ),
            (
                "index",
                &["1", "2", "3", "4"],
                "TypeError: index expected at most 3 arguments, got 4",
            ),
            ("index", &["3", "-1"], "2"),
            ("index", &["1", "-10", "10"], "0"),
            (
                "index",
                &["2", "'x'"],
                "TypeError: slice indices must be integers or have an __index__ method",
            ),
            (
                "remove",
                &["9"],
                "ValueError: list.remove(x): x not in list",
            ),
            (
                "insert",
                &["1"],
                "TypeError: insert expected 2 arguments, got 1",
            ),
            (
                "insert",
                &["'a'", "1"],
                "TypeError: 'str' object cannot be interpreted as an integer",
            ),
            ("pop", &["10"], "IndexError: pop index out of range"),
            (
                "pop",
                &["'x'"],
                "TypeError: 'str' object cannot be interpreted as an integer",
            ),
            (
                "count",
                &[],
                "TypeError: list.count() takes exactly one argument (0 given)",
            ),
            ("count", &["2"], "1"),
            (
                "sort",
                &["1"],
                "TypeError: sort() takes no positional arguments",
            ),
            (
                "append",
                &[],
                "TypeError: list.append() takes exactly one argument (0 given)",
            ),
            (
                "copy",
                &["1"],
                "TypeError: list.copy() takes no arguments (1 given)",
            ),
            (
                "clear",
                &["1"],
                "TypeError: list.clear() takes no arguments (1 given)",
            ),
            (
                "reverse",
                &["1"],
                "TypeError: list.reverse() takes no arguments (1 given)",
            ),
            ("extend", &["1"], "TypeError: 'int' object is not iterable"),
        ];
        for (m, args, want) in cases {
            let args: Vec<_> = args.iter().map(|s| lit(vm, s)).collect();
            assert_eq!(show(vm, call(vm, &a, m, &args, &[])), *want, "{m}{args:?}");
        }
        assert_eq!(
            show(vm, call(vm, &lit(vm, "[]"), "pop", &[], &[])),
            "IndexError: pop from empty list"
        );
        assert_eq!(
            show(vm, call(vm, &a, "sort", &[], &[("foo", lit(vm, "1"))])),
            "TypeError: 'foo' is an invalid keyword argument for sort()"
        );

        let l = lit(vm, "[1, 2, 3]");
        call(vm, &l, "insert", &[lit(vm, "-100"), lit(vm, "0")], &[]).unwrap();
        call(vm, &l, "insert", &[lit(vm, "100"), lit(vm, "9")], &[]).unwrap();
        call(vm, &l, "insert", &[lit(vm, "-1"), lit(vm, "8")], &[]).unwrap();
        assert_eq!(show(vm, Ok(l.clone())), "[0, 1, 2, 3, 8, 9]");
        assert_eq!(show(vm, call(vm, &l, "pop", &[lit(vm, "1")], &[])), "1");
        assert_eq!(show(vm, call(vm, &l, "pop", &[], &[])), "9");
        call(vm, &l, "remove", &[lit(vm, "3")], &[]).unwrap();
        call(vm, &l, "reverse", &[], &[]).unwrap();
        assert_eq!(show(vm, Ok(l.clone())), "[8, 2, 0]");
        let c = call(vm, &l, "copy", &[], &[]).unwrap();
        call(vm, &l, "clear", &[], &[]).unwrap();
        assert_eq!(show(vm, Ok(l)), "[]");
        assert_eq!(show(vm, Ok(c.clone())), "[8, 2, 0]");
        call(vm, &c, "extend", &[lit(vm, "(5, 6)")], &[]).unwrap();
        call(vm, &c, "extend", std::slice::from_ref(&c), &[]).unwrap();
        assert_eq!(show(vm, Ok(c)), "[8, 2, 0, 5, 6, 8, 2, 0, 5, 6]");
    });
}

#[test]
fn list_operators() {
    run(|vm| {
        let bin = |a: &str, b: &str, op, inplace| {
            show(
                vm,
                ops::binary_op(vm, &lit(vm, a), &lit(vm, b), op, inplace),
            )
        };
        assert_eq!(
            bin("[1]", "'a'", BinaryOp::Multiply, false),
            "TypeError: can't multiply sequence by non-int of type 'str'"
        );
        assert_eq!(
            bin(
                "[1]",
                "1267650600228229401496703205376",
                BinaryOp::Multiply,
                false
            ),
            "OverflowError: cannot fit 'int' into an index-sized integer"
        );
        assert_eq!(bin("[1, 2]", "-1", BinaryOp::Multiply, false), "[]");
        assert_eq!(
            bin("2", "[1, 2]", BinaryOp::Multiply, false),
            "[1, 2, 1, 2]"
        );
        assert_eq!(
            bin("[1, 2, 3]", "(1,)", BinaryOp::Add, false),
            "TypeError: can only concatenate list (not \"tuple\") to list"
        );
        assert_eq!(
            bin("(1, 2)", "[3]", BinaryOp::Add, false),
            "TypeError: can only concatenate tuple (not \"list\") to tuple"
        );
        assert_eq!(
            bin("2.0", "'a'", BinaryOp::Multiply, false),
            "TypeError: can't multiply sequence by non-int of type 'float'"
        );
        assert_eq!(
            bin("[1]", "[2]", BinaryOp::Multiply, false),
            "TypeError: can't multiply sequence by non-int of type 'list'"
        );
        assert_eq!(
            bin("(1,)", "[2]", BinaryOp::Add, true),
            "TypeError: can only concatenate tuple (not \"list\") to tuple"
        );
        assert_eq!(
            bin("[1]", "'a'", BinaryOp::Multiply, true),
            "TypeError: can't multiply sequence by non-int of type 'str'"
        );
        assert_eq!(bin("(1, 2)", "-1", BinaryOp::Multiply, false), "()");
        assert_eq!(bin("3", "(1,)", BinaryOp::Multiply, false), "(1, 1, 1)");

        // In place: the same object comes back.
        let b = lit(vm, "[1]");
        let r = ops::binary_op(vm, &b, &lit(vm, "(2, 3)"), BinaryOp::Add, true).unwrap();
        assert!(r.is(&b));
        let r = ops::binary_op(vm, &b, &lit(vm, "2"), BinaryOp::Multiply, true).unwrap();
        assert!(r.is(&b));
        assert_eq!(show(vm, Ok(b.clone())), "[1, 2, 3, 1, 2, 3]");
        ops::binary_op(vm, &b, &lit(vm, "-1"), BinaryOp::Multiply, true).unwrap();
        assert_eq!(show(vm, Ok(b)), "[]");

        let cmp =
            |a: &str, b: &str, op| show(vm, ops::richcompare(vm, &lit(vm, a), &lit(vm, b), op));
        use crate::object::CompareOp::*;
        assert_eq!(cmp("[1, 2]", "[1, 2, 3]", Lt), "True");
        assert_eq!(cmp("[1, [2]]", "[1, [2]]", Eq), "True");
        assert_eq!(cmp("[]", "[]", Le), "True");
        assert_eq!(
            cmp("[1]", "['a']", Lt),
            "TypeError: '<' not supported between instances of 'int' and 'str'"
        );
        assert_eq!(cmp("[1]", "['a', 2]", Eq), "False");
        assert_eq!(cmp("(1, 2)", "(1, 3)", Lt), "True");
        assert_eq!(cmp("(1, 2)", "(1, 2)", Ge), "True");
    });
}

#[test]
fn tuple_methods() {
    run(|vm| {
        let t = lit(vm, "(1, 2, 1)");
        assert_eq!(show(vm, call(vm, &t, "count", &[lit(vm, "1")], &[])), "2");
        assert_eq!(show(vm, call(vm, &t, "index", &[lit(vm, "2")], &[])), "1");
        assert_eq!(
            show(
                vm,
                call(vm, &t, "index", &[lit(vm, "1"), lit(vm, "1")], &[])
            ),
            "2"
        );
        assert_eq!(
            show(vm, call(vm, &t, "index", &[lit(vm, "5")], &[])),
            "ValueError: tuple.index(x): x not in tuple"
        );
        assert_eq!(
            show(vm, call(vm, &t, "count", &[], &[])),
            "TypeError: tuple.count() takes exactly one argument (0 given)"
        );
        assert_eq!(
            show(vm, call(vm, &t, "index", &[], &[])),
            "TypeError: index expected at least 1 argument, got 0"
        );
    });
}

#[test]
fn slices_select_like_cpython() {
    run(|vm| {
        let s = |e: &str| {
            show(
                vm,
                ops::getitem(
                    vm,
                    &lit(vm, e.split('|').next().unwrap()),
                    &lit(vm, e.split('|').nth(1).unwrap()),
                ),
            )
        };
        assert_eq!(s("[0, 1, 2, 3, 4, 5]|slice(1, 4)"), "[1, 2, 3]");
        assert_eq!(s("[0, 1, 2, 3, 4, 5]|slice(None, None, -2)"), "[5, 3, 1]");
        assert_eq!(s("[0, 1, 2, 3, 4, 5]|slice(-2, None)"), "[4, 5]");
        assert_eq!(s("[0, 1, 2, 3, 4, 5]|slice(10, 1, -3)"), "[5, 2]");
        assert_eq!(s("(0, 1, 2, 3)|slice(None, None, -1)"), "(3, 2, 1, 0)");
        assert_eq!(s("'hello'|slice(1, None, 2)"), "'el'");
        assert_eq!(s("range(10)|slice(None, None, -1)"), "range(9, -1, -1)");
        assert_eq!(s("range(10)|slice(2, 8, 3)"), "range(2, 8, 3)");
        assert_eq!(s("range(0, 20, 2)|slice(1, -1, 2)"), "range(2, 18, 4)");
        assert_eq!(
            s("[1, 2, 3]|slice('a', None)"),
            "TypeError: slice indices must be integers or None or have an __index__ method"
        );
        assert_eq!(
            s("[1, 2, 3]|slice(1, 2, 0)"),
            "ValueError: slice step cannot be zero"
        );
        assert_eq!(
            s("[1, 2, 3]|'a'"),
            "TypeError: list indices must be integers or slices, not str"
        );
        assert_eq!(s("[1, 2, 3]|10"), "IndexError: list index out of range");

        let sl = lit(vm, "slice(1, 2)");
        assert_eq!(show(vm, Ok(sl.clone())), "slice(1, 2, None)");
        assert_eq!(show(vm, ops::getattr(vm, &sl, "start")), "1");
        assert_eq!(show(vm, ops::getattr(vm, &sl, "step")), "None");
        assert_eq!(
            show(
                vm,
                call(
                    vm,
                    &lit(vm, "slice(None, None, -1)"),
                    "indices",
                    &[lit(vm, "5")],
                    &[]
                )
            ),
            "(4, -1, -1)"
        );
        assert_eq!(
            show(
                vm,
                call(
                    vm,
                    &lit(vm, "slice(1, 2, 3)"),
                    "indices",
                    &[lit(vm, "10")],
                    &[]
                )
            ),
            "(1, 2, 3)"
        );
        assert_eq!(
            show(
                vm,
                call(vm, &lit(vm, "slice(1)"), "indices", &[lit(vm, "-1")], &[])
            ),
            "ValueError: length should not be negative"
        );
        assert_eq!(
            show(
                vm,
                call(
                    vm,
                    &lit(vm, "slice(None, None, 1000000000000000000000000000000)"),
                    "indices",
                    &[lit(vm, "5")],
                    &[]
                )
            ),
            "(0, 5, 1000000000000000000000000000000)"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "hash", std::slice::from_ref(&sl), &[])),
            "TypeError: unhashable type: 'slice'"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "slice", &[], &[])),
            "TypeError: slice expected at least 1 argument, got 0"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "slice", &[none(), none(), none(), none()], &[])
            ),
            "TypeError: slice expected at most 3 arguments, got 4"
        );
        use crate::object::CompareOp::*;
        assert_eq!(
            show(vm, ops::richcompare(vm, &sl, &lit(vm, "slice(1, 2)"), Eq)),
            "True"
        );
        assert_eq!(
            show(vm, ops::richcompare(vm, &sl, &lit(vm, "slice(1, 3)"), Lt)),
            "True"
        );
        assert_eq!(
            show(vm, ops::richcompare(vm, &sl, &lit(vm, "(1, 2)"), Eq)),
            "False"
        );
        assert_eq!(
            show(vm, ops::richcompare(vm, &sl, &lit(vm, "3"), Lt)),
            "TypeError: '<' not supported between instances of 'slice' and 'int'"
        );
    });
}

#[test]
fn slice_assignment_and_deletion() {
    run(|vm| {
        let assign = |target: &str, key: &str, value: Option<&str>| {
            let l = lit(vm, target);
            let r = ops::setitem(vm, &l, &lit(vm, key), value.map(|v| lit(vm, v)).as_ref());
            match r {
                Ok(()) => show(vm, Ok(l)),
                Err(e) => show(vm, Err(e)),
            }
        };
        let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        assert_eq!(
            assign(ten, "slice(2, 5)", Some("['a']")),
            "[0, 1, 'a', 5, 6, 7, 8, 9]"
        );
        assert_eq!(
            assign(ten, "slice(None, None, 3)", Some("['a', 'b', 'c', 'd']")),
            "['a', 1, 2, 'b', 4, 5, 'c', 7, 8, 'd']"
        );
        assert_eq!(assign(ten, "slice(None, None, 2)", None), "[1, 3, 5, 7, 9]");
        assert_eq!(
            assign(ten, "slice(None, None, -3)", None),
            "[1, 2, 4, 5, 7, 8]"
        );
        assert_eq!(
            assign(ten, "slice(5, 2)", Some("[7, 7]")),
            "[0, 1, 2, 3, 4, 7, 7, 5, 6, 7, 8, 9]"
        );
        assert_eq!(
            assign(ten, "slice(8, 2, -2)", Some("[7, 7, 7]")),
            "[0, 1, 2, 3, 7, 5, 7, 7, 7, 9]"
        );
        assert_eq!(assign(ten, "slice(1, -1)", None), "[0, 9]");
        assert_eq!(
            assign("[1, 2, 3]", "slice(0, 3, 2)", Some("[1]")),
            "ValueError: attempt to assign sequence of size 1 to extended slice of size 2"
        );
        assert_eq!(
            assign("[1, 2, 3]", "slice(0, 3, 2)", Some("5")),
            "TypeError: must assign iterable to extended slice"
        );
        assert_eq!(
            assign("[1, 2, 3]", "slice(0, 3)", Some("5")),
            "TypeError: can only assign an iterable"
        );
        assert_eq!(
            assign("[1, 2, 3]", "slice(0, 3, 0)", Some("[1]")),
            "ValueError: slice step cannot be zero"
        );
        assert_eq!(
            assign("[1, 2]", "5", Some("1")),
            "IndexError: list assignment index out of range"
        );
        assert_eq!(
            assign("[1, 2]", "5", None),
            "IndexError: list assignment index out of range"
        );
        assert_eq!(assign("[1, 2]", "-1", None), "[1]");
        // a[:] = a and a[1:1] = a copy first.
        let x = lit(vm, "[1, 2, 3]");
        ops::setitem(vm, &x, &lit(vm, "slice(1, 1)"), Some(&x.clone())).unwrap();
        assert_eq!(show(vm, Ok(x)), "[1, 1, 2, 3, 2, 3]");
    });
}

#[test]
fn sort_and_sorted() {
    run(|vm| {
        let l = lit(vm, "[3, 1, 2]");
        call(vm, &l, "sort", &[], &[("reverse", lit(vm, "True"))]).unwrap();
        assert_eq!(show(vm, Ok(l.clone())), "[3, 2, 1]");
        call(vm, &l, "sort", &[], &[]).unwrap();
        assert_eq!(show(vm, Ok(l)), "[1, 2, 3]");
        // Stability with reverse: equal keys keep their order.
        let pairs = lit(vm, "[(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')]");
        call(
            vm,
            &pairs,
            "sort",
            &[],
            &[("key", lit(vm, "len")), ("reverse", lit(vm, "True"))],
        )
        .unwrap();
        assert_eq!(
            show(vm, Ok(pairs)),
            "[(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd')]"
        );
        let mixed = lit(vm, "[3, 'a', 1]");
        assert_eq!(
            show(vm, call(vm, &mixed, "sort", &[], &[])),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(show(vm, call_builtin(vm, "len", &[mixed], &[])), "3");
        assert_eq!(
            show(
                vm,
                call(
                    vm,
                    &lit(vm, "[1, 2]"),
                    "sort",
                    &[],
                    &[("key", lit(vm, "1"))]
                )
            ),
            "TypeError: 'int' object is not callable"
        );
        assert_eq!(
            show(
                vm,
                call(
                    vm,
                    &lit(vm, "[1, 2]"),
                    "sort",
                    &[],
                    &[("reverse", lit(vm, "'x'"))]
                )
            ),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        // The list appears empty during the sort; what a key function adds is discarded.
        let l = lit(vm, "[1]");
        let append = ops::getattr(vm, &l, "append").unwrap();
        assert_eq!(
            show(vm, call(vm, &l, "sort", &[], &[("key", append)])),
            "ValueError: list modified during sort"
        );
        assert_eq!(show(vm, Ok(l)), "[1]");
        // A big shuffled list sorts.
        let items: Vec<_> = (0..3000)
            .map(|i| crate::objects::int::new_int(vm, (i * 7919) % 3001).unwrap())
            .collect();
        let big = crate::objects::list::new_list(vm, items).unwrap();
        call(vm, &big, "sort", &[], &[]).unwrap();
        let v = crate::objects::list::storage(&big).unwrap().snapshot();
        assert!(v
            .windows(2)
            .all(|w| crate::objects::int::as_i64(&w[0]) < crate::objects::int::as_i64(&w[1])));
    });
}

#[test]
fn list_constructor_and_reversed() {
    run(|vm| {
        assert_eq!(
            show(vm, call_builtin(vm, "list", &[lit(vm, "1")], &[])),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            show(
                vm,
                call_builtin(vm, "list", &[lit(vm, "[1]"), lit(vm, "[2]")], &[])
            ),
            "TypeError: list expected at most 1 argument, got 2"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "list", &[], &[("x", lit(vm, "1"))])),
            "TypeError: list() takes no keyword arguments"
        );
        assert_eq!(
            show(vm, call_builtin(vm, "list", &[lit(vm, "'abc'")], &[])),
            "['a', 'b', 'c']"
        );
        let r = call(vm, &lit(vm, "[1, 2, 3]"), "__reversed__", &[], &[]).unwrap();
        assert_eq!(r.ob_type().name(), "list_reverseiterator");
        assert_eq!(show(vm, call_builtin(vm, "list", &[r], &[])), "[3, 2, 1]");
    });
}

#[test]
fn in_place_slice_storage() {
    use crate::object::ObjVec;
    run(|vm| {
        let ints = |v: &ObjVec| -> Vec<i64> {
            (0..v.len())
                .map(|i| crate::objects::int::as_i64(&v.get(i).unwrap()).unwrap())
                .collect()
        };
        let items: Vec<_> = (0..6).map(|i| lit(vm, &i.to_string())).collect();
        let v = ObjVec::from_vec(items).unwrap();
        assert_eq!(ints(&v.slice(0, 1, 6).unwrap()), [0, 1, 2, 3, 4, 5]);
        assert_eq!(ints(&v.slice(5, -2, 3).unwrap()), [5, 3, 1]);
        assert_eq!(ints(&v.slice(4, 1, 9).unwrap()), [4, 5], "stops at the end");
        assert!(v.slice(usize::MAX, 1, 0).unwrap().is_empty());

        // Same length: swapped in place; longer and shorter: moved.
        let removed = v.splice(1, 3, vec![lit(vm, "7"), lit(vm, "8")]).unwrap();
        assert_eq!(removed.len(), 2);
        assert_eq!(ints(&v), [0, 7, 8, 3, 4, 5]);
        let removed = v.splice(0, 1, vec![lit(vm, "9"), lit(vm, "9")]).unwrap();
        assert_eq!(removed.len(), 1);
        assert_eq!(ints(&v), [9, 9, 7, 8, 3, 4, 5]);
        let removed = v.splice(2, 100, Vec::new()).unwrap();
        assert_eq!(removed.len(), 5);
        assert_eq!(ints(&v), [9, 9]);

        // From another vector, and from itself.
        let src = ObjVec::from_vec(vec![lit(vm, "1"), lit(vm, "2"), lit(vm, "3")]).unwrap();
        assert_eq!(v.splice_from(1, 1, &src).unwrap().len(), 0);
        assert_eq!(ints(&v), [9, 1, 2, 3, 9]);
        assert_eq!(v.splice_from(0, 3, &src).unwrap().len(), 3);
        assert_eq!(ints(&v), [1, 2, 3, 3, 9]);
        assert_eq!(v.splice_from(4, 5, &v).unwrap().len(), 1);
        assert_eq!(ints(&v), [1, 2, 3, 3, 1, 2, 3, 3, 9]);
        assert_eq!(ints(&src), [1, 2, 3]);
    });
}
