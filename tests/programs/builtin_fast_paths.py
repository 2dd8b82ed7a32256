"""sum, range and equality on exact ints, floats and strs take shorter paths; results, errors
and the side effects of other types must be the general path's."""

import sys

# sum: ints overflowing a machine word, floats, mixed, bools, subclasses, custom __add__.
big = sys.maxsize
print(sum([big, big, 1]), sum([big, 1, -big]), sum([-big, -big, -2]))
print(sum([0.1] * 10), sum([1, 0.5, 2]), sum([2 ** 60, 0.5]), sum([2 ** 80, 1.0]))
print(sum([True, True, 3]), sum([1.5, True]), sum([], 7), sum([1, 2], 0.5))
print(sum(x * x for x in range(100)), sum((0.5 for _ in range(4)), 1))
print(sum([float("inf"), float("-inf")]), sum([1e308, 1e308]))


class MyInt(int):
    def __add__(self, other):
        print("MyInt.__add__", int(self), other)
        return MyInt(int(self) + other)

    def __radd__(self, other):
        print("MyInt.__radd__", int(self), other)
        return MyInt(int(self) + other)


print(type(sum([1, MyInt(2), 3])).__name__)
print(sum([[1], [2]], []))
for bad in (["a"], [1, "a"], [1.5, None]):
    try:
        sum(bad)
    except TypeError as e:
        print("TypeError", e)


def gen_with_return():
    yield 1
    yield 2
    return "ignored"


print(sum(gen_with_return()))


def gen_raising():
    yield 1
    raise ValueError("mid-sum")


try:
    sum(gen_raising())
except ValueError as e:
    print("ValueError", e)


def gen_stop():
    yield 1
    raise StopIteration


try:
    sum(gen_stop())
except RuntimeError as e:
    print("RuntimeError", e)

# range from machine words, big ints, bools, __index__, and bad arguments.
print(range(5), range(2, 5), range(1, 10, 3), range(-3), list(range(5, 0, -2)))
print(range(big, big + 2), len(range(-big, big)) if False else "skip")
print(range(True, 3), range(2 ** 70, 2 ** 70 + 2), list(range(2 ** 64, 2 ** 64 + 2)))


class Idx:
    def __index__(self):
        print("__index__")
        return 4


print(range(Idx()), range(1, Idx()))
for args in [(), (1, 2, 3, 4), (1.0,), ("3",), (1, 2, 0), (None,)]:
    try:
        print(range(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    range(stop=3)
except TypeError as e:
    print("TypeError", e)

# Equality in containment, index and count: exact types compare by value, others by __eq__.
nan = float("nan")
print(nan in [nan], float("nan") in [nan], 1 in [1.0], 1.0 in [True], "a" in ["b", "a"])
print([1, 2.0, "x"].index(2), [1, 2, 1, 1.0].count(1), (1, "a") == (1.0, "a"))
print(2 ** 70 in [2 ** 70], -0.0 in [0], "é" in ["e", "é"], 3 in [3.0000000001])


class Loud:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("Loud.__eq__", self.v, other)
        return self.v == other


print(3 in [1, Loud(3)], [Loud(1), 2].index(2), Loud(5) in [5])
print("done")
