# Instances with more attributes than the preheader keeps inline (an overflow array, up to the
# class's 30 shared keys, then a dict): order, deletion, re-adding, vars(), __dict__ built and
# replaced, __class__ assignment, copy and pickle, cycles through the values.
import copy
import gc
import pickle


def fill(obj, n, prefix="a"):
    for i in range(n):
        setattr(obj, f"{prefix}{i}", i)
    return obj


class Many:
    def __init__(self, n):
        fill(self, n)


for n in (4, 5, 8, 9, 14, 15, 30, 31, 40):
    objs = [Many(n) for _ in range(3)]
    o = objs[1]
    print(n, list(vars(o))[:3], list(vars(o))[-2:], len(vars(o)), sum(vars(o).values()))
    print(n, getattr(o, f"a{n - 1}"), hasattr(o, f"a{n}"), objs[2].a0)


# a class whose instances set different subsets, in different orders
class Mixed:
    pass


a = fill(Mixed(), 12, "x")
b = fill(Mixed(), 6, "x")
c = Mixed()
c.x7 = "late"
c.x0 = "early"  # refills a hole: this one gets a dict
print(list(vars(a)), list(vars(b)), vars(c))
d = fill(Mixed(), 12, "x")
del d.x3, d.x10
d.x11 = "over"
d.x20 = "new"
print(list(vars(d)), d.x11, d.x20, hasattr(d, "x3"))
try:
    del d.x3
except AttributeError as e:
    print("AttributeError", e)
d.x3 = "back"
print(list(vars(d))[-3:], d.x3)

# __dict__ asked for, then more attributes
e = fill(Mixed(), 9, "x")
ed = e.__dict__
e.extra = 1
ed["viadict"] = 2
print(ed is e.__dict__, list(ed)[-3:], e.viadict, e.x8)

# __dict__ replaced
f = fill(Mixed(), 10, "x")
f.__dict__ = {"only": 1}
print(vars(f), hasattr(f, "x9"))
f.more = 2
print(vars(f))

# __class__ assignment with the values spilled over
class Other:
    def who(self):
        return "other"


g = fill(Mixed(), 11, "x")
g.__class__ = Other
print(g.who(), list(vars(g))[-2:], g.x10)
g.y = 5
print(len(vars(g)), g.y)

# copy and pickle
h = fill(Many(0), 7, "p")
h2 = copy.copy(h)
h3 = pickle.loads(pickle.dumps(h))
h4 = copy.deepcopy(h)
print(vars(h2) == vars(h), vars(h3) == vars(h), list(vars(h4)) == list(vars(h)))


# a cycle through an overflow value is collected
class Node:
    pass


def make_cycle():
    n = fill(Node(), 9, "v")
    n.v8 = n
    n.v7 = [n]
    return n


gc.collect()
for _ in range(5):
    make_cycle()
print("collected", gc.collect() > 0)

# many instances of a class with 20 attributes, read and written at the same sites
class Wide:
    def __init__(self, k):
        for i in range(20):
            setattr(self, f"f{i}", i * k)

    def total(self):
        return self.f0 + self.f5 + self.f10 + self.f19

    def bump(self):
        self.f19 = self.f19 + 1
        self.f4 = -1


ws = [Wide(k) for k in range(50)]
for _ in range(20):
    for w in ws:
        w.bump()
print(sum(w.total() for w in ws), ws[3].f4, list(vars(ws[3]))[-1])
