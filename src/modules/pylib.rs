//! Modules shipped with the interpreter as Python source (arenapy's own implementations of
//! parts of the standard library), compiled on first import.

/// Every shipped Python module: (import name, source).
static PY_MODULES: &[(&str, &str)] = &[("weakref", include_str!("pylib/weakref.py"))];

/// The source of the shipped module `name`.
pub fn find(name: &str) -> Option<&'static str> {
    PY_MODULES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
