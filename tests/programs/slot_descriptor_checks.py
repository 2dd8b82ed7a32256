# A slot descriptor applies only to instances of its class (it would otherwise write another
# class's slot, even its __dict__); slot wrappers taken from an unrelated builtin check self.
import abc
class MyABC(metaclass=abc.ABCMeta):
    __slots__ = "a"
class Unrelated(object):
    pass
MyABC.register(Unrelated)
u = Unrelated()
print(isinstance(u, MyABC))
for f in (lambda: MyABC.a.__set__(u, 3), lambda: MyABC.a.__get__(u, Unrelated), lambda: MyABC.a.__delete__(u)):
    try:
        f()
    except TypeError as e:
        print(e)
u.x = 1
print(u.__dict__)
class P:
    __slots__ = ("s",)
class Q(P):
    __slots__ = ("t",)
q = Q()
q.s = 1; q.t = 2
print(q.s, q.t, P.s.__get__(q, Q))
class A(int):
    __eq__ = str.__eq__
    __add__ = str.__add__
a = A()
for f in (lambda: a == a, lambda: a + a):
    try:
        print(f())
    except TypeError as e:
        print(e)
class S(str):
    __repr__ = object.__repr__
    __len__ = list.__len__
print(repr(S("x"))[:10])
try:
    len(S("ab"))
except TypeError as e:
    print(e)
