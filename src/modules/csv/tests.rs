//! Unit tests of `_csv`: results and messages pasted from `python3 -S`.

use crate::object::ObjRef;
use crate::objects::testutil::{call, call_obj, lit, run, show};
use crate::vm::{ops, Vm};

fn csv(vm: &Vm) -> ObjRef {
    crate::vm::import::import_dotted(vm, "_csv").unwrap()
}

fn func(vm: &Vm, name: &str) -> ObjRef {
    ops::getattr(vm, &csv(vm), name).unwrap()
}

fn read(vm: &Vm, lines: &str, kw: &[(&str, ObjRef)]) -> String {
    read_obj(vm, lit(vm, lines), kw)
}

/// Reads lines given as Rust text (control characters included).
fn read_lines(vm: &Vm, lines: &[&str], kw: &[(&str, ObjRef)]) -> String {
    let items = lines
        .iter()
        .map(|l| crate::objects::str::new_str_vm(vm, l).unwrap())
        .collect();
    read_obj(vm, crate::objects::list::new_list(vm, items).unwrap(), kw)
}

fn read_obj(vm: &Vm, lines: ObjRef, kw: &[(&str, ObjRef)]) -> String {
    let r = call_obj(vm, &func(vm, "reader"), &[lines], kw);
    match r {
        Ok(r) => show(
            vm,
            call_obj(
                vm,
                &crate::objects::testutil::builtin(vm, "list"),
                &[r],
                &[],
            ),
        ),
        Err(e) => show(vm, Err(e)),
    }
}

#[test]
fn reads_quoted_and_escaped_fields() {
    run(|vm| {
        assert_eq!(read(vm, "['a,b,c']", &[]), "[['a', 'b', 'c']]");
        assert_eq!(read(vm, r#"['1,",3,",5']"#, &[]), "[['1', ',3,', '5']]");
        assert_eq!(read(vm, r#"['"a""b",c']"#, &[]), r#"[['a"b', 'c']]"#);
        assert_eq!(read(vm, r#"['"a', 'b"']"#, &[]), "[['ab']]");
        assert_eq!(
            read_lines(vm, &["a,b\n", "", "c"], &[]),
            "[['a', 'b'], [], ['c']]"
        );
        let esc = [("escapechar", lit(vm, "'\\\\'"))];
        assert_eq!(read(vm, r"['a,b\\,c']", &esc), "[['a', 'b,c']]");
        assert_eq!(read(vm, "['a,\"']", &[]), "[['a', '']]");
        let nn = [("quoting", lit(vm, "2"))];
        assert_eq!(
            read(vm, r#"['1,"2",x']"#, &nn),
            "ValueError: could not convert string to float: 'x'"
        );
        assert_eq!(read(vm, r#"['1,"2",3.5']"#, &nn), "[[1.0, '2', 3.5]]");
    });
}

#[test]
fn reader_errors() {
    run(|vm| {
        assert_eq!(
            read_lines(vm, &["a,b\rc,d"], &[]),
            "Error: new-line character seen in unquoted field - do you need to open the file in universal-newline mode?"
        );
        let strict = [("strict", lit(vm, "True"))];
        assert_eq!(
            read(vm, r#"['"ab"c']"#, &strict),
            "Error: ',' expected after '\"'"
        );
        assert_eq!(
            read(vm, r#"['"ab']"#, &strict),
            "Error: unexpected end of data"
        );
        assert_eq!(
            read(vm, "[b'abc']", &[]),
            "Error: iterator should return strings, not bytes (the file should be opened in text mode)"
        );
        let limit = func(vm, "field_size_limit");
        assert_eq!(
            show(vm, call_obj(vm, &limit, &[lit(vm, "3")], &[])),
            "131072"
        );
        assert_eq!(
            read(vm, "['abcd']", &[]),
            "Error: field larger than field limit (3)"
        );
        assert_eq!(
            show(vm, call_obj(vm, &limit, &[lit(vm, "None")], &[])),
            "TypeError: limit must be an integer"
        );
    });
}

#[test]
fn dialect_validation_messages() {
    run(|vm| {
        let d = func(vm, "Dialect");
        let mk = |kw: &[(&str, ObjRef)]| show(vm, call_obj(vm, &d, &[], kw));
        assert_eq!(
            mk(&[("delimiter", lit(vm, "'ab'"))]),
            "TypeError: \"delimiter\" must be a 1-character string"
        );
        assert_eq!(
            mk(&[("delimiter", lit(vm, "None"))]),
            "TypeError: \"delimiter\" must be string, not NoneType"
        );
        assert_eq!(
            mk(&[("quotechar", lit(vm, "4"))]),
            "TypeError: \"quotechar\" must be string or None, not int"
        );
        assert_eq!(
            mk(&[("quoting", lit(vm, "7"))]),
            "TypeError: bad \"quoting\" value"
        );
        assert_eq!(
            mk(&[("quoting", lit(vm, "True"))]),
            "TypeError: \"quoting\" must be an integer"
        );
        assert_eq!(
            mk(&[("lineterminator", lit(vm, "None"))]),
            "TypeError: lineterminator must be set"
        );
        assert_eq!(
            mk(&[("lineterminator", lit(vm, "1"))]),
            "TypeError: \"lineterminator\" must be a string"
        );
        assert_eq!(
            mk(&[("quoting", lit(vm, "1")), ("quotechar", lit(vm, "None"))]),
            "TypeError: quotechar must be set if quoting enabled"
        );
        assert_eq!(
            mk(&[("bad", lit(vm, "1"))]),
            "TypeError: 'bad' is an invalid keyword argument for this function"
        );
        let ok = call_obj(vm, &d, &[], &[("quotechar", lit(vm, "None"))]).unwrap();
        assert_eq!(show(vm, ops::getattr(vm, &ok, "quoting")), "3");
        assert_eq!(
            show(vm, ops::getattr(vm, &ok, "lineterminator")),
            "'\\r\\n'"
        );
        assert_eq!(
            show(vm, call_obj(vm, &d, &[lit(vm, "'nope'")], &[])),
            "Error: unknown dialect"
        );
    });
}

#[test]
fn writes_with_quoting_rules() {
    run(|vm| {
        // The output is a module whose `write` is a list's `append`.
        let write = |row: &str, kw: &[(&str, ObjRef)]| {
            let lines = crate::objects::list::new_list(vm, Vec::new()).unwrap();
            let sink = crate::objects::module::new_module(vm, "sink").unwrap();
            let append = ops::getattr(vm, &lines, "append").unwrap();
            crate::objects::module::set_attr(vm, &sink, "write", append).unwrap();
            let w = call_obj(vm, &func(vm, "writer"), &[sink], kw).unwrap();
            match call(vm, &w, "writerow", &[lit(vm, row)], &[]) {
                Ok(_) => show(vm, ops::getitem(vm, &lines, &lit(vm, "0"))),
                Err(e) => show(vm, Err(e)),
            }
        };
        assert_eq!(
            write("['a', 1, 'p,q', None, 1.5]", &[]),
            "'a,1,\"p,q\",,1.5\\r\\n'"
        );
        assert_eq!(write("[None]", &[]), "'\"\"\\r\\n'");
        assert_eq!(write("['a\"b']", &[]), "'\"a\"\"b\"\\r\\n'");
        let none = [("quoting", lit(vm, "3"))];
        assert_eq!(
            write("['p,q']", &none),
            "Error: need to escape, but no escapechar set"
        );
        assert_eq!(
            write("['']", &none),
            "Error: single empty field record must be quoted"
        );
        let nn = [("quoting", lit(vm, "2"))];
        assert_eq!(
            write("['a', 1, 2.5, True]", &nn),
            "'\"a\",1,2.5,True\\r\\n'"
        );
        assert_eq!(write("None", &[]), "Error: iterable expected, not NoneType");
    });
}
