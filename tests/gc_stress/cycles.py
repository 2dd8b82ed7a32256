# Cycles through instances, closures, bound methods, class objects, dicts and lists:
# each is dropped and must be collected (its weak reference dies, its __del__ runs once).
import gc
import weakref

log = []


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        log.append("del " + self.name)

    def method(self):
        return self.name


def instance_pair():
    a = Node("a")
    b = Node("b")
    a.other = b
    b.other = a
    return weakref.ref(a), weakref.ref(b)


def self_loop():
    n = Node("self")
    n.other = n
    return weakref.ref(n)


def closure_cycle():
    holder = Node("closure")

    def inner():
        return inner, holder

    holder.other = inner
    return weakref.ref(holder)


def bound_method_cycle():
    n = Node("bound")
    n.other = n.method
    return weakref.ref(n)


def class_cycle():
    class Local:
        pass

    Local.me = Local
    inst = Local()
    inst.cls = Local
    return weakref.ref(Local)


def container_cycles():
    l = []
    l.append(l)
    d = {}
    d["d"] = d
    holder = Node("containers")
    holder.other = [l, d, {"back": holder}]
    return weakref.ref(holder)


def check(label, refs):
    gc.collect()
    print(label, [r() is None for r in refs])


check("instances", instance_pair())
check("self loop", [self_loop()])
check("closure", [closure_cycle()])
check("bound method", [bound_method_cycle()])
check("class", [class_cycle()])
check("containers", [container_cycles()])
print(sorted(log))

# Many small cycles, some long rings.
refs = []
for i in range(30):
    ring = [Node("r%d_%d" % (i, j)) for j in range(4)]
    for j in range(4):
        ring[j].other = ring[(j + 1) % 4]
    refs.append(weakref.ref(ring[0]))
    del ring
gc.collect()
print("rings dead", all(r() is None for r in refs), len(log))

# A cycle kept alive from outside must survive.
keep = Node("kept")
keep.other = [keep]
r = weakref.ref(keep)
gc.collect()
print("kept alive", r() is keep, r().other[0].name)
del keep
gc.collect()
print("then freed", r() is None, log[-1])
