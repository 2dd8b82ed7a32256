"""Class calls through the allocate-and-init fast path and its fallbacks."""


class P:
    def __init__(self, x, y=10):
        self.x = x
        self.y = y


class S:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class Bad:
    def __init__(self, v):
        self.v = v
        if v == 25:
            return 5


class Raises:
    def __init__(self, v):
        if v == 20:
            raise ValueError("init failed %d" % v)
        self.v = v


class WithNew:
    def __new__(cls, v):
        o = object.__new__(cls)
        o.made = v
        return o

    def __init__(self, v):
        self.v = v


class Meta(type):
    calls = 0

    def __call__(cls, *args, **kw):
        Meta.calls += 1
        return super().__call__(*args, **kw)


class M(metaclass=Meta):
    def __init__(self, v):
        self.v = v


class L(list):
    def __init__(self, v):
        super().__init__(range(v))
        self.tag = v


class D(dict):
    def __init__(self, v):
        self["v"] = v


class Star:
    def __init__(self, *args):
        self.args = args


class KW:
    def __init__(self, a, b=2, *, c=3):
        self.t = (a, b, c)


class Gen:
    def __init__(self, v):
        yield v


class Sub(P):
    pass


class Reassigned:
    def __init__(self, v):
        self.v = v


def init2(self, v):
    self.v = -v


class NewLater:
    def __init__(self, v):
        self.v = v


def make_all(i):
    out = []
    out.append((P(i).x, P(i, i).y, Sub(i).y))
    s = S(i, i + 1)
    out.append((s.a, s.b))
    out.append(WithNew(i).made)
    out.append(M(i).v)
    out.append((len(L(i % 5)), L(3).tag))
    out.append(D(i)["v"])
    out.append(Star(i, i).args)
    out.append(KW(i).t)
    out.append(KW(i, c=i).t)
    out.append(P(x=i).x)
    out.append(Reassigned(i).v)
    o = NewLater(i)
    out.append(o if isinstance(o, str) else o.v)
    return out


for i in range(100):
    if i == 70:
        Reassigned.__init__ = init2
        NewLater.__new__ = lambda cls, v: "from new %d" % v
    r = make_all(i)
    if i % 10 == 0 or 68 < i < 73:
        print(r)
    try:
        Bad(i)
    except TypeError as e:
        print(i, type(e).__name__, e)
    try:
        Raises(i)
    except ValueError as e:
        print(i, type(e).__name__, e)
    for cls in (Bad, Raises):
        try:
            cls(i + 5)
        except Exception as e:
            print(i, "poly", type(e).__name__, e)
    try:
        Gen(i)
    except TypeError as e:
        if i % 10 == 0:
            print(e)
    try:
        P()
    except TypeError as e:
        if i % 10 == 0:
            print(e)
    try:
        S(i)
    except TypeError as e:
        if i % 10 == 0:
            print(e)
print(Meta.calls)


def init3(self, a, b, c):
    self.s = a + b + c


for i in range(100):
    if i == 95:
        P.__init__ = init3
    try:
        print(P(i, i).__dict__) if i % 10 == 0 else P(i, i)
    except TypeError as e:
        print(i, e)
print(P(1, 2, 3).s)
print(Sub(1, 2, 3).s)
