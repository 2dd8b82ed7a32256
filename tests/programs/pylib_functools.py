# functools and abc: partial, lru_cache, wraps, total_ordering, cmp_to_key, cached_property,
# singledispatch; ABCMeta, abstractmethod, register
import functools
from functools import partial, reduce, lru_cache, wraps, total_ordering, cmp_to_key
from abc import ABC, ABCMeta, abstractmethod

def tag(name, *children, cls=None, **attrs):
    return (name, children, cls, sorted(attrs.items()))
div = partial(tag, "div", cls="box")
inner = partial(div, "child", id=1)
print(div("x"), inner("y", cls="other"), inner.func is tag, inner.args, inner.keywords)
print(repr(partial(tag, 1, a=2)).startswith("functools.partial(<function tag at"), repr(partial(len)))
class Sub(partial):
    pass
print(repr(Sub(len, [1])).startswith("Sub(<built-in function len>"), Sub(len, [1, 2])())
print(reduce(lambda a, b: a * 10 + b, [1, 2, 3], 0), reduce(min, [5, 3, 8]))
try:
    reduce(min, [])
except TypeError as e:
    print("TypeError", e)

hits = []
@lru_cache(maxsize=3, typed=True)
def sq(x):
    hits.append(x)
    return x * x
for v in [1, 2, 1.0, 3, 4, 1, 2]:
    sq(v)
print(hits, sq.cache_info(), sq.cache_parameters())
sq.cache_clear()
print(sq.cache_info(), sq.__name__, sq.__wrapped__(5))
@lru_cache
def ways(n, k=2):
    return 1 if n <= 1 else ways(n - 1, k=k) + ways(n - 2, k=k)
print(ways(60), ways.cache_info().currsize)
@functools.cache
def fact(n):
    return n * fact(n - 1) if n else 1
print(fact(20), fact.cache_info())

def trace(fn):
    @wraps(fn)
    def inner(*a, **k):
        return ("traced", fn(*a, **k))
    return inner
@trace
def area(w, h):
    "Area of a rectangle."
    return w * h
area.extra = 1
print(area(2, 3), area.__name__, area.__doc__, area.__wrapped__.__name__, area.__qualname__)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

@total_ordering
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
    def __gt__(self, other):
        return self.cents > other.cents
    def __repr__(self):
        return f"${self.cents / 100:.2f}"
ms = [Money(500), Money(150), Money(999)]
print(sorted(ms), Money(1) < Money(2), Money(2) <= Money(2), Money(3) >= Money(4), max(ms))
try:
    total_ordering(type("Bare", (), {}))
except ValueError as e:
    print("ValueError", e)
print(sorted([3, -1, 2, -5], key=cmp_to_key(lambda a, b: abs(a) - abs(b))))

class Data:
    def __init__(self, xs):
        self.xs = xs
        self.n = 0
    @functools.cached_property
    def total(self):
        "The sum."
        self.n += 1
        return sum(self.xs)
d = Data([1, 2, 3])
print(d.total, d.total, d.n, Data.total.__doc__, vars(d))

@functools.singledispatch
def show(x):
    return "generic"
@show.register(int)
def _(x):
    return "int"
@show.register
def _(x: str):
    return "str"
@show.register(list)
@show.register(tuple)
def _(x):
    return "seq"
print(show(1), show(True), show("a"), show([1]), show((1,)), show(1.5), show.dispatch(bool).__name__)

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    @property
    @abstractmethod
    def name(self):
        ...
    def describe(self):
        return f"{self.name}: {self.area()}"
class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
    @property
    def name(self):
        return "square"
class Half(Shape):
    def area(self):
        return 0
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)
print(Square(3).describe(), isinstance(Square(1), Shape), Shape.__abstractmethods__ == {"area", "name"})
class Duck(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, "quack") else NotImplemented
class Mallard:
    def quack(self):
        pass
@Duck.register
class Robot:
    pass
print(isinstance(Mallard(), Duck), isinstance(Robot(), Duck), issubclass(int, Duck), Robot.__name__)
