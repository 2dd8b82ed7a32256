# gc.get_count() after allocating instances: their attributes are inline values in CPython
# 3.11 (no dict allocated), and arenapy's never-handed-out instance dicts count the same. (A
# few units of slack: CPython's tuple free list keeps get_count()'s own results uncounted.)
import gc


class A:
    def __init__(self):
        self.x = 1


gc.collect()
gc.disable()
c0 = gc.get_count()[0]
l = []
for i in range(100):
    l.append(A())
c1 = gc.get_count()[0]
print("100 instances count about 100:", 100 <= c1 - c0 <= 103)
del l[50:]
c2 = gc.get_count()[0]
print("50 freed count about -50:", -51 <= c2 - c1 <= -47)
d = l[0].__dict__
c3 = gc.get_count()[0]
print("__dict__ handed out counts one:", c3 - c2 == 1)
del l
c4 = gc.get_count()[0]
print("all freed:", -51 <= c4 - c3 <= -47)
