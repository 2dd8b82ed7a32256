"""arenapy's finder for the modules it ships in Python source, and the set-up of CPython's
importlib finders beside arenapy's import statement.

arenapy's `import` statement is implemented in Rust; `importlib.import_module`, `reload`,
`util.find_spec` and the rest run CPython's own `importlib`. When the `importlib` package has
been imported, `_install()` puts on `sys.meta_path` what CPython's start-up puts there
(`BuiltinImporter`, `FrozenImporter`, `PathFinder` with `FileFinder` path hooks), with
`ShippedImporter` before `PathFinder`, so that both ways of importing find the same modules and
share `sys.modules`.
"""

import sys
import _imp

SHIPPED_PATH_ENTRY = "<arenapy>"


class ShippedImporter:
    """Finds and loads the modules arenapy ships in Python source."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not _imp._arenapy_is_shipped(fullname):
            return None
        from importlib._bootstrap import ModuleSpec

        is_package = _imp._arenapy_is_shipped_package(fullname)
        spec = ModuleSpec(fullname, cls, origin="arenapy", is_package=is_package)
        if is_package:
            spec.submodule_search_locations.append(SHIPPED_PATH_ENTRY)
        return spec

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        _imp._arenapy_exec_shipped(module)


_installed = False


def _install():
    global _installed
    if _installed:
        return
    _installed = True
    import importlib._bootstrap as bootstrap
    import importlib._bootstrap_external as external

    if bootstrap.BuiltinImporter not in sys.meta_path:
        bootstrap._install(sys, _imp)
        external._install(bootstrap)
    if ShippedImporter not in sys.meta_path:
        at = sys.meta_path.index(external.PathFinder) if external.PathFinder in sys.meta_path else len(sys.meta_path)
        sys.meta_path.insert(at, ShippedImporter)
