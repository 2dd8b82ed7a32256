# object.__new__/__init__ argument checks, builtin __new__ wrappers in class dicts, exception
# classes whose construction does not give an exception, slot attribute errors.
class C: pass
for f in [lambda: C(42), lambda: C.__new__(C, 42), lambda: C().__init__(42), lambda: object.__new__(C, 42), lambda: object.__init__(C(), 42), lambda: object.__init__(C(), x=1)]:
    try:
        f(); print("ok")
    except TypeError as e: print(e)
class D:
    def __new__(cls, *args, **kwargs):
        super().__new__(cls, *args, **kwargs)
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
for f in [lambda: D(42), lambda: D.__new__(D, 42), lambda: object.__new__(D, 42)]:
    try:
        f(); print("ok")
    except TypeError as e: print(e)
class E:
    def __init__(self): pass
for f in [lambda: E(42), lambda: E.__new__(E, 42), lambda: object.__new__(E, 42), lambda: object.__init__(E(), 42)]:
    try:
        f(); print("ok")
    except TypeError as e: print(e)
class F:
    def __new__(cls, *a): return super().__new__(cls)
for f in [lambda: F(42), lambda: F().__init__(42), lambda: object.__init__(F(), 42)]:
    try:
        f(); print("ok")
    except TypeError as e: print(e)
try:
    object(1)
except TypeError as e: print(e)
try:
    object().__init__(1)
except TypeError as e: print(e)
for f in [lambda: object.__new__(), lambda: object.__new__(''), lambda: list.__new__(object), lambda: object.__new__(list)]:
    try:
        f()
    except TypeError as e:
        print(e)
class C(object):
    __new__ = list.__new__
try:
    C()
except TypeError as e:
    print(e)
class C(list):
    __new__ = object.__new__
try:
    C()
except TypeError as e:
    print(e)
class D(list):
    __new__ = list.__new__
print(D([1]), type(D()))
def g():
    yield
try:
    g().throw(ValueError, (1, 2))
except ValueError as e:
    print(e.args)
class A(list): pass
class B(A):
    __new__ = object.__new__
print(type(B()), B([1,2]))
class E(Exception): pass
class F(E):
    __new__ = dict.__new__
print(repr(F(1,2)))
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls
def g():
    yield
try:
    g().throw(E)
except TypeError as e:
    print(e)
class M(Exception):
    def __new__(cls, *a):
        return object()
try:
    raise M
except TypeError as e:
    print(e)
class My(Exception):
    def __init__(self):
        raise RuntimeError()
try:
    raise IndexError from My
except RuntimeError as e:
    print("RT", repr(e))
try:
    g().throw(M)
except TypeError as e:
    print(e)
class B:
    y = 0
    __slots__ = ('z',)
for f in ["del B().y", "B().y = 0", "B().x = 0", "del B().x", "B().z", "del B().z", "object().x = 1", "object().__str__ = 1"]:
    try:
        exec(f)
    except AttributeError as e: print(e)
class E:
    __eq__ = property(lambda self: 1/0)
print(E() == E(), E() != E())
class C2(object):
    __new__ = list.__new__
print(type(C2()).__name__)
class C3(list):
    __new__ = object.__new__
print(C3("ab"))
