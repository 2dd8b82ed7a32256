# Call sites that specialize, then see their callee change under them.


def add(a, b):
    return a + b


def with_default(a, b=10):
    return a + b


class P:
    def __init__(self, v):
        self.v = v

    def get(self, k=1):
        return self.v * k

    def twice(self, x):
        return x * 2


def run_py(f, n):
    t = 0
    for i in range(n):
        t += f(i, 1)
    return t


print("exact", run_py(add, 100))
print("defaults", run_py(with_default, 100))


def site(f):
    return f(3, 4)


for _ in range(100):
    site(add)
print("switch to defaults fn", site(with_default))
print("switch to builtin", site(max))
print("switch to lambda", site(lambda a, b: a * b))


def sub(a, b):
    return a + b


def code_swap_site():
    return sub(2, 3)


for _ in range(100):
    code_swap_site()
print("before __code__ swap", code_swap_site())
sub.__code__ = (lambda a, b: a - b).__code__
print("after __code__ swap", code_swap_site())
sub.__code__ = (lambda a, b, c: a - b - c).__code__
try:
    code_swap_site()
except TypeError as e:
    print("TypeError", e)


def defaults_site():
    return with_default(1)


for _ in range(100):
    defaults_site()
print("before __defaults__", defaults_site())
with_default.__defaults__ = (100,)
print("after __defaults__", defaults_site())
with_default.__defaults__ = None
try:
    defaults_site()
except TypeError as e:
    print("TypeError", e)


def bound_site(m):
    return m(5)


p = P(3)
for _ in range(100):
    bound_site(p.twice)
print("bound", bound_site(p.twice), bound_site(p.get))


class Q:
    def twice(self, x):
        return x * 3


print("other __func__", bound_site(Q().twice))
print("builtin bound", bound_site([1, 2].count))


def method_site(o):
    return o.get()


for _ in range(100):
    method_site(p)
print("method", method_site(p), method_site(P(7)))


def len_site(x):
    return len(x)


for _ in range(100):
    len_site("abc")
print("len", len_site([1, 2]), len_site({}))
try:
    len_site(5)
except TypeError as e:
    print("TypeError", e)
len = lambda x: -1
print("len rebound", len_site("abc"))
del len
print("len back", len_site("abc"))


def isinst_site(x):
    return isinstance(x, int)


for _ in range(100):
    isinst_site(3)
print("isinstance", isinst_site(3), isinst_site("a"))
isinstance = lambda a, b: "shadowed"
print("isinstance shadowed", isinst_site(3))
del isinstance
print("isinstance back", isinst_site(3))


def type_site(x):
    return type(x), str(x), tuple(x)


for _ in range(100):
    type_site([1])
print("type/str/tuple", type_site([1, 2]), type_site((3,)), type_site("ab"))


class S:
    def __str__(self):
        return "S!"

    def __iter__(self):
        return iter([9])


print("type/str/tuple of S", type_site(S())[1:])


class BadStr:
    def __str__(self):
        return 5


try:
    str(BadStr())
except TypeError as e:
    print("TypeError", e)


def append_site(lst, x):
    lst.append(x)
    return lst


for i in range(100):
    append_site([], i)
print("append", append_site([1], 2))


class L(list):
    pass


print("append subclass", append_site(L([1]), 3))


class A:
    def append(self, x):
        return "A.append"


print("append other", append_site(A(), 1) is not None)


def meth_site(s):
    return s.upper(), s.split(","), s.replace("a", "b", 1)


for _ in range(100):
    meth_site("a,b")
print("methods", meth_site("a,a"))


class MyStr(str):
    pass


print("methods subclass", meth_site(MyStr("x,a")))


class Fake:
    upper = str.upper
    split = str.split
    replace = str.replace


try:
    print(Fake().upper())
except TypeError as e:
    print("TypeError", e)


def builtin_site(f, x):
    return f(x)


for _ in range(100):
    builtin_site(abs, -2)
print("builtin O", builtin_site(abs, -5), builtin_site(repr, 1), builtin_site(globals, 1) if False else "")
try:
    builtin_site(abs, "x")
except TypeError as e:
    print("TypeError", e)


def minmax_site(a, b, c):
    return max(a, b, c), min(a, b)


for _ in range(100):
    minmax_site(1, 2, 3)
print("builtin fast", minmax_site(4, 9, 2))


def frame_site():
    return sorted(k for k in locals()), len(globals()) > 0


print(frame_site(), frame_site())


def args_errors(f):
    return f(1, 2)


for _ in range(100):
    args_errors(add)


def one(a):
    return a


try:
    args_errors(one)
except TypeError as e:
    print("TypeError", e)


def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)


import sys

print(rec(500))
sys.setrecursionlimit(200)
try:
    rec(1000)
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(1000)


def gen(n):
    for i in range(n):
        yield i


def gen_site():
    return sum(gen(5))


for _ in range(100):
    gen_site()
print("gen", gen_site())


def frames():
    return sys._getframe(1).f_code.co_name, sys._getframe().f_back.f_lineno > 0


def caller():
    return frames()


for _ in range(100):
    caller()
print("frames", caller())
