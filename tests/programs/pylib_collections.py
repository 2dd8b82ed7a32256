# collections: deque as a ring buffer, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
import collections.abc as cabc
from collections.abc import Iterable, Iterator, Sized, Mapping, MutableMapping, Sequence, Hashable, Callable, Generator

q = deque()
for i in range(20):
    q.append(i)
    if i % 3 == 0:
        q.appendleft(-i)
while len(q) > 10:
    q.popleft()
    q.pop()
print(q, len(q), q[0], q[-1], q[3])
q.rotate(3)
print(q)
q.rotate(-5)
print(list(q), 5 in q, 99 in q, q.index(5), q.count(5))
q.insert(2, "x")
q.remove("x")
del q[0]
q[0] = "first"
q.reverse()
print(q, list(reversed(q)))
b = deque("abc", maxlen=4)
b.extend("de")
b.extendleft("z")
print(b, b.maxlen, b == deque("zbcd"), b != deque("zbcd", maxlen=4), deque([1]) < deque([2]))
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, bool(deque()), deque([1]).copy())
for bad in (lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1]).index(7),
            lambda: deque([1]).remove(2), lambda: deque([1], maxlen=1).insert(0, 1)):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
r = deque([1])
r.append(r)
print(r)
try:
    for x in q:
        q.append(x)
except RuntimeError as e:
    print("RuntimeError", e)

dd = defaultdict(set)
for a, bb in [(1, 2), (1, 3), (2, 4)]:
    dd[a].add(bb)
print(dd, dd[7], 8 in dd, dd.get(9), len(dd))
plain = defaultdict()
try:
    plain["k"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError", e)
print(isinstance(dd, dict), defaultdict(int, a=1), dd.copy() == dd, type(dd.copy()).__name__)

c = Counter("mississippi")
print(c, c.most_common(1), c.most_common(0), c["z"], c.total())
c.update(["s", "x"], x=2)
c.subtract("ii")
print(c, sorted(c.elements()))
d = Counter(a=3, b=-1, c=0)
print(+d, -d, d + Counter(b=2), d - Counter(a=5), d | Counter(c=4), d & Counter(a=1))
e = Counter(a=1)
e += Counter(a=2, b=1)
e -= Counter(b=5)
print(e, Counter() == Counter(z=0), Counter(a=1) <= Counter(a=2), Counter())
del e["nope"]

od = OrderedDict.fromkeys("abcde", 0)
od.move_to_end("a")
od.move_to_end("e", last=False)
print(od, od.popitem(), od.popitem(last=False), list(od.keys()))
print(od == OrderedDict([("b", 0), ("c", 0), ("d", 0)]), od == OrderedDict([("c", 0), ("b", 0), ("d", 0)]))
print(od == {"d": 0, "c": 0, "b": 0}, OrderedDict(), od | {"z": 1})
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)

Pt = namedtuple("Pt", "x, y z", defaults=(0,))
p = Pt(1, 2)
print(p, Pt(1, 2, 3), p.z, p._asdict(), p._replace(y=9), Pt._make(range(3)), Pt._fields)
print(p + (4,), p[::-1], hash(p) == hash((1, 2, 0)), Pt.x.__doc__, Pt.__doc__)
for bad in (lambda: Pt(), lambda: Pt(1, 2, 3, 4), lambda: Pt(1, x=1), lambda: Pt(1, 2, w=3),
            lambda: Pt._make([1]), lambda: p._replace(w=1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for names in (["a", "a"], ["_a"], ["class"], ["1x"]):
    try:
        namedtuple("T", names)
    except ValueError as e:
        print("ValueError", e)
print(namedtuple("R", ["a", "a", "def", "_x"], rename=True)._fields)
class Pt3(namedtuple("Pt3", "x y z")):
    __slots__ = ()
    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)
print(Pt3(1, -2, 3).norm1(), Pt3(1, 2, 3), Pt3.__mro__[1].__name__)
print(Pt.__match_args__)

base, mid, top = {"a": 1, "b": 2}, {"b": 20, "c": 30}, {"c": 300}
cm = ChainMap(top, mid, base)
print(cm["a"], cm["b"], cm["c"], len(cm), list(cm), dict(cm), cm.get("q", "dflt"), "a" in cm)
cm["new"] = 1
del cm["c"]
print(top, cm.parents, cm.new_child().maps[0], bool(ChainMap()), ChainMap({1: 2}))
try:
    del cm["a"]
except KeyError as e:
    print("KeyError", e)

class Bag:
    def __len__(self):
        return 0
    def __iter__(self):
        return iter(())
class Seq(Sequence):
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
    def __len__(self):
        return 3
def gen():
    yield 1
print(isinstance([], Iterable), isinstance(5, Iterable), isinstance(iter([]), Iterator), isinstance(Bag(), Sized))
print(isinstance({}, Mapping), isinstance({}, MutableMapping), isinstance([], Sequence), isinstance("", Sequence))
print(isinstance([], Hashable), isinstance(1, Hashable), isinstance(len, Callable), isinstance(gen(), Generator))
print(issubclass(Bag, Iterable), issubclass(Bag, Iterator), isinstance(cm, MutableMapping), isinstance(deque(), Sequence))
s = Seq()
print(list(s), 20 in s, s.index(20), s.count(10), list(reversed(s)), isinstance(s, Iterable))
try:
    Sequence()
except TypeError as e:
    print("TypeError", e)
print(cabc.Set.__name__, isinstance(frozenset(), cabc.Set), isinstance({}.keys(), cabc.KeysView))
