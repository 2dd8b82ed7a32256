//! Tests of the iterator builtins against CPython 3.11 (results from `python3`).

use crate::objects::testutil::{call_builtin, lit, run, show};
use crate::vm::ops;

#[test]
fn iterator_builtins_match_cpython() {
    run(|vm| {
        let b = |name: &str, args: &[&str], kw: &[(&str, &str)]| {
            let args: Vec<_> = args.iter().map(|a| lit(vm, a)).collect();
            let kw: Vec<_> = kw.iter().map(|(k, v)| (*k, lit(vm, v))).collect();
            let r = call_builtin(vm, name, &args, &kw);
            // Iterators are shown as the list they produce, as `list(...)` would.
            let r = r.and_then(|v| {
                if v.ob_type().slots.next.is_some() {
                    call_builtin(vm, "list", &[v], &[])
                } else {
                    Ok(v)
                }
            });
            show(vm, r)
        };
        assert_eq!(
            b("enumerate", &[], &[]),
            "TypeError: enumerate() missing required argument 'iterable'"
        );
        assert_eq!(
            b("enumerate", &["1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            b("enumerate", &["[1]", "2", "3"], &[]),
            "TypeError: enumerate() takes at most 2 arguments (3 given)"
        );
        assert_eq!(
            b("enumerate", &["[1]"], &[("start", "'a'")]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            b("enumerate", &["'ab'", "100000000000000000000"], &[]),
            "[(100000000000000000000, 'a'), (100000000000000000001, 'b')]"
        );
        assert_eq!(
            b("enumerate", &["'ab'"], &[("start", "-1")]),
            "[(-1, 'a'), (0, 'b')]"
        );
        assert_eq!(
            b("enumerate", &["[1]"], &[("foo", "1")]),
            "TypeError: 'foo' is an invalid keyword argument for enumerate()"
        );
        assert_eq!(b("zip", &["[1, 2]", "[3]"], &[]), "[(1, 3)]");
        assert_eq!(
            b("zip", &["[1, 2]", "[3]"], &[("strict", "True")]),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        assert_eq!(
            b("zip", &["[1]", "[3, 4]"], &[("strict", "True")]),
            "ValueError: zip() argument 2 is longer than argument 1"
        );
        assert_eq!(
            b("zip", &["[1]", "[3]", "[5, 6]"], &[("strict", "True")]),
            "ValueError: zip() argument 3 is longer than arguments 1-2"
        );
        assert_eq!(
            b("zip", &["[1, 2]", "[3, 4]", "[5]"], &[("strict", "True")]),
            "ValueError: zip() argument 3 is shorter than arguments 1-2"
        );
        assert_eq!(b("zip", &[], &[]), "[]");
        assert_eq!(
            b("zip", &["1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            b("zip", &["[1]"], &[("foo", "1")]),
            "TypeError: 'foo' is an invalid keyword argument for zip()"
        );
        assert_eq!(
            b("map", &["len"], &[]),
            "TypeError: map() must have at least two arguments."
        );
        assert_eq!(
            b("map", &["len", "1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(b("map", &["len", "['a', 'bc']"], &[]), "[1, 2]");
        assert_eq!(b("map", &["max", "[2, 3]", "[3, 2, 1]"], &[]), "[3, 3]");
        assert_eq!(b("filter", &["None", "[0, 1, '', 2]"], &[]), "[1, 2]");
        assert_eq!(
            b("filter", &["None"], &[]),
            "TypeError: filter expected 2 arguments, got 1"
        );
        assert_eq!(
            b("filter", &["None", "1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(b("filter", &["len", "['', 'a']"], &[]), "['a']");
        assert_eq!(
            b("reversed", &["1"], &[]),
            "TypeError: 'int' object is not reversible"
        );
        assert_eq!(
            b("reversed", &["{1}"], &[]),
            "TypeError: 'set' object is not reversible"
        );
        assert_eq!(b("reversed", &["range(5)"], &[]), "[4, 3, 2, 1, 0]");
        assert_eq!(b("reversed", &["range(0, 10, 3)"], &[]), "[9, 6, 3, 0]");
        assert_eq!(b("reversed", &["range(0)"], &[]), "[]");
        assert_eq!(b("reversed", &["'abc'"], &[]), "['c', 'b', 'a']");
        assert_eq!(b("reversed", &["(1, 2)"], &[]), "[2, 1]");
        assert_eq!(b("reversed", &["{'a': 1, 'b': 2}"], &[]), "['b', 'a']");
        assert_eq!(
            b("reversed", &[], &[]),
            "TypeError: reversed expected 1 argument, got 0"
        );
        assert_eq!(
            b("reversed", &["[]", "[]"], &[]),
            "TypeError: reversed expected 1 argument, got 2"
        );
        assert_eq!(b("any", &["[0, 1]"], &[]), "True");
        assert_eq!(b("all", &["[]"], &[]), "True");
        assert_eq!(b("all", &["[1, 0]"], &[]), "False");
        assert_eq!(
            b("any", &["1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            b("any", &[], &[]),
            "TypeError: any() takes exactly one argument (0 given)"
        );
        assert_eq!(
            b("iter", &["1", "2"], &[]),
            "TypeError: iter(v, w): v must be callable"
        );
        assert_eq!(
            b("iter", &["1"], &[]),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(
            b("iter", &[], &[]),
            "TypeError: iter expected at least 1 argument, got 0"
        );
        assert_eq!(
            b("iter", &["1", "2", "3"], &[]),
            "TypeError: iter expected at most 2 arguments, got 3"
        );
        assert_eq!(
            b("sorted", &["[3, 1, 2]"], &[("reverse", "True")]),
            "[3, 2, 1]"
        );
        assert_eq!(
            b("sorted", &[], &[]),
            "TypeError: sorted expected 1 argument, got 0"
        );
        assert_eq!(
            b("sorted", &["[1]", "1"], &[]),
            "TypeError: sorted expected 1 argument, got 2"
        );
        assert_eq!(
            b("sorted", &["[1]"], &[("reverse", "None")]),
            "TypeError: 'NoneType' object cannot be interpreted as an integer"
        );
        assert_eq!(
            b("sorted", &["['bb', 'a', 'ccc']"], &[("key", "len")]),
            "['a', 'bb', 'ccc']"
        );

        // iter(callable, sentinel) with a bound method.
        let l = lit(vm, "[4, 3, 2, 1]");
        let pop = ops::getattr(vm, &l, "pop").unwrap();
        let it = call_builtin(vm, "iter", &[pop, lit(vm, "3")], &[]).unwrap();
        assert_eq!(it.ob_type().name(), "callable_iterator");
        assert_eq!(show(vm, call_builtin(vm, "list", &[it], &[])), "[1, 2]");
        // Types and reprs.
        let e = call_builtin(vm, "enumerate", &[lit(vm, "[1]")], &[]).unwrap();
        assert!(show(vm, Ok(e.clone())).starts_with("<enumerate object at 0x"));
        assert_eq!(e.ob_type().name(), "enumerate");
        let r = call_builtin(vm, "reversed", &[lit(vm, "(1, 2)")], &[]).unwrap();
        assert!(show(vm, Ok(r)).starts_with("<reversed object at 0x"));
        let rr = call_builtin(vm, "reversed", &[lit(vm, "range(3)")], &[]).unwrap();
        assert_eq!(rr.ob_type().name(), "range_iterator");
    });
}
