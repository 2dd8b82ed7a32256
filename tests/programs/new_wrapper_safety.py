# T.__new__(S) checks that S builds its instances as T does (CPython's tp_new_wrapper).
class A(int): pass
class B(A): pass
class L(list): pass
class O: pass
class E(Exception): pass
class KE(KeyError): pass
cases = [(int, bool), (object, bool), (float, bool), (tuple, bool), (int, int), (int, B), (object, B),
         (list, L), (object, L), (object, O), (int, O), (Exception, KE), (BaseException, KE), (object, E),
         (dict, L), (str, A), (type, type), (object, type), (tuple, tuple), (frozenset, frozenset), (set, frozenset)]
for t, sub in cases:
    try:
        r = t.__new__(sub) if t in (object, list, dict, set, Exception, BaseException) else t.__new__(sub, *( ("x", (), {}) if t is type else (1,) if t in (int, float, str) else ((1,),) ))
        print(t.__name__, sub.__name__, type(r).__name__)
    except TypeError as e:
        print(t.__name__, sub.__name__, "TypeError", e)
