# Classes: inheritance, C3 MRO, super(), descriptors, __slots__, attribute hooks, metaclasses.
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super(D, self).who()
print(D().who(), [k.__name__ for k in D.__mro__])
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError", e)

class Celsius:
    def __init__(self, c):
        self._c = c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    @f.setter
    def f(self, v):
        self._c = (v - 32) * 5 / 9
    @staticmethod
    def unit():
        return "C"
    @classmethod
    def make(cls, v):
        return cls(v)
t = Celsius.make(100)
print(t.f, Celsius.unit(), t.unit())
t.f = 32
print(t._c)
try:
    del t.f
except AttributeError as e:
    print("AttributeError", e)

class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
class Point:
    x = Typed()
    y = Typed()
    def __init__(self, x, y):
        self.x, self.y = x, y
p = Point(1, 2)
print(p.x, p.y, type(Point.x).__name__, sorted(vars(p)))
try:
    p.x = "a"
except TypeError as e:
    print("TypeError", e)

class Slotted:
    __slots__ = ("a", "b")
s = Slotted()
s.a = 1
print(s.a, hasattr(s, "b"), hasattr(s, "__dict__"))
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    s.b
except AttributeError as e:
    print("AttributeError", e)

class Lazy:
    def __getattr__(self, name):
        return name.upper()
class Logged:
    def __init__(self):
        self.log = []
    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
class Shout:
    def __getattribute__(self, name):
        if name == "secret":
            return 42
        return object.__getattribute__(self, name)
l = Logged()
l.a = 1
del l.a
print(Lazy().hello, l.log, Shout().secret, Shout().__class__.__name__)

class Registry:
    subclasses = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Registry.subclasses.append(cls.__name__)
class R1(Registry, tag="one"):
    pass
class R2(R1):
    pass
print(Registry.subclasses, R1.tag, R2.tag)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["created_by"] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)
    def __call__(cls, *a):
        inst = super().__call__(*a)
        inst.via_meta = True
        return inst
class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v
w = WithMeta(5)
print(type(WithMeta).__name__, WithMeta.created_by, w.v, w.via_meta)
Dyn = type("Dyn", (A,), {"z": 3, "who": lambda self: "Dyn"})
print(Dyn().who(), Dyn.z, Dyn.__bases__[0].__name__, Dyn.__name__, Dyn.__qualname__)

def deco(cls):
    cls.decorated = True
    return cls
@deco
class Outer:
    class Inner:
        def m(self):
            return __class__.__qualname__
print(Outer.decorated, Outer.Inner.__qualname__, Outer.Inner().m(), Outer.__module__)
print(Outer.Inner.m.__qualname__, Outer.__dict__["__module__"], "Inner" in Outer.__dict__)
print(isinstance(D(), A), issubclass(D, C), issubclass(bool, int), isinstance(3, (str, int)))
