# What is observable of the frames of Python-to-Python calls (the calls the fast path and the
# specialized CALL forms take): the recursion limit, tracebacks, f_back chains, frame locals,
# returns through finally/with, generators and replaced __code__. It must not change with how
# the loop runs such a call (a nested run, or the callee's frame run in the caller's activation).
import sys
import traceback


# --- the recursion limit counts every Python frame, and the error is recoverable ---------
def down(n):
    return down(n + 1)


def depth_reached():
    got = []

    def probe(n):
        got.append(n)
        return probe(n + 1)

    try:
        probe(0)
    except RecursionError as e:
        return len(got), str(e)


for _ in range(3):
    n1, msg = depth_reached()
print("limit message:", msg)
old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
n2, _ = depth_reached()
sys.setrecursionlimit(old)
n3, _ = depth_reached()
print("depth at 200 is 100 less than at 300:", n2 < n1 and n3 == n1)
sys.setrecursionlimit(300)
a, _ = depth_reached()
sys.setrecursionlimit(400)
b, _ = depth_reached()
sys.setrecursionlimit(old)
print("limit step:", b - a)


def recover(k):
    if k == 0:
        try:
            down(0)
        except RecursionError:
            return "recovered"
    return recover(k - 1)


for _ in range(3):
    print(recover(5))


# --- a traceback through three inlined frames ---------------------------------------------
def f1(x):
    return f2(x) + 1


def f2(x):
    y = x * 2
    return f3(y)


def f3(y):
    if y > 4:
        raise ValueError("too big: %d" % y)
    return y


for i in range(4):
    try:
        print("f1", i, f1(i))
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - f1.__code__.co_firstlineno))
            tb = tb.tb_next
        print("caught", e, names)
        lines = traceback.format_exception(type(e), e, e.__traceback__)
        print(len(lines), lines[-1].strip())


# --- an exception caught two inlined frames up ---------------------------------------------
def outer(n):
    try:
        return middle(n)
    except KeyError as e:
        return "outer caught %r" % (e.args[0],)


def middle(n):
    return inner(n) * 10


def inner(n):
    d = {1: 1}
    return d[n]


for n in (1, 2, 1, 3):
    print(outer(n))


# --- f_back chains -----------------------------------------------------------------------------
def chain():
    f = sys._getframe()
    out = []
    while f is not None and len(out) < 4:
        out.append(f.f_code.co_name)
        f = f.f_back
    return out


def c1():
    return c2()


def c2():
    return chain()


for _ in range(3):
    print(c1())


def has_locals(a, b=2):
    c = a + b
    return sorted(sys._getframe().f_locals.items()), sys._getframe(1).f_code.co_name


def calls_has_locals(a):
    return has_locals(a)


for _ in range(3):
    print(calls_has_locals(1))


# --- return through finally and with ------------------------------------------------------
log = []


class Ctx:
    def __enter__(self):
        log.append("enter")
        return self

    def __exit__(self, *exc):
        log.append("exit %s" % (exc[0].__name__ if exc[0] else None))
        return False


def ret_finally(x):
    try:
        return helper(x)
    finally:
        log.append("finally %d" % x)


def helper(x):
    if x < 0:
        raise IndexError(x)
    return x + 100


def ret_with(x):
    with Ctx():
        return helper(x)


for x in (1, -1, 2):
    for fn in (ret_finally, ret_with):
        try:
            print(fn.__name__, fn(x))
        except IndexError as e:
            print(fn.__name__, "IndexError", e)
print(log)


def finally_raises(x):
    try:
        return helper(x)
    finally:
        if x == 3:
            raise RuntimeError("in finally")


for x in (1, 3, 1):
    try:
        print(finally_raises(x))
    except RuntimeError as e:
        print("RuntimeError", e)


# --- a generator function called through a specialized site -------------------------------
def gen(n):
    for i in range(n):
        yield helper(i)


def use_gen(n):
    return list(gen(n))


for n in range(4):
    print(use_gen(n))


class Node:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def items(self):
        yield self.get()
        yield self.get() * 2


for i in range(4):
    node = Node(i)
    print(node.get(), list(node.items()), Node.get(node))


# --- __code__ replaced mid-loop ------------------------------------------------------------
def target(x):
    return x + 1


def replacement(x):
    return x * 1000


def replacement_gen(x):
    yield x


out = []
for i in range(12):
    if i == 4:
        target.__code__ = replacement.__code__
    if i == 8:
        target.__code__ = replacement_gen.__code__
    r = target(i)
    out.append(r if isinstance(r, int) else list(r))
print(out)


# --- deep non-raising recursion well inside the limit, repeatedly -------------------------
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(18))


def count(n):
    return 0 if n == 0 else 1 + count(n - 1)


print(count(900))
sys.setrecursionlimit(5000)
print(count(4500))
sys.setrecursionlimit(old)


# --- the frame object of an inlined frame kept by a traceback sees its locals ------------
def keeps(a):
    b = a * 3
    raise LookupError(b)


def calls_keeps(a):
    return keeps(a)


for a in (1, 2):
    try:
        calls_keeps(a)
    except LookupError as e:
        tb = e.__traceback__
        frames = []
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        print([f.f_code.co_name for f in frames], sorted(frames[-1].f_locals.items()))
