# float(): conversion order, keywords in subclasses, bytes whitespace, NaN hashing, pow of zero.
import math
INF = float("inf"); NAN = float("nan")
for x, y in [(-0.0, -INF), (0.0, -INF), (-0.0, INF), (0.0, -1.0), (-0.0, -3.0), (2.0, -INF), (-INF, -3.0), (NAN, 0.0)]:
    try:
        print(x, y, x ** y, math.copysign(1, x ** y))
    except ZeroDivisionError as e:
        print(x, y, "ZeroDivisionError", e)

class subclass(float):
    pass
u = subclass(2.5)
print(type(u).__name__, float(u))
try:
    subclass(x=0)
except TypeError as e:
    print("TypeError", e)
class subclass_with_init(float):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg
u = subclass_with_init(2.5, newarg=3)
print(type(u).__name__, float(u), u.newarg)
class subclass_with_new(float):
    def __new__(cls, arg, newarg=None):
        self = super().__new__(cls, arg)
        self.newarg = newarg
        return self
u = subclass_with_new(2.5, newarg=3)
print(type(u).__name__, float(u), u.newarg)

class Foo2(float):
    def __float__(self):
        return 42.
print(float(Foo2()), float(Foo2(3)) )
class S(str):
    def __float__(self):
        return 7.0
print(float(S("1.5")), float(" 2.5\t"), float(b" 3.5\n"), float(bytearray(b"4.5")))
for bad in [b'123\xa0', b'\xa0123', b'1.5\x1c', "", b"", "1e", "x\udc80"]:
    try:
        print(float(bad))
    except ValueError as e:
        print("ValueError", e)
print(float("\xa01.5\u2003"))
n1 = float("nan"); n2 = float("nan")
print(hash(n1) == object.__hash__(n1), hash(n1) == hash(n1), len({n1, n2}), hash(1.5), hash(-0.0), hash(INF))
class I:
    def __index__(self): return 5
print(float(I()), float(True), float(10**20))
