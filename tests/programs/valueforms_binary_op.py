# BINARY_OP's specialized forms and their way back: each site runs long enough to
# specialize, then sees other operand types (misses, then de-specialization).


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


class MyStr(str):
    def __add__(self, other):
        return "MyStr.__add__(" + str.__add__(self, other) + ")"


class MyInt(int):
    def __sub__(self, other):
        return "MyInt.__sub__"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.__mul__"


def run(f, pairs):
    out = []
    for a, b in pairs:
        try:
            out.append(f(a, b))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


# An int site that later sees floats, bigints, bools, strs and subclasses.
ints = [(i, i * 3) for i in range(200)]
later = [(1.5, 2), (2, 0.25), (0.1, 0.2), (2**62, 2**62), (-(2**63), -1), (True, True),
         ("a", "b"), (MyStr("x"), "y"), ("y", MyStr("x")), (MyInt(5), 1), (1, None),
         ([1], [2]), ((1,), (2,)), (float("inf"), float("-inf"))]
print(sum(run(add, ints)))
print(run(add, later * 10)[:14])
print(sum(run(add, ints)))
print(run(sub, ints)[-3:], run(sub, [(-(2**63), 1), (MyInt(3), 1), (1.0, MyFloat(2.0))]))
print(run(mul, ints)[-3:], run(mul, [(2**40, 2**40), (-(2**32), 2**31), (MyFloat(2.0), 3)]))
print(run(mul, [(3, "ab"), ("ab", 3), ([0], 2), (1.5, 1.5)]))

# A float site that later sees ints and mixed pairs.
floats = [(i * 0.5, i * 0.25) for i in range(200)]
print(sum(run(add, floats)), sum(run(sub, floats)), sum(run(mul, floats)))
print(run(add, [(1, 2), (1, 2.5), (2.5, 1), (MyFloat(1.0), 1.0), (1e308, 1e308)]))
print(run(sub, [(float("nan"), 1.0), (0.0, -0.0), (-0.0, 0.0)]))
print(run(mul, [(-0.0, 5.0), (1e200, 1e200), (float("inf"), 0.0)]))

# Str concatenation, plain and into the left operand's local.
words = [("w%d" % i, "-") for i in range(200)]
print(len("".join(run(add, words))))


def accumulate(parts):
    s = ""
    for p in parts:
        s += p
    return s


def accumulate_other(parts):
    s = ""
    t = "start"
    for p in parts:
        t = s + p
        s = t
    return s, t


def accumulate_plus(parts):
    s = ""
    for p in parts:
        s = s + p
    return s


parts = [str(i % 10) for i in range(300)]
print(accumulate(parts)[-20:], len(accumulate(parts)))
print(accumulate_other(parts)[1][-10:], accumulate_plus(parts)[-10:])
print(accumulate(parts[:100] + [MyStr("!")] + parts[:5])[-40:])
try:
    accumulate(parts[:100] + [3])
except TypeError as e:
    print("TypeError:", e)


# += on a list in a local (not a str): the generic path.
def extend(n):
    x = []
    for i in range(n):
        x += [i]
    return x


print(len(extend(150)), extend(150)[-1])


def counter(n):
    i = 0
    total = 0
    while i < n:
        total += i * i - i
        i += 1
    return total


print(counter(1000), counter(5000))


def overflow(n):
    x = 1
    for _ in range(n):
        x = x * 3 + 1
    return x


print(overflow(100) % 1000003, overflow(200) % 1000003)
