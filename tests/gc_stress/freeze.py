# gc.freeze: frozen objects are never examined, unfreeze gives them back.
import gc
import weakref


class Node:
    pass


gc.collect()
n = Node()
n.me = n
w = weakref.ref(n)
gc.freeze()
print("frozen some", gc.get_freeze_count() > 0)
del n
gc.collect()
print("frozen cycle survives", w() is not None)

# New cycles made after the freeze are collected normally.
m = Node()
m.me = m
wm = weakref.ref(m)
del m
gc.collect()
print("new cycle collected", wm() is None)

gc.unfreeze()
print("freeze count", gc.get_freeze_count())
gc.collect()
print("thawed cycle collected", w() is None)

# Freezing twice, collecting in between, with objects referencing across.
a = Node()
a.me = a
gc.freeze()
b = Node()
b.a = a
b.me = b
wb = weakref.ref(b)
del b
gc.collect()
print("young cycle referencing frozen object", wb() is None)
gc.freeze()
gc.unfreeze()
del a
gc.collect()
print("done", gc.get_freeze_count())
