# LOAD_ATTR / LOAD_METHOD / STORE_ATTR specialization: warm sites whose types change.
N = 120


class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v

    def meth(self):
        return "Base.meth"


class Sub(Base):
    pass


def read_v(o):
    return o.v


def read_kind(o):
    return o.kind


def call_meth(o):
    return o.meth()


objs = [Sub(i) for i in range(N)]
print(sum(read_v(o) for o in objs))

# A class attribute reassigned after warm-up.
kinds = []
for i, o in enumerate(objs):
    kinds.append(read_kind(o))
    if i == 60:
        Base.kind = "changed"
print(kinds[60], kinds[61], kinds[-1])
objs[0].kind = "instance"
print(read_kind(objs[0]), read_kind(objs[1]))

# A method replaced on the base class, then shadowed by an instance attribute.
seen = []
for i, o in enumerate(objs):
    seen.append(call_meth(o))
    if i == 70:
        Base.meth = lambda self: "replaced"
print(seen[70], seen[71], seen[-1])
objs[5].meth = lambda: "instance"
print(call_meth(objs[5]), call_meth(objs[6]))
Sub.meth = lambda self: "Sub.meth"
print(call_meth(objs[6]))


# __class__ assigned under a warm site.
class Other:
    def __init__(self):
        self.v = "other v"

    def meth(self):
        return "Other.meth"


class Other2:
    def meth(self):
        return "Other2.meth"


o = Sub(1)
for i in range(N):
    call_meth(o)
    read_v(o)
o.__class__ = Other2
print(call_meth(o), read_v(o))


# Slots and dict instances alternating at one site (polymorphic).
class Slotted:
    __slots__ = ("v", "w")

    def __init__(self, v):
        self.v = v


mixed = [Slotted(i) if i % 2 else Sub(i) for i in range(400)]
print(sum(read_v(m) for m in mixed))
e = Slotted(0)
del e.v
try:
    read_v(e)
except AttributeError as ex:
    print("AttributeError:", ex)
try:
    e.w
except AttributeError as ex:
    print("AttributeError:", ex)


# __getattr__ added to a class later.
class Lazy:
    def __init__(self):
        self.here = 1


def read_missing(o):
    try:
        return o.missing
    except AttributeError:
        return "missing"


lz = Lazy()
res = [read_missing(lz) for i in range(N)]
Lazy.__getattr__ = lambda self, name: "via __getattr__ " + name
res.append(read_missing(lz))
print(res[0], "|", res[-1])


def read_here(o):
    return o.here


for i in range(N):
    read_here(lz)
Lazy.__getattribute__ = lambda self, name: "via __getattribute__ " + name
print(read_here(lz))
del Lazy.__getattribute__
print(read_here(lz))


# A data descriptor appears on the type under a warm instance read.
class Desc:
    def __get__(self, obj, owner):
        return "descriptor"

    def __set__(self, obj, value):
        print("Desc.__set__", value)


class Holder:
    def __init__(self):
        self.x = "instance x"


h = Holder()
for i in range(N):
    read_x = h.x
print(read_x)
Holder.x = Desc()
print(h.x)
h.x = 5


def store_x(o, v):
    o.x = v


h2 = Holder()
del Holder.x
for i in range(N):
    store_x(h2, i)
print(h2.x)
Holder.x = Desc()
store_x(h2, "new")
print(h2.__dict__["x"])


# A property, then replaced by a plain value.
class P:
    def __init__(self):
        self._v = 3

    @property
    def v(self):
        return self._v * 2


p = P()
print(sum(read_v(p) for i in range(N)))
P.v = 11
print(read_v(p))
del P.v
print(read_v(p) if hasattr(p, "v") else "no v")


# Attributes of a class object and of a module.
class K:
    limit = 10

    def helper(x):
        return x + 1


def read_limit():
    return K.limit


def call_helper():
    return K.helper(1)


print(sum(read_limit() for i in range(N)), sum(call_helper() for i in range(N)))
K.limit = 20
K.helper = staticmethod(lambda x: x + 100)
print(read_limit(), call_helper())

import math


def use_math():
    return math.floor(2.5) + math.pi


print(sum(use_math() for i in range(N)))
math.floor = lambda x: 100
print(use_math())
del math.floor
try:
    use_math()
except AttributeError as ex:
    print("AttributeError:", ex)


# Slots stores, and a type changing under a cached store site.
def store_v(o, v):
    o.v = v


s = Slotted(0)
for i in range(N):
    store_v(s, i)
print(s.v)
d = Sub(0)
store_v(d, "dict")
print(d.v)
Slotted.v = property(lambda self: "prop", lambda self, v: print("setter", v))
store_v(Sub(0), 1)
try:
    store_v(s, 2)
except AttributeError as ex:
    print("AttributeError:", ex)


# Builtin methods.
def app(lst, x):
    lst.append(x)


L = []
for i in range(N):
    app(L, i)
print(len(L))


class MyList(list):
    def append(self, x):
        list.append(self, x * 2)


M = MyList()
app(M, 5)
print(M)
