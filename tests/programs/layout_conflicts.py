# Bases whose instance layouts cannot be combined: CPython's "multiple bases have instance
# lay-out conflict", including member slots beside a native layout.
class S:
    __slots__ = ("v", "__dict__")
class S2:
    __slots__ = ("w",)
class D(dict):
    __slots__ = ("x",)
class P:
    pass
class Q:
    __slots__ = ()
cases = [("dict, S", (dict, S)), ("S, dict", (S, dict)), ("list, S2", (list, S2)), ("int, str", (int, str)),
         ("S, S2", (S, S2)), ("D, dict", (D, dict)), ("dict, D", (dict, D)), ("P, dict", (P, dict)),
         ("Q, dict", (Q, dict)), ("dict, P", (dict, P)), ("Exception, S2", (Exception, S2)),
         ("KeyError, ValueError", (KeyError, ValueError)), ("S, P", (S, P))]
for name, bases in cases:
    try:
        C = type("C", bases, {})
        print(name, "ok", C.__mro__[1].__name__)
    except TypeError as e:
        print(name, "TypeError", e)
