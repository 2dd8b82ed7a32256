# Imports: packages, relative imports, sys.modules caching, __all__, errors, __main__.
import sys
import shapes_pkg
import shapes_pkg.sub.deep as deep
from shapes_pkg import *
from shapes_pkg.sub import deep as again
print(__name__, shapes_pkg.__name__, shapes_pkg.__package__, square(4), VERSION)
print(deep.cube(3), deep.WHERE, again is deep, shapes_pkg.loaded)
import shapes_pkg.area
print("shapes_pkg.area" in sys.modules, sys.modules["shapes_pkg"] is shapes_pkg, hasattr(shapes_pkg, "sub"))
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from shapes_pkg import missing_name
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0], e.name)
try:
    import shapes_pkg.nothing
except ImportError as e:
    print(type(e).__name__, e)
import math, collections.abc as cabc
print(math.__name__, cabc.__name__, sys.path[0] != "", type(sys.modules).__name__)
if __name__ == "__main__":
    print("run as main")
