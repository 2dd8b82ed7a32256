# The `__dict__` and `__weakref__` descriptors a class statement adds, `obj.__dict__ = d`,
# blocked imports (`sys.modules[name] = None`) and `__debug__`.
import gc
import sys
import weakref


class NTC:
    pass


print('__weakref__' in NTC.__dict__, '__dict__' in NTC.__dict__)
print(NTC.__weakref__, NTC.__dict__['__dict__'])
print(type(NTC.__dict__['__dict__']).__name__, NTC.__dict__['__dict__'].__objclass__ is NTC)
print([k for k in dir(NTC) if k in ('__dict__', '__weakref__')])

a = NTC()
a.__dict__ = {'x': 1}
print(a.x, a.__dict__)
r = weakref.ref(a)
print(a.__weakref__ is r)
try:
    a.__dict__ = 5
except TypeError as e:
    print(e)
del a.__dict__
print(a.__dict__)


class AttrDict(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.__dict__ = self


d = AttrDict(p=1, q=2)
print(d.p, d.q)
d.r = 3
print(sorted(d.items()))


class Slotted:
    __slots__ = ('x',)


class Sub(Slotted):
    pass


print('__dict__' in Slotted.__dict__, '__weakref__' in Slotted.__dict__)
print(sorted(k for k in Sub.__dict__ if k in ('__dict__', '__weakref__')))
print(Sub().__weakref__)

for base in (int, str, bytes, tuple, float, list, dict, set, frozenset, bytearray,
             Exception, OSError, object, staticmethod):
    C = type('C', (base,), {})
    print(base.__name__, '__dict__' in C.__dict__, '__weakref__' in C.__dict__)

# A class whose dict holds descriptors that point back at it is still collected.
class Gone:
    pass


ref = weakref.ref(Gone)
del Gone
gc.collect()
print(ref())

print(__debug__)
sys.modules['_bisect'] = None
try:
    import _bisect
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from _bisect import *
except ImportError as e:
    print(type(e).__name__, e, e.name)
del sys.modules['_bisect']
import bisect
print(bisect.bisect([1, 2, 3], 2))
