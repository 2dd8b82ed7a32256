# cls.__bases__ = bases: checks, MRO updates of subclasses, a metaclass's mro().


def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except (TypeError, RuntimeError) as e:
        print(label, type(e).__name__, e)


class A:
    def f(self):
        return "A"


class B:
    def f(self):
        return "B"


class C(A):
    pass


class D(C):
    pass


d = D()
print(d.f(), [k.__name__ for k in D.__mro__])
C.__bases__ = (B,)
print(d.f(), [k.__name__ for k in D.__mro__], A.__subclasses__(), B.__subclasses__() == [C])


def set_bases(cls, value):
    def f():
        cls.__bases__ = value

    return f


attempt("empty", set_bases(C, ()))
attempt("not tuple", set_bases(C, [A]))
attempt("not class", set_bases(C, (1,)))
attempt("cycle", set_bases(C, (D,)))
attempt("self", set_bases(C, (C,)))
attempt("duplicate", set_bases(C, (A, A)))
attempt("delete", lambda: delattr(C, "__bases__"))


class L(list):
    pass


attempt("layout", set_bases(L, (dict,)))
attempt("builtin", set_bases(list, (dict,)))


class X(A, B):
    pass


class Y(A, B):
    pass


class Z(X, Y):
    pass


attempt("mro conflict", set_bases(X, (B, A)))
print([k.__name__ for k in Z.__mro__])


class Once(type):
    calls = 0

    def mro(cls):
        Once.calls += 1
        if Once.calls > 1:
            raise RuntimeError("no more")
        return type.mro(cls)


class P:
    pass


class P2:
    pass


class S(P):
    pass


class T(S, metaclass=Once):
    pass


before = (S.__mro__, T.__mro__)
attempt("failing mro", set_bases(S, (P2,)))
print(before == (S.__mro__, T.__mro__), S.__bases__)


class Rev(type):
    def mro(cls):
        return [cls] + list(type.mro(cls)[1:])[::-1]


class M1:
    pass


class M2:
    pass


class N(M1, metaclass=Rev):
    pass


print([k.__name__ for k in N.__mro__])
N.__bases__ = (M1, M2)
print([k.__name__ for k in N.__mro__])
print(N.__dict__.get("__mro__"), type.mro(N)[0] is N)
