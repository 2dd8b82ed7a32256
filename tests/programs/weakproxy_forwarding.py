# Weak proxies stand for their referent: attributes (__class__ too), every operator,
# in-place operators, bytes(), reversed(), next(), operator.index(); the callback-less
# reference and proxy are shared and listed first by getweakrefs.
import operator
import weakref


class Num:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __matmul__(self, other):
        return ("matmul", other)

    def __rmatmul__(self, other):
        return ("rmatmul", other)

    def __imatmul__(self, other):
        return ("imatmul", other)

    def __floordiv__(self, other):
        return 42

    def __ifloordiv__(self, other):
        return 21

    def __lshift__(self, other):
        return self.v << other

    def __and__(self, other):
        return self.v & other

    def __pow__(self, other):
        return self.v ** other

    def __divmod__(self, other):
        return divmod(self.v, other)

    def __abs__(self):
        return abs(self.v)

    def __invert__(self):
        return ~self.v

    def __pos__(self):
        return +self.v

    def __int__(self):
        return self.v

    def __float__(self):
        return float(self.v)

    def __bytes__(self):
        return b"num%d" % self.v

    def __len__(self):
        return 3

    def __reversed__(self):
        return iter("cba")


n = Num(-5)
p = weakref.proxy(n)
print(p.__class__ is Num, type(p).__name__, isinstance(p, Num))
print(operator.index(p), p @ 1, 2 @ p, p // 3, p << 2, p & 6, p ** 2, divmod(p, 3))
print(abs(p), ~p, +p, int(p), float(p), bytes(p), "".join(reversed(p)))
print("__bytes__" in dir(p), "v" in dir(p))
q = p
q @= 7
print(q)
q = p
q //= 2
print(q)

def gen():
    yield from [1, 2, 3]


it = gen()
pi = weakref.proxy(it)
print(next(pi), list(pi))


def not_an_iterator():
    return 0


try:
    next(weakref.proxy(not_an_iterator))
except TypeError as e:
    print("TypeError:", e)
try:
    hash(weakref.proxy(not_an_iterator))
except TypeError as e:
    print("TypeError:", e)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)

# Sharing and list order.
o = Num(1)
p1 = weakref.proxy(o)
r = weakref.ref(o)
p2 = weakref.proxy(o, None)
print(p1 is p2, weakref.ref(o) is r, weakref.ref(o, None) is r)


class MyRef(weakref.ref):
    pass


m1 = MyRef(o)
m2 = MyRef(o)
cb = weakref.ref(o, lambda w: None)
refs = weakref.getweakrefs(o)
print(refs[0] is r, refs[1] is p1, refs[2] is cb, refs[3] is m2, refs[4] is m1)
print(weakref.getweakrefcount(o))

try:
    r.__init__(0, 0, 0, 0, 0)
except TypeError as e:
    print("TypeError:", e)
del n
try:
    p.v
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    p + 1
except ReferenceError as e:
    print("ReferenceError:", e)
