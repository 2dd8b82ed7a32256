//! Unit tests of the system modules (`posix`, `_signal`, `select`, `atexit`, `pwd`, `_stat`,
//! `fcntl`), each in a fresh interpreter checked for leaks at teardown.

use crate::object::ObjRef;
use crate::objects::testutil::{call, lit, run, show};
use crate::vm::Vm;

fn module(vm: &Vm, name: &str) -> ObjRef {
    crate::vm::import::import_dotted(vm, name).expect("module imports")
}

/// `module.name(*args)`, shown as `repr` or `Type: message`.
fn sh(vm: &Vm, m: &str, name: &str, args: &[&str]) -> String {
    let m = module(vm, m);
    let args: Vec<ObjRef> = args.iter().map(|a| lit(vm, a)).collect();
    show(vm, call(vm, &m, name, &args, &[]))
}

#[test]
fn path_arguments_are_checked_as_cpython() {
    run(|vm| {
        assert_eq!(
            sh(vm, "posix", "stat", &["[1]"]),
            "TypeError: stat: path should be string, bytes, os.PathLike or integer, not list"
        );
        assert_eq!(
            sh(vm, "posix", "mkdir", &["3"]),
            "TypeError: mkdir: path should be string, bytes or os.PathLike, not int"
        );
        assert_eq!(
            sh(vm, "posix", "listdir", &["1.5"]),
            "TypeError: listdir: path should be string, bytes, os.PathLike, integer or None, not float"
        );
        assert_eq!(
            sh(vm, "posix", "stat", &["'a\\x00b'"]),
            "ValueError: embedded null byte"
        );
        assert_eq!(
            sh(vm, "posix", "fspath", &["3"]),
            "TypeError: expected str, bytes or os.PathLike object, not int"
        );
        assert_eq!(sh(vm, "posix", "fspath", &["b'x'"]), "b'x'");
    });
}

#[test]
fn failed_calls_raise_the_errno_subclass_with_the_file_name() {
    run(|vm| {
        assert_eq!(
            sh(vm, "posix", "stat", &["'no/such/file'"]),
            "FileNotFoundError: [Errno 2] No such file or directory: 'no/such/file'"
        );
        assert_eq!(
            sh(vm, "posix", "rename", &["'no-a'", "'no-b'"]),
            "FileNotFoundError: [Errno 2] No such file or directory: 'no-a' -> 'no-b'"
        );
        assert_eq!(
            sh(vm, "posix", "close", &["987654"]),
            "OSError: [Errno 9] Bad file descriptor"
        );
        assert_eq!(sh(vm, "posix", "strerror", &["13"]), "'Permission denied'");
    });
}

#[test]
fn stat_result_has_items_and_attribute_only_fields() {
    run(|vm| {
        let st_type = crate::vm::ops::getattr(vm, &module(vm, "posix"), "stat_result").unwrap();
        let r = crate::objects::testutil::call_obj(
            vm,
            &st_type,
            &[lit(vm, "(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)")],
            &[],
        );
        assert_eq!(
            show(vm, r),
            "os.stat_result(st_mode=0, st_ino=1, st_dev=2, st_nlink=3, st_uid=4, st_gid=5, \
             st_size=6, st_atime=7, st_mtime=8, st_ctime=9)"
        );
        let fields = ["n_fields", "n_sequence_fields", "n_unnamed_fields"];
        let got: Vec<String> = fields
            .iter()
            .map(|f| show(vm, crate::vm::ops::getattr(vm, &st_type, f)))
            .collect();
        assert_eq!(got, ["19", "10", "3"]);
        let st = call(vm, &module(vm, "posix"), "stat", &[lit(vm, "'.'")], &[]).unwrap();
        let mtime = show(vm, crate::vm::ops::getattr(vm, &st, "st_mtime"));
        assert!(mtime.contains('.'), "st_mtime is a float: {mtime}");
    });
}

#[test]
fn wait_status_macros() {
    run(|vm| {
        assert_eq!(sh(vm, "posix", "WEXITSTATUS", &["768"]), "3");
        assert_eq!(sh(vm, "posix", "WIFEXITED", &["768"]), "True");
        assert_eq!(sh(vm, "posix", "WIFSIGNALED", &["9"]), "True");
        assert_eq!(sh(vm, "posix", "WTERMSIG", &["9"]), "9");
        assert_eq!(sh(vm, "posix", "waitstatus_to_exitcode", &["9"]), "-9");
        assert_eq!(sh(vm, "posix", "waitstatus_to_exitcode", &["768"]), "3");
        assert_eq!(sh(vm, "posix", "WIFSTOPPED", &["4991"]), "True");
    });
}

#[test]
fn pipes_read_and_write_bytes() {
    run(|vm| {
        let posix = module(vm, "posix");
        let p = call(vm, &posix, "pipe", &[], &[]).unwrap();
        let ends = crate::objects::tuple::items(&p).unwrap().to_vec();
        let n = call(
            vm,
            &posix,
            "write",
            &[ends[1].clone(), lit(vm, "b'abc'")],
            &[],
        );
        assert_eq!(show(vm, n), "3");
        let got = call(vm, &posix, "read", &[ends[0].clone(), lit(vm, "10")], &[]);
        assert_eq!(show(vm, got), "b'abc'");
        let inh = call(vm, &posix, "get_inheritable", &[ends[0].clone()], &[]);
        assert_eq!(show(vm, inh), "False");
        for fd in ends {
            call(vm, &posix, "close", &[fd], &[]).unwrap();
        }
    });
}

#[test]
fn caught_signals_are_taken_lowest_first() {
    super::ffi::mark_caught(12);
    super::ffi::mark_caught(10);
    assert!(super::ffi::signal_pending());
    assert_eq!(super::ffi::take_caught(), vec![10, 12]);
    assert!(!super::ffi::signal_pending());
}

#[test]
fn signal_rejects_bad_numbers_and_handlers() {
    run(|vm| {
        assert_eq!(
            sh(vm, "_signal", "signal", &["99", "0"]),
            "ValueError: signal number out of range"
        );
        assert_eq!(
            sh(vm, "_signal", "signal", &["2", "5"]),
            "TypeError: signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"
        );
        assert_eq!(sh(vm, "_signal", "strsignal", &["15"]), "'Terminated'");
    });
}

#[test]
fn poll_reports_a_readable_pipe() {
    run(|vm| {
        let posix = module(vm, "posix");
        let select = module(vm, "select");
        let p = call(vm, &posix, "pipe", &[], &[]).unwrap();
        let ends = crate::objects::tuple::items(&p).unwrap().to_vec();
        let poll = call(vm, &select, "poll", &[], &[]).unwrap();
        call(vm, &poll, "register", &[ends[0].clone(), lit(vm, "1")], &[]).unwrap();
        assert_eq!(
            show(vm, call(vm, &poll, "poll", &[lit(vm, "0")], &[])),
            "[]"
        );
        call(
            vm,
            &posix,
            "write",
            &[ends[1].clone(), lit(vm, "b'x'")],
            &[],
        )
        .unwrap();
        let ready = show(vm, call(vm, &poll, "poll", &[lit(vm, "0")], &[]));
        assert!(ready.ends_with(", 1)]"), "{ready}");
        for fd in ends {
            call(vm, &posix, "close", &[fd], &[]).unwrap();
        }
    });
}

#[test]
fn atexit_counts_and_clears_callbacks() {
    run(|vm| {
        let atexit = module(vm, "atexit");
        let f = crate::objects::testutil::builtin(vm, "len");
        call(vm, &atexit, "register", &[f.clone(), lit(vm, "'ab'")], &[]).unwrap();
        call(vm, &atexit, "register", &[f.clone(), lit(vm, "'c'")], &[]).unwrap();
        assert_eq!(sh(vm, "atexit", "_ncallbacks", &[]), "2");
        call(vm, &atexit, "unregister", &[f], &[]).unwrap();
        assert_eq!(sh(vm, "atexit", "_ncallbacks", &[]), "2");
        assert_eq!(sh(vm, "atexit", "_run_exitfuncs", &[]), "None");
        assert_eq!(sh(vm, "atexit", "_ncallbacks", &[]), "0");
        assert_eq!(
            sh(vm, "atexit", "register", &["5"]),
            "TypeError: the first argument must be callable"
        );
    });
}

#[test]
fn pwd_and_stat_modules() {
    run(|vm| {
        let root = sh(vm, "pwd", "getpwuid", &["0"]);
        assert!(root.starts_with("pwd.struct_passwd(pw_name="), "{root}");
        assert_eq!(
            sh(vm, "pwd", "getpwnam", &["'no-such-user-here'"]),
            "KeyError: \"getpwnam(): name not found: 'no-such-user-here'\""
        );
        assert_eq!(sh(vm, "_stat", "filemode", &["33188"]), "'-rw-r--r--'");
        assert_eq!(sh(vm, "_stat", "S_ISDIR", &["16877"]), "True");
        assert_eq!(
            sh(vm, "_stat", "S_ISDIR", &["-1"]),
            "OverflowError: can't convert negative value to unsigned int"
        );
        assert_eq!(sh(vm, "fcntl", "fcntl", &["0", "1"]).len(), 1);
    });
}
