# The _abc machinery under a metaclass written here (what Lib/abc.py builds on it).
import _abc


class Meta(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        _abc._abc_init(cls)
        return cls

    def register(cls, sub):
        return _abc._abc_register(cls, sub)

    def __instancecheck__(cls, inst):
        return _abc._abc_instancecheck(cls, inst)

    def __subclasscheck__(cls, sub):
        return _abc._abc_subclasscheck(cls, sub)


def abstract(f):
    f.__isabstractmethod__ = True
    return f


class A(metaclass=Meta):
    @abstract
    def f(self):
        pass

    @abstract
    def b(self):
        pass


try:
    A()
except TypeError as e:
    print(e)


class B(A):
    def f(self):
        return 1


try:
    B()
except TypeError as e:
    print(e)


class C(B):
    def b(self):
        return 2


print(C().f(), C().b(), sorted(A.__abstractmethods__), C.__abstractmethods__)


class R(metaclass=Meta):
    pass


R.register(int)
print(isinstance(1, R), issubclass(int, R), issubclass(str, R), isinstance("a", R), issubclass(bool, R))
try:
    R.register(1)
except TypeError as e:
    print(e)


class H(metaclass=Meta):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, "quack") else NotImplemented


class Duck:
    def quack(self):
        pass


print(issubclass(Duck, H), isinstance(Duck(), H), isinstance(1, H))
print(type(_abc.get_cache_token()), [len(s) for s in _abc._get_dump(R)[:3]])
_abc._reset_registry(R)
_abc._reset_caches(R)
print(issubclass(int, R), issubclass(C, A), issubclass(A, C))
try:
    A.register(C)
    C.register(A)
except RuntimeError as e:
    print(e)
try:
    _abc._abc_subclasscheck(R, 1)
except TypeError as e:
    print(e)
t = _abc.get_cache_token()
R.register(float)
print(_abc.get_cache_token() - t, issubclass(float, R))
