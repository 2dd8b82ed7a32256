"""Calls of builtin types at a site that specializes (PRECALL_BUILTIN_CLASS): every result,
error and message must be the general path's, whatever the site sees later."""

import builtins


def call_int(x):
    return int(x)


def call_with(t, *args):
    return t(*args)


def site(t, a):
    return t(a)


def site2(t, a, b):
    return t(a, b)


def show(f, *args):
    try:
        r = f(*args)
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


# Warm a site on int, then odd arguments.
for i in range(100):
    call_int(str(i))
show(call_int, "  42  ")
show(call_int, "4_2")
show(call_int, "x")
show(call_int, 3.9)
show(call_int, -2.5)
show(call_int, True)
show(call_int, b"17")
show(call_int, [])
show(call_int, float("inf"))


class Idx:
    def __index__(self):
        return 7

    def __int__(self):
        return 8


show(call_int, Idx())
show(call_int, 12345678901234567890123)


# One site, many builtin types; then subclasses and shadowing Python classes.
class MyList(list):
    def __init__(self, it):
        super().__init__(it)
        self.extra = len(self)


class MyInt(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


for _ in range(60):
    site(list, (1, 2))
for t, a in [
    (list, (1, 2)),
    (list, "ab"),
    (list, range(3)),
    (tuple, [1]),
    (set, [3, 3]),
    (frozenset, [1]),
    (dict, [(1, 2)]),
    (float, "1.5"),
    (float, "nan"),
    (str, 5),
    (bytes, 3),
    (bytearray, b"x"),
    (bool, []),
    (range, 4),
    (MyList, (4, 5)),
    (MyInt, 21),
    (list, 5),
    (dict, [1]),
    (float, "x"),
    (complex, "1+2j"),
    (type, 3),
    (object, 1),
]:
    show(site, t, a)

for _ in range(60):
    site2(range, 1, 5)
for t, a, b in [
    (range, 1, 5),
    (range, 1, "x"),
    (int, "ff", 16),
    (int, "z", 36),
    (int, 5, 16),
    (str, b"abc", "ascii"),
    (slice, 1, 2),
    (divmod, 7, 2),
    (ValueError, "a", "b"),
    (KeyError, 1, 2),
]:
    show(site2, t, a, b)
print(sorted(list(site(MyList, (1, 2)).__dict__.items())))

# Exceptions built at a warm site.
def make_exc(msg):
    return ValueError(msg)


for i in range(60):
    make_exc(i)
e = make_exc("boom")
print(type(e).__name__, e.args)


# A builtin name shadowed by a global, then by a builtins assignment, under a warm site.
def uses_list(x):
    return list(x)


for _ in range(60):
    uses_list((1,))
print(uses_list((1, 2)))
real_list = builtins.list
builtins.list = lambda x: ("patched", x)
print(uses_list((3,)))
builtins.list = real_list
print(uses_list((4,)))
list = lambda x: ("global", x)
print(uses_list((5,)))
del list
print(uses_list((6,)))

# Keywords take the general path.
def kw(x):
    return int(x, base=2)


for _ in range(60):
    kw("101")
print(kw("111"))
show(kw, 5)

# Generators and iterators as arguments: consumed once, errors propagate.
def gen(n):
    for i in range(n):
        if i == 3:
            raise KeyError("from gen")
        yield i


for _ in range(60):
    site(tuple, [0])
show(site, tuple, gen(2))
show(site, tuple, gen(5))
show(site, list, gen(5))
show(site, set, iter([1, 1, 2]))
print("done")
