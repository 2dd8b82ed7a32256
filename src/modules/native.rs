//! The table of native modules (written in Rust), by import name.

use crate::object::ObjRef;
use crate::vm::{PyResult, Vm};

/// Builds a native module.
pub type InitFn = fn(&Vm) -> PyResult<ObjRef>;

/// Every native module.
static NATIVE_MODULES: &[(&str, InitFn)] = &[
    ("sys", super::sys::init),
    ("builtins", super::builtins_exec::init),
    ("gc", super::gc::init),
    ("_weakref", super::weakref_native::init),
    ("_io", super::io::init),
    ("math", super::math::init),
    ("_operator", super::operator::init),
    ("itertools", super::itertools::init),
    ("time", super::time::init),
    ("_tracemalloc", super::tracemalloc::init),
    ("_imp", super::imp::init),
    ("_warnings", super::warnings_native::init),
    ("marshal", super::marshal::init),
    ("_thread", super::thread::init),
    ("_collections", super::collections::init),
    ("_string", super::string_native::init),
    ("_functools", super::functools::init),
    ("_abc", super::abc_native::init),
    ("_contextvars", super::contextvars::init),
    ("atexit", super::atexit::init),
    ("_sre", super::sre::init),
    ("_locale", super::locale::init),
    ("_codecs", super::codecs_native::init),
    ("_heapq", super::heapq::init),
    ("_bisect", super::bisect::init),
    ("_struct", super::structmod::init),
    ("binascii", super::binascii::init),
    ("zlib", super::zlib::init),
    ("_random", super::random_native::init),
    ("unicodedata", super::unicodedata::init),
    ("cmath", super::cmath::init),
    ("_md5", super::hashes::init_md5),
    ("_sha1", super::hashes::init_sha1),
    ("_sha256", super::hashes::init_sha256),
    ("_sha512", super::hashes::init_sha512),
    ("_sha3", super::hashes::init_sha3),
    ("_blake2", super::hashes::init_blake2),
    ("_ast", super::ast::init),
    ("_opcode", super::opcode_native::init),
    ("_csv", super::csv::init),
    ("_json", super::json::init),
    ("posix", super::posix::init),
    ("errno", super::errno::init),
    ("_signal", super::signal::init),
    ("select", super::select::init),
    ("_socket", super::socket::init),
    ("fcntl", super::fcntl::init),
    ("pwd", super::pwd::init),
    ("grp", super::grp::init),
    ("_posixsubprocess", super::posixsubprocess::init),
    ("_stat", super::stat_native::init),
];

/// The initialiser of the native module `name`.
pub fn find(name: &str) -> Option<InitFn> {
    NATIVE_MODULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

/// The names of every native module (`sys.builtin_module_names`).
pub fn names() -> impl Iterator<Item = &'static str> {
    NATIVE_MODULES.iter().map(|(n, _)| *n)
}
