# Calls that take the exact-arguments fast path, and their edges (errors, defaults, methods,
# replaced __code__/__defaults__, recursion, tracebacks, frames, generators).
import sys
import functools


def add(a, b):
    return a + b


def with_defaults(a, b=2, c=3):
    return (a, b, c)


def no_args():
    return "none"


class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k=2):
        return Point(self.x * k, self.y * k)


def report(f, *args):
    try:
        print("ok", f(*args))
    except Exception as e:
        print(type(e).__name__, e)


# Warm up, then the errors.
for i in range(50):
    add(i, i)
    with_defaults(i)
print(add(1, 2), with_defaults(1), with_defaults(1, 5), with_defaults(1, 5, 6))


def call_errors():
    try:
        add(1)
    except TypeError as e:
        print(e)
    try:
        add(1, 2, 3)
    except TypeError as e:
        print(e)
    try:
        with_defaults()
    except TypeError as e:
        print(e)
    try:
        with_defaults(1, 2, 3, 4)
    except TypeError as e:
        print(e)
    try:
        no_args(1)
    except TypeError as e:
        print(e)
    p = Point(1)
    try:
        p.norm2(5)
    except TypeError as e:
        print(e)
    m = p.norm2
    try:
        m(1, 2)
    except TypeError as e:
        print(e)


for _ in range(3):
    call_errors()

# Methods: LOAD_METHOD + CALL, bound method objects, methods stored and called later.
p = Point(3, 4)
print(p.norm2(), p.scaled().norm2(), p.scaled(3).x)
bound = p.norm2
print(bound(), bound(), Point.norm2(p))
meths = [p.norm2, p.scaled]
print([m() if m is meths[0] else m(10).y for m in meths])

# Bound methods of builtins, partial objects.
lst = []
app = lst.append
for i in range(5):
    app(i)
print(lst, [].__len__(), {"a": 1}.get("a"), {"a": 1}.get("b", 9))
part = functools.partial(with_defaults, 10)
print(part(), part(20), part(c=30))
part2 = functools.partial(add, b=7)
print(part2(1))


# __code__ and __defaults__ replaced after warm-up.
def f(a, b=1):
    return a + b


def g(a, b, c):
    return a * b * c


for i in range(100):
    f(i)
print(f(1), f(1, 5))
f.__defaults__ = (100,)
print(f(1))
f.__defaults__ = None
try:
    f(1)
except TypeError as e:
    print(e)
f.__code__ = g.__code__
try:
    f(1, 2)
except TypeError as e:
    print(e)
print(f(1, 2, 3))


# Recursion depth.
def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(500))


# Tracebacks through fast calls.
def inner(x):
    return 1 // x


def middle(x):
    return inner(x) + 1


def outer(x):
    return middle(x) * 2


try:
    outer(0)
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb is not None:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno)
        tb = tb.tb_next


# sys._getframe from a fast-called function.
def who_called():
    return sys._getframe(1).f_code.co_name


def caller_a():
    return who_called()


class K:
    def m(self):
        return who_called()

    def n(self):
        return sys._getframe(0).f_code.co_name, sys._getframe(1).f_code.co_name


print(caller_a(), K().m(), K().n())


# Generators created by fast calls.
def gen(n, step=1):
    for i in range(0, n, step):
        yield i


print(list(gen(5)), list(gen(10, 3)), sum(gen(4)))


class Counter:
    def __init__(self, n):
        self.n = n

    def items(self):
        yield from range(self.n)


print(list(Counter(3).items()))


# Exceptions propagating through several frames, caught in the middle.
def raiser(n):
    if n == 0:
        raise ValueError("bottom")
    return raiser(n - 1)


def catcher():
    try:
        raiser(5)
    except ValueError as e:
        return "caught " + str(e)


print(catcher())


# Closures and cells.
def make_adder(k):
    def adder(x):
        return x + k

    return adder


def cell_arg(x, y=5):
    def get():
        return x + y

    return get()


a5 = make_adder(5)
print(a5(1), a5(2), cell_arg(1), cell_arg(1, 1))


# Arguments are released when the call ends (moved into the callee's frame).
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def takes(o):
    print("in takes", o.name)


takes(Noisy("a"))
print("after")


# Keyword calls and star calls still bind correctly.
print(with_defaults(1, c=9), with_defaults(*(1, 2)), with_defaults(**{"a": 4}))
print(Point(x=1, y=2).norm2())
