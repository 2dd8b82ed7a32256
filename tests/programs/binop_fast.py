"""Binary operators on class instances: the direct call of the Python method and the protocol
around it (NotImplemented, reflected methods, subclasses, in-place forms, reassignment)."""


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        if isinstance(other, int):
            return V(self.x + other)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, V):
            return V(self.x - other.x)
        return NotImplemented

    def __rsub__(self, other):
        return V(other - self.x)

    def __mul__(self, k):
        if k == 13:
            raise ValueError("unlucky")
        return V(self.x * k)

    def __repr__(self):
        return "V(%r)" % (self.x,)


class W(V):
    def __radd__(self, other):
        return "W.__radd__(%r)" % (other,)


class R:
    def __radd__(self, other):
        return "R.__radd__"


class Seq(list):
    def __mul__(self, k):
        if k == 0:
            return NotImplemented
        return Seq(list.__mul__(self, k))


class Idx:
    def __index__(self):
        return 2


class Floaty:
    def __init__(self, x):
        self.x = x

    def __truediv__(self, other):
        return NotImplemented


class Acc:
    def __init__(self):
        self.n = 0

    def __add__(self, k):
        a = Acc()
        a.n = self.n + k
        return a


class IAcc(Acc):
    def __iadd__(self, k):
        self.n += 10 * k
        return self


class Defaults:
    def __sub__(self, other, extra=1):
        return extra


def run(i):
    a, b = V(i), V(2)
    out = [a - b, a + b, a + i, a * 3, a * 2.5]
    try:
        out.append(a - "s")
    except TypeError as e:
        out.append(str(e))
    try:
        out.append(a + "s")
    except TypeError as e:
        out.append(str(e))
    out.append(a + W(1))
    out.append(a + R())
    out.append(1 - a)
    try:
        a * 13
    except ValueError as e:
        out.append(repr(e))
    s = Seq([1])
    out.append(s * 2)
    try:
        out.append(Floaty(i) / 2)
    except TypeError as e:
        out.append(str(e))
    c = Acc()
    c += i
    c += 1
    out.append(c.n)
    d = IAcc()
    d += i
    out.append(d.n)
    e = V(i)
    e -= V(1)
    out.append(e)
    try:
        e -= "x"
    except TypeError as err:
        out.append(str(err))
    out.append(Defaults() - 1)
    return out


def sub2(self, other):
    return "sub2"


for i in range(100):
    if i == 80:
        V.__sub__ = sub2
    if i == 90:
        V.__mul__.__code__ = (lambda self, k: "new code").__code__
    r = run(i)
    if i % 20 == 0 or i in (79, 80, 89, 90, 99):
        print(i, r)
