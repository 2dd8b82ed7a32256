# LOAD_METHOD/LOAD_ATTR on a class holding a classmethod or staticmethod, instance values
# read and written inline, and == / != of instances comparing as object's (identity).


class Strength:
    def __init__(self, v):
        self.v = v

    @classmethod
    def stronger(cls, a, b):
        return (cls.__name__, a.v < b.v)

    @staticmethod
    def weaker(a, b):
        return a.v > b.v


class Sub(Strength):
    pass


def use_methods(cls, n):
    out = []
    for i in range(n):
        out.append(cls.stronger(Strength(i), Strength(5)))
        out.append(cls.weaker(Strength(i), Strength(5)))
    return out


print(use_methods(Strength, 40)[-4:])
# The same instruction sees a subclass: the classmethod binds to the class it was read on.
print(use_methods(Sub, 40)[-4:])


def attr_reads(cls, n):
    out = []
    for _ in range(n):
        f = cls.stronger
        g = cls.weaker
        out.append((f.__self__.__name__, f(Strength(1), Strength(2)), g(Strength(3), Strength(2))))
    return out


print(attr_reads(Strength, 40)[-1], attr_reads(Sub, 3)[-1])

# Replacing the methods on the class changes what the warmed instructions give.
Strength.stronger = staticmethod(lambda a, b: "replaced static")
Strength.weaker = classmethod(lambda cls, a, b: ("replaced class", cls.__name__))
print(use_methods(Strength, 3)[-2:], use_methods(Sub, 3)[-2:])
print(Sub.stronger(1, 2), Sub.weaker(1, 2), Sub.weaker.__self__.__name__)

# A classmethod wrapping a non-function callable, and a plain callable class attribute.
class Other:
    k = classmethod(len)
    s = staticmethod(len)


def other_calls(n):
    out = []
    for _ in range(n):
        try:
            out.append(Other.k())
        except TypeError as e:
            out.append(str(e))
        out.append(Other.s("abc"))
    return out


print(other_calls(40)[-2:])

# Inline values: overwrite, delete and re-set, and a materialized __dict__.
class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def bump(ps, n):
    for _ in range(n):
        for p in ps:
            p.a = p.a + 1
            p.b = p.b * 1
    return [(p.a, p.b) for p in ps]


ps = [P(i, i) for i in range(3)]
print(bump(ps, 40))
del ps[1].a
try:
    bump(ps, 1)
except AttributeError as e:
    print("AttributeError", e)
ps[1].a = 100
ps[2].__dict__["c"] = 1
print(bump(ps, 40), vars(ps[2]))
ps[0].__dict__ = {"a": -1, "b": -1}
print(bump(ps, 2))


# == / != on instances: identity, None, and classes that define comparisons.
class Plain:
    pass


class Eq:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Eq) and self.k == other.k


class EqChild(Eq):
    pass


class NeOnly:
    def __ne__(self, other):
        return "ne called"


class LtOnly:
    def __lt__(self, other):
        return "lt called"


def compares(pairs, n):
    out = []
    for _ in range(n):
        out = []
        for a, b in pairs:
            out.append((a == b, a != b))
            if a == b:
                out.append("eq")
            if a != b:
                out.append("ne")
    return out


p, q = Plain(), Plain()
pairs = [(p, p), (p, q), (p, None), (None, p), (p, 1), (object(), p)]
print(compares(pairs, 40))
# The class gains __eq__ after the instructions warmed up.
Plain.__eq__ = lambda self, other: "eq via class"
print(compares(pairs, 2))
del Plain.__eq__
print(compares(pairs, 2))
print(compares([(Eq(1), Eq(1)), (EqChild(2), Eq(2)), (Eq(1), Eq(3)), (Eq(1), None)], 40))
print(compares([(NeOnly(), NeOnly()), (LtOnly(), LtOnly())], 40))
try:
    Plain() < Plain()
except TypeError as e:
    print("TypeError", e)


class Ordered(list):
    pass


a, b = Ordered([1]), Ordered([1])
print(compares([(a, b), (a, Ordered([2])), (a, [1])], 40))
