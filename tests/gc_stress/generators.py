# Suspended generators with pending finally blocks, in cycles: collecting them closes them
# (runs the finally), once.
import gc
import weakref

log = []


class Box:
    pass


def worker(box, name):
    box.gen = None
    try:
        yield 1
        yield 2
    finally:
        log.append("finally " + name)


def make(name):
    box = Box()
    g = worker(box, name)
    box.gen = g
    next(g)  # suspended in the try block
    return weakref.ref(box)


refs = [make("g%d" % i) for i in range(5)]
gc.collect()
print(sorted(log))
print([r() is None for r in refs])


# A generator that refers to itself through its own frame.
def selfish():
    me = yield
    try:
        yield me
    finally:
        log.append("selfish closed")


g = selfish()
next(g)
g.send(g)
del g
gc.collect()
print(log[-1])


# A finally that builds new garbage cycles while the collector runs.
def builder():
    try:
        yield
    finally:
        junk = []
        junk.append(junk)
        b = Box()
        b.b = b
        log.append("builder finally")


holder = Box()
holder.g = builder()
holder.g.send(None)
holder.self = holder
del holder
gc.collect()
gc.collect()
print(log[-1])

# Exhausted and never-started generators in cycles.
for start in (False, True):
    h = Box()
    h.g = worker(h, "exhausted" if start else "unstarted")
    if start:
        for _ in h.g:
            pass
    del h
gc.collect()
print(sorted(log))


# Generator expressions and a yield-from chain.
def inner():
    try:
        yield 1
        yield 2
    finally:
        log.append("inner finally")


def outer(box):
    box.o = None
    try:
        yield from inner()
    finally:
        log.append("outer finally")


b = Box()
b.o = outer(b)
next(b.o)
del b
gc.collect()
print(log[-2:])
ge = (x for x in range(3))
next(ge)
l = [ge]
l.append(l)
del ge, l
gc.collect()
print("done")
