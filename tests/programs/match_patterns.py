# match statements: sequences, mappings, classes, errors
from collections.abc import Sequence, Mapping
import collections


def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x!r}"
        case [x, y]:
            return f"two {x!r} {y!r}"
        case [first, *middle, last]:
            return f"many {first!r} {middle!r} {last!r}"
        case _:
            return "not a sequence"


for v in [[], [1], (1, 2), [1, 2, 3, 4], range(3), "ab", b"ab", bytearray(b"x"), {1: 2}, 5,
          collections.deque([7, 8])]:
    print(seq(v))


class MySeq(Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


print(seq(MySeq(1, 2, 3)))


class Sub(list):
    pass


print(seq(Sub([9, 8])))


def mapping(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x} {y}"
        case {"type": "name", **rest}:
            return f"named rest={rest}"
        case {1: one, 2.0: two}:
            return f"numbers {one} {two}"
        case {}:
            return "some mapping"
        case _:
            return "no"


for v in [{"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "name", "a": 1, "b": 2},
          {1: "a", 2: "b"}, {}, {"x": 1}, [1], collections.OrderedDict(a=1)]:
    print(mapping(v))


class MyMap(Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


print(mapping(MyMap({"type": "point", "x": 5, "y": 6})))


def builtins_self(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case str(s):
            return f"str {s}"
        case list(l):
            return f"list {l}"
        case tuple(t):
            return f"tuple {t}"
        case dict(d):
            return f"dict {d}"
        case frozenset(f):
            return f"frozenset {sorted(f)}"
        case set(s):
            return f"set {sorted(s)}"
        case bytes(b):
            return f"bytes {b}"
        case float(x):
            return f"float {x}"
    return "other"


for v in [True, 3, "s", [1], (2,), {3: 4}, frozenset([1]), {5}, b"b", 1.5, None]:
    print(builtins_self(v))


class P:
    __match_args__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["a"]


class BadElem:
    __match_args__ = (1,)


def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


def m1():
    match NoArgs():
        case NoArgs(x):
            return x


def m2():
    match P(1, 2):
        case P(1, 2, 3):
            return "no"


def m3():
    match BadArgs():
        case BadArgs(x):
            return x


def m4():
    match BadElem():
        case BadElem(x):
            return x


def m5():
    match P(1, 2):
        case P(x, a=y):
            return x, y


def m6():
    match 5:
        case int(a, b):
            return a


def m7():
    match 1:
        case len():
            return "x"


def m8():
    match P(1, None):
        case P(a, c=z):
            return "has c"
        case P(a, b=None):
            return f"b is None, a={a}"


for f in [m1, m2, m3, m4, m5, m6, m7, m8]:
    attempt(f)

# or-patterns, as-patterns, guards, value patterns, singletons
class Color:
    RED = "red-value"
    GREEN = "green-value"


def misc(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case Color.RED:
            return "red"
        case (1 | 2 | 3) as small:
            return f"small {small}"
        case [(1 | 2) as a, *_] | [_, (1 | 2) as a]:
            return f"list with {a}"
        case {"k": [_, *rest]} if rest:
            return f"k rest {rest}"
        case str() as s if len(s) > 3:
            return "long str"
    return "fallthrough"


for v in [None, True, Color.RED, Color.GREEN, 2, [1, 9], [9, 2], {"k": [1, 2, 3]}, {"k": [1]},
          "longer", "ab", 1.0, False]:
    print(misc(v))

# the subject is evaluated once; a failed match binds nothing
calls = []


def subject():
    calls.append(1)
    return [1, 2]


match subject():
    case [a, b, c]:
        pass
    case [q, r]:
        print("bound", q, r)
print(len(calls))
