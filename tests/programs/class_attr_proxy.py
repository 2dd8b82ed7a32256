# isinstance() and super() accept an object whose __class__ claims the class (proxies).
class Proxy(object):
    def __init__(self, obj):
        self.__obj = obj
    def __getattribute__(self, name):
        if name.startswith("_Proxy__"):
            return object.__getattribute__(self, name)
        else:
            return getattr(self.__obj, name)
class B(object):
    def f(self):
        return "B.f"
class C(B):
    def f(self):
        return super(C, self).f() + "->C.f"
obj = C()
p = Proxy(obj)
print(C.__dict__["f"](p))
print(isinstance(p, C), isinstance(p, B), isinstance(p, Proxy), isinstance(p, int))
class FakeStr:
    __class__ = str
print(isinstance(FakeStr(), str), isinstance(FakeStr(), (int, str)), issubclass(FakeStr, str))
class Bad:
    @property
    def __class__(self):
        raise KeyError("no")
try:
    isinstance(Bad(), int)
except KeyError as e:
    print("KeyError", e)
class Missing:
    @property
    def __class__(self):
        raise AttributeError("no")
print(isinstance(Missing(), int))
try:
    super(C, 3)
except TypeError as e:
    print(e)
