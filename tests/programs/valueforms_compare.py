# COMPARE_OP's forms fused with the jump after them, and their way back.


class Loud(str):
    def __eq__(self, other):
        print("Loud.__eq__", str.__str__(self), other)
        return True

    __hash__ = str.__hash__


class Odd(int):
    def __lt__(self, other):
        return "yes"


class Weird(float):
    def __gt__(self, other):
        return []


def count_lt(pairs):
    n = 0
    for a, b in pairs:
        if a < b:
            n += 1
    return n


def count_eq(pairs):
    n = 0
    for a, b in pairs:
        if a == b:
            n += 1
    return n


def count_ne(pairs):
    n = 0
    for a, b in pairs:
        if not a != b:
            n += 1
    return n


def count_gt(pairs):
    n = 0
    for a, b in pairs:
        if a > b:
            n += 1
    return n


def values_lt(pairs):
    # Not followed by a jump: a bool is made.
    return [a < b for a, b in pairs]


ints = [(i, 100 - i) for i in range(200)]
print(count_lt(ints), count_eq(ints), count_gt(ints))
mixed = [(2**64, 1), (1, 2**64), (-(2**70), 0), (1.5, 2), (True, 2), (Odd(3), 1), (2, Odd(3))]
print(count_lt(mixed * 20), count_gt(mixed * 20))
print(count_lt(ints), values_lt(mixed))

floats = [(i * 0.5, 50.0 - i * 0.5) for i in range(200)]
nan = float("nan")
print(count_lt(floats), count_gt(floats), count_eq(floats))
print(count_lt([(nan, 1.0), (1.0, nan), (nan, nan), (-0.0, 0.0), (float("-inf"), -1e308)] * 20))
print(count_eq([(nan, nan), (0.0, -0.0), (1, 1.0), (Weird(1.0), 1.0)] * 20))
print(count_gt([(Weird(2.0), 1.0), (2.0, Weird(1.0))] * 40))

strs = [("k%d" % (i % 7), "k3") for i in range(200)]
print(count_eq(strs), count_ne(strs), count_lt(strs))
print(count_eq([(Loud("a"), "b"), ("a", Loud("b")), ("a", "a"), ("\ud800", "\ud800")]))
print(count_eq(strs), count_eq([("a", 1), (None, None), ((1,), (1,))] * 30))
try:
    count_lt([("a", 1)])
except TypeError as e:
    print("TypeError:", e)
try:
    count_lt(ints[:100] + [(1, "a")])
except TypeError as e:
    print("TypeError:", e)


def loop(n):
    i = 0
    while i < n:
        i += 1
    return i


print(loop(1000), loop(2**65 - 2**65 + 300))
