# Namespace packages (PEP 420): folders without __init__.py, found along sys.path.
import os
import sys
import tempfile

with tempfile.TemporaryDirectory() as root:
    a = os.path.join(root, "a")
    b = os.path.join(root, "b")
    os.makedirs(os.path.join(a, "nspkg_demo", "inner"))
    os.makedirs(os.path.join(b, "nspkg_demo"))
    with open(os.path.join(a, "nspkg_demo", "one.py"), "w") as f:
        f.write("VALUE = 1\n")
    with open(os.path.join(b, "nspkg_demo", "two.py"), "w") as f:
        f.write("from . import one\nVALUE = one.VALUE + 1\n")
    with open(os.path.join(a, "nspkg_demo", "inner", "deep.py"), "w") as f:
        f.write("WHERE = __name__, __package__\n")
    # A namespace portion earlier on the path, a regular package later.
    os.makedirs(os.path.join(b, "nspkg_regular"))
    with open(os.path.join(b, "nspkg_regular", "__init__.py"), "w") as f:
        f.write("KIND = 'regular'\n")
    os.makedirs(os.path.join(a, "nspkg_regular"))
    sys.path[:0] = [a, b]
    try:
        import nspkg_demo
        import nspkg_demo.two
        from nspkg_demo.inner import deep

        print(nspkg_demo.__file__, nspkg_demo.__package__)
        print([os.path.relpath(p, root) for p in nspkg_demo.__path__])
        print(nspkg_demo.two.VALUE, nspkg_demo.one.VALUE, deep.WHERE)
        # The regular package wins over the earlier namespace portion.
        import nspkg_regular

        print(nspkg_regular.KIND)
        try:
            import nspkg_missing
        except ModuleNotFoundError as e:
            print(type(e).__name__, e)
    finally:
        del sys.path[:2]
        for name in [m for m in sys.modules if m.startswith("nspkg_")]:
            del sys.modules[name]
