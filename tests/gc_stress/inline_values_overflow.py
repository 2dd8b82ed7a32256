# Instances whose attributes spill past the preheader into an overflow array, while
# collections run at every allocation: cycles through overflow values, finalizers that grow,
# shrink and materialize an instance being built, resurrection through an overflow value.
import gc

events = []


class Wide:
    def __init__(self, name, n):
        self.name = name
        for i in range(n):
            setattr(self, "v%d" % i, [i])


class Fin:
    def __init__(self, name, other):
        self.name = name
        self.other = other

    def __del__(self):
        o = self.other
        events.append("del %s" % self.name)
        for i in range(12):
            setattr(o, "late%d" % i, i)
        del o.late3
        vars(o)


def cycles(k):
    out = []
    for j in range(k):
        w = Wide("w%d" % j, 3 + j % 12)
        w.self_ref = w
        w.v2.append(w)
        out.append(w)
    return len(out)


print(cycles(40))
gc.collect()

host = Wide("host", 2)
for j in range(6):
    f = Fin("f%d" % j, host)
    f.loop = f
    del f
    gc.collect()
print(sorted(events)[:3], len(events), sorted(k for k in vars(host) if k.startswith("late")))

saved = []


class Phoenix:
    def __init__(self, name):
        for i in range(9):
            setattr(self, "p%d" % i, i)
        self.name = name
        self.me = self

    def __del__(self):
        saved.append(self)


p = Phoenix("bird")
del p
gc.collect()
print(len(saved), saved[0].name, saved[0].p8, saved[0].me is saved[0])
saved[0].me = None
saved.clear()
gc.collect()
print("done")
