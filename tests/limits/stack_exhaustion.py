# args: --stack-size 2M
# Every kind of unbounded recursion ends in RecursionError, whatever the recursion limit: with
# the limit at 10**6 and a 2 MiB native stack, running out of native stack is what stops them.
import sys

sys.setrecursionlimit(10**6)


def attempt(name, fn):
    try:
        fn()
        print(name, "returned")
    except (RecursionError, MemoryError, SyntaxError) as e:
        print(name, type(e).__name__)


def plain():
    def f(n):
        return f(n + 1)
    f(0)


class R:
    def __repr__(self):
        return repr(R())

    def __eq__(self, other):
        return R() == R()

    def __hash__(self):
        return hash(R())

    def __getattr__(self, name):
        return getattr(R(), name)

    def __getitem__(self, i):
        return R()[i]

    def __len__(self):
        return len(R())

    def __bool__(self):
        return bool(R())

    def __add__(self, other):
        return R() + other

    def __lt__(self, other):
        return R() < other

    def __iter__(self):
        return iter(R())

    def __call__(self):
        return R()()

    def __str__(self):
        return str(R())

    def __format__(self, spec):
        return format(R(), spec)

    def __contains__(self, x):
        return x in R()

    def __setitem__(self, k, v):
        R()[k] = v

    def __index__(self):
        return R().__index__()


class D:
    def __get__(self, obj, cls):
        return obj.d


class HasD:
    d = D()


class P:
    @property
    def p(self):
        return self.p


class Meta(type):
    def __call__(cls, *a):
        return cls()


class Init:
    def __init__(self):
        Init()


class Gen:
    def __iter__(self):
        yield from Gen()


def gen_next():
    def g():
        yield next(g())
    next(g())


def sort_key():
    def k(x):
        return sorted([1, 2], key=k)
    sorted([1, 2], key=k)


def map_chain():
    def f(x):
        return list(map(f, [x]))
    f(1)


def deep_exec():
    def f():
        exec("f()", {"f": f})
    f()


def eval_again():
    eval("eval_again()")


attempt("plain", plain)
attempt("repr", lambda: repr(R()))
attempt("str", lambda: str(R()))
attempt("format", lambda: format(R(), ""))
attempt("eq", lambda: R() == R())
attempt("hash", lambda: hash(R()))
attempt("getattr", lambda: R().x)
attempt("getitem", lambda: R()[0])
attempt("setitem", lambda: R().__setitem__(0, 0))
attempt("len", lambda: len(R()))
attempt("bool", lambda: bool(R()))
attempt("add", lambda: R() + 1)
attempt("lt", lambda: R() < 1)
attempt("iter", lambda: iter(R()))
attempt("call", lambda: R()())
attempt("contains", lambda: 1 in R())
attempt("index", lambda: [][R()])
attempt("descriptor", lambda: HasD().d)
attempt("property", lambda: P().p)
attempt("init", Init)
attempt("yield from", lambda: list(Gen()))
attempt("generator next", gen_next)
attempt("sort key", sort_key)
attempt("map", map_chain)
attempt("exec", deep_exec)
attempt("eval", eval_again)

deep = []
for i in range(50000):
    deep = [deep]
attempt("repr deep list", lambda: repr(deep))
attempt("eq deep list", lambda: deep == deep[0])
d = {}
for i in range(50000):
    d = {"k": d}
attempt("repr deep dict", lambda: repr(d))
import json
attempt("json deep", lambda: json.dumps(deep))
import copy
attempt("deepcopy deep", lambda: copy.deepcopy(deep))
attempt("compile deep", lambda: compile("-" * 500000 + "1", "s", "eval"))
attempt("compile deep parens", lambda: compile("[" * 100000 + "]" * 100000, "s", "eval"))
class SelfCall:
    pass
SelfCall.__call__ = SelfCall()
attempt("__call__ is an instance", SelfCall())
print("done")
