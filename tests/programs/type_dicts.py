# Type readiness: every type has a real __dict__, one lookup path through the MRO's dicts, and
# a method cache that follows class attribute changes.
import collections.abc
import gc
import weakref

# Wrappers and descriptors are made once: every lookup returns the same object.
print(int.__add__ is int.__add__, list.append is list.append, str.__len__ is str.__len__)
print(int.__dict__['__add__'] is int.__add__, type(int.__add__).__name__)
print('__len__' in list.__dict__, '__len__' in object.__dict__, '__add__' in bool.__dict__)
print('__and__' in bool.__dict__, '__hash__' in list.__dict__, list.__dict__['__hash__'])
print(type(list.__dict__).__name__, type(type.__dict__['__name__']).__name__)
print(repr(list.__dict__['append']), repr(int.__dict__['__add__']))
print(repr(object.__dict__['__class__']), repr(type.__dict__['mro']))

# The dict is read-only to Python code.
def store():
    list.__dict__['x'] = 1
for action in (store, lambda: setattr(int, 'x', 1)):
    try:
        action()
    except TypeError as e:
        print('TypeError:', e)
try:
    int.x = 1
except TypeError as e:
    print('TypeError:', e)

# mappingproxy behaves as a read-only mapping.
mp = type(type.__dict__)({'a': 1, 'b': 2})
print(mp, len(mp), mp['a'], 'b' in mp, sorted(mp), mp.get('z', 0), list(mp.items()))
print(mp == {'a': 1, 'b': 2}, mp | {'c': 3}, mp.copy())
try:
    type(type.__dict__)([1, 2])
except TypeError as e:
    print('TypeError:', e)

# Introspection the standard library relies on.
print(isinstance([], collections.abc.Sized), isinstance(iter([]), collections.abc.Iterator))
print(issubclass(dict, collections.abc.Mapping), isinstance(3, collections.abc.Hashable))
print(isinstance([], collections.abc.Hashable), issubclass(list, collections.abc.Hashable))

# MROs and bases of builtin types.
print(bool.__mro__, bool.__bases__, bool.__base__)
print(ExceptionGroup.__mro__)
print(ExceptionGroup.__bases__)
print(type.__mro__, object.__bases__, object.__base__)

# dir() of builtin types lists the slots.
# (__reduce__ and __reduce_ex__ need copyreg, from CPython's standard library.)
names = [n for n in dir(int) if n not in ('__reduce__', '__reduce_ex__')]
print(len(names), [n for n in ('__add__', '__radd__', '__index__', 'bit_length', 'real') if n in names])
print(sorted(set(dir(list)) - set(dir(object)) - {'__class_getitem__'}))

# Unhashable types stay unhashable in subclasses, hashable ones inherit object's hash.
class L(list):
    pass
for o in (L(), iter([]), (x for x in ()), len, property()):
    try:
        hash(o)
        print(type(o).__name__, 'hashable')
    except TypeError as e:
        print(type(o).__name__, e)

# The method cache follows class attribute assignment, deletion and subclasses.
class A:
    def f(self):
        return 'A.f'
class B(A):
    pass
class C(B):
    pass
b, c = B(), C()
print(b.f(), c.f())
A.f = lambda self: 'new A.f'
print(b.f(), c.f())
B.f = lambda self: 'B.f'
print(b.f(), c.f())
del B.f
print(b.f(), c.f())
del A.f
for o in (b, c):
    try:
        o.f()
    except AttributeError as e:
        print('AttributeError:', e)
A.g = 5
print(c.g, C.g, getattr(c, 'h', 'none'))
C.h = 6
print(c.h, B().__class__.__name__)

# Hooks set after instances exist take effect.
class D:
    pass
d = D()
D.__getattr__ = lambda self, name: 'via __getattr__ ' + name
print(d.anything)
del D.__getattr__
try:
    d.anything
except AttributeError as e:
    print('AttributeError:', e)
D.__eq__ = lambda self, other: True
D.__hash__ = lambda self: 1
print(d == 5, hash(d))

# A value removed from a class is released at once (the cache keeps no stale reference).
class Tracked:
    def __del__(self):
        print('Tracked freed')
class E:
    pass
E.t = Tracked()
E.t
print('before delete')
del E.t
print('after delete')

# Classes die: the cache does not keep them (or their functions) alive.
class Gone:
    def m(self):
        return 1
Gone().m()
Gone().m()
r = weakref.ref(Gone)
del Gone
gc.collect()
print('class collected:', r() is None)

# __subclasses__ comes from the classes' own lists.
class Base:
    pass
class S1(Base):
    pass
class S2(Base):
    pass
print([k.__name__ for k in Base.__subclasses__()])
del S1
gc.collect()
print([k.__name__ for k in Base.__subclasses__()])

# Type attributes CPython has.
print(A.__name__, A.__qualname__, A.__module__, A.__doc__, A.__base__, A.__bases__)
print(int.__name__, int.__qualname__, int.__module__, int.__flags__ & (1 << 10) != 0)
print(int.__basicsize__ > 0, list.__itemsize__, int.__text_signature__, type(A.__dict__).__name__)
A.__qualname__ = 'Renamed'
print(A.__qualname__, A.__name__)
A.__doc__ = 'docs'
print(A.__doc__, A().__doc__)
try:
    int.__abstractmethods__
except AttributeError as e:
    print('AttributeError:', e)
class Annotated:
    x: int
print(Annotated.__annotations__, A.__annotations__)
print(object.__getstate__(object()), object.__subclasshook__(), A.__subclasshook__())

class Slotted:
    __slots__ = ('a', 'b')
s = Slotted()
s.a = 1
print(s.__getstate__())
class WithDict:
    pass
w = WithDict()
print(w.__getstate__())
w.x = 1
print(w.__getstate__())

# __bases__ assignment re-links the hierarchy: MROs, subclass lists and cached lookups follow.
class P1:
    def who(self):
        return 'P1'
class P2:
    def who(self):
        return 'P2'
class Q(P1):
    pass
class R(Q):
    pass
r = R()
print(r.who(), [k.__name__ for k in R.__mro__])
Q.__bases__ = (P2,)
print(r.who(), [k.__name__ for k in R.__mro__], Q.__base__.__name__, isinstance(r, P1))
print([k.__name__ for k in P1.__subclasses__()], [k.__name__ for k in P2.__subclasses__()])
Q.__bases__ = (P1, P2)
print(r.who(), [k.__name__ for k in R.__mro__])
for value in [(), [P1], (1,), (R,), None]:
    try:
        if value is None:
            del Q.__bases__
        else:
            Q.__bases__ = value
    except TypeError as e:
        print('TypeError:', e)
class LL(list):
    pass
try:
    LL.__bases__ = (P1,)
except TypeError as e:
    print('TypeError:', e)
try:
    int.__bases__ = (P1,)
except TypeError as e:
    print('TypeError:', e)
