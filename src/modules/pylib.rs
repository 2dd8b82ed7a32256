//! Modules shipped with the interpreter as Python source, compiled on first import: arenapy's
//! own module (`_arenapy_importer`) and the few standard modules that must differ from
//! CPython's Lib (`array` and `faulthandler`, C in CPython; `types`). Everything else comes
//! from CPython's Lib, over the native modules.
//!
//! A package is an entry whose source is its `__init__`; its submodules are entries under
//! their dotted names (`package.sub`). The import system gives a shipped package the
//! `__path__` `['<arenapy>']`, so its submodules are found here and never in CPython's Lib.

/// One shipped module.
pub struct PyModule {
    /// The full (dotted) import name.
    pub name: &'static str,
    /// The Python source.
    pub source: &'static str,
    /// Whether it is a package (has submodules).
    pub is_package: bool,
}

macro_rules! module {
    ($name:literal, $file:literal) => {
        PyModule {
            name: $name,
            source: include_str!(concat!("pylib/", $file)),
            is_package: false,
        }
    };
    (package $name:literal, $file:literal) => {
        PyModule {
            name: $name,
            source: include_str!(concat!("pylib/", $file)),
            is_package: true,
        }
    };
}

/// Every shipped Python module.
static PY_MODULES: &[PyModule] = &[
    module!("_arenapy_importer", "_arenapy_importer.py"),
    module!("array", "array.py"),
    module!("faulthandler", "faulthandler.py"),
    module!("types", "types.py"),
];

/// Python source run in the namespace of a native module of the same name, after its native
/// part is built.
static PY_EXTENSIONS: &[PyModule] = &[
    module!("_thread", "_thread.py"),
    module!("_collections", "_collections.py"),
    module!("_ast", "_ast.py"),
];

/// The Python part of the native module `name`, if it has one.
pub fn find_extension(name: &str) -> Option<&'static PyModule> {
    PY_EXTENSIONS.iter().find(|m| m.name == name)
}

/// The shipped module `name`.
pub fn find(name: &str) -> Option<&'static PyModule> {
    PY_MODULES.iter().find(|m| m.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submodules_have_a_shipped_package() {
        for m in PY_MODULES {
            if let Some((parent, _)) = m.name.rsplit_once('.') {
                assert!(find(parent).is_some_and(|p| p.is_package), "{}", m.name);
            }
        }
    }
}
