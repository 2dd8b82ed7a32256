# Pickling and copying of the itertools iterators (CPython 3.11's __reduce__/__setstate__
# formats), at every stage of their iteration.
import copy
import pickle
from itertools import (accumulate, chain, combinations, combinations_with_replacement,
                       compress, count, cycle, dropwhile, filterfalse, groupby, islice,
                       pairwise, permutations, product, repeat, starmap, takewhile, tee,
                       zip_longest)
import operator


def small(x):
    return x < 3


def second(a, b):
    return b


def stages(make, steps=4):
    """The rest of a fresh iterator, and of a pickled copy after each step."""
    it = make()
    out = []
    for proto in (0, 2, 4):
        it = make()
        for i in range(steps):
            rest = list(islice(pickle.loads(pickle.dumps(it, proto)), 12))
            dc = list(islice(copy.deepcopy(it), 12))
            assert rest == dc, (make, proto, i, rest, dc)
            out.append(rest)
            if next(it, None) is None:
                break
    return out[: len(out) // 3]


cases = [
    ("count", lambda: count(3)),
    ("count step", lambda: count(1.5, 0.25)),
    ("count complex", lambda: count(1 - 2j, 1j)),
    ("cycle", lambda: cycle("abc")),
    ("repeat", lambda: repeat("x", 3)),
    ("repeat endless", lambda: repeat(7)),
    ("accumulate", lambda: accumulate([1, 2, 3, 4])),
    ("accumulate initial", lambda: accumulate([1, 2, 3], operator.mul, initial=10)),
    ("accumulate none", lambda: accumulate([None, None, 3], second)),
    ("chain", lambda: chain("ab", "", "cd")),
    ("chain.from_iterable", lambda: chain.from_iterable(["xy", "z"])),
    ("compress", lambda: compress("ABCDEF", [1, 0, 1, 0, 1, 1])),
    ("dropwhile", lambda: dropwhile(small, [1, 2, 3, 1, 5])),
    ("takewhile", lambda: takewhile(small, [1, 2, 3, 1, 5])),
    ("filterfalse", lambda: filterfalse(None, [0, 1, 0, 2, 0])),
    ("starmap", lambda: starmap(pow, [(2, 3), (3, 2), (10, 1)])),
    ("islice", lambda: islice(range(20), 2, 15, 3)),
    ("zip_longest", lambda: zip_longest("ab", "wxyz", fillvalue="-")),
    ("product", lambda: product("ab", range(3))),
    ("product repeat", lambda: product([0, 1], repeat=2)),
    ("combinations", lambda: combinations("abcd", 2)),
    ("cwr", lambda: combinations_with_replacement("abc", 2)),
    ("permutations", lambda: permutations("abc", 2)),
    ("permutations r>n", lambda: permutations("ab", 3)),
]
for name, make in cases:
    print(name, stages(make))

# cycle once its input is exhausted
c = cycle(iter("abcde"))
for _ in range(7):
    next(c)
print("cycle replay", list(islice(pickle.loads(pickle.dumps(c)), 10)))
c = cycle("defg")
c.__setstate__((list("abc"), 0))
print("cycle setstate", list(islice(c, 10)))
c = cycle("defg")
c.__setstate__((list("abc"), 1))
print("cycle firstpass", list(islice(c, 10)))

# groupby and its groupers
g = groupby("aabbbc")
k, grp = next(g)
g2 = pickle.loads(pickle.dumps(g))
print("groupby", [(k, list(v)) for k, v in g2])
print("grouper", list(pickle.loads(pickle.dumps(grp))), list(grp))

# tee: the copies share the source
a, b = tee(range(100))
for _ in range(60):
    next(a)
a2 = pickle.loads(pickle.dumps(a))
print("tee", list(islice(a2, 3)), list(islice(b, 3)), list(islice(copy.copy(b), 2)))
t = type(a)(range(3))
print("_tee()", list(t))

# setstate errors
for obj, state in [(chain(), (1,)), (chain(), 5), (cycle(""), 5),
                   (permutations("ab"), ((0, 1),)), (product("ab"), (0, 0)),
                   (combinations("abc", 2), (1,)), (a, (1, 2))]:
    try:
        obj.__setstate__(state)
    except (TypeError, ValueError) as e:
        print(type(obj).__name__, type(e).__name__, e)

# reprs and names
print(repr(count(5)), repr(count(2.5)), repr(count(1, 2)), repr(repeat("a", 2)))
print(count.__module__, count.__name__, repr(count), repr(type(a)))


class MyCount(count):
    pass


print(repr(MyCount(3)))

# keywords: refused by the builtin constructors, accepted by a subclass's own __init__
for cls, args in [(chain, ([1], [2])), (cycle, ([1],)), (islice, ([1, 2, 3], 2)),
                  (starmap, (pow, [(2, 2)])), (map, (str, [1])), (filter, (None, [0, 1]))]:
    class Sub(cls):
        pass

    class SubInit(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg

    try:
        Sub(*args, newarg=1)
    except TypeError as e:
        print(cls.__name__, e)
    u = SubInit(*args, newarg=3)
    print(type(u).__name__, u.newarg, list(islice(u, 3)))

# an __iter__ that returns a non-iterator
class N:
    def __iter__(self):
        return self


for f in (iter, list, cycle, chain.from_iterable, enumerate, tuple):
    try:
        f(N())
    except TypeError as e:
        print(getattr(f, "__name__", f), e)

# accumulate's initial is keyword-only
try:
    accumulate(range(3), None, 5)
except TypeError as e:
    print(e)
print(operator.length_hint(repeat(None), 12), operator.length_hint(repeat(None, 3), 12))


# pairwise and tee re-entered from their source
def check_pairwise(reenter_at):
    class I:
        n = 0

        def __iter__(self):
            return self

        def __next__(self):
            self.n += 1
            if self.n in reenter_at:
                return next(it)
            return [self.n]

    it = pairwise(I())
    return [next(it) for _ in range(2)]


print(check_pairwise({1}), check_pairwise({2}))


class Reenter:
    def __iter__(self):
        return self

    def __next__(self):
        return next(t1)


t1, t2 = tee(Reenter())
try:
    next(t1)
except RuntimeError as e:
    print("RuntimeError", e)
