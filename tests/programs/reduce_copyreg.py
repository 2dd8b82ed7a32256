import copyreg, copy
class A:
    def __init__(self): self.x = 1
class S:
    __slots__ = ('a', '__b', 'c')
    def __init__(self): self.a = 1; self._S__b = 2
class L(list): pass
class D(dict): pass
class St(set): pass
class G:
    def __getstate__(self): return {'g': 1}
    def __setstate__(self, s): self.__dict__.update(s); self.set = True
class N(int):
    pass
class E:
    def __getnewargs_ex__(self): return ((1,), {'k': 2})
    def __new__(cls, *a, **k): o = object.__new__(cls); o.a = a; o.k = k; return o
def show(o, p):
    try:
        r = o.__reduce_ex__(p)
    except Exception as e:
        print(p, type(o).__name__, 'error', type(e).__name__, e); return
    f = r[0]
    print(p, type(o).__name__, f.__module__, f.__name__, [a if not isinstance(a, type) else a.__name__ for a in r[1]], r[2] if len(r) > 2 else '-',
          [type(x).__name__ for x in r[3:]])
for o in [A(), S(), L([1,2]), D(a=1), N(5), G(), E(), object(), 5, 'x', (1,2), [1], {1:2}, lambda: 0, 3.5, b'x', St([1])]:
    for p in (0, 1, 2, 4):
        show(o, p)
print(A.__dict__.get('__slotnames__'), S.__slotnames__)
a = A(); a.y = [1]
b = copy.copy(a); print(b.x, b.y is a.y)
b = copy.deepcopy(a); print(b.x, b.y == a.y, b.y is a.y)
s = copy.copy(S()); print(s.a, s._S__b, hasattr(s, 'c'))
l = L([1, [2]]); l.q = 3; m = copy.deepcopy(l); print(type(m).__name__, m, m.q, m[1] is l[1])
d = D(a=[1]); m = copy.copy(d); print(type(m).__name__, m, m['a'] is d['a'])
st = St([1, 2]); st.z = 1; m = copy.copy(st); print(type(m).__name__, sorted(m), m.z)
g = copy.copy(G()); print(g.g, g.set)
e = copy.copy(E()); print(e.a, e.k)
print(copy.copy(N(7)), type(copy.copy(N(7))).__name__)
r = object().__reduce__(); print(r[0].__name__, r[1])
print(sorted(copyreg.__all__), copyreg.dispatch_table[complex](1+2j))
copyreg.add_extension('m', 'n', 5)
print(copyreg._extension_registry, copyreg._inverted_registry)
try: copyreg.add_extension('m', 'o', 5)
except ValueError as e: print(e)
copyreg.remove_extension('m', 'n', 5)
try: copyreg.remove_extension('m', 'n', 5)
except ValueError as e: print(e)
try: copyreg.pickle(int, 3)
except TypeError as e: print(e)
print(copyreg._reconstructor(L, list, [1, 2]), copyreg.__newobj__(A).__class__.__name__)

import warnings

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(bool(NotImplemented), NotImplemented.__bool__())
    print([(x.category.__name__, str(x.message)) for x in w])
print(range(0).__bool__(), range(3).__bool__(), range(5, 1).__bool__())
print(type.__prepare__(), type.__prepare__('a', (), x=1), type(type.__dict__['__prepare__']).__name__)
class M(type): pass
print(M.__prepare__('n', ()))
d = {1: 2}
for v in (d.keys(), d.values(), d.items()):
    print(type(v.mapping).__name__, v.mapping, v.mapping[1])
s = iter({1, 2, 3}); next(s); print(s.__length_hint__())
class A:
    def f(self): return 'A'
class B(A):
    def f(self): return 'B'
sp = super(B, B())
print(sp.__get__(B(), B).f(), super(B, B()).__get__(B()).f(), sp.__get__(B()) is sp)
import sys
import keyword as m
print(m.__annotations__, '__annotations__' in m.__dict__)
m.__annotations__ = {'a': int}; print(m.__annotations__)
del m.__annotations__
print('__annotations__' in m.__dict__)
try: del m.__annotations__
except AttributeError as e: print(e)
def g():
    try:
        yield 1
    finally:
        print('closed')
it = g(); next(it); it.__del__(); print(it.gi_running)
try:
    object().__reduce_ex__()
except TypeError as e:
    print(e)
try:
    object().__reduce_ex__('a')
except TypeError as e:
    print(e)
try:
    object().__reduce__(1)
except TypeError as e:
    print(e)
class R:
    def __reduce__(self):
        return (R, ())
print(R().__reduce_ex__(4), R().__reduce_ex__(0))
class BadArgs:
    def __getnewargs__(self):
        return [1]
try:
    BadArgs().__reduce_ex__(2)
except TypeError as e:
    print(e)
class BadEx:
    def __getnewargs_ex__(self):
        return ((), {}, 1)
try:
    BadEx().__reduce_ex__(2)
except ValueError as e:
    print(e)
r = frozenset({3}).__reduce__(); print(r[0].__name__, r[1], r[2])
print(copy.deepcopy(St([(1, 2)])), copy.copy(frozenset({1})))
class Sl:
    __slots__ = ('p',)
    def __init__(self): self.p = [1]
c = copy.deepcopy(Sl()); print(c.p, Sl.__slotnames__, Sl().__getstate__())
