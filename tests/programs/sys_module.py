# The sys module: argv, path, modules, stdout/stderr, version_info, limits, refcounts, exit.
# (CPython prints "cpython" for sys.implementation.name; arenapy names itself.)
import sys
print(sys.argv[0].endswith("sys_module.py"), len(sys.argv), isinstance(sys.path, list))
print("sys" in sys.modules, sys.modules["__main__"].__name__, sys.version_info[:2], sys.version_info.major)
print(sys.implementation.name, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.getrecursionlimit())
sys.setrecursionlimit(200)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(1000)
x = object()
print(sys.getrefcount(x), sys.getrefcount(x) == sys.getrefcount(x))
y = [x, x]
print(sys.getrefcount(x))
print(sys.getsizeof(1.5), sys.getsizeof(()) < sys.getsizeof((1, 2)), sys.getsizeof([]) > 0)
a = sys.intern("".join(["inter", "ned"]))
print(a is sys.intern("interned"))
sys.stdout.write("written\n")
print("to stderr", file=sys.stderr)
print(sys.exc_info())
try:
    raise ValueError("x")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, type(tb).__name__)
try:
    sys.exit("bye")
except SystemExit as e:
    print("SystemExit", e.code)
sys.exit(3)
