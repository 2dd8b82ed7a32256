import abc
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): pass
    @abc.abstractmethod
    def b(self): pass
try: A()
except TypeError as e: print(e)
class B(A):
    def f(self): return 1
try: B()
except TypeError as e: print(e)
class C(B):
    def b(self): return 2
print(C().f(), C().b(), sorted(A.__abstractmethods__), C.__abstractmethods__)
class R(abc.ABC): pass
R.register(int)
print(isinstance(1, R), issubclass(int, R), issubclass(str, R), isinstance('a', R), issubclass(bool, R))
try: R.register(1)
except TypeError as e: print(e)
class H(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, 'quack') else NotImplemented
class Duck:
    def quack(self): pass
print(issubclass(Duck, H), isinstance(Duck(), H), isinstance(1, H))
print(type(abc.get_cache_token()), [len(s) for s in abc._get_dump(R)[:3]])
R._abc_registry_clear(); R._abc_caches_clear(); print(issubclass(int, R))
import collections.abc as cabc
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(iter([]), cabc.Iterator), issubclass(dict, cabc.MutableMapping))
class MySeq(cabc.Sequence):
    def __getitem__(s, i): return [1,2,3][i]
    def __len__(s): return 3
match MySeq():
    case [a, b, c]: print('seq', a, b, c)
print(list(reversed(MySeq())), MySeq().index(2), 3 in MySeq())
try: R.register(abc.ABC); abc.ABC.register(R)
except RuntimeError as e: print(e)
