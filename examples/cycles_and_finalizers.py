# A small program for stress runs (`--gc-stress 1 --gc-verify`): reference cycles through
# instances, closures and bound methods, a finalizer that resurrects its object, and weak
# references whose callbacks run when the collector frees their referents. Its output does not
# depend on when collections happen.
import gc
import weakref

resurrected = []


class Node:
    def __init__(self, name):
        self.name = name
        self.next = self
        self.method = self.describe

    def describe(self):
        return "node " + self.name


class Phoenix:
    def __del__(self):
        resurrected.append(self)


def closure_cycle():
    def inner():
        return inner
    return inner


freed = []
refs = []
for i in range(200):
    n = Node(str(i))
    refs.append(weakref.ref(n, lambda ref, i=i: freed.append(i)))
    closure_cycle()
    del n
gc.collect()
print("weakref callbacks:", len(freed), sorted(freed)[:3], all(r() is None for r in refs))

p = Phoenix()
p.self = p
del p
gc.collect()
print("resurrected:", len(resurrected), gc.is_finalized(resurrected[0]))
resurrected.clear()
gc.collect()
print("uncollectable:", gc.garbage)
