# __del__ that resurrects, __del__ that runs gc.collect(), and finalization happening once.
import gc
import weakref

log = []
graveyard = []


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        log.append("del " + self.name)
        graveyard.append(self)


p = Phoenix("p1")
del p
gc.collect()
print(log, len(graveyard), graveyard[0].name)
# Resurrected once: dropping it again frees it without another __del__ call.
r = weakref.ref(graveyard[0])
graveyard.clear()
gc.collect()
print(log, r() is None)


# A resurrecting object keeps what it references alive, unrelated cycles are still freed.
class Leaf:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append("leaf " + self.name)


p = Phoenix("p2")
p.leaf = Leaf("kept leaf")
other = Leaf("unrelated")
other.me = other
del p, other
gc.collect()
print(sorted(log[2:]), graveyard[0].leaf.name)
graveyard.clear()
gc.collect()
print(sorted(log[2:]))


# __del__ that triggers a collection, from refcount deallocation and from the collector.
class Collector:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append("collector del " + self.name)
        junk = Leaf("junk " + self.name)
        junk.me = junk
        del junk
        gc.collect()
        log.append("collector del done " + self.name)


c = Collector("by refcount")
del c
print(log[-3:])
c = Collector("by gc")
c.me = c
del c
gc.collect()
gc.collect()
print(sorted(log[-3:]))


# __del__ that allocates a lot while thresholds are tiny.
class Allocator:
    def __del__(self):
        stuff = [[i] for i in range(50)]
        for s in stuff:
            s.append(s)
        log.append("allocator del")


gc.set_threshold(1, 1, 1)
for i in range(5):
    a = Allocator()
    a.me = a
    del a
gc.collect()
gc.set_threshold(700, 10, 10)
print(log.count("allocator del"))


# An object resurrected by another object's finalizer in the same garbage.
class Rescuer:
    def __del__(self):
        graveyard.append(self.friend)
        log.append("rescued")


class Friend:
    pass


r = Rescuer()
f = Friend()
r.friend = f
f.rescuer = r
wf = weakref.ref(f)
del r, f
gc.collect()
print(log[-1], type(graveyard[-1]).__name__, wf() is None)
graveyard.clear()
gc.collect()
print("rescuer freed", wf() is None)
