# Instances of one class that set different subsets of attribute names, in different orders,
# delete some and set them again: vars() order and the collector's counts are CPython's.
import gc


class N:
    pass


a = N()
a.x = 1
a.y = 2
b = N()
b.y = 3          # skips x: still no dict of its own
b.z = 4
c = N()
c.z = 5
c.x = 6          # x before z in the class's names, but set after: insertion order kept
print(vars(a), vars(b), vars(c))

d = N()
d.x, d.y, d.z = 1, 2, 3
del d.y          # a hole
print(vars(d))
d.y = 20         # refilled: comes last, as in a dict
print(vars(d), d.x, d.y, d.z)

e = N()
e.x, e.y = 1, 2
del e.x
del e.y
print(vars(e), hasattr(e, "x"))
e.y = 5
e.x = 6
print(vars(e))

gc.disable()
gc.collect()
n = N()
n.z = n          # only the third name: the instance needs no dict object
del n
print("self-referencing instance:", gc.collect())
ring = [N() for _ in range(4)]
for i, r in enumerate(ring):
    r.y = ring[(i + 1) % 4]
del r
ring = None
print("ring of four:", gc.collect())
gc.enable()

try:
    del a.z
except AttributeError as exc:
    print("AttributeError:", exc)
