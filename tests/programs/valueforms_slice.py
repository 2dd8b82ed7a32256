# List slices on the stack (BUILD_SLICE run with the subscript after it) and every way back to
# the slice object: other containers, subclasses, other bounds, zero steps, other values.
import sys


def get2(c, a, b):
    return c[a:b]


def get3(c, a, b, s):
    return c[a:b:s]


def put2(c, a, b, v):
    c[a:b] = v
    return c


def put3(c, a, b, s, v):
    c[a:b:s] = v
    return c


def tryall(f, cases):
    out = []
    for args in cases:
        try:
            out.append(f(*args))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


class Index:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        print("  __index__", self.i)
        return self.i


class MyInt(int):
    def __index__(self):
        return 99


class Sub(list):
    def __getitem__(self, k):
        return "Sub[%r]" % (k,)

    def __setitem__(self, k, v):
        print("  Sub set", k, v)


class Plain(list):
    pass


class Key:
    def __getitem__(self, k):
        return k


base = list(range(10))
# Warm and specialize, then run on other operands.
for _ in range(100):
    get2(base, 2, 5)
    get3(base, None, None, -1)
    put2(list(base), 0, 3, [7, 8])

print(tryall(get2, [
    (base, 2, 5), (base, None, None), (base, -3, None), (base, 8, 2), (base, -100, 100),
    (base, 10 ** 30, None), (base, -10 ** 30, 3), (base, None, -10 ** 30), (base, True, False),
    (base, MyInt(1), 4), (base, Index(2), Index(6)), (base, "a", 3), (base, 1.0, 2),
    ((0, 1, 2, 3), 1, 3), ("abcdef", 1, 4), (range(10), 2, 5), (Sub([1, 2]), 0, 1),
    (Plain([1, 2, 3]), 0, 2), (Key(), 1, 2), ({}, 0, 1), (None, 0, 1),
]))
print(tryall(get3, [
    (base, None, None, -1), (base, 8, 2, -2), (base, 1, 9, 3), (base, None, None, 0),
    (base, None, None, -10 ** 30), (base, None, None, 10 ** 30), (base, 5, None, Index(-1)),
    (base, None, None, False), (base, None, None, True), (Sub([1]), 1, 2, 3),
]))
print(tryall(put2, [
    (list(base), 0, 3, [7, 8]), (list(base), None, None, []), (list(base), -2, None, [1, 2, 3]),
    (list(base), 8, 2, [5]), (list(base), 0, 2, (1,)), (list(base), 0, 2, "xy"),
    (list(base), 0, 2, Plain([4])), (list(base), 0, 2, 5), (list(base), Index(1), 3, [0]),
    (list(base), 10 ** 30, None, [1]), (Sub([1, 2]), 0, 1, [3]), (Plain([1, 2]), 0, 1, [3]),
    ((1, 2), 0, 1, [3]), (list(base), "a", 1, []),
]))
print(tryall(put3, [
    (list(base), None, None, 1, [1]), (list(base), None, None, None, []),
    (list(base), None, None, 2, [0] * 5), (list(base), None, None, -1, list(range(10))),
    (list(base), None, None, 2, [1]), (list(base), None, None, 0, []),
]))

# The list itself as the value, and the same list on both sides.
a = [1, 2, 3]
for _ in range(30):
    a[1:2] = a
    a = a[:3]
print(a)
a = [1, 2, 3]
a[:] = a
a[1:] = a[::-1]
print(a)


# A finalizer run by a removed item sees the frame at the store.
class Noisy:
    def __del__(self):
        f = sys._getframe(1)
        print("  del at line", f.f_lineno, "in", f.f_code.co_name)


def drop_items():
    x = [Noisy(), 1, 2]
    x[0:1] = [0]
    return x


print(drop_items())

# Errors in slices keep their tracebacks.
def bad(c):
    return c[1:"x"]


try:
    bad([1, 2, 3])
except TypeError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print(type(e).__name__, e, tb.tb_lineno)

# A loop of them, as fannkuch does.
perm = list(range(9))
flips = 0
for k in [8, 3, 5, 1, 7, 2, 6, 4] * 20:
    perm[:k + 1] = perm[k::-1]
    flips += perm[0]
print(perm, flips)
