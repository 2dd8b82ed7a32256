# Special methods: arithmetic (reflected, in-place, NotImplemented), comparisons, hashing,
# containers, calls, context managers, conversions.
import functools
@functools.total_ordering
class V:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"V({self.x})"
    def __str__(self):
        return f"<{self.x}>"
    def __format__(self, spec):
        return format(self.x, spec) + "v"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        return V(o + self.x) if isinstance(o, int) else NotImplemented
    def __iadd__(self, o):
        self.x += o.x if isinstance(o, V) else o
        return self
    def __mul__(self, k):
        return V(self.x * k)
    __rmul__ = __mul__
    def __neg__(self):
        return V(-self.x)
    def __abs__(self):
        return V(abs(self.x))
    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x
    def __lt__(self, o):
        return self.x < o.x
    def __hash__(self):
        return hash(self.x)
    def __bool__(self):
        return self.x != 0
    def __index__(self):
        return self.x
    def __int__(self):
        return self.x
    def __float__(self):
        return float(self.x)
a, b = V(2), V(5)
print(a + b, a + 1, 1 + a, 3 * a, a * 3, -a, abs(V(-4)), str(a), f"{a:>4}", repr([a]))
c = a
c += b
print(c, a is c, a < b, a >= b, a == V(7), a != b, sorted([V(3), V(1), V(2)]))
print(bool(V(0)), bool(V(1)), [10, 20, 30][V(1)], int(V(9)), float(V(2)), hex(V(255)), len({V(1), V(1)}))
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
try:
    "s" - a
except TypeError as e:
    print("TypeError", e)

class NoHash:
    def __eq__(self, o):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError", e)
print(NoHash() == 1, NoHash.__hash__ is None)

class Grid:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        if k not in self.d:
            raise KeyError(k)
        return self.d[k]
    def __setitem__(self, k, v):
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
    def __len__(self):
        return len(self.d)
    def __iter__(self):
        return iter(sorted(self.d))
    def __reversed__(self):
        return iter(sorted(self.d, reverse=True))
g = Grid()
g[1, 2] = "a"
g[0, 0] = "b"
print(g[1, 2], (0, 0) in g, len(g), list(g), list(reversed(g)))
del g[0, 0]
print(len(g), bool(g))
try:
    g[9]
except KeyError as e:
    print("KeyError", e)

class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(Seq()), 4 in Seq(), [x for x in Seq()])

class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, times=1):
        return (x + self.n) * times
print(Adder(1)(2), Adder(1)(2, times=3), callable(Adder(0)), callable(3))

class Ctx:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.swallow
with Ctx("a") as x, Ctx("b"):
    print("body", x.name)
with Ctx("c", swallow=True):
    raise ValueError("hidden")
try:
    with Ctx("d"):
        raise KeyError("shown")
except KeyError as e:
    print("caught", e)

class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
print(list(It()), sum(It()), max(It()), *It())
a1, *rest = It()
print(a1, rest)
