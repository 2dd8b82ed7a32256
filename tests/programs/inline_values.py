# Instances keep their attributes inline until `__dict__` is asked for: every way of reading,
# writing and deleting attributes must behave as with a dict.
import copy
import gc
import pickle
import weakref


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


p = P(1, 2)
print(p.a, p.b, vars(p))
p.a = 10
print(p.a, vars(p))
d = p.__dict__
print(d is p.__dict__, d is vars(p))
d["c"] = 3
print(p.c)
p.e = 5
print(d, "e" in d)
del d["a"]
print(hasattr(p, "a"), vars(p))
d.clear()
print(vars(p), hasattr(p, "b"))

# Setting in another order than the class's first instance: insertion order is kept.
q = P.__new__(P)
q.b = 1
q.a = 2
print(vars(q), q.a, q.b)

# Deleting the last, then a middle attribute.
r = P(1, 2)
del r.b
print(vars(r))
r.b = 3
r.c = 4
print(vars(r))
del r.b
print(vars(r), r.a, r.c)
try:
    del r.zz
except AttributeError as e:
    print("AttributeError:", e)
try:
    r.zz
except AttributeError as e:
    print("AttributeError:", e)

# Many attributes.
m = P(1, 2)
for i in range(40):
    setattr(m, "x%d" % i, i)
print(len(vars(m)), m.x39, list(vars(m))[:4])
n = P(3, 4)
print(vars(n), n.a + n.b)

# Names that are not exact str.
class S(str):
    pass


s = P(1, 2)
setattr(s, S("a"), 99)
print(s.a, vars(s), getattr(s, S("b")))
s.__dict__[1] = "one"
print(vars(s))

# Replacing and deleting __dict__.
t = P(1, 2)
t.__dict__ = {"z": 26}
print(vars(t), hasattr(t, "a"))
t.y = 25
print(vars(t))
try:
    t.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)

# Class attributes, data descriptors, hooks.
class Q:
    k = "class"

    @property
    def prop(self):
        return "property"

    def meth(self):
        return "method"


o = Q()
print(o.k, o.prop, o.meth())
o.k = "instance"
o.meth = lambda: "shadowed"
print(o.k, o.meth(), Q.k, list(vars(o)))
try:
    o.prop = 1
except AttributeError as e:
    print("AttributeError:", e)
del o.meth
print(o.meth())


class G:
    def __getattr__(self, name):
        return "missing " + name

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


g = G()
g.x = 2
print(g.x, g.y, vars(g))

# __class__ assignment between classes with different shared keys.
class A:
    pass


class B:
    pass


b0 = B()
b0.u = 1
b0.v = 2
a = A()
a.v = "v"
a.u = "u"
a.__class__ = B
print(type(a).__name__, vars(a), a.u, a.v)
a.w = 3
print(vars(a))

# Subclasses, __slots__ + __dict__, builtin subclasses, exceptions.
class PP(P):
    def __init__(self):
        super().__init__(1, 2)
        self.c = 3


pp = PP()
print(vars(pp), isinstance(pp, P))


class SD:
    __slots__ = ("x", "__dict__")


sd = SD()
sd.x = 1
sd.y = 2
print(sd.x, vars(sd))


class L(list):
    pass


lst = L([1, 2])
lst.tag = "t"
print(lst, vars(lst), lst.tag)


class E(Exception):
    pass


ex = E("msg")
ex.code = 7
print(ex.code, vars(ex), ex.args)

# Copy, pickle, weakref.
c0 = P([1], {"k": 2})
c1 = copy.copy(c0)
c2 = copy.deepcopy(c0)
print(vars(c1), c1.a is c0.a, c2.a is c0.a, vars(c2))
c3 = pickle.loads(pickle.dumps(c0))
print(type(c3).__name__, vars(c3))
w = weakref.ref(c0)
print(w() is c0)
del c0, c1
print(w())

# Cycles through inline values are collected; finalizers see their attributes.
class F:
    def __del__(self):
        print("del", self.name, self.other.name)


gc.collect()
f1 = F()
f2 = F()
f1.name = "f1"
f2.name = "f2"
f1.other = f2
f2.other = f1
del f1, f2
print("collected", gc.collect() >= 2)

k = P(None, None)
k.a = k
print(gc.get_referents(k) == [k, None, P])
del k
print("collected", gc.collect())

print(sorted(x for x in dir(P(1, 2)) if not x.startswith("__")))
