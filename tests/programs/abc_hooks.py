# collections.abc recognises builtin and user classes through their MRO dicts (__subclasshook__).
import collections.abc as A
objs = [[], (), {}, set(), frozenset(), '', b'', bytearray(), range(3), iter([]), {}.keys(), {}.items(), {}.values(), (x for x in ()), len, 3, 3.5, None, object(), type, memoryview(b''), zip(), map(len, []), enumerate([])]
names = ['Hashable', 'Iterable', 'Iterator', 'Reversible', 'Generator', 'Sized', 'Container', 'Callable', 'Collection', 'Sequence', 'MutableSequence', 'Set', 'MutableSet', 'Mapping', 'MutableMapping', 'Awaitable', 'AsyncIterable']
for o in objs:
    print(type(o).__name__, ''.join('1' if isinstance(o, getattr(A, n)) else '0' for n in names))
class L(list): __hash__ = None
class H(list):
    def __hash__(self): return 1
class S:
    def __len__(self): return 0
class I:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
class N:
    __iter__ = None
print([issubclass(c, A.Hashable) for c in (L, H, S)], issubclass(S, A.Sized), issubclass(I, A.Iterator), issubclass(N, A.Iterable))
