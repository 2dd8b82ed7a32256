# A mix of everything in one loop, meant for small --gc-stress intervals.
import gc
import weakref

events = []
wrs = []


class A:
    def __init__(self, i):
        self.i = i
        self.data = {"self": self, "list": [self]}

    def __del__(self):
        events.append(self.i)

    def get(self):
        return self.i


def gen(o):
    try:
        yield o
    finally:
        events.append(-1)


for i in range(40):
    a = A(i)
    a.bound = a.get
    a.g = gen(a)
    next(a.g)
    f = lambda: a
    a.f = f
    wrs.append(weakref.ref(a, lambda w: events.append(1000)))
    try:
        raise KeyError(i)
    except KeyError as e:
        a.err = e
    del a, f
gc.collect()
print(sorted(set(events)) == [-1] + list(range(40)) + [1000], events.count(-1), events.count(1000))
print(len(events))
