# Cycles through attributes kept inline in instances, and instances whose dict is built while
# collections run: finalizers that read, add, delete and materialize attributes, a finalizer
# that resurrects through an inline value, `__class__` changed in `__del__`.
import gc
import weakref

events = []


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None


class Fin:
    def __init__(self, name, other=None):
        self.name = name
        self.other = other

    def __del__(self):
        o = self.other
        events.append("del %s other=%s" % (self.name, o.name if o is not None else None))
        if o is not None:
            o.extra = 1
            vars(o)
            del o.extra


class Gone:
    pass


class Shifter:
    def __init__(self):
        self.x = 1

    def __del__(self):
        self.__class__ = Gone
        events.append("shifted %s" % sorted(vars(self)))


saved = []


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        if len(saved) < 3:
            saved.append(self)
        events.append("phoenix " + self.name)


def build(i):
    a = Node("a%d" % i)
    b = Node("b%d" % i)
    a.peer = b
    b.peer = a
    if i % 2:
        vars(a)["later"] = [a, b]
    if i % 3 == 0:
        b.__dict__ = {"name": b.name, "peer": a, "tail": (a,)}
    return weakref.ref(a), weakref.ref(b)


refs = []
for i in range(30):
    refs.extend(build(i))
for i in range(10):
    f1 = Fin("f%d" % i)
    f2 = Fin("g%d" % i, f1)
    f1.other = f2
    f1.loop = [f1, f2]
del f1, f2
s = Shifter()
s.cycle = [s]
del s
for i in range(4):
    Phoenix("p%d" % i)
gc.collect()
gc.collect()
print(sum(r() is None for r in refs), len(refs))
for e in sorted(events):
    print(e)
print(sorted(p.name for p in saved), [sorted(vars(p)) for p in saved][:1])
for p in saved:
    del p.me
saved.clear()
print(gc.collect() >= 0)
