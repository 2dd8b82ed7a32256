# Collections started while reference counting is freeing an object: from a weak reference
# callback of the dying object, and from finalizers while deeper deallocations wait in the
# deferred queue (the "trashcan"). Dead objects (refcount zero) must not be in any generation
# then, or the collection would free them a second time.
import gc
import weakref

log = []


class Obj:
    pass


o = Obj()
o.child = [Obj()]
w = weakref.ref(o, lambda wr: log.append(gc.collect() >= 0))
del o
print("callback collected", log)


class Link:
    def __del__(self):
        gc.collect()
        log.append(1)


x = None
for i in range(120):
    x = [[Link()], x, [Link()]]
x = None
print("nested lists with collecting finalizers freed", len(log))


# The same with a cycle collected by the collector, whose clearing frees a deep structure.
class Holder:
    pass


h = Holder()
h.me = h
y = None
for i in range(120):
    y = [[Link()], y]
h.y = y
del h, y
gc.collect()
print("after collecting the holder", len(log))
