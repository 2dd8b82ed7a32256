# The collector frees unreachable cycles with finalizers, weak references and callbacks in
# CPython's order, holding no reference to the garbage as a whole: objects a finalizer
# releases are freed at once, a weak reference that is garbage itself never calls back, a
# resurrected object survives, and a large garbage chain is collected in one go.
import gc
import sys
import weakref

log = []


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        log.append("del " + self.name)


class Breaker(Node):
    def __del__(self):
        log.append("del %s (other %s)" % (self.name, self.other.name if self.other else None))
        # Releases the only reference to a node outside the cycle: it is freed now.
        self.other = None
        log.append("released by " + self.name)


gc.disable()

# 1. A finalizer drops the only reference to an unreachable object that is not in a cycle.
a = Breaker("a")
a.self = a
a.other = Node("leaf")
del a
n = gc.collect()
print(1, n, log)
log.clear()

# 2. A weak reference from outside to a garbage object: its callback runs, after clearing.
class Plain:
    pass


p = Plain()
p.me = p
seen = []
w = weakref.ref(p, lambda r: seen.append(("callback", r() is None)))
del p
print(2, gc.collect(), seen, w())

# 3. A weak reference that is garbage itself never calls back.
q = Plain()
q.me = q
q.w = weakref.ref(q, lambda r: seen.append("never"))
del q
print(3, gc.collect(), seen)

# 4. A finalizer that resurrects its object: the object survives; its __del__ runs once.
saved = []


class Phoenix:
    def __del__(self):
        log.append("phoenix del")
        saved.append(self)


ph = Phoenix()
ph.me = ph
del ph
print(4, gc.collect(), log, len(saved))
saved[0].me = None
saved.clear()
print(4, gc.collect(), log)
log.clear()

# 5. Two finalizers in one cycle, each seeing the other whole.
x, y = Node("x"), Node("y")
x.other, y.other = y, x
del x, y
print(5, gc.collect(), sorted(log))
log.clear()


# 6. A long chain held only by a cycle: all of it goes in one collection.
class Link:
    __slots__ = ("next", "pair", "__weakref__")


head = None
for i in range(20000):
    link = Link()
    link.next = head
    link.pair = (i * 3 + 1000, i * 7 + 1000)
    head = link
probe = weakref.ref(head.next.next)
ring = [head]
ring.append(ring)
del head, link, ring
gc.collect()
print(6, probe())

# 7. A finalizer that makes another unreachable object reachable keeps it (and what it holds).
keep = []


class Keeper:
    def __del__(self):
        keep.append(self.held)


k = Keeper()
k.me = k
k.held = Plain()
k.held.me = k.held
k.held.tag = "kept"
del k
gc.collect()
print(7, [o.tag for o in keep])

# 8. The reference count a finalizer sees during a collection.
counts = []


class Counted:
    def __del__(self):
        counts.append(sys.getrefcount(self))


c = Counted()
c.me = c
del c
gc.collect()
print(8, counts)
