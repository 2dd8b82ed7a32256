# obj.__class__ = cls: CPython's compatibility rules and messages.


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except (TypeError, AttributeError) as e:
        print(label, type(e).__name__, e)


class C:
    def who(self):
        return "C"


class D:
    def who(self):
        return "D"


class E(D):
    pass


x = C()
x.attr = 5
x.__class__ = D
print(type(x).__name__, x.who(), x.attr, isinstance(x, D), isinstance(x, C))
x.__class__ = E
print(type(x).__name__, x.who(), x.__dict__)
x.__class__ = C
print(type(x).__name__, x.who())


def set_to(obj, cls):
    def f():
        obj.__class__ = cls

    return f


attempt("list", set_to(C(), list))
attempt("int value", set_to(C(), 1))
attempt("object", set_to(C(), object))
attempt("builtin instance", set_to([], C))
attempt("int", set_to(True, int))
attempt("delete", lambda: delattr(C(), "__class__"))


class G:
    __slots__ = ["a", "b"]


class H:
    __slots__ = ["b", "a"]


class J:
    __slots__ = ["c", "b"]


class K:
    __slots__ = ["a", "b", "d"]


class Q(J):
    pass


class R(J):
    __slots__ = ["__dict__", "__weakref__"]


g = G()
g.a, g.b = 1, 2
g.__class__ = H
print(type(g).__name__, g.a, g.b)
attempt("slots differ", set_to(G(), J))
attempt("more slots", set_to(G(), K))
attempt("dict vs slots", set_to(C(), G))
q = Q()
q.c = 3
q.extra = 4
q.__class__ = R
print(type(q).__name__, q.c, q.extra)
print(list(H.__dict__)[:4])


class MyInt(int):
    __slots__ = ()


attempt("immutable", set_to(5, MyInt))


# A class changed in __del__ releases the right class.
class Gone:
    pass


class Dying:
    def __del__(self):
        self.__class__ = Gone


items = [Dying() for _ in range(20)]
del items
print("done")


# Modules: a ModuleType subclass shares the module's layout.
import types


class SubModule(types.ModuleType):
    flag = "class attribute"

    def hello(self):
        return "hello from " + self.__name__


m = types.ModuleType("mod_x")
m.value = 7
m.__class__ = SubModule
print(type(m).__name__, m.hello(), m.flag, m.value, sorted(k for k in m.__dict__ if k != "__doc__"))
m.other = 8
m.__class__ = types.ModuleType
print(type(m).__name__, hasattr(m, "flag"), m.other)
s = SubModule("mod_y")
s.attr = 1
print(s.__dict__["attr"], s.attr)
import weakref

print(weakref.ref(s)() is s)
