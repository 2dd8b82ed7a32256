# The active-frame registry through calls: outer frames' namespaces, positions and codes,
# after errors, recursion limits, generators, exec and frames of every size.
import sys


def chain():
    names = []
    f = sys._getframe(1)
    while f is not None:
        names.append((f.f_code.co_name, type(f.f_locals).__name__ if f.f_code.co_name == "<module>" else None))
        f = f.f_back
    return names


class Outer:
    a = 1

    class Inner:
        b = 2
        seen = chain()
        ns = sys._getframe().f_back.f_locals
        print("outer ns has a:", "a" in ns, "Inner" in ns)

    print(Inner.seen)


ns = {"chain": chain, "sys": sys}
exec("def viaexec():\n    return chain()\nresult = viaexec()\nhere = sorted(k for k in sys._getframe().f_locals if k != '__builtins__')", ns)
print(ns["result"][:2], ns["here"])


def lines():
    out = []
    f = sys._getframe(1)
    while f is not None:
        out.append(f.f_lineno)
        f = f.f_back
    return out


def caller_a():
    return lines()


def caller_b():
    x = caller_a()
    return x


print(caller_b()[:3])

# After a RecursionError the registry is back to the same depth.
def depth():
    n = 0
    f = sys._getframe()
    while f is not None:
        n += 1
        f = f.f_back
    return n


before = depth()


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
print(depth() == before, lines()[:1])

# Frames of a function with many locals and one with a deep stack (the pool's storage grows).
def many(a, b=2, *rest):
    v00 = v01 = v02 = v03 = v04 = v05 = v06 = v07 = v08 = v09 = a
    v10 = v11 = v12 = v13 = v14 = v15 = v16 = v17 = v18 = v19 = b
    v20 = v21 = v22 = v23 = v24 = v25 = v26 = v27 = v28 = v29 = len(rest)
    return (v00 + v19 + v29, [[[[[[[[1, 2, 3, [4, 5, (6, 7, {8: 9})]]]]]]]]], sys._getframe().f_back.f_code.co_name)


def calls_many():
    return many(1), many(1, 5, 6, 7)


print(calls_many())


def rec(n):
    if n == 0:
        return depth()
    return rec(n - 1)


base = depth()
print([rec(k) - base for k in (0, 1, 70, 130)])

# Generators: the running generator's frame is in the chain; a suspended one is not.
def gen():
    yield chain()[:2]
    yield sys._getframe().f_back.f_code.co_name


def drive():
    g = gen()
    first = next(g)
    second = next(g)
    return first, second, depth() - base


print(drive())

# Errors inside calls: tracebacks name every frame once.
def fail(n):
    if n == 0:
        raise ValueError("bottom")
    return fail(n - 1)


try:
    fail(3)
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(names)
print(depth() == base)


# A method called through every fast form, with defaults and a closure.
def make():
    k = 10

    class C:
        def m(self, x, y=1):
            return x + y + k + len(chain())

    return C()


c = make()
bound = c.m
print(c.m(1), c.m(1, 2), bound(3), type(c).m(c, 4) - depth())
