# A class's __del__ is looked up when an instance dies; a class found without one is
# remembered as such under its version tag, so assigning or deleting __del__ on the class or
# on a base afterwards must be seen by the next deallocation. Also: cycles of such instances,
# the collector's traversal of inline values, __slots__, tuples and classes.
import gc

log = []


class A:
    pass


def churn(cls, n=3):
    for _ in range(n):
        cls()


churn(A)
A.__del__ = lambda self: log.append("del A")
A()
print(log)

class Base:
    pass


class Sub(Base):
    pass


churn(Sub)
Base.__del__ = lambda self: log.append("del via Base")
Sub()
print(log)
Sub.__del__ = lambda self: log.append("del Sub")
Sub()
print(log)
del Sub.__del__
Sub()
print(log)
del Base.__del__
churn(Sub)
print(log)
del A.__del__
churn(A)
print(log)


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


log.clear()


def make_cycle():
    a = Node("a")
    b = Node("b")
    a.other = b
    b.other = a


make_cycle()
gc.collect()
Node.__del__ = lambda self: log.append("del " + self.name)
make_cycle()
print(gc.collect() >= 2, sorted(log))


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = [1]
        self.y = (2, [3])


s = Slotted()
refs = gc.get_referents(s)
print([type(r).__name__ for r in refs])
t = (s, [4], "five")
print([type(r).__name__ for r in gc.get_referents(t)])
n = Node("n")
n.extra = {"k": 1}
print([type(r).__name__ for r in gc.get_referents(n)])
print(gc.get_referents(n)[:3])
print(len(gc.get_referents(Node)) > 0)
del n.extra
print([type(r).__name__ for r in gc.get_referents(n)])
