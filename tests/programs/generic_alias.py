# types.GenericAlias (list[int], ...) and types.UnionType (int | str): attributes, repr,
# equality, calling, subclassing, isinstance refusals, __class_getitem__ of builtin classes
import types, collections, collections.abc as cabc, functools, contextlib, weakref, itertools

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = list[int]
print(type(a) is types.GenericAlias, type(a).__name__, type(a).__module__, type(a).__qualname__)
print(a.__origin__, a.__args__, a.__parameters__, repr(a), str(a), a.__unpacked__)
print(a == list[int], a != list[str], a == list, hash(a) == hash(list[int]), {a: 1}[list[int]])
print(a(), a((1, 2)), a.__name__, a.__qualname__, a.__module__, a.__mro__)
t(lambda: a < a)
for alias in (dict[str, int], tuple[int, ...], tuple[()], list[list[int]], list[...],
              list[None], list["x"], type[int], set[int], frozenset[str], enumerate[int],
              list[int, str], dict[str, list[int]], list[[int, str]]):
    print(alias, alias.__args__)
t(lambda: type[int](3))
t(lambda: frozenset[int]([1]))
t(lambda: list[int].append)
t(lambda: list[int].foo)
t(lambda: setattr(list[int], "foo", 1))
t(lambda: setattr(list[int], "__origin__", 1))
t(lambda: sorted(set(dir(list[int])) - set(dir(list)) - {'__reduce__', '__reduce_ex__'}))
t(lambda: (list[int].__reduce__()[0] is types.GenericAlias, list[int].__reduce__()[1]))
t(lambda: list[int].__mro_entries__((1,)))
t(lambda: list[int].__mro_entries__())
t(lambda: types.GenericAlias(list, int))
t(lambda: types.GenericAlias(list, (int, str)))
t(lambda: types.GenericAlias(list))
t(lambda: types.GenericAlias(list, int, 3))
t(lambda: types.GenericAlias(list, int, x=3))
t(lambda: types.GenericAlias(3, int))
t(lambda: [*tuple[int]])
t(lambda: (*tuple[int, str],)[0].__unpacked__)
t(lambda: (*tuple[int, str],)[0].__typing_unpacked_tuple_args__)
t(lambda: tuple[int].__typing_unpacked_tuple_args__)
t(lambda: (*tuple[int],)[0] == tuple[int])

# subscription errors and substitution
t(lambda: list[int][str])
t(lambda: int[int])
t(lambda: object[int])
three = 3
t(lambda: three[0])
class TV:
    """A stand-in type variable: it has __typing_subst__."""
    def __init__(self, name):
        self.name = name
    def __typing_subst__(self, arg):
        return arg
    def __repr__(self):
        return "~" + self.name
T, U = TV("T"), TV("U")
g = dict[T, list[U]]
print(g, g.__parameters__, g[int, str], g[int, str].__parameters__)
t(lambda: g[int])
t(lambda: g[int, str, bytes])
t(lambda: int | T)

# isinstance / issubclass refuse parameterized generics
t(lambda: isinstance([], list[int]))
t(lambda: issubclass(list, list[int]))
t(lambda: isinstance([], (int, list[int])))
t(lambda: isinstance([], int | list[int]))
t(lambda: isinstance(1, int | list[int]))

# classes from aliases
class C(list[int]):
    pass
print(C.__bases__, C.__orig_bases__, C([1, 2]), isinstance(C(), list))
class D(dict[str, int], collections.abc.Mapping if False else object):
    pass
print(D.__orig_bases__, D.__bases__)
print(types.resolve_bases((list[int], int)), types.new_class("N", (list[int],)).__orig_bases__)
class Bad:
    def __mro_entries__(self, bases):
        return 5
try:
    class E(Bad()):
        pass
except TypeError as e:
    print("TypeError", e)

# __class_getitem__ of the builtin and library generic classes
print(list.__class_getitem__(int), [].__class_getitem__(int), dict.__dict__["__class_getitem__"])
t(lambda: list.__class_getitem__(int, str))
t(lambda: list.__class_getitem__())
class Sub(list):
    pass
print(Sub[int], Sub[int]().__orig_class__ if hasattr(Sub[int](), "__orig_class__") else "-")
h = Sub[int]()
print(h.__orig_class__)
t(lambda: list[int]().__orig_class__)
print(collections.deque[int], collections.defaultdict[str, int], collections.OrderedDict[str, int],
      collections.Counter[str], collections.ChainMap[str, int], collections.UserList[int])
print(functools.partial[int], functools.partialmethod[int], functools.cached_property[int])
print(contextlib.AbstractContextManager[int], contextlib.nullcontext[int])
print(weakref.WeakValueDictionary[int, str], weakref.WeakKeyDictionary[int, str])
print(types.MappingProxyType[str, int], BaseExceptionGroup[ValueError], ExceptionGroup[ValueError])
print(cabc.Iterable[int], cabc.Mapping[str, int], cabc.Generator[int, None, None], cabc.Set[int])
t(lambda: cabc.Hashable[int])
t(lambda: cabc.Sized[int])
cb = cabc.Callable[[int, str], bool]
print(cb, cb.__args__, cb.__origin__, type(cb).__name__, cb == cabc.Callable[[int, str], bool])
print(cabc.Callable[..., int], cabc.Callable[..., int].__args__, cabc.Callable[[], int])
t(lambda: cabc.Callable[int])
t(lambda: cabc.Callable[int, str])
print(cb | None, cb.__reduce__()[1])
class X(cabc.Callable[[int], str]):
    pass
print(X.__orig_bases__, X.__mro__)

# unions
t(lambda: int | None)
t(lambda: None | int)
t(lambda: int | str | None)
t(lambda: (int | str | None).__args__)
t(lambda: int | int)
t(lambda: int | str | int)
t(lambda: (int | str) | (str | bytes))
t(lambda: type(int | str) is types.UnionType)
t(lambda: isinstance(3, int | str))
t(lambda: isinstance(None, int | None))
t(lambda: isinstance(3.0, int | str))
t(lambda: issubclass(bool, int | str))
t(lambda: isinstance(3, (int | str, bytes)))
t(lambda: (int | str) == (str | int))
t(lambda: (int | str) == (int | bytes))
t(lambda: hash(int | str) == hash(str | int))
t(lambda: (int | str) == int)
t(lambda: (int | str) < (int | str))
t(lambda: int | 3)
t(lambda: 3 | int)
t(lambda: int | "str")
t(lambda: list[int] | dict[str, int] | None)
t(lambda: list[int] | list[int] | list[str])
t(lambda: None | list[int])
t(lambda: (int | str).__parameters__)
t(lambda: (int | str).foo)
t(lambda: setattr(int | str, "__args__", 1))
t(lambda: types.UnionType())
t(lambda: (int | str)[int])
