# Special methods assigned to or deleted from a class after its creation take effect, also
# for subclasses and through __bases__ assignment.


def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError", e)


class V:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "V(%r)" % self.v


class W(V):
    pass


a, b = V(1), W(2)
attempt("add before", lambda: a + b)
V.__add__ = lambda s, o: V(s.v + getattr(o, "v", o))
attempt("add after", lambda: a + b)
attempt("subclass add", lambda: b + a)
attempt("radd missing", lambda: 1 + a)
V.__radd__ = lambda s, o: V(o * 100 + s.v)
attempt("radd", lambda: 1 + a)
W.__radd__ = lambda s, o: "W.radd"
attempt("subclass radd first", lambda: a + b)
del W.__radd__
attempt("deleted radd", lambda: a + b)
x = a
x += 5
print("iadd via add", x)
V.__iadd__ = lambda s, o: "iadd"
x = a
x += 5
print("iadd", x)
del V.__iadd__, V.__add__
attempt("deleted add", lambda: a + b)
attempt("neg before", lambda: -a)
W.__neg__ = lambda s: "neg W"
attempt("neg on V", lambda: -a)
attempt("neg on W", lambda: -b)
attempt("len before", lambda: len(a))
V.__len__ = lambda s: 3
attempt("len", lambda: (len(a), len(b), bool(a)))
V.__bool__ = lambda s: False
attempt("bool", lambda: bool(b))
V.__getitem__ = lambda s, i: i * 2
attempt("getitem", lambda: (a[4], list(zip(range(3), iter(b)))))
V.__eq__ = lambda s, o: "eq!"
attempt("eq", lambda: (a == 1, 1 == b))
V.__hash__ = lambda s: 42
attempt("hash", lambda: hash(b))
V.__call__ = lambda s, *args: ("called", args)
attempt("call", lambda: b(1, 2))
V.__iter__ = lambda s: iter("xy")
attempt("iter", lambda: list(b))
V.__contains__ = lambda s, o: o == "z"
attempt("contains", lambda: ("z" in b, "x" in b))
V.__index__ = lambda s: 2
attempt("index", lambda: [10, 20, 30][b])
V.__float__ = lambda s: 1.5
attempt("float", lambda: float(b))


class Base:
    pass


class P(Base):
    def __mul__(self, o):
        return "P.mul"


class Q(Base):
    pass


q = Q()
attempt("mul before", lambda: q * 2)
Q.__bases__ = (P,)
attempt("mul after bases", lambda: q * 2)
Q.__bases__ = (Base,)
attempt("mul after reset", lambda: q * 2)
